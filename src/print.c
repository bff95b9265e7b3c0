// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The list and save formats.  Widths, trailing spaces and truncations are
 * ipvsadm's; fwmarks print unsigned, which is where lvsadm parts from it.
 */
#include <string.h>
#include <arpa/inet.h>

#include "addr.h"
#include "output.h"
#include "print.h"

#define SCHED_FLAGS \
	(IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED2 | IP_VS_SVC_F_SCHED3)

/* Column widths ipvsadm cuts IPv4 names to. */
#define SVC_COL 33
#define DEST_COL 28

void lvs_print_header(FILE *out, const struct lvs_info *info)
{
	fprintf(out, "IP Virtual Server version %u.%u.%u (size=%u)\n",
		(info->version >> 16) & 0xff, (info->version >> 8) & 0xff,
		info->version & 0xff, info->conn_tab_size);
}

void lvs_print_title(FILE *out, unsigned int format)
{
	static const char dest_col[] = "  -> RemoteAddress:Port\n";

	if (format & LVS_FMT_STATS)
		fprintf(out, "%-33s %8s %8s %8s %8s %8s\n%s",
			"Prot LocalAddress:Port", "Conns", "InPkts", "OutPkts",
			"InBytes", "OutBytes", dest_col);
	else if (format & LVS_FMT_RATE)
		fprintf(out, "%-33s %8s %8s %8s %8s %8s\n%s",
			"Prot LocalAddress:Port", "CPS", "InPPS", "OutPPS",
			"InBPS", "OutBPS", dest_col);
	else if (format & LVS_FMT_THRESHOLDS)
		fprintf(out, "%-33s %-10s %-10s %-10s %-10s\n%s",
			"Prot LocalAddress:Port", "Uthreshold", "Lthreshold",
			"ActiveConn", "InActConn", dest_col);
	else if (format & LVS_FMT_PERSISTENTCONN)
		fprintf(out, "%-33s %-9s %-11s %-10s %-10s\n%s",
			"Prot LocalAddress:Port", "Weight", "PersistConn",
			"ActiveConn", "InActConn", dest_col);
	else if (format & LVS_FMT_TUN_INFO)
		fputs("Prot LocalAddress:Port Scheduler Flags\n"
		      "  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn\n",
		      out);
	else if (!(format & LVS_FMT_RULE))
		fputs("Prot LocalAddress:Port Scheduler Flags\n"
		      "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n",
		      out);
}

void lvs_print_number(FILE *out, uint64_t n, unsigned int format)
{
	if (format & LVS_FMT_EXACT) {
		char digits[24];
		int len = snprintf(digits, sizeof(digits), "%llu",
				   (unsigned long long)n);

		fprintf(out, "%*s", len <= 8 ? 9 : len + 1, digits);
	} else if (n < 100000000ULL) {
		fprintf(out, "%9llu", (unsigned long long)n);
	} else if (n < 1000000000ULL) {
		fprintf(out, "%8lluK", (unsigned long long)(n / 1000));
	} else if (n < 100000000000ULL) {
		fprintf(out, "%8lluM", (unsigned long long)(n / 1000000));
	} else if (n < 100000000000000ULL) {
		fprintf(out, "%8lluG", (unsigned long long)(n / 1000000000ULL));
	} else {
		fprintf(out, "%8lluT",
			(unsigned long long)(n / 1000000000000ULL));
	}
}

/* The totals (from LVS_STAT_CONNS) or the rates (from LVS_STAT_CPS). */
static void print_counters(FILE *out, const struct lvs_stats *st,
			   enum lvs_stat from, unsigned int format)
{
	for (int f = from; f < (int)from + LVS_STAT_GROUP; f++)
		lvs_print_number(out, lvs_stat(st, f), format);
}

