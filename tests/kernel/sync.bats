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

# first_lines TEXT...: the output of the last run begins with the lines
# TEXT, in this order.
first_lines() {
	local i=0 want

	for want in "$@"; do
		if [[ ${lines[i]:-} != "$want" ]]; then
			echo "line $((i + 1)) is: ${lines[i]:-(none)}"
			echo "and not: $want"
			return 1
		fi
		i=$((i + 1))
	done
}

# loaded FILE: the table is what the reference's -R makes of FILE in an
# empty table.
loaded() {
	ref -C
	ref -R <"$1"
}

# like_ref OLD NEW: from the table that OLD loads, -R --sync NEW prints
# nothing and makes the table the reference's -R makes of NEW in an empty
# one (the rules, in the order -S sorts them); so does plain -R of what
# -R --sync --dry-run NEW prints, a rules file of the changes.
like_ref() {
	local old=$1 new=$2 want

	echo "from $old to $new"
	loaded "$new"
	want=$(saved)
	[ -n "$want" ]

	loaded "$old"
	run --separate-stderr lvs -R --sync --dry-run <"$new"
	[ "$status" -eq 1 ]
	[ -n "$output" ]
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/changes"
	run lvs -R <"$BATS_TEST_TMPDIR/changes"
	[ "$status" -eq 0 ]
	[ "$(saved)" = "$want" ]

	loaded "$old"
	run lvs -R --sync <"$new"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ "$(saved)" = "$want" ]
}

# synced <<RULES: the table synced to RULES, which stay in $rules.
synced() {
	cat >"$rules"
	lvs -R --sync <"$rules"
}

@test "sync into an empty table gives what ipvsadm -R gives" {
	# TCP and UDP, weights, thresholds, port names and persistence, a
	# firewall mark with masquerading, IPv6: inputs of the -R cases.
	for f in basic named thresholds manpage-example2 manpage-ipv6; do
		like_ref /dev/null "$BATS_TEST_DIRNAME/data/$f.rules"
	done
}

@test "sync changes only what differs; the rest keeps its counters" {
	synced <<-'EOF'
		-A -t 10.0.0.10:80 -s rr
		-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 1
		-A -t 10.0.0.11:80 -s rr
		-a -t 10.0.0.11:80 -r 10.0.0.3:80 -g -w 1
		-a -t 10.0.0.11:80 -r 10.0.0.4:80 -g -w 1
		-A -u 10.0.0.12:53 -s rr
	EOF
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
	first_lines "-E -t 10.0.0.11:80 -s wrr -p 60" \
		"-d -t 10.0.0.11:80 -r 10.0.0.4:80" \
		"-e -t 10.0.0.11:80 -r 10.0.0.3:80 -g -w 4" \
		"-a -t 10.0.0.11:80 -r 10.0.0.5:80 -g -w 1" \
		"-D -u 10.0.0.12:53"
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
	synced <<-'EOF'
		-A -t 10.0.0.10:80 -s rr
		-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 1
		-a -t 10.0.0.10:80 -r 10.0.0.3:80 -g -w 3
		-A -t 10.0.0.11:80 -s rr
		-a -t 10.0.0.11:80 -r 10.0.0.4:80 -g -w 2
	EOF
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
# table, it gives the table --sync gives.  From each table to the next:
# sync-old to sync-new changes every field a sync edits, and the way
# back undoes each; then inputs of the -R cases.
@test "--dry-run's output applied with -R gives what --sync gives" {
	local d=$BATS_TEST_DIRNAME/data

	for pair in sync-old:sync-new sync-new:sync-old basic:thresholds \
		named:basic manpage-example2:manpage-ipv6; do
		like_ref "$d/${pair%:*}.rules" "$d/${pair#*:}.rules"
	done
}

@test "a change the kernel refuses undoes the others" {
	synced <<-'EOF'
		-A -t 10.0.0.10:80 -s rr
		-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 1
		-A -u 10.0.0.12:53 -s rr
	EOF
	before=$(saved)
	cat >"$rules" <<-'EOF'
		-A -t 10.0.0.10:80 -s wrr
		-a -t 10.0.0.10:80 -r 10.0.0.3:80 -g -w 9
		-A -t 10.0.0.20:80 -s no-such-scheduler
	EOF
	run lvs -R --sync <"$rules"
	[ "$status" -eq 255 ]
	first_lines "<stdin>:3: Scheduler or persistence engine not found" \
		"<stdin>: nothing was changed: the changes made were undone"
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
	first_lines "<stdin>:5: illegal weight specified" \
		"<stdin>: 1 bad line, nothing applied"
	sed -i '$d' "$rules"
	run lvs -R --sync <"$rules"
	[ "$status" -eq 2 ]
	first_lines "<stdin>:2: Service not defined" \
		"<stdin>:3: Service already exists" \
		"<stdin>:4: this command cannot be used with --sync" \
		"<stdin>: 3 bad lines, nothing applied"
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
