// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Argument vectors to commands.
 *
 * The order of the checks is ipvsadm's, because it decides which message a
 * user sees when a line has several problems: options in the order given,
 * then popt's own errors, then --set's values and stray arguments, then the
 * legality table, then the rules that span several options.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <popt.h>

#include "addr.h"
#include "cmdline.h"
#include "optargs.h"
#include "options.h"

static int try_help(const char *prog, struct lvs_err *err)
{
	return lvs_fail(err, LVS_EXIT_KERNEL,
			"Try `%s -h' or '%s --help' for more information.",
			prog, prog);
}

/*
 * The row of each option class given on the line being parsed; a row is
 * set only where the command's options have the class's bit, and is not
 * cleared between lines.
 */
struct lvs_given {
	const struct lvs_option *row[LVS_NUM_OPTCLASSES];
};

/* The row given for class @c, or NULL. */
static const struct lvs_option *given_row(const struct lvs_parse *p,
					  enum lvs_optclass c)
{
	return p->cmd->options & LVS_OPTBIT(c) ? p->given->row[c] : NULL;
}

bool lvs_prog_is_ipvsadm(const char *prog)
{
	const char *slash = strrchr(prog, '/');

	return !strcmp(slash ? slash + 1 : prog, "ipvsadm");
}

/* The -b flags; the sh-* and mh-* ones need their scheduler. */
static int parse_sched_flags(const char *sched, const char *text,
			     uint32_t *flags, struct lvs_err *err)
{
	const struct lvs_sched_flag *known = lvs_sched_flags;
	char buf[128], *save = NULL, *flag;
	size_t i;

	if (!*sched)
		sched = LVS_DEFAULT_SCHED;
	snprintf(buf, sizeof(buf), "%s", text);
	for (flag = strtok_r(buf, ",", &save); flag;
	     flag = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < lvs_num_sched_flags; i++)
			if (!strcmp(flag, known[i].name))
				break;
		if (i == lvs_num_sched_flags)
			return lvs_fail(err, LVS_EXIT_USAGE,
					"invalid scheduler flag `%s'", flag);
		*flags |= known[i].flag;
		if (known[i].sched && strcmp(sched, known[i].sched))
			return lvs_fail(err, LVS_EXIT_USAGE,
					"incompatible scheduler flag `%s'",
					flag);
	}
	return 0;
}

/*
 * Which tunnel options each tunnel type takes, in the legality table's
 * notation, for --tun-port, --tun-nocsum, --tun-csum, --tun-remcsum.
 */
static const enum lvs_optclass tun_opts[] = {
	LVS_OPT_TUN_PORT,
	LVS_OPT_TUN_NOCSUM,
	LVS_OPT_TUN_CSUM,
	LVS_OPT_TUN_REMCSUM,
};
static const char tun_legal[IP_VS_CONN_F_TUNNEL_TYPE_MAX][5] = {
	"xxxx", /* ipip */
	"+111", /* gue */
	"x11x", /* gre */
};

static int rule_fail(const struct lvs_parse *p,
		     const struct lvs_rule_problem *pb, const char *subject,
		     const char *kind, const char *own, struct lvs_err *err);
static int explain_list_conflict(const struct lvs_parse *p,
				 struct lvs_err *err);
static int explain_tunnel_conflict(const struct lvs_parse *p,
				   struct lvs_err *err);

