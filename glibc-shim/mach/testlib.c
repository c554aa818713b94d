/* Test library for Mach conformance modules (see testlib.h). */
#include "testlib.h"

static mach_port_t host_priv_port = 1;
static mach_port_t device_master_port = 2;
static const char *test_name = "?";

mach_port_t host_priv(void)
{
	return host_priv_port;
}

mach_port_t device_priv(void)
{
	return device_master_port;
}

const char *e2s(int kr)
{
	static const char *const kern[] = {
		"KERN_SUCCESS", "KERN_INVALID_ADDRESS", "KERN_PROTECTION_FAILURE", "KERN_NO_SPACE",
		"KERN_INVALID_ARGUMENT", "KERN_FAILURE", "KERN_RESOURCE_SHORTAGE",
		"KERN_NOT_RECEIVER", "KERN_NO_ACCESS", "KERN_MEMORY_FAILURE", "KERN_MEMORY_ERROR",
		"?11", "KERN_NOT_IN_SET", "KERN_NAME_EXISTS", "KERN_ABORTED", "KERN_INVALID_NAME",
		"KERN_INVALID_TASK", "KERN_INVALID_RIGHT", "KERN_INVALID_VALUE",
		"KERN_UREFS_OVERFLOW", "KERN_INVALID_CAPABILITY", "KERN_RIGHT_EXISTS",
		"KERN_INVALID_HOST", "KERN_MEMORY_PRESENT", "KERN_WRITE_PROTECTION_FAILURE", "?25",
		"KERN_TERMINATED", "KERN_TIMEDOUT", "KERN_INTERRUPTED"};
	static const char *const send[] = {
		"?", "MACH_SEND_IN_PROGRESS", "MACH_SEND_INVALID_DATA", "MACH_SEND_INVALID_DEST",
		"MACH_SEND_TIMED_OUT", "MACH_SEND_WILL_NOTIFY", "MACH_SEND_NOTIFY_IN_PROGRESS",
		"MACH_SEND_INTERRUPTED", "MACH_SEND_MSG_TOO_SMALL", "MACH_SEND_INVALID_REPLY",
		"MACH_SEND_INVALID_RIGHT", "MACH_SEND_INVALID_NOTIFY", "MACH_SEND_INVALID_MEMORY",
		"MACH_SEND_NO_BUFFER", "MACH_SEND_NO_NOTIFY", "MACH_SEND_INVALID_TYPE",
		"MACH_SEND_INVALID_HEADER"};
	static const char *const rcv[] = {
		"?", "MACH_RCV_IN_PROGRESS", "MACH_RCV_INVALID_NAME", "MACH_RCV_TIMED_OUT",
		"MACH_RCV_TOO_LARGE", "MACH_RCV_INTERRUPTED", "MACH_RCV_PORT_CHANGED",
		"MACH_RCV_INVALID_NOTIFY", "MACH_RCV_INVALID_DATA", "MACH_RCV_PORT_DIED",
		"MACH_RCV_IN_SET", "MACH_RCV_HEADER_ERROR", "MACH_RCV_BODY_ERROR"};
	static const char *const mig[] = {
		"MIG_TYPE_ERROR", "MIG_REPLY_MISMATCH", "MIG_REMOTE_ERROR", "MIG_BAD_ID",
		"MIG_BAD_ARGUMENTS", "MIG_NO_REPLY", "MIG_EXCEPTION", "MIG_ARRAY_TOO_LARGE",
		"MIG_SERVER_DIED", "MIG_DESTROY_REQUEST"};
	if (kr >= 0 && kr <= 28)
		return kern[kr];
	if (kr >= 0x10000000 && kr <= 0x10000010)
		return send[kr - 0x10000000];
	if ((kr & ~0x3c00) >= 0x10004000 && (kr & ~0x3c00) <= 0x1000400c)
		return rcv[(kr & ~0x3c00) - 0x10004000];
	if (kr <= -300 && kr >= -309)
		return mig[-300 - kr];
	if (kr >= 2500 && kr <= 2509)
		return "D_* device error";
	return "unknown error";
}

void halt(void)
{
	kern_return_t kr = host_reboot(host_priv_port, 0);
	printf("%s: host_reboot failed: %s (0x%x)\n", test_name, e2s(kr), kr);
	exit(1);
}

void test_fail(const char *file, int line, const char *fmt, ...)
{
	char buf[384];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	printf("%s: assertion failed at %s:%d: %s\n", test_name, file, line, buf);
	printf("%s\n", TEST_FAILURE_MARKER);
	halt();
}

