/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Error records.  Functions below main never print a failure and never
 * exit: they fill a struct lvs_err and return -1.  main() alone turns the
 * record into text on stderr and an exit status.
 */
#ifndef LVSADM_ERROR_H
#define LVSADM_ERROR_H

/* Exit statuses, as ipvsadm uses them. */
enum {
	LVS_EXIT_OK = 0,
	LVS_EXIT_LIST = 1, /* a failure while listing */
	LVS_EXIT_USAGE = 2, /* a local validation failure */
	LVS_EXIT_KERNEL = 255, /* a kernel error, a popt error, no command */
	/* lvsadm's own commands add: */
	LVS_EXIT_PROBLEMS = 1, /* --check found problems */
	LVS_EXIT_CONFLICT = 3, /* the host's configuration is in the way */
	LVS_EXIT_SYSTEM = 4, /* not root, or the system refused */
};

/**
 * struct lvs_err - the first failure of an operation
 * @status:	exit status it maps to (LVS_EXIT_*)
 * @msg:	message, without the final newline
 */
struct lvs_err {
	int status;
	char msg[1024];
};

/*
 * Input quoted in a message: at most LVS_QUOTE_MAX bytes of it, then
 * "...", so that what follows it is never cut off by the size of @msg.
 * For "'%.*s%s'" with LVS_QUOTE(text).
 */
#define LVS_QUOTE_MAX 64
#define LVS_QUOTE(s) LVS_QUOTE_MAX, (s), strlen(s) > LVS_QUOTE_MAX ? "..." : ""

/* Record a failure and return -1. */
int lvs_fail(struct lvs_err *err, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Record a failure that was reported already (each bad line of a rules
 * file on its own, a diff printed by --dry-run, a listing ipvsadm ends
 * without a word): only its exit status is left to give.  Returns -1.
 */
int lvs_reported(struct lvs_err *err, int status);

/* Was the failure in @err reported already (nothing left to print)? */
static inline int lvs_is_reported(const struct lvs_err *err)
{
	return !err->msg[0];
}

#endif
