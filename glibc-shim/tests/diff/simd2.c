/* Differential test (part 2 of diff-simd): FP vector operations under several FPCR
 * settings, and AdvSIMD structure loads/stores (LD1-LD4/ST1-ST4 multiple, single lane,
 * replicate; immediate and register post-index). */
#include "simd.h"

DEFV(fadd_4s, "fadd v19.4s, v16.4s, v17.4s")
DEFV(fadd_2d, "fadd v19.2d, v16.2d, v17.2d")
DEFV(fsub_2s, "fsub v19.2s, v16.2s, v17.2s")
DEFV(fmul_4s, "fmul v19.4s, v16.4s, v17.4s")
DEFV(fmul_2d, "fmul v19.2d, v16.2d, v17.2d")
DEFV(fdiv_4s, "fdiv v19.4s, v16.4s, v17.4s")
DEFV(fdiv_2d, "fdiv v19.2d, v16.2d, v17.2d")
DEFV(fmax_4s, "fmax v19.4s, v16.4s, v17.4s")
DEFV(fmin_2d, "fmin v19.2d, v16.2d, v17.2d")
DEFV(fmaxnm_4s, "fmaxnm v19.4s, v16.4s, v17.4s")
DEFV(fminnm_2d, "fminnm v19.2d, v16.2d, v17.2d")
DEFV(fmla_4s, "fmla v19.4s, v16.4s, v17.4s")
DEFV(fmls_2d, "fmls v19.2d, v16.2d, v17.2d")
DEFV(fabd_4s, "fabd v19.4s, v16.4s, v17.4s")
DEFV(faddp_4s, "faddp v19.4s, v16.4s, v17.4s")
DEFV(faddp_2d, "faddp v19.2d, v16.2d, v17.2d")
DEFV(fmaxp_4s, "fmaxp v19.4s, v16.4s, v17.4s")
DEFV(fminnmp_2d, "fminnmp v19.2d, v16.2d, v17.2d")
DEFV(faddp_s, "faddp s19, v16.2s")
DEFV(fmaxnmp_d, "fmaxnmp d19, v16.2d")
DEFV(fcmeq_4s, "fcmeq v19.4s, v16.4s, v17.4s")
DEFV(fcmge_2d, "fcmge v19.2d, v16.2d, v17.2d")
DEFV(fcmgt_4s, "fcmgt v19.4s, v16.4s, v17.4s")
DEFV(facge_4s, "facge v19.4s, v16.4s, v17.4s")
DEFV(facgt_2d, "facgt v19.2d, v16.2d, v17.2d")
DEFV(fcmeq0_4s, "fcmeq v19.4s, v16.4s, #0.0")
DEFV(fcmlt0_2d, "fcmlt v19.2d, v16.2d, #0.0")
DEFV(fcmle0_4s, "fcmle v19.4s, v16.4s, #0.0")
DEFV(fcmgt_s, "fcmgt s19, s16, s17")
DEFV(facge_d, "facge d19, d16, d17")
DEFV(fabs_4s, "fabs v19.4s, v16.4s")
DEFV(fneg_2d, "fneg v19.2d, v16.2d")
DEFV(fsqrt_4s, "fsqrt v19.4s, v16.4s")
DEFV(fsqrt_2d, "fsqrt v19.2d, v16.2d")
DEFV(frintn_4s, "frintn v19.4s, v16.4s")
DEFV(frinta_2d, "frinta v19.2d, v16.2d")
DEFV(frintp_4s, "frintp v19.4s, v16.4s")
DEFV(frintm_2d, "frintm v19.2d, v16.2d")
DEFV(frintz_4s, "frintz v19.4s, v16.4s")
DEFV(frintx_4s, "frintx v19.4s, v16.4s")
DEFV(frinti_2d, "frinti v19.2d, v16.2d")
DEFV(fcvtzs_4s, "fcvtzs v19.4s, v16.4s")
DEFV(fcvtzu_2d, "fcvtzu v19.2d, v16.2d")
DEFV(fcvtns_4s, "fcvtns v19.4s, v16.4s")
DEFV(fcvtau_4s, "fcvtau v19.4s, v16.4s")
DEFV(fcvtms_2d, "fcvtms v19.2d, v16.2d")
DEFV(fcvtpu_4s, "fcvtpu v19.4s, v16.4s")
DEFV(fcvtzs_fx_4s, "fcvtzs v19.4s, v16.4s, #8")
DEFV(fcvtzu_fx_2d, "fcvtzu v19.2d, v16.2d, #40")
DEFV(scvtf_4s, "scvtf v19.4s, v16.4s")
DEFV(ucvtf_2d, "ucvtf v19.2d, v16.2d")
DEFV(scvtf_fx_4s, "scvtf v19.4s, v16.4s, #16")
DEFV(ucvtf_fx_2d, "ucvtf v19.2d, v16.2d, #64")
DEFV(fcvtl_4s, "fcvtl v19.4s, v16.4h")
DEFV(fcvtl2_2d, "fcvtl2 v19.2d, v16.4s")
DEFV(fcvtn_4h, "fcvtn v19.4h, v16.4s")
DEFV(fcvtn2_4s, "fcvtn2 v19.4s, v16.2d")
DEFV(fcvtxn_2s, "fcvtxn v19.2s, v16.2d")
DEFV(fcvtxn_s, "fcvtxn s19, d16")
DEFV(frecpe_4s, "frecpe v19.4s, v16.4s")
DEFV(frsqrte_2d, "frsqrte v19.2d, v16.2d")
DEFV(frecps_4s, "frecps v19.4s, v16.4s, v17.4s")
DEFV(frsqrts_2d, "frsqrts v19.2d, v16.2d, v17.2d")
DEFV(fmulx_4s, "fmulx v19.4s, v16.4s, v17.4s")
DEFV(fmulx_d, "fmulx d19, d16, d17")
DEFV(fmul_elem_4s, "fmul v19.4s, v16.4s, v17.s[2]")
DEFV(fmla_elem_2d, "fmla v19.2d, v16.2d, v17.d[1]")
DEFV(fmls_elem_s, "fmls s19, s16, v17.s[3]")
DEFV(fmaxnmv_4s, "fmaxnmv s19, v16.4s")
DEFV(fminv_4s, "fminv s19, v16.4s")
DEFV(fmaxv_4s, "fmaxv s19, v16.4s")
DEFV(fminnmv_4s, "fminnmv s19, v16.4s")

