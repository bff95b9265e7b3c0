// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The option table and what is derived from it.
 *
 * Rows are in the order the help text lists them.  The help lines are
 * ipvsadm's, byte for byte, because scripts and people compare them.
 */
#include <limits.h>
#include <stddef.h>
#include <string.h>

#include "optargs.h"
#include "options.h"

/*
 * One row per option, in columns: long name, short letter, argument, the
 * command it selects (CMD) or the class it belongs to (OPT; OPT_LIKE: the
 * class whose commands an option of no class goes with), usage section,
 * what it does with its value (below), help.  The rows of the section
 * LVSADM, lvsadm's own, do not exist under the name ipvsadm.
 */
#define CMD(l, s, a, c, sec, how, h, ...)                                    \
	{                                                                    \
		.longname = l, .shortname = s, .arg = a, .cmd = LVS_CMD_##c, \
		.optclass = LVS_OPT_NONE, how, .section = LVS_SEC_##sec,     \
		.help = h, __VA_ARGS__                                       \
	}
#define OPT(l, s, a, cls, sec, how, h, ...)                                   \
	{                                                                     \
		.longname = l, .shortname = s, .arg = a, .cmd = LVS_CMD_NONE, \
		.optclass = LVS_OPT_##cls, .like = LVS_OPT_NONE, how,         \
		.section = LVS_SEC_##sec, .help = h, __VA_ARGS__              \
	}
#define OPT_LIKE(l, s, a, lk, sec, how, h)                                    \
	{                                                                     \
		.longname = l, .shortname = s, .arg = a, .cmd = LVS_CMD_NONE, \
		.optclass = LVS_OPT_NONE, .like = LVS_OPT_##lk, how,          \
		.section = LVS_SEC_##sec, .help = h                           \
	}

/* What an option does with its value: see struct lvs_optval. */
#define NOSET .set = NULL
#define SET(fn) .set = fn
#define FORMAT(fmt) .set = NULL, .format = fmt
#define FIELD(f)                              \
	.field = offsetof(struct lvs_cmd, f), \
	.size = sizeof(((struct lvs_cmd *)NULL)->f)
#define NUMBER(f, lo, hi, m)   \
	.set = lvs_set_number, \
	.val = { FIELD(f), .min = lo, .max = hi, .msg = m }
#define VALUE(f, v) .set = lvs_set_value, .val = { FIELD(f), .value = v }
#define BITS(f, v) .set = lvs_set_bits, .val = { FIELD(f), .value = v }
#define NAME(f) .set = lvs_set_name, .val = { FIELD(f) }
#define PROTO(p) .set = lvs_set_service, .val = { .value = p }
#define STATE(m) .set = lvs_set_daemon, .val = { .msg = m }

#define NOARG POPT_ARG_NONE
#define STR POPT_ARG_STRING
#define OPTSTR (POPT_ARG_STRING | POPT_ARGFLAG_OPTIONAL)
#define HELP_INDENT "                                      "
/* The largest UDP payload in an IPv4 packet. */
#define MAX_SYNC_LEN (65535 - 20 - 8)

