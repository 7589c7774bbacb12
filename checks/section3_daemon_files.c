/* section3_daemon_files.c - benchmark section 3: Docker daemon configuration
 * files.  Every decided check here is a row for audit_file_owner_mode(). */
#include "check.h"

#include "host_checks.h"

#include "pure.h"        /* last: no I/O below this line */

static const char *const etc_docker[] = { "/etc/docker", NULL };
static const char *const etc_default_docker[] = { "/etc/default/docker", NULL };
static const char *const sysconfig_docker[] = { "/etc/sysconfig/docker", NULL };

#define UNIT(name) { TARGET_UNIT, NULL, name }
#define FIXED(list) { TARGET_FIXED, list, NULL }
#define OPTION(key) { TARGET_DAEMON_OPTION, NULL, key }

static const struct file_row service_owner = { UNIT("docker.service"), FILE_OWNER, 0, false, true, false };
static const struct file_row service_mode = { UNIT("docker.service"), FILE_MODE, 0644, false, true, false };
static const struct file_row socket_unit_owner = { UNIT("docker.socket"), FILE_OWNER, 0, false, true, false };
static const struct file_row socket_unit_mode = { UNIT("docker.socket"), FILE_MODE, 0644, false, true, false };
static const struct file_row etc_docker_owner = { FIXED(etc_docker), FILE_OWNER, 0, false, false, false };
static const struct file_row etc_docker_mode = { FIXED(etc_docker), FILE_MODE, 0755, false, false, false };
static const struct file_row tlscacert_owner = { OPTION("tlscacert"), FILE_OWNER, 0, false, false, false };
static const struct file_row tlscacert_mode = { OPTION("tlscacert"), FILE_MODE, 0444, false, false, false };
static const struct file_row tlscert_owner = { OPTION("tlscert"), FILE_OWNER, 0, false, false, false };
static const struct file_row tlscert_mode = { OPTION("tlscert"), FILE_MODE, 0444, false, false, false };
static const struct file_row tlskey_owner = { OPTION("tlskey"), FILE_OWNER, 0, false, false, false };
static const struct file_row tlskey_mode = { OPTION("tlskey"), FILE_MODE, 0400, false, false, false };
static const struct file_row sock_owner = { { TARGET_DOCKER_SOCKET, NULL, NULL }, FILE_OWNER, 0, true, false, true };
static const struct file_row sock_mode = { { TARGET_DOCKER_SOCKET, NULL, NULL }, FILE_MODE, 0660, false, false, true };
static const struct file_row daemon_json_owner = { { TARGET_DAEMON_JSON, NULL, NULL }, FILE_OWNER, 0, false, false, true };
static const struct file_row daemon_json_mode = { { TARGET_DAEMON_JSON, NULL, NULL }, FILE_MODE, 0644, false, false, false };
static const struct file_row default_owner = { FIXED(etc_default_docker), FILE_OWNER, 0, false, false, false };
static const struct file_row default_mode = { FIXED(etc_default_docker), FILE_MODE, 0644, false, false, false };
static const struct file_row sysconfig_owner = { FIXED(sysconfig_docker), FILE_OWNER, 0, false, false, false };
static const struct file_row sysconfig_mode = { FIXED(sysconfig_docker), FILE_MODE, 0644, false, false, false };
static const struct file_row containerd_sock_owner = { { TARGET_CONTAINERD_SOCKET, NULL, NULL }, FILE_OWNER, 0, false, false, false };
static const struct file_row certs_owner = { { TARGET_CERTS_D, NULL, NULL }, FILE_OWNER, 0, false, false, false };
static const struct file_row certs_mode = { { TARGET_CERTS_D, NULL, NULL }, FILE_MODE, 0444, false, false, false };
static const struct file_row containerd_sock_mode = { { TARGET_CONTAINERD_SOCKET, NULL, NULL }, FILE_MODE, 0660, false, false, false };

#define IDS(x) { x, x, x }

#define OWNER_RATIONALE(what) \
	"If another user owns " what ", that user can change how the Docker daemon runs and so " \
	"gain root on the host."
