#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Virtual services: -A, -E and -D with their options, TCP and UDP.
#
# differ always compares the resulting table too, so most cases need no
# listing of their own: every command costs time under TCG.

load helper

@test "add a TCP service, and a UDP one with the default scheduler (wlc)" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -s rr
-A -u 10.0.0.53:53
-Ln
EOF
	expect_ref_stdout 'TCP  10.0.0.10:80 rr'
	expect_ref_stdout 'UDP  10.0.0.53:53 wlc'
}

@test "add services with several schedulers" {
	differ <<'EOF'
-A -t 10.0.0.1:80 -s wrr
-A -t 10.0.0.2:80 -s lc
-A -u 10.0.0.3:53 -s sh
-A -u 10.0.0.4:53 -s dh
-A -t 10.0.0.5:80 -s sed
-A -t 10.0.0.6:80 -s nq
EOF
	expect_ref_saved '-A -u 10.0.0.4:53 -s dh'
	expect_ref_saved '-A -t 10.0.0.6:80 -s nq'
}

@test "-p without a timeout means 360 seconds" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -s rr -p
-A -t 10.0.0.11:80 -p -s rr
EOF
	expect_ref_saved '-A -t 10.0.0.10:80 -s rr -p 360'
	# -p followed by an option takes no timeout.
	expect_ref_saved '-A -t 10.0.0.11:80 -s rr -p 360'
}

@test "-p with a timeout, up to 31 days, and a persistent port 0" {
	differ <<'EOF'
-A -t 10.0.0.10:443 -s wlc -p 100
-A -u 10.0.0.10:53 -p 2678400
-A -t 10.0.0.11:0 -s rr -p 60
EOF
	expect_ref_saved '-A -t 10.0.0.10:443 -s wlc -p 100'
	expect_ref_saved '-A -u 10.0.0.10:53 -s wlc -p 2678400'
	expect_ref_saved '-A -t 10.0.0.11:0 -s rr -p 60'
}

@test "-E changes scheduler and persistence; without -s it resets to wlc" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -s rr
-E -t 10.0.0.10:80 -s lc -p 120
-A -u 10.0.0.10:53 -s rr -p 300
-E -u 10.0.0.10:53
EOF
	expect_ref_saved '-A -t 10.0.0.10:80 -s lc -p 120'
	# -E without -s or -p: back to wlc, not persistent.
	expect_ref_saved '-A -u 10.0.0.10:53 -s wlc'
}

@test "-D deletes one service and keeps the others" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -s rr
-A -u 10.0.0.10:80 -s rr
-D -t 10.0.0.10:80
-D -u 10.0.0.10:80
-A -u 10.0.0.10:80 -s lc
EOF
	expect_ref_rc -l 4 0
	expect_ref_saved '-A -u 10.0.0.10:80 -s lc'
}

@test "long options, the bundled -At, and port and host names" {
	differ <<'EOF'
--add-service --tcp-service 10.0.0.10:80 --scheduler rr --persistent 30
--add-server --tcp-service 10.0.0.10:80 --real-server 10.0.0.2 --gatewaying --weight 3
--edit-service --tcp-service 10.0.0.10:80 --scheduler wrr
--list --numeric
-At 10.0.0.11:http -s rr
-A -u localhost:domain
EOF
	expect_ref_saved '-A -t 10.0.0.10:80 -s wrr'
	expect_ref_saved '-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 3'
	expect_ref_saved '-A -t 10.0.0.11:80 -s rr'
	expect_ref_saved '-A -u 127.0.0.1:53 -s wlc'
}
