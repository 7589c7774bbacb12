/* test_daemon_config.c - dockerd argv parsing and the effective daemon
 * option (command line over daemon.json over the default). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "unit_facts.h"

#include "daemon_config.h"
#include "facts.h"

static json_t *parse(const char *argv_json)
{
	json_t *argv = json_loads(argv_json, 0, NULL);
	assert_non_null(argv);
	json_t *opts = daemon_argv_parse(argv);
	json_decref(argv);
	return opts;
}

static void bool_flags(void **state)
{
	(void)state;
	json_t *o = parse("[\"dockerd\",\"--icc\",\"--iptables=false\",\"-D\",\"--live-restore=1\","
			  "\"--userland-proxy=F\",\"--tls=maybe\"]");
	assert_true(json_is_true(json_object_get(o, "icc")));
	assert_true(json_is_false(json_object_get(o, "iptables")));
	assert_true(json_is_true(json_object_get(o, "debug")));
	assert_true(json_is_true(json_object_get(o, "live-restore")));
	assert_true(json_is_false(json_object_get(o, "userland-proxy")));
	/* not a boolean word: kept as text so a check can show it */
	assert_string_equal(json_string_value(json_object_get(o, "tls")), "maybe");
	json_decref(o);
}

static void bool_flag_never_takes_next_word(void **state)
{
	(void)state;
	/* "--icc false" leaves icc true (dockerd would reject the stray word) */
	json_t *o = parse("[\"dockerd\",\"--icc\",\"false\",\"--no-new-privileges\"]");
	assert_true(json_is_true(json_object_get(o, "icc")));
	assert_true(json_is_true(json_object_get(o, "no-new-privileges")));
	json_decref(o);
}

static void value_and_list_flags(void **state)
{
	(void)state;
	json_t *o = parse("[\"/usr/bin/dockerd\",\"-H\",\"fd://\",\"--host=tcp://0.0.0.0:2376\","
			  "\"-Hunix:///run/x.sock\",\"--log-level\",\"warn\",\"-l\",\"debug\","
			  "\"--insecure-registry\",\"a:5000\",\"--insecure-registry=b:5000\","
			  "\"--default-ulimit\",\"nofile=1024:2048\",\"-g\",\"/srv/docker\","
			  "\"--bridge=none\",\"--\",\"--icc=false\"]");
	json_t *hosts = json_object_get(o, "hosts");
	assert_int_equal(json_array_size(hosts), 3);
	assert_string_equal(json_string_value(json_array_get(hosts, 0)), "fd://");
	assert_string_equal(json_string_value(json_array_get(hosts, 2)), "unix:///run/x.sock");
	assert_string_equal(json_string_value(json_object_get(o, "log-level")), "debug");
	assert_int_equal(json_array_size(json_object_get(o, "insecure-registries")), 2);
	assert_int_equal(json_array_size(json_object_get(o, "default-ulimits")), 1);
	assert_string_equal(json_string_value(json_object_get(o, "data-root")), "/srv/docker");
	assert_string_equal(json_string_value(json_object_get(o, "bridge")), "none");
	assert_null(json_object_get(o, "icc"));       /* after "--" */
	json_decref(o);
}

static void unknown_flags_kept_by_shape(void **state)
{
	(void)state;
	json_t *o = parse("[\"dockerd\",\"--future-flag\",\"v1\",\"--other=x\",\"--lonely\",\"--icc=false\"]");
	assert_string_equal(json_string_value(json_object_get(o, "future-flag")), "v1");
	assert_string_equal(json_string_value(json_object_get(o, "other")), "x");
	assert_true(json_is_true(json_object_get(o, "lonely")));
	assert_true(json_is_false(json_object_get(o, "icc")));
	json_decref(o);
}

static void not_an_array(void **state)
{
	(void)state;
	json_t *o = daemon_argv_parse(NULL);
	assert_int_equal(json_object_size(o), 0);
	json_decref(o);
}

