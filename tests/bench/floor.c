// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel floor for the benchmark: the least work that listing or
 * loading a table takes, without lvsadm's parsing or printing.
 *
 *   floor dump   one service dump, then one destination dump per
 *                service, on one socket; nothing is decoded or printed
 *   floor load   read -A/-a lines of a save file (the minimal parser
 *                below), then send them as requests, 64 per send(),
 *                only the last of each batch acknowledged
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include <linux/ip_vs.h>

struct key {
	uint16_t af, proto, port;
	uint32_t fwmark;
	uint8_t addr[16];
};

static struct nl_sock *sk;
static int family;
static struct key *keys;
static size_t n_keys, cap_keys;

static int collect(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[IPVS_CMD_ATTR_MAX + 1], *s[IPVS_SVC_ATTR_MAX + 1];
	struct key *k;

	(void)arg;
	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, IPVS_CMD_ATTR_MAX, NULL) ||
	    !tb[IPVS_CMD_ATTR_SERVICE] ||
	    nla_parse_nested(s, IPVS_SVC_ATTR_MAX, tb[IPVS_CMD_ATTR_SERVICE],
			     NULL))
		return NL_SKIP;
	if (n_keys == cap_keys) {
		cap_keys = cap_keys ? 2 * cap_keys : 1024;
		keys = realloc(keys, cap_keys * sizeof(*keys));
	}
	k = &keys[n_keys++];
	memset(k, 0, sizeof(*k));
	k->af = nla_get_u16(s[IPVS_SVC_ATTR_AF]);
	if (s[IPVS_SVC_ATTR_FWMARK]) {
		k->fwmark = nla_get_u32(s[IPVS_SVC_ATTR_FWMARK]);
	} else {
		k->proto = nla_get_u16(s[IPVS_SVC_ATTR_PROTOCOL]);
		k->port = nla_get_u16(s[IPVS_SVC_ATTR_PORT]);
		nla_memcpy(k->addr, s[IPVS_SVC_ATTR_ADDR], 16);
	}
	return NL_OK;
}

static int ignore(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

static void put_key(struct nl_msg *msg, const struct key *k)
{
	struct nlattr *n = nla_nest_start(msg, IPVS_CMD_ATTR_SERVICE);

	nla_put_u16(msg, IPVS_SVC_ATTR_AF, k->af);
	if (k->fwmark) {
		nla_put_u32(msg, IPVS_SVC_ATTR_FWMARK, k->fwmark);
	} else {
		nla_put_u16(msg, IPVS_SVC_ATTR_PROTOCOL, k->proto);
		nla_put(msg, IPVS_SVC_ATTR_ADDR, 16, k->addr);
		nla_put_u16(msg, IPVS_SVC_ATTR_PORT, k->port);
	}
	nla_nest_end(msg, n);
}

static int dump(void)
{
	struct nl_msg *msg = nlmsg_alloc();

	genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, NLM_F_DUMP,
		    IPVS_CMD_GET_SERVICE, IPVS_GENL_VERSION);
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, collect, NULL);
	if (nl_send_auto(sk, msg) < 0 || nl_recvmsgs_default(sk) < 0)
		return 1;
	nlmsg_free(msg);
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, ignore, NULL);
	for (size_t i = 0; i < n_keys; i++) {
		msg = nlmsg_alloc();
		genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0,
			    NLM_F_DUMP, IPVS_CMD_GET_DEST, IPVS_GENL_VERSION);
		put_key(msg, &keys[i]);
		if (nl_send_auto(sk, msg) < 0 || nl_recvmsgs_default(sk) < 0)
			return 1;
		nlmsg_free(msg);
	}
	printf("%zu services\n", n_keys);
	return 0;
}

