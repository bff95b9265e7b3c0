/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The state file: what lvsadm changed on this host, so that it can undo
 * exactly that.  It lives in the directory the caller names (main reads
 * it from $LVSADM_RUNDIR; NULL means /run/lvsadm), is
 * created with mode 0600, replaced atomically, never read or written
 * through a symlink, and refused when its owner or mode is not safe.
 */
#ifndef LVSADM_STATE_H
#define LVSADM_STATE_H

#include <stdbool.h>

#include "error.h"
#include "model.h"
#include "sysctl.h"

/**
 * struct lvs_state_vip - a VIP that lvsadm bound, and where
 * @deleting:	a --delete-vip of it began: if it is gone, that run
 *		removed it (written before the address is removed, so that
 *		a run killed half-way can be finished by running it again)
 */
struct lvs_state_vip {
	struct lvs_vip vip;
	char ifname[IFNAMSIZ];
	bool deleting;
};

/**
 * struct lvs_state - the contents of the state file, and its lock
 *
 * Every command that changes the host writes what it is about to do here
 * first (the VIPs it will bind, the values it will replace), and only
 * then changes anything: killed at any point, it leaves a state from
 * which the same command, run again, finishes the work and the values
 * from before the first change are never lost.
 *
 * @saved:	conf/all values from before lvsadm changed them
 * @has_saved:	which of @saved hold a value
 * @arp_strict:	--arp-strict on is in force
 * @vips:	the VIPs lvsadm bound
 * @dirfd:	the open state directory, locked until the process ends
 */
struct lvs_state {
	int saved[LVS_NUM_ARP_KEYS];
	bool has_saved[LVS_NUM_ARP_KEYS];
	bool arp_strict;
	struct lvs_state_vip *vips;
	size_t n_vips;
	size_t cap_vips;
	int dirfd;
	char dir[256];
};

/*
 * Open (creating it when missing) the state directory, lock it, and read
 * the state file; a missing file is an empty state.  Returns 0, or -1
 * with @err filled in: status 2 for an unsafe or corrupt directory or
 * file, 4 for a system error.
 */
int lvs_state_open(struct lvs_state *st, const char *dir, struct lvs_err *err);
/*
 * Read the state without creating or locking anything, for commands that
 * only look; a missing directory or file is an empty state.
 */
int lvs_state_peek(struct lvs_state *st, const char *dir, struct lvs_err *err);
/*
 * Lock the state directory (creating it when missing) for the rest of the
 * run, so that runs which change the host take turns.  Opening the state
 * takes the same lock; taking it again is free.
 */
int lvs_lock_host(const char *dir, struct lvs_err *err);
/*
 * Let other runs have the lock again, for a run that goes on waiting
 * after its changes (--graceful).  No state may be open.
 */
void lvs_unlock_host(void);
/* Write the state back atomically (an empty state removes the file). */
int lvs_state_save(struct lvs_state *st, struct lvs_err *err);
/* Free the state (the lock is kept). */
void lvs_state_close(struct lvs_state *st);

/* The entry for @vip, or NULL. */
struct lvs_state_vip *lvs_state_find_vip(struct lvs_state *st,
					 const struct lvs_vip *vip);
/*
 * Record @vip on @ifname (an entry being deleted is taken back); its
 * entry, or NULL when out of memory.
 */
struct lvs_state_vip *lvs_state_add_vip(struct lvs_state *st,
					const struct lvs_vip *vip,
					const char *ifname);
void lvs_state_del_vip(struct lvs_state *st, const struct lvs_vip *vip);
/* Does lvsadm still hold an IPv4 VIP (which needs the ARP sysctls)? */
bool lvs_state_has_ipv4_vip(const struct lvs_state *st);

#endif
