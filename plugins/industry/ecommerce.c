/* plugins/industry/ecommerce.c — the e-commerce industry plugin: goalposts
 * for online shops on the common metrics, and the checkout funnel
 * (conversion, cart abandonment) and returned orders, with rules and
 * initiatives. Sessions are the playbooks' marketing.website_visits. */
#include "formulas.h"
#include "industry.h"

#define IND "e-commerce"

static int abandonment(const smb_host_api *api, smb_ctx *c, void *ud, double *out)
{
	double orders, carts;

	(void)ud;
	if (api->get(c, "marketing.orders_online", &orders) || api->get(c, "marketing.carts_created", &carts))
		return SMB_PLUGIN_MISSING;
	return smb_industry_defined(smb_industry_cart_abandonment(orders, carts, out));
}

static smb_industry_ratio conversion = { .num = "marketing.orders_online", .den = "marketing.website_visits" };
static smb_industry_ratio returned = { .num = "operations.orders_returned", .den = "marketing.orders_online" };

static const char *const conversion_in[] = { "marketing.orders_online", "marketing.website_visits", NULL };
static const char *const abandon_in[] = { "marketing.orders_online", "marketing.carts_created", NULL };
static const char *const returned_in[] = { "operations.orders_returned", "marketing.orders_online", NULL };

static const smb_metric_def metrics[] = {
	{ .key = "marketing.carts_created", .label = "Shopping carts created", .unit = "count", .better = 1, .rollup = "sum", .inputs = NULL, .dataset = NULL, .compute = NULL, .ud = NULL, .weight = 0 },
	{ .key = "marketing.orders_online", .label = "Orders placed online", .unit = "count", .better = 1, .rollup = "sum", .inputs = NULL, .dataset = NULL, .compute = NULL, .ud = NULL, .weight = 0 },
	{ .key = "operations.orders_returned", .label = "Online orders returned (wholly or in part)", .unit = "count", .better = -1, .rollup = "sum", .inputs = NULL, .dataset = NULL,
	  .compute = NULL, .ud = NULL, .weight = 0 },
	{ .key = "marketing.conversion_rate_pct", .label = "Conversion rate (online orders / sessions)", .unit = "%", .better = 1, .rollup = "derived",
	  .inputs = conversion_in, .dataset = NULL, .compute = smb_industry_compute_pct, .ud = &conversion, .weight = 1.5 },
	{ .key = "marketing.cart_abandonment_pct", .label = "Cart abandonment (carts not turned into orders)", .unit = "%", .better = -1, .rollup = "derived",
	  .inputs = abandon_in, .dataset = NULL, .compute = abandonment, .ud = NULL, .weight = 1 },
	{ .key = "operations.orders_returned_pct", .label = "Online orders returned", .unit = "%", .better = -1, .rollup = "derived", .inputs = returned_in, .dataset = NULL,
	  .compute = smb_industry_compute_pct, .ud = &returned, .weight = 1 },
};

