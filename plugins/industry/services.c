/* plugins/industry/services.c — the professional-services industry plugin
 * (consultancies, agencies, accountants, engineers): goalposts for firms
 * that sell time on the common metrics, utilisation, realisation and
 * revenue per billable hour, with rules and initiatives. */
#include "formulas.h"
#include "industry.h"

#define IND "services"

static smb_industry_ratio utilisation = { .num = "operations.billable_hours", .den = "operations.available_hours" };
static smb_industry_ratio realisation = { .num = "finance.billed_value", .den = "finance.standard_value" };
static smb_industry_ratio hourly = { .num = "finance.revenue", .den = "operations.billable_hours" };

static const char *const util_in[] = { "operations.billable_hours", "operations.available_hours", NULL };
static const char *const real_in[] = { "finance.billed_value", "finance.standard_value", NULL };
static const char *const hourly_in[] = { "finance.revenue", "operations.billable_hours", NULL };

static const smb_metric_def metrics[] = {
	{ .key = "operations.billable_hours", .label = "Billable hours recorded", .unit = "hours", .better = 1, .rollup = "sum", .inputs = NULL, .dataset = NULL, .compute = NULL, .ud = NULL, .weight = 0 },
	{ .key = "operations.available_hours", .label = "Available hours of fee earners (contracted less leave and holidays)", .unit = "hours",
	  .better = 1, .rollup = "sum", .inputs = NULL, .dataset = NULL, .compute = NULL, .ud = NULL, .weight = 0 },
	{ .key = "finance.billed_value", .label = "Value of time billed", .unit = "currency", .better = 1, .rollup = "sum", .inputs = NULL, .dataset = NULL, .compute = NULL, .ud = NULL, .weight = 0 },
	{ .key = "finance.standard_value", .label = "Value of the same time at standard rates", .unit = "currency", .better = 1, .rollup = "sum", .inputs = NULL, .dataset = NULL, .compute = NULL, .ud = NULL,
	  .weight = 0 },
	{ .key = "operations.utilisation_pct", .label = "Billable utilisation (billable / available hours)", .unit = "%", .better = 1, .rollup = "derived", .inputs = util_in,
	  .dataset = NULL, .compute = smb_industry_compute_pct, .ud = &utilisation, .weight = 2 },
	{ .key = "finance.realisation_pct", .label = "Realisation (billed / standard value of time)", .unit = "%", .better = 1, .rollup = "derived", .inputs = real_in, .dataset = NULL,
	  .compute = smb_industry_compute_pct, .ud = &realisation, .weight = 1.5 },
	/* not scored: what an hour fetches depends on the market and the
	 * currency; it is evidence for rule SVC-0020 */
	{ .key = "finance.revenue_per_billable_hour", .label = "Revenue per billable hour (effective rate)", .unit = "currency", .better = 1, .rollup = "derived",
	  .inputs = hourly_in, .dataset = NULL, .compute = smb_industry_compute_per_unit, .ud = &hourly, .weight = 1 },
};

