/* Helpers shared by the differential test guests: deterministic input generator and
 * result printing. Every line a test prints must be a pure function of the inputs, so
 * the output of QEMU and of armach can be compared line by line. */
#ifndef ARMACH_TESTLIB_H
#define ARMACH_TESTLIB_H

#include "rt.h"

/* xorshift64*: deterministic, seeded per test group so groups are independent. */
static u64 rng_state;
static inline void rng_seed_str(const char *s)
{
	u64 h = 0xcbf29ce484222325ULL;	/* FNV-1a */
	while (*s)
		h = (h ^ (u8)*s++) * 0x100000001b3ULL;
	rng_state = h ? h : 1;
}
static inline u64 rng(void)
{
	u64 x = rng_state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * 0x2545F4914F6CDD1DULL;
}

static const u64 int_interesting[] = {
	0x0000000000000000ULL, 0x0000000000000001ULL, 0x0000000000000002ULL,
	0x000000000000007fULL, 0x0000000000000080ULL, 0x00000000000000ffULL,
	0x0000000000007fffULL, 0x0000000000008000ULL, 0x000000000000ffffULL,
	0x000000007fffffffULL, 0x0000000080000000ULL, 0x00000000ffffffffULL,
	0x0000000100000000ULL, 0x7fffffffffffffffULL, 0x8000000000000000ULL,
	0xffffffffffffffffULL, 0xfffffffffffffffeULL, 0x0123456789abcdefULL,
	0xfedcba9876543210ULL, 0x5555555555555555ULL, 0xaaaaaaaaaaaaaaaaULL,
	0x8000000080000000ULL, 0xffffffff00000000ULL, 0x00000000fffffffeULL,
	0xffffffff80000000ULL, 0x000000000000003fULL, 0x0000000000000040ULL,
	0x0000000000000020ULL, 0xdeadbeefcafef00dULL, 0x7fffffff7fffffffULL,
};
#define N_INT_INTERESTING (sizeof(int_interesting) / sizeof(int_interesting[0]))

/* Mostly interesting values, sometimes random, sometimes random small. */
static inline u64 gen_int(void)
{
	u64 r = rng();
	switch (r & 7) {
	case 0:
	case 1:
		return rng();
	case 2:
		return rng() & 0xff;
	case 3:
		return (u64)(s64)(s32)rng();
	default:
		return int_interesting[(r >> 8) % N_INT_INTERESTING];
	}
}

/* NZCV values used as flag inputs. */
static const u64 nzcv_vals[] = { 0x00000000, 0x20000000, 0x40000000, 0x60000000,
				 0x80000000, 0x90000000, 0x10000000, 0xf0000000 };

static inline u64 get_nzcv(void) { u64 v; __asm__ volatile("mrs %0, nzcv" : "=r"(v)); return v; }
static inline u64 get_fpsr(void) { u64 v; __asm__ volatile("mrs %0, fpsr" : "=r"(v)); return v; }
static inline u64 get_fpcr(void) { u64 v; __asm__ volatile("mrs %0, fpcr" : "=r"(v)); return v; }
static inline void set_fpsr(u64 v) { __asm__ volatile("msr fpsr, %0" :: "r"(v)); }
static inline void set_fpcr(u64 v) { __asm__ volatile("msr fpcr, %0" :: "r"(v)); }

static inline void section(const char *name) { printf("== %s\n", name); }

static inline void done(void) { puts_("DIFF-DONE\n"); }

#define X16 "%016lx"

#endif
