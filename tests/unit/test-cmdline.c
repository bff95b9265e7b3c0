// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The command-line parser, driven by a table of argument lines with the
 * status and message ipvsadm 1.31 gives for each (observed on the
 * reference binary), and checks on what a good line parses to.
 */
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "cmdline.h"
#include "options.h"
#include "tap.h"

struct bad_case {
	const char *line;
	int status;
	const char *msg;
};

static const struct bad_case bad[] = {
	{ "", 255,
	  "Try `ipvsadm -h' or 'ipvsadm --help' for more information." },
	{ "-s rr", 255,
	  "Try `ipvsadm -h' or 'ipvsadm --help' for more information." },
	{ "-n -L", 255,
	  "Try `ipvsadm -h' or 'ipvsadm --help' for more information." },
	{ "--foo", 255,
	  "Try `ipvsadm -h' or 'ipvsadm --help' for more information." },
	{ "-A --foo", 255, "--foo: unknown option" },
	{ "-A -t", 255, "-t: missing argument" },
	{ "-A", 2,
	  "You need to supply the 'service-address' option for the 'add-service' command" },
	{ "-a -t 1.2.3.4:80", 2,
	  "You need to supply the 'real-server' option for the 'add-server' command" },
	{ "-A -t 1.2.3.4:80 -r 1.1.1.1", 2,
	  "Illegal 'real-server' option with the 'add-service' command" },
	{ "-D -t 1.2.3.4:80 -s rr", 2,
	  "Illegal 'scheduler' option with the 'delete-service' command" },
	{ "-C -n", 2, "Illegal 'numeric' option with the 'flush' command" },
	{ "-R -n", 2, "Illegal 'numeric' option with the 'restore' command" },
	{ "-A -t 1.2.3.4:80 -t 1.2.3.5:80", 2,
	  "multiple 'service-address' options specified" },
	{ "-A -E", 2, "invalid option `-E'" },
	{ "-A -t bad", 2, "illegal virtual server address[:port] specified" },
	{ "-A -t 1234", 2, "illegal virtual server address[:port] specified" },
	{ "-A -t [::1]", 2, "illegal virtual server address[:port] specified" },
	{ "-A -t 10.0.0.1:nosuchservice", 2,
	  "illegal virtual server address[:port] specified" },
	{ "-A -t 10.0.0.1:65536", 2,
	  "illegal virtual server address[:port] specified" },
	{ "-a -t 1.2.3.4:80 -r bad", 2,
	  "illegal real server address[:port] specified" },
	{ "-A -t 1.2.3.4:80 -p foo", 2,
	  "invalid timeout value `foo' specified" },
	{ "-A -t 1.2.3.4:80 -p 0", 2, "invalid timeout value `0' specified" },
	{ "-A -t 1.2.3.4:80 -p 2678401", 2,
	  "invalid timeout value `2678401' specified" },
	{ "-A -t 1.2.3.4:0", 2,
	  "Zero port specified for non-persistent service" },
	{ "-A -u 1.2.3.4", 2,
	  "Zero port specified for non-persistent service" },
	{ "-A -t [1.2.3.4]:80", 2,
	  "Zero port specified for non-persistent service" },
	{ "-A -t 1.2.3.4:80 -6", 2, "-6 used before -f\n" },
	{ "-A -f 0", 2, "invalid fwmark value `0' specified" },
	{ "-A -f 4294967296", 2,
	  "invalid fwmark value `4294967296' specified" },
	{ "-A -f -1", 2, "invalid fwmark value `-1' specified" },
	{ "-a -t 1.2.3.4:80 -r 1.1.1.1 -w -1", 2, "illegal weight specified" },
	{ "-a -t 1.2.3.4:80 -r 1.1.1.1 -w 2147483648", 2,
	  "illegal weight specified" },
	{ "-a -t 1.2.3.4:80 -r 1.1.1.1 -x y", 2,
	  "illegal u_threshold specified" },
	{ "-a -t 1.2.3.4:80 -r 1.1.1.1 -y -2", 2,
	  "illegal l_threshold specified" },
	{ "-A -t 1.2.3.4:80 extra", 2, "unexpected argument extra" },
	{ "-L extra", 2, "unexpected argument extra" },
	{ "-Ln -c --stats", 2, "options conflicts in the list command" },
	{ "-L --timeout --persistent-conn", 2,
	  "options conflicts in the list command" },
	{ "-L -c -t 1.2.3.4:80", 2,
	  "The option 'service-address' conflicts with the 'connection' option in the 'list' command" },
	{ "-A -t 1.2.3.4:80 -o", 2,
	  "One-Packet Scheduling is only for UDP virtual services" },
	{ "-A -t 1.2.3.4:80 -b flag-9", 2, "invalid scheduler flag `flag-9'" },
	{ "-A -t 1.2.3.4:80 -s rr -b sh-port", 2,
	  "incompatible scheduler flag `sh-port'" },
	{ "-A -t [::1]:80 -M 129", 2, "illegal ipv6 netmask specified" },
	{ "-A -t 1.2.3.4:80 -M bad.mask.", 2,
	  "illegal virtual server persistent mask specified" },
	{ "--set 1 2", 2, "--set option requires 3 timeout values" },
	{ "--set 1 2 x", 2, "invalid timeout value `x' specified" },
	{ "--start-daemon foo", 2, "illegal start-daemon parameter specified" },
	{ "--stop-daemon foo", 2, "illegal start_daemon specified" },
	{ "--start-daemon master --mcast-group 10.0.0.1", 2,
	  "invalid IPv4 mcast-group `10.0.0.1'" },
	{ "--start-daemon master --mcast-group ff::x", 2,
	  "invalid IPv6 mcast-group `ff::x'" },
	{ "--start-daemon master --syncid 256", 2, "illegal syncid specified" },
	{ "-a -t 1.2.3.4:80 -r [::2]:80", 2,
	  "Different address family is allowed only for tunneling servers" },
	{ "-a -t 1.2.3.4:80 -r 1.1.1.1 --tun-type gre", 2,
	  "Tunnel options conflict with forward method" },
	{ "-a -t 1.2.3.4:80 -r 1.1.1.1 -i --tun-type gue", 2,
	  "You need to supply the 'tun-port' option for the 'gue' tunnel type" },
	{ "-a -t 1.2.3.4:80 -r 1.1.1.1 -i --tun-type gre --tun-remcsum", 2,
	  "Illegal 'tun-remcsum' option with the 'gre' tunnel type" },
	{ "-a -t 1.2.3.4:80 -r 1.1.1.1 -i --tun-type gue --tun-port 1 --tun-csum --tun-nocsum",
	  2,
	  "The option 'tun-csum' conflicts with the 'tun-nocsum' option in the 'gue' tunnel type" },
	{ "-a -t 1.2.3.4:80 -r 1.1.1.1 -i --tun-type vxlan", 2,
	  "illegal tunnel type specified" },
	{ "lvsadm --check --probe-timeout 2", 2,
	  "--probe-timeout and --probe-port work only with --probe" },
	{ "lvsadm --check --probe-port 80", 2,
	  "--probe-timeout and --probe-port work only with --probe" },
	{ "lvsadm --check --probe --probe-timeout 0.05", 2,
	  "illegal probe-timeout '0.05': seconds from 0.1 to 60" },
	{ "lvsadm --check --probe --probe-timeout 60.001", 2,
	  "illegal probe-timeout '60.001': seconds from 0.1 to 60" },
	{ "lvsadm --check --probe --probe-timeout 1.5s", 2,
	  "illegal probe-timeout '1.5s': seconds from 0.1 to 60" },
	{ "lvsadm --check --probe --probe-timeout .5", 2,
	  "illegal probe-timeout '.5': seconds from 0.1 to 60" },
	{ "lvsadm --check --probe --probe-port 0", 2,
	  "illegal probe-port: a port from 1 to 65535" },
	/* ipvsadm 1.31 knows no --probe: popt's text. */
	{ "-L --probe", 255, "--probe: unknown option" },
	{ "-C --json", 255, "--json: unknown option" },
	{ "lvsadm --list-vips --probe-port 80", 2,
	  "--probe-port does not go with --list-vips; it goes with --check" },
	{ "lvsadm --add-vip 10.0.0.10 --json", 2,
	  "--json does not go with --add-vip; it goes with -L (--list), --list-vips or --check" },
	/*
	 * Under the name ipvsadm, lvsadm's own commands and options do not
	 * exist: ipvsadm 1.31's texts.
	 */
	{ "-d -t 1.2.3.4:80 -r 1.1.1.1 --graceful 5", 255,
	  "--graceful: unknown option" },
	{ "-R --sync --drain --graceful 5", 255, "--sync: unknown option" },
	{ "-Ln --json", 255, "--json: unknown option" },
	{ "-R --dry-run", 255, "--dry-run: unknown option" },
	{ "--add-vip 10.0.0.10", 255,
	  "Try `ipvsadm -h' or 'ipvsadm --help' for more information." },
	{ "--check", 255,
	  "Try `ipvsadm -h' or 'ipvsadm --help' for more information." },
};

