// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * -R --sync: make the live table equal to the rules, like wg syncconf.
 *
 * The rules are played, as they are read, on an empty table in memory
 * (desired.c), which also checks that each line makes sense there; the
 * rules themselves are not kept.  The planner compares that table with
 * the live one (plan.c), and the executor sends only the differences
 * (exec.c).  Services and real servers that do not change keep their
 * connections and counters.  If the kernel refuses a change, the changes
 * already made are undone, newest first, and the table is back where it
 * started.  This file does the reading: the live table, and the VIPs
 * bound on lo and managed by lvsadm.
 */
#include <stdlib.h>
#include <string.h>

#include "exec.h"
#include "graceful.h"
#include "host.h"
#include "plan.h"
#include "route.h"
#include "state.h"
#include "sync.h"
#include "sysctl.h"

static int read_live(struct lvs_ctx *ctx, bool timeouts, struct lvs_table *t,
		     struct lvs_timeout *to, struct lvs_err *err)
{
	int r = ipvs_get_services(ctx->ipvs, t, false);

	for (size_t i = 0; !r && i < t->n_svcs; i++) {
		r = ipvs_get_dests(ctx->ipvs, &t->svcs[i], false);
		lvs_service_trim(&t->svcs[i]);
	}
	if (!r && timeouts)
		r = ipvs_get_timeout(ctx->ipvs, to);
	if (r)
		return lvs_fail(err, LVS_EXIT_LIST, "%s",
				ipvs_strerror(IPVS_OP_GET_SERVICES, -r));
	return 0;
}

static int add_vip(struct lvs_vip_args *a, size_t *cap, const struct lvs_vip *v,
		   struct lvs_err *err)
{
	if (!lvs_grow((void **)&a->vips, cap, a->n + 1, sizeof(*v)))
		return lvs_fail(err, LVS_EXIT_SYSTEM, "out of memory");
	a->vips[a->n++] = *v;
	return 0;
}

/*
 * Are IPv4 VIPs on lo hidden from ARP (conf/all strict enough)?  When not,
 * for example after a run killed between binding them and setting the
 * sysctls, binding them again is what sets the sysctls.
 */
static bool arp_hidden(void)
{
	int ignore, announce;

	return !lvs_conf_get("all", LVS_ARP_IGNORE, &ignore) &&
	       !lvs_conf_get("all", LVS_ARP_ANNOUNCE, &announce) &&
	       lvs_arp_ignores(ignore) && announce == 2;
}

/*
 * The VIPs bound on lo now (IPv4 ones only while ARP is hidden), and
 * those lvsadm manages there.
 */
static int read_vips(const char *rundir, struct lvs_vip_args *bound,
		     struct lvs_vip_args *managed, struct lvs_err *err)
{
	struct lvs_route *rt = NULL;
	struct lvs_host h = { 0 };
	struct lvs_state st;
	size_t cap_bound = 0, cap_managed = 0;
	bool hidden;
	int r;

	if (lvs_state_open(&st, rundir, err))
		return -1;
	r = lvs_route_open(&rt);
	if (!r)
		r = lvs_route_read_host(rt, &h);
	lvs_route_close(rt);
	if (r) {
		r = lvs_fail(err, LVS_EXIT_SYSTEM,
			     "cannot read the interfaces and addresses: %s",
			     strerror(-r));
		goto out;
	}
	hidden = arp_hidden();
	for (size_t k = 0; !r && k < h.n_addrs; k++)
		if (lvs_is_vip_on_lo(&h, &h.addrs[k]) &&
		    (hidden || h.addrs[k].af != AF_INET))
			r = add_vip(
				bound, &cap_bound,
				&(struct lvs_vip){ .af = h.addrs[k].af,
						   .addr = h.addrs[k].addr },
				err);
	for (size_t i = 0; !r && i < st.n_vips; i++)
		if (!strcmp(st.vips[i].ifname, "lo"))
			r = add_vip(managed, &cap_managed, &st.vips[i].vip,
				    err);
out:
	lvs_state_close(&st);
	lvs_host_free(&h);
	return r;
}

/* How many changes @p makes: a VIP change counts each address. */
static size_t count_changes(const struct lvs_plan *p)
{
	size_t n = 0;

	for (size_t i = 0; i < p->n; i++)
		n += p->c[i].kind == LVS_CMD_ADDVIP ||
				     p->c[i].kind == LVS_CMD_DELVIP ?
			     p->c[i].cmd->vip.n :
			     1;
	return n;
}

/*
 * --graceful: what left the rules was drained; delete it as it goes idle.
 * Other runs may change things meanwhile: the lock is theirs again.
 */
static int finish_drain(struct lvs_ctx *ctx, struct lvs_table *live,
			struct lvs_desired *want, uint32_t seconds,
			struct lvs_err *err)
{
	struct lvs_plan dels = { 0 };
	int r;

	if (lvs_plan_departures(&dels, live, want)) {
		r = lvs_fail(err, LVS_EXIT_SYSTEM, "out of memory");
	} else {
		lvs_unlock_host();
		r = lvs_graceful(ctx, &dels, seconds, err);
	}
	lvs_plan_free(&dels);
	return r;
}

const char *lvs_sync_play(void *want, const struct lvs_cmd *cmd)
{
	return lvs_desired_play(want, cmd);
}

int lvs_sync(struct lvs_ctx *ctx, struct lvs_desired *want, const char *name,
	     unsigned int mode, uint32_t graceful, size_t *changes,
	     struct lvs_err *err)
{
	struct lvs_exec how = {
		.name = name,
		.flags = LVS_EXEC_UNDO |
			 (mode & LVS_RESTORE_DRYRUN ? LVS_EXEC_DRYRUN : 0),
	};
	struct lvs_plan p = { 0 };
	struct lvs_table live = { 0 };
	struct lvs_timeout live_to = { 0 };
	struct lvs_vip_args bound = { 0 }, managed = { 0 };
	int r;

	/* The lock covers reading the table as well as changing it. */
	r = lvs_need_ipvs(ctx, err);
	if (!r && !(how.flags & LVS_EXEC_DRYRUN))
		r = lvs_lock_host(ctx->rundir, err);
	if (!r)
		r = read_live(ctx, want->timeout_line, &live, &live_to, err);
	if (!r && want->vip_lines)
		r = read_vips(ctx->rundir, &bound, &managed, err);
	if (!r && (lvs_plan_table(&p, &live, &live_to, want,
				  mode & LVS_RESTORE_DRAIN) ||
		   (want->vip_lines &&
		    lvs_plan_vips(&p, &want->vips, &bound, &managed))))
		r = lvs_fail(err, LVS_EXIT_SYSTEM, "out of memory");
	if (!r) {
		*changes = count_changes(&p);
		r = lvs_exec_plan(ctx, &p, &how, err);
	}
	if (!r && (mode & LVS_RESTORE_GRACEFUL) &&
	    !(how.flags & LVS_EXEC_DRYRUN))
		r = finish_drain(ctx, &live, want, graceful, err);
	lvs_plan_free(&p);
	free(bound.vips);
	free(managed.vips);
	lvs_table_free(&live);
	return r;
}
