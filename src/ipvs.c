// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Generic netlink to the kernel's IPVS.
 *
 * Requests are numbered here and answers matched by number: a request
 * is sent, then replies are read until the kernel's ACK, its error, or the
 * end of a dump.  Malformed replies are recorded but the rest of the
 * answer is still read, so the socket is clean for the next request.
 * Change requests can also go in batches (struct ipvs_pipe).
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <linux/netlink.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "ipvs-msg.h"
#include "ipvs.h"
#include "nlerr.h"

/*
 * Requests in flight at most per send(): the kernel handles a request
 * inside send(), so a batch costs one system call, and the receive buffer
 * (sized at open) holds an answer for every request of a batch.
 */
#define IPVS_BATCH 64

struct ipvs {
	struct nl_sock *sk;
	int family;
	uint32_t seq;
	struct lvs_info info;
	char rbuf[64 << 10] __attribute__((aligned(8)));
};

/*
 * What is awaited: the answers to requests @first..@last.  Only the last
 * asks for an ACK; an earlier one is heard from only when it fails, which
 * the kernel reports with that request's sequence number.
 */
struct wait {
	uint32_t first;
	uint32_t last;
	int *errs;
	int err;
	int (*parse)(struct nlmsghdr *nlh, void *arg);
	void *arg;
	bool done;
};

static bool awaited(const struct wait *w, uint32_t seq)
{
	return seq - w->first <= w->last - w->first;
}

/* One reply to an awaited request: data, an error, an ACK or the end. */
static void on_reply(struct wait *w, struct nlmsghdr *nlh)
{
	uint32_t seq = nlh->nlmsg_seq;
	int err;

	if (!awaited(w, seq))
		return;
	switch (nlh->nlmsg_type) {
	case NLMSG_NOOP:
		return;
	case NLMSG_DONE:
		break;
	case NLMSG_ERROR:
		if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(int))) {
			err = -EBADMSG;
		} else {
			err = ((struct nlmsgerr *)NLMSG_DATA(nlh))->error;
			if (err > 0)
				err = -err;
		}
		if (!err)
			break; /* an ACK */
		if (w->errs)
			w->errs[seq - w->first] = err;
		else if (!w->err)
			w->err = err;
		break;
	case NLMSG_OVERRUN:
		if (!w->err)
			w->err = -ENOBUFS;
		break;
	default:
		if (w->parse && !w->err) {
			err = w->parse(nlh, w->arg);
			if (err)
				w->err = err;
		}
		return;
	}
	if (seq == w->last)
		w->done = true;
}

/*
 * Read one datagram of answers into the buffer, which is as large as the
 * biggest batch of replies the kernel puts in one datagram (32 KiB for a
 * dump), so nothing is copied or allocated per message.  Its size, or
 * -errno.
 */
static ssize_t read_once(struct ipvs *h, struct wait *w, int flags)
{
	struct sockaddr_nl peer;
	struct iovec iov = { h->rbuf, sizeof(h->rbuf) };
	struct msghdr mh = {
		.msg_name = &peer,
		.msg_namelen = sizeof(peer),
		.msg_iov = &iov,
		.msg_iovlen = 1,
	};
	struct nlmsghdr *nlh;
	ssize_t n = recvmsg(nl_socket_get_fd(h->sk), &mh, flags);
	size_t len;

	if (n < 0)
		return -errno;
	if (mh.msg_flags & MSG_TRUNC)
		return -EMSGSIZE;
	if (peer.nl_pid != 0)
		return n; /* not from the kernel */
	len = (size_t)n;
	for (nlh = (struct nlmsghdr *)h->rbuf; NLMSG_OK(nlh, len);
	     nlh = NLMSG_NEXT(nlh, len))
		on_reply(w, nlh);
	return n;
}

/*
 * Answers to a batch were dropped (ENOBUFS).  The kernel answered every
 * request of the batch inside send(), so what was not dropped is already
 * queued: read it without waiting, so that each error that survived is
 * still matched to its request; the caller says the others are unknown.
 */