/* clang-format off */
const struct lvs_option lvs_options[] = {
	CMD("add-service",     'A', NOARG,  ADD,            COMMANDS, NOSET, "  --add-service     -A        add virtual service with options"),
	CMD("edit-service",    'E', NOARG,  EDIT,           COMMANDS, NOSET, "  --edit-service    -E        edit virtual service with options"),
	CMD("delete-service",  'D', NOARG,  DEL,            COMMANDS, NOSET, "  --delete-service  -D        delete virtual service"),
	CMD("clear",           'C', NOARG,  FLUSH,          COMMANDS, NOSET, "  --clear           -C        clear the whole table"),
	CMD("restore",         'R', NOARG,  RESTORE,        COMMANDS, NOSET, "  --restore         -R        restore rules from stdin"),
	CMD("save",            'S', NOARG,  SAVE,           COMMANDS, NOSET, "  --save            -S        save rules to stdout"),
	CMD("add-server",      'a', NOARG,  ADDDEST,        COMMANDS, NOSET, "  --add-server      -a        add real server with options"),
	CMD("edit-server",     'e', NOARG,  EDITDEST,       COMMANDS, NOSET, "  --edit-server     -e        edit real server with options"),
	CMD("delete-server",   'd', NOARG,  DELDEST,        COMMANDS, NOSET, "  --delete-server   -d        delete real server"),
	CMD("list",            'L', NOARG,  LIST,           COMMANDS, NOSET, "  --list            -L|-l     list the table"),
	CMD("list",            'l', NOARG,  LIST,           HIDDEN,   NOSET, NULL),
	CMD("zero",            'Z', NOARG,  ZERO,           COMMANDS, NOSET, "  --zero            -Z        zero counters in a service or all services"),
	CMD("set",             0,   NOARG,  TIMEOUT,        COMMANDS, NOSET, "  --set tcp tcpfin udp        set connection timeout values"),
	CMD("start-daemon",    0,   STR,    STARTDAEMON,    COMMANDS, STATE("illegal start-daemon parameter specified"), "  --start-daemon              start connection sync daemon"),
	CMD("stop-daemon",     0,   STR,    STOPDAEMON,     COMMANDS, STATE("illegal start_daemon specified"), "  --stop-daemon               stop connection sync daemon"),
	CMD("help",            'h', NOARG,  HELP,           COMMANDS, NOSET, "  --help            -h        display this help message"),
	CMD("version",         'v', NOARG,  VERSION,        HIDDEN,   NOSET, NULL),

	OPT("tcp-service",     't', STR,    SERVICE,        SERVICE,  PROTO(IPPROTO_TCP), "  --tcp-service|-t  service-address   service-address is host[:port]"),
	OPT("udp-service",     'u', STR,    SERVICE,        SERVICE,  PROTO(IPPROTO_UDP), "  --udp-service|-u  service-address   service-address is host[:port]"),
	OPT("sctp-service",    0,   STR,    SERVICE,        SERVICE,  PROTO(IPPROTO_SCTP), "  --sctp-service    service-address   service-address is host[:port]"),
	OPT("fwmark-service",  'f', STR,    SERVICE,        SERVICE,  SET(lvs_set_fwmark), "  --fwmark-service|-f fwmark          fwmark is an integer greater than zero"),

	OPT_LIKE("ipv6",       '6', NOARG,  SERVICE,        OPTIONS,  SET(lvs_set_ipv6), "  --ipv6         -6                   fwmark entry uses IPv6"),
	OPT("scheduler",       's', STR,    SCHEDULER,      OPTIONS,  NAME(svc.sched), "  --scheduler    -s scheduler         one of rr|wrr|lc|wlc|lblc|lblcr|dh|sh|sed|nq|fo|ovf|mh,\n" HELP_INDENT "the default scheduler is wlc."),
	OPT("pe",              0,   STR,    PE,             OPTIONS,  NAME(svc.pe), "  --pe            engine              alternate persistence engine may be sip,\n" HELP_INDENT "not set by default."),
	OPT("persistent",      'p', OPTSTR, PERSISTENT,     OPTIONS,  SET(lvs_set_persistent), "  --persistent   -p [timeout]         persistent service"),
	OPT("netmask",         'M', STR,    NETMASK,        OPTIONS,  SET(lvs_set_netmask), "  --netmask      -M netmask           persistent granularity mask"),
	OPT("real-server",     'r', STR,    SERVER,         OPTIONS,  SET(lvs_set_server), "  --real-server  -r server-address    server-address is host (and port)"),
	OPT("gatewaying",      'g', NOARG,  FORWARD,        OPTIONS,  VALUE(dest.fwd, IP_VS_CONN_F_DROUTE), "  --gatewaying   -g                   gatewaying (direct routing) (default)"),
	OPT("ipip",            'i', NOARG,  FORWARD,        OPTIONS,  VALUE(dest.fwd, IP_VS_CONN_F_TUNNEL), "  --ipip         -i                   ipip encapsulation (tunneling)"),
	OPT("masquerading",    'm', NOARG,  FORWARD,        OPTIONS,  VALUE(dest.fwd, IP_VS_CONN_F_MASQ), "  --masquerading -m                   masquerading (NAT)"),
	OPT("tun-type",        0,   STR,    TUN_TYPE,       OPTIONS,  SET(lvs_set_tun_type), "  --tun-type      type                one of ipip|gue|gre,\n" HELP_INDENT "the default tunnel type is ipip."),
	OPT("tun-port",        0,   STR,    TUN_PORT,       OPTIONS,  NUMBER(dest.tun_port, 1, 65535, "illegal tunnel port specified"), "  --tun-port      port                tunnel destination port"),
	OPT("tun-nocsum",      0,   NOARG,  TUN_NOCSUM,     OPTIONS,  NOSET, "  --tun-nocsum                        tunnel encapsulation without checksum"),
	OPT("tun-csum",        0,   NOARG,  TUN_CSUM,       OPTIONS,  BITS(dest.tun_flags, IP_VS_TUNNEL_ENCAP_FLAG_CSUM), "  --tun-csum                          tunnel encapsulation with checksum"),
	OPT("tun-remcsum",     0,   NOARG,  TUN_REMCSUM,    OPTIONS,  BITS(dest.tun_flags, IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM), "  --tun-remcsum                       tunnel encapsulation with remote checksum"),
	OPT("weight",          'w', STR,    WEIGHT,         OPTIONS,  NUMBER(dest.weight, 0, INT_MAX, "illegal weight specified"), "  --weight       -w weight            capacity of real server"),
	OPT("u-threshold",     'x', STR,    UTHRESHOLD,     OPTIONS,  NUMBER(dest.u_thresh, 0, INT_MAX, "illegal u_threshold specified"), "  --u-threshold  -x uthreshold        upper threshold of connections"),
	OPT("l-threshold",     'y', STR,    LTHRESHOLD,     OPTIONS,  NUMBER(dest.l_thresh, 0, INT_MAX, "illegal l_threshold specified"), "  --l-threshold  -y lthreshold        lower threshold of connections"),
	OPT("connection",      'c', NOARG,  CONNECTION,     OPTIONS,  NOSET, "  --connection   -c                   output of current IPVS connections"),
	OPT("timeout",         0,   NOARG,  TIMEOUT,        OPTIONS,  NOSET, "  --timeout                           output of timeout (tcp tcpfin udp)"),
	OPT("daemon",          0,   NOARG,  DAEMON,         OPTIONS,  NOSET, "  --daemon                            output of daemon information"),
	OPT("stats",           0,   NOARG,  STATS,          OPTIONS,  FORMAT(LVS_FMT_STATS), "  --stats                             output of statistics information"),
	OPT("rate",            0,   NOARG,  RATE,           OPTIONS,  FORMAT(LVS_FMT_RATE), "  --rate                              output of rate information"),
	OPT("exact",           'X', NOARG,  EXACT,          OPTIONS,  FORMAT(LVS_FMT_EXACT), "  --exact                             expand numbers (display exact values)"),
	OPT("thresholds",      0,   NOARG,  THRESHOLDS,     OPTIONS,  FORMAT(LVS_FMT_THRESHOLDS), "  --thresholds                        output of thresholds information"),
	OPT("persistent-conn", 0,   NOARG,  PERSISTENTCONN, OPTIONS,  FORMAT(LVS_FMT_PERSISTENTCONN), "  --persistent-conn                   output of persistent connection info"),
	OPT("tun-info",        0,   NOARG,  TUN_INFO,       OPTIONS,  FORMAT(LVS_FMT_TUN_INFO), "  --tun-info                          output of tunnel information"),
	OPT("nosort",          0,   NOARG,  NOSORT,         OPTIONS,  FORMAT(LVS_FMT_NOSORT), "  --nosort                            disable sorting output of service/server entries"),
	OPT_LIKE("sort",       0,   NOARG,  NOSORT,         OPTIONS,  NOSET, "  --sort                              does nothing, for backwards compatibility"),
	OPT("ops",             'o', NOARG,  ONEPACKET,      OPTIONS,  BITS(svc.flags, IP_VS_SVC_F_ONEPACKET), "  --ops          -o                   one-packet scheduling"),
	OPT("numeric",         'n', NOARG,  NUMERIC,        OPTIONS,  FORMAT(LVS_FMT_NUMERIC), "  --numeric      -n                   numeric output of addresses and ports"),
	OPT("sched-flags",     'b', STR,    SCHED_FLAGS,    OPTIONS,  SET(lvs_set_sched_flags), "  --sched-flags  -b flags             scheduler flags (comma-separated)"),

	OPT("syncid",          0,   STR,    SYNCID,         DAEMON,   NUMBER(daemon.syncid, 0, 255, "illegal syncid specified"), "  --syncid sid                        syncid for connection sync (default=255)"),
	OPT("sync-maxlen",     0,   STR,    SYNC_MAXLEN,    DAEMON,   NUMBER(daemon.sync_maxlen, 1, MAX_SYNC_LEN, "illegal sync-maxlen specified"), "  --sync-maxlen length                Max sync message length (default=1472)"),
	OPT("mcast-interface", 0,   STR,    MCAST,          DAEMON,   NAME(daemon.mcast_ifn), "  --mcast-interface interface         multicast interface for connection sync"),
	OPT("mcast-group",     0,   STR,    MCAST_GROUP,    DAEMON,   SET(lvs_set_mcast_group), "  --mcast-group address               IPv4/IPv6 group (default=224.0.0.81)"),
	OPT("mcast-port",      0,   STR,    MCAST_PORT,     DAEMON,   NUMBER(daemon.mcast_port, 1, 65535, "illegal mcast-port specified"), "  --mcast-port port                   UDP port (default=8848)"),
	OPT("mcast-ttl",       0,   STR,    MCAST_TTL,      DAEMON,   NUMBER(daemon.mcast_ttl, 1, 255, "illegal mcast-ttl specified"), "  --mcast-ttl ttl                     Multicast TTL (default=1)"),

	CMD("add-vip",         0,   STR,    ADDVIP,         LVSADM,   SET(lvs_set_vips), "  --add-vip addr[,addr...]            bind VIPs on lo and hide them from ARP"),
	CMD("delete-vip",      0,   STR,    DELVIP,         LVSADM,   SET(lvs_set_vips), "  --delete-vip addr[,addr...]         unbind VIPs, then restore the ARP sysctls"),
	CMD("list-vips",       0,   NOARG,  LISTVIPS,       LVSADM,   NOSET, "  --list-vips                         list the VIPs and the ARP settings in force"),
	CMD("check",           0,   OPTSTR, CHECK,          LVSADM,   SET(lvs_set_check), "  --check [vip[,vip...]]              diagnose this host for Direct Routing"),
	CMD("arp-strict",      0,   OPTSTR, ARPSTRICT,      LVSADM,   SET(lvs_set_arp_strict), "  --arp-strict [on|off]               answer ARP only on the owning interface"),
	OPT("probe",           0,   NOARG,  PROBE,          LVSADM,   VALUE(vip.probe, true), "  --probe                             with --check, ask the wire: ARP for each\n" HELP_INDENT "VIP, and a SYN to each DR real server"),
	OPT("probe-timeout",   0,   STR,    PROBE_TIMEOUT,  LVSADM,   SET(lvs_set_probe_timeout), "  --probe-timeout seconds             how long --probe waits (default 1)"),
	OPT("probe-port",      0,   STR,    PROBE_PORT,     LVSADM,   NUMBER(vip.probe_port, 1, 65535, "illegal probe-port: a port from 1 to 65535"), "  --probe-port port                   the port --probe tries on port-0 and\n" HELP_INDENT "fwmark services"),
	OPT("interface",       0,   STR,    INTERFACE,      LVSADM,   SET(lvs_set_interface), "  --interface name                    the interface of the VIPs (default lo)"),
	OPT("vips",            0,   NOARG,  VIPS,           LVSADM,   NOSET, "  --vips                              with -S, save the VIPs on lo as well"),
	OPT("json",            0,   NOARG,  JSON,           LVSADM,   FORMAT(LVS_FMT_JSON), "  --json                              with -L, --list-vips or --check, print JSON"),
	OPT("metrics",         0,   NOARG,  METRICS,        LVSADM,   FORMAT(LVS_FMT_METRICS), "  --metrics                           with -L or --list-vips, print Prometheus metrics"),
	OPT("sync",            0,   NOARG,  SYNC,           LVSADM,   NOSET, "  --sync                              with -R, change only what differs"),
	OPT("dry-run",         0,   NOARG,  DRYRUN,         LVSADM,   NOSET, "  --dry-run                           with -R, check (and with --sync, show)\n" HELP_INDENT "the changes, but make none"),
	OPT("drain",           0,   NOARG,  DRAIN,          LVSADM,   NOSET, "  --drain                             with -R --sync, set real servers to weight 0\n" HELP_INDENT "instead of deleting them"),
	OPT("graceful",        0,   STR,    GRACEFUL,       LVSADM,   SET(lvs_set_graceful), "  --graceful seconds                  with -d or -R --sync --drain: weight 0, wait\n" HELP_INDENT "for the active connections to end, then delete"),
};
/* clang-format on */

