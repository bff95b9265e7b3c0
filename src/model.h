/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The one in-memory model of lvsadm: services, destinations, timeouts and
 * sync daemons, and the commands that change them.  Every other layer (the
 * command line, the rules-file reader, the kernel layer and the printers)
 * speaks only these types.
 */
#ifndef LVSADM_MODEL_H
#define LVSADM_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <net/if.h>
#include <netinet/in.h>

#include <linux/ip_vs.h>

/* The mh scheduler's flags reuse the generic scheduler flags. */
#ifndef IP_VS_SVC_F_SCHED_MH_FALLBACK
#define IP_VS_SVC_F_SCHED_MH_FALLBACK IP_VS_SVC_F_SCHED1
#endif
#ifndef IP_VS_SVC_F_SCHED_MH_PORT
#define IP_VS_SVC_F_SCHED_MH_PORT IP_VS_SVC_F_SCHED2
#endif

/* ipvsadm's default persistence timeout (the man page wrongly says 300). */
#define LVS_DEFAULT_PERSISTENT_TIMEOUT 360
/* Upper bound for every timeout given on the command line: 31 days. */
#define LVS_MAX_TIMEOUT (86400 * 31)
#define LVS_DEFAULT_SCHED "wlc"
#define LVS_DEFAULT_MCAST_IFN "eth0"

/** union lvs_addr - an IPv4 or IPv6 address, as the kernel lays it out */
union lvs_addr {
	struct in_addr v4;
	struct in6_addr v6;
	uint32_t w[4];
};

/**
 * struct lvs_stats - traffic counters and rates of a service or destination
 *
 * All values are kept at 64 bits, whatever the kernel sent.
 */
struct lvs_stats {
	uint64_t conns;
	uint64_t inpkts;
	uint64_t outpkts;
	uint64_t inbytes;
	uint64_t outbytes;
	uint64_t cps;
	uint64_t inpps;
	uint64_t outpps;
	uint64_t inbps;
	uint64_t outbps;
};

/**
 * struct lvs_service - identity and configuration of a virtual service
 * @fwmark:	firewall mark, or 0 for an address service
 * @af:		AF_INET or AF_INET6
 * @protocol:	IPPROTO_TCP, IPPROTO_UDP or IPPROTO_SCTP (address services)
 * @port:	port in host byte order
 * @addr:	virtual address
 * @sched:	scheduler name
 * @pe:		persistence engine name, empty when none
 * @flags:	IP_VS_SVC_F_* flags
 * @timeout:	persistence timeout in seconds
 * @netmask:	persistence granularity: an IPv4 mask in network byte order,
 *		or an IPv6 prefix length
 */
struct lvs_service {
	uint32_t fwmark;
	uint16_t af;
	uint16_t protocol;
	uint16_t port;
	union lvs_addr addr;
	char sched[IP_VS_SCHEDNAME_MAXLEN];
	char pe[IP_VS_PENAME_MAXLEN];
	uint32_t flags;
	uint32_t timeout;
	uint32_t netmask;
};

/**
 * struct lvs_dest - identity and configuration of a real server
 * @af:		address family of @addr (may differ from the service's for
 *		tunnels)
 * @port:	port in host byte order
 * @fwd:	forwarding method, IP_VS_CONN_F_{MASQ,LOCALNODE,TUNNEL,DROUTE}
 * @weight:	scheduling weight
 * @u_thresh:	upper connection threshold, 0 for none
 * @l_thresh:	lower connection threshold
 * @tun_type:	IP_VS_CONN_F_TUNNEL_TYPE_*
 * @tun_port:	tunnel port in host byte order (gue)
 * @tun_flags:	IP_VS_TUNNEL_ENCAP_FLAG_*
 */
struct lvs_dest {
	uint16_t af;
	uint16_t port;
	union lvs_addr addr;
	uint32_t fwd;
	int32_t weight;
	uint32_t u_thresh;
	uint32_t l_thresh;
	uint8_t tun_type;
	uint16_t tun_port;
	uint16_t tun_flags;
};

/**
 * struct lvs_dest_entry - a real server as the kernel reports it
 * @line:	the rules-file line that defined it (0: from the kernel)
 */
