// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * IPVS generic netlink messages to and from the model: the attributes a
 * request carries, and what the kernel's replies mean.  No I/O here, so
 * every reply the kernel can send is testable without a kernel.
 */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>

#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "ipvs-msg.h"

/*
 * An attribute's payload and its length, and its value read as an
 * integer: in line, as a listing reads some thirty attributes per real
 * server, and a call into the library for each cost more than the rest.
 * Lengths are checked before, by has().
 */
static int attr_len(const struct nlattr *a)
{
	return (int)a->nla_len - NLA_HDRLEN;
}

static const void *attr_data(const struct nlattr *a)
{
	return (const char *)a + NLA_HDRLEN;
}

static uint8_t get_u8(const struct nlattr *a)
{
	return *(const uint8_t *)attr_data(a);
}

static uint16_t get_u16(const struct nlattr *a)
{
	uint16_t v;

	memcpy(&v, attr_data(a), sizeof(v));
	return v;
}

static uint32_t get_u32(const struct nlattr *a)
{
	uint32_t v;

	memcpy(&v, attr_data(a), sizeof(v));
	return v;
}

static uint64_t get_u64(const struct nlattr *a)
{
	uint64_t v;

	memcpy(&v, attr_data(a), sizeof(v));
	return v;
}

/* At most @size bytes of the payload into @dst, as nla_memcpy() does. */
static void get_bytes(void *dst, const struct nlattr *a, size_t size)
{
	size_t n = (size_t)attr_len(a);

	memcpy(dst, attr_data(a), n < size ? n : size);
}

/*
 * The attributes in @len bytes at @data, by type, into @tb[0..@max]:
 * what nla_parse() does without a policy, at a fraction of its cost (a
 * listing parses three tables per real server).  Lengths are checked
 * where a value is read, by has().
 */
static int attr_table(struct nlattr **tb, int max, const void *data, int len)
{
	const char *p = data;

	memset(tb, 0, sizeof(*tb) * (size_t)(max + 1));
	while (len >= NLA_HDRLEN) {
		struct nlattr *a = (struct nlattr *)p;
		/* Read once: the stores into @tb might otherwise alias them. */
		unsigned int n = a->nla_len, type = a->nla_type & NLA_TYPE_MASK;

		if (n < NLA_HDRLEN || n > (unsigned int)len)
			return -EBADMSG;
		if (type <= (unsigned int)max)
			tb[type] = a;
		n = NLA_ALIGN(n);
		p += n;
		len -= (int)n;
	}
	return 0;
}

/* The attributes of a generic netlink message. */
static int msg_attrs(struct nlmsghdr *nlh, struct nlattr **tb, int max)
{
	if (nlh->nlmsg_len < NLMSG_LENGTH(GENL_HDRLEN))
		return -EBADMSG;
	return attr_table(tb, max, (char *)NLMSG_DATA(nlh) + GENL_HDRLEN,
			  (int)(nlh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN)));
}

/* The attributes nested in @nest. */
static int nest_attrs(struct nlattr **tb, int max, struct nlattr *nest)
{
	return attr_table(tb, max, attr_data(nest), attr_len(nest));
}

/* A length check for attributes read from the kernel. */
static bool has(struct nlattr *a, int len)
{
	return a && attr_len(a) >= len;
}

/*
 * An optional integer attribute of @len bytes (1, 2 or 4, in host order):
 * its value, or @absent when the kernel did not send it.
 */
static uint32_t opt_uint(struct nlattr *a, int len, uint32_t absent)
{
	if (!has(a, len))
		return absent;
	if (len == 1)
		return get_u8(a);
	return len == 2 ? get_u16(a) : get_u32(a);
}

