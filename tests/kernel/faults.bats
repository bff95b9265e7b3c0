#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Kernel faults: IPVS missing and no way to load it; a restore large
# enough to fill many batches, with and without kernel errors at known
# lines; answers lost to a full receive buffer; system calls interrupted
# (EINTR); and a large restore stopped and continued again and again.
#
# lvsadm batches change requests (src/ipvs.c) and sizes its socket's
# receive buffer for a whole batch of answers; a lost answer (ENOBUFS) is
# reported with its line.  LVSADM_NETLINK_RCVBUF shrinks that buffer, so
# that answers are really lost; strace injects EINTR into the socket
# calls.  Every test checks the outcome in the kernel: every line landed,
# none twice, and each error is reported once, with exactly its line.

IPVSADM_REF=${IPVSADM_REF:-/usr/sbin/ipvsadm}

bats_require_minimum_version 1.5.0

load netns

setup() {
	kt_need --no-ipvs || return 1
	kt_netns fault 192.168.0.1/16
}

teardown() {
	kt_netns_del
	# Whatever happened, leave IPVS loadable and loaded for the files
	# that come next.
	if [[ -n ${saved_modprobe:-} ]]; then
		echo "$saved_modprobe" >/proc/sys/kernel/modprobe
	fi
	[[ -e /proc/net/ip_vs ]] || modprobe ip_vs 2>/dev/null || true
}

# rules N [DESTS]: N services of DESTS (default 10) DR real servers each,
# as the benchmark writes them: 11 lines a service.
rules() {
	awk -v n="$1" -v d="${2:-10}" 'BEGIN {
		for (i = 0; i < n; i++) {
			vip = sprintf("10.%d.%d.%d", int(i / 62500), int(i / 250) % 250, i % 250 + 1)
			printf "-A -t %s:80 -s wlc\n", vip
			for (j = 1; j <= d; j++)
				printf "-a -t %s:80 -r 192.168.%d.%d:80 -g -w 1\n", vip, int(i / 25) % 250, (i % 25) * 10 + j
		}
	}'
}

