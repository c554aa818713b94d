/* module-mach-fuzz2: fuzzes the newer kernel interfaces (external pagers and their control
 * and name ports, kernel pagers and the time device, disks, proxies, processors and processor
 * sets, gsync, scheduling traps, MACH_SEND_NOTIFY/SEND_CANCEL/RCV_NOTIFY) with random and
 * half-typed messages. Deterministic: xorshift64 seeded from argv[3]; argv[4] is the number of
 * messages (default 100 000).
 *
 * The world: NFUZZ receive rights in a drain set, a dead name, a send-once right, a child task,
 * the unprivileged host port, and kernel ports: the control and name ports of memory objects
 * backed by pager ports this task serves itself (mapped here and, by random syscall_vm_map
 * calls, in the child), a time device and its device_map pager, a disk (hd0, when there is one),
 * a proxy of a pager and one of anonymous memory, the processor and the processor set's name and
 * control ports.
 *
 * Threads: the main thread generates messages and traps and never touches pager memory, nor
 * hands such memory to the kernel (kernel copies wait for pager pages, uninterruptibly). The
 * pager thread answers the kernel's memory_object_* messages at random: data_supply of the
 * right or random offsets/sizes/lock values/precious, data_unavailable, data_error,
 * lock_request, change_attributes, ready, destroy, nothing at all, or a corrupted copy of one
 * of these. The toucher thread reads and writes pager pages (and sends them in messages,
 * gsync-waits on them); it may wait forever, so it is terminated and replaced whenever the
 * pagers are recycled. Its faults (KERN_MEMORY_ERROR pages) come to an exception port the
 * main thread serves: the faulting instruction is skipped.
 *
 * Every mach_msg of this module is time-bounded: the MIG stubs' mach_msg is wrapped
 * (-Wl,--wrap=mach_msg) to add MACH_SEND_TIMEOUT / MACH_RCV_TIMEOUT.
 *
 * Checks: every mach_msg / trap result and every reply's RetCode is in the allowed set
 * (is_allowed); the kernel's messages to the pagers carry only memory_object.defs ids (or
 * notifications); at the end the pagers are destroyed, every memory object must terminate,
 * the space holds no more names than before the run (plus the names the caller cannot learn),
 * and vm_statistics' free page count is back within a bound. */
#include "testlib.h"
#include "memory_object.h"
#include "mach4.h"

#define DEFAULT_ITERATIONS 100000
#define NFUZZ 4
#define NPAGERS 3
#define PAGER_PAGES 4
#define SCRATCH_PAGES 4
#define RECYCLE 8192
#define MSG_TIMEOUT 50

static mach_port_t SELF;
static unsigned long rng, iterations;

static unsigned long rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static unsigned rndn(unsigned n)
{
	return (unsigned) (rnd() % n);
}

/* ---- every mach_msg of the module is bounded in time ---- */

mach_msg_return_t __real_mach_msg(mach_msg_header_t *, mach_msg_option_t, mach_msg_size_t,
				  mach_msg_size_t, mach_port_name_t, mach_msg_timeout_t,
				  mach_port_name_t);

mach_msg_return_t __wrap_mach_msg(mach_msg_header_t *msg, mach_msg_option_t option,
				  mach_msg_size_t send_size, mach_msg_size_t rcv_size,
				  mach_port_name_t rcv_name, mach_msg_timeout_t timeout,
				  mach_port_name_t notify)
{
	if (!(option & (MACH_SEND_TIMEOUT | MACH_RCV_TIMEOUT)))
		timeout = MSG_TIMEOUT;
	if (option & MACH_SEND_MSG)
		option |= MACH_SEND_TIMEOUT;
	if (option & MACH_RCV_MSG)
		option |= MACH_RCV_TIMEOUT;
	return __real_mach_msg(msg, option, send_size, rcv_size, rcv_name, timeout, notify);
}

/* ---- the allowed results ---- */

static int is_msg_code(int r)
{
	if (r == MACH_MSG_SUCCESS)
		return 1;
	if (r >= 0x10000001 && r <= 0x10000010) /* MACH_SEND_IN_PROGRESS .. MACH_SEND_INVALID_HEADER */
		return 1;
	int base = r & ~0x3c00;
	if (base < 0x10004001 || base > 0x1000400c) /* MACH_RCV_IN_PROGRESS .. MACH_RCV_BODY_ERROR */
		return 0;
	return (r & 0x3c00) == 0 || base == MACH_RCV_HEADER_ERROR || base == MACH_RCV_BODY_ERROR;
}

/* kern_return_t 0..28 (KERN_SUCCESS .. KERN_INVALID_LEDGER range of GNU Mach's kern_return.h),
 * mach_msg codes, MIG_TYPE_ERROR..MIG_DESTROY_REQUEST (-300..-309), D_IO_ERROR..D_READ_ONLY
 * (2500..2509), EML_BAD_TASK / EML_BAD_CNT (0x8001, 0x8002). */
static int is_allowed(int r)
{
	return (r >= 0 && r <= 28) || is_msg_code(r) || (r <= -300 && r >= -309) ||
	       (r >= 2500 && r <= 2509) || r == 0x8001 || r == 0x8002;
}

static unsigned long stats_stuck, stats_msgs, stats_ok, stats_replies, stats_traps, stats_drained,
	stats_pager_msgs, stats_inits, stats_terms, stats_faults, stats_touches;

static void check(int ok, const char *what, long r, unsigned long iter)
{
	if (!ok)
		test_fail(__FILE__, __LINE__, "iteration %lu: %s returned 0x%lx, not an allowed code",
			  iter, what, (unsigned long) r);
}

/* ---- the world ---- */

enum { K_CONTROL, K_NAME, K_TIME, K_TIME_PAGER, K_DISK, K_PROXY, K_APROXY, K_PROC, K_PSET,
       K_PSET_PRIV, K_COUNT };

struct pager {
	mach_port_t port;         /* receive right, served by the pager thread */
	volatile mach_port_t control, name;
	vm_address_t map;         /* our mapping (never touched by the main thread) */
	volatile int inits, terminated;
};

static mach_port_t fuzz[NFUZZ], drain_set, dead, sonce, child, host, exc_port, go_port;
static mach_port_t kport[K_COUNT], pager_set;
static struct pager pagers[NPAGERS];
static vm_address_t scratch, hole;
static unsigned long unknowable_names;
static int have_disk;
static thread_t toucher, pager_thread;

static int has_type(mach_port_t name, mach_port_type_t bits)
{
	mach_port_type_t t;
	return mach_port_type(SELF, name, &t) == KERN_SUCCESS && (t & bits) == bits;
}

static unsigned count_names(void)
{
	mach_port_name_array_t names;
	mach_port_type_array_t types;
	mach_msg_type_number_t n = 0, nt = 0;
	ASSERT_RET(mach_port_names(SELF, &names, &n, &types, &nt), "mach_port_names");
	vm_deallocate(SELF, (vm_address_t) names, n * sizeof *names);
	vm_deallocate(SELF, (vm_address_t) types, nt * sizeof *types);
	return n;
}

/* A kernel port name we hold a send right for, and no receive right (else it is not the kernel
 * object any more: the name was reused). */
static int kernel_send(mach_port_t name)
{
	mach_port_type_t t;
	return mach_port_type(SELF, name, &t) == KERN_SUCCESS && (t & MACH_PORT_TYPE_SEND) &&
	       !(t & (MACH_PORT_TYPE_RECEIVE | MACH_PORT_TYPE_PORT_SET));
}

