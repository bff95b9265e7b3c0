/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The one output path of the listings.  A command hands each thing it
 * shows to the writer of the format asked for, and never branches on the
 * format itself: ipvsadm's text (print.c), lvsadm's JSON (json.c) or
 * Prometheus metrics (metrics.c).
 */
#ifndef LVSADM_OUTPUT_H
#define LVSADM_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "finding.h"
#include "model.h"

/**
 * struct lvs_writer - how one format writes each kind of listing
 * @begin:	before the services; @info is NULL when one service is
 *		listed (no version line)
 * @title:	the column titles, once the services are known
 * @service:	a service and its real servers; @first for the first one
 * @globals:	with the whole table, before @end, for the writers that
 *		show the timeouts and sync daemons there (NULL: none)
 * @end:	after the services; the entries given to @service stay
 *		valid until then; returns 0, or -ENOMEM when the writer ran
 *		out of memory and printed nothing
 * @timeout:	--timeout
 * @daemons:	--daemon
 * @conns_begin: -c, before the connections
 * @conn:	one connection; @first for the first one
 * @conns_end:	-c, after them
 * @vips:	--list-vips
 * @arp_strict: --arp-strict without on or off: whether it is @on, and
 *		the sysctls of @r (its rows are unused)
 * @check:	--check: the findings @f, and what was checked (@s)
 */
struct lvs_writer {
	void (*begin)(FILE *out, const struct lvs_info *info,
		      unsigned int format);
	void (*title)(FILE *out, unsigned int format);
	void (*service)(FILE *out, const struct lvs_service_entry *e,
			unsigned int format, bool first);
	void (*globals)(FILE *out, const struct lvs_timeout *t,
			const struct lvs_daemon d[2]);
	int (*end)(FILE *out, unsigned int format);
	void (*timeout)(FILE *out, const struct lvs_timeout *t);
	void (*daemons)(FILE *out, const struct lvs_daemon d[2]);
	void (*conns_begin)(FILE *out, unsigned int format);
	void (*conn)(FILE *out, const struct lvs_conn *c, unsigned int format,
		     bool first);
	void (*conns_end)(FILE *out, unsigned int format);
	void (*vips)(FILE *out, const struct lvs_vip_report *r);
	void (*arp_strict)(FILE *out, bool on, const struct lvs_vip_report *r);
	void (*check)(FILE *out, const struct lvs_check_summary *s,
		      const struct lvs_findings *f);
};

/* The writers, defined with their formats. */
extern const struct lvs_writer lvs_text_writer; /* print.c */
extern const struct lvs_writer lvs_json_writer; /* json.c */
extern const struct lvs_writer lvs_metrics_writer; /* metrics.c */

/*
 * The counters of struct lvs_stats, in ipvsadm's order: the totals
 * (--stats), then the rates (--rate).
 */
enum lvs_stat {
	LVS_STAT_CONNS,
	LVS_STAT_INPKTS,
	LVS_STAT_OUTPKTS,
	LVS_STAT_INBYTES,
	LVS_STAT_OUTBYTES,
	LVS_STAT_CPS,
	LVS_STAT_INPPS,
	LVS_STAT_OUTPPS,
	LVS_STAT_INBPS,
	LVS_STAT_OUTBPS,
	LVS_NUM_STATS
};

/* How many counters the totals are, and the rates. */
#define LVS_STAT_GROUP 5

uint64_t lvs_stat(const struct lvs_stats *s, enum lvs_stat f);

/**
 * struct lvs_obuf - a buffer in front of a stream: a listing is many
 * small pieces, which go out to @out in large writes
 * @out:	the stream
 * @buf:	@size bytes, of which @n are waiting
 */
struct lvs_obuf {
	FILE *out;
	char *buf;
	size_t size;
	size_t n;
};

void lvs_obuf_flush(struct lvs_obuf *b);

/*
 * Where @len more bytes can go (@len is at most @size): write them there
 * and add @len to @n.
 */
static inline char *lvs_obuf_room(struct lvs_obuf *b, size_t len)
{
	if (b->n + len > b->size)
		lvs_obuf_flush(b);
	return b->buf + b->n;
}

/* @len bytes of @s, of any length. */
void lvs_obuf_put(struct lvs_obuf *b, const char *s, size_t len);

/* For a writer's steps that write nothing in its format. */
void lvs_write_nothing(FILE *out, unsigned int format);

/* The writer for @format (LVS_FMT_JSON, LVS_FMT_METRICS or neither). */
const struct lvs_writer *lvs_writer(unsigned int format);

#endif
