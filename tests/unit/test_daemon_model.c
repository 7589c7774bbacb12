/* test_daemon_model.c - the typed daemon model sections 2 and 7 read:
 * settings resolved once (command line over daemon.json over the
 * default), GET /info decoded once, and the swarm's objects. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "unit_facts.h"

#include "model.h"

static void settings_typed_with_origin(void **state)
{
	(void)state;
	struct facts *f = facts_from(
		"{\"schema\":\"dockaudit-facts/1\",\"host\":{\"dockerd\":{\"status\":\"ok\",\"uid\":0,\"argv\":[\"dockerd\",\"--icc=false\","
		"\"--insecure-registry\",\"a:5000\",\"--insecure-registry\",\"b:5000\"]},"
		"\"daemon_json\":{\"status\":\"ok\",\"path\":\"/etc/docker/daemon.json\",\"config\":"
		"{\"icc\":true,\"storage-opts\":[\"dm.basesize=20G\",\"x=y\"],\"default-ulimits\":{},"
		"\"live-restore\":null,\"userland-proxy\":\"F\",\"log-opts\":3}}}}");
	struct daemon_model d;
	daemon_model_derive(f, &d);

	const struct daemon_setting *icc = daemon_setting(&d, "icc");
	assert_true(icc->known);
	assert_int_equal(icc->origin, DAEMON_ORIGIN_ARGV);
	assert_true(icc->conflict);
	assert_int_equal(icc->value.kind, SETTING_BOOL);
	assert_false(icc->value.boolean);
	assert_int_equal(icc->file_value.kind, SETTING_BOOL);
	assert_string_equal(icc->file_text, "true");

	const struct daemon_setting *reg = daemon_setting(&d, "insecure-registries");
	assert_int_equal(reg->value.kind, SETTING_LIST);
	assert_int_equal(reg->value.n_items, 2);
	assert_string_equal(reg->value.items[1].string, "b:5000");
	assert_string_equal(reg->text, "a:5000, b:5000");

	const struct daemon_setting *so = daemon_setting(&d, "storage-opts");
	assert_int_equal(so->origin, DAEMON_ORIGIN_DAEMON_JSON);
	assert_true(setting_value_is_set(&so->value, "dm.basesize"));
	assert_false(setting_value_is_set(&so->value, "zfs.size"));
	assert_false(setting_value_is_set(&daemon_setting(&d, "default-ulimits")->value, NULL));
	assert_true(setting_value_is_set(&daemon_setting(&d, "log-opts")->value, NULL));

	/* null in daemon.json is "not set", like a key set nowhere */
	const struct daemon_setting *lr = daemon_setting(&d, "live-restore");
	assert_true(lr->known);
	assert_int_equal(lr->origin, DAEMON_ORIGIN_DEFAULT);
	assert_int_equal(lr->value.kind, SETTING_UNSET);
	bool b = true;
	assert_int_equal(setting_bool(lr, false, &b), 0);
	assert_false(b);
	assert_int_equal(setting_bool(daemon_setting(&d, "userland-proxy"), true, &b), 0);
	assert_false(b);
	assert_int_equal(setting_bool(daemon_setting(&d, "log-opts"), true, &b), -EINVAL);
	assert_true(daemon_setting(&d, "no-such-option")->known);

	daemon_model_clear(&d);
	facts_free(f);
}

static void unreadable_daemon_json_leaves_unset_unknown(void **state)
{
	(void)state;
	struct facts *f = facts_from(
		"{\"schema\":\"dockaudit-facts/1\",\"host\":{\"dockerd\":{\"status\":\"ok\",\"uid\":0,\"argv\":[\"dockerd\",\"--icc=false\"]},"
		"\"daemon_json\":{\"status\":\"error\",\"error\":\"line 3: end of file expected\"}}}");
	struct daemon_model d;
	daemon_model_derive(f, &d);
	assert_true(daemon_setting(&d, "icc")->known);
	const struct daemon_setting *ip = daemon_setting(&d, "iptables");
	assert_false(ip->known);
	assert_string_equal(ip->error, "line 3: end of file expected");
	assert_null(d.default_bind_ip);
	daemon_model_clear(&d);
	facts_free(f);
}

