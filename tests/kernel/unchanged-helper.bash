# SPDX-License-Identifier: GPL-2.0-or-later
#
# unchanged-helper.bash: "refused, and nothing changed" tests
# (bad-input.bats, privilege.bats).
#
# setup_file builds one network namespace in a known, non-empty state:
# services and real servers loaded by the reference ipvsadm, a VIP bound
# by lvsadm (so that a state file exists and conf/all's ARP sysctls hold
# lvsadm's values), and ARP sysctls that are not the kernel's defaults on
# every interface.  Each case runs one lvsadm command line against it
# and checks:
#   - the exit status,
#   - stderr, exactly (or against a bash regex with --match),
#   - that nothing changed: the table as the reference `ipvsadm -Sn`
#     prints it, the addresses on lo and lan0, the ARP sysctls
#     (arp_ignore, arp_announce, arp_filter, rp_filter) of all, default,
#     lo and lan0, and the state directory (names, types, modes, owners,
#     inodes, and the bytes of the state file) are exactly the known
#     state's, or for a case that damaged the state directory itself
#     (--prep), exactly as the damage left it.
# Every case leaves the known state as it found it, or fails; a case that
# fails rebuilds the namespace in teardown, so that the next case starts
# from the known state again.
#
#   bad_case [OPTIONS] RC STDERR -- ARGS...
# runs `lvsadm ARGS...` (found in PATH as lvsadm, so that argv[0] is
# "lvsadm").  Options:
#   --stdin FILE   standard input (default /dev/null)
#   --prep CODE    bash code run in the namespace, in the case's directory,
#                  with a copy of the state directory in ./run (which is
#                  then $LVSADM_RUNDIR): it damages ./run to set the case up
#   --match        STDERR is a bash regex that the whole stderr must match
#   --ref          the reference ipvsadm, run first with the same
#                  arguments and stdin, must give the same exit status and
#                  stderr (with "ipvsadm" read as "lvsadm"), and change
#                  nothing either
#   --as-ipvsadm   run lvsadm under the name ipvsadm (then --ref compares
#                  the texts as they are)
#   --user         run as uid/gid 65534 with no groups (setpriv)
#   --nocap        run as root without CAP_NET_ADMIN (setpriv)
#   --env VAR=VAL  extra environment for the commands (repeatable)
# Afterwards $BATS_TEST_TMPDIR/sut.out holds lvsadm's stdout.
#
# Everything runs as one bash script inside the namespace, and the checks
# use builtins: exec is costly under TCG emulation.

load netns

IPVSADM_REF=${IPVSADM_REF:-/usr/sbin/ipvsadm}

# The known state's services and real servers.
_uc_rules() {
	cat <<'EOF'
-A -t 10.0.0.10:80 -s rr
-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 1
-a -t 10.0.0.10:80 -r 10.0.0.3:80 -g -w 2
-A -u 10.0.0.10:53 -s wlc -p 300
-a -u 10.0.0.10:53 -r 10.0.0.4:53 -g -w 1
-A -f 7 -s sh
-a -f 7 -r 10.0.0.5:0 -g -w 5
-A -t [2001:db8::10]:443 -s lc
-a -t [2001:db8::10]:443 -r [2001:db8::2]:443 -g -w 3
EOF
}

# _uc_build: (re)create the namespace and its known state.
_uc_build() {
	local d=$BATS_FILE_TMPDIR c=/proc/sys/net/ipv4/conf
	ip netns del "$UC_NS" >/dev/null 2>&1 || true
	rm -rf "$d/run-good"
	_uc_rules >"$d/known.rules"
	ip netns add "$UC_NS" || return 1
	ip -n "$UC_NS" -batch - <<'EOF' || return 1
link set lo up
link add lan0 address 02:00:00:00:00:01 type dummy
addr add 10.0.0.1/24 dev lan0
addr add 2001:db8::1/64 dev lan0 nodad
link set lan0 up
EOF
	ip netns exec "$UC_NS" bash -c "
		set -e
		echo 1 >$c/all/arp_announce
		echo 2 >$c/all/rp_filter
		echo 1 >$c/default/arp_filter
		echo 2 >$c/lan0/arp_ignore
		echo 1 >$c/lan0/arp_filter
		echo 1 >$c/lo/arp_announce
		'$IPVSADM_REF' -R <'$d/known.rules'
		LVSADM_RUNDIR='$d/run-good' '$LVSADM' --add-vip 10.0.0.100,2001:db8::100
	" || return 1
}