static const struct vop fp_ops[] = {
	VF(fadd_4s, F32, 2), VF(fadd_2d, F64, 2), VF(fsub_2s, F32, 2), VF(fmul_4s, F32, 2),
	VF(fmul_2d, F64, 2), VF(fdiv_4s, F32, 2), VF(fdiv_2d, F64, 2), VF(fmax_4s, F32, 2),
	VF(fmin_2d, F64, 2), VF(fmaxnm_4s, F32, 2), VF(fminnm_2d, F64, 2), VF(fmla_4s, F32, 3),
	VF(fmls_2d, F64, 3), VF(fabd_4s, F32, 2), VF(faddp_4s, F32, 2), VF(faddp_2d, F64, 2),
	VF(fmaxp_4s, F32, 2), VF(fminnmp_2d, F64, 2), VF(faddp_s, F32, 1), VF(fmaxnmp_d, F64, 1),
	VF(fcmeq_4s, F32, 2), VF(fcmge_2d, F64, 2), VF(fcmgt_4s, F32, 2), VF(facge_4s, F32, 2),
	VF(facgt_2d, F64, 2), VF(fcmeq0_4s, F32, 1), VF(fcmlt0_2d, F64, 1), VF(fcmle0_4s, F32, 1),
	VF(fcmgt_s, F32, 2), VF(facge_d, F64, 2), VF(fabs_4s, F32, 1), VF(fneg_2d, F64, 1),
	VF(fsqrt_4s, F32, 1), VF(fsqrt_2d, F64, 1), VF(frintn_4s, F32, 1), VF(frinta_2d, F64, 1),
	VF(frintp_4s, F32, 1), VF(frintm_2d, F64, 1), VF(frintz_4s, F32, 1), VF(frintx_4s, F32, 1),
	VF(frinti_2d, F64, 1), VF(fcvtzs_4s, F32, 1), VF(fcvtzu_2d, F64, 1), VF(fcvtns_4s, F32, 1),
	VF(fcvtau_4s, F32, 1), VF(fcvtms_2d, F64, 1), VF(fcvtpu_4s, F32, 1),
	VF(fcvtzs_fx_4s, F32, 1), VF(fcvtzu_fx_2d, F64, 1), VF(scvtf_4s, E32, 1),
	VF(ucvtf_2d, E64, 1), VF(scvtf_fx_4s, E32, 1), VF(ucvtf_fx_2d, E64, 1),
	VF(fcvtl_4s, E16, 1), VF(fcvtl2_2d, F32, 1), VF(fcvtn_4h, F32, 1), VF(fcvtn2_4s, F64, 3),
	VF(fcvtxn_2s, F64, 1), VF(fcvtxn_s, F64, 1), VF(frecpe_4s, F32, 1), VF(frsqrte_2d, F64, 1),
	VF(frecps_4s, F32, 2), VF(frsqrts_2d, F64, 2), VF(fmulx_4s, F32, 2), VF(fmulx_d, F64, 2),
	VF(fmul_elem_4s, F32, 2), VF(fmla_elem_2d, F64, 3), VF(fmls_elem_s, F32, 3),
	VF(fmaxnmv_4s, F32, 1), VF(fminv_4s, F32, 1), VF(fmaxv_4s, F32, 1), VF(fminnmv_4s, F32, 1),
};

