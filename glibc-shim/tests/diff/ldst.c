/* Differential test: loads and stores — every addressing mode (unsigned offset, unscaled,
 * pre/post-index writeback, register offset with LSL/UXTW/SXTW/SXTX, literal, SP base),
 * sign/zero extension, pairs (LDP/STP/LDPSW/LDNP/STNP), FP/SIMD register loads/stores,
 * unprivileged forms, and (with the MMU on, Normal memory) unaligned accesses and the
 * SCTLR_EL1.A alignment fault. With the MMU off all accesses here are naturally aligned. */
#include "testlib.h"

typedef __attribute__((vector_size(16))) unsigned long long v128;

static u8 buf[1024] __attribute__((aligned(64)));
#define MID 512

static void fill(void)
{
	for (int i = 0; i < (int)sizeof(buf); i++)
		buf[i] = (u8)(i * 0x9d + 0x37);
}

/* Print the 8-byte words of buf that differ from the fill pattern. */
static void print_changes(void)
{
	static u8 ref[sizeof(buf)];
	for (int i = 0; i < (int)sizeof(buf); i++)
		ref[i] = (u8)(i * 0x9d + 0x37);
	for (int i = 0; i < (int)sizeof(buf); i += 8) {
		if (memcmp(buf + i, ref + i, 8)) {
			u64 w = 0;
			for (int j = 7; j >= 0; j--)
				w = (w << 8) | buf[i + j];
			printf(" [%d]=" X16, i - MID, w);
		}
	}
	printf("\n");
}

/* ---------- integer loads: v = load, b = base (written back) ---------- */
typedef void (*ld_fn)(u64 *b, u64 i, u64 *v, u64 *w);
#define LD(id, insn)                                                                         \
	static void id(u64 *bp, u64 i, u64 *vp, u64 *wp)                                     \
	{                                                                                    \
		u64 v = 0x5a5a5a5a5a5a5a5aULL, w = 0xa5a5a5a5a5a5a5a5ULL, b = *bp;           \
		__asm__ volatile(insn : [v] "+&r"(v), [w] "+&r"(w), [b] "+&r"(b)             \
				 : [i] "r"(i) : "memory", "x9");                             \
		*bp = b; *vp = v; *wp = w;                                                   \
	}

