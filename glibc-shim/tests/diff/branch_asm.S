	.file "branch_asm.S"
/* Assembly helpers for diff-branch: link register values, BLR x30, RET to another register,
 * a PC-relative jump table, ADR/ADRP, and a PC alignment fault. */
	.text

/* void asm_links(u64 out[8]): records LR values relative to asm_links. */
	.global asm_links
	.type asm_links, %function
asm_links:
	stp	x29, x30, [sp, #-16]!
	adr	x9, asm_links
	bl	1f			/* out[0] = LR after BL */
	b	2f
1:	sub	x10, x30, x9
	str	x10, [x0, #0]
	ret
2:	adr	x11, 3f
	blr	x11			/* out[1] = LR after BLR */
	b	4f
3:	sub	x10, x30, x9
	str	x10, [x0, #8]
	ret
4:	adr	x30, 5f
	blr	x30			/* BLR x30: target read before LR written; out[2] */
	b	6f
5:	sub	x10, x30, x9
	str	x10, [x0, #16]
	ret
6:	adr	x12, 7f
	adr	x13, 8f
	mov	x30, #0
	br	x12			/* BR does not write LR: out[3] = 0 */
7:	str	x30, [x0, #24]
	mov	x30, x13
	ret	x13			/* RET Xn */
	brk	#1
8:	adr	x10, 9f			/* out[4] = ADR result - asm_links */
	sub	x10, x10, x9
	str	x10, [x0, #32]
	adrp	x10, asm_links		/* out[5] = ADRP page - page of asm_links */
	and	x11, x9, #~0xfff
	sub	x10, x10, x11
	str	x10, [x0, #40]
	adrp	x10, 9f + 0x12345000	/* out[6] = far ADRP relative */
	sub	x10, x10, x11
	str	x10, [x0, #48]
	adr	x10, .-0xff000		/* out[7] = negative ADR */
	sub	x10, x10, x9
	str	x10, [x0, #56]
9:	ldp	x29, x30, [sp], #16
	ret
	.size asm_links, . - asm_links

/* u64 asm_jumptable(u64 i): i in 0..7 via a PC-relative table of 32-bit offsets. */
	.global asm_jumptable
	.type asm_jumptable, %function
asm_jumptable:
	and	x0, x0, #7
	adr	x1, 1f
	ldrsw	x2, [x1, x0, lsl #2]
	add	x1, x1, x2
	br	x1
	.balign 4
1:	.word	10f - 1b, 11f - 1b, 12f - 1b, 13f - 1b, 14f - 1b, 15f - 1b, 16f - 1b, 17f - 1b
10:	mov	x0, #100
	ret
11:	mov	x0, #101
	ret
12:	movn	x0, #0
	ret
13:	mov	x0, #0x13
	ret
14:	mov	x0, #0x14
	ret
15:	mov	x0, #0x15
	ret
16:	mov	x0, #0x16
	ret
17:	mov	x0, #0x17
	ret
	.size asm_jumptable, . - asm_jumptable

/* u64 asm_pc_misalign(u64 off, volatile u64 *resume): BR to (label + off); with off not a
 * multiple of 4 this raises a PC alignment fault; the handler resumes at *resume. Returns
 * the address branched to, relative to the function. */
	.global asm_pc_misalign
	.type asm_pc_misalign, %function
asm_pc_misalign:
	adr	x9, asm_pc_misalign
	adr	x2, 2f
	str	x2, [x1]		/* exc_resume = 2f */
	adr	x3, 1f
	add	x3, x3, x0
	br	x3
1:	nop
	nop
	str	xzr, [x1]		/* reached only if the branch was aligned */
2:	sub	x0, x3, x9
	ret
	.size asm_pc_misalign, . - asm_pc_misalign

/* u64 asm_loop(u64 n): count down with a backwards CBNZ, SUBS/B.NE and TBZ; returns sum. */
	.global asm_loop
	.type asm_loop, %function
asm_loop:
	mov	x1, x0
	mov	x2, #0
1:	add	x2, x2, x1
	sub	x1, x1, #1
	cbnz	x1, 1b
	mov	x1, x0
2:	add	x2, x2, x1, lsl #1
	subs	x1, x1, #3
	b.gt	2b
	mov	x1, #0
3:	add	x1, x1, #1
	tbz	x1, #4, 3b
	add	x0, x2, x1
	ret
	.size asm_loop, . - asm_loop
