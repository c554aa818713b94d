/*
 * Bare-metal entry and EL1 vector table for the GIC/timer guests (QEMU virt and armach).
 * Loaded at 0x40080000, entered at EL1 with interrupts masked and the MMU off.
 * Every IRQ/FIQ entry first issues PSCI_VERSION through HVC as a time marker: the armach
 * test's firmware records the virtual time of that HVC, which is the exception entry time
 * plus 2 instructions (on QEMU it is an ordinary PSCI call).
 */
    .section .text.boot, "ax"
    .global _start
_start:
    ldr     x0, =stack_top
    mov     sp, x0
    adr     x0, vectors
    msr     vbar_el1, x0
    isb
    bl      main
    mov     x0, #0x84000000
    movk    x0, #8                  /* PSCI SYSTEM_OFF */
    hvc     #0
1:  wfi
    b       1b

.macro ENTRY kind
    .balign 0x80
    stp     x0, x1, [sp, #-16]!
    mov     x0, #0x84000000         /* PSCI_VERSION: time marker */
    hvc     #0
    mov     x1, #\kind
    b       common
.endm

    .balign 2048
vectors:
    ENTRY 0     /* current EL, SP0: sync */
    ENTRY 4     /* IRQ */
    ENTRY 4     /* FIQ */
    ENTRY 4     /* SError */
    ENTRY 0     /* current EL, SPx: sync */
    ENTRY 1     /* IRQ */
    ENTRY 2     /* FIQ */
    ENTRY 3     /* SError */
    ENTRY 4     /* lower EL */
    ENTRY 4
    ENTRY 4
    ENTRY 4
    ENTRY 4
    ENTRY 4
    ENTRY 4
    ENTRY 4

common:
    sub     sp, sp, #160
    stp     x2, x3, [sp, #0]
    stp     x4, x5, [sp, #16]
    stp     x6, x7, [sp, #32]
    stp     x8, x9, [sp, #48]
    stp     x10, x11, [sp, #64]
    stp     x12, x13, [sp, #80]
    stp     x14, x15, [sp, #96]
    stp     x16, x17, [sp, #112]
    stp     x18, x29, [sp, #128]
    str     x30, [sp, #144]
    mov     x0, x1
    bl      exception
    ldp     x2, x3, [sp, #0]
    ldp     x4, x5, [sp, #16]
    ldp     x6, x7, [sp, #32]
    ldp     x8, x9, [sp, #48]
    ldp     x10, x11, [sp, #64]
    ldp     x12, x13, [sp, #80]
    ldp     x14, x15, [sp, #96]
    ldp     x16, x17, [sp, #112]
    ldp     x18, x29, [sp, #128]
    ldr     x30, [sp, #144]
    add     sp, sp, #160
    ldp     x0, x1, [sp], #16
    eret
    .ltorg

    .bss
    .balign 16
    .space  0x8000
stack_top:
