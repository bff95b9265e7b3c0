// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The planner: from what is wanted and what is there to an ordered list
 * of changes, each with its undo.  No I/O.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"

const struct lvs_cmd *lvs_change_cmd(const struct lvs_change *c,
				     struct lvs_cmd *out)
{
	if (c->cmd)
		return c->cmd;
	memset(out, 0, sizeof(*out));
	out->kind = c->kind;
	out->line = c->line;
	if (c->kind == LVS_CMD_TIMEOUT) {
		out->timeout = *c->timeout;
		return out;
	}
	out->svc = *c->svc;
	if (c->kind >= LVS_CMD_ADDDEST && c->kind <= LVS_CMD_EDITDEST) {
		out->dest = *c->dest;
		if (c->drained)
			out->dest.weight = 0;
	}
	return out;
}

/* Append a change to the list @arr of @n (room for @cap). */
static struct lvs_change *push(struct lvs_change **arr, size_t *n, size_t *cap,
			       enum lvs_cmd_kind kind,
			       const struct lvs_service *svc,
			       const struct lvs_dest *dest)
{
	struct lvs_change *c = lvs_push(arr, n, cap, sizeof(**arr));

	if (!c)
		return NULL;
	c->kind = kind;
	c->svc = svc;
	c->dest = dest;
	return c;
}

static struct lvs_change *add(struct lvs_plan *p, enum lvs_cmd_kind kind,
			      const struct lvs_service *svc,
			      const struct lvs_dest *dest, unsigned int line)
{
	struct lvs_change *c;

	/* Undo indexes are 32 bits wide, as a change is kept small. */
	if (p->n_undo >= UINT32_MAX)
		return NULL;
	c = push(&p->c, &p->n, &p->cap, kind, svc, dest);
	if (c) {
		c->line = line;
		c->undo = (uint32_t)p->n_undo;
	}
	return c;
}

/* Add to @c (the newest change) a change that takes it back. */
static struct lvs_change *add_undo(struct lvs_plan *p, struct lvs_change *c,
				   enum lvs_cmd_kind kind,
				   const struct lvs_service *svc,
				   const struct lvs_dest *dest)
{
	struct lvs_change *u =
		c ? push(&p->undo, &p->n_undo, &p->cap_undo, kind, svc, dest) :
		    NULL;

	if (u)
		c->n_undo++;
	return u;
}

