/* module-task: tasks.
 * Success: task_create (empty and inheriting memory: the child sees a copy of our data, copy
 * on write), syscall_task_create (-68), task_info (TASK_BASIC_INFO, TASK_EVENTS_INFO,
 * TASK_THREAD_TIMES_INFO), task_threads (empty child, ourselves), task_suspend / task_resume
 * (suspend count in task_info), task_get/set_special_port (bootstrap is NULL for boot modules,
 * round trip on a child), task_set_name, vm_* on a child task, task_terminate (RPC and trap) —
 * after which every RPC on the task fails.
 * Errors: KERN_INVALID_ARGUMENT (bad flavor, bad special-port selector), a too small info
 * count (error), MACH_SEND_INVALID_DEST (bad task name), KERN_FAILURE for resuming a task
 * that is not suspended (GNU Mach), MACH_SEND_INTERRUPTED for shortcut traps on a non-task. */
#include "testlib.h"

#define SELF mach_task_self()

static volatile unsigned long shared_value = 0x1122334455667788ul;

struct task_basic_info {
	integer_t suspend_count;
	integer_t base_priority;
	rpc_vm_size_t virtual_size;
	rpc_vm_size_t resident_size;
	/* times follow; not examined */
};

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
	return 0;
}
