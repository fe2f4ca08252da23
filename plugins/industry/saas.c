/* plugins/industry/saas.c — the SaaS industry plugin: goalposts for
 * subscription software on the common metrics, MRR growth, logo churn and
 * net revenue retention, with rules and initiatives. Customers are the
 * playbooks' customer.active_customers and customer.customers_lost. */
#include "formulas.h"
#include "industry.h"

#define IND "saas"

/* Starting MRR is the previous period's closing MRR: a start-of-period
 * stock cannot be rolled up from months with sum, last or mean. */
static int mrr_growth(const smb_host_api *api, smb_ctx *c, void *ud, double *out)
{
	double start, end, months;
	int rc;

	(void)ud;
	if ((rc = smb_industry_months(api, c, &months)))
		return rc;
	if (api->get(c, "finance.mrr", &end) || smb_industry_get_prev(api, c, "finance.mrr", &start))
		return SMB_PLUGIN_MISSING;
	return smb_industry_defined(smb_industry_mrr_cmgr(start, end, months, out));
}

/* Compounding the period's retention to a year is exact only when every
 * month retains alike; it is the usual way to compare with annual NRR. */
static int nrr(const smb_host_api *api, smb_ctx *c, void *ud, double *out)
{
	double start, expansion, churned, months;
	int rc;

	(void)ud;
	if ((rc = smb_industry_months(api, c, &months)))
		return rc;
	if (api->get(c, "finance.mrr_expansion", &expansion) || api->get(c, "finance.mrr_churned", &churned) ||
	    smb_industry_get_prev(api, c, "finance.mrr", &start))
		return SMB_PLUGIN_MISSING;
	return smb_industry_defined(smb_industry_nrr_annual(start, expansion, churned, months, out));
}

static const char *const growth_in[] = { "finance.mrr", NULL };
static const char *const nrr_in[] = { "finance.mrr", "finance.mrr_expansion", "finance.mrr_churned", NULL };

static const smb_metric_def metrics[] = {
	{ .key = "finance.mrr", .label = "Monthly recurring revenue (period end)", .unit = "currency", .better = 1, .rollup = "last", .inputs = NULL, .dataset = NULL, .compute = NULL, .ud = NULL, .weight = 0 },
	{ .key = "finance.mrr_expansion", .label = "MRR added by existing customers (upgrades, seats, add-ons)", .unit = "currency", .better = 1, .rollup = "sum", .inputs = NULL,
	  .dataset = NULL, .compute = NULL, .ud = NULL, .weight = 0 },
	{ .key = "finance.mrr_churned", .label = "MRR lost from existing customers (cancellations and downgrades)", .unit = "currency", .better = -1, .rollup = "sum",
	  .inputs = NULL, .dataset = NULL, .compute = NULL, .ud = NULL, .weight = 0 },
	{ .key = "finance.mrr_growth_pct", .label = "MRR growth, compound monthly rate", .unit = "%", .better = 1, .rollup = "derived", .inputs = growth_in, .dataset = NULL, .compute = mrr_growth,
	  .ud = NULL, .weight = 1.5 },
	{ .key = "finance.nrr_pct", .label = "Net revenue retention, annualised", .unit = "%", .better = 1, .rollup = "derived", .inputs = nrr_in, .dataset = NULL, .compute = nrr, .ud = NULL, .weight = 2 },
};

static const double runway_bands[] = { 3, 6, 12, 15, 18 };

