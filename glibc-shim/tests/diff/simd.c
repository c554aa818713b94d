/* Differential test: AdvSIMD integer — arithmetic, saturation (QC), shifts, compares,
 * reductions, widening/narrowing, bitwise, permutes (ZIP/UZP/TRN/EXT/TBL/TBX), copies
 * (DUP/INS/UMOV/SMOV/MOVI/MVNI), CNT, scalar forms and by-element forms. simd2.c adds
 * structure loads/stores and FP vector operations. */
#include "simd.h"

/* ---- three same ---- */
DEFV(add_16b, "add v19.16b, v16.16b, v17.16b")
DEFV(add_2d, "add v19.2d, v16.2d, v17.2d")
DEFV(sub_8h, "sub v19.8h, v16.8h, v17.8h")
DEFV(sub_2s, "sub v19.2s, v16.2s, v17.2s")
DEFV(mul_8h, "mul v19.8h, v16.8h, v17.8h")
DEFV(mul_4s, "mul v19.4s, v16.4s, v17.4s")
DEFV(mla_16b, "mla v19.16b, v16.16b, v17.16b")
DEFV(mls_4h, "mls v19.4h, v16.4h, v17.4h")
DEFV(sqadd_16b, "sqadd v19.16b, v16.16b, v17.16b")
DEFV(sqadd_2d, "sqadd v19.2d, v16.2d, v17.2d")
DEFV(uqadd_8h, "uqadd v19.8h, v16.8h, v17.8h")
DEFV(sqsub_4s, "sqsub v19.4s, v16.4s, v17.4s")
DEFV(uqsub_16b, "uqsub v19.16b, v16.16b, v17.16b")
DEFV(uqsub_2d, "uqsub v19.2d, v16.2d, v17.2d")
DEFV(shadd_8b, "shadd v19.8b, v16.8b, v17.8b")
DEFV(uhadd_4s, "uhadd v19.4s, v16.4s, v17.4s")
DEFV(srhadd_8h, "srhadd v19.8h, v16.8h, v17.8h")
DEFV(urhadd_16b, "urhadd v19.16b, v16.16b, v17.16b")
DEFV(shsub_4s, "shsub v19.4s, v16.4s, v17.4s")
DEFV(uhsub_8h, "uhsub v19.8h, v16.8h, v17.8h")
DEFV(smax_16b, "smax v19.16b, v16.16b, v17.16b")
DEFV(smin_4s, "smin v19.4s, v16.4s, v17.4s")
DEFV(umax_8h, "umax v19.8h, v16.8h, v17.8h")
DEFV(umin_2s, "umin v19.2s, v16.2s, v17.2s")
DEFV(sabd_8h, "sabd v19.8h, v16.8h, v17.8h")
DEFV(uabd_16b, "uabd v19.16b, v16.16b, v17.16b")
DEFV(saba_4s, "saba v19.4s, v16.4s, v17.4s")
DEFV(uaba_8b, "uaba v19.8b, v16.8b, v17.8b")
DEFV(cmeq_16b, "cmeq v19.16b, v16.16b, v17.16b")
DEFV(cmge_8h, "cmge v19.8h, v16.8h, v17.8h")
DEFV(cmgt_4s, "cmgt v19.4s, v16.4s, v17.4s")
DEFV(cmhi_2d, "cmhi v19.2d, v16.2d, v17.2d")
DEFV(cmhs_16b, "cmhs v19.16b, v16.16b, v17.16b")
DEFV(cmtst_8h, "cmtst v19.8h, v16.8h, v17.8h")
DEFV(sshl_16b, "sshl v19.16b, v16.16b, v17.16b")
DEFV(ushl_2d, "ushl v19.2d, v16.2d, v17.2d")
DEFV(ushl_4s, "ushl v19.4s, v16.4s, v17.4s")
DEFV(srshl_8h, "srshl v19.8h, v16.8h, v17.8h")
DEFV(urshl_4s, "urshl v19.4s, v16.4s, v17.4s")
DEFV(sqshl_16b, "sqshl v19.16b, v16.16b, v17.16b")
DEFV(uqshl_8h, "uqshl v19.8h, v16.8h, v17.8h")
DEFV(sqrshl_4s, "sqrshl v19.4s, v16.4s, v17.4s")
DEFV(uqrshl_2d, "uqrshl v19.2d, v16.2d, v17.2d")
DEFV(and_16b, "and v19.16b, v16.16b, v17.16b")
DEFV(bic_16b, "bic v19.16b, v16.16b, v17.16b")
DEFV(orr_8b, "orr v19.8b, v16.8b, v17.8b")
DEFV(orn_16b, "orn v19.16b, v16.16b, v17.16b")
DEFV(eor_16b, "eor v19.16b, v16.16b, v17.16b")
DEFV(bsl_16b, "bsl v19.16b, v16.16b, v17.16b")
DEFV(bit_16b, "bit v19.16b, v16.16b, v17.16b")
DEFV(bif_8b, "bif v19.8b, v16.8b, v17.8b")
DEFV(mov_16b, "mov v19.16b, v16.16b")
DEFV(addp_16b, "addp v19.16b, v16.16b, v17.16b")
DEFV(addp_2d, "addp v19.2d, v16.2d, v17.2d")
DEFV(smaxp_8h, "smaxp v19.8h, v16.8h, v17.8h")
DEFV(uminp_4s, "uminp v19.4s, v16.4s, v17.4s")
DEFV(sqdmulh_8h, "sqdmulh v19.8h, v16.8h, v17.8h")
DEFV(sqrdmulh_4s, "sqrdmulh v19.4s, v16.4s, v17.4s")
DEFV(pmul_16b, "pmul v19.16b, v16.16b, v17.16b")
/* ---- three different ---- */
DEFV(saddl_8h, "saddl v19.8h, v16.8b, v17.8b")
DEFV(uaddl2_4s, "uaddl2 v19.4s, v16.8h, v17.8h")
DEFV(ssubl2_2d, "ssubl2 v19.2d, v16.4s, v17.4s")
DEFV(usubw_8h, "usubw v19.8h, v16.8h, v17.8b")
DEFV(saddw2_4s, "saddw2 v19.4s, v16.4s, v17.8h")
DEFV(smull_4s, "smull v19.4s, v16.4h, v17.4h")
DEFV(umull2_2d, "umull2 v19.2d, v16.4s, v17.4s")
DEFV(smlal_8h, "smlal v19.8h, v16.8b, v17.8b")
DEFV(umlsl2_4s, "umlsl2 v19.4s, v16.8h, v17.8h")
DEFV(sqdmull_4s, "sqdmull v19.4s, v16.4h, v17.4h")
DEFV(sqdmull2_2d, "sqdmull2 v19.2d, v16.4s, v17.4s")
DEFV(sqdmlal_2d, "sqdmlal v19.2d, v16.2s, v17.2s")
DEFV(sqdmlsl2_4s, "sqdmlsl2 v19.4s, v16.8h, v17.8h")
DEFV(sabdl_8h, "sabdl v19.8h, v16.8b, v17.8b")
DEFV(uabal2_4s, "uabal2 v19.4s, v16.8h, v17.8h")
DEFV(pmull_8h, "pmull v19.8h, v16.8b, v17.8b")
DEFV(pmull2_8h, "pmull2 v19.8h, v16.16b, v17.16b")
DEFV(addhn_8b, "addhn v19.8b, v16.8h, v17.8h")
DEFV(raddhn2_16b, "raddhn2 v19.16b, v16.8h, v17.8h")
DEFV(subhn_4h, "subhn v19.4h, v16.4s, v17.4s")
DEFV(rsubhn2_4s, "rsubhn2 v19.4s, v16.2d, v17.2d")
/* ---- two-register misc ---- */
DEFV(abs_16b, "abs v19.16b, v16.16b")
DEFV(abs_2d, "abs v19.2d, v16.2d")
DEFV(neg_8h, "neg v19.8h, v16.8h")
DEFV(sqabs_4s, "sqabs v19.4s, v16.4s")
DEFV(sqneg_16b, "sqneg v19.16b, v16.16b")
DEFV(cls_8h, "cls v19.8h, v16.8h")
DEFV(clz_4s, "clz v19.4s, v16.4s")
DEFV(clz_16b, "clz v19.16b, v16.16b")
DEFV(cnt_16b, "cnt v19.16b, v16.16b")
DEFV(cnt_8b, "cnt v19.8b, v16.8b")
DEFV(not_16b, "not v19.16b, v16.16b")
DEFV(rbit_8b, "rbit v19.8b, v16.8b")
DEFV(rev16_16b, "rev16 v19.16b, v16.16b")
DEFV(rev32_8h, "rev32 v19.8h, v16.8h")
DEFV(rev64_4s, "rev64 v19.4s, v16.4s")
DEFV(cmeq0_4s, "cmeq v19.4s, v16.4s, #0")
DEFV(cmgt0_16b, "cmgt v19.16b, v16.16b, #0")
DEFV(cmle0_8h, "cmle v19.8h, v16.8h, #0")
DEFV(cmlt0_2d, "cmlt v19.2d, v16.2d, #0")
DEFV(cmge0_2s, "cmge v19.2s, v16.2s, #0")
DEFV(xtn_8b, "xtn v19.8b, v16.8h")
DEFV(xtn2_8h, "xtn2 v19.8h, v16.4s")
DEFV(sqxtn_4h, "sqxtn v19.4h, v16.4s")
DEFV(uqxtn2_16b, "uqxtn2 v19.16b, v16.8h")
DEFV(sqxtun_2s, "sqxtun v19.2s, v16.2d")
DEFV(saddlp_8h, "saddlp v19.8h, v16.16b")
DEFV(uaddlp_2d, "uaddlp v19.2d, v16.4s")
DEFV(uadalp_4s, "uadalp v19.4s, v16.8h")
DEFV(sadalp_1d, "sadalp v19.1d, v16.2s")
DEFV(suqadd_16b, "suqadd v19.16b, v16.16b")
DEFV(usqadd_4s, "usqadd v19.4s, v16.4s")
DEFV(shll_8h, "shll v19.8h, v16.8b, #8")
DEFV(shll2_2d, "shll2 v19.2d, v16.4s, #32")
DEFV(urecpe_4s, "urecpe v19.4s, v16.4s")
DEFV(ursqrte_2s, "ursqrte v19.2s, v16.2s")
/* ---- shift by immediate ---- */
DEFV(shl_16b, "shl v19.16b, v16.16b, #3")
DEFV(shl_2d, "shl v19.2d, v16.2d, #63")
DEFV(sshr_8h, "sshr v19.8h, v16.8h, #16")
DEFV(ushr_4s, "ushr v19.4s, v16.4s, #32")
DEFV(ushr_2d, "ushr v19.2d, v16.2d, #1")
DEFV(ssra_16b, "ssra v19.16b, v16.16b, #7")
DEFV(usra_2d, "usra v19.2d, v16.2d, #64")
DEFV(srshr_4s, "srshr v19.4s, v16.4s, #5")
DEFV(urshr_8h, "urshr v19.8h, v16.8h, #16")
DEFV(srsra_2d, "srsra v19.2d, v16.2d, #33")
DEFV(ursra_16b, "ursra v19.16b, v16.16b, #1")
DEFV(sri_8h, "sri v19.8h, v16.8h, #4")
DEFV(sri_2d, "sri v19.2d, v16.2d, #64")
DEFV(sli_4s, "sli v19.4s, v16.4s, #31")
DEFV(sli_16b, "sli v19.16b, v16.16b, #0")
DEFV(sqshl_i_8h, "sqshl v19.8h, v16.8h, #9")
DEFV(uqshl_i_16b, "uqshl v19.16b, v16.16b, #5")
DEFV(sqshlu_4s, "sqshlu v19.4s, v16.4s, #3")
DEFV(shrn_8b, "shrn v19.8b, v16.8h, #5")
DEFV(rshrn2_8h, "rshrn2 v19.8h, v16.4s, #16")
DEFV(sqshrn_2s, "sqshrn v19.2s, v16.2d, #7")
DEFV(uqshrn2_16b, "uqshrn2 v19.16b, v16.8h, #2")
DEFV(sqrshrn_4h, "sqrshrn v19.4h, v16.4s, #3")
DEFV(uqrshrn_2s, "uqrshrn v19.2s, v16.2d, #32")
DEFV(sqshrun_8b, "sqshrun v19.8b, v16.8h, #1")
DEFV(sqrshrun2_4s, "sqrshrun2 v19.4s, v16.2d, #17")
DEFV(sshll_8h, "sshll v19.8h, v16.8b, #3")
DEFV(ushll2_2d, "ushll2 v19.2d, v16.4s, #0")
DEFV(sxtl_4s, "sxtl v19.4s, v16.4h")
/* ---- across lanes ---- */
DEFV(addv_16b, "addv b19, v16.16b")
DEFV(addv_4s, "addv s19, v16.4s")
DEFV(saddlv_8h, "saddlv s19, v16.8h")
DEFV(uaddlv_16b, "uaddlv h19, v16.16b")
DEFV(uaddlv_4s, "uaddlv d19, v16.4s")
DEFV(smaxv_8b, "smaxv b19, v16.8b")
DEFV(umaxv_8h, "umaxv h19, v16.8h")
DEFV(sminv_4s, "sminv s19, v16.4s")
DEFV(uminv_16b, "uminv b19, v16.16b")
/* ---- permutes ---- */
DEFV(zip1_16b, "zip1 v19.16b, v16.16b, v17.16b")
DEFV(zip2_8h, "zip2 v19.8h, v16.8h, v17.8h")
DEFV(zip1_2s, "zip1 v19.2s, v16.2s, v17.2s")
DEFV(uzp1_4s, "uzp1 v19.4s, v16.4s, v17.4s")
DEFV(uzp2_16b, "uzp2 v19.16b, v16.16b, v17.16b")
DEFV(uzp2_4h, "uzp2 v19.4h, v16.4h, v17.4h")
DEFV(trn1_8h, "trn1 v19.8h, v16.8h, v17.8h")
DEFV(trn2_2d, "trn2 v19.2d, v16.2d, v17.2d")
DEFV(trn2_8b, "trn2 v19.8b, v16.8b, v17.8b")
DEFV(ext_16b_3, "ext v19.16b, v16.16b, v17.16b, #3")
DEFV(ext_16b_15, "ext v19.16b, v16.16b, v17.16b, #15")
DEFV(ext_8b_5, "ext v19.8b, v16.8b, v17.8b, #5")
/* table index vector v18 gets values 0..63 (+ some out of range) via 'and' below */
#define TBLIDX "movi v21.16b, #0x47\n\tand v21.16b, v18.16b, v21.16b\n\t"
DEFV(tbl1_16b, TBLIDX "tbl v19.16b, {v16.16b}, v21.16b")
DEFV(tbl2_16b, TBLIDX "mov v20.16b, v17.16b\n\tmov v19.16b, v16.16b\n\t"
	       "tbl v19.16b, {v19.16b, v20.16b}, v21.16b")
