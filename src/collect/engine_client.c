/* engine.c - the Docker Engine API client and the "engine.*" collector. */
#include "engine_client.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "inspect_prune.h"
#include "util.h"

/* How much of an engine's error message goes into a facts "error". */
#define ENGINE_MESSAGE_MAX 200

/* One GET: queued, then in flight on a transfer, then done until its
 * callback has run. */
struct engine_request {
	struct engine_request *next;
	char *url;
	size_t max_bytes;
	engine_parse_fn parse;       /* NULL: json_parse_skimmed(), as json_loadb(JSON_DECODE_ANY) */
	engine_done_fn done;
	engine_decode_fn decode;     /* instead of parse and done (engine_submit_decoded) */
	engine_decoded_fn decoded;
	void *arg;
	/* the outcome, set when the transfer ends */
	int rc;
	char *err;
	long status;
	struct buf body;
};

/* An easy handle of the pool; it keeps no connection of its own (the
 * multi handle's cache holds them, so any transfer reuses any idle one). */
struct engine_xfer {
	CURL *curl;
	struct engine_request *rq;   /* NULL when idle */
	char errbuf[CURL_ERROR_SIZE];
};

struct engine_client {
	CURLM *multi;                /* every transfer runs through it */
	struct engine_xfer *xfers;   /* `connections` easy handles */
	size_t n_xfers;
	size_t active;               /* transfers in flight */
	struct engine_request *queue, *queue_tail;   /* waiting, in order */
	struct engine_request *front;                /* last waiting one a callback queued */
	bool in_callback;
	struct engine_request *done, *done_tail;     /* ended, callback not yet run */
	bool running;                /* inside engine_run() */
	struct engine_endpoint ep;
	char *host;                  /* as given, for messages */
	double timeout;              /* seconds */
	double deadline;             /* CLOCK_MONOTONIC seconds */
	char api_version[16];        /* "" until negotiated */
	long last_status;
	unsigned long requests;      /* sent so far */
};

static double monotonic_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
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
			char *h = utf8_clip_line(host, strlen(host), 120);
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
			char *h = utf8_clip_line(host, strlen(host), 120);
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
		char *h = utf8_clip_line(host, strlen(host), 120);
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

static CURL *new_handle(const struct engine_options *opts, const struct engine_endpoint *ep,
			bool tls, struct engine_xfer *x)
{
	CURL *curl = curl_easy_init();
	if (!curl)
		return NULL;
	curl_easy_setopt(curl, CURLOPT_PRIVATE, x);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(curl, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
	curl_easy_setopt(curl, CURLOPT_USERAGENT, "dockaudit/" DOCKAUDIT_VERSION);
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
	/* The engine is addressed directly: an http_proxy in the environment
	 * must not see (or answer for) it. */
	curl_easy_setopt(curl, CURLOPT_PROXY, "");
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	if (ep->is_unix)
		curl_easy_setopt(curl, CURLOPT_UNIX_SOCKET_PATH, ep->socket_path);
	if (tls) {
		if (opts->cert_path) {
			tls_file(curl, CURLOPT_CAINFO, opts->cert_path, "ca.pem");
			tls_file(curl, CURLOPT_SSLCERT, opts->cert_path, "cert.pem");
			tls_file(curl, CURLOPT_SSLKEY, opts->cert_path, "key.pem");
		}
		curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, opts->tls_verify ? 1L : 0L);
		curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, opts->tls_verify ? 2L : 0L);
	}
	return curl;
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

	struct engine_client *c = xcalloc(1, sizeof(*c));
	c->ep = ep;
	c->host = xstrdup(host);
	c->timeout = opts->timeout > 0 ? opts->timeout : ENGINE_DEFAULT_TIMEOUT;
	c->deadline = monotonic_now() + c->timeout;
	long n = opts->connections > 0 ? opts->connections : ENGINE_DEFAULT_CONNECTIONS;
	if (n > ENGINE_MAX_CONNECTIONS)
		n = ENGINE_MAX_CONNECTIONS;
	c->n_xfers = (size_t)n;
	c->xfers = xcalloc(c->n_xfers, sizeof(*c->xfers));
	c->multi = curl_multi_init();
	bool ok = c->multi != NULL;
	for (size_t i = 0; ok && i < c->n_xfers; i++)
		ok = (c->xfers[i].curl = new_handle(opts, &c->ep, tls, &c->xfers[i])) != NULL;
	if (!ok) {
		engine_close(c);
		*ret_error = xstrdup("cannot initialise libcurl");
		return -ENOMEM;
	}
	/* At most n connections, all kept alive between transfers: with n = 1
	 * the whole conversation is one connection. */
	curl_multi_setopt(c->multi, CURLMOPT_MAX_HOST_CONNECTIONS, n);
	curl_multi_setopt(c->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, n);
	curl_multi_setopt(c->multi, CURLMOPT_MAXCONNECTS, n);
	*ret_client = c;
	return 0;
}

