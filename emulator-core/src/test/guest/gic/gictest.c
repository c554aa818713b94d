/*
 * GIC and generic-timer conformance guest for QEMU's virt (gic-version=2 or 3) and armach.
 * Prints "name=value" lines on the PL011; the QEMU output is the golden file. Only facts
 * that do not depend on timing are printed (interrupt IDs, register values, counts).
 * Built with -DGICV3 for the GICv3 variant (ICC_* system registers, redistributor).
 */
#include <stdint.h>

#define UART 0x09000000UL
#define GICD 0x08000000UL
#define GICC 0x08010000UL
#define GICR 0x080A0000UL
#define SGI_BASE (GICR + 0x10000UL)

#define R32(a) (*(volatile uint32_t *)(uintptr_t)(a))
#define R8(a) (*(volatile uint8_t *)(uintptr_t)(a))
#define RD_(reg) ({ uint64_t v_; __asm__ volatile("mrs %0, " #reg : "=r"(v_)); v_; })
#define WR_(reg, v) __asm__ volatile("msr " #reg ", %0" ::"r"((uint64_t)(v)) : "memory")
#define RD(reg) RD_(reg) /* expand register macros first */
#define WR(reg, v) WR_(reg, v)
#define ISB() __asm__ volatile("isb" ::: "memory")
#define IRQ_ON() __asm__ volatile("msr daifclr, #3" ::: "memory")
#define IRQ_OFF() __asm__ volatile("msr daifset, #3" ::: "memory")

/* ICC registers by encoding (assembler independent) */
#define ICC_PMR S3_0_C4_C6_0
#define ICC_IAR0 S3_0_C12_C8_0
#define ICC_EOIR0 S3_0_C12_C8_1
#define ICC_HPPIR0 S3_0_C12_C8_2
#define ICC_BPR0 S3_0_C12_C8_3
#define ICC_AP0R0 S3_0_C12_C8_4
#define ICC_AP1R0 S3_0_C12_C9_0
#define ICC_DIR S3_0_C12_C11_1
#define ICC_RPR S3_0_C12_C11_3
#define ICC_SGI1R S3_0_C12_C11_5
#define ICC_SGI0R S3_0_C12_C11_7
#define ICC_IAR1 S3_0_C12_C12_0
#define ICC_EOIR1 S3_0_C12_C12_1
#define ICC_HPPIR1 S3_0_C12_C12_2
#define ICC_BPR1 S3_0_C12_C12_3
#define ICC_CTLR S3_0_C12_C12_4
#define ICC_SRE S3_0_C12_C12_5
#define ICC_IGRPEN0 S3_0_C12_C12_6
#define ICC_IGRPEN1 S3_0_C12_C12_7

static void putc_(char c) { R32(UART) = (uint32_t)c; }

static void puts_(const char *s) {
    while (*s) putc_(*s++);
}

static void show(const char *name, uint64_t v) {
    puts_(name);
    putc_('=');
    int started = 0;
    for (int sh = 60; sh >= 0; sh -= 4) {
        int d = (int)(v >> sh) & 15;
        if (d || started || sh == 0) {
            putc_((char)(d < 10 ? '0' + d : 'a' + d - 10));
            started = 1;
        }
    }
    putc_('\n');
}

static volatile uint32_t nirq, nfiq, last_irq, last_fiq;

/* -------------------------------------------------------------------------------------- */
#ifndef GICV3
#define D_CTLR 0x000
#define D_IGROUPR 0x080
#define D_ISENABLER 0x100
#define D_ICENABLER 0x180
#define D_ISPENDR 0x200
#define D_ICPENDR 0x280
#define D_ISACTIVER 0x300
#define D_IPRIORITYR 0x400
#define D_SGIR 0xf00
#define C_CTLR 0x00
#define C_PMR 0x04
#define C_BPR 0x08
#define C_IAR 0x0c
#define C_EOIR 0x10
#define C_RPR 0x14
#define C_HPPIR 0x18
#define C_AIAR 0x20
#define C_AEOIR 0x24
#define C_DIR 0x1000