/* The -b flag names, comma-separated; empty when none are set. */
void lvs_sched_flags_text(const struct lvs_service *s, char *buf, size_t len)
{
	const struct lvs_sched_flag *names = lvs_sched_flags;
	const char *family = NULL;
	size_t used = 0;

	if (!strcmp(s->sched, "sh") || !strcmp(s->sched, "mh"))
		family = s->sched;
	buf[0] = '\0';
	for (size_t i = 0; i < lvs_num_sched_flags; i++) {
		bool mine = family ? names[i].sched &&
					     !strcmp(names[i].sched, family) :
				     !names[i].sched;

		if (mine && (s->flags & names[i].flag))
			used += (size_t)snprintf(buf + used, len - used, "%s%s",
						 used ? "," : "",
						 names[i].name);
	}
}

static const char *fwd_name(uint32_t fwd)
{
	const struct lvs_fwd_name *f = lvs_fwd_name(fwd);

	return f ? f->list : "(null)";
}

static const char *fwd_switch(uint32_t fwd)
{
	const struct lvs_fwd_name *f = lvs_fwd_name(fwd);

	return f ? f->rule : "-g";
}

static const char *const tun_flag_names[] = { "-c", "+c", "r+c" };
static const char *const tun_flag_opts[] = { "--tun-nocsum", "--tun-csum",
					     "--tun-remcsum" };

static const char *tun_flag(const char *const names[], uint16_t flags)
{
	return flags < 3 ? names[flags] : "(null)";
}

/* The --tun-info column, or "n/a". */
static void tun_info(const struct lvs_dest *d, char *buf, size_t len)
{
	snprintf(buf, len, "n/a");
	if ((d->fwd & IP_VS_CONN_F_FWD_MASK) != IP_VS_CONN_F_TUNNEL)
		return;
	switch (d->tun_type) {
	case IP_VS_CONN_F_TUNNEL_TYPE_IPIP:
		snprintf(buf, len, "%s", lvs_tun_names[d->tun_type]);
		break;
	case IP_VS_CONN_F_TUNNEL_TYPE_GUE:
		snprintf(buf, len, "%s:%u:%s", lvs_tun_names[d->tun_type],
			 d->tun_port, tun_flag(tun_flag_names, d->tun_flags));
		break;
	case IP_VS_CONN_F_TUNNEL_TYPE_GRE:
		snprintf(buf, len, "%s:%s", lvs_tun_names[d->tun_type],
			 tun_flag(tun_flag_names, d->tun_flags));
		break;
	}
}

/*
 * The lines a big table repeats, a real server's, are put together here
 * rather than by fprintf(), which costs several times more per field.
 */
static char *put_text(char *p, const char *s, size_t width)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	p += n;
	for (; n < width; n++)
		*p++ = ' ';
	return p;
}

/* @v in decimal, then blanks up to @width: printf's "%-*lld". */
static char *put_int(char *p, int64_t v, size_t width)
{
	size_t len = lvs_fmt_i64(p, v);

	for (p += len; len < width; len++)
		*p++ = ' ';
	return p;
}

/* "@verb @svc -r @dname -g -w N ...": a real server in rules syntax. */
static void print_dest_rule(FILE *out, const char *verb, const char *svc,
			    const char *dname, const struct lvs_dest *d)
{
	char line[320], *p = line;

	/* Names are cut at 60 bytes, so this fits. */
	p = put_text(p, verb, 0);
	*p++ = ' ';
	p = put_text(p, svc, 0);
	p = put_text(p, " -r ", 0);
	p = put_text(p, dname, 0);
	*p++ = ' ';
	p = put_text(p, fwd_switch(d->fwd), 0);
	p = put_text(p, " -w ", 0);
	p = put_int(p, d->weight, 0);
	fwrite(line, 1, (size_t)(p - line), out);
	/* ipvsadm drops the thresholds, so -S | -R would lose them. */
	if (d->u_thresh)
		fprintf(out, " -x %u", d->u_thresh);
	if (d->l_thresh)
		fprintf(out, " -y %u", d->l_thresh);
	if ((d->fwd & IP_VS_CONN_F_FWD_MASK) == IP_VS_CONN_F_TUNNEL) {
		switch (d->tun_type) {
		case IP_VS_CONN_F_TUNNEL_TYPE_IPIP:
			fprintf(out, " --tun-type ipip");
			break;
		case IP_VS_CONN_F_TUNNEL_TYPE_GUE:
			fprintf(out, " --tun-type gue --tun-port %u %s",
				d->tun_port,
				tun_flag(tun_flag_opts, d->tun_flags));
			break;
		case IP_VS_CONN_F_TUNNEL_TYPE_GRE:
			fprintf(out, " --tun-type gre %s",
				tun_flag(tun_flag_opts, d->tun_flags));
			break;
		}
	}
	fputc('\n', out);
}

