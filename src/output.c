// SPDX-License-Identifier: GPL-2.0-or-later
#include <stddef.h>
#include <string.h>

#include "output.h"

uint64_t lvs_stat(const struct lvs_stats *s, enum lvs_stat f)
{
	static const size_t at[LVS_NUM_STATS] = {
		[LVS_STAT_CONNS] = offsetof(struct lvs_stats, conns),
		[LVS_STAT_INPKTS] = offsetof(struct lvs_stats, inpkts),
		[LVS_STAT_OUTPKTS] = offsetof(struct lvs_stats, outpkts),
		[LVS_STAT_INBYTES] = offsetof(struct lvs_stats, inbytes),
		[LVS_STAT_OUTBYTES] = offsetof(struct lvs_stats, outbytes),
		[LVS_STAT_CPS] = offsetof(struct lvs_stats, cps),
		[LVS_STAT_INPPS] = offsetof(struct lvs_stats, inpps),
		[LVS_STAT_OUTPPS] = offsetof(struct lvs_stats, outpps),
		[LVS_STAT_INBPS] = offsetof(struct lvs_stats, inbps),
		[LVS_STAT_OUTBPS] = offsetof(struct lvs_stats, outbps),
	};
	uint64_t v;

	memcpy(&v, (const char *)s + at[f], sizeof(v));
	return v;
}

void lvs_obuf_flush(struct lvs_obuf *b)
{
	fwrite(b->buf, 1, b->n, b->out);
	b->n = 0;
}

void lvs_obuf_put(struct lvs_obuf *b, const char *s, size_t len)
{
	if (len > b->size) {
		lvs_obuf_flush(b);
		fwrite(s, 1, len, b->out);
		return;
	}
	memcpy(lvs_obuf_room(b, len), s, len);
	b->n += len;
}

const struct lvs_writer *lvs_writer(unsigned int format)
{
	if (format & LVS_FMT_METRICS)
		return &lvs_metrics_writer;
	return format & LVS_FMT_JSON ? &lvs_json_writer : &lvs_text_writer;
}

void lvs_write_nothing(FILE *out, unsigned int format)
{
	(void)out;
	(void)format;
}