/*
 * Split @line on spaces into argv with argv[0] = "ipvsadm", or "lvsadm"
 * when the line starts with that word.
 */
static int make_argv(const char *line, char *buf, size_t len, const char **argv,
		     int max)
{
	int argc = 0;
	char *save = NULL;

	argv[argc++] = "ipvsadm";
	if (!strncmp(line, "lvsadm ", 7)) {
		argv[0] = "lvsadm";
		line += 7;
	}
	snprintf(buf, len, "%s", line);
	for (char *w = strtok_r(buf, " ", &save); w && argc < max;
	     w = strtok_r(NULL, " ", &save))
		argv[argc++] = w;
	argv[argc] = NULL;
	return argc;
}

static int parse(const char *line, struct lvs_cmd *cmd, struct lvs_err *err)
{
	char buf[512];
	const char *argv[64];
	int argc = make_argv(line, buf, sizeof(buf), argv, 63);

	memset(err, 0, sizeof(*err));
	return lvs_parse_args(argc, argv, false, cmd, err);
}

static void test_bad_lines(void)
{
	struct lvs_cmd cmd;
	struct lvs_err err;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int r = parse(bad[i].line, &cmd, &err);

		tap_ok(r == -1 && err.status == bad[i].status,
		       "'%s' fails with status %d (got %d, %d)", bad[i].line,
		       bad[i].status, r, err.status);
		tap_str(err.msg, bad[i].msg, bad[i].line);
	}
}

