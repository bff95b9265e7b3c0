// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A preloaded allocator for the allocation-failure tests: with
 * FAILALLOC_NTH=N in the environment, the Nth allocation of the process
 * (malloc, calloc or realloc, counted from 1) fails with ENOMEM and every
 * other one succeeds.  With FAILALLOC_COUNT=FILE, the number of
 * allocations made is written to FILE at exit, so that a test knows how
 * many there are to fail.
 *
 *   cc -shared -fPIC -o failalloc.so failalloc.c
 *   FAILALLOC_NTH=7 LD_PRELOAD=./failalloc.so lvsadm ...
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void *__libc_malloc(size_t n);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t n);

static unsigned long count, nth;
static int ready;

static int should_fail(void)
{
	if (!ready) {
		const char *s = getenv("FAILALLOC_NTH");

		nth = s ? strtoul(s, NULL, 10) : 0;
		ready = 1;
	}
	if (++count != nth)
		return 0;
	errno = ENOMEM;
	return 1;
}

void *malloc(size_t n)
{
	return should_fail() ? NULL : __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
	return should_fail() ? NULL : __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
	return should_fail() ? NULL : __libc_realloc(p, n);
}

__attribute__((destructor)) static void report(void)
{
	const char *path = getenv("FAILALLOC_COUNT");
	char text[32];
	int fd, len;

	if (!path)
		return;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return;
	len = snprintf(text, sizeof(text), "%lu\n", count);
	if (write(fd, text, (size_t)len) != len)
		perror("failalloc");
	close(fd);
}