void simd_fp(void)
{
	section("AdvSIMD FP: op mode a [b [c]] -> r fpsr");
	run_vops(fp_ops, sizeof(fp_ops) / sizeof(fp_ops[0]));
}

/* ---------- structure loads / stores ---------- */
static u8 mem[512] __attribute__((aligned(64)));
#define MID 256
static v128 preset[4], out[4];

typedef void (*lsfn)(u64 *base, u64 inc);
#define DEFLS(id, body)                                                                      \
	static void id(u64 *base, u64 inc)                                                   \
	{                                                                                    \
		u64 b = *base;                                                               \
		__asm__ volatile("ldp q16, q17, [%[p]]\n\tldp q18, q19, [%[p], #32]\n\t"     \
				 "mov x10, %[b]\n\tmov x11, %[inc]\n\t" body "\n\t"          \
				 "stp q16, q17, [%[o]]\n\tstp q18, q19, [%[o], #32]\n\t"     \
				 "mov %[b], x10"                                             \
				 : [b] "+&r"(b)                                               \
				 : [p] "r"(preset), [o] "r"(out), [inc] "r"(inc)              \
				 : "memory", "x10", "x11", "v16", "v17", "v18", "v19");       \
		*base = b;                                                                   \
	}

DEFLS(ld1_16b, "ld1 {v16.16b}, [x10]")
DEFLS(ld1_8b, "ld1 {v16.8b}, [x10], #8")
DEFLS(ld1x2_8h, "ld1 {v16.8h, v17.8h}, [x10], #32")
DEFLS(ld1x3_4s, "ld1 {v16.4s, v17.4s, v18.4s}, [x10], x11")
DEFLS(ld1x4_2d, "ld1 {v16.2d, v17.2d, v18.2d, v19.2d}, [x10]")
DEFLS(ld1x4_4h, "ld1 {v16.4h, v17.4h, v18.4h, v19.4h}, [x10], #32")
DEFLS(ld2_8h, "ld2 {v16.8h, v17.8h}, [x10]")
DEFLS(ld2_8b, "ld2 {v16.8b, v17.8b}, [x10], #16")
DEFLS(ld2_2d, "ld2 {v16.2d, v17.2d}, [x10], x11")
DEFLS(ld3_4s, "ld3 {v16.4s, v17.4s, v18.4s}, [x10]")
DEFLS(ld3_16b, "ld3 {v16.16b, v17.16b, v18.16b}, [x10], x11")
DEFLS(ld3_4h, "ld3 {v16.4h, v17.4h, v18.4h}, [x10], #24")
DEFLS(ld4_8h, "ld4 {v16.8h, v17.8h, v18.8h, v19.8h}, [x10], #64")
DEFLS(ld4_2s, "ld4 {v16.2s, v17.2s, v18.2s, v19.2s}, [x10]")
DEFLS(ld4_16b, "ld4 {v16.16b, v17.16b, v18.16b, v19.16b}, [x10], x11")
DEFLS(ld1r_8h, "ld1r {v16.8h}, [x10]")
DEFLS(ld1r_8b, "ld1r {v16.8b}, [x10], #1")
DEFLS(ld2r_4s, "ld2r {v16.4s, v17.4s}, [x10], x11")
DEFLS(ld3r_2d, "ld3r {v16.2d, v17.2d, v18.2d}, [x10]")
DEFLS(ld4r_16b, "ld4r {v16.16b, v17.16b, v18.16b, v19.16b}, [x10], #4")
DEFLS(ld4r_1d, "ld4r {v16.1d, v17.1d, v18.1d, v19.1d}, [x10]")
DEFLS(ld1_lane_s, "ld1 {v16.s}[3], [x10]")
DEFLS(ld1_lane_d, "ld1 {v17.d}[0], [x10], x11")
DEFLS(ld2_lane_h, "ld2 {v16.h, v17.h}[5], [x10], #4")
DEFLS(ld3_lane_b, "ld3 {v16.b, v17.b, v18.b}[15], [x10], x11")
DEFLS(ld4_lane_d, "ld4 {v16.d, v17.d, v18.d, v19.d}[1], [x10]")
DEFLS(ld4_lane_s, "ld4 {v16.s, v17.s, v18.s, v19.s}[2], [x10], #16")
DEFLS(ld2_wrap, "ld2 {v19.4s, v20.4s}, [x10]\n\tmov v16.16b, v20.16b")
DEFLS(st1_16b, "st1 {v16.16b}, [x10]")
DEFLS(st1_8b, "st1 {v17.8b}, [x10], #8")
DEFLS(st1x2_2d, "st1 {v16.2d, v17.2d}, [x10], x11")
DEFLS(st1x3_8h, "st1 {v16.8h, v17.8h, v18.8h}, [x10], #48")
DEFLS(st1x4_4s, "st1 {v16.4s, v17.4s, v18.4s, v19.4s}, [x10]")
DEFLS(st2_4s, "st2 {v16.4s, v17.4s}, [x10]")
DEFLS(st2_8b, "st2 {v16.8b, v17.8b}, [x10], #16")
DEFLS(st3_8h, "st3 {v16.8h, v17.8h, v18.8h}, [x10]")
DEFLS(st3_16b, "st3 {v16.16b, v17.16b, v18.16b}, [x10], x11")
DEFLS(st4_4s, "st4 {v16.4s, v17.4s, v18.4s, v19.4s}, [x10], #64")
DEFLS(st4_8b, "st4 {v16.8b, v17.8b, v18.8b, v19.8b}, [x10]")
DEFLS(st1_lane_h, "st1 {v16.h}[6], [x10]")
DEFLS(st2_lane_s, "st2 {v16.s, v17.s}[1], [x10], x11")
DEFLS(st3_lane_b, "st3 {v16.b, v17.b, v18.b}[9], [x10], #3")
DEFLS(st4_lane_d, "st4 {v16.d, v17.d, v18.d, v19.d}[0], [x10], #32")

