/*
 * UART0 of the Allwinner A64 (-M a64), driven directly: a DesignWare APB 16550 at 0x01c28000
 * (registers 4 bytes apart) on SPI 0 (INTID 32) of the GIC-400 (GICD 0x01c81000, GICC
 * 0x01c82000). Prints its reset values, counts the receive FIFO through loopback, shows the
 * busy-detect interrupt and the THRE interrupt, then echoes one line read by polling LSR.DR
 * ("poll> LINE") and further lines read from the receive interrupt through the GIC
 * ("irq> LINE") until "quit", and powers off (PSCI over smc).
 */
#include "rt.h"

#define UART 0x01c28000UL
enum { RBR = 0, THR = 0, DLL = 0, IER = 1, DLH = 1, IIR = 2, FCR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6,
       SCR = 7, USR = 0x7c / 4, RFL = 0x84 / 4 };
#define LSR_DR   (1u << 0)
#define LSR_OE   (1u << 1)
#define LSR_THRE (1u << 5)

#define GICD 0x01c81000UL
#define GICC 0x01c82000UL
#define UART_INTID 32

static inline u32 rd(int n) { return *(volatile u32 *)(UART + 4 * (u64)n); }
static inline void wr(int n, u32 v) { *(volatile u32 *)(UART + 4 * (u64)n) = v; }
static inline u32 gicd_r(u64 off) { return *(volatile u32 *)(GICD + off); }
static inline void gicd_w(u64 off, u32 v) { *(volatile u32 *)(GICD + off) = v; }
static inline u32 gicc_r(u64 off) { return *(volatile u32 *)(GICC + off); }
static inline void gicc_w(u64 off, u32 v) { *(volatile u32 *)(GICC + off) = v; }

static char line[256];

/* Receive ring filled by the interrupt handler. */
static volatile u8 ring[1024];
static volatile unsigned ring_head, ring_tail;
static volatile unsigned irqs, spurious;

static void uart_irq(void)
{
	u32 iar = gicc_r(0x0c);	/* GICC_IAR */
	u32 id = iar & 0x3ff;
	if (id == UART_INTID) {
		u32 iir = rd(IIR) & 0x0f;
		if (iir == 0x4 || iir == 0xc) {	/* received data / character timeout */
			while (rd(LSR) & LSR_DR) {
				u8 c = (u8)rd(RBR);
				if (ring_head - ring_tail < sizeof ring)
					ring[ring_head++ % sizeof ring] = c;
			}
		}
		irqs++;
	} else if (id >= 1020) {
		spurious++;
		return;
	}
	gicc_w(0x10, iar);	/* GICC_EOIR */
}

static int getc_polled(void)
{
	while (!(rd(LSR) & LSR_DR))
		;
	return (int)(rd(RBR) & 0xff);
}

static int getc_irq(void)
{
	while (ring_tail == ring_head)
		__asm__ volatile("wfi");
	return ring[ring_tail++ % sizeof ring];
}

static unsigned read_line(int (*get)(void))
{
	unsigned n = 0;
	for (;;) {
		int c = get();
		if (c == '\n' || c == '\r') {
			if (n == 0)
				continue;	/* the other half of a CR LF */
			break;
		}
		if (n < sizeof line - 1)
			line[n++] = (char)c;
	}
	line[n] = 0;
	return n;
}

int main(void)
{
	puts_("a64-uart: ready\n");
	u32 iir = rd(IIR), lsr = rd(LSR), msr = rd(MSR), usr = rd(USR);
	printf("reset: iir=%02x lsr=%02x msr=%02x usr=%02x\n", iir, lsr, msr, usr);

	/* 8N1 at 115200 from the 24 MHz clock (divisor 13), FIFOs on and cleared, trigger 1 byte. */
	wr(LCR, 0x83);
	wr(DLL, 13);
	wr(DLH, 0);
	u32 dll = rd(DLL);
	wr(LCR, 0x03);
	wr(FCR, 0x07);
	printf("line: lcr=%02x dll=%u iir=%02x\n", rd(LCR), dll, rd(IIR));

	/* Loopback: 80 bytes into a 64-byte receive FIFO. */
	wr(MCR, 0x10);
	for (u32 i = 0; i < 80; i++)
		wr(THR, i);
	unsigned rfl = rd(RFL), n = 0, inorder = 1, oe = (rd(LSR) & LSR_OE) != 0;
	while (rd(LSR) & LSR_DR) {
		if (rd(RBR) != n)
			inorder = 0;
		n++;
	}

	/* Busy: a byte waits in the FIFO, so the DesignWare UART refuses LCR writes. */
	wr(THR, 'b');
	wr(LCR, 0x83);
	u32 lcr = rd(LCR), iir1 = rd(IIR), usr1 = rd(USR), iir2 = rd(IIR);
	u32 b = rd(RBR);
	wr(MCR, 0x00);	/* out of loopback before printing: output would loop back too */
	u32 msr1 = rd(MSR), msr2 = rd(MSR);
	printf("loopback: rfl=%u read=%u overrun=%u in-order=%u\n", rfl, n, oe, inorder);
	printf("busy: lcr=%02x iir=%02x usr=%02x then iir=%02x rbr=%c\n", lcr, iir1, usr1, iir2, (int)b);
	printf("modem: msr=%02x then %02x\n", msr1, msr2);

	/* THRE interrupt: pending as soon as it is enabled (THR empty), cleared by reading IIR. */
	wr(IER, 0x02);
	u32 t1 = rd(IIR), t2 = rd(IIR);
	wr(IER, 0x00);
	printf("thre: iir=%02x then %02x\n", t1, t2);

	puts_("poll: type a line\n");
	read_line(getc_polled);
	printf("poll> %s\n", line);

	/* Receive interrupt through the GIC-400. */
	gicd_w(0x000, 1);				/* GICD_CTLR: enable */
	gicd_w(0x400 + UART_INTID, 0xa0);		/* IPRIORITYR (word for INTIDs 32..35) */
	gicd_w(0x800 + UART_INTID, 0x01);		/* ITARGETSR: CPU 0 */
	gicd_w(0x100 + 4 * (UART_INTID / 32), 1u << (UART_INTID % 32));	/* ISENABLER1 */
	gicc_w(0x004, 0xf0);				/* GICC_PMR */
	gicc_w(0x000, 1);				/* GICC_CTLR: enable */
	irq_hook = uart_irq;
	wr(IER, 0x01);					/* ERBFI */
	__asm__ volatile("msr daifclr, #2" ::: "memory");
	printf("irq: gic typer=%08x, type lines, 'quit' ends\n", gicd_r(0x004));
	unsigned lines = 0;
	for (;;) {
		read_line(getc_irq);
		if (memcmp(line, "quit", 5) == 0)
			break;
		lines++;
		printf("irq> %s\n", line);
	}
	__asm__ volatile("msr daifset, #2" ::: "memory");
	printf("irq: %u lines, interrupts %s, spurious %u\n", lines, irqs > 0 ? "seen" : "NONE", spurious);
	return 0;
}
