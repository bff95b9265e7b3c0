#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Two lvsadm runs that change the host at the same time take turns: they
# lock the state directory ($LVSADM_RUNDIR, /run/lvsadm by default) for
# the whole change.  Two -R --sync of different large rule sets started
# together must leave exactly one of them, never a mix; two --add-vip (and
# then two --delete-vip) of different VIPs must both take effect, and the
# state file must record both.  Tables are read back with the reference
# ipvsadm.

IPVSADM_REF=${IPVSADM_REF:-/usr/sbin/ipvsadm}

load netns

setup() {
	kt_need || return 1
	# One state directory, and so one lock, for both runs.
	kt_netns conc 10.0.0.1/16
}

teardown() {
	kt_netns_del
}

# rule_set N PREFIX SCHED DESTS: N services PREFIX.x.y:80 with SCHED, each
# with DESTS real servers.
rule_set() {
	awk -v n="$1" -v p="$2" -v s="$3" -v d="$4" 'BEGIN {
		for (i = 0; i < n; i++) {
			v = sprintf("%s.%d.%d:80", p, int(i / 250), i % 250 + 1)
			printf "-A -t %s -s %s\n", v, s
			for (j = 0; j < d; j++)
				printf "-a -t %s -r 10.0.%d.%d:80 -g -w %d\n", v, 100 + j, i % 250 + 1, j + 1
		}
	}'
}

# A large restore on a few hundred services at a time is seconds under
# emulation: enough for the two runs to overlap.
@test "two -R --sync of different large rule sets at once leave exactly one of them" {
	a=$BATS_TEST_TMPDIR/a.rules
	b=$BATS_TEST_TMPDIR/b.rules
	rule_set 2000 10.1 rr 2 >"$a"
	rule_set 2000 10.2 wlc 3 >"$b"
	# Each set's canonical save, one after the other.
	ip netns exec "$ns" "$LVSADM" -R --sync <"$a"
	ip netns exec "$ns" "$IPVSADM_REF" -Sn >"$BATS_TEST_TMPDIR/a.saved"
	ip netns exec "$ns" "$LVSADM" -R --sync <"$b"
	ip netns exec "$ns" "$IPVSADM_REF" -Sn >"$BATS_TEST_TMPDIR/b.saved"
	[[ $(wc -l <"$BATS_TEST_TMPDIR/a.saved") -eq 6000 ]]
	[[ $(wc -l <"$BATS_TEST_TMPDIR/b.saved") -eq 8000 ]]

	# Each round starts from the other set, or from an empty table, so
	# that both runs have thousands of changes to make.
	for round in 1 2 3; do
		case $round in
		1) ip netns exec "$ns" "$IPVSADM_REF" -C ;;
		2) ip netns exec "$ns" "$LVSADM" -R --sync <"$a" ;;
		esac
		cat >"$BATS_TEST_TMPDIR/race.sh" <<EOF
"$LVSADM" -R --sync <"$a" >"$BATS_TEST_TMPDIR/a.out" 2>&1 & pa=\$!
"$LVSADM" -R --sync <"$b" >"$BATS_TEST_TMPDIR/b.out" 2>&1 & pb=\$!
wait \$pa; echo \$? >"$BATS_TEST_TMPDIR/a.rc"
wait \$pb; echo \$? >"$BATS_TEST_TMPDIR/b.rc"
"$IPVSADM_REF" -Sn >"$BATS_TEST_TMPDIR/final"
EOF
		ip netns exec "$ns" bash "$BATS_TEST_TMPDIR/race.sh"
		for s in a b; do
			if [[ $(<"$BATS_TEST_TMPDIR/$s.rc") != 0 ]]; then
				echo "round $round: the sync of $s failed:"
				cat "$BATS_TEST_TMPDIR/$s.out"
				return 1
			fi
		done
		if ! cmp -s "$BATS_TEST_TMPDIR/final" "$BATS_TEST_TMPDIR/a.saved" &&
			! cmp -s "$BATS_TEST_TMPDIR/final" "$BATS_TEST_TMPDIR/b.saved"; then
			echo "round $round: the table is neither set A nor set B:"
			echo "  $(wc -l <"$BATS_TEST_TMPDIR/final") lines;" \
				"$(grep -c ' 10\.1\.' "$BATS_TEST_TMPDIR/final") of A's services and real servers," \
				"$(grep -c ' 10\.2\.' "$BATS_TEST_TMPDIR/final") of B's"
			diff "$BATS_TEST_TMPDIR/a.saved" "$BATS_TEST_TMPDIR/final" | head -20
			return 1
		fi
	done
}

