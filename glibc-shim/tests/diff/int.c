/* Differential test: integer data processing (arith, logic, shifts, bitfield, extract,
 * conditional select/compare, multiply/divide, bit counting/reversal, CRC32). Every op is
 * run on a deterministic set of inputs with an NZCV input; prints result and NZCV out. */
#include "testlib.h"

typedef u64 (*bin_fn)(u64 a, u64 b, u64 c, u64 *f);
struct op { const char *name; bin_fn fn; int arity; };

/* r = insn(a, b, c) with NZCV set to *f before and read back after. */
#define DEF(id, insn)                                                                        \
	static u64 id(u64 a, u64 b, u64 c, u64 *f)                                           \
	{                                                                                    \
		u64 r, fl = *f;                                                              \
		__asm__ volatile("msr nzcv, %[fl]\n\t" insn "\n\tmrs %[fl], nzcv"            \
				 : [r] "=&r"(r), [fl] "+r"(fl)                               \
				 : [a] "r"(a), [b] "r"(b), [c] "r"(c));                      \
		*f = fl;                                                                     \
		return r;                                                                    \
	}

/* ---- add/sub ---- */
DEF(add_x, "add %x[r], %x[a], %x[b]")
DEF(add_w, "add %w[r], %w[a], %w[b]")
DEF(adds_x, "adds %x[r], %x[a], %x[b]")
DEF(adds_w, "adds %w[r], %w[a], %w[b]")
DEF(sub_x, "sub %x[r], %x[a], %x[b]")
DEF(sub_w, "sub %w[r], %w[a], %w[b]")
DEF(subs_x, "subs %x[r], %x[a], %x[b]")
DEF(subs_w, "subs %w[r], %w[a], %w[b]")
DEF(cmp_x, "cmp %x[a], %x[b]\n\tmov %x[r], #0")
DEF(cmn_w, "cmn %w[a], %w[b]\n\tmov %x[r], #0")
DEF(adds_x_lsl7, "adds %x[r], %x[a], %x[b], lsl #7")
DEF(subs_x_lsr63, "subs %x[r], %x[a], %x[b], lsr #63")
DEF(add_x_asr13, "add %x[r], %x[a], %x[b], asr #13")
DEF(adds_w_asr31, "adds %w[r], %w[a], %w[b], asr #31")
DEF(sub_w_lsl31, "sub %w[r], %w[a], %w[b], lsl #31")
DEF(add_x_uxtb, "add %x[r], %x[a], %w[b], uxtb")
DEF(add_x_uxth2, "add %x[r], %x[a], %w[b], uxth #2")
DEF(adds_x_uxtw4, "adds %x[r], %x[a], %w[b], uxtw #4")
DEF(sub_x_sxtb1, "sub %x[r], %x[a], %w[b], sxtb #1")
DEF(subs_x_sxth, "subs %x[r], %x[a], %w[b], sxth")
DEF(add_x_sxtw3, "add %x[r], %x[a], %w[b], sxtw #3")
DEF(add_x_sxtx, "add %x[r], %x[a], %x[b], sxtx #1")
DEF(adds_w_sxtb3, "adds %w[r], %w[a], %w[b], sxtb #3")
DEF(sub_w_uxth, "sub %w[r], %w[a], %w[b], uxth")
DEF(add_sp_uxtw2, "mov x9, sp\n\tmov sp, %x[a]\n\tadd sp, sp, %w[b], uxtw #2\n\tmov %x[r], sp\n\tmov sp, x9")
DEF(add_x_sp_lsl3, "mov x9, sp\n\tmov sp, %x[a]\n\tadd %x[r], sp, %x[b], lsl #3\n\tmov sp, x9")
DEF(sub_sp_imm, "mov x9, sp\n\tmov sp, %x[a]\n\tsub sp, sp, #0xff0\n\tmov %x[r], sp\n\tmov sp, x9")
DEF(adds_x_imm, "adds %x[r], %x[a], #0xfff")
DEF(adds_x_imm12, "adds %x[r], %x[a], #0xabc, lsl #12")
DEF(subs_w_imm, "subs %w[r], %w[a], #1")
DEF(subs_x_imm12, "subs %x[r], %x[a], #0x1, lsl #12")
DEF(cmp_w_imm, "cmp %w[a], #0x7ff\n\tmov %x[r], #0")
DEF(adc_x, "adc %x[r], %x[a], %x[b]")
DEF(adc_w, "adc %w[r], %w[a], %w[b]")
DEF(adcs_x, "adcs %x[r], %x[a], %x[b]")
DEF(adcs_w, "adcs %w[r], %w[a], %w[b]")
DEF(sbc_x, "sbc %x[r], %x[a], %x[b]")
DEF(sbcs_x, "sbcs %x[r], %x[a], %x[b]")
DEF(sbcs_w, "sbcs %w[r], %w[a], %w[b]")
DEF(ngcs_x, "ngcs %x[r], %x[a]")
DEF(neg_x, "neg %x[r], %x[a]")
DEF(negs_w, "negs %w[r], %w[a]")

