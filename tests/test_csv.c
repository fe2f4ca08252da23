/* tests/test_csv.c — the CSV reader: every field's text and position in
 * tricky files (tests/csv/), delimiter detection, exact error positions and
 * recovery after them, block boundaries, the record limit, real exported data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "escape.h"
#include "number.h"
#include "tap.h"

/* The reader's block size; the boundary sweep below centres on it. */
#define BLOCK (1 << 18)

struct want {
	const char *text;
	const char *where;   /* "LINE:COLUMN" and " q" when quoted */
};

static char fixture_dir[4096];

static const char *fixture(const char *name)
{
	static char path[4200];
	snprintf(path, sizeof path, "%s/%s", fixture_dir, name);
	return path;
}

/* A field text fit for a one-line TAP description. */
static const char *visible(const char *s)
{
	static char out[128];
	size_t k = 0;
	for (; *s && k + 3 < sizeof out; s++) {
		if (*s == '\n' || *s == '\r') {
			out[k++] = '\\';
			out[k++] = *s == '\n' ? 'n' : 'r';
		} else {
			out[k++] = *s;
		}
	}
	out[k] = '\0';
	return out;
}

/* Reads one record and asserts its line, fields, their texts and positions. */
static void expect_record(smb_csv *c, const char *label, long line,
                          const struct want *w, size_t n)
{
	smb_csv_field *f;
	size_t nf;
	char err[512] = "";
	int r = smb_csv_read(c, &f, &nf, err, sizeof err);
	if (!is_int(r, 1, "%s: a record", label)) {
		printf("#   error: %s\n", err);
		return;
	}
	is_int(smb_csv_record_line(c), line, "%s: starts on line %ld", label, line);
	if (!is_int((long long)nf, (long long)n, "%s: %zu fields", label, n))
		return;
	for (size_t i = 0; i < n; i++) {
		char where[64];
		snprintf(where, sizeof where, "%ld:%ld%s", f[i].line, f[i].column,
		         f[i].quoted ? " q" : "");
		ok(strcmp(f[i].text, w[i].text) == 0 && f[i].len == strlen(w[i].text) &&
		   strcmp(where, w[i].where) == 0,
		   "%s: field %zu is \"%s\" at %s", label, i + 1, visible(w[i].text), w[i].where);
		if (strcmp(f[i].text, w[i].text) != 0 || strcmp(where, w[i].where) != 0)
			printf("#   got \"%s\" (len %zu) at %s\n", visible(f[i].text), f[i].len, where);
	}
}

static void expect_error(smb_csv *c, const char *label, const char *want_err,
                         const char *want_raw, size_t raw_len)
{
	smb_csv_field *f;
	size_t nf;
	char err[512] = "";
	int r = smb_csv_read(c, &f, &nf, err, sizeof err);
	is_int(r, -1, "%s: refused", label);
	is_str(err, want_err, "%s: message", label);
	if (want_raw) {
		size_t n;
		const char *raw = smb_csv_raw(c, &n);
		ok(n == raw_len && memcmp(raw, want_raw, n) == 0,
		   "%s: raw text of the refused record kept for the reject file", label);
	}
}

static void expect_end(smb_csv *c, const char *label)
{
	smb_csv_field *f;
	size_t nf;
	char err[512] = "";
	int r = smb_csv_read(c, &f, &nf, err, sizeof err);
	is_int(r, 0, "%s: end of file", label);
	if (r != 0)
		printf("#   error: %s\n", err);
}

static smb_csv *open_mem(const char *data, size_t n, char delim, FILE **fp)
{
	char err[256];
	*fp = fmemopen((void *)data, n, "rb");
	if (!*fp)
		return NULL;
	smb_csv *c = smb_csv_from_stream(*fp, "mem.csv", delim, err, sizeof err);
	if (!c) {
		printf("# %s\n", err);
		fclose(*fp);
	}
	return c;
}

