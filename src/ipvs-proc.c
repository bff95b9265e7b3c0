// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/net/ip_vs, read (net/netfilter/ipvs/ip_vs_ctl.c,
 * ip_vs_info_seq_show): after three header lines, one line per service,
 *   "TCP  0A00000A:0050 rr " or "TCP  [2001:0db8:...]:0050 rr "
 *   "FWM  00000001 rr "
 * each followed by its real servers,
 *   "  -> 0A000002:0050      Route   1      0          0"
 * Addresses are in hexadecimal (IPv4, host order) or in brackets (IPv6).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "ipvs-proc.h"

/* "0A00000A:0050" or "[2001:db8::1]:0050". */
static int addr_port(const char *s, uint16_t *af, union lvs_addr *a,
		     uint16_t *port)
{
	unsigned long v, p;
	char *end;

	memset(a, 0, sizeof(*a));
	if (*s == '[') {
		char text[INET6_ADDRSTRLEN];
		const char *close = strchr(s, ']');

		if (!close || (size_t)(close - s - 1) >= sizeof(text) ||
		    close[1] != ':')
			return -EINVAL;
		memcpy(text, s + 1, (size_t)(close - s - 1));
		text[close - s - 1] = '\0';
		if (inet_pton(AF_INET6, text, &a->v6) != 1)
			return -EINVAL;
		*af = AF_INET6;
		s = close + 1;
	} else {
		v = strtoul(s, &end, 16);
		if (end - s != 8 || *end != ':')
			return -EINVAL;
		a->v4.s_addr = htonl((uint32_t)v);
		*af = AF_INET;
		s = end;
	}
	p = strtoul(s + 1, &end, 16);
	if (end == s + 1 || *end || p > 0xffff)
		return -EINVAL;
	*port = (uint16_t)p;
	return 0;
}

static int service_line(char *line, struct lvs_service *svc)
{
	char *save = NULL, *proto = strtok_r(line, " \t\n", &save);
	char *where = strtok_r(NULL, " \t\n", &save);
	char *sched = strtok_r(NULL, " \t\n", &save);
	char *end;

	if (!proto || !where || !sched)
		return -EINVAL;
	snprintf(svc->sched, sizeof(svc->sched), "%s", sched);
	if (!strcmp(proto, "FWM")) {
		unsigned long m = strtoul(where, &end, 16);

		if (*end || !m || m > 0xffffffffUL)
			return -EINVAL;
		svc->fwmark = (uint32_t)m;
		svc->af = AF_INET;
		return 0;
	}
	if (!strcmp(proto, "TCP"))
		svc->protocol = IPPROTO_TCP;
	else if (!strcmp(proto, "UDP"))
		svc->protocol = IPPROTO_UDP;
	else if (!strcmp(proto, "SCTP"))
		svc->protocol = IPPROTO_SCTP;
	else
		return -EINVAL;
	return addr_port(where, &svc->af, &svc->addr, &svc->port);
}

static int dest_line(char *line, struct lvs_dest *d)
{
	char *save = NULL, *arrow = strtok_r(line, " \t\n", &save);
	char *where = strtok_r(NULL, " \t\n", &save);
	char *fwd = strtok_r(NULL, " \t\n", &save);
	char *weight = strtok_r(NULL, " \t\n", &save);
	const struct lvs_fwd_name *f;

	if (!arrow || strcmp(arrow, "->") || !where || !fwd || !weight ||
	    addr_port(where, &d->af, &d->addr, &d->port))
		return -EINVAL;
	f = lvs_fwd_by_list_name(fwd);
	if (!f)
		return -EINVAL;
	d->fwd = f->fwd;
	d->weight = (int32_t)strtol(weight, NULL, 10);
	return 0;
}

int lvs_proc_read_table(FILE *in, struct lvs_table *t)
{
	struct lvs_service_entry *e = NULL;
	char line[512];
	int n = 0;

	memset(t, 0, sizeof(*t));
	while (fgets(line, sizeof(line), in)) {
		if (n++ < 3)
			continue;
		if (!strncmp(line, "  ->", 4)) {
			struct lvs_dest_entry *d;

			if (!e)
				return -EINVAL;
			d = lvs_service_add_dest(e);
			if (!d)
				return -ENOMEM;
			if (dest_line(line, &d->dest))
				return -EINVAL;
			continue;
		}
		e = lvs_table_add(t);
		if (!e)
			return -ENOMEM;
		if (service_line(line, &e->svc))
			return -EINVAL;
	}
	return 0;
}
