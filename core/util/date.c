/* core/util/date.c — civil dates <-> day numbers in the proleptic Gregorian
 * calendar. Every period boundary in the core goes through these, so they use
 * floor division and hold for years before 1970 and before year 1 alike. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "date.h"

/* Days from 0001-01-01 to 1970-01-01. */
#define EPOCH_OFFSET 719162L

static long floor_div(long a, long b)
{
	long q = a / b;
	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

/* Days from 0001-01-01 to January 1st of year y. */
static long days_before_year(long y)
{
	long n = y - 1;
	return 365 * n + floor_div(n, 4) - floor_div(n, 100) + floor_div(n, 400);
}

/* Days of the year before the first of month m (1..12), non-leap. */
static const int month_start[13] = {
	0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334
};

int smb_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int smb_days_in_month(int y, int m)
{
	static const int len[13] = { 0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && smb_is_leap(y) ? 29 : len[m];
}

long smb_days_from_civil(int y, int m, int d)
{
	long doy = month_start[m] + (m > 2 && smb_is_leap(y)) + (d - 1);
	return days_before_year(y) + doy - EPOCH_OFFSET;
}

void smb_civil_from_days(long days, int *y, int *m, int *d)
{
	long n = days + EPOCH_OFFSET;      /* days since 0001-01-01 */
	/* 146097 days per 400 years; the estimate is off by at most one year,
	 * and the two loops below correct it. */
	long yy = 1 + floor_div(n * 400, 146097);
	while (days_before_year(yy + 1) <= n)
		yy++;
	while (days_before_year(yy) > n)
		yy--;
	int doy = (int)(n - days_before_year(yy));  /* 0-based */
	int leap = smb_is_leap((int)yy);
	int mm = 12;
	while (mm > 1 && doy < month_start[mm] + (mm > 2 && leap))
		mm--;
	*y = (int)yy;
	*m = mm;
	*d = doy - (month_start[mm] + (mm > 2 && leap)) + 1;
}

static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int smb_date_parse(const char *s, long *days, char *err, size_t errlen)
{
	if (!s)
		s = "";
	size_t n = 0;
	while (s[n] && n < 11)
		n++;
	if (n != 10 || s[4] != '-' || s[7] != '-') {
		snprintf(err, errlen, "\"%.32s\" is not a date written YYYY-MM-DD", s);
		return -1;
	}
	int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
	if (y < 0 || m < 0 || d < 0) {
		snprintf(err, errlen, "\"%s\" is not a date written YYYY-MM-DD (digits only)", s);
		return -1;
	}
	/* Same year range as periods, so every date has a period. */
	if (y < 1000) {
		snprintf(err, errlen, "%s: year %04d is out of range 1000..9999", s, y);
		return -1;
	}
	if (m < 1 || m > 12) {
		snprintf(err, errlen, "%s: month %02d is out of range 01..12", s, m);
		return -1;
	}
	int dim = smb_days_in_month(y, m);
	if (d < 1 || d > dim) {
		snprintf(err, errlen, "%s: day %02d is out of range for %04d-%02d (01..%02d)",
		         s, d, y, m, dim);
		return -1;
	}
	*days = smb_days_from_civil(y, m, d);
	return 0;
}

void smb_date_format(long days, char out[11])
{
	int y, m, d;
	smb_civil_from_days(days, &y, &m, &d);
	if (y < 0 || y > 9999) {
		/* Outside what YYYY can say; keep the buffer a valid string. */
		memcpy(out, "0000-00-00", 11);
		return;
	}
	int v[3] = { y, m, d }, w[3] = { 4, 2, 2 };
	char *o = out;
	for (int k = 0; k < 3; k++) {
		for (int i = w[k] - 1; i >= 0; i--) {
			o[i] = (char)('0' + v[k] % 10);
			v[k] /= 10;
		}
		o += w[k];
		*o++ = k < 2 ? '-' : '\0';
	}
}
