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
 * that is not suspended (GNU Mach), MACH_SEND_INTERRUPTED for shortcut traps on a non-task.
 * Scheduling and sets: task_priority (new threads take it, up to the set's max_priority;
 * change_threads: KERN_FAILURE when a thread cannot take it; bad priority KERN_INVALID_ARGUMENT),
 * task_assign / task_assign_default KERN_FAILURE (no MACH_HOST), task_get_assignment = the
 * default set's name port. Emulation (kern/syscall_emulation.c): task_set_emulation_vector /
 * task_set_emulation grow one vector of entry points, task_get_emulation_vector returns it
 * (vector_start, OOL array), task_create inherits it, EML_BAD_TASK for a port that is no task;
 * task_ras_control KERN_FAILURE (no FAST_TAS). New-task notifications (gnumach.defs,
 * task_notify.defs): register_new_task_notification needs host_priv (KERN_INVALID_HOST), works
 * once (then KERN_NO_ACCESS); a server thread receives mach_notify_new_task (4400) for each
 * task_create, carrying send rights to the new task and to its parent (us). */
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

#define BASEPRI_USER 25
#define THREAD_SCHED_INFO_COUNT 7
#define EML_BAD_TASK 0x8001

static int thread_base_priority(thread_t th)
{
	integer_t info[THREAD_SCHED_INFO_COUNT];
	mach_msg_type_number_t n = THREAD_SCHED_INFO_COUNT;
	ASSERT_RET(thread_info(th, THREAD_SCHED_INFO, info, &n), "thread_info sched");
	return info[2];
}

static void test_priority_and_assignment(void)
{
	task_t child;
	thread_t th, th2;
	ASSERT_RET(task_create(SELF, FALSE, &child), "task_create");
	ASSERT_RET(task_priority(child, 30, FALSE), "task_priority");
	ASSERT_RET(thread_create(child, &th), "thread_create");
	ASSERT_EQ(thread_base_priority(th), 30, "a new thread takes the task's priority");
	EXPECT_KR(task_priority(child, 50, FALSE), KERN_INVALID_ARGUMENT);
	EXPECT_KR(task_priority(child, -1, TRUE), KERN_INVALID_ARGUMENT);
	EXPECT_KR(task_priority(child, 10, TRUE), KERN_FAILURE);
	ASSERT_EQ(thread_base_priority(th), 30, "the thread keeps its priority (max_priority 25)");
	ASSERT_RET(thread_create(child, &th2), "thread_create");
	ASSERT_EQ(thread_base_priority(th2), BASEPRI_USER, "the task priority 10 was set; the set's limit applies");
	ASSERT_RET(task_priority(child, 35, TRUE), "task_priority change_threads");
	ASSERT_EQ(thread_base_priority(th), 35, "thread 1 changed");
	ASSERT_EQ(thread_base_priority(th2), 35, "thread 2 changed");
	EXPECT_KR(task_priority(th, 30, FALSE), KERN_INVALID_ARGUMENT);
	EXPECT_KR(task_priority(0x7777, 30, FALSE), MACH_SEND_INVALID_DEST);

	mach_port_t host = mach_host_self(), name, set, assigned;
	ASSERT_RET(processor_set_default(host, &name), "processor_set_default");
	ASSERT_RET(host_processor_set_priv(host_priv(), name, &set), "host_processor_set_priv");
	ASSERT_RET(task_get_assignment(child, &assigned), "task_get_assignment");
	ASSERT_EQ(assigned, name, "the default set (name port)");
	mach_port_deallocate(SELF, assigned);
	EXPECT_KR(task_get_assignment(th, &assigned), KERN_INVALID_ARGUMENT);
	EXPECT_KR(task_assign(child, set, FALSE), KERN_FAILURE);
	EXPECT_KR(task_assign_default(child, TRUE), KERN_FAILURE);
	ASSERT_RET(task_terminate(child), "task_terminate");
	mach_port_destroy(SELF, child);
	mach_port_destroy(SELF, th);
	mach_port_destroy(SELF, th2);
	mach_port_deallocate(SELF, set);
	mach_port_deallocate(SELF, name);
	mach_port_deallocate(SELF, host);
}

static void expect_vector(task_t task, int start, const vm_offset_t *want, unsigned n, const char *what)
{
	int vs = -1;
	emulation_vector_t v;
	mach_msg_type_number_t vn = 0;
	ASSERT_RET(task_get_emulation_vector(task, &vs, &v, &vn), what);
	ASSERT_EQ(vs, start, what);
	ASSERT_EQ(vn, n, what);
	for (unsigned i = 0; i < n; i++)
		ASSERT_EQ(v[i], want[i], what);
	if (vn)
		vm_deallocate(SELF, (vm_address_t) v, vn * sizeof *v);
}