static const smb_goalposts_def goalposts[] = {
	/* the plugin's own metrics */
	{ .metric = "marketing.conversion_rate_pct", .industry = IND, .worst = 0.5, .best = 4, .bands = NULL,
	  .source = "Rule of thumb: online shops commonly turn about 1-3% of sessions into orders, varying by sector and "
	  "device; goalposts of this plugin" },
	{ .metric = "marketing.cart_abandonment_pct", .industry = IND, .worst = 85, .best = 55, .bands = NULL,
	  .source = "Baymard Institute, 'Cart Abandonment Rate Statistics' (2024): a documented average of about 70% across "
	  "the published studies it compiles; goalposts are a rule of thumb around that average" },
	{ .metric = "operations.orders_returned_pct", .industry = IND, .worst = 30, .best = 8, .bands = NULL,
	  .source = "NRF & Appriss Retail, 'Consumer Returns in the Retail Industry 2023': 17.6% of online purchases returned; "
	  "goalposts are a rule of thumb around that figure" },
	/* common metrics of the default playbooks, for online shops */
	{ .metric = "finance.gross_margin_pct", .industry = IND, .worst = 20, .best = 50, .bands = NULL,
	  .source = "Rule of thumb for online retailers; compare 'Retail (Online)' in NYU Stern (Damodaran), 'Margins by "
	  "Sector (US)', January 2024 update" },
	{ .metric = "finance.net_margin_pct", .industry = IND, .worst = -5, .best = 10, .bands = NULL,
	  .source = "Rule of thumb: online retail net margins are thin once delivery, returns and advertising are paid; compare "
	  "'Retail (Online)' in NYU Stern (Damodaran), 'Margins by Sector (US)', January 2024 update" },
	{ .metric = "marketing.roas", .industry = IND, .worst = 1.5, .best = 6, .bands = NULL,
	  .source = "E-commerce rule of thumb: a 4:1 return on ad spend is widely quoted as healthy; break-even ROAS is "
	  "1 / gross margin (2.5 at a 40% margin)" },
	{ .metric = "marketing.cac_payback_months", .industry = IND, .worst = 12, .best = 2, .bands = NULL,
	  .source = "E-commerce rule of thumb: a customer's acquisition cost should be earned back within the first orders; "
	  "David Skok's 12 months ('SaaS Metrics 2.0', forEntrepreneurs.com) is the outer limit, set for subscriptions" },
	{ .metric = "customer.repeat_share_pct", .industry = IND, .worst = 10, .best = 40, .bands = NULL,
	  .source = "Rule of thumb of this plugin: an online shop that lives on one-off buyers pays for every sale twice in "
	  "advertising" },
	{ .metric = "operations.on_time_delivery_pct", .industry = IND, .worst = 85, .best = 98, .bands = NULL,
	  .source = "Rule of thumb: online shoppers hold the shop to the promised delivery date; on-time delivery of 95% or "
	  "more (one element of 'perfect order fulfillment' in the ASCM SCOR model)" },
	{ .metric = "operations.labour_cost_pct", .industry = IND, .worst = 30, .best = 8, .bands = NULL,
	  .source = "Rule of thumb of this plugin for online shops, which need fewer staff per euro of sales than shops or "
	  "services" },
	{ .metric = "operations.revenue_per_employee", .industry = IND, .worst = 100000, .best = 400000, .bands = NULL,
	  .source = "Rule of thumb of this plugin; compare turnover per person employed in retail sale via mail order houses "
	  "or via Internet (NACE G47.91) in Eurostat Structural Business Statistics" },
	{ .metric = "customer.first_response_hours", .industry = IND, .worst = 24, .best = 1, .bands = NULL,
	  .source = "Amazon asks marketplace sellers to answer buyer messages within 24 hours; rule of thumb: within a few "
	  "business hours" },
	{ .metric = "operations.defect_rate_pct", .industry = IND, .worst = 3, .best = 0.2, .bands = NULL,
	  .source = "Warehouse rule of thumb: order-picking accuracy of 99.5% or better; compare WERC, 'DC Measures' (annual "
	  "benchmark report)" },
};

static smb_industry_cond abandon_high[] = { { .metric = "marketing.cart_abandonment_pct", .op = '>', .value = 80 }, { .metric = NULL, .op = 0, .value = 0 } };
static smb_industry_cond conversion_low[] = { { .metric = "marketing.conversion_rate_pct", .op = '<', .value = 1 }, { .metric = NULL, .op = 0, .value = 0 } };
static smb_industry_cond returns_high[] = { { .metric = "operations.orders_returned_pct", .op = '>', .value = 25 }, { .metric = NULL, .op = 0, .value = 0 } };
static smb_industry_cond funnel_good[] = { { .metric = "marketing.conversion_rate_pct", .op = 'g', .value = 3 },
	{ .metric = "marketing.cart_abandonment_pct", .op = 'l', .value = 65 }, { .metric = NULL, .op = 0, .value = 0 } };

static const char *const abandon_m[] = { "marketing.cart_abandonment_pct", NULL };
static const char *const conversion_m[] = { "marketing.conversion_rate_pct", "marketing.website_visits", NULL };
static const char *const returns_m[] = { "operations.orders_returned_pct", NULL };
static const char *const funnel_m[] = { "marketing.conversion_rate_pct", "marketing.cart_abandonment_pct", NULL };
static const char *const abandon_r[] = { "ECO-checkout-audit", "ECO-cart-reminders", NULL };
static const char *const conversion_r[] = { "ECO-checkout-audit", "ECO-product-pages", NULL };
static const char *const returns_r[] = { "ECO-product-pages", "ECO-returns-reasons", NULL };
static const char *const none[] = { NULL };

