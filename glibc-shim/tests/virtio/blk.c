/*
 * virtio-blk guest: finds the first virtio-mmio (version 2) block device on the virt board,
 * negotiates VERSION_1 (+ FLUSH, INDIRECT_DESC when offered), sets up one split queue and
 * runs requests, printing what it sees: config space, sector 0, a write/flush/read-back of
 * sector 1 (and the last sector), GET_ID, an out-of-range read, an unsupported request type,
 * an indirect-descriptor read, and a looping chain (DEVICE_NEEDS_RESET, then reset). Expects a disk whose sector 0 holds the bytes 0..255 twice
 * (the test images are made that way). Runs with the MMU off (all accesses Device memory).
 * Same output on QEMU: -global virtio-mmio.force-legacy=false -drive if=none,... -device
 * virtio-blk-device,...
 */
#include "rt.h"

#define VIRTIO_BASE 0x0a000000UL
#define VIRTIO_SLOTS 32
#define R_MAGIC 0x000
#define R_VERSION 0x004
#define R_DEVICE_ID 0x008
#define R_VENDOR 0x00c
#define R_DEV_FEAT 0x010
#define R_DEV_FEAT_SEL 0x014
#define R_DRV_FEAT 0x020
#define R_DRV_FEAT_SEL 0x024
#define R_QUEUE_SEL 0x030
#define R_QUEUE_NUM_MAX 0x034
#define R_QUEUE_NUM 0x038
#define R_QUEUE_READY 0x044
#define R_QUEUE_NOTIFY 0x050
#define R_INT_STATUS 0x060
#define R_INT_ACK 0x064
#define R_STATUS 0x070
#define R_DESC_LO 0x080
#define R_DESC_HI 0x084
#define R_DRIVER_LO 0x090
#define R_DRIVER_HI 0x094
#define R_DEVICE_LO 0x0a0
#define R_DEVICE_HI 0x0a4
#define R_CONFIG 0x100

#define S_ACK 1
#define S_DRIVER 2
#define S_DRIVER_OK 4
#define S_FEATURES_OK 8

#define F_FLUSH 9
#define F_INDIRECT 28
#define QSZ 8

struct desc { u64 addr; u32 len; u16 flags; u16 next; };
struct blk_req { u32 type; u32 reserved; u64 sector; };

static struct desc descs[QSZ] __attribute__((aligned(16)));
static struct { u16 flags, idx, ring[QSZ], used_event; } avail __attribute__((aligned(4)));
static struct { u16 flags, idx; struct { u32 id, len; } ring[QSZ]; u16 avail_event; } used __attribute__((aligned(4)));
static struct desc itable[3] __attribute__((aligned(16)));
static struct blk_req hdr __attribute__((aligned(16)));
static u8 data[1024] __attribute__((aligned(16)));
static u8 status_byte __attribute__((aligned(16)));
static u64 base;
static u16 next_used;
static int indirect_ok;

static inline u32 rd(u32 off) { return *(volatile u32 *)(base + off); }
static inline void wr(u32 off, u32 v) { *(volatile u32 *)(base + off) = v; }
static inline void mb(void) { __asm__ volatile("dsb sy" ::: "memory"); }

/* Submits the chain starting at descriptor 0 (or the indirect table) and waits for it. */
static u32 submit(void)
{
	avail.ring[avail.idx % QSZ] = 0;
	mb();
	avail.idx++;
	mb();
	wr(R_QUEUE_NOTIFY, 0);
	while (*(volatile u16 *)&used.idx == next_used)
		;
	mb();
	u32 len = used.ring[next_used % QSZ].len;
	next_used++;
	u32 isr = rd(R_INT_STATUS);
	wr(R_INT_ACK, isr);
	if (!(isr & 1))
		printf("  (no used-buffer interrupt status: %x)\n", isr);
	return len;
}

/* header + data (device-writable if in) + status */
static int request(u32 type, u64 sector, u32 len, int in, u32 *used_len)
{
	hdr.type = type;
	hdr.reserved = 0;
	hdr.sector = sector;
	status_byte = 0xff;
	descs[0] = (struct desc){ (u64)&hdr, sizeof hdr, 1, 1 };
	if (len) {
		descs[1] = (struct desc){ (u64)data, len, (u16)(1 | (in ? 2 : 0)), 2 };
		descs[2] = (struct desc){ (u64)&status_byte, 1, 2, 0 };
	} else {
		descs[0].next = 2;
		descs[2] = (struct desc){ (u64)&status_byte, 1, 2, 0 };
	}
	u32 l = submit();
	if (used_len)
		*used_len = l;
	return status_byte;
}

static void dump16(const char *what, const u8 *p)
{
	printf("%s:", what);
	for (int i = 0; i < 16; i++)
		printf(" %02x", p[i]);
	printf("\n");
}

