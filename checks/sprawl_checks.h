/* sprawl_checks.h - section 6: counts of unused images and stopped
 * containers against the thresholds in struct audit_options.  Host scope
 * audit functions; pure. */
#ifndef DOCKAUDIT_SPRAWL_CHECKS_H
#define DOCKAUDIT_SPRAWL_CHECKS_H

#include "check.h"

void audit_image_sprawl(const struct check_ctx *ctx, struct result *r);
void audit_container_sprawl(const struct check_ctx *ctx, struct result *r);

#endif