/* Rules that involve several options, checked once all are known. */
static int check_combinations(struct lvs_parse *p, struct lvs_err *err)
{
	static const enum lvs_optclass not_with_metrics[4] = {
		LVS_OPT_CONNECTION, LVS_OPT_TIMEOUT, LVS_OPT_DAEMON,
		LVS_OPT_JSON
	};
	struct lvs_cmd *cmd = p->cmd;
	struct lvs_service *svc = &cmd->svc;
	struct lvs_dest *d = &cmd->dest;
	uint64_t o = cmd->options;
	struct lvs_rule_problem pb;
	const uint64_t tun_any =
		LVS_OPTBIT(LVS_OPT_TUN_TYPE) | LVS_OPTBIT(LVS_OPT_TUN_PORT) |
		LVS_OPTBIT(LVS_OPT_TUN_NOCSUM) | LVS_OPTBIT(LVS_OPT_TUN_CSUM) |
		LVS_OPTBIT(LVS_OPT_TUN_REMCSUM);

	/* --metrics is a format of the table, one service or the VIPs. */
	for (size_t i = 0; (o & LVS_OPTBIT(LVS_OPT_METRICS)) && i < 4; i++)
		if (o & LVS_OPTBIT(not_with_metrics[i]))
			return lvs_fail(
				err, LVS_EXIT_USAGE,
				"--metrics cannot be used with --%s",
				lvs_optclasses[not_with_metrics[i]].name);
	switch (cmd->kind) {
	case LVS_CMD_ADD:
	case LVS_CMD_EDIT:
		if (!svc->fwmark && !svc->port &&
		    !(svc->flags & IP_VS_SVC_F_PERSISTENT))
			return lvs_fail(
				err, LVS_EXIT_USAGE,
				"Zero port specified for non-persistent service");
		if ((svc->flags & IP_VS_SVC_F_ONEPACKET) && !svc->fwmark &&
		    svc->protocol != IPPROTO_UDP)
			return lvs_fail(
				err, LVS_EXIT_USAGE,
				"One-Packet Scheduling is only for UDP virtual services");
		if (!svc->sched[0])
			lvs_copy_name(svc->sched, sizeof(svc->sched),
				      LVS_DEFAULT_SCHED);
		break;
	case LVS_CMD_STARTDAEMON:
		if (!cmd->daemon.mcast_ifn[0])
			lvs_copy_name(cmd->daemon.mcast_ifn,
				      sizeof(cmd->daemon.mcast_ifn),
				      LVS_DEFAULT_MCAST_IFN);
		break;
	case LVS_CMD_ADDDEST:
	case LVS_CMD_EDITDEST:
		/* Direct routing and tunnels cannot change the port. */
		if (!svc->fwmark && (d->fwd == IP_VS_CONN_F_TUNNEL ||
				     d->fwd == IP_VS_CONN_F_DROUTE))
			d->port = svc->port;
		if (d->af != svc->af && d->fwd != IP_VS_CONN_F_TUNNEL)
			return lvs_fail(
				err, LVS_EXIT_USAGE,
				"Different address family is allowed only for tunneling servers");
		if ((o & tun_any) && d->fwd != IP_VS_CONN_F_TUNNEL)
			return p->explain ?
				       explain_tunnel_conflict(p, err) :
				       lvs_fail(
					       err, LVS_EXIT_USAGE,
					       "Tunnel options conflict with forward method");
		/* Without tunnel options, the type is ipip, which needs none. */
		if ((o & tun_any) &&
		    lvs_rules_problem(o, tun_opts, tun_legal[d->tun_type],
				      &pb)) {
			char own[64];

			snprintf(own, sizeof(own), "--tun-type %s%s",
				 lvs_tun_names[d->tun_type],
				 o & LVS_OPTBIT(LVS_OPT_TUN_TYPE) ?
					 "" :
					 " (the default)");
			return rule_fail(p, &pb, lvs_tun_names[d->tun_type],
					 "tunnel type", own, err);
		}
		return 0;
	case LVS_CMD_CHECK:
		if ((o & (LVS_OPTBIT(LVS_OPT_PROBE_TIMEOUT) |
			  LVS_OPTBIT(LVS_OPT_PROBE_PORT))) &&
		    !(o & LVS_OPTBIT(LVS_OPT_PROBE)))
			return lvs_fail(
				err, LVS_EXIT_USAGE,
				"--probe-timeout and --probe-port work only with --probe");
		if (!cmd->vip.probe_ms)
			cmd->vip.probe_ms = 1000;
		/* fall through */
	case LVS_CMD_ADDVIP:
	case LVS_CMD_DELVIP:
	case LVS_CMD_LISTVIPS:
		if (!cmd->vip.ifname[0])
			lvs_copy_name(cmd->vip.ifname, sizeof(cmd->vip.ifname),
				      "lo");
		break;
	case LVS_CMD_RESTORE:
		if ((o & LVS_OPTBIT(LVS_OPT_DRAIN)) &&
		    !(o & LVS_OPTBIT(LVS_OPT_SYNC)))
			return lvs_fail(err, LVS_EXIT_USAGE,
					"--drain works only with --sync");
		if ((o & LVS_OPTBIT(LVS_OPT_GRACEFUL)) &&
		    !(o & LVS_OPTBIT(LVS_OPT_DRAIN)))
			return lvs_fail(
				err, LVS_EXIT_USAGE,
				"--graceful works only with -d, or with -R --sync --drain");
		if ((o & LVS_OPTBIT(LVS_OPT_GRACEFUL)) &&
		    (o & LVS_OPTBIT(LVS_OPT_DRYRUN)))
			return lvs_fail(
				err, LVS_EXIT_USAGE,
				"--graceful waits and deletes; it cannot go with --dry-run");
		break;
	case LVS_CMD_LIST:
		if (((o & (LVS_OPTBIT(LVS_OPT_CONNECTION) |
			   LVS_OPTBIT(LVS_OPT_TIMEOUT) |
			   LVS_OPTBIT(LVS_OPT_DAEMON))) &&
		     (o & (LVS_OPTBIT(LVS_OPT_STATS) | LVS_OPTBIT(LVS_OPT_RATE) |
			   LVS_OPTBIT(LVS_OPT_THRESHOLDS)))) ||
		    ((o & (LVS_OPTBIT(LVS_OPT_TIMEOUT) |
			   LVS_OPTBIT(LVS_OPT_DAEMON))) &&
		     (o & LVS_OPTBIT(LVS_OPT_PERSISTENTCONN))))
			return p->explain ?
				       explain_list_conflict(p, err) :
				       lvs_fail(
					       err, LVS_EXIT_USAGE,
					       "options conflicts in the list command");
		break;
	default:
		break;
	}
	return 0;
}

