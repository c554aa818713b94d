/* libmachrt: a small runtime for Mach boot modules on AArch64 GNU Mach (and armach's Java
 * kernel). Traps, mach_msg, MIG reply ports, TLS (Variant I, tpidr_el0), threads, console
 * output, strings, exit. Numbers come from PROTOCOLS.md (the real kernel's ABI). */
#ifndef _MACHRT_H
#define _MACHRT_H

#include <mach/mach_types.h>
#include <mach/mig_errors.h>
#include <mach/mig_support.h>
#include "mach.h"
#include "mach_port.h"
#include "mach_host.h"
#include "gnumach.h"
#include "device.h"
#include "mach_aarch64.h"
#include "exc.h"

typedef unsigned char uint8_t;
typedef unsigned short uint16_t;
typedef int int32_t;
typedef long int64_t;
typedef unsigned long uintptr_t;
typedef unsigned long size_t;
typedef long ssize_t;
typedef __builtin_va_list va_list;
#define va_start(ap, last) __builtin_va_start(ap, last)
#define va_arg(ap, type) __builtin_va_arg(ap, type)
#define va_end(ap) __builtin_va_end(ap)
#define NULL ((void *) 0)
#define TRUE 1
#define FALSE 0

/* kern_return_t (PROTOCOLS 1.7) */
#define KERN_INVALID_ADDRESS 1
#define KERN_PROTECTION_FAILURE 2
#define KERN_NO_SPACE 3
#define KERN_INVALID_ARGUMENT 4
#define KERN_FAILURE 5
#define KERN_RESOURCE_SHORTAGE 6
#define KERN_NOT_RECEIVER 7
#define KERN_NO_ACCESS 8
#define KERN_MEMORY_FAILURE 9
#define KERN_MEMORY_ERROR 10
#define KERN_NOT_IN_SET 12
#define KERN_NAME_EXISTS 13
#define KERN_ABORTED 14
#define KERN_INVALID_NAME 15
#define KERN_INVALID_TASK 16
#define KERN_INVALID_RIGHT 17
#define KERN_INVALID_VALUE 18
#define KERN_UREFS_OVERFLOW 19
#define KERN_INVALID_CAPABILITY 20
#define KERN_RIGHT_EXISTS 21
#define KERN_INVALID_HOST 22
#define KERN_MEMORY_PRESENT 23
#define KERN_WRITE_PROTECTION_FAILURE 24
#define KERN_TERMINATED 26
#define KERN_TIMEDOUT 27
#define KERN_INTERRUPTED 28

/* mach_msg options and returns */
#define MACH_SEND_NOTIFY 0x00000020
#define MACH_SEND_INTERRUPT 0x00000040
#define MACH_SEND_CANCEL 0x00000080
#define MACH_RCV_NOTIFY 0x00000200
#define MACH_RCV_INTERRUPT 0x00000400
#define MACH_RCV_LARGE 0x00000800
#define MACH_SEND_IN_PROGRESS 0x10000001
#define MACH_SEND_INVALID_DATA 0x10000002
#define MACH_SEND_INVALID_DEST 0x10000003
#define MACH_SEND_TIMED_OUT 0x10000004
#define MACH_SEND_WILL_NOTIFY 0x10000005
#define MACH_SEND_NOTIFY_IN_PROGRESS 0x10000006
#define MACH_SEND_INTERRUPTED 0x10000007
#define MACH_SEND_MSG_TOO_SMALL 0x10000008
#define MACH_SEND_INVALID_RIGHT 0x1000000a
#define MACH_SEND_INVALID_NOTIFY 0x1000000b
#define MACH_SEND_INVALID_MEMORY 0x1000000c
#define MACH_SEND_NO_BUFFER 0x1000000d
#define MACH_SEND_NO_NOTIFY 0x1000000e
#define MACH_SEND_INVALID_TYPE 0x1000000f
#define MACH_SEND_INVALID_HEADER 0x10000010
#define MACH_RCV_IN_PROGRESS 0x10004001
#define MACH_RCV_TIMED_OUT 0x10004003
#define MACH_RCV_TOO_LARGE 0x10004004
#define MACH_RCV_INTERRUPTED 0x10004005
#define MACH_RCV_PORT_CHANGED 0x10004006
#define MACH_RCV_INVALID_NOTIFY 0x10004007
#define MACH_RCV_INVALID_DATA 0x10004008
#define MACH_RCV_IN_SET 0x1000400a
#define MACH_RCV_HEADER_ERROR 0x1000400b
#define MACH_RCV_BODY_ERROR 0x1000400c
#define MACH_MSG_PROTECTED_PAYLOAD 23
#define MACH_MSG_TYPE_UNSTRUCTURED 0

