#!/usr/bin/env python3
"""Generates dp-vectors.txt: integer data-processing test vectors whose expected results come
from qemu-aarch64 (the reference), for DataProcessingVectorsTest.

Each case runs one instruction with x0..x3 and NZCV preset and records x0 and NZCV after it.
Destination is always x0/w0 (or XZR for flag-only forms); sources are x1, x2, x3.
Usage: python3 dp_vectors.py OUT.txt   (needs aarch64-linux-gnu-gcc and qemu-aarch64)
"""
import os, random, subprocess, sys, tempfile

rnd = random.Random(20261121)
EDGE = [0, 1, 2, 3, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000,
        0xffffffff, 0x100000000, 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff,
        0xfffffffffffffffe, 0x80000000ffffffff, 0xffffffff80000000, 0x00000000ffff0000,
        0x123456789abcdef0, 0xfedcba9876543210, 0x0000000100000001, 63, 64, 31, 32]

def val():
    k = rnd.random()
    if k < 0.45:
        return rnd.choice(EDGE)
    if k < 0.6:
        return (rnd.choice(EDGE) + rnd.choice([-1, 1])) & (2**64 - 1)
    if k < 0.8:
        return rnd.getrandbits(64)
    return rnd.getrandbits(rnd.choice([4, 8, 16, 32, 33]))

T = []  # (asm, number of input sets)
def add(s, n=8): T.append((s, n))

# ---- data processing immediate ----
for op in ['add', 'adds', 'sub', 'subs']:
    for r in ['x', 'w']:
        for imm in ['#0', '#1', '#4095', '#1, lsl #12', '#0xfff, lsl #12', '#0x123']:
            add(f'{op} {r}0, {r}1, {imm}', 6)
for r in ['x', 'w']:
    add(f'cmp {r}1, #5'); add(f'cmn {r}1, #1'); add(f'cmp {r}1, #0'); add(f'cmn {r}1, #0x1, lsl #12')
for op in ['and', 'orr', 'eor', 'ands']:
    for imm in ['0xff', '0x1', '0x5555555555555555', '0xfffffffffffffffe', '0x00ff00ff00ff00ff',
                '0x8000000000000000', '0x7fffffffffffffff', '0x0f0f0f0f0f0f0f0f', '0xffff0000ffff0000',
                '0x3ffffff000000000', '0x6666666666666666']:
        add(f'{op} x0, x1, #{imm}', 5)
    for imm in ['0xff', '0x1', '0x55555555', '0xfffffffe', '0x00ff00ff', '0x80000000', '0x7fffffff',
                '0xf0f0f0f0', '0x3ffc0', '0x66666666']:
        add(f'{op} w0, w1, #{imm}', 5)
add('tst x1, #0x8000000000000000'); add('tst w1, #0xff'); add('tst w1, #0x80000000')
for r, hws in [('x', [0, 16, 32, 48]), ('w', [0, 16])]:
    for hw in hws:
        for imm in ['0', '0x1234', '0xffff', '0x8000']:
            for op in ['movz', 'movn', 'movk']:
                add(f'{op} {r}0, #{imm}, lsl #{hw}', 3)
# bitfield: aliases and random raw forms
for a in ['lsl x0, x1, #1', 'lsl x0, x1, #63', 'lsr x0, x1, #1', 'lsr x0, x1, #63', 'asr x0, x1, #1', 'asr x0, x1, #63',
          'lsl w0, w1, #1', 'lsl w0, w1, #31', 'lsr w0, w1, #31', 'asr w0, w1, #31', 'asr w0, w1, #7',
          'sxtb x0, w1', 'sxth x0, w1', 'sxtw x0, w1', 'sxtb w0, w1', 'sxth w0, w1', 'uxtb w0, w1', 'uxth w0, w1',
          'ubfx x0, x1, #4, #8', 'ubfx x0, x1, #60, #4', 'sbfx x0, x1, #4, #8', 'sbfx x0, x1, #32, #32',
          'ubfiz x0, x1, #4, #8', 'sbfiz x0, x1, #60, #4', 'sbfiz w0, w1, #3, #5', 'ubfiz w0, w1, #31, #1',
          'bfi x0, x1, #8, #16', 'bfi w0, w1, #28, #4', 'bfxil x0, x1, #8, #16', 'bfxil w0, w1, #0, #32',
          'bfc x0, #4, #8', 'bfi x0, x1, #0, #64', 'ubfx w0, w1, #1, #31', 'sbfx w0, w1, #0, #1']:
    add(a, 5)
