// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The /proc/net/ip_vs reader, on text as the kernel prints it.
 */
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "ipvs-proc.h"
#include "tap.h"

static int read_text(const char *text, struct lvs_table *t)
{
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	int r = lvs_proc_read_table(in, t);

	fclose(in);
	return r;
}

static void test_table(void)
{
	static const char text[] =
		"IP Virtual Server version 1.2.1 (size=4096)\n"
		"Prot LocalAddress:Port Scheduler Flags\n"
		"  -> RemoteAddress:Port Forward Weight ActiveConn InActConn\n"
		"TCP  0A00000A:0050 rr \n"
		"  -> 0A000003:0050      Route   1      0          0         \n"
		"  -> 0A000002:1F90      Masq    7      2          0         \n"
		"UDP  [2001:0db8:0000:0000:0000:0000:0000:0010]:0035 wlc persistent 360 FFFFFFFF\n"
		"  -> [2001:0db8:0000:0000:0000:0000:0000:0002]:0035      Tunnel  0      0          0         \n"
		"FWM  00000001 sh \n";
	struct lvs_table t;
	char a[INET6_ADDRSTRLEN];

	tap_ok(read_text(text, &t) == 0, "a table with three services is read");
	tap_ok(t.n_svcs == 3, "three services");
	if (t.n_svcs != 3) {
		lvs_table_free(&t);
		return;
	}
	inet_ntop(AF_INET, &t.svcs[0].svc.addr, a, sizeof(a));
	tap_str(a, "10.0.0.10", "the IPv4 VIP, from host-order hexadecimal");
	tap_ok(t.svcs[0].svc.port == 80 &&
		       t.svcs[0].svc.protocol == IPPROTO_TCP,
	       "TCP port 80");
	tap_str(t.svcs[0].svc.sched, "rr", "the scheduler");
	tap_ok(t.svcs[0].n_dests == 2, "two real servers");
	inet_ntop(AF_INET, &t.svcs[0].dests[1].dest.addr, a, sizeof(a));
	tap_str(a, "10.0.0.2", "the second real server's address");
	tap_ok(t.svcs[0].dests[0].dest.fwd == IP_VS_CONN_F_DROUTE &&
		       t.svcs[0].dests[1].dest.fwd == IP_VS_CONN_F_MASQ,
	       "Route and Masq");
	tap_ok(t.svcs[0].dests[1].dest.port == 8080 &&
		       t.svcs[0].dests[1].dest.weight == 7,
	       "port and weight");
	inet_ntop(AF_INET6, &t.svcs[1].svc.addr, a, sizeof(a));
	tap_str(a, "2001:db8::10", "the IPv6 VIP");
	tap_ok(t.svcs[1].svc.af == AF_INET6 &&
		       t.svcs[1].svc.protocol == IPPROTO_UDP &&
		       t.svcs[1].svc.port == 53,
	       "UDP over IPv6, port 53");
	tap_ok(t.svcs[1].n_dests == 1 &&
		       t.svcs[1].dests[0].dest.fwd == IP_VS_CONN_F_TUNNEL &&
		       t.svcs[1].dests[0].dest.af == AF_INET6,
	       "an IPv6 tunnel real server");
	tap_ok(t.svcs[2].svc.fwmark == 1 && !t.svcs[2].n_dests,
	       "a fwmark service without real servers");
	lvs_table_free(&t);
}

static void test_bad(void)
{
	static const char *const bad[] = {
		"h\nh\nh\n  -> 0A000003:0050 Route 1 0 0\n",
		"h\nh\nh\nTCP  0A0000:0050 rr\n",
		"h\nh\nh\nICMP 0A00000A:0050 rr\n",
		"h\nh\nh\nTCP  0A00000A:0050 rr\n  -> 0A000003:0050 Carrier 1 0 0\n",
		"h\nh\nh\nTCP  [2001:db8::1:0050 rr\n",
	};

	for (size_t i = 0; i < TAP_COUNT(bad); i++) {
		struct lvs_table t;

		tap_ok(read_text(bad[i], &t) != 0, "bad table %zu is refused",
		       i);
		lvs_table_free(&t);
	}
}

int main(void)
{
	test_table();
	test_bad();
	return tap_done();
}
