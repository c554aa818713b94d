/* module-threads: threads of one task.
 * Success: thread_create + thread_set_state + thread_resume (mach_thread_spawn), many threads
 * running at once with per-thread TLS (tpidr_el0, __thread data, distinct MIG reply ports),
 * thread_info (THREAD_BASIC_INFO: suspend count, run state, times; THREAD_SCHED_INFO: policy and
 * priorities; both with their full 64-bit layouts, and the basic count without time64 fields), thread_get_state of a suspended thread
 * (count 70, the pc/sp/tpidr we set), thread_suspend / thread_resume, thread_abort of a thread
 * blocked in mach_msg (MACH_RCV_INTERRUPTED is seen only with MACH_RCV_INTERRUPT),
 * task_threads, thread_get/set_special_port, thread_terminate (then the port is dead),
 * swtch / swtch_pri / thread_switch.
 * Scheduling (GNU Mach with MACH_FIXPRI, no MACH_HOST): a new thread has max_priority from the set
 * (BASEPRI_USER 25) and the task's priority; thread_priority (KERN_FAILURE stronger than
 * max_priority, unchanged; set_max), thread_max_priority with the set's control port (the name
 * port: KERN_INVALID_ARGUMENT; a weaker limit pulls the priority down), thread_policy (FIXEDPRI
 * only once enabled on the set, else KERN_FAILURE; data in ms reported rounded up to the 10 ms
 * tick; same-policy calls change only the data; disabling the policy with change_threads puts the
 * thread back on TIMESHARE), thread_wire (host_priv, the calling thread only),
 * thread_assign / thread_assign_default KERN_FAILURE, thread_get_assignment = the default set.
 * PC sampling (mach4.defs): thread/task_enable_pc_sampling (tick 10000 us), samples of our own
 * loop (SAMPLED_PC_PERIODIC, PCs in our text), seqno bookkeeping, *_disable_pc_sampling
 * (samplecnt), KERN_FAILURE for get_sampled_pcs without sampling.
 * Errors: KERN_INVALID_ARGUMENT (bad flavor, bad special-port selector, info counts below
 * each flavor's minimum), a too small state
 * count (error), MACH_SEND_INVALID_DEST on a bad thread name, failure on a terminated one, KERN_FAILURE for resuming
 * a thread that is not suspended (GNU Mach). */
#include "testlib.h"
#include "mach4.h"

#define SELF mach_task_self()
#define NTHREADS 8

static volatile __thread int my_index = -1;
static volatile int counter;
static volatile int started;
static volatile unsigned long tps[NTHREADS];
static volatile mach_port_t replies[NTHREADS];
static volatile int done[NTHREADS];

static void worker(void *arg)
{
	int idx = (int) (unsigned long) arg;
	my_index = idx;
	tps[idx] = __mach_get_tp();
	atomic_add(&started, 1);
	for (int i = 0; i < 1000; i++) {
		atomic_add(&counter, 1);
		if ((i & 127) == 0)
			swtch();
	}
	/* An RPC from every thread: each gets its own reply port. */
	mach_port_urefs_t refs;
	if (mach_port_get_refs(SELF, SELF, MACH_PORT_RIGHT_SEND, &refs) == KERN_SUCCESS)
		replies[idx] = mig_get_reply_port();
	if (my_index == idx)
		atomic_store(&done[idx], 1);
}

static void test_many(void)
{
	thread_t th[NTHREADS];
	for (int i = 0; i < NTHREADS; i++)
		ASSERT_RET(mach_thread_spawn(worker, (void *) (unsigned long) i, &th[i]), "spawn");
	for (int i = 0; i < NTHREADS; i++)
		test_wait_flag(&done[i], "worker");
	ASSERT_EQ(atomic_load(&counter), NTHREADS * 1000, "atomic counter");
	ASSERT_EQ(my_index, -1, "main thread's TLS untouched");
	for (int i = 0; i < NTHREADS; i++) {
		ASSERT(tps[i] != __mach_get_tp(), "own thread pointer");
		ASSERT(MACH_PORT_VALID(replies[i]), "reply port");
		for (int j = 0; j < i; j++) {
			ASSERT(tps[i] != tps[j], "distinct thread pointers");
			ASSERT(replies[i] != replies[j], "distinct reply ports");
		}
		mach_port_deallocate(SELF, th[i]);
	}
}

