# SPDX-License-Identifier: GPL-2.0-or-later
#
# realserver-helper.bash: network topologies for the real-server tests
# (realserver.bats), which check the commands that prepare a host for
# direct routing: --add-vip, --delete-vip, --list-vips, --arp-strict and
# --check.
#
# Every test builds its own small LAN out of network namespaces: one
# namespace per host (director, real server, client...), joined by veth
# pairs to a bridge that lives in a namespace of its own, so that the
# root namespace is never touched.  Namespace names carry the test
# number, and teardown removes them (and kills whatever runs in them)
# even when the test failed.
#
# The tests need root, a kernel with IPVS, and a few tools that each test
# asks for by name (rs_need); a missing one fails the test with the
# Debian package to install, it never skips it.  By hand, in the test VM:
#   LVSADM=$PWD/build/lvsadm tests/vm/lvsadm-vm -- bats --tap tests/kernel/realserver.bats
#
# Environment:
#   LVSADM       path of the lvsadm binary under test (required)
#   IPVSADM_REF  path of the reference ipvsadm (default /usr/sbin/ipvsadm)
#
# Topology, on stdin of rs_lan, one interface a line:
#   ROLE IFNAME [ADDR/PLEN...]
# creates namespace ROLE (once), a veth IFNAME in it plugged into the
# bridge, and the addresses (IPv6 ones without duplicate address
# detection, which would otherwise hold them back for seconds).
# rs_host ROLE makes a namespace on no LAN at all.  Then, for a role:
#   rs_in ROLE CMD...     runs CMD in the namespace
#   rs_ip ROLE <<EOF      runs the lines as an `ip -batch` in the namespace
#   rs_lv ROLE ARGS...    runs lvsadm in the namespace, with a state
#                         directory of the role's own (LVSADM_RUNDIR): the
#                         default /run/lvsadm is one for all namespaces
#   rs_lv_cases ROLE      runs lvsadm once per line of stdin (see there)
#   rs_state_file ROLE    sets STATE to the path of the role's state file
#   rs_sysctl ROLE K=V... sets net.ipv4.conf.* keys there
#   rs_arp ROLE           sets ARP to "ignore=I announce=A filter=F" from
#                         conf/all of the namespace
#   rs_snapshot ROLE      sets SNAP to the addresses on lo and conf/all's
#                         ARP sysctls: what a refused command must not change
#   rs_mac ROLE IFNAME    sets MAC to the interface's MAC address
#   rs_arp_replies ...    counts the ARP replies to one request
#   rs_httpd ROLE TEXT    serves TEXT on port 80
#   rs_wait_http ...      waits for a web server to answer
# and, after `run --separate-stderr`, the expect_* functions at the end.

IPVSADM_REF=${IPVSADM_REF:-/usr/sbin/ipvsadm}

bats_require_minimum_version 1.5.0

load netns

