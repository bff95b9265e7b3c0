#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The systemd units (contrib/systemd/*.service.in): systemd-analyze verify
# passes on them, and their commands, run here with a stand-in lvsadm
# that records its arguments and standard input, do what lvsadm(8) says:
# start and reload apply the rules with -R --sync and never clear the
# table, stop saves only when asked and then clears it (unless keepalived
# or ldirectord runs), and the real-server unit binds and unbinds the VIPs
# of LVSADM_VIPS.

bats_require_minimum_version 1.5.0

load ../manager

setup() {
	srcdir=${LVSADM_SRCDIR:-$(cd "$(dirname "$BATS_TEST_FILENAME")/../.." && pwd)}
	units=$BATS_TEST_TMPDIR/units
	sbin=$BATS_TEST_TMPDIR/sbin
	log=$BATS_TEST_TMPDIR/calls
	mkdir -p "$units" "$sbin"
	# The stand-in: one line per call, its arguments and then the rules
	# file -R names last (it fails, as lvsadm does, when there is none).
	cat >"$sbin/lvsadm" <<-'EOF'
		#!/bin/sh
		log=${0%/sbin/lvsadm}/calls
		echo "lvsadm $*" >>"$log"
		case "$1" in
		-R) for f; do :; done; sed 's/^/< /' "$f" >>"$log" ;;
		-Sn) [ "$STANDIN_FAIL" != save ] || exit 1; echo "-A -t 10.0.0.10:80 -s rr" ;;
		-L) [ "$STANDIN_FAIL" != director ] && echo "ipvs_connections_total 1" ;;
		--list-vips) [ "$STANDIN_FAIL" != realserver ] && echo "ipvs_vip_bound 1" ;;
		esac
	EOF
	chmod +x "$sbin/lvsadm"
	for f in "$srcdir"/contrib/systemd/*.service.in; do
		sed "s|@sbindir@|$sbin|g" "$f" >"$units/$(basename "$f" .in)"
	done
	cp "$srcdir"/contrib/systemd/*.timer "$units/"
	[ -f "$units/lvsadm.service" ]
	[ -f "$units/lvsadm-realserver.service" ]
	rules=$BATS_TEST_TMPDIR/rules
	printf '%s\n' '-A -t 10.0.0.10:80 -s rr' '-a -t 10.0.0.10:80 -r 10.0.0.2 -g' >"$rules"
}

# exec_lines UNIT KEY: the commands of the unit's KEY= lines, one a line.
exec_lines() {
	sed -n "s/^$2=//p" "$units/$1"
}

# run_exec UNIT KEY [VAR=VALUE...]: run the unit's KEY= commands in order,
# with the unit's Environment= defaults and the given variables, as
# systemd would: ${VAR} is one word, $$ is $, %% is %, and a quoted argument is
# one word (only the forms the units use are handled).  Stops at the first
# failure.
run_exec() {
	local unit=$1 key=$2 cmd arg i j v
	shift 2
	local -a vars=() words
	read -r -a vars <<<"$(sed -n 's/^Environment=//p' "$units/$unit")"
	vars+=("$@")
	while IFS= read -r cmd; do
		if [[ $cmd =~ ^(/bin/sh\ -c)\ \'(.*)\'$ ]]; then
			arg=${BASH_REMATCH[2]//\$\$/\$}
			arg=${arg//%%/%}
			env -i PATH=/usr/bin:/bin "${vars[@]}" /bin/sh -c "$arg" || return
		else
			read -r -a words <<<"$cmd"
			# The last setting of a variable wins: substitute from the end.
			for i in "${!words[@]}"; do
				for ((j = ${#vars[@]} - 1; j >= 0; j--)); do
					v=${vars[j]}
					words[i]=${words[i]//"\${${v%%=*}}"/${v#*=}}
				done
			done
			env -i PATH=/usr/bin:/bin "${vars[@]}" "${words[@]}" || return
		fi
	done < <(exec_lines "$unit" "$key")
}

@test "systemd-analyze verify passes on both units, without a warning" {
	command -v systemd-analyze >/dev/null || {
		echo "systemd-analyze is missing: apt-get install systemd (contrib/install-deps)"
		return 1
	}
	# verify looks up the Documentation= man page.
	mkdir -p "$BATS_TEST_TMPDIR/man/man8"
	cp "$srcdir/man/lvsadm.8" "$BATS_TEST_TMPDIR/man/man8/"
	cd "$units"
	run --separate-stderr env MANPATH="$BATS_TEST_TMPDIR/man" \
		systemd-analyze verify ./lvsadm.service ./lvsadm-realserver.service
	echo "$output$stderr"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	# Warnings about the host's own units (verify loads what
	# multi-user.target pulls in, ldirectord's unit among them) are not
	# ours to fix.
	ours=$(grep -v '^/\(lib\|usr/lib\|etc\|run\)/systemd/system/' <<<"$stderr" || true)
	[ -z "$ours" ]
}

@test "verify is strict enough to catch a broken unit (guards the test above)" {
	command -v systemd-analyze >/dev/null || return 1
	sed -i 's/^Type=oneshot/Type=oneshoot/' "$units/lvsadm.service"
	cd "$units"
	run --separate-stderr systemd-analyze verify --man=no ./lvsadm.service
	[[ $stderr == *oneshoot* ]]
	sed -i "s|^ExecStart=/bin/sh|ExecStart=$BATS_TEST_TMPDIR/no-such-sh|" "$units/lvsadm.service"
	run --separate-stderr systemd-analyze verify --man=no ./lvsadm.service
	[ "$status" -ne 0 ]
}

@test "the units are oneshot services that stay active, with the environment file optional" {
	for u in lvsadm.service lvsadm-realserver.service; do
		grep -qx 'Type=oneshot' "$units/$u"
		grep -qx 'RemainAfterExit=yes' "$units/$u"
		grep -qx 'EnvironmentFile=-/etc/default/lvsadm' "$units/$u"
		grep -qx 'Documentation=man:lvsadm(8)' "$units/$u"
		grep -qx 'WantedBy=multi-user.target' "$units/$u"
	done
}

# applies_rules KEY: lvsadm.service's KEY= commands hand the rules file,
# named, to lvsadm -R --sync, and call lvsadm for nothing else.
applies_rules() {
	run_exec lvsadm.service "$1" LVSADM_RULES="$rules"
	diff -u - "$log" <<-EOF
		lvsadm -R --sync -- $rules
		< -A -t 10.0.0.10:80 -s rr
		< -a -t 10.0.0.10:80 -r 10.0.0.2 -g
	EOF
}

@test "lvsadm.service: start applies the rules file, named, with -R --sync" {
	applies_rules ExecStart
}

@test "lvsadm.service: start fails when the rules file is missing" {
	run run_exec lvsadm.service ExecStart LVSADM_RULES="$BATS_TEST_TMPDIR/none"
	[ "$status" -ne 0 ]
	[ "$(cat "$log")" = "lvsadm -R --sync -- $BATS_TEST_TMPDIR/none" ]
}

@test "lvsadm.service: an empty LVSADM_RULES is named and nothing runs" {
	for key in ExecStart ExecReload; do
		rm -f "$log"
		run run_exec lvsadm.service "$key" LVSADM_RULES=
		[ "$status" -eq 6 ]
		[ "$output" = "LVSADM_RULES is empty in /etc/default/lvsadm: set it to the rules file" ]
		[ ! -e "$log" ]
	done
}

@test "lvsadm.service: the default rules file is /etc/lvsadm/rules" {
	grep -qx 'Environment=LVSADM_RULES=/etc/lvsadm/rules LVSADM_SAVE_ON_STOP=no' "$units/lvsadm.service"
	exec_lines lvsadm.service ExecStart | grep -qF -- '-R --sync -- "$$LVSADM_RULES"'
}

@test "lvsadm.service: reload applies the file with --sync and never clears the table" {
	applies_rules ExecReload
	[ -z "$(exec_lines lvsadm.service ExecReload | grep -E -- '(^| )(-C|--clear)( |$)')" ]
}

@test "lvsadm.service: stop clears the table and, by default, saves nothing" {
	cp "$rules" "$BATS_TEST_TMPDIR/before"
	run_exec lvsadm.service ExecStop LVSADM_RULES="$rules"
	[ "$(cat "$log")" = "lvsadm -C" ]
	cmp "$rules" "$BATS_TEST_TMPDIR/before"
}

@test "lvsadm.service: with LVSADM_SAVE_ON_STOP=yes, stop saves the table, then clears it" {
	run_exec lvsadm.service ExecStop LVSADM_RULES="$rules" LVSADM_SAVE_ON_STOP=yes
	[ "$(cat "$log")" = $'lvsadm -Sn\nlvsadm -C' ]
	[ "$(cat "$rules")" = "-A -t 10.0.0.10:80 -s rr" ]
	[ ! -e "$rules.new" ]
}

@test "lvsadm.service: a failed save on stop keeps the rules file and clears nothing" {
	cp "$rules" "$BATS_TEST_TMPDIR/before"
	run run_exec lvsadm.service ExecStop LVSADM_RULES="$rules" LVSADM_SAVE_ON_STOP=yes STANDIN_FAIL=save
	[ "$status" -ne 0 ]
	[ "$(cat "$log")" = "lvsadm -Sn" ]
	cmp "$rules" "$BATS_TEST_TMPDIR/before"
	[ ! -e "$rules.new" ]
}

@test "lvsadm-realserver.service: start binds LVSADM_VIPS, stop unbinds them" {
	run_exec lvsadm-realserver.service ExecStart LVSADM_VIPS=10.0.0.10,2001:db8::10
	run_exec lvsadm-realserver.service ExecStop LVSADM_VIPS=10.0.0.10,2001:db8::10
	diff -u - "$log" <<-EOF
		lvsadm --add-vip 10.0.0.10,2001:db8::10 --interface lo
		lvsadm --delete-vip 10.0.0.10,2001:db8::10 --interface lo
	EOF
}

@test "lvsadm-realserver.service: an unset LVSADM_VIPS is named and nothing runs" {
	for key in ExecStart ExecStop; do
		rm -f "$log"
		run run_exec lvsadm-realserver.service "$key"
		[ "$status" -eq 6 ]
		[ "$output" = "LVSADM_VIPS is not set in /etc/default/lvsadm: set it to the VIPs to bind, comma-separated" ]
		[ ! -e "$log" ]
	done
}

@test "lvsadm-realserver.service: an empty LVSADM_VIP_INTERFACE is named and nothing runs" {
	run run_exec lvsadm-realserver.service ExecStart LVSADM_VIPS=10.0.0.10 LVSADM_VIP_INTERFACE=
	[ "$status" -eq 6 ]
	[ "$output" = "LVSADM_VIP_INTERFACE is empty in /etc/default/lvsadm: set it to the interface of the VIPs, such as lo" ]
	[ ! -e "$log" ]
}

@test "lvsadm-realserver.service: LVSADM_VIP_INTERFACE picks the interface" {
	run_exec lvsadm-realserver.service ExecStart LVSADM_VIPS=10.0.0.10 LVSADM_VIP_INTERFACE=dummy0
	[ "$(cat "$log")" = "lvsadm --add-vip 10.0.0.10 --interface dummy0" ]
}

@test "the units built by make name the configured sbindir" {
	: "${LVSADM_BUILDDIR:?LVSADM_BUILDDIR must name the build tree (run through make check)}"
	# The configured sbindir, as make expands it.
	sbindir=$(printf 'lvs-print:\n\t@echo $(sbindir)\n' |
		env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
			make -s --no-print-directory -C "$LVSADM_BUILDDIR" -f Makefile -f - lvs-print)
	[[ $sbindir == /* ]]
	for u in lvsadm.service lvsadm-realserver.service; do
		f=$LVSADM_BUILDDIR/contrib/systemd/$u
		[ -f "$f" ]
		run grep -n '@[a-z_]*@' "$f"
		[ "$status" -eq 1 ]
		grep -q "^ExecStart=.*$sbindir/lvsadm " "$f"
	done
}

@test "lvsadm.service: start and reload refuse while keepalived or ldirectord runs, stop leaves their table, and each says why" {
	for name in keepalived ldirectord; do
		a_manager "$name"
		for key in ExecStartPre ExecReload; do
			rm -f "$log"
			run --separate-stderr run_exec lvsadm.service "$key" LVSADM_RULES="$rules"
			echo "$stderr"
			[ "$status" -eq 1 ]
			[[ $stderr == "lvsadm.service: $name (pid $manager) manages the IPVS table, and lvsadm.service would wipe or fight it: refusing."* ]]
			[[ $stderr == *"LVSADM_IGNORE_MANAGERS=yes"* ]]
			# Nothing reached lvsadm.
			[ ! -e "$log" ]
		done
		# Stop leaves the other tool's table as it is: not saved into
		# the rules file, not cleared.
		cp "$rules" "$BATS_TEST_TMPDIR/before"
		run --separate-stderr run_exec lvsadm.service ExecStop LVSADM_RULES="$rules" LVSADM_SAVE_ON_STOP=yes
		echo "$stderr"
		[ "$status" -eq 0 ]
		[[ $stderr == "lvsadm.service: $name (pid $manager) manages the IPVS table: stop leaves it as it is, neither saved nor cleared."* ]]
		[[ $stderr == *"LVSADM_IGNORE_MANAGERS=yes"* ]]
		[ ! -e "$log" ]
		cmp "$rules" "$BATS_TEST_TMPDIR/before"
		# Set to yes, the check steps aside.
		run_exec lvsadm.service ExecStartPre LVSADM_IGNORE_MANAGERS=yes
		run_exec lvsadm.service ExecStop LVSADM_RULES="$rules" LVSADM_IGNORE_MANAGERS=yes
		[ "$(cat "$log")" = "lvsadm -C" ]
		rm -f "$log"
		kill "$manager"
		wait "$manager" || true
	done
	# With neither running, start goes on.
	run_exec lvsadm.service ExecStartPre
	run_exec lvsadm.service ExecStart LVSADM_RULES="$rules"
	[ "$(head -n 1 "$log")" = "lvsadm -R --sync -- $rules" ]
	# At boot it looks after they have started.
	grep -qx 'After=network-online.target keepalived.service ldirectord.service' "$units/lvsadm.service"
}

@test "systemd-analyze verify passes on the metrics service and timer" {
	command -v systemd-analyze >/dev/null || return 1
	mkdir -p "$BATS_TEST_TMPDIR/man/man8"
	cp "$srcdir/man/lvsadm.8" "$BATS_TEST_TMPDIR/man/man8/"
	cd "$units"
	run --separate-stderr env MANPATH="$BATS_TEST_TMPDIR/man" \
		systemd-analyze verify ./lvsadm-metrics.service ./lvsadm-metrics.timer
	echo "$output$stderr"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	ours=$(grep -v '^/\(lib\|usr/lib\|etc\|run\)/systemd/system/' <<<"$stderr" || true)
	[ -z "$ours" ]
	grep -qx 'WantedBy=timers.target' "$units/lvsadm-metrics.timer"
	grep -qx 'Type=oneshot' "$units/lvsadm-metrics.service"
	grep -qx 'EnvironmentFile=-/etc/default/lvsadm' "$units/lvsadm-metrics.service"
}

@test "lvsadm-metrics.service: both roles into the file, readable, by rename" {
	prom=$BATS_TEST_TMPDIR/textfile/lvsadm.prom
	mkdir -p "${prom%/*}"
	echo old >"$prom"
	ino=$(stat -c %i "$prom")
	run_exec lvsadm-metrics.service ExecStart LVSADM_METRICS_FILE="$prom"
	diff -u - "$log" <<-EOF
		lvsadm -L --metrics
		lvsadm --list-vips --metrics
	EOF
	[ "$(cat "$prom")" = $'ipvs_connections_total 1\nipvs_vip_bound 1' ]
	[ "$(stat -c %a "$prom")" = 644 ]
	# A new file renamed over the old one, never the old one rewritten.
	[ "$(stat -c %i "$prom")" != "$ino" ]
	[ "$(ls -A "${prom%/*}")" = lvsadm.prom ]
}

@test "lvsadm-metrics.service: the default file is node_exporter's textfile directory on Debian" {
	grep -q '^Environment=LVSADM_METRICS_FILE=/var/lib/prometheus/node-exporter/lvsadm.prom LVSADM_METRICS_ROLES=director,realserver$' \
		"$units/lvsadm-metrics.service"
}

@test "lvsadm-metrics.service: LVSADM_METRICS_ROLES picks the roles" {
	prom=$BATS_TEST_TMPDIR/lvsadm.prom
	run_exec lvsadm-metrics.service ExecStart LVSADM_METRICS_FILE="$prom" LVSADM_METRICS_ROLES=realserver
	[ "$(cat "$log")" = "lvsadm --list-vips --metrics" ]
	[ "$(cat "$prom")" = "ipvs_vip_bound 1" ]
	run run_exec lvsadm-metrics.service ExecStart LVSADM_METRICS_FILE="$prom" LVSADM_METRICS_ROLES=router
	[ "$status" -ne 0 ]
	[[ $output == *"unknown role router"* ]]
	[ "$(cat "$prom")" = "ipvs_vip_bound 1" ]
}

@test "lvsadm-metrics.service: a failing command leaves the old file and no temporary" {
	prom=$BATS_TEST_TMPDIR/textfile/lvsadm.prom
	mkdir -p "${prom%/*}"
	echo old >"$prom"
	for role in director realserver; do
		run run_exec lvsadm-metrics.service ExecStart LVSADM_METRICS_FILE="$prom" STANDIN_FAIL=$role
		[ "$status" -ne 0 ]
		[ "$(cat "$prom")" = old ]
		[ "$(ls -A "${prom%/*}")" = lvsadm.prom ]
	done
}

@test "lvsadm-metrics.service: a relative or empty LVSADM_METRICS_FILE is named and nothing runs" {
	for f in lvsadm.prom ""; do
		rm -f "$log"
		run run_exec lvsadm-metrics.service ExecStart LVSADM_METRICS_FILE="$f"
		[ "$status" -eq 6 ]
		[ "$output" = "LVSADM_METRICS_FILE in /etc/default/lvsadm is not an absolute file name: $f" ]
		[ ! -e "$log" ]
	done
}
