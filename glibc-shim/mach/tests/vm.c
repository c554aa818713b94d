/* module-vm: the VM interface. Page size from vm_statistics (never assumed).
 * Success: vm_allocate (anywhere: page-aligned, zero-filled; fixed; size rounding), vm_deallocate
 * (including of unmapped ranges), vm_protect (current and maximum), vm_inherit, vm_region
 * (walk, protections), vm_read / vm_write / vm_copy on ourselves, vm_map of anonymous memory
 * with an alignment mask, vm_statistics, vm_wire with host_priv, the shortcut traps -64..-66
 * (vm_map with its three stack arguments).
 * Errors: KERN_NO_SPACE (fixed allocation over a mapping, beyond the address space),
 * KERN_INVALID_ADDRESS (read/write/copy of unmapped memory, bad pointer in a trap),
 * KERN_PROTECTION_FAILURE (raising protection above the maximum), KERN_INVALID_ARGUMENT
 * (bad inheritance), KERN_INVALID_HOST (vm_wire on a non-host port), MACH_SEND_INVALID_DEST (RPC on a bad task name), MACH_SEND_INTERRUPTED
 * (shortcut trap on a non-task). A write to a read-only page raises EXC_BAD_ACCESS with
 * KERN_PROTECTION_FAILURE and the address as subcode. */
#include "testlib.h"

#define SELF mach_task_self()

static void test_allocate(void)
{
	vm_size_t ps = vm_page_size;
	vm_address_t a = 0;
	ASSERT_RET(vm_allocate(SELF, &a, 3 * ps, TRUE), "vm_allocate anywhere");
	ASSERT((a & (ps - 1)) == 0, "page-aligned address (0 is a valid answer: GNU Mach searches from the map minimum, 0)");
	for (vm_size_t i = 0; i < 3 * ps; i += 8)
		ASSERT(*(volatile unsigned long *) (a + i) == 0, "zero-filled");
	for (vm_size_t i = 0; i < 3 * ps; i += ps)
		*(volatile unsigned long *) (a + i) = i + 1;
	vm_address_t b = a;
	EXPECT_KR(vm_allocate(SELF, &b, ps, FALSE), KERN_NO_SPACE);
	b = a + ps;
	EXPECT_KR(vm_allocate(SELF, &b, ps, FALSE), KERN_NO_SPACE);
	ASSERT_RET(vm_deallocate(SELF, a + ps, ps), "deallocate the middle page");
	b = a + ps + 8; /* not page aligned: truncated to the page */
	ASSERT_RET(vm_allocate(SELF, &b, 16, FALSE), "fixed allocation in the hole");
	ASSERT_EQ(b, a + ps, "fixed address truncated to the page");
	ASSERT_EQ(*(volatile unsigned long *) (a + ps), 0, "new page is zero");
	ASSERT_EQ(*(volatile unsigned long *) (a + 2 * ps), 2 * ps + 1, "neighbour kept its data");
	ASSERT_RET(vm_deallocate(SELF, a, 3 * ps), "deallocate all");
	ASSERT_RET(vm_deallocate(SELF, a, 3 * ps), "deallocating unmapped memory is fine");
	b = VM_MAX_ADDRESS;
	EXPECT_FAIL(vm_allocate(SELF, &b, ps, FALSE));
	b = 0;
	EXPECT_FAIL(vm_allocate(SELF, &b, VM_MAX_ADDRESS, TRUE));
	b = 0;
	EXPECT_KR(vm_allocate(0x7777, &b, ps, TRUE), MACH_SEND_INVALID_DEST);
}

static vm_address_t fault_addr;

static void write_fault(void *arg)
{
	(void) arg;
	*(volatile int *) fault_addr = 1;
}

