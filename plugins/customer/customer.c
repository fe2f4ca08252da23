/* plugins/customer/customer.c — the customer plugin: the transactions dataset
 * kind and the customer-area metrics from it (repeat rate, frequency, AOV,
 * P(alive), CLV, RFM), over the models of clv.h, fitted once per cycle. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "clv.h"
#include "smbopt/plugin.h"

/* Keys the default playbook (scripts/customer.lua) declares are not reused:
 * its repeat_share_pct is repeat buyers among active customers in a period
 * from the metrics CSV; repeat_rate_pct here is over the transaction history. */

#define SET_MONTHS   "customer.clv_months"
#define SET_DISCOUNT "customer.clv_monthly_discount"
#define ERRLEN 256

/* Everything the metrics need, computed once per cycle and kept for the
 * cycle's other metrics (keep/kept, docs/design.md §6). Immutable once
 * built, so the cycle's metrics read it without a lock. */
typedef struct fit {
	/* the inputs: the cycle's period and settings */
	char period[32];
	size_t nrows;
	int months;
	double discount;

	char *arena;               /* customer ids of txns */
	smb_clv_txn *txns;
	size_t ntxn;
	smb_clv_customer *cust;
	size_t ncust, repeaters;
	smb_clv_summary_stats stats;
	int summary_ok;

	double purchases, value;   /* purchase days in the period, their value */
	size_t buyers;             /* customers with a purchase day in the period */

	int bg_ok, gg_ok, clv_ok, top_ok, rfm_ok;
	int bg_rc, gg_rc;         /* the fits' results: 1 fitted, not identified */
	smb_bgnbd bg;
	smb_gg gg;
	double active_share, clv_mean, top_share, expected_revenue;
	size_t rfm[SMB_RFM_NSEGMENTS];
	char summary_err[ERRLEN], bg_err[ERRLEN], gg_err[ERRLEN], clv_err[ERRLEN], rfm_err[ERRLEN];
} fit;

#define KEPT "customer.fit"

static void fit_free(fit *f)
{
	if (!f)
		return;
	free(f->arena);
	free(f->txns);
	free(f->cust);
	free(f);
}

static void fit_release(void *f)
{
	fit_free(f);
}

/* Reads every transactions row into f (arena, txns). Returns
 * SMB_PLUGIN_OK, SMB_PLUGIN_MISSING (no rows) or SMB_PLUGIN_ERROR after fail(). */
static int read_rows(const smb_host_api *api, smb_ctx *ctx, fit *f)
{
	size_t n = api->rows(ctx, "transactions"), used = 0, cap = 4096;
	size_t *off;

	if (n == 0)
		return SMB_PLUGIN_MISSING;
	f->txns = malloc(n * sizeof *f->txns);
	off = malloc(n * sizeof *off);
	f->arena = malloc(cap);
	if (!f->txns || !off || !f->arena) {
		free(off);
		return api->fail(ctx, "transactions: out of memory for %zu rows", n);
	}
	for (size_t i = 0; i < n; i++) {
		/* each cell is used before the next is asked for: the host's
		 * buffer may be reused between calls */
		const char *id = api->cell(ctx, "transactions", i, "customer_id");
		size_t len = id ? strlen(id) + 1 : 0;
		if (!id || len == 1) {
			free(off);
			return api->fail(ctx, "transactions row %zu has no customer_id", i + 1);
		}
		if (used + len > cap) {
			while (used + len > cap)
				cap *= 2;
			char *a = realloc(f->arena, cap);
			if (!a) {
				free(off);
				return api->fail(ctx, "transactions: out of memory");
			}
			f->arena = a;
		}
		memcpy(f->arena + used, id, len);
		off[i] = used;
		used += len;

		const char *date = api->cell(ctx, "transactions", i, "date");
		if (!date || smb_clv_parse_date(date, &f->txns[i].day)) {
			free(off);
			return api->fail(ctx, "transactions row %zu: date '%s' is not YYYY-MM-DD", i + 1,
			                 date ? date : "");
		}

		const char *amount = api->cell(ctx, "transactions", i, "amount");
		double v;
		if (smb_plugin_cell_number(api, ctx, "transactions", i, "amount", &v) != SMB_PLUGIN_OK) {
			free(off);
			return api->fail(ctx, "transactions row %zu: amount '%s' is not a number", i + 1,
			                 amount ? amount : "");
		}
		f->txns[i].amount = v;
	}
	/* the arena no longer moves: turn offsets into pointers */
	for (size_t i = 0; i < n; i++)
		f->txns[i].customer_id = f->arena + off[i];
	free(off);
	f->ntxn = f->nrows = n;
	return SMB_PLUGIN_OK;
}

