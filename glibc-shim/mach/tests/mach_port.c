/* module-mach_port: the mach_port_* interface (RPCs 3200-3218) and its shortcut traps.
 * Success: allocate (receive, port set, dead name), allocate_name, type, names (OOL arrays),
 * rename, get_refs/mod_refs, insert_right (MAKE_SEND, COPY_SEND), extract_right, destroy,
 * deallocate, get_receive_status, set_qlimit, set_mscount, set_seqno, port sets
 * (move_member, get_set_status, receive on a set, MACH_RCV_IN_SET), notifications (no-senders,
 * dead-name with a right held in a child task), traps -72..-75.
 * Errors: KERN_INVALID_NAME (unknown names), KERN_INVALID_VALUE (bad right kinds, bad deltas,
 * name 0, qlimit > 16), KERN_NAME_EXISTS, KERN_INVALID_RIGHT (wrong right for the operation),
 * MACH_SEND_INVALID_DEST (RPC to a bad task name), MACH_SEND_INTERRUPTED (shortcut trap on a
 * name that is not a task). */
#include "testlib.h"

#define SELF mach_task_self()

static union {
	mach_msg_header_t h;
	unsigned char buf[1024];
} rb;

static mach_port_type_t type_of(mach_port_t name)
{
	mach_port_type_t t = 0;
	ASSERT_RET(mach_port_type(SELF, name, &t), "mach_port_type");
	return t;
}

static mach_port_urefs_t refs_of(mach_port_t name, mach_port_right_t right)
{
	mach_port_urefs_t r = 0;
	ASSERT_RET(mach_port_get_refs(SELF, name, right, &r), "mach_port_get_refs");
	return r;
}

static void test_allocate(void)
{
	mach_port_t r, s, d;
	ASSERT_RET(mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE, &r), "allocate receive");
	ASSERT(MACH_PORT_VALID(r), "valid name");
	ASSERT_EQ(type_of(r), MACH_PORT_TYPE_RECEIVE, "receive type");
	ASSERT_RET(mach_port_allocate(SELF, MACH_PORT_RIGHT_PORT_SET, &s), "allocate set");
	ASSERT_EQ(type_of(s), MACH_PORT_TYPE_PORT_SET, "set type");
	ASSERT_RET(mach_port_allocate(SELF, MACH_PORT_RIGHT_DEAD_NAME, &d), "allocate dead name");
	ASSERT_EQ(type_of(d), MACH_PORT_TYPE_DEAD_NAME, "dead name type");
	ASSERT_EQ(refs_of(d, MACH_PORT_RIGHT_DEAD_NAME), 1, "dead name urefs");
	ASSERT(r != s && s != d && r != d, "distinct names");
	EXPECT_KR(mach_port_allocate(SELF, MACH_PORT_RIGHT_SEND, &r), KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_allocate(SELF, 99, &r), KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_allocate(0x7777, MACH_PORT_RIGHT_RECEIVE, &r), MACH_SEND_INVALID_DEST);

	/* allocate_name */
	ASSERT_RET(mach_port_allocate_name(SELF, MACH_PORT_RIGHT_RECEIVE, 0x1234), "allocate_name");
	ASSERT_EQ(type_of(0x1234), MACH_PORT_TYPE_RECEIVE, "named receive");
	EXPECT_KR(mach_port_allocate_name(SELF, MACH_PORT_RIGHT_RECEIVE, 0x1234), KERN_NAME_EXISTS);
	EXPECT_KR(mach_port_allocate_name(SELF, MACH_PORT_RIGHT_RECEIVE, MACH_PORT_NULL),
		  KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_allocate_name(SELF, MACH_PORT_RIGHT_RECEIVE, MACH_PORT_DEAD),
		  KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_allocate_name(SELF, 99, 0x1235), KERN_INVALID_VALUE);

	/* rename */
	ASSERT_RET(mach_port_rename(SELF, 0x1234, 0x2345), "rename");
	mach_port_type_t t;
	EXPECT_KR(mach_port_type(SELF, 0x1234, &t), KERN_INVALID_NAME);
	ASSERT_EQ(type_of(0x2345), MACH_PORT_TYPE_RECEIVE, "renamed");
	EXPECT_KR(mach_port_rename(SELF, 0x2345, r), KERN_NAME_EXISTS);
	EXPECT_KR(mach_port_rename(SELF, 0x1234, 0x3456), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_rename(SELF, 0x2345, MACH_PORT_NULL), KERN_INVALID_VALUE);

	/* names: every name with its type, as two OOL arrays. */
	mach_port_name_array_t names;
	mach_port_type_array_t types;
	mach_msg_type_number_t nn, nt;
	ASSERT_RET(mach_port_names(SELF, &names, &nn, &types, &nt), "mach_port_names");
	ASSERT_EQ(nn, nt, "names and types have the same count");
	int seen = 0;
	for (unsigned i = 0; i < nn; i++) {
		if (names[i] == r) {
			seen |= 1;
			ASSERT_EQ(types[i], MACH_PORT_TYPE_RECEIVE, "names: r");
		}
		if (names[i] == s) {
			seen |= 2;
			ASSERT_EQ(types[i], MACH_PORT_TYPE_PORT_SET, "names: s");
		}
		if (names[i] == d) {
			seen |= 4;
			ASSERT_EQ(types[i], MACH_PORT_TYPE_DEAD_NAME, "names: d");
		}
		if (names[i] == 0x2345)
			seen |= 8;
	}
	ASSERT_EQ(seen, 15, "mach_port_names lists our names");
	vm_deallocate(SELF, (vm_address_t) names, nn * sizeof *names);
	vm_deallocate(SELF, (vm_address_t) types, nt * sizeof *types);

	/* destroy */
	ASSERT_RET(mach_port_destroy(SELF, 0x2345), "destroy");
	ASSERT_RET(mach_port_destroy(SELF, r), "destroy");
	ASSERT_RET(mach_port_destroy(SELF, s), "destroy");
	ASSERT_RET(mach_port_destroy(SELF, d), "destroy");
	EXPECT_KR(mach_port_destroy(SELF, d), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_type(SELF, r, &t), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_type(SELF, 0x7777, &t), KERN_INVALID_NAME);
}

