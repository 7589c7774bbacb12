/* fleet.c - folds saved host reports into the fleet summary
 * (include/fleet.h). */
#include "fleet.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include <jansson.h>

#include "check.h"
#include "util.h"

static const char *const verdict_names[] = {
	[FLEET_HOST_MISSING] = "missing",
	[FLEET_HOST_UNREADABLE] = "unreadable",
	[FLEET_HOST_FAIL] = "fail",
	[FLEET_HOST_INCOMPLETE] = "incomplete",
	[FLEET_HOST_PASS] = "pass",
};
_Static_assert(sizeof(verdict_names) / sizeof(verdict_names[0]) == FLEET_HOST__MAX,
	       "a name for every verdict");

const char *fleet_verdict_name(enum fleet_verdict v)
{
	return v < FLEET_HOST__MAX ? verdict_names[v] : "unknown";
}

void fleet_init(struct fleet *fl, const struct fleet_options *opts)
{
	memset(fl, 0, sizeof(*fl));
	fl->opts = *opts;
}

static void failure_clear(struct fleet_failure *f)
{
	free(f->id);
	free(f->section);
	free(f->title);
	free(f->found);
	for (size_t i = 0; i < f->n_items; i++) {
		free(f->items[i].object);
		free(f->items[i].id);
		free(f->items[i].detail);
	}
	free(f->items);
}

static void host_clear(struct fleet_host *h)
{
	free(h->path);
	free(h->error);
	free(h->hostname);
	free(h->benchmark_version);
	free(h->tool_version);
	free(h->end_time);
	for (size_t i = 0; i < h->n_sections; i++)
		free(h->sections[i].section);
	free(h->sections);
	for (size_t i = 0; i < h->n_failures; i++)
		failure_clear(&h->failures[i]);
	free(h->failures);
}

void fleet_clear(struct fleet *fl)
{
	for (size_t i = 0; i < fl->n_hosts; i++)
		host_clear(&fl->hosts[i]);
	free(fl->hosts);
	free(fl->benchmark_version);
	for (size_t i = 0; i < fl->n_sections; i++)
		free(fl->sections[i]);
	free(fl->sections);
	for (size_t i = 0; i < fl->n_checks; i++)
		free(fl->checks[i].hosts);
	free(fl->checks);
	memset(fl, 0, sizeof(*fl));
}

/* Makes room for n more hosts; returns the first of them, zeroed. */
static struct fleet_host *new_hosts(struct fleet *fl, size_t n)
{
	if (fl->n_hosts + n > fl->cap_hosts) {
		size_t cap = fl->cap_hosts ? fl->cap_hosts : 16;
		while (cap < fl->n_hosts + n)
			cap *= 2;
		fl->hosts = xrealloc(fl->hosts, cap * sizeof(*fl->hosts));
		fl->cap_hosts = cap;
	}
	struct fleet_host *h = &fl->hosts[fl->n_hosts];
	memset(h, 0, n * sizeof(*h));
	fl->n_hosts += n;
	return h;
}

static void host_init(struct fleet_host *h, const char *path)
{
	/* A path comes from the command line; it is shown in every format. */
	h->path = utf8_sanitize_line(path);
	h->exit_status = -1;
	h->same_name_as = -1;
}

static struct fleet_section *host_section(struct fleet_host *h, const char *section)
{
	const char *s = section ? section : "";
	for (size_t i = 0; i < h->n_sections; i++)
		if (strcmp(h->sections[i].section, s) == 0)
			return &h->sections[i];
	h->sections = xrealloc(h->sections, (h->n_sections + 1) * sizeof(*h->sections));
	struct fleet_section *sec = &h->sections[h->n_sections++];
	memset(sec, 0, sizeof(*sec));
	sec->section = xstrdup(s);
	return sec;
}

static bool failing(enum status s)
{
	return s == STATUS_FAIL || s == STATUS_ERROR;
}

/* Fills h (initialised, otherwise empty) from rep. */
static void host_from_report(struct fleet_host *h, const struct saved_report *rep)
{
	h->hostname = xstrdup(rep->hostname);
	h->benchmark_version = xstrdup(rep->benchmark_version);
	h->tool_version = xstrdup(rep->tool_version);
	h->end_time = xstrdup(rep->end_time);
	h->level = rep->level;
	h->end_epoch = rep->end_epoch;
	memcpy(h->counts, rep->counts, sizeof(h->counts));
	h->exit_status = rep->exit_status;
	h->verdict = rep->exit_status == 1 ? FLEET_HOST_FAIL
		   : rep->exit_status == 3 ? FLEET_HOST_INCOMPLETE : FLEET_HOST_PASS;

	size_t n_failing = 0;
	for (size_t i = 0; i < rep->n_checks; i++) {
		const struct saved_check *c = &rep->checks[i];
		host_section(h, c->section)->counts[c->status]++;
		n_failing += failing(c->status);
	}
	h->failures = n_failing ? xcalloc(n_failing, sizeof(*h->failures)) : NULL;
	for (size_t i = 0; i < rep->n_checks; i++) {
		const struct saved_check *c = &rep->checks[i];
		if (!failing(c->status))
			continue;
		struct fleet_failure *f = &h->failures[h->n_failures++];
		f->id = xstrdup(c->id);
		f->section = xstrdup(c->section);
		f->title = xstrdup(c->title);
		f->status = c->status;
		f->found = xstrdup(c->found);
		f->n_items_examined = c->n_items;
		size_t n = 0;
		for (size_t k = 0; k < c->n_items; k++)
			n += failing(c->items[k].status);
		f->items = n ? xcalloc(n, sizeof(*f->items)) : NULL;
		for (size_t k = 0; k < c->n_items; k++) {
			const struct saved_item *it = &c->items[k];
			if (!failing(it->status))
				continue;
			struct fleet_item *fi = &f->items[f->n_items++];
			fi->object = xstrdup(it->object);
			fi->id = xstrdup(it->id);
			fi->status = it->status;
			fi->detail = xstrdup(it->detail);
		}
	}
}