static int cmp_txn(const void *pa, const void *pb)
{
	const smb_clv_txn *a = *(const smb_clv_txn *const *)pa, *b = *(const smb_clv_txn *const *)pb;
	int c = strcmp(a->customer_id, b->customer_id);
	return c ? c : (a->day > b->day) - (a->day < b->day);
}

/* Purchases of the assessed period only. A purchase is a customer's day with
 * at least one line >= 0, worth the day's net sum: the models' convention
 * (summary.c), so refunds on their own day are not orders. */
static int period_purchases(fit *f, int first, int last)
{
	const smb_clv_txn **idx = malloc(f->ntxn * sizeof *idx);
	size_t m = 0;

	if (!idx)
		return -1;
	for (size_t i = 0; i < f->ntxn; i++)
		if (f->txns[i].day >= first && f->txns[i].day <= last)
			idx[m++] = &f->txns[i];
	qsort(idx, m, sizeof *idx, cmp_txn);
	for (size_t i = 0; i < m;) {
		size_t j = i;
		int bought = 0;
		while (j < m && strcmp(idx[j]->customer_id, idx[i]->customer_id) == 0) {
			size_t e = j;
			double value = 0;
			int purchase = 0;
			for (; e < m && idx[e]->day == idx[j]->day
			       && strcmp(idx[e]->customer_id, idx[j]->customer_id) == 0; e++)
				value += idx[e]->amount, purchase |= idx[e]->amount >= 0;
			if (purchase)
				f->purchases += 1, f->value += value, bought = 1;
			j = e;
		}
		f->buyers += (size_t)bought;
		i = j;
	}
	free(idx);
	return 0;
}

static int cmp_desc(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;
	return (a < b) - (a > b);
}

/* CLV of every customer: the mean, the top decile's share, and the expected
 * revenue of the next 12 months (undiscounted). */
static void clv_figures(fit *f)
{
	smb_clv_options opt;
	smb_clv_result *res = malloc(f->ncust * sizeof *res);
	double *v = malloc(f->ncust * sizeof *v), total = 0, top = 0;
	size_t k;

	if (!res || !v) {
		snprintf(f->clv_err, ERRLEN, "CLV: out of memory for %zu customers", f->ncust);
		goto out;
	}
	smb_clv_options_default(&opt);
	opt.months = f->months;
	opt.monthly_discount = f->discount;
	/* horizon_weeks keeps its default, SMB_CLV_YEAR_WEEKS, as `customers` */
	if (smb_clv_score(&f->bg, &f->gg, f->cust, f->ncust, &opt, res, f->clv_err, ERRLEN))
		goto out;
	f->expected_revenue = 0;
	for (size_t i = 0; i < f->ncust; i++) {
		v[i] = res[i].clv;
		total += v[i];
		f->expected_revenue += res[i].expected_purchases * res[i].expected_spend;
	}
	if (!isfinite(total) || !isfinite(f->expected_revenue)) {
		snprintf(f->clv_err, ERRLEN, "CLV: the models give no finite value for these customers");
		goto out;
	}
	f->clv_mean = total / (double)f->ncust;
	f->clv_ok = 1;
	/* the top 10% of customers, rounded up so a small base still has one */
	qsort(v, f->ncust, sizeof *v, cmp_desc);
	k = (f->ncust + 9) / 10;
	for (size_t i = 0; i < k; i++)
		top += v[i];
	if (total > 0) {
		f->top_share = 100 * top / total;
		f->top_ok = 1;
	}
out:
	free(res);
	free(v);
}

