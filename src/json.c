// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * --json: the model as JSON.
 *
 * Listings can be large, so they are streamed by a small writer (struct
 * jw): the structure and the numbers are written as they go, and every
 * string that is not plain printable ASCII is encoded by jansson.  The
 * small documents of --list-vips are built as jansson trees.  Numbers
 * are exact; addresses are strings without brackets; everything ipvsadm
 * packs into one column is a field of its own.  The schema is in the man
 * page, JSON OUTPUT.
 */
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <jansson.h>

#include "addr.h"
#include "output.h"
#include "print.h"

/*
 * A JSON writer: @more when the next member needs a comma first; the
 * text gathers in @buf.
 */
struct jw {
	struct lvs_obuf b;
	bool more;
	char buf[8192];
};

static void jw_start(struct jw *w, FILE *out, bool more)
{
	w->b = (struct lvs_obuf){ .out = out,
				  .buf = w->buf,
				  .size = sizeof(w->buf) };
	w->more = more;
}

static void jw_putc(struct jw *w, char c)
{
	*lvs_obuf_room(&w->b, 1) = c;
	w->b.n++;
}

/* @s as a JSON string. */
static void put_string(struct jw *w, const char *s)
{
	const unsigned char *c = (const unsigned char *)s;
	json_t *j;

	while (*c >= 0x20 && *c < 0x7f && *c != '"' && *c != '\\')
		c++;
	if (!*c) {
		size_t len = (size_t)(c - (const unsigned char *)s);
		char *p;

		if (len + 2 > w->b.size) {
			jw_putc(w, '"');
			lvs_obuf_put(&w->b, s, len);
			jw_putc(w, '"');
			return;
		}
		p = lvs_obuf_room(&w->b, len + 2);
		p[0] = '"';
		memcpy(p + 1, s, len);
		p[len + 1] = '"';
		w->b.n += len + 2;
		return;
	}
	j = json_string(s);
	if (!j) {
		/* Not UTF-8: its bytes are taken as Latin-1. */
		size_t n = strlen(s);
		char *u = malloc(2 * n + 1), *p = u;

		for (c = (const unsigned char *)s; u && *c; c++) {
			if (*c < 0x80) {
				*p++ = (char)*c;
			} else {
				*p++ = (char)(0xc0 | *c >> 6);
				*p++ = (char)(0x80 | (*c & 0x3f));
			}
		}
		if (u)
			*p = '\0';
		j = u ? json_string(u) : NULL;
		free(u);
	}
	lvs_obuf_flush(&w->b);
	if (j)
		json_dumpf(j, w->b.out, JSON_ENCODE_ANY);
	else
		fputs("\"\"", w->b.out);
	json_decref(j);
}

/*
 * The comma if one is due, then "@key": (keys are this file's own, short
 * and plain ASCII; none for an array's element), then @len bytes of
 * @value, in one piece of the buffer.
 */
static void jw_member(struct jw *w, const char *key, const char *value,
		      size_t len)
{
	size_t klen = key ? strlen(key) : 0;
	char *p = lvs_obuf_room(&w->b, klen + 4 + len), *start = p;

	if (w->more)
		*p++ = ',';
	w->more = true;
	if (key) {
		*p++ = '"';
		memcpy(p, key, klen);
		p += klen;
		*p++ = '"';
		*p++ = ':';
	}
	memcpy(p, value, len);
	w->b.n += (size_t)(p + len - start);
}

static void jw_key(struct jw *w, const char *key)
{
	jw_member(w, key, "", 0);
}

static void jw_str(struct jw *w, const char *key, const char *v)
{
	jw_key(w, key);
	put_string(w, v);
}

static void jw_int(struct jw *w, const char *key, int64_t v)
{
	char digits[24];

	jw_member(w, key, digits, lvs_fmt_i64(digits, v));
}

/* Counters past 2^63 (8 EiB) are not expected; they print as such. */
static void jw_num(struct jw *w, const char *key, uint64_t v)
{
	jw_int(w, key, (int64_t)v);
}

static void jw_bool(struct jw *w, const char *key, bool v)
{
	if (v)
		jw_member(w, key, "true", 4);
	else
		jw_member(w, key, "false", 5);
}

static void jw_addr(struct jw *w, const char *key, int af,
		    const union lvs_addr *a)
{
	char text[INET6_ADDRSTRLEN];

	lvs_format_addr(text, sizeof(text), af, a);
	jw_str(w, key, text);
}

/* Open an object ('{') or an array ('[') as member @key. */
static void jw_open(struct jw *w, const char *key, char bracket)
{
	jw_key(w, key);
	jw_putc(w, bracket);
	w->more = false;
}

