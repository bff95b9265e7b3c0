# SPDX-License-Identifier: GPL-2.0-or-later
#
# helper.bash: what the command-line tests that need no kernel share.
#
# A .bats file here does `load helper` and calls cli_setup from its own
# setup().  It can then run lvsadm under either of its names:
#   ipvsadm ARGS...   lvsadm invoked as ipvsadm (ipvsadm 1.31's texts)
#   lvsadm ARGS...    lvsadm invoked under its own name
# and state a whole outcome at once:
#   expect_run STATUS TEXT CMD...
#
# Environment:
#   LVSADM   path of the lvsadm binary under test (required)

bats_require_minimum_version 1.5.0

# cli_setup: check LVSADM and put both of its names in $shim, a directory
# of the test's own.
cli_setup() {
	: "${LVSADM:?LVSADM must name the lvsadm binary}"
	[ -x "$LVSADM" ]
	shim=$BATS_TEST_TMPDIR/bin
	mkdir -p "$shim"
	ln -sf "$LVSADM" "$shim/ipvsadm"
	ln -sf "$LVSADM" "$shim/lvsadm"
}

# Run lvsadm under the name ipvsadm.
ipvsadm() {
	PATH="$shim:$PATH" command ipvsadm "$@"
}

# Run lvsadm under its own name.
lvsadm() {
	PATH="$shim:$PATH" command lvsadm "$@"
}

# expect_run STATUS TEXT CMD...: run CMD (with bats' run, so $status,
# $output and $lines stay set afterwards); it must exit STATUS and print
# exactly TEXT, stdout and stderr together.  On a mismatch both outcomes
# are shown.
expect_run() {
	local want_status=$1 want_output=$2
	shift 2
	run "$@"
	# shellcheck disable=SC2154 # run sets status and output
	if [ "$status" -ne "$want_status" ] || [ "$output" != "$want_output" ]; then
		printf '%s\n' "$*: exit $status, said: $output" \
			"wanted exit $want_status and: $want_output" >&2
		return 1
	fi
}