int ipvs_msg_parse_info(struct nlmsghdr *nlh, void *arg)
{
	struct nlattr *tb[IPVS_INFO_ATTR_MAX + 1];
	struct lvs_info *info = arg;

	if (msg_attrs(nlh, tb, IPVS_INFO_ATTR_MAX) ||
	    !has(tb[IPVS_INFO_ATTR_VERSION], 4) ||
	    !has(tb[IPVS_INFO_ATTR_CONN_TAB_SIZE], 4))
		return -EBADMSG;
	info->version = get_u32(tb[IPVS_INFO_ATTR_VERSION]);
	info->conn_tab_size = get_u32(tb[IPVS_INFO_ATTR_CONN_TAB_SIZE]);
	return 0;
}

/* A counter, read by its size: 32-bit STATS or 64-bit STATS64. */
static uint64_t get_counter(struct nlattr *a)
{
	if (!a)
		return 0;
	if (attr_len(a) >= 8)
		return get_u64(a);
	if (attr_len(a) >= 4)
		return get_u32(a);
	return 0;
}

static void parse_stats(struct nlattr *nest, struct lvs_stats *st)
{
	struct nlattr *tb[IPVS_STATS_ATTR_MAX + 1];

	if (!nest || nest_attrs(tb, IPVS_STATS_ATTR_MAX, nest))
		return;
	st->conns = get_counter(tb[IPVS_STATS_ATTR_CONNS]);
	st->inpkts = get_counter(tb[IPVS_STATS_ATTR_INPKTS]);
	st->outpkts = get_counter(tb[IPVS_STATS_ATTR_OUTPKTS]);
	st->inbytes = get_counter(tb[IPVS_STATS_ATTR_INBYTES]);
	st->outbytes = get_counter(tb[IPVS_STATS_ATTR_OUTBYTES]);
	st->cps = get_counter(tb[IPVS_STATS_ATTR_CPS]);
	st->inpps = get_counter(tb[IPVS_STATS_ATTR_INPPS]);
	st->outpps = get_counter(tb[IPVS_STATS_ATTR_OUTPPS]);
	st->inbps = get_counter(tb[IPVS_STATS_ATTR_INBPS]);
	st->outbps = get_counter(tb[IPVS_STATS_ATTR_OUTBPS]);
}

static void get_string(char *dst, size_t size, struct nlattr *a)
{
	size_t n = (size_t)attr_len(a);

	if (n >= size)
		n = size - 1;
	memcpy(dst, attr_data(a), n);
	dst[n] = '\0';
}

static int parse_service_attrs(struct nlattr *nest, struct lvs_service_entry *e,
			       bool stats)
{
	struct nlattr *tb[IPVS_SVC_ATTR_MAX + 1];
	struct lvs_service *s = &e->svc;
	struct ip_vs_flags flags;

	if (!nest || nest_attrs(tb, IPVS_SVC_ATTR_MAX, nest))
		return -EBADMSG;
	if (!has(tb[IPVS_SVC_ATTR_AF], 2) ||
	    !has(tb[IPVS_SVC_ATTR_SCHED_NAME], 1) ||
	    !has(tb[IPVS_SVC_ATTR_NETMASK], 4) ||
	    !has(tb[IPVS_SVC_ATTR_TIMEOUT], 4) ||
	    !has(tb[IPVS_SVC_ATTR_FLAGS], sizeof(flags)))
		return -EBADMSG;
	s->af = get_u16(tb[IPVS_SVC_ATTR_AF]);
	if (has(tb[IPVS_SVC_ATTR_FWMARK], 4)) {
		s->fwmark = get_u32(tb[IPVS_SVC_ATTR_FWMARK]);
	} else {
		if (!has(tb[IPVS_SVC_ATTR_PROTOCOL], 2) ||
		    !has(tb[IPVS_SVC_ATTR_ADDR], 4) ||
		    !has(tb[IPVS_SVC_ATTR_PORT], 2))
			return -EBADMSG;
		s->protocol = get_u16(tb[IPVS_SVC_ATTR_PROTOCOL]);
		get_bytes(&s->addr, tb[IPVS_SVC_ATTR_ADDR], sizeof(s->addr));
		s->port = ntohs(get_u16(tb[IPVS_SVC_ATTR_PORT]));
	}
	get_string(s->sched, sizeof(s->sched), tb[IPVS_SVC_ATTR_SCHED_NAME]);
	if (tb[IPVS_SVC_ATTR_PE_NAME])
		get_string(s->pe, sizeof(s->pe), tb[IPVS_SVC_ATTR_PE_NAME]);
	s->netmask = get_u32(tb[IPVS_SVC_ATTR_NETMASK]);
	s->timeout = get_u32(tb[IPVS_SVC_ATTR_TIMEOUT]);
	get_bytes(&flags, tb[IPVS_SVC_ATTR_FLAGS], sizeof(flags));
	s->flags = flags.flags & flags.mask;
	if (stats)
		parse_stats(tb[IPVS_SVC_ATTR_STATS64] ?
				    tb[IPVS_SVC_ATTR_STATS64] :
				    tb[IPVS_SVC_ATTR_STATS],
			    &e->stats);
	return 0;
}