static volatile int spin_go;

static void spinner(void *arg)
{
	(void) arg;
	while (!atomic_load(&spin_go))
		swtch_pri(0);
}

struct thread_basic_info_head {
	char times[32]; /* user_time, system_time: rpc_time_value_t (16 B each on LP64) */
	integer_t cpu_usage, base_priority, cur_priority, run_state, flags, suspend_count;
};

struct thread_basic_info {
	time_value_t user_time, system_time;
	integer_t cpu_usage, base_priority, cur_priority, run_state, flags, suspend_count, sleep_time;
	time_value_t creation_time;
	time_value64_t user_time64, system_time64, creation_time64;
};
_Static_assert(sizeof(struct thread_basic_info) == 128, "thread_basic_info layout");
#define THREAD_BASIC_INFO_COUNT 32

struct thread_sched_info {
	integer_t policy, data, base_priority, max_priority, cur_priority, depressed, depress_priority;
};
#define THREAD_SCHED_INFO_COUNT 7
#define POLICY_TIMESHARE 1
#define TH_STATE_STOPPED 2

/* thread_info flavors with their full layouts and the counts GNU Mach accepts. */
static void test_info_flavors(thread_t th)
{
	integer_t info[64];
	struct thread_basic_info *bi = (struct thread_basic_info *) info;
	mach_msg_type_number_t n = 64;
	ASSERT_RET(thread_info(th, THREAD_BASIC_INFO, info, &n), "thread_info basic");
	ASSERT_EQ(n, THREAD_BASIC_INFO_COUNT, "basic count");
	ASSERT_EQ(bi->run_state, TH_STATE_STOPPED, "a suspended thread is stopped");
	ASSERT_EQ(bi->creation_time64.seconds, bi->creation_time.seconds, "creation time in both forms");
	ASSERT_EQ(bi->creation_time64.nanoseconds / 1000, bi->creation_time.microseconds, "creation microseconds");
	ASSERT(bi->creation_time.seconds > 0, "creation time set");
	ASSERT_EQ(bi->user_time64.seconds, bi->user_time.seconds, "user time in both forms");
	integer_t base = bi->base_priority, cur = bi->cur_priority;
	n = THREAD_BASIC_INFO_COUNT - 12;
	ASSERT_RET(thread_info(th, THREAD_BASIC_INFO, info, &n), "basic without the time64 fields");
	ASSERT_EQ(n, THREAD_BASIC_INFO_COUNT - 12, "short basic count kept");
	n = THREAD_BASIC_INFO_COUNT - 13;
	EXPECT_KR(thread_info(th, THREAD_BASIC_INFO, info, &n), KERN_INVALID_ARGUMENT);

	struct thread_sched_info *si = (struct thread_sched_info *) info;
	n = 64;
	ASSERT_RET(thread_info(th, THREAD_SCHED_INFO, info, &n), "thread_info sched");
	ASSERT_EQ(n, THREAD_SCHED_INFO_COUNT, "sched count");
	ASSERT_EQ(si->policy, POLICY_TIMESHARE, "timesharing");
	ASSERT_EQ(si->base_priority, base, "same base priority as basic info");
	ASSERT_EQ(si->cur_priority, cur, "same current priority as basic info");
	ASSERT(si->max_priority <= si->base_priority, "max priority is at least as strong (lower number)");
	ASSERT_EQ(si->depressed, 0, "not depressed");
	n = THREAD_SCHED_INFO_COUNT - 1;
	EXPECT_KR(thread_info(th, THREAD_SCHED_INFO, info, &n), KERN_INVALID_ARGUMENT);
	n = 64;
	EXPECT_KR(thread_info(th, 3, info, &n), KERN_INVALID_ARGUMENT);
}

