#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Error paths: kernel refusals, bad values and bad command lines.  Each
# case also checks the reference's message and exit status, given after
# its command (`=> STATUS MESSAGE`, see helper.bash), so that it cannot
# drift into testing nothing.  ipvsadm exits 2 for errors it finds
# in the arguments, 255 for kernel refusals and for errors popt reports,
# and 1 when -L -t names a service that does not exist.

load helper

# --- refused by the kernel ---

@test "duplicate service" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -s rr
-A -t 10.0.0.10:80 -s lc => 255 Service already exists
EOF
	expect_ref_saved '-A -t 10.0.0.10:80 -s rr'
}

@test "commands on a missing service" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -s rr
-E -t 10.0.0.11:80 -s rr          => 255 No such service
-D -u 10.0.0.10:80                => 255 No such service
-a -t 10.0.0.11:80 -r 10.0.0.2 -g => 255 Service not defined
# Listing a missing service exits 1, not 255.
-L -t 10.0.0.11:80                => 1 No such service
EOF
}

@test "duplicate real server; -e and -d on a missing one" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -s rr
-a -t 10.0.0.10:80 -r 10.0.0.2 -g
-a -t 10.0.0.10:80 -r 10.0.0.2 -g -w 3 => 255 Destination already exists
-e -t 10.0.0.10:80 -r 10.0.0.3 -g -w 2 => 255 No such destination
-d -t 10.0.0.10:80 -r 10.0.0.4         => 255 No such destination
EOF
	expect_ref_saved '-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 1'
}

@test "unknown scheduler, and a failed -E leaves the service as it was" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -s nosuch => 255 Scheduler or persistence engine not found
-A -t 10.0.0.11:80 -s rr
-E -t 10.0.0.11:80 -s nosuch => 255
EOF
	expect_ref_saved '-A -t 10.0.0.11:80 -s rr'
}

# --- bad values ---

@test "bad virtual and real server addresses" {
	differ <<'EOF'
-A -t bad                 => 2 illegal virtual server address[:port] specified
-A -u 10.0.0.10:99999     => 2 illegal virtual server address[:port] specified
-a -t 10.0.0.10:80 -r bad => 2 illegal real server address[:port] specified
EOF
}

@test "bad persistence timeouts" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -p foo => 2 invalid timeout value `foo' specified
-A -t 10.0.0.10:80 -p 0   => 2 invalid timeout value `0' specified
# popt takes -1 for an option, not for the timeout.
-A -t 10.0.0.10:80 -p -1  => 255 -1: unknown option
EOF
}

@test "zero port for a non-persistent service" {
	differ <<'EOF'
-A -t 10.0.0.10:0 -s rr => 2 Zero port specified for non-persistent service
-A -u 10.0.0.10         => 2 Zero port specified for non-persistent service
EOF
}

@test "weight out of range" {
	differ <<'EOF'
-a -t 10.0.0.10:80 -r 10.0.0.2 -g -w -1         => 2 illegal weight specified
-a -t 10.0.0.10:80 -r 10.0.0.3 -g -w 2147483648 => 2 illegal weight specified
EOF
}

# --- bad command lines ---

@test "options not allowed with, or required by, the command; -6 without -f" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -r 10.0.0.2 => 2 Illegal 'real-server' option with the 'add-service' command
-D -t 10.0.0.10:80 -s rr       => 2 Illegal 'scheduler' option with the 'delete-service' command
-C -n                          => 2 Illegal 'numeric' option with the 'flush' command
-A                             => 2 You need to supply the 'service-address' option for the 'add-service' command
-a -t 10.0.0.10:80             => 2 You need to supply the 'real-server' option for the 'add-server' command
-A -t 10.0.0.10:80 -6          => 2 -6 used before -f
EOF
}

@test "the same option twice, and two commands" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -t 10.0.0.11:80 => 2 multiple 'service-address' options specified
-L -t 10.0.0.10:80 -u 10.0.0.10:80 => 2 multiple 'service-address' options specified
-A -E                              => 2 invalid option `-E'
EOF
}

@test "no command first; unknown option or missing argument after it" {
	differ <<'EOF'
-s rr                             => 255 Try `ipvsadm -h' or 'ipvsadm --help' for more information.
--foo                             => 255
-A --foo                          => 255 --foo: unknown option
-A -t                             => 255 -t: missing argument
-a -t 10.0.0.10:80 -r 10.0.0.2 -w => 255 -w: missing argument
EOF
}

@test "unexpected extra argument" {
	differ <<'EOF'
-L extra                      => 2 unexpected argument extra
-A -t 10.0.0.10:80 extra more => 2
EOF
	expect_ref_empty_table
}

@test "conflicting list options" {
	differ <<'EOF'
-Ln -c --stats        => 2 options conflicts in the list command
-L --timeout --daemon => 2
EOF
}