for _ in range(60):
    op = rnd.choice(['sbfm', 'bfm', 'ubfm'])
    if rnd.random() < 0.5:
        add(f'{op} x0, x1, #{rnd.randrange(64)}, #{rnd.randrange(64)}', 4)
    else:
        add(f'{op} w0, w1, #{rnd.randrange(32)}, #{rnd.randrange(32)}', 4)
for lsb in [0, 1, 17, 32, 63]:
    add(f'extr x0, x1, x2, #{lsb}', 4)
for lsb in [0, 1, 17, 31]:
    add(f'extr w0, w1, w2, #{lsb}', 4)
add('ror x0, x1, #13'); add('ror w0, w1, #13')

# ---- data processing register ----
for op in ['and', 'bic', 'orr', 'orn', 'eor', 'eon', 'ands', 'bics']:
    for r, amts in [('x', [1, 31, 63]), ('w', [1, 31])]:
        add(f'{op} {r}0, {r}1, {r}2', 5)
        for sh in ['lsl', 'lsr', 'asr', 'ror']:
            add(f'{op} {r}0, {r}1, {r}2, {sh} #{rnd.choice(amts)}', 3)
add('mov x0, x1'); add('mov w0, w1'); add('mvn x0, x1'); add('mvn w0, w1, lsr #3'); add('tst x1, x2, ror #7')
for op in ['add', 'adds', 'sub', 'subs']:
    for r, amts in [('x', [1, 32, 63]), ('w', [1, 16, 31])]:
        add(f'{op} {r}0, {r}1, {r}2', 8)
        for sh in ['lsl', 'lsr', 'asr']:
            add(f'{op} {r}0, {r}1, {r}2, {sh} #{rnd.choice(amts)}', 3)
add('neg x0, x1'); add('negs x0, x1'); add('negs w0, w1'); add('cmp x1, x2'); add('cmn w1, w2'); add('cmp w1, w2, lsl #3')
for op in ['add', 'adds', 'sub', 'subs']:
    for ext in ['uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb', 'sxth', 'sxtw', 'sxtx']:
        m = 'x2' if ext.endswith('x') else 'w2'
        add(f'{op} x0, x1, {m}, {ext} #{rnd.randrange(5)}', 3)
        add(f'{op} w0, w1, w2, {ext} #{rnd.randrange(5)}', 3)
for op in ['adc', 'adcs', 'sbc', 'sbcs']:
    add(f'{op} x0, x1, x2', 12); add(f'{op} w0, w1, w2', 12)
add('ngc x0, x1'); add('ngcs w0, w1')
for op in ['ccmp', 'ccmn']:
    for r in ['x', 'w']:
        for cond in ['eq', 'ne', 'cs', 'lo', 'mi', 'ge', 'lt', 'gt', 'le', 'hi', 'al', 'nv', 'vs', 'ls']:
            add(f'{op} {r}1, {r}2, #{rnd.randrange(16)}, {cond}', 3)
            add(f'{op} {r}1, #{rnd.randrange(32)}, #{rnd.randrange(16)}, {cond}', 3)
for op in ['csel', 'csinc', 'csinv', 'csneg']:
    for r in ['x', 'w']:
        for cond in ['eq', 'ne', 'hs', 'lt', 'gt', 'al', 'nv']:
            add(f'{op} {r}0, {r}1, {r}2, {cond}', 3)
for a in ['cset x0, eq', 'csetm x0, lt', 'cset w0, hi', 'csetm w0, ne', 'cinc x0, x1, mi', 'cneg w0, w1, ge', 'cinv x0, x1, vs']:
    add(a, 6)
