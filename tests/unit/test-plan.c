// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The planner, without a kernel: from a live table and the wanted one to
 * the ordered changes and their undo.  Every case also checks that the
 * plan, played on the live table, gives the wanted one, and that its undo,
 * played newest first, gives the live one back.
 */
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "desired.h"
#include "plan.h"
#include "print.h"
#include "restore.h"
#include "tap.h"

/* Rules text (lines separated by ';') played into @d. */
static void load(struct lvs_desired *d, struct lvs_rules *r, const char *text)
{
	char *buf = strdup(text);
	struct lvs_err err;
	FILE *in;

	for (char *s = buf; *s; s++)
		if (*s == ';')
			*s = '\n';
	in = fmemopen(buf, strlen(buf), "r");
	memset(r, 0, sizeof(*r));
	memset(d, 0, sizeof(*d));
	if (lvs_rules_read(in, "rules", "lvsadm", r, stderr, &err))
		tap_ok(0, "the test's rules parse: %s", text);
	for (size_t i = 0; i < r->n; i++) {
		const char *why = lvs_desired_play(d, &r->cmds[i]);

		if (why)
			tap_ok(0, "the test's rules play: %s", why);
	}
	fclose(in);
	free(buf);
}

/* The table as -S -n prints it, real servers sorted. */
static char *saved(struct lvs_desired *d)
{
	struct lvs_table *t = &d->t;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	lvs_desired_sort(d);
	for (size_t i = 0; i < t->n_svcs; i++) {
		lvs_service_sort_dests(&t->svcs[i]);
		lvs_print_service(out, &t->svcs[i],
				  LVS_FMT_RULE | LVS_FMT_NUMERIC);
	}
	fclose(out);
	return text;
}

/* The plan's changes as rules lines, one per change. */
static char *changes(const struct lvs_change *c, size_t n)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	struct lvs_cmd buf;

	for (size_t i = 0; i < n; i++) {
		const struct lvs_cmd *cmd = lvs_change_cmd(&c[i], &buf);

		if (cmd->kind == LVS_CMD_ADDVIP || cmd->kind == LVS_CMD_DELVIP)
			fprintf(out, "%s %zu\n",
				cmd->kind == LVS_CMD_ADDVIP ? "--add-vip" :
							      "--delete-vip",
				cmd->vip.n);
		else
			lvs_print_change(out, cmd);
	}
	fclose(out);
	return text;
}

/* Play @n changes on @d; false when one cannot apply. */
static bool play(struct lvs_desired *d, const struct lvs_change *c, size_t n,
		 bool backwards)
{
	struct lvs_cmd buf;

	for (size_t k = 0; k < n; k++) {
		size_t i = backwards ? n - 1 - k : k;

		if (lvs_desired_play(d, lvs_change_cmd(&c[i], &buf)))
			return false;
	}
	return true;
}

/* Compare the tables @x and @y as -S -n prints them. */
static void same_table(struct lvs_desired *x, struct lvs_desired *y,
		       const char *name)
{
	char *a = saved(x), *b = saved(y);

	tap_str(a, b, name);
	free(a);
	free(b);
}

/*
 * A case: the live table, the wanted one, a copy of the live one to play
 * the plan on, and the plan.
 */
struct plan_case {
	struct lvs_desired l, w, result;
	struct lvs_rules rl, rw, rr;
	struct lvs_plan p;
};

static void case_load(struct plan_case *c, const char *live, const char *want)
{
	memset(&c->p, 0, sizeof(c->p));
	load(&c->l, &c->rl, live);
	load(&c->w, &c->rw, want);
	load(&c->result, &c->rr, live);
}

static void case_free(struct plan_case *c)
{
	lvs_plan_free(&c->p);
	lvs_desired_free(&c->l);
	lvs_desired_free(&c->w);
	lvs_desired_free(&c->result);
	lvs_rules_free(&c->rl);
	lvs_rules_free(&c->rw);
	lvs_rules_free(&c->rr);
}

