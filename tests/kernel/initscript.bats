#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The sysvinit script (contrib/init.d/lvsadm.in) on a real kernel: start,
# stop, reload, save and status for a director and for a real server, each
# test in a network namespace of its own.  The script reads a defaults
# file of the test's own (LVSADM_DEFAULTS) and runs the lvsadm under test
# (its @sbindir@ is the directory of LVSADM); tables are read back with
# the reference ipvsadm.

load netns
load ../manager

setup() {
	kt_need || return 1
	[[ $LVSADM == */lvsadm ]] || {
		echo "LVSADM must be a file named lvsadm: the script runs SBINDIR/lvsadm" >&2
		return 1
	}
	kt_netns init || return 1

	script=$BATS_TEST_TMPDIR/lvsadm
	sed "s|@sbindir@|${LVSADM%/lvsadm}|g" \
		"$BATS_TEST_DIRNAME/../../contrib/init.d/lvsadm.in" >"$script"
	chmod +x "$script"
	rules=$BATS_TEST_TMPDIR/etc/rules
	defaults=$BATS_TEST_TMPDIR/default
	mkdir -p "$BATS_TEST_TMPDIR/etc"
	printf 'LVSADM_RULES=%s\n' "$rules" >"$defaults"
	export LVSADM_DEFAULTS=$defaults
}

teardown() {
	kt_netns_del
}

# initd ACTION: run the init script in the namespace.
initd() {
	ip netns exec "$ns" "$script" "$@"
}

# director_rules: the rules file of a director, a TCP and a UDP service
# (the -R cases' basic.rules), after a comment line.
director_rules() {
	{
		echo "# the director"
		cat "$BATS_TEST_DIRNAME/data/basic.rules"
	} >"$rules"
}

@test "start applies the rules file, status says so, stop clears the table" {
	director_rules
	run initd status
	[ "$status" -eq 3 ]
	[[ $output == *"the table is empty"* ]]

	run initd start
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$(saved)" = "$(grep -v '^#' "$rules")" ]

	run initd status
	[ "$status" -eq 0 ]
	[[ $output == *"TCP  10.0.0.10:80 rr"* ]]

	# A second start changes nothing and does not fail: it syncs.
	run initd start
	[ "$status" -eq 0 ]
	[ "$(saved)" = "$(grep -v '^#' "$rules")" ]

	run initd stop
	[ "$status" -eq 0 ]
	[ -z "$(saved)" ]
	# The rules file is left alone by default.
	grep -q '^# the director$' "$rules"
}

@test "reload applies only what differs and never flushes: counters survive" {
	director_rules
	initd start
	# A connection attempt from the director itself is counted.
	before=$(kt_counted 10.0.0.10:80)

	# The UDP service changes: another scheduler, another real server.
	sed -i 's/-s wlc$/-s wrr/; s/-r 10.0.0.4:53 -g -w 5$/-r 10.0.0.5:53 -g -w 3/' "$rules"
	grep -q -- '-A -u 10.0.0.10:53 -s wrr' "$rules"
	grep -q -- '-r 10.0.0.5:53 -g -w 3' "$rules"
	run initd reload
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$(saved)" = "$(grep -v '^#' "$rules")" ]
	[ "$(kt_conns 10.0.0.10:80)" -ge "$before" ]

	run initd force-reload
	[ "$status" -eq 0 ]
	[ "$(saved)" = "$(grep -v '^#' "$rules")" ]
}

@test "a bad rules file: start and reload fail and change nothing" {
	printf '%s\n' '-A -t 10.0.0.10:80 -s rr' >"$rules"
	initd start
	printf '%s\n' '-A -t 10.0.0.10:80 -s rr' '-A -t 10.0.0.12:80 --bogus' >"$rules"
	run initd reload
	echo "$output"
	[ "$status" -ne 0 ]
	[[ $output == *":2: "* ]]
	[ "$(saved)" = "-A -t 10.0.0.10:80 -s rr" ]
}

@test "save writes the table; stop with LVSADM_SAVE_ON_STOP=yes saves it, then clears" {
	printf '%s\n' '-A -t 10.0.0.10:80 -s rr' >"$rules"
	initd start
	ref -A -t 10.0.0.20:443 -s sh
	run initd save
	[ "$status" -eq 0 ]
	[ "$(cat "$rules")" = "$(saved)" ]
	[ ! -e "$rules.new" ]

	ref -A -u 10.0.0.20:53 -s rr
	expected=$(saved)
	echo LVSADM_SAVE_ON_STOP=yes >>"$defaults"
	run initd stop
	[ "$status" -eq 0 ]
	[ -z "$(saved)" ]
	[ "$(cat "$rules")" = "$expected" ]

	# And it reads back: restart from the saved file.
	run initd start
	[ "$status" -eq 0 ]
	[ "$(saved)" = "$expected" ]
}

