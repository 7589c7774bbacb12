/* profile.c - the tailored profile of a run (include/profile.h): the
 * tailoring file read, its ids resolved against the registry. */
#include "profile.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "file_read.h"
#include "xccdf_ids.h"

#define TAILORING_MAX_BYTES (16u << 20)

int tailoring_load(const char *path, struct tailoring **ret, char **ret_error)
{
	*ret = NULL;
	*ret_error = NULL;
	struct buf b = BUF_INIT;
	mode_t mode = 0;
	int r = read_regular_file(path, TAILORING_MAX_BYTES, &b, &mode);
	if (r < 0) {
		char *why = read_regular_error(r, TAILORING_MAX_BYTES, mode);
		*ret_error = xasprintf("%s: %s%s", path, why,
				       r == -EFBIG ? "; not a tailoring file" : "");
		free(why);
	} else {
		r = tailoring_parse(b.data ? b.data : "", b.len, path, ret, ret_error);
	}
	buf_free(&b);
	return r;
}

int profile_choose(const struct profile_request *req, int *ret_level, struct profile **ret,
		   char **ret_warning, char **ret_error)
{
	*ret = NULL;
	*ret_warning = NULL;
	*ret_error = NULL;
	*ret_level = req->level;
	int level = xccdf_level_of_profile_id(req->profile_id);
	if (level && req->level_given && level != req->level) {
		*ret_error = xasprintf("--level %d and --profile %s disagree", req->level,
				       req->profile_id);
		return -EINVAL;
	}
	if (level)
		*ret_level = level;
	if (!req->tailoring_file) {
		if (req->profile_id && !level) {
			*ret_error = xasprintf("no profile '%s' in dockaudit's benchmark (%s, %s); a "
					       "tailored profile needs --tailoring-file", req->profile_id,
					       XCCDF_PROFILE_LEVEL1, XCCDF_PROFILE_LEVEL2);
			return -EINVAL;
		}
		return 0;
	}
	/* The file is read even when a level profile is chosen from it, so a
	 * broken tailoring file never goes unnoticed. */
	struct tailoring *t;
	char *why = NULL;
	int r = tailoring_load(req->tailoring_file, &t, &why);
	if (r == 0)
		r = tailoring_check_benchmark(t, req->version, ret_warning, &why);
	if (r == 0 && !level)
		r = profile_from_tailoring(t, req->profile_id, req->version, ret, &why);
	tailoring_free(t);
	if (r < 0) {
		*ret_error = xasprintf("tailoring file %s", why ? why : strerror(-r));
		free(why);
		return r;
	}
	if (*ret && req->level_given) {
		*ret_error = xasprintf("--level and a tailored --profile both choose the checks; give "
				       "one (the profile extends %s)",
				       (*ret)->extends ? (*ret)->extends : "no level");
		profile_free(*ret);
		*ret = NULL;
		return -EINVAL;
	}
	if (*ret)
		*ret_level = (*ret)->base_level;
	return 0;
}

/* The position of c in the registry (sections in order), or -1. */
static long check_index(const struct check *c)
{
	size_t base = 0;
	for (size_t s = 0; s < registry_section_count; s++) {
		const struct check_section *sec = registry_sections[s];
		if (c >= sec->checks && c < sec->checks + sec->count)
			return (long)(base + (size_t)(c - sec->checks));
		base += sec->count;
	}
	return -1;
}

static size_t registry_size(void)
{
	size_t n = 0;
	for (size_t s = 0; s < registry_section_count; s++)
		n += registry_sections[s]->count;
	return n;
}

static int fail_at(char **ret_error, const char *path, unsigned line, const char *fmt, ...)
	PRINTF_LIKE(4, 5);
static int fail_at(char **ret_error, const char *path, unsigned line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *what = xvasprintf(fmt, ap);
	va_end(ap);
	*ret_error = line ? xasprintf("%s:%u: %s", path, line, what) : xasprintf("%s: %s", path, what);
	free(what);
	return -EINVAL;
}

static enum severity severity_from_name(const char *s)
{
	static const char *const names[] = { "unknown", "info", "low", "medium", "high" };
	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (strcmp(names[i], s) == 0)
			return (enum severity)i;
	return SEVERITY_UNKNOWN;
}

/* Calls fn for each check of version v that idref names: one Rule, or
 * every rule of a Group.  Returns how many it named (0: unknown id). */
