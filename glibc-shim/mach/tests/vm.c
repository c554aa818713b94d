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
 * KERN_PROTECTION_FAILURE and the address as subcode.
 * gnumach.defs VM routines: vm_wire_all (host_priv; VM_WIRE_CURRENT makes pages resident,
 * VM_WIRE_FUTURE wires new allocations at once, VM_WIRE_NONE stops; KERN_INVALID_HOST,
 * KERN_INVALID_TASK, KERN_INVALID_ARGUMENT), vm_pages_phys (frames of resident pages, 0 for
 * absent ones; misaligned KERN_INVALID_ARGUMENT), vm_allocate_contiguous (consecutive zeroed
 * frames; pmin != 0 / size 0 KERN_INVALID_ARGUMENT, pmax below RAM KERN_RESOURCE_SHORTAGE),
 * vm_cache_statistics, vm_msync (both sync modes KERN_INVALID_ARGUMENT, empty range),
 * vm_object_sync on a port that names no object (KERN_INVALID_ARGUMENT).
 * Proxies (mach4.defs): vm_region_create_proxy of anonymous memory mapped in this task and in a
 * child (writes shared both ways), copy=TRUE mappings are snapshots, a read-only proxy limits
 * the mapping's protection, a range beyond the proxy is KERN_INVALID_ARGUMENT, nested
 * memory_object_create_proxy (argument errors: KERN_INVALID_NAME, KERN_INVALID_ARGUMENT), and
 * mappings outlive the proxy ports. */
#include "testlib.h"
#include "mach4.h"

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

#define VM_WIRE_NONE 0
#define VM_WIRE_CURRENT 1
#define VM_WIRE_FUTURE 2
#define VM_WIRE_ALL 3
#define VM_SYNC_ASYNCHRONOUS 1
#define VM_SYNC_SYNCHRONOUS 2

/* vm_pages_phys of n pages at a into out[] */
static void pages_phys(vm_address_t a, unsigned n, rpc_phys_addr_t *out)
{
	rpc_phys_addr_t buf[16];
	rpc_phys_addr_array_t p = buf;
	mach_msg_type_number_t cnt = 16;
	ASSERT_RET(vm_pages_phys(host_priv(), SELF, a, n * vm_page_size, &p, &cnt), "vm_pages_phys");
	ASSERT_EQ(cnt, n, "one address per page");
	for (unsigned i = 0; i < n; i++)
		out[i] = p[i];
	if (p != buf)
		vm_deallocate(SELF, (vm_address_t) p, cnt * sizeof *p);
}

static void test_gnumach_vm(void)
{
	vm_size_t ps = vm_page_size;
	mach_port_t host = mach_host_self();
	rpc_phys_addr_t pa[4];
	vm_address_t a = 0;
	ASSERT_RET(vm_allocate(SELF, &a, 2 * ps, TRUE), "vm_allocate");
	*(volatile int *) a = 1;
	pages_phys(a, 2, pa);
	ASSERT(pa[0] != 0, "a touched page has a frame");
	ASSERT_EQ(pa[1], 0, "an untouched page has none");
	rpc_phys_addr_array_t pp = pa;
	mach_msg_type_number_t cnt = 4;
	EXPECT_KR(vm_pages_phys(host_priv(), SELF, a + 8, ps, &pp, &cnt), KERN_INVALID_ARGUMENT);
	EXPECT_KR(vm_pages_phys(host, SELF, a, ps, &pp, &cnt), KERN_INVALID_HOST);

	EXPECT_KR(vm_wire_all(host, SELF, VM_WIRE_ALL), KERN_INVALID_HOST);
	EXPECT_KR(vm_wire_all(host_priv(), host, VM_WIRE_ALL), KERN_INVALID_TASK);
	EXPECT_KR(vm_wire_all(host_priv(), SELF, 4), KERN_INVALID_ARGUMENT);
	ASSERT_RET(vm_wire_all(host_priv(), SELF, VM_WIRE_CURRENT), "VM_WIRE_CURRENT");
	pages_phys(a, 2, pa);
	ASSERT(pa[1] != 0, "wired: resident without a touch");
	ASSERT_RET(vm_wire_all(host_priv(), SELF, VM_WIRE_ALL), "VM_WIRE_ALL");
	vm_address_t b = 0;
	ASSERT_RET(vm_allocate(SELF, &b, ps, TRUE), "vm_allocate while wiring is required");
	pages_phys(b, 1, pa);
	ASSERT(pa[0] != 0, "VM_WIRE_FUTURE: a new allocation is wired at once");
	ASSERT_RET(vm_wire_all(host_priv(), SELF, VM_WIRE_NONE), "VM_WIRE_NONE");
	vm_address_t c = 0;
	ASSERT_RET(vm_allocate(SELF, &c, ps, TRUE), "vm_allocate after VM_WIRE_NONE");
	pages_phys(c, 1, pa);
	ASSERT_EQ(pa[0], 0, "no longer wired at once");
	ASSERT_RET(vm_deallocate(SELF, a, 2 * ps), "deallocate");
	ASSERT_RET(vm_deallocate(SELF, b, ps), "deallocate");
	ASSERT_RET(vm_deallocate(SELF, c, ps), "deallocate");

	vm_address_t va = 0;
	rpc_phys_addr_t phys = 0;
	ASSERT_RET(vm_allocate_contiguous(host_priv(), SELF, &va, &phys, 3 * ps, 0, 0, 0), "vm_allocate_contiguous");
	ASSERT(phys != 0 && (phys & (ps - 1)) == 0, "page-aligned physical address");
	pages_phys(va, 3, pa);
	for (int i = 0; i < 3; i++)
		ASSERT_EQ(pa[i], phys + i * ps, "physically contiguous");
	for (vm_size_t i = 0; i < 3 * ps; i += 512)
		ASSERT_EQ(*(volatile unsigned long *) (va + i), 0, "zero-filled");
	*(volatile int *) (va + 2 * ps) = 7;
	ASSERT_RET(vm_deallocate(SELF, va, 3 * ps), "deallocate contiguous");
	EXPECT_KR(vm_allocate_contiguous(host, SELF, &va, &phys, ps, 0, 0, 0), KERN_INVALID_HOST);
	EXPECT_KR(vm_allocate_contiguous(host_priv(), SELF, &va, &phys, ps, ps, 0, 0), KERN_INVALID_ARGUMENT);
	EXPECT_KR(vm_allocate_contiguous(host_priv(), SELF, &va, &phys, 0, 0, 0, 0), KERN_INVALID_ARGUMENT);
	EXPECT_KR(vm_allocate_contiguous(host_priv(), SELF, &va, &phys, ps, 0, 0x1000, 0), KERN_RESOURCE_SHORTAGE);

	vm_cache_statistics_data_t cs;
	ASSERT_RET(vm_cache_statistics(SELF, &cs), "vm_cache_statistics");
	EXPECT_KR(vm_cache_statistics(0x7777, &cs), MACH_SEND_INVALID_DEST);
	EXPECT_KR(vm_msync(SELF, 0x10000, ps, VM_SYNC_ASYNCHRONOUS | VM_SYNC_SYNCHRONOUS), KERN_INVALID_ARGUMENT);
	ASSERT_RET(vm_msync(SELF, 0x10000, 0, VM_SYNC_SYNCHRONOUS), "vm_msync of nothing");
	EXPECT_KR(vm_object_sync(SELF, 0, ps, FALSE, TRUE, FALSE), KERN_INVALID_ARGUMENT);
	mach_port_deallocate(SELF, host);
}

