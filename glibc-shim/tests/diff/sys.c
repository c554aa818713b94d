/* Differential test: system instructions — MRS/MSR of TPIDR_EL0/TPIDRRO_EL0/TPIDR_EL1,
 * NZCV, DAIF, SPSel/SP_EL0, FPCR/FPSR, ELR/FAR/VBAR/MAIR/CONTEXTIDR read-back, CTR_EL0 and
 * DCZID_EL0, CurrentEL; hints and barriers; SVC/BRK/HLT/UDF and unallocated encodings,
 * inaccessible system registers, FP/SIMD access traps (CPACR_EL1.FPEN) reported through
 * the vector table with their syndromes; and, with the MMU on, DC ZVA and AT S1E1R. */
#include "testlib.h"

static void rw(const char *name, u64 wrote, u64 got) { printf("%s " X16 " -> " X16 "\n", name, wrote, got); }

#define RW(reg, val)                                                                         \
	do {                                                                                 \
		u64 _old = READ_SYSREG(reg), _v = (val);                                     \
		WRITE_SYSREG(reg, _v);                                                       \
		ISB();                                                                       \
		u64 _got = READ_SYSREG(reg);                                                 \
		WRITE_SYSREG(reg, _old);                                                     \
		ISB();                                                                       \
		rw(#reg, _v, _got);                                                          \
	} while (0)

static void sysregs(void)
{
	section("system register read-back: reg wrote -> read");
	RW(tpidr_el0, 0x0123456789abcdefULL);
	RW(tpidr_el0, 0);
	RW(tpidrro_el0, 0xfedcba9876543210ULL);
	RW(tpidr_el1, 0x8000000000000001ULL);
	RW(contextidr_el1, 0x00000000fedcba98ULL); /* bits [63:32] are RES0 in ARMv8.0; QEMU keeps them */
	RW(mair_el1, 0x0044ff04bb00aa11ULL);
	RW(elr_el1, 0xfffffffffffffffdULL);
	RW(far_el1, 0x123456789abcdef0ULL);
	RW(sp_el0, 0x40012340ULL);
	RW(vbar_el1, (u64)0x40001800);
	static const u64 nz[] = { 0, 0xf0000000, 0x50000000, 0xa0000000 };
	for (unsigned i = 0; i < 4; i++) {
		u64 v;
		__asm__ volatile("msr nzcv, %1\n\tmrs %0, nzcv" : "=r"(v) : "r"(nz[i]));
		rw("nzcv", nz[i], v);
	}
	printf("currentel %lx spsel %lx daif %lx\n", READ_SYSREG(CurrentEL), READ_SYSREG(spsel),
	       READ_SYSREG(daif));
	u64 d1, d2, d3;
	__asm__ volatile("msr daifclr, #1\n\tmrs %0, daif\n\tmsr daifset, #1\n\tmsr daifclr, #0xc\n\t"
			 "mrs %1, daif\n\tmsr daifset, #0xf\n\tmrs %2, daif"
			 : "=r"(d1), "=r"(d2), "=r"(d3));
	printf("daif clr F %lx, clr DA %lx, set all %lx\n", d1, d2, d3);
	u64 s1, s2, sp0;
	__asm__ volatile("mov x9, sp\n\tmsr sp_el0, %3\n\tmsr spsel, #0\n\tmrs %0, spsel\n\t"
			 "mov %2, sp\n\tmsr spsel, #1\n\tmrs %1, spsel\n\tmov x10, sp\n\t"
			 "sub x10, x10, x9\n\tadd %2, %2, x10"
			 : "=&r"(s1), "=&r"(s2), "=&r"(sp0) : "r"((u64)0x40070000) : "x9", "x10");
	printf("spsel0 %lx spsel1 %lx sp(spsel0) %lx\n", s1, s2, sp0);
	printf("ctr_el0 " X16 " dczid_el0 " X16 "\n", READ_SYSREG(ctr_el0), READ_SYSREG(dczid_el0));
	u64 pan = 0;
	__asm__ volatile("hint #0\n\tyield\n\tsev\n\tsevl\n\tdmb ish\n\tdmb oshld\n\tdsb sy\n\t"
			 "dsb nshst\n\tisb\n\thint #20\n\thint #0x7f\n\tcsdb\n\tmov %0, #7\n\t"
			 "xpaclri\n\thint #8"
			 : "+r"(pan) : : "memory", "x16", "x17", "x30");
	printf("hints ok %lx\n", pan);
	__asm__ volatile("dc cvac, %0\n\tdc civac, %0\n\tdc cvau, %0\n\tic ivau, %0\n\t"
			 "ic iallu\n\tdsb ish\n\tisb" : : "r"(&pan) : "memory");
	printf("cache maintenance ok\n");
}

/* ---- traps: each body puts the address of the trapping instruction in pc ---- */
typedef void (*trap_fn)(u64 *pc, u64 *aux);
#define TRAP(id, pre, insn, post)                                                            \
	static void id(u64 *pcp, u64 *auxp)                                                  \
	{                                                                                    \
		u64 pc, aux = 0;                                                             \
		__asm__ volatile(pre "\n\tadr %[pc], 1f\n1:\t" insn "\n\t" post              \
				 : [pc] "=&r"(pc), [aux] "+&r"(aux) : : "memory", "x0", "x1", \
				   "x9", "v0", "cc");                                         \
		*pcp = pc; *auxp = aux;                                                      \
	}

TRAP(t_svc0, "msr nzcv, xzr", "svc #0", "")
TRAP(t_svc, "mov x9, #0x60000000\n\tmsr nzcv, x9", "svc #0x1234", "")
TRAP(t_svc_max, "", "svc #0xffff", "")
TRAP(t_brk, "", "brk #0x3e8", "")
TRAP(t_brk0, "mov x9, #0x90000000\n\tmsr nzcv, x9", "brk #0", "")
TRAP(t_hlt, "", "hlt #0x1", "")
TRAP(t_udf, "", "udf #0x5a5a", "")
TRAP(t_unalloc1, "", ".inst 0x02000000", "")
TRAP(t_unalloc2, "", ".inst 0x06012345", "")
TRAP(t_unalloc3, "", ".inst 0x1a800c00", "")	/* CSEL with op2=0b11: unallocated */
TRAP(t_mrs_el2, "", "mrs x0, s3_4_c2_c0_0", "")	/* VTTBR_EL2 without EL2 */
TRAP(t_mrs_el3, "", "mrs x0, s3_6_c1_c1_0", "")	/* SCR_EL3 without EL3 */
TRAP(t_msr_unalloc, "", "msr s3_0_c11_c11_7, xzr", "")
TRAP(t_fp_fmov, "mrs x9, cpacr_el1\n\tbic x1, x9, #(3 << 20)\n\tmsr cpacr_el1, x1\n\tisb",
     "fmov d0, xzr", "msr cpacr_el1, x9\n\tisb")
TRAP(t_fp_simd, "mrs x9, cpacr_el1\n\tbic x1, x9, #(3 << 20)\n\tmsr cpacr_el1, x1\n\tisb",
     "add v0.16b, v0.16b, v0.16b", "msr cpacr_el1, x9\n\tisb")
TRAP(t_fp_fpcr, "mrs x9, cpacr_el1\n\tbic x1, x9, #(3 << 20)\n\torr x1, x1, #(1 << 20)\n\t"
     "msr cpacr_el1, x1\n\tisb", "mrs x0, fpcr", "msr cpacr_el1, x9\n\tisb")
TRAP(t_fp_ldr, "mrs x9, cpacr_el1\n\tbic x1, x9, #(3 << 20)\n\tmsr cpacr_el1, x1\n\tisb",
     "ldr q0, [sp]", "msr cpacr_el1, x9\n\tisb")

struct trap { const char *name; trap_fn fn; };
#define T(id) { #id, id },

static void traps(void)
{
	static const struct trap ts[] = {
		T(t_svc0) T(t_svc) T(t_svc_max) T(t_brk) T(t_brk0) T(t_hlt) T(t_udf) T(t_unalloc1)
		T(t_unalloc2) T(t_unalloc3) T(t_mrs_el2) T(t_mrs_el3) T(t_msr_unalloc)
		T(t_fp_fmov) T(t_fp_simd) T(t_fp_fpcr) T(t_fp_ldr)
	};
	section("synchronous exceptions: name -> count vec ec esr elr-pc spsr");
	exc_mode = EXC_RECORD;
	for (unsigned i = 0; i < sizeof(ts) / sizeof(ts[0]); i++) {
		exc_last.count = 0;
		exc_last.esr = exc_last.elr = exc_last.spsr = exc_last.vec = 0;
		u64 pc, aux;
		ts[i].fn(&pc, &aux);
		printf("%s -> %lu %lu %02x %08lx %ld %08lx\n", ts[i].name, exc_last.count,
		       exc_last.vec, esr_ec(exc_last.esr), exc_last.esr,
		       exc_last.count ? (s64)(exc_last.elr - pc) : 0, exc_last.spsr);
	}
	exc_mode = EXC_FATAL;
}

static u8 zbuf[512] __attribute__((aligned(256)));

static void with_mmu(void)
{
	section("MMU on: DC ZVA (changed ranges) and AT S1E1R");
	mmu_enable();
	static const int offs[] = { 0, 64, 100, 255, 320 };
	for (unsigned i = 0; i < 5; i++) {
		for (int j = 0; j < (int)sizeof(zbuf); j++)
			zbuf[j] = 0xee;
		__asm__ volatile("dc zva, %0" : : "r"(zbuf + offs[i]) : "memory");
		int first = -1, last = -1;
		for (int j = 0; j < (int)sizeof(zbuf); j++)
			if (zbuf[j] == 0) {
				if (first < 0)
					first = j;
				last = j;
			}
		printf("dc zva +%d -> zeroed [%d..%d]\n", offs[i], first, last);
	}
	static const u64 vas[] = { 0x40080000, 0x09000000, 0x7ffff008 };
	for (unsigned i = 0; i < 3; i++) {
		u64 par;
		__asm__ volatile("at s1e1r, %1\n\tisb\n\tmrs %0, par_el1" : "=r"(par) : "r"(vas[i]));
		/* PA, F and ATTR only: SH/NS reporting differs between implementations */
		printf("at s1e1r " X16 " -> par " X16 "\n", vas[i], par & 0xff0000fffffff001ULL);
	}
}

int main(void)
{
	sysregs();
	traps();
	with_mmu();
	done();
	return 0;
}
