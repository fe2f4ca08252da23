/* core/cli/cmd_plan.c — smbopt plan: the best set of initiatives under budget,
 * staff hours and other resources, for a client or for a CSV list. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advice.h"
#include "cli.h"
#include "client.h"
#include "number.h"
#include "planning.h"

/* The latest assessment of the client, or the one --assessment names. */
static int pick_assessment(cli_ctx *c, smb_store *s, const char *client, const char *spec, smb_assessment **a)
{
	smb_assessment **v;
	size_t n;
	int rc;

	if (spec) {
		char *end;
		long long id = strtoll(spec, &end, 10);
		if (*end || id <= 0)
			return smb_err_set(&c->err, SMB_EUSAGE, "--assessment '%s' is not an assessment id", spec);
		if ((rc = smb_assessment_load(s, id, a, &c->err)))
			return rc;
		if (strcmp((*a)->client_id, client) != 0) {
			smb_assessment_free(*a);
			*a = NULL;
			return smb_err_set(&c->err, SMB_EUSAGE, "assessment %lld is of %s, not %s", id, (*a) ? "" : "another client",
			                   client);
		}
		return SMB_OK;
	}
	if ((rc = smb_assessment_list(s, client, &v, &n, &c->err)))
		return rc;
	if (n == 0) {
		smb_assessment_list_free(v, n);
		return smb_err_set(&c->err, SMB_EDATA, "%s has no assessment to plan from (run smbopt assess)", client);
	}
	rc = smb_assessment_load(s, v[n - 1]->id, a, &c->err);
	smb_assessment_list_free(v, n);
	return rc;
}

static int set_limits(cli_ctx *c, const cli_args *a, smb_planning *p)
{
	const char *res[32], *ids[64];
	double v;
	int rc, given;

	if ((rc = cli_number(c, a, "budget", &v, &given)))
		return rc;
	if (given && (rc = smb_planning_capacity(p, "cost", v, &c->err)))
		return rc;
	if ((rc = cli_number(c, a, "hours", &v, &given)))
		return rc;
	if (given && (rc = smb_planning_capacity(p, "hours", v, &c->err)))
		return rc;
	for (size_t i = 0, n = cli_all(a, "resource", res, 32); i < n; i++) {
		const char *eq = strchr(res[i], '=');
		char name[64], why[128];
		size_t at;
		if (!eq || eq == res[i] || (size_t)(eq - res[i]) >= sizeof name)
			return smb_err_set(&c->err, SMB_EUSAGE, "--resource '%s': use NAME=CAPACITY", res[i]);
		snprintf(name, sizeof name, "%.*s", (int)(eq - res[i]), res[i]);
		if (smb_number_parse(eq + 1, 0, &v, &at, why, sizeof why) || v < 0)
			return smb_err_set(&c->err, SMB_EUSAGE, "--resource %s: capacity must be a number >= 0", res[i]);
		if ((rc = smb_planning_capacity(p, name, v, &c->err)))
			return rc;
	}
	p->in.nforce = cli_all(a, "force", ids, 64);
	p->in.force = p->in.nforce ? calloc(p->in.nforce, sizeof *p->in.force) : NULL;
	for (size_t i = 0; p->in.force && i < p->in.nforce; i++)
		p->in.force[i] = (char *)ids[i];
	{
		const char *ex[64];
		p->in.nexclude = cli_all(a, "exclude", ex, 64);
		p->in.exclude = p->in.nexclude ? calloc(p->in.nexclude, sizeof *p->in.exclude) : NULL;
		for (size_t i = 0; p->in.exclude && i < p->in.nexclude; i++)
			p->in.exclude[i] = (char *)ex[i];
	}
	{
		const char *gs[32];
		size_t ng = cli_all(a, "group", gs, 32);
		p->in.group = ng ? calloc(ng, sizeof *p->in.group) : NULL;
		for (size_t i = 0; p->in.group && i < ng; i++) {
			char *copy = strdup(gs[i]), *save = NULL;
			smb_plan_group *g = &p->in.group[p->in.ngroups++];
			for (char *t = copy ? strtok_r(copy, ";,", &save) : NULL; t; t = strtok_r(NULL, ";,", &save)) {
				char **nv = realloc(g->ids, (g->nids + 1) * sizeof *nv);
				if (!nv)
					break;
				g->ids = nv;
				g->ids[g->nids++] = strdup(t);
			}
			free(copy);
		}
	}
	if ((rc = cli_number(c, a, "time-limit", &v, &given)))
		return rc;
	p->in.time_limit = given ? v : 10;
	return SMB_OK;
}

