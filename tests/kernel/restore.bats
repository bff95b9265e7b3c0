#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Restoring rules (-R) from files in tests/kernel/data, in ipvsadm's save
# format and the looser forms ipvsadm also reads.  differ compares the
# resulting table after every case.
#
# Not covered on purpose: `#` comments and lines that fail to parse.
# ipvsadm stops at them half-way through the file; lvsadm deliberately
# accepts comments and checks the whole file before changing anything.

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

@test "-R reports kernel errors with their line, goes on, and exits 255" {
	# A deliberate difference: ipvsadm prints the bare message and exits
	# with the status of the last line only, so a failure followed by a
	# good line exits 0.  The tables must still come out the same.
	differ --differs 1 --differs 2 <<'EOF'
-R < kernel-error.rules
-R < kernel-error-last.rules
EOF
	expect_ref_rc -l 1 0
	expect_ref_stderr -l 1 'Service already exists'
	expect_ref_stderr -l 1 'Service not defined'
	expect_ref_rc 255
	expect_ref_stderr 'Scheduler or persistence engine not found'
	expect_sut_rc -l 1 255
	expect_sut_stderr -l 1 '<stdin>:2: Service already exists'
	expect_sut_stderr -l 1 '<stdin>:3: Service not defined'
	expect_sut_rc 255
	expect_sut_stderr '<stdin>:2: Scheduler or persistence engine not found'
	expect_ref_saved '-a -t 10.0.0.72:80 -r 10.0.0.2:80 -g -w 1'
	expect_ref_saved '-A -t 10.0.0.80:80 -s rr'
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
