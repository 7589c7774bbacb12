/* test_inspect_prune.c - the container inspect whitelist keeps every field
 * the checks and the collector read, drops the bulk nobody reads, and
 * leaves documents of another shape alone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "facts.h"
#include "inspect_prune.h"

/* A document shaped like dockerd 20.10's inspect, with one of each kind. */
static const char doc_text[] =
	"{\"Id\":\"ab12\",\"Name\":\"/web\",\"Image\":\"sha256:ff\",\"State\":{\"Running\":true,"
	"\"Health\":{\"Status\":\"healthy\"}},\"ResolvConfPath\":\"/var/lib/docker/x/resolv.conf\","
	"\"LogPath\":\"/x.log\",\"AppArmorProfile\":\"docker-default\",\"ProcessLabel\":\"\","
	"\"ExecIDs\":[\"e1\"],\"Mounts\":[{\"Type\":\"bind\",\"Source\":\"/srv\",\"Destination\":\"/d\","
	"\"RW\":true,\"Propagation\":\"rprivate\"}],"
	"\"HostConfig\":{\"Privileged\":false,\"PidMode\":\"\",\"IpcMode\":\"private\",\"UTSMode\":\"\","
	"\"UsernsMode\":\"\",\"NetworkMode\":\"bridge\",\"PortBindings\":{},\"PublishAllPorts\":false,"
	"\"Binds\":null,\"Mounts\":[],\"CapAdd\":null,\"CapDrop\":[\"ALL\"],\"Devices\":[],"
	"\"SecurityOpt\":null,\"ReadonlyRootfs\":true,\"RestartPolicy\":{\"Name\":\"no\","
	"\"MaximumRetryCount\":0},\"Memory\":0,\"CpuShares\":0,\"CpuQuota\":0,\"NanoCpus\":0,"
	"\"PidsLimit\":null,\"CgroupParent\":\"\",\"Ulimits\":[],\"BlkioWeightDevice\":[],"
	"\"ConsoleSize\":[0,0],\"KernelMemory\":0},"
	"\"GraphDriver\":{\"Name\":\"overlay2\",\"Data\":{\"LowerDir\":\"/a:/b\"}},"
	"\"Config\":{\"User\":\"1000\",\"Env\":[\"A=1\"],\"Image\":\"web:1\",\"Healthcheck\":{\"Test\":"
	"[\"CMD\",\"true\"]},\"Labels\":{\"com.docker.compose.project\":\"shop\"},\"Tty\":false},"
	"\"NetworkSettings\":{\"Ports\":{},\"Networks\":{\"bridge\":{}},\"SandboxKey\":\"/x\","
	"\"SecondaryIPAddresses\":null}}";

