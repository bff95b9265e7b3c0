#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# --graceful on a real kernel, with a TCP connection held open from a
# client through the director to a real server (contrib/lab/lab.bash):
# the real server stays at weight 0 while the connection is open and is
# deleted soon after it closes; when time runs out it stays, and the
# connection still works; -R --sync --drain --graceful does the same for
# every real server that left the rules; a signal stops the wait; bad
# input changes nothing.  Tables are read back with the reference ipvsadm.

bats_require_minimum_version 1.5.0

VIP=10.0.0.10

load netns

setup() {
	kt_lab gr
}

teardown() {
	# A holder still waiting for its signal lets go.
	for f in "$LAB_DIR"/go-*; do
		[ -p "$f" ] && timeout 2 bash -c 'echo >"$1"' _ "$f"
	done
	lab_cleanup
}

saved() {
	lab_in director "$IPVSADM_REF" -Sn
}

# Active connections the director counts on real server $1 (port 80).
active() {
	lv director -Ln -t $VIP:80 | awk -v rs="$1:80" '$2 == rs { print $5 }'
}

weight() {
	lv director -Ln -t $VIP:80 | awk -v rs="$1:80" '$2 == rs { print $4 }'
}

# hold ID: open a connection from the client to the VIP and send the
# first line of a request; the rest is sent, the reply read into
# $LAB_DIR/reply-ID and the connection closed when release ID is called.
hold() {
	local id=$1 i

	mkfifo "$LAB_DIR/go-$id"
	lab_in client bash -c '
		exec 3<>"/dev/tcp/$1/80" || exit 1
		printf "GET / HTTP/1.0\r\n" >&3
		read -r _ <"$2"
		printf "\r\n" >&3
		cat <&3 >"$3"
		exec 3<&-
		echo "${EPOCHREALTIME/./}" >"$3.closed"
	' hold $VIP "$LAB_DIR/go-$id" "$LAB_DIR/reply-$id" 3>&- &
	eval "holder_$id=\$!"
}

release() {
	echo go >"$LAB_DIR/go-$1"
	rm -f "$LAB_DIR/go-$1"
}

# Wait until real server $1 counts $2 active connections.
wait_active() {
	local i

	for i in $(seq 50); do
		[ "$(active "$1")" = "$2" ] && return 0
		sleep 0.1
	done
	echo "$1: $(active "$1") active connections, not $2"
	return 1
}

# The reply on held connection $1 came whole from real server $2.
replied() {
	local pid

	eval "pid=\$holder_$1"
	wait "$pid" || true
	grep -q "^HTTP/1.[01] 200" "$LAB_DIR/reply-$1"
	[ "$(tail -n 1 "$LAB_DIR/reply-$1")" = "$2" ]
}

# with_pty CMD...: run CMD where terminals can be made.  A guest whose
# /dev/pts is not mounted gets its own devpts, in a mount namespace that
# ends with CMD.
with_pty() {
	if mountpoint -q /dev/pts; then
		"$@"
		return
	fi
	unshare -m --propagation private bash -c '
		mkdir -p /dev/pts &&
			mount -t devpts -o newinstance,ptmxmode=0666 devpts /dev/pts &&
			mount --bind /dev/pts/ptmx /dev/ptmx && exec "$@"' with_pty "$@"
}

now_us() {
	echo "${EPOCHREALTIME/./}"
}

# took= milliseconds from the close of held connection $1 to $2 (now_us).
# (Not in a subshell: it waits for the holder.)
since_close() {
	local pid

	eval "pid=\$holder_$1"
	wait "$pid" || true
	took=$((($2 - $(<"$LAB_DIR/reply-$1.closed")) / 1000))
}

one_rs() {
	kt_lab_dr 1
	lv director -A -t $VIP:80 -s rr
	lv director -a -t $VIP:80 -r 10.0.0.21 -g -w 1
	hold a
	wait_active 10.0.0.21 1
}

