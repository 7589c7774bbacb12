/* section6_operations.c - benchmark section 6: Docker security operations.
 *
 * Both rows are Manual in 1.6.0, 1.7.0 and 1.8.0, with the same ids; they
 * are decided from the engine's counts against the sprawl thresholds of
 * struct audit_options (checks/sprawl_checks.c). */
#include "check.h"
#include "sprawl_checks.h"

#include "pure.h"        /* last: no I/O below this line */

#define SAME_ID(x) { x, x, x }

static const struct check operations_checks[] = {
	{
		.id = SAME_ID("6.1"),
		.slug = "image_sprawl_avoided",
		.title = "Unused images do not pile up",
		.level = 1, .severity = SEVERITY_LOW, .scope = SCOPE_HOST,
		.audit = audit_image_sprawl,
		.rationale = "Old and unused images keep vulnerable software on the host, where it "
			     "can be started by mistake, and fill the disk.",
		.remediation = "Remove images no container uses with 'docker image prune -a' (on a "
			       "schedule) and keep only the tags you deploy.",
		.manual_note = "Compare 'docker images' with the images running containers use "
			       "(docker ps --format '{{.Image}}') and remove the rest.",
	},
	{
		.id = SAME_ID("6.2"),
		.slug = "container_sprawl_avoided",
		.title = "Stopped containers do not pile up",
		.level = 1, .severity = SEVERITY_LOW, .scope = SCOPE_HOST,
		.audit = audit_container_sprawl,
		.rationale = "Stopped containers keep their data, configuration and writable "
			     "layers around and are easy to restart by mistake.",
		.remediation = "Remove stopped containers you do not need with 'docker container "
			       "prune', and start short-lived ones with --rm.",
		.manual_note = "Compare the Containers and ContainersRunning counts of 'docker "
			       "info' and review the stopped ones (docker ps -a -f status=exited).",
	},
};

const struct check_section section_operations = {
	.number = "6",
	.title = "Docker security operations",
	.checks = operations_checks,
	.count = ARRAY_SIZE(operations_checks),
};