LD(ldrb_uoff, "ldrb %w[v], [%[b], #7]")
LD(ldrb_uoff_max, "sub %[b], %[b], #512\n\tldrb %w[v], [%[b], #1023]\n\tadd %[b], %[b], #512")
LD(ldrh_uoff, "ldrh %w[v], [%[b], #6]")
LD(ldr_w_uoff, "ldr %w[v], [%[b], #12]")
LD(ldr_x_uoff, "ldr %x[v], [%[b], #488]")
LD(ldrsb_w, "ldrsb %w[v], [%[b], #3]")
LD(ldrsb_w2, "ldrsb %w[v], [%[b], #4]")
LD(ldrsb_x, "ldrsb %x[v], [%[b], #5]")
LD(ldrsb_x2, "ldrsb %x[v], [%[b], #0]")
LD(ldrsh_w, "ldrsh %w[v], [%[b], #2]")
LD(ldrsh_x, "ldrsh %x[v], [%[b], #10]")
LD(ldrsh_x2, "ldrsh %x[v], [%[b], #0]")
LD(ldrsw_x, "ldrsw %x[v], [%[b], #4]")
LD(ldrsw_x2, "ldrsw %x[v], [%[b], #8]")
LD(ldur_x_neg, "ldur %x[v], [%[b], #-16]")
LD(ldur_w_neg256, "ldur %w[v], [%[b], #-256]")
LD(ldursb_x, "ldursb %x[v], [%[b], #-1]")
LD(ldursb_w, "ldursb %w[v], [%[b], #-3]")
LD(ldurh, "ldurh %w[v], [%[b], #-2]")
LD(ldursh_x, "ldursh %x[v], [%[b], #254]")
LD(ldursw, "ldursw %x[v], [%[b], #-4]")
LD(ldr_x_pre, "ldr %x[v], [%[b], #16]!")
LD(ldr_x_post, "ldr %x[v], [%[b]], #-24")
LD(ldrb_pre_neg, "ldrb %w[v], [%[b], #-255]!")
LD(ldrsb_post, "ldrsb %w[v], [%[b]], #1")
LD(ldrsh_post, "ldrsh %x[v], [%[b]], #2")
LD(ldrh_pre, "ldrh %w[v], [%[b], #-130]!")
LD(ldrsw_pre, "ldrsw %x[v], [%[b], #-8]!")
LD(ldr_w_post, "ldr %w[v], [%[b]], #252")
LD(ldr_x_reg, "ldr %x[v], [%[b], %x[i]]")
LD(ldr_x_lsl3, "ldr %x[v], [%[b], %x[i], lsl #3]")
LD(ldr_w_lsl2, "ldr %w[v], [%[b], %x[i], lsl #2]")
LD(ldr_w_uxtw2, "ldr %w[v], [%[b], %w[i], uxtw #2]")
LD(ldr_x_sxtw3, "ldr %x[v], [%[b], %w[i], sxtw #3]")
LD(ldr_w_sxtw0, "ldr %w[v], [%[b], %w[i], sxtw]")
LD(ldrsb_x_sxtw, "ldrsb %x[v], [%[b], %w[i], sxtw]")
LD(ldrsb_w_reg, "ldrsb %w[v], [%[b], %x[i], lsl #0]")
LD(ldrb_uxtw, "ldrb %w[v], [%[b], %w[i], uxtw]")
LD(ldrh_uxtw1, "ldrh %w[v], [%[b], %w[i], uxtw #1]")
LD(ldrsh_w_lsl1, "ldrsh %w[v], [%[b], %x[i], lsl #1]")
LD(ldrsh_x_sxtw1, "ldrsh %x[v], [%[b], %w[i], sxtw #1]")
LD(ldr_x_sxtx3, "ldr %x[v], [%[b], %x[i], sxtx #3]")
LD(ldrsw_lsl2, "ldrsw %x[v], [%[b], %x[i], lsl #2]")
LD(ldrsw_sxtw, "ldrsw %x[v], [%[b], %w[i], sxtw #2]")
LD(ldr_x_sp, "mov x9, sp\n\tmov sp, %[b]\n\tldr %x[v], [sp, #24]\n\tmov sp, x9")
LD(ldr_x_sp_pre, "mov x9, sp\n\tmov sp, %[b]\n\tldr %x[v], [sp, #-32]!\n\tmov %[b], sp\n\tmov sp, x9")
LD(ldp_x_sp_post, "mov x9, sp\n\tmov sp, %[b]\n\tldp %x[v], %x[w], [sp], #64\n\tmov %[b], sp\n\tmov sp, x9")
LD(ldp_x, "ldp %x[v], %x[w], [%[b], #16]")
LD(ldp_x_neg, "ldp %x[v], %x[w], [%[b], #-512]")
LD(ldp_x_pre, "ldp %x[v], %x[w], [%[b], #-32]!")
LD(ldp_x_post, "ldp %x[v], %x[w], [%[b]], #48")
LD(ldp_w, "ldp %w[v], %w[w], [%[b], #-8]")
LD(ldp_w_pre, "ldp %w[v], %w[w], [%[b], #252]!")
LD(ldp_w_post, "ldp %w[v], %w[w], [%[b]], #-256")
LD(ldpsw, "ldpsw %x[v], %x[w], [%[b], #8]")
LD(ldpsw_post, "ldpsw %x[v], %x[w], [%[b]], #-16")
LD(ldpsw_pre, "ldpsw %x[v], %x[w], [%[b], #4]!")
LD(ldnp_x, "ldnp %x[v], %x[w], [%[b], #-64]")
LD(ldnp_w, "ldnp %w[v], %w[w], [%[b], #12]")
LD(ldtr_x, "ldtr %x[v], [%[b], #8]")
LD(ldtrsb_w, "ldtrsb %w[v], [%[b], #-1]")
LD(ldtrsh_x, "ldtrsh %x[v], [%[b], #6]")
LD(ldtrsw, "ldtrsw %x[v], [%[b], #-4]")
LD(ldr_lit_x, "ldr %x[v], 1f\n\tb 2f\n\t.balign 8\n1:\t.quad 0x8877665544332211\n2:")
LD(ldr_lit_w, "ldr %w[v], 1f\n\tb 2f\n1:\t.word 0xdeadbeef\n2:")
LD(ldrsw_lit, "ldrsw %x[v], 1f\n\tb 2f\n1:\t.word 0x80000001\n2:")
LD(ldr_lit_back, "b 2f\n1:\t.word 0x7ff00001\n2:\tldr %w[v], 1b")
LD(prfm_nop, "prfm pldl1keep, [%[b], #8]\n\tprfm pstl2strm, [%[b], %x[i]]\n\tprfum pldl3keep, [%[b], #-3]\n\tldr %x[v], [%[b]]")
LD(ldr_rt_xzr, "ldr xzr, [%[b]]\n\tmov %x[v], xzr")