/*
 * Compare the plan of @c with @expect (its changes as rules lines); check
 * that every change applies (@applies names them), that the result is the
 * wanted table (the check @wanted names; none when NULL) and that the undo
 * makes the live one again.
 */
static void check_played(struct plan_case *c, const char *name,
			 const char *expect, const char *applies,
			 const char *wanted)
{
	char *got = changes(c->p.c, c->p.n);

	tap_str(got, expect, name);
	free(got);
	tap_ok(play(&c->result, c->p.c, c->p.n, false), "%s: %s", name,
	       applies);
	if (wanted)
		same_table(&c->result, &c->w, wanted);
	/* Undo: each change's undo list, the changes newest first. */
	for (size_t i = c->p.n; i-- > 0;)
		if (!play(&c->result, &c->p.undo[c->p.c[i].undo],
			  c->p.c[i].n_undo, false))
			tap_ok(0, "%s: undo of change %zu applies", name, i);
	same_table(&c->result, &c->l, "its undo makes the live table again");
}

/*
 * Plan @want against @live (rules texts) and compare the plan with
 * @expect (its changes as rules lines); then check that the plan makes
 * the wanted table and that the undo makes the live one again.
 */
static void check_plan(const char *name, const char *live, const char *want,
		       bool drain, const char *expect)
{
	struct lvs_timeout live_to = { 0 };
	struct plan_case c;

	case_load(&c, live, want);
	if (tap_ok(!lvs_plan_table(&c.p, &c.l.t, &live_to, &c.w, drain),
		   "%s: planned", name))
		check_played(&c, name, expect, "every change applies",
			     drain ? NULL : "the plan makes the wanted table");
	case_free(&c);
}

#define SVC "-A -t 10.0.0.1:80 -s rr;"
#define RS1 "-a -t 10.0.0.1:80 -r 10.0.1.1:80 -g -w 1;"
#define RS2 "-a -t 10.0.0.1:80 -r 10.0.1.2:80 -g -w 1;"

