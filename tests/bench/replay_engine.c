/* replay_engine.c - a fast Engine API server on a unix socket for the
 * benchmark: N synthetic containers whose documents are built from the
 * responses recorded from a real dockerd (tests/fixtures/engine/normal),
 * varied the way production hosts vary (names, ids, mounts, published
 * ports, capabilities, security options, limits, labels, environment).
 *
 * Usage: replay_engine [-t SECONDS] [-p PIDFILE] [-l LOGFILE] [-s SEED]
 *                      SOCKET N FIXTURE_DIR
 *
 * Every response is generated once, at start, as complete HTTP/1.1 bytes
 * (headers and body) in memory, so answering is a hash lookup and a
 * write.  One thread serves every connection through epoll, with
 * keep-alive and pipelined requests.  Paths: /_ping, /version,
 * /v1.N/info, /containers/json (running; ?all=1 adds the stopped ones),
 * /containers/{id}/json, /containers/{id}/top, /images/json,
 * /images/{id}/json, /images/{id}/history (id with or without
 * "sha256:"), /networks, /exec/{id}/json, and the swarm endpoints
 * (/swarm, /nodes, /services, /secrets answer 503 as a node outside a
 * swarm does).  Anything else is a 404 with an Engine-style message.
 *
 * It writes PIDFILE once it listens, appends each request path to LOGFILE
 * (the benchmark's floor client replays that list), prints a line of
 * statistics on stderr at exit, and exits by itself after SECONDS
 * (default 120, at most 3600) or on SIGTERM/SIGINT. */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define MAX_EVENTS 64
#define REQ_MAX 16384
#define API_VERSION "1.41"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void die(const char *what)
{
	fprintf(stderr, "replay_engine: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void *xmalloc_or_die(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		fprintf(stderr, "replay_engine: out of memory\n");
		exit(1);
	}
	return p;
}

/* ---- deterministic pseudo-random numbers (splitmix64) ---- */

static uint64_t rng_state;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* 0 <= r < n */
static unsigned rng_below(unsigned n)
{
	return (unsigned)(rng_next() % n);
}

/* true with probability pct/100 */
static bool rng_pct(unsigned pct)
{
	return rng_below(100) < pct;
}

static void rng_hex(char *out, size_t digits)
{
	static const char hex[] = "0123456789abcdef";
	uint64_t v = 0;
	for (size_t i = 0; i < digits; i++) {
		if (i % 16 == 0)
			v = rng_next();
		out[i] = hex[v & 15];
		v >>= 4;
	}
	out[digits] = '\0';
}

/* ---- responses: a hash table from normalised path to HTTP bytes ---- */

struct response {
	char *key;
	char *bytes;            /* status line, headers and body */
	size_t len;
};

static struct response *table;
static size_t table_size;     /* a power of two */
static size_t table_used;
static size_t body_bytes;
static struct response not_found;

static uint64_t hash_str(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static char *http_bytes(int status, const char *reason, const char *body, size_t body_len,
			size_t *ret_len)
{
	char head[512];
	int n = snprintf(head, sizeof(head),
			 "HTTP/1.1 %d %s\r\nApi-Version: " API_VERSION "\r\n"
			 "Content-Type: application/json\r\nDocker-Experimental: false\r\n"
			 "Ostype: linux\r\nServer: Docker/20.10.24+dfsg1 (linux)\r\n"
			 "Date: Thu, 26 Nov 2026 14:44:50 GMT\r\nContent-Length: %zu\r\n\r\n",
			 status, reason, body_len);
	char *out = xmalloc_or_die((size_t)n + body_len);
	memcpy(out, head, (size_t)n);
	memcpy(out + n, body, body_len);
	*ret_len = (size_t)n + body_len;
	return out;
}

static void table_put_raw(const char *key, int status, const char *reason, const char *body)
{
	if ((table_used + 1) * 2 > table_size) {
		size_t old_size = table_size;
		struct response *old = table;
		table_size = table_size ? table_size * 2 : 1024;
		table = calloc(table_size, sizeof(*table));
		if (!table)
			die("calloc");
		table_used = 0;
		for (size_t i = 0; i < old_size; i++)
			if (old[i].key) {
				size_t j = hash_str(old[i].key, strlen(old[i].key)) & (table_size - 1);
				while (table[j].key)
					j = (j + 1) & (table_size - 1);
				table[j] = old[i];
				table_used++;
			}
		free(old);
	}
	size_t j = hash_str(key, strlen(key)) & (table_size - 1);
	while (table[j].key) {
		if (strcmp(table[j].key, key) == 0) {
			free(table[j].bytes);
			break;
		}
		j = (j + 1) & (table_size - 1);
	}
	if (!table[j].key) {
		table[j].key = strdup(key);
		table_used++;
	}
	size_t blen = strlen(body);
	table[j].bytes = http_bytes(status, reason, body, blen, &table[j].len);
	body_bytes += blen;
}

static void table_put(const char *key, json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT);
	if (!s) {
		fprintf(stderr, "replay_engine: cannot serialise %s\n", key);
		exit(1);
	}
	table_put_raw(key, 200, "OK", s);
	free(s);
}

static const struct response *table_get(const char *key, size_t n)
{
	size_t j = hash_str(key, n) & (table_size - 1);
	while (table[j].key) {
		if (strlen(table[j].key) == n && memcmp(table[j].key, key, n) == 0)
			return &table[j];
		j = (j + 1) & (table_size - 1);
	}
	return NULL;
}

/* ---- generating the documents ---- */

static json_t *load_fixture(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	json_error_t e;
	json_t *j = json_load_file(path, 0, &e);
	if (!j) {
		fprintf(stderr, "replay_engine: %s: %s\n", path, e.text);
		exit(1);
	}
	return j;
}