static void cmd_init(struct lvs_cmd *cmd)
{
	memset(cmd, 0, sizeof(*cmd));
	cmd->kind = LVS_CMD_NONE;
	cmd->dest.weight = 1;
	cmd->dest.fwd = IP_VS_CONN_F_DROUTE;
	cmd->svc.netmask = 0xffffffff;
}

/*
 * Where the options come from: popt.  Restore parses every line of a
 * file, and popt's generality costs most of that: a line in the form -S
 * writes (each word an exact option name or the value of the one before)
 * goes to the plain reader below first.  Any other vector, and any plain
 * one with a problem, goes to popt, so every message is popt's and
 * ipvsadm's.
 */
struct source {
	poptContext ctx;
	int argc;
	const char **argv;
};

/* The option @word names exactly, or NULL. */
static const struct lvs_option *plain_option(const char *word)
{
	/* Rows by short letter, found once: most words are short options. */
	static const struct lvs_option *by_letter[128];
	static bool indexed;

	if (!indexed) {
		for (size_t i = 0; i < lvs_num_options; i++) {
			unsigned char c =
				(unsigned char)lvs_options[i].shortname;

			if (c && c < 128 && !by_letter[c])
				by_letter[c] = &lvs_options[i];
		}
		indexed = true;
	}
	if (word[0] != '-')
		return NULL;
	if (word[1] != '-') {
		unsigned char c = (unsigned char)word[1];

		return c && c < 128 && !word[2] ? by_letter[c] : NULL;
	}
	for (size_t i = 0; i < lvs_num_options; i++)
		if (lvs_options[i].longname &&
		    !strcmp(word + 2, lvs_options[i].longname))
			return &lvs_options[i];
	return NULL;
}

/* The next option: its row + 1, -1 at the end, or a popt error. */
static int src_next(struct source *s)
{
	return poptGetNextOpt(s->ctx);
}

/* The current option's value, to be freed with src_free(). */
static char *src_arg(struct source *s)
{
	return poptGetOptArg(s->ctx);
}

static void src_free(struct source *s, char *arg)
{
	(void)s;
	free(arg);
}

static const char *src_bad_option(struct source *s)
{
	return poptBadOption(s->ctx, POPT_BADOPTION_NOALIAS);
}

/* The next word that is no option's; the plain reader has none. */
static const char *src_leftover(struct source *s)
{
	return s ? poptGetArg(s->ctx) : NULL;
}

/*
 * Under the name lvsadm, what went wrong with a line that popt or the
 * table refused, and the nearest valid spelling.  ipvsadm's texts say
 * only "unknown option" or "Try ... -h"; these are for people.
 */

