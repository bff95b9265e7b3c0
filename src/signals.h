/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Stop requests: SIGINT and SIGTERM caught while lvsadm waits, so that it
 * can stop waiting and leave things in a known state instead of dying in
 * the middle.  Outside such a wait, the signals keep their usual effect.
 */
#ifndef LVSADM_SIGNALS_H
#define LVSADM_SIGNALS_H

/* Catch SIGINT and SIGTERM from now on.  0, or -errno. */
int lvs_stop_catch(void);

/* The signal caught since lvs_stop_catch(), or 0. */
int lvs_stop_requested(void);

/* Give SIGINT and SIGTERM back the actions they had before. */
void lvs_stop_release(void);

#endif
