/* section5_runtime.c - benchmark section 5: Container runtime.
 *
 * Every row but 5.1 is a per-container check decided from the container's
 * inspect data, its process list (5.7), its exec instances (5.23, 5.24,
 * which then read the host's audit log too: checks/exec_log_checks.c) or
 * the image its reference resolves to now (5.28), in
 * checks/container_checks.c; 5.1 reports the swarm state.  The rows whose
 * audit in the benchmark inspects every container (docker ps --quiet
 * --all) are stopped_too: they judge stopped containers as well; the
 * others (5.7-5.9, 5.14, 5.23, 5.24, 5.27, 5.28, 5.30) read what exists
 * only while a container runs, or audit running containers only.  The benchmark labels every row of
 * this section Manual in 1.6.0, 1.7.0 and 1.8.0; ids are the same in all
 * three. */
#include "check.h"
#include "container_checks.h"
#include "exec_log_checks.h"
#include "swarm_checks.h"

#include <stddef.h>

#include "pure.h"        /* last: no I/O below this line */

#define SAME_ID(x) { x, x, x }

#define NAMESPACE_ROW(member, field, what) \
	{ offsetof(struct container_model, member), field, what }
static const struct namespace_row ns_network = NAMESPACE_ROW(network_mode, "NetworkMode", "network");
static const struct namespace_row ns_pid = NAMESPACE_ROW(pid_mode, "PidMode", "process");
static const struct namespace_row ns_ipc = NAMESPACE_ROW(ipc_mode, "IpcMode", "IPC");
static const struct namespace_row ns_uts = NAMESPACE_ROW(uts_mode, "UTSMode", "UTS");
static const struct namespace_row ns_userns = NAMESPACE_ROW(userns_mode, "UsernsMode", "user");

static const struct flag_row not_privileged = {
	offsetof(struct container_model, privileged), "Privileged", false,
	"not privileged", "runs privileged (HostConfig.Privileged is true)",
};
static const struct flag_row rootfs_readonly = {
	offsetof(struct container_model, readonly_rootfs), "ReadonlyRootfs", true,
	"root filesystem is read-only",
	"root filesystem is writable (HostConfig.ReadonlyRootfs is false)",
};

