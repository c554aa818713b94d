	.file "start.S"
/*
 * Entry of a Mach boot module. The kernel starts the first thread with nothing but a stack:
 * SP points at argc, then argv[] (NULL-terminated), envp[] (NULL-terminated), then the
 * strings (PROTOCOLS 5.4). Ports arrive as decimal names in argv. Every other register is
 * unspecified, so we clear the frame pointer and link register and hand SP to C.
 */
	.section .text.start, "ax"
	.global _start
	.type _start, %function
_start:
	mov	x0, sp
	mov	x29, #0
	mov	x30, #0
	and	x1, x0, #~15
	mov	sp, x1
	bl	__mach_start
1:	brk	#0
	b	1b
	.size _start, . - _start

/*
 * First instruction of a thread made by mach_thread_spawn: the creator set pc here, sp to
 * the top of the new stack, tpidr_el0 to the new thread's TCB, x0 = function, x1 = argument.
 */
	.text
	.global __mach_thread_entry
	.type __mach_thread_entry, %function
__mach_thread_entry:
	mov	x29, #0
	mov	x30, #0
	bl	__mach_thread_main
2:	brk	#0
	b	2b
	.size __mach_thread_entry, . - __mach_thread_entry
