/* replay.c - runs a fuzz target's LLVMFuzzerTestOneInput() on files, the
 * way libFuzzer would replay them, without libFuzzer: `make test` builds
 * one replay_<target> per fuzz target with the normal compiler (and with
 * ASan/UBSan under `make asan`) and feeds it the seed corpus and every
 * crash kept so far.
 *
 * Usage: replay_<target> FILE|DIR...   (a directory: every regular file in
 * it, in name order).  Exits 0 when every input ran, 1 when a file could
 * not be read; a crash ends the process, which is the point. */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int replay_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		fprintf(stderr, "replay: cannot open '%s': %s\n", path, strerror(errno));
		return -1;
	}
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_append(&b, chunk, n);
	int bad = ferror(fp);
	fclose(fp);
	if (bad) {
		fprintf(stderr, "replay: cannot read '%s'\n", path);
		buf_free(&b);
		return -1;
	}
	/* An exact-size copy, so ASan sees a read past the input's end. */
	uint8_t *copy = xmalloc(b.len ? b.len : 1);
	if (b.len)
		memcpy(copy, b.data, b.len);
	LLVMFuzzerTestOneInput(copy, b.len);
	free(copy);
	buf_free(&b);
	return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

int main(int argc, char **argv)
{
	int failed = 0;
	unsigned count = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) < 0) {
			fprintf(stderr, "replay: '%s': %s\n", argv[i], strerror(errno));
			failed = 1;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			failed |= replay_file(argv[i]) < 0;
			count++;
			continue;
		}
		struct dirent **names;
		int n = scandir(argv[i], &names, NULL, by_name);
		if (n < 0) {
			fprintf(stderr, "replay: '%s': %s\n", argv[i], strerror(errno));
			failed = 1;
			continue;
		}
		for (int k = 0; k < n; k++) {
			char *p = xasprintf("%s/%s", argv[i], names[k]->d_name);
			if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
				failed |= replay_file(p) < 0;
				count++;
			}
			free(p);
			free(names[k]);
		}
		free(names);
	}
	printf("replayed %u input(s)\n", count);
	return failed;
}