static void test_tricky(void)
{
	char err[512];
	smb_csv *c = smb_csv_open(fixture("tricky.csv"), 0, err, sizeof err);
	if (!ok(c != NULL, "tricky.csv opens")) {
		printf("#   %s\n", err);
		return;
	}
	is_int(smb_csv_delimiter(c), ',', "tricky.csv: ',' detected");
	static const struct want r1[] = {
		{ "id", "1:1" }, { "name", "1:4" }, { "note", "1:9" }, { "amount", "1:14" } };
	static const struct want r2[] = {
		{ "1", "2:1" }, { "Smith, John", "2:3 q" }, { "said \"hi\"", "2:17 q" },
		{ "12.5", "2:31" } };
	static const struct want r3[] = {
		{ "2", "3:1" }, { "multi\r\nline\r\ntext", "3:3 q" }, { "plain", "5:7" },
		{ "-3", "5:13" } };
	static const struct want r4[] = {
		{ "3", "7:1" }, { "Zo\xC3\xAB", "7:3" },
		{ "caf\xC3\xA9, \"na\xC3\xAFve\"", "7:7 q" }, { "", "7:25" } };
	static const struct want r5[] = {
		{ "4", "8:1" }, { "", "8:3" }, { "", "8:4 q" }, { "7", "8:7" } };
	static const struct want r6[] = {
		{ "5", "9:1 q" }, { "x", "9:5" }, { "y", "9:7" }, { "z", "9:9" } };
	expect_record(c, "header after the BOM", 1, r1, 4);
	size_t n;
	const char *raw = smb_csv_raw(c, &n);
	ok(n == 19 && memcmp(raw, "id,name,note,amount", 19) == 0,
	   "raw text of the header has no BOM and no line end");
	is_int(smb_csv_offset(c), 3 + 21, "offset counts the BOM and the CRLF");
	expect_record(c, "embedded comma and doubled quotes", 2, r2, 4);
	expect_record(c, "newlines inside quotes", 3, r3, 4);
	raw = smb_csv_raw(c, &n);
	ok(n == 30 && memcmp(raw, "2,\"multi\r\nline\r\ntext\",plain,-3", 30) == 0,
	   "raw text of a multi-line record");
	expect_record(c, "after an empty line, UTF-8 columns", 7, r4, 4);
	expect_record(c, "empty fields, quoted and not", 8, r5, 4);
	expect_record(c, "last record without a line end", 9, r6, 4);
	expect_end(c, "tricky.csv");
	expect_end(c, "tricky.csv again");
	smb_csv_close(c);
}

static void test_semicolon(void)
{
	char err[512];
	smb_csv *c = smb_csv_open(fixture("semicolon.csv"), 0, err, sizeof err);
	if (!ok(c != NULL, "semicolon.csv opens"))
		return;
	is_int(smb_csv_delimiter(c), ';', "semicolon.csv: ';' detected");
	static const struct want r1[] = { { "Monat", "1:1" }, { "Umsatz", "1:7" }, { "Kosten", "1:14" } };
	static const struct want r2[] = { { "2026-01", "2:1" }, { "1.234,50", "2:9 q" }, { "12,5", "2:20" } };
	expect_record(c, "semicolon header", 1, r1, 3);
	expect_record(c, "decimal comma row 1", 2, r2, 3);
	/* The fields of a European export feed the number parser directly. */
	smb_csv_field *f;
	size_t nf;
	double v = 0;
	size_t bad = 99;
	is_int(smb_csv_read(c, &f, &nf, err, sizeof err), 1, "decimal comma row 2");
	is_int((long long)nf, 3, "decimal comma row 2: 3 fields");
	is_int(smb_number_parse(f[1].text, 1, &v, &bad, err, sizeof err), 0,
	       "980,00 with a decimal comma parses");
	is_num(v, 980.0, 0, "980,00 is 980");
	is_int(smb_number_parse(f[2].text, 1, &v, &bad, err, sizeof err), 0, "-3,25 parses");
	is_num(v, -3.25, 0, "-3,25 is -3.25");
	expect_end(c, "semicolon.csv");
	smb_csv_close(c);

	/* Forcing ',' on the same file gives the ',' split. */
	c = smb_csv_open(fixture("semicolon.csv"), ',', err, sizeof err);
	if (!ok(c != NULL, "semicolon.csv opens with ',' forced"))
		return;
	static const struct want f1[] = { { "Monat;Umsatz;Kosten", "1:1" } };
	static const struct want f2[] = { { "2026-01;\"1.234", "2:1" }, { "50\";12", "2:16" }, { "5", "2:23" } };
	expect_record(c, "forced ',' header", 1, f1, 1);
	expect_record(c, "forced ',' row: quotes inside unquoted text are text", 2, f2, 3);
	smb_csv_close(c);
}

