#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Command lines from ipvsadm(8): its EXAMPLE sections 1 to 4 and its IPv6
# section, each as separate commands and as -R input (the -R inputs are
# tests/kernel/data/manpage-*.rules), then the forms of the SYNOPSIS and
# the uses the OPTIONS descriptions give.  Whatever an ipvsadm user copies
# from the page must give byte-identical results with lvsadm.
#
# The examples' tables are listed in the ways the page describes (-L, -Ln,
# -S, --stats, --tun-info...), a different way in each case, so that every
# listing runs on a table from the page.  The page's addresses are used as
# they are: within each table all services, and all real servers of a
# service, lie less than 2^31 apart, where the order ipvsadm sorts them in
# is the true one (see fixes.bats).

load helper

# --- EXAMPLE 1 - Simple Virtual Service ---

@test "example 1 as separate commands: NAT to five real servers; -Ln, -L, -Sn" {
	differ <<'EOF'
-A -t 207.175.44.110:80 -s rr
-a -t 207.175.44.110:80 -r 192.168.10.1:80 -m
-a -t 207.175.44.110:80 -r 192.168.10.2:80 -m
-a -t 207.175.44.110:80 -r 192.168.10.3:80 -m
-a -t 207.175.44.110:80 -r 192.168.10.4:80 -m
-a -t 207.175.44.110:80 -r 192.168.10.5:80 -m
-Ln
-L
-Sn
EOF
	expect_ref_stdout -l 7 'TCP  207.175.44.110:80 rr' \
		'  -> 192.168.10.1:80              Masq    1      0          0         ' \
		'  -> 192.168.10.5:80              Masq    1      0          0         '
	expect_ref_stdout -l 8 'TCP  207.175.44.110:http rr'
	expect_ref_stdout '-a -t 207.175.44.110:80 -r 192.168.10.3:80 -m -w 1'
}

@test "example 1 as its echo | ipvsadm -R; -S, --stats, --rate" {
	differ <<'EOF'
-R < manpage-example1.rules
-S
-L -n --stats
-L -n --rate
EOF
	expect_ref_rc -l 1 0
	expect_ref_stdout -l 2 '-a -t 207.175.44.110:http -r 192.168.10.4:http -m -w 1'
	expect_ref_stdout -l 3 '  -> 192.168.10.2:80                     0        0        0        0        0'
	expect_ref_stdout 'Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS'
}

# --- EXAMPLE 2 - Firewall-Mark Virtual Service ---

@test "example 2 as separate commands: fwmark 1 to port 0 of five servers; -Ln, -S, -L -f" {
	differ <<'EOF'
-A -f 1  -s rr
-a -f 1 -r 192.168.10.1:0 -m
-a -f 1 -r 192.168.10.2:0 -m
-a -f 1 -r 192.168.10.3:0 -m
-a -f 1 -r 192.168.10.4:0 -m
-a -f 1 -r 192.168.10.5:0 -m
-Ln
-S
-L -f 1
EOF
	expect_ref_stdout -l 7 'FWM  1 rr' \
		'  -> 192.168.10.1:0               Masq    1      0          0         '
	expect_ref_stdout -l 8 '-a -f 1 -r 192.168.10.5:0 -m -w 1'
	expect_ref_stdout 'FWM  1 rr'
}

@test "example 2 through -R; --persistent-conn, --thresholds" {
	differ <<'EOF'
-R < manpage-example2.rules
-Ln --persistent-conn
-Ln --thresholds
EOF
	expect_ref_rc -l 1 0
	expect_ref_stdout -l 2 '  -> 192.168.10.4:0               1         0           0          0         '
	expect_ref_stdout '  -> 192.168.10.4:0               0          0          0          0         '
}

# --- EXAMPLE 3 - Virtual Service with GUE Tunneling ---

