/* coremark-like: a CoreMark-style integer benchmark for bare-metal AArch64 on "virt"
 * (this project's own code, not EEMBC CoreMark). Each iteration runs linked-list
 * find/reverse/merge-sort, a small matrix multiply/add, a byte-stream state machine and
 * CRC16 over the results; a memory-streaming phase fills, copies and sums a few MiB.
 * Deterministic: prints a checksum that must match on every emulator, then powers off. */
#include "rt.h"

#ifndef ITERATIONS
#define ITERATIONS 6000
#endif
#define MEM_ROUNDS 40
#define LIST_N 256
#define MAT_N 24
#define STREAM_N 1024
#define MEM_BYTES (2u << 20)

static u16 crc16_byte(u8 data, u16 crc)
{
	for (int i = 0; i < 8; i++) {
		u8 x = (u8)((data & 1) ^ (crc & 1));
		data >>= 1;
		crc >>= 1;
		if (x)
			crc ^= 0xa001;
	}
	return crc;
}
static u16 crc16_u32(u32 v, u16 crc)
{
	for (int i = 0; i < 4; i++)
		crc = crc16_byte((u8)(v >> (8 * i)), crc);
	return crc;
}

/* ---- linked list ---- */
struct node { struct node *next; s32 idx; s32 data; };
static struct node pool[LIST_N];

static struct node *list_init(u32 seed)
{
	struct node *head = 0;
	for (int i = LIST_N - 1; i >= 0; i--) {
		seed = seed * 1103515245u + 12345u;
		pool[i].idx = i;
		pool[i].data = (s32)((seed >> 8) & 0xffff) - 0x8000;
		pool[i].next = head;
		head = &pool[i];
	}
	return head;
}

static struct node *list_find(struct node *l, s32 data)
{
	while (l && (l->data & 0xff) != (data & 0xff))
		l = l->next;
	return l;
}

static struct node *list_reverse(struct node *l)
{
	struct node *prev = 0;
	while (l) {
		struct node *n = l->next;
		l->next = prev;
		prev = l;
		l = n;
	}
	return prev;
}

static int cmp_data(const struct node *a, const struct node *b) { return a->data - b->data; }
static int cmp_idx(const struct node *a, const struct node *b) { return a->idx - b->idx; }

/* bottom-up merge sort of a singly linked list */
static struct node *list_sort(struct node *list, int (*cmp)(const struct node *, const struct node *))
{
	int insize = 1;
	for (;;) {
		struct node *p = list, *tail = 0;
		list = 0;
		int nmerges = 0;
		while (p) {
			nmerges++;
			struct node *q = p;
			int psize = 0;
			for (int i = 0; i < insize && q; i++) {
				psize++;
				q = q->next;
			}
			int qsize = insize;
			while (psize > 0 || (qsize > 0 && q)) {
				struct node *e;
				if (psize == 0) {
					e = q; q = q->next; qsize--;
				} else if (qsize == 0 || !q) {
					e = p; p = p->next; psize--;
				} else if (cmp(p, q) <= 0) {
					e = p; p = p->next; psize--;
				} else {
					e = q; q = q->next; qsize--;
				}
				if (tail)
					tail->next = e;
				else
					list = e;
				tail = e;
			}
			p = q;
		}
		tail->next = 0;
		if (nmerges <= 1)
			return list;
		insize *= 2;
	}
}

static u16 bench_list(u32 it, u16 crc)
{
	struct node *l = list_init(it * 7 + 1);
	for (int i = 0; i < 16; i++) {
		struct node *f = list_find(l, (s32)(it + i * 37));
		crc = crc16_u32(f ? (u32)f->idx : 0xffffffffu, crc);
	}
	l = list_reverse(l);
	l = list_sort(l, cmp_data);
	crc = crc16_u32((u32)l->data, crc);
	u32 sum = 0;
	for (struct node *n = l; n; n = n->next)
		sum = sum * 3 + (u32)n->idx;
	crc = crc16_u32(sum, crc);
	l = list_sort(l, cmp_idx);
	crc = crc16_u32((u32)l->next->next->data, crc);
	return crc;
}

/* ---- matrix ---- */
static s16 ma[MAT_N][MAT_N], mb[MAT_N][MAT_N];
static s32 mc[MAT_N][MAT_N];