struct ldop { const char *name; ld_fn fn; const s64 *idx; };
static const s64 no_idx[] = { 0, 0x7fff };	/* 0x7fff terminates */
static const s64 idx_bytes8[] = { 0, 8, -8, 64, -512, 0x7fff };
static const s64 idx_small[] = { 0, 1, 2, 3, 5, -1, -2, -3, -31, 0x7fff };
static const s64 idx_w[] = { 0, 1, 3, (s64)0xffffffff00000004LL, 0x0000000100000007LL,
			     0x1234567800000010LL, 0x7fff };
static const s64 idx_w_s[] = { 0, 1, -1, -2, (s64)0x00000001fffffffcLL,
			       (s64)0xabcdef0000000010LL, 0x7fff };

#define L(id, ix) { #id, id, ix }
static const struct ldop ldops[] = {
	L(ldrb_uoff, no_idx), L(ldrb_uoff_max, no_idx), L(ldrh_uoff, no_idx),
	L(ldr_w_uoff, no_idx), L(ldr_x_uoff, no_idx), L(ldrsb_w, no_idx), L(ldrsb_w2, no_idx),
	L(ldrsb_x, no_idx), L(ldrsb_x2, no_idx), L(ldrsh_w, no_idx), L(ldrsh_x, no_idx),
	L(ldrsh_x2, no_idx), L(ldrsw_x, no_idx), L(ldrsw_x2, no_idx), L(ldur_x_neg, no_idx),
	L(ldur_w_neg256, no_idx), L(ldursb_x, no_idx), L(ldursb_w, no_idx), L(ldurh, no_idx),
	L(ldursh_x, no_idx), L(ldursw, no_idx), L(ldr_x_pre, no_idx), L(ldr_x_post, no_idx),
	L(ldrb_pre_neg, no_idx), L(ldrsb_post, no_idx), L(ldrsh_post, no_idx),
	L(ldrh_pre, no_idx), L(ldrsw_pre, no_idx), L(ldr_w_post, no_idx),
	L(ldr_x_reg, idx_bytes8), L(ldr_x_lsl3, idx_small), L(ldr_w_lsl2, idx_small),
	L(ldr_w_uxtw2, idx_w), L(ldr_x_sxtw3, idx_w_s), L(ldr_w_sxtw0, idx_bytes8),
	L(ldrsb_x_sxtw, idx_w_s), L(ldrsb_w_reg, idx_small), L(ldrb_uxtw, idx_w),
	L(ldrh_uxtw1, idx_w), L(ldrsh_w_lsl1, idx_small), L(ldrsh_x_sxtw1, idx_w_s),
	L(ldr_x_sxtx3, idx_small), L(ldrsw_lsl2, idx_small), L(ldrsw_sxtw, idx_w_s),
	L(ldr_x_sp, no_idx), L(ldr_x_sp_pre, no_idx), L(ldp_x_sp_post, no_idx),
	L(ldp_x, no_idx), L(ldp_x_neg, no_idx), L(ldp_x_pre, no_idx), L(ldp_x_post, no_idx),
	L(ldp_w, no_idx), L(ldp_w_pre, no_idx), L(ldp_w_post, no_idx), L(ldpsw, no_idx),
	L(ldpsw_post, no_idx), L(ldpsw_pre, no_idx), L(ldnp_x, no_idx), L(ldnp_w, no_idx),
	L(ldtr_x, no_idx), L(ldtrsb_w, no_idx), L(ldtrsh_x, no_idx), L(ldtrsw, no_idx),
	L(ldr_lit_x, no_idx), L(ldr_lit_w, no_idx), L(ldrsw_lit, no_idx), L(ldr_lit_back, no_idx),
	L(prfm_nop, idx_bytes8), L(ldr_rt_xzr, no_idx),
};

