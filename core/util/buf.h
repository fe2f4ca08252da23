/* core/util/buf.h — a growable byte buffer; the one way the core builds strings
 * of unknown length (JSON, Markdown, SQL-free messages). */
#ifndef SMB_BUF_H
#define SMB_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct smb_buf {
	char *data;      /* always NUL-terminated when len > 0 or after any append */
	size_t len;
	size_t cap;
	int failed;      /* an allocation failed; later appends do nothing */
} smb_buf;

void smb_buf_init(smb_buf *b);
void smb_buf_free(smb_buf *b);
void smb_buf_reset(smb_buf *b);
int smb_buf_append(smb_buf *b, const char *s, size_t n);
int smb_buf_puts(smb_buf *b, const char *s);
int smb_buf_putc(smb_buf *b, char c);
int smb_buf_printf(smb_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int smb_buf_vprintf(smb_buf *b, const char *fmt, va_list ap);
/* The text so far ("" when empty); never NULL. */
const char *smb_buf_str(const smb_buf *b);

#endif
