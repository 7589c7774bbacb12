/* section2_daemon.c - benchmark section 2: Docker daemon configuration.
 * Daemon options are read from the daemon model (daemon_model.h: command
 * line over daemon.json over the default, resolved once) and cross-checked
 * with what the running engine reports. */
#include "check.h"

#include <string.h>

#include "evidence.h"
#include "daemon_checks.h"

#include "pure.h"        /* last: no I/O below this line */

/* The engine's default "bridge" network, or NULL. */
static const struct network_model *default_bridge_network(const struct network_list *nets)
{
	for (size_t i = 0; i < nets->n; i++)
		if (nets->v[i].name && strcmp(nets->v[i].name, "bridge") == 0)
			return &nets->v[i];
	return NULL;
}

/* 2.2: containers on the default bridge cannot talk to each other unless
 * linked: icc must be false (dockerd's default is true). */
static void audit_icc_restricted(const struct check_ctx *ctx, struct result *r)
{
	const struct daemon_setting *icc = daemon_setting(ctx->daemon, "icc");
	const struct daemon_setting *bridge = daemon_setting(ctx->daemon, "bridge");
	bool listed = ctx->daemon->networks.source.status == SOURCE_OK;
	const struct network_model *net = default_bridge_network(&ctx->daemon->networks);
	bool bridge_none = bridge->known && bridge->value.kind == SETTING_STRING &&
			   strcmp(bridge->value.string, "none") == 0;
	struct buf found = BUF_INIT, src = BUF_INIT;

	result_expect(r, "icc disabled: \"icc\": false in daemon.json or --icc=false on dockerd");

	if ((bridge_none && !net) || (listed && !net)) {
		result_set(r, STATUS_NOTAPPLICABLE, "no default bridge network%s%s",
			   bridge_none ? ": bridge set to none in " : " in the engine's network list",
			   bridge_none ? bridge->origin_name : "");
		result_source(r, "%s", bridge_none ? bridge->origin_name : "GET /networks");
		goto out;
	}

	/* what the configuration asks for */
	bool cfg_known = false, cfg_icc = true;
	if (icc->known) {
		if (setting_bool(icc, true, &cfg_icc) < 0) {
			result_set(r, STATUS_ERROR, "icc has a value dockerd does not accept: %s (%s)",
				   icc->text, icc->origin_name);
			result_source(r, "%s", icc->origin_name);
			goto out;
		}
		cfg_known = true;
		buf_printf(&found, "icc=%s (%s)", cfg_icc ? "true" : "false",
			   icc->origin == DAEMON_ORIGIN_DEFAULT ? "not set: dockerd's default" : icc->origin_name);
		buf_printf(&src, "%s", icc->origin == DAEMON_ORIGIN_DEFAULT ? "dockerd argv and daemon.json"
									  : icc->origin_name);
		if (icc->conflict)
			buf_puts(&found, "; icc is set both on the command line and in daemon.json, "
					 "which dockerd refuses to start with");
		if (icc->note)
			buf_printf(&found, "; %s", icc->note);
	} else {
		buf_printf(&found, "configuration unknown (%s)", icc->error);
	}

	/* what the running daemon does */
	bool eng_known = false, eng_icc = true;
	if (net && net->icc && daemon_parse_bool(net->icc, &eng_icc) == 0) {
		eng_known = true;
		buf_printf(&found, "; running bridge network: %s=%s", NETWORK_ICC_OPTION, net->icc);
		buf_printf(&src, "%sGET /networks (bridge)", src.len ? ", " : "");
	}

	if (!cfg_known && !eng_known) {
		result_set(r, STATUS_ERROR, "%s; the engine's bridge network was not available", found.data);
		result_source(r, "daemon configuration");
		goto out;
	}

	enum status s = STATUS_PASS;
	if ((cfg_known && cfg_icc) || (eng_known && eng_icc))
		s = STATUS_FAIL;
	if (cfg_known && eng_known && cfg_icc != eng_icc)
		buf_puts(&found, eng_icc ? "; the setting is not in effect until dockerd restarts"
					 : "; the configuration would turn icc back on at the next restart");
	result_set(r, s, "%s", found.data);
	result_source(r, "%s", src.data);
out:
	buf_free(&found);
	buf_free(&src);
}

/* Adds s to the list of names already in `names` (n of them) unless it is
 * there; a bounded evidence list is built from them at the end. */
