// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * IPVS netlink messages: requests built from the model read back into the
 * same model, and kernel replies that a test can never provoke from a real
 * kernel (counters past 2^32, 32-bit STATS, missing attributes).
 */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>

#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "ipvs-msg.h"
#include "tap.h"

#define FAMILY 0x20

static struct nl_msg *reply(uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	genlmsg_put(msg, 0, 0, FAMILY, 0, 0, cmd, IPVS_GENL_VERSION);
	return msg;
}

/*
 * The counters of a destination reply, in the order they are sent: the
 * value in STATS64 and the one in STATS, where the byte counts are 64-bit
 * too and the others 32-bit.
 */
static const struct {
	int attr;
	bool bytes;
	uint64_t v64, v32;
} dest_stats[] = {
	{ IPVS_STATS_ATTR_CONNS, false, 5000000000ULL, 4000000000U },
	{ IPVS_STATS_ATTR_INPKTS, false, 1ULL << 40, 2 },
	{ IPVS_STATS_ATTR_OUTPKTS, false, 3, 3 },
	{ IPVS_STATS_ATTR_INBYTES, true, 1ULL << 50, 1ULL << 50 },
	{ IPVS_STATS_ATTR_OUTBYTES, true, 4, 4 },
	{ IPVS_STATS_ATTR_CPS, false, 4294967296ULL, 1 },
	{ IPVS_STATS_ATTR_INPPS, false, 5, 5 },
	{ IPVS_STATS_ATTR_OUTPPS, false, 6, 6 },
	{ IPVS_STATS_ATTR_INBPS, false, 7, 7 },
	{ IPVS_STATS_ATTR_OUTBPS, false, 8, 8 },
};

/* A destination reply, with 64-bit (STATS64) or 32-bit (STATS) counters. */
static struct nl_msg *dest_reply(bool stats64)
{
	struct nl_msg *msg = reply(IPVS_CMD_NEW_DEST);
	struct nlattr *d = nla_nest_start(msg, IPVS_CMD_ATTR_DEST);
	struct nlattr *st;
	union lvs_addr a = { 0 };

	inet_pton(AF_INET, "10.0.0.2", &a.v4);
	nla_put(msg, IPVS_DEST_ATTR_ADDR, sizeof(a), &a);
	nla_put_u16(msg, IPVS_DEST_ATTR_PORT, htons(80));
	nla_put_u32(msg, IPVS_DEST_ATTR_FWD_METHOD, IP_VS_CONN_F_DROUTE);
	nla_put_u32(msg, IPVS_DEST_ATTR_WEIGHT, 2147483647);
	nla_put_u32(msg, IPVS_DEST_ATTR_U_THRESH, 100);
	nla_put_u32(msg, IPVS_DEST_ATTR_L_THRESH, 50);
	nla_put_u32(msg, IPVS_DEST_ATTR_ACTIVE_CONNS, 7);
	nla_put_u32(msg, IPVS_DEST_ATTR_INACT_CONNS, 8);
	nla_put_u32(msg, IPVS_DEST_ATTR_PERSIST_CONNS, 9);
	nla_put_u16(msg, IPVS_DEST_ATTR_ADDR_FAMILY, AF_INET);
	nla_put_u8(msg, IPVS_DEST_ATTR_TUN_TYPE, IP_VS_CONN_F_TUNNEL_TYPE_GRE);
	nla_put_u16(msg, IPVS_DEST_ATTR_TUN_PORT, htons(6080));
	nla_put_u16(msg, IPVS_DEST_ATTR_TUN_FLAGS,
		    IP_VS_TUNNEL_ENCAP_FLAG_CSUM);
	st = nla_nest_start(msg, stats64 ? IPVS_DEST_ATTR_STATS64 :
					   IPVS_DEST_ATTR_STATS);
	for (size_t i = 0; i < TAP_COUNT(dest_stats); i++) {
		if (stats64)
			nla_put_u64(msg, dest_stats[i].attr, dest_stats[i].v64);
		else if (dest_stats[i].bytes)
			nla_put_u64(msg, dest_stats[i].attr, dest_stats[i].v32);
		else
			nla_put_u32(msg, dest_stats[i].attr,
				    (uint32_t)dest_stats[i].v32);
	}
	nla_nest_end(msg, st);
	nla_nest_end(msg, d);
	return msg;
}

