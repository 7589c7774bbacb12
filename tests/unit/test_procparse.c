/* test_procparse.c - /proc/PID/cgroup to container ids (every driver and
 * cgroup version the engines use, and the look-alikes that must not match),
 * and the stat, status and cmdline parsers of a process list. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "procparse.h"

#define ID_A "5890e285a394c21c6cc6dfd453048acb39d3fe59a4c6801d64d93ac56f1f15be"
#define ID_B "0f3c5bd2e1a74d6b9c8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c"

static size_t ids_of(const char *text, struct cgroup_ids *ids)
{
	return cgroup_container_ids(text, strlen(text), ids);
}

static void expect_one(const char *text, const char *id)
{
	struct cgroup_ids ids;
	if (ids_of(text, &ids) != 1)
		fail_msg("expected one id in:\n%s\ngot %zu", text, ids.n);
	assert_string_equal(ids.id[0], id);
}

static void expect_none(const char *text)
{
	struct cgroup_ids ids;
	if (ids_of(text, &ids) != 0)
		fail_msg("expected no id in:\n%s\ngot %s", text, ids.id[0]);
}

static void cgroup_v1_cgroupfs(void **state)
{
	(void)state;
	/* Debian 10/11 with cgroup v1: every hierarchy names the container. */
	expect_one("12:freezer:/docker/" ID_A "\n"
		   "11:pids:/docker/" ID_A "\n"
		   "10:memory:/docker/" ID_A "\n"
		   "9:cpu,cpuacct:/docker/" ID_A "\n"
		   "1:name=systemd:/docker/" ID_A "\n"
		   "0::/system.slice/containerd.service\n", ID_A);
	/* dockerd itself nested in a cgroup (this machine: memory:/process_api/...) */
	expect_one("4:memory:/process_api/e31a6ce6b320ecb7a310c8bb6e4a4398/docker/" ID_A "\n"
		   "3:cpuset:/docker/" ID_A "\n", ID_A);
	/* --cgroup-parent=/ci/jobs */
	expect_one("5:pids:/ci/jobs/" ID_A "\n", ID_A);
	/* no trailing newline, CRLF-free; ':' inside the path */
	expect_one("3:cpu:/odd:name/docker/" ID_A, ID_A);
}

static void cgroup_v2_systemd(void **state)
{
	(void)state;
	/* Debian 12, systemd driver, cgroup v2 */
	expect_one("0::/system.slice/docker-" ID_A ".scope\n", ID_A);
	/* cgroup v2, cgroupfs driver */
	expect_one("0::/docker/" ID_A "\n", ID_A);
	/* hybrid: v1 controllers plus the unified line */
	expect_one("1:name=systemd:/system.slice/docker-" ID_A ".scope\n"
		   "0::/system.slice/docker-" ID_A ".scope\n", ID_A);
	/* seen from inside a cgroup namespace: paths relative to it */
	expect_one("0::/../../system.slice/docker-" ID_A ".scope\n", ID_A);
}

static void cgroup_rootless_podman_kubernetes(void **state)
{
	(void)state;
	/* rootless dockerd, systemd driver (cgroup v2 delegation) */
	expect_one("0::/user.slice/user-1000.slice/user@1000.service/user.slice/docker-" ID_A
		   ".scope\n", ID_A);
	/* rootless dockerd, cgroupfs driver */
	expect_one("0::/user.slice/user-1000.slice/user@1000.service/app.slice/docker.service/docker/" ID_A
		   "\n", ID_A);
	/* Podman, cgroup v2: the container's processes sit in .../container */
	expect_one("0::/machine.slice/libpod-" ID_A ".scope/container\n", ID_A);
	expect_one("0::/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" ID_A ".scope\n",
		   ID_A);
	/* Kubernetes on Docker (cgroupfs) and on containerd/CRI-O (systemd) */
	expect_one("11:memory:/kubepods/besteffort/pod0b7c2d8e-5f4a-4b3c-9d2e-1f0a9b8c7d6e/" ID_A "\n",
		   ID_A);
	expect_one("0::/kubepods.slice/kubepods-burstable.slice/"
		   "kubepods-burstable-pod0b7c2d8e_5f4a_4b3c_9d2e_1f0a9b8c7d6e.slice/cri-containerd-" ID_A
		   ".scope\n", ID_A);
	expect_one("0::/kubepods.slice/kubepods-pod1.slice/crio-" ID_A ".scope\n", ID_A);
	expect_one("0::/kubepods.slice/kubepods-pod1.slice/docker-" ID_A ".scope\n", ID_A);
}

