/* module-bench: null-RPC round trips per second.
 * Two tasks started by the boot script:
 *   module-bench server $(bench-task=task-create) $(task-resume)
 *   module-bench ${host-port} ${device-port} ${bench-task} $(task-create) $(task-resume)
 * The client holds a send right to the server task's kernel port (argv[3]); it creates the
 * service port's receive right inside the server task under a fixed name
 * (mach_port_allocate_name) and extracts a send right for itself. The server polls that name
 * until it exists and then answers every request. Timed with host_get_time, the client
 * measures (1) cross-task null RPCs (mach_msg SEND|RCV, empty message, send-once reply),
 * (2) kernel RPCs (mach_port_get_refs on our own task), (3) bare traps (mach_task_self).
 * With only "module-bench" (no server task), the server runs as a thread of the client.
 * An optional client argument "rounds=N" (after ${bench-task}) sets the round trips per kind
 * (default 20000; bench/rpc.sh uses more so that the JIT-compiled path dominates). */
#include "testlib.h"

#define SERVICE_NAME 0x4b4b
#define DEFAULT_ROUNDS 20000
#define QUIT_ID 999

static int rounds = DEFAULT_ROUNDS;

static long usec(void)
{
	time_value_t t;
	mach_port_t host = mach_host_self();
	ASSERT_RET(host_get_time(host, &t), "host_get_time");
	mach_port_deallocate(mach_task_self(), host);
	return t.seconds * 1000000L + t.microseconds;
}

static void serve(mach_port_t port)
{
	union {
		mach_msg_header_t h;
		unsigned char buf[256];
	} m;
	mach_msg_return_t r = mach_msg(&m.h, MACH_RCV_MSG, 0, sizeof m, port, 0, MACH_PORT_NULL);
	for (;;) {
		if (r != MACH_MSG_SUCCESS) {
			r = mach_msg(&m.h, MACH_RCV_MSG, 0, sizeof m, port, 0, MACH_PORT_NULL);
			continue;
		}
		if (m.h.msgh_id == QUIT_ID)
			return;
		mach_port_t reply = m.h.msgh_remote_port;
		m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0);
		m.h.msgh_size = sizeof m.h;
		m.h.msgh_remote_port = reply;
		m.h.msgh_local_port = MACH_PORT_NULL;
		m.h.msgh_id += 100;
		/* reply and wait for the next request in one trap */
		r = mach_msg(&m.h, MACH_SEND_MSG | MACH_RCV_MSG, sizeof m.h, sizeof m, port, 0,
			     MACH_PORT_NULL);
	}
}

static void server_thread(void *arg)
{
	serve((mach_port_t) (unsigned long) arg);
}

static void report(const char *what, long n, long us)
{
	if (us <= 0)
		us = 1;
	long per_sec = n * 1000000L / us;
	printf("bench: %s: %ld round trips in %ld us: %ld per second (%ld ns each)\n", what, n, us,
	       per_sec, us * 1000L / n);
}

static void client(mach_port_t service)
{
	mach_port_t reply = mach_reply_port();
	mach_msg_header_t h;
	long t0 = usec();
	for (int i = 0; i < rounds; i++) {
		h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE);
		h.msgh_size = sizeof h;
		h.msgh_remote_port = service;
		h.msgh_local_port = reply;
		h.msgh_seqno = 0;
		h.msgh_id = 1000;
		ASSERT_RET(mach_msg(&h, MACH_SEND_MSG | MACH_RCV_MSG, sizeof h, sizeof h, reply, 0,
				    MACH_PORT_NULL),
			   "null RPC");
		ASSERT_EQ(h.msgh_id, 1100, "reply id");
	}
	long t1 = usec();
	report("null RPC to a guest server", rounds, t1 - t0);

	mach_port_urefs_t refs;
	mach_port_t self = mach_task_self();
	t0 = usec();
	for (int i = 0; i < rounds; i++)
		ASSERT_RET(mach_port_get_refs(self, reply, MACH_PORT_RIGHT_RECEIVE, &refs),
			   "mach_port_get_refs");
	t1 = usec();
	report("kernel RPC mach_port_get_refs", rounds, t1 - t0);

	t0 = usec();
	for (int i = 0; i < rounds; i++)
		mach_task_self();
	t1 = usec();
	report("trap mach_task_self", rounds, t1 - t0);
	mach_port_mod_refs(mach_task_self(), mach_task_self(), MACH_PORT_RIGHT_SEND, -rounds);

	EXPECT_KR(test_send_empty(service, QUIT_ID), MACH_MSG_SUCCESS);
}

int test_main(int argc, char **argv)
{
	int v;
	mach_port_t service;
	if (argc > 4 && strncmp(argv[4], "rounds=", 7) == 0 && mach_atoi(argv[4] + 7, &v) == 0 && v > 0)
		rounds = v;
	if (argc > 3 && mach_atoi(argv[3], &v) == 0) {
		mach_port_t server_task = v;
		mach_msg_type_name_t poly;
		ASSERT_RET(mach_port_allocate_name(server_task, MACH_PORT_RIGHT_RECEIVE, SERVICE_NAME),
			   "create the service port in the server task");
		ASSERT_RET(mach_port_extract_right(server_task, SERVICE_NAME, MACH_MSG_TYPE_MAKE_SEND,
						   &service, &poly),
			   "extract a send right");
		printf("bench: client of a server in another task\n");
	} else {
		thread_t th;
		service = test_port();
		ASSERT_RET(mach_thread_spawn(server_thread, (void *) (unsigned long) service, &th),
			   "spawn server thread");
		printf("bench: client of a server thread in the same task\n");
	}
	client(service);
	return 0;
}

/* The server task: argv = ["module-bench", "server"]; no ports but its own. */
int test_server_main(void)
{
	mach_port_type_t t;
	while (mach_port_type(mach_task_self(), SERVICE_NAME, &t) != KERN_SUCCESS)
		thread_switch(MACH_PORT_NULL, 2 /* SWITCH_OPTION_WAIT */, 1);
	serve(SERVICE_NAME);
	mach_print("bench: server done\n");
	return 0;
}