static int drain(struct ipvs *h, struct wait *w)
{
	ssize_t n;

	do
		n = read_once(h, w, MSG_DONTWAIT);
	while (n >= 0 || n == -EINTR || n == -ENOBUFS || n == -EMSGSIZE);
	return -ENOBUFS;
}

/* Read answers until @w is done. */
static int receive(struct ipvs *h, struct wait *w)
{
	while (!w->done) {
		ssize_t n = read_once(h, w, 0);

		if (n == -EINTR)
			continue;
		if (n == -ENOBUFS && w->errs)
			return drain(h, w);
		/* The socket broke, or a lone request's answer was lost. */
		if (n < 0)
			return (int)n;
	}
	return 0;
}

/* Send @len bytes of requests and read answers until @w is done. */
static int send_and_wait(struct ipvs *h, void *buf, size_t len, struct wait *w)
{
	int ret;

	do {
		ret = nl_sendto(h->sk, buf, len);
	} while (ret == -NLE_INTR);
	if (ret < 0)
		return lvs_nlerr_errno(ret);
	return receive(h, w);
}

/* Number @msg as the next request, asking for an ACK if @ack. */
static struct nlmsghdr *number(struct ipvs *h, struct nl_msg *msg, bool ack)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);

	nlh->nlmsg_seq = ++h->seq;
	nlh->nlmsg_pid = nl_socket_get_local_port(h->sk);
	nlh->nlmsg_flags |= NLM_F_REQUEST | (ack ? NLM_F_ACK : 0);
	return nlh;
}

/* Send @msg (consumed) and read the answer through @parse. */
static int transact(struct ipvs *h, struct nl_msg *msg,
		    int (*parse)(struct nlmsghdr *, void *), void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	/* A dump ends with NLMSG_DONE; anything else with an ACK. */
	struct wait w = { .parse = parse, .arg = arg };
	int ret;

	nlh = number(h, msg, !(nlh->nlmsg_flags & NLM_F_DUMP));
	w.first = w.last = nlh->nlmsg_seq;
	ret = send_and_wait(h, nlh, nlh->nlmsg_len, &w);
	nlmsg_free(msg);
	return ret ? ret : w.err;
}

static struct nl_msg *new_msg(struct ipvs *h, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (msg && !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, h->family, 0,
				flags, cmd, IPVS_GENL_VERSION)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return msg;
}

/* Run /sbin/modprobe -- ip_vs, without a shell; true when it succeeded. */
static bool load_module(void)
{
	char *const argv[] = { "/sbin/modprobe", "--", "ip_vs", NULL };
	int status;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		execv(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return false;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/*
 * Without the IPVS family, ipvsadm falls back to the old socket-option
 * interface: a raw socket, which only root may open, then an IPVS socket
 * option, which a kernel without IPVS refuses.  Its error is the one
 * ipvsadm reports, so a user who is not root hears "Permission denied".
 */
static int old_interface_error(void)
{
	int fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_RAW);

	if (fd < 0)
		return -errno;
	close(fd);
	/* What the kernel says to an IPVS socket option without IPVS. */
	return -ENOPROTOOPT;
}

bool ipvs_in_kernel(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	bool found;

	if (!sk)
		return true; /* cannot tell: do not claim it is missing */
	found = genl_connect(sk) < 0 ||
		genl_ctrl_resolve(sk, IPVS_GENL_NAME) >= 0;
	nl_socket_free(sk);
	return found;
}

int ipvs_open(struct ipvs **hp, int rcvbuf)
{
	int one = 1, fd, ret;
	struct nl_msg *msg;
	struct ipvs *h;

	*hp = NULL;
	h = calloc(1, sizeof(*h));
	if (!h)
		return -ENOMEM;
	h->sk = nl_socket_alloc();
	if (!h->sk) {
		ret = -ENOMEM;
		goto fail;
	}
	ret = genl_connect(h->sk);
	if (ret < 0) {
		ret = lvs_nlerr_errno(ret);
		goto fail;
	}
	/* Room for the answers to a whole batch; root may exceed rmem_max. */
	if (rcvbuf <= 0)
		rcvbuf = IPVS_RCVBUF;
	fd = nl_socket_get_fd(h->sk);
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)))
		nl_socket_set_buffer_size(h->sk, rcvbuf, 0);
	/* Errors need not echo the whole request back. */
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	h->family = genl_ctrl_resolve(h->sk, IPVS_GENL_NAME);
	if (h->family < 0 && load_module())
		h->family = genl_ctrl_resolve(h->sk, IPVS_GENL_NAME);
	if (h->family < 0) {
		ret = old_interface_error();
		goto fail;
	}
	msg = new_msg(h, IPVS_CMD_GET_INFO, 0);
	if (!msg) {
		ret = -ENOMEM;
		goto fail;
	}
	ret = transact(h, msg, ipvs_msg_parse_info, &h->info);
	if (ret)
		goto fail;
	*hp = h;
	return 0;
