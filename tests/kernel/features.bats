#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The rest of ipvsadm 1.31 beyond TCP and UDP over IPv4 in DR mode: SCTP,
# fwmark and IPv6 services, masquerading and tunnels, service flags,
# timeouts, counters, sync daemons and the connection listing.

load helper

@test "SCTP services" {
	differ <<'EOF'
-A --sctp-service 10.0.0.10:9999 -s rr
-a --sctp-service 10.0.0.10:9999 -r 10.0.0.2 -g
-a --sctp-service 10.0.0.10:9999 -r 10.0.0.3:7 -m -w 4
-Ln
-Sn
-L --sctp-service 10.0.0.10:9999 -n
-D --sctp-service 10.0.0.10:9999
EOF
	expect_ref_stdout -l 4 "SCTP 10.0.0.10:9999 rr"
}

@test "fwmark services, IPv4 and IPv6" {
	differ <<'EOF'
-A -f 1 -s rr
-A -f 2 -6 -s wlc -p 100
-A -f 3 -6 -p -M 64
-a -f 1 -r 10.0.0.2 -g -w 2
-a -f 1 -r 10.0.0.3:8080 -m
-a -f 2 -6 -r [2001:db8::2] -g
-a -f 2 -6 -r 10.0.0.9 -g
-a -f 2 -6 -r 10.0.0.9 -i
-Ln
-Sn
-L -f 2 -6 -n
-E -f 1 -s wrr
-d -f 1 -r 10.0.0.2
-Ln
EOF
	expect_ref_stdout -l 9 "FWM  2 IPv6 wlc persistent 100"
	expect_ref_stderr -l 7 "Different address family is allowed only for tunneling servers"
}

@test "IPv6 services and real servers" {
	differ <<'EOF'
-A -t [2001:db8::10]:80 -s rr
-A -u [2001:db8::10]:53 -p 60 -M 96
-a -t [2001:db8::10]:80 -r [2001:db8::2]:80 -g
-a -t [2001:db8::10]:80 -r [2001:db8::3]:8080 -m -w 3
-a -t [2001:db8::10]:80 -r 10.0.0.4 -i
-Ln
-Sn
-L -t [2001:db8::10]:80 -n
-A -t [2001:db8::10]
-A -t 2001:db8::11:80
-e -t [2001:db8::10]:80 -r [2001:db8::3]:8080 -m -w 0
-d -t [2001:db8::10]:80 -r [2001:db8::2]
-Ln --stats
EOF
	expect_ref_stdout -l 6 "TCP  [2001:db8::10]:80 rr"
}

@test "masquerading keeps the real server's port" {
	differ <<'EOF'
-A -t 10.0.0.10:80
-a -t 10.0.0.10:80 -r 10.0.0.2:8080 -m
-a -t 10.0.0.10:80 -r 10.0.0.2:8081 -m -w 0
-e -t 10.0.0.10:80 -r 10.0.0.2:8080 -m -w 5
-Ln
-d -t 10.0.0.10:80 -r 10.0.0.2:8081
-Sn
EOF
	expect_ref_saved "-a -t 10.0.0.10:80 -r 10.0.0.2:8080 -m -w 5"
}

