/* core/util/csv.c — the streaming RFC 4180 reader behind every import. It is the
 * hot path of big imports, so it reads 256 KiB blocks with fread, copies each
 * field once into one record buffer allocated at open, and allocates nothing
 * per record once the field array has grown to the widest record. */
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
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

/* One record being parsed. The parser is a loop over four states (START of a
 * field, an UNQuoted field, inside Quotes, just after a Quote inside Quotes);
 * each state is a function below that consumes what it can and says what
 * happened. The cursor keeps the position and the output out of smb_csv so
 * the plain runs, the hot path of big imports, work on a local structure. */
typedef struct cursor {
	smb_csv *c;
	const unsigned char *buf;
	size_t pos, len, end;   /* buf[pos..end): what plain runs may take */
	long long limit;        /* file offset where the record must end */
	long line, col;         /* where buf[pos] is */
	char *o;                /* next byte of field text */
	smb_csv_field *f;       /* the field being read */
	int st;
	int u8need;             /* continuation bytes of a UTF-8 sequence still due */
	unsigned char u8lo, u8hi;   /* the range of the next one */
	long u8line, u8col;     /* where the sequence began */
	const char *why;        /* a refused record: why, and where */
	char what[128];
	long eline, ecol;
} cursor;

/* What a step did: go on, or how the record ended. */
enum { GO, LINE_END, END_OF_FILE, TOO_LONG, REFUSED, OTHER_BYTE };

static int refuse(cursor *k, long line, long col, const char *why)
{
	k->why = why;
	k->eline = line;
	k->ecol = col;
	return REFUSED;
}

/* Copies the continuation bytes of a UTF-8 sequence that are in the block. */
static int utf8_continue(cursor *k)
{
	while (k->u8need && k->pos < k->len) {
		unsigned char b = k->buf[k->pos];
		if (b < k->u8lo || b > k->u8hi)
			return refuse(k, k->u8line, k->u8col, "invalid UTF-8 sequence (save the file as UTF-8)");
		*k->o++ = (char)b;
		k->pos++;
		k->u8lo = 0x80;
		k->u8hi = 0xBF;
		k->u8need--;
	}
	return GO;
}

/* end, the lesser of the block's end and the record limit, is reached:
 * read the next block and finish what its end cut (a UTF-8 sequence, the
 * LF of a CRLF inside quotes), or let only the line end pass the limit. */
static int at_end(cursor *k)
{
	smb_csv *c = k->c;
	if (k->pos == k->len) {
		c->pos = k->pos;
		if (!refill(c))
			return END_OF_FILE;
		k->pos = 0;
		k->len = c->len;
		k->end = limit_in_block(c, k->limit, k->len);
		if (utf8_continue(k) != GO)
			return REFUSED;
		if (c->after_cr) {
			c->after_cr = 0;
			if (k->buf[k->pos] == '\n') {
				*k->o++ = '\n';
				k->pos++;
			}
		}
		return GO;
	}
	if (c->base + (long long)k->pos == k->limit && k->st != ST_Q &&
	    (k->buf[k->pos] == '\n' || k->buf[k->pos] == '\r')) {
		k->end = k->pos + 1;
		return GO;
	}
	snprintf(k->what, sizeof k->what, "record is longer than %d bytes", SMB_CSV_MAX_RECORD);
	refuse(k, k->line, k->col, k->what);
	return TOO_LONG;
}

static void field_end(cursor *k)
{
	k->f->len = (size_t)(k->o - k->f->text);
	*k->o++ = '\0';
	k->pos++;
	k->col++;
	k->st = ST_START;
}

static int field_start(cursor *k)
{
	smb_csv *c = k->c;
	if (c->nf == c->fcap) {
		if (c->fcap >= MAX_FIELDS) {
			snprintf(k->what, sizeof k->what, "record has more than %d fields", MAX_FIELDS);
			return refuse(k, k->line, k->col, k->what);
		}
		smb_csv_field *nfld = realloc(c->fields, 2 * c->fcap * sizeof *nfld);
		if (!nfld)
			return refuse(k, k->line, k->col, "out of memory");
		c->fields = nfld;
		c->fcap *= 2;
	}
	k->f = &c->fields[c->nf++];
	k->f->text = k->o;
	k->f->line = k->line;
	k->f->column = k->col;
	k->f->quoted = k->buf[k->pos] == '"';
	if (k->f->quoted) {
		k->pos++;
		k->col++;
		k->st = ST_Q;
	} else {
		k->st = ST_UNQ;
	}
	return GO;
}

