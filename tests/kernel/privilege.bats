#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Without privilege: a user other than root (uid 65534), or root without
# CAP_NET_ADMIN.  Under the name ipvsadm, kernel operations get ipvsadm's
# own "Permission denied (you must be root)" text and exit status, byte for
# byte; under the name lvsadm, a plain "needs root" with the same status;
# -h and -v work;
# the real-server commands say so clearly with the documented exit
# status 4; and nothing changes.  See unchanged-helper.bash for the known
# state that every case must leave as it found it.

load unchanged-helper

DENIED="Can't initialize ipvs: Permission denied (you must be root)
Are you sure that IP Virtual Server is built in the kernel or as module?"
NEEDS_ROOT="IPVS needs root (CAP_NET_ADMIN): run lvsadm as root, for example with sudo"

@test "user: -Ln is denied as ipvsadm denies it" {
	bad_case --user --ref --as-ipvsadm 2 "$DENIED" -- -Ln
}

@test "user: running with no arguments is denied as ipvsadm denies it" {
	bad_case --user --ref --as-ipvsadm 2 "$DENIED" --
}

@test "user: -A is denied as ipvsadm denies it" {
	bad_case --user --ref --as-ipvsadm 2 "$DENIED" -- -A -t 10.0.0.11:80 -s rr
}

@test "user: -C is denied as ipvsadm denies it" {
	bad_case --user --ref --as-ipvsadm 2 "$DENIED" -- -C
}

@test "user: -Z and --set are denied as ipvsadm denies them" {
	bad_case --user --ref --as-ipvsadm 2 "$DENIED" -- -Z
	bad_case --user --ref --as-ipvsadm 2 "$DENIED" -- --set 10 10 10
}

@test "user: --start-daemon is denied as ipvsadm denies it" {
	bad_case --user --ref --as-ipvsadm 2 "$DENIED" -- --start-daemon master
}

@test "user: -R is denied as ipvsadm denies it" {
	printf -- '-A -t 10.0.0.11:80 -s rr\n' >"$BATS_TEST_TMPDIR/rules"
	bad_case --user --ref --as-ipvsadm --stdin "$BATS_TEST_TMPDIR/rules" 2 "$DENIED" -- -R
}

@test "user: under the name ipvsadm, -R --sync is an unknown option, found before the kernel is asked" {
	# ipvsadm 1.31 knows no --sync; lvsadm checks the command line first
	# (a documented difference), so the user hears of the option, not of
	# root.
	printf -- '-A -t 10.0.0.11:80 -s rr\n' >"$BATS_TEST_TMPDIR/rules"
	bad_case --user --as-ipvsadm --stdin "$BATS_TEST_TMPDIR/rules" 255 "--sync: unknown option" -- -R --sync
}

@test "user: under the name lvsadm, kernel commands say that root is needed" {
	bad_case --user 2 "$NEEDS_ROOT" -- -Ln
	bad_case --user 2 "$NEEDS_ROOT" -- -A -t 10.0.0.11:80 -s rr
	printf -- '-A -t 10.0.0.11:80 -s rr\n' >"$BATS_TEST_TMPDIR/rules"
	bad_case --user --stdin "$BATS_TEST_TMPDIR/rules" 2 "$NEEDS_ROOT" -- -R --sync
}

# ipvsadm says "Permission denied" first; lvsadm checks the command line
# before it contacts the kernel (lvsadm(8), COMPATIBILITY).
@test "user: a bad command line is reported as such, before the kernel is asked" {
	bad_case --user 2 "illegal weight specified" -- -a -t 10.0.0.10:80 -r 10.0.0.9 -w -1
}

@test "user: -h works" {
	bad_case --user 0 "" -- -h
	_uc_read "$BATS_TEST_TMPDIR/sut.out"
	[[ $_uc_text == "lvsadm "*$'\n'"Usage:"$'\n'* ]] || {
		echo "lvsadm -h as uid 65534 printed:"
		printf '%s\n' "${_uc_text:0:300}"
		return 1
	}
}

@test "user: -v works" {
	bad_case --user 0 "" -- -v
	_uc_read "$BATS_TEST_TMPDIR/sut.out"
	[[ $_uc_text == "lvsadm "*" (ipvsadm v1.31 compatible, IPVS v1.2.1)"$'\n' ]] || {
		echo "lvsadm -v as uid 65534 printed: $_uc_text"
		return 1
	}
}

@test "user: --add-vip is refused with exit 4" {
	bad_case --user 4 "--add-vip: Permission denied (you must be root)" -- --add-vip 10.0.0.101
}

@test "user: --delete-vip is refused with exit 4" {
	bad_case --user 4 "--delete-vip: Permission denied (you must be root)" -- --delete-vip 10.0.0.100
}

@test "user: --arp-strict on and off are refused with exit 4" {
	bad_case --user 4 "--arp-strict: Permission denied (you must be root)" -- --arp-strict on
	bad_case --user 4 "--arp-strict: Permission denied (you must be root)" -- --arp-strict off
}

@test "user: --check reads what it may, changes nothing, and says what it skipped" {
	bad_case --user 1 "" -- --check
	_uc_read "$BATS_TEST_TMPDIR/sut.out"
	[[ $_uc_text == *"info: not running as root: "*"was not read, and the IPVS table was read from /proc/net/ip_vs"* ]] || {
		echo "lvsadm --check as uid 65534 printed: $_uc_text"
		return 1
	}
}

@test "user: --check --probe is refused with exit 4" {
	bad_case --user 4 "--probe: Permission denied (you must be root: it sends and captures raw frames)" -- --check --probe
}

# A failure while applying a rules file is reported with its line, and
# makes the exit status 255 (lvsadm(8), RULES FILES).
@test "user: -R of a VIP line is refused with its line" {
	printf -- '--add-vip 10.0.0.101\n' >"$BATS_TEST_TMPDIR/rules"
	bad_case --user --stdin "$BATS_TEST_TMPDIR/rules" 255 \
		"<stdin>:1: --add-vip: Permission denied (you must be root)" -- -R
}

# Root without CAP_NET_ADMIN, as in a container that dropped it.
@test "no CAP_NET_ADMIN: -Ln and -A are denied as ipvsadm denies them" {
	bad_case --nocap --ref --as-ipvsadm 2 "$DENIED" -- -Ln
	bad_case --nocap --ref --as-ipvsadm 2 "$DENIED" -- -A -t 10.0.0.11:80 -s rr
	bad_case --nocap 2 "$NEEDS_ROOT" -- -Ln
}

@test "no CAP_NET_ADMIN: --add-vip changes nothing" {
	bad_case --nocap 4 "cannot bind 10.0.0.101 on lo: Operation not permitted" -- --add-vip 10.0.0.101
}

@test "no CAP_NET_ADMIN: --delete-vip changes nothing" {
	bad_case --nocap 4 "cannot remove 10.0.0.100 from lo: Operation not permitted" -- --delete-vip 10.0.0.100
}
