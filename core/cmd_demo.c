/* core/cmd_demo.c — smbopt demo: a fresh workspace built from the bundled
 * example client, then what it holds. It writes only its own file. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "client.h"
#include "import.h"
#include "observation.h"
#include "paths.h"

#define DEMO_DB "smbopt-demo.db"
#define DEMO_CLIENT "harbour-books"

static int fresh_workspace(cli_ctx *c, const char *path, int named, smb_store **s)
{
	struct stat sb;
	char side[PATH_MAX + 8];

	if (stat(path, &sb) == 0) {
		/* Never overwrite a workspace the user named: it may be real. */
		if (named)
			return smb_err_set(&c->err, SMB_EUSAGE, "%s exists; demo writes a new workspace, name another file", path);
		if (unlink(path) != 0)
			return smb_err_set(&c->err, SMB_ECANTCREAT, "%s: %s", path, strerror(errno));
	}
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	return smb_store_open(path, SMB_OPEN_CREATE, s, &c->err);
}

static int summarise(cli_ctx *c, smb_store *s)
{
	smb_observation *v;
	size_t n, metrics = 0;
	int rc;

	if ((rc = smb_observations_list(s, DEMO_CLIENT, NULL, &v, &n, &c->err)))
		return rc;
	for (size_t i = 0; i < n; i++)
		if (i == 0 || strcmp(v[i].metric, v[i - 1].metric) != 0)
			metrics++;
	smb_buf_printf(&c->out, "%zu observations of %zu metrics, %s to %s\n\n", n, metrics,
	               n ? v[0].period : "-", n ? v[n - 1].period : "-");
	smb_buf_printf(&c->out, "%-40s %10s %12s %12s\n", "metric", "months", "first", "last");
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i; j < n && strcmp(v[j].metric, v[i].metric) == 0; j++)
			;
		smb_buf_printf(&c->out, "%-40s %10zu %12.2f %12.2f\n", v[i].metric, j - i, v[i].value, v[j - 1].value);
	}
	smb_observations_free(v, n);
	return SMB_OK;
}

int cmd_demo(cli_ctx *c, const cli_args *a)
{
	smb_client cl = { .id = DEMO_CLIENT, .name = "Harbour Books & Coffee", .industry = "retail",
	                  .employees = 13, .currency = "EUR" };
	smb_import_opts o = { 0 };
	smb_import_report r;
	smb_kindset ks;
	smb_paths paths;
	smb_store *s;
	char file[PATH_MAX + 32];
	const char *path = c->db ? c->db : DEMO_DB;
	int rc;

	smb_paths_get(&paths);
	if ((rc = cli_kinds(c, a, &ks, &o.answer, &o.answer_ud)))
		return rc;
	if ((rc = fresh_workspace(c, path, c->db != NULL, &s)))
		goto out_kinds;
	if ((rc = smb_client_add(s, &cl, &c->err)))
		goto out;
	snprintf(file, sizeof file, "%s/demo/metrics.csv", paths.examples);
	o.client_id = DEMO_CLIENT;
	o.path = file;
	o.kinds = &ks;
	if ((rc = smb_import(s, &o, &r, &c->err)) == SMB_OK)
		smb_buf_printf(&c->out, "demo workspace %s\nclient %s: %s (%s, %lld employees, %s)\n"
		               "imported %s: %lld rows, %lld values\n\n",
		               path, cl.id, cl.name, cl.industry, cl.employees, cl.currency, file, r.accepted, r.values);
	else if (r.errors.len)
		fputs(smb_buf_str(&r.errors), stderr);
	smb_import_report_free(&r);
	if (rc == SMB_OK)
		rc = summarise(c, s);
out:
	smb_store_close(s);
out_kinds:
	cli_kinds_free(c, &ks, o.answer_ud);
	return rc;
}
