/* core/util/period.c — the three kinds of assessment period (year, quarter,
 * month): strict parsing, their first and last days, and the moves between
 * them that roll-ups and reviews need (previous, year ago, split to months). */
#include <stdio.h>

#include "date.h"
#include "period.h"

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Quotes s for a message, cut short and with unprintable bytes as '?', so a
 * stray control character cannot garble the caller's output. */
static void shown(const char *s, char out[40])
{
	size_t i = 0;
	for (; s[i] && i < 32; i++)
		out[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i];
	if (s[i]) {
		out[i++] = '.';
		out[i++] = '.';
		out[i++] = '.';
	}
	out[i] = '\0';
}

int smb_period_parse(const char *s, smb_period *p, char *err, size_t errlen)
{
	char q[40];
	if (!s)
		s = "";
	shown(s, q);
	if (!*s) {
		snprintf(err, errlen, "empty period; expected YYYY, YYYY-Qn or YYYY-MM");
		return -1;
	}
	int nd = 0;
	while (nd < 5 && is_digit(s[nd]))
		nd++;
	if (nd == 0) {
		snprintf(err, errlen, "\"%s\": a period starts with a four-digit year "
		         "(YYYY, YYYY-Qn or YYYY-MM)", q);
		return -1;
	}
	if (nd != 4) {
		snprintf(err, errlen, "\"%s\": the year must have exactly four digits", q);
		return -1;
	}
	int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	if (year < 1000) {
		snprintf(err, errlen, "\"%s\": year %04d is out of range 1000..9999", q, year);
		return -1;
	}
	if (s[4] == '\0') {
		p->kind = SMB_PERIOD_YEAR;
		p->year = year;
		p->index = 0;
		return 0;
	}
	if (s[4] != '-') {
		snprintf(err, errlen, "\"%s\": unexpected text after the year; expected "
		         "YYYY, YYYY-Qn or YYYY-MM", q);
		return -1;
	}
	const char *r = s + 5;
	if (r[0] == 'Q' || r[0] == 'q') {
		if (r[0] == 'q') {
			snprintf(err, errlen, "\"%s\": write the quarter with a capital Q "
			         "(%04d-Q%c)", q, year, is_digit(r[1]) ? r[1] : 'n');
			return -1;
		}
		if (!is_digit(r[1]) || r[2] != '\0') {
			snprintf(err, errlen, "\"%s\": a quarter is written YYYY-Qn with n "
			         "from 1 to 4", q);
			return -1;
		}
		int n = r[1] - '0';
		if (n < 1 || n > 4) {
			snprintf(err, errlen, "\"%s\": quarter %d does not exist (Q1..Q4)", q, n);
			return -1;
		}
		p->kind = SMB_PERIOD_QUARTER;
		p->year = year;
		p->index = n;
		return 0;
	}
	if (!is_digit(r[0])) {
		snprintf(err, errlen, "\"%s\": after the year expected a month (MM) or "
		         "a quarter (Qn)", q);
		return -1;
	}
	if (!is_digit(r[1])) {
		if (r[1] == '\0')
			snprintf(err, errlen, "\"%s\": the month must have two digits "
			         "(%04d-0%c)", q, year, r[0]);
		else
			snprintf(err, errlen, "\"%s\": the month must be two digits (MM)", q);
		return -1;
	}
	if (r[2] != '\0') {
		snprintf(err, errlen, "\"%s\": unexpected text after the month; a day "
		         "is not a period", q);
		return -1;
	}
	int m = (r[0] - '0') * 10 + (r[1] - '0');
	if (m < 1 || m > 12) {
		snprintf(err, errlen, "\"%s\": month %02d does not exist (01..12)", q, m);
		return -1;
	}
	p->kind = SMB_PERIOD_MONTH;
	p->year = year;
	p->index = m;
	return 0;
}