const size_t lvs_num_options = sizeof(lvs_options) / sizeof(lvs_options[0]);

/*
 * Legality per class.  Columns, in order: add-service, edit-service,
 * delete-service, flush, list, add-server, delete-server, edit-server,
 * set, start-daemon, stop-daemon, restore, save, zero (ipvsadm's table);
 * then lvsadm's add-vip, delete-vip, list-vips, check, arp-strict, which
 * take none of ipvsadm's options.
 */
#define EXT "xxxxx"
#define SVC_PARAM "  xxxxxxxxxxxx" EXT /* -A and -E only */
#define DEST_PARAM "xxxxx x xxxxxx" EXT /* -a and -e only */
#define LIST_ONLY "xxxx xxxxxxxxx" EXT
#define DAEMON_PARAM "xxxxxxxxx xxxx" EXT /* --start-daemon only */

const struct lvs_optclass_info lvs_optclasses[LVS_NUM_OPTCLASSES] = {
	[LVS_OPT_NUMERIC] = { "numeric", "xxxx xxxxxxx x" EXT },
	[LVS_OPT_CONNECTION] = { "connection", "xxxx1xxxxxxxxx" EXT },
	[LVS_OPT_SERVICE] = { "service-address", "+++x1+++xxxxx " EXT },
	[LVS_OPT_SCHEDULER] = { "scheduler", SVC_PARAM },
	[LVS_OPT_PERSISTENT] = { "persistent", SVC_PARAM },
	[LVS_OPT_NETMASK] = { "netmask", SVC_PARAM },
	[LVS_OPT_SERVER] = { "real-server", "xxxxx+++xxxxxx" EXT },
	[LVS_OPT_FORWARD] = { "forwarding-method", DEST_PARAM },
	[LVS_OPT_WEIGHT] = { "weight", DEST_PARAM },
	[LVS_OPT_UTHRESHOLD] = { "u-threshold", DEST_PARAM },
	[LVS_OPT_LTHRESHOLD] = { "l-threshold", DEST_PARAM },
	[LVS_OPT_MCAST] = { "mcast-interface", DAEMON_PARAM },
	[LVS_OPT_TIMEOUT] = { "timeout", "xxxx1xxxxxxxxx" EXT },
	[LVS_OPT_DAEMON] = { "daemon", "xxxx1xxxxxxxxx" EXT },
	[LVS_OPT_STATS] = { "stats", LIST_ONLY },
	[LVS_OPT_RATE] = { "rate", LIST_ONLY },
	[LVS_OPT_THRESHOLDS] = { "thresholds", LIST_ONLY },
	[LVS_OPT_PERSISTENTCONN] = { "persistent-conn", LIST_ONLY },
	[LVS_OPT_NOSORT] = { "nosort", LIST_ONLY },
	[LVS_OPT_SYNCID] = { "syncid", "xxxx xxxx  xxx" EXT },
	[LVS_OPT_EXACT] = { "exact", LIST_ONLY },
	[LVS_OPT_ONEPACKET] = { "ops", SVC_PARAM },
	[LVS_OPT_PE] = { "pe", SVC_PARAM },
	[LVS_OPT_SCHED_FLAGS] = { "sched-flags", SVC_PARAM },
	[LVS_OPT_MCAST_GROUP] = { "mcast-group", DAEMON_PARAM },
	[LVS_OPT_MCAST_PORT] = { "mcast-port", DAEMON_PARAM },
	[LVS_OPT_MCAST_TTL] = { "mcast-ttl", DAEMON_PARAM },
	[LVS_OPT_SYNC_MAXLEN] = { "sync-maxlen", DAEMON_PARAM },
	[LVS_OPT_TUN_INFO] = { "tun-info", LIST_ONLY },
	[LVS_OPT_TUN_TYPE] = { "tun-type", DEST_PARAM },
	[LVS_OPT_TUN_PORT] = { "tun-port", DEST_PARAM },
	[LVS_OPT_TUN_NOCSUM] = { "tun-nocsum", DEST_PARAM },
	[LVS_OPT_TUN_CSUM] = { "tun-csum", DEST_PARAM },
	[LVS_OPT_TUN_REMCSUM] = { "tun-remcsum", DEST_PARAM },
	[LVS_OPT_INTERFACE] = { "interface", "xxxxxxxxxxxxxx"
					     "   xx" },
	[LVS_OPT_VIPS] = { "vips", "xxxxxxxxxxxx x" EXT },
	[LVS_OPT_SYNC] = { "sync", "xxxxxxxxxxx xx" EXT },
	[LVS_OPT_DRYRUN] = { "dry-run", "xxxxxxxxxxx xx" EXT },
	[LVS_OPT_DRAIN] = { "drain", "xxxxxxxxxxx xx" EXT },
	[LVS_OPT_JSON] = { "json", "xxxx xxxxxxxxx"
				   "xx  x" },
	[LVS_OPT_PROBE] = { "probe", "xxxxxxxxxxxxxx"
				     "xxx x" },
	[LVS_OPT_PROBE_TIMEOUT] = { "probe-timeout", "xxxxxxxxxxxxxx"
						     "xxx x" },
	[LVS_OPT_PROBE_PORT] = { "probe-port", "xxxxxxxxxxxxxx"
					       "xxx x" },
	/* -d, and -R (with --sync --drain: cmdline.c checks). */
	[LVS_OPT_GRACEFUL] = { "graceful", "xxxxxx xxxx xx" EXT },
	[LVS_OPT_METRICS] = { "metrics", "xxxx xxxxxxxxx"
					 "xx xx" },
};

