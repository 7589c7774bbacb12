/* test_host_model.c - the host model decoder (src/facts/host_model.c):
 * what sections 1 and 3 read, decoded once from a facts bundle. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "facts.h"
#include "host_model.h"
#include "model.h"
#include "util.h"

static const char bundle[] =
	"{\"schema\":\"dockaudit-facts/1\",\"collected\":{\"start\":1764168000.5},"
	"\"host\":{"
	" \"files\":{"
	"  \"/var/run/docker.sock\":{\"status\":\"ok\",\"type\":\"socket\",\"uid\":0,\"gid\":999,"
	"   \"mode\":432,\"owner\":\"root\",\"group\":\"docker\"},"
	"  \"/usr/bin/runc\":{\"status\":\"ok\",\"type\":\"file\",\"uid\":0,\"gid\":0,\"mode\":493,"
	"   \"symlink\":true,\"link_target\":\"../sbin/./runc\"},"
	"  \"/etc/docker\":{\"status\":\"error\",\"error\":\"Permission denied\"},"
	"  \"/etc/sysconfig/docker\":{\"status\":\"absent\",\"error\":\"No such file or directory\"}},"
	" \"dockerd\":{\"status\":\"ok\",\"pid\":9,\"uid\":0,\"argv\":[\"/usr/bin/dockerd\","
	"  \"-H\",\"unix:///srv/d.sock\",\"--data-root=/srv/docker/\"],"
	"  \"exe\":\"/usr/bin/dockerd (deleted)\"},"
	" \"groups\":{\"status\":\"ok\",\"docker\":{\"gid\":999,\"members\":[\"alice\",\"bob\",\"alice\"]},"
	"  \"docker_primary_users\":[\"bob\",\"carol\"]},"
	" \"systemd\":{\"docker.socket\":{\"status\":\"ok\",\"path\":\"/lib/systemd/system//docker.socket\","
	"  \"dropins\":[],\"listen_stream\":[\"/var/run/other.sock\",\"0.0.0.0:2375\"]},"
	"  \"docker.service\":{\"status\":\"absent\",\"error\":\"not found\"}},"
	" \"audit\":{\"loaded\":{\"status\":\"ok\",\"conditions_recorded\":true,\"rules\":["
	"  {\"action\":\"always\",\"path\":\"/var/run/docker.sock\",\"perms\":\"wa\",\"kind\":\"watch\"}]},"
	"  \"files\":{\"status\":\"ok\"}}"
	"}}";

/* Loads `json` and decodes both models, as an audit does. */
static struct facts *decode(const char *json, struct daemon_model *d, struct host_model *h)
{
	struct facts *f;
	char *err = NULL;
	assert_int_equal(facts_load_buffer(json, strlen(json), &f, &err), 0);
	daemon_model_derive(f, d);
	host_model_decode(f, d, h);
	return f;
}

static void decodes_what_sections_1_and_3_read(void **state)
{
	(void)state;
	struct daemon_model d;
	struct host_model h;
	struct facts *f = decode(bundle, &d, &h);

	/* /run and /var/run are one directory; the record keeps its name */
	const struct host_file *sock = host_model_file(&h, "/run/docker.sock");
	assert_non_null(sock);
	assert_string_equal(sock->path, "/var/run/docker.sock");
	assert_int_equal(sock->mode, 0660);
	assert_int_equal(sock->gid, 999);
	assert_null(host_model_file(&h, "/run/docker.sock/x"));
	/* a relative link target is resolved from the link's directory */
	assert_string_equal(host_model_file(&h, "/usr/bin/runc")->link_target, "/usr/sbin/runc");
	const struct host_file *etc = host_model_file(&h, "/etc/docker/");
	assert_int_equal(etc->status, SOURCE_ERROR);
	assert_string_equal(etc->error, "Permission denied");
	assert_int_equal(etc->uid, -1);
	assert_int_equal(host_model_file(&h, "/etc/sysconfig/docker")->status, SOURCE_ABSENT);

	/* members and primary users, each once */
	assert_int_equal(h.docker_group.n_users, 3);
	assert_string_equal(h.docker_group.users[2], "carol");

	/* derived: the binary behind "(deleted)", the data root, the sockets */
	assert_string_equal(h.dockerd_exe, "/usr/bin/dockerd");
	assert_true(h.dockerd_exe_replaced);
	assert_string_equal(h.data_root, "/srv/docker");
	assert_string_equal(h.data_root_origin, "--data-root in the dockerd command line");
	size_t n = h.docker_sockets.n;
	assert_int_equal(n, 3);
	assert_string_equal(h.docker_sockets.v[0], "/run/docker.sock");
	assert_string_equal(h.docker_sockets.v[1], "/run/other.sock");
	assert_string_equal(h.docker_sockets.v[2], "/srv/d.sock");
	assert_string_equal(host_model_unit(&h, "docker.socket")->path, "/lib/systemd/system/docker.socket");
	assert_int_equal(host_model_unit(&h, "docker.service")->state.status, SOURCE_ABSENT);
	assert_null(host_model_unit(&h, "containerd.service"));
	/* no --containerd: the system containerd's socket and dockerd's own */
	assert_int_equal(h.containerd_sockets.n, 2);
	assert_string_equal(h.containerd_sockets.v[0], "/run/containerd/containerd.sock");
	assert_string_equal(h.containerd_sockets.v[1], "/run/docker/containerd/containerd.sock");
	/* daemon.json was not collected: which TLS key dockerd reads cannot
	 * be known, and the model says so */
	assert_null(host_model_option_file(&h, "tlskey")->path);
	assert_non_null(host_model_option_file(&h, "tlskey")->error);

	/* rules: one representation, the path in key form; a source
	 * without a rule list is an error, never an empty pass */
	assert_int_equal(h.rules_loaded.n, 1);
	assert_string_equal(h.rules_loaded.v[0].rule.perms, "wa");
	assert_string_equal(h.rules_loaded.v[0].path_key, "/run/docker.sock");
	assert_null(h.rules_loaded.v[0].file);
	assert_int_equal(h.rules_files.state.status, SOURCE_ERROR);
	assert_int_equal(h.engine.engine.status, SOURCE_MISSING);
	assert_true(h.collected_at > 1764168000.0);

	host_model_clear(&h);
	daemon_model_clear(&d);
	facts_free(f);
}

