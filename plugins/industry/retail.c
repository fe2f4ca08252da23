/* plugins/industry/retail.c — the retail industry plugin: goalposts for shops
 * on the common metrics, space productivity (sales per m²), GMROI from the
 * accounts and shrinkage, with the rules and initiatives that go with them. */
#include <math.h>

#include "formulas.h"
#include "industry.h"

#define IND "retail"

static int sales_per_m2(const smb_host_api *api, smb_ctx *c, void *ud, double *out)
{
	double revenue, area, months;
	int rc;

	(void)ud;
	if ((rc = smb_industry_months(api, c, &months)))
		return rc;
	if (api->get(c, "finance.revenue", &revenue) || api->get(c, "operations.sales_area_m2", &area))
		return SMB_PLUGIN_MISSING;
	return smb_industry_defined(smb_industry_sales_density(revenue, area, months, out));
}

/* Average inventory is (start + end) / 2 where start is the previous
 * period's closing stock; without it the closing stock stands in. */
static int gmroi(const smb_host_api *api, smb_ctx *c, void *ud, double *out)
{
	double revenue, cogs, inv_end, inv_start, months;
	int rc;

	(void)ud;
	if ((rc = smb_industry_months(api, c, &months)))
		return rc;
	if (api->get(c, "finance.revenue", &revenue) || api->get(c, "finance.cogs", &cogs) ||
	    api->get(c, "finance.inventory_value", &inv_end))
		return SMB_PLUGIN_MISSING;
	if (smb_industry_get_prev(api, c, "finance.inventory_value", &inv_start) != SMB_PLUGIN_OK)
		inv_start = NAN;
	return smb_industry_defined(smb_industry_gmroi(revenue, cogs, inv_start, inv_end, months, out));
}

static smb_industry_ratio shrinkage = { "operations.shrinkage_value", "finance.revenue" };

static const char *const density_in[] = { "finance.revenue", "operations.sales_area_m2", NULL };
static const char *const gmroi_in[] = { "finance.revenue", "finance.cogs", "finance.inventory_value", NULL };
static const char *const shrink_in[] = { "operations.shrinkage_value", "finance.revenue", NULL };

static const smb_metric_def metrics[] = {
	{ "operations.sales_area_m2", "Sales floor area (period end)", "m2", 1, "last", NULL, NULL, NULL, NULL, 0 },
	{ "operations.shrinkage_value", "Shrinkage (stock lost to theft, damage, errors) at retail value", "currency", -1,
	  "sum", NULL, NULL, NULL, NULL, 0 },
	{ "operations.sales_per_m2", "Sales per m² of sales floor (annualised)", "currency/m2", 1, "derived", density_in,
	  NULL, sales_per_m2, NULL, 1 },
	{ "finance.gmroi", "GMROI: annual gross margin per unit of average inventory at cost", "ratio", 1, "derived",
	  gmroi_in, NULL, gmroi, NULL, 1.5 },
	{ "operations.shrinkage_pct", "Shrinkage % of sales", "%", -1, "derived", shrink_in, NULL,
	  smb_industry_compute_pct, &shrinkage, 1 },
};

