#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Every error message of ipvsadm 1.31, one case each: those of its
# argument parser (and of popt), and the text it gives each error the
# kernel returns.  A case is named after its message and proves, after
# each command (`=> STATUS MESSAGE`, see helper.bash), that the reference
# printed it, so that the case cannot drift into testing something else.  Where one message comes
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
-A -t 10.0.0.1:0x50              => 2 illegal virtual server address[:port] specified
-E -u [2001:db8::5 -s rr         => 2 illegal virtual server address[:port] specified
-D --sctp-service 10.0.0.1:80:90 => 2 illegal virtual server address[:port] specified
-L -t nosuchhost.invalid:80      => 2 illegal virtual server address[:port] specified
EOF
}

@test "illegal real server address[:port] specified" {
	differ <<'EOF'
-A -t 10.0.0.1:80
-a -t 10.0.0.1:80 -r 10.0.0.2:nosuchport => 2 illegal real server address[:port] specified
-e -t 10.0.0.1:80 -r 10.0.0.2:           => 2 illegal real server address[:port] specified
-d -t 10.0.0.1:80 -r [2001:db8::2]       => 2 illegal real server address[:port] specified
EOF
}

@test "invalid fwmark value \`...' specified" {
	differ <<'EOF'
-A -f 0          => 2 invalid fwmark value `0' specified
-D -f 4294967296 => 2 invalid fwmark value `4294967296' specified
-Z -f 12abc      => 2 invalid fwmark value `12abc' specified
EOF
}

@test "-6 used before -f" {
	differ <<'EOF'
-A -6 -f 1                       => 2 -6 used before -f
-a -t 10.0.0.1:80 -6 -r 10.0.0.2 => 2 -6 used before -f
EOF
	expect_ref_empty_table
}

@test "invalid timeout value \`...' specified (-p and --set)" {
	differ <<'EOF'
-A -t 10.0.0.1:80 -p 2678401 => 2 invalid timeout value `2678401' specified
-E -t 10.0.0.1:80 -p 12s     => 2 invalid timeout value `12s' specified
--set 2678401 0 0            => 2 invalid timeout value `2678401' specified
--set 0 0 1e3                => 2 invalid timeout value `1e3' specified
EOF
}

@test "illegal virtual server persistent mask specified" {
	differ <<'EOF'
-A -t 10.0.0.1:80 -p -M 300.0.0.0 => 2 illegal virtual server persistent mask specified
-E -f 1 -M mask                   => 2 illegal virtual server persistent mask specified
EOF
}

@test "illegal ipv6 netmask specified" {
	differ <<'EOF'
-A -t [2001:db8::1]:80 -p -M 129 => 2 illegal ipv6 netmask specified
-A -f 1 -6 -p -M 0               => 2 illegal ipv6 netmask specified
-E -f 1 -6 -M 255.255.255.0      => 2 illegal ipv6 netmask specified
EOF
}

@test "illegal weight specified" {
	differ <<'EOF'
-A -t 10.0.0.1:80
-a -t 10.0.0.1:80 -r 10.0.0.2 -w abc => 2 illegal weight specified
-e -t 10.0.0.1:80 -r 10.0.0.2 -w 0x5 => 2 illegal weight specified
EOF
}

@test "illegal u_threshold specified" {
	differ <<'EOF'
-a -t 10.0.0.1:80 -r 10.0.0.2 -x -1         => 2 illegal u_threshold specified
-e -t 10.0.0.1:80 -r 10.0.0.2 -x 2147483648 => 2 illegal u_threshold specified
EOF
}

@test "illegal l_threshold specified" {
	differ <<'EOF'
-a -t 10.0.0.1:80 -r 10.0.0.2 -y abc              => 2 illegal l_threshold specified
-e -t 10.0.0.1:80 -r 10.0.0.2 -x 10 -y 2147483648 => 2 illegal l_threshold specified
EOF
}

@test "illegal tunnel type specified" {
	differ <<'EOF'
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type vxlan => 2 illegal tunnel type specified
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type IPIP  => 2 illegal tunnel type specified
EOF
}

@test "illegal tunnel port specified" {
	differ <<'EOF'
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 0 => 2 illegal tunnel port specified
-e -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 65536 => 2 illegal tunnel port specified
EOF
}

# --- the sync daemon's parameters ---

@test "illegal start-daemon parameter specified" {
	differ <<'EOF'
--start-daemon slave                       => 2 illegal start-daemon parameter specified
--start-daemon MASTER --mcast-interface lo => 2 illegal start-daemon parameter specified
EOF
}

@test "illegal start_daemon specified (from --stop-daemon)" {
	differ <<'EOF'
--stop-daemon slave  => 2 illegal start_daemon specified
--stop-daemon Backup => 2 illegal start_daemon specified
EOF
}

@test "illegal syncid specified" {
	differ <<'EOF'
--start-daemon master --syncid 256 => 2 illegal syncid specified
--stop-daemon master --syncid x    => 2 illegal syncid specified
EOF
}

@test "illegal sync-maxlen specified" {
	differ <<'EOF'
--start-daemon master --sync-maxlen 0     => 2 illegal sync-maxlen specified
--start-daemon backup --sync-maxlen 65508 => 2 illegal sync-maxlen specified
EOF
}

@test "invalid IPv4 mcast-group \`...'" {
	differ <<'EOF'
--start-daemon master --mcast-group 10.0.0.1 => 2 invalid IPv4 mcast-group `10.0.0.1'
--start-daemon backup --mcast-group nonsense => 2 invalid IPv4 mcast-group `nonsense'
EOF
}

@test "invalid IPv6 mcast-group \`...'" {
	differ <<'EOF'
--start-daemon master --mcast-group 2001:db8::1 => 2 invalid IPv6 mcast-group `2001:db8::1'
--start-daemon backup --mcast-group ff02::zz    => 2 invalid IPv6 mcast-group `ff02::zz'
EOF
}

@test "illegal mcast-port specified" {
	differ <<'EOF'
--start-daemon master --mcast-port 0     => 2 illegal mcast-port specified
--start-daemon backup --mcast-port 65536 => 2 illegal mcast-port specified
EOF
}

@test "illegal mcast-ttl specified" {
	differ <<'EOF'
--start-daemon master --mcast-ttl 0   => 2 illegal mcast-ttl specified
--start-daemon backup --mcast-ttl 256 => 2 illegal mcast-ttl specified
EOF
}

# --- the legality table and the rules across options ---

@test "You need to supply the '...' option for the '...' command" {
	differ <<'EOF'
-E -s rr          => 2 You need to supply the 'service-address' option for the 'edit-service' command
-D                => 2 You need to supply the 'service-address' option for the 'delete-service' command
-e -t 10.0.0.1:80 => 2 You need to supply the 'real-server' option for the 'edit-server' command
-d -r 10.0.0.2    => 2 You need to supply the 'service-address' option for the 'delete-server' command
EOF
}

@test "Illegal '...' option with the '...' command" {
	differ <<'EOF'
-E -t 10.0.0.1:80 -w 2                    => 2 Illegal 'weight' option with the 'edit-service' command
-d -t 10.0.0.1:80 -r 10.0.0.2 -w 2        => 2 Illegal 'weight' option with the 'delete-server' command
--set 1 2 3 -n                            => 2 Illegal 'numeric' option with the 'set' command
--stop-daemon master --mcast-interface lo => 2 Illegal 'mcast-interface' option with the 'stop-daemon' command
-Z -t 10.0.0.1:80 --stats                 => 2 Illegal 'stats' option with the 'zero' command
EOF
}

@test "The option '...' conflicts with the '...' option in the 'list' command" {
	differ <<'EOF'
-A -t 10.0.0.1:80
-L -c -t 10.0.0.1:80        => 2 The option 'service-address' conflicts with the 'connection' option in the 'list' command
-L --timeout --daemon       => 2 The option 'daemon' conflicts with the 'timeout' option in the 'list' command
-L -t 10.0.0.1:80 --timeout => 2 The option 'timeout' conflicts with the 'service-address' option in the 'list' command
EOF
}

@test "options conflicts in the list command" {
	differ <<'EOF'
-L -c --thresholds            => 2 options conflicts in the list command
-L --daemon --persistent-conn => 2 options conflicts in the list command
-L --timeout --rate           => 2 options conflicts in the list command
EOF
}

@test "You need to supply the 'tun-port' option for the 'gue' tunnel type" {
	differ <<'EOF'
-A -t 10.0.0.1:80
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue => 2 You need to supply the 'tun-port' option for the 'gue' tunnel type
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-csum => 2 You need to supply the 'tun-port' option for the 'gue' tunnel type
EOF
}

@test "Illegal '...' option with the '...' tunnel type" {
	differ <<'EOF'
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-port 5 => 2 Illegal 'tun-port' option with the 'ipip' tunnel type
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type ipip --tun-csum => 2 Illegal 'tun-csum' option with the 'ipip' tunnel type
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gre --tun-remcsum => 2 Illegal 'tun-remcsum' option with the 'gre' tunnel type
-e -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gre --tun-port 5 => 2 Illegal 'tun-port' option with the 'gre' tunnel type
EOF
}

@test "The option '...' conflicts with the '...' option in the '...' tunnel type" {
	differ <<'EOF'
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 5 --tun-csum --tun-nocsum => 2 The option 'tun-csum' conflicts with the 'tun-nocsum' option in the 'gue' tunnel type
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 5 --tun-remcsum --tun-csum => 2 The option 'tun-remcsum' conflicts with the 'tun-csum' option in the 'gue' tunnel type
-e -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gre --tun-nocsum --tun-csum => 2 The option 'tun-csum' conflicts with the 'tun-nocsum' option in the 'gre' tunnel type
EOF
}

@test "Tunnel options conflict with forward method" {
	differ <<'EOF'
-a -t 10.0.0.1:80 -r 10.0.0.2 -m --tun-type gre  => 2 Tunnel options conflict with forward method
-a -t 10.0.0.1:80 -r 10.0.0.2 --tun-csum         => 2 Tunnel options conflict with forward method
-e -t 10.0.0.1:80 -r 10.0.0.2 -g --tun-type ipip => 2 Tunnel options conflict with forward method
EOF
}

@test "Different address family is allowed only for tunneling servers" {
	differ <<'EOF'
-A -f 1 -6
-a -f 1 -6 -r 10.0.0.2 -g => 2 Different address family is allowed only for tunneling servers
-a -f 1 -6 -r 10.0.0.3 -m => 2 Different address family is allowed only for tunneling servers
-a -f 1 -6 -r 10.0.0.4 -i => 0
EOF
}

@test "Zero port specified for non-persistent service" {
	differ <<'EOF'
-A -t 10.0.0.1                     => 2 Zero port specified for non-persistent service
-A --sctp-service 10.0.0.1:0 -s rr => 2 Zero port specified for non-persistent service
-A -t 10.0.0.2:80
-E -t 10.0.0.2:0                   => 2 Zero port specified for non-persistent service
EOF
}

@test "One-Packet Scheduling is only for UDP virtual services" {
	differ <<'EOF'
-A -t 10.0.0.1:80 -o             => 2 One-Packet Scheduling is only for UDP virtual services
-A --sctp-service 10.0.0.1:80 -o => 2 One-Packet Scheduling is only for UDP virtual services
-A -u 10.0.0.1:53
-E -t 10.0.0.1:53 -o             => 2 One-Packet Scheduling is only for UDP virtual services
EOF
}

@test "invalid scheduler flag \`...'" {
	differ <<'EOF'
-A -t 10.0.0.1:80 -b flag-9              => 2 invalid scheduler flag `flag-9'
-A -t 10.0.0.1:80 -s sh -b sh-port,bogus => 2 invalid scheduler flag `bogus'
EOF
}

@test "incompatible scheduler flag \`...'" {
	differ <<'EOF'
-A -t 10.0.0.1:80 -b sh-port                   => 2 incompatible scheduler flag `sh-port'
-A -t 10.0.0.1:80 -s sh -b mh-fallback         => 2 incompatible scheduler flag `mh-fallback'
-E -t 10.0.0.1:80 -s mh -b mh-port,sh-fallback => 2 incompatible scheduler flag `sh-fallback'
EOF
}