static void request_free(struct engine_request *rq)
{
	free(rq->url);
	free(rq->err);
	buf_free(&rq->body);
	free(rq);
}

static void request_list_free(struct engine_request *rq)
{
	while (rq) {
		struct engine_request *next = rq->next;
		request_free(rq);
		rq = next;
	}
}

void engine_close(struct engine_client *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n_xfers; i++) {
		struct engine_xfer *x = &c->xfers[i];
		if (x->rq) {
			curl_multi_remove_handle(c->multi, x->curl);
			request_free(x->rq);
		}
		if (x->curl)
			curl_easy_cleanup(x->curl);
	}
	/* After the easy handles: the multi handle closes the connections. */
	if (c->multi)
		curl_multi_cleanup(c->multi);
	request_list_free(c->queue);
	request_list_free(c->done);
	free(c->xfers);
	engine_endpoint_done(&c->ep);
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

size_t engine_connections(const struct engine_client *c)
{
	return c->n_xfers;
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
			msg = utf8_clip_line(m, strlen(m), ENGINE_MESSAGE_MAX);
		else
			msg = utf8_clip_line(body->data, body->len, ENGINE_MESSAGE_MAX);
		json_decref(j);
	}
	char *out = msg && *msg ? xasprintf("HTTP %ld: %s", status, msg) : xasprintf("HTTP %ld", status);
	free(msg);
	return out;
}

static int transfer_error(struct engine_client *c, struct engine_xfer *x, CURLcode res,
			  char **ret_error)
{
	struct engine_request *rq = x->rq;
	if (res == CURLE_OPERATION_TIMEDOUT) {
		*ret_error = timeout_message(c);
		return -ETIMEDOUT;
	}
	if ((res == CURLE_WRITE_ERROR && rq->body.overflow) || res == CURLE_FILESIZE_EXCEEDED) {
		*ret_error = xasprintf("response larger than %zu MiB", rq->max_bytes / (1024 * 1024));
		return -EFBIG;
	}
	char *host = utf8_clip_line(c->host, strlen(c->host), 120);
	int r;
	if (res == CURLE_COULDNT_CONNECT) {
		long os_errno = 0;
		curl_easy_getinfo(x->curl, CURLINFO_OS_ERRNO, &os_errno);
		if (os_errno <= 0)
			os_errno = ECONNREFUSED;
		*ret_error = xasprintf("cannot connect to '%s': %s", host, strerror((int)os_errno));
		r = -(int)os_errno;
	} else if (res == CURLE_COULDNT_RESOLVE_HOST) {
		*ret_error = xasprintf("cannot resolve '%s'", host);
		r = -EHOSTUNREACH;
	} else {
		const char *why = x->errbuf[0] ? x->errbuf : curl_easy_strerror(res);
		char *w = utf8_clip_line(why, strlen(why), ENGINE_MESSAGE_MAX);
		*ret_error = xasprintf("request to '%s' failed: %s", host, w);
		free(w);
		r = -EIO;
	}
	free(host);
	return r;
}

static void done_push(struct engine_client *c, struct engine_request *rq)
{
	rq->next = NULL;
	if (c->done_tail)
		c->done_tail->next = rq;
	else
		c->done = rq;
	c->done_tail = rq;
}

static void fail_now(struct engine_client *c, struct engine_request *rq, int rc, char *err)
{
	rq->rc = rc;
	rq->err = err;
	done_push(c, rq);
}

