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
	{ "finance.mrr", "Monthly recurring revenue (period end)", "currency", 1, "last", NULL, NULL, NULL, NULL, 0 },
	{ "finance.mrr_expansion", "MRR added by existing customers (upgrades, seats, add-ons)", "currency", 1, "sum", NULL,
	  NULL, NULL, NULL, 0 },
	{ "finance.mrr_churned", "MRR lost from existing customers (cancellations and downgrades)", "currency", -1, "sum",
	  NULL, NULL, NULL, NULL, 0 },
	{ "finance.mrr_growth_pct", "MRR growth, compound monthly rate", "%", 1, "derived", growth_in, NULL, mrr_growth,
	  NULL, 1.5 },
	{ "finance.nrr_pct", "Net revenue retention, annualised", "%", 1, "derived", nrr_in, NULL, nrr, NULL, 2 },
};

static const double runway_bands[] = { 3, 6, 12, 15, 18 };

static const smb_goalposts_def goalposts[] = {
	/* the plugin's own metrics */
	{ "finance.mrr_growth_pct", IND, -1, 5, NULL,
	  "Rule of thumb: a few per cent a month for an established SMB software business, far more for a start-up; "
	  "compare annual growth in the 2023 KeyBanc Capital Markets / Sapphire Ventures Private SaaS Company Survey" },
	{ "finance.nrr_pct", IND, 85, 120, NULL,
	  "Rule of thumb: net revenue retention above 100% grows revenue from existing customers alone, 120% and more "
	  "is called best in class; compare the 2023 KeyBanc Capital Markets / Sapphire Ventures Private SaaS Company "
	  "Survey and OpenView's '2023 SaaS Benchmarks' report" },
	/* common metrics the default playbooks do not already set for SaaS */
	{ "finance.net_margin_pct", IND, -20, 20, NULL,
	  "SaaS 'Rule of 40' (Brad Feld, 2015): growth % plus profit margin % of at least 40, so a fast-growing "
	  "business may run at a loss; goalposts rule of thumb" },
	{ "finance.revenue_growth_yoy_pct", IND, 0, 40, NULL,
	  "SaaS 'Rule of 40' (Brad Feld, 2015); compare median growth in the KeyBanc Capital Markets / Sapphire "
	  "Ventures Private SaaS Company Survey; goalposts rule of thumb" },
	{ "marketing.cac_payback_months", IND, 30, 9, NULL,
	  "David Skok, 'SaaS Metrics 2.0' (forEntrepreneurs.com): recover customer acquisition cost within 12 months; "
	  "goalposts rule of thumb around it" },
	/* Logo churn is customer.churn_monthly_pct (the customer playbook's, compounded from the
	 * period's churn): one concept, one number; this plugin gives it SaaS goalposts. */
	{ "customer.churn_monthly_pct", IND, 5, 1, NULL,
	  "Rule of thumb: SaaS selling to small businesses commonly loses about 3-5% of customers a month, 1% or less "
	  "is strong; compare churn in the 2023 KeyBanc Capital Markets / Sapphire Ventures Private SaaS Company Survey" },
	{ "finance.cash_runway_months", IND, 3, 18, runway_bands,
	  "Venture rule of thumb: 12-18 months of runway after a funding round; start raising with 6-9 months left" },
	{ "operations.labour_cost_pct", IND, 75, 35, NULL,
	  "Rule of thumb of this plugin: people are most of a software company's cost once hosting is paid" },
	{ "finance.dso_days", IND, 60, 10, NULL,
	  "Rule of thumb: subscriptions billed in advance by card or direct debit are collected within days; annual "
	  "invoices on 30-day terms lengthen DSO" },
	{ "customer.first_response_hours", IND, 24, 1, NULL,
	  "Rule of thumb: business software support answers within business hours; compare the response times the "
	  "client's own contracts promise" },
	{ "customer.nps", IND, 0, 50, NULL,
	  "Net Promoter Score (Reichheld, 'The One Number You Need to Grow', Harvard Business Review 2003): above 0 "
	  "more promoters than detractors; 50 or more excellent; goalposts rule of thumb for business software" },
};

static smb_industry_cond nrr_low[] = { { "finance.nrr_pct", '<', 90 }, { NULL, 0, 0 } };
static smb_industry_cond churn_high[] = { { "customer.churn_monthly_pct", '>', 3 }, { NULL, 0, 0 } };
static smb_industry_cond shrinking[] = { { "finance.mrr_growth_pct", '<', 0 }, { NULL, 0, 0 } };
static smb_industry_cond nrr_high[] = { { "finance.nrr_pct", 'g', 110 }, { NULL, 0, 0 } };

