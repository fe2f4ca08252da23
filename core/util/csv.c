/* core/util/csv.c — the streaming RFC 4180 reader behind every import. It is the
 * hot path of big imports, so it reads 256 KiB blocks with fread, copies each
 * field once into one record buffer allocated at open, and allocates nothing
 * per record once the field array has grown to the widest record. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "infile.h"

#define BLOCK (1 << 18)
/* SQLite allows at most 2000 columns by default; this bound keeps a record
 * of nothing but delimiters from costing 40 bytes of field array per byte. */
#define MAX_FIELDS 65536
/* The record buffer holds at most the bytes of one record up to the limit,
 * plus one NUL (each other NUL replaces a delimiter), plus up to 3 bytes read
 * past the limit to finish a UTF-8 sequence or the LF of a CRLF inside
 * quotes; SLACK covers both. */
#define SLACK 16

enum { ST_START, ST_UNQ, ST_Q, ST_QQ };

struct smb_csv {
	FILE *f;
	int own;                 /* opened here, so closed here */
	char *name;
	unsigned char delim;
	unsigned char ucls[256]; /* bytes that stop a plain run outside quotes */
	unsigned char qcls[256]; /* same inside quotes */

	unsigned char *buf;      /* BLOCK bytes; buf[pos..len) not yet consumed */
	size_t pos, len;
	long long base;          /* file offset of buf[0] */
	int eof, ioerr, done;
	long line, col;          /* where buf[pos] is */
	int after_cr;            /* a CR was just consumed: a following LF is part of it */

	char *rec;               /* field texts, each NUL-terminated */
	smb_csv_field *fields;
	size_t nf, fcap;
	long rec_line;

	int skip_state;          /* after a refused record: state to skip its rest from, or -1 */

	/* Raw text of the last record: a slice of buf while the record lies in
	 * one block, else gathered in raw (cut at its capacity). */
	int raw_on;
	size_t raw_from;
	char *raw;
	size_t raw_len;
	const char *raw_ptr;
	size_t raw_n;
};

#define RAW_CAP ((size_t)SMB_CSV_MAX_RECORD + SLACK)

static void raw_add(smb_csv *c, const unsigned char *p, size_t n)
{
	if (n > RAW_CAP - c->raw_len)
		n = RAW_CAP - c->raw_len;
	memcpy(c->raw + c->raw_len, p, n);
	c->raw_len += n;
}

/* Ends the raw text of the current record at buf[endpos]. */
static void raw_finish(smb_csv *c, size_t endpos)
{
	if (!c->raw_on)
		return;
	c->raw_on = 0;
	if (c->raw_len == 0) {
		c->raw_ptr = (const char *)c->buf + c->raw_from;
		c->raw_n = endpos - c->raw_from;
		return;
	}
	raw_add(c, c->buf + c->raw_from, endpos - c->raw_from);
	c->raw_ptr = c->raw;
	c->raw_n = c->raw_len;
}

/* Reads the next block. Returns 1, or 0 at end of file or on a read error
 * (ioerr set). The part of the current record still in buf is kept in raw
 * first, since the block is about to be overwritten. */
static int refill(smb_csv *c)
{
	if (c->raw_on) {
		raw_add(c, c->buf + c->raw_from, c->len - c->raw_from);
		c->raw_from = 0;
	}
	c->base += (long long)c->len;
	c->pos = 0;
	c->len = 0;
	if (c->eof)
		return 0;
	c->len = fread(c->buf, 1, BLOCK, c->f);
	if (c->len == 0) {
		c->eof = 1;
		if (ferror(c->f))
			c->ioerr = errno ? errno : EIO;
		return 0;
	}
	return 1;
}

static void set_classes(smb_csv *c)
{
	memset(c->ucls, 0, sizeof c->ucls);
	memset(c->qcls, 0, sizeof c->qcls);
	for (int b = 0x80; b < 256; b++)
		c->ucls[b] = c->qcls[b] = 1;
	c->ucls[0] = c->ucls['\n'] = c->ucls['\r'] = c->ucls['"'] = 1;
	c->qcls[0] = c->qcls['\n'] = c->qcls['\r'] = c->qcls['"'] = 1;
	c->ucls[c->delim] = 1;
}

/* The delimiter of the first non-blank line: the most frequent of , ; tab
 * outside quotes, ',' on a tie. Looks only at the first block. */
