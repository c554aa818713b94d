/* module-disk: the in-kernel disk devices on virtio-blk.
 * Booted with two drives (MachConformanceTest): hd0, 4 MiB, read-write, whose sector s holds
 * pattern(s, i) at byte i and whose MBR has one partition (type 0x83, sectors 2048..6143 =
 * hd0s1); hd1, 1 MiB, read-only, same pattern.
 * Success: device_open / device_open_new (hd0, hd0s1, hd1 read-only), device_get_status
 * (DEV_GET_SIZE: bytes and record size 512; DEV_GET_RECORDS: sectors and 512), device_read
 * (OOL reply, one sector, many pages, a partial sector, truncated at the end of the device,
 * zero bytes), device_read_inband, device_write (OOL, many pages, from an unaligned buffer),
 * device_write_inband (128 bytes: a partial sector), partition offsets (hd0s1 record 0 is hd0 record 2048), reads and
 * writes from two threads at once, device_close (flushes). The JUnit side then checks the
 * written sectors in the image file.
 * Errors: D_NO_SUCH_DEVICE (unknown names, hd0s2, hd9), D_READ_ONLY (write open / write of
 * hd1), D_INVALID_RECNUM (record past the end), D_INVALID_SIZE (write past the end, negative
 * size); a write that ends inside a sector keeps the rest of that sector, D_INVALID_OPERATION (unknown status flavor,
 * device_set_status), D_INVALID_SIZE for a too short status count. */
#include "testlib.h"

#define SELF mach_task_self()
#define D_INVALID_RECNUM 2506
#define D_INVALID_SIZE 2507
#define D_READ_ONLY 2509
#define DEV_GET_SIZE 0
#define DEV_GET_RECORDS 1
#define HD0_SECTORS 8192
#define HD1_SECTORS 2048
#define PART_START 2048
#define PART_SECTORS 4096

static unsigned char pattern(unsigned long s, unsigned i)
{
	return (unsigned char) (s * 31 + i * 7 + (i >> 8));
}

/* What the module writes (the JUnit side checks the same function). */
static unsigned char written(unsigned long s, unsigned i)
{
	return (unsigned char) ((s * 13) ^ (i * 5) ^ 0xa5);
}

static void check_pattern(const unsigned char *b, unsigned long sector, unsigned long n, const char *what)
{
	for (unsigned long k = 0; k < n; k++) {
		unsigned long s = sector + k / 512;
		unsigned i = k % 512;
		if (b[k] != pattern(s, i))
			test_fail(__FILE__, __LINE__, "%s: byte %lu (sector %lu) = 0x%x, expected 0x%x", what, k, s,
				  b[k], pattern(s, i));
	}
}

static mach_port_t open_dev(const char *name, dev_mode_t mode)
{
	mach_port_t d = MACH_PORT_NULL;
	dev_name_t n;
	memset(n, 0, sizeof n);
	memcpy(n, name, strlen(name));
	ASSERT_RET(device_open(device_priv(), mode, n, &d), name);
	ASSERT(MACH_PORT_VALID(d), "device port");
	return d;
}

static int try_open(const char *name, dev_mode_t mode)
{
	mach_port_t d;
	dev_name_t n;
	memset(n, 0, sizeof n);
	memcpy(n, name, strlen(name));
	return device_open(device_priv(), mode, n, &d);
}

static void test_open_and_status(void)
{
	EXPECT_KR(try_open("hd9", D_READ), D_NO_SUCH_DEVICE);
	EXPECT_KR(try_open("hd0s2", D_READ), D_NO_SUCH_DEVICE);
	EXPECT_KR(try_open("nosuchdisk", D_READ), D_NO_SUCH_DEVICE);
	EXPECT_KR(try_open("hd1", D_READ | D_WRITE), D_READ_ONLY);

	mach_port_t d = open_dev("hd0", D_READ | D_WRITE);
	int st[8];
	mach_msg_type_number_t n = 8;
	ASSERT_RET(device_get_status(d, DEV_GET_SIZE, st, &n), "DEV_GET_SIZE");
	ASSERT_EQ(n, 2, "DEV_GET_SIZE count");
	ASSERT_EQ(st[0], HD0_SECTORS * 512, "device size in bytes");
	ASSERT_EQ(st[1], 512, "record size");
	n = 8;
	ASSERT_RET(device_get_status(d, DEV_GET_RECORDS, st, &n), "DEV_GET_RECORDS");
	ASSERT_EQ(n, 2, "DEV_GET_RECORDS count");
	ASSERT_EQ(st[0], HD0_SECTORS, "records");
	ASSERT_EQ(st[1], 512, "record size");
	n = 8;
	EXPECT_KR(device_get_status(d, 77, st, &n), D_INVALID_OPERATION);
	n = 1;
	EXPECT_KR(device_get_status(d, DEV_GET_SIZE, st, &n), D_INVALID_SIZE);
	EXPECT_KR(device_set_status(d, DEV_GET_SIZE, st, 2), D_INVALID_OPERATION);

	new_dev_name_t nn;
	memset(nn, 0, sizeof nn);
	memcpy(nn, "hd0s1", 5);
	mach_port_t p;
	ASSERT_RET(device_open_new(device_priv(), D_READ, nn, &p), "device_open_new hd0s1");
	n = 8;
	ASSERT_RET(device_get_status(p, DEV_GET_RECORDS, st, &n), "partition records");
	ASSERT_EQ(st[0], PART_SECTORS, "partition size");
	ASSERT_RET(device_close(p), "close hd0s1");
	mach_port_deallocate(SELF, p);
	ASSERT_RET(device_close(d), "close hd0");
	mach_port_deallocate(SELF, d);
}

