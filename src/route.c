// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * rtnetlink through libnl-route-3: interfaces and addresses.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/rtnetlink.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>

#include "nlerr.h"
#include "route.h"

struct lvs_route {
	struct nl_sock *sk;
};

int lvs_route_open(struct lvs_route **rp)
{
	struct lvs_route *r = calloc(1, sizeof(*r));
	int ret;

	*rp = NULL;
	if (!r)
		return -ENOMEM;
	r->sk = nl_socket_alloc();
	if (!r->sk) {
		free(r);
		return -ENOMEM;
	}
	ret = nl_connect(r->sk, NETLINK_ROUTE);
	if (ret < 0) {
		lvs_route_close(r);
		return lvs_nlerr_errno(ret);
	}
	*rp = r;
	return 0;
}

void lvs_route_close(struct lvs_route *r)
{
	if (!r)
		return;
	nl_socket_free(r->sk);
	free(r);
}

struct walk {
	struct lvs_host *h;
	size_t cap;
	int err;
};

static void add_link(struct nl_object *obj, void *arg)
{
	struct rtnl_link *l = (struct rtnl_link *)obj;
	struct walk *w = arg;
	struct nl_addr *mac = rtnl_link_get_addr(l);
	struct lvs_link *k;

	if (w->err || !lvs_grow((void **)&w->h->links, &w->cap,
				w->h->n_links + 1, sizeof(*k))) {
		w->err = -ENOMEM;
		return;
	}
	k = &w->h->links[w->h->n_links++];
	memset(k, 0, sizeof(*k));
	k->ifindex = rtnl_link_get_ifindex(l);
	k->flags = rtnl_link_get_flags(l);
	snprintf(k->name, sizeof(k->name), "%s", rtnl_link_get_name(l));
	if (mac && nl_addr_get_len(mac) == sizeof(k->mac))
		memcpy(k->mac, nl_addr_get_binary_addr(mac), sizeof(k->mac));
}

static void add_addr(struct nl_object *obj, void *arg)
{
	struct rtnl_addr *a = (struct rtnl_addr *)obj;
	struct nl_addr *local = rtnl_addr_get_local(a);
	struct walk *w = arg;
	const char *label = rtnl_addr_get_label(a);
	struct lvs_ifaddr *x;
	int af = rtnl_addr_get_family(a);

	if (w->err || !local || (af != AF_INET && af != AF_INET6))
		return;
	if ((unsigned int)nl_addr_get_len(local) != (af == AF_INET6 ? 16U : 4U))
		return;
	if (!lvs_grow((void **)&w->h->addrs, &w->cap, w->h->n_addrs + 1,
		      sizeof(*x))) {
		w->err = -ENOMEM;
		return;
	}
	x = &w->h->addrs[w->h->n_addrs++];
	memset(x, 0, sizeof(*x));
	x->ifindex = rtnl_addr_get_ifindex(a);
	x->af = (uint16_t)af;
	memcpy(&x->addr, nl_addr_get_binary_addr(local),
	       nl_addr_get_len(local));
	x->prefixlen = (uint8_t)rtnl_addr_get_prefixlen(a);
	x->scope = (uint8_t)rtnl_addr_get_scope(a);
	x->flags = rtnl_addr_get_flags(a);
	if (label)
		snprintf(x->label, sizeof(x->label), "%s", label);
}

int lvs_route_read_host(struct lvs_route *r, struct lvs_host *h)
{
	struct nl_cache *links = NULL, *addrs = NULL;
	struct walk w = { .h = h };
	int ret;

	memset(h, 0, sizeof(*h));
	ret = rtnl_link_alloc_cache(r->sk, AF_UNSPEC, &links);
	if (ret < 0)
		return lvs_nlerr_errno(ret);
	nl_cache_foreach(links, add_link, &w);
	nl_cache_free(links);
	if (w.err)
		goto fail;
	ret = rtnl_addr_alloc_cache(r->sk, &addrs);
	if (ret < 0) {
		w.err = lvs_nlerr_errno(ret);
		goto fail;
	}
	w.cap = 0;
	nl_cache_foreach(addrs, add_addr, &w);
	nl_cache_free(addrs);
	if (!w.err)
		return 0;
fail:
	lvs_host_free(h);
	return w.err;
}

