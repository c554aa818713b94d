/* Differential test: stage 1 MMU of the EL1&0 regime with one translation granule
 * (GRAN_SHIFT = 12, 14 or 16; built as diff-mmu4k, diff-mmu16k, diff-mmu64k).
 *
 * The guest builds its own tables (TTBR0: identity-mapped RAM and UART as blocks, test pages
 * at 0x80000000 as level-3 pages, block aliases; TTBR1: a high alias of RAM), enables the
 * MMU and prints: reads/writes through the mappings; translation, permission and access flag
 * faults (AF fixed by the handler, access retried) with ESR and FAR; EL0 execution (ERET to a
 * user code page, SVC back); UXN/PXN and implicit PXN of EL0-writable pages; PAN and
 * LDTR/STTR; AT S1E1R/W, S1E0R/W, S1E1RP/WP with PAR_EL1 (SH and NS masked, see
 * docs/decisions.md D8); two address spaces with nG pages switched by TTBR0.ASID without
 * TLBI; TLBI VAE1/VALE1/VAAE1/ASIDE1/VMALLE1 after changing descriptors (only the value after
 * the TLBI is printed: before it either mapping may be used); a block replaced by a table;
 * APTable/UXNTable/PXNTable; TBI0; a smaller T1SZ (other start level) and EPD1; UAO;
 * accesses crossing pages; block AF, contiguous hint, Address size faults (TCR.IPS = 40
 * bits); 16-bit ASIDs taken from TTBR1; permission downgrades and code remapping with TLBI;
 * an external abort on a table walk outside RAM. After an abort the destination register is
 * not printed (the handler skips the instruction). */
#include "testlib.h"

#ifndef GRAN_SHIFT
#error "GRAN_SHIFT must be 12, 14 or 16"
#endif

#define G GRAN_SHIFT
#define GRAN (1ULL << G)
#define STRIDE (G - 3)
#if G == 16
#define START_LEVEL 1
#define TG0 1ULL
#define TG1 3ULL
#elif G == 14
#define START_LEVEL 0
#define TG0 2ULL
#define TG1 1ULL
#else
#define START_LEVEL 0
#define TG0 0ULL
#define TG1 2ULL
#endif
#define BLK (1ULL << (G + STRIDE))	/* level-2 block size */

#define POOL 0x42000000ULL	/* translation tables */
#define FRAMES 0x43000000ULL	/* test page frames */
#define TV 0x80000000ULL	/* test page VAs */
#define KHI 0xffff800040000000ULL	/* TTBR1 alias of RAM */
#define BLKVA 0x100000000ULL	/* level-2 block alias of RAM */
#define L1VA 0x200000000ULL	/* level-1 block alias of RAM (4K only) */

/* Descriptor bits */
#define D_AF (1ULL << 10)
#define D_ISH (3ULL << 8)
#define D_NG (1ULL << 11)
#define D_PXN (1ULL << 53)
#define D_UXN (1ULL << 54)
#define AP_K_RW (0ULL << 6)
#define AP_U_RW (1ULL << 6)
#define AP_K_RO (2ULL << 6)
#define AP_U_RO (3ULL << 6)
#define ATTR_DEV (0ULL << 2)
#define ATTR_NORM (1ULL << 2)
#define NORMAL (D_AF | D_ISH | ATTR_NORM)

static u64 pool_next = POOL;

static u64 alloc_table(void)
{
	u64 t = pool_next;
	pool_next += GRAN;
	memset((void *)t, 0, GRAN);
	return t;
}

static int shift_of(int l) { return G + (3 - l) * STRIDE; }

/* Pointer to the descriptor of va at level (creating tables if create), or 0. */
static int start_level = START_LEVEL;

static volatile u64 *desc_ptr(u64 root, u64 va, int level, int create)
{
	u64 t = root;
	va &= 0xffffffffffffULL;
	for (int l = start_level;; l++) {
		u64 idx = (va >> shift_of(l)) & ((1ULL << STRIDE) - 1);
		volatile u64 *d = (volatile u64 *)t + idx;
		if (l == level)
			return d;
		if ((*d & 3) != 3) {
			if (!create)
				return 0;
			*d = alloc_table() | 3;
		}
		t = *d & 0xfffffffff000ULL & ~(GRAN - 1);
	}
}

static void map(u64 root, u64 va, u64 pa, int level, u64 attrs)
{
	*desc_ptr(root, va, level, 1) = pa | attrs | (level == 3 ? 3 : 1);
}

static u64 pva(int i) { return TV + (u64)i * GRAN; }
static u64 pfr(int i) { return FRAMES + (u64)i * GRAN; }

/* Test pages: index, attributes. Page 4 stays unmapped. */
enum { P_KRW = 0, P_KRO = 1, P_URW = 2, P_URO = 3, P_NONE = 4, P_KAF = 5, P_UCODE = 6,
       P_KCODE = 7, P_UXN = 8, P_ASID = 9, P_TLBI = 11, P_UAF = 12, P_NG = 13, P_USTACK = 15 };

static const u64 page_attrs[16] = {
	[P_KRW] = NORMAL | AP_K_RW | D_PXN | D_UXN,
	[P_KRO] = NORMAL | AP_K_RO | D_PXN | D_UXN,
	[P_URW] = NORMAL | AP_U_RW | D_UXN,	/* EL0-writable: implicitly PXN */
	[P_URO] = NORMAL | AP_U_RO | D_PXN | D_UXN,
	[P_KAF] = (NORMAL & ~D_AF) | AP_K_RW | D_PXN | D_UXN,
	[P_UCODE] = NORMAL | AP_U_RO | D_PXN,
	[P_KCODE] = NORMAL | AP_K_RO | D_UXN,
	[P_UXN] = NORMAL | AP_U_RW | D_UXN | D_PXN,
	[P_ASID] = NORMAL | AP_U_RW | D_NG | D_PXN | D_UXN,
	[P_TLBI] = NORMAL | AP_K_RW | D_PXN | D_UXN,
	[P_UAF] = (NORMAL & ~D_AF) | AP_U_RW | D_PXN | D_UXN,
	[P_NG] = NORMAL | AP_K_RW | D_NG | D_PXN | D_UXN,
	[P_USTACK] = NORMAL | AP_U_RW | D_PXN | D_UXN,
};

static u64 root_a, root_b, root_hi;

