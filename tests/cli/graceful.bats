#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# --graceful on the command line, without a kernel: which commands take
# it, what time it takes, where it cannot go, and that under the name
# ipvsadm it does not exist.  Every refusal comes before lvsadm talks to
# IPVS, so nothing can have changed; tests/kernel/graceful.bats checks
# that against a real table, and the waiting itself.

load helper

setup() {
	cli_setup
	# Wherever the kernel is reached, the state stays here.
	export LVSADM_RUNDIR=$BATS_TEST_TMPDIR/run
}

DEL="-d -t 10.0.0.10:80 -r 10.0.0.21"

@test "the time is whole seconds from 0 to 31 days" {
	for t in -1 +5 soon 1.5 "" 2678401 99999999999999999999 " 5" 5s; do
		# shellcheck disable=SC2086 # the words are meant to split
		run --separate-stderr lvsadm $DEL --graceful "$t"
		echo "'$t': $status $stderr"
		[ "$status" -eq 2 ]
		[ "$stderr" = "illegal graceful time '$t': whole seconds from 0 to 2678400" ]
		[ -z "$output" ]
	done
}

@test "a missing time is popt's missing argument" {
	# shellcheck disable=SC2086
	run --separate-stderr lvsadm $DEL --graceful
	[ "$status" -eq 255 ]
	[ "$stderr" = "--graceful: missing argument" ]
}

@test "--graceful goes with -d and -R only" {
	for cmd in "-A -t 10.0.0.10:80:add-service" \
		"-E -t 10.0.0.10:80:edit-service" \
		"-D -t 10.0.0.10:80:delete-service" \
		"-a -t 10.0.0.10:80 -r 10.0.0.21:add-server" \
		"-e -t 10.0.0.10:80 -r 10.0.0.21 -w 0:edit-server" \
		"-L:list" "-C:flush" "-Z:zero" "-S:save" \
		"--add-vip 10.0.0.10:add-vip" "--list-vips:list-vips" \
		"--check:check"; do
		# shellcheck disable=SC2086
		run --separate-stderr lvsadm ${cmd%:*} --graceful 5
		echo "$cmd: $status $stderr"
		[ "$status" -eq 2 ]
		# The command as the user typed it, and the ones that take it.
		[[ $stderr == "--graceful does not go with ${cmd%%[ :]*}"* ]]
		[[ $stderr == *"; it goes with -d (--delete-server) or -R (--restore)" ]]
	done
}

@test "with -R, --graceful needs --sync --drain, and no --dry-run" {
	for opts in "" "--sync" "--dry-run"; do
		# shellcheck disable=SC2086
		run --separate-stderr lvsadm -R $opts --graceful 5 </dev/null
		echo "$opts: $status $stderr"
		[ "$status" -eq 2 ]
		[ "$stderr" = "--graceful works only with -d, or with -R --sync --drain" ]
	done
	run --separate-stderr lvsadm -R --sync --drain --dry-run --graceful 5 </dev/null
	[ "$status" -eq 2 ]
	[ "$stderr" = "--graceful waits and deletes; it cannot go with --dry-run" ]
}

@test "a rules file cannot hold --graceful" {
	printf '%s\n' '-A -t 10.0.0.10:80 -s rr' \
		"$DEL --graceful 5" >"$BATS_TEST_TMPDIR/rules"
	run --separate-stderr lvsadm -R --dry-run "$BATS_TEST_TMPDIR/rules"
	[ "$status" -eq 2 ]
	[ "$stderr" = "$BATS_TEST_TMPDIR/rules:2: '--graceful' cannot be used in a rules file
$BATS_TEST_TMPDIR/rules: 1 bad line, nothing applied" ]
}

@test "before its command, --graceful names the commands it goes with" {
	run --separate-stderr lvsadm --graceful 5
	[ "$status" -eq 255 ]
	[ "${stderr%%$'\n'*}" = "--graceful is an option, not a command; it goes with -d (--delete-server) or -R (--restore), which comes first" ]
}

@test "under the name ipvsadm --graceful is an unknown option" {
	for args in "$DEL --graceful 5" "$DEL --graceful=5" "$DEL --graceful" \
		"-R --graceful 5" "-L --graceful 5"; do
		# shellcheck disable=SC2086
		run --separate-stderr ipvsadm $args </dev/null
		echo "$args: $status $stderr"
		[ "$status" -eq 255 ]
		[ "$stderr" = "--graceful${args##*--graceful}: unknown option" ] ||
			[ "$stderr" = "--graceful: unknown option" ]
		[ -z "$output" ]
	done
	# Nor do --sync and --drain: the first one named is the one refused.
	run --separate-stderr ipvsadm -R --sync --drain --graceful 5 </dev/null
	[ "$status" -eq 255 ]
	[ "$stderr" = "--sync: unknown option" ]
	# And no near miss is offered for it under that name.
	# shellcheck disable=SC2086
	run --separate-stderr ipvsadm $DEL --gracefull 5
	[ "$stderr" = "--gracefull: unknown option" ]
}

@test "the help lists --graceful under lvsadm's name only" {
	run lvsadm -h
	[[ $output == *"  --graceful seconds                  with -d or -R --sync --drain: weight 0, wait"* ]]
	run ipvsadm -h
	[[ $output != *graceful* ]]
}
