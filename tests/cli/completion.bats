#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The bash completion (contrib/bash-completion/lvsadm, made by the build
# from lvsadm.in and the option table) against the option table: every
# option that `lvsadm --help` lists, and every long name in src/options.c,
# must be completed after some command, and nothing else; after a command,
# only the options valid with it; then completion at work, with a
# stand-in lvsadm that prints a fixed live table.

bats_require_minimum_version 1.5.0

setup() {
	: "${LVSADM:?LVSADM must name the lvsadm binary}"
	[ -x "$LVSADM" ]
	srcdir=${LVSADM_SRCDIR:-$(cd "$(dirname "$BATS_TEST_FILENAME")/../.." && pwd)}
	: "${LVSADM_BUILDDIR:?LVSADM_BUILDDIR must name the build tree (run through make check)}"
	script=$LVSADM_BUILDDIR/contrib/bash-completion/lvsadm
	[ -f "$script" ]

	# The stand-in lvsadm: a live table for -Sn (completion-live.rules),
	# VIPs for --list-vips.
	fake=$BATS_TEST_TMPDIR/fake
	mkdir -p "$fake"
	cp "$srcdir/tests/cli/completion-live.rules" "$fake/live.rules"
	cat >"$fake/lvsadm" <<-'EOF'
		#!/bin/sh
		case "$1" in
		-Sn) cat "${0%/*}/live.rules"
		;;
		--list-vips) cat <<'X'
		VIP                                      Interface        Label            Origin  ARP
		10.0.0.10/32                             lo               lo:0             lvsadm  hidden
		2001:db8::10/128                         lo                                lvsadm  hidden

		Interface        arp_ignore   arp_announce rp_filter
		all              1            2            0
		X
		;;
		*) exit 2 ;;
		esac
	EOF
	chmod +x "$fake/lvsadm"
}