static void drop(mach_port_t *name)
{
	if (MACH_PORT_VALID(*name) && !has_type(*name, MACH_PORT_TYPE_RECEIVE) &&
	    !has_type(*name, MACH_PORT_TYPE_PORT_SET))
		mach_port_deallocate(SELF, *name);
	*name = MACH_PORT_NULL;
}

/* Destroys a stale recorded name, unless it was reused for a receive right or port set (one
 * of our MIG reply ports, say): then it is not ours to destroy. */
static void forget(mach_port_t name)
{
	mach_port_type_t t;
	if (mach_port_type(SELF, name, &t) == KERN_SUCCESS &&
	    !(t & (MACH_PORT_TYPE_RECEIVE | MACH_PORT_TYPE_PORT_SET)))
		mach_port_destroy(SELF, name);
}

static void refresh_child(void)
{
	if (has_type(child, MACH_PORT_TYPE_RECEIVE) || has_type(child, MACH_PORT_TYPE_PORT_SET))
		child = MACH_PORT_NULL;
	integer_t info[32];
	mach_msg_type_number_t n = 32;
	if (!MACH_PORT_VALID(child) || task_info(child, TASK_BASIC_INFO, info, &n) != KERN_SUCCESS) {
		if (MACH_PORT_VALID(child)) {
			task_terminate(child);
			forget(child);
		}
		ASSERT_RET(task_create(SELF, FALSE, &child), "child task");
	}
}

static mach_port_t open_device(const char *name, dev_mode_t mode)
{
	char n[128];
	mach_port_t d = MACH_PORT_NULL;
	memset(n, 0, sizeof n);
	memcpy(n, name, strlen(name));
	if (device_open(device_priv(), mode, n, &d) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	return d;
}

static void refresh_kports(void)
{
	if (!kernel_send(kport[K_TIME])) {
		kport[K_TIME] = MACH_PORT_NULL;
		kport[K_TIME] = open_device("time", D_READ);
	}
	if (!kernel_send(kport[K_TIME_PAGER])) {
		kport[K_TIME_PAGER] = MACH_PORT_NULL;
		if (MACH_PORT_VALID(kport[K_TIME]))
			device_map(kport[K_TIME], VM_PROT_READ, 0, vm_page_size, &kport[K_TIME_PAGER], 0);
	}
	if (have_disk && !kernel_send(kport[K_DISK])) {
		kport[K_DISK] = MACH_PORT_NULL;
		kport[K_DISK] = open_device("hd0", D_READ | D_WRITE);
	}
	if (!kernel_send(kport[K_PROC])) {
		processor_array_t procs;
		mach_msg_type_number_t n = 0;
		kport[K_PROC] = MACH_PORT_NULL;
		if (host_processors(host_priv(), &procs, &n) == KERN_SUCCESS) {
			for (unsigned i = 1; i < n; i++)
				mach_port_deallocate(SELF, procs[i]);
			if (n)
				kport[K_PROC] = procs[0];
			vm_deallocate(SELF, (vm_address_t) procs, n * sizeof *procs);
		}
	}
	if (!kernel_send(kport[K_PSET])) {
		kport[K_PSET] = MACH_PORT_NULL;
		processor_set_default(host, &kport[K_PSET]);
	}
	if (!kernel_send(kport[K_PSET_PRIV]) && kernel_send(kport[K_PSET])) {
		kport[K_PSET_PRIV] = MACH_PORT_NULL;
		host_processor_set_priv(host_priv(), kport[K_PSET], &kport[K_PSET_PRIV]);
	}
	if (!kernel_send(kport[K_APROXY])) {
		kport[K_APROXY] = MACH_PORT_NULL;
		vm_region_create_proxy(SELF, scratch, VM_PROT_ALL, vm_page_size, &kport[K_APROXY]);
	}
	if (!kernel_send(kport[K_PROXY])) {
		struct pager *p = &pagers[rndn(NPAGERS)];
		mach_port_t obj = p->port;
		vm_offset_t zero = 0, start = 0;
		vm_size_t len = PAGER_PAGES * vm_page_size;
		kport[K_PROXY] = MACH_PORT_NULL;
		if (MACH_PORT_VALID(obj))
			memory_object_create_proxy(SELF, VM_PROT_ALL, &obj, 1, &zero, 1, &start, 1, &len, 1,
						   &kport[K_PROXY]);
	}
	/* control and name ports come from the pagers; pick live ones */
	kport[K_CONTROL] = kport[K_NAME] = MACH_PORT_NULL;
	for (int i = 0; i < NPAGERS; i++)
		if (pagers[i].inits && !pagers[i].terminated) {
			if (kernel_send(pagers[i].control) && (!kport[K_CONTROL] || rndn(2)))
				kport[K_CONTROL] = pagers[i].control;
			if (kernel_send(pagers[i].name) && (!kport[K_NAME] || rndn(2)))
				kport[K_NAME] = pagers[i].name;
		}
}

static void refresh(void)
{
	refresh_child();
	for (int i = 0; i < NFUZZ; i++) {
		mach_port_status_t st0;
		if (!has_type(fuzz[i], MACH_PORT_TYPE_RECEIVE) ||
		    (mach_port_get_receive_status(SELF, fuzz[i], &st0) == KERN_SUCCESS &&
		     st0.mps_pset != drain_set)) {
			/* moved away (the name may now be someone else's: leave it alone) */
			forget(fuzz[i]);
			ASSERT_RET(mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE, &fuzz[i]), "allocate");
		}
		if (!has_type(fuzz[i], MACH_PORT_TYPE_SEND))
			ASSERT_RET(mach_port_insert_right(SELF, fuzz[i], fuzz[i], MACH_MSG_TYPE_MAKE_SEND),
				   "insert send");
		mach_port_status_t st;
		if (mach_port_get_receive_status(SELF, fuzz[i], &st) == KERN_SUCCESS &&
		    st.mps_pset != drain_set)
			ASSERT_RET(mach_port_move_member(SELF, fuzz[i], drain_set), "move_member");
		mach_port_set_qlimit(SELF, fuzz[i], MACH_PORT_QLIMIT_MAX);
	}
	if (!has_type(dead, MACH_PORT_TYPE_DEAD_NAME)) {
		forget(dead);
		ASSERT_RET(mach_port_allocate(SELF, MACH_PORT_RIGHT_DEAD_NAME, &dead), "dead name");
	}
	if (!has_type(sonce, MACH_PORT_TYPE_SEND_ONCE)) {
		mach_msg_type_name_t poly;
		forget(sonce);
		ASSERT_RET(mach_port_extract_right(SELF, fuzz[0], MACH_MSG_TYPE_MAKE_SEND_ONCE, &sonce,
						   &poly),
			   "send-once right");
	}
	if (!has_type(host, MACH_PORT_TYPE_SEND))
		host = mach_host_self();
	refresh_kports();
}

static void ensure_scratch(void)
{
	for (int i = 0; i < SCRATCH_PAGES; i++) {
		vm_address_t a = scratch + i * vm_page_size;
		vm_allocate(SELF, &a, vm_page_size, FALSE);
	}
}

static mach_port_t rnd_kport(void)
{
	static const unsigned char weight[] = {K_CONTROL, K_CONTROL, K_CONTROL, K_NAME, K_TIME,
					       K_TIME_PAGER, K_DISK, K_PROXY, K_APROXY, K_PROC,
					       K_PSET, K_PSET_PRIV};
	mach_port_t p = kport[weight[rndn(sizeof weight)]];
	/* A name whose kernel right a message moved away may since name one of our receive rights
	 * (a MIG reply port of one of our threads, say): never offer that. */
	return kernel_send(p) ? p : MACH_PORT_NULL;
}

