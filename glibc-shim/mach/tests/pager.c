/* module-pager: an external memory object served by a thread of this task.
 * The pager thread demultiplexes memory_object.defs (2200) by hand: init → memory_object_ready,
 * data_request → data_supply (pattern pages), data_unavailable (page 2) or data_error (page 3),
 * and records data_return / lock_completed / terminate.
 * Success: vm_map of the pager port (init once), reads fault the supplied data in, page 2 reads
 * zeros, page 3 raises EXC_BAD_ACCESS / KERN_MEMORY_ERROR, writes come back with
 * lock_request(RETURN_DIRTY, flush) as a dirty data_return and the flushed page is requested
 * again, get_attributes, a copy=TRUE mapping keeps the old contents after writes through the
 * object and its own writes stay private, a second mapping and a child task (task_create with
 * INHERIT_SHARE memory, written with vm_write) share the object, vm_region names the object,
 * the last deallocation returns the dirty pages and sends memory_object_terminate.
 * Page locks: page 5 is supplied write-locked (as libpager supplies holes): reads work, a write
 * sends memory_object_data_unlock(READ|WRITE) and waits until the pager lowers the lock with
 * lock_request(VM_PROT_NONE); vm_write to the re-locked page waits the same way.
 * Kernel-side copies wait for pager pages: a message whose body lies in a non-resident pager page
 * (page 6) is sent with the pager's bytes, and is received into a non-resident page (page 7).
 * Kernel consumers wait for absent pages: vm_write's and vm_copy's source, mach_print, gsync_wait,
 * the pseudo-receive of a timed-out send into a write-locked page; the write that only marks a
 * read page dirty counts no fault. COPY_NONE: vm_map(copy) and vm_read wait for the pages and copy
 * at once; COPY_TEMPORARY leaves the strategy attribute unchanged.
 * Caching: a second pager (may_cache TRUE) keeps its object after the last unmapping; a new
 * vm_map reuses it without init or data_request; change_attributes(may_cache FALSE) terminates it.
 * Errors: control routines on a port that is not a control port (simple ones silently dropped,
 * get_attributes KERN_INVALID_ARGUMENT), a misaligned data_supply is discarded. */
#include "testlib.h"
#include "memory_object.h"

#define SELF mach_task_self()
#define NPAGES 8
#define COPY_NONE 0
#define COPY_DELAY 2
#define COPY_TEMPORARY 3
#define RETURN_DIRTY 1
#define PROT_NO_CHANGE 8

static mach_port_t pager_port, control, name_port;
static volatile int inits, requests, returns, lock_done, terminated, supplies, unlocks;
static volatile long unlock_offset, unlock_access;
static volatile long last_request, ret_offset, ret_size, ret_dirty, ret_kcopy;
static char ret_head[16];
static char *supply_buf;

static char pattern(long page, long i) { return (char) (page * 16 + (i & 15) + 1); }

static void supply_to(mach_port_t ctl, char *buf, long offset, long page, vm_prot_t lock)
{
	for (long i = 0; i < (long) vm_page_size; i++)
		buf[i] = pattern(page, i);
	memory_object_data_supply(ctl, offset, (vm_offset_t) buf, vm_page_size, FALSE, lock, FALSE, MACH_PORT_NULL);
}

static void supply(long offset)
{
	/* page 5 is a "hole": supplied write-locked, the first write asks for an unlock */
	long page = offset / vm_page_size;
	supply_to(control, supply_buf, offset, page, page == 5 ? VM_PROT_WRITE : VM_PROT_NONE);
	atomic_add(&supplies, 1);
}

static void on_unlock(const mach_msg_header_t *h)
{
	const __Request__memory_object_data_unlock_t *r = (const void *) h;
	unlock_offset = r->offset;
	unlock_access = r->desired_access;
	atomic_add(&unlocks, 1);
	memory_object_lock_request(control, r->offset, r->length, 0, FALSE, VM_PROT_NONE, MACH_PORT_NULL);
}

