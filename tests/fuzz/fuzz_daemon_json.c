/* fuzz_daemon_json.c - daemon.json text: daemon_json_parse(), then every
 * key of a parsed object through the effective-option lookup and the
 * section 2 and 3 checks that read it. */
#include "fuzz.h"

#include "daemon_config.h"
#include "daemon_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *config = NULL;
	char *err = NULL;
	if (daemon_json_parse((const char *)data, size, &config, &err) < 0) {
		free(err);
		return 0;
	}
	struct facts *f = facts_new();
	json_t *host = json_object();
	json_t *src = json_pack("{s:s,s:s,s:O}", "status", "ok", "path", "/etc/docker/daemon.json",
				"config", config);
	json_object_set_new(host, "daemon_json", src);
	json_object_set_new(f->root, "host", host);

	const char *key;
	json_t *value;
	json_object_foreach(config, key, value) {
		struct daemon_option opt;
		if (daemon_option_get(f, key, &opt) == 0) {
			bool b;
			daemon_option_bool(&opt, false, &b);
			free(daemon_value_text(opt.value));
		}
		daemon_option_clear(&opt);
	}
	char s2[] = "2", s3[] = "3";
	char *sections[] = { s2, s3, NULL };
	fuzz_audit(f, BENCH_1_8_0, sections, false);
	facts_free(f);
	json_decref(config);
	return 0;
}
