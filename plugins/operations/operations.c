/* plugins/operations/operations.c — the operations plugin: the inventory
 * dataset kind and the inventory metrics, goalposts, rules and initiatives.
 * The callbacks only read rows and settings through the host API and hand
 * them to inventory.c, where the arithmetic is (and is tested). */
#include "smbopt/plugin.h"
#include "inventory.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define KIND "inventory"
#define MODEL "inventory"

static const smb_column_def columns[] = {
	{ .name = "period", .type = SMB_COL_PERIOD, .required = 1 },          /* a month: 2026-09 */
	{ .name = "sku", .type = SMB_COL_TEXT, .required = 1 },
	{ .name = "units_sold", .type = SMB_COL_REAL, .required = 1 },        /* in the month */
	{ .name = "on_hand", .type = SMB_COL_REAL, .required = 1 },           /* at the end of the month */
	{ .name = "unit_cost", .type = SMB_COL_REAL, .required = 1 },
	{ .name = "unit_price", .type = SMB_COL_REAL, .required = 1 },
	{ .name = "lead_time_days", .type = SMB_COL_REAL, .required = 0 },
};

/* ---- reading the dataset ------------------------------------------------ */

typedef struct loaded {
	smb_inv_row *rows;
	size_t n;
	char *skus;               /* the SKU texts, copied: the host's cell
	                             strings need not outlive the next call */
} loaded;

static void loaded_free(loaded *l)
{
	free(l->rows);
	free(l->skus);
}

static int number(const smb_host_api *api, smb_ctx *ctx, size_t row, const char *col,
                  int required, double *out)
{
	int rc = smb_plugin_cell_number(api, ctx, KIND, row, col, out);

	if (rc == SMB_PLUGIN_MISSING) {
		if (required)
			return api->fail(ctx, "inventory row %zu: %s is empty", row + 1, col);
		*out = NAN;
		return SMB_PLUGIN_OK;
	}
	if (rc != SMB_PLUGIN_OK)
		return api->fail(ctx, "inventory row %zu: %s '%.40s' is not a number", row + 1, col,
		                 api->cell(ctx, KIND, row, col));
	return SMB_PLUGIN_OK;
}

static int load(const smb_host_api *api, smb_ctx *ctx, loaded *l)
{
	size_t n = api->rows(ctx, KIND), text = 0, total;
	int rc;

	memset(l, 0, sizeof *l);
	if (!n)
		return SMB_PLUGIN_MISSING;
	for (size_t i = 0; i < n; i++) {
		const char *s = api->cell(ctx, KIND, i, "sku");
		text += (s ? strlen(s) : 0) + 1;
	}
	total = text;
	l->rows = calloc(n, sizeof *l->rows);
	l->skus = malloc(total);
	if (!l->rows || !l->skus) {
		loaded_free(l);
		return api->fail(ctx, "out of memory reading %zu inventory rows", n);
	}
	text = 0;
	for (size_t i = 0; i < n; i++) {
		smb_inv_row *r = &l->rows[i];
		const char *p = api->cell(ctx, KIND, i, "period");
		const char *s;
		size_t len;

		/* each cell string is used before the next cell() call */
		if (smb_inv_month_parse(p, &r->month)) {
			loaded_free(l);
			return api->fail(ctx, "inventory row %zu: period '%.20s' is not a month; inventory rows "
			                 "are monthly (2026-09)", i + 1, p ? p : "");
		}
		s = api->cell(ctx, KIND, i, "sku");
		len = s ? strlen(s) : 0;
		if (text + len + 1 > total) {
			loaded_free(l);
			return api->fail(ctx, "inventory rows changed while they were read (row %zu)", i + 1);
		}
		memcpy(l->skus + text, s ? s : "", len + 1);
		r->sku = l->skus + text;
		text += len + 1;
		if ((rc = number(api, ctx, i, "units_sold", 1, &r->units_sold)) ||
		    (rc = number(api, ctx, i, "on_hand", 1, &r->on_hand)) ||
		    (rc = number(api, ctx, i, "unit_cost", 1, &r->unit_cost)) ||
		    (rc = number(api, ctx, i, "unit_price", 1, &r->unit_price)) ||
		    (rc = number(api, ctx, i, "lead_time_days", 0, &r->lead_days))) {
			loaded_free(l);
			return rc;
		}
	}
	l->n = n;
	return SMB_PLUGIN_OK;
}

