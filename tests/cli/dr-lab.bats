#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# contrib/dr-lab's command line: -h prints the usage and exits 0, and a bad
# option is explained, with exit status 2, before anything is installed,
# built or booted.  (The lab's failure path inside the VM is in
# tests/kernel/dr-lab.bats.)

bats_require_minimum_version 1.5.0

setup() {
	srcdir=${LVSADM_SRCDIR:-$(cd "$(dirname "$BATS_TEST_FILENAME")/../.." && pwd)}
	lab=$srcdir/contrib/dr-lab
	[ -f "$lab" ]
}

@test "dr-lab -h prints the usage on stdout and exits 0" {
	run --separate-stderr bash "$lab" -h
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: dr-lab [-s scheduler] [-n real-servers] [-r requests]" ]
	[[ $output == *"-n real-servers  how many real servers, 2 to 8"* ]]
	[ -z "$stderr" ]
}

@test "dr-lab -n out of range says so and exits 2" {
	run --separate-stderr bash "$lab" -n 9
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[ "${stderr_lines[0]}" = "dr-lab: -n 9 is out of range: the lab has 2 to 8 real servers" ]
	[ "${stderr_lines[1]}" = "Try 'dr-lab -h' for the usage." ]
}

@test "dr-lab -n that is not a number says so and exits 2" {
	run --separate-stderr bash "$lab" -n two
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "dr-lab: -n 'two' is not a number: give the number of real servers, 2 to 8" ]
}

@test "dr-lab: a bad scheduler name, a bad -r, an unknown option, a missing value" {
	run --separate-stderr bash "$lab" -s 'r r'
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "dr-lab: -s 'r r' is not a scheduler name (such as rr, wrr, lc, wlc, sh, mh)" ]
	run --separate-stderr bash "$lab" -r 0
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "dr-lab: -r '0' is not a number of requests from 1 to 9999" ]
	run --separate-stderr bash "$lab" -q
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "dr-lab: unknown option -q" ]
	run --separate-stderr bash "$lab" -n
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "dr-lab: -n needs a value" ]
	run --separate-stderr bash "$lab" extra
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "dr-lab: unexpected argument 'extra'" ]
}

@test "dr-lab: a failed phase shows its hidden output and stops" {
	# A copy of the tree's contrib/ whose install-deps fails loudly.
	mkdir -p "$BATS_TEST_TMPDIR/top/contrib"
	cp "$lab" "$BATS_TEST_TMPDIR/top/contrib/dr-lab"
	printf '#!/bin/sh\necho "apt says: no network"\nexit 100\n' \
		>"$BATS_TEST_TMPDIR/top/contrib/install-deps"
	chmod +x "$BATS_TEST_TMPDIR/top/contrib/install-deps"
	run --separate-stderr bash "$BATS_TEST_TMPDIR/top/contrib/dr-lab"
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "==> checking packages (installing what is missing)" ]
	[[ ${stderr_lines[1]} == "dr-lab: failed while checking packages (installing what is missing): "*/contrib/install-deps ]]
	[ "${stderr_lines[2]}" = "    apt says: no network" ]
	[ "${#stderr_lines[@]}" -eq 3 ]
}

@test "dr-lab: a successful phase prints one line and hides its output" {
	mkdir -p "$BATS_TEST_TMPDIR/top/contrib" "$BATS_TEST_TMPDIR/top/tests/vm"
	cp "$lab" "$BATS_TEST_TMPDIR/top/contrib/dr-lab"
	printf '#!/bin/sh\necho "lots of apt output"\n' >"$BATS_TEST_TMPDIR/top/contrib/install-deps"
	printf '#!/bin/sh\necho "checking for gcc... yes" >&2\necho /bin/true\n' \
		>"$BATS_TEST_TMPDIR/top/contrib/build"
	printf '#!/bin/sh\necho "guest ran: $*"\nexit 3\n' >"$BATS_TEST_TMPDIR/top/tests/vm/lvsadm-vm"
	chmod +x "$BATS_TEST_TMPDIR/top/contrib/"* "$BATS_TEST_TMPDIR/top/tests/vm/lvsadm-vm"
	run --separate-stderr bash "$BATS_TEST_TMPDIR/top/contrib/dr-lab" -n 3
	# The guest's exit status is the lab's.
	[ "$status" -eq 3 ]
	[ "$output" = "guest ran: -- bash $BATS_TEST_TMPDIR/top/contrib/dr-lab-guest" ]
	[ "${stderr_lines[0]}" = "==> checking packages (installing what is missing)" ]
	[ "${stderr_lines[1]}" = "==> building lvsadm" ]
	[ "${stderr_lines[2]}" = "==> booting the lab VM (about 20 s), then setting up the lab inside it" ]
	[ "${#stderr_lines[@]}" -eq 3 ]
}
