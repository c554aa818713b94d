/* module-machmsg: mach_msg between ports of one task and with a server thread.
 * Success: simple messages (header as received: bits, size, local/remote, id, seqno), send-once
 * reply rights and replies, RPC (SEND|RCV) to a server thread, inline data up to several KiB,
 * port rights in the body (coalescing with the receive right's name, MOVE_RECEIVE), the
 * COMPLEX bit cleared on delivery when nothing complex was carried, out-of-line memory
 * (copy and "deallocate from the sender"), out-of-line port arrays, send-once notifications,
 * queue limits (MACH_SEND_TIMED_OUT), RCV_TOO_LARGE with and without MACH_RCV_LARGE.
 * Errors: MACH_SEND_INVALID_DEST (bad/NULL name), MACH_SEND_MSG_TOO_SMALL (short header, body
 * past msgh_size), MACH_SEND_INVALID_HEADER, MACH_SEND_INVALID_REPLY, MACH_SEND_INVALID_DATA
 * (unmapped message), MACH_SEND_INVALID_TYPE (deallocate on inline data, inline port of the
 * wrong size, unused bits), MACH_SEND_INVALID_RIGHT, MACH_SEND_INVALID_MEMORY (unmapped OOL),
 * MACH_RCV_INVALID_NAME (unknown name, send-only name), MACH_RCV_TIMED_OUT.
 * Notify options: MACH_SEND_NOTIFY on a full queue (MACH_SEND_WILL_NOTIFY, msg-accepted
 * notification when dequeued, MACH_SEND_NOTIFY_IN_PROGRESS, MACH_SEND_INVALID_NOTIFY),
 * MACH_SEND_CANCEL (port-deleted suppressed, MACH_SEND_INVALID_NOTIFY), MACH_RCV_NOTIFY
 * (dead-name request on a new reply name, MACH_RCV_INVALID_NOTIFY). */
#include "testlib.h"

typedef struct {
	mach_msg_header_t h;
	mach_msg_type_t t;
	unsigned int v;
	unsigned int pad;
} msg_int_t;

typedef struct {
	mach_msg_header_t h;
	mach_msg_type_t t;
	mach_port_name_inlined_t port;
} msg_port_t;

typedef struct {
	mach_msg_header_t h;
	mach_msg_type_t t;
	void *addr;
} msg_ool_t;

typedef union {
	mach_msg_header_t h;
	unsigned char buf[8192];
} rcv_buf_t;

static rcv_buf_t rb;

static void header(mach_msg_header_t *h, mach_port_t dest, unsigned bits, unsigned size, int id)
{
	memset(h, 0, sizeof *h);
	h->msgh_bits = bits;
	h->msgh_size = size;
	h->msgh_remote_port = dest;
	h->msgh_local_port = MACH_PORT_NULL;
	h->msgh_id = id;
}

static mach_msg_return_t send(mach_msg_header_t *h)
{
	return mach_msg(h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, h->msgh_size, 0, MACH_PORT_NULL, 0,
			MACH_PORT_NULL);
}

static void int_msg(msg_int_t *m, mach_port_t dest, int id, unsigned v)
{
	memset(m, 0, sizeof *m);
	header(&m->h, dest, MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0), sizeof *m, id);
	m->t = mach_type(MACH_MSG_TYPE_INTEGER_32, 32, 1, 1);
	m->v = v;
}

/* An address with nothing mapped: a page allocated and given back. Not a fixed low address
 * such as 0x10: GNU Mach's user map starts at 0 (VM_MIN_ADDRESS), so vm_allocate "anywhere"
 * may place a region (e.g. a thread stack) at page zero. */
static vm_address_t unmapped_address(void)
{
	vm_address_t a = 0;
	ASSERT_RET(vm_allocate(mach_task_self(), &a, vm_page_size, TRUE), "vm_allocate");
	ASSERT_RET(vm_deallocate(mach_task_self(), a, vm_page_size), "vm_deallocate");
	return a + 0x10;
}

static void expect_empty(mach_port_t p)
{
	EXPECT_KR(test_receive(p, &rb.h, sizeof rb, 0), MACH_RCV_TIMED_OUT);
}