static void submit(struct engine_client *c, const char *path, struct engine_request *rq);

void engine_submit(struct engine_client *c, const char *path, size_t max_bytes,
		   engine_parse_fn parse, engine_done_fn done, void *arg)
{
	struct engine_request *rq = xcalloc(1, sizeof(*rq));
	rq->max_bytes = max_bytes;
	rq->parse = parse;
	rq->done = done;
	rq->arg = arg;
	submit(c, path, rq);
}

void engine_submit_decoded(struct engine_client *c, const char *path, size_t max_bytes,
			   engine_decode_fn decode, engine_decoded_fn done, void *arg)
{
	struct engine_request *rq = xcalloc(1, sizeof(*rq));
	rq->max_bytes = max_bytes;
	rq->decode = decode;
	rq->decoded = done;
	rq->arg = arg;
	submit(c, path, rq);
}

static void submit(struct engine_client *c, const char *path, struct engine_request *rq)
{
	if (!path || path[0] != '/' || strpbrk(path, " \t\r\n#")) {
		fail_now(c, rq, -EINVAL, xstrdup("invalid request path"));
		return;
	}
	rq->url = c->api_version[0] ? xasprintf("%s/v%s%s", c->ep.base_url, c->api_version, path)
				    : xasprintf("%s%s", c->ep.base_url, path);
	/* What callbacks ask for goes after what callbacks asked for before
	 * but before the rest of what was waiting: an item's follow-up
	 * requests are sent before later items are started, so items finish
	 * (and their memory settles) as the list goes, not all at the end. */
	struct engine_request **at = c->in_callback ? (c->front ? &c->front->next : &c->queue)
						    : (c->queue_tail ? &c->queue_tail->next : &c->queue);
	rq->next = *at;
	*at = rq;
	if (!rq->next)
		c->queue_tail = rq;
	if (c->in_callback)
		c->front = rq;
}

/* Starts waiting requests on idle handles.  One that is out of time ends
 * at once, without being sent. */
static void start_waiting(struct engine_client *c)
{
	for (size_t i = 0; i < c->n_xfers; i++) {
		struct engine_xfer *x = &c->xfers[i];
		while (!x->rq && c->queue) {
			struct engine_request *rq = c->queue;
			c->queue = rq->next;
			if (!c->queue)
				c->queue_tail = NULL;
			if (c->front == rq)
				c->front = NULL;
			rq->next = NULL;

			double remaining = c->deadline - monotonic_now();
			/* CURLOPT_TIMEOUT_MS of 0 would mean "no timeout": below 1 ms we are out. */
			if (remaining < 0.001) {
				fail_now(c, rq, -ETIMEDOUT, timeout_message(c));
				continue;
			}
			long ms = (long)(remaining * 1000.0);
			if (ms < 1)
				ms = 1;
			rq->body.max = rq->max_bytes;
			x->errbuf[0] = '\0';
			curl_easy_setopt(x->curl, CURLOPT_URL, rq->url);
			curl_easy_setopt(x->curl, CURLOPT_WRITEDATA, &rq->body);
			curl_easy_setopt(x->curl, CURLOPT_TIMEOUT_MS, ms);
			curl_easy_setopt(x->curl, CURLOPT_CONNECTTIMEOUT_MS, ms);
			curl_easy_setopt(x->curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)rq->max_bytes);
			if (curl_multi_add_handle(c->multi, x->curl) != CURLM_OK) {
				fail_now(c, rq, -ENOMEM, xstrdup("cannot start a request (libcurl)"));
				continue;
			}
			x->rq = rq;
			c->requests++;
			c->active++;
		}
	}
}

