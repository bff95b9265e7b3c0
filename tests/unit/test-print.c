// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The printers, on synthetic tables: every list format, the save format,
 * the K/M/G/T scaling and --exact widths (no test traffic reaches such
 * counters), and the ordering with ipvsadm's comparator overflow fixed.
 */
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <jansson.h>

#include "model.h"
#include "output.h"
#include "print.h"
#include "tap.h"

static char *buf;
static size_t buflen;

static FILE *capture(void)
{
	free(buf);
	buf = NULL;
	return open_memstream(&buf, &buflen);
}

static const char *captured(FILE *f)
{
	fclose(f);
	return buf;
}

static struct lvs_service_entry *tcp_service(struct lvs_table *t,
					     const char *addr, uint16_t port,
					     const char *sched)
{
	struct lvs_service_entry *e = lvs_table_add(t);

	e->svc.af = AF_INET;
	e->svc.protocol = IPPROTO_TCP;
	inet_pton(AF_INET, addr, &e->svc.addr.v4);
	e->svc.port = port;
	snprintf(e->svc.sched, sizeof(e->svc.sched), "%s", sched);
	e->svc.netmask = 0xffffffff;
	return e;
}

static struct lvs_dest_entry *add_dest(struct lvs_service_entry *e,
				       const char *addr, uint16_t port,
				       uint32_t fwd, int weight)
{
	struct lvs_dest_entry *d = lvs_service_add_dest(e);

	d->dest.af = AF_INET;
	inet_pton(AF_INET, addr, &d->dest.addr.v4);
	d->dest.port = port;
	d->dest.fwd = fwd;
	d->dest.weight = weight;
	return d;
}

static const char *print_all(struct lvs_table *t, unsigned int format)
{
	FILE *f = capture();

	lvs_print_title(f, format);
	for (size_t i = 0; i < t->n_svcs; i++)
		lvs_print_service(f, &t->svcs[i], format);
	return captured(f);
}

/* The title of -L -n. */
#define LIST_TITLE                                 \
	"Prot LocalAddress:Port Scheduler Flags\n" \
	"  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n"

/*
 * @t listed with -Ln is the title and then @rows, and saved with -Sn it is
 * @rules; @list_name and @save_name name the two checks.
 */
static void check_list_save(struct lvs_table *t, const char *rows,
			    const char *list_name, const char *rules,
			    const char *save_name)
{
	char want[1024];

	snprintf(want, sizeof(want), "%s%s", LIST_TITLE, rows);
	tap_str(print_all(t, LVS_FMT_NUMERIC), want, list_name);
	tap_str(print_all(t, LVS_FMT_NUMERIC | LVS_FMT_RULE), rules, save_name);
}

static void test_default_and_save(void)
{
	struct lvs_table t = { 0 };
	struct lvs_service_entry *e = tcp_service(&t, "10.0.0.10", 80, "rr");
	struct lvs_info info = { .version = 0x010201, .conn_tab_size = 4096 };
	FILE *f;

	add_dest(e, "10.0.0.2", 80, IP_VS_CONN_F_DROUTE, 1);
	add_dest(e, "10.0.0.3", 80, IP_VS_CONN_F_DROUTE, 2)->activeconns = 7;

	f = capture();
	lvs_print_header(f, &info);
	tap_str(captured(f), "IP Virtual Server version 1.2.1 (size=4096)\n",
		"version header");

	check_list_save(
		&t,
		"TCP  10.0.0.10:80 rr\n"
		"  -> 10.0.0.2:80                  Route   1      0          0         \n"
		"  -> 10.0.0.3:80                  Route   2      7          0         \n",
		"-Ln, default format with trailing spaces",
		"-A -t 10.0.0.10:80 -s rr\n"
		"-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 1\n"
		"-a -t 10.0.0.10:80 -r 10.0.0.3:80 -g -w 2\n",
		"-Sn, save format");

	e->svc.flags = IP_VS_SVC_F_PERSISTENT | IP_VS_SVC_F_ONEPACKET;
	e->svc.protocol = IPPROTO_UDP;
	e->svc.timeout = 360;
	inet_pton(AF_INET, "255.255.255.0", &e->svc.netmask);
	snprintf(e->svc.pe, sizeof(e->svc.pe), "sip");
	e->n_dests = 0;
	check_list_save(
		&t,
		"UDP  10.0.0.10:80 rr persistent 360 mask 255.255.255.0 pe sip ops\n",
		"persistence, mask, pe and ops in the list",
		"-A -u 10.0.0.10:80 -s rr -p 360 -M 255.255.255.0 --pe sip -o\n",
		"persistence, mask, pe and ops saved");
	lvs_table_free(&t);
}

