// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A preloaded library that injects faults into lvsadm, for the kernel
 * tests of what a failure or a crash leaves behind.
 *
 *   FAILALLOC_NTH=N   the Nth allocation (malloc, calloc or realloc,
 *                     counted from 1) fails with ENOMEM; the others succeed
 *   KILLPOINT_NTH=N   SIGKILL just before the Nth call to one of the
 *                     functions through which lvsadm changes anything:
 *                     write, sendto, sendmsg, fsync, renameat, unlinkat
 *   INJECT_COUNT=FILE at exit, write "ALLOCATIONS KILLPOINTS" to FILE, so
 *                     that a test knows how many there are to try
 *
 *   cc -shared -fPIC -o inject.so inject.c
 *   FAILALLOC_NTH=7 LD_PRELOAD=./inject.so lvsadm ...
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/socket.h>

void *__libc_malloc(size_t n);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t n);

static unsigned long allocs, fail_nth, points, kill_nth;
static int ready;

static void setup(void)
{
	const char *s;

	if (ready)
		return;
	s = getenv("FAILALLOC_NTH");
	fail_nth = s ? strtoul(s, NULL, 10) : 0;
	s = getenv("KILLPOINT_NTH");
	kill_nth = s ? strtoul(s, NULL, 10) : 0;
	ready = 1;
}

static int should_fail(void)
{
	setup();
	if (++allocs != fail_nth)
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

static void point(void)
{
	setup();
	if (++points == kill_nth)
		raise(SIGKILL);
}

#define REAL(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))

ssize_t write(int fd, const void *buf, size_t n)
{
	point();
	return REAL(write)(fd, buf, n);
}

ssize_t sendto(int fd, const void *buf, size_t n, int flags,
	       const struct sockaddr *to, socklen_t len)
{
	point();
	return REAL(sendto)(fd, buf, n, flags, to, len);
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
	point();
	return REAL(sendmsg)(fd, msg, flags);
}

int fsync(int fd)
{
	point();
	return REAL(fsync)(fd);
}

int renameat(int olddirfd, const char *old, int newdirfd, const char *new)
{
	point();
	return REAL(renameat)(olddirfd, old, newdirfd, new);
}

int unlinkat(int dirfd, const char *path, int flags)
{
	point();
	return REAL(unlinkat)(dirfd, path, flags);
}

__attribute__((destructor)) static void report(void)
{
	const char *path = getenv("INJECT_COUNT");
	char text[64];
	int fd, len;

	if (!path)
		return;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return;
	len = snprintf(text, sizeof(text), "%lu %lu\n", allocs, points);
	if (REAL(write)(fd, text, (size_t)len) != len)
		perror("inject");
	close(fd);
}