static void on_request(const mach_msg_header_t *h)
{
	const __Request__memory_object_data_request_t *r = (const void *) h;
	long page = r->offset / vm_page_size;
	last_request = r->offset;
	atomic_add(&requests, 1);
	if (page == 2)
		memory_object_data_unavailable(control, r->offset, r->length);
	else if (page == 3)
		memory_object_data_error(control, r->offset, r->length, KERN_FAILURE);
	else
		supply(r->offset);
}

static void on_return(const mach_msg_header_t *h)
{
	const __Request__memory_object_data_return_t *r = (const void *) h;
	ret_offset = r->offset;
	ret_size = r->dataType.msgt_number;
	ret_dirty = r->dirty;
	ret_kcopy = r->kernel_copy;
	memcpy(ret_head, (const char *) r->data + (ret_size > (long) vm_page_size ? vm_page_size : 0), sizeof ret_head);
	vm_deallocate(SELF, (vm_address_t) r->data, ret_size);
	atomic_add(&returns, 1);
}

static void pager_thread(void *arg)
{
	(void) arg;
	static union { mach_msg_header_t h; char b[512]; } m;
	for (;;) {
		if (mach_msg(&m.h, MACH_RCV_MSG, 0, sizeof m, pager_port, 0, MACH_PORT_NULL) != MACH_MSG_SUCCESS)
			continue;
		switch (m.h.msgh_id) {
		case 2200: {
			const __Request__memory_object_init_t *r = (const void *) &m.h;
			control = r->memory_control.name;
			name_port = r->memory_object_name.name;
			ASSERT_EQ(r->memory_object_page_size, vm_page_size, "init page size");
			memory_object_ready(control, FALSE, COPY_DELAY);
			atomic_add(&inits, 1);
			break;
		}
		case 2203: on_request(&m.h); break;
		case 2204: on_unlock(&m.h); break;
		case 2208: on_return(&m.h); break;
		case 2206: atomic_store(&lock_done, 1); break;
		case 2201: {
			const __Request__memory_object_terminate_t *r = (const void *) &m.h;
			mach_port_mod_refs(SELF, r->memory_control.name, MACH_PORT_RIGHT_RECEIVE, -1);
			mach_port_mod_refs(SELF, r->memory_object_name.name, MACH_PORT_RIGHT_RECEIVE, -1);
			atomic_store(&terminated, 1);
			break;
		}
		default: break;
		}
	}
}

/* ---- a second pager allowing the kernel to cache its object ---- */
static mach_port_t cache_port, cache_control;
static volatile int cache_inits, cache_requests, cache_terminated;
static char *cache_buf;

static void cache_pager_thread(void *arg)
{
	(void) arg;
	static union { mach_msg_header_t h; char b[512]; } m;
	for (;;) {
		if (mach_msg(&m.h, MACH_RCV_MSG, 0, sizeof m, cache_port, 0, MACH_PORT_NULL) != MACH_MSG_SUCCESS)
			continue;
		switch (m.h.msgh_id) {
		case 2200: {
			const __Request__memory_object_init_t *r = (const void *) &m.h;
			cache_control = r->memory_control.name;
			memory_object_ready(cache_control, TRUE, COPY_DELAY);
			atomic_add(&cache_inits, 1);
			break;
		}
		case 2203: {
			const __Request__memory_object_data_request_t *r = (const void *) &m.h;
			atomic_add(&cache_requests, 1);
			supply_to(cache_control, cache_buf, r->offset, r->offset / vm_page_size + 9, VM_PROT_NONE);
			break;
		}
		case 2208: {
			const __Request__memory_object_data_return_t *r = (const void *) &m.h;
			vm_deallocate(SELF, (vm_address_t) r->data, r->dataType.msgt_number);
			break;
		}
		case 2201: {
			const __Request__memory_object_terminate_t *r = (const void *) &m.h;
			mach_port_mod_refs(SELF, r->memory_control.name, MACH_PORT_RIGHT_RECEIVE, -1);
			mach_port_mod_refs(SELF, r->memory_object_name.name, MACH_PORT_RIGHT_RECEIVE, -1);
			atomic_store(&cache_terminated, 1);
			break;
		}
		default: break;
		}
	}
}