int lvs_plan_cmd(struct lvs_plan *p, const struct lvs_cmd *cmd)
{
	struct lvs_change *c = add(p, cmd->kind, NULL, NULL, cmd->line);

	if (!c)
		return -ENOMEM;
	c->cmd = cmd;
	return 0;
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

/* Take a live real server out of service: delete it, or drain it. */
static int plan_removal(struct lvs_plan *p, const struct lvs_service *svc,
			const struct lvs_dest *d, bool drain)
{
	struct lvs_change *c;

	if (!drain) {
		c = add(p, LVS_CMD_DELDEST, svc, d, 0);
		return add_undo(p, c, LVS_CMD_ADDDEST, svc, d) ? 0 : -ENOMEM;
	}
	if (!d->weight)
		return 0; /* drained already */
	c = add(p, LVS_CMD_EDITDEST, svc, d, 0);
	if (c)
		c->drained = true;
	return add_undo(p, c, LVS_CMD_EDITDEST, svc, d) ? 0 : -ENOMEM;
}

/* A live service that is not wanted: deleted, or drained and kept. */
static int plan_unwanted(struct lvs_plan *p,
			 const struct lvs_service_entry *live, bool drain)
{
	struct lvs_change *c;

	if (drain) {
		/* Kept, so that its connections can finish. */
		for (size_t i = 0; i < live->n_dests; i++)
			if (plan_removal(p, &live->svc, &live->dests[i].dest,
					 true))
				return -ENOMEM;
		return 0;
	}
	c = add(p, LVS_CMD_DEL, &live->svc, NULL, 0);
	if (!add_undo(p, c, LVS_CMD_ADD, &live->svc, NULL))
		return -ENOMEM;
	for (size_t i = 0; i < live->n_dests; i++)
		if (!add_undo(p, c, LVS_CMD_ADDDEST, &live->svc,
			      &live->dests[i].dest))
			return -ENOMEM;
	return 0;
}

/* The changes one service needs; @live may be NULL. */
static int plan_service(struct lvs_plan *p,
			const struct lvs_service_entry *live,
			const struct lvs_service_entry *want, bool drain)
{
	struct lvs_change *c;

	if (!live) {
		c = add(p, LVS_CMD_ADD, &want->svc, NULL, want->line);
		if (!add_undo(p, c, LVS_CMD_DEL, &want->svc, NULL))
			return -ENOMEM;
	} else if (!same_service(&live->svc, &want->svc)) {
		c = add(p, LVS_CMD_EDIT, &want->svc, NULL, want->line);
		if (!add_undo(p, c, LVS_CMD_EDIT, &live->svc, NULL))
			return -ENOMEM;
	}
	for (size_t i = 0; live && i < live->n_dests; i++) {
		const struct lvs_dest *d = &live->dests[i].dest;

		if (!lvs_service_find_dest_near(want, d, i) &&
		    plan_removal(p, &live->svc, d, drain))
			return -ENOMEM;
	}
	for (size_t i = 0; i < want->n_dests; i++) {
		const struct lvs_dest_entry *wd = &want->dests[i];
		struct lvs_dest_entry *ld =
			live ? lvs_service_find_dest_near(live, &wd->dest, i) :
			       NULL;

		if (ld && same_dest(&ld->dest, &wd->dest))
			continue;
		c = add(p, ld ? LVS_CMD_EDITDEST : LVS_CMD_ADDDEST, &want->svc,
			&wd->dest, wd->line);
		if (!add_undo(p, c, ld ? LVS_CMD_EDITDEST : LVS_CMD_DELDEST,
			      &want->svc, ld ? &ld->dest : &wd->dest))
			return -ENOMEM;
	}
	return 0;
}

static int plan_timeout(struct lvs_plan *p, const struct lvs_desired *d,
			const struct lvs_timeout *live)
{
	struct lvs_timeout t = { 0 };
	struct lvs_change *c, *u;

	if (d->timeout.tcp && d->timeout.tcp != live->tcp)
		t.tcp = d->timeout.tcp;
	if (d->timeout.tcp_fin && d->timeout.tcp_fin != live->tcp_fin)
		t.tcp_fin = d->timeout.tcp_fin;
	if (d->timeout.udp && d->timeout.udp != live->udp)
		t.udp = d->timeout.udp;
	if (!t.tcp && !t.tcp_fin && !t.udp)
		return 0;
	c = add(p, LVS_CMD_TIMEOUT, NULL, NULL, d->timeout_line);
	u = add_undo(p, c, LVS_CMD_TIMEOUT, NULL, NULL);
	if (!u)
		return -ENOMEM;
	p->timeouts[0] = t;
	p->timeouts[1] = (struct lvs_timeout){ t.tcp ? live->tcp : 0,
					       t.tcp_fin ? live->tcp_fin : 0,
					       t.udp ? live->udp : 0 };
	c->timeout = &p->timeouts[0];
	u->timeout = &p->timeouts[1];
	return 0;
}

int lvs_plan_table(struct lvs_plan *p, struct lvs_table *live,
		   const struct lvs_timeout *live_to, struct lvs_desired *want,
		   bool drain)
{
	size_t i = 0, j = 0;
	int r = 0;

	/* Walk both tables in order. */
	lvs_table_sort(live);
	lvs_desired_sort(want);
	while (!r && (i < live->n_svcs || j < want->t.n_svcs)) {
		int cmp = i == live->n_svcs ?
				  1 :
			  j == want->t.n_svcs ?
				  -1 :
				  lvs_cmp_services(&live->svcs[i].svc,
						   &want->t.svcs[j].svc);

		if (cmp < 0)
			r = plan_unwanted(p, &live->svcs[i++], drain);
		else if (cmp > 0)
			r = plan_service(p, NULL, &want->t.svcs[j++], drain);
		else
			r = plan_service(p, &live->svcs[i++],
					 &want->t.svcs[j++], drain);
	}
	return r ? r : plan_timeout(p, want, live_to);
}

int lvs_plan_departures(struct lvs_plan *p, struct lvs_table *live,
			struct lvs_desired *want)
{
	size_t i = 0, j = 0;

	lvs_table_sort(live);
	lvs_desired_sort(want);
	while (i < live->n_svcs) {
		const struct lvs_service_entry *l = &live->svcs[i], *w = NULL;
		struct lvs_change *c;
		int cmp =
			j == want->t.n_svcs ?
				-1 :
				lvs_cmp_services(&l->svc, &want->t.svcs[j].svc);

		if (cmp > 0) {
			j++;
			continue;
		}
		if (!cmp)
			w = &want->t.svcs[j++];
		i++;
		for (size_t k = 0; k < l->n_dests; k++) {
			const struct lvs_dest *d = &l->dests[k].dest;

			if (w && lvs_service_find_dest(w, d))
				continue;
			c = add(p, LVS_CMD_DELDEST, &l->svc, d, 0);
			if (!add_undo(p, c, LVS_CMD_ADDDEST, &l->svc, d))
				return -ENOMEM;
		}
		if (w)
			continue;
		/* Its real servers come back with their own undo. */
		c = add(p, LVS_CMD_DEL, &l->svc, NULL, 0);
		if (!add_undo(p, c, LVS_CMD_ADD, &l->svc, NULL))
			return -ENOMEM;
	}
	return 0;
}

static bool has_vip(const struct lvs_vip_args *a, const struct lvs_vip *v)
{
	for (size_t i = 0; a && i < a->n; i++)
		if (a->vips[i].af == v->af &&
		    lvs_addr_equal(v->af, &a->vips[i].addr, &v->addr))
			return true;
	return false;
}

/* Add @v to the VIP command @k (0: bind, 1: unbind). */
static bool vip_to(struct lvs_plan *p, int k, const struct lvs_vip *v)
{
	struct lvs_vip_args *a = &p->vips[k].vip;

	if (!lvs_grow((void **)&a->vips, &p->cap_vips[k], a->n + 1, sizeof(*v)))
		return false;
	a->vips[a->n++] = *v;
	return true;
}

int lvs_plan_vips(struct lvs_plan *p, const struct lvs_vip_args *want,
		  const struct lvs_vip_args *bound,
		  const struct lvs_vip_args *managed)
{
	static const enum lvs_cmd_kind kinds[2] = { LVS_CMD_ADDVIP,
						    LVS_CMD_DELVIP };

	for (size_t i = 0; i < want->n; i++)
		if (!has_vip(bound, &want->vips[i]) &&
		    !vip_to(p, 0, &want->vips[i]))
			return -ENOMEM;
	for (size_t i = 0; managed && i < managed->n; i++)
		if (!has_vip(want, &managed->vips[i]) &&
		    !vip_to(p, 1, &managed->vips[i]))
			return -ENOMEM;
	for (int k = 0; k < 2; k++) {
		struct lvs_change *c, *u;

		if (!p->vips[k].vip.n)
			continue;
		p->vips[k].kind = kinds[k];
		snprintf(p->vips[k].vip.ifname, sizeof(p->vips[k].vip.ifname),
			 "lo");
		/* The undo shares the list of addresses. */
		p->vip_undo[k] = p->vips[k];
		p->vip_undo[k].kind = kinds[!k];
		c = add(p, kinds[k], NULL, NULL, 0);
		u = add_undo(p, c, kinds[!k], NULL, NULL);
		if (!u)
			return -ENOMEM;
		c->cmd = &p->vips[k];
		u->cmd = &p->vip_undo[k];
	}
	return 0;
}

void lvs_plan_free(struct lvs_plan *p)
{
	free(p->c);
	free(p->undo);
	free(p->vips[0].vip.vips);
	free(p->vips[1].vip.vips);
	memset(p, 0, sizeof(*p));
}
