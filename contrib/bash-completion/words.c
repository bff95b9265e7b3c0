// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The word lists of the bash completion, printed as bash assignments from
 * the option table: the commands, the options each command takes (what
 * the legality table allows it), and the values the help text lists for
 * the scheduler and the tunnel type.  The build puts them in place of
 * the @OPTION_TABLE@ line of contrib/bash-completion/lvsadm.in.
 */
#include <stdio.h>
#include <string.h>

#include "options.h"

/* Print the long and short names of row @o, each after a space. */
static void print_names(const struct lvs_option *o)
{
	if (o->shortname)
		printf(" -%c", o->shortname);
	if (o->longname)
		printf(" --%s", o->longname);
}

/*
 * Does option row @o (not a command) go with command @k?  An option of no
 * class goes where the class it is like may be given.
 */
static bool goes_with(const struct lvs_option *o, int k)
{
	enum lvs_optclass c = o->optclass != LVS_OPT_NONE ? o->optclass :
							    o->like;

	return c == LVS_OPT_NONE || lvs_optclasses[c].legal[k] != 'x';
}

/* The options command @k takes, space-separated, after a space. */
static void print_options_of(int k)
{
	for (size_t i = 0; i < lvs_num_options; i++)
		if (lvs_options[i].cmd == LVS_CMD_NONE &&
		    goes_with(&lvs_options[i], k))
			print_names(&lvs_options[i]);
}

/* The words of "one of a|b|c," in the help of the row named @name. */
static void print_one_of(const char *name)
{
	for (size_t i = 0; i < lvs_num_options; i++) {
		const char *h = lvs_options[i].help, *p;

		if (!lvs_options[i].longname ||
		    strcmp(lvs_options[i].longname, name) || !h ||
		    !(p = strstr(h, "one of ")))
			continue;
		for (p += strlen("one of "); *p && *p != ',' && *p != ' '; p++)
			putchar(*p == '|' ? ' ' : *p);
		return;
	}
}

int main(void)
{
	printf("# From the option table (src/options.c), by "
	       "contrib/bash-completion/words.c.\n");
	printf("_lvsadm_commands='");
	for (size_t i = 0; i < lvs_num_options; i++)
		if (lvs_options[i].cmd != LVS_CMD_NONE)
			print_names(&lvs_options[i]);
	printf("'\n");

	/* Every spelling of a command maps to the options it takes. */
	printf("declare -gA _lvsadm_command_options=(\n");
	for (size_t i = 0; i < lvs_num_options; i++) {
		const struct lvs_option *o = &lvs_options[i];
		const char *names[2] = { NULL, NULL };
		char shortname[3] = { '-', o->shortname, '\0' };

		if (o->cmd == LVS_CMD_NONE)
			continue;
		names[0] = o->shortname ? shortname : NULL;
		names[1] = o->longname;
		for (int n = 0; n < 2; n++) {
			if (!names[n])
				continue;
			printf("\t[%s%s]='", n ? "--" : "", names[n]);
			if (o->cmd < LVS_NUM_CMDS)
				print_options_of(o->cmd);
			printf("'\n");
		}
	}
	printf(")\n");

	printf("_lvsadm_schedulers='");
	print_one_of("scheduler");
	printf("'\n_lvsadm_tun_types='");
	print_one_of("tun-type");
	printf("'\n");
	return ferror(stdout) || fflush(stdout) ? 1 : 0;
}
