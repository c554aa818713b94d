/* module-mach_host: the host interface (mach_host.defs 2600.., mach_aarch64.defs 4500).
 * Success: host_info (HOST_BASIC_INFO on the host and host_priv ports, HOST_SCHED_INFO,
 * HOST_LOAD_INFO), host_get_time (sane and non-decreasing), host_get_time64, host_set_time and
 * host_set_time64 on host_priv (host_get_time/64 then report the new time and go on from it),
 * host_get_kernel_version, host_processor_sets / processor_set_default, host_processors with
 * host_priv, aarch64_get_hwcaps (count clamped to 2, FP/ASIMD set, CPUID never).
 * Errors: KERN_INVALID_ARGUMENT (bad flavor), too small a count (error), operations needing
 * host_priv refused on the unprivileged port (host_reboot, host_processors; host_set_time and
 * host_set_time64: KERN_INVALID_HOST),
 * KERN_INVALID_HOST for aarch64_get_hwcaps on a task port, MACH_SEND_INVALID_DEST on a bad
 * name. The final host_reboot(host_priv) is the test library's.
 * Processors and sets (kern/processor.c of a uniprocessor GNU Mach without MACH_HOST, with
 * MACH_FIXPRI): processor_set_default / host_processor_set_priv (control port only with
 * host_priv), processor_set_info BASIC (one processor, our task and threads counted) and SCHED
 * (TIMESHARE, max_priority BASEPRI_USER 25) on the name and control ports (unknown flavor
 * KERN_INVALID_ARGUMENT, short count KERN_FAILURE), processor_set_max_priority and
 * processor_set_policy_enable / _disable on the control port only (TIMESHARE cannot be disabled),
 * processor_set_tasks / _threads list us (control port only), processor_info BASIC (running,
 * master; other flavors KERN_FAILURE), processor_get_assignment; KERN_FAILURE for
 * processor_start / _exit / _control (one CPU), processor_set_create / _destroy,
 * processor_assign. host_adjust_time / host_adjust_time64 (host_priv): the old adjustment is the
 * unapplied rest, rounded to tickdelta (5 µs, 50 µs beyond 1 s). vm_set_default_memory_manager:
 * read (MACH_PORT_NULL), replace, read back; KERN_INVALID_HOST without host_priv. */
#include "testlib.h"

#define SELF mach_task_self()

struct host_basic_info {
	integer_t max_cpus;
	integer_t avail_cpus;
	rpc_vm_size_t memory_size;
	integer_t cpu_type;
	integer_t cpu_subtype;
};
_Static_assert(sizeof(struct host_basic_info) == HOST_BASIC_INFO_COUNT * 4, "host_basic_info");

static void test_info(mach_port_t host)
{
	integer_t buf[64];
	mach_msg_type_number_t n = HOST_BASIC_INFO_COUNT;
	ASSERT_RET(host_info(host, HOST_BASIC_INFO, buf, &n), "host_info basic");
	ASSERT_EQ(n, HOST_BASIC_INFO_COUNT, "basic info count");
	struct host_basic_info *bi = (struct host_basic_info *) buf;
	printf("host: %d/%d cpus, %lu bytes, type %d/%d\n", bi->avail_cpus, bi->max_cpus,
	       bi->memory_size, bi->cpu_type, bi->cpu_subtype);
	ASSERT(bi->max_cpus >= 1 && bi->avail_cpus >= 1 && bi->avail_cpus <= bi->max_cpus, "cpus");
	ASSERT(bi->memory_size >= 16ul << 20, "memory size");
	n = 64;
	ASSERT_RET(host_info(host_priv(), HOST_BASIC_INFO, buf, &n), "host_info on host_priv");
	n = 64;
	ASSERT_RET(host_info(host, HOST_SCHED_INFO, buf, &n), "host_info sched");
	ASSERT(n >= 2, "sched info count");
	n = 64;
	ASSERT_RET(host_info(host, HOST_LOAD_INFO, buf, &n), "host_info load");
	n = 64;
	EXPECT_KR(host_info(host, 999, buf, &n), KERN_INVALID_ARGUMENT);
	n = 2;
	EXPECT_FAIL(host_info(host, HOST_BASIC_INFO, buf, &n));
	n = 64;
	EXPECT_FAIL(host_info(SELF, HOST_BASIC_INFO, buf, &n));
	n = 64;
	EXPECT_KR(host_info(0x7777, HOST_BASIC_INFO, buf, &n), MACH_SEND_INVALID_DEST);
}

