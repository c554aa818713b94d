/* armach guest headers: helpers used by the generated MIG user stubs.
   The guest runtime provides mach_msg, mig_get_reply_port and mig_dealloc_reply_port. */
#ifndef _MACH_MIG_SUPPORT_H
#define _MACH_MIG_SUPPORT_H

#include <mach/message.h>
#include <mach/mig_errors.h>

extern mach_port_t mig_get_reply_port(void);
extern void mig_dealloc_reply_port(mach_port_t reply_port);

static inline void __mig_put_desc(unsigned char **p, unsigned long long d)
{
	__builtin_memcpy(*p, &d, 8);
	*p += 8;
}

static inline void __mig_put_u32(unsigned char **p, unsigned int v)
{
	unsigned long long w = v;
	__builtin_memcpy(*p, &w, 8);
	*p += 8;
}

static inline void __mig_put_u64(unsigned char **p, unsigned long long v)
{
	__builtin_memcpy(*p, &v, 8);
	*p += 8;
}

static inline void __mig_put_port(unsigned char **p, mach_port_t name)
{
	__mig_put_u32(p, name);
}

/* An out-of-line pointer slot (callers cast pointers and vm_offset_t alike). */
static inline void __mig_put_ptr(unsigned char **p, unsigned long ptr)
{
	__mig_put_u64(p, ptr);
}

/* Copies n bytes and zero-pads to the next multiple of 8. */
static inline void __mig_put_bytes(unsigned char **p, const void *src, unsigned long n)
{
	unsigned long padded = (n + 7) & ~7ul;
	__builtin_memcpy(*p, src, n);
	__builtin_memset(*p + n, 0, padded - n);
	*p += padded;
}

static inline void __mig_put_ports(unsigned char **p, const mach_port_t *names, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		__mig_put_port(p, names[i]);
}

static inline unsigned int __mig_strnlen(const char *s, unsigned int max)
{
	unsigned int n = 0;
	while (n < max && s[n] != 0)
		n++;
	return n;
}

/* A fixed c_string[room]: copy up to room bytes, NUL-padded. */
static inline void __mig_put_string(unsigned char **p, const char *s, unsigned int room)
{
	unsigned int n = __mig_strnlen(s, room);
	__builtin_memcpy(*p, s, n);
	__builtin_memset(*p + n, 0, ((room + 7) & ~7u) - n);
	*p += (room + 7) & ~7u;
}

static inline unsigned long long __mig_get_u64(const unsigned char *p)
{
	unsigned long long v;
	__builtin_memcpy(&v, p, 8);
	return v;
}

static inline unsigned int __mig_get_u32(const unsigned char *p)
{
	unsigned int v;
	__builtin_memcpy(&v, p, 4);
	return v;
}

static inline void __mig_get_ports(mach_port_t *dst, const unsigned char *src, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		dst[i] = __mig_get_u32(src + 8 * i);
}

#endif /* _MACH_MIG_SUPPORT_H */