static void test_state_and_control(void)
{
	thread_t th;
	ASSERT_RET(mach_thread_prepare(spinner, NULL, &th), "prepare (suspended)");
	struct aarch64_thread_state st;
	mach_msg_type_number_t n = AARCH64_THREAD_STATE_COUNT;
	ASSERT_RET(thread_get_state(th, AARCH64_THREAD_STATE, (thread_state_t) &st, &n),
		   "thread_get_state");
	ASSERT_EQ(n, AARCH64_THREAD_STATE_COUNT, "state count");
	extern char __mach_thread_entry[];
	ASSERT_EQ(st.pc, (unsigned long) __mach_thread_entry, "pc as set");
	ASSERT_EQ(st.x[0], (unsigned long) spinner, "x0 as set");
	ASSERT(st.tpidr_el0 != 0 && st.sp != 0 && (st.sp & 15) == 0, "sp and tpidr_el0 as set");
	n = 10;
	EXPECT_FAIL(thread_get_state(th, AARCH64_THREAD_STATE, (thread_state_t) &st, &n));
	n = AARCH64_THREAD_STATE_COUNT;
	EXPECT_KR(thread_get_state(th, 999, (thread_state_t) &st, &n), KERN_INVALID_ARGUMENT);
	EXPECT_KR(thread_set_state(th, 999, (thread_state_t) &st, AARCH64_THREAD_STATE_COUNT),
		  KERN_INVALID_ARGUMENT);

	integer_t info[64];
	n = 64;
	ASSERT_RET(thread_info(th, THREAD_BASIC_INFO, info, &n), "thread_info");
	struct thread_basic_info_head *bi = (struct thread_basic_info_head *) info;
	ASSERT_EQ(bi->suspend_count, 1, "a new thread is suspended once");
	n = 64;
	EXPECT_KR(thread_info(th, 999, info, &n), KERN_INVALID_ARGUMENT);
	n = 64;
	ASSERT_RET(thread_info(th, THREAD_SCHED_INFO, info, &n), "thread_info sched");
	test_info_flavors(th);

	ASSERT_RET(thread_resume(th), "resume");
	EXPECT_KR(thread_resume(th), KERN_FAILURE);
	ASSERT_RET(thread_suspend(th), "suspend");
	n = 64;
	ASSERT_RET(thread_info(th, THREAD_BASIC_INFO, info, &n), "thread_info");
	ASSERT_EQ(bi->suspend_count, 1, "suspended");
	ASSERT_RET(thread_abort(th), "thread_abort of a suspended thread");
	ASSERT_RET(thread_resume(th), "resume");

	/* special ports */
	mach_port_t p = test_port(), sp;
	ASSERT_RET(thread_set_special_port(th, THREAD_EXCEPTION_PORT, p), "set exception port");
	ASSERT_RET(thread_get_special_port(th, THREAD_EXCEPTION_PORT, &sp), "get exception port");
	ASSERT_EQ(sp, p, "exception port round trip");
	mach_port_deallocate(SELF, sp);
	ASSERT_RET(thread_get_special_port(th, THREAD_KERNEL_PORT, &sp), "get kernel port");
	ASSERT_EQ(sp, th, "kernel port is the thread name");
	mach_port_deallocate(SELF, sp);
	EXPECT_KR(thread_get_special_port(th, 99, &sp), KERN_INVALID_ARGUMENT);

	/* task_threads lists it */
	thread_array_t list;
	mach_msg_type_number_t nt;
	ASSERT_RET(task_threads(SELF, &list, &nt), "task_threads");
	int found = 0;
	for (unsigned i = 0; i < nt; i++) {
		if (list[i] == th)
			found = 1;
		mach_port_deallocate(SELF, list[i]);
	}
	vm_deallocate(SELF, (vm_address_t) list, nt * sizeof *list);
	ASSERT(found, "task_threads lists the new thread");

	atomic_store(&spin_go, 1);
	ASSERT_RET(thread_terminate(th), "thread_terminate");
	/* The port is disabled at once, destroyed later: MACH_SEND_INVALID_DEST or an error reply. */
	n = 64;
	EXPECT_FAIL(thread_info(th, THREAD_BASIC_INFO, info, &n));
	EXPECT_KR(thread_resume(0x7777), MACH_SEND_INVALID_DEST);
	mach_port_destroy(SELF, th);
	mach_port_destroy(SELF, p);
}

/* thread_abort of a thread blocked in a receive. */
static volatile int abort_result, abort_done;
static mach_port_t abort_port;

