/* tailoring.h - an XCCDF 1.2 Tailoring document (the file oscap reads with
 * --tailoring-file): Profiles that extend a Benchmark's profiles, select or
 * unselect its rules and groups, set or refine its values and refine its
 * rules' severity.
 *
 * tailoring_parse() is pure: it reads the bytes with libxml2 (no network, no
 * entity expansion, no DTD), checks the structure the XCCDF 1.2 schema gives
 * a Tailoring (the elements dockaudit acts on, in the schema's order, their
 * required attributes), and keeps what it found as text with the line of
 * each element.  It does not know the Benchmark: include/profile.h resolves
 * the ids against the checks.
 *
 * Ownership: a tailoring owns all its strings and arrays; tailoring_free()
 * releases everything. */
#ifndef DOCKAUDIT_TAILORING_H
#define DOCKAUDIT_TAILORING_H

#include <stdbool.h>
#include <stddef.h>

/* <select idref selected/> */
struct tailoring_select {
	char *idref;            /* a Rule or Group id */
	bool selected;
	unsigned line;
};

/* <refine-value idref selector/> or <set-value idref>text</set-value> */
struct tailoring_value {
	char *idref;            /* a Value id */
	char *selector;         /* refine-value: the selector ("" = the default); else NULL */
	char *text;             /* set-value: the value itself; else NULL */
	unsigned line;
};

/* <refine-rule idref severity/> */
struct tailoring_refine {
	char *idref;            /* a Rule or Group id */
	char *severity;         /* unknown, info, low, medium or high */
	unsigned line;
};

struct tailoring_profile {
	char *id;
	char *extends;          /* the profile it builds on, or NULL */
	char *title;            /* the first title's text */
	char *description;      /* the first description's text, or NULL */
	unsigned line;
	struct tailoring_select *selects;
	size_t n_selects;
	struct tailoring_value *values;     /* refine-value and set-value, in file order */
	size_t n_values;
	struct tailoring_refine *refines;
	size_t n_refines;
};

struct tailoring {
	char *path;             /* the name the messages use (the file as given) */
	char *id;               /* xccdf_..._tailoring_... */
	char *benchmark_href;   /* <benchmark href>, or NULL */
	char *benchmark_id;     /* <benchmark id> (optional in XCCDF 1.2), or NULL */
	unsigned benchmark_line; /* the line of <benchmark>; 0 without one */
	char *version;          /* <version> text */
	char *version_time;     /* <version time> */
	struct tailoring_profile *profiles;
	size_t n_profiles;
};

/* Parses data[0..len) as a Tailoring document; path names it in messages.
 * Returns 0 and *ret, or -EINVAL with *ret_error ("FILE:LINE: what is
 * wrong"; the caller frees it). */
int tailoring_parse(const char *data, size_t len, const char *path, struct tailoring **ret,
		    char **ret_error);

/* The profile of that id, or NULL. */
const struct tailoring_profile *tailoring_find_profile(const struct tailoring *t, const char *id);

void tailoring_free(struct tailoring *t);

#endif
