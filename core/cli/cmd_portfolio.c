/* core/cli/cmd_portfolio.c — smbopt merge and smbopt portfolio: the client
 * book as a whole (assess --all is in cmd_assess.c). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "merge.h"
#include "portfolio.h"

int cmd_merge(cli_ctx *c, const cli_args *a)
{
	smb_merge_count count[CLI_MAX_POS];
	smb_store *s;
	int rc;

	if ((rc = smb_store_open(a->pos[0], SMB_OPEN_EXISTING, &s, &c->err)))
		return rc;
	if ((rc = smb_merge(s, a->pos + 1, a->npos - 1, count, &c->err)) == SMB_OK)
		for (size_t i = 1; i < a->npos; i++)
			smb_buf_printf(&c->out, "%s: %zu assessment%s merged, %zu already there\n", a->pos[i],
			               count[i - 1].added, count[i - 1].added == 1 ? "" : "s", count[i - 1].present);
	smb_store_close(s);
	return rc;
}

int cmd_portfolio(cli_ctx *c, const cli_args *a)
{
	const char *fmt, *period = cli_get(a, "period");
	smb_store *s;
	int rc;

	if ((rc = cli_format(c, "text json md", &fmt)))
		return rc;
	if (!period)
		return smb_err_set(&c->err, SMB_EUSAGE, "portfolio needs --period P (e.g. 2026-Q3)");
	if ((rc = cli_open(c, &s)))
		return rc;
	rc = smb_portfolio_render(s, period, cli_get(a, "industry"), fmt, &c->out, &c->err);
	smb_store_close(s);
	return rc;
}