/*
 * @word as a message shows it: at most LVS_QUOTE_MAX bytes, then "...",
 * with bytes that are not printable ASCII as \xHH, so that a binary file
 * given to -R cannot write control sequences to the terminal.  @buf holds
 * 4 * LVS_QUOTE_MAX + 4 bytes.
 */
static const char *quoted(const char *word, char *buf)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = 0, i;

	for (i = 0; word[i] && i < LVS_QUOTE_MAX; i++) {
		unsigned char c = (unsigned char)word[i];

		if (c >= 0x20 && c < 0x7f && c != '\\') {
			buf[n++] = (char)c;
			continue;
		}
		buf[n++] = '\\';
		buf[n++] = 'x';
		buf[n++] = hex[c >> 4];
		buf[n++] = hex[c & 15];
	}
	if (word[i])
		for (int k = 0; k < 3; k++)
			buf[n++] = '.';
	buf[n] = '\0';
	return buf;
}

/* ", did you mean --x or --y?" for an unknown @word, or "". */
static void near_misses(const char *word, char *buf, size_t size)
{
	const struct lvs_option *near[3];
	size_t n = lvs_options_near(word, near, 3), len;

	buf[0] = '\0';
	for (size_t i = 0; i < n && (len = strlen(buf)) < size; i++)
		snprintf(buf + len, size - len, "%s--%s",
			 i == 0	    ? "; did you mean " :
			 i == n - 1 ? " or " :
				      ", ",
			 near[i]->longname);
	len = strlen(buf);
	if (n && len < size)
		snprintf(buf + len, size - len, "?");
}

/* The commands class @c may go with: "-L (--list) or --list-vips". */
static void commands_of(enum lvs_optclass c, char *buf, size_t size)
{
	size_t n = 0, len;

	buf[0] = '\0';
	for (int k = 0; k < LVS_NUM_CMDS; k++)
		n += lvs_optclasses[c].legal[k] != 'x' &&
		     lvs_command_option((enum lvs_cmd_kind)k);
	for (int k = 0, i = 0; k < LVS_NUM_CMDS; k++) {
		const struct lvs_option *o =
			lvs_command_option((enum lvs_cmd_kind)k);
		char name[64];

		if (lvs_optclasses[c].legal[k] == 'x' || !o)
			continue;
		lvs_option_spelling(o, name, sizeof(name));
		len = strlen(buf);
		if (len < size)
			snprintf(buf + len, size - len, "%s%s",
				 i == 0		    ? "" :
				 (size_t)i == n - 1 ? " or " :
						      ", ",
				 name);
		i++;
	}
}

/*
 * How messages name class @c: the row given, or else all its rows, as
 * "one of -t (--tcp-service), -u (--udp-service), ... or -f (...)".
 */
static void class_spelling(const struct lvs_parse *p, enum lvs_optclass c,
			   char *buf, size_t size)
{
	size_t n = 0, k = 0, len;
	char name[64];

	if (given_row(p, c)) {
		lvs_option_spelling(given_row(p, c), buf, size);
		return;
	}
	for (size_t i = 0; i < lvs_num_options; i++)
		n += lvs_options[i].optclass == c;
	snprintf(buf, size, "%s", n > 1 ? "one of " : "");
	for (size_t i = 0; i < lvs_num_options; i++) {
		if (lvs_options[i].optclass != c)
			continue;
		lvs_option_spelling(&lvs_options[i], name, sizeof(name));
		len = strlen(buf);
		if (len < size)
			snprintf(buf + len, size - len, "%s%s",
				 k == 0	    ? "" :
				 k == n - 1 ? " or " :
					      ", ",
				 name);
		k++;
	}
}

/*
 * Fail for the broken rule @pb of a command or tunnel type: with
 * ipvsadm's text naming the @kind and its @subject, or under the name
 * lvsadm with the options as typed and the command or tunnel type as
 * @own ("-C (--clear)", "--tun-type gre").
 */
static int rule_fail(const struct lvs_parse *p,
		     const struct lvs_rule_problem *pb, const char *subject,
		     const char *kind, const char *own, struct lvs_err *err)
{
	char name[256], first[64], which[512] = "";

	if (!p->explain)
		return lvs_rule_fail(pb, subject, kind, err);
	class_spelling(p, pb->cls, name, sizeof(name));
	if (pb->rule == '+')
		return lvs_fail(err, LVS_EXIT_USAGE, "%s needs %s", own, name);
	if (pb->rule == '1') {
		class_spelling(p, pb->first, first, sizeof(first));
		return lvs_fail(err, LVS_EXIT_USAGE,
				"%s and %s do not go together with %s", first,
				name, own);
	}
	if (!strcmp(kind, "command"))
		commands_of(pb->cls, which, sizeof(which));
	return lvs_fail(err, LVS_EXIT_USAGE, "%s does not go with %s%s%s", name,
			own, which[0] ? "; it goes with " : "", which);
}