/* A recorded name may have been freed by a message and reused since: it must never stand for
 * another of our receive rights (MIG reply ports of our threads, the pager, exception and go
 * ports), whose loss would break the fuzzer itself. Our fuzz ports are the members of the
 * drain set. */
static mach_port_t checked(mach_port_t n)
{
	mach_port_type_t t;
	if (mach_port_type(SELF, n, &t) != KERN_SUCCESS)
		return n;
	if (t & MACH_PORT_TYPE_PORT_SET)
		return n == drain_set ? n : MACH_PORT_NULL;
	if (t & MACH_PORT_TYPE_RECEIVE) {
		mach_port_status_t st;
		if (mach_port_get_receive_status(SELF, n, &st) != KERN_SUCCESS || st.mps_pset != drain_set)
			return MACH_PORT_NULL;
	}
	return n;
}

static mach_port_t rnd_name(void)
{
	switch (rndn(16)) {
	case 0: case 1: return checked(fuzz[rndn(NFUZZ)]);
	case 2: return drain_set;
	case 3: return checked(dead);
	case 4: return checked(sonce);
	case 5: return checked(child);
	case 6: return checked(host);
	case 7: return MACH_PORT_NULL;
	case 8: return MACH_PORT_DEAD;
	case 9: return 0x10000000u | (unsigned) (rnd() & 0x0ffffff0u);
	default: return rnd_kport();
	}
}

static unsigned rnd_disposition(void)
{
	static const unsigned d[] = {0, 16, 17, 18, 19, 20, 21, 15, 2, 23};
	return rndn(4) == 0 ? (unsigned) rnd() & 0xff : d[rndn(sizeof d / sizeof d[0])];
}

/* Never a pager mapping: the main thread must not make the kernel wait for our own pager. */
static unsigned long rnd_pointer(int *may_dealloc)
{
	*may_dealloc = 1;
	switch (rndn(6)) {
	case 0: case 1: return scratch + (rnd() & (vm_page_size - 1) & ~7ul) * rndn(2);
	case 2: return hole;
	case 3: return 0;
	case 4: *may_dealloc = 0; return 0x800000000000ul | (rnd() & 0x7ffffffff8ul);
	default: return 0xffff000000000000ul | (rnd() & 0xfff0);
	}
}

/* The routine ids of the subsystems behind the new kernel ports. */
static mach_msg_id_t rnd_id(void)
{
	switch (rndn(16)) {
	case 0: return (mach_msg_id_t) rnd();
	case 1: case 2: case 3: case 4: return 2039 + (int) rndn(57);   /* mach.defs, control */
	case 5: return 2200 + (int) rndn(10);                          /* memory_object.defs */
	case 6: case 7: return 2800 + (int) rndn(15);                  /* device.defs */
	case 8: case 9: return 2600 + (int) rndn(51);                  /* mach_host.defs */
	case 10: return 4000 + (int) rndn(11);                         /* mach4.defs */
	case 11: case 12: return 4200 + (int) rndn(11);                /* gnumach.defs */
	case 13: return 4400;                                          /* task_notify.defs */
	case 14: return 64 + (int) rndn(8);                            /* notifications */
	default: return 2000 + (int) rndn(100);
	}
}

static unsigned rnd_options(void)
{
	unsigned o = 0;
	if (rndn(3) == 0)
		o |= MACH_SEND_NOTIFY;
	if (rndn(4) == 0)
		o |= MACH_SEND_CANCEL;
	if (rndn(4) == 0)
		o |= MACH_RCV_NOTIFY;
	if (rndn(8) == 0)
		o |= MACH_SEND_INTERRUPT | MACH_RCV_INTERRUPT;
	if (rndn(8) == 0)
		o |= MACH_RCV_LARGE;
	if (rndn(16) == 0)
		o |= (unsigned) rnd() & 0xff0000f0u;
	return o;
}

/* ---- messages ---- */

static union {
	mach_msg_header_t h;
	unsigned char buf[8192];
} msg, rcv, exc_msg;
static mach_port_t ool_names[8];

static unsigned put_desc(unsigned char *buf, unsigned off, mach_msg_type_t t)
{
	memcpy(buf + off, &t, 8);
	return off + 8;
}

static unsigned put_word(unsigned char *buf, unsigned off, unsigned long v)
{
	memcpy(buf + off, &v, 8);
	return off + 8;
}

static unsigned long rnd_value(void)
{
	static const unsigned long special[] = {0, 1, 2, 3, 4, 7, 8, 0x10, 0x1000, 0x4000, 0x10000,
						0xffffffff, 0x7fffffff, 0x80000000ul, ~0ul,
						0x8000000000000000ul};
	switch (rndn(4)) {
	case 0: return rnd();
	case 1: return special[rndn(sizeof special / sizeof special[0])];
	case 2: return (unsigned long) rndn(PAGER_PAGES + 2) * vm_page_size + (rndn(4) ? 0 : rndn(64));
	default: return rndn(16);
	}
}

/* A body whose items have the real descriptor shapes (ints, 64-bit ints, booleans, ports, OOL
 * bytes, OOL port arrays, a device name) in a random order: well-typed enough that the MIG
 * decoders of the chosen routine often accept it and its handler sees garbage values. */
static unsigned build_typed_body(unsigned off, int *complex, int *used_dealloc)
{
	int items = (int) rndn(8);
	for (int i = 0; i < items && off + 200 < 4096; i++) {
		int md;
		mach_msg_type_t t;
		switch (rndn(8)) {
		case 0: case 1:
			off = put_desc(msg.buf, off, mach_type(2, 32, 1, 1));
			off = put_word(msg.buf, off, rnd_value() & 0xffffffff);
			break;
		case 2: case 3:
			off = put_desc(msg.buf, off, mach_type(11, 64, 1, 1));
			off = put_word(msg.buf, off, rnd_value());
			break;
		case 4:
			off = put_desc(msg.buf, off, mach_type(0, 32, 1, 1));
			off = put_word(msg.buf, off, rndn(3));
			break;
		case 5: {
			static const unsigned disp[] = {19, 19, 20, 21, 17, 18};
			off = put_desc(msg.buf, off, mach_type(disp[rndn(6)], 64, 1, 1));
			off = put_word(msg.buf, off, rnd_name());
			*complex = 1;
			break;
		}
		case 6: {
			unsigned long p = rnd_pointer(&md);
			t = mach_type(rndn(2) ? 9 : 2, rndn(2) ? 8 : 32, rndn(3) ? rndn(64) : (unsigned) rnd(), 0);
			if (md && rndn(4) == 0) {
				/* deallocation only ever inside the scratch area */
				t.msgt_size = 8;
				t.msgt_number = p >= scratch && p < scratch + SCRATCH_PAGES * vm_page_size
					? rndn(scratch + SCRATCH_PAGES * vm_page_size - p + 1) : 0;
				t.msgt_deallocate = 1;
				*used_dealloc = 1;
			}
			off = put_desc(msg.buf, off, t);
			off = put_word(msg.buf, off, p);
			*complex = 1;
			break;
		}
		default: {
			if (rndn(2)) { /* an inline string (dev_name_t: 128 chars) */
				static const char *names[] = {"hd0", "hd0s1", "time", "console", "hd9", "x"};
				off = put_desc(msg.buf, off, mach_type(8, 8, 128, 1));
				memset(msg.buf + off, 0, 128);
				const char *n = names[rndn(6)];
				memcpy(msg.buf + off, n, strlen(n));
				off += 128;
			} else { /* out-of-line port array */
				unsigned n = rndn(4);
				for (unsigned k = 0; k < n; k++)
					ool_names[k] = rnd_name();
				off = put_desc(msg.buf, off, mach_type(19, 64, n, 0));
				off = put_word(msg.buf, off, (unsigned long) ool_names);
				*complex = 1;
			}
			break;
		}
		}
		if (rndn(32) == 0) /* corrupt a byte of what was just written */
			msg.buf[off - 1 - rndn(8)] ^= (unsigned char) (1u << rndn(8));
	}
	return off;
}