static const int bases[] = { MID, MID + 64, MID - 128 };

static void test_loads(void)
{
	section("integer loads: op idx base -> v w base'");
	fill();
	for (unsigned n = 0; n < sizeof(ldops) / sizeof(ldops[0]); n++) {
		const struct ldop *o = &ldops[n];
		for (int bi = 0; bi < 3; bi++) {
			for (const s64 *ip = o->idx; *ip != 0x7fff; ip++) {
				u64 b = (u64)(buf + bases[bi]), v, w;
				o->fn(&b, (u64)*ip, &v, &w);
				printf("%s %lx %d -> " X16 " " X16 " %ld\n", o->name, (u64)*ip,
				       bases[bi] - MID, v, w, (s64)(b - (u64)buf) - MID);
			}
		}
	}
}

/* ---------- integer stores ---------- */
typedef void (*st_fn)(u64 *b, u64 i, u64 v, u64 w);
#define ST(id, insn)                                                                         \
	static void id(u64 *bp, u64 i, u64 v, u64 w)                                         \
	{                                                                                    \
		u64 b = *bp;                                                                 \
		__asm__ volatile(insn : [b] "+&r"(b) : [i] "r"(i), [v] "r"(v), [w] "r"(w)    \
				 : "memory", "x9");                                          \
		*bp = b;                                                                     \
	}

ST(strb_uoff, "strb %w[v], [%[b], #3]")
ST(strh_uoff, "strh %w[v], [%[b], #6]")
ST(str_w_uoff, "str %w[v], [%[b], #508]")
ST(str_x_uoff, "str %x[v], [%[b], #8]")
ST(strh_pre, "strh %w[v], [%[b], #-2]!")
ST(str_w_post, "str %w[v], [%[b]], #4")
ST(str_x_pre, "str %x[v], [%[b], #-256]!")
ST(strb_post, "strb %w[v], [%[b]], #-1")
ST(stur_x, "stur %x[v], [%[b], #-8]")
ST(sturh, "sturh %w[v], [%[b], #-254]")
ST(sturb, "sturb %w[v], [%[b], #255]")
ST(str_x_reg, "str %x[v], [%[b], %x[i]]")
ST(str_x_lsl3, "str %x[v], [%[b], %x[i], lsl #3]")
ST(str_w_sxtw2, "str %w[v], [%[b], %w[i], sxtw #2]")
ST(strh_uxtw1, "strh %w[v], [%[b], %w[i], uxtw #1]")
ST(strb_sxtw, "strb %w[v], [%[b], %w[i], sxtw]")
ST(stp_x, "stp %x[v], %x[w], [%[b], #16]")
ST(stp_x_pre, "stp %x[v], %x[w], [%[b], #-16]!")
ST(stp_x_post, "stp %x[v], %x[w], [%[b]], #504")
ST(stp_w, "stp %w[v], %w[w], [%[b], #-256]")
ST(stp_w_post, "stp %w[v], %w[w], [%[b]], #8")
ST(stp_w_pre, "stp %w[v], %w[w], [%[b], #4]!")
ST(stnp_x, "stnp %x[v], %x[w], [%[b], #32]")
ST(stnp_w, "stnp %w[v], %w[w], [%[b], #-4]")
ST(str_xzr, "str xzr, [%[b], #8]")
ST(stp_xzr, "stp xzr, %x[v], [%[b], #-8]")
ST(stp_wzr_wzr, "stp wzr, wzr, [%[b]]")
ST(sttr_x, "sttr %x[v], [%[b], #-8]")
ST(sttrb, "sttrb %w[v], [%[b], #1]")
ST(sttrh, "sttrh %w[v], [%[b], #2]")
ST(sttr_w, "sttr %w[v], [%[b], #4]")
ST(str_sp_base, "mov x9, sp\n\tmov sp, %[b]\n\tstr %x[v], [sp, #-16]!\n\tmov %[b], sp\n\tmov sp, x9")
ST(stp_sp_base, "mov x9, sp\n\tmov sp, %[b]\n\tstp %x[v], %x[w], [sp, #32]\n\tmov sp, x9")
ST(str_sp_value, "mov x9, sp\n\tmov sp, %[b]\n\tstr %x[v], [%[b], #24]\n\tmov x10, sp\n\tmov sp, x9")

