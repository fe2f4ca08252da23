/* core/util/json.c — a JSON writer that owns the punctuation: it knows at every
 * depth how many values it has written, so callers never place commas, and it
 * keeps output valid (escaped strings, UTF-8 checked, null for NaN). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "number.h"

void smb_json_init(smb_json *j, smb_buf *out, int pretty)
{
	j->out = out;
	j->depth = 0;
	memset(j->count, 0, sizeof j->count);
	j->pretty = pretty;
	j->after_key = 0;
}

static void newline_indent(smb_json *j, int depth)
{
	smb_buf_putc(j->out, '\n');
	for (int i = 0; i < depth; i++)
		smb_buf_append(j->out, "  ", 2);
}

/* Everything a value (or a key) needs in front of it: the comma after the
 * previous sibling and, pretty, its own line. A value right after its key
 * needs nothing. */
static void before_value(smb_json *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	if (j->depth == 0) {
		/* Several top-level values are written one a line (JSON Lines). */
		if (j->count[0] > 0)
			smb_buf_putc(j->out, '\n');
		return;
	}
	if (j->count[j->depth] > 0)
		smb_buf_putc(j->out, ',');
	if (j->pretty)
		newline_indent(j, j->depth);
}

static void after_value(smb_json *j)
{
	j->count[j->depth]++;
}

static void begin(smb_json *j, char open)
{
	before_value(j);
	smb_buf_putc(j->out, open);
	after_value(j);
	/* Nesting deeper than the count array can track would misplace commas;
	 * mark the output as failed (the buffer's one error flag) instead. */
	if (j->depth + 1 >= SMB_JSON_MAX_DEPTH) {
		j->out->failed = 1;
		return;
	}
	j->depth++;
	j->count[j->depth] = 0;
}

static void end(smb_json *j, char close)
{
	if (j->depth == 0) {
		j->out->failed = 1;   /* more ends than begins */
		return;
	}
	int had = j->count[j->depth];
	j->depth--;
	j->after_key = 0;
	if (j->pretty && had)
		newline_indent(j, j->depth);
	smb_buf_putc(j->out, close);
}

void smb_json_object_begin(smb_json *j) { begin(j, '{'); }
void smb_json_object_end(smb_json *j) { end(j, '}'); }
void smb_json_array_begin(smb_json *j) { begin(j, '['); }
void smb_json_array_end(smb_json *j) { end(j, ']'); }

/* Length of the valid UTF-8 sequence at p (1..4), or 0 if it is not one:
 * overlong forms, surrogates and values past U+10FFFF are refused. */
static int utf8_len(const unsigned char *p)
{
	unsigned char c = p[0];
	int n;
	unsigned char lo = 0x80, hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF) n = 2;
	else if (c == 0xE0) { n = 3; lo = 0xA0; }
	else if (c == 0xED) { n = 3; hi = 0x9F; }
	else if (c >= 0xE1 && c <= 0xEF) n = 3;
	else if (c == 0xF0) { n = 4; lo = 0x90; }
	else if (c >= 0xF1 && c <= 0xF3) n = 4;
	else if (c == 0xF4) { n = 4; hi = 0x8F; }
	else return 0;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (int i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xBF)
			return 0;
	return n;
}

void smb_json_escape(smb_buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p) {
		/* Copy the run that needs no escaping in one append. */
		const unsigned char *run = p;
		while (*p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
			p++;
		if (p > run)
			smb_buf_append(out, (const char *)run, (size_t)(p - run));
		if (!*p)
			break;
		unsigned char c = *p;
		if (c >= 0x80) {
			int n = utf8_len(p);
			if (n) {
				smb_buf_append(out, (const char *)p, (size_t)n);
				p += n;
			} else {
				/* JSON text must be UTF-8: a stray byte becomes U+FFFD. */
				smb_buf_puts(out, "\\ufffd");
				p++;
			}
			continue;
		}
		switch (c) {
		case '"':  smb_buf_puts(out, "\\\""); break;
		case '\\': smb_buf_puts(out, "\\\\"); break;
		case '\n': smb_buf_puts(out, "\\n"); break;
		case '\r': smb_buf_puts(out, "\\r"); break;
		case '\t': smb_buf_puts(out, "\\t"); break;
		default:   smb_buf_printf(out, "\\u%04x", c); break;
		}
		p++;
	}
}

void smb_json_key(smb_json *j, const char *key)
{
	before_value(j);
	smb_buf_putc(j->out, '"');
	smb_json_escape(j->out, key ? key : "");
	smb_buf_puts(j->out, j->pretty ? "\": " : "\":");
	j->after_key = 1;
}

void smb_json_string(smb_json *j, const char *s)
{
	if (!s) {
		smb_json_null(j);
		return;
	}
	before_value(j);
	smb_buf_putc(j->out, '"');
	smb_json_escape(j->out, s);
	smb_buf_putc(j->out, '"');
	after_value(j);
}

void smb_json_number(smb_json *j, double v)
{
	if (!isfinite(v)) {
		smb_json_null(j);
		return;
	}
	char t[32];
	smb_number_format(v, t);
	before_value(j);
	smb_buf_puts(j->out, t);
	after_value(j);
}

void smb_json_integer(smb_json *j, long long v)
{
	before_value(j);
	smb_buf_printf(j->out, "%lld", v);
	after_value(j);
}

void smb_json_bool(smb_json *j, int v)
{
	before_value(j);
	smb_buf_puts(j->out, v ? "true" : "false");
	after_value(j);
}

void smb_json_null(smb_json *j)
{
	before_value(j);
	smb_buf_puts(j->out, "null");
	after_value(j);
}

void smb_json_raw(smb_json *j, const char *text)
{
	before_value(j);
	smb_buf_puts(j->out, text && *text ? text : "null");
	after_value(j);
}
