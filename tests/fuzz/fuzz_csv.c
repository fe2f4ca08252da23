/* tests/fuzz/fuzz_csv.c — libFuzzer target for the CSV reader (core/util/csv.c)
 * and the cell parsers an import applies to its fields. Besides memory
 * errors it checks the reader's promises and that a record written back with
 * smb_csv_write_field reads back as the same fields. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "number.h"
#include "period.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken promise is a crash, so that libFuzzer keeps the input. */
#define CHECK(cond, ...)                                                      \
	do {                                                                  \
		if (!(cond)) {                                                \
			fprintf(stderr, "fuzz_csv: %s: ", #cond);             \
			fprintf(stderr, __VA_ARGS__);                         \
			fputc('\n', stderr);                                  \
			abort();                                              \
		}                                                             \
	} while (0)

/* The reader refuses invalid UTF-8, so every field it returns is valid. */
static int valid_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char b = s[i];
		size_t need;
		unsigned char lo = 0x80, hi = 0xBF;
		if (b < 0x80) {
			i++;
			continue;
		}
		if (b < 0xC2 || b > 0xF4)
			return 0;
		need = b <= 0xDF ? 1 : b <= 0xEF ? 2 : 3;
		if (b == 0xE0)
			lo = 0xA0;
		else if (b == 0xED)
			hi = 0x9F;
		else if (b == 0xF0)
			lo = 0x90;
		else if (b == 0xF4)
			hi = 0x8F;
		if (need > n - i - 1)
			return 0;
		for (size_t k = 1; k <= need; k++) {
			unsigned char c = s[i + k];
			if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF))
				return 0;
		}
		i += need + 1;
	}
	return 1;
}

/* The first byte of the input is not part of the file: one of , ; tab | :
 * or space forces that delimiter, anything else (a seed starts with a line
 * end) lets the reader detect it. */
static char pick_delimiter(unsigned char b)
{
	return b == ',' || b == ';' || b == '\t' || b == '|' || b == ':' || b == ' ' ? (char)b : 0;
}

/* Fields of one good record, copied, to compare after writing them back. */
typedef struct rec {
	size_t n;
	char **text;
	size_t *len;
} rec;

static void rec_free(rec *r, size_t nrec)
{
	for (size_t i = 0; i < nrec; i++) {
		for (size_t k = 0; k < r[i].n; k++)
			free(r[i].text[k]);
		free(r[i].text);
		free(r[i].len);
	}
	free(r);
}