# _race_vips OPTION: run lvsadm OPTION with two different VIP lists at
# once in $ns, then record lo's addresses and conf/all's ARP sysctls.
_race_vips() {
	local s
	cat >"$BATS_TEST_TMPDIR/race.sh" <<EOF
"$LVSADM" $1 10.0.9.1,10.0.9.2,2001:db8::1 >"$BATS_TEST_TMPDIR/1.out" 2>&1 & p1=\$!
"$LVSADM" $1 10.0.9.3,10.0.9.4,2001:db8::2 >"$BATS_TEST_TMPDIR/2.out" 2>&1 & p2=\$!
wait \$p1; echo \$? >"$BATS_TEST_TMPDIR/1.rc"
wait \$p2; echo \$? >"$BATS_TEST_TMPDIR/2.rc"
ip -o addr show dev lo >"$BATS_TEST_TMPDIR/lo"
cat $c/arp_ignore $c/arp_announce >"$BATS_TEST_TMPDIR/arp"
EOF
	ip netns exec "$ns" bash "$BATS_TEST_TMPDIR/race.sh"
	for s in 1 2; do
		[[ $(<"$BATS_TEST_TMPDIR/$s.rc") == 0 ]] || {
			echo "round $round: $1 run $s failed:"
			cat "$BATS_TEST_TMPDIR/$s.out"
			return 1
		}
	done
}

@test "two --add-vip of different VIPs at once both bind, and the state file records both" {
	c=/proc/sys/net/ipv4/conf/all
	ip netns exec "$ns" sh -c "echo 0 >$c/arp_ignore; echo 1 >$c/arp_announce"
	for round in 1 2 3 4; do
		_race_vips --add-vip || return 1
		for v in 10.0.9.1/32 10.0.9.2/32 10.0.9.3/32 10.0.9.4/32 2001:db8::1/128 2001:db8::2/128; do
			grep -q " $v " "$BATS_TEST_TMPDIR/lo" || {
				echo "round $round: $v is not bound on lo:"
				cat "$BATS_TEST_TMPDIR/lo"
				return 1
			}
		done
		# Four IPv4 VIPs, four different lo:N labels.
		[[ $(grep -o 'lo:[0-9]*' "$BATS_TEST_TMPDIR/lo" | sort -u | wc -l) -eq 4 ]] || {
			echo "round $round: the labels are not distinct:"
			cat "$BATS_TEST_TMPDIR/lo"
			return 1
		}
		[[ $(tr '\n' ' ' <"$BATS_TEST_TMPDIR/arp") == "1 2 " ]]
		state=$(sort "$LVSADM_RUNDIR/state")
		want=$(printf '%s\n' "lvsadm-state 1" "saved arp_ignore 0" "saved arp_announce 1" \
			"vip 10.0.9.1 lo" "vip 10.0.9.2 lo" "vip 10.0.9.3 lo" "vip 10.0.9.4 lo" \
			"vip 2001:db8::1 lo" "vip 2001:db8::2 lo" | sort)
		[[ $state == "$want" ]] || {
			echo "round $round: the state file does not record both runs' VIPs:"
			diff <(echo "$want") <(echo "$state")
			return 1
		}

		# And both --delete-vip at once: the sysctls come back once the
		# last IPv4 VIP is gone, whichever run that was.
		_race_vips --delete-vip || return 1
		if grep -q '10\.0\.9\.\|2001:db8::' "$BATS_TEST_TMPDIR/lo"; then
			echo "round $round: VIPs left on lo after both --delete-vip:"
			cat "$BATS_TEST_TMPDIR/lo"
			return 1
		fi
		[[ $(tr '\n' ' ' <"$BATS_TEST_TMPDIR/arp") == "0 1 " ]] || {
			echo "round $round: conf/all arp_ignore, arp_announce not restored: $(tr '\n' ' ' <"$BATS_TEST_TMPDIR/arp")"
			return 1
		}
		[[ ! -e $LVSADM_RUNDIR/state ]] || {
			echo "round $round: the state file is left:"
			cat "$LVSADM_RUNDIR/state"
			return 1
		}
	done
}
