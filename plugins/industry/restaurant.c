/* plugins/industry/restaurant.c — the restaurant industry plugin: goalposts
 * for restaurants on the common metrics (those the default playbooks do not
 * already set for restaurants), food cost, prime cost and seat turnover,
 * with rules and initiatives. */
#include "formulas.h"
#include "industry.h"

#define IND "restaurant"

static smb_industry_ratio food_cost = { "finance.food_cost", "finance.revenue" };

static int prime_cost(const smb_host_api *api, smb_ctx *c, void *ud, double *out)
{
	double cogs, labour, revenue;

	(void)ud;
	if (api->get(c, "finance.cogs", &cogs) || api->get(c, "operations.labour_cost", &labour) ||
	    api->get(c, "finance.revenue", &revenue))
		return SMB_PLUGIN_MISSING;
	return smb_industry_defined(smb_industry_prime_cost_pct(cogs, labour, revenue, out));
}

/* Days open when the client reports them; otherwise every calendar day of
 * the period, which understates turnover for a place closed on some days. */
static int seat_turnover(const smb_host_api *api, smb_ctx *c, void *ud, double *out)
{
	double covers, seats, days;

	(void)ud;
	if (api->get(c, "operations.covers", &covers) || api->get(c, "operations.seats", &seats))
		return SMB_PLUGIN_MISSING;
	if (api->get(c, "operations.days_open", &days) != SMB_PLUGIN_OK) {
		long d = smb_industry_days(api->period_first(c), api->period_last(c));
		if (d <= 0)
			return api->fail(c, "cannot count the days of the period %s", api->period(c));
		days = (double)d;
	}
	return smb_industry_defined(smb_industry_seat_turnover(covers, seats, days, out));
}

static const char *const food_in[] = { "finance.food_cost", "finance.revenue", NULL };
static const char *const prime_in[] = { "finance.cogs", "operations.labour_cost", "finance.revenue", NULL };
static const char *const turnover_in[] = { "operations.covers", "operations.seats", NULL };

static const smb_metric_def metrics[] = {
	{ "finance.food_cost", "Food cost (purchases adjusted for stock change)", "currency", -1, "sum", NULL, NULL, NULL,
	  NULL, 0 },
	{ "operations.covers", "Covers (guests served)", "count", 1, "sum", NULL, NULL, NULL, NULL, 0 },
	{ "operations.seats", "Seats (period end)", "count", 1, "last", NULL, NULL, NULL, NULL, 0 },
	{ "operations.days_open", "Days open for service", "days", 1, "sum", NULL, NULL, NULL, NULL, 0 },
	{ "finance.food_cost_pct", "Food cost % of sales", "%", -1, "derived", food_in, NULL, smb_industry_compute_pct,
	  &food_cost, 1.5 },
	{ "finance.prime_cost_pct", "Prime cost (cost of goods + labour) % of sales", "%", -1, "derived", prime_in,
	  NULL, prime_cost, NULL, 2 },
	{ "operations.seat_turnover", "Seat turnover (covers per seat per day open)", "turns", 1, "derived",
	  turnover_in, NULL, seat_turnover, NULL, 1 },
};

/* a month of cash is already much better than a fortnight: bands stretch the low end */
static const double runway_bands[] = { 0.5, 1, 3, 4.5, 6 };