const struct poptOption *lvs_popt_table(bool ipvsadm)
{
	static struct poptOption
		tables[2][sizeof(lvs_options) / sizeof(lvs_options[0]) + 1];
	static bool done[2];
	struct poptOption *table = tables[ipvsadm];
	size_t n = 0;

	if (done[ipvsadm])
		return table;
	for (size_t i = 0; i < lvs_num_options; i++) {
		if (ipvsadm && lvs_options[i].section == LVS_SEC_LVSADM)
			continue;
		table[n].longName = lvs_options[i].longname;
		table[n].shortName = lvs_options[i].shortname;
		table[n].argInfo = (unsigned int)lvs_options[i].arg;
		table[n].val = (int)i + 1;
		n++;
	}
	done[ipvsadm] = true;
	return table;
}

bool lvs_rules_problem(uint64_t options, const enum lvs_optclass *classes,
		       const char *rules, struct lvs_rule_problem *pb)
{
	int first_exclusive = -1;

	for (size_t i = 0; rules[i]; i++) {
		enum lvs_optclass c = classes[i];

		pb->rule = rules[i];
		pb->cls = c;
		if (!(options & LVS_OPTBIT(c))) {
			if (rules[i] == '+')
				return true;
			continue;
		}
		if (rules[i] == 'x')
			return true;
		if (rules[i] == '1') {
			if (first_exclusive < 0) {
				first_exclusive = c;
				continue;
			}
			pb->first = (enum lvs_optclass)first_exclusive;
			return true;
		}
	}
	return false;
}