static const char *const app_names[] = {
	"web", "api", "worker", "redis", "postgres", "nginx", "cache", "queue", "cron",
	"metrics", "auth", "billing", "search", "frontend", "gateway", "mailer", "scheduler",
	"ingest", "reports", "notifier",
};
#define N_APPS (sizeof(app_names) / sizeof(app_names[0]))

static const char *const projects[] = { "shop", "crm", "analytics", "platform", "intranet" };
#define N_PROJECTS (sizeof(projects) / sizeof(projects[0]))

struct image {
	char hex[65];
	char tag[96];
};

static struct image *images;
static unsigned n_images;

static json_t *jstr_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static json_t *jstr_printf(const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return json_string(buf);
}

static json_t *make_env(const char *app, unsigned idx)
{
	json_t *env = json_array();
	json_array_append_new(env, json_string("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
	json_array_append_new(env, jstr_printf("APP_NAME=%s", app));
	json_array_append_new(env, jstr_printf("APP_INSTANCE=%u", idx));
	json_array_append_new(env, json_string(rng_pct(50) ? "LOG_LEVEL=info" : "LOG_LEVEL=debug"));
	json_array_append_new(env, json_string("TZ=Europe/Berlin"));
	json_array_append_new(env, json_string("LANG=C.UTF-8"));
	unsigned extra = 4 + rng_below(24);
	for (unsigned k = 0; k < extra; k++) {
		char hex[33];
		rng_hex(hex, 32);
		switch (k % 8) {
		case 0:
			json_array_append_new(env, jstr_printf("DATABASE_URL=postgres://%s:%s@db-%u.internal:5432/%s?sslmode=require", app, hex, k, app));
			break;
		case 1:
			json_array_append_new(env, jstr_printf("REDIS_URL=redis://cache-%u.internal:6379/%u", k, idx % 16));
			break;
		case 2:
			json_array_append_new(env, jstr_printf("JAVA_OPTS=-Xms256m -Xmx%um -XX:+UseG1GC -Dfile.encoding=UTF-8 -Djava.security.egd=file:/dev/./urandom", 512 + 256 * (idx % 4)));
			break;
		case 3:
			json_array_append_new(env, jstr_printf("%s_API_TOKEN_%u=%s", app, k, hex));
			break;
		case 4:
			json_array_append_new(env, jstr_printf("FEATURE_FLAGS=checkout-v2,search-ranking,beta-%u,dark-mode", k));
			break;
		case 5:
			json_array_append_new(env, jstr_printf("OTEL_EXPORTER_OTLP_ENDPOINT=http://otel-collector.monitoring.svc:4317/%s", app));
			break;
		case 6:
			json_array_append_new(env, jstr_printf("SENTRY_DSN=https://%s@sentry.example.com/%u", hex, 100 + idx % 50));
			break;
		default:
			json_array_append_new(env, jstr_printf("WORKERS_%u=%u", k, 1 + rng_below(16)));
			break;
		}
	}
	return env;
}

static json_t *make_labels(const char *project, const char *app, unsigned idx, const struct image *img)
{
	char hex[65];
	rng_hex(hex, 64);
	json_t *l = json_object();
	json_object_set_new(l, "com.docker.compose.project", json_string(project));
	json_object_set_new(l, "com.docker.compose.service", json_string(app));
	json_object_set_new(l, "com.docker.compose.container-number", jstr_printf("%u", 1 + idx % 5));
	json_object_set_new(l, "com.docker.compose.oneoff", json_string("False"));
	json_object_set_new(l, "com.docker.compose.config-hash", json_string(hex));
	json_object_set_new(l, "com.docker.compose.version", json_string("2.21.0"));
	json_object_set_new(l, "com.docker.compose.project.working_dir", jstr_printf("/srv/%s", project));
	json_object_set_new(l, "com.docker.compose.project.config_files", jstr_printf("/srv/%s/docker-compose.yml,/srv/%s/docker-compose.prod.yml", project, project));
	json_object_set_new(l, "com.docker.compose.image", jstr_printf("sha256:%s", img->hex));
	json_object_set_new(l, "org.opencontainers.image.title", json_string(app));
	json_object_set_new(l, "org.opencontainers.image.version", jstr_printf("%u.%u.%u", 1 + idx % 3, idx % 20, idx % 7));
	rng_hex(hex, 40);
	json_object_set_new(l, "org.opencontainers.image.revision", json_string(hex));
	json_object_set_new(l, "org.opencontainers.image.source", jstr_printf("https://git.example.com/%s/%s", project, app));
	json_object_set_new(l, "org.opencontainers.image.created", json_string("2026-10-02T08:15:27Z"));
	json_object_set_new(l, "org.opencontainers.image.licenses", json_string("Apache-2.0"));
	if (rng_pct(30)) {
		json_object_set_new(l, "traefik.enable", json_string("true"));
		char rk[128];
		snprintf(rk, sizeof(rk), "traefik.http.routers.%s.rule", app);
		json_object_set_new(l, rk, jstr_printf("Host(`%s-%u.example.com`)", app, idx));
	}
	return l;
}

/* The summary entry /containers/json gives for one container. */
static json_t *make_summary(json_t *inspect, json_t *base_summary)
{
	json_t *s = json_deep_copy(base_summary);
	json_object_set(s, "Id", json_object_get(inspect, "Id"));
	json_t *names = json_array();
	json_array_append(names, json_object_get(inspect, "Name"));
	json_object_set_new(s, "Names", names);
	json_t *cfg = json_object_get(inspect, "Config");
	json_object_set(s, "Image", json_object_get(cfg, "Image"));
	json_object_set(s, "ImageID", json_object_get(inspect, "Image"));
	json_object_set(s, "Labels", json_object_get(cfg, "Labels"));
	json_t *state = json_object_get(inspect, "State");
	bool running = json_is_true(json_object_get(state, "Running"));
	json_object_set_new(s, "State", json_string(running ? "running" : "exited"));
	json_object_set_new(s, "Status", json_string(running ? "Up 3 days" : "Exited (0) 2 hours ago"));
	json_t *ports = json_array();
	const char *key;
	json_t *binds;
	json_object_foreach(json_object_get(json_object_get(inspect, "HostConfig"), "PortBindings"), key, binds) {
		size_t i;
		json_t *b;
		json_array_foreach(binds, i, b) {
			json_array_append_new(ports, json_pack("{s:s,s:i,s:i,s:s}", "IP",
				json_string_value(json_object_get(b, "HostIp"))[0] ? json_string_value(json_object_get(b, "HostIp")) : "0.0.0.0",
				"PrivatePort", atoi(key), "PublicPort", atoi(json_string_value(json_object_get(b, "HostPort"))),
				"Type", "tcp"));
		}
	}
	json_object_set_new(s, "Ports", ports);
	json_object_set(s, "Mounts", json_object_get(inspect, "Mounts"));
	json_t *hc = json_object();
	json_object_set(hc, "NetworkMode", json_object_get(json_object_get(inspect, "HostConfig"), "NetworkMode"));
	json_object_set_new(s, "HostConfig", hc);
	return s;
}

static void add_mount(json_t *binds, json_t *mounts, const char *type, const char *src,
		      const char *dst, const char *name, bool rw, const char *propagation)
{
	json_t *m = json_object();
	json_object_set_new(m, "Type", json_string(type));
	if (name)
		json_object_set_new(m, "Name", json_string(name));
	json_object_set_new(m, "Source", json_string(src));
	json_object_set_new(m, "Destination", json_string(dst));
	json_object_set_new(m, "Driver", json_string(name ? "local" : ""));
	json_object_set_new(m, "Mode", json_string(rw ? "" : "ro"));
	json_object_set_new(m, "RW", json_boolean(rw));
	json_object_set_new(m, "Propagation", json_string(propagation));
	json_array_append_new(mounts, m);
	if (!name)
		json_array_append_new(binds, jstr_printf("%s:%s%s%s%s", src, dst, rw ? "" : ":ro",
							   propagation[0] ? (rw ? ":" : ",") : "", propagation));
}

static json_t *make_inspect(json_t *base, unsigned idx, bool running, char ret_id[65],
			    const struct image **ret_img, bool *ret_exec, char exec_id[65])
{
	json_t *d = json_deep_copy(base);
	json_t *hc = json_object_get(d, "HostConfig");
	json_t *cfg = json_object_get(d, "Config");
	json_t *ns = json_object_get(d, "NetworkSettings");
	json_t *state = json_object_get(d, "State");
	const char *app = app_names[idx % N_APPS];
	const char *project = projects[(idx / N_APPS) % N_PROJECTS];
	const struct image *img = &images[idx % n_images];
	char id[65];
	rng_hex(id, 64);
	memcpy(ret_id, id, 65);
	*ret_img = img;

	json_object_set_new(d, "Id", json_string(id));
	json_object_set_new(d, "Name", jstr_printf("/%s_%s_%u", project, app, idx));
	json_object_set_new(d, "Created", jstr_printf("2026-%02u-%02uT%02u:%02u:%02u.%09uZ", 1 + idx % 11, 1 + idx % 28, idx % 24, idx % 60, (idx * 7) % 60, (unsigned)rng_below(1000000000)));
	json_object_set_new(d, "Image", jstr_printf("sha256:%s", img->hex));
	json_object_set_new(d, "ResolvConfPath", jstr_printf("/var/lib/docker/containers/%s/resolv.conf", id));
	json_object_set_new(d, "HostnamePath", jstr_printf("/var/lib/docker/containers/%s/hostname", id));
	json_object_set_new(d, "HostsPath", jstr_printf("/var/lib/docker/containers/%s/hosts", id));
	json_object_set_new(d, "LogPath", jstr_printf("/var/lib/docker/containers/%s/%s-json.log", id, id));
	json_object_set_new(d, "Driver", json_string("overlay2"));
	json_object_set_new(d, "Path", json_string("/usr/local/bin/docker-entrypoint.sh"));
	json_object_set_new(d, "Args", json_pack("[s,s]", app, "--config=/etc/app/config.yaml"));
	json_object_set_new(d, "AppArmorProfile", json_string(rng_pct(90) ? "docker-default" : ""));

	json_object_set_new(state, "Running", json_boolean(running));
	json_object_set_new(state, "Status", json_string(running ? "running" : "exited"));
	json_object_set_new(state, "Pid", json_integer(running ? 2000 + idx * 3 : 0));
	if (running && rng_pct(10))
		json_object_set_new(state, "Health", json_pack("{s:s,s:i,s:[{s:s,s:s,s:i,s:s}]}", "Status", "healthy", "FailingStreak", 0, "Log", "Start", "2026-11-26T14:40:01.1Z", "End", "2026-11-26T14:40:01.2Z", "ExitCode", 0, "Output", "ok\n"));

	/* mounts: application data binds, named volumes, now and then the
	 * engine's socket or a host directory */
	json_t *binds = json_array();
	json_t *mounts = json_array();
	char src[256], dst[256], vol[80];
	if (rng_pct(60)) {
		snprintf(src, sizeof(src), "/srv/%s/%s/data", project, app);
		add_mount(binds, mounts, "bind", src, "/data", NULL, true, rng_pct(5) ? "rshared" : "rprivate");
	}
	if (rng_pct(50)) {
		snprintf(src, sizeof(src), "/srv/%s/%s/config.yaml", project, app);
		add_mount(binds, mounts, "bind", src, "/etc/app/config.yaml", NULL, false, "rprivate");
	}
	if (rng_pct(40)) {
		snprintf(vol, sizeof(vol), "%s_%s-%u-data", project, app, idx);
		snprintf(src, sizeof(src), "/var/lib/docker/volumes/%s/_data", vol);
		snprintf(dst, sizeof(dst), "/var/lib/%s", app);
		add_mount(binds, mounts, "volume", src, dst, vol, true, "");
	}
	if (rng_pct(3))
		add_mount(binds, mounts, "bind", "/var/run/docker.sock", "/var/run/docker.sock", NULL, true, "rprivate");
	if (rng_pct(2))
		add_mount(binds, mounts, "bind", "/etc", "/host/etc", NULL, false, "rprivate");
	if (rng_pct(1))
		add_mount(binds, mounts, "bind", "/", "/host", NULL, true, "rslave");
	json_object_set_new(hc, "Binds", json_array_size(binds) ? binds : (json_decref(binds), json_null()));
	json_object_set_new(d, "Mounts", mounts);

	/* published ports, on every kind of address */
	json_t *pb = json_object();
	json_t *ports = json_object();
	unsigned n_ports = rng_below(4);
	static const char *const ips[] = { "", "0.0.0.0", "::", "127.0.0.1", "10.0.3.7" };
	for (unsigned k = 0; k < n_ports; k++) {
		unsigned cport = k == 0 ? (rng_pct(50) ? 80 : 8080) : 9000 + k;
		unsigned hport = rng_pct(10) ? (k == 0 ? 80 : 443) : 20000 + (idx * 4 + k) % 40000;
		char pk[32], hp[16];
		snprintf(pk, sizeof(pk), "%u/tcp", cport);
		snprintf(hp, sizeof(hp), "%u", hport);
		const char *ip = ips[rng_below(5)];
		json_object_set_new(pb, pk, json_pack("[{s:s,s:s}]", "HostIp", ip, "HostPort", hp));
		json_object_set_new(ports, pk, json_pack("[{s:s,s:s},{s:s,s:s}]", "HostIp", ip[0] ? ip : "0.0.0.0", "HostPort", hp, "HostIp", "::", "HostPort", hp));
	}
	json_object_set_new(hc, "PortBindings", pb);
	json_object_set_new(ns, "Ports", ports);
	json_t *exposed = json_object();
	const char *pk;
	json_t *pv;
	json_object_foreach(ports, pk, pv)
		json_object_set_new(exposed, pk, json_object());
	json_object_set_new(cfg, "ExposedPorts", exposed);

	/* capabilities and security options */
	static const char *const caps[] = { "NET_ADMIN", "SYS_ADMIN", "SYS_PTRACE", "NET_RAW", "SYS_TIME", "IPC_LOCK" };
	if (rng_pct(20)) {
		json_t *a = json_array();
		unsigned n = 1 + rng_below(3);
		for (unsigned k = 0; k < n; k++)
			json_array_append_new(a, json_string(caps[rng_below(6)]));
		json_object_set_new(hc, "CapAdd", a);
	}
	if (rng_pct(35))
		json_object_set_new(hc, "CapDrop", rng_pct(70) ? json_pack("[s]", "ALL") : json_pack("[s,s,s]", "NET_RAW", "MKNOD", "SETFCAP"));
	json_t *sec = json_array();
	if (rng_pct(40))
		json_array_append_new(sec, json_string("no-new-privileges:true"));
	if (rng_pct(5))
		json_array_append_new(sec, json_string("seccomp=unconfined"));
	if (rng_pct(4))
		json_array_append_new(sec, json_string("apparmor=unconfined"));
	if (rng_pct(3))
		json_array_append_new(sec, json_string("label=disable"));
	json_object_set_new(hc, "SecurityOpt", json_array_size(sec) ? sec : (json_decref(sec), json_null()));
	json_object_set_new(hc, "Privileged", json_boolean(rng_pct(3)));
	json_object_set_new(hc, "ReadonlyRootfs", json_boolean(rng_pct(20)));
	if (rng_pct(2))
		json_object_set_new(hc, "Devices", json_pack("[{s:s,s:s,s:s}]", "PathOnHost", "/dev/fuse", "PathInContainer", "/dev/fuse", "CgroupPermissions", "rwm"));

	/* namespaces and networking */
	const char *net = rng_pct(5) ? "host" : rng_pct(50) ? "bridge" : "default";
	json_object_set_new(hc, "NetworkMode", json_string(net));
	json_object_set_new(hc, "PidMode", json_string(rng_pct(2) ? "host" : ""));
	json_object_set_new(hc, "IpcMode", json_string(rng_pct(2) ? "host" : rng_pct(50) ? "private" : "shareable"));
	json_object_set_new(hc, "UTSMode", json_string(rng_pct(2) ? "host" : ""));
	json_object_set_new(hc, "UsernsMode", json_string(rng_pct(1) ? "host" : ""));
	json_object_set_new(hc, "CgroupParent", json_string(rng_pct(3) ? "/system.slice" : ""));

	/* limits and restart policy */
	static const long long mems[] = { 0, 268435456LL, 536870912LL, 1073741824LL, 2147483648LL };
	json_object_set_new(hc, "Memory", json_integer(mems[rng_below(5)]));
	json_object_set_new(hc, "CpuShares", json_integer(rng_pct(40) ? 512 : 0));
	json_object_set_new(hc, "NanoCpus", json_integer(rng_pct(30) ? 1500000000LL : 0));
	json_object_set_new(hc, "PidsLimit", rng_pct(40) ? json_integer(200) : json_null());
	static const char *const restarts[] = { "no", "always", "unless-stopped", "on-failure", "" };
	const char *rp = restarts[rng_below(5)];
	json_object_set_new(hc, "RestartPolicy", json_pack("{s:s,s:i}", "Name", rp, "MaximumRetryCount",
							   strcmp(rp, "on-failure") == 0 ? (rng_pct(50) ? 5 : 10) : 0));
	json_object_set_new(hc, "LogConfig", json_pack("{s:s,s:{s:s,s:s}}", "Type", "json-file", "Config", "max-size", "10m", "max-file", "3"));

	/* config: user, environment, labels, health check */
	static const char *const users[] = { "", "1000:1000", "nobody", "app", "0" };
	json_object_set_new(cfg, "Hostname", json_stringn(id, 12));
	json_object_set_new(cfg, "User", json_string(users[rng_below(5)]));
	json_object_set_new(cfg, "Image", json_string(img->tag));
	json_object_set_new(cfg, "Env", make_env(app, idx));
	json_object_set_new(cfg, "Labels", make_labels(project, app, idx, img));
	json_object_set_new(cfg, "Cmd", json_pack("[s,s]", app, "--config=/etc/app/config.yaml"));
	json_object_set_new(cfg, "WorkingDir", jstr_printf("/opt/%s", app));
	if (rng_pct(60))
		json_object_set_new(cfg, "Healthcheck", json_pack("{s:[s,s],s:i,s:i,s:i}", "Test", "CMD-SHELL", "wget -q -O- http://localhost:8080/health || exit 1", "Interval", 30000000000LL, "Timeout", 5000000000LL, "Retries", 3));

	/* storage: overlay2 layer paths, as long as real ones */
	char lower[1400];
	size_t off = 0;
	for (int k = 0; k < 6; k++) {
		char h[65];
		rng_hex(h, 64);
		off += (size_t)snprintf(lower + off, sizeof(lower) - off, "%s/var/lib/docker/overlay2/%s/diff", k ? ":" : "", h);
	}
	char h[65];
	rng_hex(h, 64);
	json_object_set_new(d, "GraphDriver", json_pack("{s:{s:s,s:s,s:s,s:s},s:s}", "Data",
		"LowerDir", lower, "MergedDir", "/var/lib/docker/overlay2/merged",
		"UpperDir", "/var/lib/docker/overlay2/diff", "WorkDir", "/var/lib/docker/overlay2/work",
		"Name", "overlay2"));

	/* network endpoints */
	json_t *nets = json_object();
	if (strcmp(net, "host") == 0) {
		json_object_set_new(nets, "host", json_pack("{s:n,s:n,s:n,s:s,s:s,s:s,s:s,s:i,s:s,s:s,s:i,s:s,s:n}",
			"IPAMConfig", "Links", "Aliases", "NetworkID", h, "EndpointID", h, "Gateway", "", "IPAddress", "",
			"IPPrefixLen", 0, "IPv6Gateway", "", "GlobalIPv6Address", "", "GlobalIPv6PrefixLen", 0,
			"MacAddress", "", "DriverOpts"));
	} else {
		char ip[32], mac[32];
		snprintf(ip, sizeof(ip), "172.%u.%u.%u", 17 + (idx >> 16) % 8, (idx >> 8) & 255, 2 + (idx & 127));
		snprintf(mac, sizeof(mac), "02:42:ac:11:%02x:%02x", (idx >> 8) & 255, idx & 255);
		json_object_set_new(nets, strcmp(net, "bridge") == 0 ? "bridge" : "default", json_pack("{s:n,s:n,s:[s,s],s:s,s:s,s:s,s:s,s:i,s:s,s:s,s:i,s:s,s:n}",
			"IPAMConfig", "Links", "Aliases", app, id + 52, "NetworkID", h, "EndpointID", h, "Gateway", "172.17.0.1", "IPAddress", ip,
			"IPPrefixLen", 16, "IPv6Gateway", "", "GlobalIPv6Address", "", "GlobalIPv6PrefixLen", 0,
			"MacAddress", mac, "DriverOpts"));
		json_object_set_new(ns, "IPAddress", json_string(ip));
		json_object_set_new(ns, "Gateway", json_string("172.17.0.1"));
		json_object_set_new(ns, "MacAddress", json_string(mac));
	}
	json_object_set_new(ns, "Networks", nets);
	json_object_set_new(ns, "SandboxID", json_string(h));
	json_object_set_new(ns, "SandboxKey", jstr_printf("/var/run/docker/netns/%.12s", h));

	*ret_exec = running && rng_pct(1);
	if (*ret_exec) {
		rng_hex(exec_id, 64);
		json_object_set_new(d, "ExecIDs", json_pack("[s]", exec_id));
	}
	return d;
}

static json_t *make_top(const char *app, unsigned idx)
{
	json_t *procs = json_array();
	unsigned n = 1 + rng_below(4);
	for (unsigned k = 0; k < n; k++) {
		char pid[16], ppid[16], cmd[128];
		snprintf(pid, sizeof(pid), "%u", 2000 + idx * 3 + k);
		snprintf(ppid, sizeof(ppid), "%u", k ? 2000 + idx * 3 : 1900);
		if (k == 1 && rng_pct(5))
			snprintf(cmd, sizeof(cmd), "/usr/sbin/sshd -D");
		else
			snprintf(cmd, sizeof(cmd), "%s --config=/etc/app/config.yaml --worker=%u", app, k);
		json_array_append_new(procs, json_pack("[s,s,s,s,s,s,s,s]", k ? "1000" : "root", pid, ppid, "0",
						       "Nov24", "?", "00:01:23", cmd));
	}
	return json_pack("{s:[s,s,s,s,s,s,s,s],s:o}", "Titles", "UID", "PID", "PPID", "C", "STIME", "TTY",
			 "TIME", "CMD", "Processes", procs);
}

static void make_images(unsigned n_containers)
{
	n_images = n_containers / 20;
	if (n_images < 1)
		n_images = 1;
	if (n_images > 300)
		n_images = 300;
	images = calloc(n_images, sizeof(*images));
	if (!images)
		die("calloc");
	json_t *list = json_array();
	for (unsigned i = 0; i < n_images; i++) {
		struct image *im = &images[i];
		rng_hex(im->hex, 64);
		snprintf(im->tag, sizeof(im->tag), "registry.example.com/%s/%s:%u.%u", projects[i % N_PROJECTS],
			 app_names[i % N_APPS], 1 + i / (unsigned)N_APPS, i % 10);
		char key[256], full_id[80];
		snprintf(full_id, sizeof(full_id), "sha256:%s", im->hex);
		json_t *history = json_array();
		unsigned layers = 4 + rng_below(8);
		for (unsigned k = 0; k < layers; k++) {
			char cmd[256];
			if (k == 0)
				snprintf(cmd, sizeof(cmd), "/bin/sh -c #(nop) ADD file:%.32s in / ", im->hex);
			else if (k == layers - 1)
				snprintf(cmd, sizeof(cmd), "/bin/sh -c #(nop)  CMD [\"%s\"]", app_names[i % N_APPS]);
			else if (k == 2 && rng_pct(30))
				snprintf(cmd, sizeof(cmd), "/bin/sh -c apt-get update && apt-get install -y curl ca-certificates");
			else
				snprintf(cmd, sizeof(cmd), "/bin/sh -c #(nop) COPY dir:%.16s%u in /opt/app ", im->hex, k);
			json_array_append_new(history, json_pack("{s:s,s:i,s:s,s:o,s:i,s:s}", "Id", k == layers - 1 ? full_id : "<missing>",
				"Created", 1790000000 + k, "CreatedBy", cmd, "Tags", k == layers - 1 ? json_pack("[s]", im->tag) : json_null(),
				"Size", 1000 * k, "Comment", ""));
		}
		snprintf(key, sizeof(key), "/images/%s/history", im->hex);
		table_put(key, history);
		json_decref(history);

		bool healthcheck = rng_pct(50);
		json_t *inspect = json_pack("{s:s,s:[s],s:[s],s:s,s:s,s:s,s:s,s:s,s:{s:s,s:s,s:b,s:[s,s],s:o,s:[s],s:s,s:n,s:o},s:s,s:s,s:I,s:I,s:{s:s,s:[s,s,s,s]},s:{s:s}}",
			"Id", full_id, "RepoTags", im->tag, "RepoDigests", im->tag, "Parent", "", "Comment", "",
			"Created", "2026-10-02T08:15:27.123456789Z", "DockerVersion", "20.10.24", "Author", "",
			"Config", "Hostname", "", "User", i % 3 ? "app" : "", "Tty", 0, "Env", "PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8",
			"Healthcheck", healthcheck ? json_pack("{s:[s,s]}", "Test", "CMD", "/healthcheck") : json_null(),
			"Cmd", app_names[i % N_APPS], "WorkingDir", "/opt/app", "Entrypoint",
			"Labels", json_pack("{s:s,s:s}", "org.opencontainers.image.title", app_names[i % N_APPS], "maintainer", "ops@example.com"),
			"Architecture", "amd64", "Os", "linux", "Size", (json_int_t)80000000 + i, "VirtualSize", (json_int_t)80000000 + i,
			"RootFS", "Type", "layers", "Layers", "sha256:aa", "sha256:bb", "sha256:cc", "sha256:dd",
			"Metadata", "LastTagTime", "0001-01-01T00:00:00Z");
		snprintf(key, sizeof(key), "/images/%s/json", im->hex);
		table_put(key, inspect);
		snprintf(key, sizeof(key), "/images/%s/json", im->tag);
		table_put(key, inspect);
		json_decref(inspect);

		json_array_append_new(list, json_pack("{s:i,s:s,s:s,s:n,s:[s],s:[s],s:I,s:I,s:I,s:i}",
			"Containers", -1, "Created", "1790000000", "Id", "", "Labels", "RepoDigests", im->tag,
			"RepoTags", im->tag, "SharedSize", (json_int_t)-1, "Size", (json_int_t)80000000 + i,
			"VirtualSize", (json_int_t)80000000 + i, "ParentId", 0));
		json_t *e = json_array_get(list, i);
		json_object_set_new(e, "Id", jstr_printf("sha256:%s", im->hex));
		json_object_set_new(e, "Created", json_integer(1790000000 + i));
		json_object_set_new(e, "ParentId", json_string(""));
	}
	table_put("/images/json", list);
	json_decref(list);
}

static void generate(const char *dir, unsigned n)
{
	json_t *version = load_fixture(dir, "version.json");
	table_put("/version", version);
	json_decref(version);
	json_t *info = load_fixture(dir, "info.json");
	json_object_set_new(info, "Containers", json_integer(n + n / 10));
	json_object_set_new(info, "ContainersRunning", json_integer(n));
	json_object_set_new(info, "ContainersStopped", json_integer(n / 10));
	table_put("/info", info);
	json_decref(info);
	json_t *networks = load_fixture(dir, "networks.json");
	table_put("/networks", networks);
	json_decref(networks);
	table_put_raw("/_ping", 200, "OK", "OK");
	static const char *const swarm_paths[] = { "/swarm", "/nodes", "/services", "/secrets", "/configs", "/tasks" };
	for (size_t i = 0; i < sizeof(swarm_paths) / sizeof(swarm_paths[0]); i++)
		table_put_raw(swarm_paths[i], 503, "Service Unavailable",
			      "{\"message\":\"This node is not a swarm manager. Use \\\"docker swarm init\\\" or \\\"docker swarm join\\\" to connect this node to swarm and try again.\"}");

	json_t *summaries = load_fixture(dir, "containers_json.json");
	json_t *base_summary = json_array_get(summaries, 0);
	/* the recorded inspects are the templates, in turn */
	json_t *bases[8];
	size_t n_bases = 0;
	size_t i;
	json_t *e;
	json_array_foreach(summaries, i, e) {
		const char *id = json_string_value(json_object_get(e, "Id"));
		if (!id || n_bases == 8)
			continue;
		/* stopped containers in the list were not recorded: skip them */
		char name[160], path[4096];
		snprintf(name, sizeof(name), "containers_%s_json.json", id);
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		if (access(path, R_OK) != 0)
			continue;
		if (n_bases == 0)
			base_summary = e;
		bases[n_bases++] = load_fixture(dir, name);
	}
	if (n_bases == 0) {
		fprintf(stderr, "replay_engine: no recorded inspect in %s\n", dir);
		exit(1);
	}
	make_images(n);

	unsigned n_stopped = n / 10;
	json_t *running = json_array();
	json_t *all = json_array();
	size_t inspect_bytes = 0;
	for (unsigned k = 0; k < n + n_stopped; k++) {
		bool is_running = k < n;
		char id[65], exec_id[65], key[256];
		const struct image *img;
		bool has_exec;
		json_t *d = make_inspect(bases[k % n_bases], k, is_running, id, &img, &has_exec, exec_id);
		char *s = json_dumps(d, JSON_COMPACT);
		inspect_bytes += strlen(s);
		snprintf(key, sizeof(key), "/containers/%s/json", id);
		table_put_raw(key, 200, "OK", s);
		free(s);
		json_t *sum = make_summary(d, base_summary);
		json_array_append(all, sum);
		if (is_running) {
			json_array_append(running, sum);
			json_t *top = make_top(app_names[k % N_APPS], k);
			snprintf(key, sizeof(key), "/containers/%s/top", id);
			table_put(key, top);
			json_decref(top);
		} else {
			snprintf(key, sizeof(key), "/containers/%s/top", id);
			char msg[256];
			snprintf(msg, sizeof(msg), "{\"message\":\"Container %s is not running\"}", id);
			table_put_raw(key, 409, "Conflict", msg);
		}
		if (has_exec) {
			json_t *ex = json_pack("{s:s,s:b,s:b,s:b,s:b,s:b,s:s,s:i,s:{s:b,s:s,s:s,s:[s],s:b},s:b,s:b,s:i}",
				"ID", exec_id, "Running", 0, "OpenStdin", 0, "OpenStderr", 1, "OpenStdout", 1,
				"CanRemove", 0, "ContainerID", id, "DetachKeys", 0,
				"ProcessConfig", "privileged", rng_pct(30), "user", "", "entrypoint", "sh", "arguments", "-c", "tty", 0,
				"OpenStdin", 0, "OpenStdout", 1, "Pid", 0);
			json_object_set_new(ex, "DetachKeys", json_string(""));
			json_object_set_new(ex, "ExitCode", json_integer(0));
			snprintf(key, sizeof(key), "/exec/%s/json", exec_id);
			table_put(key, ex);
			json_decref(ex);
		}
		json_decref(sum);
		json_decref(d);
	}
	table_put("/containers/json", running);
	table_put("/containers/json?all=1", all);
	json_decref(running);
	json_decref(all);
	json_decref(summaries);
	for (size_t b = 0; b < n_bases; b++)
		json_decref(bases[b]);
	fprintf(stderr, "replay_engine: %u running + %u stopped containers, %u images, inspect %zu bytes on average, %zu MiB of responses\n",
		n, n_stopped, n_images, n + n_stopped ? inspect_bytes / (n + n_stopped) : 0,
		body_bytes / (1024 * 1024));
	const char *nf = "{\"message\":\"page not found\"}";
	not_found.bytes = http_bytes(404, "Not Found", nf, strlen(nf), &not_found.len);
}

/* ---- serving ---- */

struct conn {
	int fd;
	char in[REQ_MAX];
	size_t in_len;
	const struct response *out;   /* being written, or NULL */
	size_t out_off;
};

static unsigned long n_requests, n_connections;
static FILE *log_file;

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

/* "/v1.41/containers/ID/json?x" -> "/containers/ID/json" (the query kept
 * only for /containers/json, where ?all=1 matters); "/images/sha256:ID/..."
 * -> "/images/ID/...". Writes into out (size REQ_MAX). */
static size_t normalise(const char *path, size_t n, char *out)
{
	if (n > 3 && path[0] == '/' && path[1] == 'v' && path[2] >= '0' && path[2] <= '9') {
		size_t k = 2;
		while (k < n && path[k] != '/')
			k++;
		path += k;
		n -= k;
	}
	size_t o = 0;
	const char *q = memchr(path, '?', n);
	size_t plen = q ? (size_t)(q - path) : n;
	if (plen >= 8 && memcmp(path, "/images/", 8) == 0) {
		memcpy(out, "/images/", 8);
		o = 8;
		size_t k = 8;
		if (plen - k >= 7 && memcmp(path + k, "sha256:", 7) == 0)
			k += 7;
		else if (plen - k >= 9 && strncasecmp(path + k, "sha256%3A", 9) == 0)
			k += 9;
		/* references arrive percent-encoded ("app%3A1.0"): decode */
		for (; k < plen; k++) {
			int hi, lo;
			if (path[k] == '%' && k + 2 < plen && (hi = hexval(path[k + 1])) >= 0 &&
			    (lo = hexval(path[k + 2])) >= 0) {
				out[o++] = (char)(hi * 16 + lo);
				k += 2;
			} else
				out[o++] = path[k];
		}
	} else {
		memcpy(out, path, plen);
		o = plen;
	}
	if (q && plen == 16 && memcmp(path, "/containers/json", 16) == 0) {
		const char *qs = q + 1;
		size_t qn = n - plen - 1;
		/* all=1 or all=true anywhere in the query */
		for (size_t k = 0; k + 5 <= qn; k++)
			if ((k == 0 || qs[k - 1] == '&') && memcmp(qs + k, "all=", 4) == 0 &&
			    (qs[k + 4] == '1' || qs[k + 4] == 't')) {
				memcpy(out + o, "?all=1", 6);
				o += 6;
				break;
			}
	}
	out[o] = '\0';
	return o;
}

/* Takes one complete request from c->in, if there is one, and points
 * c->out at its answer.  Returns false when the request is malformed. */
static bool next_request(struct conn *c)
{
	char *end = memmem(c->in, c->in_len, "\r\n\r\n", 4);
	if (!end)
		return true;
	size_t req_len = (size_t)(end - c->in) + 4;
	char *sp1 = memchr(c->in, ' ', req_len);
	char *sp2 = sp1 ? memchr(sp1 + 1, ' ', req_len - (size_t)(sp1 + 1 - c->in)) : NULL;
	if (!sp2)
		return false;
	char key[REQ_MAX];
	size_t kn = normalise(sp1 + 1, (size_t)(sp2 - sp1 - 1), key);
	if (log_file) {
		fwrite(sp1 + 1, 1, (size_t)(sp2 - sp1 - 1), log_file);
		fputc('\n', log_file);
	}
	const struct response *r = table_get(key, kn);
	c->out = r ? r : &not_found;
	c->out_off = 0;
	n_requests++;
	memmove(c->in, c->in + req_len, c->in_len - req_len);
	c->in_len -= req_len;
	return true;
}

static void conn_close(int ep, struct conn *c)
{
	epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
	close(c->fd);
	free(c);
}

/* Reads, answers and writes as far as the socket allows.  Returns false
 * when the connection is done. */
static bool conn_service(int ep, struct conn *c)
{
	for (;;) {
		if (c->out) {
			while (c->out_off < c->out->len) {
				ssize_t w = send(c->fd, c->out->bytes + c->out_off, c->out->len - c->out_off, MSG_NOSIGNAL);
				if (w < 0) {
					if (errno == EINTR)
						continue;
					if (errno == EAGAIN) {
						struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT, .data.ptr = c };
						epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
						return true;
					}
					return false;
				}
				c->out_off += (size_t)w;
			}
			c->out = NULL;
			struct epoll_event ev = { .events = EPOLLIN, .data.ptr = c };
			epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
		}
		if (!next_request(c))
			return false;
		if (c->out)
			continue;
		if (c->in_len == sizeof(c->in))
			return false;          /* a request larger than we accept */
		ssize_t r = recv(c->fd, c->in + c->in_len, sizeof(c->in) - c->in_len, 0);
		if (r == 0)
			return false;
		if (r < 0)
			return errno == EAGAIN || errno == EINTR;
		c->in_len += (size_t)r;
	}
}

int main(int argc, char **argv)
{
	long lifetime = 120;
	const char *pidfile = NULL, *logpath = NULL;
	uint64_t seed = 42;
	int opt;
	while ((opt = getopt(argc, argv, "t:p:l:s:")) != -1) {
		switch (opt) {
		case 't':
			lifetime = atol(optarg);
			break;
		case 'p':
			pidfile = optarg;
			break;
		case 'l':
			logpath = optarg;
			break;
		case 's':
			seed = strtoull(optarg, NULL, 10);
			break;
		default:
			goto usage;
		}
	}
	if (argc - optind != 3) {
usage:
		fprintf(stderr, "usage: replay_engine [-t SECONDS] [-p PIDFILE] [-l LOGFILE] [-s SEED] SOCKET N FIXTURE_DIR\n");
		return 2;
	}
	if (lifetime < 1 || lifetime > 3600)
		lifetime = 3600;
	const char *sock_path = argv[optind];
	long n = atol(argv[optind + 1]);
	if (n < 0 || n > 1000000) {
		fprintf(stderr, "replay_engine: N must be 0..1000000\n");
		return 2;
	}
	rng_state = seed;
	generate(argv[optind + 2], (unsigned)n);

	if (logpath) {
		log_file = fopen(logpath, "w");
		if (!log_file)
			die(logpath);
	}
	struct sigaction sa = { .sa_handler = on_signal };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	int lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (lfd < 0)
		die("socket");
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	if (strlen(sock_path) >= sizeof(sun.sun_path)) {
		fprintf(stderr, "replay_engine: socket path too long\n");
		return 2;
	}
	strcpy(sun.sun_path, sock_path);
	unlink(sock_path);
	if (bind(lfd, (struct sockaddr *)&sun, sizeof(sun)) < 0)
		die("bind");
	if (listen(lfd, 128) < 0)
		die("listen");
	int ep = epoll_create1(EPOLL_CLOEXEC);
	if (ep < 0)
		die("epoll_create1");
	struct epoll_event lev = { .events = EPOLLIN, .data.ptr = NULL };
	epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &lev);
	if (pidfile) {
		FILE *f = fopen(pidfile, "w");
		if (f) {
			fprintf(f, "%ld\n", (long)getpid());
			fclose(f);
		}
	}

	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!stop) {
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - t0.tv_sec >= lifetime)
			break;
		struct epoll_event evs[MAX_EVENTS];
		int k = epoll_wait(ep, evs, MAX_EVENTS, 500);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			die("epoll_wait");
		}
		for (int i = 0; i < k; i++) {
			struct conn *c = evs[i].data.ptr;
			if (!c) {
				int fd;
				while ((fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
					struct conn *nc = calloc(1, sizeof(*nc));
					if (!nc) {
						close(fd);
						continue;
					}
					nc->fd = fd;
					n_connections++;
					struct epoll_event ev = { .events = EPOLLIN, .data.ptr = nc };
					epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
				}
				continue;
			}
			if (!conn_service(ep, c))
				conn_close(ep, c);
		}
	}
	if (log_file)
		fclose(log_file);
	unlink(sock_path);
	fprintf(stderr, "replay_engine: served %lu requests on %lu connections\n", n_requests, n_connections);
	return 0;
}