/* Writes v (0..10^n - 1) as n digits. */
static void put_digits(char *o, int v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		o[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

void smb_period_format(const smb_period *p, char out[SMB_PERIOD_TEXT])
{
	/* Years outside 0..9999 only arise from moving past the ends of the
	 * range parse accepts; clamp them rather than overrun the buffer. */
	int y = p->year < 0 ? 0 : p->year > 9999 ? 9999 : p->year;
	int i = p->index < 0 ? 0 : p->index > 12 ? 12 : p->index;
	put_digits(out, y, 4);
	switch (p->kind) {
	case SMB_PERIOD_QUARTER:
		out[4] = '-';
		out[5] = 'Q';
		put_digits(out + 6, i > 9 ? 9 : i, 1);
		out[7] = '\0';
		break;
	case SMB_PERIOD_MONTH:
		out[4] = '-';
		put_digits(out + 5, i, 2);
		out[7] = '\0';
		break;
	default:
		out[4] = '\0';
		break;
	}
}

int smb_period_months(const smb_period *p)
{
	switch (p->kind) {
	case SMB_PERIOD_QUARTER: return 3;
	case SMB_PERIOD_MONTH:   return 1;
	default:                 return 12;
	}
}

/* First month (1..12) of p. */
static int first_month(const smb_period *p)
{
	switch (p->kind) {
	case SMB_PERIOD_QUARTER: return 3 * p->index - 2;
	case SMB_PERIOD_MONTH:   return p->index;
	default:                 return 1;
	}
}

long smb_period_first_day(const smb_period *p)
{
	return smb_days_from_civil(p->year, first_month(p), 1);
}

long smb_period_last_day(const smb_period *p)
{
	int m = first_month(p) + smb_period_months(p) - 1;
	return smb_days_from_civil(p->year, m, smb_days_in_month(p->year, m));
}

int smb_period_contains(const smb_period *outer, const smb_period *inner)
{
	return smb_period_first_day(outer) <= smb_period_first_day(inner) &&
	       smb_period_last_day(inner) <= smb_period_last_day(outer);
}

/* Moves p by delta periods of its own kind. */
static smb_period shift(const smb_period *p, int delta)
{
	smb_period r = *p;
	int per_year = p->kind == SMB_PERIOD_QUARTER ? 4 : p->kind == SMB_PERIOD_MONTH ? 12 : 1;
	if (p->kind == SMB_PERIOD_YEAR) {
		r.year += delta;
		return r;
	}
	/* index is 1-based; count periods from year 0 to shift with plain
	 * arithmetic, then split back with floor division. */
	long n = (long)p->year * per_year + (p->index - 1) + delta;
	long y = n / per_year, i = n % per_year;
	if (i < 0) {
		i += per_year;
		y--;
	}
	r.year = (int)y;
	r.index = (int)i + 1;
	return r;
}

smb_period smb_period_previous(const smb_period *p)
{
	return shift(p, -1);
}

smb_period smb_period_next(const smb_period *p)
{
	return shift(p, 1);
}

smb_period smb_period_year_ago(const smb_period *p)
{
	smb_period r = *p;
	r.year--;
	return r;
}

int smb_period_compare(const smb_period *a, const smb_period *b)
{
	long fa = smb_period_first_day(a), fb = smb_period_first_day(b);
	if (fa != fb)
		return fa < fb ? -1 : 1;
	int ma = smb_period_months(a), mb = smb_period_months(b);
	if (ma != mb)
		return ma > mb ? -1 : 1;
	return 0;
}

void smb_period_split_months(const smb_period *p, smb_period *out)
{
	int m0 = first_month(p), n = smb_period_months(p);
	for (int i = 0; i < n; i++) {
		out[i].kind = SMB_PERIOD_MONTH;
		out[i].year = p->year;
		out[i].index = m0 + i;
	}
}

smb_period smb_period_of_day(long day, smb_period_kind k)
{
	int y, m, d;
	smb_civil_from_days(day, &y, &m, &d);
	smb_period p;
	p.kind = k;
	p.year = y;
	p.index = k == SMB_PERIOD_QUARTER ? (m - 1) / 3 + 1 : k == SMB_PERIOD_MONTH ? m : 0;
	return p;
}
