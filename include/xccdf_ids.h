/* xccdf_ids.h - the XCCDF ids dockaudit gives its Benchmark's parts: one
 * spelling for the writer (reports/xccdf.c) and for the readers of files
 * that name them (tailoring files).
 *
 * Rule ids carry the check's id in the chosen benchmark version and its
 * stable slug ("xccdf_org.dockaudit_rule_5.12_container_cpu_priority"), so
 * they differ between versions where the benchmark renumbered. */
#ifndef DOCKAUDIT_XCCDF_IDS_H
#define DOCKAUDIT_XCCDF_IDS_H

#include "check.h"

#define XCCDF_ID_PREFIX "xccdf_org.dockaudit_"
#define XCCDF_PROFILE_LEVEL1 XCCDF_ID_PREFIX "profile_level1"
#define XCCDF_PROFILE_LEVEL2 XCCDF_ID_PREFIX "profile_level2"

/* The Rule id of c in version v (c must be part of v); the caller frees it. */
char *xccdf_rule_id(const struct check *c, enum bench_version v);
/* The Group id of a section; the caller frees it. */
char *xccdf_group_id(const struct check_section *s);
/* The Benchmark id of version v; the caller frees it. */
char *xccdf_benchmark_id(enum bench_version v);
/* The href a tailoring file's <benchmark> gives for dockaudit's Benchmark of
 * version v: "dockaudit:cis-docker-1.8.0" (examples/tailoring.xml).  The
 * Benchmark is built into dockaudit, so no file or URL names it; this
 * scheme does, per version.  The caller frees it. */
#define XCCDF_BENCHMARK_HREF_SCHEME "dockaudit:"
char *xccdf_benchmark_href(enum bench_version v);
/* The Profile id of level 1 or 2 (static). */
const char *xccdf_level_profile_id(int level);
/* 1 or 2 when id is a level profile's id, else 0. */
int xccdf_level_of_profile_id(const char *id);

/* The check of version v whose Rule id this is, or NULL. */
const struct check *xccdf_find_rule(const char *id, enum bench_version v);
/* The section whose Group id this is, or NULL. */
const struct check_section *xccdf_find_group(const char *id);

/* Appends s to b as a piece of an NCName: letters, digits, '.', '-' and '_'
 * pass; anything else becomes '_'. */
void xccdf_put_ncname_part(struct buf *b, const char *s);

#endif