static void print_dest(FILE *out, const char *svc_name,
		       const struct lvs_service *s,
		       const struct lvs_dest_entry *e, unsigned int format)
{
	const struct lvs_dest *d = &e->dest;
	const struct lvs_stats *st = &e->stats;
	char dname[64], ti[32];

	lvs_format_hostport(dname, sizeof(dname), d->af, &d->addr, d->port,
			    s->protocol, format);
	if (!(format & LVS_FMT_RULE) && d->af != AF_INET6)
		dname[DEST_COL] = '\0';

	if (format & LVS_FMT_RULE) {
		print_dest_rule(out, "-a", svc_name, dname, d);
	} else if (format & LVS_FMT_STATS) {
		fprintf(out, "  -> %-28s", dname);
		print_counters(out, st, LVS_STAT_CONNS, format);
		fputc('\n', out);
	} else if (format & LVS_FMT_RATE) {
		fprintf(out, "  -> %-28s %8llu %8llu %8llu", dname,
			(unsigned long long)st->cps,
			(unsigned long long)st->inpps,
			(unsigned long long)st->outpps);
		lvs_print_number(out, st->inbps, format);
		lvs_print_number(out, st->outbps, format);
		fputc('\n', out);
	} else if (format & LVS_FMT_THRESHOLDS) {
		fprintf(out, "  -> %-28s %-10u %-10u %-10u %-10u\n", dname,
			d->u_thresh, d->l_thresh, e->activeconns,
			e->inactconns);
	} else if (format & LVS_FMT_PERSISTENTCONN) {
		fprintf(out, "  -> %-28s %-9u %-11u %-10u %-10u\n", dname,
			(unsigned int)d->weight, e->persistconns,
			e->activeconns, e->inactconns);
	} else if (format & LVS_FMT_TUN_INFO) {
		tun_info(d, ti, sizeof(ti));
		fprintf(out, "  -> %-28s %-7s %-13s %-6d %-10u %-10u\n", dname,
			fwd_name(d->fwd), ti, d->weight, e->activeconns,
			e->inactconns);
	} else {
		/* "  -> %-28s %-7s %-6d %-10u %-10u\n" */
		char line[160], *p = line;

		p = put_text(p, "  -> ", 0);
		p = put_text(p, dname, 28);
		*p++ = ' ';
		p = put_text(p, fwd_name(d->fwd), 7);
		*p++ = ' ';
		p = put_int(p, d->weight, 6);
		*p++ = ' ';
		p = put_int(p, e->activeconns, 10);
		*p++ = ' ';
		p = put_int(p, e->inactconns, 10);
		*p++ = '\n';
		fwrite(line, 1, (size_t)(p - line), out);
	}
}

static const char *rule_switch(int proto)
{
	switch (proto) {
	case IPPROTO_TCP:
		return "-t";
	case IPPROTO_UDP:
		return "-u";
	case IPPROTO_SCTP:
		return "--sctp-service";
	}
	return "--xxx-service";
}

void lvs_service_name(const struct lvs_service *s, unsigned int format,
		      char *buf, size_t len)
{
	char vname[64];
	bool rule = format & LVS_FMT_RULE;

	if (s->fwmark) {
		snprintf(buf, len, rule ? "-f %u%s" : "FWM  %u%s", s->fwmark,
			 s->af == AF_INET6 ? (rule ? " -6" : " IPv6") : "");
		return;
	}
	lvs_format_hostport(vname, sizeof(vname), s->af, &s->addr, s->port,
			    s->protocol, format);
	if (rule) {
		snprintf(buf, len, "%s %s", rule_switch(s->protocol), vname);
	} else {
		snprintf(buf, len, "%-4s %s", lvs_proto_name(s->protocol),
			 vname);
		if (s->af != AF_INET6)
			buf[SVC_COL] = '\0';
	}
}

