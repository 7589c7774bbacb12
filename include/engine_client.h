/* engine_client.h - a small Docker Engine API client: a few keep-alive
 * connections (libcurl's multi interface over a pool of easy handles; one
 * connection when asked), a deadline for the whole conversation, a size cap
 * per response, and version negotiation.  Requests are either made one at a
 * time (engine_get) or queued with a callback and run together
 * (engine_submit, engine_run), each response parsed as soon as it ends
 * while the others are still in flight.
 *
 * It knows nothing of the facts: collect_engine() (collect.h,
 * src/collect/engine_collect.c) is built on it, opens one client,
 * negotiates and asks every endpoint on it.
 *
 * Ownership: engine_open() returns a client the caller closes with
 * engine_close() (accepts NULL).  Every json_t returned through ret_* is a
 * new reference the caller owns; every char * error is owned by the caller
 * and is one line of sanitised text fit for a facts "error" field. */
#ifndef DOCKAUDIT_ENGINE_CLIENT_H
#define DOCKAUDIT_ENGINE_CLIENT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#define ENGINE_DEFAULT_SOCKET "/var/run/docker.sock"
#define ENGINE_DEFAULT_HOST "unix://" ENGINE_DEFAULT_SOCKET
#define ENGINE_DEFAULT_TIMEOUT 30.0          /* seconds, when the caller gives <= 0 */
#define ENGINE_MAX_API_MAJOR 1               /* newest API version we speak: 1.43 */
#define ENGINE_MAX_API_MINOR 43
#define ENGINE_MAX_RESPONSE (64u * 1024 * 1024)
#define ENGINE_MAX_SMALL_RESPONSE (16u * 1024 * 1024)   /* /version, /info */
#define ENGINE_DEFAULT_CONNECTIONS 4         /* when the caller gives <= 0 */
#define ENGINE_MAX_CONNECTIONS 16

struct engine_options {
	const char *host;         /* unix:///path or tcp://host[:port]; NULL = ENGINE_DEFAULT_HOST */
	const char *cert_path;    /* directory with ca.pem, cert.pem, key.pem; may be NULL */
	bool tls_verify;          /* verify the server's certificate (implies https) */
	double timeout;           /* seconds for the whole conversation */
	int connections;          /* at most this many at once; <= 0: ENGINE_DEFAULT_CONNECTIONS,
				   * capped at ENGINE_MAX_CONNECTIONS; 1: one connection */
};

/* A parsed DOCKER_HOST value. */
struct engine_endpoint {
	bool is_unix;
	char *socket_path;        /* unix: the socket's path */
	char *base_url;           /* "http://localhost" for unix, "http(s)://host:port" for tcp */
};

struct engine_client;

/* Parses "unix:///path" or "tcp://host[:port]" (a bare "/path" counts as
 * unix).  `tls` picks https and the default port 2376 (else 2375).
 * Returns 0 or -EINVAL with *ret_error set. */
int engine_endpoint_parse(const char *host, bool tls, struct engine_endpoint *ret_ep,
			  char **ret_error);
void engine_endpoint_done(struct engine_endpoint *ep);

/* Prepares a client; does not connect yet (the first request does).
 * Returns 0 or -errno with *ret_error set. */
int engine_open(const struct engine_options *opts, struct engine_client **ret_client,
		char **ret_error);
void engine_close(struct engine_client *c);

/* GET /version (unversioned), checks it looks like the Engine API, and
 * picks the API version for later requests: min(server ApiVersion, 1.43).
 * On success *ret_version (optional) gets the response object.
 * Errors: -EPROTO ("not a Docker Engine API: ..."), or engine_get()'s. */
int engine_negotiate(struct engine_client *c, json_t **ret_version, char **ret_error);

/* The negotiated version ("1.41"), or NULL before engine_negotiate(). */
const char *engine_api_version(const struct engine_client *c);

/* GET path ("/info", "/containers/json"; must start with '/'), prefixed
 * with "/v<version>" once negotiated, and parses the JSON body.  Waits for
 * the answer; not to be called while submitted requests are pending or
 * from a callback (-EBUSY).  The body
 * is capped at ENGINE_MAX_RESPONSE.  Returns 0 or:
 *   -ETIMEDOUT    the conversation's deadline passed ("timed out after N s")
 *   -EFBIG        the response passed the cap ("response larger than N MiB")
 *   -ENOENT       HTTP 404 ("HTTP 404: <engine's message>")
 *   -EIO          another HTTP error status, or the transfer broke
 *   -EPROTO       the body is not JSON
 *   -ECONNREFUSED and other -errno when no connection could be made. */