/* ---- logical ---- */
DEF(and_x, "and %x[r], %x[a], %x[b]")
DEF(ands_x, "ands %x[r], %x[a], %x[b]")
DEF(ands_w, "ands %w[r], %w[a], %w[b]")
DEF(orr_x_ror5, "orr %x[r], %x[a], %x[b], ror #5")
DEF(eor_w_lsr3, "eor %w[r], %w[a], %w[b], lsr #3")
DEF(bic_x_asr9, "bic %x[r], %x[a], %x[b], asr #9")
DEF(bics_w, "bics %w[r], %w[a], %w[b]")
DEF(bics_x_lsl1, "bics %x[r], %x[a], %x[b], lsl #1")
DEF(orn_x, "orn %x[r], %x[a], %x[b]")
DEF(eon_w_ror31, "eon %w[r], %w[a], %w[b], ror #31")
DEF(mvn_x, "mvn %x[r], %x[a]")
DEF(tst_w, "tst %w[a], %w[b]\n\tmov %x[r], #0")
DEF(and_x_imm, "and %x[r], %x[a], #0x00ff00ff00ff00ff")
DEF(ands_x_imm, "ands %x[r], %x[a], #0x8000000000000001")
DEF(orr_w_imm, "orr %w[r], %w[a], #0x3c3c3c3c")
DEF(eor_x_imm, "eor %x[r], %x[a], #0xfffffffffffffffe")
DEF(ands_w_imm, "ands %w[r], %w[a], #0x80000000")
DEF(eor_x_imm2, "eor %x[r], %x[a], #0x5555555555555555")
DEF(orr_x_imm3, "orr %x[r], %x[a], #0x0000fff00000fff0")
DEF(mov_x_imm, "mov %x[r], #0x1111111111111111")

/* ---- move wide ---- */
DEF(movz_x, "movz %x[r], #0xbeef, lsl #48")
DEF(movn_x, "movn %x[r], #0x1234, lsl #16")
DEF(movn_w, "movn %w[r], #0x1234, lsl #16")
DEF(movk_x, "mov %x[r], %x[a]\n\tmovk %x[r], #0xcafe, lsl #32")
DEF(movk_w, "mov %x[r], %x[a]\n\tmovk %w[r], #0xcafe, lsl #16")