@test "real server: start binds LVSADM_VIPS hidden from ARP, stop unbinds them and restores the sysctls" {
	printf '%s\n' "LVSADM_RULES=$BATS_TEST_TMPDIR/no-rules" \
		'LVSADM_VIPS=10.0.0.10,10.0.0.11' >"$defaults"
	ip netns exec "$ns" sysctl -q -w net.ipv4.conf.all.arp_ignore=0 net.ipv4.conf.all.arp_announce=0
	run initd status
	[ "$status" -eq 3 ]

	run initd start
	echo "$output"
	[ "$status" -eq 0 ]
	addrs=$(ip -n "$ns" -4 -o addr show dev lo)
	[[ $addrs == *"inet 10.0.0.10/32"* && $addrs == *"inet 10.0.0.11/32"* ]]
	[ "$(ip netns exec "$ns" sysctl -n net.ipv4.conf.all.arp_ignore)" -ge 1 ]
	[ "$(ip netns exec "$ns" sysctl -n net.ipv4.conf.all.arp_announce)" -eq 2 ]
	# The director's part is off: no rules file, no table touched.
	[ -z "$(saved)" ]

	run initd status
	echo "$output"
	[ "$status" -eq 0 ]

	run initd stop
	[ "$status" -eq 0 ]
	addrs=$(ip -n "$ns" -4 -o addr show dev lo)
	[[ $addrs != *10.0.0.1[01]* ]]
	[ "$(ip netns exec "$ns" sysctl -n net.ipv4.conf.all.arp_ignore)" -eq 0 ]
	[ "$(ip netns exec "$ns" sysctl -n net.ipv4.conf.all.arp_announce)" -eq 0 ]
	run initd status
	[ "$status" -eq 3 ]
	[[ $output == *"10.0.0.10 is not bound"* ]]
}

@test "nothing configured: start says so and succeeds; a bad action is a usage error" {
	printf '%s\n' "LVSADM_RULES=$BATS_TEST_TMPDIR/no-rules" >"$defaults"
	run initd start
	[ "$status" -eq 0 ]
	[[ $output == *"nothing to do"* ]]
	[ -z "$(saved)" ]
	run initd status
	[ "$status" -eq 3 ]
	run initd frobnicate
	[ "$status" -eq 2 ]
	[[ $output == *"usage:"* ]]
	# A missing binary: LSB status 5, but stop still succeeds.
	echo "LVSADM_BIN=$BATS_TEST_TMPDIR/none" >>"$defaults"
	run initd start
	[ "$status" -eq 5 ]
	run initd stop
	[ "$status" -eq 0 ]
}

@test "the LSB header is complete" {
	sed -n '/^### BEGIN INIT INFO$/,/^### END INIT INFO$/p' "$script" >"$BATS_TEST_TMPDIR/lsb"
	for k in Provides Required-Start Required-Stop Default-Start Default-Stop \
		Short-Description Description; do
		grep -q "^# $k: " "$BATS_TEST_TMPDIR/lsb" || {
			echo "no $k in the LSB header"
			return 1
		}
	done
	grep -qx '# Provides:          lvsadm' "$BATS_TEST_TMPDIR/lsb"
}

@test "start and reload refuse to apply the rules while keepalived or ldirectord runs" {
	printf '%s\n' '-A -t 10.0.0.10:80 -s rr' >"$rules"
	for name in keepalived ldirectord; do
		a_manager "$name"
		for action in start reload; do
			run initd "$action"
			echo "$output"
			[ "$status" -ne 0 ]
			[[ $output == *"$name (pid $manager) manages the IPVS table, and $rules would wipe or fight it: refusing."* ]]
			[[ $output == *"LVSADM_IGNORE_MANAGERS=yes"* ]]
			[ -z "$(saved)" ]
		done
		kill "$manager"
		wait "$manager" || true
	done
	# LVSADM_IGNORE_MANAGERS=yes steps aside.
	a_manager keepalived
	echo LVSADM_IGNORE_MANAGERS=yes >>"$defaults"
	run initd start
	kill "$manager"
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$(saved)" = "-A -t 10.0.0.10:80 -s rr" ]
}

@test "stop leaves the table alone once keepalived runs: neither saved into the rules file nor cleared" {
	director_rules
	initd start
	cp "$rules" "$BATS_TEST_TMPDIR/before"
	ref -A -t 10.0.0.20:443 -s sh # as keepalived would add
	expected=$(saved)
	echo LVSADM_SAVE_ON_STOP=yes >>"$defaults"
	a_manager keepalived
	run initd stop
	kill "$manager"
	wait "$manager" || true
	echo "$output"
	[ "$status" -eq 0 ]
	[[ $output == *"keepalived (pid $manager) manages the IPVS table: stop leaves it as it is, neither saved nor cleared."* ]]
	[ "$(saved)" = "$expected" ]
	cmp "$rules" "$BATS_TEST_TMPDIR/before"
	# keepalived gone, stop saves and clears.
	run initd stop
	[ "$status" -eq 0 ]
	[ -z "$(saved)" ]
	[ "$(cat "$rules")" = "$expected" ]
}
