/* module-task: tasks.
 * Success: task_create (empty and inheriting memory: the child sees a copy of our data, copy
 * on write), syscall_task_create (-68), task_info (TASK_BASIC_INFO, TASK_EVENTS_INFO,
 * TASK_THREAD_TIMES_INFO with their full 64-bit layouts: sizes, fault count, creation time, counts
 * without the time_value64_t members), mach_ports_register / mach_ports_lookup (always 3
 * entries, replaced, cleared, inherited by task_create), task_threads (empty child, ourselves), task_suspend / task_resume
 * (suspend count in task_info), task_get/set_special_port (bootstrap is NULL for boot modules,
 * round trip on a child), task_set_name, vm_* on a child task, task_terminate (RPC and trap) —
 * after which every RPC on the task fails.
 * Errors: KERN_INVALID_ARGUMENT (bad flavor, bad special-port selector, info counts below each
 * flavor's minimum, more than 3 registered ports), a too small info count (error), MACH_SEND_INVALID_DEST (bad task name), KERN_FAILURE for resuming a task
 * that is not suspended (GNU Mach), MACH_SEND_INTERRUPTED for shortcut traps on a non-task. */
#include "testlib.h"

#define SELF mach_task_self()

static volatile unsigned long shared_value = 0x1122334455667788ul;

struct task_basic_info {
	integer_t suspend_count;
	integer_t base_priority;
	rpc_vm_size_t virtual_size;
	rpc_vm_size_t resident_size;
	time_value_t user_time, system_time, creation_time;
	time_value64_t user_time64, system_time64, creation_time64;
};
_Static_assert(sizeof(struct task_basic_info) == 120, "task_basic_info layout");
#define TASK_BASIC_INFO_COUNT 30
#define TASK_EVENTS_INFO_COUNT 14
#define TASK_THREAD_TIMES_INFO_COUNT 16

struct task_events_info {
	rpc_long_natural_t faults, zero_fills, reactivations, pageins, cow_faults, messages_sent,
		messages_received;
};
_Static_assert(sizeof(struct task_events_info) == TASK_EVENTS_INFO_COUNT * 4, "task_events_info layout");

struct task_thread_times_info {
	time_value_t user_time, system_time;
	time_value64_t user_time64, system_time64;
};
_Static_assert(sizeof(struct task_thread_times_info) == TASK_THREAD_TIMES_INFO_COUNT * 4, "times layout");

/* The info flavors with their full layouts and the counts GNU Mach accepts: the basic and
 * thread-times flavors also take the count without their time_value64_t members. */