/* ---- shifts by register and immediate ---- */
DEF(lslv_x, "lsl %x[r], %x[a], %x[b]")
DEF(lslv_w, "lsl %w[r], %w[a], %w[b]")
DEF(lsrv_x, "lsr %x[r], %x[a], %x[b]")
DEF(lsrv_w, "lsr %w[r], %w[a], %w[b]")
DEF(asrv_x, "asr %x[r], %x[a], %x[b]")
DEF(asrv_w, "asr %w[r], %w[a], %w[b]")
DEF(rorv_x, "ror %x[r], %x[a], %x[b]")
DEF(rorv_w, "ror %w[r], %w[a], %w[b]")
DEF(lsl_x_1, "lsl %x[r], %x[a], #1")
DEF(lsl_x_63, "lsl %x[r], %x[a], #63")
DEF(lsr_w_31, "lsr %w[r], %w[a], #31")
DEF(asr_x_17, "asr %x[r], %x[a], #17")
DEF(asr_w_5, "asr %w[r], %w[a], #5")
DEF(ror_x_40, "ror %x[r], %x[a], #40")
DEF(ror_w_7, "ror %w[r], %w[a], #7")

/* ---- bitfield / extract ---- */
DEF(ubfx_x, "ubfx %x[r], %x[a], #3, #7")
DEF(ubfx_x_hi, "ubfx %x[r], %x[a], #60, #4")
DEF(sbfx_x, "sbfx %x[r], %x[a], #8, #12")
DEF(sbfx_w, "sbfx %w[r], %w[a], #31, #1")
DEF(ubfiz_x, "ubfiz %x[r], %x[a], #9, #20")
DEF(sbfiz_w, "sbfiz %w[r], %w[a], #4, #8")
DEF(bfi_x, "mov %x[r], %x[b]\n\tbfi %x[r], %x[a], #17, #13")
DEF(bfxil_w, "mov %x[r], %x[b]\n\tbfxil %w[r], %w[a], #5, #11")
DEF(bfi_w_top, "mov %x[r], %x[b]\n\tbfi %w[r], %w[a], #24, #8")
DEF(bfm_x_wrap, "mov %x[r], %x[b]\n\tbfm %x[r], %x[a], #50, #10")
DEF(sbfm_x_wrap, "sbfm %x[r], %x[a], #60, #5")
DEF(ubfm_w_wrap, "ubfm %w[r], %w[a], #28, #3")
DEF(sxtb_x, "sxtb %x[r], %w[a]")
DEF(sxth_w, "sxth %w[r], %w[a]")
DEF(sxtw_x, "sxtw %x[r], %w[a]")
DEF(uxtb_w, "uxtb %w[r], %w[a]")
DEF(uxth_w, "uxth %w[r], %w[a]")
DEF(extr_x, "extr %x[r], %x[a], %x[b], #13")
DEF(extr_w, "extr %w[r], %w[a], %w[b], #31")
DEF(extr_x0, "extr %x[r], %x[a], %x[b], #0")

/* ---- conditional select / compare (selected conditions; all conds in csel_all) ---- */
DEF(csinc_x_ne, "csinc %x[r], %x[a], %x[b], ne")
DEF(csinv_w_hi, "csinv %w[r], %w[a], %w[b], hi")
DEF(csneg_x_ge, "csneg %x[r], %x[a], %x[b], ge")
DEF(cset_w_lt, "cset %w[r], lt")
DEF(csetm_x_vs, "csetm %x[r], vs")
DEF(cinc_x_le, "cinc %x[r], %x[a], le")
DEF(ccmp_x_eq, "ccmp %x[a], %x[b], #0x5, eq\n\tmov %x[r], #0")
DEF(ccmp_w_gt, "ccmp %w[a], %w[b], #0xa, gt\n\tmov %x[r], #0")
DEF(ccmn_x_cs, "ccmn %x[a], %x[b], #0xf, cs\n\tmov %x[r], #0")
DEF(ccmp_x_imm_mi, "ccmp %x[a], #31, #0x3, mi\n\tmov %x[r], #0")
DEF(ccmn_w_imm_ls, "ccmn %w[a], #1, #0x8, ls\n\tmov %x[r], #0")

