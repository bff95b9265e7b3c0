// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * --graceful: weight 0, wait, delete.
 *
 * The changes themselves are plans carried out by the executor: one plan
 * sets every real server to weight 0, and each deletion is a plan of one,
 * made as soon as the kernel counts no active connection on the real
 * server.  In between, the real servers' counters are read from the
 * kernel a few times a second.  Nothing here cuts a connection: a real
 * server still busy when time runs out stays at weight 0.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "addr.h"
#include "exec.h"
#include "graceful.h"
#include "signals.h"

/* How often the counters are read, and the progress shown. */
#define POLL_MS 200
#define SHOW_MS 1000

enum state {
	BUSY, /* waiting for it */
	DONE, /* deleted */
	GONE, /* someone else deleted it meanwhile */
	RAISED, /* its weight was raised meanwhile: left in place */
	KEPT, /* a service that still has real servers */
	FAILED, /* the kernel refused the deletion */
};

/**
 * struct target - one deletion to make
 * @del:	the deletion (-d or -D)
 * @weight:	the real server's weight as last read
 * @active:	its active connections as last read
 * @why:	for FAILED, the kernel's refusal
 */
struct target {
	struct lvs_cmd del;
	enum state state;
	int32_t weight;
	uint32_t active;
	char why[sizeof(((struct lvs_err *)0)->msg)];
};

struct wait {
	struct lvs_ctx *ctx;
	struct target *t;
	size_t n;
	/* The real servers of the service read last, kept for the round. */
	struct lvs_service_entry e;
	bool have_e;
};

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* "TCP 10.0.0.10:80", "FWM 5", and " -> 10.0.0.2:80" for a real server. */
static void name_of(const struct lvs_cmd *c, char *buf, size_t len)
{
	const struct lvs_service *s = &c->svc;
	char host[64];
	int n;

	if (s->fwmark) {
		n = snprintf(buf, len, "FWM %u%s", s->fwmark,
			     s->af == AF_INET6 ? " IPv6" : "");
	} else {
		lvs_format_hostport(host, sizeof(host), s->af, &s->addr,
				    s->port, s->protocol, LVS_FMT_NUMERIC);
		n = snprintf(buf, len, "%s %s", lvs_proto_name(s->protocol),
			     host);
	}
	if (c->kind != LVS_CMD_DELDEST || n < 0 || (size_t)n >= len)
		return;
	lvs_format_hostport(host, sizeof(host), c->dest.af, &c->dest.addr,
			    c->dest.port, s->protocol, LVS_FMT_NUMERIC);
	snprintf(buf + n, len - (size_t)n, " -> %s", host);
}

/* The real servers of @svc, read once per round. */
static int read_service(struct wait *w, const struct lvs_service *svc)
{
	int r;

	if (w->have_e && lvs_same_service_key(&w->e.svc, svc))
		return 0;
	free(w->e.dests);
	memset(&w->e, 0, sizeof(w->e));
	w->e.svc = *svc;
	w->have_e = false;
	r = ipvs_get_dests(w->ctx->ipvs, &w->e, true);
	if (!r)
		w->have_e = true;
	return r;
}

/* The real server @t deletes, as the kernel has it now, or NULL. */
static int find_dest(struct wait *w, const struct target *t,
		     const struct lvs_dest_entry **out)
{
	int r = read_service(w, &t->del.svc);

	*out = r ? NULL : lvs_service_find_dest(&w->e, &t->del.dest);
	return r;
}

static int read_failed(int r, struct lvs_err *err)
{
	return lvs_fail(err, LVS_EXIT_LIST, "%s",
			ipvs_strerror(IPVS_OP_GET_DESTS, -r));
}

