/*
 * Driver of the random-instruction differential fuzzer. Prints one line per sequence:
 * a 64-bit hash of the architectural state after the sequence (X0-X30, SP, NZCV, FPCR,
 * FPSR, V0-V31), the scratch memory and any exception taken. QEMU and armach must print
 * the same lines for the same image.
 */
typedef unsigned long u64;
typedef unsigned int u32;
typedef unsigned char u8;

#define UART_DR ((volatile u32 *)0x09000000)
#define UART_FR ((volatile u32 *)0x09000018)
#define SEQ_TABLE ((const u32 *)0x41000000)
#define SCRATCH_SIZE 4096

struct fstate {
    u64 x[31];
    u64 sp, nzcv, fpcr, fpsr;
    u64 v[64];
};

extern void run_seq(const struct fstate *in, struct fstate *out);
extern void seq_return(void);
extern u32 exec_buf[];

struct fstate *out_ptr_tmp;
u64 saved_sp;
u64 exc_record[4];
static struct fstate in_state, out_state;
u8 scratch[SCRATCH_SIZE] __attribute__((aligned(4096)));

static void putc_(char c) {
    while (*UART_FR & (1 << 5)) { }
    *UART_DR = (u32)c;
}

static void puts_(const char *s) { while (*s) putc_(*s++); }

static void puthex(u64 v, int digits) {
    for (int i = digits - 1; i >= 0; i--) putc_("0123456789abcdef"[(v >> (4 * i)) & 15]);
}

void harness_fault(u64 esr, u64 elr, u64 far) {
    puts_("FUZZ-HARNESS-FAULT esr=");
    puthex(esr, 16);
    puts_(" elr=");
    puthex(elr, 16);
    puts_(" far=");
    puthex(far, 16);
    putc_('\n');
}

static u64 rng;

static u64 next(void) {
    /* xorshift64* */
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 2685821657736338717UL;
}

static const u64 special64[] = {
    0, 1, 2, 0xffffffffffffffffUL, 0x7fffffffffffffffUL, 0x8000000000000000UL,
    0x00000000ffffffffUL, 0x000000007fffffffUL, 0x0000000080000000UL, 0xffffffff80000000UL,
    0x7ff0000000000000UL /* +inf */, 0xfff0000000000000UL, 0x7ff8000000000000UL /* qNaN */,
    0x7ff4000000000001UL /* sNaN */, 0x0000000000000001UL, 0x000fffffffffffffUL /* denormal */,
    0x3ff0000000000000UL /* 1.0 */, 0xbff8000000000000UL, 0x4330000000000000UL, 0x43e0000000000000UL,
    0x7f8000007f800000UL /* float inf pair */, 0x7fc000007fa00001UL /* float qNaN, sNaN */,
    0x007fffff00000001UL /* float denormals */, 0x3f8000003f000000UL /* 1.0f, 0.5f */,
    0x4f0000004f800000UL, 0xcf000000cf800001UL, 0x8000000080000000UL, 0x0080000000800000UL,
    0x7bff7c00fc007e00UL /* halfs */, 0x8080808080808080UL, 0x7f7f7f7f7f7f7f7fUL, 0x0101010101010101UL,
};

static u64 value(void) {
    u64 r = next();
    switch (r & 7) {
        case 0: case 1: return special64[(r >> 8) % (sizeof special64 / sizeof special64[0])];
        case 2: return (r >> 8) & 0xff;
        case 3: return ((r >> 3) & 1) ? next() & 0xffffffffUL : (u64)(long)(int)next();
        default: return next();
    }
}

static void make_state(struct fstate *s, u64 seed) {
    rng = seed * 0x9e3779b97f4a7c15UL + 0x632be59bd9b4e019UL;
    if (rng == 0) rng = 1;
    for (int i = 0; i < 31; i++) s->x[i] = value();
    /* x28 and SP are base registers for the generated loads and stores */
    s->x[28] = (u64)scratch + SCRATCH_SIZE / 2;
    s->sp = (u64)scratch + SCRATCH_SIZE / 2;
    s->nzcv = (next() & 0xf) << 28;
    u64 r = next();
    /* FPCR: rounding mode, FZ, DN, AHP */
    s->fpcr = ((r & 3) << 22) | (((r >> 2) & 1) << 24) | (((r >> 3) & 1) << 25) | (((r >> 4) & 1) << 26);
    if (((r >> 5) & 3) != 0) s->fpcr = 0; /* mostly the default mode */
    s->fpsr = 0;
    for (int i = 0; i < 64; i++) s->v[i] = value();
    u64 *m = (u64 *)scratch;
    for (int i = 0; i < SCRATCH_SIZE / 8; i++) m[i] = (i & 7) == 0 ? value() : next();
}

