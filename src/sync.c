// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * -R --sync: make the live table equal to the rules, like wg syncconf.
 *
 * The rules are played on an empty table in memory, which also checks
 * that each line makes sense there (a real server for a missing service,
 * a service twice); then that table is compared with the live one, and
 * only the differences are sent.  Services and real servers that do not
 * change keep their connections and counters.  If the kernel refuses a
 * change, the changes already made are undone, newest first, and the
 * table is back where it started.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "ipvs.h"
#include "print.h"
#include "realserver.h"
#include "route.h"
#include "state.h"
#include "sync.h"

/* What the rules describe. */
struct desired {
	struct lvs_table t;
	struct lvs_service_entry *last; /* lookup cache: -a follows -A */
	uint32_t *slots; /* hash index of t: row + 1, or 0 when free */
	size_t n_slots; /* a power of two, at least twice t.n_svcs */
	struct lvs_timeout timeout;
	unsigned int timeout_line;
	struct lvs_vip_args vips;
	size_t cap_vips;
	bool vip_lines;
};

/* A change to send, and how to take it back. */
struct change {
	struct lvs_cmd cmd;
	unsigned int line;
	size_t undo; /* first of its undo commands */
	size_t n_undo;
	int err;
	bool sent;
};

struct plan {
	struct change *c;
	size_t n;
	size_t cap;
	struct lvs_cmd *undo;
	size_t n_undo;
	size_t cap_undo;
	bool drain; /* weight 0 for real servers not in the rules */
};

/*
 * The services of the desired table are found through a hash index, as a
 * file of 10,000 services would otherwise cost 50 million comparisons.
 */
static size_t hash_service(const struct lvs_service *s)
{
	uint32_t v[8] = { s->af, s->fwmark };
	size_t n = 2;

	if (!s->fwmark) {
		v[n++] = s->protocol;
		v[n++] = s->port;
		for (size_t i = 0; i < (s->af == AF_INET6 ? 4U : 1U); i++)
			v[n++] = s->addr.w[i];
	}
	return lvs_hash_words(v, n);
}

static void index_put(struct desired *d, size_t row)
{
	size_t mask = d->n_slots - 1;
	size_t i = hash_service(&d->t.svcs[row].svc) & mask;

	while (d->slots[i])
		i = (i + 1) & mask;
	d->slots[i] = (uint32_t)(row + 1);
}

/* Index every service anew, in a table with room to grow; false on ENOMEM. */
static bool index_rebuild(struct desired *d)
{
	size_t n = 64;

	while (n < 2 * (d->t.n_svcs + 1))
		n *= 2;
	if (n != d->n_slots) {
		uint32_t *slots = calloc(n, sizeof(*slots));

		if (!slots)
			return false;
		free(d->slots);
		d->slots = slots;
		d->n_slots = n;
	} else {
		memset(d->slots, 0, n * sizeof(*d->slots));
	}
	for (size_t row = 0; row < d->t.n_svcs; row++)
		index_put(d, row);
	return true;
}

static struct lvs_service_entry *index_find(const struct desired *d,
					    const struct lvs_service *key)
{
	size_t mask = d->n_slots - 1;

	if (!d->n_slots)
		return NULL;
	for (size_t i = hash_service(key) & mask; d->slots[i];
	     i = (i + 1) & mask) {
		struct lvs_service_entry *e = &d->t.svcs[d->slots[i] - 1];

		if (lvs_same_service_key(&e->svc, key))
			return e;
	}
	return NULL;
}

static struct lvs_service_entry *find_service(struct desired *d,
					      const struct lvs_service *key)
{
	struct lvs_service_entry *e = d->last;

	if (!e || !lvs_same_service_key(&e->svc, key))
		e = index_find(d, key);
	if (e)
		d->last = e;
	return e;
}

