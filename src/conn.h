/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -c: the connection table, read from /proc/net/ip_vs_conn.
 */
#ifndef LVSADM_CONN_H
#define LVSADM_CONN_H

#include "ctx.h"

/* List the connections, as a table or with LVS_FMT_JSON as JSON. */
int lvs_list_conns(struct lvs_ctx *ctx, unsigned int format,
		   struct lvs_err *err);

#endif
