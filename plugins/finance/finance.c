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
 * the first month missing ends the run, up to 24 months back. */
static int read_history(const smb_host_api *api, smb_ctx *ctx, int costs, history *h)
{
	double r[SMB_OUTLOOK_MAX_HISTORY], c[SMB_OUTLOOK_MAX_HISTORY], o[SMB_OUTLOOK_MAX_HISTORY];
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
		h->cal0 = mi % 12;
	}
	h->n = n;
	for (size_t i = 0; i < n; i++) {      /* newest-first into oldest-first */
		h->revenue[i] = r[n - 1 - i];
		h->cogs[i] = costs ? c[n - 1 - i] : 0;
		h->opex[i] = costs ? o[n - 1 - i] : 0;
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
	int cal0, seasonal, season;
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
	if (smb_outlook_series(h->revenue, h->n, h->cal0, fc->seasonal, SMB_OUTLOOK_HORIZON, fc->f, &fc->season,
	                       err, errlen))
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

static void put(const smb_host_api *api, smb_ctx *ctx, const char *field, double v)
{
	if (isfinite(v))
		api->model(ctx, MODEL, field, v);
}

static void write_model(const smb_host_api *api, smb_ctx *ctx, const history *h, const smb_outlook *o)
{
	char f[32];

	put(api, ctx, "history_months", (double)o->n);
	put(api, ctx, "seasonal", o->seasonal);
	put(api, ctx, "cogs_ratio", o->cogs_ratio);
	for (int k = 0; k < 6; k++) {
		snprintf(f, sizeof f, "month%d_revenue", k + 1);
		put(api, ctx, f, o->revenue[k]);
		snprintf(f, sizeof f, "month%d_costs", k + 1);
		put(api, ctx, f, o->cogs[k] + o->opex[k]);
		snprintf(f, sizeof f, "month%d_cash", k + 1);
		put(api, ctx, f, o->cash[k]);
	}
	put(api, ctx, "runway_months", o->runway);
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
	if (revenue_forecast(api, ctx, &h, &fc, err, sizeof err) ||
	    smb_outlook_make_with(h.revenue, h.cogs, h.opex, h.n, h.cal0, fc.seasonal, cash, fc.f, fc.season,
	                          &o, err, sizeof err))
		return api->fail(ctx, "cash outlook: %s", err);
	write_model(api, ctx, &h, &o);
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

/* ---- registration ------------------------------------------------------- */

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const in_runway[] = { "finance.cash", "finance.revenue", "finance.cogs", "finance.opex", NULL };
static const char *const in_revenue[] = { "finance.revenue", NULL };
static const char *const m_outlook[] = { "finance.cash_runway_forecast_months", "finance.revenue_forecast_6m",
                                         "finance.cash", NULL };
static const char *const m_volatile[] = { "finance.revenue_volatility_pct", "finance.cash_runway_forecast_months", NULL };
static const char *const r_outlook[] = { "FIN-cash-bridge", "FIN-break-even-plan", "FIN-stock-to-cash", NULL };
static const char *const r_watch[] = { "FIN-break-even-plan", "FIN-stock-to-cash", NULL };
static const char *const r_volatile[] = { "FIN-off-season-revenue", "FIN-cash-bridge", NULL };

static const smb_effect_def e_bridge[] = { { "finance.cash_runway_forecast_months", 3 } };
static const smb_effect_def e_break_even[] = { { "finance.cash_runway_forecast_months", 6 } };
static const smb_effect_def e_stock[] = { { "finance.cash_runway_forecast_months", 2 } };
static const smb_effect_def e_off_season[] = {
	{ "finance.revenue_volatility_pct", -4 },
	{ "finance.cash_runway_forecast_months", 1 },
};

static const double b_runway[5] = { 1, 3, 6, 9, 12 };

int smb_plugin_init(const smb_host_api *api, smb_plugin_info *info)
{
	smb_host *h = api->host;
	const smb_metric_def metrics[] = {
		{ "finance.cash_runway_forecast_months",
		  "Cash runway on the forecast of revenue and costs (99: lasts beyond 24 months)", "months",
		  +1, "derived", in_runway, NULL, c_runway, NULL, 1.5 },
		/* not scored: an amount, meaningful only against the client's own costs and cash */
		{ "finance.revenue_forecast_6m", "Revenue forecast for the next six months", "EUR",
		  +1, "derived", in_revenue, NULL, c_revenue_6m, NULL, 0 },
		{ "finance.revenue_volatility_pct", "Revenue volatility (coefficient of variation of the last 12 months)",
		  "%", -1, "derived", in_revenue, NULL, c_volatility, NULL, 0.5 },
	};
	const smb_goalposts_def gps[] = {
		{ "finance.cash_runway_forecast_months", NULL, 1, 12, b_runway,
		  "Small-business rule of thumb: 3-6 months of expenses in reserve; JPMorgan Chase Institute (2016), "
		  "'Cash is King: Flows, Balances, and Buffer Days': the median small business holds 27 days of "
		  "cash buffer" },
		{ "finance.revenue_volatility_pct", NULL, 40, 5, NULL,
		  "Rule of thumb of this plugin: monthly revenue varying by less than 10% around its mean is steady, "
		  "above about 30% the business needs a cash buffer for the lean months; JPMorgan Chase Institute "
		  "(2016), 'Cash is King', documents how volatile small-business cash flows are" },
	};
	const smb_rule_def rules[] = {
		{ "FIN-cash-outlook", "finance", "threat", "high", m_outlook, w_outlook, NULL,
		  "Forecast: cash runs out within six months",
		  "Forecast from the monthly history, revenue of {finance.revenue_forecast_6m:%.0f} over the next "
		  "six months does not cover costs: the cash balance of {finance.cash:%.0f} is "
		  "forecast to run out in {finance.cash_runway_forecast_months:%.1f} months "
		  "(models.cash_outlook has the month-by-month path).",
		  r_outlook, NULL },
		{ "FIN-cash-outlook-watch", "finance", "threat", "medium", m_outlook, w_outlook_watch, NULL,
		  "Forecast: cash runs out within a year",
		  "The forecast of revenue ({finance.revenue_forecast_6m:%.0f} over the next six months) and costs "
		  "takes the cash balance of {finance.cash:%.0f} below zero in "
		  "{finance.cash_runway_forecast_months:%.1f} months.",
		  r_watch, NULL },
		{ "FIN-revenue-volatile", "finance", "weakness", "medium", m_volatile, w_volatile, NULL,
		  "Revenue swings widely from month to month",
		  "Monthly revenue varies by {finance.revenue_volatility_pct:%.0f}% around its mean while the forecast "
		  "cash runway is {finance.cash_runway_forecast_months:%.1f} months: the lean months need planning.",
		  r_volatile, NULL },
	};
	const smb_initiative_def inits[] = {
		{ "FIN-cash-bridge", "finance",
		  "Agree a seasonal overdraft or bridging facility sized to the forecast low point, before it is needed",
		  600, 16, 1, 0.6, e_bridge, NELEM(e_bridge), NULL, NULL },
		{ "FIN-break-even-plan", "finance",
		  "90-day break-even plan: cut or defer costs and adjust prices until the forecast monthly net "
		  "cash flow is positive; track it monthly against the forecast",
		  1000, 40, 3, 0.55, e_break_even, NELEM(e_break_even), NULL, NULL },
		{ "FIN-stock-to-cash", "finance",
		  "Turn stock into cash: return unsold stock where terms allow, clear dead stock, reorder in "
		  "economic quantities",
		  500, 30, 2, 0.6, e_stock, NELEM(e_stock), NULL, NULL },
		{ "FIN-off-season-revenue", "finance",
		  "Fill the lean months: events, subscriptions and pre-orders timed for the quietest months",
		  2000, 80, 4, 0.5, e_off_season, NELEM(e_off_season), NULL, NULL },
	};
	/* name, description, min, max, min open, max open, whole */
	static const smb_setting_def settings[] = {
		{ "finance.outlook_seasonal", "1: forecast with seasonal indices, 0: without", 0, 1, 0, 0, 1 },
		{ "finance.outlook_alert_months", "cash runway below which the outlook alerts, months", 0, 120, 0, 0, 0 },
	};
	int rc;

	info->abi_version = SMB_PLUGIN_ABI_VERSION;
	info->name = "finance";
	info->version = "1.0";
	info->areas = "finance";
	info->industry = NULL;
	info->description = "Cash-flow outlook: revenue and costs forecast with seasonal adjustment and a "
	                    "damped trend, the month cash would run out, revenue volatility";
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
	/* The settings it reads, so that `assess --set` checks them. */
	for (size_t i = 0; SMB_HOST_HAS(api, add_setting) && i < NELEM(settings); i++)
		if ((rc = api->add_setting(h, &settings[i])))
			return rc;
	return SMB_PLUGIN_OK;
}
