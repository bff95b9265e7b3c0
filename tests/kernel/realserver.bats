#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The real-server side of direct routing, against a real kernel: --add-vip,
# --delete-vip, --list-vips and --arp-strict, and the VIP lines of -R and
# -S (--check has check.bats).  The two experiments of the LVS-DR ARP write-up come first:
# a host with three NICs on one subnet that answers ARP on all three, and
# a DR service whose real servers hold the VIP without ever answering ARP
# for it.  Each test builds its own LAN of network namespaces (see
# realserver-helper.bash).

load realserver-helper

# rs_host_known_arp ROLE: a host on no LAN whose conf/all ARP sysctls
# are not the kernel's defaults (arp_announce=1), so that what lvsadm
# puts back can be told from a reset to the defaults.
rs_host_known_arp() {
	rs_host "$1" &&
		rs_sysctl "$1" all.arp_ignore=0 all.arp_announce=1 all.arp_filter=0
}

# The write-up's first experiment: 192.168.18.10-12 on eth0, eth3 and eth4
# of one host, a client at .129.  Starting from non-default values proves
# that --arp-strict off restores what was there, not the kernel defaults.
@test "seed experiment 1: --arp-strict on leaves one ARP reply, from the owning NIC; off restores the old values" {
	rs_lan <<'EOF'
h eth0 192.168.18.10/24
h eth3 192.168.18.11/24
h eth4 192.168.18.12/24
c eth0 192.168.18.129/24
EOF
	rs_sysctl h all.arp_ignore=0 all.arp_announce=1 all.arp_filter=0
	rs_arp h
	before=$ARP
	rs_mac h eth0
	mac0=$MAC
	rs_mac h eth3
	mac3=$MAC
	rs_mac h eth4
	mac4=$MAC

	# Without the sysctls, every NIC answers for every address.
	rs_arp_replies c eth0 192.168.18.10 3
	got=$(printf '%s\n' "${REPLIES[@]}" | sort | tr '\n' ' ')
	want=$(printf '%s\n' "$mac0" "$mac3" "$mac4" | sort | tr '\n' ' ')
	[[ $got == "$want" ]] || {
		echo "before --arp-strict: expected one ARP reply from each of $want, got: $got"
		return 1
	}

	# Only .10 is asked, as in the write-up: with arp_filter=1 a NIC
	# answers only if the route back to the asker leaves through it, and
	# with three routes to one subnet that is eth0's, so .11 and .12 get
	# no answer at all.
	lv_ok h --arp-strict on
	rs_arp_replies c eth0 192.168.18.10 1
	[[ ${REPLIES[*]} == "$mac0" ]] || {
		echo "after --arp-strict on: expected one ARP reply for 192.168.18.10, from eth0 ($mac0); got: ${REPLIES[*]:-none}"
		echo "(eth3 is $mac3, eth4 is $mac4)"
		return 1
	}
	expect_arp h "ignore=1 announce=2 filter=1" "after --arp-strict on"

	lv_ok h --arp-strict off
	rs_arp h
	expect_same "conf/all ARP sysctls after --arp-strict off" "$before" "$ARP"
}

