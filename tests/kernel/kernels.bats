#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Where Debian's kernels differ, lvsadm follows the running kernel: each
# case runs both tools on the same kernel (differ), and then says what it
# expects from which kernel.  The suite runs on Debian 12's 6.1 and on
# Debian's 6.12 (contrib/run-tests).

load helper

# kernel_at_least MAJOR MINOR: the running kernel is MAJOR.MINOR or newer.
kernel_at_least() {
	local v major minor
	v=$(uname -r)
	major=${v%%.*}
	minor=${v#*.}
	minor=${minor%%[!0-9]*}
	((major > $1 || (major == $1 && minor >= $2)))
}

@test "the twos scheduler: the kernel has it from 6.5 on (6.12 yes, 6.1 no)" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -s twos
-a -t 10.0.0.10:80 -r 10.0.0.2 -g -w 3
-a -t 10.0.0.10:80 -r 10.0.0.3 -g -w 70000
-Ln
-E -t 10.0.0.10:80 -s rr
-A -u 10.0.0.10:53 -s twos
EOF
	if kernel_at_least 6 5; then
		expect_ref_rc -l 1 0
		expect_ref_stdout -l 4 "TCP  10.0.0.10:80 twos"
		expect_ref_saved "-A -u 10.0.0.10:53 -s twos"
		expect_sut_rc -l 1 0
	else
		expect_ref_rc -l 1 255
		expect_ref_stderr -l 1 "Scheduler or persistence engine not found"
		expect_ref_empty_table
		expect_sut_rc -l 1 255
	fi
}

@test "weights above 65535 on every kernel" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -s wrr
-a -t 10.0.0.10:80 -r 10.0.0.2 -g -w 65536
-a -t 10.0.0.10:80 -r 10.0.0.3 -g -w 2147483647
-e -t 10.0.0.10:80 -r 10.0.0.2 -g -w 100000
-Ln
EOF
	expect_ref_saved "-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 100000"
	expect_ref_saved "-a -t 10.0.0.10:80 -r 10.0.0.3:80 -g -w 2147483647"
}

@test "the kernel's IPVS version line is the same on 6.1 and 6.12" {
	differ <<'EOF'
-Ln
-v
EOF
	expect_ref_stdout -l 1 "IP Virtual Server version 1.2.1 (size=4096)"
}