/* A plain run of bytes the class table lets through, copied as they are. */
static unsigned char run(cursor *k, const unsigned char *cls)
{
	const unsigned char *p = k->buf + k->pos, *e = k->buf + k->end, *p0 = p;
	char *o = k->o;
	while (p < e && !cls[*p])
		*o++ = (char)*p++;
	k->o = o;
	k->col += p - p0;
	k->pos = (size_t)(p - k->buf);
	return p < e;
}

static int unquoted(cursor *k)
{
	if (!run(k, k->c->ucls))
		return GO;
	unsigned char b = k->buf[k->pos];
	if (b == k->c->delim) {
		field_end(k);
		return GO;
	}
	if (b == '\n' || b == '\r')
		return LINE_END;
	if (b == '"') {
		/* A quote inside an unquoted field is taken as text, as
		 * spreadsheets and sqlite3 do. */
		*k->o++ = '"';
		k->pos++;
		k->col++;
		return GO;
	}
	return OTHER_BYTE;
}

static int quoted(cursor *k)
{
	if (!run(k, k->c->qcls))
		return GO;
	unsigned char b = k->buf[k->pos];
	if (b == '"') {
		k->pos++;
		k->col++;
		k->st = ST_QQ;
		return GO;
	}
	if (b == '\n' || b == '\r') {
		/* a line end inside quotes is text; CRLF stays CRLF */
		*k->o++ = (char)b;
		k->pos++;
		k->line++;
		k->col = 1;
		if (b == '\r') {
			if (k->pos < k->len && k->buf[k->pos] == '\n') {
				*k->o++ = '\n';
				k->pos++;
			} else if (k->pos == k->len) {
				k->c->after_cr = 1;
			}
		}
		return GO;
	}
	return OTHER_BYTE;
}

/* Just after a quote inside a quoted field: a doubled quote, the end of the
 * field, or the end of the record; anything else is refused. */
static int after_quote(cursor *k)
{
	unsigned char b = k->buf[k->pos];
	char shown[16];
	if (b == '"') {
		*k->o++ = '"';
		k->pos++;
		k->col++;
		k->st = ST_Q;
		return GO;
	}
	if (b == k->c->delim) {
		field_end(k);
		return GO;
	}
	if (b == '\n' || b == '\r')
		return LINE_END;
	show_byte(b, shown);
	snprintf(k->what, sizeof k->what, "%s after the closing quote of a field "
	         "(a quote inside quotes must be doubled)", shown);
	return refuse(k, k->line, k->col, k->what);
}

/* NUL or a byte >= 0x80, in or out of quotes: the lead of a UTF-8 sequence,
 * checked with the range of the byte after it, which rules out overlong
 * forms, surrogates and values past U+10FFFF. */
static int other_byte(cursor *k)
{
	unsigned char b = k->buf[k->pos];
	if (b == 0)
		return refuse(k, k->line, k->col, "NUL byte in the text (is the file UTF-16 or binary?)");
	if (b < 0xC2 || b > 0xF4) {
		snprintf(k->what, sizeof k->what, "invalid UTF-8 byte 0x%02X (save the file as UTF-8)", b);
		return refuse(k, k->line, k->col, k->what);
	}
	k->u8lo = 0x80;
	k->u8hi = 0xBF;
	if (b <= 0xDF) {
		k->u8need = 1;
	} else if (b <= 0xEF) {
		k->u8need = 2;
		if (b == 0xE0)
			k->u8lo = 0xA0;
		else if (b == 0xED)
			k->u8hi = 0x9F;
	} else {
		k->u8need = 3;
		if (b == 0xF0)
			k->u8lo = 0x90;
		else if (b == 0xF4)
			k->u8hi = 0x8F;
	}
	*k->o++ = (char)b;
	k->u8line = k->line;
	k->u8col = k->col;
	k->pos++;
	k->col++;
	return utf8_continue(k);
}

/* buf[pos] is the line end: consumed, not part of the record. CRLF is one
 * line end; when the LF is still to come it is taken at the next read. */
