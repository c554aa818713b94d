/* module-mach-fuzz: 100 000 malformed messages and random trap calls; every result must be a
 * Mach error code (or success), the kernel must never crash or hang us. Deterministic
 * (xorshift64, seed from argv[3] if given).
 *
 * Messages: random header bits (dispositions, COMPLEX, reserved bits), destination and reply
 * names drawn from our own ports, a port set, a dead name, a send-once right, a child task,
 * the host port, NULL, DEAD and unused names; bodies of up to five items: inline data of random
 * type/size/count (and deallocate/longform/unused bits), inline port rights (right and wrong
 * sizes), out-of-line memory (scratch, unmapped, NULL or random pointers, random sizes),
 * out-of-line port arrays, or descriptors that are pure random bits; random msgh_id (often a
 * real kernel routine id, so the kernel servers decode garbage), msgh_size and send_size
 * (exact, short, long, unaligned, huge), random option bits (always with MACH_SEND_TIMEOUT
 * and, when receiving, MACH_RCV_TIMEOUT, so nothing can block).
 * Traps: every entry of the table with random arguments, except those that could legitimately
 * destroy the fuzzer itself (vm_deallocate/terminate/suspend of our own task,
 * thread_set_self_state with a valid state).
 * The names we must keep (our task, thread, host_priv, device master) are never offered to the
 * generator, and deallocation of memory is only ever requested for a scratch area.
 * Leak check: at the end our space holds no more names than at the start, except one per
 * object-creating shortcut trap (task_create, mach_port_allocate) given a bad out pointer,
 * whose new name the caller cannot learn (GNU Mach semantics). */
#include "testlib.h"

#define ITERATIONS 100000
#define NFUZZ 4
#define SCRATCH_PAGES 4

static mach_port_t SELF;
static unsigned long rng;

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

static mach_port_t fuzz[NFUZZ], drain_set, dead, sonce, child, host;
static vm_address_t scratch, hole;
static unsigned long stats_ok, stats_err, stats_traps, stats_drained;
/* Shortcut traps that create an object and then fail to store its name (bad out pointer) leave
 * a right under a name we cannot know, as on GNU Mach: the only names the leak check allows. */
static unsigned long unknowable_names;

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

/* ---- valid results ---- */

static int is_msg_code(int r)
{
	if (r == MACH_MSG_SUCCESS)
		return 1;
	if (r >= 0x10000001 && r <= 0x10000010)
		return 1;
	int base = r & ~0x3c00;
	if (base < 0x10004001 || base > 0x1000400c)
		return 0;
	/* IPC_SPACE / VM_SPACE / IPC_KERNEL / VM_KERNEL only qualify header and body errors */
	return (r & 0x3c00) == 0 || base == MACH_RCV_HEADER_ERROR || base == MACH_RCV_BODY_ERROR;
}

static int is_kern_code(int r)
{
	return (r >= 0 && r <= 28) || (r >= 0x10000001 && r <= 0x10000010) ||
	       (r <= -300 && r >= -309) || (r >= 2500 && r <= 2509);
}

static void check(int ok, const char *what, long r, unsigned long iter)
{
	if (!ok)
		test_fail(__FILE__, __LINE__, "iteration %lu: %s returned 0x%lx, not a Mach code", iter,
			  what, (unsigned long) r);
}

/* ---- the world the fuzzer plays in ---- */

static int has_type(mach_port_t name, mach_port_type_t bits)
{
	mach_port_type_t t;
	return mach_port_type(SELF, name, &t) == KERN_SUCCESS && (t & bits) == bits;
}

static void refresh_child(void)
{
	/* A fuzzed message may have moved the child's send right away; its name may since have
	 * been reused for one of our own receive rights (or a port set), and an RPC to our own
	 * port would wait for a reply forever (on GNU Mach too). Such a name is not the child. */
	if (has_type(child, MACH_PORT_TYPE_RECEIVE) || has_type(child, MACH_PORT_TYPE_PORT_SET))
		child = MACH_PORT_NULL;
	integer_t info[32];
	mach_msg_type_number_t n = 32;
	if (!MACH_PORT_VALID(child) || task_info(child, TASK_BASIC_INFO, info, &n) != KERN_SUCCESS) {
		if (MACH_PORT_VALID(child)) {
			task_terminate(child);
			mach_port_destroy(SELF, child);
		}
		ASSERT_RET(task_create(SELF, FALSE, &child), "child task");
	}
}

