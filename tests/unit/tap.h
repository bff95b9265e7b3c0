/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A minimal TAP producer for the unit tests: each check prints one
 * "ok N - name" or "not ok N - name" line, and tap_done() prints the plan.
 */
#ifndef LVSADM_TAP_H
#define LVSADM_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The number of elements of the array @a. */
#define TAP_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A case of a table-driven test: an input and the text it must give. */
struct tap_case {
	const char *in;
	const char *want;
};

static int tap_count;
static int tap_failed;

__attribute__((format(printf, 2, 3))) static int tap_ok(int pass,
							const char *fmt, ...)
{
	va_list ap;

	tap_count++;
	if (!pass)
		tap_failed++;
	printf("%sok %d - ", pass ? "" : "not ", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	return pass;
}

/* Print @text as TAP diagnostics, one "# " line per line of text. */
static inline void tap_diag(const char *label, const char *text)
{
	printf("# %s:\n", label);
	if (!text) {
		printf("#   (null)\n");
		return;
	}
	while (*text) {
		size_t n = strcspn(text, "\n");

		printf("#   |%.*s|\n", (int)n, text);
		text += n;
		if (*text)
			text++;
	}
}

/* Compare two strings; on a difference show both. */
static inline int tap_str(const char *got, const char *want, const char *name)
{
	int pass = got && want ? !strcmp(got, want) : got == want;

	tap_ok(pass, "%s", name);
	if (!pass) {
		tap_diag("want", want);
		tap_diag("got", got);
	}
	return pass;
}

static inline int tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif
