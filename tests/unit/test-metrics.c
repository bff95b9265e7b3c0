// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The metrics writer on synthetic tables: the integer formatter at its
 * limits, label escaping, node_exporter's labels for address and
 * firewall-mark services, one HELP and TYPE per family with its samples
 * together, and the real-server families.  promtool and the kernel's own
 * counters are checked in tests/kernel/metrics.bats.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "addr.h"
#include "metrics.h"
#include "model.h"
#include "output.h"
#include "tap.h"

static char *buf;
static size_t buflen;

static const char *fmt_u(uint64_t v)
{
	static char text[32];

	text[lvs_fmt_u64(text, v)] = '\0';
	return text;
}

static const char *fmt_i(int64_t v)
{
	static char text[32];

	text[lvs_fmt_i64(text, v)] = '\0';
	return text;
}

static void test_numbers(void)
{
	char want[32];
	uint64_t vals[] = { 0,
			    1,
			    9,
			    10,
			    99,
			    100,
			    4294967295ULL,
			    4294967296ULL,
			    9999999999999999999ULL,
			    UINT64_MAX };

	for (size_t i = 0; i < TAP_COUNT(vals); i++) {
		snprintf(want, sizeof(want), "%" PRIu64, vals[i]);
		tap_str(fmt_u(vals[i]), want, want);
	}
	tap_str(fmt_i(-1), "-1", "-1");
	tap_str(fmt_i(INT64_MIN), "-9223372036854775808", "INT64_MIN");
	tap_str(fmt_i(INT64_MAX), "9223372036854775807", "INT64_MAX");
}

static void test_escape(void)
{
	char out[64];

	out[lvs_metrics_escape(out, "a\"b\\c\nd")] = '\0';
	tap_str(out, "a\\\"b\\\\c\\nd", "quote, backslash and newline escaped");
	out[lvs_metrics_escape(out, "")] = '\0';
	tap_str(out, "", "empty value");
}

/* Does @text hold line @line? */
static int has_line(const char *text, const char *line)
{
	size_t n = strlen(line);

	for (const char *p = text; p && *p;
	     p = strchr(p, '\n'), p = p ? p + 1 : p)
		if (!strncmp(p, line, n) && (p[n] == '\n' || !p[n]))
			return 1;
	return 0;
}