/* Builds every figure of f once its rows are read; failures are kept as
 * messages for the metrics that need them. */
static int fit_build(fit *f, int first, int last)
{
	if (period_purchases(f, first, last))
		return -1;
	if (smb_clv_summarize(f->txns, f->ntxn, last, &f->cust, &f->ncust, &f->stats,
	                      f->summary_err, ERRLEN))
		return 0;
	f->summary_ok = 1;
	for (size_t i = 0; i < f->ncust; i++)
		f->repeaters += f->cust[i].x > 0;

	if (f->ncust > 0) {
		smb_rfm_score *scores = malloc(f->ncust * sizeof *scores);
		if (!scores)
			return -1;
		if (smb_rfm_segment(f->cust, f->ncust, last, scores, f->rfm, f->rfm_err, ERRLEN) == 0)
			f->rfm_ok = 1;
		free(scores);
	} else {
		snprintf(f->rfm_err, ERRLEN, "RFM: no customer made a purchase up to the period's end");
	}
	f->bg_rc = smb_bgnbd_fit(f->cust, f->ncust, &f->bg, f->bg_err, ERRLEN);
	if (f->bg_rc == 0 && f->repeaters > 0) {
		/* Over repeat buyers: a one-time buyer has P(alive) = 1 by the
		 * model's construction, which says nothing about them. */
		size_t alive = 0;
		f->bg_ok = 1;
		for (size_t i = 0; i < f->ncust; i++)
			alive += f->cust[i].x > 0 &&
			         smb_bgnbd_p_alive(&f->bg, f->cust[i].x, f->cust[i].t_x, f->cust[i].T) >= 0.5;
		f->active_share = 100.0 * (double)alive / (double)f->repeaters;
	}
	f->gg_rc = smb_gg_fit(f->cust, f->ncust, &f->gg, f->gg_err, ERRLEN);
	if (f->gg_rc == 0)
		f->gg_ok = 1;
	if (f->bg_ok && f->gg_ok)
		clv_figures(f);
	return 0;
}

/* The fit of the ctx's data: the one kept for the cycle, else built and
 * kept (the rows, period and settings cannot change within a cycle). On a
 * host without keep() the fit is built for this call alone: *owned is 1
 * and the caller frees it. Returns SMB_PLUGIN_OK, SMB_PLUGIN_MISSING or
 * SMB_PLUGIN_ERROR. */
static int get_fit(const smb_host_api *api, smb_ctx *ctx, fit **out, int *owned)
{
	int keeps = SMB_HOST_HAS(api, keep) && SMB_HOST_HAS(api, kept);
	fit *f;
	const char *period = api->period(ctx);
	int first, last, rc;
	double months = api->setting(ctx, SET_MONTHS, 12);

	*out = NULL;
	*owned = 0;
	if (keeps && (*out = api->kept(ctx, KEPT)))
		return SMB_PLUGIN_OK;
	if (!(f = calloc(1, sizeof *f)))
		return api->fail(ctx, "customer: out of memory");
	if (!period || strlen(period) >= sizeof f->period
	    || smb_clv_parse_date(api->period_first(ctx), &first)
	    || smb_clv_parse_date(api->period_last(ctx), &last)) {
		free(f);
		return api->fail(ctx, "customer: the host gave no usable period");
	}
	if (!(months >= 1 && months <= SMB_CLV_MAX_MONTHS)) {
		free(f);
		return api->fail(ctx, "setting %s = %g: give a whole number of months from 1 to %d",
		                 SET_MONTHS, months, SMB_CLV_MAX_MONTHS);
	}
	strcpy(f->period, period);
	f->months = (int)months;
	f->discount = api->setting(ctx, SET_DISCOUNT, 0.01);
	if ((rc = read_rows(api, ctx, f)) != SMB_PLUGIN_OK) {
		fit_free(f);
		return rc;
	}
	if (fit_build(f, first, last)) {
		size_t n = f->ntxn;
		fit_free(f);
		return api->fail(ctx, "customer: out of memory for %zu transactions", n);
	}
	if (!keeps) {
		*owned = 1;
		*out = f;
		return SMB_PLUGIN_OK;
	}
	/* keep() releases f itself when it fails (out of memory) */
	if (api->keep(ctx, KEPT, f, fit_release) != SMB_PLUGIN_OK)
		return api->fail(ctx, "customer: out of memory keeping the fit for the cycle");
	*out = f;
	return SMB_PLUGIN_OK;
}

