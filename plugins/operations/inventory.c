/* plugins/operations/inventory.c — the inventory analysis over monthly SKU
 * rows: stock value and its turnover, ABC classes by cost of goods sold, dead
 * stock, and the per-SKU replenishment figures summed over the range. */
#include "inventory.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int smb_inv_month(int year, int month)
{
	return year * 12 + (month - 1);
}

static void month_text(int m, char *buf, size_t len)
{
	snprintf(buf, len, "%04d-%02d", m / 12, m % 12 + 1);
}

/* Reads "YYYY-M" or "YYYY-MM" at s; the number of characters used, or 0. */
static size_t read_month(const char *s, int *month)
{
	int y = 0, m = 0;
	size_t i = 0;

	for (; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		y = y * 10 + (s[i] - '0');
	}
	if (s[i++] != '-')
		return 0;
	if (s[i] < '0' || s[i] > '9')
		return 0;
	m = s[i++] - '0';
	if (s[i] >= '0' && s[i] <= '9')
		m = m * 10 + (s[i++] - '0');
	if (m < 1 || m > 12 || y < 1)
		return 0;
	*month = smb_inv_month(y, m);
	return i;
}

int smb_inv_month_parse(const char *s, int *month)
{
	size_t used;

	if (!s || !(used = read_month(s, month)) || s[used] != '\0')
		return -1;
	return 0;
}

int smb_inv_month_of_day(const char *day, int *month)
{
	size_t used;

	if (!day || !(used = read_month(day, month)) || day[used] != '-')
		return -1;
	return 0;
}

