/* tests/test_number.c — strict number parsing (values, and the byte offset
 * and message of each refusal) and shortest round-trip formatting. */
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "number.h"
#include "tap.h"

static void accepts(const char *s, int comma, double want)
{
	double v = -12345;
	size_t bad = 777;
	char err[256] = "";
	int r = smb_number_parse(s, comma, &v, &bad, err, sizeof err);
	ok(r == 0 && v == want && (v != 0 || signbit(v) == signbit(want)),
	   "\"%s\"%s reads as %.17g", s, comma ? " (decimal comma)" : "", want);
	if (r != 0 || v != want)
		printf("#   got %d, %.17g, \"%s\"\n", r, v, err);
}

static void refuses(const char *s, int comma, size_t want_bad, const char *want_err)
{
	double v = 42;
	size_t bad = 777;
	char err[256] = "";
	int r = smb_number_parse(s, comma, &v, &bad, err, sizeof err);
	ok(r == -1 && bad == want_bad && strcmp(err, want_err) == 0 && v == 42,
	   "\"%s\"%s is refused at byte %zu: %s", s, comma ? " (decimal comma)" : "",
	   want_bad, want_err);
	if (r != -1 || bad != want_bad || strcmp(err, want_err) != 0)
		printf("#   got %d, bad %zu, \"%s\"\n", r, bad, err);
}

static void test_parse(void)
{
	accepts("-0.5", 0, -0.5);
	accepts("+3", 0, 3);
	accepts(" 42 ", 0, 42);
	accepts("\t42\t", 0, 42);
	accepts("1e3", 0, 1000);
	accepts("1E+3", 0, 1000);
	accepts("2.5e-3", 0, 0.0025);
	accepts("12,5", 1, 12.5);
	accepts("-3,25", 1, -3.25);
	accepts("0,1", 1, 0.1);
	accepts("0.1", 0, 0.1);
	accepts(".5", 0, 0.5);
	accepts("5.", 0, 5);
	accepts("007", 0, 7);
	accepts("-0", 0, -0.0);
	accepts("1.7976931348623157e308", 0, 1.7976931348623157e308);
	accepts("4.9406564584124654e-324", 0, 4.9406564584124654e-324);
	accepts("1e-400", 0, 0);
	accepts("123456789012345678901234567890", 0, 123456789012345678901234567890.0);
	/* A long mantissa takes the allocation path; still exact. */
	accepts("0.1000000000000000000000000000000000000000000000000000000000000000000000000000000000001",
	        0, 0.1);

	refuses("", 0, 0, "empty value where a number is expected (at byte 0)");
	refuses("   ", 0, 3, "empty value where a number is expected (at byte 3)");
	refuses("NaN", 0, 0, "not a finite number (NaN and infinity are refused) (at byte 0)");
	refuses("nan", 0, 0, "not a finite number (NaN and infinity are refused) (at byte 0)");
	refuses("inf", 0, 0, "not a finite number (NaN and infinity are refused) (at byte 0)");
	refuses("-Infinity", 0, 1, "not a finite number (NaN and infinity are refused) (at byte 1)");
	refuses("1,234.5", 0, 1,
	        "no thousands separators; the decimal mark is '.' here, not ',' (at byte 1)");
	refuses("1.234,5", 1, 1,
	        "no thousands separators; the decimal mark is ',' here, not '.' (at byte 1)");
	refuses("12,5", 0, 2,
	        "no thousands separators; the decimal mark is '.' here, not ',' (at byte 2)");
	refuses("12,5O", 1, 4, "unexpected 'O' (at byte 4)");
	refuses("1.2.3", 0, 3, "a second decimal mark '.' (at byte 3)");
	refuses("--1", 0, 1, "expected a digit, found '-' (at byte 1)");
	refuses("+-1", 0, 1, "expected a digit, found '-' (at byte 1)");
	refuses("1e999", 0, 0, "number is too large for a double (at byte 0)");
	refuses("  -1e999", 0, 2, "number is too large for a double (at byte 2)");
	refuses("0x10", 0, 1, "unexpected 'x' (at byte 1)");
	refuses("1e", 0, 2, "the exponent has no digits; found end of text (at byte 2)");
	refuses("1e+", 0, 3, "the exponent has no digits; found end of text (at byte 3)");
	refuses("1ex", 0, 2, "the exponent has no digits; found 'x' (at byte 2)");
	refuses("1 234", 0, 2, "unexpected '2' (at byte 2)");
	refuses(".", 0, 1, "no digits in number (at byte 1)");
	refuses("-", 0, 1, "no digits in number (at byte 1)");
	refuses(",5", 0, 0, "the decimal mark is '.' here, not ',' (at byte 0)");
	refuses("12\xC2\xA0", 0, 2, "unexpected byte 0xC2 (at byte 2)");
	refuses("\xE2\x82\xAC" "5", 0, 0, "expected a digit, found byte 0xE2 (at byte 0)");
	refuses("5%", 0, 1, "unexpected '%' (at byte 1)");

	double v;
	size_t bad = 9;
	char err[64];
	is_int(smb_number_parse(NULL, 0, &v, &bad, err, sizeof err), -1, "NULL is refused as empty");
	is_int(smb_number_parse("x", 0, &v, NULL, err, sizeof err), -1, "bad may be NULL");
	char tiny[8];
	is_int(smb_number_parse("1,234.5", 0, &v, &bad, tiny, sizeof tiny), -1,
	       "a short error buffer is fine");
	is_str(tiny, "no thou", "and holds the message cut to fit");
}