/* Every service and real server to delete exists: else change nothing. */
static int check_all(struct wait *w, struct lvs_err *err)
{
	for (size_t i = 0; i < w->n; i++) {
		struct target *t = &w->t[i];
		const struct lvs_dest_entry *d;
		struct lvs_service_entry e;
		char name[160];
		int r;

		name_of(&t->del, name, sizeof(name));
		r = ipvs_get_service(w->ctx->ipvs, &t->del.svc, &e);
		free(e.dests);
		if (r == -ESRCH || r == -ENOENT)
			return lvs_fail(err, LVS_EXIT_KERNEL,
					"%s: %s; nothing changed", name,
					ipvs_strerror(ipvs_cmd_op(t->del.kind),
						      ESRCH));
		if (r)
			return lvs_fail(err, LVS_EXIT_LIST, "%s",
					ipvs_strerror(IPVS_OP_GET_SERVICE, -r));
		if (t->del.kind != LVS_CMD_DELDEST)
			continue;
		r = find_dest(w, t, &d);
		if (r)
			return read_failed(r, err);
		if (!d)
			return lvs_fail(
				err, LVS_EXIT_KERNEL, "%s: %s; nothing changed",
				name, ipvs_strerror(IPVS_OP_DEL_DEST, ENOENT));
		t->weight = d->dest.weight;
		t->active = d->activeconns;
	}
	return 0;
}

/* The first step, one plan: every real server to weight 0. */
static int weigh_zero(struct wait *w, struct lvs_err *err)
{
	struct lvs_cmd *cmds = calloc(w->n ? w->n : 1, sizeof(*cmds));
	struct lvs_exec how = { 0 };
	struct lvs_plan p = { 0 };
	int r = 0;

	if (!cmds)
		return lvs_fail(err, LVS_EXIT_SYSTEM, "out of memory");
	for (size_t i = 0; i < w->n && !r; i++) {
		struct target *t = &w->t[i];
		const struct lvs_dest_entry *d;
		struct lvs_cmd *c = &cmds[i];

		if (t->del.kind != LVS_CMD_DELDEST || !t->weight)
			continue;
		r = find_dest(w, t, &d);
		if (r) {
			r = read_failed(r, err);
			break;
		}
		if (!d)
			continue; /* gone already: the loop sees it */
		/* Everything as it is but the weight. */
		c->kind = LVS_CMD_EDITDEST;
		c->svc = t->del.svc;
		c->dest = d->dest;
		c->dest.weight = 0;
		if (lvs_plan_cmd(&p, c))
			r = lvs_fail(err, LVS_EXIT_SYSTEM, "out of memory");
	}
	if (!r && p.n)
		r = lvs_exec_plan(w->ctx, &p, &how, err);
	lvs_plan_free(&p);
	free(cmds);
	return r;
}

/* Make the deletion of @t, a plan of one. */
static void delete (struct wait *w, struct target *t)
{
	struct lvs_exec how = { 0 };
	struct lvs_plan p = { 0 };
	struct lvs_err e = { 0 };

	if (lvs_plan_cmd(&p, &t->del) || lvs_exec_plan(w->ctx, &p, &how, &e)) {
		t->state = FAILED;
		snprintf(t->why, sizeof(t->why), "%s",
			 p.n ? e.msg : "out of memory");
	} else {
		t->state = DONE;
	}
	lvs_plan_free(&p);
	/* What was read before may be out of date now. */
	w->have_e = false;
}

/* A real server: gone, put back in service, still busy, or idle. */
static int visit_dest(struct wait *w, struct target *t)
{
	const struct lvs_dest_entry *d;
	int r = find_dest(w, t, &d);

	if (r)
		return r;
	if (!d) {
		t->state = GONE;
		return 0;
	}
	t->weight = d->dest.weight;
	t->active = d->activeconns;
	if (t->weight)
		t->state = RAISED;
	else if (!t->active)
		delete (w, t);
	return 0;
}