static uint32_t ack(void) { return R32(GICC + C_IAR); }
static void eoi(uint32_t v) { R32(GICC + C_EOIR) = v; }
static uint32_t hppir(void) { return R32(GICC + C_HPPIR); }
static uint32_t rpr(void) { return R32(GICC + C_RPR); }
static void pmr(uint32_t v) { R32(GICC + C_PMR) = v; }
static void set_prio(int id, int p) { R8(GICD + D_IPRIORITYR + id) = (uint8_t)p; }
static void enable(int id) { R32(GICD + D_ISENABLER + 4 * (id / 32)) = 1u << (id % 32); }
static uint32_t pending0(void) { return R32(GICD + D_ISPENDR); }
static uint32_t active0(void) { return R32(GICD + D_ISACTIVER); }
static void sgi_self(int id) { R32(GICD + D_SGIR) = (2u << 24) | (uint32_t)id; }
static void deactivate(uint32_t v) { R32(GICC + C_DIR) = v; }
static void set_eoimode(int on) { R32(GICC + C_CTLR) = on ? (1u | 1u << 9) : 1u; }
static void bpr(uint32_t v) { R32(GICC + C_BPR) = v; }

static void show_apr(void) {
    for (int n = 0; n < 4; n++) show("apr", R32(GICC + 0xd0 + 4 * n));
}

static void gic_init(void) {
    show("gicd_ctlr", R32(GICD + D_CTLR));
    show("gicd_typer", R32(GICD + 0x4));
    show("gicd_iidr", R32(GICD + 0x8));
    show("gicd_pidr2", R32(GICD + 0xfe8));
    show("gicd_isenabler0", R32(GICD + D_ISENABLER));
    show("gicd_itargetsr8", R32(GICD + 0x820));
    show("gicd_icfgr0", R32(GICD + 0xc00));
    show("gicd_icfgr1", R32(GICD + 0xc04));
    show("gicc_iidr", R32(GICC + 0xfc));
    show("gicc_iar_disabled", ack());
    show("gicc_rpr", rpr());
    show("gicc_bpr", R32(GICC + C_BPR));
    show("gicc_abpr", R32(GICC + 0x1c));
    R32(GICC + C_PMR) = 0xff;
    show("gicc_pmr_ff", R32(GICC + C_PMR));
    R8(GICD + D_IPRIORITYR + 40) = 0xff;
    show("gicd_ipriority40_ff", R8(GICD + D_IPRIORITYR + 40));
    R32(GICD + D_ICENABLER) = 0xffffffffu;
    show("gicd_isenabler0_after_clear", R32(GICD + D_ISENABLER));
    R32(GICD + D_CTLR) = 1;
    R32(GICC + C_CTLR) = 1;
    pmr(0xf0);
}

static void ack_irq(void) {
    uint32_t iar = ack();
    uint32_t id = iar & 0x3ff;
    last_irq = iar;
    if (id == 27) WR(cntv_ctl_el0, 3);
    if (id == 30) WR(cntp_ctl_el0, 3);
    if (id < 1020) eoi(iar);
}

static void ack_fiq(void) {
    uint32_t iar = ack();
    last_fiq = iar;
    if ((iar & 0x3ff) < 1020) eoi(iar);
}

static void gic_groups(void) {
    /* Group 1 SGI 6 with AckCtl = 0: IAR reads 1022; the aliased AIAR is RAZ on QEMU */
    R32(GICD + D_CTLR) = 3;
    R32(GICD + D_IGROUPR) = 1u << 6;
    set_prio(6, 0x60);
    R32(GICC + C_CTLR) = 3;
    sgi_self(6);
    show("grp1_hppir", hppir());
    show("grp1_iar", ack());
    show("grp1_aiar", R32(GICC + C_AIAR));
    show("grp1_rpr", rpr());
    R32(GICC + C_CTLR) = 3 | 4; /* AckCtl */
    show("grp1_ackctl_hppir", hppir());
    uint32_t a = ack();
    show("grp1_ackctl_iar", a);
    show("grp1_rpr_active", rpr());
    for (int n = 0; n < 4; n++) show("grp1_apr", R32(GICC + 0xd0 + 4 * n));
    for (int n = 0; n < 4; n++) show("grp1_nsapr", R32(GICC + 0xe0 + 4 * n));
    R32(GICC + C_AEOIR) = a;
    show("grp1_rpr_after_aeoir", rpr());
    eoi(a);
    show("grp1_rpr_after", rpr());
    /* FIQEn: Group 0 SGI 7 is taken as an FIQ */
    set_prio(7, 0x60);
    R32(GICC + C_CTLR) = 3 | 8;
    nfiq = 0;
    sgi_self(7);
    show("fiq_isr", RD(isr_el1));
    IRQ_ON();
    while (!nfiq) {
    }
    IRQ_OFF();
    show("fiq_count", nfiq);
    show("fiq_iar", last_fiq);
    R32(GICD + D_IGROUPR) = 0;
    R32(GICC + C_CTLR) = 1;
    R32(GICD + D_CTLR) = 1;
}

