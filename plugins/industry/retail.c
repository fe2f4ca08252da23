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

static smb_industry_ratio shrinkage = { .num = "operations.shrinkage_value", .den = "finance.revenue" };

static const char *const density_in[] = { "finance.revenue", "operations.sales_area_m2", NULL };
static const char *const gmroi_in[] = { "finance.revenue", "finance.cogs", "finance.inventory_value", NULL };
static const char *const shrink_in[] = { "operations.shrinkage_value", "finance.revenue", NULL };

static const smb_metric_def metrics[] = {
	{ .key = "operations.sales_area_m2", .label = "Sales floor area (period end)", .unit = "m2", .better = 1, .rollup = "last", .inputs = NULL, .dataset = NULL, .compute = NULL, .ud = NULL, .weight = 0 },
	{ .key = "operations.shrinkage_value", .label = "Shrinkage (stock lost to theft, damage, errors) at retail value", .unit = "currency", .better = -1,
	  .rollup = "sum", .inputs = NULL, .dataset = NULL, .compute = NULL, .ud = NULL, .weight = 0 },
	{ .key = "operations.sales_per_m2", .label = "Sales per m² of sales floor (annualised)", .unit = "currency/m2", .better = 1, .rollup = "derived", .inputs = density_in,
	  .dataset = NULL, .compute = sales_per_m2, .ud = NULL, .weight = 1 },
	{ .key = "finance.gmroi", .label = "GMROI: annual gross margin per unit of average inventory at cost", .unit = "ratio", .better = 1, .rollup = "derived",
	  .inputs = gmroi_in, .dataset = NULL, .compute = gmroi, .ud = NULL, .weight = 1.5 },
	{ .key = "operations.shrinkage_pct", .label = "Shrinkage % of sales", .unit = "%", .better = -1, .rollup = "derived", .inputs = shrink_in, .dataset = NULL,
	  .compute = smb_industry_compute_pct, .ud = &shrinkage, .weight = 1 },
};

static const smb_goalposts_def goalposts[] = {
	/* the plugin's own metrics */
	{ .metric = "operations.sales_per_m2", .industry = IND, .worst = 1500, .best = 6000, .bands = NULL,
	  .source = "Sales per square metre is the standard space-productivity measure of retailing (Levy, Weitz & Grewal, "
	  "'Retailing Management', McGraw-Hill); the goalposts in EUR per m² a year are this plugin's rule of thumb "
	  "for small shops, and densities differ several-fold between retail lines" },
	{ .metric = "finance.gmroi", .industry = IND, .worst = 1, .best = 4, .bands = NULL,
	  .source = "GMROI = gross margin / average inventory at cost (Levy, Weitz & Grewal, 'Retailing Management'); below 1 "
	  "the stock earns less than it ties up; rule of thumb: 2-3 or more for most retail lines" },
	{ .metric = "operations.shrinkage_pct", .industry = IND, .worst = 3, .best = 0.5, .bands = NULL,
	  .source = "NRF, 'National Retail Security Survey 2023': average shrink of 1.6% of sales in fiscal 2022; goalposts "
	  "are a rule of thumb around that average" },
	/* common metrics of the default playbooks, for shops */
	{ .metric = "finance.gross_margin_pct", .industry = IND, .worst = 20, .best = 45, .bands = NULL,
	  .source = "Rule of thumb for independent retail; compare the client's retail line in NYU Stern (Damodaran), "
	  "'Margins by Sector (US)', January 2024 update: grocery runs far below speciality retail" },
	{ .metric = "finance.net_margin_pct", .industry = IND, .worst = -3, .best = 8, .bands = NULL,
	  .source = "Rule of thumb: retail net margins are thin, typically low single digits; compare the retail lines in "
	  "NYU Stern (Damodaran), 'Margins by Sector (US)', January 2024 update" },
	{ .metric = "finance.dio_days", .industry = IND, .worst = 180, .best = 45, .bands = NULL,
	  .source = "Rule of thumb: retail stock turns about 2-8 times a year depending on the line (45-180 days); compare "
	  "inventory turnover for the client's retail NAICS code in RMA Annual Statement Studies" },
	{ .metric = "finance.ccc_days", .industry = IND, .worst = 120, .best = 15, .bands = NULL,
	  .source = "Cash conversion cycle = DIO + DSO - DPO (Richards & Laughlin 1980, Financial Management 9(1)); a shop is "
	  "paid at the till, so the cycle is about stock days less supplier days; goalposts rule of thumb" },
	{ .metric = "finance.quick_ratio", .industry = IND, .worst = 0.1, .best = 0.8, .bands = NULL,
	  .source = "Rule of thumb: a stock-holding retailer's quick ratio is normally well below the textbook 1 because stock "
	  "is most of its current assets; compare quick-ratio medians in RMA Annual Statement Studies" },
	{ .metric = "finance.rent_pct", .industry = IND, .worst = 15, .best = 5, .bands = NULL,
	  .source = "Retail occupancy-cost rule of thumb: rent and occupancy about 5-10% of sales" },
	{ .metric = "operations.labour_cost_pct", .industry = IND, .worst = 25, .best = 10, .bands = NULL,
	  .source = "Rule of thumb for independent retail: staff cost about 10-20% of sales" },
	{ .metric = "operations.revenue_per_employee", .industry = IND, .worst = 80000, .best = 250000, .bands = NULL,
	  .source = "Rule of thumb of this plugin; compare turnover per person employed in retail trade (NACE G47) in "
	  "Eurostat Structural Business Statistics" },
	{ .metric = "operations.return_rate_pct", .industry = IND, .worst = 15, .best = 4, .bands = NULL,
	  .source = "NRF & Appriss Retail, 'Consumer Returns in the Retail Industry 2023': 14.5% of US retail sales returned, "
	  "online purchases more often than in-store; goalposts rule of thumb for a shop selling mostly in store" },
};