static void set_vip(struct desired *d, const struct lvs_vip *v, bool add)
{
	size_t i;

	for (i = 0; i < d->vips.n; i++)
		if (d->vips.vips[i].af == v->af &&
		    lvs_addr_equal(v->af, &d->vips.vips[i].addr, &v->addr))
			break;
	if (add && i == d->vips.n &&
	    lvs_grow((void **)&d->vips.vips, &d->cap_vips, d->vips.n + 1,
		     sizeof(*v)))
		d->vips.vips[d->vips.n++] = *v;
	if (!add && i < d->vips.n)
		d->vips.vips[i] = d->vips.vips[--d->vips.n];
}

/* Play one rule on the desired table; a message when it cannot apply. */
static const char *play(struct desired *d, const struct lvs_cmd *c)
{
	struct lvs_service_entry *e = NULL;
	struct lvs_dest_entry *de = NULL;

	if (c->kind <= LVS_CMD_DEL ||
	    (c->kind >= LVS_CMD_ADDDEST && c->kind <= LVS_CMD_EDITDEST))
		e = find_service(d, &c->svc);
	if (e && c->kind >= LVS_CMD_ADDDEST && c->kind <= LVS_CMD_EDITDEST)
		de = lvs_service_find_dest(e, &c->dest);
	switch (c->kind) {
	case LVS_CMD_ADD:
		if (e)
			return "Service already exists";
		e = lvs_table_add(&d->t);
		if (!e)
			return "out of memory";
		e->svc = c->svc;
		e->line = c->line;
		d->last = e;
		if (2 * d->t.n_svcs > d->n_slots) {
			if (!index_rebuild(d))
				return "out of memory";
		} else {
			index_put(d, d->t.n_svcs - 1);
		}
		return NULL;
	case LVS_CMD_EDIT:
		if (!e)
			return "No such service";
		e->svc = c->svc;
		e->line = c->line;
		return NULL;
	case LVS_CMD_DEL:
		if (!e)
			return "No such service";
		lvs_table_remove(&d->t, e);
		d->last = NULL;
		/* Rows after it moved up: index them anew. */
		return index_rebuild(d) ? NULL : "out of memory";
	case LVS_CMD_FLUSH:
		lvs_table_free(&d->t);
		d->last = NULL;
		return index_rebuild(d) ? NULL : "out of memory";
	case LVS_CMD_ADDDEST:
		if (!e)
			return "Service not defined";
		if (de)
			return "Destination already exists";
		de = lvs_service_add_dest(e);
		if (!de)
			return "out of memory";
		de->dest = c->dest;
		de->line = c->line;
		return NULL;
	case LVS_CMD_EDITDEST:
	case LVS_CMD_DELDEST:
		if (!e)
			return "Service not defined";
		if (!de)
			return "No such destination";
		if (c->kind == LVS_CMD_DELDEST) {
			lvs_service_remove_dest(e, de);
		} else {
			de->dest = c->dest;
			de->line = c->line;
		}
		return NULL;
	case LVS_CMD_TIMEOUT:
		if (c->timeout.tcp)
			d->timeout.tcp = c->timeout.tcp;
		if (c->timeout.tcp_fin)
			d->timeout.tcp_fin = c->timeout.tcp_fin;
		if (c->timeout.udp)
			d->timeout.udp = c->timeout.udp;
		d->timeout_line = c->line;
		return NULL;
	case LVS_CMD_ADDVIP:
	case LVS_CMD_DELVIP:
		if (strcmp(c->vip.ifname, "lo"))
			return "with --sync, VIPs are on lo only";
		d->vip_lines = true;
		for (size_t i = 0; i < c->vip.n; i++)
			set_vip(d, &c->vip.vips[i], c->kind == LVS_CMD_ADDVIP);
		return NULL;
	default:
		return "this command cannot be used with --sync";
	}
}

