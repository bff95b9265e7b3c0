// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * --check: the classic Direct Routing mistakes, on a director and on a
 * real server.  Each finding is one line: what is wrong, and the exact
 * command that fixes it.  Notes ("info:") do not count as problems.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "check.h"
#include "host.h"
#include "print.h"
#include "route.h"
#include "state.h"
#include "sysctl.h"

struct findings {
	FILE *out;
	const char *label; /* what a problem is called: "problem" */
	int problems;
};

__attribute__((format(printf, 4, 5))) static void
report(struct findings *f, bool problem, const char *fix, const char *fmt, ...)
{
	va_list ap;

	fprintf(f->out, "%s: ", problem ? f->label : "info");
	va_start(ap, fmt);
	vfprintf(f->out, fmt, ap);
	va_end(ap);
	fprintf(f->out, " -- fix: %s\n", fix);
	if (problem)
		f->problems++;
}

static const struct lvs_ifaddr *bound(const struct lvs_host *h, int af,
				      const union lvs_addr *a)
{
	return lvs_host_find_addr(h, af, a, NULL);
}

/* Where a missing VIP should go on a director: its network's interface. */
static const char *vip_home(const struct lvs_host *h, int af,
			    const union lvs_addr *a)
{
	const struct lvs_ifaddr *x = lvs_host_connected(h, af, a);

	if (x)
		return lvs_host_ifname(h, x->ifindex);
	for (size_t i = 0; i < h->n_addrs; i++)
		if (lvs_host_usable(h, &h->addrs[i]))
			return lvs_host_ifname(h, h->addrs[i].ifindex);
	return "eth0";
}

static void check_service(struct findings *f, const struct lvs_host *h,
			  const struct lvs_service_entry *e, bool *dr)
{
	char name[160], rule[128], a[INET6_ADDRSTRLEN], fix[320];
	bool any = false;

	lvs_service_name(&e->svc, LVS_FMT_NUMERIC | LVS_FMT_RULE, rule,
			 sizeof(rule));
	snprintf(name, sizeof(name), "service %s", rule);
	for (size_t i = 0; i < e->n_dests; i++) {
		const struct lvs_dest *d = &e->dests[i].dest;

		if (d->fwd != IP_VS_CONN_F_DROUTE)
			continue;
		any = true;
		if (lvs_host_connected(h, d->af, &d->addr))
			continue;
		inet_ntop(d->af, &d->addr, a, sizeof(a));
		snprintf(fix, sizeof(fix), "lvsadm -e %s -r %s%s%s -i", rule,
			 d->af == AF_INET6 ? "[" : "", a,
			 d->af == AF_INET6 ? "]" : "");
		report(f, true, fix,
		       "%s: DR real server %s is not on a directly connected network; the director and its real servers must share one L2 segment",
		       name, a);
	}
	*dr |= any;
	if (!any || e->svc.fwmark || bound(h, e->svc.af, &e->svc.addr))
		return;
	inet_ntop(e->svc.af, &e->svc.addr, a, sizeof(a));
	snprintf(fix, sizeof(fix), "ip addr add %s/%d dev %s", a,
		 lvs_full_prefix(e->svc.af),
		 vip_home(h, e->svc.af, &e->svc.addr));
	report(f, true, fix,
	       "%s: the VIP %s is not an address of this director", name, a);
}

static int check_director(struct lvs_ctx *ctx, struct findings *f,
			  const struct lvs_host *h, struct lvs_err *err)
{
	struct lvs_table t = { 0 };
	bool dr = false;
	int fwd, r;

	/* No IPVS here: not a director (and no module is loaded for it). */
	if (access("/proc/net/ip_vs", F_OK))
		return 0;
	if (lvs_need_ipvs(ctx, err))
		return -1;
	r = ipvs_get_services(ctx->ipvs, &t);
	for (size_t i = 0; !r && i < t.n_svcs; i++)
		r = ipvs_get_dests(ctx->ipvs, &t.svcs[i]);
	if (r) {
		lvs_table_free(&t);
		return lvs_fail(err, LVS_EXIT_LIST, "%s",
				ipvs_strerror(IPVS_OP_GET_SERVICES, -r));
	}
	lvs_table_sort(&t);
	for (size_t i = 0; i < t.n_svcs; i++)
		check_service(f, h, &t.svcs[i], &dr);
	lvs_table_free(&t);
	if (dr && !lvs_ip_forward(&fwd) && fwd)
		report(f, false, "sysctl -w net.ipv4.ip_forward=0",
		       "net.ipv4.ip_forward is 1, which Direct Routing does not need (only NAT does)");
	return 0;
}

