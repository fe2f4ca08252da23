/* core/cli/cmd_customers.c — smbopt customers: the per-customer CLV table. */
#include <stdio.h>

#include "clv.h"
#include "cli.h"
#include "client.h"
#include "customers.h"

int cmd_customers(cli_ctx *c, const cli_args *a)
{
	char note[1024] = "";
	smb_customers_opts o = { a->pos[0], cli_get(a, "period"), 0.01, 12, note, sizeof note };
	smb_registry r;
	smb_store *s;
	const char *fmt;
	double months = 12;
	int rc, given;

	if (!c->format)
		c->format = "csv";
	if ((rc = cli_format(c, "csv json", &fmt)))
		return rc;
	if (!o.period)
		return smb_err_set(&c->err, SMB_EUSAGE, "customers needs --period P");
	if ((rc = cli_number(c, a, "discount", &o.monthly_discount, &given)) ||
	    (rc = cli_number(c, a, "months", &months, &given)))
		return rc;
	if (!(o.monthly_discount >= 0 && o.monthly_discount < 1) || !(months >= 1 && months <= SMB_CLV_MAX_MONTHS))
		return smb_err_set(&c->err, SMB_EUSAGE, "--discount is a monthly rate in [0,1); --months from 1 to %d",
		                   SMB_CLV_MAX_MONTHS);
	o.months = (int)months;
	if ((rc = cli_registry(c, a, &r)))
		return rc;
	if ((rc = cli_open_read(c, &s)) == SMB_OK) {
		smb_client_check(s, o.client, &rc, &c->err);
		if (rc == SMB_OK)
			rc = smb_customers_report(s, &r, &o, fmt, &c->out, &c->err);
		if (rc == SMB_OK && note[0])
			fprintf(stderr, "smbopt: note: %s\n", note);
		smb_store_close(s);
	}
	smb_registry_free(&r);
	return rc;
}