@test "multiple '...' options specified" {
	differ <<'EOF'
-A -t 10.0.0.1:80 -f 1 => 2 multiple 'service-address' options specified
-A -t 10.0.0.1:80 -p 1 --persistent 2 => 2 multiple 'persistent' options specified
-a -t 10.0.0.1:80 -r 10.0.0.2 -i -m => 2 multiple 'forwarding-method' options specified
-L --stats --stats => 2 multiple 'stats' options specified
--start-daemon master --mcast-group 224.0.0.1 --mcast-group 224.0.0.2 => 2 multiple 'mcast-group' options specified
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gre --tun-csum --tun-csum => 2 multiple 'tun-csum' options specified
EOF
}

# --- the command line as a whole ---

@test "--...: unknown option (lvsadm's own options, where their command does not take them)" {
	differ <<'EOF'
-C --json                             => 255 --json: unknown option
-L --sync                             => 255 --sync: unknown option
-A -t 10.0.0.1:80 --interface lo      => 255 --interface: unknown option
-C --json -t 300.1.1.1:80             => 255 --json: unknown option
-C --add-vip 10.0.0.10                => 255 --add-vip: unknown option
-a -t 10.0.0.1:80 -r 10.0.0.2 --check => 255 --check: unknown option
EOF
}

@test "invalid option \`...' (a second command)" {
	differ <<'EOF'
-A -t 10.0.0.1:80 -L                                => 2 invalid option `-L'
-L -Z                                               => 2 invalid option `-Z'
-a -t 10.0.0.1:80 -r 10.0.0.2 --start-daemon master => 2 invalid option `master'
-S -h                                               => 2 invalid option `-h'
EOF
}

