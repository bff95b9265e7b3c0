/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The listening TCP sockets of this network namespace, from the kernel's
 * sock_diag netlink interface (what ss reads), for --check.
 */
#ifndef LVSADM_SOCKDIAG_H
#define LVSADM_SOCKDIAG_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

/** struct lvs_listener - one TCP socket in LISTEN state */
struct lvs_listener {
	uint16_t af;
	union lvs_addr addr;
	uint16_t port;
	bool v6only;
};

/*
 * Every listening TCP socket, IPv4 and IPv6, in *@out (to free()).
 * Returns 0 or a negative errno.
 */
int lvs_tcp_listeners(struct lvs_listener **out, size_t *n);

#endif
