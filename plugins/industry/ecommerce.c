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

static smb_industry_ratio conversion = { "marketing.orders_online", "marketing.website_visits" };
static smb_industry_ratio returned = { "operations.orders_returned", "marketing.orders_online" };

static const char *const conversion_in[] = { "marketing.orders_online", "marketing.website_visits", NULL };
static const char *const abandon_in[] = { "marketing.orders_online", "marketing.carts_created", NULL };
static const char *const returned_in[] = { "operations.orders_returned", "marketing.orders_online", NULL };

static const smb_metric_def metrics[] = {
	{ "marketing.carts_created", "Shopping carts created", "count", 1, "sum", NULL, NULL, NULL, NULL, 0 },
	{ "marketing.orders_online", "Orders placed online", "count", 1, "sum", NULL, NULL, NULL, NULL, 0 },
	{ "operations.orders_returned", "Online orders returned (wholly or in part)", "count", -1, "sum", NULL, NULL,
	  NULL, NULL, 0 },
	{ "marketing.conversion_rate_pct", "Conversion rate (online orders / sessions)", "%", 1, "derived",
	  conversion_in, NULL, smb_industry_compute_pct, &conversion, 1.5 },
	{ "marketing.cart_abandonment_pct", "Cart abandonment (carts not turned into orders)", "%", -1, "derived",
	  abandon_in, NULL, abandonment, NULL, 1 },
	{ "operations.orders_returned_pct", "Online orders returned", "%", -1, "derived", returned_in, NULL,
	  smb_industry_compute_pct, &returned, 1 },
};

static const smb_goalposts_def goalposts[] = {
	/* the plugin's own metrics */
	{ "marketing.conversion_rate_pct", IND, 0.5, 4, NULL,
	  "Rule of thumb: online shops commonly turn about 1-3% of sessions into orders, varying by sector and "
	  "device; goalposts of this plugin" },
	{ "marketing.cart_abandonment_pct", IND, 85, 55, NULL,
	  "Baymard Institute, 'Cart Abandonment Rate Statistics' (2024): a documented average of about 70% across "
	  "the published studies it compiles; goalposts are a rule of thumb around that average" },
	{ "operations.orders_returned_pct", IND, 30, 8, NULL,
	  "NRF & Appriss Retail, 'Consumer Returns in the Retail Industry 2023': 17.6% of online purchases returned; "
	  "goalposts are a rule of thumb around that figure" },
	/* common metrics of the default playbooks, for online shops */
	{ "finance.gross_margin_pct", IND, 20, 50, NULL,
	  "Rule of thumb for online retailers; compare 'Retail (Online)' in NYU Stern (Damodaran), 'Margins by "
	  "Sector (US)', January 2024 update" },
	{ "finance.net_margin_pct", IND, -5, 10, NULL,
	  "Rule of thumb: online retail net margins are thin once delivery, returns and advertising are paid; compare "
	  "'Retail (Online)' in NYU Stern (Damodaran), 'Margins by Sector (US)', January 2024 update" },
	{ "marketing.roas", IND, 1.5, 6, NULL,
	  "E-commerce rule of thumb: a 4:1 return on ad spend is widely quoted as healthy; break-even ROAS is "
	  "1 / gross margin (2.5 at a 40% margin)" },
	{ "marketing.cac_payback_months", IND, 12, 2, NULL,
	  "E-commerce rule of thumb: a customer's acquisition cost should be earned back within the first orders; "
	  "David Skok's 12 months ('SaaS Metrics 2.0', forEntrepreneurs.com) is the outer limit, set for subscriptions" },
	{ "customer.repeat_share_pct", IND, 10, 40, NULL,
	  "Rule of thumb of this plugin: an online shop that lives on one-off buyers pays for every sale twice in "
	  "advertising" },
	{ "operations.on_time_delivery_pct", IND, 85, 98, NULL,
	  "Rule of thumb: online shoppers hold the shop to the promised delivery date; on-time delivery of 95% or "
	  "more (one element of 'perfect order fulfillment' in the ASCM SCOR model)" },
	{ "operations.labour_cost_pct", IND, 30, 8, NULL,
	  "Rule of thumb of this plugin for online shops, which need fewer staff per euro of sales than shops or "
	  "services" },
	{ "operations.revenue_per_employee", IND, 100000, 400000, NULL,
	  "Rule of thumb of this plugin; compare turnover per person employed in retail sale via mail order houses "
	  "or via Internet (NACE G47.91) in Eurostat Structural Business Statistics" },
	{ "customer.first_response_hours", IND, 24, 1, NULL,
	  "Amazon asks marketplace sellers to answer buyer messages within 24 hours; rule of thumb: within a few "
	  "business hours" },
	{ "operations.defect_rate_pct", IND, 3, 0.2, NULL,
	  "Warehouse rule of thumb: order-picking accuracy of 99.5% or better; compare WERC, 'DC Measures' (annual "
	  "benchmark report)" },
};