static char detect(const smb_csv *c)
{
	size_t i = c->pos, n[3] = { 0, 0, 0 };
	int inq = 0;
	while (i < c->len && (c->buf[i] == '\n' || c->buf[i] == '\r'))
		i++;
	for (; i < c->len; i++) {
		unsigned char b = c->buf[i];
		if (b == '"')
			inq = !inq;
		else if (inq)
			continue;
		else if (b == '\n' || b == '\r')
			break;
		else if (b == ',')
			n[0]++;
		else if (b == ';')
			n[1]++;
		else if (b == '\t')
			n[2]++;
	}
	if (n[1] > n[0] && n[1] >= n[2])
		return ';';
	if (n[2] > n[0] && n[2] > n[1])
		return '\t';
	return ',';
}

smb_csv *smb_csv_from_stream(FILE *f, const char *name, char delimiter,
                             char *err, size_t errlen)
{
	if (!name)
		name = "(stream)";
	unsigned char d = (unsigned char)delimiter;
	if (d == '"' || d == '\n' || d == '\r' || d >= 0x80) {
		snprintf(err, errlen, "%s: the delimiter cannot be a quote, a line end "
		         "or a non-ASCII byte", name);
		return NULL;
	}
	smb_csv *c = calloc(1, sizeof *c);
	if (!c || !(c->name = strdup(name)) || !(c->buf = malloc(BLOCK)) ||
	    !(c->rec = malloc(RAW_CAP)) || !(c->raw = malloc(RAW_CAP)) ||
	    !(c->fields = malloc(64 * sizeof *c->fields))) {
		snprintf(err, errlen, "%s: out of memory", name);
		if (c) {
			free(c->name);
			free(c->buf);
			free(c->rec);
			free(c->raw);
			free(c);
		}
		return NULL;
	}
	c->f = f;
	c->fcap = 64;
	c->line = 1;
	c->col = 1;
	c->skip_state = -1;
	refill(c);
	if (c->ioerr) {
		snprintf(err, errlen, "%s: %s", name, strerror(c->ioerr));
		smb_csv_close(c);
		return NULL;
	}
	/* The BOM is not text: it is consumed but moves no column. */
	if (c->len >= 3 && c->buf[0] == 0xEF && c->buf[1] == 0xBB && c->buf[2] == 0xBF)
		c->pos = 3;
	c->delim = d ? d : (unsigned char)detect(c);
	set_classes(c);
	return c;
}

smb_csv *smb_csv_open(const char *path, char delimiter, char *err, size_t errlen)
{
	FILE *f = smb_infile_open(path, err, errlen);
	if (!f)
		return NULL;
	smb_csv *c = smb_csv_from_stream(f, path, delimiter, err, errlen);
	if (!c) {
		fclose(f);
		return NULL;
	}
	c->own = 1;
	return c;
}

void smb_csv_close(smb_csv *c)
{
	if (!c)
		return;
	if (c->own && c->f)
		fclose(c->f);
	free(c->name);
	free(c->buf);
	free(c->rec);
	free(c->raw);
	free(c->fields);
	free(c);
}

char smb_csv_delimiter(const smb_csv *c) { return (char)c->delim; }
const char *smb_csv_name(const smb_csv *c) { return c->name; }
long smb_csv_record_line(const smb_csv *c) { return c->rec_line; }
long long smb_csv_offset(const smb_csv *c) { return c->base + (long long)c->pos; }

const char *smb_csv_raw(const smb_csv *c, size_t *len)
{
	if (len)
		*len = c->raw_ptr ? c->raw_n : 0;
	return c->raw_ptr ? c->raw_ptr : "";
}

static void show_byte(unsigned char b, char out[16])
{
	if (b >= 0x20 && b < 0x7f)
		snprintf(out, 16, "'%c'", b);
	else
		snprintf(out, 16, "byte 0x%02X", b);
}

/* Consumes the rest of a refused record without keeping or checking it, so
 * the next read starts at the next record (--skip-bad). Only the quote state
 * and the line count are followed. */
static void skip_rest(smb_csv *c)
{
	int st = c->skip_state;
	c->skip_state = -1;
	for (;;) {
		if (c->pos == c->len && !refill(c)) {
			raw_finish(c, c->pos);
			c->done = 1;
			return;
		}
		unsigned char b = c->buf[c->pos];
		if (c->after_cr) {
			c->after_cr = 0;
			if (b == '\n' && st == ST_Q) {
				c->pos++;
				continue;
			}
		}
		if (st == ST_Q) {
			if (b == '"')
				st = ST_QQ;
			else if (b == '\n')
				c->line++;
			else if (b == '\r') {
				c->line++;
				c->after_cr = 1;
			}
			c->pos++;
			continue;
		}
		if (b == '\n' || b == '\r') {
			raw_finish(c, c->pos);
			c->pos++;
			c->line++;
			c->col = 1;
			c->after_cr = b == '\r';
			return;
		}
		if (b == c->delim)
			st = ST_START;
		else if (b == '"' && (st == ST_START || st == ST_QQ))
			st = ST_Q;
		else
			st = ST_UNQ;
		c->pos++;
	}
}