static void cgroup_nested(void **state)
{
	(void)state;
	struct cgroup_ids ids;
	/* docker in docker: the inner container is inside the outer one */
	assert_int_equal(ids_of("0::/docker/" ID_A "/docker/" ID_B "\n", &ids), 2);
	assert_string_equal(ids.id[0], ID_A);
	assert_string_equal(ids.id[1], ID_B);
	assert_int_equal(ids_of("0::/system.slice/docker-" ID_A ".scope/system.slice/docker-" ID_B
				".scope\n"
				"1:name=systemd:/system.slice/docker-" ID_A ".scope\n", &ids), 2);
	/* the same id on every line is one id */
	assert_int_equal(ids_of("2:pids:/docker/" ID_A "\n1:cpu:/docker/" ID_A "\n", &ids), 1);
	/* depth is capped, never overflowed */
	const char *deep = "0::/" ID_A "/" ID_B "/0000000000000000000000000000000000000000000000000000000000000001"
			   "/0000000000000000000000000000000000000000000000000000000000000002"
			   "/0000000000000000000000000000000000000000000000000000000000000003\n";
	assert_int_equal(ids_of(deep, &ids), CGROUP_IDS_MAX);
}

static void cgroup_not_a_container(void **state)
{
	(void)state;
	/* host processes */
	expect_none("0::/\n");
	expect_none("0::/init.scope\n");
	expect_none("0::/system.slice/docker.service\n");
	expect_none("0::/system.slice/containerd.service\n");
	expect_none("12:memory:/user.slice/user-1000.slice/session-3.scope\n");
	expect_none("4:memory:/process_api/e31a6ce6b320ecb7a310c8bb6e4a4398\n");
	/* Podman's conmon sits beside the container, not in it */
	expect_none("0::/machine.slice/libpod-conmon-" ID_A ".scope\n");
	/* a removed cgroup (an exiting process) */
	expect_none("0::/docker/" ID_A " (deleted)\n");
	/* one digit short, one long, upper case, not hex */
	expect_none("0::/docker/5890e285a394c21c6cc6dfd453048acb39d3fe59a4c6801d64d93ac56f1f15b\n");
	expect_none("0::/docker/" ID_A "0\n");
	expect_none("0::/docker/5890E285A394C21C6CC6DFD453048ACB39D3FE59A4C6801D64D93AC56F1F15BE\n");
	expect_none("0::/docker/5890e285a394c21c6cc6dfd453048acb39d3fe59a4c6801d64d93ac56f1f15bg\n");
	/* prefix or suffix around the id */
	expect_none("0::/system.slice/docker-" ID_A ".mount\n");
	expect_none("0::/system.slice/docker-" ID_A ".scopex\n");
	expect_none("0::/system.slice/docker-" ID_A "\n");
	expect_none("0::/system.slice/moby-" ID_A ".scope\n");
	expect_none("0::/system.slice/xdocker-" ID_A ".scope\n");
	expect_none("0::/docker/" ID_A "-init\n");
	expect_none("0::/docker/x" ID_A "\n");
	/* the id outside the path field, and malformed lines */
	expect_none(ID_A "\n");
	expect_none("0:" ID_A "\n");
	expect_none("0:/docker/" ID_A "\n");
	expect_none("");
	expect_none("\n\n\n");
}

