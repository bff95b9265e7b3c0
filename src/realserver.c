// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The real-server role.
 *
 * Every change follows the same order: check all input and the host
 * first, so that a bad address or a conflict changes nothing; then bind
 * or unbind addresses; then the sysctls; then the state file.  A failure
 * part-way undoes what this run did.
 *
 * The ARP sysctls are written on conf/all, because the value in force on
 * an interface is the larger of "all" and its own, and arp_ignore is
 * judged on the interface that receives the request: setting it on lo
 * alone does nothing.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "check.h"
#include "host.h"
#include "output.h"
#include "realserver.h"
#include "route.h"
#include "state.h"
#include "sysctl.h"

static int open_host(struct lvs_route **rt, struct lvs_host *h,
		     struct lvs_err *err)
{
	int r = lvs_route_open(rt);

	if (!r)
		r = lvs_route_read_host(*rt, h);
	if (r) {
		lvs_route_close(*rt);
		*rt = NULL;
		return lvs_fail(err, LVS_EXIT_SYSTEM,
				"cannot read the interfaces and addresses: %s",
				strerror(-r));
	}
	return 0;
}

static const char *addr_text(int af, const union lvs_addr *a, char *buf,
			     size_t len)
{
	return inet_ntop(af, a, buf, (socklen_t)len);
}

/* A VIP that could not be bound (@bind) or removed, and why (@errnum). */
static int addr_failed(struct lvs_err *err, bool bind, int af,
		       const union lvs_addr *a, const char *ifname, int errnum)
{
	char text[INET6_ADDRSTRLEN];

	return lvs_fail(err, LVS_EXIT_SYSTEM,
			bind ? "cannot bind %s on %s: %s" :
			       "cannot remove %s from %s: %s",
			addr_text(af, a, text, sizeof(text)), ifname,
			strerror(errnum));
}

/*
 * Without CAP_NET_ADMIN the kernel refuses every change of address:
 * refused before the state changes, naming @vip, the first VIP to bind
 * (@bind) or remove (NULL: none).
 */
static int need_net_admin(const struct lvs_vip *vip, bool bind,
			  const char *ifname, struct lvs_err *err)
{
	if (!vip || lvs_can_net_admin())
		return 0;
	return addr_failed(err, bind, vip->af, &vip->addr, ifname, EPERM);
}

static const struct lvs_ifaddr *find_vip(const struct lvs_host *h,
					 const struct lvs_vip *vip)
{
	return lvs_host_find_addr(h, vip->af, &vip->addr, NULL);
}

/* Sysctl writes of this run, for undoing them on a later failure. */
struct undo {
	enum lvs_arp_key key[LVS_NUM_ARP_KEYS];
	int old[LVS_NUM_ARP_KEYS];
	int n;
};

static void undo_sysctls(struct undo *u)
{
	while (u->n > 0) {
		u->n--;
		lvs_conf_set("all", u->key[u->n], u->old[u->n]);
	}
}

/*
 * Record the value of conf/all @key as the one to put back, unless the
 * state holds one already (then it is the administrator's, from before
 * lvsadm's first change, and the current one may be lvsadm's own).
 * @newly says whether it was recorded now.
 */
static int record_saved(struct lvs_state *st, enum lvs_arp_key key, bool *newly,
			struct lvs_err *err)
{
	int cur, r;

	*newly = false;
	if (st->has_saved[key])
		return 0;
	r = lvs_conf_get("all", key, &cur);
	if (r)
		return lvs_fail(err, LVS_EXIT_SYSTEM,
				"cannot read net.ipv4.conf.all.%s: %s",
				lvs_arp_key_names[key], strerror(-r));
	st->saved[key] = cur;
	st->has_saved[key] = true;
	*newly = true;
	return 0;
}

/* Forget the values record_saved() recorded in this run. */
static void forget_saved(struct lvs_state *st, const bool *newly)
{
	for (int k = 0; k < LVS_NUM_ARP_KEYS; k++)
		if (newly[k])
			st->has_saved[k] = false;
}

/*
 * Make conf/all @key strict; its value to put back was recorded (and
 * saved) before.  A value that is already strict is left alone.
 */
static int make_strict(enum lvs_arp_key key, struct undo *u,
		       struct lvs_err *err)
{
	int cur, want, r;
	bool strict;

