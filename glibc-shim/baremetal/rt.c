/* Bare-metal runtime: PL011 console, tiny printf, exception reporting, PSCI power off,
 * identity-mapped MMU. */
#include "rt.h"

static inline void mmio_w32(u64 a, u32 v) { *(volatile u32 *)a = v; }
static inline u32 mmio_r32(u64 a) { return *(volatile u32 *)a; }

#ifdef BOARD_A64
/* -M a64: UART0 is a DesignWare 16550 (reg-shift 2) at 0x01c28000; wait for LSR.THRE. */
#define UART_BASE 0x01c28000UL
#define UART_THR  0x00
#define UART_LSR  0x14
#define LSR_THRE  (1u << 5)

void putc_(int c)
{
	while (!(mmio_r32(UART_BASE + UART_LSR) & LSR_THRE))
		;
	mmio_w32(UART_BASE + UART_THR, (u32)(c & 0xff));
}
#else
#define UART_BASE 0x09000000UL
#define UART_DR   0x00
#define UART_FR   0x18
#define FR_TXFF   (1u << 5)

void putc_(int c)
{
	while (mmio_r32(UART_BASE + UART_FR) & FR_TXFF)
		;
	mmio_w32(UART_BASE + UART_DR, (u32)(c & 0xff));
}
#endif

void puts_(const char *s)
{
	while (*s)
		putc_(*s++);
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

void *memcpy(void *d, const void *s, size_t n)
{
	u8 *dp = d;
	const u8 *sp = s;
	while (n--)
		*dp++ = *sp++;
	return d;
}

void *memmove(void *d, const void *s, size_t n)
{
	u8 *dp = d;
	const u8 *sp = s;
	if (dp < sp) {
		while (n--)
			*dp++ = *sp++;
	} else {
		dp += n;
		sp += n;
		while (n--)
			*--dp = *--sp;
	}
	return d;
}

void *memset(void *d, int c, size_t n)
{
	u8 *dp = d;
	while (n--)
		*dp++ = (u8)c;
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const u8 *x = a, *y = b;
	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x < *y ? -1 : 1;
	return 0;
}

static void out_num(u64 v, int neg, unsigned base, int width, int zero, int upper, int left)
{
	char buf[24];
	int n = 0;
	const char *dig = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	do {
		buf[n++] = dig[v % base];
		v /= base;
	} while (v);
	int len = n + (neg ? 1 : 0);
	if (!left && !zero)
		for (; len < width; width--)
			putc_(' ');
	if (neg)
		putc_('-');
	if (!left && zero)
		for (; len < width; width--)
			putc_('0');
	while (n)
		putc_(buf[--n]);
	if (left)
		for (; len < width; width--)
			putc_(' ');
}

void print_hex(u64 v, int digits)
{
	for (int i = digits - 1; i >= 0; i--)
		putc_("0123456789abcdef"[(v >> (4 * i)) & 15]);
}

/* Supports %% %c %s %d %i %u %x %X %p with flags '-' '0', width, and l/ll/z/h/hh. */
int vprintf(const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			putc_(*fmt);
			continue;
		}
		fmt++;
		int zero = 0, left = 0, width = 0, lng = 0;
		for (;; fmt++) {
			if (*fmt == '0')
				zero = 1;
			else if (*fmt == '-')
				left = 1;
			else
				break;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l' || *fmt == 'z' || *fmt == 'h') {
			if (*fmt != 'h')
				lng = 1;
			fmt++;
		}
		switch (*fmt) {
		case 'c':
			putc_(va_arg(ap, int));
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			int len = (int)strlen(s);
			if (!left)
				for (; len < width; width--)
					putc_(' ');
			puts_(s);
			if (left)
				for (; len < width; width--)
					putc_(' ');
			break;
		}
		case 'd':
		case 'i': {
			s64 v = lng ? va_arg(ap, s64) : va_arg(ap, int);
			out_num(v < 0 ? -(u64)v : (u64)v, v < 0, 10, width, zero, 0, left);
			break;
		}
		case 'u': {
			u64 v = lng ? va_arg(ap, u64) : va_arg(ap, unsigned);
			out_num(v, 0, 10, width, zero, 0, left);
			break;
		}
		case 'x':
		case 'X': {
			u64 v = lng ? va_arg(ap, u64) : va_arg(ap, unsigned);
			out_num(v, 0, 16, width, zero, *fmt == 'X', left);
			break;
		}
		case 'p':
			puts_("0x");
			out_num((u64)va_arg(ap, void *), 0, 16, 16, 1, 0, 0);
			break;
		case '%':
			putc_('%');
			break;
		case 0:
			return 0;
		default:
			putc_('%');
			putc_(*fmt);
			break;
		}
	}
	return 0;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	return 0;
}

