/* audit_rules.c - audit rules as dockaudit sees them: one line of a rules
 * file parsed the way auditctl reads it, and a kernel rule record decoded
 * (the asking is in src/collect/audit_netlink.c).  Only file rules (watches and dir rules)
 * matter to the benchmark; every other rule is recognised and skipped. */
#include "audit_rules.h"

#include <errno.h>
#include <libaudit.h>
#include <linux/audit.h>
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "host_text.h"

#define AUDIT_LINE_MAX_TOKENS 128

void audit_rule_clear(struct audit_rule *r)
{
	if (!r)
		return;
	free(r->path);
	free(r->perms);
	free(r->key);
	free(r->arch);
	strv_free(r->syscalls);
	strv_free(r->conditions);
	memset(r, 0, sizeof(*r));
}

void audit_perms_from_mask(unsigned mask, char out[5])
{
	size_t n = 0;
	if (mask & AUDIT_PERM_READ)
		out[n++] = 'r';
	if (mask & AUDIT_PERM_WRITE)
		out[n++] = 'w';
	if (mask & AUDIT_PERM_EXEC)
		out[n++] = 'x';
	if (mask & AUDIT_PERM_ATTR)
		out[n++] = 'a';
	out[n] = '\0';
}

/* "wa", "aw", "rwxa" -> a canonical string; NULL for anything auditctl
 * would refuse (unknown letters, repeats, empty). */
static char *perms_canonical(const char *s)
{
	unsigned mask = 0;
	if (!*s || strlen(s) > 4)
		return NULL;
	for (; *s; s++) {
		unsigned bit;
		switch (*s) {
		case 'r': bit = AUDIT_PERM_READ; break;
		case 'w': bit = AUDIT_PERM_WRITE; break;
		case 'x': bit = AUDIT_PERM_EXEC; break;
		case 'a': bit = AUDIT_PERM_ATTR; break;
		default: return NULL;
		}
		if (mask & bit)
			return NULL;
		mask |= bit;
	}
	char out[5];
	audit_perms_from_mask(mask, out);
	return xstrdup(out);
}

/* The path of a rule: absolute, one trailing slash run removed ("/" kept). */
static char *rule_path(const char *s)
{
	if (s[0] != '/')
		return NULL;
	size_t n = strlen(s);
	while (n > 1 && s[n - 1] == '/')
		n--;
	return xstrndup(s, n);
}

/* A NULL-terminated list that grows by one string at a time. */
struct strlist {
	char **v;
	size_t n;
};

static void strlist_add(struct strlist *l, const char *s, size_t len)
{
	l->v = xrealloc(l->v, (l->n + 2) * sizeof(char *));
	l->v[l->n++] = xstrndup(s, len);
	l->v[l->n] = NULL;
}

/* Splits a line into words: blanks separate, single and double quotes group
 * and are removed, a backslash escapes the next character outside single
 * quotes, an unquoted '#' at the start of a word ends the line.  Returns the
 * number of words, or -EINVAL for an unterminated quote or too many words. */
static int tokenize(const char *line, char **words, size_t max)
{
	size_t n = 0;
	const char *p = line;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (!*p || *p == '#')
			return (int)n;
		if (n == max)
			goto fail;
		struct buf w = BUF_INIT;
		char quote = 0;
		for (; *p; p++) {
			if (quote) {
				if (*p == quote) {
					quote = 0;
				} else if (quote == '"' && *p == '\\' && p[1]) {
					p++;
					buf_append(&w, p, 1);
				} else {
					buf_append(&w, p, 1);
				}
			} else if (*p == '"' || *p == '\'') {
				quote = *p;
			} else if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
				break;
			} else if (*p == '\\' && p[1]) {
				p++;
				buf_append(&w, p, 1);
			} else {
				buf_append(&w, p, 1);
			}
		}
		if (quote) {
			buf_free(&w);
			goto fail;
		}
		words[n++] = buf_steal(&w);
	}
fail:
	for (size_t i = 0; i < n; i++)
		free(words[i]);
	return -EINVAL;
}

