/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * From an argument vector (the command line, or one rules-file line) to a
 * struct lvs_cmd, with ipvsadm's syntax, checks, messages and exit codes.
 */
#ifndef LVSADM_CMDLINE_H
#define LVSADM_CMDLINE_H

#include <stdbool.h>

#include "error.h"
#include "model.h"

/*
 * Parse @argv into @cmd.  @in_file is true for a rules-file line, where
 * -R, -h and -v are refused.  Returns 0, or -1 with @err filled in.
 */
int lvs_parse_args(int argc, const char **argv, bool in_file,
		   struct lvs_cmd *cmd, struct lvs_err *err);

/*
 * The same, always through popt: lvs_parse_args() reads a plain vector
 * itself, and must find exactly what this finds.
 */
int lvs_parse_args_popt(int argc, const char **argv, bool in_file,
			struct lvs_cmd *cmd, struct lvs_err *err);

/* True when @prog (argv[0]) names ipvsadm, whose texts lvsadm keeps. */
bool lvs_prog_is_ipvsadm(const char *prog);

#endif
