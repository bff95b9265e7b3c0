#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Under its own name, lvsadm says what is wrong with a command line it
# cannot parse and, for a near miss, the nearest valid option; under the
# name ipvsadm it keeps ipvsadm 1.31's terse texts and exit codes.

bats_require_minimum_version 1.5.0

setup() {
	: "${LVSADM:?LVSADM must name the lvsadm binary}"
	[ -x "$LVSADM" ]
	shim=$BATS_TEST_TMPDIR/bin
	mkdir -p "$shim"
	ln -sf "$LVSADM" "$shim/ipvsadm"
	ln -sf "$LVSADM" "$shim/lvsadm"
}

ipvsadm() {
	PATH="$shim:$PATH" command ipvsadm "$@"
}

lvsadm() {
	PATH="$shim:$PATH" command lvsadm "$@"
}

try_ipvsadm="Try \`ipvsadm -h' or 'ipvsadm --help' for more information."

@test "a misspelt command names the nearest commands" {
	run lvsadm --add-servce -t 10.0.0.1:80
	[ "$status" -eq 255 ]
	[ "${lines[0]}" = "unknown command '--add-servce'; did you mean --add-service or --add-server?" ]
	[ "${lines[1]}" = "Try \`lvsadm -h' for the commands." ]
}

@test "a command missing its last letter is a near miss" {
	run lvsadm --list-vip
	[ "$status" -eq 255 ]
	[ "${lines[0]}" = "unknown command '--list-vip'; did you mean --list-vips?" ]
}

@test "a word that is no option at all is not a command" {
	run lvsadm list
	[ "$status" -eq 255 ]
	[ "${lines[0]}" = "'list' is not a command (commands are options, such as -L); did you mean --list or --list-vips?" ]
}

@test "an option first says which command it belongs to" {
	run lvsadm -X
	[ "$status" -eq 255 ]
	[ "$output" = "-X (--exact) is an option, not a command; it goes with -L (--list), which comes first" ]
	run lvsadm --sync
	[ "$status" -eq 255 ]
	[ "$output" = "--sync is an option, not a command; it goes with -R (--restore), which comes first" ]
}

@test "an option before a command it does not go with says so" {
	run lvsadm --dry-run -A -t 10.0.0.1:80
	[ "$status" -eq 255 ]
	[ "$output" = "--dry-run is an option of -R (--restore) only, not of -A" ]
}

@test "an option before a command it goes with shows the right order" {
	run lvsadm --json -L
	[ "$status" -eq 255 ]
	[ "$output" = "--json is an option, and options follow the command: lvsadm -L --json" ]
}

@test "a command without its argument shows its usage" {
	run lvsadm --add-vip
	[ "$status" -eq 255 ]
	[ "$output" = "--add-vip: missing argument; usage: --add-vip addr[,addr...]" ]
}

@test "an option where the VIPs should be is named as such" {
	run lvsadm --add-vip --interface lo
	[ "$status" -eq 2 ]
	[ "$output" = "--add-vip needs an address before '--interface': --add-vip addr[,addr...]" ]
}

@test "an unknown option after the command keeps popt's text and adds the near miss" {
	run lvsadm -L --jsn
	[ "$status" -eq 255 ]
	[ "$output" = "--jsn: unknown option; did you mean --json?" ]
	run lvsadm -L --bogus
	[ "$status" -eq 255 ]
	[ "$output" = "--bogus: unknown option" ]
}

@test "under the name ipvsadm every one of these keeps ipvsadm's text" {
	for args in "--add-servce" "-X" "--list-vip" "--add-vip" "--sync" \
		"--dry-run -A -t 10.0.0.1:80" "--json -L" "list"; do
		# shellcheck disable=SC2086 # the words are meant to split
		run ipvsadm $args
		echo "$args: $output"
		[ "$status" -eq 255 ]
		[ "$output" = "$try_ipvsadm" ]
	done
	run ipvsadm -L --jsn
	[ "$status" -eq 255 ]
	[ "$output" = "--jsn: unknown option" ]
}

@test "in a rules file, lvsadm explains a misspelt line with its number" {
	printf '%s\n' '-A -t 10.0.0.1:80 -s rr' '--add-servr -t 10.0.0.1:80 -r 10.0.0.2' \
		>"$BATS_TEST_TMPDIR/rules"
	run lvsadm -R --dry-run <"$BATS_TEST_TMPDIR/rules"
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "<stdin>:2: unknown command '--add-servr'; did you mean --add-server?" ]
	[ "${lines[1]}" = "<stdin>: 1 bad line, nothing applied" ]
}

@test "a word that is not printable is shown escaped, never raw" {
	printf 'ab\\c\033[31m\n' >"$BATS_TEST_TMPDIR/rules"
	run lvsadm -R --dry-run "$BATS_TEST_TMPDIR/rules"
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "$BATS_TEST_TMPDIR/rules:1: 'ab\\x5cc\\x1b[31m' is not a command (commands are options, such as -L)" ]
}
