/* plugins/finance/finance.c — the finance plugin: the cash-flow outlook
 * (forecast revenue and costs, the month cash would run out), revenue
 * volatility, and their goalposts, rules and initiatives. The arithmetic is
 * in outlook.c; these callbacks read the monthly history through the host. */
#include "smbopt/plugin.h"
#include "outlook.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MODEL "cash_outlook"

/* ---- reading the monthly history --------------------------------------- */

typedef struct history {
	size_t n;                 /* months, oldest first; y[n-1] is the period's last month */
	int cal0;                 /* calendar month of the oldest, 0 = January */
	int last_year, last_month;
	double revenue[SMB_OUTLOOK_MAX_HISTORY];
	double cogs[SMB_OUTLOOK_MAX_HISTORY];
	double opex[SMB_OUTLOOK_MAX_HISTORY];
	double debt[SMB_OUTLOOK_MAX_HISTORY];   /* NAN where not reported */
	double ocf[SMB_OUTLOOK_MAX_HISTORY];    /* NAN where not reported */
} history;

static int last_month_of(const smb_host_api *api, smb_ctx *ctx, int *year, int *month)
{
	const char *d = api->period_last(ctx);

	if (!d || sscanf(d, "%4d-%2d", year, month) != 2 || *month < 1 || *month > 12)
		return api->fail(ctx, "the period's last day '%s' is not a date", d ? d : "");
	return SMB_PLUGIN_OK;
}

/* The run of consecutive months, ending with the period's last month, that
 * has every series wanted (revenue, and cogs and opex when costs is set);
 * the first month missing ends the run, up to SMB_OUTLOOK_MAX_HISTORY months
 * back. With costs, the debt balance and operating cash flow of those months
 * where reported (NAN where not). */
static int read_history(const smb_host_api *api, smb_ctx *ctx, int costs, history *h)
{
	double r[SMB_OUTLOOK_MAX_HISTORY], c[SMB_OUTLOOK_MAX_HISTORY], o[SMB_OUTLOOK_MAX_HISTORY];
	double d[SMB_OUTLOOK_MAX_HISTORY], f[SMB_OUTLOOK_MAX_HISTORY];
	int y, m, rc;
	size_t n = 0;

	memset(h, 0, sizeof *h);
	if ((rc = last_month_of(api, ctx, &y, &m)))
		return rc;
	h->last_year = y;
	h->last_month = m;
	for (; n < SMB_OUTLOOK_MAX_HISTORY; n++) {
		int mi = y * 12 + (m - 1) - (int)n;
		char p[16];

		snprintf(p, sizeof p, "%04d-%02d", mi / 12, mi % 12 + 1);
		if (api->get_at(ctx, "finance.revenue", p, &r[n]) != SMB_PLUGIN_OK)
			break;
		if (costs && (api->get_at(ctx, "finance.cogs", p, &c[n]) != SMB_PLUGIN_OK ||
		              api->get_at(ctx, "finance.opex", p, &o[n]) != SMB_PLUGIN_OK))
			break;
		if (!isfinite(r[n]) || (costs && (!isfinite(c[n]) || !isfinite(o[n]))))
			return api->fail(ctx, "a monthly value of %s is not a number", p);
		if (!costs || api->get_at(ctx, "finance.debt", p, &d[n]) != SMB_PLUGIN_OK)
			d[n] = NAN;
		if (!costs || api->get_at(ctx, "finance.operating_cash_flow", p, &f[n]) != SMB_PLUGIN_OK)
			f[n] = NAN;
		h->cal0 = mi % 12;
	}
	h->n = n;
	for (size_t i = 0; i < n; i++) {      /* newest-first into oldest-first */
		h->revenue[i] = r[n - 1 - i];
		h->cogs[i] = costs ? c[n - 1 - i] : 0;
		h->opex[i] = costs ? o[n - 1 - i] : 0;
		h->debt[i] = d[n - 1 - i];
		h->ocf[i] = f[n - 1 - i];
	}
	return SMB_PLUGIN_OK;
}

static int seasonal_setting(const smb_host_api *api, smb_ctx *ctx)
{
	return api->setting(ctx, "finance.outlook_seasonal", 1) != 0;
}

/* ---- the revenue forecast, once per cycle --------------------------------- */

/* The runway's outlook and the six-month revenue forecast the same revenue:
 * the first to ask makes the forecast and keeps it for the cycle (when the
 * host keeps work), the second reuses it when its history is the same. */