	r = lvs_conf_get("all", key, &cur);
	if (r)
		return lvs_fail(err, LVS_EXIT_SYSTEM,
				"cannot read net.ipv4.conf.all.%s: %s",
				lvs_arp_key_names[key], strerror(-r));
	switch (key) {
	case LVS_ARP_IGNORE:
		strict = lvs_arp_ignores(cur);
		want = 1;
		break;
	case LVS_ARP_ANNOUNCE:
		strict = cur == 2;
		want = 2;
		break;
	default:
		strict = cur != 0;
		want = 1;
		break;
	}
	if (strict)
		return 0;
	r = lvs_conf_set("all", key, want);
	if (r)
		return lvs_fail(err, LVS_EXIT_SYSTEM,
				"cannot write net.ipv4.conf.all.%s: %s",
				lvs_arp_key_names[key], strerror(-r));
	u->key[u->n] = key;
	u->old[u->n++] = cur;
	return 0;
}

/* Put back the recorded value of conf/all @key, and forget it. */
static int restore_saved(struct lvs_state *st, enum lvs_arp_key key,
			 struct lvs_err *err)
{
	int r;

	if (!st->has_saved[key])
		return 0;
	r = lvs_conf_set("all", key, st->saved[key]);
	if (r)
		return lvs_fail(err, LVS_EXIT_SYSTEM,
				"cannot restore net.ipv4.conf.all.%s to %d: %s",
				lvs_arp_key_names[key], st->saved[key],
				strerror(-r));
	st->has_saved[key] = false;
	return 0;
}

/* "lo:N" with the first N no address of @ifindex uses; "" if none fits. */
static void free_label(const struct lvs_host *h, int ifindex,
		       const char *ifname, const struct lvs_ifaddr *added,
		       size_t n_added, char *label)
{
	for (int n = 0; n < 10000; n++) {
		bool used = false;

		if (snprintf(label, IFNAMSIZ, "%s:%d", ifname, n) >= IFNAMSIZ)
			break;
		for (size_t i = 0; i < h->n_addrs && !used; i++)
			used = h->addrs[i].ifindex == ifindex &&
			       !strcmp(h->addrs[i].label, label);
		for (size_t i = 0; i < n_added && !used; i++)
			used = !strcmp(added[i].label, label);
		if (!used)
			return;
	}
	label[0] = '\0';
}

static int find_link(const struct lvs_host *h, const char *name,
		     const struct lvs_link **link, struct lvs_err *err)
{
	*link = lvs_host_link_by_name(h, name);
	if (!*link)
		return lvs_fail(err, LVS_EXIT_CONFLICT,
				"there is no interface %s on this host", name);
	return 0;
}

/* Is @vip already where --add-vip would put it?  Fails on a conflict. */
static int check_binding(const struct lvs_host *h, const struct lvs_link *link,
			 const struct lvs_vip *vip, bool *bound,
			 struct lvs_err *err)
{
	const struct lvs_ifaddr *x = find_vip(h, vip);
	char a[INET6_ADDRSTRLEN];
	int full = lvs_full_prefix(vip->af);

	*bound = false;
	if (!x)
		return 0;
	addr_text(vip->af, &vip->addr, a, sizeof(a));
	if (x->ifindex == link->ifindex && x->prefixlen == full) {
		*bound = true;
		return 0;
	}
	if (x->ifindex == link->ifindex)
		return lvs_fail(
			err, LVS_EXIT_CONFLICT,
			"VIP %s is already on %s as %s/%u, not /%d; remove it first: ip addr del %s/%u dev %s",
			a, link->name, a, x->prefixlen, full, a, x->prefixlen,
			link->name);
	return lvs_fail(
		err, LVS_EXIT_CONFLICT,
		"VIP %s is already bound on %s as %s/%u, not on %s; remove it first: ip addr del %s/%u dev %s",
		a, lvs_host_ifname(h, x->ifindex), a, x->prefixlen, link->name,
		a, x->prefixlen, lvs_host_ifname(h, x->ifindex));
}

static void unbind_all(struct lvs_route *rt, const struct lvs_ifaddr *x,
		       size_t n)
{
	while (n--)
		lvs_route_del_addr(rt, x[n].ifindex, &x[n]);
}

