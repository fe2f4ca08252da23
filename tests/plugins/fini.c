/* tests/plugins/fini.c — a plugin with an unload hook. init and
 * smb_plugin_fini each append a line ("init a", "fini a") to the file named
 * by $SMB_FINI_MARK, so a test sees that fini runs, once, after init and
 * before the host lets the plugin go. Built twice under one plugin name:
 * FINI_COPY tells the copies apart, and the second is refused after its
 * init succeeded (the name is taken), which must still run its fini. */
#include <stdio.h>
#include <stdlib.h>

#include "smbopt/plugin.h"

#ifndef FINI_COPY
#define FINI_COPY "a"
#endif

static void mark(const char *what)
{
	const char *path = getenv("SMB_FINI_MARK");
	FILE *f = path ? fopen(path, "a") : NULL;

	if (f) {
		fprintf(f, "%s %s\n", what, FINI_COPY);
		fclose(f);
	}
}

void smb_plugin_fini(void)
{
	mark("fini");
}

SMB_PLUGIN_DECLARE_ABI;

int smb_plugin_init(const smb_host_api *api, smb_plugin_info *info)
{
	(void)api;
	mark("init");
	info->abi_version = SMB_PLUGIN_ABI_VERSION;
	info->name = "fini";
	info->version = "1";
	info->areas = "";
	info->description = "test plugin with an unload hook";
	return SMB_PLUGIN_OK;
}