static bool same_service(const struct lvs_service *a,
			 const struct lvs_service *b)
{
	/* The kernel adds a flag of its own (hashed). */
	uint32_t mask = ~(uint32_t)IP_VS_SVC_F_HASHED;

	return !strcmp(a->sched, b->sched) && !strcmp(a->pe, b->pe) &&
	       (a->flags & mask) == (b->flags & mask) &&
	       a->timeout == b->timeout && a->netmask == b->netmask;
}

static bool same_dest(const struct lvs_dest *a, const struct lvs_dest *b)
{
	return a->fwd == b->fwd && a->weight == b->weight &&
	       a->u_thresh == b->u_thresh && a->l_thresh == b->l_thresh &&
	       a->tun_type == b->tun_type && a->tun_port == b->tun_port &&
	       a->tun_flags == b->tun_flags;
}

static struct change *add_change(struct plan *p, enum lvs_cmd_kind kind,
				 const struct lvs_service *svc,
				 const struct lvs_dest *dest, unsigned int line)
{
	struct change *c;

	if (!lvs_grow((void **)&p->c, &p->cap, p->n + 1, sizeof(*p->c)))
		return NULL;
	c = &p->c[p->n++];
	memset(c, 0, sizeof(*c));
	c->cmd.kind = kind;
	c->cmd.svc = *svc;
	if (dest)
		c->cmd.dest = *dest;
	c->line = line;
	c->undo = p->n_undo;
	return c;
}

static bool add_undo(struct plan *p, struct change *c, enum lvs_cmd_kind kind,
		     const struct lvs_service *svc, const struct lvs_dest *dest)
{
	struct lvs_cmd *u;

	if (!lvs_grow((void **)&p->undo, &p->cap_undo, p->n_undo + 1,
		      sizeof(*p->undo)))
		return false;
	u = &p->undo[p->n_undo++];
	memset(u, 0, sizeof(*u));
	u->kind = kind;
	u->svc = *svc;
	if (dest)
		u->dest = *dest;
	c->n_undo++;
	return true;
}

/* Take a live real server out of service: delete it, or drain it. */
static int plan_removal(struct plan *p, const struct lvs_service *svc,
			const struct lvs_dest *d)
{
	struct lvs_dest drained = *d;
	struct change *c;

	if (!p->drain) {
		c = add_change(p, LVS_CMD_DELDEST, svc, d, 0);
		return c && add_undo(p, c, LVS_CMD_ADDDEST, svc, d) ? 0 :
								      -ENOMEM;
	}
	if (!d->weight)
		return 0; /* drained already */
	drained.weight = 0;
	c = add_change(p, LVS_CMD_EDITDEST, svc, &drained, 0);
	return c && add_undo(p, c, LVS_CMD_EDITDEST, svc, d) ? 0 : -ENOMEM;
}

/* The changes one service needs; @live or @want may be NULL. */
static int plan_service(struct plan *p, const struct lvs_service_entry *live,
			const struct lvs_service_entry *want)
{
	struct change *c;

	if (!want && p->drain) {
		/* Kept, so that its connections can finish. */
		for (size_t i = 0; i < live->n_dests; i++)
			if (plan_removal(p, &live->svc, &live->dests[i].dest))
				return -ENOMEM;
		return 0;
	}
	if (!want) {
		c = add_change(p, LVS_CMD_DEL, &live->svc, NULL, 0);
		if (!c || !add_undo(p, c, LVS_CMD_ADD, &live->svc, NULL))
			return -ENOMEM;
		for (size_t i = 0; i < live->n_dests; i++)
			if (!add_undo(p, c, LVS_CMD_ADDDEST, &live->svc,
				      &live->dests[i].dest))
				return -ENOMEM;
		return 0;
	}
	if (!live) {
		c = add_change(p, LVS_CMD_ADD, &want->svc, NULL, want->line);
		if (!c || !add_undo(p, c, LVS_CMD_DEL, &want->svc, NULL))
			return -ENOMEM;
	} else if (!same_service(&live->svc, &want->svc)) {
		c = add_change(p, LVS_CMD_EDIT, &want->svc, NULL, want->line);
		if (!c || !add_undo(p, c, LVS_CMD_EDIT, &live->svc, NULL))
			return -ENOMEM;
	}
	for (size_t i = 0; live && i < live->n_dests; i++) {
		const struct lvs_dest *d = &live->dests[i].dest;

		if (!lvs_service_find_dest(want, d) &&
		    plan_removal(p, &live->svc, d))
			return -ENOMEM;
	}
	for (size_t i = 0; i < want->n_dests; i++) {
		const struct lvs_dest_entry *wd = &want->dests[i];
		struct lvs_dest_entry *ld =
			live ? lvs_service_find_dest(live, &wd->dest) : NULL;

		if (ld && same_dest(&ld->dest, &wd->dest))
			continue;
		c = add_change(p, ld ? LVS_CMD_EDITDEST : LVS_CMD_ADDDEST,
			       &want->svc, &wd->dest, wd->line);
		if (!c ||
		    !add_undo(p, c, ld ? LVS_CMD_EDITDEST : LVS_CMD_DELDEST,
			      &want->svc, ld ? &ld->dest : &wd->dest))
			return -ENOMEM;
	}
	return 0;
}