static void test_time(mach_port_t host)
{
	time_value_t t1, t2;
	ASSERT_RET(host_get_time(host, &t1), "host_get_time");
	ASSERT(t1.seconds >= 0 && t1.microseconds >= 0 && t1.microseconds < 1000000, "time sane");
	for (int i = 0; i < 10; i++)
		swtch();
	ASSERT_RET(host_get_time(host, &t2), "host_get_time");
	ASSERT(t2.seconds > t1.seconds ||
	       (t2.seconds == t1.seconds && t2.microseconds >= t1.microseconds),
	       "time does not go backwards");
	time_value64_t t64;
	ASSERT_RET(host_get_time64(host, &t64), "host_get_time64");
	ASSERT(t64.seconds >= t2.seconds && t64.nanoseconds >= 0 && t64.nanoseconds < 1000000000,
	       "time64 sane");
	EXPECT_FAIL(host_set_time(host, t1));
	EXPECT_KR(host_get_time(0x7777, &t1), MACH_SEND_INVALID_DEST);

	kernel_version_t v;
	memset(v, 0, sizeof v);
	ASSERT_RET(host_get_kernel_version(host, v), "host_get_kernel_version");
	ASSERT(v[0] != 0 && strnlen(v, sizeof v) < sizeof v, "kernel version string");
	printf("kernel version: %s\n", v);
}

/* host_set_time / host_set_time64 with host_priv: host_get_time(64) follow the new time. */
static void test_set_time(mach_port_t host)
{
	time_value_t t = { .seconds = 2000000000, .microseconds = 250000 }, now;
	EXPECT_KR(host_set_time(host, t), KERN_INVALID_HOST);
	ASSERT_RET(host_set_time(host_priv(), t), "host_set_time(host_priv)");
	ASSERT_RET(host_get_time(host, &now), "host_get_time after set");
	ASSERT(now.seconds == 2000000000 && now.microseconds >= 250000, "time as set (same second)");
	time_value64_t t64, now64;
	ASSERT_RET(host_get_time64(host, &now64), "host_get_time64 after set");
	ASSERT(now64.seconds == 2000000000 && now64.nanoseconds >= 250000000, "time64 follows host_set_time");

	t64.seconds = 1500000000;
	t64.nanoseconds = 123456789;
	EXPECT_KR(host_set_time64(host, t64), KERN_INVALID_HOST);
	ASSERT_RET(host_set_time64(host_priv(), t64), "host_set_time64(host_priv)");
	ASSERT_RET(host_get_time64(host, &now64), "host_get_time64 after set64");
	ASSERT(now64.seconds == 1500000000 && now64.nanoseconds >= 123456789, "time64 as set (back in time)");
	ASSERT_RET(host_get_time(host_priv(), &now), "host_get_time on host_priv");
	ASSERT(now.seconds == 1500000000 && now.microseconds >= 123456, "time follows host_set_time64");
	for (int i = 0; i < 10; i++)
		swtch();
	time_value64_t later;
	ASSERT_RET(host_get_time64(host, &later), "host_get_time64 later");
	ASSERT(later.seconds > now64.seconds || (later.seconds == now64.seconds && later.nanoseconds >= now64.nanoseconds),
	       "time goes on from the new value");
	EXPECT_KR(host_set_time(0x7777, t), MACH_SEND_INVALID_DEST);
}

static void test_processors(mach_port_t host)
{
	processor_set_name_array_t sets;
	mach_msg_type_number_t n;
	ASSERT_RET(host_processor_sets(host, &sets, &n), "host_processor_sets");
	ASSERT(n >= 1, "at least one processor set");
	for (unsigned i = 0; i < n; i++)
		mach_port_deallocate(SELF, sets[i]);
	vm_deallocate(SELF, (vm_address_t) sets, n * sizeof *sets);
	mach_port_t def;
	ASSERT_RET(processor_set_default(host, &def), "processor_set_default");
	ASSERT(MACH_PORT_VALID(def), "default set name");
	mach_port_deallocate(SELF, def);
	processor_array_t procs;
	ASSERT_RET(host_processors(host_priv(), &procs, &n), "host_processors");
	ASSERT(n >= 1, "at least one processor");
	for (unsigned i = 0; i < n; i++)
		mach_port_deallocate(SELF, procs[i]);
	vm_deallocate(SELF, (vm_address_t) procs, n * sizeof *procs);
	EXPECT_FAIL(host_processors(host, &procs, &n));
	/* host_reboot needs host_priv (KERN_INVALID_HOST in GNU Mach); if this reboots, the test
	 * ends without its success marker. */
	EXPECT_FAIL(host_reboot(host, 0));
}

