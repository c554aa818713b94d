/* Differential test: scalar floating point. Arithmetic, fused multiply-add, min/max(nm),
 * sqrt, estimates, compares (FCMP/FCMPE/FCCMP/FCSEL), conversions (FP<->FP incl. half,
 * FP<->int with every rounding, fixed-point), FRINT*, FMOV. Corner values: NaNs (quiet,
 * signalling, payloads), infinities, signed zeros, denormals; run under several FPCR
 * settings (rounding modes, FZ, DN, AHP). FPSR is cleared before and printed after each op. */
#include "testlib.h"

/* r = body(a, b, c) with FPCR = cr; d16/d17/d19 hold a/b/c; result in r or via d18. */
#define DEFF(id, body)                                                                       \
	static u64 id(u64 a, u64 b, u64 c, u64 cr, u64 *sr)                                  \
	{                                                                                    \
		u64 r, s;                                                                    \
		__asm__ volatile("msr fpcr, %[cr]\n\tmsr fpsr, xzr\n\t"                      \
				 "fmov d16, %x[a]\n\tfmov d17, %x[b]\n\tfmov d19, %x[c]\n\t"  \
				 "mov %x[r], #0\n\t" body "\n\tmrs %[s], fpsr\n\tmsr fpcr, xzr" \
				 : [r] "=&r"(r), [s] "=&r"(s)                                \
				 : [a] "r"(a), [b] "r"(b), [c] "r"(c), [cr] "r"(cr)          \
				 : "v16", "v17", "v18", "v19", "cc");                        \
		*sr = s;                                                                     \
		return r;                                                                    \
	}
#define R18 "\n\tfmov %x[r], d18"