for op in ['rbit', 'rev16', 'rev', 'clz', 'cls']:
    add(f'{op} x0, x1', 10); add(f'{op} w0, w1', 10)
add('rev32 x0, x1', 10)
for op in ['udiv', 'sdiv', 'lslv', 'lsrv', 'asrv', 'rorv']:
    add(f'{op} x0, x1, x2', 14); add(f'{op} w0, w1, w2', 14)
for op in ['crc32b', 'crc32h', 'crc32w', 'crc32cb', 'crc32ch', 'crc32cw']:
    add(f'{op} w0, w1, w2', 6)
add('crc32x w0, w1, x2', 6); add('crc32cx w0, w1, x2', 6)
for op in ['madd', 'msub']:
    add(f'{op} x0, x1, x2, x3', 8); add(f'{op} w0, w1, w2, w3', 8)
add('mul x0, x1, x2', 8); add('mul w0, w1, w2', 8); add('mneg x0, x1, x2', 4)
for op in ['smaddl', 'smsubl', 'umaddl', 'umsubl']:
    add(f'{op} x0, w1, w2, x3', 8)
add('smull x0, w1, w2', 6); add('umull x0, w1, w2', 6)
add('smulh x0, x1, x2', 14); add('umulh x0, x1, x2', 14)
for imm in [0, 1, 4, 63]:
    for mask in [0, 1, 8, 15, 6]:
        add(f'rmif x1, #{imm}, #{mask}', 3)
add('setf8 w1', 10); add('setf16 w1', 10)

def main(out):
    cases = []
    asm = ['.arch armv8.4-a+crc', '.text', '.global run_cases', 'run_cases:', 'mov x19, x0']
    for k, (insn, n) in enumerate(T):
        for _ in range(n):
            regs = [val() for _ in range(4)]
            nzcv = rnd.randrange(16)
            cases.append((insn, regs, nzcv))
            idx = len(cases)
            asm += [f'ldr x{r}, ={regs[r]:#x}' for r in range(4)]
            asm += [f'mov x4, #{nzcv << 28:#x}', 'msr nzcv, x4', f'L{idx}: {insn}', 'mrs x4, nzcv',
                    f'ldr w5, L{idx}', 'str x5, [x19], #8', 'str x0, [x19], #8', 'str x4, [x19], #8']
            if idx % 40 == 0:
                asm += ['b 1f', '.ltorg', '1:']
    asm += ['ret', '.ltorg']
    c = f'''#include <stdio.h>
#include <stdint.h>
void run_cases(uint64_t *);
static uint64_t buf[{3 * len(cases)}];
int main(void) {{ run_cases(buf); for (int i = 0; i < {len(cases)}; i++)
  printf("%08llx %016llx %llx\\n", (unsigned long long)buf[3*i], (unsigned long long)buf[3*i+1], (unsigned long long)(buf[3*i+2] >> 28));
  return 0; }}
'''
    with tempfile.TemporaryDirectory() as d:
        open(os.path.join(d, 'c.s'), 'w').write('\n'.join(asm) + '\n')
        open(os.path.join(d, 'm.c'), 'w').write(c)
        subprocess.check_call(['aarch64-linux-gnu-gcc', '-static', '-O1', '-march=armv8.4-a+crc', '-o', os.path.join(d, 't'),
                               os.path.join(d, 'm.c'), os.path.join(d, 'c.s')])
        res = subprocess.check_output(['qemu-aarch64', '-cpu', 'max', os.path.join(d, 't')], text=True).split('\n')
    with open(out, 'w') as f:
        f.write('# generated by src/test/tools/dp_vectors.py from qemu-aarch64 -cpu max\n')
        f.write('# word x0 x1 x2 x3 nzcv -> x0 nzcv ; asm\n')
        for (insn, regs, nzcv), line in zip(cases, res):
            word, x0, fl = line.split()
            f.write(f'{word} {" ".join("%x" % r for r in regs)} {nzcv:x} {x0} {fl} ; {insn}\n')
    print(len(cases), 'cases')

main(sys.argv[1])
