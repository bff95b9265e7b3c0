# SPDX-License-Identifier: GPL-2.0-or-later
#
# manager.bash: a stand-in for keepalived or ldirectord, for the tests of
# the init script and the units (tests/cli and tests/kernel), which look
# for those programs by name in /proc.

# a_manager NAME: start a process whose name (comm) is NAME, as keepalived
# and ldirectord show in /proc; its pid in $manager.  Until the child has
# run exec, its name is still bash's: on a busy machine the script or unit
# under test could look before then.
a_manager() {
	local i
	[ -x "$BATS_TEST_TMPDIR/$1" ] || cp /bin/sleep "$BATS_TEST_TMPDIR/$1"
	"$BATS_TEST_TMPDIR/$1" 60 &
	manager=$!
	for ((i = 0; i < 100; i++)); do
		[ "$(cat "/proc/$manager/comm" 2>/dev/null)" = "$1" ] && return
		sleep 0.1
	done
	echo "$1 (pid $manager) did not start" >&2
	return 1
}
