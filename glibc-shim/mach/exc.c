/* libmachrt: server side of exception_raise (exc.defs 2400), using the MIG-generated
 * request/reply layouts from mig/exc.h. */
#include "machrt.h"

#define DESC(name, size, number) \
	((unsigned long long) (name) | ((unsigned long long) (size) << 8) | (1ULL << 29) | \
	 ((unsigned long long) (number) << 32))

static unsigned long long desc_bits(const mach_msg_type_t *t)
{
	unsigned long long v;
	memcpy(&v, t, 8);
	return v;
}

int mach_exc_parse(const mach_msg_header_t *msg, struct mach_exc_request *req)
{
	const __Request__exception_raise_t *r = (const __Request__exception_raise_t *) msg;
	if (msg->msgh_id != 2400 || msg->msgh_size != sizeof *r ||
	    !(msg->msgh_bits & MACH_MSGH_BITS_COMPLEX))
		return -1;
	if (desc_bits(&r->threadType) != DESC(MACH_MSG_TYPE_PORT_SEND, 64, 1) ||
	    desc_bits(&r->taskType) != DESC(MACH_MSG_TYPE_PORT_SEND, 64, 1) ||
	    desc_bits(&r->exceptionType) != DESC(MACH_MSG_TYPE_INTEGER_32, 32, 1) ||
	    desc_bits(&r->codeType) != DESC(MACH_MSG_TYPE_INTEGER_32, 32, 1) ||
	    desc_bits(&r->subcodeType) != DESC(MACH_MSG_TYPE_INTEGER_64, 64, 1))
		return -1;
	req->reply = msg->msgh_remote_port;
	req->thread = r->thread.name;
	req->task = r->task.name;
	req->exception = r->exception;
	req->code = r->code;
	req->subcode = r->subcode;
	return 0;
}

mach_msg_return_t mach_exc_reply(const struct mach_exc_request *req, kern_return_t ret)
{
	__Reply__exception_raise_t rep;
	unsigned long long d = DESC(MACH_MSG_TYPE_INTEGER_32, 32, 1);
	memset(&rep, 0, sizeof rep);
	rep.Head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0);
	rep.Head.msgh_size = sizeof rep;
	rep.Head.msgh_remote_port = req->reply;
	rep.Head.msgh_local_port = MACH_PORT_NULL;
	rep.Head.msgh_id = 2500;
	memcpy(&rep.RetCodeType, &d, 8);
	rep.RetCode = ret;
	return mach_msg(&rep.Head, MACH_SEND_MSG, sizeof rep, 0, MACH_PORT_NULL, 0, MACH_PORT_NULL);
}