int lvs_rule_fail(const struct lvs_rule_problem *pb, const char *subject,
		  const char *kind, struct lvs_err *err)
{
	const char *name = lvs_optclasses[pb->cls].name;

	if (pb->rule == '1')
		return lvs_fail(
			err, LVS_EXIT_USAGE,
			"The option '%s' conflicts with the '%s' option in the '%s' %s",
			name, lvs_optclasses[pb->first].name, subject, kind);
	return lvs_fail(
		err, LVS_EXIT_USAGE,
		pb->rule == '+' ?
			"You need to supply the '%s' option for the '%s' %s" :
			"Illegal '%s' option with the '%s' %s",
		name, subject, kind);
}

int lvs_check_rules(uint64_t options, const enum lvs_optclass *classes,
		    const char *rules, const char *subject, const char *kind,
		    struct lvs_err *err)
{
	struct lvs_rule_problem pb;

	if (!lvs_rules_problem(options, classes, rules, &pb))
		return 0;
	return lvs_rule_fail(&pb, subject, kind, err);
}

/* One command's column of the table as bit masks, for the common case. */
struct legal_masks {
	uint64_t required, illegal, exclusive;
};

static const struct legal_masks *legal_masks(enum lvs_cmd_kind cmd)
{
	static struct legal_masks masks[LVS_NUM_CMDS];
	static bool done;

	if (!done) {
		for (int k = 0; k < LVS_NUM_CMDS; k++)
			for (int c = 0; c < LVS_NUM_OPTCLASSES; c++) {
				uint64_t bit = LVS_OPTBIT(c);

				switch (lvs_optclasses[c].legal[k]) {
				case '+':
					masks[k].required |= bit;
					break;
				case 'x':
					masks[k].illegal |= bit;
					break;
				case '1':
					masks[k].exclusive |= bit;
					break;
				default:
					break;
				}
			}
		done = true;
	}
	return &masks[cmd];
}

