#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# -R --sync and --dry-run on a real kernel: the table ends equal to the
# rules, only what differs is changed (counters of the rest survive), a
# refused change is undone, and a bad file changes nothing.  Tables are
# always read back with the reference ipvsadm.

bats_require_minimum_version 1.5.0

load netns

setup() {
	kt_need || return 1
	kt_netns sync || return 1
	rules=$BATS_TEST_TMPDIR/rules
}

teardown() {
	kt_netns_del
}

@test "sync into an empty table gives what ipvsadm -R gives" {
	# TCP and UDP, weights, thresholds, port names and persistence, a
	# firewall mark with masquerading, IPv6: inputs of the -R cases.
	for f in basic named thresholds manpage-example2 manpage-ipv6; do
		rules=$BATS_TEST_DIRNAME/data/$f.rules
		ref -C
		ref -R <"$rules"
		expected=$(saved)
		[ -n "$expected" ]
		ref -C
		run lvs -R --sync <"$rules"
		echo "$f.rules: $output"
		[ "$status" -eq 0 ]
		[ -z "$output" ]
		[ "$(saved)" = "$expected" ]
	done
}

@test "sync changes only what differs; the rest keeps its counters" {
	cat >"$rules" <<-'EOF'
		-A -t 10.0.0.10:80 -s rr
		-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 1
		-A -t 10.0.0.11:80 -s rr
		-a -t 10.0.0.11:80 -r 10.0.0.3:80 -g -w 1
		-a -t 10.0.0.11:80 -r 10.0.0.4:80 -g -w 1
		-A -u 10.0.0.12:53 -s rr
	EOF
	lvs -R --sync <"$rules"
	# A connection attempt from the director itself is scheduled by
	# IPVS and counted on the service.
	before=$(kt_counted 10.0.0.10:80)

	cat >"$rules" <<-'EOF'
		-A -t 10.0.0.10:80 -s rr
		-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 1
		-A -t 10.0.0.11:80 -s wrr -p 60
		-a -t 10.0.0.11:80 -r 10.0.0.3:80 -g -w 4
		-a -t 10.0.0.11:80 -r 10.0.0.5:80 -g -w 1
	EOF
	run --separate-stderr lvs -R --sync --dry-run <"$rules"
	[ "$status" -eq 1 ]
	[ "${lines[0]}" = "-E -t 10.0.0.11:80 -s wrr -p 60" ]
	[ "${lines[1]}" = "-d -t 10.0.0.11:80 -r 10.0.0.4:80" ]
	[ "${lines[2]}" = "-e -t 10.0.0.11:80 -r 10.0.0.3:80 -g -w 4" ]
	[ "${lines[3]}" = "-a -t 10.0.0.11:80 -r 10.0.0.5:80 -g -w 1" ]
	[ "${lines[4]}" = "-D -u 10.0.0.12:53" ]
	[ "${#lines[@]}" -eq 5 ]
	[ "$stderr" = "<stdin>: 5 lines read: 2 services, 3 real servers, 0 VIPs; 5 changes to make, none made (dry run)" ]

	run lvs -R --sync <"$rules"
	[ "$status" -eq 0 ]
	[ "$(kt_conns 10.0.0.10:80)" -ge "$before" ]
	# The rules are written in the order -S sorts them.
	[ "$(saved)" = "$(cat "$rules")" ]
	run --separate-stderr lvs -R --sync --dry-run <"$rules"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	# The file by name: the summary names it.
	run --separate-stderr lvs -R --sync --dry-run "$rules"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ "$stderr" = "$rules: 5 lines read: 2 services, 3 real servers, 0 VIPs; 0 changes to make, none made (dry run)" ]
}

