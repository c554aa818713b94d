/* module-gsync: gsync_wait / gsync_wake / gsync_requeue (gnumach.defs 4204-4206).
 * Success: timed wait on a matching value times out (KERN_TIMEDOUT), a waiter woken by another
 * thread, broadcast wake of several waiters, GSYNC_MUTATE (wake stores the value), 64-bit
 * compare with GSYNC_QUAD (val1 = low word, val2 = high word), requeue from one address to
 * another, wake with no waiter.
 * Errors: value mismatch returns KERN_INVALID_ARGUMENT at once (GNU Mach kern/gsync.c),
 * misaligned addresses KERN_INVALID_ADDRESS, unmapped addresses fail, a bad task name is
 * MACH_SEND_INVALID_DEST. */
#include "testlib.h"

#define SELF mach_task_self()

static volatile unsigned int word;
static volatile unsigned int word2;
static volatile unsigned long quad;
static volatile int woken, ready;

static void waiter(void *arg)
{
	volatile unsigned int *w = arg;
	atomic_add(&ready, 1);
	while (*w == 0)
		gsync_wait(SELF, (vm_address_t) w, 0, 0, 0, 0);
	atomic_add(&woken, 1);
}

static void test_errors(void)
{
	word = 5;
	EXPECT_KR(gsync_wait(SELF, (vm_address_t) &word, 5, 0, 20, GSYNC_TIMED), KERN_TIMEDOUT);
	EXPECT_KR(gsync_wait(SELF, (vm_address_t) &word, 6, 0, 20, GSYNC_TIMED), KERN_INVALID_ARGUMENT);
	/* GNU Mach kern/gsync.c: an address not aligned to an int is KERN_INVALID_ADDRESS. */
	EXPECT_KR(gsync_wait(SELF, (vm_address_t) &word + 1, 5, 0, 20, GSYNC_TIMED),
		  KERN_INVALID_ADDRESS);
	vm_address_t hole = 0;
	ASSERT_RET(vm_allocate(SELF, &hole, vm_page_size, TRUE), "vm_allocate");
	ASSERT_RET(vm_deallocate(SELF, hole, vm_page_size), "vm_deallocate");
	EXPECT_FAIL(gsync_wait(SELF, hole, 0, 0, 20, GSYNC_TIMED));
	EXPECT_KR(gsync_wait(0x7777, (vm_address_t) &word, 5, 0, 20, GSYNC_TIMED),
		  MACH_SEND_INVALID_DEST);
	/* wake is a simpleroutine: the send succeeds whatever happens */
	EXPECT_KR(gsync_wake(SELF, (vm_address_t) &word, 0, 0), MACH_MSG_SUCCESS);

	quad = 0x0000000200000001ul;
	EXPECT_KR(gsync_wait(SELF, (vm_address_t) &quad, 1, 2, 20, GSYNC_QUAD | GSYNC_TIMED),
		  KERN_TIMEDOUT);
	EXPECT_KR(gsync_wait(SELF, (vm_address_t) &quad, 1, 3, 20, GSYNC_QUAD | GSYNC_TIMED),
		  KERN_INVALID_ARGUMENT);
	/* A quad at a 4-aligned, not 8-aligned address: refused (misaligned) or compared with
	 * whatever follows; either way it must not succeed. */
	EXPECT_FAIL(gsync_wait(SELF, (vm_address_t) &quad + 4, 2, 0, 20, GSYNC_QUAD | GSYNC_TIMED));
}

static void test_wake(void)
{
	thread_t th;
	word = 0;
	woken = ready = 0;
	ASSERT_RET(mach_thread_spawn(waiter, (void *) &word, &th), "spawn waiter");
	test_wait_flag(&ready, "waiter ready");
	for (int i = 0; i < 20; i++)
		thread_switch(MACH_PORT_NULL, 0, 0);
	ASSERT_EQ(atomic_load(&woken), 0, "waiter blocked");
	word = 1;
	EXPECT_KR(gsync_wake(SELF, (vm_address_t) &word, 0, 0), MACH_MSG_SUCCESS);
	test_wait_flag(&woken, "waiter woken");
	mach_port_deallocate(SELF, th);
}

static void test_broadcast_and_mutate(void)
{
	thread_t th[3];
	word = 0;
	woken = ready = 0;
	for (int i = 0; i < 3; i++)
		ASSERT_RET(mach_thread_spawn(waiter, (void *) &word, &th[i]), "spawn waiter");
	while (atomic_load(&ready) < 3)
		thread_switch(MACH_PORT_NULL, 0, 0);
	for (int i = 0; i < 20; i++)
		thread_switch(MACH_PORT_NULL, 0, 0);
	/* GSYNC_MUTATE stores val (7) into the word as it wakes. */
	EXPECT_KR(gsync_wake(SELF, (vm_address_t) &word, 7, GSYNC_BROADCAST | GSYNC_MUTATE),
		  MACH_MSG_SUCCESS);
	ASSERT_EQ(word, 7, "GSYNC_MUTATE stored the value");
	for (int i = 0; atomic_load(&woken) < 3; i++) {
		ASSERT(i < 100000, "all waiters woken by the broadcast");
		thread_switch(MACH_PORT_NULL, 0, 0);
	}
	for (int i = 0; i < 3; i++)
		mach_port_deallocate(SELF, th[i]);
}

static void test_requeue(void)
{
	thread_t th;
	word = 0;
	word2 = 0;
	woken = ready = 0;
	ASSERT_RET(mach_thread_spawn(waiter, (void *) &word, &th), "spawn waiter");
	test_wait_flag(&ready, "waiter ready");
	for (int i = 0; i < 20; i++)
		thread_switch(MACH_PORT_NULL, 0, 0);
	/* Move the waiter to word2; a wake on word then finds nobody. */
	EXPECT_KR(gsync_requeue(SELF, (vm_address_t) &word, (vm_address_t) &word2, FALSE, 0),
		  MACH_MSG_SUCCESS);
	word = 1;
	EXPECT_KR(gsync_wake(SELF, (vm_address_t) &word, 0, 0), MACH_MSG_SUCCESS);
	for (int i = 0; i < 50; i++)
		thread_switch(MACH_PORT_NULL, 0, 0);
	ASSERT_EQ(atomic_load(&woken), 0, "requeued waiter not woken through the old address");
	EXPECT_KR(gsync_wake(SELF, (vm_address_t) &word2, 0, 0), MACH_MSG_SUCCESS);
	test_wait_flag(&woken, "requeued waiter woken through the new address");
	mach_port_deallocate(SELF, th);
}

int test_main(int argc, char **argv)
{
	(void) argc, (void) argv;
	test_errors();
	test_wake();
	test_broadcast_and_mutate();
	test_requeue();
	return 0;
}