static void test_hwcaps(mach_port_t host)
{
	uint32_t caps[16];
	mach_msg_type_number_t n = 16;
	uint64_t midr = 0, revidr = 0;
	memset(caps, 0xff, sizeof caps);
	ASSERT_RET(aarch64_get_hwcaps(host, caps, &n, &midr, &revidr), "aarch64_get_hwcaps");
	ASSERT(n >= 1 && n <= 2, "hwcaps count clamped to HWCAPS_COUNT");
	ASSERT_EQ(caps[0], __mach_hwcap, "same answer as at start-up");
	ASSERT(caps[0] & HWCAP_FP, "HWCAP_FP");
	ASSERT(caps[0] & HWCAP_ASIMD, "HWCAP_ASIMD");
	ASSERT(!(caps[0] & HWCAP_CPUID), "no HWCAP_CPUID");
	ASSERT(!(caps[0] & HWCAP_SVE), "no HWCAP_SVE");
	ASSERT_EQ(midr, __mach_midr_el1, "midr stable");
	n = 1;
	ASSERT_RET(aarch64_get_hwcaps(host_priv(), caps, &n, &midr, &revidr), "with host_priv");
	ASSERT_EQ(n, 1, "count 1 returns one word");
	n = 2;
	EXPECT_KR(aarch64_get_hwcaps(SELF, caps, &n, &midr, &revidr), KERN_INVALID_HOST);
	n = 2;
	EXPECT_KR(aarch64_get_hwcaps(0x7777, caps, &n, &midr, &revidr), MACH_SEND_INVALID_DEST);
}

#define PROCESSOR_BASIC_INFO 1
#define PROCESSOR_SET_BASIC_INFO 1
#define PROCESSOR_SET_SCHED_INFO 2
#define POLICY_TIMESHARE 1
#define POLICY_FIXEDPRI 2
#define BASEPRI_USER 25

static int contains(mach_port_t *list, mach_msg_type_number_t n, mach_port_t name)
{
	int found = 0;
	for (unsigned i = 0; i < n; i++) {
		if (list[i] == name)
			found = 1;
		mach_port_deallocate(SELF, list[i]);
	}
	vm_deallocate(SELF, (vm_address_t) list, n * sizeof *list);
	return found;
}

static void expect_sched_info(mach_port_t set, int policies, int max, const char *what)
{
	integer_t info[8];
	mach_msg_type_number_t n = 8;
	mach_port_t h;
	ASSERT_RET(processor_set_info(set, PROCESSOR_SET_SCHED_INFO, &h, info, &n), what);
	ASSERT_EQ(n, 2, "sched info count");
	ASSERT_EQ(info[0], policies, what);
	ASSERT_EQ(info[1], max, what);
	mach_port_deallocate(SELF, h);
}

