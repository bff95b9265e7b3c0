// SPDX-License-Identifier: GPL-2.0-or-later
#include "output.h"

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
