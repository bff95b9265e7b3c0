// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * --check --probe, on packet sockets (AF_PACKET), from the director.
 *
 * ARP: a request for the VIP from the director's own address on the
 * interface that reaches the real servers.  A request whose sender is the
 * VIP itself would be a gratuitous ARP, which hosts never answer
 * (net/ipv4/arp.c, arp_process: "Special case: IPv4 duplicate address
 * detection packet" and the sip == tip test), so the director's address
 * is the sender.  Every replier but this host is collected for the whole
 * window.
 *
 * For an IPv6 VIP, a neighbour solicitation does the same; a host answers
 * one only for an address of the receiving interface (ndisc_recv_ns), so
 * a real server that answers has the VIP on a network interface.
 *
 * Path: for each DR real server, a TCP SYN to VIP:port in a frame to the
 * real server's MAC address, which is what IPVS sends in DR
 * (ip_vs_dr_xmit leaves the IP packet as it is).  The answer comes back
 * from the VIP, an address of the director, so the director's IP stack
 * drops it as a martian (fib_validate_source, unless accept_local): it is
 * read here, at layer 2.  A SYN-ACK is closed at once with an RST.
 *
 * The frames never pass through the director's IP stack, so IPVS sees
 * none of them: no connection entry, no counter, no sysctl changes.  The
 * source ports are held by bound TCP sockets for the duration, so no
 * local connection can use them meanwhile.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <sys/random.h>
#include <sys/socket.h>

#include "host.h"
#include "print.h"
#include "probe.h"

#define MAX_LINKS 16
#define ARP_LEN (ETH_HLEN + 28)
#define SYN_LEN (ETH_HLEN + 40 + 20)
#define NS_LEN (ETH_HLEN + 40 + 32)
#define ETH_P_IPV6_ 0x86dd
#define TCP_SYN 0x02
#define TCP_RST 0x04
#define TCP_ACK 0x10

/*
 * An interface the probe talks on, in one address family, with the
 * director's address there.
 */
struct plink {
	int ifindex;
	int af;
	int fd;
	uint8_t mac[ETH_ALEN];
	union lvs_addr src;
};

/* One DR real server of one service. */
struct target {
	const struct lvs_service *svc;
	const struct lvs_dest *d;
	int li;
	uint16_t port; /* the port to probe; 0: ARP only */
	uint16_t sport;
	int hold; /* a TCP socket bound to sport */
	uint32_t seq;
	bool have_mac, sent;
	uint8_t mac[ETH_ALEN];
	int answer; /* 0 silence, TCP_SYN (SYN-ACK) or TCP_RST */
};

struct reply {
	union lvs_addr ip;
	int li;
	uint8_t mac[ETH_ALEN];
};

struct probe {
	struct plink links[MAX_LINKS];
	int n_links;
	struct target *t;
	size_t n_t;
	struct reply *r;
	size_t n_r, cap_r;
	struct lvs_service *fw; /* fwmark services, each with a VIP named */
	size_t n_fw;
	bool oom; /* a reply was lost for want of memory */
};

static bool in_scope(const struct lvs_vip_args *a, const struct lvs_service *s)
{
	if (s->fwmark)
		return false;
	if (!a->n)
		return true;
	for (size_t i = 0; i < a->n; i++)
		if (a->vips[i].af == s->af &&
		    lvs_addr_equal(s->af, &a->vips[i].addr, &s->addr))
			return true;
	return false;
}

static bool probed_dest(const struct lvs_host *h, const struct lvs_dest *d)
{
	return d->fwd == IP_VS_CONN_F_DROUTE &&
	       lvs_host_connected(h, d->af, &d->addr);
}

int lvs_probe_check_args(const struct lvs_host *h, const struct lvs_table *t,
			 const struct lvs_vip_args *a, struct lvs_err *err)
{
	char text[INET6_ADDRSTRLEN];
	size_t n = 0;

	for (size_t i = 0; i < a->n; i++) {
		bool found = false;

		for (size_t j = 0; j < t->n_svcs && !found; j++)
			found = t->svcs[j].svc.af == a->vips[i].af &&
				(t->svcs[j].svc.fwmark ?
					 a->probe_port != 0 :
					 lvs_addr_equal(a->vips[i].af,
							&t->svcs[j].svc.addr,
							&a->vips[i].addr));
		if (!found)
			return lvs_fail(
				err, LVS_EXIT_CONFLICT,
				"--probe: %s is not the VIP of a service in this host's IPVS table (name the VIP of a fwmark service with --probe-port); run the probe on the director",
				inet_ntop(a->vips[i].af, &a->vips[i].addr, text,
					  sizeof(text)));
	}
	for (size_t i = 0; i < t->n_svcs; i++) {
		if (!in_scope(a, &t->svcs[i].svc) &&
		    !(t->svcs[i].svc.fwmark && a->n && a->probe_port))
			continue;
		for (size_t j = 0; j < t->svcs[i].n_dests; j++)
			n += probed_dest(h, &t->svcs[i].dests[j].dest);
	}
	if (!n)
		return lvs_fail(
			err, LVS_EXIT_CONFLICT,
			"--probe: no service%s here has a DR real server on a directly connected network to probe (for a fwmark service, name its VIP and give --probe-port); run the probe on the director",
			a->n ? " of the VIPs named" : "");
	return 0;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)(v >> 16));
	put16(p + 2, (uint16_t)v);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)get16(p) << 16 | get16(p + 2);
}

