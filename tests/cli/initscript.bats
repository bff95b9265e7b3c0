#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The sysvinit script (contrib/init.d/lvsadm.in) with a stand-in lvsadm
# that records its calls: the rules file is passed by name, a setting
# that cannot work is named, with exit status 6, before lvsadm is run at
# all, and stop leaves the table of keepalived or ldirectord alone.
# tests/kernel/initscript.bats runs the script on a real kernel.

bats_require_minimum_version 1.5.0

load ../manager

setup() {
	srcdir=${LVSADM_SRCDIR:-$(cd "$(dirname "$BATS_TEST_FILENAME")/../.." && pwd)}
	sbin=$BATS_TEST_TMPDIR/sbin
	log=$BATS_TEST_TMPDIR/calls
	mkdir -p "$sbin"
	cat >"$sbin/lvsadm" <<-'EOF'
		#!/bin/sh
		echo "lvsadm $*" >>"${0%/sbin/lvsadm}/calls"
	EOF
	chmod +x "$sbin/lvsadm"
	script=$BATS_TEST_TMPDIR/lvsadm
	sed "s|@sbindir@|$sbin|g" "$srcdir/contrib/init.d/lvsadm.in" >"$script"
	chmod +x "$script"
	rules=$BATS_TEST_TMPDIR/rules
	printf '%s\n' '-A -t 10.0.0.10:80 -s rr' >"$rules"
	defaults=$BATS_TEST_TMPDIR/default
	export LVSADM_DEFAULTS=$defaults
}

@test "start passes the rules file by name to lvsadm -R --sync" {
	printf '%s\n' "LVSADM_RULES=$rules" >"$defaults"
	run "$script" start
	[ "$status" -eq 0 ]
	[ "$(cat "$log")" = "lvsadm -R --sync -- $rules" ]
}

@test "an empty LVSADM_VIP_INTERFACE is named; nothing runs" {
	printf '%s\n' "LVSADM_RULES=$rules" LVSADM_VIPS=10.0.0.10 LVSADM_VIP_INTERFACE= >"$defaults"
	for action in start stop reload; do
		run --separate-stderr "$script" "$action"
		[ "$status" -eq 6 ]
		[ "$stderr" = "lvsadm: LVSADM_VIP_INTERFACE is empty: set it to the interface of the VIPs, such as lo (in $defaults)" ]
		[ ! -e "$log" ]
	done
}

@test "VIPs with blanks are named; nothing runs" {
	printf '%s\n' "LVSADM_VIPS='10.0.0.10, 10.0.0.11'" >"$defaults"
	run --separate-stderr "$script" start
	[ "$status" -eq 6 ]
	[ "$stderr" = "lvsadm: LVSADM_VIPS has blanks: write the VIPs comma-separated, without blanks (in $defaults)" ]
	[ ! -e "$log" ]
}

@test "saving on stop into an empty LVSADM_RULES is named; nothing runs" {
	printf '%s\n' LVSADM_RULES= LVSADM_SAVE_ON_STOP=yes >"$defaults"
	run --separate-stderr "$script" stop
	[ "$status" -eq 6 ]
	[ "$stderr" = "lvsadm: LVSADM_SAVE_ON_STOP=yes but LVSADM_RULES is empty: set it to the rules file (in $defaults)" ]
	[ ! -e "$log" ]
}

@test "an empty LVSADM_BIN is named" {
	printf '%s\n' LVSADM_BIN= >"$defaults"
	run --separate-stderr "$script" start
	[ "$status" -eq 6 ]
	[ "$stderr" = "lvsadm: LVSADM_BIN is empty: remove it, or set it to the lvsadm binary (in $defaults)" ]
}

@test "good VIP settings bind the VIPs on the interface" {
	printf '%s\n' "LVSADM_RULES=$BATS_TEST_TMPDIR/none" LVSADM_VIPS=10.0.0.10,10.0.0.11 >"$defaults"
	run "$script" start
	[ "$status" -eq 0 ]
	[ "$(cat "$log")" = "lvsadm --add-vip 10.0.0.10,10.0.0.11 --interface lo" ]
}

@test "stop leaves the table of keepalived or ldirectord alone, says so, and still unbinds the VIPs" {
	printf '%s\n' "LVSADM_RULES=$rules" LVSADM_SAVE_ON_STOP=yes \
		LVSADM_VIPS=10.0.0.10 >"$defaults"
	cp "$rules" "$BATS_TEST_TMPDIR/before"
	for name in keepalived ldirectord; do
		a_manager "$name"
		rm -f "$log"
		run --separate-stderr "$script" stop
		kill "$manager"
		wait "$manager" || true
		echo "$stderr"
		[ "$status" -eq 0 ]
		[[ $stderr == "lvsadm: $name (pid $manager) manages the IPVS table: stop leaves it as it is, neither saved nor cleared."* ]]
		[[ $stderr == *"LVSADM_IGNORE_MANAGERS=yes in $defaults"* ]]
		# Neither -Sn nor -C: only the VIPs are unbound.
		[ "$(cat "$log")" = "lvsadm --delete-vip 10.0.0.10 --interface lo" ]
		cmp "$rules" "$BATS_TEST_TMPDIR/before"
	done
	# With LVSADM_IGNORE_MANAGERS=yes, stop saves and clears as usual.
	echo LVSADM_IGNORE_MANAGERS=yes >>"$defaults"
	a_manager keepalived
	rm -f "$log"
	run "$script" stop
	kill "$manager"
	wait "$manager" || true
	[ "$status" -eq 0 ]
	diff -u - "$log" <<-EOF
		lvsadm -Sn
		lvsadm -C
		lvsadm --delete-vip 10.0.0.10 --interface lo
	EOF
}
