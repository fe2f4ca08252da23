/* tests/plugins/nosource.c — goalposts without a source are refused. */
#include "smbopt/plugin.h"

SMB_PLUGIN_DECLARE_ABI;

int smb_plugin_init(const smb_host_api *api, smb_plugin_info *info)
{
	static const smb_goalposts_def gp = { .metric = "finance.revenue", .industry = NULL, .worst = 0, .best = 1, .bands = NULL, .source = NULL };

	info->abi_version = SMB_PLUGIN_ABI_VERSION;
	info->name = "nosource";
	info->version = "0.1";
	api->add_goalposts(api->host, &gp);
	return SMB_PLUGIN_OK;
}
