/* fuzz_systemd_unit.c - a systemd unit and its drop-ins (the input split on
 * FUZZ_SEP: the unit first, then each drop-in in order) through
 * unit_parse_text(); then the resulting docker.service, with an environment
 * file from the last part, through the daemon's effective configuration and
 * the section 2 checks, as collect_host and the checks use them. */
#include "fuzz.h"

#include "daemon_config.h"
#include "env_file.h"
#include "systemd_unit.h"

static const char *const keys[] = { "icc", "hosts", "insecure-registries", "data-root",
				    "log-level", "tlsverify", "config-file", "userns-remap" };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct unit_settings u;
	unit_settings_init(&u);
	const uint8_t *p = data, *end = data + size, *part = NULL;
	size_t len = 0, n = 0;
	json_t *env = NULL;
	while (fuzz_next_part(&p, end, &part, &len)) {
		char *text = fuzz_strdup(part, len);
		unit_parse_text(&u, text, len);
		if (!p && n > 0)
			env = env_file_parse(text, len);
		free(text);
		n++;
	}
	if (!env)
		env = json_object();

	struct facts *f = facts_new();
	json_t *unit = json_pack("{s:s,s:s,s:O,s:O,s:O,s:[],s:b}", "status", "ok", "path",
				 "/lib/systemd/system/docker.service", "exec_start", u.exec_start,
				 "environment_files", u.environment_files, "listen_stream",
				 u.listen_stream, "dropins", "masked", 0);
	json_t *host = json_pack("{s:{s:o},s:{s:{s:s,s:o}},s:{s:s}}", "systemd", "docker.service", unit,
				 "env_files", "/etc/default/docker", "status", "ok", "vars", env,
				 "dockerd", "status", "absent");
	json_object_set_new(f->root, "host", host);

	struct daemon_argv a;
	daemon_argv_from_facts(f, &a);
	daemon_argv_clear(&a);
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
		struct daemon_option opt;
		if (daemon_option_get(f, keys[i], &opt) == 0)
			free(daemon_value_text(opt.value));
		daemon_option_clear(&opt);
	}
	char s2[] = "2", s3[] = "3";
	char *sections[] = { s2, s3, NULL };
	fuzz_audit(f, BENCH_1_8_0, sections, false);
	facts_free(f);
	unit_settings_clear(&u);
	return 0;
}
