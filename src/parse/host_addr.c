/* host_addr.c - dockerd listen addresses (include/host_addr.h). */
#include "host_addr.h"

#include <string.h>

const char *host_addr_unix_path(const char *addr)
{
	if (!addr || strncmp(addr, "unix://", 7) != 0 || addr[7] != '/')
		return NULL;
	return addr + 7;
}