@test "example 3 as separate commands: GUE tunnels with each checksum option; --tun-info" {
	differ <<'EOF'
-A -t 207.175.44.110:80 -s rr
-a -t 207.175.44.110:80 -r 192.168.10.1:80 -i --tun-type gue --tun-port 6080 --tun-nocsum
-a -t 207.175.44.110:80 -r 192.168.10.2:80 -i --tun-type gue --tun-port 6080 --tun-csum
-a -t 207.175.44.110:80 -r 192.168.10.3:80 -i --tun-type gue --tun-port 6080 --tun-remcsum
-a -t 207.175.44.110:80 -r 192.168.10.4:80 -i --tun-type gue --tun-port 6078
-a -t 207.175.44.110:80 -r 192.168.10.5:80 -i --tun-type gue --tun-port 6079
-Ln --tun-info
-Sn
EOF
	expect_ref_stdout -l 7 '  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn'
	expect_ref_stdout '-a -t 207.175.44.110:80 -r 192.168.10.3:80 -i -w 1 --tun-type gue --tun-port 6080 --tun-remcsum'
	expect_ref_stdout '-a -t 207.175.44.110:80 -r 192.168.10.4:80 -i -w 1 --tun-type gue --tun-port 6078 --tun-nocsum'
}

@test "example 3 as its echo | ipvsadm -R; -L --tun-info, -S" {
	differ <<'EOF'
-R < manpage-example3.rules
-L --tun-info
-S
EOF
	expect_ref_rc -l 1 0
	expect_ref_stdout '-a -t 207.175.44.110:http -r 192.168.10.2:http -i -w 1 --tun-type gue --tun-port 6080 --tun-csum'
}

# --- EXAMPLE 4 - Virtual Service with GRE Tunneling ---

@test "example 4 as separate commands: a GRE tunnel with checksums; --tun-info" {
	differ <<'EOF'
-A -t 10.0.0.1:80 -s rr
-a -t 10.0.0.1:80 -r 192.168.11.1:80 -i --tun-type gre --tun-csum
-Ln --tun-info
-Sn
EOF
	expect_ref_stdout '-a -t 10.0.0.1:80 -r 192.168.11.1:80 -i -w 1 --tun-type gre --tun-csum'
}

@test "example 4 through -R; -L -t --tun-info, -S" {
	differ <<'EOF'
-R < manpage-example4.rules
-L -n -t 10.0.0.1:80 --tun-info
-S
EOF
	expect_ref_rc -l 1 0
	expect_ref_stdout -l 2 'TCP  10.0.0.1:80 rr'
	expect_ref_stdout '-A -t 10.0.0.1:http -s rr'
}

# --- IPv6 ---

@test "IPv6 section as separate commands: bracketed addresses; -Ln, -L, -Sn" {
	differ <<'EOF'
-A -t [2001:db8::80]:80 -s rr
-a -t [2001:db8::80]:80 -r [2001:db8::a0a0]:80 -m
-Ln
-L
-Sn
EOF
	expect_ref_stdout -l 3 'TCP  [2001:db8::80]:80 rr' \
		'  -> [2001:db8::a0a0]:80          Masq    1      0          0         '
	expect_ref_stdout '-a -t [2001:db8::80]:80 -r [2001:db8::a0a0]:80 -m -w 1'
}

@test "IPv6 section through -R; -S, --stats --exact, -L -t" {
	differ <<'EOF'
-R < manpage-ipv6.rules
-S
-Ln --stats --exact
-L -t [2001:db8::80]:80 -n
EOF
	expect_ref_rc -l 1 0
	expect_ref_stdout -l 2 '-A -t [2001:db8::80]:http -s rr'
	expect_ref_stdout 'TCP  [2001:db8::80]:80 rr'
}

@test "IPv6 section: fwmark IPv6 services require -6" {
	differ <<'EOF'
-A -f 2 -6 -s rr
-a -f 2 -6 -r [2001:db8::a0a0]:0 -m
-a -f 2 -r [2001:db8::a0a1]:0 -m
-A -f 3 -s rr
-a -f 3 -r [2001:db8::a0a0]:0 -m
-Ln
-Sn
EOF
	expect_ref_stdout -l 6 'FWM  2 IPv6 rr'
	expect_ref_saved '-a -f 2 -6 -r [2001:db8::a0a0]:0 -m -w 1'
}

