/* fuzz_dockerd_argv.c - a dockerd command line (arguments separated by NUL,
 * as in /proc/PID/cmdline) through daemon_argv_parse()
 * and the effective-option lookup, then the section 2 and 3 checks.  A part
 * after FUZZ_SEP, when present, is daemon.json, so argv/daemon.json
 * conflicts are reached too. */
#include "fuzz.h"

#include "daemon_config.h"
#include "daemon_json.h"
#include "host_addr.h"
#include "host_text.h"

static const char *const keys[] = {
	"icc", "iptables", "hosts", "insecure-registries", "data-root", "log-level", "tls",
	"tlsverify", "tlscacert", "userns-remap", "default-ulimits", "authorization-plugins",
	"log-driver", "live-restore", "userland-proxy", "seccomp-profile", "experimental",
	"no-new-privileges", "cgroup-parent", "storage-opts", "storage-driver", "config-file",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *sep = memchr(data, FUZZ_SEP, size);
	size_t argv_len = sep ? (size_t)(sep - data) : size;
	json_t *argv = json_array();
	json_array_append_new(argv, json_string("/usr/bin/dockerd"));
	size_t start = 0;
	for (size_t i = 0; i <= argv_len; i++) {
		if (i < argv_len && data[i] != '\0')
			continue;
		if (i > start || i < argv_len) {
			char *arg = fuzz_strdup(data + start, i - start);
			/* collect_host stores argv through json_host_string(). */
			json_array_append_new(argv, json_host_string(arg));
			free(arg);
		}
		start = i + 1;
	}

	json_t *parsed = daemon_argv_parse(argv);
	size_t i;
	json_t *h;
	json_array_foreach(json_object_get(parsed, "hosts"), i, h) {
		const char *s = json_string_value(h);
		if (s)
			host_addr_unix_path(s);
	}
	json_decref(parsed);

	json_t *config = NULL;
	char *err = NULL;
	json_t *dj;
	if (sep && daemon_json_parse((const char *)sep + 1, size - argv_len - 1, &config, &err) == 0) {
		dj = json_pack("{s:s,s:s,s:o}", "status", "ok", "path", "/etc/docker/daemon.json",
			       "config", config);
	} else {
		dj = json_pack("{s:s,s:s}", "status", "absent", "error", "no daemon.json");
	}
	free(err);

	struct facts *f = facts_new();
	json_t *host = json_pack("{s:{s:s,s:i,s:i,s:O,s:s},s:o}", "dockerd", "status", "ok", "pid", 812,
				 "uid", 0, "argv", argv, "exe", "/usr/bin/dockerd", "daemon_json", dj);
	json_object_set_new(f->root, "host", host);
	for (size_t k = 0; k < ARRAY_SIZE(keys); k++) {
		struct daemon_option opt;
		if (daemon_option_get(f, keys[k], &opt) == 0) {
			bool b;
			daemon_option_bool(&opt, true, &b);
			free(daemon_value_text(opt.value));
			free(daemon_value_text(opt.file_value));
		}
		daemon_option_clear(&opt);
	}
	char s2[] = "2", s3[] = "3";
	char *sections[] = { s2, s3, NULL };
	fuzz_audit(f, BENCH_1_8_0, sections, false);
	facts_free(f);
	json_decref(argv);
	return 0;
}
