#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Each option of ipvsadm 1.31 used successfully on its own, wherever it
# can be: every scheduler, the service, real-server, list and daemon
# options, --set, -Z and -C.  A case gathers the options of one kind, each
# on a line of its own, in the short and the long spelling in turn, and
# lists the result with the tool under test.  The cases that combine
# options or that fail are in the other files.

load helper

# --- schedulers, one kernel module each ---

@test "every scheduler: -s and --scheduler rr wrr lc wlc lblc lblcr dh sh sed nq fo ovf mh" {
	differ <<'EOF'
-A -t 10.0.0.1:80 -s rr
--add-service --tcp-service 10.0.0.2:80 --scheduler wrr
-A -u 10.0.0.3:53 -s lc
-A -u 10.0.0.4:53 --scheduler wlc
-A -t 10.0.0.5:80 -s lblc
-A -t 10.0.0.6:80 --scheduler lblcr
-A -t 10.0.0.7:80 -s dh
-A -u 10.0.0.8:53 --scheduler sh
-A -t 10.0.0.9:80 -s sed
-A -t 10.0.0.10:80 --scheduler nq
-A -t 10.0.0.11:80 -s fo
-A -t 10.0.0.12:80 --scheduler ovf
-A -t 10.0.0.13:80 -s mh
-a -t 10.0.0.13:80 -r 10.0.0.20 -w 3
-Ln
-Sn
EOF
	expect_ref_stdout -l 15 'TCP  10.0.0.1:80 rr' 'TCP  10.0.0.2:80 wrr' \
		'TCP  10.0.0.5:80 lblc' 'TCP  10.0.0.6:80 lblcr' 'TCP  10.0.0.7:80 dh' \
		'TCP  10.0.0.9:80 sed' 'TCP  10.0.0.10:80 nq' 'TCP  10.0.0.11:80 fo' \
		'TCP  10.0.0.12:80 ovf' 'TCP  10.0.0.13:80 mh' 'UDP  10.0.0.3:53 lc' \
		'UDP  10.0.0.4:53 wlc' 'UDP  10.0.0.8:53 sh'
}

# --- the other service options ---

@test "-p and --persistent, with and without a timeout" {
	differ <<'EOF'
-A -t 10.0.0.1:443 -p
-A -t 10.0.0.2:443 --persistent 1
-A -t 10.0.0.3:443 -p 2678400
-Ln
EOF
	expect_ref_stdout 'TCP  10.0.0.1:443 wlc persistent 360'
	expect_ref_stdout 'TCP  10.0.0.3:443 wlc persistent 2678400'
}

@test "-M and --netmask, IPv4 masks and IPv6 prefix lengths" {
	differ <<'EOF'
-A -t 10.0.0.1:443 -p 60 -M 255.255.255.0
-A -t 10.0.0.2:443 -p 60 --netmask 0.0.0.0
-A -t [2001:db8::1]:443 -p 60 -M 48
-Ln
EOF
	expect_ref_stdout 'TCP  10.0.0.1:443 wlc persistent 60 mask 255.255.255.0'
	expect_ref_stdout 'TCP  [2001:db8::1]:443 wlc persistent 60 mask 48'
}

@test "--pe sip" {
	differ <<'EOF'
-A -u 10.0.0.1:5060 -p 30 --pe sip
-Ln
EOF
	expect_ref_stdout 'UDP  10.0.0.1:5060 wlc persistent 30 pe sip'
}

@test "-o and --ops, on UDP and on fwmark services" {
	differ <<'EOF'
-A -u 10.0.0.1:53 -o
-A -f 5 --ops
-Ln
EOF
	expect_ref_stdout 'UDP  10.0.0.1:53 wlc ops'
	expect_ref_stdout 'FWM  5 wlc ops'
}