static const smb_goalposts_def goalposts[] = {
	/* the plugin's own metrics */
	{ .metric = "finance.mrr_growth_pct", .industry = IND, .worst = -1, .best = 5, .bands = NULL,
	  .source = "Rule of thumb: a few per cent a month for an established SMB software business, far more for a start-up; "
	  "compare annual growth in the 2023 KeyBanc Capital Markets / Sapphire Ventures Private SaaS Company Survey" },
	{ .metric = "finance.nrr_pct", .industry = IND, .worst = 85, .best = 120, .bands = NULL,
	  .source = "Rule of thumb: net revenue retention above 100% grows revenue from existing customers alone, 120% and more "
	  "is called best in class; compare the 2023 KeyBanc Capital Markets / Sapphire Ventures Private SaaS Company "
	  "Survey and OpenView's '2023 SaaS Benchmarks' report" },
	/* common metrics the default playbooks do not already set for SaaS */
	{ .metric = "finance.net_margin_pct", .industry = IND, .worst = -20, .best = 20, .bands = NULL,
	  .source = "SaaS 'Rule of 40' (Brad Feld, 2015): growth % plus profit margin % of at least 40, so a fast-growing "
	  "business may run at a loss; goalposts rule of thumb" },
	{ .metric = "finance.revenue_growth_yoy_pct", .industry = IND, .worst = 0, .best = 40, .bands = NULL,
	  .source = "SaaS 'Rule of 40' (Brad Feld, 2015); compare median growth in the KeyBanc Capital Markets / Sapphire "
	  "Ventures Private SaaS Company Survey; goalposts rule of thumb" },
	{ .metric = "marketing.cac_payback_months", .industry = IND, .worst = 30, .best = 9, .bands = NULL,
	  .source = "David Skok, 'SaaS Metrics 2.0' (forEntrepreneurs.com): recover customer acquisition cost within 12 months; "
	  "goalposts rule of thumb around it" },
	/* Logo churn is customer.churn_monthly_pct (the customer playbook's, compounded from the
	 * period's churn): one concept, one number; this plugin gives it SaaS goalposts. */
	{ .metric = "customer.churn_monthly_pct", .industry = IND, .worst = 5, .best = 1, .bands = NULL,
	  .source = "Rule of thumb: SaaS selling to small businesses commonly loses about 3-5% of customers a month, 1% or less "
	  "is strong; compare churn in the 2023 KeyBanc Capital Markets / Sapphire Ventures Private SaaS Company Survey" },
	{ .metric = "finance.cash_runway_months", .industry = IND, .worst = 3, .best = 18, .bands = runway_bands,
	  .source = "Venture rule of thumb: 12-18 months of runway after a funding round; start raising with 6-9 months left" },
	{ .metric = "operations.labour_cost_pct", .industry = IND, .worst = 75, .best = 35, .bands = NULL,
	  .source = "Rule of thumb of this plugin: people are most of a software company's cost once hosting is paid" },
	{ .metric = "finance.dso_days", .industry = IND, .worst = 60, .best = 10, .bands = NULL,
	  .source = "Rule of thumb: subscriptions billed in advance by card or direct debit are collected within days; annual "
	  "invoices on 30-day terms lengthen DSO" },
	{ .metric = "customer.first_response_hours", .industry = IND, .worst = 24, .best = 1, .bands = NULL,
	  .source = "Rule of thumb: business software support answers within business hours; compare the response times the "
	  "client's own contracts promise" },
	{ .metric = "customer.nps", .industry = IND, .worst = 0, .best = 50, .bands = NULL,
	  .source = "Net Promoter Score (Reichheld, 'The One Number You Need to Grow', Harvard Business Review 2003): above 0 "
	  "more promoters than detractors; 50 or more excellent; goalposts rule of thumb for business software" },
};

static smb_industry_cond nrr_low[] = { { .metric = "finance.nrr_pct", .op = '<', .value = 90 }, { .metric = NULL, .op = 0, .value = 0 } };
static smb_industry_cond churn_high[] = { { .metric = "customer.churn_monthly_pct", .op = '>', .value = 3 }, { .metric = NULL, .op = 0, .value = 0 } };
static smb_industry_cond shrinking[] = { { .metric = "finance.mrr_growth_pct", .op = '<', .value = 0 }, { .metric = NULL, .op = 0, .value = 0 } };
static smb_industry_cond nrr_high[] = { { .metric = "finance.nrr_pct", .op = 'g', .value = 110 }, { .metric = NULL, .op = 0, .value = 0 } };

static const char *const nrr_m[] = { "finance.nrr_pct", NULL };
static const char *const churn_m[] = { "customer.churn_monthly_pct", NULL };
static const char *const growth_m[] = { "finance.mrr_growth_pct", "finance.mrr", NULL };
static const char *const nrr_r[] = { "SAS-customer-success", "SAS-annual-plans", "SAS-expansion-pricing", NULL };
static const char *const churn_r[] = { "SAS-onboarding", "SAS-customer-success", "SAS-annual-plans", NULL };
static const char *const growth_r[] = { "SAS-expansion-pricing", "SAS-onboarding", NULL };
static const char *const none[] = { NULL };

static const smb_rule_def rules[] = {
	{ .id = "SAS-0010", .area = "finance", .kind = "threat", .severity = "high", .metrics = nrr_m, .when = smb_industry_when, .ud = nrr_low,
	  .title = "Existing customers shrink the business", .detail = "Net revenue retention is {finance.nrr_pct:%.0f}% a year: without "
	  "new customers revenue would fall.", .recommend = nrr_r, .industry = IND },
	{ .id = "SAS-0020", .area = "customer", .kind = "weakness", .severity = "high", .metrics = churn_m, .when = smb_industry_when, .ud = churn_high,
	  .title = "Customers cancel fast", .detail = "{customer.churn_monthly_pct:%.1f}% of customers cancel each month.", .recommend = churn_r, .industry = IND },
	{ .id = "SAS-0030", .area = "finance", .kind = "weakness", .severity = "medium", .metrics = growth_m, .when = smb_industry_when, .ud = shrinking,
	  .title = "Recurring revenue is shrinking", .detail = "MRR changes by {finance.mrr_growth_pct:%.1f}% a month, to "
	  "{finance.mrr:%.0f}.", .recommend = growth_r, .industry = IND },
	{ .id = "SAS-0040", .area = "finance", .kind = "strength", .severity = "medium", .metrics = nrr_m, .when = smb_industry_when, .ud = nrr_high,
	  .title = "Customers grow with the product", .detail = "Net revenue retention is {finance.nrr_pct:%.0f}% a year.", .recommend = none, .industry = IND },
};