static const smb_rule_def rules[] = {
	{ .id = "ECO-0010", .area = "marketing", .kind = "weakness", .severity = "high", .metrics = abandon_m, .when = smb_industry_when, .ud = abandon_high,
	  .title = "Most carts never become orders", .detail = "{marketing.cart_abandonment_pct:%.0f}% of carts are abandoned; Baymard "
	  "Institute's compiled average is about 70%.", .recommend = abandon_r, .industry = IND },
	{ .id = "ECO-0020", .area = "marketing", .kind = "weakness", .severity = "medium", .metrics = conversion_m, .when = smb_industry_when, .ud = conversion_low,
	  .title = "Few visitors buy", .detail = "Only {marketing.conversion_rate_pct:%.2f}% of {marketing.website_visits:%.0f} sessions "
	  "end in an order; online shops commonly convert 1-3%.", .recommend = conversion_r, .industry = IND },
	{ .id = "ECO-0030", .area = "operations", .kind = "weakness", .severity = "medium", .metrics = returns_m, .when = smb_industry_when, .ud = returns_high,
	  .title = "Many online orders come back", .detail = "{operations.orders_returned_pct:%.1f}% of online orders are returned; the "
	  "NRF's 2023 figure for online purchases is 17.6%.", .recommend = returns_r, .industry = IND },
	{ .id = "ECO-0040", .area = "marketing", .kind = "strength", .severity = "medium", .metrics = funnel_m, .when = smb_industry_when, .ud = funnel_good,
	  .title = "A shop that sells", .detail = "{marketing.conversion_rate_pct:%.1f}% of sessions convert and only "
	  "{marketing.cart_abandonment_pct:%.0f}% of carts are abandoned.", .recommend = none, .industry = IND },
};

static const smb_effect_def audit_fx[] = { { .metric = "marketing.cart_abandonment_pct", .delta = -6 },
	{ .metric = "marketing.conversion_rate_pct", .delta = 0.3 } };
static const smb_effect_def remind_fx[] = { { .metric = "marketing.cart_abandonment_pct", .delta = -4 },
	{ .metric = "marketing.conversion_rate_pct", .delta = 0.1 } };
static const smb_effect_def pages_fx[] = { { .metric = "marketing.conversion_rate_pct", .delta = 0.3 },
	{ .metric = "operations.orders_returned_pct", .delta = -3 } };
static const smb_effect_def reasons_fx[] = { { .metric = "operations.orders_returned_pct", .delta = -4 } };

static const smb_initiative_def initiatives[] = {
	{ .id = "ECO-checkout-audit", .area = "marketing", .title = "Checkout audit: guest checkout, all costs shown early, fewer form fields, "
	  "common payment methods", .cost = 2500, .hours = 40, .months = 2, .confidence = 0.65, .effects = audit_fx, .neffects = 2, .requires = NULL, .excludes = NULL },
	{ .id = "ECO-cart-reminders", .area = "marketing", .title = "Abandoned-cart e-mails: a reminder within hours, a second a day later",
	  .cost = 600, .hours = 15, .months = 1, .confidence = 0.7, .effects = remind_fx, .neffects = 2, .requires = NULL, .excludes = NULL },
	{ .id = "ECO-product-pages", .area = "marketing", .title = "Product pages that answer the questions: size guides, real photos, "
	  "reviews, delivery date", .cost = 3000, .hours = 80, .months = 3, .confidence = 0.55, .effects = pages_fx, .neffects = 2, .requires = NULL, .excludes = NULL },
	{ .id = "ECO-returns-reasons", .area = "operations", .title = "Record a reason for every return; fix the descriptions and products "
	  "behind the top three", .cost = 400, .hours = 30, .months = 3, .confidence = 0.6, .effects = reasons_fx, .neffects = 1, .requires = NULL, .excludes = NULL },
};

/* What the metric catalogue (smbopt metrics) says of this plugin's metrics. */
static const smb_metric_about about[] = {
	{ .key = "marketing.cart_abandonment_pct",
	  .definition = "The share of online shopping carts that were not turned into orders.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "marketing.carts_created",
	  .definition = "How many shopping carts visitors created in the online shop.",
	  .basis = NULL, .prefer = NULL, .bounded = 1, .lo = 0, .hi = 0 },
	{ .key = "marketing.conversion_rate_pct",
	  .definition = "The share of website visits that ended in an online order.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "marketing.orders_online",
	  .definition = "How many orders were placed online.",
	  .basis = NULL, .prefer = NULL, .bounded = 1, .lo = 0, .hi = 0 },
	{ .key = "operations.orders_returned",
	  .definition = "How many online orders were sent back, wholly or in part.",
	  .basis = NULL, .prefer = NULL, .bounded = 1, .lo = 0, .hi = 0 },
	{ .key = "operations.orders_returned_pct",
	  .definition = "The share of online orders sent back.",
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
	info->name = "industry-ecommerce";
	info->version = "1.0";
	info->areas = "marketing,operations";
	info->industry = IND;
	if (SMB_HOST_HAS(api, add_applies))   /* an older host has no info->facts */
		info->facts = "stock,goods,ships,online";
	info->description = "E-commerce benchmarks, conversion rate, cart abandonment and returned orders";
	if (smb_industry_register(api, &pack) != SMB_PLUGIN_OK)
		return SMB_PLUGIN_ERROR;
	return smb_plugin_describe(api, about, sizeof about / sizeof about[0]);
}