typedef struct revenue_fc {
	size_t n;
	int cal0, seasonal;
	smb_outlook_how how;
	double y[SMB_OUTLOOK_MAX_HISTORY];
	double f[SMB_OUTLOOK_HORIZON];
} revenue_fc;

static int revenue_forecast(const smb_host_api *api, smb_ctx *ctx, const history *h, revenue_fc *fc,
                            char *err, size_t errlen)
{
	const revenue_fc *k;
	revenue_fc *copy;
	char key[64];

	memset(fc, 0, sizeof *fc);
	fc->n = h->n;
	fc->cal0 = h->cal0;
	fc->seasonal = seasonal_setting(api, ctx);
	memcpy(fc->y, h->revenue, h->n * sizeof *fc->y);
	snprintf(key, sizeof key, "finance.revenue_forecast.%zu.%d.%d", fc->n, fc->cal0, fc->seasonal);
	k = SMB_HOST_HAS(api, kept) ? api->kept(ctx, key) : NULL;
	if (k && memcmp(k->y, fc->y, sizeof fc->y) == 0) {
		*fc = *k;
		return 0;
	}
	if (smb_outlook_series(h->revenue, h->n, fc->seasonal, SMB_OUTLOOK_HORIZON, fc->f, &fc->how, err, errlen))
		return -1;
	/* Not kept (an older host, or the key held by other data): no matter,
	 * the forecast stands. */
	if (!k && SMB_HOST_HAS(api, keep) && (copy = malloc(sizeof *copy))) {
		*copy = *fc;
		api->keep(ctx, key, copy, free);
	}
	return 0;
}

/* ---- metrics ------------------------------------------------------------ */

/* The lowest cash balance on the path, today's included. */
static double lowest(const smb_outlook *o, double cash0)
{
	double low = cash0;
	for (int k = 0; k < SMB_OUTLOOK_HORIZON; k++)
		low = fmin(low, o->cash[k]);
	return low;
}

static void put(const smb_host_api *api, smb_ctx *ctx, const char *field, double v)
{
	if (isfinite(v))
		api->model(ctx, MODEL, field, v);
}

/* The outlook's path and its assumptions, in models.cash_outlook. */
static void write_model(const smb_host_api *api, smb_ctx *ctx, const history *h, const smb_outlook *o)
{
	char f[32];

	put(api, ctx, "history_months", (double)o->n);
	put(api, ctx, "seasonal", o->revenue_how.seasonal);
	/* 1: seasonal naive with drift (12-23 months); 0: ETS selection */
	put(api, ctx, "seasonal_naive", o->revenue_how.snaive);
	put(api, ctx, "seasonal_naive_growth", o->revenue_how.growth);
	put(api, ctx, "cogs_ratio", o->cogs_ratio);
	put(api, ctx, "financing_counted", o->has_debt);
	put(api, ctx, "debt_repayment_monthly", o->repay_monthly);
	put(api, ctx, "cash_flow_gap_counted", o->has_gap);
	put(api, ctx, "cash_flow_gap_monthly", o->gap_monthly);
	put(api, ctx, "revenue_12m", o->revenue_12m);
	for (int k = 0; k < 6; k++) {
		snprintf(f, sizeof f, "month%d_revenue", k + 1);
		put(api, ctx, f, o->revenue[k]);
		snprintf(f, sizeof f, "month%d_costs", k + 1);
		put(api, ctx, f, o->cogs[k] + o->opex[k]);
		snprintf(f, sizeof f, "month%d_debt_repaid", k + 1);
		put(api, ctx, f, -o->financing[k]);
		snprintf(f, sizeof f, "month%d_cash", k + 1);
		put(api, ctx, f, o->cash[k]);
	}
	put(api, ctx, "lowest_cash", lowest(o, o->cash[0]));
	put(api, ctx, "runway_months", o->runway);   /* absent when cash lasts: see the metric's reason */
	put(api, ctx, "runs_out", o->runs_out >= 0);
	put(api, ctx, "runs_out_month_index", o->runs_out > 0 ? o->runs_out : 0);
	if (o->runs_out >= 0) {
		/* the calendar month, as a number such as 202702, for the report */
		int mi = h->last_year * 12 + (h->last_month - 1) + (o->runs_out > 0 ? o->runs_out : 0);
		put(api, ctx, "runs_out_yyyymm", (double)((mi / 12) * 100 + mi % 12 + 1));
	}
}