static smb_industry_cond abandon_high[] = { { "marketing.cart_abandonment_pct", '>', 80 }, { NULL, 0, 0 } };
static smb_industry_cond conversion_low[] = { { "marketing.conversion_rate_pct", '<', 1 }, { NULL, 0, 0 } };
static smb_industry_cond returns_high[] = { { "operations.orders_returned_pct", '>', 25 }, { NULL, 0, 0 } };
static smb_industry_cond funnel_good[] = { { "marketing.conversion_rate_pct", 'g', 3 },
	{ "marketing.cart_abandonment_pct", 'l', 65 }, { NULL, 0, 0 } };

static const char *const abandon_m[] = { "marketing.cart_abandonment_pct", NULL };
static const char *const conversion_m[] = { "marketing.conversion_rate_pct", "marketing.website_visits", NULL };
static const char *const returns_m[] = { "operations.orders_returned_pct", NULL };
static const char *const funnel_m[] = { "marketing.conversion_rate_pct", "marketing.cart_abandonment_pct", NULL };
static const char *const abandon_r[] = { "ECO-checkout-audit", "ECO-cart-reminders", NULL };
static const char *const conversion_r[] = { "ECO-checkout-audit", "ECO-product-pages", NULL };
static const char *const returns_r[] = { "ECO-product-pages", "ECO-returns-reasons", NULL };
static const char *const none[] = { NULL };

static const smb_rule_def rules[] = {
	{ "ECO-0010", "marketing", "weakness", "high", abandon_m, smb_industry_when, abandon_high,
	  "Most carts never become orders", "{marketing.cart_abandonment_pct:%.0f}% of carts are abandoned; Baymard "
	  "Institute's compiled average is about 70%.", abandon_r, IND },
	{ "ECO-0020", "marketing", "weakness", "medium", conversion_m, smb_industry_when, conversion_low,
	  "Few visitors buy", "Only {marketing.conversion_rate_pct:%.2f}% of {marketing.website_visits:%.0f} sessions "
	  "end in an order; online shops commonly convert 1-3%.", conversion_r, IND },
	{ "ECO-0030", "operations", "weakness", "medium", returns_m, smb_industry_when, returns_high,
	  "Many online orders come back", "{operations.orders_returned_pct:%.1f}% of online orders are returned; the "
	  "NRF's 2023 figure for online purchases is 17.6%.", returns_r, IND },
	{ "ECO-0040", "marketing", "strength", "medium", funnel_m, smb_industry_when, funnel_good,
	  "A shop that sells", "{marketing.conversion_rate_pct:%.1f}% of sessions convert and only "
	  "{marketing.cart_abandonment_pct:%.0f}% of carts are abandoned.", none, IND },
};

static const smb_effect_def audit_fx[] = { { "marketing.cart_abandonment_pct", -6 },
	{ "marketing.conversion_rate_pct", 0.3 } };
static const smb_effect_def remind_fx[] = { { "marketing.cart_abandonment_pct", -4 },
	{ "marketing.conversion_rate_pct", 0.1 } };
static const smb_effect_def pages_fx[] = { { "marketing.conversion_rate_pct", 0.3 },
	{ "operations.orders_returned_pct", -3 } };
static const smb_effect_def reasons_fx[] = { { "operations.orders_returned_pct", -4 } };

static const smb_initiative_def initiatives[] = {
	{ "ECO-checkout-audit", "marketing", "Checkout audit: guest checkout, all costs shown early, fewer form fields, "
	  "common payment methods", 2500, 40, 2, 0.65, audit_fx, 2, NULL, NULL },
	{ "ECO-cart-reminders", "marketing", "Abandoned-cart e-mails: a reminder within hours, a second a day later",
	  600, 15, 1, 0.7, remind_fx, 2, NULL, NULL },
	{ "ECO-product-pages", "marketing", "Product pages that answer the questions: size guides, real photos, "
	  "reviews, delivery date", 3000, 80, 3, 0.55, pages_fx, 2, NULL, NULL },
	{ "ECO-returns-reasons", "operations", "Record a reason for every return; fix the descriptions and products "
	  "behind the top three", 400, 30, 3, 0.6, reasons_fx, 1, NULL, NULL },
};

/* What the metric catalogue (smbopt metrics) says of this plugin's metrics. */
static const smb_metric_about about[] = {
	{ "marketing.cart_abandonment_pct",
	  "The share of online shopping carts that were not turned into orders.",
	  NULL, NULL, 0, 0, 0 },
	{ "marketing.carts_created",
	  "How many shopping carts visitors created in the online shop.",
	  NULL, NULL, 1, 0, 0 },
	{ "marketing.conversion_rate_pct",
	  "The share of website visits that ended in an online order.",
	  NULL, NULL, 0, 0, 0 },
	{ "marketing.orders_online",
	  "How many orders were placed online.",
	  NULL, NULL, 1, 0, 0 },
	{ "operations.orders_returned",
	  "How many online orders were sent back, wholly or in part.",
	  NULL, NULL, 1, 0, 0 },
	{ "operations.orders_returned_pct",
	  "The share of online orders sent back.",
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
