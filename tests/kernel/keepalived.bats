#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# keepalived (the Debian package, which programs IPVS over netlink itself)
# builds a DR table from the shipped contrib/keepalived/keepalived.conf,
# with health-checked real servers, on a director in network namespaces
# (contrib/lab/lab.bash).  lvsadm must read that table exactly as the
# reference ipvsadm does: -Ln, -Sn, -Ln --stats --exact byte for byte, and
# --json describing the same services, real servers and counters; and
# --check on that director finds no problem.  A real server that fails its
# health check leaves the table and comes back, and the listings agree at
# every step.

VIP=10.0.0.10
CONF=$BATS_TEST_DIRNAME/../../contrib/keepalived/keepalived.conf

load netns

setup() {
	kt_lab ka keepalived curl jq "$IPVSADM_REF"
}

teardown() {
	local f
	for f in "$LAB_DIR"/ka.pid; do
		[[ -s $f ]] && kill "$(cat "$f")" 2>/dev/null
	done
	# keepalived removes its table and VIP on the way out.
	sleep 1
	lab_cleanup
}

ref() {
	lab_in director "$IPVSADM_REF" "$@"
}

start_keepalived() {
	lab_in director keepalived -n -l -D -f "$CONF" \
		-p "$LAB_DIR/keepalived.pid" -c "$LAB_DIR/checkers.pid" \
		-r "$LAB_DIR/vrrp.pid" -b "$LAB_DIR/bfd.pid" \
		>"$LAB_DIR/keepalived.log" 2>&1 &
	echo $! >"$LAB_DIR/ka.pid"
}

# wait_for TEXT SECONDS: wait until the reference's -Sn equals TEXT.
wait_for() {
	local i
	for ((i = 0; i < $2 * 2; i++)); do
		[[ "$(ref -Sn 2>&1)" == "$1" ]] && return 0
		sleep 0.5
	done
	echo "the table did not become, within $2 s:"
	echo "$1"
	echo "it is:"
	ref -Sn 2>&1
	echo "keepalived's log:"
	cat "$LAB_DIR/keepalived.log"
	return 1
}

# same ARGS...: lvsadm and the reference print the same bytes and exit
# status for ARGS in the director.
same() {
	local want got rc_want=0 rc_got=0
	want=$(ref "$@" 2>&1) || rc_want=$?
	got=$(lv director "$@" 2>&1) || rc_got=$?
	if [[ "$want" != "$got" || $rc_want != "$rc_got" ]]; then
		echo "ipvsadm $* (exit $rc_want) and lvsadm (exit $rc_got) differ:"
		diff -u --label ipvsadm --label lvsadm <(echo "$want") <(echo "$got")
		return 1
	fi
	[[ -n $want ]]
}