static int c_runway(const smb_host_api *api, smb_ctx *ctx, void *ud, double *out)
{
	history h;
	revenue_fc fc;
	smb_outlook o;
	smb_outlook_input in;
	double cash;
	char err[256];
	int rc;

	(void)ud;
	if ((rc = api->get(ctx, "finance.cash", &cash)))
		return rc;
	if ((rc = read_history(api, ctx, 1, &h)))
		return rc;
	if (h.n < SMB_OUTLOOK_MIN_HISTORY)
		return SMB_PLUGIN_MISSING;
	if (revenue_forecast(api, ctx, &h, &fc, err, sizeof err))
		return api->fail(ctx, "cash outlook: %s", err);
	in = (smb_outlook_input){ .revenue = h.revenue, .cogs = h.cogs, .opex = h.opex, .debt = h.debt, .ocf = h.ocf, .n = h.n, .seasonal = fc.seasonal, .cash0 = cash, .revenue_fc = fc.f, .revenue_how = &fc.how };
	if (smb_outlook_make(&in, &o, err, sizeof err))
		return api->fail(ctx, "cash outlook: %s", err);
	write_model(api, ctx, &h, &o);
	if (isinf(o.runway)) {
		/* No placeholder: the runway has no end within the projection. */
		api->fail(ctx, "cash stays positive through the %d-month projection (lowest %.0f)%s",
		          SMB_OUTLOOK_HORIZON, lowest(&o, cash),
		          !o.has_debt ? "; no debt balance reported, so no repayments counted"
		          : o.repay_monthly > 0 ? ", debt repayments included" : ", the debt balance is not falling");
		*out = INFINITY;
		return SMB_PLUGIN_UNBOUNDED;
	}
	*out = o.runway;
	return SMB_PLUGIN_OK;
}

static int c_revenue_6m(const smb_host_api *api, smb_ctx *ctx, void *ud, double *out)
{
	history h;
	revenue_fc fc;
	char err[256];
	int rc;

	(void)ud;
	if ((rc = read_history(api, ctx, 0, &h)))
		return rc;
	if (h.n < SMB_OUTLOOK_MIN_HISTORY)
		return SMB_PLUGIN_MISSING;
	/* the same forecast as the outlook's revenue, so the two agree */
	if (revenue_forecast(api, ctx, &h, &fc, err, sizeof err))
		return api->fail(ctx, "revenue forecast: %s", err);
	*out = fc.f[0] + fc.f[1] + fc.f[2] + fc.f[3] + fc.f[4] + fc.f[5];
	return SMB_PLUGIN_OK;
}

static int c_volatility(const smb_host_api *api, smb_ctx *ctx, void *ud, double *out)
{
	history h;
	int rc;

	(void)ud;
	if ((rc = read_history(api, ctx, 0, &h)))
		return rc;
	if (smb_outlook_cv12(h.revenue, h.n, out))
		return SMB_PLUGIN_MISSING;
	return SMB_PLUGIN_OK;
}

/* ---- rules -------------------------------------------------------------- */

static int w_outlook(const smb_host_api *api, smb_ctx *ctx, void *ud, int *fires)
{
	double runway, limit = api->setting(ctx, "finance.outlook_alert_months", 6);
	int rc = api->get(ctx, "finance.cash_runway_forecast_months", &runway);

	(void)ud;
	if (rc)
		return rc;
	*fires = runway < limit;
	return SMB_PLUGIN_OK;
}

static int w_outlook_watch(const smb_host_api *api, smb_ctx *ctx, void *ud, int *fires)
{
	double runway, limit = api->setting(ctx, "finance.outlook_alert_months", 6);
	int rc = api->get(ctx, "finance.cash_runway_forecast_months", &runway);

	(void)ud;
	if (rc)
		return rc;
	*fires = runway >= limit && runway < 12;
	return SMB_PLUGIN_OK;
}

static int w_volatile(const smb_host_api *api, smb_ctx *ctx, void *ud, int *fires)
{
	double cv, runway;
	int rc;

	(void)ud;
	if ((rc = api->get(ctx, "finance.revenue_volatility_pct", &cv)) ||
	    (rc = api->get(ctx, "finance.cash_runway_forecast_months", &runway)))
		return rc;
	*fires = cv > 25 && runway < 12;
	return SMB_PLUGIN_OK;
}

