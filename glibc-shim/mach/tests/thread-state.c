/* module-thread-state: thread state and exceptions (PROTOCOLS 2.3, 4.1, 4.2).
 * 1. thread_set_self_state (-77): errors (count 0 or > 1024, unmapped state pointer, bad
 *    flavor: KERN_INVALID_ARGUMENT), AARCH64_FLOAT_STATE returns KERN_SUCCESS normally, and
 *    AARCH64_THREAD_STATE does not return: the thread continues at the new pc on the new sp
 *    with the new x0 (not overwritten by the trap's return code) and tpidr_el0.
 * 2. A fault handled by an exception server in another thread: the main thread writes to an
 *    unmapped page; the kernel sends exception_raise (EXC_BAD_ACCESS, KERN_INVALID_ADDRESS,
 *    subcode = address) to the thread's exception port; the server reads the faulting state
 *    (thread_get_state), redirects the thread to a handler on another stack (thread_set_state)
 *    and replies KERN_SUCCESS; the handler maps the page and returns to the faulting
 *    instruction with thread_set_self_state, which then succeeds.
 * 3. Other exceptions, each in a thread of its own: brk #imm (EXC_BREAKPOINT / EXC_AARCH64_BRK,
 *    subcode = imm), an undefined instruction (EXC_BAD_INSTRUCTION / EXC_AARCH64_UNK), a jump
 *    to unmapped memory (EXC_BAD_ACCESS, subcode = the pc). */
#include "testlib.h"

#define SELF mach_task_self()
#define AARCH64_FLOAT_STATE_COUNT 136
#define EXC_AARCH64_UNK 1

#define STACK_WORDS 8192
/* The rest of the test runs on alt_stack after the landing; the fault handler gets its own. */
static unsigned long alt_stack[STACK_WORDS] __attribute__((aligned(16)));
static unsigned long handler_stack[STACK_WORDS] __attribute__((aligned(16)));

/* ---- 1. thread_set_self_state directly ---- */

static volatile int landed;
static unsigned long saved_tp;

static void landing(unsigned long magic) __attribute__((noreturn));
static void landing(unsigned long magic)
{
	ASSERT_EQ(magic, 0x1234abcd5678ef01ul, "x0 from the new state, not the trap's return");
	ASSERT_EQ(__mach_get_tp(), saved_tp, "tpidr_el0 from the new state");
	unsigned long sp;
	__asm__ volatile("mov %0, sp" : "=r"(sp));
	ASSERT(sp >= (unsigned long) alt_stack && sp < (unsigned long) (alt_stack + STACK_WORDS),
	       "running on the new stack");
	landed = 1;
	extern void after_landing(void) __attribute__((noreturn));
	after_landing();
}

static void test_self_state(void)
{
	struct aarch64_thread_state st;
	natural_t fl[AARCH64_FLOAT_STATE_COUNT];
	memset(&st, 0, sizeof st);
	memset(fl, 0, sizeof fl);
	EXPECT_KR(thread_set_self_state(AARCH64_THREAD_STATE, (natural_t *) &st, 0),
		  KERN_INVALID_ARGUMENT);
	EXPECT_KR(thread_set_self_state(AARCH64_THREAD_STATE, (natural_t *) &st, 1025),
		  KERN_INVALID_ARGUMENT);
	EXPECT_KR(thread_set_self_state(AARCH64_THREAD_STATE, (natural_t *) 0x10,
					AARCH64_THREAD_STATE_COUNT),
		  KERN_INVALID_ARGUMENT);
	EXPECT_KR(thread_set_self_state(999, (natural_t *) &st, AARCH64_THREAD_STATE_COUNT),
		  KERN_INVALID_ARGUMENT);
	/* Float state (all zero: FPCR = 0 is the reset value) returns normally. */
	EXPECT_KR(thread_set_self_state(AARCH64_FLOAT_STATE, fl, AARCH64_FLOAT_STATE_COUNT),
		  KERN_SUCCESS);

	saved_tp = __mach_get_tp();
	st.x[0] = 0x1234abcd5678ef01ul;
	st.pc = (unsigned long) landing;
	st.sp = (unsigned long) (alt_stack + STACK_WORDS);
	st.tpidr_el0 = saved_tp;
	st.cpsr = 0;
	thread_set_self_state(AARCH64_THREAD_STATE, (natural_t *) &st, AARCH64_THREAD_STATE_COUNT);
	test_fail(__FILE__, __LINE__, "thread_set_self_state(AARCH64_THREAD_STATE) returned");
}

/* ---- 2. fault, exception server, redirect, handler, return ---- */

static mach_port_t exc_port;
static struct aarch64_thread_state fault_state;
static volatile int server_done, handler_ran;
static volatile int server_error;
static vm_address_t hole;

static void handler(unsigned long addr, struct aarch64_thread_state *st) __attribute__((noreturn));
static void handler(unsigned long addr, struct aarch64_thread_state *st)
{
	vm_address_t page = trunc_page(addr);
	ASSERT_RET(vm_allocate(SELF, &page, vm_page_size, FALSE), "handler maps the page");
	handler_ran = 1;
	thread_set_self_state(AARCH64_THREAD_STATE, (natural_t *) st, AARCH64_THREAD_STATE_COUNT);
	test_fail(__FILE__, __LINE__, "thread_set_self_state returned in the handler");
}

