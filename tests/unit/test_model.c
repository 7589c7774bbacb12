/* test_model.c - the container decoder fills the typed model from an
 * engine.containers item: what is there, what is missing, and the fields it
 * derives (merged mounts, parsed security options, the ports in effect). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "model.h"

static struct container_model *decode(const char *text)
{
	json_error_t err;
	json_t *item = json_loads(text, 0, &err);
	if (!item)
		fail_msg("bad test JSON: %s", err.text);
	struct container_model *c = model_decode_container(item, NULL);
	/* The model owns its strings: the JSON can go before the checks run. */
	json_decref(item);
	return c;
}

static void fields_and_security_options(void **state)
{
	(void)state;
	struct container_model *c = decode(
		"{\"id\":\"ab\",\"name\":\"web\",\"inspect\":{\"State\":{\"Running\":true},"
		"\"AppArmorProfile\":\"docker-default\",\"HostConfig\":{\"Privileged\":false,"
		"\"PidMode\":\"host\",\"Memory\":1048576,\"CapAdd\":[\"NET_ADMIN\",7],"
		"\"SecurityOpt\":[\"seccomp:unconfined\",\"no-new-privileges\",\"label=disable\","
		"\"seccomp=other\"]}}}");
	assert_string_equal(c->id, "ab");
	assert_string_equal(c->name, "web");
	assert_true(c->has_host_config);
	assert_true(c->privileged.known);
	assert_false(c->privileged.value);
	assert_false(c->readonly_rootfs.known);          /* not reported */
	assert_string_equal(c->pid_mode, "host");
	assert_null(c->ipc_mode);
	assert_true(c->memory.known);
	assert_int_equal(c->memory.value, 1048576);
	assert_false(c->cpu_shares.known);
	assert_int_equal(c->cap_add.n, 1);                /* the number is not a capability */
	assert_string_equal(c->cap_add.v[0], "NET_ADMIN");
	assert_true(c->seccomp.set);
	assert_string_equal(c->seccomp.value, "unconfined");   /* the first one counts */
	assert_true(c->no_new_privileges.set);
	assert_string_equal(c->no_new_privileges.value, "");
	assert_string_equal(c->label.value, "disable");
	assert_string_equal(c->apparmor_profile, "docker-default");
	assert_null(c->process_label);
	assert_int_equal(c->top.status, SOURCE_MISSING);
	assert_false(c->execs.collected);
	container_model_free(c);
}

static void mounts_merged_once_per_destination(void **state)
{
	(void)state;
	struct container_model *c = decode(
		"{\"inspect\":{\"Mounts\":[{\"Type\":\"bind\",\"Source\":\"/var/run/docker.sock\","
		"\"Destination\":\"/s\",\"RW\":false},{\"Source\":5}],"
		"\"HostConfig\":{\"Binds\":[\"/var/run/docker.sock:/s:ro\",\"data:/d:rshared\","
		"\"/srv/../etc:/e\"],\"Mounts\":[{\"Type\":\"volume\",\"Source\":\"v\","
		"\"Target\":\"/v\",\"ReadOnly\":true}]}}}");
	assert_true(c->mounts_known);
	assert_int_equal(c->mounts_unreadable, 1);
	assert_int_equal(c->n_mounts, 4);                 /* /s once */
	assert_string_equal(c->mounts[0].host_key, "/run/docker.sock");
	assert_true(c->mounts[0].read_only);
	assert_string_equal(c->mounts[1].source, "data");
	assert_true(c->mounts[1].volume);
	assert_true(c->mounts[1].shared);
	assert_null(c->mounts[1].host_key);               /* not a host path */
	assert_string_equal(c->mounts[2].host_key, "/etc");
	assert_false(c->mounts[2].read_only);
	assert_true(c->mounts[3].volume);
	assert_true(c->mounts[3].read_only);
	container_model_free(c);

	c = decode("{\"inspect\":{\"HostConfig\":{}}}");
	assert_false(c->mounts_known);
	container_model_free(c);
}

