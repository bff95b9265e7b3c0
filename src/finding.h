/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The findings of --check and --check --probe: what is wrong (a problem)
 * or worth knowing (info), about which VIP and real server, and the one
 * command that fixes it, with the host to run it on when that is not
 * this one.  Gathered first, then printed as text or JSON.
 */
#ifndef LVSADM_FINDING_H
#define LVSADM_FINDING_H

#include <stdbool.h>
#include <stdio.h>

/**
 * struct lvs_finding - one line of --check
 * @problem:	a problem (counts, exit 1), or a note
 * @vip:	the VIP concerned, or ""
 * @rs:		the real server concerned, or ""
 * @msg:	what is wrong
 * @fix:	the command that fixes it, or "" when there is no safe one
 * @fix_host:	where to run @fix, or "" for this host
 */
struct lvs_finding {
	bool problem;
	char vip[48];
	char rs[48];
	char msg[512];
	char fix[384];
	char fix_host[48];
};

struct lvs_findings {
	struct lvs_finding *v;
	size_t n, cap;
	int problems;
	bool oom; /* a finding was lost for want of memory */
};

/**
 * struct lvs_check_summary - what --check looked at
 * @roles:	"director", "standby director", "real server"
 * @text:	"director: 1 service, 4 real servers checked", or ""
 */
struct lvs_check_summary {
	const char *roles[2];
	size_t n_roles;
	size_t services, real_servers, vips;
	char text[160];
};

/* Add a finding; @vip, @rs, @fix_host and @fix may be NULL. */
void lvs_finding_add(struct lvs_findings *f, bool problem, const char *vip,
		     const char *rs, const char *fix_host, const char *fix,
		     const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/*
 * One line per finding on @out: "@label: what -- fix: command", or
 * "-- fix on HOST: command"; notes are labelled "info".
 */
void lvs_findings_print(FILE *out, const struct lvs_findings *f,
			const char *label);

void lvs_findings_free(struct lvs_findings *f);

#endif
