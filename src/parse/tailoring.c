/* tailoring.c - reads an XCCDF 1.2 Tailoring document (include/tailoring.h).
 *
 * libxml2 builds the tree (XML_PARSE_NONET: nothing is fetched; entities
 * are not substituted, and a document with a DTD is refused, so no entity
 * can expand).  The walk below then checks the structure the XCCDF 1.2
 * schema gives the parts dockaudit acts on: the order of the children of
 * Tailoring and Profile, their required attributes and id patterns.  An
 * element dockaudit cannot honour (set-complex-value, refine-rule's weight
 * or role, refine-value's operator) is an error, not silently ignored: the
 * user would believe it took effect. */
#include "tailoring.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "util.h"

#define XCCDF_NS "http://checklists.nist.gov/xccdf/1.2"

struct walk {
	const char *path;
	char *error;
	struct tailoring *t;
};

static int fail(struct walk *w, const xmlNode *n, const char *fmt, ...) PRINTF_LIKE(3, 4);
static int fail(struct walk *w, const xmlNode *n, const char *fmt, ...)
{
	if (w->error)
		return -EINVAL;
	va_list ap;
	va_start(ap, fmt);
	char *what = xvasprintf(fmt, ap);
	va_end(ap);
	char *clean = utf8_sanitize_line(what);
	long line = n ? xmlGetLineNo(n) : 0;
	if (line > 0)
		w->error = xasprintf("%s:%ld: %s", w->path, line, clean);
	else
		w->error = xasprintf("%s: %s", w->path, clean);
	free(clean);
	free(what);
	return -EINVAL;
}

static unsigned line_of(const xmlNode *n)
{
	long l = xmlGetLineNo(n);
	return l > 0 && l < (long)UINT_MAX ? (unsigned)l : 0;
}

static bool in_xccdf(const xmlNode *n)
{
	return n->ns && n->ns->href && strcmp((const char *)n->ns->href, XCCDF_NS) == 0;
}

static const char *name_of(const xmlNode *n)
{
	return (const char *)n->name;
}

/* An attribute without namespace, trimmed of the blanks the schema's
 * token types collapse; NULL when absent.  The caller frees it. */
static char *attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, BAD_CAST name);
	if (!v)
		return NULL;
	const char *s = (const char *)v;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	size_t len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	char *out = utf8_sanitize(s, len);
	xmlFree(v);
	return out;
}

static char *text_of(const xmlNode *n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *out = utf8_sanitize(v ? (const char *)v : "", (size_t)-1);
	xmlFree(v);
	return out;
}

/* id matches xccdf_[^_]+_KIND_.+ and is an NCName's worth of characters. */
static bool id_has_form(const char *id, const char *kind)
{
	if (strncmp(id, "xccdf_", 6) != 0)
		return false;
	const char *rdns = id + 6;
	const char *us = strchr(rdns, '_');
	if (!us || us == rdns)
		return false;
	size_t k = strlen(kind);
	if (strncmp(us + 1, kind, k) != 0 || us[1 + k] != '_' || us[2 + k] == '\0')
		return false;
	for (const char *p = id; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch == ':' || ch == ' ' || ch < 0x20 || ch == '"' || ch == '<' || ch == '>' || ch == '&')
			return false;
	}
	return true;
}

static int need_attr(struct walk *w, const xmlNode *n, const char *name, char **ret)
{
	*ret = attr(n, name);
	if (!*ret || !**ret) {
		free(*ret);
		*ret = NULL;
		return fail(w, n, "<%s> needs a %s attribute", name_of(n), name);
	}
	return 0;
}

static int parse_bool(struct walk *w, const xmlNode *n, const char *name, const char *v, bool *ret)
{
	if (strcmp(v, "true") == 0 || strcmp(v, "1") == 0)
		*ret = true;
	else if (strcmp(v, "false") == 0 || strcmp(v, "0") == 0)
		*ret = false;
	else
		return fail(w, n, "<%s %s=\"%s\">: use true or false", name_of(n), name, v);
	return 0;
}

/* The attributes an element may carry: anything else (without namespace)
 * is reported, so that a misspelling does not pass unnoticed. */
