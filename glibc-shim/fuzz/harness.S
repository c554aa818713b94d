    .file "harness.S"
/*
 * Random-instruction differential fuzzing harness (bare metal, QEMU virt and armach).
 * Loaded as an ELF at 0x40080000. The generated sequences live in a second segment at
 * SEQ_TABLE (0x41000000): u32 magic 'FUZZ', u32 count, u32 length, u32 seed, then
 * count*length instruction words. For each sequence the C driver builds a random
 * architectural state, copies the words into the execution buffer followed by a branch
 * back, and run_seq() executes them with SP_EL0 as the sequence's stack pointer. Any
 * synchronous exception is recorded and the faulting instruction skipped.
 */
    .section .text.boot, "ax"
    .global _start
_start:
    ldr     x0, =stack_top
    mov     sp, x0
    msr     spsel, #1
    /* a known SCTLR_EL1: MMU and caches off, no alignment or SP alignment checking */
    ldr     x0, =0x30d00800
    msr     sctlr_el1, x0
    isb
    mov     x0, #(3 << 20)
    msr     cpacr_el1, x0
    isb
    adr     x0, vectors
    msr     vbar_el1, x0
    isb
    bl      fuzz_main
    /* PSCI SYSTEM_OFF */
    ldr     x0, =0x84000008
    hvc     #0
1:  wfi
    b       1b

/* void run_seq(const struct fstate *in, struct fstate *out) */
    .text
    .global run_seq
    .type run_seq, %function