static int count(const char *text, const char *needle)
{
	int n = 0;

	for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void test_table(void)
{
	struct lvs_table t = { 0 };
	struct lvs_service_entry *e = lvs_table_add(&t), *f, *v6;
	struct lvs_dest_entry *d;
	struct lvs_info info = { .version = 0x010201, .conn_tab_size = 4096 };
	struct lvs_timeout to = { 900, 120, 300 };
	struct lvs_daemon dm[2] = { { .state = IP_VS_STATE_MASTER,
				      .mcast_ifn = "eth1",
				      .syncid = 7 } };
	const struct lvs_writer *w = lvs_writer(LVS_FMT_METRICS);
	FILE *out;
	const char *lab =
		"local_address=\"10.0.0.10\",local_mark=\"\",local_port=\"80\",proto=\"TCP\"";
	const char *rs_lab =
		",remote_address=\"10.0.1.2\",remote_port=\"8080\"";
	/*
	 * Samples of the first service (and of its real server, @rs), with
	 * their check's name (followed by the line itself when @show).
	 */
	static const struct {
		const char *family;
		bool rs;
		const char *value, *name;
		bool show;
	} samples[] = {
		{ "ipvs_service_connections_total", false, "5000000000",
		  "a service counter, exact", true },
		{ "ipvs_service_incoming_bytes_total", false, "123456789012345",
		  "bytes never scaled", false },
		{ "ipvs_backend_connections_active", true, "17",
		  "node_exporter's backend labels", false },
		{ "ipvs_backend_upper_threshold", true, "100",
		  "upper threshold", false },
		{ "ipvs_backend_outgoing_packets_total", true, "42",
		  "a backend counter", false },
	};
	char line[512];

	e->svc.af = AF_INET;
	e->svc.protocol = IPPROTO_TCP;
	inet_pton(AF_INET, "10.0.0.10", &e->svc.addr.v4);
	e->svc.port = 80;
	strcpy(e->svc.sched, "wrr");
	e->stats.conns = 5000000000ULL;
	e->stats.inbytes = 123456789012345ULL;
	d = lvs_service_add_dest(e);
	d->dest.af = AF_INET;
	inet_pton(AF_INET, "10.0.1.2", &d->dest.addr.v4);
	d->dest.port = 8080;
	d->dest.weight = 3;
	d->dest.u_thresh = 100;
	d->activeconns = 17;
	d->stats.outpkts = 42;

	f = lvs_table_add(&t);
	f->svc.af = AF_INET;
	f->svc.fwmark = 10;
	f->svc.flags = IP_VS_SVC_F_PERSISTENT;
	f->svc.timeout = 360;
	strcpy(f->svc.sched, "sh");
	f->stats.conns = 1;
	d = lvs_service_add_dest(f);
	d->dest.af = AF_INET;
	inet_pton(AF_INET, "10.0.1.3", &d->dest.addr.v4);

	v6 = lvs_table_add(&t);
	v6->svc.af = AF_INET6;
	v6->svc.protocol = IPPROTO_UDP;
	inet_pton(AF_INET6, "2001:db8::10", &v6->svc.addr.v6);
	v6->svc.port = 53;
	strcpy(v6->svc.sched, "rr");
	v6->stats.conns = 2;

	out = open_memstream(&buf, &buflen);
	w->begin(out, &info, LVS_FMT_METRICS);
	w->title(out, LVS_FMT_METRICS);
	for (size_t i = 0; i < t.n_svcs; i++)
		w->service(out, &t.svcs[i], LVS_FMT_METRICS, i == 0);
	w->globals(out, &to, dm);
	tap_ok(w->end(out, LVS_FMT_METRICS) == 0, "end() succeeds");
	fclose(out);

	tap_ok(has_line(buf, "ipvs_connections_total 5000000003"),
	       "whole-table connections: the sum over the services");
	tap_ok(has_line(buf, "ipvs_connection_table_size 4096"),
	       "connection table size");
	tap_ok(has_line(buf, "ipvs_timeout_seconds{protocol=\"tcpfin\"} 120"),
	       "timeouts by protocol state");
	tap_ok(has_line(
		       buf,
		       "ipvs_sync_daemon_info{interface=\"eth1\",state=\"master\",syncid=\"7\"} 1"),
	       "the sync daemon");
	for (size_t i = 0; i < TAP_COUNT(samples); i++) {
		snprintf(line, sizeof(line), "%s{%s%s} %s", samples[i].family,
			 lab, samples[i].rs ? rs_lab : "", samples[i].value);
		tap_ok(has_line(buf, line), "%s%s%s", samples[i].name,
		       samples[i].show ? ": " : "",
		       samples[i].show ? line : "");
	}
	tap_ok(has_line(
		       buf,
		       "ipvs_service_info{local_address=\"\",local_mark=\"0000000A\",local_port=\"0\",proto=\"FWM\",flags=\"\",persistent_seconds=\"360\",scheduler=\"sh\"} 1"),
	       "a firewall-mark service: by its mark alone, as node_exporter");
	tap_ok(has_line(
		       buf,
		       "ipvs_service_connections_total{local_address=\"2001:db8::10\",local_mark=\"\",local_port=\"53\",proto=\"UDP\"} 2"),
	       "IPv6 address without brackets");
	tap_ok(count(buf, "# TYPE ipvs_backend_weight gauge\n") == 1 &&
		       count(buf, "# HELP ipvs_backend_weight ") == 1,
	       "one HELP and one TYPE per family");
	tap_ok(count(buf, "\nipvs_backend_weight{") == 2,
	       "a sample per real server");
	tap_ok(count(buf, "# TYPE ") == count(buf, "# HELP "),
	       "every family has HELP and TYPE");
	{
		/* The samples of each family follow its TYPE line. */
		const char *type = strstr(buf, "# TYPE ipvs_backend_weight ");
		const char *next = type ? strstr(type + 1, "# HELP") : NULL;
		const char *last =
			type ? strstr(type, "\nipvs_backend_weight{") : NULL;

		if (last)
			last = strstr(last + 1, "\nipvs_backend_weight{");
		tap_ok(type && next && last && last < next,
		       "samples grouped under their family");
	}
	free(buf);
	buf = NULL;

	/* One service (-t): no whole-table families. */
	out = open_memstream(&buf, &buflen);
	w->begin(out, NULL, LVS_FMT_METRICS);
	w->service(out, &t.svcs[0], LVS_FMT_METRICS, true);
	w->end(out, LVS_FMT_METRICS);
	fclose(out);
	tap_ok(!strstr(buf, "ipvs_connections_total") &&
		       !strstr(buf, "ipvs_timeout_seconds") &&
		       strstr(buf, "ipvs_service_connections_total{"),
	       "one service: its families only");
	free(buf);
	buf = NULL;
	lvs_table_free(&t);
}

static void test_vips(void)
{
	struct lvs_vip_row rows[2] = { 0 };
	struct lvs_conf_row conf[2] = { { "all", { 0, 0, 1 } },
					{ "lo", { 1, 2, 0 } } };
	struct lvs_vip_report r = { .rows = rows,
				    .n_rows = 2,
				    .keys = { "arp_ignore", "arp_announce",
					      "rp_filter" },
				    .n_keys = 3,
				    .conf = conf,
				    .n_conf = 2 };
	FILE *out;

	rows[0].x.af = AF_INET;
	inet_pton(AF_INET, "10.0.0.10", &rows[0].x.addr.v4);
	rows[0].x.prefixlen = 32;
	strcpy(rows[0].ifname, "lo");
	rows[1].x.af = AF_INET6;
	inet_pton(AF_INET6, "2001:db8::10", &rows[1].x.addr.v6);
	strcpy(rows[1].ifname, "lo");
	rows[1].answered_on = "eth0";
	out = open_memstream(&buf, &buflen);
	lvs_writer(LVS_FMT_METRICS)->vips(out, &r);
	fclose(out);
	tap_ok(has_line(
		       buf,
		       "ipvs_vip_bound{address=\"10.0.0.10\",interface=\"lo\"} 1"),
	       "a bound VIP");
	tap_ok(has_line(
		       buf,
		       "ipvs_vip_bound{address=\"2001:db8::10\",interface=\"lo\"} 0"),
	       "a VIP that has gone");
	tap_ok(has_line(
		       buf,
		       "ipvs_vip_arp_exposed{address=\"2001:db8::10\",interface=\"lo\"} 1"),
	       "a VIP an interface would answer ARP for");
	tap_ok(has_line(buf, "ipvs_arp_announce{interface=\"lo\"} 2") &&
		       has_line(buf, "ipvs_arp_ignore{interface=\"all\"} 0"),
	       "the ARP sysctls per interface");
	free(buf);
	buf = NULL;
}

int main(void)
{
	test_numbers();
	test_escape();
	test_table();
	test_vips();
	return tap_done();
}
