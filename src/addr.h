/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Addresses, ports, numbers: parsing what users type and formatting what
 * the kernel reports, with ipvsadm's exact rules.
 */
#ifndef LVSADM_ADDR_H
#define LVSADM_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "model.h"

/* What lvs_parse_hostport() found. */
enum {
	LVS_HOSTPORT_ADDR = 1,
	LVS_HOSTPORT_PORT = 2,
};

/*
 * Parse "host[:port]" or "[ipv6]:port".  A host is an address or a name;
 * a port is a number or a service name looked up for @proto.  Returns a
 * mask of LVS_HOSTPORT_* (0 when the text is not acceptable) and fills
 * only what it found.
 */
int lvs_parse_hostport(const char *text, int proto, uint16_t *af,
		       union lvs_addr *addr, uint16_t *port);

/*
 * Parse a decimal integer in [min, max] with nothing after it; returns
 * false when the text is not one.
 */
bool lvs_parse_number(const char *text, long min, long max, long *out);

/* A firewall mark, 1..UINT32_MAX. */
bool lvs_parse_fwmark(const char *text, uint32_t *out);

/* An IPv4 netmask, dotted or a host name; stored in network order. */
bool lvs_parse_netmask4(const char *text, uint32_t *mask);

/*
 * A VIP as the real-server commands take it: an IPv4 or IPv6 address
 * alone, usable as a unicast service address.  Returns 0, or -1 with @err
 * saying why (status 2).
 */
int lvs_parse_vip(const char *text, struct lvs_vip *vip, struct lvs_err *err);

/* A comma-separated list of VIPs, duplicates dropped; all or nothing. */
int lvs_parse_vip_list(const char *text, struct lvs_vip_args *args,
		       struct lvs_err *err);

/* "tcp", "udp", "sctp" (as /etc/services names them) or NULL. */
const char *lvs_proto_key(int proto);

/* "TCP", "UDP", "SCTP" or "?". */
const char *lvs_proto_name(int proto);

/*
 * The one integer formatter: @v in decimal at @p, with a '-' when
 * negative, no terminator; returns the length (at most 20).
 */
size_t lvs_fmt_u64(char *p, uint64_t v);
size_t lvs_fmt_i64(char *p, int64_t v);

/* An address alone, numerically, as inet_ntop() writes it. */
void lvs_format_addr(char *buf, size_t len, int af, const union lvs_addr *addr);

/*
 * Format an address and port as ipvsadm prints them: "a.b.c.d:port" or
 * "[v6]:port".  Without LVS_FMT_NUMERIC in @format, names from the
 * resolver where there are any, except for IPv6 hosts in the rules format:
 * "[name]:port" could not be read back.  Returns the length written
 * (truncated to @len - 1).
 */
size_t lvs_format_hostport(char *buf, size_t len, int af,
			   const union lvs_addr *addr, uint16_t port, int proto,
			   unsigned int format);

#endif
