/* systemd_unit.c - reads the few settings dockaudit needs from systemd unit
 * text (ExecStart=, EnvironmentFile=, WorkingDirectory=, ListenStream=), following systemd's
 * own rules so that a drop-in that resets ExecStart= is seen the way
 * systemd sees it.  PID 1 may not be systemd here, so we never ask it. */
#include "systemd_unit.h"

#include <errno.h>
#include <string.h>

#include "util.h"
#include "host_text.h"

void unit_settings_init(struct unit_settings *u)
{
	memset(u, 0, sizeof(*u));
	u->exec_start = json_array();
	u->environment_files = json_array();
	u->listen_stream = json_array();
	u->bad_lines = 0;
}

void unit_settings_clear(struct unit_settings *u)
{
	json_decref(u->exec_start);
	json_decref(u->environment_files);
	json_decref(u->listen_stream);
	free(u->working_directory);
	memset(u, 0, sizeof(*u));
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* One C escape after a backslash at *pp; appends the result and advances.
 * Unknown escapes keep the backslash, as systemd does in relaxed mode. */
static void unescape_one(const char **pp, struct buf *w)
{
	const char *p = *pp;
	char c = *p, out;
	switch (c) {
	case 'a': out = '\a'; break;
	case 'b': out = '\b'; break;
	case 'f': out = '\f'; break;
	case 'n': out = '\n'; break;
	case 'r': out = '\r'; break;
	case 't': out = '\t'; break;
	case 'v': out = '\v'; break;
	case 's': out = ' '; break;
	case '\\': case '"': case '\'': case ';': case ' ': out = c; break;
	case 'x':
		if (hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
			out = (char)(hexval(p[1]) * 16 + hexval(p[2]));
			p += 2;
			break;
		}
		buf_append(w, "\\", 1);
		out = c;
		break;
	default:
		if (c >= '0' && c <= '3' && p[1] >= '0' && p[1] <= '7' && p[2] >= '0' && p[2] <= '7') {
			out = (char)((c - '0') * 64 + (p[1] - '0') * 8 + (p[2] - '0'));
			p += 2;
			break;
		}
		buf_append(w, "\\", 1);
		out = c;
		break;
	}
	buf_append(w, &out, 1);
	*pp = p + 1;
}

/* Next word of an Exec line.  Returns 1 with *ret_word (and *ret_lone_semicolon
 * for an unquoted ";"), 0 at the end, -EINVAL on an unterminated quote. */
static int next_word(const char **pp, char **ret_word, bool *ret_lone_semicolon)
{
	const char *p = *pp;
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (!*p)
		return 0;
	*ret_lone_semicolon = p[0] == ';' && (p[1] == '\0' || p[1] == ' ' || p[1] == '\t');
	struct buf w = BUF_INIT;
	char quote = 0;
	while (*p) {
		if (*p == '\\' && p[1]) {
			p++;
			unescape_one(&p, &w);
			continue;
		}
		if (quote) {
			if (*p == quote)
				quote = 0;
			else
				buf_append(&w, p, 1);
		} else if (*p == '"' || *p == '\'') {
			quote = *p;
		} else if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			break;
		} else if (*p == '%' && p[1] == '%') {
			buf_append(&w, "%", 1);
			p++;
		} else {
			buf_append(&w, p, 1);
		}
		p++;
	}
	if (quote) {
		buf_free(&w);
		return -EINVAL;
	}
	*pp = p;
	*ret_word = buf_steal(&w);
	return 1;
}