static void test_simple(mach_port_t p)
{
	msg_int_t m;
	int_msg(&m, p, 1000, 0xabcd1234);
	EXPECT_KR(send(&m.h), MACH_MSG_SUCCESS);
	int_msg(&m, p, 1001, 7);
	EXPECT_KR(send(&m.h), MACH_MSG_SUCCESS);
	EXPECT_KR(test_receive(p, &rb.h, sizeof rb, 0), MACH_MSG_SUCCESS);
	msg_int_t *r = (msg_int_t *) rb.buf;
	ASSERT_EQ(r->h.msgh_size, 48, "received size");
	ASSERT_EQ(r->h.msgh_id, 1000, "received id");
	ASSERT_EQ(r->h.msgh_bits, MACH_MSGH_BITS(0, MACH_MSG_TYPE_PORT_SEND), "received bits");
	ASSERT_EQ(r->h.msgh_local_port, p, "msgh_local_port names the receive right");
	ASSERT_EQ(r->h.msgh_remote_port, MACH_PORT_NULL, "no reply port");
	ASSERT_EQ(r->v, 0xabcd1234, "inline data");
	ASSERT(memcmp(&r->t, &m.t, 8) == 0, "descriptor delivered unchanged");
	unsigned seq = r->h.msgh_seqno;
	EXPECT_KR(test_receive(p, &rb.h, sizeof rb, 0), MACH_MSG_SUCCESS);
	ASSERT_EQ(r->h.msgh_id, 1001, "FIFO order");
	ASSERT_EQ(r->h.msgh_seqno, seq + 1, "sequence numbers increase by one");
	expect_empty(p);
}

static void test_reply_rights(mach_port_t p)
{
	mach_port_t reply = test_port();
	msg_int_t m;
	int_msg(&m, p, 1100, 1);
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE);
	m.h.msgh_local_port = reply;
	EXPECT_KR(send(&m.h), MACH_MSG_SUCCESS);
	EXPECT_KR(test_receive(p, &rb.h, sizeof rb, 0), MACH_MSG_SUCCESS);
	ASSERT_EQ(MACH_MSGH_BITS_REMOTE(rb.h.msgh_bits), MACH_MSG_TYPE_PORT_SEND_ONCE,
		  "reply right arrives as send-once");
	mach_port_t so = rb.h.msgh_remote_port;
	ASSERT(MACH_PORT_VALID(so), "reply right has a name");
	mach_port_type_t type;
	ASSERT_RET(mach_port_type(mach_task_self(), so, &type), "mach_port_type(send-once)");
	ASSERT(type & MACH_PORT_TYPE_SEND_ONCE, "send-once right in our space");
	/* Reply on it: the right is consumed. */
	int_msg(&m, so, 1200, 2);
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0);
	EXPECT_KR(send(&m.h), MACH_MSG_SUCCESS);
	EXPECT_KR(test_receive(reply, &rb.h, sizeof rb, 0), MACH_MSG_SUCCESS);
	ASSERT_EQ(rb.h.msgh_id, 1200, "reply id");
	ASSERT_EQ(MACH_MSGH_BITS_LOCAL(rb.h.msgh_bits), MACH_MSG_TYPE_PORT_SEND_ONCE,
		  "reply delivered through a send-once right");
	EXPECT_KR(mach_port_type(mach_task_self(), so, &type), KERN_INVALID_NAME);

	/* A send-once right destroyed unused produces a send-once notification (id 71). */
	int_msg(&m, p, 1300, 3);
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE);
	m.h.msgh_local_port = reply;
	EXPECT_KR(send(&m.h), MACH_MSG_SUCCESS);
	EXPECT_KR(test_receive(p, &rb.h, sizeof rb, 0), MACH_MSG_SUCCESS);
	ASSERT_RET(mach_port_deallocate(mach_task_self(), rb.h.msgh_remote_port),
		   "deallocate the send-once right");
	EXPECT_KR(test_receive(reply, &rb.h, sizeof rb, 1000), MACH_MSG_SUCCESS);
	ASSERT_EQ(rb.h.msgh_id, 71, "MACH_NOTIFY_SEND_ONCE");
	ASSERT_EQ(rb.h.msgh_size, 32, "send-once notification is a bare header");
	ASSERT_RET(mach_port_destroy(mach_task_self(), reply), "mach_port_destroy");
}

static void echo_server(void *arg)
{
	mach_port_t p = (mach_port_t) (unsigned long) arg;
	union {
		msg_int_t m;
		unsigned char buf[256];
	} u;
	for (;;) {
		if (mach_msg(&u.m.h, MACH_RCV_MSG, 0, sizeof u, p, 0, MACH_PORT_NULL) != 0)
			return;
		if (u.m.h.msgh_id == 9999)
			return;
		mach_port_t reply = u.m.h.msgh_remote_port;
		unsigned v = u.m.v;
		int_msg(&u.m, reply, u.m.h.msgh_id + 100, v + 1);
		u.m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0);
		mach_msg(&u.m.h, MACH_SEND_MSG, sizeof u.m, 0, MACH_PORT_NULL, 0, MACH_PORT_NULL);
	}
}

