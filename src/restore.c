// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Restore in two phases, like nft -f: parse and validate the whole input,
 * and only when every line is good, apply it.  A bad line therefore
 * changes nothing.  Kernel errors while applying are reported with their
 * line, and the rest is still applied, as ipvsadm does; the exit status
 * then says that something failed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "restore.h"
#include "state.h"
#include "sync.h"

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
	if (ferror(in))
		return lvs_fail(err, LVS_EXIT_USAGE, "%s: read error: %s", name,
				strerror(errno));
	return bad;
}

struct applying {
	struct lvs_ctx *ctx;
	const struct lvs_rules *rules;
	const char *name;
	int failed;
};

static void report(struct applying *a, const struct lvs_cmd *cmd,
		   const char *msg)
{
	fprintf(a->ctx->diag, "%s:%u: %s\n", a->name, cmd->line, msg);
	a->failed++;
}

static void on_result(void *arg, size_t i, int err)
{
	struct applying *a = arg;
	const struct lvs_cmd *cmd = &a->rules->cmds[i];

	if (err == -ENOBUFS)
		report(a, cmd,
		       "the kernel's answer was lost (receive buffer overrun); this line may or may not have been applied");
	else if (err)
		report(a, cmd, ipvs_strerror(ipvs_cmd_op(cmd->kind), -err));
}

static int apply(struct lvs_ctx *ctx, const struct lvs_rules *rules,
		 const char *name, struct lvs_err *err)
{
	struct applying a = { .ctx = ctx, .rules = rules, .name = name };
	struct ipvs_pipe *pipe = NULL;

	/* Without IPVS none of its lines can work: apply nothing. */
	for (size_t i = 0; i < rules->n; i++)
		if (rules->cmds[i].kind < LVS_CMD_ADDVIP) {
			if (lvs_need_ipvs(ctx, err) || lvs_lock_host(err))
				return -1;
			pipe = ipvs_pipe_new(ctx->ipvs, on_result, &a);
			if (!pipe)
				return lvs_fail(err, LVS_EXIT_SYSTEM,
						"out of memory");
			break;
		}
	for (size_t i = 0; i < rules->n; i++) {
		const struct lvs_cmd *cmd = &rules->cmds[i];
		struct lvs_err e;

		/* Changes go in batches; anything else waits for them. */
		if (pipe && ipvs_is_change(cmd->kind)) {
			if (ipvs_pipe_add(pipe, cmd, i))
				report(&a, cmd, "out of memory");
			continue;
		}
		if (pipe)
			ipvs_pipe_flush(pipe);
		if (!lvs_run(ctx, cmd, &e))
			continue;
		if (e.msg[0])
			report(&a, cmd, e.msg);
		else
			a.failed++;
	}
	if (pipe) {
		ipvs_pipe_flush(pipe);
		ipvs_pipe_free(pipe);
	}
	if (a.failed)
		return lvs_fail(err, LVS_EXIT_KERNEL, "%s", "");
	return 0;
}

int lvs_restore(struct lvs_ctx *ctx, FILE *in, const char *name,
		unsigned int mode, struct lvs_err *err)
{
	struct lvs_rules rules = { 0 };
	int bad, r;

	bad = lvs_rules_read(in, name, ctx->prog, &rules, ctx->diag, err);
	if (bad < 0) {
		r = -1;
	} else if (bad > 0) {
		r = lvs_fail(err, LVS_EXIT_USAGE,
			     "%s: %d bad line%s, nothing applied", name, bad,
			     bad == 1 ? "" : "s");
	} else if (mode & LVS_RESTORE_SYNC) {
		r = lvs_sync(ctx, &rules, name, mode, err);
	} else if (mode & LVS_RESTORE_DRYRUN) {
		r = 0;
	} else {
		r = apply(ctx, &rules, name, err);
	}
	lvs_rules_free(&rules);
	return r;
}
