// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Command handlers.  Each is short: parsing, the kernel and the formats
 * live elsewhere.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "check.h"
#include "commands.h"
#include "conn.h"
#include "exec.h"
#include "graceful.h"
#include "options.h"
#include "output.h"
#include "plan.h"
#include "print.h"
#include "realserver.h"
#include "restore.h"
#include "state.h"
#include "sync.h"

#define IPVS_VERSION_TEXT "IPVS v1.2.1"

const char *lvs_version_text(const struct lvs_ctx *ctx)
{
	if (ctx->ipvsadm)
		return "ipvsadm v1.31 2019/12/24 (compiled with popt and " IPVS_VERSION_TEXT
		       ")";
	return "lvsadm " PACKAGE_VERSION
	       " (ipvsadm v1.31 compatible, " IPVS_VERSION_TEXT ")";
}

/* The LVS_RESTORE_* flags of -R's options. */
static unsigned int restore_mode(const struct lvs_cmd *cmd)
{
	static const struct {
		enum lvs_optclass opt;
		unsigned int mode;
	} map[] = {
		{ LVS_OPT_SYNC, LVS_RESTORE_SYNC },
		{ LVS_OPT_DRYRUN, LVS_RESTORE_DRYRUN },
		{ LVS_OPT_DRAIN, LVS_RESTORE_DRAIN },
		{ LVS_OPT_GRACEFUL, LVS_RESTORE_GRACEFUL },
	};
	unsigned int mode = 0;

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (cmd->options & LVS_OPTBIT(map[i].opt))
			mode |= map[i].mode;
	return mode;
}

/* Fetch, sort and print the destinations of @e. */
static int print_with_dests(struct lvs_ctx *ctx, const struct lvs_writer *w,
			    struct lvs_service_entry *e, unsigned int format,
			    bool first, struct lvs_err *err)
{
	int r = ipvs_get_dests(ctx->ipvs, e, true);

	if (r)
		return lvs_fail(err, LVS_EXIT_LIST, "%s",
				ipvs_strerror(IPVS_OP_GET_DESTS, -r));
	if (!(format & LVS_FMT_NOSORT))
		lvs_service_sort_dests(e);
	w->service(ctx->out, e, format, first);
	return 0;
}

/* The timeouts and sync daemons, for a writer that shows them. */
static int globals(struct lvs_ctx *ctx, const struct lvs_writer *w,
		   struct lvs_err *err)
{
	struct lvs_timeout t;
	struct lvs_daemon d[2];
	int r;

	if (!w->globals)
		return 0;
	r = ipvs_get_timeout(ctx->ipvs, &t);
	if (r)
		return lvs_fail(err, LVS_EXIT_LIST, "%s",
				ipvs_strerror(IPVS_OP_GET_TIMEOUT, -r));
	r = ipvs_get_daemons(ctx->ipvs, d);
	if (r)
		return lvs_fail(err, LVS_EXIT_LIST, "%s",
				ipvs_strerror(IPVS_OP_GET_DAEMON, -r));
	w->globals(ctx->out, &t, d);
	return 0;
}

int lvs_list_all(struct lvs_ctx *ctx, unsigned int format, struct lvs_err *err)
{
	const struct lvs_writer *w = lvs_writer(format);
	struct lvs_table t = { 0 };
	int r;

	if (lvs_need_ipvs(ctx, err))
		return -1;
	w->begin(ctx->out, ipvs_info(ctx->ipvs), format);
	r = ipvs_get_services(ctx->ipvs, &t, true);
	if (r) {
		lvs_table_free(&t);
		return lvs_fail(err, LVS_EXIT_LIST, "%s",
				ipvs_strerror(IPVS_OP_GET_SERVICES, -r));
	}
	if (!(format & LVS_FMT_NOSORT))
		lvs_table_sort(&t);
	w->title(ctx->out, format);
	for (size_t i = 0; i < t.n_svcs && !r; i++)
		r = print_with_dests(ctx, w, &t.svcs[i], format, i == 0, err);
	if (!r)
		r = globals(ctx, w, err);
	if (!r && w->end(ctx->out, format))
		r = lvs_fail(err, LVS_EXIT_LIST, "out of memory");
	lvs_table_free(&t);
	return r;
}