static uint32_t sum16(const uint8_t *p, size_t len, uint32_t sum)
{
	for (size_t i = 0; i + 1 < len; i += 2)
		sum += get16(p + i);
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	return sum;
}

static uint16_t fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static int find_link(struct probe *p, const struct lvs_host *h,
		     const struct lvs_ifaddr *x)
{
	const struct lvs_link *l = lvs_host_link(h, x->ifindex);
	struct plink *k;

	for (int i = 0; i < p->n_links; i++)
		if (p->links[i].ifindex == x->ifindex &&
		    p->links[i].af == x->af)
			return i;
	if (!l || p->n_links == MAX_LINKS)
		return -1;
	k = &p->links[p->n_links];
	k->ifindex = x->ifindex;
	k->af = x->af;
	k->fd = -1;
	memcpy(k->mac, l->mac, ETH_ALEN);
	k->src = x->addr;
	return p->n_links++;
}

static int open_link(struct plink *k)
{
	struct sockaddr_ll sa = { .sll_family = AF_PACKET,
				  .sll_protocol = htons(ETH_P_ALL),
				  .sll_ifindex = k->ifindex };

	k->fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK,
		       htons(ETH_P_ALL));
	if (k->fd < 0)
		return -errno;
	if (bind(k->fd, (struct sockaddr *)&sa, sizeof(sa)))
		return -errno;
	return 0;
}