static void test_table(void)
{
	check_plan("nothing to do", SVC RS1 RS2, SVC RS2 RS1, false, "");
	check_plan("into an empty table", "", SVC RS1 RS2 "-A -f 7 -s wlc;",
		   false,
		   "-A -t 10.0.0.1:80 -s rr\n"
		   "-a -t 10.0.0.1:80 -r 10.0.1.1:80 -g -w 1\n"
		   "-a -t 10.0.0.1:80 -r 10.0.1.2:80 -g -w 1\n"
		   "-A -f 7 -s wlc\n");
	check_plan("everything removed", SVC RS1 "-A -u 10.0.0.1:53;", "",
		   false, "-D -t 10.0.0.1:80\n-D -u 10.0.0.1:53\n");
	check_plan("a real server replaced", SVC RS1, SVC RS2, false,
		   "-d -t 10.0.0.1:80 -r 10.0.1.1:80\n"
		   "-a -t 10.0.0.1:80 -r 10.0.1.2:80 -g -w 1\n");
	check_plan("scheduler changed", SVC RS1,
		   "-A -t 10.0.0.1:80 -s wlc;" RS1, false,
		   "-E -t 10.0.0.1:80 -s wlc\n");
	check_plan("persistence set", SVC, "-A -t 10.0.0.1:80 -s rr -p 60;",
		   false, "-E -t 10.0.0.1:80 -s rr -p 60\n");
	check_plan("persistence netmask changed",
		   "-A -t 10.0.0.1:80 -s rr -p 60;",
		   "-A -t 10.0.0.1:80 -s rr -p 60 -M 255.255.255.0;", false,
		   "-E -t 10.0.0.1:80 -s rr -p 60 -M 255.255.255.0\n");
	check_plan("scheduler flags changed", "-A -t 10.0.0.1:80 -s sh;",
		   "-A -t 10.0.0.1:80 -s sh -b sh-port;", false,
		   "-E -t 10.0.0.1:80 -s sh -b sh-port\n");
	check_plan("one-packet flag set", "-A -u 10.0.0.1:53 -s rr;",
		   "-A -u 10.0.0.1:53 -s rr -o;", false,
		   "-E -u 10.0.0.1:53 -s rr -o\n");
	check_plan("persistence engine set", "-A -u 10.0.0.1:5060 -s rr -p 60;",
		   "-A -u 10.0.0.1:5060 -s rr -p 60 --pe sip;", false,
		   "-E -u 10.0.0.1:5060 -s rr -p 60 --pe sip\n");
	check_plan("weight changed", SVC RS1,
		   SVC "-a -t 10.0.0.1:80 -r 10.0.1.1:80 -g -w 5;", false,
		   "-e -t 10.0.0.1:80 -r 10.0.1.1:80 -g -w 5\n");
	check_plan("forwarding changed", SVC RS1,
		   SVC "-a -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 1;", false,
		   "-e -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 1\n");
	check_plan("thresholds changed", SVC RS1,
		   SVC "-a -t 10.0.0.1:80 -r 10.0.1.1:80 -g -w 1 -x 100 -y 50;",
		   false,
		   "-e -t 10.0.0.1:80 -r 10.0.1.1:80 -g -w 1 -x 100 -y 50\n");
	check_plan(
		"tunnel type changed",
		SVC "-a -t 10.0.0.1:80 -r 10.0.1.1:80 -i -w 1;",
		SVC
		"-a -t 10.0.0.1:80 -r 10.0.1.1:80 -i -w 1 --tun-type gue --tun-port 6080;",
		false,
		"-e -t 10.0.0.1:80 -r 10.0.1.1:80 -i -w 1 --tun-type gue --tun-port 6080 --tun-nocsum\n");
	check_plan(
		"tunnel flags changed",
		SVC
		"-a -t 10.0.0.1:80 -r 10.0.1.1:80 -i -w 1 --tun-type gue --tun-port 6080;",
		SVC
		"-a -t 10.0.0.1:80 -r 10.0.1.1:80 -i -w 1 --tun-type gue --tun-port 6080 --tun-csum;",
		false,
		"-e -t 10.0.0.1:80 -r 10.0.1.1:80 -i -w 1 --tun-type gue --tun-port 6080 --tun-csum\n");
	check_plan(
		"order: services sorted, each edited before its real servers",
		"-A -t 10.0.0.2:80 -s rr;" SVC RS1,
		"-A -t 10.0.0.2:80 -s wlc;"
		"-a -t 10.0.0.2:80 -r 10.0.1.9:80 -g -w 1;"
		"-A -t 10.0.0.1:80 -s lc;" RS2,
		false,
		"-E -t 10.0.0.1:80 -s lc\n"
		"-d -t 10.0.0.1:80 -r 10.0.1.1:80\n"
		"-a -t 10.0.0.1:80 -r 10.0.1.2:80 -g -w 1\n"
		"-E -t 10.0.0.2:80 -s wlc\n"
		"-a -t 10.0.0.2:80 -r 10.0.1.9:80 -g -w 1\n");
	check_plan("IPv6 and fwmark services", "",
		   "-A -t [2001:db8::1]:443 -s rr;"
		   "-a -t [2001:db8::1]:443 -r [2001:db8::10]:443 -g -w 1;"
		   "-A -f 1 -6 -s rr;",
		   false,
		   "-A -t [2001:db8::1]:443 -s rr\n"
		   "-a -t [2001:db8::1]:443 -r [2001:db8::10]:443 -g -w 1\n"
		   "-A -f 1 -6 -s rr\n");
}