/* ports */
#define MACH_PORT_RIGHT_SEND 0
#define MACH_PORT_RIGHT_RECEIVE 1
#define MACH_PORT_RIGHT_SEND_ONCE 2
#define MACH_PORT_RIGHT_PORT_SET 3
#define MACH_PORT_RIGHT_DEAD_NAME 4
#define MACH_PORT_TYPE_SEND 0x10000u
#define MACH_PORT_TYPE_RECEIVE 0x20000u
#define MACH_PORT_TYPE_SEND_ONCE 0x40000u
#define MACH_PORT_TYPE_PORT_SET 0x80000u
#define MACH_PORT_TYPE_DEAD_NAME 0x100000u
#define MACH_PORT_TYPE_DNREQUEST 0x80000000u
#define MACH_PORT_TYPE_MAREQUEST 0x40000000u
#define MACH_PORT_QLIMIT_DEFAULT 5
#define MACH_PORT_QLIMIT_MAX 16
#define MACH_PORT_VALID(n) ((n) != MACH_PORT_NULL && (n) != MACH_PORT_DEAD)

/* notifications (notify.defs, base 64) */
#define MACH_NOTIFY_PORT_DELETED 65
#define MACH_NOTIFY_MSG_ACCEPTED 66
#define MACH_NOTIFY_PORT_DESTROYED 69
#define MACH_NOTIFY_NO_SENDERS 70
#define MACH_NOTIFY_DEAD_NAME 72

/* special ports */
#define TASK_KERNEL_PORT 1
#define TASK_EXCEPTION_PORT 3
#define TASK_BOOTSTRAP_PORT 4
#define THREAD_KERNEL_PORT 1
#define THREAD_EXCEPTION_PORT 3

/* VM */
#define VM_PROT_NONE 0
#define VM_PROT_READ 1
#define VM_PROT_WRITE 2
#define VM_PROT_EXECUTE 4
#define VM_PROT_DEFAULT 3
#define VM_PROT_ALL 7
#define VM_INHERIT_SHARE 0
#define VM_INHERIT_COPY 1
#define VM_INHERIT_NONE 2
#define VM_MAX_ADDRESS 0x1000000000000ul

/* info flavors */
#define TASK_BASIC_INFO 1
#define TASK_EVENTS_INFO 2
#define TASK_THREAD_TIMES_INFO 3
#define THREAD_BASIC_INFO 1
#define THREAD_SCHED_INFO 2
#define HOST_BASIC_INFO 1
#define HOST_PROCESSOR_SLOTS 2
#define HOST_SCHED_INFO 3
#define HOST_LOAD_INFO 4
#define HOST_BASIC_INFO_COUNT 6

/* exceptions (PROTOCOLS 1.10, 4.2) */
#define EXC_BAD_ACCESS 1
#define EXC_BAD_INSTRUCTION 2
#define EXC_ARITHMETIC 3
#define EXC_EMULATION 4
#define EXC_SOFTWARE 5
#define EXC_BREAKPOINT 6
#define EXC_AARCH64_SVC 1
#define EXC_AARCH64_BRK 1

/* AArch64 thread state (PROTOCOLS 4.1) */
#define AARCH64_THREAD_STATE 1
#define AARCH64_FLOAT_STATE 2
#define AARCH64_THREAD_STATE_COUNT 70
struct aarch64_thread_state {
	unsigned long x[31];
	unsigned long sp, pc, tpidr_el0, cpsr;
};
_Static_assert(sizeof(struct aarch64_thread_state) == 280, "thread state layout");

/* gsync flags */
#define GSYNC_SHARED 0x1
#define GSYNC_QUAD 0x2
#define GSYNC_TIMED 0x4
#define GSYNC_BROADCAST 0x8
#define GSYNC_MUTATE 0x10

