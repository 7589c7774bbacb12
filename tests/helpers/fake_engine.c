/* fake_engine.c - a tiny HTTP/1.1 server on a unix socket that replays
 * canned Engine API responses, and misbehaves on request, for tests.
 *
 * Usage: fake_engine [-t SECONDS] [-p PIDFILE] [-c COUNTFILE] [-l LOGFILE]
 *                    [-d DELAY_MS] [-k] SOCKET DIR MODE[:PATH]
 *
 * A request "GET /v1.41/containers/abc/json?x=1" is answered from
 * DIR/containers_abc_json.json (version prefix and query dropped, %XX
 * decoded, then '/', ':' and '@' to underscores); 404 with an Engine-style {"message":...} when there is
 * no such file.  DIR/NAME.json.status, when present, holds the HTTP status
 * to answer with instead of 200.
 *
 * MODE: normal, hang (read the request, never answer), garbage (200 with a
 * non-JSON body), close (send half the body, then close), huge (stream a
 * 100 MiB JSON array), slow (wait DELAY_MS, default 1000, before each
 * answer).  With ":PATH" (unversioned, e.g. "huge:/networks") the mode
 * applies to that path only and every other request is served normally.
 *
 * The server forks a child per connection, counts accepted connections
 * (rewritten to COUNTFILE after each accept, printed on exit), appends each
 * request line to LOGFILE, writes PIDFILE once it listens, and exits by
 * itself after SECONDS (default 30, at most 600); children too.  -k sends
 * bodies chunked, as dockerd does for lists.  Only a unix socket is used. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define REQUEST_MAX 16384
#define FILE_MAX (32 * 1024 * 1024)
#define HUGE_BYTES (100L * 1024 * 1024)

struct config {
	const char *socket_path;
	const char *dir;
	char mode[16];
	const char *mode_path;     /* NULL: every request */
	const char *log_path;
	long delay_ms;
	bool chunked;
};

static volatile sig_atomic_t stop;

static void on_alarm(int sig)
{
	(void)sig;
	stop = 1;
}

static int write_all(int fd, const void *p, size_t n)
{
	const char *s = p;
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0) {
			if (errno == EINTR && !stop)
				continue;
			return -1;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR && !stop)
		;
}

static void write_file(const char *path, const char *text)
{
	if (!path)
		return;
	char tmp[4096];
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	if (!f)
		return;
	fputs(text, f);
	fclose(f);
	rename(tmp, path);
}

static void log_request(const struct config *cfg, const char *line)
{
	if (!cfg->log_path)
		return;
	int fd = open(cfg->log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	char out[2048];
	int n = snprintf(out, sizeof(out), "%s\n", line);
	if (n > 0)
		write_all(fd, out, (size_t)n < sizeof(out) ? (size_t)n : sizeof(out) - 1);
	close(fd);
}

/* Reads the whole of a small file (at most FILE_MAX bytes); NULL when
 * missing.  Sized by fstat: a big allocation per request would dominate the
 * replay time of thousands of requests (and more so under ASan). */
static char *read_file(const char *path, size_t *ret_len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	size_t want = FILE_MAX;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size < FILE_MAX)
		want = (size_t)st.st_size;
	char *data = malloc(want + 1);
	size_t len = 0;
	ssize_t n;
	while (data && len < want && (n = read(fd, data + len, want - len)) > 0)
		len += (size_t)n;
	close(fd);
	*ret_len = len;
	return data;
}

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 400: return "Bad Request";
	case 404: return "Not Found";
	case 500: return "Internal Server Error";
	default: return "Status";
	}
}

static int send_response(const struct config *cfg, int fd, int status, const char *body,
			 size_t len, size_t send_len)
{
	char head[512];
	int n;
	if (cfg->chunked)
		n = snprintf(head, sizeof(head),
			     "HTTP/1.1 %d %s\r\nApi-Version: 1.41\r\nContent-Type: application/json\r\n"
			     "Server: fake-engine\r\nTransfer-Encoding: chunked\r\n\r\n%zx\r\n",
			     status, reason(status), len);
	else
		n = snprintf(head, sizeof(head),
			     "HTTP/1.1 %d %s\r\nApi-Version: 1.41\r\nContent-Type: application/json\r\n"
			     "Server: fake-engine\r\nContent-Length: %zu\r\n\r\n",
			     status, reason(status), len);
	if (write_all(fd, head, (size_t)n) < 0 || write_all(fd, body, send_len) < 0)
		return -1;
	if (cfg->chunked && send_len == len && len > 0)
		return write_all(fd, "\r\n0\r\n\r\n", 7);
	if (cfg->chunked && len == 0)
		return write_all(fd, "\r\n", 2);
	return 0;
}