/* A service goes once the real servers to delete from it have. */
static int visit_service(struct wait *w, struct target *t)
{
	struct lvs_service_entry e;
	int r;

	for (size_t i = 0; i < w->n; i++) {
		const struct target *o = &w->t[i];

		if (o->del.kind != LVS_CMD_DELDEST ||
		    !lvs_same_service_key(&o->del.svc, &t->del.svc))
			continue;
		if (o->state == BUSY)
			return 0;
		if (o->state == RAISED || o->state == FAILED) {
			t->state = KEPT;
			return 0;
		}
	}
	r = ipvs_get_service(w->ctx->ipvs, &t->del.svc, &e);
	free(e.dests);
	if (r == -ESRCH || r == -ENOENT) {
		t->state = GONE;
		return 0;
	}
	if (r)
		return r;
	w->have_e = false;
	r = read_service(w, &t->del.svc);
	if (r)
		return r;
	/* Someone added a real server meanwhile: deleting would cut it. */
	if (w->e.n_dests)
		t->state = KEPT;
	else
		delete (w, t);
	return 0;
}

/* One round: read every real server still waited for, delete the idle. */
static int round_once(struct wait *w)
{
	int r = 0;

	w->have_e = false;
	for (size_t i = 0; i < w->n && !r; i++)
		if (w->t[i].state == BUSY &&
		    w->t[i].del.kind == LVS_CMD_DELDEST)
			r = visit_dest(w, &w->t[i]);
	for (size_t i = 0; i < w->n && !r; i++)
		if (w->t[i].state == BUSY && w->t[i].del.kind == LVS_CMD_DEL)
			r = visit_service(w, &w->t[i]);
	return r;
}

/* Real servers still waited for, and their active connections. */
static size_t busy(const struct wait *w, uint64_t *active)
{
	size_t n = 0;

	*active = 0;
	for (size_t i = 0; i < w->n; i++)
		if (w->t[i].state == BUSY &&
		    w->t[i].del.kind == LVS_CMD_DELDEST) {
			n++;
			*active += w->t[i].active;
		}
	return n;
}

static size_t pending(const struct wait *w)
{
	size_t n = 0;

	for (size_t i = 0; i < w->n; i++)
		n += w->t[i].state == BUSY;
	return n;
}

/* The progress line on a terminal, written over itself. */
static void show(const struct wait *w, long long left_ms)
{
	FILE *out = w->ctx->out;
	char name[160];
	uint64_t active;
	size_t n = busy(w, &active);
	long long left = (left_ms + 999) / 1000;

	if (!n)
		return;
	if (n == 1) {
		for (size_t i = 0; i < w->n; i++)
			if (w->t[i].state == BUSY &&
			    w->t[i].del.kind == LVS_CMD_DELDEST)
				name_of(&w->t[i].del, name, sizeof(name));
		fprintf(out,
			"\r%s: %llu active connection%s, %lld s left\033[K",
			name, (unsigned long long)active,
			active == 1 ? "" : "s", left);
	} else {
		fprintf(out,
			"\r%zu real servers busy, %llu active connection%s, %lld s left\033[K",
			n, (unsigned long long)active, active == 1 ? "" : "s",
			left);
	}
	fflush(out);
}

/* Sleep @ms, or less when a signal comes. */
static void nap(long long ms)
{
	struct timespec ts = { .tv_sec = ms / 1000,
			       .tv_nsec = (ms % 1000) * 1000000 };

	if (ms > 0)
		nanosleep(&ts, NULL);
}

/*
 * Name each deletion not made on ctx->diag, and count them: @left[0] real
 * servers, @left[1] services.  True when the kernel refused one.
 */
static bool report(const struct wait *w, bool tty, size_t left[2])
{
	FILE *diag = w->ctx->diag;
	bool refused = false;
	char name[160];

	left[0] = left[1] = 0;
	for (size_t i = 0; i < w->n; i++) {
		const struct target *t = &w->t[i];

		name_of(&t->del, name, sizeof(name));
		switch (t->state) {
		case DONE:
			if (tty)
				fprintf(w->ctx->out, "%s: deleted\n", name);
			continue;
		case GONE:
			continue;
		case BUSY:
			if (t->del.kind == LVS_CMD_DELDEST)
				fprintf(diag,
					"%s: %u active connection%s left; it stays at weight 0, not deleted\n",
					name, t->active,
					t->active == 1 ? "" : "s");
			else
				fprintf(diag,
					"%s: not deleted, its real servers are still busy\n",
					name);
			break;
		case RAISED:
			fprintf(diag,
				"%s: its weight was set to %d meanwhile; left in place\n",
				name, t->weight);
			break;
		case KEPT:
			fprintf(diag,
				"%s: not deleted, it still has real servers\n",
				name);
			break;
		case FAILED:
			fprintf(diag, "%s: %s\n", name, t->why);
			refused = true;
			break;
		}
		left[t->del.kind == LVS_CMD_DEL]++;
	}
	return refused;
}

