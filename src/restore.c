// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Reading a rules file: every line is parsed and validated before any is
 * applied, so that a bad line changes nothing.
 */
#include <errno.h>
#include <stdint.h>
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

/*
 * Where the word at @w ends: at a blank, or at @lim, the line's end.
 * Eight bytes at a time where the machine allows it: a byte below '!' is
 * found with arithmetic on the eight (the lowest one so flagged is
 * exact), and then looked at.
 */
static char *word_stop(char *w, const char *lim)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101ULL;

	while (lim - w >= 8) {
		uint64_t x, low;

		memcpy(&x, w, sizeof(x));
		low = (x - 0x21 * ones) & ~x & (0x80 * ones);
		if (!low) {
			w += 8;
			continue;
		}
		w += __builtin_ctzll(low) / 8;
		if (word_end[(unsigned char)*w])
			return w;
		w++; /* a control character inside the word */
	}
#else
	(void)lim;
#endif
	while (!word_end[(unsigned char)*w])
		w++;
	return w;
}

/*
 * Split @line (@len bytes, then a NUL) at blanks into at most @max words;
 * a word that starts with '#' ends the line.  *@end is where the reading
 * stopped: @line + @len when it was read to the end.
 */
static int split(char *line, size_t len, char **words, int max, char **end)
{
	const char *lim = line + len;
	char *w = line, *start;
	int n = 0;

	for (;;) {
		while (is_sep(*w))
			w++;
		if (!*w || *w == '#')
			break;
		start = w;
		w = word_stop(w, lim);
		if (*w)
			*w++ = '\0';
		if (start[0] == 'i' && !strcmp(start, "ipvsadm"))
			continue;
		if (n == max) {
			n = -1;
			break;
		}
		words[n++] = start;
	}
	*end = w;
	return n;
}

int lvs_split_line(char *line, char **words, int max)
{
	char *end;

	return split(line, strlen(line), words, max, &end);
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
	char *words[MAX_WORDS + 1], *end;
	struct lvs_err err;
	struct lvs_cmd cmd;
	int n;

	words[0] = (char *)rd->prog;
	n = split(line, len, words + 1, MAX_WORDS, &end);
	/* Read to its end, a line has no NUL before it; else look. */
	if ((end != line + len || n < 0) &&
	    memchr(end, '\0', len - (size_t)(end - line))) {
		fprintf(diag, "%s:%u: line contains a NUL byte\n", name,
			lineno);
		return false;
	}
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

/*
 * The input, read in blocks: a file of 100,000 lines costs less this way
 * than a getline() for each.  A line is handed out without its newline.
 */
#define BLOCK 65536

struct input {
	FILE *in;
	char *buf;
	size_t cap;
	size_t start; /* of the next line */
	size_t end; /* of what was read */
	bool eof;
};

/* The next line and its length, NULL at the end or (errno) on an error. */
static char *next_line(struct input *r, size_t *len)
{
	for (;;) {
		char *s = r->buf + r->start, *nl;
		size_t left = r->end - r->start, got;

		nl = left ? memchr(s, '\n', left) : NULL;
		if (nl || (r->eof && left)) {
			*len = nl ? (size_t)(nl - s) : left;
			s[*len] = '\0';
			r->start += *len + (nl != NULL);
			return s;
		}
		if (r->eof)
			return NULL;
		/* A line begun: to the front, with a block of room after it. */
		if (r->start)
			memmove(r->buf, s, left);
		r->start = 0;
		r->end = left;
		if (r->cap - left < BLOCK + 1) {
			size_t cap = left + BLOCK + 1;
			char *b = cap > left ? realloc(r->buf, cap) : NULL;

			if (!b) {
				errno = ENOMEM;
				return NULL;
			}
			r->buf = b;
			r->cap = cap;
		}
		got = fread(r->buf + r->end, 1, BLOCK, r->in);
		r->end += got;
		if (got < BLOCK) {
			if (ferror(r->in))
				return NULL;
			r->eof = true;
		}
	}
}

int lvs_rules_read(FILE *in, const char *name, const char *prog,
		   struct lvs_rules *rules, FILE *diag, struct lvs_err *err)
{
	struct reading rd = { name, prog, rules, diag, NULL, 0, 0 };
	struct input r = { .in = in };
	unsigned int lineno = 0;
	int bad = 0;
	size_t len;
	char *line;

	errno = 0;
	while ((line = next_line(&r, &len))) {
		lineno++;
		if (!parse_line(&rd, line, len, lineno))
			bad++;
	}
	free(r.buf);
	rules->lines = lineno;
	/* Lines that parse but cannot apply, once all parse. */
	for (size_t i = 0; !bad && i < rd.n_refused; i++)
		fprintf(diag, "%s:%u: %s\n", name, rd.refused[i].line,
			rd.refused[i].why);
	if (!bad)
		bad = (int)rd.n_refused;
	free(rd.refused);
	/* Out of memory or a read error: that is no end. */
	if (!r.eof)
		return lvs_fail(err, LVS_EXIT_USAGE, "%s: read error: %s", name,
				strerror(errno ? errno : EIO));
	return bad;
}
