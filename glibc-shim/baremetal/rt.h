/* Bare-metal runtime for guest test programs on the "virt" board (PL011 console, PSCI over
 * hvc), or with -DBOARD_A64 on the "a64" board (16550 UART0, PSCI over smc, IRQ hook). */
#ifndef ARMACH_RT_H
#define ARMACH_RT_H

#include <stdint.h>
#include <stddef.h>
#include <stdarg.h>

typedef uint64_t u64;
typedef uint32_t u32;
typedef uint16_t u16;
typedef uint8_t u8;
typedef int64_t s64;
typedef int32_t s32;
typedef int16_t s16;

/* Saved state at exception entry (layout fixed by start.S). */
struct exc_frame {
	u64 x[31];	/* x0..x30 */
	u64 elr;
	u64 spsr;
	u64 esr;
	u64 far;
	u64 pad;
};

/* What the vector table does on an exception. */
enum {
	EXC_FATAL = 0,	/* print syndrome and power off (default) */
	EXC_RECORD = 1,	/* record syndrome into exc_last, resume after the faulting insn
			   (or at exc_resume if non-zero) */
};

struct exc_record {
	u64 count;
	u64 vec;	/* vector index 0..15 */
	u64 esr;
	u64 elr;
	u64 far;
	u64 spsr;
};

extern volatile int exc_mode;
extern volatile u64 exc_resume;
extern volatile struct exc_record exc_last;

void exc_handler(struct exc_frame *f, u64 vec);

#ifdef BOARD_A64
/* -M a64 builds (-DBOARD_A64): called for IRQ exceptions when set. */
extern void (*volatile irq_hook)(void);
#endif

void putc_(int c);
void puts_(const char *s);
int printf(const char *fmt, ...);
int vprintf(const char *fmt, va_list ap);
void print_hex(u64 v, int digits);
__attribute__((noreturn)) void poweroff(void);

/* Enable/disable the MMU with an identity map: 0-1 GiB Device-nGnRnE, 1-4 GiB Normal WB. */
void mmu_enable(void);
void mmu_disable(void);

void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

/* Exception class from an ESR value. */
static inline unsigned esr_ec(u64 esr) { return (unsigned)(esr >> 26) & 0x3f; }

#define READ_SYSREG(r) ({ u64 _v; __asm__ volatile("mrs %0, " #r : "=r"(_v)); _v; })
#define WRITE_SYSREG(r, v) __asm__ volatile("msr " #r ", %0" :: "r"((u64)(v)) : "memory")
#define ISB() __asm__ volatile("isb" ::: "memory")

#endif