/* Position in the block of the record limit, or len when it lies beyond. */
static size_t limit_in_block(const smb_csv *c, long long limit, size_t len)
{
	long long room = limit - c->base;
	return room < (long long)len ? (room < 0 ? 0 : (size_t)room) : len;
}

/* Parses one record starting at buf[pos], which is not a line end. The hot
 * loop keeps its position in locals and writes them back around refills. */
static int parse_record(smb_csv *c, char *err, size_t errlen)
{
	const unsigned char *buf = c->buf;
	const unsigned char *ucls = c->ucls, *qcls = c->qcls;
	const unsigned char delim = c->delim;
	size_t pos = c->pos, len = c->len;
	long line = c->line, col = c->col;
	char *o = c->rec;
	smb_csv_field *f = NULL;
	int st = ST_START;
	int u8need = 0;
	unsigned char u8lo = 0, u8hi = 0;
	long u8line = 0, u8col = 0;
	const char *why = NULL;
	char what[96];
	long eline = 0, ecol = 0;

	c->nf = 0;
	c->rec_line = line;
	c->raw_on = 1;
	c->raw_len = 0;
	c->raw_from = pos;
	/* Bytes at file offsets below limit may be read for this record; at
	 * the limit only its line end. */
	const long long limit = c->base + (long long)pos + SMB_CSV_MAX_RECORD;

	/* end: how far the plain runs may go in this block, the lesser of the
	 * block's end and the record limit. */
	size_t end = limit_in_block(c, limit, len);
	for (;;) {
		if (pos >= end) {
			if (pos == len) {
				c->pos = pos;
				if (!refill(c))
					goto at_eof;
				pos = 0;
				len = c->len;
				end = limit_in_block(c, limit, len);
				/* What was cut by the block's end: a UTF-8 sequence, or
				 * the LF of a CRLF inside quotes. */
				while (u8need && pos < len) {
					unsigned char b = buf[pos];
					if (b < u8lo || b > u8hi)
						goto bad_sequence;
					*o++ = (char)b;
					pos++;
					u8lo = 0x80;
					u8hi = 0xBF;
					u8need--;
				}
				if (c->after_cr) {
					c->after_cr = 0;
					if (buf[pos] == '\n') {
						*o++ = '\n';
						pos++;
					}
				}
				continue;
			}
			/* At the limit only the record's own line end may follow. */
			if (c->base + (long long)pos == limit && st != ST_Q &&
			    (buf[pos] == '\n' || buf[pos] == '\r')) {
				end = pos + 1;
			} else {
				snprintf(what, sizeof what, "record is longer than %d bytes",
				         SMB_CSV_MAX_RECORD);
				why = what;
				eline = line;
				ecol = col;
				goto too_long;
			}
		}
		unsigned char b;
		switch (st) {
		case ST_START:
			if (c->nf == c->fcap) {
				if (c->fcap >= MAX_FIELDS) {
					snprintf(what, sizeof what, "record has more than %d fields",
					         MAX_FIELDS);
					why = what;
					eline = line;
					ecol = col;
					goto fail;
				}
				smb_csv_field *nfld = realloc(c->fields, 2 * c->fcap * sizeof *nfld);
				if (!nfld) {
					why = "out of memory";
					eline = line;
					ecol = col;
					goto fail;
				}
				c->fields = nfld;
				c->fcap *= 2;
			}
			f = &c->fields[c->nf++];
			f->text = o;
			f->line = line;
			f->column = col;
			f->quoted = buf[pos] == '"';
			if (f->quoted) {
				pos++;
				col++;
				st = ST_Q;
				continue;
			}
			st = ST_UNQ;
			/* fall through */
		case ST_UNQ: {
			const unsigned char *p = buf + pos, *e = buf + end, *p0 = p;
			while (p < e && !ucls[*p])
				*o++ = (char)*p++;
			col += p - p0;
			pos = (size_t)(p - buf);
			if (p == e)
				continue;
			b = *p;
			if (b == delim) {
				f->len = (size_t)(o - f->text);
				*o++ = '\0';
				pos++;
				col++;
				st = ST_START;
				continue;
			}
			if (b == '\n' || b == '\r')
				goto record_end;
			if (b == '"') {
				/* A quote inside an unquoted field is taken as text, as
				 * spreadsheets and sqlite3 do. */
				*o++ = '"';
				pos++;
				col++;
				continue;
			}
			break;   /* NUL or non-ASCII: below */
		}
		case ST_Q: {
			const unsigned char *p = buf + pos, *e = buf + end, *p0 = p;
			while (p < e && !qcls[*p])
				*o++ = (char)*p++;
			col += p - p0;
			pos = (size_t)(p - buf);
			if (p == e)
				continue;
			b = *p;
			if (b == '"') {
				pos++;
				col++;
				st = ST_QQ;
				continue;
			}
			if (b == '\n' || b == '\r') {
				*o++ = (char)b;
				pos++;
				line++;
				col = 1;
				if (b == '\r') {
					if (pos < len && buf[pos] == '\n') {
						*o++ = '\n';
						pos++;
					} else if (pos == len) {
						c->after_cr = 1;
					}
				}
				continue;
			}
			break;   /* NUL or non-ASCII: below */
		}
		default: /* ST_QQ: just after a quote inside a quoted field */
			b = buf[pos];
			if (b == '"') {
				*o++ = '"';
				pos++;
				col++;
				st = ST_Q;
				continue;
			}
			if (b == delim) {
				f->len = (size_t)(o - f->text);
				*o++ = '\0';
				pos++;
				col++;
				st = ST_START;
				continue;
			}
			if (b == '\n' || b == '\r')
				goto record_end;
			{
				char shown[16];
				show_byte(b, shown);
				snprintf(what, sizeof what, "%s after the closing quote of a field "
				         "(a quote inside quotes must be doubled)", shown);
			}
			why = what;
			eline = line;
			ecol = col;
			goto fail;
		}

		/* NUL or a byte >= 0x80, in or out of quotes. */
		if (b == 0) {
			why = "NUL byte in the text (is the file UTF-16 or binary?)";
			eline = line;
			ecol = col;
			goto fail;
		}
		if (b < 0xC2 || b > 0xF4) {
			snprintf(what, sizeof what, "invalid UTF-8 byte 0x%02X (save the file as UTF-8)", b);
			why = what;
			eline = line;
			ecol = col;
			goto fail;
		}
		/* Valid leads and the range of the byte after them, which rules out
		 * overlong forms, surrogates and values past U+10FFFF. */
		u8lo = 0x80;
		u8hi = 0xBF;
		if (b <= 0xDF) {
			u8need = 1;
		} else if (b <= 0xEF) {
			u8need = 2;
			if (b == 0xE0)
				u8lo = 0xA0;
			else if (b == 0xED)
				u8hi = 0x9F;
		} else {
			u8need = 3;
			if (b == 0xF0)
				u8lo = 0x90;
			else if (b == 0xF4)
				u8hi = 0x8F;
		}
		*o++ = (char)b;
		u8line = line;
		u8col = col;
		pos++;
		col++;
		while (u8need && pos < len) {
			b = buf[pos];
			if (b < u8lo || b > u8hi)
				goto bad_sequence;
			*o++ = (char)b;
			pos++;
			u8lo = 0x80;
			u8hi = 0xBF;
			u8need--;
		}
	}

bad_sequence:
	why = "invalid UTF-8 sequence (save the file as UTF-8)";
	eline = u8line;
	ecol = u8col;
	goto fail;

record_end:
	/* buf[pos] is the line end; it is consumed but not part of the record. */
	f->len = (size_t)(o - f->text);
	*o = '\0';
	raw_finish(c, pos);
	/* CRLF is one line end; when the LF is still to come it is taken at
	 * the start of the next read. */
	c->after_cr = 0;
	if (buf[pos] == '\r') {
		if (pos + 1 < len && buf[pos + 1] == '\n')
			pos++;
		else
			c->after_cr = 1;
	}
	c->pos = pos + 1;
	c->line = line + 1;
	c->col = 1;
	return 1;

at_eof:
	/* refill() already moved the record's bytes into raw. */
	if (c->ioerr) {
		c->done = 1;
		raw_finish(c, 0);
		snprintf(err, errlen, "%s:%ld:%ld: read error: %s", c->name, line, col,
		         strerror(c->ioerr));
		return -1;
	}
	if (u8need) {
		c->done = 1;
		raw_finish(c, 0);
		snprintf(err, errlen, "%s:%ld:%ld: invalid UTF-8 sequence cut short by the "
		         "end of the file", c->name, u8line, u8col);
		return -1;
	}
	if (st == ST_Q) {
		c->done = 1;
		raw_finish(c, 0);
		snprintf(err, errlen, "%s:%ld:%ld: quoted field is not closed before the "
		         "end of the file", c->name, f->line, f->column);
		return -1;
	}
	if (st == ST_START) {
		/* "a,b," then end of file: the last field is empty. The record
		 * had a delimiter, so at least one field is already there. */
		if (c->nf == c->fcap) {
			why = "record has too many fields";
			eline = line;
			ecol = col;
			goto fail;
		}
		f = &c->fields[c->nf++];
		f->text = o;
		f->line = line;
		f->column = col;
		f->quoted = 0;
	}
	f->len = (size_t)(o - f->text);
	*o = '\0';
	raw_finish(c, 0);
	c->line = line;
	c->col = col;
	return 1;

too_long:
	/* Stop here, holding no more than the limit; the rest of the record is
	 * skipped by the next read. */
	c->pos = pos;
	c->line = line;
	c->col = col;
	raw_finish(c, pos);
	c->skip_state = st;
	snprintf(err, errlen, "%s:%ld:%ld: %s", c->name, eline, ecol, why);
	return -1;

fail:
	c->pos = pos;
	c->line = line;
	c->col = col;
	c->after_cr = 0;
	/* The offending byte is left in place; skipping reads it as plain text,
	 * and text after a closing quote as an unquoted field would be. */
	c->skip_state = st == ST_QQ ? ST_UNQ : st;
	snprintf(err, errlen, "%s:%ld:%ld: %s", c->name, eline, ecol, why);
	skip_rest(c);
	return -1;
}