static void build_ttbr0(u64 root, int asid_frame)
{
	/* Identity: RAM as level-2 blocks (kernel RWX), UART's block as Device. */
	for (u64 pa = 0x40000000ULL; pa < 0x48000000ULL; pa += BLK)
		map(root, pa, pa, 2, NORMAL | AP_K_RW | D_UXN);
	u64 uart = 0x09000000ULL & ~(BLK - 1);
	map(root, uart, uart, 2, D_AF | ATTR_DEV | AP_K_RW | D_PXN | D_UXN);
	/* Level-2 block alias of the start of RAM, read-only for EL1 and EL0. */
	map(root, BLKVA, 0x40000000ULL, 2, NORMAL | AP_U_RO | D_PXN | D_UXN);
#if G == 12
	map(root, L1VA, 0x40000000ULL, 1, NORMAL | AP_K_RW | D_PXN | D_UXN);
#endif
	for (int i = 0; i < 16; i++) {
		if (i == P_NONE || !page_attrs[i])
			continue;
		map(root, pva(i), i == P_ASID ? pfr(asid_frame) : pfr(i), 3, page_attrs[i]);
	}
}

/* ---- exception handling ---- */

struct rec {
	u64 count, vec, esr, far, fixed;
};
static volatile struct rec rec;

extern char mmu_vectors[], el0_return[], user_code[], user_code_end[];
u64 run_el0(u64 op, u64 addr, u64 val, u64 entry, u64 sp);

void mmu_handler(struct exc_frame *f, u64 vec);

__asm__(
	".macro MVENTRY idx\n"
	"	.balign 0x80\n"
	"	sub sp, sp, #(36 * 8)\n"
	"	stp x0, x1, [sp, #0]\n"
	"	mov x1, #\\idx\n"
	"	b mmu_exc_common\n"
	".endm\n"
	"	.section .text.mmuvec, \"ax\"\n"
	"	.balign 2048\n"
	"	.global mmu_vectors\n"
	"mmu_vectors:\n"
	"	MVENTRY 0\n	MVENTRY 1\n	MVENTRY 2\n	MVENTRY 3\n"
	"	MVENTRY 4\n	MVENTRY 5\n	MVENTRY 6\n	MVENTRY 7\n"
	"	MVENTRY 8\n	MVENTRY 9\n	MVENTRY 10\n	MVENTRY 11\n"
	"	MVENTRY 12\n	MVENTRY 13\n	MVENTRY 14\n	MVENTRY 15\n"
	"mmu_exc_common:\n"
	"	stp x2, x3, [sp, #16]\n	stp x4, x5, [sp, #32]\n	stp x6, x7, [sp, #48]\n"
	"	stp x8, x9, [sp, #64]\n	stp x10, x11, [sp, #80]\n	stp x12, x13, [sp, #96]\n"
	"	stp x14, x15, [sp, #112]\n	stp x16, x17, [sp, #128]\n	stp x18, x19, [sp, #144]\n"
	"	stp x20, x21, [sp, #160]\n	stp x22, x23, [sp, #176]\n	stp x24, x25, [sp, #192]\n"
	"	stp x26, x27, [sp, #208]\n	stp x28, x29, [sp, #224]\n"
	"	mrs x2, elr_el1\n	stp x30, x2, [sp, #240]\n"
	"	mrs x2, spsr_el1\n	mrs x3, esr_el1\n	stp x2, x3, [sp, #256]\n"
	"	mrs x2, far_el1\n	str x2, [sp, #272]\n"
	"	mov x0, sp\n	bl mmu_handler\n"
	"	ldp x30, x2, [sp, #240]\n	msr elr_el1, x2\n"
	"	ldr x2, [sp, #256]\n	msr spsr_el1, x2\n"
	"	ldp x2, x3, [sp, #16]\n	ldp x4, x5, [sp, #32]\n	ldp x6, x7, [sp, #48]\n"
	"	ldp x8, x9, [sp, #64]\n	ldp x10, x11, [sp, #80]\n	ldp x12, x13, [sp, #96]\n"
	"	ldp x14, x15, [sp, #112]\n	ldp x16, x17, [sp, #128]\n	ldp x18, x19, [sp, #144]\n"
	"	ldp x20, x21, [sp, #160]\n	ldp x22, x23, [sp, #176]\n	ldp x24, x25, [sp, #192]\n"
	"	ldp x26, x27, [sp, #208]\n	ldp x28, x29, [sp, #224]\n"
	"	ldp x0, x1, [sp, #0]\n	add sp, sp, #(36 * 8)\n"
	"	eret\n"
	/* run_el0(op, addr, val, entry, sp): ERET to EL0 at entry; returns x0 of the SVC. */
	"	.text\n"
	"	.global run_el0\n"
	"run_el0:\n"
	"	stp x29, x30, [sp, #-96]!\n"
	"	stp x19, x20, [sp, #16]\n	stp x21, x22, [sp, #32]\n	stp x23, x24, [sp, #48]\n"
	"	stp x25, x26, [sp, #64]\n	stp x27, x28, [sp, #80]\n"
	"	msr elr_el1, x3\n"
	"	mov x5, #0x3c0\n"
	"	msr spsr_el1, x5\n"
	"	msr sp_el0, x4\n"
	"	mov x3, #0\n	mov x4, #0\n	mov x5, #0\n"
	"	eret\n"
	"	.global el0_return\n"
	"el0_return:\n"
	"	ldp x19, x20, [sp, #16]\n	ldp x21, x22, [sp, #32]\n	ldp x23, x24, [sp, #48]\n"
	"	ldp x25, x26, [sp, #64]\n	ldp x27, x28, [sp, #80]\n"
	"	ldp x29, x30, [sp], #96\n"
	"	ret\n"
	/* EL0 code, copied into the user code page. x0: 0 load [x1], 1 store x2 to [x1],
	 * 2 branch to x1, 3 load [x1] then store x2 to [x1]. Ends with SVC #0. */
	"	.balign 8\n"
	"	.global user_code\n"
	"user_code:\n"
	"	cmp x0, #1\n	b.eq 1f\n	cmp x0, #2\n	b.eq 2f\n"
	"	mov x3, #0xdead\n	ldr x3, [x1]\n	mov x0, x3\n	svc #0\n"
	"1:	str x2, [x1]\n	mov x0, #0\n	svc #0\n"
	"2:	blr x1\n	svc #0\n"
	"	.global user_code_end\n"
	"user_code_end:\n");

static int af_fix;

