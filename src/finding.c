// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The findings of --check, gathered, then printed.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "finding.h"
#include "model.h"

static void copy(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src ? src : "");
}

void lvs_finding_add(struct lvs_findings *f, bool problem, const char *vip,
		     const char *rs, const char *fix_host, const char *fix,
		     const char *fmt, ...)
{
	struct lvs_finding *x;
	va_list ap;

	if (problem)
		f->problems++;
	if (!lvs_grow((void **)&f->v, &f->cap, f->n + 1, sizeof(*f->v))) {
		f->oom = true;
		return;
	}
	x = &f->v[f->n++];
	x->problem = problem;
	copy(x->vip, sizeof(x->vip), vip);
	copy(x->rs, sizeof(x->rs), rs);
	copy(x->fix_host, sizeof(x->fix_host), fix_host);
	copy(x->fix, sizeof(x->fix), fix);
	va_start(ap, fmt);
	vsnprintf(x->msg, sizeof(x->msg), fmt, ap);
	va_end(ap);
}

void lvs_findings_print(FILE *out, const struct lvs_findings *f,
			const char *label)
{
	for (size_t i = 0; i < f->n; i++) {
		const struct lvs_finding *x = &f->v[i];

		fprintf(out, "%s: %s", x->problem ? label : "info", x->msg);
		if (x->fix[0] && x->fix_host[0])
			fprintf(out, " -- fix on %s: %s", x->fix_host, x->fix);
		else if (x->fix[0])
			fprintf(out, " -- fix: %s", x->fix);
		fputc('\n', out);
	}
}

void lvs_findings_free(struct lvs_findings *f)
{
	free(f->v);
	memset(f, 0, sizeof(*f));
}