/*
 * " @word TIMEOUT", then the mask after @mask_word when it is not the
 * default; false when @s is not persistent.
 */
static bool print_persistence(FILE *out, const struct lvs_service *s,
			      const char *word, const char *mask_word)
{
	struct in_addr m = { .s_addr = s->netmask };

	if (!(s->flags & IP_VS_SVC_F_PERSISTENT))
		return false;
	fprintf(out, " %s %u", word, s->timeout);
	if (s->af == AF_INET && s->netmask != 0xffffffff)
		fprintf(out, " %s %s", mask_word, inet_ntoa(m));
	else if (s->af == AF_INET6 && s->netmask != 128)
		fprintf(out, " %s %d", mask_word, (int)s->netmask);
	return true;
}

/* "@verb @name -s sched ...": a service in rules syntax. */
static void print_service_rule(FILE *out, const char *verb, const char *name,
			       const struct lvs_service *s)
{
	char flags[64];

	lvs_sched_flags_text(s, flags, sizeof(flags));
	fprintf(out, "%s %s -s %s", verb, name, s->sched);
	print_persistence(out, s, "-p", "-M");
	if (s->pe[0])
		fprintf(out, " --pe %s", s->pe);
	if (s->flags & IP_VS_SVC_F_ONEPACKET)
		fputs(" -o", out);
	if (s->flags & SCHED_FLAGS)
		fprintf(out, " -b %s", flags);
}

/* "@name sched (flags) persistent ...": a service in the listing. */
static void print_service_list(FILE *out, const char *name,
			       const struct lvs_service *s)
{
	char flags[64];

	lvs_sched_flags_text(s, flags, sizeof(flags));
	fprintf(out, "%s %s", name, s->sched);
	if (s->flags & SCHED_FLAGS)
		fprintf(out, " (%s)", flags);
	if (print_persistence(out, s, "persistent", "mask") && s->pe[0])
		fprintf(out, " pe %s", s->pe);
	if (s->flags & IP_VS_SVC_F_ONEPACKET)
		fputs(" ops", out);
}

static void print_service_line(FILE *out, const char *name,
			       const struct lvs_service_entry *e,
			       unsigned int format)
{
	const struct lvs_stats *st = &e->stats;

	if (format & LVS_FMT_RULE) {
		print_service_rule(out, "-A", name, &e->svc);
	} else if (format & LVS_FMT_STATS) {
		fprintf(out, "%-33s", name);
		print_counters(out, st, LVS_STAT_CONNS, format);
	} else if (format & LVS_FMT_RATE) {
		fprintf(out, "%-33s", name);
		print_counters(out, st, LVS_STAT_CPS, format);
	} else {
		print_service_list(out, name, &e->svc);
	}
	fputc('\n', out);
}

void lvs_print_service(FILE *out, const struct lvs_service_entry *e,
		       unsigned int format)
{
	char name[128];

	lvs_service_name(&e->svc, format, name, sizeof(name));
	print_service_line(out, name, e, format);
	for (size_t i = 0; i < e->n_dests; i++)
		print_dest(out, name, &e->svc, &e->dests[i], format);
}