static void test_reads(void)
{
	mach_port_t d = open_dev("hd0", D_READ);
	io_buf_ptr_t data;
	mach_msg_type_number_t n;

	ASSERT_RET(device_read(d, 0, 5, 512, &data, &n), "read one sector");
	ASSERT_EQ(n, 512, "one sector");
	check_pattern((unsigned char *) data, 5, n, "sector 5");
	vm_deallocate(SELF, (vm_address_t) data, n);

	/* many pages, crossing page boundaries of every page size */
	unsigned long big = 300 * 1024;
	ASSERT_RET(device_read(d, 0, 100, big, &data, &n), "big read");
	ASSERT_EQ(n, big, "big read count");
	check_pattern((unsigned char *) data, 100, n, "big read");
	vm_deallocate(SELF, (vm_address_t) data, n);

	/* a partial sector */
	ASSERT_RET(device_read(d, 0, 7, 100, &data, &n), "partial read");
	ASSERT_EQ(n, 100, "partial count");
	check_pattern((unsigned char *) data, 7, n, "partial");
	vm_deallocate(SELF, (vm_address_t) data, n);

	/* truncated at the end of the device; at the end: zero bytes; past it: D_INVALID_RECNUM */
	ASSERT_RET(device_read(d, 0, HD0_SECTORS - 2, 4096, &data, &n), "read over the end");
	ASSERT_EQ(n, 1024, "truncated at the end");
	check_pattern((unsigned char *) data, HD0_SECTORS - 2, n, "last sectors");
	vm_deallocate(SELF, (vm_address_t) data, n);
	EXPECT_KR(device_read(d, 0, HD0_SECTORS, 512, &data, &n), D_INVALID_RECNUM);
	EXPECT_KR(device_read(d, 0, HD0_SECTORS + 100, 512, &data, &n), D_INVALID_RECNUM);
	EXPECT_KR(device_read(d, 0, 0, -1, &data, &n), D_INVALID_SIZE);
	ASSERT_RET(device_read(d, 0, 3, 0, &data, &n), "zero-byte read");
	ASSERT_EQ(n, 0, "nothing read");

	/* inband */
	char ib[128];
	n = 128;
	ASSERT_RET(device_read_inband(d, 0, 9, 128, ib, &n), "read inband");
	ASSERT_EQ(n, 128, "inband count");
	check_pattern((unsigned char *) ib, 9, n, "inband");

	/* the partition starts at record 2048 */
	mach_port_t p = open_dev("hd0s1", D_READ);
	ASSERT_RET(device_read(p, 0, 3, 1024, &data, &n), "partition read");
	check_pattern((unsigned char *) data, PART_START + 3, n, "partition read");
	vm_deallocate(SELF, (vm_address_t) data, n);
	EXPECT_KR(device_read(p, 0, PART_SECTORS, 512, &data, &n), D_INVALID_RECNUM);

	/* the read-only drive reads, refuses writes */
	mach_port_t r = open_dev("hd1", D_READ);
	ASSERT_RET(device_read(r, 0, HD1_SECTORS - 1, 512, &data, &n), "read-only drive");
	check_pattern((unsigned char *) data, HD1_SECTORS - 1, n, "hd1");
	int w;
	EXPECT_KR(device_write(r, 0, 0, data, 512, &w), D_READ_ONLY);
	vm_deallocate(SELF, (vm_address_t) data, n);

	mach_port_deallocate(SELF, r);
	mach_port_deallocate(SELF, p);
	mach_port_deallocate(SELF, d);
}

static void fill_written(unsigned char *b, unsigned long sector, unsigned long n)
{
	for (unsigned long k = 0; k < n; k++)
		b[k] = written(sector + k / 512, k % 512);
}

static void check_written(mach_port_t d, unsigned long sector, unsigned long n, const char *what)
{
	io_buf_ptr_t data;
	mach_msg_type_number_t cnt;
	ASSERT_RET(device_read(d, 0, sector, n, &data, &cnt), what);
	ASSERT_EQ(cnt, n, what);
	for (unsigned long k = 0; k < n; k++)
		if (((unsigned char *) data)[k] != written(sector + k / 512, k % 512))
			test_fail(__FILE__, __LINE__, "%s: byte %lu differs", what, k);
	vm_deallocate(SELF, (vm_address_t) data, cnt);
}

