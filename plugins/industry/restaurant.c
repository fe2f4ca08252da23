/* plugins/industry/restaurant.c — the restaurant industry plugin: goalposts
 * for restaurants on the common metrics (those the default playbooks do not
 * already set for restaurants), food cost, prime cost and seat turnover,
 * with rules and initiatives. */
#include "formulas.h"
#include "industry.h"

#define IND "restaurant"

static smb_industry_ratio food_cost = { .num = "finance.food_cost", .den = "finance.revenue" };

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
	{ .key = "finance.food_cost", .label = "Food cost (purchases adjusted for stock change)", .unit = "currency", .better = -1, .rollup = "sum", .inputs = NULL, .dataset = NULL, .compute = NULL,
	  .ud = NULL, .weight = 0 },
	{ .key = "operations.covers", .label = "Covers (guests served)", .unit = "count", .better = 1, .rollup = "sum", .inputs = NULL, .dataset = NULL, .compute = NULL, .ud = NULL, .weight = 0 },
	{ .key = "operations.seats", .label = "Seats (period end)", .unit = "count", .better = 1, .rollup = "last", .inputs = NULL, .dataset = NULL, .compute = NULL, .ud = NULL, .weight = 0 },
	{ .key = "operations.days_open", .label = "Days open for service", .unit = "days", .better = 1, .rollup = "sum", .inputs = NULL, .dataset = NULL, .compute = NULL, .ud = NULL, .weight = 0 },
	{ .key = "finance.food_cost_pct", .label = "Food cost % of sales", .unit = "%", .better = -1, .rollup = "derived", .inputs = food_in, .dataset = NULL, .compute = smb_industry_compute_pct,
	  .ud = &food_cost, .weight = 1.5 },
	{ .key = "finance.prime_cost_pct", .label = "Prime cost (cost of goods + labour) % of sales", .unit = "%", .better = -1, .rollup = "derived", .inputs = prime_in,
	  .dataset = NULL, .compute = prime_cost, .ud = NULL, .weight = 2 },
	{ .key = "operations.seat_turnover", .label = "Seat turnover (covers per seat per day open)", .unit = "turns", .better = 1, .rollup = "derived",
	  .inputs = turnover_in, .dataset = NULL, .compute = seat_turnover, .ud = NULL, .weight = 1 },
};

/* a month of cash is already much better than a fortnight: bands stretch the low end */
static const double runway_bands[] = { 0.5, 1, 3, 4.5, 6 };

static const smb_goalposts_def goalposts[] = {
	/* the plugin's own metrics */
	{ .metric = "finance.food_cost_pct", .industry = IND, .worst = 40, .best = 28, .bands = NULL,
	  .source = "Restaurant rule of thumb: food cost about 28-35% of sales (quoted by the National Restaurant Association "
	  "and Restaurant365 among others); strictly of food sales, here of all sales" },
	{ .metric = "finance.prime_cost_pct", .industry = IND, .worst = 70, .best = 55, .bands = NULL,
	  .source = "Restaurant rule of thumb: prime cost (cost of goods sold plus total labour) at most about 60-65% of sales "
	  "(quoted by the National Restaurant Association and Restaurant365 among others)" },
	{ .metric = "operations.seat_turnover", .industry = IND, .worst = 0.5, .best = 2.5, .bands = NULL,
	  .source = "Rule of thumb of this plugin for full-service restaurants: each seat filled once or twice a day; quick "
	  "service turns far more, fine dining less, so set these per concept" },
	/* common metrics the default playbooks do not already set for restaurants */
	{ .metric = "finance.current_ratio", .industry = IND, .worst = 0.3, .best = 1.2, .bands = NULL,
	  .source = "Rule of thumb: restaurants are paid at once and hold little stock or receivables, so current ratios below "
	  "the textbook 1.5 are normal; compare RMA Annual Statement Studies for NAICS 7225 (restaurants)" },
	{ .metric = "finance.quick_ratio", .industry = IND, .worst = 0.2, .best = 1.0, .bands = NULL,
	  .source = "Rule of thumb: with little stock a restaurant's quick ratio is close to its current ratio; compare RMA "
	  "Annual Statement Studies for NAICS 7225 (restaurants)" },
	{ .metric = "finance.ccc_days", .industry = IND, .worst = 30, .best = -10, .bands = NULL,
	  .source = "Cash conversion cycle = DIO + DSO - DPO (Richards & Laughlin 1980); restaurants are paid at the table and "
	  "pay suppliers on terms, so the cycle is normally near zero or negative; goalposts rule of thumb" },
	{ .metric = "finance.dpo_days", .industry = IND, .worst = 5, .best = 30, .bands = NULL,
	  .source = "Rule of thumb: restaurant food suppliers commonly invoice weekly or on 14-30 day terms" },
	{ .metric = "finance.cash_runway_months", .industry = IND, .worst = 0.5, .best = 6, .bands = runway_bands,
	  .source = "JPMorgan Chase Institute (2016), 'Cash is King': restaurants held among the smallest cash buffers of the "
	  "industries studied; rule of thumb: 3-6 months of expenses in reserve" },
	{ .metric = "finance.revenue_growth_yoy_pct", .industry = IND, .worst = -10, .best = 10, .bands = NULL,
	  .source = "Rule of thumb: same-store sales should at least keep up with menu-price inflation; compare Eurostat's "
	  "HICP for restaurants, cafés and the like (CP1111) or the US BLS CPI 'food away from home'" },
	{ .metric = "customer.repeat_share_pct", .industry = IND, .worst = 20, .best = 60, .bands = NULL,
	  .source = "Rule of thumb of this plugin: a neighbourhood restaurant lives on regulars" },
	{ .metric = "marketing.cac_payback_months", .industry = IND, .worst = 6, .best = 1, .bands = NULL,
	  .source = "Rule of thumb: a new guest's acquisition cost should be earned back within a few visits; David Skok's "
	  "12 months ('SaaS Metrics 2.0', forEntrepreneurs.com) is set for subscriptions" },
};

