// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The run's context.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "addr.h"
#include "ctx.h"

#define NO_IPVS                                                              \
	"This kernel has no IPVS (IP Virtual Server): load the module with " \
	"'modprobe ip_vs', or use a kernel built with CONFIG_IP_VS."

/*
 * Under the name lvsadm, the reason IPVS cannot be used and what to do,
 * privilege first: that is what a user without it must fix first.
 */
static int explain_open_failure(int r, struct lvs_err *err)
{
	if (r == -EPERM || r == -EACCES)
		return lvs_fail(
			err, LVS_EXIT_USAGE,
			"IPVS needs root (CAP_NET_ADMIN): run lvsadm as root, for example with sudo%s",
			ipvs_in_kernel() ? "" : "\n" NO_IPVS);
	if (r == -ENOPROTOOPT)
		return lvs_fail(err, LVS_EXIT_USAGE, "%s", NO_IPVS);
	return lvs_fail(
		err, LVS_EXIT_USAGE,
		"Can't initialize ipvs: %s\n"
		"Are you sure that IP Virtual Server is built in the kernel or as module?",
		ipvs_strerror(IPVS_OP_INIT, -r));
}

int lvs_need_ipvs(struct lvs_ctx *ctx, struct lvs_err *err)
{
	long bytes = 0;
	int r;

	if (ctx->ipvs)
		return 0;
	/* A smaller buffer shows what lvsadm does when answers are lost. */
	if (ctx->rcvbuf && *ctx->rcvbuf &&
	    !lvs_parse_number(ctx->rcvbuf, 1, IPVS_RCVBUF, &bytes))
		return lvs_fail(
			err, LVS_EXIT_USAGE,
			"LVSADM_NETLINK_RCVBUF must be a number of bytes from 1 to %d: '%.*s%s'",
			IPVS_RCVBUF, LVS_QUOTE(ctx->rcvbuf));
	r = ipvs_open(&ctx->ipvs, (int)bytes);
	if (r && !ctx->ipvsadm)
		return explain_open_failure(r, err);
	if (r)
		return lvs_fail(
			err, LVS_EXIT_USAGE,
			"Can't initialize ipvs: %s\n"
			"Are you sure that IP Virtual Server is built in the kernel or as module?",
			ipvs_strerror(IPVS_OP_INIT, -r));
	return 0;
}

void lvs_ctx_close(struct lvs_ctx *ctx)
{
	ipvs_close(ctx->ipvs);
	ctx->ipvs = NULL;
}

int lvs_need_root(const char *what, struct lvs_err *err)
{
	if (geteuid() != 0)
		return lvs_fail(err, LVS_EXIT_SYSTEM,
				"%s: Permission denied (you must be root)",
				what);
	return 0;
}

bool lvs_can_net_admin(void)
{
	/* CAP_NET_ADMIN is bit 12 of the effective set. */
	unsigned long long eff = 0;
	char line[128];
	bool found = false;
	FILE *f = fopen("/proc/self/status", "re");

	if (!f)
		return true; /* cannot tell: let the kernel say */
	while (!found && fgets(line, sizeof(line), f))
		found = sscanf(line, "CapEff: %llx", &eff) == 1;
	fclose(f);
	return !found || (eff >> 12) & 1;
}
