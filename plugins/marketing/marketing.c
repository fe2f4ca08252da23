/* plugins/marketing/marketing.c — the marketing plugin: the channels dataset
 * kind and per-channel metrics, goalposts, rules and initiatives, as thin
 * adapters over channels.c; LTV is the customer plugin's customer.clv_mean. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channels.h"
#include "smbopt/plugin.h"

/* Keys the default playbook (scripts/marketing.lua) already declares from the
 * plain metrics CSV (marketing.cac, marketing.roas, ...) are not reused:
 * those figures from the channels dataset carry a channel_ prefix. */

enum {
	M_SPEND, M_CAC, M_V2L, M_L2C, M_V2L_VS, M_L2C_VS, M_ROAS, M_SPEND_PCT,
	M_HHI, M_TOP_SHARE, M_CAC_BEST, M_CAC_RATIO, M_SHIFT_AMOUNT,
	M_SHIFT_CUSTOMERS, M_LTV_CAC, M_LTV_CAC_WORST, M_PAYBACK, M_COUNT
};

/* Settings a consultant may change per client, with their defaults. */
#define SET_BENCH_V2L "marketing.benchmark_visit_to_lead_pct"
#define SET_BENCH_L2C "marketing.benchmark_lead_to_customer_pct"
#define SET_MIN_SHARE "marketing.min_channel_share_pct"
#define SET_SHIFT     "marketing.budget_shift_share"
/* The midpoints of the default playbook's goalposts for the same rates
 * (0.5..5 % and 2..30 %): rules of thumb, not measured benchmarks. */
#define DEF_BENCH_V2L 2.75
#define DEF_BENCH_L2C 16.0
#define DEF_MIN_SHARE 5.0
#define DEF_SHIFT     0.5

typedef struct opts {
	double bench_v2l, bench_l2c, min_share, shift;
} opts;

/* Reads and checks the settings. Returns SMB_PLUGIN_OK or SMB_PLUGIN_ERROR. */
static int read_opts(const smb_host_api *api, smb_ctx *ctx, opts *o)
{
	o->bench_v2l = api->setting(ctx, SET_BENCH_V2L, DEF_BENCH_V2L);
	o->bench_l2c = api->setting(ctx, SET_BENCH_L2C, DEF_BENCH_L2C);
	o->min_share = api->setting(ctx, SET_MIN_SHARE, DEF_MIN_SHARE);
	o->shift = api->setting(ctx, SET_SHIFT, DEF_SHIFT);
	if (!(o->bench_v2l > 0 && o->bench_v2l <= 100))
		return api->fail(ctx, "setting %s = %g: give a conversion in %% above 0, at most 100", SET_BENCH_V2L, o->bench_v2l);
	if (!(o->bench_l2c > 0 && o->bench_l2c <= 100))
		return api->fail(ctx, "setting %s = %g: give a conversion in %% above 0, at most 100", SET_BENCH_L2C, o->bench_l2c);
	if (!(o->min_share >= 0 && o->min_share < 100))
		return api->fail(ctx, "setting %s = %g: give a share in %% from 0 to below 100", SET_MIN_SHARE, o->min_share);
	if (!(o->shift > 0 && o->shift <= 1))
		return api->fail(ctx, "setting %s = %g: give a fraction above 0, at most 1", SET_SHIFT, o->shift);
	return SMB_PLUGIN_OK;
}

typedef struct loaded {
	smb_mkt_row *rows;
	char **text;            /* copies of the period and channel cells */
	size_t n;
	smb_mkt_summary s;
} loaded;

static void loaded_free(loaded *l)
{
	for (size_t i = 0; i < 2 * l->n; i++)
		free(l->text[i]);
	free(l->text);
	free(l->rows);
	smb_mkt_summary_free(&l->s);
}

static char *copy(const char *s)
{
	size_t len = strlen(s) + 1;
	char *c = malloc(len);
	return c ? memcpy(c, s, len) : NULL;
}

/* Reads the channels rows and sums the assessed period's. Returns
 * SMB_PLUGIN_OK, SMB_PLUGIN_MISSING, or SMB_PLUGIN_ERROR after fail(). */