int lvs_rs_add_vips(struct lvs_ctx *ctx, const struct lvs_vip_args *a,
		    struct lvs_err *err)
{
	struct lvs_route *rt = NULL;
	struct lvs_host h = { 0 };
	struct lvs_state st;
	struct undo u = { 0 };
	const struct lvs_link *link;
	struct lvs_ifaddr *added;
	size_t n_added = 0;
	bool *bound, *recorded, newly[LVS_NUM_ARP_KEYS] = { false };
	const struct lvs_vip *first = NULL; /* the first VIP to bind */
	bool v4 = false;
	int r = -1;

	if (lvs_need_root("--add-vip", err) ||
	    lvs_state_open(&st, ctx->rundir, err))
		return -1;
	added = calloc(a->n ? a->n : 1, sizeof(*added));
	bound = calloc(a->n ? a->n : 1, sizeof(*bound));
	recorded = calloc(a->n ? a->n : 1, sizeof(*recorded));
	if (!added || !bound || !recorded) {
		r = lvs_fail(err, LVS_EXIT_SYSTEM, "out of memory");
		goto out;
	}
	if (open_host(&rt, &h, err) || find_link(&h, a->ifname, &link, err))
		goto out;
	for (size_t i = 0; i < a->n; i++) {
		if (check_binding(&h, link, &a->vips[i], &bound[i], err))
			goto out;
		if (!bound[i] && !first)
			first = &a->vips[i];
	}
	if (need_net_admin(first, true, link->name, err))
		goto out;
	/*
	 * On disk before the first change: the VIPs this run binds are
	 * lvsadm's, and the ARP values it replaces are the administrator's.
	 */
	for (size_t i = 0; i < a->n; i++) {
		struct lvs_state_vip *e = lvs_state_find_vip(&st, &a->vips[i]);

		v4 |= a->vips[i].af == AF_INET;
		if (e) {
			e->deleting = false;
			continue;
		}
		if (bound[i])
			continue;
		if (!lvs_state_add_vip(&st, &a->vips[i], link->name)) {
			r = lvs_fail(err, LVS_EXIT_SYSTEM, "out of memory");
			goto forget;
		}
		recorded[i] = true;
	}
	if (v4 &&
	    (record_saved(&st, LVS_ARP_IGNORE, &newly[LVS_ARP_IGNORE], err) ||
	     record_saved(&st, LVS_ARP_ANNOUNCE, &newly[LVS_ARP_ANNOUNCE],
			  err)))
		goto forget;
	if (lvs_state_save(&st, err))
		goto forget;

	for (size_t i = 0; i < a->n; i++) {
		struct lvs_ifaddr *x = &added[n_added];

		if (bound[i])
			continue;
		x->ifindex = link->ifindex;
		x->af = a->vips[i].af;
		x->addr = a->vips[i].addr;
		x->prefixlen = (uint8_t)lvs_full_prefix(x->af);
		if (x->af == AF_INET)
			free_label(&h, link->ifindex, link->name, added,
				   n_added, x->label);
		r = lvs_route_add_addr(rt, link->ifindex, x);
		if (r) {
			r = addr_failed(err, true, x->af, &x->addr, link->name,
					-r);
			goto undo;
		}
		n_added++;
	}
	r = 0;
	if (v4 && (make_strict(LVS_ARP_IGNORE, &u, err) ||
		   make_strict(LVS_ARP_ANNOUNCE, &u, err)))
		r = -1;
undo:
	if (r) {
		undo_sysctls(&u);
		unbind_all(rt, added, n_added);
	}
forget:
	if (r) {
		/* Back to the state from before this run. */
		for (size_t i = 0; i < a->n; i++)
			if (recorded[i])
				lvs_state_del_vip(&st, &a->vips[i]);
		forget_saved(&st, newly);
		lvs_state_save(&st, &(struct lvs_err){ 0 });
	}
out:
	free(recorded);
	free(bound);
	free(added);
	lvs_host_free(&h);
	lvs_route_close(rt);
	lvs_state_close(&st);
	return r;
}

int lvs_rs_delete_vips(struct lvs_ctx *ctx, const struct lvs_vip_args *a,
		       struct lvs_err *err)
{
	struct lvs_route *rt = NULL;
	struct lvs_host h = { 0 };
	struct lvs_state st;
	const struct lvs_link *link;
	const struct lvs_ifaddr **found;
	const struct lvs_vip *first = NULL; /* the first VIP to remove */
	bool *recorded = NULL;
	char stale[INET6_ADDRSTRLEN] = "";
	size_t done = 0;
	int r = -1;