static int parse_service_table(struct nlmsghdr *nlh, struct lvs_table *t,
			       bool stats)
{
	struct nlattr *tb[IPVS_CMD_ATTR_MAX + 1];
	struct lvs_service_entry *e;

	if (msg_attrs(nlh, tb, IPVS_CMD_ATTR_MAX))
		return -EBADMSG;
	e = lvs_table_add(t);
	if (!e)
		return -ENOMEM;
	if (parse_service_attrs(tb[IPVS_CMD_ATTR_SERVICE], e, stats)) {
		t->n_svcs--;
		return -EBADMSG;
	}
	return 0;
}

int ipvs_msg_parse_service_table(struct nlmsghdr *nlh, void *table)
{
	return parse_service_table(nlh, table, true);
}

int ipvs_msg_parse_service_config(struct nlmsghdr *nlh, void *table)
{
	return parse_service_table(nlh, table, false);
}

int ipvs_msg_parse_service(struct nlmsghdr *nlh, void *arg)
{
	struct nlattr *tb[IPVS_CMD_ATTR_MAX + 1];

	if (msg_attrs(nlh, tb, IPVS_CMD_ATTR_MAX))
		return -EBADMSG;
	return parse_service_attrs(tb[IPVS_CMD_ATTR_SERVICE], arg, true);
}

