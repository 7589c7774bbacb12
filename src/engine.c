/* engine.c - the Docker Engine API client and the "engine.*" collector. */
#include "engine.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "collect.h"
#include "facts.h"
#include "util.h"

/* How much of an engine's error message goes into a facts "error". */
#define ENGINE_MESSAGE_MAX 200

struct engine_client {
	CURL *curl;                  /* one easy handle: curl keeps its connection alive */
	struct engine_endpoint ep;
	char *host;                  /* as given, for messages */
	double timeout;              /* seconds */
	double deadline;             /* CLOCK_MONOTONIC seconds */
	char api_version[16];        /* "" until negotiated */
	long last_status;
	unsigned long requests;      /* sent so far */
	struct buf body;
	char errbuf[CURL_ERROR_SIZE];
};

static double monotonic_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Sanitises hostile text into one line of at most `max` bytes, cut on a
 * character boundary, with "..." when cut. */
static char *text_clip(const char *s, size_t len, size_t max)
{
	char *raw = xstrndup(s, len);
	char *clean = utf8_sanitize_line(raw);
	free(raw);
	size_t n = strlen(clean);
	if (n <= max)
		return clean;
	while (n > max || (n > 0 && ((unsigned char)clean[n] & 0xC0) == 0x80))
		n--;
	char *out = xasprintf("%.*s...", (int)n, clean);
	free(clean);
	return out;
}

int engine_version_parse(const char *s, unsigned *ret_major, unsigned *ret_minor)
{
	unsigned v[2] = { 0, 0 };

	if (!s)
		return -EINVAL;
	for (int i = 0; i < 2; i++) {
		int digits = 0;
		while (*s >= '0' && *s <= '9') {
			if (++digits > 4)
				return -EINVAL;
			v[i] = v[i] * 10 + (unsigned)(*s - '0');
			s++;
		}
		if (digits == 0)
			return -EINVAL;
		if (i == 0 && *s++ != '.')
			return -EINVAL;
	}
	if (*s != '\0')
		return -EINVAL;
	if (ret_major)
		*ret_major = v[0];
	if (ret_minor)
		*ret_minor = v[1];
	return 0;
}

bool engine_id_valid(const char *id)
{
	size_t n = 0;

	if (!id)
		return false;
	for (; id[n]; n++) {
		char c = id[n];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
			return false;
	}
	return n >= 1 && n <= 128;
}

bool engine_image_ref_valid(const char *ref)
{
	size_t n = 0;

	if (!ref)
		return false;
	for (; ref[n]; n++) {
		char c = ref[n];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      c == '.' || c == '_' || c == '/' || c == ':' || c == '@' || c == '-'))
			return false;
	}
	/* No reference grammar allows these; refusing them keeps path tricks
	 * out even after the engine decodes the escaped name. */
	return n >= 1 && n <= 512 && ref[0] != '/' && ref[n - 1] != '/' && !strstr(ref, "..") &&
	       !strstr(ref, "//");
}

char *engine_url_escape(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(s);
	char *out = xmalloc(3 * n + 1);
	char *o = out;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    c == '.' || c == '_' || c == '~' || c == '-') {
			*o++ = (char)c;
		} else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	*o = '\0';
	return out;
}

void engine_endpoint_done(struct engine_endpoint *ep)
{
	if (!ep)
		return;
	free(ep->socket_path);
	free(ep->base_url);
	ep->socket_path = ep->base_url = NULL;
}

/* host[:port] as it may appear in a URL: a name, IPv4, or [IPv6]. */
static bool host_port_valid(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++) {
		char c = *s;
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      c == '.' || c == '-' || c == ':' || c == '[' || c == ']' || c == '_'))
			return false;
	}
	return true;
}

int engine_endpoint_parse(const char *host, bool tls, struct engine_endpoint *ret_ep,
			  char **ret_error)
{
	struct engine_endpoint ep = { false, NULL, NULL };

	if (!host || !*host) {
		*ret_error = xstrdup("empty Docker host");
		return -EINVAL;
	}
	if (strncmp(host, "unix://", 7) == 0 || host[0] == '/') {
		const char *path = host[0] == '/' ? host : host + 7;
		if (path[0] != '/' || strlen(path) >= 108) {
			char *h = text_clip(host, strlen(host), 120);
			*ret_error = xasprintf("invalid unix socket address '%s'", h);
			free(h);
			return -EINVAL;
		}
		ep.is_unix = true;
		ep.socket_path = xstrdup(path);
		ep.base_url = xstrdup("http://localhost");
	} else if (strncmp(host, "tcp://", 6) == 0) {
		const char *hp = host + 6;
		size_t n = strcspn(hp, "/?#");     /* a path after host:port is ignored */
		char *hostport = xstrndup(hp, n);
		if (!host_port_valid(hostport)) {
			char *h = text_clip(host, strlen(host), 120);
			*ret_error = xasprintf("invalid tcp address '%s'", h);
			free(h);
			free(hostport);
			return -EINVAL;
		}
		/* A port is present when the text after the last ':' is all digits
		 * and that ':' is not inside an IPv6 literal. */
		const char *colon = strrchr(hostport, ':');
		const char *bracket = strrchr(hostport, ']');
		bool has_port = colon && (!bracket || colon > bracket) && colon[1] &&
				strspn(colon + 1, "0123456789") == strlen(colon + 1);
		ep.base_url = xasprintf("%s://%s%s", tls ? "https" : "http", hostport,
					has_port ? "" : (tls ? ":2376" : ":2375"));
		free(hostport);
	} else {
		char *h = text_clip(host, strlen(host), 120);
		*ret_error = xasprintf("unsupported Docker host '%s' (use unix:// or tcp://)", h);
		free(h);
		return -EINVAL;
	}
	*ret_ep = ep;
	return 0;
}