static void test_rpc(void)
{
	mach_port_t service = test_port();
	mach_port_t reply = mach_reply_port();
	thread_t th;
	ASSERT_RET(mach_thread_spawn(echo_server, (void *) (unsigned long) service, &th),
		   "spawn echo server");
	for (unsigned i = 0; i < 100; i++) {
		msg_int_t m;
		int_msg(&m, service, 2000 + i, i * 3);
		m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE);
		m.h.msgh_local_port = reply;
		EXPECT_KR(mach_msg(&m.h, MACH_SEND_MSG | MACH_RCV_MSG, sizeof m, sizeof m, reply, 0,
				   MACH_PORT_NULL),
			  MACH_MSG_SUCCESS);
		ASSERT_EQ(m.h.msgh_id, 2100 + i, "RPC reply id");
		ASSERT_EQ(m.v, i * 3 + 1, "RPC reply value");
		ASSERT_EQ(m.h.msgh_local_port, reply, "reply arrives on the reply port");
	}
	EXPECT_KR(test_send_empty(service, 9999), MACH_MSG_SUCCESS);
	mach_port_deallocate(mach_task_self(), th);
}

static void test_inline_sizes(mach_port_t p)
{
	static union {
		mach_msg_header_t h;
		unsigned char buf[4200];
	} big;
	for (unsigned n = 1; n <= 4096; n = n * 3 + 1) {
		unsigned padded = (n + 7) & ~7u;
		header(&big.h, p, MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0), 40 + padded, 3000 + n);
		mach_msg_type_t t = mach_type(MACH_MSG_TYPE_BYTE, 8, n, 1);
		memcpy(big.buf + 32, &t, 8);
		for (unsigned i = 0; i < padded; i++)
			big.buf[40 + i] = i < n ? (unsigned char) (i * 7 + n) : 0;
		EXPECT_KR(send(&big.h), MACH_MSG_SUCCESS);
		EXPECT_KR(test_receive(p, &rb.h, sizeof rb, 0), MACH_MSG_SUCCESS);
		ASSERT_EQ(rb.h.msgh_size, 40 + padded, "inline message size");
		ASSERT(memcmp(rb.buf + 32, big.buf + 32, 8 + n) == 0, "inline bytes");
	}
}

static void test_port_rights(mach_port_t p)
{
	mach_port_t q = test_port();
	mach_port_urefs_t refs;
	msg_port_t m;
	/* MAKE_SEND of a port we hold the receive right for: arrives as PORT_SEND under the same name. */
	memset(&m, 0, sizeof m);
	header(&m.h, p, MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0) | MACH_MSGH_BITS_COMPLEX,
	       sizeof m, 4000);
	m.t = mach_type(MACH_MSG_TYPE_MAKE_SEND, 64, 1, 1);
	m.port.name = q;
	EXPECT_KR(send(&m.h), MACH_MSG_SUCCESS);
	EXPECT_KR(test_receive(p, &rb.h, sizeof rb, 0), MACH_MSG_SUCCESS);
	msg_port_t *r = (msg_port_t *) rb.buf;
	ASSERT(r->h.msgh_bits & MACH_MSGH_BITS_COMPLEX, "COMPLEX set on delivery of a right");
	ASSERT_EQ(r->t.msgt_name, MACH_MSG_TYPE_PORT_SEND, "MAKE_SEND arrives as PORT_SEND");
	ASSERT_EQ(r->t.msgt_size, 64, "inline port size");
	ASSERT_EQ(r->port.name, q, "send right coalesces with the receive right's name");
	ASSERT_RET(mach_port_get_refs(mach_task_self(), q, MACH_PORT_RIGHT_SEND, &refs), "get_refs");
	ASSERT_EQ(refs, 2, "one more send uref");
	ASSERT_RET(mach_port_deallocate(mach_task_self(), q), "deallocate");

	/* MOVE_RECEIVE: the receive right travels and comes back as PORT_RECEIVE. */
	mach_port_t rr;
	ASSERT_RET(mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &rr), "allocate");
	header(&m.h, p, MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0) | MACH_MSGH_BITS_COMPLEX,
	       sizeof m, 4001);
	m.t = mach_type(MACH_MSG_TYPE_MOVE_RECEIVE, 64, 1, 1);
	m.port.slot = 0;
	m.port.name = rr;
	EXPECT_KR(send(&m.h), MACH_MSG_SUCCESS);
	mach_port_type_t type;
	EXPECT_KR(mach_port_type(mach_task_self(), rr, &type), KERN_INVALID_NAME);
	EXPECT_KR(test_receive(p, &rb.h, sizeof rb, 0), MACH_MSG_SUCCESS);
	ASSERT_EQ(r->t.msgt_name, MACH_MSG_TYPE_PORT_RECEIVE, "MOVE_RECEIVE arrives as PORT_RECEIVE");
	ASSERT_RET(mach_port_type(mach_task_self(), r->port.name, &type), "type of moved right");
	ASSERT(type & MACH_PORT_TYPE_RECEIVE, "receive right back in our space");
	ASSERT_RET(mach_port_destroy(mach_task_self(), r->port.name), "destroy");

	/* COMPLEX set by the sender but nothing complex inside: cleared on delivery. */
	msg_int_t mi;
	int_msg(&mi, p, 4002, 5);
	mi.h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	EXPECT_KR(send(&mi.h), MACH_MSG_SUCCESS);
	EXPECT_KR(test_receive(p, &rb.h, sizeof rb, 0), MACH_MSG_SUCCESS);
	ASSERT(!(rb.h.msgh_bits & MACH_MSGH_BITS_COMPLEX), "COMPLEX cleared when nothing complex");
	ASSERT_RET(mach_port_destroy(mach_task_self(), q), "destroy");
}

