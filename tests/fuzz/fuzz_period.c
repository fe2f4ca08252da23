/* tests/fuzz/fuzz_period.c — libFuzzer target for the period parser and
 * period arithmetic (core/util/period.c), with the date and number parsers that
 * read the other cells of a row. Each parser is checked against a grammar
 * written here independently: it accepts exactly what the README documents. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "number.h"
#include "period.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond, ...)                                                      \
	do {                                                                  \
		if (!(cond)) {                                                \
			fprintf(stderr, "fuzz_period: %s: ", #cond);          \
			fprintf(stderr, __VA_ARGS__);                         \
			fputc('\n', stderr);                                  \
			abort();                                              \
		}                                                             \
	} while (0)

static int dig(char c) { return c >= '0' && c <= '9'; }

/* "YYYY", "YYYY-Qn" or "YYYY-MM" with the year 1000..9999, n 1..4, MM 01..12. */
static int period_grammar(const char *s)
{
	size_t n = strlen(s);
	if (n < 4 || !dig(s[0]) || !dig(s[1]) || !dig(s[2]) || !dig(s[3]) || s[0] == '0')
		return 0;
	if (n == 4)
		return 1;
	if (n != 7 || s[4] != '-')
		return 0;
	if (s[5] == 'Q')
		return s[6] >= '1' && s[6] <= '4';
	if (!dig(s[5]) || !dig(s[6]))
		return 0;
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	return m >= 1 && m <= 12;
}

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* "YYYY-MM-DD", a real day of a year 1000..9999. */
static int date_grammar(const char *s)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !dig(s[i]))
			return 0;
	int y = atoi(s), m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1000 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= mdays[m - 1] + (m == 2 && leap(y));
}

/* blanks [+-] digits [mark digits] [e [+-] digits] blanks, at least one
 * digit before the exponent; fills plain with the C-locale text. */
static int number_grammar(const char *s, char mark, char *plain, size_t cap)
{
	size_t i = 0, k = 0, digits = 0;
	while (s[i] == ' ' || s[i] == '\t')
		i++;
	if (s[i] == '+' || s[i] == '-')
		plain[k++] = s[i++];
	for (; dig(s[i]); i++, digits++)
		if (k + 1 < cap)
			plain[k++] = s[i];
	if (s[i] == mark) {
		plain[k++] = '.';
		for (i++; dig(s[i]); i++, digits++)
			if (k + 1 < cap)
				plain[k++] = s[i];
	}
	if (!digits)
		return 0;
	if (s[i] == 'e' || s[i] == 'E') {
		if (k + 1 < cap)
			plain[k++] = 'e';
		i++;
		if (s[i] == '+' || s[i] == '-')
			if (k + 1 < cap)
				plain[k++] = s[i++];
		if (!dig(s[i]))
			return 0;
		for (; dig(s[i]); i++)
			if (k + 1 < cap)
				plain[k++] = s[i];
	}
	while (s[i] == ' ' || s[i] == '\t')
		i++;
	plain[k] = '\0';
	return s[i] == '\0' && k + 1 < cap;
}

static int same(const smb_period *a, const smb_period *b)
{
	return a->kind == b->kind && a->year == b->year && a->index == b->index;
}

