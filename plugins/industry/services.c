/* plugins/industry/services.c — the professional-services industry plugin
 * (consultancies, agencies, accountants, engineers): goalposts for firms
 * that sell time on the common metrics, utilisation, realisation and
 * revenue per billable hour, with rules and initiatives. */
#include "formulas.h"
#include "industry.h"

#define IND "services"

static smb_industry_ratio utilisation = { "operations.billable_hours", "operations.available_hours" };
static smb_industry_ratio realisation = { "finance.billed_value", "finance.standard_value" };
static smb_industry_ratio hourly = { "finance.revenue", "operations.billable_hours" };

static const char *const util_in[] = { "operations.billable_hours", "operations.available_hours", NULL };
static const char *const real_in[] = { "finance.billed_value", "finance.standard_value", NULL };
static const char *const hourly_in[] = { "finance.revenue", "operations.billable_hours", NULL };

static const smb_metric_def metrics[] = {
	{ "operations.billable_hours", "Billable hours recorded", "hours", 1, "sum", NULL, NULL, NULL, NULL, 0 },
	{ "operations.available_hours", "Available hours of fee earners (contracted less leave and holidays)", "hours",
	  1, "sum", NULL, NULL, NULL, NULL, 0 },
	{ "finance.billed_value", "Value of time billed", "currency", 1, "sum", NULL, NULL, NULL, NULL, 0 },
	{ "finance.standard_value", "Value of the same time at standard rates", "currency", 1, "sum", NULL, NULL, NULL, NULL,
	  0 },
	{ "operations.utilisation_pct", "Billable utilisation (billable / available hours)", "%", 1, "derived", util_in,
	  NULL, smb_industry_compute_pct, &utilisation, 2 },
	{ "finance.realisation_pct", "Realisation (billed / standard value of time)", "%", 1, "derived", real_in, NULL,
	  smb_industry_compute_pct, &realisation, 1.5 },
	/* not scored: what an hour fetches depends on the market and the
	 * currency; it is evidence for rule SVC-0020 */
	{ "finance.revenue_per_billable_hour", "Revenue per billable hour (effective rate)", "currency", 1, "derived",
	  hourly_in, NULL, smb_industry_compute_per_unit, &hourly, 1 },
};

static const smb_goalposts_def goalposts[] = {
	/* the plugin's own metrics */
	{ "operations.utilisation_pct", IND, 50, 80, NULL,
	  "SPI Research, '2024 Professional Services Maturity Benchmark' (published yearly) tracks billable "
	  "utilisation, around 70% for the firms it surveys; goalposts are a rule of thumb around that level" },
	{ "finance.realisation_pct", IND, 75, 98, NULL,
	  "Rule of thumb for professional firms: realisation of 90% or more of standard value; write-offs beyond 10% "
	  "point to scope creep or under-pricing" },
	/* common metrics of the default playbooks, for firms selling time */
	{ "finance.gross_margin_pct", IND, 25, 60, NULL,
	  "Rule of thumb for professional firms: fee income less the direct cost of delivering it (staff time, "
	  "subcontractors) of about 40-60%; SPI Research's annual benchmark tracks project margin" },
	{ "finance.net_margin_pct", IND, 0, 20, NULL,
	  "Rule of thumb: well-run professional firms earn 10-20% operating profit; SPI Research's annual "
	  "'Professional Services Maturity Benchmark' tracks EBITDA" },
	{ "operations.revenue_per_employee", IND, 60000, 200000, NULL,
	  "Rule of thumb of this plugin; compare turnover per person employed in professional, scientific and "
	  "technical activities (NACE section M) in Eurostat Structural Business Statistics" },
	{ "finance.ccc_days", IND, 90, 15, NULL,
	  "Cash conversion cycle = DIO + DSO - DPO (Richards & Laughlin 1980); with no stock it is debtor days less "
	  "creditor days, and unbilled work lengthens it; goalposts rule of thumb" },
	{ "finance.dso_days", IND, 75, 30, NULL,
	  "Rule of thumb: professional fees on 30-day terms; the EU Late Payment Directive 2011/7/EU caps B2B terms at "
	  "60 days unless expressly agreed" },
	{ "operations.on_time_delivery_pct", IND, 60, 95, NULL,
	  "Rule of thumb of this plugin for engagements delivered by the agreed date; SPI Research's annual benchmark "
	  "tracks the share of projects delivered on time" },
	{ "customer.repeat_share_pct", IND, 30, 80, NULL,
	  "Rule of thumb: an established professional firm earns most of its fees from returning clients" },
	{ "customer.churn_monthly_pct", IND, 4, 0.5, NULL,
	  "Rule of thumb of this plugin: clients of an accountant, agency or adviser usually stay for years" },
	{ "marketing.lead_to_customer_pct", IND, 5, 40, NULL,
	  "Rule of thumb: professional firms commonly quote proposal win rates of 20-40% on qualified enquiries" },
};

