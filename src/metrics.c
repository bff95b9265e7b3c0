// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * --metrics: the table (-L) and the real-server side (--list-vips) in the
 * Prometheus text exposition format 0.0.4, for node_exporter's textfile
 * collector.
 *
 * Prometheus wants each family's samples together under one HELP and one
 * TYPE line, so the table is printed at its end: service() only keeps the
 * entries, which the listing commands keep valid until end().  Names and
 * labels of the families node_exporter's ipvs collector has are its own,
 * without the "node_" prefix; the label values of a service are those it
 * reads from /proc/net/ip_vs (proto "TCP", a firewall mark as 8 upper-case
 * hex digits with local_port "0").  Numbers are exact decimal integers.
 *
 * A listing can be 100,000 real servers, and 11 of the families are per
 * real server: the label text of each is made once, and the lines are
 * assembled in a large buffer with the one integer formatter
 * (lvs_fmt_i64).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "addr.h"
#include "metrics.h"
#include "output.h"
#include "print.h"

size_t lvs_metrics_escape(char *p, const char *s)
{
	char *start = p;

	for (; *s; s++) {
		if (*s == '\\' || *s == '"') {
			*p++ = '\\';
			*p++ = *s;
		} else if (*s == '\n') {
			*p++ = '\\';
			*p++ = 'n';
		} else {
			*p++ = *s;
		}
	}
	return (size_t)(p - start);
}

/* --- the output buffer --- */

/* One listing per run: the buffer is static. */
static char out_text[1 << 16];
static struct lvs_obuf out_buf = { .buf = out_text, .size = sizeof(out_text) };

static void put_str(struct lvs_obuf *w, const char *s)
{
	lvs_obuf_put(w, s, strlen(s));
}

/* The HELP and TYPE lines of family @name. */
static void family(struct lvs_obuf *w, const char *name, const char *type,
		   const char *help)
{
	put_str(w, "# HELP ");
	put_str(w, name);
	lvs_obuf_put(w, " ", 1);
	put_str(w, help);
	put_str(w, "\n# TYPE ");
	put_str(w, name);
	lvs_obuf_put(w, " ", 1);
	put_str(w, type);
	lvs_obuf_put(w, "\n", 1);
}

/*
 * One sample: @name, then "{@labels}" unless @labels is empty, then the
 * value.  Labels are at most LABELS_MAX bytes.
 */
#define LABELS_MAX 512

static void sample(struct lvs_obuf *w, const char *name, size_t nlen,
		   const char *labels, size_t llen, int64_t v)
{
	char *p = lvs_obuf_room(w, nlen + llen + 24), *start = p;

	memcpy(p, name, nlen);
	p += nlen;
	if (llen) {
		*p++ = '{';
		memcpy(p, labels, llen);
		p += llen;
		*p++ = '}';
	}
	*p++ = ' ';
	p += lvs_fmt_i64(p, v);
	*p++ = '\n';
	w->n += (size_t)(p - start);
}

static void sample_u(struct lvs_obuf *w, const char *name, const char *labels,
		     size_t llen, uint64_t v)
{
	/* Counters past 2^63 are not expected; they print as such. */
	sample(w, name, strlen(name), labels, llen, (int64_t)v);
}

/* Append label @key="@value" (value escaped) at @p, comma first if @more. */
static char *label(char *p, bool more, const char *key, const char *value)
{
	size_t klen = strlen(key);

	if (more)
		*p++ = ',';
	memcpy(p, key, klen);
	p += klen;
	*p++ = '=';
	*p++ = '"';
	p += lvs_metrics_escape(p, value);
	*p++ = '"';
	return p;
}

static char *label_u(char *p, bool more, const char *key, uint64_t v)
{
	char text[24];

	text[lvs_fmt_u64(text, v)] = '\0';
	return label(p, more, key, text);
}

/* --- the table --- */

/* What a listing collects until its end. */
static struct {
	bool whole;
	struct lvs_info info;
	bool have_globals;
	struct lvs_timeout timeout;
	struct lvs_daemon daemons[2];
	const struct lvs_service_entry **svcs;
	size_t n_svcs, cap_svcs;
	bool oom;
} table;

static void metrics_begin(FILE *out, const struct lvs_info *info,
			  unsigned int format)
{
	(void)out;
	(void)format;
	free(table.svcs);
	memset(&table, 0, sizeof(table));
	if (info) {
		table.whole = true;
		table.info = *info;
	}
}

