/* core/cli.c — helpers shared by the command functions: option lookup,
 * format checks, opening the workspace. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "number.h"

const char *cli_get(const cli_args *a, const char *name)
{
	for (size_t i = a->nopt; i-- > 0;)
		if (strcmp(a->opt[i].name, name) == 0)
			return a->opt[i].value;
	return NULL;
}

size_t cli_all(const cli_args *a, const char *name, const char **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < a->nopt; i++)
		if (strcmp(a->opt[i].name, name) == 0 && n < max)
			out[n++] = a->opt[i].value;
	return n;
}

int cli_format(cli_ctx *c, const char *allowed, const char **fmt)
{
	const char *f = c->format ? c->format : "text";
	size_t len = strlen(f);
	const char *p = allowed;

	while ((p = strstr(p, f)) != NULL) {
		if ((p == allowed || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\0')) {
			*fmt = f;
			return SMB_OK;
		}
		p += len;
	}
	return smb_err_set(&c->err, SMB_EUSAGE, "--format %s: this command writes %s", f, allowed);
}

int cli_number(cli_ctx *c, const cli_args *a, const char *name, double *v, int *given)
{
	const char *s = cli_get(a, name);
	char why[256];
	size_t at;

	if (given)
		*given = s != NULL;
	if (!s)
		return SMB_OK;
	if (smb_number_parse(s, 0, v, &at, why, sizeof why))
		return smb_err_set(&c->err, SMB_EUSAGE, "--%s '%s': %s", name, s, why);
	return SMB_OK;
}

int cli_open(cli_ctx *c, smb_store **s)
{
	return smb_store_open(smb_store_default_path(c->db), SMB_OPEN_EXISTING, s, &c->err);
}

void cli_flush(cli_ctx *c)
{
	if (c->out.len)
		fwrite(c->out.data, 1, c->out.len, stdout);
	fflush(stdout);
	smb_buf_reset(&c->out);
}

/* Until the registry loads plugins, the core kinds are all there is. */
int cli_kinds(cli_ctx *c, const cli_args *a, smb_kindset *ks, smb_answer_fn *fn, void **ud)
{
	(void)a;
	*fn = NULL;
	*ud = NULL;
	return smb_kindset_init(ks, &c->err);
}

void cli_kinds_free(cli_ctx *c, smb_kindset *ks, void *ud)
{
	(void)c;
	(void)ud;
	smb_kindset_free(ks);
}
