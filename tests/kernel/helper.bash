# SPDX-License-Identifier: GPL-2.0-or-later
#
# helper.bash: differential kernel tests of lvsadm against ipvsadm.
#
# Every .bats file in this directory does `load helper` and then describes
# each test as a *case*: a list of ipvsadm command lines fed to `differ` on
# its standard input.  `differ` runs the case twice, first with the
# reference ipvsadm and then with lvsadm, each time in a fresh network
# namespace (IPVS state is per namespace, so the two runs cannot see each
# other), and requires byte-identical stdout, stderr and exit status for
# every line, and an identical resulting IPVS table.
#
# The tests need root and a kernel with IPVS.  `make check` runs them
# through tests/kernel-suite; by hand, in the test VM (which passes LVSADM
# on to the guest):
#   LVSADM=$PWD/build/lvsadm tests/vm/lvsadm-vm -- bats --tap tests/kernel
#
# Environment:
#   LVSADM       path of the lvsadm binary under test (required)
#   IPVSADM_REF  path of the reference ipvsadm (default /usr/sbin/ipvsadm)
#
# Case syntax (one command per line, words split on blanks as the shell
# does for plain unquoted words; no quoting, globbing or expansion):
#   -A -t 10.0.0.10:80 -s rr      runs `ipvsadm -A -t 10.0.0.10:80 -s rr`
#   -R < basic.rules              stdin is tests/kernel/data/basic.rules
#   (none)                        runs `ipvsadm` with no arguments at all
#   # comment                     ignored, as are blank lines
#   -A -t 10.0.0.10:80 => 255 Service already exists
#                                 states what the reference does with the
#                                 command: exit 255 and print the stderr
#                                 line after the status (`=> 0` alone: the
#                                 exit status only); checked as expect_ref_rc
#                                 and expect_ref_stderr -l N are (below), so
#                                 that an error case reads as a table of
#                                 commands and their results
# Every other command's stdin is /dev/null.
#
# Where lvsadm deliberately parts from ipvsadm (see the man page,
# COMPATIBILITY), options of differ, each repeatable, leave part of the
# results uncompared; the case must then state lvsadm's own behaviour
# there with the expect_sut_* functions below:
#   --differs N          stderr and exit status of command N
#   --differs-stdout N   stdout of command N
#   --differs-table      the resulting table
# Two more options change how the case runs, for both tools alike:
#   --hosts NAME         /etc/hosts is tests/kernel/data/NAME (bind-mounted
#                        in a mount namespace of the case's own: the real
#                        file is never touched)
#   --unprivileged       every command runs without CAP_NET_ADMIN
#
# After `differ`, the expect_ref_* functions check what the reference did,
# so that a case proves it exercises what its name says (an error case that
# no longer errors would otherwise pass silently):
#   expect_ref_rc     [-l N] CODE   exit status of command N (default: last)
#   expect_ref_stderr [-l N] TEXT...  lines of its stderr are exactly TEXT,
#                                   in this order (others may come between)
#   expect_ref_stdout [-l N] TEXT...  the same for its stdout
#   expect_ref_saved  TEXT          a line of the final `ipvsadm -Sn` is TEXT
#   expect_ref_listed TEXT          a line of the final `ipvsadm -Ln` is TEXT
#   expect_ref_empty_table          the final `ipvsadm -Sn` printed nothing
# and expect_sut_rc, expect_sut_stderr and expect_sut_stdout do the same
# for lvsadm's run.  For a table that differs on purpose:
#   expect_sut_table                lvsadm's resulting table, as the
#                                   reference's -Sn prints it, is exactly
#                                   the text on stdin (a heredoc)
#   expect_sut_empty_table          lvsadm's resulting table is empty
#
# Speed: the suite runs under TCG emulation, where an exec costs 50 to 150
# ms and every simple command of a test pays for bats' DEBUG trap.  So the
# helpers run without that trap (kt_untraced), compare results with
# builtins, and a case costs one `ip -batch` process that runs each tool's
# whole case as one sh script inside its namespace.

IPVSADM_REF=${IPVSADM_REF:-/usr/sbin/ipvsadm}

load netns

