// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The real-server role without a kernel: VIP and interface-name
 * validation, and the state file, including hostile ones.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/stat.h>

#include "addr.h"
#include "state.h"
#include "sysctl.h"
#include "tap.h"

static void test_vips(void)
{
	/* Not a VIP, and the message that says why. */
	static const struct tap_case bad[] = {
		{ "", "invalid VIP '': empty" },
		{ "10.0.0.1/24",
		  "invalid VIP '10.0.0.1/24': give the address without a prefix length; a VIP is bound as /32 (IPv6: /128)" },
		{ "10.0.0.1/32",
		  "invalid VIP '10.0.0.1/32': give the address without a prefix length; a VIP is bound as /32 (IPv6: /128)" },
		{ "10.0.0",
		  "invalid VIP '10.0.0': not an IPv4 or IPv6 address" },
		{ "10.0.0.300",
		  "invalid VIP '10.0.0.300': not an IPv4 or IPv6 address" },
		{ "abc", "invalid VIP 'abc': not an IPv4 or IPv6 address" },
		{ "0.0.0.0", "invalid VIP '0.0.0.0': the unspecified address" },
		{ "255.255.255.255",
		  "invalid VIP '255.255.255.255': the broadcast address" },
		{ "127.0.0.2", "invalid VIP '127.0.0.2': a loopback address" },
		{ "224.0.0.1", "invalid VIP '224.0.0.1': a multicast address" },
		{ "239.1.2.3", "invalid VIP '239.1.2.3': a multicast address" },
		{ "169.254.1.1",
		  "invalid VIP '169.254.1.1': a link-local address" },
		{ "::", "invalid VIP '::': the unspecified address" },
		{ "::1", "invalid VIP '::1': the loopback address" },
		{ "ff02::1", "invalid VIP 'ff02::1': a multicast address" },
		{ "fe80::1", "invalid VIP 'fe80::1': a link-local address" },
		{ "::ffff:10.0.0.1",
		  "invalid VIP '::ffff:10.0.0.1': an IPv4-mapped address; give the IPv4 address" },
	};
	struct lvs_vip_args a = { 0 };
	struct lvs_err err;
	struct lvs_vip v;

	for (size_t i = 0; i < TAP_COUNT(bad); i++) {
		memset(&err, 0, sizeof(err));
		tap_ok(lvs_parse_vip(bad[i].in, &v, &err) == -1 &&
			       err.status == 2,
		       "'%s' is not a VIP", bad[i].in);
		tap_str(err.msg, bad[i].want, bad[i].in);
	}
	tap_ok(!lvs_parse_vip("10.0.0.10", &v, &err) && v.af == AF_INET &&
		       v.addr.v4.s_addr == htonl(0x0a00000a),
	       "an IPv4 VIP");
	tap_ok(!lvs_parse_vip("2001:db8::10", &v, &err) && v.af == AF_INET6,
	       "an IPv6 VIP");
	tap_ok(!lvs_parse_vip_list("10.0.0.10,2001:db8::10,10.0.0.10", &a,
				   &err) &&
		       a.n == 2,
	       "a list, with a duplicate dropped");
	free(a.vips);
	memset(&a, 0, sizeof(a));
	tap_ok(lvs_parse_vip_list("10.0.0.10,10.0.0.300", &a, &err) == -1 &&
		       !strcmp(err.msg,
			       "invalid VIP '10.0.0.300': not an IPv4 or IPv6 address"),
	       "one bad address fails the whole list");
	free(a.vips);
}

static void test_ifnames(void)
{
	static const char *const bad[] = { "",		 ".",
					   "..",	 "a/b",
					   "../etc",	 "eth0:1",
					   "with space", "sixteen-chars-xx" };
	static const char *const good[] = { "lo", "eth0", "tunl0", "br-lan",
					    "fifteen-chars-x" };

	for (size_t i = 0; i < TAP_COUNT(bad); i++)
		tap_ok(!lvs_ifname_valid(bad[i]), "'%s' is no interface name",
		       bad[i]);
	for (size_t i = 0; i < TAP_COUNT(good); i++)
		tap_ok(lvs_ifname_valid(good[i]), "'%s' is an interface name",
		       good[i]);
}

static char dir[256], path[300];

static void write_file(const char *text, mode_t mode)
{
	int fd;

	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode);
	if (fd >= 0) {
		if (write(fd, text, strlen(text)) < 0)
			perror("write");
		fchmod(fd, mode);
		close(fd);
	}
}

static char *read_file(const char *p)
{
	static char buf[4096];
	ssize_t n;
	int fd = open(p, O_RDONLY);

	if (fd < 0)
		return NULL;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n < 0 ? 0 : n] = '\0';
	return buf;
}

/* Open the state and expect a refusal whose message holds @words. */
/* The state directory under test, as main would pass $LVSADM_RUNDIR. */
static const char *rundir;

static void expect_refused(const char *what, const char *words)
{
	struct lvs_state st;
	struct lvs_err err = { 0 };
	int r = lvs_state_open(&st, rundir, &err);

	tap_ok(r == -1 && err.status == 2 && strstr(err.msg, words),
	       "%s is refused: %s", what, err.msg);
	if (!r)
		lvs_state_close(&st);
}