static void expect_ok(const char *line, struct lvs_cmd *cmd)
{
	struct lvs_err err;
	int r = parse(line, cmd, &err);

	tap_ok(r == 0, "'%s' parses%s%s", line, r ? ": " : "",
	       r ? err.msg : "");
}

static uint32_t ip4(const char *s)
{
	struct in_addr a;

	inet_pton(AF_INET, s, &a);
	return a.s_addr;
}

static void test_good_lines(void)
{
	struct lvs_cmd c;

	expect_ok("-A -t 10.0.0.10:80 -s rr", &c);
	tap_ok(c.kind == LVS_CMD_ADD && c.svc.af == AF_INET &&
		       c.svc.protocol == IPPROTO_TCP && c.svc.port == 80 &&
		       c.svc.addr.v4.s_addr == ip4("10.0.0.10") &&
		       !strcmp(c.svc.sched, "rr") && c.svc.flags == 0,
	       "-A fills the TCP service and scheduler");

	expect_ok("-A -t 10.0.0.10:80", &c);
	tap_ok(!strcmp(c.svc.sched, "wlc"), "the default scheduler is wlc");
	expect_ok("-E -u 10.0.0.10:53", &c);
	tap_ok(c.kind == LVS_CMD_EDIT && c.svc.protocol == IPPROTO_UDP &&
		       !strcmp(c.svc.sched, "wlc"),
	       "-E without -s resets the scheduler to wlc");

	expect_ok("-A -t 10.0.0.10:80 -p", &c);
	tap_ok((c.svc.flags & IP_VS_SVC_F_PERSISTENT) && c.svc.timeout == 360,
	       "-p alone means 360 seconds");
	expect_ok("-A -t 10.0.0.10:80 -p 100 -s sh", &c);
	tap_ok(c.svc.timeout == 100 && !strcmp(c.svc.sched, "sh"),
	       "-p takes an optional timeout");
	expect_ok("-A -t 10.0.0.10:0 -p", &c);
	tap_ok(c.svc.port == 0, "a persistent service may have port 0");
	/* The plain dotted form and the forms only inet_aton() reads. */
	expect_ok("-A -t 010.0.0.1:0080", &c);
	tap_ok(c.svc.addr.v4.s_addr == ip4("8.0.0.1") && c.svc.port == 80,
	       "a leading zero is octal, as inet_aton() reads it");
	expect_ok("-A -t 10.1:80", &c);
	tap_ok(c.svc.addr.v4.s_addr == ip4("10.0.0.1"), "10.1 is 10.0.0.1");
	expect_ok("-A -t 255.255.255.254:65535", &c);
	tap_ok(c.svc.addr.v4.s_addr == ip4("255.255.255.254") &&
		       c.svc.port == 65535,
	       "a plain dotted address and port");
	expect_ok("-A -t 10.0.0.10:http", &c);
	tap_ok(c.svc.port == 80, "service names are looked up");
	expect_ok("-A -t 10.0.0.10:80 -M 255.255.255.0 -p", &c);
	tap_ok(c.svc.netmask == ip4("255.255.255.0"), "-M takes a netmask");
	expect_ok("-A -t [2001:db8::1]:443", &c);
	tap_ok(c.svc.af == AF_INET6 && c.svc.port == 443 &&
		       c.svc.netmask == 128,
	       "IPv6 services are written in brackets");
	expect_ok("-A -f 4294967295 -6", &c);
	tap_ok(c.svc.fwmark == 4294967295U && c.svc.af == AF_INET6,
	       "fwmarks go up to 2^32-1, and -6 follows -f");
	expect_ok("-A -u 10.0.0.10:53 -o -s sh -b sh-port,sh-fallback", &c);
	tap_ok((c.svc.flags & IP_VS_SVC_F_ONEPACKET) &&
		       (c.svc.flags & IP_VS_SVC_F_SCHED_SH_PORT) &&
		       (c.svc.flags & IP_VS_SVC_F_SCHED_SH_FALLBACK),
	       "-o and -b set service flags");

	expect_ok("-a -t 10.0.0.10:80 -r 10.0.0.2:8080 -g -w 5", &c);
	tap_ok(c.kind == LVS_CMD_ADDDEST && c.dest.port == 80 &&
		       c.dest.fwd == IP_VS_CONN_F_DROUTE &&
		       c.dest.weight == 5 &&
		       c.dest.addr.v4.s_addr == ip4("10.0.0.2"),
	       "direct routing forces the service port");
	expect_ok("-a -t 10.0.0.10:80 -r 10.0.0.2:8080 -m", &c);
	tap_ok(c.dest.port == 8080 && c.dest.fwd == IP_VS_CONN_F_MASQ,
	       "masquerading keeps the real server's port");
	expect_ok("-a -t 10.0.0.10:80 -r 10.0.0.2", &c);
	tap_ok(c.dest.weight == 1 && c.dest.fwd == IP_VS_CONN_F_DROUTE,
	       "the defaults are weight 1 and direct routing");
	expect_ok("-d -r 10.0.0.2 -t 10.0.0.10:80", &c);
	tap_ok(c.dest.port == 0,
	       "-r before -t takes the service port known so far");
	expect_ok("-a -t 10.0.0.10:80 -r 10.0.0.2 -w 2147483647 -x 10 -y 5",
		  &c);
	tap_ok(c.dest.weight == 2147483647 && c.dest.u_thresh == 10 &&
		       c.dest.l_thresh == 5,
	       "weight and thresholds");
	expect_ok(
		"-a -t 10.0.0.10:80 -r 10.0.0.2 -i --tun-type gue --tun-port 6080 --tun-csum",
		&c);
	tap_ok(c.dest.tun_type == IP_VS_CONN_F_TUNNEL_TYPE_GUE &&
		       c.dest.tun_port == 6080 &&
		       c.dest.tun_flags == IP_VS_TUNNEL_ENCAP_FLAG_CSUM,
	       "gue tunnel options");

	expect_ok("-Ln", &c);
	tap_ok(c.kind == LVS_CMD_LIST && c.format == LVS_FMT_NUMERIC,
	       "-Ln lists numerically");
	expect_ok("-l --stats --exact --nosort", &c);
	tap_ok(c.format == (LVS_FMT_STATS | LVS_FMT_EXACT | LVS_FMT_NOSORT),
	       "list formats combine");
	expect_ok("-S -n", &c);
	tap_ok(c.kind == LVS_CMD_SAVE && c.format == LVS_FMT_NUMERIC, "-S -n");
	expect_ok("--set 900 120 300", &c);
	tap_ok(c.kind == LVS_CMD_TIMEOUT && c.timeout.tcp == 900 &&
		       c.timeout.tcp_fin == 120 && c.timeout.udp == 300,
	       "--set takes three timeouts");
	expect_ok("--start-daemon backup --mcast-interface eth1 --syncid 7",
		  &c);
	tap_ok(c.kind == LVS_CMD_STARTDAEMON &&
		       c.daemon.state == IP_VS_STATE_BACKUP &&
		       !strcmp(c.daemon.mcast_ifn, "eth1") &&
		       c.daemon.syncid == 7,
	       "--start-daemon and its options");
	expect_ok("--start-daemon master", &c);
	tap_ok(!strcmp(c.daemon.mcast_ifn, "eth0"),
	       "the default sync interface is eth0");
	expect_ok("-h --bogus", &c);
	tap_ok(c.kind == LVS_CMD_HELP, "-h ends parsing at once");

	expect_ok("lvsadm --check", &c);
	tap_ok(c.kind == LVS_CMD_CHECK && !c.vip.probe && !c.vip.n &&
		       !(c.format & LVS_FMT_JSON),
	       "--check alone: no probe, no VIP, text");
	expect_ok("lvsadm --check --probe", &c);
	tap_ok(c.vip.probe && c.vip.probe_ms == 1000 && !c.vip.probe_port,
	       "--probe waits 1 s by default");
	lvs_cmd_free(&c);
	expect_ok(
		"lvsadm --check 10.0.0.10 --json --probe --probe-timeout 0.25 --probe-port 8080",
		&c);
	tap_ok(c.vip.n == 1 && (c.format & LVS_FMT_JSON) &&
		       c.vip.probe_ms == 250 && c.vip.probe_port == 8080,
	       "--check VIP --json --probe with a timeout and a port");
	lvs_cmd_free(&c);
	expect_ok("lvsadm --check --probe --probe-timeout 60", &c);
	tap_ok(c.vip.probe_ms == 60000, "--probe-timeout 60 is the largest");
}