static void test_tabs_and_cr(void)
{
	char err[512];
	smb_csv *c = smb_csv_open(fixture("tabs.tsv"), 0, err, sizeof err);
	if (ok(c != NULL, "tabs.tsv opens")) {
		is_int(smb_csv_delimiter(c), '\t', "tabs.tsv: tab detected");
		static const struct want r1[] = { { "client", "1:1" }, { "period", "1:8" }, { "note", "1:15" } };
		static const struct want r2[] = { { "acme", "2:1" }, { "2026-Q3", "2:6" }, { "a, b; c", "2:14 q" } };
		expect_record(c, "tab header", 1, r1, 3);
		expect_record(c, "tab row with , and ; in quotes", 2, r2, 3);
		expect_end(c, "tabs.tsv");
		smb_csv_close(c);
	}
	c = smb_csv_open(fixture("mac_cr.csv"), 0, err, sizeof err);
	if (ok(c != NULL, "mac_cr.csv opens")) {
		static const struct want r1[] = { { "a", "1:1" }, { "b", "1:3" } };
		static const struct want r2[] = { { "1", "2:1" }, { "2", "2:3" } };
		static const struct want r3[] = { { "3", "4:1" }, { "x\ry", "4:3 q" } };
		expect_record(c, "CR-only line ends", 1, r1, 2);
		expect_record(c, "CR-only second line", 2, r2, 2);
		expect_record(c, "CR inside quotes counts a line", 4, r3, 2);
		expect_end(c, "mac_cr.csv");
		smb_csv_close(c);
	}
}

static void test_errors(void)
{
	char err[512], want[4600];
	const char *path = fixture("errors.csv");
	smb_csv *c = smb_csv_open(path, 0, err, sizeof err);
	if (!ok(c != NULL, "errors.csv opens"))
		return;
	static const struct want r1[] = { { "a", "1:1" }, { "b", "1:3" }, { "c", "1:5" } };
	static const struct want r3[] = { { "2", "3:1" }, { "ok", "3:3" }, { "3", "3:6" } };
	static const struct want r9[] = { { "7", "9:1" }, { "end", "9:3 q" }, { "8", "9:9" } };
	expect_record(c, "errors.csv header", 1, r1, 3);
	snprintf(want, sizeof want, "%s:2:6: 'y' after the closing quote of a field "
	         "(a quote inside quotes must be doubled)", path);
	expect_error(c, "text after a closing quote", want, "1,\"x\"y,3", 8);
	expect_record(c, "the next record after a refused one", 3, r3, 3);
	snprintf(want, sizeof want, "%s:5:6: ' ' after the closing quote of a field "
	         "(a quote inside quotes must be doubled)", path);
	expect_error(c, "blank after a closing quote on a record's second line", want,
	             "3,\"multi\nline\" z,4", 18);
	is_int(smb_csv_record_line(c), 4, "the refused record started on line 4");
	snprintf(want, sizeof want, "%s:6:6: invalid UTF-8 sequence (save the file as UTF-8)", path);
	expect_error(c, "Latin-1 e-acute", want, "4,caf\xE9,5", 8);
	snprintf(want, sizeof want, "%s:7:4: invalid UTF-8 byte 0xFF (save the file as UTF-8)", path);
	expect_error(c, "0xFF after a valid two-byte character", want, NULL, 0);
	snprintf(want, sizeof want, "%s:8:4: NUL byte in the text (is the file UTF-16 or binary?)", path);
	expect_error(c, "NUL byte", want, "6,a\0b,7", 7);
	expect_record(c, "good record after four bad ones", 9, r9, 3);
	snprintf(want, sizeof want, "%s:10:3: quoted field is not closed before the end of the file", path);
	expect_error(c, "unterminated quote at EOF", want, "8,\"open\nmore\n", 13);
	expect_end(c, "errors.csv");
	smb_csv_close(c);

	c = smb_csv_open(fixture("no-such-file.csv"), 0, err, sizeof err);
	ok(c == NULL && strstr(err, "no-such-file.csv: No such file or directory") != NULL,
	   "a missing file is refused with its name and the reason");
}