static void test_integer(void)
{
	long long v = 0;
	size_t bad = 99;
	char err[256];
	is_int(smb_integer_parse(" 42 ", 0, 100, &v, &bad, err, sizeof err), 0, "\" 42 \" is a whole number");
	is_int(v, 42, "it is 42");
	is_int(smb_integer_parse("-7", -10, 10, &v, &bad, err, sizeof err), 0, "-7 in -10..10");
	is_int(v, -7, "it is -7");
	is_int(smb_integer_parse("-9223372036854775808", INT64_MIN, INT64_MAX, &v, &bad, err, sizeof err),
	       0, "the smallest long long");
	ok(v == INT64_MIN, "it is -2^63");
	is_int(smb_integer_parse("9223372036854775807", INT64_MIN, INT64_MAX, &v, &bad, err, sizeof err),
	       0, "the largest long long");
	ok(v == INT64_MAX, "it is 2^63-1");
	is_int(smb_integer_parse("9223372036854775808", INT64_MIN, INT64_MAX, &v, &bad, err, sizeof err),
	       -1, "2^63 is refused");
	is_str(err, "whole number out of range -9223372036854775808..9223372036854775807 (at byte 0)",
	       "message for 2^63");
	is_int(smb_integer_parse("  99999999999999999999999", 0, 10, &v, &bad, err, sizeof err), -1,
	       "a huge number is refused");
	is_int((long long)bad, 2, "at the start of the number");
	is_int(smb_integer_parse("11", 0, 10, &v, &bad, err, sizeof err), -1, "11 is out of 0..10");
	is_str(err, "whole number out of range 0..10 (at byte 0)", "message for 11");
	is_int(smb_integer_parse("1.0", 0, 10, &v, &bad, err, sizeof err), -1, "1.0 is not a whole number");
	is_str(err, "not a whole number: '.' (at byte 1)", "message for 1.0");
	is_int(smb_integer_parse("1e3", 0, 10000, &v, &bad, err, sizeof err), -1, "1e3 is refused");
	is_int((long long)bad, 1, "at the 'e'");
	is_int(smb_integer_parse("", 0, 10, &v, &bad, err, sizeof err), -1, "empty is refused");
	is_str(err, "empty value where a whole number is expected (at byte 0)", "message for empty");
	is_int(smb_integer_parse("12a", 0, 100, &v, &bad, err, sizeof err), -1, "12a is refused");
	is_int((long long)bad, 2, "at the 'a'");
	v = 1;
	is_int(smb_integer_parse("--3", -5, 5, &v, &bad, err, sizeof err), -1, "--3 is refused");
	is_int((long long)bad, 1, "at the second '-'");
	is_int(v, 1, "a refused parse leaves the output alone");
}

static void formats(double v, const char *want)
{
	char out[32];
	smb_number_format(v, out);
	is_str(out, want, "%.17g prints as %s", v, want);
}