# --- SYNOPSIS ---

@test "SYNOPSIS: -A|E virtual-service [-s] [-p [timeout]] [-M] [-b], then -D" {
	differ <<'EOF'
-A -t 207.175.44.110:80 -s sh -p 300 -M 255.255.255.0 -b sh-port
-E -t 207.175.44.110:80 -s wrr -p 600
-A -u 207.175.44.110:53
-E -u 207.175.44.110:53 -s sh -b sh-fallback -p
-A -t 207.175.44.111:80 -s rr
-D -t 207.175.44.111:80
-Ln
EOF
	expect_ref_saved '-A -t 207.175.44.110:80 -s wrr -p 600'
	expect_ref_saved '-A -u 207.175.44.110:53 -s sh -p 360 -b sh-fallback'
}

@test "SYNOPSIS: -a|e virtual-service -r server-address [-g|i|m] [-w] [-x] [-y], then -d" {
	differ <<'EOF'
-A -t 207.175.44.110:80 -s wlc
-a -t 207.175.44.110:80 -r 192.168.10.1 -g -w 2 -x 100 -y 50
-a -t 207.175.44.110:80 -r 192.168.10.2 -i -w 3
-a -t 207.175.44.110:80 -r 192.168.10.3:8080 -m -w 0
-e -t 207.175.44.110:80 -r 192.168.10.2 -i -w 5 -x 10
-d -t 207.175.44.110:80 -r 192.168.10.1
-Ln --thresholds
EOF
	expect_ref_stdout '  -> 192.168.10.2:80              10         0          0          0         '
	expect_ref_saved '-a -t 207.175.44.110:80 -r 192.168.10.2:80 -i -w 5 --tun-type ipip'
}

@test "SYNOPSIS: -L|l [virtual-service], -Z [virtual-service], -S [-n], --set, -C" {
	differ <<'EOF'
-A -t 207.175.44.110:80 -s rr
-a -t 207.175.44.110:80 -r 192.168.10.1:80 -m
-A -u 207.175.44.110:53 -s rr
-l -t 207.175.44.110:80
-L -u 207.175.44.110:53
-Z -t 207.175.44.110:80
-Z
-S -n
--set 900 120 300
-L --timeout
-C
-L
EOF
	expect_ref_stdout -l 4 'TCP  207.175.44.110:http rr'
	expect_ref_stdout -l 10 'Timeout (tcp tcpfin udp): 900 120 300'
	expect_ref_empty_table
}

@test "SYNOPSIS: --start-daemon state [daemon-options] [--syncid], --stop-daemon state" {
	differ <<'EOF'
--start-daemon master --mcast-interface lo --syncid 10
-L --daemon
--stop-daemon master
-L --daemon
EOF
	expect_ref_stdout -l 2 'master sync daemon (mcast=lo, syncid=10, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)'
	expect_ref_rc -l 3 0
}

# --- OPTIONS ---

@test "OPTIONS -t, -u, --sctp-service: host and port names, an omitted port with -p" {
	differ <<'EOF'
-A -t localhost:http -s rr
-A -u localhost:domain
-A --sctp-service 207.175.44.110:5060
-A -t 207.175.44.111 -p
-a -t 207.175.44.111 -r 192.168.10.1
-Ln
-L
EOF
	expect_ref_saved '-A -t 127.0.0.1:80 -s rr'
	expect_ref_saved '-A -t 207.175.44.111:0 -s wlc -p 360'
	expect_ref_stdout 'TCP  localhost:http rr'
}