static const smb_goalposts_def goalposts[] = {
	/* the plugin's own metrics */
	{ "operations.sales_per_m2", IND, 1500, 6000, NULL,
	  "Sales per square metre is the standard space-productivity measure of retailing (Levy, Weitz & Grewal, "
	  "'Retailing Management', McGraw-Hill); the goalposts in EUR per m² a year are this plugin's rule of thumb "
	  "for small shops, and densities differ several-fold between retail lines" },
	{ "finance.gmroi", IND, 1, 4, NULL,
	  "GMROI = gross margin / average inventory at cost (Levy, Weitz & Grewal, 'Retailing Management'); below 1 "
	  "the stock earns less than it ties up; rule of thumb: 2-3 or more for most retail lines" },
	{ "operations.shrinkage_pct", IND, 3, 0.5, NULL,
	  "NRF, 'National Retail Security Survey 2023': average shrink of 1.6% of sales in fiscal 2022; goalposts "
	  "are a rule of thumb around that average" },
	/* common metrics of the default playbooks, for shops */
	{ "finance.gross_margin_pct", IND, 20, 45, NULL,
	  "Rule of thumb for independent retail; compare the client's retail line in NYU Stern (Damodaran), "
	  "'Margins by Sector (US)', January 2024 update: grocery runs far below speciality retail" },
	{ "finance.net_margin_pct", IND, -3, 8, NULL,
	  "Rule of thumb: retail net margins are thin, typically low single digits; compare the retail lines in "
	  "NYU Stern (Damodaran), 'Margins by Sector (US)', January 2024 update" },
	{ "finance.dio_days", IND, 180, 45, NULL,
	  "Rule of thumb: retail stock turns about 2-8 times a year depending on the line (45-180 days); compare "
	  "inventory turnover for the client's retail NAICS code in RMA Annual Statement Studies" },
	{ "finance.ccc_days", IND, 120, 15, NULL,
	  "Cash conversion cycle = DIO + DSO - DPO (Richards & Laughlin 1980, Financial Management 9(1)); a shop is "
	  "paid at the till, so the cycle is about stock days less supplier days; goalposts rule of thumb" },
	{ "finance.quick_ratio", IND, 0.1, 0.8, NULL,
	  "Rule of thumb: a stock-holding retailer's quick ratio is normally well below the textbook 1 because stock "
	  "is most of its current assets; compare quick-ratio medians in RMA Annual Statement Studies" },
	{ "finance.rent_pct", IND, 15, 5, NULL,
	  "Retail occupancy-cost rule of thumb: rent and occupancy about 5-10% of sales" },
	{ "operations.labour_cost_pct", IND, 25, 10, NULL,
	  "Rule of thumb for independent retail: staff cost about 10-20% of sales" },
	{ "operations.revenue_per_employee", IND, 80000, 250000, NULL,
	  "Rule of thumb of this plugin; compare turnover per person employed in retail trade (NACE G47) in "
	  "Eurostat Structural Business Statistics" },
	{ "operations.return_rate_pct", IND, 15, 4, NULL,
	  "NRF & Appriss Retail, 'Consumer Returns in the Retail Industry 2023': 14.5% of US retail sales returned, "
	  "online purchases more often than in-store; goalposts rule of thumb for a shop selling mostly in store" },
};

static smb_industry_cond shrink_high[] = { { "operations.shrinkage_pct", '>', 2 }, { NULL, 0, 0 } };
static smb_industry_cond gmroi_low[] = { { "finance.gmroi", '<', 2 }, { NULL, 0, 0 } };
static smb_industry_cond space_costly[] = { { "operations.sales_per_m2", '<', 2500 },
	{ "finance.rent_pct", '>', 10 }, { NULL, 0, 0 } };
static smb_industry_cond gmroi_high[] = { { "finance.gmroi", 'g', 3 }, { NULL, 0, 0 } };

static const char *const shrink_m[] = { "operations.shrinkage_pct", "operations.shrinkage_value", NULL };
static const char *const gmroi_m[] = { "finance.gmroi", "finance.dio_days", NULL };
static const char *const space_m[] = { "operations.sales_per_m2", "finance.rent_pct", NULL };
static const char *const gmroi_hi_m[] = { "finance.gmroi", NULL };
static const char *const shrink_r[] = { "RET-loss-prevention", "RET-cycle-counts", NULL };
static const char *const gmroi_r[] = { "RET-markdown-policy", "RET-assortment-review", NULL };
static const char *const space_r[] = { "RET-space-plan", "RET-assortment-review", NULL };
static const char *const none[] = { NULL };

static const smb_rule_def rules[] = {
	{ "RET-0010", "operations", "weakness", "high", shrink_m, smb_industry_when, shrink_high,
	  "Stock disappears", "Shrinkage is {operations.shrinkage_pct:%.1f}% of sales; the NRF's 2023 survey puts the "
	  "average at 1.6%.", shrink_r, IND },
	{ "RET-0020", "finance", "weakness", "medium", gmroi_m, smb_industry_when, gmroi_low,
	  "Stock earns too little for the cash it ties up", "Each euro of stock at cost earns {finance.gmroi:%.2f} of "
	  "gross margin a year (stock covers {finance.dio_days:%.0f} days); below 2 slow lines are eating the margin.",
	  gmroi_r, IND },
	{ "RET-0030", "operations", "weakness", "medium", space_m, smb_industry_when, space_costly,
	  "The shop floor costs more than it sells", "Sales are {operations.sales_per_m2:%.0f} per m² a year while rent "
	  "takes {finance.rent_pct:%.1f}% of sales.", space_r, IND },
	{ "RET-0040", "finance", "strength", "medium", gmroi_hi_m, smb_industry_when, gmroi_high,
	  "Stock works hard", "Each euro of stock at cost earns {finance.gmroi:%.2f} of gross margin a year.", none, IND },
};