static const smb_goalposts_def goalposts[] = {
	/* the plugin's own metrics */
	{ .metric = "operations.utilisation_pct", .industry = IND, .worst = 50, .best = 80, .bands = NULL,
	  .source = "SPI Research, '2024 Professional Services Maturity Benchmark' (published yearly) tracks billable "
	  "utilisation, around 70% for the firms it surveys; goalposts are a rule of thumb around that level" },
	{ .metric = "finance.realisation_pct", .industry = IND, .worst = 75, .best = 98, .bands = NULL,
	  .source = "Rule of thumb for professional firms: realisation of 90% or more of standard value; write-offs beyond 10% "
	  "point to scope creep or under-pricing" },
	/* common metrics of the default playbooks, for firms selling time */
	{ .metric = "finance.gross_margin_pct", .industry = IND, .worst = 25, .best = 60, .bands = NULL,
	  .source = "Rule of thumb for professional firms: fee income less the direct cost of delivering it (staff time, "
	  "subcontractors) of about 40-60%; SPI Research's annual benchmark tracks project margin" },
	{ .metric = "finance.net_margin_pct", .industry = IND, .worst = 0, .best = 20, .bands = NULL,
	  .source = "Rule of thumb: well-run professional firms earn 10-20% operating profit; SPI Research's annual "
	  "'Professional Services Maturity Benchmark' tracks EBITDA" },
	{ .metric = "operations.revenue_per_employee", .industry = IND, .worst = 60000, .best = 200000, .bands = NULL,
	  .source = "Rule of thumb of this plugin; compare turnover per person employed in professional, scientific and "
	  "technical activities (NACE section M) in Eurostat Structural Business Statistics" },
	{ .metric = "finance.ccc_days", .industry = IND, .worst = 90, .best = 15, .bands = NULL,
	  .source = "Cash conversion cycle = DIO + DSO - DPO (Richards & Laughlin 1980); with no stock it is debtor days less "
	  "creditor days, and unbilled work lengthens it; goalposts rule of thumb" },
	{ .metric = "finance.dso_days", .industry = IND, .worst = 75, .best = 30, .bands = NULL,
	  .source = "Rule of thumb: professional fees on 30-day terms; the EU Late Payment Directive 2011/7/EU caps B2B terms at "
	  "60 days unless expressly agreed" },
	{ .metric = "operations.on_time_delivery_pct", .industry = IND, .worst = 60, .best = 95, .bands = NULL,
	  .source = "Rule of thumb of this plugin for engagements delivered by the agreed date; SPI Research's annual benchmark "
	  "tracks the share of projects delivered on time" },
	{ .metric = "customer.repeat_share_pct", .industry = IND, .worst = 30, .best = 80, .bands = NULL,
	  .source = "Rule of thumb: an established professional firm earns most of its fees from returning clients" },
	{ .metric = "customer.churn_monthly_pct", .industry = IND, .worst = 4, .best = 0.5, .bands = NULL,
	  .source = "Rule of thumb of this plugin: clients of an accountant, agency or adviser usually stay for years" },
	{ .metric = "marketing.lead_to_customer_pct", .industry = IND, .worst = 5, .best = 40, .bands = NULL,
	  .source = "Rule of thumb: professional firms commonly quote proposal win rates of 20-40% on qualified enquiries" },
};

static smb_industry_cond util_low[] = { { .metric = "operations.utilisation_pct", .op = '<', .value = 60 }, { .metric = NULL, .op = 0, .value = 0 } };
static smb_industry_cond real_low[] = { { .metric = "finance.realisation_pct", .op = '<', .value = 85 }, { .metric = NULL, .op = 0, .value = 0 } };
static smb_industry_cond util_high[] = { { .metric = "operations.utilisation_pct", .op = '>', .value = 90 }, { .metric = NULL, .op = 0, .value = 0 } };
static smb_industry_cond well_run[] = { { .metric = "operations.utilisation_pct", .op = 'g', .value = 70 },
	{ .metric = "finance.realisation_pct", .op = 'g', .value = 92 }, { .metric = NULL, .op = 0, .value = 0 } };

static const char *const util_m[] = { "operations.utilisation_pct", NULL };
static const char *const real_m[] = { "finance.realisation_pct", "finance.revenue_per_billable_hour", NULL };
static const char *const both_m[] = { "operations.utilisation_pct", "finance.realisation_pct", NULL };
static const char *const util_r[] = { "SVC-resource-plan", "SVC-time-capture", NULL };
static const char *const real_r[] = { "SVC-scope-control", "SVC-rate-review", NULL };
static const char *const high_r[] = { "SVC-capacity-hire", "SVC-resource-plan", NULL };
static const char *const none[] = { NULL };

static const smb_rule_def rules[] = {
	{ .id = "SVC-0010", .area = "operations", .kind = "weakness", .severity = "high", .metrics = util_m, .when = smb_industry_when, .ud = util_low,
	  .title = "Too little of the team's time is billed", .detail = "Billable utilisation is {operations.utilisation_pct:%.1f}%; firms "
	  "in SPI Research's benchmark run at about 70%.", .recommend = util_r, .industry = IND },
	{ .id = "SVC-0020", .area = "finance", .kind = "weakness", .severity = "medium", .metrics = real_m, .when = smb_industry_when, .ud = real_low,
	  .title = "Time is written off", .detail = "Only {finance.realisation_pct:%.1f}% of the standard value of time is billed; the "
	  "effective rate is {finance.revenue_per_billable_hour:%.0f} an hour.", .recommend = real_r, .industry = IND },
	{ .id = "SVC-0030", .area = "operations", .kind = "threat", .severity = "medium", .metrics = util_m, .when = smb_industry_when, .ud = util_high,
	  .title = "The team is booked beyond a sustainable load", .detail = "Billable utilisation is {operations.utilisation_pct:%.1f}%: "
	  "no slack is left for training, sales or sick days.", .recommend = high_r, .industry = IND },
	{ .id = "SVC-0040", .area = "operations", .kind = "strength", .severity = "medium", .metrics = both_m, .when = smb_industry_when, .ud = well_run,
	  .title = "Time is sold and billed well", .detail = "Utilisation {operations.utilisation_pct:%.1f}% with "
	  "{finance.realisation_pct:%.1f}% realisation.", .recommend = none, .industry = IND },
};