@test "OPTIONS -p, -M, --pe: persistence as described (the default timeout is 360)" {
	differ <<'EOF'
-A -t 207.175.44.110:21 -s rr -p
-A -t 207.175.44.110:443 -s rr -p 3600 -M 255.255.255.0
-A -t [2001:db8::80]:443 -p -M 64
-A -u 207.175.44.110:5060 -p 60 --pe sip
-Ln
-S
EOF
	# The page says 300 seconds; ipvsadm 1.31 uses 360.
	expect_ref_saved '-A -t 207.175.44.110:21 -s rr -p 360'
	expect_ref_stdout -l 5 'TCP  [2001:db8::80]:443 wlc persistent 360 mask 64'
	expect_ref_stdout -l 5 'UDP  207.175.44.110:5060 wlc persistent 60 pe sip'
}

@test "OPTIONS -s and -b: the sh and mh scheduler flags" {
	differ <<'EOF'
-A -t 207.175.44.110:80 -s sh -b sh-fallback,sh-port
-A -t 207.175.44.111:80 -s mh -b mh-fallback,mh-port
-A -t 207.175.44.112:80 -s mh -b mh-port
-Ln
-Sn
EOF
	expect_ref_stdout -l 4 'TCP  207.175.44.110:80 sh (sh-fallback,sh-port)'
	expect_ref_saved '-A -t 207.175.44.112:80 -s mh -b mh-port'
}

@test "OPTIONS -r, -w: NAT changes the port, DR and tunnels keep it, weight 0 quiesces" {
	differ <<'EOF'
-A -t 207.175.44.110:80 -s wrr
-a -t 207.175.44.110:80 -r 192.168.10.1:8080 -m -w 65535
-a -t 207.175.44.110:80 -r 192.168.10.2:8080 -g
-a -t 207.175.44.110:80 -r 192.168.10.3:8080 -i
-a -t 207.175.44.110:80 -r 192.168.10.4 -m -w 0
-A -f 1 -s rr
-a -f 1 -r 192.168.10.5
-Ln
EOF
	expect_ref_saved '-a -t 207.175.44.110:80 -r 192.168.10.1:8080 -m -w 65535'
	expect_ref_saved '-a -t 207.175.44.110:80 -r 192.168.10.2:80 -g -w 1'
	expect_ref_saved '-a -f 1 -r 192.168.10.5:0 -g -w 1'
}

@test "OPTIONS -o, -6, --sort, --nosort, -n, --exact on one service" {
	differ <<'EOF'
-A -u 207.175.44.110:53 -s rr -o
-a -u 207.175.44.110:53 -r 192.168.10.1:53 -m
-A -f 4 -6 -o
-L --sort
-L --nosort -n -u 207.175.44.110:53
-L --exact --stats -n -f 4 -6
EOF
	expect_ref_stdout -l 4 'UDP  207.175.44.110:domain rr ops'
	expect_ref_stdout 'FWM  4 IPv6                              0        0        0        0        0'
}

@test "OPTIONS -c, --timeout, --daemon, and -c with --persistent-conn" {
	differ <<'EOF'
-L -c
-L -c --persistent-conn
-L -n -c --persistent-conn
-L --timeout
-L --daemon
EOF
	expect_ref_stdout -l 1 'pro expire state       source             virtual            destination'
	expect_ref_stdout -l 2 'pro expire state       source             virtual            destination        pe name          pe_data'
}

@test "OPTIONS for the sync daemon: --sync-maxlen, --mcast-group, --mcast-port, --mcast-ttl" {
	differ <<'EOF'
--start-daemon master --mcast-interface lo --syncid 255 --sync-maxlen 1400 --mcast-group 224.0.0.81 --mcast-port 8848 --mcast-ttl 1
-L --daemon
--stop-daemon master
--start-daemon master --mcast-interface lo --mcast-group 239.0.0.1 --mcast-port 9999 --mcast-ttl 255 --sync-maxlen 65507
-L --daemon
EOF
	expect_ref_rc -l 1 0
	expect_ref_stdout 'master sync daemon (mcast=lo, syncid=0, maxlen=65507, group=239.0.0.1, port=9999, ttl=255)'
}
