// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The rules-file reader: ipvsadm's word splitting, comments, and the
 * whole-file validation that reports every bad line with its location.
 */
#include <stdlib.h>
#include <string.h>

#include "restore.h"
#include "tap.h"

static void test_split(void)
{
	/* A line, and its words joined with '|'. */
	static const struct tap_case cases[] = {
		{ "-A -t 10.0.0.1:80 -s rr\n", "-A|-t|10.0.0.1:80|-s|rr" },
		{ "ipvsadm -A -t 10.0.0.1:80\n", "-A|-t|10.0.0.1:80" },
		{ "  \t-a\t-t  x:80 -r y ipvsadm\r\n", "-a|-t|x:80|-r|y" },
		{ "\n", "" },
		{ "   \t \r\n", "" },
		{ "# a comment\n", "" },
		{ "-A -t x:80 # trailing comment\n", "-A|-t|x:80" },
		{ "-C", "-C" },
		{ "-A\v-t x\n", "-A\v-t|x" },
	};

	for (size_t i = 0; i < TAP_COUNT(cases); i++) {
		char line[128], joined[256] = "", *words[16];
		int n;

		snprintf(line, sizeof(line), "%s", cases[i].in);
		n = lvs_split_line(line, words, 16);
		for (int j = 0; j < n; j++) {
			if (j)
				strcat(joined, "|");
			strcat(joined, words[j]);
		}
		tap_str(joined, cases[i].want, "split a rules line");
	}
	{
		char line[] = "a b c d";
		char *words[3];

		tap_ok(lvs_split_line(line, words, 3) == -1,
		       "too many words are reported, not truncated");
	}
}

/* Read @text as rules; returns the number of bad lines. */
static int read_rules(const char *text, struct lvs_rules *rules, char **diag)
{
	size_t dlen;
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	FILE *d = open_memstream(diag, &dlen);
	struct lvs_err err;
	int bad;

	memset(rules, 0, sizeof(*rules));
	bad = lvs_rules_read(in, "rules", "ipvsadm", rules, d, &err);
	fclose(in);
	fclose(d);
	return bad;
}

static void test_read_good(void)
{
	struct lvs_rules r;
	char *diag;
	int bad = read_rules("# director rules\n"
			     "-A -t 10.0.0.10:80 -s rr\n"
			     "\n"
			     "-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 1\n"
			     "ipvsadm -a -t 10.0.0.10:80 -r 10.0.0.3 -g -w 2\n"
			     "-A -u 10.0.0.10:53 -s wlc # dns",
			     &r, &diag);

	tap_ok(bad == 0, "a good file has no bad lines");
	tap_str(diag, "", "and no diagnostics");
	tap_ok(r.n == 4, "four commands are read (got %zu)", r.n);
	tap_ok(r.n == 4 && r.cmds[0].kind == LVS_CMD_ADD &&
		       r.cmds[0].line == 2 &&
		       r.cmds[1].kind == LVS_CMD_ADDDEST &&
		       r.cmds[1].line == 4 && r.cmds[2].dest.weight == 2 &&
		       r.cmds[2].line == 5 && r.cmds[3].line == 6 &&
		       r.cmds[3].svc.protocol == IPPROTO_UDP,
	       "each command keeps its line number");
	lvs_rules_free(&r);
	free(diag);
}

static void test_read_bad(void)
{
	static const char text[] =
		"-A -t 10.0.0.10:80 -s rr\n"
		"-a -t 10.0.0.10:80 -r 10.0.0.2 -w 70000000000\n"
		"-a -t 10.0.0.10:80\n"
		"-A -t 10.0.0.11:80 -s rr\n"
		"-R\n"
		"--bogus\n"
		"-A -t 10.0.0.12:80 --bogus\n"
		"-h\n";
	struct lvs_rules r;
	char *diag;
	int bad = read_rules(text, &r, &diag);

	tap_ok(bad == 6, "every bad line is found (got %d)", bad);
	tap_str(diag,
		"rules:2: illegal weight specified\n"
		"rules:3: You need to supply the 'real-server' option for the 'add-server' command\n"
		"rules:5: Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n"
		"rules:6: Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n"
		"rules:7: --bogus: unknown option\n"
		"rules:8: '--help' cannot be used in a rules file\n",
		"each bad line is named with its location");
	lvs_rules_free(&r);
	free(diag);

	{
		static const char nul[] = "-C\n-A -t 1.2.3.4:80\0 x\n";
		FILE *in = fmemopen((void *)nul, sizeof(nul) - 1, "r");
		size_t dlen;
		FILE *d = open_memstream(&diag, &dlen);
		struct lvs_err err;

		memset(&r, 0, sizeof(r));
		bad = lvs_rules_read(in, "<stdin>", "lvsadm", &r, d, &err);
		fclose(in);
		fclose(d);
		tap_ok(bad == 1, "a NUL byte makes a line bad");
		tap_str(diag, "<stdin>:2: line contains a NUL byte\n",
			"the NUL byte is reported");
		lvs_rules_free(&r);
		free(diag);
	}
}

int main(void)
{
	test_split();
	test_read_good();
	test_read_bad();
	return tap_done();
}
