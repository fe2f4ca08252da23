/* tests/plugins/nosource.c — goalposts without a source are refused. */
#include "smbopt/plugin.h"

SMB_PLUGIN_DECLARE_ABI;

int smb_plugin_init(const smb_host_api *api, smb_plugin_info *info)
{
	static const smb_goalposts_def gp = { "finance.revenue", NULL, 0, 1, NULL, NULL };

	info->abi_version = SMB_PLUGIN_ABI_VERSION;
	info->name = "nosource";
	info->version = "0.1";
	api->add_goalposts(api->host, &gp);
	return SMB_PLUGIN_OK;
}