/* The first class of @group given on the line, or LVS_OPT_NONE. */
static enum lvs_optclass first_given(const struct lvs_parse *p,
				     const enum lvs_optclass *group, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (given_row(p, group[i]))
			return group[i];
	return LVS_OPT_NONE;
}

/* -L with two kinds of listing that exclude each other, named. */
static int explain_list_conflict(const struct lvs_parse *p, struct lvs_err *err)
{
	static const enum lvs_optclass tables[] = { LVS_OPT_CONNECTION,
						    LVS_OPT_TIMEOUT,
						    LVS_OPT_DAEMON };
	static const enum lvs_optclass columns[] = { LVS_OPT_STATS,
						     LVS_OPT_RATE,
						     LVS_OPT_THRESHOLDS,
						     LVS_OPT_PERSISTENTCONN };
	enum lvs_optclass a = first_given(p, tables, 3), b = LVS_OPT_NONE;
	char an[64], bn[64], own[64];

	/* --persistent-conn goes with -c, the others with none of these. */
	for (size_t i = 0; i < 4 && b == LVS_OPT_NONE; i++)
		if (given_row(p, columns[i]) &&
		    (columns[i] != LVS_OPT_PERSISTENTCONN ||
		     a != LVS_OPT_CONNECTION))
			b = columns[i];
	if (b == LVS_OPT_PERSISTENTCONN)
		a = first_given(p, tables + 1, 2);
	if (a == LVS_OPT_NONE || b == LVS_OPT_NONE)
		return lvs_fail(err, LVS_EXIT_USAGE,
				"options conflicts in the list command");
	class_spelling(p, a, an, sizeof(an));
	class_spelling(p, b, bn, sizeof(bn));
	lvs_option_spelling(p->command, own, sizeof(own));
	return lvs_fail(err, LVS_EXIT_USAGE,
			"%s and %s do not go together with %s", an, bn, own);
}

/* A tunnel option with a forwarding method other than -i, named. */
static int explain_tunnel_conflict(const struct lvs_parse *p,
				   struct lvs_err *err)
{
	static const enum lvs_optclass tun[] = {
		LVS_OPT_TUN_TYPE, LVS_OPT_TUN_PORT, LVS_OPT_TUN_NOCSUM,
		LVS_OPT_TUN_CSUM, LVS_OPT_TUN_REMCSUM
	};
	enum lvs_optclass t = first_given(p, tun, 5);
	char name[64];

	if (t == LVS_OPT_NONE)
		return lvs_fail(err, LVS_EXIT_USAGE,
				"Tunnel options conflict with forward method");
	class_spelling(p, t, name, sizeof(name));
	return lvs_fail(
		err, LVS_EXIT_USAGE,
		"%s works only with -i (--ipip), which sets up a tunnel", name);
}

/*
 * The usage of a row whose help names its argument, such as
 * "--add-vip addr[,addr...]": the help's first column.  False when the
 * first column is the name alone.
 */
static bool usage_of(const struct lvs_option *o, char *buf, size_t size)
{
	const char *h = o->help, *end;

	if (!h)
		return false;
	h += strspn(h, " ");
	end = strstr(h, "  ");
	if (!end || !memchr(h, ' ', (size_t)(end - h)) || h[0] != '-')
		return false;
	snprintf(buf, size, "%.*s", (int)(end - h), h);
	return true;
}

/* The first word of @argv that selects a command, or NULL. */
static const struct lvs_option *find_command(int argc, const char **argv,
					     const char **word)
{
	for (int i = 1; i < argc; i++) {
		const struct lvs_option *o = plain_option(argv[i]);

		if (o && o->cmd != LVS_CMD_NONE) {
			*word = argv[i];
			return o;
		}
	}
	return NULL;
}