static void keeps_what_checks_read(void **state)
{
	(void)state;
	json_t *doc = json_loads(doc_text, 0, NULL);
	assert_non_null(doc);
	assert_true(inspect_prune(doc) > 0);
	static const char *const kept[] = {
		"Id", "Name", "Image", "State.Running", "State.Health.Status", "AppArmorProfile",
		"ProcessLabel", "ExecIDs", "Mounts", "HostConfig.Privileged", "HostConfig.PidMode",
		"HostConfig.IpcMode", "HostConfig.UTSMode", "HostConfig.UsernsMode",
		"HostConfig.NetworkMode", "HostConfig.PortBindings", "HostConfig.PublishAllPorts",
		"HostConfig.Binds", "HostConfig.Mounts", "HostConfig.CapAdd", "HostConfig.CapDrop",
		"HostConfig.Devices", "HostConfig.SecurityOpt", "HostConfig.ReadonlyRootfs",
		"HostConfig.RestartPolicy.Name", "HostConfig.RestartPolicy.MaximumRetryCount",
		"HostConfig.Memory", "HostConfig.CpuShares", "HostConfig.CpuQuota",
		"HostConfig.NanoCpus", "HostConfig.PidsLimit", "HostConfig.CgroupParent",
		"HostConfig.Ulimits", "GraphDriver.Name", "Config.User", "Config.Env", "Config.Image",
		"Config.Healthcheck.Test", "NetworkSettings.Ports", "NetworkSettings.Networks.bridge",
	};
	for (size_t i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
		if (!json_dig(doc, kept[i]))
			fail_msg("'%s' was dropped", kept[i]);
	static const char *const dropped[] = {
		"ResolvConfPath", "LogPath", "HostConfig.BlkioWeightDevice", "HostConfig.ConsoleSize",
		"HostConfig.KernelMemory", "GraphDriver.Data", "Config.Labels", "Config.Tty",
		"NetworkSettings.SandboxKey", "NetworkSettings.SecondaryIPAddresses",
	};
	for (size_t i = 0; i < sizeof(dropped) / sizeof(dropped[0]); i++)
		if (json_dig(doc, dropped[i]))
			fail_msg("'%s' was kept", dropped[i]);
	json_decref(doc);
}

static void other_shapes_left_alone(void **state)
{
	(void)state;
	json_t *arr = json_loads("[1,2]", 0, NULL);
	assert_int_equal(inspect_prune(arr), 0);
	assert_int_equal(json_array_size(arr), 2);
	json_decref(arr);
	assert_int_equal(inspect_prune(NULL), 0);
	/* a whitelisted member of the wrong shape stays as it is */
	json_t *doc = json_loads("{\"HostConfig\":[1],\"Config\":\"x\",\"Junk\":1}", 0, NULL);
	assert_int_equal(inspect_prune(doc), 1);
	assert_true(json_is_array(json_object_get(doc, "HostConfig")));
	assert_true(json_is_string(json_object_get(doc, "Config")));
	json_decref(doc);
}

/* inspect_parse() gives what json_loadb() then inspect_prune() give. */
static void parse_matches(const char *text)
{
	json_error_t e1, e2;
	json_t *fast = inspect_parse(text, strlen(text), &e1);
	json_t *slow = json_loadb(text, strlen(text), JSON_DECODE_ANY, &e2);
	inspect_prune(slow);
	if (!slow) {
		assert_null(fast);
		assert_int_equal(e1.line, e2.line);
		assert_int_equal(e1.column, e2.column);
		assert_string_equal(e1.text, e2.text);
		return;
	}
	assert_non_null(fast);
	if (!json_equal(fast, slow))
		fail_msg("inspect_parse differs on %s", text);
	json_decref(fast);
	json_decref(slow);
}

static void parse_prunes_while_parsing(void **state)
{
	(void)state;
	parse_matches(doc_text);
	json_t *doc = inspect_parse(doc_text, strlen(doc_text), NULL);
	assert_null(json_object_get(doc, "LogPath"));
	assert_null(json_object_get(json_object_get(doc, "GraphDriver"), "Data"));
	assert_true(json_is_true(json_object_get(json_object_get(doc, "HostConfig"), "ReadonlyRootfs")));
	json_decref(doc);
	/* what the fast pass leaves to jansson: the same answer either way */
	static const char *const odd[] = {
		"{\"\\u0049d\":\"escaped key spelling Id\",\"Junk\":1}",
		"{\"Id\":\"a\",\"Junk\":123456789012345678901234567890}",
		"{\"Id\":\"a\",\"Junk\":1e999}",
		"{\"Id\":\"a\",\"Junk\":\"\\u0000\"}",
		"{\"Id\":\"a\",\"Junk\":\"\\ud800\"}",
		"{\"Id\":\"a\",\"Junk\":\"\xc3\"}",
		"{\"Id\":\"a\",\"Junk\":[1,]}",
		"{\"Id\":\"a\",\"Junk\":01}",
		"{\"Id\":\"a\"} trailing",
		"{\"Id\":\"a\",\"Id\":\"b\",\"Config\":\"x\",\"Config\":{\"User\":\"u\",\"Tty\":true}}",
		"{\"HostConfig\":[1],\"Config\":\"x\",\"Junk\":{\"a\":[true,false,null,-0.5e+10]}}",
		"[{\"Id\":\"a\"}]",
		"",
		" { } ",
	};
	for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++)
		parse_matches(odd[i]);
}

static void list_keeps_what_the_collector_reads(void **state)
{
	(void)state;
	const char *text = "[{\"Id\":\"ab\",\"Names\":[\"/web\"],\"State\":\"running\",\"ImageID\":\"sha256:ff\","
			   "\"Labels\":{\"a\":\"b\"},\"Mounts\":[]},7,{\"Id\":\"cd\"}]";
	json_t *list = container_list_parse(text, strlen(text), NULL);
	assert_non_null(list);
	assert_int_equal(json_array_size(list), 3);
	json_t *e = json_array_get(list, 0);
	assert_int_equal(json_object_size(e), 4);
	assert_string_equal(json_string_value(json_object_get(e, "State")), "running");
	assert_int_equal(json_integer_value(json_array_get(list, 1)), 7);
	json_decref(list);
	json_error_t err;
	assert_null(container_list_parse("[{\"Id\":}]", 10, &err));
	assert_int_equal(err.line, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keeps_what_checks_read),
		cmocka_unit_test(other_shapes_left_alone),
		cmocka_unit_test(parse_prunes_while_parsing),
		cmocka_unit_test(list_keeps_what_the_collector_reads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