/* -------------------------------------------------------------------------------------- */
#else
#define D_CTLR 0x000
#define D_IGROUPR 0x080
#define D_ISENABLER 0x100
#define D_ISPENDR 0x200
#define D_IPRIORITYR 0x400
#define R_WAKER 0x14
#define S_IGROUPR0 0x80
#define S_ISENABLER0 0x100
#define S_ICENABLER0 0x180
#define S_ISPENDR0 0x200
#define S_ISACTIVER0 0x300
#define S_IPRIORITYR 0x400

static uint32_t ack(void) { return (uint32_t)RD(ICC_IAR1); }
static void eoi(uint32_t v) { WR(ICC_EOIR1, v); ISB(); }
static uint32_t hppir(void) { return (uint32_t)RD(ICC_HPPIR1); }
static uint32_t rpr(void) { return (uint32_t)RD(ICC_RPR); }
static void pmr(uint32_t v) { WR(ICC_PMR, v); ISB(); }
static void set_prio(int id, int p) {
    if (id < 32) R8(SGI_BASE + S_IPRIORITYR + id) = (uint8_t)p;
    else R8(GICD + D_IPRIORITYR + id) = (uint8_t)p;
}
static void enable(int id) {
    if (id < 32) R32(SGI_BASE + S_ISENABLER0) = 1u << id;
    else R32(GICD + D_ISENABLER + 4 * (id / 32)) = 1u << (id % 32);
}
static uint32_t pending0(void) { return R32(SGI_BASE + S_ISPENDR0); }
static uint32_t active0(void) { return R32(SGI_BASE + S_ISACTIVER0); }
static void sgi_self(int id) { WR(ICC_SGI1R, ((uint64_t)id << 24) | 1); ISB(); }
static void deactivate(uint32_t v) { WR(ICC_DIR, v); ISB(); }
static void set_eoimode(int on) { WR(ICC_CTLR, on ? 2 : 0); ISB(); }
static void bpr(uint32_t v) { WR(ICC_BPR1, v + 1); ISB(); } /* same split as GICv2 BPR v */

static void show_apr(void) {
    show("icc_ap0r0", RD(ICC_AP0R0));
    show("icc_ap1r0", RD(ICC_AP1R0));
}

static void gic_init(void) {
    show("id_aa64pfr0_gic", (RD(id_aa64pfr0_el1) >> 24) & 0xf);
    show("gicd_ctlr", R32(GICD + D_CTLR));
    show("gicd_typer_nolpis", R32(GICD + 0x4) & ~(1u << 17));
    show("gicd_iidr", R32(GICD + 0x8));
    show("gicd_pidr2", R32(GICD + 0xffe8));
    show("gicr_iidr", R32(GICR + 0x4));
    show("gicr_typer_nolpis", R32(GICR + 0x8) & ~1u);
    show("gicr_typer_hi", R32(GICR + 0xc));
    show("gicr_pidr2", R32(GICR + 0xffe8));
    show("gicr_icfgr0", R32(SGI_BASE + 0xc00));
    show("gicr_icfgr1", R32(SGI_BASE + 0xc04));
    show("gicr_isenabler0", R32(SGI_BASE + S_ISENABLER0));
    show("gicr_waker", R32(GICR + R_WAKER));
    R32(GICR + R_WAKER) = R32(GICR + R_WAKER) & ~2u;
    while (R32(GICR + R_WAKER) & 4) {
    }
    show("gicr_waker_awake", R32(GICR + R_WAKER));
    show("icc_sre", RD(ICC_SRE));
    show("icc_ctlr", RD(ICC_CTLR));
    show("icc_bpr0", RD(ICC_BPR0));
    show("icc_bpr1", RD(ICC_BPR1));
    show("icc_rpr", rpr());
    show("icc_iar1_disabled", ack());
    WR(ICC_PMR, 0xff);
    show("icc_pmr_ff", RD(ICC_PMR));
    WR(ICC_BPR0, 0);
    WR(ICC_BPR1, 0);
    show("icc_bpr0_min", RD(ICC_BPR0));
    show("icc_bpr1_min", RD(ICC_BPR1));
    R8(SGI_BASE + S_IPRIORITYR + 16) = 0xff;
    show("gicr_ipriority16_ff", R8(SGI_BASE + S_IPRIORITYR + 16));
    R8(GICD + D_IPRIORITYR + 40) = 0xff;
    show("gicd_ipriority40_ff", R8(GICD + D_IPRIORITYR + 40));
    R32(GICD + D_CTLR) = 0x12; /* EnableGrp1, ARE */
    while (R32(GICD + D_CTLR) & (1u << 31)) {
    }
    show("gicd_ctlr_enabled", R32(GICD + D_CTLR));
    R32(SGI_BASE + S_IGROUPR0) = 0xffffffffu;
    for (int w = 1; w < 9; w++) R32(GICD + D_IGROUPR + 4 * w) = 0xffffffffu;
    WR(ICC_IGRPEN1, 1);
    pmr(0xf0);
}

