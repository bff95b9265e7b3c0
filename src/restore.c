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

/* Where a word ends: a blank, or the end of the line. */
static const bool word_end[256] = {
	['\0'] = true, [' '] = true,  ['\t'] = true,
	['\r'] = true, ['\n'] = true,
};

static bool is_sep(char c)
{
	return c && word_end[(unsigned char)c];
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
		while (!word_end[(unsigned char)*w])
			w++;
		if (*w)
			*w++ = '\0';
		if (start[0] == 'i' && !strcmp(start, "ipvsadm"))
			continue;
		if (n == max)
			return -1;
		words[n++] = start;
	}
}

static void count(struct lvs_rules_count *n, const struct lvs_cmd *cmd)
{
	switch (cmd->kind) {
	case LVS_CMD_ADD:
		n->services++;
		break;
	case LVS_CMD_ADDDEST:
		n->servers++;
		break;
	case LVS_CMD_ADDVIP:
		n->vips += cmd->vip.n;
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

/* A line the play hook refused, and why. */
struct refusal {
	unsigned int line;
	const char *why;
};

struct reading {
	const char *name;
	const char *prog;
	struct lvs_rules *rules;
	FILE *diag;
	struct refusal *refused;
	size_t n_refused;
	size_t cap_refused;
};

static bool rules_add(struct lvs_rules *rules, const struct lvs_cmd *cmd)
{
	if (!lvs_grow((void **)&rules->cmds, &rules->cap, rules->n + 1,
		      sizeof(*rules->cmds)))
		return false;
	rules->cmds[rules->n++] = *cmd;
	return true;
}

/*
 * Hand @cmd to the play hook, and keep what it refuses for later: a line
 * that does not parse is reported first, and alone.
 */
static bool play(struct reading *rd, struct lvs_cmd *cmd)
{
	const char *why = rd->rules->play(rd->rules->play_arg, cmd);

	lvs_cmd_free(cmd);
	if (!why)
		return true;
	if (!lvs_grow((void **)&rd->refused, &rd->cap_refused,
		      rd->n_refused + 1, sizeof(*rd->refused)))
		return false;
	rd->refused[rd->n_refused++] = (struct refusal){ cmd->line, why };
	return true;
}

/* Parse one line; false (and a diagnostic) when it is bad. */
static bool parse_line(struct reading *rd, char *line, size_t len,
		       unsigned int lineno)
{
	const char *name = rd->name;
	FILE *diag = rd->diag;
	char *words[MAX_WORDS + 1];
	struct lvs_err err;
	struct lvs_cmd cmd;
	int n;

	if (memchr(line, '\0', len)) {
		fprintf(diag, "%s:%u: line contains a NUL byte\n", name,
			lineno);
		return false;
	}
	words[0] = (char *)rd->prog;
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
	count(&rd->rules->count, &cmd);
	if (rd->rules->play ? !play(rd, &cmd) : !rules_add(rd->rules, &cmd)) {
		fprintf(diag, "%s:%u: out of memory\n", name, lineno);
		if (!rd->rules->play)
			lvs_cmd_free(&cmd);
		return false;
	}
	return true;
}

int lvs_rules_read(FILE *in, const char *name, const char *prog,
		   struct lvs_rules *rules, FILE *diag, struct lvs_err *err)
{
	struct reading rd = { name, prog, rules, diag, NULL, 0, 0 };
	char *line = NULL;
	size_t cap = 0;
	unsigned int lineno = 0;
	int bad = 0;
	ssize_t len;

	errno = 0;
	while ((len = getline(&line, &cap, in)) >= 0) {
		lineno++;
		if (!parse_line(&rd, line, (size_t)len, lineno))
			bad++;
	}
	free(line);
	rules->lines = lineno;
	/* Lines that parse but cannot apply, once all parse. */
	for (size_t i = 0; !bad && i < rd.n_refused; i++)
		fprintf(diag, "%s:%u: %s\n", name, rd.refused[i].line,
			rd.refused[i].why);
	if (!bad)
		bad = (int)rd.n_refused;
	free(rd.refused);
	/* getline() also stops when it cannot allocate: that is no end. */
	if (ferror(in) || !feof(in))
		return lvs_fail(err, LVS_EXIT_USAGE, "%s: read error: %s", name,
				strerror(errno ? errno : EIO));
	return bad;
}