static int parse_dest(struct nlmsghdr *nlh, struct lvs_service_entry *e,
		      bool stats)
{
	struct nlattr *tb[IPVS_CMD_ATTR_MAX + 1];
	struct nlattr *d[IPVS_DEST_ATTR_MAX + 1];
	struct lvs_dest_entry *de;

	if (msg_attrs(nlh, tb, IPVS_CMD_ATTR_MAX) || !tb[IPVS_CMD_ATTR_DEST] ||
	    nest_attrs(d, IPVS_DEST_ATTR_MAX, tb[IPVS_CMD_ATTR_DEST]))
		return -EBADMSG;
	if (!has(d[IPVS_DEST_ATTR_ADDR], 4) ||
	    !has(d[IPVS_DEST_ATTR_PORT], 2) ||
	    !has(d[IPVS_DEST_ATTR_FWD_METHOD], 4) ||
	    !has(d[IPVS_DEST_ATTR_WEIGHT], 4) ||
	    !has(d[IPVS_DEST_ATTR_U_THRESH], 4) ||
	    !has(d[IPVS_DEST_ATTR_L_THRESH], 4) ||
	    !has(d[IPVS_DEST_ATTR_ACTIVE_CONNS], 4) ||
	    !has(d[IPVS_DEST_ATTR_INACT_CONNS], 4) ||
	    !has(d[IPVS_DEST_ATTR_PERSIST_CONNS], 4))
		return -EBADMSG;
	de = lvs_service_add_dest(e);
	if (!de)
		return -ENOMEM;
	get_bytes(&de->dest.addr, d[IPVS_DEST_ATTR_ADDR],
		  sizeof(de->dest.addr));
	de->dest.port = ntohs(get_u16(d[IPVS_DEST_ATTR_PORT]));
	de->dest.fwd = get_u32(d[IPVS_DEST_ATTR_FWD_METHOD]) &
		       IP_VS_CONN_F_FWD_MASK;
	de->dest.weight = (int32_t)get_u32(d[IPVS_DEST_ATTR_WEIGHT]);
	de->dest.u_thresh = get_u32(d[IPVS_DEST_ATTR_U_THRESH]);
	de->dest.l_thresh = get_u32(d[IPVS_DEST_ATTR_L_THRESH]);
	de->dest.tun_type =
		opt_uint(d[IPVS_DEST_ATTR_TUN_TYPE], 1, de->dest.tun_type);
	if (has(d[IPVS_DEST_ATTR_TUN_PORT], 2))
		de->dest.tun_port = ntohs(get_u16(d[IPVS_DEST_ATTR_TUN_PORT]));
	de->dest.tun_flags =
		opt_uint(d[IPVS_DEST_ATTR_TUN_FLAGS], 2, de->dest.tun_flags);
	de->activeconns = get_u32(d[IPVS_DEST_ATTR_ACTIVE_CONNS]);
	de->inactconns = get_u32(d[IPVS_DEST_ATTR_INACT_CONNS]);
	de->persistconns = get_u32(d[IPVS_DEST_ATTR_PERSIST_CONNS]);
	de->dest.af = has(d[IPVS_DEST_ATTR_ADDR_FAMILY], 2) ?
			      get_u16(d[IPVS_DEST_ATTR_ADDR_FAMILY]) :
			      e->svc.af;
	if (stats)
		parse_stats(d[IPVS_DEST_ATTR_STATS64] ?
				    d[IPVS_DEST_ATTR_STATS64] :
				    d[IPVS_DEST_ATTR_STATS],
			    &de->stats);
	return 0;
}

int ipvs_msg_parse_dest(struct nlmsghdr *nlh, void *entry)
{
	return parse_dest(nlh, entry, true);
}

int ipvs_msg_parse_dest_config(struct nlmsghdr *nlh, void *entry)
{
	return parse_dest(nlh, entry, false);
}

/* The service nest: its key, and with @full its configuration. */
int ipvs_msg_put_service(struct nl_msg *msg, const struct lvs_service *s,
			 bool full)
{
	struct ip_vs_flags flags = { .flags = s->flags, .mask = ~0U };
	struct nlattr *nest = nla_nest_start(msg, IPVS_CMD_ATTR_SERVICE);

	if (!nest || nla_put_u16(msg, IPVS_SVC_ATTR_AF, s->af))
		return -ENOMEM;
	if (s->fwmark) {
		if (nla_put_u32(msg, IPVS_SVC_ATTR_FWMARK, s->fwmark))
			return -ENOMEM;
	} else if (nla_put_u16(msg, IPVS_SVC_ATTR_PROTOCOL, s->protocol) ||
		   nla_put(msg, IPVS_SVC_ATTR_ADDR, sizeof(s->addr),
			   &s->addr) ||
		   nla_put_u16(msg, IPVS_SVC_ATTR_PORT, htons(s->port))) {
		return -ENOMEM;
	}
	if (full &&
	    (nla_put_string(msg, IPVS_SVC_ATTR_SCHED_NAME, s->sched) ||
	     (s->pe[0] && nla_put_string(msg, IPVS_SVC_ATTR_PE_NAME, s->pe)) ||
	     nla_put(msg, IPVS_SVC_ATTR_FLAGS, sizeof(flags), &flags) ||
	     nla_put_u32(msg, IPVS_SVC_ATTR_TIMEOUT, s->timeout) ||
	     nla_put_u32(msg, IPVS_SVC_ATTR_NETMASK, s->netmask)))
		return -ENOMEM;
	nla_nest_end(msg, nest);
	return 0;
}