static void ports_in_effect(void **state)
{
	(void)state;
	const char *running =
		"{\"inspect\":{\"State\":{\"Running\":true},\"NetworkSettings\":{\"Ports\":"
		"{\"80/tcp\":[{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"8080\"}],\"443/tcp\":null}},"
		"\"HostConfig\":{\"PortBindings\":{\"80/tcp\":[{\"HostPort\":\"8080\"}]}}}}";
	struct container_model *c = decode(running);
	bool from_bindings;
	const struct port_list *p = container_published_ports(c, &from_bindings);
	assert_false(from_bindings);
	assert_int_equal(p->n, 1);                        /* 443 is exposed, not published */
	assert_string_equal(p->v[0].port, "80/tcp");
	assert_string_equal(p->v[0].host_ip, "0.0.0.0");
	assert_int_equal(c->port_bindings.n, 1);
	assert_string_equal(c->port_bindings.v[0].host_ip, "");   /* missing reads as empty */
	container_model_free(c);

	/* Not running: what dockerd will bind. */
	c = decode("{\"inspect\":{\"State\":{\"Running\":false},\"NetworkSettings\":{\"Ports\":{}},"
		   "\"HostConfig\":{\"PortBindings\":{\"80/tcp\":[{\"HostIp\":\"\","
		   "\"HostPort\":\"81\"}]}}}}");
	p = container_published_ports(c, &from_bindings);
	assert_true(from_bindings);
	assert_int_equal(p->n, 1);
	assert_string_equal(p->v[0].host_port, "81");
	container_model_free(c);

	c = decode("{\"inspect\":{\"HostConfig\":{\"PortBindings\":\"x\"}}}");
	p = container_published_ports(c, &from_bindings);
	assert_true(p->unreadable);
	container_model_free(c);
}

static void processes_and_execs(void **state)
{
	(void)state;
	struct container_model *c = decode(
		"{\"inspect\":{\"State\":{\"Pid\":7}},\"top\":{\"status\":\"ok\",\"Titles\":[\"UID\",\"PID\",\"CMD\"],"
		"\"Processes\":[[\"root\",\"7\",\"/usr/sbin/sshd -D\"],[\"root\"]]},"
		"\"execs\":[{\"status\":\"ok\",\"inspect\":{\"ID\":\"0123456789abcdef\","
		"\"ProcessConfig\":{\"entrypoint\":\"sh\",\"privileged\":true,\"user\":\"0\"}}},"
		"{\"status\":\"error\",\"error\":\"gone\"}]}");
	assert_int_equal(c->top.status, SOURCE_OK);
	assert_int_equal(c->top.n, 2);
	assert_string_equal(c->top.v[0].pid, "7");
	assert_string_equal(c->top.v[0].command, "/usr/sbin/sshd -D");
	assert_string_equal(c->top.v[0].uid, "root");
	assert_string_equal(c->top.v[1].pid, "?");
	assert_true(c->main_pid.known);
	assert_int_equal(c->main_pid.value, 7);
	assert_true(c->execs.collected);
	assert_int_equal(c->execs.n, 2);
	assert_string_equal(c->execs.v[0].id, "0123456789ab");
	assert_true(c->execs.v[0].privileged);
	assert_string_equal(c->execs.v[0].user, "0");
	assert_string_equal(c->execs.v[1].error, "gone");
	container_model_free(c);

	c = decode("{\"inspect\":{},\"top\":{\"status\":\"ok\",\"Titles\":[\"PID\"],"
		   "\"Processes\":[]}}");
	assert_true(c->top.no_command_column);
	assert_false(c->main_pid.known);                  /* no State.Pid */
	container_model_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fields_and_security_options),
		cmocka_unit_test(mounts_merged_once_per_destination),
		cmocka_unit_test(ports_in_effect),
		cmocka_unit_test(processes_and_execs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
