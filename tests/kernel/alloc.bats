#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# No silent loss when memory runs out: -R --sync is run again and again
# with one allocation failing (the 1st, the 2nd, ... through a preloaded
# allocator, tests/kernel/inject.c), and each run either succeeds with
# the table and the VIPs exactly as the rules say, or fails with a message
# and leaves the table, the VIPs on lo and the ARP sysctls as they were.

load netns

setup_file() {
	kt_build_inject
}

setup() {
	kt_need_inject || return 1
	kt_netns alloc
}

teardown() {
	kt_netns_del
}

# The state each run starts from.  The rules of the test
# (data/sync-vips.rules) change a scheduler and a weight, add and remove
# a real server, add and remove a service, and replace the VIP.
start() {
	lvs -R --sync <<-'EOF'
		-A -t 10.0.0.10:80 -s rr
		-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 1
		-a -t 10.0.0.10:80 -r 10.0.0.5:80 -g -w 1
		-A -u 10.0.0.11:53 -s wlc
		-a -u 10.0.0.11:53 -r 10.0.0.4:53 -g -w 1
		--add-vip 10.0.0.60
	EOF
}

# Everything a sync may change, in one text: the table, the addresses on
# lo and the ARP sysctls of the namespace it runs in.
state() {
	"$IPVSADM_REF" -Sn
	kt_host_state
}

ns_state() {
	ip netns exec "$ns" bash -c "$(declare -f state kt_host_state); state"
}

# The loop runs as one script inside the namespace, out of reach of bats'
# per-command trap, which would make it several times slower.  It prints
# one line per run that broke the rule, and a count at the end.
loop() {
	export -f state kt_host_state
	ip netns exec "$ns" env LVSADM="$LVSADM" IPVSADM_REF="$IPVSADM_REF" \
		PRELOAD="$INJECT" \
		RULES="$BATS_TEST_TMPDIR/rules" OUT="$BATS_TEST_TMPDIR/out" \
		bash -s -- "$@" <<-'EOF'
		set -u
		before=$1 wanted=$2 count=$3
		fails=0 oks=0
		# Every allocation up to 40 (reading the rules, opening the
		# kernel), the last 20 (the VIPs), and a sample between.
		for ((n = 1; n <= count; n++)); do
			((n <= 40 || n > count - 20 || n % 8 == 0)) || continue
			rc=0
			FAILALLOC_NTH=$n LD_PRELOAD=$PRELOAD "$LVSADM" -R --sync \
				<"$RULES" >"$OUT" 2>&1 || rc=$?
			after=$(state)
			if ((rc == 0)); then
				oks=$((oks + 1))
				[[ $after == "$wanted" ]] ||
					echo "allocation $n failing: success, but the state is: $after"
				"$LVSADM" -R --sync <"$START"
				continue
			fi
			fails=$((fails + 1))
			if ((rc > 128 && rc <= 192)); then
				echo "allocation $n failing: killed by signal $((rc - 128))"
			elif [[ ! -s $OUT ]]; then
				echo "allocation $n failing: exit $rc without a message"
			elif [[ $after != "$before" ]]; then
				echo "allocation $n failing: exit $rc ($(<"$OUT")), and a half-applied state: $after"
				"$LVSADM" -R --sync <"$START"
			fi
		done
		echo "runs: $fails failed cleanly, $oks succeeded"
	EOF
}

@test "-R --sync with any one allocation failing: all of it or none of it" {
	local before wanted count out

	start
	# Two VIP lines: an allocation failing after the first is bound must
	# not leave it bound when the undo cannot unbind the second.
	cp "$BATS_TEST_DIRNAME/data/sync-vips.rules" "$BATS_TEST_TMPDIR/rules"
	grep -qx -- '--add-vip 10.0.0.11' "$BATS_TEST_TMPDIR/rules"
	saved >"$BATS_TEST_TMPDIR/start"
	echo "--add-vip 10.0.0.60" >>"$BATS_TEST_TMPDIR/start"
	export START=$BATS_TEST_TMPDIR/start
	before=$(ns_state)

	# The wanted state, and how many allocations a good run makes.
	ip netns exec "$ns" env INJECT_COUNT="$BATS_TEST_TMPDIR/count" \
		LD_PRELOAD="$INJECT" \
		"$LVSADM" -R --sync <"$BATS_TEST_TMPDIR/rules"
	wanted=$(ns_state)
	read -r count _ <"$BATS_TEST_TMPDIR/count"
	echo "a good run makes $count allocations"
	[ "$count" -gt 100 ]
	[ "$wanted" != "$before" ]
	start
	[ "$(ns_state)" = "$before" ]

	out=$(loop "$before" "$wanted" "$count")
	echo "$out"
	# Nothing but the count: no run broke the rule.
	[ "$(wc -l <<<"$out")" -eq 1 ]
	[[ $out =~ ^runs:\ ([0-9]+)\ failed ]]
	# Most allocations matter: a run that never failed would prove nothing.
	[ "${BASH_REMATCH[1]}" -gt 40 ]
}
