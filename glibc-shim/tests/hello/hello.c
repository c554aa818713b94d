/* The default guest: a bare-metal program that greets on the PL011 console, reports the
 * CPU it runs on from its ID registers, and powers off through PSCI. */
#include "rt.h"

#define READ_ID(reg) ({ u64 _v; __asm__ volatile("mrs %0, " #reg : "=r"(_v)); _v; })

static const char *field_name(u64 isar0)
{
	return ((isar0 >> 20) & 0xf) >= 2 ? "LSE atomics" : "no LSE atomics";
}

int main(void)
{
	u64 midr = READ_ID(midr_el1);
	u64 isar0 = READ_ID(id_aa64isar0_el1);
	u64 mmfr0 = READ_ID(id_aa64mmfr0_el1);
	u64 el = READ_ID(CurrentEL) >> 2;
	printf("Hello from armach's default guest.\n");
	printf("CPU: MIDR_EL1 %08lx (implementer %02lx, part %03lx), running at EL%lu\n",
	       midr, (midr >> 24) & 0xff, (midr >> 4) & 0xfff, el);
	printf("features: %s, CRC32 %s, granules 4K %s 16K %s 64K %s\n", field_name(isar0),
	       ((isar0 >> 16) & 0xf) ? "yes" : "no",
	       ((mmfr0 >> 28) & 0xf) != 0xf ? "yes" : "no",
	       ((mmfr0 >> 20) & 0xf) != 0 ? "yes" : "no",
	       ((mmfr0 >> 24) & 0xf) != 0xf ? "yes" : "no");
	printf("Powering off through PSCI SYSTEM_OFF.\n");
	return 0;
}
