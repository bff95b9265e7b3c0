// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * --check: the classic Direct Routing mistakes, on a director and on a
 * real server.  Each finding is one line: what is wrong and, where one
 * safe command fixes it, that command.  Notes ("info:") do not count as
 * problems.  When there is no problem, one line says what was checked.
 *
 * The live kernel state decides each VIP's role: an address of a service
 * in the local IPVS table is a director's VIP (it belongs on a network
 * interface, and answering ARP for it is right); any other VIP named, on
 * lo, or recorded by --add-vip is a real server's.  The state directory
 * is only a hint: several network namespaces of one host may share it.
 *
 * A fix never deletes a service or a real server, never changes a
 * forwarding method, a weight or a scheduler, and never removes a
 * director's VIP.  Run verbatim on the host it names, it clears its
 * finding.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/stat.h>
#include <linux/if_addr.h>

#include "check.h"
#include "finding.h"
#include "host.h"
#include "ipvs-proc.h"
#include "output.h"
#include "print.h"
#include "probe.h"
#include "route.h"
#include "sockdiag.h"
#include "state.h"
#include "sysctl.h"

/**
 * struct run - one --check
 * @a:		the VIPs named (none: everything on this host)
 * @root:	running as root (the state file, netlink IPVS, the probe)
 * @vrrp:	a VRRP manager (keepalived) runs in this network namespace
 * @seen:	VIPs already reported on, so that services sharing one VIP
 *		give one finding
 */
struct run {
	struct lvs_ctx *ctx;
	const struct lvs_vip_args *a;
	struct lvs_findings f;
	struct lvs_host h;
	struct lvs_table t;
	bool root, vrrp, no_state, from_proc;
	bool active, standby, conflict, dr, masq;
	size_t services, real_servers, vips;
	int probed;
	struct lvs_vip *seen;
	size_t n_seen, cap_seen;
	struct lvs_listener *ls;
	size_t n_ls;
	bool have_ls;
	bool oom; /* something to check was lost for want of memory */
};

static const struct lvs_ifaddr *bound(const struct lvs_host *h, int af,
				      const union lvs_addr *a)
{
	return lvs_host_find_addr(h, af, a, NULL);
}

static const char *text(int af, const union lvs_addr *a, char *buf)
{
	return inet_ntop(af, a, buf, INET6_ADDRSTRLEN);
}

/* Once per VIP: false when @af/@a was seen before. */
static bool first_time(struct run *r, int af, const union lvs_addr *a)
{
	for (size_t i = 0; i < r->n_seen; i++)
		if (r->seen[i].af == af &&
		    lvs_addr_equal(af, &r->seen[i].addr, a))
			return false;
	if (lvs_grow((void **)&r->seen, &r->cap_seen, r->n_seen + 1,
		     sizeof(*r->seen))) {
		r->seen[r->n_seen].af = (uint16_t)af;
		r->seen[r->n_seen++].addr = *a;
	} else {
		r->oom = true;
	}
	return true;
}

/* Is @a the address of a service in the IPVS table? */
static bool service_vip(const struct run *r, int af, const union lvs_addr *a)
{
	for (size_t i = 0; i < r->t.n_svcs; i++) {
		const struct lvs_service *s = &r->t.svcs[i].svc;

		if (!s->fwmark && s->af == af &&
		    lvs_addr_equal(af, &s->addr, a))
			return true;
	}
	return false;
}

/*
 * What may be a fwmark service's VIP: an address bound on a network
 * interface of a host with fwmark services of its family.
 */
static bool fwmark_vip(const struct run *r, int af, const union lvs_addr *a)
{
	const struct lvs_ifaddr *x;
	bool fwmark = false, nic = false;

	for (size_t i = 0; i < r->t.n_svcs; i++)
		fwmark |= r->t.svcs[i].svc.fwmark && r->t.svcs[i].svc.af == af;
	for (x = lvs_host_find_addr(&r->h, af, a, NULL); x && fwmark && !nic;
	     x = lvs_host_find_addr(&r->h, af, a, x))
		nic = !lvs_is_vip_on_lo(&r->h, x);
	return nic;
}

