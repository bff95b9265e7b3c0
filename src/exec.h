/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Carrying out changes: to the IPVS table through the kernel layer, and
 * to the host (VIPs on lo, the ARP sysctls) through the real-server role.
 */
#ifndef LVSADM_EXEC_H
#define LVSADM_EXEC_H

#include "ctx.h"
#include "model.h"

/*
 * Carry out one change command (-A, -E, -D, -a, -e, -d, -C, -Z, --set,
 * the daemons, --add-vip, --delete-vip, --arp-strict).  Returns 0, or -1
 * with @err filled in.
 */
int lvs_exec_one(struct lvs_ctx *ctx, const struct lvs_cmd *cmd,
		 struct lvs_err *err);

#endif
