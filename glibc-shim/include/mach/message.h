/* armach guest headers: Mach message format of 64-bit GNU Mach (AArch64).
   Types only; see docs / PROTOCOLS.md section 1. */
#ifndef _MACH_MESSAGE_H
#define _MACH_MESSAGE_H

typedef unsigned int mach_port_name_t;
typedef unsigned int mach_port_t;
typedef unsigned int natural_t;
typedef int integer_t;
typedef int kern_return_t;
typedef int boolean_t;
typedef unsigned long vm_offset_t;
typedef unsigned long vm_size_t;
typedef unsigned long vm_address_t;
typedef unsigned long rpc_uintptr_t;

typedef unsigned int mach_msg_bits_t;
typedef unsigned int mach_msg_size_t;
typedef unsigned int mach_msg_seqno_t;
typedef int mach_msg_id_t;
typedef unsigned int mach_msg_type_name_t;
typedef unsigned int mach_msg_type_size_t;
typedef unsigned int mach_msg_type_number_t;
typedef unsigned int mach_msg_option_t;
typedef unsigned int mach_msg_timeout_t;
typedef kern_return_t mach_msg_return_t;

#define MACH_PORT_NULL ((mach_port_t) 0)
#define MACH_PORT_DEAD ((mach_port_t) ~0u)

/* msgh_remote_port / msgh_local_port are 8-byte slots; the name is in the low half. */
typedef struct {
	mach_msg_bits_t msgh_bits;
	mach_msg_size_t msgh_size;
	union { mach_port_t msgh_remote_port; rpc_uintptr_t msgh_remote_slot; };
	union { mach_port_t msgh_local_port; rpc_uintptr_t msgh_protected_payload; };
	mach_msg_seqno_t msgh_seqno;
	mach_msg_id_t msgh_id;
} mach_msg_header_t;

/* 8-byte type descriptor (PROTOCOLS 1.4). */
typedef struct {
	unsigned int msgt_name : 8,
		msgt_size : 16,
		msgt_unused : 5,
		msgt_inline : 1,
		msgt_longform : 1,
		msgt_deallocate : 1;
	mach_msg_type_number_t msgt_number;
} mach_msg_type_t;
typedef mach_msg_type_t mach_msg_type_long_t;

/* An inline port right: 8-byte slot, name in the low 4 bytes. */
typedef union {
	mach_port_name_t name;
	unsigned long slot;
} mach_port_name_inlined_t;

#define MACH_MSGH_BITS(remote, local) ((remote) | ((local) << 8))
#define MACH_MSGH_BITS_REMOTE(bits) ((bits) & 0xff)
#define MACH_MSGH_BITS_LOCAL(bits) (((bits) >> 8) & 0xff)
#define MACH_MSGH_BITS_COMPLEX 0x80000000u

#define MACH_MSGT_INLINE (1ULL << 29)
#define MACH_MSGT_LONGFORM (1ULL << 30)
#define MACH_MSGT_DEALLOCATE (1ULL << 31)

#define MACH_MSG_TYPE_BOOLEAN 0
#define MACH_MSG_TYPE_INTEGER_16 1
#define MACH_MSG_TYPE_INTEGER_32 2
#define MACH_MSG_TYPE_CHAR 8
#define MACH_MSG_TYPE_BYTE 9
#define MACH_MSG_TYPE_INTEGER_8 9
#define MACH_MSG_TYPE_REAL 10
#define MACH_MSG_TYPE_INTEGER_64 11
#define MACH_MSG_TYPE_STRING 12
#define MACH_MSG_TYPE_STRING_C 12
#define MACH_MSG_TYPE_PORT_NAME 15
#define MACH_MSG_TYPE_MOVE_RECEIVE 16
#define MACH_MSG_TYPE_MOVE_SEND 17
#define MACH_MSG_TYPE_MOVE_SEND_ONCE 18
#define MACH_MSG_TYPE_COPY_SEND 19
#define MACH_MSG_TYPE_MAKE_SEND 20
#define MACH_MSG_TYPE_MAKE_SEND_ONCE 21
#define MACH_MSG_TYPE_PORT_RECEIVE 16
#define MACH_MSG_TYPE_PORT_SEND 17
#define MACH_MSG_TYPE_PORT_SEND_ONCE 18

#define MACH_SEND_MSG 0x00000001
#define MACH_RCV_MSG 0x00000002
#define MACH_SEND_TIMEOUT 0x00000010
#define MACH_RCV_TIMEOUT 0x00000100
#define MACH_MSG_TIMEOUT_NONE ((mach_msg_timeout_t) 0)

#define MACH_MSG_SUCCESS 0x00000000
#define MACH_SEND_INVALID_REPLY 0x10000009
#define MACH_RCV_INVALID_NAME 0x10004002
#define MACH_RCV_PORT_DIED 0x10004009

/* Trap -25, provided by the guest runtime. */
extern mach_msg_return_t mach_msg(mach_msg_header_t *msg, mach_msg_option_t option,
				  mach_msg_size_t send_size, mach_msg_size_t rcv_size,
				  mach_port_name_t rcv_name, mach_msg_timeout_t timeout,
				  mach_port_name_t notify);

#endif /* _MACH_MESSAGE_H */