static vm_address_t map_pager(boolean_t copy, vm_inherit_t inh)
{
	vm_address_t a = 0;
	ASSERT_RET(vm_map(SELF, &a, NPAGES * vm_page_size, 0, TRUE, pager_port, 0, copy, VM_PROT_DEFAULT,
			  VM_PROT_ALL, inh), "vm_map of the memory object");
	return a;
}

static void touch_error_page(void *arg)
{
	volatile char *p = arg;
	(void) *p;
}

static void wait_count(volatile int *v, int n, const char *what)
{
	for (int i = 0; i < 100000 && atomic_load(v) < n; i++)
		swtch();
	ASSERT(atomic_load(v) >= n, what);
}

static void page_locks(volatile char *a)
{
	long ps = vm_page_size;
	ASSERT_EQ(a[5 * ps + 1], pattern(5, 1), "write-locked page is readable");
	ASSERT_EQ(unlocks, 0, "reads ask for no unlock");
	a[5 * ps + 2] = 'W';
	ASSERT_EQ(unlocks, 1, "the write sent one data_unlock");
	ASSERT_EQ(unlock_offset, 5 * ps, "data_unlock offset");
	ASSERT_EQ(unlock_access, VM_PROT_READ | VM_PROT_WRITE, "data_unlock desired_access");
	ASSERT_EQ(a[5 * ps + 2], 'W', "the write went through after the unlock");
	ASSERT_EQ(a[5 * ps + 3], pattern(5, 3), "the rest of the page is the pager's");
	/* lock it again: a kernel-side write (vm_write) waits for the unlock too */
	ASSERT_RET(memory_object_lock_request(control, 5 * ps, ps, 0, FALSE, VM_PROT_WRITE, MACH_PORT_NULL), "relock");
	for (long i = 0; i < ps; i++)
		supply_buf[i] = 'v';
	ASSERT_RET(vm_write(SELF, (vm_address_t) a + 5 * ps, (vm_offset_t) supply_buf, ps), "vm_write to a locked page");
	ASSERT_EQ(unlocks, 2, "vm_write asked for an unlock");
	ASSERT_EQ(a[5 * ps + 100], 'v', "vm_write data");
}

static void message_from_pager_page(volatile char *a)
{
	long ps = vm_page_size;
	/* an anonymous page followed by page 6 of the object: the header in the first, the body in the second */
	vm_address_t win = 0, at;
	ASSERT_RET(vm_allocate(SELF, &win, 2 * ps, TRUE), "window");
	ASSERT_RET(vm_deallocate(SELF, win + ps, ps), "hole");
	at = win + ps;
	ASSERT_RET(vm_map(SELF, &at, ps, 0, FALSE, pager_port, 6 * ps, FALSE, VM_PROT_DEFAULT, VM_PROT_ALL,
			  VM_INHERIT_COPY), "vm_map of page 6 at a fixed address");
	mach_port_t port = test_port();
	mach_msg_header_t *h = (mach_msg_header_t *) (at - sizeof *h);
	h->msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0);
	h->msgh_size = sizeof *h + 64;
	h->msgh_remote_port = port;
	h->msgh_local_port = MACH_PORT_NULL;
	h->msgh_id = 4242;
	int r0 = requests;
	ASSERT_RET(mach_msg(h, MACH_SEND_MSG, sizeof *h + 64, 0, MACH_PORT_NULL, 0, MACH_PORT_NULL),
		   "send with the body in a non-resident pager page");
	ASSERT_EQ(requests, r0 + 1, "the send asked for page 6");
	/* receive into page 7 of the object, not resident either */
	mach_msg_header_t *rh = (mach_msg_header_t *) (a + 7 * ps);
	ASSERT_RET(mach_msg(rh, MACH_RCV_MSG, 0, 256, port, 0, MACH_PORT_NULL), "receive into a non-resident pager page");
	ASSERT_EQ(requests, r0 + 2, "the receive asked for page 7");
	ASSERT_EQ(rh->msgh_id, 4242, "received id");
	ASSERT_EQ(rh->msgh_size, sizeof *h + 64, "received size");
	const char *body = (const char *) (rh + 1);
	for (int i = 0; i < 64; i++)
		ASSERT_EQ(body[i], pattern(6, i), "the receiver gets the pager's bytes");
	ASSERT_EQ(a[7 * ps + 200], pattern(7, 200), "the rest of page 7 is the pager's");
	ASSERT_RET(vm_deallocate(SELF, win, 2 * ps), "window gone");
}