static void test_drain(void)
{
	check_plan("drain: a real server that left is set to weight 0",
		   SVC RS1 RS2, SVC RS2, true,
		   "-e -t 10.0.0.1:80 -r 10.0.1.1:80 -g -w 0\n");
	check_plan("drain: one at weight 0 already is left alone",
		   SVC "-a -t 10.0.0.1:80 -r 10.0.1.1:80 -g -w 0;" RS2, SVC RS2,
		   true, "");
	check_plan("drain: a service that left is kept, its servers drained",
		   SVC RS1 RS2, "", true,
		   "-e -t 10.0.0.1:80 -r 10.0.1.1:80 -g -w 0\n"
		   "-e -t 10.0.0.1:80 -r 10.0.1.2:80 -g -w 0\n");
}

/*
 * The deletions that finish a drain of @live to @want, and their undo;
 * when every wanted service is live, what is left is the wanted table.
 */
static void check_departures(const char *name, const char *live,
			     const char *want, bool all_live,
			     const char *expect)
{
	struct plan_case c;

	case_load(&c, live, want);
	if (tap_ok(!lvs_plan_departures(&c.p, &c.l.t, &c.w), "%s: planned",
		   name))
		check_played(&c, name, expect, "every deletion applies",
			     all_live ? "what is left is the wanted table" :
					NULL);
	case_free(&c);
}

static void test_departures(void)
{
	check_departures("departures: nothing left the rules", SVC RS1 RS2,
			 SVC RS1 RS2, true, "");
	check_departures("departures: a real server that left is deleted",
			 SVC RS1 RS2, SVC RS2, true,
			 "-d -t 10.0.0.1:80 -r 10.0.1.1:80\n");
	check_departures(
		"departures: a service that left goes after its real servers",
		"-A -t 10.0.0.2:80 -s rr;"
		"-a -t 10.0.0.2:80 -r 10.0.1.3:80 -g -w 0;"
		"-a -t 10.0.0.2:80 -r 10.0.1.4:80 -g -w 2;" SVC RS1 RS2,
		SVC RS1, true,
		"-d -t 10.0.0.1:80 -r 10.0.1.2:80\n"
		"-d -t 10.0.0.2:80 -r 10.0.1.3:80\n"
		"-d -t 10.0.0.2:80 -r 10.0.1.4:80\n"
		"-D -t 10.0.0.2:80\n");
	check_departures("departures: a wanted service not live is no matter",
			 "-A -t 10.0.0.9:80 -s rr;" SVC RS1,
			 "-A -t 10.0.0.0:80 -s rr;-A -u 10.0.0.1:53 -s rr;"
			 "-A -t 10.0.0.5:80 -s rr;" SVC,
			 false,
			 "-d -t 10.0.0.1:80 -r 10.0.1.1:80\n"
			 "-D -t 10.0.0.9:80\n");
}

static void test_lines(void)
{
	struct lvs_desired l, w;
	struct lvs_rules rl, rw;
	struct lvs_plan p = { 0 };

	load(&l, &rl, SVC);
	load(&w, &rw, "# a comment;" SVC RS1);
	lvs_plan_table(&p, &l.t, &(struct lvs_timeout){ 0 }, &w, false);
	tap_ok(p.n == 1 && p.c[0].line == 3,
	       "a change carries the line of the rule that wants it");
	tap_ok(p.n == 1 && p.c[0].n_undo == 1 &&
		       p.undo[p.c[0].undo].kind == LVS_CMD_DELDEST,
	       "an added real server is undone by deleting it");
	lvs_plan_free(&p);
	lvs_desired_free(&l);
	lvs_desired_free(&w);
	lvs_rules_free(&rl);
	lvs_rules_free(&rw);
}