/* Nothing under way is planned again: neither what was under way when the
 * assessment was made nor what was adopted since; --include-adopted plans
 * both, as a what-if. */
static int plan_advice(cli_ctx *c, smb_store *s, const cli_args *a, const smb_assessment *as, const smb_registry *r,
                       smb_planning *p)
{
	smb_planning_advice pa = { 0 };
	smb_advice adv;
	const char **skip;
	int rc;

	if ((rc = smb_advice_load(s, as->client_id, &adv, &c->err)))
		return rc;
	skip = calloc(adv.nadopted + 1, sizeof *skip);
	if (!skip) {
		smb_advice_free(&adv);
		return smb_err_set(&c->err, SMB_ESOFTWARE, "out of memory");
	}
	for (size_t i = 0; i < adv.nadopted; i++)
		skip[i] = adv.adopted[i].initiative;
	pa.include_adopted = cli_get(a, "include-adopted") != NULL;
	pa.skip = skip;
	pa.nskip = adv.nadopted;
	rc = smb_planning_from_advice(p, as, r, &pa, &c->err);
	free(skip);
	smb_advice_free(&adv);
	return rc;
}

int cmd_plan(cli_ctx *c, const cli_args *a)
{
	const char *csv = cli_get(a, "candidates"), *fmt, *solver_name = cli_get(a, "solver");
	smb_registry r;
	smb_planning p;
	smb_assessment *as = NULL;
	smb_store *s = NULL;
	smb_solve_fn solve = NULL;
	void *solve_ud = NULL;
	char why[512];
	int rc;

	if ((rc = cli_format(c, "text json", &fmt)))
		return rc;
	if (!csv && a->npos != 1)
		return smb_err_set(&c->err, SMB_EUSAGE, "usage: smbopt plan ID [options] or smbopt plan --candidates FILE.csv");
	if ((rc = cli_registry(c, a, &r)))
		return rc;
	memset(&p, 0, sizeof p);
	if (solver_name && strcmp(solver_name, "builtin") != 0) {
		for (size_t i = 0; i < r.nsolvers && !solve; i++)
			if (strcmp(r.solvers[i].name, solver_name) == 0) {
				solve = r.solvers[i].solve;
				solve_ud = r.solvers[i].ud;
			}
		if (!solve) {
			rc = smb_err_set(&c->err, SMB_ECONFIG, "no loaded plugin provides the solver '%s' (see smbopt plugins)",
			                 solver_name);
			goto out;
		}
	}
	if (csv) {
		rc = smb_planning_from_csv(&p, csv, &c->err);
	} else if ((rc = cli_open_read(c, &s)) == SMB_OK) {
		smb_client_check(s, a->pos[0], &rc, &c->err);
		if (rc == SMB_OK && (rc = pick_assessment(c, s, a->pos[0], cli_get(a, "assessment"), &as)) == SMB_OK)
			rc = plan_advice(c, s, a, as, &r, &p);
	}
	if (rc || (rc = set_limits(c, a, &p)))
		goto out;
	if (smb_plan_run(&p.in, solve, solve_ud, &p.out, why, sizeof why)) {
		rc = smb_err_set(&c->err, SMB_EDATA, "%s", why);
		goto out;
	}
	if (as && p.out.feasible && (rc = smb_planning_rescore(&p, s, &r, as, &c->err)))
		goto out;
	if (smb_planning_render(&p, fmt, &c->out))
		rc = smb_err_set(&c->err, SMB_ESOFTWARE, "out of memory");
	else if (!p.out.feasible)
		rc = smb_err_set(&c->err, SMB_EDATA, "no plan satisfies every constraint");
out:
	free(p.in.force);
	free(p.in.exclude);
	for (size_t i = 0; i < p.in.ngroups; i++) {
		for (size_t k = 0; k < p.in.group[i].nids; k++)
			free(p.in.group[i].ids[k]);
		free(p.in.group[i].ids);
	}
	free(p.in.group);
	p.in.group = NULL;
	p.in.ngroups = 0;
	p.in.force = p.in.exclude = NULL;
	p.in.nforce = p.in.nexclude = 0;
	smb_planning_free(&p);
	smb_assessment_free(as);
	smb_store_close(s);
	smb_registry_free(&r);
	return rc;
}