static void test_flags_fwmark_ipv6(void)
{
	struct lvs_table t = { 0 };
	struct lvs_service_entry *e = lvs_table_add(&t);
	struct lvs_dest_entry *d;

	e->svc.af = AF_INET6;
	e->svc.fwmark = 3000000000U;
	e->svc.netmask = 64;
	e->svc.flags = IP_VS_SVC_F_PERSISTENT | IP_VS_SVC_F_SCHED_SH_PORT;
	e->svc.timeout = 60;
	snprintf(e->svc.sched, sizeof(e->svc.sched), "sh");
	check_list_save(
		&t, "FWM  3000000000 IPv6 sh (sh-port) persistent 60 mask 64\n",
		"fwmarks print unsigned, IPv6 prefix masks, sh flags",
		"-A -f 3000000000 -6 -s sh -p 60 -M 64 -b sh-port\n",
		"fwmark IPv6 service saved");

	lvs_table_free(&t);

	e = tcp_service(&t, "0.0.0.0", 443, "wlc");
	e->svc.af = AF_INET6;
	inet_pton(AF_INET6, "2001:db8::10", &e->svc.addr.v6);
	e->svc.flags = IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED3;
	d = lvs_service_add_dest(e);
	d->dest.af = AF_INET6;
	inet_pton(AF_INET6, "2001:db8::2", &d->dest.addr.v6);
	d->dest.port = 443;
	d->dest.fwd = IP_VS_CONN_F_MASQ;
	d->dest.weight = 0;
	check_list_save(
		&t,
		"TCP  [2001:db8::10]:443 wlc (flag-1,flag-3)\n"
		"  -> [2001:db8::2]:443            Masq    0      0          0         \n",
		"IPv6 addresses in brackets, generic flags",
		"-A -t [2001:db8::10]:443 -s wlc -b flag-1,flag-3\n"
		"-a -t [2001:db8::10]:443 -r [2001:db8::2]:443 -m -w 0\n",
		"IPv6 service saved");

	/* Without -n: a name for the port, but never "[name]:port". */
	inet_pton(AF_INET6, "::1", &e->svc.addr.v6);
	e->svc.port = 80;
	e->n_dests = 0;
	tap_str(print_all(&t, LVS_FMT_RULE),
		"-A -t [::1]:http -s wlc -b flag-1,flag-3\n",
		"IPv6 hosts stay numeric in saved rules, ports get names");
	lvs_table_free(&t);
}

static void test_numbers(void)
{
	static const struct {
		uint64_t n;
		unsigned int format;
		const char *want;
	} cases[] = {
		{ 0, 0, "        0" },
		{ 99999999ULL, 0, " 99999999" },
		{ 100000000ULL, 0, "  100000K" },
		{ 999999999ULL, 0, "  999999K" },
		{ 1000000000ULL, 0, "    1000M" },
		{ 99999999999ULL, 0, "   99999M" },
		{ 100000000000ULL, 0, "     100G" },
		{ 99999999999999ULL, 0, "   99999G" },
		{ 100000000000000ULL, 0, "     100T" },
		{ 18446744073709551615ULL, 0, "18446744T" },
		{ 123, LVS_FMT_EXACT, "      123" },
		{ 12345678, LVS_FMT_EXACT, " 12345678" },
		{ 123456789, LVS_FMT_EXACT, " 123456789" },
		{ 1234567890123ULL, LVS_FMT_EXACT, " 1234567890123" },
	};

	for (size_t i = 0; i < TAP_COUNT(cases); i++) {
		char name[64];
		FILE *f = capture();

		lvs_print_number(f, cases[i].n, cases[i].format);
		snprintf(name, sizeof(name), "number %llu%s",
			 (unsigned long long)cases[i].n,
			 cases[i].format ? " exact" : "");
		tap_str(captured(f), cases[i].want, name);
	}
}