/* "cannot lose them" -> "cannot_lose_them": model field names. */
static void field_of(const char *name, char *out, size_t size)
{
	size_t k = 0;
	for (; *name && k + 1 < size; name++)
		out[k++] = *name == ' ' || *name == '-' ? '_' : *name;
	out[k] = '\0';
}

static void write_models(const smb_host_api *api, smb_ctx *ctx, const fit *f)
{
	char field[40];

	api->model(ctx, "transactions", "rows_used", (double)f->stats.rows_used);
	api->model(ctx, "transactions", "customers", (double)f->ncust);
	api->model(ctx, "transactions", "repeat_customers", (double)f->repeaters);
	api->model(ctx, "transactions", "refund_only_days", (double)f->stats.refund_only_days);
	api->model(ctx, "transactions", "refund_only_customers", (double)f->stats.refund_only_customers);
	api->model(ctx, "transactions", "one_time_buyers", (double)(f->ncust - f->repeaters));
	if (f->bg_rc >= 0) {
		static const char *const se[4] = { "r_se", "alpha_se", "a_se", "b_se" };
		api->model(ctx, "bgnbd", "r", f->bg.r);
		api->model(ctx, "bgnbd", "alpha", f->bg.alpha);
		api->model(ctx, "bgnbd", "a", f->bg.a);
		api->model(ctx, "bgnbd", "b", f->bg.b);
		for (int k = 0; k < 4 && f->bg_rc == 0; k++)
			if (isfinite(f->bg.se[k]))
				api->model(ctx, "bgnbd", se[k], f->bg.se[k]);
		api->model(ctx, "bgnbd", "loglik", f->bg.loglik);
		api->model(ctx, "bgnbd", "customers", (double)f->bg.customers);
		/* 0: drop-out not identified; P(alive) and what stands on it are null */
		api->model(ctx, "bgnbd", "dropout_identified", f->bg_rc == 0);
	}
	if (f->gg_ok) {
		api->model(ctx, "gamma_gamma", "p", f->gg.p);
		api->model(ctx, "gamma_gamma", "q", f->gg.q);
		api->model(ctx, "gamma_gamma", "gamma", f->gg.gamma);
		api->model(ctx, "gamma_gamma", "loglik", f->gg.loglik);
		api->model(ctx, "gamma_gamma", "customers", (double)f->gg.customers);
	}
	if (f->rfm_ok)
		for (int s = 0; s < SMB_RFM_NSEGMENTS; s++) {
			field_of(smb_rfm_segment_name(s), field, sizeof field);
			api->model(ctx, "rfm", field, (double)f->rfm[s]);
		}
}

enum { C_REPEAT, C_FREQ, C_AOV, C_ACTIVE, C_EXPREV, C_CLV_MEAN, C_TOP_DECILE, C_AT_RISK, C_COUNT };
static const int ids[C_COUNT] = { C_REPEAT, C_FREQ, C_AOV, C_ACTIVE, C_EXPREV, C_CLV_MEAN, C_TOP_DECILE, C_AT_RISK };

/* The model a metric stands on failed or cannot tell: the first failure in
 * the chain, as the metric's reason for being null. Not an error: the
 * assessment stays whole, and the RFM metrics, which need no model, stand. */
