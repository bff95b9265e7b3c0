/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The IPv4 per-interface sysctls that decide who answers ARP, read and
 * written under /proc/sys/net/ipv4.
 */
#ifndef LVSADM_SYSCTL_H
#define LVSADM_SYSCTL_H

#include <stdbool.h>

/* The conf keys lvsadm reads and writes. */
enum lvs_arp_key {
	LVS_ARP_IGNORE,
	LVS_ARP_ANNOUNCE,
	LVS_ARP_FILTER,
	LVS_RP_FILTER,
	LVS_NUM_ARP_KEYS,
};

extern const char *const lvs_arp_key_names[LVS_NUM_ARP_KEYS];

/*
 * Is @name safe as an interface name, and so as a path component: 1 to 15
 * characters, none of them '/', ':' or blank, and not "." or "..".
 */
bool lvs_ifname_valid(const char *name);

/* net.ipv4.conf.@ifname.@key; 0 or a negative errno. */
int lvs_conf_get(const char *ifname, enum lvs_arp_key key, int *value);
int lvs_conf_set(const char *ifname, enum lvs_arp_key key, int value);

/*
 * The value in force on @ifname: the larger of "all" and the interface's
 * own, except for arp_filter, which is on when either is.
 */
int lvs_conf_effective(const char *ifname, enum lvs_arp_key key, int *value);

/* net.ipv4.ip_forward. */
int lvs_ip_forward(int *value);

#endif
