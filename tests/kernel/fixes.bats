#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The ipvsadm bugs that lvsadm fixes on purpose (lvsadm(8), COMPATIBILITY),
# as far as a real kernel shows them.  Each case runs the buggy behaviour
# with the reference and the fixed one with lvsadm: the lines where they
# part are marked with differ's --differs options, expect_ref_* proves the
# bug is still there in the reference, and expect_sut_* states what lvsadm
# does instead.  Everything else in the case is still compared.

load helper

# ipvsadm's comparators subtract two unsigned 32-bit values into an int,
# which goes wrong when they are 2^31 or more apart.
@test "services and real servers 2^31 or more apart list in true ascending order" {
	differ --differs-stdout 5 --differs-stdout 6 <<'EOF'
-A -t 200.0.0.1:80 -s rr
-A -t 10.0.0.1:80 -s rr
-a -t 10.0.0.1:80 -r 250.1.1.1 -m
-a -t 10.0.0.1:80 -r 10.1.1.1 -m
-Ln
-Sn
EOF
	expect_ref_stdout -l 5 'TCP  200.0.0.1:80 rr' 'TCP  10.0.0.1:80 rr' \
		'  -> 250.1.1.1:80                 Masq    1      0          0         ' \
		'  -> 10.1.1.1:80                  Masq    1      0          0         '
	expect_sut_stdout -l 5 'TCP  10.0.0.1:80 rr' \
		'  -> 10.1.1.1:80                  Masq    1      0          0         ' \
		'  -> 250.1.1.1:80                 Masq    1      0          0         ' \
		'TCP  200.0.0.1:80 rr'
	expect_ref_stdout -l 6 '-A -t 200.0.0.1:80 -s rr' '-A -t 10.0.0.1:80 -s rr'
	expect_sut_stdout -l 6 '-A -t 10.0.0.1:80 -s rr' \
		'-a -t 10.0.0.1:80 -r 10.1.1.1:80 -m -w 1' \
		'-a -t 10.0.0.1:80 -r 250.1.1.1:80 -m -w 1' \
		'-A -t 200.0.0.1:80 -s rr'
}

# ipvsadm prints fwmarks with %d, and sorts them by the same subtraction.
@test "fwmarks of 2^31 and more print unsigned, and sort after smaller ones" {
	differ --differs-stdout 5 --differs-stdout 6 --differs-stdout 7 <<'EOF'
-A -f 3000000000
-A -f 5 -s rr
-A -f 4294967295 -s rr
-a -f 3000000000 -r 10.0.0.2
-Ln
-Sn
-L -n -f 3000000000
EOF
	expect_ref_stdout -l 5 'FWM  -1294967296 wlc' 'FWM  5 rr'
	expect_ref_stdout -l 5 'FWM  -1 rr'
	expect_sut_stdout -l 5 'FWM  5 rr' 'FWM  3000000000 wlc' \
		'  -> 10.0.0.2:0                   Route   1      0          0         ' \
		'FWM  4294967295 rr'
	expect_ref_stdout -l 6 '-A -f -1294967296 -s wlc'
	expect_sut_stdout -l 6 '-A -f 5 -s rr' '-A -f 3000000000 -s wlc' \
		'-a -f 3000000000 -r 10.0.0.2:0 -g -w 1' '-A -f 4294967295 -s rr'
	expect_ref_stdout 'FWM  -1294967296 wlc'
	expect_sut_stdout 'FWM  3000000000 wlc'
}

# ipvsadm -R takes a `#` line for arguments: the first comment ends the
# restore with the try-help text, and a trailing comment with "unexpected
# argument".  lvsadm skips them, as it skips blank lines.
@test "-R reads # comment lines, trailing comments and blank lines" {
	differ --differs 1 --differs 2 --differs-table <<'EOF'
-R < comments.rules
-R < trailing-comments.rules
EOF
	expect_ref_rc -l 1 255
	expect_ref_stderr -l 1 "Try \`ipvsadm -h' or 'ipvsadm --help' for more information."
	expect_ref_rc 2
	expect_ref_stderr 'unexpected argument #'
	expect_ref_saved '-A -t 10.0.0.2:80 -s rr'
	expect_sut_rc -l 1 0
	expect_sut_rc 0
	expect_sut_table <<'EOF'
-A -t 10.0.0.1:80 -s rr
-a -t 10.0.0.1:80 -r 10.0.0.2:80 -g -w 1
-a -t 10.0.0.1:80 -r 10.0.0.3:80 -g -w 2
-A -t 10.0.0.2:80 -s rr
-a -t 10.0.0.2:80 -r 10.0.0.4:80 -g -w 1
-a -t 10.0.0.2:80 -r 10.0.0.5:80 -g -w 1
EOF
}