static int load(const smb_host_api *api, smb_ctx *ctx, loaded *l)
{
	static const char *const numcols[] = { "spend", "visits", "leads", "new_customers", "revenue" };
	char err[256];
	size_t n = api->rows(ctx, "channels");
	int rc;

	memset(l, 0, sizeof *l);
	if (n == 0)
		return SMB_PLUGIN_MISSING;
	l->rows = calloc(n, sizeof *l->rows);
	l->text = calloc(2 * n, sizeof *l->text);
	if (!l->rows || !l->text) {
		loaded_free(l);
		return api->fail(ctx, "channels: out of memory for %zu rows", n);
	}
	l->n = n;
	for (size_t i = 0; i < n; i++) {
		smb_mkt_row *r = &l->rows[i];
		double v[5] = { 0, 0, 0, 0, 0 };
		/* each cell is copied before the next is asked for: the host's
		 * buffer may be reused between calls */
		for (int k = 0; k < 2; k++) {
			const char *text = api->cell(ctx, "channels", i, k ? "channel" : "period");
			if (!text || !*text) {
				loaded_free(l);
				return api->fail(ctx, "channels row %zu has no %s", i + 1, k ? "channel" : "period");
			}
			if (!(l->text[2 * i + k] = copy(text))) {
				loaded_free(l);
				return api->fail(ctx, "channels: out of memory");
			}
		}
		r->period = l->text[2 * i];
		r->channel = l->text[2 * i + 1];
		for (int k = 0; k < 5; k++) {
			/* not a number: the importer normalises numbers, so that
			 * would be a host bug; only revenue may be empty */
			int got = smb_plugin_cell_number(api, ctx, "channels", i, numcols[k], &v[k]);
			if (got == SMB_PLUGIN_ERROR || (got == SMB_PLUGIN_MISSING && k < 4)) {
				int frc = api->fail(ctx, "channels row %zu (%s, %s): %s is %s", i + 1, r->period, r->channel,
				                    numcols[k], got == SMB_PLUGIN_ERROR ? "not a number" : "missing");
				loaded_free(l);
				return frc;
			}
			if (k == 4)
				r->has_revenue = got == SMB_PLUGIN_OK;
		}
		r->spend = v[0], r->visits = v[1], r->leads = v[2], r->new_customers = v[3], r->revenue = v[4];
	}
	rc = smb_mkt_summarize(l->rows, n, api->period(ctx), &l->s, err, sizeof err);
	if (rc == 0)
		return SMB_PLUGIN_OK;
	loaded_free(l);
	/* months missing from the period: undefined, as a roll-up would be */
	if (rc == SMB_MKT_UNDEFINED)
		return SMB_PLUGIN_MISSING;
	return api->fail(ctx, "%s", err);
}

/* models.channels.<channel>_<what> */
static void channel_model(const smb_host_api *api, smb_ctx *ctx, const smb_mkt_summary *s,
                          size_t c, const char *what, double value)
{
	char name[48], field[96];

	if (!isfinite(value))
		return;
	smb_mkt_field_name(s->ch[c].name, name, sizeof name);
	if (!*name)
		snprintf(name, sizeof name, "channel_%zu", c + 1);
	snprintf(field, sizeof field, "%s_%s", name, what);
	api->model(ctx, "channels", field, value);
}

/* Per-channel figures into models.channels, written once per assessment by
 * the blended-CAC metric, which every channels assessment computes. */
static void write_channel_models(const smb_host_api *api, smb_ctx *ctx, const smb_mkt_summary *s)
{
	for (size_t c = 0; c < s->n; c++) {
		const smb_mkt_channel *ch = &s->ch[c];
		channel_model(api, ctx, s, c, "spend", ch->spend);
		channel_model(api, ctx, s, c, "visits", ch->visits);
		channel_model(api, ctx, s, c, "leads", ch->leads);
		channel_model(api, ctx, s, c, "new_customers", ch->new_customers);
		if (s->spend > 0)
			channel_model(api, ctx, s, c, "spend_share_pct", 100 * ch->spend / s->spend);
		if (s->new_customers > 0)
			channel_model(api, ctx, s, c, "customer_share_pct", 100 * ch->new_customers / s->new_customers);
		if (ch->new_customers > 0)
			channel_model(api, ctx, s, c, "cac", ch->spend / ch->new_customers);
		if (ch->visits > 0)
			channel_model(api, ctx, s, c, "visit_to_lead_pct", 100 * ch->leads / ch->visits);
		if (ch->leads > 0)
			channel_model(api, ctx, s, c, "lead_to_customer_pct", 100 * ch->new_customers / ch->leads);
		if (ch->has_revenue) {
			channel_model(api, ctx, s, c, "revenue", ch->revenue);
			if (ch->revenue_spend > 0)
				channel_model(api, ctx, s, c, "roas", ch->revenue / ch->revenue_spend);
		}
	}
	api->model(ctx, "channels", "channels", (double)s->n);
}

static void write_shift_model(const smb_host_api *api, smb_ctx *ctx, const smb_mkt_summary *s,
                              const smb_mkt_shift *sh)
{
	char name[48], field[64];

	smb_mkt_field_name(s->ch[sh->worst].name, name, sizeof name);
	snprintf(field, sizeof field, "from_%s", *name ? name : "channel");
	api->model(ctx, "budget_shift", field, sh->amount);
	smb_mkt_field_name(s->ch[sh->best].name, name, sizeof name);
	snprintf(field, sizeof field, "to_%s", *name ? name : "channel");
	api->model(ctx, "budget_shift", field, sh->amount);
	api->model(ctx, "budget_shift", "extra_customers", sh->customers);
}

