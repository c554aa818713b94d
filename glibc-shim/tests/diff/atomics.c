/* Differential test: exclusives (LDXR/STXR family, pairs, acquire/release, CLREX),
 * load-acquire/store-release (LDAR/STLR/LDAPR), LSE atomics (LDADD..LDUMIN, SWP, CAS, CASP,
 * ST* aliases) in every size, and exclusive alignment faults. Needs -cpu max (LSE, RCpc).
 * The suite runs twice: MMU off (Device memory) and MMU on (Normal memory). */
#include "testlib.h"

static u64 mem[4] __attribute__((aligned(64)));

/* ---------- LSE read-modify-write: old = op(mem, s) ---------- */
typedef void (*at_fn)(u64 *m, u64 s, u64 c, u64 *old, u64 *st);
#define AT(id, insn)                                                                         \
	static void id(u64 *m, u64 s, u64 c, u64 *old, u64 *st)                              \
	{                                                                                    \
		u64 o = 0x5a5a5a5a5a5a5a5aULL, t = 0x77;                                     \
		__asm__ volatile(insn : [o] "+&r"(o), [t] "+&r"(t)                          \
				 : [s] "r"(s), [c] "r"(c), [m] "r"(m)                        \
				 : "memory", "x4", "x5", "x6", "x7");                        \
		*old = o; *st = t;                                                           \
	}