	if (lvs_need_root("--delete-vip", err) ||
	    lvs_state_open(&st, ctx->rundir, err))
		return -1;
	found = calloc(a->n ? a->n : 1, sizeof(*found));
	recorded = calloc(a->n ? a->n : 1, sizeof(*recorded));
	if (!found || !recorded) {
		r = lvs_fail(err, LVS_EXIT_SYSTEM, "out of memory");
		goto out;
	}
	if (open_host(&rt, &h, err) || find_link(&h, a->ifname, &link, err))
		goto out;
	for (size_t i = 0; i < a->n; i++) {
		struct lvs_state_vip *e = lvs_state_find_vip(&st, &a->vips[i]);
		char text[INET6_ADDRSTRLEN];

		found[i] = find_vip(&h, &a->vips[i]);
		if (found[i] && found[i]->ifindex == link->ifindex) {
			if (!first)
				first = &a->vips[i];
			continue;
		}
		found[i] = NULL;
		/* A run killed half-way removed it: finish that run. */
		if (e && e->deleting)
			continue;
		addr_text(a->vips[i].af, &a->vips[i].addr, text, sizeof(text));
		/*
		 * One lvsadm bound but someone else removed: forget it, so
		 * that the sysctls can come back, but still say so.
		 */
		if (e) {
			snprintf(stale, sizeof(stale), "%s", text);
			continue;
		}
		lvs_fail(err, LVS_EXIT_CONFLICT, "VIP %s is not bound on %s",
			 text, link->name);
		goto out;
	}
	if (need_net_admin(first, false, link->name, err))
		goto out;
	/* On disk before the first address goes: which ones are going. */
	for (size_t i = 0; i < a->n; i++) {
		struct lvs_state_vip *e = lvs_state_find_vip(&st, &a->vips[i]);

		if (!found[i])
			continue;
		if (!e) {
			e = lvs_state_add_vip(&st, &a->vips[i], link->name);
			if (!e) {
				r = lvs_fail(err, LVS_EXIT_SYSTEM,
					     "out of memory");
				goto forget;
			}
			recorded[i] = true;
		}
		e->deleting = true;
	}
	if (lvs_state_save(&st, err))
		goto forget;
	for (; done < a->n; done++) {
		if (!found[done])
			continue;
		r = lvs_route_del_addr(rt, link->ifindex, found[done]);
		if (r) {
			r = addr_failed(err, false, found[done]->af,
					&found[done]->addr, link->name, -r);
			while (done--)
				if (found[done])
					lvs_route_add_addr(rt, link->ifindex,
							   found[done]);
			goto forget;
		}
	}
	for (size_t i = 0; i < a->n; i++)
		lvs_state_del_vip(&st, &a->vips[i]);
	/* The last IPv4 VIP lvsadm bound is gone: put the sysctls back. */
	r = 0;
	if (!lvs_state_has_ipv4_vip(&st) && !st.arp_strict &&
	    (restore_saved(&st, LVS_ARP_IGNORE, err) ||
	     restore_saved(&st, LVS_ARP_ANNOUNCE, err)))
		r = -1;
	if (lvs_state_save(&st, err))
		r = -1;
	if (!r && stale[0])
		r = lvs_fail(
			err, LVS_EXIT_CONFLICT,
			"VIP %s is not bound on %s: it was removed by other means; lvsadm has forgotten it%s",
			stale, link->name,
			lvs_state_has_ipv4_vip(&st) || st.arp_strict ?
				"" :
				" and put the ARP sysctls back");
	goto out;
forget:
	/* Nothing was removed: back to the state from before this run. */
	for (size_t i = 0; i < a->n; i++) {
		struct lvs_state_vip *e = lvs_state_find_vip(&st, &a->vips[i]);

		if (recorded[i])
			lvs_state_del_vip(&st, &a->vips[i]);
		else if (e && found[i])
			e->deleting = false;
	}
	lvs_state_save(&st, &(struct lvs_err){ 0 });
out:
	free(recorded);
	free(found);
	lvs_host_free(&h);
	lvs_route_close(rt);
	lvs_state_close(&st);
	return r;
}

