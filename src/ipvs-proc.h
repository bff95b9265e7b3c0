/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The IPVS table as /proc/net/ip_vs shows it to any user, for the
 * read-only checks that run without the privilege netlink asks for.
 */
#ifndef LVSADM_IPVS_PROC_H
#define LVSADM_IPVS_PROC_H

#include <stdio.h>

#include "model.h"

/*
 * Read services and their real servers (address, port, forwarding
 * method, weight) from @in, in the format of the kernel's
 * ip_vs_info_seq_show().  Returns 0, or -EINVAL on a line it cannot read,
 * or -ENOMEM.
 */
int lvs_proc_read_table(FILE *in, struct lvs_table *t);

#endif
