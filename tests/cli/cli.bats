#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Command-line behaviour that needs no kernel: help, version, and every
# failure that happens before lvsadm talks to IPVS.  The texts and exit
# codes are those of ipvsadm 1.31; the kernel suite compares them with the
# reference binary itself.

load helper

setup() {
	cli_setup
	here=$(cd "$(dirname "$BATS_TEST_FILENAME")" && pwd)
}

@test "-v under the name ipvsadm prints ipvsadm's version line" {
	expect_run 0 "ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)" ipvsadm -v
}

@test "-v under its own name says lvsadm" {
	run lvsadm --version
	[ "$status" -eq 0 ]
	[[ "$output" == "lvsadm "*" (ipvsadm v1.31 compatible, IPVS v1.2.1)" ]]
}

@test "-h under the name ipvsadm is ipvsadm's help, byte for byte" {
	ipvsadm -h >"$BATS_TEST_TMPDIR/help" 2>"$BATS_TEST_TMPDIR/err"
	diff -u "$here/ipvsadm-help.txt" "$BATS_TEST_TMPDIR/help"
	[ ! -s "$BATS_TEST_TMPDIR/err" ]
}

@test "-h ignores what follows it, as ipvsadm does" {
	run ipvsadm -h --no-such-option
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "Usage:" ]
}

@test "-h under its own name names lvsadm in the synopsis" {
	run lvsadm -h
	[ "$status" -eq 0 ]
	[ "${lines[2]}" = "  lvsadm -A|E virtual-service [-s scheduler] [-p [timeout]] [-M netmask] [--pe persistence_engine] [-b sched-flags]" ]
}

@test "a first argument that is not a command prints try-help and exits 255" {
	expect_run 255 "Try \`ipvsadm -h' or 'ipvsadm --help' for more information." ipvsadm -s rr
}

@test "try-help names the program as it was invoked" {
	expect_run 255 "Try \`$shim/ipvsadm -h' or '$shim/ipvsadm --help' for more information." "$shim/ipvsadm" --bogus
}

@test "an unknown option after the command is a popt error, exit 255" {
	expect_run 255 "--bogus: unknown option" ipvsadm -A --bogus
}

@test "a missing option argument is a popt error, exit 255" {
	expect_run 255 "-t: missing argument" ipvsadm -A -t
}

@test "a missing required option exits 2" {
	expect_run 2 "You need to supply the 'service-address' option for the 'add-service' command" ipvsadm -A
}

@test "an option illegal for its command exits 2" {
	expect_run 2 "Illegal 'real-server' option with the 'add-service' command" ipvsadm -A -t 10.0.0.1:80 -r 10.0.0.2
}

@test "a second command is an invalid option" {
	expect_run 2 "invalid option \`-E'" ipvsadm -A -E
}

@test "a bad service address exits 2" {
	expect_run 2 "illegal virtual server address[:port] specified" ipvsadm -A -t 300.1.1.1:80
}

@test "weights follow Debian's range 0..2147483647" {
	expect_run 2 "illegal weight specified" ipvsadm -a -t 10.0.0.1:80 -r 10.0.0.2 -w 2147483648
}

@test "-6 before -f keeps ipvsadm's extra newline" {
	run -2 ipvsadm -A -t 10.0.0.1:80 -6
	ipvsadm -A -t 10.0.0.1:80 -6 2>"$BATS_TEST_TMPDIR/err" || true
	[ "$(od -An -c "$BATS_TEST_TMPDIR/err" | tr -d ' \n')" = '-6usedbefore-f\n\n' ]
}

