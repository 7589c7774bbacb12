/* engine_probe.c - runs collect_engine() alone and prints the facts as one
 * line of JSON, so the engine client can be tested before (and without)
 * the rest of dockaudit.
 *
 * Usage: engine_probe [-H HOST] [-t SECONDS] [-C CERT_PATH] [-T] [-D DEFAULT_SOCKET] [-S] [-A]
 *                     [-j CONNECTIONS] [-R ROOT] [-P auto|proc|top]
 *   -A  inspect all images (collect_options.all_images)
 *   -j  engine connections at once (collect_options.connections)
 *   -R  the root whose proc/ holds the containers' processes (collect_options.root)
 *   -P  where process lists come from (collect_options.process_source) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collect.h"
#include "engine_client.h"
#include "facts.h"

int main(int argc, char **argv)
{
	struct collect_options o = { .root = "/", .timeout = 30 };
	const char *default_socket = ENGINE_DEFAULT_SOCKET;
	int opt;

	while ((opt = getopt(argc, argv, "H:t:C:TD:SAj:R:P:")) != -1) {
		switch (opt) {
		case 'H': o.docker_host = optarg; o.docker_host_explicit = true; break;
		case 't': o.timeout = atof(optarg); break;
		case 'C': o.cert_path = optarg; break;
		case 'T': o.tls_verify = true; break;
		case 'D': default_socket = optarg; break;
		case 'S': o.skip_engine = true; break;
		case 'A': o.all_images = true; break;
		case 'j': o.connections = atoi(optarg); break;
		case 'R': o.root = optarg; break;
		case 'P':
			o.process_source = strcmp(optarg, "proc") == 0 ? PROCESS_SOURCE_PROC
					 : strcmp(optarg, "top") == 0 ? PROCESS_SOURCE_TOP
					 : PROCESS_SOURCE_AUTO;
			break;
		default:
			fprintf(stderr, "usage: engine_probe [-H HOST] [-t SECONDS] [-C CERT_PATH] [-T] "
					"[-D DEFAULT_SOCKET] [-S] [-A] [-j CONNECTIONS] [-R ROOT] "
					"[-P auto|proc|top]\n");
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