/* LTV:CAC per channel into models.channels.<channel>_ltv_cac. */
static void write_ltv_models(const smb_host_api *api, smb_ctx *ctx, const smb_mkt_summary *s, double ltv)
{
	for (size_t c = 0; c < s->n; c++)
		if (s->ch[c].spend > 0)
			channel_model(api, ctx, s, c, "ltv_cac", ltv * s->ch[c].new_customers / s->ch[c].spend);
}

static int funnel(const smb_host_api *api, smb_ctx *ctx, const smb_mkt_summary *s, const opts *o,
                  smb_mkt_funnel *f)
{
	int rc = smb_mkt_funnel_of(s, o->bench_v2l, o->bench_l2c, f);
	if (rc)
		return rc;
	if (f->has_v2l)
		api->model(ctx, "funnel", "visit_to_lead_pct", f->v2l_pct),
		api->model(ctx, "funnel", "visit_to_lead_vs_benchmark_pct", f->v2l_vs_pct);
	if (f->has_l2c)
		api->model(ctx, "funnel", "lead_to_customer_pct", f->l2c_pct),
		api->model(ctx, "funnel", "lead_to_customer_vs_benchmark_pct", f->l2c_vs_pct);
	/* 1: visits -> leads, 2: leads -> customers */
	api->model(ctx, "funnel", "weakest_stage", f->weakest);
	return 0;
}

/* One value of the loaded period; SMB_MKT_UNDEFINED -> SMB_PLUGIN_MISSING. */
static int value_of(const smb_host_api *api, smb_ctx *ctx, int id, const smb_mkt_summary *s, const opts *o,
                    double *out)
{
	double a, b;
	smb_mkt_funnel f;
	smb_mkt_shift sh;
	int rc;

	switch (id) {
	case M_SPEND:
		*out = s->spend;
		return 0;
	case M_CAC:
		write_channel_models(api, ctx, s);
		return smb_mkt_cac(s, out);
	case M_V2L: case M_V2L_VS:
		if ((rc = funnel(api, ctx, s, o, &f)) || !f.has_v2l)
			return SMB_MKT_UNDEFINED;
		*out = id == M_V2L ? f.v2l_pct : f.v2l_vs_pct;
		return 0;
	case M_L2C: case M_L2C_VS:
		if ((rc = funnel(api, ctx, s, o, &f)) || !f.has_l2c)
			return SMB_MKT_UNDEFINED;
		*out = id == M_L2C ? f.l2c_pct : f.l2c_vs_pct;
		return 0;
	case M_ROAS:
		return smb_mkt_roas(s, out);
	case M_SPEND_PCT:
		if (api->get(ctx, "finance.revenue", &a) != SMB_PLUGIN_OK || a <= 0)
			return SMB_MKT_UNDEFINED;
		*out = 100 * s->spend / a;
		return 0;
	case M_HHI: case M_TOP_SHARE:
		if ((rc = smb_mkt_hhi(s, &a, &b)))
			return rc;
		*out = id == M_HHI ? a : b;
		return 0;
	case M_CAC_BEST: case M_CAC_RATIO: case M_SHIFT_AMOUNT: case M_SHIFT_CUSTOMERS:
		if ((rc = smb_mkt_budget_shift(s, o->min_share, o->shift, &sh)))
			return rc;
		if (id == M_SHIFT_AMOUNT)
			write_shift_model(api, ctx, s, &sh);
		*out = id == M_CAC_BEST ? sh.cac_best : id == M_CAC_RATIO ? sh.cac_ratio
		     : id == M_SHIFT_AMOUNT ? sh.amount : sh.customers;
		return 0;
	case M_LTV_CAC: case M_LTV_CAC_WORST:
		/* LTV on gross margin, the basis of the 3:1 rule of thumb it is
		 * scored against: a customer's revenue is not what it earns. */
		if (api->get(ctx, "customer.clv_mean", &a) != SMB_PLUGIN_OK
		    || api->get(ctx, "finance.gross_margin_pct", &b) != SMB_PLUGIN_OK)
			return SMB_MKT_UNDEFINED;
		a *= b / 100;
		if (id == M_LTV_CAC_WORST)
			return smb_mkt_ltv_cac_worst(s, a, o->min_share, out);
		write_ltv_models(api, ctx, s, a);
		if ((rc = smb_mkt_cac(s, &b)) || b <= 0)
			return SMB_MKT_UNDEFINED;
		*out = a / b;
		return 0;
	case M_PAYBACK:
		if (api->get(ctx, "customer.clv_mean", &a) != SMB_PLUGIN_OK
		    || api->get(ctx, "finance.gross_margin_pct", &b) != SMB_PLUGIN_OK)
			return SMB_MKT_UNDEFINED;
		{
			double cac;
			if ((rc = smb_mkt_cac(s, &cac)))
				return rc;
			return smb_mkt_payback_months(cac, a, b, out);
		}
	}
	return SMB_MKT_UNDEFINED;
}