static smb_industry_cond util_low[] = { { "operations.utilisation_pct", '<', 60 }, { NULL, 0, 0 } };
static smb_industry_cond real_low[] = { { "finance.realisation_pct", '<', 85 }, { NULL, 0, 0 } };
static smb_industry_cond util_high[] = { { "operations.utilisation_pct", '>', 90 }, { NULL, 0, 0 } };
static smb_industry_cond well_run[] = { { "operations.utilisation_pct", 'g', 70 },
	{ "finance.realisation_pct", 'g', 92 }, { NULL, 0, 0 } };

static const char *const util_m[] = { "operations.utilisation_pct", NULL };
static const char *const real_m[] = { "finance.realisation_pct", "finance.revenue_per_billable_hour", NULL };
static const char *const both_m[] = { "operations.utilisation_pct", "finance.realisation_pct", NULL };
static const char *const util_r[] = { "SVC-resource-plan", "SVC-time-capture", NULL };
static const char *const real_r[] = { "SVC-scope-control", "SVC-rate-review", NULL };
static const char *const high_r[] = { "SVC-capacity-hire", "SVC-resource-plan", NULL };
static const char *const none[] = { NULL };

static const smb_rule_def rules[] = {
	{ "SVC-0010", "operations", "weakness", "high", util_m, smb_industry_when, util_low,
	  "Too little of the team's time is billed", "Billable utilisation is {operations.utilisation_pct:%.1f}%; firms "
	  "in SPI Research's benchmark run at about 70%.", util_r, IND },
	{ "SVC-0020", "finance", "weakness", "medium", real_m, smb_industry_when, real_low,
	  "Time is written off", "Only {finance.realisation_pct:%.1f}% of the standard value of time is billed; the "
	  "effective rate is {finance.revenue_per_billable_hour:%.0f} an hour.", real_r, IND },
	{ "SVC-0030", "operations", "threat", "medium", util_m, smb_industry_when, util_high,
	  "The team is booked beyond a sustainable load", "Billable utilisation is {operations.utilisation_pct:%.1f}%: "
	  "no slack is left for training, sales or sick days.", high_r, IND },
	{ "SVC-0040", "operations", "strength", "medium", both_m, smb_industry_when, well_run,
	  "Time is sold and billed well", "Utilisation {operations.utilisation_pct:%.1f}% with "
	  "{finance.realisation_pct:%.1f}% realisation.", none, IND },
};

static const smb_effect_def plan_fx[] = { { "operations.utilisation_pct", 5 } };
static const smb_effect_def capture_fx[] = { { "operations.utilisation_pct", 3 }, { "finance.realisation_pct", 2 } };
static const smb_effect_def scope_fx[] = { { "finance.realisation_pct", 5 } };
static const smb_effect_def rate_fx[] = { { "finance.realisation_pct", 2 }, { "finance.net_margin_pct", 2 } };
static const smb_effect_def hire_fx[] = { { "operations.utilisation_pct", -8 } };

static const smb_initiative_def initiatives[] = {
	{ "SVC-resource-plan", "operations", "Weekly resource plan: who works on what for the next four weeks, gaps "
	  "filled from the pipeline", 1500, 40, 2, 0.65, plan_fx, 1, NULL, NULL },
	{ "SVC-time-capture", "operations", "Daily time recording in one tool, reviewed weekly before invoicing", 800,
	  20, 1, 0.7, capture_fx, 2, NULL, NULL },
	{ "SVC-scope-control", "finance", "Written scope for every engagement and change requests for extra work", 500,
	  30, 2, 0.6, scope_fx, 1, NULL, NULL },
	{ "SVC-rate-review", "finance", "Review standard rates against the market and raise them for new work", 0, 15, 1,
	  0.55, rate_fx, 2, NULL, NULL },
	{ "SVC-capacity-hire", "operations", "Hire or contract one more fee earner before the team burns out", 8000,
	  60, 3, 0.6, hire_fx, 1, NULL, NULL },
};

/* What the metric catalogue (smbopt metrics) says of this plugin's metrics. */
static const smb_metric_about about[] = {
	{ "finance.billed_value",
	  "The value of the time that was billed to clients.",
	  NULL, NULL, 1, 0, 0 },
	{ "finance.realisation_pct",
	  "The share of the standard value of time that was actually billed.",
	  NULL, NULL, 0, 0, 0 },
	{ "finance.revenue_per_billable_hour",
	  "Revenue per billable hour: the effective hourly rate.",
	  NULL, NULL, 0, 0, 0 },
	{ "finance.standard_value",
	  "The value of the same time at the standard rates.",
	  NULL, NULL, 1, 0, 0 },
	{ "operations.available_hours",
	  "Hours fee earners could work (contracted hours less leave and holidays).",
	  NULL, NULL, 1, 0, 0 },
	{ "operations.billable_hours",
	  "Hours recorded as billable to clients.",
	  NULL, NULL, 1, 0, 0 },
	{ "operations.utilisation_pct",
	  "The share of available hours that were billable.",
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
	info->name = "industry-services";
	info->version = "1.0";
	info->areas = "operations,finance";
	info->industry = IND;
	info->description = "Professional-services benchmarks, utilisation, realisation and revenue per billable hour";
	if (smb_industry_register(api, &pack) != SMB_PLUGIN_OK)
		return SMB_PLUGIN_ERROR;
	return smb_plugin_describe(api, about, sizeof about / sizeof about[0]);
}