static void test_ool(mach_port_t p)
{
	vm_address_t a = 0;
	vm_size_t size = 2 * vm_page_size;
	ASSERT_RET(vm_allocate(mach_task_self(), &a, size, TRUE), "vm_allocate");
	for (vm_size_t i = 0; i < size; i += 8)
		*(unsigned long *) (a + i) = i * 0x9e3779b97f4a7c15ul;
	msg_ool_t m;
	memset(&m, 0, sizeof m);
	header(&m.h, p, MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0) | MACH_MSGH_BITS_COMPLEX,
	       sizeof m, 5000);
	m.t = mach_type(MACH_MSG_TYPE_BYTE, 8, size, 0);
	m.t.msgt_longform = 1;
	m.addr = (void *) a;
	EXPECT_KR(send(&m.h), MACH_MSG_SUCCESS);
	*(unsigned long *) a = 0xdead; /* the copy was taken at send time */
	EXPECT_KR(test_receive(p, &rb.h, sizeof rb, 0), MACH_MSG_SUCCESS);
	msg_ool_t *r = (msg_ool_t *) rb.buf;
	ASSERT(r->h.msgh_bits & MACH_MSGH_BITS_COMPLEX, "COMPLEX on OOL delivery");
	ASSERT_EQ(r->t.msgt_inline, 0, "OOL stays out of line");
	ASSERT_EQ(r->t.msgt_number, size, "OOL count");
	vm_address_t b = (vm_address_t) r->addr;
	ASSERT(b != 0 && b != a, "OOL mapped at a new address");
	ASSERT_EQ(*(unsigned long *) b, 0, "OOL copy taken at send time");
	for (vm_size_t i = 8; i < size; i += 8)
		ASSERT(*(unsigned long *) (b + i) == i * 0x9e3779b97f4a7c15ul, "OOL contents");
	ASSERT_RET(vm_deallocate(mach_task_self(), b, size), "deallocate received OOL");

	/* msgt_deallocate on OOL: the sender's region is gone after the send. */
	m.t.msgt_deallocate = 1;
	m.h.msgh_id = 5001;
	EXPECT_KR(send(&m.h), MACH_MSG_SUCCESS);
	vm_address_t again = a;
	ASSERT_RET(vm_allocate(mach_task_self(), &again, size, FALSE),
		   "sender's OOL region was deallocated, so it can be allocated again");
	EXPECT_KR(test_receive(p, &rb.h, sizeof rb, 0), MACH_MSG_SUCCESS);
	ASSERT_EQ(*(unsigned long *) ((vm_address_t) r->addr + 8), 8 * 0x9e3779b97f4a7c15ul,
		  "moved OOL contents");
	ASSERT_RET(vm_deallocate(mach_task_self(), (vm_address_t) r->addr, size), "deallocate");
	ASSERT_RET(vm_deallocate(mach_task_self(), again, size), "deallocate");

	/* OOL port array: 4-byte names, msgt_size 32. */
	mach_port_t names[3] = {p, p, p};
	m.t = mach_type(MACH_MSG_TYPE_COPY_SEND, 32, 3, 0);
	m.t.msgt_longform = 1;
	m.addr = names;
	m.h.msgh_id = 5002;
	EXPECT_KR(send(&m.h), MACH_MSG_SUCCESS);
	EXPECT_KR(test_receive(p, &rb.h, sizeof rb, 0), MACH_MSG_SUCCESS);
	ASSERT_EQ(r->t.msgt_name, MACH_MSG_TYPE_PORT_SEND, "OOL ports arrive as PORT_SEND");
	ASSERT_EQ(r->t.msgt_size, 32, "OOL port names are 32-bit");
	ASSERT_EQ(r->t.msgt_number, 3, "OOL port count");
	mach_port_t *got = r->addr;
	for (int i = 0; i < 3; i++) {
		ASSERT_EQ(got[i], p, "OOL port names coalesce");
		mach_port_deallocate(mach_task_self(), got[i]);
	}
	vm_deallocate(mach_task_self(), (vm_address_t) got, 3 * sizeof(mach_port_t));
	ASSERT_RET(vm_deallocate(mach_task_self(), a, size), "deallocate");
}

