#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# ldirectord (the Debian package) runs unchanged with lvsadm installed as
# /sbin/ipvsadm the way the README and the man page (SERVICES) document:
# dpkg-divert --rename moves the package's ipvsadm aside and a link to
# lvsadm takes its place.  The real ldirectord then drives real servers in
# network namespaces (contrib/lab/lab.bash) through a scenario: start; a
# real server failing its health check (quiescent = yes: weight 0;
# quiescent = no: removed); its recovery; a reload that adds and removes a
# virtual service and changes a scheduler; stop.  The services are TCP over
# IPv4 and IPv6 and a firewall mark.  The same scenario runs
# first with the reference ipvsadm: after each step the tables must be the
# same, lvsadm's -L -n (which ldirectord parses) must print what the
# reference prints, and ldirectord's log must hold no ipvsadm failure.
#
# It changes the system's /sbin/ipvsadm, so it runs only in the test VM
# (tests/vm/lvsadm-vm), whose root is a throw-away overlay.

IPVSADM_PKG=/sbin/ipvsadm
IPVSADM_DIVERTED=/sbin/ipvsadm.distrib

load netns

setup() {
	if [[ ${LVSADM_IN_VM:-0} != 1 ]]; then
		skip "diverts the system's /sbin/ipvsadm: runs only in tests/vm/lvsadm-vm"
	fi
	kt_lab ld ldirectord dpkg-divert || return 1
	[[ -x $IPVSADM_PKG && ! -L $IPVSADM_PKG ]] || {
		echo "$IPVSADM_PKG is not the ipvsadm package's program: apt-get install ipvsadm" >&2
		return 1
	}
}

teardown() {
	[[ ${LVSADM_IN_VM:-0} == 1 ]] || return 0
	ldir stop >/dev/null 2>&1 || true
	undivert || true
	lab_cleanup
}

# The documented installation, and its undo.
divert() {
	dpkg-divert --local --rename --divert "$IPVSADM_DIVERTED" --add "$IPVSADM_PKG" &&
		ln -s "$LVSADM" "$IPVSADM_PKG"
}

undivert() {
	if [[ -L $IPVSADM_PKG ]]; then
		rm -f "$IPVSADM_PKG"
	fi
	if dpkg-divert --list "$IPVSADM_PKG" | grep -q .; then
		dpkg-divert --local --rename --remove "$IPVSADM_PKG"
	fi
}

# ldir ACTION: ldirectord's start, reload or stop with the test's
# configuration, in the director's namespace.
ldir() {
	(cd "$LAB_DIR" && lab_in director ldirectord "$LAB_DIR/ldirectord.cf" "$1")
}

# config VERSION LOG: the configuration before (1) and after (2) the reload
# (a virtual service's lines are indented with blanks: <<- strips tabs).
config() {
	cat <<-EOF
		checktimeout=3
		checkinterval=1
		autoreload=no
		logfile="$2"
		cleanstop=yes

		virtual=10.0.0.10:80
		    real=10.0.0.21:80 gate
		    real=10.0.0.22:80 gate
		    service=http
		    request="index.html"
		    receive="rs"
		    checktype=negotiate
		    scheduler=$([[ $1 == 1 ]] && echo rr || echo wlc)
		    protocol=tcp
		    quiescent=yes

		virtual=7
		    real=10.0.0.21 gate
		    real=10.0.0.22 gate
		    checkport=80
		    checktype=connect
		    scheduler=sh
		    protocol=fwm
		    quiescent=yes

		virtual6=[2001:db8::10]:80
		    real6=[2001:db8::21]:80 gate
		    real6=[2001:db8::22]:80 gate
		    checktype=connect
		    scheduler=rr
		    protocol=tcp
		    quiescent=yes
	EOF
	if [[ $1 == 1 ]]; then
		cat <<-EOF

			virtual=10.0.0.11:80
			    real=10.0.0.21:80 gate 2
			    real=10.0.0.22:80 gate 3
			    checktype=connect
			    scheduler=wlc
			    protocol=tcp
			    quiescent=no
		EOF
	else
		cat <<-EOF

			virtual=10.0.0.12:80
			    real=10.0.0.21:80 gate
			    real=10.0.0.22:80 gate
			    checktype=connect
			    scheduler=lc
			    protocol=tcp
			    quiescent=no
		EOF
	fi
}

# table SCHED WEIGHT LINES...: a table expected after a step, as -Sn
# prints it (fwmark services last): the service 10.0.0.10:80 with
# scheduler SCHED, the second TCP service's LINES, the IPv6 and the
# fwmark services; 10.0.0.22 is at WEIGHT (0 while its check fails) in
# the three services that are quiescent.
table() {
	local sched=$1 w=$2

	shift 2
	printf '%s\n' "-A -t 10.0.0.10:80 -s $sched" \
		"-a -t 10.0.0.10:80 -r 10.0.0.21:80 -g -w 1" \
		"-a -t 10.0.0.10:80 -r 10.0.0.22:80 -g -w $w" \
		"$@" \
		"-A -t [2001:db8::10]:80 -s rr" \
		"-a -t [2001:db8::10]:80 -r [2001:db8::21]:80 -g -w 1" \
		"-a -t [2001:db8::10]:80 -r [2001:db8::22]:80 -g -w $w" \
		"-A -f 7 -s sh" \
		"-a -f 7 -r 10.0.0.21:0 -g -w 1" \
		"-a -f 7 -r 10.0.0.22:0 -g -w $w"
}
START=$(table rr 1 "-A -t 10.0.0.11:80 -s wlc" \
	"-a -t 10.0.0.11:80 -r 10.0.0.21:80 -g -w 2" \
	"-a -t 10.0.0.11:80 -r 10.0.0.22:80 -g -w 3")