static int only_attrs(struct walk *w, const xmlNode *n, const char *const *allowed)
{
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		if (a->ns)
			continue;   /* xml:lang, xsi:..., foreign attributes: the schema allows them */
		bool ok = false;
		for (const char *const *p = allowed; *p && !ok; p++)
			ok = strcmp(*p, (const char *)a->name) == 0;
		if (!ok)
			return fail(w, n, "<%s> has an attribute '%s' that dockaudit does not support here",
				    name_of(n), (const char *)a->name);
	}
	return 0;
}

/* One place of an XCCDF sequence: names ('|' separates a choice), how many. */
struct slot {
	const char *names;
	unsigned min, max;     /* max 0: unbounded */
};

static bool slot_has(const struct slot *s, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = s->names; p; ) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && strncmp(p, name, n) == 0)
			return true;
		p = bar ? bar + 1 : NULL;
	}
	return false;
}

typedef int (*child_fn)(struct walk *w, const xmlNode *child, size_t slot, void *arg);

/* Walks the element children of parent against the sequence, calling fn
 * for each with the index of its slot.  Text other than blanks, elements of
 * another namespace and misplaced elements are errors. */
static int walk_sequence(struct walk *w, const xmlNode *parent, const struct slot *slots, size_t n_slots,
			 child_fn fn, void *arg)
{
	size_t cur = 0;
	unsigned seen = 0;
	for (const xmlNode *c = parent->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			for (const xmlChar *p = c->content; p && *p; p++)
				if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
					return fail(w, c, "text inside <%s> where only elements belong",
						    name_of(parent));
			continue;
		}
		if (c->type == XML_ENTITY_REF_NODE)
			return fail(w, c, "entity references are not allowed in a tailoring file");
		if (c->type != XML_ELEMENT_NODE)
			continue;   /* comments, processing instructions */
		if (!in_xccdf(c))
			return fail(w, c, "<%s> is not an XCCDF 1.2 element (namespace %s)", name_of(c),
				    XCCDF_NS);
		size_t k = cur;
		while (k < n_slots && !slot_has(&slots[k], name_of(c)))
			k++;
		if (k == n_slots) {
			bool known = false;
			for (size_t i = 0; i < n_slots; i++)
				known = known || slot_has(&slots[i], name_of(c));
			return fail(w, c, known ? "<%s> is out of order inside <%s>"
						: "<%s> does not belong inside <%s>",
				    name_of(c), name_of(parent));
		}
		if (k != cur) {
			if (seen < slots[cur].min)
				return fail(w, c, "<%s> needs a <%s> before <%s>", name_of(parent),
					    slots[cur].names, name_of(c));
			for (size_t i = cur + 1; i < k; i++)
				if (slots[i].min)
					return fail(w, c, "<%s> needs a <%s> before <%s>", name_of(parent),
						    slots[i].names, name_of(c));
			cur = k;
			seen = 0;
		}
		if (slots[cur].max && seen >= slots[cur].max)
			return fail(w, c, "<%s> may hold only one <%s>", name_of(parent), name_of(c));
		seen++;
		int r = fn(w, c, cur, arg);
		if (r < 0)
			return r;
	}
	if (cur < n_slots && seen < slots[cur].min)
		return fail(w, parent, "<%s> needs a <%s>", name_of(parent), slots[cur].names);
	for (size_t i = cur + 1; i < n_slots; i++)
		if (slots[i].min)
			return fail(w, parent, "<%s> needs a <%s>", name_of(parent), slots[i].names);
	return 0;
}

/* ---- Profile ---- */

enum {
	P_STATUS, P_DC_STATUS, P_VERSION, P_TITLE, P_DESCRIPTION, P_REFERENCE, P_PLATFORM,
	P_ITEMS, P_METADATA, P_SIGNATURE,
};
static const struct slot profile_slots[] = {
	[P_STATUS] = { "status", 0, 0 },
	[P_DC_STATUS] = { "dc-status", 0, 0 },
	[P_VERSION] = { "version", 0, 1 },
	[P_TITLE] = { "title", 1, 0 },
	[P_DESCRIPTION] = { "description", 0, 0 },
	[P_REFERENCE] = { "reference", 0, 0 },
	[P_PLATFORM] = { "platform", 0, 0 },
	[P_ITEMS] = { "select|set-complex-value|set-value|refine-value|refine-rule", 0, 0 },
	[P_METADATA] = { "metadata", 0, 0 },
	[P_SIGNATURE] = { "signature", 0, 1 },
};

