/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Option arguments: the value handlers that the option table names, and
 * the parse state they fill in.
 */
#ifndef LVSADM_OPTARGS_H
#define LVSADM_OPTARGS_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "model.h"

struct lvs_option;
struct lvs_given;

/**
 * struct lvs_optval - what a row of the option table tells its setter
 * @field:	where in struct lvs_cmd the value goes (offsetof)
 * @size:	the size of that field
 * @min:	lvs_set_number: the smallest number taken
 * @max:	lvs_set_number: the largest number taken
 * @value:	lvs_set_value and lvs_set_bits: what is stored in the field or
 *		added to its bits; lvs_set_service: the protocol
 * @msg:	ipvsadm's message for a value the setter refuses
 */
struct lvs_optval {
	size_t field;
	size_t size;
	long min;
	long max;
	unsigned long value;
	const char *msg;
};

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
 * @val:	the row of the option whose value is being set
 */
struct lvs_parse {
	struct lvs_cmd *cmd;
	const char *prog;
	bool explain;
	char sched_flags[128];
	const struct lvs_option *command;
	struct lvs_given *given;
	const struct lvs_optval *val;
};

/*
 * A value handler named by the option table: reads @arg (NULL when the
 * option takes none, or an optional value is not given) into @p->cmd.
 */
typedef int lvs_set_fn(struct lvs_parse *p, const char *arg,
		       struct lvs_err *err);

/*
 * The generic handlers do what @p->val says: read a number in its range
 * (lvs_set_number), store a constant (lvs_set_value) or add bits
 * (lvs_set_bits) in its field, copy a name into it (lvs_set_name), read a
 * service address of its protocol (lvs_set_service) or a sync daemon's
 * state (lvs_set_daemon).
 */
lvs_set_fn lvs_set_number, lvs_set_value, lvs_set_bits, lvs_set_name,
	lvs_set_service, lvs_set_daemon;

/* The handlers of one option each. */
lvs_set_fn lvs_set_fwmark, lvs_set_ipv6, lvs_set_persistent, lvs_set_netmask,
	lvs_set_server, lvs_set_tun_type, lvs_set_sched_flags,
	lvs_set_mcast_group, lvs_set_vips, lvs_set_check, lvs_set_probe_timeout,
	lvs_set_arp_strict, lvs_set_interface, lvs_set_graceful;

/* Copy a name, keeping at most @size - 1 characters as ipvsadm does. */
void lvs_copy_name(char *dst, size_t size, const char *src);
/* A timeout in seconds from @min to LVS_MAX_TIMEOUT. */
int lvs_parse_timeout(const char *arg, long min, uint32_t *out,
		      struct lvs_err *err);

#endif
