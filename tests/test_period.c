/* tests/test_period.c — civil dates and assessment periods: day numbers
 * checked against known dates, leap years, strict parsing with its messages,
 * and the period moves used by roll-ups and reviews. */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "period.h"
#include "tap.h"

static smb_period P(const char *s)
{
	smb_period p = { SMB_PERIOD_YEAR, 0, 0 };
	char err[256];
	if (smb_period_parse(s, &p, err, sizeof err) != 0)
		printf("# unexpected: %s\n", err);
	return p;
}

static const char *fmt(smb_period p)
{
	static char out[4][SMB_PERIOD_TEXT];
	static int k;
	k = (k + 1) % 4;
	smb_period_format(&p, out[k]);
	return out[k];
}

static const char *day(long d)
{
	static char out[4][11];
	static int k;
	k = (k + 1) % 4;
	smb_date_format(d, out[k]);
	return out[k];
}

static void test_dates(void)
{
	is_int(smb_days_from_civil(1970, 1, 1), 0, "1970-01-01 is day 0");
	is_int(smb_days_from_civil(2026, 1, 1), 20454, "2026-01-01 is day 20454");
	is_int(smb_days_from_civil(2000, 3, 1), 11017, "2000-03-01 is day 11017");
	is_int(smb_days_from_civil(1969, 12, 31), -1, "1969-12-31 is day -1");
	is_int(smb_days_from_civil(1000, 1, 1), -354285, "1000-01-01 is day -354285");
	is_int(smb_days_from_civil(9999, 12, 31), 2932896, "9999-12-31 is day 2932896");

	ok(!smb_is_leap(1900) && smb_is_leap(2000) && smb_is_leap(2024) &&
	   !smb_is_leap(2023) && !smb_is_leap(2100), "leap years: 2000 and 2024, not 1900, 2023, 2100");
	is_int(smb_days_in_month(2024, 2), 29, "February 2024 has 29 days");
	is_int(smb_days_in_month(2100, 2), 28, "February 2100 has 28 days");
	is_int(smb_days_in_month(2026, 4), 30, "April has 30 days");
	is_int(smb_days_in_month(2026, 13), 0, "month 13 has no days");

	/* Every day of years 1000..9999 goes to a date and back, and consecutive
	 * day numbers are consecutive dates. */
	long bad = 0, d0 = smb_days_from_civil(1000, 1, 1), d1 = smb_days_from_civil(9999, 12, 31);
	int py = 999, pm = 12, pd = 31;
	for (long d = d0; d <= d1; d++) {
		int y, m, dd;
		smb_civil_from_days(d, &y, &m, &dd);
		int next = (y == py && m == pm && dd == pd + 1) ||
		           (y == py && m == pm + 1 && dd == 1 && pd == smb_days_in_month(py, pm)) ||
		           (y == py + 1 && m == 1 && dd == 1 && pm == 12 && pd == 31);
		if (!next || smb_days_from_civil(y, m, dd) != d)
			bad++;
		py = y;
		pm = m;
		pd = dd;
	}
	is_int(bad, 0, "3,652,059 days from 1000-01-01 to 9999-12-31 round-trip in order");

	long d;
	char err[256];
	is_int(smb_date_parse("2024-02-29", &d, err, sizeof err), 0, "2024-02-29 is accepted");
	is_int(d, 19782, "2024-02-29 is day 19782");
	is_str(day(d), "2024-02-29", "and prints back");
	is_int(smb_date_parse("2023-02-29", &d, err, sizeof err), -1, "2023-02-29 is refused");
	is_str(err, "2023-02-29: day 29 is out of range for 2023-02 (01..28)", "with the month's length");
	is_int(smb_date_parse("2026-02-30", &d, err, sizeof err), -1, "2026-02-30 is refused");
	is_str(err, "2026-02-30: day 30 is out of range for 2026-02 (01..28)", "message for 2026-02-30");
	is_int(smb_date_parse("2026-13-01", &d, err, sizeof err), -1, "month 13 is refused");
	is_str(err, "2026-13-01: month 13 is out of range 01..12", "message for month 13");
	is_int(smb_date_parse("2026-1-01", &d, err, sizeof err), -1, "a one-digit month is refused");
	is_str(err, "\"2026-1-01\" is not a date written YYYY-MM-DD", "message for 2026-1-01");
	is_int(smb_date_parse("2026-01-01 ", &d, err, sizeof err), -1, "a trailing blank is refused");
	is_int(smb_date_parse("2026-0a-01", &d, err, sizeof err), -1, "a letter is refused");
	is_str(err, "\"2026-0a-01\" is not a date written YYYY-MM-DD (digits only)", "message for a letter");
	is_int(smb_date_parse("0999-12-31", &d, err, sizeof err), -1, "year 999 is refused");
	is_int(smb_date_parse("", &d, err, sizeof err), -1, "an empty date is refused");
	is_str(day(-1), "1969-12-31", "day -1 prints as 1969-12-31");
}

