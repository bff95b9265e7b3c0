#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# --json describes the same table as the text listings: on a varied
# table (IPv6, fwmark, tunnels, thresholds, persistence, flags), the rules
# rebuilt from the JSON with jq equal -Sn, and the numbers equal the text
# columns.

load netns

setup() {
	kt_need jq || return 1
	kt_netns json
}

teardown() {
	kt_netns_del
}

varied_table() {
	lvs -R <<-'EOF'
		-A -t 10.0.0.10:80 -s sh -p 60 -M 255.255.255.0 -b sh-port
		-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 3 -x 100 -y 50
		-a -t 10.0.0.10:80 -r 10.0.0.3:80 -i -w 1 --tun-type gue --tun-port 6080 --tun-csum
		-a -t 10.0.0.10:80 -r 10.0.0.4:80 -i -w 2 --tun-type gre --tun-csum
		-a -t 10.0.0.10:80 -r 10.0.0.5:80 -i -w 2 --tun-type ipip
		-A -u 10.0.0.10:53 -s rr -o
		-a -u 10.0.0.10:53 -r 10.0.0.6:5353 -m -w 0
		-A -t [2001:db8::10]:443 -s wlc -p 300 -M 64
		-a -t [2001:db8::10]:443 -r [2001:db8::2]:443 -g -w 1
		-a -t [2001:db8::10]:443 -r 10.0.0.7:443 -i -w 1
		-A -f 7 -s mh -b mh-fallback
		-a -f 7 -r 10.0.0.8:0 -g -w 1 -x 7
		-A -f 3000000000 -6 -s rr
	EOF
}

# jq: the rules -Sn would print, rebuilt from lvsadm's JSON.
TO_RULES='
def hp(f; a; p): if f == "inet6" then "[\(a)]:\(p)" else "\(a):\(p)" end;
def svc: if .fwmark then "-f \(.fwmark)" + (if .family == "inet6" then " -6" else "" end)
	else ({"tcp":"-t","udp":"-u","sctp":"--sctp-service"}[.protocol]) + " " + hp(.family; .address; .port) end;
def mask: if .family == "inet6" then (if .netmask != 128 then " -M \(.netmask)" else "" end)
	else (if .netmask != "255.255.255.255" then " -M \(.netmask)" else "" end) end;
def fwd: {"route":"-g","local":"-g","tunnel":"-i","masq":"-m"}[.forward];
def tun: if .tunnel == null then ""
	elif .tunnel.type == "ipip" then " --tun-type ipip"
	elif .tunnel.type == "gue" then " --tun-type gue --tun-port \(.tunnel.port) --tun-\(.tunnel.checksum)"
	else " --tun-type gre --tun-\(.tunnel.checksum)" end;
.services[] | svc as $s |
	"-A \($s) -s \(.scheduler)"
	+ (if .persistent then " -p \(.timeout)" + mask else "" end)
	+ (if .pe then " --pe \(.pe)" else "" end)
	+ (if .one_packet then " -o" else "" end)
	+ (if (.sched_flags | length) > 0 then " -b " + (.sched_flags | join(",")) else "" end),
	(.real_servers[] | "-a \($s) -r \(hp(.family; .address; .port)) \(fwd) -w \(.weight)"
		+ (if .u_threshold > 0 then " -x \(.u_threshold)" else "" end)
		+ (if .l_threshold > 0 then " -y \(.l_threshold)" else "" end)
		+ tun)'

@test "the JSON listing and -Sn describe the same varied table" {
	varied_table
	run lvs -Ln --json
	[ "$status" -eq 0 ]
	json=$output
	[ "$(jq -r .version <<<"$json")" = 1.2.1 ]
	rebuilt=$(jq -r "$TO_RULES" <<<"$json")
	saved=$(lvs -Sn)
	diff -u <(echo "$saved") <(echo "$rebuilt")
	[ "$(wc -l <<<"$saved")" -eq 13 ]
	# Unsigned fwmarks, exact integers, no brackets in addresses.
	[ "$(jq '[.services[] | select(.fwmark == 3000000000)] | length' <<<"$json")" -eq 1 ]
	[ "$(jq -r '.services[] | select(.family == "inet6" and .port == 443) | .address' <<<"$json")" = 2001:db8::10 ]
	[ "$(jq -r '.services[0].real_servers[1].tunnel | "\(.type) \(.port) \(.checksum)"' <<<"$json")" = "gue 6080 csum" ]
}