/* ---- multiply / divide ---- */
DEF(mul_x, "mul %x[r], %x[a], %x[b]")
DEF(mul_w, "mul %w[r], %w[a], %w[b]")
DEF(madd_x, "madd %x[r], %x[a], %x[b], %x[c]")
DEF(madd_w, "madd %w[r], %w[a], %w[b], %w[c]")
DEF(msub_x, "msub %x[r], %x[a], %x[b], %x[c]")
DEF(mneg_w, "mneg %w[r], %w[a], %w[b]")
DEF(smaddl, "smaddl %x[r], %w[a], %w[b], %x[c]")
DEF(umaddl, "umaddl %x[r], %w[a], %w[b], %x[c]")
DEF(smsubl, "smsubl %x[r], %w[a], %w[b], %x[c]")
DEF(umsubl, "umsubl %x[r], %w[a], %w[b], %x[c]")
DEF(smull, "smull %x[r], %w[a], %w[b]")
DEF(umull, "umull %x[r], %w[a], %w[b]")
DEF(smulh, "smulh %x[r], %x[a], %x[b]")
DEF(umulh, "umulh %x[r], %x[a], %x[b]")
DEF(sdiv_x, "sdiv %x[r], %x[a], %x[b]")
DEF(sdiv_w, "sdiv %w[r], %w[a], %w[b]")
DEF(udiv_x, "udiv %x[r], %x[a], %x[b]")
DEF(udiv_w, "udiv %w[r], %w[a], %w[b]")

/* ---- bit counting / reversal ---- */
DEF(clz_x, "clz %x[r], %x[a]")
DEF(clz_w, "clz %w[r], %w[a]")
DEF(cls_x, "cls %x[r], %x[a]")
DEF(cls_w, "cls %w[r], %w[a]")
DEF(rbit_x, "rbit %x[r], %x[a]")
DEF(rbit_w, "rbit %w[r], %w[a]")
DEF(rev_x, "rev %x[r], %x[a]")
DEF(rev_w, "rev %w[r], %w[a]")
DEF(rev16_x, "rev16 %x[r], %x[a]")
DEF(rev16_w, "rev16 %w[r], %w[a]")
DEF(rev32_x, "rev32 %x[r], %x[a]")

/* ---- CRC32 ---- */
DEF(crc32b, "crc32b %w[r], %w[a], %w[b]")
DEF(crc32h, "crc32h %w[r], %w[a], %w[b]")
DEF(crc32w, "crc32w %w[r], %w[a], %w[b]")
DEF(crc32x, "crc32x %w[r], %w[a], %x[b]")
DEF(crc32cb, "crc32cb %w[r], %w[a], %w[b]")
DEF(crc32ch, "crc32ch %w[r], %w[a], %w[b]")
DEF(crc32cw, "crc32cw %w[r], %w[a], %w[b]")
DEF(crc32cx, "crc32cx %w[r], %w[a], %x[b]")