static void jw_close(struct jw *w, char bracket)
{
	jw_putc(w, bracket);
	w->more = true;
}

static const char *family(int af)
{
	return af == AF_INET6 ? "inet6" : "inet";
}

static const char *protocol(int proto)
{
	const char *key = lvs_proto_key(proto);

	return key ? key : "unknown";
}

/* The totals (from LVS_STAT_CONNS) or the rates (from LVS_STAT_CPS). */
static void stat_group(struct jw *w, const char *key, const struct lvs_stats *s,
		       enum lvs_stat from)
{
	static const char *const keys[LVS_NUM_STATS] = {
		"conns", "inpkts", "outpkts", "inbytes", "outbytes",
		"cps",	 "inpps",  "outpps",  "inbps",	 "outbps",
	};

	jw_open(w, key, '{');
	for (int f = from; f < (int)from + LVS_STAT_GROUP; f++)
		jw_num(w, keys[f], lvs_stat(s, f));
	jw_close(w, '}');
}

static void stats(struct jw *w, const struct lvs_stats *s)
{
	stat_group(w, "stats", s, LVS_STAT_CONNS);
	stat_group(w, "rate", s, LVS_STAT_CPS);
}

static const char *forward(uint32_t fwd)
{
	const struct lvs_fwd_name *f = lvs_fwd_name(fwd);

	return f ? f->json : "unknown";
}

static void tunnel(struct jw *w, const struct lvs_dest *d)
{
	static const char *const csum[] = { "nocsum", "csum", "remcsum" };

	jw_open(w, "tunnel", '{');
	jw_str(w, "type",
	       d->tun_type < IP_VS_CONN_F_TUNNEL_TYPE_MAX ?
		       lvs_tun_names[d->tun_type] :
		       "unknown");
	if (d->tun_type != IP_VS_CONN_F_TUNNEL_TYPE_IPIP) {
		if (d->tun_type == IP_VS_CONN_F_TUNNEL_TYPE_GUE)
			jw_num(w, "port", d->tun_port);
		jw_str(w, "checksum",
		       d->tun_flags < 3 ? csum[d->tun_flags] : "unknown");
	}
	jw_close(w, '}');
}

static void dest(struct jw *w, const struct lvs_dest_entry *e)
{
	const struct lvs_dest *d = &e->dest;

	jw_open(w, NULL, '{');
	jw_str(w, "family", family(d->af));
	jw_addr(w, "address", d->af, &d->addr);
	jw_num(w, "port", d->port);
	jw_str(w, "forward", forward(d->fwd));
	jw_int(w, "weight", d->weight);
	jw_num(w, "u_threshold", d->u_thresh);
	jw_num(w, "l_threshold", d->l_thresh);
	jw_num(w, "active_conns", e->activeconns);
	jw_num(w, "inactive_conns", e->inactconns);
	jw_num(w, "persistent_conns", e->persistconns);
	if ((d->fwd & IP_VS_CONN_F_FWD_MASK) == IP_VS_CONN_F_TUNNEL)
		tunnel(w, d);
	stats(w, &e->stats);
	jw_close(w, '}');
}

static void sched_flags(struct jw *w, const struct lvs_service *s)
{
	char text[64], *save = NULL;

	lvs_sched_flags_text(s, text, sizeof(text));
	jw_open(w, "sched_flags", '[');
	for (char *f = strtok_r(text, ",", &save); f;
	     f = strtok_r(NULL, ",", &save))
		jw_str(w, NULL, f);
	jw_close(w, ']');
}

/* {"version":..,"conn_tab_size":..,"services":[  (no version if NULL) */
static void json_begin(FILE *out, const struct lvs_info *info,
		       unsigned int format)
{
	(void)format;
	fputc('{', out);
	if (info)
		fprintf(out, "\"version\":\"%u.%u.%u\",\"conn_tab_size\":%u,",
			(info->version >> 16) & 0xff,
			(info->version >> 8) & 0xff, info->version & 0xff,
			info->conn_tab_size);
	fputs("\"services\":[", out);
}

