/* libmachrt start-up, TLS, MIG reply ports, mach_msg, exit. */
#include "machrt.h"

extern int main(int argc, char **argv, char **envp);

extern char __bss_start[], __bss_end[];
extern char __tls_template[], __tls_template_size[], __tls_size[], __tls_align[];

vm_size_t vm_page_size;
unsigned long __mach_hwcap, __mach_hwcap2, __mach_midr_el1, __mach_revidr_el1;
int __mach_argc;
char **__mach_argv;
char **__mach_envp;

/* Exercised at start-up: a non-zero initialised thread-local proves the TLS template copy. */
static volatile __thread int tls_canary = 0x5a17c0de;

static void fatal(const char *msg) __attribute__((noreturn));
static void fatal(const char *msg)
{
	mach_print("libmachrt: fatal: ");
	mach_print(msg);
	mach_print("\n");
	exit(127);
}

/* ---- TLS Variant I: [pad][tcbprehead 24 B][tcbhead 16 B at TP][TLS block at TP+align(16)] */

#define TCB_OFFSET 64 /* TP within the thread block; the prehead sits just below it */

static unsigned long tls_align(void)
{
	unsigned long a = (unsigned long) __tls_align;
	return a < 16 ? 16 : a;
}

static unsigned long tls_offset(void)
{
	unsigned long a = tls_align();
	return (sizeof(struct mach_tcb_head) + a - 1) & ~(a - 1);
}

vm_size_t __mach_tls_block_size(void)
{
	return (TCB_OFFSET + tls_offset() + (unsigned long) __tls_size + 63) & ~63ul;
}

unsigned long __mach_tls_setup(void *block)
{
	unsigned char *tp = (unsigned char *) block + TCB_OFFSET;
	struct mach_tcb_prehead *pre = (struct mach_tcb_prehead *) (tp - sizeof *pre);
	struct mach_tcb_head *head = (struct mach_tcb_head *) tp;
	unsigned long tsize = (unsigned long) __tls_template_size;
	memset(pre, 0, sizeof *pre);
	pre->reply_port = MACH_PORT_NULL;
	head->dtv = NULL;
	head->private = NULL;
	memcpy(tp + tls_offset(), __tls_template, tsize);
	memset(tp + tls_offset() + tsize, 0, (unsigned long) __tls_size - tsize);
	return (unsigned long) tp;
}

static unsigned char main_tls[1024] __attribute__((aligned(64)));

static void tls_init_main(void)
{
	if (__mach_tls_block_size() > sizeof main_tls)
		fatal("static TLS too large");
	unsigned long tp = __mach_tls_setup(main_tls);
	__asm__ volatile("msr tpidr_el0, %0" ::"r"(tp) : "memory");
	if (tls_canary != 0x5a17c0de)
		fatal("TLS template not visible through tpidr_el0");
}

/* ---- MIG reply ports: one receive right per thread, kept in the TCB (as glibc). */

mach_port_t mig_get_reply_port(void)
{
	struct mach_tcb_prehead *pre = __mach_prehead();
	if (pre->reply_port == MACH_PORT_NULL)
		pre->reply_port = mach_reply_port();
	return pre->reply_port;
}

void mig_dealloc_reply_port(mach_port_t reply_port)
{
	struct mach_tcb_prehead *pre = __mach_prehead();
	mach_port_t port = pre->reply_port;
	(void) reply_port;
	pre->reply_port = MACH_PORT_NULL;
	if (MACH_PORT_VALID(port))
		mach_port_mod_refs(mach_task_self(), port, MACH_PORT_RIGHT_RECEIVE, -1);
}

void mig_put_reply_port(mach_port_t reply_port)
{
	(void) reply_port;
}

/* ---- mach_msg: the trap, restarted after interruptions the caller did not ask to see. */

mach_msg_return_t mach_msg(mach_msg_header_t *msg, mach_msg_option_t option,
			   mach_msg_size_t send_size, mach_msg_size_t rcv_size,
			   mach_port_name_t rcv_name, mach_msg_timeout_t timeout,
			   mach_port_name_t notify)
{
	mach_msg_return_t ret;
	ret = mach_msg_trap(msg, option, send_size, rcv_size, rcv_name, timeout, notify);
	while (ret == MACH_SEND_INTERRUPTED && !(option & MACH_SEND_INTERRUPT))
		ret = mach_msg_trap(msg, option, send_size, rcv_size, rcv_name, timeout, notify);
	while (ret == MACH_RCV_INTERRUPTED && !(option & MACH_RCV_INTERRUPT))
		ret = mach_msg_trap(msg, option & ~MACH_SEND_MSG, 0, rcv_size, rcv_name, timeout, notify);
	return ret;
}

/* ---- page size and hwcaps, asked of the kernel as glibc does. */

vm_size_t round_page(vm_size_t x)
{
	return (x + vm_page_size - 1) & ~(vm_page_size - 1);
}

vm_size_t trunc_page(vm_size_t x)
{
	return x & ~(vm_page_size - 1);
}

static void page_size_init(void)
{
	vm_statistics_data_t st;
	kern_return_t kr = vm_statistics(mach_task_self(), &st);
	if (kr != KERN_SUCCESS)
		fatal("vm_statistics failed");
	vm_page_size = (vm_size_t) (unsigned int) st.data[0];
	if (vm_page_size < 4096 || (vm_page_size & (vm_page_size - 1)) != 0)
		fatal("vm_statistics returned a bad page size");
}

/* glibc's init_cpu_features: aarch64_get_hwcaps(host, buf, &n=2, &midr, &revidr) must succeed;
 * word 0 is HWCAP, word 1 HWCAP2. */
static void hwcaps_init(void)
{
	uint32_t caps[16] = {0};
	mach_msg_type_number_t n = 2;
	uint64_t midr = 0, revidr = 0;
	mach_port_t host = mach_host_self();
	kern_return_t kr = aarch64_get_hwcaps(host, caps, &n, &midr, &revidr);
	mach_port_deallocate(mach_task_self(), host);
	if (kr != KERN_SUCCESS || n > 2)
		fatal("aarch64_get_hwcaps failed");
	__mach_hwcap = n > 0 ? caps[0] : 0;
	__mach_hwcap2 = n > 1 ? caps[1] : 0;
	__mach_midr_el1 = midr;
	__mach_revidr_el1 = revidr;
}

void __mach_start(unsigned long *sp) __attribute__((noreturn));
void __mach_start(unsigned long *sp)
{
	/* The kernel gives zero-filled memory for .bss, but be exact anyway. */
	for (char *p = __bss_start; p < __bss_end; p++)
		*(volatile char *) p = 0;
	__mach_argc = (int) sp[0];
	__mach_argv = (char **) (sp + 1);
	__mach_envp = __mach_argv + __mach_argc + 1;
	tls_init_main();
	page_size_init();
	hwcaps_init();
	exit(main(__mach_argc, __mach_argv, __mach_envp));
}

/* ---- exit: task_terminate(mach_task_self()), the shortcut trap first, then the RPC. */

void exit(int status)
{
	(void) status;
	mach_port_t self = mach_task_self();
	if (syscall_task_terminate(self) == MACH_SEND_INTERRUPTED)
		task_terminate(self);
	/* Not reached on a correct kernel; park without spinning. */
	for (;;) {
		mach_msg_header_t h;
		mach_msg(&h, MACH_RCV_MSG, 0, sizeof h, mach_reply_port(), 0, MACH_PORT_NULL);
	}
}

void abort(void)
{
	mach_print("libmachrt: abort\n");
	exit(134);
}