bool lvs_legality_problem(enum lvs_cmd_kind cmd, uint64_t options,
			  struct lvs_rule_problem *pb)
{
	const struct legal_masks *m = legal_masks(cmd);
	uint64_t excl = options & m->exclusive;
	enum lvs_optclass classes[LVS_NUM_OPTCLASSES];
	char rules[LVS_NUM_OPTCLASSES + 1];

	/* Nothing wrong: skip the walk that finds the first problem. */
	if ((options & m->required) == m->required && !(options & m->illegal) &&
	    !(excl & (excl - 1)))
		return false;

	for (int c = 0; c < LVS_NUM_OPTCLASSES; c++) {
		classes[c] = (enum lvs_optclass)c;
		rules[c] = lvs_optclasses[c].legal[cmd];
	}
	rules[LVS_NUM_OPTCLASSES] = '\0';
	return lvs_rules_problem(options, classes, rules, pb);
}

int lvs_check_legality(enum lvs_cmd_kind cmd, uint64_t options,
		       struct lvs_err *err)
{
	struct lvs_rule_problem pb;

	if (!lvs_legality_problem(cmd, options, &pb))
		return 0;
	return lvs_rule_fail(&pb, lvs_cmd_names[cmd], "command", err);
}

static const char *const section_titles[] = {
	[LVS_SEC_COMMANDS] =
		"Commands:\nEither long or short options are allowed.\n",
	[LVS_SEC_SERVICE] = "virtual-service:\n",
	[LVS_SEC_OPTIONS] = "Options:\n",
	[LVS_SEC_DAEMON] = "Daemon Options:\n",
	[LVS_SEC_LVSADM] = "\nReal server (lvsadm):\n",
};

