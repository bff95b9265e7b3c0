#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# make install DESTDIR=... from the build tree under test (LVSADM_BUILDDIR):
# the program, the man page, the completion and the units where
# distributions expect them, the ipvsadm names only with IPVSADM_COMPAT=yes
# (what --enable-ipvsadm-compat sets), and make uninstall takes it all
# back.  Then the ipvsadm-save and ipvsadm-restore wrappers at work, with
# a stand-in lvsadm.

bats_require_minimum_version 1.5.0

setup() {
	: "${LVSADM_BUILDDIR:?LVSADM_BUILDDIR must name the build tree (run through make check)}"
	[ -f "$LVSADM_BUILDDIR/Makefile" ]
	srcdir=${LVSADM_SRCDIR:-$(cd "$(dirname "$BATS_TEST_FILENAME")/../.." && pwd)}
	here=$srcdir/tests/cli
	dest=$BATS_TEST_TMPDIR/dest
}

# mk ARGS...: make in the build tree, out of reach of a calling make's
# jobserver and flags.
mk() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
		make -s --no-print-directory -C "$LVSADM_BUILDDIR" "$@"
}

# var NAME: a variable of the build tree's Makefile, as make expands it.
var() {
	printf 'lvs-print:\n\t@echo $(%s)\n' "$1" | mk -f Makefile -f - lvs-print
}

# installed: the files and links under $dest, relative, sorted.
installed() {
	(cd "$dest" && find . ! -type d | sed 's|^\./||' | sort)
}

@test "make install lays out the program, man page, completion and units" {
	sbindir=$(var sbindir)
	mandir=$(var mandir)
	compdir=$(var bashcompletiondir)
	unitdir=$(var systemdsystemunitdir)
	[[ $sbindir == /* && $mandir == /* && $compdir == /* ]]
	mk install DESTDIR="$dest" IPVSADM_COMPAT=no >/dev/null

	[ -x "$dest$sbindir/lvsadm" ]
	cmp "$dest$mandir/man8/lvsadm.8" "$srcdir/man/lvsadm.8"
	[[ $compdir == */bash-completion/completions ]]
	cmp "$dest$compdir/lvsadm" "$LVSADM_BUILDDIR/contrib/bash-completion/lvsadm"
	if [ "$unitdir" != no ]; then
		[[ $unitdir == */lib/systemd/system ]]
		[ -f "$dest$unitdir/lvsadm-metrics.timer" ]
		for u in lvsadm.service lvsadm-realserver.service lvsadm-metrics.service; do
			[ -f "$dest$unitdir/$u" ]
			# The units run the lvsadm that was installed.
			grep -q "^ExecStart=.*$sbindir/lvsadm " "$dest$unitdir/$u"
		done
	fi
	# Without the compat names, nothing is called ipvsadm.
	run installed
	[[ $output != *ipvsadm* ]]
	[ -n "$("$dest$sbindir/lvsadm" -v)" ]
}

@test "the init script is installed only when configured with --with-initddir" {
	initddir=$(var initddir)
	mk install DESTDIR="$dest" >/dev/null
	if [ "$initddir" = no ]; then
		run installed
		[[ $output != *init.d* ]]
	else
		[ -x "$dest$initddir/lvsadm" ]
		grep -q "^LVSADM_BIN=$(var sbindir)/lvsadm$" "$dest$initddir/lvsadm"
	fi
}

@test "IPVSADM_COMPAT=yes adds ipvsadm (a link that speaks as ipvsadm), ipvsadm-save and ipvsadm-restore" {
	sbindir=$(var sbindir)
	mk install DESTDIR="$dest" IPVSADM_COMPAT=yes >/dev/null

	[ "$(readlink "$dest$sbindir/ipvsadm")" = lvsadm ]
	PATH="$dest$sbindir:$PATH" ipvsadm -h >"$BATS_TEST_TMPDIR/help"
	diff -u "$here/ipvsadm-help.txt" "$BATS_TEST_TMPDIR/help"
	for w in ipvsadm-save ipvsadm-restore; do
		[ -x "$dest$sbindir/$w" ]
		sh -n "$dest$sbindir/$w"
		# Each runs the installed lvsadm, by its full path.
		grep -q "^exec $sbindir/lvsadm " "$dest$sbindir/$w"
	done
}