DEFV(tbl3_8b, "mov v19.16b, v16.16b\n\tmov v20.16b, v17.16b\n\tmov v21.16b, v18.16b\n\t"
	      "movi v16.16b, #0x37\n\tand v16.16b, v16.16b, v18.16b\n\t"
	      "tbl v19.8b, {v19.16b, v20.16b, v21.16b}, v16.8b")
DEFV(tbl4_16b, "mov v19.16b, v16.16b\n\tmov v20.16b, v17.16b\n\teor v21.16b, v16.16b, v17.16b\n\t"
	       "movi v16.16b, #0x4f\n\tand v16.16b, v16.16b, v18.16b\n\t"
	       "tbl v19.16b, {v18.16b, v19.16b, v20.16b, v21.16b}, v16.16b")
DEFV(tbx1_16b, TBLIDX "tbx v19.16b, {v16.16b}, v21.16b")
DEFV(tbx2_8b, "mov v20.16b, v16.16b\n\tmov v21.16b, v17.16b\n\tmovi v16.16b, #0x27\n\t"
	      "and v16.16b, v16.16b, v18.16b\n\ttbx v19.8b, {v20.16b, v21.16b}, v16.8b")
/* ---- copies ---- */
DEFV(dup_elem_16b, "dup v19.16b, v16.b[13]")
DEFV(dup_elem_4s, "dup v19.4s, v16.s[1]")
DEFV(dup_elem_2d, "dup v19.2d, v16.d[1]")
DEFV(dup_gen_8h, "fmov x10, d16\n\tdup v19.8h, w10")
DEFV(dup_gen_2d, "mov x10, v16.d[1]\n\tdup v19.2d, x10")
DEFV(dup_gen_8b, "fmov x10, d16\n\tdup v19.8b, w10")
DEFV(ins_elem_b, "ins v19.b[9], v16.b[2]")
DEFV(ins_elem_s, "ins v19.s[0], v16.s[3]")
DEFV(ins_gen_h, "fmov x10, d16\n\tins v19.h[6], w10")
DEFV(ins_gen_d, "fmov x10, d16\n\tins v19.d[1], x10")
DEFV(umov_b, "umov w10, v16.b[15]\n\tfmov d19, x10")
DEFV(umov_h, "umov w10, v16.h[3]\n\tmov x11, #-1\n\tumov w11, v16.h[5]\n\tfmov d19, x10\n\tmov v19.d[1], x11")
DEFV(umov_d, "umov x10, v16.d[1]\n\tfmov d19, x10")
DEFV(smov_b_x, "smov x10, v16.b[7]\n\tsmov w11, v16.b[8]\n\tfmov d19, x10\n\tmov v19.d[1], x11")
DEFV(smov_h_w, "smov w10, v16.h[7]\n\tsmov x11, v16.h[1]\n\tfmov d19, x10\n\tmov v19.d[1], x11")
DEFV(smov_s_x, "smov x10, v16.s[2]\n\tfmov d19, x10")
DEFV(movi_16b, "movi v19.16b, #0xa5")
DEFV(movi_8h_lsl8, "movi v19.8h, #0x12, lsl #8")
DEFV(movi_4s_msl, "movi v19.4s, #0x34, msl #16")
DEFV(movi_2d, "movi v19.2d, #0xff00ff0000ffff00")
DEFV(movi_d, "movi d19, #0x00ff00ff00ff00ff")
DEFV(mvni_4h, "mvni v19.4h, #0x56, lsl #8")
DEFV(mvni_4s_msl, "mvni v19.4s, #0x78, msl #8")
DEFV(orr_imm_4s, "orr v19.4s, #0x9a, lsl #24")
DEFV(bic_imm_8h, "bic v19.8h, #0xff")
DEFV(fmov_v_4s, "fmov v19.4s, #-0.5")
DEFV(fmov_v_2d, "fmov v19.2d, #17.0")
/* ---- scalar forms ---- */
DEFV(add_d, "add d19, d16, d17")
DEFV(sub_d, "sub d19, d16, d17")
DEFV(sqadd_b, "sqadd b19, b16, b17")
DEFV(uqsub_h, "uqsub h19, h16, h17")
DEFV(sqsub_s, "sqsub s19, s16, s17")
DEFV(uqadd_d, "uqadd d19, d16, d17")
DEFV(cmgt_d, "cmgt d19, d16, d17")
DEFV(cmtst_d, "cmtst d19, d16, d17")
DEFV(ushr_d, "ushr d19, d16, #12")
DEFV(srsra_d, "srsra d19, d16, #3")
DEFV(shl_d, "shl d19, d16, #40")
DEFV(sqshl_s, "sqshl s19, s16, s17")
DEFV(sqshrn_h, "sqshrn h19, s16, #4")
DEFV(uqxtn_b, "uqxtn b19, h16")
DEFV(abs_d, "abs d19, d16")
DEFV(sqneg_h, "sqneg h19, h16")
DEFV(mov_b, "mov b19, v16.b[11]")
DEFV(addp_d, "addp d19, v16.2d")
DEFV(sqdmulh_s, "sqdmulh s19, s16, s17")
DEFV(sqrdmulh_h_elem, "mov v1.16b, v17.16b\n\tsqrdmulh h19, h16, v1.h[7]")
DEFV(sqdmull_s, "sqdmull d19, s16, s17")
DEFV(sqdmlal_h, "sqdmlal s19, h16, h17")
DEFV(cmeq0_d, "cmeq d19, d16, #0")
/* ---- by element ---- */
DEFV(mul_elem_8h, "mov v1.16b, v17.16b\n\tmul v19.8h, v16.8h, v1.h[5]")
DEFV(mla_elem_4s, "mla v19.4s, v16.4s, v17.s[3]")
DEFV(mls_elem_4h, "mov v1.16b, v17.16b\n\tmls v19.4h, v16.4h, v1.h[0]")
DEFV(sqdmulh_elem_4s, "sqdmulh v19.4s, v16.4s, v17.s[1]")
DEFV(sqrdmulh_elem_8h, "mov v1.16b, v17.16b\n\tsqrdmulh v19.8h, v16.8h, v1.h[2]")
DEFV(smull_elem_4s, "mov v1.16b, v17.16b\n\tsmull v19.4s, v16.4h, v1.h[7]")
DEFV(umlal2_elem_2d, "umlal2 v19.2d, v16.4s, v17.s[2]")
DEFV(sqdmull2_elem_4s, "mov v1.16b, v17.16b\n\tsqdmull2 v19.4s, v16.8h, v1.h[3]")

