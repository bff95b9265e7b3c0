/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The planner: every way lvsadm changes things (a single command, -R,
 * -R --sync, --dry-run, --drain) first becomes a plan, an ordered list of
 * changes, each with the changes that take it back.  Planning does no I/O;
 * exec.c carries a plan out, or prints it.
 */
#ifndef LVSADM_PLAN_H
#define LVSADM_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "desired.h"
#include "model.h"

/**
 * struct lvs_change - one change, small enough for a plan of 200,000
 * @kind:	what to do
 * @line:	the rules-file line it comes from, 0 when none
 * @cmd:	the command itself when it was given (a single command, a
 *		line of -R, the VIP changes): then only @kind and @line are
 *		used besides it
 * @svc:	otherwise, the service
 * @dest:	the real server of -a -e -d
 * @timeout:	the timeouts of --set
 * @undo:	index in the plan's undo list of the first change that takes
 *		this one back
 * @n_undo:	how many
 * @drained:	@dest with weight 0 (-e of a drain)
 *
 * @svc, @dest and @timeout point into the tables planned from and into
 * the plan, which outlive the changes: a change holds no copy.
 */
struct lvs_change {
	enum lvs_cmd_kind kind;
	unsigned int line;
	const struct lvs_cmd *cmd;
	const struct lvs_service *svc;
	union {
		const struct lvs_dest *dest;
		const struct lvs_timeout *timeout;
	};
	uint32_t undo;
	uint32_t n_undo;
	bool drained;
};

/**
 * struct lvs_plan - changes in the order they are to be made
 * @c:		the changes
 * @undo:	their undo changes; those of @c[i] are @undo[@c[i].undo ...]
 *		and are made in that order
 * @vips:	the VIP changes' commands: [0] binds on lo, [1] unbinds
 * @vip_undo:	the commands that take those back
 * @timeouts:	the timeouts of the --set change [0] and of its undo [1]
 */
struct lvs_plan {
	struct lvs_change *c;
	size_t n;
	struct lvs_change *undo;
	size_t n_undo;
	struct lvs_cmd vips[2];
	struct lvs_cmd vip_undo[2];
	struct lvs_timeout timeouts[2];
	/* private */
	size_t cap;
	size_t cap_undo;
	size_t cap_vips[2];
};

/* The command a change stands for, in @out (which it may point into). */
const struct lvs_cmd *lvs_change_cmd(const struct lvs_change *c,
				     struct lvs_cmd *out);

/* Add a given command, as it is, without undo.  -ENOMEM or 0. */
int lvs_plan_cmd(struct lvs_plan *p, const struct lvs_cmd *cmd);

/*
 * The changes that make @live equal to @want: services and real servers
 * added, edited and removed, and the timeouts @want sets that differ from
 * @live_to.  With @drain, real servers that are not wanted are set to
 * weight 0 instead, and services that are not wanted are kept.  Both
 * tables are sorted; the plan points into them.  -ENOMEM or 0.
 */
int lvs_plan_table(struct lvs_plan *p, struct lvs_table *live,
		   const struct lvs_timeout *live_to, struct lvs_desired *want,
		   bool drain);

/*
 * The deletions that finish a drain: each real server of @live that
 * @want does not have, and after the real servers of a service of @live
 * that @want does not have, that service.  Both tables are sorted; the
 * plan points into @live.  -ENOMEM or 0.
 */
int lvs_plan_departures(struct lvs_plan *p, struct lvs_table *live,
			struct lvs_desired *want);

/*
 * The VIP changes on lo: bind each VIP of @want that is not in @bound,
 * unbind each of @managed (lvsadm's VIPs) that is not in @want.  They come
 * after every other change.  -ENOMEM or 0.
 */
int lvs_plan_vips(struct lvs_plan *p, const struct lvs_vip_args *want,
		  const struct lvs_vip_args *bound,
		  const struct lvs_vip_args *managed);

void lvs_plan_free(struct lvs_plan *p);

#endif