static void add_unique(const char ***names, size_t *n, const char *s)
{
	if (!s || !*s)
		return;
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*names)[i], s) == 0)
			return;
	*names = xrealloc(*names, (*n + 1) * sizeof(**names));
	(*names)[(*n)++] = s;
}

static void add_setting_values(const char ***names, size_t *n, const struct setting_value *v)
{
	if (v->kind == SETTING_STRING)
		add_unique(names, n, v->string);
	for (size_t i = 0; i < v->n_items; i++)
		if (v->items[i].kind == SETTING_STRING)
			add_unique(names, n, v->items[i].string);
}

/* 2.5: no registry is reached over plain HTTP or unverified TLS. */
static void audit_no_insecure_registries(const struct check_ctx *ctx, struct result *r)
{
	static const char *const builtin[] = { "127.0.0.0/8", "::1/128", NULL };
	const struct engine_info *info = &ctx->daemon->info;
	const struct daemon_setting *opt = daemon_setting(ctx->daemon, "insecure-registries");
	const char **insecure = NULL;
	size_t n = 0;
	struct buf src = BUF_INIT;

	result_expect(r, "no insecure registries beyond the built-in 127.0.0.0/8 "
		      "(no \"insecure-registries\" in daemon.json, no --insecure-registry)");

	if (info->registry_known) {
		for (size_t i = 0; i < info->insecure_registries.n; i++)
			add_unique(&insecure, &n, info->insecure_registries.v[i]);
		for (size_t i = 0; i < info->insecure_cidrs.n; i++)
			if (!str_in_list(info->insecure_cidrs.v[i], builtin))
				add_unique(&insecure, &n, info->insecure_cidrs.v[i]);
		buf_puts(&src, "GET /info: RegistryConfig");
	}
	if (opt->known) {
		add_setting_values(&insecure, &n, &opt->value);
		add_setting_values(&insecure, &n, &opt->file_value);
		if (opt->origin != DAEMON_ORIGIN_DEFAULT)
			buf_printf(&src, "%s%s", src.len ? ", " : "", opt->origin_name);
		if (opt->conflict)
			buf_printf(&src, "%sdaemon.json", src.len ? ", " : "");
	} else if (!info->registry_known) {
		result_set(r, STATUS_ERROR, "neither the engine's registry settings nor the daemon "
			   "configuration could be read: %s", opt->error);
		result_source(r, "GET /info, daemon.json");
		goto out;
	}

	if (n == 0) {
		result_set(r, STATUS_PASS, "no insecure registries%s%s", info->registry_known ? "" : " configured; ",
			   info->registry_known ? "" : "the engine's registry settings were not available");
		result_source(r, "%s", src.len ? src.data : "dockerd argv and daemon.json");
	} else {
		/* the engine's list can be long: keep the evidence short */
		struct buf list = BUF_INIT;
		size_t more = 0;
		for (size_t i = 0; i < n; i++)
			evidence_list_add(&list, &more, "%s", insecure[i]);
		evidence_list_finish(&list, more);
		result_set(r, STATUS_FAIL, "%zu insecure registr%s: %s", n, n == 1 ? "y" : "ies", list.data);
		result_source(r, "%s", src.data);
		buf_free(&list);
	}
out:
	buf_free(&src);
	free(insecure);
}

/* ---- rows for audit_daemon_option() ---- */

static const char *const log_level_info[] = { "info", NULL };
static const char *const aufs[] = { "aufs", NULL };
static const char *const devicemapper[] = { "devicemapper", NULL };
static const char *const unconfined[] = { "unconfined", NULL };
/* drivers that send each line off the host (journald: to the journal,
 * which is normally forwarded); json-file, local and none keep logs here */
static const char *const remote_log_drivers[] = {
	"syslog", "journald", "gelf", "fluentd", "awslogs", "splunk", "etwlogs", "gcplogs",
	"logentries", "loki", NULL
};