static int model_failed(const smb_host_api *api, smb_ctx *ctx, const fit *f, int need_spend)
{
	if (!f->bg_ok)
		api->fail(ctx, "%s", f->bg_err);
	else if (need_spend && !f->gg_ok)
		api->fail(ctx, "%s", f->gg_err);
	else
		api->fail(ctx, "%s", f->clv_err);
	return SMB_PLUGIN_MISSING;
}

static int value_of(const smb_host_api *api, smb_ctx *ctx, int id, const fit *f, double *out)
{
	if (!f->summary_ok)
		return api->fail(ctx, "%s", f->summary_err);
	switch (id) {
	case C_REPEAT:
		/* the models are written by this metric, which every assessment
		 * with transactions computes (whatever the fits' outcome) */
		write_models(api, ctx, f);
		if (f->ncust == 0)
			return SMB_PLUGIN_MISSING;
		*out = 100.0 * (double)f->repeaters / (double)f->ncust;
		break;
	case C_FREQ:
	case C_AOV:
		if (f->buyers == 0 || f->purchases == 0)
			return SMB_PLUGIN_MISSING;
		*out = id == C_FREQ ? f->purchases / (double)f->buyers : f->value / f->purchases;
		break;
	case C_ACTIVE:
		if (!f->bg_ok)
			return model_failed(api, ctx, f, 0);
		*out = f->active_share;
		break;
	case C_EXPREV:
	case C_CLV_MEAN:
		if (!f->clv_ok)
			return model_failed(api, ctx, f, 1);
		*out = id == C_EXPREV ? f->expected_revenue : f->clv_mean;
		break;
	case C_TOP_DECILE:
		if (!f->clv_ok)
			return model_failed(api, ctx, f, 1);
		if (!f->top_ok)
			return api->fail(ctx, "CLV is zero for every customer: no top-decile share");
		*out = f->top_share;
		break;
	case C_AT_RISK:
		if (!f->rfm_ok)
			return api->fail(ctx, "%s", f->rfm_err);
		*out = 100.0 * (double)(f->rfm[SMB_RFM_AT_RISK] + f->rfm[SMB_RFM_CANNOT_LOSE]) / (double)f->ncust;
		break;
	default:
		return SMB_PLUGIN_MISSING;
	}
	if (!isfinite(*out))
		return api->fail(ctx, "customer: the result is not a finite number");
	return SMB_PLUGIN_OK;
}

static int compute(const smb_host_api *api, smb_ctx *ctx, void *ud, double *out)
{
	fit *f;
	int owned, rc = get_fit(api, ctx, &f, &owned);

	if (rc != SMB_PLUGIN_OK)
		return rc;
	rc = value_of(api, ctx, *(const int *)ud, f, out);
	if (owned)
		fit_free(f);
	return rc;
}

/* ---- rules ---------------------------------------------------------------- */

enum { R_ACTIVE_LOW, R_AT_RISK, R_TOP_DECILE, R_REPEAT_LOW, R_ACTIVE_HIGH };
static const int rids[] = { R_ACTIVE_LOW, R_AT_RISK, R_TOP_DECILE, R_REPEAT_LOW, R_ACTIVE_HIGH };

static int when(const smb_host_api *api, smb_ctx *ctx, void *ud, int *fires)
{
	static const char *const key[] = {
		"customer.active_share_pct", "customer.rfm_at_risk_share_pct",
		"customer.top_decile_clv_share_pct", "customer.repeat_rate_pct", "customer.active_share_pct" };
	int id = *(const int *)ud;
	double v;

	*fires = 0;
	if (api->get(ctx, key[id], &v) != SMB_PLUGIN_OK)
		return SMB_PLUGIN_MISSING;
	switch (id) {
	case R_ACTIVE_LOW:  *fires = v < 40; break;
	case R_AT_RISK:     *fires = v > 15; break;
	case R_TOP_DECILE:  *fires = v > 50; break;
	case R_REPEAT_LOW:  *fires = v < 25; break;
	case R_ACTIVE_HIGH: *fires = v >= 60; break;
	}
	return SMB_PLUGIN_OK;
}

