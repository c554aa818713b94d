/*
 * FP oracle: runs AArch64 floating-point instructions with chosen FPCR values and prints
 * result bits and FPSR, to be used as test data by FpOpsTest / FpScalarTest.
 *
 * Build and run with gen.sh (aarch64-linux-gnu-gcc -static, qemu-aarch64): vectors.txt holds the
 * scalar vectors, vectors-simd.txt (argument "simd") the AdvSIMD ones.
 *
 * Output: a header line per operation "@ NAME WORD KIND OUT", WORD being the instruction
 * encoding (fixed registers: result in d0/s0/h0 or w0/x0, operands in d1/d2/d3 or w1/x1),
 * followed by lines "NAME FPCR A B C RESULT FPSR" (hex). KIND names the operand type
 * (d, s, h, w, x = GP 32/64), OUT the result location (v = low 64 bits of v0, x = x0,
 * f = NZCV flags >> 28).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef uint64_t U;
typedef U (*fn_t)(U a, U b, U c, U fpcr, U *fpsr);

#define PRE "msr fpsr, xzr\n msr fpcr, %[fc]\n fmov d1, %[a]\n fmov d2, %[b]\n fmov d3, %[c]\n" \
            "mov x1, %[a]\n mov x2, %[b]\n mov x0, #0xbeef\n movk x0, #0xdead, lsl #48\n fmov d0, x0\n"
#define POSTV "\n fmov %[o], d0\n mrs %[fs], fpsr\n msr fpcr, xzr\n"
#define POSTX "\n mov %[o], x0\n mrs %[fs], fpsr\n msr fpcr, xzr\n"
#define POSTF "\n mrs %[o], nzcv\n lsr %[o], %[o], #28\n mrs %[fs], fpsr\n msr fpcr, xzr\n"

#define OP(name, insn, post) \
    __asm__(".pushsection .rodata\n.balign 4\nenc_" #name ": " insn "\n.popsection\n"); \
    extern const uint32_t enc_##name __asm__("enc_" #name); \
    static U fn_##name(U a, U b, U c, U fpcr, U *fsp) { \
        U o, fs; \
        __asm__ volatile(PRE insn post : [o] "=&r"(o), [fs] "=&r"(fs) \
                         : [a] "r"(a), [b] "r"(b), [c] "r"(c), [fc] "r"(fpcr) \
                         : "x0", "x1", "x2", "v0", "v1", "v2", "v3", "cc", "memory"); \
        *fsp = fs; \
        return o; \
    }

/* ---- scalar two-source ---- */
#define BIN(n, m) OP(n##_d, m " d0, d1, d2", POSTV) OP(n##_s, m " s0, s1, s2", POSTV)
BIN(fadd, "fadd") BIN(fsub, "fsub") BIN(fmul, "fmul") BIN(fdiv, "fdiv")
BIN(fmax, "fmax") BIN(fmin, "fmin") BIN(fmaxnm, "fmaxnm") BIN(fminnm, "fminnm")
BIN(fnmul, "fnmul") BIN(fabd, "fabd") BIN(fmulx, "fmulx") BIN(frecps, "frecps") BIN(frsqrts, "frsqrts")
BIN(fcmeq, "fcmeq") BIN(fcmge, "fcmge") BIN(fcmgt, "fcmgt") BIN(facge, "facge") BIN(facgt, "facgt")
/* ---- three-source ---- */
#define TRI(n, m) OP(n##_d, m " d0, d1, d2, d3", POSTV) OP(n##_s, m " s0, s1, s2, s3", POSTV)
TRI(fmadd, "fmadd") TRI(fmsub, "fmsub") TRI(fnmadd, "fnmadd") TRI(fnmsub, "fnmsub")
/* ---- one-source ---- */
#define UN(n, m) OP(n##_d, m " d0, d1", POSTV) OP(n##_s, m " s0, s1", POSTV)
UN(fsqrt, "fsqrt") UN(frintn, "frintn") UN(frintp, "frintp") UN(frintm, "frintm") UN(frintz, "frintz")
UN(frinta, "frinta") UN(frintx, "frintx") UN(frinti, "frinti") UN(fabs, "fabs") UN(fneg, "fneg")
UN(frecpe, "frecpe") UN(frsqrte, "frsqrte") UN(frecpx, "frecpx")
OP(fcvt_d_s, "fcvt d0, s1", POSTV) OP(fcvt_s_d, "fcvt s0, d1", POSTV)
OP(fcvt_h_s, "fcvt h0, s1", POSTV) OP(fcvt_h_d, "fcvt h0, d1", POSTV)
OP(fcvt_s_h, "fcvt s0, h1", POSTV) OP(fcvt_d_h, "fcvt d0, h1", POSTV)
OP(fcvtxn_s_d, "fcvtxn s0, d1", POSTV)
OP(urecpe_v, "urecpe v0.2s, v1.2s", POSTV) OP(ursqrte_v, "ursqrte v0.2s, v1.2s", POSTV)
/* ---- compares ---- */
OP(fcmp_d, "fcmp d1, d2", POSTF) OP(fcmp_s, "fcmp s1, s2", POSTF)
OP(fcmpe_d, "fcmpe d1, d2", POSTF) OP(fcmpe_s, "fcmpe s1, s2", POSTF)
OP(fcmpz_d, "fcmp d1, #0.0", POSTF) OP(fcmpez_s, "fcmpe s1, #0.0", POSTF)
/* ---- FP to integer ---- */
#define CVI(n, m) OP(n##_w_s, m " w0, s1", POSTX) OP(n##_w_d, m " w0, d1", POSTX) \
                  OP(n##_x_s, m " x0, s1", POSTX) OP(n##_x_d, m " x0, d1", POSTX)
CVI(fcvtns, "fcvtns") CVI(fcvtnu, "fcvtnu") CVI(fcvtps, "fcvtps") CVI(fcvtpu, "fcvtpu")
CVI(fcvtms, "fcvtms") CVI(fcvtmu, "fcvtmu") CVI(fcvtas, "fcvtas") CVI(fcvtau, "fcvtau")
CVI(fcvtzs, "fcvtzs") CVI(fcvtzu, "fcvtzu")
OP(fcvtzs_w_d_f1, "fcvtzs w0, d1, #1", POSTX) OP(fcvtzs_w_s_f32, "fcvtzs w0, s1, #32", POSTX)
OP(fcvtzu_w_d_f10, "fcvtzu w0, d1, #10", POSTX) OP(fcvtzs_x_d_f64, "fcvtzs x0, d1, #64", POSTX)
OP(fcvtzu_x_s_f33, "fcvtzu x0, s1, #33", POSTX) OP(fcvtzs_x_s_f5, "fcvtzs x0, s1, #5", POSTX)
/* vector forms (lane 0 of a 2S/2D) */
OP(fcvtzs_v2s, "fcvtzs v0.2s, v1.2s", POSTV) OP(fcvtnu_v2d, "fcvtnu v0.2d, v1.2d", POSTV)
OP(fcvtzu_v2s_f3, "fcvtzu v0.2s, v1.2s, #3", POSTV)
/* ---- integer to FP ---- */
#define CVF(n, m) OP(n##_s_w, m " s0, w1", POSTV) OP(n##_d_w, m " d0, w1", POSTV) \
                  OP(n##_s_x, m " s0, x1", POSTV) OP(n##_d_x, m " d0, x1", POSTV)
CVF(scvtf, "scvtf") CVF(ucvtf, "ucvtf")
OP(scvtf_s_w_f7, "scvtf s0, w1, #7", POSTV) OP(ucvtf_d_x_f64, "ucvtf d0, x1, #64", POSTV)
OP(scvtf_d_x_f20, "scvtf d0, x1, #20", POSTV) OP(ucvtf_s_w_f32, "ucvtf s0, w1, #32", POSTV)
OP(scvtf_v2s, "scvtf v0.2s, v1.2s", POSTV) OP(ucvtf_v2d_f12, "ucvtf v0.2d, v1.2d, #12", POSTV)

/* kinds: operand types */
enum { KD, KS, KH, KW, KX };
struct op { const char *name; fn_t fn; const uint32_t *enc; int kind; int nargs; char out; };
#define E(n, k, na, o) { #n, fn_##n, &enc_##n, k, na, o },
#define EB(n) E(n##_d, KD, 2, 'v') E(n##_s, KS, 2, 'v')
#define ET(n) E(n##_d, KD, 3, 'v') E(n##_s, KS, 3, 'v')
#define EU(n) E(n##_d, KD, 1, 'v') E(n##_s, KS, 1, 'v')
#define EI(n) E(n##_w_s, KS, 1, 'x') E(n##_w_d, KD, 1, 'x') E(n##_x_s, KS, 1, 'x') E(n##_x_d, KD, 1, 'x')
#define EF(n) E(n##_s_w, KW, 1, 'v') E(n##_d_w, KW, 1, 'v') E(n##_s_x, KX, 1, 'v') E(n##_d_x, KX, 1, 'v')
static const struct op ops[] = {
    EB(fadd) EB(fsub) EB(fmul) EB(fdiv) EB(fmax) EB(fmin) EB(fmaxnm) EB(fminnm) EB(fnmul) EB(fabd)
    EB(fmulx) EB(frecps) EB(frsqrts) EB(fcmeq) EB(fcmge) EB(fcmgt) EB(facge) EB(facgt)
    ET(fmadd) ET(fmsub) ET(fnmadd) ET(fnmsub)
    EU(fsqrt) EU(frintn) EU(frintp) EU(frintm) EU(frintz) EU(frinta) EU(frintx) EU(frinti) EU(fabs) EU(fneg)
    EU(frecpe) EU(frsqrte) EU(frecpx)
    E(fcvt_d_s, KS, 1, 'v') E(fcvt_s_d, KD, 1, 'v') E(fcvt_h_s, KS, 1, 'v') E(fcvt_h_d, KD, 1, 'v')
    E(fcvt_s_h, KH, 1, 'v') E(fcvt_d_h, KH, 1, 'v') E(fcvtxn_s_d, KD, 1, 'v')
    E(urecpe_v, KW, 1, 'v') E(ursqrte_v, KW, 1, 'v')
    E(fcmp_d, KD, 2, 'f') E(fcmp_s, KS, 2, 'f') E(fcmpe_d, KD, 2, 'f') E(fcmpe_s, KS, 2, 'f')
    E(fcmpz_d, KD, 1, 'f') E(fcmpez_s, KS, 1, 'f')
    EI(fcvtns) EI(fcvtnu) EI(fcvtps) EI(fcvtpu) EI(fcvtms) EI(fcvtmu) EI(fcvtas) EI(fcvtau) EI(fcvtzs) EI(fcvtzu)
    E(fcvtzs_w_d_f1, KD, 1, 'x') E(fcvtzs_w_s_f32, KS, 1, 'x') E(fcvtzu_w_d_f10, KD, 1, 'x')
    E(fcvtzs_x_d_f64, KD, 1, 'x') E(fcvtzu_x_s_f33, KS, 1, 'x') E(fcvtzs_x_s_f5, KS, 1, 'x')
    E(fcvtzs_v2s, KS, 1, 'v') E(fcvtnu_v2d, KD, 1, 'v') E(fcvtzu_v2s_f3, KS, 1, 'v')
    EF(scvtf) EF(ucvtf)
    E(scvtf_s_w_f7, KW, 1, 'v') E(ucvtf_d_x_f64, KX, 1, 'v') E(scvtf_d_x_f20, KX, 1, 'v')
    E(ucvtf_s_w_f32, KW, 1, 'v') E(scvtf_v2s, KW, 1, 'v') E(ucvtf_v2d_f12, KX, 1, 'v')
};

/* ---- deterministic random inputs ---- */
static U rs = 0x9E3779B97F4A7C15ull;
static U rnd(void) { rs ^= rs << 13; rs ^= rs >> 7; rs ^= rs << 17; return rs; }
static int rn(int n) { return (int) (rnd() % (U) n); }

static const U dspec[] = {
    0, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff0000000000000ull, 0x3ff8000000000000ull,
    0x4000000000000000ull, 0x4008000000000000ull, 0x3fe0000000000000ull, 0x3fd5555555555555ull,
    0xbfe5555555555555ull, 0x3ff0000000000001ull, 0x3fefffffffffffffull, 0x7fefffffffffffffull,
    0xffefffffffffffffull, 0x0010000000000000ull, 0x8010000000000000ull, 0x000fffffffffffffull,
    0x0000000000000001ull, 0x8000000000000001ull, 0x0008000000000001ull, 0x7ff0000000000000ull,
    0xfff0000000000000ull, 0x7ff8000000000123ull, 0xfff8000000000456ull, 0x7ff0000000000789ull,
    0xfff0000000000abcull, 0x7fe0000000000000ull, 0x3fb999999999999aull, 0x4330000000000001ull,
    0x43e0000000000000ull, 0xc3e0000000000000ull, 0x43f0000000000000ull, 0x41dfffffffe00000ull,
    0x41efffffffe00000ull, 0xc1e0000000100000ull, 0x4004000000000000ull, 0xc00c000000000000ull,
    0xbfe0000000000000ull, 0x3ff4000000000000ull, 0x0018000000000000ull, 0x3cb0000000000000ull,
    0x36a0000000000000ull, 0x47efffffe0000000ull, 0x47efffffffffffffull, 0x380fffffffffffffull,
    0x3800000000000000ull, 0x40effc0000000000ull, 0x40f0000000000000ull, 0x3e70000000000000ull,
};
static const uint32_t sspec[] = {
    0, 0x80000000, 0x3f800000, 0xbf800000, 0x3fc00000, 0x40000000, 0x40400000, 0x3f000000, 0x3eaaaaab,
    0xbf2aaaab, 0x3f800001, 0x3f7fffff, 0x7f7fffff, 0xff7fffff, 0x00800000, 0x80800000, 0x007fffff,
    0x00000001, 0x80000001, 0x00400001, 0x7f800000, 0xff800000, 0x7fc00123, 0xffc00456, 0x7f800789,
    0xff800abc, 0x7f000000, 0x3dcccccd, 0x4b000001, 0x5f000000, 0xdf000000, 0x5f800000, 0x4f000000,
    0x4f800000, 0xcf000000, 0x40200000, 0xc0600000, 0xbf000000, 0x3fa00000, 0x00c00000, 0x34000000,
    0x1a800000, 0x477fe000, 0x477ff000, 0x387fc000, 0x38800000, 0x33800000, 0x33000001, 0x3e800000,
};
static const uint16_t hspec[] = {
    0, 0x8000, 0x3c00, 0xbc00, 0x7bff, 0xfbff, 0x0400, 0x03ff, 0x0001, 0x8001, 0x7c00, 0xfc00,
    0x7e01, 0xfe02, 0x7c03, 0xfd04, 0x3555, 0x0200,
};

static U rnd_fp(int eb, int fb, int sel) {
    int bias = (1 << (eb - 1)) - 1, emax = (1 << eb) - 1;
    U frac = rnd() & ((1ull << fb) - 1);
    switch (rn(8)) {
    case 0: frac &= ~((1ull << (fb - 3)) - 1); break;            /* few significant bits */
    case 1: frac |= (1ull << (fb - 4)) - 1; break;              /* trailing ones */
    case 2: frac = (frac & ~((1ull << (fb / 2)) - 1)) | (rnd() & 1); break;
    default: break;
    }
    int e;
    int r = sel >= 0 ? sel : rn(10);
    if (r < 3) e = rn(emax);                                    /* anywhere finite */
    else if (r < 6) e = bias - 8 + rn(17);                      /* near 1 */
    else if (r < 8) e = rn(fb + 3);                             /* denormal / tiny */
    else e = emax - 1 - rn(fb + 3);                             /* near overflow */
    if (e < 0) e = 0;
    U sign = rnd() & 1;
    return (sign << (eb + fb)) | ((U) e << fb) | frac;
}

static U pick(int kind, int bigint) {
    switch (kind) {
    case KD:
        if (rn(3) == 0) return dspec[rn(sizeof dspec / sizeof dspec[0])];
        if (bigint) return rnd_fp(11, 52, -1) & 0x7fffffffffffffffull ? (rnd_fp(11, 52, 9) & 0x800fffffffffffffull) | ((U) (1023 - 3 + rn(70)) << 52) : 0;
        return rnd_fp(11, 52, -1);
    case KS:
        if (rn(3) == 0) return sspec[rn(sizeof sspec / sizeof sspec[0])];
        if (bigint) return (rnd_fp(8, 23, 9) & 0x807fffffull) | ((U) (127 - 3 + rn(70)) << 23);
        return rnd_fp(8, 23, -1);
    case KH:
        if (rn(3) == 0) return hspec[rn(sizeof hspec / sizeof hspec[0])];
        return rnd() & 0xffff;
    case KW: {
        U v = rnd() >> rn(32);
        return rn(2) ? (U) (uint32_t) v : (U) (uint32_t) -(int32_t) v;
    }
    default: {
        U v = rnd() >> rn(64);
        if (rn(4) == 0) v &= ~0xfffull;
        return rn(2) ? v : -v;
    }
    }
}

/* an operand correlated with a (for cancellation, ties and near-equal compares) */
static U near(int kind, U a) {
    U v = a;
    switch (rn(4)) {
    case 0: v = a ^ (kind == KD ? 0x8000000000000000ull : 0x80000000ull); break;
    case 1: v = a + (rnd() % 5) - 2; break;
    case 2: v = (a ^ (kind == KD ? 0x8000000000000000ull : 0x80000000ull)) + (rnd() % 5) - 2; break;
    default: v = a + ((rnd() % 64) << (kind == KD ? 40 : 12)); break;
    }
    return kind == KD ? v : (v & 0xffffffffull);
}

static U pick_fpcr(int half) {
    U f = (U) rn(4) << 22;
    if (rn(4) == 0) f |= 1u << 24; /* FZ */
    if (rn(4) == 0) f |= 1u << 25; /* DN */
    if (half && rn(3) == 0) f |= 1u << 26; /* AHP */
    return f;
}


/* =====================================================================================
 * AdvSIMD vectors: 128-bit operands in v1, v2 and v0 (accumulator), result v0 (128 bits).
 * Output (with argument "simd"): "@ NAME WORD LANEKIND" then
 * "NAME FPCR A_HI A_LO B_HI B_LO D_HI D_LO R_HI R_LO FPSR".
 * ===================================================================================== */
typedef void (*vfn_t)(const U *a, const U *b, const U *d, U *r, U fpcr, U *fpsr);
#define VOP(name, insn) \
    __asm__(".pushsection .rodata\n.balign 4\nvenc_" #name ": " insn "\n.popsection\n"); \
    extern const uint32_t venc_##name __asm__("venc_" #name); \
    static void vfn_##name(const U *a, const U *b, const U *d, U *r, U fpcr, U *fsp) { \
        U fs; \
        __asm__ volatile("ldr q1, [%[a]]\n ldr q2, [%[b]]\n ldr q0, [%[d]]\n msr fpsr, xzr\n msr fpcr, %[fc]\n" \
                         insn "\n mrs %[fs], fpsr\n msr fpcr, xzr\n str q0, [%[r]]\n" \
                         : [fs] "=&r"(fs) : [a] "r"(a), [b] "r"(b), [d] "r"(d), [r] "r"(r), [fc] "r"(fpcr) \
                         : "v0", "v1", "v2", "memory"); \
        *fsp = fs; \
    }
#define VLIST(X) \
    X(fadd_4s, "fadd v0.4s, v1.4s, v2.4s", KS) X(fadd_2s, "fadd v0.2s, v1.2s, v2.2s", KS) \
    X(fadd_2d, "fadd v0.2d, v1.2d, v2.2d", KD) X(fsub_4s, "fsub v0.4s, v1.4s, v2.4s", KS) \
    X(fmul_2d, "fmul v0.2d, v1.2d, v2.2d", KD) X(fdiv_4s, "fdiv v0.4s, v1.4s, v2.4s", KS) \
    X(fmax_4s, "fmax v0.4s, v1.4s, v2.4s", KS) X(fmin_2d, "fmin v0.2d, v1.2d, v2.2d", KD) \
    X(fmaxnm_4s, "fmaxnm v0.4s, v1.4s, v2.4s", KS) X(fminnm_2s, "fminnm v0.2s, v1.2s, v2.2s", KS) \
    X(fmla_4s, "fmla v0.4s, v1.4s, v2.4s", KS) X(fmla_2d, "fmla v0.2d, v1.2d, v2.2d", KD) \
    X(fmls_4s, "fmls v0.4s, v1.4s, v2.4s", KS) X(fabd_4s, "fabd v0.4s, v1.4s, v2.4s", KS) \
    X(fmulx_2d, "fmulx v0.2d, v1.2d, v2.2d", KD) X(frecps_4s, "frecps v0.4s, v1.4s, v2.4s", KS) \
    X(frsqrts_2d, "frsqrts v0.2d, v1.2d, v2.2d", KD) X(fcmeq_4s, "fcmeq v0.4s, v1.4s, v2.4s", KS) \
    X(fcmge_2d, "fcmge v0.2d, v1.2d, v2.2d", KD) X(fcmgt_4s, "fcmgt v0.4s, v1.4s, v2.4s", KS) \
    X(facge_4s, "facge v0.4s, v1.4s, v2.4s", KS) X(facgt_2d, "facgt v0.2d, v1.2d, v2.2d", KD) \
    X(faddp_4s, "faddp v0.4s, v1.4s, v2.4s", KS) X(faddp_2s, "faddp v0.2s, v1.2s, v2.2s", KS) \
    X(faddp_2d, "faddp v0.2d, v1.2d, v2.2d", KD) X(fmaxp_4s, "fmaxp v0.4s, v1.4s, v2.4s", KS) \
    X(fminp_2d, "fminp v0.2d, v1.2d, v2.2d", KD) X(fmaxnmp_4s, "fmaxnmp v0.4s, v1.4s, v2.4s", KS) \
    X(fminnmp_2s, "fminnmp v0.2s, v1.2s, v2.2s", KS) \
    X(faddp_s, "faddp s0, v1.2s", KS) X(faddp_d, "faddp d0, v1.2d", KD) X(fmaxp_s, "fmaxp s0, v1.2s", KS) \
    X(fminp_d, "fminp d0, v1.2d", KD) X(fmaxnmp_d, "fmaxnmp d0, v1.2d", KD) X(fminnmp_s, "fminnmp s0, v1.2s", KS) \
    X(fmaxv, "fmaxv s0, v1.4s", KS) X(fminv, "fminv s0, v1.4s", KS) X(fmaxnmv, "fmaxnmv s0, v1.4s", KS) \
    X(fminnmv, "fminnmv s0, v1.4s", KS) \
    X(fmul_e4s, "fmul v0.4s, v1.4s, v2.s[3]", KS) X(fmla_e2d, "fmla v0.2d, v1.2d, v2.d[1]", KD) \
    X(fmls_e2s, "fmls v0.2s, v1.2s, v2.s[1]", KS) X(fmulx_e4s, "fmulx v0.4s, v1.4s, v2.s[0]", KS) \
    X(fmul_es, "fmul s0, s1, v2.s[2]", KS) X(fmla_ed, "fmla d0, d1, v2.d[1]", KD) \
    X(fmulx_ed, "fmulx d0, d1, v2.d[0]", KD) X(fmls_es, "fmls s0, s1, v2.s[3]", KS) \
    X(fabs_4s, "fabs v0.4s, v1.4s", KS) X(fneg_2d, "fneg v0.2d, v1.2d", KD) X(fsqrt_4s, "fsqrt v0.4s, v1.4s", KS) \
    X(frintn_4s, "frintn v0.4s, v1.4s", KS) X(frintm_2d, "frintm v0.2d, v1.2d", KD) \
    X(frintp_4s, "frintp v0.4s, v1.4s", KS) X(frintz_2s, "frintz v0.2s, v1.2s", KS) \
    X(frinta_2d, "frinta v0.2d, v1.2d", KD) X(frintx_4s, "frintx v0.4s, v1.4s", KS) \
    X(frinti_2d, "frinti v0.2d, v1.2d", KD) X(fcvtns_4s, "fcvtns v0.4s, v1.4s", KS) \
    X(fcvtmu_2d, "fcvtmu v0.2d, v1.2d", KD) X(fcvtas_4s, "fcvtas v0.4s, v1.4s", KS) \
    X(fcvtau_2d, "fcvtau v0.2d, v1.2d", KD) X(fcvtps_4s, "fcvtps v0.4s, v1.4s", KS) \
    X(fcvtzs_2d, "fcvtzs v0.2d, v1.2d", KD) X(fcvtzu_4s, "fcvtzu v0.4s, v1.4s", KS) \
    X(scvtf_4s, "scvtf v0.4s, v1.4s", KW) X(ucvtf_2d, "ucvtf v0.2d, v1.2d", KX) \
    X(fcmgtz_4s, "fcmgt v0.4s, v1.4s, #0.0", KS) X(fcmeqz_2d, "fcmeq v0.2d, v1.2d, #0.0", KD) \
    X(fcmltz_4s, "fcmlt v0.4s, v1.4s, #0.0", KS) X(fcmgez_2d, "fcmge v0.2d, v1.2d, #0.0", KD) \
    X(fcmlez_4s, "fcmle v0.4s, v1.4s, #0.0", KS) X(frecpe_4s, "frecpe v0.4s, v1.4s", KS) \
    X(frsqrte_2d, "frsqrte v0.2d, v1.2d", KD) X(urecpe_4s, "urecpe v0.4s, v1.4s", KW) \
    X(ursqrte_4s, "ursqrte v0.4s, v1.4s", KW) \
    X(fcvtn_4h, "fcvtn v0.4h, v1.4s", KS) X(fcvtn2_8h, "fcvtn2 v0.8h, v1.4s", KS) \
    X(fcvtn_2s, "fcvtn v0.2s, v1.2d", KD) X(fcvtn2_4s, "fcvtn2 v0.4s, v1.2d", KD) \
    X(fcvtl_4s, "fcvtl v0.4s, v1.4h", KH) X(fcvtl2_4s, "fcvtl2 v0.4s, v1.8h", KH) \
    X(fcvtl_2d, "fcvtl v0.2d, v1.2s", KS) X(fcvtl2_2d, "fcvtl2 v0.2d, v1.4s", KS) \
    X(fcvtxn_2s, "fcvtxn v0.2s, v1.2d", KD) X(fcvtxn2_4s, "fcvtxn2 v0.4s, v1.2d", KD) \
    X(fcvtzs_s, "fcvtzs s0, s1", KS) X(fcvtnu_d, "fcvtnu d0, d1", KD) X(scvtf_s, "scvtf s0, s1", KW) \
    X(ucvtf_d, "ucvtf d0, d1", KX) X(frecpe_s, "frecpe s0, s1", KS) X(frsqrte_d, "frsqrte d0, d1", KD) \
    X(frecpx_s, "frecpx s0, s1", KS) X(fcmgtz_s, "fcmgt s0, s1, #0.0", KS) X(fcmlez_d, "fcmle d0, d1, #0.0", KD) \
    X(fcvtas_d, "fcvtas d0, d1", KD) \
    X(scvtf_4s_f5, "scvtf v0.4s, v1.4s, #5", KW) X(ucvtf_2d_f40, "ucvtf v0.2d, v1.2d, #40", KX) \
    X(fcvtzs_4s_f31, "fcvtzs v0.4s, v1.4s, #31", KS) X(fcvtzu_2d_f64, "fcvtzu v0.2d, v1.2d, #64", KD) \
    X(scvtf_s_f3, "scvtf s0, s1, #3", KW) X(fcvtzs_d_f50, "fcvtzs d0, d1, #50", KD) \
    X(fcvtzu_s_f32, "fcvtzu s0, s1, #32", KS) X(ucvtf_d_f1, "ucvtf d0, d1, #1", KX)

#define VDEF(n, i, k) VOP(n, i)
VLIST(VDEF)
struct vop { const char *name; vfn_t fn; const uint32_t *enc; int kind; };
#define VENT(n, i, k) { #n, vfn_##n, &venc_##n, k },
static const struct vop vops[] = { VLIST(VENT) };

static U lanes(int kind, int bigint, const U *ref, int refok) {
    /* one 64-bit half made of lanes of the given kind */
    U r = 0;
    int w = kind == KD || kind == KX ? 64 : kind == KH ? 16 : 32;
    for (int sh = 0; sh < 64; sh += w) {
        U x;
        if (refok && rn(3) == 0) {
            U base = (*ref >> sh) & (w == 64 ? ~0ull : (1ull << w) - 1);
            x = near(kind == KD ? KD : KS, base);
        } else {
            x = pick(kind, bigint && rn(3) != 0);
        }
        if (w < 64) x &= (1ull << w) - 1;
        r |= x << sh;
    }
    return r;
}

static void simd_main(void) {
    int n = sizeof vops / sizeof vops[0];
    for (int k = 0; k < n; k++) {
        const struct vop *o = &vops[k];
        printf("@ %s %08x %c\n", o->name, *o->enc, "dshwx"[o->kind]);
        int bigint = strstr(o->name, "fcvt") && o->kind != KH && !strstr(o->name, "fcvtn") &&
                     !strstr(o->name, "fcvtl") && !strstr(o->name, "fcvtxn");
        for (int i = 0; i < 40; i++) {
            U a[2], b[2], d[2], r[2], fs;
            a[0] = lanes(o->kind, bigint, 0, 0);
            a[1] = lanes(o->kind, bigint, 0, 0);
            b[0] = lanes(o->kind, 0, &a[0], 1);
            b[1] = lanes(o->kind, 0, &a[1], 1);
            d[0] = lanes(o->kind, 0, 0, 0);
            d[1] = lanes(o->kind, 0, 0, 0);
            U fpcr = pick_fpcr(o->kind == KH || strstr(o->name, "_4h") || strstr(o->name, "_8h"));
            o->fn(a, b, d, r, fpcr, &fs);
            printf("%s %x %llx %llx %llx %llx %llx %llx %llx %llx %llx\n", o->name, (unsigned) fpcr,
                   (unsigned long long) a[1], (unsigned long long) a[0], (unsigned long long) b[1],
                   (unsigned long long) b[0], (unsigned long long) d[1], (unsigned long long) d[0],
                   (unsigned long long) r[1], (unsigned long long) r[0], (unsigned long long) fs);
        }
    }
}

int main(int argc, char **argv) {
    if (argc > 1 && !strcmp(argv[1], "simd")) {
        simd_main();
        return 0;
    }
    int nops = sizeof ops / sizeof ops[0];
    for (int k = 0; k < nops; k++) {
        const struct op *o = &ops[k];
        printf("@ %s %08x %c %c\n", o->name, *o->enc, "dshwx"[o->kind], o->out);
        int n = o->nargs == 1 ? 60 : o->nargs == 2 ? 90 : 120;
        if (!strncmp(o->name, "fabs", 4) || !strncmp(o->name, "fneg", 4)) n = 20;
        int bigint = !strncmp(o->name, "fcvt", 4) && (strchr(o->name + 5, 'w') || strchr(o->name + 5, 'x') || strstr(o->name, "_v"));
        int half = strstr(o->name, "_h") != 0;
        for (int i = 0; i < n; i++) {
            U a = pick(o->kind, bigint && rn(3) != 0);
            U b = rn(3) == 0 ? near(o->kind, a) : pick(o->kind, 0);
            U c = pick(o->kind, 0);
            if (o->nargs == 3 && rn(4) == 0) {
                /* addend near -(a*b) for cancellation: use b = 1.0 and c = -a +- tiny */
                b = o->kind == KD ? 0x3ff0000000000000ull : 0x3f800000ull;
                c = near(o->kind, a);
            }
            if (o->kind == KS || o->kind == KW) { a &= 0xffffffffull; b &= 0xffffffffull; c &= 0xffffffffull; }
            if (o->nargs < 3) c = 0;
            if (o->nargs < 2) b = 0;
            U fpcr = pick_fpcr(half), fpsr;
            U r = o->fn(a, b, c, fpcr, &fpsr);
            printf("%s %x %llx %llx %llx %llx %llx\n", o->name, (unsigned) fpcr, (unsigned long long) a,
                   (unsigned long long) b, (unsigned long long) c, (unsigned long long) r, (unsigned long long) fpsr);
        }
    }
    return 0;
}