static const smb_effect_def loss_fx[] = { { "operations.shrinkage_pct", -0.6 } };
static const smb_effect_def counts_fx[] = { { "operations.shrinkage_pct", -0.3 }, { "finance.dio_days", -5 } };
static const smb_effect_def markdown_fx[] = { { "finance.gmroi", 0.4 }, { "finance.dio_days", -20 } };
static const smb_effect_def assort_fx[] = { { "finance.gmroi", 0.5 }, { "operations.sales_per_m2", 300 } };
static const smb_effect_def space_fx[] = { { "operations.sales_per_m2", 400 } };

static const smb_initiative_def initiatives[] = {
	{ "RET-loss-prevention", "operations", "Loss prevention: high-risk lines near the till, tagging, refund and "
	  "void controls", 2500, 40, 2, 0.6, loss_fx, 1, NULL, NULL },
	{ "RET-cycle-counts", "operations", "Weekly cycle counts of the top lines; investigate every gap over a set "
	  "value", 500, 60, 3, 0.7, counts_fx, 2, NULL, NULL },
	{ "RET-markdown-policy", "finance", "Markdown policy: cut the price of lines unsold after a set number of "
	  "weeks, stop reordering them", 500, 20, 3, 0.65, markdown_fx, 2, NULL, NULL },
	{ "RET-assortment-review", "finance", "Assortment review: drop the slowest 10-20% of lines, give the space to "
	  "the best sellers", 1000, 40, 3, 0.6, assort_fx, 2, NULL, NULL },
	{ "RET-space-plan", "operations", "Re-plan the floor: best sellers and impulse lines where customers walk, "
	  "sublet or close unproductive space", 3000, 60, 3, 0.5, space_fx, 1, NULL, NULL },
};

/* What the metric catalogue (smbopt metrics) says of this plugin's metrics. */
static const smb_metric_about about[] = {
	{ "finance.gmroi",
	  "How much gross margin a year each unit of money tied up in stock earns (all the stock, from the accounts).",
	  "annual gross margin / average stock at cost on the balance sheet (finance.revenue, finance.cogs, finance.inventory_value at the period's start and end); the scored GMROI: the accounts value all the stock, a stock file only the SKUs exported", NULL, 0, 0, 0 },
	{ "operations.sales_area_m2",
	  "The size of the sales floor in square metres.",
	  NULL, NULL, 1, 0, 0 },
	{ "operations.sales_per_m2",
	  "Sales per square metre of sales floor over a year.",
	  NULL, NULL, 0, 0, 0 },
	{ "operations.shrinkage_pct",
	  "Stock lost to theft, damage and errors as a share of sales.",
	  NULL, NULL, 0, 0, 0 },
	{ "operations.shrinkage_value",
	  "Stock lost to theft, damage and errors, at retail value.",
	  NULL, NULL, 1, 0, 0 },
};

SMB_PLUGIN_DECLARE_ABI;

int smb_plugin_init(const smb_host_api *api, smb_plugin_info *info)
{
	const smb_industry_pack pack = {
		metrics, SMB_INDUSTRY_COUNT(metrics), goalposts, SMB_INDUSTRY_COUNT(goalposts),
		rules, SMB_INDUSTRY_COUNT(rules), initiatives, SMB_INDUSTRY_COUNT(initiatives), IND,
	};

	info->abi_version = SMB_PLUGIN_ABI_VERSION;
	info->name = "industry-retail";
	info->version = "1.0";
	info->areas = "operations,finance";
	info->industry = IND;
	if (SMB_HOST_HAS(api, add_applies))   /* an older host has no info->facts */
		info->facts = "stock,goods,counter";
	info->description = "Retail benchmarks, sales per m², GMROI and shrinkage";
	if (smb_industry_register(api, &pack) != SMB_PLUGIN_OK)
		return SMB_PLUGIN_ERROR;
	return smb_plugin_describe(api, about, sizeof about / sizeof about[0]);
}