int smb_csv_read(smb_csv *c, smb_csv_field **fields, size_t *nfields,
                 char *err, size_t errlen)
{
	*fields = c->fields;
	*nfields = 0;
	c->nf = 0;
	if (c->skip_state >= 0) {
		c->raw_on = 0;
		skip_rest(c);
	}
	if (c->done)
		return 0;
	/* Empty lines are not records. */
	for (;;) {
		if (c->pos == c->len && !refill(c)) {
			c->done = 1;
			if (c->ioerr) {
				snprintf(err, errlen, "%s:%ld:%ld: read error: %s", c->name,
				         c->line, c->col, strerror(c->ioerr));
				return -1;
			}
			return 0;
		}
		unsigned char b = c->buf[c->pos];
		if (c->after_cr) {
			c->after_cr = 0;
			if (b == '\n') {
				c->pos++;
				continue;
			}
		}
		if (b == '\n' || b == '\r') {
			c->pos++;
			c->line++;
			c->after_cr = b == '\r';
			continue;
		}
		break;
	}
	int r = parse_record(c, err, errlen);
	*fields = c->fields;
	*nfields = r == 1 ? c->nf : 0;
	return r;
}

/* A number as a spreadsheet reads it: plain digits with one optional sign,
 * decimal point (or comma) and exponent, nothing else (no inf, nan, hex). */