static void test_stat_formats(void)
{
	struct lvs_table t = { 0 };
	struct lvs_service_entry *e = tcp_service(&t, "10.0.0.10", 80, "wrr");
	struct lvs_dest_entry *d;

	e->stats = (struct lvs_stats){ .conns = 5,
				       .inpkts = 123456789,
				       .outpkts = 0,
				       .inbytes = 10000000000ULL,
				       .outbytes = 1,
				       .cps = 2,
				       .inpps = 3,
				       .outpps = 4,
				       .inbps = 1000000000ULL,
				       .outbps = 6 };
	d = add_dest(e, "10.0.0.2", 80, IP_VS_CONN_F_DROUTE, 3);
	d->stats = (struct lvs_stats){ .conns = 5000000000ULL,
				       .inpkts = 1,
				       .cps = 300000000,
				       .inbps = 7,
				       .outbps = 200000000 };
	d->dest.u_thresh = 100;
	d->dest.l_thresh = 50;
	d->activeconns = 4;
	d->inactconns = 9;
	d->persistconns = 2;

	tap_str(print_all(&t, LVS_FMT_NUMERIC | LVS_FMT_STATS),
		"Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n"
		"  -> RemoteAddress:Port\n"
		"TCP  10.0.0.10:80                        5  123456K        0   10000M        1\n"
		"  -> 10.0.0.2:80                     5000M        1        0        0        0\n",
		"--stats, scaled, 64-bit destination counters");
	tap_str(print_all(&t, LVS_FMT_NUMERIC | LVS_FMT_STATS | LVS_FMT_EXACT),
		"Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n"
		"  -> RemoteAddress:Port\n"
		"TCP  10.0.0.10:80                        5 123456789        0 10000000000        1\n"
		"  -> 10.0.0.2:80                  5000000000        1        0        0        0\n",
		"--stats --exact");
	tap_str(print_all(&t, LVS_FMT_NUMERIC | LVS_FMT_RATE),
		"Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS\n"
		"  -> RemoteAddress:Port\n"
		"TCP  10.0.0.10:80                        2        3        4    1000M        6\n"
		"  -> 10.0.0.2:80                  300000000        0        0        7  200000K\n",
		"--rate: destination packet rates are never scaled");
	tap_str(print_all(&t, LVS_FMT_NUMERIC | LVS_FMT_THRESHOLDS),
		"Prot LocalAddress:Port            Uthreshold Lthreshold ActiveConn InActConn \n"
		"  -> RemoteAddress:Port\n"
		"TCP  10.0.0.10:80 wrr\n"
		"  -> 10.0.0.2:80                  100        50         4          9         \n",
		"--thresholds");
	tap_str(print_all(&t, LVS_FMT_NUMERIC | LVS_FMT_PERSISTENTCONN),
		"Prot LocalAddress:Port            Weight    PersistConn ActiveConn InActConn \n"
		"  -> RemoteAddress:Port\n"
		"TCP  10.0.0.10:80 wrr\n"
		"  -> 10.0.0.2:80                  3         2           4          9         \n",
		"--persistent-conn");
	tap_str(print_all(&t, LVS_FMT_NUMERIC | LVS_FMT_RULE),
		"-A -t 10.0.0.10:80 -s wrr\n"
		"-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 3 -x 100 -y 50\n",
		"thresholds are saved");
	d->dest.l_thresh = 0;
	tap_str(print_all(&t, LVS_FMT_NUMERIC | LVS_FMT_RULE),
		"-A -t 10.0.0.10:80 -s wrr\n"
		"-a -t 10.0.0.10:80 -r 10.0.0.2:80 -g -w 3 -x 100\n",
		"only the thresholds that are set are saved");

	d->dest.fwd = IP_VS_CONN_F_TUNNEL;
	d->dest.tun_type = IP_VS_CONN_F_TUNNEL_TYPE_GUE;
	d->dest.tun_port = 6080;
	d->dest.tun_flags = IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM;
	tap_str(print_all(&t, LVS_FMT_NUMERIC | LVS_FMT_TUN_INFO),
		"Prot LocalAddress:Port Scheduler Flags\n"
		"  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn\n"
		"TCP  10.0.0.10:80 wrr\n"
		"  -> 10.0.0.2:80                  Tunnel  gue:6080:r+c  3      4          9         \n",
		"--tun-info");
	tap_str(print_all(&t, LVS_FMT_NUMERIC | LVS_FMT_RULE),
		"-A -t 10.0.0.10:80 -s wrr\n"
		"-a -t 10.0.0.10:80 -r 10.0.0.2:80 -i -w 3 -x 100 --tun-type gue --tun-port 6080 --tun-remcsum\n",
		"gue tunnel saved");
	lvs_table_free(&t);
}

