/* module-time: the mapped time page of the "time" device.
 * Success: device_open "time", device_map (read), vm_map of the pager, the mapped_time_value
 * (LP64: integer_t seconds, microseconds, check_seconds; time_value64 at 16; check_seconds64 at
 * 32) read with the check_seconds protocol matches host_get_time within a tick, advances while
 * the program runs, and its 64-bit fields agree with the 32-bit ones.
 * Errors: device_map on the console and with protection bits outside VM_PROT_ALL answer
 * D_INVALID_OPERATION; a mapping past the device's page faults with KERN_MEMORY_ERROR; an
 * unknown device name is D_NO_SUCH_DEVICE. */
#include "testlib.h"

#define SELF mach_task_self()

struct mtime {
	int seconds, microseconds, check_seconds, pad;
	long long tv_seconds, tv_nanoseconds, check_seconds64;
};

static long long read_us(volatile struct mtime *m)
{
	int s, us;
	do {
		s = m->seconds;
		__sync_synchronize();
		us = m->microseconds;
		__sync_synchronize();
	} while (s != m->check_seconds);
	return (long long) s * 1000000 + us;
}

static long long host_us(void)
{
	time_value_t tv;
	ASSERT_RET(host_get_time(host_priv(), &tv), "host_get_time");
	return (long long) tv.seconds * 1000000 + tv.microseconds;
}

static kern_return_t open_dev(const char *name, mach_port_t *dev)
{
	static dev_name_t n;
	memset(n, 0, sizeof n);
	memcpy(n, name, strlen(name));
	return device_open(device_priv(), 0, n, dev);
}

static void touch(void *arg)
{
	(void) *(volatile int *) arg;
}

int test_main(int argc, char **argv)
{
	(void) argc; (void) argv;
	mach_port_t dev, pager, console, bad;
	EXPECT_KR(open_dev("no-such-device", &bad), D_NO_SUCH_DEVICE);
	ASSERT_RET(open_dev("time", &dev), "device_open time");
	ASSERT_RET(device_map(dev, VM_PROT_READ, 0, vm_page_size, &pager, 0), "device_map");
	ASSERT(MACH_PORT_VALID(pager), "pager port");
	vm_address_t a = 0;
	ASSERT_RET(vm_map(SELF, &a, vm_page_size, 0, TRUE, pager, 0, FALSE, VM_PROT_READ, VM_PROT_READ,
			  VM_INHERIT_NONE), "vm_map time");
	volatile struct mtime *m = (volatile struct mtime *) a;

	long long t0 = read_us(m), h0 = host_us();
	long long d = h0 - t0;
	ASSERT(d >= 0 && d <= 10000, "mapped time within a tick of host_get_time");
	ASSERT_EQ(m->tv_seconds, (long long) m->seconds, "time_value.seconds");
	ASSERT_EQ(m->check_seconds64, m->tv_seconds, "check_seconds64");
	ASSERT_EQ(m->tv_nanoseconds / 1000, (long long) m->microseconds, "nanoseconds agree");
	/* time advances while we run (ticks and kernel entries update the page) */
	long long t1 = t0;
	for (int i = 0; i < 200 && t1 == t0; i++) {
		for (volatile int j = 0; j < 20000; j++)
			;
		t1 = read_us(m);
	}
	ASSERT(t1 > t0, "mapped time advances");
	long long h1 = host_us(), t2 = read_us(m);
	ASSERT(h1 - t2 >= 0 && h1 - t2 <= 10000, "still within a tick");

	/* a second device_map / vm_map sees the same page */
	mach_port_t pager2;
	vm_address_t b = 0;
	ASSERT_RET(device_map(dev, VM_PROT_READ, 0, vm_page_size, &pager2, 0), "device_map again");
	ASSERT_RET(vm_map(SELF, &b, vm_page_size, 0, TRUE, pager2, 0, FALSE, VM_PROT_READ, VM_PROT_READ,
			  VM_INHERIT_NONE), "vm_map again");
	ASSERT(read_us((volatile struct mtime *) b) >= t2, "same clock");

	/* errors */
	ASSERT_RET(open_dev("console", &console), "console");
	EXPECT_KR(device_map(console, VM_PROT_READ, 0, vm_page_size, &bad, 0), D_INVALID_OPERATION);
	EXPECT_KR(device_map(dev, 0x10, 0, vm_page_size, &bad, 0), D_INVALID_OPERATION);
	vm_address_t c = 0;
	ASSERT_RET(vm_map(SELF, &c, 2 * vm_page_size, 0, TRUE, pager, 0, FALSE, VM_PROT_READ, VM_PROT_READ,
			  VM_INHERIT_NONE), "vm_map two pages");
	struct mach_exc_request exc;
	ASSERT(test_run_catching(touch, (void *) (c + vm_page_size), &exc) == 1, "past the page faults");
	ASSERT_EQ(exc.exception, EXC_BAD_ACCESS, "exception");
	ASSERT_EQ(exc.code, KERN_MEMORY_ERROR, "memory error");
	ASSERT(test_run_catching(touch, (void *) c, &exc) == 0, "first page readable");
	return 0;
}