/* Fully random items, as module-mach-fuzz builds them (descriptor bits at random). */
static unsigned build_raw_body(unsigned off, int *used_dealloc)
{
	int items = (int) rndn(5);
	for (int i = 0; i < items && off + 300 < 4096; i++) {
		mach_msg_type_t t;
		int md;
		unsigned long p;
		switch (rndn(4)) {
		case 0: {
			static const unsigned sizes[] = {8, 16, 32, 64, 1, 0, 7, 128, 1024};
			unsigned size = sizes[rndn(sizeof sizes / sizeof sizes[0])];
			unsigned number = rndn(3) == 0 ? (unsigned) rnd() : rndn(64);
			t = mach_type((unsigned) rndn(16), size, number, 1);
			t.msgt_longform = rndn(2);
			t.msgt_unused = rndn(8) == 0 ? rndn(32) : 0;
			off = put_desc(msg.buf, off, t);
			unsigned long bytes = ((unsigned long) size * (number & 0xfff) + 7) / 8;
			if (bytes > 256)
				bytes = rndn(256);
			for (unsigned long k = 0; k < bytes; k++)
				msg.buf[off++] = (unsigned char) rnd();
			off = (off + 7) & ~7u;
			break;
		}
		case 1: {
			unsigned n = 1 + rndn(3);
			t = mach_type(rnd_disposition(), rndn(4) ? 64 : 32, n, 1);
			off = put_desc(msg.buf, off, t);
			for (unsigned k = 0; k < n; k++)
				off = put_word(msg.buf, off, rnd_name());
			break;
		}
		case 2:
			p = rnd_pointer(&md);
			t = mach_type((unsigned) rndn(16), 8,
				      rndn(4) == 0 ? (unsigned) rnd() : rndn(SCRATCH_PAGES * vm_page_size), 0);
			t.msgt_longform = rndn(2);
			if (md && rndn(3) == 0) {
				/* deallocation only ever inside the scratch area */
				t.msgt_size = 8;
				t.msgt_number = p >= scratch && p < scratch + SCRATCH_PAGES * vm_page_size
					? rndn(scratch + SCRATCH_PAGES * vm_page_size - p + 1) : 0;
				t.msgt_deallocate = 1;
				*used_dealloc = 1;
			}
			off = put_desc(msg.buf, off, t);
			off = put_word(msg.buf, off, p);
			break;
		default: {
			unsigned long w = rnd() & ~(1ul << 31);
			off = put_word(msg.buf, off, w);
			off = put_word(msg.buf, off, rnd_name());
			break;
		}
		}
	}
	return off;
}

static int is_ours(mach_port_t n)
{
	for (int i = 0; i < NFUZZ; i++)
		if (n == fuzz[i])
			return 1;
	for (int i = 0; i < NPAGERS; i++)
		if (n == pagers[i].port)
			return 1;
	return n == exc_port || n == go_port;
}

static void cleanup_received(mach_msg_header_t *h, unsigned room)
{
	unsigned char *buf = (unsigned char *) h;
	unsigned remote = MACH_MSGH_BITS_REMOTE(h->msgh_bits);
	if ((remote == 17 || remote == 18) && MACH_PORT_VALID(h->msgh_remote_port))
		mach_port_deallocate(SELF, h->msgh_remote_port);
	if (!(h->msgh_bits & MACH_MSGH_BITS_COMPLEX))
		return;
	unsigned off = 32, end = h->msgh_size < room ? h->msgh_size : room;
	while (off + 8 <= end) {
		mach_msg_type_t t;
		memcpy(&t, buf + off, 8);
		off += 8;
		unsigned name = t.msgt_name;
		unsigned long number = t.msgt_number;
		unsigned size = t.msgt_size;
		int is_port = name == 16 || name == 17 || name == 18;
		if (!t.msgt_inline) {
			unsigned long addr;
			if (off + 8 > end)
				break;
			memcpy(&addr, buf + off, 8);
			off += 8;
			unsigned long bytes = ((unsigned long) size * number + 7) / 8;
			if (is_port && addr)
				for (unsigned long k = 0; k < number; k++) {
					mach_port_t n = ((mach_port_t *) addr)[k];
					if (MACH_PORT_VALID(n))
						mach_port_deallocate(SELF, n);
				}
			if (addr && bytes)
				vm_deallocate(SELF, addr, bytes);
			continue;
		}
		if (is_port) {
			for (unsigned long k = 0; k < number && off + 8 <= end; k++, off += 8) {
				mach_port_t n = *(mach_port_t *) (buf + off);
				if (!MACH_PORT_VALID(n))
					continue;
				if (name == 16 && !is_ours(n))
					mach_port_mod_refs(SELF, n, MACH_PORT_RIGHT_RECEIVE, -1);
				else if (name != 16)
					mach_port_deallocate(SELF, n);
			}
			continue;
		}
		unsigned long bytes = ((unsigned long) size * number + 7) / 8;
		if (bytes > end - off)
			break;
		off += (unsigned) ((bytes + 7) & ~7ul);
	}
}

/* The RetCode of a MIG reply (id = request + 100, first item an inline int). */
static void check_reply(mach_msg_header_t *h, mach_msg_id_t request, unsigned long iter)
{
	if (h->msgh_id != request + 100 || h->msgh_size < 44)
		return;
	mach_msg_type_t t;
	memcpy(&t, (char *) h + 32, 8);
	if (t.msgt_name != 2 || t.msgt_size != 32 || !t.msgt_inline || t.msgt_longform)
		return;
	int code;
	memcpy(&code, (char *) h + 40, 4);
	stats_replies++;
	check(is_allowed(code), "reply RetCode", code, iter);
}

static void drain(unsigned long iter)
{
	for (int k = 0; k < 64; k++) {
		mach_msg_return_t r = mach_msg(&rcv.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof rcv,
					       drain_set, 0, MACH_PORT_NULL);
		if (r == MACH_RCV_TIMED_OUT)
			return;
		check(is_msg_code(r), "drain receive", r, iter);
		if (r == MACH_MSG_SUCCESS) {
			stats_drained++;
			cleanup_received(&rcv.h, sizeof rcv);
		}
	}
}

