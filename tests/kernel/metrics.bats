#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# --metrics against a real kernel: a table of TCP, UDP, IPv6 and
# firewall-mark services with traffic through it, listed with
# -L --metrics, passes promtool's check (Debian's prometheus package), and
# every counter and gauge equals what the reference ipvsadm prints for the
# same service and real server (-Ln --stats --exact, -Ln); the whole-table
# counters equal the kernel's own totals (/proc/net/ip_vs_stats, which
# node_exporter reads).  On the real-server side, --list-vips --metrics
# before and after a VIP is deleted behind lvsadm's back.

IPVSADM_REF=${IPVSADM_REF:-/usr/sbin/ipvsadm}

bats_require_minimum_version 1.5.0

load netns

setup() {
	kt_need curl promtool python3 || return 1
	kt_netns metrics || return 1
	ip -n "$ns" addr add 2001:db8::1/64 dev lan0 nodad || return 1
}

teardown() {
	kt_netns_del
}

ref() {
	ip netns exec "$ns" "$IPVSADM_REF" "$@"
}

# promtool FILE: promtool's lint passes on the file, without a word.
promtool_ok() {
	run promtool check metrics <"$1"
	echo "$output"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

table() {
	ref -R <<-'EOF'
		-A -t 10.0.0.10:80 -s rr
		-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 1
		-a -t 10.0.0.10:80 -r 10.0.0.3:80 -g -w 3 -x 100 -y 10
		-A -u 10.0.0.10:53 -s wlc -p 300
		-a -u 10.0.0.10:53 -r 10.0.0.4:53 -g -w 2
		-A -t [2001:db8::10]:80 -s wrr
		-a -t [2001:db8::10]:80 -r [2001:db8::2]:80 -g -w 5
		-A -f 7 -s sh -b sh-port
		-a -f 7 -r 10.0.0.5:0 -g -w 1
	EOF
}

# Connections nobody answers, scheduled by IPVS on the director itself
# (see sync.bats), until every service has counted one (bounded).
traffic() {
	local i
	for ((i = 0; i < 10; i++)); do
		ip netns exec "$ns" curl -s -m 1 http://10.0.0.10/ >/dev/null || true
		ip netns exec "$ns" curl -g -s -m 1 'http://[2001:db8::10]/' >/dev/null || true
		ip netns exec "$ns" bash -c 'echo ping >/dev/udp/10.0.0.10/53' || true
		# The mark of the firewall-mark service, on the socket.
		ip netns exec "$ns" python3 -c '
import socket
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, getattr(socket, "SO_MARK", 36), 7)
s.settimeout(1)
try:
    s.connect(("10.0.0.20", 80))
except OSError:
    pass
'
		# Every service line (Prot, then Conns in the third column).
		ref -Ln --stats --exact | awk 'NR > 3 && $1 != "->" && $3 == 0 { z = 1 } END { exit !z }' || return 0
	done
	echo "some service counted no connection:"
	ref -Ln --stats --exact
	return 1
}

# expected MODE: the samples ipvsadm's listing on stdin stands for, in
# lvsadm's label spelling (node_exporter's): MODE stats reads
# -Ln --stats --exact, MODE gauges reads -Ln.
expected() {
	awk -v mode="$1" '
	function hostport(s, kind,   h) {
		match(s, /:[0-9]+$/)
		h = substr(s, 1, RSTART - 1)
		gsub(/[][]/, "", h)
		return kind "_address=\"" h "\"," kind "_port=\"" substr(s, RSTART + 1) "\""
	}
	/RemoteAddress:Port/ { body = 1; next }
	!body { next }
	{
		if ($1 == "->") {
			labels = svc "," hostport($2, "remote")
			pre = "ipvs_backend_"
		} else {
			if ($1 == "FWM")
				svc = sprintf("local_address=\"\",local_mark=\"%08X\",local_port=\"0\",proto=\"FWM\"", $2)
			else {
				split(hostport($2, "local"), hp, ",")
				svc = hp[1] ",local_mark=\"\"," hp[2] ",proto=\"" $1 "\""
			}
			labels = svc
			pre = "ipvs_service_"
		}
		if (mode == "stats") {
			print pre "connections_total{" labels "} " $3
			print pre "incoming_packets_total{" labels "} " $4
			print pre "outgoing_packets_total{" labels "} " $5
			print pre "incoming_bytes_total{" labels "} " $6
			print pre "outgoing_bytes_total{" labels "} " $7
		} else if ($1 == "->") {
			print "ipvs_backend_weight{" labels "} " $4
			print "ipvs_backend_connections_active{" labels "} " $5
			print "ipvs_backend_connections_inactive{" labels "} " $6
		}
	}'
}