static const smb_goalposts_def goalposts[] = {
	/* the plugin's own metrics */
	{ "finance.food_cost_pct", IND, 40, 28, NULL,
	  "Restaurant rule of thumb: food cost about 28-35% of sales (quoted by the National Restaurant Association "
	  "and Restaurant365 among others); strictly of food sales, here of all sales" },
	{ "finance.prime_cost_pct", IND, 70, 55, NULL,
	  "Restaurant rule of thumb: prime cost (cost of goods sold plus total labour) at most about 60-65% of sales "
	  "(quoted by the National Restaurant Association and Restaurant365 among others)" },
	{ "operations.seat_turnover", IND, 0.5, 2.5, NULL,
	  "Rule of thumb of this plugin for full-service restaurants: each seat filled once or twice a day; quick "
	  "service turns far more, fine dining less, so set these per concept" },
	/* common metrics the default playbooks do not already set for restaurants */
	{ "finance.current_ratio", IND, 0.3, 1.2, NULL,
	  "Rule of thumb: restaurants are paid at once and hold little stock or receivables, so current ratios below "
	  "the textbook 1.5 are normal; compare RMA Annual Statement Studies for NAICS 7225 (restaurants)" },
	{ "finance.quick_ratio", IND, 0.2, 1.0, NULL,
	  "Rule of thumb: with little stock a restaurant's quick ratio is close to its current ratio; compare RMA "
	  "Annual Statement Studies for NAICS 7225 (restaurants)" },
	{ "finance.ccc_days", IND, 30, -10, NULL,
	  "Cash conversion cycle = DIO + DSO - DPO (Richards & Laughlin 1980); restaurants are paid at the table and "
	  "pay suppliers on terms, so the cycle is normally near zero or negative; goalposts rule of thumb" },
	{ "finance.dpo_days", IND, 5, 30, NULL,
	  "Rule of thumb: restaurant food suppliers commonly invoice weekly or on 14-30 day terms" },
	{ "finance.cash_runway_months", IND, 0.5, 6, runway_bands,
	  "JPMorgan Chase Institute (2016), 'Cash is King': restaurants held among the smallest cash buffers of the "
	  "industries studied; rule of thumb: 3-6 months of expenses in reserve" },
	{ "finance.revenue_growth_yoy_pct", IND, -10, 10, NULL,
	  "Rule of thumb: same-store sales should at least keep up with menu-price inflation; compare Eurostat's "
	  "HICP for restaurants, cafés and the like (CP1111) or the US BLS CPI 'food away from home'" },
	{ "customer.repeat_share_pct", IND, 20, 60, NULL,
	  "Rule of thumb of this plugin: a neighbourhood restaurant lives on regulars" },
	{ "marketing.cac_payback_months", IND, 6, 1, NULL,
	  "Rule of thumb: a new guest's acquisition cost should be earned back within a few visits; David Skok's "
	  "12 months ('SaaS Metrics 2.0', forEntrepreneurs.com) is set for subscriptions" },
};

static smb_industry_cond prime_high[] = { { "finance.prime_cost_pct", '>', 65 }, { NULL, 0, 0 } };
static smb_industry_cond food_high[] = { { "finance.food_cost_pct", '>', 35 }, { NULL, 0, 0 } };
static smb_industry_cond seats_empty[] = { { "operations.seat_turnover", '<', 1 }, { NULL, 0, 0 } };
static smb_industry_cond prime_good[] = { { "finance.prime_cost_pct", 'l', 55 }, { NULL, 0, 0 } };

static const char *const prime_m[] = { "finance.prime_cost_pct", NULL };
static const char *const food_m[] = { "finance.food_cost_pct", NULL };
static const char *const seats_m[] = { "operations.seat_turnover", NULL };
static const char *const prime_r[] = { "RST-menu-engineering", "RST-labour-forecast", "RST-portion-control", NULL };
static const char *const food_r[] = { "RST-portion-control", "RST-menu-engineering", "RST-supplier-tender", NULL };
static const char *const seats_r[] = { "RST-off-peak-offers", "RST-online-booking", NULL };
static const char *const none[] = { NULL };

static const smb_rule_def rules[] = {
	{ "RST-0010", "finance", "weakness", "high", prime_m, smb_industry_when, prime_high,
	  "Prime cost leaves too little", "Food, drink and labour take {finance.prime_cost_pct:%.1f}% of sales; the "
	  "common ceiling is 60-65%.", prime_r, IND },
	{ "RST-0020", "finance", "weakness", "medium", food_m, smb_industry_when, food_high,
	  "Food cost above the usual range", "Food cost is {finance.food_cost_pct:%.1f}% of sales; the rule of thumb "
	  "is 28-35%.", food_r, IND },
	{ "RST-0030", "operations", "opportunity", "medium", seats_m, smb_industry_when, seats_empty,
	  "Seats stand empty", "Each seat serves {operations.seat_turnover:%.2f} guests a day open: the room could "
	  "carry more trade at little extra fixed cost.", seats_r, IND },
	{ "RST-0040", "finance", "strength", "medium", prime_m, smb_industry_when, prime_good,
	  "Tight control of prime cost", "Food, drink and labour take {finance.prime_cost_pct:%.1f}% of sales.", none,
	  IND },
};