static void metrics_service(FILE *out, const struct lvs_service_entry *e,
			    unsigned int format, bool first)
{
	(void)out;
	(void)format;
	(void)first;
	if (!lvs_grow((void **)&table.svcs, &table.cap_svcs, table.n_svcs + 1,
		      sizeof(*table.svcs))) {
		table.oom = true;
		return;
	}
	table.svcs[table.n_svcs++] = e;
}

static void metrics_globals(FILE *out, const struct lvs_timeout *t,
			    const struct lvs_daemon d[2])
{
	(void)out;
	table.have_globals = true;
	table.timeout = *t;
	table.daemons[0] = d[0];
	table.daemons[1] = d[1];
}

/* The labels that name service @s, as node_exporter spells them. */
static size_t service_labels(char *buf, const struct lvs_service *s)
{
	char text[INET6_ADDRSTRLEN], *p = buf;

	if (s->fwmark) {
		static const char hex[] = "0123456789ABCDEF";

		for (int i = 0; i < 8; i++)
			text[i] = hex[(s->fwmark >> (28 - 4 * i)) & 0xf];
		text[8] = '\0';
		p = label(p, false, "local_address", "");
		p = label(p, true, "local_mark", text);
		p = label(p, true, "local_port", "0");
		p = label(p, true, "proto", "FWM");
		return (size_t)(p - buf);
	}
	lvs_format_addr(text, sizeof(text), s->af, &s->addr);
	p = label(p, false, "local_address", text);
	p = label(p, true, "local_mark", "");
	p = label_u(p, true, "local_port", s->port);
	p = label(p, true, "proto", lvs_proto_name(s->protocol));
	return (size_t)(p - buf);
}

static size_t dest_labels(char *buf, const char *svc, size_t slen,
			  const struct lvs_dest *d)
{
	char text[INET6_ADDRSTRLEN], *p = buf + slen;

	memcpy(buf, svc, slen);
	lvs_format_addr(text, sizeof(text), d->af, &d->addr);
	p = label(p, true, "remote_address", text);
	p = label_u(p, true, "remote_port", d->port);
	return (size_t)(p - buf);
}

/*
 * The label text of every service and real server, made once: services
 * first (index i), then the real servers in listing order (index n + k).
 */
struct span {
	size_t off;
	size_t len;
};

struct labels {
	char *text;
	struct span *sp;
};

static bool make_labels(struct labels *l)
{
	size_t n = table.n_svcs, n_dests = 0, cap = 0, used = 0, k = n;
	char one[LABELS_MAX], svc[LABELS_MAX];

	for (size_t i = 0; i < n; i++)
		n_dests += table.svcs[i]->n_dests;
	l->sp = malloc((n + n_dests + 1) * sizeof(*l->sp));
	if (!l->sp)
		return false;
	for (size_t i = 0; i < n; i++) {
		const struct lvs_service_entry *e = table.svcs[i];
		size_t slen = service_labels(svc, &e->svc);

		for (size_t j = 0; j <= e->n_dests; j++) {
			size_t len = j ? dest_labels(one, svc, slen,
						     &e->dests[j - 1].dest) :
					 slen;
			size_t at = j ? k++ : i;

			if (!lvs_grow((void **)&l->text, &cap, used + len, 1))
				return false;
			memcpy(l->text + used, j ? one : svc, len);
			l->sp[at].off = used;
			l->sp[at].len = len;
			used += len;
		}
	}
	return true;
}

/* The families of the totals (the first LVS_STAT_GROUP counters). */
static const char *const stat_names[LVS_STAT_GROUP] = {
	"connections_total",	  "incoming_packets_total",
	"outgoing_packets_total", "incoming_bytes_total",
	"outgoing_bytes_total",
};

static const char *const stat_help[LVS_STAT_GROUP] = {
	"The total number of connections made",
	"The total number of incoming packets",
	"The total number of outgoing packets",
	"The total amount of incoming data, in bytes",
	"The total amount of outgoing data, in bytes",
};

