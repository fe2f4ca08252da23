/* core/models/clv/summary.c — turns transaction lines into the per-customer
 * (x, t_x, T, mean repeat value) summary the CLV models are fitted on.
 * Days, not lines, are the unit: one day's lines are one purchase. */
#include "clv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (era arithmetic, so it
 * holds for any year without a loop). */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int smb_clv_parse_date(const char *s, int *day)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int v[3] = { 0, 0, 0 }, widths[3] = { 4, 2, 2 };
	const char *p = s;

	if (!s)
		return -1;
	for (int k = 0; k < 3; k++) {
		for (int j = 0; j < widths[k]; j++, p++) {
			if (*p < '0' || *p > '9')
				return -1;
			v[k] = v[k] * 10 + (*p - '0');
		}
		if (k < 2 && *p++ != '-')
			return -1;
	}
	if (*p != '\0' || v[1] < 1 || v[1] > 12 || v[2] < 1)
		return -1;
	if (v[2] > mdays[v[1] - 1] + (v[1] == 2 && is_leap(v[0])))
		return -1;
	*day = (int)days_from_civil(v[0], v[1], v[2]);
	return 0;
}

/* qsort has no context argument, so the comparison sees pointers into the
 * transaction array; ties on (id, day) fall back to the line order, which
 * keeps the day sums independent of the sort's stability. */
static int cmp_txn(const void *pa, const void *pb)
{
	const smb_clv_txn *a = *(const smb_clv_txn *const *)pa;
	const smb_clv_txn *b = *(const smb_clv_txn *const *)pb;
	int c = strcmp(a->customer_id, b->customer_id);
	if (c)
		return c;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return a < b ? -1 : a > b;
}

int smb_clv_summarize(const smb_clv_txn *txns, size_t n, int period_last_day,
                      smb_clv_customer **out, size_t *ncust,
                      smb_clv_summary_stats *stats, char *err, size_t errlen)
{
	const smb_clv_txn **idx = NULL;
	smb_clv_customer *cust = NULL;
	smb_clv_summary_stats st = { 0, 0, 0, 0 };
	size_t m = 0, nc = 0;

	*out = NULL;
	*ncust = 0;
	for (size_t i = 0; i < n; i++) {
		if (!txns[i].customer_id || !(txns[i].amount == txns[i].amount)) {
			snprintf(err, errlen, "transaction %zu has no customer id or no amount", i + 1);
			return -1;
		}
		if (txns[i].day > period_last_day)
			st.rows_after_period++;
		else
			m++;
	}
	st.rows_used = m;
	idx = malloc((m ? m : 1) * sizeof *idx);
	/* at most one customer per line */
	cust = malloc((m ? m : 1) * sizeof *cust);
	if (!idx || !cust) {
		free(idx);
		free(cust);
		snprintf(err, errlen, "customer summary: out of memory for %zu transactions", n);
		return -1;
	}
	m = 0;
	for (size_t i = 0; i < n; i++)
		if (txns[i].day <= period_last_day)
			idx[m++] = &txns[i];
	qsort(idx, m, sizeof *idx, cmp_txn);

	for (size_t i = 0; i < m;) {
		/* one customer: lines i .. j-1 */
		size_t j = i;
		while (j < m && strcmp(idx[j]->customer_id, idx[i]->customer_id) == 0)
			j++;
		smb_clv_customer c = { idx[i]->customer_id, 0, 0, 0, 0, 0, 0, 0 };
		size_t days = 0;
		double repeat_sum = 0.0;
		for (size_t k = i; k < j;) {
			/* one day: lines k .. e-1 */
			size_t e = k;
			double value = 0.0;
			int purchase = 0;
			while (e < j && idx[e]->day == idx[k]->day) {
				value += idx[e]->amount;
				purchase |= idx[e]->amount >= 0.0;
				e++;
			}
			if (!purchase) {
				st.refund_only_days++;
			} else {
				if (days == 0)
					c.first_day = idx[k]->day;
				else
					repeat_sum += value;
				c.last_day = idx[k]->day;
				c.monetary_total += value;
				days++;
			}
			k = e;
		}
		if (days == 0) {
			st.refund_only_customers++;
		} else {
			c.x = (double)(days - 1);
			c.t_x = (c.last_day - c.first_day) / 7.0;
			c.T = (period_last_day - c.first_day) / 7.0;
			c.mean_value = days > 1 ? repeat_sum / (double)(days - 1) : 0.0;
			cust[nc++] = c;
		}
		i = j;
	}
	free(idx);
	if (nc == 0) {
		free(cust);
		cust = NULL;
	} else {
		/* give back the room reserved for one customer per line */
		smb_clv_customer *fit = realloc(cust, nc * sizeof *cust);
		if (fit)
			cust = fit;
	}
	*out = cust;
	*ncust = nc;
	if (stats)
		*stats = st;
	return 0;
}
