/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Printers: the list formats and the save (rules) format, byte for byte
 * as ipvsadm prints them.
 */
#ifndef LVSADM_PRINT_H
#define LVSADM_PRINT_H

#include <stdio.h>

#include "model.h"

/* "IP Virtual Server version x.y.z (size=n)" */
void lvs_print_header(FILE *out, const struct lvs_info *info);
/* The column titles for @format (nothing for the rules format). */
void lvs_print_title(FILE *out, unsigned int format);
/* A service and its destinations, in the order they are stored. */
void lvs_print_service(FILE *out, const struct lvs_service_entry *e,
		       unsigned int format);
/* The -b flag names of @s, comma-separated; empty when none are set. */
void lvs_sched_flags_text(const struct lvs_service *s, char *buf, size_t len);

/* A change command (-A -E -D -a -e -d --set) as a rules line. */
void lvs_print_change(FILE *out, const struct lvs_cmd *cmd);
void lvs_print_timeout(FILE *out, const struct lvs_timeout *t);
void lvs_print_daemons(FILE *out, const struct lvs_daemon d[2]);
/*
 * How a service is named: "TCP  a:p" or "FWM  n" in listings, "-t a:p" or
 * "-f n" with LVS_FMT_RULE.
 */
void lvs_service_name(const struct lvs_service *s, unsigned int format,
		      char *buf, size_t len);
/* A counter in --stats/--rate columns: scaled, or exact with -X. */
void lvs_print_number(FILE *out, uint64_t n, unsigned int format);

#endif