static void exc_server(void *arg)
{
	(void) arg;
	union {
		mach_msg_header_t h;
		unsigned char buf[512];
	} m;
	struct mach_exc_request req;
	server_error = 1;
	if (mach_msg(&m.h, MACH_RCV_MSG, 0, sizeof m, exc_port, 0, MACH_PORT_NULL) != 0)
		goto out;
	server_error = 2;
	if (mach_exc_parse(&m.h, &req) != 0)
		goto out;
	server_error = 3;
	if (req.exception != EXC_BAD_ACCESS || req.code != KERN_INVALID_ADDRESS ||
	    (unsigned long) req.subcode != hole)
		goto out;
	server_error = 4;
	mach_msg_type_number_t n = AARCH64_THREAD_STATE_COUNT;
	if (thread_get_state(req.thread, AARCH64_THREAD_STATE, (thread_state_t) &fault_state, &n) !=
		    KERN_SUCCESS ||
	    n != AARCH64_THREAD_STATE_COUNT)
		goto out;
	server_error = 5;
	struct aarch64_thread_state redirect = fault_state;
	redirect.pc = (unsigned long) handler;
	redirect.sp = (unsigned long) (handler_stack + STACK_WORDS);
	redirect.x[0] = req.subcode;
	redirect.x[1] = (unsigned long) &fault_state;
	if (thread_set_state(req.thread, AARCH64_THREAD_STATE, (thread_state_t) &redirect,
			     AARCH64_THREAD_STATE_COUNT) != KERN_SUCCESS)
		goto out;
	server_error = 6;
	if (mach_exc_reply(&req, KERN_SUCCESS) != MACH_MSG_SUCCESS)
		goto out;
	mach_port_deallocate(SELF, req.thread);
	mach_port_deallocate(SELF, req.task);
	server_error = 0;
out:
	atomic_store(&server_done, 1);
}

static void test_fault_redirect(void)
{
	thread_t server;
	exc_port = test_port();
	ASSERT_RET(vm_allocate(SELF, &hole, vm_page_size, TRUE), "vm_allocate");
	ASSERT_RET(vm_deallocate(SELF, hole, vm_page_size), "make a hole");
	hole += 8;
	mach_port_t me = mach_thread_self();
	ASSERT_RET(thread_set_special_port(me, THREAD_EXCEPTION_PORT, exc_port),
		   "set our exception port");
	ASSERT_RET(mach_thread_spawn(exc_server, NULL, &server), "spawn exception server");

	*(volatile unsigned long *) hole = 0x5eed5eed; /* faults once, then succeeds */

	ASSERT(handler_ran, "the handler ran");
	test_wait_flag(&server_done, "exception server");
	ASSERT_EQ(server_error, 0, "exception server steps");
	ASSERT_EQ(*(volatile unsigned long *) hole, 0x5eed5eed, "the store was retried");
	ASSERT_EQ(fault_state.tpidr_el0, __mach_get_tp(), "faulting state has our TLS pointer");
	ASSERT_RET(thread_set_special_port(me, THREAD_EXCEPTION_PORT, MACH_PORT_NULL),
		   "clear our exception port");
	mach_port_deallocate(SELF, me);
	mach_port_deallocate(SELF, server);
	vm_deallocate(SELF, trunc_page(hole), vm_page_size);
}

/* ---- 3. other exceptions ---- */

static void do_brk(void *arg)
{
	(void) arg;
	__asm__ volatile("brk #0x2a");
}

static void do_udf(void *arg)
{
	(void) arg;
	__asm__ volatile(".inst 0x00000000"); /* udf #0 */
}

static void do_jump(void *arg)
{
	void (*fn)(void) = (void (*)(void)) arg;
	fn();
}

static void test_other_exceptions(void)
{
	struct mach_exc_request exc;
	ASSERT(test_run_catching(do_brk, NULL, &exc) == 1, "brk raises an exception");
	ASSERT_EQ(exc.exception, EXC_BREAKPOINT, "brk: EXC_BREAKPOINT");
	ASSERT_EQ(exc.code, EXC_AARCH64_BRK, "brk: EXC_AARCH64_BRK");
	ASSERT_EQ(exc.subcode, 0x2a, "brk: subcode is the immediate");
	ASSERT(test_run_catching(do_udf, NULL, &exc) == 1, "udf raises an exception");
	ASSERT_EQ(exc.exception, EXC_BAD_INSTRUCTION, "udf: EXC_BAD_INSTRUCTION");
	ASSERT_EQ(exc.code, EXC_AARCH64_UNK, "udf: EXC_AARCH64_UNK");
	vm_address_t a = 0;
	ASSERT_RET(vm_allocate(SELF, &a, vm_page_size, TRUE), "vm_allocate");
	ASSERT_RET(vm_deallocate(SELF, a, vm_page_size), "hole");
	ASSERT(test_run_catching(do_jump, (void *) a, &exc) == 1, "jump to unmapped memory");
	ASSERT_EQ(exc.exception, EXC_BAD_ACCESS, "jump: EXC_BAD_ACCESS");
	ASSERT_EQ(exc.code, KERN_INVALID_ADDRESS, "jump: KERN_INVALID_ADDRESS");
	ASSERT_EQ(exc.subcode, a, "jump: subcode is the pc");
	/* A thread that does not fault reports normally. */
	ASSERT(test_run_catching(do_jump, (void *) swtch, &exc) == 0, "no exception");
}

void after_landing(void)
{
	ASSERT(landed, "landed");
	test_fault_redirect();
	test_other_exceptions();
	test_success();
}

int test_main(int argc, char **argv)
{
	(void) argc, (void) argv;
	test_self_state(); /* continues in after_landing() */
	return 1;
}
