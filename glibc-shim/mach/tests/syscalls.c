/* module-syscalls: the trap interface itself (PROTOCOLS 2).
 * Success: mach_task_self / mach_thread_self / mach_host_self (stable names, one more user
 * reference per call), mach_reply_port (a fresh receive right each time), mach_print, the
 * null_port traps (-10..-13, -55, -56 return MACH_PORT_NULL), swtch / swtch_pri /
 * thread_switch, a trap with stack arguments (syscall_vm_map) called from deep in a frame.
 * Errors: invalid table entries (-31, -80..-95, -100) return KERN_INVALID_ARGUMENT; numbers
 * outside the table (-130, 0x1234) and `svc #imm` with imm != 0 raise EXC_SOFTWARE /
 * EXC_AARCH64_SVC (GNU Mach's tests expect EXC_BAD_INSTRUCTION for the former, its trap.c
 * raises EXC_SOFTWARE; PROTOCOLS 10 — both accepted, code must be EXC_AARCH64_SVC); a trap
 * whose stack arguments are at an unmapped sp raises EXC_BAD_ACCESS / KERN_INVALID_ADDRESS
 * with the address as subcode; bad user pointers give KERN_INVALID_ADDRESS. */
#include "testlib.h"

/* The task port name, fetched once: every mach_task_self() trap adds a user reference (as in
 * GNU Mach, where the trap copies out a new send right), so the reference counts below are
 * only predictable if the helpers do not call it themselves. */
static mach_port_t self_port;
#define SELF self_port

static mach_port_urefs_t send_refs(mach_port_t name)
{
	mach_port_urefs_t r = 0;
	ASSERT_RET(mach_port_get_refs(SELF, name, MACH_PORT_RIGHT_SEND, &r), "get_refs");
	return r;
}

static void test_self_ports(void)
{
	mach_port_t t1 = mach_task_self();
	mach_port_urefs_t r1 = send_refs(t1);
	mach_port_t t2 = mach_task_self();
	ASSERT_EQ(t2, t1, "mach_task_self is stable");
	ASSERT_EQ(send_refs(t1), r1 + 1, "mach_task_self adds a user reference");
	mach_port_deallocate(SELF, t2);

	mach_port_t th1 = mach_thread_self(), th2 = mach_thread_self();
	ASSERT(MACH_PORT_VALID(th1), "thread self");
	ASSERT_EQ(th1, th2, "mach_thread_self is stable");
	ASSERT(th1 != t1, "thread and task ports differ");
	mach_port_deallocate(SELF, th1);
	mach_port_deallocate(SELF, th2);

	mach_port_t h1 = mach_host_self(), h2 = mach_host_self();
	ASSERT(MACH_PORT_VALID(h1) && h1 == h2, "mach_host_self is stable");
	ASSERT(h1 != host_priv(), "mach_host_self is not the privileged host port");
	mach_port_deallocate(SELF, h1);
	mach_port_deallocate(SELF, h2);

	mach_port_t r = mach_reply_port(), s = mach_reply_port();
	ASSERT(MACH_PORT_VALID(r) && MACH_PORT_VALID(s) && r != s, "mach_reply_port: new names");
	mach_port_type_t type;
	ASSERT_RET(mach_port_type(SELF, r, &type), "type of a reply port");
	ASSERT_EQ(type, MACH_PORT_TYPE_RECEIVE, "reply port is a bare receive right");
	mach_port_destroy(SELF, r);
	mach_port_destroy(SELF, s);
}