static smb_industry_cond shrink_high[] = { { .metric = "operations.shrinkage_pct", .op = '>', .value = 2 }, { .metric = NULL, .op = 0, .value = 0 } };
static smb_industry_cond gmroi_low[] = { { .metric = "finance.gmroi", .op = '<', .value = 2 }, { .metric = NULL, .op = 0, .value = 0 } };
static smb_industry_cond space_costly[] = { { .metric = "operations.sales_per_m2", .op = '<', .value = 2500 },
	{ .metric = "finance.rent_pct", .op = '>', .value = 10 }, { .metric = NULL, .op = 0, .value = 0 } };
static smb_industry_cond gmroi_high[] = { { .metric = "finance.gmroi", .op = 'g', .value = 3 }, { .metric = NULL, .op = 0, .value = 0 } };

static const char *const shrink_m[] = { "operations.shrinkage_pct", "operations.shrinkage_value", NULL };
static const char *const gmroi_m[] = { "finance.gmroi", "finance.dio_days", NULL };
static const char *const space_m[] = { "operations.sales_per_m2", "finance.rent_pct", NULL };
static const char *const gmroi_hi_m[] = { "finance.gmroi", NULL };
static const char *const shrink_r[] = { "RET-loss-prevention", "RET-cycle-counts", NULL };
static const char *const gmroi_r[] = { "RET-markdown-policy", "RET-assortment-review", NULL };
static const char *const space_r[] = { "RET-space-plan", "RET-assortment-review", NULL };
static const char *const none[] = { NULL };

static const smb_rule_def rules[] = {
	{ .id = "RET-0010", .area = "operations", .kind = "weakness", .severity = "high", .metrics = shrink_m, .when = smb_industry_when, .ud = shrink_high,
	  .title = "Stock disappears", .detail = "Shrinkage is {operations.shrinkage_pct:%.1f}% of sales; the NRF's 2023 survey puts the "
	  "average at 1.6%.", .recommend = shrink_r, .industry = IND },
	{ .id = "RET-0020", .area = "finance", .kind = "weakness", .severity = "medium", .metrics = gmroi_m, .when = smb_industry_when, .ud = gmroi_low,
	  .title = "Stock earns too little for the cash it ties up", .detail = "Each euro of stock at cost earns {finance.gmroi:%.2f} of "
	  "gross margin a year (stock covers {finance.dio_days:%.0f} days); below 2 slow lines are eating the margin.",
	  .recommend = gmroi_r, .industry = IND },
	{ .id = "RET-0030", .area = "operations", .kind = "weakness", .severity = "medium", .metrics = space_m, .when = smb_industry_when, .ud = space_costly,
	  .title = "The shop floor costs more than it sells", .detail = "Sales are {operations.sales_per_m2:%.0f} per m² a year while rent "
	  "takes {finance.rent_pct:%.1f}% of sales.", .recommend = space_r, .industry = IND },
	{ .id = "RET-0040", .area = "finance", .kind = "strength", .severity = "medium", .metrics = gmroi_hi_m, .when = smb_industry_when, .ud = gmroi_high,
	  .title = "Stock works hard", .detail = "Each euro of stock at cost earns {finance.gmroi:%.2f} of gross margin a year.", .recommend = none, .industry = IND },
};