static size_t on_body(char *p, size_t size, size_t nmemb, void *userdata)
{
	struct buf *b = userdata;
	size_t n = size * nmemb;
	/* Returning less than n aborts the transfer with CURLE_WRITE_ERROR;
	 * b->overflow tells why. */
	if (buf_append(b, p, n) < 0)
		return 0;
	return n;
}

static bool curl_ready;

static void tls_file(CURL *curl, CURLoption opt, const char *dir, const char *name)
{
	char *p = xasprintf("%s/%s", dir, name);
	if (access(p, R_OK) == 0)
		curl_easy_setopt(curl, opt, p);    /* curl copies the string */
	free(p);
}

int engine_open(const struct engine_options *opts, struct engine_client **ret_client,
		char **ret_error)
{
	const char *host = opts->host ? opts->host : ENGINE_DEFAULT_HOST;
	bool tls = opts->tls_verify || opts->cert_path;
	struct engine_endpoint ep;

	int r = engine_endpoint_parse(host, tls, &ep, ret_error);
	if (r < 0)
		return r;
	if (!curl_ready) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			engine_endpoint_done(&ep);
			*ret_error = xstrdup("cannot initialise libcurl");
			return -ENOMEM;
		}
		curl_ready = true;
	}
	CURL *curl = curl_easy_init();
	if (!curl) {
		engine_endpoint_done(&ep);
		*ret_error = xstrdup("cannot initialise libcurl");
		return -ENOMEM;
	}

	struct engine_client *c = xcalloc(1, sizeof(*c));
	c->curl = curl;
	c->ep = ep;
	c->host = xstrdup(host);
	c->timeout = opts->timeout > 0 ? opts->timeout : ENGINE_DEFAULT_TIMEOUT;
	c->deadline = monotonic_now() + c->timeout;

	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, c->errbuf);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &c->body);
	curl_easy_setopt(curl, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
	curl_easy_setopt(curl, CURLOPT_USERAGENT, "dockaudit/" DOCKAUDIT_VERSION);
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
	/* The engine is addressed directly: an http_proxy in the environment
	 * must not see (or answer for) it. */
	curl_easy_setopt(curl, CURLOPT_PROXY, "");
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	if (ep.is_unix)
		curl_easy_setopt(curl, CURLOPT_UNIX_SOCKET_PATH, ep.socket_path);
	if (tls) {
		if (opts->cert_path) {
			tls_file(curl, CURLOPT_CAINFO, opts->cert_path, "ca.pem");
			tls_file(curl, CURLOPT_SSLCERT, opts->cert_path, "cert.pem");
			tls_file(curl, CURLOPT_SSLKEY, opts->cert_path, "key.pem");
		}
		curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, opts->tls_verify ? 1L : 0L);
		curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, opts->tls_verify ? 2L : 0L);
	}
	*ret_client = c;
	return 0;
}

void engine_close(struct engine_client *c)
{
	if (!c)
		return;
	curl_easy_cleanup(c->curl);
	engine_endpoint_done(&c->ep);
	buf_free(&c->body);
	free(c->host);
	free(c);
}

const char *engine_api_version(const struct engine_client *c)
{
	return c->api_version[0] ? c->api_version : NULL;
}

long engine_last_http_status(const struct engine_client *c)
{
	return c->last_status;
}

unsigned long engine_request_count(const struct engine_client *c)
{
	return c->requests;
}

static char *timeout_message(const struct engine_client *c)
{
	return xasprintf("timed out after %g s", c->timeout);
}

/* The message of an HTTP error: the engine's {"message": ...} when the
 * body has one, else the body itself, clipped. */