static void check_period(const char *s)
{
	smb_period p, q, months[12];
	char err[256], back[SMB_PERIOD_TEXT];
	int ok = smb_period_parse(s, &p, err, sizeof err) == 0;

	CHECK(ok == period_grammar(s), "'%s': parse says %d, the grammar %d (%s)", s, ok, period_grammar(s),
	      ok ? "" : err);
	if (!ok) {
		CHECK(err[0] != '\0', "'%s' refused without a reason", s);
		return;
	}
	smb_period_format(&p, back);
	CHECK(strcmp(back, s) == 0, "'%s' formats back as '%s'", s, back);
	long first = smb_period_first_day(&p), last = smb_period_last_day(&p);
	int nm = smb_period_months(&p);
	CHECK(first <= last && last - first + 1 >= 28L * nm && last - first + 1 <= 31L * nm + 1,
	      "'%s': days %ld..%ld for %d months", s, first, last, nm);
	smb_period_split_months(&p, months);
	CHECK(smb_period_first_day(&months[0]) == first && smb_period_last_day(&months[nm - 1]) == last,
	      "'%s': its months do not cover it", s);
	for (int i = 0; i < nm; i++) {
		CHECK(smb_period_contains(&p, &months[i]), "'%s' does not contain its month %d", s, i);
		if (i)
			CHECK(smb_period_first_day(&months[i]) == smb_period_last_day(&months[i - 1]) + 1,
			      "'%s': a gap after month %d", s, i);
	}
	q = smb_period_of_day(first, p.kind);
	CHECK(same(&q, &p), "'%s': the period of its first day differs", s);
	q = smb_period_of_day(last, p.kind);
	CHECK(same(&q, &p), "'%s': the period of its last day differs", s);
	q = smb_period_previous(&p);
	CHECK(smb_period_last_day(&q) + 1 == first, "'%s': previous does not end the day before", s);
	q = smb_period_next(&q);
	CHECK(same(&q, &p), "'%s': next(previous) differs", s);
	q = smb_period_next(&p);
	CHECK(smb_period_first_day(&q) == last + 1 && smb_period_compare(&p, &q) < 0, "'%s': next is wrong", s);
	q = smb_period_year_ago(&p);
	CHECK(q.year == p.year - 1 && smb_period_compare(&q, &p) < 0, "'%s': year ago is wrong", s);
	CHECK(smb_period_compare(&p, &p) == 0 && smb_period_contains(&p, &p), "'%s' is not itself", s);
	smb_period year = { SMB_PERIOD_YEAR, p.year, 0 };
	CHECK(smb_period_contains(&year, &p), "'%s' is not inside its year", s);
	/* The longer period sorts first on the same first day. */
	if (p.kind != SMB_PERIOD_YEAR && first == smb_period_first_day(&year))
		CHECK(smb_period_compare(&year, &p) < 0, "'%s': its year should sort first", s);
}

static void check_date(const char *s)
{
	char err[256], back[11];
	long days;
	int ok = smb_date_parse(s, &days, err, sizeof err) == 0;
	CHECK(ok == date_grammar(s), "date '%s': parse says %d, the grammar %d", s, ok, date_grammar(s));
	if (!ok)
		return;
	smb_date_format(days, back);
	CHECK(strcmp(back, s) == 0, "date '%s' formats back as '%s'", s, back);
	int y, m, d;
	smb_civil_from_days(days, &y, &m, &d);
	CHECK(smb_days_from_civil(y, m, d) == days, "date '%s' does not round-trip through civil", s);
	smb_period mo = smb_period_of_day(days, SMB_PERIOD_MONTH);
	CHECK(mo.year == y && mo.index == m, "date '%s' lies in the wrong month", s);
}

static void check_number(const char *s)
{
	char err[256], plain[256], shortest[32];
	for (int comma = 0; comma < 2; comma++) {
		double v = 0, w = 0;
		size_t bad = (size_t)-1;
		int ok = smb_number_parse(s, comma, &v, &bad, err, sizeof err) == 0;
		int gram = number_grammar(s, comma ? ',' : '.', plain, sizeof plain);
		if (!gram) {
			CHECK(!ok, "'%s' (mark '%c') accepted outside the grammar", s, comma ? ',' : '.');
			CHECK(bad <= strlen(s), "'%s': bad offset %zu past the end", s, bad);
			continue;
		}
		w = strtod(plain, NULL);
		/* Inside the grammar only overflow is refused. */
		CHECK(ok == (isfinite(w) != 0), "'%s' (mark '%c'): parse %d, strtod %g", s, comma ? ',' : '.', ok, w);
		if (!ok)
			continue;
		CHECK(v == w, "'%s': %.17g, strtod %.17g", s, v, w);
		smb_number_format(v, shortest);
		CHECK(smb_number_parse(shortest, 0, &w, &bad, err, sizeof err) == 0 && w == v,
		      "'%s': %.17g formats as '%s', which reads back differently", s, v, shortest);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Cells are short; longer inputs only slow the search down. */
	char s[128];
	if (size >= sizeof s)
		size = sizeof s - 1;
	memcpy(s, data, size);
	s[size] = '\0';
	check_period(s);
	check_date(s);
	check_number(s);
	return 0;
}