static void test_writes(void)
{
	mach_port_t d = open_dev("hd0", D_READ | D_WRITE);
	int w;

	/* many pages from an unaligned buffer (OOL) */
	unsigned long len = 200 * 1024;
	vm_address_t buf = 0;
	ASSERT_RET(vm_allocate(SELF, &buf, len + vm_page_size, TRUE), "vm_allocate");
	unsigned char *b = (unsigned char *) buf + 3;
	fill_written(b, 7000, len);
	ASSERT_RET(device_write(d, 0, 7000, (io_buf_ptr_t) b, len, &w), "big write");
	ASSERT_EQ(w, len, "bytes written");
	check_written(d, 7000, len, "read back the big write");

	/* inband */
	char ib[128];
	unsigned char sec[512];
	fill_written(sec, 6500, 512);
	memcpy(ib, sec, 128);
	ASSERT_RET(device_write_inband(d, 0, 6500, ib, 128, &w), "write inband (partial sector)");
	ASSERT_EQ(w, 128, "inband bytes written");
	io_buf_ptr_t data;
	mach_msg_type_number_t cnt;
	ASSERT_RET(device_read(d, 0, 6500, 512, &data, &cnt), "read back inband write");
	for (int k = 0; k < 512; k++)
		ASSERT_EQ(((unsigned char *) data)[k], k < 128 ? written(6500, k) : pattern(6500, k),
			  "partial sector merged");
	vm_deallocate(SELF, (vm_address_t) data, cnt);

	/* a sector through the partition: hd0s1 record 10 = hd0 record 2058 */
	mach_port_t p = open_dev("hd0s1", D_READ | D_WRITE);
	fill_written(sec, PART_START + 10, 512);
	ASSERT_RET(device_write(p, 0, 10, (io_buf_ptr_t) sec, 512, &w), "partition write");
	ASSERT_EQ(w, 512, "partition bytes written");
	check_written(d, PART_START + 10, 512, "partition write seen on hd0");
	EXPECT_KR(device_write(p, 0, PART_SECTORS - 1, (io_buf_ptr_t) b, 1024, &w), D_INVALID_SIZE);
	EXPECT_KR(device_write(p, 0, PART_SECTORS + 1, (io_buf_ptr_t) b, 512, &w), D_INVALID_RECNUM);

	/* errors */
	EXPECT_KR(device_write(d, 0, HD0_SECTORS, (io_buf_ptr_t) b, 512, &w), D_INVALID_RECNUM);
	EXPECT_KR(device_write(d, 0, HD0_SECTORS - 1, (io_buf_ptr_t) b, 1024, &w), D_INVALID_SIZE);

	vm_deallocate(SELF, buf, len + vm_page_size);
	ASSERT_RET(device_close(p), "close partition (flush)");
	mach_port_deallocate(SELF, p);
	mach_port_deallocate(SELF, d);
}

/* Two threads with requests in flight at once. */
static volatile int t_done[2];
static volatile int t_err[2];

static void io_thread(void *arg)
{
	int idx = (int) (unsigned long) arg;
	mach_port_t d = open_dev("hd0", D_READ | D_WRITE);
	unsigned long sector = idx == 0 ? 4000 : 5000, len = 64 * 1024;
	for (int round = 0; round < 4 && !t_err[idx]; round++) {
		io_buf_ptr_t data;
		mach_msg_type_number_t n;
		if (device_read(d, 0, sector + round * 8, len, &data, &n) != KERN_SUCCESS || n != len) {
			t_err[idx] = 1;
			break;
		}
		for (unsigned long k = 0; k < n; k++)
			if (((unsigned char *) data)[k] != pattern(sector + round * 8 + k / 512, k % 512))
				t_err[idx] = 2;
		vm_deallocate(SELF, (vm_address_t) data, n);
	}
	static unsigned char wbuf[2][4096];
	unsigned long ws = idx == 0 ? 7600 : 7700;
	fill_written(wbuf[idx], ws, sizeof wbuf[idx]);
	int w;
	if (device_write(d, 0, ws, (io_buf_ptr_t) wbuf[idx], sizeof wbuf[idx], &w) != KERN_SUCCESS || w != 4096)
		t_err[idx] = 3;
	mach_port_deallocate(SELF, d);
	atomic_store(&t_done[idx], 1);
}

static void test_concurrent(void)
{
	thread_t th[2];
	for (int i = 0; i < 2; i++)
		ASSERT_RET(mach_thread_spawn(io_thread, (void *) (unsigned long) i, &th[i]), "spawn");
	for (int i = 0; i < 2; i++)
		test_wait_flag(&t_done[i], "io thread");
	ASSERT_EQ(t_err[0], 0, "thread 0 I/O");
	ASSERT_EQ(t_err[1], 0, "thread 1 I/O");
	mach_port_t d = open_dev("hd0", D_READ | D_WRITE);
	check_written(d, 7600, 4096, "thread 0 write");
	check_written(d, 7700, 4096, "thread 1 write");
	ASSERT_RET(device_close(d), "close hd0 (flush)");
	mach_port_deallocate(SELF, d);
	for (int i = 0; i < 2; i++)
		mach_port_deallocate(SELF, th[i]);
}

int test_main(int argc, char **argv)
{
	(void) argc, (void) argv;
	test_open_and_status();
	test_reads();
	test_writes();
	test_concurrent();
	return 0;
}