static void test_sorting(void)
{
	struct lvs_table t = { 0 };
	struct lvs_service_entry *e;

	tcp_service(&t, "200.0.0.1", 80, "rr");
	tcp_service(&t, "10.0.0.1", 443, "rr");
	tcp_service(&t, "10.0.0.1", 80, "rr");
	e = lvs_table_add(&t);
	e->svc.af = AF_INET;
	e->svc.fwmark = 4000000000U;
	snprintf(e->svc.sched, sizeof(e->svc.sched), "wlc");
	e = lvs_table_add(&t);
	e->svc.af = AF_INET;
	e->svc.fwmark = 5;
	snprintf(e->svc.sched, sizeof(e->svc.sched), "wlc");
	e = &t.svcs[0];
	add_dest(e, "250.1.1.1", 80, IP_VS_CONN_F_DROUTE, 1);
	add_dest(e, "10.1.1.1", 80, IP_VS_CONN_F_DROUTE, 1);
	lvs_table_sort(&t);
	for (size_t i = 0; i < t.n_svcs; i++)
		lvs_service_sort_dests(&t.svcs[i]);
	tap_str(print_all(&t, LVS_FMT_NUMERIC | LVS_FMT_RULE),
		"-A -t 10.0.0.1:80 -s rr\n"
		"-A -t 10.0.0.1:443 -s rr\n"
		"-A -t 200.0.0.1:80 -s rr\n"
		"-a -t 200.0.0.1:80 -r 10.1.1.1:80 -g -w 1\n"
		"-a -t 200.0.0.1:80 -r 250.1.1.1:80 -g -w 1\n"
		"-A -f 5 -s wlc\n"
		"-A -f 4000000000 -s wlc\n",
		"sorted by fwmark, address, port; no overflow past 2^31");
	lvs_table_free(&t);
}

static void test_daemons_timeout(void)
{
	struct lvs_daemon d[2] = { 0 };
	struct lvs_timeout to = { 900, 120, 300 };
	FILE *f = capture();

	lvs_print_timeout(f, &to);
	tap_str(captured(f), "Timeout (tcp tcpfin udp): 900 120 300\n",
		"--timeout");
	d[0].state = IP_VS_STATE_MASTER;
	snprintf(d[0].mcast_ifn, sizeof(d[0].mcast_ifn), "eth0");
	d[0].syncid = 7;
	d[0].sync_maxlen = 1472;
	d[0].mcast_af = AF_INET;
	inet_pton(AF_INET, "224.0.0.81", &d[0].mcast_group.v4);
	d[0].mcast_port = 8848;
	d[0].mcast_ttl = 1;
	d[1].state = IP_VS_STATE_BACKUP;
	snprintf(d[1].mcast_ifn, sizeof(d[1].mcast_ifn), "eth1");
	f = capture();
	lvs_print_daemons(f, d);
	tap_str(captured(f),
		"master sync daemon (mcast=eth0, syncid=7, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)\n"
		"backup sync daemon (mcast=eth1, syncid=0)\n",
		"--daemon");
}