static void test_psets(mach_port_t host)
{
	mach_port_t name, set, set2, h;
	ASSERT_RET(processor_set_default(host, &name), "processor_set_default");
	EXPECT_KR(host_processor_set_priv(host, name, &set), KERN_INVALID_ARGUMENT);
	EXPECT_KR(host_processor_set_priv(host_priv(), SELF, &set), KERN_INVALID_ARGUMENT);
	ASSERT_RET(host_processor_set_priv(host_priv(), name, &set), "host_processor_set_priv");
	ASSERT(set != name, "the control port is not the name port");
	ASSERT_RET(host_processor_set_priv(host_priv(), set, &set2), "from the control port too");
	ASSERT_EQ(set2, set, "same control port");
	mach_port_deallocate(SELF, set2);

	integer_t info[8];
	mach_msg_type_number_t n = 8;
	ASSERT_RET(processor_set_info(name, PROCESSOR_SET_BASIC_INFO, &h, info, &n), "processor_set_info basic");
	ASSERT_EQ(n, 5, "basic info count");
	ASSERT_EQ(info[0], 1, "one processor");
	ASSERT(info[1] >= 1 && info[2] >= 1, "our task and thread counted");
	ASSERT_EQ(h, host, "the host port comes back");
	mach_port_deallocate(SELF, h);
	expect_sched_info(name, POLICY_TIMESHARE, BASEPRI_USER, "initial sched info (name port)");
	expect_sched_info(set, POLICY_TIMESHARE, BASEPRI_USER, "initial sched info (control port)");
	n = 8;
	EXPECT_KR(processor_set_info(name, 3, &h, info, &n), KERN_INVALID_ARGUMENT);
	n = 4;
	EXPECT_KR(processor_set_info(name, PROCESSOR_SET_BASIC_INFO, &h, info, &n), KERN_FAILURE);
	n = 1;
	EXPECT_KR(processor_set_info(name, PROCESSOR_SET_SCHED_INFO, &h, info, &n), KERN_FAILURE);
	n = 8;
	EXPECT_KR(processor_set_info(SELF, PROCESSOR_SET_BASIC_INFO, &h, info, &n), KERN_INVALID_ARGUMENT);

	/* scheduling parameters of the set: control port only */
	EXPECT_KR(processor_set_max_priority(name, 20, FALSE), KERN_INVALID_ARGUMENT);
	EXPECT_KR(processor_set_max_priority(set, 50, FALSE), KERN_INVALID_ARGUMENT);
	ASSERT_RET(processor_set_max_priority(set, 20, FALSE), "processor_set_max_priority");
	expect_sched_info(name, POLICY_TIMESHARE, 20, "max priority set");
	ASSERT_RET(processor_set_max_priority(set, BASEPRI_USER, FALSE), "restored");
	EXPECT_KR(processor_set_policy_enable(name, POLICY_FIXEDPRI), KERN_INVALID_ARGUMENT);
	EXPECT_KR(processor_set_policy_enable(set, 4), KERN_INVALID_ARGUMENT);
	ASSERT_RET(processor_set_policy_enable(set, POLICY_FIXEDPRI), "enable FIXEDPRI");
	expect_sched_info(set, POLICY_TIMESHARE | POLICY_FIXEDPRI, BASEPRI_USER, "FIXEDPRI enabled");
	EXPECT_KR(processor_set_policy_disable(set, POLICY_TIMESHARE, FALSE), KERN_INVALID_ARGUMENT);
	EXPECT_KR(processor_set_policy_disable(name, POLICY_FIXEDPRI, FALSE), KERN_INVALID_ARGUMENT);
	ASSERT_RET(processor_set_policy_disable(set, POLICY_FIXEDPRI, TRUE), "disable FIXEDPRI");
	expect_sched_info(set, POLICY_TIMESHARE, BASEPRI_USER, "FIXEDPRI disabled");

	/* tasks and threads of the set */
	task_array_t tasks;
	ASSERT_RET(processor_set_tasks(set, &tasks, &n), "processor_set_tasks");
	ASSERT(n >= 1 && contains(tasks, n, SELF), "our task is listed");
	thread_array_t threads;
	mach_port_t me = mach_thread_self();
	ASSERT_RET(processor_set_threads(set, &threads, &n), "processor_set_threads");
	ASSERT(n >= 1 && contains(threads, n, me), "our thread is listed");
	mach_port_deallocate(SELF, me);
	EXPECT_KR(processor_set_tasks(name, &tasks, &n), KERN_INVALID_ARGUMENT);
	EXPECT_KR(processor_set_threads(name, &threads, &n), KERN_INVALID_ARGUMENT);

	/* no MACH_HOST: no set can be created, destroyed or assigned to */
	mach_port_t ns, nn;
	EXPECT_KR(processor_set_create(host, &ns, &nn), KERN_FAILURE);
	EXPECT_KR(processor_set_destroy(set), KERN_FAILURE);
	mach_port_deallocate(SELF, set);
	mach_port_deallocate(SELF, name);
}

static void test_processor(mach_port_t host)
{
	processor_array_t procs;
	mach_msg_type_number_t n;
	ASSERT_RET(host_processors(host_priv(), &procs, &n), "host_processors");
	ASSERT_EQ(n, 1, "one processor");
	mach_port_t p = procs[0], h, assigned, name;
	vm_deallocate(SELF, (vm_address_t) procs, n * sizeof *procs);
	integer_t info[8];
	n = 8;
	ASSERT_RET(processor_info(p, PROCESSOR_BASIC_INFO, &h, info, &n), "processor_info");
	ASSERT_EQ(n, 5, "processor basic info count");
	ASSERT_EQ(info[2], TRUE, "running");
	ASSERT_EQ(info[3], 0, "slot 0");
	ASSERT_EQ(info[4], TRUE, "master");
	ASSERT_EQ(h, host, "host port");
	mach_port_deallocate(SELF, h);
	n = 8;
	EXPECT_KR(processor_info(p, 2, &h, info, &n), KERN_FAILURE);
	n = 4;
	EXPECT_KR(processor_info(p, PROCESSOR_BASIC_INFO, &h, info, &n), KERN_FAILURE);
	n = 8;
	EXPECT_KR(processor_info(SELF, PROCESSOR_BASIC_INFO, &h, info, &n), KERN_INVALID_ARGUMENT);
	ASSERT_RET(processor_get_assignment(p, &assigned), "processor_get_assignment");
	ASSERT_RET(processor_set_default(host, &name), "processor_set_default");
	ASSERT_EQ(assigned, name, "assigned to the default set (name port)");
	EXPECT_KR(processor_assign(p, name, FALSE), KERN_FAILURE);
	mach_port_deallocate(SELF, assigned);
	mach_port_deallocate(SELF, name);
	EXPECT_KR(processor_start(p), KERN_FAILURE);
	EXPECT_KR(processor_exit(p), KERN_FAILURE);
	integer_t cmd[1] = { 0 };
	EXPECT_KR(processor_control(p, cmd, 1), KERN_FAILURE);
	EXPECT_KR(processor_start(SELF), KERN_INVALID_ARGUMENT);
	EXPECT_KR(processor_exit(host), KERN_INVALID_ARGUMENT);
	mach_port_deallocate(SELF, p);
}

