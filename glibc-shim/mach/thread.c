/* libmachrt threads: thread_create + thread_set_state(AARCH64_THREAD_STATE) with pc, sp,
 * tpidr_el0 (the new thread's TCB) and x0/x1 = function/argument, then thread_resume. */
#include "machrt.h"

#define THREAD_STACK_SIZE (64 * 1024)

extern char __mach_thread_entry[];

void __mach_thread_main(void (*fn)(void *), void *arg) __attribute__((noreturn));
void __mach_thread_main(void (*fn)(void *), void *arg)
{
	fn(arg);
	mach_thread_exit();
}

void mach_thread_exit(void)
{
	mach_port_t self = mach_thread_self();
	for (;;)
		thread_terminate(self);
}

kern_return_t mach_thread_prepare(void (*fn)(void *), void *arg, thread_t *thread)
{
	vm_size_t tls = (__mach_tls_block_size() + 15) & ~15ul;
	vm_size_t size = round_page(tls + THREAD_STACK_SIZE);
	vm_address_t base = 0;
	kern_return_t kr = vm_allocate(mach_task_self(), &base, size, TRUE);
	if (kr != KERN_SUCCESS)
		return kr;
	struct aarch64_thread_state st;
	memset(&st, 0, sizeof st);
	st.pc = (unsigned long) __mach_thread_entry;
	st.sp = (base + size) & ~15ul;
	st.tpidr_el0 = __mach_tls_setup((void *) base);
	st.x[0] = (unsigned long) fn;
	st.x[1] = (unsigned long) arg;
	st.cpsr = 0; /* EL0t, flags clear (as glibc's trampoline setup) */
	kr = thread_create(mach_task_self(), thread);
	if (kr != KERN_SUCCESS) {
		vm_deallocate(mach_task_self(), base, size);
		return kr;
	}
	kr = thread_set_state(*thread, AARCH64_THREAD_STATE, (thread_state_t) &st,
			      AARCH64_THREAD_STATE_COUNT);
	if (kr != KERN_SUCCESS) {
		thread_terminate(*thread);
		vm_deallocate(mach_task_self(), base, size);
	}
	return kr;
}

kern_return_t mach_thread_spawn(void (*fn)(void *), void *arg, thread_t *thread)
{
	kern_return_t kr = mach_thread_prepare(fn, arg, thread);
	if (kr != KERN_SUCCESS)
		return kr;
	return thread_resume(*thread);
}
