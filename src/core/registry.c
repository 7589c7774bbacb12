/* registry.c - the list of section tables, in benchmark order, and lookups. */
#include "check.h"

#include <string.h>

const struct check_section *const registry_sections[] = {
	&section_host, &section_daemon, &section_daemon_files, &section_images,
	&section_runtime, &section_operations, &section_swarm,
};
const size_t registry_section_count = ARRAY_SIZE(registry_sections);

static const char *const bench_names[BENCH__MAX] = {
	[BENCH_1_6_0] = "1.6.0",
	[BENCH_1_7_0] = "1.7.0",
	[BENCH_1_8_0] = "1.8.0",
};

const char *bench_version_name(enum bench_version v)
{
	return (unsigned)v < BENCH__MAX ? bench_names[v] : "?";
}

int bench_version_from_name(const char *name)
{
	for (int i = 0; i < BENCH__MAX; i++)
		if (name && strcmp(name, bench_names[i]) == 0)
			return i;
	return -1;
}

static const char *const severity_names[] = {
	[SEVERITY_UNKNOWN] = "unknown", [SEVERITY_INFO] = "info", [SEVERITY_LOW] = "low",
	[SEVERITY_MEDIUM] = "medium",   [SEVERITY_HIGH] = "high",
};

const char *severity_name(enum severity s)
{
	return (unsigned)s < ARRAY_SIZE(severity_names) ? severity_names[s] : "unknown";
}

enum check_handling check_handling(const struct check *c)
{
	if (!c->audit && !c->audit_container && !c->audit_image)
		return HANDLING_MANUAL;
	return c->evidence_only ? HANDLING_EVIDENCE : HANDLING_DECIDED;
}

const char *check_handling_name(enum check_handling h)
{
	static const char *const names[] = {
		[HANDLING_DECIDED] = "decided",
		[HANDLING_EVIDENCE] = "evidence",
		[HANDLING_MANUAL] = "manual",
	};
	return (unsigned)h < ARRAY_SIZE(names) ? names[h] : "manual";
}

const char *check_id(const struct check *c, enum bench_version v)
{
	return (unsigned)v < BENCH__MAX ? c->id[v] : NULL;
}

const char *check_title(const struct check *c, enum bench_version v)
{
	if ((unsigned)v < BENCH__MAX && c->title_for[v])
		return c->title_for[v];
	return c->title;
}

const struct check_section *check_section_of(const struct check *c)
{
	for (size_t s = 0; s < registry_section_count; s++) {
		const struct check_section *sec = registry_sections[s];
		if (c >= sec->checks && c < sec->checks + sec->count)
			return sec;
	}
	return NULL;
}

const struct check *registry_find(const char *id, enum bench_version v)
{
	for (size_t s = 0; s < registry_section_count; s++)
		for (size_t i = 0; i < registry_sections[s]->count; i++) {
			const struct check *c = &registry_sections[s]->checks[i];
			const char *cid = check_id(c, v);
			if (cid && strcmp(cid, id) == 0)
				return c;
		}
	return NULL;
}