static void refresh(void)
{
	refresh_child();
	for (int i = 0; i < NFUZZ; i++) {
		if (!has_type(fuzz[i], MACH_PORT_TYPE_RECEIVE)) {
			mach_port_destroy(SELF, fuzz[i]);
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
		mach_port_destroy(SELF, dead);
		ASSERT_RET(mach_port_allocate(SELF, MACH_PORT_RIGHT_DEAD_NAME, &dead), "dead name");
	}
	if (!has_type(sonce, MACH_PORT_TYPE_SEND_ONCE)) {
		mach_msg_type_name_t poly;
		mach_port_destroy(SELF, sonce);
		ASSERT_RET(mach_port_extract_right(SELF, fuzz[0], MACH_MSG_TYPE_MAKE_SEND_ONCE, &sonce,
						   &poly),
			   "send-once right");
	}
	if (!has_type(host, MACH_PORT_TYPE_SEND))
		host = mach_host_self();
}

static void ensure_scratch(void)
{
	for (int i = 0; i < SCRATCH_PAGES; i++) {
		vm_address_t a = scratch + i * vm_page_size;
		vm_allocate(SELF, &a, vm_page_size, FALSE); /* fills a hole, or KERN_NO_SPACE */
	}
}

static void setup(void)
{
	ASSERT_RET(mach_port_allocate(SELF, MACH_PORT_RIGHT_PORT_SET, &drain_set), "set");
	for (int i = 0; i < NFUZZ; i++)
		fuzz[i] = MACH_PORT_NULL;
	dead = sonce = child = MACH_PORT_NULL;
	host = mach_host_self();
	refresh();
	ASSERT_RET(vm_allocate(SELF, &scratch, SCRATCH_PAGES * vm_page_size, TRUE), "scratch");
	ASSERT_RET(vm_allocate(SELF, &hole, vm_page_size, TRUE), "hole");
	ASSERT_RET(vm_deallocate(SELF, hole, vm_page_size), "hole");
}

static mach_port_t rnd_name(void)
{
	switch (rndn(14)) {
	case 0: case 1: case 2: case 3: return fuzz[rndn(NFUZZ)];
	case 4: return drain_set;
	case 5: return dead;
	case 6: return sonce;
	case 7: case 8: return child;
	case 9: return host;
	case 10: return MACH_PORT_NULL;
	case 11: return MACH_PORT_DEAD;
	case 12: return 0x7777;
	default: return 0x10000000u | (unsigned) (rnd() & 0x0ffffff0u);
	}
}

static unsigned rnd_disposition(void)
{
	static const unsigned d[] = {0, 16, 17, 18, 19, 20, 21, 15, 2, 23};
	return rndn(4) == 0 ? (unsigned) rnd() & 0xff : d[rndn(sizeof d / sizeof d[0])];
}

static unsigned long rnd_pointer(int *may_dealloc)
{
	*may_dealloc = 1;
	switch (rndn(6)) {
	case 0: case 1: return scratch + (rnd() & (vm_page_size - 1) & ~7ul) * rndn(2);
	case 2: return hole;
	case 3: return 0;
	case 4: *may_dealloc = 0; return rnd() & 0xfffffffffff8ul;
	default: return 0xffff000000000000ul | (rnd() & 0xfff0);
	}
}

static mach_msg_id_t rnd_id(void)
{
	static const int bases[] = {2000, 2600, 3200, 4200, 4500, 2800, 2400, 64, 4000};
	switch (rndn(4)) {
	case 0: return (mach_msg_id_t) rnd();
	default: return bases[rndn(sizeof bases / sizeof bases[0])] + (int) rndn(100);
	}
}

/* ---- one malformed message ---- */

static union {
	mach_msg_header_t h;
	unsigned char buf[8192];
} msg, rcv;
static mach_port_t ool_names[8];

static unsigned put_desc(unsigned off, mach_msg_type_t t)
{
	memcpy(msg.buf + off, &t, 8);
	return off + 8;
}

static unsigned build_body(unsigned off, int *used_dealloc)
{
	int items = (int) rndn(6);
	for (int i = 0; i < items && off + 64 < 4096; i++) {
		mach_msg_type_t t;
		int md;
		unsigned long p;
		switch (rndn(5)) {
		case 0: { /* inline data */
			static const unsigned sizes[] = {8, 16, 32, 64, 1, 0, 7, 128, 1024};
			unsigned size = sizes[rndn(sizeof sizes / sizeof sizes[0])];
			unsigned number = rndn(3) == 0 ? (unsigned) rnd() : rndn(64);
			t = mach_type((unsigned) rndn(16), size, number, 1);
			t.msgt_longform = rndn(2);
			t.msgt_deallocate = rndn(8) == 0;
			t.msgt_unused = rndn(8) == 0 ? rndn(32) : 0;
			off = put_desc(off, t);
			unsigned long bytes = ((unsigned long) size * (number & 0xfff) + 7) / 8;
			if (bytes > 256)
				bytes = rndn(256);
			for (unsigned long k = 0; k < bytes && off < 4096; k++)
				msg.buf[off++] = (unsigned char) rnd();
			off = (off + 7) & ~7u;
			break;
		}
		case 1: { /* inline ports */
			unsigned n = 1 + rndn(3);
			t = mach_type(rnd_disposition(), rndn(4) ? 64 : 32, n, 1);
			off = put_desc(off, t);
			for (unsigned k = 0; k < n; k++) {
				unsigned long slot = rnd_name();
				if (rndn(8) == 0)
					slot |= rnd() << 32;
				memcpy(msg.buf + off, &slot, 8);
				off += 8;
			}
			break;
		}
		case 2: /* out-of-line memory */
			p = rnd_pointer(&md);
			t = mach_type((unsigned) rndn(16), 8,
				      rndn(4) == 0 ? (unsigned) rnd() : rndn(SCRATCH_PAGES * vm_page_size), 0);
			t.msgt_longform = rndn(2);
			if (md && rndn(3) == 0) {
				t.msgt_deallocate = 1;
				*used_dealloc = 1;
			}
			off = put_desc(off, t);
			memcpy(msg.buf + off, &p, 8);
			off += 8;
			break;
		case 3: { /* out-of-line port array */
			unsigned n = rndn(8);
			for (unsigned k = 0; k < n; k++)
				ool_names[k] = rnd_name();
			/* never a random pointer: our own memory read as names could move our rights */
			p = rndn(4) ? (unsigned long) ool_names : rnd_pointer(&md);
			if (!md)
				p = hole;
			t = mach_type(rnd_disposition(), rndn(4) ? 32 : 64, n, 0);
			off = put_desc(off, t);
			memcpy(msg.buf + off, &p, 8);
			off += 8;
			break;
		}
		default: { /* pure noise */
			unsigned long w = rnd();
			w &= ~(1ul << 31); /* never ask to deallocate random memory */
			memcpy(msg.buf + off, &w, 8);
			off += 8;
			unsigned long d = rnd_name();
			memcpy(msg.buf + off, &d, 8);
			off += 8;
			break;
		}
		}
	}
	return off;
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
		int is_port = name == 16 || name == 17 || name == 18;
		if (!t.msgt_inline) {
			unsigned long addr;
			if (off + 8 > end)
				break;
			memcpy(&addr, buf + off, 8);
			off += 8;
			unsigned long bytes = ((unsigned long) t.msgt_size * t.msgt_number + 7) / 8;
			if (is_port && addr)
				for (unsigned k = 0; k < t.msgt_number; k++) {
					mach_port_t n = ((mach_port_t *) addr)[k];
					if (MACH_PORT_VALID(n))
						mach_port_deallocate(SELF, n);
				}
			if (addr && bytes)
				vm_deallocate(SELF, addr, bytes);
			continue;
		}
		if (is_port) {
			for (unsigned k = 0; k < t.msgt_number && off + 8 <= end; k++, off += 8) {
				mach_port_t n = *(mach_port_t *) (buf + off);
				if (!MACH_PORT_VALID(n))
					continue;
				int ours = 0;
				for (int i = 0; i < NFUZZ; i++)
					ours |= n == fuzz[i];
				if (name == 16 && !ours)
					mach_port_mod_refs(SELF, n, MACH_PORT_RIGHT_RECEIVE, -1);
				else if (name != 16)
					mach_port_deallocate(SELF, n);
			}
			continue;
		}
		unsigned long bytes = ((unsigned long) t.msgt_size * t.msgt_number + 7) / 8;
		off += (unsigned) ((bytes + 7) & ~7ul);
	}
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
	int used_dealloc = 0;
	memset(msg.buf, 0, 64);
	unsigned bits = rnd_disposition() | (rnd_disposition() << 8);
	if (rndn(2))
		bits |= MACH_MSGH_BITS_COMPLEX;
	if (rndn(16) == 0)
		bits |= (unsigned) rnd() & 0x7fff0000u;
	msg.h.msgh_bits = bits;
	msg.h.msgh_remote_port = rnd_name();
	msg.h.msgh_local_port = rnd_name();
	msg.h.msgh_id = rnd_id();
	unsigned size = build_body(32, &used_dealloc);
	unsigned send_size;
	switch (rndn(8)) {
	case 0: send_size = rndn(64); break;
	case 1: send_size = size + 4 * rndn(64); break;
	case 2: send_size = size - (size > 32 ? 8 * rndn(4) : 0); break;
	case 3: send_size = (unsigned) rnd(); break;
	case 4: send_size = size + 1 + rndn(7); break;
	default: send_size = size;
	}
	msg.h.msgh_size = rndn(8) ? send_size : (unsigned) rnd();
	mach_msg_option_t opt = MACH_SEND_MSG | MACH_SEND_TIMEOUT;
	mach_port_t rcv_name = MACH_PORT_NULL;
	if (rndn(4) == 0) {
		opt |= MACH_RCV_MSG | MACH_RCV_TIMEOUT;
		rcv_name = rnd_name();
	}
	if (rndn(8) == 0)
		opt |= (unsigned) rnd() & (MACH_SEND_NOTIFY | MACH_SEND_INTERRUPT | MACH_RCV_INTERRUPT |
					   MACH_RCV_LARGE | MACH_RCV_NOTIFY | 0xff000000u);
	unsigned rcv_size = (opt & MACH_RCV_MSG) ? (rndn(2) ? sizeof msg : rndn(64)) : 0;
	mach_msg_return_t r = mach_msg_trap(&msg.h, opt, send_size, rcv_size, rcv_name,
					    rndn(4) == 0 ? 1 : 0, rnd_name());
	check(is_msg_code(r), "mach_msg", r, iter);
	if (r == MACH_MSG_SUCCESS && (opt & MACH_RCV_MSG))
		cleanup_received(&msg.h, rcv_size);
	if (r == MACH_MSG_SUCCESS)
		stats_ok++;
	else
		stats_err++;
	if (used_dealloc)
		ensure_scratch();
}

