// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A preloaded library for the crash tests: with KILLPOINT_NTH=N in the
 * environment, the process is killed with SIGKILL just before its Nth
 * call (counted from 1) to one of the functions through which lvsadm
 * changes anything: write, sendto, sendmsg, fsync, renameat, unlinkat.
 * With KILLPOINT_COUNT=FILE, the number of such calls is written to FILE
 * at exit, so that a test knows how many points there are.
 *
 *   cc -shared -fPIC -o killpoint.so killpoint.c
 *   KILLPOINT_NTH=7 LD_PRELOAD=./killpoint.so lvsadm --add-vip ...
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/socket.h>

static unsigned long count, nth;
static int ready;

static void point(void)
{
	if (!ready) {
		const char *s = getenv("KILLPOINT_NTH");

		nth = s ? strtoul(s, NULL, 10) : 0;
		ready = 1;
	}
	if (++count == nth)
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
	const char *path = getenv("KILLPOINT_COUNT");
	char text[32];
	int fd, len;

	if (!path)
		return;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return;
	len = snprintf(text, sizeof(text), "%lu\n", count);
	if (REAL(write)(fd, text, (size_t)len) != len)
		perror("killpoint");
	close(fd);
}