static const int ids[M_COUNT] = {
	M_SPEND, M_CAC, M_V2L, M_L2C, M_V2L_VS, M_L2C_VS, M_ROAS, M_SPEND_PCT,
	M_HHI, M_TOP_SHARE, M_CAC_BEST, M_CAC_RATIO, M_SHIFT_AMOUNT,
	M_SHIFT_CUSTOMERS, M_LTV_CAC, M_LTV_CAC_WORST, M_PAYBACK
};

static void loaded_release(void *l)
{
	loaded_free(l);
	free(l);
}

/* The channels rows are read and summed once per cycle when the host keeps
 * work for a cycle; an older host has them read once per metric. */
#define KEPT_ROWS "marketing.channels"

static int compute(const smb_host_api *api, smb_ctx *ctx, void *ud, double *out)
{
	int id = *(const int *)ud, rc;
	loaded own, *l = NULL;
	opts o;

	if ((rc = read_opts(api, ctx, &o)) != SMB_PLUGIN_OK)
		return rc;
	if (SMB_HOST_HAS(api, kept))
		l = api->kept(ctx, KEPT_ROWS);
	if (!l) {
		loaded *kept;
		if ((rc = load(api, ctx, &own)) != SMB_PLUGIN_OK)
			return rc;
		l = &own;
		if (SMB_HOST_HAS(api, keep) && (kept = malloc(sizeof *kept))) {
			*kept = own;
			if (api->keep(ctx, KEPT_ROWS, kept, loaded_release) != SMB_PLUGIN_OK)
				return SMB_PLUGIN_ERROR;   /* keep released it */
			l = kept;
		}
	}
	rc = value_of(api, ctx, id, &l->s, &o, out);
	if (l == &own)
		loaded_free(&own);
	if (rc == SMB_MKT_UNDEFINED)
		return SMB_PLUGIN_MISSING;
	if (rc || !isfinite(*out))
		return api->fail(ctx, "marketing: a channels figure is not a finite number");
	return SMB_PLUGIN_OK;
}

/* ---- rules ---------------------------------------------------------------- */

static int get2(const smb_host_api *api, smb_ctx *ctx, const char *k1, double *v1,
                const char *k2, double *v2)
{
	return api->get(ctx, k1, v1) == SMB_PLUGIN_OK && (!k2 || api->get(ctx, k2, v2) == SMB_PLUGIN_OK);
}

/* CAC payback has its findings in the marketing playbook (MKT-0040, MKT-0130),
 * on the canonical marketing.cac_payback_months: one fact, one finding. */
enum { R_LTV_WORST, R_SHIFT, R_V2L, R_L2C, R_HHI, R_LTV_LOW, R_LTV_GOOD };
static const int rids[] = { R_LTV_WORST, R_SHIFT, R_V2L, R_L2C, R_HHI, R_LTV_LOW, R_LTV_GOOD };

/* A stage far below benchmark fires only where the funnel loses most: when
 * the other stage is unknown or no further below its own benchmark. */
static int weakest_stage(const smb_host_api *api, smb_ctx *ctx, const char *mine, const char *other,
                         int *fires)
{
	double m, o;

	if (api->get(ctx, mine, &m) != SMB_PLUGIN_OK)
		return SMB_PLUGIN_MISSING;
	*fires = m < 50 && (api->get(ctx, other, &o) != SMB_PLUGIN_OK || m <= o);
	return SMB_PLUGIN_OK;
}

static int when(const smb_host_api *api, smb_ctx *ctx, void *ud, int *fires)
{
	double a = 0, b = 0;

	*fires = 0;
	switch (*(const int *)ud) {
	case R_LTV_WORST:
		if (!get2(api, ctx, "marketing.ltv_cac_worst", &a, NULL, NULL))
			return SMB_PLUGIN_MISSING;
		*fires = a < 1;
		break;
	case R_SHIFT:
		if (!get2(api, ctx, "marketing.channel_cac_ratio", &a, NULL, NULL))
			return SMB_PLUGIN_MISSING;
		*fires = a < 0.5;
		break;
	case R_V2L:
		return weakest_stage(api, ctx, "marketing.visit_to_lead_vs_benchmark_pct",
		                     "marketing.lead_to_customer_vs_benchmark_pct", fires);
	case R_L2C:
		/* strictly lower, so a tie fires the visit -> lead rule only */
		if (weakest_stage(api, ctx, "marketing.lead_to_customer_vs_benchmark_pct",
		                  "marketing.visit_to_lead_vs_benchmark_pct", fires) != SMB_PLUGIN_OK)
			return SMB_PLUGIN_MISSING;
		if (*fires && api->get(ctx, "marketing.visit_to_lead_vs_benchmark_pct", &b) == SMB_PLUGIN_OK
		    && api->get(ctx, "marketing.lead_to_customer_vs_benchmark_pct", &a) == SMB_PLUGIN_OK)
			*fires = a < b;
		break;
	case R_HHI:
		if (!get2(api, ctx, "marketing.channel_hhi", &a, NULL, NULL))
			return SMB_PLUGIN_MISSING;
		*fires = a > 2500;
		break;
	case R_LTV_LOW:
		if (!get2(api, ctx, "marketing.ltv_cac", &a, NULL, NULL))
			return SMB_PLUGIN_MISSING;
		*fires = a < 3;
		break;
	case R_LTV_GOOD:
		if (!get2(api, ctx, "marketing.ltv_cac", &a, NULL, NULL))
			return SMB_PLUGIN_MISSING;
		*fires = a >= 3;
		break;
	}
	return SMB_PLUGIN_OK;
}

