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
 * name. The final host_reboot(host_priv) is the test library's. */
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

int test_main(int argc, char **argv)
{
	(void) argc, (void) argv;
	mach_port_t host = mach_host_self();
	test_info(host);
	test_time(host);
	test_set_time(host);
	test_processors(host);
	test_hwcaps(host);
	mach_port_deallocate(SELF, host);
	return 0;
}