static void check_cells(const smb_csv_field *f)
{
	double v;
	size_t bad;
	char err[256];
	smb_period p;
	long long ll;

	for (int comma = 0; comma < 2; comma++) {
		bad = (size_t)-1;
		if (smb_number_parse(f->text, comma, &v, &bad, err, sizeof err) == 0)
			CHECK(isfinite(v), "'%s' parsed to a non-finite number", f->text);
		else
			CHECK(bad <= f->len, "bad offset %zu past the end of '%s'", bad, f->text);
	}
	if (smb_integer_parse(f->text, -1000000, 1000000, &ll, &bad, err, sizeof err) == 0)
		CHECK(ll >= -1000000 && ll <= 1000000, "'%s' out of range: %lld", f->text, ll);
	if (smb_period_parse(f->text, &p, err, sizeof err) == 0) {
		char back[SMB_PERIOD_TEXT];
		smb_period_format(&p, back);
		CHECK(strcmp(back, f->text) == 0, "period '%s' formats as '%s'", f->text, back);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[1024];
	FILE *in, *out;
	smb_csv *c;
	smb_csv_field *fields;
	size_t nfields, nrec = 0, cap = 0;
	rec *recs = NULL;
	char delim;
	char *copy = NULL;
	size_t copylen = 0;
	long prev_line = 0;
	long long prev_off = -1;
	int r, guard = 0;

	if (size < 1)
		return 0;
	delim = pick_delimiter(data[0]);
	data++;
	size--;
	/* fmemopen refuses a zero-size buffer; an empty file is a case too. */
	in = size ? fmemopen((void *)data, size, "rb") : fopen("/dev/null", "rb");
	if (!in)
		return 0;
	c = smb_csv_from_stream(in, "fuzz.csv", delim, err, sizeof err);
	if (!c) {
		fclose(in);
		return 0;
	}
	while ((r = smb_csv_read(c, &fields, &nfields, err, sizeof err)) != 0) {
		long long off = smb_csv_offset(c);
		size_t rawlen;
		/* Each read consumes input, so reading ends. */
		CHECK(off > prev_off || ++guard < 4, "no progress at offset %lld", off);
		if (off > prev_off)
			guard = 0;
		prev_off = off;
		CHECK(off <= (long long)size, "offset %lld past the end (%zu)", off, size);
		smb_csv_raw(c, &rawlen);
		CHECK(rawlen <= (size_t)SMB_CSV_MAX_RECORD + 16, "raw text of %zu bytes", rawlen);
		if (r < 0) {
			CHECK(strncmp(err, "fuzz.csv:", 9) == 0, "message does not name the file: %s", err);
			CHECK(nfields == 0, "a refused record has %zu fields", nfields);
			continue;
		}
		CHECK(r == 1, "read returned %d", r);
		CHECK(nfields >= 1, "a record without fields");
		CHECK(smb_csv_record_line(c) >= prev_line, "record line went back");
		prev_line = smb_csv_record_line(c);
		for (size_t i = 0; i < nfields; i++) {
			const smb_csv_field *f = &fields[i];
			CHECK(strlen(f->text) == f->len, "field %zu: NUL inside or wrong length", i);
			CHECK(f->len <= (size_t)SMB_CSV_MAX_RECORD, "field %zu longer than a record", i);
			CHECK(valid_utf8((const unsigned char *)f->text, f->len), "field %zu is not UTF-8", i);
			CHECK(f->line >= smb_csv_record_line(c) && f->column >= 1, "field %zu at %ld:%ld", i, f->line,
			      f->column);
			if (f->len < 64)
				check_cells(f);
		}
		if (nrec == cap) {
			rec *nv = realloc(recs, (cap = cap ? 2 * cap : 16) * sizeof *nv);
			CHECK(nv != NULL, "out of memory");
			recs = nv;
		}
		recs[nrec].n = nfields;
		recs[nrec].text = calloc(nfields, sizeof(char *));
		recs[nrec].len = calloc(nfields, sizeof(size_t));
		CHECK(recs[nrec].text && recs[nrec].len, "out of memory");
		for (size_t i = 0; i < nfields; i++) {
			recs[nrec].text[i] = strdup(fields[i].text);
			CHECK(recs[nrec].text[i] != NULL, "out of memory");
			recs[nrec].len[i] = fields[i].len;
		}
		nrec++;
	}
	delim = smb_csv_delimiter(c);
	smb_csv_close(c);
	fclose(in);

	/* Write the good records back (after a BOM, which the reader eats, so a
	 * first field that starts with U+FEFF survives) and read them again. */
	if (nrec == 0 || size > (1 << 16)) {
		rec_free(recs, nrec);
		return 0;
	}
	out = open_memstream(&copy, &copylen);
	CHECK(out != NULL, "open_memstream");
	fputs("\xEF\xBB\xBF", out);
	for (size_t i = 0; i < nrec; i++) {
		/* A record of one empty field would be an empty line, which is
		 * no record at all; quoted, it stays one. */
		if (recs[i].n == 1 && recs[i].len[0] == 0)
			fputs("\"\"", out);
		for (size_t k = 0; k < recs[i].n; k++) {
			if (k)
				fputc(delim, out);
			smb_csv_write_field(out, recs[i].text[k], delim);
		}
		fputc('\n', out);
	}
	fclose(out);
	in = fmemopen(copy, copylen, "rb");
	CHECK(in != NULL, "fmemopen");
	c = smb_csv_from_stream(in, "copy.csv", delim, err, sizeof err);
	CHECK(c != NULL, "reopening: %s", err);
	for (size_t i = 0; i < nrec; i++) {
		r = smb_csv_read(c, &fields, &nfields, err, sizeof err);
		CHECK(r == 1, "record %zu written back does not read: %s", i, r < 0 ? err : "end of file");
		CHECK(nfields == recs[i].n, "record %zu: %zu fields, written %zu", i, nfields, recs[i].n);
		for (size_t k = 0; k < nfields; k++) {
			/* a cell a spreadsheet would run as a formula comes back with
			 * the ' the writer put before it (smb_formula_guard) */
			size_t g = smb_formula_guard(recs[i].text[k], delim == ';') ? 1 : 0;
			CHECK(fields[k].len == recs[i].len[k] + g && (!g || fields[k].text[0] == '\'') &&
			      memcmp(fields[k].text + g, recs[i].text[k], recs[i].len[k]) == 0,
			      "record %zu field %zu: read '%s', written '%s'", i, k, fields[k].text, recs[i].text[k]);
		}
	}
	r = smb_csv_read(c, &fields, &nfields, err, sizeof err);
	CHECK(r == 0, "more records read back than written");
	smb_csv_close(c);
	fclose(in);
	free(copy);
	rec_free(recs, nrec);
	return 0;
}
