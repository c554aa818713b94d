#!/usr/bin/env python3
"""Generates AdvSIMD integer test vectors with QEMU as the oracle.

Writes /tmp/simd-oracle.c (one inline-asm stub per instruction, always d=v0, n=v1, m=v2), builds it
with aarch64-linux-gnu-gcc -static -O2, runs it under qemu-aarch64 and writes vectors.txt:

    # <asm text>
    <word> <d_in> <n_in> <m_in> <d_out> <qc>

128-bit values are 32 hex digits, most significant first. The stub reads back its own
instruction word, so the Java test runs exactly what the assembler produced.

Usage: python3 gen.py   (from this directory)
"""
import os
import subprocess

ALL = ['8b', '16b', '4h', '8h', '2s', '4s', '2d']
NOD = ['8b', '16b', '4h', '8h', '2s', '4s']
HS = ['4h', '8h', '2s', '4s']
ESZ = {'b': 8, 'h': 16, 's': 32, 'd': 64}

insns = []   # (asm, shift_mode)


def add(asm, shift=False):
    insns.append((asm, shift))


def three(names, arrs, shift=False):
    for n in names.split():
        for a in arrs:
            add(f'{n} v0.{a}, v1.{a}, v2.{a}', shift)


# ---- three same
three('shadd uhadd srhadd urhadd shsub uhsub smax umax smin umin sabd uabd saba uaba '
      'mla mls mul smaxp umaxp sminp uminp', NOD)
three('sqadd uqadd sqsub uqsub cmgt cmhi cmge cmhs add sub cmtst cmeq addp', ALL)
three('sshl ushl sqshl uqshl srshl urshl sqrshl uqrshl', ALL, shift=True)
three('sqdmulh sqrdmulh', HS)
three('pmul and orr eor bic orn bsl bit bif', ['8b', '16b'])
# ---- scalar three same
for n in 'sqadd uqadd sqsub uqsub'.split():
    for r in 'bhsd':
        add(f'{n} {r}0, {r}1, {r}2')
for n in 'sqshl uqshl sqrshl uqrshl'.split():
    for r in 'bhsd':
        add(f'{n} {r}0, {r}1, {r}2', True)
for n in 'cmgt cmhi cmge cmhs add sub cmtst cmeq'.split():
    add(f'{n} d0, d1, d2')
for n in 'sshl ushl srshl urshl'.split():
    add(f'{n} d0, d1, d2', True)
for n in 'sqdmulh sqrdmulh'.split():
    for r in 'hs':
        add(f'{n} {r}0, {r}1, {r}2')
add('addp d0, v1.2d')

# ---- three different
LONG = [('8h', '8b', '8b', ''), ('4s', '4h', '4h', ''), ('2d', '2s', '2s', ''),
        ('8h', '16b', '16b', '2'), ('4s', '8h', '8h', '2'), ('2d', '4s', '4s', '2')]
for n in ('saddl uaddl ssubl usubl sabal uabal sabdl uabdl smlal umlal smlsl umlsl '
          'smull umull').split():
    for d, a, b, two in LONG:
        add(f'{n}{two} v0.{d}, v1.{a}, v2.{b}')
for n in 'saddw uaddw ssubw usubw'.split():
    for d, a, b, two in LONG:
        add(f'{n}{two} v0.{d}, v1.{d}, v2.{b}')
for n in 'addhn raddhn subhn rsubhn'.split():
    for d, a, b, two in LONG:
        add(f'{n}{two} v0.{a}, v1.{d}, v2.{d}')
for n in 'sqdmlal sqdmlsl sqdmull'.split():
    for d, a, b, two in LONG:
        if a not in ('8b', '16b'):
            add(f'{n}{two} v0.{d}, v1.{a}, v2.{b}')
    add(f'{n} s0, h1, h2')
    add(f'{n} d0, s1, s2')
add('pmull v0.8h, v1.8b, v2.8b')
add('pmull2 v0.8h, v1.16b, v2.16b')

# ---- two-register misc
for a in NOD:
    add(f'rev64 v0.{a}, v1.{a}')
for a in ['8b', '16b', '4h', '8h']:
    add(f'rev32 v0.{a}, v1.{a}')
for a in ['8b', '16b']:
    for n in 'rev16 cnt not rbit'.split():
        add(f'{n} v0.{a}, v1.{a}')
for n in 'saddlp uaddlp sadalp uadalp'.split():
    for d, s in [('4h', '8b'), ('8h', '16b'), ('2s', '4h'), ('4s', '8h'), ('1d', '2s'), ('2d', '4s')]:
        add(f'{n} v0.{d}, v1.{s}')
for n in 'suqadd usqadd sqabs sqneg abs neg'.split():
    for a in ALL:
        add(f'{n} v0.{a}, v1.{a}')
    for r in ('bhsd' if n not in ('abs', 'neg') else 'd'):
        add(f'{n} {r}0, {r}1')