@test "--set option requires 3 timeout values" {
	differ <<'EOF'
--set     => 2 --set option requires 3 timeout values
--set 1 2 => 2 --set option requires 3 timeout values
EOF
}

@test "unexpected argument ..." {
	differ <<'EOF'
--set 1 2 3 4        => 2 unexpected argument 4
-A -- -t 10.0.0.1:80 => 2 unexpected argument -t
-C now               => 2 unexpected argument now
EOF
}

@test "Try \`ipvsadm -h' or 'ipvsadm --help' for more information." {
	differ <<'EOF'
-t 10.0.0.1:80 -A => 255 Try `ipvsadm -h' or 'ipvsadm --help' for more information.
--start-daemon    => 255 Try `ipvsadm -h' or 'ipvsadm --help' for more information.
--clear=1         => 255 Try `ipvsadm -h' or 'ipvsadm --help' for more information.
--                => 255
EOF
}

@test "popt: ...: unknown option" {
	differ <<'EOF'
--list --nonsense       => 255 --nonsense: unknown option
-A -t 10.0.0.1:80 -p -5 => 255 -5: unknown option
-Lq                     => 255
EOF
}

@test "popt: ...: missing argument" {
	differ <<'EOF'
-A -t 10.0.0.1:80 --scheduler => 255 --scheduler: missing argument
-Lx                           => 255 -Lx: missing argument
-a -t 10.0.0.1:80 -r          => 255 -r: missing argument
EOF
}

@test "popt: ...: option does not take an argument" {
	differ <<'EOF'
-A -t 10.0.0.1:80 --numeric=1 => 255 --numeric=1: option does not take an argument
-L --stats=yes                => 255 --stats=yes: option does not take an argument
EOF
}

# --- the kernel's refusals, as ipvsadm words them ---

@test "Service already exists" {
	differ <<'EOF'
-A -u 10.0.0.1:53
-A -u 10.0.0.1:53 -s rr -p => 255 Service already exists
-A -f 7
-A -f 7 -s sh              => 255 Service already exists
EOF
	expect_ref_saved '-A -f 7 -s wlc'
}

@test "Scheduler or persistence engine not found" {
	differ <<'EOF'
-A -t 10.0.0.1:80 -s abcdefghijklmnopqrstuvwxyz => 255 Scheduler or persistence engine not found
-A -u 10.0.0.1:5060 -p --pe nosuch              => 255 Scheduler or persistence engine not found
-A -u 10.0.0.2:5060 -p --pe sip
-E -u 10.0.0.2:5060 -p --pe nosuch              => 255 Scheduler or persistence engine not found
EOF
	expect_ref_saved '-A -u 10.0.0.2:5060 -s wlc -p 360 --pe sip'
}

# One text for several operations; each goes through its own netlink
# command, and -L's failure exits 1 where the others exit 255.
@test "No such service (-E, -D, -Z, -L with a service)" {
	differ <<'EOF'
-A -t 10.0.0.1:80
-E -t 10.0.0.1:81 -s rr               => 255 No such service
-E -f 1 -6 -s rr                      => 255 No such service
-D -u 10.0.0.1:80                     => 255 No such service
-Z -f 9                               => 255 No such service
-L -n -t 10.0.0.1:81                  => 1 No such service
-L --sctp-service 10.0.0.1:80 --stats => 1 No such service
EOF
}

@test "Service not defined (-a, -e, -d)" {
	differ <<'EOF'
-A -t 10.0.0.1:80
-a -t 10.0.0.1:80 -r 10.0.0.2
-a -u 10.0.0.1:80 -r 10.0.0.2      => 255 Service not defined
-a -f 1 -r 10.0.0.2                => 255 Service not defined
-e -t 10.0.0.1:81 -r 10.0.0.2 -w 3 => 255 Service not defined
-d -t 10.0.0.9:80 -r 10.0.0.2      => 255 Service not defined
EOF
	expect_ref_saved '-a -t 10.0.0.1:80 -r 10.0.0.2:80 -g -w 1'
}

@test "Destination already exists" {
	differ <<'EOF'
-A -t 10.0.0.1:80
-a -t 10.0.0.1:80 -r 10.0.0.2:80 -m
-a -t 10.0.0.1:80 -r 10.0.0.2:80 -m -w 4 => 255 Destination already exists
-a -t 10.0.0.1:80 -r 10.0.0.2 -i         => 255 Destination already exists
EOF
}

@test "No such destination (-e, -d)" {
	differ <<'EOF'
-A -t 10.0.0.1:80
-a -t 10.0.0.1:80 -r 10.0.0.2:8080 -m
-e -t 10.0.0.1:80 -r 10.0.0.2:8081 -m -w 2 => 255 No such destination
-d -t 10.0.0.1:80 -r 10.0.0.3              => 255 No such destination
EOF
}

@test "Daemon has already run" {
	differ <<'EOF'
--start-daemon master --mcast-interface lo
--start-daemon master --mcast-interface lo --syncid 2 => 255 Daemon has already run
-L --daemon
EOF
}

@test "No daemon is running" {
	differ <<'EOF'
--stop-daemon master => 255 No daemon is running
--stop-daemon backup => 255 No daemon is running
--start-daemon master --mcast-interface lo
--stop-daemon backup => 255 No daemon is running
EOF
}

# EINVAL: the kernel takes only unicast (or local) real-server addresses,
# and no sync daemon once a real server's family differs from its
# service's (the sync protocol cannot carry such connections).
@test "Invalid operation.  Possibly wrong module version, address not unicast, ..." {
	differ <<'EOF'
-A -t 10.0.0.1:80
-a -t 10.0.0.1:80 -r 224.0.0.5 -g          => 255 Invalid operation.  Possibly wrong module version, address not unicast, ...
-a -t 10.0.0.1:80 -r 255.255.255.255 -g    => 255 Invalid operation.  Possibly wrong module version, address not unicast, ...
-a -t 10.0.0.1:80 -r 0.0.0.0 -m            => 255 Invalid operation.  Possibly wrong module version, address not unicast, ...
-A -f 1 -6
-a -f 1 -6 -r 10.0.0.4 -i
--start-daemon master --mcast-interface lo => 255 Invalid operation.  Possibly wrong module version, address not unicast, ...
EOF
}

# Errors ipvsadm has no words of its own for come out as strerror().
@test "strerror: Numerical result out of range (lower threshold above the upper)" {
	differ <<'EOF'
-A -t 10.0.0.1:80
-a -t 10.0.0.1:80 -r 10.0.0.2 -y 9      => 255 Numerical result out of range
-a -t 10.0.0.1:80 -r 10.0.0.3 -x 5 -y 6 => 255 Numerical result out of range
-a -t 10.0.0.1:80 -r 10.0.0.4 -x 6 -y 6
-e -t 10.0.0.1:80 -r 10.0.0.4 -x 6 -y 7 => 255 Numerical result out of range
EOF
	expect_ref_saved '-a -t 10.0.0.1:80 -r 10.0.0.4:80 -g -w 1'
}

@test "strerror: No such device (a sync daemon on a missing interface)" {
	differ <<'EOF'
--start-daemon master --mcast-interface nosuch0 => 255 No such device
--start-daemon backup --mcast-interface nosuch0 --syncid 4 => 255 No such device
# The default interface is eth0, which the namespace lacks.
--start-daemon master => 255 No such device
EOF
}

@test "Can't initialize ipvs: Permission denied (you must be root)" {
	differ --unprivileged <<'EOF'
-Ln                  => 2
-A -t 10.0.0.1:80    => 2 Can't initialize ipvs: Permission denied (you must be root)
-L --timeout         => 2 Can't initialize ipvs: Permission denied (you must be root)
--stop-daemon master => 2 Can't initialize ipvs: Permission denied (you must be root)
EOF
	expect_ref_stderr -l 1 "Can't initialize ipvs: Permission denied (you must be root)" \
		'Are you sure that IP Virtual Server is built in the kernel or as module?'
	expect_ref_empty_table
}
