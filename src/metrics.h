/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --metrics: the listings in the Prometheus text exposition format 0.0.4.
 * The writer is lvs_metrics_writer (output.h); these are its pieces that
 * the unit tests reach.
 */
#ifndef LVSADM_METRICS_H
#define LVSADM_METRICS_H

#include <stddef.h>

/*
 * @s as a label value (backslash, double quote and newline escaped) at
 * @p, which has room for 2 * strlen(@s) bytes; returns the length.
 */
size_t lvs_metrics_escape(char *p, const char *s);

#endif