static u64 root_of(u64 va)
{
	u64 t = READ_SYSREG(ttbr0_el1);
	if (va >> 63)
		goto fatal_root;
	return t & 0x0000fffffffffffeULL;
fatal_root:
	printf("AF fix on TTBR1 not supported\n");
	poweroff();
}

void mmu_handler(struct exc_frame *f, u64 vec)
{
	unsigned ec = esr_ec(f->esr);
	unsigned fsc = f->esr & 0x3f;
	if (vec == 8 && ec == 0x15) {	/* SVC from EL0: back to run_el0's caller */
		f->elr = (u64)el0_return;
		f->spsr = 0x3c5;
		return;
	}
	if ((vec == 4 || vec == 8) && (ec == 0x20 || ec == 0x21 || ec == 0x24 || ec == 0x25)) {
		rec.count++;
		rec.vec = vec;
		rec.esr = f->esr;
		rec.far = f->far;
		if (rec.count > 4)
			goto fatal;
		if (af_fix && (ec == 0x24 || ec == 0x25) && (fsc & 0x3c) == 0x08) {
			/* Access flag fault: set AF in the descriptor and retry. */
			u64 va = f->far;
			int lvl = fsc & 3;
			volatile u64 *d = desc_ptr(root_of(va), va, lvl, 0);
			if (!d)
				goto fatal;
			*d |= D_AF;
			rec.fixed = 1;
			__asm__ volatile("dsb ish\n\tisb" ::: "memory");
			return;
		}
		if (ec == 0x20) {	/* EL0 instruction abort: back to the kernel */
			f->elr = (u64)el0_return;
			f->spsr = 0x3c5;
			return;
		}
		if (ec == 0x21) {	/* EL1 instruction abort after BLR: return to the caller */
			f->elr = f->x[30];
			return;
		}
		f->elr += 4;
		return;
	}
fatal:
	printf("\nUNEXPECTED EXCEPTION vec=%u ESR=%08lx EC=%02x ELR=%016lx FAR=%016lx SPSR=%08lx\n",
	       (unsigned)vec, f->esr, ec, f->elr, f->far, f->spsr);
	poweroff();
}

/* ---- helpers ---- */

static void clear_rec(void) { rec.count = rec.vec = rec.esr = rec.far = rec.fixed = 0; }

/* FAR of an access crossing into a faulting page may be any address of the faulting part:
 * only its page is printed there. */
static u64 far_mask = ~0ULL;
static u64 esr_mask = ~0ULL;

static void report(const char *what, u64 va, u64 val)
{
	/* After an abort the destination register of the load is not printed. */
	if (rec.count && !rec.fixed)
		printf("%-28s %016lx -> ---------------- exc %lu vec %lu esr %08lx far %016lx\n",
		       what, va, rec.count, rec.vec, rec.esr & esr_mask & 0xffffffffULL, rec.far & far_mask);
	else if (rec.count)
		printf("%-28s %016lx -> %016lx exc %lu vec %lu esr %08lx far %016lx\n", what, va, val,
		       rec.count, rec.vec, rec.esr & esr_mask & 0xffffffffULL, rec.far & far_mask);
	else
		printf("%-28s %016lx -> %016lx\n", what, va, val);
}

static u64 ld(u64 va)
{
	u64 v = 0xdead;
	__asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(va) : "memory");
	return v;
}
static void st(u64 va, u64 v) { __asm__ volatile("str %0, [%1]" :: "r"(v), "r"(va) : "memory"); }
static u64 ldtr(u64 va)
{
	u64 v = 0xdead;
	__asm__ volatile("ldtr %0, [%1]" : "+r"(v) : "r"(va) : "memory");
	return v;
}
static void sttr(u64 va, u64 v) { __asm__ volatile("sttr %0, [%1]" :: "r"(v), "r"(va) : "memory"); }
static u64 call(u64 va)
{
	register u64 x0 __asm__("x0") = 0xbad;
	__asm__ volatile("blr %1" : "+r"(x0) : "r"(va) : "x30", "memory", "cc");
	return x0;
}

static void t_ld(const char *n, u64 va) { clear_rec(); u64 v = ld(va); report(n, va, v); }
static void t_st(const char *n, u64 va, u64 v)
{
	clear_rec();
	st(va, v);
	u64 c = rec.count;
	report(n, va, c ? 0 : ld(va));
}
static void t_ldtr(const char *n, u64 va) { clear_rec(); u64 v = ldtr(va); report(n, va, v); }
static void t_sttr(const char *n, u64 va, u64 v)
{
	clear_rec();
	sttr(va, v);
	report(n, va, 0);
}
static void t_call(const char *n, u64 va) { clear_rec(); u64 v = call(va); report(n, va, v); }

static u64 ucode_va(void) { return pva(P_UCODE); }
static u64 ustack(void) { return pva(P_USTACK) + GRAN; }

static void t_el0(const char *n, u64 op, u64 va, u64 val)
{
	clear_rec();
	u64 v = run_el0(op, va, val, ucode_va(), ustack());
	report(n, va, v);
}

#define AT(op, va) ({ u64 _p; __asm__ volatile("at " #op ", %1\n\tisb\n\tmrs %0, par_el1" \
						 : "=r"(_p) : "r"(va) : "memory"); _p; })

static void print_par(const char *n, u64 va, u64 par)
{
	if (par & 1)
		printf("%-28s %016lx -> par F fst %02lx ptw %lu s %lu\n", n, va, (par >> 1) & 0x3f,
		       (par >> 8) & 1, (par >> 9) & 1);
	else
		printf("%-28s %016lx -> par %016lx\n", n, va, par & 0xff00fffffffff000ULL);
}

static void at_all(const char *n, u64 va)
{
	char buf[64];
	int l = (int)strlen(n);
	memcpy(buf, n, l);
	memcpy(buf + l, " s1e1r", 7);
	print_par(buf, va, AT(s1e1r, va));
	memcpy(buf + l, " s1e1w", 7);
	print_par(buf, va, AT(s1e1w, va));
	memcpy(buf + l, " s1e0r", 7);
	print_par(buf, va, AT(s1e0r, va));
	memcpy(buf + l, " s1e0w", 7);
	print_par(buf, va, AT(s1e0w, va));
}


static void set_ttbr0(u64 root, u64 asid)
{
	WRITE_SYSREG(ttbr0_el1, root | (asid << 48));
	ISB();
}