static const struct vop int_ops[] = {
	V(add_16b, E8, 2), V(add_2d, E64, 2), V(sub_8h, E16, 2), V(sub_2s, E32, 2),
	V(mul_8h, E16, 2), V(mul_4s, E32, 2), V(mla_16b, E8, 3), V(mls_4h, E16, 3),
	V(sqadd_16b, E8, 2), V(sqadd_2d, E64, 2), V(uqadd_8h, E16, 2), V(sqsub_4s, E32, 2),
	V(uqsub_16b, E8, 2), V(uqsub_2d, E64, 2), V(shadd_8b, E8, 2), V(uhadd_4s, E32, 2),
	V(srhadd_8h, E16, 2), V(urhadd_16b, E8, 2), V(shsub_4s, E32, 2), V(uhsub_8h, E16, 2),
	V(smax_16b, E8, 2), V(smin_4s, E32, 2), V(umax_8h, E16, 2), V(umin_2s, E32, 2),
	V(sabd_8h, E16, 2), V(uabd_16b, E8, 2), V(saba_4s, E32, 3), V(uaba_8b, E8, 3),
	V(cmeq_16b, E8, 2), V(cmge_8h, E16, 2), V(cmgt_4s, E32, 2), V(cmhi_2d, E64, 2),
	V(cmhs_16b, E8, 2), V(cmtst_8h, E16, 2), V(sshl_16b, E8, 2), V(ushl_2d, E64, 2),
	V(ushl_4s, E32, 2), V(srshl_8h, E16, 2), V(urshl_4s, E32, 2), V(sqshl_16b, E8, 2),
	V(uqshl_8h, E16, 2), V(sqrshl_4s, E32, 2), V(uqrshl_2d, E64, 2), V(and_16b, E8, 2),
	V(bic_16b, E8, 2), V(orr_8b, E8, 2), V(orn_16b, E8, 2), V(eor_16b, E8, 2),
	V(bsl_16b, E8, 3), V(bit_16b, E8, 3), V(bif_8b, E8, 3), V(mov_16b, E8, 1),
	V(addp_16b, E8, 2), V(addp_2d, E64, 2), V(smaxp_8h, E16, 2), V(uminp_4s, E32, 2),
	V(sqdmulh_8h, E16, 2), V(sqrdmulh_4s, E32, 2), V(pmul_16b, E8, 2),
	V(saddl_8h, E8, 2), V(uaddl2_4s, E16, 2), V(ssubl2_2d, E32, 2), V(usubw_8h, E8, 2),
	V(saddw2_4s, E16, 2), V(smull_4s, E16, 2), V(umull2_2d, E32, 2), V(smlal_8h, E8, 3),
	V(umlsl2_4s, E16, 3), V(sqdmull_4s, E16, 2), V(sqdmull2_2d, E32, 2),
	V(sqdmlal_2d, E32, 3), V(sqdmlsl2_4s, E16, 3), V(sabdl_8h, E8, 2), V(uabal2_4s, E16, 3),
	V(pmull_8h, E8, 2), V(pmull2_8h, E8, 2), V(addhn_8b, E16, 2), V(raddhn2_16b, E16, 3),
	V(subhn_4h, E32, 2), V(rsubhn2_4s, E64, 3),
	V(abs_16b, E8, 1), V(abs_2d, E64, 1), V(neg_8h, E16, 1), V(sqabs_4s, E32, 1),
	V(sqneg_16b, E8, 1), V(cls_8h, E16, 1), V(clz_4s, E32, 1), V(clz_16b, E8, 1),
	V(cnt_16b, E8, 1), V(cnt_8b, E8, 1), V(not_16b, E8, 1), V(rbit_8b, E8, 1),
	V(rev16_16b, E8, 1), V(rev32_8h, E16, 1), V(rev64_4s, E32, 1), V(cmeq0_4s, E32, 1),
	V(cmgt0_16b, E8, 1), V(cmle0_8h, E16, 1), V(cmlt0_2d, E64, 1), V(cmge0_2s, E32, 1),
	V(xtn_8b, E16, 1), V(xtn2_8h, E32, 3), V(sqxtn_4h, E32, 1), V(uqxtn2_16b, E16, 3),
	V(sqxtun_2s, E64, 1), V(saddlp_8h, E8, 1), V(uaddlp_2d, E32, 1), V(uadalp_4s, E16, 3),
	V(sadalp_1d, E32, 3), V(suqadd_16b, E8, 3), V(usqadd_4s, E32, 3), V(shll_8h, E8, 1),
	V(shll2_2d, E32, 1), V(urecpe_4s, E32, 1), V(ursqrte_2s, E32, 1),
	V(shl_16b, E8, 1), V(shl_2d, E64, 1), V(sshr_8h, E16, 1), V(ushr_4s, E32, 1),
	V(ushr_2d, E64, 1), V(ssra_16b, E8, 3), V(usra_2d, E64, 3), V(srshr_4s, E32, 1),
	V(urshr_8h, E16, 1), V(srsra_2d, E64, 3), V(ursra_16b, E8, 3), V(sri_8h, E16, 3),
	V(sri_2d, E64, 3), V(sli_4s, E32, 3), V(sli_16b, E8, 3), V(sqshl_i_8h, E16, 1),
	V(uqshl_i_16b, E8, 1), V(sqshlu_4s, E32, 1), V(shrn_8b, E16, 1), V(rshrn2_8h, E32, 3),
	V(sqshrn_2s, E64, 1), V(uqshrn2_16b, E16, 3), V(sqrshrn_4h, E32, 1),
	V(uqrshrn_2s, E64, 1), V(sqshrun_8b, E16, 1), V(sqrshrun2_4s, E64, 3),
	V(sshll_8h, E8, 1), V(ushll2_2d, E32, 1), V(sxtl_4s, E16, 1),
	V(addv_16b, E8, 1), V(addv_4s, E32, 1), V(saddlv_8h, E16, 1), V(uaddlv_16b, E8, 1),
	V(uaddlv_4s, E32, 1), V(smaxv_8b, E8, 1), V(umaxv_8h, E16, 1), V(sminv_4s, E32, 1),
	V(uminv_16b, E8, 1),
	V(zip1_16b, E8, 2), V(zip2_8h, E16, 2), V(zip1_2s, E32, 2), V(uzp1_4s, E32, 2),
	V(uzp2_16b, E8, 2), V(uzp2_4h, E16, 2), V(trn1_8h, E16, 2), V(trn2_2d, E64, 2),
	V(trn2_8b, E8, 2), V(ext_16b_3, E8, 2), V(ext_16b_15, E8, 2), V(ext_8b_5, E8, 2),
	V(tbl1_16b, E8, 3), V(tbl2_16b, E8, 3), V(tbl3_8b, E8, 3), V(tbl4_16b, E8, 3),
	V(tbx1_16b, E8, 3), V(tbx2_8b, E8, 3),
	V(dup_elem_16b, E8, 1), V(dup_elem_4s, E32, 1), V(dup_elem_2d, E64, 1),
	V(dup_gen_8h, E16, 1), V(dup_gen_2d, E64, 1), V(dup_gen_8b, E8, 1), V(ins_elem_b, E8, 3),
	V(ins_elem_s, E32, 3), V(ins_gen_h, E16, 3), V(ins_gen_d, E64, 3), V(umov_b, E8, 1),
	V(umov_h, E16, 1), V(umov_d, E64, 1), V(smov_b_x, E8, 1), V(smov_h_w, E16, 1),
	V(smov_s_x, E32, 1), V(movi_16b, E8, 0), V(movi_8h_lsl8, E8, 0), V(movi_4s_msl, E8, 0),
	V(movi_2d, E8, 0), V(movi_d, E8, 0), V(mvni_4h, E8, 0), V(mvni_4s_msl, E8, 0),
	V(orr_imm_4s, E32, 3), V(bic_imm_8h, E16, 3), V(fmov_v_4s, E8, 0), V(fmov_v_2d, E8, 0),
	V(add_d, E64, 2), V(sub_d, E64, 2), V(sqadd_b, E8, 2), V(uqsub_h, E16, 2),
	V(sqsub_s, E32, 2), V(uqadd_d, E64, 2), V(cmgt_d, E64, 2), V(cmtst_d, E64, 2),
	V(ushr_d, E64, 1), V(srsra_d, E64, 3), V(shl_d, E64, 1), V(sqshl_s, E32, 2),
	V(sqshrn_h, E32, 1), V(uqxtn_b, E16, 1), V(abs_d, E64, 1), V(sqneg_h, E16, 1),
	V(mov_b, E8, 1), V(addp_d, E64, 1), V(sqdmulh_s, E32, 2), V(sqrdmulh_h_elem, E16, 2),
	V(sqdmull_s, E32, 2), V(sqdmlal_h, E16, 3), V(cmeq0_d, E64, 1),
	V(mul_elem_8h, E16, 2), V(mla_elem_4s, E32, 3), V(mls_elem_4h, E16, 3),
	V(sqdmulh_elem_4s, E32, 2), V(sqrdmulh_elem_8h, E16, 2), V(smull_elem_4s, E16, 2),
	V(umlal2_elem_2d, E32, 3), V(sqdmull2_elem_4s, E16, 2),
};

