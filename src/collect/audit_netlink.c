/* audit_netlink.c - asks the kernel for its audit rules over the audit
 * netlink socket (include/audit_netlink.h); each record is decoded by the
 * pure audit_rule_from_data(). */
#include "audit_netlink.h"

#include <errno.h>
#include <libaudit.h>
#include <linux/audit.h>
#include <poll.h>
#include <string.h>

#include "audit_rules.h"
#include "util.h"

#define AUDIT_LOADED_MAX_RULES 20000
#define AUDIT_REPLY_TIMEOUT_MS 2000

/* Waits for and reads one netlink reply.  Returns > 0, or -errno. */
static int read_reply(int fd, struct audit_reply *rep)
{
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int pr = poll(&p, 1, AUDIT_REPLY_TIMEOUT_MS);
		if (pr < 0 && errno == EINTR)
			continue;
		if (pr < 0)
			return -errno;
		if (pr == 0)
			return -ETIMEDOUT;
		int r = audit_get_reply(fd, rep, GET_REPLY_NONBLOCKING, 0);
		if (r == -EAGAIN || r == -EINTR || r == 0)
			continue;
		return r;
	}
}

int audit_loaded_rules(json_t **ret_rules, char **ret_error)
{
	/* libaudit logs to syslog by default; errors are ours to report. */
	set_aumessage_mode(MSG_QUIET, DBG_NO);
	int fd = audit_open();
	if (fd < 0) {
		int e = errno ? errno : EPROTONOSUPPORT;
		*ret_error = xasprintf("cannot open the audit netlink socket: %s", strerror(e));
		return -e;
	}
	int r = audit_request_rules_list_data(fd);
	if (r <= 0) {
		int e = r < 0 ? -r : EIO;
		*ret_error = xasprintf("cannot list the loaded audit rules: %s", strerror(e));
		audit_close(fd);
		return -e;
	}
	json_t *rules = json_array();
	size_t seen = 0;
	for (;;) {
		struct audit_reply rep;
		r = read_reply(fd, &rep);
		if (r < 0) {
			*ret_error = xasprintf("cannot list the loaded audit rules: %s", strerror(-r));
			goto fail;
		}
		if (rep.type == NLMSG_DONE)
			break;
		if (rep.type == NLMSG_ERROR) {
			int e = rep.error ? -rep.error->error : EIO;
			if (e == 0)
				continue;   /* an acknowledgement */
			r = -e;
			*ret_error = xasprintf("cannot list the loaded audit rules: %s", strerror(e));
			goto fail;
		}
		if (rep.type != AUDIT_LIST_RULES)
			continue;
		if (++seen > AUDIT_LOADED_MAX_RULES) {
			r = -E2BIG;
			*ret_error = xstrdup("cannot list the loaded audit rules: too many rules");
			goto fail;
		}
		struct audit_rule ar;
		size_t avail = rep.nlh ? NLMSG_PAYLOAD(rep.nlh, 0) : 0;
		if (audit_rule_from_data(rep.ruledata, avail, &ar) == 0) {
			json_array_append_new(rules, audit_rule_to_json(&ar));
			audit_rule_clear(&ar);
		}
	}
	audit_close(fd);
	*ret_rules = rules;
	return 0;
fail:
	audit_close(fd);
	json_decref(rules);
	return r;
}