@test "a rules file with bad lines applies nothing and names each line" {
	printf '%s\n' \
		'-A -t 10.0.0.10:80 -s rr' \
		'-a -t 10.0.0.10:80 -r 10.0.0.2 -w lots' \
		'# a comment is fine' \
		'-A -t 10.0.0.11:80 -r 1.1.1.1' >"$BATS_TEST_TMPDIR/rules"
	run ipvsadm -R <"$BATS_TEST_TMPDIR/rules"
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "<stdin>:2: illegal weight specified" ]
	[ "${lines[1]}" = "<stdin>:4: Illegal 'real-server' option with the 'add-service' command" ]
	[ "${lines[2]}" = "<stdin>: 2 bad lines, nothing applied" ]
	[ "${#lines[@]}" -eq 3 ]
}

@test "-R refuses a nested -R line" {
	run ipvsadm -R <<<'-R'
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "<stdin>:1: Try \`ipvsadm -h' or 'ipvsadm --help' for more information." ]
}

@test "without IPVS, a kernel command says so and exits 2" {
	if [ -e /proc/net/ip_vs ] || grep -qw ip_vs /proc/modules 2>/dev/null; then
		# This host has IPVS; the kernel suite covers it instead.
		run ipvsadm -Ln
		[ "$status" -eq 0 ]
		return
	fi
	run ipvsadm -Ln
	[ "$status" -eq 2 ]
	[ "${lines[-2]}" = "Can't initialize ipvs: Protocol not available" ]
	[ "${lines[-1]}" = "Are you sure that IP Virtual Server is built in the kernel or as module?" ]
}

@test "lvsadm -R FILE names the file in each bad line and applies nothing" {
	printf '%s\n' \
		'-A -t 10.0.0.10:80 -s rr' \
		'-a -t 10.0.0.10:80 -r 10.0.0.2 -w lots' >"$BATS_TEST_TMPDIR/rules"
	for opts in "" "--sync" "--dry-run" "--sync --dry-run"; do
		# shellcheck disable=SC2086 # the options are meant to split
		run lvsadm -R $opts "$BATS_TEST_TMPDIR/rules"
		[ "$status" -eq 2 ]
		[ "${lines[0]}" = "$BATS_TEST_TMPDIR/rules:2: illegal weight specified" ]
		[ "${lines[1]}" = "$BATS_TEST_TMPDIR/rules: 1 bad line, nothing applied" ]
	done
}

@test "lvsadm -R names a file it cannot read" {
	expect_run 2 "$BATS_TEST_TMPDIR/none: No such file or directory" lvsadm -R "$BATS_TEST_TMPDIR/none"
	expect_run 2 "unexpected argument $BATS_TEST_TMPDIR/more" lvsadm -R --dry-run "$BATS_TEST_TMPDIR/rules" "$BATS_TEST_TMPDIR/more"
}

@test "ipvsadm -R takes no file name, as ipvsadm 1.31" {
	printf '%s\n' '-A -t 10.0.0.10:80 -s rr' >"$BATS_TEST_TMPDIR/rules"
	expect_run 2 "unexpected argument $BATS_TEST_TMPDIR/rules" ipvsadm -R "$BATS_TEST_TMPDIR/rules"
}

@test "-R --dry-run of a good file prints one summary line on stderr" {
	printf '%s\n' \
		'# the web service' \
		'-A -t 10.0.0.10:80 -s rr' \
		'-a -t 10.0.0.10:80 -r 10.0.0.2 -g -w 1' \
		'-a -t 10.0.0.10:80 -r 10.0.0.3 -g -w 1' \
		'' \
		'-A -u 10.0.0.10:53 -s rr' \
		'--add-vip 10.0.0.10,2001:db8::10' >"$BATS_TEST_TMPDIR/rules"
	run --separate-stderr lvsadm -R --dry-run "$BATS_TEST_TMPDIR/rules"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ "$stderr" = "$BATS_TEST_TMPDIR/rules: 7 lines read: 2 services, 2 real servers, 2 VIPs; no errors, nothing changed (dry run)" ]
	run --separate-stderr lvsadm -R --dry-run <"$BATS_TEST_TMPDIR/rules"
	[ "$status" -eq 0 ]
	[ "$stderr" = "<stdin>: 7 lines read: 2 services, 2 real servers, 2 VIPs; no errors, nothing changed (dry run)" ]
	printf '%s\n' '-A -t 10.0.0.10:80 -s rr' >"$BATS_TEST_TMPDIR/one"
	run --separate-stderr lvsadm -R --dry-run "$BATS_TEST_TMPDIR/one"
	[ "$stderr" = "$BATS_TEST_TMPDIR/one: 1 line read: 1 service, 0 real servers, 0 VIPs; no errors, nothing changed (dry run)" ]
}