/* arithmetic */
DEFF(fadd_d, "fadd d18, d16, d17" R18)
DEFF(fadd_s, "fadd s18, s16, s17" R18)
DEFF(fsub_d, "fsub d18, d16, d17" R18)
DEFF(fsub_s, "fsub s18, s16, s17" R18)
DEFF(fmul_d, "fmul d18, d16, d17" R18)
DEFF(fmul_s, "fmul s18, s16, s17" R18)
DEFF(fdiv_d, "fdiv d18, d16, d17" R18)
DEFF(fdiv_s, "fdiv s18, s16, s17" R18)
DEFF(fnmul_d, "fnmul d18, d16, d17" R18)
DEFF(fnmul_s, "fnmul s18, s16, s17" R18)
DEFF(fmax_d, "fmax d18, d16, d17" R18)
DEFF(fmin_s, "fmin s18, s16, s17" R18)
DEFF(fmaxnm_s, "fmaxnm s18, s16, s17" R18)
DEFF(fminnm_d, "fminnm d18, d16, d17" R18)
DEFF(fabd_d, "fabd d18, d16, d17" R18)
DEFF(fabd_s, "fabd s18, s16, s17" R18)
DEFF(frecps_d, "frecps d18, d16, d17" R18)
DEFF(frsqrts_s, "frsqrts s18, s16, s17" R18)
/* fused */
DEFF(fmadd_d, "fmadd d18, d16, d17, d19" R18)
DEFF(fmadd_s, "fmadd s18, s16, s17, s19" R18)
DEFF(fmsub_d, "fmsub d18, d16, d17, d19" R18)
DEFF(fmsub_s, "fmsub s18, s16, s17, s19" R18)
DEFF(fnmadd_d, "fnmadd d18, d16, d17, d19" R18)
DEFF(fnmadd_s, "fnmadd s18, s16, s17, s19" R18)
DEFF(fnmsub_d, "fnmsub d18, d16, d17, d19" R18)
DEFF(fnmsub_s, "fnmsub s18, s16, s17, s19" R18)
/* unary */
DEFF(fsqrt_d, "fsqrt d18, d16" R18)
DEFF(fsqrt_s, "fsqrt s18, s16" R18)
DEFF(fabs_d, "fabs d18, d16" R18)
DEFF(fabs_s, "fabs s18, s16" R18)
DEFF(fneg_d, "fneg d18, d16" R18)
DEFF(fneg_s, "fneg s18, s16" R18)
DEFF(fmov_reg_s, "fmov s18, s16" R18)
DEFF(frecpe_d, "frecpe d18, d16" R18)
DEFF(frecpe_s, "frecpe s18, s16" R18)
DEFF(frsqrte_d, "frsqrte d18, d16" R18)
DEFF(frsqrte_s, "frsqrte s18, s16" R18)
DEFF(frecpx_d, "frecpx d18, d16" R18)
DEFF(frintn_d, "frintn d18, d16" R18)
DEFF(frintn_s, "frintn s18, s16" R18)
DEFF(frintp_d, "frintp d18, d16" R18)
DEFF(frintm_s, "frintm s18, s16" R18)
DEFF(frintz_d, "frintz d18, d16" R18)
DEFF(frinta_d, "frinta d18, d16" R18)
DEFF(frinta_s, "frinta s18, s16" R18)
DEFF(frintx_d, "frintx d18, d16" R18)
DEFF(frintx_s, "frintx s18, s16" R18)
DEFF(frinti_d, "frinti d18, d16" R18)
DEFF(frinti_s, "frinti s18, s16" R18)
/* FP <-> FP */
DEFF(fcvt_sd, "fcvt s18, d16" R18)
DEFF(fcvt_ds, "fcvt d18, s16" R18)
DEFF(fcvt_hs, "fcvt h18, s16" R18)
DEFF(fcvt_hd, "fcvt h18, d16" R18)
DEFF(fcvt_sh, "fcvt s18, h16" R18)
DEFF(fcvt_dh, "fcvt d18, h16" R18)
/* compares */
DEFF(fcmp_d, "fcmp d16, d17\n\tmrs %x[r], nzcv")
DEFF(fcmp_s, "fcmp s16, s17\n\tmrs %x[r], nzcv")
DEFF(fcmpe_d, "fcmpe d16, d17\n\tmrs %x[r], nzcv")
DEFF(fcmpe_s, "fcmpe s16, s17\n\tmrs %x[r], nzcv")
DEFF(fcmp_d_zero, "fcmp d16, #0.0\n\tmrs %x[r], nzcv")
DEFF(fcmpe_s_zero, "fcmpe s16, #0.0\n\tmrs %x[r], nzcv")
DEFF(fccmp_d_eq, "msr nzcv, %x[c]\n\tfccmp d16, d17, #5, eq\n\tmrs %x[r], nzcv")
DEFF(fccmpe_s_lt, "msr nzcv, %x[c]\n\tfccmpe s16, s17, #2, lt\n\tmrs %x[r], nzcv")
DEFF(fcsel_d_gt, "msr nzcv, %x[c]\n\tfcsel d18, d16, d17, gt" R18)
DEFF(fcsel_s_vs, "msr nzcv, %x[c]\n\tfcsel s18, s16, s17, vs" R18)
/* FP -> int */
#define CVTI(op)                                                                             \
	DEFF(op##_wd, #op " %w[r], d16")                                                     \
	DEFF(op##_xd, #op " %x[r], d16")                                                     \
	DEFF(op##_ws, #op " %w[r], s16")                                                     \
	DEFF(op##_xs, #op " %x[r], s16")
#define CVTI_OPS(X) X(fcvtzs) X(fcvtzu) X(fcvtns) X(fcvtnu) X(fcvtas) X(fcvtau) X(fcvtps) \
	X(fcvtpu) X(fcvtms) X(fcvtmu)
CVTI_OPS(CVTI)
DEFF(fcvtzs_xd_fb1, "fcvtzs %x[r], d16, #1")
DEFF(fcvtzs_wd_fb16, "fcvtzs %w[r], d16, #16")
DEFF(fcvtzu_xs_fb32, "fcvtzu %x[r], s16, #32")
DEFF(fcvtzu_ws_fb32, "fcvtzu %w[r], s16, #32")
DEFF(fcvtzs_xd_fb64, "fcvtzs %x[r], d16, #64")
/* SIMD scalar FP -> int (result in a vector register) */
DEFF(fcvtzs_dd, "fcvtzs d18, d16" R18)
DEFF(fcvtnu_ss, "fcvtnu s18, s16" R18)
/* int -> FP */
DEFF(scvtf_dx, "scvtf d18, %x[a]" R18)
DEFF(scvtf_dw, "scvtf d18, %w[a]" R18)
DEFF(scvtf_sx, "scvtf s18, %x[a]" R18)
DEFF(scvtf_sw, "scvtf s18, %w[a]" R18)
DEFF(ucvtf_dx, "ucvtf d18, %x[a]" R18)
DEFF(ucvtf_dw, "ucvtf d18, %w[a]" R18)
DEFF(ucvtf_sx, "ucvtf s18, %x[a]" R18)
DEFF(ucvtf_sw, "ucvtf s18, %w[a]" R18)
DEFF(scvtf_dx_fb3, "scvtf d18, %x[a], #3" R18)
DEFF(ucvtf_sw_fb32, "ucvtf s18, %w[a], #32" R18)
DEFF(scvtf_sx_fb64, "scvtf s18, %x[a], #64" R18)
DEFF(ucvtf_dd, "ucvtf d18, d16" R18)
DEFF(scvtf_ss, "scvtf s18, s16" R18)
/* moves */
DEFF(fmov_imm, "fmov d18, #-1.25\n\tfmov s17, #31.0\n\tfmov x10, d17\n\tfmov %x[r], d18\n\t"
	       "eor %x[r], %x[r], x10")
DEFF(fmov_imm_s, "fmov s18, #0.125" R18)
DEFF(fmov_xd, "fmov d18, %x[a]\n\tfmov %x[r], d18")
DEFF(fmov_ws, "fmov s18, %w[a]\n\tfmov %x[r], d18")
DEFF(fmov_sw, "fmov %w[r], s16")
DEFF(fmov_hi, "fmov v18.d[1], %x[a]\n\tfmov %x[r], v18.d[1]\n\tfmov x10, d18\n\t"
	      "eor %x[r], %x[r], x10")
DEFF(fmov_hi_keep, "fmov d18, %x[b]\n\tfmov v18.d[1], %x[a]\n\tfmov %x[r], d18")

enum { T_D, T_S, T_H, T_I, T_D2S /* int result from FP inputs etc. */ };
/* input kinds for a, c */
enum { C_SAME = 0, C_NZCV = 1 };
struct fop { const char *name; void *fn; u8 ta; u8 nargs; u8 ckind; u8 modes; };
typedef u64 (*ff_t)(u64, u64, u64, u64, u64 *);

#define M_ALL 0x7f
#define M_HALF 0xff
#define O(id, ta, n) { #id, (void *)id, ta, n, C_SAME, M_ALL }
#define ON(id, ta, n) { #id, (void *)id, ta, n, C_NZCV, M_ALL }
#define OH(id, ta, n) { #id, (void *)id, ta, n, C_SAME, M_HALF }
#define O_CVTI(op) O(op##_wd, T_D, 1), O(op##_xd, T_D, 1), O(op##_ws, T_S, 1), O(op##_xs, T_S, 1),

static const struct fop fops[] = {
	O(fadd_d, T_D, 2), O(fadd_s, T_S, 2), O(fsub_d, T_D, 2), O(fsub_s, T_S, 2),
	O(fmul_d, T_D, 2), O(fmul_s, T_S, 2), O(fdiv_d, T_D, 2), O(fdiv_s, T_S, 2),
	O(fnmul_d, T_D, 2), O(fnmul_s, T_S, 2), O(fmax_d, T_D, 2), O(fmin_s, T_S, 2),
	O(fmaxnm_s, T_S, 2), O(fminnm_d, T_D, 2), O(fabd_d, T_D, 2), O(fabd_s, T_S, 2),
	O(frecps_d, T_D, 2), O(frsqrts_s, T_S, 2),
	O(fmadd_d, T_D, 3), O(fmadd_s, T_S, 3), O(fmsub_d, T_D, 3), O(fmsub_s, T_S, 3),
	O(fnmadd_d, T_D, 3), O(fnmadd_s, T_S, 3), O(fnmsub_d, T_D, 3), O(fnmsub_s, T_S, 3),
	O(fsqrt_d, T_D, 1), O(fsqrt_s, T_S, 1), O(fabs_d, T_D, 1), O(fabs_s, T_S, 1),
	O(fneg_d, T_D, 1), O(fneg_s, T_S, 1), O(fmov_reg_s, T_S, 1), O(frecpe_d, T_D, 1),
	O(frecpe_s, T_S, 1), O(frsqrte_d, T_D, 1), O(frsqrte_s, T_S, 1), O(frecpx_d, T_D, 1),
	O(frintn_d, T_D, 1), O(frintn_s, T_S, 1), O(frintp_d, T_D, 1), O(frintm_s, T_S, 1),
	O(frintz_d, T_D, 1), O(frinta_d, T_D, 1), O(frinta_s, T_S, 1), O(frintx_d, T_D, 1),
	O(frintx_s, T_S, 1), O(frinti_d, T_D, 1), O(frinti_s, T_S, 1),
	O(fcvt_sd, T_D, 1), O(fcvt_ds, T_S, 1), OH(fcvt_hs, T_S, 1), OH(fcvt_hd, T_D, 1),
	OH(fcvt_sh, T_H, 1), OH(fcvt_dh, T_H, 1),
	O(fcmp_d, T_D, 2), O(fcmp_s, T_S, 2), O(fcmpe_d, T_D, 2), O(fcmpe_s, T_S, 2),
	O(fcmp_d_zero, T_D, 1), O(fcmpe_s_zero, T_S, 1), ON(fccmp_d_eq, T_D, 3),
	ON(fccmpe_s_lt, T_S, 3), ON(fcsel_d_gt, T_D, 3), ON(fcsel_s_vs, T_S, 3),
	CVTI_OPS(O_CVTI)
	O(fcvtzs_xd_fb1, T_D, 1), O(fcvtzs_wd_fb16, T_D, 1), O(fcvtzu_xs_fb32, T_S, 1),
	O(fcvtzu_ws_fb32, T_S, 1), O(fcvtzs_xd_fb64, T_D, 1), O(fcvtzs_dd, T_D, 1),
	O(fcvtnu_ss, T_S, 1),
	O(scvtf_dx, T_I, 1), O(scvtf_dw, T_I, 1), O(scvtf_sx, T_I, 1), O(scvtf_sw, T_I, 1),
	O(ucvtf_dx, T_I, 1), O(ucvtf_dw, T_I, 1), O(ucvtf_sx, T_I, 1), O(ucvtf_sw, T_I, 1),
	O(scvtf_dx_fb3, T_I, 1), O(ucvtf_sw_fb32, T_I, 1), O(scvtf_sx_fb64, T_I, 1),
	O(ucvtf_dd, T_I, 1), O(scvtf_ss, T_I, 1),
	O(fmov_imm, T_D, 0), O(fmov_imm_s, T_D, 0), O(fmov_xd, T_I, 1), O(fmov_ws, T_I, 1),
	O(fmov_sw, T_I, 1), O(fmov_hi, T_I, 1), O(fmov_hi_keep, T_I, 2),
};

static const u64 fp_d[] = {
	0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000,
	0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000, 0xfff8000000000123,
	0x7ff0000000000001, 0x7ff4000000000abc, 0xfff0000000000bad, 0x0000000000000001,
	0x000fffffffffffff, 0x8000000000000123, 0x0010000000000000, 0x7fefffffffffffff,
	0xffefffffffffffff, 0x3fe0000000000000, 0x3ff8000000000000, 0x4004000000000000,
	0xc004000000000000, 0x400c000000000000, 0x41e0000000000000, 0xc1e0000000000000,
	0x41dfffffffc00000, 0x41f0000000000000, 0x43e0000000000000, 0xc3e0000000000000,
	0x43f0000000000000, 0x4330000000000000, 0x400921fb54442d18, 0x3fd5555555555555,
	0x3ff0000000000001, 0x0018000000000000, 0xbfe8000000000000, 0x41efffffffe00000,
	0x3ca0000000000000, 0x47efffffe0000000, 0x47effffff0000000, 0x36a0000000000000,
	0x3800000000000000, 0xc1e0000000200000, 0x43dfffffffffffff, 0x3fefffffffffffff,
	0x40f0000000000000, 0x3f10000000000000, 0x3e70000000000000, 0x40effc0000000000,
};
static const u32 fp_s[] = {
	0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000,
	0xffc00123, 0x7f800001, 0x7fa00abc, 0x00000001, 0x007fffff, 0x80000123, 0x00800000,
	0x7f7fffff, 0xff7fffff, 0x3f000000, 0x3fc00000, 0x40200000, 0xc0200000, 0x4f000000,
	0xcf000000, 0x4f800000, 0x5f000000, 0xdf000000, 0x5f800000, 0x40490fdb, 0x3eaaaaab,
	0x3f800001, 0x4b800000, 0x477fe000, 0x477ff000, 0x33800000, 0x33000000, 0x38800000,
	0x3f7fffff, 0x4effffff, 0xcf000001, 0x4b000001, 0x387fc000, 0xbf400000,
};
static const u16 fp_h[] = {
	0x0000, 0x8000, 0x3c00, 0xbc00, 0x7c00, 0xfc00, 0x7e00, 0x7d00, 0xfe55, 0x0001,
	0x03ff, 0x0400, 0x7bff, 0x3555, 0x4248, 0x8001, 0xfbff, 0x7fff,
};
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static u64 gen_fp(int t)
{
	u64 r = rng();
	int cls = r & 15;
	if (t == T_I)
		return gen_int();
	if (t == T_H) {
		if (cls < 8)
			return fp_h[(r >> 8) % NELEM(fp_h)];
		return (r >> 16) & 0xffff;
	}
	if (t == T_D) {
		if (cls < 7)
			return fp_d[(r >> 8) % NELEM(fp_d)];
		u64 m = rng();
		u64 sign = m & 0x8000000000000000ULL;
		m &= 0x000fffffffffffffULL;
		if (cls < 12)	/* moderate exponents */
			return sign | ((u64)(1023 - 40 + ((r >> 8) % 80)) << 52) | m;
		if (cls < 14)	/* near the extremes */
			return sign | ((u64)(((r >> 8) & 1) ? 2046 - ((r >> 9) % 8) : (r >> 9) % 8) << 52) | m;
		if (cls < 15)	/* near integer boundaries (2^31, 2^32, 2^63, 2^64) */
			return sign | ((u64)(1023 + 30 + ((r >> 8) % 35)) << 52) | (m & 0xff);
		return rng();
	}
	/* single */
	if (cls < 7)
		return fp_s[(r >> 8) % NELEM(fp_s)];
	u64 m = rng();
	u64 sign = m & 0x80000000ULL;
	m &= 0x7fffffULL;
	if (cls < 12)
		return sign | ((u64)(127 - 30 + ((r >> 8) % 60)) << 23) | m;
	if (cls < 14)
		return sign | ((u64)(((r >> 8) & 1) ? 254 - ((r >> 9) % 8) : (r >> 9) % 8) << 23) | m;
	if (cls < 15)
		return sign | ((u64)(127 + 22 + ((r >> 8) % 44)) << 23) | (m & 0xf);
	return rng() & 0xffffffffULL;
}

static const u64 mode_cr[] = { 0, 1u << 22, 2u << 22, 3u << 22, 1u << 24, 1u << 25,
			       (1u << 24) | (1u << 25) | (3u << 22), 1u << 26 };
static const char *const mode_name[] = { "rn", "rp", "rm", "rz", "fz", "dn", "fzdnrz", "ahp" };

static void run_op(const struct fop *o)
{
	rng_seed_str(o->name);
	for (int m = 0; m < 8; m++) {
		if (!(o->modes & (1 << m)))
			continue;
		int n = o->nargs == 0 ? (m == 0 ? 1 : 0) : m == 0 ? 16 : 3;
		for (int k = 0; k < n; k++) {
			u64 a = gen_fp(o->ta), b = gen_fp(o->ta), c;
			if (o->ckind == C_NZCV)
				c = nzcv_vals[rng() & 7];
			else
				c = gen_fp(o->ta);
			u64 x = rng();
			if (o->nargs >= 2 && (x & 7) == 0)	/* exact cancellation */
				b = a;
			if (o->ta != T_I && o->nargs == 1 && m == 0 && k < 6)	/* specials first */
				a = o->ta == T_D ? fp_d[k * 2 + (x >> 8 & 1)] :
				    o->ta == T_S ? fp_s[k * 2 + (x >> 8 & 1)] : fp_h[k * 2 + (x >> 8 & 1)];
			u64 sr;
			u64 r = ((ff_t)o->fn)(a, b, c, mode_cr[m], &sr);
			printf("%s %s " X16, o->name, mode_name[m], a);
			if (o->nargs >= 2)
				printf(" " X16, b);
			if (o->nargs >= 3)
				printf(" " X16, c);
			printf(" -> " X16 " %02lx\n", r, sr);
		}
	}
}

static void fpcr_fpsr(void)
{
	section("FPCR/FPSR read-back");
	static const u64 crs[] = { 0, 0x00c00000, 0x01000000, 0x02000000, 0x04000000,
				   0x07c00000, 0x0000009f, 0x03c0009f };
	for (unsigned i = 0; i < NELEM(crs); i++) {
		set_fpcr(crs[i]);
		u64 v = get_fpcr();
		set_fpcr(0);
		printf("fpcr %08lx -> %08lx\n", crs[i], v);
	}
	static const u64 srs[] = { 0, 0x9f, 0x08000000, 0x0800009f, 0x00000001 };
	for (unsigned i = 0; i < NELEM(srs); i++) {
		set_fpsr(srs[i]);
		u64 v = get_fpsr();
		set_fpsr(0);
		printf("fpsr %08lx -> %08lx\n", srs[i], v);
	}
	/* cumulative: flags accumulate across operations until cleared */
	u64 sr;
	__asm__ volatile("msr fpsr, xzr\n\tfmov d0, #1.0\n\tmovi d1, #0\n\tfdiv d2, d0, d1\n\t"
			 "fmov d3, #3.0\n\tfdiv d4, d0, d3\n\tmrs %0, fpsr"
			 : "=r"(sr) : : "v0", "v1", "v2", "v3", "v4");
	printf("cumulative %08lx\n", sr);
}

int main(void)
{
	fpcr_fpsr();
	section("scalar FP: op mode a [b [c]] -> result fpsr");
	for (unsigned i = 0; i < NELEM(fops); i++)
		run_op(&fops[i]);
	done();
	return 0;
}