/* flushes page `page` of the object (it becomes absent: the next access asks the pager) */
static void flush_page(long page)
{
	ASSERT_RET(memory_object_lock_request(control, page * vm_page_size, vm_page_size, 0, TRUE, PROT_NO_CHANGE,
					      MACH_PORT_NULL), "flush");
}

static long task_faults(void)
{
	union { integer_t w[32]; long faults; } info;
	mach_msg_type_number_t n = 14;
	ASSERT_RET(task_info(SELF, TASK_EVENTS_INFO, info.w, &n), "task_info events");
	return info.faults;
}

/* Kernel-side consumers wait for absent pager pages, never read zeros or fail. */
static void kernel_waits(volatile char *a)
{
	long ps = vm_page_size;
	vm_address_t buf = 0;
	ASSERT_RET(vm_allocate(SELF, &buf, 2 * ps, TRUE), "buffer");
	/* vm_write's source data (OOL copy of an absent pager page) */
	flush_page(4);
	int r0 = requests;
	ASSERT_RET(vm_write(SELF, buf, (vm_offset_t) a + 4 * ps, ps), "vm_write from an absent pager page");
	ASSERT_EQ(requests, r0 + 1, "the kernel asked for the source page");
	for (long i = 0; i < ps; i += 97)
		ASSERT_EQ(((char *) buf)[i], pattern(4, i), "vm_write copied the pager's data, not zeros");
	/* vm_copy from an absent pager page */
	flush_page(4);
	ASSERT_RET(vm_copy(SELF, (vm_address_t) a + 4 * ps, ps, buf + ps), "vm_copy from an absent pager page");
	ASSERT_EQ(requests, r0 + 2, "vm_copy asked for the source page");
	ASSERT_EQ(((char *) buf)[ps + 77], pattern(4, 77), "vm_copy copied the pager's data");
	/* mach_print of a string on an absent page (page 2 is data_unavailable: an empty string) */
	flush_page(2);
	ASSERT_RET(mach_print((const char *) a + 2 * ps), "mach_print on an absent page");
	ASSERT_EQ(requests, r0 + 3, "mach_print waited for the page");
	/* gsync_wait on an absent page: faulted in, then compared (0 != 1) */
	flush_page(2);
	EXPECT_KR(gsync_wait(SELF, (vm_address_t) a + 2 * ps, 1, 0, 10, GSYNC_TIMED), KERN_INVALID_ARGUMENT);
	ASSERT_EQ(requests, r0 + 4, "gsync_wait faulted the page in");
	flush_page(2);
	EXPECT_KR(gsync_wait(SELF, (vm_address_t) a + 2 * ps, 0, 0, 10, GSYNC_TIMED), KERN_TIMEDOUT);
	ASSERT_EQ(requests, r0 + 5, "gsync_wait (equal value) faulted the page in");
	/* a failed send's message goes back into a write-locked page: the pseudo-receive waits for an unlock */
	mach_port_t full = test_port();
	ASSERT_RET(mach_port_set_qlimit(SELF, full, 1), "qlimit 1");
	mach_msg_header_t h = { .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0), .msgh_size = sizeof h,
				.msgh_remote_port = full, .msgh_id = 1 };
	ASSERT_RET(mach_msg(&h, MACH_SEND_MSG, sizeof h, 0, MACH_PORT_NULL, 0, MACH_PORT_NULL), "fill the queue");
	mach_msg_header_t *lh = (mach_msg_header_t *) (a + 5 * ps + 64);
	*lh = h;
	ASSERT_RET(memory_object_lock_request(control, 5 * ps, ps, 0, FALSE, VM_PROT_WRITE, MACH_PORT_NULL), "relock");
	int u0 = unlocks;
	EXPECT_KR(mach_msg(lh, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof h, 0, MACH_PORT_NULL, 0, MACH_PORT_NULL),
		  MACH_SEND_TIMED_OUT);
	ASSERT_EQ(unlocks, u0 + 1, "the pseudo-receive asked for an unlock");
	ASSERT_EQ(lh->msgh_id, 1, "message returned");
	ASSERT_EQ(lh->msgh_size, sizeof h, "returned size");
	/* the write that only marks a page dirty is no fault (GNU Mach maps the entry's protection) */
	flush_page(1);
	ASSERT_EQ(a[ps + 3], pattern(1, 3), "read maps page 1");
	long f0 = task_faults();
	a[ps + 4] = 'd';
	ASSERT_EQ(task_faults(), f0, "the first write to a read page counts no fault");
	ASSERT_RET(vm_deallocate(SELF, buf, 2 * ps), "buffer gone");
}