/* An rtnl_addr for @x on @ifindex, or NULL when out of memory. */
static struct rtnl_addr *make_addr(int ifindex, const struct lvs_ifaddr *x)
{
	struct rtnl_addr *a = rtnl_addr_alloc();
	struct nl_addr *local;

	if (!a)
		return NULL;
	local = nl_addr_build(x->af, &x->addr, x->af == AF_INET6 ? 16 : 4);
	if (!local) {
		rtnl_addr_put(a);
		return NULL;
	}
	nl_addr_set_prefixlen(local, x->prefixlen);
	rtnl_addr_set_ifindex(a, ifindex);
	rtnl_addr_set_family(a, x->af);
	if (rtnl_addr_set_local(a, local) < 0 ||
	    (x->label[0] && rtnl_addr_set_label(a, x->label) < 0)) {
		nl_addr_put(local);
		rtnl_addr_put(a);
		return NULL;
	}
	nl_addr_put(local);
	rtnl_addr_set_prefixlen(a, x->prefixlen);
	rtnl_addr_set_scope(a, x->scope);
	return a;
}

/* Add (@add) or delete the address @x on @ifindex. */
static int change_addr(struct lvs_route *r, int ifindex,
		       const struct lvs_ifaddr *x, bool add)
{
	struct rtnl_addr *a = make_addr(ifindex, x);
	int ret;

	if (!a)
		return -ENOMEM;
	ret = add ? rtnl_addr_add(r->sk, a, NLM_F_CREATE | NLM_F_EXCL) :
		    rtnl_addr_delete(r->sk, a, 0);
	rtnl_addr_put(a);
	return ret < 0 ? lvs_nlerr_errno(ret) : 0;
}

int lvs_route_add_addr(struct lvs_route *r, int ifindex,
		       const struct lvs_ifaddr *x)
{
	return change_addr(r, ifindex, x, true);
}

int lvs_route_del_addr(struct lvs_route *r, int ifindex,
		       const struct lvs_ifaddr *x)
{
	return change_addr(r, ifindex, x, false);
}

struct oif_query {
	int oif;
	int err;
	bool done;
};

static int on_route(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[RTA_MAX + 1];
	struct oif_query *q = arg;

	if (!nlmsg_parse(nlmsg_hdr(msg), sizeof(struct rtmsg), tb, RTA_MAX,
			 NULL) &&
	    tb[RTA_OIF] && nla_len(tb[RTA_OIF]) >= 4)
		q->oif = (int)nla_get_u32(tb[RTA_OIF]);
	return NL_OK;
}

static int on_route_done(struct nl_msg *msg, void *arg)
{
	struct oif_query *q = arg;

	(void)msg;
	q->done = true;
	return NL_STOP;
}

static int on_route_err(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct oif_query *q = arg;

	(void)nla;
	q->err = e->error < 0 ? e->error : -e->error;
	q->done = true;
	return NL_STOP;
}

int lvs_route_get_oif(struct lvs_route *r, int af, const union lvs_addr *src,
		      const union lvs_addr *dst, int *oif)
{
	int len = af == AF_INET6 ? 16 : 4, ret;
	struct rtmsg rtm = { .rtm_family = (unsigned char)af,
			     .rtm_dst_len = (unsigned char)(len * 8),
			     .rtm_src_len = (unsigned char)(len * 8) };
	struct oif_query q = { .oif = 0 };
	struct nl_cb *cb = nl_cb_alloc(NL_CB_DEFAULT);
	struct nl_msg *msg = nlmsg_alloc_simple(RTM_GETROUTE, 0);

	if (!cb || !msg ||
	    nlmsg_append(msg, &rtm, sizeof(rtm), NLMSG_ALIGNTO) ||
	    nla_put(msg, RTA_DST, len, dst) ||
	    nla_put(msg, RTA_SRC, len, src)) {
		ret = -ENOMEM;
		goto out;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_route, &q);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_route_done, &q);
	nl_cb_err(cb, NL_CB_CUSTOM, on_route_err, &q);
	ret = nl_send_auto(r->sk, msg);
	/* The route comes first, then the ACK. */
	while (ret >= 0 && !q.done)
		ret = nl_recvmsgs(r->sk, cb);
	if (ret < 0 && !q.done)
		ret = lvs_nlerr_errno(ret);
	else
		ret = q.err ? q.err : (q.oif ? 0 : -ENETUNREACH);
	*oif = q.oif;
out:
	nlmsg_free(msg);
	nl_cb_put(cb);
	return ret;
}