static bool answers_only_own(const char *ifname)
{
	int ign;

	return !lvs_conf_effective(ifname, LVS_ARP_IGNORE, &ign) &&
	       lvs_arp_ignores(ign);
}

/* A neighbour address in @x's subnet that is not one of this host's. */
static bool peer_in_subnet(const struct lvs_host *h, const struct lvs_ifaddr *x,
			   union lvs_addr *peer)
{
	uint32_t net = ntohl(x->addr.v4.s_addr) &
		       (0xffffffffU << (32 - x->prefixlen));
	uint32_t hosts = x->prefixlen >= 31 ? 0 :
					      (1U << (32 - x->prefixlen)) - 2;

	memset(peer, 0, sizeof(*peer));
	for (uint32_t k = 1; k <= hosts && k <= 1024; k++) {
		peer->v4.s_addr = htonl(net + k);
		if (!bound(h, AF_INET, peer))
			return true;
	}
	return false;
}

/*
 * arp_filter answers ARP on an interface only if the route from the
 * address back to the asker leaves through it, which without source
 * routing holds for one interface of a shared subnet only.
 */
static void check_arp_filter(struct findings *f, const struct lvs_host *h,
			     struct lvs_route *rt,
			     const struct lvs_ifaddr *const *group, int n)
{
	char a[INET_ADDRSTRLEN], net[INET_ADDRSTRLEN], fix[320];
	union lvs_addr peer, m;
	int filter, oif;

	for (int i = 0; i < n; i++) {
		const struct lvs_ifaddr *y = group[i];
		const char *ifn = lvs_host_ifname(h, y->ifindex);

		if (lvs_conf_effective(ifn, LVS_ARP_FILTER, &filter) ||
		    !filter || !peer_in_subnet(h, y, &peer) ||
		    lvs_route_get_oif(rt, AF_INET, &y->addr, &peer, &oif) ||
		    oif == y->ifindex)
			continue;
		m = y->addr;
		m.v4.s_addr &= htonl(0xffffffffU << (32 - y->prefixlen));
		inet_ntop(AF_INET, &y->addr, a, sizeof(a));
		inet_ntop(AF_INET, &m, net, sizeof(net));
		snprintf(
			fix, sizeof(fix),
			"ip rule add from %s table %d && ip route add %s/%u dev %s src %s table %d",
			a, 100 + y->ifindex, net, y->prefixlen, ifn, a,
			100 + y->ifindex);
		report(f, true, fix,
		       "%s on %s gets no ARP reply: arp_filter is on, and the route from it to %s/%u leaves through %s (arp_filter needs source routing)",
		       a, ifn, net, y->prefixlen, lvs_host_ifname(h, oif));
	}
}

/* The seed's eth0/eth3/eth4: several interfaces in one IPv4 subnet. */
static void check_shared_subnets(struct findings *f, const struct lvs_host *h,
				 struct lvs_route *rt)
{
	const struct lvs_ifaddr **group =
		calloc(h->n_addrs ? h->n_addrs : 1, sizeof(*group));
	bool *seen = calloc(h->n_addrs ? h->n_addrs : 1, sizeof(*seen));