/* A TCP socket on @src, bound to a port the kernel picks: the SYN's. */
static int hold_port(const struct plink *k, uint16_t *port)
{
	union {
		struct sockaddr sa;
		struct sockaddr_in in;
		struct sockaddr_in6 in6;
	} u = { 0 };
	socklen_t len = k->af == AF_INET6 ? sizeof(u.in6) : sizeof(u.in);
	int fd = socket(k->af, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (k->af == AF_INET6) {
		u.in6.sin6_family = AF_INET6;
		u.in6.sin6_addr = k->src.v6;
	} else {
		u.in.sin_family = AF_INET;
		u.in.sin_addr = k->src.v4;
	}
	if (fd < 0)
		return -1;
	if (bind(fd, &u.sa, len) || getsockname(fd, &u.sa, &len)) {
		close(fd);
		return -1;
	}
	*port = ntohs(k->af == AF_INET6 ? u.in6.sin6_port : u.in.sin_port);
	return fd;
}

/* The Ethernet header, from @k to @dst; returns where its payload starts. */
static uint8_t *put_eth(uint8_t *f, const struct plink *k, const uint8_t *dst,
			uint16_t proto)
{
	memcpy(f, dst, ETH_ALEN);
	memcpy(f + 6, k->mac, ETH_ALEN);
	put16(f + 12, proto);
	return f + ETH_HLEN;
}

static void send_arp(const struct plink *k, const union lvs_addr *target)
{
	static const uint8_t broadcast[ETH_ALEN] = { 0xff, 0xff, 0xff,
						     0xff, 0xff, 0xff };
	uint8_t f[ARP_LEN] = { 0 };

	put_eth(f, k, broadcast, ETH_P_ARP);
	put16(f + 14, 1); /* Ethernet */
	put16(f + 16, ETH_P_IP);
	f[18] = ETH_ALEN;
	f[19] = 4;
	put16(f + 20, 1); /* request */
	memcpy(f + 22, k->mac, ETH_ALEN);
	memcpy(f + 28, &k->src.v4, 4);
	memcpy(f + 38, &target->v4, 4);
	if (send(k->fd, f, sizeof(f), 0) < 0) {
		/* A lost request shows as silence. */
	}
}

/* The sum of the IPv6 pseudo header: addresses, length, next header. */
static uint32_t pseudo6(const uint8_t *ip6, uint32_t len, uint8_t nh)
{
	return sum16(ip6 + 8, 32, len + nh);
}

/*
 * An IPv6 header from @k's address to @dst, @len bytes of payload @nh
 * after it; returns the sum of its pseudo header.
 */
static uint32_t put_ip6(uint8_t *ip, const struct plink *k,
			const struct in6_addr *dst, uint16_t len, uint8_t nh,
			uint8_t hops)
{
	ip[0] = 0x60;
	put16(ip + 4, len);
	ip[6] = nh;
	ip[7] = hops;
	memcpy(ip + 8, &k->src.v6, 16);
	memcpy(ip + 24, dst, 16);
	return pseudo6(ip, len, nh);
}

/* A neighbour solicitation for @target, to its solicited-node group. */
static void send_ns(const struct plink *k, const union lvs_addr *target)
{
	/* ff02::1:ffXX:XXXX, the last three bytes of @target's */
	struct in6_addr group = {
		.s6_addr = { [0] = 0xff, [1] = 0x02, [11] = 0x01, [12] = 0xff }
	};
	uint8_t f[NS_LEN] = { 0 }, mac[ETH_ALEN] = { 0x33, 0x33 }, *icmp;
	uint32_t sum;

	memcpy(&group.s6_addr[13], &target->v6.s6_addr[13], 3);
	memcpy(mac + 2, &group.s6_addr[12], 4);
	icmp = put_eth(f, k, mac, ETH_P_IPV6_) + 40;
	sum = put_ip6(f + ETH_HLEN, k, &group, 32, IPPROTO_ICMPV6, 255);
	icmp[0] = 135;
	memcpy(icmp + 8, &target->v6, 16);
	icmp[24] = 1; /* source link-layer address */
	icmp[25] = 1;
	memcpy(icmp + 26, k->mac, ETH_ALEN);
	put16(icmp + 2, fold(sum16(icmp, 32, sum)));
	if (send(k->fd, f, sizeof(f), 0) < 0) {
		/* As for ARP. */
	}
}

static void send_ask(const struct plink *k, const union lvs_addr *target)
{
	if (k->af == AF_INET6)
		send_ns(k, target);
	else
		send_arp(k, target);
}

/* A TCP segment from the director to VIP:port, in a frame to @t's MAC. */
static void send_tcp(const struct plink *k, const struct target *t,
		     uint32_t seq, uint8_t flags)
{
	uint8_t f[SYN_LEN] = { 0 }, *ip, *tcp;
	size_t iplen = k->af == AF_INET6 ? 40 : 20;
	uint32_t sum;

	ip = put_eth(f, k, t->mac, k->af == AF_INET6 ? ETH_P_IPV6_ : ETH_P_IP);
	tcp = ip + iplen;
	if (k->af == AF_INET6) {
		sum = put_ip6(ip, k, &t->svc->addr.v6, 20, IPPROTO_TCP, 64);
	} else {
		ip[0] = 0x45;
		put16(ip + 2, 40);
		put16(ip + 4, (uint16_t)seq);
		put16(ip + 6, 0x4000); /* DF */
		ip[8] = 64;
		ip[9] = IPPROTO_TCP;
		memcpy(ip + 12, &k->src.v4, 4);
		memcpy(ip + 16, &t->svc->addr.v4, 4);
		put16(ip + 10, fold(sum16(ip, 20, 0)));
		/* The pseudo header: addresses, protocol, length. */
		sum = sum16(ip + 12, 8, IPPROTO_TCP + 20);
	}
	put16(tcp, t->sport);
	put16(tcp + 2, t->port);
	put32(tcp + 4, seq);
	tcp[12] = 5 << 4;
	tcp[13] = flags;
	put16(tcp + 14, flags & TCP_SYN ? 64240 : 0);
	put16(tcp + 16, fold(sum16(tcp, 20, sum)));
	if (send(k->fd, f, ETH_HLEN + iplen + 20, 0) < 0) {
		/* As above: silence. */
	}
}

/* @li's neighbour @ip (4 or 16 bytes) is at @mac: record it. */
static void on_answer(struct probe *p, int li, const uint8_t *ip,
		      const uint8_t *mac)
{
	int af = p->links[li].af;
	union lvs_addr a = { 0 };
	struct reply *r;

	memcpy(&a, ip, af == AF_INET6 ? 16 : 4);
	for (size_t i = 0; i < p->n_t; i++) {
		struct target *t = &p->t[i];

		if (t->li != li || !lvs_addr_equal(af, &t->d->addr, &a) ||
		    t->have_mac)
			continue;
		memcpy(t->mac, mac, ETH_ALEN);
		t->have_mac = true;
		if (t->port && !t->sent) {
			send_tcp(&p->links[li], t, t->seq, TCP_SYN);
			t->sent = true;
		}
	}
	for (size_t i = 0; i < p->n_r; i++)
		if (p->r[i].li == li && lvs_addr_equal(af, &p->r[i].ip, &a) &&
		    !memcmp(p->r[i].mac, mac, ETH_ALEN))
			return;
	if (!lvs_grow((void **)&p->r, &p->cap_r, p->n_r + 1, sizeof(*p->r))) {
		p->oom = true;
		return;
	}
	r = &p->r[p->n_r++];
	r->li = li;
	r->ip = a;
	memcpy(r->mac, mac, ETH_ALEN);
}

static void on_arp(struct probe *p, int li, const uint8_t *f, size_t len)
{
	const uint8_t *a = f + ETH_HLEN;

	if (p->links[li].af != AF_INET || len < ARP_LEN || get16(a) != 1 ||
	    get16(a + 2) != ETH_P_IP || a[4] != ETH_ALEN || a[5] != 4 ||
	    get16(a + 6) != 2 || memcmp(a + 24, &p->links[li].src.v4, 4))
		return;
	on_answer(p, li, a + 14, a + 8);
}

/* A neighbour advertisement to us: the target, at the sender's MAC. */
static void on_na(struct probe *p, int li, const uint8_t *f, size_t len)
{
	const uint8_t *ip = f + ETH_HLEN, *icmp = ip + 40, *mac = f + 6;

	if (len < ETH_HLEN + 40 + 24 || icmp[0] != 136)
		return;
	/* A target link-layer address option, when there is one. */
	for (size_t o = 24; ETH_HLEN + 40 + o + 8 <= len && icmp[o + 1];
	     o += (size_t)icmp[o + 1] * 8)
		if (icmp[o] == 2)
			mac = icmp + o + 2;
	on_answer(p, li, icmp + 8, mac);
}

static void on_ip(struct probe *p, int li, const uint8_t *f, size_t len)
{
	const struct plink *k = &p->links[li];
	const uint8_t *ip = f + ETH_HLEN, *tcp, *src;
	size_t ihl;

	if (k->af == AF_INET6) {
		if (len < ETH_HLEN + 40 || (ip[0] >> 4) != 6 ||
		    memcmp(ip + 24, &k->src.v6, 16))
			return;
		if (ip[6] == IPPROTO_ICMPV6) {
			on_na(p, li, f, len);
			return;
		}
		ihl = 40;
		src = ip + 8;
		if (ip[6] != IPPROTO_TCP)
			return;
	} else {
		if (len < ETH_HLEN + 20 || (ip[0] >> 4) != 4 ||
		    ip[9] != IPPROTO_TCP)
			return;
		ihl = (size_t)(ip[0] & 0xf) * 4;
		if (ihl < 20 || memcmp(ip + 16, &k->src.v4, 4))
			return;
		src = ip + 12;
	}
	if (len < ETH_HLEN + ihl + 20)
		return;
	tcp = ip + ihl;
	for (size_t i = 0; i < p->n_t; i++) {
		struct target *t = &p->t[i];

		if (t->li != li || !t->sent || t->answer ||
		    memcmp(src, &t->svc->addr, k->af == AF_INET6 ? 16 : 4) ||
		    get16(tcp) != t->port || get16(tcp + 2) != t->sport)
			continue;
		if (tcp[13] & TCP_RST) {
			t->answer = TCP_RST;
		} else if ((tcp[13] & (TCP_SYN | TCP_ACK)) ==
			   (TCP_SYN | TCP_ACK)) {
			t->answer = TCP_SYN;
			send_tcp(k, t, get32(tcp + 8), TCP_RST);
		}
	}
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void listen_until(struct probe *p, long long deadline)
{
	struct pollfd fds[MAX_LINKS];
	uint8_t f[2048];

	for (int i = 0; i < p->n_links; i++)
		fds[i] = (struct pollfd){ .fd = p->links[i].fd,
					  .events = POLLIN };
	for (long long left; (left = deadline - now_ms()) > 0;) {
		if (poll(fds, (nfds_t)p->n_links, (int)left) <= 0)
			continue;
		for (int i = 0; i < p->n_links; i++) {
			struct sockaddr_ll from;
			socklen_t fl = sizeof(from);
			ssize_t n;

			if (!(fds[i].revents & POLLIN))
				continue;
			while ((n = recvfrom(fds[i].fd, f, sizeof(f), 0,
					     (struct sockaddr *)&from, &fl)) >
			       0) {
				fl = sizeof(from);
				if (from.sll_pkttype == PACKET_OUTGOING ||
				    from.sll_ifindex != p->links[i].ifindex ||
				    (size_t)n < ETH_HLEN)
					continue;
				if (get16(f + 12) == ETH_P_ARP)
					on_arp(p, i, f, (size_t)n);
				else if (get16(f + 12) ==
					 (p->links[i].af == AF_INET6 ?
						  ETH_P_IPV6_ :
						  ETH_P_IP))
					on_ip(p, i, f, (size_t)n);
			}
		}
	}
}

static const char *mac_text(const uint8_t *m, char *buf)
{
	snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2],
		 m[3], m[4], m[5]);
	return buf;
}