static void test_state(void)
{
	struct lvs_state st;
	struct lvs_err err;
	struct lvs_vip v4 = { .af = AF_INET }, v6 = { .af = AF_INET6 };
	struct stat sb;
	char target[320];

	snprintf(dir, sizeof(dir), "%s/lvsadm-test-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir)) {
		tap_ok(0, "cannot make a temporary directory");
		return;
	}
	strcat(dir, "/run");
	snprintf(path, sizeof(path), "%s/state", dir);
	rundir = dir;

	tap_ok(!lvs_state_open(&st, rundir, &err) && st.n_vips == 0 &&
		       !st.arp_strict,
	       "a missing state is empty, and its directory is made");
	tap_ok(!stat(dir, &sb) && S_ISDIR(sb.st_mode) &&
		       (sb.st_mode & 0777) == 0700,
	       "the state directory has mode 0700");
	inet_pton(AF_INET, "10.0.0.10", &v4.addr.v4);
	inet_pton(AF_INET6, "2001:db8::10", &v6.addr.v6);
	st.saved[LVS_ARP_IGNORE] = 0;
	st.has_saved[LVS_ARP_IGNORE] = true;
	st.saved[LVS_ARP_ANNOUNCE] = 1;
	st.has_saved[LVS_ARP_ANNOUNCE] = true;
	st.arp_strict = true;
	lvs_state_add_vip(&st, &v4, "lo");
	lvs_state_add_vip(&st, &v6, "tunl0");
	tap_ok(!lvs_state_save(&st, &err), "the state is saved");
	lvs_state_close(&st);
	tap_str(read_file(path),
		"lvsadm-state 1\n"
		"saved arp_ignore 0\n"
		"saved arp_announce 1\n"
		"arp-strict\n"
		"vip 10.0.0.10 lo\n"
		"vip 2001:db8::10 tunl0\n",
		"the state file's contents");
	tap_ok(!stat(path, &sb) && (sb.st_mode & 0777) == 0600,
	       "the state file has mode 0600");

	memset(&st, 0, sizeof(st));
	tap_ok(!lvs_state_open(&st, rundir, &err) && st.n_vips == 2 &&
		       st.arp_strict && st.has_saved[LVS_ARP_ANNOUNCE] &&
		       st.saved[LVS_ARP_ANNOUNCE] == 1 &&
		       !st.has_saved[LVS_ARP_FILTER] &&
		       lvs_state_find_vip(&st, &v6) &&
		       !strcmp(lvs_state_find_vip(&st, &v6)->ifname, "tunl0"),
	       "and reads back the same");
	lvs_state_del_vip(&st, &v4);
	tap_ok(!lvs_state_has_ipv4_vip(&st), "no IPv4 VIP is left");
	lvs_state_del_vip(&st, &v6);
	st.arp_strict = false;
	st.has_saved[LVS_ARP_IGNORE] = st.has_saved[LVS_ARP_ANNOUNCE] = false;
	tap_ok(!lvs_state_save(&st, &err) && access(path, F_OK),
	       "an empty state leaves no file");
	lvs_state_close(&st);

	/* Hostile and broken files. */
	snprintf(target, sizeof(target), "%s/../target", dir);
	write_file("x", 0600);
	rename(path, target);
	symlink(target, path);
	expect_refused("a symlinked state file", "symlink");
	tap_str(read_file(target), "x", "and its target is untouched");
	unlink(path);

	write_file("garbage\n", 0600);
	expect_refused("a file that is not lvsadm's", "not an lvsadm state");
	write_file("lvsadm-state 1\nvip 10.0.0.300 lo\n", 0600);
	expect_refused("a bad entry", "state:2 is corrupt");
	write_file("lvsadm-state 1\nvip 10.0.0.1 ../x\n", 0600);
	expect_refused("an unsafe interface name", "state:2 is corrupt");
	write_file("lvsadm-state 1\nsaved arp_ignore -3\n", 0600);
	expect_refused("an out-of-range value", "state:2 is corrupt");
	write_file("lvsadm-state 1\n", 0666);
	expect_refused("a world-writable state file", "writable by others");
	unlink(path);
	mkfifo(path, 0600);
	expect_refused("a FIFO", "not a regular file");
	unlink(path);
	if (geteuid() == 0) {
		write_file("lvsadm-state 1\n", 0600);
		if (chown(path, 65534, 65534))
			perror("chown");
		expect_refused("a state file owned by someone else",
			       "belongs to uid 65534");
		unlink(path);
	} else {
		tap_ok(1, "# SKIP a foreign owner needs root to set up");
	}

	rmdir(dir);
	/* Another name: this process keeps the directory it locked. */
	strcat(dir, "2");
	rundir = dir;
	symlink(target, dir);
	expect_refused("a symlinked state directory", "is a symlink");
	unlink(dir);
	dir[strlen(dir) - 1] = '\0';
	rundir = "run/lvsadm";
	expect_refused("a relative LVSADM_RUNDIR", "absolute path");
	rundir = "/run/../tmp";
	expect_refused("LVSADM_RUNDIR with ..", "absolute path");
	unlink(target);
	dir[strlen(dir) - 4] = '\0';
	rmdir(dir);
}

int main(void)
{
	test_vips();
	test_ifnames();
	test_state();
	return tap_done();
}