static void argv_over_daemon_json_with_conflict(void **state)
{
	(void)state;
	struct facts *f = facts_from(
		"{\"schema\":\"dockaudit-facts/1\",\"host\":{"
		"\"dockerd\":{\"status\":\"ok\",\"argv\":[\"dockerd\",\"--icc=false\"]},"
		"\"daemon_json\":{\"status\":\"ok\",\"path\":\"/etc/docker/daemon.json\","
		"\"config\":{\"icc\":true,\"live-restore\":null,\"log-level\":\"info\"}}}}");
	struct daemon_option o;
	bool b;

	assert_int_equal(daemon_option_get(f, "icc", &o), 0);
	assert_int_equal(o.origin, DAEMON_ORIGIN_ARGV);
	assert_true(o.conflict);
	assert_int_equal(daemon_option_bool(&o, true, &b), 0);
	assert_false(b);
	daemon_option_clear(&o);

	assert_int_equal(daemon_option_get(f, "live-restore", &o), 0);   /* null = unset */
	assert_int_equal(o.origin, DAEMON_ORIGIN_DEFAULT);
	assert_null(o.value);
	daemon_option_clear(&o);

	assert_int_equal(daemon_option_get(f, "log-level", &o), 0);
	assert_int_equal(o.origin, DAEMON_ORIGIN_DAEMON_JSON);
	assert_string_equal(o.origin_name, "/etc/docker/daemon.json");
	daemon_option_clear(&o);
	facts_free(f);
}

static void unreadable_daemon_json(void **state)
{
	(void)state;
	struct facts *f = facts_from(
		"{\"schema\":\"dockaudit-facts/1\",\"host\":{"
		"\"dockerd\":{\"status\":\"ok\",\"argv\":[\"dockerd\",\"--icc=false\"]},"
		"\"daemon_json\":{\"status\":\"error\",\"error\":\"Permission denied\"}}}");
	struct daemon_option o;
	/* on the command line: known regardless of the file */
	assert_int_equal(daemon_option_get(f, "icc", &o), 0);
	daemon_option_clear(&o);
	assert_int_equal(daemon_option_get(f, "iptables", &o), -ENODATA);
	assert_string_equal(o.error, "Permission denied");
	daemon_option_clear(&o);
	facts_free(f);
}

static void unit_exec_start_with_env_file(void **state)
{
	(void)state;
	struct facts *f = facts_from(
		"{\"schema\":\"dockaudit-facts/1\",\"host\":{"
		"\"dockerd\":{\"status\":\"absent\",\"error\":\"not running\"},"
		"\"daemon_json\":{\"status\":\"absent\",\"path\":\"/etc/docker/daemon.json\"},"
		"\"systemd\":{\"docker.service\":{\"status\":\"ok\",\"path\":\"/lib/systemd/system/docker.service\","
		"\"exec_start\":[[\"/usr/bin/dockerd\",\"$DOCKER_OPTS\",\"${ONE}\"]],"
		"\"environment_files\":[\"-/etc/default/docker\"]}},"
		"\"env_files\":{\"/etc/default/docker\":{\"status\":\"ok\",\"vars\":{"
		"\"DOCKER_OPTS\":\"\\\"--icc=false\\t--insecure-registry r:5000\\\"\",\"ONE\":\"--debug\"}}}}}");
	struct daemon_argv a;
	daemon_argv_from_facts(f, &a);
	assert_true(a.known);
	assert_string_equal(a.origin, "docker.service ExecStart");
	assert_true(json_is_false(json_object_get(a.options, "icc")));
	assert_string_equal(json_string_value(json_array_get(json_object_get(a.options, "insecure-registries"), 0)),
			    "r:5000");
	assert_true(json_is_true(json_object_get(a.options, "debug")));
	daemon_argv_clear(&a);
	facts_free(f);
}

static void value_text(void **state)
{
	(void)state;
	json_t *v = json_loads("[\"a\",\"b\"]", 0, NULL);
	char *t = daemon_value_text(v);
	assert_string_equal(t, "a, b");
	free(t);
	json_decref(v);
	t = daemon_value_text(NULL);
	assert_string_equal(t, "(unset)");
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bool_flags),
		cmocka_unit_test(bool_flag_never_takes_next_word),
		cmocka_unit_test(value_and_list_flags),
		cmocka_unit_test(unknown_flags_kept_by_shape),
		cmocka_unit_test(not_an_array),
		cmocka_unit_test(argv_over_daemon_json_with_conflict),
		cmocka_unit_test(unreadable_daemon_json),
		cmocka_unit_test(unit_exec_start_with_env_file),
		cmocka_unit_test(value_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