static void one_message(unsigned long iter)
{
	int used_dealloc = 0, complex = 0;
	memset(msg.buf, 0, 64);
	int typed = rndn(3) != 0;
	unsigned bits;
	if (typed) {
		static const unsigned reply_disp[] = {21, 21, 21, 20, 0, 18};
		bits = 19 | (reply_disp[rndn(6)] << 8);
	} else {
		bits = rnd_disposition() | (rnd_disposition() << 8);
		if (rndn(16) == 0)
			bits |= (unsigned) rnd() & 0x7fff0000u;
	}
	mach_port_t reply = MACH_PORT_NULL;
	int own_reply = typed && rndn(4) != 0;
	if (own_reply) {
		reply = mach_reply_port();
	}
	msg.h.msgh_remote_port = rndn(8) ? rnd_kport() : rnd_name();
	msg.h.msgh_local_port = own_reply ? reply : rnd_name();
	msg.h.msgh_id = rnd_id();
	unsigned size = typed ? build_typed_body(32, &complex, &used_dealloc)
			      : build_raw_body(32, &used_dealloc);
	if (typed ? complex : rndn(2))
		bits |= MACH_MSGH_BITS_COMPLEX;
	msg.h.msgh_bits = bits;
	unsigned send_size = size;
	if (!typed)
		switch (rndn(6)) {
		case 0: send_size = rndn(64); break;
		case 1: send_size = size + 4 * rndn(64); break;
		case 2: send_size = (unsigned) rnd(); break;
		default: break;
		}
	msg.h.msgh_size = rndn(16) ? send_size : (unsigned) rnd();
	mach_msg_option_t opt = MACH_SEND_MSG | MACH_SEND_TIMEOUT;
	mach_port_t rcv_name = MACH_PORT_NULL;
	if (own_reply) {
		opt |= MACH_RCV_MSG | MACH_RCV_TIMEOUT;
		rcv_name = reply;
	} else if (rndn(4) == 0) {
		opt |= MACH_RCV_MSG | MACH_RCV_TIMEOUT;
		rcv_name = rnd_name();
	}
	if (rndn(3) == 0)
		opt |= rnd_options();
	unsigned rcv_size = (opt & MACH_RCV_MSG) ? (rndn(8) ? sizeof msg : rndn(64)) : 0;
	mach_msg_id_t id = msg.h.msgh_id;
	mach_port_t notify = rndn(2) ? rnd_name() : checked(fuzz[rndn(NFUZZ)]);
	mach_msg_return_t r = mach_msg_trap(&msg.h, opt, send_size, rcv_size, rcv_name,
					    rndn(8) == 0 ? 1 : 0, notify);
	stats_msgs++;
	check(is_msg_code(r), "mach_msg", r, iter);
	if (r == MACH_MSG_SUCCESS && (opt & MACH_RCV_MSG)) {
		check_reply(&msg.h, id, iter);
		cleanup_received(&msg.h, rcv_size);
	} else if (r == MACH_RCV_INVALID_NOTIFY || r == MACH_RCV_TOO_LARGE) {
		/* only the header came back; its reply right (if any) is ours */
		unsigned remote = MACH_MSGH_BITS_REMOTE(msg.h.msgh_bits);
		if ((remote == 17 || remote == 18) && MACH_PORT_VALID(msg.h.msgh_remote_port))
			mach_port_deallocate(SELF, msg.h.msgh_remote_port);
	}
	if (r == MACH_MSG_SUCCESS)
		stats_ok++;
	if (own_reply)
		mach_port_destroy(SELF, reply);
	if (used_dealloc)
		ensure_scratch();
}

/* ---- the pager thread ---- */

static struct {
	union {
		mach_msg_header_t h;
		unsigned char b[256];
	} m;
	unsigned off;
} out;
static char *supply_buf; /* PAGER_PAGES + 1 pages of pattern bytes */
static unsigned long prng = 0x1234567887654321ul;

static unsigned long prnd(void) /* the pager thread's own generator */
{
	prng ^= prng << 13;
	prng ^= prng >> 7;
	prng ^= prng << 17;
	return prng;
}

static unsigned prndn(unsigned n) { return (unsigned) (prnd() % n); }

static void out_start(mach_port_t dest, mach_msg_id_t id)
{
	memset(out.m.b, 0, 64);
	out.m.h.msgh_bits = MACH_MSGH_BITS(19, 0);
	out.m.h.msgh_remote_port = dest;
	out.m.h.msgh_id = id;
	out.off = 32;
}

static void out_int(unsigned name, unsigned bits, unsigned long v)
{
	out.off = put_desc(out.m.b, out.off, mach_type(name, bits, 1, 1));
	out.off = put_word(out.m.b, out.off, v);
}

static void out_port(mach_port_t p, unsigned disp)
{
	out.off = put_desc(out.m.b, out.off, mach_type(disp, 64, 1, 1));
	out.off = put_word(out.m.b, out.off, p);
	out.m.h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
}

static void out_send(void)
{
	if (prndn(16) == 0) /* corrupt one byte of the body, or the id */
		out.m.b[32 + prndn(out.off - 32)] ^= (unsigned char) (1u << prndn(8));
	if (prndn(64) == 0)
		out.m.h.msgh_id = 2039 + (int) prndn(57);
	out.m.h.msgh_size = out.off;
	mach_msg_return_t r = mach_msg_trap(&out.m.h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, out.off, 0,
					    MACH_PORT_NULL, 0, MACH_PORT_NULL);
	check(is_msg_code(r), "pager reply", r, 0);
}

static unsigned long pager_offset(unsigned long offset)
{
	switch (prndn(8)) {
	case 0: return prnd();
	case 1: return offset + vm_page_size * prndn(3);
	case 2: return offset + prndn(64);
	case 3: return prndn(PAGER_PAGES + 1) * vm_page_size;
	default: return offset;
	}
}

static unsigned long pager_size(unsigned long size)
{
	switch (prndn(8)) {
	case 0: return prnd();
	case 1: return size * (1 + prndn(3));
	case 2: return prndn(2 * vm_page_size);
	case 3: return 0;
	default: return size;
	}
}

static vm_prot_t pager_lock(void)
{
	static const vm_prot_t l[] = {0, 0, 0, 1, 2, 3, 4, 7, 8, 0x10};
	return prndn(16) ? l[prndn(10)] : (vm_prot_t) prnd();
}

static mach_port_t pager_reply_to(void)
{
	switch (prndn(6)) {
	case 0: return checked(fuzz[prndn(NFUZZ)]);
	case 1: return dead;
	default: return MACH_PORT_NULL;
	}
}

static void send_supply(mach_port_t control, unsigned long offset, unsigned long size)
{
	unsigned long count = pager_size(size);
	unsigned long data = (unsigned long) supply_buf;
	if (count > (PAGER_PAGES + 1) * vm_page_size && prndn(4))
		count = vm_page_size;
	if (prndn(32) == 0)
		data = hole;
	out_start(control, 2093);
	out_int(11, 64, pager_offset(offset));
	mach_msg_type_t t = mach_type(9, 8, (unsigned) count, 0);
	out.off = put_desc(out.m.b, out.off, t);
	out.off = put_word(out.m.b, out.off, data);
	out_int(2, 32, (unsigned) pager_lock());
	out_int(0, 32, prndn(2));
	out_port(pager_reply_to(), 21);
	out_send();
}

static void send_lock_request(mach_port_t control, unsigned long offset, unsigned long size)
{
	out_start(control, 2044);
	out_int(11, 64, pager_offset(offset));
	out_int(11, 64, pager_size(size));
	out_int(2, 32, prndn(4));
	out_int(0, 32, prndn(2));
	out_int(2, 32, (unsigned) pager_lock());
	out_port(pager_reply_to(), 21);
	out_send();
}

static void send_attributes(mach_port_t control, int ready)
{
	out_start(control, ready ? 2094 : 2095);
	out_int(0, 32, prndn(3) == 0);
	out_int(2, 32, prndn(8) ? prndn(4) : (unsigned) prnd());
	if (!ready)
		out_port(pager_reply_to(), 21);
	out_send();
}

/* One random answer to a data_request or data_unlock. */
static void answer(mach_port_t control, unsigned long offset, unsigned long size)
{
	switch (prndn(16)) {
	case 0: case 1: case 2: case 3: case 4: case 5:
		send_supply(control, offset, size);
		break;
	case 6: case 7:
		out_start(control, 2039);
		out_int(11, 64, pager_offset(offset));
		out_int(11, 64, pager_size(size));
		out_send();
		break;
	case 8: case 9:
		out_start(control, 2090);
		out_int(11, 64, pager_offset(offset));
		out_int(11, 64, pager_size(size));
		out_int(2, 32, prndn(2) ? KERN_FAILURE : (unsigned) prnd());
		out_send();
		break;
	case 10: case 11:
		send_lock_request(control, offset, size);
		break;
	case 12:
		send_attributes(control, prndn(2));
		break;
	case 13:
		if (prndn(8) == 0) {
			out_start(control, 2092);
			out_int(2, 32, (unsigned) prnd());
			out_send();
		} else {
			send_supply(control, offset, size);
		}
		break;
	default: /* nothing at all */
		break;
	}
}