static void test_detection(void)
{
	static const struct {
		const char *data;
		char want;
		const char *label;
	} cases[] = {
		{ "a;b;c\n1,5;2,5;3\n", ';', "semicolons beat commas on the first line" },
		{ "a,b;c\n", ',', "a tie goes to ','" },
		{ "a\tb\tc,d\n", '\t', "two tabs beat one comma" },
		{ "\"a,b,c\";d;e\n", ';', "delimiters inside quotes are not counted" },
		{ "\n\na;b\n", ';', "leading empty lines are passed over" },
		{ "abc\n", ',', "no delimiter at all means ','" },
		{ "", ',', "an empty file means ','" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		FILE *fp;
		smb_csv *c = open_mem(cases[i].data, strlen(cases[i].data), 0, &fp);
		if (!c) {
			ok(0, "%s", cases[i].label);
			continue;
		}
		is_int(smb_csv_delimiter(c), cases[i].want, "%s", cases[i].label);
		smb_csv_close(c);
		fclose(fp);
	}
	char err[256];
	ok(smb_csv_from_stream(stdin, "x", '"', err, sizeof err) == NULL &&
	   strcmp(err, "x: the delimiter cannot be a quote, a line end or a non-ASCII byte") == 0,
	   "a quote cannot be forced as delimiter");
}

static void test_small_cases(void)
{
	FILE *fp;
	smb_csv *c;
	char want[256];
	/* A trailing delimiter at end of file is an empty last field. */
	static const char d1[] = "a,b,";
	if ((c = open_mem(d1, sizeof d1 - 1, 0, &fp))) {
		static const struct want r[] = { { "a", "1:1" }, { "b", "1:3" }, { "", "1:5" } };
		expect_record(c, "trailing delimiter at EOF", 1, r, 3);
		expect_end(c, "trailing delimiter at EOF");
		smb_csv_close(c);
		fclose(fp);
	}
	/* Blank lines are skipped, but a line of blanks is a record. */
	static const char d2[] = "\r\n\n \n,\n\"\"\n";
	if ((c = open_mem(d2, sizeof d2 - 1, 0, &fp))) {
		static const struct want r1[] = { { " ", "3:1" } };
		static const struct want r2[] = { { "", "4:1" }, { "", "4:2" } };
		static const struct want r3[] = { { "", "5:1 q" } };
		expect_record(c, "a line holding a blank", 3, r1, 1);
		expect_record(c, "a line holding only a delimiter", 4, r2, 2);
		expect_record(c, "a line holding an empty quoted field", 5, r3, 1);
		expect_end(c, "blank lines");
		smb_csv_close(c);
		fclose(fp);
	}
	/* Four-byte characters count one column each. */
	static const char d3[] = "\xF0\x9D\x84\x9E\xE2\x82\xAC,x\n";
	if ((c = open_mem(d3, sizeof d3 - 1, 0, &fp))) {
		static const struct want r[] = { { "\xF0\x9D\x84\x9E\xE2\x82\xAC", "1:1" }, { "x", "1:4" } };
		expect_record(c, "columns count characters, not bytes", 1, r, 2);
		smb_csv_close(c);
		fclose(fp);
	}
	/* Overlong and surrogate forms are not UTF-8. */
	static const char d4[] = "ab\xC0\xAF\nx\xED\xA0\x80\ny\n";
	if ((c = open_mem(d4, sizeof d4 - 1, 0, &fp))) {
		expect_error(c, "overlong '/'", "mem.csv:1:3: invalid UTF-8 byte 0xC0 (save the file as UTF-8)",
		             "ab\xC0\xAF", 4);
		expect_error(c, "UTF-16 surrogate", "mem.csv:2:2: invalid UTF-8 sequence (save the file as UTF-8)",
		             NULL, 0);
		static const struct want r[] = { { "y", "3:1" } };
		expect_record(c, "after two refused records", 3, r, 1);
		smb_csv_close(c);
		fclose(fp);
	}
	/* A UTF-8 sequence cut by the end of the file. */
	static const char d5[] = "a,\xE2\x82";
	if ((c = open_mem(d5, sizeof d5 - 1, 0, &fp))) {
		expect_error(c, "sequence cut by EOF",
		             "mem.csv:1:3: invalid UTF-8 sequence cut short by the end of the file", NULL, 0);
		expect_end(c, "after a cut sequence");
		smb_csv_close(c);
		fclose(fp);
	}
	/* A quote error inside a multi-line quoted field, then recovery keeps
	 * the quote state: the ',' and newline inside quotes do not end it. */
	static const char d6[] = "1,\"a\0,\nb\",2\n3\n";
	if ((c = open_mem(d6, sizeof d6 - 1, 0, &fp))) {
		snprintf(want, sizeof want, "mem.csv:1:5: NUL byte in the text (is the file UTF-16 or binary?)");
		expect_error(c, "NUL inside quotes", want, "1,\"a\0,\nb\",2", 11);
		static const struct want r[] = { { "3", "3:1" } };
		expect_record(c, "the record after a multi-line refused one", 3, r, 1);
		smb_csv_close(c);
		fclose(fp);
	}
}

/* Appends n copies of ch to a malloc'd buffer at *len. */
static void fill(char *b, size_t *len, char ch, size_t n)
{
	memset(b + *len, ch, n);
	*len += n;
}

static void put(char *b, size_t *len, const char *s)
{
	size_t n = strlen(s);
	memcpy(b + *len, s, n);
	*len += n;
}

/* Moves a record with CRLF inside quotes and multi-byte characters across
 * the reader's block boundary one byte at a time. */
static void test_block_boundaries(void)
{
	static const char tail[] = "1,\"a\r\nb\",\"\xC3\xA9\xE2\x82\xAC\xF0\x9D\x84\x9E\",z\r\n2,end\n";
	char *b = malloc(BLOCK + 256);
	if (!ok(b != NULL, "boundary buffer"))
		return;
	int all = 1;
	for (int s = 0; s <= 40; s++) {
		size_t len = 0;
		fill(b, &len, 'x', BLOCK - 30 + (size_t)s);
		put(b, &len, "\r\n");
		put(b, &len, tail);
		FILE *fp;
		smb_csv *c = open_mem(b, len, 0, &fp);
		if (!c) {
			all = 0;
			break;
		}
		smb_csv_field *f;
		size_t nf;
		char err[256];
		int good = smb_csv_read(c, &f, &nf, err, sizeof err) == 1 && nf == 1 &&
		           f[0].len == BLOCK - 30 + (size_t)s;
		good = good && smb_csv_read(c, &f, &nf, err, sizeof err) == 1 && nf == 4 &&
		       smb_csv_record_line(c) == 2 &&
		       strcmp(f[1].text, "a\r\nb") == 0 && f[1].line == 2 && f[1].column == 3 &&
		       strcmp(f[2].text, "\xC3\xA9\xE2\x82\xAC\xF0\x9D\x84\x9E") == 0 &&
		       f[2].line == 3 && f[2].column == 4 && strcmp(f[3].text, "z") == 0 &&
		       f[3].line == 3 && f[3].column == 10;
		size_t rn;
		const char *raw = smb_csv_raw(c, &rn);
		good = good && rn == sizeof tail - 1 - 8 && memcmp(raw, tail, rn) == 0;
		good = good && smb_csv_read(c, &f, &nf, err, sizeof err) == 1 && nf == 2 &&
		       smb_csv_record_line(c) == 4 && strcmp(f[1].text, "end") == 0;
		good = good && smb_csv_read(c, &f, &nf, err, sizeof err) == 0;
		if (!good) {
			printf("# boundary shift %d failed\n", s);
			all = 0;
		}
		smb_csv_close(c);
		fclose(fp);
	}
	ok(all, "a record crossing the block boundary at 41 offsets reads the same");
	free(b);
}

static void test_limits(void)
{
	const size_t big = 10u << 20;
	char *b = malloc(big + 64);
	if (!ok(b != NULL, "10 MB buffer"))
		return;
	char want[256];
	size_t len = 0;
	FILE *fp;
	smb_csv *c;
	smb_csv_field *f;
	size_t nf;
	char err[256];

	/* A 10 MB line: refused at the limit, having read little past it. */
	fill(b, &len, 'x', big);
	put(b, &len, "\nok,1\n");
	if ((c = open_mem(b, len, 0, &fp))) {
		snprintf(want, sizeof want, "mem.csv:1:%d: record is longer than %d bytes",
		         SMB_CSV_MAX_RECORD + 1, SMB_CSV_MAX_RECORD);
		expect_error(c, "10 MB line", want, NULL, 0);
		ok(smb_csv_offset(c) == SMB_CSV_MAX_RECORD,
		   "reading stopped at the limit (offset %lld)", smb_csv_offset(c));
		ok(ftell(fp) <= (long)SMB_CSV_MAX_RECORD + 2 * BLOCK,
		   "the stream was read no further than one block past the limit (%ld)", ftell(fp));
		static const struct want r[] = { { "ok", "2:1" }, { "1", "2:4" } };
		expect_record(c, "the record after a 10 MB line", 2, r, 2);
		expect_end(c, "after a 10 MB line");
		smb_csv_close(c);
		fclose(fp);
	}

	/* Exactly the limit is accepted; one byte more is not. */
	len = 0;
	fill(b, &len, 'y', SMB_CSV_MAX_RECORD);
	put(b, &len, "\n");
	fill(b, &len, 'z', SMB_CSV_MAX_RECORD + 1);
	put(b, &len, "\r\nlast\n");
	if ((c = open_mem(b, len, 0, &fp))) {
		is_int(smb_csv_read(c, &f, &nf, err, sizeof err), 1, "a record of exactly the limit is read");
		is_int((long long)f[0].len, SMB_CSV_MAX_RECORD, "all of it");
		snprintf(want, sizeof want, "mem.csv:2:%d: record is longer than %d bytes",
		         SMB_CSV_MAX_RECORD + 1, SMB_CSV_MAX_RECORD);
		expect_error(c, "one byte over the limit", want, NULL, 0);
		static const struct want r[] = { { "last", "3:1" } };
		expect_record(c, "after a CRLF record one byte too long", 3, r, 1);
		smb_csv_close(c);
		fclose(fp);
	}

	/* A long quoted field with many lines, crossing several blocks, is
	 * fine while under the limit, and lines after it are counted. */
	len = 0;
	put(b, &len, "h\n\"");
	for (int i = 0; i < 30000; i++)
		put(b, &len, "twenty bytes a line\n");
	put(b, &len, "\",2\nnext\n");
	if ((c = open_mem(b, len, 0, &fp))) {
		smb_csv_read(c, &f, &nf, err, sizeof err);
		int r = smb_csv_read(c, &f, &nf, err, sizeof err);
		ok(r == 1 && nf == 2 && f[0].len == 600000 && f[0].quoted && strcmp(f[1].text, "2") == 0 &&
		   f[1].line == 30002 && f[1].column == 3,
		   "a 600 kB quoted field over 30000 lines");
		size_t rn;
		smb_csv_raw(c, &rn);
		is_int((long long)rn, 600004, "its raw text gathered across blocks");
		static const struct want rr[] = { { "next", "30003:1" } };
		expect_record(c, "the line after it", 30003, rr, 1);
		smb_csv_close(c);
		fclose(fp);
	}

	/* A record of nothing but delimiters hits the field cap, not memory. */
	len = 0;
	fill(b, &len, ',', 70000);
	put(b, &len, "\nz\n");
	if ((c = open_mem(b, len, 0, &fp))) {
		expect_error(c, "70000 fields", "mem.csv:1:65537: record has more than 65536 fields", NULL, 0);
		static const struct want r[] = { { "z", "2:1" } };
		expect_record(c, "after the field cap", 2, r, 1);
		smb_csv_close(c);
		fclose(fp);
	}
	free(b);
}

static void test_write_field(void)
{
	char *text = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&text, &n);
	if (!ok(f != NULL, "memstream"))
		return;
	smb_csv_write_field(f, "plain", ',');
	fputc(',', f);
	smb_csv_write_field(f, "a,b", ',');
	fputc(',', f);
	smb_csv_write_field(f, "say \"x\"", ',');
	fputc(',', f);
	smb_csv_write_field(f, "two\nlines", ',');
	fputc(',', f);
	smb_csv_write_field(f, "a;b", ',');
	fputc(';', f);
	smb_csv_write_field(f, "a;b", ';');
	fputc(',', f);
	smb_csv_write_field(f, "", ',');
	fclose(f);
	is_str(text, "plain,\"a,b\",\"say \"\"x\"\"\",\"two\nlines\",a;b;\"a;b\",",
	       "fields are quoted only when they must be");
	/* And what is written reads back. */
	FILE *fp;
	smb_csv *c = open_mem(text, n, ',', &fp);
	if (c) {
		static const struct want r[] = {
			{ "plain", "1:1" }, { "a,b", "1:7 q" }, { "say \"x\"", "1:13 q" },
			{ "two\nlines", "1:25 q" }, { "a;b;\"a;b\"", "2:8" }, { "", "2:18" } };
		expect_record(c, "written fields read back", 1, r, 6);
		smb_csv_close(c);
		fclose(fp);
	}
	free(text);
}

