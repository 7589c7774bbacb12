/* test_file_read.c - whole-file reads with a cap: what is read, what is
 * refused (directories, FIFOs, devices, files past the cap) and how the
 * refusal is worded. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "file_read.h"

static char dir[] = "/tmp/test_file_read.XXXXXX";

static char *path_in_dir(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static char *write_file(const char *name, const char *content, size_t len)
{
	char *p = path_in_dir(name);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(content, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return p;
}

static void reads_a_regular_file_whole(void **state)
{
	(void)state;
	/* larger than one read(2) chunk, so the loop is exercised */
	size_t len = 200000;
	char *content = xmalloc(len);
	for (size_t i = 0; i < len; i++)
		content[i] = (char)('a' + i % 26);
	char *p = write_file("big", content, len);
	struct buf b = BUF_INIT;
	mode_t mode = 0;
	assert_int_equal(read_regular_file(p, len, &b, &mode), 0);
	assert_true(S_ISREG(mode));
	assert_int_equal(b.len, len);
	assert_memory_equal(b.data, content, len);
	assert_int_equal(b.data[len], '\0');
	buf_free(&b);
	free(content);
	free(p);
}

static void an_empty_file_reads_as_nothing(void **state)
{
	(void)state;
	char *p = write_file("empty", "", 0);
	struct buf b = BUF_INIT;
	assert_int_equal(read_regular_file(p, 10, &b, NULL), 0);
	assert_int_equal(b.len, 0);
	buf_free(&b);
	free(p);
}

static void the_cap_is_inclusive(void **state)
{
	(void)state;
	char *p = write_file("ten", "0123456789", 10);
	struct buf b = BUF_INIT;
	assert_int_equal(read_regular_file(p, 10, &b, NULL), 0);
	assert_int_equal(b.len, 10);
	buf_free(&b);

	struct buf small = BUF_INIT;
	int r = read_regular_file(p, 9, &small, NULL);
	assert_int_equal(r, -EFBIG);
	char *why = read_regular_error(r, 9, 0);
	assert_string_equal(why, "larger than 9 bytes");
	free(why);
	why = read_regular_error(-EFBIG, 16u << 20, 0);
	assert_string_equal(why, "larger than 16 MiB");
	free(why);
	why = read_regular_error(-EFBIG, 64 * 1024, 0);
	assert_string_equal(why, "larger than 64 KiB");
	free(why);
	buf_free(&small);
	free(p);
}

static void refuses_what_is_not_a_regular_file(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	mode_t mode = 0;
	assert_int_equal(read_regular_file(dir, 100, &b, &mode), -EISDIR);
	char *why = read_regular_error(-EISDIR, 100, mode);
	assert_string_equal(why, strerror(EISDIR));
	free(why);

	/* A FIFO with no writer: a blocking open or read would hang here. */
	char *fifo = path_in_dir("fifo");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(read_regular_file(fifo, 100, &b, &mode), -EINVAL);
	why = read_regular_error(-EINVAL, 100, mode);
	assert_string_equal(why, "not a regular file (fifo)");
	free(why);
	unlink(fifo);
	free(fifo);

	assert_int_equal(read_regular_file("/dev/null", 100, &b, &mode), -EINVAL);
	why = read_regular_error(-EINVAL, 100, mode);
	assert_string_equal(why, "not a regular file (char)");
	free(why);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

static void a_missing_file_gives_its_errno(void **state)
{
	(void)state;
	char *p = path_in_dir("missing");
	struct buf b = BUF_INIT;
	int r = read_regular_file(p, 100, &b, NULL);
	assert_int_equal(r, -ENOENT);
	char *why = read_regular_error(r, 100, 0);
	assert_string_equal(why, strerror(ENOENT));
	free(why);
	buf_free(&b);
	free(p);
}

static void names_every_file_type(void **state)
{
	(void)state;
	assert_string_equal(file_type_name(S_IFREG | 0644), "file");
	assert_string_equal(file_type_name(S_IFDIR | 0755), "dir");
	assert_string_equal(file_type_name(S_IFSOCK), "socket");
	assert_string_equal(file_type_name(S_IFLNK), "symlink");
	assert_string_equal(file_type_name(S_IFIFO), "fifo");
	assert_string_equal(file_type_name(S_IFCHR), "char");
	assert_string_equal(file_type_name(S_IFBLK), "block");
	assert_string_equal(file_type_name(0), "other");
}

static int make_dir(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
	(void)state;
	char *p;
	const char *names[] = { "big", "empty", "ten" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		p = path_in_dir(names[i]);
		unlink(p);
		free(p);
	}
	return rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_a_regular_file_whole),
		cmocka_unit_test(an_empty_file_reads_as_nothing),
		cmocka_unit_test(the_cap_is_inclusive),
		cmocka_unit_test(refuses_what_is_not_a_regular_file),
		cmocka_unit_test(a_missing_file_gives_its_errno),
		cmocka_unit_test(names_every_file_type),
	};
	return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
