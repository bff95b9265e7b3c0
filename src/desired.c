// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What a rules file describes, played on a table in memory.
 *
 * The services are found through a hash index, as a file of 10,000
 * services would otherwise cost 50 million comparisons.
 */
#include <stdlib.h>
#include <string.h>

#include "desired.h"

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

static void index_put(struct lvs_desired *d, size_t row)
{
	size_t mask = d->n_slots - 1;
	size_t i = hash_service(&d->t.svcs[row].svc) & mask;

	while (d->slots[i])
		i = (i + 1) & mask;
	d->slots[i] = (uint32_t)(row + 1);
}

/* Index every service anew, in a table with room to grow; false on ENOMEM. */
static bool index_rebuild(struct lvs_desired *d)
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

static struct lvs_service_entry *index_find(const struct lvs_desired *d,
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

static struct lvs_service_entry *find_service(struct lvs_desired *d,
					      const struct lvs_service *key)
{
	struct lvs_service_entry *e = d->last;

	if (!e || !lvs_same_service_key(&e->svc, key))
		e = index_find(d, key);
	if (e)
		d->last = e;
	return e;
}

/* Add or remove one VIP; false when out of memory. */
static bool set_vip(struct lvs_desired *d, const struct lvs_vip *v, bool add)
{
	size_t i;

	for (i = 0; i < d->vips.n; i++)
		if (d->vips.vips[i].af == v->af &&
		    lvs_addr_equal(v->af, &d->vips.vips[i].addr, &v->addr))
			break;
	if (add && i == d->vips.n) {
		if (!lvs_grow((void **)&d->vips.vips, &d->cap_vips,
			      d->vips.n + 1, sizeof(*v)))
			return false;
		d->vips.vips[d->vips.n++] = *v;
	}
	if (!add && i < d->vips.n)
		d->vips.vips[i] = d->vips.vips[--d->vips.n];
	return true;
}

static const char *play_service(struct lvs_desired *d,
				struct lvs_service_entry *e,
				const struct lvs_cmd *c)
{
	switch (c->kind) {
	case LVS_CMD_ADD:
		if (e)
			return "Service already exists";
		/* The real servers of a file's services mostly follow them. */
		if (d->t.n_svcs)
			lvs_service_trim(&d->t.svcs[d->t.n_svcs - 1]);
		e = lvs_table_add(&d->t);
		if (!e)
			return "out of memory";
		e->svc = c->svc;
		e->line = c->line;
		d->last = e;
		if (2 * d->t.n_svcs > d->n_slots)
			return index_rebuild(d) ? NULL : "out of memory";
		index_put(d, d->t.n_svcs - 1);
		return NULL;
	case LVS_CMD_EDIT:
		if (!e)
			return "No such service";
		e->svc = c->svc;
		e->line = c->line;
		return NULL;
	default: /* LVS_CMD_DEL */
		if (!e)
			return "No such service";
		lvs_table_remove(&d->t, e);
		d->last = NULL;
		/* Rows after it moved up: index them anew. */
		return index_rebuild(d) ? NULL : "out of memory";
	}
}

static const char *play_dest(struct lvs_service_entry *e,
			     const struct lvs_cmd *c)
{
	struct lvs_dest_entry *de;

	if (!e)
		return "Service not defined";
	de = lvs_service_find_dest(e, &c->dest);
	if (c->kind == LVS_CMD_ADDDEST) {
		if (de)
			return "Destination already exists";
		de = lvs_service_add_dest(e);
		if (!de)
			return "out of memory";
	} else if (!de) {
		return "No such destination";
	} else if (c->kind == LVS_CMD_DELDEST) {
		lvs_service_remove_dest(e, de);
		return NULL;
	}
	de->dest = c->dest;
	de->line = c->line;
	return NULL;
}

const char *lvs_desired_play(struct lvs_desired *d, const struct lvs_cmd *c)
{
	switch (c->kind) {
	case LVS_CMD_ADD:
	case LVS_CMD_EDIT:
	case LVS_CMD_DEL:
		return play_service(d, find_service(d, &c->svc), c);
	case LVS_CMD_ADDDEST:
	case LVS_CMD_EDITDEST:
	case LVS_CMD_DELDEST:
		return play_dest(find_service(d, &c->svc), c);
	case LVS_CMD_FLUSH:
		lvs_table_free(&d->t);
		d->last = NULL;
		return index_rebuild(d) ? NULL : "out of memory";
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
			if (!set_vip(d, &c->vip.vips[i],
				     c->kind == LVS_CMD_ADDVIP))
				return "out of memory";
		return NULL;
	default:
		return "this command cannot be used with --sync";
	}
}

void lvs_desired_sort(struct lvs_desired *d)
{
	lvs_table_sort(&d->t);
	d->last = NULL;
	/* The same number of rows: the index is rebuilt in place. */
	if (d->n_slots)
		index_rebuild(d);
}

void lvs_desired_free(struct lvs_desired *d)
{
	lvs_table_free(&d->t);
	free(d->vips.vips);
	free(d->slots);
	memset(d, 0, sizeof(*d));
}