/* device */
#define D_READ 1
#define D_WRITE 2
#define D_NODELAY 4
#define D_NOWAIT 8
#define D_IO_ERROR 2500
#define D_NO_SUCH_DEVICE 2502
#define D_INVALID_OPERATION 2505

/* hwcaps (Linux HWCAP bits, PROTOCOLS 4.3) */
#define HWCAP_FP (1u << 0)
#define HWCAP_ASIMD (1u << 1)
#define HWCAP_CPUID (1u << 11)
#define HWCAP_SVE (1u << 22)

/* ---- traps (traps.S) ---- */
mach_msg_return_t mach_msg_trap(mach_msg_header_t *msg, mach_msg_option_t option,
				mach_msg_size_t send_size, mach_msg_size_t rcv_size,
				mach_port_name_t rcv_name, mach_msg_timeout_t timeout,
				mach_port_name_t notify);
mach_port_name_t mach_reply_port(void);
mach_port_name_t mach_thread_self(void);
mach_port_name_t mach_task_self(void);
mach_port_name_t mach_host_self(void);
kern_return_t mach_print(const char *s);
kern_return_t evc_wait(unsigned int event);
kern_return_t evc_wait_clear(unsigned int event);
boolean_t swtch_pri(int priority);
boolean_t swtch(void);
kern_return_t thread_switch(mach_port_name_t thread, int option, mach_msg_timeout_t time);
kern_return_t syscall_vm_map(mach_port_name_t task, vm_address_t *address, vm_size_t size,
			     vm_address_t mask, boolean_t anywhere, mach_port_name_t memory_object,
			     vm_offset_t offset, boolean_t copy, vm_prot_t cur_protection,
			     vm_prot_t max_protection, vm_inherit_t inheritance);
kern_return_t syscall_vm_allocate(mach_port_name_t task, vm_address_t *address, vm_size_t size,
				  boolean_t anywhere);
kern_return_t syscall_vm_deallocate(mach_port_name_t task, vm_address_t address, vm_size_t size);
kern_return_t syscall_task_create(mach_port_name_t parent, boolean_t inherit_memory,
				  mach_port_name_t *child);
kern_return_t syscall_task_terminate(mach_port_name_t task);
kern_return_t syscall_task_suspend(mach_port_name_t task);
kern_return_t syscall_task_set_special_port(mach_port_name_t task, int which, mach_port_name_t port);
kern_return_t syscall_mach_port_allocate(mach_port_name_t task, mach_port_right_t right,
					 mach_port_name_t *name);
kern_return_t syscall_mach_port_deallocate(mach_port_name_t task, mach_port_name_t name);
kern_return_t syscall_mach_port_insert_right(mach_port_name_t task, mach_port_name_t name,
					     mach_port_name_t right, mach_msg_type_name_t type);
kern_return_t syscall_mach_port_allocate_name(mach_port_name_t task, mach_port_right_t right,
					      mach_port_name_t name);
kern_return_t syscall_thread_depress_abort(mach_port_name_t thread);
kern_return_t syscall_device_write_request(mach_port_name_t device, mach_port_name_t reply,
					   dev_mode_t mode, recnum_t recnum, io_buf_ptr_t data,
					   mach_msg_type_number_t count);
kern_return_t syscall_device_writev_request(mach_port_name_t device, mach_port_name_t reply,
					    dev_mode_t mode, recnum_t recnum, void *iov,
					    mach_msg_type_number_t count);
kern_return_t thread_set_self_state(int flavor, natural_t *state, natural_t count);
long mach_trap_raw(long w8, long a0, long a1, long a2, long a3, long a4, long a5, long a6);
long mach_trap_sp(long w8, long sp_value, long a0, long a1, long a2, long a3);
void mach_svc_imm(void);

/* ---- runtime (runtime.c) ---- */
extern vm_size_t vm_page_size;          /* from vm_statistics at start-up, never assumed */
extern unsigned long __mach_hwcap, __mach_hwcap2; /* from aarch64_get_hwcaps, as glibc */
extern unsigned long __mach_midr_el1, __mach_revidr_el1;
extern int __mach_argc;
extern char **__mach_argv;
extern char **__mach_envp;

