// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Replay the fuzz corpus and the regression inputs through the fuzz
 * targets, one TAP line per file, each in a child process so that a crash
 * or a broken check fails that file and the rest still run.
 *
 *   replay			every file under $LVSADM_SRCDIR/tests/fuzz/
 *				{corpus,regressions}/TARGET/
 *   replay TARGET FILE...	the files given, through TARGET
 */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "fuzz.h"
#include "../unit/tap.h"

static const struct {
	const char *name;
	int (*run)(const uint8_t *data, size_t size);
} targets[] = {
	{ "cmdline", lvs_fuzz_cmdline },
	{ "restore", lvs_fuzz_restore },
	{ "addr", lvs_fuzz_addr },
};

#define NTARGETS TAP_COUNT(targets)

/* Read all of @path; NULL when it cannot be read. */
static uint8_t *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		return NULL;
	for (;;) {
		uint8_t *bigger;

		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			bigger = realloc(buf, cap);
			if (!bigger)
				break;
			buf = bigger;
		}
		n += fread(buf + n, 1, cap - n, f);
		if (n < cap)
			break;
	}
	if (ferror(f) || n > LVS_FUZZ_MAX_LEN) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*size = n;
	return buf;
}

/* Run @path through target @t in a child; one TAP line. */
static void replay_file(size_t t, const char *path, const char *label)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		tap_ok(0, "%s: fork: %s", label, strerror(errno));
		return;
	}
	if (pid == 0) {
		size_t size = 0;
		uint8_t *data = slurp(path, &size);

		if (!data) {
			fprintf(stderr, "%s: cannot read it\n", path);
			exit(3);
		}
		targets[t].run(data, size);
		free(data);
		/* exit(), not _exit(): LeakSanitizer checks at exit. */
		exit(0);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			tap_ok(0, "%s: waitpid: %s", label, strerror(errno));
			return;
		}
	if (WIFSIGNALED(status))
		tap_ok(0, "%s (%s: killed by signal %d)", label,
		       targets[t].name, WTERMSIG(status));
	else
		tap_ok(WEXITSTATUS(status) == 0, "%s (%s%s)", label,
		       targets[t].name, WEXITSTATUS(status) ? ": failed" : "");
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replay each regular file of @dir, in name order; how many there were. */
static size_t replay_dir(size_t t, const char *top, const char *kind)
{
	char dir[4096], path[8192], label[8192];
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/tests/fuzz/%s/%s", top, kind,
		 targets[t].name);
	d = opendir(dir);
	if (!d)
		return 0;
	while ((de = readdir(d))) {
		struct stat st;

		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (de->d_name[0] == '.' || stat(path, &st) ||
		    !S_ISREG(st.st_mode))
			continue;
		if (n == cap) {
			char **bigger;

			cap = cap ? cap * 2 : 64;
			bigger = realloc(names, cap * sizeof(*names));
			if (!bigger)
				break;
			names = bigger;
		}
		names[n] = strdup(de->d_name);
		if (names[n])
			n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		snprintf(label, sizeof(label), "%s/%s/%s", kind,
			 targets[t].name, names[i]);
		replay_file(t, path, label);
		free(names[i]);
	}
	free(names);
	return n;
}

int main(int argc, char **argv)
{
	const char *top = getenv("LVSADM_SRCDIR");

	if (argc > 1) {
		size_t t;

		for (t = 0; t < NTARGETS; t++)
			if (!strcmp(argv[1], targets[t].name))
				break;
		if (t == NTARGETS || argc < 3) {
			fprintf(stderr,
				"usage: %s [cmdline|restore|addr FILE...]\n",
				argv[0]);
			return 2;
		}
		for (int i = 2; i < argc; i++)
			replay_file(t, argv[i], argv[i]);
		return tap_done();
	}
	if (!top)
		top = ".";
	for (size_t t = 0; t < NTARGETS; t++) {
		/* The seed corpus must be there: an empty run proves nothing. */
		tap_ok(replay_dir(t, top, "corpus") > 0,
		       "the %s corpus is found under %s/tests/fuzz/corpus",
		       targets[t].name, top);
		replay_dir(t, top, "regressions");
	}
	return tap_done();
}