	for (size_t i = 0; group && seen && i < h->n_addrs; i++) {
		const struct lvs_ifaddr *x = &h->addrs[i];
		char names[256] = "", net[INET_ADDRSTRLEN];
		bool exposed = false;
		int n = 0, nics = 0;
		union lvs_addr m;

		if (seen[i] || x->af != AF_INET || !lvs_host_usable(h, x) ||
		    x->prefixlen >= 32)
			continue;
		for (size_t j = i; j < h->n_addrs; j++) {
			const struct lvs_ifaddr *y = &h->addrs[j];
			const char *ifn = lvs_host_ifname(h, y->ifindex);
			bool new_nic = true;

			if (y->af != AF_INET || !lvs_host_usable(h, y) ||
			    y->prefixlen != x->prefixlen ||
			    !lvs_in_prefix(AF_INET, &y->addr, &x->addr,
					   x->prefixlen))
				continue;
			seen[j] = true;
			for (int k = 0; k < n && new_nic; k++)
				new_nic = group[k]->ifindex != y->ifindex;
			group[n++] = y;
			if (!new_nic)
				continue;
			nics++;
			snprintf(names + strlen(names),
				 sizeof(names) - strlen(names), "%s%s",
				 names[0] ? ", " : "", ifn);
			exposed |= !answers_only_own(ifn);
		}
		if (nics < 2)
			continue;
		check_arp_filter(f, h, rt, group, n);
		if (!exposed)
			continue;
		m = x->addr;
		m.v4.s_addr &= htonl(0xffffffffU << (32 - x->prefixlen));
		inet_ntop(AF_INET, &m, net, sizeof(net));
		report(f, true, "lvsadm --arp-strict on",
		       "%s share %s/%u, and each of them answers ARP for all of their addresses",
		       names, net, x->prefixlen);
	}
	free(group);
	free(seen);
}

static bool lo_only_arp(void)
{
	int all_ign, lo_ign, all_ann, lo_ann;

	if (lvs_conf_get("all", LVS_ARP_IGNORE, &all_ign) ||
	    lvs_conf_get("lo", LVS_ARP_IGNORE, &lo_ign) ||
	    lvs_conf_get("all", LVS_ARP_ANNOUNCE, &all_ann) ||
	    lvs_conf_get("lo", LVS_ARP_ANNOUNCE, &lo_ann))
		return false;
	return (lo_ign > all_ign && lo_ign > 0) ||
	       (lo_ann > all_ann && lo_ann > 0);
}

static void check_vip(struct findings *f, const struct lvs_host *h,
		      const struct lvs_vip *v)
{
	const struct lvs_ifaddr *x = bound(h, v->af, &v->addr);
	char a[INET6_ADDRSTRLEN], fix[256];
	const char *on, *ifn;

	inet_ntop(v->af, &v->addr, a, sizeof(a));
	if (!x) {
		snprintf(fix, sizeof(fix), "lvsadm --add-vip %s", a);
		report(f, true, fix, "VIP %s is not bound on lo", a);
		return;
	}
	ifn = lvs_host_ifname(h, x->ifindex);
	if (strcmp(ifn, "lo")) {
		snprintf(fix, sizeof(fix),
			 "ip addr del %s/%u dev %s && lvsadm --add-vip %s", a,
			 x->prefixlen, ifn, a);
		report(f, true, fix,
		       "VIP %s is bound on %s, not on lo, so this host answers ARP for it",
		       a, ifn);
		return;
	}
	if (x->prefixlen != lvs_full_prefix(v->af)) {
		snprintf(fix, sizeof(fix),
			 "ip addr del %s/%u dev lo && lvsadm --add-vip %s", a,
			 x->prefixlen, a);
		report(f, true, fix,
		       "VIP %s is on lo as /%u, which makes its whole network local to this host; a VIP must be /%d",
		       a, x->prefixlen, lvs_full_prefix(v->af));
	}
	if (v->af != AF_INET || !(on = lvs_arp_exposed_on(h, x)))
		return;
	if (lo_only_arp())
		report(f, true,
		       "sysctl -w net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2",
		       "the ARP sysctls are set on lo only, where they have no effect: VIP %s is still answered and announced on %s",
		       a, on);
	else
		report(f, true,
		       "sysctl -w net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2",
		       "VIP %s is answered or announced in ARP on %s", a, on);
}