static smb_industry_cond prime_high[] = { { .metric = "finance.prime_cost_pct", .op = '>', .value = 65 }, { .metric = NULL, .op = 0, .value = 0 } };
static smb_industry_cond food_high[] = { { .metric = "finance.food_cost_pct", .op = '>', .value = 35 }, { .metric = NULL, .op = 0, .value = 0 } };
static smb_industry_cond seats_empty[] = { { .metric = "operations.seat_turnover", .op = '<', .value = 1 }, { .metric = NULL, .op = 0, .value = 0 } };
static smb_industry_cond prime_good[] = { { .metric = "finance.prime_cost_pct", .op = 'l', .value = 55 }, { .metric = NULL, .op = 0, .value = 0 } };

static const char *const prime_m[] = { "finance.prime_cost_pct", NULL };
static const char *const food_m[] = { "finance.food_cost_pct", NULL };
static const char *const seats_m[] = { "operations.seat_turnover", NULL };
static const char *const prime_r[] = { "RST-menu-engineering", "RST-labour-forecast", "RST-portion-control", NULL };
static const char *const food_r[] = { "RST-portion-control", "RST-menu-engineering", "RST-supplier-tender", NULL };
static const char *const seats_r[] = { "RST-off-peak-offers", "RST-online-booking", NULL };
static const char *const none[] = { NULL };

static const smb_rule_def rules[] = {
	{ .id = "RST-0010", .area = "finance", .kind = "weakness", .severity = "high", .metrics = prime_m, .when = smb_industry_when, .ud = prime_high,
	  .title = "Prime cost leaves too little", .detail = "Food, drink and labour take {finance.prime_cost_pct:%.1f}% of sales; the "
	  "common ceiling is 60-65%.", .recommend = prime_r, .industry = IND },
	{ .id = "RST-0020", .area = "finance", .kind = "weakness", .severity = "medium", .metrics = food_m, .when = smb_industry_when, .ud = food_high,
	  .title = "Food cost above the usual range", .detail = "Food cost is {finance.food_cost_pct:%.1f}% of sales; the rule of thumb "
	  "is 28-35%.", .recommend = food_r, .industry = IND },
	{ .id = "RST-0030", .area = "operations", .kind = "opportunity", .severity = "medium", .metrics = seats_m, .when = smb_industry_when, .ud = seats_empty,
	  .title = "Seats stand empty", .detail = "Each seat serves {operations.seat_turnover:%.2f} guests a day open: the room could "
	  "carry more trade at little extra fixed cost.", .recommend = seats_r, .industry = IND },
	{ .id = "RST-0040", .area = "finance", .kind = "strength", .severity = "medium", .metrics = prime_m, .when = smb_industry_when, .ud = prime_good,
	  .title = "Tight control of prime cost", .detail = "Food, drink and labour take {finance.prime_cost_pct:%.1f}% of sales.", .recommend = none,
	  .industry = IND },
};

