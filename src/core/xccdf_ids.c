/* xccdf_ids.c - the XCCDF ids of the Benchmark's parts (include/xccdf_ids.h). */
#include "xccdf_ids.h"

#include <string.h>

void xccdf_put_ncname_part(struct buf *b, const char *s)
{
	for (const char *p = s; *p; p++) {
		char ch = *p;
		bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
			  (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '_';
		buf_append(b, ok ? &ch : "_", 1);
	}
}

char *xccdf_rule_id(const struct check *c, enum bench_version v)
{
	struct buf id = BUF_INIT;
	buf_puts(&id, XCCDF_ID_PREFIX "rule_");
	xccdf_put_ncname_part(&id, check_id(c, v) ? check_id(c, v) : "none");
	buf_puts(&id, "_");
	xccdf_put_ncname_part(&id, c->slug && *c->slug ? c->slug : "check");
	return buf_steal(&id);
}

char *xccdf_group_id(const struct check_section *s)
{
	struct buf id = BUF_INIT;
	buf_puts(&id, XCCDF_ID_PREFIX "group_");
	xccdf_put_ncname_part(&id, s->number);
	return buf_steal(&id);
}

char *xccdf_benchmark_id(enum bench_version v)
{
	struct buf id = BUF_INIT;
	buf_puts(&id, XCCDF_ID_PREFIX "benchmark_cis_docker_");
	xccdf_put_ncname_part(&id, bench_version_name(v));
	return buf_steal(&id);
}

char *xccdf_benchmark_href(enum bench_version v)
{
	return xasprintf(XCCDF_BENCHMARK_HREF_SCHEME "cis-docker-%s", bench_version_name(v));
}

const char *xccdf_level_profile_id(int level)
{
	return level >= 2 ? XCCDF_PROFILE_LEVEL2 : XCCDF_PROFILE_LEVEL1;
}

int xccdf_level_of_profile_id(const char *id)
{
	if (id && strcmp(id, XCCDF_PROFILE_LEVEL1) == 0)
		return 1;
	if (id && strcmp(id, XCCDF_PROFILE_LEVEL2) == 0)
		return 2;
	return 0;
}

const struct check *xccdf_find_rule(const char *id, enum bench_version v)
{
	if (!id || strncmp(id, XCCDF_ID_PREFIX "rule_", strlen(XCCDF_ID_PREFIX "rule_")) != 0)
		return NULL;
	for (size_t s = 0; s < registry_section_count; s++) {
		const struct check_section *sec = registry_sections[s];
		for (size_t i = 0; i < sec->count; i++) {
			const struct check *c = &sec->checks[i];
			if (!check_id(c, v))
				continue;
			char *rid = xccdf_rule_id(c, v);
			bool same = strcmp(rid, id) == 0;
			free(rid);
			if (same)
				return c;
		}
	}
	return NULL;
}

const struct check_section *xccdf_find_group(const char *id)
{
	for (size_t s = 0; id && s < registry_section_count; s++) {
		char *gid = xccdf_group_id(registry_sections[s]);
		bool same = strcmp(gid, id) == 0;
		free(gid);
		if (same)
			return registry_sections[s];
	}
	return NULL;
}