static void test_dest_replies(void)
{
	struct lvs_service_entry e = { .svc.af = AF_INET };
	struct nl_msg *msg = dest_reply(true);
	const struct lvs_dest_entry *d;

	tap_ok(ipvs_msg_parse_dest(nlmsg_hdr(msg), &e) == 0 && e.n_dests == 1,
	       "a destination reply is read");
	nlmsg_free(msg);
	d = &e.dests[0];
	tap_ok(d->dest.af == AF_INET && d->dest.port == 80 &&
		       d->dest.addr.v4.s_addr == htonl(0x0a000002) &&
		       d->dest.fwd == IP_VS_CONN_F_DROUTE &&
		       d->dest.weight == 2147483647 &&
		       d->dest.u_thresh == 100 && d->dest.l_thresh == 50 &&
		       d->activeconns == 7 && d->inactconns == 8 &&
		       d->persistconns == 9,
	       "address, port, method, weight, thresholds and connections");
	tap_ok(d->dest.tun_type == IP_VS_CONN_F_TUNNEL_TYPE_GRE &&
		       d->dest.tun_port == 6080 &&
		       d->dest.tun_flags == IP_VS_TUNNEL_ENCAP_FLAG_CSUM,
	       "tunnel type, port and flags");
	tap_ok(d->stats.conns == 5000000000ULL &&
		       d->stats.inpkts == 1ULL << 40 &&
		       d->stats.inbytes == 1ULL << 50 &&
		       d->stats.cps == 4294967296ULL && d->stats.outbps == 8,
	       "destination counters are read at 64 bits");

	msg = dest_reply(false);
	tap_ok(ipvs_msg_parse_dest(nlmsg_hdr(msg), &e) == 0 && e.n_dests == 2,
	       "a reply with 32-bit STATS is read");
	nlmsg_free(msg);
	d = &e.dests[1];
	tap_ok(d->stats.conns == 4000000000U && d->stats.inpkts == 2 &&
		       d->stats.inbytes == 1ULL << 50 && d->stats.cps == 1 &&
		       d->stats.outbps == 8,
	       "32-bit counters and 64-bit byte counts");

	/* A sync reads the configuration only. */
	msg = dest_reply(true);
	tap_ok(ipvs_msg_parse_dest_config(nlmsg_hdr(msg), &e) == 0 &&
		       e.n_dests == 3,
	       "a destination reply is read without its counters");
	nlmsg_free(msg);
	d = &e.dests[2];
	tap_ok(d->dest.port == 80 && d->dest.weight == 2147483647 &&
		       d->dest.u_thresh == 100 && d->dest.l_thresh == 50 &&
		       d->dest.tun_type == IP_VS_CONN_F_TUNNEL_TYPE_GRE &&
		       d->activeconns == 7 && d->stats.conns == 0 &&
		       d->stats.inbytes == 0 && d->stats.outbps == 0,
	       "the configuration and connections, the counters left zero");
	free(e.dests);

	msg = reply(IPVS_CMD_NEW_DEST);
	nla_nest_end(msg, nla_nest_start(msg, IPVS_CMD_ATTR_DEST));
	memset(&e, 0, sizeof(e));
	tap_ok(ipvs_msg_parse_dest(nlmsg_hdr(msg), &e) == -EBADMSG &&
		       e.n_dests == 0,
	       "a destination without its attributes is refused");
	nlmsg_free(msg);
}

static bool same_service(const struct lvs_service *a,
			 const struct lvs_service *b)
{
	return a->fwmark == b->fwmark && a->af == b->af &&
	       a->protocol == b->protocol && a->port == b->port &&
	       !memcmp(&a->addr, &b->addr, sizeof(a->addr)) &&
	       !strcmp(a->sched, b->sched) && !strcmp(a->pe, b->pe) &&
	       a->flags == b->flags && a->timeout == b->timeout &&
	       a->netmask == b->netmask;
}

/* A request's service nest is what a reply carries: read it back. */
static void test_service_round_trip(void)
{
	struct lvs_service in = { .af = AF_INET6,
				  .protocol = IPPROTO_UDP,
				  .port = 5060,
				  .flags = IP_VS_SVC_F_PERSISTENT |
					   IP_VS_SVC_F_ONEPACKET,
				  .timeout = 360,
				  .netmask = 64 };
	struct lvs_service_entry out;
	struct lvs_table t = { 0 };
	struct nl_msg *msg;

	inet_pton(AF_INET6, "2001:db8::10", &in.addr.v6);
	snprintf(in.sched, sizeof(in.sched), "sh");
	snprintf(in.pe, sizeof(in.pe), "sip");
	msg = reply(IPVS_CMD_NEW_SERVICE);
	tap_ok(ipvs_msg_put_service(msg, &in, true) == 0,
	       "a full service nest is built");
	memset(&out, 0, sizeof(out));
	tap_ok(ipvs_msg_parse_service(nlmsg_hdr(msg), &out) == 0 &&
		       same_service(&in, &out.svc),
	       "and reads back as the same service");
	tap_ok(ipvs_msg_parse_service_table(nlmsg_hdr(msg), &t) == 0 &&
		       t.n_svcs == 1 && same_service(&in, &t.svcs[0].svc),
	       "and is appended to a table");
	tap_ok(ipvs_msg_parse_service_config(nlmsg_hdr(msg), &t) == 0 &&
		       t.n_svcs == 2 && same_service(&in, &t.svcs[1].svc),
	       "and so without its counters");
	t.n_svcs = 1;
	nlmsg_free(msg);

	msg = reply(IPVS_CMD_NEW_SERVICE);
	ipvs_msg_put_service(msg, &in, false);
	tap_ok(ipvs_msg_parse_service_table(nlmsg_hdr(msg), &t) == -EBADMSG &&
		       t.n_svcs == 1,
	       "a key-only nest is no full service: refused, table unchanged");
	nlmsg_free(msg);
	lvs_table_free(&t);

	memset(&in, 0, sizeof(in));
	in.af = AF_INET;
	in.fwmark = 3000000000U;
	in.netmask = 0xffffffff;
	snprintf(in.sched, sizeof(in.sched), "wlc");
	msg = reply(IPVS_CMD_NEW_SERVICE);
	ipvs_msg_put_service(msg, &in, true);
	memset(&out, 0, sizeof(out));
	tap_ok(ipvs_msg_parse_service(nlmsg_hdr(msg), &out) == 0 &&
		       same_service(&in, &out.svc),
	       "a fwmark service reads back");
	nlmsg_free(msg);
}

