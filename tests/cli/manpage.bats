#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# man/lvsadm.8 stays clean for mandoc -Tlint and man --warnings, documents
# every option of the option table, and names the files that make install
# lays out.

bats_require_minimum_version 1.5.0

setup() {
	srcdir=${LVSADM_SRCDIR:-$(cd "$(dirname "$BATS_TEST_FILENAME")/../.." && pwd)}
	page=$srcdir/man/lvsadm.8
	[ -f "$page" ]
}

need() {
	command -v "$1" >/dev/null 2>&1 || {
		echo "$1 is missing: apt-get install $2 (contrib/install-deps installs it)"
		return 1
	}
}

# warnings FILE: what mandoc -Tlint and man --warnings say about FILE.
warnings() {
	mandoc -Tlint "$1" 2>&1 || echo "mandoc -Tlint: exit status $?"
	# man sends the formatter's warnings to stderr; the page itself goes
	# to /dev/null.
	LC_ALL=C.UTF-8 MANPAGER=cat PAGER=cat MANWIDTH=80 \
		man --warnings -l -Tutf8 "$1" 2>&1 >/dev/null ||
		echo "man: exit status $?"
}

@test "mandoc -Tlint and man --warnings find nothing to say" {
	need mandoc mandoc
	need man man-db
	run warnings "$page"
	echo "$output"
	[ -z "$output" ]
}

@test "the checks see a broken page (guards the test above)" {
	need mandoc mandoc
	need man man-db
	sed 's/^\.SH FILES$/.SH FILES\n.XY not a macro/' "$page" >"$BATS_TEST_TMPDIR/bad.8"
	run warnings "$BATS_TEST_TMPDIR/bad.8"
	[[ $output == *"unknown macro"* ]]
	[[ $output == *"macro 'XY' not defined"* ]]
}

@test "every long option of src/options.c is in the page" {
	src=$srcdir/src/options.c
	[ -f "$src" ]
	names=$(grep -o -E '(CMD|OPT)\("[a-z0-9-]+"|\.longname = "[a-z0-9-]+"' "$src" |
		sed -E 's/.*"([a-z0-9-]+)"$/\1/' | sort -u)
	[ "$(echo "$names" | wc -l)" -ge 60 ]
	missing=
	for n in $names; do
		# In roff source, each - of an option is written \-.
		grep -qF -- "\\-\\-${n//-/\\-}" "$page" || missing="$missing --$n"
	done
	[ -z "$missing" ] || {
		echo "not documented:$missing"
		return 1
	}
}

@test "the page has the sections users look for" {
	for s in NAME SYNOPSIS DESCRIPTION COMMANDS "REAL SERVER" CHECK \
		"JSON OUTPUT" "RULES FILES" SERVICES "EXIT STATUS" FILES \
		ENVIRONMENT COMPATIBILITY EXAMPLES "SEE ALSO"; do
		grep -qx "\\.SH \"\\{0,1\\}$s\"\\{0,1\\}" "$page" || {
			echo "no section $s"
			return 1
		}
	done
	grep -qx '\.SS The ipvsadm names' "$page"
}

@test "FILES and SERVICES name what make install lays out" {
	for f in /etc/lvsadm/rules /etc/default/lvsadm \
		'lib/systemd/system/lvsadm.service' \
		'lib/systemd/system/lvsadm\-realserver.service' \
		/etc/init.d/lvsadm 'share/bash\-completion/completions/lvsadm' \
		'sbin/ipvsadm\-save' 'sbin/ipvsadm\-restore' \
		'\-\-enable\-ipvsadm\-compat' '\-\-with\-initddir' \
		'\-\-with\-systemdsystemunitdir' '\-\-with\-bashcompletiondir' \
		LVSADM_RULES LVSADM_SAVE_ON_STOP LVSADM_VIPS LVSADM_VIP_INTERFACE \
		LVSADM_DEFAULTS; do
		grep -qF -- "$f" "$page" || {
			echo "the page does not mention $f"
			return 1
		}
	done
}

@test "the page says how the ipvsadm-restore wrapper differs: no clearing first" {
	text=$(sed -n '/^\.SS The ipvsadm names/,/^\.SH/p' "$page")
	[[ $text == *'lvsadm \-R \-\-sync'* ]]
	[[ $text == *'never clears the table first'* ]]
	[[ $text == *'ipvsadm \-C'* ]]
}