# rs1_leaves: two real servers and a second service on 8080, synced from
# rules, with connection a held on rs1 (rs2 is at weight 0 at first, so
# that it goes there); then $LAB_DIR/rules where neither rs1 nor the
# service on 8080 stays.
rs1_leaves() {
	kt_lab_dr 2
	cat >"$LAB_DIR/rules" <<-EOF
		-A -t $VIP:80 -s rr
		-a -t $VIP:80 -r 10.0.0.21:80 -g -w 1
		-a -t $VIP:80 -r 10.0.0.22:80 -g -w 0
		-A -t $VIP:8080 -s rr
		-a -t $VIP:8080 -r 10.0.0.22:8080 -g -w 1
	EOF
	lv director -R --sync <"$LAB_DIR/rules"
	hold a
	wait_active 10.0.0.21 1
	cat >"$LAB_DIR/rules" <<-EOF
		-A -t $VIP:80 -s rr
		-a -t $VIP:80 -r 10.0.0.22:80 -g -w 1
	EOF
}

# The table while rs1 drains: at weight 0, and rs2 in service.
RS1_DRAINING="-A -t $VIP:80 -s rr
-a -t $VIP:80 -r 10.0.0.21:80 -g -w 0
-a -t $VIP:80 -r 10.0.0.22:80 -g -w 1"

# waiting INPUT ARGS...: lvsadm ARGS on the director in the background
# ($pid), reading INPUT; its stdout and stderr go to $LAB_DIR/out and err.
waiting() {
	local in=$1

	shift
	lv director "$@" <"$in" >"$LAB_DIR/out" 2>"$LAB_DIR/err" 3>&- &
	pid=$!
}

# exited STATUS: the lvsadm in the background ($pid) ends with STATUS.
exited() {
	local rc=0

	wait "$pid" || rc=$?
	cat "$LAB_DIR/err"
	[ "$rc" -eq "$1" ]
}

# deleted_soon: once connection a is released, the lvsadm in the
# background ($pid) ends well within 2 s of the close, and, not on a
# terminal, prints nothing.
deleted_soon() {
	local rc=0

	release a
	wait "$pid" || rc=$?
	since_close a "$(now_us)"
	echo "exit $rc, ${took} ms after the close"
	cat "$LAB_DIR/err"
	[ "$rc" -eq 0 ]
	[ "$took" -le 2000 ]
	[ ! -s "$LAB_DIR/out" ]
	[ ! -s "$LAB_DIR/err" ]
}

# times_out SECONDS ARGS...: lvsadm ARGS --graceful SECONDS on the
# director waits the whole time for the connection held on rs1, then
# exits 1 and says why, on stderr alone.
times_out() {
	local s=$1 start

	shift
	start=$(now_us)
	run --separate-stderr lv director "$@" --graceful "$s"
	took=$((($(now_us) - start) / 1000))
	echo "$stderr"
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "$stderr" = "TCP $VIP:80 -> 10.0.0.21:80: 1 active connection left; it stays at weight 0, not deleted
timed out after $s s: 1 real server not deleted (no connection was cut)" ]
	[ "$took" -ge $((s * 1000)) ]
}

@test "-d --graceful keeps the real server at weight 0 while a connection is open, and deletes it soon after it closes" {
	one_rs
	waiting /dev/null -d -t $VIP:80 -r 10.0.0.21 --graceful 60
	sleep 3
	# Still waiting: the real server is there, at weight 0.
	kill -0 "$pid"
	[ "$(weight 10.0.0.21)" = 0 ]
	[ "$(active 10.0.0.21)" = 1 ]
	[[ $(saved) == *"-a -t $VIP:80 -r 10.0.0.21:80 -g -w 0"* ]]
	# New connections find no real server meanwhile.
	run lab_in client curl -s -m 2 "http://$VIP/"
	[ "$status" -ne 0 ]

	deleted_soon
	[ "$(saved)" = "-A -t $VIP:80 -s rr" ]
	replied a rs1
}

