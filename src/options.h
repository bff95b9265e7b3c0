/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The option table: one row per command-line option.  The popt table, the
 * legality check, the usage text and the shell completion word lists are
 * all derived from it.
 */
#ifndef LVSADM_OPTIONS_H
#define LVSADM_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <popt.h>

#include "error.h"
#include "model.h"
#include "optargs.h"

/*
 * Option classes, in the order of ipvsadm's legality table.  Several
 * options can share a class (-t, -u, --sctp-service and -f are all the
 * service address); a class may be given once per command.
 */
enum lvs_optclass {
	LVS_OPT_NONE = -1,
	LVS_OPT_NUMERIC = 0,
	LVS_OPT_CONNECTION,
	LVS_OPT_SERVICE,
	LVS_OPT_SCHEDULER,
	LVS_OPT_PERSISTENT,
	LVS_OPT_NETMASK,
	LVS_OPT_SERVER,
	LVS_OPT_FORWARD,
	LVS_OPT_WEIGHT,
	LVS_OPT_UTHRESHOLD,
	LVS_OPT_LTHRESHOLD,
	LVS_OPT_MCAST,
	LVS_OPT_TIMEOUT,
	LVS_OPT_DAEMON,
	LVS_OPT_STATS,
	LVS_OPT_RATE,
	LVS_OPT_THRESHOLDS,
	LVS_OPT_PERSISTENTCONN,
	LVS_OPT_NOSORT,
	LVS_OPT_SYNCID,
	LVS_OPT_EXACT,
	LVS_OPT_ONEPACKET,
	LVS_OPT_PE,
	LVS_OPT_SCHED_FLAGS,
	LVS_OPT_MCAST_GROUP,
	LVS_OPT_MCAST_PORT,
	LVS_OPT_MCAST_TTL,
	LVS_OPT_SYNC_MAXLEN,
	LVS_OPT_TUN_INFO,
	LVS_OPT_TUN_TYPE,
	LVS_OPT_TUN_PORT,
	LVS_OPT_TUN_NOCSUM,
	LVS_OPT_TUN_CSUM,
	LVS_OPT_TUN_REMCSUM,
	/* lvsadm's own options. */
	LVS_OPT_INTERFACE,
	LVS_OPT_VIPS,
	LVS_OPT_SYNC,
	LVS_OPT_DRYRUN,
	LVS_OPT_DRAIN,
	LVS_OPT_JSON,
	LVS_OPT_PROBE,
	LVS_OPT_PROBE_TIMEOUT,
	LVS_OPT_PROBE_PORT,
	LVS_OPT_GRACEFUL,
	LVS_OPT_METRICS,
	LVS_NUM_OPTCLASSES,
};

#define LVS_OPTBIT(c) (UINT64_C(1) << (c))

/**
 * struct lvs_optclass_info - name and legality of an option class
 * @name:	the name ipvsadm's messages use
 * @legal:	one character per command (enum lvs_cmd_kind order):
 *		'+' required, 'x' illegal, '1' at most one of the '1'
 *		classes, ' ' optional
 */
struct lvs_optclass_info {
	const char *name;
	char legal[LVS_NUM_CMDS + 1];
};

/* Usage sections, in the order the help text prints them. */
enum lvs_section {
	LVS_SEC_HIDDEN,
	LVS_SEC_COMMANDS,
	LVS_SEC_SERVICE,
	LVS_SEC_OPTIONS,
	LVS_SEC_DAEMON,
	LVS_SEC_LVSADM, /* lvsadm's own, not listed under the name ipvsadm */
};

