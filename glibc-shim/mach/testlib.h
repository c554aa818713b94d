/* Test library for Mach conformance modules, after the conventions of GNU Mach's own test
 * suite (tests/testlib.c): argv = [name, host_priv port, device master port] (decimal names,
 * defaults 1 and 2), output on the console, success marker
 * "gnumach-test-success-and-reboot" or failure marker "gnumach-test-failure", then
 * host_reboot(host_priv, 0). A module defines test_main(); testlib provides main(). */
#ifndef _MACH_TESTLIB_H
#define _MACH_TESTLIB_H

#include "machrt.h"

#define TEST_START_MARKER "booting-start-of-test"
#define TEST_SUCCESS_MARKER "gnumach-test-success-and-reboot"
#define TEST_FAILURE_MARKER "gnumach-test-failure"

int test_main(int argc, char **argv);
/* Optional: a module started as "<name> server" runs this instead (no ports, no markers, no
 * reboot; its task terminates when it returns). */
int test_server_main(void) __attribute__((weak));

mach_port_t host_priv(void);
mach_port_t device_priv(void);
const char *e2s(int kr);

void halt(void) __attribute__((noreturn));
void test_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 3, 4)));
void test_success(void) __attribute__((noreturn));

#define ASSERT(cond, msg)                                                        \
	do {                                                                     \
		if (!(cond))                                                     \
			test_fail(__FILE__, __LINE__, "%s (%s)", msg, #cond);    \
	} while (0)

#define ASSERT_RET(ret, msg)                                                     \
	do {                                                                     \
		int __r = (int) (ret);                                           \
		if (__r != KERN_SUCCESS)                                         \
			test_fail(__FILE__, __LINE__, "%s: %s (0x%x)", msg,      \
				  e2s(__r), __r);                                \
	} while (0)

/* expr must return exactly `expected` (a kern_return_t / mach_msg_return_t). */
#define EXPECT_KR(expr, expected)                                                \
	do {                                                                     \
		int __r = (int) (expr), __e = (int) (expected);                  \
		if (__r != __e)                                                  \
			test_fail(__FILE__, __LINE__, "%s: got %s (0x%x), expected %s (0x%x)", \
				  #expr, e2s(__r), __r, e2s(__e), __e);          \
	} while (0)

/* expr must fail (anything but KERN_SUCCESS), for results that differ between correct kernels. */
#define EXPECT_FAIL(expr)                                                        \
	do {                                                                     \
		int __r = (int) (expr);                                          \
		if (__r == KERN_SUCCESS)                                         \
			test_fail(__FILE__, __LINE__, "%s: succeeded, expected an error", #expr); \
	} while (0)

#define ASSERT_EQ(actual, expected, msg)                                         \
	do {                                                                     \
		unsigned long __a = (unsigned long) (actual), __b = (unsigned long) (expected); \
		if (__a != __b)                                                  \
			test_fail(__FILE__, __LINE__, "%s: %s = 0x%lx, expected 0x%lx", msg, \
				  #actual, __a, __b);                            \
	} while (0)

/* A receive right with one send right under the same name. */
mach_port_t test_port(void);
/* Receive on a port with a timeout (ms); returns the mach_msg result. */
mach_msg_return_t test_receive(mach_port_t port, mach_msg_header_t *buf, mach_msg_size_t size,
			       mach_msg_timeout_t ms);
/* Sends a header-only message with the given id (COPY_SEND to dest, no reply port). */
mach_msg_return_t test_send_empty(mach_port_t dest, mach_msg_id_t id);
/* Yields until *flag becomes non-zero (bounded; fails the test after many tries). */
void test_wait_flag(volatile int *flag, const char *what);

/* Runs fn(arg) in a new thread of this task whose exception port is a fresh port served by
 * the caller. Returns 0 if fn returned normally, 1 if it raised an exception (described in
 * *exc, the thread is then terminated and its rights released). */
int test_run_catching(void (*fn)(void *), void *arg, struct mach_exc_request *exc);

#endif
