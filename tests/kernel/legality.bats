#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# ipvsadm's option-legality table, exhaustively: each command, in a case
# of its own, alone and then with every option in turn, and every option
# before the command.  A command that needs something to act on gets it
# from setup lines first, so that the lines its table allows go through
# the kernel too.  Lines that succeed change the table for the lines after
# them, identically for both tools as long as they agree.

load helper

# One sample use of each option.
OPTIONS=(
	"-t 10.0.0.1:80" "-u 10.0.0.1:53" "--sctp-service 10.0.0.1:99"
	"-f 7" "-6" "-s rr" "-p 10" "-M 255.255.255.0" "--pe sip" "-o"
	"-b flag-1" "-r 10.0.0.2" "-g" "-i" "-m" "--tun-type ipip"
	"--tun-port 5555" "--tun-nocsum" "--tun-csum" "--tun-remcsum"
	"-w 2" "-x 10" "-y 5" "-c" "--timeout" "--daemon" "--stats"
	"--rate" "--exact" "--thresholds" "--persistent-conn" "--tun-info"
	"--nosort" "--sort" "-n" "--syncid 3" "--sync-maxlen 1000"
	"--mcast-interface lo" "--mcast-group 224.0.0.82" "--mcast-port 9000"
	"--mcast-ttl 2"
)

SERVICE="-A -t 10.0.0.1:80"
SERVER="-a -t 10.0.0.1:80 -r 10.0.0.2"

# matrix COMMAND [SETUP...]: the setup lines, then COMMAND alone, then
# COMMAND with each option.
matrix() {
	local c=$1 s o
	shift
	for s in "$@"; do
		echo "$s"
	done
	echo "$c"
	for o in "${OPTIONS[@]}"; do
		echo "$c $o"
	done
}

# at NSETUP OPTION: the number of the line that gives the command OPTION,
# in a case with NSETUP setup lines.
at() {
	local i
	for i in "${!OPTIONS[@]}"; do
		if [[ ${OPTIONS[i]} == "$2" ]]; then
			echo $(($1 + i + 2))
			return 0
		fi
	done
	echo "at: no option $2" >&2
	return 1
}

@test "-A with every option" {
	differ < <(matrix "-A -t 10.0.0.1:80")
	expect_ref_rc -l 1 0
	expect_ref_stderr -l "$(at 0 -c)" "Illegal 'connection' option with the 'add-service' command"
	expect_ref_stderr -l "$(at 0 '-s rr')" 'Service already exists'
}

@test "-E with every option" {
	differ < <(matrix "-E -t 10.0.0.1:80" "$SERVICE")
	expect_ref_rc -l "$(at 1 '-s rr')" 0
	expect_ref_stderr -l "$(at 1 --timeout)" "Illegal 'timeout' option with the 'edit-service' command"
}

@test "-D with every option" {
	differ < <(matrix "-D -t 10.0.0.1:80" "$SERVICE")
	expect_ref_rc -l 2 0
	expect_ref_stderr -l "$(at 1 '-s rr')" "Illegal 'scheduler' option with the 'delete-service' command"
}

@test "-C with every option" {
	differ < <(matrix "-C" "$SERVICE")
	expect_ref_rc -l 2 0
	expect_ref_stderr -l "$(at 1 '-p 10')" "Illegal 'persistent' option with the 'flush' command"
}

@test "-L with every option" {
	differ < <(matrix "-L" "$SERVICE" "$SERVER")
	expect_ref_stdout -l "$(at 2 --rate)" 'Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS'
	expect_ref_stderr -l "$(at 2 '-M 255.255.255.0')" "Illegal 'netmask' option with the 'list' command"
}

@test "-a with every option" {
	differ < <(matrix "-a -t 10.0.0.1:80 -r 10.0.0.2" "$SERVICE")
	expect_ref_rc -l 2 0
	expect_ref_stderr -l "$(at 1 '--pe sip')" "Illegal 'pe' option with the 'add-server' command"
}

@test "-e with every option" {
	differ < <(matrix "-e -t 10.0.0.1:80 -r 10.0.0.2" "$SERVICE" "$SERVER")
	expect_ref_rc -l "$(at 2 '-w 2')" 0
	expect_ref_stderr -l "$(at 2 --exact)" "Illegal 'exact' option with the 'edit-server' command"
}

@test "-d with every option" {
	differ < <(matrix "-d -t 10.0.0.1:80 -r 10.0.0.2" "$SERVICE" "$SERVER")
	expect_ref_rc -l 3 0
	expect_ref_stderr -l "$(at 2 '--mcast-group 224.0.0.82')" "Illegal 'mcast-group' option with the 'delete-server' command"
}

@test "--set with every option" {
	differ < <(matrix "--set 0 0 0")
	expect_ref_rc -l 1 0
	expect_ref_stderr -l "$(at 0 -o)" "Illegal 'ops' option with the 'set' command"
}

@test "-R with every option" {
	differ < <(matrix "-R")
	expect_ref_rc -l 1 0
	expect_ref_stderr -l "$(at 0 '-r 10.0.0.2')" "Illegal 'real-server' option with the 'restore' command"
}

@test "-S with every option" {
	differ < <(matrix "-S" "$SERVICE" "$SERVER")
	expect_ref_stdout -l "$(at 2 -n)" '-a -t 10.0.0.1:80 -r 10.0.0.2:80 -g -w 1'
	expect_ref_stderr -l "$(at 2 -i)" "Illegal 'forwarding-method' option with the 'save' command"
}

@test "-Z with every option" {
	differ < <(matrix "-Z" "$SERVICE")
	expect_ref_rc -l "$(at 1 '-t 10.0.0.1:80')" 0
	expect_ref_stderr -l "$(at 1 '--tun-type ipip')" "Illegal 'tun-type' option with the 'zero' command"
}

@test "--start-daemon with every option" {
	differ < <(matrix "--start-daemon backup")
	expect_ref_stderr -l "$(at 0 -g)" "Illegal 'forwarding-method' option with the 'start-daemon' command"
	expect_ref_stderr -l "$(at 0 '--syncid 3')" 'No such device'
}

@test "--stop-daemon with every option" {
	differ < <(matrix "--stop-daemon backup")
	expect_ref_stderr -l 1 'No daemon is running'
	expect_ref_stderr -l "$(at 0 --tun-nocsum)" "Illegal 'tun-nocsum' option with the 'stop-daemon' command"
}

@test "an option before the command" {
	differ < <(printf '%s -L\n' "${OPTIONS[@]}")
	expect_ref_rc -l 1 255
	expect_ref_stderr "Try \`ipvsadm -h' or 'ipvsadm --help' for more information."
}
