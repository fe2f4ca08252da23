/* tests/plugins/failing.c — registers a metric, then fails its init: the
 * host must keep nothing of it. */
#include "smbopt/plugin.h"

static int one(const smb_host_api *api, smb_ctx *c, void *ud, double *out)
{
	(void)api, (void)c, (void)ud;
	*out = 1;
	return SMB_PLUGIN_OK;
}

SMB_PLUGIN_DECLARE_ABI;

int smb_plugin_init(const smb_host_api *api, smb_plugin_info *info)
{
	static const smb_metric_def m = { .key = "finance.ghost", .label = "Ghost", .unit = "", .better = 1, .rollup = "derived", .inputs = NULL, .dataset = NULL, .compute = one, .ud = NULL, .weight = 1 };

	info->abi_version = SMB_PLUGIN_ABI_VERSION;
	info->name = "failing";
	info->version = "0.1";
	api->add_metric(api->host, &m);
	return SMB_PLUGIN_ERROR;
}
