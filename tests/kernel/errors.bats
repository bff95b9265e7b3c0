#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Error paths: kernel refusals, bad values and bad command lines.  Each
# case also checks the reference's message and exit status, so that it
# cannot drift into testing nothing.  ipvsadm exits 2 for errors it finds
# in the arguments, 255 for kernel refusals and for errors popt reports,
# and 1 when -L -t names a service that does not exist.

load helper

# --- refused by the kernel ---

@test "duplicate service" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -s rr
-A -t 10.0.0.10:80 -s lc
EOF
	expect_ref_rc 255
	expect_ref_stderr 'Service already exists'
	expect_ref_saved '-A -t 10.0.0.10:80 -s rr'
}

@test "commands on a missing service" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -s rr
-E -t 10.0.0.11:80 -s rr
-D -u 10.0.0.10:80
-a -t 10.0.0.11:80 -r 10.0.0.2 -g
-L -t 10.0.0.11:80
EOF
	expect_ref_rc -l 2 255
	expect_ref_stderr -l 2 'No such service'
	expect_ref_rc -l 3 255
	expect_ref_stderr -l 3 'No such service'
	expect_ref_rc -l 4 255
	expect_ref_stderr -l 4 'Service not defined'
	# Listing a missing service exits 1, not 255.
	expect_ref_rc 1
	expect_ref_stderr 'No such service'
}

@test "duplicate real server; -e and -d on a missing one" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -s rr
-a -t 10.0.0.10:80 -r 10.0.0.2 -g
-a -t 10.0.0.10:80 -r 10.0.0.2 -g -w 3
-e -t 10.0.0.10:80 -r 10.0.0.3 -g -w 2
-d -t 10.0.0.10:80 -r 10.0.0.4
EOF
	expect_ref_rc -l 3 255
	expect_ref_stderr -l 3 'Destination already exists'
	expect_ref_rc -l 4 255
	expect_ref_stderr -l 4 'No such destination'
	expect_ref_rc 255
	expect_ref_stderr 'No such destination'
	expect_ref_saved '-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 1'
}

@test "unknown scheduler, and a failed -E leaves the service as it was" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -s nosuch
-A -t 10.0.0.11:80 -s rr
-E -t 10.0.0.11:80 -s nosuch
EOF
	expect_ref_rc -l 1 255
	expect_ref_stderr -l 1 'Scheduler or persistence engine not found'
	expect_ref_rc 255
	expect_ref_saved '-A -t 10.0.0.11:80 -s rr'
}

# --- bad values ---

@test "bad virtual and real server addresses" {
	differ <<'EOF'
-A -t bad
-A -u 10.0.0.10:99999
-a -t 10.0.0.10:80 -r bad
EOF
	expect_ref_rc -l 1 2
	expect_ref_stderr -l 1 'illegal virtual server address[:port] specified'
	expect_ref_stderr -l 2 'illegal virtual server address[:port] specified'
	expect_ref_rc 2
	expect_ref_stderr 'illegal real server address[:port] specified'
}

@test "bad persistence timeouts" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -p foo
-A -t 10.0.0.10:80 -p 0
-A -t 10.0.0.10:80 -p -1
EOF
	expect_ref_rc -l 1 2
	expect_ref_stderr -l 1 "invalid timeout value \`foo' specified"
	expect_ref_stderr -l 2 "invalid timeout value \`0' specified"
	# popt takes -1 for an option, not for the timeout.
	expect_ref_rc 255
	expect_ref_stderr '-1: unknown option'
}

@test "zero port for a non-persistent service" {
	differ <<'EOF'
-A -t 10.0.0.10:0 -s rr
-A -u 10.0.0.10
EOF
	expect_ref_rc -l 1 2
	expect_ref_stderr -l 1 'Zero port specified for non-persistent service'
	expect_ref_rc 2
	expect_ref_stderr 'Zero port specified for non-persistent service'
}

@test "weight out of range" {
	differ <<'EOF'
-a -t 10.0.0.10:80 -r 10.0.0.2 -g -w -1
-a -t 10.0.0.10:80 -r 10.0.0.3 -g -w 2147483648
EOF
	expect_ref_rc -l 1 2
	expect_ref_stderr -l 1 'illegal weight specified'
	expect_ref_rc 2
	expect_ref_stderr 'illegal weight specified'
}

# --- bad command lines ---

@test "options not allowed with, or required by, the command; -6 without -f" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -r 10.0.0.2
-D -t 10.0.0.10:80 -s rr
-C -n
-A
-a -t 10.0.0.10:80
-A -t 10.0.0.10:80 -6
EOF
	expect_ref_rc -l 1 2
	expect_ref_stderr -l 1 "Illegal 'real-server' option with the 'add-service' command"
	expect_ref_stderr -l 2 "Illegal 'scheduler' option with the 'delete-service' command"
	expect_ref_stderr -l 3 "Illegal 'numeric' option with the 'flush' command"
	expect_ref_rc -l 4 2
	expect_ref_stderr -l 4 "You need to supply the 'service-address' option for the 'add-service' command"
	expect_ref_stderr -l 5 "You need to supply the 'real-server' option for the 'add-server' command"
	expect_ref_rc 2
	expect_ref_stderr '-6 used before -f'
}

@test "the same option twice, and two commands" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -t 10.0.0.11:80
-L -t 10.0.0.10:80 -u 10.0.0.10:80
-A -E
EOF
	expect_ref_rc -l 1 2
	expect_ref_stderr -l 1 "multiple 'service-address' options specified"
	expect_ref_stderr -l 2 "multiple 'service-address' options specified"
	expect_ref_rc 2
	expect_ref_stderr "invalid option \`-E'"
}

@test "no command first; unknown option or missing argument after it" {
	differ <<'EOF'
-s rr
--foo
-A --foo
-A -t
-a -t 10.0.0.10:80 -r 10.0.0.2 -w
EOF
	expect_ref_rc -l 1 255
	expect_ref_stderr -l 1 "Try \`ipvsadm -h' or 'ipvsadm --help' for more information."
	expect_ref_rc -l 2 255
	expect_ref_rc -l 3 255
	expect_ref_stderr -l 3 '--foo: unknown option'
	expect_ref_rc -l 4 255
	expect_ref_stderr -l 4 '-t: missing argument'
	expect_ref_stderr '-w: missing argument'
}

@test "unexpected extra argument" {
	differ <<'EOF'
-L extra
-A -t 10.0.0.10:80 extra more
EOF
	expect_ref_rc -l 1 2
	expect_ref_stderr -l 1 'unexpected argument extra'
	expect_ref_rc 2
	expect_ref_empty_table
}

@test "conflicting list options" {
	differ <<'EOF'
-Ln -c --stats
-L --timeout --daemon
EOF
	expect_ref_rc -l 1 2
	expect_ref_stderr -l 1 'options conflicts in the list command'
	expect_ref_rc 2
}