static const struct option_row row_log_level = {
	.key = "log-level", .flag = "--log-level", .test = OPTION_ONE_OF, .default_word = "info",
	.words = log_level_info, .also_bad_bool = "debug",
	.info = INFO_BOOL, .info_name = "Debug", .info_at = INFO_AT(debug), .info_want = false,
	.expect = "log level info: \"log-level\": \"info\" in daemon.json or --log-level=info, or "
		  "neither (info is the default); no \"debug\": true and no -D/--debug",
};
static const struct option_row row_iptables = {
	.key = "iptables", .flag = "--iptables", .test = OPTION_BOOL, .want = true, .default_bool = true,
	.expect = "iptables managed by Docker: no \"iptables\": false in daemon.json and no "
		  "--iptables=false on dockerd (true is the default)",
};
static const struct option_row row_no_aufs = {
	.key = "storage-driver", .flag = "--storage-driver", .test = OPTION_NONE_OF, .words = aufs,
	.info = INFO_STRING, .info_name = "Driver", .info_at = INFO_AT(driver),
	.expect = "a storage driver other than aufs (\"storage-driver\" in daemon.json, "
		  "--storage-driver / -s on dockerd; overlay2 is the usual choice)",
};
static const struct option_row row_no_devicemapper = {
	.key = "storage-driver", .flag = "--storage-driver", .test = OPTION_NONE_OF, .words = devicemapper,
	.info = INFO_STRING, .info_name = "Driver", .info_at = INFO_AT(driver),
	.expect = "a storage driver other than devicemapper (\"storage-driver\" in daemon.json, "
		  "--storage-driver / -s on dockerd; overlay2 is the usual choice)",
};
static const struct option_row row_default_ulimits = {
	.key = "default-ulimits", .flag = "--default-ulimit", .test = OPTION_SET,
	.expect = "default ulimits for containers: \"default-ulimits\" in daemon.json or "
		  "--default-ulimit (e.g. nofile=1024:4096) on dockerd",
};
static const struct option_row row_userns = {
	.key = "userns-remap", .flag = "--userns-remap", .test = OPTION_SET,
	.info = INFO_SECURITY, .info_name = "userns", .rootless_passes = true,
	.expect = "user namespace remapping: \"userns-remap\": \"default\" (or a user) in daemon.json "
		  "or --userns-remap on dockerd",
};
static const struct option_row row_cgroup_parent = {
	.key = "cgroup-parent", .flag = "--cgroup-parent", .test = OPTION_UNSET,
	.expect = "\"cgroup-parent\" / --cgroup-parent left unset, or set to a cgroup a person "
		  "has confirmed",
};
static const struct option_row row_base_size = {
	.key = "storage-opts", .flag = "--storage-opt", .test = OPTION_UNSET,
	.entry_prefix = "dm.basesize",
	.expect = "no dm.basesize in \"storage-opts\" (daemon.json) or --storage-opt, unless a "
		  "person has confirmed it is needed",
};
static const struct option_row row_authz = {
	.key = "authorization-plugins", .flag = "--authorization-plugin", .test = OPTION_SET,
	.info = INFO_LIST, .info_name = "Plugins.Authorization", .info_at = INFO_AT(authorization_plugins),
	.expect = "an authorization plugin: \"authorization-plugins\" in daemon.json or "
		  "--authorization-plugin on dockerd",
};
static const struct option_row row_remote_logging = {
	.key = "log-driver", .flag = "--log-driver", .test = OPTION_ONE_OF, .default_word = "json-file",
	.words = remote_log_drivers, .plugin_informational = true,
	.info = INFO_STRING, .info_name = "LoggingDriver", .info_at = INFO_AT(logging_driver),
	.expect = "a log driver that ships logs off the host (syslog, journald, gelf, fluentd, awslogs, "
		  "splunk, gcplogs, ...): \"log-driver\" in daemon.json or --log-driver on dockerd",
};
static const struct option_row row_no_new_privileges = {
	.key = "no-new-privileges", .flag = "--no-new-privileges", .test = OPTION_BOOL, .want = true,
	.expect = "\"no-new-privileges\": true in daemon.json or --no-new-privileges on dockerd",
};
static const struct option_row row_live_restore = {
	.key = "live-restore", .flag = "--live-restore", .test = OPTION_BOOL, .want = true,
	.info = INFO_BOOL, .info_name = "LiveRestoreEnabled", .info_at = INFO_AT(live_restore), .info_want = true,
	.notapplicable_in_swarm = true,
	.expect = "\"live-restore\": true in daemon.json or --live-restore on dockerd",
};
static const struct option_row row_userland_proxy = {
	.key = "userland-proxy", .flag = "--userland-proxy", .test = OPTION_BOOL, .want = false,
	.default_bool = true,
	.expect = "\"userland-proxy\": false in daemon.json or --userland-proxy=false on dockerd "
		  "(true is the default)",
};
static const struct option_row row_seccomp = {
	.key = "seccomp-profile", .flag = "--seccomp-profile", .test = OPTION_NONE_OF, .words = unconfined,
	.default_word = "default",
	.info = INFO_SECURITY, .info_name = "seccomp", .info_field = "profile",
	.expect = "a seccomp profile in force: the default or a custom \"seccomp-profile\" "
		  "(daemon.json) / --seccomp-profile, never unconfined",
};
static const struct option_row row_no_experimental = {
	.key = "experimental", .flag = "--experimental", .test = OPTION_BOOL, .want = false,
	.info = INFO_BOOL, .info_name = "ExperimentalBuild", .info_at = INFO_AT(experimental), .info_want = false,
	.expect = "experimental features off: no \"experimental\": true in daemon.json and no "
		  "--experimental on dockerd",
};

