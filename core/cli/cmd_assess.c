/* core/cli/cmd_assess.c — smbopt assess, assessments, show. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "client.h"
#include "cycle.h"
#include "number.h"
#include "render.h"
#include "table.h"

/* --set NAME=VALUE, repeatable: numeric settings plugins read. */
static int parse_settings(cli_ctx *c, const cli_args *a, smb_setting *out, char names[][64], size_t *n)
{
	const char *v[32];
	size_t k = cli_all(a, "set", v, 32);
	char why[128];
	size_t at;

	*n = 0;
	for (size_t i = 0; i < k; i++) {
		const char *eq = strchr(v[i], '=');
		if (!eq || eq == v[i] || (size_t)(eq - v[i]) >= 64)
			return smb_err_set(&c->err, SMB_EUSAGE, "--set '%s': use NAME=NUMBER", v[i]);
		snprintf(names[i], 64, "%.*s", (int)(eq - v[i]), v[i]);
		out[i].name = names[i];
		if (smb_number_parse(eq + 1, 0, &out[i].value, &at, why, sizeof why))
			return smb_err_set(&c->err, SMB_EUSAGE, "--set %s: %s", v[i], why);
		(*n)++;
	}
	return SMB_OK;
}

int cmd_assess(cli_ctx *c, const cli_args *a)
{
	smb_cycle_opts o = { 0 };
	smb_setting settings[32];
	char names[32][64];
	smb_registry reg;
	smb_assessment *as = NULL;
	smb_store *s;
	const char *fmt;
	double cov = 0;
	int rc, given;

	if ((rc = cli_format(c, "text json md", &fmt)))
		return rc;
	o.client = a->pos[0];
	o.period = cli_get(a, "period");
	if (!o.period)
		return smb_err_set(&c->err, SMB_EUSAGE, "assess needs --period P (e.g. 2026-Q3)");
	if (smb_aggregate_parse(cli_get(a, "aggregate"), &o.aggregate))
		return smb_err_set(&c->err, SMB_EUSAGE, "--aggregate must be arithmetic, geometric or weakest-link");
	if ((rc = cli_number(c, a, "coverage", &cov, &given)))
		return rc;
	if (given && !(cov > 0 && cov <= 1))
		return smb_err_set(&c->err, SMB_EUSAGE, "--coverage must be in (0, 1]");
	o.coverage = cov;
	o.industry = cli_get(a, "industry");
	if ((rc = parse_settings(c, a, settings, names, &o.nsettings)))
		return rc;
	o.settings = settings;
	if ((rc = cli_registry(c, a, &reg)))
		return rc;
	if ((rc = cli_open(c, &s)) == SMB_OK) {
		rc = smb_assess(s, &reg, &o, &as, &c->err);
		if (as && smb_render_assessment(as, fmt, &c->out))
			rc = smb_err_set(&c->err, SMB_ESOFTWARE, "out of memory");
		smb_assessment_free(as);
		smb_store_close(s);
	}
	smb_registry_free(&reg);
	return rc;
}

int cmd_assessments(cli_ctx *c, const cli_args *a)
{
	static const char *const cols[] = { "id#", "period", "created", "overall#", "level", "partial", "fingerprint" };
	smb_assessment **v;
	const char *fmt;
	smb_store *s;
	smb_table t;
	size_t n;
	int rc;

	if ((rc = cli_format(c, "text json", &fmt)) || (rc = cli_open(c, &s)))
		return rc;
	if ((rc = smb_assessment_list(s, a->pos[0], &v, &n, &c->err)) == SMB_OK) {
		if (n == 0)
			smb_client_check(s, a->pos[0], &rc, &c->err);
		smb_table_init(&t, 7, cols);
		smb_table_json(&t, "assessments", 1);
		for (size_t i = 0; rc == SMB_OK && i < n; i++) {
			smb_table_integer(&t, v[i]->id);
			smb_table_text(&t, v[i]->period);
			smb_table_text(&t, v[i]->created);
			smb_table_number(&t, v[i]->overall, "%.1f");
			smb_table_text(&t, v[i]->level);
			smb_table_bool(&t, v[i]->partial, "yes", "no");
			smb_table_text(&t, v[i]->fingerprint);
		}
		if (rc == SMB_OK && smb_table_render(&t, fmt, &c->out))
			rc = smb_err_set(&c->err, SMB_ESOFTWARE, "out of memory");
		smb_table_free(&t);
		smb_assessment_list_free(v, n);
	}
	smb_store_close(s);
	return rc;
}

int cmd_show(cli_ctx *c, const cli_args *a)
{
	smb_assessment *as;
	const char *fmt;
	smb_store *s;
	char *end;
	long long id = strtoll(a->pos[0], &end, 10);
	int rc;

	if (!c->format)
		c->format = "text";
	if ((rc = cli_format(c, "text json md", &fmt)))
		return rc;
	if (*end || id <= 0)
		return smb_err_set(&c->err, SMB_EUSAGE, "'%s' is not an assessment id (see 'smbopt assessments CLIENT')", a->pos[0]);
	if ((rc = cli_open(c, &s)))
		return rc;
	if ((rc = smb_assessment_load(s, id, &as, &c->err)) == SMB_OK) {
		if (smb_render_assessment(as, fmt, &c->out))
			rc = smb_err_set(&c->err, SMB_ESOFTWARE, "out of memory");
		smb_assessment_free(as);
	}
	smb_store_close(s);
	return rc;
}