static struct nlattr *find_attr(struct nl_msg *msg, int type)
{
	struct nlattr *tb[IPVS_CMD_ATTR_MAX + 1];

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, IPVS_CMD_ATTR_MAX, NULL))
		return NULL;
	return tb[type];
}

static void test_requests(void)
{
	struct lvs_cmd cmd = { .kind = LVS_CMD_ZERO };
	struct nl_msg *msg = reply(IPVS_CMD_ZERO);

	tap_ok(ipvs_msg_build(msg, &cmd) == 0 &&
		       !find_attr(msg, IPVS_CMD_ATTR_SERVICE),
	       "-Z without a service zeroes everything: no service nest");
	nlmsg_free(msg);

	cmd.svc.af = AF_INET;
	cmd.svc.fwmark = 1;
	msg = reply(IPVS_CMD_ZERO);
	tap_ok(ipvs_msg_build(msg, &cmd) == 0 &&
		       find_attr(msg, IPVS_CMD_ATTR_SERVICE),
	       "-Z with a service names it");
	nlmsg_free(msg);

	cmd.kind = LVS_CMD_TIMEOUT;
	cmd.timeout = (struct lvs_timeout){ 900, 120, 300 };
	msg = reply(IPVS_CMD_SET_CONFIG);
	ipvs_msg_build(msg, &cmd);
	{
		struct lvs_timeout t = { 0 };

		tap_ok(ipvs_msg_parse_timeout(nlmsg_hdr(msg), &t) == 0 &&
			       t.tcp == 900 && t.tcp_fin == 120 && t.udp == 300,
		       "--set carries the three timeouts");
	}
	nlmsg_free(msg);
}

static void test_daemons(void)
{
	struct lvs_daemon d[2];
	struct lvs_cmd cmd = { .kind = LVS_CMD_STARTDAEMON };
	struct nl_msg *msg;

	memset(d, 0, sizeof(d));
	cmd.daemon.state = IP_VS_STATE_MASTER;
	snprintf(cmd.daemon.mcast_ifn, sizeof(cmd.daemon.mcast_ifn), "eth1");
	cmd.daemon.syncid = 9;
	cmd.daemon.mcast_port = 8848;
	cmd.daemon.mcast_ttl = 2;
	cmd.daemon.mcast_af = AF_INET6;
	inet_pton(AF_INET6, "ff02::81", &cmd.daemon.mcast_group.v6);
	msg = reply(IPVS_CMD_NEW_DAEMON);
	ipvs_msg_build(msg, &cmd);
	tap_ok(ipvs_msg_parse_daemon(nlmsg_hdr(msg), d) == 0 &&
		       d[0].state == IP_VS_STATE_MASTER &&
		       !strcmp(d[0].mcast_ifn, "eth1") && d[0].syncid == 9 &&
		       d[0].mcast_port == 8848 && d[0].mcast_ttl == 2 &&
		       d[0].mcast_af == AF_INET6 && d[1].state == 0,
	       "a daemon reply fills the first slot");
	nlmsg_free(msg);
	cmd.daemon.state = IP_VS_STATE_BACKUP;
	cmd.daemon.mcast_af = 0;
	msg = reply(IPVS_CMD_NEW_DAEMON);
	ipvs_msg_build(msg, &cmd);
	tap_ok(ipvs_msg_parse_daemon(nlmsg_hdr(msg), d) == 0 &&
		       d[1].state == IP_VS_STATE_BACKUP &&
		       d[0].state == IP_VS_STATE_MASTER,
	       "a second daemon fills the second slot");
	nlmsg_free(msg);
}

int main(void)
{
	test_dest_replies();
	test_service_round_trip();
	test_requests();
	test_daemons();
	return tap_done();
}