static void test_refs(void)
{
	mach_port_t p;
	mach_port_urefs_t refs;
	ASSERT_RET(mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE, &p), "allocate");
	ASSERT_EQ(refs_of(p, MACH_PORT_RIGHT_RECEIVE), 1, "receive refs");
	ASSERT_EQ(refs_of(p, MACH_PORT_RIGHT_SEND), 0, "no send refs yet");
	ASSERT_RET(mach_port_insert_right(SELF, p, p, MACH_MSG_TYPE_MAKE_SEND), "insert MAKE_SEND");
	ASSERT_EQ(type_of(p), MACH_PORT_TYPE_RECEIVE | MACH_PORT_TYPE_SEND, "receive+send");
	ASSERT_EQ(refs_of(p, MACH_PORT_RIGHT_SEND), 1, "one send ref");
	ASSERT_RET(mach_port_insert_right(SELF, p, p, MACH_MSG_TYPE_COPY_SEND), "insert COPY_SEND");
	ASSERT_EQ(refs_of(p, MACH_PORT_RIGHT_SEND), 2, "two send refs");
	ASSERT_RET(mach_port_mod_refs(SELF, p, MACH_PORT_RIGHT_SEND, 3), "mod_refs +3");
	ASSERT_EQ(refs_of(p, MACH_PORT_RIGHT_SEND), 5, "five send refs");
	ASSERT_RET(mach_port_mod_refs(SELF, p, MACH_PORT_RIGHT_SEND, -4), "mod_refs -4");
	ASSERT_EQ(refs_of(p, MACH_PORT_RIGHT_SEND), 1, "one send ref");
	EXPECT_KR(mach_port_mod_refs(SELF, p, MACH_PORT_RIGHT_SEND, -2), KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_mod_refs(SELF, p, MACH_PORT_RIGHT_RECEIVE, 1), KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_mod_refs(SELF, p, MACH_PORT_RIGHT_PORT_SET, -1), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_mod_refs(SELF, p, 99, 1), KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_mod_refs(SELF, 0x7777, MACH_PORT_RIGHT_SEND, 1), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_get_refs(SELF, p, 99, &refs), KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_get_refs(SELF, 0x7777, MACH_PORT_RIGHT_SEND, &refs), KERN_INVALID_NAME);
	ASSERT_RET(mach_port_deallocate(SELF, p), "deallocate the send right");
	ASSERT_EQ(type_of(p), MACH_PORT_TYPE_RECEIVE, "receive only again");
	/* deallocate releases send/send-once/dead-name refs only */
	EXPECT_KR(mach_port_deallocate(SELF, p), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_deallocate(SELF, 0x7777), KERN_INVALID_NAME);
	/* inserting a right under another name of the same port is refused */
	EXPECT_KR(mach_port_insert_right(SELF, 0x4444, p, MACH_MSG_TYPE_MAKE_SEND), KERN_RIGHT_EXISTS);
	/* the right travels in the request body: a bad name fails the send itself */
	EXPECT_KR(mach_port_insert_right(SELF, p, 0x7777, MACH_MSG_TYPE_COPY_SEND),
		  MACH_SEND_INVALID_RIGHT);

	/* extract_right: MAKE_SEND_ONCE gives a send-once right under a new name */
	mach_port_t so;
	mach_msg_type_name_t poly;
	ASSERT_RET(mach_port_extract_right(SELF, p, MACH_MSG_TYPE_MAKE_SEND_ONCE, &so, &poly),
		   "extract MAKE_SEND_ONCE");
	ASSERT_EQ(poly, MACH_MSG_TYPE_PORT_SEND_ONCE, "extracted type");
	ASSERT(so != p, "send-once right has its own name");
	ASSERT_EQ(type_of(so), MACH_PORT_TYPE_SEND_ONCE, "send-once type");
	ASSERT_RET(mach_port_deallocate(SELF, so), "deallocate send-once");
	/* Deallocating a send-once right sends a send-once notification to its port (GNU Mach
	 * ipc_right_dealloc -> ipc_notify_send_once). */
	EXPECT_KR(test_receive(p, &rb.h, sizeof rb, 0), MACH_MSG_SUCCESS);
	ASSERT_EQ(rb.h.msgh_id, MACH_NOTIFY_SEND_ONCE, "send-once notification");
	EXPECT_KR(mach_port_extract_right(SELF, 0x7777, MACH_MSG_TYPE_MAKE_SEND, &so, &poly),
		  KERN_INVALID_NAME);
	EXPECT_KR(mach_port_extract_right(SELF, p, MACH_MSG_TYPE_COPY_SEND, &so, &poly),
		  KERN_INVALID_RIGHT);

	/* receive status */
	mach_port_status_t st;
	ASSERT_RET(mach_port_get_receive_status(SELF, p, &st), "get_receive_status");
	ASSERT_EQ(st.mps_qlimit, MACH_PORT_QLIMIT_DEFAULT, "default qlimit");
	ASSERT_EQ(st.mps_msgcount, 0, "no messages");
	ASSERT_EQ(st.mps_srights, 0, "no send rights left");
	ASSERT_EQ(st.mps_pset, MACH_PORT_NULL, "not in a set");
	ASSERT_RET(mach_port_set_qlimit(SELF, p, MACH_PORT_QLIMIT_MAX), "qlimit max");
	EXPECT_KR(mach_port_set_qlimit(SELF, p, MACH_PORT_QLIMIT_MAX + 1), KERN_INVALID_VALUE);
	ASSERT_RET(mach_port_set_mscount(SELF, p, 7), "set_mscount");
	ASSERT_RET(mach_port_set_seqno(SELF, p, 100), "set_seqno");
	ASSERT_RET(mach_port_get_receive_status(SELF, p, &st), "get_receive_status");
	ASSERT_EQ(st.mps_qlimit, MACH_PORT_QLIMIT_MAX, "qlimit");
	ASSERT_EQ(st.mps_mscount, 7, "mscount");
	ASSERT_EQ(st.mps_seqno, 100, "seqno");
	mach_port_t s;
	ASSERT_RET(mach_port_allocate(SELF, MACH_PORT_RIGHT_PORT_SET, &s), "allocate set");
	EXPECT_KR(mach_port_get_receive_status(SELF, s, &st), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_get_receive_status(SELF, 0x7777, &st), KERN_INVALID_NAME);
	ASSERT_RET(mach_port_destroy(SELF, s), "destroy");
	ASSERT_RET(mach_port_mod_refs(SELF, p, MACH_PORT_RIGHT_RECEIVE, -1), "mod_refs receive -1");
	mach_port_type_t t;
	EXPECT_KR(mach_port_type(SELF, p, &t), KERN_INVALID_NAME);
}