static bool own_mac(const struct lvs_host *h, const uint8_t *m)
{
	for (size_t i = 0; i < h->n_links; i++)
		if (!memcmp(h->links[i].mac, m, ETH_ALEN))
			return true;
	return false;
}

/* Every machine but this one that answered ARP for a VIP. */
static void report_arp(const struct probe *p, const struct lvs_host *h,
		       struct lvs_findings *f)
{
	for (size_t i = 0; i < p->n_t; i++) {
		const struct target *t = &p->t[i];
		int af = t->svc->af;
		const char *what = af == AF_INET6 ? "neighbour solicitations" :
						    "ARP";
		const char *ifname =
			lvs_host_ifname(h, p->links[t->li].ifindex);
		char vip[INET6_ADDRSTRLEN], m[18], fix[96];
		bool first = true, local, answered = false;

		/* Once per VIP and interface. */
		for (size_t j = 0; j < i && first; j++)
			first = p->t[j].li != t->li ||
				!lvs_addr_equal(af, &p->t[j].svc->addr,
						&t->svc->addr);
		if (!first)
			continue;
		inet_ntop(af, &t->svc->addr, vip, sizeof(vip));
		local = lvs_host_find_addr(h, af, &t->svc->addr, NULL);
		for (size_t k = 0; k < p->n_r; k++) {
			const struct reply *r = &p->r[k];
			const struct target *owner = NULL;
			char rs[INET6_ADDRSTRLEN];

			if (r->li != t->li ||
			    !lvs_addr_equal(af, &r->ip, &t->svc->addr) ||
			    own_mac(h, r->mac))
				continue;
			answered = true;
			for (size_t j = 0; j < p->n_t && !owner; j++)
				if (p->t[j].have_mac &&
				    !memcmp(p->t[j].mac, r->mac, ETH_ALEN))
					owner = &p->t[j];
			mac_text(r->mac, m);
			if (owner && af == AF_INET) {
				inet_ntop(af, &owner->d->addr, rs, sizeof(rs));
				snprintf(fix, sizeof(fix),
					 "lvsadm --add-vip %s", vip);
				lvs_finding_add(
					f, true, vip, rs, rs, fix,
					"real server %s (%s) answers ARP for VIP %s on %s: traffic for the VIP can go to it directly, past the director",
					rs, m, vip, ifname);
			} else if (owner) {
				/* It answers only for an address of its NIC. */
				inet_ntop(af, &owner->d->addr, rs, sizeof(rs));
				lvs_finding_add(
					f, true, vip, rs, NULL, NULL,
					"real server %s (%s) answers neighbour solicitations for VIP %s on %s: it holds the VIP on a network interface; options: there, remove it from that interface and run lvsadm --add-vip %s",
					rs, m, vip, ifname, vip);
			} else {
				/* Another director, or the active one. */
				lvs_finding_add(
					f, local, vip, NULL, NULL, NULL,
					local ? "%s, which is no real server of this director, answers %s for VIP %s on %s: another host holds the VIP too (a second director?)" :
						"%s answers %s for VIP %s on %s: the active director, as this one does not hold the VIP",
					m, what, vip, ifname);
			}
		}
		if (!local && !answered)
			lvs_finding_add(
				f, true, vip, NULL, NULL, NULL,
				"no host answers %s for VIP %s on %s: clients cannot reach the service",
				what, vip, ifname);
	}
}