@test "--drain sets real servers that go to weight 0 and keeps their connections" {
	cat >"$rules" <<-'EOF'
		-A -t 10.0.0.10:80 -s rr
		-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 1
		-a -t 10.0.0.10:80 -r 10.0.0.3:80 -g -w 3
		-A -t 10.0.0.11:80 -s rr
		-a -t 10.0.0.11:80 -r 10.0.0.4:80 -g -w 2
	EOF
	lvs -R --sync <"$rules"
	# Connections to both real servers of the first service (attempts
	# repeat until one reaches 10.0.0.3).
	conns() { lvs -L -n -t 10.0.0.10:80 | awk -v rs="$1" '$2 == rs { print $5 + $6 }'; }
	for ((i = 0; i < 12; i++)); do
		kt_attempt 10.0.0.10:80
		((i >= 3)) && [ "$(conns 10.0.0.3:80)" -gt 0 ] && break
	done
	[ "$(conns 10.0.0.3:80)" -gt 0 ]

	cat >"$rules" <<-'EOF'
		-A -t 10.0.0.10:80 -s rr
		-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 1
	EOF
	run --separate-stderr lvs -R --sync --drain --dry-run <"$rules"
	[ "$status" -eq 1 ]
	[ "$output" = "-e -t 10.0.0.10:80 -r 10.0.0.3:80 -g -w 0
-e -t 10.0.0.11:80 -r 10.0.0.4:80 -g -w 0" ]

	run lvs -R --sync --drain <"$rules"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ "$(saved)" = "-A -t 10.0.0.10:80 -s rr
-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 1
-a -t 10.0.0.10:80 -r 10.0.0.3:80 -g -w 0
-A -t 10.0.0.11:80 -s rr
-a -t 10.0.0.11:80 -r 10.0.0.4:80 -g -w 0" ]
	# The drained real server still holds its connections.
	[ "$(conns 10.0.0.3:80)" -gt 0 ]
	# Drained already: nothing more to do.
	run --separate-stderr lvs -R --sync --drain --dry-run <"$rules"
	[ "$status" -eq 0 ]
	[ -z "$output" ]

	# Without --drain, what is not in the rules goes.
	run lvs -R --sync <"$rules"
	[ "$status" -eq 0 ]
	[ "$(saved)" = "$(cat "$rules")" ]
}

@test "--drain without --sync is refused and changes nothing" {
	lvs -A -t 10.0.0.10:80 -s rr
	before=$(saved)
	run lvs -R --drain <<<"-D -t 10.0.0.10:80"
	[ "$status" -eq 2 ]
	[ "$output" = "--drain works only with --sync" ]
	[ "$(saved)" = "$before" ]
}

# What --dry-run prints is a rules file: applied by plain -R to the old
# table, it gives the table --sync gives.
@test "--dry-run's output applied with -R gives what --sync gives" {
	cat >"$BATS_TEST_TMPDIR/old" <<-'EOF'
		-A -t 10.0.0.10:80 -s rr
		-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 1
		-a -t 10.0.0.10:80 -r 10.0.0.3:80 -g -w 1
		-A -t 10.0.0.11:443 -s wlc -p 300
		-a -t 10.0.0.11:443 -r 10.0.0.4:443 -g -w 2 -x 100 -y 10
		-A -u 10.0.0.12:53 -s rr
		-a -u 10.0.0.12:53 -r 10.0.0.5:53 -g -w 1
		-A -f 5 -s sh
		-a -f 5 -r 10.0.0.6:0 -g -w 1
		-A -t [2001:db8::10]:80 -s rr
		-a -t [2001:db8::10]:80 -r [2001:db8::2]:80 -g -w 1
	EOF
	cat >"$rules" <<-'EOF'
		-A -t 10.0.0.10:80 -s wrr
		-a -t 10.0.0.10:80 -r 10.0.0.3:80 -g -w 5
		-a -t 10.0.0.10:80 -r 10.0.0.7:80 -g -w 1
		-A -t 10.0.0.11:443 -s wlc -p 600
		-a -t 10.0.0.11:443 -r 10.0.0.4:443 -g -w 2 -x 200 -y 10
		-A -f 5 -s sh -b sh-port
		-a -f 5 -r 10.0.0.6:0 -i -w 1
		-A -u 10.0.0.13:53 -s rr
		-a -u 10.0.0.13:53 -r 10.0.0.5:53 -g -w 1
		-A -t [2001:db8::10]:80 -s rr
		-a -t [2001:db8::10]:80 -r [2001:db8::3]:80 -g -w 1
	EOF
	ref -R <"$BATS_TEST_TMPDIR/old"
	run --separate-stderr lvs -R --sync --dry-run <"$rules"
	[ "$status" -eq 1 ]
	[ -n "$output" ]
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/changes"
	run lvs -R <"$BATS_TEST_TMPDIR/changes"
	[ "$status" -eq 0 ]
	by_changes=$(saved)

	ref -C
	ref -R <"$BATS_TEST_TMPDIR/old"
	run lvs -R --sync <"$rules"
	[ "$status" -eq 0 ]
	[ "$(saved)" = "$by_changes" ]
	# And both are the rules, in the order -S sorts.
	ref -C
	ref -R <"$rules"
	[ "$(saved)" = "$by_changes" ]
}

@test "a change the kernel refuses undoes the others" {
	cat >"$rules" <<-'EOF'
		-A -t 10.0.0.10:80 -s rr
		-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 1
		-A -u 10.0.0.12:53 -s rr
	EOF
	lvs -R --sync <"$rules"
	before=$(saved)
	cat >"$rules" <<-'EOF'
		-A -t 10.0.0.10:80 -s wrr
		-a -t 10.0.0.10:80 -r 10.0.0.3:80 -g -w 9
		-A -t 10.0.0.20:80 -s no-such-scheduler
	EOF
	run lvs -R --sync <"$rules"
	[ "$status" -eq 255 ]
	[ "${lines[0]}" = "<stdin>:3: Scheduler or persistence engine not found" ]
	[ "${lines[1]}" = "<stdin>: nothing was changed: the changes made were undone" ]
	[ "$(saved)" = "$before" ]
}

@test "a bad line changes nothing and every bad line is named" {
	lvs -A -t 10.0.0.10:80 -s rr
	before=$(saved)
	cat >"$rules" <<-'EOF'
		-A -t 10.0.0.30:80 -s rr
		-a -t 10.0.0.31:80 -r 10.0.0.2
		-A -t 10.0.0.30:80 -s wlc
		-Z
		-a -t 10.0.0.30:80 -r 10.0.0.2 -w -5
	EOF
	run lvs -R --sync <"$rules"
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "<stdin>:5: illegal weight specified" ]
	[ "${lines[1]}" = "<stdin>: 1 bad line, nothing applied" ]
	sed -i '$d' "$rules"
	run lvs -R --sync <"$rules"
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "<stdin>:2: Service not defined" ]
	[ "${lines[1]}" = "<stdin>:3: Service already exists" ]
	[ "${lines[2]}" = "<stdin>:4: this command cannot be used with --sync" ]
	[ "${lines[3]}" = "<stdin>: 3 bad lines, nothing applied" ]
	[ "$(saved)" = "$before" ]
}

