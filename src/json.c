// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * --json: the model as JSON, through jansson.
 *
 * Listings are streamed: the outer object is written here, and each
 * service or connection is built and written on its own, so a large
 * table needs no large tree.  Numbers are exact; addresses are strings
 * without brackets; everything ipvsadm packs into one column is a field
 * of its own.  The schema is in the man page, JSON OUTPUT.
 */
#include <string.h>
#include <arpa/inet.h>
#include <jansson.h>

#include "addr.h"
#include "json.h"
#include "print.h"

static json_t *str(const char *s)
{
	return json_string(s);
}

static json_t *num(uint64_t v)
{
	/* Counters past 2^63 (8 EiB) would not survive json_int_t. */
	return json_integer((json_int_t)v);
}

static json_t *addr(int af, const union lvs_addr *a)
{
	char text[INET6_ADDRSTRLEN];

	return str(inet_ntop(af, a, text, sizeof(text)) ? text : "");
}

static const char *family(int af)
{
	return af == AF_INET6 ? "inet6" : "inet";
}

static const char *protocol(int proto)
{
	switch (proto) {
	case IPPROTO_TCP:
		return "tcp";
	case IPPROTO_UDP:
		return "udp";
	case IPPROTO_SCTP:
		return "sctp";
	}
	return "unknown";
}