#define LSE_SIZES(op)                                                                        \
	AT(op##b, #op "b %w[s], %w[o], [%[m]]")                                              \
	AT(op##h, #op "h %w[s], %w[o], [%[m]]")                                              \
	AT(op##_w, #op " %w[s], %w[o], [%[m]]")                                              \
	AT(op##_x, #op " %x[s], %x[o], [%[m]]")
#define LSE_ORD(op)                                                                          \
	AT(op##al_x, #op "al %x[s], %x[o], [%[m]]")                                          \
	AT(op##a_w, #op "a %w[s], %w[o], [%[m]]")                                            \
	AT(op##lb, #op "lb %w[s], %w[o], [%[m]]")                                            \
	AT(op##alh, #op "alh %w[s], %w[o], [%[m]]")

#define LSE_OPS(X) X(ldadd) X(ldclr) X(ldeor) X(ldset) X(ldsmax) X(ldsmin) X(ldumax) \
	X(ldumin) X(swp)
LSE_OPS(LSE_SIZES)
LSE_OPS(LSE_ORD)

AT(stadd_x, "stadd %x[s], [%[m]]")
AT(stclrlb, "stclrlb %w[s], [%[m]]")
AT(steorh, "steorh %w[s], [%[m]]")
AT(stset_w, "stset %w[s], [%[m]]")
AT(stsmaxl_x, "stsmaxl %x[s], [%[m]]")
AT(stsminb, "stsminb %w[s], [%[m]]")
AT(stumax_w, "stumax %w[s], [%[m]]")
AT(stuminlh, "stuminlh %w[s], [%[m]]")
AT(ldadd_rt_zr, "ldadd %x[s], xzr, [%[m]]")

/* CAS: o = compare value in, old value out */
AT(casb, "mov %x[o], %x[c]\n\tcasb %w[o], %w[s], [%[m]]")
AT(cash, "mov %x[o], %x[c]\n\tcash %w[o], %w[s], [%[m]]")
AT(cas_w, "mov %x[o], %x[c]\n\tcas %w[o], %w[s], [%[m]]")
AT(cas_x, "mov %x[o], %x[c]\n\tcas %x[o], %x[s], [%[m]]")
AT(casal_x, "mov %x[o], %x[c]\n\tcasal %x[o], %x[s], [%[m]]")
AT(casa_w, "mov %x[o], %x[c]\n\tcasa %w[o], %w[s], [%[m]]")
AT(caslb, "mov %x[o], %x[c]\n\tcaslb %w[o], %w[s], [%[m]]")
AT(casalh, "mov %x[o], %x[c]\n\tcasalh %w[o], %w[s], [%[m]]")
/* CASP: compare pair (c, ~c) in x4,x5, new pair (s, s+1) in x6,x7; t gets the high old */
AT(casp_x, "mov x4, %x[c]\n\tmvn x5, %x[c]\n\tmov x6, %x[s]\n\tadd x7, %x[s], #1\n\t"
	   "casp x4, x5, x6, x7, [%[m]]\n\tmov %x[o], x4\n\tmov %x[t], x5")
AT(caspal_w, "mov x4, %x[c]\n\tlsr x5, %x[c], #32\n\tmov x6, %x[s]\n\tlsr x7, %x[s], #32\n\t"
	     "caspal w4, w5, w6, w7, [%[m]]\n\tmov %x[o], x4\n\tmov %x[t], x5")

/* ---------- exclusives: t = status ---------- */
AT(ldxr_stxr_x, "ldxr %x[o], [%[m]]\n\tstxr %w[t], %x[s], [%[m]]")
AT(ldxr_stxr_w, "ldxr %w[o], [%[m]]\n\tstxr %w[t], %w[s], [%[m]]")
AT(ldxrb_stxrb, "ldxrb %w[o], [%[m]]\n\tstxrb %w[t], %w[s], [%[m]]")
AT(ldxrh_stxrh, "ldxrh %w[o], [%[m]]\n\tstxrh %w[t], %w[s], [%[m]]")
AT(ldaxr_stlxr_x, "ldaxr %x[o], [%[m]]\n\tstlxr %w[t], %x[s], [%[m]]")
AT(ldaxrb_stlxrb, "ldaxrb %w[o], [%[m]]\n\tstlxrb %w[t], %w[s], [%[m]]")
AT(ldaxrh_stlxrh, "ldaxrh %w[o], [%[m]]\n\tstlxrh %w[t], %w[s], [%[m]]")
AT(ldxr_clrex_stxr, "ldxr %x[o], [%[m]]\n\tclrex\n\tstxr %w[t], %x[s], [%[m]]")
AT(stxr_no_ldxr, "clrex\n\tstxr %w[t], %x[s], [%[m]]\n\tldr %x[o], [%[m]]")
AT(ldxr_stxr_twice, "ldxr %x[o], [%[m]]\n\tstxr %w[t], %x[s], [%[m]]\n\t"
		    "stxr %w[t], %x[c], [%[m]]")
AT(ldxr_stxr_sameval, "ldxr %x[o], [%[m]]\n\tstxr %w[t], %x[o], [%[m]]")
AT(ldxp_stxp_x, "ldxp %x[o], x5, [%[m]]\n\tstxp %w[t], %x[s], %x[c], [%[m]]\n\t"
		"add %x[o], %x[o], x5")
AT(ldxp_stxp_w, "ldxp w4, w5, [%[m]]\n\tstxp %w[t], %w[s], %w[c], [%[m]]\n\t"
		"add %x[o], x4, x5, lsl #32")
AT(ldaxp_stlxp_x, "ldaxp x4, x5, [%[m]]\n\tstlxp %w[t], %x[c], %x[s], [%[m]]\n\t"
		  "eor %x[o], x4, x5")
AT(ldar_x, "ldar %x[o], [%[m]]")
AT(ldarb, "ldarb %w[o], [%[m]]")
AT(ldarh, "ldarh %w[o], [%[m]]")
AT(ldar_w, "ldar %w[o], [%[m]]")
AT(ldapr_x, "ldapr %x[o], [%[m]]")
AT(ldaprb, "ldaprb %w[o], [%[m]]")
AT(stlr_x, "stlr %x[s], [%[m]]")
AT(stlrb, "stlrb %w[s], [%[m]]")
AT(stlrh, "stlrh %w[s], [%[m]]")
AT(stlr_w, "stlr %w[s], [%[m]]")

struct atop { const char *name; at_fn fn; };
#define A(id) { #id, id },
#define A_SIZES(op) A(op##b) A(op##h) A(op##_w) A(op##_x)
#define A_ORD(op) A(op##al_x) A(op##a_w) A(op##lb) A(op##alh)
static const struct atop atops[] = {
	LSE_OPS(A_SIZES) LSE_OPS(A_ORD)
	A(stadd_x) A(stclrlb) A(steorh) A(stset_w) A(stsmaxl_x) A(stsminb) A(stumax_w)
	A(stuminlh) A(ldadd_rt_zr)
	A(casb) A(cash) A(cas_w) A(cas_x) A(casal_x) A(casa_w) A(caslb) A(casalh)
	A(casp_x) A(caspal_w)
	A(ldxr_stxr_x) A(ldxr_stxr_w) A(ldxrb_stxrb) A(ldxrh_stxrh) A(ldaxr_stlxr_x)
	A(ldaxrb_stlxrb) A(ldaxrh_stlxrh) A(ldxr_clrex_stxr) A(stxr_no_ldxr) A(ldxr_stxr_twice)
	A(ldxr_stxr_sameval) A(ldxp_stxp_x) A(ldxp_stxp_w) A(ldaxp_stlxp_x)
	A(ldar_x) A(ldarb) A(ldarh) A(ldar_w) A(ldapr_x) A(ldaprb)
	A(stlr_x) A(stlrb) A(stlrh) A(stlr_w)
};

static void run_suite(void)
{
	for (unsigned n = 0; n < sizeof(atops) / sizeof(atops[0]); n++) {
		const struct atop *o = &atops[n];
		rng_seed_str(o->name);
		for (int k = 0; k < 6; k++) {
			u64 m0 = gen_int(), s = gen_int(), c;
			/* compare value: equal to memory on even cases (in every size) */
			c = (k & 1) ? gen_int() : m0;
			if (k == 3)
				c = m0 ^ 0x100;	/* equal in the low byte only */
			mem[0] = m0;
			mem[1] = ~m0;
			mem[2] = 0x0f0f0f0f0f0f0f0fULL;
			u64 old, st;
			o->fn(mem, s, c, &old, &st);
			printf("%s m=" X16 "," X16 " s=" X16 " c=" X16 " -> " X16 " %lx m=" X16 "," X16
			       " %lx\n", o->name, m0, ~m0, s, c, old, st, mem[0], mem[1],
			       mem[2] == 0x0f0f0f0f0f0f0f0fULL);
		}
	}
}

/* Exclusive loads must be aligned whatever SCTLR_EL1.A says (STXR without a monitor and
 * LDAR are left out: QEMU checks the monitor before alignment, and FEAT_LSE2 relaxes LDAR). */
AT(f_ldxr_x, "ldxr %x[o], [%[m]]")
AT(f_ldxr_w, "ldxr %w[o], [%[m]]")
AT(f_ldxrh, "ldxrh %w[o], [%[m]]")
AT(f_ldaxp_x, "ldaxp x4, x5, [%[m]]")

static void faults(void)
{
	static const struct atop fops[] = { A(f_ldxr_x) A(f_ldxr_w) A(f_ldxrh)
					    A(f_ldaxp_x) };
	static const int offs[] = { 1, 2, 4, 8 };
	exc_mode = EXC_RECORD;
	for (unsigned n = 0; n < sizeof(fops) / sizeof(fops[0]); n++) {
		for (int k = 0; k < 4; k++) {
			exc_last.count = 0;
			exc_last.esr = exc_last.far = 0;
			u64 old, st;
			fops[n].fn((u64 *)((u8 *)mem + offs[k]), 1, 2, &old, &st);
			printf("%s +%d -> %lu %02x %07lx %ld\n", fops[n].name, offs[k],
			       exc_last.count, esr_ec(exc_last.esr), exc_last.esr & 0x1ffffff,
			       exc_last.far ? (s64)(exc_last.far - (u64)mem) : -1);
		}
	}
	exc_mode = EXC_FATAL;
}

int main(void)
{
	section("atomics, MMU off: op m s c -> old status m' untouched");
	run_suite();
	section("exclusive alignment faults, MMU off: op off -> count ec iss far-mem");
	faults();
	mmu_enable();
	section("atomics, MMU on: op m s c -> old status m' untouched");
	run_suite();
	section("exclusive alignment faults, MMU on: op off -> count ec iss far-mem");
	faults();
	done();
	return 0;
}