@test "-L --metrics: promtool passes, and every counter and gauge is ipvsadm's" {
	table
	traffic
	m=$BATS_TEST_TMPDIR/metrics
	# Read when no packet moves (a late retransmission may still count):
	# ipvsadm's listing the same before and after lvsadm's.
	# The kernel's own totals (the last line) are part of what must
	# stand still.
	counters() {
		ref -Ln --stats --exact
		ip netns exec "$ns" awk 'NR == 3' /proc/net/ip_vs_stats
	}
	for ((i = 0; i < 10; i++)); do
		before=$(counters)
		lvs -L --metrics >"$m"
		after=$(counters)
		[ "$before" = "$after" ] && break
		sleep 1
	done
	diff -u <(echo "$before") <(echo "$after")
	cat "$m"
	promtool_ok "$m"

	# The counters: exactly ipvsadm's samples, no more, no fewer.
	diff -u <(head -n -1 <<<"$after" | expected stats | sort) \
		<(grep -E '^ipvs_(service|backend)_(connections|incoming_packets|outgoing_packets|incoming_bytes|outgoing_bytes)_total\{' "$m" | sort)
	# Traffic was counted on each of the four services.
	[ "$(grep -c '^ipvs_service_connections_total{.*} [1-9]' "$m")" -eq 4 ]
	diff -u <(ref -Ln | expected gauges | sort) \
		<(grep -E '^ipvs_backend_(weight|connections_active|connections_inactive)\{' "$m" | sort)

	# The whole table: the kernel's own totals, as node_exporter reads them.
	read -r c ip op ib ob <<<"${after##*$'\n'}"
	grep -qx "ipvs_connections_total $((16#$c))" "$m"
	grep -qx "ipvs_incoming_packets_total $((16#$ip))" "$m"
	grep -qx "ipvs_outgoing_packets_total $((16#$op))" "$m"
	grep -qx "ipvs_incoming_bytes_total $((16#$ib))" "$m"
	grep -qx "ipvs_outgoing_bytes_total $((16#$ob))" "$m"
	[ "$((16#$c))" -ge 4 ]

	size=$(ref -Ln | sed -n '1s/.*(size=\([0-9]*\)).*/\1/p')
	grep -qx "ipvs_connection_table_size $size" "$m"
	read -r tcp fin udp < <(ref -L --timeout | awk '{ print $(NF-2), $(NF-1), $NF }')
	grep -qx "ipvs_timeout_seconds{protocol=\"tcp\"} $tcp" "$m"
	grep -qx "ipvs_timeout_seconds{protocol=\"tcpfin\"} $fin" "$m"
	grep -qx "ipvs_timeout_seconds{protocol=\"udp\"} $udp" "$m"

	# What ipvsadm shows in other columns.
	r3='local_address="10.0.0.10",local_mark="",local_port="80",proto="TCP",remote_address="10.0.0.3",remote_port="80"'
	grep -qx "ipvs_backend_upper_threshold{$r3} 100" "$m"
	grep -qx "ipvs_backend_lower_threshold{$r3} 10" "$m"
	grep -qx 'ipvs_service_info{local_address="10.0.0.10",local_mark="",local_port="53",proto="UDP",flags="",persistent_seconds="300",scheduler="wlc"} 1' "$m"
	grep -qx 'ipvs_service_info{local_address="",local_mark="00000007",local_port="0",proto="FWM",flags="sh-port",persistent_seconds="0",scheduler="sh"} 1' "$m"
	# A firewall-mark service is named by its mark alone, once.
	[ "$(grep -c '^ipvs_service_info{' "$m")" -eq 4 ]
	# Every family once, each with HELP and TYPE.
	[ -z "$(sed -n 's/^# TYPE \([^ ]*\) .*/\1/p' "$m" | sort | uniq -d)" ]
	[ "$(grep -c '^# TYPE ' "$m")" -eq "$(grep -c '^# HELP ' "$m")" ]
}

