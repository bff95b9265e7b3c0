#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Killed at any point, a command that changes the host leaves a state
# from which the same command, run again, converges; and undoing it
# afterwards still restores the ARP sysctl values that were there before
# the first change.  Each command is killed (SIGKILL) just before each of
# its writes, netlink sends, fsyncs, renames and unlinks in turn, through
# a preloaded library (tests/kernel/inject.c).

bats_require_minimum_version 1.5.0

load netns

setup_file() {
	kt_build_inject
}

setup() {
	kt_need_inject || return 1
	kt_netns crash || return 1
	# The values of the report that found the lost-values bug: lenient
	# ARP settings, and an interface of the host's own.
	ip netns exec "$ns" sh -c '
		echo 0 >/proc/sys/net/ipv4/conf/all/arp_ignore
		echo 1 >/proc/sys/net/ipv4/conf/all/arp_announce
		echo 0 >/proc/sys/net/ipv4/conf/all/arp_filter
		echo 0 >/proc/sys/net/ipv4/conf/lan0/arp_ignore'
}

teardown() {
	kt_netns_del
}

# converges MIN... <<SCRIPT: SCRIPT runs inside the namespace, out of
# reach of bats' per-command trap, after the prelude below.  It must print
# "points: N..." (a count per command it kills, each N at least its MIN),
# and nothing else: every other line is a broken rule.  The prelude
# defines:
#   state          the VIPs on lo, sorted, and conf/all's ARP values
#   killed N CMD   CMD (lvsadm arguments) killed before its Nth point
#   points CMD     how many points CMD passes, run to the end
#   must WHAT CMD  CMD (lvsadm arguments) must exit 0, or WHAT is reported
#   gives I WHAT WANT CMD
#                  after a kill at point I, CMD (as must) leaves the
#                  state WANT, or WHAT is reported
#   rerun I WANT CMD
#                  CMD killed at point I, then run again, leaves WANT
converges() {
	local re='^points:' i

	for _ in "$@"; do
		re+=' ([0-9]+)'
	done
	re+='$'
	run --separate-stderr ip netns exec "$ns" env LVSADM="$LVSADM" \
		IPVSADM_REF="$IPVSADM_REF" KP="$INJECT" TMP="$BATS_TEST_TMPDIR" \
		bash -s < <(
			declare -f kt_host_state
			echo "$prelude"
			cat
		)
	echo "$output$stderr"
	[ "$status" -eq 0 ]
	[[ ${lines[0]} =~ $re ]]
	for ((i = 1; i <= $#; i++)); do
		[ "${BASH_REMATCH[i]}" -ge "${!i}" ]
	done
	[ "${#lines[@]}" -eq 1 ]
}

# shellcheck disable=SC2016 # the script's own variables
prelude='
set -u
state() {
	kt_host_state
}
killed() {
	local n=$1
	shift
	KILLPOINT_NTH=$n LD_PRELOAD=$KP "$LVSADM" "$@" >/dev/null 2>&1 || true
}
points() {
	INJECT_COUNT=$TMP/count LD_PRELOAD=$KP "$LVSADM" "$@" >/dev/null 2>&1
	read -r _ n <"$TMP/count"
	echo "$n"
}
must() {
	local what=$1 out
	shift
	out=$("$LVSADM" "$@" 2>&1) || echo "$what: lvsadm $* failed: $out"
}
gives() {
	local i=$1 what=$2 want=$3
	shift 3
	must "after a kill at point $i, $what" "$@"
	[[ $(state) == "$want" ]] || echo "point $i: after $what: $(state)"
}
rerun() {
	local i=$1 want=$2
	shift 2
	killed "$i" "$@"
	gives "$i" "the rerun of $*" "$want" "$@"
}
'

@test "--add-vip killed at any point: a rerun finishes it, --delete-vip restores the values from before" {
	# Every state write, sysctl write and address: many points.
	converges 8 <<-'EOF'
		vips=10.0.0.10,10.0.0.11,10.0.0.12
		before=$(state)
		n=$(points --add-vip $vips)
		bound=$(state)
		must "reset" --delete-vip $vips
		[[ $(state) == "$before" ]] || echo "the run to the end did not undo"
		echo "points: $n"
		for ((i = 1; i <= n; i++)); do
			rerun $i "$bound" --add-vip $vips
			gives $i "--delete-vip" "$before" --delete-vip $vips
		done
	EOF
}

@test "--delete-vip killed at any point: a rerun finishes it and restores the values from before" {
	converges 6 <<-'EOF'
		vips=10.0.0.10,10.0.0.11,10.0.0.12
		before=$(state)
		must "setup" --add-vip $vips
		n=$(points --delete-vip $vips)
		[[ $(state) == "$before" ]] || echo "the run to the end did not undo"
		echo "points: $n"
		for ((i = 1; i <= n; i++)); do
			must "setup" --add-vip $vips
			rerun $i "$before" --delete-vip $vips
		done
	EOF
}

@test "--arp-strict on and off killed at any point: reruns converge to the values from before" {
	converges 4 0 <<-'EOF'
		before=$(state)
		n=$(points --arp-strict on)
		strict=$(state)
		m=$(points --arp-strict off)
		[[ $(state) == "$before" ]] || echo "the run to the end did not undo"
		echo "points: $n $m"
		for ((i = 1; i <= n; i++)); do
			rerun $i "$strict" --arp-strict on
			gives $i "off" "$before" --arp-strict off
		done
		for ((i = 1; i <= m; i++)); do
			must "setup" --arp-strict on
			rerun $i "$before" --arp-strict off
		done
	EOF
}

@test "-R --sync killed at any point: a rerun makes the table and the VIPs what the rules say" {
	# Services, real servers and two VIP lines.
	cp "$BATS_TEST_DIRNAME/data/sync-vips.rules" "$BATS_TEST_TMPDIR/rules"
	# Back to nothing: no service, and lvsadm's VIPs unbound.
	printf -- '--delete-vip 10.0.0.10\n' >"$BATS_TEST_TMPDIR/empty"
	converges 8 <<-'EOF'
		state() { "$IPVSADM_REF" -Sn; kt_host_state; }
		before=$(state)
		n=$(points -R --sync "$TMP/rules")
		wanted=$(state)
		must "reset" -R --sync "$TMP/empty"
		[[ $(state) == "$before" ]] || echo "the reset did not undo: $(state)"
		echo "points: $n"
		for ((i = 1; i <= n; i++)); do
			rerun $i "$wanted" -R --sync "$TMP/rules"
			gives $i "the reset" "$before" -R --sync "$TMP/empty"
		done
	EOF
}