void lvs_print_change(FILE *out, const struct lvs_cmd *cmd)
{
	static const char *const verbs[LVS_NUM_CMDS] = {
		[LVS_CMD_ADD] = "-A",	   [LVS_CMD_EDIT] = "-E",
		[LVS_CMD_DEL] = "-D",	   [LVS_CMD_ADDDEST] = "-a",
		[LVS_CMD_EDITDEST] = "-e", [LVS_CMD_DELDEST] = "-d",
	};
	const unsigned int format = LVS_FMT_RULE | LVS_FMT_NUMERIC;
	char name[128], dname[64];

	if (cmd->kind == LVS_CMD_TIMEOUT) {
		fprintf(out, "--set %u %u %u\n", cmd->timeout.tcp,
			cmd->timeout.tcp_fin, cmd->timeout.udp);
		return;
	}
	if (cmd->kind < 0 || cmd->kind >= LVS_NUM_CMDS || !verbs[cmd->kind])
		return;
	lvs_service_name(&cmd->svc, format, name, sizeof(name));
	switch (cmd->kind) {
	case LVS_CMD_ADD:
	case LVS_CMD_EDIT:
		print_service_rule(out, verbs[cmd->kind], name, &cmd->svc);
		break;
	case LVS_CMD_DEL:
		fprintf(out, "-D %s", name);
		break;
	case LVS_CMD_DELDEST:
		lvs_format_hostport(dname, sizeof(dname), cmd->dest.af,
				    &cmd->dest.addr, cmd->dest.port,
				    cmd->svc.protocol, format);
		fprintf(out, "-d %s -r %s", name, dname);
		break;
	default:
		lvs_format_hostport(dname, sizeof(dname), cmd->dest.af,
				    &cmd->dest.addr, cmd->dest.port,
				    cmd->svc.protocol, format);
		print_dest_rule(out, verbs[cmd->kind], name, dname, &cmd->dest);
		return;
	}
	fputc('\n', out);
}

void lvs_print_timeout(FILE *out, const struct lvs_timeout *t)
{
	fprintf(out, "Timeout (tcp tcpfin udp): %d %d %d\n", (int)t->tcp,
		(int)t->tcp_fin, (int)t->udp);
}

void lvs_print_daemons(FILE *out, const struct lvs_daemon d[2])
{
	char group[INET6_ADDRSTRLEN];

	for (int i = 0; i < 2; i++) {
		const char *type;

		if (d[i].state & IP_VS_STATE_MASTER)
			type = "master";
		else if (d[i].state & IP_VS_STATE_BACKUP)
			type = "backup";
		else
			continue;
		fprintf(out, "%s sync daemon (mcast=%s, syncid=%d", type,
			d[i].mcast_ifn, (int)d[i].syncid);
		if (d[i].sync_maxlen)
			fprintf(out, ", maxlen=%u", d[i].sync_maxlen);
		if (d[i].mcast_af != AF_UNSPEC &&
		    inet_ntop(d[i].mcast_af, &d[i].mcast_group, group,
			      sizeof(group)))
			fprintf(out, ", group=%s", group);
		if (d[i].mcast_port)
			fprintf(out, ", port=%u", d[i].mcast_port);
		if (d[i].mcast_ttl)
			fprintf(out, ", ttl=%u", d[i].mcast_ttl);
		fputs(")\n", out);
	}
}

/* --- the text writer (output.h) --- */

static void text_begin(FILE *out, const struct lvs_info *info,
		       unsigned int format)
{
	if (info && !(format & LVS_FMT_RULE))
		lvs_print_header(out, info);
}

static void text_service(FILE *out, const struct lvs_service_entry *e,
			 unsigned int format, bool first)
{
	(void)first;
	lvs_print_service(out, e, format);
}

static int text_end(FILE *out, unsigned int format)
{
	(void)out;
	(void)format;
	return 0;
}

static void text_conns_begin(FILE *out, unsigned int format)
{
	fputs("IPVS connection entries\n", out);
	if (format & LVS_FMT_PERSISTENTCONN)
		fprintf(out, "pro expire %-11s %-18s %-18s %-18s %-16s %s\n",
			"state", "source", "virtual", "destination", "pe name",
			"pe_data");
	else
		fprintf(out, "pro expire %-11s %-18s %-18s %s\n", "state",
			"source", "virtual", "destination");
}