/* ---- random traps ---- */

/* Never one of our receive rights: mapping a port we serve (and never answer) could block. */
static mach_port_t rnd_memory_object(void)
{
	static const mach_port_t fixed[] = {MACH_PORT_NULL, 0x7777, MACH_PORT_DEAD};
	switch (rndn(5)) {
	case 0: return dead;
	case 1: return host;
	case 2: return 0x10000000u | (unsigned) (rnd() & 0x0ffffff0u);
	default: return fixed[rndn(3)];
	}
}

static mach_port_t rnd_task_not_self(void)
{
	mach_port_t t = rnd_name();
	return t;
}

static void one_trap(unsigned long iter)
{
	static const int invalid[] = {-1, -5, -9, -14, -16, -19, -24, -31, -32, -38, -41, -50, -54,
				      -57, -58, -62, -63, -67, -78, -79, -80, -88, -95, -96, -110,
				      -129};
	vm_address_t addr = rnd() & 0xfffffffff000ul;
	mach_port_t name = (mach_port_t) rnd();
	vm_address_t *paddr = rndn(4) ? &addr : (vm_address_t *) (rndn(2) ? hole : 0);
	mach_port_t *pname = rndn(4) ? &name : (mach_port_t *) hole;
	long r;
	int kind = (int) rndn(22);
	stats_traps++;
	switch (kind) {
	case 0:
		r = mach_trap_raw(invalid[rndn(sizeof invalid / sizeof invalid[0])], (long) rnd(),
				  (long) rnd(), (long) rnd(), (long) rnd(), (long) rnd(), (long) rnd(),
				  (long) rnd());
		check(is_kern_code((int) r) && r != KERN_SUCCESS, "invalid trap", r, iter);
		return;
	case 1:
		r = mach_trap_raw(-10 - (long) rndn(4), (long) rnd(), 0, 0, 0, 0, 0, 0);
		check(r == 0, "null_port trap", r, iter);
		return;
	case 2: {
		mach_port_t p = mach_reply_port();
		if (MACH_PORT_VALID(p))
			mach_port_destroy(SELF, p);
		return;
	}
	case 3: {
		static const char ok[] = "";
		const char *s = rndn(2) ? ok : (const char *) (rndn(2) ? hole : 0xffff000000000000ul);
		r = mach_print(s);
		check(is_kern_code((int) r), "mach_print", r, iter);
		return;
	}
	case 4:
		r = thread_switch(rnd_name(), (int) rndn(5), (mach_msg_timeout_t) rndn(3));
		check(is_kern_code((int) r), "thread_switch", r, iter);
		return;
	case 5:
		swtch_pri((int) rnd());
		return;
	case 6: case 7: {
		mach_port_t task = rndn(2) ? SELF : rnd_task_not_self();
		vm_size_t size = rndn(2) ? (rnd() & 0xffffff) : rnd();
		int anywhere = (int) rndn(2);
		vm_address_t before = addr;
		if (kind == 6)
			r = syscall_vm_map(task, paddr, size, rnd() & (rndn(2) ? 0xffff : ~0ul), anywhere,
					   rnd_memory_object(), rnd(), (boolean_t) rnd(), (vm_prot_t) rnd(),
					   (vm_prot_t) rnd(), (vm_inherit_t) rnd());
		else
			r = syscall_vm_allocate(task, paddr, size, anywhere);
		check(is_kern_code((int) r), kind == 6 ? "syscall_vm_map" : "syscall_vm_allocate", r, iter);
		if (r == KERN_SUCCESS && task == SELF && paddr == &addr) {
			if (!anywhere && addr != trunc_page(before))
				test_fail(__FILE__, __LINE__, "fixed allocation moved");
			vm_deallocate(SELF, addr, size);
		}
		return;
	}
	case 8:
		r = syscall_vm_deallocate(rnd_task_not_self(), rnd(), rnd());
		break;
	case 9: {
		mach_port_t parent = rndn(4) ? rnd_name() : SELF;
		name = MACH_PORT_NULL;
		r = syscall_task_create(parent, (boolean_t) rndn(2), pname);
		check(is_kern_code((int) r), "syscall_task_create", r, iter);
		if (pname != &name && (r == KERN_SUCCESS || r == KERN_INVALID_ADDRESS))
			unknowable_names++;
		if (r == KERN_SUCCESS && pname == &name && MACH_PORT_VALID(name)) {
			task_terminate(name);
			mach_port_destroy(SELF, name);
		}
		return;
	}
	case 10:
		r = syscall_task_terminate(rnd_task_not_self());
		break;
	case 11:
		r = syscall_task_suspend(rnd_task_not_self());
		if (r == KERN_SUCCESS)
			task_resume(child);
		break;
	case 12:
		r = syscall_task_set_special_port(rnd_task_not_self(), (int) rndn(8), rnd_name());
		break;
	case 13: {
		mach_port_t task = rndn(2) ? SELF : rnd_name();
		name = MACH_PORT_NULL;
		r = syscall_mach_port_allocate(task, (mach_port_right_t) rndn(6), pname);
		check(is_kern_code((int) r), "syscall_mach_port_allocate", r, iter);
		if (pname != &name && (r == KERN_SUCCESS || r == KERN_INVALID_ADDRESS))
			unknowable_names++;
		if (r == KERN_SUCCESS && task == SELF && pname == &name && MACH_PORT_VALID(name))
			mach_port_destroy(SELF, name);
		return;
	}
	case 14:
		r = syscall_mach_port_deallocate(rnd_task_not_self(), rnd_name());
		break;
	case 15: {
		mach_port_t n = 0x20000000u | (unsigned) (rnd() & 0x0fffff00u);
		r = syscall_mach_port_insert_right(rndn(2) ? SELF : rnd_name(), n, rnd_name(),
						   rnd_disposition());
		check(is_kern_code((int) r), "syscall_mach_port_insert_right", r, iter);
		mach_port_destroy(SELF, n);
		return;
	}
	case 16: {
		mach_port_t n = 0x30000000u | (unsigned) (rnd() & 0x0fffff00u);
		mach_port_t task = rndn(2) ? SELF : rnd_name();
		r = syscall_mach_port_allocate_name(task, (mach_port_right_t) rndn(6), n);
		check(is_kern_code((int) r), "syscall_mach_port_allocate_name", r, iter);
		if (r == KERN_SUCCESS && task == SELF)
			mach_port_destroy(SELF, n);
		return;
	}
	case 17:
		r = syscall_thread_depress_abort(rnd_name());
		break;
	case 18: {
		/* only states that must be refused: bad count, bad pointer, bad flavor */
		static natural_t junk[16];
		switch (rndn(3)) {
		case 0:
			r = thread_set_self_state((int) rndn(3), junk, rndn(2) ? 0 : 1025 + (natural_t) rnd() % 100000);
			break;
		case 1:
			r = thread_set_self_state(AARCH64_THREAD_STATE, (natural_t *) (rndn(2) ? hole : 0),
						  AARCH64_THREAD_STATE_COUNT);
			break;
		default:
			r = thread_set_self_state(3 + (int) rndn(1000), junk, 16);
			break;
		}
		check(is_kern_code((int) r) && r != KERN_SUCCESS, "thread_set_self_state", r, iter);
		return;
	}
	case 19:
		r = syscall_device_write_request(rnd_name(), rnd_name(), (dev_mode_t) rnd(), rnd(),
						 (io_buf_ptr_t) scratch, (mach_msg_type_number_t) rndn(64));
		break;
	case 20:
		r = syscall_device_writev_request(rnd_name(), rnd_name(), (dev_mode_t) rnd(), rnd(),
						  (void *) hole, (mach_msg_type_number_t) rndn(4));
		break;
	default: {
		/* mach_msg_trap with a random buffer pointer and sizes */
		int md;
		unsigned long p = rnd_pointer(&md);
		if (!md)
			p = hole;
		r = mach_msg_trap((mach_msg_header_t *) p, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
				  (mach_msg_size_t) rnd(), 0, MACH_PORT_NULL, 0, MACH_PORT_NULL);
		check(is_msg_code((int) r), "mach_msg_trap(bad buffer)", r, iter);
		return;
	}
	}
	check(is_kern_code((int) r), "trap", r, iter);
}

