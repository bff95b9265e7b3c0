#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Under its own name, lvsadm says what is wrong with a command line it
# cannot parse and, for a near miss, the nearest valid option; under the
# name ipvsadm it keeps ipvsadm 1.31's terse texts and exit codes.

load helper

setup() {
	cli_setup
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
	expect_run 255 "-X (--exact) is an option, not a command; it goes with -L (--list), which comes first" lvsadm -X
	expect_run 255 "--sync is an option, not a command; it goes with -R (--restore), which comes first" lvsadm --sync
}

@test "an option before a command it does not go with says so" {
	expect_run 255 "--dry-run is an option of -R (--restore) only, not of -A" lvsadm --dry-run -A -t 10.0.0.1:80
}

@test "an option before a command it goes with shows the right order" {
	expect_run 255 "--json is an option, and options follow the command: lvsadm -L --json" lvsadm --json -L
}

@test "a command without its argument shows its usage" {
	expect_run 255 "--add-vip: missing argument; usage: --add-vip addr[,addr...]" lvsadm --add-vip
}

@test "an option where the VIPs should be is named as such" {
	expect_run 2 "--add-vip needs an address before '--interface': --add-vip addr[,addr...]" lvsadm --add-vip --interface lo
}

@test "an unknown option after the command keeps popt's text and adds the near miss" {
	expect_run 255 "--jsn: unknown option; did you mean --json?" lvsadm -L --jsn
	expect_run 255 "--bogus: unknown option" lvsadm -L --bogus
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
	expect_run 255 "--jsn: unknown option" ipvsadm -L --jsn
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

# check_texts NAME: each line of the table below, run under the program
# NAME, exits 2 with the text of column NAME.  Columns: the arguments,
# lvsadm's text, ipvsadm's text (ipvsadm 1.31's own, which
# tests/kernel/messages.bats and legality.bats compare with the reference
# binary).  An option of lvsadm's own that cannot go with the command is
# one that ipvsadm 1.31 does not know: popt's text, and exit 255.
texts() {
	cat <<'TABLE'
-C --json|--json does not go with -C (--clear); it goes with -L (--list), --list-vips or --check|--json: unknown option
--clear -n|-n (--numeric) does not go with -C (--clear); it goes with -L (--list) or -S (--save)|Illegal 'numeric' option with the 'flush' command
-D -t 10.0.0.1:80 -s rr|-s (--scheduler) does not go with -D (--delete-service); it goes with -A (--add-service) or -E (--edit-service)|Illegal 'scheduler' option with the 'delete-service' command
-A -t 10.0.0.1:80 -r 10.0.0.2|-r (--real-server) does not go with -A (--add-service); it goes with -a (--add-server), -d (--delete-server) or -e (--edit-server)|Illegal 'real-server' option with the 'add-service' command
--add-service|-A (--add-service) needs one of -t (--tcp-service), -u (--udp-service), --sctp-service or -f (--fwmark-service)|You need to supply the 'service-address' option for the 'add-service' command
-a -t 10.0.0.1:80|-a (--add-server) needs -r (--real-server)|You need to supply the 'real-server' option for the 'add-server' command
-L -c --timeout|-c (--connection) and --timeout do not go together with -L (--list)|The option 'timeout' conflicts with the 'connection' option in the 'list' command
-l -t 10.0.0.1:80 --daemon|-t (--tcp-service) and --daemon do not go together with -l (--list)|The option 'daemon' conflicts with the 'service-address' option in the 'list' command
-L -c --thresholds|-c (--connection) and --thresholds do not go together with -L (--list)|options conflicts in the list command
-L --daemon --persistent-conn|--daemon and --persistent-conn do not go together with -L (--list)|options conflicts in the list command
-A -t 10.0.0.1:80 -f 1|-t (--tcp-service) and -f (--fwmark-service): give only one of them|multiple 'service-address' options specified
-a -t 10.0.0.1:80 -r 10.0.0.2 -g -m|-g (--gatewaying) and -m (--masquerading): give only one of them|multiple 'forwarding-method' options specified
-a -t 10.0.0.1:80 -r 10.0.0.2 -w 1 -w 2|-w (--weight) given twice|multiple 'weight' options specified
-A -t 10.0.0.1:80 -E|-E (--edit-service) cannot follow -A (--add-service): one command at a time|invalid option `-E'
-A -t 10.0.0.1:80 -A|-A (--add-service) given twice: one command at a time|invalid option `-A'
-a -t 10.0.0.1:80 -r 10.0.0.2 --start-daemon master|--start-daemon cannot follow -a (--add-server): one command at a time|invalid option `master'
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-port 5|--tun-port does not go with --tun-type ipip (the default)|Illegal 'tun-port' option with the 'ipip' tunnel type
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gre --tun-remcsum|--tun-remcsum does not go with --tun-type gre|Illegal 'tun-remcsum' option with the 'gre' tunnel type
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue|--tun-type gue needs --tun-port|You need to supply the 'tun-port' option for the 'gue' tunnel type
-e -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gre --tun-nocsum --tun-csum|--tun-nocsum and --tun-csum do not go together with --tun-type gre|The option 'tun-csum' conflicts with the 'tun-nocsum' option in the 'gre' tunnel type
-a -t 10.0.0.1:80 -r 10.0.0.2 -m --tun-type gre|--tun-type works only with -i (--ipip), which sets up a tunnel|Tunnel options conflict with forward method
TABLE
}

check_texts() {
	local args want_lvsadm want_ipvsadm want want_rc n=0
	while IFS='|' read -r args want_lvsadm want_ipvsadm; do
		want=$want_lvsadm
		want_rc=2
		if [ "$1" = ipvsadm ]; then
			want=$want_ipvsadm
			[[ $want == *': unknown option' ]] && want_rc=255
		fi
		# shellcheck disable=SC2086 # the words are meant to split
		expect_run "$want_rc" "$want" "$1" $args
		n=$((n + 1))
	done < <(texts)
	# Every line ran.
	[ "$n" -eq "$(texts | wc -l)" ]
}

@test "under the name lvsadm, the legality messages name the options as typed" {
	check_texts lvsadm
}

@test "under the name ipvsadm, the same lines keep ipvsadm 1.31's texts" {
	check_texts ipvsadm
}

@test "in a rules file, lvsadm names the options as typed, with the line" {
	printf '%s\n' '-A -t 10.0.0.1:80 -s rr' '-C --json' >"$BATS_TEST_TMPDIR/rules"
	run lvsadm -R --dry-run "$BATS_TEST_TMPDIR/rules"
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "$BATS_TEST_TMPDIR/rules:2: --json does not go with -C (--clear); it goes with -L (--list), --list-vips or --check" ]
	printf '%s\n' '-A -t 10.0.0.1:80 -s rr' '-C -n' >"$BATS_TEST_TMPDIR/rules"
	run ipvsadm -R <"$BATS_TEST_TMPDIR/rules"
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "<stdin>:2: Illegal 'numeric' option with the 'flush' command" ]
}