static void dump(FILE *out, json_t *j)
{
	json_dumpf(j, out, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(j);
}

static json_t *stats(const struct lvs_stats *s)
{
	json_t *j = json_object();

	json_object_set_new(j, "conns", num(s->conns));
	json_object_set_new(j, "inpkts", num(s->inpkts));
	json_object_set_new(j, "outpkts", num(s->outpkts));
	json_object_set_new(j, "inbytes", num(s->inbytes));
	json_object_set_new(j, "outbytes", num(s->outbytes));
	return j;
}

static json_t *rate(const struct lvs_stats *s)
{
	json_t *j = json_object();

	json_object_set_new(j, "cps", num(s->cps));
	json_object_set_new(j, "inpps", num(s->inpps));
	json_object_set_new(j, "outpps", num(s->outpps));
	json_object_set_new(j, "inbps", num(s->inbps));
	json_object_set_new(j, "outbps", num(s->outbps));
	return j;
}

static const char *forward(uint32_t fwd)
{
	switch (fwd & IP_VS_CONN_F_FWD_MASK) {
	case IP_VS_CONN_F_MASQ:
		return "masq";
	case IP_VS_CONN_F_LOCALNODE:
		return "local";
	case IP_VS_CONN_F_TUNNEL:
		return "tunnel";
	case IP_VS_CONN_F_DROUTE:
		return "route";
	}
	return "unknown";
}

static json_t *tunnel(const struct lvs_dest *d)
{
	static const char *const csum[] = { "nocsum", "csum", "remcsum" };
	json_t *j = json_object();

	json_object_set_new(j, "type",
			    str(d->tun_type < IP_VS_CONN_F_TUNNEL_TYPE_MAX ?
					lvs_tun_names[d->tun_type] :
					"unknown"));
	if (d->tun_type != IP_VS_CONN_F_TUNNEL_TYPE_IPIP) {
		if (d->tun_type == IP_VS_CONN_F_TUNNEL_TYPE_GUE)
			json_object_set_new(j, "port", num(d->tun_port));
		json_object_set_new(j, "checksum",
				    str(d->tun_flags < 3 ? csum[d->tun_flags] :
							   "unknown"));
	}
	return j;
}

static json_t *dest(const struct lvs_dest_entry *e)
{
	const struct lvs_dest *d = &e->dest;
	json_t *j = json_object();

	json_object_set_new(j, "family", str(family(d->af)));
	json_object_set_new(j, "address", addr(d->af, &d->addr));
	json_object_set_new(j, "port", num(d->port));
	json_object_set_new(j, "forward", str(forward(d->fwd)));
	json_object_set_new(j, "weight", json_integer(d->weight));
	json_object_set_new(j, "u_threshold", num(d->u_thresh));
	json_object_set_new(j, "l_threshold", num(d->l_thresh));
	json_object_set_new(j, "active_conns", num(e->activeconns));
	json_object_set_new(j, "inactive_conns", num(e->inactconns));
	json_object_set_new(j, "persistent_conns", num(e->persistconns));
	if ((d->fwd & IP_VS_CONN_F_FWD_MASK) == IP_VS_CONN_F_TUNNEL)
		json_object_set_new(j, "tunnel", tunnel(d));
	json_object_set_new(j, "stats", stats(&e->stats));
	json_object_set_new(j, "rate", rate(&e->stats));
	return j;
}

static json_t *sched_flags(const struct lvs_service *s)
{
	char text[64], *save = NULL;
	json_t *j = json_array();

	lvs_sched_flags_text(s, text, sizeof(text));
	for (char *f = strtok_r(text, ",", &save); f;
	     f = strtok_r(NULL, ",", &save))
		json_array_append_new(j, str(f));
	return j;
}

static json_t *service(const struct lvs_service_entry *e)
{
	const struct lvs_service *s = &e->svc;
	json_t *j = json_object(), *dests = json_array();
	bool persistent = s->flags & IP_VS_SVC_F_PERSISTENT;

	json_object_set_new(j, "family", str(family(s->af)));
	if (s->fwmark) {
		json_object_set_new(j, "fwmark", num(s->fwmark));
	} else {
		json_object_set_new(j, "protocol", str(protocol(s->protocol)));
		json_object_set_new(j, "address", addr(s->af, &s->addr));
		json_object_set_new(j, "port", num(s->port));
	}
	json_object_set_new(j, "scheduler", str(s->sched));
	json_object_set_new(j, "sched_flags", sched_flags(s));
	json_object_set_new(j, "persistent", json_boolean(persistent));
	if (persistent)
		json_object_set_new(j, "timeout", num(s->timeout));
	if (s->af == AF_INET6) {
		json_object_set_new(j, "netmask", num(s->netmask));
	} else {
		union lvs_addr m = { .v4.s_addr = s->netmask };

		json_object_set_new(j, "netmask", addr(AF_INET, &m));
	}
	if (s->pe[0])
		json_object_set_new(j, "pe", str(s->pe));
	json_object_set_new(j, "one_packet",
			    json_boolean(s->flags & IP_VS_SVC_F_ONEPACKET));
	json_object_set_new(j, "stats", stats(&e->stats));
	json_object_set_new(j, "rate", rate(&e->stats));
	for (size_t i = 0; i < e->n_dests; i++)
		json_array_append_new(dests, dest(&e->dests[i]));
	json_object_set_new(j, "real_servers", dests);
	return j;
}

void lvs_json_begin(FILE *out, const struct lvs_info *info)
{
	fputc('{', out);
	if (info)
		fprintf(out, "\"version\":\"%u.%u.%u\",\"conn_tab_size\":%u,",
			(info->version >> 16) & 0xff,
			(info->version >> 8) & 0xff, info->version & 0xff,
			info->conn_tab_size);
	fputs("\"services\":[", out);
}

void lvs_json_service(FILE *out, const struct lvs_service_entry *e, bool first)
{
	if (!first)
		fputc(',', out);
	dump(out, service(e));
}

void lvs_json_end(FILE *out)
{
	fputs("]}\n", out);
}

void lvs_json_timeout(FILE *out, const struct lvs_timeout *t)
{
	json_t *j = json_object(), *to = json_object();

	json_object_set_new(to, "tcp", num(t->tcp));
	json_object_set_new(to, "tcp_fin", num(t->tcp_fin));
	json_object_set_new(to, "udp", num(t->udp));
	json_object_set_new(j, "timeout", to);
	dump(out, j);
	fputc('\n', out);
}

void lvs_json_daemons(FILE *out, const struct lvs_daemon d[2])
{
	json_t *j = json_object(), *list = json_array();

	for (int i = 0; i < 2; i++) {
		json_t *x;

		if (!(d[i].state & (IP_VS_STATE_MASTER | IP_VS_STATE_BACKUP)))
			continue;
		x = json_object();
		json_object_set_new(x, "state",
				    str(d[i].state & IP_VS_STATE_MASTER ?
						"master" :
						"backup"));
		json_object_set_new(x, "mcast_interface", str(d[i].mcast_ifn));
		json_object_set_new(x, "syncid", num(d[i].syncid));
		if (d[i].sync_maxlen)
			json_object_set_new(x, "sync_maxlen",
					    num(d[i].sync_maxlen));
		if (d[i].mcast_af)
			json_object_set_new(x, "mcast_group",
					    addr(d[i].mcast_af,
						 &d[i].mcast_group));
		if (d[i].mcast_port)
			json_object_set_new(x, "mcast_port",
					    num(d[i].mcast_port));
		if (d[i].mcast_ttl)
			json_object_set_new(x, "mcast_ttl",
					    num(d[i].mcast_ttl));
		json_array_append_new(list, x);
	}
	json_object_set_new(j, "daemons", list);
	dump(out, j);
	fputc('\n', out);
}

static json_t *endpoint(int af, const union lvs_addr *a, uint16_t port)
{
	json_t *j = json_object();

	json_object_set_new(j, "address", addr(af, a));
	json_object_set_new(j, "port", num(port));
	return j;
}

void lvs_json_conn(FILE *out, const struct lvs_conn *c)
{
	json_t *j = json_object();

	json_object_set_new(j, "protocol",
			    str(c->protocol ? protocol(c->protocol) :
					      c->proto));
	json_object_set_new(j, "expire", num(c->expires));
	json_object_set_new(j, "state", str(c->state));
	json_object_set_new(j, "client", endpoint(c->af, &c->caddr, c->cport));
	json_object_set_new(j, "virtual", endpoint(c->af, &c->vaddr, c->vport));
	json_object_set_new(j, "real_server",
			    endpoint(c->daf, &c->daddr, c->dport));
	if (c->has_pe) {
		json_object_set_new(j, "pe_name", str(c->pe_name));
		json_object_set_new(j, "pe_data", str(c->pe_data));
	}
	dump(out, j);
}

json_t *lvs_json_vip(const struct lvs_ifaddr *x, const char *ifname,
		     const char *origin, const char *answered_on)
{
	json_t *j = json_object();

	json_object_set_new(j, "address", addr(x->af, &x->addr));
	json_object_set_new(j, "prefix_length", num(x->prefixlen));
	json_object_set_new(j, "interface", str(ifname));
	if (x->label[0])
		json_object_set_new(j, "label", str(x->label));
	json_object_set_new(j, "origin", str(origin));
	json_object_set_new(j, "hidden", json_boolean(!answered_on));
	if (answered_on)
		json_object_set_new(j, "answered_on", str(answered_on));
	return j;
}

json_t *lvs_json_conf(const char *ifname, const int *values,
		      const char *const *keys, int n)
{
	json_t *j = json_object();

	json_object_set_new(j, "interface", str(ifname));
	for (int k = 0; k < n; k++)
		json_object_set_new(j, keys[k], json_integer(values[k]));
	return j;
}

void lvs_json_vips(FILE *out, json_t *vips, json_t *conf)
{
	json_t *j = json_object();

	json_object_set_new(j, "vips", vips);
	json_object_set_new(j, "sysctls", conf);
	dump(out, j);
	fputc('\n', out);
}
