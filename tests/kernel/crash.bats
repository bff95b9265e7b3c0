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

export IPVSADM_REF=${IPVSADM_REF:-/usr/sbin/ipvsadm}

load netns

setup_file() {
	kt_build_inject
}

setup() {
	kt_need cc || return 1
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

# The script below runs inside the namespace, out of reach of bats'
# per-command trap.  It defines:
#   host          the VIPs on lo, sorted, and conf/all's ARP values
#   killed N CMD  CMD (lvsadm arguments) killed before its Nth point
#   points CMD    how many points CMD passes, run to the end
#   must WHAT CMD CMD (lvsadm arguments) must exit 0, or WHAT is reported
# and prints one line per broken rule.
run_in_ns() {
	ip netns exec "$ns" env LVSADM="$LVSADM" IPVSADM_REF="$IPVSADM_REF" \
		KP="$INJECT" TMP="$BATS_TEST_TMPDIR" \
		bash -s -- "$@"
}

prelude='
set -u
host() {
	local v
	ip -o addr show dev lo | while read -r _ _ _ a _; do echo "$a"; done | sort
	for v in arp_ignore arp_announce arp_filter; do
		echo "$v=$(</proc/sys/net/ipv4/conf/all/$v)"
	done
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
'

@test "--add-vip killed at any point: a rerun finishes it, --delete-vip restores the values from before" {
	run --separate-stderr run_in_ns <<-EOF
		$prelude
		vips=10.0.0.10,10.0.0.11,10.0.0.12
		before=\$(host)
		n=\$(points --add-vip \$vips)
		bound=\$(host)
		must "reset" --delete-vip \$vips
		[[ \$(host) == "\$before" ]] || echo "the run to the end did not undo"
		echo "points: \$n"
		for ((i = 1; i <= n; i++)); do
			killed \$i --add-vip \$vips
			must "after a kill at point \$i, the rerun" --add-vip \$vips
			[[ \$(host) == "\$bound" ]] ||
				echo "point \$i: after the rerun: \$(host)"
			must "after a kill at point \$i, --delete-vip" --delete-vip \$vips
			[[ \$(host) == "\$before" ]] ||
				echo "point \$i: after --delete-vip: \$(host)"
		done
	EOF
	echo "$output$stderr"
	[ "$status" -eq 0 ]
	[[ ${lines[0]} =~ ^points:\ ([0-9]+)$ ]]
	# Every state write, sysctl write and address: many points.
	[ "${BASH_REMATCH[1]}" -ge 8 ]
	[ "${#lines[@]}" -eq 1 ]
}

@test "--delete-vip killed at any point: a rerun finishes it and restores the values from before" {
	run --separate-stderr run_in_ns <<-EOF
		$prelude
		vips=10.0.0.10,10.0.0.11,10.0.0.12
		before=\$(host)
		must "setup" --add-vip \$vips
		n=\$(points --delete-vip \$vips)
		[[ \$(host) == "\$before" ]] || echo "the run to the end did not undo"
		echo "points: \$n"
		for ((i = 1; i <= n; i++)); do
			must "setup" --add-vip \$vips
			killed \$i --delete-vip \$vips
			must "after a kill at point \$i, the rerun" --delete-vip \$vips
			[[ \$(host) == "\$before" ]] ||
				echo "point \$i: after the rerun: \$(host)"
		done
	EOF
	echo "$output$stderr"
	[ "$status" -eq 0 ]
	[[ ${lines[0]} =~ ^points:\ ([0-9]+)$ ]]
	[ "${BASH_REMATCH[1]}" -ge 6 ]
	[ "${#lines[@]}" -eq 1 ]
}

@test "--arp-strict on and off killed at any point: reruns converge to the values from before" {
	run --separate-stderr run_in_ns <<-EOF
		$prelude
		before=\$(host)
		n=\$(points --arp-strict on)
		strict=\$(host)
		m=\$(points --arp-strict off)
		[[ \$(host) == "\$before" ]] || echo "the run to the end did not undo"
		echo "points: \$n \$m"
		for ((i = 1; i <= n; i++)); do
			killed \$i --arp-strict on
			must "after a kill at point \$i, the rerun" --arp-strict on
			[[ \$(host) == "\$strict" ]] ||
				echo "point \$i: after the rerun of on: \$(host)"
			must "after a kill at point \$i, off" --arp-strict off
			[[ \$(host) == "\$before" ]] ||
				echo "point \$i: after off: \$(host)"
		done
		for ((i = 1; i <= m; i++)); do
			must "setup" --arp-strict on
			killed \$i --arp-strict off
			must "after a kill at point \$i, the rerun" --arp-strict off
			[[ \$(host) == "\$before" ]] ||
				echo "point \$i: after the rerun of off: \$(host)"
		done
	EOF
	echo "$output$stderr"
	[ "$status" -eq 0 ]
	[[ ${lines[0]} =~ ^points:\ ([0-9]+)\ ([0-9]+)$ ]]
	[ "${BASH_REMATCH[1]}" -ge 4 ]
	[ "${#lines[@]}" -eq 1 ]
}

@test "-R --sync killed at any point: a rerun makes the table and the VIPs what the rules say" {
	cat >"$BATS_TEST_TMPDIR/rules" <<-'EOF'
		-A -t 10.0.0.10:80 -s wrr
		-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 3
		-a -t 10.0.0.10:80 -r 10.0.0.3:80 -g -w 1
		-A -u 10.0.0.10:53 -s rr
		-a -u 10.0.0.10:53 -r 10.0.0.4:53 -g -w 1
		--add-vip 10.0.0.10
		--add-vip 10.0.0.11
	EOF
	# Back to nothing: no service, and lvsadm's VIPs unbound.
	printf -- '--delete-vip 10.0.0.10\n' >"$BATS_TEST_TMPDIR/empty"
	run --separate-stderr run_in_ns <<-EOF
		$prelude
		state() { "\$IPVSADM_REF" -Sn; host; }
		before=\$(state)
		n=\$(points -R --sync "\$TMP/rules")
		wanted=\$(state)
		must "reset" -R --sync "\$TMP/empty"
		[[ \$(state) == "\$before" ]] || echo "the reset did not undo: \$(state)"
		echo "points: \$n"
		for ((i = 1; i <= n; i++)); do
			killed \$i -R --sync "\$TMP/rules"
			must "after a kill at point \$i, the rerun" -R --sync "\$TMP/rules"
			[[ \$(state) == "\$wanted" ]] ||
				echo "point \$i: after the rerun: \$(state)"
			must "after a kill at point \$i, the reset" -R --sync "\$TMP/empty"
			[[ \$(state) == "\$before" ]] ||
				echo "point \$i: after the reset: \$(state)"
		done
	EOF
	echo "$output$stderr"
	[ "$status" -eq 0 ]
	[[ ${lines[0]} =~ ^points:\ ([0-9]+)$ ]]
	[ "${BASH_REMATCH[1]}" -ge 8 ]
	[ "${#lines[@]}" -eq 1 ]
}