static int end_at_line(cursor *k)
{
	smb_csv *c = k->c;
	size_t pos = k->pos;
	k->f->len = (size_t)(k->o - k->f->text);
	*k->o = '\0';
	raw_finish(c, pos);
	c->after_cr = 0;
	if (k->buf[pos] == '\r') {
		if (pos + 1 < k->len && k->buf[pos + 1] == '\n')
			pos++;
		else
			c->after_cr = 1;
	}
	c->pos = pos + 1;
	c->line = k->line + 1;
	c->col = 1;
	return 1;
}

/* The file ended inside the record (refill() already kept its bytes). */
static int end_at_eof(cursor *k, char *err, size_t errlen)
{
	smb_csv *c = k->c;
	const char *cut = NULL;
	long line = k->line, col = k->col;
	c->done = 1;
	if (c->ioerr) {
		raw_finish(c, 0);
		snprintf(err, errlen, "%s:%ld:%ld: read error: %s", c->name, line, col, strerror(c->ioerr));
		return -1;
	}
	if (k->u8need) {
		cut = "invalid UTF-8 sequence cut short by the end of the file";
		line = k->u8line;
		col = k->u8col;
	} else if (k->st == ST_Q) {
		cut = "quoted field is not closed before the end of the file";
		line = k->f->line;
		col = k->f->column;
	}
	if (cut) {
		raw_finish(c, 0);
		snprintf(err, errlen, "%s:%ld:%ld: %s", c->name, line, col, cut);
		return -1;
	}
	if (k->st == ST_START) {
		/* "a,b," then end of file: the last field is empty. The record
		 * had a delimiter, so at least one field is already there. */
		if (c->nf == c->fcap) {
			c->done = 0;
			refuse(k, k->line, k->col, "record has too many fields");
			return 0;
		}
		k->f = &c->fields[c->nf++];
		k->f->text = k->o;
		k->f->line = k->line;
		k->f->column = k->col;
		k->f->quoted = 0;
	}
	k->f->len = (size_t)(k->o - k->f->text);
	*k->o = '\0';
	raw_finish(c, 0);
	c->line = k->line;
	c->col = k->col;
	return 1;
}

/* A refused record: too long stops here, holding no more than the limit,
 * and the next read skips its rest; any other fault leaves the offending
 * byte in place and skips the rest now (as plain text, and text after a
 * closing quote as an unquoted field would be). */
static int end_refused(cursor *k, int too_long, char *err, size_t errlen)
{
	smb_csv *c = k->c;
	c->pos = k->pos;
	c->line = k->line;
	c->col = k->col;
	snprintf(err, errlen, "%s:%ld:%ld: %s", c->name, k->eline, k->ecol, k->why);
	if (too_long) {
		raw_finish(c, k->pos);
		c->skip_state = k->st;
		return -1;
	}
	c->after_cr = 0;
	c->skip_state = k->st == ST_QQ ? ST_UNQ : k->st;
	skip_rest(c);
	return -1;
}

/* Parses one record starting at buf[pos], which is not a line end. */
static int parse_record(smb_csv *c, char *err, size_t errlen)
{
	cursor k;
	int r;

	memset(&k, 0, offsetof(cursor, what));
	k.c = c;
	k.buf = c->buf;
	k.pos = c->pos;
	k.len = c->len;
	k.line = c->line;
	k.col = c->col;
	k.o = c->rec;
	k.st = ST_START;
	c->nf = 0;
	c->rec_line = k.line;
	c->raw_on = 1;
	c->raw_len = 0;
	c->raw_from = k.pos;
	/* Bytes at file offsets below limit may be read for this record; at
	 * the limit only its line end. */
	k.limit = c->base + (long long)k.pos + SMB_CSV_MAX_RECORD;
	k.end = limit_in_block(c, k.limit, k.len);
	for (;;) {
		if (k.pos >= k.end)
			r = at_end(&k);
		else if (k.st == ST_START)
			r = field_start(&k);
		else if (k.st == ST_UNQ)
			r = unquoted(&k);
		else if (k.st == ST_Q)
			r = quoted(&k);
		else
			r = after_quote(&k);
		if (r == OTHER_BYTE)
			r = other_byte(&k);
		switch (r) {
		case GO:
			continue;
		case LINE_END:
			return end_at_line(&k);
		case END_OF_FILE:
			if ((r = end_at_eof(&k, err, errlen)) != 0)
				return r;
			return end_refused(&k, 0, err, errlen);
		case TOO_LONG:
			return end_refused(&k, 1, err, errlen);
		default:
			return end_refused(&k, 0, err, errlen);
		}
	}
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
