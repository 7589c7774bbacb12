/* systemd_unit.h - the few settings dockaudit reads from systemd unit
 * text, under systemd's own rules (src/parse/systemd_unit.c).  Pure.
 *
 * Ownership: strings and json_t references written to ret_* parameters or
 * into the structs below belong to the caller (free them with the matching
 * clear or free function, or json_decref()). */
#ifndef DOCKAUDIT_SYSTEMD_UNIT_H
#define DOCKAUDIT_SYSTEMD_UNIT_H

#include <jansson.h>
#include <stddef.h>

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

#endif
