#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# --metrics on the command line, before lvsadm talks to IPVS: where it is
# allowed, the formats it cannot be combined with, and its absence under
# the name ipvsadm (ipvsadm 1.31 has no such option).  The output itself
# is checked against the kernel in tests/kernel/metrics.bats.

load helper

setup() {
	cli_setup
}

@test "--metrics does not go with -c, --timeout, --daemon or --json" {
	for o in "-c:connection" "--timeout:timeout" "--daemon:daemon" "--json:json"; do
		run --separate-stderr lvsadm -L --metrics "${o%%:*}"
		[ "$status" -eq 2 ]
		[ -z "$output" ]
		[ "$stderr" = "--metrics cannot be used with --${o#*:}" ]
	done
	run --separate-stderr lvsadm --list-vips --json --metrics
	[ "$status" -eq 2 ]
	[ "$stderr" = "--metrics cannot be used with --json" ]
}

@test "--metrics goes with -L and --list-vips only" {
	for c in "-S:save" "-Z:zero" "-C:flush" "--check:check" \
		"--arp-strict:arp-strict" "--add-vip 10.0.0.10:add-vip"; do
		# shellcheck disable=SC2086
		run --separate-stderr lvsadm ${c%%:*} --metrics
		[ "$status" -eq 2 ]
		# The command as the user typed it, and the ones that take it.
		[[ $stderr == "--metrics does not go with ${c%%[ :]*}"* ]]
		[[ $stderr == *"; it goes with -L (--list) or --list-vips" ]]
	done
}

@test "under the name ipvsadm, --metrics is an unknown option, as in ipvsadm 1.31" {
	run --separate-stderr ipvsadm -L --metrics
	[ "$status" -eq 255 ]
	[ -z "$output" ]
	[ "$stderr" = "--metrics: unknown option" ]
	# The same text as for an option ipvsadm never had.
	run --separate-stderr ipvsadm -L --bogus
	[ "$stderr" = "--bogus: unknown option" ]
}

@test "lvsadm's help lists --metrics, ipvsadm's does not" {
	run lvsadm -h
	[[ $output == *"--metrics "*"with -L or --list-vips, print Prometheus metrics"* ]]
	run ipvsadm -h
	[[ $output != *metrics* ]]
}
