// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Table storage and ordering.
 *
 * The ordering is ipvsadm's (fwmark, family, protocol, address, port for
 * services; address, port for destinations) but compares instead of
 * subtracting, so addresses and fwmarks that differ by 2^31 or more keep
 * their true order.
 */
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "model.h"

const struct lvs_sched_flag lvs_sched_flags[] = {
	{ "sh-fallback", IP_VS_SVC_F_SCHED_SH_FALLBACK, "sh" },
	{ "sh-port", IP_VS_SVC_F_SCHED_SH_PORT, "sh" },
	{ "mh-fallback", IP_VS_SVC_F_SCHED_MH_FALLBACK, "mh" },
	{ "mh-port", IP_VS_SVC_F_SCHED_MH_PORT, "mh" },
	{ "flag-1", IP_VS_SVC_F_SCHED1, NULL },
	{ "flag-2", IP_VS_SVC_F_SCHED2, NULL },
	{ "flag-3", IP_VS_SVC_F_SCHED3, NULL },
};
const size_t lvs_num_sched_flags =
	sizeof(lvs_sched_flags) / sizeof(lvs_sched_flags[0]);

static const struct lvs_fwd_name fwd_names[] = {
	{ IP_VS_CONN_F_MASQ, "Masq", "-m", "masq" },
	{ IP_VS_CONN_F_LOCALNODE, "Local", "-g", "local" },
	{ IP_VS_CONN_F_TUNNEL, "Tunnel", "-i", "tunnel" },
	{ IP_VS_CONN_F_DROUTE, "Route", "-g", "route" },
};

const struct lvs_fwd_name *lvs_fwd_name(uint32_t fwd)
{
	for (size_t i = 0; i < sizeof(fwd_names) / sizeof(fwd_names[0]); i++)
		if (fwd_names[i].fwd == (fwd & IP_VS_CONN_F_FWD_MASK))
			return &fwd_names[i];
	return NULL;
}

const struct lvs_fwd_name *lvs_fwd_by_list_name(const char *list)
{
	for (size_t i = 0; i < sizeof(fwd_names) / sizeof(fwd_names[0]); i++)
		if (!strcmp(fwd_names[i].list, list))
			return &fwd_names[i];
	return NULL;
}

const char *const lvs_tun_names[IP_VS_CONN_F_TUNNEL_TYPE_MAX] = {
	[IP_VS_CONN_F_TUNNEL_TYPE_IPIP] = "ipip",
	[IP_VS_CONN_F_TUNNEL_TYPE_GUE] = "gue",
	[IP_VS_CONN_F_TUNNEL_TYPE_GRE] = "gre",
};

bool lvs_grow(void **arr, size_t *cap, size_t need, size_t elem)
{
	size_t ncap;
	void *p;

	if (need <= *cap)
		return true;
	/* Sixteen at first: a service's real servers mostly fit. */
	ncap = *cap ? *cap * 2 : 16;
	while (ncap < need)
		ncap *= 2;
	p = realloc(*arr, ncap * elem);
	if (!p)
		return false;
	*arr = p;
	*cap = ncap;
	return true;
}

void lvs_table_free(struct lvs_table *t)
{
	for (size_t i = 0; i < t->n_svcs; i++)
		free(t->svcs[i].dests);
	free(t->svcs);
	memset(t, 0, sizeof(*t));
}

void *lvs_push(void *arr, size_t *n, size_t *cap, size_t elem)
{
	void **a = arr;
	char *e;

	if (!lvs_grow(a, cap, *n + 1, elem))
		return NULL;
	e = (char *)*a + (*n)++ * elem;
	memset(e, 0, elem);
	return e;
}

struct lvs_service_entry *lvs_table_add(struct lvs_table *t)
{
	return lvs_push(&t->svcs, &t->n_svcs, &t->cap_svcs, sizeof(*t->svcs));
}