static void test_emulation(void)
{
	expect_vector(SELF, 0, NULL, 0, "no emulation vector at boot");
	vm_offset_t v[2] = { 0x1000, 0x2000 };
	ASSERT_RET(task_set_emulation_vector(SELF, 10, v, 2), "task_set_emulation_vector");
	vm_offset_t want1[2] = { 0x1000, 0x2000 };
	expect_vector(SELF, 10, want1, 2, "vector as set");
	ASSERT_RET(task_set_emulation(SELF, 0x3000, 13), "task_set_emulation");
	vm_offset_t want2[4] = { 0x1000, 0x2000, 0, 0x3000 };
	expect_vector(SELF, 10, want2, 4, "grown to cover entry 13");
	ASSERT_RET(task_set_emulation(SELF, 0x4000, 8), "below the start");
	vm_offset_t want3[6] = { 0x4000, 0, 0x1000, 0x2000, 0, 0x3000 };
	expect_vector(SELF, 8, want3, 6, "grown downwards");
	task_t child;
	ASSERT_RET(task_create(SELF, FALSE, &child), "task_create");
	expect_vector(child, 8, want3, 6, "inherited by task_create");
	ASSERT_RET(task_set_emulation(child, 0x5000, 9), "the child's own");
	expect_vector(SELF, 8, want3, 6, "ours unchanged");
	ASSERT_RET(task_terminate(child), "task_terminate");
	mach_port_destroy(SELF, child);
	mach_port_t host = mach_host_self();
	int vs;
	emulation_vector_t ev;
	mach_msg_type_number_t vn;
	EXPECT_KR(task_get_emulation_vector(host, &vs, &ev, &vn), EML_BAD_TASK);
	EXPECT_KR(task_set_emulation_vector(host, 0, v, 2), EML_BAD_TASK);
	EXPECT_KR(task_set_emulation(host, 0x1000, 1), EML_BAD_TASK);
	EXPECT_KR(task_set_emulation(0x7777, 0x1000, 1), MACH_SEND_INVALID_DEST);
	EXPECT_KR(task_ras_control(SELF, 0x400000, 0x400100, 1), KERN_FAILURE);
	mach_port_deallocate(SELF, host);
}

/* mach_notify_new_task (task_notify.defs 4400): moved send rights to the task and its parent. */
typedef struct {
	mach_msg_header_t Head;
	mach_msg_type_t taskType;
	mach_port_name_inlined_t task;
	mach_msg_type_t parentType;
	mach_port_name_inlined_t parent;
} new_task_msg_t;
_Static_assert(sizeof(new_task_msg_t) == 64, "mach_notify_new_task layout");

static mach_port_t notify_port;
static volatile int notified;
static volatile mach_port_t notified_task, notified_parent;
static volatile int notify_ok;

static void notify_server(void *arg)
{
	(void) arg;
	static union { new_task_msg_t m; char b[256]; } u;
	for (;;) {
		mach_msg_return_t r = mach_msg(&u.m.Head, MACH_RCV_MSG, 0, sizeof u, notify_port, 0, MACH_PORT_NULL);
		if (r != MACH_MSG_SUCCESS)
			return; /* the port was destroyed: done */
		int ok = u.m.Head.msgh_id == 4400 && u.m.Head.msgh_size == sizeof u.m
			&& (u.m.Head.msgh_bits & MACH_MSGH_BITS_COMPLEX)
			&& u.m.taskType.msgt_name == MACH_MSG_TYPE_PORT_SEND && u.m.taskType.msgt_number == 1
			&& u.m.parentType.msgt_name == MACH_MSG_TYPE_PORT_SEND && u.m.parentType.msgt_number == 1;
		notified_task = u.m.task.name;
		notified_parent = u.m.parent.name;
		notify_ok = ok;
		atomic_add(&notified, 1);
	}
}

static void test_new_task_notification(void)
{
	mach_port_t host = mach_host_self();
	notify_port = test_port();
	EXPECT_KR(register_new_task_notification(host, notify_port, MACH_MSG_TYPE_MAKE_SEND), KERN_INVALID_HOST);
	ASSERT_RET(register_new_task_notification(host_priv(), notify_port, MACH_MSG_TYPE_MAKE_SEND),
		   "register_new_task_notification");
	EXPECT_KR(register_new_task_notification(host_priv(), notify_port, MACH_MSG_TYPE_MAKE_SEND), KERN_NO_ACCESS);
	thread_t th;
	ASSERT_RET(mach_thread_spawn(notify_server, NULL, &th), "notification server");
	task_t child;
	ASSERT_RET(task_create(SELF, FALSE, &child), "task_create");
	test_wait_flag(&notified, "mach_notify_new_task");
	ASSERT(notify_ok, "a mach_notify_new_task message with two send rights");
	ASSERT_EQ(notified_task, child, "a send right to the new task (same name as ours)");
	ASSERT_EQ(notified_parent, SELF, "a send right to the parent: us");
	mach_port_urefs_t refs;
	ASSERT_RET(mach_port_get_refs(SELF, child, MACH_PORT_RIGHT_SEND, &refs), "child refs");
	ASSERT_EQ(refs, 2, "task_create's right and the notification's");
	task_t child2;
	ASSERT_RET(syscall_task_create(SELF, TRUE, &child2), "syscall_task_create");
	for (int i = 0; i < 1000 && atomic_load(&notified) < 2; i++)
		swtch();
	ASSERT_EQ(atomic_load(&notified), 2, "the trap's task_create notifies too");
	ASSERT_EQ(notified_task, child2, "second task");
	ASSERT_RET(task_terminate(child), "terminate");
	ASSERT_RET(task_terminate(child2), "terminate");
	mach_port_destroy(SELF, child);
	mach_port_destroy(SELF, child2);
	mach_port_mod_refs(SELF, SELF, MACH_PORT_RIGHT_SEND, -2);
	/* destroying the port ends the server and the later notifications */
	mach_port_destroy(SELF, notify_port);
	mach_port_deallocate(SELF, th);
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
	test_priority_and_assignment();
	test_emulation();
	test_new_task_notification();
	return 0;
}
