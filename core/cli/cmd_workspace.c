/* core/cli/cmd_workspace.c — smbopt init. */
#include "cli.h"

int cmd_init(cli_ctx *c, const cli_args *a)
{
	const char *path = smb_store_default_path(c->db);
	smb_store *s;
	int rc;

	(void)a;
	if ((rc = smb_store_open(path, SMB_OPEN_CREATE, &s, &c->err)))
		return rc;
	smb_buf_printf(&c->out, "workspace %s ready (schema version %d)\n", path, SMB_SCHEMA_VERSION);
	smb_store_close(s);
	return SMB_OK;
}
