/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel layer for IPVS: the only user of generic netlink.  One socket
 * per process, the family resolved once.  Functions return 0 or a negative
 * errno; ipvs_strerror() turns that errno into ipvsadm's text for the
 * operation that failed.
 */
#ifndef LVSADM_IPVS_H
#define LVSADM_IPVS_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

struct ipvs;

/* Operations, for error texts that depend on what failed. */
enum ipvs_op {
	IPVS_OP_INIT,
	IPVS_OP_ADD_SERVICE,
	IPVS_OP_EDIT_SERVICE,
	IPVS_OP_DEL_SERVICE,
	IPVS_OP_ZERO,
	IPVS_OP_ADD_DEST,
	IPVS_OP_EDIT_DEST,
	IPVS_OP_DEL_DEST,
	IPVS_OP_FLUSH,
	IPVS_OP_SET_TIMEOUT,
	IPVS_OP_START_DAEMON,
	IPVS_OP_STOP_DAEMON,
	IPVS_OP_GET_SERVICES,
	IPVS_OP_GET_SERVICE,
	IPVS_OP_GET_DESTS,
	IPVS_OP_GET_TIMEOUT,
	IPVS_OP_GET_DAEMON,
};

/* The receive buffer: room for the answers to a whole batch. */
#define IPVS_RCVBUF (4 << 20)

/*
 * Connect and resolve the IPVS family, loading the ip_vs module once if
 * the family is missing, then read the IPVS version.  @rcvbuf is the
 * socket's receive buffer in bytes, 0 for IPVS_RCVBUF.  On failure *h is
 * NULL and the result is a negative errno for IPVS_OP_INIT.
 */
int ipvs_open(struct ipvs **h, int rcvbuf);
void ipvs_close(struct ipvs *h);

/*
 * True unless the running kernel certainly has no IPVS (its generic
 * netlink family is unknown); needs no privilege and loads nothing.
 */
bool ipvs_in_kernel(void);

/* What IPVS_CMD_GET_INFO reported when the handle was opened. */
const struct lvs_info *ipvs_info(const struct ipvs *h);

/*
 * Append every service, without destinations, to @t (kernel order); the
 * counters only with @stats.
 */
int ipvs_get_services(struct ipvs *h, struct lvs_table *t, bool stats);
/* Fill @out with the service @key names, without destinations. */
int ipvs_get_service(struct ipvs *h, const struct lvs_service *key,
		     struct lvs_service_entry *out);
/* Append the destinations of @e->svc to @e (kernel order), the same. */
int ipvs_get_dests(struct ipvs *h, struct lvs_service_entry *e, bool stats);
int ipvs_get_timeout(struct ipvs *h, struct lvs_timeout *t);
/* Fill up to two daemons; unused slots have state 0. */
int ipvs_get_daemons(struct ipvs *h, struct lvs_daemon d[2]);

/* The operation that carries out a change command. */
enum ipvs_op ipvs_cmd_op(enum lvs_cmd_kind kind);
/* Carry out a change command (-A -E -D -a -e -d -C -Z --set, daemons). */
int ipvs_execute(struct ipvs *h, const struct lvs_cmd *cmd);

/* Is @kind a change the kernel carries out (ipvs_execute's commands)? */
bool ipvs_is_change(enum lvs_cmd_kind kind);

/*
 * A pipeline of change commands, sent in batches with one system call
 * each.  Each command's result (0 or a negative errno) reaches @fn with
 * the tag it was queued with, in queueing order, once its batch has been
 * answered.  -ENOBUFS means the answer was lost: the outcome is unknown.
 */
struct ipvs_pipe;
typedef void (*ipvs_result_fn)(void *arg, size_t tag, int err);

struct ipvs_pipe *ipvs_pipe_new(struct ipvs *h, ipvs_result_fn fn, void *arg);
/* Queue @cmd; a full batch is sent at once.  Fails only to queue. */
int ipvs_pipe_add(struct ipvs_pipe *p, const struct lvs_cmd *cmd, size_t tag);
/* Send what is queued and wait for its answers. */
int ipvs_pipe_flush(struct ipvs_pipe *p);
void ipvs_pipe_free(struct ipvs_pipe *p);

/* ipvsadm's text for errno @err (positive) returned by @op. */
const char *ipvs_strerror(enum ipvs_op op, int err);

#endif