static void test_info_flavors(void)
{
	integer_t info[64];
	mach_msg_type_number_t n = 64;
	struct task_basic_info *bi = (struct task_basic_info *) info;
	ASSERT_RET(task_info(SELF, TASK_BASIC_INFO, info, &n), "task_info basic");
	ASSERT_EQ(n, TASK_BASIC_INFO_COUNT, "basic count");
	ASSERT(bi->virtual_size > 0 && bi->virtual_size % vm_page_size == 0, "virtual size in pages");
	ASSERT(bi->resident_size > 0 && bi->resident_size <= bi->virtual_size, "resident size");
	ASSERT(bi->resident_size % vm_page_size == 0, "resident size in pages");
	ASSERT_EQ(bi->creation_time64.seconds, bi->creation_time.seconds, "creation time in both forms");
	ASSERT_EQ(bi->creation_time64.nanoseconds / 1000, bi->creation_time.microseconds, "creation microseconds");
	ASSERT(bi->creation_time.seconds > 0, "creation time set");
	n = TASK_BASIC_INFO_COUNT - 12;
	ASSERT_RET(task_info(SELF, TASK_BASIC_INFO, info, &n), "task_info basic without the time64 fields");
	ASSERT_EQ(n, TASK_BASIC_INFO_COUNT - 12, "short basic count kept");
	n = TASK_BASIC_INFO_COUNT - 13;
	EXPECT_KR(task_info(SELF, TASK_BASIC_INFO, info, &n), KERN_INVALID_ARGUMENT);

	/* a fault of ours is counted */
	vm_address_t a = 0;
	ASSERT_RET(vm_allocate(SELF, &a, vm_page_size, TRUE), "vm_allocate");
	*(volatile int *) a = 1;
	n = 64;
	struct task_events_info *ei = (struct task_events_info *) info;
	ASSERT_RET(task_info(SELF, TASK_EVENTS_INFO, info, &n), "task_info events");
	ASSERT_EQ(n, TASK_EVENTS_INFO_COUNT, "events count");
	ASSERT(ei->faults > 0, "page faults counted");
	vm_deallocate(SELF, a, vm_page_size);
	n = TASK_EVENTS_INFO_COUNT - 1;
	EXPECT_KR(task_info(SELF, TASK_EVENTS_INFO, info, &n), KERN_INVALID_ARGUMENT);

	n = 64;
	struct task_thread_times_info *ti = (struct task_thread_times_info *) info;
	ASSERT_RET(task_info(SELF, TASK_THREAD_TIMES_INFO, info, &n), "task_info thread times");
	ASSERT_EQ(n, TASK_THREAD_TIMES_INFO_COUNT, "times count");
	ASSERT_EQ(ti->user_time64.seconds, ti->user_time.seconds, "user time in both forms");
	ASSERT_EQ(ti->user_time64.nanoseconds / 1000, ti->user_time.microseconds, "user microseconds");
	ASSERT(ti->user_time.microseconds >= 0 && ti->user_time.microseconds < 1000000, "microseconds range");
	n = TASK_THREAD_TIMES_INFO_COUNT - 8;
	ASSERT_RET(task_info(SELF, TASK_THREAD_TIMES_INFO, info, &n), "thread times without time64");
	ASSERT_EQ(n, TASK_THREAD_TIMES_INFO_COUNT - 8, "short times count kept");
	n = TASK_THREAD_TIMES_INFO_COUNT - 9;
	EXPECT_KR(task_info(SELF, TASK_THREAD_TIMES_INFO, info, &n), KERN_INVALID_ARGUMENT);
	n = 64;
	EXPECT_KR(task_info(SELF, 4, info, &n), KERN_INVALID_ARGUMENT);
}

#define TASK_PORT_REGISTER_MAX 3

static void expect_registered(task_t task, mach_port_t a, mach_port_t b, mach_port_t c, const char *what)
{
	mach_port_array_t ports;
	mach_msg_type_number_t n = 0;
	ASSERT_RET(mach_ports_lookup(task, &ports, &n), what);
	ASSERT_EQ(n, TASK_PORT_REGISTER_MAX, "lookup always returns TASK_PORT_REGISTER_MAX entries");
	ASSERT_EQ(ports[0], a, what);
	ASSERT_EQ(ports[1], b, what);
	ASSERT_EQ(ports[2], c, what);
	for (unsigned i = 0; i < n; i++)
		if (MACH_PORT_VALID(ports[i]))
			mach_port_deallocate(SELF, ports[i]);
	vm_deallocate(SELF, (vm_address_t) ports, n * sizeof *ports);
}

/* mach_ports_register / mach_ports_lookup: the registered array, inherited by task_create. */
static void test_registered_ports(void)
{
	expect_registered(SELF, MACH_PORT_NULL, MACH_PORT_NULL, MACH_PORT_NULL, "nothing registered at boot");
	mach_port_t p1 = test_port(), p2 = test_port(), p3 = test_port(), p4 = test_port();
	mach_port_t two[2] = { p1, p2 };
	ASSERT_RET(mach_ports_register(SELF, two, 2), "register two");
	expect_registered(SELF, p1, p2, MACH_PORT_NULL, "two registered (names coalesce)");

	task_t child;
	ASSERT_RET(task_create(SELF, FALSE, &child), "task_create");
	expect_registered(child, p1, p2, MACH_PORT_NULL, "a child inherits the registered ports");

	mach_port_t four[4] = { p1, p2, p3, p4 };
	EXPECT_KR(mach_ports_register(SELF, four, 4), KERN_INVALID_ARGUMENT);
	expect_registered(SELF, p1, p2, MACH_PORT_NULL, "unchanged after a refused register");
	mach_port_t three[3] = { p3, MACH_PORT_NULL, p1 };
	ASSERT_RET(mach_ports_register(SELF, three, 3), "register three");
	expect_registered(SELF, p3, MACH_PORT_NULL, p1, "replaced");
	expect_registered(child, p1, p2, MACH_PORT_NULL, "the child's copy is its own");
	ASSERT_RET(mach_ports_register(SELF, NULL, 0), "register none");
	expect_registered(SELF, MACH_PORT_NULL, MACH_PORT_NULL, MACH_PORT_NULL, "cleared");
	EXPECT_KR(mach_ports_register(0x7777, two, 2), MACH_SEND_INVALID_DEST);
	mach_port_array_t ports;
	mach_msg_type_number_t n;
	EXPECT_KR(mach_ports_lookup(0x7777, &ports, &n), MACH_SEND_INVALID_DEST);

	/* the kernel's send rights die with the child; ours stay */
	ASSERT_RET(task_terminate(child), "task_terminate");
	mach_port_destroy(SELF, child);
	mach_port_urefs_t refs;
	ASSERT_RET(mach_port_get_refs(SELF, p2, MACH_PORT_RIGHT_SEND, &refs), "refs");
	ASSERT_EQ(refs, 1, "only our own send right left");
	mach_port_destroy(SELF, p1);
	mach_port_destroy(SELF, p2);
	mach_port_destroy(SELF, p3);
	mach_port_destroy(SELF, p4);
}