static int whole_setting(const smb_host_api *api, smb_ctx *ctx, const char *name, int fallback, int *out)
{
	double v = api->setting(ctx, name, fallback);

	if (!(v >= 1 && v <= 120 && v == floor(v)))
		return api->fail(ctx, "setting %s must be a whole number of months 1..120, not %g", name, v);
	*out = (int)v;
	return SMB_PLUGIN_OK;
}

/* Runs the analysis for the assessed period; SMB_PLUGIN_OK, MISSING or ERROR.
 * Every metric of one cycle reads the same rows and settings, so the first
 * analysis is kept for the cycle (keep/kept: cycles may run on several
 * threads at once, docs/design.md §6). */
typedef struct memo {
	int rc;
	smb_inv_result r;
} memo;

static int analyse_rows(const smb_host_api *api, smb_ctx *ctx, smb_inv_result *r);

static int analyse(const smb_host_api *api, smb_ctx *ctx, smb_inv_result *r)
{
	int keeps = SMB_HOST_HAS(api, keep) && SMB_HOST_HAS(api, kept);
	memo *m;
	int rc;

	if (keeps && (m = api->kept(ctx, "operations.inventory"))) {
		*r = m->r;
		return m->rc;
	}
	rc = analyse_rows(api, ctx, r);
	/* errors carry a message in ctx: only results and "missing" are kept */
	if (keeps && rc != SMB_PLUGIN_ERROR && (m = malloc(sizeof *m))) {
		m->rc = rc;
		m->r = *r;
		api->keep(ctx, "operations.inventory", m, free);   /* frees m itself on failure */
	}
	return rc;
}

static int analyse_rows(const smb_host_api *api, smb_ctx *ctx, smb_inv_result *r)
{
	smb_inv_settings s;
	loaded l;
	int first, last, rc;
	char err[256];

	smb_inv_settings_default(&s);
	if ((rc = whole_setting(api, ctx, "operations.dead_stock_months", s.dead_months, &s.dead_months)) ||
	    (rc = whole_setting(api, ctx, "operations.demand_history_months", s.history_months, &s.history_months)))
		return rc;
	s.service_level = api->setting(ctx, "operations.service_level", s.service_level);
	s.lead_days = api->setting(ctx, "operations.lead_time_days", s.lead_days);
	s.order_cost = api->setting(ctx, "operations.order_cost", s.order_cost);
	s.holding_rate = api->setting(ctx, "operations.holding_rate", s.holding_rate);
	if (smb_inv_month_of_day(api->period_first(ctx), &first) ||
	    smb_inv_month_of_day(api->period_last(ctx), &last))
		return api->fail(ctx, "the period %s does not start and end on calendar days", api->period(ctx));
	if ((rc = load(api, ctx, &l)))
		return rc;
	rc = smb_inv_analyse(l.rows, l.n, first, last, &s, r, err, sizeof err);
	loaded_free(&l);
	if (rc == SMB_INV_MISSING)
		return SMB_PLUGIN_MISSING;
	if (rc)
		return api->fail(ctx, "%s", err);
	return SMB_PLUGIN_OK;
}

static int put(const smb_host_api *api, smb_ctx *ctx, const char *field, double v)
{
	/* the host stores numbers only; undefined ratios are left out */
	return isfinite(v) ? api->model(ctx, MODEL, field, v) : SMB_PLUGIN_OK;
}

