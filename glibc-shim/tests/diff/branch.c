/* Differential test: branches — B.cond over all conditions and NZCV values, CBZ/CBNZ,
 * TBZ/TBNZ at several bit positions, BL/BLR/BR/RET and link values, ADR/ADRP,
 * a jump table, compiled control flow (switch, recursion, indirect calls), and the PC
 * alignment fault. */
#include "testlib.h"

void asm_links(u64 out[8]);
u64 asm_jumptable(u64 i);
u64 asm_pc_misalign(u64 off, volatile u64 *resume);
u64 asm_loop(u64 n);

#define CONDS(X) X(eq) X(ne) X(cs) X(cc) X(mi) X(pl) X(vs) X(vc) X(hi) X(ls) X(ge) X(lt) \
	X(gt) X(le) X(al) X(nv)
#define BCOND_FN(cc)                                                                          \
	static u64 bcond_##cc(u64 f)                                                          \
	{                                                                                     \
		u64 r;                                                                        \
		__asm__ volatile("msr nzcv, %1\n\tmov %0, #0\n\tb." #cc " 1f\n\tb 2f\n"       \
				 "1:\tmov %0, #1\n2:" : "=&r"(r) : "r"(f));                   \
		return r;                                                                     \
	}
CONDS(BCOND_FN)

#define TB_FN(bit)                                                                            \
	static u64 tb_##bit(u64 v)                                                            \
	{                                                                                     \
		u64 r = 0;                                                                    \
		__asm__ volatile("tbz %x1, #" #bit ", 1f\n\torr %0, %0, #1\n1:\t"             \
				 "tbnz %x1, #" #bit ", 2f\n\torr %0, %0, #2\n2:"              \
				 : "+r"(r) : "r"(v));                                         \
		return r;                                                                     \
	}
#define TBW_FN(bit)                                                                           \
	static u64 tbw_##bit(u64 v)                                                           \
	{                                                                                     \
		u64 r = 0;                                                                    \
		__asm__ volatile("tbz %w1, #" #bit ", 1f\n\torr %0, %0, #1\n1:" : "+r"(r)     \
				 : "r"(v));                                                   \
		return r;                                                                     \
	}
TB_FN(0) TB_FN(1) TB_FN(7) TB_FN(31) TB_FN(32) TB_FN(47) TB_FN(63)
TBW_FN(0) TBW_FN(15) TBW_FN(31)

static u64 cb(u64 v)
{
	u64 r = 0;
	__asm__ volatile("cbz %x1, 1f\n\torr %0, %0, #1\n1:\t"
			 "cbnz %x1, 2f\n\torr %0, %0, #2\n2:\t"
			 "cbz %w1, 3f\n\torr %0, %0, #4\n3:\t"
			 "cbnz %w1, 4f\n\torr %0, %0, #8\n4:"
			 : "+r"(r) : "r"(v));
	return r;
}

/* compiled control flow */
static __attribute__((noinline)) u64 fib(u64 n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static __attribute__((noinline)) u64 sw(u64 x)
{
	switch (x % 13) {
	case 0: return x * 3;
	case 1: return x ^ 0x55;
	case 2: return x + 7;
	case 3: return x >> 2;
	case 4: return ~x;
	case 5: return x * x;
	case 6: return x - 100;
	case 7: return x | 0xf00;
	case 8: return x & 0xff;
	case 9: return x << 3;
	case 10: return 42;
	default: return x;
	}
}

typedef u64 (*fn_t)(u64);
static __attribute__((noinline)) u64 f_a(u64 x) { return x + 1; }
static __attribute__((noinline)) u64 f_b(u64 x) { return x * 2; }
static __attribute__((noinline)) u64 f_c(u64 x) { return fib(x & 15); }
static fn_t volatile fns[] = { f_a, f_b, f_c, sw };

int main(void)
{
	section("b.cond: cond -> taken mask over nzcv 0..15");
#define BC_RUN(cc)                                                                            \
	{                                                                                     \
		u64 m = 0;                                                                    \
		for (u64 i = 0; i < 16; i++)                                                  \
			m |= bcond_##cc(i << 28) << i;                                        \
		printf("b.%s %04lx\n", #cc, m);                                               \
	}
	CONDS(BC_RUN)

	section("cbz/cbnz x,w and tbz/tbnz: value -> masks");
	for (unsigned k = 0; k < N_INT_INTERESTING; k++) {
		u64 v = int_interesting[k];
		printf("v=" X16 " cb=%lx tb0=%lx tb1=%lx tb7=%lx tb31=%lx tb32=%lx tb47=%lx tb63=%lx"
		       " tbw0=%lx tbw15=%lx tbw31=%lx\n", v, cb(v), tb_0(v), tb_1(v), tb_7(v),
		       tb_31(v), tb_32(v), tb_47(v), tb_63(v), tbw_0(v), tbw_15(v), tbw_31(v));
	}

	section("links, adr, adrp (relative)");
	u64 out[8];
	asm_links(out);
	for (int i = 0; i < 8; i++)
		printf("links[%d]=%lx\n", i, out[i]);

	section("jump table, loops, compiled control flow");
	for (u64 i = 0; i < 8; i++)
		printf("jt(%lu)=%lx\n", i, asm_jumptable(i));
	for (u64 n = 1; n < 40; n += 7)
		printf("loop(%lu)=%lu\n", n, asm_loop(n));
	printf("fib(20)=%lu\n", fib(20));
	u64 acc = 0;
	for (u64 i = 0; i < 200; i++) {
		acc = acc * 31 + fns[i & 3](i + (acc & 0xff));
		acc += sw(acc) ^ i;
	}
	printf("indirect acc=" X16 "\n", acc);

	section("PC alignment fault: off -> count ec esr elr-rel target-rel");
	exc_mode = EXC_RECORD;
	for (u64 off = 0; off < 8; off++) {
		exc_last.count = 0;
		exc_last.esr = exc_last.elr = exc_last.far = 0;
		u64 t = asm_pc_misalign(off, &exc_resume);
		exc_resume = 0;
		printf("off %lu -> %lu %02x %08lx %lx %lx %lx\n", off, exc_last.count,
		       esr_ec(exc_last.esr), exc_last.esr, exc_last.elr ? exc_last.elr -
		       (u64)asm_pc_misalign : 0, exc_last.far ? exc_last.far - (u64)asm_pc_misalign : 0, t);
	}
	exc_mode = EXC_FATAL;
	done();
	return 0;
}
