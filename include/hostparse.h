/* hostparse.h - pure parsers for the host files dockaudit reads: audit rule
 * lines, systemd unit text, shell-style environment files, /etc/passwd and
 * /etc/group, mountinfo, daemon.json and dockerd's listen addresses.
 *
 * Nothing here opens a file or a socket, except audit_loaded_rules(), which
 * asks the kernel for its rules over netlink.  The collector (collect_host.c)
 * does the reading and feeds the text in, so every parser can be tested on
 * strings.
 *
 * Ownership: strings and json_t references written to ret_* parameters or
 * into the structs below belong to the caller (free them with the matching
 * clear or free function, or json_decref()). */
#ifndef DOCKAUDIT_HOSTPARSE_H
#define DOCKAUDIT_HOSTPARSE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct audit_rule_data;

/* A JSON string of untrusted host text, made valid UTF-8 with control
 * characters replaced (utf8_sanitize); JSON null for NULL. New reference. */
json_t *json_host_string(const char *s);

/* ---- audit rules (src/parse/audit_rules.c) ---- */

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

/* The loaded rules, in the kernel's order, as a JSON array of the objects
 * audit_rule_to_json() writes.  Returns 0, or -errno with *ret_error set to
 * a message the caller frees. */
int audit_loaded_rules(json_t **ret_rules, char **ret_error);

/* JSON object {action,path,perms,key,kind[,arch][,syscalls][,conditions]}
 * of a rule (new reference); path and key may be null. */
json_t *audit_rule_to_json(const struct audit_rule *r);

/* Applies a parsed line to `rules` (a JSON array), in file order: ADD
 * appends {...,file,line} (-A puts it first); REMOVE drops the rules on the
 * same path (and the same perms/key when the line names them) with the
 * same action; DELETE_ALL drops every rule, or only those with the line's
 * key. */
void audit_ruleset_apply(json_t *rules, const struct audit_rule *r, const char *file,
			 unsigned line);

/* ---- systemd units (src/parse/systemd_unit.c) ---- */

/* The settings dockaudit reads from a unit, accumulated over the main unit
 * and its drop-ins in order. */
struct unit_settings {
	json_t *exec_start;         /* array of argv arrays */
	json_t *environment_files;  /* array of strings, "-" prefix kept */
	json_t *listen_stream;      /* array of strings */
	char *working_directory;    /* the last WorkingDirectory= as written, or NULL */
	unsigned bad_lines;         /* assignments systemd would ignore */
};

void unit_settings_init(struct unit_settings *u);
void unit_settings_clear(struct unit_settings *u);

/* Applies the text of one unit file or drop-in to *u: sections, line
 * continuation, comments, empty assignments resetting lists. */
void unit_parse_text(struct unit_settings *u, const char *text, size_t len);

/* Splits an ExecStart= value into commands with systemd's rules: quotes and
 * C escapes undone, "%%" -> "%", a lone ";" separating commands, prefixes
 * -@:+! stripped (with '@' the second word, the argv[0] override, is
 * dropped).  Returns 0 and a JSON array of argv arrays, or -EINVAL. */
int unit_split_exec(const char *value, json_t **ret_cmds);

/* ---- environment files (src/parse/hostparse.c) ---- */

/* Shell-style VAR=value lines ("export " allowed, quotes removed, comments
 * skipped) into a JSON object of strings (new reference). */
json_t *env_file_parse(const char *text, size_t len);

/* ---- /etc/passwd and /etc/group ---- */

struct account {
	char *name;
	unsigned long id;          /* uid or gid */
	unsigned long gid;         /* passwd: primary gid; group: same as id */
	char **members;            /* group only: NULL-terminated, may be empty */
	char *home;                /* passwd only: the home directory, or NULL */
};

struct account_db {
	struct account *v;
	size_t n;
};

/* Parses passwd (is_group false) or group text; malformed lines skipped. */
void account_db_parse(struct account_db *db, const char *text, size_t len, bool is_group);
void account_db_free(struct account_db *db);
const struct account *account_db_by_id(const struct account_db *db, unsigned long id);
const struct account *account_db_by_name(const struct account_db *db, const char *name);

/* ---- mountinfo ---- */

struct mount_entry {
	char *mount_point;
	char *root;
	char *source;
	char *fstype;
	char *options;             /* per-mount options (field 6) */
	char *dev;                 /* "major:minor" of the filesystem (field 3) */
};

/* Parses one mountinfo line.  Returns 0 or -EINVAL. */
int mountinfo_parse_line(const char *line, struct mount_entry *ret);
void mount_entry_clear(struct mount_entry *m);
/* Undoes the kernel's octal escapes (\040 space, \011 tab, \012, \134). */
char *mountinfo_unescape(const char *s, size_t n);

/* ---- daemon.json ---- */

/* Parses daemon.json text the way dockerd does: a UTF-8 BOM and surrounding
 * whitespace ignored, empty means {}, duplicate keys rejected, the value must
 * be an object.  Returns 0 and the object, or -EINVAL and a message ("line
 * 3, column 5: ...") the caller frees. */
int daemon_json_parse(const char *data, size_t len, json_t **ret_config, char **ret_error);

/* ---- dockerd command line ---- */


/* The path of a "unix://PATH" host address, or NULL (borrowed into addr). */
const char *host_addr_unix_path(const char *addr);

/* ---- /proc/net/tcp and /proc/net/tcp6 ---- */

struct tcp_listener {
	char address[48];          /* as inet_ntop writes it: "0.0.0.0", "::", "::ffff:10.0.0.1" */
	unsigned port;
	bool any;                  /* bound to every address: 0.0.0.0, :: or ::ffff:0.0.0.0 */
	bool v4_mapped;            /* an IPv6 socket on an IPv4-mapped address */
};

/* Parses one line of /proc/net/tcp (v6 false) or /proc/net/tcp6 (v6 true).
 * Returns 0 and fills *ret for a socket in LISTEN state (0A), -ENOENT for
 * the header line or another state, -EINVAL for a malformed line.  The
 * kernel prints each 32-bit word of the address as a native-endian number,
 * which is what is undone here. */
int proc_net_tcp_parse_line(const char *line, bool v6, struct tcp_listener *ret);

#endif
