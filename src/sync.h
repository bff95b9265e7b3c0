/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -R --sync: make the live table, and lvsadm's VIPs, equal to a rules
 * file with the fewest changes.
 */
#ifndef LVSADM_SYNC_H
#define LVSADM_SYNC_H

#include <stdbool.h>
#include <stdint.h>

#include "ctx.h"
#include "restore.h"

/*
 * Apply @rules (already parsed) with sync semantics, and store in
 * *@changes how many changes that takes (a VIP counts once).  @mode holds
 * LVS_RESTORE_* flags: with LVS_RESTORE_DRYRUN, print the changes as
 * rules lines instead, and fail with status 1 (no message) when there are
 * any; with LVS_RESTORE_DRAIN, set real servers that are not in the rules
 * to weight 0 rather than delete them, and keep services that are not;
 * with LVS_RESTORE_GRACEFUL as well, then wait at most @graceful seconds
 * and delete them as their active connections end (graceful.h).
 */
int lvs_sync(struct lvs_ctx *ctx, const struct lvs_rules *rules,
	     const char *name, unsigned int mode, uint32_t graceful,
	     size_t *changes, struct lvs_err *err);

#endif
