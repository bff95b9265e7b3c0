// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Generic netlink to the kernel's IPVS.
 *
 * A request is sent, then replies are read until the kernel's ACK, its
 * error, or the end of a dump.  Malformed replies are recorded but the
 * rest of the answer is still read, so the socket is clean for the next
 * request.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/wait.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "ipvs-msg.h"
#include "ipvs.h"

struct ipvs {
	struct nl_sock *sk;
	struct nl_cb *cb;
	int family;
	struct lvs_info info;
};

/* One request's progress, shared with the callbacks. */
struct req {
	int (*parse)(struct nlmsghdr *nlh, void *arg);
	void *arg;
	int err;
	bool done;
};

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct req *r = arg;
	int e;

	if (r->parse && !r->err) {
		e = r->parse(nlmsg_hdr(msg), r->arg);
		if (e)
			r->err = e;
	}
	return NL_OK;
}

static int on_done(struct nl_msg *msg, void *arg)
{
	struct req *r = arg;

	(void)msg;
	r->done = true;
	return NL_STOP;
}

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct req *r = arg;

	(void)nla;
	if (!r->err)
		r->err = e->error < 0 ? e->error : -e->error;
	r->done = true;
	return NL_STOP;
}

/* libnl's own failures, as the nearest errno. */
static int nlerr_to_errno(int nlerr)
{
	switch (-nlerr) {
	case NLE_NOMEM:
		return -ENOMEM;
	case NLE_PERM:
		return -EPERM;
	case NLE_AGAIN:
		return -EAGAIN;
	case NLE_INTR:
		return -EINTR;
	case NLE_OBJ_NOTFOUND:
		return -ENOENT;
	default:
		return -EINVAL;
	}
}

/* Send @msg (consumed) and read the answer through @parse. */
static int transact(struct ipvs *h, struct nl_msg *msg,
		    int (*parse)(struct nlmsghdr *, void *), void *arg)
{
	struct req r = { .parse = parse, .arg = arg };
	int ret;

	nl_cb_set(h->cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &r);
	nl_cb_set(h->cb, NL_CB_FINISH, NL_CB_CUSTOM, on_done, &r);
	nl_cb_set(h->cb, NL_CB_ACK, NL_CB_CUSTOM, on_done, &r);
	nl_cb_err(h->cb, NL_CB_CUSTOM, on_error, &r);

	ret = nl_send_auto(h->sk, msg);
	nlmsg_free(msg);
	if (ret < 0)
		return nlerr_to_errno(ret);
	while (!r.done) {
		ret = nl_recvmsgs(h->sk, h->cb);
		if (ret < 0 && !r.done) {
			if (ret == -NLE_INTR)
				continue;
			return r.err ? r.err : nlerr_to_errno(ret);
		}
	}
	return r.err;
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

int ipvs_open(struct ipvs **hp)
{
	struct ipvs *h;
	struct nl_msg *msg;
	int ret;

	*hp = NULL;
	h = calloc(1, sizeof(*h));
	if (!h)
		return -ENOMEM;
	h->sk = nl_socket_alloc();
	h->cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!h->sk || !h->cb) {
		ret = -ENOMEM;
		goto fail;
	}
	ret = genl_connect(h->sk);
	if (ret < 0) {
		ret = nlerr_to_errno(ret);
		goto fail;
	}
	h->family = genl_ctrl_resolve(h->sk, IPVS_GENL_NAME);
	if (h->family < 0 && load_module())
		h->family = genl_ctrl_resolve(h->sk, IPVS_GENL_NAME);
	if (h->family < 0) {
		/* What the kernel says to an IPVS socket option without IPVS. */
		ret = -ENOPROTOOPT;
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
	if (h->cb)
		nl_cb_put(h->cb);
	if (h->sk)
		nl_socket_free(h->sk);
	free(h);
}

const struct lvs_info *ipvs_info(const struct ipvs *h)
{
	return &h->info;
}

int ipvs_get_services(struct ipvs *h, struct lvs_table *t)
{
	struct nl_msg *msg = new_msg(h, IPVS_CMD_GET_SERVICE, NLM_F_DUMP);

	if (!msg)
		return -ENOMEM;
	return transact(h, msg, ipvs_msg_parse_service_table, t);
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

int ipvs_get_dests(struct ipvs *h, struct lvs_service_entry *e)
{
	struct nl_msg *msg = new_msg(h, IPVS_CMD_GET_DEST, NLM_F_DUMP);

	if (!msg)
		return -ENOMEM;
	if (ipvs_msg_put_service(msg, &e->svc, false)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return transact(h, msg, ipvs_msg_parse_dest, e);
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

int ipvs_execute(struct ipvs *h, const struct lvs_cmd *cmd)
{
	static const uint8_t genl_cmd[LVS_NUM_CMDS] = {
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
	struct nl_msg *msg;

	if (cmd->kind < 0 || cmd->kind >= LVS_NUM_CMDS || !genl_cmd[cmd->kind])
		return -EINVAL;
	msg = new_msg(h, genl_cmd[cmd->kind], 0);
	if (!msg)
		return -ENOMEM;
	if (ipvs_msg_build(msg, cmd)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return transact(h, msg, NULL, NULL);
}

const char *ipvs_strerror(enum ipvs_op op, int err)
{
	static const struct {
		enum ipvs_op op;
		int err;
		const char *text;
	} by_op[] = {
		{ IPVS_OP_ADD_SERVICE, EEXIST, "Service already exists" },
		{ IPVS_OP_ADD_SERVICE, ENOENT,
		  "Scheduler or persistence engine not found" },
		{ IPVS_OP_EDIT_SERVICE, ESRCH, "No such service" },
		{ IPVS_OP_EDIT_SERVICE, ENOENT,
		  "Scheduler or persistence engine not found" },
		{ IPVS_OP_DEL_SERVICE, ESRCH, "No such service" },
		{ IPVS_OP_ZERO, ESRCH, "No such service" },
		{ IPVS_OP_ADD_DEST, ESRCH, "Service not defined" },
		{ IPVS_OP_ADD_DEST, EEXIST, "Destination already exists" },
		{ IPVS_OP_EDIT_DEST, ESRCH, "Service not defined" },
		{ IPVS_OP_EDIT_DEST, ENOENT, "No such destination" },
		{ IPVS_OP_DEL_DEST, ESRCH, "Service not defined" },
		{ IPVS_OP_DEL_DEST, ENOENT, "No such destination" },
		{ IPVS_OP_START_DAEMON, EEXIST, "Daemon has already run" },
		{ IPVS_OP_STOP_DAEMON, ESRCH, "No daemon is running" },
		{ IPVS_OP_GET_SERVICES, ESRCH, "No such service" },
		{ IPVS_OP_GET_DESTS, ESRCH, "No such service" },
		{ IPVS_OP_GET_SERVICE, ESRCH, "No such service" },
	};
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
		if (by_op[i].op == op && by_op[i].err == err)
			return by_op[i].text;
	for (size_t i = 0; i < sizeof(generic) / sizeof(generic[0]); i++)
		if (generic[i].err == err)
			return generic[i].text;
	return strerror(err);
}
