/* inspect_prune.c - the container inspect whitelist (see inspect_prune.h
 * and docs/facts.md).  A member whose rule has no sub-list is kept whole;
 * one with a sub-list keeps, when it is an object, only the listed members
 * (any other shape is kept as it is: the checks report odd shapes). */
#include "inspect_prune.h"

#include <stddef.h>
#include <string.h>

struct keep {
	const char *key;
	const struct keep *sub;    /* NULL: the whole value */
};

static const struct keep host_config[] = {
	{ "Binds", NULL }, { "Mounts", NULL }, { "VolumesFrom", NULL }, { "VolumeDriver", NULL },
	{ "NetworkMode", NULL }, { "PortBindings", NULL }, { "PublishAllPorts", NULL },
	{ "Links", NULL }, { "ExtraHosts", NULL },
	{ "RestartPolicy", NULL }, { "AutoRemove", NULL },
	{ "Privileged", NULL }, { "CapAdd", NULL }, { "CapDrop", NULL }, { "SecurityOpt", NULL },
	{ "Devices", NULL }, { "DeviceCgroupRules", NULL }, { "DeviceRequests", NULL },
	{ "ReadonlyRootfs", NULL }, { "MaskedPaths", NULL }, { "ReadonlyPaths", NULL },
	{ "PidMode", NULL }, { "IpcMode", NULL }, { "UTSMode", NULL }, { "UsernsMode", NULL },
	{ "CgroupnsMode", NULL }, { "Cgroup", NULL }, { "CgroupParent", NULL },
	{ "Memory", NULL }, { "MemoryReservation", NULL }, { "MemorySwap", NULL },
	{ "OomKillDisable", NULL }, { "OomScoreAdj", NULL },
	{ "CpuShares", NULL }, { "CpuQuota", NULL }, { "CpuPeriod", NULL }, { "NanoCpus", NULL },
	{ "CpusetCpus", NULL }, { "PidsLimit", NULL }, { "Ulimits", NULL },
	{ "ShmSize", NULL }, { "Tmpfs", NULL }, { "Sysctls", NULL }, { "Init", NULL },
	{ "Runtime", NULL }, { "Isolation", NULL }, { "LogConfig", NULL }, { "GroupAdd", NULL },
	{ NULL, NULL },
};

static const struct keep config[] = {
	{ "Hostname", NULL }, { "User", NULL }, { "Env", NULL }, { "Cmd", NULL },
	{ "Entrypoint", NULL }, { "Image", NULL }, { "Healthcheck", NULL },
	{ "ExposedPorts", NULL }, { "Volumes", NULL }, { "WorkingDir", NULL },
	{ "StopSignal", NULL },
	{ NULL, NULL },
};

static const struct keep graph_driver[] = {
	{ "Name", NULL },
	{ NULL, NULL },
};

static const struct keep network_settings[] = {
	{ "Ports", NULL }, { "Networks", NULL },
	{ NULL, NULL },
};

static const struct keep inspect[] = {
	{ "Id", NULL }, { "Name", NULL }, { "Created", NULL }, { "Path", NULL }, { "Args", NULL },
	{ "State", NULL }, { "Image", NULL }, { "RestartCount", NULL }, { "Driver", NULL },
	{ "Platform", NULL }, { "MountLabel", NULL }, { "ProcessLabel", NULL },
	{ "AppArmorProfile", NULL }, { "ExecIDs", NULL },
	{ "HostConfig", host_config }, { "GraphDriver", graph_driver }, { "Mounts", NULL },
	{ "Config", config }, { "NetworkSettings", network_settings },
	{ NULL, NULL },
};

static const struct keep *rule_for(const struct keep *rules, const char *key)
{
	for (; rules->key; rules++)
		if (strcmp(rules->key, key) == 0)
			return rules;
	return NULL;
}

static size_t prune(json_t *obj, const struct keep *rules)
{
	size_t removed = 0;
	const char *key;
	json_t *value;
	void *tmp;
	json_object_foreach_safe(obj, tmp, key, value) {
		const struct keep *rule = rule_for(rules, key);
		if (!rule) {
			json_object_del(obj, key);
			removed++;
		} else if (rule->sub && json_is_object(value))
			removed += prune(value, rule->sub);
	}
	return removed;
}

size_t inspect_prune(json_t *doc)
{
	if (!json_is_object(doc))
		return 0;
	return prune(doc, inspect);
}
