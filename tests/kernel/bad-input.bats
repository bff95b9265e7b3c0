#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The bad-input table: bad command lines, bad rules files (for -R and
# -R --sync) and corrupt or hostile state files.  Every case starts from
# the same non-empty state (services and real servers, a VIP bound by
# lvsadm, ARP sysctls that are not the defaults), checks the exit status
# and the message, and that the table (as the reference ipvsadm -Sn prints
# it), the addresses on lo and lan0, the ARP sysctls and the state
# directory are exactly as before.  See unchanged-helper.bash.  Big and
# binary inputs are made at test time.

load unchanged-helper

TRY_IPVSADM="Try \`ipvsadm -h' or 'ipvsadm --help' for more information."
IFNAME_RULE="1 to 15 characters, without '/', ':' or blanks, and not '.' or '..'"

# rules TEXT: write TEXT (printf format: \n, \r, \0, \xHH) to $R.
rules() {
	R=$BATS_TEST_TMPDIR/rules
	printf -- "$1" >"$R"
}

# one_bad LINE MESSAGE: what -R prints for one bad line.
one_bad() {
	printf '<stdin>:%s: %s\n<stdin>: 1 bad line, nothing applied' "$1" "$2"
}

# --- the command line: the reference says the same, nothing changes ---

@test "cmdline: unknown long option" {
	bad_case --ref --as-ipvsadm 255 "$TRY_IPVSADM" -- --frobnicate
	bad_case 255 "unknown command '--frobnicate'
Try \`lvsadm -h' for the commands." -- --frobnicate
}

@test "cmdline: unknown short option after a command" {
	bad_case --ref 255 "-Q: unknown option" -- -A -t 10.0.0.10:80 -Q
}

@test "cmdline: an empty argument" {
	bad_case --ref --as-ipvsadm 255 "$TRY_IPVSADM" -- ''
	bad_case 255 "'' is not a command (commands are options, such as -L)
Try \`lvsadm -h' for the commands." -- ''
}

@test "cmdline: an unexpected extra argument" {
	bad_case --ref 2 "unexpected argument extra" -- -A -t 10.0.0.11:80 -s rr extra
}

@test "cmdline: a command without its service" {
	bad_case --ref --as-ipvsadm 2 "You need to supply the 'service-address' option for the 'add-service' command" -- -A
	bad_case 2 "-A (--add-service) needs one of -t (--tcp-service), -u (--udp-service), --sctp-service or -f (--fwmark-service)" -- -A
}

@test "cmdline: an option the command does not take" {
	bad_case --ref --as-ipvsadm 2 "Illegal 'weight' option with the 'add-service' command" -- -A -t 10.0.0.11:80 -w 5
	bad_case 2 "-w (--weight) does not go with -A (--add-service); it goes with -a (--add-server) or -e (--edit-server)" -- -A -t 10.0.0.11:80 -w 5
}

@test "cmdline: weight 2147483648 (2^31)" {
	bad_case --ref 2 "illegal weight specified" -- -a -t 10.0.0.10:80 -r 10.0.0.9 -w 2147483648
}

@test "cmdline: weight -1" {
	bad_case --ref 2 "illegal weight specified" -- -a -t 10.0.0.10:80 -r 10.0.0.9 -w -1
}

@test "cmdline: a 23-digit weight" {
	bad_case --ref 2 "illegal weight specified" -- -e -t 10.0.0.10:80 -r 10.0.0.2 -w 99999999999999999999999
}

@test "cmdline: persistence timeout 99999999999" {
	bad_case --ref 2 "invalid timeout value \`99999999999' specified" -- -E -t 10.0.0.10:80 -p 99999999999
}

@test "cmdline: persistence timeout -5 (an unknown option to popt)" {
	bad_case --ref 255 "-5: unknown option" -- -E -t 10.0.0.10:80 -p -5
}

@test "cmdline: upper threshold -1" {
	bad_case --ref 2 "illegal u_threshold specified" -- -e -t 10.0.0.10:80 -r 10.0.0.2 -x -1
}

@test "cmdline: lower threshold 4294967296" {
	bad_case --ref 2 "illegal l_threshold specified" -- -e -t 10.0.0.10:80 -r 10.0.0.2 -y 4294967296
}

@test "cmdline: fwmark 4294967296 (2^32)" {
	bad_case --ref 2 "invalid fwmark value \`4294967296' specified" -- -A -f 4294967296
}

@test "cmdline: fwmark -1" {
	bad_case --ref 2 "invalid fwmark value \`-1' specified" -- -D -f -1
}

@test "cmdline: IPv4 address with an octet of 300" {
	bad_case --ref 2 "illegal virtual server address[:port] specified" -- -A -t 10.0.0.300:80
}

@test "cmdline: port 65536" {
	bad_case --ref 2 "illegal virtual server address[:port] specified" -- -A -t 10.0.0.11:65536
}

@test "cmdline: port -1" {
	bad_case --ref 2 "illegal virtual server address[:port] specified" -- -D -t 10.0.0.10:-1
}

@test "cmdline: a bad IPv6 address" {
	bad_case --ref 2 "illegal virtual server address[:port] specified" -- -A -t '[2001:db8::zz]:80'
}

@test "cmdline: a real server with an octet of 256" {
	bad_case --ref 2 "illegal real server address[:port] specified" -- -a -t 10.0.0.10:80 -r 10.0.0.256
}

@test "cmdline: a persistence netmask of 300.0.0.0" {
	bad_case --ref 2 "illegal virtual server persistent mask specified" -- -E -t 10.0.0.10:80 -p 60 -M 300.0.0.0
}

@test "cmdline: --set 4294967296 0 0" {
	bad_case --ref 2 "invalid timeout value \`4294967296' specified" -- --set 4294967296 0 0
}

@test "cmdline: --set -1 0 0" {
	bad_case --ref 255 "-1: unknown option" -- --set -1 0 0
}

@test "cmdline: --syncid 256" {
	bad_case --ref 2 "illegal syncid specified" -- --start-daemon master --syncid 256
}

@test "cmdline: --mcast-ttl 0" {
	bad_case --ref 2 "illegal mcast-ttl specified" -- --start-daemon master --mcast-ttl 0
}

@test "cmdline: a 100000-byte service address" {
	long=$(printf 'A%.0s' {1..100000})
	bad_case --ref 2 "illegal virtual server address[:port] specified" -- -A -t "$long"
}

# Refused by the kernel: exit 255, the kernel's message, nothing changed.
@test "kernel: a service that exists already" {
	bad_case --ref 255 "Service already exists" -- -A -t 10.0.0.10:80 -s wlc
}

@test "kernel: a real server that exists already" {
	bad_case --ref 255 "Destination already exists" -- -a -t 10.0.0.10:80 -r 10.0.0.3
}

@test "kernel: deleting a real server that is not there" {
	bad_case --ref 255 "No such destination" -- -d -t 10.0.0.10:80 -r 10.0.0.99
}

@test "kernel: editing with a scheduler that does not exist" {
	bad_case --ref 255 "Scheduler or persistence engine not found" -- -E -t 10.0.0.10:80 -s nosuchsched
}

# --- the real-server commands on the command line ---

@test "vip: an IPv4 address with an octet of 300" {
	bad_case 2 "invalid VIP '10.0.0.300': not an IPv4 or IPv6 address" -- --add-vip 10.0.0.300
}

@test "vip: an empty item in the list" {
	bad_case 2 "invalid VIP '': empty" -- --add-vip 10.0.0.101,
}

@test "vip: a prefix length" {
	bad_case 2 "invalid VIP '10.0.0.101/24': give the address without a prefix length; a VIP is bound as /32 (IPv6: /128)" -- --add-vip 10.0.0.101/24
}

@test "vip: a 100000-byte VIP" {
	long=$(printf '9%.0s' {1..100000})
	bad_case 2 "invalid VIP '$(printf '9%.0s' {1..64})...': not an IPv4 or IPv6 address" -- --add-vip "$long"
}

@test "vip: a 100000-byte interface name" {
	long=$(printf 'e%.0s' {1..100000})
	bad_case 2 "invalid interface name '$(printf 'e%.0s' {1..64})...': $IFNAME_RULE" -- --add-vip 10.0.0.101 --interface "$long"
}

@test "vip: an interface name of 16 characters" {
	bad_case 2 "invalid interface name 'abcdefghijklmnop': $IFNAME_RULE" -- --add-vip 10.0.0.101 --interface abcdefghijklmnop
}

@test "vip: an interface name with a slash" {
	bad_case 2 "invalid interface name '../lo': $IFNAME_RULE" -- --add-vip 10.0.0.101 --interface ../lo
}

@test "vip: an empty interface name" {
	bad_case 2 "invalid interface name '': $IFNAME_RULE" -- --add-vip 10.0.0.101 --interface ''
}

@test "vip: an interface that does not exist (exit 3)" {
	bad_case --match 3 "nosuch0" -- --add-vip 10.0.0.101 --interface nosuch0
}

@test "vip: deleting a VIP that is not bound (exit 3)" {
	bad_case --match 3 "10\.0\.0\.102" -- --delete-vip 10.0.0.102
}

@test "vip: --arp-strict with a bad argument" {
	bad_case 2 "illegal arp-strict parameter 'maybe': use on or off" -- --arp-strict maybe
}

@test "vip: LVSADM_RUNDIR that is relative" {
	bad_case --env LVSADM_RUNDIR=run 2 "LVSADM_RUNDIR must be an absolute path without '..': run" -- --add-vip 10.0.0.101
}

@test "vip: LVSADM_RUNDIR with .." {
	bad_case --env LVSADM_RUNDIR=/tmp/../run 2 "LVSADM_RUNDIR must be an absolute path without '..': /tmp/../run" -- --delete-vip 10.0.0.100
}

# --- rules files: -R and -R --sync ---

@test "rules: binary garbage (-R)" {
	R=$BATS_TEST_TMPDIR/garbage
	LC_ALL=C awk 'BEGIN { srand(42); for (i = 0; i < 4096; i++) printf "%c", int(rand() * 256) }' >"$R"
	bad_case --stdin "$R" --match 2 \
		'^(<stdin>:[0-9]+: [^'$'\n'']+'$'\n'')+<stdin>: [0-9]+ bad lines?, nothing applied$' -- -R
}

@test "rules: binary garbage (-R --sync)" {
	R=$BATS_TEST_TMPDIR/garbage
	LC_ALL=C awk 'BEGIN { srand(7); for (i = 0; i < 4096; i++) printf "%c", int(rand() * 256) }' >"$R"
	bad_case --stdin "$R" --match 2 \
		'^(<stdin>:[0-9]+: [^'$'\n'']+'$'\n'')+<stdin>: [0-9]+ bad lines?, nothing applied$' -- -R --sync
}

@test "rules: an executable file as rules" {
	bad_case --stdin "$LVSADM" --match 2 \
		'^(<stdin>:[0-9]+: [^'$'\n'']+'$'\n'')+<stdin>: [0-9]+ bad lines?, nothing applied$' -- -R
}

@test "rules: a 1 MiB line of one word" {
	R=$BATS_TEST_TMPDIR/rules
	{ head -c 1048576 /dev/zero | tr '\0' A; echo; } >"$R"
	bad_case --stdin "$R" 2 "$(one_bad 1 "'$(printf 'A%.0s' {1..64})...' is not a command (commands are options, such as -L)")" -- -R
}

@test "rules: a 1 MiB weight after a good line" {
	R=$BATS_TEST_TMPDIR/rules
	{
		echo "-A -t 10.0.0.20:80 -s rr"
		printf -- '-a -t 10.0.0.20:80 -r 10.0.0.9 -w '
		head -c 1048576 /dev/zero | tr '\0' 7
		echo
	} >"$R"
	bad_case --stdin "$R" 2 "$(one_bad 2 "illegal weight specified")" -- -R
}

@test "rules: 1 MiB of blanks before an extra word (-R --sync)" {
	R=$BATS_TEST_TMPDIR/rules
	{
		printf -- '-A -t 10.0.0.20:80 -s rr'
		head -c 1048576 /dev/zero | tr '\0' ' '
		echo extra
	} >"$R"
	bad_case --stdin "$R" 2 "$(one_bad 1 "unexpected argument extra")" -- -R --sync
}

@test "rules: a NUL byte in a line" {
	rules '-A -t 10.0.0.20:80 -s rr\n-a -t 10.0.0.20:80\0 -r 10.0.0.9\n'
	bad_case --stdin "$R" 2 "$(one_bad 2 "line contains a NUL byte")" -- -R
}

@test "rules: a NUL byte hidden after a comment (-R --sync)" {
	rules '-A -t 10.0.0.20:80 -s rr # a comment \0 -s wlc\n'
	bad_case --stdin "$R" 2 "$(one_bad 1 "line contains a NUL byte")" -- -R --sync
}

@test "rules: CRLF line ends, a bad third line" {
	rules '-A -t 10.0.0.20:80 -s rr\r\n-a -t 10.0.0.20:80 -r 10.0.0.9\r\n-a -t 10.0.0.20:80 -r 10.0.0.8 -w x\r\n'
	bad_case --stdin "$R" 2 "$(one_bad 3 "illegal weight specified")" -- -R
}

@test "rules: CR alone does not end a line" {
	rules '-A -t 10.0.0.20:80 -s rr\r-A -t 10.0.0.21:80 -s rr\n'
	bad_case --stdin "$R" 2 "$(one_bad 1 "-A (--add-service) given twice: one command at a time")" -- -R
}

@test "rules: an unterminated last line with an error" {
	rules '-A -t 10.0.0.20:80 -s rr\n-a -t 10.0.0.20:80 -r 10.0.0.9 -w 99999999999'
	bad_case --stdin "$R" 2 "$(one_bad 2 "illegal weight specified")" -- -R
}

@test "rules: an unknown long option" {
	rules '-A -t 10.0.0.20:80 -s rr --frobnicate\n'
	bad_case --stdin "$R" 2 "$(one_bad 1 "--frobnicate: unknown option")" -- -R
}

@test "rules: an unknown short option (-R --sync)" {
	rules '-A -t 10.0.0.20:80 -s rr\n-a -t 10.0.0.20:80 -r 10.0.0.9 -Q\n'
	bad_case --stdin "$R" 2 "$(one_bad 2 "-Q: unknown option")" -- -R --sync
}

@test "rules: more than 128 words on a line" {
	rules "-A -t 10.0.0.20:80$(printf ' -s rr%.0s' {1..64})\n"
	bad_case --stdin "$R" 2 "$(one_bad 1 "more than 128 words on one line")" -- -R
}

@test "rules: huge numbers: weight, timeout, fwmark, threshold, port" {
	rules '-A -t 10.0.0.20:80 -s rr\n-a -t 10.0.0.20:80 -r 10.0.0.9 -w 2147483648\n-A -t 10.0.0.21:80 -p 99999999999\n-A -f 4294967296\n-a -t 10.0.0.20:80 -r 10.0.0.8 -x 4294967296\n-A -t 10.0.0.22:4294967376\n--set 4294967296 0 0\n'
	bad_case --stdin "$R" 2 "<stdin>:2: illegal weight specified
<stdin>:3: invalid timeout value \`99999999999' specified
<stdin>:4: invalid fwmark value \`4294967296' specified
<stdin>:5: illegal u_threshold specified
<stdin>:6: illegal virtual server address[:port] specified
<stdin>:7: invalid timeout value \`4294967296' specified
<stdin>: 6 bad lines, nothing applied" -- -R
}

@test "rules: huge numbers (-R --sync)" {
	rules '-A -t 10.0.0.20:80 -s rr\n-a -t 10.0.0.20:80 -r 10.0.0.9 -w 99999999999999999999\n-A -f 99999999999999999999\n'
	bad_case --stdin "$R" 2 "<stdin>:2: illegal weight specified
<stdin>:3: invalid fwmark value \`99999999999999999999' specified
<stdin>: 2 bad lines, nothing applied" -- -R --sync
}

@test "rules: negative numbers: weight, timeout, fwmark, threshold, --set" {
	rules '-A -t 10.0.0.20:80 -s rr\n-a -t 10.0.0.20:80 -r 10.0.0.9 -w -1\n-A -t 10.0.0.21:80 -p -5\n-A -f -1\n-a -t 10.0.0.20:80 -r 10.0.0.8 -y -1\n--set -1 0 0\n'
	bad_case --stdin "$R" 2 "<stdin>:2: illegal weight specified
<stdin>:3: -5: unknown option
<stdin>:4: invalid fwmark value \`-1' specified
<stdin>:5: illegal l_threshold specified
<stdin>:6: -1: unknown option
<stdin>: 5 bad lines, nothing applied" -- -R
}

@test "rules: a negative weight (-R --sync)" {
	rules '-A -t 10.0.0.20:80 -s rr\n-a -t 10.0.0.20:80 -r 10.0.0.9 -w -2147483648\n'
	bad_case --stdin "$R" 2 "$(one_bad 2 "illegal weight specified")" -- -R --sync
}

# Written as 500 good services and their real servers, then one bad line.
@test "rules: 1001 good lines, then a bad one" {
	R=$BATS_TEST_TMPDIR/rules
	awk 'BEGIN {
		for (i = 0; i < 500; i++) {
			v = sprintf("10.1.%d.%d:80", int(i / 250), i % 250 + 1)
			printf "-A -t %s -s rr\n-a -t %s -r 10.0.0.9 -g -w 1\n", v, v
		}
	}' >"$R"
	echo "-A -t 10.2.0.1:80 -s rr" >>"$R"
	echo "-a -t 10.2.0.1:80 -r 10.0.0.9 -w 1 -x" >>"$R"
	bad_case --stdin "$R" 2 "$(one_bad 1002 "-x: missing argument")" -- -R
}

@test "rules: the known table plus one bad line at the end (-R --sync)" {
	R=$BATS_TEST_TMPDIR/rules
	{
		_uc_rules
		echo "-A -t 10.0.0.20:80 -s rr"
		echo "-a -t 10.0.0.20:80 -r 10.0.0.9 -w 1 -m -g"
	} >"$R"
	bad_case --stdin "$R" --match 2 "^<stdin>:11: [^"$'\n'"]+"$'\n'"<stdin>: 1 bad line, nothing applied$" -- -R --sync
}

@test "rules: --start-daemon is refused with --sync" {
	rules '-A -t 10.0.0.20:80 -s rr\n--start-daemon master\n'
	bad_case --stdin "$R" 2 "$(one_bad 2 "this command cannot be used with --sync")" -- -R --sync
}

@test "rules: a bad VIP line" {
	rules '--add-vip 10.0.0.101,10.0.0.300\n'
	bad_case --stdin "$R" 2 "$(one_bad 1 "invalid VIP '10.0.0.300': not an IPv4 or IPv6 address")" -- -R
}

@test "rules: a bad interface on a VIP line (-R --sync)" {
	rules '--add-vip 10.0.0.101 --interface abcdefghijklmnopq\n'
	bad_case --stdin "$R" 2 "$(one_bad 1 "invalid interface name 'abcdefghijklmnopq': $IFNAME_RULE")" -- -R --sync
}

@test "rules: a directory as input" {
	bad_case --stdin / 2 "<stdin>: read error: Is a directory" -- -R
}

@test "rules: a line the kernel refuses is reported with its line" {
	rules '\n# the known table has it\n-A -t 10.0.0.10:80 -s wlc\n'
	bad_case --stdin "$R" 255 "<stdin>:3: Service already exists" -- -R
}

@test "rules: a change the kernel refuses is undone (-R --sync)" {
	R=$BATS_TEST_TMPDIR/rules
	{
		_uc_rules | sed 's/-w 2$/-w 7/'
		echo "-A -t 10.0.0.20:80 -s nosuchsched"
	} >"$R"
	bad_case --stdin "$R" 255 "<stdin>:10: Scheduler or persistence engine not found
<stdin>: nothing was changed: the changes made were undone" -- -R --sync
}

# --- the state file: corrupt or hostile, always refused, never changed ---

STATE_USE="remove it after checking the ARP sysctls and the VIPs on lo"

@test "state: garbage (--add-vip)" {
	bad_case --prep 'printf "garbage\n" >run/state' 2 \
		"the state file $BATS_TEST_TMPDIR/run/state is not an lvsadm state file; refusing to use it" -- --add-vip 10.0.0.101
}

@test "state: garbage after the header (--delete-vip)" {
	bad_case --prep 'printf "lvsadm-state 1\n\001\377 arp_ignore=x\n" >run/state' 2 \
		"the state file $BATS_TEST_TMPDIR/run/state:2 is corrupt; $STATE_USE" -- --delete-vip 10.0.0.100
}

@test "state: binary data (--delete-vip)" {
	bad_case --prep 'printf "lvsadm-state 1\nsaved arp_ignore 0\0\n" >run/state' 2 \
		"the state file $BATS_TEST_TMPDIR/run/state holds binary data; refusing to use it" -- --delete-vip 10.0.0.100
}

@test "state: truncated in the middle of a line (--delete-vip)" {
	bad_case --prep 'head -c 30 run/state >run/t && cat run/t >run/state && rm run/t' 2 \
		"the state file $BATS_TEST_TMPDIR/run/state:2 is corrupt; $STATE_USE" -- --delete-vip 10.0.0.100
}

@test "state: empty (--add-vip)" {
	bad_case --prep ': >run/state' 2 \
		"the state file $BATS_TEST_TMPDIR/run/state is not an lvsadm state file; refusing to use it" -- --add-vip 10.0.0.101
}

@test "state: a saved value out of range (--delete-vip)" {
	bad_case --prep 'sed -i "s/^saved arp_ignore .*/saved arp_ignore 256/" run/state' 2 \
		"the state file $BATS_TEST_TMPDIR/run/state:2 is corrupt; $STATE_USE" -- --delete-vip 10.0.0.100
}

@test "state: larger than 64 KiB (--add-vip)" {
	bad_case --prep 'head -c 70000 /dev/zero | tr "\0" "#" >>run/state' 2 \
		"the state file $BATS_TEST_TMPDIR/run/state is too large; refusing to use it" -- --add-vip 10.0.0.101
}

@test "state: owned by another user (--delete-vip)" {
	bad_case --prep 'chown 65534:65534 run/state' 2 \
		"the state file $BATS_TEST_TMPDIR/run/state belongs to uid 65534, not to uid 0; refusing to use it" -- --delete-vip 10.0.0.100
}

@test "state: mode 0666 (--add-vip)" {
	bad_case --prep 'chmod 0666 run/state' 2 \
		"the state file $BATS_TEST_TMPDIR/run/state is writable by others (mode 0666); refusing to use it" -- --add-vip 10.0.0.101
}

@test "state: group-writable, mode 0620 (--arp-strict on)" {
	bad_case --prep 'chmod 0620 run/state' 2 \
		"the state file $BATS_TEST_TMPDIR/run/state is writable by others (mode 0620); refusing to use it" -- --arp-strict on
}

@test "state: a symlink to a good copy (--delete-vip)" {
	bad_case --prep 'mv run/state good && ln -s "$PWD/good" run/state' 2 \
		"the state file $BATS_TEST_TMPDIR/run/state is a symlink; refusing to follow it" -- --delete-vip 10.0.0.100
}

@test "state: a directory in its place (--delete-vip)" {
	bad_case --prep 'rm run/state && mkdir run/state' 2 \
		"the state file $BATS_TEST_TMPDIR/run/state is not a regular file; refusing to use it" -- --delete-vip 10.0.0.100
}

@test "state: a FIFO in its place (--add-vip), without hanging" {
	bad_case --prep 'rm run/state && mkfifo -m 0600 run/state' 2 \
		"the state file $BATS_TEST_TMPDIR/run/state is not a regular file; refusing to use it" -- --add-vip 10.0.0.101
}

@test "state: a state directory writable by others (--add-vip)" {
	bad_case --prep 'chmod 0777 run' 2 \
		"the state directory $BATS_TEST_TMPDIR/run is writable by others (mode 0777); refusing to use it" -- --add-vip 10.0.0.101
}

@test "state: a state directory owned by another user (--delete-vip)" {
	bad_case --prep 'chown 65534:65534 run' 2 \
		"the state directory $BATS_TEST_TMPDIR/run belongs to uid 65534, not to uid 0; refusing to use it" -- --delete-vip 10.0.0.100
}

@test "state: a regular file in place of the state directory (--add-vip)" {
	bad_case --prep 'rm -r run && echo x >run && chmod 0600 run' 2 \
		"the state directory $BATS_TEST_TMPDIR/run is a symlink or not a directory; refusing to use it" -- --add-vip 10.0.0.101
}

@test "state: a corrupt state file refuses -R --sync of VIP lines too" {
	rules '-A -t 10.0.0.10:80 -s rr\n--add-vip 10.0.0.100,10.0.0.101\n'
	bad_case --stdin "$R" --prep 'printf "garbage\n" >run/state' --match 2 \
		"the state file $BATS_TEST_TMPDIR/run/state is not an lvsadm state file; refusing to use it" -- -R --sync
}
