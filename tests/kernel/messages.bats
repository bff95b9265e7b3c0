#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Every error message of ipvsadm 1.31, one case each: those of its
# argument parser (and of popt), and the text it gives each error the
# kernel returns.  A case is named after its message and proves with
# expect_ref_stderr that the reference printed it, so that the case
# cannot drift into testing something else.  Where one message comes
# from several places (options, commands, kernel operations) the case
# takes it from each of them; lvsadm must give the same bytes and exit
# status everywhere.
#
# ipvsadm exits 2 for what it finds wrong in the arguments, 255 for
# popt's errors and the kernel's refusals, 1 when listing fails.

load helper

# --- addresses and values ---

@test "illegal virtual server address[:port] specified" {
	differ <<'EOF'
-A -t 10.0.0.1:0x50
-E -u [2001:db8::5 -s rr
-D --sctp-service 10.0.0.1:80:90
-L -t nosuchhost.invalid:80
EOF
	expect_ref_rc -l 1 2
	expect_ref_stderr -l 1 'illegal virtual server address[:port] specified'
	expect_ref_stderr -l 2 'illegal virtual server address[:port] specified'
	expect_ref_stderr -l 3 'illegal virtual server address[:port] specified'
	expect_ref_stderr 'illegal virtual server address[:port] specified'
}

@test "illegal real server address[:port] specified" {
	differ <<'EOF'
-A -t 10.0.0.1:80
-a -t 10.0.0.1:80 -r 10.0.0.2:nosuchport
-e -t 10.0.0.1:80 -r 10.0.0.2:
-d -t 10.0.0.1:80 -r [2001:db8::2]
EOF
	expect_ref_rc -l 2 2
	expect_ref_stderr -l 2 'illegal real server address[:port] specified'
	expect_ref_stderr -l 3 'illegal real server address[:port] specified'
	expect_ref_stderr 'illegal real server address[:port] specified'
}

@test "invalid fwmark value \`...' specified" {
	differ <<'EOF'
-A -f 0
-D -f 4294967296
-Z -f 12abc
EOF
	expect_ref_rc -l 1 2
	expect_ref_stderr -l 1 "invalid fwmark value \`0' specified"
	expect_ref_stderr -l 2 "invalid fwmark value \`4294967296' specified"
	expect_ref_stderr "invalid fwmark value \`12abc' specified"
}

@test "-6 used before -f" {
	differ <<'EOF'
-A -6 -f 1
-a -t 10.0.0.1:80 -6 -r 10.0.0.2
EOF
	expect_ref_rc -l 1 2
	expect_ref_stderr -l 1 '-6 used before -f'
	expect_ref_stderr '-6 used before -f'
	expect_ref_empty_table
}

@test "invalid timeout value \`...' specified (-p and --set)" {
	differ <<'EOF'
-A -t 10.0.0.1:80 -p 2678401
-E -t 10.0.0.1:80 -p 12s
--set 2678401 0 0
--set 0 0 1e3
EOF
	expect_ref_rc -l 1 2
	expect_ref_stderr -l 1 "invalid timeout value \`2678401' specified"
	expect_ref_stderr -l 2 "invalid timeout value \`12s' specified"
	expect_ref_stderr -l 3 "invalid timeout value \`2678401' specified"
	expect_ref_rc 2
	expect_ref_stderr "invalid timeout value \`1e3' specified"
}

@test "illegal virtual server persistent mask specified" {
	differ <<'EOF'
-A -t 10.0.0.1:80 -p -M 300.0.0.0
-E -f 1 -M mask
EOF
	expect_ref_rc -l 1 2
	expect_ref_stderr -l 1 'illegal virtual server persistent mask specified'
	expect_ref_stderr 'illegal virtual server persistent mask specified'
}

@test "illegal ipv6 netmask specified" {
	differ <<'EOF'
-A -t [2001:db8::1]:80 -p -M 129
-A -f 1 -6 -p -M 0
-E -f 1 -6 -M 255.255.255.0
EOF
	expect_ref_rc -l 1 2
	expect_ref_stderr -l 1 'illegal ipv6 netmask specified'
	expect_ref_stderr -l 2 'illegal ipv6 netmask specified'
	expect_ref_stderr 'illegal ipv6 netmask specified'
}

@test "illegal weight specified" {
	differ <<'EOF'
-A -t 10.0.0.1:80
-a -t 10.0.0.1:80 -r 10.0.0.2 -w abc
-e -t 10.0.0.1:80 -r 10.0.0.2 -w 0x5
EOF
	expect_ref_rc 2
	expect_ref_stderr -l 2 'illegal weight specified'
	expect_ref_stderr 'illegal weight specified'
}

@test "illegal u_threshold specified" {
	differ <<'EOF'
-a -t 10.0.0.1:80 -r 10.0.0.2 -x -1
-e -t 10.0.0.1:80 -r 10.0.0.2 -x 2147483648
EOF
	expect_ref_rc 2
	expect_ref_stderr -l 1 'illegal u_threshold specified'
	expect_ref_stderr 'illegal u_threshold specified'
}

@test "illegal l_threshold specified" {
	differ <<'EOF'
-a -t 10.0.0.1:80 -r 10.0.0.2 -y abc
-e -t 10.0.0.1:80 -r 10.0.0.2 -x 10 -y 2147483648
EOF
	expect_ref_rc 2
	expect_ref_stderr -l 1 'illegal l_threshold specified'
	expect_ref_stderr 'illegal l_threshold specified'
}

@test "illegal tunnel type specified" {
	differ <<'EOF'
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type vxlan
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type IPIP
EOF
	expect_ref_rc 2
	expect_ref_stderr -l 1 'illegal tunnel type specified'
	expect_ref_stderr 'illegal tunnel type specified'
}

@test "illegal tunnel port specified" {
	differ <<'EOF'
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 0
-e -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 65536
EOF
	expect_ref_rc 2
	expect_ref_stderr -l 1 'illegal tunnel port specified'
	expect_ref_stderr 'illegal tunnel port specified'
}

# --- the sync daemon's parameters ---

@test "illegal start-daemon parameter specified" {
	differ <<'EOF'
--start-daemon slave
--start-daemon MASTER --mcast-interface lo
EOF
	expect_ref_rc 2
	expect_ref_stderr -l 1 'illegal start-daemon parameter specified'
	expect_ref_stderr 'illegal start-daemon parameter specified'
}

@test "illegal start_daemon specified (from --stop-daemon)" {
	differ <<'EOF'
--stop-daemon slave
--stop-daemon Backup
EOF
	expect_ref_rc 2
	expect_ref_stderr -l 1 'illegal start_daemon specified'
	expect_ref_stderr 'illegal start_daemon specified'
}

@test "illegal syncid specified" {
	differ <<'EOF'
--start-daemon master --syncid 256
--stop-daemon master --syncid x
EOF
	expect_ref_rc 2
	expect_ref_stderr -l 1 'illegal syncid specified'
	expect_ref_stderr 'illegal syncid specified'
}

@test "illegal sync-maxlen specified" {
	differ <<'EOF'
--start-daemon master --sync-maxlen 0
--start-daemon backup --sync-maxlen 65508
EOF
	expect_ref_rc 2
	expect_ref_stderr -l 1 'illegal sync-maxlen specified'
	expect_ref_stderr 'illegal sync-maxlen specified'
}

@test "invalid IPv4 mcast-group \`...'" {
	differ <<'EOF'
--start-daemon master --mcast-group 10.0.0.1
--start-daemon backup --mcast-group nonsense
EOF
	expect_ref_rc 2
	expect_ref_stderr -l 1 "invalid IPv4 mcast-group \`10.0.0.1'"
	expect_ref_stderr "invalid IPv4 mcast-group \`nonsense'"
}

@test "invalid IPv6 mcast-group \`...'" {
	differ <<'EOF'
--start-daemon master --mcast-group 2001:db8::1
--start-daemon backup --mcast-group ff02::zz
EOF
	expect_ref_rc 2
	expect_ref_stderr -l 1 "invalid IPv6 mcast-group \`2001:db8::1'"
	expect_ref_stderr "invalid IPv6 mcast-group \`ff02::zz'"
}

@test "illegal mcast-port specified" {
	differ <<'EOF'
--start-daemon master --mcast-port 0
--start-daemon backup --mcast-port 65536
EOF
	expect_ref_rc 2
	expect_ref_stderr -l 1 'illegal mcast-port specified'
	expect_ref_stderr 'illegal mcast-port specified'
}

@test "illegal mcast-ttl specified" {
	differ <<'EOF'
--start-daemon master --mcast-ttl 0
--start-daemon backup --mcast-ttl 256
EOF
	expect_ref_rc 2
	expect_ref_stderr -l 1 'illegal mcast-ttl specified'
	expect_ref_stderr 'illegal mcast-ttl specified'
}

# --- the legality table and the rules across options ---

@test "You need to supply the '...' option for the '...' command" {
	differ <<'EOF'
-E -s rr
-D
-e -t 10.0.0.1:80
-d -r 10.0.0.2
EOF
	expect_ref_rc -l 1 2
	expect_ref_stderr -l 1 "You need to supply the 'service-address' option for the 'edit-service' command"
	expect_ref_stderr -l 2 "You need to supply the 'service-address' option for the 'delete-service' command"
	expect_ref_stderr -l 3 "You need to supply the 'real-server' option for the 'edit-server' command"
	expect_ref_stderr "You need to supply the 'service-address' option for the 'delete-server' command"
}

@test "Illegal '...' option with the '...' command" {
	differ <<'EOF'
-E -t 10.0.0.1:80 -w 2
-d -t 10.0.0.1:80 -r 10.0.0.2 -w 2
--set 1 2 3 -n
--stop-daemon master --mcast-interface lo
-Z -t 10.0.0.1:80 --stats
EOF
	expect_ref_rc -l 1 2
	expect_ref_stderr -l 1 "Illegal 'weight' option with the 'edit-service' command"
	expect_ref_stderr -l 2 "Illegal 'weight' option with the 'delete-server' command"
	expect_ref_stderr -l 3 "Illegal 'numeric' option with the 'set' command"
	expect_ref_stderr -l 4 "Illegal 'mcast-interface' option with the 'stop-daemon' command"
	expect_ref_stderr "Illegal 'stats' option with the 'zero' command"
}

@test "The option '...' conflicts with the '...' option in the 'list' command" {
	differ <<'EOF'
-A -t 10.0.0.1:80
-L -c -t 10.0.0.1:80
-L --timeout --daemon
-L -t 10.0.0.1:80 --timeout
EOF
	expect_ref_rc -l 2 2
	expect_ref_stderr -l 2 "The option 'service-address' conflicts with the 'connection' option in the 'list' command"
	expect_ref_stderr -l 3 "The option 'daemon' conflicts with the 'timeout' option in the 'list' command"
	expect_ref_stderr "The option 'timeout' conflicts with the 'service-address' option in the 'list' command"
}

@test "options conflicts in the list command" {
	differ <<'EOF'
-L -c --thresholds
-L --daemon --persistent-conn
-L --timeout --rate
EOF
	expect_ref_rc 2
	expect_ref_stderr -l 1 'options conflicts in the list command'
	expect_ref_stderr -l 2 'options conflicts in the list command'
	expect_ref_stderr 'options conflicts in the list command'
}

@test "You need to supply the 'tun-port' option for the 'gue' tunnel type" {
	differ <<'EOF'
-A -t 10.0.0.1:80
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-csum
EOF
	expect_ref_rc 2
	expect_ref_stderr -l 2 "You need to supply the 'tun-port' option for the 'gue' tunnel type"
	expect_ref_stderr "You need to supply the 'tun-port' option for the 'gue' tunnel type"
}

@test "Illegal '...' option with the '...' tunnel type" {
	differ <<'EOF'
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-port 5
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type ipip --tun-csum
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gre --tun-remcsum
-e -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gre --tun-port 5
EOF
	expect_ref_rc 2
	expect_ref_stderr -l 1 "Illegal 'tun-port' option with the 'ipip' tunnel type"
	expect_ref_stderr -l 2 "Illegal 'tun-csum' option with the 'ipip' tunnel type"
	expect_ref_stderr -l 3 "Illegal 'tun-remcsum' option with the 'gre' tunnel type"
	expect_ref_stderr "Illegal 'tun-port' option with the 'gre' tunnel type"
}

@test "The option '...' conflicts with the '...' option in the '...' tunnel type" {
	differ <<'EOF'
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 5 --tun-csum --tun-nocsum
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 5 --tun-remcsum --tun-csum
-e -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gre --tun-nocsum --tun-csum
EOF
	expect_ref_rc 2
	expect_ref_stderr -l 1 "The option 'tun-csum' conflicts with the 'tun-nocsum' option in the 'gue' tunnel type"
	expect_ref_stderr -l 2 "The option 'tun-remcsum' conflicts with the 'tun-csum' option in the 'gue' tunnel type"
	expect_ref_stderr "The option 'tun-csum' conflicts with the 'tun-nocsum' option in the 'gre' tunnel type"
}

@test "Tunnel options conflict with forward method" {
	differ <<'EOF'
-a -t 10.0.0.1:80 -r 10.0.0.2 -m --tun-type gre
-a -t 10.0.0.1:80 -r 10.0.0.2 --tun-csum
-e -t 10.0.0.1:80 -r 10.0.0.2 -g --tun-type ipip
EOF
	expect_ref_rc 2
	expect_ref_stderr -l 1 'Tunnel options conflict with forward method'
	expect_ref_stderr -l 2 'Tunnel options conflict with forward method'
	expect_ref_stderr 'Tunnel options conflict with forward method'
}

@test "Different address family is allowed only for tunneling servers" {
	differ <<'EOF'
-A -f 1 -6
-a -f 1 -6 -r 10.0.0.2 -g
-a -f 1 -6 -r 10.0.0.3 -m
-a -f 1 -6 -r 10.0.0.4 -i
EOF
	expect_ref_rc -l 2 2
	expect_ref_stderr -l 2 'Different address family is allowed only for tunneling servers'
	expect_ref_stderr -l 3 'Different address family is allowed only for tunneling servers'
	expect_ref_rc 0
}

@test "Zero port specified for non-persistent service" {
	differ <<'EOF'
-A -t 10.0.0.1
-A --sctp-service 10.0.0.1:0 -s rr
-A -t 10.0.0.2:80
-E -t 10.0.0.2:0
EOF
	expect_ref_rc -l 1 2
	expect_ref_stderr -l 1 'Zero port specified for non-persistent service'
	expect_ref_stderr -l 2 'Zero port specified for non-persistent service'
	expect_ref_stderr 'Zero port specified for non-persistent service'
}

@test "One-Packet Scheduling is only for UDP virtual services" {
	differ <<'EOF'
-A -t 10.0.0.1:80 -o
-A --sctp-service 10.0.0.1:80 -o
-A -u 10.0.0.1:53
-E -t 10.0.0.1:53 -o
EOF
	expect_ref_rc -l 1 2
	expect_ref_stderr -l 1 'One-Packet Scheduling is only for UDP virtual services'
	expect_ref_stderr -l 2 'One-Packet Scheduling is only for UDP virtual services'
	expect_ref_stderr 'One-Packet Scheduling is only for UDP virtual services'
}

@test "invalid scheduler flag \`...'" {
	differ <<'EOF'
-A -t 10.0.0.1:80 -b flag-9
-A -t 10.0.0.1:80 -s sh -b sh-port,bogus
EOF
	expect_ref_rc 2
	expect_ref_stderr -l 1 "invalid scheduler flag \`flag-9'"
	expect_ref_stderr "invalid scheduler flag \`bogus'"
}

@test "incompatible scheduler flag \`...'" {
	differ <<'EOF'
-A -t 10.0.0.1:80 -b sh-port
-A -t 10.0.0.1:80 -s sh -b mh-fallback
-E -t 10.0.0.1:80 -s mh -b mh-port,sh-fallback
EOF
	expect_ref_rc 2
	expect_ref_stderr -l 1 "incompatible scheduler flag \`sh-port'"
	expect_ref_stderr -l 2 "incompatible scheduler flag \`mh-fallback'"
	expect_ref_stderr "incompatible scheduler flag \`sh-fallback'"
}

@test "multiple '...' options specified" {
	differ <<'EOF'
-A -t 10.0.0.1:80 -f 1
-A -t 10.0.0.1:80 -p 1 --persistent 2
-a -t 10.0.0.1:80 -r 10.0.0.2 -i -m
-L --stats --stats
--start-daemon master --mcast-group 224.0.0.1 --mcast-group 224.0.0.2
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gre --tun-csum --tun-csum
EOF
	expect_ref_rc -l 1 2
	expect_ref_stderr -l 1 "multiple 'service-address' options specified"
	expect_ref_stderr -l 2 "multiple 'persistent' options specified"
	expect_ref_stderr -l 3 "multiple 'forwarding-method' options specified"
	expect_ref_stderr -l 4 "multiple 'stats' options specified"
	expect_ref_stderr -l 5 "multiple 'mcast-group' options specified"
	expect_ref_stderr "multiple 'tun-csum' options specified"
}

# --- the command line as a whole ---

@test "--...: unknown option (lvsadm's own options, where their command does not take them)" {
	differ <<'EOF'
-C --json
-L --sync
-A -t 10.0.0.1:80 --interface lo
-C --json -t 300.1.1.1:80
-C --add-vip 10.0.0.10
-a -t 10.0.0.1:80 -r 10.0.0.2 --check
EOF
	expect_ref_rc 255
	expect_ref_stderr -l 1 '--json: unknown option'
	expect_ref_stderr -l 2 '--sync: unknown option'
	expect_ref_stderr -l 3 '--interface: unknown option'
	expect_ref_stderr -l 4 '--json: unknown option'
	expect_ref_stderr -l 5 '--add-vip: unknown option'
	expect_ref_stderr '--check: unknown option'
}

@test "invalid option \`...' (a second command)" {
	differ <<'EOF'
-A -t 10.0.0.1:80 -L
-L -Z
-a -t 10.0.0.1:80 -r 10.0.0.2 --start-daemon master
-S -h
EOF
	expect_ref_rc -l 1 2
	expect_ref_stderr -l 1 "invalid option \`-L'"
	expect_ref_stderr -l 2 "invalid option \`-Z'"
	expect_ref_stderr -l 3 "invalid option \`master'"
	expect_ref_stderr "invalid option \`-h'"
}

@test "--set option requires 3 timeout values" {
	differ <<'EOF'
--set
--set 1 2
EOF
	expect_ref_rc 2
	expect_ref_stderr -l 1 '--set option requires 3 timeout values'
	expect_ref_stderr '--set option requires 3 timeout values'
}

@test "unexpected argument ..." {
	differ <<'EOF'
--set 1 2 3 4
-A -- -t 10.0.0.1:80
-C now
EOF
	expect_ref_rc 2
	expect_ref_stderr -l 1 'unexpected argument 4'
	expect_ref_stderr -l 2 'unexpected argument -t'
	expect_ref_stderr 'unexpected argument now'
}

@test "Try \`ipvsadm -h' or 'ipvsadm --help' for more information." {
	differ <<'EOF'
-t 10.0.0.1:80 -A
--start-daemon
--clear=1
--
EOF
	expect_ref_rc -l 1 255
	expect_ref_stderr -l 1 "Try \`ipvsadm -h' or 'ipvsadm --help' for more information."
	expect_ref_stderr -l 2 "Try \`ipvsadm -h' or 'ipvsadm --help' for more information."
	expect_ref_stderr -l 3 "Try \`ipvsadm -h' or 'ipvsadm --help' for more information."
	expect_ref_rc 255
}

@test "popt: ...: unknown option" {
	differ <<'EOF'
--list --nonsense
-A -t 10.0.0.1:80 -p -5
-Lq
EOF
	expect_ref_rc -l 1 255
	expect_ref_stderr -l 1 '--nonsense: unknown option'
	expect_ref_stderr -l 2 '-5: unknown option'
	expect_ref_rc 255
}

@test "popt: ...: missing argument" {
	differ <<'EOF'
-A -t 10.0.0.1:80 --scheduler
-Lx
-a -t 10.0.0.1:80 -r
EOF
	expect_ref_rc -l 1 255
	expect_ref_stderr -l 1 '--scheduler: missing argument'
	expect_ref_stderr -l 2 '-Lx: missing argument'
	expect_ref_stderr '-r: missing argument'
}

@test "popt: ...: option does not take an argument" {
	differ <<'EOF'
-A -t 10.0.0.1:80 --numeric=1
-L --stats=yes
EOF
	expect_ref_rc -l 1 255
	expect_ref_stderr -l 1 '--numeric=1: option does not take an argument'
	expect_ref_stderr '--stats=yes: option does not take an argument'
}

# --- the kernel's refusals, as ipvsadm words them ---

@test "Service already exists" {
	differ <<'EOF'
-A -u 10.0.0.1:53
-A -u 10.0.0.1:53 -s rr -p
-A -f 7
-A -f 7 -s sh
EOF
	expect_ref_rc -l 2 255
	expect_ref_stderr -l 2 'Service already exists'
	expect_ref_stderr 'Service already exists'
	expect_ref_saved '-A -f 7 -s wlc'
}

@test "Scheduler or persistence engine not found" {
	differ <<'EOF'
-A -t 10.0.0.1:80 -s abcdefghijklmnopqrstuvwxyz
-A -u 10.0.0.1:5060 -p --pe nosuch
-A -u 10.0.0.2:5060 -p --pe sip
-E -u 10.0.0.2:5060 -p --pe nosuch
EOF
	expect_ref_rc -l 1 255
	expect_ref_stderr -l 1 'Scheduler or persistence engine not found'
	expect_ref_stderr -l 2 'Scheduler or persistence engine not found'
	expect_ref_stderr 'Scheduler or persistence engine not found'
	expect_ref_saved '-A -u 10.0.0.2:5060 -s wlc -p 360 --pe sip'
}

# One text for several operations; each goes through its own netlink
# command, and -L's failure exits 1 where the others exit 255.
@test "No such service (-E, -D, -Z, -L with a service)" {
	differ <<'EOF'
-A -t 10.0.0.1:80
-E -t 10.0.0.1:81 -s rr
-E -f 1 -6 -s rr
-D -u 10.0.0.1:80
-Z -f 9
-L -n -t 10.0.0.1:81
-L --sctp-service 10.0.0.1:80 --stats
EOF
	expect_ref_rc -l 2 255
	expect_ref_stderr -l 2 'No such service'
	expect_ref_stderr -l 3 'No such service'
	expect_ref_rc -l 4 255
	expect_ref_stderr -l 4 'No such service'
	expect_ref_rc -l 5 255
	expect_ref_stderr -l 5 'No such service'
	expect_ref_rc -l 6 1
	expect_ref_stderr -l 6 'No such service'
	expect_ref_rc 1
	expect_ref_stderr 'No such service'
}

@test "Service not defined (-a, -e, -d)" {
	differ <<'EOF'
-A -t 10.0.0.1:80
-a -t 10.0.0.1:80 -r 10.0.0.2
-a -u 10.0.0.1:80 -r 10.0.0.2
-a -f 1 -r 10.0.0.2
-e -t 10.0.0.1:81 -r 10.0.0.2 -w 3
-d -t 10.0.0.9:80 -r 10.0.0.2
EOF
	expect_ref_rc -l 3 255
	expect_ref_stderr -l 3 'Service not defined'
	expect_ref_stderr -l 4 'Service not defined'
	expect_ref_rc -l 5 255
	expect_ref_stderr -l 5 'Service not defined'
	expect_ref_rc 255
	expect_ref_stderr 'Service not defined'
	expect_ref_saved '-a -t 10.0.0.1:80 -r 10.0.0.2:80 -g -w 1'
}

@test "Destination already exists" {
	differ <<'EOF'
-A -t 10.0.0.1:80
-a -t 10.0.0.1:80 -r 10.0.0.2:80 -m
-a -t 10.0.0.1:80 -r 10.0.0.2:80 -m -w 4
-a -t 10.0.0.1:80 -r 10.0.0.2 -i
EOF
	expect_ref_rc -l 3 255
	expect_ref_stderr -l 3 'Destination already exists'
	expect_ref_stderr 'Destination already exists'
}

@test "No such destination (-e, -d)" {
	differ <<'EOF'
-A -t 10.0.0.1:80
-a -t 10.0.0.1:80 -r 10.0.0.2:8080 -m
-e -t 10.0.0.1:80 -r 10.0.0.2:8081 -m -w 2
-d -t 10.0.0.1:80 -r 10.0.0.3
EOF
	expect_ref_rc -l 3 255
	expect_ref_stderr -l 3 'No such destination'
	expect_ref_rc 255
	expect_ref_stderr 'No such destination'
}

@test "Daemon has already run" {
	differ <<'EOF'
--start-daemon master --mcast-interface lo
--start-daemon master --mcast-interface lo --syncid 2
-L --daemon
EOF
	expect_ref_rc -l 2 255
	expect_ref_stderr -l 2 'Daemon has already run'
}

@test "No daemon is running" {
	differ <<'EOF'
--stop-daemon master
--stop-daemon backup
--start-daemon master --mcast-interface lo
--stop-daemon backup
EOF
	expect_ref_rc -l 1 255
	expect_ref_stderr -l 1 'No daemon is running'
	expect_ref_stderr -l 2 'No daemon is running'
	expect_ref_stderr 'No daemon is running'
}

# EINVAL: the kernel takes only unicast (or local) real-server addresses,
# and no sync daemon once a real server's family differs from its
# service's (the sync protocol cannot carry such connections).
@test "Invalid operation.  Possibly wrong module version, address not unicast, ..." {
	differ <<'EOF'
-A -t 10.0.0.1:80
-a -t 10.0.0.1:80 -r 224.0.0.5 -g
-a -t 10.0.0.1:80 -r 255.255.255.255 -g
-a -t 10.0.0.1:80 -r 0.0.0.0 -m
-A -f 1 -6
-a -f 1 -6 -r 10.0.0.4 -i
--start-daemon master --mcast-interface lo
EOF
	expect_ref_rc -l 2 255
	expect_ref_stderr -l 2 'Invalid operation.  Possibly wrong module version, address not unicast, ...'
	expect_ref_stderr -l 3 'Invalid operation.  Possibly wrong module version, address not unicast, ...'
	expect_ref_stderr -l 4 'Invalid operation.  Possibly wrong module version, address not unicast, ...'
	expect_ref_stderr 'Invalid operation.  Possibly wrong module version, address not unicast, ...'
}

# Errors ipvsadm has no words of its own for come out as strerror().
@test "strerror: Numerical result out of range (lower threshold above the upper)" {
	differ <<'EOF'
-A -t 10.0.0.1:80
-a -t 10.0.0.1:80 -r 10.0.0.2 -y 9
-a -t 10.0.0.1:80 -r 10.0.0.3 -x 5 -y 6
-a -t 10.0.0.1:80 -r 10.0.0.4 -x 6 -y 6
-e -t 10.0.0.1:80 -r 10.0.0.4 -x 6 -y 7
EOF
	expect_ref_rc -l 2 255
	expect_ref_stderr -l 2 'Numerical result out of range'
	expect_ref_stderr -l 3 'Numerical result out of range'
	expect_ref_stderr 'Numerical result out of range'
	expect_ref_saved '-a -t 10.0.0.1:80 -r 10.0.0.4:80 -g -w 1'
}

@test "strerror: No such device (a sync daemon on a missing interface)" {
	differ <<'EOF'
--start-daemon master --mcast-interface nosuch0
--start-daemon backup --mcast-interface nosuch0 --syncid 4
--start-daemon master
EOF
	expect_ref_rc -l 1 255
	expect_ref_stderr -l 1 'No such device'
	expect_ref_stderr -l 2 'No such device'
	# The default interface is eth0, which the namespace lacks.
	expect_ref_stderr 'No such device'
}

@test "Can't initialize ipvs: Permission denied (you must be root)" {
	differ --unprivileged <<'EOF'
-Ln
-A -t 10.0.0.1:80
-L --timeout
--stop-daemon master
EOF
	expect_ref_rc -l 1 2
	expect_ref_stderr -l 1 "Can't initialize ipvs: Permission denied (you must be root)" \
		'Are you sure that IP Virtual Server is built in the kernel or as module?'
	expect_ref_stderr -l 2 "Can't initialize ipvs: Permission denied (you must be root)"
	expect_ref_stderr -l 3 "Can't initialize ipvs: Permission denied (you must be root)"
	expect_ref_stderr "Can't initialize ipvs: Permission denied (you must be root)"
	expect_ref_empty_table
}
