// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdarg.h>
#include <stdio.h>

#include "error.h"

int lvs_fail(struct lvs_err *err, int status, const char *fmt, ...)
{
	va_list ap;

	err->status = status;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

int lvs_reported(struct lvs_err *err, int status)
{
	err->status = status;
	err->msg[0] = '\0';
	return -1;
}
