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
#   ref ARGS...
#	the reference ipvsadm ($IPVSADM_REF) inside $ns; saved is its -Sn.
#   kt_attempt VIP:PORT
#	one TCP connection attempt from $ns to VIP:PORT: its SYN goes out
#	and, lan0 being a dummy, is never answered.
#   kt_counted VIP:PORT
#	attempts until the TCP service VIP:PORT counts a connection (a
#	first exec can be slow under emulation), and prints that count.
#   kt_conns VIP:PORT
#	the connections the TCP service VIP:PORT counts (Conns, as the
#	reference's -L -n --stats --exact prints it).
#   kt_host_state
#	what a VIP command changes on a host, as text: the addresses on lo,
#	sorted, and conf/all's ARP sysctls (run it inside the namespace).
#   kt_build_inject (in setup_file) / kt_need_inject (in setup)
#	build the fault-injection library (inject.c) as $INJECT, and check
#	that it (and kt_need cc) is there.
#
# The end-to-end tests use the lab of contrib/lab/lab.bash instead of $ns:
#   kt_lab TAG [COMMAND...]
#	kt_need with the COMMANDs, then lab.bash for this test: its hosts
#	are named TAG<test number>-HOST, its files are in the test's own
#	directory.
#   kt_lab_dr [--no-vip] N
#	a Direct Routing lab: a client 10.0.0.100, a director 10.0.0.2 that
#	holds $VIP on eth0 (not with --no-vip: a VRRP daemon gives it), and
#	real servers rs1..rsN at 10.0.0.21.., each serving its name over
#	HTTP, with $VIP bound on lo by lvsadm --add-vip.
#   lv HOST ARGS...
#	lvsadm on lab host HOST, with a state directory of that host's own.
#   kt_untraced FUNCTION ARGS...
#	FUNCTION without bats' DEBUG trap (for the helpers of many cases).

export IPVSADM_REF=${IPVSADM_REF:-/usr/sbin/ipvsadm}

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

ref() {
	ip netns exec "$ns" "$IPVSADM_REF" "$@"
}

saved() {
	ref -Sn
}

kt_attempt() {
	# shellcheck disable=SC2016 # the inner shell's arguments
	ip netns exec "$ns" timeout 3 bash -c ': <>"/dev/tcp/$1/$2"' \
		attempt "${1%:*}" "${1##*:}" 2>/dev/null || true
}

kt_conns() {
	ref -L -n --stats --exact -t "$1" | awk 'NR == 3 { print $3 }'
}

kt_counted() {
	local i n

	for ((i = 0; i < 10; i++)); do
		kt_attempt "$1"
		n=$(kt_conns "$1")
		if [[ ${n:-0} -gt 0 ]]; then
			echo "$n"
			return 0
		fi
	done
	echo "$1 counted no connection after $i attempts" >&2
	return 1
}

kt_host_state() {
	local a v

	ip -o addr show dev lo | while read -r _ _ _ a _; do echo "$a"; done |
		sort
	for v in arp_ignore arp_announce arp_filter; do
		echo "$v=$(</proc/sys/net/ipv4/conf/all/$v)"
	done
}

kt_build_inject() {
	cc -shared -fPIC -o "$BATS_FILE_TMPDIR/inject.so" \
		"$BATS_TEST_DIRNAME/inject.c"
}

kt_need_inject() {
	kt_need cc || return 1
	INJECT=$BATS_FILE_TMPDIR/inject.so
	[[ -f $INJECT ]] || {
		echo "the fault-injection library did not build (is cc installed?)" >&2
		return 1
	}
}

kt_lab() {
	local tag=$1

	shift
	export LAB_PREFIX=$tag${BATS_TEST_NUMBER}-
	export LAB_DIR=$BATS_TEST_TMPDIR
	# First, so that teardown's lab_cleanup is there whatever fails.
	# shellcheck source=contrib/lab/lab.bash
	. "$BATS_TEST_DIRNAME/../../contrib/lab/lab.bash" || return 1
	kt_need "$@"
}

kt_lab_dr() {
	local vip=1 n i

	if [[ $1 == --no-vip ]]; then
		vip=0
		shift
	fi
	n=$1
	lab_init || return 1
	lab_host client 10.0.0.100/24 || return 1
	lab_host director 10.0.0.2/24 || return 1
	if ((vip)); then
		lab_in director ip addr add "$VIP/32" dev eth0 || return 1
	fi
	for ((i = 1; i <= n; i++)); do
		lab_host "rs$i" "10.0.0.$((20 + i))/24" || return 1
		lab_httpd "rs$i" "rs$i" || return 1
		lv "rs$i" --add-vip "$VIP" || return 1
	done
}

lv() {
	local host=$1

	shift
	LVSADM_RUNDIR=$LAB_DIR/run-$host lab_in "$host" "$LVSADM" "$@"
}

# kt_untraced FUNCTION ARGS...: run FUNCTION without bats' DEBUG trap.
# bats runs a costly function before every simple command of a test to
# keep its backtrace; with it, the builtin-heavy helpers of the
# differential files take seconds per case under TCG.  Failures are
# reported by the helpers' own messages, and by bats at the line that
# called the public function.
kt_untraced() {
	# The trap text is read once per test, through a file: $(trap -p)
	# would cost a fork.
	if [[ -z ${_kt_trap_text+set} ]]; then
		trap -p DEBUG >"$BATS_TEST_TMPDIR/kt.trap"
		_kt_trap_text=
		IFS= read -r -d '' _kt_trap_text <"$BATS_TEST_TMPDIR/kt.trap" || true
	fi
	trap - DEBUG
	local _kt_rc=0
	"$@" || _kt_rc=$?
	if [[ -n $_kt_trap_text ]]; then
		eval "$_kt_trap_text"
	fi
	return "$_kt_rc"
}
