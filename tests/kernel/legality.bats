#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# ipvsadm's option-legality table, exhaustively: every command with every
# option (and with no option), run by both tools in one sequence.  Lines
# that succeed change the table for the lines after them, identically for
# both tools as long as they agree.

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

# Each command with the arguments it needs to get past its own checks.
COMMANDS=(
	"-A -t 10.0.0.1:80" "-E -t 10.0.0.1:80" "-D -t 10.0.0.1:80" "-C" "-L"
	"-a -t 10.0.0.1:80 -r 10.0.0.2" "-e -t 10.0.0.1:80 -r 10.0.0.2"
	"-d -t 10.0.0.1:80 -r 10.0.0.2" "--set 0 0 0" "-R" "-S" "-Z"
	"--start-daemon backup" "--stop-daemon backup"
)

matrix() {
	local c o
	for c in "${COMMANDS[@]}"; do
		echo "$c"
		for o in "${OPTIONS[@]}"; do
			echo "$c $o"
		done
	done
}

@test "every command with every option" {
	differ < <(matrix)
	expect_ref_stderr -l 25 "Illegal 'connection' option with the 'add-service' command"
}

@test "an option before the command" {
	differ < <(printf '%s -L\n' "${OPTIONS[@]}")
	expect_ref_rc -l 1 255
}