static void blocked_receiver(void *arg)
{
	(void) arg;
	mach_msg_header_t h;
	abort_result = mach_msg(&h, MACH_RCV_MSG | MACH_RCV_INTERRUPT, 0, sizeof h, abort_port, 0,
				MACH_PORT_NULL);
	atomic_store(&abort_done, 1);
}

static void test_abort(void)
{
	thread_t th;
	abort_port = test_port();
	ASSERT_RET(mach_thread_spawn(blocked_receiver, NULL, &th), "spawn");
	/* Let it block, then abort until it reports (an abort that lands before the thread is in
	 * mach_msg has nothing to interrupt). */
	for (int i = 0; !atomic_load(&abort_done); i++) {
		ASSERT(i < 100000, "aborted receiver reports");
		thread_switch(MACH_PORT_NULL, 0, 0);
		/* Once the receiver has reported it exits, and its thread port dies with it (GNU
		 * Mach destroys the port of a terminated thread): a late abort may find a dead name. */
		if (i >= 10) {
			kern_return_t kr = thread_abort(th);
			ASSERT(kr == KERN_SUCCESS || (kr == MACH_SEND_INVALID_DEST && atomic_load(&abort_done)),
			       "thread_abort");
		}
	}
	EXPECT_KR(abort_result, MACH_RCV_INTERRUPTED);
	mach_port_deallocate(SELF, th);
	mach_port_destroy(SELF, abort_port);
}

static void test_yield(void)
{
	swtch();
	swtch_pri(0);
	EXPECT_KR(thread_switch(MACH_PORT_NULL, 0, 0), KERN_SUCCESS);
	EXPECT_KR(thread_switch(MACH_PORT_NULL, 1, 1), KERN_SUCCESS);  /* SWITCH_OPTION_DEPRESS */
	EXPECT_KR(syscall_thread_depress_abort(mach_thread_self()), KERN_SUCCESS);
	EXPECT_KR(thread_switch(MACH_PORT_NULL, 99, 0), KERN_INVALID_ARGUMENT);
}

#define POLICY_FIXEDPRI 2
#define BASEPRI_USER 25
#define SAMPLED_PC_PERIODIC 1

static void sched_of(thread_t th, struct thread_sched_info *si)
{
	mach_msg_type_number_t n = THREAD_SCHED_INFO_COUNT;
	ASSERT_RET(thread_info(th, THREAD_SCHED_INFO, (integer_t *) si, &n), "thread_info sched");
}

static mach_port_t pset_control(mach_port_t *name)
{
	mach_port_t host = mach_host_self(), set;
	ASSERT_RET(processor_set_default(host, name), "processor_set_default");
	ASSERT_RET(host_processor_set_priv(host_priv(), *name, &set), "host_processor_set_priv");
	mach_port_deallocate(SELF, host);
	return set;
}