struct lvs_dest_entry {
	struct lvs_dest dest;
	unsigned int line;
	uint32_t activeconns;
	uint32_t inactconns;
	uint32_t persistconns;
	struct lvs_stats stats;
};

/**
 * struct lvs_service_entry - a virtual service and its real servers
 * @line:	the rules-file line that defined it (0: from the kernel)
 */
struct lvs_service_entry {
	struct lvs_service svc;
	unsigned int line;
	struct lvs_stats stats;
	struct lvs_dest_entry *dests;
	size_t n_dests;
	size_t cap_dests;
};

/** struct lvs_table - every virtual service of one network namespace */
struct lvs_table {
	struct lvs_service_entry *svcs;
	size_t n_svcs;
	size_t cap_svcs;
};

/** struct lvs_info - what IPVS_CMD_GET_INFO reports */
struct lvs_info {
	uint32_t version;
	uint32_t conn_tab_size;
};

/** struct lvs_timeout - connection timeouts in seconds (0: unchanged) */
struct lvs_timeout {
	uint32_t tcp;
	uint32_t tcp_fin;
	uint32_t udp;
};

/** struct lvs_daemon - a connection synchronisation daemon */
struct lvs_daemon {
	uint32_t state;
	char mcast_ifn[IP_VS_IFNAME_MAXLEN];
	uint32_t syncid;
	uint16_t sync_maxlen;
	uint16_t mcast_port;
	uint8_t mcast_ttl;
	uint16_t mcast_af;
	union lvs_addr mcast_group;
};

/**
 * struct lvs_conn - one entry of the connection table
 * @proto:	as /proc/net/ip_vs_conn names it ("TCP")
 * @af:		family of the client and virtual addresses
 * @daf:	family of the real server's address
 * @expires:	seconds left
 * @pe_name:	persistence engine, when the entry has one
 */
struct lvs_conn {
	char proto[8];
	int protocol;
	uint16_t af;
	uint16_t daf;
	union lvs_addr caddr;
	union lvs_addr vaddr;
	union lvs_addr daddr;
	uint16_t cport;
	uint16_t vport;
	uint16_t dport;
	char state[16];
	unsigned int expires;
	bool has_pe;
	char pe_name[IP_VS_PENAME_MAXLEN + 1];
	char pe_data[IP_VS_PEDATA_MAXLEN + 1];
};

/** struct lvs_vip - a virtual address a real server accepts traffic for */
struct lvs_vip {
	uint16_t af;
	union lvs_addr addr;
};

/**
 * struct lvs_vip_args - what the real-server commands take
 * @vips:	the addresses named, or NULL
 * @n:		how many
 * @ifname:	the interface to bind them on (lo unless --interface)
 * @arp_strict:	for --arp-strict: 1 on, 0 off, -1 show
 * @probe:	for --check: probe the wire too (--probe)
 * @probe_ms:	how long to wait for answers (--probe-timeout), in ms
 * @probe_port:	the port to probe for services of port 0 (--probe-port)
 */
struct lvs_vip_args {
	struct lvs_vip *vips;
	size_t n;
	char ifname[IFNAMSIZ];
	int arp_strict;
	bool probe;
	unsigned int probe_ms;
	uint16_t probe_port;
};

/** struct lvs_link - a network interface of this host */
struct lvs_link {
	int ifindex;
	char name[IFNAMSIZ];
	unsigned int flags;
	uint8_t mac[6];
};

/**
 * struct lvs_ifaddr - an address bound on an interface of this host
 * @label:	the IPv4 label ("lo:0"), or empty
 * @flags:	IFA_F_* as read (IFA_F_TENTATIVE, IFA_F_DADFAILED...)
 */
struct lvs_ifaddr {
	int ifindex;
	uint16_t af;
	union lvs_addr addr;
	uint8_t prefixlen;
	uint8_t scope;
	unsigned int flags;
	char label[IFNAMSIZ];
};

/** struct lvs_host - the interfaces and addresses of this host */
struct lvs_host {
	struct lvs_link *links;
	size_t n_links;
	struct lvs_ifaddr *addrs;
	size_t n_addrs;
};

/**
 * struct lvs_vip_row - a VIP as --list-vips reports it
 * @x:		the address (prefixlen 0: lvsadm bound it, it has gone)
 * @ifname:	the interface it is (or was) on
 * @origin:	"lvsadm", "manual", or "?" when the state is unreadable
 * @answered_on: the interface that would answer ARP for it, or NULL
 */