/* --json: exact integers, fields apart, strings encoded, always valid. */
static void test_json(void)
{
	struct lvs_table t = { 0 };
	struct lvs_service_entry *e = tcp_service(&t, "10.0.0.1", 80, "wrr");
	struct lvs_service_entry *v6 = lvs_table_add(&t);
	struct lvs_dest_entry *d =
		add_dest(e, "192.168.1.2", 8080, IP_VS_CONN_F_TUNNEL, 3);
	struct lvs_info info = { .version = 0x010211, .conn_tab_size = 4096 };
	json_error_t jerr;
	json_t *doc;
	FILE *f;

	d->dest.tun_type = IP_VS_CONN_F_TUNNEL_TYPE_GUE;
	d->dest.tun_port = 6080;
	d->dest.tun_flags = 2;
	d->dest.u_thresh = 100;
	d->stats.inbytes = 1ULL << 40;
	d->activeconns = 7;
	e->stats.conns = 4000000000ULL;
	v6->svc.af = AF_INET6;
	v6->svc.fwmark = 9;
	v6->svc.netmask = 64;
	v6->svc.flags = IP_VS_SVC_F_PERSISTENT | IP_VS_SVC_F_SCHED1;
	v6->svc.timeout = 360;
	/* Not names a kernel has, but strings that need encoding. */
	snprintf(v6->svc.sched, sizeof(v6->svc.sched), "s\"h\\");
	snprintf(v6->svc.pe, sizeof(v6->svc.pe), "p\xe9\t");
	f = capture();
	lvs_json_writer.begin(f, &info, 0);
	lvs_json_writer.service(f, e, 0, true);
	lvs_json_writer.service(f, v6, 0, false);
	lvs_json_writer.end(f, 0);
	tap_str(captured(f),
		"{\"version\":\"1.2.17\",\"conn_tab_size\":4096,\"services\":["
		"{\"family\":\"inet\",\"protocol\":\"tcp\",\"address\":\"10.0.0.1\","
		"\"port\":80,\"scheduler\":\"wrr\",\"sched_flags\":[],"
		"\"persistent\":false,\"netmask\":\"255.255.255.255\","
		"\"one_packet\":false,\"stats\":{\"conns\":4000000000,\"inpkts\":0,"
		"\"outpkts\":0,\"inbytes\":0,\"outbytes\":0},\"rate\":{\"cps\":0,"
		"\"inpps\":0,\"outpps\":0,\"inbps\":0,\"outbps\":0},"
		"\"real_servers\":[{\"family\":\"inet\",\"address\":\"192.168.1.2\","
		"\"port\":8080,\"forward\":\"tunnel\",\"weight\":3,"
		"\"u_threshold\":100,\"l_threshold\":0,\"active_conns\":7,"
		"\"inactive_conns\":0,\"persistent_conns\":0,\"tunnel\":{"
		"\"type\":\"gue\",\"port\":6080,\"checksum\":\"remcsum\"},"
		"\"stats\":{\"conns\":0,\"inpkts\":0,\"outpkts\":0,"
		"\"inbytes\":1099511627776,\"outbytes\":0},\"rate\":{\"cps\":0,"
		"\"inpps\":0,\"outpps\":0,\"inbps\":0,\"outbps\":0}}]},"
		"{\"family\":\"inet6\",\"fwmark\":9,\"scheduler\":\"s\\\"h\\\\\","
		"\"sched_flags\":[\"flag-1\"],\"persistent\":true,\"timeout\":360,"
		"\"netmask\":64,\"pe\":\"p\xc3\xa9\\t\",\"one_packet\":false,"
		"\"stats\":{\"conns\":0,\"inpkts\":0,\"outpkts\":0,\"inbytes\":0,"
		"\"outbytes\":0},\"rate\":{\"cps\":0,\"inpps\":0,\"outpps\":0,"
		"\"inbps\":0,\"outbps\":0},\"real_servers\":[]}]}\n",
		"--json: a listing, field by field");
	doc = json_loads(buf, 0, &jerr);
	tap_ok(doc && json_integer_value(json_object_get(
			      json_array_get(json_object_get(doc, "services"),
					     0),
			      "port")) == 80,
	       "--json: the listing is valid JSON");
	json_decref(doc);
	lvs_table_free(&t);
}

/*
 * The lookup tables index by the low bits of lvs_hash_words(): 10,000
 * addresses that differ only in their last bytes must spread out.
 */
static void test_hash(void)
{
	static unsigned short load[16384];
	unsigned int worst = 0;

	for (uint32_t i = 0; i < 10000; i++) {
		union lvs_addr a = { 0 };
		uint32_t w[5] = { AF_INET };
		unsigned int n;

		a.v4.s_addr =
			htonl(0x0a000000U | (i / 250) << 8 | (i % 250 + 1));
		memcpy(&w[1], &a, sizeof(a));
		n = ++load[lvs_hash_words(w, 5) & 16383];
		if (n > worst)
			worst = n;
	}
	tap_ok(worst <= 8, "10,000 addresses, 16,384 slots: at most %u in one",
	       worst);
}

int main(void)
{
	test_default_and_save();
	test_flags_fwmark_ipv6();
	test_numbers();
	test_stat_formats();
	test_sorting();
	test_daemons_timeout();
	test_json();
	test_hash();
	free(buf);
	return tap_done();
}