/* "1 real server and 2 services" */
static void count_text(const size_t left[2], char *buf, size_t len)
{
	int n = 0;

	if (left[0])
		n = snprintf(buf, len, "%zu real server%s", left[0],
			     left[0] == 1 ? "" : "s");
	if (left[1] && n >= 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n, "%s%zu service%s",
			 n ? " and " : "", left[1], left[1] == 1 ? "" : "s");
}

static int wait_all(struct wait *w, uint32_t seconds, struct lvs_err *err)
{
	FILE *out = w->ctx->out;
	bool tty = isatty(fileno(out)), refused;
	long long deadline = now_ms() + seconds * 1000LL;
	long long shown = -SHOW_MS, t;
	char reason[64] = "", what[96] = "";
	size_t left[2];
	int sig = 0, r;

	for (;;) {
		r = round_once(w);
		if (r || !pending(w))
			break;
		if ((sig = lvs_stop_requested())) {
			snprintf(reason, sizeof(reason),
				 "interrupted by %s: stopped waiting, ",
				 sig == SIGINT ? "SIGINT" : "SIGTERM");
			break;
		}
		t = now_ms();
		if (t >= deadline) {
			snprintf(reason, sizeof(reason),
				 "timed out after %u s: ", seconds);
			break;
		}
		if (tty && t - shown >= SHOW_MS) {
			show(w, deadline - t);
			shown = t;
		}
		nap(deadline - t < POLL_MS ? deadline - t : POLL_MS);
	}
	if (tty && shown >= 0) {
		fputs("\r\033[K", out);
		fflush(out);
	}
	if (r)
		return read_failed(r, err);
	refused = report(w, tty, left);
	if (!left[0] && !left[1])
		return 0;
	count_text(left, what, sizeof(what));
	return lvs_fail(err, refused ? LVS_EXIT_KERNEL : LVS_EXIT_PROBLEMS,
			"%s%s not deleted (no connection was cut)", reason,
			what);
}

int lvs_graceful(struct lvs_ctx *ctx, const struct lvs_plan *dels,
		 uint32_t seconds, struct lvs_err *err)
{
	struct wait w = { .ctx = ctx };
	struct lvs_cmd buf;
	int r;

	if (lvs_need_ipvs(ctx, err))
		return -1;
	w.t = calloc(dels->n ? dels->n : 1, sizeof(*w.t));
	if (!w.t)
		return lvs_fail(err, LVS_EXIT_SYSTEM, "out of memory");
	for (size_t i = 0; i < dels->n; i++) {
		const struct lvs_cmd *c = lvs_change_cmd(&dels->c[i], &buf);

		if (c->kind != LVS_CMD_DELDEST && c->kind != LVS_CMD_DEL)
			continue;
		w.t[w.n].del = *c;
		/* The deletion owns nothing: it is sent, never freed. */
		memset(&w.t[w.n].del.vip, 0, sizeof(w.t[w.n].del.vip));
		w.t[w.n].del.file = NULL;
		w.n++;
	}
	/* From here on, a signal stops the wait, not the process. */
	r = lvs_stop_catch();
	if (r)
		r = lvs_fail(err, LVS_EXIT_SYSTEM, "cannot catch signals: %s",
			     strerror(-r));
	if (!r)
		r = check_all(&w, err);
	if (!r)
		r = weigh_zero(&w, err);
	if (!r)
		r = wait_all(&w, seconds, err);
	lvs_stop_release();
	free(w.e.dests);
	free(w.t);
	return r;
}