@test "make uninstall takes back everything make install put, ipvsadm names included" {
	mk install DESTDIR="$dest" IPVSADM_COMPAT=yes >/dev/null
	run installed
	[ "${#lines[@]}" -ge 5 ]
	mk uninstall DESTDIR="$dest" IPVSADM_COMPAT=yes >/dev/null
	run installed
	[ -z "$output" ]
}

@test "installing twice with the compat names works (the link is replaced)" {
	mk install DESTDIR="$dest" IPVSADM_COMPAT=yes >/dev/null
	mk install DESTDIR="$dest" IPVSADM_COMPAT=yes >/dev/null
	[ "$(readlink "$dest$(var sbindir)/ipvsadm")" = lvsadm ]
}

# --- the wrappers, generated here with a stand-in lvsadm ---

# wrapper NAME: make $BATS_TEST_TMPDIR/NAME from its template, running a
# stand-in lvsadm that logs its arguments and standard input.
wrapper() {
	local fake=$BATS_TEST_TMPDIR/fake
	mkdir -p "$fake"
	cat >"$fake/lvsadm" <<-EOF
		#!/bin/sh
		echo "lvsadm \$*" >>"$BATS_TEST_TMPDIR/calls"
		case "\$1" in
		-R) sed 's/^/< /' >>"$BATS_TEST_TMPDIR/calls" ;;
		-S) echo "-A -t 10.0.0.10:80 -s rr" ;;
		esac
	EOF
	chmod +x "$fake/lvsadm"
	sed "s|@sbindir@|$fake|g" "$srcdir/contrib/compat/$1.in" >"$BATS_TEST_TMPDIR/$1"
	chmod +x "$BATS_TEST_TMPDIR/$1"
}

@test "ipvsadm-save runs lvsadm -S, with -n when given" {
	wrapper ipvsadm-save
	run "$BATS_TEST_TMPDIR/ipvsadm-save"
	[ "$status" -eq 0 ]
	[ "$output" = "-A -t 10.0.0.10:80 -s rr" ]
	run "$BATS_TEST_TMPDIR/ipvsadm-save" -n
	[ "$status" -eq 0 ]
	[ "$(cat "$BATS_TEST_TMPDIR/calls")" = $'lvsadm -S\nlvsadm -S -n' ]
}

@test "ipvsadm-save with another option prints the usage and exits 1, as ipvsadm-save does" {
	wrapper ipvsadm-save
	run --separate-stderr "$BATS_TEST_TMPDIR/ipvsadm-save" -x
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "${stderr_lines[0]}" = "ipvsadm-save: Script to save the IPVS table to stdout." ]
	[ ! -e "$BATS_TEST_TMPDIR/calls" ]
}

@test "ipvsadm-restore runs lvsadm -R --sync on its input, and never lvsadm -C" {
	wrapper ipvsadm-restore
	printf '%s\n' '# saved' '-A -t 10.0.0.10:80 -s rr' >"$BATS_TEST_TMPDIR/rules"
	run "$BATS_TEST_TMPDIR/ipvsadm-restore" ignored-argument <"$BATS_TEST_TMPDIR/rules"
	[ "$status" -eq 0 ]
	diff -u - "$BATS_TEST_TMPDIR/calls" <<-'EOF'
		lvsadm -R --sync
		< # saved
		< -A -t 10.0.0.10:80 -s rr
	EOF
}

@test "a bare --with-initddir means /etc/init.d, whatever the prefix" {
	[ -x "$srcdir/configure" ] || skip "no configure in $srcdir (run autoreconf -fi)"
	mkdir -p "$BATS_TEST_TMPDIR/b"
	cd "$BATS_TEST_TMPDIR/b"
	# Without --sysconfdir, which would hide the old SYSCONFDIR/init.d.
	"$srcdir/configure" --prefix=/usr --with-initddir >/dev/null
	[ "$(LVSADM_BUILDDIR=$PWD var initddir)" = /etc/init.d ]
	[ "$(LVSADM_BUILDDIR=$PWD var sbindir)" = /usr/sbin ]
	[ "$(LVSADM_BUILDDIR=$PWD var systemdsystemunitdir)" = /usr/lib/systemd/system ]
	# The script itself installs there, naming the program's directory.
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s install-initdSCRIPTS \
		DESTDIR="$dest" >/dev/null
	[ -x "$dest/etc/init.d/lvsadm" ]
	grep -qx 'LVSADM_BIN=/usr/sbin/lvsadm' "$dest/etc/init.d/lvsadm"
}
