// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lvsadm: administer Linux Virtual Server in direct-routing mode.
 *
 * main() is the one place where a failure becomes text on stderr and an
 * exit status, and the one place that reads the environment.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "commands.h"

int main(int argc, char **argv)
{
	const char *prog = argc > 0 ? argv[0] : "lvsadm";
	struct lvs_ctx ctx = {
		.prog = prog,
		.ipvsadm = lvs_prog_is_ipvsadm(prog),
		.out = stdout,
		.diag = stderr,
		/* Where the state file lives (tests point it elsewhere). */
		.rundir = getenv("LVSADM_RUNDIR"),
		/* A smaller buffer shows what lvsadm does when answers are lost. */
		.rcvbuf = getenv("LVSADM_NETLINK_RCVBUF"),
	};
	struct lvs_err err = { 0 };
	struct lvs_cmd cmd;
	int r;

	if (argc <= 1)
		r = lvs_list_all(&ctx, 0, &err);
	else if (!(r = lvs_parse_args(argc, (const char **)argv, false, &cmd,
				      &err))) {
		r = lvs_run(&ctx, &cmd, &err);
		lvs_cmd_free(&cmd);
	}
	lvs_ctx_close(&ctx);
	if (fflush(stdout) && !r)
		r = lvs_fail(&err, LVS_EXIT_LIST, "write error: %s",
			     strerror(errno));
	if (!r)
		return LVS_EXIT_OK;
	if (!lvs_is_reported(&err))
		fprintf(stderr, "%s\n", err.msg);
	return err.status;
}