int main(void)
{
	int slot = -1;
	for (int i = 0; i < VIRTIO_SLOTS; i++) {
		base = VIRTIO_BASE + 0x200UL * i;
		if (rd(R_MAGIC) == 0x74726976 && rd(R_DEVICE_ID) == 2) {
			slot = i;
			break;
		}
	}
	if (slot < 0) {
		printf("virtio-blk: no device\n");
		return 0;
	}
	printf("virtio-blk: slot %d version %u vendor %08x\n", slot, rd(R_VERSION), rd(R_VENDOR));
	wr(R_STATUS, 0);
	wr(R_STATUS, S_ACK);
	wr(R_STATUS, S_ACK | S_DRIVER);
	wr(R_DEV_FEAT_SEL, 0);
	u32 f0 = rd(R_DEV_FEAT);
	wr(R_DEV_FEAT_SEL, 1);
	u32 f1 = rd(R_DEV_FEAT);
	printf("features: VERSION_1 %u FLUSH %u RO %u BLK_SIZE %u SEG_MAX %u INDIRECT %u\n", f1 & 1, (f0 >> F_FLUSH) & 1,
	       (f0 >> 5) & 1, (f0 >> 6) & 1, (f0 >> 2) & 1, (f0 >> F_INDIRECT) & 1);
	indirect_ok = (f0 >> F_INDIRECT) & 1;

	wr(R_STATUS, 0);
	wr(R_STATUS, S_ACK);
	wr(R_STATUS, S_ACK | S_DRIVER);
	wr(R_DRV_FEAT_SEL, 1);
	wr(R_DRV_FEAT, 1);
	wr(R_DRV_FEAT_SEL, 0);
	wr(R_DRV_FEAT, f0 & ((1u << F_FLUSH) | (1u << F_INDIRECT) | (1u << 5) | (1u << 6) | (1u << 2)));
	wr(R_STATUS, S_ACK | S_DRIVER | S_FEATURES_OK);
	if (!(rd(R_STATUS) & S_FEATURES_OK)) {
		printf("FEATURES_OK refused\n");
		return 0;
	}
	u64 cap = rd(R_CONFIG) | ((u64)rd(R_CONFIG + 4) << 32);
	printf("capacity %lu sectors, seg_max %u, blk_size %u\n", cap, rd(R_CONFIG + 0x0c), rd(R_CONFIG + 0x14));

	wr(R_QUEUE_SEL, 0);
	printf("queue 0: num_max %u ready %u\n", rd(R_QUEUE_NUM_MAX), rd(R_QUEUE_READY));
	wr(R_QUEUE_SEL, 1);
	printf("queue 1: num_max %u\n", rd(R_QUEUE_NUM_MAX));
	wr(R_QUEUE_SEL, 0);
	wr(R_QUEUE_NUM, QSZ);
	wr(R_DESC_LO, (u32)(u64)descs);
	wr(R_DESC_HI, (u32)((u64)descs >> 32));
	wr(R_DRIVER_LO, (u32)(u64)&avail);
	wr(R_DRIVER_HI, (u32)((u64)&avail >> 32));
	wr(R_DEVICE_LO, (u32)(u64)&used);
	wr(R_DEVICE_HI, (u32)((u64)&used >> 32));
	wr(R_QUEUE_READY, 1);
	wr(R_STATUS, S_ACK | S_DRIVER | S_FEATURES_OK | S_DRIVER_OK);
	printf("status %x\n", rd(R_STATUS));

	u32 ul;
	int st = request(0, 0, 512, 1, &ul);
	printf("read sector 0: status %d used len %u\n", st, ul);
	dump16("sector 0 [0..16)", data);
	dump16("sector 0 [256..272)", data + 256);

	for (int i = 0; i < 512; i++)
		data[i] = (u8)(0xa5 ^ i);
	st = request(1, 1, 512, 0, &ul);
	printf("write sector 1: status %d used len %u\n", st, ul);
	st = request(4, 0, 0, 0, &ul);
	printf("flush: status %d\n", st);
	memset(data, 0, sizeof data);
	st = request(0, 1, 512, 1, 0);
	int ok = 1;
	for (int i = 0; i < 512; i++)
		if (data[i] != (u8)(0xa5 ^ i))
			ok = 0;
	printf("read back sector 1: status %d %s\n", st, ok ? "matches" : "DIFFERS");

	for (int i = 0; i < 512; i++)
		data[i] = (u8)(0x3c + i);
	st = request(1, cap - 1, 512, 0, 0);
	printf("write last sector: status %d\n", st);
	st = request(1, cap - 1, 1024, 0, 0);
	printf("write across the end: status %d\n", st);
	st = request(0, cap, 512, 1, 0);
	printf("read at capacity: status %d\n", st);
	st = request(0, 0, 100, 1, 0);
	printf("read of 100 bytes: status %d\n", st);
	memset(data, 0xee, 32);
	st = request(8, 0, 20, 1, 0);
	char id[21];
	memcpy(id, data, 20);
	id[20] = 0;
	printf("get id: status %d id \"%s\"\n", st, id);
	st = request(99, 0, 0, 0, 0);
	printf("type 99: status %d\n", st);

	if (indirect_ok) {
		hdr = (struct blk_req){ 0, 0, 0 };
		status_byte = 0xff;
		memset(data, 0, sizeof data);
		itable[0] = (struct desc){ (u64)&hdr, sizeof hdr, 1, 1 };
		itable[1] = (struct desc){ (u64)data, 512, 3, 2 };
		itable[2] = (struct desc){ (u64)&status_byte, 1, 2, 0 };
		descs[0] = (struct desc){ (u64)itable, sizeof itable, 4, 0 };
		ul = submit();
		printf("indirect read sector 0: status %d used len %u byte[255] %02x\n", status_byte, ul, data[255]);
	}

	/* a looping chain: the device must not hang; it flags DEVICE_NEEDS_RESET */
	descs[0] = (struct desc){ (u64)&hdr, sizeof hdr, 1, 1 };
	descs[1] = (struct desc){ (u64)data, 512, 1, 0 };
	avail.ring[avail.idx % QSZ] = 0;
	mb();
	avail.idx++;
	mb();
	wr(R_QUEUE_NOTIFY, 0);
	for (volatile int i = 0; i < 100000; i++)
		;
	printf("looping chain: status %x needs reset %u used idx moved %u\n", rd(R_STATUS), (rd(R_STATUS) >> 6) & 1,
	       (unsigned)(*(volatile u16 *)&used.idx != next_used));
	wr(R_STATUS, 0);
	printf("after reset: status %x\n", rd(R_STATUS));
	printf("virtio-blk: done\n");
	return 0;
}