static void test_queue_limits(mach_port_t p)
{
	msg_int_t m;
	for (int i = 0; i < MACH_PORT_QLIMIT_DEFAULT; i++) {
		int_msg(&m, p, 6000 + i, i);
		EXPECT_KR(send(&m.h), MACH_MSG_SUCCESS);
	}
	int_msg(&m, p, 6100, 0);
	EXPECT_KR(send(&m.h), MACH_SEND_TIMED_OUT);
	for (int i = 0; i < MACH_PORT_QLIMIT_DEFAULT; i++) {
		EXPECT_KR(test_receive(p, &rb.h, sizeof rb, 0), MACH_MSG_SUCCESS);
		ASSERT_EQ(rb.h.msgh_id, 6000 + i, "queued order");
	}
	expect_empty(p);
	ASSERT_RET(mach_port_set_qlimit(mach_task_self(), p, 1), "set_qlimit 1");
	EXPECT_KR(send(&m.h), MACH_MSG_SUCCESS);
	EXPECT_KR(send(&m.h), MACH_SEND_TIMED_OUT);
	EXPECT_KR(test_receive(p, &rb.h, sizeof rb, 0), MACH_MSG_SUCCESS);
	ASSERT_RET(mach_port_set_qlimit(mach_task_self(), p, MACH_PORT_QLIMIT_DEFAULT), "set_qlimit");

	/* Too large without MACH_RCV_LARGE: dequeued and lost, header only. */
	int_msg(&m, p, 6200, 1);
	EXPECT_KR(send(&m.h), MACH_MSG_SUCCESS);
	EXPECT_KR(mach_msg(&rb.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, 40, p, 0, MACH_PORT_NULL),
		  MACH_RCV_TOO_LARGE);
	expect_empty(p);
	/* With MACH_RCV_LARGE: stays queued, the needed size is reported. */
	EXPECT_KR(send(&m.h), MACH_MSG_SUCCESS);
	rb.h.msgh_size = 0;
	EXPECT_KR(mach_msg(&rb.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT | MACH_RCV_LARGE, 0, 40, p, 0,
			   MACH_PORT_NULL),
		  MACH_RCV_TOO_LARGE);
	ASSERT_EQ(rb.h.msgh_size, 48, "MACH_RCV_LARGE reports the size");
	EXPECT_KR(test_receive(p, &rb.h, sizeof rb, 0), MACH_MSG_SUCCESS);
	ASSERT_EQ(rb.h.msgh_id, 6200, "message still queued after MACH_RCV_LARGE");
}

static void test_send_errors(mach_port_t p)
{
	msg_int_t m;
	int_msg(&m, 0x7777, 7000, 0);
	EXPECT_KR(send(&m.h), MACH_SEND_INVALID_DEST);
	int_msg(&m, MACH_PORT_NULL, 7000, 0);
	EXPECT_KR(send(&m.h), MACH_SEND_INVALID_DEST);
	int_msg(&m, MACH_PORT_DEAD, 7000, 0);
	EXPECT_KR(send(&m.h), MACH_SEND_INVALID_DEST);

	int_msg(&m, p, 7001, 0);
	EXPECT_KR(mach_msg(&m.h, MACH_SEND_MSG, 16, 0, MACH_PORT_NULL, 0, MACH_PORT_NULL),
		  MACH_SEND_MSG_TOO_SMALL);

	int_msg(&m, p, 7002, 0);
	m.h.msgh_bits = MACH_MSGH_BITS(0, 0);
	EXPECT_KR(send(&m.h), MACH_SEND_INVALID_HEADER);
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_INTEGER_32, 0);
	EXPECT_KR(send(&m.h), MACH_SEND_INVALID_HEADER);

	int_msg(&m, p, 7003, 0);
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE);
	m.h.msgh_local_port = 0x7777;
	EXPECT_KR(send(&m.h), MACH_SEND_INVALID_REPLY);

	vm_address_t hole = unmapped_address();
	EXPECT_KR(mach_msg((mach_msg_header_t *) hole, MACH_SEND_MSG, 48, 0, MACH_PORT_NULL, 0,
			   MACH_PORT_NULL),
		  MACH_SEND_INVALID_DATA);

	/* Body errors need the COMPLEX bit (otherwise the body is plain data). */
	int_msg(&m, p, 7004, 0);
	m.h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	m.t.msgt_deallocate = 1;
	EXPECT_KR(send(&m.h), MACH_SEND_INVALID_TYPE);
	int_msg(&m, p, 7005, 0);
	m.h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	m.t.msgt_unused = 1;
	EXPECT_KR(send(&m.h), MACH_SEND_INVALID_TYPE);
	int_msg(&m, p, 7006, 0);
	m.h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	m.t.msgt_number = 1000; /* 4000 bytes of data in a 48-byte message */
	EXPECT_KR(send(&m.h), MACH_SEND_MSG_TOO_SMALL);

	msg_port_t mp;
	memset(&mp, 0, sizeof mp);
	header(&mp.h, p, MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0) | MACH_MSGH_BITS_COMPLEX,
	       sizeof mp, 7007);
	mp.t = mach_type(MACH_MSG_TYPE_COPY_SEND, 32, 1, 1); /* inline rights must be 64 bits */
	mp.port.name = p;
	EXPECT_KR(send(&mp.h), MACH_SEND_INVALID_TYPE);
	mp.t = mach_type(MACH_MSG_TYPE_COPY_SEND, 64, 1, 1);
	mp.port.name = 0x7777;
	EXPECT_KR(send(&mp.h), MACH_SEND_INVALID_RIGHT);
	mp.t = mach_type(MACH_MSG_TYPE_MOVE_RECEIVE, 64, 1, 1);
	mp.port.name = 0x7777;
	EXPECT_KR(send(&mp.h), MACH_SEND_INVALID_RIGHT);

	msg_ool_t mo;
	memset(&mo, 0, sizeof mo);
	header(&mo.h, p, MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0) | MACH_MSGH_BITS_COMPLEX,
	       sizeof mo, 7008);
	mo.t = mach_type(MACH_MSG_TYPE_BYTE, 8, 64, 0);
	mo.addr = (void *) hole;
	EXPECT_KR(send(&mo.h), MACH_SEND_INVALID_MEMORY);
	expect_empty(p);
}