static struct pager *pager_of(mach_port_t port)
{
	for (int i = 0; i < NPAGERS; i++)
		if (pagers[i].port == port)
			return &pagers[i];
	return 0;
}

static void on_pager_message(mach_msg_header_t *h)
{
	struct pager *p = pager_of(h->msgh_local_port);
	stats_pager_msgs++;
	if (h->msgh_id < 2200 || h->msgh_id > 2209) {
		if (h->msgh_id < 64 || h->msgh_id > 72)
			test_fail(__FILE__, __LINE__, "pager received id %d", h->msgh_id);
		cleanup_received(h, sizeof rcv);
		return;
	}
	switch (h->msgh_id) {
	case 2200: {
		const __Request__memory_object_init_t *r = (const void *) h;
		ASSERT_EQ(r->memory_object_page_size, vm_page_size, "init page size");
		stats_inits++;
		if (!p || (p->inits && !p->terminated)) {
			/* a second init: the kernel made a new object for the port (after termination,
			 * or a port we recycle); keep the rights of the newest one */
		}
		if (p) {
			if (MACH_PORT_VALID(p->control) && p->control != r->memory_control.name)
				mach_port_deallocate(SELF, p->control);
			if (MACH_PORT_VALID(p->name) && p->name != r->memory_object_name.name)
				mach_port_deallocate(SELF, p->name);
			p->control = r->memory_control.name;
			p->name = r->memory_object_name.name;
			p->terminated = 0;
			p->inits++;
		}
		if (prndn(8))
			send_attributes(r->memory_control.name, 1);
		break;
	}
	case 2201: {
		const __Request__memory_object_terminate_t *r = (const void *) h;
		stats_terms++;
		mach_port_destroy(SELF, r->memory_control.name);
		mach_port_destroy(SELF, r->memory_object_name.name);
		if (p && p->control == r->memory_control.name) {
			p->control = p->name = MACH_PORT_NULL;
			p->terminated = 1;
		}
		break;
	}
	case 2203: case 2204: {
		const __Request__memory_object_data_request_t *r = (const void *) h;
		answer(r->memory_control.name, r->offset, r->length);
		cleanup_received(h, sizeof rcv); /* the control send right of the request */
		break;
	}
	default:
		cleanup_received(h, sizeof rcv);
		break;
	}
}

static union {
	mach_msg_header_t h;
	unsigned char buf[8192];
} pager_rcv;

static volatile int pager_stop;

static void pager_main(void *arg)
{
	(void) arg;
	while (!atomic_load(&pager_stop)) {
		mach_msg_return_t r = mach_msg_trap(&pager_rcv.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
						    sizeof pager_rcv, pager_set, 100, MACH_PORT_NULL);
		if (r == MACH_RCV_TIMED_OUT)
			continue;
		check(is_msg_code(r), "pager receive", r, 0);
		if (r == MACH_MSG_SUCCESS)
			on_pager_message(&pager_rcv.h);
		else {
			static unsigned long errs;
			if (++errs % 100000 == 0)
				printf("mach-fuzz2: pager thread: receive error 0x%x\n", r);
			swtch_pri(0);
		}
	}
	atomic_store(&pager_stop, 2);
	thread_terminate(mach_thread_self());
}

/* ---- the toucher thread: the only one that touches pager memory ---- */

static union {
	mach_msg_header_t h;
	unsigned char buf[256];
} go_msg, go_out, touch_out;

static void touch_one(unsigned long addr, unsigned how)
{
	stats_touches++;
	switch (how & 7) {
	case 0: case 1: case 2:
		__asm__ volatile("ldrb w9, [%0]" : : "r"(addr) : "x9", "memory");
		break;
	case 3: case 4:
		__asm__ volatile("strb wzr, [%0]" : : "r"(addr) : "memory");
		break;
	case 5: { /* a message whose OOL data is pager memory, to ourselves (drained later) */
		memset(touch_out.buf, 0, 64);
		touch_out.h.msgh_bits = MACH_MSGH_BITS(19, 0) | MACH_MSGH_BITS_COMPLEX;
		touch_out.h.msgh_remote_port = checked(fuzz[how % NFUZZ]);
		touch_out.h.msgh_id = 0x4242;
		unsigned off = put_desc(touch_out.buf, 32, mach_type(9, 8, (unsigned) (how >> 8) & 0xffff, 0));
		off = put_word(touch_out.buf, off, addr & ~7ul);
		touch_out.h.msgh_size = off;
		mach_msg_trap(&touch_out.h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, off, 0, MACH_PORT_NULL, 0,
			      MACH_PORT_NULL);
		break;
	}
	case 6:
		gsync_wait(SELF, addr & ~3ul, 0, 0, 1, GSYNC_TIMED);
		break;
	default: {
		vm_address_t a = 0;
		if (vm_allocate(SELF, &a, vm_page_size, TRUE) == KERN_SUCCESS) {
			vm_copy(SELF, addr & ~(vm_page_size - 1), vm_page_size, a);
			vm_deallocate(SELF, a, vm_page_size);
		}
		break;
	}
	}
}

static void toucher_main(void *arg)
{
	(void) arg;
	for (;;) {
		mach_msg_return_t r = mach_msg_trap(&go_msg.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
						    sizeof go_msg, go_port, 1000, MACH_PORT_NULL);
		if (r != MACH_MSG_SUCCESS) {
			if (r != MACH_RCV_TIMED_OUT)
				swtch_pri(0);
			continue;
		}
		unsigned long addr, how;
		memcpy(&addr, go_msg.buf + 40, 8);
		memcpy(&how, go_msg.buf + 56, 8);
		touch_one(addr, (unsigned) how);
	}
}

static void spawn_toucher(void)
{
	ASSERT_RET(mach_thread_prepare(toucher_main, 0, &toucher), "toucher");
	ASSERT_RET(thread_set_special_port(toucher, THREAD_EXCEPTION_PORT, exc_port), "toucher exc port");
	ASSERT_RET(thread_resume(toucher), "toucher resume");
}

static void kill_toucher(void)
{
	thread_terminate(toucher);
	mach_port_deallocate(SELF, toucher);
	toucher = MACH_PORT_NULL;
	/* forget any request queued for the old thread */
	while (mach_msg(&go_msg.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof go_msg, go_port, 0,
			MACH_PORT_NULL) == MACH_MSG_SUCCESS)
		;
}

static void poke_toucher(void)
{
	struct pager *p = &pagers[rndn(NPAGERS)];
	if (!p->map)
		return;
	unsigned long addr = p->map + rndn(PAGER_PAGES * vm_page_size);
	memset(go_out.buf, 0, 64);
	go_out.h.msgh_bits = MACH_MSGH_BITS(19, 0);
	go_out.h.msgh_remote_port = go_port;
	go_out.h.msgh_id = 1;
	unsigned off = put_desc(go_out.buf, 32, mach_type(11, 64, 1, 1));
	off = put_word(go_out.buf, off, addr);
	off = put_desc(go_out.buf, off, mach_type(11, 64, 1, 1));
	off = put_word(go_out.buf, off, rnd());
	go_out.h.msgh_size = off;
	mach_msg_trap(&go_out.h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, off, 0, MACH_PORT_NULL, 0,
		      MACH_PORT_NULL);
}

