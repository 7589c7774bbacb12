/* docker_cli.h - reading a docker client command line the way the client
 * reads it (src/parse/docker_cli.c), for the exec commands the host's
 * audit log recorded (5.23, 5.24).  Pure.
 *
 *   docker [GLOBAL OPTIONS] exec [OPTIONS] CONTAINER COMMAND [ARG...]
 *   docker [GLOBAL OPTIONS] container exec [OPTIONS] CONTAINER COMMAND ...
 *   docker [GLOBAL OPTIONS] compose [COMPOSE OPTIONS] exec [OPTIONS] SERVICE ...
 *   docker-compose [compose] [COMPOSE OPTIONS] exec [OPTIONS] SERVICE ...
 *
 * (the last is the old docker-compose, or the compose plugin as the docker
 * client starts it; `container` is then the service's name).
 * Options end at the container: what follows is the command's own
 * arguments ("docker exec web sh -c 'x --privileged'" is not privileged).
 * Short options cluster as the client allows ("-itu root", "-ituroot",
 * "-u=0"); --privileged takes an optional =BOOL.  An option the client
 * does not know is skipped as a flag without a value. */
#ifndef DOCKAUDIT_DOCKER_CLI_H
#define DOCKAUDIT_DOCKER_CLI_H

#include <stdbool.h>
#include <stddef.h>

struct docker_exec_cmd {
	bool privileged;           /* --privileged in force (the last one given wins) */
	const char *user;          /* the last -u/--user value, NULL without one (borrowed) */
	const char *container;     /* NULL when the command line ends before it (borrowed) */
	size_t command_at;         /* argv index of the command; 0 when there is none */
};

/* Reads argv (NULL-terminated; argv[0] the client).  Returns true and
 * fills *ret when it is an exec command, false otherwise. */
bool docker_exec_parse(char *const *argv, struct docker_exec_cmd *ret);

#endif