void lvs_service_trim(struct lvs_service_entry *e)
{
	struct lvs_dest_entry *d;

	if (e->n_dests == e->cap_dests || !e->n_dests)
		return;
	/* Shrinking in place cannot fail for want of memory; if it does,
	 * the larger array is kept. */
	d = realloc(e->dests, e->n_dests * sizeof(*d));
	if (!d)
		return;
	e->dests = d;
	e->cap_dests = e->n_dests;
}

struct lvs_dest_entry *lvs_service_add_dest(struct lvs_service_entry *e)
{
	return lvs_push(&e->dests, &e->n_dests, &e->cap_dests,
			sizeof(*e->dests));
}

void lvs_cmd_free(struct lvs_cmd *cmd)
{
	switch (cmd->kind) {
	case LVS_CMD_ADDVIP:
	case LVS_CMD_DELVIP:
	case LVS_CMD_LISTVIPS:
	case LVS_CMD_CHECK:
		free(cmd->vip.vips);
		cmd->vip.vips = NULL;
		cmd->vip.n = 0;
		break;
	case LVS_CMD_RESTORE:
		free(cmd->file);
		cmd->file = NULL;
		break;
	default:
		break;
	}
}

bool lvs_addr_equal(int af, const union lvs_addr *a, const union lvs_addr *b)
{
	/* Word by word: a call to memcmp() costs more than the comparison. */
	if (af != AF_INET6)
		return a->w[0] == b->w[0];
	return a->w[0] == b->w[0] && a->w[1] == b->w[1] && a->w[2] == b->w[2] &&
	       a->w[3] == b->w[3];
}

void lvs_host_free(struct lvs_host *h)
{
	free(h->links);
	free(h->addrs);
	memset(h, 0, sizeof(*h));
}

const struct lvs_link *lvs_host_link(const struct lvs_host *h, int ifindex)
{
	for (size_t i = 0; i < h->n_links; i++)
		if (h->links[i].ifindex == ifindex)
			return &h->links[i];
	return NULL;
}

const struct lvs_link *lvs_host_link_by_name(const struct lvs_host *h,
					     const char *name)
{
	for (size_t i = 0; i < h->n_links; i++)
		if (!strcmp(h->links[i].name, name))
			return &h->links[i];
	return NULL;
}

static int cmp_u32(uint32_t a, uint32_t b)
{
	return (a > b) - (a < b);
}

static int cmp_addr(int af, const union lvs_addr *a, const union lvs_addr *b)
{
	int words = af == AF_INET6 ? 4 : 1;
	int r = 0;

	for (int i = 0; !r && i < words; i++)
		r = cmp_u32(ntohl(a->w[i]), ntohl(b->w[i]));
	return r;
}

int lvs_cmp_services(const struct lvs_service *a, const struct lvs_service *b)
{
	int r;

	if ((r = cmp_u32(a->fwmark, b->fwmark)))
		return r;
	if ((r = cmp_u32(a->af, b->af)))
		return r;
	if ((r = cmp_u32(a->protocol, b->protocol)))
		return r;
	if ((r = cmp_addr(a->af, &a->addr, &b->addr)))
		return r;
	return cmp_u32(a->port, b->port);
}

int lvs_cmp_dests(const struct lvs_dest *a, const struct lvs_dest *b)
{
	int r = cmp_addr(a->af, &a->addr, &b->addr);

	return r ? r : cmp_u32(a->port, b->port);
}

uint32_t lvs_hash_words(const uint32_t *w, size_t n)
{
	uint32_t h = 2166136261U;

	for (size_t i = 0; i < n; i++) {
		h ^= w[i];
		/* A full avalanche per word (murmur3's finaliser). */
		h ^= h >> 16;
		h *= 0x85ebca6bU;
		h ^= h >> 13;
		h *= 0xc2b2ae35U;
		h ^= h >> 16;
	}
	return h;
}

bool lvs_same_service_key(const struct lvs_service *a,
			  const struct lvs_service *b)
{
	if (a->fwmark != b->fwmark || a->af != b->af)
		return false;
	return a->fwmark || (a->protocol == b->protocol && a->port == b->port &&
			     lvs_addr_equal(a->af, &a->addr, &b->addr));
}