static void test_receive_errors(mach_port_t p)
{
	EXPECT_KR(test_receive(0x7777, &rb.h, sizeof rb, 0), MACH_RCV_INVALID_NAME);
	EXPECT_KR(test_receive(MACH_PORT_NULL, &rb.h, sizeof rb, 0), MACH_RCV_INVALID_NAME);
	/* A name that holds only a send right cannot be received on. */
	mach_port_t host = mach_host_self();
	EXPECT_KR(test_receive(host, &rb.h, sizeof rb, 0), MACH_RCV_INVALID_NAME);
	mach_port_deallocate(mach_task_self(), host);
	EXPECT_KR(test_receive(p, &rb.h, sizeof rb, 10), MACH_RCV_TIMED_OUT);
}

static mach_port_type_t type_of(mach_port_t name)
{
	mach_port_type_t t = 0;
	ASSERT_RET(mach_port_type(mach_task_self(), name, &t), "mach_port_type");
	return t;
}

/* A name notification (dead-name, port-deleted, msg-accepted): id and the name carried. */
static void expect_name_notification(mach_port_t notify, int id, mach_port_t name)
{
	EXPECT_KR(test_receive(notify, &rb.h, sizeof rb, 0), MACH_MSG_SUCCESS);
	ASSERT_EQ(rb.h.msgh_id, id, "notification id");
	ASSERT_EQ(rb.h.msgh_size, 48, "notification size");
	ASSERT_EQ(((msg_int_t *) &rb)->v, name, "notification names the right");
}