static int put_dest(struct nl_msg *msg, const struct lvs_dest *d)
{
	struct nlattr *nest = nla_nest_start(msg, IPVS_CMD_ATTR_DEST);

	if (!nest || nla_put_u16(msg, IPVS_DEST_ATTR_ADDR_FAMILY, d->af) ||
	    nla_put(msg, IPVS_DEST_ATTR_ADDR, sizeof(d->addr), &d->addr) ||
	    nla_put_u16(msg, IPVS_DEST_ATTR_PORT, htons(d->port)) ||
	    nla_put_u32(msg, IPVS_DEST_ATTR_FWD_METHOD,
			d->fwd & IP_VS_CONN_F_FWD_MASK) ||
	    nla_put_u32(msg, IPVS_DEST_ATTR_WEIGHT, (uint32_t)d->weight) ||
	    nla_put_u8(msg, IPVS_DEST_ATTR_TUN_TYPE, d->tun_type) ||
	    nla_put_u16(msg, IPVS_DEST_ATTR_TUN_PORT, htons(d->tun_port)) ||
	    nla_put_u16(msg, IPVS_DEST_ATTR_TUN_FLAGS, d->tun_flags) ||
	    nla_put_u32(msg, IPVS_DEST_ATTR_U_THRESH, d->u_thresh) ||
	    nla_put_u32(msg, IPVS_DEST_ATTR_L_THRESH, d->l_thresh))
		return -ENOMEM;
	nla_nest_end(msg, nest);
	return 0;
}

int ipvs_msg_parse_timeout(struct nlmsghdr *nlh, void *arg)
{
	struct nlattr *tb[IPVS_CMD_ATTR_MAX + 1];
	struct lvs_timeout *t = arg;

	if (msg_attrs(nlh, tb, IPVS_CMD_ATTR_MAX))
		return -EBADMSG;
	t->tcp = opt_uint(tb[IPVS_CMD_ATTR_TIMEOUT_TCP], 4, t->tcp);
	t->tcp_fin = opt_uint(tb[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN], 4, t->tcp_fin);
	t->udp = opt_uint(tb[IPVS_CMD_ATTR_TIMEOUT_UDP], 4, t->udp);
	return 0;
}

int ipvs_msg_parse_daemon(struct nlmsghdr *nlh, void *arg)
{
	struct nlattr *tb[IPVS_CMD_ATTR_MAX + 1];
	struct nlattr *a[IPVS_DAEMON_ATTR_MAX + 1];
	struct lvs_daemon *d = arg;

	/* Master and backup come as separate messages. */
	if (d[0].state)
		d++;
	if (d->state)
		return 0;
	if (msg_attrs(nlh, tb, IPVS_CMD_ATTR_MAX) ||
	    !tb[IPVS_CMD_ATTR_DAEMON] ||
	    nest_attrs(a, IPVS_DAEMON_ATTR_MAX, tb[IPVS_CMD_ATTR_DAEMON]) ||
	    !has(a[IPVS_DAEMON_ATTR_STATE], 4) ||
	    !has(a[IPVS_DAEMON_ATTR_MCAST_IFN], 1) ||
	    !has(a[IPVS_DAEMON_ATTR_SYNC_ID], 4))
		return -EBADMSG;
	d->state = get_u32(a[IPVS_DAEMON_ATTR_STATE]);
	get_string(d->mcast_ifn, sizeof(d->mcast_ifn),
		   a[IPVS_DAEMON_ATTR_MCAST_IFN]);
	d->syncid = get_u32(a[IPVS_DAEMON_ATTR_SYNC_ID]);
	d->sync_maxlen =
		opt_uint(a[IPVS_DAEMON_ATTR_SYNC_MAXLEN], 2, d->sync_maxlen);
	d->mcast_port =
		opt_uint(a[IPVS_DAEMON_ATTR_MCAST_PORT], 2, d->mcast_port);
	d->mcast_ttl = opt_uint(a[IPVS_DAEMON_ATTR_MCAST_TTL], 1, d->mcast_ttl);
	if (has(a[IPVS_DAEMON_ATTR_MCAST_GROUP], 4)) {
		d->mcast_af = AF_INET;
		get_bytes(&d->mcast_group.v4, a[IPVS_DAEMON_ATTR_MCAST_GROUP],
			  4);
	} else if (has(a[IPVS_DAEMON_ATTR_MCAST_GROUP6], 16)) {
		d->mcast_af = AF_INET6;
		get_bytes(&d->mcast_group.v6, a[IPVS_DAEMON_ATTR_MCAST_GROUP6],
			  16);
	}
	return 0;
}