/**
 * struct lvs_option - one command-line option
 * @longname:	long name without "--", or NULL
 * @shortname:	short letter, or 0
 * @arg:	popt argument type (POPT_ARG_NONE or POPT_ARG_STRING, with
 *		POPT_ARGFLAG_OPTIONAL for -p)
 * @cmd:	the command it selects, or LVS_CMD_NONE for an option
 * @optclass:	the class an option belongs to, or LVS_OPT_NONE
 * @like:	for an option of no class, the class whose commands it goes
 *		with (what completion offers after a command), or LVS_OPT_NONE
 *		for any command
 * @set:	stores the option's value in the command being parsed
 * @val:	for a generic @set (lvs_set_number and the like), the field
 *		it sets and how
 * @format:	LVS_FMT_* flags the option turns on
 * @section:	where the usage text lists it; under the name ipvsadm, the
 *		options of LVS_SEC_LVSADM do not exist, and using one is
 *		popt's "unknown option", as in ipvsadm 1.31
 * @help:	its usage line(s), exactly as printed
 */
struct lvs_option {
	const char *longname;
	char shortname;
	int arg;
	enum lvs_cmd_kind cmd;
	enum lvs_optclass optclass;
	enum lvs_optclass like;
	lvs_set_fn *set;
	struct lvs_optval val;
	unsigned int format;
	enum lvs_section section;
	const char *help;
};

extern const struct lvs_option lvs_options[];
extern const size_t lvs_num_options;
extern const struct lvs_optclass_info lvs_optclasses[LVS_NUM_OPTCLASSES];

/*
 * The popt table for lvs_options; row i of the result has val i + 1.
 * With @ipvsadm, lvsadm's own rows (LVS_SEC_LVSADM) are left out.  The result is
 * static and needs no freeing.
 */
const struct poptOption *lvs_popt_table(bool ipvsadm);

/**
 * struct lvs_rule_problem - the first rule that a set of options breaks
 * @rule:	'+' (@cls is required but missing), 'x' (@cls is given but
 *		illegal) or '1' (@cls is given after @first, and both are
 *		exclusive)
 * @cls:	the class concerned
 * @first:	for '1', the exclusive class given before
 */
struct lvs_rule_problem {
	char rule;
	enum lvs_optclass cls;
	enum lvs_optclass first;
};

/*
 * Whether the classes given in @options break @rules (see
 * lvs_check_rules); if so, the first problem is in @pb.
 */
bool lvs_rules_problem(uint64_t options, const enum lvs_optclass *classes,
		       const char *rules, struct lvs_rule_problem *pb);

/* The same against the legality table's column for @cmd. */
bool lvs_legality_problem(enum lvs_cmd_kind cmd, uint64_t options,
			  struct lvs_rule_problem *pb);

/* Fail with ipvsadm's text for @pb, naming the @kind and its @subject. */
int lvs_rule_fail(const struct lvs_rule_problem *pb, const char *subject,
		  const char *kind, struct lvs_err *err);

/*
 * Check the classes given in @options against @rules, one rule character
 * per class in @classes ('+' required, 'x' illegal, '1' exclusive, ' '
 * optional), naming the @kind ("command", "tunnel type") and its @subject
 * in the messages.
 */
int lvs_check_rules(uint64_t options, const enum lvs_optclass *classes,
		    const char *rules, const char *subject, const char *kind,
		    struct lvs_err *err);

/* Check the classes given against the legality table. */
int lvs_check_legality(enum lvs_cmd_kind cmd, uint64_t options,
		       struct lvs_err *err);

/* The first row that selects command @cmd, or NULL. */
const struct lvs_option *lvs_command_option(enum lvs_cmd_kind cmd);

/* How messages name row @o: "-L (--list)", "--add-vip", "-X (--exact)". */
void lvs_option_spelling(const struct lvs_option *o, char *buf, size_t size);

/*
 * Up to @max rows whose long names are near misses of @word (a word as
 * typed, dashes and "=value" included), nearest first; returns how many.
 */
size_t lvs_options_near(const char *word, const struct lvs_option **out,
			size_t max);

/*
 * Print the help text for program name @prog; with @ipvsadm, exactly
 * ipvsadm's, without lvsadm's own commands.
 */
void lvs_print_usage(FILE *out, const char *prog, const char *version,
		     bool ipvsadm);

#endif
