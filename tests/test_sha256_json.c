/* tests/test_sha256_json.c — SHA-256 against the FIPS 180-4 example vectors
 * and the published checksums of the test data files (tests/data); the growable buffer;
 * the JSON writer's punctuation, escaping, numbers and pretty layout; listings
 * (smb_table) written as text from display strings and as JSON from values. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "json.h"
#include "sha256.h"
#include "table.h"
#include "tap.h"

static const char *hex_of(const void *data, size_t n)
{
	static char out[65];
	unsigned char d[32];
	smb_sha256 s;
	smb_sha256_init(&s);
	smb_sha256_update(&s, data, n);
	smb_sha256_final(&s, d);
	smb_sha256_hex(d, out);
	return out;
}

static void test_sha256(void)
{
	is_str(hex_of("", 0), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	       "SHA-256 of \"\"");
	is_str(hex_of("abc", 3), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	       "SHA-256 of \"abc\"");
	static const char two_blocks[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	is_str(hex_of(two_blocks, sizeof two_blocks - 1),
	       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
	       "SHA-256 of the 448-bit message (padding spills into a second block)");

	/* One million 'a', fed in uneven pieces so every buffering path runs. */
	static char a[1000000];
	memset(a, 'a', sizeof a);
	is_str(hex_of(a, sizeof a), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
	       "SHA-256 of 1,000,000 'a' in one update");
	smb_sha256 s;
	unsigned char d[32];
	char hex[65];
	smb_sha256_init(&s);
	size_t done = 0, step = 1;
	while (done < sizeof a) {
		size_t n = step < sizeof a - done ? step : sizeof a - done;
		smb_sha256_update(&s, a + done, n);
		done += n;
		step = step * 7 % 131 + 1;
	}
	smb_sha256_final(&s, d);
	smb_sha256_hex(d, hex);
	is_str(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
	       "the same in pieces of 1 to 131 bytes");

	/* Lengths around the 55/56/64-byte padding edges agree between one
	 * update and byte-by-byte updates. */
	int same = 1;
	for (size_t n = 50; n <= 130; n++) {
		char one[65];
		snprintf(one, sizeof one, "%s", hex_of(a, n));
		smb_sha256_init(&s);
		for (size_t i = 0; i < n; i++)
			smb_sha256_update(&s, a + i, 1);
		smb_sha256_final(&s, d);
		smb_sha256_hex(d, hex);
		same &= strcmp(one, hex) == 0;
	}
	ok(same, "lengths 50..130 hash the same whole and byte by byte");
	is_str(hex_of(a, 64), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
	       "SHA-256 of 64 'a' (exactly one block)");

	errno = 0;
	ok(smb_sha256_file("/nonexistent/file", hex) == -1 && errno == ENOENT,
	   "a missing file gives -1 and ENOENT");

	/* The test data files against their published SHA256SUMS. */
	const char *dir = getenv("SMB_TEST_DATA");
	char path[4200], line[512];
	if (!dir || !*dir) {
		ok(1, "SHA256SUMS # SKIP SMB_TEST_DATA not set");
		return;
	}
	snprintf(path, sizeof path, "%s/SHA256SUMS", dir);
	FILE *f = fopen(path, "r");
	if (!ok(f != NULL, "SHA256SUMS opens"))
		return;
	int files = 0, match = 0;
	while (fgets(line, sizeof line, f)) {
		char want[65], name[256];
		if (sscanf(line, "%64s %255s", want, name) != 2)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, name);
		files++;
		if (smb_sha256_file(path, hex) == 0 && strcmp(hex, want) == 0)
			match++;
		else
			printf("# %s: got %s want %s\n", name, hex, want);
	}
	fclose(f);
	ok(files == 13, "SHA256SUMS lists %d files", files);
	is_int(match, files, "every test data file matches its published SHA-256");
}