/* MEMORY_OBJECT_COPY_NONE: vm_map(copy) waits for the pages and copies them at once */
static void copy_strategies(volatile char *a)
{
	long ps = vm_page_size;
	boolean_t ready, may_cache;
	memory_object_copy_strategy_t strategy;
	ASSERT_RET(memory_object_change_attributes(control, FALSE, COPY_NONE, MACH_PORT_NULL), "COPY_NONE");
	ASSERT_RET(memory_object_get_attributes(control, &ready, &may_cache, &strategy), "get_attributes");
	ASSERT_EQ(strategy, COPY_NONE, "strategy");
	flush_page(0);
	flush_page(1);
	int r0 = requests;
	vm_address_t c = 0;
	ASSERT_RET(vm_map(SELF, &c, 2 * ps, 0, TRUE, pager_port, 0, TRUE, VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_COPY),
		   "vm_map copy of a COPY_NONE object");
	ASSERT_EQ(requests, r0 + 2, "the copy asked for both pages before vm_map returned");
	ASSERT_EQ(((volatile char *) c)[9], pattern(0, 9), "immediate copy");
	a[9] = 'X';
	ASSERT_EQ(((volatile char *) c)[9], pattern(0, 9), "the copy keeps its data");
	ASSERT_EQ(requests, r0 + 2, "reading the copy asks nothing");
	ASSERT_RET(vm_deallocate(SELF, c, 2 * ps), "copy gone");
	/* vm_read of COPY_NONE memory waits for an absent page too */
	flush_page(1);
	vm_offset_t data;
	mach_msg_type_number_t cnt;
	ASSERT_RET(vm_read(SELF, (vm_address_t) a + ps, ps, &data, &cnt), "vm_read of COPY_NONE memory");
	ASSERT_EQ(requests, r0 + 3, "vm_read asked for the page");
	ASSERT_EQ(((char *) data)[5], pattern(1, 5), "vm_read data");
	ASSERT_RET(vm_deallocate(SELF, data, cnt), "vm_read data gone");
	/* COPY_TEMPORARY: the strategy attribute is unchanged (the object becomes temporary) */
	ASSERT_RET(memory_object_change_attributes(control, FALSE, COPY_TEMPORARY, MACH_PORT_NULL), "COPY_TEMPORARY");
	ASSERT_RET(memory_object_get_attributes(control, &ready, &may_cache, &strategy), "get_attributes");
	ASSERT_EQ(strategy, COPY_NONE, "temporary keeps the strategy");
	ASSERT_RET(memory_object_change_attributes(control, FALSE, COPY_DELAY, MACH_PORT_NULL), "COPY_DELAY");
}