static void json_service(FILE *out, const struct lvs_service_entry *e,
			 unsigned int format, bool first)
{
	const struct lvs_service *s = &e->svc;
	bool persistent = s->flags & IP_VS_SVC_F_PERSISTENT;
	struct jw w;

	(void)format;
	jw_start(&w, out, !first);
	jw_open(&w, NULL, '{');
	jw_str(&w, "family", family(s->af));
	if (s->fwmark) {
		jw_num(&w, "fwmark", s->fwmark);
	} else {
		jw_str(&w, "protocol", protocol(s->protocol));
		jw_addr(&w, "address", s->af, &s->addr);
		jw_num(&w, "port", s->port);
	}
	jw_str(&w, "scheduler", s->sched);
	sched_flags(&w, s);
	jw_bool(&w, "persistent", persistent);
	if (persistent)
		jw_num(&w, "timeout", s->timeout);
	if (s->af == AF_INET6) {
		jw_num(&w, "netmask", s->netmask);
	} else {
		union lvs_addr m = { .v4.s_addr = s->netmask };

		jw_addr(&w, "netmask", AF_INET, &m);
	}
	if (s->pe[0])
		jw_str(&w, "pe", s->pe);
	jw_bool(&w, "one_packet", s->flags & IP_VS_SVC_F_ONEPACKET);
	stats(&w, &e->stats);
	jw_open(&w, "real_servers", '[');
	for (size_t i = 0; i < e->n_dests; i++)
		dest(&w, &e->dests[i]);
	jw_close(&w, ']');
	jw_close(&w, '}');
	lvs_obuf_flush(&w.b);
}

static int json_end(FILE *out, unsigned int format)
{
	(void)format;
	fputs("]}\n", out);
	return 0;
}

static void json_timeout(FILE *out, const struct lvs_timeout *t)
{
	struct jw w;

	jw_start(&w, out, false);
	jw_open(&w, NULL, '{');
	jw_open(&w, "timeout", '{');
	jw_num(&w, "tcp", t->tcp);
	jw_num(&w, "tcp_fin", t->tcp_fin);
	jw_num(&w, "udp", t->udp);
	jw_close(&w, '}');
	jw_close(&w, '}');
	lvs_obuf_flush(&w.b);
	fputc('\n', out);
}

static void json_daemons(FILE *out, const struct lvs_daemon d[2])
{
	struct jw w;

	jw_start(&w, out, false);
	jw_open(&w, NULL, '{');
	jw_open(&w, "daemons", '[');
	for (int i = 0; i < 2; i++) {
		if (!(d[i].state & (IP_VS_STATE_MASTER | IP_VS_STATE_BACKUP)))
			continue;
		jw_open(&w, NULL, '{');
		jw_str(&w, "state",
		       d[i].state & IP_VS_STATE_MASTER ? "master" : "backup");
		jw_str(&w, "mcast_interface", d[i].mcast_ifn);
		jw_num(&w, "syncid", d[i].syncid);
		if (d[i].sync_maxlen)
			jw_num(&w, "sync_maxlen", d[i].sync_maxlen);
		if (d[i].mcast_af)
			jw_addr(&w, "mcast_group", d[i].mcast_af,
				&d[i].mcast_group);
		if (d[i].mcast_port)
			jw_num(&w, "mcast_port", d[i].mcast_port);
		if (d[i].mcast_ttl)
			jw_num(&w, "mcast_ttl", d[i].mcast_ttl);
		jw_close(&w, '}');
	}
	jw_close(&w, ']');
	jw_close(&w, '}');
	lvs_obuf_flush(&w.b);
	fputc('\n', out);
}

static void endpoint(struct jw *w, const char *key, int af,
		     const union lvs_addr *a, uint16_t port)
{
	jw_open(w, key, '{');
	jw_addr(w, "address", af, a);
	jw_num(w, "port", port);
	jw_close(w, '}');
}

/* One connection-table entry (an element of "connections"). */
static void json_conn(FILE *out, const struct lvs_conn *c, unsigned int format,
		      bool first)
{
	struct jw w;

	(void)format;
	jw_start(&w, out, !first);
	jw_open(&w, NULL, '{');
	jw_str(&w, "protocol", c->protocol ? protocol(c->protocol) : c->proto);
	jw_num(&w, "expire", c->expires);
	jw_str(&w, "state", c->state);
	endpoint(&w, "client", c->af, &c->caddr, c->cport);
	endpoint(&w, "virtual", c->af, &c->vaddr, c->vport);
	endpoint(&w, "real_server", c->daf, &c->daddr, c->dport);
	if (c->has_pe) {
		jw_str(&w, "pe_name", c->pe_name);
		jw_str(&w, "pe_data", c->pe_data);
	}
	jw_close(&w, '}');
	lvs_obuf_flush(&w.b);
}

/* --- the trees of --list-vips --- */

static json_t *str(const char *s)
{
	return json_string(s);
}

static json_t *num(uint64_t v)
{
	return json_integer((json_int_t)v);
}

static json_t *addr(int af, const union lvs_addr *a)
{
	char text[INET6_ADDRSTRLEN];

	return str(inet_ntop(af, a, text, sizeof(text)) ? text : "");
}

