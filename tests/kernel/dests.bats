#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Real servers in direct-routing mode: -a, -e and -d, and -C.

load helper

# The scenario lvsadm exists for: a round-robin service with two direct
# routing real servers, then the listing and the saved rules.
@test "rr service with two DR real servers: -Ln and -Sn" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -s rr
-a -t 10.0.0.10:80 -r 10.0.0.2 -g
-a -t 10.0.0.10:80 -r 10.0.0.3 -g
-Ln
-Sn
EOF
	expect_ref_stdout -l 4 '  -> 10.0.0.3:80                  Route   1      0          0         '
	expect_ref_stdout -l 5 '-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 1'
}

@test "real servers with weights 0, 5 and 2147483647" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -s wrr
-a -t 10.0.0.10:80 -r 10.0.0.2 -g -w 0
-a -t 10.0.0.10:80 -r 10.0.0.3 -g -w 5
-a -t 10.0.0.10:80 -r 10.0.0.4 -g -w 2147483647
EOF
	expect_ref_saved '-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 0'
	expect_ref_saved '-a -t 10.0.0.10:80 -r 10.0.0.4:80 -g -w 2147483647'
}

@test "a DR real server takes the service port; -g is the default; -r first" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -s rr
-a -t 10.0.0.10:80 -r 10.0.0.2:8080 -g
-a -t 10.0.0.10:80 -r 10.0.0.3
-a -r 10.0.0.4 -t 10.0.0.10:80 -g -w 2
EOF
	expect_ref_saved '-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 1'
	expect_ref_saved '-a -t 10.0.0.10:80 -r 10.0.0.3:80 -g -w 1'
	expect_ref_saved '-a -t 10.0.0.10:80 -r 10.0.0.4:80 -g -w 2'
}

@test "-e changes a weight (to 1 without -w); -d deletes a real server" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -s wrr
-a -t 10.0.0.10:80 -r 10.0.0.2 -g -w 1
-a -t 10.0.0.10:80 -r 10.0.0.3 -g -w 9
-a -t 10.0.0.10:80 -r 10.0.0.4 -g
-e -t 10.0.0.10:80 -r 10.0.0.2 -g -w 7
-e -t 10.0.0.10:80 -r 10.0.0.3 -g
-d -t 10.0.0.10:80 -r 10.0.0.4
EOF
	expect_ref_rc 0
	expect_ref_saved '-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 7'
	expect_ref_saved '-a -t 10.0.0.10:80 -r 10.0.0.3:80 -g -w 1'
}

@test "persistent UDP service with real servers" {
	differ <<'EOF'
-A -u 10.0.0.53:53 -s sh -p 600
-a -u 10.0.0.53:53 -r 10.0.0.2 -g -w 3
-a -u 10.0.0.53:53 -r 10.0.0.3:53 -g
-e -u 10.0.0.53:53 -r 10.0.0.3 -w 2
-d -u 10.0.0.53:53 -r 10.0.0.2
EOF
	expect_ref_saved '-A -u 10.0.0.53:53 -s sh -p 600'
	expect_ref_saved '-a -u 10.0.0.53:53 -r 10.0.0.3:53 -g -w 2'
}

@test "the same real server in two services" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -s rr
-A -t 10.0.0.10:443 -s rr
-a -t 10.0.0.10:80 -r 10.0.0.2 -g
-a -t 10.0.0.10:443 -r 10.0.0.2 -g
-D -t 10.0.0.10:80
EOF
	expect_ref_saved '-a -t 10.0.0.10:443 -r 10.0.0.2:443 -g -w 1'
}

@test "-C clears services and real servers" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -s rr
-a -t 10.0.0.10:80 -r 10.0.0.2 -g
-A -u 10.0.0.10:53
-C
EOF
	expect_ref_rc 0
	expect_ref_empty_table
}