/* The two runways, cash / burn (the finance playbook) and the forecast, tell
 * different stories: one says short, the other long. Both count debt
 * repayments, so the difference is revenue's season or trend. */
static int runways(const smb_host_api *api, smb_ctx *ctx, double *now, double *later)
{
	int rc = api->get(ctx, "finance.cash_runway_months", now);
	return rc ? rc : api->get(ctx, "finance.cash_runway_forecast_months", later);
}

static int w_differ_later(const smb_host_api *api, smb_ctx *ctx, void *ud, int *fires)
{
	double now, later;
	int rc = runways(api, ctx, &now, &later);

	(void)ud;
	if (rc)
		return rc;
	*fires = now < 6 && later >= 12;
	return SMB_PLUGIN_OK;
}

static int w_differ_now(const smb_host_api *api, smb_ctx *ctx, void *ud, int *fires)
{
	double now, later;
	int rc = runways(api, ctx, &now, &later);

	(void)ud;
	if (rc)
		return rc;
	*fires = now >= 12 && later < 6;
	return SMB_PLUGIN_OK;
}

/* What every outlook finding assumes, said where the number is read. */
#define OUTLOOK_ASSUMPTIONS \
	"Assumes: revenue and operating expenses as forecast by the ETS model of lowest AICc (with 12-23 " \
	"months of history, last year's same months scaled by the year-on-year trend); cost of goods at their " \
	"share of revenue over the last 12 months; the usual gap between operating cash flow and profit; debt " \
	"repaid at the trend of the debt balance until repaid; no new borrowing, equity or asset sales " \
	"(models.cash_outlook has the month-by-month path)."

/* ---- registration ------------------------------------------------------- */

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const in_runway[] = { "finance.cash", "finance.revenue", "finance.cogs", "finance.opex", NULL };
static const char *const in_revenue[] = { "finance.revenue", NULL };
static const char *const m_outlook[] = { "finance.cash_runway_forecast_months", "finance.revenue_forecast_6m",
                                         "finance.cash", NULL };
static const char *const m_differ[] = { "finance.cash_runway_months", "finance.cash_runway_forecast_months", NULL };
static const char *const m_volatile[] = { "finance.revenue_volatility_pct", "finance.cash_runway_forecast_months", NULL };
static const char *const r_outlook[] = { "FIN-cash-bridge", "FIN-break-even-plan", "FIN-stock-to-cash", NULL };
static const char *const r_watch[] = { "FIN-break-even-plan", "FIN-stock-to-cash", NULL };
static const char *const r_volatile[] = { "FIN-off-season-revenue", "FIN-cash-bridge", NULL };

static const smb_effect_def e_bridge[] = { { .metric = "finance.cash_runway_forecast_months", .delta = 3 } };
static const smb_effect_def e_break_even[] = { { .metric = "finance.cash_runway_forecast_months", .delta = 6 } };
static const smb_effect_def e_stock[] = { { .metric = "finance.cash_runway_forecast_months", .delta = 2 } };
static const smb_effect_def e_off_season[] = {
	{ .metric = "finance.revenue_volatility_pct", .delta = -4 },
	{ .metric = "finance.cash_runway_forecast_months", .delta = 1 },
};

static const double b_runway[5] = { 1, 3, 6, 9, 12 };

