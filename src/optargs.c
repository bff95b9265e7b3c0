// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The value handlers the option table names: each reads one option's
 * argument into the command being parsed, with ipvsadm's messages.  The
 * generic ones serve many rows: the row says which field, what range and
 * which message (struct lvs_optval).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "addr.h"
#include "optargs.h"
#include "sysctl.h"

void lvs_copy_name(char *dst, size_t size, const char *src)
{
	/* ipvsadm keeps at most size - 1 characters of a name. */
	size_t n = strnlen(src, size - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Where a value goes in the command being parsed. */
static void *field(const struct lvs_parse *p)
{
	return (char *)p->cmd + p->val->field;
}

/* The field's unsigned value, of its size (1, 2 or 4 bytes). */
static unsigned long load(const struct lvs_parse *p)
{
	uint8_t b;
	uint16_t h;
	uint32_t w;

	switch (p->val->size) {
	case sizeof(b):
		memcpy(&b, field(p), sizeof(b));
		return b;
	case sizeof(h):
		memcpy(&h, field(p), sizeof(h));
		return h;
	default:
		memcpy(&w, field(p), sizeof(w));
		return w;
	}
}

static void store(const struct lvs_parse *p, unsigned long v)
{
	uint8_t b = (uint8_t)v;
	uint16_t h = (uint16_t)v;
	uint32_t w = (uint32_t)v;

	switch (p->val->size) {
	case sizeof(b):
		memcpy(field(p), &b, sizeof(b));
		break;
	case sizeof(h):
		memcpy(field(p), &h, sizeof(h));
		break;
	default:
		memcpy(field(p), &w, sizeof(w));
		break;
	}
}

int lvs_set_number(struct lvs_parse *p, const char *arg, struct lvs_err *err)
{
	long v;

	if (!lvs_parse_number(arg, p->val->min, p->val->max, &v))
		return lvs_fail(err, LVS_EXIT_USAGE, "%s", p->val->msg);
	/* The ranges are never negative: the bits are the number's. */
	store(p, (unsigned long)v);
	return 0;
}

int lvs_set_value(struct lvs_parse *p, const char *arg, struct lvs_err *err)
{
	(void)arg;
	(void)err;
	store(p, p->val->value);
	return 0;
}

int lvs_set_bits(struct lvs_parse *p, const char *arg, struct lvs_err *err)
{
	(void)arg;
	(void)err;
	store(p, load(p) | p->val->value);
	return 0;
}

int lvs_set_name(struct lvs_parse *p, const char *arg, struct lvs_err *err)
{
	(void)err;
	lvs_copy_name(field(p), p->val->size, arg);
	return 0;
}

int lvs_set_daemon(struct lvs_parse *p, const char *arg, struct lvs_err *err)
{
	if (!strcmp(arg, "master"))
		p->cmd->daemon.state = IP_VS_STATE_MASTER;
	else if (!strcmp(arg, "backup"))
		p->cmd->daemon.state = IP_VS_STATE_BACKUP;
	else
		return lvs_fail(err, LVS_EXIT_USAGE, "%s", p->val->msg);
	return 0;
}

int lvs_set_service(struct lvs_parse *p, const char *arg, struct lvs_err *err)
{
	struct lvs_service *svc = &p->cmd->svc;
	int proto = (int)p->val->value;

	svc->protocol = (uint16_t)proto;
	if (!(lvs_parse_hostport(arg, proto, &svc->af, &svc->addr, &svc->port) &
	      LVS_HOSTPORT_ADDR))
		return lvs_fail(
			err, LVS_EXIT_USAGE,
			"illegal virtual server address[:port] specified");
	if (svc->af == AF_INET6)
		svc->netmask = 128;
	return 0;
}

int lvs_set_fwmark(struct lvs_parse *p, const char *arg, struct lvs_err *err)
{
	struct lvs_service *svc = &p->cmd->svc;

	/* The protocol is not sent for a fwmark; it names -r's ports. */
	svc->af = AF_INET;
	svc->protocol = IPPROTO_TCP;
	if (!lvs_parse_fwmark(arg, &svc->fwmark))
		return lvs_fail(err, LVS_EXIT_USAGE,
				"invalid fwmark value `%s' specified", arg);
	return 0;
}

int lvs_set_ipv6(struct lvs_parse *p, const char *arg, struct lvs_err *err)
{
	(void)arg;
	if (!p->cmd->svc.fwmark)
		/* ipvsadm's message carries a second newline. */
		return lvs_fail(err, LVS_EXIT_USAGE, "-6 used before -f\n");
	p->cmd->svc.af = AF_INET6;
	p->cmd->svc.netmask = 128;
	return 0;
}

int lvs_parse_timeout(const char *arg, long min, uint32_t *out,
		      struct lvs_err *err)
{
	long v;

	if (!lvs_parse_number(arg, min, LVS_MAX_TIMEOUT, &v))
		return lvs_fail(err, LVS_EXIT_USAGE,
				"invalid timeout value `%s' specified", arg);
	*out = (uint32_t)v;
	return 0;
}

int lvs_set_persistent(struct lvs_parse *p, const char *arg,
		       struct lvs_err *err)
{
	p->cmd->svc.flags |= IP_VS_SVC_F_PERSISTENT;
	if (!arg) {
		p->cmd->svc.timeout = LVS_DEFAULT_PERSISTENT_TIMEOUT;
		return 0;
	}
	return lvs_parse_timeout(arg, 1, &p->cmd->svc.timeout, err);
}

int lvs_set_netmask(struct lvs_parse *p, const char *arg, struct lvs_err *err)
{
	struct lvs_service *svc = &p->cmd->svc;

	if (svc->af != AF_INET6) {
		if (!lvs_parse_netmask4(arg, &svc->netmask))
			return lvs_fail(
				err, LVS_EXIT_USAGE,
				"illegal virtual server persistent mask specified");
		return 0;
	}
	/* A prefix length, read the lenient way atoi() reads it. */
	svc->netmask = (uint32_t)(int)strtol(arg, NULL, 10);
	if ((int)svc->netmask < 1 || (int)svc->netmask > 128)
		return lvs_fail(err, LVS_EXIT_USAGE,
				"illegal ipv6 netmask specified");
	return 0;
}

int lvs_set_server(struct lvs_parse *p, const char *arg, struct lvs_err *err)
{
	struct lvs_dest *d = &p->cmd->dest;
	const struct lvs_service *svc = &p->cmd->svc;

	/* Without a port, the service's port as it stands at this point. */
	d->af = svc->af;
	d->addr = svc->addr;
	d->port = svc->port;
	if (!(lvs_parse_hostport(arg, svc->protocol, &d->af, &d->addr,
				 &d->port) &
	      LVS_HOSTPORT_ADDR))
		return lvs_fail(err, LVS_EXIT_USAGE,
				"illegal real server address[:port] specified");
	return 0;
}

int lvs_set_tun_type(struct lvs_parse *p, const char *arg, struct lvs_err *err)
{
	for (int i = 0; i < IP_VS_CONN_F_TUNNEL_TYPE_MAX; i++)
		if (!strcmp(arg, lvs_tun_names[i])) {
			p->cmd->dest.tun_type = (uint8_t)i;
			return 0;
		}
	return lvs_fail(err, LVS_EXIT_USAGE, "illegal tunnel type specified");
}

int lvs_set_sched_flags(struct lvs_parse *p, const char *arg,
			struct lvs_err *err)
{
	(void)err;
	snprintf(p->sched_flags, sizeof(p->sched_flags), "%s", arg);
	return 0;
}

int lvs_set_mcast_group(struct lvs_parse *p, const char *arg,
			struct lvs_err *err)
{
	struct lvs_daemon *d = &p->cmd->daemon;

	if (strchr(arg, ':')) {
		if (inet_pton(AF_INET6, arg, &d->mcast_group.v6) <= 0 ||
		    !IN6_IS_ADDR_MULTICAST(&d->mcast_group.v6))
			return lvs_fail(err, LVS_EXIT_USAGE,
					"invalid IPv6 mcast-group `%s'", arg);
		d->mcast_af = AF_INET6;
	} else {
		if (inet_pton(AF_INET, arg, &d->mcast_group.v4) <= 0 ||
		    !IN_MULTICAST(ntohl(d->mcast_group.v4.s_addr)))
			return lvs_fail(err, LVS_EXIT_USAGE,
					"invalid IPv4 mcast-group `%s'", arg);
		d->mcast_af = AF_INET;
	}
	return 0;
}

int lvs_set_vips(struct lvs_parse *p, const char *arg, struct lvs_err *err)
{
	const char *name = p->cmd->kind == LVS_CMD_DELVIP ? "--delete-vip" :
							    "--add-vip";

	/* popt takes the next word whatever it is: say what is missing. */
	if (p->explain && arg && arg[0] == '-' && arg[1] == '-')
		return lvs_fail(
			err, LVS_EXIT_USAGE,
			"%s needs an address before '%.*s%s': %s addr[,addr...]",
			name, LVS_QUOTE(arg), name);
	return lvs_parse_vip_list(arg, &p->cmd->vip, err);
}

int lvs_set_check(struct lvs_parse *p, const char *arg, struct lvs_err *err)
{
	return arg ? lvs_parse_vip_list(arg, &p->cmd->vip, err) : 0;
}

/* Seconds, with up to three decimals: 0.1 to 60. */
int lvs_set_probe_timeout(struct lvs_parse *p, const char *arg,
			  struct lvs_err *err)
{
	unsigned long ms = 0, scale = 1000;
	const char *c = arg;

	for (; *c >= '0' && *c <= '9' && ms <= 60000; c++)
		ms = ms * 10 + (unsigned long)(*c - '0') * 1;
	ms *= 1000;
	if (*c == '.' && c > arg)
		for (c++; *c >= '0' && *c <= '9' && scale > 1; c++) {
			scale /= 10;
			ms += (unsigned long)(*c - '0') * scale;
		}
	if (*c || c == arg || ms < 100 || ms > 60000)
		return lvs_fail(
			err, LVS_EXIT_USAGE,
			"illegal probe-timeout '%.*s%s': seconds from 0.1 to 60",
			LVS_QUOTE(arg));
	p->cmd->vip.probe_ms = (unsigned int)ms;
	return 0;
}

int lvs_set_arp_strict(struct lvs_parse *p, const char *arg,
		       struct lvs_err *err)
{
	if (!arg)
		p->cmd->vip.arp_strict = -1;
	else if (!strcmp(arg, "on"))
		p->cmd->vip.arp_strict = 1;
	else if (!strcmp(arg, "off"))
		p->cmd->vip.arp_strict = 0;
	else
		return lvs_fail(
			err, LVS_EXIT_USAGE,
			"illegal arp-strict parameter '%.*s%s': use on or off",
			LVS_QUOTE(arg));
	return 0;
}

int lvs_set_interface(struct lvs_parse *p, const char *arg, struct lvs_err *err)
{
	/* The name becomes part of /proc/sys paths. */
	if (!lvs_ifname_valid(arg))
		return lvs_fail(
			err, LVS_EXIT_USAGE,
			"invalid interface name '%.*s%s': 1 to 15 characters, without '/', ':' or blanks, and not '.' or '..'",
			LVS_QUOTE(arg));
	lvs_copy_name(p->cmd->vip.ifname, sizeof(p->cmd->vip.ifname), arg);
	return 0;
}

int lvs_set_graceful(struct lvs_parse *p, const char *arg, struct lvs_err *err)
{
	long v;

	/* Digits only: no sign, no blanks (strtol() would take them). */
	if (!arg || arg[strspn(arg, "0123456789")] ||
	    !lvs_parse_number(arg, 0, LVS_MAX_TIMEOUT, &v))
		return lvs_fail(
			err, LVS_EXIT_USAGE,
			"illegal graceful time '%.*s%s': whole seconds from 0 to %d",
			LVS_QUOTE(arg), LVS_MAX_TIMEOUT);
	p->cmd->graceful = (uint32_t)v;
	return 0;
}