static void component_ids(void **state)
{
	(void)state;
	char id[CONTAINER_ID_LEN + 1];
	assert_int_equal(cgroup_component_id(ID_A, 64, id), 0);
	assert_string_equal(id, ID_A);
	assert_int_equal(cgroup_component_id("libpod-" ID_A ".scope", 7 + 64 + 6, id), 0);
	assert_string_equal(id, ID_A);
	/* len, not the NUL, bounds the component */
	assert_int_equal(cgroup_component_id(ID_A "/x", 64, id), 0);
	assert_int_equal(cgroup_component_id(ID_A, 63, id), -ENOENT);
	assert_int_equal(cgroup_component_id("", 0, id), -ENOENT);
}

static void stat_status_cmdline(void **state)
{
	(void)state;
	struct proc_stat st;
	const char *line = "20530 (sleep) S 20511 20530 20530 0 -1 4194560 95 0 0 0 0 0 0 0 20 0 1 0\n";
	assert_int_equal(proc_stat_parse(line, strlen(line), &st), 0);
	assert_int_equal(st.ppid, 20511);
	assert_int_equal(st.state, 'S');
	assert_string_equal(st.comm, "sleep");
	/* a command name holding ") S 1 (" must not fool the parser */
	line = "77 (a) S 1 (b) Z 42 77 77 0\n";
	assert_int_equal(proc_stat_parse(line, strlen(line), &st), 0);
	assert_int_equal(st.ppid, 42);
	assert_int_equal(st.state, 'Z');
	assert_string_equal(st.comm, "a) S 1 (b");
	line = "1 (init) S 0 1 1";
	assert_int_equal(proc_stat_parse(line, strlen(line), &st), 0);
	assert_int_equal(st.ppid, 0);
	assert_int_equal(proc_stat_parse("1 init S 0", 10, &st), -EINVAL);
	assert_int_equal(proc_stat_parse("1 (x)", 5, &st), -EINVAL);
	assert_int_equal(proc_stat_parse("1 (x) S x", 9, &st), -EINVAL);
	assert_int_equal(proc_stat_parse(")(", 2, &st), -EINVAL);

	const char *status = "Name:\tsleep\nUmask:\t0022\nState:\tS (sleeping)\nUid:\t1000\t1000\t1000\t1000\n";
	assert_int_equal(proc_status_uid(status, strlen(status)), 1000);
	assert_int_equal(proc_status_uid("Uid:\t0\t0\t0\t0", 12), 0);
	assert_int_equal(proc_status_uid("Name:\tx\n", 8), -1);
	assert_int_equal(proc_status_uid("Uid:\tx\n", 7), -1);
	/* "Uid:" cut off by the length */
	assert_int_equal(proc_status_uid("Uid:\t5", 4), -1);

	static const char cmd[] = "sleep\0" "600\0";
	char *s = proc_cmdline_join(cmd, sizeof(cmd) - 1, 100);
	assert_string_equal(s, "sleep 600");
	free(s);
	static const char sshd[] = "sshd: /usr/sbin/sshd -D [listener]\0\0\0\0";
	s = proc_cmdline_join(sshd, sizeof(sshd) - 1, 100);
	assert_string_equal(s, "sshd: /usr/sbin/sshd -D [listener]");
	free(s);
	assert_null(proc_cmdline_join("", 0, 100));
	assert_null(proc_cmdline_join("\0\0", 2, 100));
	/* control characters never reach a report; long lines are cut */
	static const char hostile[] = "sh\0-c\0\x1b[31mred\n\0";
	s = proc_cmdline_join(hostile, sizeof(hostile) - 1, 100);
	assert_null(strchr(s, '\x1b'));
	assert_null(strchr(s, '\n'));
	free(s);
	s = proc_cmdline_join("aaaaaaaaaaaaaaaaaaaa", 20, 10);
	assert_string_equal(s, "aaaaaaaaaa...");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cgroup_v1_cgroupfs),
		cmocka_unit_test(cgroup_v2_systemd),
		cmocka_unit_test(cgroup_rootless_podman_kubernetes),
		cmocka_unit_test(cgroup_nested),
		cmocka_unit_test(cgroup_not_a_container),
		cmocka_unit_test(component_ids),
		cmocka_unit_test(stat_status_cmdline),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