static const char *const nrr_m[] = { "finance.nrr_pct", NULL };
static const char *const churn_m[] = { "customer.churn_monthly_pct", NULL };
static const char *const growth_m[] = { "finance.mrr_growth_pct", "finance.mrr", NULL };
static const char *const nrr_r[] = { "SAS-customer-success", "SAS-annual-plans", "SAS-expansion-pricing", NULL };
static const char *const churn_r[] = { "SAS-onboarding", "SAS-customer-success", "SAS-annual-plans", NULL };
static const char *const growth_r[] = { "SAS-expansion-pricing", "SAS-onboarding", NULL };
static const char *const none[] = { NULL };

static const smb_rule_def rules[] = {
	{ "SAS-0010", "finance", "threat", "high", nrr_m, smb_industry_when, nrr_low,
	  "Existing customers shrink the business", "Net revenue retention is {finance.nrr_pct:%.0f}% a year: without "
	  "new customers revenue would fall.", nrr_r, IND },
	{ "SAS-0020", "customer", "weakness", "high", churn_m, smb_industry_when, churn_high,
	  "Customers cancel fast", "{customer.churn_monthly_pct:%.1f}% of customers cancel each month.", churn_r, IND },
	{ "SAS-0030", "finance", "weakness", "medium", growth_m, smb_industry_when, shrinking,
	  "Recurring revenue is shrinking", "MRR changes by {finance.mrr_growth_pct:%.1f}% a month, to "
	  "{finance.mrr:%.0f}.", growth_r, IND },
	{ "SAS-0040", "finance", "strength", "medium", nrr_m, smb_industry_when, nrr_high,
	  "Customers grow with the product", "Net revenue retention is {finance.nrr_pct:%.0f}% a year.", none, IND },
};

static const smb_effect_def success_fx[] = { { "finance.nrr_pct", 5 }, { "customer.churn_monthly_pct", -0.5 } };
static const smb_effect_def annual_fx[] = { { "customer.churn_monthly_pct", -0.7 }, { "finance.nrr_pct", 3 } };
static const smb_effect_def onboard_fx[] = { { "customer.churn_monthly_pct", -0.8 }, { "finance.mrr_growth_pct", 0.3 } };
static const smb_effect_def pricing_fx[] = { { "finance.nrr_pct", 6 }, { "finance.mrr_growth_pct", 0.5 } };

static const smb_initiative_def initiatives[] = {
	{ "SAS-customer-success", "customer", "Customer success: health score from usage, a call before each renewal, "
	  "outreach when usage drops", 5000, 120, 3, 0.6, success_fx, 2, NULL, NULL },
	{ "SAS-annual-plans", "finance", "Offer annual plans at a discount of about two months", 500, 20, 1, 0.65,
	  annual_fx, 2, NULL, NULL },
	{ "SAS-onboarding", "customer", "Guided onboarding to the first result within a week: checklist, in-app tips, "
	  "a welcome call for larger accounts", 3000, 80, 2, 0.6, onboard_fx, 2, NULL, NULL },
	{ "SAS-expansion-pricing", "finance", "Pricing that grows with use: tiers by seats or volume, paid add-ons",
	  2000, 60, 3, 0.5, pricing_fx, 2, NULL, NULL },
};

/* What the metric catalogue (smbopt metrics) says of this plugin's metrics. */
static const smb_metric_about about[] = {
	{ "finance.mrr",
	  "Recurring subscription revenue per month at the period's end.",
	  NULL, NULL, 1, 0, 0 },
	{ "finance.mrr_churned",
	  "Monthly recurring revenue lost from existing customers (cancellations and downgrades).",
	  NULL, NULL, 1, 0, 0 },
	{ "finance.mrr_expansion",
	  "Monthly recurring revenue added by existing customers (upgrades, seats, add-ons).",
	  NULL, NULL, 1, 0, 0 },
	{ "finance.mrr_growth_pct",
	  "How fast monthly recurring revenue grows per month.",
	  NULL, NULL, 0, 0, 0 },
	{ "finance.nrr_pct",
	  "How much revenue this year's existing customers bring compared with a year before, counting upgrades, downgrades and cancellations.",
	  NULL, NULL, 0, 0, 0 },
};

SMB_PLUGIN_DECLARE_ABI;

int smb_plugin_init(const smb_host_api *api, smb_plugin_info *info)
{
	const smb_industry_pack pack = {
		metrics, SMB_INDUSTRY_COUNT(metrics), goalposts, SMB_INDUSTRY_COUNT(goalposts),
		rules, SMB_INDUSTRY_COUNT(rules), initiatives, SMB_INDUSTRY_COUNT(initiatives), IND,
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