static void test_protect(void)
{
	vm_size_t ps = vm_page_size;
	vm_address_t a = 0;
	ASSERT_RET(vm_allocate(SELF, &a, 2 * ps, TRUE), "vm_allocate");
	*(volatile int *) a = 5;
	ASSERT_RET(vm_protect(SELF, a, ps, FALSE, VM_PROT_READ), "protect read-only");
	ASSERT_EQ(*(volatile int *) a, 5, "still readable");

	vm_address_t r = a;
	vm_size_t size;
	vm_prot_t prot, maxprot;
	vm_inherit_t inh;
	boolean_t shared;
	mach_port_t obj;
	vm_offset_t off;
	ASSERT_RET(vm_region(SELF, &r, &size, &prot, &maxprot, &inh, &shared, &obj, &off), "vm_region");
	ASSERT_EQ(r, a, "region starts at a");
	ASSERT_EQ(size, ps, "protection split the region");
	ASSERT_EQ(prot, VM_PROT_READ, "current protection");
	ASSERT_EQ(maxprot & VM_PROT_ALL, VM_PROT_ALL, "maximum protection");
	ASSERT_EQ(inh, VM_INHERIT_COPY, "default inheritance");
	if (MACH_PORT_VALID(obj))
		mach_port_deallocate(SELF, obj);

	fault_addr = a;
	struct mach_exc_request exc;
	ASSERT(test_run_catching(write_fault, NULL, &exc) == 1, "write to a read-only page faults");
	ASSERT_EQ(exc.exception, EXC_BAD_ACCESS, "exception");
	ASSERT_EQ(exc.code, KERN_PROTECTION_FAILURE, "code");
	ASSERT_EQ(exc.subcode, a, "subcode is the address");

	ASSERT_RET(vm_protect(SELF, a, ps, TRUE, VM_PROT_READ), "lower the maximum");
	EXPECT_KR(vm_protect(SELF, a, ps, FALSE, VM_PROT_DEFAULT), KERN_PROTECTION_FAILURE);
	ASSERT_RET(vm_protect(SELF, a + ps, ps, FALSE, VM_PROT_NONE), "protect none");
	ASSERT_RET(vm_protect(SELF, a + ps, ps, FALSE, VM_PROT_DEFAULT), "protect back");
	*(volatile int *) (a + ps) = 6;
	ASSERT_RET(vm_deallocate(SELF, a, 2 * ps), "deallocate");
	/* Not asserted: vm_protect over a hole. GNU Mach's vm_map_protect skips unmapped
	 * ranges and succeeds; other Machs answer KERN_INVALID_ADDRESS. */

	ASSERT_RET(vm_allocate(SELF, &a, ps, TRUE), "vm_allocate");
	ASSERT_RET(vm_inherit(SELF, a, ps, VM_INHERIT_SHARE), "vm_inherit share");
	r = a;
	ASSERT_RET(vm_region(SELF, &r, &size, &prot, &maxprot, &inh, &shared, &obj, &off), "vm_region");
	ASSERT_EQ(inh, VM_INHERIT_SHARE, "inheritance set");
	if (MACH_PORT_VALID(obj))
		mach_port_deallocate(SELF, obj);
	EXPECT_KR(vm_inherit(SELF, a, ps, 99), KERN_INVALID_ARGUMENT);
	ASSERT_RET(vm_deallocate(SELF, a, ps), "deallocate");
	/* vm_region at the end of the address space: nothing there (KERN_NO_SPACE in GNU Mach). */
	r = VM_MAX_ADDRESS;
	EXPECT_FAIL(vm_region(SELF, &r, &size, &prot, &maxprot, &inh, &shared, &obj, &off));
}

static void test_read_write_copy(void)
{
	vm_size_t ps = vm_page_size;
	vm_address_t a = 0, b = 0;
	ASSERT_RET(vm_allocate(SELF, &a, ps, TRUE), "vm_allocate");
	ASSERT_RET(vm_allocate(SELF, &b, ps, TRUE), "vm_allocate");
	for (vm_size_t i = 0; i < ps; i++)
		((volatile unsigned char *) a)[i] = (unsigned char) (i * 13);
	vm_offset_t data;
	mach_msg_type_number_t n;
	ASSERT_RET(vm_read(SELF, a, ps, &data, &n), "vm_read");
	ASSERT_EQ(n, ps, "vm_read count");
	ASSERT(data != a && memcmp((void *) data, (void *) a, ps) == 0, "vm_read contents");
	ASSERT_RET(vm_write(SELF, b, data, n), "vm_write");
	ASSERT(memcmp((void *) b, (void *) a, ps) == 0, "vm_write contents");
	ASSERT_RET(vm_deallocate(SELF, data, n), "deallocate vm_read data");
	memset((void *) b, 0, ps);
	ASSERT_RET(vm_copy(SELF, a, ps, b), "vm_copy");
	ASSERT(memcmp((void *) b, (void *) a, ps) == 0, "vm_copy contents");
	ASSERT_RET(vm_deallocate(SELF, b, ps), "deallocate");
	EXPECT_KR(vm_read(SELF, b, ps, &data, &n), KERN_INVALID_ADDRESS);
	EXPECT_KR(vm_copy(SELF, a, ps, b), KERN_INVALID_ADDRESS);
	EXPECT_KR(vm_copy(SELF, b, ps, a), KERN_INVALID_ADDRESS);
	EXPECT_KR(vm_write(SELF, b, a, ps), KERN_INVALID_ADDRESS);
	/* vm_write of unmapped source memory fails on the send (OOL copy-in) */
	EXPECT_KR(vm_write(SELF, a, b, ps), MACH_SEND_INVALID_MEMORY);
	ASSERT_RET(vm_deallocate(SELF, a, ps), "deallocate");
}

