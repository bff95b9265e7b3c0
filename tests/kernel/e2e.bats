#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# End to end: real HTTP traffic from a client through a director
# configured by lvsadm to real servers prepared by lvsadm --add-vip, all
# on one L2 segment (contrib/lab/lab.bash): schedulers, draining, changes
# under load, two directors with the kernel's sync daemon and a VIP
# failover, and IPv6.

VIP=10.0.0.10

load netns

setup() {
	kt_lab e2e curl
}

teardown() {
	lab_cleanup
}

# Real server rs$i, by direct routing with weight $2, on the service.
add_rs() {
	lv director -a -t $VIP:80 -r "10.0.0.$((20 + $1))" -g -w "${2:-1}"
}

# $1 requests from the client, one connection each; prints the bodies.
requests() {
	local urls=() i

	for ((i = 0; i < $1; i++)); do
		urls+=(-H "Connection: close" "http://$VIP/")
	done
	lab_in client curl -s -f -m 10 --retry 0 "${urls[@]}"
}

count() {
	grep -cx "$1" <<<"$2" || true
}

# The service counters of $1: "InPkts OutPkts".  The kernel sums them
# every two seconds, so wait for the packets just sent to show.
service_pkts() {
	local i pkts

	for i in $(seq 30); do
		pkts=$(lv "$1" -Ln --stats --exact | awk '$1 == "TCP" {print $4, $5}')
		[ "${pkts%% *}" -gt 0 ] && break
		sleep 0.2
	done
	echo "$pkts"
}

@test "rr alternates between the real servers" {
	kt_lab_dr 2
	lv director -A -t $VIP:80 -s rr
	add_rs 1
	add_rs 2
	out=$(requests 20)
	[ "$(wc -l <<<"$out")" -eq 20 ]
	[ "$(count rs1 "$out")" -eq 10 ]
	[ "$(count rs2 "$out")" -eq 10 ]
	# Never the same server twice in a row.
	[ -z "$(uniq -d <<<"$out")" ]
}

@test "wrr with weights 3:1 splits about 3:1" {
	kt_lab_dr 2
	lv director -A -t $VIP:80 -s wrr
	add_rs 1 3
	add_rs 2 1
	out=$(requests 120)
	a=$(count rs1 "$out")
	b=$(count rs2 "$out")
	echo "rs1 $a, rs2 $b"
	[ $((a + b)) -eq 120 ]
	# 3:1 within a tenth of the split either way.
	[ "$a" -ge 81 ] && [ "$a" -le 99 ]
}

@test "weight 0 drains: the open connection is served, new ones go elsewhere" {
	kt_lab_dr 2
	big_files
	lv director -A -t $VIP:80 -s rr
	add_rs 1
	add_rs 2
	# Keep the next new connection on rs1: rs2 takes the odd one.
	lv director -e -t $VIP:80 -r 10.0.0.22 -g -w 0
	slow_download
	lv director -e -t $VIP:80 -r 10.0.0.22 -g -w 1
	lv director -e -t $VIP:80 -r 10.0.0.21 -g -w 0
	out=$(requests 10)
	[ "$(count rs2 "$out")" -eq 10 ]
	whole_from_rs1
}

# A big file on each real server, served slowly below.
big_files() {
	head -c 600000 /dev/zero | tr '\0' x >"$LAB_DIR/www-rs1/big"
	head -c 600000 /dev/zero | tr '\0' y >"$LAB_DIR/www-rs2/big"
}

# The download started by slow_download arrived whole, from rs1.
whole_from_rs1() {
	wait "$dl"
	[ "$(stat -c %s "$LAB_DIR/got")" -eq 600000 ]
	[ "$(tr -d x <"$LAB_DIR/got" | wc -c)" -eq 0 ]
}

slow_download() {
	lab_in client curl -s -f --limit-rate 100k -o "$LAB_DIR/got" \
		"http://$VIP/big" &
	dl=$!
	sleep 1
}