setup_file() {
	local out

	export _RS_PROBLEM=
	if [[ -n ${LVSADM:-} && $LVSADM != /* ]]; then
		export LVSADM=$PWD/$LVSADM
	fi
	if [[ $EUID -eq 0 && ! -e /proc/net/ip_vs ]]; then
		out=$(modprobe ip_vs 2>&1) || true
		if [[ ! -e /proc/net/ip_vs ]]; then
			_RS_PROBLEM="IPVS is not available in this kernel (modprobe ip_vs: ${out:-no output}); run the tests in tests/vm/lvsadm-vm"
		fi
	fi
	# What the root namespace looked like, so that the last test can
	# tell whether the suite left anything behind there.
	export _RS_ROOT_BEFORE=$BATS_FILE_TMPDIR/root-before
	rs_root_state >"$_RS_ROOT_BEFORE"
	export _RS_NETNS_BEFORE=$BATS_FILE_TMPDIR/netns-before
	rs_netns_in_use >"$_RS_NETNS_BEFORE"
}

# Per test: fail (never skip) when the test cannot be meaningful.
setup() {
	RS_P=lvrs${BATS_TEST_NUMBER}-
	RS_BR=${RS_P}br
	RS_ROLES=()
	# LVSADM_RUNDIR of role R is $RS_RUN/R, which lvsadm creates itself,
	# as it does /run/lvsadm.
	RS_RUN=$BATS_TEST_TMPDIR/run
	mkdir -p "$RS_RUN"
	rs_cleanup
	# LVSADM and root; IPVS is _RS_PROBLEM's, which says more.
	kt_need --no-ipvs || return 1
	if [[ -n $_RS_PROBLEM ]]; then
		echo "$_RS_PROBLEM" >&2
		return 1
	fi
	rs_need ip iproute2
}

teardown() {
	rs_cleanup
}

# rs_cleanup: kill what runs in this test's namespaces (a process keeps
# its namespace alive after `ip netns del`, and one that holds bats'
# output open keeps bats from ending), then delete them.  One ip process
# lists every namespace's processes, one more deletes the namespaces.
rs_cleanup() {
	local ns line pids=() names=() list=
	for ns in /run/netns/"$RS_P"*; do
		[[ -e $ns ]] && names+=("${ns##*/}")
	done
	((${#names[@]})) || return 0
	for ns in "${names[@]}"; do
		list+="netns pids $ns"$'\n'
	done
	while read -r line; do
		[[ $line =~ ^[0-9]+$ ]] && pids+=("$line")
	done < <(ip -force -batch - <<<"$list" 2>/dev/null)
	((${#pids[@]})) && kill -9 "${pids[@]}" 2>/dev/null
	list=
	for ns in "${names[@]}"; do
		list+="netns del $ns"$'\n'
	done
	ip -force -batch - <<<"$list" >/dev/null 2>&1
	return 0
}

# rs_root_state: what this suite must leave as it found in the root
# namespace: its namespaces, links and addresses.
rs_root_state() {
	ip netns list 2>/dev/null | grep '^lvrs' || true
	ip -o link show 2>/dev/null | sed 's/^[0-9]*: //; s/ qdisc.*//'
	ip -o addr show 2>/dev/null | sed 's/^[0-9]*: //'
}

# rs_netns_in_use: the network namespaces that processes are in.  A
# process left running in a deleted namespace shows up here only.
rs_netns_in_use() {
	find /proc/[0-9]*/ns/net -printf '%l\n' 2>/dev/null | sort -u
}

# rs_need TOOL PACKAGE: fail the test unless TOOL is installed.
rs_need() {
	if ! command -v "$1" >/dev/null 2>&1; then
		echo "$1 is not installed: this test needs it (apt-get install $2)" >&2
		return 1
	fi
}

rs_in() {
	local role=$1
	shift
	ip netns exec "$RS_P$role" "$@"
}

rs_ip() {
	ip -n "$RS_P$1" -batch -
}

rs_lv() {
	local role=$1
	shift
	LVSADM_RUNDIR=$RS_RUN/$role ip netns exec "$RS_P$role" "$LVSADM" "$@"
}

rs_state_file() {
	STATE=$RS_RUN/$1/state
}

rs_sysctl() {
	local role=$1 kv
	local -a args=()
	shift
	for kv in "$@"; do
		args+=("net.ipv4.conf.$kv")
	done
	rs_in "$role" sysctl -q -w "${args[@]}" >/dev/null
}

rs_arp() {
	local -a v
	mapfile -t v < <(rs_in "$1" cat /proc/sys/net/ipv4/conf/all/arp_ignore \
		/proc/sys/net/ipv4/conf/all/arp_announce /proc/sys/net/ipv4/conf/all/arp_filter)
	ARP="ignore=${v[0]:-?} announce=${v[1]:-?} filter=${v[2]:-?}"
}

rs_snapshot() {
	local addrs
	addrs=$(ip -n "$RS_P$1" -o addr show dev lo)
	rs_arp "$1"
	SNAP="$addrs"$'\n'"$ARP"
}

# rs_lv_cases ROLE: run lvsadm in ROLE once for each line of stdin (its
# arguments, in shell syntax: '' is an empty argument), and after each
# run take a snapshot of what a refused command must leave alone: the
# addresses on lo, conf/all's ARP sysctls, and the state file.  Case i
# leaves CASE_ARGS[i], CASE_RC[i], CASE_ERR[i] and CASE_SNAP[i]; the
# snapshot before the first case is CASE_SNAP[0].  All of it runs as one
# script inside the namespace: one process per lvsadm run and per
# address listing, where separate `ip netns exec` calls would cost four.
rs_lv_cases() {
	local role=$1 dir=$BATS_TEST_TMPDIR/cases.$RANDOM line n=0 i
	local c=/proc/sys/net/ipv4/conf/all
	CASE_ARGS=() CASE_RC=() CASE_ERR=() CASE_SNAP=()
	mkdir -p "$dir"
	# shellcheck disable=SC2016 # the script's own variables
	{
		echo 'snap() {'
		echo '	ip -o addr show dev lo'
		echo "	read -r i <$c/arp_ignore; read -r a <$c/arp_announce; read -r f <$c/arp_filter"
		echo '	echo "ignore=$i announce=$a filter=$f"'
		echo '	if [[ -e $LVSADM_RUNDIR/state || -L $LVSADM_RUNDIR/state ]]; then'
		echo '		echo "state file:"; IFS= read -r -d "" s <"$LVSADM_RUNDIR/state"; echo "$s"'
		echo '	fi'
		echo '}'
		echo "snap >$dir/0.snap"
		while IFS= read -r line; do
			[[ -n $line ]] || continue
			n=$((n + 1))
			CASE_ARGS[n]=$line
			echo "\"\$LVSADM\" $line >$dir/$n.out 2>$dir/$n.err </dev/null; echo \$? >$dir/$n.rc"
			echo "snap >$dir/$n.snap"
		done
	} >"$dir/script"
	LVSADM_RUNDIR=$RS_RUN/$role ip netns exec "$RS_P$role" bash "$dir/script" || return 1
	for ((i = 0; i <= n; i++)); do
		IFS= read -r -d '' 'CASE_SNAP[i]' <"$dir/$i.snap" || true
		((i)) || continue
		read -r 'CASE_RC[i]' <"$dir/$i.rc" || true
		IFS= read -r -d '' 'CASE_ERR[i]' <"$dir/$i.err" || true
	done
}

rs_mac() {
	local line
	line=$(ip -n "$RS_P$1" -o link show dev "$2")
	MAC=${line##*link/ether }
	MAC=${MAC%% *}
}

# rs_lan: build the LAN described on stdin (see the top of this file).
rs_lan() {
	local role ifn addr n=0 port
	local -a words
	local -A seen=()
	local root="" bridge="" per

	ip netns add "$RS_BR" || return 1
	bridge+="link add br0 type bridge"$'\n'"link set br0 up"$'\n'
	declare -A per_role=()
	while read -r -a words; do
		[[ ${#words[@]} -ge 2 && ${words[0]} != '#'* ]] || continue
		role=${words[0]}
		ifn=${words[1]}
		if [[ -z ${seen[$role]:-} ]]; then
			seen[$role]=1
			RS_ROLES+=("$role")
			ip netns add "$RS_P$role" || return 1
			per_role[$role]="link set lo up"$'\n'
		fi
		n=$((n + 1))
		port=p$n
		root+="link add $ifn netns $RS_P$role type veth peer name $port netns $RS_BR"$'\n'
		bridge+="link set $port master br0"$'\n'"link set $port up"$'\n'
		per=${per_role[$role]}
		per+="link set $ifn up"$'\n'
		for addr in "${words[@]:2}"; do
			if [[ $addr == *:* ]]; then
				per+="addr add $addr dev $ifn nodad"$'\n'
			else
				per+="addr add $addr dev $ifn"$'\n'
			fi
		done
		per_role[$role]=$per
	done
	ip -batch - <<<"$root" || return 1
	ip -n "$RS_BR" -batch - <<<"$bridge" || return 1
	for role in "${RS_ROLES[@]}"; do
		ip -n "$RS_P$role" -batch - <<<"${per_role[$role]}" || return 1
	done
}

# rs_host ROLE: a namespace of its own, not on any LAN, with lo up.
rs_host() {
	ip netns add "$RS_P$1" && ip -n "$RS_P$1" link set lo up
}

# rs_sleep SECONDS: a pause that costs no process (exec is slow under
# emulation).
rs_sleep() {
	read -r -t "$1" <> <(:) || true
}

# rs_arp_replies ROLE IFNAME TARGET EXPECTED: from ROLE's interface,
# broadcast one ARP request for TARGET and collect, in REPLIES, the
# source MAC of every ARP reply that comes back (one entry a reply).
# It waits until EXPECTED replies are in (at most 5 s), then a little
# more, so that a reply too many is seen too.
rs_arp_replies() {
	local role=$1 ifn=$2 target=$3 expected=$4
	local cap=$BATS_TEST_TMPDIR/arp.$RANDOM pid line deadline now ready=
	local -a lines

	rs_need tcpdump tcpdump || return 1
	rs_need arping iputils-arping || return 1
	REPLIES=()
	# The files exist before tcpdump starts: the loop below reads them
	# while the background job may not have opened them yet.
	: >"$cap.out"
	: >"$cap.err"
	ip netns exec "$RS_P$role" tcpdump -i "$ifn" -e -n -l -p --immediate-mode \
		"arp and arp[6:2] = 2" >"$cap.out" 2>"$cap.err" 3>&- &
	pid=$!
	# tcpdump says "listening on" once its filter is in place.
	deadline=$(( ${EPOCHREALTIME/./} + 10000000 ))
	while :; do
		while IFS= read -r line; do
			[[ $line == *"listening on"* ]] && ready=1
		done <"$cap.err"
		[[ -n $ready ]] && break
		if ! kill -0 "$pid" 2>/dev/null || (( ${EPOCHREALTIME/./} > deadline )); then
			echo "tcpdump did not start capturing on $role/$ifn:" >&2
			cat "$cap.err" >&2
			kill "$pid" 2>/dev/null
			wait "$pid" 2>/dev/null
			return 1
		fi
		rs_sleep 0.05
	done
	ip netns exec "$RS_P$role" arping -c 1 -w 1 -I "$ifn" "$target" >/dev/null 2>&1 || true
	deadline=$(( ${EPOCHREALTIME/./} + 5000000 ))
	while :; do
		mapfile -t lines <"$cap.out"
		((${#lines[@]} >= expected)) && break
		now=${EPOCHREALTIME/./}
		((now > deadline)) && break
		rs_sleep 0.1
	done
	rs_sleep 0.5
	kill -INT "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	mapfile -t lines <"$cap.out"
	for line in "${lines[@]}"; do
		# 12:00:00.000000 3a:73:77:40:f1:9d > ..., ethertype ARP (0x0806), length 42: Reply 10.0.0.10 is-at 3a:73:77:40:f1:9d, length 28
		[[ $line == *" Reply $target is-at "* ]] || continue
		line=${line#* }
		REPLIES+=("${line%% *}")
	done
}

# rs_wait_http ROLE URL TIMEOUT: poll URL from ROLE until it answers.
rs_wait_http() {
	local deadline=$(( ${EPOCHREALTIME/./} + $3 * 1000000 ))
	rs_need curl curl || return 1
	while ! rs_in "$1" curl -s -o /dev/null --max-time 2 "$2"; do
		if (( ${EPOCHREALTIME/./} > deadline )); then
			echo "$2 does not answer from $1 after $3 s" >&2
			return 1
		fi
		rs_sleep 0.2
	done
}

# rs_httpd ROLE TEXT: serve a page that says TEXT on port 80 of every
# address of ROLE.
rs_httpd() {
	local dir=$BATS_TEST_TMPDIR/www-$1
	rs_need busybox busybox || return 1
	mkdir -p "$dir"
	echo "$2" >"$dir/index.html"
	ip netns exec "$RS_P$1" busybox httpd -f -p 80 -h "$dir" \
		</dev/null >/dev/null 2>&1 3>&- &
	# teardown kills it; spare the test's output bash's "Killed" notice.
	disown $!
}

# --- expectations: each prints what it saw when it fails ---

# rs_show: what the last `run` produced.
rs_show() {
	echo "command: ${BATS_RUN_COMMAND:-?}"
	echo "exit status: $status"
	echo "stdout:"
	printf '  %s\n' "${lines[@]}"
	echo "stderr:"
	printf '  %s\n' "${stderr_lines[@]}"
}

# expect_rc N
# lv_ok HOST ARGS...: lvsadm ARGS on HOST succeeds; its output is left in
# $output and $stderr.
lv_ok() {
	run --separate-stderr rs_lv "$@"
	expect_rc 0
}

# expect_arp HOST VALUES WHEN: the ARP sysctls of conf/all on HOST read
# VALUES ("ignore=1 announce=2 filter=1"); WHEN says at what point.
expect_arp() {
	rs_arp "$1"
	[[ $ARP == "$2" ]] || {
		echo "$3: expected conf/all to be $2, got $ARP"
		rs_show
		return 1
	}
}

expect_rc() {
	if [[ $status != "$1" ]]; then
		echo "expected exit status $1"
		rs_show
		return 1
	fi
}

# expect_stderr REGEX: some line of stderr matches REGEX (grep -E, case
# insensitive).
expect_stderr() {
	if ! grep -qiE -- "$1" <<<"$stderr"; then
		echo "expected a message on stderr matching /$1/"
		rs_show
		return 1
	fi
}

# expect_stdout REGEX
expect_stdout() {
	if ! grep -qiE -- "$1" <<<"$output"; then
		echo "expected a line of stdout matching /$1/"
		rs_show
		return 1
	fi
}

# expect_cases RC REGEX: every case of the last rs_lv_cases exited RC,
# said something matching REGEX (bash regex, matched in lower case) on
# stderr, and left its snapshot as the case before it found it.
# expect_cases RC --names-bad: the same, but the message of each case
# names the bad address: the last of the comma-separated list that
# follows the case's first word (an empty one is shown as '').
expect_cases() {
	local i fails=0 bad w
	for ((i = 1; i < ${#CASE_SNAP[@]}; i++)); do
		if [[ $2 == --names-bad ]]; then
			read -r -a w <<<"${CASE_ARGS[i]}"
			bad=${w[1]##*,}
		fi
		if [[ ${CASE_RC[i]} != "$1" ]]; then
			echo "lvsadm ${CASE_ARGS[i]}: expected exit status $1, got ${CASE_RC[i]} (stderr: ${CASE_ERR[i]})"
			fails=$((fails + 1))
		elif [[ $2 == --names-bad && ${CASE_ERR[i]} != *"$bad"* ]]; then
			echo "lvsadm ${CASE_ARGS[i]}: the message does not name $bad: ${CASE_ERR[i]}"
			fails=$((fails + 1))
		elif [[ $2 != --names-bad && ! ${CASE_ERR[i],,} =~ $2 ]]; then
			echo "lvsadm ${CASE_ARGS[i]}: expected a message matching /$2/, got: ${CASE_ERR[i]}"
			fails=$((fails + 1))
		fi
		if [[ ${CASE_SNAP[i]} != "${CASE_SNAP[i - 1]}" ]]; then
			echo "lvsadm ${CASE_ARGS[i]} changed the host; before:"
			echo "${CASE_SNAP[i - 1]}"
			echo "after:"
			echo "${CASE_SNAP[i]}"
			fails=$((fails + 1))
		fi
	done
	((fails == 0))
}

# expect_on_lo ROLE WHEN ADDR...: each ADDR ("inet 10.0.0.10/32", "inet6
# 2001:db8::10/128") is bound on lo of ROLE; WHEN says when, for the
# message.
expect_on_lo() {
	local role=$1 when=$2 lo a
	shift 2
	lo=$(ip -n "$RS_P$role" -o addr show dev lo)
	for a in "$@"; do
		[[ $lo == *" $a "* ]] || {
			echo "$role: no $a on lo$when:"
			echo "$lo"
			return 1
		}
	done
}

# expect_same WHAT BEFORE AFTER
expect_same() {
	if [[ $2 != "$3" ]]; then
		echo "$1 changed"
		echo "before:"
		printf '  %s\n' "$2"
		echo "after:"
		printf '  %s\n' "$3"
		rs_show
		return 1
	fi
}