for n in 'cmgt cmge cmeq cmle cmlt'.split():
    for a in ALL:
        add(f'{n} v0.{a}, v1.{a}, #0')
    add(f'{n} d0, d1, #0')
for n in 'cls clz'.split():
    for a in NOD:
        add(f'{n} v0.{a}, v1.{a}')
NARROW = [('8b', '8h', ''), ('4h', '4s', ''), ('2s', '2d', ''),
          ('16b', '8h', '2'), ('8h', '4s', '2'), ('4s', '2d', '2')]
for n in 'xtn sqxtn uqxtn sqxtun'.split():
    for d, s, two in NARROW:
        add(f'{n}{two} v0.{d}, v1.{s}')
    if n != 'xtn':
        for d, s in [('b', 'h'), ('h', 's'), ('s', 'd')]:
            add(f'{n} {d}0, {s}1')
for d, s, two in [('8h', '8b', ''), ('4s', '4h', ''), ('2d', '2s', ''),
                  ('8h', '16b', '2'), ('4s', '8h', '2'), ('2d', '4s', '2')]:
    add(f'shll{two} v0.{d}, v1.{s}, #{ESZ[s[-1]]}')

# ---- shift by immediate
def esz(a):
    return ESZ[a[-1]]


RSH = [('16b', 1), ('8b', 8), ('16b', 5), ('4h', 16), ('8h', 3), ('2s', 31), ('4s', 32), ('4s', 7),
       ('2d', 64), ('2d', 1), ('2d', 33)]
LSH = [('16b', 0), ('8b', 7), ('16b', 3), ('4h', 15), ('8h', 1), ('2s', 31), ('4s', 9), ('2d', 63),
       ('2d', 0), ('2d', 17)]
for n in 'sshr ushr ssra usra srshr urshr srsra ursra sri'.split():
    for a, s in RSH:
        add(f'{n} v0.{a}, v1.{a}, #{s}')
    for s in (1, 17, 63, 64):
        add(f'{n} d0, d1, #{s}')
for n in 'shl sli sqshl uqshl sqshlu'.split():
    for a, s in LSH:
        add(f'{n} v0.{a}, v1.{a}, #{s}')
    for s in (0, 5, 63):
        add(f'{n} d0, d1, #{s}')
    if n.startswith('sq') or n.startswith('uq'):
        for r, s in (('b', 0), ('b', 3), ('h', 9), ('s', 30)):
            add(f'{n} {r}0, {r}1, #{s}')
NSH = [('8b', '8h', '', 1), ('8b', '8h', '', 8), ('4h', '4s', '', 5), ('4h', '4s', '', 16),
       ('2s', '2d', '', 1), ('2s', '2d', '', 32), ('16b', '8h', '2', 3), ('8h', '4s', '2', 11),
       ('4s', '2d', '2', 20)]
for n in 'shrn rshrn sqshrn uqshrn sqrshrn uqrshrn sqshrun sqrshrun'.split():
    for d, s, two, sh in NSH:
        add(f'{n}{two} v0.{d}, v1.{s}, #{sh}')
    if n not in ('shrn', 'rshrn'):
        for d, s, sh in (('b', 'h', 1), ('b', 'h', 8), ('h', 's', 3), ('s', 'd', 32), ('s', 'd', 1)):
            add(f'{n} {d}0, {s}1, #{sh}')
for n in 'sshll ushll'.split():
    for d, s, two, sh in [('8h', '8b', '', 0), ('8h', '8b', '', 7), ('4s', '4h', '', 15),
                          ('2d', '2s', '', 31), ('8h', '16b', '2', 3), ('4s', '8h', '2', 0),
                          ('2d', '4s', '2', 20)]:
        add(f'{n}{two} v0.{d}, v1.{s}, #{sh}')

# ---- by element
for n in 'mul mla mls sqdmulh sqrdmulh'.split():
    for a, idx in [('4h', 3), ('8h', 7), ('2s', 1), ('4s', 2)]:
        add(f'{n} v0.{a}, v1.{a}, v2.{a[-1]}[{idx}]')
for n in 'smull umull smlal umlal smlsl umlsl sqdmull sqdmlal sqdmlsl'.split():
    for d, s, two, idx in [('4s', '4h', '', 5), ('2d', '2s', '', 3), ('4s', '8h', '2', 2),
                           ('2d', '4s', '2', 0)]:
        add(f'{n}{two} v0.{d}, v1.{s}, v2.{s[-1]}[{idx}]')
for n in 'sqdmulh sqrdmulh'.split():
    add(f'{n} h0, h1, v2.h[6]')
    add(f'{n} s0, s1, v2.s[1]')
for n in 'sqdmull sqdmlal sqdmlsl'.split():
    add(f'{n} s0, h1, v2.h[4]')
    add(f'{n} d0, s1, v2.s[3]')

