/* section7_swarm.c - benchmark section 7: Docker swarm configuration.
 *
 * Every row is swarm scope: the core reports notapplicable unless this
 * node is an active swarm manager.  All are Manual, level 1 (swarm
 * profile), with the same ids in 1.6.0, 1.7.0 and 1.8.0.  7.1, 7.3, 7.4,
 * 7.5 and 7.7 are decided from the swarm's state and 7.2 from the host's
 * listening sockets (checks/swarm_checks.c); 7.8 and 7.9 report the
 * evidence the engine gives for a person; 7.6 has none. */
#include "check.h"
#include "swarm_checks.h"

#include "pure.h"        /* last: no I/O below this line */

#define SAME_ID(x) { x, x, x }

static const struct check swarm_checks[] = {
	{
		.id = SAME_ID("7.1"),
		.slug = "swarm_manager_count",
		.title = "The swarm has no more managers than it needs",
		.level = 1, .severity = SEVERITY_MEDIUM, .scope = SCOPE_SWARM,
		.audit = audit_swarm_manager_count,
		.rationale = "Each manager holds the full cluster state and keys; more managers "
			     "than fault tolerance requires only add targets.",
		.remediation = "Keep an odd number of managers sized for the failures you must "
			       "survive (3 or 5) and demote the rest with 'docker node demote'.",
		.manual_note = "Count the managers in 'docker node ls' (MANAGER STATUS column) and "
			       "check the number matches the planned fault tolerance.",
	},
	{
		.id = SAME_ID("7.2"),
		.slug = "swarm_bound_to_interface",
		.title = "Swarm services listen on a specific host interface",
		.level = 1, .severity = SEVERITY_MEDIUM, .scope = SCOPE_SWARM,
		.audit = audit_swarm_listener_bound,
		.rationale = "Swarm's management port (2377/tcp) and node discovery port (7946) "
			     "listening on every interface expose the cluster to untrusted networks.",
		.remediation = "Initialise or join with --listen-addr and --advertise-addr set to "
			       "the cluster network's address (e.g. --listen-addr 10.0.0.5:2377).",
		.manual_note = "Where the host's sockets cannot be read, check which address ports "
			       "2377 and 7946 listen on (ss -lntup | grep -E ':2377|:7946'); it must "
			       "not be 0.0.0.0 or [::].",
	},
	{
		.id = SAME_ID("7.3"),
		.slug = "swarm_overlay_encrypted",
		.title = "Swarm overlay networks are encrypted",
		.level = 1, .severity = SEVERITY_MEDIUM, .scope = SCOPE_SWARM,
		.audit = audit_swarm_overlay_encrypted,
		.rationale = "Overlay traffic between nodes is plain VXLAN unless encryption is "
			     "turned on, so anyone on the path can read it.",
		.remediation = "Create overlay networks with --opt encrypted (docker network create "
			       "-d overlay --opt encrypted NAME); an existing network cannot be "
			       "changed: recreate it, and recreate the ingress network the same way "
			       "(docker network create --ingress -d overlay --opt encrypted NAME).",
		.manual_note = "Check every overlay network for the \"encrypted\" option "
			       "(docker network inspect --format '{{.Options}}').",
	},
	{
		.id = SAME_ID("7.4"),
		.slug = "swarm_secrets_managed",
		.title = "Swarm secrets hold the cluster's sensitive data",
		.level = 1, .severity = SEVERITY_MEDIUM, .scope = SCOPE_SWARM,
		.audit = audit_swarm_secrets_used,
		.rationale = "Passwords and keys passed as environment variables or files in images "
			     "are visible to anyone who can inspect the service.",
		.remediation = "Store sensitive values with 'docker secret create' and give them to "
			       "services with --secret (read from /run/secrets/NAME, or NAME_FILE "
			       "variables); remove them from --env / environment: in the service.",
		.manual_note = "Check services' environment (docker service inspect) for passwords "
			       "or keys that belong in 'docker secret'.",
	},
	{
		.id = SAME_ID("7.5"),
		.slug = "swarm_autolock",
		.title = "Swarm managers run with auto-lock",
		.level = 1, .severity = SEVERITY_MEDIUM, .scope = SCOPE_SWARM,
		.audit = audit_swarm_autolock,
		.rationale = "Without auto-lock the keys that decrypt the swarm's Raft log sit on "
			     "the manager's disk, readable by anyone who gets the disk.",
		.remediation = "Turn it on with 'docker swarm update --autolock=true' and keep the "
			       "unlock key somewhere safe.",
		.manual_note = "Check 'docker info' for Autolock Managers: true, or that "
			       "'docker swarm unlock-key' reports a key.",
	},
	{
		.id = SAME_ID("7.6"),
		.slug = "swarm_unlock_key_rotated",
		.title = "The swarm unlock key is rotated",
		.level = 1, .severity = SEVERITY_LOW, .scope = SCOPE_SWARM,
		.rationale = "A long-lived unlock key is more likely to have leaked.",
		.remediation = "Rotate it periodically with 'docker swarm unlock-key --rotate'.",
		.manual_note = "Ask when the unlock key was last rotated; there is no record of it "
			       "in the engine.",
	},
	{
		.id = SAME_ID("7.7"),
		.slug = "swarm_node_cert_rotation",
		.title = "Swarm node certificates are rotated",
		.level = 1, .severity = SEVERITY_LOW, .scope = SCOPE_SWARM,
		.audit = audit_swarm_node_cert_expiry,
		.rationale = "Short-lived node certificates limit how long a stolen node identity "
			     "stays useful.",
		.remediation = "Set a certificate lifetime of 90 days or less with "
			       "'docker swarm update --cert-expiry 2160h' (or shorter, e.g. 720h).",
		.manual_note = "Check CA Configuration > Expiry Duration in 'docker info' against "
			       "your rotation policy.",
	},
	{
		.id = SAME_ID("7.8"),
		.slug = "swarm_ca_rotated",
		.title = "The swarm CA certificate is rotated",
		.level = 1, .severity = SEVERITY_LOW, .scope = SCOPE_SWARM,
		.audit = audit_swarm_ca_evidence, .evidence_only = true,
		.rationale = "Rotating the root CA limits the damage of a leaked CA key and "
			     "retires old node certificates.",
		.remediation = "Rotate it with 'docker swarm ca --rotate' as your policy requires.",
		.manual_note = "Ask when the swarm root CA was last rotated (check the CA "
			       "certificate's dates with 'docker swarm ca').",
	},
	{
		.id = SAME_ID("7.9"),
		.slug = "swarm_data_plane_separated",
		.title = "Swarm management traffic is kept off the data network",
		.level = 1, .severity = SEVERITY_LOW, .scope = SCOPE_SWARM,
		.audit = audit_swarm_data_path_evidence, .evidence_only = true,
		.rationale = "Carrying control traffic on a separate network keeps application "
			     "load and hostile workloads away from the cluster's control plane.",
		.remediation = "Initialise or join with --data-path-addr on a different interface "
			       "from --advertise-addr.",
		.manual_note = "Compare the node's advertise address with its data path address "
			       "(docker node inspect --format '{{.Status.Addr}}' and the swarm "
			       "init/join options).",
	},
};

const struct check_section section_swarm = {
	.number = "7",
	.title = "Docker swarm configuration",
	.checks = swarm_checks,
	.count = ARRAY_SIZE(swarm_checks),
};