struct lvs_vip_row {
	struct lvs_ifaddr x;
	char ifname[IFNAMSIZ];
	const char *origin;
	const char *answered_on;
};

#define LVS_REPORT_MAX_KEYS 4

/** struct lvs_conf_row - sysctl values in force on one interface */
struct lvs_conf_row {
	char ifname[IFNAMSIZ];
	int v[LVS_REPORT_MAX_KEYS];
};

/**
 * struct lvs_vip_report - what --list-vips shows
 * @rows:	the VIPs
 * @keys:	the names of the sysctls in @conf's columns
 * @conf:	"all", then each interface with IPv4 configuration
 */
struct lvs_vip_report {
	struct lvs_vip_row *rows;
	size_t n_rows;
	const char *keys[LVS_REPORT_MAX_KEYS];
	int n_keys;
	struct lvs_conf_row *conf;
	size_t n_conf;
};

/* Commands, in the order ipvsadm's option-legality table uses. */
enum lvs_cmd_kind {
	LVS_CMD_NONE = -1,
	LVS_CMD_ADD = 0,
	LVS_CMD_EDIT,
	LVS_CMD_DEL,
	LVS_CMD_FLUSH,
	LVS_CMD_LIST,
	LVS_CMD_ADDDEST,
	LVS_CMD_DELDEST,
	LVS_CMD_EDITDEST,
	LVS_CMD_TIMEOUT,
	LVS_CMD_STARTDAEMON,
	LVS_CMD_STOPDAEMON,
	LVS_CMD_RESTORE,
	LVS_CMD_SAVE,
	LVS_CMD_ZERO,
	/* lvsadm's own commands, for the real-server role. */
	LVS_CMD_ADDVIP,
	LVS_CMD_DELVIP,
	LVS_CMD_LISTVIPS,
	LVS_CMD_CHECK,
	LVS_CMD_ARPSTRICT,
	LVS_NUM_CMDS,
	/* Commands that end parsing at once and are not in the table. */
	LVS_CMD_HELP = LVS_NUM_CMDS,
	LVS_CMD_VERSION,
};

/* Each command's long option name, without the dashes ("add-service"). */
extern const char *const lvs_cmd_names[LVS_NUM_CMDS];

/* Listing format flags. */
enum {
	LVS_FMT_NUMERIC = 1 << 0,
	LVS_FMT_RULE = 1 << 1,
	LVS_FMT_STATS = 1 << 2,
	LVS_FMT_RATE = 1 << 3,
	LVS_FMT_THRESHOLDS = 1 << 4,
	LVS_FMT_PERSISTENTCONN = 1 << 5,
	LVS_FMT_NOSORT = 1 << 6,
	LVS_FMT_EXACT = 1 << 7,
	LVS_FMT_TUN_INFO = 1 << 8,
	LVS_FMT_JSON = 1 << 9,
	LVS_FMT_METRICS = 1 << 10,
};

/**
 * struct lvs_cmd - one parsed command, from argv or from a rules-file line
 * @kind:	what to do
 * @options:	bit set of the option classes given (enum lvs_optclass)
 * @format:	LVS_FMT_* flags for listings
 * @line:	line number in a rules file, 0 for the command line
 */
struct lvs_cmd {
	enum lvs_cmd_kind kind;
	uint64_t options;
	unsigned int format;
	unsigned int line;
	struct lvs_service svc;
	struct lvs_dest dest;
	union {
		struct lvs_timeout timeout;
		struct lvs_daemon daemon;
	};
	/*
	 * Not in the union: it owns memory, and a line such as "--add-vip
	 * A --mcast-interface X" writes daemon fields before the legality
	 * check refuses it.
	 */
	struct lvs_vip_args vip;
	/* -R's rules file, when named on the command line (else stdin). */
	char *file;
	/* --graceful: how long to wait for active connections, in seconds. */
	uint32_t graceful;
};

/*
 * Make room for @need elements of @elem bytes in *@arr, growing it
 * geometrically; returns false when out of memory.
 */
bool lvs_grow(void **arr, size_t *cap, size_t need, size_t elem);