static void test_sets(void)
{
	mach_port_t s, a, b;
	ASSERT_RET(mach_port_allocate(SELF, MACH_PORT_RIGHT_PORT_SET, &s), "allocate set");
	a = test_port();
	b = test_port();
	ASSERT_RET(mach_port_move_member(SELF, a, s), "move a into s");
	ASSERT_RET(mach_port_move_member(SELF, b, s), "move b into s");
	mach_port_name_array_t members;
	mach_msg_type_number_t n;
	ASSERT_RET(mach_port_get_set_status(SELF, s, &members, &n), "get_set_status");
	ASSERT_EQ(n, 2, "two members");
	ASSERT((members[0] == a && members[1] == b) || (members[0] == b && members[1] == a),
	       "members are a and b");
	vm_deallocate(SELF, (vm_address_t) members, n * sizeof *members);
	mach_port_status_t st;
	ASSERT_RET(mach_port_get_receive_status(SELF, a, &st), "status");
	ASSERT_EQ(st.mps_pset, s, "a is in s");

	EXPECT_KR(test_send_empty(b, 77), MACH_MSG_SUCCESS);
	EXPECT_KR(test_receive(b, &rb.h, sizeof rb, 0), MACH_RCV_IN_SET);
	EXPECT_KR(test_receive(s, &rb.h, sizeof rb, 0), MACH_MSG_SUCCESS);
	ASSERT_EQ(rb.h.msgh_id, 77, "message through the set");
	ASSERT_EQ(rb.h.msgh_local_port, b, "msgh_local_port names the member");
	EXPECT_KR(test_receive(s, &rb.h, sizeof rb, 0), MACH_RCV_TIMED_OUT);

	EXPECT_KR(mach_port_move_member(SELF, 0x7777, s), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_move_member(SELF, a, 0x7777), KERN_INVALID_NAME);
	EXPECT_KR(mach_port_move_member(SELF, s, s), KERN_INVALID_RIGHT);
	EXPECT_KR(mach_port_move_member(SELF, a, b), KERN_INVALID_RIGHT);
	ASSERT_RET(mach_port_move_member(SELF, a, MACH_PORT_NULL), "remove a");
	ASSERT_RET(mach_port_get_set_status(SELF, s, &members, &n), "get_set_status");
	ASSERT_EQ(n, 1, "one member");
	vm_deallocate(SELF, (vm_address_t) members, n * sizeof *members);
	EXPECT_KR(mach_port_get_set_status(SELF, a, &members, &n), KERN_INVALID_RIGHT);
	EXPECT_KR(test_send_empty(a, 78), MACH_MSG_SUCCESS);
	EXPECT_KR(test_receive(a, &rb.h, sizeof rb, 0), MACH_MSG_SUCCESS);
	mach_port_destroy(SELF, a);
	mach_port_destroy(SELF, b);
	mach_port_destroy(SELF, s);
}

