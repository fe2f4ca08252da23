/* tests/plugins/newer.c — claims an ABI newer than any host has. */
#include "smbopt/plugin.h"

int smb_plugin_init(const smb_host_api *api, smb_plugin_info *info)
{
	(void)api;
	info->abi_version = SMB_PLUGIN_ABI_VERSION + 41;
	info->name = "newer";
	info->version = "9.0";
	return SMB_PLUGIN_OK;
}