/* What dockerd falls back to: the TLS files of --tlsverify, the socket
 * of its own containerd below --exec-root, the unit's binary. */
static void dockerd_fallbacks(void **state)
{
	(void)state;
	static const char json[] =
		"{\"schema\":\"dockaudit-facts/1\",\"host\":{"
		" \"dockerd\":{\"status\":\"ok\",\"pid\":9,\"uid\":0,\"argv\":[\"/usr/bin/dockerd\","
		"  \"--tlsverify\",\"--tlscert=/etc/docker/c.pem\",\"--exec-root=/srv/exec/\"]},"
		" \"daemon_json\":{\"status\":\"absent\",\"path\":\"/etc/docker/daemon.json\",\"error\":\"x\"},"
		" \"systemd\":{\"containerd.service\":{\"status\":\"ok\",\"path\":\"/lib/systemd/system/containerd.service\","
		"  \"exec_start\":[[\"/opt//bin/containerd\",\"--log-level\",\"info\"]]}}}}";
	struct daemon_model d;
	struct host_model h;
	struct facts *f = decode(json, &d, &h);
	const struct host_option_file *ca = host_model_option_file(&h, "tlscacert");
	assert_string_equal(ca->path, "/root/.docker/ca.pem");
	assert_true(ca->dockerd_default);
	assert_string_equal(host_model_option_file(&h, "tlscert")->path, "/etc/docker/c.pem");
	assert_false(host_model_option_file(&h, "tlscert")->dockerd_default);
	assert_string_equal(h.containerd_sockets.v[1], "/srv/exec/containerd/containerd.sock");
	assert_string_equal(host_model_unit(&h, "containerd.service")->exec_binary, "/opt/bin/containerd");
	host_model_clear(&h);
	daemon_model_clear(&d);
	facts_free(f);
}

/* An empty bundle: every source says it was not collected. */
static void nothing_collected(void **state)
{
	(void)state;
	static const char empty[] = "{\"schema\":\"dockaudit-facts/1\"}";
	struct daemon_model d;
	struct host_model h;
	struct facts *f = decode(empty, &d, &h);
	assert_int_equal(h.n_files, 0);
	assert_null(host_model_file(&h, "/etc/docker"));
	assert_int_equal(h.mounts.state.status, SOURCE_MISSING);
	assert_non_null(h.mounts.state.error);
	assert_int_equal(h.docker_group.state.status, SOURCE_MISSING);
	assert_int_equal(h.rules_loaded.state.status, SOURCE_MISSING);
	assert_int_equal(h.systemd.status, SOURCE_MISSING);
	assert_int_equal(h.daemon_mode, DAEMON_MODE_UNKNOWN);
	assert_null(h.dockerd_exe);
	assert_string_equal(h.data_root, "/var/lib/docker");
	assert_int_equal(h.certs_d.status, SOURCE_MISSING);
	host_model_clear(&h);
	daemon_model_clear(&d);
	facts_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decodes_what_sections_1_and_3_read),
		cmocka_unit_test(dockerd_fallbacks),
		cmocka_unit_test(nothing_collected),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