@test "-d --graceful with a short time leaves the real server at weight 0, the connection working, and exits 1" {
	one_rs
	times_out 2 -d -t $VIP:80 -r 10.0.0.21
	[ "$(saved)" = "-A -t $VIP:80 -s rr
-a -t $VIP:80 -r 10.0.0.21:80 -g -w 0" ]
	# The connection was not cut: the request completes.
	release a
	replied a rs1
	# Idle now: --graceful deletes it at once.
	wait_active 10.0.0.21 0
	run lv director -d -t $VIP:80 -r 10.0.0.21 --graceful 0
	[ "$status" -eq 0 ]
	[ "$(saved)" = "-A -t $VIP:80 -s rr" ]
}

@test "on a terminal, the active connections left are shown once a second as they fall" {
	command -v script >/dev/null || {
		echo "script is missing: apt-get install bsdutils"
		return 1
	}
	one_rs
	hold b
	wait_active 10.0.0.21 2
	# script(1) gives lvsadm a terminal, and keeps what it writes there.
	with_pty ip netns exec "${LAB_PREFIX}director" script -qefc "LVSADM_RUNDIR=$LAB_DIR/run-director $LVSADM -d -t $VIP:80 -r 10.0.0.21 --graceful 4" \
		"$LAB_DIR/typescript" >/dev/null 3>&- &
	pid=$!
	sleep 2
	release a
	rc=0
	wait "$pid" || rc=$?
	tr '\r' '\n' <"$LAB_DIR/typescript" | sed 's/\x1b\[K//g' |
		grep -v '^Script \(started\|done\) on ' | grep . >"$LAB_DIR/shown"
	cat "$LAB_DIR/shown"
	[ "$rc" -eq 1 ]
	name="TCP $VIP:80 -> 10.0.0.21:80"
	# From 2 active connections to 1, and a second less each time.
	grep -qx "$name: 2 active connections, 4 s left" "$LAB_DIR/shown"
	grep -qx "$name: 1 active connection, [123] s left" "$LAB_DIR/shown"
	[ "$(grep -c "^$name: [12] active connections\?, [1-4] s left\$" "$LAB_DIR/shown")" -ge 3 ]
	[ "$(grep -c "s left" "$LAB_DIR/shown")" -le 5 ]
	[ "$(tail -n 1 "$LAB_DIR/shown")" = "timed out after 4 s: 1 real server not deleted (no connection was cut)" ]
	release b
	replied a rs1
	replied b rs1
}

@test "SIGTERM or SIGINT stops the wait, leaves weight 0, and says so" {
	one_rs
	for sig in TERM INT; do
		# A background job of a script ignores SIGINT unless told not to.
		# ip netns exec and env exec lvsadm: $! is lvsadm's pid.
		LVSADM_RUNDIR=$LAB_DIR/run-director \
			ip netns exec "${LAB_PREFIX}director" \
			env --default-signal=INT "$LVSADM" -d -t $VIP:80 \
			-r 10.0.0.21 --graceful 60 \
			>"$LAB_DIR/out" 2>"$LAB_DIR/err" 3>&- &
		pid=$!
		sleep 2
		[ "$(weight 10.0.0.21)" = 0 ]
		kill -s "$sig" "$pid"
		exited 1
		[ "$(tail -n 1 "$LAB_DIR/err")" = "interrupted by SIG$sig: stopped waiting, 1 real server not deleted (no connection was cut)" ]
		[[ $(saved) == *"-r 10.0.0.21:80 -g -w 0"* ]]
		# Back in service for the next round.
		lv director -e -t $VIP:80 -r 10.0.0.21 -g -w 1
	done
	release a
	replied a rs1
}

@test "a real server put back in service meanwhile is left in place" {
	one_rs
	waiting /dev/null -d -t $VIP:80 -r 10.0.0.21 --graceful 60
	sleep 2
	[ "$(weight 10.0.0.21)" = 0 ]
	lv director -e -t $VIP:80 -r 10.0.0.21 -g -w 3
	exited 1
	[ "$(head -n 1 "$LAB_DIR/err")" = "TCP $VIP:80 -> 10.0.0.21:80: its weight was set to 3 meanwhile; left in place" ]
	[[ $(saved) == *"-r 10.0.0.21:80 -g -w 3"* ]]
	release a
	replied a rs1
}

@test "-R --sync --drain --graceful drains what left the rules in parallel and deletes each as it goes idle" {
	rs1_leaves
	waiting "$LAB_DIR/rules" -R --sync --drain --graceful 60
	sleep 3
	kill -0 "$pid"
	# The idle service that left is gone already; the busy real server
	# is at weight 0, and new connections go to rs2.
	[ "$(saved)" = "$RS1_DRAINING" ]
	[ "$(lab_in client curl -s -m 5 "http://$VIP/")" = rs2 ]
	# Other runs that change things are not locked out while it waits
	# (this one finds nothing left to drain).
	run timeout 10 env LVSADM_RUNDIR="$LAB_DIR/run-director" \
		ip netns exec "${LAB_PREFIX}director" "$LVSADM" -R --sync --drain \
		"$LAB_DIR/rules"
	[ "$status" -eq 0 ]

	deleted_soon
	[ "$(saved)" = "$(cat "$LAB_DIR/rules")" ]
	replied a rs1
}

@test "-R --sync --drain --graceful with a short time names what is still busy and exits 1" {
	rs1_leaves
	times_out 1 -R --sync --drain <"$LAB_DIR/rules"
	[ "$(saved)" = "$RS1_DRAINING" ]
	release a
	replied a rs1
	# Run again once idle: the rest goes, and the table is the rules.
	wait_active 10.0.0.21 0
	run lv director -R --sync --drain --graceful 5 <"$LAB_DIR/rules"
	[ "$status" -eq 0 ]
	[ "$(saved)" = "$(cat "$LAB_DIR/rules")" ]
}

@test "--graceful refuses bad input and changes nothing" {
	kt_lab_dr 1
	lv director -A -t $VIP:80 -s rr
	lv director -a -t $VIP:80 -r 10.0.0.21 -g -w 2
	before=$(saved)
	check() {
		local want_status=$1 want=$2

		shift 2
		run --separate-stderr lv director "$@" </dev/null
		echo "$*: $status: $stderr"
		[ "$status" -eq "$want_status" ]
		[ "$stderr" = "$want" ]
		[ -z "$output" ]
		[ "$(saved)" = "$before" ]
	}
	check 255 "TCP $VIP:80 -> 10.0.0.99:80: No such destination; nothing changed" \
		-d -t $VIP:80 -r 10.0.0.99 --graceful 5
	check 255 "TCP $VIP:81 -> 10.0.0.21:81: Service not defined; nothing changed" \
		-d -t $VIP:81 -r 10.0.0.21 --graceful 5
	check 2 "illegal graceful time '-1': whole seconds from 0 to 2678400" \
		-d -t $VIP:80 -r 10.0.0.21 --graceful -1
	check 2 "illegal graceful time 'soon': whole seconds from 0 to 2678400" \
		-d -t $VIP:80 -r 10.0.0.21 --graceful soon
	check 2 "--graceful does not go with -e (--edit-server); it goes with -d (--delete-server) or -R (--restore)" \
		-e -t $VIP:80 -r 10.0.0.21 -w 0 --graceful 5
	check 2 "--graceful works only with -d, or with -R --sync --drain" \
		-R --sync --graceful 5
	check 2 "--graceful works only with -d, or with -R --sync --drain" \
		-R --graceful 5
	printf '%s\n' "-d -t $VIP:80 -r 10.0.0.21 --graceful 5" >"$LAB_DIR/rules"
	run --separate-stderr lv director -R --sync --drain "$LAB_DIR/rules"
	[ "$status" -eq 2 ]
	[ "${stderr%%$'\n'*}" = "$LAB_DIR/rules:1: '--graceful' cannot be used in a rules file" ]
	[ "$(saved)" = "$before" ]
}

@test "under the name ipvsadm --graceful does not exist, as in ipvsadm 1.31" {
	kt_lab_dr 1
	lv director -A -t $VIP:80 -s rr
	lv director -a -t $VIP:80 -r 10.0.0.21 -g -w 2
	before=$(saved)
	ln -s "$LVSADM" "$LAB_DIR/ipvsadm"
	for args in "-d -t $VIP:80 -r 10.0.0.21 --graceful 5" \
		"-d -t $VIP:80 -r 10.0.0.21 --graceful=5" \
		"-R --graceful 5" "-d --graceful"; do
		# shellcheck disable=SC2086 # the words are meant to split
		lab_in director "$IPVSADM_REF" $args </dev/null \
			>"$LAB_DIR/ref.out" 2>"$LAB_DIR/ref.err" && ref=0 || ref=$?
		# shellcheck disable=SC2086
		lab_in director "$LAB_DIR/ipvsadm" $args </dev/null \
			>"$LAB_DIR/sut.out" 2>"$LAB_DIR/sut.err" && sut=0 || sut=$?
		echo "$args: ipvsadm $ref, lvsadm as ipvsadm $sut"
		cat "$LAB_DIR/ref.err" "$LAB_DIR/sut.err"
		[ "$sut" -eq "$ref" ]
		cmp "$LAB_DIR/ref.out" "$LAB_DIR/sut.out"
		cmp "$LAB_DIR/ref.err" "$LAB_DIR/sut.err"
		[ "$(saved)" = "$before" ]
	done
}
