// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The executor: one way for every change to reach the kernel and the
 * host.
 */
#include <errno.h>
#include <stdlib.h>
#include <arpa/inet.h>

#include "exec.h"
#include "print.h"
#include "realserver.h"
#include "state.h"

int lvs_exec_one(struct lvs_ctx *ctx, const struct lvs_cmd *cmd,
		 struct lvs_err *err)
{
	int r;

	switch (cmd->kind) {
	case LVS_CMD_ADDVIP:
		return lvs_rs_add_vips(ctx, &cmd->vip, err);
	case LVS_CMD_DELVIP:
		return lvs_rs_delete_vips(ctx, &cmd->vip, err);
	case LVS_CMD_ARPSTRICT:
		return lvs_rs_arp_strict(ctx, &cmd->vip, err);
	default:
		break;
	}
	if (lvs_need_ipvs(ctx, err))
		return -1;
	r = ipvs_execute(ctx->ipvs, cmd);
	if (r)
		return lvs_fail(err, LVS_EXIT_KERNEL, "%s",
				ipvs_strerror(ipvs_cmd_op(cmd->kind), -r));
	return 0;
}

/* Is @kind carried out here (rather than by the caller's run function)? */
static bool is_change(enum lvs_cmd_kind kind)
{
	return ipvs_is_change(kind) || kind == LVS_CMD_ADDVIP ||
	       kind == LVS_CMD_DELVIP || kind == LVS_CMD_ARPSTRICT;
}

static int run_one(struct lvs_ctx *ctx, const struct lvs_exec *how,
		   const struct lvs_cmd *cmd, struct lvs_err *err)
{
	if (!is_change(cmd->kind) && how->run)
		return how->run(ctx, cmd, err);
	return lvs_exec_one(ctx, cmd, err);
}

static void print_plan(FILE *out, const struct lvs_plan *p)
{
	char text[INET6_ADDRSTRLEN];
	struct lvs_cmd buf;

	for (size_t i = 0; i < p->n; i++) {
		const struct lvs_cmd *cmd = lvs_change_cmd(&p->c[i], &buf);

		if (cmd->kind != LVS_CMD_ADDVIP &&
		    cmd->kind != LVS_CMD_DELVIP) {
			lvs_print_change(out, cmd);
			continue;
		}
		for (size_t k = 0; k < cmd->vip.n; k++)
			fprintf(out, "%s %s\n",
				cmd->kind == LVS_CMD_ADDVIP ? "--add-vip" :
							      "--delete-vip",
				inet_ntop(cmd->vip.vips[k].af,
					  &cmd->vip.vips[k].addr, text,
					  sizeof(text)));
	}
}

/* The outcome of each change of a run. */
struct outcome {
	int err; /* 0, a negative errno, or -1 for a failure reported */
	bool sent;
};

struct run {
	struct lvs_ctx *ctx;
	const struct lvs_plan *p;
	const struct lvs_exec *how;
	struct outcome *o;
	int failed;
};

/* Report a failure of change @i; an empty @msg was reported already
 * (lvs_is_reported()). */
static void report(struct run *s, size_t i, const char *msg)
{
	const struct lvs_change *c = &s->p->c[i];
	FILE *diag = s->ctx->diag;
	const char *name = s->how->name;
	struct lvs_cmd buf;

	s->failed++;
	if (!msg[0])
		return;
	if (c->line) {
		fprintf(diag, "%s:%u: %s\n", name, c->line, msg);
	} else if (ipvs_is_change(c->kind)) {
		fprintf(diag, "%s: ", name);
		lvs_print_change(diag, lvs_change_cmd(c, &buf));
		fprintf(diag, "%s: that change failed: %s\n", name, msg);
	} else {
		fprintf(diag, "%s: %s\n", name, msg);
	}
}

static void on_result(void *arg, size_t i, int err)
{
	struct run *s = arg;

	s->o[i].err = err;
	if (err == -ENOBUFS)
		report(s, i,
		       s->how->flags & LVS_EXEC_UNDO ?
			       "the kernel's answer was lost (receive buffer overrun)" :
			       "the kernel's answer was lost (receive buffer overrun); this line may or may not have been applied");
	else if (err)
		report(s, i, ipvs_strerror(ipvs_cmd_op(s->p->c[i].kind), -err));
}

/*
 * Take back @u.  A VIP change goes address by address: the change it
 * undoes may have failed half-way, and an address it never reached (not
 * bound, say, so that unbinding it is refused) must not keep the others
 * where they are.
 */