run_seq:
    /* save the harness context on SP_EL1 */
    stp     x29, x30, [sp, #-176]!
    stp     x19, x20, [sp, #16]
    stp     x21, x22, [sp, #32]
    stp     x23, x24, [sp, #48]
    stp     x25, x26, [sp, #64]
    stp     x27, x28, [sp, #80]
    stp     d8, d9, [sp, #96]
    stp     d10, d11, [sp, #112]
    stp     d12, d13, [sp, #128]
    stp     d14, d15, [sp, #144]
    str     x1, [sp, #160]
    ldr     x2, =saved_sp
    mov     x3, sp
    str     x3, [x2]
    /* load the sequence state */
    ldr     x2, [x0, #248]          /* sp */
    msr     spsel, #0
    mov     sp, x2
    ldr     x2, [x0, #256]          /* nzcv */
    msr     nzcv, x2
    ldr     x2, [x0, #264]          /* fpcr */
    msr     fpcr, x2
    ldr     x2, [x0, #272]          /* fpsr */
    msr     fpsr, x2
    add     x2, x0, #280
    ldp     q0, q1, [x2], #32
    ldp     q2, q3, [x2], #32
    ldp     q4, q5, [x2], #32
    ldp     q6, q7, [x2], #32
    ldp     q8, q9, [x2], #32
    ldp     q10, q11, [x2], #32
    ldp     q12, q13, [x2], #32
    ldp     q14, q15, [x2], #32
    ldp     q16, q17, [x2], #32
    ldp     q18, q19, [x2], #32
    ldp     q20, q21, [x2], #32
    ldp     q22, q23, [x2], #32
    ldp     q24, q25, [x2], #32
    ldp     q26, q27, [x2], #32
    ldp     q28, q29, [x2], #32
    ldp     q30, q31, [x2], #32
    ldp     x2, x3, [x0, #16]
    ldp     x4, x5, [x0, #32]
    ldp     x6, x7, [x0, #48]
    ldp     x8, x9, [x0, #64]
    ldp     x10, x11, [x0, #80]
    ldp     x12, x13, [x0, #96]
    ldp     x14, x15, [x0, #112]
    ldp     x16, x17, [x0, #128]
    ldp     x18, x19, [x0, #144]
    ldp     x20, x21, [x0, #160]
    ldp     x22, x23, [x0, #176]
    ldp     x24, x25, [x0, #192]
    ldp     x26, x27, [x0, #208]
    ldp     x28, x29, [x0, #224]
    ldr     x30, [x0, #240]
    ldp     x0, x1, [x0]
    b       exec_buf

    .global seq_return
seq_return:
    msr     tpidr_el1, x0
    ldr     x0, =out_ptr_tmp
    ldr     x0, [x0]
    stp     x2, x3, [x0, #16]
    stp     x4, x5, [x0, #32]
    stp     x6, x7, [x0, #48]
    stp     x8, x9, [x0, #64]
    stp     x10, x11, [x0, #80]
    stp     x12, x13, [x0, #96]
    stp     x14, x15, [x0, #112]
    stp     x16, x17, [x0, #128]
    stp     x18, x19, [x0, #144]
    stp     x20, x21, [x0, #160]
    stp     x22, x23, [x0, #176]
    stp     x24, x25, [x0, #192]
    stp     x26, x27, [x0, #208]
    stp     x28, x29, [x0, #224]
    str     x30, [x0, #240]
    str     x1, [x0, #8]
    mrs     x1, tpidr_el1
    str     x1, [x0]
    mov     x1, sp
    str     x1, [x0, #248]
    mrs     x1, nzcv
    str     x1, [x0, #256]
    mrs     x1, fpcr
    str     x1, [x0, #264]
    mrs     x1, fpsr
    str     x1, [x0, #272]
    add     x2, x0, #280
    stp     q0, q1, [x2], #32
    stp     q2, q3, [x2], #32
    stp     q4, q5, [x2], #32
    stp     q6, q7, [x2], #32
    stp     q8, q9, [x2], #32
    stp     q10, q11, [x2], #32
    stp     q12, q13, [x2], #32
    stp     q14, q15, [x2], #32
    stp     q16, q17, [x2], #32
    stp     q18, q19, [x2], #32
    stp     q20, q21, [x2], #32
    stp     q22, q23, [x2], #32
    stp     q24, q25, [x2], #32
    stp     q26, q27, [x2], #32
    stp     q28, q29, [x2], #32
    stp     q30, q31, [x2], #32
    msr     spsel, #1
    ldr     x2, =saved_sp
    ldr     x2, [x2]
    mov     sp, x2
    mov     x0, #0
    msr     fpcr, x0
    ldp     x19, x20, [sp, #16]
    ldp     x21, x22, [sp, #32]
    ldp     x23, x24, [sp, #48]
    ldp     x25, x26, [sp, #64]
    ldp     x27, x28, [sp, #80]
    ldp     d8, d9, [sp, #96]
    ldp     d10, d11, [sp, #112]
    ldp     d12, d13, [sp, #128]
    ldp     d14, d15, [sp, #144]
    ldp     x29, x30, [sp], #176
    ret
    .size run_seq, . - run_seq

/* Vector table: synchronous exceptions from the sequence (EL1, SP_EL0) are recorded and
 * skipped; anything else is fatal. Handlers run on SP_EL1, which the harness keeps valid. */
    .balign 2048
vectors:
    b       sync_skip           /* EL1 SP0 sync */
    .balign 0x80
    b       fatal
    .balign 0x80
    b       fatal
    .balign 0x80
    b       fatal
    .balign 0x80
    b       sync_fatal          /* EL1 SPx sync: a harness bug */
    .balign 0x80
    b       fatal
    .balign 0x80
    b       fatal
    .balign 0x80
    b       fatal
    .balign 0x80
    b       fatal
    .balign 0x80
    b       fatal
    .balign 0x80
    b       fatal
    .balign 0x80
    b       fatal
    .balign 0x80
    b       fatal
    .balign 0x80
    b       fatal
    .balign 0x80
    b       fatal
    .balign 0x80
    b       fatal

sync_skip:
    stp     x0, x1, [sp, #-16]!
    ldr     x0, =exc_record
    ldr     x1, [x0]
    add     x1, x1, #1
    str     x1, [x0]
    mrs     x1, esr_el1
    str     x1, [x0, #8]
    mrs     x1, far_el1
    str     x1, [x0, #16]
    mrs     x1, elr_el1
    str     x1, [x0, #24]
    add     x1, x1, #4
    msr     elr_el1, x1
    ldp     x0, x1, [sp], #16
    eret

sync_fatal:
    mrs     x0, esr_el1
    mrs     x1, elr_el1
    mrs     x2, far_el1
    bl      harness_fault
fatal:
    ldr     x0, =0x84000008
    hvc     #0
    b       fatal