/* ---- registration --------------------------------------------------------- */

#define K(...) ((const char *const[]){ __VA_ARGS__, NULL })

static int add_metrics(const smb_host_api *api)
{
	const struct { int id; const char *key, *label, *unit; int better; double weight; } m[] = {
		{ C_REPEAT, "customer.repeat_rate_pct", "Customers who bought on two days or more (history to period end)", "%", 1, 1 },
		{ C_FREQ, "customer.purchase_frequency", "Purchases per buying customer in the period", "count", 1, 1 },
		{ C_AOV, "customer.aov", "Average purchase in the transactions file (period)", "currency", 1, 1 },
		{ C_ACTIVE, "customer.active_share_pct",
		  "Repeat buyers still active (BG/NBD P(alive) >= 0.5; one-time buyers not counted)", "%", 1, 1.5 },
		{ C_EXPREV, "customer.expected_revenue_12m", "Expected revenue from today's customers, next 12 months", "currency", 1, 1 },
		{ C_CLV_MEAN, "customer.clv_mean", "Mean customer lifetime value, next 12 months, discounted", "currency", 1, 1 },
		{ C_TOP_DECILE, "customer.top_decile_clv_share_pct", "Share of total CLV held by the top 10% of customers", "%", -1, 1 },
		{ C_AT_RISK, "customer.rfm_at_risk_share_pct", "Customers in the RFM segments 'at risk' and 'cannot lose them'", "%", -1, 1 },
	};
	for (size_t i = 0; i < sizeof m / sizeof m[0]; i++) {
		smb_metric_def d = { .key = m[i].key, .label = m[i].label, .unit = m[i].unit, .better = m[i].better, .rollup = "derived", .inputs = NULL,
		                     .dataset = "transactions", .compute = compute, .ud = (void *)&ids[m[i].id], .weight = m[i].weight };
		if (api->add_metric(api->host, &d))
			return -1;
	}
	return 0;
}

static int add_goalposts(const smb_host_api *api)
{
	const smb_goalposts_def g[] = {
		{ .metric = "customer.repeat_rate_pct", .industry = NULL, .worst = 10, .best = 50, .bands = NULL,
		  .source = "Rule of thumb of this plugin: under one customer in ten coming back is weak, one in two strong; why "
		  "it matters: Reichheld & Sasser, 'Zero Defections: Quality Comes to Services', HBR 1990" },
		{ .metric = "customer.active_share_pct", .industry = NULL, .worst = 20, .best = 70, .bands = NULL,
		  .source = "Rule of thumb of this plugin on the share of repeat buyers with P(alive) >= 0.5 under the BG/NBD model "
		  "(Fader, Hardie & Lee 2005, 'Counting Your Customers the Easy Way', Marketing Science 24(2))" },
	};
	for (size_t i = 0; i < sizeof g / sizeof g[0]; i++)
		if (api->add_goalposts(api->host, &g[i]))
			return -1;
	return 0;
}