/* Walk both tables in order and plan what differs. */
static int plan_table(struct plan *p, struct lvs_table *live,
		      struct lvs_table *want)
{
	size_t i = 0, j = 0;
	int r = 0;

	lvs_table_sort(live);
	lvs_table_sort(want);
	while (!r && (i < live->n_svcs || j < want->n_svcs)) {
		int cmp = i == live->n_svcs ?
				  1 :
			  j == want->n_svcs ?
				  -1 :
				  lvs_cmp_services(&live->svcs[i].svc,
						   &want->svcs[j].svc);

		if (cmp < 0)
			r = plan_service(p, &live->svcs[i++], NULL);
		else if (cmp > 0)
			r = plan_service(p, NULL, &want->svcs[j++]);
		else
			r = plan_service(p, &live->svcs[i++], &want->svcs[j++]);
	}
	return r;
}

static int plan_timeout(struct plan *p, struct desired *d,
			const struct lvs_timeout *live)
{
	struct lvs_timeout t = { 0 };
	struct change *c;
	struct lvs_service none = { 0 };

	if (d->timeout.tcp && d->timeout.tcp != live->tcp)
		t.tcp = d->timeout.tcp;
	if (d->timeout.tcp_fin && d->timeout.tcp_fin != live->tcp_fin)
		t.tcp_fin = d->timeout.tcp_fin;
	if (d->timeout.udp && d->timeout.udp != live->udp)
		t.udp = d->timeout.udp;
	if (!t.tcp && !t.tcp_fin && !t.udp)
		return 0;
	c = add_change(p, LVS_CMD_TIMEOUT, &none, NULL, d->timeout_line);
	if (!c || !add_undo(p, c, LVS_CMD_TIMEOUT, &none, NULL))
		return -ENOMEM;
	c->cmd.timeout = t;
	p->undo[c->undo].timeout =
		(struct lvs_timeout){ t.tcp ? live->tcp : 0,
				      t.tcp_fin ? live->tcp_fin : 0,
				      t.udp ? live->udp : 0 };
	return 0;
}

/* The VIPs to bind and those of lvsadm's to unbind. */
static int plan_vips(struct desired *d, const char *rundir,
		     struct lvs_vip_args *add, struct lvs_vip_args *del,
		     struct lvs_err *err)
{
	struct lvs_route *rt = NULL;
	struct lvs_host h = { 0 };
	struct lvs_state st;
	size_t cap_add = 0, cap_del = 0;
	int r;