static void test_table(void)
{
	ASSERT_RET(mach_print("syscalls: mach_print works\n"), "mach_print");
	static const int nulls[] = {-10, -11, -12, -13, -55, -56};
	for (unsigned i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
		ASSERT_EQ(mach_trap_raw(nulls[i], 1, 2, 3, 4, 5, 6, 7), MACH_PORT_NULL, "null_port trap");
	EXPECT_KR(mach_trap_raw(-31, 0, 0, 0, 0, 0, 0, 0), KERN_INVALID_ARGUMENT);
	for (int n = -95; n <= -80; n++)
		EXPECT_KR(mach_trap_raw(n, 0, 0, 0, 0, 0, 0, 0), KERN_INVALID_ARGUMENT);
	EXPECT_KR(mach_trap_raw(-100, 0, 0, 0, 0, 0, 0, 0), KERN_INVALID_ARGUMENT);
	EXPECT_KR(mach_trap_raw(-129, 0, 0, 0, 0, 0, 0, 0), KERN_INVALID_ARGUMENT);
	swtch();
	swtch_pri(0);
	EXPECT_KR(thread_switch(MACH_PORT_NULL, 0, 0), KERN_SUCCESS);
	/* The trap number is w8: garbage in the upper half of x8 does not matter. */
	ASSERT_EQ(mach_trap_raw((long) 0xabcd0000ffffffe4ul /* w8 = -28 */, 0, 0, 0, 0, 0, 0, 0),
		  mach_task_self(), "w8, not x8, selects the trap");
	mach_port_deallocate(SELF, SELF);
	mach_port_deallocate(SELF, SELF);
}

static long bad_trap_number;

static void call_bad_trap(void *arg)
{
	(void) arg;
	mach_trap_raw(bad_trap_number, 0, 0, 0, 0, 0, 0, 0);
}

static void call_svc_imm(void *arg)
{
	(void) arg;
	mach_svc_imm();
}

static vm_address_t bad_sp_address;

static void call_bad_sp(void *arg)
{
	(void) arg;
	/* syscall_vm_map (-64) reads arguments 9..11 at [sp]: sp is unmapped. Low addresses
	 * such as 0x1000 may hold memory the kernel chose for vm_allocate(anywhere), so the
	 * hole is made here: a page allocated and released again. */
	static vm_address_t addr;
	vm_address_t hole = 0;
	ASSERT_RET(vm_allocate(SELF, &hole, vm_page_size, TRUE), "vm_allocate (hole)");
	ASSERT_RET(vm_deallocate(SELF, hole, vm_page_size), "vm_deallocate (hole)");
	bad_sp_address = hole;
	mach_trap_sp(-64, (long) hole, SELF, (long) &addr, (long) vm_page_size, 0);
}

static void expect_svc_exception(struct mach_exc_request *exc)
{
	ASSERT(exc->exception == EXC_SOFTWARE || exc->exception == EXC_BAD_INSTRUCTION,
	       "bad trap raises EXC_SOFTWARE (or EXC_BAD_INSTRUCTION, see PROTOCOLS 10)");
	ASSERT_EQ(exc->code, EXC_AARCH64_SVC, "code EXC_AARCH64_SVC");
}

static void test_exceptions(void)
{
	struct mach_exc_request exc;
	bad_trap_number = -130;
	ASSERT(test_run_catching(call_bad_trap, NULL, &exc) == 1, "trap -130 raises an exception");
	expect_svc_exception(&exc);
	bad_trap_number = 0x1234;
	ASSERT(test_run_catching(call_bad_trap, NULL, &exc) == 1, "trap 0x1234 raises an exception");
	expect_svc_exception(&exc);
	ASSERT(test_run_catching(call_svc_imm, NULL, &exc) == 1, "svc #0x1234 raises an exception");
	ASSERT_EQ(exc.exception, EXC_SOFTWARE, "svc #imm: EXC_SOFTWARE");
	ASSERT_EQ(exc.code, EXC_AARCH64_SVC, "svc #imm: EXC_AARCH64_SVC");
	ASSERT_EQ(exc.subcode, 0x1234, "svc #imm: subcode is the immediate");
	ASSERT(test_run_catching(call_bad_sp, NULL, &exc) == 1, "stack arguments at a bad sp");
	ASSERT_EQ(exc.exception, EXC_BAD_ACCESS, "bad sp: EXC_BAD_ACCESS");
	ASSERT_EQ(exc.code, KERN_INVALID_ADDRESS, "bad sp: KERN_INVALID_ADDRESS");
	ASSERT_EQ(exc.subcode, bad_sp_address, "bad sp: subcode is the address");
}

static kern_return_t __attribute__((noinline)) deep_vm_map(int depth, vm_address_t *a)
{
	volatile char pad[64];
	pad[0] = (char) depth;
	if (depth > 0)
		return deep_vm_map(depth - 1, a) + pad[0] - (char) depth;
	return syscall_vm_map(SELF, a, vm_page_size, 0, TRUE, MACH_PORT_NULL, 0, FALSE,
			      VM_PROT_READ | VM_PROT_WRITE, VM_PROT_ALL, VM_INHERIT_SHARE);
}

static void test_pointers(void)
{
	vm_address_t a = 0;
	ASSERT_RET(deep_vm_map(5, &a), "syscall_vm_map from a deep frame");
	*(volatile int *) a = 1;
	ASSERT_RET(syscall_vm_deallocate(SELF, a, vm_page_size), "syscall_vm_deallocate");
	EXPECT_KR(syscall_vm_map(SELF, (vm_address_t *) 0x10, vm_page_size, 0, TRUE, MACH_PORT_NULL,
				 0, FALSE, VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_COPY),
		  KERN_INVALID_ADDRESS);
	mach_port_t p;
	EXPECT_KR(syscall_mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE, (mach_port_t *) 0x10),
		  KERN_INVALID_ADDRESS);
	EXPECT_KR(syscall_mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE,
					     (mach_port_t *) VM_MAX_ADDRESS),
		  KERN_INVALID_ADDRESS);
	ASSERT_RET(syscall_mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE, &p), "allocate");
	mach_port_destroy(SELF, p);
	/* mach_msg with an unmapped buffer */
	EXPECT_KR(mach_msg_trap((mach_msg_header_t *) 0x10, MACH_SEND_MSG, 32, 0, MACH_PORT_NULL, 0,
				MACH_PORT_NULL),
		  MACH_SEND_INVALID_DATA);
}

int test_main(int argc, char **argv)
{
	self_port = mach_task_self();
	/* As glibc's _hurd_startup does: reserve page zero (PROT_NONE), so that small addresses
	 * such as 0x10 are invalid user pointers (GNU Mach itself maps from address 0 up). */
	vm_address_t zero = 0;
	ASSERT_RET(syscall_vm_map(SELF, &zero, vm_page_size, 0, FALSE, MACH_PORT_NULL, 0, TRUE,
				  VM_PROT_NONE, VM_PROT_NONE, VM_INHERIT_COPY),
		   "reserve page zero");
	(void) argc, (void) argv;
	test_self_ports();
	test_table();
	test_exceptions();
	test_pointers();
	return 0;
}