/* The line does not begin with a command: say why. */
static int explain_no_command(struct source *s, struct lvs_parse *p, int c,
			      bool in_file, struct lvs_err *err)
{
	const struct lvs_option *o, *cmd;
	const char *word, *cmd_word = NULL;
	char hint[256], which[512], more[300] = "",
				    shown[4 * LVS_QUOTE_MAX + 4];

	/* A rules file's messages are one line each. */
	if (!in_file)
		snprintf(more, sizeof(more), "\nTry `%s -h' for the commands.",
			 p->prog);

	if (c < -1) {
		word = src_bad_option(s);
		o = plain_option(word);
		if (c == POPT_ERROR_NOARG && o &&
		    usage_of(o, hint, sizeof(hint)))
			return lvs_fail(err, LVS_EXIT_KERNEL,
					"%s: missing argument; usage: %s", word,
					hint);
		if (c != POPT_ERROR_BADOPT)
			return lvs_fail(err, LVS_EXIT_KERNEL, "%s: %s%s", word,
					poptStrerror(c), more);
		near_misses(word, hint, sizeof(hint));
		return lvs_fail(err, LVS_EXIT_KERNEL,
				"unknown command '%s'%s%s", quoted(word, shown),
				hint, more);
	}
	if (c == -1) {
		word = src_leftover(s);
		if (!word)
			return lvs_fail(err, LVS_EXIT_KERNEL,
					"no command given%s", more);
		near_misses(word, hint, sizeof(hint));
		return lvs_fail(
			err, LVS_EXIT_KERNEL,
			"'%s' is not a command (commands are options, such as -L)%s%s",
			quoted(word, shown), hint, more);
	}
	o = &lvs_options[c - 1];
	/* popt takes words in order: the first option is the first word. */
	word = s->argv[1];
	lvs_option_spelling(o, hint, sizeof(hint));
	cmd = find_command(s->argc, s->argv, &cmd_word);
	/* An option of no class is accepted with any command. */
	if (o->optclass == LVS_OPT_NONE && o->like == LVS_OPT_NONE && !cmd)
		return lvs_fail(
			err, LVS_EXIT_KERNEL,
			"%s is an option, not a command; a command comes first%s",
			hint, more);
	commands_of(o->optclass != LVS_OPT_NONE ? o->optclass : o->like, which,
		    sizeof(which));
	if (cmd && (o->optclass == LVS_OPT_NONE ||
		    lvs_optclasses[o->optclass].legal[cmd->cmd] != 'x'))
		return lvs_fail(
			err, LVS_EXIT_KERNEL,
			"%s is an option, and options follow the command: %s %s %s",
			hint, p->prog, cmd_word, word);
	if (cmd)
		return lvs_fail(err, LVS_EXIT_KERNEL,
				"%s is an option of %s only, not of %s", hint,
				which, cmd_word);
	return lvs_fail(
		err, LVS_EXIT_KERNEL,
		"%s is an option, not a command; it goes with %s, which comes first",
		hint, which);
}

/* Give the value of row @o, if any, to the row's setter. */
static int set_value(struct lvs_parse *p, struct source *src,
		     const struct lvs_option *o, struct lvs_err *err)
{
	char *arg = src_arg(src);
	int r = 0;

	p->val = &o->val;
	if (o->set)
		r = o->set(p, arg, err);
	src_free(src, arg);
	return r;
}

/* Apply one option (not the command). */
static int apply_option(struct lvs_parse *p, struct source *src,
			const struct lvs_option *o, struct lvs_err *err)
{
	struct lvs_cmd *cmd = p->cmd;
	char name[64], other[64];

	if (o->cmd != LVS_CMD_NONE && p->explain) {
		lvs_option_spelling(o, name, sizeof(name));
		lvs_option_spelling(p->command, other, sizeof(other));
		if (o->cmd == p->command->cmd)
			return lvs_fail(err, LVS_EXIT_USAGE,
					"%s given twice: one command at a time",
					name);
		return lvs_fail(err, LVS_EXIT_USAGE,
				"%s cannot follow %s: one command at a time",
				name, other);
	}
	if (o->cmd != LVS_CMD_NONE)
		return lvs_fail(err, LVS_EXIT_USAGE, "invalid option `%s'",
				src_bad_option(src));
	if (o->optclass != LVS_OPT_NONE) {
		const struct lvs_option *prev = given_row(p, o->optclass);

		if (cmd->options & LVS_OPTBIT(o->optclass) && p->explain) {
			lvs_option_spelling(o, name, sizeof(name));
			if (prev == o)
				return lvs_fail(err, LVS_EXIT_USAGE,
						"%s given twice", name);
			lvs_option_spelling(prev, other, sizeof(other));
			return lvs_fail(err, LVS_EXIT_USAGE,
					"%s and %s: give only one of them",
					other, name);
		}
		if (cmd->options & LVS_OPTBIT(o->optclass))
			return lvs_fail(err, LVS_EXIT_USAGE,
					"multiple '%s' options specified",
					lvs_optclasses[o->optclass].name);
		cmd->options |= LVS_OPTBIT(o->optclass);
		p->given->row[o->optclass] = o;
	}
	cmd->format |= o->format;
	return set_value(p, src, o, err);
}