static u16 bench_matrix(u32 it, u16 crc)
{
	u32 s = it * 2654435761u;
	for (int i = 0; i < MAT_N; i++)
		for (int j = 0; j < MAT_N; j++) {
			s = s * 1664525u + 1013904223u;
			ma[i][j] = (s16)(s >> 20);
			mb[i][j] = (s16)((s >> 8) & 0x3ff) - 0x200;
		}
	for (int i = 0; i < MAT_N; i++)
		for (int j = 0; j < MAT_N; j++)
			ma[i][j] += (s16)it;
	for (int i = 0; i < MAT_N; i++)
		for (int j = 0; j < MAT_N; j++) {
			s32 acc = 0;
			for (int k = 0; k < MAT_N; k++)
				acc += (s32)ma[i][k] * mb[k][j];
			mc[i][j] = acc;
		}
	u32 sum = 0;
	for (int i = 0; i < MAT_N; i++)
		for (int j = 0; j < MAT_N; j++) {
			s32 v = mc[i][j];
			sum += (u32)((v >> 2) & 0xfff) ^ (u32)(v < 0 ? 1 : 0);
			mc[i][j] = v * 3 + 1;
		}
	crc = crc16_u32(sum, crc);
	return crc16_u32((u32)mc[MAT_N - 1][MAT_N / 2], crc);
}

/* ---- state machine over a byte stream ---- */
enum { S_START, S_INT, S_S1, S_FLOAT, S_EXP, S_S2, S_SCI, S_INVALID, S_N };
static u8 stream[STREAM_N];

static u16 bench_state(u32 it, u16 crc)
{
	static const char alphabet[] = "0123456789+-.eE,x 5";
	u32 s = it ^ 0x5bd1e995u;
	for (int i = 0; i < STREAM_N; i++) {
		s ^= s << 13; s ^= s >> 17; s ^= s << 5;
		stream[i] = (u8)alphabet[s % (sizeof(alphabet) - 1)];
	}
	u32 counts[S_N] = { 0 };
	int st = S_START;
	for (int i = 0; i < STREAM_N; i++) {
		u8 c = stream[i];
		int digit = c >= '0' && c <= '9';
		if (c == ',') {
			counts[st]++;
			st = S_START;
			continue;
		}
		switch (st) {
		case S_START:
			st = digit ? S_INT : (c == '+' || c == '-') ? S_S1 : c == '.' ? S_FLOAT : S_INVALID;
			break;
		case S_S1:
			st = digit ? S_INT : c == '.' ? S_FLOAT : S_INVALID;
			break;
		case S_INT:
			st = digit ? S_INT : c == '.' ? S_FLOAT : (c == 'e' || c == 'E') ? S_EXP : S_INVALID;
			break;
		case S_FLOAT:
			st = digit ? S_FLOAT : (c == 'e' || c == 'E') ? S_EXP : S_INVALID;
			break;
		case S_EXP:
			st = (c == '+' || c == '-') ? S_S2 : digit ? S_SCI : S_INVALID;
			break;
		case S_S2:
		case S_SCI:
			st = digit ? S_SCI : S_INVALID;
			break;
		default:
			break;
		}
	}
	for (int i = 0; i < S_N; i++)
		crc = crc16_u32(counts[i], crc);
	return crc;
}

/* ---- memory streaming ---- */
static u64 membuf[2][MEM_BYTES / 8] __attribute__((aligned(64)));

static u64 bench_memory(u32 round)
{
	u64 *a = membuf[0], *b = membuf[1];
	const u32 n = MEM_BYTES / 8;
	u64 pattern = 0x0101010101010101ULL * (round + 1);
	for (u32 i = 0; i < n; i += 4) {	/* memset-like */
		a[i] = pattern;
		a[i + 1] = pattern ^ i;
		a[i + 2] = pattern + i;
		a[i + 3] = ~pattern;
	}
	for (u32 i = 0; i < n; i += 8) {	/* memcpy-like */
		u64 x0 = a[i], x1 = a[i + 1], x2 = a[i + 2], x3 = a[i + 3];
		u64 x4 = a[i + 4], x5 = a[i + 5], x6 = a[i + 6], x7 = a[i + 7];
		b[i] = x0; b[i + 1] = x1; b[i + 2] = x2; b[i + 3] = x3;
		b[i + 4] = x4; b[i + 5] = x5; b[i + 6] = x6; b[i + 7] = x7;
	}
	u8 *bb = (u8 *)b;	/* byte-wise copy of a slice (memmove-like, overlapping) */
	for (u32 i = 4096; i > 0; i--)
		bb[i + 3] = bb[i - 1];
	u64 sum = 0;
	for (u32 i = 0; i < n; i++)	/* streaming read */
		sum = (sum ^ b[i]) * 0x100000001b3ULL;
	return sum;
}

int main(void)
{
	u16 crc = 0;
	for (u32 it = 0; it < ITERATIONS; it++) {
		crc = bench_list(it, crc);
		crc = bench_matrix(it, crc);
		crc = bench_state(it, crc);
	}
	u64 msum = 0;
	for (u32 r = 0; r < MEM_ROUNDS; r++)
		msum ^= bench_memory(r) + r;
	printf("coremark-like: iterations=%u mem_rounds=%u crc=0x%04x mem=0x%016lx\n",
	       (unsigned)ITERATIONS, (unsigned)MEM_ROUNDS, crc, msum);
	puts_("BENCH-DONE\n");
	return 0;
}