/* What an -a/-A/-d list,action pair means for us. */
enum list_kind { LIST_EXIT_ALWAYS, LIST_EXIT_NEVER, LIST_OTHER, LIST_INVALID };

static enum list_kind classify_list(const char *s)
{
	const char *comma = strchr(s, ',');
	if (!comma || strchr(comma + 1, ','))
		return LIST_INVALID;
	char a[32], b[32];
	size_t la = (size_t)(comma - s), lb = strlen(comma + 1);
	if (la == 0 || lb == 0 || la >= sizeof(a) || lb >= sizeof(b))
		return LIST_INVALID;
	memcpy(a, s, la);
	a[la] = '\0';
	memcpy(b, comma + 1, lb + 1);
	static const char *const lists[] = { "exit", "task", "user", "exclude", "filesystem",
					     "io_uring", "entry", NULL };
	static const char *const actions[] = { "always", "never", NULL };
	const char *list = str_in_list(a, lists) ? a : b;
	const char *action = list == a ? b : a;
	if (!str_in_list(list, lists) || !str_in_list(action, actions))
		return LIST_INVALID;
	/* File access is recorded on the exit list only. */
	if (strcmp(list, "exit") != 0)
		return LIST_OTHER;
	return strcmp(action, "always") == 0 ? LIST_EXIT_ALWAYS : LIST_EXIT_NEVER;
}

struct parse_state {
	char mode;              /* 'w' -w, 'W' -W, 'a' -a/-A, 'd' -d, 'D' -D, 0 none */
	enum list_kind list;    /* of -a/-A/-d */
	bool prepend;           /* -A */
	const char *path;       /* borrowed from the words */
	bool path_is_dir;
	bool path_negated;      /* path!=, dir!=: not a watch */
	const char *perms;
	const char *key;
	const char *arch;
	bool all_syscalls;      /* -S all */
	struct strlist syscalls;
	struct strlist conditions;
};

/* One -F field.  Returns 0 or -EINVAL. */
static int parse_field(struct parse_state *st, const char *f, const char **ret_error)
{
	size_t nl = strcspn(f, "=!<>&");
	const char *op = f + nl;
	size_t ol = strspn(op, "=!<>&");
	const char *val = op + ol;
	if (nl == 0 || ol == 0) {
		*ret_error = "malformed -F field";
		return -EINVAL;
	}
	bool eq = ol == 1 && op[0] == '=';
	bool ne = ol == 2 && op[0] == '!' && op[1] == '=';
	if ((nl == 4 && strncmp(f, "path", 4) == 0) || (nl == 3 && strncmp(f, "dir", 3) == 0)) {
		if (!eq && !ne) {
			*ret_error = "path and dir take = or !=";
			return -EINVAL;
		}
		st->path = val;
		st->path_is_dir = nl == 3;
		st->path_negated = ne;
	} else if (nl == 4 && strncmp(f, "perm", 4) == 0) {
		if (!eq) {
			*ret_error = "perm takes =";
			return -EINVAL;
		}
		st->perms = val;
	} else if ((nl == 3 && strncmp(f, "key", 3) == 0)) {
		if (!eq) {
			*ret_error = "key takes =";
			return -EINVAL;
		}
		if (!st->key)
			st->key = val;
	} else if (nl == 4 && strncmp(f, "arch", 4) == 0 && eq) {
		st->arch = val;
	} else {
		/* Every other field narrows what the rule records (auid>=1000,
		 * uid=0, exe=..., success=1, an arch compared with !=). */
		strlist_add(&st->conditions, f, strlen(f));
	}
	return 0;
}

/* -S NAME[,NAME...]: "all" stands for every system call. */
static void parse_syscalls(struct parse_state *st, const char *v)
{
	while (*v) {
		size_t n = strcspn(v, ",");
		if (n == 3 && strncmp(v, "all", 3) == 0)
			st->all_syscalls = true;
		else if (n > 0)
			strlist_add(&st->syscalls, v, n);
		v += n;
		if (*v == ',')
			v++;
	}
}

static int set_mode(struct parse_state *st, char mode, const char **ret_error)
{
	if (st->mode && st->mode != mode) {
		*ret_error = "conflicting rule options";
		return -EINVAL;
	}
	st->mode = mode;
	return 0;
}

