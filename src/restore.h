/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -R: rules in ipvsadm's save format, read and validated whole before
 * anything is sent to the kernel.
 */
#ifndef LVSADM_RESTORE_H
#define LVSADM_RESTORE_H

#include <stdio.h>

#include "error.h"
#include "model.h"

/** struct lvs_rules_count - what a rules file sets up, for a summary */
struct lvs_rules_count {
	size_t services;
	size_t servers;
	size_t vips;
};

/*
 * Play one parsed command somewhere (desired.c's table, for --sync):
 * NULL, or why the line cannot apply there.
 */
typedef const char *lvs_rules_play_fn(void *arg, const struct lvs_cmd *cmd);

/**
 * struct lvs_rules - the parsed commands of a rules file, in order
 * @cmds:	the commands, unless @play took them
 * @lines:	how many lines were read
 * @count:	what the commands set up
 * @play:	when set, each command is handed to it as it is read, with
 *		@play_arg, and not kept: a file of 110,000 lines then never
 *		holds 110,000 commands in memory
 */
struct lvs_rules {
	struct lvs_cmd *cmds;
	size_t n;
	size_t cap;
	unsigned int lines;
	struct lvs_rules_count count;
	lvs_rules_play_fn *play;
	void *play_arg;
};

/*
 * Split @line in place into words, ipvsadm's way: words are separated by
 * spaces, tabs, CR and LF, and a word "ipvsadm" is dropped.  A word that
 * starts with '#' begins a comment.  Returns the number of words stored in
 * @words (at most @max), or -1 when there are more than @max.
 */
int lvs_split_line(char *line, char **words, int max);

/*
 * Parse every line of @in.  Each bad line is reported on @diag as
 * "<name>:<line>: <message>"; returns the number of bad lines, or -1 with
 * @err filled in when the input cannot be read at all.  With a @play
 * hook, the lines it refuses are bad lines too, reported once every line
 * parses.
 */
int lvs_rules_read(FILE *in, const char *name, const char *prog,
		   struct lvs_rules *rules, FILE *diag, struct lvs_err *err);
void lvs_rules_free(struct lvs_rules *rules);

/* How -R applies the rules. */
enum {
	LVS_RESTORE_SYNC = 1 << 0, /* change only what differs */
	LVS_RESTORE_DRYRUN = 1 << 1, /* check (with SYNC, show) only */
	LVS_RESTORE_DRAIN = 1 << 2, /* with SYNC: weight 0, not delete */
	LVS_RESTORE_GRACEFUL = 1 << 3, /* with DRAIN: then wait, delete */
};

#endif
