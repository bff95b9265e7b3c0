// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target for the address, port, number and netmask parsers of
 * src/addr.c (and the option handlers that use them): the input, up to
 * its first NUL byte, is given to each.  What is accepted must format and
 * parse back to the same value.
 */
#include <limits.h>
#include <string.h>
#include <arpa/inet.h>

#include "addr.h"
#include "cmdline.h"
#include "optargs.h"
#include "fuzz.h"
#include "sysctl.h"

static const int protos[] = { IPPROTO_TCP, IPPROTO_UDP, IPPROTO_SCTP, 0 };

static void check_hostport(const char *text, int proto)
{
	union lvs_addr addr, again_addr;
	uint16_t af = 0, port = 0, again_af = 0, again_port = 0;
	char buf[128];
	int found, again;

	memset(&addr, 0, sizeof(addr));
	found = lvs_parse_hostport(text, proto, &af, &addr, &port);
	FUZZ_CHECK(!(found & ~(LVS_HOSTPORT_ADDR | LVS_HOSTPORT_PORT)));
	FUZZ_CHECK(!found || (found & LVS_HOSTPORT_ADDR));
	if (!(found & LVS_HOSTPORT_ADDR))
		return;
	FUZZ_CHECK(af == AF_INET || af == AF_INET6);
	if (!(found & LVS_HOSTPORT_PORT))
		return;
	lvs_format_hostport(buf, sizeof(buf), af, &addr, port, proto,
			    LVS_FMT_NUMERIC);
	memset(&again_addr, 0, sizeof(again_addr));
	again = lvs_parse_hostport(buf, proto, &again_af, &again_addr,
				   &again_port);
	FUZZ_CHECK(again == (LVS_HOSTPORT_ADDR | LVS_HOSTPORT_PORT));
	FUZZ_CHECK(again_af == af && again_port == port);
	FUZZ_CHECK(lvs_addr_equal(af, &addr, &again_addr));
}

static void check_number(const char *text, long min, long max)
{
	char buf[32];
	long v = 0, again = 0;

	if (!lvs_parse_number(text, min, max, &v))
		return;
	FUZZ_CHECK(v >= min && v <= max);
	snprintf(buf, sizeof(buf), "%ld", v);
	FUZZ_CHECK(lvs_parse_number(buf, min, max, &again) && again == v);
}

static void check_vip(const char *text)
{
	struct lvs_vip vip, again;
	struct lvs_err err = { 0 };
	char buf[INET6_ADDRSTRLEN];

	if (lvs_parse_vip(text, &vip, &err)) {
		FUZZ_CHECK(err.status == LVS_EXIT_USAGE && err.msg[0]);
		return;
	}
	FUZZ_CHECK(vip.af == AF_INET || vip.af == AF_INET6);
	FUZZ_CHECK(inet_ntop(vip.af, &vip.addr, buf, sizeof(buf)));
	FUZZ_CHECK(!lvs_parse_vip(buf, &again, &err));
	FUZZ_CHECK(again.af == vip.af &&
		   lvs_addr_equal(vip.af, &vip.addr, &again.addr));
}

static void check_vip_list(const char *text)
{
	struct lvs_vip_args args = { 0 };
	struct lvs_err err = { 0 };

	if (!lvs_parse_vip_list(text, &args, &err)) {
		FUZZ_CHECK(args.n >= 1 && args.vips);
		for (size_t i = 0; i < args.n; i++)
			for (size_t j = 0; j < i; j++)
				FUZZ_CHECK(args.vips[i].af != args.vips[j].af ||
					   !lvs_addr_equal(args.vips[i].af,
							   &args.vips[i].addr,
							   &args.vips[j].addr));
	} else {
		FUZZ_CHECK(err.msg[0]);
	}
	free(args.vips);
}

/* The handlers of -M and --mcast-group, which read addresses too. */
static void check_handlers(const char *text)
{
	struct lvs_cmd cmd;
	struct lvs_parse p = { .cmd = &cmd, .prog = "ipvsadm" };
	struct lvs_err err = { 0 };

	memset(&cmd, 0, sizeof(cmd));
	cmd.svc.af = AF_INET6;
	if (!lvs_set_netmask(&p, text, &err))
		FUZZ_CHECK(cmd.svc.netmask >= 1 && cmd.svc.netmask <= 128);
	memset(&cmd, 0, sizeof(cmd));
	cmd.svc.af = AF_INET;
	lvs_set_netmask(&p, text, &err);
	memset(&cmd, 0, sizeof(cmd));
	if (!lvs_set_mcast_group(&p, text, &err))
		FUZZ_CHECK(cmd.daemon.mcast_af == AF_INET ||
			   cmd.daemon.mcast_af == AF_INET6);
}

int lvs_fuzz_addr(const uint8_t *data, size_t size)
{
	uint32_t u32;
	char *text = lvs_fuzz_text(data, size);

	if (!text)
		return 0;

	for (size_t i = 0; i < sizeof(protos) / sizeof(protos[0]); i++)
		check_hostport(text, protos[i]);
	check_number(text, LONG_MIN, LONG_MAX);
	check_number(text, 0, 65535);
	check_number(text, 1, INT_MAX);
	if (lvs_parse_fwmark(text, &u32))
		FUZZ_CHECK(u32 >= 1);
	lvs_parse_netmask4(text, &u32);
	check_vip(text);
	check_vip_list(text);
	check_handlers(text);
	if (lvs_ifname_valid(text))
		FUZZ_CHECK(strlen(text) >= 1 && strlen(text) < IFNAMSIZ &&
			   !strpbrk(text, "/: \t\n"));
	free(text);
	return 0;
}