static size_t for_rule_or_group(const char *idref, enum bench_version v,
				void (*fn)(long index, const struct check *c, void *arg), void *arg)
{
	const struct check *c = xccdf_find_rule(idref, v);
	if (c) {
		fn(check_index(c), c, arg);
		return 1;
	}
	const struct check_section *sec = xccdf_find_group(idref);
	size_t n = 0;
	for (size_t i = 0; sec && i < sec->count; i++)
		if (check_id(&sec->checks[i], v)) {
			fn(check_index(&sec->checks[i]), &sec->checks[i], arg);
			n++;
		}
	return n;
}

static long section_index(const struct check_section *sec)
{
	for (size_t s = 0; s < registry_section_count; s++)
		if (registry_sections[s] == sec)
			return (long)s;
	return -1;
}

struct set_selected {
	bool *selected;
	bool value;
};

static void set_selected(long index, const struct check *c, void *arg)
{
	(void)c;
	struct set_selected *s = arg;
	if (index >= 0)
		s->selected[index] = s->value;
}

struct set_severity {
	enum severity *severity;
	enum severity value;
};

static void set_severity(long index, const struct check *c, void *arg)
{
	(void)c;
	struct set_severity *s = arg;
	if (index >= 0)
		s->severity[index] = s->value;
}

static void add_value(struct profile *p, const struct tunable *t, const char *text)
{
	for (size_t i = 0; i < p->n_values; i++)
		if (p->values[i].tunable == t) {
			free(p->values[i].text);
			p->values[i].text = xstrdup(text);
			return;
		}
	p->values = xrealloc(p->values, (p->n_values + 1) * sizeof(*p->values));
	p->values[p->n_values++] = (struct profile_value){ t, xstrdup(text) };
}

/* The version whose dockaudit Benchmark spell() names `name` (its id or
 * its href), or -1. */
static int version_of(const char *name, char *(*spell)(enum bench_version))
{
	for (int i = 0; i < BENCH__MAX; i++) {
		char *ours = spell((enum bench_version)i);
		bool same = strcmp(ours, name) == 0;
		free(ours);
		if (same)
			return i;
	}
	return -1;
}

/* One of the two names <benchmark> may give (id or href) against ours. */
static int check_benchmark_name(const struct tailoring *t, const char *what, const char *name,
				char *(*spell)(enum bench_version), enum bench_version v, char **ret_error)
{
	char *ours = spell(v);
	int r = 0;
	if (strcmp(name, ours) != 0) {
		int other = version_of(name, spell);
		if (other >= 0)
			r = fail_at(ret_error, t->path, t->benchmark_line,
				    "<benchmark %s=\"%s\">: the file is written for CIS Docker Benchmark %s, this "
				    "run audits %s (%s); use --benchmark %s, or a tailoring file for %s",
				    what, name, bench_version_name((enum bench_version)other), bench_version_name(v),
				    ours, bench_version_name((enum bench_version)other), bench_version_name(v));
		else
			r = fail_at(ret_error, t->path, t->benchmark_line,
				    "<benchmark %s=\"%s\">: not dockaudit's Benchmark (for CIS Docker Benchmark %s "
				    "it is %s)", what, name, bench_version_name(v), ours);
	}
	free(ours);
	return r;
}

int tailoring_check_benchmark(const struct tailoring *t, enum bench_version v, char **ret_warning,
			      char **ret_error)
{
	*ret_warning = NULL;
	*ret_error = NULL;
	if (!t->benchmark_href)
		return 0;
	if (t->benchmark_id &&
	    check_benchmark_name(t, "id", t->benchmark_id, xccdf_benchmark_id, v, ret_error) < 0)
		return -EINVAL;
	if (strncmp(t->benchmark_href, XCCDF_BENCHMARK_HREF_SCHEME, strlen(XCCDF_BENCHMARK_HREF_SCHEME)) == 0)
		return check_benchmark_name(t, "href", t->benchmark_href, xccdf_benchmark_href, v, ret_error);
	if (!t->benchmark_id) {
		char *ours = xccdf_benchmark_href(v);
		char *id = xccdf_benchmark_id(v);
		*ret_warning = xasprintf("%s:%u: <benchmark href=\"%s\"> names no id, so which benchmark the file "
					 "is for cannot be checked; its ids are read as those of dockaudit's "
					 "Benchmark for CIS Docker Benchmark %s (give href=\"%s\" or id=\"%s\")",
					 t->path, t->benchmark_line, t->benchmark_href, bench_version_name(v), ours, id);
		free(ours);
		free(id);
	}
	return 0;
}

