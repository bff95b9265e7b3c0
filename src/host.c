// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Questions about this host's interfaces and addresses.
 */
#include <string.h>
#include <arpa/inet.h>

#include "host.h"
#include "sysctl.h"

int lvs_full_prefix(int af)
{
	return af == AF_INET6 ? 128 : 32;
}

bool lvs_in_prefix(int af, const union lvs_addr *a, const union lvs_addr *net,
		   int prefixlen)
{
	const uint8_t *x = (const uint8_t *)a, *y = (const uint8_t *)net;
	int bytes = prefixlen / 8, bits = prefixlen % 8;

	if (prefixlen > lvs_full_prefix(af) || memcmp(x, y, (size_t)bytes))
		return false;
	if (!bits)
		return true;
	return !((x[bytes] ^ y[bytes]) & (0xff << (8 - bits)));
}

const char *lvs_host_ifname(const struct lvs_host *h, int ifindex)
{
	const struct lvs_link *l = lvs_host_link(h, ifindex);

	return l ? l->name : "?";
}

bool lvs_host_usable(const struct lvs_host *h, const struct lvs_ifaddr *x)
{
	const struct lvs_link *l = lvs_host_link(h, x->ifindex);

	return l && (l->flags & IFF_UP) && !(l->flags & IFF_LOOPBACK);
}

const struct lvs_ifaddr *lvs_host_find_addr(const struct lvs_host *h, int af,
					    const union lvs_addr *a,
					    const struct lvs_ifaddr *after)
{
	size_t i = after ? (size_t)(after - h->addrs) + 1 : 0;

	for (; i < h->n_addrs; i++)
		if (h->addrs[i].af == af &&
		    lvs_addr_equal(af, &h->addrs[i].addr, a))
			return &h->addrs[i];
	return NULL;
}

const struct lvs_ifaddr *lvs_host_connected(const struct lvs_host *h, int af,
					    const union lvs_addr *a)
{
	for (size_t i = 0; i < h->n_addrs; i++) {
		const struct lvs_ifaddr *x = &h->addrs[i];

		if (x->af == af && lvs_host_usable(h, x) &&
		    x->prefixlen < lvs_full_prefix(af) &&
		    lvs_in_prefix(af, a, &x->addr, x->prefixlen))
			return x;
	}
	return NULL;
}

bool lvs_is_vip_on_lo(const struct lvs_host *h, const struct lvs_ifaddr *a)
{
	const struct lvs_link *l = lvs_host_link(h, a->ifindex);

	if (!l || strcmp(l->name, "lo"))
		return false;
	if (a->af == AF_INET)
		return (ntohl(a->addr.v4.s_addr) >> 24) != 127;
	return !IN6_IS_ADDR_LOOPBACK(&a->addr.v6);
}

bool lvs_arp_ignores(int arp_ignore)
{
	return arp_ignore == 1 || arp_ignore == 2 || arp_ignore == 8;
}

const char *lvs_arp_exposed_on(const struct lvs_host *h,
			       const struct lvs_ifaddr *a)
{
	for (size_t i = 0; i < h->n_links; i++) {
		const struct lvs_link *l = &h->links[i];
		int ign, ann;

		if (l->ifindex == a->ifindex || (l->flags & IFF_LOOPBACK) ||
		    (l->flags & IFF_NOARP) || !(l->flags & IFF_UP) ||
		    !lvs_ifname_valid(l->name))
			continue;
		if (lvs_conf_effective(l->name, LVS_ARP_IGNORE, &ign) ||
		    lvs_conf_effective(l->name, LVS_ARP_ANNOUNCE, &ann))
			continue;
		if (!lvs_arp_ignores(ign) || ann != 2)
			return l->name;
	}
	return NULL;
}
