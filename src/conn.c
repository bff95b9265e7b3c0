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
#include "commands.h"

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

static void print_conn(FILE *out, const char *line, unsigned int format)
{
	char proto[8], c[64], v[64], d[64], state[16];
	char pe_name[IP_VS_PENAME_MAXLEN + 1], pe_data[IP_VS_PEDATA_MAXLEN + 1];
	char cname[64], vname[64], dname[64], expire[16];
	unsigned short cport, vport, dport;
	union lvs_addr ca, va, da;
	unsigned int expires;
	int n, af, p;

	n = sscanf(line, "%7s %63s %hX %63s %hX %63s %hX %15s %u %16s %255s",
		   proto, c, &cport, v, &vport, d, &dport, state, &expires,
		   pe_name, pe_data);
	if (n < 9)
		return;
	p = conn_proto(proto);
	af = conn_addr(c, &ca);
	if (af == AF_INET6)
		inet_pton(AF_INET6, v, &va.v6);
	else
		conn_addr(v, &va);
	lvs_format_hostport(cname, sizeof(cname), af, &ca, cport, p, format);
	lvs_format_hostport(vname, sizeof(vname), af, &va, vport, p, format);
	af = conn_addr(d, &da);
	lvs_format_hostport(dname, sizeof(dname), af, &da, dport, p, format);
	snprintf(expire, sizeof(expire), "%02u:%02u", expires / 60,
		 expires % 60);
	if ((format & LVS_FMT_PERSISTENTCONN) && n == 11)
		fprintf(out, "%-3s %-6s %-11s %-18s %-18s %-16s %-18s %s\n",
			proto, expire, state, cname, vname, dname, pe_name,
			pe_data);
	else
		fprintf(out, "%-3s %-6s %-11s %-18s %-18s %s\n", proto, expire,
			state, cname, vname, dname);
}

int lvs_list_conns(struct lvs_ctx *ctx, unsigned int format,
		   struct lvs_err *err)
{
	char line[512];
	FILE *f = fopen(CONN_FILE, "re");

	if (!f)
		return lvs_fail(err, LVS_EXIT_LIST, "cannot open file %s",
				CONN_FILE);
	if (!fgets(line, sizeof(line), f)) {
		fclose(f);
		return lvs_fail(err, LVS_EXIT_LIST, "unexpected input from %s",
				CONN_FILE);
	}
	fputs("IPVS connection entries\n", ctx->out);
	if (format & LVS_FMT_PERSISTENTCONN)
		fprintf(ctx->out,
			"pro expire %-11s %-18s %-18s %-18s %-16s %s\n",
			"state", "source", "virtual", "destination", "pe name",
			"pe_data");
	else
		fprintf(ctx->out, "pro expire %-11s %-18s %-18s %s\n", "state",
			"source", "virtual", "destination");
	while (fgets(line, sizeof(line), f))
		print_conn(ctx->out, line, format);
	fclose(f);
	return 0;
}
