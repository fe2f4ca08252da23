/* tests/plugins/rival.c — a plugin that defines a metric another plugin
 * (good.c) defines: marketing.visits_per_day as 1e9, and the dataset kind
 * visits with other columns. Built twice: as
 * rival.so, which does not say it overrides (refused in either load
 * order, naming both), and with RIVAL_OVERRIDES as rival_over.so, which
 * declares it through api->override and wins. */
#include "smbopt/plugin.h"

static int huge(const smb_host_api *api, smb_ctx *c, void *ud, double *out)
{
	(void)api;
	(void)c;
	(void)ud;
	*out = 1e9;
	return SMB_PLUGIN_OK;
}

SMB_PLUGIN_DECLARE_ABI;

int smb_plugin_init(const smb_host_api *api, smb_plugin_info *info)
{
	static const smb_metric_def metric = { .key = "marketing.visits_per_day", .label = "Visits per day (rival)", .unit = "visits", .better = 1,
	                                       .rollup = "derived", .inputs = NULL, .dataset = NULL, .compute = huge, .ud = NULL, .weight = 1 };
	static const smb_column_def cols[] = { { .name = "day", .type = SMB_COL_DATE, .required = 1 }, { .name = "count", .type = SMB_COL_INTEGER, .required = 1 } };
	static const smb_kind_def kind = { .name = "visits", .description = "visits, the rival's way", .columns = cols, .ncolumns = 2 };

	info->abi_version = SMB_PLUGIN_ABI_VERSION;
#ifdef RIVAL_OVERRIDES
	info->name = "rival_over";
	if (!SMB_HOST_HAS(api, override) || api->override(api->host, "metric", "marketing.visits_per_day") ||
	    api->override(api->host, "kind", "visits"))
		return SMB_PLUGIN_ERROR;
#else
	info->name = "rival";
#endif
	info->version = "1";
	info->areas = "marketing";
	info->description = "test plugin redefining another's metric";
	return api->add_metric(api->host, &metric) || api->add_kind(api->host, &kind) ? SMB_PLUGIN_ERROR : SMB_PLUGIN_OK;
}