static int profile_item(struct walk *w, const xmlNode *c, struct tailoring_profile *p)
{
	const char *name = name_of(c);
	if (strcmp(name, "select") == 0) {
		static const char *const ok[] = { "idref", "selected", NULL };
		char *idref, *sel;
		if (only_attrs(w, c, ok) < 0 || need_attr(w, c, "idref", &idref) < 0)
			return -EINVAL;
		if (need_attr(w, c, "selected", &sel) < 0) {
			free(idref);
			free(sel);
			return -EINVAL;
		}
		bool b;
		int r = parse_bool(w, c, "selected", sel, &b);
		free(sel);
		if (r < 0) {
			free(idref);
			return r;
		}
		p->selects = xrealloc(p->selects, (p->n_selects + 1) * sizeof(*p->selects));
		p->selects[p->n_selects++] = (struct tailoring_select){ idref, b, line_of(c) };
		return 0;
	}
	if (strcmp(name, "refine-value") == 0 || strcmp(name, "set-value") == 0) {
		bool refine = name[0] == 'r';
		static const char *const ok_refine[] = { "idref", "selector", "operator", NULL };
		static const char *const ok_set[] = { "idref", NULL };
		char *idref;
		if (only_attrs(w, c, refine ? ok_refine : ok_set) < 0 || need_attr(w, c, "idref", &idref) < 0)
			return -EINVAL;
		struct tailoring_value v = { .idref = idref, .line = line_of(c) };
		if (refine) {
			char *op = attr(c, "operator");
			if (op) {
				free(op);
				free(idref);
				return fail(w, c, "<refine-value operator>: dockaudit's comparisons are fixed; "
						  "refine the value with selector");
			}
			v.selector = attr(c, "selector");
			if (!v.selector) {
				free(idref);
				return fail(w, c, "<refine-value> needs a selector attribute");
			}
			for (const xmlNode *k = c->children; k; k = k->next)
				if (k->type == XML_ELEMENT_NODE) {
					free(idref);
					free(v.selector);
					return fail(w, k, "<%s> does not belong inside <refine-value>", name_of(k));
				}
		} else {
			for (const xmlNode *k = c->children; k; k = k->next)
				if (k->type != XML_TEXT_NODE && k->type != XML_CDATA_SECTION_NODE &&
				    k->type != XML_COMMENT_NODE) {
					free(idref);
					return fail(w, k, "<set-value> holds text only");
				}
			v.text = text_of(c);
		}
		p->values = xrealloc(p->values, (p->n_values + 1) * sizeof(*p->values));
		p->values[p->n_values++] = v;
		return 0;
	}
	if (strcmp(name, "refine-rule") == 0) {
		static const char *const ok[] = { "idref", "severity", NULL };
		char *idref;
		if (only_attrs(w, c, ok) < 0 || need_attr(w, c, "idref", &idref) < 0)
			return -EINVAL;
		char *sev = attr(c, "severity");
		if (!sev) {
			free(idref);
			return fail(w, c, "<refine-rule> without severity changes nothing dockaudit uses");
		}
		static const char *const severities[] = { "unknown", "info", "low", "medium", "high", NULL };
		if (!str_in_list(sev, severities)) {
			int r = fail(w, c, "<refine-rule severity=\"%s\">: use unknown, info, low, medium or high", sev);
			free(idref);
			free(sev);
			return r;
		}
		p->refines = xrealloc(p->refines, (p->n_refines + 1) * sizeof(*p->refines));
		p->refines[p->n_refines++] = (struct tailoring_refine){ idref, sev, line_of(c) };
		return 0;
	}
	return fail(w, c, "<%s> is not supported by dockaudit (its values are single strings and numbers)",
		    name);
}

static int profile_child(struct walk *w, const xmlNode *c, size_t slot, void *arg)
{
	struct tailoring_profile *p = arg;
	switch (slot) {
	case P_TITLE:
		if (!p->title)
			p->title = text_of(c);
		return 0;
	case P_DESCRIPTION:
		if (!p->description)
			p->description = text_of(c);
		return 0;
	case P_ITEMS:
		return profile_item(w, c, p);
	default:
		return 0;
	}
}