@test "--set in a synced file changes the timeouts only when they differ" {
	printf -- '--set 900 120 300\n' >"$rules"
	run --separate-stderr lvs -R --sync --dry-run <"$rules"
	[ "$status" -eq 0 ]
	printf -- '--set 1000 0 60\n' >"$rules"
	run --separate-stderr lvs -R --sync --dry-run <"$rules"
	[ "$status" -eq 1 ]
	[ "$output" = "--set 1000 0 60" ]
	lvs -R --sync <"$rules"
	[ "$(lvs -L --timeout)" = "Timeout (tcp tcpfin udp): 1000 120 60" ]
}

@test "VIP lines are synced; VIPs bound by hand stay" {
	ip netns exec "$ns" ip addr add 10.9.9.9/32 dev lo
	printf -- '--add-vip 10.0.0.100,10.0.0.101\n' >"$rules"
	lvs -R --sync <"$rules"
	ip -n "$ns" -o addr show dev lo | grep -q ' 10.0.0.100/32 '
	ip -n "$ns" -o addr show dev lo | grep -q ' 10.0.0.101/32 '
	printf -- '--add-vip 10.0.0.101\n' >"$rules"
	run --separate-stderr lvs -R --sync --dry-run <"$rules"
	[ "$status" -eq 1 ]
	[ "$output" = "--delete-vip 10.0.0.100" ]
	lvs -R --sync <"$rules"
	! ip -n "$ns" -o addr show dev lo | grep -q ' 10.0.0.100/32 '
	ip -n "$ns" -o addr show dev lo | grep -q ' 10.0.0.101/32 '
	ip -n "$ns" -o addr show dev lo | grep -q ' 10.9.9.9/32 '
}