static char *http_error_message(long status, const struct buf *body)
{
	char *msg = NULL;
	if (body->len > 0) {
		json_t *j = json_loadb(body->data, body->len, 0, NULL);
		const char *m = json_string_value(json_object_get(j, "message"));
		if (m)
			msg = text_clip(m, strlen(m), ENGINE_MESSAGE_MAX);
		else
			msg = text_clip(body->data, body->len, ENGINE_MESSAGE_MAX);
		json_decref(j);
	}
	char *out = msg && *msg ? xasprintf("HTTP %ld: %s", status, msg) : xasprintf("HTTP %ld", status);
	free(msg);
	return out;
}

static int transfer_error(struct engine_client *c, CURLcode res, size_t max_bytes,
			  char **ret_error)
{
	if (res == CURLE_OPERATION_TIMEDOUT) {
		*ret_error = timeout_message(c);
		return -ETIMEDOUT;
	}
	if ((res == CURLE_WRITE_ERROR && c->body.overflow) || res == CURLE_FILESIZE_EXCEEDED) {
		*ret_error = xasprintf("response larger than %zu MiB", max_bytes / (1024 * 1024));
		return -EFBIG;
	}
	char *host = text_clip(c->host, strlen(c->host), 120);
	int r;
	if (res == CURLE_COULDNT_CONNECT) {
		long os_errno = 0;
		curl_easy_getinfo(c->curl, CURLINFO_OS_ERRNO, &os_errno);
		if (os_errno <= 0)
			os_errno = ECONNREFUSED;
		*ret_error = xasprintf("cannot connect to '%s': %s", host, strerror((int)os_errno));
		r = -(int)os_errno;
	} else if (res == CURLE_COULDNT_RESOLVE_HOST) {
		*ret_error = xasprintf("cannot resolve '%s'", host);
		r = -EHOSTUNREACH;
	} else {
		const char *why = c->errbuf[0] ? c->errbuf : curl_easy_strerror(res);
		char *w = text_clip(why, strlen(why), ENGINE_MESSAGE_MAX);
		*ret_error = xasprintf("request to '%s' failed: %s", host, w);
		free(w);
		r = -EIO;
	}
	free(host);
	return r;
}

int engine_get_capped(struct engine_client *c, const char *path, size_t max_bytes, json_t **ret,
		      char **ret_error)
{
	if (!path || path[0] != '/' || strpbrk(path, " \t\r\n#")) {
		*ret_error = xstrdup("invalid request path");
		return -EINVAL;
	}
	double remaining = c->deadline - monotonic_now();
	/* CURLOPT_TIMEOUT_MS of 0 would mean "no timeout": below 1 ms we are out. */
	if (remaining < 0.001) {
		*ret_error = timeout_message(c);
		return -ETIMEDOUT;
	}
	long ms = (long)(remaining * 1000.0);
	if (ms < 1)
		ms = 1;

	char *url = c->api_version[0] ? xasprintf("%s/v%s%s", c->ep.base_url, c->api_version, path)
				      : xasprintf("%s%s", c->ep.base_url, path);
	buf_free(&c->body);
	c->body.max = max_bytes;
	c->body.overflow = false;
	c->errbuf[0] = '\0';
	c->last_status = 0;
	curl_easy_setopt(c->curl, CURLOPT_URL, url);
	curl_easy_setopt(c->curl, CURLOPT_TIMEOUT_MS, ms);
	curl_easy_setopt(c->curl, CURLOPT_CONNECTTIMEOUT_MS, ms);
	curl_easy_setopt(c->curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max_bytes);
	c->requests++;
	CURLcode res = curl_easy_perform(c->curl);
	free(url);

	int r;
	if (res != CURLE_OK) {
		r = transfer_error(c, res, max_bytes, ret_error);
		goto out;
	}
	long status = 0;
	curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &status);
	c->last_status = status;
	if (status < 200 || status > 299) {
		*ret_error = http_error_message(status, &c->body);
		r = status == 404 ? -ENOENT : -EIO;
		goto out;
	}
	json_error_t jerr;
	json_t *j = json_loadb(c->body.data ? c->body.data : "", c->body.len, JSON_DECODE_ANY, &jerr);
	if (!j) {
		char *why = text_clip(jerr.text, strlen(jerr.text), ENGINE_MESSAGE_MAX);
		*ret_error = xasprintf("response is not JSON (line %d, column %d: %s)", jerr.line,
				       jerr.column, why);
		free(why);
		r = -EPROTO;
		goto out;
	}
	*ret = j;
	r = 0;
out:
	/* Responses can be large: do not keep the memory between requests. */
	buf_free(&c->body);
	return r;
}

int engine_get(struct engine_client *c, const char *path, json_t **ret, char **ret_error)
{
	return engine_get_capped(c, path, ENGINE_MAX_RESPONSE, ret, ret_error);
}