@test "tunnels: ipip, gue and gre with their options" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -s rr
-a -t 10.0.0.10:80 -r 10.0.0.2 -i
-a -t 10.0.0.10:80 -r 10.0.0.3 -i --tun-type gue --tun-port 6080
-a -t 10.0.0.10:80 -r 10.0.0.4 -i --tun-type gue --tun-port 6081 --tun-csum
-a -t 10.0.0.10:80 -r 10.0.0.5 -i --tun-type gue --tun-port 6082 --tun-remcsum
-a -t 10.0.0.10:80 -r 10.0.0.6 -i --tun-type gre --tun-csum
-a -t 10.0.0.10:80 -r 10.0.0.7 -i --tun-type gre --tun-nocsum
-a -t 10.0.0.10:80 -r 10.0.0.8 -i --tun-type gre --tun-remcsum
-a -t 10.0.0.10:80 -r 10.0.0.8 -i --tun-type gue
-a -t 10.0.0.10:80 -r 10.0.0.8 -i --tun-type ipip --tun-port 1
-a -t 10.0.0.10:80 -r 10.0.0.8 -g --tun-type gre
-a -t 10.0.0.10:80 -r 10.0.0.8 -i --tun-type gue --tun-port 1 --tun-csum --tun-remcsum
-a -t 10.0.0.10:80 -r 10.0.0.8 -i --tun-type vxlan
-a -t 10.0.0.10:80 -r 10.0.0.8 -i --tun-type gue --tun-port 0
-Ln --tun-info
-Ln
-Sn
-e -t 10.0.0.10:80 -r 10.0.0.3 -i --tun-type gre
-L -n --tun-info -t 10.0.0.10:80
EOF
	expect_ref_saved "-a -t 10.0.0.10:80 -r 10.0.0.5:80 -i -w 1 --tun-type gue --tun-port 6082 --tun-remcsum"
}

@test "service flags: -o, -b, --pe, -M" {
	differ <<'EOF'
-A -u 10.0.0.10:53 -s rr -o
-A -t 10.0.0.10:80 -o
-A -f 5 -o -s sh -b sh-fallback,sh-port
-A -t 10.0.0.11:80 -s mh -b mh-port,mh-fallback
-A -t 10.0.0.12:80 -s rr -b sh-port
-A -t 10.0.0.12:80 -b flag-1,flag-2,flag-3
-A -t 10.0.0.13:80 -b nonsense
-A -u 10.0.0.10:5060 -p 30 --pe sip
-A -u 10.0.0.11:5060 --pe sip
-A -u 10.0.0.12:5060 -p --pe nosuch
-A -t 10.0.0.14:80 -p 20 -M 255.255.0.0
-A -t 10.0.0.15:80 -M 255.255.0.0 -p 20
-A -t 10.0.0.16:80 -p -M bad.mask.
-A -t [2001:db8::1]:80 -p -M 129
-E -t 10.0.0.12:80 -s sh -b sh-port
-Ln
-Sn
-L
-S
EOF
	expect_ref_stderr -l 2 "One-Packet Scheduling is only for UDP virtual services"
}

@test "--set and -L --timeout" {
	differ <<'EOF'
-L --timeout
--set 900 120 300
-L --timeout
--set 0 0 10
-L --timeout
--set 1 2
--set 1 2 3 4
--set a 2 3
--set 2678401 0 0
-L --timeout -n
-L --timeout --stats
EOF
	expect_ref_stdout -l 3 "Timeout (tcp tcpfin udp): 900 120 300"
}

@test "-Z zeroes one service or all" {
	differ <<'EOF'
-A -t 10.0.0.10:80
-A -u 10.0.0.10:53
-Z
-Z -t 10.0.0.10:80
-Z -t 10.0.0.99:80
-Z -u 10.0.0.10:53 -n
-L --stats -n
-L --rate -n
-L --stats --exact -n
EOF
	expect_ref_stderr -l 5 "No such service"
}

@test "sync daemons: start, list, stop" {
	differ <<'EOF'
-L --daemon
--start-daemon master --mcast-interface lo --syncid 5
--start-daemon master --mcast-interface lo
-L --daemon
--start-daemon backup --mcast-interface lo --syncid 9 --sync-maxlen 1400 --mcast-group 224.0.0.90 --mcast-port 9000 --mcast-ttl 3
-L --daemon
--stop-daemon backup
--stop-daemon backup
--stop-daemon master --syncid 5
-L --daemon
--start-daemon master --mcast-interface nosuch0
--start-daemon sideways
--stop-daemon sideways
--start-daemon master --mcast-group 10.1.1.1
--start-daemon master --mcast-group ff02::zz
--start-daemon master --mcast-port 0
--start-daemon master --mcast-ttl 256
--start-daemon master --sync-maxlen 65508
EOF
	expect_ref_stderr -l 3 "Daemon has already run"
}

