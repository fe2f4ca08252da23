/* plugins/industry/formulas.c — the industry metrics' formulas and the bit
 * of period arithmetic they need. Pure functions: the plugins read values
 * through the host API and pass them in; the test passes hand-made ones. */
#include "formulas.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Reads exactly n digits at s into *v. */
static int digits(const char *s, int n, int *v)
{
	int x = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		x = 10 * x + (s[i] - '0');
	}
	*v = x;
	return 0;
}

/* kind: 'Y', 'Q' or 'M'; index: quarter or month. */
static int parse_period(const char *p, int *year, char *kind, int *index)
{
	size_t len = p ? strlen(p) : 0;

	if (len < 4 || digits(p, 4, year))
		return -1;
	if (len == 4) {
		*kind = 'Y';
		*index = 0;
		return 0;
	}
	if (len == 7 && p[4] == '-' && p[5] == 'Q' && p[6] >= '1' && p[6] <= '4') {
		*kind = 'Q';
		*index = p[6] - '0';
		return 0;
	}
	if (len == 7 && p[4] == '-' && !digits(p + 5, 2, index) && *index >= 1 && *index <= 12) {
		*kind = 'M';
		return 0;
	}
	return -1;
}

int smb_industry_period_months(const char *period)
{
	int y, i;
	char k;

	if (parse_period(period, &y, &k, &i))
		return 0;
	return k == 'Y' ? 12 : k == 'Q' ? 3 : 1;
}

int smb_industry_prev_period(const char *period, char *buf, size_t len)
{
	int y, i, n;
	char k;

	if (parse_period(period, &y, &k, &i) || y < 1)
		return -1;
	if (k == 'Y')
		n = snprintf(buf, len, "%04d", y - 1);
	else if (k == 'Q')
		n = i > 1 ? snprintf(buf, len, "%04d-Q%d", y, i - 1) : snprintf(buf, len, "%04d-Q4", y - 1);
	else
		n = i > 1 ? snprintf(buf, len, "%04d-%02d", y, i - 1) : snprintf(buf, len, "%04d-12", y - 1);
	return n > 0 && (size_t)n < len ? 0 : -1;
}

/* Days since 1970-01-01 of a proleptic Gregorian date: shift the year to
 * start in March so the leap day is the last day of the shifted year. */
static long day_number(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int parse_day(const char *s, long *out)
{
	int y, m, d;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' || digits(s, 4, &y) || digits(s + 5, 2, &m) ||
	    digits(s + 8, 2, &d) || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	*out = day_number(y, m, d);
	return 0;
}

long smb_industry_days(const char *first, const char *last)
{
	long a, b;

	if (parse_day(first, &a) || parse_day(last, &b) || b < a)
		return -1;
	return b - a + 1;
}

int smb_industry_pct(double num, double den, double *out)
{
	if (!(den > 0) || !(num >= 0) || !isfinite(num) || !isfinite(den))
		return -1;
	*out = 100 * num / den;
	return 0;
}

int smb_industry_sales_density(double revenue, double area_m2, double months, double *out)
{
	if (!(area_m2 > 0) || !(months > 0) || !isfinite(revenue) || !isfinite(area_m2))
		return -1;
	*out = revenue / area_m2 * 12 / months;
	return 0;
}

int smb_industry_gmroi(double revenue, double cogs, double inv_start, double inv_end, double months,
                       double *out)
{
	double avg = isnan(inv_start) ? inv_end : (inv_start + inv_end) / 2;

	if (!(avg > 0) || !(months > 0) || !isfinite(avg) || !isfinite(revenue) || !isfinite(cogs))
		return -1;
	*out = (revenue - cogs) * 12 / months / avg;
	return 0;
}

int smb_industry_cart_abandonment(double orders, double carts, double *out)
{
	/* More orders than carts means orders bypass the cart (express checkout,
	 * phone orders): the ratio would then say nothing about abandonment. */
	if (!(carts > 0) || !(orders >= 0) || orders > carts || !isfinite(carts))
		return -1;
	*out = 100 * (1 - orders / carts);
	return 0;
}

int smb_industry_prime_cost_pct(double cogs, double labour, double revenue, double *out)
{
	if (!(revenue > 0) || !(cogs >= 0) || !(labour >= 0) || !isfinite(revenue) || !isfinite(cogs + labour))
		return -1;
	*out = 100 * (cogs + labour) / revenue;
	return 0;
}

int smb_industry_seat_turnover(double covers, double seats, double days, double *out)
{
	if (!(seats > 0) || !(days > 0) || !(covers >= 0) || !isfinite(covers) || !isfinite(seats * days))
		return -1;
	*out = covers / (seats * days);
	return 0;
}

int smb_industry_per_unit(double amount, double units, double *out)
{
	if (!(units > 0) || !isfinite(amount) || !isfinite(units))
		return -1;
	*out = amount / units;
	return 0;
}

int smb_industry_mrr_cmgr(double mrr_start, double mrr_end, double months, double *out)
{
	if (!(mrr_start > 0) || !(mrr_end >= 0) || !(months > 0) || !isfinite(mrr_start) || !isfinite(mrr_end))
		return -1;
	*out = 100 * (pow(mrr_end / mrr_start, 1 / months) - 1);
	return isfinite(*out) ? 0 : -1;
}

int smb_industry_logo_churn_monthly(double lost, double start, double months, double *out)
{
	if (!(start > 0) || !(lost >= 0) || lost > start || !(months > 0) || !isfinite(start))
		return -1;
	*out = 100 * (1 - pow(1 - lost / start, 1 / months));
	return 0;
}

int smb_industry_nrr_annual(double mrr_start, double expansion, double churned, double months, double *out)
{
	double kept;

	if (!(mrr_start > 0) || !(expansion >= 0) || !(churned >= 0) || !(months > 0) || !isfinite(mrr_start) ||
	    !isfinite(expansion) || !isfinite(churned))
		return -1;
	kept = (mrr_start + expansion - churned) / mrr_start;
	if (kept < 0)   /* more churned than there was to lose: inconsistent data */
		return -1;
	*out = 100 * pow(kept, 12 / months);
	return isfinite(*out) ? 0 : -1;
}