static void test_parse(void)
{
	smb_period p;
	char err[256];
	is_int(smb_period_parse("2026", &p, err, sizeof err), 0, "2026 parses");
	ok(p.kind == SMB_PERIOD_YEAR && p.year == 2026 && p.index == 0, "2026 is a year");
	is_int(smb_period_parse("2026-Q3", &p, err, sizeof err), 0, "2026-Q3 parses");
	ok(p.kind == SMB_PERIOD_QUARTER && p.year == 2026 && p.index == 3, "2026-Q3 is quarter 3");
	is_int(smb_period_parse("2026-09", &p, err, sizeof err), 0, "2026-09 parses");
	ok(p.kind == SMB_PERIOD_MONTH && p.year == 2026 && p.index == 9, "2026-09 is month 9");
	is_str(fmt(P("2026")), "2026", "2026 prints back");
	is_str(fmt(P("2026-Q3")), "2026-Q3", "2026-Q3 prints back");
	is_str(fmt(P("2026-09")), "2026-09", "2026-09 prints back");

	static const struct {
		const char *in, *msg;
	} refused[] = {
		{ "2026-Q5", "\"2026-Q5\": quarter 5 does not exist (Q1..Q4)" },
		{ "2026-Q0", "\"2026-Q0\": quarter 0 does not exist (Q1..Q4)" },
		{ "2026-13", "\"2026-13\": month 13 does not exist (01..12)" },
		{ "2026-00", "\"2026-00\": month 00 does not exist (01..12)" },
		{ "26-01", "\"26-01\": the year must have exactly four digits" },
		{ "2026-9", "\"2026-9\": the month must have two digits (2026-09)" },
		{ " 2026", "\" 2026\": a period starts with a four-digit year (YYYY, YYYY-Qn or YYYY-MM)" },
		{ "2026 ", "\"2026 \": unexpected text after the year; expected YYYY, YYYY-Qn or YYYY-MM" },
		{ "2026-q3", "\"2026-q3\": write the quarter with a capital Q (2026-Q3)" },
		{ "2026-Q12", "\"2026-Q12\": a quarter is written YYYY-Qn with n from 1 to 4" },
		{ "2026-09-15", "\"2026-09-15\": unexpected text after the month; a day is not a period" },
		{ "20261", "\"20261\": the year must have exactly four digits" },
		{ "0999", "\"0999\": year 0999 is out of range 1000..9999" },
		{ "", "empty period; expected YYYY, YYYY-Qn or YYYY-MM" },
		{ "2026-H1", "\"2026-H1\": after the year expected a month (MM) or a quarter (Qn)" },
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		err[0] = '\0';
		int r = smb_period_parse(refused[i].in, &p, err, sizeof err);
		ok(r == -1 && strcmp(err, refused[i].msg) == 0, "\"%s\" is refused: %s",
		   refused[i].in, refused[i].msg);
		if (r != -1 || strcmp(err, refused[i].msg) != 0)
			printf("#   got %d \"%s\"\n", r, err);
	}
	is_int(smb_period_parse(NULL, &p, err, sizeof err), -1, "NULL is refused");
}

