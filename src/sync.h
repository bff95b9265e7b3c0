/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -R --sync: make the live table, and lvsadm's VIPs, equal to a rules
 * file with the fewest changes.
 */
#ifndef LVSADM_SYNC_H
#define LVSADM_SYNC_H

#include <stdbool.h>

#include "commands.h"
#include "restore.h"

/*
 * Apply @rules (already parsed) with sync semantics.  With @dry_run,
 * print the changes as rules lines instead, and fail with status 1 (no
 * message) when there are any.
 */
int lvs_sync(struct lvs_ctx *ctx, const struct lvs_rules *rules,
	     const char *name, bool dry_run, struct lvs_err *err);

#endif