#define OP(id, n) { #id, id, n }
static const struct op ops[] = {
	OP(add_x, 2), OP(add_w, 2), OP(adds_x, 2), OP(adds_w, 2), OP(sub_x, 2), OP(sub_w, 2),
	OP(subs_x, 2), OP(subs_w, 2), OP(cmp_x, 2), OP(cmn_w, 2), OP(adds_x_lsl7, 2),
	OP(subs_x_lsr63, 2), OP(add_x_asr13, 2), OP(adds_w_asr31, 2), OP(sub_w_lsl31, 2),
	OP(add_x_uxtb, 2), OP(add_x_uxth2, 2), OP(adds_x_uxtw4, 2), OP(sub_x_sxtb1, 2),
	OP(subs_x_sxth, 2), OP(add_x_sxtw3, 2), OP(add_x_sxtx, 2), OP(adds_w_sxtb3, 2),
	OP(sub_w_uxth, 2), OP(add_sp_uxtw2, 2), OP(add_x_sp_lsl3, 2), OP(sub_sp_imm, 1),
	OP(adds_x_imm, 1), OP(adds_x_imm12, 1), OP(subs_w_imm, 1), OP(subs_x_imm12, 1),
	OP(cmp_w_imm, 1), OP(adc_x, 2), OP(adc_w, 2), OP(adcs_x, 2), OP(adcs_w, 2), OP(sbc_x, 2),
	OP(sbcs_x, 2), OP(sbcs_w, 2), OP(ngcs_x, 1), OP(neg_x, 1), OP(negs_w, 1),
	OP(and_x, 2), OP(ands_x, 2), OP(ands_w, 2), OP(orr_x_ror5, 2), OP(eor_w_lsr3, 2),
	OP(bic_x_asr9, 2), OP(bics_w, 2), OP(bics_x_lsl1, 2), OP(orn_x, 2), OP(eon_w_ror31, 2),
	OP(mvn_x, 1), OP(tst_w, 2), OP(and_x_imm, 1), OP(ands_x_imm, 1), OP(orr_w_imm, 1),
	OP(eor_x_imm, 1), OP(ands_w_imm, 1), OP(eor_x_imm2, 1), OP(orr_x_imm3, 1),
	OP(mov_x_imm, 0), OP(movz_x, 0), OP(movn_x, 0), OP(movn_w, 0), OP(movk_x, 1),
	OP(movk_w, 1), OP(lslv_x, 2), OP(lslv_w, 2), OP(lsrv_x, 2), OP(lsrv_w, 2), OP(asrv_x, 2),
	OP(asrv_w, 2), OP(rorv_x, 2), OP(rorv_w, 2), OP(lsl_x_1, 1), OP(lsl_x_63, 1),
	OP(lsr_w_31, 1), OP(asr_x_17, 1), OP(asr_w_5, 1), OP(ror_x_40, 1), OP(ror_w_7, 1),
	OP(ubfx_x, 1), OP(ubfx_x_hi, 1), OP(sbfx_x, 1), OP(sbfx_w, 1), OP(ubfiz_x, 1),
	OP(sbfiz_w, 1), OP(bfi_x, 2), OP(bfxil_w, 2), OP(bfi_w_top, 2), OP(bfm_x_wrap, 2),
	OP(sbfm_x_wrap, 1), OP(ubfm_w_wrap, 1), OP(sxtb_x, 1), OP(sxth_w, 1), OP(sxtw_x, 1),
	OP(uxtb_w, 1), OP(uxth_w, 1), OP(extr_x, 2), OP(extr_w, 2), OP(extr_x0, 2),
	OP(csinc_x_ne, 2), OP(csinv_w_hi, 2), OP(csneg_x_ge, 2), OP(cset_w_lt, 0),
	OP(csetm_x_vs, 0), OP(cinc_x_le, 1), OP(ccmp_x_eq, 2), OP(ccmp_w_gt, 2), OP(ccmn_x_cs, 2),
	OP(ccmp_x_imm_mi, 1), OP(ccmn_w_imm_ls, 1),
	OP(mul_x, 2), OP(mul_w, 2), OP(madd_x, 3), OP(madd_w, 3), OP(msub_x, 3), OP(mneg_w, 2),
	OP(smaddl, 3), OP(umaddl, 3), OP(smsubl, 3), OP(umsubl, 3), OP(smull, 2), OP(umull, 2),
	OP(smulh, 2), OP(umulh, 2), OP(sdiv_x, 2), OP(sdiv_w, 2), OP(udiv_x, 2), OP(udiv_w, 2),
	OP(clz_x, 1), OP(clz_w, 1), OP(cls_x, 1), OP(cls_w, 1), OP(rbit_x, 1), OP(rbit_w, 1),
	OP(rev_x, 1), OP(rev_w, 1), OP(rev16_x, 1), OP(rev16_w, 1), OP(rev32_x, 1),
	OP(crc32b, 2), OP(crc32h, 2), OP(crc32w, 2), OP(crc32x, 2), OP(crc32cb, 2),
	OP(crc32ch, 2), OP(crc32cw, 2), OP(crc32cx, 2),
};

