#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Restoring rules (-R) from files in tests/kernel/data, in ipvsadm's save
# format and the looser forms ipvsadm also reads.  differ compares the
# resulting table after every case.
#
# `#` comments, lines that fail to parse and kernel errors are in
# fixes.bats: there ipvsadm stops half-way through the file or reports the
# wrong status, and lvsadm deliberately parts from it.

load helper

@test "-R restores the save format, and -Sn gives it back" {
	differ <<'EOF'
-R < basic.rules
-Sn
EOF
	expect_ref_rc -l 1 0
	expect_ref_stdout '-a -u 10.0.0.10:53 -r 10.0.0.4:53 -g -w 5'
}

@test "-R with ipvsadm tokens, blank lines, tabs and runs of spaces" {
	differ <<'EOF'
-R < ipvsadm-prefix.rules
-R < whitespace.rules
EOF
	expect_ref_rc -l 1 0
	expect_ref_rc 0
	expect_ref_saved '-A -t 10.0.0.20:443 -s wrr -p 300'
	expect_ref_saved '-a -t 10.0.0.20:443 -r 10.0.0.6:443 -g -w 20'
	expect_ref_saved '-a -t 10.0.0.30:80 -r 10.0.0.7:80 -g -w 2'
	expect_ref_saved '-a -t 10.0.0.30:80 -r 10.0.0.8:80 -g -w 3'
	expect_ref_saved '-A -u 10.0.0.30:53 -s lc'
}

@test "-R with port names and long options" {
	differ <<'EOF'
-R < named.rules
--restore < long-options.rules
EOF
	expect_ref_saved '-A -u 10.0.0.40:53 -s wlc -p 60'
	expect_ref_saved '-a -t 10.0.0.50:80 -r 10.0.0.11:80 -g -w 4'
	expect_ref_saved '-A -u 10.0.0.50:53 -s wlc -p 360'
}

@test "-R with edit and delete commands, added to an existing table" {
	differ <<'EOF'
-A -t 10.0.0.1:80 -s rr
-a -t 10.0.0.1:80 -r 10.0.0.2 -g
-R < edit-delete.rules
EOF
	expect_ref_saved '-a -t 10.0.0.1:80 -r 10.0.0.2:80 -g -w 1'
	expect_ref_saved '-A -t 10.0.0.60:80 -s wrr -p 100'
	expect_ref_saved '-a -t 10.0.0.60:80 -r 10.0.0.3:80 -g -w 8'
}

@test "-R with CRLF line ends, and with no newline after the last line" {
	differ <<'EOF'
-R < crlf.rules
-R < no-final-newline.rules
EOF
	expect_ref_saved '-a -t 10.0.0.91:80 -r 10.0.0.2:80 -g -w 2'
	expect_ref_saved '-a -t 10.0.0.90:80 -r 10.0.0.2:80 -g -w 2'
}

@test "-R from empty input" {
	differ <<'EOF'
-R
EOF
	expect_ref_rc 0
	expect_ref_empty_table
}