static int list_one(struct lvs_ctx *ctx, const struct lvs_service *key,
		    unsigned int format, struct lvs_err *err)
{
	const struct lvs_writer *w = lvs_writer(format);
	struct lvs_service_entry e;
	int r = ipvs_get_service(ctx->ipvs, key, &e);

	if (r)
		return lvs_fail(err, LVS_EXIT_LIST, "%s",
				ipvs_strerror(IPVS_OP_GET_SERVICE, -r));
	w->begin(ctx->out, NULL, format);
	w->title(ctx->out, format);
	r = print_with_dests(ctx, w, &e, format, true, err);
	if (!r && w->end(ctx->out, format))
		r = lvs_fail(err, LVS_EXIT_LIST, "out of memory");
	free(e.dests);
	return r;
}

static int list(struct lvs_ctx *ctx, const struct lvs_cmd *cmd,
		struct lvs_err *err)
{
	struct lvs_timeout t;
	struct lvs_daemon d[2];

	if (lvs_need_ipvs(ctx, err))
		return -1;
	if (cmd->options & LVS_OPTBIT(LVS_OPT_CONNECTION))
		return lvs_list_conns(ctx, cmd->format, err);
	if (cmd->options & LVS_OPTBIT(LVS_OPT_SERVICE))
		return list_one(ctx, &cmd->svc, cmd->format, err);
	if (cmd->options & LVS_OPTBIT(LVS_OPT_TIMEOUT)) {
		/* ipvsadm fails here without a word. */
		if (ipvs_get_timeout(ctx->ipvs, &t))
			return lvs_reported(err, LVS_EXIT_LIST);
		lvs_writer(cmd->format)->timeout(ctx->out, &t);
		return 0;
	}
	if (cmd->options & LVS_OPTBIT(LVS_OPT_DAEMON)) {
		if (ipvs_get_daemons(ctx->ipvs, d))
			return lvs_reported(err, LVS_EXIT_LIST);
		lvs_writer(cmd->format)->daemons(ctx->out, d);
		return 0;
	}
	return lvs_list_all(ctx, cmd->format, err);
}

/*
 * -R without --sync: every line is applied in order, as ipvsadm does, and
 * a line the kernel refuses is reported with its number while the rest
 * still goes in; the exit status then says that something failed.
 */
static int apply(struct lvs_ctx *ctx, const struct lvs_rules *rules,
		 const char *name, struct lvs_err *err)
{
	struct lvs_exec how = { .name = name, .run = lvs_run };
	struct lvs_plan p = { 0 };
	int r = 0;

	for (size_t i = 0; !r && i < rules->n; i++)
		if (lvs_plan_cmd(&p, &rules->cmds[i]))
			r = lvs_fail(err, LVS_EXIT_SYSTEM, "out of memory");
	if (!r)
		r = lvs_exec_plan(ctx, &p, &how, err);
	lvs_plan_free(&p);
	return r;
}

/* A single change: a plan of one. */
static int change(struct lvs_ctx *ctx, const struct lvs_cmd *cmd,
		  struct lvs_err *err)
{
	struct lvs_exec how = { 0 };
	struct lvs_plan p = { 0 };
	int r = lvs_plan_cmd(&p, cmd) ?
			lvs_fail(err, LVS_EXIT_SYSTEM, "out of memory") :
			lvs_exec_plan(ctx, &p, &how, err);

	lvs_plan_free(&p);
	return r;
}

/* -d --graceful: weight 0, wait, then the deletion. */
static int delete_gracefully(struct lvs_ctx *ctx, const struct lvs_cmd *cmd,
			     struct lvs_err *err)
{
	struct lvs_plan p = { 0 };
	int r = lvs_plan_cmd(&p, cmd) ?
			lvs_fail(err, LVS_EXIT_SYSTEM, "out of memory") :
			lvs_graceful(ctx, &p, cmd->graceful, err);

	lvs_plan_free(&p);
	return r;
}

/*
 * What a dry run found, on the diagnostics stream: with --sync, the
 * changes themselves go to the output, as a rules file.
 */