static const smb_effect_def plan_fx[] = { { .metric = "operations.utilisation_pct", .delta = 5 } };
static const smb_effect_def capture_fx[] = { { .metric = "operations.utilisation_pct", .delta = 3 }, { .metric = "finance.realisation_pct", .delta = 2 } };
static const smb_effect_def scope_fx[] = { { .metric = "finance.realisation_pct", .delta = 5 } };
static const smb_effect_def rate_fx[] = { { .metric = "finance.realisation_pct", .delta = 2 }, { .metric = "finance.net_margin_pct", .delta = 2 } };
static const smb_effect_def hire_fx[] = { { .metric = "operations.utilisation_pct", .delta = -8 } };

static const smb_initiative_def initiatives[] = {
	{ .id = "SVC-resource-plan", .area = "operations", .title = "Weekly resource plan: who works on what for the next four weeks, gaps "
	  "filled from the pipeline", .cost = 1500, .hours = 40, .months = 2, .confidence = 0.65, .effects = plan_fx, .neffects = 1, .requires = NULL, .excludes = NULL },
	{ .id = "SVC-time-capture", .area = "operations", .title = "Daily time recording in one tool, reviewed weekly before invoicing", .cost = 800,
	  .hours = 20, .months = 1, .confidence = 0.7, .effects = capture_fx, .neffects = 2, .requires = NULL, .excludes = NULL },
	{ .id = "SVC-scope-control", .area = "finance", .title = "Written scope for every engagement and change requests for extra work", .cost = 500,
	  .hours = 30, .months = 2, .confidence = 0.6, .effects = scope_fx, .neffects = 1, .requires = NULL, .excludes = NULL },
	{ .id = "SVC-rate-review", .area = "finance", .title = "Review standard rates against the market and raise them for new work", .cost = 0, .hours = 15, .months = 1,
	  .confidence = 0.55, .effects = rate_fx, .neffects = 2, .requires = NULL, .excludes = NULL },
	{ .id = "SVC-capacity-hire", .area = "operations", .title = "Hire or contract one more fee earner before the team burns out", .cost = 8000,
	  .hours = 60, .months = 3, .confidence = 0.6, .effects = hire_fx, .neffects = 1, .requires = NULL, .excludes = NULL },
};

/* What the metric catalogue (smbopt metrics) says of this plugin's metrics. */
static const smb_metric_about about[] = {
	{ .key = "finance.billed_value",
	  .definition = "The value of the time that was billed to clients.",
	  .basis = NULL, .prefer = NULL, .bounded = 1, .lo = 0, .hi = 0 },
	{ .key = "finance.realisation_pct",
	  .definition = "The share of the standard value of time that was actually billed.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "finance.revenue_per_billable_hour",
	  .definition = "Revenue per billable hour: the effective hourly rate.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "finance.standard_value",
	  .definition = "The value of the same time at the standard rates.",
	  .basis = NULL, .prefer = NULL, .bounded = 1, .lo = 0, .hi = 0 },
	{ .key = "operations.available_hours",
	  .definition = "Hours fee earners could work (contracted hours less leave and holidays).",
	  .basis = NULL, .prefer = NULL, .bounded = 1, .lo = 0, .hi = 0 },
	{ .key = "operations.billable_hours",
	  .definition = "Hours recorded as billable to clients.",
	  .basis = NULL, .prefer = NULL, .bounded = 1, .lo = 0, .hi = 0 },
	{ .key = "operations.utilisation_pct",
	  .definition = "The share of available hours that were billable.",
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
	info->name = "industry-services";
	info->version = "1.0";
	info->areas = "operations,finance";
	info->industry = IND;
	info->description = "Professional-services benchmarks, utilisation, realisation and revenue per billable hour";
	if (smb_industry_register(api, &pack) != SMB_PLUGIN_OK)
		return SMB_PLUGIN_ERROR;
	return smb_plugin_describe(api, about, sizeof about / sizeof about[0]);
}
