/* tests/plugins/ctor.c — a plugin with a constructor: it writes the file
 * named by $SMB_CTOR_MARK the moment it is mapped, before any init. The
 * loader's checks of the file and its directories must come before dlopen,
 * so a refused copy leaves no mark. It declares no smb_plugin_abi, as
 * plugins built before that symbol did: it loads as ABI 1. */
#include <stdio.h>
#include <stdlib.h>

#include "smbopt/plugin.h"

__attribute__((constructor)) static void mark(void)
{
	const char *path = getenv("SMB_CTOR_MARK");
	FILE *f = path ? fopen(path, "w") : NULL;

	if (f)
		fclose(f);
}

int smb_plugin_init(const smb_host_api *api, smb_plugin_info *info)
{
	(void)api;
	info->abi_version = SMB_PLUGIN_ABI_VERSION;
	info->name = "ctor";
	info->version = "1";
	info->areas = "";
	info->description = "test plugin with a constructor";
	return SMB_PLUGIN_OK;
}