static int add_rules(const smb_host_api *api)
{
	const smb_rule_def r[] = {
		{ .id = "CUS-0510", .area = "customer", .kind = "weakness", .severity = "high", .metrics = K("customer.active_share_pct"), .when = when,
		  .ud = (void *)&rids[R_ACTIVE_LOW], .title = "Most customers have probably stopped buying",
		  .detail = "Only {customer.active_share_pct:%.0f}% of repeat buyers are more likely than not still active "
		  "(BG/NBD P(alive) >= 0.5; one-time buyers, whom the model cannot judge, are not counted).",
		  .recommend = K("CUS-winback-at-risk", "CUS-second-purchase"), .industry = NULL },
		{ .id = "CUS-0520", .area = "customer", .kind = "threat", .severity = "medium", .metrics = K("customer.rfm_at_risk_share_pct"), .when = when,
		  .ud = (void *)&rids[R_AT_RISK], .title = "Good customers are drifting away",
		  .detail = "{customer.rfm_at_risk_share_pct:%.0f}% of customers bought often or much but not lately (RFM 'at "
		  "risk' and 'cannot lose them', models.rfm).",
		  .recommend = K("CUS-winback-at-risk"), .industry = NULL },
		{ .id = "CUS-0530", .area = "customer", .kind = "threat", .severity = "low", .metrics = K("customer.top_decile_clv_share_pct"), .when = when,
		  .ud = (void *)&rids[R_TOP_DECILE], .title = "A tenth of customers holds most of the expected value",
		  .detail = "The top 10% of customers hold {customer.top_decile_clv_share_pct:%.0f}% of the next 12 months' "
		  "customer value: losing a few of them would show in revenue.",
		  .recommend = K("CUS-vip-care"), .industry = NULL },
		{ .id = "CUS-0540", .area = "customer", .kind = "weakness", .severity = "medium", .metrics = K("customer.repeat_rate_pct"), .when = when,
		  .ud = (void *)&rids[R_REPEAT_LOW], .title = "Few customers buy a second time",
		  .detail = "{customer.repeat_rate_pct:%.0f}% of customers have bought on more than one day.",
		  .recommend = K("CUS-second-purchase"), .industry = NULL },
		{ .id = "CUS-0550", .area = "customer", .kind = "strength", .severity = "medium", .metrics = K("customer.active_share_pct"), .when = when,
		  .ud = (void *)&rids[R_ACTIVE_HIGH], .title = "Most customers are still active",
		  .detail = "{customer.active_share_pct:%.0f}% of repeat buyers are more likely than not still buying "
		  "(BG/NBD P(alive) >= 0.5; one-time buyers not counted).",
		  .recommend = K(NULL), .industry = NULL },
	};
	for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
		if (api->add_rule(api->host, &r[i]))
			return -1;
	return 0;
}

static int add_initiatives(const smb_host_api *api)
{
	static const smb_effect_def winback[] = {
		{ .metric = "customer.rfm_at_risk_share_pct", .delta = -5 }, { .metric = "customer.active_share_pct", .delta = 5 } };
	static const smb_effect_def second[] = {
		{ .metric = "customer.repeat_rate_pct", .delta = 5 }, { .metric = "customer.active_share_pct", .delta = 3 } };
	static const smb_effect_def vip[] = {
		{ .metric = "customer.top_decile_clv_share_pct", .delta = -3 }, { .metric = "customer.rfm_at_risk_share_pct", .delta = -2 } };
	const smb_initiative_def in[] = {
		{ .id = "CUS-winback-at-risk", .area = "customer",
		  .title = "Personal win-back offer to the RFM 'at risk' and 'cannot lose them' customers",
		  .cost = 500, .hours = 20, .months = 2, .confidence = 0.5, .effects = winback, .neffects = 2, .requires = K(NULL), .excludes = K(NULL) },
		{ .id = "CUS-second-purchase", .area = "customer",
		  .title = "Second-visit voucher for every first-time buyer, valid for six weeks",
		  .cost = 800, .hours = 20, .months = 2, .confidence = 0.55, .effects = second, .neffects = 2, .requires = K(NULL), .excludes = K(NULL) },
		{ .id = "CUS-vip-care", .area = "customer",
		  .title = "Personal care for the top-decile customers: early access, a named contact, a yearly thank-you",
		  .cost = 600, .hours = 30, .months = 3, .confidence = 0.6, .effects = vip, .neffects = 2, .requires = K(NULL), .excludes = K(NULL) },
	};
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++)
		if (api->add_initiative(api->host, &in[i]))
			return -1;
	/* Where each applies (README "Applicability"); an older host skips this. */
	static const struct { const char *id; const char *needs[3]; } where[] = {
		{ "CUS-winback-at-risk", { "customers", NULL } },
		{ "CUS-second-purchase", { "customers", NULL } },
		{ "CUS-vip-care", { "customers", NULL } },
	};
	for (size_t i = 0; SMB_HOST_HAS(api, add_applies) && i < sizeof where / sizeof where[0]; i++) {
		const smb_applies_def d = { .id = where[i].id, .industries = NULL, .needs = where[i].needs };
		if (api->add_applies(api->host, &d) != SMB_PLUGIN_OK)
			return -1;
	}
	return 0;
}

