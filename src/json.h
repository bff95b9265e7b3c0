/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --json output.  Listings are written as they go: lvs_json_begin(), one
 * lvs_json_service() per service, lvs_json_end().
 */
#ifndef LVSADM_JSON_H
#define LVSADM_JSON_H

#include <stdbool.h>
#include <stdio.h>
#include <jansson.h>

#include "model.h"

/* {"version":..,"conn_tab_size":..,"services":[  (no version if NULL) */
void lvs_json_begin(FILE *out, const struct lvs_info *info);
void lvs_json_service(FILE *out, const struct lvs_service_entry *e, bool first);
void lvs_json_end(FILE *out);

void lvs_json_timeout(FILE *out, const struct lvs_timeout *t);
void lvs_json_daemons(FILE *out, const struct lvs_daemon d[2]);
/* One connection-table entry (an element of "connections"). */
void lvs_json_conn(FILE *out, const struct lvs_conn *c);

#endif