@test "every list variant accepts --json and gives the same services" {
	varied_table
	want=$(lvs -Ln --json | jq -c '[.services[] | [.address, .port, .fwmark]]')
	for v in --stats --rate --thresholds --persistent-conn --tun-info --exact --nosort; do
		got=$(lvs -Ln "$v" --json | jq -c '[.services[] | [.address, .port, .fwmark]]')
		if [ "$v" = --nosort ]; then
			got=$(jq -c sort <<<"$got")
			want_sorted=$(jq -c sort <<<"$want")
			[ "$got" = "$want_sorted" ]
		else
			[ "$got" = "$want" ]
		fi
	done
	run lvs -L -t 10.0.0.10:80 --json
	[ "$status" -eq 0 ]
	[ "$(jq '.services | length' <<<"$output")" -eq 1 ]
	[ "$(jq '.services[0].real_servers | length' <<<"$output")" -eq 4 ]
}

@test "counters in the JSON equal the text columns" {
	lvs -A -t 10.0.0.10:80 -s rr
	lvs -a -t 10.0.0.10:80 -r 10.0.0.2 -g
	# Connection attempts from the director are scheduled and counted.
	for _ in 1 2 3; do
		ip netns exec "$ns" curl -s -m 1 http://10.0.0.10/ >/dev/null || true
	done
	sleep 2
	text=$(lvs -Ln --stats --exact | awk '$1 == "TCP" {print $3, $4, $5, $6, $7}')
	json=$(lvs -Ln --json | jq -r '.services[0].stats | "\(.conns) \(.inpkts) \(.outpkts) \(.inbytes) \(.outbytes)"')
	[ "${text%% *}" -gt 0 ]
	[ "$text" = "$json" ]
}

@test "--timeout, --daemon, -c and --list-vips in JSON" {
	lvs --set 1000 100 200
	[ "$(lvs -L --timeout --json | jq -c .timeout)" = '{"tcp":1000,"tcp_fin":100,"udp":200}' ]
	[ "$(lvs -L --daemon --json | jq -c .daemons)" = '[]' ]
	lvs --start-daemon master --mcast-interface lan0 --syncid 9
	[ "$(lvs -L --daemon --json | jq -c '.daemons[0] | [.state, .mcast_interface, .syncid]')" = '["master","lan0",9]' ]
	lvs -A -t 10.0.0.10:80
	lvs -a -t 10.0.0.10:80 -r 10.0.0.2 -g
	ip netns exec "$ns" curl -s -m 1 http://10.0.0.10/ >/dev/null || true
	run lvs -L -c --json
	[ "$status" -eq 0 ]
	[ "$(jq -r '.connections[0] | "\(.protocol) \(.virtual.address):\(.virtual.port) \(.real_server.address)"' <<<"$output")" = "tcp 10.0.0.10:80 10.0.0.2" ]
	[ "$(lvs -L -c -n | grep -c '10.0.0.10:80')" -eq "$(jq '.connections | length' <<<"$output")" ]
	lvs --add-vip 10.0.0.99
	run lvs --list-vips --json
	[ "$status" -eq 0 ]
	[ "$(jq -c '.vips[0] | [.address, .prefix_length, .label, .origin, .hidden]' <<<"$output")" = '["10.0.0.99",32,"lo:0","lvsadm",true]' ]
	[ "$(jq -r '.sysctls[] | select(.interface == "all") | .arp_ignore' <<<"$output")" = 1 ]
}
