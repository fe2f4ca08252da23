/* core/engine/plugin.h — the plugin loader: dlopen of shared objects found on the
 * plugin search path, each initialised against the host API table. */
#ifndef SMB_PLUGIN_LOADER_H
#define SMB_PLUGIN_LOADER_H

#include "registry.h"

/* Searches --plugins dirs, then $SMBOPT_PLUGIN_PATH, then the bundled or
 * installed directory. A refused plugin is recorded in r->problems with
 * its file and reason; the others load. */
int smb_plugins_load(smb_registry *r, const smb_load_opts *o, smb_err *e);
/* Loads one file; SMB_ECONFIG with the reason when it is refused. */
int smb_plugin_load_file(smb_registry *r, const char *path, smb_err *e);
void smb_plugins_unload(smb_registry *r);
/* The table handed to compute and when callbacks. */
const smb_host_api *smb_host_api_table(void);

#endif