static void globals(struct lvs_obuf *w)
{
	static const char *const tnames[] = { "tcp", "tcpfin", "udp" };
	char lab[LABELS_MAX], name[64];
	uint32_t tv[3];

	for (int f = 0; f < LVS_STAT_GROUP; f++) {
		uint64_t sum = 0;

		for (size_t i = 0; i < table.n_svcs; i++)
			sum += lvs_stat(&table.svcs[i]->stats, f);
		snprintf(name, sizeof(name), "ipvs_%s", stat_names[f]);
		family(w, name, "counter", stat_help[f]);
		sample_u(w, name, "", 0, sum);
	}
	family(w, "ipvs_connection_table_size", "gauge",
	       "The size of the IPVS connection hash table");
	sample_u(w, "ipvs_connection_table_size", "", 0,
		 table.info.conn_tab_size);
	if (!table.have_globals)
		return;
	tv[0] = table.timeout.tcp;
	tv[1] = table.timeout.tcp_fin;
	tv[2] = table.timeout.udp;
	family(w, "ipvs_timeout_seconds", "gauge",
	       "The connection timeouts (ipvsadm --set), by protocol state");
	for (int i = 0; i < 3; i++)
		sample_u(w, "ipvs_timeout_seconds", lab,
			 (size_t)(label(lab, false, "protocol", tnames[i]) -
				  lab),
			 tv[i]);
	family(w, "ipvs_sync_daemon_info", "gauge",
	       "A running connection synchronisation daemon (value 1)");
	for (int i = 0; i < 2; i++) {
		const struct lvs_daemon *d = &table.daemons[i];
		char *p = lab;

		if (!(d->state & (IP_VS_STATE_MASTER | IP_VS_STATE_BACKUP)))
			continue;
		p = label(p, false, "interface", d->mcast_ifn);
		p = label(p, true, "state",
			  d->state & IP_VS_STATE_MASTER ? "master" : "backup");
		p = label_u(p, true, "syncid", d->syncid);
		sample_u(w, "ipvs_sync_daemon_info", lab, (size_t)(p - lab), 1);
	}
}

static void service_info(struct lvs_obuf *w, const char *T,
			 const struct span *sp)
{
	char lab[LABELS_MAX + 256], flags[96];

	family(w, "ipvs_service_info", "gauge",
	       "A virtual service and its scheduling (value 1)");
	for (size_t i = 0; i < table.n_svcs; i++) {
		const struct lvs_service *s = &table.svcs[i]->svc;
		char *p = lab;
		size_t n;

		memcpy(p, T + sp[i].off, sp[i].len);
		p += sp[i].len;
		lvs_sched_flags_text(s, flags, sizeof(flags) - 8);
		if (s->flags & IP_VS_SVC_F_ONEPACKET) {
			n = strlen(flags);
			snprintf(flags + n, sizeof(flags) - n, "%sops",
				 n ? "," : "");
		}
		p = label(p, true, "flags", flags);
		p = label_u(p, true, "persistent_seconds",
			    s->flags & IP_VS_SVC_F_PERSISTENT ? s->timeout : 0);
		p = label(p, true, "scheduler", s->sched);
		sample_u(w, "ipvs_service_info", lab, (size_t)(p - lab), 1);
	}
}

/* A per-real-server gauge: which field of the entry. */
enum dest_field { ACTIVE, INACTIVE, WEIGHT, PERSIST, UTHRESH, LTHRESH };

static int64_t dest_value(const struct lvs_dest_entry *d, int f)
{
	switch (f) {
	case ACTIVE:
		return d->activeconns;
	case INACTIVE:
		return d->inactconns;
	case WEIGHT:
		return d->dest.weight;
	case PERSIST:
		return d->persistconns;
	case UTHRESH:
		return d->dest.u_thresh;
	default:
		return d->dest.l_thresh;
	}
}

static const struct {
	const char *name;
	const char *help;
} dest_gauges[] = {
	{ "ipvs_backend_connections_active",
	  "The current active connections by local and remote address." },
	{ "ipvs_backend_connections_inactive",
	  "The current inactive connections by local and remote address." },
	{ "ipvs_backend_weight",
	  "The current backend weight by local and remote address." },
	{ "ipvs_backend_persistent_connections",
	  "The current persistence templates of the real server" },
	{ "ipvs_backend_upper_threshold",
	  "The upper connection threshold of the real server (0: none)" },
	{ "ipvs_backend_lower_threshold",
	  "The lower connection threshold of the real server" },
};

static void write_table(struct lvs_obuf *w, const char *T,
			const struct span *sp)
{
	size_t n = table.n_svcs;
	char name[64];

	if (table.whole)
		globals(w);
	service_info(w, T, sp);
	for (int f = 0; f < LVS_STAT_GROUP; f++) {
		size_t nlen = (size_t)snprintf(
			name, sizeof(name), "ipvs_service_%s", stat_names[f]);

		family(w, name, "counter", stat_help[f]);
		for (size_t i = 0; i < n; i++)
			sample(w, name, nlen, T + sp[i].off, sp[i].len,
			       (int64_t)lvs_stat(&table.svcs[i]->stats, f));
	}
	for (size_t g = 0; g < sizeof(dest_gauges) / sizeof(dest_gauges[0]);
	     g++) {
		const char *gname = dest_gauges[g].name;
		size_t nlen = strlen(gname), k = n;

		family(w, gname, "gauge", dest_gauges[g].help);
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < table.svcs[i]->n_dests; j++, k++)
				sample(w, gname, nlen, T + sp[k].off, sp[k].len,
				       dest_value(&table.svcs[i]->dests[j],
						  (int)g));
	}
	for (int f = 0; f < LVS_STAT_GROUP; f++) {
		size_t nlen = (size_t)snprintf(name, sizeof(name),
					       "ipvs_backend_%s",
					       stat_names[f]),
		       k = n;

		family(w, name, "counter", stat_help[f]);
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < table.svcs[i]->n_dests; j++, k++)
				sample(w, name, nlen, T + sp[k].off, sp[k].len,
				       (int64_t)lvs_stat(
					       &table.svcs[i]->dests[j].stats,
					       f));
	}
}