# download_under <<RULES: two real servers with big files, the director
# synced to RULES, and a slow download started.
download_under() {
	kt_lab_dr 2
	big_files
	cat >"$LAB_DIR/rules"
	lv director -R --sync <"$LAB_DIR/rules"
	slow_download
}

# The counters of the service on port 80: "Conns InPkts".
conns_inpkts() {
	lv director -Ln --stats --exact -t $VIP:80 | awk '$1 == "TCP" { print $3, $4 }'
}

@test "--sync leaves an untouched service alone: its open connection and its counters" {
	download_under <<-EOF
		-A -t $VIP:80 -s rr
		-a -t $VIP:80 -r 10.0.0.21:80 -g -w 1
		-A -t $VIP:81 -s rr
		-a -t $VIP:81 -r 10.0.0.22:81 -g -w 1
	EOF
	# Conns and InPkts of the service, once the estimator has summed
	# them (every two seconds).
	for i in $(seq 30); do
		read -r conns before < <(conns_inpkts)
		[ "$conns" -eq 1 ] && break
		sleep 0.2
	done
	[ "$conns" -eq 1 ]
	# Everything but the service of the download changes.
	cat >"$LAB_DIR/rules" <<-EOF
		-A -t $VIP:80 -s rr
		-a -t $VIP:80 -r 10.0.0.21:80 -g -w 1
		-A -t $VIP:81 -s wlc
		-a -t $VIP:81 -r 10.0.0.22:81 -g -w 3
		-A -t $VIP:82 -s rr
	EOF
	run lv director -R --sync --dry-run <"$LAB_DIR/rules"
	[ "$status" -eq 1 ]
	[[ $output != *"$VIP:80"* ]]
	run lv director -R --sync <"$LAB_DIR/rules"
	[ "$status" -eq 0 ]
	whole_from_rs1
	# The same service: its one connection is still counted, and its
	# packet counter did not start again from zero (a service made anew
	# would count no connection).
	sleep 2.5
	read -r conns after < <(conns_inpkts)
	echo "Conns $conns; InPkts before $before, after $after"
	[ "$conns" -eq 1 ]
	[ "$after" -ge "$before" ]
}

@test "--sync --drain: the open download finishes on a real server that left the rules" {
	# rs2 at weight 0 first, so that the download goes to rs1.
	download_under <<-EOF
		-A -t $VIP:80 -s rr
		-a -t $VIP:80 -r 10.0.0.21:80 -g -w 1
		-a -t $VIP:80 -r 10.0.0.22:80 -g -w 0
	EOF
	cat >"$LAB_DIR/rules" <<-EOF
		-A -t $VIP:80 -s rr
		-a -t $VIP:80 -r 10.0.0.22:80 -g -w 1
	EOF
	run lv director -R --sync --drain <"$LAB_DIR/rules"
	[ "$status" -eq 0 ]
	[[ $(lv director -Sn) == *"-r 10.0.0.21:80 -g -w 0"* ]]
	out=$(requests 10)
	[ "$(count rs2 "$out")" -eq 10 ]
	whole_from_rs1
	# Without --drain, what left the rules goes.
	lv director -R --sync <"$LAB_DIR/rules"
	[ "$(lv director -Sn)" = "$(cat "$LAB_DIR/rules")" ]
}

@test "-p pins a client to one real server" {
	kt_lab_dr 3
	lv director -A -t $VIP:80 -s rr -p 60
	add_rs 1
	add_rs 2
	add_rs 3
	out=$(requests 12)
	[ "$(sort -u <<<"$out" | wc -l)" -eq 1 ]
	[ "$(wc -l <<<"$out")" -eq 12 ]
}

@test "sh keeps a source on one real server" {
	kt_lab_dr 3
	lab_host client2 10.0.0.101/24
	lv director -A -t $VIP:80 -s sh
	add_rs 1
	add_rs 2
	add_rs 3
	out=$(requests 12)
	[ "$(sort -u <<<"$out" | wc -l)" -eq 1 ]
	out2=$(lab_in client2 curl -s -f -m 10 "http://$VIP/" "http://$VIP/" \
		"http://$VIP/" "http://$VIP/")
	[ "$(sort -u <<<"$out2" | wc -l)" -eq 1 ]
}