static void dry_run_summary(struct lvs_ctx *ctx, const struct lvs_rules *rules,
			    const char *name, bool sync, size_t changes)
{
	const struct lvs_rules_count n = rules->count;

	fprintf(ctx->diag,
		"%s: %u line%s read: %zu service%s, %zu real server%s, %zu VIP%s; ",
		name, rules->lines, rules->lines == 1 ? "" : "s", n.services,
		n.services == 1 ? "" : "s", n.servers,
		n.servers == 1 ? "" : "s", n.vips, n.vips == 1 ? "" : "s");
	if (sync)
		fprintf(ctx->diag,
			"%zu change%s to make, none made (dry run)\n", changes,
			changes == 1 ? "" : "s");
	else
		fprintf(ctx->diag, "no errors, nothing changed (dry run)\n");
}

static int restore(struct lvs_ctx *ctx, FILE *in, const char *name,
		   const struct lvs_cmd *cmd, struct lvs_err *err)
{
	struct lvs_rules rules = { 0 };
	struct lvs_desired want = { 0 };
	size_t changes = SIZE_MAX; /* lvs_sync() sets it when it gets there */
	unsigned int mode = restore_mode(cmd);
	int bad, r;

	/* --sync needs the table the rules describe, not the rules. */
	if (mode & LVS_RESTORE_SYNC) {
		rules.play = lvs_sync_play;
		rules.play_arg = &want;
	}
	bad = lvs_rules_read(in, name, ctx->prog, &rules, ctx->diag, err);
	if (bad < 0) {
		r = -1;
	} else if (bad > 0) {
		r = lvs_fail(err, LVS_EXIT_USAGE,
			     "%s: %d bad line%s, nothing applied", name, bad,
			     bad == 1 ? "" : "s");
	} else if (mode & LVS_RESTORE_SYNC) {
		r = lvs_sync(ctx, &want, name, mode, cmd->graceful, &changes,
			     err);
		if ((mode & LVS_RESTORE_DRYRUN) && changes != SIZE_MAX)
			dry_run_summary(ctx, &rules, name, true, changes);
	} else if (mode & LVS_RESTORE_DRYRUN) {
		dry_run_summary(ctx, &rules, name, false, 0);
		r = 0;
	} else {
		r = apply(ctx, &rules, name, err);
	}
	lvs_rules_free(&rules);
	lvs_desired_free(&want);
	return r;
}

/* -R from stdin, or from the file named on the command line. */
static int restore_from(struct lvs_ctx *ctx, const struct lvs_cmd *cmd,
			struct lvs_err *err)
{
	FILE *in;
	int r;

	if (!cmd->file)
		return restore(ctx, stdin, "<stdin>", cmd, err);
	in = fopen(cmd->file, "re");
	if (!in)
		return lvs_fail(err, LVS_EXIT_USAGE, "%s: %s", cmd->file,
				strerror(errno));
	r = restore(ctx, in, cmd->file, cmd, err);
	fclose(in);
	return r;
}

int lvs_run(struct lvs_ctx *ctx, const struct lvs_cmd *cmd, struct lvs_err *err)
{
	switch (cmd->kind) {
	case LVS_CMD_HELP:
		lvs_print_usage(ctx->out, ctx->prog, lvs_version_text(ctx),
				ctx->ipvsadm);
		return 0;
	case LVS_CMD_VERSION:
		fprintf(ctx->out, "%s\n", lvs_version_text(ctx));
		return 0;
	case LVS_CMD_LIST:
		return list(ctx, cmd, err);
	case LVS_CMD_SAVE:
		if (lvs_list_all(ctx, cmd->format | LVS_FMT_RULE, err))
			return -1;
		if (cmd->options & LVS_OPTBIT(LVS_OPT_VIPS))
			return lvs_rs_save_vips(ctx, err);
		return 0;
	case LVS_CMD_LISTVIPS:
		return lvs_rs_list_vips(ctx, &cmd->vip, cmd->format, err);
	case LVS_CMD_CHECK:
		return lvs_check(ctx, &cmd->vip, cmd->format, err);
	case LVS_CMD_RESTORE:
		return restore_from(ctx, cmd, err);
	case LVS_CMD_DELDEST:
		if (cmd->options & LVS_OPTBIT(LVS_OPT_GRACEFUL))
			return delete_gracefully(ctx, cmd, err);
		return change(ctx, cmd, err);
	default:
		return change(ctx, cmd, err);
	}
}
