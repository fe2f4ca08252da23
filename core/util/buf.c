/* core/util/buf.c — a growable, always NUL-terminated byte buffer. An allocation
 * failure is sticky (failed = 1) so a long chain of appends needs one check
 * at the end instead of one per call. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

void smb_buf_init(smb_buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->failed = 0;
}

void smb_buf_free(smb_buf *b)
{
	free(b->data);
	smb_buf_init(b);
}

void smb_buf_reset(smb_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
	b->failed = 0;
}

/* Makes room for n more bytes plus the terminating NUL. */
static int reserve(smb_buf *b, size_t n)
{
	if (b->failed)
		return -1;
	if (n > (size_t)-1 - b->len - 1) {
		b->failed = 1;
		return -1;
	}
	size_t need = b->len + n + 1;
	if (need <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > (size_t)-1 / 2 ? need : cap * 2;
	char *d = realloc(b->data, cap);
	if (!d) {
		b->failed = 1;
		return -1;
	}
	b->data = d;
	b->cap = cap;
	return 0;
}

int smb_buf_append(smb_buf *b, const char *s, size_t n)
{
	if (reserve(b, n) != 0)
		return -1;
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int smb_buf_puts(smb_buf *b, const char *s)
{
	return smb_buf_append(b, s, strlen(s));
}

int smb_buf_putc(smb_buf *b, char c)
{
	return smb_buf_append(b, &c, 1);
}

int smb_buf_vprintf(smb_buf *b, const char *fmt, va_list ap)
{
	if (reserve(b, 0) != 0)
		return -1;
	va_list ap2;
	va_copy(ap2, ap);
	size_t room = b->cap - b->len;
	int n = vsnprintf(b->data + b->len, room, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		b->data[b->len] = '\0';
		b->failed = 1;
		return -1;
	}
	if ((size_t)n >= room) {
		if (reserve(b, (size_t)n) != 0) {
			b->data[b->len] = '\0';
			return -1;
		}
		vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	}
	b->len += (size_t)n;
	return 0;
}

int smb_buf_printf(smb_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = smb_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return r;
}

const char *smb_buf_str(const smb_buf *b)
{
	return b->data ? b->data : "";
}
