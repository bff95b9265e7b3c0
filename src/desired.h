/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What a rules file describes: its lines played, in order, on an empty
 * table in memory.  Playing also checks that each line makes sense at its
 * place (a real server for a missing service, a service twice), as the
 * kernel would.  No I/O.
 */
#ifndef LVSADM_DESIRED_H
#define LVSADM_DESIRED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

/**
 * struct lvs_desired - a table, the timeouts and the VIPs on lo
 * @t:		the services and their real servers, in the order defined
 * @timeout:	the timeouts set (0: not set)
 * @timeout_line: the last --set line, 0 when none
 * @vips:	the VIPs wanted on lo
 * @vip_lines:	true when the rules have VIP lines at all: only then are
 *		lvsadm's VIPs managed
 */
struct lvs_desired {
	struct lvs_table t;
	struct lvs_timeout timeout;
	unsigned int timeout_line;
	struct lvs_vip_args vips;
	bool vip_lines;
	/* private: the lookup of services, and the room for VIPs */
	struct lvs_service_entry *last;
	uint32_t *slots;
	size_t n_slots;
	size_t cap_vips;
};

/*
 * Play one command on @d.  Returns NULL, or why it cannot apply there
 * (ipvsadm's text for what the kernel would say, or "out of memory").
 */
const char *lvs_desired_play(struct lvs_desired *d, const struct lvs_cmd *c);

/* Sort the services as the kernel layer's listings are sorted. */
void lvs_desired_sort(struct lvs_desired *d);

void lvs_desired_free(struct lvs_desired *d);

#endif
