/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Questions about this host's interfaces and addresses (struct lvs_host,
 * as read by route.c) that both the real-server commands and --check
 * ask: where an address is bound, which network holds it, and which
 * interfaces would answer ARP for it.
 */
#ifndef LVSADM_HOST_H
#define LVSADM_HOST_H

#include <stdbool.h>

#include "model.h"

/* 32 for IPv4, 128 for IPv6: the prefix length of one address. */
int lvs_full_prefix(int af);

/* Is @a inside @net/@prefixlen? */
bool lvs_in_prefix(int af, const union lvs_addr *a, const union lvs_addr *net,
		   int prefixlen);

/* The name of interface @ifindex, or "?". */
const char *lvs_host_ifname(const struct lvs_host *h, int ifindex);

/* Is @x on an interface that is up and not a loopback? */
bool lvs_host_usable(const struct lvs_host *h, const struct lvs_ifaddr *x);

/*
 * Where @a is bound on this host, or NULL; with @after, the next place
 * after that one (the same address can be on several interfaces).
 */
const struct lvs_ifaddr *lvs_host_find_addr(const struct lvs_host *h, int af,
					    const union lvs_addr *a,
					    const struct lvs_ifaddr *after);

/* The address of an up, non-loopback interface whose network holds @a. */
const struct lvs_ifaddr *lvs_host_connected(const struct lvs_host *h, int af,
					    const union lvs_addr *a);

/* An address of lo that is a VIP (not 127.0.0.0/8 or ::1). */
bool lvs_is_vip_on_lo(const struct lvs_host *h, const struct lvs_ifaddr *a);

/* arp_ignore values under which an address of another interface is never
 * answered. */
bool lvs_arp_ignores(int arp_ignore);

/*
 * The first interface that would answer ARP for (or announce) the IPv4
 * address @a bound on another interface, or NULL when every interface
 * hides it.  Each interface is judged by the values in force on it: the
 * larger of conf/all and its own.
 */
const char *lvs_arp_exposed_on(const struct lvs_host *h,
			       const struct lvs_ifaddr *a);

#endif