/* Fixed edge pairs first, then generated ones. */
static const u64 fixed_pairs[][2] = {
	{ 0, 0 }, { 1, 1 }, { ~0ULL, 1 }, { 1, ~0ULL }, { ~0ULL, ~0ULL },
	{ 0x8000000000000000ULL, ~0ULL }, { 0x7fffffffffffffffULL, 1 },
	{ 0x8000000000000000ULL, 0x8000000000000000ULL }, { 0xffffffff80000000ULL, 0xffffffffULL },
	{ 0x80000000ULL, 0xffffffffULL }, { 0x7fffffffULL, 1 }, { 0xffffffffULL, 1 }, { 5, 0 },
	{ (u64)-7, 2 }, { 7, (u64)-2 }, { 0x123456789ULL, 64 }, { 0xfedcba9876543210ULL, 33 },
	{ 0x00000000ffffffffULL, 0x00000000ffffffffULL },
};
#define N_FIXED (sizeof(fixed_pairs) / sizeof(fixed_pairs[0]))

static void run_op(const struct op *o)
{
	int ncases = o->arity == 0 ? 8 : o->arity == 1 ? 28 : 36;
	rng_seed_str(o->name);
	for (int k = 0; k < ncases; k++) {
		u64 a, b, c = gen_int();
		if (o->arity >= 2 && (unsigned)k < N_FIXED) {
			a = fixed_pairs[k][0];
			b = fixed_pairs[k][1];
		} else if (o->arity == 1 && (unsigned)k < N_INT_INTERESTING) {
			a = int_interesting[k];
			b = gen_int();
		} else {
			a = gen_int();
			b = gen_int();
		}
		u64 f = nzcv_vals[rng() & 7];
		u64 fin = f;
		u64 r = o->fn(a, b, c, &f);
		switch (o->arity) {
		case 0:
			printf("%s f=%lx -> " X16 " %lx\n", o->name, fin >> 28, r, f >> 28);
			break;
		case 1:
			printf("%s " X16 " f=%lx -> " X16 " %lx\n", o->name, a, fin >> 28, r, f >> 28);
			break;
		case 2:
			printf("%s " X16 " " X16 " f=%lx -> " X16 " %lx\n", o->name, a, b, fin >> 28, r,
			       f >> 28);
			break;
		default:
			printf("%s " X16 " " X16 " " X16 " f=%lx -> " X16 " %lx\n", o->name, a, b, c,
			       fin >> 28, r, f >> 28);
			break;
		}
	}
}

/* csel over all 16 conditions and all 16 NZCV values, one line per condition. */
#define CONDS(X) X(eq) X(ne) X(cs) X(cc) X(mi) X(pl) X(vs) X(vc) X(hi) X(ls) X(ge) X(lt) \
	X(gt) X(le) X(al) X(nv)
#define CSEL_FN(cc)                                                                           \
	static u64 csel_##cc(u64 f)                                                           \
	{                                                                                     \
		u64 r;                                                                        \
		__asm__ volatile("msr nzcv, %1\n\tmov x10, #1\n\tcsel %0, x10, xzr, " #cc     \
				 : "=r"(r) : "r"(f) : "x10");                                 \
		return r;                                                                     \
	}
CONDS(CSEL_FN)

static void csel_all(void)
{
	section("csel all conditions x all nzcv (bit i = taken for nzcv=i)");
#define CSEL_RUN(cc)                                                                          \
	{                                                                                     \
		u64 m = 0;                                                                    \
		for (u64 i = 0; i < 16; i++)                                                  \
			m |= csel_##cc(i << 28) << i;                                         \
		printf("csel %s %04lx\n", #cc, m);                                            \
	}
	CONDS(CSEL_RUN)
}

int main(void)
{
	section("integer");
	for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		run_op(&ops[i]);
	csel_all();
	done();
	return 0;
}
