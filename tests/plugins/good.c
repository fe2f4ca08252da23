/* tests/plugins/good.c — a well-formed plugin: one dataset kind, one
 * metric over it, goalposts for two industries, a rule and an initiative. */
#include <stdlib.h>

#include "smbopt/plugin.h"

/* test.visits_per_day: the sum of the visits column over the rows up to the
 * period's end, divided by the days of the period. */
static int visits_per_day(const smb_host_api *api, smb_ctx *c, void *ud, double *out)
{
	size_t n = api->rows(c, "visits");
	double sum = 0;

	(void)ud;
	if (n == 0)
		return SMB_PLUGIN_MISSING;
	for (size_t i = 0; i < n; i++)
		sum += atof(api->cell(c, "visits", i, "visits"));
	*out = sum / api->setting(c, "test.days", 92);
	return api->model(c, "visits", "rows", (double)n);
}

static int many(const smb_host_api *api, smb_ctx *c, void *ud, int *fires)
{
	double v;

	(void)ud;
	if (api->get(c, "marketing.visits_per_day", &v) != SMB_PLUGIN_OK)
		return SMB_PLUGIN_MISSING;
	*fires = v > 10;
	return SMB_PLUGIN_OK;
}

int smb_plugin_init(const smb_host_api *api, smb_plugin_info *info)
{
	static const smb_column_def cols[] = { { "date", SMB_COL_DATE, 1 }, { "visits", SMB_COL_INTEGER, 1 } };
	static const smb_kind_def kind = { "visits", "daily visits", cols, 2 };
	static const smb_metric_def metric = { "marketing.visits_per_day", "Visits per day", "visits", 1, "derived",
	                                       NULL, "visits", visits_per_day, NULL, 1 };
	static const smb_goalposts_def gp = { "marketing.visits_per_day", NULL, 0, 20, NULL, "test default" };
	static const smb_goalposts_def gp_shop = { "marketing.visits_per_day", "retail", 0, 40, NULL, "test retail" };
	static const char *const rule_metrics[] = { "marketing.visits_per_day", NULL };
	static const smb_rule_def rule = { "TEST-many", "marketing", "strength", "low", rule_metrics, many, NULL,
	                                   "Many visits", "{marketing.visits_per_day:%.1f} a day", NULL, NULL };

	info->abi_version = SMB_PLUGIN_ABI_VERSION;
	info->name = "good";
	info->version = "1.2.3";
	info->areas = "marketing";
	info->description = "test plugin";
	if (api->add_kind(api->host, &kind) || api->add_metric(api->host, &metric) ||
	    api->add_goalposts(api->host, &gp) || api->add_goalposts(api->host, &gp_shop) ||
	    api->add_rule(api->host, &rule))
		return SMB_PLUGIN_ERROR;
	return SMB_PLUGIN_OK;
}