struct stop { const char *name; st_fn fn; const s64 *idx; };
#define S(id, ix) { #id, id, ix }
static const struct stop stops[] = {
	S(strb_uoff, no_idx), S(strh_uoff, no_idx), S(str_w_uoff, no_idx), S(str_x_uoff, no_idx),
	S(strh_pre, no_idx), S(str_w_post, no_idx), S(str_x_pre, no_idx), S(strb_post, no_idx),
	S(stur_x, no_idx), S(sturh, no_idx), S(sturb, no_idx), S(str_x_reg, idx_bytes8),
	S(str_x_lsl3, idx_small), S(str_w_sxtw2, idx_w_s), S(strh_uxtw1, idx_w),
	S(strb_sxtw, idx_w_s), S(stp_x, no_idx), S(stp_x_pre, no_idx), S(stp_x_post, no_idx),
	S(stp_w, no_idx), S(stp_w_post, no_idx), S(stp_w_pre, no_idx), S(stnp_x, no_idx),
	S(stnp_w, no_idx), S(str_xzr, no_idx), S(stp_xzr, no_idx), S(stp_wzr_wzr, no_idx),
	S(sttr_x, no_idx), S(sttrb, no_idx), S(sttrh, no_idx), S(sttr_w, no_idx),
	S(str_sp_base, no_idx), S(stp_sp_base, no_idx), S(str_sp_value, no_idx),
};

static void test_stores(void)
{
	section("integer stores: op idx base -> base' changed-words");
	for (unsigned n = 0; n < sizeof(stops) / sizeof(stops[0]); n++) {
		const struct stop *o = &stops[n];
		for (const s64 *ip = o->idx; *ip != 0x7fff; ip++) {
			fill();
			u64 b = (u64)(buf + MID);
			o->fn(&b, (u64)*ip, 0x8899aabbccddeeffULL, 0x0011223344556677ULL);
			printf("%s %lx -> %ld", o->name, (u64)*ip, (s64)(b - (u64)buf) - MID);
			print_changes();
		}
	}
}

/* ---------- FP/SIMD register loads and stores ---------- */
typedef void (*fld_fn)(u64 *b, u64 i, v128 *v, v128 *w);
#define FLD(id, insn)                                                                        \
	static void id(u64 *bp, u64 i, v128 *vp, v128 *wp)                                   \
	{                                                                                    \
		v128 v = { 0x1111111111111111ULL, 0x2222222222222222ULL }, w = v;            \
		u64 b = *bp;                                                                 \
		__asm__ volatile(insn : [v] "+&w"(v), [w] "+&w"(w), [b] "+&r"(b)             \
				 : [i] "r"(i) : "memory", "x9");                             \
		*bp = b; *vp = v; *wp = w;                                                   \
	}
