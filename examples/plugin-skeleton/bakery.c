/* examples/plugin-skeleton/bakery.c — a minimal out-of-tree industry plugin:
 * bakery benchmarks, one industry metric (unsold share of the bake) over two
 * new inputs of the metrics CSV, one rule and one initiative. Copy it, rename
 * it, and replace the numbers and sources with ones you can cite. */
#include <stddef.h>

#include "smbopt/plugin.h"

#define IND "bakery"

/* Unsold share: the host calls this only when both inputs have values for
 * the period; a zero bake leaves the metric undefined rather than infinite. */
static int unsold_pct(const smb_host_api *api, smb_ctx *c, void *ud, double *out)
{
	double baked, unsold;

	(void)ud;
	if (api->get(c, "operations.baked_units", &baked) || api->get(c, "operations.unsold_units", &unsold))
		return SMB_PLUGIN_MISSING;
	if (baked <= 0 || unsold < 0)
		return SMB_PLUGIN_MISSING;
	*out = 100 * unsold / baked;
	return SMB_PLUGIN_OK;
}

static int too_much_unsold(const smb_host_api *api, smb_ctx *c, void *ud, int *fires)
{
	double v;

	(void)ud;
	if (api->get(c, "operations.unsold_pct", &v))
		return SMB_PLUGIN_MISSING;
	*fires = v > 10;
	return SMB_PLUGIN_OK;
}

static const char *const unsold_in[] = { "operations.baked_units", "operations.unsold_units", NULL };
static const char *const rule_metrics[] = { "operations.unsold_pct", NULL };
static const char *const rule_recommend[] = { "BAK-bake-to-sales", NULL };

static const smb_metric_def metrics[] = {
	/* new inputs: keys no default playbook declares */
	{ .key = "operations.baked_units", .label = "Units baked", .unit = "count", .better = 1, .rollup = "sum", .inputs = NULL, .dataset = NULL, .compute = NULL, .ud = NULL, .weight = 0 },
	{ .key = "operations.unsold_units", .label = "Units left unsold at closing", .unit = "count", .better = -1, .rollup = "sum", .inputs = NULL, .dataset = NULL, .compute = NULL, .ud = NULL, .weight = 0 },
	{ .key = "operations.unsold_pct", .label = "Unsold share of the bake", .unit = "%", .better = -1, .rollup = "derived", .inputs = unsold_in, .dataset = NULL, .compute = unsold_pct, .ud = NULL, .weight = 1 },
};

static const smb_goalposts_def goalposts[] = {
	{ .metric = "operations.unsold_pct", .industry = IND, .worst = 15, .best = 3, .bands = NULL,
	  .source = "Rule of thumb of this example plugin: replace with a benchmark you can cite for your bakeries" },
	/* a default-playbook metric: bakeries sell their own produce, so the
	 * cost of ingredients is a small share of the price */
	{ .metric = "finance.gross_margin_pct", .industry = IND, .worst = 40, .best = 70, .bands = NULL,
	  .source = "Rule of thumb of this example plugin: ingredients about a third of the selling price or less" },
};

static const smb_effect_def bake_fx[] = { { .metric = "operations.unsold_pct", .delta = -4 } };

SMB_PLUGIN_DECLARE_ABI;

int smb_plugin_init(const smb_host_api *api, smb_plugin_info *info)
{
	const smb_rule_def rule = {
		.id = "BAK-0010", .area = "operations", .kind = "weakness", .severity = "medium", .metrics = rule_metrics, .when = too_much_unsold, .ud = NULL,
		.title = "Too much of the bake goes unsold",
		.detail = "{operations.unsold_pct:%.1f}% of what is baked is left at closing.", .recommend = rule_recommend, .industry = IND,
	};
	const smb_initiative_def initiative = {
		.id = "BAK-bake-to-sales", .area = "operations", .title = "Bake to the sales of the same weekday last month, bake again at noon",
		.cost = 0, .hours = 10, .months = 1, .confidence = 0.7, .effects = bake_fx, .neffects = 1, .requires = NULL, .excludes = NULL,
	};

	info->abi_version = SMB_PLUGIN_ABI_VERSION;
	info->name = "bakery";
	info->version = "0.1";
	info->areas = "operations";
	info->industry = IND;
	info->description = "Example out-of-tree industry plugin for bakeries";
	for (size_t i = 0; i < sizeof metrics / sizeof metrics[0]; i++)
		if (api->add_metric(api->host, &metrics[i]))
			return SMB_PLUGIN_ERROR;
	for (size_t i = 0; i < sizeof goalposts / sizeof goalposts[0]; i++)
		if (api->add_goalposts(api->host, &goalposts[i]))
			return SMB_PLUGIN_ERROR;
	if (api->add_rule(api->host, &rule) || api->add_initiative(api->host, &initiative))
		return SMB_PLUGIN_ERROR;
	return SMB_PLUGIN_OK;
}