static void profile_clear(struct tailoring_profile *p)
{
	free(p->id);
	free(p->extends);
	free(p->title);
	free(p->description);
	for (size_t i = 0; i < p->n_selects; i++)
		free(p->selects[i].idref);
	free(p->selects);
	for (size_t i = 0; i < p->n_values; i++) {
		free(p->values[i].idref);
		free(p->values[i].selector);
		free(p->values[i].text);
	}
	free(p->values);
	for (size_t i = 0; i < p->n_refines; i++) {
		free(p->refines[i].idref);
		free(p->refines[i].severity);
	}
	free(p->refines);
}

static int read_profile(struct walk *w, const xmlNode *n)
{
	static const char *const ok[] = { "id", "extends", "abstract", "prohibitChanges", "note-tag",
					  "Id", NULL };
	struct tailoring_profile p = { .line = line_of(n) };
	if (only_attrs(w, n, ok) < 0 || need_attr(w, n, "id", &p.id) < 0)
		goto fail;
	if (!id_has_form(p.id, "profile")) {
		fail(w, n, "Profile id '%s' is not of the form xccdf_NAMESPACE_profile_NAME", p.id);
		goto fail;
	}
	for (size_t i = 0; i < w->t->n_profiles; i++)
		if (strcmp(w->t->profiles[i].id, p.id) == 0) {
			fail(w, n, "a second Profile '%s' (the first is on line %u)", p.id,
			     w->t->profiles[i].line);
			goto fail;
		}
	p.extends = attr(n, "extends");
	if (p.extends && !*p.extends) {
		fail(w, n, "<Profile extends=\"\">: name the profile it extends, or leave extends out");
		goto fail;
	}
	char *abstract = attr(n, "abstract");
	bool is_abstract = false;
	int r = abstract ? parse_bool(w, n, "abstract", abstract, &is_abstract) : 0;
	free(abstract);
	if (r < 0)
		goto fail;
	if (walk_sequence(w, n, profile_slots, ARRAY_SIZE(profile_slots), profile_child, &p) < 0)
		goto fail;
	if (is_abstract) {
		/* An abstract profile only serves others to extend; dockaudit's
		 * profiles extend the Benchmark's, so it has no use. */
		fail(w, n, "Profile '%s' is abstract: dockaudit runs and extends only concrete profiles", p.id);
		goto fail;
	}
	w->t->profiles = xrealloc(w->t->profiles, (w->t->n_profiles + 1) * sizeof(*w->t->profiles));
	w->t->profiles[w->t->n_profiles++] = p;
	return 0;
fail:
	profile_clear(&p);
	return -EINVAL;
}

/* ---- Tailoring ---- */

enum { T_BENCHMARK, T_STATUS, T_DC_STATUS, T_VERSION, T_METADATA, T_PROFILE, T_SIGNATURE };
static const struct slot tailoring_slots[] = {
	[T_BENCHMARK] = { "benchmark", 0, 1 },
	[T_STATUS] = { "status", 0, 0 },
	[T_DC_STATUS] = { "dc-status", 0, 0 },
	[T_VERSION] = { "version", 1, 1 },
	[T_METADATA] = { "metadata", 0, 0 },
	[T_PROFILE] = { "Profile", 1, 0 },
	[T_SIGNATURE] = { "signature", 0, 1 },
};

static int tailoring_child(struct walk *w, const xmlNode *c, size_t slot, void *arg)
{
	(void)arg;
	struct tailoring *t = w->t;
	switch (slot) {
	case T_BENCHMARK:
		if (need_attr(w, c, "href", &t->benchmark_href) < 0)
			return -EINVAL;
		t->benchmark_id = attr(c, "id");
		t->benchmark_line = line_of(c);
		return 0;
	case T_VERSION:
		if (need_attr(w, c, "time", &t->version_time) < 0)
			return -EINVAL;
		/* xsd:dateTime: YYYY-MM-DDThh:mm:ss with an optional zone. */
		if (strlen(t->version_time) < 19 || t->version_time[10] != 'T' || t->version_time[4] != '-')
			return fail(w, c, "<version time=\"%s\"> is not a date and time such as "
					  "2026-12-03T12:00:00Z", t->version_time);
		t->version = text_of(c);
		if (!*t->version)
			return fail(w, c, "<version> is empty");
		return 0;
	case T_PROFILE:
		return read_profile(w, c);
	default:
		return 0;
	}
}