static int report_paths(const struct probe *p, const struct lvs_host *h,
			struct lvs_findings *f)
{
	int ok = 0;

	for (size_t i = 0; i < p->n_t; i++) {
		const struct target *t = &p->t[i];
		char vip[INET6_ADDRSTRLEN], rs[INET6_ADDRSTRLEN], rule[128],
			fix[96];

		inet_ntop(t->svc->af, &t->svc->addr, vip, sizeof(vip));
		inet_ntop(t->d->af, &t->d->addr, rs, sizeof(rs));
		lvs_service_name(t->svc, LVS_FMT_NUMERIC | LVS_FMT_RULE, rule,
				 sizeof(rule));
		if (!t->have_mac) {
			lvs_finding_add(
				f, true, vip, rs, NULL, NULL,
				"service %s: DR real server %s does not answer %s on %s: it is down or not on this segment; its path was not probed",
				rule, rs,
				t->d->af == AF_INET6 ?
					"neighbour solicitations" :
					"ARP",
				lvs_host_ifname(h, p->links[t->li].ifindex));
			continue;
		}
		if (!t->port)
			continue;
		if (t->answer == TCP_SYN) {
			ok++;
		} else if (t->answer == TCP_RST) {
			lvs_finding_add(
				f, true, vip, rs, NULL, NULL,
				"service %s: real server %s refuses %s:%u (it answers a SYN with a reset): nothing listens there on the VIP or on the wildcard address",
				rule, rs, vip, t->port);
		} else {
			snprintf(fix, sizeof(fix), "lvsadm --add-vip %s", vip);
			lvs_finding_add(
				f, true, vip, rs, rs, fix,
				"service %s: real server %s does not answer a SYN for %s:%u sent as IPVS forwards it: it drops packets for the VIP (the VIP is not bound there, or rp_filter drops them)",
				rule, rs, vip, t->port);
		}
	}
	return ok;
}

