/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --check --probe: what no configuration check can see, asked on the
 * wire from the director.  Which machines answer ARP for each VIP, and
 * whether each DR real server accepts a TCP SYN for VIP:port sent in a
 * frame to its MAC address, exactly as IPVS forwards one.  Packet
 * sockets only; nothing of the host's configuration changes.
 */
#ifndef LVSADM_PROBE_H
#define LVSADM_PROBE_H

#include "error.h"
#include "finding.h"
#include "model.h"

/*
 * Refuse, with status 3, a probe that has nothing to probe: no DR real
 * server on a directly connected network (of the VIPs named), or a VIP
 * named that is no service's address (any VIP may be named for a fwmark
 * service, with --probe-port).
 */
int lvs_probe_check_args(const struct lvs_host *h, const struct lvs_table *t,
			 const struct lvs_vip_args *a, struct lvs_err *err);

/*
 * Probe, adding a finding per fault seen; returns how many real servers
 * answered the SYN, or -1 with @err when no packet socket can be opened.
 */
int lvs_probe(const struct lvs_host *h, const struct lvs_table *t,
	      const struct lvs_vip_args *a, struct lvs_findings *f,
	      struct lvs_err *err);

#endif
