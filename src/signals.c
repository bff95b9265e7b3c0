// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Stop requests.  The handler only records the signal; the waiting loop
 * sees it at its next turn, as its sleep is cut short (no SA_RESTART).
 */
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "signals.h"

static volatile sig_atomic_t caught;
static struct sigaction old_int, old_term;
static int held;

static void on_signal(int sig)
{
	caught = sig;
}

/* Catch @sig unless it is ignored (a background job of a script). */
static int catch_one(int sig, struct sigaction *old)
{
	struct sigaction sa;

	if (sigaction(sig, NULL, old))
		return -errno;
	if (old->sa_handler == SIG_IGN)
		return 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	return sigaction(sig, &sa, NULL) ? -errno : 0;
}

int lvs_stop_catch(void)
{
	int r;

	caught = 0;
	r = catch_one(SIGINT, &old_int);
	if (r)
		return r;
	r = catch_one(SIGTERM, &old_term);
	if (r) {
		sigaction(SIGINT, &old_int, NULL);
		return r;
	}
	held = 1;
	return 0;
}

int lvs_stop_requested(void)
{
	return caught;
}

void lvs_stop_release(void)
{
	if (!held)
		return;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	held = 0;
}
