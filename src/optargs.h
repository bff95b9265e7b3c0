/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Option arguments: the value handlers that the option table names, and
 * the parse state they fill in.
 */
#ifndef LVSADM_OPTARGS_H
#define LVSADM_OPTARGS_H

#include <stdint.h>

#include "error.h"
#include "model.h"

struct lvs_option;
struct lvs_given;

/**
 * struct lvs_parse - state while one argument vector is parsed
 * @cmd:	the command being filled in
 * @prog:	program name for messages (argv[0])
 * @explain:	say more than ipvsadm about a line that cannot be parsed
 *		(false under the name ipvsadm, whose texts are kept)
 * @sched_flags: the -b text; applied once the scheduler is known
 * @command:	the row of the command as given (-l or -L, say)
 * @given:	per option class, the row given, for messages that name
 *		what was typed (kept by the parser, src/cmdline.c)
 */
struct lvs_parse {
	struct lvs_cmd *cmd;
	const char *prog;
	bool explain;
	char sched_flags[128];
	const struct lvs_option *command;
	struct lvs_given *given;
};

/* Value handlers named by the option table. */
int lvs_set_start_daemon(struct lvs_parse *p, const char *arg,
			 struct lvs_err *err);
int lvs_set_stop_daemon(struct lvs_parse *p, const char *arg,
			struct lvs_err *err);
int lvs_set_tcp(struct lvs_parse *p, const char *arg, struct lvs_err *err);
int lvs_set_udp(struct lvs_parse *p, const char *arg, struct lvs_err *err);
int lvs_set_sctp(struct lvs_parse *p, const char *arg, struct lvs_err *err);
int lvs_set_fwmark(struct lvs_parse *p, const char *arg, struct lvs_err *err);
int lvs_set_ipv6(struct lvs_parse *p, const char *arg, struct lvs_err *err);
int lvs_set_scheduler(struct lvs_parse *p, const char *arg,
		      struct lvs_err *err);
int lvs_set_pe(struct lvs_parse *p, const char *arg, struct lvs_err *err);
int lvs_set_persistent(struct lvs_parse *p, const char *arg,
		       struct lvs_err *err);
int lvs_set_netmask(struct lvs_parse *p, const char *arg, struct lvs_err *err);
int lvs_set_server(struct lvs_parse *p, const char *arg, struct lvs_err *err);
int lvs_set_droute(struct lvs_parse *p, const char *arg, struct lvs_err *err);
int lvs_set_ipip(struct lvs_parse *p, const char *arg, struct lvs_err *err);
int lvs_set_masq(struct lvs_parse *p, const char *arg, struct lvs_err *err);
int lvs_set_tun_type(struct lvs_parse *p, const char *arg, struct lvs_err *err);
int lvs_set_tun_port(struct lvs_parse *p, const char *arg, struct lvs_err *err);
int lvs_set_tun_csum(struct lvs_parse *p, const char *arg, struct lvs_err *err);
int lvs_set_tun_remcsum(struct lvs_parse *p, const char *arg,
			struct lvs_err *err);
int lvs_set_weight(struct lvs_parse *p, const char *arg, struct lvs_err *err);
int lvs_set_u_threshold(struct lvs_parse *p, const char *arg,
			struct lvs_err *err);
int lvs_set_l_threshold(struct lvs_parse *p, const char *arg,
			struct lvs_err *err);
int lvs_set_ops(struct lvs_parse *p, const char *arg, struct lvs_err *err);
int lvs_set_sched_flags(struct lvs_parse *p, const char *arg,
			struct lvs_err *err);
int lvs_set_mcast_ifn(struct lvs_parse *p, const char *arg,
		      struct lvs_err *err);
int lvs_set_syncid(struct lvs_parse *p, const char *arg, struct lvs_err *err);
int lvs_set_sync_maxlen(struct lvs_parse *p, const char *arg,
			struct lvs_err *err);
int lvs_set_mcast_group(struct lvs_parse *p, const char *arg,
			struct lvs_err *err);
int lvs_set_mcast_port(struct lvs_parse *p, const char *arg,
		       struct lvs_err *err);
int lvs_set_vips(struct lvs_parse *p, const char *arg, struct lvs_err *err);
int lvs_set_check(struct lvs_parse *p, const char *arg, struct lvs_err *err);
int lvs_set_probe(struct lvs_parse *p, const char *arg, struct lvs_err *err);
int lvs_set_probe_timeout(struct lvs_parse *p, const char *arg,
			  struct lvs_err *err);
int lvs_set_probe_port(struct lvs_parse *p, const char *arg,
		       struct lvs_err *err);
int lvs_set_arp_strict(struct lvs_parse *p, const char *arg,
		       struct lvs_err *err);
int lvs_set_interface(struct lvs_parse *p, const char *arg,
		      struct lvs_err *err);
int lvs_set_graceful(struct lvs_parse *p, const char *arg, struct lvs_err *err);
int lvs_set_mcast_ttl(struct lvs_parse *p, const char *arg,
		      struct lvs_err *err);

/* Copy a name, keeping at most @size - 1 characters as ipvsadm does. */
void lvs_copy_name(char *dst, size_t size, const char *src);
/* A timeout in seconds from @min to LVS_MAX_TIMEOUT. */
int lvs_parse_timeout(const char *arg, long min, uint32_t *out,
		      struct lvs_err *err);

#endif
