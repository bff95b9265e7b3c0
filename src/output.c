// SPDX-License-Identifier: GPL-2.0-or-later
#include "output.h"

const struct lvs_writer *lvs_writer(unsigned int format)
{
	return format & LVS_FMT_JSON ? &lvs_json_writer : &lvs_text_writer;
}
