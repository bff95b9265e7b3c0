/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Command handlers: carry out one parsed command against the kernel and
 * print what it asks for.
 */
#ifndef LVSADM_COMMANDS_H
#define LVSADM_COMMANDS_H

#include "ctx.h"
#include "error.h"
#include "model.h"

/* The version line -v and -h print. */
const char *lvs_version_text(const struct lvs_ctx *ctx);

/* Carry out @cmd.  Returns 0, or -1 with @err filled in. */
int lvs_run(struct lvs_ctx *ctx, const struct lvs_cmd *cmd,
	    struct lvs_err *err);

/* -L with no options, what running with no arguments at all means. */
int lvs_list_all(struct lvs_ctx *ctx, unsigned int format, struct lvs_err *err);

#endif
