/* audit_rules.h - audit rules as auditctl writes them: one line of a rules
 * file parsed the way auditctl reads it, a kernel rule record decoded, and
 * a rule set updated line by line (src/parse/audit_rules.c).  Pure.
 *
 * Ownership: strings and json_t references written to ret_* parameters or
 * into the structs below belong to the caller (free them with the matching
 * clear or free function, or json_decref()). */
#ifndef DOCKAUDIT_AUDIT_RULES_H
#define DOCKAUDIT_AUDIT_RULES_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

struct audit_rule_data;

enum audit_line_action {
	AUDIT_LINE_NONE,        /* blank, comment, or a rule that matters to no file check */
	AUDIT_LINE_ADD,         /* -w, -a/-A always,exit with path= or dir=, or any
				 * never,exit rule */
	AUDIT_LINE_REMOVE,      /* -W, or -d of such a rule */
	AUDIT_LINE_DELETE_ALL,  /* -D (key set: only the rules with that key) */
};

/* One file rule, or a never rule that may silence one.  Everything that
 * narrows what the rule records is kept, so that a check can tell a rule
 * for everyone from one limited to a user, an architecture or a few
 * system calls. */
struct audit_rule {
	enum audit_line_action action;
	bool never;             /* never,exit: suppresses the events it matches */
	bool prepend;           /* -A: goes to the head of the list */
	char *path;             /* absolute, trailing slash removed; NULL for a never
				 * rule without path= or dir= */
	char *perms;            /* canonical order subset of "rwxa"; "rwxa" when not given */
	char *key;              /* NULL when the rule has none */
	const char *kind;       /* static: "watch", "dir", or "syscall" (no path) */
	char *arch;             /* the arch= value as written (b64, x86_64, ...), or NULL */
	char **syscalls;        /* -S names, NULL-terminated; NULL: every system call */
	char **conditions;      /* the other -F fields as written ("auid>=1000"),
				 * NULL-terminated, or NULL when there are none */
	bool perms_given;       /* -p / perm= present (matters for removal) */
	bool watch_option;      /* from -w/-W: auditctl turns it into a dir rule
				 * when PATH is a directory (the collector does too) */
};

/* Parses one line of an audit rules file.  Returns 0 and fills *ret (action
 * NONE for lines that carry no file rule), or -EINVAL for a line auditctl
 * would reject (then *ret is cleared).  *ret_error, if given, receives a
 * static one-line reason on -EINVAL. */
int audit_rule_parse_line(const char *line, struct audit_rule *ret, const char **ret_error);
void audit_rule_clear(struct audit_rule *r);

/* Canonical permission string ("rwxa" order) of an AUDIT_PERM bit mask. */
void audit_perms_from_mask(unsigned mask, char out[5]);

/* Decodes one kernel rule of the exit list.  Returns 0 and fills *ret
 * (action ADD) for an always rule on a watch or dir and for any never
 * rule; -ENOENT for other rules; -EINVAL when it is malformed.  `len` is
 * the bytes available. */
int audit_rule_from_data(const struct audit_rule_data *d, size_t len, struct audit_rule *ret);

/* JSON object {action,path,perms,key,kind[,arch][,syscalls][,conditions]}
 * of a rule (new reference); path and key may be null. */
json_t *audit_rule_to_json(const struct audit_rule *r);

/* The inverse, for the facts bundle: fills *ret from such an object
 * (action ADD).  Missing members read as auditctl's defaults (perms
 * "rwxa", kind "watch", every system call); a member of the wrong type
 * reads as missing.  Never fails; free with audit_rule_clear(). */
void audit_rule_from_json(const json_t *o, struct audit_rule *ret);

/* Applies a parsed line to `rules` (a JSON array), in file order: ADD
 * appends {...,file,line} (-A puts it first); REMOVE drops the rules on the
 * same path (and the same perms/key when the line names them) with the
 * same action; DELETE_ALL drops every rule, or only those with the line's
 * key. */
void audit_ruleset_apply(json_t *rules, const struct audit_rule *r, const char *file,
			 unsigned line);

#endif
