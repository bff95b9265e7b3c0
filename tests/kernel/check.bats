#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# --check against a real kernel: each host's role comes from its live
# IPVS table and addresses, each classic Direct Routing mistake gives one
# finding, every fix printed is run verbatim on its host and the check
# run again, a clean host says what was checked, and nothing is refused
# to a user other than root that needs no privilege.  Each test builds
# its own LAN of network namespaces (see realserver-helper.bash).

load realserver-helper

# ck_run ROLE ARGS...: lvsadm ARGS in ROLE, as `run --separate-stderr`.
ck_run() {
	run --separate-stderr rs_lv "$@"
}

# ck_fixes ROLE: run, verbatim and in ROLE, every "-- fix: CMD" of the
# last output (lvsadm in them is the binary under test); FIXES counts
# them.  A fix that fails fails the test.
ck_fixes() {
	local role=$1 line fix bin=$BATS_TEST_TMPDIR/bin
	mkdir -p "$bin"
	ln -sf "$LVSADM" "$bin/lvsadm"
	FIXES=0
	for line in "${lines[@]}"; do
		[[ $line == *" -- fix: "* ]] || continue
		fix=${line##* -- fix: }
		FIXES=$((FIXES + 1))
		LVSADM_RUNDIR=$RS_RUN/$role PATH=$bin:$PATH \
			ip netns exec "$RS_P$role" sh -c "$fix" || {
			echo "the fix failed in $role: $fix"
			return 1
		}
	done
}

# ck_clean ROLE ARGS...: --check ARGS in ROLE finds no problem and
# prints nothing but notes and the "ok:" line.
ck_clean() {
	ck_run "$@"
	expect_rc 0
	if grep -q '^problem:' <<<"$output" || [[ -n $stderr ]]; then
		echo "expected no problem"
		rs_show
		return 1
	fi
}

# ck_lines N: the last output has N lines.
ck_lines() {
	[[ ${#lines[@]} -eq $1 ]] || {
		echo "expected $1 line(s) of output"
		rs_show
		return 1
	}
}

# ck_director ROLE VIP RS...: a TCP service on VIP:80 with DR real servers.
ck_director() {
	local role=$1 vip=$2 rs
	shift 2
	rs_lv "$role" -A -t "$vip:80" -s rr || return 1
	for rs in "$@"; do
		rs_lv "$role" -a -t "$vip:80" -r "$rs:80" -g || return 1
	done
}

@test "--check: a correct director and a correct real server each say what was checked" {
	rs_lan <<'EOF2'
d eth0 10.0.0.1/24 10.0.0.10/32
r eth0 10.0.0.2/24
EOF2
	rs_in d sysctl -q -w net.ipv4.ip_forward=0
	ck_director d 10.0.0.10 10.0.0.2 10.0.0.3
	ck_run d --check
	expect_rc 0
	expect_same "--check on a correct director" \
		"ok: director: 1 service, 2 real servers checked" "$output$stderr"

	rs_lv r --add-vip 10.0.0.10
	ck_run r --check 10.0.0.10
	expect_rc 0
	expect_same "--check on a correct real server" \
		"ok: real server: 1 VIP checked" "$output$stderr"
	ck_run r --check
	expect_rc 0
	expect_same "--check on a correct real server, no VIP named" \
		"ok: real server: 1 VIP checked" "$output$stderr"

	# Without the VIP neither is clean, and the fixes make them so.
	rs_ip r <<<"addr del 10.0.0.10/32 dev lo"
	ck_run r --check 10.0.0.10
	expect_rc 1
	ck_fixes r
	((FIXES == 1))
	ck_clean r --check 10.0.0.10
	rs_ip d <<<"addr del 10.0.0.10/32 dev eth0"
	ck_run d --check
	expect_rc 1
	ck_fixes d
	((FIXES == 1))
	ck_clean d --check
}

@test "--check: a host with nothing to check says so" {
	rs_lan <<'EOF2'
h eth0 10.0.0.5/24
EOF2
	ck_run h --check
	expect_rc 0
	expect_same "--check on an empty host" \
		"nothing to check: this host has no IPVS service and no VIP on lo" "$output$stderr"
}

# The issue's director: its VIP on eth0, a state directory (shared, as in a
# lab of namespaces) that lists the same VIP as a real server's.
@test "--check: a service VIP on the director's NIC is never a real-server VIP, even when the state lists it" {
	rs_lan <<'EOF2'
d eth0 10.0.0.1/24 10.0.0.50/32
r eth0 10.0.0.2/24
EOF2
	rs_in d sysctl -q -w net.ipv4.ip_forward=0
	ck_director d 10.0.0.50 10.0.0.2
	# The real server's state directory, shared with the director.
	rs_lv r --add-vip 10.0.0.50
	for args in "--check" "--check 10.0.0.50"; do
		run --separate-stderr env LVSADM_RUNDIR="$RS_RUN/r" \
			ip netns exec "$RS_P"d "$LVSADM" $args
		expect_rc 0
		expect_same "--check on the director ($args)" \
			"ok: director: 1 service, 1 real server checked" "$output$stderr"
	done
}

@test "--check: a service VIP that is also on lo gives one finding about the conflict" {
	rs_lan <<'EOF2'
d eth0 10.0.0.1/24
EOF2
	rs_in d sysctl -q -w net.ipv4.ip_forward=0
	ck_director d 10.0.0.10 10.0.0.2
	rs_lv d --add-vip 10.0.0.10
	for args in "--check" "--check 10.0.0.10"; do
		ck_run d $args
		expect_rc 1
		ck_lines 1
		expect_stdout '^problem: VIP 10\.0\.0\.10 is both the address of service -t 10\.0\.0\.10:80 .* and bound on lo'
		[[ $output != *"-- fix"* ]]
	done
}

@test "--check on a standby director: a problem without keepalived, whose fix warns about two directors" {
	rs_lan <<'EOF2'
d eth0 10.0.0.1/24
EOF2
	rs_in d sysctl -q -w net.ipv4.ip_forward=0
	ck_director d 10.0.0.10 10.0.0.2
	ck_run d --check
	expect_rc 1
	ck_lines 1
	expect_stdout '^problem: service -t 10\.0\.0\.10:80: the VIP 10\.0\.0\.10 is not an address of this host, and no VRRP manager \(keepalived\) runs here.*two directors must never hold one VIP at once -- fix: ip addr add 10\.0\.0\.10/32 dev eth0$'
	ck_run d --check --json
	expect_rc 1
	[ "$(jq -r '.findings[0] | "\(.severity) \(.vip) \(.fix) \(.fix_host)"' <<<"$output")" = \
		"problem 10.0.0.10 ip addr add 10.0.0.10/32 dev eth0 null" ]
	[ "$(jq -r '"\(.ok) \(.roles[0]) \(.problems)"' <<<"$output")" = "false standby director 1" ]
	ck_run d --check
	ck_fixes d
	ck_clean d --check
	expect_same "--check once the VIP is bound" \
		"ok: director: 1 service, 1 real server checked" "$output$stderr"
}

@test "--check on a director: a DR real server off the segment gets no fix that changes it; ip_forward is a note" {
	rs_lan <<'EOF2'
d eth0 10.0.0.1/24 10.0.0.10/32
EOF2
	rs_ip d <<<"route add 10.9.0.0/24 via 10.0.0.254"
	rs_in d sysctl -q -w net.ipv4.ip_forward=0
	ck_director d 10.0.0.10 10.0.0.2 10.9.0.2
	rs_lv d -Sn >"$BATS_TEST_TMPDIR/before"
	ck_run d --check
	expect_rc 1
	ck_lines 1
	expect_stdout '^problem: service -t 10\.0\.0\.10:80: DR real server 10\.9\.0\.2 is not on a directly connected network.*options: '
	[[ $output != *"-- fix"* && $output != *" -i"* ]] || {
		echo "a fix or a change of forwarding method was offered"
		rs_show
		return 1
	}
	rs_lv d -Sn >"$BATS_TEST_TMPDIR/after"
	cmp "$BATS_TEST_TMPDIR/before" "$BATS_TEST_TMPDIR/after"

	rs_lv d -d -t 10.0.0.10:80 -r 10.9.0.2:80
	rs_in d sysctl -q -w net.ipv4.ip_forward=1
	ck_run d --check
	expect_rc 0
	ck_lines 2
	expect_stdout '^info: net\.ipv4\.ip_forward is 1.* -- fix: sysctl -w net\.ipv4\.ip_forward=0$'
	expect_stdout '^ok: director: 1 service, 1 real server checked$'
	ck_fixes d
	ck_clean d --check
	ck_lines 1
}

@test "--check as a user other than root: reads the table from /proc, says what it skipped" {
	rs_need setpriv util-linux
	rs_lan <<'EOF2'
d eth0 10.0.0.1/24 10.0.0.10/32
r eth0 10.0.0.2/24
EOF2
	rs_in d sysctl -q -w net.ipv4.ip_forward=0
	ck_director d 10.0.0.10 10.0.0.2
	run --separate-stderr env LVSADM_RUNDIR="$RS_RUN/d" ip netns exec "$RS_P"d \
		setpriv --reuid=65534 --regid=65534 --clear-groups "$LVSADM" --check
	expect_rc 0
	expect_stdout '^info: not running as root: .*state directory.* was not read, and the IPVS table was read from /proc/net/ip_vs'
	expect_stdout '^ok: director: 1 service, 1 real server checked$'
	ck_lines 2
	# The same reading finds the same problem.
	rs_ip d <<<"addr del 10.0.0.10/32 dev eth0"
	run --separate-stderr env LVSADM_RUNDIR="$RS_RUN/d" ip netns exec "$RS_P"d \
		setpriv --reuid=65534 --regid=65534 --clear-groups "$LVSADM" --check
	expect_rc 1
	expect_stdout '^problem: service -t 10\.0\.0\.10:80: the VIP 10\.0\.0\.10 is not an address of this host'

	rs_lv r --add-vip 10.0.0.10
	run --separate-stderr env LVSADM_RUNDIR="$RS_RUN/r" ip netns exec "$RS_P"r \
		setpriv --reuid=65534 --regid=65534 --clear-groups "$LVSADM" --check
	expect_rc 0
	expect_stdout '^ok: real server: 1 VIP checked$'
}

@test "--check --json: one object with the roles, what was checked and every finding" {
	rs_lan <<'EOF2'
r eth0 10.0.0.2/24
EOF2
	rs_sysctl r all.arp_ignore=0 all.arp_announce=0
	rs_ip r <<<"addr add 10.0.0.10/32 dev lo"
	ck_run r --check --json
	expect_rc 1
	ck_lines 1
	[ "$(jq -r '"\(.ok) \(.roles | join(",")) \(.checked.vips) \(.problems) \(.findings | length)"' <<<"$output")" = \
		"false real server 1 1 1" ]
	[ "$(jq -r '.findings[0] | "\(.severity)|\(.vip)|\(.real_server)|\(.fix_host)"' <<<"$output")" = \
		"problem|10.0.0.10|null|null" ]
	fix=$(jq -r '.findings[0].fix' <<<"$output")
	[[ $fix == "sysctl -w net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2" ]]
	rs_in r sh -c "$fix"
	ck_run r --check --json
	expect_rc 0
	[ "$(jq -r '"\(.ok) \(.summary) \(.findings | length)"' <<<"$output")" = "true real server: 1 VIP 0" ]
}

@test "--check: three interfaces in one subnet all answer ARP, until --arp-strict on" {
	rs_lan <<'EOF2'
h eth0 192.168.18.10/24
h eth3 192.168.18.11/24
h eth4 192.168.18.12/24
EOF2
	rs_sysctl h all.arp_ignore=0 all.arp_announce=0 all.arp_filter=0
	ck_run h --check
	expect_rc 1
	expect_stdout 'eth0.*eth3.*eth4.*192\.168\.18\.0/24.*fix: lvsadm --arp-strict on'
	ck_lines 1

	# The seed's fix includes arp_filter=1, which answers only where the
	# route back leaves: without source routing, eth3's and eth4's own
	# addresses then get no reply.  Both --arp-strict on and --check say
	# so, with the routing that fixes it; once it is in, all is clean.
	ck_fixes h
	ck_run h --check
	expect_rc 1
	[[ $output != *"share 192.168.18.0/24"* ]]
	[[ $output == *"problem: 192.168.18.11 on eth3 gets no ARP reply"* ]]
	[[ $output == *"problem: 192.168.18.12 on eth4 gets no ARP reply"* ]]
	[[ $output != *"192.168.18.10 on eth0"* ]]
	ck_fixes h
	((FIXES == 2))
	ck_run h --check
	expect_rc 0
	expect_same "--check once the source routes are in" \
		"nothing to check: this host has no IPVS service and no VIP on lo" "$output$stderr"
}

@test "--check on a real server: each mistake, its fix run verbatim, then clean" {
	rs_lan <<'EOF2'
r eth0 10.0.0.2/24
EOF2
	rs_sysctl r all.arp_ignore=1 all.arp_announce=2
	ck_run r --check 10.0.0.10
	expect_rc 1
	expect_stdout '^problem: VIP 10\.0\.0\.10 is not bound on lo -- fix: lvsadm --add-vip 10\.0\.0\.10$'
	ck_fixes r
	ck_clean r --check 10.0.0.10
	rs_lv r --delete-vip 10.0.0.10

	# The classic ifconfig lo:0 without a netmask.
	rs_ip r <<<"addr add 10.0.0.10/8 dev lo"
	ck_run r --check
	expect_rc 1
	expect_stdout '^problem: VIP 10\.0\.0\.10 is on lo as /8.* -- fix: ip addr del 10\.0\.0\.10/8 dev lo && lvsadm --add-vip 10\.0\.0\.10$'
	ck_fixes r
	ck_clean r --check
	rs_lv r --delete-vip 10.0.0.10

	# The classic mistake: arp_ignore/arp_announce written on lo only.
	rs_ip r <<<"addr add 10.0.0.10/32 dev lo label lo:0"
	rs_sysctl r all.arp_ignore=0 all.arp_announce=0 lo.arp_ignore=1 lo.arp_announce=2
	ck_run r --check
	expect_rc 1
	expect_stdout '\blo\b.*10\.0\.0\.10.*eth0.*fix: sysctl -w net\.ipv4\.conf\.all\.arp_ignore=1 net\.ipv4\.conf\.all\.arp_announce=2$'
	ck_fixes r
	ck_clean r --check

	# The values in force on the interface the requests arrive on count:
	# set there alone, they hide the VIP; an interface's own arp_ignore of
	# 3 wins over all's 1, and the fix says so.
	rs_sysctl r all.arp_ignore=0 all.arp_announce=0 eth0.arp_ignore=1 eth0.arp_announce=2
	ck_clean r --check
	rs_sysctl r all.arp_ignore=1 all.arp_announce=2 eth0.arp_ignore=3
	ck_run r --check
	expect_rc 1
	expect_stdout 'answered or announced in ARP on eth0 -- fix: sysctl -w net\.ipv4\.conf\.eth0\.arp_ignore=1$'
	ck_fixes r
	ck_clean r --check

	# The VIP on lo and on eth0 too.
	rs_ip r <<<"addr add 10.0.0.10/32 dev eth0"
	ck_run r --check
	expect_rc 1
	ck_lines 1
	expect_stdout '^problem: VIP 10\.0\.0\.10 is bound on lo and also on eth0.* -- fix: ip addr del 10\.0\.0\.10/32 dev eth0$'
	ck_fixes r
	ck_clean r --check

	# On eth0 only, on a host without IPVS services: a misplaced VIP.
	rs_ip r <<<"addr del 10.0.0.10/32 dev lo"
	rs_ip r <<<"addr add 10.0.0.10/32 dev eth0"
	ck_run r --check 10.0.0.10
	expect_rc 1
	expect_stdout '^problem: VIP 10\.0\.0\.10 is bound on eth0, not on lo.* -- fix: ip addr del 10\.0\.0\.10/32 dev eth0 && lvsadm --add-vip 10\.0\.0\.10$'
	ck_fixes r
	ck_clean r --check 10.0.0.10
}

@test "--check on a real server with two NICs: strict rp_filter" {
	rs_lan <<'EOF2'
r eth0 10.0.0.2/24
r eth1 10.1.0.2/24
EOF2
	rs_lv r --add-vip 10.0.0.10
	rs_sysctl r all.rp_filter=0 eth0.rp_filter=0 eth1.rp_filter=0
	ck_clean r --check 10.0.0.10

	rs_sysctl r all.rp_filter=1
	ck_run r --check 10.0.0.10
	expect_rc 1
	expect_stdout 'rp_filter.*eth0.*eth1.*fix: sysctl -w net\.ipv4\.conf\.all\.rp_filter=2'
	ck_fixes r
	ck_clean r --check 10.0.0.10
}