	if (!d->vip_lines)
		return 0;
	if (lvs_state_open(&st, rundir, err))
		return -1;
	r = lvs_route_open(&rt);
	if (!r)
		r = lvs_route_read_host(rt, &h);
	lvs_route_close(rt);
	if (r) {
		lvs_state_close(&st);
		return lvs_fail(err, LVS_EXIT_SYSTEM,
				"cannot read the interfaces and addresses: %s",
				strerror(-r));
	}
	for (size_t i = 0; i < d->vips.n; i++) {
		bool bound = false;

		for (size_t k = 0; k < h.n_addrs && !bound; k++)
			bound = h.addrs[k].af == d->vips.vips[i].af &&
				lvs_is_vip_on_lo(&h, &h.addrs[k]) &&
				lvs_addr_equal(h.addrs[k].af, &h.addrs[k].addr,
					       &d->vips.vips[i].addr);
		if (!bound && lvs_grow((void **)&add->vips, &cap_add,
				       add->n + 1, sizeof(*add->vips)))
			add->vips[add->n++] = d->vips.vips[i];
	}
	for (size_t i = 0; i < st.n_vips; i++) {
		bool wanted = false;

		if (strcmp(st.vips[i].ifname, "lo"))
			continue;
		for (size_t k = 0; k < d->vips.n && !wanted; k++)
			wanted = d->vips.vips[k].af == st.vips[i].vip.af &&
				 lvs_addr_equal(st.vips[i].vip.af,
						&d->vips.vips[k].addr,
						&st.vips[i].vip.addr);
		if (!wanted && lvs_grow((void **)&del->vips, &cap_del,
					del->n + 1, sizeof(*del->vips)))
			del->vips[del->n++] = st.vips[i].vip;
	}
	lvs_state_close(&st);
	lvs_host_free(&h);
	snprintf(add->ifname, sizeof(add->ifname), "lo");
	snprintf(del->ifname, sizeof(del->ifname), "lo");
	return 0;
}

static void print_vips(FILE *out, const char *verb,
		       const struct lvs_vip_args *a)
{
	char text[INET6_ADDRSTRLEN];

	for (size_t i = 0; i < a->n; i++)
		fprintf(out, "%s %s\n", verb,
			inet_ntop(a->vips[i].af, &a->vips[i].addr, text,
				  sizeof(text)));
}

static void on_result(void *arg, size_t i, int err)
{
	struct plan *p = arg;

	p->c[i].sent = true;
	p->c[i].err = err;
}

/*
 * Take back every change that went through, newest first, and those whose
 * answer was lost: undoing a change that did not happen fails harmlessly.
 */
static void undo_all(struct lvs_ctx *ctx, struct plan *p)
{
	for (size_t i = p->n; i-- > 0;) {
		const struct change *c = &p->c[i];

		if (!c->sent || (c->err && c->err != -ENOBUFS))
			continue;
		for (size_t k = 0; k < c->n_undo; k++)
			ipvs_execute(ctx->ipvs, &p->undo[c->undo + k]);
	}
}

static int report_failures(struct lvs_ctx *ctx, struct plan *p,
			   const char *name)
{
	int failed = 0;

	for (size_t i = 0; i < p->n; i++) {
		const struct change *c = &p->c[i];
		const char *msg;

		if (!c->err)
			continue;
		failed++;
		msg = c->err == -ENOBUFS ?
			      "the kernel's answer was lost (receive buffer overrun)" :
			      ipvs_strerror(ipvs_cmd_op(c->cmd.kind), -c->err);
		if (c->line)
			fprintf(ctx->diag, "%s:%u: %s\n", name, c->line, msg);
		else {
			fprintf(ctx->diag, "%s: ", name);
			lvs_print_change(ctx->diag, &c->cmd);
			fprintf(ctx->diag, "%s: that change failed: %s\n", name,
				msg);
		}
	}
	return failed;
}

static int apply(struct lvs_ctx *ctx, struct plan *p, const char *name,
		 struct lvs_vip_args *add, struct lvs_vip_args *del,
		 struct lvs_err *err)
{
	struct ipvs_pipe *pipe = ipvs_pipe_new(ctx->ipvs, on_result, p);
	struct lvs_err e;