static u64 h;

static void mix(u64 v) {
    h ^= v;
    h *= 0x100000001b3UL;
    h ^= h >> 29;
}

static void clean_icache_line(void *p) {
    __asm__ volatile("dc cvau, %0\n\tdsb ish\n\tic ivau, %0\n\tdsb ish\n\tisb" : : "r"(p) : "memory");
}

int fuzz_main(void) {
    const u32 *table = SEQ_TABLE;
    if (table[0] != 0x5a5a5546u) { /* "FUZZ" */
        puts_("FUZZ-NO-TABLE\n");
        return 1;
    }
    u32 count = table[1], len = table[2], seed = table[3], flags = table[4];
    const u32 *seqs = table + 8; /* each entry: state id, then len words */
    puts_("FUZZ-BEGIN ");
    puthex(count, 8);
    putc_(' ');
    puthex(len, 8);
    putc_(' ');
    puthex(seed, 8);
    putc_('\n');
    out_ptr_tmp = &out_state;
    for (u32 i = 0; i < count; i++) {
        const u32 *entry = seqs + (u64)i * (len + 1);
        make_state(&in_state, ((u64)seed << 32) | entry[0]);
        for (u32 k = 0; k < len; k++) exec_buf[k] = entry[1 + k];
        /* b seq_return */
        long off = ((long)(u64)seq_return - (long)(u64)&exec_buf[len]) / 4;
        exec_buf[len] = 0x14000000u | ((u32)off & 0x03ffffffu);
        for (u32 k = 0; k <= len; k += 16) clean_icache_line(&exec_buf[k]);
        exc_record[0] = exc_record[1] = exc_record[2] = exc_record[3] = 0;
        run_seq(&in_state, &out_state);
        h = 0xcbf29ce484222325UL;
        for (int k = 0; k < 31; k++) mix(out_state.x[k]);
        mix(out_state.sp);
        mix(out_state.nzcv);
        mix(out_state.fpcr);
        mix(out_state.fpsr);
        for (int k = 0; k < 64; k++) mix(out_state.v[k]);
        const u64 *m = (const u64 *)scratch;
        for (int k = 0; k < SCRATCH_SIZE / 8; k++) mix(m[k]);
        /* FAR is UNKNOWN except after aborts, PC/SP alignment faults and watchpoints */
        u64 ec = exc_record[1] >> 26;
        int far_valid = exc_record[0] && ((ec >= 0x20 && ec <= 0x26) || ec == 0x34 || ec == 0x35);
        if (!far_valid) exc_record[2] = 0;
        mix(exc_record[0]);
        mix(exc_record[1]);
        mix(exc_record[2]);
        mix(exc_record[0] ? exc_record[3] - (u64)exec_buf : 0);
        puthex(i, 6);
        putc_(' ');
        puthex(h, 16);
        if (flags & 1) {
            /* verbose: the whole state, for locating a mismatch */
            for (int k = 0; k < 31; k++) { puts_(" x"); puthex(k, 2); putc_('='); puthex(out_state.x[k], 16); }
            puts_(" sp="); puthex(out_state.sp, 16);
            puts_(" nzcv="); puthex(out_state.nzcv >> 28, 1);
            puts_(" fpsr="); puthex(out_state.fpsr, 8);
            for (int k = 0; k < 32; k++) { puts_(" v"); puthex(k, 2); putc_('='); puthex(out_state.v[2 * k + 1], 16); puthex(out_state.v[2 * k], 16); }
            u64 mh = 0xcbf29ce484222325UL;
            for (int k = 0; k < SCRATCH_SIZE / 8; k++) { mh ^= m[k]; mh *= 0x100000001b3UL; }
            puts_(" mem="); puthex(mh, 16);
            puts_(" exc="); puthex(exc_record[0], 2); putc_('/'); puthex(exc_record[1], 8); putc_('/'); puthex(exc_record[2], 16);
        }
        if (exc_record[0]) {
            putc_(' ');
            puthex(exc_record[1] >> 26, 2);
        }
        putc_('\n');
    }
    puts_("FUZZ-END\n");
    return 0;
}