static void test_send_notify(mach_port_t p)
{
	mach_port_t notify = test_port();
	mach_port_t dest = test_port();
	ASSERT_RET(mach_port_insert_right(mach_task_self(), dest, dest, MACH_MSG_TYPE_MAKE_SEND),
		   "insert send");
	ASSERT_RET(mach_port_set_qlimit(mach_task_self(), dest, 1), "set_qlimit 1");
	msg_int_t m;
	int_msg(&m, dest, 8000, 0);
	EXPECT_KR(mach_msg(&m.h, MACH_SEND_MSG | MACH_SEND_NOTIFY, sizeof m, 0, MACH_PORT_NULL, 0,
			   notify),
		  MACH_MSG_SUCCESS);
	expect_empty(notify);
	int_msg(&m, dest, 8001, 0);
	EXPECT_KR(mach_msg(&m.h, MACH_SEND_MSG | MACH_SEND_NOTIFY, sizeof m, 0, MACH_PORT_NULL, 0,
			   MACH_PORT_NULL),
		  MACH_SEND_INVALID_NOTIFY);
	int_msg(&m, dest, 8001, 0);
	EXPECT_KR(mach_msg(&m.h, MACH_SEND_MSG | MACH_SEND_NOTIFY, sizeof m, 0, MACH_PORT_NULL, 0,
			   0x7777),
		  MACH_SEND_INVALID_NOTIFY);
	int_msg(&m, dest, 8002, 0);
	EXPECT_KR(mach_msg(&m.h, MACH_SEND_MSG | MACH_SEND_NOTIFY, sizeof m, 0, MACH_PORT_NULL, 0,
			   notify),
		  MACH_SEND_WILL_NOTIFY);
	ASSERT(type_of(dest) & MACH_PORT_TYPE_MAREQUEST, "msg-accepted request recorded in the type");
	int_msg(&m, dest, 8003, 0);
	EXPECT_KR(mach_msg(&m.h, MACH_SEND_MSG | MACH_SEND_NOTIFY, sizeof m, 0, MACH_PORT_NULL, 0,
			   notify),
		  MACH_SEND_NOTIFY_IN_PROGRESS);
	ASSERT_EQ(m.h.msgh_remote_port, dest, "refused message pseudo-received");
	expect_empty(notify);
	EXPECT_KR(test_receive(dest, &rb.h, sizeof rb, 0), MACH_MSG_SUCCESS);
	ASSERT_EQ(rb.h.msgh_id, 8000, "first message");
	expect_empty(notify);
	EXPECT_KR(test_receive(dest, &rb.h, sizeof rb, 0), MACH_MSG_SUCCESS);
	ASSERT_EQ(rb.h.msgh_id, 8002, "forced message queued");
	expect_name_notification(notify, MACH_NOTIFY_MSG_ACCEPTED, dest);
	ASSERT(!(type_of(dest) & MACH_PORT_TYPE_MAREQUEST), "request gone");
	expect_empty(dest);
	(void) p;
	mach_port_mod_refs(mach_task_self(), dest, MACH_PORT_RIGHT_RECEIVE, -1);
	mach_port_deallocate(mach_task_self(), dest);
	mach_port_mod_refs(mach_task_self(), notify, MACH_PORT_RIGHT_RECEIVE, -1);
}

static void test_send_cancel(mach_port_t p)
{
	mach_port_t notify = test_port();
	mach_port_t prev;
	msg_int_t m;
	int_msg(&m, p, 8100, 0);
	EXPECT_KR(mach_msg(&m.h, MACH_SEND_MSG | MACH_SEND_CANCEL, sizeof m, 0, MACH_PORT_NULL, 0,
			   MACH_PORT_NULL),
		  MACH_SEND_INVALID_NOTIFY);
	EXPECT_KR(mach_msg(&m.h, MACH_SEND_MSG | MACH_SEND_CANCEL, sizeof m, 0, MACH_PORT_NULL, 0,
			   0x7777),
		  MACH_SEND_INVALID_NOTIFY);
	expect_empty(p);

	/* A second send right name for p (extracted and inserted under a new name is not
	 * possible: send rights coalesce), so use a fresh port whose receive right we keep. */
	mach_port_t dest = test_port();
	mach_port_t snd = MACH_PORT_NULL;
	mach_msg_type_name_t t;
	ASSERT_RET(mach_port_extract_right(mach_task_self(), dest, MACH_MSG_TYPE_MAKE_SEND,
					   &snd, &t), "extract");
	ASSERT_RET(mach_port_insert_right(mach_task_self(), dest, snd, MACH_MSG_TYPE_PORT_SEND),
		   "insert");
	ASSERT_RET(mach_port_request_notification(mach_task_self(), dest, MACH_NOTIFY_DEAD_NAME, 0,
						  notify, MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev),
		   "request dead-name");
	/* MOVE_SEND of the last send right with SEND_CANCEL naming the request's port: the
	 * request dies quietly (the receive right keeps the entry, so no port-deleted anyway);
	 * use a send-once right instead, whose entry goes away. */
	mach_port_t so = MACH_PORT_NULL;
	ASSERT_RET(mach_port_extract_right(mach_task_self(), dest, MACH_MSG_TYPE_MAKE_SEND_ONCE,
					   &so, &t), "extract send-once");
	mach_port_t soname = 0x4242;
	ASSERT_RET(mach_port_insert_right(mach_task_self(), soname, so, MACH_MSG_TYPE_PORT_SEND_ONCE),
		   "insert send-once");
	ASSERT_RET(mach_port_request_notification(mach_task_self(), soname, MACH_NOTIFY_DEAD_NAME, 0,
						  notify, MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev),
		   "request dead-name on the send-once name");
	int_msg(&m, soname, 8101, 0);
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0);
	EXPECT_KR(mach_msg(&m.h, MACH_SEND_MSG | MACH_SEND_CANCEL, sizeof m, 0, MACH_PORT_NULL, 0,
			   notify),
		  MACH_MSG_SUCCESS);
	expect_empty(notify);
	EXPECT_KR(test_receive(dest, &rb.h, sizeof rb, 0), MACH_MSG_SUCCESS);
	ASSERT_EQ(rb.h.msgh_id, 8101, "cancelled send delivered");

	/* Without the option the port-deleted notification is sent. */
	ASSERT_RET(mach_port_extract_right(mach_task_self(), dest, MACH_MSG_TYPE_MAKE_SEND_ONCE,
					   &so, &t), "extract send-once");
	ASSERT_RET(mach_port_insert_right(mach_task_self(), soname, so, MACH_MSG_TYPE_PORT_SEND_ONCE),
		   "insert send-once");
	ASSERT_RET(mach_port_request_notification(mach_task_self(), soname, MACH_NOTIFY_DEAD_NAME, 0,
						  notify, MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev),
		   "request dead-name");
	int_msg(&m, soname, 8102, 0);
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0);
	EXPECT_KR(mach_msg(&m.h, MACH_SEND_MSG, sizeof m, 0, MACH_PORT_NULL, 0, notify),
		  MACH_MSG_SUCCESS);
	expect_name_notification(notify, MACH_NOTIFY_PORT_DELETED, soname);
	EXPECT_KR(test_receive(dest, &rb.h, sizeof rb, 0), MACH_MSG_SUCCESS);
	mach_port_mod_refs(mach_task_self(), dest, MACH_PORT_RIGHT_RECEIVE, -1);
	mach_port_deallocate(mach_task_self(), dest);
	mach_port_mod_refs(mach_task_self(), notify, MACH_PORT_RIGHT_RECEIVE, -1);
}