/* ---- registration --------------------------------------------------------- */

#define K(...) ((const char *const[]){ __VA_ARGS__, NULL })

static int add_metrics(const smb_host_api *api)
{
	static const char *const none[] = { NULL };
	const struct { int id; const char *key, *label, *unit; int better; const char *const *inputs; } m[] = {
		{ M_SPEND, "marketing.channel_spend", "Spend listed in the channels file (all channel rows)", "currency", -1, none },
		{ M_CAC, "marketing.channel_cac_blended", "CAC over the channels file (channel spend / channel new customers)", "currency", -1, none },
		{ M_V2L, "marketing.channel_visit_to_lead_pct", "Visit to lead, channels file: only channels reporting visits and leads", "%", 1, none },
		{ M_L2C, "marketing.channel_lead_to_customer_pct", "Lead to customer, channels file: only channels reporting leads and customers", "%", 1, none },
		{ M_V2L_VS, "marketing.visit_to_lead_vs_benchmark_pct", "Visit to lead conversion as % of its benchmark", "%", 1, none },
		{ M_L2C_VS, "marketing.lead_to_customer_vs_benchmark_pct", "Lead to customer conversion as % of its benchmark", "%", 1, none },
		{ M_ROAS, "marketing.channel_roas", "ROAS, channels file: only channels reporting revenue", "ratio", 1, none },
		{ M_SPEND_PCT, "marketing.channel_spend_pct", "Channels-file spend % of revenue", "%", -1, K("finance.revenue") },
		{ M_HHI, "marketing.channel_hhi", "Concentration of new customers by channel (HHI, 0-10,000)", "points", -1, none },
		{ M_TOP_SHARE, "marketing.top_channel_share_pct", "Share of new customers from the largest channel", "%", -1, none },
		{ M_CAC_BEST, "marketing.channel_cac_best", "CAC of the cheapest channel", "currency", -1, none },
		{ M_CAC_RATIO, "marketing.channel_cac_ratio", "Cheapest channel's CAC / dearest channel's CAC", "ratio", 1, none },
		{ M_SHIFT_AMOUNT, "marketing.budget_shift_amount", "Budget to move from the dearest channel to the cheapest", "currency", -1, none },
		{ M_SHIFT_CUSTOMERS, "marketing.budget_shift_customers", "Extra new customers the budget shift would win at today's CACs", "count", 1, none },
		{ M_LTV_CAC, "marketing.ltv_cac", "LTV:CAC on gross margin (12-month CLV x gross margin / blended CAC)", "ratio", 1,
		  K("customer.clv_mean", "finance.gross_margin_pct") },
		{ M_LTV_CAC_WORST, "marketing.ltv_cac_worst", "LTV:CAC on gross margin of the dearest channel", "ratio", 1,
		  K("customer.clv_mean", "finance.gross_margin_pct") },
		{ M_PAYBACK, "marketing.channel_cac_payback_months", "CAC payback, channels file (blended CAC / a new customer's monthly gross margin)",
		  "months", -1, K("customer.clv_mean", "finance.gross_margin_pct") },
	};
	for (size_t i = 0; i < sizeof m / sizeof m[0]; i++) {
		smb_metric_def d = { .key = m[i].key, .label = m[i].label, .unit = m[i].unit, .better = m[i].better, .rollup = "derived",
		                     .inputs = m[i].inputs, .dataset = "channels", .compute = compute, .ud = (void *)&ids[m[i].id], .weight = 0 };
		if (api->add_metric(api->host, &d))
			return -1;
	}
	return 0;
}

