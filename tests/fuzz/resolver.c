// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * An offline resolver for the fuzz targets, linked with
 * -Wl,--wrap=gethostbyname_r -Wl,--wrap=getservbyname_r: host and service
 * names then never reach DNS or the host's files, so a run is fast and
 * gives the same result on every machine.  A few names resolve, so that
 * the code after a successful lookup is reached too.
 */
#include <errno.h>
#include <netdb.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>

int __wrap_gethostbyname_r(const char *name, struct hostent *ret, char *buf,
			   size_t buflen, struct hostent **result,
			   int *h_errnop);
int __wrap_getservbyname_r(const char *name, const char *proto,
			   struct servent *ret, char *buf, size_t buflen,
			   struct servent **result);

static const struct {
	const char *name;
	const char *addr;
} hosts[] = {
	{ "localhost", "127.0.0.1" },
	{ "vip4.example", "10.0.0.10" },
	{ "rs4.example", "10.0.0.2" },
	{ "mask.example", "255.255.255.0" },
};

static const struct {
	const char *name;
	uint16_t port;
} services[] = {
	{ "ssh", 22 },	  { "smtp", 25 }, { "domain", 53 }, { "http", 80 },
	{ "https", 443 }, { "ipp", 631 }, { "sip", 5060 },
};

int __wrap_gethostbyname_r(const char *name, struct hostent *ret, char *buf,
			   size_t buflen, struct hostent **result,
			   int *h_errnop)
{
	struct {
		char *addrs[2];
		char *aliases[1];
		struct in_addr addr;
	} *space = (void *)buf;

	*result = NULL;
	if (buflen < sizeof(*space)) {
		*h_errnop = NETDB_INTERNAL;
		return ERANGE;
	}
	for (size_t i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++) {
		if (strcmp(name, hosts[i].name))
			continue;
		memset(space, 0, sizeof(*space));
		inet_pton(AF_INET, hosts[i].addr, &space->addr);
		space->addrs[0] = (char *)&space->addr;
		ret->h_name = (char *)hosts[i].name;
		ret->h_aliases = space->aliases;
		ret->h_addrtype = AF_INET;
		ret->h_length = sizeof(space->addr);
		ret->h_addr_list = space->addrs;
		*result = ret;
		return 0;
	}
	*h_errnop = HOST_NOT_FOUND;
	return 0;
}

int __wrap_getservbyname_r(const char *name, const char *proto,
			   struct servent *ret, char *buf, size_t buflen,
			   struct servent **result)
{
	(void)buf;
	(void)buflen;
	*result = NULL;
	if (!proto)
		return 0;
	for (size_t i = 0; i < sizeof(services) / sizeof(services[0]); i++) {
		if (strcmp(name, services[i].name))
			continue;
		ret->s_name = (char *)services[i].name;
		ret->s_aliases = NULL;
		ret->s_port = (int)htons(services[i].port);
		ret->s_proto = (char *)proto;
		*result = ret;
		return 0;
	}
	return 0;
}