/* ---- generator ---- */
static u64 gen_lane(int kind)
{
	static const u64 f32s[] = { 0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000,
				    0xff800000, 0x7fc00000, 0x7f800001, 0xffc00123, 0x00000001,
				    0x807fffff, 0x00800000, 0x7f7fffff, 0x3f000000, 0x40200000,
				    0xc0200000, 0x4f000000, 0xcf000000, 0x4f800000, 0x3eaaaaab };
	static const u64 f64s[] = { 0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000,
				    0xbff0000000000000, 0x7ff0000000000000, 0xfff0000000000000,
				    0x7ff8000000000000, 0x7ff0000000000001, 0xfff8000000000123,
				    0x0000000000000001, 0x800fffffffffffff, 0x0010000000000000,
				    0x7fefffffffffffff, 0x3fe0000000000000, 0x4004000000000000,
				    0xc004000000000000, 0x43e0000000000000, 0xc3e0000000000000,
				    0x43f0000000000000, 0x3fd5555555555555, 0x47efffffe0000000 };
	u64 r = rng();
	int bits = kind == E8 ? 8 : kind == E16 || kind == F16 ? 16 : kind == E32 || kind == F32 ? 32 : 64;
	u64 mask = bits == 64 ? ~0ULL : (1ULL << bits) - 1;
	if (kind == F32) {
		if ((r & 3) != 0)
			return f32s[(r >> 8) % (sizeof(f32s) / 8)];
		return ((r >> 40) & 0x80000000) | ((u64)(127 - 20 + ((r >> 8) % 40)) << 23) | ((r >> 16) & 0x7fffff);
	}
	if (kind == F64) {
		if ((r & 3) != 0)
			return f64s[(r >> 8) % (sizeof(f64s) / 8)];
		return (rng() & 0x800fffffffffffffULL) | ((u64)(1023 - 40 + ((r >> 8) % 80)) << 52);
	}
	switch (r & 7) {
	case 0: return 0;
	case 1: return (r >> 8) & 3;
	case 2: return (mask >> 1);		/* max signed */
	case 3: return (mask >> 1) + 1;		/* min signed */
	case 4: return mask;			/* -1 */
	case 5: return ((mask >> 1) + 1 + ((r >> 8) & 1)) & mask;
	default: return rng() & mask;
	}
}