static void test_create_and_info(void)
{
	task_t child;
	ASSERT_RET(task_create(SELF, FALSE, &child), "task_create");
	ASSERT(MACH_PORT_VALID(child), "child task name");
	integer_t info[64];
	mach_msg_type_number_t n = 64;
	ASSERT_RET(task_info(child, TASK_BASIC_INFO, info, &n), "task_info basic");
	ASSERT(n >= 6 && n <= 64, "basic info count");
	struct task_basic_info *bi = (struct task_basic_info *) info;
	ASSERT_EQ(bi->suspend_count, 0, "new task not suspended");
	n = 64;
	ASSERT_RET(task_info(child, TASK_EVENTS_INFO, info, &n), "task_info events");
	n = 64;
	ASSERT_RET(task_info(child, TASK_THREAD_TIMES_INFO, info, &n), "task_info thread times");
	n = 64;
	EXPECT_KR(task_info(child, 999, info, &n), KERN_INVALID_ARGUMENT);
	n = 1;
	EXPECT_FAIL(task_info(child, TASK_BASIC_INFO, info, &n));
	n = 64;
	EXPECT_KR(task_info(0x7777, TASK_BASIC_INFO, info, &n), MACH_SEND_INVALID_DEST);

	thread_array_t threads;
	mach_msg_type_number_t nt = 99;
	ASSERT_RET(task_threads(child, &threads, &nt), "task_threads(child)");
	ASSERT_EQ(nt, 0, "a new task has no threads");
	ASSERT_RET(task_threads(SELF, &threads, &nt), "task_threads(self)");
	ASSERT(nt >= 1, "we have a thread");
	for (unsigned i = 0; i < nt; i++)
		mach_port_deallocate(SELF, threads[i]);
	vm_deallocate(SELF, (vm_address_t) threads, nt * sizeof *threads);

	/* suspend / resume */
	ASSERT_RET(task_suspend(child), "task_suspend");
	n = 64;
	ASSERT_RET(task_info(child, TASK_BASIC_INFO, info, &n), "task_info");
	ASSERT_EQ(bi->suspend_count, 1, "suspend count 1");
	ASSERT_RET(task_suspend(child), "task_suspend again");
	ASSERT_RET(task_resume(child), "task_resume");
	ASSERT_RET(task_resume(child), "task_resume");
	n = 64;
	ASSERT_RET(task_info(child, TASK_BASIC_INFO, info, &n), "task_info");
	ASSERT_EQ(bi->suspend_count, 0, "suspend count back to 0");
	EXPECT_KR(task_resume(child), KERN_FAILURE);

	/* special ports */
	mach_port_t sp;
	ASSERT_RET(task_get_special_port(SELF, TASK_BOOTSTRAP_PORT, &sp), "get bootstrap");
	ASSERT_EQ(sp, MACH_PORT_NULL, "boot modules have no bootstrap port");
	ASSERT_RET(task_get_special_port(SELF, TASK_KERNEL_PORT, &sp), "get kernel port");
	ASSERT_EQ(sp, SELF, "the kernel port is mach_task_self()");
	mach_port_deallocate(SELF, sp);
	mach_port_t p = test_port();
	ASSERT_RET(task_set_special_port(child, TASK_BOOTSTRAP_PORT, p), "set child bootstrap");
	ASSERT_RET(task_get_special_port(child, TASK_BOOTSTRAP_PORT, &sp), "get child bootstrap");
	ASSERT_EQ(sp, p, "bootstrap round trip (coalesced name)");
	mach_port_deallocate(SELF, sp);
	EXPECT_KR(task_get_special_port(child, 99, &sp), KERN_INVALID_ARGUMENT);
	EXPECT_KR(task_set_special_port(child, 99, p), KERN_INVALID_ARGUMENT);
	ASSERT_RET(syscall_task_set_special_port(child, TASK_EXCEPTION_PORT, p), "trap set special");
	ASSERT_RET(task_get_special_port(child, TASK_EXCEPTION_PORT, &sp), "get exception port");
	ASSERT_EQ(sp, p, "trap set the exception port");
	mach_port_deallocate(SELF, sp);
	ASSERT_RET(task_set_name(child, "conformance-child"), "task_set_name");

	/* VM of the child */
	vm_address_t a = 0;
	ASSERT_RET(vm_allocate(child, &a, vm_page_size, TRUE), "vm_allocate in child");
	vm_offset_t data;
	mach_msg_type_number_t dn;
	ASSERT_RET(vm_read(child, a, vm_page_size, &data, &dn), "vm_read from child");
	ASSERT_EQ(*(unsigned long *) data, 0, "child memory zero-filled");
	vm_deallocate(SELF, data, dn);

	/* terminate: the port is disabled (GNU Mach destroys it, so our right becomes a dead name
	 * and sends fail with MACH_SEND_INVALID_DEST; a kernel that only disables it answers with
	 * an error reply). Either way nothing works on it any more. */
	ASSERT_RET(task_terminate(child), "task_terminate");
	n = 64;
	EXPECT_FAIL(task_info(child, TASK_BASIC_INFO, info, &n));
	mach_port_destroy(SELF, child);
	mach_port_destroy(SELF, p);
}