static int parse_finish(struct source *src, struct lvs_parse *p, bool in_file,
			struct lvs_err *err);

static int parse_with(struct source *src, struct lvs_parse *p, bool in_file,
		      struct lvs_err *err)
{
	struct lvs_cmd *cmd = p->cmd;
	const struct lvs_option *o;
	int c;

	c = src_next(src);
	if (c <= 0 || lvs_options[c - 1].cmd == LVS_CMD_NONE)
		return p->explain ?
			       explain_no_command(src, p, c, in_file, err) :
			       try_help(p->prog, err);
	o = &lvs_options[c - 1];
	cmd->kind = o->cmd;
	p->command = o;
	if (cmd->kind == LVS_CMD_HELP || cmd->kind == LVS_CMD_VERSION) {
		if (in_file)
			return lvs_fail(err, LVS_EXIT_USAGE,
					"'--%s' cannot be used in a rules file",
					o->longname);
		return 0;
	}
	if (cmd->kind == LVS_CMD_RESTORE && in_file)
		return try_help(p->prog, err);
	if (set_value(p, src, o, err))
		return -1;

	while ((c = src_next(src)) > 0)
		if (apply_option(p, src, &lvs_options[c - 1], err))
			return -1;
	if (c < -1) {
		char hint[256] = "";

		if (p->explain && c == POPT_ERROR_BADOPT)
			near_misses(src_bad_option(src), hint, sizeof(hint));
		return lvs_fail(err, LVS_EXIT_KERNEL, "%s: %s%s",
				src_bad_option(src), poptStrerror(c), hint);
	}
	return parse_finish(src, p, in_file, err);
}

/*
 * What follows the options: the words that are no option's (@src NULL:
 * none), and the checks of the command as a whole.
 */
static int parse_finish(struct source *src, struct lvs_parse *p, bool in_file,
			struct lvs_err *err)
{
	struct lvs_cmd *cmd = p->cmd;
	struct lvs_rule_problem pb;
	const char *a;

	if (cmd->kind == LVS_CMD_TIMEOUT) {
		const char *t[3];

		for (int i = 0; i < 3; i++)
			if (!(t[i] = src_leftover(src)))
				return lvs_fail(
					err, LVS_EXIT_USAGE,
					"--set option requires 3 timeout values");
		if (lvs_parse_timeout(t[0], 0, &cmd->timeout.tcp, err) ||
		    lvs_parse_timeout(t[1], 0, &cmd->timeout.tcp_fin, err) ||
		    lvs_parse_timeout(t[2], 0, &cmd->timeout.udp, err))
			return -1;
	}
	/* lvsadm -R reads a file named after it; ipvsadm -R, stdin only. */
	if (cmd->kind == LVS_CMD_RESTORE && p->explain &&
	    (a = src_leftover(src))) {
		cmd->file = strdup(a);
		if (!cmd->file)
			return lvs_fail(err, LVS_EXIT_USAGE, "out of memory");
	}
	if ((a = src_leftover(src)))
		return lvs_fail(err, LVS_EXIT_USAGE, "unexpected argument %s",
				a);
	if (p->sched_flags[0]) {
		cmd->svc.flags &=
			~(uint32_t)(IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED2 |
				    IP_VS_SVC_F_SCHED3);
		if (parse_sched_flags(cmd->svc.sched, p->sched_flags,
				      &cmd->svc.flags, err))
			return -1;
	}
	/* A rules file is applied at once; nothing in it waits. */
	if (in_file && (cmd->options & LVS_OPTBIT(LVS_OPT_GRACEFUL)))
		return lvs_fail(err, LVS_EXIT_USAGE,
				"'--graceful' cannot be used in a rules file");
	if (lvs_legality_problem(cmd->kind, cmd->options, &pb)) {
		char own[64];

		lvs_option_spelling(p->command, own, sizeof(own));
		return rule_fail(p, &pb, lvs_cmd_names[cmd->kind], "command",
				 own, err);
	}
	return check_combinations(p, err);
}

