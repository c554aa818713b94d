/*
 * Serial console echo guest (polled PL011): prints "echo: ready", then reads lines
 * (terminated by '\n' or '\r') and prints each back as "> LINE". The line "quit" prints
 * totals (lines, characters, FNV-1a hash of all characters) and powers off.
 * Used by the SerialConsole tests to check that no input character is lost.
 */
#include "rt.h"

#define UART_BASE 0x09000000UL
#define UART_DR    0x00
#define UART_FR    0x18
#define UART_LCR_H 0x2c
#define UART_CR    0x30
#define FR_RXFE    (1u << 4)

static inline void w32(u64 off, u32 v) { *(volatile u32 *)(UART_BASE + off) = v; }
static inline u32 r32(u64 off) { return *(volatile u32 *)(UART_BASE + off); }

static int getc_(void)
{
	while (r32(UART_FR) & FR_RXFE)
		;
	return (int)(r32(UART_DR) & 0xff);
}

static char line[8192];

int main(void)
{
	w32(UART_LCR_H, 0x70);		/* 8N1, FIFOs on */
	w32(UART_CR, 0x301);		/* UARTEN, TXE, RXE */
	puts_("echo: ready\n");
	u64 lines = 0, chars = 0;
	u32 hash = 2166136261u;
	for (;;) {
		unsigned n = 0;
		for (;;) {
			int c = getc_();
			if (c == '\n' || c == '\r')
				break;
			if (n < sizeof line - 1)
				line[n++] = (char)c;
		}
		line[n] = 0;
		if (n == 4 && memcmp(line, "quit", 4) == 0)
			break;
		for (unsigned i = 0; i < n; i++)
			hash = (hash ^ (u8)line[i]) * 16777619u;
		lines++;
		chars += n;
		puts_("> ");
		puts_(line);
		putc_('\n');
	}
	printf("echo: %lu lines, %lu chars, hash %08x\n", lines, chars, hash);
	return 0;
}