# Not quiescent: 10.0.0.22 leaves 10.0.0.11:80.
FAILED=$(table rr 0 "-A -t 10.0.0.11:80 -s wlc" \
	"-a -t 10.0.0.11:80 -r 10.0.0.21:80 -g -w 2")
RELOADED=$(table wlc 1 "-A -t 10.0.0.12:80 -s lc" \
	"-a -t 10.0.0.12:80 -r 10.0.0.21:80 -g -w 1" \
	"-a -t 10.0.0.12:80 -r 10.0.0.22:80 -g -w 1")

# wait_for STEP TABLE: wait until the table, as REF saves it, is TABLE,
# then keep what REF and the installed ipvsadm list.
wait_for() {
	local i got
	for ((i = 0; i < 120; i++)); do
		got=$(lab_in director "$REF" -Sn 2>&1)
		[[ $got == "$2" ]] && break
		sleep 0.5
	done
	if [[ $got != "$2" ]]; then
		echo "$RUN, step $1: the table did not become, within 60 s:"
		echo "$2"
		echo "it is:"
		echo "$got"
		echo "ldirectord's log:"
		cat "$LAB_DIR/ldirectord-$RUN.log"
		return 1
	fi
	lab_in director "$REF" -Sn >"$LAB_DIR/$RUN.$1.S"
	lab_in director "$REF" -Ln >"$LAB_DIR/$RUN.$1.L"
	lab_in director "$REF" -L -n >"$LAB_DIR/$RUN.$1.ref-L-n"
	# What ldirectord reads: the program at /sbin/ipvsadm.
	lab_in director "$IPVSADM_PKG" -L -n >"$LAB_DIR/$RUN.$1.L-n"
}

# scenario: the whole scenario with whatever /sbin/ipvsadm is now.
scenario() {
	local log=$LAB_DIR/ldirectord-$RUN.log

	lab_init
	lab_host director 10.0.0.2/24
	lab_host rs1 10.0.0.21/24
	lab_host rs2 10.0.0.22/24
	lab_in director ip addr add 2001:db8::2/64 dev eth0 nodad
	lab_in rs1 ip addr add 2001:db8::21/64 dev eth0 nodad
	lab_in rs2 ip addr add 2001:db8::22/64 dev eth0 nodad
	lab_httpd rs1 rs1
	lab_httpd rs2 rs2
	config 1 "$log" >"$LAB_DIR/ldirectord.cf"

	ldir start
	wait_for start "$START"

	# rs2's web server stops (it is the only process in its namespace).
	kill $(ip netns pids "${LAB_PREFIX}rs2")
	wait_for failed "$FAILED"

	lab_httpd rs2 rs2
	wait_for recovered "$START"

	config 2 "$log" >"$LAB_DIR/ldirectord.cf"
	ldir reload
	wait_for reloaded "$RELOADED"

	ldir stop
	wait_for stopped ""
	lab_cleanup
}

@test "ldirectord: start, failing checks, recovery, reload and stop with lvsadm as /sbin/ipvsadm" {
	# The reference run, with the ipvsadm package's program.
	RUN=ref REF=$IPVSADM_PKG
	scenario

	divert
	[[ -L $IPVSADM_PKG && -x $IPVSADM_DIVERTED ]]
	[ "$(readlink "$IPVSADM_PKG")" = "$LVSADM" ]
	! cmp -s "$LVSADM" "$IPVSADM_DIVERTED"
	RUN=lvsadm REF=$IPVSADM_DIVERTED
	scenario

	local step kind fail=0
	for step in start failed recovered reloaded stopped; do
		for kind in S L; do
			if ! diff -u --label "ipvsadm, $step" --label "lvsadm, $step" \
				"$LAB_DIR/ref.$step.$kind" "$LAB_DIR/lvsadm.$step.$kind"; then
				fail=1
			fi
		done
		# lvsadm's -L -n is the reference's, byte for byte.
		if ! diff -u --label "ipvsadm -L -n, $step" --label "lvsadm -L -n, $step" \
			"$LAB_DIR/lvsadm.$step.ref-L-n" "$LAB_DIR/lvsadm.$step.L-n"; then
			fail=1
		fi
	done
	((fail == 0))

	# No ipvsadm failure in either run's log, and the log is real.
	for log in "$LAB_DIR"/ldirectord-ref.log "$LAB_DIR"/ldirectord-lvsadm.log; do
		grep -q 'Added real server' "$log"
		if grep -iE 'ipvsadm.*(fail|error)|(fail|error).*ipvsadm|Unknown line' "$log"; then
			echo "in $log"
			return 1
		fi
	done

	# The undo gives the package's program back.
	undivert
	[[ ! -L $IPVSADM_PKG && -x $IPVSADM_PKG && ! -e $IPVSADM_DIVERTED ]]
	[ -z "$(dpkg-divert --list "$IPVSADM_PKG")" ]
}
