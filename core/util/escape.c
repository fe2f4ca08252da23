/* core/util/escape.c — control characters shown, never sent; see escape.h. */
#include "escape.h"

#include <stdlib.h>
#include <string.h>

/* Length of the UTF-8 sequence at s that must be escaped, with its code
 * point in *cp; 0 for a character shown as it is. */
static size_t hazard(const unsigned char *s, unsigned *cp)
{
	if (*s < 0x20 || *s == 0x7f) {
		*cp = *s;
		return 1;
	}
	if (s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f) {
		*cp = s[1];
		return 2;
	}
	if (s[0] == 0xe2 && ((s[1] == 0x80 && s[2] >= 0xaa && s[2] <= 0xae) || (s[1] == 0x81 && s[2] >= 0xa6 && s[2] <= 0xa9))) {
		*cp = 0x2000u | ((unsigned)(s[1] & 0x3f) << 6) | (s[2] & 0x3f);
		return 3;
	}
	return 0;
}

static void escape(smb_buf *out, const char *s, int md)
{
	const unsigned char *p = (const unsigned char *)s, *run = p;
	unsigned cp;
	size_t n;

	if (!s)
		return;
	for (; *p; ) {
		if ((n = hazard(p, &cp)) == 0 && !(md && *p == '|')) {
			p++;
			continue;
		}
		smb_buf_append(out, (const char *)run, (size_t)(p - run));
		if (n == 0)
			smb_buf_puts(out, "\\|"), n = 1;
		else if (cp == '\n')
			smb_buf_puts(out, "\\n");
		else if (cp == '\r')
			smb_buf_puts(out, "\\r");
		else if (cp == '\t')
			smb_buf_puts(out, "\\t");
		else if (cp < 0x80)
			smb_buf_printf(out, "\\x%02x", cp);
		else
			smb_buf_printf(out, "\\u%04x", cp);
		p += n;
		run = p;
	}
	smb_buf_append(out, (const char *)run, (size_t)(p - run));
}

void smb_escape_text(smb_buf *out, const char *s)
{
	escape(out, s, 0);
}

void smb_escape_md(smb_buf *out, const char *s)
{
	escape(out, s, 1);
}

const char *smb_esc(smb_escaper *x, const char *s)
{
	smb_buf b;
	char *copy;

	if (!s)
		return NULL;
	if (x->n == x->cap) {
		size_t cap = x->cap ? 2 * x->cap : 16;
		char **nv = realloc(x->v, cap * sizeof *nv);
		if (!nv)
			return x->failed = 1, "";
		x->v = nv;
		x->cap = cap;
	}
	smb_buf_init(&b);
	escape(&b, s, x->md);
	if (b.failed || !(copy = strdup(smb_buf_str(&b)))) {
		smb_buf_free(&b);
		return x->failed = 1, "";
	}
	smb_buf_free(&b);
	x->v[x->n++] = copy;
	return copy;
}

void smb_escaper_free(smb_escaper *x)
{
	for (size_t i = 0; i < x->n; i++)
		free(x->v[i]);
	free(x->v);
	memset(x, 0, sizeof *x);
}