static const smb_effect_def menu_fx[] = { { .metric = "finance.food_cost_pct", .delta = -2 }, { .metric = "finance.prime_cost_pct", .delta = -2 } };
static const smb_effect_def portion_fx[] = { { .metric = "finance.food_cost_pct", .delta = -1.5 }, { .metric = "finance.prime_cost_pct", .delta = -1.5 } };
static const smb_effect_def tender_fx[] = { { .metric = "finance.food_cost_pct", .delta = -1 }, { .metric = "finance.prime_cost_pct", .delta = -1 } };
static const smb_effect_def labour_fx[] = { { .metric = "finance.prime_cost_pct", .delta = -2 }, { .metric = "operations.labour_cost_pct", .delta = -2 } };
static const smb_effect_def offpeak_fx[] = { { .metric = "operations.seat_turnover", .delta = 0.2 } };
static const smb_effect_def booking_fx[] = { { .metric = "operations.seat_turnover", .delta = 0.15 } };

static const smb_initiative_def initiatives[] = {
	{ .id = "RST-menu-engineering", .area = "finance", .title = "Menu engineering: cost every dish, reprice or drop low-margin ones, feature "
	  "the profitable ones", .cost = 1500, .hours = 40, .months = 2, .confidence = 0.65, .effects = menu_fx, .neffects = 2, .requires = NULL, .excludes = NULL },
	{ .id = "RST-portion-control", .area = "operations", .title = "Recipe cards and portion tools for every dish; weekly waste log", .cost = 600, .hours = 30,
	  .months = 1, .confidence = 0.7, .effects = portion_fx, .neffects = 2, .requires = NULL, .excludes = NULL },
	{ .id = "RST-supplier-tender", .area = "finance", .title = "Ask three suppliers to quote for the top twenty ingredients", .cost = 0, .hours = 20, .months = 1,
	  .confidence = 0.6, .effects = tender_fx, .neffects = 1, .requires = NULL, .excludes = NULL },
	{ .id = "RST-labour-forecast", .area = "operations", .title = "Rotas from forecast covers by hour, not habit", .cost = 1200, .hours = 40, .months = 2, .confidence = 0.6,
	  .effects = labour_fx, .neffects = 2, .requires = NULL, .excludes = NULL },
	{ .id = "RST-off-peak-offers", .area = "marketing", .title = "Fill slow services: early-evening menu, lunch deals, group bookings", .cost = 800,
	  .hours = 30, .months = 2, .confidence = 0.55, .effects = offpeak_fx, .neffects = 1, .requires = NULL, .excludes = NULL },
	{ .id = "RST-online-booking", .area = "operations", .title = "Online table booking with deposits for large groups and reminders that "
	  "cut no-shows", .cost = 1000, .hours = 20, .months = 1, .confidence = 0.6, .effects = booking_fx, .neffects = 1, .requires = NULL, .excludes = NULL },
};

/* What the metric catalogue (smbopt metrics) says of this plugin's metrics. */
static const smb_metric_about about[] = {
	{ .key = "finance.food_cost",
	  .definition = "What the food and drink sold cost (purchases adjusted for the change in stock).",
	  .basis = NULL, .prefer = NULL, .bounded = 1, .lo = 0, .hi = 0 },
	{ .key = "finance.food_cost_pct",
	  .definition = "Food and drink cost as a share of sales.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "finance.prime_cost_pct",
	  .definition = "Cost of goods plus labour as a share of sales: the two costs a restaurant controls most.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "operations.covers",
	  .definition = "How many guests were served.",
	  .basis = NULL, .prefer = NULL, .bounded = 1, .lo = 0, .hi = 0 },
	{ .key = "operations.days_open",
	  .definition = "How many days the business was open for service.",
	  .basis = NULL, .prefer = NULL, .bounded = 1, .lo = 0, .hi = 0 },
	{ .key = "operations.seat_turnover",
	  .definition = "How many guests each seat served per day open.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "operations.seats",
	  .definition = "How many seats the business has.",
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
