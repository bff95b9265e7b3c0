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
# ck_fixes (no ROLE): the same for every "-- fix on HOST: CMD", each run
# on the role whose address HOST is (ROLE_OF maps addresses to roles).
ck_fixes() {
	local role line host fix where bin=$BATS_TEST_TMPDIR/bin
	mkdir -p "$bin"
	ln -sf "$LVSADM" "$bin/lvsadm"
	FIXES=0
	for line in "${lines[@]}"; do
		if (($#)); then
			[[ $line == *" -- fix: "* ]] || continue
			role=$1 fix=${line##* -- fix: } where="in $1"
		else
			[[ $line =~ " -- fix on "([0-9a-f.:]+)": "(.*)$ ]] || continue
			host=${BASH_REMATCH[1]} fix=${BASH_REMATCH[2]}
			role=${ROLE_OF[$host]:-}
			[[ -n $role ]] || {
				echo "a fix for $host, which is no host of the test: $line"
				return 1
			}
			where="on $host ($role)"
		fi
		FIXES=$((FIXES + 1))
		LVSADM_RUNDIR=$RS_RUN/$role PATH=$bin:$PATH \
			ip netns exec "$RS_P$role" sh -c "$fix" || {
			echo "the fix failed $where: $fix"
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

# rs_cleanup_httpd ROLE: stop every process in ROLE.
rs_cleanup_httpd() {
	local pids
	pids=$(ip netns pids "$RS_P$1")
	[[ -z $pids ]] || kill $pids
	while [[ -n $(ip netns pids "$RS_P$1") ]]; do
		rs_sleep 0.1
	done
}

# ck_director ROLE VIP RS...: ROLE a director that does not forward
# (direct routing needs no forwarding), with a TCP service on VIP:80 and
# DR real servers.
ck_director() {
	local role=$1 vip=$2 rs
	shift 2
	rs_in "$role" sysctl -q -w net.ipv4.ip_forward=0 || return 1
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
	ck_director d 10.0.0.10 10.0.0.2 10.0.0.3
	ck_run d --check
	expect_rc 0
	expect_same "--check on a correct director" \
		"ok: director: 1 service, 2 real servers checked" "$output$stderr"

	rs_lv r --add-vip 10.0.0.10
	rs_httpd r www
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
	rs_httpd r www
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
	[ "$(jq -r '"\(.ok) \(.summary) \(.findings | length)"' <<<"$output")" = "true real server: 1 VIP checked 0" ]
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
	rs_httpd r www
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

	# A server bound to the real server's own address refuses DR traffic
	# (sock_diag sees it); one on the VIP as well takes it.
	mkdir -p "$BATS_TEST_TMPDIR/www8080"
	rs_in r busybox httpd -p 10.0.0.2:8080 -h "$BATS_TEST_TMPDIR/www8080" 3>&-
	ck_run r --check
	expect_rc 1
	ck_lines 1
	expect_stdout '^problem: VIP 10\.0\.0\.10: TCP port 8080 is listened on 10\.0\.0\.2 only, not on the VIP or the wildcard address.*options: '
	rs_in r busybox httpd -p 10.0.0.10:8080 -h "$BATS_TEST_TMPDIR/www8080" 3>&-
	ck_clean r --check
	ck_lines 1

	# Nothing listening at all is a note.
	rs_cleanup_httpd r
	ck_run r --check
	expect_rc 0
	expect_stdout '^info: nothing listens on VIP 10\.0\.0\.10 or on the wildcard address \(TCP\)$'
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

# --- --check --probe: the wire, from the director ---

# ck_director_state: what probing must leave as it was on the director:
# the table with its counters, the connection entries, the sysctls.
ck_director_state() {
	rs_in d "$IPVSADM_REF" -Ln --stats --exact
	rs_in d "$IPVSADM_REF" -Lnc
	rs_in d sh -c 'grep -r . /proc/sys/net/ipv4/conf/all /proc/sys/net/ipv4/conf/eth0 /proc/sys/net/ipv4/ip_forward 2>/dev/null'
}

@test "--check --probe: a correct real server, one that answers ARP for the VIP, one without the VIP, one with nothing listening" {
	rs_need "$IPVSADM_REF" ipvsadm
	rs_need jq jq
	rs_lan <<'EOF2'
d eth0 10.0.0.1/24 10.0.0.10/32
r1 eth0 10.0.0.2/24
r2 eth0 10.0.0.3/24
r3 eth0 10.0.0.4/24
r4 eth0 10.0.0.5/24
EOF2
	declare -gA ROLE_OF=([10.0.0.2]=r1 [10.0.0.3]=r2 [10.0.0.4]=r3 [10.0.0.5]=r4)
	for role in d r1 r2 r3 r4; do
		rs_in "$role" sysctl -q -w net.ipv4.ip_forward=0 \
			net.ipv4.conf.all.arp_ignore=0 net.ipv4.conf.all.arp_announce=0 \
			net.ipv4.conf.all.rp_filter=0 >/dev/null
	done
	ck_director d 10.0.0.10 10.0.0.2 10.0.0.3 10.0.0.4 10.0.0.5
	rs_lv r1 --add-vip 10.0.0.10
	rs_ip r2 <<<"addr add 10.0.0.10/32 dev lo"
	rs_lv r4 --add-vip 10.0.0.10
	rs_httpd r1 one
	rs_httpd r2 two
	rs_httpd r3 three
	rs_wait_http r1 http://10.0.0.2/ 10
	rs_wait_http r2 http://10.0.0.3/ 10
	rs_wait_http r3 http://10.0.0.4/ 10
	rs_mac r2 eth0
	mac2=$MAC
	before=$(ck_director_state)

	# The static check on the director cannot see any of it.
	ck_run d --check
	expect_rc 0
	expect_same "--check without --probe" \
		"ok: director: 1 service, 4 real servers checked" "$output$stderr"
	# Each real server, checked on its own, tells its own story.
	ck_run r1 --check
	expect_rc 0
	expect_same "--check on r1" "ok: real server: 1 VIP checked" "$output$stderr"
	ck_run r2 --check
	expect_rc 1
	ck_lines 1
	expect_stdout '^problem: VIP 10\.0\.0\.10 is answered or announced in ARP on eth0 -- fix: sysctl -w'
	ck_run r3 --check 10.0.0.10 --json
	expect_rc 1
	[ "$(jq -r '.findings[] | "\(.severity) \(.fix)"' <<<"$output")" = "problem lvsadm --add-vip 10.0.0.10" ]
	ck_run r4 --check
	expect_rc 0
	ck_lines 2
	expect_stdout '^info: nothing listens on VIP 10\.0\.0\.10 or on the wildcard address \(TCP\)$'
	expect_stdout '^ok: real server: 1 VIP checked$'

	start=${EPOCHREALTIME/./}
	ck_run d --check --probe
	took=$(( (${EPOCHREALTIME/./} - start) / 1000 ))
	expect_rc 1
	ck_lines 3
	expect_stdout "^problem: real server 10\.0\.0\.3 \($mac2\) answers ARP for VIP 10\.0\.0\.10 on eth0: .* -- fix on 10\.0\.0\.3: lvsadm --add-vip 10\.0\.0\.10$"
	expect_stdout '^problem: service -t 10\.0\.0\.10:80: real server 10\.0\.0\.4 does not answer a SYN for 10\.0\.0\.10:80 .* -- fix on 10\.0\.0\.4: lvsadm --add-vip 10\.0\.0\.10$'
	expect_stdout '^problem: service -t 10\.0\.0\.10:80: real server 10\.0\.0\.5 refuses 10\.0\.0\.10:80 .*nothing listens there[^-]*$'
	[[ $output != *10.0.0.2* ]] || {
		echo "the correct real server has a finding"
		rs_show
		return 1
	}
	# The default window is 1 s; process start-up under emulation is slow.
	((took < 6000)) || {
		echo "--check --probe took $took ms"
		return 1
	}
	after=$(ck_director_state)
	expect_same "the director's table, counters, connections and sysctls" "$before" "$after"

	ck_run d --check --probe --json
	expect_rc 1
	[ "$(jq -r '[.findings[] | select(.fix_host != null) | "\(.real_server)>\(.fix_host)>\(.fix)"] | join(" ")' <<<"$output")" = \
		"10.0.0.3>10.0.0.3>lvsadm --add-vip 10.0.0.10 10.0.0.4>10.0.0.4>lvsadm --add-vip 10.0.0.10" ]

	# Every fix, run on its host, clears its finding.
	ck_run d --check --probe
	ck_fixes
	((FIXES == 2))
	ck_run d --check --probe
	expect_rc 1
	ck_lines 1
	expect_stdout '^problem: .*10\.0\.0\.5 refuses'
	# The static check on each real server agrees.
	ck_clean r2 --check
	ck_clean r3 --check 10.0.0.10

	rs_httpd r4 four
	rs_wait_http r4 http://10.0.0.5/ 10
	ck_run d --check --probe
	expect_rc 0
	expect_same "--check --probe once all is right" \
		"ok: director: 1 service, 4 real servers checked (4 paths probed on the wire)" "$output$stderr"
	after=$(ck_director_state)
	expect_same "the director's table, counters, connections and sysctls" "$before" "$after"
}

@test "--check --probe over IPv6: neighbour solicitations for the VIP, and the SYN" {
	rs_lan <<'EOF2'
d eth0 10.0.0.1/24 2001:db8::1/64 2001:db8::10/128
r1 eth0 10.0.0.2/24 2001:db8::2/64
r2 eth0 10.0.0.3/24 2001:db8::3/64 2001:db8::10/128
r3 eth0 10.0.0.4/24 2001:db8::4/64
EOF2
	declare -gA ROLE_OF=([2001:db8::2]=r1 [2001:db8::3]=r2 [2001:db8::4]=r3)
	rs_in d sysctl -q -w net.ipv4.ip_forward=0
	rs_lv d -A -t "[2001:db8::10]:80" -s rr
	for rs in 2 3 4; do
		rs_lv d -a -t "[2001:db8::10]:80" -r "[2001:db8::$rs]:80" -g
	done
	rs_lv r1 --add-vip 2001:db8::10
	for role in r1 r2 r3; do
		rs_httpd "$role" "$role"
	done
	rs_wait_http r1 "http://[2001:db8::2]/" 10
	rs_wait_http r3 "http://[2001:db8::4]/" 10
	rs_mac r2 eth0
	ck_run d --check --probe
	expect_rc 1
	ck_lines 2
	expect_stdout "^problem: real server 2001:db8::3 \($MAC\) answers neighbour solicitations for VIP 2001:db8::10 on eth0: it holds the VIP on a network interface; options: there, remove it from that interface and run lvsadm --add-vip 2001:db8::10$"
	expect_stdout '^problem: service -t \[2001:db8::10\]:80: real server 2001:db8::4 does not answer a SYN for 2001:db8::10:80 .* -- fix on 2001:db8::4: lvsadm --add-vip 2001:db8::10$'
	ck_fixes
	((FIXES == 1))
	rs_ip r2 <<<"addr del 2001:db8::10/128 dev eth0"
	rs_lv r2 --add-vip 2001:db8::10
	ck_run d --check --probe
	expect_rc 0
	expect_same "--check --probe once all is right" \
		"ok: director: 1 service, 3 real servers checked (3 paths probed on the wire)" "$output$stderr"
}

@test "--check --probe: a fwmark service on the VIP named, a service of port 0, with --probe-port" {
	rs_lan <<'EOF2'
d eth0 10.0.0.1/24 10.0.0.10/32
r eth0 10.0.0.2/24
EOF2
	declare -gA ROLE_OF=([10.0.0.2]=r)
	rs_in d sysctl -q -w net.ipv4.ip_forward=0
	rs_lv d -A -f 1 -s rr
	rs_lv d -a -f 1 -r 10.0.0.2 -g
	rs_lv r --add-vip 10.0.0.10
	rs_httpd r www
	rs_wait_http r http://10.0.0.2/ 10
	ck_run d --check --probe
	expect_rc 3
	expect_stderr 'fwmark service, name its VIP and give --probe-port'
	ck_run d --check 10.0.0.10 --probe --probe-port 80
	expect_rc 0
	expect_same "--check --probe of the fwmark service" \
		"ok: director: 1 service, 1 real server checked (1 path probed on the wire)" "$output$stderr"
	rs_lv r --delete-vip 10.0.0.10
	ck_run d --check 10.0.0.10 --probe --probe-port 80
	expect_rc 1
	expect_stdout '^problem: service -f 1: real server 10\.0\.0\.2 does not answer a SYN for 10\.0\.0\.10:80 .* -- fix on 10\.0\.0\.2: lvsadm --add-vip 10\.0\.0\.10$'
	ck_fixes
	((FIXES == 1))

	rs_lv d -A -t 10.0.0.10:0 -s rr -p 60
	rs_lv d -a -t 10.0.0.10:0 -r 10.0.0.2 -g
	ck_run d --check 10.0.0.10 --probe
	expect_rc 0
	expect_stdout '^info: service -t 10\.0\.0\.10:0: the path .*not probed \(port 0: give --probe-port\); ARP was$'
	expect_stdout '^info: service -f 1: not probed'
	ck_run d --check 10.0.0.10 --probe --probe-port 80
	expect_rc 0
	expect_same "--check --probe with --probe-port" \
		"ok: director: 2 services, 2 real servers checked (2 paths probed on the wire)" "$output$stderr"
}

@test "--check --probe: a real server that does not answer ARP, another machine holding the VIP, port 0 and UDP services" {
	rs_lan <<'EOF2'
d eth0 10.0.0.1/24 10.0.0.10/32
x eth0 10.0.0.9/24 10.0.0.10/32
EOF2
	ck_director d 10.0.0.10 10.0.0.7
	rs_lv d -A -u 10.0.0.10:53 -s rr
	rs_lv d -a -u 10.0.0.10:53 -r 10.0.0.7 -g
	rs_mac x eth0
	ck_run d --check --probe --probe-timeout 0.5
	expect_rc 1
	expect_stdout "^problem: $MAC, which is no real server of this director, answers ARP for VIP 10\.0\.0\.10 on eth0: another host holds the VIP too"
	expect_stdout '^problem: service -t 10\.0\.0\.10:80: DR real server 10\.0\.0\.7 does not answer ARP on eth0'
	expect_stdout '^info: service -u 10\.0\.0\.10:53: the path to its real servers was not probed \(the probe sends TCP only\)'
	[[ $output != *"-- fix"* ]]
}

@test "--check --probe: refused without root, with nothing to probe, with a VIP that is no service's, and bad options" {
	rs_need setpriv util-linux
	rs_lan <<'EOF2'
d eth0 10.0.0.1/24 10.0.0.10/32
EOF2
	ck_run d --check --probe
	expect_rc 3
	expect_stderr '^--probe: no service here has a DR real server on a directly connected network to probe'
	ck_director d 10.0.0.10 10.0.0.2
	ck_run d --check 10.0.0.99 --probe
	expect_rc 3
	expect_stderr '^--probe: 10\.0\.0\.99 is not the VIP of a service in this host.s IPVS table'
	run --separate-stderr env LVSADM_RUNDIR="$RS_RUN/d" ip netns exec "$RS_P"d \
		setpriv --reuid=65534 --regid=65534 --clear-groups "$LVSADM" --check --probe
	expect_rc 4
	expect_stderr '^--probe: Permission denied \(you must be root'
	ck_run d --check --probe-timeout 2
	expect_rc 2
	expect_stderr 'work only with --probe'
	ck_run d --check --probe --probe-timeout 0
	expect_rc 2
	expect_stderr "illegal probe-timeout '0'"
	ck_run d --check --probe --probe-port 70000
	expect_rc 2
	expect_stderr 'illegal probe-port'
	ck_run d -L --probe
	expect_rc 2
	expect_stderr '--probe does not go with -L \(--list\); it goes with --check'
}

# --- a keepalived pair: the real keepalived, the shipped configuration ---

# ck_keepalived ROLE STATE PRIORITY: start keepalived in ROLE with
# contrib/keepalived/keepalived.conf, as STATE with PRIORITY.
ck_keepalived() {
	local role=$1 dir=$BATS_TEST_TMPDIR/ka-$1
	mkdir -p "$dir"
	sed -e "s/state MASTER/state $2/" -e "s/priority 150/priority $3/" \
		-e "s/router_id lvs_director_1/router_id lvs_$role/" \
		"$BATS_TEST_DIRNAME/../../contrib/keepalived/keepalived.conf" >"$dir/keepalived.conf"
	ip netns exec "$RS_P$role" keepalived -n -l -D -f "$dir/keepalived.conf" \
		-p "$dir/main.pid" -r "$dir/vrrp.pid" -c "$dir/checkers.pid" \
		</dev/null >"$dir/log" 2>&1 3>&- &
	disown $!
}

# ck_wait_vip ROLE: wait (at most 20 s) until ROLE holds 10.0.0.10 on eth0
# and has the service with both real servers.
ck_wait_vip() {
	local deadline=$(( ${EPOCHREALTIME/./} + 20000000 ))
	until ip -n "$RS_P$1" -o addr show dev eth0 | grep -q ' 10\.0\.0\.10/32 ' &&
		[[ $(rs_lv "$1" -Ln | grep -c 'Route') -eq 2 ]]; do
		if (( ${EPOCHREALTIME/./} > deadline )); then
			echo "$1 did not become the active director:"
			ip -n "$RS_P$1" -o addr show dev eth0
			rs_lv "$1" -Ln
			cat "$BATS_TEST_TMPDIR/ka-$1/log"
			return 1
		fi
		rs_sleep 0.3
	done
}

@test "--check with keepalived: clean on the MASTER and on the BACKUP, before and after failover" {
	rs_need keepalived keepalived
	rs_lan <<'EOF2'
d1 eth0 10.0.0.1/24
d2 eth0 10.0.0.3/24
r1 eth0 10.0.0.21/24
r2 eth0 10.0.0.22/24
EOF2
	for role in d1 d2; do
		rs_in "$role" sysctl -q -w net.ipv4.ip_forward=0
	done
	for role in r1 r2; do
		rs_lv "$role" --add-vip 10.0.0.10
		rs_httpd "$role" "$role"
	done
	ck_keepalived d1 MASTER 150
	ck_keepalived d2 BACKUP 100
	ck_wait_vip d1
	# The BACKUP builds the same table, without the VIP.
	deadline=$(( ${EPOCHREALTIME/./} + 20000000 ))
	until [[ $(rs_lv d2 -Ln | grep -c 'Route') -eq 2 ]]; do
		(( ${EPOCHREALTIME/./} < deadline )) || {
			rs_lv d2 -Ln
			return 1
		}
		rs_sleep 0.3
	done
	if ip -n "$RS_P"d2 -o addr show dev eth0 | grep -q ' 10\.0\.0\.10/32 '; then
		echo "the BACKUP holds the VIP too"
		return 1
	fi

	ck_run d1 --check
	expect_rc 0
	expect_same "--check on the MASTER" \
		"ok: director: 1 service, 2 real servers checked" "$output$stderr"
	ck_run d2 --check
	expect_rc 0
	ck_lines 2
	expect_stdout '^info: service -t 10\.0\.0\.10:80: the VIP 10\.0\.0\.10 is not on this host: a standby director, as keepalived runs here; the VIP arrives on failover$'
	expect_stdout '^ok: standby director: 1 service, 2 real servers checked$'
	for role in r1 r2; do
		ck_run "$role" --check
		expect_rc 0
		expect_same "--check on $role" "ok: real server: 1 VIP checked" "$output$stderr"
	done

	# Failover: the MASTER reloads with a priority below the BACKUP's,
	# which takes the VIP over; both keep running, and both are clean.
	sed -i 's/priority 150/priority 50/' "$BATS_TEST_TMPDIR/ka-d1/keepalived.conf"
	kill -HUP "$(<"$BATS_TEST_TMPDIR/ka-d1/main.pid")"
	ck_wait_vip d2
	deadline=$(( ${EPOCHREALTIME/./} + 20000000 ))
	while ip -n "$RS_P"d1 -o addr show dev eth0 | grep -q ' 10\.0\.0\.10/32 '; do
		(( ${EPOCHREALTIME/./} < deadline )) || {
			echo "the old MASTER keeps the VIP"
			return 1
		}
		rs_sleep 0.3
	done
	ck_run d2 --check
	expect_rc 0
	expect_same "--check on the new MASTER" \
		"ok: director: 1 service, 2 real servers checked" "$output$stderr"
	ck_run d1 --check
	expect_rc 0
	ck_lines 2
	expect_stdout '^info: service -t 10\.0\.0\.10:80: the VIP 10\.0\.0\.10 is not on this host: a standby director'
	expect_stdout '^ok: standby director: 1 service, 2 real servers checked$'
}

# lvsadm, ipvsadm and keepalived give a DR real server the service's
# port; a program that speaks to IPVS directly may not.  ck_raw_dest ROLE
# VIP PORT RS RSPORT adds, by generic netlink, a DR real server RS:RSPORT
# to the TCP service VIP:PORT, as such a program would.
ck_raw_dest() {
	rs_need python3 python3
	rs_in "$1" python3 - "$2" "$3" "$4" "$5" <<'PY'
import socket, struct, sys, os
vip, port, rs, rsport = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
def attr(t, data):
    a = struct.pack("=HH", 4 + len(data), t) + data
    return a + b"\0" * (-len(a) % 4)
def msg(family, cmd, version, payload, flags=1 | 4):
    body = struct.pack("=BBH", cmd, version, 0) + payload
    return struct.pack("=IHHII", 16 + len(body), family, flags, 1, 0) + body
def talk(s, m):
    s.send(m)
    return s.recv(65536)
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16)  # NETLINK_GENERIC
s.bind((0, 0))
r = talk(s, msg(0x10, 3, 1, attr(2, b"IPVS\0"), 1))  # CTRL_CMD_GETFAMILY
family, off = None, 20
while off < len(r):
    ln, t = struct.unpack_from("=HH", r, off)
    if t == 1:
        family = struct.unpack_from("=H", r, off + 4)[0]
    off += (ln + 3) & ~3
assert family, "no IPVS family"
a16 = lambda ip: socket.inet_aton(ip) + b"\0" * 12
svc = attr(1, struct.pack("=H", 2)) + attr(2, struct.pack("=H", 6)) + \
    attr(3, a16(vip)) + attr(4, struct.pack(">H", port))
dest = attr(1, a16(rs)) + attr(2, struct.pack(">H", rsport)) + \
    attr(3, struct.pack("=I", 3)) + attr(4, struct.pack("=I", 1)) + \
    attr(5, struct.pack("=I", 0)) + attr(6, struct.pack("=I", 0)) + \
    attr(11, struct.pack("=H", 2))
r = talk(s, msg(family, 5, 1, attr(1 | 0x8000, svc) + attr(2 | 0x8000, dest)))
err = struct.unpack_from("=i", r, 16)[0]
if err:
    sys.exit("IPVS_CMD_NEW_DEST: " + os.strerror(-err))
PY
}

@test "--check on a director: a DR real server whose port differs from the service's" {
	rs_lan <<'EOF2'
d eth0 10.0.0.1/24 10.0.0.10/32
EOF2
	ck_director d 10.0.0.10 10.0.0.3
	ck_clean d --check
	ck_raw_dest d 10.0.0.10 80 10.0.0.2 8080
	rs_lv d -Ln | grep -q '10\.0\.0\.2:8080 *Route'
	rs_lv d -Sn >"$BATS_TEST_TMPDIR/before"
	ck_run d --check
	expect_rc 1
	ck_lines 1
	expect_stdout '^problem: service -t 10\.0\.0\.10:80: DR real server 10\.0\.0\.2 has port 8080, but Direct Routing cannot change the port: it receives the packets for port 80; options: [^-]*$'
	rs_lv d -Sn >"$BATS_TEST_TMPDIR/after"
	cmp "$BATS_TEST_TMPDIR/before" "$BATS_TEST_TMPDIR/after"
}
