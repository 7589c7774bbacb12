/* engine_probe.c - runs collect_engine() alone and prints the facts as one
 * line of JSON, so the engine client can be tested before (and without)
 * the rest of dockaudit.
 *
 * Usage: engine_probe [-H HOST] [-t SECONDS] [-C CERT_PATH] [-T] [-D DEFAULT_SOCKET] [-S] [-A]
 *                     [-j CONNECTIONS]
 *   -A  inspect all images (collect_options.all_images)
 *   -j  engine connections at once (collect_options.connections) */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "collect.h"
#include "engine_client.h"
#include "facts.h"

int main(int argc, char **argv)
{
	struct collect_options o = { .root = "/", .timeout = 30 };
	const char *default_socket = ENGINE_DEFAULT_SOCKET;
	int opt;

	while ((opt = getopt(argc, argv, "H:t:C:TD:SAj:")) != -1) {
		switch (opt) {
		case 'H': o.docker_host = optarg; o.docker_host_explicit = true; break;
		case 't': o.timeout = atof(optarg); break;
		case 'C': o.cert_path = optarg; break;
		case 'T': o.tls_verify = true; break;
		case 'D': default_socket = optarg; break;
		case 'S': o.skip_engine = true; break;
		case 'A': o.all_images = true; break;
		case 'j': o.connections = atoi(optarg); break;
		default:
			fprintf(stderr, "usage: engine_probe [-H HOST] [-t SECONDS] [-C CERT_PATH] [-T] "
					"[-D DEFAULT_SOCKET] [-S] [-A] [-j CONNECTIONS]\n");
			return 2;
		}
	}
	struct facts *f = facts_new();
	collect_engine_with_default(f, &o, default_socket);
	char *s = facts_dump(f);
	puts(s);
	free(s);
	facts_free(f);
	return 0;
}