@test "-L --metrics with -t, -u or -f: that service alone, without the whole-table families" {
	table
	traffic
	for svc in "-t 10.0.0.10:80" "-u 10.0.0.10:53" "-t [2001:db8::10]:80" "-f 7"; do
		m=$BATS_TEST_TMPDIR/one
		# shellcheck disable=SC2086
		lvs -L --metrics $svc >"$m"
		promtool_ok "$m"
		# shellcheck disable=SC2086
		diff -u <(ref -Ln --stats --exact $svc | expected stats | sort) \
			<(grep -E '^ipvs_(service|backend)_[a-z_]*_total\{' "$m" | sort)
		[ "$(grep -c '^ipvs_service_info{' "$m")" -eq 1 ]
		run ! grep -q '^ipvs_connections_total\|^ipvs_timeout_seconds\|^ipvs_connection_table_size' "$m"
	done
	# A service that does not exist: ipvsadm's message, nothing printed.
	run --separate-stderr lvs -L --metrics -t 10.0.0.99:80
	[ "$status" -ne 0 ]
	[ -z "$output" ]
}

@test "-L --metrics: an empty table, and a running sync daemon" {
	m=$BATS_TEST_TMPDIR/metrics
	lvs -L --metrics >"$m"
	promtool_ok "$m"
	grep -qx 'ipvs_connections_total 0' "$m"
	run ! grep -q '^ipvs_service_info{' "$m"
	run ! grep -q '^ipvs_sync_daemon_info{' "$m"
	ref --start-daemon master --mcast-interface lan0 --syncid 5
	lvs -L --metrics >"$m"
	promtool_ok "$m"
	grep -qx 'ipvs_sync_daemon_info{interface="lan0",state="master",syncid="5"} 1' "$m"
	ref --stop-daemon master
}

@test "--list-vips --metrics: a VIP deleted behind lvsadm's back reads 0" {
	m=$BATS_TEST_TMPDIR/vips
	lvs --add-vip 10.0.0.10,2001:db8::10
	lvs --list-vips --metrics >"$m"
	cat "$m"
	promtool_ok "$m"
	grep -qx 'ipvs_vip_bound{address="10.0.0.10",interface="lo"} 1' "$m"
	grep -qx 'ipvs_vip_bound{address="2001:db8::10",interface="lo"} 1' "$m"
	grep -qx 'ipvs_vip_arp_exposed{address="10.0.0.10",interface="lo"} 0' "$m"
	# The values in force, as the kernel has them.
	for k in arp_ignore arp_announce; do
		a=$(ip netns exec "$ns" cat "/proc/sys/net/ipv4/conf/all/$k")
		grep -qx "ipvs_$k{interface=\"all\"} $a" "$m"
		for i in lo lan0; do
			v=$(ip netns exec "$ns" cat "/proc/sys/net/ipv4/conf/$i/$k")
			((v > a)) || v=$a
			grep -qx "ipvs_$k{interface=\"$i\"} $v" "$m"
		done
	done
	grep -qx 'ipvs_arp_ignore{interface="all"} 1' "$m"
	grep -qx 'ipvs_arp_announce{interface="all"} 2' "$m"

	# A network manager takes the IPv4 VIP away.
	ip -n "$ns" addr del 10.0.0.10/32 dev lo
	lvs --list-vips --metrics >"$m"
	cat "$m"
	promtool_ok "$m"
	grep -qx 'ipvs_vip_bound{address="10.0.0.10",interface="lo"} 0' "$m"
	grep -qx 'ipvs_vip_bound{address="2001:db8::10",interface="lo"} 1' "$m"
	lvs --delete-vip 10.0.0.10,2001:db8::10 || true
}
