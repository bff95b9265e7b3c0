/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The real-server role: VIPs bound on lo and hidden from ARP, and the
 * multi-NIC ARP fix, each undone exactly as it was done.
 */
#ifndef LVSADM_REALSERVER_H
#define LVSADM_REALSERVER_H

#include <stdio.h>

#include "ctx.h"
#include "model.h"

int lvs_rs_add_vips(struct lvs_ctx *ctx, const struct lvs_vip_args *a,
		    struct lvs_err *err);
int lvs_rs_delete_vips(struct lvs_ctx *ctx, const struct lvs_vip_args *a,
		       struct lvs_err *err);
/* --list-vips, as a table or with LVS_FMT_JSON in @format as JSON. */
int lvs_rs_list_vips(struct lvs_ctx *ctx, const struct lvs_vip_args *a,
		     unsigned int format, struct lvs_err *err);
int lvs_rs_arp_strict(struct lvs_ctx *ctx, const struct lvs_vip_args *a,
		      struct lvs_err *err);
/* -S --vips: one --add-vip line per VIP on lo. */
int lvs_rs_save_vips(struct lvs_ctx *ctx, struct lvs_err *err);

#endif
