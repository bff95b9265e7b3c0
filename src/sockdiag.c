// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sock_diag: one NETLINK_SOCK_DIAG dump per address family of the TCP
 * sockets in LISTEN state (net/ipv4/inet_diag.c).  IPv6 sockets carry
 * INET_DIAG_SKV6ONLY, which says whether [::] also takes IPv4.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include "sockdiag.h"

static int dump(int fd, int af, struct lvs_listener **out, size_t *n,
		size_t *cap)
{
	struct {
		struct nlmsghdr nh;
		struct inet_diag_req_v2 req;
	} msg = {
		.nh = { .nlmsg_len = sizeof(msg),
			.nlmsg_type = SOCK_DIAG_BY_FAMILY,
			.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP,
			.nlmsg_seq = (uint32_t)af },
		.req = { .sdiag_family = (uint8_t)af,
			 .sdiag_protocol = IPPROTO_TCP,
			 .idiag_states = 1U << TCP_LISTEN },
	};
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	static char buf[16384] __attribute__((aligned(4)));

	if (sendto(fd, &msg, sizeof(msg), 0, (struct sockaddr *)&kernel,
		   sizeof(kernel)) < 0)
		return -errno;
	for (;;) {
		int len = (int)recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *h = (struct nlmsghdr *)buf;

		if (len < 0)
			return errno == EINTR ? 0 : -errno;
		for (; NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
			struct inet_diag_msg *m = NLMSG_DATA(h);
			struct lvs_listener *l;
			struct rtattr *a;
			int alen;

			if (h->nlmsg_type == NLMSG_DONE)
				return 0;
			if (h->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(h);

				return e->error ? e->error : -EIO;
			}
			if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*m)) ||
			    (m->idiag_family != AF_INET &&
			     m->idiag_family != AF_INET6))
				continue;
			if (!lvs_grow((void **)out, cap, *n + 1, sizeof(**out)))
				return -ENOMEM;
			l = &(*out)[(*n)++];
			memset(l, 0, sizeof(*l));
			l->af = m->idiag_family;
			l->port = ntohs(m->id.idiag_sport);
			memcpy(&l->addr, m->id.idiag_src,
			       l->af == AF_INET ? 4 : 16);
			alen = (int)(h->nlmsg_len - NLMSG_LENGTH(sizeof(*m)));
			for (a = (struct rtattr *)(m + 1); RTA_OK(a, alen);
			     a = RTA_NEXT(a, alen))
				if (a->rta_type == INET_DIAG_SKV6ONLY &&
				    RTA_PAYLOAD(a) >= 1)
					l->v6only = *(uint8_t *)RTA_DATA(a);
		}
	}
}

int lvs_tcp_listeners(struct lvs_listener **out, size_t *n)
{
	int fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC,
			NETLINK_SOCK_DIAG);
	size_t cap = 0;
	int r;

	*out = NULL;
	*n = 0;
	if (fd < 0)
		return -errno;
	r = dump(fd, AF_INET, out, n, &cap);
	if (!r)
		r = dump(fd, AF_INET6, out, n, &cap);
	close(fd);
	if (r) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return r;
}