static void test_bounds(void)
{
	static const struct {
		const char *p, *first, *last;
		int months;
	} cases[] = {
		{ "2024-02", "2024-02-01", "2024-02-29", 1 },
		{ "2100-02", "2100-02-01", "2100-02-28", 1 },
		{ "2000-02", "2000-02-01", "2000-02-29", 1 },
		{ "2026-Q4", "2026-10-01", "2026-12-31", 3 },
		{ "2026-Q1", "2026-01-01", "2026-03-31", 3 },
		{ "2024-Q1", "2024-01-01", "2024-03-31", 3 },
		{ "2026-Q3", "2026-07-01", "2026-09-30", 3 },
		{ "2026", "2026-01-01", "2026-12-31", 12 },
		{ "2026-12", "2026-12-01", "2026-12-31", 1 },
		{ "2026-04", "2026-04-01", "2026-04-30", 1 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		smb_period p = P(cases[i].p);
		is_str(day(smb_period_first_day(&p)), cases[i].first, "%s starts %s", cases[i].p, cases[i].first);
		is_str(day(smb_period_last_day(&p)), cases[i].last, "%s ends %s", cases[i].p, cases[i].last);
		is_int(smb_period_months(&p), cases[i].months, "%s has %d months", cases[i].p, cases[i].months);
	}
	smb_period y24 = P("2024"), y26 = P("2026");
	is_int(smb_period_last_day(&y24) - smb_period_first_day(&y24) + 1, 366, "2024 has 366 days");
	is_int(smb_period_last_day(&y26) - smb_period_first_day(&y26) + 1, 365, "2026 has 365 days");
}

static void test_moves(void)
{
	smb_period p;
	p = P("2026-01");
	is_str(fmt(smb_period_previous(&p)), "2025-12", "previous of 2026-01 is 2025-12");
	p = P("2026-Q1");
	is_str(fmt(smb_period_previous(&p)), "2025-Q4", "previous of 2026-Q1 is 2025-Q4");
	p = P("2026-07");
	is_str(fmt(smb_period_previous(&p)), "2026-06", "previous of 2026-07 is 2026-06");
	p = P("2026-Q3");
	is_str(fmt(smb_period_previous(&p)), "2026-Q2", "previous of 2026-Q3 is 2026-Q2");
	p = P("2026");
	is_str(fmt(smb_period_previous(&p)), "2025", "previous of 2026 is 2025");
	p = P("2025-12");
	is_str(fmt(smb_period_next(&p)), "2026-01", "next of 2025-12 is 2026-01");
	p = P("2025-Q4");
	is_str(fmt(smb_period_next(&p)), "2026-Q1", "next of 2025-Q4 is 2026-Q1");
	p = P("2026");
	is_str(fmt(smb_period_next(&p)), "2027", "next of 2026 is 2027");
	p = P("2026-Q3");
	is_str(fmt(smb_period_year_ago(&p)), "2025-Q3", "year ago of 2026-Q3 is 2025-Q3");
	p = P("2026-01");
	is_str(fmt(smb_period_year_ago(&p)), "2025-01", "year ago of 2026-01 is 2025-01");
	p = P("2025-02");
	smb_period ya = smb_period_year_ago(&p);
	is_str(day(smb_period_last_day(&ya)), "2024-02-29", "year ago of 2025-02 ends on the 29th");
	p = P("2026");
	is_str(fmt(smb_period_year_ago(&p)), "2025", "year ago of 2026 is 2025");

	/* Walking 120 months forward and back lands where it started. */
	p = P("2019-11");
	smb_period q = p;
	for (int i = 0; i < 120; i++)
		q = smb_period_next(&q);
	is_str(fmt(q), "2029-11", "120 months after 2019-11 is 2029-11");
	for (int i = 0; i < 120; i++)
		q = smb_period_previous(&q);
	ok(smb_period_compare(&p, &q) == 0, "and 120 months back is 2019-11 again");
}

static void test_contains(void)
{
	smb_period y = P("2026"), q3 = P("2026-Q3"), sep = P("2026-09"), oct = P("2026-10"),
	           jan27 = P("2027-01"), q4_25 = P("2025-Q4");
	ok(smb_period_contains(&y, &q3), "2026 contains 2026-Q3");
	ok(smb_period_contains(&q3, &sep), "2026-Q3 contains 2026-09");
	ok(smb_period_contains(&y, &sep), "2026 contains 2026-09");
	ok(!smb_period_contains(&q3, &y), "2026-Q3 does not contain 2026");
	ok(!smb_period_contains(&sep, &q3), "2026-09 does not contain 2026-Q3");
	ok(!smb_period_contains(&sep, &y), "2026-09 does not contain 2026");
	ok(!smb_period_contains(&q3, &oct), "2026-Q3 does not contain 2026-10");
	ok(!smb_period_contains(&y, &jan27), "2026 does not contain 2027-01");
	ok(!smb_period_contains(&y, &q4_25), "2026 does not contain 2025-Q4");
	ok(smb_period_contains(&q3, &q3), "a period contains itself");
}

static int cmp(const void *a, const void *b)
{
	return smb_period_compare(a, b);
}

static void test_split_compare_of_day(void)
{
	smb_period m[12];
	smb_period q3 = P("2026-Q3"), y = P("2026"), sep = P("2026-09");
	smb_period_split_months(&q3, m);
	ok(strcmp(fmt(m[0]), "2026-07") == 0 && strcmp(fmt(m[1]), "2026-08") == 0 &&
	   strcmp(fmt(m[2]), "2026-09") == 0, "2026-Q3 splits into 2026-07, 2026-08, 2026-09");
	smb_period_split_months(&y, m);
	int in_order = 1;
	for (int i = 0; i < 12; i++)
		in_order &= m[i].kind == SMB_PERIOD_MONTH && m[i].year == 2026 && m[i].index == i + 1;
	ok(in_order, "2026 splits into its 12 months in order");
	smb_period_split_months(&sep, m);
	is_str(fmt(m[0]), "2026-09", "a month splits into itself");

	/* Sorting puts the longer period first when they start together. */
	static const char *mixed[] = { "2026-02", "2026-Q2", "2026-01", "2025", "2026",
	                               "2026-Q1", "2025-12", "2026-04" };
	static const char *sorted = "2025 2025-12 2026 2026-Q1 2026-01 2026-02 2026-Q2 2026-04";
	smb_period ps[8];
	for (int i = 0; i < 8; i++)
		ps[i] = P(mixed[i]);
	qsort(ps, 8, sizeof ps[0], cmp);
	char got[128] = "";
	for (int i = 0; i < 8; i++) {
		if (i)
			strcat(got, " ");
		strcat(got, fmt(ps[i]));
	}
	is_str(got, sorted, "compare orders by first day, longer first");
	smb_period a = P("2026-Q3"), b = P("2026-Q3"), c = P("2026-07");
	ok(smb_period_compare(&a, &b) == 0, "equal periods compare 0");
	ok(smb_period_compare(&a, &c) < 0 && smb_period_compare(&c, &a) > 0,
	   "2026-Q3 before 2026-07, and the reverse");

	long d = smb_days_from_civil(2026, 9, 15);
	is_str(fmt(smb_period_of_day(d, SMB_PERIOD_YEAR)), "2026", "2026-09-15 is in 2026");
	is_str(fmt(smb_period_of_day(d, SMB_PERIOD_QUARTER)), "2026-Q3", "2026-09-15 is in 2026-Q3");
	is_str(fmt(smb_period_of_day(d, SMB_PERIOD_MONTH)), "2026-09", "2026-09-15 is in 2026-09");
	d = smb_days_from_civil(2024, 12, 31);
	is_str(fmt(smb_period_of_day(d, SMB_PERIOD_QUARTER)), "2024-Q4", "2024-12-31 is in 2024-Q4");
	d = smb_days_from_civil(2026, 4, 1);
	is_str(fmt(smb_period_of_day(d, SMB_PERIOD_QUARTER)), "2026-Q2", "2026-04-01 is in 2026-Q2");
	is_str(fmt(smb_period_of_day(-1, SMB_PERIOD_MONTH)), "1969-12", "day -1 is in 1969-12");
	/* Every day of 2024 lies in the month of_day gives, by first and last day. */
	int all = 1;
	for (long t = smb_days_from_civil(2024, 1, 1); t <= smb_days_from_civil(2024, 12, 31); t++) {
		smb_period mp = smb_period_of_day(t, SMB_PERIOD_MONTH);
		smb_period qp = smb_period_of_day(t, SMB_PERIOD_QUARTER);
		all &= smb_period_first_day(&mp) <= t && t <= smb_period_last_day(&mp) &&
		       smb_period_contains(&qp, &mp);
	}
	ok(all, "every day of 2024 lies in its month, and that month in its quarter");
}

int main(void)
{
	test_dates();
	test_parse();
	test_bounds();
	test_moves();
	test_contains();
	test_split_compare_of_day();
	return done_testing();
}