INPUTS = 4

C_HEAD = r'''
#include <stdio.h>
#include <stdint.h>
typedef void (*fn)(uint64_t *d, const uint64_t *n, const uint64_t *m, uint64_t *fpsr, uint64_t *addr);
static uint64_t s = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void) { s ^= s << 13; s ^= s >> 7; s ^= s << 17; return s; }
/* One 64-bit half built from lanes of a random size holding edge-case values. */
static uint64_t special(void) {
    int es = 8 << (rnd() % 4);
    uint64_t r = 0, m = es == 64 ? ~0ull : (1ull << es) - 1;
    for (int sh = 0; sh < 64; sh += es) {
        uint64_t v;
        switch (rnd() % 11) {
            case 0: v = 0; break;
            case 1: v = 1; break;
            case 2: v = ~0ull; break;
            case 3: v = m >> 1; break;            /* signed max */
            case 4: v = (m >> 1) + 1; break;      /* signed min */
            case 5: v = (m >> 1) - 1; break;
            case 6: v = (m >> 1) + 2; break;
            case 7: v = rnd() % 16; break;
            case 8: v = -(rnd() % 16); break;
            case 9: v = ~0ull - 1; break;
            default: v = rnd(); break;
        }
        r |= (v & m) << sh;
    }
    return r;
}
/* Every byte a small signed shift count (register shifts use the low byte of a lane). */
static uint64_t shifts(void) {
    uint64_t r = 0;
    for (int b = 0; b < 8; b++) {
        int v = (int)(rnd() % 141) - 70;
        if (rnd() % 16 == 0) v = (rnd() & 1) ? 127 : -128;
        r |= (uint64_t)(uint8_t)v << (8 * b);
    }
    return r;
}
static uint64_t half(int k) { return (k % 5 == 3) ? rnd() : special(); }
'''


def stub(k, asm):
    return f'''static void t{k}(uint64_t *d, const uint64_t *n, const uint64_t *m, uint64_t *fpsr, uint64_t *addr) {{
    uint64_t f, a;
    __asm__ volatile(
        "ldr q0, [%[d]]\\n ldr q1, [%[n]]\\n ldr q2, [%[m]]\\n msr fpsr, xzr\\n"
        "1: {asm}\\n"
        "str q0, [%[d]]\\n mrs %[f], fpsr\\n adr %[a], 1b\\n"
        : [f] "=&r"(f), [a] "=&r"(a) : [d] "r"(d), [n] "r"(n), [m] "r"(m) : "v0", "v1", "v2", "memory");
    *fpsr = f; *addr = a;
}}
'''


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    src = [C_HEAD]
    for k, (asm, _) in enumerate(insns):
        src.append(stub(k, asm))
    src.append('static const fn fns[] = {' + ', '.join(f't{k}' for k in range(len(insns))) + '};\n')
    src.append('static const char *names[] = {' + ', '.join(f'"{a}"' for a, _ in insns) + '};\n')
    src.append('static const int shiftm[] = {' + ', '.join('1' if s else '0' for _, s in insns) + '};\n')
    src.append(f'''
int main(void) {{
    for (int k = 0; k < {len(insns)}; k++) {{
        printf("# %s\\n", names[k]);
        for (int j = 0; j < {INPUTS}; j++) {{
            uint64_t d[2], n[2], m[2], in[2], f, a;
            d[0] = half(j); d[1] = half(j); n[0] = half(j); n[1] = half(j);
            if (shiftm[k]) {{ m[0] = shifts(); m[1] = shifts(); }} else {{ m[0] = half(j); m[1] = half(j); }}
            in[0] = d[0]; in[1] = d[1];
            fns[k](d, n, m, &f, &a);
            printf("%08x %016llx%016llx %016llx%016llx %016llx%016llx %016llx%016llx %d\\n",
                   *(const uint32_t *)a, (unsigned long long)in[1], (unsigned long long)in[0],
                   (unsigned long long)n[1], (unsigned long long)n[0], (unsigned long long)m[1],
                   (unsigned long long)m[0], (unsigned long long)d[1], (unsigned long long)d[0],
                   (int)((f >> 27) & 1));
        }}
    }}
    return 0;
}}
''')
    c_path = '/tmp/simd-oracle.c'
    with open(c_path, 'w') as fh:
        fh.write(''.join(src))
    exe = '/tmp/simd-oracle'
    subprocess.run(['aarch64-linux-gnu-gcc', '-static', '-O2', '-o', exe, c_path], check=True)
    out = subprocess.run(['qemu-aarch64', exe], check=True, capture_output=True, text=True).stdout
    with open(os.path.join(here, 'vectors.txt'), 'w') as fh:
        fh.write(out)
    print(f'{len(insns)} instructions, {INPUTS} inputs each')


if __name__ == '__main__':
    main()