static void tlbi_sync(void) { __asm__ volatile("dsb ish\n\tisb" ::: "memory"); }

static u64 probe_var = 0x1122334455667788ULL;

int main(void)
{
	printf("diff-mmu granule %lu KiB\n", GRAN >> 10);

	/* Frames: marker at offset 0, a "mov x0,#0x77; ret" at offset 0x100. */
	for (int i = 0; i < 16; i++) {
		volatile u64 *p = (volatile u64 *)pfr(i);
		for (u64 j = 0; j < GRAN / 8; j++)
			p[j] = 0;
		p[0] = 0xf000 + i;
		volatile u32 *c = (volatile u32 *)(pfr(i) + 0x100);
		c[0] = 0xd2800ee0;
		c[1] = 0xd65f03c0;
	}
	memcpy((void *)pfr(P_UCODE), user_code, user_code_end - user_code);
	__asm__ volatile("dsb ish\n\tic iallu\n\tdsb ish\n\tisb" ::: "memory");

	root_a = alloc_table();
	build_ttbr0(root_a, P_ASID);
	root_b = alloc_table();
	build_ttbr0(root_b, P_ASID + 1);
	root_hi = alloc_table();
	map(root_hi, KHI, 0x40000000ULL, 2, NORMAL | AP_K_RW | D_PXN | D_UXN);
	__asm__ volatile("dsb ish" ::: "memory");

	WRITE_SYSREG(vbar_el1, (u64)mmu_vectors);
	WRITE_SYSREG(mair_el1, 0xff00);
	u64 tcr = 16ULL | (1ULL << 8) | (1ULL << 10) | (3ULL << 12) | (TG0 << 14) |
		  (16ULL << 16) | (1ULL << 24) | (1ULL << 26) | (3ULL << 28) | (TG1 << 30) |
		  (5ULL << 32);
	WRITE_SYSREG(tcr_el1, tcr);
	WRITE_SYSREG(ttbr0_el1, root_a | (1ULL << 48));
	WRITE_SYSREG(ttbr1_el1, root_hi);
	ISB();
	__asm__ volatile("tlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
	u64 s = READ_SYSREG(sctlr_el1);
	s |= 1 | (1 << 2) | (1 << 12);
	WRITE_SYSREG(sctlr_el1, s);
	ISB();
	printf("mmu on\n");

	u64 pv = (u64)&probe_var;
	section("reads and writes through mappings");
	t_ld("ld k-rw", pva(P_KRW));
	t_st("st k-rw", pva(P_KRW), 0xaaaa0000);
	t_ld("ld k-ro", pva(P_KRO));
	t_ld("ld u-rw", pva(P_URW));
	t_st("st u-rw", pva(P_URW), 0xaaaa0002);
	t_ld("ld u-ro", pva(P_URO));
	t_ld("ld block alias", BLKVA + (pv - 0x40000000ULL));
	t_ld("ld ttbr1 alias", KHI + (pv - 0x40000000ULL));
	t_st("st ttbr1 alias", KHI + (pv - 0x40000000ULL), 0x5555666677778888ULL);
	t_ld("ld identity after alias st", pv);
#if G == 12
	t_ld("ld l1 block alias", L1VA + (pv - 0x40000000ULL));
	t_st("st l1 block alias", L1VA + (pv - 0x40000000ULL), 0x99);
#endif
	t_ld("ld page offset", pva(P_KRW) + GRAN - 8);

	section("AT and PAR_EL1");
	at_all("k-rw", pva(P_KRW) + 0x18);
	at_all("k-ro", pva(P_KRO));
	at_all("u-rw", pva(P_URW) + GRAN - 8);
	at_all("u-ro", pva(P_URO));
	at_all("unmapped", pva(P_NONE));
	at_all("af0", pva(P_KAF));
	at_all("u-code", pva(P_UCODE));
	at_all("block", BLKVA + 0x123458);
	at_all("ttbr1", KHI + 0x80010);
	at_all("identity", pv);
	at_all("uart", 0x09000000ULL);
	at_all("far unmapped", 0x700000000000ULL);
	at_all("near unmapped", TV + 0x10000000ULL);
	at_all("out of range", 0x0001000000000000ULL);
	at_all("ttbr1 unmapped", 0xffff000000000000ULL);
#if G == 12
	at_all("l1 block", L1VA + 0x3456789);
#endif

	section("EL1 faults");
	exc_mode = EXC_RECORD;
	t_st("st k-ro", pva(P_KRO), 1);
	t_st("st u-ro", pva(P_URO), 1);
	t_ld("ld unmapped l3", pva(P_NONE));
	t_st("st unmapped l3", pva(P_NONE) + 8, 1);
	t_ld("ld far unmapped", 0x700000000000ULL);
	t_ld("ld near unmapped", TV + 0x10000000ULL);
	t_ld("ld out of range", 0x0001000000000000ULL);
	t_ld("ld ttbr1 unmapped", 0xffff000000000000ULL);
	t_st("st block alias ro", BLKVA + 0x100, 1);
	af_fix = 0;
	t_ld("ld af0 no fix", pva(P_KAF));
	af_fix = 1;
	t_ld("ld af0 fixed", pva(P_KAF) + 0x10);
	t_ld("ld af now set", pva(P_KAF));
	af_fix = 0;

	section("EL1 execution");
	t_call("call identity", (u64)pfr(P_KCODE) + 0x100);
	t_call("call k-code", pva(P_KCODE) + 0x100);
	t_call("call u-code (pxn)", pva(P_UCODE) + 0x100);
	t_call("call u-rw (implicit pxn)", pva(P_URW) + 0x100);
	t_call("call k-rw (pxn)", pva(P_KRW) + 0x100);
	t_call("call unmapped", pva(P_NONE) + 0x100);

	section("EL0");
	t_el0("el0 ld u-rw", 0, pva(P_URW), 0);
	t_el0("el0 st u-rw", 1, pva(P_URW) + 8, 0x1234);
	t_el0("el0 ld after st", 0, pva(P_URW) + 8, 0);
	t_el0("el0 ld u-ro", 0, pva(P_URO), 0);
	t_el0("el0 st u-ro", 1, pva(P_URO), 1);
	t_el0("el0 ld k-rw", 0, pva(P_KRW), 0);
	t_el0("el0 st k-rw", 1, pva(P_KRW), 1);
	t_el0("el0 ld k-ro", 0, pva(P_KRO), 0);
	t_el0("el0 ld unmapped", 0, pva(P_NONE), 0);
	t_el0("el0 ld block alias", 0, BLKVA + (pv - 0x40000000ULL), 0);
	t_el0("el0 st block alias", 1, BLKVA + (pv - 0x40000000ULL), 0);
	t_el0("el0 ld ttbr1", 0, KHI, 0);
	t_el0("el0 ld identity", 0, pv, 0);
	af_fix = 1;
	t_el0("el0 ld af0 fixed", 0, pva(P_UAF), 0);
	af_fix = 0;
	t_el0("el0 exec k-code (uxn)", 2, pva(P_KCODE) + 0x100, 0);
	t_el0("el0 exec u-uxn", 2, pva(P_UXN) + 0x100, 0);
	t_el0("el0 exec unmapped", 2, pva(P_NONE) + 0x100, 0);

	section("PAN and LDTR/STTR");
	__asm__ volatile("msr pan, #0\n\tisb" ::: "memory");
	t_ld("pan0 ld u-rw", pva(P_URW));
	t_ldtr("pan0 ldtr u-rw", pva(P_URW));
	t_ldtr("pan0 ldtr k-rw", pva(P_KRW));
	__asm__ volatile("msr pan, #1\n\tisb" ::: "memory");
	printf("pan %lu\n", (READ_SYSREG(pan) >> 22) & 1);
	t_ld("pan1 ld u-rw", pva(P_URW));
	t_st("pan1 st u-rw", pva(P_URW), 5);
	t_ld("pan1 ld u-ro", pva(P_URO));
	t_ld("pan1 ld u-code", pva(P_UCODE));
	t_ld("pan1 ld k-rw", pva(P_KRW));
	t_ldtr("pan1 ldtr u-rw", pva(P_URW));
	t_sttr("pan1 sttr u-rw", pva(P_URW) + 16, 0x77);
	t_ldtr("pan1 ldtr after sttr", pva(P_URW) + 16);
	t_ldtr("pan1 ldtr k-rw", pva(P_KRW));
	t_sttr("pan1 sttr u-ro", pva(P_URO), 1);
	t_sttr("pan1 sttr k-ro", pva(P_KRO), 1);
	t_ldtr("pan1 ldtr unmapped", pva(P_NONE));
	t_call("pan1 call k-code", pva(P_KCODE) + 0x100);
	print_par("pan1 u-rw s1e1r", pva(P_URW), AT(s1e1r, pva(P_URW)));
	print_par("pan1 u-rw s1e1rp", pva(P_URW), AT(s1e1rp, pva(P_URW)));
	print_par("pan1 u-rw s1e1wp", pva(P_URW), AT(s1e1wp, pva(P_URW)));
	print_par("pan1 k-rw s1e1rp", pva(P_KRW), AT(s1e1rp, pva(P_KRW)));
	__asm__ volatile("msr pan, #0\n\tisb" ::: "memory");
	printf("pan %lu\n", (READ_SYSREG(pan) >> 22) & 1);
	t_ld("pan0 ld u-rw again", pva(P_URW));
	print_par("pan0 u-rw s1e1rp", pva(P_URW), AT(s1e1rp, pva(P_URW)));

	section("ASID switching (nG, no TLBI)");
	u64 va9 = pva(P_ASID);
	t_ld("asid1 ld", va9);
	set_ttbr0(root_b, 2);
	t_ld("asid2 ld", va9);
	t_st("asid2 st", va9 + 8, 0x2222);
	set_ttbr0(root_a, 1);
	t_ld("asid1 ld", va9);
	t_ld("asid1 ld +8", va9 + 8);
	set_ttbr0(root_b, 2);
	t_ld("asid2 ld", va9);
	t_ld("asid2 ld +8", va9 + 8);
	t_el0("asid2 el0 ld", 0, va9, 0);
	/* Re-point ASID 2's page, TLBI VAE1 with ASID 2: ASID 1 is unaffected. */
	*desc_ptr(root_b, va9, 3, 0) = pfr(14) | page_attrs[P_ASID] | 3;
	__asm__ volatile("dsb ishst\n\ttlbi vae1, %0" :: "r"((va9 >> 12) | (2ULL << 48)) : "memory");
	tlbi_sync();
	t_ld("asid2 ld after vae1", va9);
	set_ttbr0(root_a, 1);
	t_ld("asid1 ld", va9);
	t_el0("asid1 el0 ld", 0, va9, 0);

	section("TLBI after descriptor changes");
	u64 va11 = pva(P_TLBI);
	volatile u64 *d11 = desc_ptr(root_a, va11, 3, 0);
	t_ld("ld", va11);
	*d11 = pfr(12) | page_attrs[P_TLBI] | 3;
	__asm__ volatile("dsb ishst\n\ttlbi vae1, %0" :: "r"(va11 >> 12) : "memory");
	tlbi_sync();
	t_ld("after vae1", va11);
	*d11 = pfr(11) | page_attrs[P_TLBI] | 3;
	__asm__ volatile("dsb ishst\n\ttlbi vale1, %0" :: "r"(va11 >> 12) : "memory");
	tlbi_sync();
	t_ld("after vale1", va11);
	*d11 = pfr(12) | page_attrs[P_TLBI] | 3;
	__asm__ volatile("dsb ishst\n\ttlbi vmalle1" ::: "memory");
	tlbi_sync();
	t_ld("after vmalle1", va11);
	*d11 = pfr(11) | page_attrs[P_TLBI] | 3;
	__asm__ volatile("dsb ishst\n\ttlbi vaae1is, %0" :: "r"(va11 >> 12) : "memory");
	tlbi_sync();
	t_ld("after vaae1is", va11);
	*d11 = 0;
	__asm__ volatile("dsb ishst\n\ttlbi vae1is, %0" :: "r"(va11 >> 12) : "memory");
	tlbi_sync();
	exc_mode = EXC_RECORD;
	t_ld("after invalidate", va11);
	*d11 = pfr(11) | page_attrs[P_TLBI] | D_NG | 3;
	__asm__ volatile("dsb ishst\n\ttlbi vae1, %0" :: "r"((va11 >> 12) | (1ULL << 48)) : "memory");
	tlbi_sync();
	t_ld("remapped nG", va11);
	/* nG page: TLBI ASIDE1 */
	u64 va13 = pva(P_NG);
	volatile u64 *d13 = desc_ptr(root_a, va13, 3, 0);
	t_ld("nG ld", va13);
	*d13 = pfr(14) | page_attrs[P_NG] | 3;
	__asm__ volatile("dsb ishst\n\ttlbi aside1, %0" :: "r"(1ULL << 48) : "memory");
	tlbi_sync();
	t_ld("nG after aside1", va13);
	*d13 = pfr(13) | page_attrs[P_NG] | 3;
	__asm__ volatile("dsb ishst\n\ttlbi vaae1, %0" :: "r"(va13 >> 12) : "memory");
	tlbi_sync();
	t_ld("nG after vaae1", va13);
	*d13 = pfr(14) | page_attrs[P_NG] | 3;
	__asm__ volatile("dsb ishst\n\ttlbi aside1is, %0" :: "r"(1ULL << 48) : "memory");
	tlbi_sync();
	t_ld("nG after aside1is", va13);
	/* Block: invalidate it (TLBI by a VA inside the block), fault, restore. */
	u64 bva = BLKVA + (pv - 0x40000000ULL);
	volatile u64 *db = desc_ptr(root_a, BLKVA, 2, 0);
	u64 bsave = *db;
	t_ld("block ld", bva);
	*db = 0;
	__asm__ volatile("dsb ishst\n\ttlbi vae1, %0" :: "r"((BLKVA + BLK / 2) >> 12) : "memory");
	tlbi_sync();
	t_ld("block after unmap+vae1", bva);
	t_ld("block after unmap+vae1 2", BLKVA + 8);
	*db = bsave;
	__asm__ volatile("dsb ishst\n\ttlbi vmalle1is" ::: "memory");
	tlbi_sync();
	t_ld("block restored", bva);
	/* Block replaced by a table of pages (block/table mixture). */
	u64 tbl = alloc_table();
	for (u64 i = 0; i < (1ULL << STRIDE); i++)
		((volatile u64 *)tbl)[i] = (0x40000000ULL + i * GRAN) | NORMAL | AP_K_RO | D_PXN | D_UXN | 3;
	((volatile u64 *)tbl)[(pv - 0x40000000ULL) >> G] = 0;
	*db = tbl | 3;
	__asm__ volatile("dsb ishst\n\ttlbi vmalle1" ::: "memory");
	tlbi_sync();
	t_ld("table ld", BLKVA + 8);
	t_ld("table ld hole", bva);
	at_all("table", BLKVA + 0x10);
	t_el0("table el0 ld (k-ro)", 0, BLKVA + 8, 0);

	section("hierarchical table attributes");
	exc_mode = EXC_RECORD;
	{
		static const char *const names[4] = { "aptable01", "aptable10", "uxntable", "pxntable" };
		static const u64 tbits[4] = { 1ULL << 61, 2ULL << 61, 1ULL << 60, 1ULL << 59 };
		for (int k = 0; k < 4; k++) {
			u64 hv = 0x400000000ULL + (u64)k * BLK;
			map(root_a, hv, pfr(P_KCODE), 3, NORMAL | AP_U_RW);
			map(root_a, hv + GRAN, pfr(P_KCODE), 3, NORMAL | AP_U_RO);
			*desc_ptr(root_a, hv, 2, 0) |= tbits[k];
		}
		__asm__ volatile("dsb ishst\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
		for (int k = 0; k < 4; k++) {
			u64 hv = 0x400000000ULL + (u64)k * BLK;
			char buf[48];
			int l = (int)strlen(names[k]);
			memcpy(buf, names[k], l);
			memcpy(buf + l, " ld", 4);
			t_ld(buf, hv);
			memcpy(buf + l, " st", 4);
			t_st(buf, hv + 0x200, 0x4000 + k);
			memcpy(buf + l, " el0 ld", 8);
			t_el0(buf, 0, hv, 0);
			memcpy(buf + l, " el0 st", 8);
			t_el0(buf, 1, hv + 0x208, 0x5000 + k);
			memcpy(buf + l, " call ro", 9);
			t_call(buf, hv + GRAN + 0x100);
			memcpy(buf + l, " el0 exec ro", 13);
			t_el0(buf, 2, hv + GRAN + 0x100, 0);
			memcpy(buf + l, " el0 exec rw", 13);
			t_el0(buf, 2, hv + 0x100, 0);
			memcpy(buf + l, "", 1);
			at_all(buf, hv + 8);
			memcpy(buf + l, " ro", 4);
			at_all(buf, hv + GRAN + 8);
		}
	}

	section("TBI0");
	WRITE_SYSREG(tcr_el1, tcr | (1ULL << 37));
	__asm__ volatile("isb\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
	t_ld("tbi0 ld tagged", 0x5a00000000000000ULL | pva(P_KRW));
	t_el0("tbi0 el0 ld tagged", 0, 0xa500000000000000ULL | pva(P_URW), 0);
	print_par("tbi0 at tagged", 0x5a00000000000000ULL | pva(P_KRW),
		  AT(s1e1r, 0x5a00000000000000ULL | pva(P_KRW)));
	WRITE_SYSREG(tcr_el1, tcr);
	__asm__ volatile("isb\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
	print_par("no tbi0 at tagged", 0x5a00000000000000ULL | pva(P_KRW),
		  AT(s1e1r, 0x5a00000000000000ULL | pva(P_KRW)));

	section("TTBR1 with a smaller T1SZ, EPD1");
	{
#if G == 12
		u64 t1sz = 25;	/* 39-bit: start at level 1 */
		int sl = 1;
#elif G == 14
		u64 t1sz = 28;	/* 36-bit: start at level 2 */
		int sl = 2;
#else
		u64 t1sz = 22;	/* 42-bit: start at level 2 */
		int sl = 2;
#endif
		start_level = sl;
		u64 root_hi2 = alloc_table();
		u64 khi2 = 0xffffffff80000000ULL;
		map(root_hi2, khi2, 0x40000000ULL, 2, NORMAL | AP_K_RW | D_PXN | D_UXN);
		start_level = START_LEVEL;
		__asm__ volatile("dsb ish" ::: "memory");
		u64 tcr2 = (tcr & ~(0x3fULL << 16)) | (t1sz << 16);
		WRITE_SYSREG(tcr_el1, tcr2);
		WRITE_SYSREG(ttbr1_el1, root_hi2);
		__asm__ volatile("isb\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
		t_ld("t1sz ld alias", khi2 + (pv - 0x40000000ULL));
		at_all("t1sz alias", khi2 + 0x80010);
		t_ld("t1sz ld out of range", 0xffff800040000000ULL);
		at_all("t1sz out of range", 0xffff800040000000ULL);
		t_ld("t1sz ld unmapped", 0xffffffff00000000ULL);
		WRITE_SYSREG(tcr_el1, tcr2 | (1ULL << 23));
		__asm__ volatile("isb\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
		t_ld("epd1 ld alias", khi2 + (pv - 0x40000000ULL));
		at_all("epd1 alias", khi2 + 0x80010);
		WRITE_SYSREG(tcr_el1, tcr);
		WRITE_SYSREG(ttbr1_el1, root_hi);
		__asm__ volatile("isb\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
		t_ld("ttbr1 back", KHI + (pv - 0x40000000ULL));
	}

	section("UAO and page-crossing accesses");
	exc_mode = EXC_RECORD;
	__asm__ volatile("msr uao, #1\n\tisb" ::: "memory");
	printf("uao %lu\n", (READ_SYSREG(uao) >> 23) & 1);
	t_ldtr("uao1 ldtr k-rw", pva(P_KRW));
	t_sttr("uao1 sttr k-ro", pva(P_KRO), 1);
	t_ldtr("uao1 ldtr u-rw", pva(P_URW));
	__asm__ volatile("msr pan, #1\n\tisb" ::: "memory");
	t_ldtr("uao1 pan1 ldtr u-rw", pva(P_URW));
	__asm__ volatile("msr pan, #0\n\tmsr uao, #0\n\tisb" ::: "memory");
	t_ldtr("uao0 ldtr k-rw", pva(P_KRW));
	t_st("st last of page", pva(P_KRW) + GRAN - 8, 0x1122334455667788ULL);
	t_ld("ld across pages", pva(P_KRW) + GRAN - 4);
	t_ld("ld across into u-code", pva(P_UCODE) - 4);
	far_mask = ~(GRAN - 1);
	t_ld("ld across into unmapped", pva(P_NONE) - 4);
	t_st("st across into ro", pva(P_KRW) + GRAN - 4, 0);
	far_mask = ~0ULL;

	section("block AF, contiguous hint, address size");
	exc_mode = EXC_RECORD;
	{
		u64 afva = 0x600000000ULL;
		map(root_a, afva, 0x40000000ULL, 2, (NORMAL & ~D_AF) | AP_K_RW | D_PXN | D_UXN);
		u64 cva = 0x700000000ULL;
		/* 2 MiB of level-3 pages with the contiguous bit (16, 128 or 32 entries). */
		for (u64 o = 0; o < 0x200000ULL; o += GRAN)
			map(root_a, cva + o, 0x40000000ULL + o, 3,
			    NORMAL | AP_K_RW | D_PXN | D_UXN | (1ULL << 52));
		__asm__ volatile("dsb ishst\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
		print_par("block af0 s1e1r", afva + 0x10, AT(s1e1r, afva + 0x10));
		af_fix = 1;
		t_ld("block af0 fixed", afva + (pv - 0x40000000ULL));
		af_fix = 0;
		print_par("block af1 s1e1r", afva + 0x10, AT(s1e1r, afva + 0x10));
		t_ld("contig ld", cva + (pv - 0x40000000ULL));
		at_all("contig", cva + 0x1f0008);
		/* Output addresses above the 40-bit IPS: Address size faults. */
		volatile u64 *d4 = desc_ptr(root_a, pva(P_NONE), 3, 0);
		*d4 = 0x10043000000ULL | NORMAL | AP_K_RW | D_PXN | D_UXN | 3;
		__asm__ volatile("dsb ishst\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
		print_par("oa bit40 ips48", pva(P_NONE), AT(s1e1r, pva(P_NONE)));
		WRITE_SYSREG(tcr_el1, (tcr & ~(7ULL << 32)) | (2ULL << 32));
		__asm__ volatile("isb\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
		print_par("oa bit40 ips40", pva(P_NONE), AT(s1e1r, pva(P_NONE)));
		t_ld("ld oa bit40 ips40", pva(P_NONE));
		t_ld("ld ips40 ok", pva(P_KRW));
		/* A table descriptor whose next-level address is above the IPS. */
		u64 tva = 0x800000000ULL;
		map(root_a, tva, pfr(P_KRW), 3, NORMAL | AP_K_RW | D_PXN | D_UXN);
		volatile u64 *dt = desc_ptr(root_a, tva, 2, 0);
		u64 tsave = *dt;
		*dt = tsave | 0x10000000000ULL;
		__asm__ volatile("dsb ishst\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
		print_par("table bit40 ips40", tva, AT(s1e1r, tva));
		t_ld("ld table bit40 ips40", tva);
		/* TTBR1 base above the IPS. */
		WRITE_SYSREG(ttbr1_el1, root_hi | 0x10000000000ULL);
		__asm__ volatile("isb\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
		print_par("ttbr1 bit40 ips40", KHI, AT(s1e1r, KHI));
		WRITE_SYSREG(ttbr1_el1, root_hi);
		*dt = tsave;
		*d4 = 0;
		WRITE_SYSREG(tcr_el1, tcr);
		__asm__ volatile("dsb ishst\n\tisb\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
		t_ld("ld table restored", tva);
		print_par("ttbr1 restored", KHI, AT(s1e1r, KHI));
	}
	exc_mode = EXC_FATAL;

	section("16-bit ASIDs from TTBR1 (TCR.AS = 1, TCR.A1 = 1)");
	{
		u64 tcr16 = tcr | (1ULL << 36) | (1ULL << 22);
		WRITE_SYSREG(tcr_el1, tcr16);
		WRITE_SYSREG(ttbr0_el1, root_a | (0x77ULL << 48));
		WRITE_SYSREG(ttbr1_el1, root_hi | (0x101ULL << 48));
		__asm__ volatile("isb\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
		printf("asid %lx\n", READ_SYSREG(ttbr1_el1) >> 48);
		t_ld("asid 0101 ld", va9);
		WRITE_SYSREG(ttbr0_el1, root_b | (0x77ULL << 48));
		WRITE_SYSREG(ttbr1_el1, root_hi | (0x201ULL << 48));
		ISB();
		t_ld("asid 0201 ld", va9);
		t_ld("asid 0201 ttbr1 alias", KHI + (pv - 0x40000000ULL));
		WRITE_SYSREG(ttbr0_el1, root_a | (0x77ULL << 48));
		WRITE_SYSREG(ttbr1_el1, root_hi | (0x101ULL << 48));
		ISB();
		t_ld("asid 0101 ld", va9);
		/* Re-point 0x0201's page, TLBI ASIDE1 0x0201; 0x0101 keeps its page. */
		*desc_ptr(root_b, va9, 3, 0) = pfr(P_ASID + 1) | page_attrs[P_ASID] | 3;
		__asm__ volatile("dsb ishst\n\ttlbi aside1, %0" :: "r"(0x201ULL << 48) : "memory");
		tlbi_sync();
		t_ld("asid 0101 after aside1 0201", va9);
		WRITE_SYSREG(ttbr0_el1, root_b | (0x77ULL << 48));
		WRITE_SYSREG(ttbr1_el1, root_hi | (0x201ULL << 48));
		ISB();
		t_ld("asid 0201 after aside1", va9);
		t_el0("asid 0201 el0 ld", 0, va9, 0);
		WRITE_SYSREG(tcr_el1, tcr);
		WRITE_SYSREG(ttbr0_el1, root_a | (1ULL << 48));
		WRITE_SYSREG(ttbr1_el1, root_hi);
		__asm__ volatile("isb\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
		t_ld("asid 1 ld", va9);
	}

	section("permission changes with TLBI, code remapping");
	exc_mode = EXC_RECORD;
	{
		volatile u64 *d0 = desc_ptr(root_a, pva(P_KRW), 3, 0);
		volatile u64 *d2 = desc_ptr(root_a, pva(P_URW), 3, 0);
		u64 s0 = *d0, s2 = *d2;
		t_st("rw st", pva(P_KRW) + 0x20, 0x31);
		t_el0("user el0 st", 1, pva(P_URW) + 0x20, 0x32);
		*d0 = (s0 & ~(3ULL << 6)) | AP_K_RO;
		*d2 = (s2 & ~(3ULL << 6)) | AP_K_RW;
		__asm__ volatile("dsb ishst\n\ttlbi vae1, %0\n\ttlbi vae1, %1" ::
				 "r"(pva(P_KRW) >> 12), "r"(pva(P_URW) >> 12) : "memory");
		tlbi_sync();
		t_st("ro after vae1 st", pva(P_KRW) + 0x20, 0x33);
		t_ld("ro after vae1 ld", pva(P_KRW) + 0x20);
		t_el0("kernel-only after vae1 el0 ld", 0, pva(P_URW) + 0x20, 0);
		t_ld("kernel-only after vae1 el1 ld", pva(P_URW) + 0x20);
		__asm__ volatile("msr pan, #1\n\tisb" ::: "memory");
		t_ld("kernel-only pan1 el1 ld", pva(P_URW) + 0x20);
		__asm__ volatile("msr pan, #0\n\tisb" ::: "memory");
		*d0 = s0;
		*d2 = s2;
		__asm__ volatile("dsb ishst\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
		t_st("rw again st", pva(P_KRW) + 0x20, 0x34);
		t_el0("user again el0 ld", 0, pva(P_URW) + 0x20, 0);

		/* Code: remap an executable VA to another frame, then rewrite code in place
		 * through the identity alias. */
		u64 cva = pva(P_TLBI) + 0x100;
		volatile u64 *d11 = desc_ptr(root_a, pva(P_TLBI), 3, 0);
		*(volatile u32 *)(pfr(14) + 0x100) = 0xd2800cc0;	/* mov x0, #0x66 */
		*d11 = pfr(P_KCODE) | NORMAL | AP_K_RO | D_UXN | 3;
		__asm__ volatile("dsb ish\n\ttlbi vmalle1\n\tic iallu\n\tdsb ish\n\tisb" ::: "memory");
		t_call("code frame 7", cva);
		*d11 = pfr(14) | NORMAL | AP_K_RO | D_UXN | 3;
		__asm__ volatile("dsb ishst\n\ttlbi vae1, %0\n\tdsb ish\n\tic iallu\n\tdsb ish\n\tisb" ::
				 "r"(cva >> 12) : "memory");
		t_call("code frame 14 after remap", cva);
		*(volatile u32 *)(pfr(14) + 0x100) = 0xd2800aa0;	/* mov x0, #0x55 */
		__asm__ volatile("dc cvau, %0\n\tdsb ish\n\tic ivau, %1\n\tdsb ish\n\tisb" ::
				 "r"(pfr(14) + 0x100), "r"(cva) : "memory");
		t_call("code rewritten via alias", cva);
		*d11 = pfr(14) | NORMAL | AP_K_RO | D_UXN | D_PXN | 3;
		__asm__ volatile("dsb ishst\n\ttlbi vale1, %0\n\tdsb ish\n\tisb" :: "r"(cva >> 12) : "memory");
		t_call("code after pxn+vale1", cva);
		*d11 = pfr(14) | NORMAL | AP_U_RO | D_PXN | 3;
		__asm__ volatile("dsb ishst\n\ttlbi vale1, %0\n\tdsb ish\n\tisb" :: "r"(cva >> 12) : "memory");
		t_el0("code el0 exec", 2, cva, 0);
		*d11 = pfr(14) | NORMAL | AP_U_RO | D_PXN | D_UXN | 3;
		__asm__ volatile("dsb ishst\n\ttlbi vale1, %0\n\tdsb ish\n\tisb" :: "r"(cva >> 12) : "memory");
		t_el0("code el0 exec after uxn", 2, cva, 0);
	}
	exc_mode = EXC_FATAL;

	section("walk outside RAM");
	exc_mode = EXC_RECORD;
	{
		u64 tva = 0x800000000ULL;
		volatile u64 *dt = desc_ptr(root_a, tva, 2, 0);
		u64 tsave = *dt;
		*dt = 0x200000000ULL | 3;
		__asm__ volatile("dsb ishst\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
		/* (AT is not used here: QEMU 7.2 reports a successful translation in PAR_EL1.) */
		esr_mask = ~(1ULL << 9);	/* ESR.EA is IMPLEMENTATION DEFINED */
		t_ld("ld walk outside ram", tva);
		esr_mask = ~0ULL;
		*dt = tsave;
		__asm__ volatile("dsb ishst\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
		t_ld("ld walk restored", tva);
	}
	exc_mode = EXC_FATAL;

	printf("DIFF-DONE\n");
	return 0;
}
