/* audit_netlink.h - the audit rules loaded in the kernel, asked over the
 * audit netlink socket with libaudit, as `auditctl -l` does
 * (src/collect/audit_netlink.c).  The only I/O of the audit rule code; the
 * records are decoded by audit_rule_from_data() (audit_rules.h).
 *
 * Ownership: *ret_rules and *ret_error belong to the caller. */
#ifndef DOCKAUDIT_AUDIT_NETLINK_H
#define DOCKAUDIT_AUDIT_NETLINK_H

#include <jansson.h>

/* The loaded rules, in the kernel's order, as a JSON array of the objects
 * audit_rule_to_json() writes.  Returns 0, or -errno with *ret_error set to
 * a message the caller frees. */
int audit_loaded_rules(json_t **ret_rules, char **ret_error);

#endif
