/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --graceful: take real servers out without cutting a connection.  Each
 * goes to weight 0, and is deleted once the kernel counts no active
 * connection on it; a service in the same plan goes once its real
 * servers have.
 */
#ifndef LVSADM_GRACEFUL_H
#define LVSADM_GRACEFUL_H

#include <stdint.h>

#include "ctx.h"
#include "error.h"
#include "plan.h"

/*
 * Carry out the deletions of @dels (-d changes, and -D changes of
 * services that those empty) gracefully, waiting at most @seconds.  A
 * real server or service of @dels that does not exist is refused before
 * anything changes.  Returns 0 when every deletion is made; -1 with @err
 * filled in otherwise: status 1 (the real servers left behind named on
 * ctx->diag) when time ran out, a weight was raised meanwhile, or SIGINT
 * or SIGTERM came.  On a terminal, the active connections left are
 * shown on ctx->out once a second.
 */
int lvs_graceful(struct lvs_ctx *ctx, const struct lvs_plan *dels,
		 uint32_t seconds, struct lvs_err *err);

#endif