/* Start parsing @argv into @cmd, noting the options given in @given. */
static void parse_start(struct lvs_parse *p, const char **argv,
			struct lvs_cmd *cmd, struct lvs_given *given)
{
	/* Not zeroed whole: a file's every line starts here. */
	p->cmd = cmd;
	p->prog = argv[0];
	p->explain = !lvs_prog_is_ipvsadm(argv[0]);
	p->sched_flags[0] = '\0';
	p->command = NULL;
	p->given = given;
	p->val = NULL;
}

int lvs_parse_args_popt(int argc, const char **argv, bool in_file,
			struct lvs_cmd *cmd, struct lvs_err *err)
{
	struct lvs_given given;
	struct lvs_parse p;
	struct source src = { .argc = argc, .argv = argv };
	int r;

	parse_start(&p, argv, cmd, &given);
	cmd_init(cmd);
	src.ctx = poptGetContext(argv[0], argc, argv,
				 lvs_popt_table(!p.explain), 0);
	if (!src.ctx)
		return lvs_fail(err, LVS_EXIT_USAGE, "out of memory");
	r = parse_with(&src, &p, in_file, err);
	poptFreeContext(src.ctx);
	if (r)
		lvs_cmd_free(cmd);
	return r;
}

/*
 * The plain reader: @argv in the form -S writes, every word an option
 * spelt out in full or the value that follows one that takes a value (an
 * optional value only when it cannot be mistaken for an option), the
 * command first.  Nothing is explained here: -1 sends the vector to popt,
 * which finds the same problem and says what ipvsadm says.
 */
static int parse_plain(int argc, const char **argv, struct lvs_parse *p,
		       bool in_file, struct lvs_err *err)
{
	struct lvs_cmd *cmd = p->cmd;

	for (int i = 1; i < argc; i++) {
		const struct lvs_option *o = plain_option(argv[i]);
		const char *arg = NULL;

		/* popt says what ipvsadm says of an option it lacks. */
		if (!o || (!p->explain && o->section == LVS_SEC_LVSADM))
			return -1;
		if (o->arg & POPT_ARG_STRING) {
			if (i + 1 < argc && argv[i + 1][0] != '-' &&
			    argv[i + 1][0])
				arg = argv[++i];
			else if (!(o->arg & POPT_ARGFLAG_OPTIONAL))
				return -1;
		}
		if (!p->command) {
			/* The command. */
			if (o->cmd == LVS_CMD_NONE || o->cmd == LVS_CMD_HELP ||
			    o->cmd == LVS_CMD_VERSION ||
			    (o->cmd == LVS_CMD_RESTORE && in_file))
				return -1;
			cmd->kind = o->cmd;
			p->command = o;
		} else {
			/* An option, given once. */
			if (o->cmd != LVS_CMD_NONE)
				return -1;
			if (o->optclass != LVS_OPT_NONE) {
				if (cmd->options & LVS_OPTBIT(o->optclass))
					return -1;
				cmd->options |= LVS_OPTBIT(o->optclass);
				p->given->row[o->optclass] = o;
			}
			cmd->format |= o->format;
		}
		p->val = &o->val;
		if (o->set && o->set(p, arg, err))
			return -1;
	}
	return p->command ? parse_finish(NULL, p, in_file, err) : -1;
}

int lvs_parse_args(int argc, const char **argv, bool in_file,
		   struct lvs_cmd *cmd, struct lvs_err *err)
{
	struct lvs_given given;
	struct lvs_parse p;

	parse_start(&p, argv, cmd, &given);
	cmd_init(cmd);
	if (!parse_plain(argc, argv, &p, in_file, err))
		return 0;
	lvs_cmd_free(cmd);
	return lvs_parse_args_popt(argc, argv, in_file, cmd, err);
}