static void test_timeout(void)
{
	struct lvs_desired w;
	struct lvs_rules rw;
	struct lvs_plan p = { 0 };
	struct lvs_table live = { 0 };
	const struct lvs_timeout live_to = { 900, 120, 300 };
	char *got;

	load(&w, &rw, "--set 900 60 0;");
	lvs_plan_table(&p, &live, &live_to, &w, false);
	got = changes(p.c, p.n);
	tap_str(got, "--set 0 60 0\n",
		"timeouts: only those set and different are changed");
	free(got);
	got = changes(p.undo, p.n_undo);
	tap_str(got, "--set 0 120 0\n",
		"timeouts: the undo sets the old value");
	free(got);
	lvs_plan_free(&p);
	lvs_desired_free(&w);
	lvs_rules_free(&rw);

	load(&w, &rw, "--set 900 120 300;");
	lvs_plan_table(&p, &live, &live_to, &w, false);
	tap_ok(p.n == 0, "timeouts: equal ones make no change");
	lvs_plan_free(&p);
	lvs_desired_free(&w);
	lvs_rules_free(&rw);
}

static struct lvs_vip vip(const char *text)
{
	struct lvs_vip v = { .af = AF_INET };

	inet_pton(AF_INET, text, &v.addr.v4);
	return v;
}

static void test_vips(void)
{
	struct lvs_desired w;
	struct lvs_rules rw;
	struct lvs_plan p = { 0 };
	struct lvs_table live = { 0 };
	struct lvs_vip b[] = { vip("10.0.0.1") },
		       m[] = { vip("10.0.0.1"), vip("10.0.0.3") };
	struct lvs_vip_args bound = { .vips = b, .n = 1 };
	struct lvs_vip_args managed = { .vips = m, .n = 2 };
	char *got;

	load(&w, &rw,
	     SVC RS1 "--add-vip 10.0.0.1;--add-vip 10.0.0.2;--add-vip 10.0.0.9;"
		     "--delete-vip 10.0.0.9;");
	tap_ok(w.vip_lines && w.vips.n == 2,
	       "VIP lines: added and deleted in order");
	lvs_plan_table(&p, &live, &(struct lvs_timeout){ 0 }, &w, false);
	lvs_plan_vips(&p, &w.vips, &bound, &managed);
	got = changes(p.c, p.n);
	tap_str(got,
		"-A -t 10.0.0.1:80 -s rr\n"
		"-a -t 10.0.0.1:80 -r 10.0.1.1:80 -g -w 1\n"
		"--add-vip 1\n--delete-vip 1\n",
		"VIPs: bind what is missing, unbind lvsadm's that left, last");
	free(got);
	tap_ok(p.n == 4 &&
		       p.c[2].cmd->vip.vips[0].addr.v4.s_addr ==
			       vip("10.0.0.2").addr.v4.s_addr &&
		       p.c[3].cmd->vip.vips[0].addr.v4.s_addr ==
			       vip("10.0.0.3").addr.v4.s_addr,
	       "VIPs: 10.0.0.2 is bound, 10.0.0.3 unbound");
	tap_ok(p.n == 4 && p.c[2].n_undo == 1 &&
		       p.undo[p.c[2].undo].cmd->kind == LVS_CMD_DELVIP &&
		       p.undo[p.c[3].undo].cmd->kind == LVS_CMD_ADDVIP &&
		       !strcmp(p.c[2].cmd->vip.ifname, "lo"),
	       "VIPs: each is undone by its opposite, on lo");
	lvs_plan_free(&p);
	lvs_desired_free(&w);
	lvs_rules_free(&rw);
}

static void test_cmd(void)
{
	struct lvs_plan p = { 0 };
	struct lvs_cmd cmd = { .kind = LVS_CMD_FLUSH, .line = 4 };
	struct lvs_cmd buf;

	tap_ok(!lvs_plan_cmd(&p, &cmd) && p.n == 1 &&
		       lvs_change_cmd(&p.c[0], &buf) == &cmd &&
		       p.c[0].line == 4 && p.c[0].n_undo == 0,
	       "a given command is planned as it is, without undo");
	lvs_plan_free(&p);
}

int main(void)
{
	test_table();
	test_drain();
	test_departures();
	test_lines();
	test_timeout();
	test_vips();
	test_cmd();
	return tap_done();
}
