/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * IPVS generic netlink messages to and from the model, for the kernel
 * layer.  Parsers take one reply message and fill the model object they
 * are given; they return 0 or a negative errno.
 */
#ifndef LVSADM_IPVS_MSG_H
#define LVSADM_IPVS_MSG_H

#include <stdbool.h>

#include <netlink/msg.h>

#include "model.h"

/* IPVS_CMD_GET_INFO reply into a struct lvs_info. */
int ipvs_msg_parse_info(struct nlmsghdr *nlh, void *info);
/* A service; appended to a struct lvs_table. */
int ipvs_msg_parse_service_table(struct nlmsghdr *nlh, void *table);
/* The same without the counters, which stay zero: cheaper, for a sync. */
int ipvs_msg_parse_service_config(struct nlmsghdr *nlh, void *table);
/* A service; into a struct lvs_service_entry. */
int ipvs_msg_parse_service(struct nlmsghdr *nlh, void *entry);
/* A destination; appended to a struct lvs_service_entry. */
int ipvs_msg_parse_dest(struct nlmsghdr *nlh, void *entry);
/* The same without the counters, which stay zero. */
int ipvs_msg_parse_dest_config(struct nlmsghdr *nlh, void *entry);
/* IPVS_CMD_GET_CONFIG reply into a struct lvs_timeout. */
int ipvs_msg_parse_timeout(struct nlmsghdr *nlh, void *timeout);
/* A daemon; into the first free slot of a struct lvs_daemon[2]. */
int ipvs_msg_parse_daemon(struct nlmsghdr *nlh, void *daemons);

/* The service nest: its key, and with @full its configuration. */
int ipvs_msg_put_service(struct nl_msg *msg, const struct lvs_service *s,
			 bool full);
/* The attributes of a change command. */
int ipvs_msg_build(struct nl_msg *msg, const struct lvs_cmd *cmd);

#endif