static const struct check runtime_checks[] = {
	{
		.id = SAME_ID("5.1"),
		.slug = "swarm_mode_only_if_needed",
		.title = "Swarm mode is enabled only where it is needed",
		.level = 1, .severity = SEVERITY_LOW, .scope = SCOPE_HOST,
		.audit = audit_swarm_mode_needed, .evidence_only = true,
		.rationale = "An active swarm opens management and gossip ports and keeps "
			     "cluster state on the node; a host that does not take part in a "
			     "cluster should not carry that attack surface.",
		.remediation = "On hosts that do not belong to a cluster, leave the swarm with "
			       "'docker swarm leave' (add --force on the last manager).",
		.manual_note = "Check engine info Swarm.LocalNodeState; if it is \"active\", confirm "
			       "this host is meant to be a swarm node.",
	},
	{
		.id = SAME_ID("5.2"),
		.slug = "container_apparmor_profile",
		.title = "Containers run under an AppArmor profile",
		.level = 1, .severity = SEVERITY_MEDIUM, .scope = SCOPE_CONTAINER,
		.stopped_too = true,
		.audit_container = audit_container_apparmor_profile,
		.rationale = "An AppArmor profile limits which files, mounts and capabilities a "
			     "process can use even after it escapes the application's own checks.",
		.remediation = "On AppArmor hosts keep the docker-default profile or load a "
			       "tailored one and start containers with "
			       "--security-opt apparmor=PROFILE; never use apparmor=unconfined.",
		.manual_note = "On AppArmor hosts, look at each container's AppArmorProfile in "
			       "docker inspect: it must not be empty or \"unconfined\".",
	},
	{
		.id = SAME_ID("5.3"),
		.slug = "container_selinux_options",
		.title = "Containers run with SELinux labels",
		.level = 2, .severity = SEVERITY_MEDIUM, .scope = SCOPE_CONTAINER,
		.stopped_too = true,
		.audit_container = audit_container_selinux_labels,
		.rationale = "SELinux type enforcement confines a container's processes to their "
			     "own label, so a compromised container cannot touch host files or "
			     "other containers' data.",
		.remediation = "On SELinux hosts run dockerd with --selinux-enabled and give "
			       "containers labels with --security-opt label=type:TYPE or "
			       "label=level:LEVEL; never use label=disable.",
		.manual_note = "On SELinux hosts, confirm SecurityOptions in docker info lists "
			       "selinux and each container's HostConfig.SecurityOpt has no "
			       "label=disable.",
	},
	{
		.id = SAME_ID("5.4"),
		.slug = "container_capabilities_restricted",
		.title = "Containers are not granted extra Linux capabilities",
		.level = 1, .severity = SEVERITY_HIGH, .scope = SCOPE_CONTAINER,
		.stopped_too = true,
		.audit_container = audit_container_no_extra_capabilities,
		.rationale = "Capabilities beyond Docker's default set (SYS_ADMIN, NET_ADMIN, "
			     "SYS_PTRACE, ...) give root in the container powers that lead to the "
			     "host.",
		.remediation = "Drop what the workload does not use with --cap-drop (ideally "
			       "--cap-drop ALL) and add back only what it needs with --cap-add; "
			       "avoid --cap-add ALL and --privileged.",
	},
	{
		.id = SAME_ID("5.5"),
		.slug = "container_not_privileged",
		.title = "Containers do not run in privileged mode",
		.level = 1, .severity = SEVERITY_HIGH, .scope = SCOPE_CONTAINER,
		.stopped_too = true,
		.audit_container = audit_container_flag, .arg = &not_privileged,
		.rationale = "A privileged container has every capability, every host device and "
			     "no seccomp, AppArmor or device cgroup limits: it is root on the host "
			     "in all but name.",
		.remediation = "Run without --privileged; grant only the capabilities needed with "
			       "--cap-add and only the devices needed with --device.",
	},
	{
		.id = SAME_ID("5.6"),
		.slug = "container_no_sensitive_host_mounts",
		.title = "Sensitive host directories are not mounted into containers",
		.level = 1, .severity = SEVERITY_HIGH, .scope = SCOPE_CONTAINER,
		.stopped_too = true,
		.audit_container = audit_container_no_sensitive_host_mounts,
		.rationale = "Mounting /, /boot, /dev, /etc, /lib, /proc, /sys or /usr from the "
			     "host, especially writable, lets the container change the host.",
		.remediation = "Remove -v/--mount binds of host system directories; mount only "
			       "application data, read-only (:ro) where possible.",
		.manual_note = "Review each container's Mounts in docker inspect for binds of "
			       "/, /boot, /dev, /etc, /lib, /proc, /sys, /usr and whether they are "
			       "writable.",
	},
	{
		.id = SAME_ID("5.7"),
		.slug = "container_no_sshd",
		.title = "Containers do not run an SSH server",
		.level = 1, .severity = SEVERITY_MEDIUM, .scope = SCOPE_CONTAINER,
		.audit_container = audit_container_no_sshd,
		.rationale = "An SSH daemon inside a container adds keys, passwords and a network "
			     "service to manage; docker exec already gives operators a shell.",
		.remediation = "Remove sshd from the image and use 'docker exec' for access.",
		.manual_note = "List each container's processes with 'docker top CONTAINER' and look "
			       "for sshd (a container without ps still shows them there).",
	},
	{
		.id = SAME_ID("5.8"),
		.slug = "container_no_privileged_host_ports",
		.title = "Containers do not publish on privileged host ports",
		.level = 1, .severity = SEVERITY_LOW, .scope = SCOPE_CONTAINER,
		.audit_container = audit_container_no_privileged_host_ports,
		.rationale = "Host ports below 1024 are where system services are expected; a "
			     "container on them can impersonate one.",
		.remediation = "Publish on a host port of 1024 or above (-p 8443:443) unless the "
			       "container really is the host's service for that port.",
		.manual_note = "Look at HostPort in each container's NetworkSettings.Ports: values "
			       "below 1024 need a reason.",
	},
	{
		.id = SAME_ID("5.9"),
		.slug = "container_only_needed_ports",
		.title = "Containers open only the ports they need",
		.level = 1, .severity = SEVERITY_LOW, .scope = SCOPE_CONTAINER,
		.audit_container = audit_container_only_needed_ports,
		.rationale = "Every published port is a way in; ports opened by -P or left over "
			     "from debugging widen the surface for nothing.",
		.remediation = "Publish explicit ports with -p instead of -P and remove EXPOSE "
			       "lines the service does not use.",
		.manual_note = "Compare each container's published ports (docker port CONTAINER) "
			       "with what the service actually needs.",
	},
	{
		.id = SAME_ID("5.10"),
		.slug = "container_no_host_network",
		.title = "Containers do not share the host's network namespace",
		.level = 1, .severity = SEVERITY_HIGH, .scope = SCOPE_CONTAINER,
		.stopped_too = true,
		.audit_container = audit_container_host_namespace_not_shared, .arg = &ns_network,
		.rationale = "With the host's network stack a container sees every host "
			     "interface, can bind any host port and reach services listening on "
			     "localhost.",
		.remediation = "Run without --network host; publish the needed ports with -p on a "
			       "bridge or user-defined network.",
	},
	{
		.id = SAME_ID("5.11"),
		.slug = "container_memory_limited",
		.title = "Container memory use is limited",
		.level = 1, .severity = SEVERITY_MEDIUM, .scope = SCOPE_CONTAINER,
		.stopped_too = true,
		.audit_container = audit_container_memory_limited,
		.rationale = "Without a limit one container can exhaust the host's memory and get "
			     "other containers or host services killed.",
		.remediation = "Set a limit with --memory (e.g. --memory 512m), in compose "
			       "mem_limit or deploy.resources.limits.memory.",
	},
	{
		.id = SAME_ID("5.12"),
		.slug = "container_cpu_priority",
		.title = "Container CPU priority is set",
		.level = 1, .severity = SEVERITY_LOW, .scope = SCOPE_CONTAINER,
		.stopped_too = true,
		.audit_container = audit_container_cpu_limited,
		.rationale = "With default shares and no quota every container competes equally "
			     "for CPU, so a busy or hostile one can starve the rest.",
		.remediation = "Give containers a relative weight with --cpu-shares (default 1024) "
			       "or a cap with --cpus.",
	},
	{
		.id = SAME_ID("5.13"),
		.slug = "container_rootfs_readonly",
		.title = "Container root filesystems are read-only",
		.level = 1, .severity = SEVERITY_MEDIUM, .scope = SCOPE_CONTAINER,
		.stopped_too = true,
		.audit_container = audit_container_flag, .arg = &rootfs_readonly,
		.rationale = "A read-only root filesystem stops an intruder from changing the "
			     "container's binaries or dropping tools into it, and makes drift "
			     "visible.",
		.remediation = "Start with --read-only and give writable paths their own volume or "
			       "--tmpfs (e.g. --tmpfs /tmp).",
	},
	{
		.id = SAME_ID("5.14"),
		.slug = "container_ports_bound_to_interface",
		.title = "Published ports are bound to a specific host address",
		.level = 1, .severity = SEVERITY_MEDIUM, .scope = SCOPE_CONTAINER,
		.audit_container = audit_container_ports_bound_to_address,
		.rationale = "A port published without an address listens on every interface, "
			     "IPv4 and IPv6, including ones facing untrusted networks.",
		.remediation = "Publish with an address: -p 127.0.0.1:8080:80 or "
			       "-p 10.0.0.5:8080:80, not -p 8080:80; the daemon's \"ip\" option "
			       "changes the default address.",
	},
	{
		.id = SAME_ID("5.15"),
		.slug = "container_restart_policy_bounded",
		.title = "Container restarts on failure are capped",
		.level = 1, .severity = SEVERITY_LOW, .scope = SCOPE_CONTAINER,
		.stopped_too = true,
		.audit_container = audit_container_restart_policy_bounded,
		.rationale = "A container restarted without limit hides a crash loop and can keep "
			     "a broken or attacked service burning resources.",
		.remediation = "Use --restart on-failure:5 (or no restart policy) instead of "
			       "--restart always or unless-stopped.",
	},
	{
		.id = SAME_ID("5.16"),
		.slug = "container_no_host_pid",
		.title = "Containers do not share the host's process namespace",
		.level = 1, .severity = SEVERITY_HIGH, .scope = SCOPE_CONTAINER,
		.stopped_too = true,
		.audit_container = audit_container_host_namespace_not_shared, .arg = &ns_pid,
		.rationale = "In the host's PID namespace a container sees every host process and, "
			     "as root, can signal or trace them.",
		.remediation = "Run without --pid host.",
	},
	{
		.id = SAME_ID("5.17"),
		.slug = "container_no_host_ipc",
		.title = "Containers do not share the host's IPC namespace",
		.level = 1, .severity = SEVERITY_HIGH, .scope = SCOPE_CONTAINER,
		.stopped_too = true,
		.audit_container = audit_container_host_namespace_not_shared, .arg = &ns_ipc,
		.rationale = "The host's IPC namespace exposes its shared memory segments and "
			     "message queues to the container.",
		.remediation = "Run without --ipc host; share IPC between containers with "
			       "--ipc container:NAME or shareable if needed.",
	},
	{
		.id = SAME_ID("5.18"),
		.slug = "container_no_host_devices",
		.title = "Host devices are not passed into containers",
		.level = 1, .severity = SEVERITY_MEDIUM, .scope = SCOPE_CONTAINER,
		.stopped_too = true,
		.audit_container = audit_container_no_host_devices,
		.rationale = "A host device node (disks, /dev/mem, USB, GPUs) gives the container "
			     "direct access to hardware and data outside its filesystem.",
		.remediation = "Remove --device options the workload does not need; when one is "
			       "needed, grant the least access (e.g. --device /dev/ttyUSB0:/dev/ttyUSB0:r).",
	},
	{
		.id = SAME_ID("5.19"),
		.slug = "container_ulimits_reviewed",
		.title = "Container ulimits are overridden where needed",
		.level = 1, .severity = SEVERITY_LOW, .scope = SCOPE_CONTAINER,
		.stopped_too = true,
		.audit_container = audit_container_ulimits, .evidence_only = true,
		.rationale = "Per-container ulimits keep one container from using up file "
			     "descriptors or processes that the daemon's defaults allow.",
		.remediation = "Set --ulimit (e.g. --ulimit nofile=1024:2048) on containers whose "
			       "needs differ from the daemon's default-ulimits.",
		.manual_note = "Compare each container's HostConfig.Ulimits with the daemon's "
			       "default-ulimits and the workload's needs.",
	},
	{
		.id = SAME_ID("5.20"),
		.slug = "container_mount_propagation_not_shared",
		.title = "Mounts do not use shared propagation",
		.level = 1, .severity = SEVERITY_MEDIUM, .scope = SCOPE_CONTAINER,
		.stopped_too = true,
		.audit_container = audit_container_no_shared_propagation,
		.rationale = "With shared propagation, mounts made inside the container appear on "
			     "the host and the other way round.",
		.remediation = "Use the default rprivate propagation; remove :shared / :rshared "
			       "from -v options and bind-propagation=shared from --mount.",
	},
	{
		.id = SAME_ID("5.21"),
		.slug = "container_no_host_uts",
		.title = "Containers do not share the host's UTS namespace",
		.level = 1, .severity = SEVERITY_MEDIUM, .scope = SCOPE_CONTAINER,
		.stopped_too = true,
		.audit_container = audit_container_host_namespace_not_shared, .arg = &ns_uts,
		.rationale = "In the host's UTS namespace a container can change the host's "
			     "hostname and domain name.",
		.remediation = "Run without --uts host.",
	},
	{
		.id = SAME_ID("5.22"),
		.slug = "container_seccomp_enabled",
		.title = "Containers keep a seccomp profile",
		.level = 1, .severity = SEVERITY_HIGH, .scope = SCOPE_CONTAINER,
		.stopped_too = true,
		.audit_container = audit_container_seccomp_confined,
		.rationale = "Docker's default seccomp profile blocks dozens of system calls that "
			     "containers rarely need and that kernel exploits often use.",
		.remediation = "Run without --security-opt seccomp=unconfined (and without "
			       "--privileged); use a custom profile with "
			       "--security-opt seccomp=PROFILE.json if the default is too strict.",
	},
	{
		.id = SAME_ID("5.23"),
		.slug = "exec_not_privileged",
		.title = "docker exec is not used with --privileged",
		.level = 2, .severity = SEVERITY_MEDIUM, .scope = SCOPE_CONTAINER,
		.audit_container = audit_container_no_privileged_exec,
		.audit = audit_exec_log_privileged,   /* then the host's audit log */
		.rationale = "A privileged exec session gets every capability inside a container "
			     "that was started without them.",
		.remediation = "Do not pass --privileged to docker exec; fix the container's own "
			       "capabilities instead.",
		.manual_note = "Search the audit log and shell histories for 'docker exec "
			       "--privileged'.",
	},
	{
		.id = SAME_ID("5.24"),
		.slug = "exec_not_as_root",
		.title = "docker exec is not used with --user root",
		.level = 2, .severity = SEVERITY_MEDIUM, .scope = SCOPE_CONTAINER,
		.audit_container = audit_container_no_root_exec,
		.audit = audit_exec_log_root_user,    /* then the host's audit log */
		.rationale = "An exec session as root in a container built to run as another user "
			     "undoes that protection.",
		.remediation = "Do not pass --user root (or -u 0) to docker exec.",
		.manual_note = "Search the audit log and shell histories for 'docker exec' with "
			       "--user root or -u 0.",
	},
	{
		.id = SAME_ID("5.25"),
		.slug = "container_cgroup_parent_default",
		.title = "Containers stay in the default cgroup parent",
		.level = 1, .severity = SEVERITY_LOW, .scope = SCOPE_CONTAINER,
		.stopped_too = true,
		.audit_container = audit_container_default_cgroup_parent,
		.rationale = "A custom cgroup parent moves a container out from under the limits "
			     "Docker manages; it should be a deliberate choice.",
		.remediation = "Remove --cgroup-parent unless the cgroup it names has been set up "
			       "with the intended limits.",
	},
	{
		.id = SAME_ID("5.26"),
		.slug = "container_no_new_privileges",
		.title = "Containers cannot gain new privileges",
		.level = 1, .severity = SEVERITY_MEDIUM, .scope = SCOPE_CONTAINER,
		.stopped_too = true,
		.audit_container = audit_container_no_new_privileges,
		.rationale = "Without no_new_privs a process can gain privileges through setuid "
			     "or file-capability binaries inside the container.",
		.remediation = "Start containers with --security-opt no-new-privileges:true, or set "
			       "\"no-new-privileges\": true in daemon.json for all of them.",
	},
	{
		.id = SAME_ID("5.27"),
		.slug = "container_health_checked",
		.title = "Container health is checked while running",
		.level = 1, .severity = SEVERITY_LOW, .scope = SCOPE_CONTAINER,
		.audit_container = audit_container_health_checked,
		.rationale = "A health check lets Docker and orchestrators notice a hung or "
			     "subverted service instead of trusting that it runs.",
		.remediation = "Add a HEALTHCHECK to the image or start with --health-cmd (and "
			       "--health-interval).",
		.manual_note = "Look at each container's State.Health in docker inspect; it is "
			       "absent when no health check is defined.",
	},
	{
		.id = SAME_ID("5.28"),
		.slug = "image_latest_version_used",
		.title = "Containers are started from current images",
		.level = 1, .severity = SEVERITY_LOW, .scope = SCOPE_CONTAINER,
		.audit_container = audit_container_image_current,
		.rationale = "A locally cached image can be far older than the one in the "
			     "registry and miss its fixes.",
		.remediation = "Recreate containers whose image name now points to a newer image "
			       "(docker compose up -d --force-recreate, or docker rm -f then docker "
			       "run again), and pull before running (docker run --pull always) so "
			       "the local name is current.",
		.manual_note = "Compare the image digests running containers use with the current "
			       "ones in your registry.",
	},
	{
		.id = SAME_ID("5.29"),
		.slug = "container_pids_limited",
		.title = "Container process counts are limited",
		.level = 1, .severity = SEVERITY_MEDIUM, .scope = SCOPE_CONTAINER,
		.stopped_too = true,
		.audit_container = audit_container_pids_limited,
		.rationale = "Without a PIDs limit a fork bomb in one container exhausts the "
			     "host's process table.",
		.remediation = "Set --pids-limit (e.g. --pids-limit 200), in compose pids_limit.",
	},
	{
		.id = SAME_ID("5.30"),
		.slug = "container_not_on_default_bridge",
		.title = "Containers do not use the default docker0 bridge",
		.level = 2, .severity = SEVERITY_LOW, .scope = SCOPE_CONTAINER,
		.audit_container = audit_container_not_on_default_bridge,
		.rationale = "Every container on docker0 can reach every other one on it, and "
			     "ARP and MAC spoofing between them is possible.",
		.remediation = "Create user-defined networks (docker network create) and attach "
			       "containers with --network NAME.",
	},
	{
		.id = SAME_ID("5.31"),
		.slug = "container_no_host_userns",
		.title = "Containers do not share the host's user namespace",
		.level = 1, .severity = SEVERITY_HIGH, .scope = SCOPE_CONTAINER,
		.stopped_too = true,
		.audit_container = audit_container_host_namespace_not_shared, .arg = &ns_userns,
		.rationale = "With --userns host a container opts out of the daemon's user "
			     "namespace remapping, so its root is root on the host.",
		.remediation = "Run without --userns host.",
	},
	{
		.id = SAME_ID("5.32"),
		.slug = "container_no_docker_socket",
		.title = "The Docker socket is not mounted into containers",
		.level = 1, .severity = SEVERITY_HIGH, .scope = SCOPE_CONTAINER,
		.stopped_too = true,
		.audit_container = audit_container_docker_socket_not_mounted,
		.rationale = "Whoever can talk to the Docker socket can start a privileged "
			     "container and so controls the host.",
		.remediation = "Remove -v /var/run/docker.sock:... (and binds of /run or /var/run "
			       "as a whole); give tools a narrowly scoped API proxy instead.",
	},
};

const struct check_section section_runtime = {
	.number = "5",
	.title = "Container runtime",
	.checks = runtime_checks,
	.count = ARRAY_SIZE(runtime_checks),
};
