/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --check: diagnose this host for Direct Routing, as a director and as a
 * real server.
 */
#ifndef LVSADM_CHECK_H
#define LVSADM_CHECK_H

#include <stdio.h>

#include "ctx.h"

/*
 * Print one line per finding on ctx->out, then, when there is no
 * problem, what was checked; with LVS_FMT_JSON in @format, one JSON
 * object instead.  Returns 0 when there is no problem, or -1 with @err:
 * status 1 (and no message) when there are.
 */
int lvs_check(struct lvs_ctx *ctx, const struct lvs_vip_args *a,
	      unsigned int format, struct lvs_err *err);

/*
 * After --arp-strict on: warn on @out about each address that arp_filter
 * leaves without an ARP reply.  Returns how many.
 */
int lvs_warn_arp_filter(FILE *out);

#endif