/* --graceful under the name lvsadm: its value, and where it may go. */
static void test_graceful(void)
{
	static const struct {
		const char *line;
		int status;
		uint32_t seconds;
	} cases[] = {
		{ "-d -t 10.0.0.1:80 -r 10.0.0.2 --graceful 30", 0, 30 },
		{ "-d -t 10.0.0.1:80 -r 10.0.0.2 --graceful 0", 0, 0 },
		{ "-d -t 10.0.0.1:80 -r 10.0.0.2 --graceful 2678400", 0,
		  2678400 },
		{ "-R --sync --drain --graceful 60", 0, 60 },
		{ "-d -t 10.0.0.1:80 -r 10.0.0.2 --graceful -1", 2, 0 },
		{ "-d -t 10.0.0.1:80 -r 10.0.0.2 --graceful 2678401", 2, 0 },
		{ "-e -t 10.0.0.1:80 -r 10.0.0.2 --graceful 5", 2, 0 },
		{ "-R --sync --graceful 5", 2, 0 },
		{ "-R --sync --drain --dry-run --graceful 5", 2, 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct lvs_cmd c;
		struct lvs_err err = { 0 };
		char buf[512];
		const char *argv[64];
		int argc = make_argv(cases[i].line, buf, sizeof(buf), argv, 63);
		int r;

		argv[0] = "lvsadm";
		r = lvs_parse_args(argc, argv, false, &c, &err);
		if (cases[i].status) {
			tap_ok(r == -1 && err.status == cases[i].status,
			       "lvsadm '%s' fails with status %d (got %d)",
			       cases[i].line, cases[i].status, err.status);
			continue;
		}
		tap_ok(!r && c.graceful == cases[i].seconds &&
			       (c.options & LVS_OPTBIT(LVS_OPT_GRACEFUL)),
		       "lvsadm '%s' waits %u s", cases[i].line,
		       cases[i].seconds);
		if (!r)
			lvs_cmd_free(&c);
	}
}

/* The tables the parser is derived from must be well formed. */
static void test_tables(void)
{
	bool legal_ok = true, help_ok = true, unique = true;

	for (int c = 0; c < LVS_NUM_OPTCLASSES; c++) {
		const char *l = lvs_optclasses[c].legal;

		if (!lvs_optclasses[c].name || strlen(l) != LVS_NUM_CMDS ||
		    strspn(l, "+x1 ") != strlen(l))
			legal_ok = false;
	}
	for (size_t i = 0; i < lvs_num_options; i++) {
		const struct lvs_option *o = &lvs_options[i];

		if (o->section != LVS_SEC_HIDDEN && !o->help)
			help_ok = false;
		for (size_t j = 0; j < i; j++)
			if (o->shortname &&
			    o->shortname == lvs_options[j].shortname)
				unique = false;
	}
	tap_ok(legal_ok, "every option class has a legality rule per command");
	tap_ok(help_ok, "every listed option has help text");
	tap_ok(unique, "short option letters are unique");
}

/* A row that a generic setter serves names a field it can fill. */
static bool val_ok(const struct lvs_option *o)
{
	const struct lvs_optval *v = &o->val;
	bool in_cmd = v->field + v->size <= sizeof(struct lvs_cmd);
	bool word = v->size == 1 || v->size == 2 || v->size == 4;

	if (o->set == lvs_set_number)
		return in_cmd && word && v->msg && 0 <= v->min &&
		       v->min <= v->max &&
		       (unsigned long)v->max >> (8 * v->size - 1) <= 1;
	if (o->set == lvs_set_value || o->set == lvs_set_bits)
		return in_cmd && word && v->value >> (8 * v->size - 1) <= 1;
	if (o->set == lvs_set_name)
		return in_cmd && v->size > 1;
	if (o->set == lvs_set_daemon)
		return v->msg != NULL;
	return true;
}

static void test_values(void)
{
	for (size_t i = 0; i < lvs_num_options; i++)
		tap_ok(val_ok(&lvs_options[i]),
		       "--%s: its value fits its field",
		       lvs_options[i].longname);
}

/* Lines in every form -S writes, and in forms only popt reads. */
static const char *const both_ways[] = {
	"-A -t 10.0.0.1:80 -s rr",
	"-A -t 10.0.0.1:80 -s wrr -p 300 -M 255.255.255.0",
	"-A -t 10.0.0.1:80 -p",
	"-A -t 10.0.0.1:80 -p -s sh -b sh-port,sh-fallback",
	"-A -t 10.0.0.1:80 -s rr -p",
	"-A -u 10.0.0.1:53 -s lc -o",
	"-A --sctp-service 10.0.0.1:9 -s mh -b mh-port",
	"-A -f 7 -s wlc",
	"-A -f 7 -6 -s wlc -p 60 -M 64",
	"-A -t [2001:db8::1]:80 -s rr --pe sip",
	"--add-service --tcp-service 10.0.0.1:80 --scheduler rr --persistent 5",
	"-E -t 10.0.0.1:80 -s wrr",
	"-D -t 10.0.0.1:80",
	"-a -t 10.0.0.1:80 -r 192.168.0.1:80 -g -w 1",
	"-a -t 10.0.0.1:80 -r 192.168.0.1 -m -w 0 -x 100 -y 50",
	"-a -t 10.0.0.1:80 -r 192.168.0.1 -i --tun-type gue --tun-port 6080 --tun-remcsum",
	"-a -t 10.0.0.1:80 -r 192.168.0.1 -i --tun-type gre --tun-csum",
	"-a -f 7 -r [2001:db8::2]:80 -g -w 3",
	"--add-server --tcp-service 10.0.0.1:80 --real-server 192.168.0.1:80 --gatewaying --weight 2",
	"-e -t 10.0.0.1:80 -r 192.168.0.1:80 -w 5",
	"-d -t 10.0.0.1:80 -r 192.168.0.1:80",
	"-C",
	"-Z",
	"-Z -t 10.0.0.1:80",
	"--set 900 120 300",
	"--start-daemon master --mcast-interface eth0 --syncid 3",
	"--start-daemon backup --mcast-interface eth0 --mcast-group 224.0.0.81 --mcast-port 8848 --mcast-ttl 2 --sync-maxlen 1400",
	"--stop-daemon master",
	"--add-vip 10.0.0.1,10.0.0.2",
	"--add-vip 10.0.0.1 --interface lo",
	"-L -n",
	"-Ln",
	"-a -t 10.0.0.1:80 -r 192.168.0.1 -w1",
	"-a -t 10.0.0.1:80 -r 192.168.0.1 --weight=4",
	"-a -t 10.0.0.1:80 -r 192.168.0.1 -w -1",
	"-A -t 10.0.0.1:80 -s",
	"-A -t 10.0.0.1:80 extra",
	"-A -t 10.0.0.1:80 -s rr -s wrr",
	"-A -t 10.0.0.1:80 -a",
	"-A -t 10.0.0.1:80 -p 0",
	"-A -t 10.0.0.1:80 -r 192.168.0.1",
	"-a -t 10.0.0.1:80 -r 192.168.0.1 -g -i",
	"-s rr -A -t 10.0.0.1:80",
	"-h",
	"-R",
	"--set 900 120",
	"-d -t 10.0.0.1:80 -r 192.168.0.1:80 --graceful 5",
};

/*
 * lvs_parse_args() reads plain vectors itself: whatever the line, it must
 * find what popt finds, in a rules file and on the command line.
 */
static void test_plain_reader(void)
{
	for (size_t i = 0; i < sizeof(both_ways) / sizeof(both_ways[0]); i++) {
		for (int in_file = 0; in_file < 2; in_file++) {
			struct lvs_cmd a, b;
			struct lvs_err ea = { 0 }, eb = { 0 };
			char buf[512];
			const char *argv[64];
			int argc = make_argv(both_ways[i], buf, sizeof(buf),
					     argv, 63);
			int ra = lvs_parse_args(argc, argv, in_file, &a, &ea);
			int rb = lvs_parse_args_popt(argc, argv, in_file, &b,
						     &eb);
			bool same = ra == rb;

			if (same && ra) {
				same = ea.status == eb.status &&
				       !strcmp(ea.msg, eb.msg);
			} else if (same) {
				struct lvs_vip *va = a.vip.vips,
					       *vb = b.vip.vips;

				same = a.vip.n == b.vip.n &&
				       (!a.vip.n ||
					!memcmp(va, vb, a.vip.n * sizeof(*va)));
				/* All else compares byte for byte. */
				a.vip.vips = b.vip.vips = NULL;
				same = same && !memcmp(&a, &b, sizeof(a));
				a.vip.vips = va;
				b.vip.vips = vb;
				lvs_cmd_free(&a);
				lvs_cmd_free(&b);
			}
			tap_ok(same, "'%s'%s: as popt reads it", both_ways[i],
			       in_file ? " in a file" : "");
		}
	}
}

int main(void)
{
	test_bad_lines();
	test_good_lines();
	test_graceful();
	test_tables();
	test_values();
	test_plain_reader();
	return tap_done();
}
