// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/sys/net/ipv4: the ARP and reverse-path sysctls of each interface.
 * Interface names become path components, so they are checked first.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysctl.h"

#define CONF_DIR "/proc/sys/net/ipv4/conf/"

const char *const lvs_arp_key_names[LVS_NUM_ARP_KEYS] = {
	[LVS_ARP_IGNORE] = "arp_ignore",
	[LVS_ARP_ANNOUNCE] = "arp_announce",
	[LVS_ARP_FILTER] = "arp_filter",
	[LVS_RP_FILTER] = "rp_filter",
};

bool lvs_ifname_valid(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n >= 16 || !strcmp(name, ".") || !strcmp(name, ".."))
		return false;
	for (const char *c = name; *c; c++)
		if (*c == '/' || *c == ':' || *c <= ' ' || *c == 0x7f)
			return false;
	return true;
}

static int read_int(const char *path, int *value)
{
	char buf[32], *end;
	ssize_t n;
	long v;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	v = strtol(buf, &end, 10);
	if (end == buf || (*end && *end != '\n'))
		return -EINVAL;
	*value = (int)v;
	return 0;
}

static int write_int(const char *path, int value)
{
	char buf[16];
	int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
	int len = snprintf(buf, sizeof(buf), "%d\n", value);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, buf, (size_t)len);
	if (n < 0) {
		n = -errno;
		close(fd);
		return (int)n;
	}
	if (close(fd))
		return -errno;
	return n == len ? 0 : -EIO;
}

static int conf_path(char *buf, size_t len, const char *ifname,
		     enum lvs_arp_key key)
{
	if (!lvs_ifname_valid(ifname))
		return -EINVAL;
	snprintf(buf, len, CONF_DIR "%s/%s", ifname, lvs_arp_key_names[key]);
	return 0;
}

int lvs_conf_get(const char *ifname, enum lvs_arp_key key, int *value)
{
	char path[128];

	return conf_path(path, sizeof(path), ifname, key) ?:
							    read_int(path, value);
}

int lvs_conf_set(const char *ifname, enum lvs_arp_key key, int value)
{
	char path[128];

	return conf_path(path, sizeof(path), ifname, key) ?:
		       write_int(path, value);
}

int lvs_conf_effective(const char *ifname, enum lvs_arp_key key, int *value)
{
	int all, own, r;

	if ((r = lvs_conf_get("all", key, &all)) ||
	    (r = lvs_conf_get(ifname, key, &own)))
		return r;
	if (key == LVS_ARP_FILTER)
		*value = all || own;
	else
		*value = all > own ? all : own;
	return 0;
}

int lvs_ip_forward(int *value)
{
	return read_int("/proc/sys/net/ipv4/ip_forward", value);
}
