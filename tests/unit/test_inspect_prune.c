/* test_inspect_prune.c - the container inspect whitelist keeps every field
 * the checks and the collector read, drops the bulk nobody reads, and
 * leaves documents of another shape alone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keeps_what_checks_read),
		cmocka_unit_test(other_shapes_left_alone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