@test "-c lists the connection table" {
	differ <<'EOF'
-L -c
-L -c -n
-L -c -n --persistent-conn
-Lcn
-L -c --stats
-L -c --timeout
EOF
	expect_ref_stdout -l 1 "IPVS connection entries"
}

@test "other list variants on a table with thresholds" {
	differ <<'EOF'
-A -t 10.0.0.10:80 -s wlc
-a -t 10.0.0.10:80 -r 10.0.0.2 -x 100 -y 50 -w 3
-a -t 10.0.0.10:80 -r 10.0.0.3 -x 7
-Ln --thresholds
-Ln --persistent-conn
-Ln --nosort
-Ln --sort
-Ln -X
-L --thresholds -t 10.0.0.10:80
-Ln --stats --rate
-Ln --stats --thresholds
EOF
	expect_ref_stdout -l 4 "  -> 10.0.0.2:80                  100        50         0          0         "
}

@test "help and version" {
	differ <<'EOF'
-h
--help
-h -n --bogus
-v
--version
EOF
	expect_ref_stdout -l 4 "ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)"
}

@test "the parser's messages for the unit tests' bad lines" {
	differ <<'EOF'
-s rr
-n -L
--foo
-A --foo
-A -t
-A
-a -t 1.2.3.4:80
-A -t 1.2.3.4:80 -r 1.1.1.1
-D -t 1.2.3.4:80 -s rr
-C -n
-R -n
-A -t 1.2.3.4:80 -t 1.2.3.5:80
-A -E
-A -t bad
-A -t 1234
-A -t [::1]
-A -t 10.0.0.1:nosuchservice
-A -t 10.0.0.1:65536
-a -t 1.2.3.4:80 -r bad
-A -t 1.2.3.4:80 -p foo
-A -t 1.2.3.4:80 -p 0
-A -t 1.2.3.4:80 -p 2678401
-A -t 1.2.3.4:0
-A -u 1.2.3.4
-A -t [1.2.3.4]:80
-A -t 1.2.3.4:80 -6
-A -f 0
-A -f 4294967296
-A -f -1
-a -t 1.2.3.4:80 -r 1.1.1.1 -w -1
-a -t 1.2.3.4:80 -r 1.1.1.1 -w 2147483648
-a -t 1.2.3.4:80 -r 1.1.1.1 -x y
-a -t 1.2.3.4:80 -r 1.1.1.1 -y -2
-A -t 1.2.3.4:80 extra
-L extra
-Ln -c --stats
-L --timeout --persistent-conn
-L -c -t 1.2.3.4:80
-A -t 1.2.3.4:80 -o
-A -t 1.2.3.4:80 -b flag-9
-A -t 1.2.3.4:80 -s rr -b sh-port
-A -t [::1]:80 -M 129
-A -t 1.2.3.4:80 -M bad.mask.
--set 1 2
--set 1 2 x
--start-daemon foo
--stop-daemon foo
--start-daemon master --mcast-group 10.0.0.1
--start-daemon master --mcast-group ff::x
--start-daemon master --syncid 256
-a -t 1.2.3.4:80 -r [::2]:80
-a -t 1.2.3.4:80 -r 1.1.1.1 --tun-type gre
-a -t 1.2.3.4:80 -r 1.1.1.1 -i --tun-type gue
-a -t 1.2.3.4:80 -r 1.1.1.1 -i --tun-type gre --tun-remcsum
-a -t 1.2.3.4:80 -r 1.1.1.1 -i --tun-type gue --tun-port 1 --tun-csum --tun-nocsum
-a -t 1.2.3.4:80 -r 1.1.1.1 -i --tun-type vxlan
EOF
	expect_ref_stderr -l 1 "Try \`ipvsadm -h' or 'ipvsadm --help' for more information."
}
