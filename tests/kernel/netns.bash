# SPDX-License-Identifier: GPL-2.0-or-later
#
# netns.bash: the set-up that the kernel test files share.  Each function
# fails with the reason on stderr, so that a test that cannot run says why
# (the suite never skips).
#
#   kt_need [--no-ipvs] [COMMAND...]
#	LVSADM names the binary under test, we are root, IPVS is loaded
#	(unless --no-ipvs), and each COMMAND is installed.
#   kt_netns TAG [CIDR]
#	a fresh network namespace $ns for this test, with lo up and a dummy
#	lan0 holding CIDR (default 10.0.0.1/24), so that real servers in
#	that network are reachable; LVSADM_RUNDIR is the test's own.
#   kt_netns_del
#	removes it again (for teardown).
#   lvs ARGS...
#	lvsadm inside $ns.
#   kt_build_inject (in setup_file) / kt_need_inject (in setup)
#	build the fault-injection library (inject.c) as $INJECT, and check
#	that it is there.

kt_need() {
	local ipvs=1 c

	if [[ ${1:-} == --no-ipvs ]]; then
		ipvs=0
		shift
	fi
	[[ -n ${LVSADM:-} && -x $LVSADM ]] || {
		echo "LVSADM must name the lvsadm binary under test" >&2
		return 1
	}
	[[ $EUID -eq 0 ]] || {
		echo "these tests need root (network namespaces and IPVS)" >&2
		return 1
	}
	((ipvs == 0)) || [[ -e /proc/net/ip_vs ]] || modprobe ip_vs || {
		echo "IPVS is not available in this kernel" >&2
		return 1
	}
	for c in "$@"; do
		command -v "$c" >/dev/null || {
			echo "$c is missing: contrib/install-deps installs it" >&2
			return 1
		}
	done
}

kt_netns() {
	ns=lvsadm-$1-$$-${BATS_TEST_NUMBER}
	ip netns add "$ns" || return 1
	ip -n "$ns" -batch - <<-EOF || return 1
		link set lo up
		link add lan0 type dummy
		addr add ${2:-10.0.0.1/24} dev lan0
		link set lan0 up
	EOF
	export LVSADM_RUNDIR=$BATS_TEST_TMPDIR/run
}

kt_netns_del() {
	ip netns del "$ns" 2>/dev/null || true
}

lvs() {
	ip netns exec "$ns" "$LVSADM" "$@"
}

kt_build_inject() {
	cc -shared -fPIC -o "$BATS_FILE_TMPDIR/inject.so" \
		"$BATS_TEST_DIRNAME/inject.c"
}

kt_need_inject() {
	INJECT=$BATS_FILE_TMPDIR/inject.so
	[[ -f $INJECT ]] || {
		echo "the fault-injection library did not build (is cc installed?)" >&2
		return 1
	}
}
