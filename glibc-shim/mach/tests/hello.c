/* module-hello: the runtime itself. Start-up (argv from the initial stack, TLS, page size from
 * vm_statistics, hwcaps from aarch64_get_hwcaps), console output through mach_print and the
 * console device, printf formats, exit path through host_reboot. */
#include "testlib.h"

static volatile __thread int tls_counter = 41;
static volatile __thread char tls_zero[32];

int test_main(int argc, char **argv)
{
	char buf[96]; /* the formatted line below is 65 characters */
	printf("Hello from %s with %d args\n", argv[0], argc);
	for (int i = 0; i < argc; i++)
		printf("  argv[%d] = \"%s\"\n", i, argv[i]);

	/* Boot modules get argv[1], argv[2] as decimal port names and an empty environment. */
	ASSERT(argc >= 3, "host and device ports in argv");
	ASSERT(__mach_envp[0] == NULL, "boot modules have no environment");
	ASSERT(argv[argc] == NULL, "argv is NULL-terminated");
	int n;
	ASSERT(mach_atoi(argv[1], &n) == 0 && n > 0, "argv[1] is a port name");
	ASSERT(mach_atoi(argv[2], &n) == 0 && n > 0, "argv[2] is a port name");

	/* The ports behind them: host_priv answers host_info, device master opens "console". */
	mach_port_type_t type;
	ASSERT_RET(mach_port_type(mach_task_self(), host_priv(), &type), "mach_port_type(host)");
	ASSERT(type & MACH_PORT_TYPE_SEND, "host_priv is a send right");
	ASSERT_RET(mach_port_type(mach_task_self(), device_priv(), &type), "mach_port_type(device)");
	ASSERT(type & MACH_PORT_TYPE_SEND, "device master is a send right");

	/* Page size: a power of two of at least 4 KiB, as the kernel reports it. */
	ASSERT(vm_page_size >= 4096 && (vm_page_size & (vm_page_size - 1)) == 0, "page size");

	/* hwcaps: an AArch64 CPU with FP/AdvSIMD (-cpu max); the kernel never sets CPUID/SVE. */
	ASSERT(__mach_hwcap & HWCAP_FP, "HWCAP_FP");
	ASSERT(__mach_hwcap & HWCAP_ASIMD, "HWCAP_ASIMD");
	ASSERT(!(__mach_hwcap & HWCAP_CPUID), "HWCAP_CPUID is never reported");

	/* TLS: the initialised value from .tdata, a zeroed .tbss, tpidr_el0 points at the TCB. */
	ASSERT_EQ(tls_counter, 41, "initialised __thread variable");
	tls_counter++;
	ASSERT_EQ(tls_counter, 42, "__thread variable writable");
	for (unsigned i = 0; i < sizeof tls_zero; i++)
		ASSERT(tls_zero[i] == 0, ".tbss is zero");
	ASSERT(__mach_get_tp() != 0 && (__mach_get_tp() & 63) == 0, "tpidr_el0 is the aligned TCB");
	ASSERT((unsigned long) &tls_counter > __mach_get_tp(), "Variant I: TLS above the TCB");

	/* mach_print directly, and printf formatting. */
	ASSERT_RET(mach_print("hello through mach_print\n"), "mach_print");
	snprintf(buf, sizeof buf, "%d %i %u %x %X %lx %s %c %5d|%-5d|%05d %%", -42, 7, 3000000000u,
		 0xbeef, 0xBEEF, 0x123456789abcUL, "str", 'c', 12, 34, -56);
	printf("formatted: %s\n", buf);
	ASSERT(strcmp(buf, "-42 7 3000000000 beef BEEF 123456789abc str c    12|34   |-0056 %") == 0,
	       "printf formats");
	ASSERT(snprintf(buf, 4, "%s", "truncated") == 9 && strcmp(buf, "tru") == 0,
	       "snprintf truncation");

	/* A long line (more than one mach_print chunk / several device_write bytes). */
	char longline[300];
	memset(longline, 'x', sizeof longline - 2);
	longline[sizeof longline - 2] = '\n';
	longline[sizeof longline - 1] = 0;
	printf("%s", longline);

	printf("Hello world!\n");
	return 0;
}