static void test_buf(void)
{
	smb_buf b;
	smb_buf_init(&b);
	is_str(smb_buf_str(&b), "", "an empty buffer reads as \"\"");
	smb_buf_puts(&b, "abc");
	smb_buf_putc(&b, '-');
	smb_buf_append(&b, "xyz123", 3);
	smb_buf_printf(&b, "%d/%s", 42, "ok");
	is_str(smb_buf_str(&b), "abc-xyz42/ok", "puts, putc, append and printf concatenate");
	is_int((long long)b.len, 12, "len counts the bytes");
	/* printf past the current capacity takes the second formatting pass. */
	char big[300];
	memset(big, 'q', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	is_int(smb_buf_printf(&b, "[%s]", big), 0, "a 301-byte printf");
	ok(b.len == 12 + 301 && b.data[12] == '[' && b.data[b.len - 1] == ']' &&
	   b.data[b.len] == '\0', "grows the buffer and stays NUL-terminated");
	smb_buf_reset(&b);
	is_str(smb_buf_str(&b), "", "reset empties it");
	smb_buf_append(&b, "a\0b", 3);
	is_int((long long)b.len, 3, "append copies embedded NULs");
	b.failed = 1;
	is_int(smb_buf_puts(&b, "more"), -1, "after a failure appends are refused");
	is_int((long long)b.len, 3, "and change nothing");
	smb_buf_free(&b);
	ok(b.data == NULL && b.len == 0 && b.cap == 0, "free leaves an empty buffer");
}

static smb_buf esc;

static const char *escaped(const char *s)
{
	smb_buf_reset(&esc);
	smb_json_escape(&esc, s);
	return smb_buf_str(&esc);
}

static void test_json(void)
{
	is_str(escaped("say \"hi\"\\"), "say \\\"hi\\\"\\\\", "quotes and backslash are escaped");
	is_str(escaped("a\nb\tc\rd"), "a\\nb\\tc\\rd", "newline, tab, CR use short escapes");
	is_str(escaped("\x01\x1f\x7f"), "\\u0001\\u001f\x7f", "other control characters are \\u00XX");
	is_str(escaped("\b\f"), "\\u0008\\u000c", "backspace and form feed as \\u00XX");
	is_str(escaped("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9D\x84\x9E"), "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9D\x84\x9E",
	       "UTF-8 passes through");
	is_str(escaped("caf\xE9!"), "caf\\ufffd!", "a Latin-1 byte becomes U+FFFD, keeping the JSON valid");
	is_str(escaped("\xED\xA0\x80"), "\\ufffd\\ufffd\\ufffd", "an encoded surrogate is not UTF-8");
	is_str(escaped("\xE2\x82"), "\\ufffd\\ufffd", "a sequence cut at the end of the string");
	is_str(escaped("</script>"), "</script>", "'/' is left alone");

	smb_buf b;
	smb_buf_init(&b);
	smb_json j;
	smb_json_init(&j, &b, 0);
	smb_json_object_begin(&j);
	smb_json_key(&j, "name");
	smb_json_string(&j, "Caf\xC3\xA9 \"Z\"");
	smb_json_key(&j, "score");
	smb_json_number(&j, 0.1 + 0.2);
	smb_json_key(&j, "ratio");
	smb_json_number(&j, NAN);
	smb_json_key(&j, "big");
	smb_json_number(&j, -INFINITY);
	smb_json_key(&j, "n");
	smb_json_integer(&j, -9007199254740993LL);
	smb_json_key(&j, "ok");
	smb_json_bool(&j, 1);
	smb_json_key(&j, "none");
	smb_json_string(&j, NULL);
	smb_json_key(&j, "list");
	smb_json_array_begin(&j);
	smb_json_number(&j, 1);
	smb_json_number(&j, 2.5);
	smb_json_array_begin(&j);
	smb_json_array_end(&j);
	smb_json_object_begin(&j);
	smb_json_object_end(&j);
	smb_json_raw(&j, "{\"x\":[true]}");
	smb_json_null(&j);
	smb_json_array_end(&j);
	smb_json_key(&j, "tab\tkey");
	smb_json_bool(&j, 0);
	smb_json_object_end(&j);
	is_str(smb_buf_str(&b),
	       "{\"name\":\"Caf\xC3\xA9 \\\"Z\\\"\",\"score\":0.30000000000000004,\"ratio\":null,"
	       "\"big\":null,\"n\":-9007199254740993,\"ok\":true,\"none\":null,"
	       "\"list\":[1,2.5,[],{},{\"x\":[true]},null],\"tab\\tkey\":false}",
	       "compact: commas, nesting, escapes, null for NaN and infinity");
	is_int(j.depth, 0, "every container closed");
	ok(!b.failed, "no failure");

	smb_buf_reset(&b);
	smb_json_init(&j, &b, 1);
	smb_json_object_begin(&j);
	smb_json_key(&j, "client");
	smb_json_string(&j, "acme");
	smb_json_key(&j, "areas");
	smb_json_array_begin(&j);
	smb_json_object_begin(&j);
	smb_json_key(&j, "area");
	smb_json_string(&j, "finance");
	smb_json_key(&j, "score");
	smb_json_number(&j, 62.5);
	smb_json_object_end(&j);
	smb_json_object_begin(&j);
	smb_json_object_end(&j);
	smb_json_array_end(&j);
	smb_json_key(&j, "empty");
	smb_json_array_begin(&j);
	smb_json_array_end(&j);
	smb_json_object_end(&j);
	is_str(smb_buf_str(&b),
	       "{\n"
	       "  \"client\": \"acme\",\n"
	       "  \"areas\": [\n"
	       "    {\n"
	       "      \"area\": \"finance\",\n"
	       "      \"score\": 62.5\n"
	       "    },\n"
	       "    {}\n"
	       "  ],\n"
	       "  \"empty\": []\n"
	       "}",
	       "pretty: two-space indent, empty containers on one line");

	/* Several top-level values are one a line (JSON Lines). */
	smb_buf_reset(&b);
	smb_json_init(&j, &b, 0);
	smb_json_integer(&j, 1);
	smb_json_object_begin(&j);
	smb_json_key(&j, "a");
	smb_json_integer(&j, 2);
	smb_json_object_end(&j);
	smb_json_string(&j, "x");
	is_str(smb_buf_str(&b), "1\n{\"a\":2}\n\"x\"", "top-level values are separated by newlines");

	/* Too deep: the writer refuses rather than misplace commas. */
	smb_buf_reset(&b);
	smb_json_init(&j, &b, 0);
	for (int i = 0; i < SMB_JSON_MAX_DEPTH + 2; i++)
		smb_json_array_begin(&j);
	ok(b.failed, "nesting past SMB_JSON_MAX_DEPTH marks the output failed");
	smb_buf_reset(&b);
	smb_json_init(&j, &b, 0);
	smb_json_array_end(&j);
	ok(b.failed, "closing more than was opened marks the output failed");
	smb_buf_free(&b);
	smb_buf_free(&esc);
}

static void test_table(void)
{
	static const char *const cols[] = { "id#", "name", "score#", "partial", "cols", "note" };
	smb_table t;
	smb_buf b;

	smb_buf_init(&b);
	is_int(smb_table_init(&t, 6, cols), 0, "a table of six columns");
	smb_table_json(&t, "things", 1);
	smb_table_integer(&t, 7);
	smb_table_text(&t, "Café");
	smb_table_number(&t, 75.52739828721539, "%.1f");
	smb_table_bool(&t, 0, "yes", "no");
	smb_table_value(&t, "[{\"name\":\"period\"}]", "period");
	smb_table_text(&t, NULL);
	smb_table_integer(&t, 12);
	smb_table_text(&t, "b");
	smb_table_number(&t, NAN, "%.1f");
	smb_table_bool(&t, 1, "yes", "no");
	smb_table_value(&t, "[]", "");
	smb_table_text(&t, "x");
	is_int(t.nrows, 2, "two complete rows");
	is_int(smb_table_render(&t, "text", &b), 0, "text renders");
	/* Widths by code point: "Café" is 4 wide; numbers are aligned right. */
	is_str(smb_buf_str(&b),
	       "id  name  score  partial  cols    note\n"
	       " 7  Café   75.5  no       period  \n"
	       "12  b            yes              x\n", "text shows the display strings");
	smb_buf_reset(&b);
	is_int(smb_table_render(&t, "json", &b), 0, "JSON renders");
	/* The number at full precision, not the 75.5 shown; NaN and NULL null. */
	ok(strstr(smb_buf_str(&b), "\"schema_version\": 1,\n  \"things\": [") != NULL, "JSON: versioned, rows under the key");
	ok(strstr(smb_buf_str(&b), "\"score\": 75.52739828721539,") != NULL, "JSON: the value at full precision");
	ok(strstr(smb_buf_str(&b), "\"partial\": false,") && strstr(smb_buf_str(&b), "\"partial\": true,"),
	   "JSON: booleans, not the yes/no shown");
	ok(strstr(smb_buf_str(&b), "\"score\": null,") && strstr(smb_buf_str(&b), "\"note\": null\n"),
	   "JSON: a NaN and a missing text are null");
	ok(strstr(smb_buf_str(&b), "\"cols\": [{\"name\":\"period\"}],") != NULL, "JSON: a structured cell as its value");
	ok(strstr(smb_buf_str(&b), "\"id\": 12,") != NULL, "JSON: an integer");
	smb_buf_reset(&b);
	is_int(smb_table_render(&t, "csv", &b), 0, "CSV renders");
	is_str(smb_buf_str(&b), "id,name,score,partial,cols,note\n7,Café,75.5,no,period,\n12,b,,yes,,x\n",
	       "CSV shows the display strings");
	smb_buf_reset(&b);
	/* A row left unfinished would shift every column after it. */
	smb_table_integer(&t, 13);
	is_int(smb_table_render(&t, "json", &b), -1, "a half-built row fails the render");
	is_int(smb_table_render(&t, "xml", &b), -1, "an unknown format fails");
	smb_table_free(&t);

	/* The string rows: '#' columns are read as numbers. */
	static const char *const cols2[] = { "n#", "s" };
	const char *row[2] = { "2.50", "a" };
	smb_table_init(&t, 2, cols2);
	is_int(smb_table_add(&t, row), 0, "a row of strings");
	smb_buf_reset(&b);
	smb_table_render(&t, "json", &b);
	ok(strstr(smb_buf_str(&b), "\"n\": 2.5,") != NULL, "its number column is a number in JSON");
	ok(strstr(smb_buf_str(&b), "\"rows\": [") != NULL, "rows under \"rows\" when no key is given");
	smb_table_free(&t);
	smb_buf_free(&b);
}

int main(void)
{
	test_sha256();
	test_buf();
	test_json();
	test_table();
	return done_testing();
}
