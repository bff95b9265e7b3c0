#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# contrib/dr-lab-guest, the lab that contrib/dr-lab runs in its VM: a
# set-up step that fails stops the lab with the step, the command and its
# message, and a non-zero exit status; it never goes on to report "OK".

bats_require_minimum_version 1.5.0

load netns

setup() {
	kt_lab drl || return 1
	guest=$BATS_TEST_DIRNAME/../../contrib/dr-lab-guest
}

teardown() {
	lab_cleanup
}

@test "a scheduler the kernel does not know stops the lab at that step" {
	run env LVSADM_LAB_SCHED=nosuch LVSADM_LAB_REQUESTS=1 bash "$guest"
	echo "$output"
	[ "$status" -eq 1 ]
	[[ $output == *$'\nDR lab: FAILED while setting up\n'* ]]
	[[ $output == *$'\n  step:    director: apply contrib/lab/director.rules\n'* ]]
	[[ $output == *$'\n  command: director$ '"$LVSADM -E -t 10.0.0.10:80 -s nosuch (exit status 255)"$'\n'* ]]
	[[ $output == *$'\n  message: Scheduler or persistence engine not found'* ]]
	# Nothing after the failed step ran.
	[[ $output != *"DR lab: OK"* ]]
	[[ $output != *"HTTP requests"* ]]
}

@test "the lab ends with --check --probe on the director, which finds every real server right" {
	run env LVSADM_LAB_REQUESTS=4 bash "$guest"
	echo "$output"
	[ "$status" -eq 0 ]
	[[ $output == *$'\n==> director: lvsadm --check --probe, on the wire\n'"director\$ $LVSADM --check --probe"$'\n'* ]]
	[[ $output == *$'\n    ok: director: 1 service, 2 real servers checked (2 paths probed on the wire)\n'* ]]
	[[ $output == *$'\n  ok:   --check --probe on the director finds no problem\n'* ]]
	[[ $output == *$'\nDR lab: OK' ]]
}
