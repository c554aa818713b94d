  .global _start
_start:
  ldr x19, [sp]
  add x20, sp, #8
  mov x21, #0
1: cmp x21, x19
  b.ge 2f
  ldr x0, [x20, x21, lsl #3]
  mov w8, #-30
  svc #0
  adr x0, nl
  mov w8, #-30
  svc #0
  add x21, x21, #1
  b 1b
2: wfi
  b 2b
nl: .asciz "|"
