// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The state file.
 *
 * Format, one entry per line ('#' comments and blank lines allowed):
 *	lvsadm-state 1
 *	saved <arp_ignore|arp_announce|arp_filter|rp_filter> <value>
 *	arp-strict
 *	vip <address> <interface>
 *
 * Everything is opened relative to the state directory, with O_NOFOLLOW,
 * and checked with fstat() on the open descriptor, so a symlink or a file
 * swapped in by someone else is refused rather than followed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/file.h>
#include <sys/stat.h>

#include "state.h"

#define STATE_FILE "state"
#define STATE_TMP "state.new"
#define STATE_MAX (64 * 1024)
#define STATE_MAGIC "lvsadm-state 1"

static int fail_errno(struct lvs_err *err, int e, const char *what,
		      const char *path)
{
	return lvs_fail(err, LVS_EXIT_SYSTEM, "%s %s: %s", what, path,
			strerror(e));
}

/* Does @path have a ".." component? */
static bool has_dotdot(const char *path)
{
	for (const char *p = strstr(path, ".."); p; p = strstr(p + 1, ".."))
		if ((p == path || p[-1] == '/') && (p[2] == '/' || !p[2]))
			return true;
	return false;
}

/* The state directory: @dir ($LVSADM_RUNDIR), or /run/lvsadm. */
static int state_dir(struct lvs_state *st, const char *dir, struct lvs_err *err)
{
	if (!dir || !*dir)
		dir = "/run/lvsadm";
	if (dir[0] != '/' || has_dotdot(dir) ||
	    strlen(dir) >= sizeof(st->dir) - 16)
		return lvs_fail(
			err, LVS_EXIT_USAGE,
			"LVSADM_RUNDIR must be an absolute path without '..': %s",
			dir);
	snprintf(st->dir, sizeof(st->dir), "%s", dir);
	return 0;
}

/* Refuse what someone other than us could have written. */
static int check_owner(const struct stat *sb, const char *what,
		       const char *path, struct lvs_err *err)
{
	if (sb->st_uid != geteuid())
		return lvs_fail(
			err, LVS_EXIT_USAGE,
			"%s %s belongs to uid %u, not to uid %u; refusing to use it",
			what, path, (unsigned int)sb->st_uid,
			(unsigned int)geteuid());
	if (sb->st_mode & (S_IWGRP | S_IWOTH))
		return lvs_fail(
			err, LVS_EXIT_USAGE,
			"%s %s is writable by others (mode %04o); refusing to use it",
			what, path, (unsigned int)(sb->st_mode & 07777));
	return 0;
}

/*
 * Open the state directory @st->dir, which must be a real directory owned
 * by the effective user and not writable by group or others.  Returns its descriptor, -1 with
 * @err filled in, or -2 (errno ENOENT) when it does not exist.
 */
static int open_checked_dir(struct lvs_state *st, struct lvs_err *err)
{
	struct stat sb;
	int fd;

	fd = open(st->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return -2;
		if (errno == ELOOP || errno == ENOTDIR)
			return lvs_fail(
				err, LVS_EXIT_USAGE,
				"the state directory %s is a symlink or not a directory; refusing to use it",
				st->dir);
		return fail_errno(err, errno, "cannot open the state directory",
				  st->dir);
	}
	if (fstat(fd, &sb) ||
	    check_owner(&sb, "the state directory", st->dir, err)) {
		if (!err->msg[0])
			fail_errno(err, errno, "cannot stat", st->dir);
		close(fd);
		return -1;
	}
	return fd;
}

/* The locked state directory, held until the process ends. */
static int lock_fd = -1;
static char lock_dir[sizeof(((struct lvs_state *)0)->dir)];

static int open_dir(struct lvs_state *st, struct lvs_err *err)
{
	int fd;

	if (lock_fd >= 0 && !strcmp(lock_dir, st->dir)) {
		st->dirfd = lock_fd;
		return 0;
	}
	if (lock_fd >= 0) {
		close(lock_fd);
		lock_fd = -1;
	}
	if (mkdir(st->dir, 0700) && errno != EEXIST)
		return fail_errno(err, errno,
				  "cannot create the state directory", st->dir);
	fd = open_checked_dir(st, err);
	if (fd == -2)
		return fail_errno(err, ENOENT,
				  "cannot open the state directory", st->dir);
	if (fd < 0)
		return -1;
	/* Concurrent runs that change the host take turns. */
	if (flock(fd, LOCK_EX)) {
		fail_errno(err, errno, "cannot lock the state directory",
			   st->dir);
		close(fd);
		return -1;
	}
	st->dirfd = lock_fd = fd;
	snprintf(lock_dir, sizeof(lock_dir), "%s", st->dir);
	return 0;
}

int lvs_lock_host(const char *dir, struct lvs_err *err)
{
	struct lvs_state st = { .dirfd = -1 };

	return state_dir(&st, dir, err) ?: open_dir(&st, err);
}

void lvs_unlock_host(void)
{
	if (lock_fd < 0)
		return;
	close(lock_fd);
	lock_fd = -1;
	lock_dir[0] = '\0';
}

static int parse_entry(struct lvs_state *st, char *line, unsigned int lineno,
		       struct lvs_err *err)
{
	char *save = NULL, *kw, *a, *b, *end, *extra;
	struct lvs_vip vip = { 0 };
	long v;
	int k;

	kw = strtok_r(line, " \t", &save);
	a = strtok_r(NULL, " \t", &save);
	b = strtok_r(NULL, " \t", &save);
	extra = strtok_r(NULL, " \t", &save);
	if (!kw || kw[0] == '#')
		return 0;
	if (!strcmp(kw, "arp-strict") && !a) {
		st->arp_strict = true;
		return 0;
	}
	if (!strcmp(kw, "saved") && a && b && !extra) {
		for (k = 0; k < LVS_NUM_ARP_KEYS; k++)
			if (!strcmp(a, lvs_arp_key_names[k]))
				break;
		v = strtol(b, &end, 10);
		if (k < LVS_NUM_ARP_KEYS && end != b && !*end && v >= 0 &&
		    v <= 255) {
			st->saved[k] = (int)v;
			st->has_saved[k] = true;
			return 0;
		}
	}
	if (!strcmp(kw, "vip") && a && b && lvs_ifname_valid(b) &&
	    (!extra ||
	     (!strcmp(extra, "deleting") && !strtok_r(NULL, " \t", &save)))) {
		if (inet_pton(AF_INET, a, &vip.addr.v4) == 1)
			vip.af = AF_INET;
		else if (inet_pton(AF_INET6, a, &vip.addr.v6) == 1)
			vip.af = AF_INET6;
		if (vip.af) {
			struct lvs_state_vip *e =
				lvs_state_add_vip(st, &vip, b);

			if (!e)
				return lvs_fail(err, LVS_EXIT_SYSTEM,
						"out of memory");
			e->deleting = extra != NULL;
			return 0;
		}
	}
	return lvs_fail(
		err, LVS_EXIT_USAGE,
		"the state file %s/" STATE_FILE
		":%u is corrupt; remove it after checking the ARP sysctls and the VIPs on lo",
		st->dir, lineno);
}

static int parse(struct lvs_state *st, char *text, struct lvs_err *err)
{
	char *save = NULL, *line;
	unsigned int lineno = 0;

	line = strtok_r(text, "\n", &save);
	if (!line || strcmp(line, STATE_MAGIC))
		return lvs_fail(
			err, LVS_EXIT_USAGE,
			"the state file %s/" STATE_FILE
			" is not an lvsadm state file; refusing to use it",
			st->dir);
	lineno++;
	while ((line = strtok_r(NULL, "\n", &save)))
		if (parse_entry(st, line, ++lineno, err))
			return -1;
	return 0;
}

static int read_state(struct lvs_state *st, struct lvs_err *err)
{
	char path[320], *text;
	struct stat sb;
	ssize_t n;
	int fd, r;

	snprintf(path, sizeof(path), "%s/" STATE_FILE, st->dir);
	fd = openat(st->dirfd, STATE_FILE,
		    O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		if (errno == ELOOP)
			return lvs_fail(
				err, LVS_EXIT_USAGE,
				"the state file %s is a symlink; refusing to follow it",
				path);
		return fail_errno(err, errno, "cannot open the state file",
				  path);
	}
	if (fstat(fd, &sb)) {
		r = fail_errno(err, errno, "cannot stat", path);
		goto out;
	}
	if (!S_ISREG(sb.st_mode)) {
		r = lvs_fail(
			err, LVS_EXIT_USAGE,
			"the state file %s is not a regular file; refusing to use it",
			path);
		goto out;
	}
	if ((r = check_owner(&sb, "the state file", path, err)))
		goto out;
	if (sb.st_size > STATE_MAX) {
		r = lvs_fail(
			err, LVS_EXIT_USAGE,
			"the state file %s is too large; refusing to use it",
			path);
		goto out;
	}
	text = calloc(1, (size_t)sb.st_size + 1);
	if (!text) {
		r = lvs_fail(err, LVS_EXIT_SYSTEM, "out of memory");
		goto out;
	}
	n = read(fd, text, (size_t)sb.st_size);
	if (n != sb.st_size)
		r = fail_errno(err, n < 0 ? errno : EIO,
			       "cannot read the state file", path);
	else if (memchr(text, '\0', (size_t)n))
		r = lvs_fail(
			err, LVS_EXIT_USAGE,
			"the state file %s holds binary data; refusing to use it",
			path);
	else
		r = parse(st, text, err);
	free(text);
out:
	close(fd);
	return r;
}

int lvs_state_open(struct lvs_state *st, const char *dir, struct lvs_err *err)
{
	memset(st, 0, sizeof(*st));
	st->dirfd = -1;
	if (state_dir(st, dir, err) || open_dir(st, err))
		return -1;
	if (read_state(st, err)) {
		lvs_state_close(st);
		return -1;
	}
	return 0;
}