FLD(ldr_b, "ldr %b[v], [%[b], #1]")
FLD(ldr_h_pre, "ldr %h[v], [%[b], #-2]!")
FLD(ldr_s_post, "ldr %s[v], [%[b]], #12")
FLD(ldr_d, "ldr %d[v], [%[b], #16]")
FLD(ldr_q, "ldr %q[v], [%[b], #32]")
FLD(ldr_q_pre, "ldr %q[v], [%[b], #-64]!")
FLD(ldr_q_post, "ldr %q[v], [%[b]], #16")
FLD(ldur_q, "ldur %q[v], [%[b], #-16]")
FLD(ldur_s, "ldur %s[v], [%[b], #-4]")
FLD(ldr_q_reg, "ldr %q[v], [%[b], %x[i], lsl #4]")
FLD(ldr_d_sxtw, "ldr %d[v], [%[b], %w[i], sxtw #3]")
FLD(ldr_h_reg, "ldr %h[v], [%[b], %x[i], lsl #1]")
FLD(ldr_b_reg, "ldr %b[v], [%[b], %x[i]]")
FLD(ldp_q, "ldp %q[v], %q[w], [%[b], #-32]")
FLD(ldp_q_post, "ldp %q[v], %q[w], [%[b]], #64")
FLD(ldp_d_pre, "ldp %d[v], %d[w], [%[b], #8]!")
FLD(ldp_s, "ldp %s[v], %s[w], [%[b], #-4]")
FLD(ldnp_q, "ldnp %q[v], %q[w], [%[b], #32]")
FLD(ldr_q_lit, "ldr %q[v], 1f\n\tb 2f\n\t.balign 16\n1:\t.quad 0x0123456789abcdef, 0xfedcba9876543210\n2:")
FLD(ldr_d_lit, "ldr %d[v], 1f\n\tb 2f\n\t.balign 8\n1:\t.quad 0x3ff0000000000001\n2:")
FLD(ldr_s_lit, "ldr %s[v], 1f\n\tb 2f\n1:\t.word 0x7f800001\n2:")
FLD(str_b, "str %b[v], [%[b], #1]")
FLD(str_h_post, "str %h[v], [%[b]], #-2")
FLD(str_s_pre, "str %s[v], [%[b], #4]!")
FLD(str_d, "str %d[v], [%[b], #-8]")
FLD(str_q, "str %q[v], [%[b], #16]")
FLD(str_q_reg, "str %q[v], [%[b], %x[i], lsl #4]")
FLD(stur_q, "stur %q[v], [%[b], #-48]")
FLD(stp_q_pre, "stp %q[v], %q[w], [%[b], #-32]!")
FLD(stp_d, "stp %d[v], %d[w], [%[b], #8]")
FLD(stp_s_post, "stp %s[v], %s[w], [%[b]], #-8")
FLD(stnp_q, "stnp %q[v], %q[w], [%[b], #-64]")

struct fop { const char *name; fld_fn fn; const s64 *idx; int store; };
static const s64 idx_q[] = { 0, 1, -1, 3, 0x7fff };
#define F(id, ix, st) { #id, id, ix, st }
static const struct fop fops[] = {
	F(ldr_b, no_idx, 0), F(ldr_h_pre, no_idx, 0), F(ldr_s_post, no_idx, 0), F(ldr_d, no_idx, 0),
	F(ldr_q, no_idx, 0), F(ldr_q_pre, no_idx, 0), F(ldr_q_post, no_idx, 0),
	F(ldur_q, no_idx, 0), F(ldur_s, no_idx, 0), F(ldr_q_reg, idx_q, 0),
	F(ldr_d_sxtw, idx_w_s, 0), F(ldr_h_reg, idx_small, 0), F(ldr_b_reg, idx_small, 0),
	F(ldp_q, no_idx, 0), F(ldp_q_post, no_idx, 0), F(ldp_d_pre, no_idx, 0), F(ldp_s, no_idx, 0),
	F(ldnp_q, no_idx, 0), F(ldr_q_lit, no_idx, 0), F(ldr_d_lit, no_idx, 0),
	F(ldr_s_lit, no_idx, 0), F(str_b, no_idx, 1), F(str_h_post, no_idx, 1),
	F(str_s_pre, no_idx, 1), F(str_d, no_idx, 1), F(str_q, no_idx, 1), F(str_q_reg, idx_q, 1),
	F(stur_q, no_idx, 1), F(stp_q_pre, no_idx, 1), F(stp_d, no_idx, 1),
	F(stp_s_post, no_idx, 1), F(stnp_q, no_idx, 1),
};

static void test_fp(void)
{
	section("FP/SIMD loads/stores: op idx -> v.hi:v.lo w.hi:w.lo base' [changed-words]");
	for (unsigned n = 0; n < sizeof(fops) / sizeof(fops[0]); n++) {
		const struct fop *o = &fops[n];
		for (const s64 *ip = o->idx; *ip != 0x7fff; ip++) {
			fill();
			u64 b = (u64)(buf + MID);
			v128 v, w;
			o->fn(&b, (u64)*ip, &v, &w);
			printf("%s %lx -> " X16 ":" X16 " " X16 ":" X16 " %ld", o->name, (u64)*ip,
			       v[1], v[0], w[1], w[0], (s64)(b - (u64)buf) - MID);
			if (o->store)
				print_changes();
			else
				printf("\n");
		}
	}
}