static int parse_words(struct parse_state *st, char **w, int n, const char **ret_error)
{
	for (int i = 0; i < n; i++) {
		const char *o = w[i];
		const char *next = i + 1 < n ? w[i + 1] : NULL;
		bool needs_value = strcmp(o, "-w") == 0 || strcmp(o, "-W") == 0 ||
				   strcmp(o, "-p") == 0 || strcmp(o, "-k") == 0 ||
				   strcmp(o, "-a") == 0 || strcmp(o, "-A") == 0 ||
				   strcmp(o, "-d") == 0 || strcmp(o, "-F") == 0 ||
				   strcmp(o, "-S") == 0;
		if (needs_value && !next) {
			*ret_error = "option needs a value";
			return -EINVAL;
		}
		if (strcmp(o, "-w") == 0 || strcmp(o, "-W") == 0) {
			if (set_mode(st, o[1], ret_error) < 0)
				return -EINVAL;
			st->path = next;
			i++;
		} else if (strcmp(o, "-a") == 0 || strcmp(o, "-A") == 0 || strcmp(o, "-d") == 0) {
			enum list_kind lk = classify_list(next);
			if (lk == LIST_INVALID) {
				*ret_error = "unknown list or action";
				return -EINVAL;
			}
			if (set_mode(st, o[1] == 'd' ? 'd' : 'a', ret_error) < 0)
				return -EINVAL;
			st->list = lk;
			st->prepend = o[1] == 'A';
			i++;
		} else if (strcmp(o, "-D") == 0) {
			if (set_mode(st, 'D', ret_error) < 0)
				return -EINVAL;
		} else if (strcmp(o, "-p") == 0) {
			st->perms = next;
			i++;
		} else if (strcmp(o, "-k") == 0) {
			if (!st->key)
				st->key = next;
			i++;
		} else if (strcmp(o, "-F") == 0) {
			if (parse_field(st, next, ret_error) < 0)
				return -EINVAL;
			i++;
		} else if (strcmp(o, "-S") == 0) {
			parse_syscalls(st, next);
			i++;
		} else if (o[0] == '-' && o[1]) {
			/* Any other option (-b 8192, -e 2, --loginuid-immutable):
			 * not about files; skip its value if it has one. */
			if (next && next[0] != '-')
				i++;
		} else {
			*ret_error = "unexpected word";
			return -EINVAL;
		}
	}
	return 0;
}

int audit_rule_parse_line(const char *line, struct audit_rule *ret, const char **ret_error)
{
	const char *dummy;
	if (!ret_error)
		ret_error = &dummy;
	memset(ret, 0, sizeof(*ret));
	char *w[AUDIT_LINE_MAX_TOKENS];
	int n = tokenize(line, w, ARRAY_SIZE(w));
	if (n < 0) {
		*ret_error = "unterminated quote or too many words";
		return -EINVAL;
	}
	struct parse_state st = { 0 };
	int r = parse_words(&st, w, n, ret_error);
	if (r < 0)
		goto out;

	switch (st.mode) {
	case 0:
		ret->action = AUDIT_LINE_NONE;
		goto out;
	case 'D':
		ret->action = AUDIT_LINE_DELETE_ALL;
		ret->key = xstrdup(st.key);
		goto out;
	case 'a':
	case 'd':
		/* An always rule matters with a file; a never rule with one
		 * or with none (it may silence every file). */
		if (st.list == LIST_OTHER || st.path_negated ||
		    (st.list == LIST_EXIT_ALWAYS && !st.path)) {
			ret->action = AUDIT_LINE_NONE;
			goto out;
		}
		break;
	default:
		break;
	}
	ret->action = (st.mode == 'w' || st.mode == 'a') ? AUDIT_LINE_ADD : AUDIT_LINE_REMOVE;
	ret->never = (st.mode == 'a' || st.mode == 'd') && st.list == LIST_EXIT_NEVER;
	ret->prepend = st.prepend;
	ret->kind = !st.path ? "syscall" : st.path_is_dir ? "dir" : "watch";
	ret->watch_option = st.mode == 'w' || st.mode == 'W';
	if (st.path) {
		ret->path = rule_path(st.path);
		if (!ret->path) {
			*ret_error = "path must be absolute";
			r = -EINVAL;
			goto out;
		}
	}
	ret->perms_given = st.perms != NULL;
	ret->perms = st.perms ? perms_canonical(st.perms) : xstrdup("rwxa");
	if (!ret->perms) {
		*ret_error = "permissions must be letters from rwxa";
		r = -EINVAL;
		goto out;
	}
	ret->key = xstrdup(st.key);
	ret->arch = xstrdup(st.arch);
	if (!st.all_syscalls && st.syscalls.n) {
		ret->syscalls = st.syscalls.v;
		st.syscalls.v = NULL;
	}
	ret->conditions = st.conditions.v;
	st.conditions.v = NULL;
out:
	strv_free(st.syscalls.v);
	strv_free(st.conditions.v);
	for (int i = 0; i < n; i++)
		free(w[i]);
	if (r < 0)
		audit_rule_clear(ret);
	return r;
}