setup_file() {
	export _UC_PROBLEM=
	if [[ -n ${LVSADM:-} && $LVSADM != /* ]]; then
		export LVSADM=$PWD/$LVSADM
	fi
	export UC_NS=lvuc-$$
	if [[ $EUID -ne 0 ]]; then
		_UC_PROBLEM="these tests need root (network namespaces, IPVS, sysctls)"
		return 0
	fi
	if [[ -z ${LVSADM:-} || ! -x $LVSADM ]]; then
		_UC_PROBLEM="LVSADM must name the lvsadm binary under test"
		return 0
	fi
	if [[ ! -x $IPVSADM_REF ]]; then
		_UC_PROBLEM="IPVSADM_REF=$IPVSADM_REF is not executable (apt-get install ipvsadm)"
		return 0
	fi
	if [[ ! -e /proc/net/ip_vs ]] && ! modprobe ip_vs 2>/dev/null; then
		_UC_PROBLEM="IPVS is not available in this kernel; run the tests in tests/vm/lvsadm-vm"
		return 0
	fi
	# lvsadm and the reference, each under its own name, first in PATH.
	# A directory that uid 65534 can reach too (--user).
	UC_BIN=$(mktemp -d /tmp/lvuc-bin.XXXXXX) || return 1
	export UC_BIN
	ln -sf "$LVSADM" "$UC_BIN/lvsadm"
	ln -sf "$IPVSADM_REF" "$UC_BIN/ipvsadm"
	mkdir -p "$UC_BIN/sut"
	ln -sf "$LVSADM" "$UC_BIN/sut/ipvsadm"
	chmod 755 "$UC_BIN" "$UC_BIN/sut"
	if ! out=$(_uc_build 2>&1); then
		_UC_PROBLEM="cannot build the known state: $out"
		return 0
	fi
	# The known state, as every case must leave it.
	_uc_known || _UC_PROBLEM="cannot take a snapshot of the known state"
}

teardown_file() {
	ip netns del "$UC_NS" >/dev/null 2>&1 || true
	[[ -n ${UC_BIN:-} ]] && rm -rf "$UC_BIN"
	return 0
}

setup() {
	if [[ -n ${_UC_PROBLEM:-} ]]; then
		echo "$_UC_PROBLEM" >&2
		return 1
	fi
}

teardown() {
	# A failed case may have changed the namespace: start the next case
	# from the known state again.
	if [[ -z ${BATS_TEST_COMPLETED:-} && -z ${_UC_PROBLEM:-} ]]; then
		{ _uc_build && _uc_known; } >/dev/null 2>&1 || true
	fi
}

# _uc_snap_fn: the shell function snap, for the scripts that run in the
# namespace.  `snap P` writes P.sys (the table, the addresses, the
# sysctls) and P.state (the state directory $LVSADM_RUNDIR: names, types,
# modes, owners and inodes, and the bytes of its regular files); `snap P
# state` writes P.state only.
_uc_snap_fn() {
	# shellcheck disable=SC2016 # the script's own variables
	printf '%s\n' \
		'snap() {' \
		'	local d k v f s here=$PWD' \
		'	if [[ ${2:-} != state ]]; then' \
		'		{' \
		"			'$IPVSADM_REF' -Sn" \
		'			ip -o addr show' \
		'			for d in all default lo lan0; do' \
		'				for k in arp_ignore arp_announce arp_filter rp_filter; do' \
		'					read -r v </proc/sys/net/ipv4/conf/$d/$k; echo "$d.$k=$v"' \
		'				done' \
		'			done' \
		'		} >"$1.sys" 2>&1' \
		'	fi' \
		'	{' \
		'		if cd "$LVSADM_RUNDIR" 2>/dev/null; then' \
		'			stat -c "%n %F %a %u:%g %i" . * 2>&1' \
		'			for f in *; do' \
		'				[[ -f $f && ! -L $f ]] || continue' \
		'				s=; LC_ALL=C IFS= read -r -d "" s <"$f"' \
		'				printf "== %s\n%s\n" "$f" "$s"' \
		'			done' \
		'			cd "$here"' \
		'		else' \
		'			stat -c "%n %F %a %u:%g %i" "$LVSADM_RUNDIR" 2>&1' \
		'		fi' \
		'	} >"$1.state" 2>&1' \
		'}'
}

# _uc_known: the snapshot of the known state, BATS_FILE_TMPDIR/known.*.
_uc_known() {
	local f=$BATS_FILE_TMPDIR/known.sh
	{
		_uc_snap_fn
		echo "export LVSADM_RUNDIR='$BATS_FILE_TMPDIR/run-good'"
		echo "snap '$BATS_FILE_TMPDIR/known'"
	} >"$f"
	ip netns exec "$UC_NS" bash "$f"
}

# _uc_read FILE: set _uc_text to the bytes of FILE (without a fork).
_uc_read() {
	_uc_text=
	if [[ -e $1 ]]; then
		IFS= read -r -d '' _uc_text <"$1" || true
	fi
}

bad_case() {
	kt_untraced _uc_case "$@"
}

_uc_case() {
	local stdin=/dev/null prep= match= ref= wrap= rc exp sut=lvsadm name=lvsadm
	local dir=$BATS_TEST_TMPDIR q w words= envs=
	while [[ $1 == --* ]]; do
		case $1 in
		--stdin) stdin=$2; shift 2 ;;
		--prep) prep=$2; shift 2 ;;
		--match) match=1; shift ;;
		--ref) ref=1; shift ;;
		--as-ipvsadm) sut="env PATH='$UC_BIN/sut':\$PATH ipvsadm" name=ipvsadm; shift ;;
		--user) wrap='setpriv --reuid=65534 --regid=65534 --clear-groups '; shift ;;
		--nocap) wrap='setpriv --bounding-set=-net_admin --inh-caps=-net_admin '; shift ;;
		--env) printf -v q '%q' "$2"; envs+="$q "; shift 2 ;;
		*) echo "bad_case: unknown option $1"; return 1 ;;
		esac
	done
	rc=$1 exp=$2
	[[ ${3:-} == -- ]] || { echo "bad_case: RC STDERR -- ARGS..."; return 1; }
	shift 3
	for w in "$@"; do
		printf -v q '%q' "$w"
		words+=" $q"
	done
	printf -v q '%q' "$stdin"
	{
		_uc_snap_fn
		echo "cd '$dir' || exit 1"
		echo "export PATH='$UC_BIN':\$PATH"
		if [[ -n $prep ]]; then
			echo "cp -a '$BATS_FILE_TMPDIR/run-good' run || exit 1"
			echo "export LVSADM_RUNDIR='$dir/run'"
			printf '%s\n' "$prep"
			echo 'snap before state'
		else
			echo "export LVSADM_RUNDIR='$BATS_FILE_TMPDIR/run-good'"
		fi
		# The reference first: a case must be bad input for it too.
		if [[ -n $ref ]]; then
			echo "${envs:+env $envs}${wrap}ipvsadm$words <$q >ref.out 2>ref.err; echo \$? >ref.rc"
		fi
		echo "${envs:+env $envs}${wrap}$sut$words <$q >sut.out 2>sut.err; echo \$? >sut.rc"
		echo 'snap after'
		echo ': >done'
	} >"$dir/case.sh"
	ip netns exec "$UC_NS" bash "$dir/case.sh" || true
	if [[ ! -e $dir/done ]]; then
		echo "the case did not run to its end"
		return 1
	fi
	_uc_check "$rc" "$exp" "$match" "$ref" "$prep" "$dir" "$*" "$name"
}

# _uc_check RC STDERR MATCH REF PREP DIR ARGS NAME
_uc_check() {
	local rc=$1 exp=$2 match=$3 ref=$4 prep=$5 dir=$6 what="lvsadm ${7:0:200}" fails=0
	local name=${8:-lvsadm}
	local got_rc got_err ref_rc ref_err known after by=lvsadm
	[[ -n $ref ]] && by="the reference ipvsadm or lvsadm"
	_uc_read "$dir/sut.rc"; got_rc=${_uc_text%$'\n'}
	_uc_read "$dir/sut.err"; got_err=${_uc_text%$'\n'}
	if [[ $got_rc != "$rc" ]]; then
		echo "$what: expected exit status $rc, got $got_rc"
		fails=1
	fi
	if [[ -n $match ]]; then
		if [[ ! $got_err =~ $exp ]]; then
			echo "$what: stderr does not match /$exp/"
			fails=1
		fi
	elif [[ $got_err != "$exp" ]]; then
		echo "$what: expected on stderr:"
		printf '    %s\n' "$exp"
		fails=1
	fi
	if ((fails)); then
		echo "  got on stderr:"
		printf '    %s\n' "${got_err:0:2000}"
	fi
	_uc_read "$BATS_FILE_TMPDIR/known.sys"; known=$_uc_text
	_uc_read "$dir/after.sys"; after=$_uc_text
	if [[ $known != "$after" ]]; then
		echo "$by changed the table, the addresses or the sysctls:"
		diff -u --label before --label after "$BATS_FILE_TMPDIR/known.sys" "$dir/after.sys"
		fails=1
	fi
	known=$BATS_FILE_TMPDIR/known.state
	[[ -n $prep ]] && known=$dir/before.state
	_uc_read "$known"; known=$_uc_text
	_uc_read "$dir/after.state"; after=$_uc_text
	if [[ $known != "$after" ]]; then
		echo "$by changed the state directory:"
		diff -u --label before --label after <(printf '%s' "$known") "$dir/after.state"
		fails=1
	fi
	if [[ -n $ref ]]; then
		_uc_read "$dir/ref.rc"; ref_rc=${_uc_text%$'\n'}
		_uc_read "$dir/ref.err"; ref_err=${_uc_text%$'\n'}
		[[ $name == lvsadm ]] && ref_err=${ref_err//ipvsadm/lvsadm}
		if [[ $ref_rc != "$got_rc" || $ref_err != "$got_err" ]]; then
			echo "$what: the reference ipvsadm exits $ref_rc and says (ipvsadm read as lvsadm):"
			printf '    %s\n' "$ref_err"
			echo "  lvsadm exits $got_rc and says:"
			printf '    %s\n' "$got_err"
			fails=1
		fi
	fi
	((fails == 0))
}