struct lsop { const char *name; lsfn fn; int store; };
#define LS(id, st) { #id, id, st }
static const struct lsop lsops[] = {
	LS(ld1_16b, 0), LS(ld1_8b, 0), LS(ld1x2_8h, 0), LS(ld1x3_4s, 0), LS(ld1x4_2d, 0),
	LS(ld1x4_4h, 0), LS(ld2_8h, 0), LS(ld2_8b, 0), LS(ld2_2d, 0), LS(ld3_4s, 0),
	LS(ld3_16b, 0), LS(ld3_4h, 0), LS(ld4_8h, 0), LS(ld4_2s, 0), LS(ld4_16b, 0),
	LS(ld1r_8h, 0), LS(ld1r_8b, 0), LS(ld2r_4s, 0), LS(ld3r_2d, 0), LS(ld4r_16b, 0),
	LS(ld4r_1d, 0), LS(ld1_lane_s, 0), LS(ld1_lane_d, 0), LS(ld2_lane_h, 0),
	LS(ld3_lane_b, 0), LS(ld4_lane_d, 0), LS(ld4_lane_s, 0), LS(ld2_wrap, 0),
	LS(st1_16b, 1), LS(st1_8b, 1), LS(st1x2_2d, 1), LS(st1x3_8h, 1), LS(st1x4_4s, 1),
	LS(st2_4s, 1), LS(st2_8b, 1), LS(st3_8h, 1), LS(st3_16b, 1), LS(st4_4s, 1), LS(st4_8b, 1),
	LS(st1_lane_h, 1), LS(st2_lane_s, 1), LS(st3_lane_b, 1), LS(st4_lane_d, 1),
};

static u8 pat(int i) { return (u8)(i * 0x3b + 0x11); }

void simd_ldst(void)
{
	section("AdvSIMD structure loads/stores: op inc -> base' v16 v17 v18 v19 [changed-words]");
	for (int i = 0; i < 4; i++) {
		preset[i].lo = 0xa0a1a2a3a4a5a6a7ULL + 0x1010101010101010ULL * i;
		preset[i].hi = 0xb0b1b2b3b4b5b6b7ULL + 0x0101010101010101ULL * i;
	}
	static const s64 incs[] = { 48, -16 };
	for (unsigned n = 0; n < sizeof(lsops) / sizeof(lsops[0]); n++) {
		for (int k = 0; k < 2; k++) {
			for (int i = 0; i < (int)sizeof(mem); i++)
				mem[i] = pat(i);
			u64 b = (u64)(mem + MID);
			lsops[n].fn(&b, (u64)incs[k]);
			printf("%s %ld -> %ld", lsops[n].name, incs[k], (s64)(b - (u64)mem) - MID);
			for (int i = 0; i < 4; i++)
				printf(" " X16 ":" X16, out[i].hi, out[i].lo);
			if (lsops[n].store) {
				for (int i = 0; i < (int)sizeof(mem); i += 8) {
					int diff = 0;
					u64 w = 0;
					for (int j = 7; j >= 0; j--) {
						diff |= mem[i + j] != pat(i + j);
						w = (w << 8) | mem[i + j];
					}
					if (diff)
						printf(" [%d]=" X16, i - MID, w);
				}
			}
			printf("\n");
		}
	}
}
