/* core/util/number.c — strict number parsing for imported spreadsheets: one
 * grammar checked here byte by byte (so errors point at the offending byte),
 * then strtod for a correctly rounded value; and shortest round-trip output. */
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "number.h"

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int lower(char c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Whether s starts with word, ignoring case. */
static int starts_with_word(const char *s, const char *word)
{
	for (; *word; s++, word++)
		if (lower(*s) != *word)
			return 0;
	return 1;
}

/* A character for a message: 'x' when printable, else its byte value. */
static void show_char(char c, char out[12])
{
	unsigned char u = (unsigned char)c;
	if (u >= 0x20 && u < 0x7f)
		snprintf(out, 12, "'%c'", c);
	else
		snprintf(out, 12, "byte 0x%02X", u);
}

static int fail(size_t *bad, size_t at, char *err, size_t errlen, const char *why)
{
	if (bad)
		*bad = at;
	snprintf(err, errlen, "%s (at byte %zu)", why, at);
	return -1;
}

static int fail_char(const char *s, size_t *bad, size_t at, char *err, size_t errlen,
                     const char *why)
{
	char c[12], msg[160];
	if (s[at] == '\0')
		snprintf(c, sizeof c, "end of text");
	else
		show_char(s[at], c);
	snprintf(msg, sizeof msg, "%s %s", why, c);
	return fail(bad, at, err, errlen, msg);
}

/* Most numbers a client's sheets hold (12.5, -3, 0.07, 1e+06) are an
 * integer M < 2^53 times 10^E with |E| <= 22: both are exact doubles, so
 * one multiplication or division rounds M * 10^E correctly (Clinger's fast
 * path) and strtod's general algorithm, ~700 instructions a number, is
 * not needed. s[0..n) already matches the grammar; returns 0 to leave the
 * number to strtod. */
static int exact_decimal(const char *s, size_t n, char mark, double *out)
{
	static const double pow10[23] = {
		1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
		1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
	};
	unsigned long long m = 0;
	int neg = 0, digits = 0, frac = 0, in_frac = 0, e = 0, eneg = 0;
	size_t i = 0;
	double v;

	if (s[i] == '+' || s[i] == '-')
		neg = s[i++] == '-';
	for (; i < n && (is_digit(s[i]) || s[i] == mark); i++) {
		if (s[i] == mark) {
			in_frac = 1;
			continue;
		}
		if (m || s[i] != '0')
			digits++;
		if (digits > 19)
			return 0;
		m = m * 10 + (unsigned)(s[i] - '0');
		frac += in_frac;
	}
	if (i < n) {   /* the exponent: e, an optional sign, digits */
		i++;
		if (s[i] == '+' || s[i] == '-')
			eneg = s[i++] == '-';
		for (; i < n; i++) {
			if (e > 1000)
				return 0;
			e = e * 10 + (s[i] - '0');
		}
	}
	e = (eneg ? -e : e) - frac;
	if (m > (1ULL << 53) || e < -22 || e > 22)
		return 0;
	v = e < 0 ? (double)m / pow10[-e] : (double)m * pow10[e];
	*out = neg ? -v : v;
	return 1;
}

int smb_number_parse(const char *s, int decimal_comma, double *out,
                     size_t *bad, char *err, size_t errlen)
{
	const char mark = decimal_comma ? ',' : '.';
	const char other = decimal_comma ? '.' : ',';
	if (!s)
		s = "";
	size_t i = 0;
	while (is_blank(s[i]))
		i++;
	size_t start = i;
	if (s[i] == '+' || s[i] == '-')
		i++;
	size_t before = 0, after = 0;
	while (is_digit(s[i])) {
		i++;
		before++;
	}
	size_t mark_at = (size_t)-1;
	if (s[i] == mark) {
		mark_at = i++;
		while (is_digit(s[i])) {
			i++;
			after++;
		}
	}
	if (before + after == 0) {
		const char *w = s + i;
		if (s[start] == '\0')
			return fail(bad, start, err, errlen, "empty value where a number is expected");
		if (starts_with_word(w, "nan") || starts_with_word(w, "inf"))
			return fail(bad, i, err, errlen, "not a finite number (NaN and infinity are refused)");
		if (s[i] == '\0')
			return fail(bad, i, err, errlen, "no digits in number");
		if (s[i] == other && mark_at == (size_t)-1)
			return fail_char(s, bad, i, err, errlen, decimal_comma
			                 ? "the decimal mark is ',' here, not"
			                 : "the decimal mark is '.' here, not");
		return fail_char(s, bad, i, err, errlen, "expected a digit, found");
	}
	if (s[i] == 'e' || s[i] == 'E') {
		i++;
		if (s[i] == '+' || s[i] == '-')
			i++;
		if (!is_digit(s[i]))
			return fail_char(s, bad, i, err, errlen, "the exponent has no digits; found");
		while (is_digit(s[i]))
			i++;
	}
	size_t end = i;
	while (is_blank(s[i]))
		i++;
	if (s[i] != '\0') {
		if (i == end && s[i] == mark)
			return fail_char(s, bad, i, err, errlen, "a second decimal mark");
		if (i == end && s[i] == other)
			return fail_char(s, bad, i, err, errlen, decimal_comma
			                 ? "no thousands separators; the decimal mark is ',' here, not"
			                 : "no thousands separators; the decimal mark is '.' here, not");
		return fail_char(s, bad, i, err, errlen, "unexpected");
	}

	if (exact_decimal(s + start, end - start, mark, out))
		return 0;
	/* The text between start and end now matches the grammar; only its
	 * decimal mark may differ from what strtod reads, which is the decimal
	 * point of LC_NUMERIC (a host program may have called setlocale). */
	const char *dp = localeconv()->decimal_point;
	if (!dp || !*dp)
		dp = ".";
	size_t n = end - start, dpn = strlen(dp);
	char local[80];
	char *t = n + dpn + 1 <= sizeof local ? local : malloc(n + dpn + 1);
	if (!t)
		return fail(bad, start, err, errlen, "out of memory");
	size_t k = 0;
	for (size_t j = start; j < end; j++) {
		if (j == mark_at) {
			memcpy(t + k, dp, dpn);
			k += dpn;
		} else {
			t[k++] = s[j];
		}
	}
	t[k] = '\0';
	errno = 0;
	double v = strtod(t, NULL);
	int range = errno == ERANGE;
	if (t != local)
		free(t);
	/* Underflow gives a correctly rounded tiny or zero value, which is a
	 * fine finite answer; only overflow loses the number. */
	if (range && isinf(v))
		return fail(bad, start, err, errlen, "number is too large for a double");
	if (!isfinite(v))
		return fail(bad, start, err, errlen, "not a finite number");
	*out = v;
	return 0;
}

int smb_integer_parse(const char *s, long long min, long long max,
                      long long *out, size_t *bad, char *err, size_t errlen)
{
	if (!s)
		s = "";
	size_t i = 0;
	while (is_blank(s[i]))
		i++;
	size_t start = i;
	int neg = 0;
	if (s[i] == '+' || s[i] == '-')
		neg = s[i++] == '-';
	if (!is_digit(s[i])) {
		if (s[start] == '\0')
			return fail(bad, start, err, errlen, "empty value where a whole number is expected");
		return fail_char(s, bad, i, err, errlen, "expected a digit, found");
	}
	/* Magnitude up to 2^63 fits unsigned long long; anything past it is out
	 * of every long long range, so stop accumulating but keep scanning. */
	const unsigned long long cap = 9223372036854775808ULL;
	unsigned long long mag = 0;
	int over = 0;
	while (is_digit(s[i])) {
		unsigned d = (unsigned)(s[i] - '0');
		if (!over && mag > (cap - d) / 10)
			over = 1;
		else if (!over)
			mag = mag * 10 + d;
		i++;
	}
	size_t end = i;
	while (is_blank(s[i]))
		i++;
	if (s[i] != '\0') {
		if (i == end && (s[i] == '.' || s[i] == ',' || s[i] == 'e' || s[i] == 'E'))
			return fail_char(s, bad, i, err, errlen, "not a whole number:");
		return fail_char(s, bad, i, err, errlen, "unexpected");
	}
	long long v;
	if (over || (!neg && mag > (unsigned long long)9223372036854775807LL)) {
		over = 1;
		v = 0;
	} else if (neg) {
		v = mag == cap ? (-9223372036854775807LL - 1) : -(long long)mag;
	} else {
		v = (long long)mag;
	}
	if (over || v < min || v > max) {
		char msg[96];
		snprintf(msg, sizeof msg, "whole number out of range %lld..%lld", min, max);
		return fail(bad, start, err, errlen, msg);
	}
	*out = v;
	return 0;
}

void smb_number_format(double v, char out[32])
{
	if (isnan(v)) {
		snprintf(out, 32, "nan");
		return;
	}
	if (isinf(v)) {
		snprintf(out, 32, v < 0 ? "-inf" : "inf");
		return;
	}
	/* 17 significant digits always round-trip; fewer usually do and read
	 * better (0.1 rather than 0.10000000000000001). */
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(out, 32, "%.*g", prec, v);
		if (prec == 17 || strtod(out, NULL) == v)
			break;
	}
	/* printf used the locale's decimal point; the output is always '.'. */
	const char *dp = localeconv()->decimal_point;
	if (dp && *dp && strcmp(dp, ".") != 0) {
		char *at = strstr(out, dp);
		if (at) {
			size_t dpn = strlen(dp);
			*at = '.';
			memmove(at + 1, at + dpn, strlen(at + dpn) + 1);
		}
	}
}
