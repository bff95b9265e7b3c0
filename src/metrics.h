/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --metrics: the listings in the Prometheus text exposition format 0.0.4.
 * The writer is lvs_metrics_writer (output.h); these are its pieces that
 * the unit tests reach.
 */
#ifndef LVSADM_METRICS_H
#define LVSADM_METRICS_H

#include <stddef.h>
#include <stdint.h>

/* @v in decimal at @p, no terminator; returns the length (at most 20). */
size_t lvs_metrics_u64(char *p, uint64_t v);

/* @v in decimal at @p, with a '-' when negative; at most 20 bytes. */
size_t lvs_metrics_i64(char *p, int64_t v);

/*
 * @s as a label value (backslash, double quote and newline escaped) at
 * @p, which has room for 2 * strlen(@s) bytes; returns the length.
 */
size_t lvs_metrics_escape(char *p, const char *s);

#endif