# count: set SVCS and DESTS to what the kernel holds in the namespace,
# read from /proc/net/ip_vs (neither tool takes part).
count() {
	local out
	out=$(ip netns exec "$ns" awk '/^(TCP|UDP|FWM|SCTP) / { s++ } /^  -> [0-9A-F]/ { d++ } END { print s + 0, d + 0 }' /proc/net/ip_vs)
	SVCS=${out% *} DESTS=${out#* }
}

# unload_ipvs: remove the ip_vs modules, or fail saying why.
unload_ipvs() {
	local m i
	if [[ -e /proc/net/ip_vs && ! -e /sys/module/ip_vs/initstate ]]; then
		skip "ip_vs is built into this kernel: it cannot be absent"
	fi
	# Namespaces deleted by earlier tests are cleaned up in the
	# background, and their services hold the schedulers for a while.
	for ((i = 0; i < 100; i++)); do
		for m in $(awk '$1 ~ /^ip_vs_/ { print $1 }' /proc/modules); do
			rmmod "$m" 2>/dev/null || true
		done
		rmmod ip_vs 2>/dev/null || true
		[[ -e /sys/module/ip_vs ]] || return 0
		read -r -t 0.1 <> <(:) || true
	done
	echo "cannot unload ip_vs:"
	grep ip_vs /proc/modules
	return 1
}

@test "IPVS missing and modprobe failing: ipvsadm's message and exit status; -h and -v still work" {
	unload_ipvs
	# The kernel loads ip_vs by itself when the IPVS netlink family is
	# asked for (module alias net-pf-16-proto-16-family-IPVS): take its
	# helper away, and /sbin/modprobe, in a mount namespace of our own,
	# becomes a script that records its arguments and fails.
	saved_modprobe=$(</proc/sys/kernel/modprobe)
	echo /lvsadm-test-no-modprobe >/proc/sys/kernel/modprobe
	fake=$BATS_TEST_TMPDIR/modprobe
	printf '#!/bin/sh\necho "$*" >>%s/modprobe.log\nexit 1\n' "$BATS_TEST_TMPDIR" >"$fake"
	chmod 755 "$fake"
	printf -- '-A -t 10.0.0.10:80 -s rr\n' >"$BATS_TEST_TMPDIR/rules"
	cat >"$BATS_TEST_TMPDIR/case.sh" <<EOF
mount --bind "$fake" /sbin/modprobe || exit 1
cd "$BATS_TEST_TMPDIR" || exit 1
run() { t=\$1; shift; "\$@" >\$t.out 2>\$t.err </dev/null; echo \$? >\$t.rc; }
run ref1 "$IPVSADM_REF" -Ln
run sut1 "$LVSADM" -Ln
run ref2 "$IPVSADM_REF" -A -t 10.0.0.10:80 -s rr
run sut2 "$LVSADM" -A -t 10.0.0.10:80 -s rr
"$LVSADM" -R <rules >sut3.out 2>sut3.err; echo \$? >sut3.rc
"$LVSADM" -R --sync <rules >sut4.out 2>sut4.err; echo \$? >sut4.rc
run sut5 "$LVSADM" -v
run sut6 "$LVSADM" -h
EOF
	: >"$BATS_TEST_TMPDIR/modprobe.log"
	ip netns exec "$ns" unshare -m bash "$BATS_TEST_TMPDIR/case.sh"
	echo "$saved_modprobe" >/proc/sys/kernel/modprobe

	# Nothing loaded IPVS behind the tools' backs: the case is real.
	if [[ -e /sys/module/ip_vs ]]; then
		echo "ip_vs got loaded during the case; it does not test what it claims"
		return 1
	fi
	want="Can't initialize ipvs: Protocol not available
Are you sure that IP Virtual Server is built in the kernel or as module?"
	cd "$BATS_TEST_TMPDIR"
	for i in 1 2; do
		[[ $(<"ref$i.err") == "$want" && $(<"ref$i.rc") == 2 ]] || {
			echo "the reference, case $i, exits $(<"ref$i.rc") and says: $(<"ref$i.err")"
			return 1
		}
	done
	# Under its own name, lvsadm says what is missing and what to do.
	want="This kernel has no IPVS (IP Virtual Server): load the module with 'modprobe ip_vs', or use a kernel built with CONFIG_IP_VS."
	for i in 1 2 3 4; do
		[[ $(<"sut$i.err") == "$want" && $(<"sut$i.rc") == 2 ]] || {
			echo "lvsadm, case $i, exits $(<"sut$i.rc") and says: $(<"sut$i.err")"
			return 1
		}
		[[ ! -s sut$i.out ]]
	done
	# Each of lvsadm's four runs and ipvsadm's two tried modprobe once,
	# by its fixed path, with the same arguments.
	mapfile -t calls <modprobe.log
	[[ ${#calls[@]} -eq 6 ]] || {
		echo "expected 6 calls of /sbin/modprobe, got ${#calls[@]}:"
		printf '  %s\n' "${calls[@]}"
		return 1
	}
	for c in "${calls[@]}"; do
		[[ $c == "-- ip_vs" ]] || {
			echo "/sbin/modprobe called with: $c"
			return 1
		}
	done
	[[ $(<sut5.rc) == 0 && $(<sut5.out) == "lvsadm "* && ! -s sut5.err ]]
	[[ $(<sut6.rc) == 0 && $(<sut6.out) == *Usage:* && ! -s sut6.err ]]

	# And IPVS loads again for the files that come next.
	modprobe ip_vs
	[[ -e /proc/net/ip_vs ]]
}

@test "a 110,000-line restore (10,000 services of 10 real servers) lands whole" {
	rules 10000 >"$BATS_TEST_TMPDIR/rules"
	run --separate-stderr ip netns exec "$ns" "$LVSADM" -R <"$BATS_TEST_TMPDIR/rules"
	[[ $status == 0 && -z $stderr && -z $output ]] || {
		echo "exit status $status; stderr: ${stderr:0:2000}"
		return 1
	}
	count
	[[ $SVCS == 10000 && $DESTS == 100000 ]] || {
		echo "the kernel holds $SVCS services and $DESTS real servers"
		return 1
	}
}

# A rules file of exactly 10,000 lines whose last line is bad, given to a
# live table: nothing changes, with -R and with -R --sync.
@test "a syntax error on the last line of a 10,000-line file changes nothing" {
	rules 10 >"$BATS_TEST_TMPDIR/live"
	ip netns exec "$ns" "$IPVSADM_REF" -R <"$BATS_TEST_TMPDIR/live"
	ip netns exec "$ns" "$IPVSADM_REF" -Sn >"$BATS_TEST_TMPDIR/before"
	{
		rules 909
		echo "-a -t 10.0.0.1:80 -r 192.168.0.1:80 -g -w -1"
	} >"$BATS_TEST_TMPDIR/rules"
	[[ $(wc -l <"$BATS_TEST_TMPDIR/rules") == 10000 ]]
	for mode in "" --sync; do
		run --separate-stderr ip netns exec "$ns" "$LVSADM" -R $mode <"$BATS_TEST_TMPDIR/rules"
		[[ $status == 2 && -z $output && $stderr == "<stdin>:10000: illegal weight specified
<stdin>: 1 bad line, nothing applied" ]] || {
			echo "-R $mode: exit status $status; stderr: ${stderr:0:1000}"
			return 1
		}
		ip netns exec "$ns" "$IPVSADM_REF" -Sn >"$BATS_TEST_TMPDIR/after"
		cmp "$BATS_TEST_TMPDIR/before" "$BATS_TEST_TMPDIR/after"
	done
}

# Errors at the start, the middle and the end of batches, one after the
# other, and on the last line: each is reported once, with its own line,
# and every other line still lands.
@test "a large restore with kernel errors at known lines reports exactly those lines" {
	rules 2000 >"$BATS_TEST_TMPDIR/good"
	# Line L of the output is the good file's line L, except those below.
	awk '
		NR == 1000 { print "-A -t 10.0.0.1:80 -s rr" }
		NR == 5000 {
			print "-a -t 10.0.0.2:80 -r 192.168.0.11:80 -g -w 1"
			print "-a -t 10.9.9.9:80 -r 192.168.0.1:80 -g -w 1"
			print "-E -t 10.9.9.8:80 -s rr"
		}
		NR == 12000 { print "-A -t 10.200.0.1:80 -s nosuchsched" }
		{ print }
		END { print "-d -t 10.0.0.4:80 -r 192.168.99.99:80" }
	' "$BATS_TEST_TMPDIR/good" >"$BATS_TEST_TMPDIR/rules"
	run --separate-stderr ip netns exec "$ns" "$LVSADM" -R <"$BATS_TEST_TMPDIR/rules"
	want="<stdin>:1000: Service already exists
<stdin>:5001: Destination already exists
<stdin>:5002: Service not defined
<stdin>:5003: No such service
<stdin>:12004: Scheduler or persistence engine not found
<stdin>:22006: No such destination"
	[[ $status == 255 && $stderr == "$want" ]] || {
		echo "exit status $status (expected 255); stderr:"
		printf '%s\n' "${stderr:0:2000}"
		echo "expected:"
		printf '%s\n' "$want"
		return 1
	}
	count
	[[ $SVCS == 2000 && $DESTS == 20000 ]] || {
		echo "the kernel holds $SVCS services and $DESTS real servers"
		return 1
	}
	# Nothing landed twice or changed: the table is the good file's,
	# which is written in the order ipvsadm -Sn sorts.
	ip netns exec "$ns" "$IPVSADM_REF" -Sn >"$BATS_TEST_TMPDIR/got"
	cmp "$BATS_TEST_TMPDIR/good" "$BATS_TEST_TMPDIR/got"
}

# SIGSTOP and SIGCONT (and SIGWINCH) while lvsadm sends and receives: no
# line may be lost or applied twice.
@test "a large restore stopped and continued again and again lands whole" {
	rules 3000 >"$BATS_TEST_TMPDIR/rules"
	ip netns exec "$ns" "$LVSADM" -R <"$BATS_TEST_TMPDIR/rules" \
		>"$BATS_TEST_TMPDIR/out" 2>"$BATS_TEST_TMPDIR/err" &
	pid=$!
	stops=0
	while kill -STOP "$pid" 2>/dev/null; do
		stops=$((stops + 1))
		kill -CONT "$pid" 2>/dev/null || break
		kill -WINCH "$pid" 2>/dev/null || break
		read -r -t 0.02 <> <(:) || true
	done
	kill -CONT "$pid" 2>/dev/null || true
	wait "$pid" && rc=0 || rc=$?
	[[ $rc == 0 && ! -s $BATS_TEST_TMPDIR/err ]] || {
		echo "exit status $rc after $stops stops; stderr:"
		head -c 2000 "$BATS_TEST_TMPDIR/err"
		return 1
	}
	count
	[[ $SVCS == 3000 && $DESTS == 30000 ]] || {
		echo "after $stops stops the kernel holds $SVCS services and $DESTS real servers"
		return 1
	}
	# The signals went to lvsadm, not to `ip netns exec`, which execs it.
	((stops > 0))
}

# The kernel's errors overflow a receive buffer shrunk to its minimum:
# answers are dropped (ENOBUFS).  Each line is then reported at most once,
# either with its error or as not known, every failing line is reported,
# no good line gets an error, and nothing else is lost: the good lines
# are all in the table.
@test "answers lost to a full receive buffer: each line reported once, the good lines all applied" {
	rules 200 >"$BATS_TEST_TMPDIR/good"
	{
		cat "$BATS_TEST_TMPDIR/good"
		for ((i = 0; i < 2000; i++)); do
			echo "-d -t 10.0.0.$((i % 200 + 1)):80 -r 192.168.$((i / 200 + 100)).$((i % 200 + 1)):80"
		done
	} >"$BATS_TEST_TMPDIR/rules"
	run --separate-stderr ip netns exec "$ns" env LVSADM_NETLINK_RCVBUF=1 \
		"$LVSADM" -R <"$BATS_TEST_TMPDIR/rules"
	[[ $status == 255 && -z $output ]] || {
		echo "exit status $status (expected 255); stdout: ${output:0:500}"
		return 1
	}
	lost="the kernel's answer was lost (receive buffer overrun); this line may or may not have been applied"
	# Every message names one line, with one of the two texts.
	printf '%s\n' "$stderr" | awk -v lost="$lost" -v good=2200 -v last=4200 '
		{
			if (!match($0, /^<stdin>:[0-9]+: /)) { print "not a line report: " $0; bad = 1; next }
			n = substr($0, 9, RLENGTH - 10) + 0
			msg = substr($0, RLENGTH + 1)
			if (seen[n]++) { print "line " n " reported twice"; bad = 1 }
			if (msg == lost) { unknown++; next }
			if (msg != "No such destination" || n <= good) {
				print "unexpected report: " $0; bad = 1
			}
		}
		END {
			for (n = good + 1; n <= last; n++)
				if (!seen[n]) { print "failing line " n " not reported"; bad = 1 }
			if (!unknown) { print "no answer was lost: the overrun was not provoked"; bad = 1 }
			exit bad
		}' || {
		echo "stderr (start):"
		printf '%s\n' "${stderr:0:1500}"
		return 1
	}
	ip netns exec "$ns" "$IPVSADM_REF" -Sn >"$BATS_TEST_TMPDIR/got"
	cmp "$BATS_TEST_TMPDIR/good" "$BATS_TEST_TMPDIR/got"
}

# A --sync whose changes the kernel refuses by the hundred, with answers
# lost too: the changes whose outcome is unknown are undone as well, and
# the table is back to what it was, byte for byte.
@test "--sync with answers lost to a full receive buffer: everything undone" {
	rules 100 >"$BATS_TEST_TMPDIR/live"
	ip netns exec "$ns" "$IPVSADM_REF" -R <"$BATS_TEST_TMPDIR/live"
	ip netns exec "$ns" "$IPVSADM_REF" -Sn >"$BATS_TEST_TMPDIR/before"
	# Half the services change weight; 300 new ones name a scheduler
	# the kernel does not have, so each of them and its real servers
	# fail.
	{
		awk 'NR % 22 == 2 { sub(/-w 1$/, "-w 5") } { print }' "$BATS_TEST_TMPDIR/live"
		for ((i = 0; i < 300; i++)); do
			echo "-A -t 10.50.$((i / 250)).$((i % 250 + 1)):80 -s nosuchsched"
			for ((j = 1; j <= 5; j++)); do
				echo "-a -t 10.50.$((i / 250)).$((i % 250 + 1)):80 -r 192.168.50.$j:80 -g"
			done
		done
	} >"$BATS_TEST_TMPDIR/rules"
	run --separate-stderr ip netns exec "$ns" env LVSADM_NETLINK_RCVBUF=1 \
		"$LVSADM" -R --sync <"$BATS_TEST_TMPDIR/rules"
	[[ $status == 255 && $stderr == *"receive buffer overrun"* &&
		$stderr == *"nothing was changed: the changes made were undone"* ]] || {
		echo "exit status $status (expected 255); stderr (start):"
		printf '%s\n' "${stderr:0:1500}"
		return 1
	}
	ip netns exec "$ns" "$IPVSADM_REF" -Sn >"$BATS_TEST_TMPDIR/after"
	cmp "$BATS_TEST_TMPDIR/before" "$BATS_TEST_TMPDIR/after"
}

@test "LVSADM_NETLINK_RCVBUF that is not a size: a clear message, nothing changed" {
	for v in 0 -5 abc 4194305 99999999999999999999; do
		run --separate-stderr ip netns exec "$ns" env LVSADM_NETLINK_RCVBUF="$v" \
			"$LVSADM" -A -t 10.0.0.1:80
		[[ $status == 2 && $stderr == "LVSADM_NETLINK_RCVBUF must be a number of bytes from 1 to 4194304: '$v'" ]] || {
			echo "LVSADM_NETLINK_RCVBUF=$v: exit status $status; stderr: $stderr"
			return 1
		}
	done
	run ip netns exec "$ns" "$IPVSADM_REF" -Sn
	[[ $status == 0 && -z $output ]]
}

# strace makes every third sendto() and recvmsg() fail with EINTR before
# the kernel sees it: lvsadm must repeat the call, or whole batches of
# requests, or their answers, would be lost.
@test "system calls interrupted (EINTR) are repeated: a large restore lands whole" {
	command -v strace >/dev/null || {
		echo "strace is not installed: apt-get install strace"
		return 1
	}
	rules 1000 >"$BATS_TEST_TMPDIR/rules"
	# LeakSanitizer, in a build with sanitizers, cannot work under
	# ptrace.
	run --separate-stderr ip netns exec "$ns" env ASAN_OPTIONS=detect_leaks=0 \
		strace -f -qq -o "$BATS_TEST_TMPDIR/trace" -e trace=sendto,sendmsg,recvmsg \
		-e inject=sendto,recvmsg:error=EINTR:when=2+3 \
		"$LVSADM" -R <"$BATS_TEST_TMPDIR/rules"
	[[ $status == 0 && -z $stderr && -z $output ]] || {
		echo "exit status $status; stderr: ${stderr:0:2000}"
		return 1
	}
	injected=$(grep -c 'EINTR.*(INJECTED)' "$BATS_TEST_TMPDIR/trace" || true)
	((injected >= 20)) || {
		echo "only $injected calls were interrupted:"
		head -50 "$BATS_TEST_TMPDIR/trace"
		return 1
	}
	ip netns exec "$ns" "$IPVSADM_REF" -Sn >"$BATS_TEST_TMPDIR/got"
	cmp "$BATS_TEST_TMPDIR/rules" "$BATS_TEST_TMPDIR/got"
}