/* Receives a notification, skipping send-once notifications (id 71): a failed
 * request_notification destroys its request, and with it the send-once right we made. */
static mach_msg_return_t receive_notification(mach_port_t port, mach_msg_timeout_t ms)
{
	mach_msg_return_t mr;
	do
		mr = test_receive(port, &rb.h, sizeof rb, ms);
	while (mr == MACH_MSG_SUCCESS && rb.h.msgh_id == 71);
	return mr;
}

static void test_notifications(void)
{
	mach_port_t notify, p, prev;
	ASSERT_RET(mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE, &notify), "allocate");
	ASSERT_RET(mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE, &p), "allocate");
	/* no-senders: armed with sync 0 and no send rights, it fires at once (real Mach does). To
	 * be robust we make a send right first, then arm, then drop it. */
	ASSERT_RET(mach_port_insert_right(SELF, p, p, MACH_MSG_TYPE_MAKE_SEND), "make send");
	ASSERT_RET(mach_port_request_notification(SELF, p, MACH_NOTIFY_NO_SENDERS, 0, notify,
						  MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev),
		   "request no-senders");
	ASSERT_EQ(prev, MACH_PORT_NULL, "no previous request");
	EXPECT_KR(test_receive(notify, &rb.h, sizeof rb, 0), MACH_RCV_TIMED_OUT);
	ASSERT_RET(mach_port_deallocate(SELF, p), "drop the last send right");
	EXPECT_KR(test_receive(notify, &rb.h, sizeof rb, 1000), MACH_MSG_SUCCESS);
	ASSERT_EQ(rb.h.msgh_id, MACH_NOTIFY_NO_SENDERS, "no-senders notification");
	ASSERT_EQ(rb.h.msgh_size, 48, "no-senders size");
	ASSERT_EQ(MACH_MSGH_BITS_LOCAL(rb.h.msgh_bits), MACH_MSG_TYPE_PORT_SEND_ONCE,
		  "notification sent through the send-once right");
	EXPECT_KR(mach_port_request_notification(SELF, p, 12345, 0, notify,
						 MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev),
		  KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_request_notification(SELF, 0x7777, MACH_NOTIFY_DEAD_NAME, 0, notify,
						 MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev),
		  KERN_INVALID_NAME);

	/* dead-name: a send right to a port whose receive right lives in a child task. */
	task_t child;
	ASSERT_RET(task_create(SELF, FALSE, &child), "task_create");
	mach_port_t remote, local;
	mach_msg_type_name_t poly;
	ASSERT_RET(mach_port_allocate(child, MACH_PORT_RIGHT_RECEIVE, &remote), "allocate in child");
	ASSERT_RET(mach_port_extract_right(child, remote, MACH_MSG_TYPE_MAKE_SEND, &local, &poly),
		   "extract a send right from the child");
	ASSERT_EQ(poly, MACH_MSG_TYPE_PORT_SEND, "extracted send right");
	ASSERT_EQ(type_of(local), MACH_PORT_TYPE_SEND, "send right in our space");
	ASSERT_RET(mach_port_request_notification(SELF, local, MACH_NOTIFY_DEAD_NAME, 0, notify,
						  MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev),
		   "request dead-name");
	ASSERT(type_of(local) & MACH_PORT_TYPE_DNREQUEST, "dead-name request recorded in the type");
	ASSERT_RET(mach_port_destroy(child, remote), "destroy the receive right in the child");
	EXPECT_KR(receive_notification(notify, 1000), MACH_MSG_SUCCESS);
	ASSERT_EQ(rb.h.msgh_id, MACH_NOTIFY_DEAD_NAME, "dead-name notification");
	ASSERT_EQ(rb.h.msgh_size, 48, "dead-name size");
	ASSERT_EQ(*(mach_port_name_t *) (rb.buf + 40), local, "notification carries our name");
	ASSERT(type_of(local) & MACH_PORT_TYPE_DEAD_NAME, "the send right became a dead name");
	EXPECT_KR(test_send_empty(local, 1), MACH_SEND_INVALID_DEST);
	ASSERT_RET(mach_port_destroy(SELF, local), "destroy dead name");
	ASSERT_RET(task_terminate(child), "task_terminate");
	mach_port_deallocate(SELF, child);
	mach_port_destroy(SELF, notify);
	mach_port_destroy(SELF, p);
}