/* "-A -t a.b.c.d:p -s sched" or "-a -t a.b.c.d:p -r e.f.g.h:p -g -w N". */
static int load(void)
{
	char line[256], *buf = malloc(64 * 512);
	size_t len = 0, last = 0, n = 0, total = 0;
	uint32_t seq = 0;

	while (fgets(line, sizeof(line), stdin)) {
		char vip[64], rip[64], sched[16] = "wlc";
		unsigned int vport, rport, weight = 1;
		struct key k = { .af = AF_INET, .proto = IPPROTO_TCP };
		struct nl_msg *msg = nlmsg_alloc();
		struct nlmsghdr *nlh;
		bool dest = line[1] == 'a';

		if (dest ? sscanf(line,
				  "-a -t %63[^:]:%u -r %63[^:]:%u -g -w %u",
				  vip, &vport, rip, &rport, &weight) < 4 :
			   sscanf(line, "-A -t %63[^:]:%u -s %15s", vip, &vport,
				  sched) < 2) {
			nlmsg_free(msg);
			continue;
		}
		inet_pton(AF_INET, vip, k.addr);
		k.port = htons((uint16_t)vport);
		genlmsg_put(msg, 0, ++seq, family, 0, 0,
			    dest ? IPVS_CMD_NEW_DEST : IPVS_CMD_NEW_SERVICE,
			    IPVS_GENL_VERSION);
		if (dest) {
			uint8_t a[16] = { 0 };
			struct nlattr *d;

			put_key(msg, &k);
			inet_pton(AF_INET, rip, a);
			d = nla_nest_start(msg, IPVS_CMD_ATTR_DEST);
			nla_put(msg, IPVS_DEST_ATTR_ADDR, 16, a);
			nla_put_u16(msg, IPVS_DEST_ATTR_PORT, k.port);
			nla_put_u32(msg, IPVS_DEST_ATTR_FWD_METHOD,
				    IP_VS_CONN_F_DROUTE);
			nla_put_u32(msg, IPVS_DEST_ATTR_WEIGHT, weight);
			nla_put_u32(msg, IPVS_DEST_ATTR_U_THRESH, 0);
			nla_put_u32(msg, IPVS_DEST_ATTR_L_THRESH, 0);
			nla_nest_end(msg, d);
		} else {
			struct ip_vs_flags f = { 0, ~0U };
			struct nlattr *s =
				nla_nest_start(msg, IPVS_CMD_ATTR_SERVICE);

			nla_put_u16(msg, IPVS_SVC_ATTR_AF, AF_INET);
			nla_put_u16(msg, IPVS_SVC_ATTR_PROTOCOL, IPPROTO_TCP);
			nla_put(msg, IPVS_SVC_ATTR_ADDR, 16, k.addr);
			nla_put_u16(msg, IPVS_SVC_ATTR_PORT, k.port);
			nla_put_string(msg, IPVS_SVC_ATTR_SCHED_NAME, sched);
			nla_put(msg, IPVS_SVC_ATTR_FLAGS, sizeof(f), &f);
			nla_put_u32(msg, IPVS_SVC_ATTR_TIMEOUT, 0);
			nla_put_u32(msg, IPVS_SVC_ATTR_NETMASK, 0xffffffff);
			nla_nest_end(msg, s);
		}
		nlh = nlmsg_hdr(msg);
		nlh->nlmsg_flags |= NLM_F_REQUEST;
		memcpy(buf + len, nlh, nlh->nlmsg_len);
		last = len;
		len += NLMSG_ALIGN(nlh->nlmsg_len);
		nlmsg_free(msg);
		total++;
		if (++n == 64) {
			((struct nlmsghdr *)(buf + last))->nlmsg_flags |=
				NLM_F_ACK;
			nl_sendto(sk, buf, len);
			nl_recvmsgs_default(sk);
			len = n = 0;
		}
	}
	if (n) {
		((struct nlmsghdr *)(buf + last))->nlmsg_flags |= NLM_F_ACK;
		nl_sendto(sk, buf, len);
		nl_recvmsgs_default(sk);
	}
	free(buf);
	printf("%zu requests\n", total);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 2 || (strcmp(argv[1], "dump") && strcmp(argv[1], "load"))) {
		fprintf(stderr, "usage: floor dump|load\n");
		return 2;
	}
	sk = nl_socket_alloc();
	if (!sk || genl_connect(sk) < 0 ||
	    (family = genl_ctrl_resolve(sk, IPVS_GENL_NAME)) < 0) {
		fprintf(stderr, "floor: no IPVS\n");
		return 1;
	}
	nl_socket_disable_seq_check(sk);
	return !strcmp(argv[1], "dump") ? dump() : load();
}
