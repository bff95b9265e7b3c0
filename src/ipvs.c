// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Generic netlink to the kernel's IPVS.
 *
 * A request is sent, then replies are read until the kernel's ACK, its
 * error, or the end of a dump.  Malformed replies are recorded but the
 * rest of the answer is still read, so the socket is clean for the next
 * request.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/wait.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "ipvs.h"

struct ipvs {
	struct nl_sock *sk;
	struct nl_cb *cb;
	int family;
	struct lvs_info info;
};

/* One request's progress, shared with the callbacks. */
struct req {
	int (*parse)(struct nlmsghdr *nlh, void *arg);
	void *arg;
	int err;
	bool done;
};

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct req *r = arg;
	int e;

	if (r->parse && !r->err) {
		e = r->parse(nlmsg_hdr(msg), r->arg);
		if (e)
			r->err = e;
	}
	return NL_OK;
}

static int on_done(struct nl_msg *msg, void *arg)
{
	struct req *r = arg;

	(void)msg;
	r->done = true;
	return NL_STOP;
}

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct req *r = arg;

	(void)nla;
	if (!r->err)
		r->err = e->error < 0 ? e->error : -e->error;
	r->done = true;
	return NL_STOP;
}

/* libnl's own failures, as the nearest errno. */
static int nlerr_to_errno(int nlerr)
{
	switch (-nlerr) {
	case NLE_NOMEM:
		return -ENOMEM;
	case NLE_PERM:
		return -EPERM;
	case NLE_AGAIN:
		return -EAGAIN;
	case NLE_INTR:
		return -EINTR;
	case NLE_OBJ_NOTFOUND:
		return -ENOENT;
	default:
		return -EINVAL;
	}
}

/* Send @msg (consumed) and read the answer through @parse. */
static int transact(struct ipvs *h, struct nl_msg *msg,
		    int (*parse)(struct nlmsghdr *, void *), void *arg)
{
	struct req r = { .parse = parse, .arg = arg };
	int ret;

	nl_cb_set(h->cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &r);
	nl_cb_set(h->cb, NL_CB_FINISH, NL_CB_CUSTOM, on_done, &r);
	nl_cb_set(h->cb, NL_CB_ACK, NL_CB_CUSTOM, on_done, &r);
	nl_cb_err(h->cb, NL_CB_CUSTOM, on_error, &r);

	ret = nl_send_auto(h->sk, msg);
	nlmsg_free(msg);
	if (ret < 0)
		return nlerr_to_errno(ret);
	while (!r.done) {
		ret = nl_recvmsgs(h->sk, h->cb);
		if (ret < 0 && !r.done) {
			if (ret == -NLE_INTR)
				continue;
			return r.err ? r.err : nlerr_to_errno(ret);
		}
	}
	return r.err;
}

static struct nl_msg *new_msg(struct ipvs *h, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (msg && !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, h->family, 0,
				flags, cmd, IPVS_GENL_VERSION)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return msg;
}

/* A length check for attributes read from the kernel. */
static bool has(struct nlattr *a, int len)
{
	return a && nla_len(a) >= len;
}

static int parse_info(struct nlmsghdr *nlh, void *arg)
{
	struct nlattr *tb[IPVS_INFO_ATTR_MAX + 1];
	struct lvs_info *info = arg;

	if (genlmsg_parse(nlh, 0, tb, IPVS_INFO_ATTR_MAX, NULL) ||
	    !has(tb[IPVS_INFO_ATTR_VERSION], 4) ||
	    !has(tb[IPVS_INFO_ATTR_CONN_TAB_SIZE], 4))
		return -EBADMSG;
	info->version = nla_get_u32(tb[IPVS_INFO_ATTR_VERSION]);
	info->conn_tab_size = nla_get_u32(tb[IPVS_INFO_ATTR_CONN_TAB_SIZE]);
	return 0;
}