@test "adding and removing real servers under load loses no request" {
	kt_lab_dr 3
	lv director -A -t $VIP:80 -s rr
	add_rs 1
	add_rs 2
	requests 150 >"$LAB_DIR/load" &
	load=$!
	sleep 1
	add_rs 3
	sleep 1
	lv director -d -t $VIP:80 -r 10.0.0.21
	sleep 1
	lv director -a -t $VIP:80 -r 10.0.0.21 -g
	wait "$load"
	out=$(<"$LAB_DIR/load")
	echo "$(sort <<<"$out" | uniq -c)"
	[ "$(wc -l <<<"$out")" -eq 150 ]
	[ "$(grep -cvx 'rs[123]' <<<"$out")" -eq 0 ]
	[ "$(count rs3 "$out")" -gt 0 ]
}

@test "two directors: connections sync to the backup, which takes over the VIP" {
	command -v arping >/dev/null || {
		echo "arping is missing: apt-get install iputils-arping"
		return 1
	}
	kt_lab_dr 2
	big_files
	lab_host backup 10.0.0.3/24
	for d in director backup; do
		lv "$d" -A -t $VIP:80 -s rr
		lv "$d" -a -t $VIP:80 -r 10.0.0.21 -g
		lv "$d" -a -t $VIP:80 -r 10.0.0.22 -g
	done
	lv director --start-daemon master --mcast-interface eth0
	lv backup --start-daemon backup --mcast-interface eth0
	slow_download
	for _ in $(seq 50); do
		lv backup -Lnc | grep -q "10.0.0.100:.*$VIP:80" && break
		sleep 0.1
	done
	lv backup -Lnc | grep "10.0.0.100:.*$VIP:80"
	# The failover a VRRP daemon would make: the VIP moves, and the
	# backup announces it.
	lab_in director ip addr del $VIP/32 dev eth0
	lab_in backup ip addr add $VIP/32 dev eth0
	lab_in backup arping -q -U -c 2 -I eth0 $VIP || true
	[ "$(lab_in client ip neigh show $VIP | awk '{print $5}')" = "$(lab_mac backup)" ]
	wait "$dl"
	[ "$(stat -c %s "$LAB_DIR/got")" -eq 600000 ]
	# New connections go through the backup now.
	out=$(requests 4)
	[ "$(wc -l <<<"$out")" -eq 4 ]
	pkts=$(service_pkts backup)
	[ "${pkts%% *}" -gt 0 ]
}

@test "IPv6 Direct Routing end to end" {
	local vip6=2001:db8::10

	kt_lab_dr 2
	lab_in client ip addr add 2001:db8::100/64 dev eth0 nodad
	lab_in director ip addr add 2001:db8::2/64 dev eth0 nodad
	lab_in director ip addr add $vip6/128 dev eth0 nodad
	for i in 1 2; do
		lab_in "rs$i" ip addr add "2001:db8::2$i/64" dev eth0 nodad
		lv "rs$i" --add-vip $vip6
	done
	[ -n "$(lab_in rs1 ip -6 -o addr show dev lo to $vip6/128)" ]
	lv director -A -t "[$vip6]:80" -s rr
	lv director -a -t "[$vip6]:80" -r "[2001:db8::21]:80" -g
	lv director -a -t "[$vip6]:80" -r "[2001:db8::22]:80" -g
	out=$(lab_in client curl -s -f -m 10 -g "http://[$vip6]/" \
		-H "Connection: close" "http://[$vip6]/")
	[ "$(sort <<<"$out" | tr '\n' ' ')" = "rs1 rs2 " ]
	# Direct return: the director carried the requests only.
	pkts=$(service_pkts director)
	[ "${pkts%% *}" -gt 0 ] && [ "${pkts##* }" -eq 0 ]
}