static void ack_irq(void) {
    uint32_t iar = ack();
    last_irq = iar;
    if (iar == 27) WR(cntv_ctl_el0, 3);
    if (iar == 30) WR(cntp_ctl_el0, 3);
    if (iar < 1020) eoi(iar);
}

static void ack_fiq(void) {
    uint32_t iar = (uint32_t)RD(ICC_IAR0);
    last_fiq = iar;
    if (iar < 1020) {
        WR(ICC_EOIR0, iar);
        ISB();
    }
}

static void gic_groups(void) {
    /* Group 0 SGI 4 through ICC_SGI0R is an FIQ */
    R32(SGI_BASE + S_IGROUPR0) = ~(1u << 4);
    set_prio(4, 0x60);
    enable(4);
    R32(GICD + D_CTLR) = 0x13;
    WR(ICC_IGRPEN0, 1);
    ISB();
    nfiq = 0;
    WR(ICC_SGI0R, (4ull << 24) | 1);
    ISB();
    show("grp0_hppir0", RD(ICC_HPPIR0));
    show("grp0_hppir1", RD(ICC_HPPIR1));
    show("fiq_isr", RD(isr_el1));
    IRQ_ON();
    while (!nfiq) {
    }
    IRQ_OFF();
    show("fiq_count", nfiq);
    show("fiq_iar", last_fiq);
    /* SGI1R to a Group 0 SGI is not delivered */
    WR(ICC_SGI1R, (4ull << 24) | 1);
    ISB();
    show("grp0_sgi1r_pending", pending0() & (1u << 4));
    WR(ICC_IGRPEN0, 0);
    R32(SGI_BASE + S_IGROUPR0) = 0xffffffffu;
    R32(GICD + D_CTLR) = 0x12;
}
#endif

/* -------------------------------------------------------------------------------------- */

void exception(int kind) {
    if (kind == 1) {
        nirq++;
        ack_irq();
    } else if (kind == 2) {
        nfiq++;
        ack_fiq();
    } else {
        show("unexpected_exception", (uint64_t)kind);
        show("esr", RD(esr_el1));
        show("elr", RD(elr_el1));
        __asm__ volatile("mov x0, #0x84000000\n movk x0, #8\n hvc #0" ::: "x0");
    }
}

/*
 * Waits for an IRQ without the lost-wakeup race: check with interrupts masked, WFI (which
 * wakes on a pending interrupt even while masked), then unmask so it is taken right after
 * the MSR. Returns with interrupts masked.
 */
static void wait_irq(void) {
    __asm__ volatile("1: msr daifset, #3\n"
                     "   ldr w1, %[n]\n"
                     "   cbnz w1, 2f\n"
                     "   wfi\n"
                     "   msr daifclr, #3\n"
                     "   b 1b\n"
                     "2:\n"
                     :
                     : [n] "m"(nirq)
                     : "x1", "memory");
}

static void timer_wfi(int phys, uint32_t ticks) {
    int id = phys ? 30 : 27;
    set_prio(id, 0xa0);
    enable(id);
    nirq = 0;
    if (phys) {
        WR(cntp_tval_el0, ticks);
        WR(cntp_ctl_el0, 1);
    } else {
        WR(cntv_tval_el0, ticks);
        WR(cntv_ctl_el0, 1);
    }
    ISB();
    wait_irq();
    show(phys ? "ptimer_wfi_irq" : "vtimer_wfi_irq", last_irq);
    show(phys ? "ptimer_ctl" : "vtimer_ctl", phys ? RD(cntp_ctl_el0) : RD(cntv_ctl_el0));
    show("irq_count", nirq);
}

static void timer_busy(uint32_t ticks) {
    nirq = 0;
    WR(cntv_tval_el0, ticks);
    WR(cntv_ctl_el0, 1);
    ISB();
    IRQ_ON();
    uint32_t spins = 0;
    while (!nirq) spins++;
    IRQ_OFF();
    show("vtimer_busy_irq", last_irq);
    (void)spins; /* how far the loop got is timing-dependent on QEMU */
}