static void cached_object(void)
{
	thread_t th;
	cache_port = test_port();
	ASSERT_RET(vm_allocate(SELF, (vm_address_t *) &cache_buf, vm_page_size, TRUE), "cache buffer");
	ASSERT_RET(mach_thread_spawn(cache_pager_thread, NULL, &th), "cache pager thread");
	vm_address_t k = 0;
	ASSERT_RET(vm_map(SELF, &k, vm_page_size, 0, TRUE, cache_port, 0, FALSE, VM_PROT_DEFAULT, VM_PROT_ALL,
			  VM_INHERIT_COPY), "vm_map of the caching pager");
	ASSERT_EQ(((volatile char *) k)[3], pattern(9, 3), "cached object's data");
	ASSERT_EQ(cache_requests, 1, "one data_request");
	ASSERT_RET(vm_deallocate(SELF, k, vm_page_size), "last unmapping");
	for (int i = 0; i < 200; i++)
		swtch();
	ASSERT(!cache_terminated, "may_cache: no terminate after the last unmapping");
	k = 0;
	ASSERT_RET(vm_map(SELF, &k, vm_page_size, 0, TRUE, cache_port, 0, FALSE, VM_PROT_DEFAULT, VM_PROT_ALL,
			  VM_INHERIT_COPY), "vm_map again");
	ASSERT_EQ(((volatile char *) k)[3], pattern(9, 3), "the cached page");
	ASSERT_EQ(cache_requests, 1, "no new data_request");
	ASSERT_EQ(cache_inits, 1, "no new memory_object_init");
	ASSERT_RET(vm_deallocate(SELF, k, vm_page_size), "unmapped again");
	ASSERT_RET(memory_object_change_attributes(cache_control, FALSE, COPY_DELAY, MACH_PORT_NULL), "may_cache FALSE");
	wait_count(&cache_terminated, 1, "uncached object terminated");
}