# completions LINE: print, one a line, what completing at the end of LINE
# offers, in a fresh bash that has sourced the script.  COMP_WORDS and
# COMP_CWORD are split roughly as bash splits them; the script itself
# reads COMP_LINE and COMP_POINT.
completions() {
	PATH="$fake:$PATH" bash --norc --noprofile -c '
		set -u
		. "$1"
		line=$2
		COMP_LINE=$line
		COMP_POINT=${#line}
		read -r -a COMP_WORDS <<<"${line//:/ : }"
		[[ $line == *" " ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMPREPLY=()
		_lvsadm lvsadm "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]:-}"
		((${#COMPREPLY[@]} == 0)) || printf "%s\n" "${COMPREPLY[@]}"
	' _ "$script" "$1"
}

# help_options SECTION...: the options the help text lists in those
# sections ("Commands:", "virtual-service:", "Options:", "Daemon Options:",
# "Real server (lvsadm):"), long and short, one a line.
help_options() {
	"$LVSADM" --help | awk -v want="$*" '
		/^[A-Za-z].*:$/ { section = $0 }
		/^$/ { section = "" }
		/^  --/ {
			if (index(" " want " ", "|" section "|") == 0) next
			n = split($1, names, "|")
			for (i = 1; i <= n; i++) print names[i]
			if ($2 ~ /^-[A-Za-z0-9](\|-[A-Za-z0-9])*$/) {
				n = split($2, names, "|")
				for (i = 1; i <= n; i++) print names[i]
			}
		}'
}

# The commands among the real-server options are those that begin a line
# of the synopsis (lvsadm --add-vip|--delete-vip ..., lvsadm --check ...).
synopsis_commands() {
	"$LVSADM" --help | awk '
		/^Usage:/ { on = 1; next }
		on && /^$/ { exit }
		on { n = split($2, names, "|"); for (i = 1; i <= n; i++) print names[i] }' |
		grep '^--'
}

@test "the help text yields the options this test relies on (guards the parsing)" {
	run help_options "|Commands:|"
	[[ $output == *--add-service* && $output == *-A* && $output == *--zero* ]]
	[[ ${#lines[@]} -ge 25 ]]
	run help_options "|Options:|"
	[[ " ${lines[*]} " == *" --scheduler -s "* && " ${lines[*]} " == *" --sched-flags -b "* ]]
	run synopsis_commands
	[[ " ${lines[*]} " == *" --add-vip --delete-vip "* && " ${lines[*]} " == *" --arp-strict "* ]]
}

@test "the first word offers exactly the commands of the help text (and the hidden -l, -v, --version)" {
	{
		help_options "|Commands:|"
		synopsis_commands
		printf '%s\n' -l -v --version
	} | sort -u >"$BATS_TEST_TMPDIR/want"
	completions "lvsadm -" | sort -u >"$BATS_TEST_TMPDIR/got"
	diff -u "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
}

# after_each_command: what - offers after each command (and a first value,
# which no command's completion treats specially), one a line.
after_each_command() {
	local c
	for c in $(completions "lvsadm -"); do
		completions "lvsadm $c value -"
	done
}

@test "after the commands, - offers exactly the other options of the help text" {
	help_options "|virtual-service:|" "|Options:|" "|Daemon Options:|" \
		"|Real server (lvsadm):|" | sort -u >"$BATS_TEST_TMPDIR/all"
	synopsis_commands | sort -u >"$BATS_TEST_TMPDIR/commands"
	# -X is --exact's short name, which ipvsadm's help does not show.
	{
		comm -23 "$BATS_TEST_TMPDIR/all" "$BATS_TEST_TMPDIR/commands"
		echo -X
	} | sort -u >"$BATS_TEST_TMPDIR/want"
	[ -s "$BATS_TEST_TMPDIR/want" ]
	after_each_command | sort -u >"$BATS_TEST_TMPDIR/got"
	diff -u "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
}

@test "after -a, - offers only the options of add-server" {
	completions "lvsadm -a -" | sort >"$BATS_TEST_TMPDIR/got"
	printf '%s\n' -t --tcp-service -u --udp-service --sctp-service \
		-f --fwmark-service -6 --ipv6 -r --real-server -g --gatewaying \
		-i --ipip -m --masquerading --tun-type --tun-port --tun-nocsum \
		--tun-csum --tun-remcsum -w --weight -x --u-threshold \
		-y --l-threshold | sort >"$BATS_TEST_TMPDIR/want"
	diff -u "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
	run completions "lvsadm --add-server -t 10.0.0.10:80 --mc"
	[ -z "$output" ]
}

@test "each command gets its own options: -L, --start-daemon, --add-vip, -C" {
	run completions "lvsadm -L --"
	[[ $'\n'$output$'\n' == *$'\n--json\n'* && $'\n'$output$'\n' == *$'\n--stats\n'* ]]
	[[ $'\n'$output$'\n' != *$'\n--real-server\n'* && $'\n'$output$'\n' != *$'\n--mcast-ttl\n'* ]]
	run completions "lvsadm --start-daemon master --mc"
	[ "$output" = $'--mcast-interface\n--mcast-group\n--mcast-port\n--mcast-ttl' ]
	run completions "lvsadm --add-vip 10.0.0.10 -"
	[ "$output" = $'-6\n--ipv6\n--interface' ] || [ "$output" = "--interface" ]
	run completions "lvsadm -C -"
	[ -z "$output" ]
}

@test "an option already given is not offered again" {
	run completions "lvsadm -a -t 10.0.0.10:80 -r 10.0.0.2 -w 1 -"
	[[ $'\n'$output$'\n' != *$'\n-t\n'* && $'\n'$output$'\n' != *$'\n-w\n'* ]]
	[[ $'\n'$output$'\n' == *$'\n-x\n'* ]]
}

@test "every long and short name of the option table in src/options.c is completed" {
	src=$srcdir/src/options.c
	[ -f "$src" ]
	# The rows as one line, whatever clang-format made of them.
	tr -s '\n\t' '  ' <"$src" >"$BATS_TEST_TMPDIR/flat"
	{
		grep -o -E '(CMD|OPT|OPT_LIKE)\( ?"[a-z0-9-]+"|\.longname = "[a-z0-9-]+"' "$BATS_TEST_TMPDIR/flat" |
			sed -E 's/.*"([a-z0-9-]+)"$/--\1/'
		grep -o -E "(CMD|OPT|OPT_LIKE)\( ?\"[a-z0-9-]+\", '[A-Za-z0-9]'|\.shortname = '[A-Za-z0-9]'" "$BATS_TEST_TMPDIR/flat" |
			sed -E "s/.*'(.)'$/-\1/"
	} | sort -u >"$BATS_TEST_TMPDIR/want"
	grep -q -x -- --add-service "$BATS_TEST_TMPDIR/want"
	grep -q -x -- -A "$BATS_TEST_TMPDIR/want"
	grep -q -x -- -X "$BATS_TEST_TMPDIR/want"
	[ "$(wc -l <"$BATS_TEST_TMPDIR/want")" -ge 90 ]
	{
		completions "lvsadm -"
		after_each_command
	} | sort -u >"$BATS_TEST_TMPDIR/got"
	diff -u "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
}

@test "a prefix narrows the replies" {
	run completions "lvsadm --add-"
	[ "$status" -eq 0 ]
	[ "$output" = $'--add-service\n--add-server\n--add-vip' ]
	run completions "lvsadm -A -t 10.0.0.10:80 --sched"
	[ "$output" = $'--scheduler\n--sched-flags' ]
}

@test "schedulers, persistence engines, tunnel types, daemon states, arp-strict" {
	run completions "lvsadm -A -t 10.0.0.10:80 -s "
	[ "$output" = "$(printf '%s\n' rr wrr lc wlc lblc lblcr dh sh sed nq fo ovf mh)" ]
	run completions "lvsadm -E -t 10.0.0.10:80 --scheduler w"
	[ "$output" = $'wrr\nwlc' ]
	run completions "lvsadm -A -u 10.0.0.10:5060 --pe "
	[ "$output" = sip ]
	run completions "lvsadm -a -t 10.0.0.10:80 -r 10.0.0.2 -i --tun-type g"
	[ "$output" = $'gue\ngre' ]
	run completions "lvsadm --start-daemon "
	[ "$output" = $'master\nbackup' ]
	run completions "lvsadm --arp-strict "
	[ "$output" = $'on\noff' ]
	run completions "lvsadm -A -t 10.0.0.10:80 -s sh -b sh-fallback,sh-p"
	[ "$output" = sh-fallback,sh-port ]
}

@test "the schedulers completed are those the help text names" {
	want=$("$LVSADM" --help | sed -n 's/.*--scheduler.*one of \([a-z|]*\),$/\1/p' | tr '|' '\n')
	[ -n "$want" ]
	run completions "lvsadm -A -t 10.0.0.10:80 -s "
	[ "$output" = "$want" ]
}

@test "-d, -e and -D complete the services of the live table, by protocol" {
	run completions "lvsadm -D -t "
	[ "$output" = $'10.0.0.10:80\n10.0.0.11:443\n[2001:db8::1]:80' ]
	run completions "lvsadm -d -u "
	[ "$output" = 10.0.0.10:53 ]
	run completions "lvsadm -e -f "
	[ "$output" = 7 ]
	run completions "lvsadm -d --tcp-service 10.0.0.1"
	[ "$output" = $'10.0.0.10:80\n10.0.0.11:443' ]
}

@test "-r after -d or -e completes the real servers of the service named" {
	run completions "lvsadm -d -t 10.0.0.10:80 -r "
	[ "$output" = $'10.0.0.21:80\n10.0.0.22:80' ]
	run completions "lvsadm -e -t [2001:db8::1]:80 -r "
	[ "$output" = '[2001:db8::21]:80' ]
	run completions "lvsadm -e -f 7 -w 3 -r "
	[ "$output" = 10.0.0.24:0 ]
	run completions "lvsadm -d -u 10.0.0.10:53 --real-server 10.0.0.2"
	[ "$output" = 10.0.0.23:53 ]
}

@test "after a colon, replies are cut to what bash replaces" {
	run completions "lvsadm -D -t 10.0.0.10:"
	[ "$output" = 80 ]
	run completions "lvsadm -d -t 10.0.0.10:80 -r 10.0.0.22:"
	[ "$output" = 80 ]
}

@test "-A takes a new address: the live table is not offered" {
	run completions "lvsadm -A -t "
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run completions "lvsadm -a -t 10.0.0.10:80 -r "
	[ -z "$output" ]
}

@test "--delete-vip completes the bound VIPs, --interface the interfaces" {
	run completions "lvsadm --delete-vip "
	[ "$output" = $'10.0.0.10\n2001:db8::10' ]
	run completions "lvsadm --list-vips --interface l"
	[[ $'\n'$output$'\n' == *$'\nlo\n'* ]]
}

@test "the script is registered for lvsadm and passes bash -n" {
	bash -n "$script"
	run bash --norc -c '. "$1"; complete -p lvsadm' _ "$script"
	[ "$output" = "complete -F _lvsadm lvsadm" ]
}
