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
#include "desired.h"
#include "restore.h"

/*
 * The play hook of the rules reader for --sync: @want is the struct
 * lvs_desired the rules build, line by line as they are read.
 */
const char *lvs_sync_play(void *want, const struct lvs_cmd *cmd);

/*
 * Make the live table equal to @want, the table the rules describe
 * (played with lvs_sync_play()), and store in
 * *@changes how many changes that takes (a VIP counts once).  @mode holds
 * LVS_RESTORE_* flags: with LVS_RESTORE_DRYRUN, print the changes as
 * rules lines instead, and fail with status 1 (no message) when there are
 * any; with LVS_RESTORE_DRAIN, set real servers that are not in the rules
 * to weight 0 rather than delete them, and keep services that are not;
 * with LVS_RESTORE_GRACEFUL as well, then wait at most @graceful seconds
 * and delete them as their active connections end (graceful.h).
 */
int lvs_sync(struct lvs_ctx *ctx, struct lvs_desired *want, const char *name,
	     unsigned int mode, uint32_t graceful, size_t *changes,
	     struct lvs_err *err);

#endif