int test_main(int argc, char **argv)
{
	(void) argc; (void) argv;
	thread_t th;
	pager_port = test_port();
	ASSERT_RET(vm_allocate(SELF, (vm_address_t *) &supply_buf, vm_page_size, TRUE), "buffer");
	ASSERT_RET(mach_thread_spawn(pager_thread, NULL, &th), "pager thread");

	volatile char *a = (volatile char *) map_pager(FALSE, VM_INHERIT_SHARE);
	wait_count(&inits, 1, "memory_object_init");
	/* reads fault the pager's data in (the fault waits for data_supply) */
	ASSERT_EQ(a[5], pattern(0, 5), "page 0 supplied");
	ASSERT_EQ(a[vm_page_size + 7], pattern(1, 7), "page 1 supplied");
	ASSERT_EQ(last_request, vm_page_size, "data_request offset");
	ASSERT_EQ(a[2 * vm_page_size + 9], 0, "data_unavailable zero-fills");
	struct mach_exc_request exc;
	ASSERT(test_run_catching(touch_error_page, (void *) (a + 3 * vm_page_size), &exc) == 1, "data_error faults");
	ASSERT_EQ(exc.exception, EXC_BAD_ACCESS, "exception");
	ASSERT_EQ(exc.code, KERN_MEMORY_ERROR, "code");
	ASSERT_EQ(exc.subcode, (long) (a + 3 * vm_page_size), "subcode");
	ASSERT_EQ(inits, 1, "one init");

	boolean_t ready, may_cache;
	memory_object_copy_strategy_t strategy;
	ASSERT_RET(memory_object_get_attributes(control, &ready, &may_cache, &strategy), "get_attributes");
	ASSERT(ready && !may_cache && strategy == COPY_DELAY, "attributes");
	EXPECT_KR(memory_object_get_attributes(SELF, &ready, &may_cache, &strategy), KERN_INVALID_ARGUMENT);
	/* simple routines on a non-control port are dropped; a misaligned supply is discarded */
	ASSERT_RET(memory_object_data_unavailable(SELF, 0, vm_page_size), "dropped");
	ASSERT_RET(memory_object_lock_request(SELF, 0, vm_page_size, RETURN_DIRTY, TRUE, PROT_NO_CHANGE, MACH_PORT_NULL), "dropped");
	ASSERT_RET(memory_object_data_supply(control, 1, (vm_offset_t) supply_buf, vm_page_size, FALSE, 0, FALSE, MACH_PORT_NULL),
		   "misaligned supply sent");
	ASSERT_EQ(a[5], pattern(0, 5), "object unchanged");

	/* writes come back on lock_request(RETURN_DIRTY, flush) */
	memcpy((char *) a + vm_page_size, "hello pager", 11);
	mach_port_t reply = test_port();
	ASSERT_RET(memory_object_lock_request(control, 0, NPAGES * vm_page_size, RETURN_DIRTY, TRUE, PROT_NO_CHANGE, reply),
		   "lock_request");
	union { mach_msg_header_t h; char b[256]; } lm;
	ASSERT_RET(test_receive(reply, &lm.h, sizeof lm, 5000), "lock_completed");
	ASSERT_EQ(lm.h.msgh_id, 2206, "lock_completed id");
	wait_count(&returns, 1, "data_return");
	ASSERT_EQ(ret_offset, vm_page_size, "returned offset");
	ASSERT_EQ(ret_size, vm_page_size, "returned size");
	ASSERT(ret_dirty && !ret_kcopy, "dirty, no kernel copy after a flush");
	ASSERT(memcmp(ret_head, "hello pager", 11) == 0, "returned data");
	int before = requests;
	ASSERT_EQ(a[vm_page_size], pattern(1, 0), "flushed page comes from the pager again");
	ASSERT_EQ(requests, before + 1, "requested again");

	page_locks(a);
	message_from_pager_page(a);
	kernel_waits(a);
	copy_strategies(a);
	cached_object();

	/* copy = TRUE: a snapshot; writes to the object and to the copy are isolated */
	volatile char *c = (volatile char *) map_pager(TRUE, VM_INHERIT_COPY);
	ASSERT_EQ(c[5], pattern(0, 5), "copy reads the object");
	a[6] = 'A';
	c[7] = 'C';
	ASSERT_EQ(c[6], pattern(0, 6), "copy keeps the old contents");
	ASSERT_EQ(a[7], pattern(0, 7), "copy's write is private");
	/* a second mapping and a child task share the object */
	volatile char *b = (volatile char *) map_pager(FALSE, VM_INHERIT_COPY);
	ASSERT_EQ(b[6], 'A', "second mapping shares");
	task_t child;
	ASSERT_RET(task_create(SELF, TRUE, &child), "task_create");
	ASSERT_EQ(a[4 * vm_page_size], pattern(4, 0), "page 4 resident");
	ASSERT_RET(vm_write(child, (vm_address_t) a + 4 * vm_page_size, (vm_offset_t) supply_buf, vm_page_size), "vm_write child");
	ASSERT_EQ(a[4 * vm_page_size + 3], supply_buf[3], "child's write seen by the parent");
	vm_address_t addr = (vm_address_t) a, size;
	vm_prot_t prot, maxprot;
	vm_inherit_t inh;
	boolean_t shared;
	mach_port_t objname;
	vm_offset_t off;
	ASSERT_RET(vm_region(SELF, &addr, &size, &prot, &maxprot, &inh, &shared, &objname, &off), "vm_region");
	ASSERT(MACH_PORT_VALID(objname), "vm_region names the memory object");
	mach_port_deallocate(SELF, objname);

	/* the last reference: dirty pages returned, then terminate */
	ASSERT_RET(task_terminate(child), "child terminated");
	ASSERT_RET(vm_deallocate(SELF, (vm_address_t) b, NPAGES * vm_page_size), "dealloc b");
	ASSERT_RET(vm_deallocate(SELF, (vm_address_t) c, NPAGES * vm_page_size), "dealloc c");
	ASSERT(!terminated, "still mapped");
	int r0 = returns;
	ASSERT_RET(vm_deallocate(SELF, (vm_address_t) a, NPAGES * vm_page_size), "dealloc a");
	wait_count(&terminated, 1, "memory_object_terminate");
	ASSERT(returns > r0, "dirty pages returned before terminate");
	ASSERT(ret_dirty && !ret_kcopy, "terminate returns are dirty, no kernel copy");
	return 0;
}