static kern_return_t create_proxy(mach_port_t object, vm_offset_t off, vm_offset_t start, vm_size_t len, mach_port_t *p)
{
	return memory_object_create_proxy(SELF, VM_PROT_DEFAULT, &object, 1, &off, 1, &start, 1, &len, 1, p);
}

static void test_proxies(void)
{
	vm_size_t ps = vm_page_size;
	vm_address_t a = 0, b = 0, r = 0, cp = 0, n = 0, x = 0;
	ASSERT_RET(vm_allocate(SELF, &a, 2 * ps, TRUE), "vm_allocate");
	((volatile char *) a)[ps + 1] = 'a';
	mach_port_t proxy, ro, nested, xp;
	ASSERT_RET(vm_region_create_proxy(SELF, a, VM_PROT_DEFAULT, 2 * ps, &proxy), "vm_region_create_proxy");
	ASSERT_RET(vm_map(SELF, &b, 2 * ps, 0, TRUE, proxy, 0, FALSE, VM_PROT_DEFAULT, VM_PROT_DEFAULT,
			  VM_INHERIT_COPY), "vm_map of the proxy");
	volatile char *A = (volatile char *) a, *B = (volatile char *) b;
	ASSERT_EQ(B[ps + 1], 'a', "the mapping shows our data");
	B[3] = 'b';
	ASSERT_EQ(A[3], 'b', "a write through the proxy mapping shows in the original");
	A[4] = 'c';
	ASSERT_EQ(B[4], 'c', "and the other way");

	/* a copy is a snapshot */
	ASSERT_RET(vm_map(SELF, &cp, 2 * ps, 0, TRUE, proxy, 0, TRUE, VM_PROT_DEFAULT, VM_PROT_DEFAULT,
			  VM_INHERIT_COPY), "vm_map copy of the proxy");
	volatile char *C = (volatile char *) cp;
	ASSERT_EQ(C[4], 'c', "the copy has the data");
	A[4] = 'd';
	A[ps + 2] = 'e';
	ASSERT_EQ(C[4], 'c', "a later write does not show in the copy");
	ASSERT_EQ(C[ps + 2], 0, "nor in the second page");
	C[5] = 'f';
	ASSERT_EQ(A[5], 0, "the copy's writes are private");

	/* a child task maps the same memory */
	task_t child;
	vm_address_t ca = 0;
	ASSERT_RET(task_create(SELF, FALSE, &child), "task_create");
	ASSERT_RET(vm_map(child, &ca, 2 * ps, 0, TRUE, proxy, 0, FALSE, VM_PROT_DEFAULT, VM_PROT_DEFAULT,
			  VM_INHERIT_COPY), "vm_map of the proxy in a child");
	vm_offset_t data;
	mach_msg_type_number_t dn;
	ASSERT_RET(vm_read(child, ca, ps, &data, &dn), "vm_read child");
	ASSERT_EQ(((char *) data)[4], 'd', "the child sees our write");
	((char *) data)[6] = 'g';
	ASSERT_RET(vm_write(child, ca, data, dn), "vm_write child");
	ASSERT_EQ(A[6], 'g', "we see the child's write");
	vm_deallocate(SELF, data, dn);

	/* limits: protection and range */
	ASSERT_RET(vm_region_create_proxy(SELF, a, VM_PROT_READ, ps, &ro), "read-only proxy");
	ASSERT_RET(vm_map(SELF, &r, ps, 0, TRUE, ro, 0, FALSE, VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_COPY),
		   "vm_map of the read-only proxy");
	vm_address_t q = r;
	vm_size_t size;
	vm_prot_t prot, maxprot;
	vm_inherit_t inh;
	boolean_t shared;
	mach_port_t obj;
	vm_offset_t off;
	ASSERT_RET(vm_region(SELF, &q, &size, &prot, &maxprot, &inh, &shared, &obj, &off), "vm_region");
	ASSERT_EQ(prot, VM_PROT_READ, "protection limited by the proxy");
	ASSERT_EQ(maxprot, VM_PROT_READ, "maximum limited by the proxy");
	if (MACH_PORT_VALID(obj))
		mach_port_deallocate(SELF, obj);
	ASSERT_EQ(((volatile char *) r)[4], 'd', "readable");
	EXPECT_KR(vm_map(SELF, &x, 2 * ps, 0, TRUE, ro, 0, FALSE, VM_PROT_READ, VM_PROT_READ, VM_INHERIT_COPY),
		  KERN_INVALID_ARGUMENT);
	EXPECT_KR(vm_map(SELF, &x, ps, 0, TRUE, ro, ps, FALSE, VM_PROT_READ, VM_PROT_READ, VM_INHERIT_COPY),
		  KERN_INVALID_ARGUMENT);
	EXPECT_KR(vm_region_create_proxy(SELF, a, VM_PROT_READ, 3 * ps, &xp), KERN_INVALID_ARGUMENT);
	EXPECT_FAIL(vm_region_create_proxy(SELF, VM_MAX_ADDRESS, VM_PROT_READ, ps, &xp));

	/* a proxy of a proxy: its second page */
	ASSERT_RET(create_proxy(proxy, 0, ps, ps, &nested), "memory_object_create_proxy");
	ASSERT_RET(vm_map(SELF, &n, ps, 0, TRUE, nested, 0, FALSE, VM_PROT_DEFAULT, VM_PROT_DEFAULT,
			  VM_INHERIT_COPY), "vm_map of the nested proxy");
	ASSERT_EQ(((volatile char *) n)[1], 'a', "the nested proxy starts at the second page");
	EXPECT_KR(create_proxy(MACH_PORT_NULL, 0, 0, ps, &xp), KERN_INVALID_NAME);
	EXPECT_KR(create_proxy(proxy, ps, 0, ps, &xp), KERN_INVALID_ARGUMENT);
	EXPECT_KR(create_proxy(proxy, 0, -ps, 2 * ps, &xp), KERN_INVALID_ARGUMENT);
	mach_port_t two[2] = { proxy, proxy };
	vm_offset_t zeros[2] = { 0, 0 };
	vm_size_t lens[2] = { ps, ps };
	EXPECT_KR(memory_object_create_proxy(SELF, VM_PROT_READ, two, 2, zeros, 2, zeros, 2, lens, 2, &xp),
		  KERN_INVALID_ARGUMENT);

	/* the mappings outlive the proxy ports (reclaimed when their last send right goes) */
	mach_port_deallocate(SELF, nested);
	mach_port_deallocate(SELF, proxy);
	mach_port_deallocate(SELF, ro);
	mach_port_type_t type;
	EXPECT_KR(mach_port_type(SELF, proxy, &type), KERN_INVALID_NAME);
	A[7] = 'h';
	ASSERT_EQ(B[7], 'h', "still shared");
	ASSERT_EQ(((volatile char *) n)[2], 'e', "nested mapping still there");
	ASSERT_RET(task_terminate(child), "task_terminate");
	mach_port_destroy(SELF, child);
	ASSERT_RET(vm_deallocate(SELF, a, 2 * ps), "deallocate");
	ASSERT_EQ(B[7], 'h', "the proxy mapping keeps the memory");
	ASSERT_RET(vm_deallocate(SELF, b, 2 * ps), "deallocate");
	ASSERT_RET(vm_deallocate(SELF, cp, 2 * ps), "deallocate");
	ASSERT_RET(vm_deallocate(SELF, r, ps), "deallocate");
	ASSERT_RET(vm_deallocate(SELF, n, ps), "deallocate");
}

int test_main(int argc, char **argv)
{
	(void) argc, (void) argv;
	test_allocate();
	test_protect();
	test_read_write_copy();
	test_map();
	test_statistics_and_wire();
	test_gnumach_vm();
	test_proxies();
	return 0;
}