int engine_negotiate(struct engine_client *c, json_t **ret_version, char **ret_error)
{
	json_t *v = NULL;
	char *err = NULL;

	c->api_version[0] = '\0';       /* /version is asked unversioned */
	int r = engine_get_capped(c, "/version", ENGINE_MAX_SMALL_RESPONSE, &v, &err);
	if (r == -EPROTO) {
		*ret_error = xasprintf("not a Docker Engine API: %s", err);
		free(err);
		return r;
	}
	if (r < 0) {
		*ret_error = err;
		return r;
	}
	const char *api = json_string_value(json_object_get(v, "ApiVersion"));
	unsigned major, minor;
	if (!json_is_object(v)) {
		*ret_error = xstrdup("not a Docker Engine API: /version is not a JSON object");
		r = -EPROTO;
	} else if (!api) {
		*ret_error = xstrdup("not a Docker Engine API: /version has no ApiVersion");
		r = -EPROTO;
	} else if (engine_version_parse(api, &major, &minor) < 0) {
		char *a = text_clip(api, strlen(api), 40);
		*ret_error = xasprintf("not a Docker Engine API: ApiVersion '%s' is not a version", a);
		free(a);
		r = -EPROTO;
	}
	if (r < 0) {
		json_decref(v);
		return r;
	}
	if (major > ENGINE_MAX_API_MAJOR ||
	    (major == ENGINE_MAX_API_MAJOR && minor > ENGINE_MAX_API_MINOR)) {
		major = ENGINE_MAX_API_MAJOR;
		minor = ENGINE_MAX_API_MINOR;
	}
	snprintf(c->api_version, sizeof(c->api_version), "%u.%u", major, minor);
	if (ret_version)
		*ret_version = v;
	else
		json_decref(v);
	return 0;
}

/* ---- the collector (the per-endpoint part is in engine_collect.c) ---- */

static json_t *engine_failed(const char *endpoint, bool absent, const char *msg)
{
	json_t *e = absent ? source_new_absent(msg) : source_new_error("%s", msg);
	json_object_set_new(e, "endpoint", json_string(endpoint));
	return e;
}

static json_t *collect_engine_json(const struct collect_options *opts, const char *default_socket)
{
	const char *host = opts->docker_host;
	bool explicit_host = host && opts->docker_host_explicit;
	char *default_host = NULL;

	if (!host) {
		/* collect.h: NULL means DOCKER_HOST, else the default socket. */
		const char *env = getenv("DOCKER_HOST");
		if (env && *env) {
			host = env;
			explicit_host = true;
		}
	}
	if (!host) {
		default_host = xasprintf("unix://%s", default_socket);
		host = default_host;
	}
	char *endpoint = text_clip(host, strlen(host), 200);
	json_t *engine = NULL;
	struct engine_client *c = NULL;
	char *err = NULL;

	if (opts->skip_engine) {
		engine = engine_failed(endpoint, true, "engine not contacted (skipped on request)");
		goto out;
	}

	struct engine_options eo = {
		.host = host,
		.cert_path = opts->cert_path,
		.tls_verify = opts->tls_verify,
		.timeout = opts->timeout,
	};
	if (engine_open(&eo, &c, &err) < 0) {
		engine = engine_failed(endpoint, false, err);
		goto out;
	}
	if (c->ep.is_unix) {
		struct stat st;
		/* No socket at the default path simply means no engine here; at a
		 * path the user named it is an error. */
		if (stat(c->ep.socket_path, &st) < 0 && errno == ENOENT) {
			char *msg = xasprintf("no Docker engine socket at %s", c->ep.socket_path);
			engine = engine_failed(endpoint, !explicit_host, msg);
			free(msg);
			goto out;
		}
	}

	json_t *version = NULL;
	if (engine_negotiate(c, &version, &err) < 0) {
		engine = engine_failed(endpoint, false, err);
		goto out;
	}
	engine = source_new_ok();
	json_object_set_new(engine, "endpoint", json_string(endpoint));
	json_object_set_new(engine, "api_version", json_string(engine_api_version(c)));
	/* engine_negotiate() checked that it is an object. */
	json_object_set_new(version, "status", json_string("ok"));
	json_object_set_new(engine, "version", version);
	engine_collect_sources(c, opts, engine);
	json_object_set_new(engine, "requests", json_integer((json_int_t)engine_request_count(c)));
out:
	engine_close(c);
	free(err);
	free(endpoint);
	free(default_host);
	return engine;
}

void engine_collect_with_default(struct facts *f, const struct collect_options *opts,
				 const char *default_socket)
{
	json_t *engine = collect_engine_json(opts, default_socket);
	json_object_set_new(f->root, "engine", engine);
}

void collect_engine(struct facts *f, const struct collect_options *opts)
{
	engine_collect_with_default(f, opts, ENGINE_DEFAULT_SOCKET);
}