/* What follows a section: ipvsadm leaves no blank line after Options. */
static const char *const section_ends[] = {
	[LVS_SEC_COMMANDS] = "\n", [LVS_SEC_SERVICE] = "\n",
	[LVS_SEC_OPTIONS] = "",	   [LVS_SEC_DAEMON] = "",
	[LVS_SEC_LVSADM] = "",
};

void lvs_print_usage(FILE *out, const char *prog, const char *version,
		     bool ipvsadm)
{
	static const char *const own[] = {
		"--add-vip|--delete-vip addr[,addr...] [--interface name]",
		"--list-vips [--interface name]",
		"--check [vip[,vip...]] [--json] [--probe [--probe-timeout seconds] [--probe-port port]]",
		"--arp-strict [on|off]",
		"-R [--sync [--drain [--graceful seconds]]] [--dry-run] [file]",
		"-d virtual-service -r server-address --graceful seconds",
	};
	static const char *const synopsis[] = {
		"-A|E virtual-service [-s scheduler] [-p [timeout]] [-M netmask] [--pe persistence_engine] [-b sched-flags]",
		"-D virtual-service",
		"-C",
		"-R",
		"-S [-n]",
		"-a|e virtual-service -r server-address [options]",
		"-d virtual-service -r server-address",
		"-L|l [virtual-service] [options]",
		"-Z [virtual-service]",
		"--set tcp tcpfin udp",
		"--start-daemon {master|backup} [daemon-options]",
		"--stop-daemon {master|backup}",
		"-h",
	};

	size_t n = sizeof(synopsis) / sizeof(synopsis[0]);

	fprintf(out, "%s\nUsage:\n", version);
	for (size_t i = 0; i < n - 1; i++)
		fprintf(out, "  %s %s\n", prog, synopsis[i]);
	for (size_t i = 0; !ipvsadm && i < sizeof(own) / sizeof(own[0]); i++)
		fprintf(out, "  %s %s\n", prog, own[i]);
	fprintf(out, "  %s %s\n", prog, synopsis[n - 1]);
	fputc('\n', out);
	for (int sec = LVS_SEC_COMMANDS;
	     sec <= (ipvsadm ? LVS_SEC_DAEMON : LVS_SEC_LVSADM); sec++) {
		fputs(section_titles[sec], out);
		for (size_t i = 0; i < lvs_num_options; i++)
			if (lvs_options[i].section == (enum lvs_section)sec &&
			    lvs_options[i].help)
				fprintf(out, "%s\n", lvs_options[i].help);
		fputs(section_ends[sec], out);
	}
}