static int put_daemon(struct nl_msg *msg, const struct lvs_daemon *d, bool full)
{
	struct nlattr *nest = nla_nest_start(msg, IPVS_CMD_ATTR_DAEMON);

	if (!nest || nla_put_u32(msg, IPVS_DAEMON_ATTR_STATE, d->state))
		return -ENOMEM;
	if (full &&
	    (nla_put_string(msg, IPVS_DAEMON_ATTR_MCAST_IFN, d->mcast_ifn) ||
	     nla_put_u32(msg, IPVS_DAEMON_ATTR_SYNC_ID, d->syncid) ||
	     (d->sync_maxlen &&
	      nla_put_u16(msg, IPVS_DAEMON_ATTR_SYNC_MAXLEN, d->sync_maxlen)) ||
	     (d->mcast_port &&
	      nla_put_u16(msg, IPVS_DAEMON_ATTR_MCAST_PORT, d->mcast_port)) ||
	     (d->mcast_ttl &&
	      nla_put_u8(msg, IPVS_DAEMON_ATTR_MCAST_TTL, d->mcast_ttl)) ||
	     (d->mcast_af == AF_INET6 &&
	      nla_put(msg, IPVS_DAEMON_ATTR_MCAST_GROUP6, 16,
		      &d->mcast_group.v6)) ||
	     (d->mcast_af == AF_INET &&
	      nla_put(msg, IPVS_DAEMON_ATTR_MCAST_GROUP, 4,
		      &d->mcast_group.v4))))
		return -ENOMEM;
	nla_nest_end(msg, nest);
	return 0;
}

static bool zero_names_service(const struct lvs_service *s)
{
	static const union lvs_addr any;

	return s->fwmark || s->port || memcmp(&s->addr, &any, sizeof(any));
}

int ipvs_msg_build(struct nl_msg *msg, const struct lvs_cmd *cmd)
{
	const struct lvs_timeout *t = &cmd->timeout;

	switch (cmd->kind) {
	case LVS_CMD_ADD:
	case LVS_CMD_EDIT:
		return ipvs_msg_put_service(msg, &cmd->svc, true);
	case LVS_CMD_DEL:
		return ipvs_msg_put_service(msg, &cmd->svc, false);
	case LVS_CMD_ZERO:
		/* No service means every service. */
		return zero_names_service(&cmd->svc) ?
			       ipvs_msg_put_service(msg, &cmd->svc, false) :
			       0;
	case LVS_CMD_ADDDEST:
	case LVS_CMD_EDITDEST:
	case LVS_CMD_DELDEST:
		return ipvs_msg_put_service(msg, &cmd->svc, false) ?:
			       put_dest(msg, &cmd->dest);
	case LVS_CMD_TIMEOUT:
		if (nla_put_u32(msg, IPVS_CMD_ATTR_TIMEOUT_TCP, t->tcp) ||
		    nla_put_u32(msg, IPVS_CMD_ATTR_TIMEOUT_TCP_FIN,
				t->tcp_fin) ||
		    nla_put_u32(msg, IPVS_CMD_ATTR_TIMEOUT_UDP, t->udp))
			return -ENOMEM;
		return 0;
	case LVS_CMD_STARTDAEMON:
		return put_daemon(msg, &cmd->daemon, true);
	case LVS_CMD_STOPDAEMON:
		return put_daemon(msg, &cmd->daemon, false);
	default:
		return 0;
	}
}