int profile_from_tailoring(const struct tailoring *t, const char *profile_id, enum bench_version v,
			   struct profile **ret, char **ret_error)
{
	*ret = NULL;
	*ret_error = NULL;
	const char *path = t->path;
	const struct tailoring_profile *tp;
	if (profile_id) {
		tp = tailoring_find_profile(t, profile_id);
		if (!tp) {
			struct buf ids = BUF_INIT;
			for (size_t i = 0; i < t->n_profiles; i++)
				buf_printf(&ids, "%s%s", i ? ", " : "", t->profiles[i].id);
			fail_at(ret_error, path, 0, "no Profile '%s' in this file (it has: %s)", profile_id,
				ids.data ? ids.data : "none");
			buf_free(&ids);
			return -EINVAL;
		}
	} else if (t->n_profiles == 1) {
		tp = &t->profiles[0];
	} else {
		return fail_at(ret_error, path, 0, "the file has %zu profiles: choose one with --profile",
			       t->n_profiles);
	}

	int base = 2;
	const char *extends = NULL;
	if (tp->extends) {
		base = xccdf_level_of_profile_id(tp->extends);
		if (!base) {
			if (tailoring_find_profile(t, tp->extends))
				return fail_at(ret_error, path, tp->line,
					       "Profile '%s' extends '%s' of the same file: extend %s or %s",
					       tp->id, tp->extends, XCCDF_PROFILE_LEVEL1, XCCDF_PROFILE_LEVEL2);
			return fail_at(ret_error, path, tp->line,
				       "Profile '%s' extends '%s', which is not a profile of dockaudit's "
				       "benchmark (%s or %s)", tp->id, tp->extends, XCCDF_PROFILE_LEVEL1,
				       XCCDF_PROFILE_LEVEL2);
		}
		extends = xccdf_level_profile_id(base);
	}
	if (xccdf_level_of_profile_id(tp->id))
		return fail_at(ret_error, path, tp->line,
			       "Profile '%s' has the id of one of dockaudit's own profiles: give it an id "
			       "of its own", tp->id);
	struct profile *p = xcalloc(1, sizeof(*p));
	p->id = xstrdup(tp->id);
	p->title = xstrdup(tp->title ? tp->title : tp->id);
	p->description = xstrdup(tp->description);
	p->extends = extends;
	p->base_level = base;
	p->n_checks = registry_size();
	p->selected = xcalloc(p->n_checks ? p->n_checks : 1, sizeof(*p->selected));
	p->severity = xcalloc(p->n_checks ? p->n_checks : 1, sizeof(*p->severity));
	p->tailoring_path = xstrdup(t->path);
	p->tailoring_id = xstrdup(t->id);
	p->tailoring_version = xstrdup(t->version);
	p->tailoring_time = xstrdup(t->version_time);
	for (size_t s = 0, k = 0; s < registry_section_count; s++)
		for (size_t i = 0; i < registry_sections[s]->count; i++, k++) {
			const struct check *c = &registry_sections[s]->checks[i];
			p->selected[k] = check_id(c, v) && c->level <= base;
			p->severity[k] = c->severity;
		}

