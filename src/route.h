/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel layer for addresses: the only user of libnl-route.  It reads
 * the host's interfaces and addresses into the model and binds or unbinds
 * single addresses.  Functions return 0 or a negative errno.
 */
#ifndef LVSADM_ROUTE_H
#define LVSADM_ROUTE_H

#include "model.h"

struct lvs_route;

int lvs_route_open(struct lvs_route **r);
void lvs_route_close(struct lvs_route *r);

/* Read every interface and every IPv4 and IPv6 address. */
int lvs_route_read_host(struct lvs_route *r, struct lvs_host *h);

/*
 * Bind @addr (its address, prefix length, scope and, for IPv4, label) on
 * @ifindex.  Fails with -EEXIST when the address is already there.
 */
int lvs_route_add_addr(struct lvs_route *r, int ifindex,
		       const struct lvs_ifaddr *addr);
int lvs_route_del_addr(struct lvs_route *r, int ifindex,
		       const struct lvs_ifaddr *addr);

/*
 * The interface the kernel would send a packet from @src to @dst out of
 * (RTM_GETROUTE), in *@oif.
 */
int lvs_route_get_oif(struct lvs_route *r, int af, const union lvs_addr *src,
		      const union lvs_addr *dst, int *oif);

#endif