static int metrics_end(FILE *out, unsigned int format)
{
	struct labels l = { 0 };
	bool ok = !table.oom && make_labels(&l);

	(void)format;
	if (ok) {
		out_buf.out = out;
		out_buf.n = 0;
		write_table(&out_buf, l.text, l.sp);
		lvs_obuf_flush(&out_buf);
	}
	free(l.text);
	free(l.sp);
	free(table.svcs);
	memset(&table, 0, sizeof(table));
	return ok ? 0 : -ENOMEM;
}

/* --- the real-server side --- */

/* One family with a sample per VIP: bound (0 or 1), or exposed to ARP. */
static void vip_family(struct lvs_obuf *w, const char *name, const char *help,
		       const struct lvs_vip_report *r, bool exposed)
{
	char lab[LABELS_MAX], text[INET6_ADDRSTRLEN];

	family(w, name, "gauge", help);
	for (size_t i = 0; i < r->n_rows; i++) {
		const struct lvs_vip_row *v = &r->rows[i];
		char *p = lab;

		lvs_format_addr(text, sizeof(text), v->x.af, &v->x.addr);
		p = label(p, false, "address", text);
		p = label(p, true, "interface", v->ifname);
		sample_u(w, name, lab, (size_t)(p - lab),
			 exposed ? v->answered_on != NULL :
				   v->x.prefixlen != 0);
	}
}

static void metrics_vips(FILE *out, const struct lvs_vip_report *r)
{
	struct lvs_obuf *w = &out_buf;
	char lab[LABELS_MAX];

	w->out = out;
	w->n = 0;
	vip_family(w, "ipvs_vip_bound",
		   "Whether the VIP is bound on its interface (0: it has gone)",
		   r, false);
	vip_family(w, "ipvs_vip_arp_exposed",
		   "Whether an interface would answer ARP for the VIP", r,
		   true);
	for (int k = 0; k < r->n_keys; k++) {
		char name[64];

		snprintf(name, sizeof(name), "ipvs_%s", r->keys[k]);
		family(w, name, "gauge",
		       "The sysctl in force on the interface (\"all\": as set)");
		for (size_t i = 0; i < r->n_conf; i++) {
			char *p = label(lab, false, "interface",
					r->conf[i].ifname);

			sample(w, name, strlen(name), lab, (size_t)(p - lab),
			       r->conf[i].v[k]);
		}
	}
	lvs_obuf_flush(w);
}

static void metrics_nothing_t(FILE *out, const struct lvs_timeout *t)
{
	(void)out;
	(void)t;
}

static void metrics_nothing_d(FILE *out, const struct lvs_daemon d[2])
{
	(void)out;
	(void)d;
}

static void metrics_conn(FILE *out, const struct lvs_conn *c,
			 unsigned int format, bool first)
{
	(void)out;
	(void)c;
	(void)format;
	(void)first;
}

static void metrics_check(FILE *out, const struct lvs_check_summary *s,
			  const struct lvs_findings *f)
{
	(void)out;
	(void)s;
	(void)f;
}

static void metrics_arp_strict(FILE *out, bool on,
			       const struct lvs_vip_report *r)
{
	(void)on;
	metrics_vips(out, r);
}

/*
 * --metrics goes with -L and --list-vips only (the option table and
 * cmdline.c refuse it elsewhere): --timeout, --daemon, -c, --arp-strict
 * and --check never reach the rows that print nothing.
 */
const struct lvs_writer lvs_metrics_writer = {
	.begin = metrics_begin,
	.title = lvs_write_nothing,
	.service = metrics_service,
	.globals = metrics_globals,
	.end = metrics_end,
	.timeout = metrics_nothing_t,
	.daemons = metrics_nothing_d,
	.conns_begin = lvs_write_nothing,
	.conn = metrics_conn,
	.conns_end = lvs_write_nothing,
	.vips = metrics_vips,
	.arp_strict = metrics_arp_strict,
	.check = metrics_check,
};