# The write-up's second experiment: the VIP is on the director's LAN
# interface and on lo of both real servers.  r1 starts from lenient
# values, r2 from a stricter arp_ignore that --add-vip must not lower.
@test "seed experiment 2: DR service, real servers hold the VIP yet only the director answers ARP for it" {
	rs_lan <<'EOF'
d eth0 10.0.0.1/24 10.0.0.10/32
r1 eth0 10.0.0.2/24
r2 eth0 10.0.0.3/24
c eth0 10.0.0.100/24
EOF
	rs_httpd r1 "served by r1"
	rs_httpd r2 "served by r2"
	rs_sysctl r1 all.arp_ignore=0 all.arp_announce=1
	rs_sysctl r2 all.arp_ignore=2 all.arp_announce=0
	rs_arp r1
	r1_before=$ARP
	rs_arp r2
	r2_before=$ARP

	lv_ok r1 --add-vip 10.0.0.10
	lv_ok r2 --add-vip 10.0.0.10
	for r in r1 r2; do
		expect_on_lo "$r" " after --add-vip" "inet 10.0.0.10/32"
	done
	lv_ok d -A -t 10.0.0.10:80 -s rr
	lv_ok d -a -t 10.0.0.10:80 -r 10.0.0.2:80 -g
	lv_ok d -a -t 10.0.0.10:80 -r 10.0.0.3:80 -g

	rs_mac d eth0
	dmac=$MAC
	rs_arp_replies c eth0 10.0.0.10 1
	[[ ${REPLIES[*]} == "$dmac" ]] || {
		echo "ARP for the VIP: expected one reply, from the director ($dmac); got: ${REPLIES[*]:-none}"
		return 1
	}

	expect_arp r1 "ignore=1 announce=2 filter=0" "r1 conf/all after --add-vip"
	expect_arp r2 "ignore=2 announce=2 filter=0" "r2 conf/all after --add-vip (arp_ignore was 2, must stay)"

	rs_wait_http c http://10.0.0.2/ 5
	rs_wait_http c http://10.0.0.3/ 5
	bodies=
	for i in 1 2 3 4; do
		bodies+=$(rs_in c curl -sS --max-time 5 http://10.0.0.10/ 2>&1)' '
	done
	[[ $bodies == *"served by r1"* && $bodies == *"served by r2"* ]] || {
		echo "four requests to http://10.0.0.10/ did not reach both real servers: $bodies"
		return 1
	}

	neigh=$(ip -n "$RS_P"c neigh show 10.0.0.10)
	[[ $neigh == *"lladdr $dmac "* ]] || {
		echo "the client's neighbour entry for the VIP is not the director's MAC ($dmac): $neigh"
		return 1
	}

	# In DR the answers go from the real servers to the client: the
	# director counts only the packets coming in.  Kernels before 6.2
	# fold the per-CPU counters every 2 s, so wait for all four
	# connections to show.
	deadline=$((${EPOCHREALTIME/./} + 6000000))
	while :; do
		lv_ok d -Ln --stats --exact
		read -r -a w < <(grep '^TCP  *10.0.0.10:80 ' <<<"$output")
		((${w[2]:-0} >= 4)) && break
		((${EPOCHREALTIME/./} < deadline)) || break
		rs_sleep 0.5
	done
	[[ ${w[2]:-0} -ge 4 && ${w[3]:-0} -gt 0 && ${w[4]:-x} == 0 ]] || {
		echo "expected Conns >= 4, InPkts > 0 and OutPkts 0 on the director"
		rs_show
		return 1
	}

	lv_ok r1 --delete-vip 10.0.0.10
	lv_ok r2 --delete-vip 10.0.0.10
	rs_arp r1
	expect_same "r1's conf/all ARP sysctls after --delete-vip" "$r1_before" "$ARP"
	rs_arp r2
	expect_same "r2's conf/all ARP sysctls after --delete-vip" "$r2_before" "$ARP"
	lo=$(ip -n "$RS_P"r1 -o addr show dev lo)
	[[ $lo != *10.0.0.10* ]] || {
		echo "10.0.0.10 is still on r1's lo after --delete-vip: $lo"
		return 1
	}
}

@test "IPv6: a DR service reaches a real server that holds the VIP as /128 on lo" {
	rs_lan <<'EOF'
d eth0 2001:db8::1/64 2001:db8::10/128
r eth0 2001:db8::2/64
c eth0 2001:db8::100/64
EOF
	rs_httpd r "served by r over IPv6"
	rs_arp r
	before=$ARP

	lv_ok r --add-vip 2001:db8::10
	expect_on_lo r " after --add-vip" "inet6 2001:db8::10/128"

	lv_ok d -A -t '[2001:db8::10]:80' -s rr
	lv_ok d -a -t '[2001:db8::10]:80' -r '[2001:db8::2]:80' -g

	rs_wait_http c 'http://[2001:db8::2]/' 5
	run rs_in c curl -s -g --max-time 5 'http://[2001:db8::10]/'
	[[ $output == "served by r over IPv6" ]] || {
		echo "http://[2001:db8::10]/ from the client did not reach the real server"
		rs_show
		return 1
	}
	rs_mac d eth0
	neigh=$(ip -n "$RS_P"c -6 neigh show 2001:db8::10)
	[[ $neigh == *"lladdr $MAC "* ]] || {
		echo "the client's neighbour entry for the VIP is not the director's MAC ($MAC): $neigh"
		return 1
	}
	rs_arp r
	expect_same "conf/all ARP sysctls (an IPv6 VIP needs none)" "$before" "$ARP"
}

# --- --add-vip, --delete-vip and --arp-strict on one host ---

@test "--add-vip binds /32 with the first free lo:N label; a second run changes nothing" {
	rs_host r
	rs_ip r <<'EOF2'
addr add 10.0.0.5/32 dev lo label lo:0
addr add 10.0.0.6/32 dev lo label lo:2
EOF2
	rs_sysctl r all.arp_ignore=0 all.arp_announce=0 all.arp_filter=0
	rs_snapshot r
	first=$SNAP

	lv_ok r --add-vip 10.0.0.10
	lo=$(ip -n "$RS_P"r -o addr show dev lo)
	[[ $lo == *" inet 10.0.0.10/32 scope global lo:1"* ]] || {
		echo "expected 10.0.0.10/32 with label lo:1 (lo:0 and lo:2 are taken):"
		echo "$lo"
		return 1
	}
	expect_arp r "ignore=1 announce=2 filter=0" "conf/all after --add-vip"
	rs_state_file r
	mode=$(stat -c '%a %U %F' "$STATE")
	[[ $mode == "600 root regular file" ]] || {
		echo "state file $STATE: expected mode 600, owner root, regular file; got $mode"
		return 1
	}
	state1=$(<"$STATE")
	rs_snapshot r
	added=$SNAP

	lv_ok r --add-vip 10.0.0.10
	rs_snapshot r
	expect_same "addresses on lo and conf/all ARP sysctls after a second --add-vip" "$added" "$SNAP"
	expect_same "state file after a second --add-vip" "$state1" "$(<"$STATE")"

	lv_ok r --delete-vip 10.0.0.10
	rs_snapshot r
	expect_same "addresses on lo and conf/all ARP sysctls after --delete-vip" "$first" "$SNAP"

	run --separate-stderr rs_lv r --delete-vip 10.0.0.10
	expect_rc 3
	expect_stderr '10\.0\.0\.10'
	rs_snapshot r
	expect_same "addresses on lo and conf/all ARP sysctls after a second --delete-vip" "$first" "$SNAP"
}

@test "--add-vip takes a list; the sysctls come back only when the last VIP goes" {
	rs_host_known_arp r
	rs_snapshot r
	first=$SNAP

	lv_ok r --add-vip 10.0.0.10,10.0.0.11,2001:db8::10
	expect_on_lo r "" "inet 10.0.0.10/32" "inet 10.0.0.11/32" "inet6 2001:db8::10/128"

	lv_ok r --delete-vip 10.0.0.10
	expect_arp r "ignore=1 announce=2 filter=0" "conf/all with 10.0.0.11 still bound"
	lv_ok r --delete-vip 10.0.0.11,2001:db8::10
	rs_snapshot r
	expect_same "addresses on lo and conf/all ARP sysctls once every VIP is gone" "$first" "$SNAP"
}

@test "--arp-strict and --add-vip share one record of the previous values" {
	rs_host_known_arp r
	rs_arp r
	first=$ARP

	# VIP first, strict mode second; strict mode off keeps what the VIP needs.
	lv_ok r --add-vip 10.0.0.10
	lv_ok r --arp-strict on
	expect_arp r "ignore=1 announce=2 filter=1" "after --add-vip and --arp-strict on"
	lv_ok r --arp-strict
	expect_stdout '^arp-strict: on$'
	expect_stdout '^all +1 +1 +2 *$'
	lv_ok r --arp-strict off
	expect_arp r "ignore=1 announce=2 filter=0" "after --arp-strict off with a VIP still bound"
	lv_ok r --delete-vip 10.0.0.10
	rs_arp r
	expect_same "conf/all ARP sysctls after --delete-vip" "$first" "$ARP"

	# VIP, strict mode, VIP gone: strict mode stays until it is turned off.
	lv_ok r --add-vip 10.0.0.10
	lv_ok r --arp-strict on
	lv_ok r --delete-vip 10.0.0.10
	expect_arp r "ignore=1 announce=2 filter=1" "after --delete-vip with strict mode on"
	lv_ok r --arp-strict off
	rs_arp r
	expect_same "conf/all ARP sysctls after --arp-strict off" "$first" "$ARP"

	# Strict mode first (twice: the second must not record the strict
	# values as the ones to restore); deleting the VIP keeps strict mode.
	lv_ok r --arp-strict on
	lv_ok r --arp-strict on
	lv_ok r --add-vip 10.0.0.10
	lv_ok r --delete-vip 10.0.0.10
	expect_arp r "ignore=1 announce=2 filter=1" "after --delete-vip with strict mode on"
	lv_ok r --arp-strict off
	rs_arp r
	expect_same "conf/all ARP sysctls after --arp-strict off" "$first" "$ARP"
}

@test "--add-vip --interface binds the VIP on that interface" {
	rs_host r
	rs_ip r <<'EOF2'
link add vip0 type veth peer name vip1
EOF2
	lv_ok r --add-vip 10.0.0.10 --interface vip0
	addrs=$(ip -n "$RS_P"r -o addr show dev vip0)
	[[ $addrs == *" inet 10.0.0.10/32 "* ]] || {
		echo "no 10.0.0.10/32 on vip0:"
		echo "$addrs"
		return 1
	}
	lv_ok r --delete-vip 10.0.0.10 --interface vip0
	addrs=$(ip -n "$RS_P"r -o addr show dev vip0)
	[[ $addrs != *10.0.0.10* ]] || {
		echo "10.0.0.10 is still on vip0 after --delete-vip: $addrs"
		return 1
	}
}

# --- refused input: exit status, a message, and nothing changed ---

# A VIP bound beforehand shows that a refused --delete-vip list leaves
# the good addresses in it alone too.
@test "bad VIPs are refused with exit 2 and change nothing" {
	rs_host_known_arp r
	lv_ok r --add-vip 10.0.0.20
	# --delete-vip parses its list as --add-vip does: a sample will do.
	rs_lv_cases r <<'EOF'
--add-vip 10.0.0.1/24
--add-vip 255.255.255.255
--add-vip 224.0.0.1
--add-vip ff02::1
--add-vip 0.0.0.0
--add-vip ::
--add-vip 127.0.0.2
--add-vip ::1
--add-vip 10.0.0
--add-vip abc
--add-vip 10.0.0.300
--add-vip ''
--add-vip 10.0.0.10,10.0.0.300
--delete-vip 10.0.0.20/32
--delete-vip ::
--delete-vip abc
--delete-vip 10.0.0.20,10.0.0.300
EOF
	# The message names the bad address; an empty one is shown as ''.
	expect_cases 2 --names-bad
}

@test "bad interface names are refused with exit 2 and change nothing" {
	rs_host r
	rs_lv_cases r <<'EOF'
--add-vip 10.0.0.10 --interface abcdefghijklmnop
--add-vip 10.0.0.10 --interface a/b
--add-vip 10.0.0.10 --interface .
--add-vip 10.0.0.10 --interface ..
--add-vip 10.0.0.10 --interface ''
--delete-vip 10.0.0.10 --interface ../lo
EOF
	expect_cases 2 'interface'
}

@test "a VIP already bound with another mask or on another interface: exit 3, nothing changed" {
	rs_host r
	rs_ip r <<'EOF2'
link add eth0 type veth peer name eth1
addr add 10.0.0.10/24 dev lo
addr add 10.0.0.20/32 dev eth0
EOF2
	rs_snapshot r
	first=$SNAP
	run --separate-stderr rs_lv r --add-vip 10.0.0.10
	expect_rc 3
	expect_stderr '10\.0\.0\.10'
	rs_snapshot r
	expect_same "addresses on lo and conf/all ARP sysctls" "$first" "$SNAP"

	run --separate-stderr rs_lv r --add-vip 10.0.0.20
	expect_rc 3
	expect_stderr '10\.0\.0\.20'
	rs_snapshot r
	expect_same "addresses on lo and conf/all ARP sysctls" "$first" "$SNAP"

	# One conflict in a list: the other addresses are not bound either.
	run --separate-stderr rs_lv r --add-vip 10.0.0.11,10.0.0.10
	expect_rc 3
	expect_stderr '10\.0\.0\.10'
	rs_snapshot r
	expect_same "addresses on lo and conf/all ARP sysctls" "$first" "$SNAP"

	# And in --delete-vip: one address that is not bound keeps the others.
	lv_ok r --add-vip 10.0.0.11
	rs_snapshot r
	added=$SNAP
	run --separate-stderr rs_lv r --delete-vip 10.0.0.11,10.0.0.12
	expect_rc 3
	expect_stderr '10\.0\.0\.12'
	rs_snapshot r
	expect_same "addresses on lo and conf/all ARP sysctls" "$added" "$SNAP"
}

@test "a user other than root gets a clear message and nothing changes" {
	rs_need setpriv util-linux
	rs_host r
	rs_ip r <<<"addr add 10.0.0.11/32 dev lo label lo:0"
	rs_snapshot r
	first=$SNAP
	for args in "--add-vip 10.0.0.10" "--delete-vip 10.0.0.11" "--arp-strict on"; do
		run --separate-stderr env LVSADM_RUNDIR="$RS_RUN/r" ip netns exec "$RS_P"r \
			setpriv --reuid=65534 --regid=65534 --clear-groups "$LVSADM" $args
		expect_rc 4
		expect_stderr 'root|permission|not permitted'
		rs_snapshot r
		expect_same "addresses on lo and conf/all ARP sysctls after '$args' as nobody" "$first" "$SNAP"
	done
}

@test "a state file that is a symlink is neither followed nor replaced" {
	rs_host r
	rs_snapshot r
	first=$SNAP
	mkdir -p "$RS_RUN/r"
	echo precious >"$BATS_TEST_TMPDIR/target"
	ln -s "$BATS_TEST_TMPDIR/target" "$RS_RUN/r/state"
	for args in "--add-vip 10.0.0.10" "--arp-strict on"; do
		run --separate-stderr rs_lv r $args
		expect_rc 2
		expect_stderr 'state file.*symlink'
		rs_snapshot r
		expect_same "addresses on lo and conf/all ARP sysctls after '$args'" "$first" "$SNAP"
		expect_same "the symlink's target" precious "$(<"$BATS_TEST_TMPDIR/target")"
		[[ -L $RS_RUN/r/state ]] || {
			echo "the symlink $RS_RUN/r/state was replaced"
			return 1
		}
	done
}

@test "a state directory that is a symlink is refused" {
	rs_host r
	rs_snapshot r
	first=$SNAP
	mkdir -p "$RS_RUN" "$BATS_TEST_TMPDIR/elsewhere"
	ln -s "$BATS_TEST_TMPDIR/elsewhere" "$RS_RUN/r"
	run --separate-stderr rs_lv r --add-vip 10.0.0.10
	expect_rc 2
	expect_stderr 'state directory.*symlink'
	rs_snapshot r
	expect_same "addresses on lo and conf/all ARP sysctls" "$first" "$SNAP"
	written=$(ls -A "$BATS_TEST_TMPDIR/elsewhere")
	[[ -z $written ]] || {
		echo "files were written through the symlinked state directory: $written"
		return 1
	}
}

@test "a state file owned by another user, or holding garbage, is refused" {
	rs_host_known_arp r
	lv_ok r --add-vip 10.0.0.10
	rs_state_file r
	cp -p "$STATE" "$BATS_TEST_TMPDIR/good-state"

	chown 65534:65534 "$STATE"
	rs_lv_cases r <<'EOF'
--add-vip 10.0.0.11
--delete-vip 10.0.0.10
--arp-strict on
EOF
	expect_cases 2 'state file.*(belongs|own)'

	chown 0:0 "$STATE"
	printf 'garbage\n\001\377 arp_ignore=x\n' >"$STATE"
	rs_lv_cases r <<'EOF'
--add-vip 10.0.0.11
--delete-vip 10.0.0.10
--arp-strict on
--arp-strict off
EOF
	expect_cases 2 'state file'

	# The original record still works once it is back.
	cp -p "$BATS_TEST_TMPDIR/good-state" "$STATE"
	lv_ok r --delete-vip 10.0.0.10
	expect_arp r "ignore=0 announce=1 filter=0" "conf/all after --delete-vip with the state restored"
}

# --- --list-vips ---

@test "--list-vips: a VIP from --add-vip is hidden, a VIP put on lo by hand without the sysctls is answered" {
	rs_lan <<'EOF2'
r eth0 10.0.0.2/24
EOF2
	rs_ip r <<<"addr add 10.0.0.20/32 dev lo label lo:7"
	lv_ok r --list-vips
	expect_stdout '^10\.0\.0\.20/32 .*lo:7 .*answered on eth0'

	lv_ok r --add-vip 10.0.0.10,2001:db8::10
	lv_ok r --list-vips
	expect_stdout '^10\.0\.0\.10/32 .* lvsadm +hidden *$'
	expect_stdout '^10\.0\.0\.20/32 .* manual +hidden *$'
	expect_stdout '^2001:db8::10/128 .* hidden \(IPv6\) *$'
	expect_stdout '^eth0 +1 +2 +[0-9]+ *$'
}

# --- VIP lines in -R and -S ---

@test "-R takes --add-vip lines; -S equals ipvsadm -S; -S --vips adds the VIPs and reads back" {
	rs_need "$IPVSADM_REF" ipvsadm
	rs_lan <<'EOF2'
r eth0 10.0.0.5/24
r2 eth0 10.0.0.6/24
EOF2
	cat >"$BATS_TEST_TMPDIR/rules" <<'EOF2'
-A -t 10.0.0.10:80 -s rr
-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 1
--add-vip 10.0.0.10
--add-vip 10.0.0.11,2001:db8::10
-A -u 10.0.0.11:53 -s wlc
EOF2
	rs_sysctl r all.arp_ignore=0 all.arp_announce=0
	lv_ok r -R <"$BATS_TEST_TMPDIR/rules"
	expect_on_lo r " after -R" "inet 10.0.0.10/32" "inet 10.0.0.11/32" "inet6 2001:db8::10/128"
	expect_arp r "ignore=1 announce=2 filter=0" "conf/all after -R with --add-vip lines"

	for opt in -S -Sn; do
		run --separate-stderr rs_in r "$IPVSADM_REF" "$opt"
		ref=$output
		lv_ok r "$opt"
		expect_same "lvsadm $opt against ipvsadm $opt" "$ref" "$output"
	done

	lv_ok r -Sn --vips
	saved=$output
	for a in 10.0.0.10 10.0.0.11 2001:db8::10; do
		grep -qx -- "--add-vip $a" <<<"$saved" || {
			echo "no '--add-vip $a' line in -Sn --vips:"
			echo "$saved"
			return 1
		}
	done
	[[ ${saved%%$'\n'--add-vip*} == "$ref" ]] || {
		echo "-Sn --vips does not start with the -Sn rules:"
		echo "$saved"
		return 1
	}

	# What -S --vips saved restores the same host elsewhere.
	lv_ok r2 -R <<<"$saved"
	lv_ok r2 -Sn --vips
	expect_same "-Sn --vips after restoring it on another host" "$saved" "$output"
}

# Runs last: the suite must leave the root namespace as it found it.
@test "the root namespace is left as it was, and no process is left behind" {
	rs_root_state >"$BATS_TEST_TMPDIR/root-after"
	diff -u "$_RS_ROOT_BEFORE" "$BATS_TEST_TMPDIR/root-after"
	rs_netns_in_use >"$BATS_TEST_TMPDIR/netns-after"
	left=$(comm -13 "$_RS_NETNS_BEFORE" "$BATS_TEST_TMPDIR/netns-after")
	[[ -z $left ]] || {
		echo "processes are still running in namespaces the tests made:"
		find /proc/[0-9]*/ns/net -printf '%l %h\n' 2>/dev/null | grep -F -- "$left" |
			while read -r _ d; do
				d=${d%/ns}
				echo "  pid ${d#/proc/}: $(<"$d/comm")"
			done
		return 1
	}
}