/* models.inventory: written once per assessment, by the turnover metric. */
static void write_model(const smb_host_api *api, smb_ctx *ctx, const smb_inv_result *r)
{
	put(api, ctx, "skus", (double)r->skus);
	put(api, ctx, "a_count", (double)r->count[SMB_INV_A]);
	put(api, ctx, "b_count", (double)r->count[SMB_INV_B]);
	put(api, ctx, "c_count", (double)r->count[SMB_INV_C]);
	put(api, ctx, "a_value_share", r->value_share[SMB_INV_A]);
	put(api, ctx, "b_value_share", r->value_share[SMB_INV_B]);
	put(api, ctx, "c_value_share", r->value_share[SMB_INV_C]);
	put(api, ctx, "cogs", r->cogs);
	put(api, ctx, "sales", r->sales);
	put(api, ctx, "gross_margin", r->gross_margin);
	put(api, ctx, "avg_inventory_value", r->avg_inventory);
	put(api, ctx, "end_inventory_value", r->end_inventory);
	put(api, ctx, "dead_stock_skus", (double)r->dead_skus);
	put(api, ctx, "dead_stock_value", r->dead_value);
	put(api, ctx, "service_level_z", r->z);
	put(api, ctx, "reorder_checked_skus", (double)r->risk_skus);
	put(api, ctx, "below_reorder_point", (double)r->at_risk);
	put(api, ctx, "a_below_reorder_point", (double)r->at_risk_a);
	put(api, ctx, "eoq_skus", (double)r->eoq_skus);
	put(api, ctx, "eoq_a_orders_per_year", r->eoq_orders[SMB_INV_A]);
	put(api, ctx, "eoq_b_orders_per_year", r->eoq_orders[SMB_INV_B]);
	put(api, ctx, "eoq_c_orders_per_year", r->eoq_orders[SMB_INV_C]);
	put(api, ctx, "eoq_total_orders_per_year", r->eoq_orders_total);
	put(api, ctx, "eoq_annual_cost", r->eoq_annual_cost);
	put(api, ctx, "eoq_cycle_stock_value", r->eoq_cycle_stock);
}

static int value_of(const smb_host_api *api, smb_ctx *ctx, double v, double *out)
{
	(void)api;
	(void)ctx;
	if (!isfinite(v))
		return SMB_PLUGIN_MISSING;
	*out = v;
	return SMB_PLUGIN_OK;
}

static int c_turnover(const smb_host_api *api, smb_ctx *ctx, void *ud, double *out)
{
	smb_inv_result r;
	int rc = analyse(api, ctx, &r);
	(void)ud;
	if (rc)
		return rc;
	write_model(api, ctx, &r);
	return value_of(api, ctx, r.turnover, out);
}

/* One callback for the other metrics: ud says which field. */
enum { F_DOI, F_GMROI, F_DEAD, F_STOCKOUT, F_STOCKOUT_A, F_A_SHARE };

static int c_field(const smb_host_api *api, smb_ctx *ctx, void *ud, double *out)
{
	smb_inv_result r;
	int rc = analyse(api, ctx, &r);
	double v = NAN;

	if (rc)
		return rc;
	switch (*(const int *)ud) {
	case F_DOI: v = r.days_of_inventory; break;
	case F_GMROI: v = r.gmroi; break;
	case F_DEAD: v = r.dead_pct; break;
	case F_STOCKOUT: v = r.stockout_pct; break;
	case F_STOCKOUT_A: v = r.stockout_a_pct; break;
	case F_A_SHARE: v = r.a_sku_share; break;
	}
	return value_of(api, ctx, v, out);
}

/* the ud of each metric; never written */
static int f_doi = F_DOI, f_gmroi = F_GMROI, f_dead = F_DEAD, f_stockout = F_STOCKOUT,
           f_stockout_a = F_STOCKOUT_A, f_a_share = F_A_SHARE;

/* ---- rules -------------------------------------------------------------- */

static int over(const smb_host_api *api, smb_ctx *ctx, const char *key, double limit, int *fires)
{
	double v;
	int rc = api->get(ctx, key, &v);
	if (rc)
		return rc;
	*fires = v > limit;
	return SMB_PLUGIN_OK;
}

static int w_dead(const smb_host_api *api, smb_ctx *ctx, void *ud, int *fires)
{
	(void)ud;
	return over(api, ctx, "operations.dead_stock_pct", 20, fires);
}

static int w_stockout_a(const smb_host_api *api, smb_ctx *ctx, void *ud, int *fires)
{
	(void)ud;
	return over(api, ctx, "operations.stockout_risk_a_pct", 10, fires);
}

/* ---- registration ------------------------------------------------------- */

static const char *const m_dead[] = { "operations.dead_stock_pct", "operations.inventory_turnover", NULL };
static const char *const m_stockout[] = { "operations.stockout_risk_a_pct", "operations.stockout_risk_pct", NULL };
static const char *const r_dead[] = { "OPS-clearance-sale", "OPS-abc-cycle-counting", NULL };
static const char *const r_stockout[] = { "OPS-reorder-points", "OPS-abc-cycle-counting", NULL };