static bool named(const struct run *r, int af, const union lvs_addr *a)
{
	for (size_t i = 0; i < r->a->n; i++)
		if (r->a->vips[i].af == af &&
		    lvs_addr_equal(af, &r->a->vips[i].addr, a))
			return true;
	return false;
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

/*
 * Does a VRRP manager run in this network namespace?  keepalived is the
 * one LVS setups use.  A process in another network namespace (which a
 * user other than root cannot tell) does not count.
 */
static bool vrrp_runs(void)
{
	struct stat self, other;
	bool found = false;
	struct dirent *d;
	DIR *proc;

	if (stat("/proc/self/ns/net", &self))
		memset(&self, 0, sizeof(self));
	proc = opendir("/proc");
	if (!proc)
		return false;
	while (!found && (d = readdir(proc))) {
		char path[300], comm[32] = "";
		FILE *f;

		if (d->d_name[0] < '1' || d->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/comm", d->d_name);
		f = fopen(path, "re");
		if (!f)
			continue;
		if (!fgets(comm, sizeof(comm), f))
			comm[0] = '\0';
		fclose(f);
		comm[strcspn(comm, "\n")] = '\0';
		if (strcmp(comm, "keepalived"))
			continue;
		snprintf(path, sizeof(path), "/proc/%s/ns/net", d->d_name);
		found = stat(path, &other) || !self.st_ino ||
			(other.st_ino == self.st_ino &&
			 other.st_dev == self.st_dev);
	}
	closedir(proc);
	return found;
}

/*
 * The IPVS table: by netlink as root, else from /proc/net/ip_vs, which
 * any user may read.  No /proc/net/ip_vs: no IPVS here, and no module is
 * loaded just to look.
 */
static int read_table(struct run *r, struct lvs_err *err)
{
	int ret = 0;
	FILE *in;

	if (access("/proc/net/ip_vs", F_OK))
		return 0;
	if (r->root) {
		if (lvs_need_ipvs(r->ctx, err))
			return -1;
		ret = ipvs_get_services(r->ctx->ipvs, &r->t, true);
		for (size_t i = 0; !ret && i < r->t.n_svcs; i++)
			ret = ipvs_get_dests(r->ctx->ipvs, &r->t.svcs[i], true);
		if (ret != -EPERM && ret != -EACCES) {
			if (ret)
				return lvs_fail(
					err, LVS_EXIT_LIST, "%s",
					ipvs_strerror(IPVS_OP_GET_SERVICES,
						      -ret));
			lvs_table_sort(&r->t);
			return 0;
		}
		lvs_table_free(&r->t);
	}
	r->from_proc = true;
	in = fopen("/proc/net/ip_vs", "re");
	if (!in)
		return lvs_fail(err, LVS_EXIT_SYSTEM,
				"cannot read /proc/net/ip_vs: %s",
				strerror(errno));
	ret = lvs_proc_read_table(in, &r->t);
	fclose(in);
	if (ret)
		return lvs_fail(err, LVS_EXIT_SYSTEM,
				"cannot read /proc/net/ip_vs: %s",
				strerror(-ret));
	lvs_table_sort(&r->t);
	return 0;
}

/* The director's view of one service and its real servers. */
static void check_service(struct run *r, const struct lvs_service_entry *e)
{
	const struct lvs_service *s = &e->svc;
	const struct lvs_host *h = &r->h;
	const struct lvs_ifaddr *x, *on_lo = NULL, *on_nic = NULL;
	char name[160], rule[128], a[INET6_ADDRSTRLEN], d_a[INET6_ADDRSTRLEN];
	char fix[320];

	lvs_service_name(s, LVS_FMT_NUMERIC | LVS_FMT_RULE, rule, sizeof(rule));
	snprintf(name, sizeof(name), "service %s", rule);
	r->services++;
	for (size_t i = 0; i < e->n_dests; i++) {
		const struct lvs_dest *d = &e->dests[i].dest;

		r->real_servers++;
		r->masq |= d->fwd == IP_VS_CONN_F_MASQ;
		if (d->fwd != IP_VS_CONN_F_DROUTE)
			continue;
		r->dr = true;
		text(d->af, &d->addr, d_a);
		if (!s->fwmark && s->port && d->port != s->port)
			lvs_finding_add(
				&r->f, true,
				s->fwmark ? NULL : text(s->af, &s->addr, a),
				d_a, NULL, NULL,
				"%s: DR real server %s has port %u, but Direct Routing cannot change the port: it receives the packets for port %u; options: make the real server listen on port %u, or use masquerading (NAT) for a port translation",
				name, d_a, d->port, s->port, s->port);
		if (!lvs_host_connected(h, d->af, &d->addr))
			lvs_finding_add(
				&r->f, true,
				s->fwmark ? NULL : text(s->af, &s->addr, a),
				d_a, NULL, NULL,
				"%s: DR real server %s is not on a directly connected network; the director and its DR real servers must share one L2 segment; options: move the real server (or give this director an address) onto one segment, or set it up as a tunnel real server, which is a different forwarding method",
				name, d_a);
	}
	if (s->fwmark) {
		r->active = true;
		return;
	}
	text(s->af, &s->addr, a);
	for (x = bound(h, s->af, &s->addr); x;
	     x = lvs_host_find_addr(h, s->af, &s->addr, x)) {
		if (lvs_is_vip_on_lo(h, x))
			on_lo = x;
		else
			on_nic = x;
	}
	if (!first_time(r, s->af, &s->addr)) {
		/* Counted as the first service on this VIP was. */
	} else if (on_lo) {
		r->conflict = true;
		lvs_finding_add(
			&r->f, true, a, NULL, NULL, NULL,
			"VIP %s is both the address of %s in this host's IPVS table (a director's VIP, which belongs on a network interface) and bound on lo (where a real server holds it, hidden from ARP); decide the role of this host: as its director, bind it on a network interface and remove it from lo (lvsadm --delete-vip %s), as a real server of another director, delete the service here",
			a, name, a);
	} else if (on_nic && s->af == AF_INET6 &&
		   (on_nic->flags & (IFA_F_DADFAILED | IFA_F_TENTATIVE))) {
		r->active = true;
		lvs_finding_add(
			&r->f, true, a, NULL, NULL, NULL,
			"VIP %s on %s is %s: duplicate address detection %s, so this director does not receive its traffic; find the other host that holds it",
			a, lvs_host_ifname(h, on_nic->ifindex),
			on_nic->flags & IFA_F_DADFAILED ? "dadfailed" :
							  "tentative",
			on_nic->flags & IFA_F_DADFAILED ?
				"found another host with it" :
				"has not finished");
	} else if (on_nic) {
		r->active = true;
	} else if (r->vrrp) {
		r->standby = true;
		lvs_finding_add(
			&r->f, false, a, NULL, NULL, NULL,
			"%s: the VIP %s is not on this host: a standby director, as keepalived runs here; the VIP arrives on failover",
			name, a);
	} else {
		r->standby = true;
		snprintf(fix, sizeof(fix), "ip addr add %s/%d dev %s", a,
			 lvs_full_prefix(s->af), vip_home(h, s->af, &s->addr));
		lvs_finding_add(
			&r->f, true, a, NULL, NULL, fix,
			"%s: the VIP %s is not an address of this host, and no VRRP manager (keepalived) runs here to bring it; bind it only if no other director holds it: two directors must never hold one VIP at once",
			name, a);
	}
}

static void check_director(struct run *r)
{
	int fwd;

	for (size_t i = 0; i < r->t.n_svcs; i++) {
		const struct lvs_service *s = &r->t.svcs[i].svc;

		if (r->a->n && !s->fwmark && !named(r, s->af, &s->addr))
			continue;
		if (r->a->n && s->fwmark) {
			bool mine = false;

			for (size_t k = 0; k < r->a->n && !mine; k++)
				mine = r->a->vips[k].af == s->af &&
				       fwmark_vip(r, s->af,
						  &r->a->vips[k].addr);
			if (!mine)
				continue;
		}
		check_service(r, &r->t.svcs[i]);
	}
	if (r->dr && !r->masq && !lvs_ip_forward(&fwd) && fwd)
		lvs_finding_add(
			&r->f, false, NULL, NULL, NULL,
			"sysctl -w net.ipv4.ip_forward=0",
			"net.ipv4.ip_forward is 1, which Direct Routing does not need (only NAT does)");
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
static void check_arp_filter(struct lvs_findings *f, const struct lvs_host *h,
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
		lvs_finding_add(
			f, true, NULL, NULL, NULL, fix,
			"%s on %s gets no ARP reply: arp_filter is on, and the route from it to %s/%u leaves through %s (arp_filter needs source routing)",
			a, ifn, net, y->prefixlen, lvs_host_ifname(h, oif));
	}
}

/* The seed's eth0/eth3/eth4: several interfaces in one IPv4 subnet. */
static void check_shared_subnets(struct lvs_findings *f,
				 const struct lvs_host *h, struct lvs_route *rt)
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
		lvs_finding_add(
			f, true, NULL, NULL, NULL, "lvsadm --arp-strict on",
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

/*
 * The sysctl command that hides addresses of lo from ARP on every
 * interface: conf/all's arp_ignore to 1 and arp_announce to 2 where they
 * are not so already, and an interface's own arp_ignore where its value
 * (3 to 7) would still win over all's 1.
 */
static void arp_fix(const struct lvs_host *h, char *fix, size_t len)
{
	int ign = 0, ann = 0, v;
	size_t n;

	n = (size_t)snprintf(fix, len, "sysctl -w");
	if (lvs_conf_get("all", LVS_ARP_IGNORE, &ign) || ign != 1)
		n += (size_t)snprintf(fix + n, len - n,
				      " net.ipv4.conf.all.arp_ignore=1");
	if (lvs_conf_get("all", LVS_ARP_ANNOUNCE, &ann) || ann != 2)
		n += (size_t)snprintf(fix + n, len - n,
				      " net.ipv4.conf.all.arp_announce=2");
	for (size_t i = 0; i < h->n_links && n < len; i++) {
		const struct lvs_link *l = &h->links[i];

		if ((l->flags & IFF_LOOPBACK) || !lvs_ifname_valid(l->name) ||
		    lvs_conf_get(l->name, LVS_ARP_IGNORE, &v) || v <= 2 ||
		    v == 8)
			continue;
		n += (size_t)snprintf(fix + n, len - n,
				      " net.ipv4.conf.%s.arp_ignore=1",
				      l->name);
	}
	if (n >= len)
		fix[len - 1] = '\0';
}

static bool is_any(int af, const union lvs_addr *a)
{
	static const union lvs_addr zero;

	return lvs_addr_equal(af, a, &zero);
}

/* Does a TCP socket take VIP @v on @port (on it, or on a wildcard)? */
static bool takes(const struct run *r, const struct lvs_vip *v, uint16_t port)
{
	for (size_t i = 0; i < r->n_ls; i++) {
		const struct lvs_listener *l = &r->ls[i];

		if (l->port != port)
			continue;
		if (l->af == v->af &&
		    (is_any(v->af, &l->addr) ||
		     lvs_addr_equal(v->af, &l->addr, &v->addr)))
			return true;
		/* [::] takes IPv4 too, unless IPV6_V6ONLY. */
		if (v->af == AF_INET && l->af == AF_INET6 && !l->v6only &&
		    is_any(AF_INET6, &l->addr))
			return true;
	}
	return false;
}

/*
 * What listens for a real server's VIP: a port served on another address
 * only (the real server's own, say) refuses DR traffic for VIP:port;
 * nothing on the VIP or a wildcard at all is worth a note.
 */
static void check_listeners(struct run *r, const struct lvs_vip *v)
{
	char a[INET6_ADDRSTRLEN], other[INET6_ADDRSTRLEN];
	bool any = false;

	if (!r->have_ls)
		return;
	text(v->af, &v->addr, a);
	for (size_t i = 0; i < r->n_ls; i++) {
		const struct lvs_listener *l = &r->ls[i];
		bool first = true;

		any |= takes(r, v, l->port);
		if (l->af != v->af || is_any(l->af, &l->addr) ||
		    takes(r, v, l->port) ||
		    (l->af == AF_INET &&
		     (ntohl(l->addr.v4.s_addr) >> 24) == 127) ||
		    (l->af == AF_INET6 && IN6_IS_ADDR_LOOPBACK(&l->addr.v6)))
			continue;
		for (size_t j = 0; j < i && first; j++)
			first = r->ls[j].port != l->port ||
				r->ls[j].af != l->af;
		if (!first)
			continue;
		lvs_finding_add(
			&r->f, true, a, NULL, NULL, NULL,
			"VIP %s: TCP port %u is listened on %s only, not on the VIP or the wildcard address: Direct Routing traffic for %s:%u is refused; options: make the server listen on the VIP too, or on the wildcard address",
			a, l->port, text(l->af, &l->addr, other), a, l->port);
	}
	if (!any)
		lvs_finding_add(
			&r->f, false, a, NULL, NULL, NULL,
			"nothing listens on VIP %s or on the wildcard address (TCP)",
			a);
}

/* A real server's VIP: on lo as /32 (/128), alone, hidden from ARP. */
static void check_vip(struct run *r, const struct lvs_vip *v)
{
	const struct lvs_host *h = &r->h;
	const struct lvs_ifaddr *x, *lo = NULL, *nic = NULL;
	char a[INET6_ADDRSTRLEN], fix[384];
	const char *on, *nicname;

	text(v->af, &v->addr, a);
	for (x = bound(h, v->af, &v->addr); x;
	     x = lvs_host_find_addr(h, v->af, &v->addr, x)) {
		if (lvs_is_vip_on_lo(h, x))
			lo = x;
		else if (!nic)
			nic = x;
	}
	if (!lo && !nic) {
		snprintf(fix, sizeof(fix), "lvsadm --add-vip %s", a);
		lvs_finding_add(&r->f, true, a, NULL, NULL, fix,
				"VIP %s is not bound on lo", a);
		return;
	}
	nicname = nic ? lvs_host_ifname(h, nic->ifindex) : NULL;
	if (!lo && r->t.n_svcs) {
		/* A director's address (of a fwmark service, say): leave it. */
		lvs_finding_add(
			&r->f, false, a, NULL, NULL, NULL,
			"VIP %s is bound on %s of this director, and no service of its IPVS table has it as address: not checked as a real server's VIP",
			a, nicname);
		return;
	}
	/* Off the network interface, and onto lo if it is not there. */
	if (nic)
		snprintf(fix, sizeof(fix), "ip addr del %s/%u dev %s%s%s", a,
			 nic->prefixlen, nicname,
			 lo ? "" : " && lvsadm --add-vip ", lo ? "" : a);
	if (!lo) {
		lvs_finding_add(
			&r->f, true, a, NULL, NULL, fix,
			"VIP %s is bound on %s, not on lo, so this host %s", a,
			nicname,
			v->af == AF_INET ?
				"answers ARP for it" :
			nic->flags & IFA_F_DADFAILED ?
				"answers neighbour solicitations for it, and another host holds it too (duplicate address detection failed)" :
				"answers neighbour solicitations for it");
		return;
	}
	if (nic)
		lvs_finding_add(
			&r->f, true, a, NULL, NULL, fix,
			"VIP %s is bound on lo and also on %s, %s", a, nicname,
			v->af == AF_INET6 ?
				"where it fails duplicate address detection or answers neighbour solicitations" :
				"where this host answers ARP for it");
	if (lo->prefixlen != lvs_full_prefix(v->af)) {
		snprintf(fix, sizeof(fix),
			 "ip addr del %s/%u dev lo && lvsadm --add-vip %s", a,
			 lo->prefixlen, a);
		lvs_finding_add(
			&r->f, true, a, NULL, NULL, fix,
			"VIP %s is on lo as /%u, which makes its whole network local to this host; a VIP must be /%d",
			a, lo->prefixlen, lvs_full_prefix(v->af));
	}
	check_listeners(r, v);
	if (v->af != AF_INET || !(on = lvs_arp_exposed_on(h, lo)))
		return;
	arp_fix(h, fix, sizeof(fix));
	if (lo_only_arp())
		lvs_finding_add(
			&r->f, true, a, NULL, NULL, fix,
			"the ARP sysctls are set on lo only, where they have no effect: VIP %s is still answered and announced on %s",
			a, on);
	else
		lvs_finding_add(&r->f, true, a, NULL, NULL, fix,
				"VIP %s is answered or announced in ARP on %s",
				a, on);
}

/* Strict reverse-path filtering on a host with several interfaces. */
static void check_rp_filter(struct lvs_findings *f, const struct lvs_host *h)
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
		lvs_finding_add(
			f, true, NULL, NULL, NULL,
			"sysctl -w net.ipv4.conf.all.rp_filter=2",
			"rp_filter is strict (1) on %s of a host with several interfaces: packets that arrive on one interface but would be routed out of another are dropped",
			names);
}

/* Add @a to @out once; false when out of memory. */
static bool add_vip(struct lvs_vip_args *out, size_t *cap, int af,
		    const union lvs_addr *a)
{
	for (size_t j = 0; j < out->n; j++)
		if (out->vips[j].af == af &&
		    lvs_addr_equal(af, &out->vips[j].addr, a))
			return true;
	if (!lvs_grow((void **)&out->vips, cap, out->n + 1, sizeof(*out->vips)))
		return false;
	out->vips[out->n].af = (uint16_t)af;
	out->vips[out->n++].addr = *a;
	return true;
}

/*
 * The real server's VIPs to check: those named that are no service's
 * address here; else those on lo, and those lvsadm bound that are no
 * longer anywhere (on a host without services only: a state directory
 * can be shared with other namespaces).
 */
static void collect_vips(struct run *r, struct lvs_vip_args *out)
{
	const struct lvs_host *h = &r->h;
	struct lvs_err ignored;
	struct lvs_state st;
	size_t cap = 0;

	for (size_t i = 0; i < r->a->n; i++)
		if (!service_vip(r, r->a->vips[i].af, &r->a->vips[i].addr) &&
		    !fwmark_vip(r, r->a->vips[i].af, &r->a->vips[i].addr))
			r->oom |= !add_vip(out, &cap, r->a->vips[i].af,
					   &r->a->vips[i].addr);
	if (r->a->n)
		return;
	for (size_t i = 0; i < h->n_addrs; i++) {
		const struct lvs_ifaddr *x = &h->addrs[i];

		if (lvs_is_vip_on_lo(h, x) && !service_vip(r, x->af, &x->addr))
			r->oom |= !add_vip(out, &cap, x->af, &x->addr);
	}
	if (!r->root) {
		r->no_state = true;
		return;
	}
	if (r->t.n_svcs || lvs_state_peek(&st, r->ctx->rundir, &ignored))
		return;
	for (size_t i = 0; i < st.n_vips; i++) {
		const struct lvs_vip *v = &st.vips[i].vip;

		if (!bound(h, v->af, &v->addr))
			r->oom |= !add_vip(out, &cap, v->af, &v->addr);
	}
	lvs_state_close(&st);
}

int lvs_warn_arp_filter(FILE *out)
{
	struct lvs_findings f = { 0 };
	struct lvs_route *rt = NULL;
	struct lvs_host h = { 0 };
	int n;

	if (lvs_route_open(&rt) || lvs_route_read_host(rt, &h)) {
		lvs_route_close(rt);
		return 0;
	}
	check_shared_subnets(&f, &h, rt);
	lvs_route_close(rt);
	lvs_host_free(&h);
	lvs_findings_print(out, &f, "warning");
	n = f.problems;
	lvs_findings_free(&f);
	return n;
}

static const char *plural(size_t n, const char *one, const char *more)
{
	return n == 1 ? one : more;
}

/* "director: 1 service, 4 real servers; real server: 1 VIP" */
static void summary(const struct run *r, struct lvs_check_summary *s)
{
	size_t n = 0, len = sizeof(s->text);

	s->text[0] = '\0';
	s->n_roles = 0;
	if (r->services) {
		s->roles[s->n_roles++] = r->active || r->conflict ?
						 "director" :
						 "standby director";
		n += (size_t)snprintf(
			s->text + n, len - n, "%s: %zu %s, %zu %s", s->roles[0],
			r->services, plural(r->services, "service", "services"),
			r->real_servers,
			plural(r->real_servers, "real server", "real servers"));
	}
	if (r->vips && n < len) {
		s->roles[s->n_roles++] = "real server";
		n += (size_t)snprintf(s->text + n, len - n,
				      "%sreal server: %zu %s", n ? "; " : "",
				      r->vips, plural(r->vips, "VIP", "VIPs"));
	}
	if (n < len && s->n_roles)
		n += (size_t)snprintf(s->text + n, len - n, " checked");
	if (r->probed > 0 && n < len)
		n += (size_t)snprintf(
			s->text + n, len - n, " (%d %s on the wire)", r->probed,
			r->probed == 1 ? "path probed" : "paths probed");
	s->services = r->services;
	s->real_servers = r->real_servers;
	s->vips = r->vips;
}

int lvs_check(struct lvs_ctx *ctx, const struct lvs_vip_args *a,
	      unsigned int format, struct lvs_err *err)
{
	struct run r = { .ctx = ctx, .a = a, .root = geteuid() == 0 };
	struct lvs_vip_args vips = { 0 };
	struct lvs_check_summary sum;
	struct lvs_route *rt = NULL;
	int ret;

	if (a->probe && !r.root)
		return lvs_fail(
			err, LVS_EXIT_SYSTEM,
			"--probe: Permission denied (you must be root: it sends and captures raw frames)");
	ret = lvs_route_open(&rt);
	if (!ret)
		ret = lvs_route_read_host(rt, &r.h);
	if (ret) {
		lvs_route_close(rt);
		return lvs_fail(err, LVS_EXIT_SYSTEM,
				"cannot read the interfaces and addresses: %s",
				strerror(-ret));
	}
	ret = read_table(&r, err);
	if (!ret && a->probe)
		ret = lvs_probe_check_args(&r.h, &r.t, a, err);
	if (ret) {
		lvs_route_close(rt);
		lvs_host_free(&r.h);
		lvs_table_free(&r.t);
		return -1;
	}
	r.vrrp = vrrp_runs();
	check_director(&r);
	check_shared_subnets(&r.f, &r.h, rt);
	lvs_route_close(rt);
	collect_vips(&r, &vips);
	r.have_ls = vips.n && !lvs_tcp_listeners(&r.ls, &r.n_ls);
	for (size_t i = 0; i < vips.n; i++)
		check_vip(&r, &vips.vips[i]);
	r.vips = vips.n;
	if (vips.n)
		check_rp_filter(&r.f, &r.h);
	if (a->probe) {
		r.probed = lvs_probe(&r.h, &r.t, a, &r.f, err);
		if (r.probed < 0)
			goto out;
	}
	if (r.no_state)
		lvs_finding_add(
			&r.f, false, NULL, NULL, NULL, NULL,
			"not running as root: lvsadm's record of the VIPs it bound (its state directory) was not read%s",
			r.from_proc ?
				", and the IPVS table was read from /proc/net/ip_vs (which does not show tunnel settings)" :
				"");
	else if (r.from_proc)
		lvs_finding_add(
			&r.f, false, NULL, NULL, NULL, NULL,
			"without the privilege to read IPVS by netlink, the table was read from /proc/net/ip_vs (which does not show tunnel settings)");
	/* A verdict on part of the host would mislead: none at all. */
	if (r.oom || r.f.oom) {
		ret = lvs_fail(err, LVS_EXIT_SYSTEM, "out of memory");
		goto done;
	}
	summary(&r, &sum);
	lvs_writer(format)->check(ctx->out, &sum, &r.f);
	if (r.f.problems)
		lvs_reported(err, LVS_EXIT_PROBLEMS);
out:
	ret = r.f.problems || r.probed < 0 ? -1 : 0;
done:
	free(vips.vips);
	free(r.seen);
	free(r.ls);
	lvs_findings_free(&r.f);
	lvs_table_free(&r.t);
	lvs_host_free(&r.h);
	return ret;
}
