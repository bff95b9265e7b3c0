// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target for the rules-file reader, lvs_rules_read(): the whole-file
 * parse and validation that -R does before anything reaches the kernel.
 */
#include <string.h>

#include "fuzz.h"
#include "restore.h"

#define NAME "in"

/* Lines as getline() sees them: a last line need not end in newline. */
static unsigned int count_lines(const uint8_t *data, size_t size)
{
	unsigned int n = 0;

	for (size_t i = 0; i < size; i++)
		n += data[i] == '\n';
	return n + (size && data[size - 1] != '\n');
}

/*
 * Each bad line gives one "in:<line>: <message>" record, in line order.
 * A message may end in a newline of its own (ipvsadm's "-6 used before
 * -f"), which leaves an empty line; nothing else may be there.
 */
static int count_records(const char *diag, unsigned int lines)
{
	unsigned long last = 0;
	int n = 0;

	while (*diag) {
		const char *eol = strchr(diag, '\n');
		char *end;

		FUZZ_CHECK(eol);
		if (eol != diag) {
			unsigned long line;

			FUZZ_CHECK(!strncmp(diag, NAME ":", strlen(NAME ":")));
			line = strtoul(diag + strlen(NAME ":"), &end, 10);
			FUZZ_CHECK(end[0] == ':' && end[1] == ' ');
			FUZZ_CHECK(line > last && line <= lines);
			last = line;
			n++;
		}
		diag = eol + 1;
	}
	return n;
}

int lvs_fuzz_restore(const uint8_t *data, size_t size)
{
	struct lvs_rules rules = { 0 };
	struct lvs_err err = { 0 };
	unsigned int lines = count_lines(data, size), last = 0;
	char *diag = NULL;
	size_t dlen = 0;
	FILE *in, *d;
	int bad;

	if (!size || size > LVS_FUZZ_MAX_LEN)
		return 0;
	in = fmemopen((void *)data, size, "r");
	d = open_memstream(&diag, &dlen);
	FUZZ_CHECK(in && d);
	bad = lvs_rules_read(in, NAME, "ipvsadm", &rules, d, &err);
	fclose(in);
	fclose(d);

	FUZZ_CHECK(bad >= 0);
	FUZZ_CHECK(count_records(diag, lines) == bad);
	FUZZ_CHECK(rules.n + (size_t)bad <= lines);
	FUZZ_CHECK(rules.n <= rules.cap);
	for (size_t i = 0; i < rules.n; i++) {
		const struct lvs_cmd *cmd = &rules.cmds[i];

		FUZZ_CHECK(cmd->line > last && cmd->line <= lines);
		last = cmd->line;
		FUZZ_CHECK(cmd->kind >= LVS_CMD_ADD &&
			   cmd->kind < LVS_NUM_CMDS &&
			   cmd->kind != LVS_CMD_RESTORE);
	}
	lvs_rules_free(&rules);
	FUZZ_CHECK(!rules.cmds && !rules.n);
	free(diag);
	return 0;
}