@test "-b and --sched-flags with the generic flags" {
	differ <<'EOF'
-A -t 10.0.0.1:80 -b flag-1
-A -t 10.0.0.2:80 --sched-flags flag-2,flag-3
-Ln
EOF
	expect_ref_stdout 'TCP  10.0.0.1:80 wlc (flag-1)'
	expect_ref_stdout 'TCP  10.0.0.2:80 wlc (flag-2,flag-3)'
}

@test "-f and --fwmark-service, with -6 and --ipv6" {
	differ <<'EOF'
-A -f 1
-A --fwmark-service 2147483647 -s rr
-A -f 2 -6
-A --fwmark-service 3 --ipv6 -s rr
-Ln
EOF
	expect_ref_stdout 'FWM  1 wlc'
	expect_ref_stdout 'FWM  3 IPv6 rr'
}

@test "--sctp-service" {
	differ <<'EOF'
-A --sctp-service 10.0.0.1:5000 -s rr
-a --sctp-service 10.0.0.1:5000 -r 10.0.0.2
-Ln
EOF
	expect_ref_stdout 'SCTP 10.0.0.1:5000 rr'
}

# --- real-server options ---

@test "-g, -i, -m and --gatewaying, --ipip, --masquerading" {
	differ <<'EOF'
-A -t 10.0.0.1:80
-a -t 10.0.0.1:80 -r 10.0.0.2 -g
-a -t 10.0.0.1:80 -r 10.0.0.3:8080 --gatewaying
-a -t 10.0.0.1:80 -r 10.0.0.4 -i
-a -t 10.0.0.1:80 -r 10.0.0.5:8080 --ipip
-a -t 10.0.0.1:80 -r 10.0.0.6 -m
-a -t 10.0.0.1:80 -r 10.0.0.7:8080 --masquerading
-Ln
EOF
	expect_ref_stdout '  -> 10.0.0.3:80                  Route   1      0          0         ' \
		'  -> 10.0.0.5:80                  Tunnel  1      0          0         ' \
		'  -> 10.0.0.7:8080                Masq    1      0          0         '
}

@test "-w, -x, -y and --weight, --u-threshold, --l-threshold" {
	differ <<'EOF'
-A -t 10.0.0.1:80 -s wrr
-a -t 10.0.0.1:80 -r 10.0.0.2 -w 0
-a -t 10.0.0.1:80 -r 10.0.0.3 --weight 65536
-a -t 10.0.0.1:80 -r 10.0.0.4 -x 2147483647
-a -t 10.0.0.1:80 -r 10.0.0.5 --u-threshold 1
-a -t 10.0.0.1:80 -r 10.0.0.6 -x 10 -y 0
-a -t 10.0.0.1:80 -r 10.0.0.7 -x 10 --l-threshold 10
-Ln
-Ln --thresholds
EOF
	expect_ref_stdout -l 8 '  -> 10.0.0.3:80                  Route   65536  0          0         '
	expect_ref_stdout '  -> 10.0.0.4:80                  2147483647 0          0          0         ' \
		'  -> 10.0.0.7:80                  10         10         0          0         '
}

# --- list options; one service with one real server, so that even
# --nosort has a single possible order ---

@test "-n and --numeric" {
	differ <<'EOF'
-A -u 127.0.0.1:53 -s rr
-a -u 127.0.0.1:53 -r 127.0.0.1
-L
-L -n
--list --numeric
EOF
	expect_ref_stdout -l 3 'UDP  localhost:domain rr'
	expect_ref_stdout 'UDP  127.0.0.1:53 rr'
}

@test "--stats, --rate and --exact (-X)" {
	differ <<'EOF'
-A -t 10.0.0.1:80
-a -t 10.0.0.1:80 -r 10.0.0.2
-L --stats
-Ln --rate -t 10.0.0.1:80
-Ln --exact
-Ln -X --stats
EOF
	expect_ref_stdout -l 3 'Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes'
	expect_ref_stdout -l 4 'Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS'
	expect_ref_stdout -l 5 'TCP  10.0.0.1:80 wlc'
}

@test "--thresholds, --persistent-conn and --tun-info" {
	differ <<'EOF'
-A -t 10.0.0.1:80 -p
-a -t 10.0.0.1:80 -r 10.0.0.2 -x 20 -y 10
-a -t 10.0.0.1:80 -r 10.0.0.3 -i --tun-type gue --tun-port 6080 --tun-csum
-L --thresholds
-Ln --persistent-conn
-Ln --tun-info
EOF
	expect_ref_stdout -l 4 'Prot LocalAddress:Port            Uthreshold Lthreshold ActiveConn InActConn '
	expect_ref_stdout -l 5 'Prot LocalAddress:Port            Weight    PersistConn ActiveConn InActConn '
	expect_ref_stdout '  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn'
}

@test "--nosort and --sort" {
	differ <<'EOF'
-A -t 10.0.0.1:80
-a -t 10.0.0.1:80 -r 10.0.0.2
-Ln --nosort
-Ln --sort
EOF
	expect_ref_stdout -l 3 '  -> 10.0.0.2:80                  Route   1      0          0         '
}

@test "-c and --connection, --timeout, --daemon" {
	differ <<'EOF'
-A -t 10.0.0.1:80
-L -c
-L --connection -n
-L --timeout
--start-daemon master --mcast-interface lo
-L --daemon
EOF
	expect_ref_stdout -l 2 'IPVS connection entries'
	expect_ref_stdout -l 4 'Timeout (tcp tcpfin udp): 900 120 300'
	expect_ref_stdout 'master sync daemon (mcast=lo, syncid=0, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)'
}

# --- daemon options, each on top of --mcast-interface ---

@test "--start-daemon and --stop-daemon, master and backup" {
	differ <<'EOF'
--start-daemon master --mcast-interface lo
--start-daemon backup --mcast-interface lo
-L --daemon
--stop-daemon master
--stop-daemon backup
-L --daemon
EOF
	expect_ref_stdout -l 3 'master sync daemon (mcast=lo, syncid=0, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)' \
		'backup sync daemon (mcast=lo, syncid=0, maxlen=65507, group=224.0.0.81, port=8848, ttl=1)'
	expect_ref_rc 0
}

@test "--syncid and --sync-maxlen" {
	differ <<'EOF'
--start-daemon master --mcast-interface lo --syncid 255
--start-daemon backup --mcast-interface lo --sync-maxlen 2000
-L --daemon
--stop-daemon master --syncid 255
-L --daemon
EOF
	expect_ref_stdout -l 3 'master sync daemon (mcast=lo, syncid=255, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)'
}

@test "--mcast-group, --mcast-port and --mcast-ttl" {
	differ <<'EOF'
--start-daemon master --mcast-interface lo --mcast-group 239.255.0.1
--stop-daemon master
--start-daemon master --mcast-interface lo --mcast-port 1
--stop-daemon master
--start-daemon master --mcast-interface lo --mcast-ttl 255
-L --daemon
EOF
	expect_ref_rc -l 1 0
	expect_ref_stdout 'master sync daemon (mcast=lo, syncid=0, maxlen=1472, group=224.0.0.81, port=8848, ttl=255)'
}

# --- the remaining commands ---

@test "--set" {
	differ <<'EOF'
--set 10 20 30
-L --timeout
--set 0 0 45
-L --timeout
EOF
	expect_ref_stdout 'Timeout (tcp tcpfin udp): 10 20 45'
}

@test "-Z and --zero, all services or one; -C and --clear" {
	differ <<'EOF'
-A -t 10.0.0.1:80
-A -u 10.0.0.1:53
-Z
--zero -u 10.0.0.1:53
-Ln --stats
-C
-A -t 10.0.0.2:80
-a -t 10.0.0.2:80 -r 10.0.0.3
--clear
-Ln
EOF
	expect_ref_rc -l 4 0
	expect_ref_rc -l 6 0
	expect_ref_rc 0
	expect_ref_empty_table
}