static void host_unreadable(struct fleet_host *h, int err, const char *why)
{
	h->verdict = err == -ENOENT ? FLEET_HOST_MISSING : FLEET_HOST_UNREADABLE;
	h->error = utf8_sanitize_line(why ? why : strerror(-err));
}

void fleet_add_report(struct fleet *fl, const char *path, const struct saved_report *rep)
{
	struct fleet_host *h = new_hosts(fl, 1);
	host_init(h, path);
	host_from_report(h, rep);
}

void fleet_add_unreadable(struct fleet *fl, const char *path, int err, const char *why)
{
	struct fleet_host *h = new_hosts(fl, 1);
	host_init(h, path);
	host_unreadable(h, err, why);
}

/* Reads the report at path into h; the report is freed before it returns,
 * so each reader holds one report at a time. */
static void host_from_file(struct fleet_host *h, const char *path)
{
	struct saved_report *rep = NULL;
	char *why = NULL;
	host_init(h, path);
	int r = report_read_file(path, &rep, &why);
	if (r < 0)
		host_unreadable(h, r, why);
	else
		host_from_report(h, rep);
	saved_report_free(rep);
	free(why);
}

void fleet_add_file(struct fleet *fl, const char *path)
{
	host_from_file(new_hosts(fl, 1), path);
}

struct file_readers {
	struct fleet_host *hosts;
	char *const *paths;
	size_t n;
	atomic_size_t next;
};

static void *read_files(void *arg)
{
	struct file_readers *fr = arg;
	size_t i;
	while ((i = atomic_fetch_add(&fr->next, 1)) < fr->n)
		host_from_file(&fr->hosts[i], fr->paths[i]);
	return NULL;
}

void fleet_add_files(struct fleet *fl, char *const *paths, size_t n, unsigned threads)
{
	if (n == 0)
		return;
	/* Each reader fills its own slots of a table sized beforehand: no lock,
	 * and the hosts stay in the order of the paths. */
	struct file_readers fr = { .hosts = new_hosts(fl, n), .paths = paths, .n = n };
	atomic_init(&fr.next, 0);
	if (threads > n)
		threads = (unsigned)n;
	if (threads > FLEET_MAX_READERS)
		threads = FLEET_MAX_READERS;
	/* jansson picks its hash seed on first use; pick it before any thread does. */
	json_object_seed(0);
	pthread_t tids[FLEET_MAX_READERS];
	unsigned started = 0;
	for (unsigned t = 1; t < threads; t++) {
		if (pthread_create(&tids[started], NULL, read_files, &fr) != 0)
			break;         /* fewer readers: slower, not wrong */
		started++;
	}
	read_files(&fr);
	for (unsigned t = 0; t < started; t++)
		pthread_join(tids[t], NULL);
}

/* Compares runs of digits as numbers and everything else byte by byte, so
 * that "1.1.10" follows "1.1.9" and "5.31" follows "5.4". */