static json_t *strv_to_json(char *const *v)
{
	json_t *a = json_array();
	for (; v && *v; v++)
		json_array_append_new(a, json_host_string(*v));
	return a;
}

json_t *audit_rule_to_json(const struct audit_rule *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "action", json_string(r->never ? "never" : "always"));
	json_object_set_new(o, "path", json_host_string(r->path));
	json_object_set_new(o, "perms", json_host_string(r->perms));
	json_object_set_new(o, "key", json_host_string(r->key));
	json_object_set_new(o, "kind", json_string(r->kind ? r->kind : "watch"));
	if (r->arch)
		json_object_set_new(o, "arch", json_host_string(r->arch));
	if (r->syscalls)
		json_object_set_new(o, "syscalls", strv_to_json(r->syscalls));
	if (r->conditions)
		json_object_set_new(o, "conditions", strv_to_json(r->conditions));
	return o;
}

/* A list as audit_rule_to_json() writes it; an entry that is not a
 * string reads "?" so that a rule never looks wider than it was. */
static char **strv_from_json(const json_t *a)
{
	if (!json_is_array(a))
		return NULL;
	char **v = xcalloc(json_array_size(a) + 1, sizeof(*v));
	size_t i;
	const json_t *e;
	json_array_foreach(a, i, e)
		v[i] = xstrdup(json_is_string(e) ? json_string_value(e) : "?");
	return v;
}

void audit_rule_from_json(const json_t *o, struct audit_rule *ret)
{
	static const char *const kinds[] = { "watch", "dir", "syscall" };
	memset(ret, 0, sizeof(*ret));
	const char *action = json_string_value(json_object_get(o, "action"));
	const char *perms = json_string_value(json_object_get(o, "perms"));
	const char *kind = json_string_value(json_object_get(o, "kind"));
	ret->action = AUDIT_LINE_ADD;
	ret->never = action && strcmp(action, "never") == 0;
	ret->path = xstrdup(json_string_value(json_object_get(o, "path")));
	ret->perms_given = perms != NULL;
	ret->perms = xstrdup(perms ? perms : "rwxa");
	ret->key = xstrdup(json_string_value(json_object_get(o, "key")));
	ret->kind = kinds[0];
	for (size_t i = 0; kind && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kind, kinds[i]) == 0)
			ret->kind = kinds[i];
	ret->arch = xstrdup(json_string_value(json_object_get(o, "arch")));
	ret->syscalls = strv_from_json(json_object_get(o, "syscalls"));
	ret->conditions = strv_from_json(json_object_get(o, "conditions"));
}