/* Add a VIP row to @r; false when out of memory. */
static bool add_row(struct lvs_vip_report *r, size_t *cap,
		    const struct lvs_host *h, const struct lvs_ifaddr *x,
		    const char *ifname, const char *origin)
{
	struct lvs_vip_row *row;

	if (!lvs_grow((void **)&r->rows, cap, r->n_rows + 1, sizeof(*row)))
		return false;
	row = &r->rows[r->n_rows++];
	memset(row, 0, sizeof(*row));
	row->x = *x;
	snprintf(row->ifname, sizeof(row->ifname), "%s", ifname);
	row->origin = origin;
	if (x->prefixlen && x->af == AF_INET)
		row->answered_on = lvs_arp_exposed_on(h, x);
	return true;
}

/*
 * The values of @r's keys on every interface that has IPv4 conf ("all"
 * as set, the others as in force); false when out of memory.
 */
static bool add_conf(struct lvs_vip_report *r, const struct lvs_host *h,
		     const enum lvs_arp_key *keys)
{
	size_t cap = 0;

	for (size_t i = 0; i <= h->n_links; i++) {
		const char *name = i ? h->links[i - 1].name : "all";
		struct lvs_conf_row row = { 0 };
		bool ok = lvs_ifname_valid(name);

		for (int k = 0; ok && k < r->n_keys; k++)
			ok = !(i ? lvs_conf_effective(name, keys[k],
						      &row.v[k]) :
				   lvs_conf_get(name, keys[k], &row.v[k]));
		if (!ok)
			continue;
		if (!lvs_grow((void **)&r->conf, &cap, r->n_conf + 1,
			      sizeof(row)))
			return false;
		snprintf(row.ifname, sizeof(row.ifname), "%s", name);
		r->conf[r->n_conf++] = row;
	}
	return true;
}

/* The VIPs on @link, and those lvsadm bound that have gone. */
static bool add_rows(struct lvs_vip_report *r, const struct lvs_host *h,
		     const struct lvs_link *link, const struct lvs_state *st,
		     bool have_state)
{
	size_t cap = 0;

	for (size_t i = 0; i < h->n_addrs; i++) {
		const struct lvs_ifaddr *x = &h->addrs[i];
		struct lvs_vip v = { .af = x->af, .addr = x->addr };

		if (x->ifindex != link->ifindex ||
		    (!strcmp(link->name, "lo") && !lvs_is_vip_on_lo(h, x)))
			continue;
		if (!add_row(r, &cap, h, x, link->name,
			     !have_state ? "?" :
			     lvs_state_find_vip((struct lvs_state *)st, &v) ?
					   "lvsadm" :
					   "manual"))
			return false;
	}
	for (size_t i = 0; i < st->n_vips; i++) {
		struct lvs_ifaddr x = { .af = st->vips[i].vip.af,
					.addr = st->vips[i].vip.addr };

		if (!find_vip(h, &st->vips[i].vip) &&
		    !add_row(r, &cap, h, &x, st->vips[i].ifname, "lvsadm"))
			return false;
	}
	return true;
}

int lvs_rs_list_vips(struct lvs_ctx *ctx, const struct lvs_vip_args *a,
		     unsigned int format, struct lvs_err *err)
{
	static const enum lvs_arp_key keys[] = { LVS_ARP_IGNORE,
						 LVS_ARP_ANNOUNCE,
						 LVS_RP_FILTER };
	struct lvs_route *rt = NULL;
	struct lvs_host h = { 0 };
	struct lvs_state st = { .dirfd = -1 };
	struct lvs_vip_report report = { .n_keys = 3 };
	const struct lvs_link *link;
	bool have_state;
	int r = 0;

	for (int k = 0; k < report.n_keys; k++)
		report.keys[k] = lvs_arp_key_names[keys[k]];
	/* Only root can read the state file; others see no origins. */
	have_state = geteuid() == 0;
	if (have_state && lvs_state_peek(&st, ctx->rundir, err))
		return -1;
	if (open_host(&rt, &h, err) || find_link(&h, a->ifname, &link, err))
		r = -1;
	else if (!add_rows(&report, &h, link, &st, have_state) ||
		 !add_conf(&report, &h, keys))
		r = lvs_fail(err, LVS_EXIT_SYSTEM, "out of memory");
	else
		lvs_writer(format)->vips(ctx->out, &report);
	free(report.rows);
	free(report.conf);
	lvs_route_close(rt);
	lvs_host_free(&h);
	lvs_state_close(&st);
	return r;
}