# Runs once per .bats file.  Problems are recorded rather than reported
# here: a failing setup_file makes bats report a single failure for the
# whole file, while every test is meant to fail on its own with the reason.
setup_file() {
	local out

	export _KT_PROBLEM=
	if [[ ! -e /proc/net/ip_vs ]]; then
		out=$(modprobe ip_vs 2>&1) || true
		if [[ ! -e /proc/net/ip_vs ]]; then
			_KT_PROBLEM="IPVS is not available in this kernel (modprobe ip_vs: ${out:-no output}); run the tests in tests/vm/lvsadm-vm"
		fi
	fi

	if [[ -n ${LVSADM:-} && $LVSADM != /* ]]; then
		export LVSADM=$PWD/$LVSADM
	fi

	# Both tools must run under the program name `ipvsadm`: ipvsadm prints
	# argv[0] in some messages (the try-help line), so each gets a private
	# bin directory with a symlink of that name, put first in PATH.  They
	# are made once per run of bats.
	export _KT_REF_BIN=$BATS_RUN_TMPDIR/lvsadm-kt/bin-ref
	export _KT_SUT_BIN=$BATS_RUN_TMPDIR/lvsadm-kt/bin-lvsadm
	if [[ ! -L $_KT_REF_BIN/ipvsadm ]]; then
		mkdir -p "$_KT_REF_BIN" "$_KT_SUT_BIN"
		ln -s "$IPVSADM_REF" "$_KT_REF_BIN/ipvsadm"
	fi
	if [[ -n ${LVSADM:-} && ! -L $_KT_SUT_BIN/ipvsadm ]]; then
		ln -s "$LVSADM" "$_KT_SUT_BIN/ipvsadm"
	fi
}

# Per test: fail (never skip) when the test cannot be meaningful.
setup() {
	_differ_ns=()
	_differ_n=0
	# LVSADM and root; IPVS is _KT_PROBLEM's, which says more.
	kt_need --no-ipvs || return 1
	if [[ ! -f $IPVSADM_REF || ! -x $IPVSADM_REF ]]; then
		echo "IPVSADM_REF=$IPVSADM_REF is not an executable file (apt-get install ipvsadm)" >&2
		return 1
	fi
	if [[ -n ${_KT_PROBLEM:-} ]]; then
		echo "$_KT_PROBLEM" >&2
		return 1
	fi
}

# Remove any namespace that a failed or interrupted case left behind.
teardown() {
	local ns
	for ns in ${_differ_ns[@]+"${_differ_ns[@]}"}; do
		[[ -e /run/netns/$ns ]] || continue
		ip netns del "$ns" >/dev/null 2>&1 || true
	done
	_differ_ns=()
}

# _kt_same FILE1 FILE2: true if both files exist and hold the same bytes
# (compared with builtins to spare a fork; NUL bytes, which neither tool
# prints, are not compared).
_kt_same() {
	local -a a b
	local IFS=
	[[ -f $1 && -f $2 ]] || return 1
	mapfile a <"$1" && mapfile b <"$2" || return 1
	[[ "${a[*]}" == "${b[*]}" ]]
}

# _kt_report ID LABEL: print how lvsadm's results of one command differ.
_kt_report() {
	local id=$1 label=$2 s rc_ref=? rc_sut=?
	local ref=$_differ_dir/ref.$id sut=$_differ_dir/sut.$id
	[[ -f $ref.rc ]] && rc_ref=$(<"$ref.rc")
	[[ -f $sut.rc ]] && rc_sut=$(<"$sut.rc")
	echo "=== $label"
	echo "    exit status: ipvsadm $rc_ref, lvsadm $rc_sut"
	for s in out err; do
		_kt_same "$ref.$s" "$sut.$s" && continue
		if [[ $s == out ]]; then
			echo "--- stdout differs:"
		else
			echo "--- stderr differs:"
		fi
		diff -u --label ipvsadm --label lvsadm "$ref.$s" "$sut.$s"
	done
	return 0
}

# _kt_quote WORD: set _kt_q to WORD quoted for sh (no command
# substitution: even a fork is costly under TCG).
_kt_quote() {
	local q="'\\''"
	_kt_q="'${1//\'/$q}'"
}

# _kt_script: read the case on stdin and write, on stdout, the sh script
# that each tool's run executes inside its namespace.  Its arguments: $1
# the result directory, $2 the tag of the run (ref or sut), $3 the bin dir
# of the tool, $4 the bin dir of the reference.  Command i leaves
# TAG.i.out, TAG.i.err and TAG.i.rc; the final table, listed by the
# reference, leaves TAG.S.* and TAG.L.*.  Sets _differ_n and _differ_label.
_kt_script() {
	local line name stdin i w q exp
	local -a words

	echo 'cd "$1" || exit 1'
	# Without lo up there is no local routing table and the kernel
	# rejects DR real servers ("address not unicast").
	echo 'ip link set lo up || exit 1'
	if [[ -n $_differ_hosts ]]; then
		_kt_quote "$_differ_hosts"
		echo "mount --bind $_kt_q /etc/hosts || exit 1"
	fi
	echo 'P0=$PATH'
	echo 'PATH=$3:$P0'
	while IFS= read -r line || [[ -n $line ]]; do
		read -r -a words <<<"$line"
		[[ ${#words[@]} -eq 0 || ${words[0]} == '#'* ]] && continue
		exp=
		if [[ $line == *' => '* ]]; then
			exp=${line#* => }
			if [[ ! $exp =~ ^[0-9]+([[:blank:]]+[^[:blank:]].*)?$ ]]; then
				echo "differ: after => an exit status, then a message if any (line: $line)" >&2
				return 1
			fi
			read -r -a words <<<"${line%% => *}"
		fi
		stdin=/dev/null
		name=
		i=${#words[@]}
		if ((i >= 2)) && [[ ${words[i - 2]} == '<' ]]; then
			name=${words[i - 1]}
			unset 'words[i-1]' 'words[i-2]'
		elif [[ ${words[i - 1]} == '<'?* ]]; then
			name=${words[i - 1]#<}
			unset 'words[i-1]'
		fi
		if [[ -n $name ]]; then
			stdin=$_differ_data/$name
			if [[ ! -f $stdin ]]; then
				echo "differ: no data file $stdin (line: $line)" >&2
				return 1
			fi
		fi
		[[ ${words[*]} == '(none)' ]] && words=()
		_differ_n=$((_differ_n + 1))
		i=$_differ_n
		_differ_label[i]="command $i: ipvsadm ${words[*]}${name:+ < $name}"
		_differ_exp[i]=$exp
		q=
		for w in "${words[@]}"; do
			_kt_quote "$w"
			q+=" $_kt_q"
		done
		_kt_quote "$stdin"
		echo "${_differ_wrap}ipvsadm$q >\$2.$i.out 2>\$2.$i.err <$_kt_q; echo \$? >\$2.$i.rc"
	done
	# The resulting table is always listed by the reference tool, so a
	# listing bug of lvsadm cannot hide a wrong table.
	echo 'PATH=$4:$P0'
	echo 'ipvsadm -Sn >$2.S.out 2>$2.S.err </dev/null; echo $? >$2.S.rc'
	echo 'ipvsadm -Ln >$2.L.out 2>$2.L.err </dev/null; echo $? >$2.L.rc'
	echo ': >$2.done'
}

# differ: run the case on stdin with both tools and compare (see top).
differ() {
	kt_untraced _kt_differ "$@"
}

_kt_differ() {
	local out i s id label fail=0 ns_ref ns_sut run
	local -A quiet=()
	_differ_hosts=
	_differ_wrap=
	while (($#)); do
		case $1 in
		--differs) quiet[${2:-}.err]=1 quiet[${2:-}.rc]=1 ;;
		--differs-stdout) quiet[${2:-}.out]=1 ;;
		--differs-table)
			quiet[S.out]=1 quiet[L.out]=1
			shift
			continue
			;;
		--hosts) _differ_hosts=${2:-} ;;
		--unprivileged)
			# Dropped from the bounding set (and the inheritable set,
			# which could hand it back), CAP_NET_ADMIN is gone from
			# root's capabilities after the exec.
			_differ_wrap='setpriv --bounding-set=-net_admin --inh-caps=-net_admin '
			if ! command -v setpriv >/dev/null; then
				echo "differ: setpriv is not installed: apt-get install util-linux"
				return 1
			fi
			shift
			continue
			;;
		*)
			echo "differ: unknown option $1"
			return 1
			;;
		esac
		if [[ -z ${2:-} ]]; then
			echo "differ: $1 needs an argument"
			return 1
		fi
		shift 2
	done
	_differ_dir=$BATS_TEST_TMPDIR
	_differ_n=0
	_differ_label=()
	_differ_exp=()
	_differ_data=$BATS_TEST_DIRNAME/data
	[[ $_differ_data == /* ]] || _differ_data=$PWD/$_differ_data
	if [[ -n $_differ_hosts ]]; then
		_differ_hosts=$_differ_data/$_differ_hosts
		if [[ ! -f $_differ_hosts ]]; then
			echo "differ: no hosts file $_differ_hosts"
			return 1
		fi
	fi

	# ip -batch splits its lines on blanks and takes # for a comment.
	if [[ $_differ_dir$_KT_REF_BIN$_KT_SUT_BIN == *[[:space:]\#\"\'\\]* ]]; then
		echo "differ: temporary paths must not hold blanks, quotes or #: $_differ_dir"
		return 1
	fi

	_kt_script >"$_differ_dir/case.sh" || return 1

	# Guard against a vacuous case (empty heredoc, all lines commented).
	if ((_differ_n == 0)); then
		echo "differ: the case has no command lines"
		return 1
	fi
	for s in "${!quiet[@]}"; do
		id=${s%.*}
		[[ $id == [SL] ]] && continue
		if [[ ! $id =~ ^[0-9]+$ ]] || ((id < 1 || id > _differ_n)); then
			echo "differ: --differs names no command of this case: $id"
			return 1
		fi
	done

	# One ip process runs both tools in turn, each in a namespace of its
	# own.  ip stops at the first failure; teardown removes what is left.
	ns_ref=lvsadm-kt-$$-${BATS_SUITE_TEST_NUMBER:-0}-ref
	ns_sut=lvsadm-kt-$$-${BATS_SUITE_TEST_NUMBER:-0}-lvsadm
	_differ_ns=("$ns_ref" "$ns_sut")
	# A private hosts file needs a mount namespace of its own, so that
	# the bind mount cannot reach the rest of the system (unshare makes
	# every mount in it private).
	run=sh
	[[ -n $_differ_hosts ]] && run='unshare -m sh'
	{
		echo "netns add $ns_ref"
		echo "netns exec $ns_ref $run $_differ_dir/case.sh $_differ_dir ref $_KT_REF_BIN $_KT_REF_BIN"
		echo "netns del $ns_ref"
		echo "netns add $ns_sut"
		echo "netns exec $ns_sut $run $_differ_dir/case.sh $_differ_dir sut $_KT_SUT_BIN $_KT_REF_BIN"
		echo "netns del $ns_sut"
	} >"$_differ_dir/ip.batch"
	if ! out=$(ip -batch "$_differ_dir/ip.batch" 2>&1) ||
		[[ ! -e $_differ_dir/ref.done || ! -e $_differ_dir/sut.done ]]; then
		echo "differ: the case did not run to its end in its network namespaces"
		for s in ref sut; do
			[[ -e $_differ_dir/$s.done ]] && continue
			for ((i = 1; i <= _differ_n; i++)); do
				[[ -e $_differ_dir/$s.$i.rc ]] || break
			done
			label=${_differ_label[i]:-the final listing of the table}
			[[ $s == ref ]] && s=ipvsadm || s=lvsadm
			echo "  the $s run stopped at $label"
		done
		[[ -n $out ]] && echo "  ip -batch said: $out"
		return 1
	fi
	_differ_ns=()

	for ((i = 1; i <= _differ_n + 2; i++)); do
		id=$i
		label=${_differ_label[i]:-}
		if ((i == _differ_n + 1)); then
			id=S
			label="resulting table, as saved by the reference's ipvsadm -Sn"
		elif ((i == _differ_n + 2)); then
			id=L
			label="resulting table, as listed by the reference's ipvsadm -Ln"
		fi
		for s in out err rc; do
			[[ -n ${quiet[$id.$s]:-} ]] && continue
			if ! _kt_same "$_differ_dir/ref.$id.$s" "$_differ_dir/sut.$id.$s"; then
				_kt_report "$id" "$label"
				fail=1
				break
			fi
		done
	done
	if ((fail)); then
		echo "lvsadm ($LVSADM) differs from ipvsadm ($IPVSADM_REF)"
		return 1
	fi

	# What the case's lines say the reference does (=> STATUS MESSAGE).
	local _kt_who=ref
	for ((i = 1; i <= _differ_n; i++)); do
		[[ ${_differ_exp[i]:-} =~ ^([0-9]+)[[:blank:]]*(.*)$ ]] || continue
		s=${BASH_REMATCH[2]}
		_kt_expect_rc -l "$i" "${BASH_REMATCH[1]}" || fail=1
		if [[ -n $s ]]; then
			_kt_expect_stream err -l "$i" "$s" || fail=1
		fi
	done
	((fail == 0))
}

# --- expectations about the reference's own behaviour ---

# _kt_expect_line ARGS...: sets _kt_line (the command number, from -l N or
# the last command), _kt_arg (the expected value) and _kt_args (all the
# expected values).
_kt_expect_line() {
	_kt_line=$_differ_n
	if [[ ${1:-} == -l ]]; then
		_kt_line=${2:-}
		shift 2
	fi
	_kt_arg=${1:-}
	_kt_args=("$@")
	if ((${#_kt_args[@]} == 0)); then
		echo "expect: no expected value given"
		return 1
	fi
	if ((_differ_n == 0)); then
		echo "expect_ref: call differ first"
		return 1
	fi
	if [[ ! $_kt_line =~ ^[0-9]+$ ]] || ((_kt_line < 1 || _kt_line > _differ_n)); then
		echo "expect_ref: no command $_kt_line in this case"
		return 1
	fi
}

# _kt_has_line FILE TEXT...: true if lines of FILE are exactly each TEXT,
# in the order given (other lines may come between them).
_kt_has_line() {
	local -a lines
	local l file=$1
	shift
	mapfile -t lines <"$file" || return 1
	for l in "${lines[@]}"; do
		(($#)) || break
		[[ $l == "$1" ]] && shift
	done
	(($# == 0))
}

# _kt_expect_fail WHAT: report an unmet expectation about command _kt_line
# of the run _kt_who (ref or sut).
_kt_expect_fail() {
	local ref=$_differ_dir/$_kt_who.$_kt_line
	if [[ $_kt_who == ref ]]; then
		echo "the reference did not behave as this case assumes:"
	else
		echo "lvsadm did not behave as this case states:"
	fi
	echo "  $1"
	echo "  ${_differ_label[_kt_line]}"
	echo "  its exit status: $(<"$ref.rc")"
	echo "  its stdout:"
	sed 's/^/    /' "$ref.out"
	echo "  its stderr:"
	sed 's/^/    /' "$ref.err"
	return 1
}

_kt_expect_rc() {
	_kt_expect_line "$@" || return 1
	local rc=
	read -r rc <"$_differ_dir/$_kt_who.$_kt_line.rc"
	[[ $rc == "$_kt_arg" ]] ||
		_kt_expect_fail "expected exit status $_kt_arg"
}

# _kt_expect_stream out|err ARGS...
_kt_expect_stream() {
	local s=$1
	shift
	_kt_expect_line "$@" || return 1
	_kt_has_line "$_differ_dir/$_kt_who.$_kt_line.$s" "${_kt_args[@]}" && return 0
	if ((${#_kt_args[@]} == 1)); then
		_kt_expect_fail "expected a std$s line: $_kt_arg"
	else
		_kt_expect_fail "expected these std$s lines in this order:$(printf '\n    %s' "${_kt_args[@]}")"
	fi
}

# _kt_expect_table S|L TEXT
_kt_expect_table() {
	if ((_differ_n == 0)); then
		echo "expect_ref: call differ first"
		return 1
	fi
	_kt_has_line "$_differ_dir/ref.$1.out" "$2" && return 0
	echo "the reference did not behave as this case assumes:"
	echo "  expected a line of the final ipvsadm -${1}n: $2"
	echo "  the final ipvsadm -${1}n:"
	sed 's/^/    /' "$_differ_dir/ref.$1.out"
	return 1
}

# expect_ref_rc, expect_ref_stderr, expect_ref_stdout, and the same three
# for lvsadm's run, expect_sut_*: one definition for both runs.
for _kt_w in ref sut; do
	eval "expect_${_kt_w}_rc() { _kt_who=$_kt_w kt_untraced _kt_expect_rc \"\$@\"; }
	expect_${_kt_w}_stderr() { _kt_who=$_kt_w kt_untraced _kt_expect_stream err \"\$@\"; }
	expect_${_kt_w}_stdout() { _kt_who=$_kt_w kt_untraced _kt_expect_stream out \"\$@\"; }"
done
unset _kt_w

# _kt_expect_sut_table: lvsadm's resulting table against stdin.
_kt_expect_sut_table() {
	if ((_differ_n == 0)); then
		echo "expect_sut: call differ first"
		return 1
	fi
	cat >"$_differ_dir/expected.S"
	_kt_same "$_differ_dir/expected.S" "$_differ_dir/sut.S.out" && return 0
	echo "lvsadm did not behave as this case states:"
	echo "  its resulting table, as the reference's ipvsadm -Sn saves it:"
	diff -u --label expected --label lvsadm "$_differ_dir/expected.S" "$_differ_dir/sut.S.out"
	return 1
}

expect_sut_table() {
	kt_untraced _kt_expect_sut_table
}

expect_sut_empty_table() {
	kt_untraced _kt_expect_sut_table </dev/null
}

expect_ref_saved() {
	kt_untraced _kt_expect_table S "$1"
}

expect_ref_listed() {
	kt_untraced _kt_expect_table L "$1"
}

expect_ref_empty_table() {
	if ((_differ_n == 0)); then
		echo "expect_ref: call differ first"
		return 1
	fi
	[[ ! -s $_differ_dir/ref.S.out ]] && return 0
	echo "the reference did not behave as this case assumes:"
	echo "  expected an empty table; the final ipvsadm -Sn:"
	sed 's/^/    /' "$_differ_dir/ref.S.out"
	return 1
}