/* A real export: quoted fields, trailing blanks, "NA" ids. The count and the
 * rows checked come from Python's csv module on the same file. */
static void test_real_data(void)
{
	const char *dir = getenv("SMB_TEST_DATA");
	char path[4200], err[512];
	if (!dir || !*dir) {
		ok(1, "online_retail_sample.csv # SKIP SMB_TEST_DATA not set");
		return;
	}
	snprintf(path, sizeof path, "%s/online_retail_sample.csv", dir);
	smb_csv *c = smb_csv_open(path, 0, err, sizeof err);
	if (!ok(c != NULL, "online_retail_sample.csv opens")) {
		printf("#   %s\n", err);
		return;
	}
	smb_csv_field *f;
	size_t nf;
	long records = 0, wrong_width = 0;
	int r;
	char first[512] = "", last[512] = "";
	while ((r = smb_csv_read(c, &f, &nf, err, sizeof err)) == 1) {
		records++;
		if (nf != 9)
			wrong_width++;
		if (records == 2)
			snprintf(first, sizeof first, "%s|%s|%s|%s|%s", f[0].text, f[3].text,
			         f[4].text, f[6].text, f[8].text);
		snprintf(last, sizeof last, "%s|%s|%s|%s", f[0].text, f[2].text, f[7].text, f[8].text);
	}
	is_int(r, 0, "read to the end without error");
	is_int(records, 2710, "2710 records (header included)");
	is_int(wrong_width, 0, "every record has 9 fields");
	is_str(first, "428465|WHITE SKULL HOT WATER BOTTLE |4|4.25|France",
	       "first data row, trailing blank kept");
	is_str(last, "170764|35810A|NA|United Kingdom", "last row");
	smb_csv_close(c);
}