int engine_get(struct engine_client *c, const char *path, json_t **ret, char **ret_error);
/* The same with a caller-chosen cap in bytes. */
int engine_get_capped(struct engine_client *c, const char *path, size_t max_bytes, json_t **ret,
		      char **ret_error);

/* Parses a response body (data[len] is a NUL the parser may ignore);
 * returns a new reference, or NULL with *error set as json_loadb() does. */
typedef json_t *(*engine_parse_fn)(const char *data, size_t len, json_error_t *error);

/* Called once per submitted request, from engine_run(): rc and the error
 * as engine_get() returns them; on success doc is the parsed body (the
 * callback owns it), else NULL and err (the callback owns it) says why.
 * The callback may submit more requests: they are sent after those that
 * callbacks submitted before and before the others still waiting. */
typedef void (*engine_done_fn)(void *arg, int rc, json_t *doc, char *err);

/* Queues GET path (as engine_get(), capped at max_bytes, parsed by parse or,
 * when NULL, by json_parse_skimmed(): json_loadb()'s result, faster).  Nothing is sent before engine_run().  An
 * invalid path ends with -EINVAL without being sent. */
void engine_submit(struct engine_client *c, const char *path, size_t max_bytes,
		   engine_parse_fn parse, engine_done_fn done, void *arg);

/* The same for a body decoded into something other than a jansson tree
 * (inspect_prune.h, inspect_parse_tape()): decode returns it, or NULL
 * with *error set as json_loadb() sets it, which ends the request with
 * -EPROTO and the same message as a parse failure; done owns doc. */
typedef void *(*engine_decode_fn)(const char *data, size_t len, json_error_t *error);
typedef void (*engine_decoded_fn)(void *arg, int rc, void *doc, char *err);
void engine_submit_decoded(struct engine_client *c, const char *path, size_t max_bytes,
			   engine_decode_fn decode, engine_decoded_fn done, void *arg);

/* Sends the queued requests over up to engine_connections() connections
 * and calls each callback as its response ends (so in completion order;
 * callers that need an order keep their own slots).  Returns when nothing
 * is queued or in flight.  Requests the deadline leaves no time for end
 * with -ETIMEDOUT unsent. */
void engine_run(struct engine_client *c);

/* The most connections the client opens at once. */
size_t engine_connections(const struct engine_client *c);

/* The same parsed by parse (NULL: json_parse_skimmed()). */
int engine_get_parsed(struct engine_client *c, const char *path, size_t max_bytes,
		      engine_parse_fn parse, json_t **ret, char **ret_error);

/* The HTTP status of the last completed request (0 when none). */
long engine_last_http_status(const struct engine_client *c);

/* The number of HTTP requests the client has sent (for the facts and the
 * benchmark: every request is visible, duplicates too). */
unsigned long engine_request_count(const struct engine_client *c);

/* true when id is safe to put into a URL path: 1-128 hex digits. */
bool engine_id_valid(const char *id);

/* true when ref looks like an image reference ("nginx:1.25",
 * "registry:5000/team/app@sha256:...", an image id): 1-512 characters of
 * [A-Za-z0-9._/:@-], no "..", no "//", not starting or ending with '/'.
 * Only such references are ever put into a URL, and escaped even then. */
bool engine_image_ref_valid(const char *ref);

/* Percent-encodes everything but [A-Za-z0-9._~-] (so '/', ':' and '@' too):
 * a string safe to place in one URL path segment.  Caller frees. */
char *engine_url_escape(const char *s);

/* Parses an API version "MAJOR.MINOR" (1-4 digits each, nothing else).
 * Returns 0 or -EINVAL. */
int engine_version_parse(const char *s, unsigned *ret_major, unsigned *ret_minor);

/* The endpoint the client talks to (borrowed from the client). */
const struct engine_endpoint *engine_endpoint_of(const struct engine_client *c);

#endif
