/* core/engine/load.c — filling a registry: the plugins, then the playbooks,
 * then the checks that need everything loaded. The loaders call into the
 * registry; the registry does not call the loaders (docs/design.md §1). */
#include "registry.h"

#include "playbook.h"
#include "plugin.h"

int smb_registry_load(smb_registry *r, const smb_load_opts *o, smb_err *e)
{
	int rc;

	if ((rc = smb_plugins_load(r, o, e)))
		return rc;
	if ((rc = smb_playbooks_load(r, o, e)))
		return rc;
	return smb_registry_finish(r, e);
}
