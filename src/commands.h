/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Command handlers: carry out one parsed command against the kernel and
 * print what it asks for.
 */
#ifndef LVSADM_COMMANDS_H
#define LVSADM_COMMANDS_H

#include <stdbool.h>
#include <stdio.h>

#include "error.h"
#include "ipvs.h"
#include "model.h"

/**
 * struct lvs_ctx - what every command handler needs
 * @prog:	argv[0], for the texts that name the program
 * @ipvsadm:	true when invoked under the name ipvsadm
 * @ipvs:	the kernel handle, opened on first use
 * @out:	where listings go
 * @diag:	where per-line diagnostics of a rules file go
 */
struct lvs_ctx {
	const char *prog;
	bool ipvsadm;
	struct ipvs *ipvs;
	FILE *out;
	FILE *diag;
};

/* The version line -v and -h print. */
const char *lvs_version_text(const struct lvs_ctx *ctx);

/* Open the kernel handle if it is not open yet. */
int lvs_need_ipvs(struct lvs_ctx *ctx, struct lvs_err *err);

/* Carry out @cmd.  Returns 0, or -1 with @err filled in. */
int lvs_run(struct lvs_ctx *ctx, const struct lvs_cmd *cmd,
	    struct lvs_err *err);

/* -L with no options, what running with no arguments at all means. */
int lvs_list_all(struct lvs_ctx *ctx, unsigned int format, struct lvs_err *err);

/* -c: the connection table from /proc/net/ip_vs_conn. */
int lvs_list_conns(struct lvs_ctx *ctx, unsigned int format,
		   struct lvs_err *err);

#endif