static void test_map(void)
{
	vm_size_t ps = vm_page_size;
	vm_address_t a = 0;
	vm_address_t mask = 16 * ps - 1;
	ASSERT_RET(vm_map(SELF, &a, 4 * ps, mask, TRUE, MACH_PORT_NULL, 0, FALSE, VM_PROT_DEFAULT,
			  VM_PROT_ALL, VM_INHERIT_COPY),
		   "vm_map anonymous");
	ASSERT_EQ(a & mask, 0, "vm_map honours the mask");
	*(volatile int *) (a + 3 * ps) = 9;
	vm_address_t b = a;
	EXPECT_KR(vm_map(SELF, &b, ps, 0, FALSE, MACH_PORT_NULL, 0, FALSE, VM_PROT_DEFAULT,
			 VM_PROT_ALL, VM_INHERIT_COPY),
		  KERN_NO_SPACE);
	ASSERT_RET(vm_deallocate(SELF, a, 4 * ps), "deallocate");

	/* The shortcut traps, vm_map with its three stack arguments (cur, max, inheritance). */
	a = 0;
	ASSERT_RET(syscall_vm_map(SELF, &a, 2 * ps, 0, TRUE, MACH_PORT_NULL, 0, FALSE,
				  VM_PROT_READ, VM_PROT_ALL, VM_INHERIT_NONE),
		   "syscall_vm_map");
	vm_address_t r = a;
	vm_size_t size;
	vm_prot_t prot, maxprot;
	vm_inherit_t inh;
	boolean_t shared;
	mach_port_t obj;
	vm_offset_t off;
	ASSERT_RET(vm_region(SELF, &r, &size, &prot, &maxprot, &inh, &shared, &obj, &off), "vm_region");
	ASSERT_EQ(r, a, "region of the trap mapping");
	ASSERT_EQ(size, 2 * ps, "size");
	ASSERT_EQ(prot, VM_PROT_READ, "stack argument 9: cur_protection");
	ASSERT_EQ(maxprot, VM_PROT_ALL, "stack argument 10: max_protection");
	ASSERT_EQ(inh, VM_INHERIT_NONE, "stack argument 11: inheritance");
	if (MACH_PORT_VALID(obj))
		mach_port_deallocate(SELF, obj);
	ASSERT_RET(syscall_vm_deallocate(SELF, a, 2 * ps), "syscall_vm_deallocate");
	a = 0;
	ASSERT_RET(syscall_vm_allocate(SELF, &a, ps, TRUE), "syscall_vm_allocate");
	ASSERT((a & (ps - 1)) == 0, "trap allocation aligned");
	*(volatile int *) a = 1;
	b = a;
	EXPECT_KR(syscall_vm_allocate(SELF, &b, ps, FALSE), KERN_NO_SPACE);
	ASSERT_RET(syscall_vm_deallocate(SELF, a, ps), "syscall_vm_deallocate");
	EXPECT_KR(syscall_vm_allocate(SELF, (vm_address_t *) 0x10, ps, TRUE), KERN_INVALID_ADDRESS);
	mach_port_t host = mach_host_self();
	EXPECT_KR(syscall_vm_allocate(host, &a, ps, TRUE), MACH_SEND_INTERRUPTED);
	EXPECT_KR(syscall_vm_deallocate(0x7777, a, ps), MACH_SEND_INTERRUPTED);
	mach_port_deallocate(SELF, host);
}

static void test_statistics_and_wire(void)
{
	vm_statistics_data_t st;
	ASSERT_RET(vm_statistics(SELF, &st), "vm_statistics");
	ASSERT_EQ((unsigned) st.data[0], vm_page_size, "pagesize field");
	ASSERT(st.data[1] > 0, "free_count");
	EXPECT_KR(vm_statistics(0x7777, &st), MACH_SEND_INVALID_DEST);
	vm_address_t a = 0;
	ASSERT_RET(vm_allocate(SELF, &a, vm_page_size, TRUE), "vm_allocate");
	ASSERT_RET(vm_wire(host_priv(), SELF, a, vm_page_size, VM_PROT_READ | VM_PROT_WRITE), "vm_wire");
	*(volatile int *) a = 3;
	ASSERT_RET(vm_wire(host_priv(), SELF, a, vm_page_size, VM_PROT_NONE), "vm_unwire");
	/* (GNU Mach lets the unprivileged host port wire a little memory too, so only a port that
	 * is no host at all is refused.) */
	EXPECT_KR(vm_wire(SELF, SELF, a, vm_page_size, VM_PROT_READ), KERN_INVALID_HOST);
	ASSERT_RET(vm_deallocate(SELF, a, vm_page_size), "deallocate");
}

int test_main(int argc, char **argv)
{
	(void) argc, (void) argv;
	test_allocate();
	test_protect();
	test_read_write_copy();
	test_map();
	test_statistics_and_wire();
	return 0;
}