const struct lvs_option *lvs_command_option(enum lvs_cmd_kind cmd)
{
	for (size_t i = 0; i < lvs_num_options; i++)
		if (lvs_options[i].cmd == cmd)
			return &lvs_options[i];
	return NULL;
}

void lvs_option_spelling(const struct lvs_option *o, char *buf, size_t size)
{
	if (o->shortname && o->longname)
		snprintf(buf, size, "-%c (--%s)", o->shortname, o->longname);
	else if (o->longname)
		snprintf(buf, size, "--%s", o->longname);
	else
		snprintf(buf, size, "-%c", o->shortname);
}

/*
 * Edits (insertions, deletions, substitutions, swaps of neighbours) from
 * @a to @b, or more than @limit when that is all there is to know.
 */
static size_t edit_distance(const char *a, const char *b, size_t limit)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t d[3][64], *prev2 = d[0], *prev = d[1], *row = d[2];

	if (la >= 63 || lb >= 63)
		return limit + 1;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t *t;

		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t best = prev[j - 1] + cost;

			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			row[j] = best;
		}
		t = prev2;
		prev2 = prev;
		prev = row;
		row = t;
	}
	return prev[lb];
}

size_t lvs_options_near(const char *word, const struct lvs_option **out,
			size_t max)
{
	char name[64];
	size_t len, limit, n = 0;

	/* "--weight=3" and "-weight" are near misses of --weight too. */
	while (*word == '-')
		word++;
	len = strcspn(word, "=");
	if (len < 2 || len >= sizeof(name))
		return 0;
	memcpy(name, word, len);
	name[len] = '\0';
	limit = len < 6 ? 1 : 2;
	for (size_t d = 0; d <= limit && n < max; d++)
		for (size_t i = 0; i < lvs_num_options && n < max; i++) {
			const char *l = lvs_options[i].longname;
			bool seen = false;
			size_t dist;

			if (!l)
				continue;
			/* A beginning of a name counts as one edit away. */
			dist = len >= 3 && !strncmp(l, name, len) ?
				       (strcmp(l, name) ? 1 : 0) :
				       edit_distance(name, l, limit);
			for (size_t k = 0; k < n; k++)
				seen |= !strcmp(out[k]->longname, l);
			if (dist == d && !seen)
				out[n++] = &lvs_options[i];
		}
	return n;
}