/* What the metric catalogue (smbopt metrics) says of this plugin's metrics. */
static const smb_metric_about about[] = {
	{ .key = "finance.cash_runway_forecast_months",
	  .definition = "How many months the cash lasts on the forecast of revenue and costs.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "finance.revenue_forecast_6m",
	  .definition = "Expected revenue of the next six months, from the trend and season of past revenue.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "finance.revenue_volatility_pct",
	  .definition = "How much monthly revenue swings around its average over the last 12 months.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
};

SMB_PLUGIN_DECLARE_ABI;

int smb_plugin_init(const smb_host_api *api, smb_plugin_info *info)
{
	smb_host *h = api->host;
	const smb_metric_def metrics[] = {
		{ .key = "finance.cash_runway_forecast_months",
		  .label = "Cash runway on the 24-month forecast (revenue, costs, debt repayments)", .unit = "months",
		  .better = +1, .rollup = "derived", .inputs = in_runway, .dataset = NULL, .compute = c_runway, .ud = NULL, .weight = 1.5 },
		/* not scored: an amount, meaningful only against the client's own costs and cash */
		{ .key = "finance.revenue_forecast_6m", .label = "Revenue forecast for the next six months", .unit = "currency",
		  .better = +1, .rollup = "derived", .inputs = in_revenue, .dataset = NULL, .compute = c_revenue_6m, .ud = NULL, .weight = 0 },
		{ .key = "finance.revenue_volatility_pct", .label = "Revenue volatility (coefficient of variation of the last 12 months)",
		  .unit = "%", .better = -1, .rollup = "derived", .inputs = in_revenue, .dataset = NULL, .compute = c_volatility, .ud = NULL, .weight = 0.5 },
	};
	const smb_goalposts_def gps[] = {
		{ .metric = "finance.cash_runway_forecast_months", .industry = NULL, .worst = 1, .best = 12, .bands = b_runway,
		  .source = "Small-business rule of thumb: 3-6 months of expenses in reserve; JPMorgan Chase Institute (2016), "
		  "'Cash is King: Flows, Balances, and Buffer Days': the median small business holds 27 days of "
		  "cash buffer" },
		{ .metric = "finance.revenue_volatility_pct", .industry = NULL, .worst = 40, .best = 5, .bands = NULL,
		  .source = "Rule of thumb of this plugin: monthly revenue varying by less than 10% around its mean is steady, "
		  "above about 30% the business needs a cash buffer for the lean months; JPMorgan Chase Institute "
		  "(2016), 'Cash is King', documents how volatile small-business cash flows are" },
	};
	const smb_rule_def rules[] = {
		{ .id = "FIN-cash-outlook", .area = "finance", .kind = "threat", .severity = "high", .metrics = m_outlook, .when = w_outlook, .ud = NULL,
		  .title = "Forecast: cash runs out within six months",
		  .detail = "Forecast from the monthly history, revenue of {finance.revenue_forecast_6m:%.0f} over the next "
		  "six months does not cover costs and debt repayments: the cash balance of {finance.cash:%.0f} is "
		  "forecast to run out in {finance.cash_runway_forecast_months:%.1f} months. " OUTLOOK_ASSUMPTIONS,
		  .recommend = r_outlook, .industry = NULL },
		{ .id = "FIN-cash-outlook-watch", .area = "finance", .kind = "threat", .severity = "medium", .metrics = m_outlook, .when = w_outlook_watch, .ud = NULL,
		  .title = "Forecast: cash runs out within a year",
		  .detail = "The forecast of revenue ({finance.revenue_forecast_6m:%.0f} over the next six months), costs and "
		  "debt repayments takes the cash balance of {finance.cash:%.0f} below zero in "
		  "{finance.cash_runway_forecast_months:%.1f} months. " OUTLOOK_ASSUMPTIONS,
		  .recommend = r_watch, .industry = NULL },
		{ .id = "FIN-revenue-volatile", .area = "finance", .kind = "weakness", .severity = "medium", .metrics = m_volatile, .when = w_volatile, .ud = NULL,
		  .title = "Revenue swings widely from month to month",
		  .detail = "Monthly revenue varies by {finance.revenue_volatility_pct:%.0f}% around its mean while the forecast "
		  "cash runway is {finance.cash_runway_forecast_months:%.1f} months: the lean months need planning.",
		  .recommend = r_volatile, .industry = NULL },
		{ .id = "FIN-runways-differ", .area = "finance", .kind = "threat", .severity = "low", .metrics = m_differ, .when = w_differ_later, .ud = NULL,
		  .title = "This period burns cash, but the forecast recovers",
		  .detail = "Cash divided by this period's burn (operations and debt repayments) lasts "
		  "{finance.cash_runway_months:%.1f} months, while the 24-month forecast keeps cash above zero for "
		  "{finance.cash_runway_forecast_months:%.1f} months: the forecast expects revenue to rise (its "
		  "seasonal months or its trend are ahead). The cash shortfall is real today; the recovery depends on "
		  "that revenue arriving. " OUTLOOK_ASSUMPTIONS,
		  .recommend = r_outlook, .industry = NULL },
		{ .id = "FIN-runways-differ-ahead", .area = "finance", .kind = "threat", .severity = "medium", .metrics = m_differ, .when = w_differ_now, .ud = NULL,
		  .title = "Cash lasts at this period's rate, but not on the forecast",
		  .detail = "At this period's rate cash lasts {finance.cash_runway_months:%.1f} months (operations and debt "
		  "repayments), yet the 24-month forecast takes it below zero in "
		  "{finance.cash_runway_forecast_months:%.1f} months: weaker months or a falling trend are ahead. "
		  OUTLOOK_ASSUMPTIONS,
		  .recommend = r_watch, .industry = NULL },
	};
	const smb_initiative_def inits[] = {
		{ .id = "FIN-cash-bridge", .area = "finance",
		  .title = "Agree a seasonal overdraft or bridging facility sized to the forecast low point, before it is needed",
		  .cost = 600, .hours = 16, .months = 1, .confidence = 0.6, .effects = e_bridge, .neffects = NELEM(e_bridge), .requires = NULL, .excludes = NULL },
		{ .id = "FIN-break-even-plan", .area = "finance",
		  .title = "90-day break-even plan: cut or defer costs and adjust prices until the forecast monthly net "
		  "cash flow is positive; track it monthly against the forecast",
		  .cost = 1000, .hours = 40, .months = 3, .confidence = 0.55, .effects = e_break_even, .neffects = NELEM(e_break_even), .requires = NULL, .excludes = NULL },
		{ .id = "FIN-stock-to-cash", .area = "finance",
		  .title = "Turn stock into cash: return unsold stock where terms allow, clear dead stock, reorder in "
		  "economic quantities",
		  .cost = 500, .hours = 30, .months = 2, .confidence = 0.6, .effects = e_stock, .neffects = NELEM(e_stock), .requires = NULL, .excludes = NULL },
		{ .id = "FIN-off-season-revenue", .area = "finance",
		  .title = "Fill the lean months: events, subscriptions and pre-orders timed for the quietest months",
		  .cost = 2000, .hours = 80, .months = 4, .confidence = 0.5, .effects = e_off_season, .neffects = NELEM(e_off_season), .requires = NULL, .excludes = NULL },
	};
	/* name, description, min, max, min open, max open, whole */
	static const smb_setting_def settings[] = {
		{ .name = "finance.outlook_seasonal", .description = "1: forecast with seasonal indices, 0: without", .min = 0, .max = 1, .min_open = 0, .max_open = 0, .integer = 1 },
		{ .name = "finance.outlook_alert_months", .description = "cash runway below which the outlook alerts, months", .min = 0, .max = 120, .min_open = 0, .max_open = 0, .integer = 0 },
	};
	int rc;

	info->abi_version = SMB_PLUGIN_ABI_VERSION;
	info->name = "finance";
	info->version = "1.0";
	info->areas = "finance";
	info->industry = NULL;
	info->description = "Cash-flow outlook: revenue and costs forecast by ETS selection (seasonal naive with "
	                    "drift on 12-23 months), debt repayments at their trend, the month cash would run "
	                    "out, revenue volatility";
	/* ABI 1's first table; fields added since are checked where used */
	if (api->abi_version < 1 || api->struct_size < offsetof(smb_host_api, fail) + sizeof api->fail)
		return SMB_PLUGIN_ERROR;
	for (size_t i = 0; i < NELEM(metrics); i++)
		if ((rc = api->add_metric(h, &metrics[i])))
			return rc;
	for (size_t i = 0; i < NELEM(gps); i++)
		if ((rc = api->add_goalposts(h, &gps[i])))
			return rc;
	for (size_t i = 0; i < NELEM(rules); i++)
		if ((rc = api->add_rule(h, &rules[i])))
			return rc;
	for (size_t i = 0; i < NELEM(inits); i++)
		if ((rc = api->add_initiative(h, &inits[i])))
			return rc;
	/* Where each applies (README "Applicability"); an older host skips this. */
	static const struct { const char *id; const char *needs[3]; } where[] = {
		{ "FIN-stock-to-cash", { "stock", NULL } },
	};
	for (size_t i = 0; SMB_HOST_HAS(api, add_applies) && i < sizeof where / sizeof where[0]; i++) {
		const smb_applies_def d = { .id = where[i].id, .industries = NULL, .needs = where[i].needs };
		if (api->add_applies(api->host, &d) != SMB_PLUGIN_OK)
			return SMB_PLUGIN_ERROR;
	}
	if (smb_plugin_describe(api, about, sizeof about / sizeof about[0]) != SMB_PLUGIN_OK)
		return SMB_PLUGIN_ERROR;
	/* The settings it reads, so that `assess --set` checks them. */
	for (size_t i = 0; SMB_HOST_HAS(api, add_setting) && i < NELEM(settings); i++)
		if ((rc = api->add_setting(h, &settings[i])))
			return rc;
	return SMB_PLUGIN_OK;
}
