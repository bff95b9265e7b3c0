// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * -c: the connection table.  IPVS publishes it only in
 * /proc/net/ip_vs_conn; each row is reprinted in ipvsadm's layout.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "addr.h"
#include "conn.h"
#include "output.h"

#define CONN_FILE "/proc/net/ip_vs_conn"

/* An address column: IPv6 text, IPv4 text, or IPv4 as 8 hex digits. */
static int conn_addr(const char *text, union lvs_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET6, text, &a->v6) > 0)
		return AF_INET6;
	if (inet_pton(AF_INET, text, &a->v4) <= 0)
		a->v4.s_addr = htonl((uint32_t)strtoul(text, NULL, 16));
	return AF_INET;
}

static int conn_proto(const char *name)
{
	if (!strcmp(name, "TCP"))
		return IPPROTO_TCP;
	if (!strcmp(name, "UDP"))
		return IPPROTO_UDP;
	if (!strcmp(name, "SCTP"))
		return IPPROTO_SCTP;
	return 0;
}

/* One row of /proc/net/ip_vs_conn; false for a line that is not one. */
static bool parse_conn(const char *line, struct lvs_conn *c)
{
	char a[64], v[64], d[64];
	int n;

	memset(c, 0, sizeof(*c));
	n = sscanf(line, "%7s %63s %hX %63s %hX %63s %hX %15s %u %16s %255s",
		   c->proto, a, &c->cport, v, &c->vport, d, &c->dport, c->state,
		   &c->expires, c->pe_name, c->pe_data);
	if (n < 9)
		return false;
	c->has_pe = n == 11;
	c->protocol = conn_proto(c->proto);
	c->af = (uint16_t)conn_addr(a, &c->caddr);
	if (c->af == AF_INET6)
		inet_pton(AF_INET6, v, &c->vaddr.v6);
	else
		conn_addr(v, &c->vaddr);
	c->daf = (uint16_t)conn_addr(d, &c->daddr);
	return true;
}

int lvs_list_conns(struct lvs_ctx *ctx, unsigned int format,
		   struct lvs_err *err)
{
	const struct lvs_writer *w = lvs_writer(format);
	char line[512];
	bool first = true;
	FILE *f = fopen(CONN_FILE, "re");

	if (!f)
		return lvs_fail(err, LVS_EXIT_LIST, "cannot open file %s",
				CONN_FILE);
	if (!fgets(line, sizeof(line), f)) {
		fclose(f);
		return lvs_fail(err, LVS_EXIT_LIST, "unexpected input from %s",
				CONN_FILE);
	}
	w->conns_begin(ctx->out, format);
	while (fgets(line, sizeof(line), f)) {
		struct lvs_conn c;

		if (!parse_conn(line, &c))
			continue;
		w->conn(ctx->out, &c, format, first);
		first = false;
	}
	w->conns_end(ctx->out, format);
	fclose(f);
	return 0;
}