/* xorshift64: a fixed, portable stream of bit patterns. */
static uint64_t rng = 0x9E3779B97F4A7C15ULL;
static uint64_t next_bits(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void test_format(void)
{
	formats(0.1, "0.1");
	formats(1.0 / 3, "0.3333333333333333");
	formats(0.1 + 0.2, "0.30000000000000004");
	formats(100, "100");
	formats(-2.5, "-2.5");
	formats(1e21, "1e+21");
	formats(123456789012345678.0, "1.2345678901234568e+17");
	formats(0, "0");
	formats(-0.0, "-0");
	formats(5e-324, "4.94065645841247e-324");   /* 15 digits already read back */
	formats(1.7976931348623157e308, "1.7976931348623157e+308");
	formats(NAN, "nan");
	formats(INFINITY, "inf");
	formats(-INFINITY, "-inf");

	/* 200,000 random finite doubles: printed and parsed back, bit for bit,
	 * in at most 17 significant digits. */
	long wrong = 0, long_text = 0;
	for (int i = 0; i < 200000; i++) {
		uint64_t bits = next_bits();
		double v;
		memcpy(&v, &bits, sizeof v);
		if (!isfinite(v))
			continue;
		char out[32], err[128];
		size_t bad;
		double back;
		smb_number_format(v, out);
		if (strlen(out) > 24)
			long_text++;
		if (smb_number_parse(out, 0, &back, &bad, err, sizeof err) != 0 ||
		    memcmp(&back, &v, sizeof v) != 0)
			wrong++;
	}
	is_int(wrong, 0, "200,000 random doubles round-trip through format and parse");
	is_int(long_text, 0, "none needs more than 24 characters");

	/* Short decimals stay short: 0.01 .. 99.99 all print as typed. */
	long longer = 0;
	for (int c = 1; c < 10000; c++) {
		char typed[16], out[32];
		snprintf(typed, sizeof typed, "%d.%02d", c / 100, c % 100);
		smb_number_format(strtod(typed, NULL), out);
		if (c % 100 == 0)
			typed[strlen(typed) - 3] = '\0';       /* "12.00" prints "12" */
		else if (c % 10 == 0)
			typed[strlen(typed) - 1] = '\0';       /* "12.30" prints "12.3" */
		if (strcmp(out, typed) != 0)
			longer++;
	}
	is_int(longer, 0, "every two-decimal amount below 100 prints as a person types it");
}

/* Under a locale whose decimal point is ',' parsing and printing must not
 * change: files and JSON are locale-free. */
static void test_locale(void)
{
	static const char *names[] = { "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8",
	                               "nl_NL.UTF-8", NULL };
	const char *got = NULL;
	for (int i = 0; names[i] && !got; i++)
		got = setlocale(LC_NUMERIC, names[i]);
	if (!got) {
		ok(1, "decimal-comma locale # SKIP no de_DE, fr_FR or nl_NL locale installed");
		return;
	}
	double v = 0;
	size_t bad;
	char err[128], out[32];
	is_int(smb_number_parse("1.5", 0, &v, &bad, err, sizeof err), 0, "1.5 parses under %s", got);
	is_num(v, 1.5, 0, "as 1.5");
	is_int(smb_number_parse("2,25", 1, &v, &bad, err, sizeof err), 0, "2,25 parses with decimal comma");
	is_num(v, 2.25, 0, "as 2.25");
	smb_number_format(0.1, out);
	is_str(out, "0.1", "0.1 prints with a '.' under %s", got);
	setlocale(LC_NUMERIC, "C");
}

/* The exact fast path must give strtod's double bit for bit: random
 * decimals in the forms sheets hold, both marks, every exponent the fast
 * path takes and some it leaves to strtod. */
static void test_fast_path(void)
{
	static const char *const fixed[] = {
		"0", "-0", "+0.0", "1", "-1", "0.1", "0.3", "12.5", "-3.25", "1e22", "1e23", "1e-22", "1e-23",
		"9007199254740992", "9007199254740993", "90071992547409921", "0.30000000000000004",
		"123456789012345678", "1234567890123456789", "12345678901234567890", "4.9e-324",
		"1.7976931348623157e308", "0.000000000000000000000000000001", "00012.5000", "1E+05", "2.5e-3",
	};
	unsigned long long x = 88172645463325252ULL;
	size_t bad = 0, n = 0;
	char why[128], text[64];

	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0] + 200000; i++) {
		const char *t = text;
		if (i < sizeof fixed / sizeof fixed[0]) {
			t = fixed[i];
		} else {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			int intd = (int)(x % 12), fracd = (int)((x >> 8) % 12), ex = (int)((x >> 16) % 61) - 30;
			unsigned long long y = x;
			size_t k = 0;
			if (x >> 63)
				text[k++] = '-';
			for (int d = 0; d < intd || d == 0; d++, y /= 10)
				text[k++] = (char)('0' + y % 10);
			if (fracd) {
				text[k++] = '.';
				for (int d = 0; d < fracd; d++, y /= 7)
					text[k++] = (char)('0' + y % 10);
			}
			if ((x >> 40) & 1)
				k += (size_t)snprintf(text + k, sizeof text - k, "e%d", ex);
			text[k] = '\0';
		}
		double got = -1, want = strtod(t, NULL);
		size_t at;
		n++;
		if (smb_number_parse(t, 0, &got, &at, why, sizeof why) != 0 || memcmp(&got, &want, sizeof got) != 0) {
			if (bad++ < 5)
				printf("# %s: parsed %.17g, strtod %.17g\n", t, got, want);
		}
	}
	ok(bad == 0, "%zu decimals parse to strtod's double bit for bit (%zu differ)", n, bad);
	accepts("12,5", 1, 12.5);
	accepts("-0,07", 1, -0.07);
}

int main(void)
{
	test_parse();
	test_integer();
	test_format();
	test_locale();
	test_fast_path();
	return done_testing();
}