# ipvsadm -R applies the lines before a bad one and stops there, leaving
# half a configuration; lvsadm checks the whole input first.
# restore_refused FILE REF_ERR REF_SAVED SUT_ERR...: -R < FILE exits 2
# with both tools; the reference says REF_ERR and leaves REF_SAVED in its
# table, lvsadm says SUT_ERR... and leaves the table empty.
restore_refused() {
	local file=$1 ref_err=$2 ref_saved=$3
	shift 3
	differ --differs 1 --differs-table <<<"-R < $file"
	expect_ref_rc 2
	expect_ref_stderr "$ref_err"
	expect_ref_saved "$ref_saved"
	expect_sut_rc 2
	expect_sut_stderr "$@"
	expect_sut_empty_table
}

@test "-R with a bad line near the end applies nothing" {
	restore_refused late-syntax-error.rules 'illegal weight specified' \
		'-a -t 10.0.0.1:80 -r 10.0.0.2:80 -g -w 1' \
		'<stdin>:3: illegal weight specified' \
		'<stdin>: 1 bad line, nothing applied'
}

@test "-R reports every bad line, then applies nothing" {
	restore_refused two-syntax-errors.rules "invalid timeout value \`0' specified" \
		'-A -t 10.0.0.1:80 -s rr' \
		"<stdin>:3: invalid timeout value \`0' specified" \
		'<stdin>:5: illegal real server address[:port] specified' \
		'<stdin>: 2 bad lines, nothing applied'
}

# ipvsadm prints the bare message and exits with the status of the last
# line only, so a failure followed by a good line exits 0.  lvsadm goes
# on as ipvsadm does, so the tables still come out the same.
@test "-R reports kernel errors with their line, goes on, and exits 255" {
	differ --differs 1 --differs 2 <<'EOF'
-R < kernel-error.rules
-R < kernel-error-last.rules
EOF
	expect_ref_rc -l 1 0
	expect_ref_stderr -l 1 'Service already exists'
	expect_ref_stderr -l 1 'Service not defined'
	expect_ref_rc 255
	expect_ref_stderr 'Scheduler or persistence engine not found'
	expect_sut_rc -l 1 255
	expect_sut_stderr -l 1 '<stdin>:2: Service already exists' \
		'<stdin>:3: Service not defined'
	expect_sut_rc 255
	expect_sut_stderr '<stdin>:2: Scheduler or persistence engine not found'
	expect_ref_saved '-a -t 10.0.0.72:80 -r 10.0.0.2:80 -g -w 1'
	expect_ref_saved '-A -t 10.0.0.80:80 -s rr'
}

# ipvsadm -S drops the thresholds, so -S | -R loses them.  thresholds.rules
# is what lvsadm -Sn saves here; both tools read it back whole.
@test "-S saves real-server thresholds, and -R reads them back" {
	differ --differs-stdout 5 --differs-stdout 6 <<'EOF'
-A -t 10.0.0.10:80 -s wlc
-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 1 -x 100 -y 50
-a -t 10.0.0.10:80 -r 10.0.0.3:80 -g -w 1 -x 7
-a -t 10.0.0.10:80 -r 10.0.0.4:80 -g -w 2
-Sn
-S
-C
-R < thresholds.rules
-Ln --thresholds
EOF
	expect_ref_stdout -l 5 '-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 1' \
		'-a -t 10.0.0.10:80 -r 10.0.0.3:80 -g -w 1'
	expect_sut_stdout -l 5 '-A -t 10.0.0.10:80 -s wlc' \
		'-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 1 -x 100 -y 50' \
		'-a -t 10.0.0.10:80 -r 10.0.0.3:80 -g -w 1 -x 7' \
		'-a -t 10.0.0.10:80 -r 10.0.0.4:80 -g -w 2'
	expect_sut_stdout -l 6 '-a -t 10.0.0.10:http -r 10.0.0.2:http -g -w 1 -x 100 -y 50'
	expect_ref_rc -l 8 0
	expect_ref_stdout '  -> 10.0.0.2:80                  100        50         0          0         ' \
		'  -> 10.0.0.3:80                  7          0          0          0         '
}