# as_user CMD...: run CMD as uid/gid 65534 (needs root and setpriv).
as_user() {
	setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
}

# The host's IPVS decides which texts can be seen here; the kernel suite
# sees the others (tests/kernel/privilege.bats).
have_ipvs() {
	[ -e /proc/net/ip_vs ] || grep -qw ip_vs /proc/modules 2>/dev/null
}

@test "without IPVS and without root, ipvsadm's text is ipvsadm 1.31's" {
	[ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null ||
		skip "needs root and setpriv to become another user"
	have_ipvs && skip "this host has IPVS; see tests/kernel/privilege.bats"
	# Where the user can reach it.
	cp "$LVSADM" "$BATS_TEST_TMPDIR/bin/lvsadm.copy"
	chmod 755 "$BATS_TEST_TMPDIR" "$BATS_TEST_TMPDIR/bin"
	ln -sf lvsadm.copy "$BATS_TEST_TMPDIR/bin/ipvsadm"
	as_user "$BATS_TEST_TMPDIR/bin/ipvsadm" -Ln 2>"$BATS_TEST_TMPDIR/err" && false
	grep -v '^modprobe: ' "$BATS_TEST_TMPDIR/err" >"$BATS_TEST_TMPDIR/sut" || true
	[ "$(cat "$BATS_TEST_TMPDIR/sut")" = "Can't initialize ipvs: Permission denied (you must be root)
Are you sure that IP Virtual Server is built in the kernel or as module?" ]
	if [ -x /usr/sbin/ipvsadm ]; then
		as_user /usr/sbin/ipvsadm -Ln 2>"$BATS_TEST_TMPDIR/err" && false
		grep -v '^modprobe: ' "$BATS_TEST_TMPDIR/err" >"$BATS_TEST_TMPDIR/ref" || true
		cmp "$BATS_TEST_TMPDIR/ref" "$BATS_TEST_TMPDIR/sut"
	fi
}

@test "without IPVS and without root, lvsadm says root is needed, then what is missing" {
	[ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null ||
		skip "needs root and setpriv to become another user"
	have_ipvs && skip "this host has IPVS; see tests/kernel/privilege.bats"
	cp "$LVSADM" "$BATS_TEST_TMPDIR/bin/lvsadm.copy"
	chmod 755 "$BATS_TEST_TMPDIR" "$BATS_TEST_TMPDIR/bin"
	run --separate-stderr as_user "$BATS_TEST_TMPDIR/bin/lvsadm.copy" -Ln
	[ "$status" -eq 2 ]
	[ "${stderr_lines[-2]}" = "IPVS needs root (CAP_NET_ADMIN): run lvsadm as root, for example with sudo" ]
	[ "${stderr_lines[-1]}" = "This kernel has no IPVS (IP Virtual Server): load the module with 'modprobe ip_vs', or use a kernel built with CONFIG_IP_VS." ]
}

@test "without IPVS, as root, lvsadm says what is missing and what to do" {
	have_ipvs && skip "this host has IPVS; see tests/kernel/privilege.bats"
	[ "$(id -u)" -eq 0 ] || skip "as a user, the first line is about root"
	run --separate-stderr lvsadm -Ln
	[ "$status" -eq 2 ]
	[ "${stderr_lines[-1]}" = "This kernel has no IPVS (IP Virtual Server): load the module with 'modprobe ip_vs', or use a kernel built with CONFIG_IP_VS." ]
}
