	.file "start.S"
/*
 * Bare-metal entry for guest test programs on the "virt" board.
 * QEMU (and armach) load the ELF segments at their link addresses and enter _start at EL1
 * with the MMU off. We set a known SCTLR_EL1, a stack, enable FP/SIMD, install the vector
 * table, clear .bss and call main(); main's return value goes to poweroff().
 */
	.section .text.boot, "ax"
	.global _start
	.type _start, %function
_start:
	msr	daifset, #0xf
	/* SCTLR_EL1: MMU/caches off, no alignment checks; RES1 bits 29,28,23,22,20,11, I=1. */
	ldr	x1, =0x30d01800
	msr	sctlr_el1, x1
	isb
	ldr	x1, =__stack_top
	mov	sp, x1
	mrs	x1, cpacr_el1
	orr	x1, x1, #(3 << 20)		/* FPEN = 0b11: no FP/SIMD traps */
	msr	cpacr_el1, x1
	isb
	ldr	x1, =vectors
	msr	vbar_el1, x1
	isb
	ldr	x1, =__bss_start
	ldr	x2, =__bss_end
1:	cmp	x1, x2
	b.hs	2f
	str	xzr, [x1], #8
	b	1b
2:	mov	x29, #0
	mov	x30, #0
	bl	main
	bl	poweroff
3:	wfi
	b	3b
	.size _start, . - _start

/*
 * Vector table: every entry saves x0/x1, puts its index in x1 and branches to the common
 * path, which saves a full frame (struct exc_frame in rt.h) and calls exc_handler(frame, idx).
 * The handler may modify the frame (ELR, registers); we restore it and ERET.
 */
	.macro	VENTRY idx
	.balign	0x80
	sub	sp, sp, #(36 * 8)
	stp	x0, x1, [sp, #0]
	mov	x1, #\idx
	b	exc_common
	.endm

	.section .text.vectors, "ax"
	.balign	2048
	.global vectors
vectors:
	VENTRY	0
	VENTRY	1
	VENTRY	2
	VENTRY	3
	VENTRY	4
	VENTRY	5
	VENTRY	6
	VENTRY	7
	VENTRY	8
	VENTRY	9
	VENTRY	10
	VENTRY	11
	VENTRY	12
	VENTRY	13
	VENTRY	14
	VENTRY	15

exc_common:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	mrs	x2, elr_el1
	stp	x30, x2, [sp, #240]
	mrs	x2, spsr_el1
	mrs	x3, esr_el1
	stp	x2, x3, [sp, #256]
	mrs	x2, far_el1
	str	x2, [sp, #272]
	mov	x0, sp
	bl	exc_handler
	ldp	x30, x2, [sp, #240]
	msr	elr_el1, x2
	ldr	x2, [sp, #256]
	msr	spsr_el1, x2
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #(36 * 8)
	eret