static void test_traps(void)
{
	mach_port_t p, host = mach_host_self();
	mach_port_type_t t;
	ASSERT_RET(syscall_mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE, &p), "trap allocate");
	ASSERT_EQ(type_of(p), MACH_PORT_TYPE_RECEIVE, "trap-allocated receive right");
	ASSERT_RET(syscall_mach_port_insert_right(SELF, p, p, MACH_MSG_TYPE_MAKE_SEND), "trap insert");
	ASSERT_EQ(type_of(p), MACH_PORT_TYPE_RECEIVE | MACH_PORT_TYPE_SEND, "trap-inserted send");
	ASSERT_RET(syscall_mach_port_deallocate(SELF, p), "trap deallocate");
	ASSERT_EQ(type_of(p), MACH_PORT_TYPE_RECEIVE, "trap-deallocated send");
	EXPECT_KR(syscall_mach_port_deallocate(SELF, 0x7777), KERN_INVALID_NAME);
	EXPECT_KR(syscall_mach_port_allocate(SELF, 99, &p), KERN_INVALID_VALUE);
	EXPECT_KR(syscall_mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE, (mach_port_name_t *) 0x10),
		  KERN_INVALID_ADDRESS);
	ASSERT_RET(syscall_mach_port_allocate_name(SELF, MACH_PORT_RIGHT_RECEIVE, 0x5151),
		   "trap allocate_name");
	EXPECT_KR(syscall_mach_port_allocate_name(SELF, MACH_PORT_RIGHT_RECEIVE, 0x5151),
		  KERN_NAME_EXISTS);
	ASSERT_RET(mach_port_destroy(SELF, 0x5151), "destroy");
	/* The shortcut traps want a task of this kernel; for anything else they ask for the RPC. */
	EXPECT_KR(syscall_mach_port_allocate(host, MACH_PORT_RIGHT_RECEIVE, &p), MACH_SEND_INTERRUPTED);
	EXPECT_KR(syscall_mach_port_allocate(0x7777, MACH_PORT_RIGHT_RECEIVE, &p),
		  MACH_SEND_INTERRUPTED);
	EXPECT_KR(mach_port_type(SELF, 0x7777, &t), KERN_INVALID_NAME);
	mach_port_deallocate(SELF, host);
}

int test_main(int argc, char **argv)
{
	(void) argc, (void) argv;
	test_allocate();
	test_refs();
	test_sets();
	test_notifications();
	test_traps();
	return 0;
}