static void gen_vec(int kind, v128 *v)
{
	int bits = kind == E8 ? 8 : kind == E16 || kind == F16 ? 16 : kind == E32 || kind == F32 ? 32 : 64;
	v->lo = v->hi = 0;
	for (int i = 0; i < 128 / bits; i++) {
		u64 l = gen_lane(kind);
		if (i * bits < 64)
			v->lo |= l << (i * bits);
		else
			v->hi |= l << (i * bits - 64);
	}
	if ((rng() & 7) == 0) {	/* some fully random vectors */
		v->lo = rng();
		v->hi = rng();
	}
}

static const u64 mode_cr[] = { 0, 1u << 24, 1u << 25, 2u << 22, 3u << 22 };
static const char *const mode_name[] = { "rn", "fz", "dn", "rm", "rz" };

static void pv(const v128 *v) { printf(" " X16 ":" X16, v->hi, v->lo); }

void run_vops(const struct vop *ops, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		const struct vop *o = &ops[i];
		rng_seed_str(o->name);
		int nmodes = o->fp ? 5 : 1;
		for (int m = 0; m < nmodes; m++) {
			int cases = o->nin == 0 ? (m == 0 ? 1 : 0) : m == 0 ? 8 : 2;
			for (int k = 0; k < cases; k++) {
				v128 a, b, c, r;
				gen_vec(o->kind, &a);
				gen_vec(o->kind, &b);
				gen_vec(o->kind, &c);
				if ((rng() & 7) == 0)
					b = a;
				u64 sr;
				o->fn(&a, &b, &c, &r, mode_cr[m], &sr);
				printf("%s", o->name);
				if (o->fp)
					printf(" %s", mode_name[m]);
				if (o->nin >= 1)
					pv(&a);
				if (o->nin >= 2)
					pv(&b);
				if (o->nin >= 3)
					pv(&c);
				printf(" ->");
				pv(&r);
				printf(" %08lx\n", sr);
			}
		}
	}
}

int main(void)
{
	section("AdvSIMD integer: op a [b [c]] -> r fpsr (vectors hi:lo)");
	run_vops(int_ops, sizeof(int_ops) / sizeof(int_ops[0]));
	simd_fp();
	simd_ldst();
	done();
	return 0;
}
