/* tests/plugins/ahead.c — declares (smb_plugin_abi) an ABI newer than the
 * host's. The loader reads the declaration before init, so it must refuse
 * the plugin without calling init: init would write the file named by
 * $SMB_INIT_MARK, and a refused plugin leaves no mark. */
#include <stdio.h>
#include <stdlib.h>

#include "smbopt/plugin.h"

const uint32_t smb_plugin_abi = SMB_PLUGIN_ABI_VERSION + 1;

int smb_plugin_init(const smb_host_api *api, smb_plugin_info *info)
{
	const char *path = getenv("SMB_INIT_MARK");
	FILE *f = path ? fopen(path, "w") : NULL;

	(void)api;
	if (f)
		fclose(f);
	info->abi_version = SMB_PLUGIN_ABI_VERSION + 1;
	info->name = "ahead";
	info->version = "2.0";
	return SMB_PLUGIN_OK;
}