/* Run /sbin/modprobe -- ip_vs, without a shell; true when it succeeded. */
static bool load_module(void)
{
	char *const argv[] = { "/sbin/modprobe", "--", "ip_vs", NULL };
	int status;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		execv(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return false;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int ipvs_open(struct ipvs **hp)
{
	struct ipvs *h;
	struct nl_msg *msg;
	int ret;

	*hp = NULL;
	h = calloc(1, sizeof(*h));
	if (!h)
		return -ENOMEM;
	h->sk = nl_socket_alloc();
	h->cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!h->sk || !h->cb) {
		ret = -ENOMEM;
		goto fail;
	}
	ret = genl_connect(h->sk);
	if (ret < 0) {
		ret = nlerr_to_errno(ret);
		goto fail;
	}
	h->family = genl_ctrl_resolve(h->sk, IPVS_GENL_NAME);
	if (h->family < 0 && load_module())
		h->family = genl_ctrl_resolve(h->sk, IPVS_GENL_NAME);
	if (h->family < 0) {
		/* What the kernel says to an IPVS socket option without IPVS. */
		ret = -ENOPROTOOPT;
		goto fail;
	}
	msg = new_msg(h, IPVS_CMD_GET_INFO, 0);
	if (!msg) {
		ret = -ENOMEM;
		goto fail;
	}
	ret = transact(h, msg, parse_info, &h->info);
	if (ret)
		goto fail;
	*hp = h;
	return 0;
fail:
	ipvs_close(h);
	return ret;
}

void ipvs_close(struct ipvs *h)
{
	if (!h)
		return;
	if (h->cb)
		nl_cb_put(h->cb);
	if (h->sk)
		nl_socket_free(h->sk);
	free(h);
}

const struct lvs_info *ipvs_info(const struct ipvs *h)
{
	return &h->info;
}

/* A counter, read by its size: 32-bit STATS or 64-bit STATS64. */
static uint64_t get_counter(struct nlattr *a)
{
	if (!a)
		return 0;
	if (nla_len(a) >= 8)
		return nla_get_u64(a);
	if (nla_len(a) >= 4)
		return nla_get_u32(a);
	return 0;
}

static void parse_stats(struct nlattr *nest, struct lvs_stats *st)
{
	struct nlattr *tb[IPVS_STATS_ATTR_MAX + 1];

	if (!nest || nla_parse_nested(tb, IPVS_STATS_ATTR_MAX, nest, NULL))
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
	size_t n = (size_t)nla_len(a);

	if (n >= size)
		n = size - 1;
	memcpy(dst, nla_data(a), n);
	dst[n] = '\0';
}

static int parse_service_attrs(struct nlattr *nest,
			       struct lvs_service_entry *e)
{
	struct nlattr *tb[IPVS_SVC_ATTR_MAX + 1];
	struct lvs_service *s = &e->svc;
	struct ip_vs_flags flags;

	if (!nest || nla_parse_nested(tb, IPVS_SVC_ATTR_MAX, nest, NULL))
		return -EBADMSG;
	if (!has(tb[IPVS_SVC_ATTR_AF], 2) ||
	    !has(tb[IPVS_SVC_ATTR_SCHED_NAME], 1) ||
	    !has(tb[IPVS_SVC_ATTR_NETMASK], 4) ||
	    !has(tb[IPVS_SVC_ATTR_TIMEOUT], 4) ||
	    !has(tb[IPVS_SVC_ATTR_FLAGS], sizeof(flags)))
		return -EBADMSG;
	s->af = nla_get_u16(tb[IPVS_SVC_ATTR_AF]);
	if (has(tb[IPVS_SVC_ATTR_FWMARK], 4)) {
		s->fwmark = nla_get_u32(tb[IPVS_SVC_ATTR_FWMARK]);
	} else {
		if (!has(tb[IPVS_SVC_ATTR_PROTOCOL], 2) ||
		    !has(tb[IPVS_SVC_ATTR_ADDR], 4) ||
		    !has(tb[IPVS_SVC_ATTR_PORT], 2))
			return -EBADMSG;
		s->protocol = nla_get_u16(tb[IPVS_SVC_ATTR_PROTOCOL]);
		nla_memcpy(&s->addr, tb[IPVS_SVC_ATTR_ADDR], sizeof(s->addr));
		s->port = ntohs(nla_get_u16(tb[IPVS_SVC_ATTR_PORT]));
	}
	get_string(s->sched, sizeof(s->sched), tb[IPVS_SVC_ATTR_SCHED_NAME]);
	if (tb[IPVS_SVC_ATTR_PE_NAME])
		get_string(s->pe, sizeof(s->pe), tb[IPVS_SVC_ATTR_PE_NAME]);
	s->netmask = nla_get_u32(tb[IPVS_SVC_ATTR_NETMASK]);
	s->timeout = nla_get_u32(tb[IPVS_SVC_ATTR_TIMEOUT]);
	nla_memcpy(&flags, tb[IPVS_SVC_ATTR_FLAGS], sizeof(flags));
	s->flags = flags.flags & flags.mask;
	parse_stats(tb[IPVS_SVC_ATTR_STATS64] ? tb[IPVS_SVC_ATTR_STATS64] :
						tb[IPVS_SVC_ATTR_STATS],
		    &e->stats);
	return 0;
}

static int parse_service_into_table(struct nlmsghdr *nlh, void *arg)
{
	struct nlattr *tb[IPVS_CMD_ATTR_MAX + 1];
	struct lvs_service_entry *e;
	struct lvs_table *t = arg;

	if (genlmsg_parse(nlh, 0, tb, IPVS_CMD_ATTR_MAX, NULL))
		return -EBADMSG;
	e = lvs_table_add(t);
	if (!e)
		return -ENOMEM;
	if (parse_service_attrs(tb[IPVS_CMD_ATTR_SERVICE], e)) {
		t->n_svcs--;
		return -EBADMSG;
	}
	return 0;
}

static int parse_one_service(struct nlmsghdr *nlh, void *arg)
{
	struct nlattr *tb[IPVS_CMD_ATTR_MAX + 1];

	if (genlmsg_parse(nlh, 0, tb, IPVS_CMD_ATTR_MAX, NULL))
		return -EBADMSG;
	return parse_service_attrs(tb[IPVS_CMD_ATTR_SERVICE], arg);
}

static int parse_dest(struct nlmsghdr *nlh, void *arg)
{
	struct nlattr *tb[IPVS_CMD_ATTR_MAX + 1];
	struct nlattr *d[IPVS_DEST_ATTR_MAX + 1];
	struct lvs_service_entry *e = arg;
	struct lvs_dest_entry *de;

	if (genlmsg_parse(nlh, 0, tb, IPVS_CMD_ATTR_MAX, NULL) ||
	    !tb[IPVS_CMD_ATTR_DEST] ||
	    nla_parse_nested(d, IPVS_DEST_ATTR_MAX, tb[IPVS_CMD_ATTR_DEST],
			     NULL))
		return -EBADMSG;
	if (!has(d[IPVS_DEST_ATTR_ADDR], 4) || !has(d[IPVS_DEST_ATTR_PORT], 2) ||
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
	nla_memcpy(&de->dest.addr, d[IPVS_DEST_ATTR_ADDR],
		   sizeof(de->dest.addr));
	de->dest.port = ntohs(nla_get_u16(d[IPVS_DEST_ATTR_PORT]));
	de->dest.fwd = nla_get_u32(d[IPVS_DEST_ATTR_FWD_METHOD]) &
		       IP_VS_CONN_F_FWD_MASK;
	de->dest.weight = (int32_t)nla_get_u32(d[IPVS_DEST_ATTR_WEIGHT]);
	de->dest.u_thresh = nla_get_u32(d[IPVS_DEST_ATTR_U_THRESH]);
	de->dest.l_thresh = nla_get_u32(d[IPVS_DEST_ATTR_L_THRESH]);
	if (has(d[IPVS_DEST_ATTR_TUN_TYPE], 1))
		de->dest.tun_type = nla_get_u8(d[IPVS_DEST_ATTR_TUN_TYPE]);
	if (has(d[IPVS_DEST_ATTR_TUN_PORT], 2))
		de->dest.tun_port =
			ntohs(nla_get_u16(d[IPVS_DEST_ATTR_TUN_PORT]));
	if (has(d[IPVS_DEST_ATTR_TUN_FLAGS], 2))
		de->dest.tun_flags = nla_get_u16(d[IPVS_DEST_ATTR_TUN_FLAGS]);
	de->activeconns = nla_get_u32(d[IPVS_DEST_ATTR_ACTIVE_CONNS]);
	de->inactconns = nla_get_u32(d[IPVS_DEST_ATTR_INACT_CONNS]);
	de->persistconns = nla_get_u32(d[IPVS_DEST_ATTR_PERSIST_CONNS]);
	de->dest.af = has(d[IPVS_DEST_ATTR_ADDR_FAMILY], 2) ?
			      nla_get_u16(d[IPVS_DEST_ATTR_ADDR_FAMILY]) :
			      e->svc.af;
	parse_stats(d[IPVS_DEST_ATTR_STATS64] ? d[IPVS_DEST_ATTR_STATS64] :
						d[IPVS_DEST_ATTR_STATS],
		    &de->stats);
	return 0;
}

/* The service nest: its key, and with @full its configuration. */
static int put_service(struct nl_msg *msg, const struct lvs_service *s,
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
		   nla_put(msg, IPVS_SVC_ATTR_ADDR, sizeof(s->addr), &s->addr) ||
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

int ipvs_get_services(struct ipvs *h, struct lvs_table *t)
{
	struct nl_msg *msg = new_msg(h, IPVS_CMD_GET_SERVICE, NLM_F_DUMP);

	if (!msg)
		return -ENOMEM;
	return transact(h, msg, parse_service_into_table, t);
}

int ipvs_get_service(struct ipvs *h, const struct lvs_service *key,
		     struct lvs_service_entry *out)
{
	struct nl_msg *msg = new_msg(h, IPVS_CMD_GET_SERVICE, 0);

	memset(out, 0, sizeof(*out));
	if (!msg)
		return -ENOMEM;
	if (put_service(msg, key, false)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return transact(h, msg, parse_one_service, out);
}

int ipvs_get_dests(struct ipvs *h, struct lvs_service_entry *e)
{
	struct nl_msg *msg = new_msg(h, IPVS_CMD_GET_DEST, NLM_F_DUMP);

	if (!msg)
		return -ENOMEM;
	if (put_service(msg, &e->svc, false)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return transact(h, msg, parse_dest, e);
}

static int parse_timeout(struct nlmsghdr *nlh, void *arg)
{
	struct nlattr *tb[IPVS_CMD_ATTR_MAX + 1];
	struct lvs_timeout *t = arg;

	if (genlmsg_parse(nlh, 0, tb, IPVS_CMD_ATTR_MAX, NULL))
		return -EBADMSG;
	if (has(tb[IPVS_CMD_ATTR_TIMEOUT_TCP], 4))
		t->tcp = nla_get_u32(tb[IPVS_CMD_ATTR_TIMEOUT_TCP]);
	if (has(tb[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN], 4))
		t->tcp_fin = nla_get_u32(tb[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN]);
	if (has(tb[IPVS_CMD_ATTR_TIMEOUT_UDP], 4))
		t->udp = nla_get_u32(tb[IPVS_CMD_ATTR_TIMEOUT_UDP]);
	return 0;
}

int ipvs_get_timeout(struct ipvs *h, struct lvs_timeout *t)
{
	struct nl_msg *msg = new_msg(h, IPVS_CMD_GET_CONFIG, 0);

	memset(t, 0, sizeof(*t));
	if (!msg)
		return -ENOMEM;
	return transact(h, msg, parse_timeout, t);
}

static int parse_daemon(struct nlmsghdr *nlh, void *arg)
{
	struct nlattr *tb[IPVS_CMD_ATTR_MAX + 1];
	struct nlattr *a[IPVS_DAEMON_ATTR_MAX + 1];
	struct lvs_daemon *d = arg;

	/* Master and backup come as separate messages. */
	if (d[0].state)
		d++;
	if (d->state)
		return 0;
	if (genlmsg_parse(nlh, 0, tb, IPVS_CMD_ATTR_MAX, NULL) ||
	    !tb[IPVS_CMD_ATTR_DAEMON] ||
	    nla_parse_nested(a, IPVS_DAEMON_ATTR_MAX, tb[IPVS_CMD_ATTR_DAEMON],
			     NULL) ||
	    !has(a[IPVS_DAEMON_ATTR_STATE], 4) ||
	    !has(a[IPVS_DAEMON_ATTR_MCAST_IFN], 1) ||
	    !has(a[IPVS_DAEMON_ATTR_SYNC_ID], 4))
		return -EBADMSG;
	d->state = nla_get_u32(a[IPVS_DAEMON_ATTR_STATE]);
	get_string(d->mcast_ifn, sizeof(d->mcast_ifn),
		   a[IPVS_DAEMON_ATTR_MCAST_IFN]);
	d->syncid = nla_get_u32(a[IPVS_DAEMON_ATTR_SYNC_ID]);
	if (has(a[IPVS_DAEMON_ATTR_SYNC_MAXLEN], 2))
		d->sync_maxlen = nla_get_u16(a[IPVS_DAEMON_ATTR_SYNC_MAXLEN]);
	if (has(a[IPVS_DAEMON_ATTR_MCAST_PORT], 2))
		d->mcast_port = nla_get_u16(a[IPVS_DAEMON_ATTR_MCAST_PORT]);
	if (has(a[IPVS_DAEMON_ATTR_MCAST_TTL], 1))
		d->mcast_ttl = nla_get_u8(a[IPVS_DAEMON_ATTR_MCAST_TTL]);
	if (has(a[IPVS_DAEMON_ATTR_MCAST_GROUP], 4)) {
		d->mcast_af = AF_INET;
		nla_memcpy(&d->mcast_group.v4, a[IPVS_DAEMON_ATTR_MCAST_GROUP],
			   4);
	} else if (has(a[IPVS_DAEMON_ATTR_MCAST_GROUP6], 16)) {
		d->mcast_af = AF_INET6;
		nla_memcpy(&d->mcast_group.v6,
			   a[IPVS_DAEMON_ATTR_MCAST_GROUP6], 16);
	}
	return 0;
}

int ipvs_get_daemons(struct ipvs *h, struct lvs_daemon d[2])
{
	struct nl_msg *msg = new_msg(h, IPVS_CMD_GET_DAEMON, NLM_F_DUMP);

	memset(d, 0, 2 * sizeof(*d));
	if (!msg)
		return -ENOMEM;
	return transact(h, msg, parse_daemon, d);
}

static int put_daemon(struct nl_msg *msg, const struct lvs_daemon *d,
		      bool full)
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

enum ipvs_op ipvs_cmd_op(enum lvs_cmd_kind kind)
{
	switch (kind) {
	case LVS_CMD_ADD:
		return IPVS_OP_ADD_SERVICE;
	case LVS_CMD_EDIT:
		return IPVS_OP_EDIT_SERVICE;
	case LVS_CMD_DEL:
		return IPVS_OP_DEL_SERVICE;
	case LVS_CMD_ZERO:
		return IPVS_OP_ZERO;
	case LVS_CMD_ADDDEST:
		return IPVS_OP_ADD_DEST;
	case LVS_CMD_EDITDEST:
		return IPVS_OP_EDIT_DEST;
	case LVS_CMD_DELDEST:
		return IPVS_OP_DEL_DEST;
	case LVS_CMD_TIMEOUT:
		return IPVS_OP_SET_TIMEOUT;
	case LVS_CMD_STARTDAEMON:
		return IPVS_OP_START_DAEMON;
	case LVS_CMD_STOPDAEMON:
		return IPVS_OP_STOP_DAEMON;
	default:
		return IPVS_OP_FLUSH;
	}
}

static int build(struct nl_msg *msg, const struct lvs_cmd *cmd)
{
	const struct lvs_timeout *t = &cmd->timeout;

	switch (cmd->kind) {
	case LVS_CMD_ADD:
	case LVS_CMD_EDIT:
		return put_service(msg, &cmd->svc, true);
	case LVS_CMD_DEL:
		return put_service(msg, &cmd->svc, false);
	case LVS_CMD_ZERO:
		/* No service means every service. */
		return zero_names_service(&cmd->svc) ?
			       put_service(msg, &cmd->svc, false) :
			       0;
	case LVS_CMD_ADDDEST:
	case LVS_CMD_EDITDEST:
	case LVS_CMD_DELDEST:
		return put_service(msg, &cmd->svc, false) ?:
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

int ipvs_execute(struct ipvs *h, const struct lvs_cmd *cmd)
{
	static const uint8_t genl_cmd[LVS_NUM_CMDS] = {
		[LVS_CMD_ADD] = IPVS_CMD_NEW_SERVICE,
		[LVS_CMD_EDIT] = IPVS_CMD_SET_SERVICE,
		[LVS_CMD_DEL] = IPVS_CMD_DEL_SERVICE,
		[LVS_CMD_FLUSH] = IPVS_CMD_FLUSH,
		[LVS_CMD_ADDDEST] = IPVS_CMD_NEW_DEST,
		[LVS_CMD_DELDEST] = IPVS_CMD_DEL_DEST,
		[LVS_CMD_EDITDEST] = IPVS_CMD_SET_DEST,
		[LVS_CMD_TIMEOUT] = IPVS_CMD_SET_CONFIG,
		[LVS_CMD_STARTDAEMON] = IPVS_CMD_NEW_DAEMON,
		[LVS_CMD_STOPDAEMON] = IPVS_CMD_DEL_DAEMON,
		[LVS_CMD_ZERO] = IPVS_CMD_ZERO,
	};
	struct nl_msg *msg;

	if (cmd->kind < 0 || cmd->kind >= LVS_NUM_CMDS ||
	    !genl_cmd[cmd->kind])
		return -EINVAL;
	msg = new_msg(h, genl_cmd[cmd->kind], 0);
	if (!msg)
		return -ENOMEM;
	if (build(msg, cmd)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return transact(h, msg, NULL, NULL);
}

const char *ipvs_strerror(enum ipvs_op op, int err)
{
	static const struct {
		enum ipvs_op op;
		int err;
		const char *text;
	} by_op[] = {
		{ IPVS_OP_ADD_SERVICE, EEXIST, "Service already exists" },
		{ IPVS_OP_ADD_SERVICE, ENOENT,
		  "Scheduler or persistence engine not found" },
		{ IPVS_OP_EDIT_SERVICE, ESRCH, "No such service" },
		{ IPVS_OP_EDIT_SERVICE, ENOENT,
		  "Scheduler or persistence engine not found" },
		{ IPVS_OP_DEL_SERVICE, ESRCH, "No such service" },
		{ IPVS_OP_ZERO, ESRCH, "No such service" },
		{ IPVS_OP_ADD_DEST, ESRCH, "Service not defined" },
		{ IPVS_OP_ADD_DEST, EEXIST, "Destination already exists" },
		{ IPVS_OP_EDIT_DEST, ESRCH, "Service not defined" },
		{ IPVS_OP_EDIT_DEST, ENOENT, "No such destination" },
		{ IPVS_OP_DEL_DEST, ESRCH, "Service not defined" },
		{ IPVS_OP_DEL_DEST, ENOENT, "No such destination" },
		{ IPVS_OP_START_DAEMON, EEXIST, "Daemon has already run" },
		{ IPVS_OP_STOP_DAEMON, ESRCH, "No daemon is running" },
		{ IPVS_OP_GET_SERVICES, ESRCH, "No such service" },
		{ IPVS_OP_GET_DESTS, ESRCH, "No such service" },
		{ IPVS_OP_GET_SERVICE, ESRCH, "No such service" },
	};
	static const struct {
		int err;
		const char *text;
	} generic[] = {
		{ EPERM, "Permission denied (you must be root)" },
		{ EINVAL,
		  "Invalid operation.  Possibly wrong module version, address not unicast, ..." },
		{ ENOPROTOOPT, "Protocol not available" },
		{ ENOMEM, "Memory allocation problem" },
		{ EOPNOTSUPP, "Operation not supported with IPv6" },
		{ EAFNOSUPPORT,
		  "Operation not supported with specified address family" },
		{ EMSGSIZE, "Module is wrong version" },
	};

	for (size_t i = 0; i < sizeof(by_op) / sizeof(by_op[0]); i++)
		if (by_op[i].op == op && by_op[i].err == err)
			return by_op[i].text;
	for (size_t i = 0; i < sizeof(generic) / sizeof(generic[0]); i++)
		if (generic[i].err == err)
			return generic[i].text;
	return strerror(err);
}