static void test_inherit(void)
{
	task_t child;
	ASSERT_RET(task_create(SELF, TRUE, &child), "task_create inheriting memory");
	shared_value = 0x99;
	vm_offset_t data;
	mach_msg_type_number_t n;
	vm_address_t page = trunc_page((vm_address_t) &shared_value);
	ASSERT_RET(vm_read(child, page, vm_page_size, &data, &n), "vm_read child's copy");
	unsigned long off = (vm_address_t) &shared_value - page;
	ASSERT_EQ(*(unsigned long *) (data + off), 0x1122334455667788ul,
		  "child has the value as it was at task_create (copy on write)");
	vm_deallocate(SELF, data, n);
	ASSERT_RET(task_terminate(child), "task_terminate");
	mach_port_destroy(SELF, child);

	/* The trap version, and trap terminate. */
	ASSERT_RET(syscall_task_create(SELF, FALSE, &child), "syscall_task_create");
	ASSERT(MACH_PORT_VALID(child), "trap child name");
	EXPECT_KR(syscall_task_create(SELF, FALSE, (mach_port_name_t *) 0x10), KERN_INVALID_ADDRESS);
	ASSERT_RET(syscall_task_suspend(child), "syscall_task_suspend");
	ASSERT_RET(syscall_task_terminate(child), "syscall_task_terminate");
	EXPECT_FAIL(task_suspend(child));
	mach_port_destroy(SELF, child);
	mach_port_t host = mach_host_self();
	EXPECT_KR(syscall_task_create(host, FALSE, &child), MACH_SEND_INTERRUPTED);
	EXPECT_KR(syscall_task_terminate(host), MACH_SEND_INTERRUPTED);
	EXPECT_KR(syscall_task_suspend(0x7777), MACH_SEND_INTERRUPTED);
	EXPECT_KR(task_create(0x7777, FALSE, &child), MACH_SEND_INVALID_DEST);
	mach_port_deallocate(SELF, host);
}

int test_main(int argc, char **argv)
{
	(void) argc, (void) argv;
	/* As glibc's _hurd_startup does: reserve page zero, so that 0x10 is a bad user pointer
	 * (GNU Mach hands out addresses from 0 up to vm_allocate(anywhere)). */
	vm_address_t zero = 0;
	ASSERT_RET(syscall_vm_map(SELF, &zero, vm_page_size, 0, FALSE, MACH_PORT_NULL, 0, TRUE,
				  VM_PROT_NONE, VM_PROT_NONE, VM_INHERIT_COPY),
		   "reserve page zero");
	test_create_and_info();
	test_inherit();
	test_info_flavors();
	test_registered_ports();
	return 0;
}