/* Formula injection: the cells a spreadsheet would run, by hand. */
static void test_formula_guard(void)
{
	static const struct { const char *s; int dc, want; } v[] = {
		{ "=1+1", 0, 1 }, { "+1+1", 0, 1 }, { "-1+2", 0, 1 }, { "@SUM(A1)", 0, 1 }, { "\tx", 0, 1 },
		{ "\r=x", 0, 1 }, { "=HYPERLINK(\"http://x\")", 0, 1 }, { "-", 0, 1 }, { "+", 0, 1 },
		{ "-inf", 0, 1 }, { "-nan", 0, 1 }, { "-0x1A", 0, 1 }, { "-12,5", 0, 1 }, { "-1e", 0, 1 },
		{ "-12.5", 0, 0 }, { "+3", 0, 0 }, { "-1e-3", 0, 0 }, { "-.5", 0, 0 }, { "-12,5", 1, 0 },
		{ "12.5", 0, 0 }, { "a=b", 0, 0 }, { "", 0, 0 }, { "x-1", 0, 0 },
	};
	char *mem = NULL;
	size_t len = 0;
	FILE *f;

	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		is_int(smb_formula_guard(v[i].s, v[i].dc), v[i].want, "formula guard of '%s'%s", v[i].s,
		       v[i].dc ? " (decimal comma)" : "");
	f = open_memstream(&mem, &len);
	smb_csv_write_field(f, "=1,2", ',');
	fputc('|', f);
	smb_csv_write_field(f, "-7.25", ',');
	fputc('|', f);
	smb_csv_write_field(f, "-7,25", ';');
	fclose(f);
	is_str(mem, "\"'=1,2\"|-7.25|-7,25", "written: prefixed (and quoted), numbers left alone");
	free(mem);
}

/* Terminal and Markdown escaping, by hand. */
static void test_escape(void)
{
	smb_buf b;

	smb_buf_init(&b);
	smb_escape_text(&b, "a\033]0;t\007\nb\rc\td|e \xc2\x9b \xe2\x80\xae caf\xc3\xa9");
	is_str(smb_buf_str(&b), "a\\x1b]0;t\\x07\\nb\\rc\\td|e \\u009b \\u202e caf\xc3\xa9",
	       "text: controls, C1 and bidi overrides shown as escapes; accents kept");
	smb_buf_reset(&b);
	smb_escape_md(&b, "x | y\n| z |");
	is_str(smb_buf_str(&b), "x \\| y\\n\\| z \\|", "markdown: | escaped, newline shown");
	smb_buf_free(&b);
}

int main(void)
{
	const char *src = getenv("top_srcdir");
	snprintf(fixture_dir, sizeof fixture_dir, "%s/tests/csv", src && *src ? src : ".");
	test_tricky();
	test_semicolon();
	test_tabs_and_cr();
	test_errors();
	test_detection();
	test_small_cases();
	test_block_boundaries();
	test_limits();
	test_write_field();
	test_real_data();
	test_formula_guard();
	test_escape();
	return done_testing();
}