/* Moves the transfers that ended to the done list, with their outcome. */
static void collect_ended(struct engine_client *c)
{
	CURLMsg *msg;
	int left;
	while ((msg = curl_multi_info_read(c->multi, &left))) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		struct engine_xfer *x = NULL;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&x);
		if (!x || !x->rq)
			continue;
		struct engine_request *rq = x->rq;
		CURLcode res = msg->data.result;
		if (res != CURLE_OK) {
			rq->rc = transfer_error(c, x, res, &rq->err);
		} else {
			curl_easy_getinfo(x->curl, CURLINFO_RESPONSE_CODE, &rq->status);
			if (rq->status < 200 || rq->status > 299) {
				rq->err = http_error_message(rq->status, &rq->body);
				rq->rc = rq->status == 404 ? -ENOENT : -EIO;
			}
		}
		/* msg belongs to the handle: do not touch it after this. */
		curl_multi_remove_handle(c->multi, x->curl);
		x->rq = NULL;
		c->active--;
		done_push(c, rq);
	}
}

/* Parses one ended request and hands it to its callback. */
static void deliver(struct engine_client *c, struct engine_request *rq)
{
	void *doc = NULL;
	if (rq->rc == 0) {
		json_error_t jerr;
		const char *data = rq->body.data ? rq->body.data : "";
		doc = rq->decode ? rq->decode(data, rq->body.len, &jerr)
		      : rq->parse ? rq->parse(data, rq->body.len, &jerr)
				  : json_parse_skimmed(data, rq->body.len, &jerr);
		if (!doc) {
			char *why = utf8_clip_line(jerr.text, strlen(jerr.text), ENGINE_MESSAGE_MAX);
			rq->err = xasprintf("response is not JSON (line %d, column %d: %s)", jerr.line,
					    jerr.column, why);
			free(why);
			rq->rc = -EPROTO;
		}
	}
	/* Responses can be large: do not keep the memory once parsed. */
	buf_free(&rq->body);
	c->last_status = rq->status;
	char *err = rq->err;
	rq->err = NULL;
	c->in_callback = true;
	if (rq->decoded)
		rq->decoded(rq->arg, rq->rc, doc, err);
	else
		rq->done(rq->arg, rq->rc, doc, err);
	c->in_callback = false;
	request_free(rq);
}

void engine_run(struct engine_client *c)
{
	if (c->running)
		return;
	c->running = true;
	for (;;) {
		start_waiting(c);
		int still = 0;
		if (c->active) {
			curl_multi_perform(c->multi, &still);
			collect_ended(c);
		}
		if (c->done) {
			/* Refill the handles that just ended and send their next
			 * requests before parsing: the engine works on those while
			 * we parse. */
			start_waiting(c);
			if (c->active)
				curl_multi_perform(c->multi, &still);
			while (c->done) {
				struct engine_request *rq = c->done;
				c->done = rq->next;
				if (!c->done)
					c->done_tail = NULL;
				deliver(c, rq);
			}
			continue;
		}
		if (!c->active && !c->queue)
			break;
		if (c->active)
			curl_multi_poll(c->multi, NULL, 0, 1000, NULL);
	}
	c->running = false;
}

struct sync_result {
	int rc;
	json_t *doc;
	char *err;
};

static void sync_done(void *arg, int rc, json_t *doc, char *err)
{
	struct sync_result *s = arg;
	s->rc = rc;
	s->doc = doc;
	s->err = err;
}

int engine_get_parsed(struct engine_client *c, const char *path, size_t max_bytes,
		      engine_parse_fn parse, json_t **ret, char **ret_error)
{
	if (c->running || c->queue || c->active) {
		/* A programming error: the conversation is not ours to wait on. */
		*ret_error = xstrdup("engine request made while others are in flight");
		return -EBUSY;
	}
	struct sync_result s = { 0, NULL, NULL };
	engine_submit(c, path, max_bytes, parse, sync_done, &s);
	engine_run(c);
	if (s.rc < 0) {
		json_decref(s.doc);
		*ret_error = s.err ? s.err : xstrdup("request failed");
		return s.rc;
	}
	free(s.err);
	*ret = s.doc;
	return 0;
}

int engine_get_capped(struct engine_client *c, const char *path, size_t max_bytes, json_t **ret,
		      char **ret_error)
{
	return engine_get_parsed(c, path, max_bytes, NULL, ret, ret_error);
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
		char *a = utf8_clip_line(api, strlen(api), 40);
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

const struct engine_endpoint *engine_endpoint_of(const struct engine_client *c)
{
	return &c->ep;
}