static void test_priorities(void)
{
	thread_t th;
	struct thread_sched_info si;
	ASSERT_RET(mach_thread_prepare(spinner, NULL, &th), "prepare");
	sched_of(th, &si);
	ASSERT_EQ(si.max_priority, BASEPRI_USER, "max_priority from the set");
	ASSERT_EQ(si.base_priority, BASEPRI_USER, "priority from the task");
	EXPECT_KR(thread_priority(th, 10, FALSE), KERN_FAILURE);
	sched_of(th, &si);
	ASSERT_EQ(si.base_priority, BASEPRI_USER, "a refused priority changes nothing");
	EXPECT_KR(thread_priority(th, 50, FALSE), KERN_INVALID_ARGUMENT);
	EXPECT_KR(thread_priority(th, -1, FALSE), KERN_INVALID_ARGUMENT);
	ASSERT_RET(thread_priority(th, 30, FALSE), "weaker priority");
	sched_of(th, &si);
	ASSERT_EQ(si.base_priority, 30, "priority set");
	ASSERT_EQ(si.max_priority, BASEPRI_USER, "max kept");
	ASSERT_RET(thread_priority(th, 28, TRUE), "priority and max");
	sched_of(th, &si);
	ASSERT(si.base_priority == 28 && si.max_priority == 28, "set_max");
	EXPECT_KR(thread_priority(th, 27, FALSE), KERN_FAILURE);

	mach_port_t name, set = pset_control(&name);
	EXPECT_KR(thread_max_priority(th, name, 5), KERN_INVALID_ARGUMENT);
	EXPECT_KR(thread_max_priority(th, set, 50), KERN_INVALID_ARGUMENT);
	ASSERT_RET(thread_max_priority(th, set, 5), "stronger limit");
	ASSERT_RET(thread_priority(th, 10, FALSE), "now allowed");
	sched_of(th, &si);
	ASSERT(si.base_priority == 10 && si.max_priority == 5, "priority 10 under max 5");
	ASSERT_RET(thread_max_priority(th, set, 40), "weaker limit");
	sched_of(th, &si);
	ASSERT(si.base_priority == 40 && si.max_priority == 40, "the priority follows a weaker limit");
	EXPECT_KR(thread_priority(0x7777, 30, FALSE), MACH_SEND_INVALID_DEST);
	EXPECT_KR(thread_priority(SELF, 30, FALSE), KERN_INVALID_ARGUMENT);

	/* policies */
	EXPECT_KR(thread_policy(th, 4, 0), KERN_INVALID_ARGUMENT);
	EXPECT_KR(thread_policy(th, POLICY_FIXEDPRI, 25), KERN_FAILURE);
	ASSERT_RET(thread_policy(th, POLICY_TIMESHARE, 0), "same policy");
	ASSERT_RET(processor_set_policy_enable(set, POLICY_FIXEDPRI), "enable FIXEDPRI");
	ASSERT_RET(thread_policy(th, POLICY_FIXEDPRI, 25), "FIXEDPRI");
	sched_of(th, &si);
	ASSERT_EQ(si.policy, POLICY_FIXEDPRI, "policy");
	ASSERT_EQ(si.data, 30, "25 ms rounded up to 3 ticks of 10 ms");
	ASSERT_RET(thread_policy(th, POLICY_FIXEDPRI, 5), "new quantum");
	sched_of(th, &si);
	ASSERT_EQ(si.data, 10, "one tick");
	ASSERT_RET(processor_set_policy_disable(set, POLICY_FIXEDPRI, TRUE), "disable with change_threads");
	sched_of(th, &si);
	ASSERT_EQ(si.policy, POLICY_TIMESHARE, "back on timesharing");
	ASSERT_EQ(si.data, 0, "no data for timesharing");
	EXPECT_KR(thread_policy(th, POLICY_FIXEDPRI, 5), KERN_FAILURE);

	/* assignment: one set, no MACH_HOST */
	mach_port_t assigned;
	ASSERT_RET(thread_get_assignment(th, &assigned), "thread_get_assignment");
	ASSERT_EQ(assigned, name, "the default set's name port");
	mach_port_deallocate(SELF, assigned);
	EXPECT_KR(thread_assign(th, set), KERN_FAILURE);
	EXPECT_KR(thread_assign_default(th), KERN_FAILURE);
	EXPECT_KR(thread_get_assignment(SELF, &assigned), KERN_INVALID_ARGUMENT);

	/* thread_wire: host_priv, and only the calling thread */
	mach_port_t me = mach_thread_self(), host = mach_host_self();
	ASSERT_RET(thread_wire(host_priv(), me, TRUE), "thread_wire(self)");
	ASSERT_RET(thread_wire(host_priv(), me, FALSE), "unwire");
	EXPECT_KR(thread_wire(host_priv(), th, TRUE), KERN_INVALID_ARGUMENT);
	EXPECT_KR(thread_wire(host, me, TRUE), KERN_INVALID_ARGUMENT);
	EXPECT_KR(thread_wire(host_priv(), SELF, TRUE), KERN_INVALID_ARGUMENT);
	mach_port_deallocate(SELF, me);
	mach_port_deallocate(SELF, host);

	atomic_store(&spin_go, 1);
	ASSERT_RET(thread_terminate(th), "terminate");
	mach_port_deallocate(SELF, th);
	mach_port_deallocate(SELF, set);
	mach_port_deallocate(SELF, name);
}

extern char __tls_template[];
static sampled_pc_t samples[512];

