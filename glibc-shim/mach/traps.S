	.file "traps.S"
/*
 * Mach trap stubs (PROTOCOLS 2.1/2.2): the negated trap number in w8, arguments in x0..x7,
 * further arguments on the caller's stack at [sp], [sp+8], ... (AAPCS64 order, which is where
 * a C call leaves them, because these stubs do not touch sp), `svc #0`, result in x0.
 */
	.macro	TRAP name, number
	.text
	.global	\name
	.type	\name, %function
	.balign	8
\name:
	mov	w8, #-\number
	svc	#0
	ret
	.size	\name, . - \name
	.endm

	TRAP	evc_wait, 17
	TRAP	evc_wait_clear, 18
	TRAP	mach_msg_trap, 25
	TRAP	mach_reply_port, 26
	TRAP	mach_thread_self, 27
	TRAP	mach_task_self, 28
	TRAP	mach_host_self, 29
	TRAP	mach_print, 30
	TRAP	syscall_device_writev_request, 39
	TRAP	syscall_device_write_request, 40
	TRAP	swtch_pri, 59
	TRAP	swtch, 60
	TRAP	thread_switch, 61
	TRAP	syscall_vm_map, 64
	TRAP	syscall_vm_allocate, 65
	TRAP	syscall_vm_deallocate, 66
	TRAP	syscall_task_create, 68
	TRAP	syscall_task_terminate, 69
	TRAP	syscall_task_suspend, 70
	TRAP	syscall_task_set_special_port, 71
	TRAP	syscall_mach_port_allocate, 72
	TRAP	syscall_mach_port_deallocate, 73
	TRAP	syscall_mach_port_insert_right, 74
	TRAP	syscall_mach_port_allocate_name, 75
	TRAP	syscall_thread_depress_abort, 76
	TRAP	thread_set_self_state, 77

/*
 * long mach_trap_raw(long x8, long a0, ..., long a6): any trap number (as the guest puts it in
 * w8, i.e. negative for Mach traps; x8 is loaded whole, so the upper half can carry garbage),
 * seven arguments; x7 is set to 0. Used by tests and the
 * fuzzer for traps that have no stub of their own and for invalid numbers.
 */
	.text
	.global	mach_trap_raw
	.type	mach_trap_raw, %function
	.balign	8
mach_trap_raw:
	mov	x8, x0			/* all 64 bits: the kernel must look at w8 only */
	mov	x0, x1
	mov	x1, x2
	mov	x2, x3
	mov	x3, x4
	mov	x4, x5
	mov	x5, x6
	mov	x6, x7
	mov	x7, #0
	svc	#0
	ret
	.size	mach_trap_raw, . - mach_trap_raw

/*
 * long mach_trap_sp(long w8, long sp_value, long a0, long a1, long a2, long a3): makes the trap
 * with sp temporarily set to sp_value (for the "stack arguments at a bad sp" test). If the
 * kernel raises an exception instead of returning, the thread never comes back here.
 */
	.global	mach_trap_sp
	.type	mach_trap_sp, %function
	.balign	8
mach_trap_sp:
	mov	x9, sp
	mov	w8, w0
	mov	sp, x1
	mov	x0, x2
	mov	x1, x3
	mov	x2, x4
	mov	x3, x5
	svc	#0
	mov	sp, x9
	ret
	.size	mach_trap_sp, . - mach_trap_sp

/* A `svc` with a non-zero immediate: not a Mach trap (EXC_SOFTWARE / EXC_AARCH64_SVC). */
	.global	mach_svc_imm
	.type	mach_svc_imm, %function
	.balign	8
mach_svc_imm:
	mov	w8, #-28
	svc	#0x1234
	ret
	.size	mach_svc_imm, . - mach_svc_imm