/* ---------- unaligned accesses (MMU on, Normal memory) and alignment faults ---------- */
LD(u_ldr_x, "ldr %x[v], [%[b], %x[i]]")
LD(u_ldr_w, "ldr %w[v], [%[b], %x[i]]")
LD(u_ldrsh_x, "ldrsh %x[v], [%[b], %x[i]]")
LD(u_ldp_x, "ldp %x[v], %x[w], [%[b], #-16]\n\tadd x9, %[b], %x[i]\n\tldp %x[v], %x[w], [x9]")
LD(u_ldp_w, "add x9, %[b], %x[i]\n\tldp %w[v], %w[w], [x9, #4]")
LD(u_ldur_x, "add x9, %[b], %x[i]\n\tldur %x[v], [x9, #-5]")
LD(u_str_ldr, "add x9, %[b], %x[i]\n\tstr %x[w], [x9, #3]\n\tldr %x[v], [%[b]]\n\tldr %x[w], [%[b], #8]")
LD(u_stp_w, "add x9, %[b], %x[i]\n\tstp %w[w], %w[w], [x9]\n\tldp %x[v], %x[w], [%[b]]")
FLD(u_ldr_q, "ldr %q[v], [%[b], %x[i]]")
FLD(u_str_q, "add x9, %[b], %x[i]\n\tmovi %[w].16b, #0xab\n\tstr %q[w], [x9]\n\tldp %d[v], %d[w], [%[b]]")

static void test_unaligned(void)
{
	section("unaligned (MMU on, Normal memory): op off -> v w");
	mmu_enable();
	static const struct ldop uops[] = { L(u_ldr_x, 0), L(u_ldr_w, 0), L(u_ldrsh_x, 0),
					    L(u_ldp_x, 0), L(u_ldp_w, 0), L(u_ldur_x, 0),
					    L(u_str_ldr, 0), L(u_stp_w, 0) };
	for (unsigned n = 0; n < sizeof(uops) / sizeof(uops[0]); n++) {
		for (u64 off = 0; off < 8; off++) {
			fill();
			u64 b = (u64)(buf + MID), v, w;
			uops[n].fn(&b, off, &v, &w);
			printf("%s %lu -> " X16 " " X16 "\n", uops[n].name, off, v, w);
		}
	}
	for (u64 off = 0; off < 16; off += 3) {
		fill();
		u64 b = (u64)(buf + MID);
		v128 v, w;
		u_ldr_q(&b, off, &v, &w);
		printf("u_ldr_q %lu -> " X16 ":" X16 "\n", off, v[1], v[0]);
		fill();
		u_str_q(&b, off, &v, &w);
		printf("u_str_q %lu -> " X16 " " X16 "\n", off, v[0], w[0]);
	}

	section("alignment faults with SCTLR_EL1.A=1: op off -> count ec iss far-buf v");
	exc_mode = EXC_RECORD;
	u64 sctlr = READ_SYSREG(sctlr_el1);
	WRITE_SYSREG(sctlr_el1, sctlr | 2);
	ISB();
	static const struct ldop aops[] = { L(u_ldr_x, 0), L(u_ldr_w, 0), L(u_ldrsh_x, 0),
					    L(u_ldp_w, 0), L(u_str_ldr, 0) };
	for (unsigned n = 0; n < sizeof(aops) / sizeof(aops[0]); n++) {
		for (u64 off = 0; off < 8; off += 1) {
			fill();
			exc_last.count = 0;
			exc_last.esr = exc_last.far = 0;
			u64 b = (u64)(buf + MID), v, w;
			aops[n].fn(&b, off, &v, &w);
			printf("%s %lu -> %lu %02x %07lx %ld " X16 "\n", aops[n].name, off,
			       exc_last.count, esr_ec(exc_last.esr), exc_last.esr & 0x1ffffff,
			       exc_last.far ? (s64)(exc_last.far - (u64)buf) - MID : 0, v);
		}
	}
	WRITE_SYSREG(sctlr_el1, sctlr);
	ISB();
	exc_mode = EXC_FATAL;
}

int main(void)
{
	test_loads();
	test_stores();
	test_fp();
	test_unaligned();
	done();
	return 0;
}