void test_success(void)
{
	printf("%s: test %s exit code %x\n", TEST_SUCCESS_MARKER, test_name, 0);
	halt();
}

int main(int argc, char **argv, char **envp)
{
	int v;
	(void) envp;
	if (argc > 0)
		test_name = argv[0];
	if (argc == 2 && strcmp(argv[1], "server") == 0 && test_server_main)
		exit(test_server_main());
	if (argc > 1 && mach_atoi(argv[1], &v) == 0)
		host_priv_port = v;
	if (argc > 2 && mach_atoi(argv[2], &v) == 0)
		device_master_port = v;
	mach_print(TEST_START_MARKER "\n");
	kern_return_t kr = console_open(device_master_port);
	if (kr != KERN_SUCCESS)
		printf("%s: console device not opened (%s), using mach_print\n", test_name, e2s(kr));
	printf("%s: started (page size %lu, hwcap 0x%lx, hwcap2 0x%lx, midr 0x%lx)\n", test_name,
	       vm_page_size, __mach_hwcap, __mach_hwcap2, __mach_midr_el1);
	int ret = test_main(argc, argv);
	if (ret != 0) {
		printf("%s: test_main returned %d\n", test_name, ret);
		printf("%s\n", TEST_FAILURE_MARKER);
		halt();
	}
	test_success();
}

mach_port_t test_port(void)
{
	mach_port_t p;
	ASSERT_RET(mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &p),
		   "mach_port_allocate");
	ASSERT_RET(mach_port_insert_right(mach_task_self(), p, p, MACH_MSG_TYPE_MAKE_SEND),
		   "mach_port_insert_right");
	return p;
}

mach_msg_return_t test_receive(mach_port_t port, mach_msg_header_t *buf, mach_msg_size_t size,
			       mach_msg_timeout_t ms)
{
	return mach_msg(buf, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, size, port, ms, MACH_PORT_NULL);
}

mach_msg_return_t test_send_empty(mach_port_t dest, mach_msg_id_t id)
{
	mach_msg_header_t h;
	memset(&h, 0, sizeof h);
	h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
	h.msgh_size = sizeof h;
	h.msgh_remote_port = dest;
	h.msgh_local_port = MACH_PORT_NULL;
	h.msgh_id = id;
	return mach_msg(&h, MACH_SEND_MSG, sizeof h, 0, MACH_PORT_NULL, 0, MACH_PORT_NULL);
}

void test_wait_flag(volatile int *flag, const char *what)
{
	for (int i = 0; i < 1000000; i++) {
		if (atomic_load(flag))
			return;
		thread_switch(MACH_PORT_NULL, 0, 0);
	}
	test_fail(__FILE__, __LINE__, "timed out waiting for %s", what);
}

/* ---- running a function in a thread and catching its exception ---- */

#define DONE_ID 0x7e57d0e

struct catch_ctx {
	void (*fn)(void *);
	void *arg;
	mach_port_t port;
};

static void catch_body(void *p)
{
	struct catch_ctx *c = p;
	c->fn(c->arg);
	test_send_empty(c->port, DONE_ID);
}

int test_run_catching(void (*fn)(void *), void *arg, struct mach_exc_request *exc)
{
	struct catch_ctx c = {fn, arg, test_port()};
	thread_t th;
	union {
		mach_msg_header_t h;
		unsigned char buf[256];
	} m;
	ASSERT_RET(mach_thread_prepare(catch_body, &c, &th), "mach_thread_prepare");
	ASSERT_RET(thread_set_special_port(th, THREAD_EXCEPTION_PORT, c.port),
		   "thread_set_special_port(THREAD_EXCEPTION_PORT)");
	ASSERT_RET(thread_resume(th), "thread_resume");
	ASSERT_RET(mach_msg(&m.h, MACH_RCV_MSG, 0, sizeof m, c.port, 0, MACH_PORT_NULL),
		   "receive on the exception port");
	int caught = 0;
	if (m.h.msgh_id != DONE_ID) {
		ASSERT(mach_exc_parse(&m.h, exc) == 0, "exception_raise message well-formed");
		/* Kill the thread instead of answering; the kernel destroys the request. */
		ASSERT_RET(thread_terminate(th), "thread_terminate(faulting thread)");
		mach_port_deallocate(mach_task_self(), exc->reply);
		mach_port_deallocate(mach_task_self(), exc->thread);
		mach_port_deallocate(mach_task_self(), exc->task);
		caught = 1;
	}
	mach_port_deallocate(mach_task_self(), th);
	mach_port_destroy(mach_task_self(), c.port);
	return caught;
}