	/* XCCDF's selection is hierarchical: a rule runs when it is selected
	 * and so is its Group.  A Group's select leaves its rules' own
	 * selection as it is (oscap does the same). */
	bool *group_selected = xcalloc(registry_section_count + 1, sizeof(bool));
	for (size_t s = 0; s < registry_section_count; s++)
		group_selected[s] = true;
	for (size_t i = 0; i < tp->n_selects; i++) {
		const struct tailoring_select *sel = &tp->selects[i];
		const struct check_section *group = xccdf_find_group(sel->idref);
		if (group) {
			group_selected[section_index(group)] = sel->selected;
			continue;
		}
		struct set_selected arg = { p->selected, sel->selected };
		if (!for_rule_or_group(sel->idref, v, set_selected, &arg)) {
			fail_at(ret_error, path, sel->line,
				"<select idref=\"%s\">: no Rule or Group of that id in the CIS Docker "
				"Benchmark %s (dockaudit --format xccdf lists them)", sel->idref,
				bench_version_name(v));
			free(group_selected);
			profile_free(p);
			return -EINVAL;
		}
	}
	for (size_t s = 0, k = 0; s < registry_section_count; s++)
		for (size_t i = 0; i < registry_sections[s]->count; i++, k++)
			p->selected[k] = p->selected[k] && group_selected[s];
	free(group_selected);
	for (size_t i = 0; i < tp->n_refines; i++) {
		const struct tailoring_refine *rr = &tp->refines[i];
		struct set_severity arg = { p->severity, severity_from_name(rr->severity) };
		if (xccdf_find_group(rr->idref)) {
			fail_at(ret_error, path, rr->line, "<refine-rule idref=\"%s\">: a Group has no "
				"severity; refine its rules", rr->idref);
			profile_free(p);
			return -EINVAL;
		}
		if (!for_rule_or_group(rr->idref, v, set_severity, &arg)) {
			fail_at(ret_error, path, rr->line,
				"<refine-rule idref=\"%s\">: no Rule of that id in the CIS Docker "
				"Benchmark %s", rr->idref, bench_version_name(v));
			profile_free(p);
			return -EINVAL;
		}
	}
	for (size_t i = 0; i < tp->n_values; i++) {
		const struct tailoring_value *tv = &tp->values[i];
		const struct tunable *tun = tunable_by_id(tv->idref);
		const char *elem = tv->text ? "set-value" : "refine-value";
		if (!tun) {
			struct buf ids = BUF_INIT;
			for (size_t k = 0; k < tunable_count; k++)
				buf_printf(&ids, "%s%s", k ? ", " : "", tunables[k].id);
			fail_at(ret_error, path, tv->line, "<%s idref=\"%s\">: no Value of that id (the values "
				"are %s)", elem, tv->idref, ids.data);
			buf_free(&ids);
			profile_free(p);
			return -EINVAL;
		}
		const char *text = tv->text;
		if (!text) {
			text = tunable_selector_value(tun, tv->selector);
			if (!text) {
				struct buf sels = BUF_INIT;
				for (size_t k = 0; k < ARRAY_SIZE(tun->choices) && tun->choices[k].selector; k++)
					buf_printf(&sels, ", %s", tun->choices[k].selector);
				fail_at(ret_error, path, tv->line,
					"<refine-value idref=\"%s\" selector=\"%s\">: no such selector (use "
					"\"\" for the default%s)", tv->idref, tv->selector,
					sels.data ? sels.data : "");
				buf_free(&sels);
				profile_free(p);
				return -EINVAL;
			}
		}
		const char *why;
		if (tunable_check_text(tun, text, &why) < 0) {
			char *clean = utf8_sanitize_line(text);
			fail_at(ret_error, path, tv->line, "<%s idref=\"%s\">: '%s' is %s", elem, tv->idref,
				clean, why);
			free(clean);
			profile_free(p);
			return -EINVAL;
		}
		add_value(p, tun, text);
	}
	*ret = p;
	return 0;
}

bool profile_selects(const struct profile *p, const struct check *c)
{
	long i = check_index(c);
	return i >= 0 && (size_t)i < p->n_checks && p->selected[i];
}

enum severity profile_severity(const struct profile *p, const struct check *c)
{
	long i = p ? check_index(c) : -1;
	return i >= 0 && (size_t)i < p->n_checks ? p->severity[i] : c->severity;
}

void profile_apply_values(const struct profile *p, struct audit_options *o,
			  const struct tunable *const *keep, size_t n_keep)
{
	for (size_t i = 0; p && i < p->n_values; i++) {
		bool kept = false;
		for (size_t k = 0; k < n_keep && !kept; k++)
			kept = keep[k] == p->values[i].tunable;
		if (!kept)
			tunable_store(p->values[i].tunable, p->values[i].text, o);
	}
}

void profile_free(struct profile *p)
{
	if (!p)
		return;
	free(p->id);
	free(p->title);
	free(p->description);
	free(p->selected);
	free(p->severity);
	for (size_t i = 0; i < p->n_values; i++)
		free(p->values[i].text);
	free(p->values);
	free(p->tailoring_path);
	free(p->tailoring_id);
	free(p->tailoring_version);
	free(p->tailoring_time);
	free(p);
}