static int arp_strict_show(struct lvs_ctx *ctx, struct lvs_err *err)
{
	static const enum lvs_arp_key keys[] = { LVS_ARP_FILTER, LVS_ARP_IGNORE,
						 LVS_ARP_ANNOUNCE };
	struct lvs_route *rt = NULL;
	struct lvs_host h = { 0 };
	struct lvs_state st;
	struct lvs_vip_report report = { .n_keys = 3 };
	bool on = false;
	int r = 0;

	for (int k = 0; k < report.n_keys; k++)
		report.keys[k] = lvs_arp_key_names[keys[k]];
	if (geteuid() == 0) {
		if (lvs_state_peek(&st, ctx->rundir, err))
			return -1;
		on = st.arp_strict;
		lvs_state_close(&st);
	}
	if (open_host(&rt, &h, err))
		r = -1;
	else if (!add_conf(&report, &h, keys))
		r = lvs_fail(err, LVS_EXIT_SYSTEM, "out of memory");
	else
		/* --arp-strict takes no --json: the text format. */
		lvs_writer(0)->arp_strict(ctx->out, on, &report);
	free(report.conf);
	lvs_route_close(rt);
	lvs_host_free(&h);
	return r;
}

int lvs_rs_arp_strict(struct lvs_ctx *ctx, const struct lvs_vip_args *a,
		      struct lvs_err *err)
{
	struct lvs_state st;
	struct undo u = { 0 };
	int r = 0;

	if (a->arp_strict < 0)
		return arp_strict_show(ctx, err);
	if (lvs_need_root("--arp-strict", err) ||
	    lvs_state_open(&st, ctx->rundir, err))
		return -1;
	if (a->arp_strict) {
		/* Run again after a run killed half-way, it finishes it. */
		bool was = st.arp_strict, newly[LVS_NUM_ARP_KEYS] = { false };

		if (record_saved(&st, LVS_ARP_FILTER, &newly[LVS_ARP_FILTER],
				 err) ||
		    record_saved(&st, LVS_ARP_IGNORE, &newly[LVS_ARP_IGNORE],
				 err) ||
		    record_saved(&st, LVS_ARP_ANNOUNCE,
				 &newly[LVS_ARP_ANNOUNCE], err))
			r = -1;
		st.arp_strict = true;
		/* The values to put back are on disk before any change. */
		if (!r)
			r = lvs_state_save(&st, err);
		if (!r && (make_strict(LVS_ARP_FILTER, &u, err) ||
			   make_strict(LVS_ARP_IGNORE, &u, err) ||
			   make_strict(LVS_ARP_ANNOUNCE, &u, err)))
			r = -1;
		if (r) {
			undo_sysctls(&u);
			st.arp_strict = was;
			forget_saved(&st, newly);
			lvs_state_save(&st, &(struct lvs_err){ 0 });
		} else if (!was) {
			lvs_warn_arp_filter(ctx->diag);
		}
	} else if (!a->arp_strict && st.arp_strict) {
		/* What a bound VIP still needs stays as it is. */
		r = restore_saved(&st, LVS_ARP_FILTER, err);
		if (!r && !lvs_state_has_ipv4_vip(&st))
			r = restore_saved(&st, LVS_ARP_IGNORE, err) ?:
				    restore_saved(&st, LVS_ARP_ANNOUNCE, err);
		st.arp_strict = false;
		if (lvs_state_save(&st, err))
			r = -1;
	}
	lvs_state_close(&st);
	return r;
}

int lvs_rs_save_vips(struct lvs_ctx *ctx, struct lvs_err *err)
{
	struct lvs_route *rt = NULL;
	struct lvs_host h = { 0 };

	if (open_host(&rt, &h, err))
		return -1;
	for (size_t i = 0; i < h.n_addrs; i++) {
		const struct lvs_ifaddr *x = &h.addrs[i];
		char text[INET6_ADDRSTRLEN];

		if (lvs_is_vip_on_lo(&h, x) &&
		    x->prefixlen == lvs_full_prefix(x->af))
			fprintf(ctx->out, "--add-vip %s\n",
				addr_text(x->af, &x->addr, text, sizeof(text)));
	}
	lvs_route_close(rt);
	lvs_host_free(&h);
	return 0;
}