static int add_goalposts(const smb_host_api *api)
{
	static const double hhi_bands[5] = { 10000, 5000, 2500, 2000, 1500 };
	const smb_goalposts_def g[] = {
		{ .metric = "marketing.ltv_cac", .industry = NULL, .worst = 1, .best = 3, .bands = NULL,
		  .source = "Rule of thumb: LTV:CAC of 3 or more, below 1 a customer costs more than it brings (David Skok, "
		  "'SaaS Metrics 2.0', forEntrepreneurs.com; widely used in e-commerce too). Skok's LTV is gross "
		  "margin, and so is this one: the customer plugin's 12-month CLV times the gross margin" },
		{ .metric = "marketing.channel_hhi", .industry = NULL, .worst = 10000, .best = 1500, .bands = hhi_bands,
		  .source = "U.S. DOJ & FTC Horizontal Merger Guidelines (2010) §5.3: HHI below 1,500 unconcentrated, above 2,500 "
		  "highly concentrated (0-10,000 scale); borrowed as a rule of thumb for dependence on acquisition "
		  "channels: one channel scores 0, 2,500 scores 50, 1,500 or less 100" },
	};
	for (size_t i = 0; i < sizeof g / sizeof g[0]; i++)
		if (api->add_goalposts(api->host, &g[i]))
			return -1;
	return 0;
}

static int add_rules(const smb_host_api *api)
{
	const smb_rule_def r[] = {
		{ .id = "MKT-0510", .area = "marketing", .kind = "threat", .severity = "high",
		  .metrics = K("marketing.ltv_cac_worst", "customer.clv_mean"), .when = when, .ud = (void *)&rids[R_LTV_WORST],
		  .title = "A channel wins customers worth less than they cost",
		  .detail = "On the dearest channel (see models.channels) LTV:CAC on gross margin is {marketing.ltv_cac_worst:%.2f}: "
		  "a customer buying {customer.clv_mean:%.0f} over 12 months earns less gross margin than it costs to win.",
		  .recommend = K("MKT-cut-channel", "MKT-shift-budget"), .industry = NULL },
		{ .id = "MKT-0520", .area = "marketing", .kind = "opportunity", .severity = "medium",
		  .metrics = K("marketing.channel_cac_ratio", "marketing.channel_cac_best", "marketing.budget_shift_amount",
		    "marketing.budget_shift_customers"), .when = when, .ud = (void *)&rids[R_SHIFT],
		  .title = "Budget could move to a channel that wins customers for less than half the cost",
		  .detail = "The cheapest channel wins a customer for {marketing.channel_cac_best:%.0f}, "
		  "{marketing.channel_cac_ratio:%.2f} of what one costs on the dearest channel. Moving "
		  "{marketing.budget_shift_amount:%.0f} of the dearest channel's spend (models.budget_shift) would win "
		  "up to {marketing.budget_shift_customers:%.0f} more customers a period at today's costs; move it in "
		  "steps and check that the cheaper channel's CAC holds.",
		  .recommend = K("MKT-shift-budget"), .industry = NULL },
		{ .id = "MKT-0530", .area = "marketing", .kind = "weakness", .severity = "medium",
		  .metrics = K("marketing.visit_to_lead_vs_benchmark_pct", "marketing.channel_visit_to_lead_pct"),
		  .when = when, .ud = (void *)&rids[R_V2L],
		  .title = "The funnel loses most between visit and lead",
		  .detail = "{marketing.channel_visit_to_lead_pct:%.2f}% of visits become leads, "
		  "{marketing.visit_to_lead_vs_benchmark_pct:%.0f}% of the rule-of-thumb benchmark: this is the "
		  "funnel's weakest stage.",
		  .recommend = K("MKT-funnel-first-step"), .industry = NULL },
		{ .id = "MKT-0540", .area = "marketing", .kind = "weakness", .severity = "medium",
		  .metrics = K("marketing.lead_to_customer_vs_benchmark_pct", "marketing.channel_lead_to_customer_pct"),
		  .when = when, .ud = (void *)&rids[R_L2C],
		  .title = "The funnel loses most between lead and customer",
		  .detail = "{marketing.channel_lead_to_customer_pct:%.1f}% of leads become customers, "
		  "{marketing.lead_to_customer_vs_benchmark_pct:%.0f}% of the rule-of-thumb benchmark: this is the "
		  "funnel's weakest stage.",
		  .recommend = K("MKT-lead-response"), .industry = NULL },
		{ .id = "MKT-0550", .area = "marketing", .kind = "threat", .severity = "medium",
		  .metrics = K("marketing.channel_hhi", "marketing.top_channel_share_pct"), .when = when, .ud = (void *)&rids[R_HHI],
		  .title = "New customers depend on few channels",
		  .detail = "Concentration of new customers by channel is {marketing.channel_hhi:%.0f} on the 0-10,000 HHI "
		  "scale (above 2,500 counts as highly concentrated); the largest channel brings "
		  "{marketing.top_channel_share_pct:%.0f}% of them.",
		  .recommend = K("MKT-diversify-channels"), .industry = NULL },
		{ .id = "MKT-0560", .area = "marketing", .kind = "weakness", .severity = "medium",
		  .metrics = K("marketing.ltv_cac", "marketing.channel_cac_blended", "customer.clv_mean"), .when = when,
		  .ud = (void *)&rids[R_LTV_LOW],
		  .title = "Customers are worth less than three times what they cost to win",
		  .detail = "A new customer costs {marketing.channel_cac_blended:%.0f} and the average customer buys "
		  "{customer.clv_mean:%.0f} over 12 months: LTV:CAC on gross margin {marketing.ltv_cac:%.2f}, the rule of "
		  "thumb is 3.",
		  .recommend = K("MKT-shift-budget", "MKT-second-purchase"), .industry = NULL },
		{ .id = "MKT-0570", .area = "marketing", .kind = "strength", .severity = "medium",
		  .metrics = K("marketing.ltv_cac"), .when = when, .ud = (void *)&rids[R_LTV_GOOD],
		  .title = "Customer acquisition pays for itself",
		  .detail = "LTV:CAC on gross margin is {marketing.ltv_cac:%.2f}: a customer's first-year gross margin repays "
		  "what it cost to win three times or more.",
		  .recommend = K(NULL), .industry = NULL },
	};
	for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
		if (api->add_rule(api->host, &r[i]))
			return -1;
	return 0;
}