/* What the metric catalogue (smbopt metrics) says of this plugin's metrics. */
static const smb_metric_about about[] = {
	{ .key = "customer.active_share_pct",
	  .definition = "The share of the business's customers who are probably still buying (estimated from each customer's purchase history).",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "customer.aov",
	  .definition = "The average amount of one purchase in the transactions file in the period.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "customer.clv_mean",
	  .definition = "What an average customer is expected to spend over the next 12 months, in today's money.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "customer.expected_revenue_12m",
	  .definition = "What today's customers are expected to spend over the next 12 months.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "customer.purchase_frequency",
	  .definition = "How often a customer who bought in the period bought, on average.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "customer.repeat_rate_pct",
	  .definition = "The share of customers who have bought on at least two different days.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "customer.rfm_at_risk_share_pct",
	  .definition = "The share of customers who used to buy often or much but have not bought lately.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "customer.top_decile_clv_share_pct",
	  .definition = "How much of all expected customer value the best tenth of customers hold.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
};
/* The settings this plugin reads (api->setting), declared so that
 * `assess --set` refuses unknown names and values out of range. */
static int add_settings(const smb_host_api *api)
{
	static const smb_setting_def defs[] = {
		/* name, description, min, max, min open, max open, whole */
		{ .name = SET_MONTHS, .description = "months of future purchases a CLV counts", .min = 1, .max = SMB_CLV_MAX_MONTHS, .min_open = 0, .max_open = 0, .integer = 1 },
		{ .name = SET_DISCOUNT, .description = "monthly discount rate of a CLV", .min = 0, .max = 1, .min_open = 0, .max_open = 1, .integer = 0 },
	};

	if (!SMB_HOST_HAS(api, add_setting))
		return SMB_PLUGIN_OK;
	for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++)
		if (api->add_setting(api->host, &defs[i]))
			return SMB_PLUGIN_ERROR;
	return SMB_PLUGIN_OK;
}

SMB_PLUGIN_DECLARE_ABI;

int smb_plugin_init(const smb_host_api *api, smb_plugin_info *info)
{
	static const smb_column_def cols[] = {
		{ .name = "customer_id", .type = SMB_COL_TEXT, .required = 1 },
		{ .name = "date", .type = SMB_COL_DATE, .required = 1 },
		{ .name = "amount", .type = SMB_COL_REAL, .required = 1 },
		{ .name = "channel", .type = SMB_COL_TEXT, .required = 0 },
		{ .name = "order_id", .type = SMB_COL_TEXT, .required = 0 },
	};
	const smb_kind_def kind = {
		.name = "transactions",
		.description = "Customer purchases, one line per item or order: negative amounts are refunds",
		.columns = cols, .ncolumns = sizeof cols / sizeof cols[0]
	};

	info->abi_version = SMB_PLUGIN_ABI_VERSION;
	info->name = "customer";
	info->version = "1.0";
	info->areas = "customer";
	info->industry = NULL;
	info->description = "Transactions dataset: repeat rate, AOV, BG/NBD and Gamma-Gamma CLV, RFM segments";
	if (api->struct_size < offsetof(smb_host_api, fail) + sizeof api->fail)
		return SMB_PLUGIN_ERROR;
	if (api->add_kind(api->host, &kind) || add_metrics(api) || add_goalposts(api) || add_rules(api)
	    || add_initiatives(api) || add_settings(api))
		return SMB_PLUGIN_ERROR;
	if (smb_plugin_describe(api, about, sizeof about / sizeof about[0]) != SMB_PLUGIN_OK)
		return SMB_PLUGIN_ERROR;
	return SMB_PLUGIN_OK;
}
