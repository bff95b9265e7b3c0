// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target for the command-line parser, lvs_parse_args().
 *
 * An input without a NUL byte is one rules-file line: it is split the way
 * -R splits lines and parsed both as a rules-file line and as a command
 * line.  An input with NUL bytes is an argument vector, one argument
 * between NULs, so arguments may hold blanks; it is parsed as a command
 * line.
 */
#include <string.h>
#include <sys/socket.h>

#include "cmdline.h"
#include "fuzz.h"
#include "restore.h"

#define MAX_ARGS 128

static bool terminated(const char *s, size_t size)
{
	return memchr(s, '\0', size) != NULL;
}

static void check_cmd(const struct lvs_cmd *cmd, bool in_file)
{
	const struct lvs_service *svc = &cmd->svc;
	const struct lvs_dest *d = &cmd->dest;

	FUZZ_CHECK(cmd->kind >= LVS_CMD_ADD && cmd->kind <= LVS_CMD_VERSION);
	if (in_file)
		FUZZ_CHECK(cmd->kind != LVS_CMD_HELP &&
			   cmd->kind != LVS_CMD_VERSION &&
			   cmd->kind != LVS_CMD_RESTORE);
	FUZZ_CHECK(terminated(svc->sched, sizeof(svc->sched)));
	FUZZ_CHECK(terminated(svc->pe, sizeof(svc->pe)));
	FUZZ_CHECK(svc->af == 0 || svc->af == AF_INET || svc->af == AF_INET6);
	FUZZ_CHECK(d->tun_type < IP_VS_CONN_F_TUNNEL_TYPE_MAX);
	FUZZ_CHECK(d->weight >= 0);
	switch (cmd->kind) {
	case LVS_CMD_ADD:
	case LVS_CMD_EDIT:
		FUZZ_CHECK(svc->af == AF_INET || svc->af == AF_INET6);
		FUZZ_CHECK(svc->sched[0]);
		FUZZ_CHECK(svc->fwmark || svc->port ||
			   (svc->flags & IP_VS_SVC_F_PERSISTENT));
		if (svc->af == AF_INET6)
			FUZZ_CHECK(svc->netmask >= 1 && svc->netmask <= 128);
		break;
	case LVS_CMD_ADDDEST:
	case LVS_CMD_EDITDEST:
		/* Only a tunnel may change the family (-d is not checked). */
		FUZZ_CHECK(d->af == svc->af || d->fwd == IP_VS_CONN_F_TUNNEL);
		/* fall through */
	case LVS_CMD_DELDEST:
		FUZZ_CHECK(d->af == AF_INET || d->af == AF_INET6);
		break;
	case LVS_CMD_STARTDAEMON:
		FUZZ_CHECK(cmd->daemon.mcast_ifn[0]);
		FUZZ_CHECK(terminated(cmd->daemon.mcast_ifn,
				      sizeof(cmd->daemon.mcast_ifn)));
		FUZZ_CHECK(cmd->daemon.state == IP_VS_STATE_MASTER ||
			   cmd->daemon.state == IP_VS_STATE_BACKUP);
		break;
	case LVS_CMD_ADDVIP:
	case LVS_CMD_DELVIP:
	case LVS_CMD_LISTVIPS:
	case LVS_CMD_CHECK:
		FUZZ_CHECK(cmd->vip.ifname[0]);
		FUZZ_CHECK(
			terminated(cmd->vip.ifname, sizeof(cmd->vip.ifname)));
		FUZZ_CHECK(!cmd->vip.n || cmd->vip.vips);
		for (size_t i = 0; i < cmd->vip.n; i++) {
			const struct lvs_vip *v = &cmd->vip.vips[i];

			FUZZ_CHECK(v->af == AF_INET || v->af == AF_INET6);
			for (size_t j = 0; j < i; j++)
				FUZZ_CHECK(v->af != cmd->vip.vips[j].af ||
					   !lvs_addr_equal(
						   v->af, &v->addr,
						   &cmd->vip.vips[j].addr));
		}
		break;
	default:
		break;
	}
}

static void parse(int argc, const char **argv, bool in_file)
{
	struct lvs_cmd cmd;
	struct lvs_err err = { 0 };
	int r;

	r = lvs_parse_args(argc, argv, in_file, &cmd, &err);
	FUZZ_CHECK(r == 0 || r == -1);
	if (r) {
		FUZZ_CHECK(err.msg[0]);
		FUZZ_CHECK(terminated(err.msg, sizeof(err.msg)));
		FUZZ_CHECK(err.status == LVS_EXIT_USAGE ||
			   err.status == LVS_EXIT_KERNEL ||
			   err.status == LVS_EXIT_SYSTEM);
		return;
	}
	check_cmd(&cmd, in_file);
	lvs_cmd_free(&cmd);
}

int lvs_fuzz_cmdline(const uint8_t *data, size_t size)
{
	const char *argv[MAX_ARGS + 1];
	char *buf = lvs_fuzz_text(data, size);
	int argc = 1;

	if (!buf)
		return 0;
	argv[0] = "ipvsadm";
	if (memchr(data, '\0', size)) {
		/* An argument vector; a final NUL ends the last argument. */
		for (char *p = buf; p < buf + size && argc <= MAX_ARGS;
		     p += strlen(p) + 1)
			argv[argc++] = p;
		parse(argc, argv, false);
	} else {
		int n = lvs_split_line(buf, (char **)argv + 1, MAX_ARGS);

		if (n >= 0) {
			parse(n + 1, argv, true);
			parse(n + 1, argv, false);
		}
	}
	free(buf);
	return 0;
}