static const smb_effect_def loss_fx[] = { { .metric = "operations.shrinkage_pct", .delta = -0.6 } };
static const smb_effect_def counts_fx[] = { { .metric = "operations.shrinkage_pct", .delta = -0.3 }, { .metric = "finance.dio_days", .delta = -5 } };
static const smb_effect_def markdown_fx[] = { { .metric = "finance.gmroi", .delta = 0.4 }, { .metric = "finance.dio_days", .delta = -20 } };
static const smb_effect_def assort_fx[] = { { .metric = "finance.gmroi", .delta = 0.5 }, { .metric = "operations.sales_per_m2", .delta = 300 } };
static const smb_effect_def space_fx[] = { { .metric = "operations.sales_per_m2", .delta = 400 } };

static const smb_initiative_def initiatives[] = {
	{ .id = "RET-loss-prevention", .area = "operations", .title = "Loss prevention: high-risk lines near the till, tagging, refund and "
	  "void controls", .cost = 2500, .hours = 40, .months = 2, .confidence = 0.6, .effects = loss_fx, .neffects = 1, .requires = NULL, .excludes = NULL },
	{ .id = "RET-cycle-counts", .area = "operations", .title = "Weekly cycle counts of the top lines; investigate every gap over a set "
	  "value", .cost = 500, .hours = 60, .months = 3, .confidence = 0.7, .effects = counts_fx, .neffects = 2, .requires = NULL, .excludes = NULL },
	{ .id = "RET-markdown-policy", .area = "finance", .title = "Markdown policy: cut the price of lines unsold after a set number of "
	  "weeks, stop reordering them", .cost = 500, .hours = 20, .months = 3, .confidence = 0.65, .effects = markdown_fx, .neffects = 2, .requires = NULL, .excludes = NULL },
	{ .id = "RET-assortment-review", .area = "finance", .title = "Assortment review: drop the slowest 10-20% of lines, give the space to "
	  "the best sellers", .cost = 1000, .hours = 40, .months = 3, .confidence = 0.6, .effects = assort_fx, .neffects = 2, .requires = NULL, .excludes = NULL },
	{ .id = "RET-space-plan", .area = "operations", .title = "Re-plan the floor: best sellers and impulse lines where customers walk, "
	  "sublet or close unproductive space", .cost = 3000, .hours = 60, .months = 3, .confidence = 0.5, .effects = space_fx, .neffects = 1, .requires = NULL, .excludes = NULL },
};

/* What the metric catalogue (smbopt metrics) says of this plugin's metrics. */
static const smb_metric_about about[] = {
	{ .key = "finance.gmroi",
	  .definition = "How much gross margin a year each unit of money tied up in stock earns (all the stock, from the accounts).",
	  .basis = "annual gross margin / average stock at cost on the balance sheet (finance.revenue, finance.cogs, finance.inventory_value at the period's start and end); the scored GMROI: the accounts value all the stock, a stock file only the SKUs exported", .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "operations.sales_area_m2",
	  .definition = "The size of the sales floor in square metres.",
	  .basis = NULL, .prefer = NULL, .bounded = 1, .lo = 0, .hi = 0 },
	{ .key = "operations.sales_per_m2",
	  .definition = "Sales per square metre of sales floor over a year.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "operations.shrinkage_pct",
	  .definition = "Stock lost to theft, damage and errors as a share of sales.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "operations.shrinkage_value",
	  .definition = "Stock lost to theft, damage and errors, at retail value.",
	  .basis = NULL, .prefer = NULL, .bounded = 1, .lo = 0, .hi = 0 },
};

SMB_PLUGIN_DECLARE_ABI;

int smb_plugin_init(const smb_host_api *api, smb_plugin_info *info)
{
	const smb_industry_pack pack = {
		.metrics = metrics, .nmetrics = SMB_INDUSTRY_COUNT(metrics), .goalposts = goalposts, .ngoalposts = SMB_INDUSTRY_COUNT(goalposts),
		.rules = rules, .nrules = SMB_INDUSTRY_COUNT(rules), .initiatives = initiatives, .ninitiatives = SMB_INDUSTRY_COUNT(initiatives), .industry = IND,
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