static int send_huge(int fd)
{
	const char *head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
			   "Transfer-Encoding: chunked\r\n\r\n";
	if (write_all(fd, head, strlen(head)) < 0)
		return -1;
	static char chunk[65536];
	memset(chunk, ' ', sizeof(chunk));
	chunk[0] = '[';
	char size[32];
	int n = snprintf(size, sizeof(size), "%zx\r\n", sizeof(chunk));
	for (long sent = 0; sent < HUGE_BYTES && !stop; sent += (long)sizeof(chunk)) {
		if (write_all(fd, size, (size_t)n) < 0 || write_all(fd, chunk, sizeof(chunk)) < 0 ||
		    write_all(fd, "\r\n", 2) < 0)
			return -1;
		chunk[0] = ' ';
	}
	return write_all(fd, "1\r\n]\r\n0\r\n\r\n", 11);
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* "/v1.41/containers/abc/json?all=1" -> "containers_abc_json".  %XX escapes
 * are decoded first, as dockerd does ("/images/a%2Fb%3A1/json" ->
 * "images_a_b_1_json": '/', ':' and '@' become '_').  NULL when the decoded
 * path holds anything else but [A-Za-z0-9._-] or "..". */
static char *map_path(const char *target, char *unversioned, size_t ulen)
{
	const char *p = target;
	if (p[0] == '/' && p[1] == 'v' && p[2] >= '0' && p[2] <= '9') {
		const char *slash = strchr(p + 1, '/');
		p = slash ? slash : "/";
	}
	size_t n = strcspn(p, "?");
	if (n == 0 || n >= ulen || p[0] != '/')
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '%' && i + 2 < n && hex_value(p[i + 1]) >= 0 && hex_value(p[i + 2]) >= 0) {
			char c = (char)(hex_value(p[i + 1]) * 16 + hex_value(p[i + 2]));
			if (c == '\0')
				return NULL;
			unversioned[o++] = c;
			i += 2;
		} else
			unversioned[o++] = p[i];
	}
	unversioned[o] = '\0';
	if (strstr(unversioned, ".."))
		return NULL;
	char *name = strdup(unversioned + 1);
	for (char *c = name; *c; c++) {
		if (*c == '/' || *c == ':' || *c == '@')
			*c = '_';
		else if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
			   (*c >= '0' && *c <= '9') || *c == '.' || *c == '-' || *c == '_')) {
			free(name);
			return NULL;
		}
	}
	return name;
}

static int serve_request(const struct config *cfg, int fd, const char *target)
{
	char unversioned[1024];
	char *name = map_path(target, unversioned, sizeof(unversioned));
	if (!name) {
		const char *msg = "{\"message\":\"bad request path\"}\n";
		return send_response(cfg, fd, 400, msg, strlen(msg), strlen(msg));
	}
	bool misbehave = !cfg->mode_path || strcmp(cfg->mode_path, unversioned) == 0;
	const char *mode = misbehave ? cfg->mode : "normal";

	if (strcmp(mode, "hang") == 0) {
		free(name);
		while (!stop)
			pause();
		return -1;
	}
	if (strcmp(mode, "huge") == 0) {
		free(name);
		return send_huge(fd);
	}
	if (strcmp(mode, "garbage") == 0) {
		free(name);
		const char *g = "<html><body>It works!</body></html>\n";
		return send_response(cfg, fd, 200, g, strlen(g), strlen(g));
	}
	if (strcmp(mode, "slow") == 0)
		sleep_ms(cfg->delay_ms);

	char path[4096];
	snprintf(path, sizeof(path), "%s/%s.json", cfg->dir, name);
	size_t len = 0;
	char *body = read_file(path, &len);
	int status = 200;
	char stpath[4200];
	snprintf(stpath, sizeof(stpath), "%s.status", path);
	size_t slen = 0;
	char *st = read_file(stpath, &slen);
	if (st) {
		st[slen < 15 ? slen : 15] = '\0';
		status = atoi(st);
		free(st);
	}
	int r;
	if (!body) {
		char msg[1400];
		if (strncmp(unversioned, "/containers/", 12) == 0) {
			const char *id = unversioned + 12;
			int idlen = (int)strcspn(id, "/");
			snprintf(msg, sizeof(msg), "{\"message\":\"No such container: %.*s\"}\n", idlen, id);
		} else if (strncmp(unversioned, "/images/", 8) == 0) {
			const char *ref = unversioned + 8;
			const char *last = strrchr(ref, '/');   /* without "/json" or "/history" */
			int rlen = (int)(last ? (size_t)(last - ref) : strlen(ref));
			snprintf(msg, sizeof(msg), "{\"message\":\"No such image: %.*s\"}\n", rlen, ref);
		} else if (strncmp(unversioned, "/exec/", 6) == 0) {
			snprintf(msg, sizeof(msg), "{\"message\":\"No such exec instance: %.*s\"}\n",
				 (int)strcspn(unversioned + 6, "/"), unversioned + 6);
		} else
			snprintf(msg, sizeof(msg), "{\"message\":\"page not found\"}\n");
		r = send_response(cfg, fd, 404, msg, strlen(msg), strlen(msg));
	} else if (strcmp(mode, "close") == 0) {
		r = send_response(cfg, fd, status, body, len, len / 2);
		r = -1;          /* and close */
	} else
		r = send_response(cfg, fd, status, body, len, len);
	free(body);
	free(name);
	return r;
}