static const smb_effect_def e_clearance[] = {
	{ .metric = "operations.dead_stock_pct", .delta = -12 },
	{ .metric = "operations.inventory_turnover", .delta = 0.6 },
	{ .metric = "operations.days_of_inventory", .delta = -15 },
	{ .metric = "operations.gmroi", .delta = 0.2 },
};
static const smb_effect_def e_reorder[] = {
	{ .metric = "operations.stockout_risk_pct", .delta = -10 },
	{ .metric = "operations.stockout_risk_a_pct", .delta = -15 },
};
static const smb_effect_def e_cycle[] = {
	{ .metric = "operations.stockout_risk_a_pct", .delta = -5 },
	{ .metric = "operations.dead_stock_pct", .delta = -3 },
};
static const smb_effect_def e_eoq[] = {
	{ .metric = "operations.inventory_turnover", .delta = 0.5 },
	{ .metric = "operations.days_of_inventory", .delta = -10 },
	{ .metric = "operations.gmroi", .delta = 0.3 },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* One concept, one number (docs/metrics.md): how fast stock turns and what it
 * earns are scored from the accounts (finance.dio_days, finance.gmroi),
 * because the balance sheet values all the stock while a stock file lists
 * only the SKUs someone exported. The stock file's figures stay, unscored,
 * labelled as what they are; the data-quality section compares the file's
 * stock with the balance sheet's. */

/* What the metric catalogue (smbopt metrics) says of this plugin's metrics. */
static const smb_metric_about about[] = {
	{ .key = "operations.a_class_sku_share",
	  .definition = "The share of products (SKUs) that make up 80% of the cost of goods sold.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "operations.days_of_inventory",
	  .definition = "How many days of sales at cost the stock listed in the stock file would last (only the SKUs in the file).",
	  .basis = "average stock at cost / cost of goods sold a day, SKUs in the inventory file only; unscored: finance.dio_days (accounts) is the scored one", .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "operations.dead_stock_pct",
	  .definition = "The share of stock value that has not sold a single unit for months.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "operations.gmroi",
	  .definition = "Gross margin a year per unit of stock at cost, for the SKUs in the stock file only.",
	  .basis = "gross margin a year / average stock at cost of the SKUs in the inventory file; unscored: finance.gmroi (accounts) is the scored GMROI", .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "operations.inventory_turnover",
	  .definition = "How many times a year the stock listed in the stock file sells through (only the SKUs in the file).",
	  .basis = "cost of goods sold a year / average stock at cost, SKUs in the inventory file only; unscored: the same fact as days of inventory, scored as finance.dio_days", .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "operations.stockout_risk_a_pct",
	  .definition = "The share of best-selling products (class A) below their reorder point: at risk of running out.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "operations.stockout_risk_pct",
	  .definition = "The share of selling products below their reorder point: at risk of running out.",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
};

SMB_PLUGIN_DECLARE_ABI;

int smb_plugin_init(const smb_host_api *api, smb_plugin_info *info)
{
	smb_host *h = api->host;
	const smb_kind_def kind = {
		.name = KIND,
		.description = "Monthly stock per SKU: period (month), sku, units sold in the month, units on hand at "
		"month end, unit cost, unit price, optional supplier lead time in days",
		.columns = columns, .ncolumns = NELEM(columns),
	};
	const smb_metric_def metrics[] = {
		{ .key = "operations.inventory_turnover", .label = "Stock-file turnover (turns a year at cost, SKUs in the stock file only)",
		  .unit = "turns/year", .better = +1, .rollup = "derived", .inputs = NULL, .dataset = KIND, .compute = c_turnover, .ud = NULL, .weight = 0 },
		{ .key = "operations.days_of_inventory", .label = "Stock-file days of inventory (SKUs in the stock file only)",
		  .unit = "days", .better = -1, .rollup = "derived", .inputs = NULL, .dataset = KIND, .compute = c_field, .ud = &f_doi, .weight = 0 },
		{ .key = "operations.gmroi", .label = "Stock-file GMROI (SKUs in the stock file only)", .unit = "ratio",
		  .better = +1, .rollup = "derived", .inputs = NULL, .dataset = KIND, .compute = c_field, .ud = &f_gmroi, .weight = 0 },
		{ .key = "operations.dead_stock_pct", .label = "Dead stock: stock value at cost with no sale in the last six months "
		  "(setting operations.dead_stock_months)", .unit = "%", .better = -1, .rollup = "derived", .inputs = NULL, .dataset = KIND, .compute = c_field,
		  .ud = &f_dead, .weight = 1 },
		{ .key = "operations.stockout_risk_pct", .label = "Selling SKUs below their reorder point at period end", .unit = "%",
		  .better = -1, .rollup = "derived", .inputs = NULL, .dataset = KIND, .compute = c_field, .ud = &f_stockout, .weight = 0.5 },
		{ .key = "operations.stockout_risk_a_pct", .label = "A-class SKUs below their reorder point at period end", .unit = "%",
		  .better = -1, .rollup = "derived", .inputs = NULL, .dataset = KIND, .compute = c_field, .ud = &f_stockout_a, .weight = 1 },
		/* not scored: how concentrated sales are says more about the assortment than about
		 * how well it is run; context for the ABC rules and models.inventory */
		{ .key = "operations.a_class_sku_share", .label = "Share of SKUs in class A (80% of cost of goods sold)", .unit = "%",
		  .better = +1, .rollup = "derived", .inputs = NULL, .dataset = KIND, .compute = c_field, .ud = &f_a_share, .weight = 0 },
	};
	const smb_goalposts_def gps[] = {
		{ .metric = "operations.dead_stock_pct", .industry = NULL, .worst = 30, .best = 5, .bands = NULL,
		  .source = "Rule of thumb of this plugin: stock with no sale for six months is dead stock; above about a "
		  "fifth of stock value it ties up cash a clearance would release. No published benchmark for "
		  "small retailers is known to us" },
		{ .metric = "operations.stockout_risk_pct", .industry = NULL, .worst = 30, .best = 5, .bands = NULL,
		  .source = "Rule of thumb of this plugin, from the safety-inventory method of Chopra & Meindl, Supply Chain "
		  "Management: with reorder points set for a 95% cycle service level only items with an order "
		  "already placed should sit below their reorder point" },
		{ .metric = "operations.stockout_risk_a_pct", .industry = NULL, .worst = 25, .best = 0, .bands = NULL,
		  .source = "Rule of thumb of this plugin: A items carry 80% of the cost of goods sold (ABC analysis, Silver, "
		  "Pyke & Thomas, Inventory and Production Management in Supply Chains) and should almost never "
		  "be below their reorder point" },
	};
	const smb_rule_def rules[] = {
		{ .id = "OPS-dead-stock", .area = "operations", .kind = "weakness", .severity = "medium", .metrics = m_dead, .when = w_dead, .ud = NULL,
		  .title = "Much of the stock has not sold for months",
		  .detail = "{operations.dead_stock_pct:%.1f}% of the stock value at cost has not sold a single unit in the "
		  "dead-stock window (six months unless set otherwise); stock turns "
		  "{operations.inventory_turnover:%.1f} times a year. Clearing it frees cash and shelf space.",
		  .recommend = r_dead, .industry = NULL },
		{ .id = "OPS-stockout-risk", .area = "operations", .kind = "threat", .severity = "high", .metrics = m_stockout, .when = w_stockout_a, .ud = NULL,
		  .title = "Best sellers are at risk of running out",
		  .detail = "{operations.stockout_risk_a_pct:%.0f}% of the A-class SKUs (those making 80% of the cost of goods "
		  "sold) and {operations.stockout_risk_pct:%.0f}% of all selling SKUs are below their reorder point "
		  "(demand over the lead time plus safety stock) at the end of the period.",
		  .recommend = r_stockout, .industry = NULL },
	};
	const smb_initiative_def inits[] = {
		{ .id = "OPS-clearance-sale", .area = "operations",
		  .title = "Clear dead stock: markdown sale, supplier returns where terms allow, donate the remainder",
		  .cost = 1500, .hours = 40, .months = 2, .confidence = 0.7, .effects = e_clearance, .neffects = NELEM(e_clearance), .requires = NULL, .excludes = NULL },
		{ .id = "OPS-reorder-points", .area = "operations",
		  .title = "Reorder points and safety stock for every selling SKU from its sales history, set in the "
		  "till or stock system and reviewed monthly",
		  .cost = 800, .hours = 30, .months = 2, .confidence = 0.7, .effects = e_reorder, .neffects = NELEM(e_reorder), .requires = NULL, .excludes = NULL },
		{ .id = "OPS-abc-cycle-counting", .area = "operations",
		  .title = "ABC cycle counting: count A items monthly, B quarterly, C yearly; fix record errors at the source",
		  .cost = 500, .hours = 50, .months = 3, .confidence = 0.65, .effects = e_cycle, .neffects = NELEM(e_cycle), .requires = NULL, .excludes = NULL },
		{ .id = "OPS-eoq-ordering", .area = "operations",
		  .title = "Order A and B items in economic order quantities and consolidate orders per supplier",
		  .cost = 300, .hours = 20, .months = 2, .confidence = 0.6, .effects = e_eoq, .neffects = NELEM(e_eoq), .requires = NULL, .excludes = NULL },
	};
	/* name, description, min, max, min open, max open, whole */
	static const smb_setting_def settings[] = {
		{ .name = "operations.dead_stock_months", .description = "months without a sale that make stock dead", .min = 1, .max = 120, .min_open = 0, .max_open = 0, .integer = 1 },
		{ .name = "operations.demand_history_months", .description = "months of sales the demand forecast reads", .min = 1, .max = 120, .min_open = 0, .max_open = 0, .integer = 1 },
		{ .name = "operations.service_level", .description = "chance of not running out within a lead time", .min = 0, .max = 1, .min_open = 1, .max_open = 1, .integer = 0 },
		{ .name = "operations.lead_time_days", .description = "supplier lead time, days", .min = 0, .max = 3650, .min_open = 0, .max_open = 0, .integer = 0 },
		{ .name = "operations.order_cost", .description = "cost of placing one order", .min = 0, .max = 1e15, .min_open = 0, .max_open = 0, .integer = 0 },
		{ .name = "operations.holding_rate", .description = "holding cost, share of stock value a year", .min = 0, .max = 10, .min_open = 0, .max_open = 0, .integer = 0 },
	};
	int rc;

	info->abi_version = SMB_PLUGIN_ABI_VERSION;
	info->name = "operations";
	info->version = "1.1";
	info->areas = "operations";
	info->industry = NULL;
	info->description = "Inventory dataset: turnover, days of inventory, GMROI, ABC classes, dead stock, "
	                    "stockout risk against reorder points, economic order quantities";
	/* ABI 1's first table; fields added since are checked where used */
	if (api->abi_version < 1 || api->struct_size < offsetof(smb_host_api, fail) + sizeof api->fail)
		return SMB_PLUGIN_ERROR;
	if ((rc = api->add_kind(h, &kind)))
		return rc;
	for (size_t i = 0; i < NELEM(metrics); i++)
		if ((rc = api->add_metric(h, &metrics[i])))
			return rc;
	for (size_t i = 0; i < NELEM(gps); i++)
		if ((rc = api->add_goalposts(h, &gps[i])))
			return rc;
	for (size_t i = 0; i < NELEM(rules); i++)
		if ((rc = api->add_rule(h, &rules[i])))
			return rc;
	for (size_t i = 0; i < NELEM(inits); i++)
		if ((rc = api->add_initiative(h, &inits[i])))
			return rc;
	/* Where each applies (README "Applicability"); an older host skips this. */
	static const struct { const char *id; const char *needs[3]; } where[] = {
		{ "OPS-clearance-sale", { "stock", "goods", NULL } },
		{ "OPS-reorder-points", { "stock", NULL } },
		{ "OPS-abc-cycle-counting", { "stock", NULL } },
		{ "OPS-eoq-ordering", { "stock", NULL } },
	};
	for (size_t i = 0; SMB_HOST_HAS(api, add_applies) && i < sizeof where / sizeof where[0]; i++) {
		const smb_applies_def d = { .id = where[i].id, .industries = NULL, .needs = where[i].needs };
		if (api->add_applies(api->host, &d) != SMB_PLUGIN_OK)
			return SMB_PLUGIN_ERROR;
	}
	if (smb_plugin_describe(api, about, sizeof about / sizeof about[0]) != SMB_PLUGIN_OK)
		return SMB_PLUGIN_ERROR;
	/* The settings it reads, so that `assess --set` checks them. */
	for (size_t i = 0; SMB_HOST_HAS(api, add_setting) && i < NELEM(settings); i++)
		if ((rc = api->add_setting(h, &settings[i])))
			return rc;
	return SMB_PLUGIN_OK;
}