static const smb_effect_def success_fx[] = { { .metric = "finance.nrr_pct", .delta = 5 }, { .metric = "customer.churn_monthly_pct", .delta = -0.5 } };
static const smb_effect_def annual_fx[] = { { .metric = "customer.churn_monthly_pct", .delta = -0.7 }, { .metric = "finance.nrr_pct", .delta = 3 } };
static const smb_effect_def onboard_fx[] = { { .metric = "customer.churn_monthly_pct", .delta = -0.8 }, { .metric = "finance.mrr_growth_pct", .delta = 0.3 } };
static const smb_effect_def pricing_fx[] = { { .metric = "finance.nrr_pct", .delta = 6 }, { .metric = "finance.mrr_growth_pct", .delta = 0.5 } };

static const smb_initiative_def initiatives[] = {
	{ .id = "SAS-customer-success", .area = "customer", .title = "Customer success: health score from usage, a call before each renewal, "
	  "outreach when usage drops", .cost = 5000, .hours = 120, .months = 3, .confidence = 0.6, .effects = success_fx, .neffects = 2, .requires = NULL, .excludes = NULL },
	{ .id = "SAS-annual-plans", .area = "finance", .title = "Offer annual plans at a discount of about two months", .cost = 500, .hours = 20, .months = 1, .confidence = 0.65,
	  .effects = annual_fx, .neffects = 2, .requires = NULL, .excludes = NULL },
	{ .id = "SAS-onboarding", .area = "customer", .title = "Guided onboarding to the first result within a week: checklist, in-app tips, "
	  "a welcome call for larger accounts", .cost = 3000, .hours = 80, .months = 2, .confidence = 0.6, .effects = onboard_fx, .neffects = 2, .requires = NULL, .excludes = NULL },
	{ .id = "SAS-expansion-pricing", .area = "finance", .title = "Pricing that grows with use: tiers by seats or volume, paid add-ons",
	  .cost = 2000, .hours = 60, .months = 3, .confidence = 0.5, .effects = pricing_fx, .neffects = 2, .requires = NULL, .excludes = NULL },
};

/* What the metric catalogue (smbopt metrics) says of this plugin's metrics. */
static const smb_metric_about about[] = {
	{ .key = "finance.mrr",
	  .definition = "Recurring subscription revenue per month at the period's end.",
	  .basis = NULL, .prefer = NULL, .bounded = 1, .lo = 0, .hi = 0 },
	{ .key = "finance.mrr_churned",
	  .definition = "Monthly recurring revenue lost from existing customers (cancellations and downgrades).",
	  .basis = NULL, .prefer = NULL, .bounded = 1, .lo = 0, .hi = 0 },
	{ .key = "finance.mrr_expansion",
	  .definition = "Monthly recurring revenue added by existing customers (upgrades, seats, add-ons).",
	  .basis = NULL, .prefer = NULL, .bounded = 1, .lo = 0, .hi = 0 },
	{ .key = "finance.mrr_growth_pct",
	  .definition = "How fast monthly recurring revenue grows per month.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "finance.nrr_pct",
	  .definition = "How much revenue this year's existing customers bring compared with a year before, counting upgrades, downgrades and cancellations.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
};

SMB_PLUGIN_DECLARE_ABI;

int smb_plugin_init(const smb_host_api *api, smb_plugin_info *info)
{
	const smb_industry_pack pack = {
		.metrics = metrics, .nmetrics = SMB_INDUSTRY_COUNT(metrics), .goalposts = goalposts, .ngoalposts = SMB_INDUSTRY_COUNT(goalposts),
		.rules = rules, .nrules = SMB_INDUSTRY_COUNT(rules), .initiatives = initiatives, .ninitiatives = SMB_INDUSTRY_COUNT(initiatives), .industry = IND,
	};

	info->abi_version = SMB_PLUGIN_ABI_VERSION;
	info->name = "industry-saas";
	info->version = "1.1";
	info->areas = "finance,customer";
	info->industry = IND;
	if (SMB_HOST_HAS(api, add_applies))   /* an older host has no info->facts */
		info->facts = "online";
	info->description = "SaaS benchmarks, MRR growth, logo churn and net revenue retention";
	if (smb_industry_register(api, &pack) != SMB_PLUGIN_OK)
		return SMB_PLUGIN_ERROR;
	return smb_plugin_describe(api, about, sizeof about / sizeof about[0]);
}
