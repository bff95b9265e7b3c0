/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The run's context, made by main() and passed down to every command:
 * how lvsadm was invoked, where its output goes, what the environment
 * configures (read once, in main), and the IPVS handle, opened on first
 * use.  It sits at the bottom of the program, above the kernel layers
 * and the model only.
 */
#ifndef LVSADM_CTX_H
#define LVSADM_CTX_H

#include <stdbool.h>
#include <stdio.h>

#include "error.h"
#include "ipvs.h"

/**
 * struct lvs_ctx - what every command handler needs
 * @prog:	argv[0], for the texts that name the program
 * @ipvsadm:	true when invoked under the name ipvsadm
 * @out:	where listings go
 * @diag:	where per-line diagnostics of a rules file go
 * @rundir:	the state directory ($LVSADM_RUNDIR), or NULL for the default
 * @rcvbuf:	$LVSADM_NETLINK_RCVBUF as given, or NULL
 * @ipvs:	the kernel handle, opened by lvs_need_ipvs()
 */
struct lvs_ctx {
	const char *prog;
	bool ipvsadm;
	FILE *out;
	FILE *diag;
	const char *rundir;
	const char *rcvbuf;
	struct ipvs *ipvs;
};

/* Open the kernel handle if it is not open yet. */
int lvs_need_ipvs(struct lvs_ctx *ctx, struct lvs_err *err);

/* Close what the context holds. */
void lvs_ctx_close(struct lvs_ctx *ctx);

/*
 * Does the process hold CAP_NET_ADMIN (what changing addresses and the
 * ARP sysctls takes)?  True when it cannot tell.
 */
bool lvs_can_net_admin(void);

/* Fail with status 4 unless running as root: "@what: Permission denied". */
int lvs_need_root(const char *what, struct lvs_err *err);

#endif
