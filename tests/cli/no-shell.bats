#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# No shell: lvsadm runs as root from init scripts, so it never hands a
# command line to a shell, and never looks a program up in PATH.  src/
# must not call system(), popen(), the PATH-searching exec functions or
# posix_spawnp(), nor name /bin/sh; every exec must take a fixed absolute
# path.  The checker is tried on planted sources first, so that it is
# known to find what it looks for.

setup() {
	srcdir=${LVSADM_SRCDIR:-$(cd "$(dirname "$BATS_TEST_FILENAME")/../.." && pwd)}
	[ -d "$srcdir/src" ]
}

# code FILE...: each line of the files as FILE:LINE:TEXT, with the
# comments left out, so that prose does not count (strings stay: a
# "/bin/sh" in one is what is looked for).
code() {
	awk '
	{
		line = $0; out = ""
		while (line != "") {
			if (incomment) {
				i = index(line, "*/")
				if (!i) { line = ""; break }
				line = substr(line, i + 2); incomment = 0
				continue
			}
			i = index(line, "/*"); j = index(line, "//")
			if (j && (!i || j < i)) { out = out substr(line, 1, j - 1); line = ""; break }
			if (!i) { out = out line; break }
			out = out substr(line, 1, i - 1); line = substr(line, i + 2); incomment = 1
		}
		print FILENAME ":" FNR ":" out
	}' "$@"
}

# forbidden DIR: print each call of a shell or PATH-searching function,
# and each mention of /bin/sh, in the C files of DIR.
forbidden() {
	code "$1"/*.[ch] |
		grep -E '(^|[^A-Za-z0-9_])(system|popen|execvp|execvpe|execlp|posix_spawnp)[[:space:]]*\(|/bin/sh' ||
		true
}

# unfixed DIR: print each exec whose path is not a string literal
# starting with "/", nor ARR[0] of an array ARR defined in the same file
# whose first element is such a literal.
unfixed() {
	local f line path arr
	for f in "$1"/*.c; do
		while IFS= read -r line; do
			path=${line#*:*:}
			path=$(sed -E 's/.*(execv|execve|execl|execle|posix_spawn|fexecve)[[:space:]]*\([[:space:]]*(&[^,]*,[^,]*,)?[[:space:]]*([^,)]*).*/\3/' <<<"$path")
			if [[ $path == \"/* ]]; then
				continue
			fi
			if [[ $path =~ ^([A-Za-z_][A-Za-z0-9_]*)\[0\]$ ]]; then
				arr=${BASH_REMATCH[1]}
				if code "$f" | grep -Eq "[^A-Za-z0-9_]$arr\[\][[:space:]]*=[[:space:]]*\{[[:space:]]*\"/"; then
					continue
				fi
			fi
			echo "$line"
		done < <(code "$f" | grep -E '(^|[^A-Za-z0-9_])(execv|execve|execl|execle|posix_spawn|fexecve)[[:space:]]*\(')
	done
}

@test "the checker finds system(), popen(), execvp(), execlp() and /bin/sh in planted code" {
	d=$BATS_TEST_TMPDIR/planted
	mkdir -p "$d"
	cat >"$d/a.c" <<'EOF'
/* system() in a comment is fine */
int f(void) { return system("ip addr"); }
// popen( in a comment is fine
void g(void) { FILE *p = popen("ls", "r"); }
void h(char **v) { execvp(v[0], v); }
void i(void) { execlp("modprobe", "modprobe", NULL); }
static const char *sh = "/bin/sh";
EOF
	run forbidden "$d"
	[ "${#lines[@]}" -eq 5 ]
	[[ ${lines[0]} == "$d/a.c:2:"* ]]
	[[ ${lines[4]} == "$d/a.c:7:"* ]]
}

@test "the checker finds an exec without a fixed absolute path in planted code" {
	d=$BATS_TEST_TMPDIR/planted
	mkdir -p "$d"
	cat >"$d/b.c" <<'EOF'
static void ok1(void) { char *const argv[] = { "/sbin/modprobe", "--", "ip_vs", NULL }; execv(argv[0], argv); }
static void ok2(void) { execl("/sbin/ip", "ip", NULL); }
static void bad1(char **v) { execv(v[0], v); }
static void bad2(void) { char *const args[] = { "modprobe", NULL }; execv(args[0], args); }
static void bad3(const char *p, char **v) { execve(p, v, NULL); }
EOF
	run unfixed "$d"
	[ "${#lines[@]}" -eq 3 ]
	[[ ${lines[0]} == "$d/b.c:3:"* ]]
	[[ ${lines[1]} == "$d/b.c:4:"* ]]
	[[ ${lines[2]} == "$d/b.c:5:"* ]]
}

@test "src/ calls no shell and no PATH-searching exec, and names no /bin/sh" {
	run forbidden "$srcdir/src"
	[ -z "$output" ] || {
		echo "found in src/:"
		echo "$output"
		return 1
	}
}

@test "every exec in src/ runs a fixed absolute path" {
	run unfixed "$srcdir/src"
	[ -z "$output" ] || {
		echo "execs without a fixed absolute path:"
		echo "$output"
		return 1
	}
	# And there is at least the modprobe exec to check, so that the test
	# looks at what it claims to.
	code "$srcdir"/src/*.c | grep -Eq '(^|[^A-Za-z0-9_])execv[[:space:]]*\('
}