fail:
	ipvs_close(h);
	return ret;
}

void ipvs_close(struct ipvs *h)
{
	if (!h)
		return;
	if (h->sk)
		nl_socket_free(h->sk);
	free(h);
}

const struct lvs_info *ipvs_info(const struct ipvs *h)
{
	return &h->info;
}

int ipvs_get_services(struct ipvs *h, struct lvs_table *t, bool stats)
{
	struct nl_msg *msg = new_msg(h, IPVS_CMD_GET_SERVICE, NLM_F_DUMP);

	if (!msg)
		return -ENOMEM;
	return transact(h, msg,
			stats ? ipvs_msg_parse_service_table :
				ipvs_msg_parse_service_config,
			t);
}

int ipvs_get_service(struct ipvs *h, const struct lvs_service *key,
		     struct lvs_service_entry *out)
{
	struct nl_msg *msg = new_msg(h, IPVS_CMD_GET_SERVICE, 0);

	memset(out, 0, sizeof(*out));
	if (!msg)
		return -ENOMEM;
	if (ipvs_msg_put_service(msg, key, false)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return transact(h, msg, ipvs_msg_parse_service, out);
}

int ipvs_get_dests(struct ipvs *h, struct lvs_service_entry *e, bool stats)
{
	struct nl_msg *msg = new_msg(h, IPVS_CMD_GET_DEST, NLM_F_DUMP);

	if (!msg)
		return -ENOMEM;
	if (ipvs_msg_put_service(msg, &e->svc, false)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return transact(
		h, msg,
		stats ? ipvs_msg_parse_dest : ipvs_msg_parse_dest_config, e);
}

int ipvs_get_timeout(struct ipvs *h, struct lvs_timeout *t)
{
	struct nl_msg *msg = new_msg(h, IPVS_CMD_GET_CONFIG, 0);

	memset(t, 0, sizeof(*t));
	if (!msg)
		return -ENOMEM;
	return transact(h, msg, ipvs_msg_parse_timeout, t);
}

int ipvs_get_daemons(struct ipvs *h, struct lvs_daemon d[2])
{
	struct nl_msg *msg = new_msg(h, IPVS_CMD_GET_DAEMON, NLM_F_DUMP);

	memset(d, 0, 2 * sizeof(*d));
	if (!msg)
		return -ENOMEM;
	return transact(h, msg, ipvs_msg_parse_daemon, d);
}

enum ipvs_op ipvs_cmd_op(enum lvs_cmd_kind kind)
{
	switch (kind) {
	case LVS_CMD_ADD:
		return IPVS_OP_ADD_SERVICE;
	case LVS_CMD_EDIT:
		return IPVS_OP_EDIT_SERVICE;
	case LVS_CMD_DEL:
		return IPVS_OP_DEL_SERVICE;
	case LVS_CMD_ZERO:
		return IPVS_OP_ZERO;
	case LVS_CMD_ADDDEST:
		return IPVS_OP_ADD_DEST;
	case LVS_CMD_EDITDEST:
		return IPVS_OP_EDIT_DEST;
	case LVS_CMD_DELDEST:
		return IPVS_OP_DEL_DEST;
	case LVS_CMD_TIMEOUT:
		return IPVS_OP_SET_TIMEOUT;
	case LVS_CMD_STARTDAEMON:
		return IPVS_OP_START_DAEMON;
	case LVS_CMD_STOPDAEMON:
		return IPVS_OP_STOP_DAEMON;
	default:
		return IPVS_OP_FLUSH;
	}
}

static const uint8_t genl_cmds[LVS_NUM_CMDS] = {
	[LVS_CMD_ADD] = IPVS_CMD_NEW_SERVICE,
	[LVS_CMD_EDIT] = IPVS_CMD_SET_SERVICE,
	[LVS_CMD_DEL] = IPVS_CMD_DEL_SERVICE,
	[LVS_CMD_FLUSH] = IPVS_CMD_FLUSH,
	[LVS_CMD_ADDDEST] = IPVS_CMD_NEW_DEST,
	[LVS_CMD_DELDEST] = IPVS_CMD_DEL_DEST,
	[LVS_CMD_EDITDEST] = IPVS_CMD_SET_DEST,
	[LVS_CMD_TIMEOUT] = IPVS_CMD_SET_CONFIG,
	[LVS_CMD_STARTDAEMON] = IPVS_CMD_NEW_DAEMON,
	[LVS_CMD_STOPDAEMON] = IPVS_CMD_DEL_DAEMON,
	[LVS_CMD_ZERO] = IPVS_CMD_ZERO,
};

bool ipvs_is_change(enum lvs_cmd_kind kind)
{
	return kind >= 0 && kind < LVS_NUM_CMDS && genl_cmds[kind];
}

/* The request for a change command, or NULL (out of memory). */
static struct nl_msg *change_msg(struct ipvs *h, const struct lvs_cmd *cmd)
{
	struct nl_msg *msg = new_msg(h, genl_cmds[cmd->kind], 0);

	if (msg && ipvs_msg_build(msg, cmd)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return msg;
}

int ipvs_execute(struct ipvs *h, const struct lvs_cmd *cmd)
{
	struct nl_msg *msg;

	if (!ipvs_is_change(cmd->kind))
		return -EINVAL;
	msg = change_msg(h, cmd);
	if (!msg)
		return -ENOMEM;
	return transact(h, msg, NULL, NULL);
}

struct ipvs_pipe {
	struct ipvs *h;
	ipvs_result_fn fn;
	void *arg;
	char *buf;
	size_t len;
	size_t cap;
	size_t last; /* offset of the last request in @buf */
	size_t n;
	uint32_t first;
	size_t tags[IPVS_BATCH];
	int errs[IPVS_BATCH];
};

struct ipvs_pipe *ipvs_pipe_new(struct ipvs *h, ipvs_result_fn fn, void *arg)
{
	struct ipvs_pipe *p = calloc(1, sizeof(*p));

	if (p) {
		p->h = h;
		p->fn = fn;
		p->arg = arg;
	}
	return p;
}

void ipvs_pipe_free(struct ipvs_pipe *p)
{
	if (p)
		free(p->buf);
	free(p);
}

int ipvs_pipe_flush(struct ipvs_pipe *p)
{
	struct wait w = { .errs = p->errs };
	struct nlmsghdr *last;
	int ret;

	if (!p->n)
		return 0;
	/* Only the last request of a batch is acknowledged. */
	last = (struct nlmsghdr *)(p->buf + p->last);
	last->nlmsg_flags |= NLM_F_ACK;
	w.first = p->first;
	w.last = last->nlmsg_seq;
	memset(p->errs, 0, sizeof(p->errs));
	ret = send_and_wait(p->h, p->buf, p->len, &w);
	for (size_t i = 0; i < p->n; i++) {
		/*
		 * Without the final ACK, a request that reported nothing may
		 * have failed with its error lost: its outcome is unknown.
		 */
		bool known = !ret || p->errs[i] || (i == p->n - 1 && w.done);
		int err = known ? p->errs[i] : ret;

		p->fn(p->arg, p->tags[i], err);
	}
	p->n = 0;
	p->len = 0;
	return ret;
}

int ipvs_pipe_add(struct ipvs_pipe *p, const struct lvs_cmd *cmd, size_t tag)
{
	struct nl_msg *msg;
	struct nlmsghdr *nlh;
	size_t size;

	if (!ipvs_is_change(cmd->kind))
		return -EINVAL;
	msg = change_msg(p->h, cmd);
	if (!msg)
		return -ENOMEM;
	nlh = number(p->h, msg, false);
	size = NLMSG_ALIGN(nlh->nlmsg_len);
	if (!lvs_grow((void **)&p->buf, &p->cap, p->len + size, 1)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	if (!p->n)
		p->first = nlh->nlmsg_seq;
	memcpy(p->buf + p->len, nlh, nlh->nlmsg_len);
	memset(p->buf + p->len + nlh->nlmsg_len, 0, size - nlh->nlmsg_len);
	p->last = p->len;
	p->len += size;
	p->tags[p->n++] = tag;
	nlmsg_free(msg);
	/* The batch's results, failures included, go to p->fn. */
	if (p->n == IPVS_BATCH)
		ipvs_pipe_flush(p);
	return 0;
}

const char *ipvs_strerror(enum ipvs_op op, int err)
{
#define OP(x) (1u << IPVS_OP_##x)
	/* ipvsadm's message for @err from one of @ops. */
	static const struct {
		int err;
		unsigned int ops;
		const char *text;
	} by_op[] = {
		{ ESRCH,
		  OP(EDIT_SERVICE) | OP(DEL_SERVICE) | OP(ZERO) |
			  OP(GET_SERVICES) | OP(GET_DESTS) | OP(GET_SERVICE),
		  "No such service" },
		{ EEXIST, OP(ADD_SERVICE), "Service already exists" },
		{ ENOENT, OP(ADD_SERVICE) | OP(EDIT_SERVICE),
		  "Scheduler or persistence engine not found" },
		{ ESRCH, OP(ADD_DEST) | OP(EDIT_DEST) | OP(DEL_DEST),
		  "Service not defined" },
		{ EEXIST, OP(ADD_DEST), "Destination already exists" },
		{ ENOENT, OP(EDIT_DEST) | OP(DEL_DEST), "No such destination" },
		{ EEXIST, OP(START_DAEMON), "Daemon has already run" },
		{ ESRCH, OP(STOP_DAEMON), "No daemon is running" },
	};
#undef OP
	static const struct {
		int err;
		const char *text;
	} generic[] = {
		{ EPERM, "Permission denied (you must be root)" },
		{ EINVAL,
		  "Invalid operation.  Possibly wrong module version, address not unicast, ..." },
		{ ENOPROTOOPT, "Protocol not available" },
		{ ENOMEM, "Memory allocation problem" },
		{ EOPNOTSUPP, "Operation not supported with IPv6" },
		{ EAFNOSUPPORT,
		  "Operation not supported with specified address family" },
		{ EMSGSIZE, "Module is wrong version" },
	};

	for (size_t i = 0; i < sizeof(by_op) / sizeof(by_op[0]); i++)
		if ((by_op[i].ops & 1u << op) && by_op[i].err == err)
			return by_op[i].text;
	for (size_t i = 0; i < sizeof(generic) / sizeof(generic[0]); i++)
		if (generic[i].err == err)
			return generic[i].text;
	return strerror(err);
}