	if (!pipe)
		return lvs_fail(err, LVS_EXIT_SYSTEM, "out of memory");
	for (size_t i = 0; i < p->n; i++)
		if (ipvs_pipe_add(pipe, &p->c[i].cmd, i))
			on_result(p, i, -ENOMEM);
	ipvs_pipe_flush(pipe);
	ipvs_pipe_free(pipe);
	if (report_failures(ctx, p, name))
		goto undo;
	if (add->n && lvs_rs_add_vips(ctx, add, &e))
		goto vip_failed;
	if (del->n && lvs_rs_delete_vips(ctx, del, &e)) {
		if (add->n)
			lvs_rs_delete_vips(ctx, add, &(struct lvs_err){ 0 });
		goto vip_failed;
	}
	return 0;
vip_failed:
	fprintf(ctx->diag, "%s: %s\n", name, e.msg);
undo:
	undo_all(ctx, p);
	return lvs_fail(err, LVS_EXIT_KERNEL,
			"%s: nothing was changed: the changes made were undone",
			name);
}

int lvs_sync(struct lvs_ctx *ctx, const struct lvs_rules *rules,
	     const char *name, unsigned int mode, size_t *changes,
	     struct lvs_err *err)
{
	bool dry_run = mode & LVS_RESTORE_DRYRUN;
	struct desired d = { 0 };
	struct plan p = { .drain = mode & LVS_RESTORE_DRAIN };
	struct lvs_table live = { 0 };
	struct lvs_timeout live_to = { 0 };
	struct lvs_vip_args add = { 0 }, del = { 0 };
	int bad = 0, r = -1;

	for (size_t i = 0; i < rules->n; i++) {
		const char *why = play(&d, &rules->cmds[i]);

		if (why) {
			fprintf(ctx->diag, "%s:%u: %s\n", name,
				rules->cmds[i].line, why);
			bad++;
		}
	}
	if (bad) {
		lvs_fail(err, LVS_EXIT_USAGE,
			 "%s: %d bad line%s, nothing applied", name, bad,
			 bad == 1 ? "" : "s");
		goto out;
	}
	if (lvs_need_ipvs(ctx, err) ||
	    (!dry_run && lvs_lock_host(ctx->rundir, err)))
		goto out;
	r = ipvs_get_services(ctx->ipvs, &live);
	for (size_t i = 0; !r && i < live.n_svcs; i++)
		r = ipvs_get_dests(ctx->ipvs, &live.svcs[i]);
	if (!r && d.timeout_line)
		r = ipvs_get_timeout(ctx->ipvs, &live_to);
	if (r) {
		r = lvs_fail(err, LVS_EXIT_LIST, "%s",
			     ipvs_strerror(IPVS_OP_GET_SERVICES, -r));
		goto out;
	}
	r = plan_table(&p, &live, &d.t);
	if (!r)
		r = plan_timeout(&p, &d, &live_to);
	if (r) {
		r = lvs_fail(err, LVS_EXIT_SYSTEM, "out of memory");
		goto out;
	}
	if ((r = plan_vips(&d, ctx->rundir, &add, &del, err)))
		goto out;
	if (dry_run) {
		for (size_t i = 0; i < p.n; i++)
			lvs_print_change(ctx->out, &p.c[i].cmd);
		print_vips(ctx->out, "--add-vip", &add);
		print_vips(ctx->out, "--delete-vip", &del);
		*changes = p.n + add.n + del.n;
		/* Like diff(1): 1 when something would change. */
		if (p.n || add.n || del.n)
			r = lvs_fail(err, LVS_EXIT_PROBLEMS, "%s", "");
		goto out;
	}
	r = apply(ctx, &p, name, &add, &del, err);
out:
	free(add.vips);
	free(del.vips);
	free(d.vips.vips);
	free(d.slots);
	free(p.c);
	free(p.undo);
	lvs_table_free(&d.t);
	lvs_table_free(&live);
	return r;
}