static int add_initiatives(const smb_host_api *api)
{
	static const smb_effect_def shift[] = {
		{ .metric = "marketing.channel_cac_ratio", .delta = 0.25 }, { .metric = "marketing.ltv_cac", .delta = 0.5 },
		{ .metric = "marketing.cac_payback_months", .delta = -1 } };
	static const smb_effect_def cut[] = { { .metric = "marketing.ltv_cac_worst", .delta = 1 }, { .metric = "marketing.ltv_cac", .delta = 0.3 } };
	static const smb_effect_def diversify[] = {
		{ .metric = "marketing.channel_hhi", .delta = -1000 }, { .metric = "marketing.top_channel_share_pct", .delta = -10 } };
	static const smb_effect_def first_step[] = { { .metric = "marketing.visit_to_lead_vs_benchmark_pct", .delta = 25 } };
	static const smb_effect_def response[] = { { .metric = "marketing.lead_to_customer_vs_benchmark_pct", .delta = 25 } };
	static const smb_effect_def second[] = { { .metric = "marketing.ltv_cac", .delta = 0.5 }, { .metric = "marketing.cac_payback_months", .delta = -2 } };
	const smb_initiative_def in[] = {
		{ .id = "MKT-shift-budget", .area = "marketing",
		  .title = "Move budget from the dearest channel to the cheapest in monthly steps, checking CAC each month",
		  .cost = 0, .hours = 12, .months = 3, .confidence = 0.6, .effects = shift, .neffects = 3, .requires = K(NULL), .excludes = K(NULL) },
		{ .id = "MKT-cut-channel", .area = "marketing",
		  .title = "Stop or renegotiate the channel whose customers are worth less than they cost",
		  .cost = 0, .hours = 8, .months = 1, .confidence = 0.7, .effects = cut, .neffects = 2, .requires = K(NULL), .excludes = K(NULL) },
		{ .id = "MKT-diversify-channels", .area = "marketing",
		  .title = "Build a second and third source of customers with capped test budgets",
		  .cost = 2500, .hours = 60, .months = 4, .confidence = 0.5, .effects = diversify, .neffects = 2, .requires = K(NULL), .excludes = K(NULL) },
		{ .id = "MKT-funnel-first-step", .area = "marketing",
		  .title = "Fix the first funnel step per channel: one landing page and one clear offer per campaign",
		  .cost = 1500, .hours = 30, .months = 2, .confidence = 0.6, .effects = first_step, .neffects = 1, .requires = K(NULL), .excludes = K(NULL) },
		{ .id = "MKT-lead-response", .area = "marketing",
		  .title = "Answer every lead the same day and follow up twice within two weeks",
		  .cost = 300, .hours = 40, .months = 1, .confidence = 0.65, .effects = response, .neffects = 1, .requires = K(NULL), .excludes = K(NULL) },
		{ .id = "MKT-second-purchase", .area = "marketing",
		  .title = "Second-purchase offer for every new customer, so acquisition pays back sooner",
		  .cost = 800, .hours = 25, .months = 2, .confidence = 0.55, .effects = second, .neffects = 2, .requires = K(NULL), .excludes = K(NULL) },
	};
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++)
		if (api->add_initiative(api->host, &in[i]))
			return -1;
	/* Where each applies (README "Applicability"); an older host skips this. */
	static const struct { const char *id; const char *needs[3]; } where[] = {
		{ "MKT-shift-budget", { "channels", NULL } },
		{ "MKT-cut-channel", { "channels", NULL } },
		{ "MKT-diversify-channels", { "channels", NULL } },
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
	{ .key = "marketing.budget_shift_amount",
	  .definition = "How much budget could move from the dearest channel to the cheapest.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "marketing.budget_shift_customers",
	  .definition = "How many more new customers that budget shift would win at today's costs per customer.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "marketing.channel_cac_best",
	  .definition = "What one new customer costs on the cheapest channel.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "marketing.channel_cac_blended",
	  .definition = "What one new customer costs over all channels in the channels file.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "marketing.channel_cac_payback_months",
	  .definition = "Months of a new customer's gross margin to earn back its acquisition cost, from the channels file and the customers' expected value.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "marketing.channel_cac_ratio",
	  .definition = "What a customer costs on the cheapest channel compared with the dearest.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "marketing.channel_hhi",
	  .definition = "How much new customers depend on a few channels (0 spread evenly, 10,000 all from one).",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "marketing.channel_lead_to_customer_pct",
	  .definition = "The share of leads that became customers, over the channels that report both.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "marketing.channel_roas",
	  .definition = "Revenue per unit of spend over the channels that report revenue.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "marketing.channel_spend",
	  .definition = "What the channels file says was spent on all channels.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "marketing.channel_spend_pct",
	  .definition = "Spend in the channels file as a share of revenue.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "marketing.channel_visit_to_lead_pct",
	  .definition = "The share of visits that became leads, over the channels that report both.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "marketing.lead_to_customer_vs_benchmark_pct",
	  .definition = "Lead to customer conversion compared with its rule-of-thumb benchmark (100 = on the benchmark).",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "marketing.ltv_cac",
	  .definition = "How many times the gross margin a new customer brings in a year covers what winning the customer cost.",
	  .basis = "12-month CLV (customer plugin) x gross margin / blended CAC of the channels file: margin basis, as the 3:1 rule of thumb", .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "marketing.ltv_cac_worst",
	  .definition = "The same ratio for the channel where customers cost most to win.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "marketing.top_channel_share_pct",
	  .definition = "The share of new customers that came from the largest channel.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "marketing.visit_to_lead_vs_benchmark_pct",
	  .definition = "Visit to lead conversion compared with its rule-of-thumb benchmark (100 = on the benchmark).",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
};
/* The settings this plugin reads (api->setting), declared so that
 * `assess --set` refuses unknown names and values out of range. */
static int add_settings(const smb_host_api *api)
{
	static const smb_setting_def defs[] = {
		/* name, description, min, max, min open, max open, whole */
		{ .name = SET_BENCH_V2L, .description = "benchmark visit-to-lead conversion, %", .min = 0, .max = 100, .min_open = 1, .max_open = 0, .integer = 0 },
		{ .name = SET_BENCH_L2C, .description = "benchmark lead-to-customer conversion, %", .min = 0, .max = 100, .min_open = 1, .max_open = 0, .integer = 0 },
		{ .name = SET_MIN_SHARE, .description = "smallest channel share worth keeping, %", .min = 0, .max = 100, .min_open = 0, .max_open = 1, .integer = 0 },
		{ .name = SET_SHIFT, .description = "share of a weak channel's budget to move", .min = 0, .max = 1, .min_open = 1, .max_open = 0, .integer = 0 },
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
		{ .name = "period", .type = SMB_COL_PERIOD, .required = 1 },
		{ .name = "channel", .type = SMB_COL_TEXT, .required = 1 },
		{ .name = "spend", .type = SMB_COL_REAL, .required = 1 },
		{ .name = "visits", .type = SMB_COL_REAL, .required = 1 },
		{ .name = "leads", .type = SMB_COL_REAL, .required = 1 },
		{ .name = "new_customers", .type = SMB_COL_REAL, .required = 1 },
		{ .name = "revenue", .type = SMB_COL_REAL, .required = 0 },
	};
	const smb_kind_def kind = {
		.name = "channels",
		.description = "Marketing by channel and period: spend, visits, leads, new customers and (optional) attributed revenue",
		.columns = cols, .ncolumns = sizeof cols / sizeof cols[0]
	};

	info->abi_version = SMB_PLUGIN_ABI_VERSION;
	info->name = "marketing";
	info->version = "1.1";
	info->areas = "marketing";
	info->industry = NULL;
	info->description = "Channels dataset: CAC, funnel, ROAS, concentration, LTV:CAC, payback and budget shifts per channel";
	/* the fields used below are all in ABI 1's table */
	if (api->struct_size < offsetof(smb_host_api, fail) + sizeof api->fail)
		return SMB_PLUGIN_ERROR;
	if (api->add_kind(api->host, &kind) || add_metrics(api) || add_goalposts(api) || add_rules(api)
	    || add_initiatives(api) || add_settings(api))
		return SMB_PLUGIN_ERROR;
	if (smb_plugin_describe(api, about, sizeof about / sizeof about[0]) != SMB_PLUGIN_OK)
		return SMB_PLUGIN_ERROR;
	return SMB_PLUGIN_OK;
}
