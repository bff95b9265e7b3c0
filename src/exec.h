/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The executor: carries out a plan (plan.h), to the IPVS table through
 * the kernel layer and to the host (VIPs on lo, the ARP sysctls) through
 * the real-server role, or prints it.
 */
#ifndef LVSADM_EXEC_H
#define LVSADM_EXEC_H

#include "ctx.h"
#include "model.h"
#include "plan.h"

/*
 * Carry out one change command (-A, -E, -D, -a, -e, -d, -C, -Z, --set,
 * the daemons, --add-vip, --delete-vip, --arp-strict).  Returns 0, or -1
 * with @err filled in.
 */
int lvs_exec_one(struct lvs_ctx *ctx, const struct lvs_cmd *cmd,
		 struct lvs_err *err);

/* How lvs_exec_plan() goes about it. */
enum {
	/* At the first failure stop, and take back what was made. */
	LVS_EXEC_UNDO = 1 << 0,
	/* Print the changes as rules lines instead, and fail with status
	 * 1 (no message) when there are any, like diff(1). */
	LVS_EXEC_DRYRUN = 1 << 1,
};

/* What carries out the commands of a plan that are not changes. */
typedef int (*lvs_run_fn)(struct lvs_ctx *ctx, const struct lvs_cmd *cmd,
			  struct lvs_err *err);

/**
 * struct lvs_exec - how to carry out a plan
 * @name:	the rules file, for "NAME:LINE: message" on ctx->diag; NULL
 *		for a single command, whose failure is returned in @err
 * @flags:	LVS_EXEC_*
 * @run:	for the commands that are not changes (a listing in a rules
 *		file), or NULL
 */
struct lvs_exec {
	const char *name;
	unsigned int flags;
	lvs_run_fn run;
};

/*
 * Carry out @p in order.  Changes to the IPVS table are pipelined; any
 * other change waits for their answers.  Without LVS_EXEC_UNDO, every
 * failure is reported with its line and the rest still goes in; the
 * result is then status 255, already reported.  With it, the first
 * failure stops the run and every change made is taken back, newest
 * first.
 */
int lvs_exec_plan(struct lvs_ctx *ctx, const struct lvs_plan *p,
		  const struct lvs_exec *how, struct lvs_err *err);

#endif