/* Faults of the toucher (data_error pages, destroyed objects): skip the instruction. */
static void serve_exceptions(void)
{
	for (;;) {
		struct mach_exc_request e;
		if (mach_msg(&exc_msg.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof exc_msg, exc_port, 0,
			     MACH_PORT_NULL) != MACH_MSG_SUCCESS)
			return;
		if (mach_exc_parse(&exc_msg.h, &e) != 0) {
			cleanup_received(&exc_msg.h, sizeof exc_msg);
			continue;
		}
		stats_faults++;
		struct aarch64_thread_state st;
		mach_msg_type_number_t n = AARCH64_THREAD_STATE_COUNT;
		kern_return_t ret = KERN_FAILURE;
		if (thread_get_state(e.thread, AARCH64_THREAD_STATE, (thread_state_t) &st, &n) ==
		    KERN_SUCCESS) {
			st.pc += 4;
			if (thread_set_state(e.thread, AARCH64_THREAD_STATE, (thread_state_t) &st, n) ==
			    KERN_SUCCESS)
				ret = KERN_SUCCESS;
		}
		if (ret == KERN_SUCCESS)
			mach_exc_reply(&e, KERN_SUCCESS);
		else
			mach_port_deallocate(SELF, e.reply);
		mach_port_deallocate(SELF, e.thread);
		mach_port_deallocate(SELF, e.task);
	}
}

/* ---- pagers: create, map, recycle ---- */

static void pager_create(struct pager *p)
{
	ASSERT_RET(mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE, &p->port), "pager port");
	ASSERT_RET(mach_port_insert_right(SELF, p->port, p->port, MACH_MSG_TYPE_MAKE_SEND),
		   "pager send");
	ASSERT_RET(mach_port_move_member(SELF, p->port, pager_set), "pager set");
	p->control = p->name = MACH_PORT_NULL;
	p->inits = p->terminated = 0;
	p->map = 0;
	vm_address_t a = 0;
	if (vm_map(SELF, &a, PAGER_PAGES * vm_page_size, 0, TRUE, p->port, 0, FALSE, VM_PROT_ALL,
		   VM_PROT_ALL, VM_INHERIT_NONE) == KERN_SUCCESS)
		p->map = a;
}

/* Unmap, make the kernel terminate the object, drop the pager port. Returns when done or
 * after a bounded wait (a pager that never sent memory_object_ready may delay nothing: the
 * kernel terminates on the last reference anyway). */
static void pager_retire(struct pager *p)
{
	if (p->map)
		vm_deallocate(SELF, p->map, PAGER_PAGES * vm_page_size);
	p->map = 0;
	if (MACH_PORT_VALID(p->control) && kernel_send(p->control)) {
		memory_object_change_attributes(p->control, FALSE, 2, MACH_PORT_NULL);
		memory_object_destroy(p->control, 0);
	}
	for (int i = 0; i < 2000 && p->inits && !p->terminated; i++)
		swtch_pri(0);
	mach_port_destroy(SELF, p->port);
	p->port = MACH_PORT_NULL;
}

/* New pagers; the toucher is aborted out of whatever it waits for (its next access to a retired
 * mapping faults, and the fault is skipped), or replaced if it is still stuck. */
static void recycle_pagers(void)
{
	drop(&kport[K_PROXY]);
	for (int i = 0; i < NPAGERS; i++) {
		pager_retire(&pagers[i]);
		pager_create(&pagers[i]);
	}
	thread_abort(toucher);
	for (int i = 0; i < 8; i++)
		swtch_pri(0);
	serve_exceptions();
	mach_port_status_t st;
	if (mach_port_get_receive_status(SELF, go_port, &st) == KERN_SUCCESS && st.mps_msgcount) {
		stats_stuck++;
		kill_toucher();
		spawn_toucher();
	}
}

/* ---- random traps, gsync and scheduling calls ---- */

static void one_trap(unsigned long iter)
{
	long r;
	stats_traps++;
	switch (rndn(10)) {
	case 0:
		r = thread_switch(rndn(4) ? rnd_name() : (rndn(2) ? pager_thread : toucher),
				  (int) rndn(5) - (rndn(8) == 0 ? 2 : 0), (mach_msg_timeout_t) rndn(3));
		check(is_allowed((int) r), "thread_switch", r, iter);
		return;
	case 1:
		swtch_pri((int) (rndn(2) ? rnd() : rndn(60)));
		return;
	case 2:
		swtch();
		return;
	case 3: case 4: { /* gsync on our memory (never pager memory), our child, or junk */
		mach_port_t task = rndn(4) ? SELF : rnd_name();
		vm_address_t a;
		switch (rndn(4)) {
		case 0: a = scratch + (rnd() & (vm_page_size - 1)); break;
		case 1: a = hole + (rnd() & 7); break;
		case 2: a = 0x800000000000ul | (rnd() & 0x7fffffff8ul); break;
		default: a = rnd(); break;
		}
		int flags = (int) (rnd() & 0x1f);
		if ((flags & GSYNC_MUTATE) && !(a >= scratch && a < scratch + SCRATCH_PAGES * vm_page_size))
			flags &= ~GSYNC_MUTATE;
		if (task != SELF && (flags & GSYNC_MUTATE) && rnd_kport() == task)
			flags &= ~GSYNC_MUTATE;
		switch (rndn(3)) {
		case 0:
			r = gsync_wait(task, a, (unsigned) rnd_value(), (unsigned) rnd_value(),
				       (natural_t) rndn(3), flags | (rndn(4) ? GSYNC_TIMED : 0));
			break;
		case 1:
			r = gsync_wake(task, a, (unsigned) rnd_value(), flags);
			break;
		default:
			r = gsync_requeue(task, a, scratch + (rnd() & (vm_page_size - 4)), (boolean_t) rndn(2),
					  flags & ~GSYNC_MUTATE);
			break;
		}
		check(is_allowed((int) r), "gsync", r, iter);
		return;
	}
	case 5: { /* map a kernel pager, a proxy, or one of our pagers into the child */
		static const int which[] = {K_TIME_PAGER, K_PROXY, K_APROXY, K_NAME, K_CONTROL};
		mach_port_t obj = rndn(3) ? kport[which[rndn(5)]] : pagers[rndn(NPAGERS)].port;
		vm_address_t a = rndn(2) ? 0 : (rnd() & 0xfffff000ul);
		vm_size_t size = rndn(4) ? (1 + rndn(PAGER_PAGES)) * vm_page_size : rnd_value();
		r = syscall_vm_map(child, &a, size, rndn(4) ? 0 : rnd_value(), rndn(2) ? TRUE : FALSE,
				   obj, rndn(4) ? rndn(PAGER_PAGES) * vm_page_size : rnd_value(),
				   (boolean_t) (rndn(4) == 0), (vm_prot_t) (rndn(4) ? rndn(8) : rnd()),
				   VM_PROT_ALL, (vm_inherit_t) rndn(4));
		check(is_allowed((int) r), "syscall_vm_map(child)", r, iter);
		return;
	}
	case 6: /* child memory operations: copies, reads, protections over those mappings */
		switch (rndn(4)) {
		case 0:
			r = vm_deallocate(child, rnd() & 0xfffff000ul, rnd_value());
			break;
		case 1:
			r = vm_protect(child, rnd() & 0xfffff000ul, rnd_value(), (boolean_t) rndn(2),
				       (vm_prot_t) rndn(8));
			break;
		case 2:
			r = vm_msync(child, rnd() & 0xfffff000ul, rnd_value(), (vm_sync_t) rndn(8));
			break;
		default: {
			mach_port_t proxy = MACH_PORT_NULL;
			r = vm_region_create_proxy(child, rnd() & 0xfffff000ul, (vm_prot_t) rndn(8),
						   rnd_value(), &proxy);
			if (r == KERN_SUCCESS)
				mach_port_deallocate(SELF, proxy);
			break;
		}
		}
		check(is_allowed((int) r), "child vm", r, iter);
		return;
	case 7: /* task termination releases mappings of pagers and proxies */
		if (rndn(16) == 0) {
			task_terminate(child);
			refresh_child();
		}
		return;
	case 8: { /* vm_object_sync / vm_msync on the control and name ports */
		r = vm_object_sync(rndn(2) ? kport[K_NAME] : rnd_kport(), rnd_value(), rnd_value(),
				   (boolean_t) rndn(2), (boolean_t) rndn(2), (boolean_t) rndn(2));
		check(is_allowed((int) r), "vm_object_sync", r, iter);
		return;
	}
	default:
		poke_toucher();
		return;
	}
}