void poweroff(void)
{
	register u64 x0 __asm__("x0") = 0x84000008;	/* PSCI SYSTEM_OFF */
#ifdef BOARD_A64
	__asm__ volatile("smc #0" : "+r"(x0) :: "memory");	/* ATF's PSCI on the A64 */
#else
	__asm__ volatile("hvc #0" : "+r"(x0) :: "memory");
#endif
	for (;;)
		__asm__ volatile("wfi");
}

volatile int exc_mode;
volatile u64 exc_resume;
volatile struct exc_record exc_last;

static int far_valid(unsigned ec)
{
	return ec == 0x20 || ec == 0x21 || ec == 0x22 || ec == 0x24 || ec == 0x25 ||
	       ec == 0x34 || ec == 0x35;
}

#ifdef BOARD_A64
void (*volatile irq_hook)(void);
#endif

void exc_handler(struct exc_frame *f, u64 vec)
{
	unsigned ec = esr_ec(f->esr);
	int sync = (vec & 3) == 0;
#ifdef BOARD_A64
	if ((vec & 3) == 1 && irq_hook) {	/* IRQ */
		irq_hook();
		return;
	}
#endif
	if (exc_mode == EXC_RECORD && sync) {
		exc_last.count++;
		exc_last.vec = vec;
		exc_last.esr = f->esr;
		exc_last.elr = f->elr;
		exc_last.far = far_valid(ec) ? f->far : 0;
		exc_last.spsr = f->spsr;
		if (exc_resume) {
			f->elr = exc_resume;
			exc_resume = 0;
		} else if (ec != 0x15 && ec != 0x16 && ec != 0x17) {
			/* SVC/HVC/SMC already return past the instruction. */
			f->elr += 4;
		}
		return;
	}
	printf("\nUNEXPECTED EXCEPTION vec=%u ESR=%08lx EC=%02x ELR=%016lx FAR=%016lx SPSR=%08lx\n",
	       (unsigned)vec, f->esr, ec, f->elr, far_valid(ec) ? f->far : 0, f->spsr);
	poweroff();
}

/* ---- MMU: identity map, 4K granule, 39-bit VA, level-1 1 GiB blocks ---- */
static u64 l1_table[512] __attribute__((aligned(4096)));

void mmu_enable(void)
{
	/* AttrIndx 0 = Device-nGnRnE (MAIR 0x00), 1 = Normal WB RW-allocate (0xff). */
	for (int i = 0; i < 512; i++)
		l1_table[i] = 0;
	l1_table[0] = 0x0ULL | (1ULL << 10) /*AF*/ | (0 << 2) | 1 /*block*/ | (1ULL << 54) /*XN*/;
	for (u64 i = 1; i < 4; i++)
		l1_table[i] = (i << 30) | (1ULL << 10) | (3ULL << 8) /*ISH*/ | (1 << 2) | 1;
	__asm__ volatile("dsb ish" ::: "memory");
	WRITE_SYSREG(mair_el1, 0xff00);
	/* T0SZ=25, IRGN0=ORGN0=WBWA, SH0=ISH, TG0=4K, EPD1=1, IPS=32 bit. */
	WRITE_SYSREG(tcr_el1, 25ULL | (1ULL << 8) | (1ULL << 10) | (3ULL << 12) | (1ULL << 23));
	WRITE_SYSREG(ttbr0_el1, (u64)l1_table);
	ISB();
	__asm__ volatile("tlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
	u64 s = READ_SYSREG(sctlr_el1);
	s |= 1 | (1 << 2) | (1 << 12);	/* M, C, I */
	WRITE_SYSREG(sctlr_el1, s);
	ISB();
}

void mmu_disable(void)
{
	u64 s = READ_SYSREG(sctlr_el1);
	s &= ~(u64)(1 | (1 << 2));
	WRITE_SYSREG(sctlr_el1, s);
	ISB();
	__asm__ volatile("tlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
}