int unit_split_exec(const char *value, json_t **ret_cmds)
{
	json_t *cmds = json_array();
	json_t *cur = NULL;
	bool skip_argv0 = false;
	const char *p = value;
	for (;;) {
		char *word;
		bool semi = false;
		int r = next_word(&p, &word, &semi);
		if (r < 0)
			goto fail;
		if (r == 0)
			break;
		if (semi) {
			free(word);
			if (!cur)
				goto fail;
			cur = NULL;
			continue;
		}
		if (!cur) {
			/* The first word: strip the special-executable prefixes. */
			const char *s = word;
			skip_argv0 = false;
			while (*s && strchr("-@:+!", *s)) {
				if (*s == '@')
					skip_argv0 = true;
				s++;
			}
			if (!*s) {
				free(word);
				goto fail;
			}
			cur = json_array();
			json_array_append_new(cmds, cur);
			json_array_append_new(cur, json_host_string(s));
		} else if (skip_argv0) {
			skip_argv0 = false;
		} else {
			json_array_append_new(cur, json_host_string(word));
		}
		free(word);
	}
	*ret_cmds = cmds;
	return 0;
fail:
	json_decref(cmds);
	return -EINVAL;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

static void append_or_reset(json_t *list, const char *value)
{
	if (!*value)
		json_array_clear(list);
	else
		json_array_append_new(list, json_host_string(value));
}

static void apply_assignment(struct unit_settings *u, const char *section, const char *key,
			     const char *value)
{
	if (strcmp(section, "Service") == 0 && strcmp(key, "ExecStart") == 0) {
		if (!*value) {
			json_array_clear(u->exec_start);
			return;
		}
		json_t *cmds;
		if (unit_split_exec(value, &cmds) < 0) {
			u->bad_lines++;
			return;
		}
		json_array_extend(u->exec_start, cmds);
		json_decref(cmds);
	} else if (strcmp(section, "Service") == 0 && strcmp(key, "EnvironmentFile") == 0) {
		append_or_reset(u->environment_files, value);
	} else if (strcmp(section, "Service") == 0 && strcmp(key, "WorkingDirectory") == 0) {
		/* where a relative --config-file is read from */
		free(u->working_directory);
		u->working_directory = *value ? xstrdup(value) : NULL;
	} else if (strcmp(section, "Socket") == 0 && strcmp(key, "ListenStream") == 0) {
		append_or_reset(u->listen_stream, value);
	}
}

/* Handles one logical line (continuations already joined). */
static void parse_logical_line(struct unit_settings *u, char *line, char *section, size_t seclen)
{
	char *s = trim(line);
	if (!*s || *s == '#' || *s == ';')
		return;
	if (*s == '[') {
		size_t n = strlen(s);
		if (n < 3 || s[n - 1] != ']' || n - 2 >= seclen) {
			u->bad_lines++;
			section[0] = '\0';
			return;
		}
		memcpy(section, s + 1, n - 2);
		section[n - 2] = '\0';
		return;
	}
	char *eq = strchr(s, '=');
	if (!eq) {
		u->bad_lines++;
		return;
	}
	*eq = '\0';
	apply_assignment(u, section, trim(s), trim(eq + 1));
}

void unit_parse_text(struct unit_settings *u, const char *text, size_t len)
{
	char section[128] = "";
	struct buf logical = BUF_INIT;
	size_t i = 0;
	while (i < len) {
		size_t start = i;
		while (i < len && text[i] != '\n')
			i++;
		size_t n = i - start;
		if (i < len)
			i++;   /* the newline */
		const char *l = text + start;
		if (n > 0 && l[n - 1] == '\r')
			n--;
		/* Comment lines never continue, and inside a continued line they
		 * are dropped, as systemd does. */
		size_t k = 0;
		while (k < n && (l[k] == ' ' || l[k] == '\t'))
			k++;
		if (k < n && (l[k] == '#' || l[k] == ';'))
			continue;
		if (n > 0 && l[n - 1] == '\\') {
			buf_append(&logical, l, n - 1);
			buf_append(&logical, " ", 1);
			continue;
		}
		buf_append(&logical, l, n);
		if (logical.data)
			parse_logical_line(u, logical.data, section, sizeof(section));
		buf_reset(&logical);
	}
	if (logical.len > 0)
		parse_logical_line(u, logical.data, section, sizeof(section));
	buf_free(&logical);
}