/* The DR real servers of @e, with @s as the service that reaches them. */
static int plan_service(struct probe *p, const struct lvs_host *h,
			const struct lvs_service_entry *e,
			const struct lvs_service *s, uint16_t port,
			struct lvs_findings *f)
{
	char rule[128];
	bool noted = false;

	lvs_service_name(s, LVS_FMT_NUMERIC | LVS_FMT_RULE, rule, sizeof(rule));
	for (size_t j = 0; j < e->n_dests; j++) {
		const struct lvs_dest *d = &e->dests[j].dest;
		struct target *t;
		int li;

		if (!probed_dest(h, d) || d->af != s->af)
			continue;
		li = find_link(p, h, lvs_host_connected(h, d->af, &d->addr));
		if (li < 0)
			continue;
		t = &p->t[p->n_t++];
		memset(t, 0, sizeof(*t));
		t->svc = s;
		t->d = d;
		t->li = li;
		t->hold = -1;
		if (s->protocol != IPPROTO_TCP || !port) {
			if (!noted)
				lvs_finding_add(
					f, false, NULL, NULL, NULL, NULL,
					"service %s: the path to its real servers was not probed (%s); %s was",
					rule,
					s->protocol != IPPROTO_TCP ?
						"the probe sends TCP only" :
						"port 0: give --probe-port",
					s->af == AF_INET6 ?
						"neighbour discovery" :
						"ARP");
			noted = true;
			continue;
		}
		t->port = port;
		t->hold = hold_port(&p->links[li], &t->sport);
		if (t->hold < 0)
			return -errno;
		if (getrandom(&t->seq, sizeof(t->seq), 0) != sizeof(t->seq))
			t->seq = (uint32_t)now_ms() * 2654435761U;
	}
	return 0;
}