# The JSON listing against the reference: the same services and real
# servers as its -Sn, and the same counters as its --stats --exact.
json_same() {
	local json rules stats want_rules want_stats
	json=$(lv director -Ln --json)
	rules=$(jq -r '.services[] |
		"-A -t \(.address):\(.port) -s \(.scheduler)",
		(.real_servers[] | "-a -t \(.address):\(.port) -r \(.address):\(.port) \(
			{"route":"-g","tunnel":"-i","masq":"-m"}[.forward]) -w \(.weight)")' \
		<<<"$json" | awk '
			/^-A/ { print; svc = $3; next }
			{ $3 = svc; print }')
	want_rules=$(ref -Sn)
	if [[ "$rules" != "$want_rules" ]]; then
		echo "lvsadm's JSON and the reference's -Sn describe different tables:"
		diff -u --label ipvsadm --label 'lvsadm --json' <(echo "$want_rules") <(echo "$rules")
		return 1
	fi
	stats=$(jq -r '.services[] | .stats as $s |
		"\($s.conns) \($s.inpkts) \($s.outpkts) \($s.inbytes) \($s.outbytes)",
		(.real_servers[] | .stats |
			"\(.conns) \(.inpkts) \(.outpkts) \(.inbytes) \(.outbytes)")' <<<"$json")
	want_stats=$(ref -Ln --stats --exact | awk 'NR > 3 { print $(NF-4), $(NF-3), $(NF-2), $(NF-1), $NF }')
	if [[ "$stats" != "$want_stats" ]]; then
		echo "lvsadm's JSON counters and the reference's --stats --exact differ:"
		diff -u --label ipvsadm --label 'lvsadm --json' <(echo "$want_stats") <(echo "$stats")
		return 1
	fi
}

# Every listing the issue names, and --check, against the current table.
all_same() {
	same -Ln
	same -Sn
	same -Ln --stats --exact
	json_same
}

TABLE2='-A -t 10.0.0.10:80 -s rr
-a -t 10.0.0.10:80 -r 10.0.0.21:80 -g -w 1
-a -t 10.0.0.10:80 -r 10.0.0.22:80 -g -w 1'

TABLE1='-A -t 10.0.0.10:80 -s rr
-a -t 10.0.0.10:80 -r 10.0.0.21:80 -g -w 1'

@test "keepalived: the shipped keepalived.conf passes keepalived -t" {
	# On the director it describes, whose LAN interface is eth0.
	lab_init
	lab_host director 10.0.0.2/24
	run lab_in director keepalived -t -f "$CONF"
	echo "$output"
	[ "$status" -eq 0 ]
	# The check is real: a broken copy fails it.
	sed 's/lb_kind DR/lb_kind NOPE/' "$CONF" >"$BATS_TEST_TMPDIR/broken.conf"
	run lab_in director keepalived -t -f "$BATS_TEST_TMPDIR/broken.conf"
	echo "$output"
	[ "$status" -ne 0 ]
}

@test "keepalived: the LAN interface is one setting, used everywhere" {
	# Named in the setting line alone, not hard-coded anywhere else.
	[ "$(grep -c '^\$LAN_IF=eth0$' "$CONF")" -eq 1 ]
	[ "$(grep -v '^[[:space:]]*#' "$CONF" | grep -c 'eth0')" -eq 1 ]
	[ "$(grep -c '${LAN_IF}' "$CONF")" -ge 3 ]
	# A director whose LAN interface is lan0: the file with the setting
	# changed passes keepalived -t, and the file as shipped does not, so
	# every use of the interface follows the setting.
	lab_init
	lab_host director 10.0.0.2/24
	lab_in director ip link set eth0 down
	lab_in director ip link set eth0 name lan0
	lab_in director ip link set lan0 up
	sed 's/^\$LAN_IF=eth0$/$LAN_IF=lan0/' "$CONF" >"$BATS_TEST_TMPDIR/lan0.conf"
	run lab_in director keepalived -t -f "$BATS_TEST_TMPDIR/lan0.conf"
	echo "$output"
	[ "$status" -eq 0 ]
	run lab_in director keepalived -t -f "$CONF"
	echo "$output"
	[ "$status" -ne 0 ]
	[[ $output == *"interface eth0 for vrrp_instance VI_WEB doesn't exist"* ]]
	[[ $output == *"interface eth0 for ip address 10.0.0.10/32 doesn't exist"* ]]
}

@test "keepalived: lvsadm reads keepalived's health-checked DR table as ipvsadm does" {
	# The lab the shipped configuration describes: the director's eth0
	# on the LAN, real servers 10.0.0.21 and 10.0.0.22, and a client.
	kt_lab_dr --no-vip 2
	start_keepalived
	wait_for "$TABLE2" 60
	# VRRP makes the director master and gives it the VIP.
	for ((i = 0; i < 60; i++)); do
		lab_in director ip -o addr show dev eth0 | grep -q " $VIP/32 " && break
		sleep 0.5
	done
	lab_in director ip -o addr show dev eth0 | grep " $VIP/32 "
	# Traffic through the VIP, so that the counters are not all zero.
	out=$(lab_in client curl -s -f -m 10 -H "Connection: close" \
		"http://$VIP/" "http://$VIP/" "http://$VIP/" "http://$VIP/")
	[ "$(grep -c '^rs' <<<"$out")" -eq 4 ]
	sleep 2
	[ "$(ref -Ln --stats --exact | awk '$1 == "TCP" { print $3 }')" -eq 4 ]
	all_same
	run lv director --check
	echo "$output"
	[ "$status" -eq 0 ]
	! grep -q '^problem:' <<<"$output"

	# rs2 fails its health check: keepalived takes it out.
	# (its web server is the only process in its namespace).
	pids=$(ip netns pids "${LAB_PREFIX}rs2")
	[ -n "$pids" ]
	kill $pids
	wait_for "$TABLE1" 60
	all_same

	# It recovers: keepalived puts it back.
	lab_httpd rs2 rs2
	wait_for "$TABLE2" 60
	all_same
	grep -i 'ipvs' "$LAB_DIR/keepalived.log" | grep -iE 'error|fail' && return 1
	true
}