static void text_conn(FILE *out, const struct lvs_conn *c, unsigned int format,
		      bool first)
{
	char cname[64], vname[64], dname[64], expire[16];

	(void)first;
	lvs_format_hostport(cname, sizeof(cname), c->af, &c->caddr, c->cport,
			    c->protocol, format);
	lvs_format_hostport(vname, sizeof(vname), c->af, &c->vaddr, c->vport,
			    c->protocol, format);
	lvs_format_hostport(dname, sizeof(dname), c->daf, &c->daddr, c->dport,
			    c->protocol, format);
	snprintf(expire, sizeof(expire), "%02u:%02u", c->expires / 60,
		 c->expires % 60);
	if ((format & LVS_FMT_PERSISTENTCONN) && c->has_pe)
		fprintf(out, "%-3s %-6s %-11s %-18s %-18s %-16s %-18s %s\n",
			c->proto, expire, c->state, cname, vname, dname,
			c->pe_name, c->pe_data);
	else
		fprintf(out, "%-3s %-6s %-11s %-18s %-18s %s\n", c->proto,
			expire, c->state, cname, vname, dname);
}

static void text_vip_row(FILE *out, const struct lvs_vip_row *r)
{
	const struct lvs_ifaddr *x = &r->x;
	char text[INET6_ADDRSTRLEN + 8], why[64];

	inet_ntop(x->af, &x->addr, text, sizeof(text));
	if (!x->prefixlen)
		snprintf(why, sizeof(why), "not bound");
	else if (x->af == AF_INET6)
		/* Neighbour solicitations are answered only for addresses
		 * of the receiving interface. */
		snprintf(why, sizeof(why), "hidden (IPv6)");
	else if (r->answered_on)
		snprintf(why, sizeof(why), "answered on %s", r->answered_on);
	else
		snprintf(why, sizeof(why), "hidden");
	if (x->prefixlen)
		snprintf(text + strlen(text), 8, "/%u", x->prefixlen);
	fprintf(out, "%-40s %-16s %-16s %-7s %s\n", text, r->ifname,
		x->label[0] ? x->label : "-", r->origin, why);
}

static void text_conf(FILE *out, const struct lvs_vip_report *r)
{
	fprintf(out, "%-16s", "Interface");
	for (int k = 0; k < r->n_keys; k++)
		fprintf(out, " %-12s", r->keys[k]);
	fputc('\n', out);
	for (size_t i = 0; i < r->n_conf; i++) {
		fprintf(out, "%-16s", r->conf[i].ifname);
		for (int k = 0; k < r->n_keys; k++)
			fprintf(out, " %-12d", r->conf[i].v[k]);
		fputc('\n', out);
	}
}

static void text_vips(FILE *out, const struct lvs_vip_report *r)
{
	fprintf(out, "%-40s %-16s %-16s %-7s %s\n", "VIP", "Interface", "Label",
		"Origin", "ARP");
	for (size_t i = 0; i < r->n_rows; i++)
		text_vip_row(out, &r->rows[i]);
	fputc('\n', out);
	text_conf(out, r);
}

static void text_arp_strict(FILE *out, bool on, const struct lvs_vip_report *r)
{
	fprintf(out, "arp-strict: %s\n", on ? "on" : "off");
	text_conf(out, r);
}

/*
 * A line per finding; without a problem, what was checked, or that there
 * was nothing to check.
 */
static void text_check(FILE *out, const struct lvs_check_summary *s,
		       const struct lvs_findings *f)
{
	lvs_findings_print(out, f, "problem");
	if (f->problems)
		return;
	if (s->text[0])
		fprintf(out, "ok: %s\n", s->text);
	else
		fputs("nothing to check: this host has no IPVS service and no VIP on lo\n",
		      out);
}

const struct lvs_writer lvs_text_writer = {
	.begin = text_begin,
	.title = lvs_print_title,
	.service = text_service,
	.end = text_end,
	.timeout = lvs_print_timeout,
	.daemons = lvs_print_daemons,
	.conns_begin = text_conns_begin,
	.conn = text_conn,
	.conns_end = lvs_write_nothing,
	.vips = text_vips,
	.arp_strict = text_arp_strict,
	.check = text_check,
};