static void info_decoded_once(void **state)
{
	(void)state;
	struct facts *f = facts_from(
		"{\"schema\":\"dockaudit-facts/1\",\"engine\":{\"status\":\"ok\",\"info\":{\"Debug\":true,\"Driver\":\"overlay2\","
		"\"LoggingDriver\":\"\",\"SecurityOptions\":[\"name=apparmor\",\"name=seccomp,profile=unconfined\","
		"\"name=rootless\",7],\"Plugins\":{\"Authorization\":\"bad\"},"
		"\"RegistryConfig\":{\"IndexConfigs\":{\"docker.io\":{\"Secure\":true},"
		"\"reg.local:5000\":{\"Secure\":false}},\"InsecureRegistryCIDRs\":[\"127.0.0.0/8\"]}}}}");
	struct daemon_model d;
	daemon_model_derive(f, &d);
	const struct engine_info *i = &d.info;
	assert_true(i->reported);
	assert_true(i->debug.known && i->debug.value);
	assert_false(i->live_restore.known);
	assert_string_equal(i->driver, "overlay2");
	assert_null(i->logging_driver);          /* empty: not reported */
	assert_true(i->security_options_known);
	assert_int_equal(i->n_security_options, 3);
	const char *profile = NULL;
	assert_true(engine_security_option(i, "seccomp", "profile", &profile));
	assert_string_equal(profile, "unconfined");
	assert_false(engine_security_option(i, "selinux", NULL, NULL));
	assert_true(d.seccomp_unconfined);
	assert_int_equal(d.apparmor, 1);
	assert_int_equal(d.selinux, 0);
	assert_true(d.rootless.known && d.rootless.value);
	assert_true(i->authorization_plugins.unreadable);
	assert_true(i->registry_known);
	assert_int_equal(i->insecure_registries.n, 1);
	assert_string_equal(i->insecure_registries.v[0], "reg.local:5000");
	assert_int_equal(i->insecure_cidrs.n, 1);
	daemon_model_clear(&d);
	facts_free(f);
}

static void swarm_objects(void **state)
{
	(void)state;
	struct facts *f = facts_from(
		"{\"schema\":\"dockaudit-facts/1\",\"engine\":{\"status\":\"ok\",\"info\":{\"Swarm\":{\"LocalNodeState\":\"active\","
		"\"NodeID\":\"n1\",\"NodeAddr\":\"10.0.0.5\",\"ControlAvailable\":true,"
		"\"RemoteManagers\":[{\"NodeID\":\"n2\",\"Addr\":\"10.0.0.6:2377\"},"
		"{\"NodeID\":\"n1\",\"Addr\":\"10.0.0.5:4000\"}]}},"
		"\"swarm\":{\"status\":\"ok\",\"swarm\":{\"status\":\"ok\",\"Spec\":{\"CAConfig\":"
		"{\"NodeCertExpiry\":-5}}},"
		"\"nodes\":{\"status\":\"ok\",\"items\":[{\"ID\":\"n1\",\"Status\":{\"Addr\":\"10.0.0.5\"},"
		"\"ManagerStatus\":{\"Leader\":true}},{\"ID\":\"n3\"}]},"
		"\"services\":{\"status\":\"ok\",\"items\":[{\"ID\":\"s1\",\"Spec\":{\"Name\":\"web\","
		"\"TaskTemplate\":{\"ContainerSpec\":{\"Env\":[\"A=1\",5,\"DB_PASSWORD=x\"],"
		"\"Secrets\":[{},{}]}}},\"Endpoint\":{\"Ports\":[{\"PublishedPort\":80,\"TargetPort\":8080}]}}]},"
		"\"secrets\":{\"status\":\"error\",\"error\":\"denied\"}}}}");
	struct daemon_model d;
	daemon_model_derive(f, &d);
	const struct swarm_model *s = &d.swarm;
	assert_string_equal(s->manager_addr, "10.0.0.5:4000");
	assert_int_equal(s->cluster.status, SOURCE_OK);
	assert_false(s->node_cert_expiry_ns.known);   /* negative: not a lifetime */
	assert_false(s->autolock.known);
	assert_int_equal(s->n_node_items, 2);
	assert_true(s->nodes[0].manager && s->nodes[0].leader);
	assert_string_equal(s->nodes[0].addr, "10.0.0.5");
	assert_false(s->nodes[1].manager);
	assert_int_equal(s->n_services, 1);
	assert_int_equal(s->services[0].env.n, 2);
	assert_string_equal(s->services[0].env.v[1], "DB_PASSWORD=x");
	assert_int_equal(s->services[0].n_secrets, 2);
	assert_int_equal(s->services[0].ports[0].published, 80);
	assert_string_equal(s->services[0].ports[0].protocol, "tcp");
	assert_string_equal(s->services[0].ports[0].mode, "ingress");
	assert_int_equal(s->secrets_source.status, SOURCE_ERROR);
	assert_string_equal(s->secrets_source.why, "denied");
	assert_int_equal(s->listeners_source.status, SOURCE_MISSING);
	daemon_model_clear(&d);
	facts_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(settings_typed_with_origin),
		cmocka_unit_test(unreadable_daemon_json_leaves_unset_unknown),
		cmocka_unit_test(info_decoded_once),
		cmocka_unit_test(swarm_objects),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