# Without -n ipvsadm -S writes IPv6 hosts as [name]:port, which no -R
# can read.  names.hosts gives the test addresses names, for both tools.
@test "-S without -n saves IPv6 hosts numerically (ports still by name)" {
	differ --hosts names.hosts --differs-stdout 4 <<'EOF'
-A -t [2001:db8::10]:80 -s rr
-a -t [2001:db8::10]:80 -r [2001:db8::2]:80 -g
-A -t 10.0.0.10:80 -s rr
-S
-L
EOF
	expect_ref_stdout -l 4 '-A -t vip4.example:http -s rr' \
		'-A -t [vip6.example]:http -s rr' \
		'-a -t [vip6.example]:http -r [rs6.example]:http -g -w 1'
	expect_sut_stdout -l 4 '-A -t vip4.example:http -s rr' \
		'-A -t [2001:db8::10]:http -s rr' \
		'-a -t [2001:db8::10]:http -r [2001:db8::2]:http -g -w 1'
	expect_ref_stdout 'TCP  [vip6.example]:http rr' \
		'  -> [rs6.example]:http           Route   1      0          0         '
}

# _count_netlink FILE: the number of AF_NETLINK sockets in an strace log.
_count_netlink() {
	local l n=0
	while IFS= read -r l; do
		[[ $l == *'socket(AF_NETLINK'* ]] && n=$((n + 1))
	done <"$1"
	echo "$n"
}

# libipvs opens a netlink socket, and resolves the IPVS family, for every
# request: one for the table, one per service for its real servers.
# lvsadm keeps one socket for its whole run.  Not a differ case: the
# sockets are seen only through strace.
@test "one netlink socket per run: -Ln and -Sn of three services" {
	local ns=lvsadm-kt-$$-${BATS_SUITE_TEST_NUMBER:-0}-strace
	local tool bin cmd n log fail=0
	if ! command -v strace >/dev/null; then
		echo "strace is not installed: apt-get install strace"
		return 1
	fi
	_differ_ns=("$ns")
	ip netns add "$ns"
	ip netns exec "$ns" sh -c "ip link set lo up &&
		$IPVSADM_REF -A -t 10.0.0.1:80 && $IPVSADM_REF -A -t 10.0.0.2:80 &&
		$IPVSADM_REF -A -u 10.0.0.1:53"
	for tool in ref sut; do
		bin=$_KT_REF_BIN
		[[ $tool == sut ]] && bin=$_KT_SUT_BIN
		for cmd in -Ln -Sn; do
			log=$BATS_TEST_TMPDIR/$tool$cmd
			# LeakSanitizer, in a build with sanitizers, cannot
			# work under ptrace.
			ip netns exec "$ns" env PATH="$bin:$PATH" \
				ASAN_OPTIONS=detect_leaks=0 \
				strace -f -qq -e trace=socket -o "$log.strace" \
				ipvsadm "$cmd" >"$log.out" 2>"$log.err" </dev/null || {
				echo "$tool: ipvsadm $cmd under strace failed:"
				cat "$log.err" "$log.strace"
				return 1
			}
			n=$(_count_netlink "$log.strace")
			if [[ $tool == ref ]] && ((n <= 3)); then
				echo "the reference ipvsadm $cmd opened $n netlink sockets, not more than 3:"
				cat "$log.strace"
				fail=1
			elif [[ $tool == sut ]] && ((n != 1)); then
				echo "lvsadm $cmd opened $n netlink sockets, not exactly 1:"
				cat "$log.strace"
				fail=1
			fi
		done
	done
	ip netns del "$ns"
	_differ_ns=()
	for cmd in -Ln -Sn; do
		if ! cmp -s "$BATS_TEST_TMPDIR/ref$cmd.out" "$BATS_TEST_TMPDIR/sut$cmd.out"; then
			echo "ipvsadm $cmd printed something else under strace:"
			diff -u --label ipvsadm --label lvsadm "$BATS_TEST_TMPDIR/ref$cmd.out" "$BATS_TEST_TMPDIR/sut$cmd.out"
			fail=1
		fi
	done
	((fail == 0))
}
