#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Listing (-L, -l, no arguments) and saving (-S), numeric and with names.
#
# Without -n the tools print names: ports from /etc/services (80 is http,
# 53 is domain) and hosts from /etc/hosts (127.0.0.1 is localhost).  The
# 10.x addresses have no name; looking them up fails at once, as the test
# namespaces have no route to any name server.

load helper

@test "-Ln and -Sn on an empty table" {
	differ <<'EOF'
-Ln
-Sn
EOF
	expect_ref_stdout -l 1 'IP Virtual Server version 1.2.1 (size=4096)'
	expect_ref_rc 0
}

@test "-L, -l and no arguments at all list with port and host names" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -s rr
-a -t 10.0.0.10:80 -r 10.0.0.2 -g
-A -u 10.0.0.10:53 -s rr
-A -t 127.0.0.1:80
-L
-l
(none)
EOF
	expect_ref_stdout -l 5 'TCP  10.0.0.10:http rr'
	expect_ref_stdout -l 5 '  -> 10.0.0.2:http                Route   1      0          0         '
	expect_ref_stdout -l 5 'UDP  10.0.0.10:domain rr'
	expect_ref_stdout -l 5 'TCP  localhost:http wlc'
	expect_ref_stdout 'TCP  localhost:http wlc'
}

@test "-L -n and -Ln; -n before the command is refused" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -s rr
-a -t 10.0.0.10:80 -r 10.0.0.2 -g
-L -n
-Ln
-n -L
EOF
	expect_ref_stdout -l 4 '  -> 10.0.0.2:80                  Route   1      0          0         '
	expect_ref_rc 255
}

@test "-L -t and -L -u list one service without the version header" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -s rr
-a -t 10.0.0.10:80 -r 10.0.0.2 -g
-A -u 10.0.0.10:80 -s rr
-L -n -t 10.0.0.10:80
-L -t 10.0.0.10:80
-Ln -u 10.0.0.10:80
EOF
	expect_ref_stdout -l 4 'Prot LocalAddress:Port Scheduler Flags'
	expect_ref_stdout -l 4 'TCP  10.0.0.10:80 rr'
	expect_ref_stdout -l 6 'UDP  10.0.0.10:80 rr'
}

# All addresses stay within 10.0.0.0/8: ipvsadm's comparator overflows for
# addresses 2^31 or more apart, which lvsadm deliberately does not copy.
# --nosort is not tested: the kernel's service hash mixes in the address
# of the namespace's IPVS state, so the unsorted order may change from one
# namespace to the next.
@test "services and real servers are listed sorted" {
	differ <<'EOF'
-A -t 10.0.0.30:80 -s rr
-A -u 10.0.0.20:53 -s rr
-A -t 10.0.0.20:443 -s rr
-A -t 10.100.0.1:80 -s rr
-A -t 10.0.0.20:80 -s rr
-a -t 10.0.0.20:80 -r 10.0.1.10 -g
-a -t 10.0.0.20:80 -r 10.0.0.200 -g
-a -t 10.0.0.20:80 -r 10.0.1.9 -g
-Ln
-Sn
EOF
	expect_ref_stdout -l 9 'TCP  10.0.0.20:80 rr'
}

@test "-S -n, -Sn, -S and --save" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -s rr -p 120
-a -t 10.0.0.10:80 -r 10.0.0.2 -g -w 3
-A -u 10.0.0.10:53 -s sh
-S -n
-Sn
-S
--save
EOF
	expect_ref_stdout -l 4 '-A -t 10.0.0.10:80 -s rr -p 120'
	expect_ref_stdout -l 6 '-A -u 10.0.0.10:domain -s sh'
}

@test "list with --stats, --rate, --exact, --thresholds, --persistent-conn" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -s rr -p
-a -t 10.0.0.10:80 -r 10.0.0.2 -g -x 10 -y 5
-Ln --stats
-Ln --rate
-Ln --rate --stats
-L --stats --exact
-Ln --thresholds
-Ln --persistent-conn
EOF
	expect_ref_stdout -l 3 'Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes'
	expect_ref_stdout -l 4 'Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS'
	# Given both, --stats wins.
	expect_ref_stdout -l 5 'Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes'
	expect_ref_stdout -l 7 '  -> 10.0.0.2:80                  10         5          0          0         '
	# -S does not save thresholds.
	expect_ref_saved '-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 1'
}

@test "list --timeout, --daemon and connections" {
	differ <<'EOF'
-Ln --timeout
-L --daemon
-Lnc
-L -c
EOF
	expect_ref_stdout -l 1 'Timeout (tcp tcpfin udp): 900 120 300'
	expect_ref_stdout -l 3 'IPVS connection entries'
}