int fleet_id_compare(const char *a, const char *b)
{
	while (*a && *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			while (*a == '0' && isdigit((unsigned char)a[1]))
				a++;
			while (*b == '0' && isdigit((unsigned char)b[1]))
				b++;
			size_t la = 0, lb = 0;
			while (isdigit((unsigned char)a[la]))
				la++;
			while (isdigit((unsigned char)b[lb]))
				lb++;
			if (la != lb)
				return la < lb ? -1 : 1;
			int c = memcmp(a, b, la);
			if (c)
				return c < 0 ? -1 : 1;
			a += la;
			b += lb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return *a ? 1 : *b ? -1 : 0;
}

/* The version most readable reports were audited against; on a tie the
 * one that sorts last (the newest). */
static char *majority_version(const struct fleet *fl)
{
	const char *best = NULL;
	size_t best_n = 0;
	for (size_t i = 0; i < fl->n_hosts; i++) {
		const char *v = fl->hosts[i].benchmark_version;
		if (!v)
			continue;
		size_t n = 0;
		for (size_t k = 0; k < fl->n_hosts; k++)
			if (fl->hosts[k].benchmark_version && strcmp(fl->hosts[k].benchmark_version, v) == 0)
				n++;
		if (n > best_n || (n == best_n && fleet_id_compare(v, best) > 0)) {
			best = v;
			best_n = n;
		}
		/* Most fleets have one version: stop once it is the majority. */
		if (best_n * 2 > fl->n_hosts)
			break;
	}
	return xstrdup(best);
}

static int compare_strings(const void *a, const void *b)
{
	return fleet_id_compare(*(const char *const *)a, *(const char *const *)b);
}

static int compare_checks(const void *a, const void *b)
{
	return fleet_id_compare(((const struct fleet_check *)a)->id, ((const struct fleet_check *)b)->id);
}

static void add_section(struct fleet *fl, const char *section)
{
	for (size_t i = 0; i < fl->n_sections; i++)
		if (strcmp(fl->sections[i], section) == 0)
			return;
	fl->sections = xrealloc(fl->sections, (fl->n_sections + 1) * sizeof(*fl->sections));
	fl->sections[fl->n_sections++] = xstrdup(section);
}

/* The fleet check of this id; new ones are appended unsorted and sorted at
 * the end, so the search is linear over the few checks that fail
 * anywhere (at most the benchmark's ~120). */
static struct fleet_check *fleet_check_for(struct fleet *fl, const struct fleet_failure *f)
{
	for (size_t i = 0; i < fl->n_checks; i++)
		if (strcmp(fl->checks[i].id, f->id) == 0)
			return &fl->checks[i];
	fl->checks = xrealloc(fl->checks, (fl->n_checks + 1) * sizeof(*fl->checks));
	struct fleet_check *c = &fl->checks[fl->n_checks++];
	memset(c, 0, sizeof(*c));
	c->id = f->id;
	c->section = f->section;
	c->title = f->title;
	return c;
}

void fleet_finish(struct fleet *fl)
{
	if (fl->finished)
		return;
	fl->finished = true;
	fl->benchmark_version = majority_version(fl);
	for (size_t i = 0; i < fl->n_hosts; i++) {
		struct fleet_host *h = &fl->hosts[i];
		fl->n_verdict[h->verdict]++;
		if (!h->benchmark_version)
			continue;
		h->age_hours = (fl->opts.now - h->end_epoch) / 3600.0;
		h->stale = fl->opts.max_age_hours > 0 && h->age_hours > fl->opts.max_age_hours;
		h->other_version = strcmp(h->benchmark_version, fl->benchmark_version) != 0;
		fl->n_stale += h->stale;
		fl->n_other_version += h->other_version;
		if (h->hostname)
			for (size_t k = 0; k < i; k++)
				if (fl->hosts[k].hostname && strcmp(fl->hosts[k].hostname, h->hostname) == 0) {
					h->same_name_as = (long)k;
					break;
				}
		/* Ids mean different checks in different benchmark versions: a
		 * host of another version is shown on its own, never merged
		 * into the per-check lists or the matrix's columns. */
		if (h->other_version)
			continue;
		for (size_t s = 0; s < h->n_sections; s++)
			add_section(fl, h->sections[s].section);
		for (size_t f = 0; f < h->n_failures; f++) {
			struct fleet_check *c = fleet_check_for(fl, &h->failures[f]);
			c->hosts = xrealloc(c->hosts, (c->n_hosts + 1) * sizeof(*c->hosts));
			c->hosts[c->n_hosts++] = (struct fleet_check_host){ .host = i, .failure = f };
			if (h->failures[f].status == STATUS_FAIL)
				c->n_fail++;
			else
				c->n_error++;
		}
	}
	if (fl->n_sections > 1)
		qsort(fl->sections, fl->n_sections, sizeof(*fl->sections), compare_strings);
	if (fl->n_checks > 1)
		qsort(fl->checks, fl->n_checks, sizeof(*fl->checks), compare_checks);
}

int fleet_exit_status(const struct fleet *fl)
{
	if (fl->n_verdict[FLEET_HOST_MISSING] || fl->n_verdict[FLEET_HOST_UNREADABLE] ||
	    fl->n_verdict[FLEET_HOST_FAIL] || fl->n_stale || fl->n_other_version)
		return FLEET_EXIT_PROBLEM;
	if (fl->n_verdict[FLEET_HOST_INCOMPLETE])
		return FLEET_EXIT_INCOMPLETE;
	return FLEET_EXIT_ALL_PASS;
}

const struct fleet_section *fleet_host_section(const struct fleet_host *h, const char *section)
{
	for (size_t i = 0; i < h->n_sections; i++)
		if (strcmp(h->sections[i].section, section) == 0)
			return &h->sections[i];
	return NULL;
}

const char *fleet_section_title(const char *section)
{
	for (size_t i = 0; i < registry_section_count; i++)
		if (strcmp(registry_sections[i]->number, section) == 0)
			return registry_sections[i]->title;
	return NULL;
}

const char *fleet_host_label(const struct fleet_host *h)
{
	return h->hostname && *h->hostname ? h->hostname : h->path;
}
