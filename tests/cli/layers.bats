#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The shape of src/, as doc/architecture.md draws it: no circular
# dependency between source files, libnl used by the kernel layers only,
# the environment read in main alone, no exit() below main, an SPDX line
# on every file.  Each checker is first tried on planted files, so that it
# is known to find what it looks for.

setup() {
	srcdir=${LVSADM_SRCDIR:-$(cd "$(dirname "$BATS_TEST_FILENAME")/../.." && pwd)}
	[ -d "$srcdir/src" ]
}

# cycles DIR: the modules of DIR/*.[ch] that are on a circle of #include
# "x.h" (x.c and x.h count as one module x), one per line; nothing when
# the modules can be layered.  A module is on a circle when it can reach
# itself.
cycles() {
	awk '
	FNR == 1 {
		mod = FILENAME; sub(/.*\//, "", mod); sub(/\.[ch]$/, "", mod)
		mods[mod] = 1
	}
	/^#include "[^"]+\.h"/ {
		inc = $2; gsub(/"/, "", inc); sub(/\.h$/, "", inc)
		if (inc != mod)
			next_of[mod] = next_of[mod] " " inc
	}
	END {
		for (m in mods) {
			split("", seen); n = split(next_of[m], todo, " ")
			while (n > 0) {
				x = todo[n--]
				if (x == m) { print m; break }
				if (x in seen || !(x in mods)) continue
				seen[x] = 1
				k = split(next_of[x], more, " ")
				for (i = 1; i <= k; i++) todo[++n] = more[i]
			}
		}
	}' "$1"/*.[ch] | sort
}

@test "the cycle finder finds a planted circle, and only it" {
	d=$BATS_TEST_TMPDIR/src
	mkdir -p "$d"
	printf '#include "b.h"\n' >"$d/a.c"
	printf '#include "c.h"\n' >"$d/b.c"
	printf '#include "a.h"\n#include "d.h"\n' >"$d/c.c"
	printf '#include "e.h"\n' >"$d/d.c"
	printf '#include <stdio.h>\n' >"$d/e.c"
	printf '#include "a.h"\n' >"$d/main.c"
	: >"$d/a.h" >"$d/b.h" >"$d/c.h" >"$d/d.h" >"$d/e.h"
	[ "$(cycles "$d")" = "a
b
c" ]
	printf '#include "d.h"\n' >"$d/c.c"
	[ -z "$(cycles "$d")" ]
}

@test "no circular dependency between the source files" {
	run cycles "$srcdir/src"
	echo "modules on a circle of includes: $output"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "only the kernel layers use libnl" {
	run grep -l '#include <netlink/' "$srcdir"/src/*.[ch]
	echo "$output"
	for f in $output; do
		case ${f##*/} in
		ipvs.c | ipvs-msg.c | ipvs-msg.h | nlerr.c | route.c) ;;
		*) return 1 ;;
		esac
	done
	# The check itself sees an include.
	grep -q '#include <netlink/' "$srcdir/src/ipvs.c"
}

@test "the environment is read in main alone, and only main exits" {
	run grep -lE '\<(getenv|secure_getenv)\(' "$srcdir"/src/*.[ch]
	echo "getenv in: $output"
	[ "$output" = "$srcdir/src/main.c" ]
	# (_exit() in a forked child that failed to exec is fine.)
	run grep -lE '(^|[^_a-z])(exit|abort)\(' "$srcdir"/src/*.[ch]
	echo "exit in: $output"
	[ -z "$output" ] || [ "$output" = "$srcdir/src/main.c" ]
}

@test "every source file starts with its SPDX licence line" {
	for f in "$srcdir"/src/*.[ch] "$srcdir"/tests/unit/*.[ch]; do
		head -n 1 "$f" | grep -qE '^(//|/\*) SPDX-License-Identifier: GPL-2.0-or-later' || {
			echo "no SPDX line: $f"
			return 1
		}
	done
}
