/* floor.c - the benchmark's floor: fetches a list of Engine API paths
 * (exactly the requests dockaudit made, one per line, as recorded) with
 * libcurl and throws the bodies away.  No JSON is parsed, nothing is
 * kept: what is left is the cost of the conversation itself.
 *
 * Usage: floor [-j CONNECTIONS] SOCKET PATHFILE
 *
 * With -j 1 (the default) the requests go in order over one keep-alive
 * connection, as dockaudit sends them.  With -j K they are spread over K
 * connections driven by libcurl's multi interface, to see whether
 * overlapping requests lowers the floor.  Prints one line:
 * "requests=R bytes=B errors=E seconds=S". */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static size_t bytes;

static size_t discard(char *p, size_t size, size_t nmemb, void *userdata)
{
	(void)p;
	(void)userdata;
	bytes += size * nmemb;
	return size * nmemb;
}

static char **paths;
static size_t n_paths;

static void read_paths(const char *file)
{
	FILE *f = fopen(file, "r");
	if (!f) {
		perror(file);
		exit(2);
	}
	size_t cap = 0;
	char *line = NULL;
	size_t lcap = 0;
	ssize_t n;
	while ((n = getline(&line, &lcap, f)) > 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n == 0 || line[0] != '/')
			continue;
		if (n_paths == cap) {
			cap = cap ? cap * 2 : 1024;
			paths = realloc(paths, cap * sizeof(*paths));
			if (!paths)
				exit(2);
		}
		paths[n_paths++] = strdup(line);
	}
	free(line);
	fclose(f);
}

static CURL *new_handle(const char *sock)
{
	CURL *h = curl_easy_init();
	if (!h)
		exit(2);
	curl_easy_setopt(h, CURLOPT_UNIX_SOCKET_PATH, sock);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(h, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_PROXY, "");
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 60L);
	return h;
}

static void set_url(CURL *h, const char *path)
{
	char url[8192];
	snprintf(url, sizeof(url), "http://localhost%s", path);
	curl_easy_setopt(h, CURLOPT_URL, url);
}

int main(int argc, char **argv)
{
	long conns = 1;
	int opt;
	while ((opt = getopt(argc, argv, "j:")) != -1) {
		if (opt == 'j')
			conns = atol(optarg);
		else
			goto usage;
	}
	if (argc - optind != 2 || conns < 1 || conns > 64) {
usage:
		fprintf(stderr, "usage: floor [-j CONNECTIONS] SOCKET PATHFILE\n");
		return 2;
	}
	const char *sock = argv[optind];
	read_paths(argv[optind + 1]);
	curl_global_init(CURL_GLOBAL_DEFAULT);

	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	unsigned long errors = 0;
	if (conns == 1) {
		CURL *h = new_handle(sock);
		for (size_t i = 0; i < n_paths; i++) {
			set_url(h, paths[i]);
			if (curl_easy_perform(h) != CURLE_OK)
				errors++;
		}
		curl_easy_cleanup(h);
	} else {
		CURLM *m = curl_multi_init();
		curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, conns);
		curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, conns);
		size_t next = 0;
		CURL **hs = calloc((size_t)conns, sizeof(*hs));
		for (long k = 0; k < conns && next < n_paths; k++) {
			hs[k] = new_handle(sock);
			set_url(hs[k], paths[next++]);
			curl_multi_add_handle(m, hs[k]);
		}
		int running = 1;
		while (running) {
			curl_multi_perform(m, &running);
			CURLMsg *msg;
			int left;
			while ((msg = curl_multi_info_read(m, &left))) {
				if (msg->msg != CURLMSG_DONE)
					continue;
				CURL *h = msg->easy_handle;
				if (msg->data.result != CURLE_OK)
					errors++;
				curl_multi_remove_handle(m, h);
				if (next < n_paths) {
					set_url(h, paths[next++]);
					curl_multi_add_handle(m, h);
					running = 1;
				}
			}
			if (running)
				curl_multi_poll(m, NULL, 0, 1000, NULL);
		}
		for (long k = 0; k < conns; k++)
			if (hs[k])
				curl_easy_cleanup(hs[k]);
		free(hs);
		curl_multi_cleanup(m);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("requests=%zu bytes=%zu errors=%lu seconds=%.4f\n", n_paths, bytes, errors,
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	for (size_t i = 0; i < n_paths; i++)
		free(paths[i]);
	free(paths);
	curl_global_cleanup();
	return errors ? 1 : 0;
}