/*
 * Append a zeroed element of @elem bytes to the array at @arr (a pointer
 * to the array's pointer) of *@n elements, growing it with lvs_grow();
 * returns the new element, or NULL when out of memory.
 */
void *lvs_push(void *arr, size_t *n, size_t *cap, size_t elem);

/* Free what a parsed command owns (its VIP list). */
void lvs_cmd_free(struct lvs_cmd *cmd);

/* Is @a the same address as @b, in family @af? */
bool lvs_addr_equal(int af, const union lvs_addr *a, const union lvs_addr *b);

/*
 * A hash of @n words for the lookup tables (names, the services of
 * --sync), good in its low bits: addresses differ in their last bytes,
 * which are the high bits of a word in network order.
 */
uint32_t lvs_hash_words(const uint32_t *w, size_t n);

void lvs_host_free(struct lvs_host *h);
const struct lvs_link *lvs_host_link(const struct lvs_host *h, int ifindex);
const struct lvs_link *lvs_host_link_by_name(const struct lvs_host *h,
					     const char *name);

/**
 * struct lvs_fwd_name - the names of a forwarding method
 * @fwd:	IP_VS_CONN_F_MASQ, _LOCALNODE, _TUNNEL or _DROUTE
 * @list:	in ipvsadm's listing ("Route")
 * @rule:	the option that selects it in a rules line ("-g"); local
 *		node has none of its own and is saved as -g, as ipvsadm does
 * @json:	in lvsadm's JSON ("route")
 */
struct lvs_fwd_name {
	uint32_t fwd;
	const char *list;
	const char *rule;
	const char *json;
};

/* The names of forwarding method @fwd (masked), or NULL when unknown. */
const struct lvs_fwd_name *lvs_fwd_name(uint32_t fwd);
/* The forwarding method listed as @list ("Masq"), or NULL. */
const struct lvs_fwd_name *lvs_fwd_by_list_name(const char *list);

/**
 * struct lvs_sched_flag - a scheduler flag of -b
 * @name:	its name ("sh-port")
 * @flag:	IP_VS_SVC_F_SCHED*
 * @sched:	the scheduler it belongs to, NULL for the generic flag-N
 */
struct lvs_sched_flag {
	const char *name;
	uint32_t flag;
	const char *sched;
};

/* The scheduler flags, in the order listings name them. */
extern const struct lvs_sched_flag lvs_sched_flags[];
extern const size_t lvs_num_sched_flags;

/* Tunnel type names, indexed by IP_VS_CONN_F_TUNNEL_TYPE_*. */
extern const char *const lvs_tun_names[IP_VS_CONN_F_TUNNEL_TYPE_MAX];

void lvs_table_free(struct lvs_table *t);
struct lvs_service_entry *lvs_table_add(struct lvs_table *t);
struct lvs_dest_entry *lvs_service_add_dest(struct lvs_service_entry *e);
/*
 * Give back the room @e has for more real servers, once it has them all:
 * 10,000 services of 10 real servers would otherwise hold room for 16.
 */
void lvs_service_trim(struct lvs_service_entry *e);

/* Do @a and @b name the same service (address or fwmark)? */
bool lvs_same_service_key(const struct lvs_service *a,
			  const struct lvs_service *b);
/* The destination keyed like @key (address and port), or NULL. */
struct lvs_dest_entry *lvs_service_find_dest(const struct lvs_service_entry *e,
					     const struct lvs_dest *key);
/*
 * The same, trying first the one at @i and the one as far from the end:
 * two lists of the same real servers are mostly in the same order, or
 * (the kernel lists the newest first) in the reverse one.
 */
struct lvs_dest_entry *
lvs_service_find_dest_near(const struct lvs_service_entry *e,
			   const struct lvs_dest *key, size_t i);
/* Remove the service @e (its destinations go with it). */
void lvs_table_remove(struct lvs_table *t, struct lvs_service_entry *e);
void lvs_service_remove_dest(struct lvs_service_entry *e,
			     struct lvs_dest_entry *d);

int lvs_cmp_services(const struct lvs_service *a, const struct lvs_service *b);
int lvs_cmp_dests(const struct lvs_dest *a, const struct lvs_dest *b);
void lvs_table_sort(struct lvs_table *t);
void lvs_service_sort_dests(struct lvs_service_entry *e);

#endif
