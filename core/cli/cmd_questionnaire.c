/* core/cli/cmd_questionnaire.c — smbopt questionnaire. */
#include "cli.h"
#include "client.h"
#include "kind.h"
#include "questionnaire.h"

int cmd_questionnaire(cli_ctx *c, const cli_args *a)
{
	const char *area = cli_get(a, "area"), *fmt;
	smb_registry r;
	smb_client cl;
	smb_store *s;
	int rc;

	if (!c->format)
		c->format = "csv";
	if ((rc = cli_format(c, "csv md", &fmt)))
		return rc;
	if (area && smb_area_index(area) < 0)
		return smb_err_set(&c->err, SMB_EUSAGE, "--area must be operations, marketing, finance, customer or technology");
	if ((rc = cli_open_read(c, &s)))
		return rc;
	rc = smb_client_get(s, a->pos[0], &cl, &c->err);
	smb_store_close(s);
	if (rc)
		return rc;
	if ((rc = cli_registry(c, a, &r)) == SMB_OK) {
		if (smb_questionnaire(&r, cl.industry, area, fmt, &c->out) == 0)
			rc = smb_err_set(&c->err, SMB_EDATA, "no loaded playbook asks a question%s%s of a %s business",
			                 area ? " about " : "", area ? area : "", cl.industry);
		smb_registry_free(&r);
	}
	smb_client_free(&cl);
	return rc;
}
