// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Parsing and formatting of addresses, ports and numbers.
 *
 * The accepted syntax is ipvsadm's, quirks included, because scripts depend
 * on it: inet_aton() forms such as "10.1" are addresses, a bare number is
 * not a host, "[v6]" needs a port, and a bracketed IPv4 address loses its
 * port.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "addr.h"

bool lvs_parse_number(const char *text, long min, long max, long *out)
{
	char *end;
	long v = 0;
	int i;

	/* Plain digits, as most numbers are written, need no strtol(). */
	for (i = 0; i < 9 && text[i] >= '0' && text[i] <= '9'; i++)
		v = v * 10 + (text[i] - '0');
	if (i && !text[i]) {
		if (v < min || v > max)
			return false;
		*out = v;
		return true;
	}
	errno = 0;
	v = strtol(text, &end, 10);
	if (end == text || *end || errno == ERANGE || v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool lvs_parse_fwmark(const char *text, uint32_t *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(text, &end, 10);
	if (end == text || *end || errno == ERANGE || v <= 0 ||
	    (unsigned long)v > UINT32_MAX)
		return false;
	*out = (uint32_t)v;
	return true;
}

static bool all_digits(const char *s)
{
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* An IPv4 host name, resolved the way gethostbyname() does. */
static bool resolve_host4(const char *name, struct in_addr *out)
{
	struct hostent he, *res = NULL;
	char buf[8192];
	int herr;

	if (gethostbyname_r(name, &he, buf, sizeof(buf), &res, &herr) || !res)
		return false;
	if (res->h_addrtype != AF_INET || res->h_length != sizeof(*out))
		return false;
	memcpy(out, res->h_addr_list[0], sizeof(*out));
	return true;
}

/* The protocols IPVS balances: /etc/services' names and ipvsadm's. */
static const struct {
	int proto;
	const char *key;
	const char *name;
} protos[] = {
	{ IPPROTO_TCP, "tcp", "TCP" },
	{ IPPROTO_UDP, "udp", "UDP" },
	{ IPPROTO_SCTP, "sctp", "SCTP" },
};

static int proto_row(int proto)
{
	for (size_t i = 0; i < sizeof(protos) / sizeof(protos[0]); i++)
		if (protos[i].proto == proto)
			return (int)i;
	return -1;
}

const char *lvs_proto_key(int proto)
{
	int i = proto_row(proto);

	return i < 0 ? NULL : protos[i].key;
}

const char *lvs_proto_name(int proto)
{
	int i = proto_row(proto);

	return i < 0 ? "?" : protos[i].name;
}

static bool resolve_port(const char *name, int proto, uint16_t *port)
{
	const char *key = lvs_proto_key(proto);
	struct servent se, *res = NULL;
	char buf[4096];

	if (!key || getservbyname_r(name, key, &se, buf, sizeof(buf), &res) ||
	    !res)
		return false;
	*port = ntohs((uint16_t)res->s_port);
	return true;
}

/*
 * "a.b.c.d[:port]" in plain decimal, the form -S writes, without the
 * copies and the IPv6, inet_aton() and strtol() attempts of the general
 * path.  Returns what lvs_parse_hostport() would, or -1 when the text is
 * not in this form (leading zeros, which inet_aton() reads as octal,
 * included) and the general path must decide.
 */
static int parse_ipv4_plain(const char *text, uint16_t *af,
			    union lvs_addr *addr, uint16_t *port)
{
	const unsigned char *p = (const unsigned char *)text;
	uint32_t a = 0, v;
	bool has_port;
	int digits;

	for (int i = 0; i < 4; i++) {
		if (i && *p++ != '.')
			return -1;
		v = (unsigned int)*p - '0';
		if (v > 9)
			return -1;
		/* A second and a third digit; no leading zero. */
		if ((unsigned int)*++p - '0' <= 9) {
			if (!v)
				return -1;
			v = v * 10 + (*p - '0');
			if ((unsigned int)*++p - '0' <= 9) {
				v = v * 10 + (*p++ - '0');
				if (v > 255 || (unsigned int)*p - '0' <= 9)
					return -1;
			}
		}
		a = a << 8 | v;
	}
	has_port = *p == ':';
	if (*p && !has_port)
		return -1;
	if (has_port) {
		for (p++, v = 0, digits = 0; (unsigned int)*p - '0' <= 9;
		     p++, digits++)
			v = v * 10 + (*p - '0');
		if (*p || !digits || digits > 5 || v > 65535)
			return -1;
		*port = (uint16_t)v;
	}
	*af = AF_INET;
	memset(addr, 0, sizeof(*addr));
	addr->v4.s_addr = htonl(a);
	return has_port ? LVS_HOSTPORT_ADDR | LVS_HOSTPORT_PORT :
			  LVS_HOSTPORT_ADDR;
}

int lvs_parse_hostport(const char *text, int proto, uint16_t *af,
		       union lvs_addr *addr, uint16_t *port)
{
	char *copy, *host, *portp = NULL;
	struct in6_addr a6;
	struct in_addr a4;
	int found = 0;
	long n;

	found = parse_ipv4_plain(text, af, addr, port);
	if (found >= 0)
		return found;
	found = 0;
	if (all_digits(text))
		return 0;
	copy = strdup(text);
	if (!copy)
		return 0;
	host = copy;
	if (host[0] == '[') {
		host++;
		portp = strchr(host, ']');
		if (!portp || portp[1] != ':')
			goto out;
		*portp = '\0';
		portp++;
	}
	if (inet_pton(AF_INET6, host, &a6) > 0) {
		*af = AF_INET6;
		memset(addr, 0, sizeof(*addr));
		addr->v6 = a6;
	} else {
		/* The port of a bracketed IPv4 address is never seen. */
		portp = strrchr(host, ':');
		if (portp)
			*portp = '\0';
		if (!inet_aton(host, &a4) && !resolve_host4(host, &a4))
			goto out;
		*af = AF_INET;
		memset(addr, 0, sizeof(*addr));
		addr->v4 = a4;
	}
	found = LVS_HOSTPORT_ADDR;
	if (portp) {
		uint16_t p;

		if (lvs_parse_number(portp + 1, 0, 65535, &n))
			p = (uint16_t)n;
		else if (!resolve_port(portp + 1, proto, &p)) {
			found = 0;
			goto out;
		}
		*port = p;
		found |= LVS_HOSTPORT_PORT;
	}
out:
	free(copy);
	return found;
}

bool lvs_parse_netmask4(const char *text, uint32_t *mask)
{
	struct in_addr a;

	if (!inet_aton(text, &a) && !resolve_host4(text, &a))
		return false;
	*mask = a.s_addr;
	return true;
}

/* Why @vip cannot be a VIP, or NULL when it can. */
static const char *vip_problem(const struct lvs_vip *vip)
{
	const uint8_t *b = vip->addr.v6.s6_addr;
	uint32_t a = ntohl(vip->addr.v4.s_addr);
	static const uint8_t mapped[12] = { [10] = 0xff, [11] = 0xff };

	if (vip->af == AF_INET) {
		if (a == 0)
			return "the unspecified address";
		if (a == 0xffffffff)
			return "the broadcast address";
		if ((a >> 24) == 127)
			return "a loopback address";
		if ((a >> 28) == 0xe)
			return "a multicast address";
		if ((a >> 16) == 0xa9fe)
			return "a link-local address";
		return NULL;
	}
	if (IN6_IS_ADDR_UNSPECIFIED(&vip->addr.v6))
		return "the unspecified address";
	if (IN6_IS_ADDR_LOOPBACK(&vip->addr.v6))
		return "the loopback address";
	if (b[0] == 0xff)
		return "a multicast address";
	if (IN6_IS_ADDR_LINKLOCAL(&vip->addr.v6))
		return "a link-local address";
	if (!memcmp(b, mapped, sizeof(mapped)))
		return "an IPv4-mapped address; give the IPv4 address";
	return NULL;
}

int lvs_parse_vip(const char *text, struct lvs_vip *vip, struct lvs_err *err)
{
	const char *why;

	memset(vip, 0, sizeof(*vip));
	if (!*text)
		return lvs_fail(err, LVS_EXIT_USAGE, "invalid VIP '': empty");
	if (strchr(text, '/'))
		return lvs_fail(
			err, LVS_EXIT_USAGE,
			"invalid VIP '%.*s%s': give the address without a prefix length; a VIP is bound as /32 (IPv6: /128)",
			LVS_QUOTE(text));
	if (inet_pton(AF_INET, text, &vip->addr.v4) == 1)
		vip->af = AF_INET;
	else if (inet_pton(AF_INET6, text, &vip->addr.v6) == 1)
		vip->af = AF_INET6;
	else
		return lvs_fail(
			err, LVS_EXIT_USAGE,
			"invalid VIP '%.*s%s': not an IPv4 or IPv6 address",
			LVS_QUOTE(text));
	why = vip_problem(vip);
	if (why)
		return lvs_fail(err, LVS_EXIT_USAGE, "invalid VIP '%s': %s",
				text, why);
	return 0;
}

int lvs_parse_vip_list(const char *text, struct lvs_vip_args *args,
		       struct lvs_err *err)
{
	char *copy = strdup(text), *p, *comma;
	size_t cap = 0;
	struct lvs_vip vip;
	int r = 0;

	if (!copy)
		return lvs_fail(err, LVS_EXIT_SYSTEM, "out of memory");
	for (p = copy; p && !r; p = comma ? comma + 1 : NULL) {
		bool dup = false;

		comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		r = lvs_parse_vip(p, &vip, err);
		for (size_t i = 0; !r && i < args->n; i++)
			dup |= args->vips[i].af == vip.af &&
			       lvs_addr_equal(vip.af, &args->vips[i].addr,
					      &vip.addr);
		if (r || dup)
			continue;
		if (!lvs_grow((void **)&args->vips, &cap, args->n + 1,
			      sizeof(vip)))
			r = lvs_fail(err, LVS_EXIT_SYSTEM, "out of memory");
		else
			args->vips[args->n++] = vip;
	}
	free(copy);
	return r;
}

/*
 * Names looked up for a listing, kept per address and per port and
 * protocol: a table of thousands of services names the same real servers
 * and ports over and over, and each resolver call reads /etc/hosts or
 * /etc/services again.
 */
struct name {
	struct name *next;
	int af; /* or the protocol, for a port */
	union lvs_addr addr; /* or the port, in w[0] */
	char text[];
};

#define NAME_BUCKETS 4096
static struct name *names[NAME_BUCKETS];

static unsigned int name_hash(int af, const union lvs_addr *a)
{
	uint32_t v[5] = { (uint32_t)af, a->w[0], a->w[1], a->w[2], a->w[3] };

	return lvs_hash_words(v, 5) % NAME_BUCKETS;
}

static const char *name_find(int af, const union lvs_addr *a)
{
	for (struct name *n = names[name_hash(af, a)]; n; n = n->next)
		if (n->af == af && !memcmp(&n->addr, a, sizeof(*a)))
			return n->text;
	return NULL;
}

/* Remember @text for (@af, @a); a failure only costs a later lookup. */
static void name_keep(int af, const union lvs_addr *a, const char *text)
{
	size_t len = strlen(text) + 1;
	struct name *n = malloc(sizeof(*n) + len);
	unsigned int b = name_hash(af, a);

	if (!n)
		return;
	n->af = af;
	n->addr = *a;
	memcpy(n->text, text, len);
	n->next = names[b];
	names[b] = n;
}

static const char *host_name(int af, const union lvs_addr *addr, char *buf,
			     size_t len)
{
	struct hostent he, *res = NULL;
	const char *known = name_find(af, addr);
	char tmp[8192];
	int herr;

	if (known) {
		snprintf(buf, len, "%s", known);
		return buf;
	}
	if (!gethostbyaddr_r(addr, af == AF_INET6 ? 16 : 4, af, &he, tmp,
			     sizeof(tmp), &res, &herr) &&
	    res && res->h_name)
		snprintf(buf, len, "%s", res->h_name);
	else
		inet_ntop(af, addr, buf, (socklen_t)len);
	name_keep(af, addr, buf);
	return buf;
}

static const char *port_name(uint16_t port, int proto, char *buf, size_t len)
{
	const char *key = lvs_proto_key(proto), *known;
	union lvs_addr k = { 0 };
	struct servent se, *res = NULL;
	char tmp[4096];

	/* Ports are kept apart from hosts by a negative family. */
	k.w[0] = port;
	known = name_find(-proto - 1, &k);
	if (known) {
		snprintf(buf, len, "%s", known);
		return buf;
	}
	if (key &&
	    !getservbyport_r(htons(port), key, &se, tmp, sizeof(tmp), &res) &&
	    res)
		snprintf(buf, len, "%s", res->s_name);
	else
		snprintf(buf, len, "%u", port);
	name_keep(-proto - 1, &k, buf);
	return buf;
}

size_t lvs_fmt_u64(char *p, uint64_t v)
{
	size_t len = 1;

	for (uint64_t t = v; t >= 10; t /= 10)
		len++;
	for (size_t i = len; i--; v /= 10)
		p[i] = (char)('0' + v % 10);
	return len;
}

size_t lvs_fmt_i64(char *p, int64_t v)
{
	if (v >= 0)
		return lvs_fmt_u64(p, (uint64_t)v);
	*p = '-';
	return 1 + lvs_fmt_u64(p + 1, 0 - (uint64_t)v);
}

/*
 * The common case of a listing, "a.b.c.d:port" numerically, without the
 * cost of inet_ntop() and snprintf(); @buf has room for 22 bytes.
 */
static size_t format_ipv4_numeric(char *buf, const union lvs_addr *addr,
				  uint16_t port)
{
	const unsigned char *b = (const unsigned char *)&addr->v4.s_addr;
	char *p = buf;

	for (int i = 0; i < 4; i++) {
		p += lvs_fmt_u64(p, b[i]);
		*p++ = i < 3 ? '.' : ':';
	}
	p += lvs_fmt_u64(p, port);
	*p = '\0';
	return (size_t)(p - buf);
}

void lvs_format_addr(char *buf, size_t len, int af, const union lvs_addr *addr)
{
	const unsigned char *b = (const unsigned char *)&addr->v4.s_addr;
	char *p = buf;

	if (af != AF_INET || len < INET_ADDRSTRLEN) {
		if (!inet_ntop(af, addr, buf, (socklen_t)len) && len)
			buf[0] = '\0';
		return;
	}
	for (int i = 0; i < 4; i++) {
		if (i)
			*p++ = '.';
		p += lvs_fmt_u64(p, b[i]);
	}
	*p = '\0';
}

/* ipvsadm formats into 60 bytes; longer names are cut the same way. */
#define HOSTPORT_MAX 60

size_t lvs_format_hostport(char *buf, size_t len, int af,
			   const union lvs_addr *addr, uint16_t port, int proto,
			   unsigned int format)
{
	bool numeric_host = (format & LVS_FMT_NUMERIC) ||
			    (af == AF_INET6 && (format & LVS_FMT_RULE));
	char host[1025], serv[64];
	const char *open = af == AF_INET ? "" : "[";
	const char *close = af == AF_INET ? "" : "]";
	int n;

	if (len > HOSTPORT_MAX)
		len = HOSTPORT_MAX;
	if (af == AF_INET && (format & LVS_FMT_NUMERIC) && len >= 22)
		return format_ipv4_numeric(buf, addr, port);
	if (numeric_host)
		inet_ntop(af, addr, host, sizeof(host));
	else
		host_name(af, addr, host, sizeof(host));
	if (format & LVS_FMT_NUMERIC)
		snprintf(serv, sizeof(serv), "%u", port);
	else
		port_name(port, proto, serv, sizeof(serv));
	n = snprintf(buf, len, "%s%s%s:%s", open, host, close, serv);
	if (n < 0)
		return 0;
	return (size_t)n < len ? (size_t)n : len - 1;
}