static bool rule_matches_removal(const json_t *rule, const struct audit_rule *r)
{
	const char *action = json_string_value(json_object_get(rule, "action"));
	if ((action && strcmp(action, "never") == 0) != r->never)
		return false;
	if (!r->path) {
		/* a never rule without a file: the same conditions and calls */
		json_t *sc = r->syscalls ? strv_to_json(r->syscalls) : NULL;
		json_t *cond = r->conditions ? strv_to_json(r->conditions) : NULL;
		bool m = json_is_null(json_object_get(rule, "path")) &&
			 (sc ? json_equal(sc, json_object_get(rule, "syscalls"))
			     : !json_object_get(rule, "syscalls")) &&
			 (cond ? json_equal(cond, json_object_get(rule, "conditions"))
			       : !json_object_get(rule, "conditions"));
		json_decref(sc);
		json_decref(cond);
		return m;
	}
	json_t *path = json_host_string(r->path);
	bool m = json_equal(json_object_get(rule, "path"), path);
	json_decref(path);
	if (m && r->perms_given) {
		const char *p = json_string_value(json_object_get(rule, "perms"));
		m = p && strcmp(p, r->perms) == 0;
	}
	if (m && r->key) {
		const char *k = json_string_value(json_object_get(rule, "key"));
		m = k && strcmp(k, r->key) == 0;
	}
	return m;
}

void audit_ruleset_apply(json_t *rules, const struct audit_rule *r, const char *file,
			 unsigned line)
{
	size_t i;
	switch (r->action) {
	case AUDIT_LINE_NONE:
		return;
	case AUDIT_LINE_ADD: {
		json_t *o = audit_rule_to_json(r);
		json_object_set_new(o, "file", json_host_string(file));
		json_object_set_new(o, "line", json_integer(line));
		if (r->prepend)
			json_array_insert_new(rules, 0, o);
		else
			json_array_append_new(rules, o);
		return;
	}
	case AUDIT_LINE_REMOVE:
		for (i = json_array_size(rules); i-- > 0;)
			if (rule_matches_removal(json_array_get(rules, i), r))
				json_array_remove(rules, i);
		return;
	case AUDIT_LINE_DELETE_ALL:
		for (i = json_array_size(rules); i-- > 0;) {
			const char *k = json_string_value(json_object_get(json_array_get(rules, i), "key"));
			if (!r->key || (k && strcmp(k, r->key) == 0))
				json_array_remove(rules, i);
		}
		return;
	}
}

/* Fields whose value is a string in the rule's buffer (its length in
 * values[i]); everything else is a number.  Mirrors the kernel's list. */
static bool field_is_string(unsigned f)
{
	return f == AUDIT_WATCH || f == AUDIT_DIR || f == AUDIT_FILTERKEY || f == AUDIT_EXE ||
	       (f >= AUDIT_SUBJ_USER && f <= AUDIT_SUBJ_CLR) ||
	       (f >= AUDIT_OBJ_USER && f <= AUDIT_OBJ_LEV_HIGH);
}

/* A rule on every system call has the first AUDIT_BITMASK_SIZE - 1 words
 * of its mask full: that is how auditctl writes -S all and a watch (the
 * last word is left alone). */
static bool mask_is_all(const struct audit_rule_data *d)
{
	for (size_t i = 0; i + 1 < AUDIT_BITMASK_SIZE; i++)
		if (d->mask[i] != ~0u)
			return false;
	return true;
}

/* The system calls a rule's mask names, by name where libaudit knows the
 * number for `machine`, at most SYSCALLS_SHOWN of them. */
#define SYSCALLS_SHOWN 64
static char **mask_syscalls(const struct audit_rule_data *d, int machine)
{
	struct strlist l = { 0 };
	size_t shown = 0;
	for (unsigned nr = 0; nr < 32u * (AUDIT_BITMASK_SIZE - 1); nr++) {
		if (!(d->mask[nr / 32] & (1u << (nr % 32))))
			continue;
		if (shown++ == SYSCALLS_SHOWN) {
			strlist_add(&l, "...", 3);
			break;
		}
		const char *name = machine >= 0 ? audit_syscall_to_name((int)nr, machine) : NULL;
		char num[16];
		if (!name) {
			snprintf(num, sizeof(num), "%u", nr);
			name = num;
		}
		strlist_add(&l, name, strlen(name));
	}
	if (!l.n)
		strlist_add(&l, "none", 4);
	return l.v;
}

