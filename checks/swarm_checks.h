/* swarm_checks.h - 5.1 and the section 7 audit functions (host and swarm
 * scope): pure readers of the daemon model's swarm part and networks
 * (daemon_model.h). */
#ifndef DOCKAUDIT_SWARM_CHECKS_H
#define DOCKAUDIT_SWARM_CHECKS_H

#include "check.h"

void audit_swarm_mode_needed(const struct check_ctx *ctx, struct result *r);
void audit_swarm_manager_count(const struct check_ctx *ctx, struct result *r);
void audit_swarm_listener_bound(const struct check_ctx *ctx, struct result *r);
void audit_swarm_overlay_encrypted(const struct check_ctx *ctx, struct result *r);
void audit_swarm_secrets_used(const struct check_ctx *ctx, struct result *r);
void audit_swarm_autolock(const struct check_ctx *ctx, struct result *r);
void audit_swarm_node_cert_expiry(const struct check_ctx *ctx, struct result *r);
void audit_swarm_ca_evidence(const struct check_ctx *ctx, struct result *r);
void audit_swarm_data_path_evidence(const struct check_ctx *ctx, struct result *r);

#endif