/* Serves keep-alive requests on one connection until the peer closes. */
static void serve_connection(const struct config *cfg, int fd)
{
	char req[REQUEST_MAX + 1];
	size_t have = 0;

	for (;;) {
		char *end;
		req[have] = '\0';
		while (!(end = strstr(req, "\r\n\r\n"))) {
			if (have >= REQUEST_MAX || stop)
				return;
			ssize_t n = read(fd, req + have, REQUEST_MAX - have);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				return;
			have += (size_t)n;
			req[have] = '\0';
		}
		size_t used = (size_t)(end + 4 - req);
		char line[1200];
		size_t ll = strcspn(req, "\r\n");
		if (ll >= sizeof(line))
			ll = sizeof(line) - 1;
		memcpy(line, req, ll);
		line[ll] = '\0';
		log_request(cfg, line);

		char method[16], target[1100];
		if (sscanf(line, "%15s %1099s", method, target) != 2 || strcmp(method, "GET") != 0)
			return;
		if (serve_request(cfg, fd, target) < 0)
			return;
		memmove(req, req + used, have - used);
		have -= used;
	}
}

int main(int argc, char **argv)
{
	struct config cfg = { .delay_ms = 1000 };
	long lifetime = 30;
	const char *pidfile = NULL, *countfile = NULL;
	int opt;

	while ((opt = getopt(argc, argv, "t:p:c:l:d:k")) != -1) {
		switch (opt) {
		case 't': lifetime = atol(optarg); break;
		case 'p': pidfile = optarg; break;
		case 'c': countfile = optarg; break;
		case 'l': cfg.log_path = optarg; break;
		case 'd': cfg.delay_ms = atol(optarg); break;
		case 'k': cfg.chunked = true; break;
		default: goto usage;
		}
	}
	if (argc - optind != 3)
		goto usage;
	if (lifetime < 1 || lifetime > 600)
		lifetime = 30;
	cfg.socket_path = argv[optind];
	cfg.dir = argv[optind + 1];
	snprintf(cfg.mode, sizeof(cfg.mode), "%.*s", (int)strcspn(argv[optind + 2], ":"),
		 argv[optind + 2]);
	const char *colon = strchr(argv[optind + 2], ':');
	cfg.mode_path = colon ? colon + 1 : NULL;
	const char *modes[] = { "normal", "hang", "garbage", "close", "huge", "slow" };
	bool known = false;
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		known |= strcmp(cfg.mode, modes[i]) == 0;
	if (!known)
		goto usage;

	setpgid(0, 0);      /* own group, so the children can be stopped together */
	struct sigaction sa = { .sa_handler = on_alarm };  /* no SA_RESTART: accept() returns */
	sigaction(SIGALRM, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGCHLD, SIG_IGN);   /* children are reaped by the kernel */

	int lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	if (lfd < 0 || strlen(cfg.socket_path) >= sizeof(sun.sun_path)) {
		fprintf(stderr, "fake_engine: bad socket\n");
		return 2;
	}
	strcpy(sun.sun_path, cfg.socket_path);
	unlink(cfg.socket_path);
	if (bind(lfd, (struct sockaddr *)&sun, sizeof(sun)) < 0 || listen(lfd, 16) < 0) {
		fprintf(stderr, "fake_engine: cannot listen on %s: %s\n", cfg.socket_path,
			strerror(errno));
		return 2;
	}
	time_t end = time(NULL) + lifetime;
	alarm((unsigned)lifetime);
	char pidtext[32];
	snprintf(pidtext, sizeof(pidtext), "%ld\n", (long)getpid());
	write_file(countfile, "0\n");
	write_file(pidfile, pidtext);

	long count = 0;
	while (!stop) {
		int cfd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
		if (cfd < 0)
			continue;
		count++;
		char ct[32];
		snprintf(ct, sizeof(ct), "%ld\n", count);
		write_file(countfile, ct);
		pid_t pid = fork();
		if (pid == 0) {
			close(lfd);
			long left = (long)(end - time(NULL));
			alarm(left > 0 ? (unsigned)left : 1);
			serve_connection(&cfg, cfd);
			close(cfd);
			_exit(0);
		}
		close(cfd);
	}
	close(lfd);
	unlink(cfg.socket_path);
	/* Children in hang or slow mode would otherwise linger until their alarm. */
	kill(-getpid(), SIGTERM);
	printf("connections %ld\n", count);
	return 0;

usage:
	fprintf(stderr, "usage: fake_engine [-t SECONDS] [-p PIDFILE] [-c COUNTFILE] [-l LOGFILE] "
			"[-d DELAY_MS] [-k] SOCKET DIR normal|hang|garbage|close|huge|slow[:PATH]\n");
	return 2;
}