int test_main(int argc, char **argv)
{
	SELF = mach_task_self();
	/* As glibc's _hurd_startup: reserve page zero (PROT_NONE), so that NULL and small random
	 * pointers are invalid. GNU Mach allocates from address 0 up, and the scratch area would
	 * otherwise land there, making e.g. thread_set_self_state(NULL) a valid all-zero state. */
	vm_address_t zero = 0;
	ASSERT_RET(syscall_vm_map(SELF, &zero, vm_page_size, 0, FALSE, MACH_PORT_NULL, 0, TRUE,
				  VM_PROT_NONE, VM_PROT_NONE, VM_INHERIT_COPY),
		   "reserve page zero");
	rng = 0x9e3779b97f4a7c15ul;
	if (argc > 3)
		rng ^= (unsigned long) atol(argv[3]) * 0x2545f4914f6cdd1dul;
	setup();
	unsigned names_before = count_names();
	for (unsigned long i = 1; i <= ITERATIONS; i++) {
		one_message(i);
		drain(i);
		if ((i & 3) == 0)
			one_trap(i);
		if ((i & 255) == 0)
			refresh();
		if (i % 10000 == 0)
			printf("mach-fuzz: %lu messages (%lu accepted, %lu refused, %lu drained), %lu traps\n",
			       i, stats_ok, stats_err, stats_drained, stats_traps);
	}
	drain(ITERATIONS + 1);
	refresh();
	unsigned names_after = count_names();
	printf("mach-fuzz: %u names before, %u after (%lu calls could leave an unknowable name)\n",
	       names_before, names_after, unknowable_names);
	ASSERT(names_after <= names_before + unknowable_names, "no leaked rights");
	/* Still alive and in working order. */
	mach_port_t p = test_port();
	EXPECT_KR(test_send_empty(p, 1), MACH_MSG_SUCCESS);
	EXPECT_KR(test_receive(p, &rcv.h, sizeof rcv, 0), MACH_MSG_SUCCESS);
	return 0;
}