int smb_inv_days_in_month(int month)
{
	static const int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y = month / 12, m = month % 12;

	if (m == 1 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return len[m];
}

void smb_inv_settings_default(smb_inv_settings *s)
{
	s->dead_months = 6;
	s->history_months = 12;
	s->service_level = 0.95;
	s->lead_days = 14;
	s->order_cost = 50;
	s->holding_rate = 0.25;
}

/* What the analysis keeps of one SKU. */
typedef struct sku_acc {
	const char *sku;
	double cogs;
	int in_period;
	const smb_inv_row *end;   /* its row for the last month, or NULL */
	double mean, sd;          /* monthly demand over the history window */
	int cls;
} sku_acc;

static int cmp_row(const void *a, const void *b)
{
	const smb_inv_row *x = *(const smb_inv_row *const *)a;
	const smb_inv_row *y = *(const smb_inv_row *const *)b;
	int c = strcmp(x->sku, y->sku);

	return c ? c : (x->month > y->month) - (x->month < y->month);
}

/* Largest cost of goods sold first; ties by SKU so classes are reproducible. */
static int cmp_abc(const void *a, const void *b)
{
	const sku_acc *x = *(const sku_acc *const *)a;
	const sku_acc *y = *(const sku_acc *const *)b;

	if (x->cogs != y->cogs)
		return x->cogs < y->cogs ? 1 : -1;
	return strcmp(x->sku, y->sku);
}

static int check_settings(const smb_inv_settings *s, char *err, size_t errlen)
{
	if (s->dead_months < 1 || s->dead_months > 120)
		snprintf(err, errlen, "dead-stock months must be 1..120, not %d", s->dead_months);
	else if (s->history_months < 1 || s->history_months > 120)
		snprintf(err, errlen, "demand history must be 1..120 months, not %d", s->history_months);
	else if (!(s->service_level > 0 && s->service_level < 1))
		snprintf(err, errlen, "service level must lie strictly between 0 and 1, not %g", s->service_level);
	else if (!(s->lead_days >= 0 && s->lead_days <= 3650))
		snprintf(err, errlen, "lead time must be 0..3650 days, not %g", s->lead_days);
	else if (!(s->order_cost >= 0 && isfinite(s->order_cost)))
		snprintf(err, errlen, "order cost must be a finite amount of 0 or more, not %g", s->order_cost);
	else if (!(s->holding_rate >= 0 && s->holding_rate <= 10))
		snprintf(err, errlen, "holding-cost rate must be 0..10 a year, not %g", s->holding_rate);
	else
		return 0;
	return -1;
}

static int check_row(const smb_inv_row *r, char *err, size_t errlen)
{
	const char *what = NULL;
	char m[16];

	if (!r->sku || !*r->sku)
		what = "an empty sku";
	else if (!(r->units_sold >= 0 && isfinite(r->units_sold)))
		what = "units_sold that is negative or not a number";
	else if (!(r->on_hand >= 0 && isfinite(r->on_hand)))
		what = "on_hand that is negative or not a number";
	else if (!(r->unit_cost >= 0 && isfinite(r->unit_cost)))
		what = "unit_cost that is negative or not a number";
	else if (!(r->unit_price >= 0 && isfinite(r->unit_price)))
		what = "unit_price that is negative or not a number";
	else if (!isnan(r->lead_days) && !(r->lead_days >= 0 && r->lead_days <= 3650))
		what = "lead_time_days outside 0..3650";
	if (!what)
		return 0;
	month_text(r->month, m, sizeof m);
	snprintf(err, errlen, "inventory row for %s, %.60s: %s", m, r->sku ? r->sku : "?", what);
	return -1;
}

/* Fills acc for the rows g[0..k-1] of one SKU, sorted by month, and adds its
 * stock to inv (months first-1 .. last). hist holds history_months doubles. */
static void scan_sku(const smb_inv_row *const *g, size_t k, int first, int last,
                     const smb_inv_settings *s, double *inv, double *hist,
                     sku_acc *acc, size_t *dead_skus, double *dead_value, int data_first)
{
	int first_seen = g[0]->month;
	int hstart = last - s->history_months + 1;
	int dstart = last - s->dead_months + 1;
	double dead_sales = 0;
	size_t nh;

	memset(acc, 0, sizeof *acc);
	acc->sku = g[0]->sku;
	acc->cls = SMB_INV_C;
	if (hstart < first_seen)
		hstart = first_seen;
	nh = (size_t)(last - hstart + 1);
	for (size_t j = 0; j < nh; j++)
		hist[j] = 0;   /* a month without a row sold nothing */
	for (size_t i = 0; i < k; i++) {
		const smb_inv_row *r = g[i];
		if (r->month >= first - 1)
			inv[r->month - (first - 1)] += r->on_hand * r->unit_cost;
		if (r->month >= first) {
			acc->in_period = 1;
			acc->cogs += r->units_sold * r->unit_cost;
		}
		if (r->month >= hstart)
			hist[r->month - hstart] = r->units_sold;
		if (r->month >= dstart)
			dead_sales += r->units_sold;
		if (r->month == last)
			acc->end = r;
	}
	smb_inv_demand_stats(hist, nh, &acc->mean, &acc->sd);
	/* Dead: on the shelf for the whole window (the data reach back that far
	 * and the SKU was listed by its start) and not one unit sold in it. */
	if (acc->end && data_first <= dstart && first_seen <= dstart && dead_sales == 0) {
		double v = acc->end->on_hand * acc->end->unit_cost;
		if (v > 0) {
			(*dead_skus)++;
			*dead_value += v;
		}
	}
}

static void classify(sku_acc **order, size_t n, smb_inv_result *r)
{
	double total = 0, cum = 0, value[3] = { 0, 0, 0 };

	for (size_t i = 0; i < n; i++)
		total += order[i]->cogs;
	for (size_t i = 0; i < n; i++) {
		sku_acc *a = order[i];
		/* A: the SKUs it takes to reach 80% of COGS (the one crossing 80% is
		 * A); B: those to reach 95%; C: the rest and everything unsold. The
		 * slack keeps a SKU that starts exactly at 80% out of A despite
		 * rounding in the running sum. */
		double slack = 1e-9 * total;
		if (a->cogs <= 0)
			a->cls = SMB_INV_C;
		else if (cum < 0.80 * total - slack)
			a->cls = SMB_INV_A;
		else if (cum < 0.95 * total - slack)
			a->cls = SMB_INV_B;
		else
			a->cls = SMB_INV_C;
		cum += a->cogs;
		r->count[a->cls]++;
		value[a->cls] += a->cogs;
	}
	for (int c = 0; c < 3; c++)
		r->value_share[c] = total > 0 ? 100 * value[c] / total : NAN;
	r->a_sku_share = total > 0 && n ? 100.0 * (double)r->count[SMB_INV_A] / (double)n : NAN;
}

static void replenish(sku_acc *const *acc, size_t n, const smb_inv_settings *s, smb_inv_result *r)
{
	for (size_t i = 0; i < n; i++) {
		const sku_acc *a = acc[i];
		const smb_inv_row *e = a->end;
		double lead, rop, d, q;

		if (!e || a->mean <= 0)
			continue;   /* not listed at the end, or never sold: no reorder point */
		lead = isnan(e->lead_days) ? s->lead_days : e->lead_days;
		rop = smb_inv_reorder_point(a->mean, a->sd, lead, r->z);
		r->risk_skus++;
		if (a->cls == SMB_INV_A)
			r->risk_a_skus++;
		if (e->on_hand < rop) {
			r->at_risk++;
			if (a->cls == SMB_INV_A)
				r->at_risk_a++;
		}
		d = 12 * a->mean;
		q = smb_inv_eoq(d, s->order_cost, s->holding_rate, e->unit_cost);
		if (q > 0) {
			r->eoq_skus++;
			r->eoq_orders[a->cls] += d / q;
			r->eoq_annual_cost += sqrt(2 * d * s->order_cost * s->holding_rate * e->unit_cost);
			r->eoq_cycle_stock += q / 2 * e->unit_cost;
		}
	}
	r->eoq_orders_total = r->eoq_orders[0] + r->eoq_orders[1] + r->eoq_orders[2];
	r->stockout_pct = r->risk_skus ? 100.0 * (double)r->at_risk / (double)r->risk_skus : NAN;
	r->stockout_a_pct = r->risk_a_skus ? 100.0 * (double)r->at_risk_a / (double)r->risk_a_skus : NAN;
}

static void turnover(const double *inv, smb_inv_result *r)
{
	double sum = 0;
	int from = r->has_opening ? 0 : 1;

	for (int i = from; i <= r->months; i++)
		sum += inv[i];
	r->avg_inventory = sum / (r->months + 1 - from);
	r->end_inventory = inv[r->months];
	r->turnover = r->days_of_inventory = r->gmroi = NAN;
	if (r->avg_inventory > 0) {
		double turns = r->cogs / r->avg_inventory;   /* in the period */
		r->turnover = turns * 12 / r->months;
		if (turns > 0)
			r->days_of_inventory = r->days / turns;
		r->gmroi = r->gross_margin / r->avg_inventory * 12 / r->months;
	}
}

int smb_inv_analyse(const smb_inv_row *rows, size_t n, int first, int last,
                    const smb_inv_settings *s, smb_inv_result *r,
                    char *err, size_t errlen)
{
	const smb_inv_row **idx = NULL;
	sku_acc *acc = NULL, **order = NULL;
	double *inv = NULL, *hist = NULL;
	unsigned char *covered = NULL;
	size_t m = 0, nsku = 0, nin = 0;
	int span, data_first = last + 1, rc = -1;
	char mt[16];

	memset(r, 0, sizeof *r);
	if (check_settings(s, err, errlen))
		return -1;
	if (first > last || last - first >= 1200) {
		snprintf(err, errlen, "the period must be 1 to 1200 months");
		return -1;
	}
	r->months = last - first + 1;
	for (int mo = first; mo <= last; mo++)
		r->days += smb_inv_days_in_month(mo);
	r->z = smb_inv_norm_quantile(s->service_level);
	span = r->months + 1;   /* months first-1 .. last */

	idx = malloc((n ? n : 1) * sizeof *idx);
	inv = calloc((size_t)span, sizeof *inv);
	covered = calloc((size_t)span, 1);
	hist = malloc((size_t)s->history_months * sizeof *hist);
	if (!idx || !inv || !covered || !hist) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (rows[i].month > last)
			continue;
		if (check_row(&rows[i], err, errlen))
			goto out;
		idx[m++] = &rows[i];
		if (rows[i].month < data_first)
			data_first = rows[i].month;
		if (rows[i].month >= first - 1)
			covered[rows[i].month - (first - 1)] = 1;
	}
	for (int i = 1; i < span; i++)
		if (!covered[i]) {
			month_text(first - 1 + i, mt, sizeof mt);
			snprintf(err, errlen, "no inventory rows for %s", mt);
			rc = SMB_INV_MISSING;
			goto out;
		}
	r->has_opening = covered[0];
	qsort(idx, m, sizeof *idx, cmp_row);
	for (size_t i = 0; i < m; i++) {
		if (i && strcmp(idx[i]->sku, idx[i - 1]->sku) == 0) {
			if (idx[i]->month == idx[i - 1]->month) {
				month_text(idx[i]->month, mt, sizeof mt);
				snprintf(err, errlen, "SKU %.60s appears twice for %s", idx[i]->sku, mt);
				goto out;
			}
		} else
			nsku++;
	}
	acc = calloc(nsku ? nsku : 1, sizeof *acc);
	order = calloc(nsku ? nsku : 1, sizeof *order);
	if (!acc || !order) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	nsku = 0;
	for (size_t i = 0; i < m;) {
		size_t j = i + 1;
		while (j < m && strcmp(idx[j]->sku, idx[i]->sku) == 0)
			j++;
		scan_sku(idx + i, j - i, first, last, s, inv, hist, &acc[nsku], &r->dead_skus,
		         &r->dead_value, data_first);
		if (acc[nsku].in_period)
			order[nin++] = &acc[nsku];
		nsku++;
		i = j;
	}
	for (size_t i = 0; i < m; i++)
		if (idx[i]->month >= first) {
			r->sales += idx[i]->units_sold * idx[i]->unit_price;
			r->cogs += idx[i]->units_sold * idx[i]->unit_cost;
		}
	r->gross_margin = r->sales - r->cogs;
	r->skus = nin;
	turnover(inv, r);
	r->dead_pct = r->end_inventory > 0 && data_first <= last - s->dead_months + 1
	            ? 100 * r->dead_value / r->end_inventory : NAN;
	qsort(order, nin, sizeof *order, cmp_abc);
	classify(order, nin, r);
	replenish(order, nin, s, r);
	rc = 0;
out:
	free(idx);
	free(inv);
	free(covered);
	free(hist);
	free(acc);
	free(order);
	return rc;
}
