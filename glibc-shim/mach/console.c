/* libmachrt console output: a small printf; output through device_write on the console
 * device once it is open, otherwise (and as a fallback) through the mach_print trap. */
#include "machrt.h"

static mach_port_t console_port = MACH_PORT_NULL;

kern_return_t console_open(mach_port_t device_master)
{
	dev_name_t name;
	mach_port_t dev = MACH_PORT_NULL;
	memset(name, 0, sizeof name);
	strcpy(name, "console");
	kern_return_t kr = device_open(device_master, D_READ | D_WRITE, name, &dev);
	if (kr == KERN_SUCCESS)
		console_port = dev;
	return kr;
}

static void print_trap(const char *s, size_t n)
{
	char chunk[129];
	while (n > 0) {
		size_t k = n < 128 ? n : 128;
		memcpy(chunk, s, k);
		chunk[k] = 0;
		mach_print(chunk);
		s += k;
		n -= k;
	}
}

void console_write(const char *s, size_t n)
{
	if (n == 0)
		return;
	if (console_port != MACH_PORT_NULL) {
		int written = 0;
		kern_return_t kr = device_write(console_port, 0, 0, (io_buf_ptr_t) s, n, &written);
		if (kr == KERN_SUCCESS && written == (int) n)
			return;
		if (kr == KERN_SUCCESS && written > 0 && written < (int) n) {
			s += written;
			n -= written;
		}
	}
	print_trap(s, n);
}

struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_num(struct out *o, unsigned long v, int base, int upper, int neg, int width,
		    char pad, int left)
{
	char tmp[24];
	int n = 0;
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	int len = n + neg;
	if (neg && pad == '0')
		put(o, '-');
	if (!left)
		for (; width > len; width--)
			put(o, pad);
	if (neg && pad != '0')
		put(o, '-');
	while (n)
		put(o, tmp[--n]);
	if (left)
		for (; width > len; width--)
			put(o, ' ');
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = {buf, size, 0};
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		int left = 0, width = 0, lng = 0;
		char pad = ' ';
		for (; *fmt == '-' || *fmt == '0'; fmt++) {
			if (*fmt == '-')
				left = 1;
			else
				pad = '0';
		}
		if (left)
			pad = ' ';
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		for (; *fmt == 'l' || *fmt == 'z' || *fmt == 'h'; fmt++)
			if (*fmt != 'h')
				lng = 1;
		switch (*fmt) {
		case 'd':
		case 'i': {
			long v = lng ? va_arg(ap, long) : va_arg(ap, int);
			put_num(&o, v < 0 ? -(unsigned long) v : (unsigned long) v, 10, 0, v < 0, width,
				pad, left);
			break;
		}
		case 'u':
			put_num(&o, lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int), 10, 0, 0,
				width, pad, left);
			break;
		case 'x':
		case 'X':
			put_num(&o, lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int), 16,
				*fmt == 'X', 0, width, pad, left);
			break;
		case 'p':
			put(&o, '0');
			put(&o, 'x');
			put_num(&o, (unsigned long) va_arg(ap, void *), 16, 0, 0, width, pad, left);
			break;
		case 'c':
			put(&o, (char) va_arg(ap, int));
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (s == NULL)
				s = "(null)";
			int n = (int) strlen(s);
			if (!left)
				for (; width > n; width--)
					put(&o, ' ');
			while (*s)
				put(&o, *s++);
			if (left)
				for (; width > n; width--)
					put(&o, ' ');
			break;
		}
		case '%':
			put(&o, '%');
			break;
		case 0:
			fmt--;
			break;
		default:
			put(&o, '%');
			put(&o, *fmt);
		}
	}
	if (size > 0)
		buf[o.len < size ? o.len : size - 1] = 0;
	return (int) o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int vprintf(const char *fmt, va_list ap)
{
	char buf[512];
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	console_write(buf, n < (int) sizeof buf ? (size_t) n : sizeof buf - 1);
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int puts(const char *s)
{
	return printf("%s\n", s);
}
