/* Shared by simd.c and simd2.c. */
#ifndef ARMACH_SIMD_H
#define ARMACH_SIMD_H
#include "testlib.h"

typedef struct { u64 lo, hi; } __attribute__((aligned(16))) v128;

/* Inputs a, b, c are loaded into v16, v17, v18; v19 starts equal to c and is the result.
 * FPSR is cleared before the body and returned; FPCR is set to cr for the body. */
typedef void (*vfn)(const v128 *a, const v128 *b, const v128 *c, v128 *r, u64 cr, u64 *sr);
#define DEFV(id, body)                                                                       \
	static void id(const v128 *a, const v128 *b, const v128 *c, v128 *r, u64 cr, u64 *sr) \
	{                                                                                    \
		u64 s;                                                                       \
		__asm__ volatile("ldr q16, [%[a]]\n\tldr q17, [%[b]]\n\tldr q18, [%[c]]\n\t" \
				 "mov v19.16b, v18.16b\n\tmsr fpcr, %[cr]\n\tmsr fpsr, xzr\n\t" \
				 body "\n\tmrs %[s], fpsr\n\tmsr fpcr, xzr\n\tstr q19, [%[r]]" \
				 : [s] "=&r"(s)                                               \
				 : [a] "r"(a), [b] "r"(b), [c] "r"(c), [r] "r"(r), [cr] "r"(cr) \
				 : "memory", "x10", "x11", "v16", "v17", "v18", "v19", "v20",  \
				   "v21", "v1", "cc");                                              \
		*sr = s;                                                                     \
	}

/* lane kinds for the input generator */
enum { E8, E16, E32, E64, F32, F64, F16 };
struct vop { const char *name; vfn fn; u8 kind; u8 nin; u8 fp; };
#define V(id, kind, nin) { #id, id, kind, nin, 0 }
#define VF(id, kind, nin) { #id, id, kind, nin, 1 }

void run_vops(const struct vop *ops, unsigned n);
void simd_ldst(void);
void simd_fp(void);
#endif