void tailoring_free(struct tailoring *t)
{
	if (!t)
		return;
	free(t->path);
	free(t->id);
	free(t->benchmark_href);
	free(t->benchmark_id);
	free(t->version);
	free(t->version_time);
	for (size_t i = 0; i < t->n_profiles; i++)
		profile_clear(&t->profiles[i]);
	free(t->profiles);
	free(t);
}

const struct tailoring_profile *tailoring_find_profile(const struct tailoring *t, const char *id)
{
	for (size_t i = 0; t && id && i < t->n_profiles; i++)
		if (strcmp(t->profiles[i].id, id) == 0)
			return &t->profiles[i];
	return NULL;
}

static char *libxml_error(const char *path, const xmlError *e)
{
	if (!e || !e->message)
		return xasprintf("%s: not a well-formed XML document", path);
	char *msg = utf8_sanitize_line(e->message);
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	char *out = e->line > 0 ? xasprintf("%s:%d: %s", path, e->line, msg) : xasprintf("%s: %s", path, msg);
	free(msg);
	return out;
}

/* Keeps the parser's first error: later ones are mostly consequences
 * (a mismatched tag is followed by "premature end of data" at the end). */
static void keep_first_error(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = ctx;
	xmlError *first = ctxt ? ctxt->_private : NULL;
	if (first && !first->message && e && e->level >= XML_ERR_ERROR)
		xmlCopyError(e, first);
}

int tailoring_parse(const char *data, size_t len, const char *path, struct tailoring **ret,
		    char **ret_error)
{
	*ret = NULL;
	*ret_error = NULL;
	if (len > INT_MAX) {
		*ret_error = xasprintf("%s: too large for a tailoring file", path);
		return -EINVAL;
	}
	xmlInitParser();
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		*ret_error = xasprintf("%s: out of memory", path);
		return -ENOMEM;
	}
	xmlError first;
	memset(&first, 0, sizeof(first));
	ctxt->_private = &first;
	ctxt->sax->serror = keep_first_error;
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, (int)len, path, NULL,
					  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
					  XML_PARSE_BIG_LINES);
	if (!doc || !ctxt->wellFormed) {
		*ret_error = libxml_error(path, first.message ? &first : xmlCtxtGetLastError(ctxt));
		xmlResetError(&first);
		xmlFreeDoc(doc);
		xmlFreeParserCtxt(ctxt);
		return -EINVAL;
	}
	xmlResetError(&first);
	xmlFreeParserCtxt(ctxt);

	struct walk w = { .path = path, .t = xcalloc(1, sizeof(struct tailoring)) };
	w.t->path = xstrdup(path);
	const xmlNode *root = xmlDocGetRootElement(doc);
	int r = 0;
	if (doc->intSubset || doc->extSubset)
		r = fail(&w, (const xmlNode *)doc->intSubset, "a DTD is not allowed in a tailoring file");
	else if (!root)
		r = fail(&w, NULL, "no root element");
	else if (strcmp(name_of(root), "Tailoring") != 0 || !in_xccdf(root))
		r = fail(&w, root, "the root element is <%s>%s%s%s, not an XCCDF 1.2 <Tailoring> (namespace %s)",
			 name_of(root), root->ns ? " in namespace " : " without namespace",
			 root->ns && root->ns->href ? "" : "",
			 root->ns && root->ns->href ? (const char *)root->ns->href : "", XCCDF_NS);
	else {
		static const char *const ok[] = { "id", "Id", NULL };
		r = only_attrs(&w, root, ok);
		if (r == 0)
			r = need_attr(&w, root, "id", &w.t->id);
		if (r == 0 && !id_has_form(w.t->id, "tailoring"))
			r = fail(&w, root, "Tailoring id '%s' is not of the form xccdf_NAMESPACE_tailoring_NAME",
				 w.t->id);
		if (r == 0)
			r = walk_sequence(&w, root, tailoring_slots, ARRAY_SIZE(tailoring_slots),
					  tailoring_child, NULL);
	}
	xmlFreeDoc(doc);
	if (r < 0) {
		*ret_error = w.error ? w.error : xasprintf("%s: invalid tailoring file", path);
		tailoring_free(w.t);
		return -EINVAL;
	}
	*ret = w.t;
	return 0;
}