/*
 * The real servers to probe, with a note for each path left out.  A
 * fwmark service has no address: it is probed on each VIP named, on
 * --probe-port, over TCP.
 */
static int plan(struct probe *p, const struct lvs_host *h,
		const struct lvs_table *tb, const struct lvs_vip_args *a,
		struct lvs_findings *f)
{
	int r = 0;

	for (size_t i = 0; !r && i < tb->n_svcs; i++) {
		const struct lvs_service_entry *e = &tb->svcs[i];
		const struct lvs_service *s = &e->svc;
		char rule[128];

		if (!s->fwmark) {
			if (in_scope(a, s))
				r = plan_service(
					p, h, e, s,
					s->port ? s->port : a->probe_port, f);
			continue;
		}
		lvs_service_name(s, LVS_FMT_NUMERIC | LVS_FMT_RULE, rule,
				 sizeof(rule));
		if (!a->n || !a->probe_port) {
			lvs_finding_add(
				f, false, NULL, NULL, NULL, NULL,
				"service %s: not probed (a fwmark service has no address: name its VIP and give --probe-port)",
				rule);
			continue;
		}
		for (size_t v = 0; !r && v < a->n; v++) {
			struct lvs_service *x;

			if (a->vips[v].af != s->af)
				continue;
			x = &p->fw[p->n_fw++];
			*x = *s;
			x->addr = a->vips[v].addr;
			x->protocol = IPPROTO_TCP;
			r = plan_service(p, h, e, x, a->probe_port, f);
		}
	}
	return r;
}

int lvs_probe(const struct lvs_host *h, const struct lvs_table *tb,
	      const struct lvs_vip_args *a, struct lvs_findings *f,
	      struct lvs_err *err)
{
	struct probe p = { .n_links = 0 };
	size_t n = 0;
	int r = 0, ok = 0;

	for (size_t i = 0; i < tb->n_svcs; i++)
		n += tb->svcs[i].n_dests;
	n *= a->n ? a->n : 1;
	p.t = calloc(n ? n : 1, sizeof(*p.t));
	p.fw = calloc(tb->n_svcs * a->n + 1, sizeof(*p.fw));
	if (!p.t || !p.fw) {
		free(p.t);
		free(p.fw);
		return lvs_fail(err, LVS_EXIT_SYSTEM, "out of memory");
	}
	r = plan(&p, h, tb, a, f);
	for (int i = 0; !r && i < p.n_links; i++)
		r = open_link(&p.links[i]);
	if (r) {
		lvs_fail(err, LVS_EXIT_SYSTEM, "--probe: cannot open a %s: %s",
			 r == -EPERM || r == -EACCES ? "packet socket" :
						       "socket",
			 strerror(-r));
		goto out;
	}
	/* Every question at once: the real servers' MACs and the VIPs. */
	for (size_t i = 0; i < p.n_t; i++) {
		bool asked_rs = false, asked_vip = false;

		for (size_t j = 0; j < i; j++) {
			int af = p.links[p.t[i].li].af;

			asked_rs |= p.t[j].li == p.t[i].li &&
				    lvs_addr_equal(af, &p.t[j].d->addr,
						   &p.t[i].d->addr);
			asked_vip |= p.t[j].li == p.t[i].li &&
				     lvs_addr_equal(af, &p.t[j].svc->addr,
						    &p.t[i].svc->addr);
		}
		if (!asked_rs)
			send_ask(&p.links[p.t[i].li], &p.t[i].d->addr);
		if (!asked_vip)
			send_ask(&p.links[p.t[i].li], &p.t[i].svc->addr);
	}
	listen_until(&p, now_ms() + a->probe_ms);
	/* A lost reply could hide a host that answers for a VIP. */
	if (p.oom) {
		r = lvs_fail(err, LVS_EXIT_SYSTEM, "out of memory");
		goto out;
	}
	report_arp(&p, h, f);
	ok = report_paths(&p, h, f);
out:
	for (size_t i = 0; i < p.n_t; i++)
		if (p.t[i].hold >= 0)
			close(p.t[i].hold);
	for (int i = 0; i < p.n_links; i++)
		if (p.links[i].fd >= 0)
			close(p.links[i].fd);
	free(p.t);
	free(p.r);
	free(p.fw);
	return r ? -1 : ok;
}