int lvs_state_peek(struct lvs_state *st, const char *dir, struct lvs_err *err)
{
	int fd, r;

	memset(st, 0, sizeof(*st));
	st->dirfd = -1;
	if (state_dir(st, dir, err))
		return -1;
	/* A writer replaces the file with rename(): no lock is needed. */
	fd = open_checked_dir(st, err);
	if (fd == -2)
		return 0;
	if (fd < 0)
		return -1;
	st->dirfd = fd;
	r = read_state(st, err);
	close(fd);
	st->dirfd = -1;
	if (r)
		lvs_state_close(st);
	return r;
}

void lvs_state_close(struct lvs_state *st)
{
	/* The directory stays open and locked: see lock_fd. */
	free(st->vips);
	st->vips = NULL;
	st->n_vips = st->cap_vips = 0;
	st->dirfd = -1;
}

static bool is_empty(const struct lvs_state *st)
{
	for (int k = 0; k < LVS_NUM_ARP_KEYS; k++)
		if (st->has_saved[k])
			return false;
	return !st->arp_strict && !st->n_vips;
}

/* Write the whole of @len bytes of @buf to @fd. */
static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

int lvs_state_save(struct lvs_state *st, struct lvs_err *err)
{
	char *text = NULL, addr[INET6_ADDRSTRLEN], path[320];
	size_t len = 0;
	FILE *f;
	int fd, e;

	snprintf(path, sizeof(path), "%s/" STATE_FILE, st->dir);
	if (is_empty(st)) {
		if (unlinkat(st->dirfd, STATE_FILE, 0) && errno != ENOENT)
			return fail_errno(err, errno, "cannot remove", path);
		return 0;
	}
	f = open_memstream(&text, &len);
	if (!f)
		return lvs_fail(err, LVS_EXIT_SYSTEM, "out of memory");
	fprintf(f, STATE_MAGIC "\n");
	for (int k = 0; k < LVS_NUM_ARP_KEYS; k++)
		if (st->has_saved[k])
			fprintf(f, "saved %s %d\n", lvs_arp_key_names[k],
				st->saved[k]);
	if (st->arp_strict)
		fprintf(f, "arp-strict\n");
	for (size_t i = 0; i < st->n_vips; i++) {
		inet_ntop(st->vips[i].vip.af, &st->vips[i].vip.addr, addr,
			  sizeof(addr));
		fprintf(f, "vip %s %s%s\n", addr, st->vips[i].ifname,
			st->vips[i].deleting ? " deleting" : "");
	}
	/* A memory stream that could not grow has its error flag set. */
	e = ferror(f);
	if (fclose(f) || e || !text) {
		free(text);
		return lvs_fail(err, LVS_EXIT_SYSTEM, "out of memory");
	}
	/* A leftover from an interrupted run; if it is a symlink, only the
	 * link goes. */
	unlinkat(st->dirfd, STATE_TMP, 0);
	fd = openat(st->dirfd, STATE_TMP,
		    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		e = errno;
		free(text);
		return fail_errno(err, e, "cannot create the state file", path);
	}
	if (write_all(fd, text, len) || fsync(fd)) {
		e = errno;
		close(fd);
		unlinkat(st->dirfd, STATE_TMP, 0);
		free(text);
		return fail_errno(err, e, "cannot write the state file", path);
	}
	free(text);
	close(fd);
	if (renameat(st->dirfd, STATE_TMP, st->dirfd, STATE_FILE)) {
		e = errno;
		unlinkat(st->dirfd, STATE_TMP, 0);
		return fail_errno(err, e, "cannot replace the state file",
				  path);
	}
	fsync(st->dirfd);
	return 0;
}

struct lvs_state_vip *lvs_state_find_vip(struct lvs_state *st,
					 const struct lvs_vip *vip)
{
	for (size_t i = 0; i < st->n_vips; i++)
		if (st->vips[i].vip.af == vip->af &&
		    lvs_addr_equal(vip->af, &st->vips[i].vip.addr, &vip->addr))
			return &st->vips[i];
	return NULL;
}

struct lvs_state_vip *lvs_state_add_vip(struct lvs_state *st,
					const struct lvs_vip *vip,
					const char *ifname)
{
	struct lvs_state_vip *e = lvs_state_find_vip(st, vip);

	if (!e) {
		if (!lvs_grow((void **)&st->vips, &st->cap_vips, st->n_vips + 1,
			      sizeof(*st->vips)))
			return NULL;
		e = &st->vips[st->n_vips++];
	}
	e->vip = *vip;
	snprintf(e->ifname, sizeof(e->ifname), "%s", ifname);
	e->deleting = false;
	return e;
}

void lvs_state_del_vip(struct lvs_state *st, const struct lvs_vip *vip)
{
	struct lvs_state_vip *e = lvs_state_find_vip(st, vip);

	if (e) {
		*e = st->vips[st->n_vips - 1];
		st->n_vips--;
	}
}

bool lvs_state_has_ipv4_vip(const struct lvs_state *st)
{
	for (size_t i = 0; i < st->n_vips; i++)
		if (st->vips[i].vip.af == AF_INET)
			return true;
	return false;
}
