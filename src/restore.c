// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Reading a rules file: every line is parsed and validated before any is
 * applied, so that a bad line changes nothing.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "restore.h"

#define MAX_WORDS 128

static bool is_sep(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Words end at blanks; a word that starts with '#' ends the line. */
int lvs_split_line(char *line, char **words, int max)
{
	char *w = line, *start;
	int n = 0;

	for (;;) {
		while (is_sep(*w))
			w++;
		if (!*w || *w == '#')
			return n;
		start = w;
		while (*w && !is_sep(*w))
			w++;
		if (*w)
			*w++ = '\0';
		if (!strcmp(start, "ipvsadm"))
			continue;
		if (n == max)
			return -1;
		words[n++] = start;
	}
}

void lvs_rules_count(const struct lvs_rules *rules,
		     struct lvs_rules_count *count)
{
	memset(count, 0, sizeof(*count));
	for (size_t i = 0; i < rules->n; i++)
		switch (rules->cmds[i].kind) {
		case LVS_CMD_ADD:
			count->services++;
			break;
		case LVS_CMD_ADDDEST:
			count->servers++;
			break;
		case LVS_CMD_ADDVIP:
			count->vips += rules->cmds[i].vip.n;
			break;
		default:
			break;
		}
}

void lvs_rules_free(struct lvs_rules *rules)
{
	for (size_t i = 0; i < rules->n; i++)
		lvs_cmd_free(&rules->cmds[i]);
	free(rules->cmds);
	memset(rules, 0, sizeof(*rules));
}

static struct lvs_cmd *rules_add(struct lvs_rules *rules)
{
	if (!lvs_grow((void **)&rules->cmds, &rules->cap, rules->n + 1,
		      sizeof(*rules->cmds)))
		return NULL;
	return &rules->cmds[rules->n++];
}

/* Parse one line; false (and a diagnostic) when it is bad. */
static bool parse_line(char *line, size_t len, unsigned int lineno,
		       const char *name, const char *prog,
		       struct lvs_rules *rules, FILE *diag)
{
	char *words[MAX_WORDS + 1];
	struct lvs_err err;
	struct lvs_cmd cmd;
	int n;

	if (memchr(line, '\0', len)) {
		fprintf(diag, "%s:%u: line contains a NUL byte\n", name,
			lineno);
		return false;
	}
	words[0] = (char *)prog;
	n = lvs_split_line(line, words + 1, MAX_WORDS);
	if (n < 0) {
		fprintf(diag, "%s:%u: more than %d words on one line\n", name,
			lineno, MAX_WORDS);
		return false;
	}
	if (n == 0)
		return true;
	if (lvs_parse_args(n + 1, (const char **)words, true, &cmd, &err)) {
		fprintf(diag, "%s:%u: %s\n", name, lineno, err.msg);
		return false;
	}
	cmd.line = lineno;
	if (!rules_add(rules)) {
		fprintf(diag, "%s:%u: out of memory\n", name, lineno);
		return false;
	}
	rules->cmds[rules->n - 1] = cmd;
	return true;
}

int lvs_rules_read(FILE *in, const char *name, const char *prog,
		   struct lvs_rules *rules, FILE *diag, struct lvs_err *err)
{
	char *line = NULL;
	size_t cap = 0;
	unsigned int lineno = 0;
	int bad = 0;
	ssize_t len;

	errno = 0;
	while ((len = getline(&line, &cap, in)) >= 0) {
		lineno++;
		if (!parse_line(line, (size_t)len, lineno, name, prog, rules,
				diag))
			bad++;
	}
	free(line);
	rules->lines = lineno;
	/* getline() also stops when it cannot allocate: that is no end. */
	if (ferror(in) || !feof(in))
		return lvs_fail(err, LVS_EXIT_USAGE, "%s: read error: %s", name,
				strerror(errno ? errno : EIO));
	return bad;
}