#define IDS(x) { x, x, x }
/* v1.8.0 inserted 2.7 (devicemapper) and moved the later checks down one */
#define IDS_MOVED(old, new) { old, old, new }

static const struct check daemon_checks[] = {
	{
		.id = IDS("2.1"), .slug = "daemon_rootless",
		.title = "The Docker daemon runs without root privileges where possible",
		.level = 1, .automated = 0, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.audit = audit_daemon_rootless, .evidence_only = true,
		.rationale = "A daemon running as root turns any escape from a container or the API into "
			     "full control of the host.",
		.remediation = "Where the workloads allow it, run Docker in rootless mode "
			       "(`dockerd-rootless-setuptool.sh install` as an unprivileged user).",
		.manual_note = "Decide whether this host's workloads could run under a rootless daemon; "
			       "`docker info` lists `rootless` under Security Options when it does.",
	},
	{
		.id = IDS("2.2"), .slug = "daemon_icc_disabled",
		.title = "Containers on the default bridge cannot talk to each other freely",
		.level = 1, .automated = 0, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.audit = audit_icc_restricted,
		.rationale = "With inter-container communication on, every container on the default bridge can "
			     "reach every port of every other one, so one compromised container can attack the rest.",
		.remediation = "Set `\"icc\": false` in /etc/docker/daemon.json (or pass `--icc=false` to dockerd) "
			       "and restart dockerd; connect containers that must talk through user-defined networks.",
	},
	{
		.id = IDS("2.3"), .slug = "daemon_log_level_info",
		.title = "The daemon logs at level info",
		.level = 1, .automated = 0, .severity = SEVERITY_LOW, .scope = SCOPE_HOST,
		.audit = audit_daemon_option, .arg = &row_log_level,
		.rationale = "Below info, events an investigation needs are not logged; debug logs may hold secrets.",
		.remediation = "Set `\"log-level\": \"info\"` in /etc/docker/daemon.json (or `--log-level=info`), "
			       "or remove the setting: info is the default; also remove `\"debug\": true` from "
			       "daemon.json and `-D` / `--debug` from dockerd's command line.",
	},
	{
		.id = IDS("2.4"), .slug = "daemon_iptables_enabled",
		.title = "Docker manages the host's iptables rules",
		.level = 1, .automated = 0, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.audit = audit_daemon_option, .arg = &row_iptables,
		.rationale = "When Docker cannot write iptables rules, published ports and container isolation "
			     "depend on hand-made rules that drift out of step with the containers.",
		.remediation = "Remove `\"iptables\": false` from /etc/docker/daemon.json and `--iptables=false` "
			       "from dockerd's command line, then restart dockerd.",
	},
	{
		.id = IDS("2.5"), .slug = "daemon_no_insecure_registries",
		.title = "No registry is used without verified TLS",
		.level = 1, .automated = 0, .severity = SEVERITY_HIGH, .scope = SCOPE_HOST,
		.audit = audit_no_insecure_registries,
		.rationale = "Images pulled over plain HTTP or unverified TLS can be swapped in transit for "
			     "images that run an attacker's code.",
		.remediation = "Remove every entry from \"insecure-registries\" in /etc/docker/daemon.json and "
			       "every `--insecure-registry` flag, give the registries valid certificates (or put "
			       "their CA in /etc/docker/certs.d/HOST/ca.crt), and restart dockerd.",
	},
	{
		.id = IDS("2.6"), .slug = "daemon_no_aufs",
		.title = "The aufs storage driver is not used",
		.level = 1, .automated = 0, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.audit = audit_daemon_option, .arg = &row_no_aufs,
		.rationale = "aufs is unmaintained, out of the mainline kernel, and has known crashes and leaks.",
		.remediation = "Switch to overlay2: `\"storage-driver\": \"overlay2\"` in /etc/docker/daemon.json "
			       "or `--storage-driver=overlay2` on dockerd (images must be pulled again).",
	},
	{
		.id = { NULL, NULL, "2.7" }, .slug = "daemon_no_devicemapper",
		.title = "The devicemapper storage driver is not used",
		.level = 1, .automated = 0, .severity = SEVERITY_LOW, .scope = SCOPE_HOST,
		.audit = audit_daemon_option, .arg = &row_no_devicemapper,
		.rationale = "devicemapper is deprecated and removed from current engines; it performs and "
			     "isolates worse than overlay2.",
		.remediation = "Switch to overlay2: `\"storage-driver\": \"overlay2\"` in /etc/docker/daemon.json "
			       "or `--storage-driver=overlay2` on dockerd (images must be pulled again).",
	},
	{
		.id = IDS_MOVED("2.7", "2.8"), .slug = "daemon_tls_auth",
		.title = "A daemon listening on TCP requires TLS client certificates",
		.level = 1, .automated = 0, .severity = SEVERITY_HIGH, .scope = SCOPE_HOST,
		.audit = audit_daemon_tls,
		.rationale = "A TCP socket without mutual TLS gives anyone who can reach the port root on the host.",
		.remediation = "For every tcp:// entry in `-H` / \"hosts\" (or TCP ListenStream= in docker.socket), set `\"tlsverify\": true` with "
			       "\"tlscacert\", \"tlscert\" and \"tlskey\" in /etc/docker/daemon.json (or --tlsverify "
			       "--tlscacert --tlscert --tlskey).",
	},
	{
		.id = IDS_MOVED("2.8", "2.9"), .slug = "daemon_default_ulimit",
		.title = "Default ulimits are set for containers",
		.level = 1, .automated = 0, .severity = SEVERITY_LOW, .scope = SCOPE_HOST,
		.audit = audit_daemon_option, .arg = &row_default_ulimits,
		.rationale = "Without limits one container can exhaust file descriptors or processes for the host.",
		.remediation = "Set \"default-ulimits\" in /etc/docker/daemon.json (for example nofile and nproc) "
			       "or `--default-ulimit nofile=1024:4096`.",
	},
	{
		.id = IDS_MOVED("2.9", "2.10"), .slug = "daemon_userns_remap",
		.title = "User namespace remapping is enabled",
		.level = 2, .automated = 0, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.audit = audit_daemon_option, .arg = &row_userns,
		.rationale = "Without remapping, root in a container is root on the host once it escapes.",
		.remediation = "Set `\"userns-remap\": \"default\"` in /etc/docker/daemon.json (or "
			       "`--userns-remap=default`) and restart dockerd.",
	},
	{
		.id = IDS_MOVED("2.10", "2.11"), .slug = "daemon_cgroup_parent",
		.title = "The default cgroup parent is the intended one",
		.level = 2, .automated = 0, .severity = SEVERITY_LOW, .scope = SCOPE_HOST,
		.audit = audit_daemon_option, .arg = &row_cgroup_parent, .evidence_only = true,
		.rationale = "Containers placed in the wrong cgroup escape the resource limits meant for them.",
		.remediation = "Leave \"cgroup-parent\" unset unless a specific parent is required, and then "
			       "point it at a cgroup with the intended limits.",
		.manual_note = "If --cgroup-parent or \"cgroup-parent\" is set, confirm that cgroup is the "
			       "intended one.",
	},
	{
		.id = IDS_MOVED("2.11", "2.12"), .slug = "daemon_base_device_size",
		.title = "The storage base device size is left at its default",
		.level = 2, .automated = 0, .severity = SEVERITY_LOW, .scope = SCOPE_HOST,
		.audit = audit_daemon_option, .arg = &row_base_size, .evidence_only = true,
		.rationale = "A larger base device lets containers use more disk than planned.",
		.remediation = "Remove `dm.basesize` from \"storage-opts\" / --storage-opt unless it is needed.",
		.manual_note = "Look for dm.basesize in --storage-opt or \"storage-opts\"; if set, confirm it "
			       "is needed.",
	},
	{
		.id = IDS_MOVED("2.12", "2.13"), .slug = "daemon_authorization_plugin",
		.title = "An authorization plugin controls Docker API requests",
		.level = 2, .automated = 0, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.audit = audit_daemon_option, .arg = &row_authz,
		.rationale = "Without one, anyone with socket access may use every API call.",
		.remediation = "Install an authorization plugin and list it in \"authorization-plugins\" in "
			       "/etc/docker/daemon.json (or --authorization-plugin).",
	},
	{
		.id = IDS_MOVED("2.13", "2.14"), .slug = "daemon_remote_logging",
		.title = "Container logs are shipped to a central log service",
		.level = 2, .automated = 0, .severity = SEVERITY_LOW, .scope = SCOPE_HOST,
		.audit = audit_daemon_option, .arg = &row_remote_logging,
		.rationale = "Logs kept only on the host are lost with it and can be altered by an intruder.",
		.remediation = "Set \"log-driver\" (syslog, journald with forwarding, fluentd, ...) and its "
			       "\"log-opts\" in /etc/docker/daemon.json, or `--log-driver` and `--log-opt` on "
			       "dockerd, then restart dockerd.",
	},
	{
		.id = IDS_MOVED("2.14", "2.15"), .slug = "daemon_no_new_privileges",
		.title = "Containers cannot gain new privileges by default",
		.level = 1, .automated = 0, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.audit = audit_daemon_option, .arg = &row_no_new_privileges,
		.rationale = "Without no-new-privileges, setuid binaries in a container can raise a process's "
			     "privileges.",
		.remediation = "Set `\"no-new-privileges\": true` in /etc/docker/daemon.json (or "
			       "`--no-new-privileges`) and restart dockerd.",
	},
	{
		.id = IDS_MOVED("2.15", "2.16"), .slug = "daemon_live_restore",
		.title = "Live restore keeps containers running across daemon restarts",
		.level = 1, .automated = 0, .severity = SEVERITY_LOW, .scope = SCOPE_HOST,
		.audit = audit_daemon_option, .arg = &row_live_restore,
		.rationale = "Without it, restarting or upgrading dockerd stops every container.",
		.remediation = "Set `\"live-restore\": true` in /etc/docker/daemon.json (or `--live-restore`) "
			       "and reload dockerd.",
	},
	{
		.id = IDS_MOVED("2.16", "2.17"), .slug = "daemon_userland_proxy_disabled",
		.title = "The userland proxy is disabled",
		.level = 1, .automated = 0, .severity = SEVERITY_LOW, .scope = SCOPE_HOST,
		.audit = audit_daemon_option, .arg = &row_userland_proxy,
		.rationale = "The proxy adds a process per published port and an attack surface that "
			     "iptables NAT makes unnecessary.",
		.remediation = "Set `\"userland-proxy\": false` in /etc/docker/daemon.json (or "
			       "`--userland-proxy=false`) and restart dockerd.",
	},
	{
		.id = IDS_MOVED("2.17", "2.18"), .slug = "daemon_seccomp_profile",
		.title = "A custom daemon-wide seccomp profile is applied where appropriate",
		.level = 2, .automated = 0, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.audit = audit_daemon_option, .arg = &row_seccomp,
		.rationale = "The default seccomp profile allows syscalls some workloads never need; a tighter "
			     "profile shrinks the kernel attack surface.",
		.remediation = "Remove `\"seccomp-profile\": \"unconfined\"` from /etc/docker/daemon.json and "
			       "`--seccomp-profile=unconfined` from dockerd's command line; to tighten further, "
			       "write a profile for the workloads and point \"seccomp-profile\" at it.",
	},
	{
		.id = IDS_MOVED("2.18", "2.19"), .slug = "daemon_no_experimental",
		.title = "Experimental features are off in production",
		.level = 1, .automated = 0, .severity = SEVERITY_LOW, .scope = SCOPE_HOST,
		.audit = audit_daemon_option, .arg = &row_no_experimental,
		.rationale = "Experimental features are unstable and less reviewed.",
		.remediation = "Remove `\"experimental\": true` from /etc/docker/daemon.json and `--experimental` "
			       "from dockerd's command line.",
	},
};

const struct check_section section_daemon = {
	.number = "2",
	.title = "Docker daemon configuration",
	.checks = daemon_checks,
	.count = ARRAY_SIZE(daemon_checks),
	.needs_installation = true,
};