static void timer_masked(void) {
    /* DAIF.I set: the interrupt is signalled (ISR_EL1.I) but not taken; poll the GIC */
    nirq = 0;
    WR(cntv_tval_el0, 100);
    WR(cntv_ctl_el0, 1);
    ISB();
    while (!(RD(cntv_ctl_el0) & 4)) {
    }
    show("masked_ctl", RD(cntv_ctl_el0));
    show("masked_isr", RD(isr_el1));
    show("masked_hppir", hppir());
    uint32_t iar = ack();
    show("masked_iar", iar);
    WR(cntv_ctl_el0, 3);
    ISB();
    show("masked_active", active0() >> 27 & 1);
    eoi(iar);
    show("masked_isr_after", RD(isr_el1));
    IRQ_ON();
    ISB();
    IRQ_OFF();
    show("masked_irq_count", nirq);
}

static void timer_pmr(void) {
    /* PMR at the interrupt's priority: pending but not signalled until the mask opens */
    nirq = 0;
    pmr(0xa0);
    WR(cntv_tval_el0, 100);
    WR(cntv_ctl_el0, 1);
    ISB();
    while (!(RD(cntv_ctl_el0) & 4)) {
    }
    IRQ_ON();
    for (volatile int i = 0; i < 100; i++) {
    }
    IRQ_OFF();
    show("pmr_irq_count", nirq);
    show("pmr_isr", RD(isr_el1));
    show("pmr_pending", pending0() >> 27 & 1);
    show("pmr_hppir", hppir());
    show("pmr_iar", ack());
    pmr(0xf0);
    show("pmr_isr_open", RD(isr_el1));
    IRQ_ON();
    ISB();
    IRQ_OFF();
    show("pmr_irq_count_open", nirq);
    show("pmr_irq", last_irq);
}

static void preemption(void) {
    /* Running priority: lower priorities wait, higher ones preempt (observed with I masked) */
    set_prio(0, 0xa0);
    set_prio(1, 0xc0);
    set_prio(2, 0x80);
    enable(0);
    enable(1);
    enable(2);
    sgi_self(0);
    uint32_t a = ack();
    show("pre_iar_a", a);
    show("pre_rpr_a", rpr());
    sgi_self(1);
    show("pre_isr_low", RD(isr_el1));
    show("pre_hppir_low", hppir());
    sgi_self(2);
    show("pre_isr_high", RD(isr_el1));
    uint32_t b = ack();
    show("pre_iar_b", b);
    show("pre_rpr_b", rpr());
    show_apr();
    eoi(b);
    show("pre_rpr_after_b", rpr());
    show("pre_iar_blocked", ack());
    eoi(a);
    show("pre_rpr_idle", rpr());
    uint32_t c = ack();
    show("pre_iar_c", c);
    eoi(c);
    show("pre_spurious", ack());
}

static void binary_point(void) {
    set_prio(8, 0xa8);
    set_prio(9, 0xa0);
    enable(8);
    enable(9);
    bpr(3); /* group priority [7:4] */
    sgi_self(8);
    uint32_t a = ack();
    sgi_self(9);
    show("bpr3_isr", RD(isr_el1));
    eoi(a);
    eoi(ack());
    bpr(2); /* group priority [7:3] */
    sgi_self(8);
    a = ack();
    sgi_self(9);
    show("bpr2_isr", RD(isr_el1));
    uint32_t b = ack();
    show("bpr2_iar", b);
    eoi(b);
    eoi(a);
    show("bpr_rpr_idle", rpr());
    bpr(0);
}

static void eoimode(void) {
    set_prio(3, 0x80);
    enable(3);
    set_eoimode(1);
    sgi_self(3);
    uint32_t a = ack();
    eoi(a);
    show("eoimode_rpr", rpr());
    show("eoimode_active", active0() >> 3 & 1);
    deactivate(a);
    show("eoimode_active_after_dir", active0() >> 3 & 1);
    set_eoimode(0);
    sgi_self(3);
    a = ack();
    eoi(a);
    show("eoimode0_active", active0() >> 3 & 1);
}

int main(void) {
    puts_("gictest start\n");
    show("cntfrq", RD(cntfrq_el0));
    gic_init();
    timer_wfi(0, 2000);
    timer_wfi(1, 3000);
    timer_busy(500);
    timer_masked();
    timer_pmr();
    preemption();
    binary_point();
    eoimode();
    gic_groups();
    puts_("gictest end\n");
    return 0;
}