static bool same_dest_key(const struct lvs_dest *a, const struct lvs_dest *b)
{
	return a->af == b->af && a->port == b->port &&
	       lvs_addr_equal(a->af, &a->addr, &b->addr);
}

struct lvs_dest_entry *lvs_service_find_dest(const struct lvs_service_entry *e,
					     const struct lvs_dest *key)
{
	for (size_t i = 0; i < e->n_dests; i++)
		if (same_dest_key(&e->dests[i].dest, key))
			return &e->dests[i];
	return NULL;
}

struct lvs_dest_entry *
lvs_service_find_dest_near(const struct lvs_service_entry *e,
			   const struct lvs_dest *key, size_t i)
{
	size_t j = e->n_dests - 1 - i;

	if (i < e->n_dests && same_dest_key(&e->dests[i].dest, key))
		return &e->dests[i];
	if (i < e->n_dests && same_dest_key(&e->dests[j].dest, key))
		return &e->dests[j];
	return lvs_service_find_dest(e, key);
}

void lvs_table_remove(struct lvs_table *t, struct lvs_service_entry *e)
{
	size_t i = (size_t)(e - t->svcs);

	free(e->dests);
	memmove(e, e + 1, (t->n_svcs - i - 1) * sizeof(*e));
	t->n_svcs--;
}

void lvs_service_remove_dest(struct lvs_service_entry *e,
			     struct lvs_dest_entry *d)
{
	size_t i = (size_t)(d - e->dests);

	memmove(d, d + 1, (e->n_dests - i - 1) * sizeof(*d));
	e->n_dests--;
}

static int qcmp_services(const void *a, const void *b)
{
	const struct lvs_service_entry *x = a, *y = b;

	return lvs_cmp_services(&x->svc, &y->svc);
}

static int qcmp_dests(const void *a, const void *b)
{
	const struct lvs_dest_entry *x = a, *y = b;

	return lvs_cmp_dests(&x->dest, &y->dest);
}

void lvs_table_sort(struct lvs_table *t)
{
	size_t i = 1;

	/* A file written by -S is in order already: look before sorting. */
	while (i < t->n_svcs &&
	       lvs_cmp_services(&t->svcs[i - 1].svc, &t->svcs[i].svc) <= 0)
		i++;
	if (i < t->n_svcs)
		qsort(t->svcs, t->n_svcs, sizeof(*t->svcs), qcmp_services);
}

void lvs_service_sort_dests(struct lvs_service_entry *e)
{
	if (e->n_dests > 1)
		qsort(e->dests, e->n_dests, sizeof(*e->dests), qcmp_dests);
}

const char *const lvs_cmd_names[LVS_NUM_CMDS] = {
	[LVS_CMD_ADD] = "add-service",
	[LVS_CMD_EDIT] = "edit-service",
	[LVS_CMD_DEL] = "delete-service",
	[LVS_CMD_FLUSH] = "flush",
	[LVS_CMD_LIST] = "list",
	[LVS_CMD_ADDDEST] = "add-server",
	[LVS_CMD_DELDEST] = "delete-server",
	[LVS_CMD_EDITDEST] = "edit-server",
	[LVS_CMD_TIMEOUT] = "set",
	[LVS_CMD_STARTDAEMON] = "start-daemon",
	[LVS_CMD_STOPDAEMON] = "stop-daemon",
	[LVS_CMD_RESTORE] = "restore",
	[LVS_CMD_SAVE] = "save",
	[LVS_CMD_ZERO] = "zero",
	[LVS_CMD_ADDVIP] = "add-vip",
	[LVS_CMD_DELVIP] = "delete-vip",
	[LVS_CMD_LISTVIPS] = "list-vips",
	[LVS_CMD_CHECK] = "check",
	[LVS_CMD_ARPSTRICT] = "arp-strict",
};