/* The TCB (glibc aarch64-gnu layout, PROTOCOLS 8.1): tcbprehead at TP-24, tcbhead at TP. */
struct mach_tcb_prehead {
	void *rtld_catch;
	void *sigstate;
	mach_port_t reply_port;
	int gscope_flag;
};
struct mach_tcb_head {
	void *dtv;
	void *private;
};
/* Bytes a thread block needs (TCB + static TLS), and its set-up in caller-provided memory
 * (64-aligned). Returns the thread pointer value for tpidr_el0. */
vm_size_t __mach_tls_block_size(void);
unsigned long __mach_tls_setup(void *block);
static inline unsigned long __mach_get_tp(void)
{
	unsigned long tp;
	__asm__ volatile("mrs %0, tpidr_el0" : "=r"(tp));
	return tp;
}
static inline struct mach_tcb_prehead *__mach_prehead(void)
{
	return (struct mach_tcb_prehead *) (__mach_get_tp() - sizeof(struct mach_tcb_prehead));
}

mach_msg_return_t mach_msg(mach_msg_header_t *msg, mach_msg_option_t option,
			   mach_msg_size_t send_size, mach_msg_size_t rcv_size,
			   mach_port_name_t rcv_name, mach_msg_timeout_t timeout,
			   mach_port_name_t notify);
mach_port_t mig_get_reply_port(void);
void mig_dealloc_reply_port(mach_port_t reply_port);
void mig_put_reply_port(mach_port_t reply_port);

void exit(int status) __attribute__((noreturn));
void abort(void) __attribute__((noreturn));
vm_size_t round_page(vm_size_t x);
vm_size_t trunc_page(vm_size_t x);

/* ---- threads (thread.c) ---- */
/* Creates and starts a thread in this task running fn(arg) on its own stack and TLS block.
 * When fn returns the thread terminates itself. */
kern_return_t mach_thread_spawn(void (*fn)(void *), void *arg, thread_t *thread);
/* Same, but the thread is left suspended (state set, not resumed). */
kern_return_t mach_thread_prepare(void (*fn)(void *), void *arg, thread_t *thread);
void mach_thread_exit(void) __attribute__((noreturn));

/* ---- console (console.c) ---- */
/* Once opened (device_open "console"), output goes through device_write; before that, and
 * if it fails, through the mach_print trap. */
kern_return_t console_open(mach_port_t device_master);
void console_write(const char *s, size_t n);
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int puts(const char *s);

/* ---- strings (string.c) ---- */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strcpy(char *dst, const char *src);
char *strchr(const char *s, int c);
int mach_atoi(const char *s, int *out);   /* 0 on success */
long atol(const char *s);

/* ---- exceptions (exc.c): the exception_raise request as a server receives it ---- */
struct mach_exc_request {
	mach_port_t reply;      /* send-once right to answer on */
	mach_port_t thread;     /* send right to the faulting thread */
	mach_port_t task;       /* send right to its task */
	int exception, code;
	long subcode;
};
/* Parses a received message as exception_raise (id 2400, 112 bytes, exact descriptors).
 * Returns 0 on success, -1 if the message is not a well-formed exception_raise. */
int mach_exc_parse(const mach_msg_header_t *msg, struct mach_exc_request *req);
/* Sends the 48-byte exception_raise reply with the given return code. */
mach_msg_return_t mach_exc_reply(const struct mach_exc_request *req, kern_return_t ret);

/* A type descriptor (PROTOCOLS 1.4): name, element size in bits, count, inline flag. */
static inline mach_msg_type_t mach_type(unsigned name, unsigned size, unsigned number, int is_inline)
{
	mach_msg_type_t t;
	t.msgt_name = name;
	t.msgt_size = size;
	t.msgt_unused = 0;
	t.msgt_inline = is_inline ? 1 : 0;
	t.msgt_longform = 0;
	t.msgt_deallocate = 0;
	t.msgt_number = number;
	return t;
}

/* Atomics (LL/SC, no outline helpers). */
static inline int atomic_add(volatile int *p, int v)
{
	return __atomic_add_fetch(p, v, __ATOMIC_SEQ_CST);
}
static inline int atomic_load(volatile int *p)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}
static inline void atomic_store(volatile int *p, int v)
{
	__atomic_store_n(p, v, __ATOMIC_SEQ_CST);
}

#endif /* _MACHRT_H */
