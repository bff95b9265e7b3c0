// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Carrying out changes.
 */
#include "exec.h"
#include "realserver.h"

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