#define MODE_RATIONALE(what) \
	"If " what " is writable by anyone but root, a local user can change how the Docker " \
	"daemon runs and so gain root on the host."

static const struct check daemon_files_checks[] = {
	{
		.id = IDS("3.1"), .slug = "file_docker_service_owner",
		.title = "The docker.service unit file is owned by root:root",
		.level = 1, .automated = AUTOMATED_ALL, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.audit = audit_file_owner_mode, .arg = &service_owner,
		.rationale = OWNER_RATIONALE("the docker.service unit or one of its drop-ins"),
		.remediation = "`chown root:root` the file `systemctl show -p FragmentPath docker.service` "
			       "names, and each file in docker.service.d/.",
	},
	{
		.id = IDS("3.2"), .slug = "file_docker_service_mode",
		.title = "The docker.service unit file is mode 0644 or stricter",
		.level = 1, .automated = AUTOMATED_ALL, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.audit = audit_file_owner_mode, .arg = &service_mode,
		.rationale = MODE_RATIONALE("the docker.service unit or one of its drop-ins"),
		.remediation = "`chmod 644` the docker.service unit file and `chmod go-w` its drop-ins in "
			       "docker.service.d/.",
	},
	{
		.id = IDS("3.3"), .slug = "file_docker_socket_unit_owner",
		.title = "The docker.socket unit file is owned by root:root",
		.level = 1, .automated = AUTOMATED_ALL, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.audit = audit_file_owner_mode, .arg = &socket_unit_owner,
		.rationale = OWNER_RATIONALE("the docker.socket unit or one of its drop-ins"),
		.remediation = "`chown root:root` the file `systemctl show -p FragmentPath docker.socket` "
			       "names, and each file in docker.socket.d/.",
	},
	{
		.id = IDS("3.4"), .slug = "file_docker_socket_unit_mode",
		.title = "The docker.socket unit file is mode 0644 or stricter",
		.level = 1, .automated = AUTOMATED_ALL, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.audit = audit_file_owner_mode, .arg = &socket_unit_mode,
		.rationale = MODE_RATIONALE("the docker.socket unit or one of its drop-ins"),
		.remediation = "`chmod 644` the docker.socket unit file and `chmod go-w` its drop-ins in "
			       "docker.socket.d/.",
	},
	{
		.id = IDS("3.5"), .slug = "file_etc_docker_owner",
		.title = "/etc/docker is owned by root:root",
		.level = 1, .automated = AUTOMATED_ALL, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.audit = audit_file_owner_mode, .arg = &etc_docker_owner,
		.rationale = OWNER_RATIONALE("/etc/docker (daemon.json, certificates and keys)"),
		.remediation = "`chown root:root /etc/docker`",
	},
	{
		.id = IDS("3.6"), .slug = "file_etc_docker_mode",
		.title = "/etc/docker is mode 0755 or stricter",
		.level = 1, .automated = AUTOMATED_ALL, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.audit = audit_file_owner_mode, .arg = &etc_docker_mode,
		.rationale = MODE_RATIONALE("/etc/docker"),
		.remediation = "`chmod 755 /etc/docker`",
	},
	{
		.id = IDS("3.7"), .slug = "file_registry_certs_owner",
		.title = "Registry certificate files are owned by root:root",
		.level = 1, .automated = 0, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.audit = audit_file_owner_mode, .arg = &certs_owner,
		.rationale = "Whoever can replace a registry's CA certificate can make Docker trust a fake "
			     "registry.",
		.remediation = "`chown root:root` every file below /etc/docker/certs.d/ "
			       "(`chown -R root:root /etc/docker/certs.d`).",
	},
	{
		.id = IDS("3.8"), .slug = "file_registry_certs_mode",
		.title = "Registry certificate files are mode 0444 or stricter",
		.level = 1, .automated = 0, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.audit = audit_file_owner_mode, .arg = &certs_mode,
		.rationale = "A writable registry certificate can be swapped to make Docker trust a fake registry.",
		.remediation = "`chmod 444` every file below /etc/docker/certs.d/ "
			       "(`find /etc/docker/certs.d -type f -exec chmod 444 {} +`).",
	},
	{
		.id = IDS("3.9"), .slug = "file_tls_ca_owner",
		.title = "The daemon's TLS CA certificate is owned by root:root",
		.level = 1, .automated = 0, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.audit = audit_file_owner_mode, .arg = &tlscacert_owner,
		.rationale = "Whoever controls the CA file decides which clients the daemon accepts.",
		.remediation = "`chown root:root` the file named by \"tlscacert\" in daemon.json (or --tlscacert).",
	},
	{
		.id = IDS("3.10"), .slug = "file_tls_ca_mode",
		.title = "The daemon's TLS CA certificate is mode 0444 or stricter",
		.level = 1, .automated = 0, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.audit = audit_file_owner_mode, .arg = &tlscacert_mode,
		.rationale = "A writable CA file lets a local user add a CA and so authorise their own client "
			     "certificates.",
		.remediation = "`chmod 444` the file named by \"tlscacert\" in daemon.json (or --tlscacert).",
	},
	{
		.id = IDS("3.11"), .slug = "file_tls_cert_owner",
		.title = "The daemon's TLS certificate is owned by root:root",
		.level = 1, .automated = 0, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.audit = audit_file_owner_mode, .arg = &tlscert_owner,
		.rationale = "Whoever owns the server certificate can replace the daemon's identity.",
		.remediation = "`chown root:root` the file named by \"tlscert\" in daemon.json (or --tlscert).",
	},
	{
		.id = IDS("3.12"), .slug = "file_tls_cert_mode",
		.title = "The daemon's TLS certificate is mode 0444 or stricter",
		.level = 1, .automated = 0, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.audit = audit_file_owner_mode, .arg = &tlscert_mode,
		.rationale = "A writable server certificate can be replaced by one an attacker holds the key for.",
		.remediation = "`chmod 444` the file named by \"tlscert\" in daemon.json (or --tlscert).",
	},
	{
		.id = IDS("3.13"), .slug = "file_tls_key_owner",
		.title = "The daemon's TLS private key is owned by root:root",
		.level = 1, .automated = 0, .severity = SEVERITY_HIGH, .scope = SCOPE_HOST,
		.audit = audit_file_owner_mode, .arg = &tlskey_owner,
		.rationale = "Whoever owns the private key can impersonate the daemon.",
		.remediation = "`chown root:root` the file named by \"tlskey\" in daemon.json (or --tlskey).",
	},
	{
		.id = IDS("3.14"), .slug = "file_tls_key_mode",
		.title = "The daemon's TLS private key is mode 0400",
		.level = 1, .automated = 0, .severity = SEVERITY_HIGH, .scope = SCOPE_HOST,
		.audit = audit_file_owner_mode, .arg = &tlskey_mode,
		.rationale = "A private key readable by others lets them impersonate the daemon.",
		.remediation = "`chmod 400` the file named by \"tlskey\" in daemon.json (or --tlskey).",
	},
	{
		.id = IDS("3.15"), .slug = "file_docker_sock_owner",
		.title = "The Docker socket is owned by root with group docker",
		.level = 1, .automated = AUTOMATED_ALL, .severity = SEVERITY_HIGH, .scope = SCOPE_HOST,
		.audit = audit_file_owner_mode, .arg = &sock_owner,
		.rationale = "Access to the socket is root on the host: only root and the docker group may own it.",
		.remediation = "`chown root:docker /run/docker.sock`; for a socket-activated daemon set "
			       "SocketUser=root and SocketGroup=docker in docker.socket.",
	},
	{
		.id = IDS("3.16"), .slug = "file_docker_sock_mode",
		.title = "The Docker socket is mode 0660 or stricter",
		.level = 1, .automated = AUTOMATED_ALL, .severity = SEVERITY_HIGH, .scope = SCOPE_HOST,
		.audit = audit_file_owner_mode, .arg = &sock_mode,
		.rationale = "A socket open to all users makes every local user root on the host.",
		.remediation = "`chmod 660 /run/docker.sock`; for a socket-activated daemon set SocketMode=0660 "
			       "in docker.socket.",
	},
	{
		.id = IDS("3.17"), .slug = "file_daemon_json_owner",
		.title = "daemon.json is owned by root:root",
		.level = 2, .automated = 0, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.audit = audit_file_owner_mode, .arg = &daemon_json_owner,
		.rationale = OWNER_RATIONALE("daemon.json"),
		.remediation = "`chown root:root /etc/docker/daemon.json` (or the file --config-file names).",
	},
	{
		.id = IDS("3.18"), .slug = "file_daemon_json_mode",
		.title = "daemon.json is mode 0644 or stricter",
		.level = 2, .automated = 0, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.audit = audit_file_owner_mode, .arg = &daemon_json_mode,
		.rationale = MODE_RATIONALE("daemon.json"),
		.remediation = "`chmod 644 /etc/docker/daemon.json` (or the file --config-file names).",
	},
	{
		.id = IDS("3.19"), .slug = "file_etc_default_docker_owner",
		.title = "/etc/default/docker is owned by root:root",
		.level = 2, .automated = 0, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.audit = audit_file_owner_mode, .arg = &default_owner,
		.rationale = OWNER_RATIONALE("/etc/default/docker"),
		.remediation = "`chown root:root /etc/default/docker`",
	},
	{
		.id = IDS("3.20"), .slug = "file_etc_default_docker_mode",
		.title = "/etc/default/docker is mode 0644 or stricter",
		.level = 2, .automated = 0, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.audit = audit_file_owner_mode, .arg = &default_mode,
		.rationale = MODE_RATIONALE("/etc/default/docker"),
		.remediation = "`chmod 644 /etc/default/docker`",
	},
	{
		.id = IDS("3.21"), .slug = "file_sysconfig_docker_mode",
		.title = "/etc/sysconfig/docker is mode 0644 or stricter",
		.level = 2, .automated = 0, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.audit = audit_file_owner_mode, .arg = &sysconfig_mode,
		.rationale = MODE_RATIONALE("/etc/sysconfig/docker"),
		.remediation = "`chmod 644 /etc/sysconfig/docker`",
	},
	{
		.id = IDS("3.22"), .slug = "file_sysconfig_docker_owner",
		.title = "/etc/sysconfig/docker is owned by root:root",
		.level = 2, .automated = 0, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.audit = audit_file_owner_mode, .arg = &sysconfig_owner,
		.rationale = OWNER_RATIONALE("/etc/sysconfig/docker"),
		.remediation = "`chown root:root /etc/sysconfig/docker`",
	},
	{
		.id = IDS("3.23"), .slug = "file_containerd_sock_owner",
		.title = "containerd's socket is owned by root:root",
		.level = 1, .automated = AUTOMATED_ALL, .severity = SEVERITY_HIGH, .scope = SCOPE_HOST,
		.audit = audit_file_owner_mode, .arg = &containerd_sock_owner,
		.rationale = "containerd's socket grants full control of every container; only root may own it.",
		.remediation = "`chown root:root /run/containerd/containerd.sock` (or fix the \"uid\"/\"gid\" of "
			       "[grpc] in /etc/containerd/config.toml).",
	},
	{
		.id = IDS("3.24"), .slug = "file_containerd_sock_mode",
		.title = "containerd's socket is mode 0660 or stricter",
		.level = 1, .automated = AUTOMATED_ALL, .severity = SEVERITY_HIGH, .scope = SCOPE_HOST,
		.audit = audit_file_owner_mode, .arg = &containerd_sock_mode,
		.rationale = "A containerd socket open to all users gives every local user root on the host.",
		.remediation = "`chmod 660 /run/containerd/containerd.sock`",
	},
};

const struct check_section section_daemon_files = { "3", "Docker daemon configuration files", daemon_files_checks,
						  ARRAY_SIZE(daemon_files_checks), .needs_installation = true };