/* Strict reverse-path filtering on a host with several interfaces. */
static void check_rp_filter(struct findings *f, const struct lvs_host *h)
{
	char names[256] = "";
	int nics = 0, rp;

	for (size_t i = 0; i < h->n_links; i++) {
		const struct lvs_link *l = &h->links[i];
		bool has_v4 = false;

		if ((l->flags & IFF_LOOPBACK) || !(l->flags & IFF_UP))
			continue;
		for (size_t j = 0; j < h->n_addrs && !has_v4; j++)
			has_v4 = h->addrs[j].ifindex == l->ifindex &&
				 h->addrs[j].af == AF_INET;
		if (!has_v4)
			continue;
		nics++;
		if (lvs_ifname_valid(l->name) &&
		    !lvs_conf_effective(l->name, LVS_RP_FILTER, &rp) && rp == 1)
			snprintf(names + strlen(names),
				 sizeof(names) - strlen(names), "%s%s",
				 names[0] ? ", " : "", l->name);
	}
	if (nics >= 2 && names[0])
		report(f, true, "sysctl -w net.ipv4.conf.all.rp_filter=2",
		       "rp_filter is strict (1) on %s of a host with several interfaces: packets that arrive on one interface but would be routed out of another are dropped",
		       names);
}

/* The VIPs to check: those named, else lvsadm's and those on lo. */
static void collect_vips(const struct lvs_host *h, const struct lvs_vip_args *a,
			 const char *rundir, struct lvs_vip_args *out)
{
	struct lvs_state st;
	struct lvs_err ignored;
	size_t cap = 0;

	for (size_t i = 0; i < a->n; i++)
		if (lvs_grow((void **)&out->vips, &cap, out->n + 1,
			     sizeof(*out->vips)))
			out->vips[out->n++] = a->vips[i];
	if (a->n)
		return;
	if (!lvs_state_peek(&st, rundir, &ignored)) {
		for (size_t i = 0; i < st.n_vips; i++)
			if (lvs_grow((void **)&out->vips, &cap, out->n + 1,
				     sizeof(*out->vips)))
				out->vips[out->n++] = st.vips[i].vip;
		lvs_state_close(&st);
	}
	for (size_t i = 0; i < h->n_addrs; i++) {
		const struct lvs_ifaddr *x = &h->addrs[i];
		bool dup = false;

		if (!lvs_is_vip_on_lo(h, x))
			continue;
		for (size_t j = 0; j < out->n && !dup; j++)
			dup = out->vips[j].af == x->af &&
			      lvs_addr_equal(x->af, &out->vips[j].addr,
					     &x->addr);
		if (!dup && lvs_grow((void **)&out->vips, &cap, out->n + 1,
				     sizeof(*out->vips))) {
			out->vips[out->n].af = x->af;
			out->vips[out->n++].addr = x->addr;
		}
	}
}

int lvs_warn_arp_filter(FILE *out)
{
	struct findings f = { .out = out, .label = "warning" };
	struct lvs_route *rt = NULL;
	struct lvs_host h = { 0 };

	if (lvs_route_open(&rt) || lvs_route_read_host(rt, &h)) {
		lvs_route_close(rt);
		return 0;
	}
	check_shared_subnets(&f, &h, rt);
	lvs_route_close(rt);
	lvs_host_free(&h);
	return f.problems;
}

int lvs_check(struct lvs_ctx *ctx, const struct lvs_vip_args *a,
	      struct lvs_err *err)
{
	struct findings f = { .out = ctx->out, .label = "problem" };
	struct lvs_vip_args vips = { 0 };
	struct lvs_route *rt = NULL;
	struct lvs_host h = { 0 };
	int r;

	/* The IPVS table and the state file are root's to read. */
	if (lvs_need_root("--check", err))
		return -1;
	r = lvs_route_open(&rt);
	if (!r)
		r = lvs_route_read_host(rt, &h);
	if (r) {
		lvs_route_close(rt);
		return lvs_fail(err, LVS_EXIT_SYSTEM,
				"cannot read the interfaces and addresses: %s",
				strerror(-r));
	}
	if (check_director(ctx, &f, &h, err)) {
		lvs_route_close(rt);
		lvs_host_free(&h);
		return -1;
	}
	check_shared_subnets(&f, &h, rt);
	lvs_route_close(rt);
	collect_vips(&h, a, ctx->rundir, &vips);
	for (size_t i = 0; i < vips.n; i++)
		check_vip(&f, &h, &vips.vips[i]);
	if (vips.n)
		check_rp_filter(&f, &h);
	free(vips.vips);
	lvs_host_free(&h);
	if (f.problems)
		return lvs_fail(err, LVS_EXIT_PROBLEMS, "%s", "");
	return 0;
}