static int plain_number(const char *s, int decimal_comma)
{
	const char *p = s;
	int digits = 0;

	if (*p == '+' || *p == '-')
		p++;
	for (; isdigit((unsigned char)*p); p++)
		digits++;
	if (*p == (decimal_comma ? ',' : '.'))
		for (p++; isdigit((unsigned char)*p); p++)
			digits++;
	if (!digits)
		return 0;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!isdigit((unsigned char)*p))
			return 0;
		while (isdigit((unsigned char)*p))
			p++;
	}
	return *p == '\0';
}

int smb_formula_guard(const char *s, int decimal_comma)
{
	if (!s || !strchr("=+-@\t\r", s[0]) || s[0] == '\0')
		return 0;
	return !plain_number(s, decimal_comma);
}

void smb_csv_write_field(FILE *f, const char *s, char delimiter)
{
	if (!s)
		return;
	/* A file that separates with ';' writes decimals with ','. */
	if (smb_formula_guard(s, delimiter == ';')) {
		size_t len = strlen(s) + 2;
		char *q = malloc(len);
		if (q) {
			q[0] = '\'';
			memcpy(q + 1, s, len - 1);
			smb_csv_write_field(f, q, delimiter);
			free(q);
			return;
		}
	}
	if (!strchr(s, '"') && !strchr(s, '\n') && !strchr(s, '\r') &&
	    !(delimiter && strchr(s, delimiter))) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}
