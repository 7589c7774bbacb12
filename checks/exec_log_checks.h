/* exec_log_checks.h - 5.23 and 5.24 over the host's audit log: the
 * docker exec commands it recorded (host_model.h, host_audit_log), whether
 * it can record them at all (an audit rule on the docker client), and the
 * verdict over both that and the engine's exec instances.
 *
 * These are the host-wide part of two container checks: the core runs
 * them after the per-container items are concluded (check.h, `audit` of a
 * SCOPE_CONTAINER check), with r holding the containers' verdict, and
 * they settle the result.  Pure. */
#ifndef DOCKAUDIT_EXEC_LOG_CHECKS_H
#define DOCKAUDIT_EXEC_LOG_CHECKS_H

#include "check.h"

/* 5.23: no docker exec --privileged in the audit log. */
void audit_exec_log_privileged(const struct check_ctx *ctx, struct result *r);
/* 5.24: no docker exec --user root (or uid 0) in the audit log. */
void audit_exec_log_root_user(const struct check_ctx *ctx, struct result *r);

#endif