# rendered FILE: the page as man shows it, as plain text.
rendered() {
	LC_ALL=C.UTF-8 MANPAGER=cat PAGER=cat MANWIDTH=80 man -l "$1" 2>/dev/null |
		col -b
}

# trailing_off: rendered lines where a word is followed by a lone "..."
# (a sentence cut short, as ".BR .. ." renders), not "addr[,addr...]".
trailing_off() {
	grep -nE '[[:alpha:]] +\.\.\.( |$)' || true
}

@test "no sentence of the rendered page trails off into an ellipsis" {
	need man man-db
	need col bsdextrautils
	run trailing_off < <(rendered "$page")
	echo "$output"
	[ -z "$output" ]
	# LVSADM_RUNDIR's paragraph says what a valid value is, in full.
	text=$(rendered "$page" | sed -n '/^ENVIRONMENT/,/LVSADM_NETLINK_RCVBUF/p' | tr -s ' \t\n' ' ')
	[[ $text == *"It must be an absolute path with no .. component, of at most 239 bytes."* ]]
}

@test "the ellipsis check sees the sentence it was written for (guards the test above)" {
	need man man-db
	need col bsdextrautils
	printf '%s\n' '.TH X 8' '.SH ENVIRONMENT' 'an absolute path without' '.BR .. .' >"$BATS_TEST_TMPDIR/bad.8"
	run trailing_off < <(rendered "$BATS_TEST_TMPDIR/bad.8")
	echo "$output"
	[[ $output == *"without ..."* ]]
}

@test "the README states the documented differences beside its promise of the same output" {
	readme=$srcdir/README.md
	[ -f "$readme" ]
	# From the promise to the next section, as one line.
	text=$(sed -n '/the same output/,/^## /p' "$readme" | tr -s ' \n' ' ')
	[[ $text == *'the same commands and options, the same output'* ]]
	for want in 'COMPATIBILITY' '`-S` (and so `ipvsadm-save`) also saves the `-x`/`-y` thresholds' \
		'reports the kernel'"'"'s errors with their line numbers' 'exits 255' \
		'`ipvsadm-restore` never clears the table first' '200.0.0.1 sorts after 10.0.0.1' \
		'2147483648' '64 bits' '`-h` and `-v` need neither root nor IPVS'; do
		[[ $text == *"$want"* ]] || {
			echo "the README does not say, beside its promise: $want"
			return 1
		}
	done
}

# The files of contrib/ as the source tree holds them.
contrib_files() {
	# git only when srcdir is the top of a work tree: make distcheck's
	# unpacked tarball sits inside the build tree, itself often inside
	# the clone, where git would list nothing.
	local top
	top=$(git -C "$srcdir" rev-parse --show-toplevel 2>/dev/null) || top=
	if [ -n "$top" ] && [ "$top" = "$(cd "$srcdir" && pwd -P)" ]; then
		git -C "$srcdir" ls-files contrib
	else
		(cd "$srcdir" && find contrib -type f)
	fi
}

@test "the README's contrib list names every file of contrib/" {
	run contrib_files
	[ "${#lines[@]}" -ge 15 ]
	missing=
	for f in "${lines[@]}"; do
		grep -qF -- "\`$f" "$srcdir/README.md" || missing="$missing $f"
	done
	echo "not in README.md:$missing"
	[ -z "$missing" ]
}

@test "the man page's EXAMPLES or SEE ALSO names every shipped example" {
	# The sections as text: \- is a plain dash there.
	sed -n '/^\.SH EXAMPLES/,$p' "$page" | sed 's/\\-/-/g' >"$BATS_TEST_TMPDIR/tail"
	grep -q '^\.SH SEE ALSO' "$BATS_TEST_TMPDIR/tail"
	missing=
	for f in contrib/keepalived/keepalived.conf contrib/lab/director.rules \
		contrib/default/lvsadm contrib/dr-lab; do
		[ -f "$srcdir/$f" ]
		grep -qF -- "$f" "$BATS_TEST_TMPDIR/tail" || missing="$missing $f"
	done
	# And every example directory's files, whatever is added later.
	for f in "$srcdir"/contrib/keepalived/* "$srcdir"/contrib/lab/*.rules; do
		f=${f#"$srcdir"/}
		grep -qF -- "$f" "$BATS_TEST_TMPDIR/tail" || missing="$missing $f"
	done
	echo "not in EXAMPLES or SEE ALSO:$missing"
	[ -z "$missing" ]
}