static void undo_one(struct lvs_ctx *ctx, const struct lvs_cmd *u)
{
	struct lvs_cmd one;
	struct lvs_err e;

	if ((u->kind != LVS_CMD_ADDVIP && u->kind != LVS_CMD_DELVIP) ||
	    u->vip.n < 2) {
		lvs_exec_one(ctx, u, &e);
		return;
	}
	one = *u;
	one.vip.n = 1;
	for (size_t k = 0; k < u->vip.n; k++) {
		one.vip.vips = &u->vip.vips[k];
		lvs_exec_one(ctx, &one, &e);
	}
}

/*
 * Take back every change that went through, newest first, and those whose
 * answer was lost: undoing a change that did not happen fails harmlessly.
 * A change to the host that failed may have been made in part (a VIP
 * unbound, its record not saved), so it is taken back too.
 */
static void undo_all(struct run *s)
{
	struct lvs_cmd buf;

	for (size_t i = s->p->n; i-- > 0;) {
		const struct lvs_change *c = &s->p->c[i];
		int err = s->o[i].err;

		if (!s->o[i].sent ||
		    (err && err != -ENOBUFS && ipvs_is_change(c->kind)))
			continue;
		for (size_t k = 0; k < c->n_undo; k++)
			undo_one(s->ctx,
				 lvs_change_cmd(&s->p->undo[c->undo + k],
						&buf));
	}
}

/* Send the changes in order, pipelining those to the IPVS table. */
static void send_all(struct run *s, struct ipvs_pipe *pipe)
{
	bool stop_early = s->how->flags & LVS_EXEC_UNDO;
	struct lvs_cmd buf;
	struct lvs_err e;

	for (size_t i = 0; i < s->p->n && !(stop_early && s->failed); i++) {
		const struct lvs_cmd *cmd = lvs_change_cmd(&s->p->c[i], &buf);

		if (pipe && ipvs_is_change(cmd->kind)) {
			s->o[i].sent = true;
			if (ipvs_pipe_add(pipe, cmd, i)) {
				s->o[i] = (struct outcome){ -ENOMEM, false };
				report(s, i, "out of memory");
			}
			continue;
		}
		/* Anything else waits for the answers. */
		if (pipe)
			ipvs_pipe_flush(pipe);
		if (stop_early && s->failed)
			break;
		s->o[i].sent = true;
		if (run_one(s->ctx, s->how, cmd, &e)) {
			s->o[i].err = -1;
			report(s, i, e.msg);
		}
	}
	if (pipe)
		ipvs_pipe_flush(pipe);
}

int lvs_exec_plan(struct lvs_ctx *ctx, const struct lvs_plan *p,
		  const struct lvs_exec *how, struct lvs_err *err)
{
	struct run s = { .ctx = ctx, .p = p, .how = how };
	struct ipvs_pipe *pipe = NULL;
	struct lvs_cmd buf;

	if (how->flags & LVS_EXEC_DRYRUN) {
		print_plan(ctx->out, p);
		return p->n ? lvs_reported(err, LVS_EXIT_PROBLEMS) : 0;
	}
	if (!how->name) {
		for (size_t i = 0; i < p->n; i++)
			if (run_one(ctx, how, lvs_change_cmd(&p->c[i], &buf),
				    err))
				return -1;
		return 0;
	}
	/* Without IPVS none of its changes can work: make none. */
	for (size_t i = 0; i < p->n; i++)
		if (p->c[i].kind < LVS_CMD_ADDVIP) {
			if (lvs_need_ipvs(ctx, err) ||
			    lvs_lock_host(ctx->rundir, err))
				return -1;
			pipe = ipvs_pipe_new(ctx->ipvs, on_result, &s);
			if (!pipe)
				return lvs_fail(err, LVS_EXIT_SYSTEM,
						"out of memory");
			break;
		}
	s.o = calloc(p->n ? p->n : 1, sizeof(*s.o));
	if (!s.o) {
		ipvs_pipe_free(pipe);
		return lvs_fail(err, LVS_EXIT_SYSTEM, "out of memory");
	}
	send_all(&s, pipe);
	ipvs_pipe_free(pipe);
	if (s.failed && (how->flags & LVS_EXEC_UNDO))
		undo_all(&s);
	free(s.o);
	if (!s.failed)
		return 0;
	if (how->flags & LVS_EXEC_UNDO)
		return lvs_fail(
			err, LVS_EXIT_KERNEL,
			"%s: nothing was changed: the changes made were undone",
			how->name);
	return lvs_reported(err, LVS_EXIT_KERNEL);
}
