/* host_paths.c - where Docker's files are on the audited host: the paths a
 * row asks about, read from the host model (running process, systemd
 * units, daemon options resolved once per audit). */
#include "host_checks.h"

#include <errno.h>
#include <string.h>

#include "pure.h"        /* last: no I/O below this line */

const char *host_target_source(const struct host_target_spec *t)
{
	switch (t->kind) {
	case TARGET_FIXED:
		return "file metadata";
	case TARGET_DOCKERD:
		return "the running dockerd process, docker.service ExecStart and file metadata";
	case TARGET_UNIT_BINARY:
		return "the unit's ExecStart and file metadata";
	case TARGET_DATA_ROOT:
		return "GET /info DockerRootDir, dockerd argv and daemon.json";
	case TARGET_UNIT:
		return "systemd unit files";
	case TARGET_DOCKER_SOCKET:
		return "file metadata and docker.socket ListenStream";
	case TARGET_CONTAINERD_SOCKET:
		return "file metadata, dockerd argv and daemon.json (\"containerd\")";
	case TARGET_DAEMON_JSON:
	case TARGET_DAEMON_OPTION:
		return "dockerd argv and daemon.json";
	case TARGET_CERTS_D:
		return "file metadata of /etc/docker/certs.d";
	}
	return "facts";
}

static void paths_add(struct target_paths *t, size_t *n, const char *key)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(t->paths[i], key) == 0)
			return;
	t->paths = xrealloc(t->paths, (*n + 2) * sizeof(char *));
	t->paths[(*n)++] = key;
	t->paths[*n] = NULL;
}

static void paths_add_all(struct target_paths *t, size_t *n, const struct path_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		paths_add(t, n, l->v[i]);
}

static int resolve_unit(const struct host_model *h, const char *name, struct target_paths *t,
			size_t *n)
{
	const struct host_unit *unit = host_model_unit(h, name);
	if (!unit) {
		/* no record for the unit: when systemd's units were read at
		 * all, it is simply not installed */
		if (h->systemd.status == SOURCE_OK) {
			t->why = "the unit is not installed";
			return 0;
		}
		t->why = h->systemd.error;
		return -ENODATA;
	}
	switch (unit->state.status) {
	case SOURCE_OK:
		if (!unit->path) {
			t->why = "the unit's file path was not recorded";
			return -ENODATA;
		}
		paths_add(t, n, unit->path);
		t->present = true;
		return 0;
	case SOURCE_ABSENT:
		t->why = "the unit is not installed";
		return 0;
	default:
		t->why = unit->state.error;
		return -ENODATA;
	}
}

int host_target_resolve(const struct host_model *h, const struct host_target_spec *spec,
			struct target_paths *t)
{
	size_t n = 0;
	memset(t, 0, sizeof(*t));
	t->paths = xcalloc(1, sizeof(char *));

	switch (spec->kind) {
	case TARGET_DOCKERD:
		if (h->dockerd_exe) {
			paths_add(t, &n, h->dockerd_exe);
			t->present = true;
			if (h->dockerd_exe_replaced)
				t->note = "the running dockerd's binary was replaced on disk after it "
					  "started (its /proc/PID/exe ends in \"(deleted)\"): the file "
					  "now at that path was judged; restart dockerd to run it";
			return 0;
		}
		/* not running: what docker.service would start */
		/* fall through */
	case TARGET_UNIT_BINARY: {
		const struct host_unit *unit = spec->name ? host_model_unit(h, spec->name) : NULL;
		if (unit && unit->state.status == SOURCE_OK && unit->exec_binary) {
			paths_add(t, &n, unit->exec_binary);
			return 0;
		}
		/* no unit says: every usual install place */
	}
		/* fall through */
	case TARGET_FIXED:
		for (const char *const *p = spec->paths; p && *p; p++)
			paths_add(t, &n, *p);
		return 0;
	case TARGET_DATA_ROOT:
		paths_add(t, &n, h->data_root);
		return 0;
	case TARGET_UNIT:
		return resolve_unit(h, spec->name, t, &n);
	case TARGET_DOCKER_SOCKET:
		paths_add_all(t, &n, &h->docker_sockets);
		return 0;
	case TARGET_CONTAINERD_SOCKET:
		if (h->containerd_socket_unsure)
			t->note = "daemon.json could not be read, so a \"containerd\" socket set there "
				  "is unknown: dockerd's default sockets were judged";
		paths_add_all(t, &n, &h->containerd_sockets);
		return 0;
	case TARGET_DAEMON_JSON:
		if (!h->daemon_json) {
			t->why = h->daemon_json_error;
			return -ENODATA;
		}
		paths_add(t, &n, h->daemon_json);
		t->present = h->daemon_json_present;
		return 0;
	case TARGET_DAEMON_OPTION: {
		const struct host_option_file *o = host_model_option_file(h, spec->name);
		if (!o) {
			t->why = "the host model does not decode this option";
			return -ENODATA;
		}
		if (o->error) {
			t->why = o->error;
			return -ENODATA;
		}
		if (o->dockerd_default)
			t->note = "TLS is on and the option is not set, so dockerd reads its default "
				  "file in root's ~/.docker";
		if (o->path)
			paths_add(t, &n, o->path);
		else
			t->why = "the option is not set";
		return 0;
	}
	case TARGET_CERTS_D:
		switch (h->certs_d.status) {
		case SOURCE_OK:
			break;
		case SOURCE_ABSENT:
			t->why = "/etc/docker/certs.d does not exist";
			return 0;
		default:
			t->why = h->certs_d.error;
			return -ENODATA;
		}
		paths_add_all(t, &n, &h->certs_d_files);
		t->present = true;
		t->why = n ? NULL : "no files below /etc/docker/certs.d";
		return 0;
	}
	return 0;
}

void target_paths_clear(struct target_paths *t)
{
	free(t->paths);
	memset(t, 0, sizeof(*t));
}