static const smb_effect_def menu_fx[] = { { "finance.food_cost_pct", -2 }, { "finance.prime_cost_pct", -2 } };
static const smb_effect_def portion_fx[] = { { "finance.food_cost_pct", -1.5 }, { "finance.prime_cost_pct", -1.5 } };
static const smb_effect_def tender_fx[] = { { "finance.food_cost_pct", -1 }, { "finance.prime_cost_pct", -1 } };
static const smb_effect_def labour_fx[] = { { "finance.prime_cost_pct", -2 }, { "operations.labour_cost_pct", -2 } };
static const smb_effect_def offpeak_fx[] = { { "operations.seat_turnover", 0.2 } };
static const smb_effect_def booking_fx[] = { { "operations.seat_turnover", 0.15 } };

static const smb_initiative_def initiatives[] = {
	{ "RST-menu-engineering", "finance", "Menu engineering: cost every dish, reprice or drop low-margin ones, feature "
	  "the profitable ones", 1500, 40, 2, 0.65, menu_fx, 2, NULL, NULL },
	{ "RST-portion-control", "operations", "Recipe cards and portion tools for every dish; weekly waste log", 600, 30,
	  1, 0.7, portion_fx, 2, NULL, NULL },
	{ "RST-supplier-tender", "finance", "Ask three suppliers to quote for the top twenty ingredients", 0, 20, 1,
	  0.6, tender_fx, 1, NULL, NULL },
	{ "RST-labour-forecast", "operations", "Rotas from forecast covers by hour, not habit", 1200, 40, 2, 0.6,
	  labour_fx, 2, NULL, NULL },
	{ "RST-off-peak-offers", "marketing", "Fill slow services: early-evening menu, lunch deals, group bookings", 800,
	  30, 2, 0.55, offpeak_fx, 1, NULL, NULL },
	{ "RST-online-booking", "operations", "Online table booking with deposits for large groups and reminders that "
	  "cut no-shows", 1000, 20, 1, 0.6, booking_fx, 1, NULL, NULL },
};

/* What the metric catalogue (smbopt metrics) says of this plugin's metrics. */
static const smb_metric_about about[] = {
	{ "finance.food_cost",
	  "What the food and drink sold cost (purchases adjusted for the change in stock).",
	  NULL, NULL, 1, 0, 0 },
	{ "finance.food_cost_pct",
	  "Food and drink cost as a share of sales.",
	  NULL, NULL, 0, 0, 0 },
	{ "finance.prime_cost_pct",
	  "Cost of goods plus labour as a share of sales: the two costs a restaurant controls most.",
	  NULL, NULL, 0, 0, 0 },
	{ "operations.covers",
	  "How many guests were served.",
	  NULL, NULL, 1, 0, 0 },
	{ "operations.days_open",
	  "How many days the business was open for service.",
	  NULL, NULL, 1, 0, 0 },
	{ "operations.seat_turnover",
	  "How many guests each seat served per day open.",
	  NULL, NULL, 0, 0, 0 },
	{ "operations.seats",
	  "How many seats the business has.",
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
	info->name = "industry-restaurant";
	info->version = "1.0";
	info->areas = "finance,operations";
	info->industry = IND;
	if (SMB_HOST_HAS(api, add_applies))   /* an older host has no info->facts */
		info->facts = "stock,counter";
	info->description = "Restaurant benchmarks, food cost, prime cost and seat turnover";
	if (smb_industry_register(api, &pack) != SMB_PLUGIN_OK)
		return SMB_PLUGIN_ERROR;
	return smb_plugin_describe(api, about, sizeof about / sizeof about[0]);
}