/* ---- main ---- */

static unsigned long free_pages(void)
{
	vm_statistics_data_t st;
	ASSERT_RET(vm_statistics(SELF, &st), "vm_statistics");
	return (unsigned long) (unsigned) st.data[1];
}

static void setup(void)
{
	ASSERT_RET(mach_port_allocate(SELF, MACH_PORT_RIGHT_PORT_SET, &drain_set), "set");
	ASSERT_RET(mach_port_allocate(SELF, MACH_PORT_RIGHT_PORT_SET, &pager_set), "pager set");
	exc_port = test_port();
	go_port = test_port();
	mach_port_set_qlimit(SELF, go_port, 1);
	host = mach_host_self();
	ASSERT_RET(vm_allocate(SELF, &scratch, SCRATCH_PAGES * vm_page_size, TRUE), "scratch");
	/* far above every anywhere-allocation (they start at 0): never reused for a pager mapping */
	hole = 0x700000000000ul;
	ASSERT_RET(vm_deallocate(SELF, hole, vm_page_size), "hole");
	ASSERT_RET(vm_allocate(SELF, (vm_address_t *) &supply_buf, (PAGER_PAGES + 1) * vm_page_size,
			       TRUE), "supply buffer");
	for (unsigned long i = 0; i < (PAGER_PAGES + 1) * vm_page_size; i++)
		supply_buf[i] = (char) (i * 7 + 1);
	mach_port_t d = open_device("hd0", D_READ);
	have_disk = MACH_PORT_VALID(d);
	if (have_disk)
		mach_port_deallocate(SELF, d);
	refresh();
	ASSERT_RET(mach_thread_spawn(pager_main, 0, &pager_thread), "pager thread");
}

/* Children whose send right a message gave away are still alive (as on GNU Mach, only
 * task_terminate ends a task): find them through the processor set and terminate them. */
static void terminate_orphans(void)
{
	task_array_t tasks;
	mach_msg_type_number_t n = 0;
	if (!kernel_send(kport[K_PSET_PRIV]) ||
	    processor_set_tasks(kport[K_PSET_PRIV], &tasks, &n) != KERN_SUCCESS)
		return;
	for (unsigned i = 0; i < n; i++) {
		if (tasks[i] != SELF)
			task_terminate(tasks[i]);
		mach_port_deallocate(SELF, tasks[i]);
	}
	vm_deallocate(SELF, (vm_address_t) tasks, n * sizeof *tasks);
}

static void teardown(void)
{
	kill_toucher();
	terminate_orphans();
	if (MACH_PORT_VALID(child)) {
		task_terminate(child);
		forget(child);
		child = MACH_PORT_NULL;
	}
	drop(&kport[K_PROXY]);
	drop(&kport[K_APROXY]);
	for (int i = 0; i < NPAGERS; i++)
		pager_retire(&pagers[i]);
	for (int i = 0; i < NPAGERS; i++)
		if (pagers[i].inits && !pagers[i].terminated)
			test_fail(__FILE__, __LINE__, "pager %d: memory object never terminated", i);
	atomic_store(&pager_stop, 1);
	for (int i = 0; i < 1000 && atomic_load(&pager_stop) != 2; i++)
		swtch_pri(0);
	ASSERT(atomic_load(&pager_stop) == 2, "pager thread stops");
	mach_port_deallocate(SELF, pager_thread);
	serve_exceptions();
	drain(~0ul);
}

int test_main(int argc, char **argv)
{
	SELF = mach_task_self();
	vm_address_t zero = 0;
	ASSERT_RET(syscall_vm_map(SELF, &zero, vm_page_size, 0, FALSE, MACH_PORT_NULL, 0, TRUE,
				  VM_PROT_NONE, VM_PROT_NONE, VM_INHERIT_COPY),
		   "reserve page zero");
	rng = 0x9e3779b97f4a7c15ul;
	if (argc > 3)
		rng ^= (unsigned long) atol(argv[3]) * 0x2545f4914f6cdd1dul;
	prng ^= rng;
	iterations = argc > 4 ? (unsigned long) atol(argv[4]) : DEFAULT_ITERATIONS;
	if (!iterations)
		iterations = DEFAULT_ITERATIONS;
	unsigned names_before = count_names();
	unsigned long free_before = free_pages();
	setup();
	for (int i = 0; i < NPAGERS; i++)
		pager_create(&pagers[i]);
	spawn_toucher();
	printf("mach-fuzz2: seed %s, %lu messages, disk %s\n", argc > 3 ? argv[3] : "0", iterations,
	       have_disk ? "hd0" : "none");
	for (unsigned long i = 1; i <= iterations; i++) {
		one_message(i);
		drain(i);
		serve_exceptions();
		if ((i & 1) == 0)
			one_trap(i);
		if ((i & 63) == 0)
			refresh();
		if (i % RECYCLE == 0)
			recycle_pagers();
		if (i % 10000 == 0)
			printf("mach-fuzz2: %lu messages (%lu accepted, %lu replies), %lu traps, %lu drained, "
			       "pagers: %lu msgs %lu inits %lu terminations, toucher: %lu touches %lu faults %lu stuck\n",
			       i, stats_ok, stats_replies, stats_traps, stats_drained, stats_pager_msgs,
			       stats_inits, stats_terms, stats_touches, stats_faults, stats_stuck);
	}
	refresh();
	teardown();
	drop(&host);
	for (int k = 0; k < K_COUNT; k++)
		if (k != K_CONTROL && k != K_NAME)
			drop(&kport[k]);
	mach_port_destroy(SELF, exc_port);
	mach_port_destroy(SELF, go_port);
	for (int i = 0; i < NFUZZ; i++)
		mach_port_destroy(SELF, fuzz[i]);
	forget(dead);
	forget(sonce);
	mach_port_destroy(SELF, drain_set);
	mach_port_destroy(SELF, pager_set);
	unsigned names_after = count_names();
	unsigned long free_after = free_pages();
	printf("mach-fuzz2: %u names before, %u after (%lu unknowable); free pages %lu before, %lu after\n",
	       names_before, names_after, unknowable_names, free_before, free_after);
	ASSERT(names_after <= names_before + unknowable_names, "no leaked rights");
	/* our own memory (scratch, supply buffer, thread stacks) is still allocated: a bound */
	ASSERT(free_after + 64 + 4 * 1024 * 1024 / vm_page_size >= free_before, "no leaked pages");
	mach_port_t p = test_port();
	EXPECT_KR(test_send_empty(p, 1), MACH_MSG_SUCCESS);
	EXPECT_KR(test_receive(p, &rcv.h, sizeof rcv, 0), MACH_MSG_SUCCESS);
	return 0;
}