static void test_rcv_notify(mach_port_t p)
{
	mach_port_t notify = test_port();
	mach_port_t reply = test_port();
	msg_int_t m;
	int_msg(&m, p, 8200, 0);
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE);
	m.h.msgh_local_port = reply;
	EXPECT_KR(send(&m.h), MACH_MSG_SUCCESS);
	EXPECT_KR(mach_msg(&rb.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT | MACH_RCV_NOTIFY, 0, sizeof rb, p,
			   0, notify),
		  MACH_MSG_SUCCESS);
	mach_port_t so = rb.h.msgh_remote_port;
	ASSERT_EQ(type_of(so), MACH_PORT_TYPE_SEND_ONCE | MACH_PORT_TYPE_DNREQUEST,
		  "reply name registered for a dead-name notification");
	ASSERT_RET(mach_port_mod_refs(mach_task_self(), reply, MACH_PORT_RIGHT_RECEIVE, -1),
		   "destroy the reply port");
	expect_name_notification(notify, MACH_NOTIFY_DEAD_NAME, so);
	ASSERT_EQ(type_of(so), MACH_PORT_TYPE_DEAD_NAME, "dead name");
	mach_port_mod_refs(mach_task_self(), so, MACH_PORT_RIGHT_DEAD_NAME, -2);

	/* A NULL or bad notify name: the message is consumed, header only. */
	reply = test_port();
	int_msg(&m, p, 8201, 0);
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE);
	m.h.msgh_local_port = reply;
	EXPECT_KR(send(&m.h), MACH_MSG_SUCCESS);
	EXPECT_KR(mach_msg(&rb.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT | MACH_RCV_NOTIFY, 0, sizeof rb, p,
			   0, MACH_PORT_NULL),
		  MACH_RCV_INVALID_NOTIFY);
	ASSERT_EQ(rb.h.msgh_local_port, p, "destination named");
	ASSERT_EQ(rb.h.msgh_remote_port, MACH_PORT_NULL, "reply right destroyed");
	EXPECT_KR(test_receive(reply, &rb.h, sizeof rb, 0), MACH_MSG_SUCCESS);
	ASSERT_EQ(rb.h.msgh_id, MACH_NOTIFY_SEND_ONCE, "destroyed send-once right notifies");
	int_msg(&m, p, 8202, 0);
	EXPECT_KR(send(&m.h), MACH_MSG_SUCCESS);
	EXPECT_KR(mach_msg(&rb.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT | MACH_RCV_NOTIFY, 0, sizeof rb, p,
			   0, 0x7777),
		  MACH_RCV_INVALID_NOTIFY);
	expect_empty(p);
	mach_port_mod_refs(mach_task_self(), reply, MACH_PORT_RIGHT_RECEIVE, -1);
	mach_port_mod_refs(mach_task_self(), notify, MACH_PORT_RIGHT_RECEIVE, -1);
}

int test_main(int argc, char **argv)
{
	(void) argc, (void) argv;
	mach_port_t p = test_port();
	test_simple(p);
	test_reply_rights(p);
	test_rpc();
	test_inline_sizes(p);
	test_port_rights(p);
	test_ool(p);
	test_queue_limits(p);
	test_send_errors(p);
	test_receive_errors(p);
	test_send_notify(p);
	test_send_cancel(p);
	test_rcv_notify(p);
	return 0;
}