/* Spins (in our own text) for at least ms of the host clock. */
static void spin_ms(long ms)
{
	time_value64_t t0, t;
	ASSERT_RET(host_get_time64(mach_host_self(), &t0), "host_get_time64");
	volatile unsigned long x = 0;
	do {
		for (int i = 0; i < 100000; i++)
			x += i;
		ASSERT_RET(host_get_time64(mach_host_self(), &t), "host_get_time64");
	} while ((t.seconds - t0.seconds) * 1000 + (t.nanoseconds - t0.nanoseconds) / 1000000 < ms);
}

static void check_samples(unsigned n, const char *what)
{
	for (unsigned i = 0; i < n; i++) {
		ASSERT_EQ(samples[i].sampletype, SAMPLED_PC_PERIODIC, what);
		ASSERT(samples[i].pc >= 0x400000 && samples[i].pc < (unsigned long) __tls_template, what);
	}
}

static void test_pc_sampling(void)
{
	mach_port_t me = mach_thread_self();
	int tick = 0, cnt = -1;
	sampled_pc_seqno_t seqno = 0;
	mach_msg_type_number_t n = 512;
	EXPECT_KR(thread_get_sampled_pcs(me, &seqno, samples, &n), KERN_FAILURE);
	EXPECT_KR(task_get_sampled_pcs(SELF, &seqno, samples, &n), KERN_FAILURE);
	ASSERT_RET(thread_enable_pc_sampling(me, &tick, SAMPLED_PC_PERIODIC), "thread_enable_pc_sampling");
	ASSERT_EQ(tick, 10000, "one sample per 10 ms clock tick");
	spin_ms(100);
	n = 512;
	ASSERT_RET(thread_get_sampled_pcs(me, &seqno, samples, &n), "thread_get_sampled_pcs");
	printf("%u thread samples in 100 ms\n", n);
	ASSERT(n >= 5 && n <= 20, "about one sample per tick");
	ASSERT_EQ(seqno, n, "seqno counts the samples");
	check_samples(n, "thread sample");
	for (unsigned i = 1; i < n; i++)
		ASSERT_EQ(samples[i].id, samples[0].id, "one thread");
	sampled_pc_seqno_t again = seqno;
	n = 512;
	ASSERT_RET(thread_get_sampled_pcs(me, &again, samples, &n), "nothing new yet");
	ASSERT(n <= 1 && again == seqno + n, "only the samples after seqno");

	ASSERT_RET(task_enable_pc_sampling(SELF, &tick, SAMPLED_PC_PERIODIC), "task_enable_pc_sampling");
	spin_ms(50);
	sampled_pc_seqno_t tseq = 0;
	n = 512;
	ASSERT_RET(task_get_sampled_pcs(SELF, &tseq, samples, &n), "task_get_sampled_pcs");
	ASSERT(n >= 3 && tseq == n, "task samples");
	check_samples(n, "task sample");
	ASSERT_RET(task_disable_pc_sampling(SELF, &cnt), "task_disable_pc_sampling");
	ASSERT((unsigned) cnt >= tseq, "samplecnt");
	EXPECT_KR(task_get_sampled_pcs(SELF, &tseq, samples, &n), KERN_FAILURE);
	ASSERT_RET(thread_disable_pc_sampling(me, &cnt), "thread_disable_pc_sampling");
	ASSERT((unsigned) cnt >= seqno + 3, "thread samplecnt");
	n = 512;
	EXPECT_KR(thread_get_sampled_pcs(me, &seqno, samples, &n), KERN_FAILURE);
	EXPECT_KR(thread_enable_pc_sampling(SELF, &tick, SAMPLED_PC_PERIODIC), KERN_INVALID_ARGUMENT);
	EXPECT_KR(task_enable_pc_sampling(me, &tick, SAMPLED_PC_PERIODIC), KERN_INVALID_ARGUMENT);
	EXPECT_KR(thread_disable_pc_sampling(0x7777, &cnt), MACH_SEND_INVALID_DEST);
	mach_port_deallocate(SELF, me);
}

int test_main(int argc, char **argv)
{
	(void) argc, (void) argv;
	test_many();
	test_state_and_control();
	test_abort();
	test_yield();
	test_priorities();
	test_pc_sampling();
	return 0;
}