/* "auid>=1000": a numeric field of a kernel rule as auditctl -l writes it. */
static char *condition_text(unsigned field, unsigned op, unsigned value)
{
	const char *name = audit_field_to_name((int)field);
	const char *sym = audit_operator_to_symbol((int)op);
	char fallback[24];
	if (!name) {
		snprintf(fallback, sizeof(fallback), "field%u", field);
		name = fallback;
	}
	if (value == 0xffffffffu)
		return xasprintf("%s%s-1", name, sym ? sym : "?");
	return xasprintf("%s%s%u", name, sym ? sym : "?", value);
}

int audit_rule_from_data(const struct audit_rule_data *d, size_t len, struct audit_rule *ret)
{
	memset(ret, 0, sizeof(*ret));
	if (len < sizeof(*d) || d->field_count > AUDIT_MAX_FIELDS || d->buflen > len - sizeof(*d))
		return -EINVAL;
	unsigned list = d->flags & ~(unsigned)AUDIT_FILTER_PREPEND;
	if (list != AUDIT_FILTER_EXIT || (d->action != AUDIT_ALWAYS && d->action != AUDIT_NEVER))
		return -ENOENT;
	const char *path = NULL, *key = NULL;
	size_t path_len = 0, key_len = 0;
	bool is_dir = false, have_perm = false, have_arch = false;
	unsigned perm = 0, arch = 0;
	size_t off = 0;
	struct strlist cond = { 0 };

	for (unsigned i = 0; i < d->field_count; i++) {
		/* The operator sits in fieldflags; very old kernels folded it
		 * into the field number instead. */
		unsigned f = d->fields[i] & ~(unsigned)AUDIT_OPERATORS;
		unsigned op = d->fieldflags[i] ? d->fieldflags[i]
					       : d->fields[i] & (unsigned)AUDIT_OPERATORS;
		unsigned v = d->values[i];
		if (!field_is_string(f)) {
			if (f == AUDIT_PERM) {
				have_perm = true;
				perm = v;
			} else if (f == AUDIT_ARCH && op == AUDIT_EQUAL) {
				have_arch = true;
				arch = v;
			} else {
				char *t = condition_text(f, op, v);
				strlist_add(&cond, t, strlen(t));
				free(t);
			}
			continue;
		}
		if (v > d->buflen - off) {
			strv_free(cond.v);
			return -EINVAL;
		}
		const char *s = d->buf + off;
		off += v;
		if (f == AUDIT_WATCH || f == AUDIT_DIR) {
			path = s;
			path_len = v;
			is_dir = f == AUDIT_DIR;
		} else if (f == AUDIT_FILTERKEY) {
			/* Several keys are joined by \001; the first one names the rule. */
			if (!key) {
				const char *sep = memchr(s, AUDIT_KEY_SEPARATOR, v);
				key = s;
				key_len = sep ? (size_t)(sep - s) : v;
			}
		} else {
			/* exe=, subj_type=, obj_user=, ...: they narrow the rule too */
			const char *name = audit_field_to_name((int)f);
			const char *sym = audit_operator_to_symbol((int)op);
			char *t = xasprintf("%s%s%.*s", name ? name : "field", sym ? sym : "?", (int)v, s);
			strlist_add(&cond, t, strlen(t));
			free(t);
		}
	}
	bool never = d->action == AUDIT_NEVER;
	if (!never && !path) {
		strv_free(cond.v);
		return -ENOENT;
	}
	int machine = -1;
	if (have_arch) {
		machine = audit_elf_to_machine(arch);
		const char *mname = machine >= 0 ? audit_machine_to_name(machine) : NULL;
		ret->arch = mname ? xstrdup(mname) : xasprintf("0x%x", arch);
	} else {
		machine = audit_detect_machine();
	}
	char perms[5];
	audit_perms_from_mask(have_perm ? perm : 0xf, perms);
	ret->action = AUDIT_LINE_ADD;
	ret->never = never;
	ret->path = path ? xstrndup(path, path_len) : NULL;
	ret->perms = xstrdup(perms);
	ret->perms_given = have_perm;
	ret->key = key ? xstrndup(key, key_len) : NULL;
	ret->kind = !path ? "syscall" : is_dir ? "dir" : "watch";
	ret->syscalls = mask_is_all(d) ? NULL : mask_syscalls(d, machine);
	ret->conditions = cond.v;
	return 0;
}