static void dump(FILE *out, json_t *j)
{
	json_dumpf(j, out, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(j);
}

static json_t *vip_row(const struct lvs_vip_row *r)
{
	const struct lvs_ifaddr *x = &r->x;
	json_t *j = json_object();

	json_object_set_new(j, "address", addr(x->af, &x->addr));
	json_object_set_new(j, "prefix_length", num(x->prefixlen));
	json_object_set_new(j, "interface", str(r->ifname));
	if (x->label[0])
		json_object_set_new(j, "label", str(x->label));
	json_object_set_new(j, "origin", str(r->origin));
	json_object_set_new(j, "hidden", json_boolean(!r->answered_on));
	if (r->answered_on)
		json_object_set_new(j, "answered_on", str(r->answered_on));
	return j;
}

static json_t *conf_rows(const struct lvs_vip_report *r)
{
	json_t *conf = json_array();

	for (size_t i = 0; i < r->n_conf; i++) {
		json_t *c = json_object();

		json_object_set_new(c, "interface", str(r->conf[i].ifname));
		for (int k = 0; k < r->n_keys; k++)
			json_object_set_new(c, r->keys[k],
					    json_integer(r->conf[i].v[k]));
		json_array_append_new(conf, c);
	}
	return conf;
}

static void json_vips(FILE *out, const struct lvs_vip_report *r)
{
	json_t *j = json_object(), *vips = json_array();

	for (size_t i = 0; i < r->n_rows; i++)
		json_array_append_new(vips, vip_row(&r->rows[i]));
	json_object_set_new(j, "vips", vips);
	json_object_set_new(j, "sysctls", conf_rows(r));
	dump(out, j);
	fputc('\n', out);
}

static void json_arp_strict(FILE *out, bool on, const struct lvs_vip_report *r)
{
	json_t *j = json_object();

	json_object_set_new(j, "arp_strict", json_boolean(on));
	json_object_set_new(j, "sysctls", conf_rows(r));
	dump(out, j);
	fputc('\n', out);
}

static json_t *or_null(const char *s)
{
	return s[0] ? json_string(s) : json_null();
}

/*
 * --check --json: {"ok":..,"roles":[..],"summary":..,"checked":{..},
 * "problems":..,"findings":[{"severity":..,"vip":..,"real_server":..,
 * "message":..,"fix":..,"fix_host":..}]}
 */
static void json_check(FILE *out, const struct lvs_check_summary *s,
		       const struct lvs_findings *f)
{
	json_t *j = json_object(), *roles = json_array(),
	       *checked = json_object(), *list = json_array();

	for (size_t i = 0; i < s->n_roles; i++)
		json_array_append_new(roles, json_string(s->roles[i]));
	json_object_set_new(checked, "services",
			    json_integer((json_int_t)s->services));
	json_object_set_new(checked, "real_servers",
			    json_integer((json_int_t)s->real_servers));
	json_object_set_new(checked, "vips", json_integer((json_int_t)s->vips));
	for (size_t i = 0; i < f->n; i++) {
		const struct lvs_finding *x = &f->v[i];
		json_t *o = json_object();

		json_object_set_new(o, "severity",
				    json_string(x->problem ? "problem" :
							     "info"));
		json_object_set_new(o, "vip", or_null(x->vip));
		json_object_set_new(o, "real_server", or_null(x->rs));
		json_object_set_new(o, "message", json_string(x->msg));
		json_object_set_new(o, "fix", or_null(x->fix));
		json_object_set_new(o, "fix_host",
				    or_null(x->fix[0] ? x->fix_host : ""));
		json_array_append_new(list, o);
	}
	json_object_set_new(j, "ok", json_boolean(!f->problems));
	json_object_set_new(j, "roles", roles);
	json_object_set_new(j, "summary", or_null(s->text));
	json_object_set_new(j, "checked", checked);
	json_object_set_new(j, "problems", json_integer(f->problems));
	json_object_set_new(j, "findings", list);
	dump(out, j);
	fputc('\n', out);
}

/* --- the JSON writer (output.h) --- */

static void json_conns_begin(FILE *out, unsigned int format)
{
	(void)format;
	fputs("{\"connections\":[", out);
}

static void json_conns_end(FILE *out, unsigned int format)
{
	(void)format;
	fputs("]}\n", out);
}

const struct lvs_writer lvs_json_writer = {
	.begin = json_begin,
	.title = lvs_write_nothing,
	.service = json_service,
	.end = json_end,
	.timeout = json_timeout,
	.daemons = json_daemons,
	.conns_begin = json_conns_begin,
	.conn = json_conn,
	.conns_end = json_conns_end,
	.vips = json_vips,
	.arp_strict = json_arp_strict,
	.check = json_check,
};