static long adj_us(time_value_t t) { return t.seconds * 1000000 + t.microseconds; }

static void test_adjust_time(mach_port_t host)
{
	time_value_t big = { .seconds = 2, .microseconds = 3 }, zero = { 0, 0 }, old;
	EXPECT_KR(host_adjust_time(host, big, &old), KERN_INVALID_HOST);
	ASSERT_RET(host_adjust_time(host_priv(), big, &old), "host_adjust_time");
	ASSERT_EQ(adj_us(old), 0, "no adjustment before");
	for (int i = 0; i < 10; i++)
		swtch();
	ASSERT_RET(host_adjust_time(host_priv(), zero, &old), "host_adjust_time(0)");
	printf("2.000003 s adjustment, %ld us left\n", adj_us(old));
	ASSERT(adj_us(old) <= 2000000 && adj_us(old) > 1900000, "the rest of the adjustment, rounded down to 50 us");
	ASSERT_EQ(adj_us(old) % 50, 0, "50 us per tick beyond a second");
	ASSERT_RET(host_adjust_time(host_priv(), zero, &old), "host_adjust_time(0) again");
	ASSERT_EQ(adj_us(old), 0, "cancelled");

	time_value64_t small = { .seconds = 0, .nanoseconds = 1500999 }, zero64 = { 0, 0 }, old64;
	EXPECT_KR(host_adjust_time64(host, small, &old64), KERN_INVALID_HOST);
	ASSERT_RET(host_adjust_time64(host_priv(), small, &old64), "host_adjust_time64");
	ASSERT(old64.seconds == 0 && old64.nanoseconds == 0, "none in progress");
	ASSERT_RET(host_adjust_time64(host_priv(), zero64, &old64), "host_adjust_time64(0)");
	ASSERT(old64.seconds == 0 && old64.nanoseconds <= 1500000 && old64.nanoseconds > 0, "rest of 1.5 ms");
	ASSERT_EQ(old64.nanoseconds % 5000, 0, "5 us per tick");
	EXPECT_KR(host_adjust_time(0x7777, zero, &old), MACH_SEND_INVALID_DEST);
}

static void test_default_manager(mach_port_t host)
{
	mach_port_t dm = MACH_PORT_NULL;
	EXPECT_KR(vm_set_default_memory_manager(host, &dm), KERN_INVALID_HOST);
	ASSERT_RET(vm_set_default_memory_manager(host_priv(), &dm), "read the default manager");
	ASSERT_EQ(dm, MACH_PORT_NULL, "none at boot");
	mach_port_t mine = test_port();
	dm = mine;
	ASSERT_RET(vm_set_default_memory_manager(host_priv(), &dm), "register one");
	ASSERT_EQ(dm, MACH_PORT_NULL, "the previous one (none)");
	dm = MACH_PORT_NULL;
	ASSERT_RET(vm_set_default_memory_manager(host_priv(), &dm), "read it back");
	ASSERT_EQ(dm, mine, "our port (a copied send right)");
	mach_port_urefs_t refs;
	ASSERT_RET(mach_port_get_refs(SELF, mine, MACH_PORT_RIGHT_SEND, &refs), "refs");
	ASSERT_EQ(refs, 2, "the send right we were given back");
	mach_port_deallocate(SELF, mine);
}

int test_main(int argc, char **argv)
{
	(void) argc, (void) argv;
	mach_port_t host = mach_host_self();
	test_info(host);
	test_time(host);
	test_set_time(host);
	test_processors(host);
	test_hwcaps(host);
	test_psets(host);
	test_processor(host);
	test_adjust_time(host);
	test_default_manager(host);
	mach_port_deallocate(SELF, host);
	return 0;
}
