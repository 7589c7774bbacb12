/* proc_net.c - /proc/net/tcp and tcp6 lines (include/proc_net.h). */
#include "proc_net.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

#define TCP_LISTEN 0x0A

int proc_net_tcp_parse_line(const char *line, bool v6, struct tcp_listener *ret)
{
	char hex[40];
	unsigned port, state;
	int n = 0;
	memset(ret, 0, sizeof(*ret));
	if (strstr(line, "local_address"))
		return -ENOENT;
	/* "  0: 0100007F:0CEA 00000000:0000 0A ..." */
	if (sscanf(line, " %*[0-9]: %39[0-9A-Fa-f]:%x %*[0-9A-Fa-f]:%*x %x%n", hex, &port, &state, &n) != 3 ||
	    n == 0 || port > 65535)
		return -EINVAL;
	size_t len = strlen(hex);
	if (len != (v6 ? 32u : 8u))
		return -EINVAL;
	if (state != TCP_LISTEN)
		return -ENOENT;

	unsigned char bytes[16];
	for (size_t w = 0; w < len / 8; w++) {
		char word[9];
		memcpy(word, hex + w * 8, 8);
		word[8] = '\0';
		uint32_t v = (uint32_t)strtoul(word, NULL, 16);
		memcpy(bytes + w * 4, &v, 4);      /* native order, as the kernel printed it */
	}
	static const unsigned char mapped_prefix[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	static const unsigned char zero[16] = { 0 };
	if (!inet_ntop(v6 ? AF_INET6 : AF_INET, bytes, ret->address, sizeof(ret->address)))
		return -EINVAL;
	ret->port = port;
	if (v6) {
		ret->v4_mapped = memcmp(bytes, mapped_prefix, 12) == 0;
		ret->any = memcmp(bytes, zero, 16) == 0 ||
			   (ret->v4_mapped && memcmp(bytes + 12, zero, 4) == 0);
	} else {
		ret->any = memcmp(bytes, zero, 4) == 0;
	}
	return 0;
}
