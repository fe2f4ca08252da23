/* core/cli/cmd_review.c — the iterate half of the cycle: smbopt goal add | list
 * | rm, initiative adopt | set | list | calibration, review, history. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "client.h"
#include "history.h"
#include "json.h"
#include "review.h"
#include "table.h"

int cmd_goal_add(cli_ctx *c, const cli_args *a)
{
	smb_goal g = { 0 };
	smb_registry r;
	smb_store *s;
	const char *warning;
	int rc, given;

	g.client_id = (char *)a->pos[0];
	g.metric = (char *)cli_get(a, "metric");
	g.deadline = (char *)cli_get(a, "by");
	g.owner = (char *)cli_get(a, "owner");
	g.baseline_period = (char *)cli_get(a, "baseline-period");
	if (!g.metric || !g.deadline || !cli_get(a, "target"))
		return smb_err_set(&c->err, SMB_EUSAGE, "goal add needs --metric M --target V --by PERIOD");
	if ((rc = cli_number(c, a, "target", &g.target, &given)))
		return rc;
	if ((rc = cli_registry(c, a, &r)))
		return rc;
	if ((rc = cli_open(c, &s)) == SMB_OK) {
		smb_client_check(s, g.client_id, &rc, &c->err);
		if (rc == SMB_OK && (rc = smb_goal_add(s, &r, &g, &warning, &c->err)) == SMB_OK) {
			smb_buf_printf(&c->out, "goal #%lld: %s from %g (%s) to %g by %s\n", g.id, g.metric, g.baseline,
			               g.baseline_period, g.target, g.deadline);
			if (warning)
				fprintf(stderr, "smbopt: warning: %s\n", warning);
		}
		if (g.baseline_period != cli_get(a, "baseline-period"))
			free(g.baseline_period);
		smb_store_close(s);
	}
	smb_registry_free(&r);
	return rc;
}

int cmd_goal_list(cli_ctx *c, const cli_args *a)
{
	static const char *const cols[] = { "id#", "metric", "baseline#", "baseline_period", "target#", "deadline", "owner" };
	smb_goal *v;
	smb_store *s;
	smb_table t;
	const char *fmt;
	size_t n;
	int rc;

	if ((rc = cli_format(c, "text json", &fmt)) || (rc = cli_open_read(c, &s)))
		return rc;
	smb_client_check(s, a->pos[0], &rc, &c->err);
	if (rc == SMB_OK && (rc = smb_goal_list(s, a->pos[0], &v, &n, &c->err)) == SMB_OK) {
		smb_table_init(&t, 7, cols);
		smb_table_json(&t, "goals", 1);
		for (size_t i = 0; i < n; i++) {
			smb_table_integer(&t, v[i].id);
			smb_table_text(&t, v[i].metric);
			smb_table_number(&t, v[i].baseline, "%g");
			smb_table_text(&t, v[i].baseline_period);
			smb_table_number(&t, v[i].target, "%g");
			smb_table_text(&t, v[i].deadline);
			smb_table_text(&t, v[i].owner);
		}
		if (smb_table_render(&t, fmt, &c->out))
			rc = smb_err_set(&c->err, SMB_ESOFTWARE, "out of memory");
		smb_table_free(&t);
		smb_goal_list_free(v, n);
	}
	smb_store_close(s);
	return rc;
}

int cmd_goal_rm(cli_ctx *c, const cli_args *a)
{
	smb_store *s;
	char *end;
	long long id = strtoll(a->pos[1], &end, 10);
	int rc;

	if (*end || id <= 0)
		return smb_err_set(&c->err, SMB_EUSAGE, "'%s' is not a goal id", a->pos[1]);
	if ((rc = cli_open(c, &s)))
		return rc;
	if ((rc = smb_goal_remove(s, a->pos[0], id, &c->err)) == SMB_OK)
		smb_buf_printf(&c->out, "removed goal #%lld of %s\n", id, a->pos[0]);
	smb_store_close(s);
	return rc;
}

int cmd_initiative_adopt(cli_ctx *c, const cli_args *a)
{
	smb_registry r;
	smb_store *s;
	double goal = 0;
	int rc, given;

	if ((rc = cli_number(c, a, "goal", &goal, &given)))
		return rc;
	if ((rc = cli_registry(c, a, &r)))
		return rc;
	if ((rc = cli_open(c, &s)) == SMB_OK) {
		smb_client_check(s, a->pos[0], &rc, &c->err);
		if (rc == SMB_OK && (rc = smb_adoption_add(s, &r, a->pos[0], a->pos[1], cli_get(a, "start"), cli_get(a, "owner"),
		                                           (long long)goal, &c->err)) == SMB_OK)
			smb_buf_printf(&c->out, "%s adopted %s (planned)\n", a->pos[0], a->pos[1]);
		smb_store_close(s);
	}
	smb_registry_free(&r);
	return rc;
}

int cmd_initiative_set(cli_ctx *c, const cli_args *a)
{
	smb_store *s;
	double cost = NAN, hours = NAN;
	int rc, given;

	if ((rc = cli_number(c, a, "actual-cost", &cost, &given)) || (rc = cli_number(c, a, "actual-hours", &hours, &given)))
		return rc;
	if ((rc = cli_open(c, &s)))
		return rc;
	if ((rc = smb_adoption_set(s, a->pos[0], a->pos[1], cli_get(a, "status"), cli_get(a, "end"), cost, hours,
	                           &c->err)) == SMB_OK)
		smb_buf_printf(&c->out, "%s: %s updated\n", a->pos[0], a->pos[1]);
	smb_store_close(s);
	return rc;
}

int cmd_initiative_list(cli_ctx *c, const cli_args *a)
{
	static const char *const cols[] = { "initiative", "status", "start", "end", "owner", "cost#", "actual_cost#",
	                                    "hours#", "actual_hours#", "effect" };
	smb_adoption *v;
	smb_store *s;
	smb_table t;
	const char *fmt;
	size_t n;
	int rc;

	if ((rc = cli_format(c, "text json", &fmt)) || (rc = cli_open_read(c, &s)))
		return rc;
	smb_client_check(s, a->pos[0], &rc, &c->err);
	if (rc == SMB_OK && (rc = smb_adoption_list(s, a->pos[0], &v, &n, &c->err)) == SMB_OK) {
		smb_table_init(&t, 10, cols);
		smb_table_json(&t, "initiatives", 1);
		for (size_t i = 0; i < n; i++) {
			smb_table_text(&t, v[i].initiative_id);
			smb_table_text(&t, v[i].status);
			smb_table_text(&t, v[i].start_period);
			smb_table_text(&t, v[i].end_period);
			smb_table_text(&t, v[i].owner);
			smb_table_number(&t, v[i].cost, "%g");
			smb_table_number(&t, v[i].actual_cost, "%g");
			smb_table_number(&t, v[i].hours, "%g");
			smb_table_number(&t, v[i].actual_hours, "%g");
			if (v[i].effect)
				smb_table_value(&t, v[i].effect, v[i].effect);
			else
				smb_table_null(&t);
		}
		if (smb_table_render(&t, fmt, &c->out))
			rc = smb_err_set(&c->err, SMB_ESOFTWARE, "out of memory");
		smb_table_free(&t);
		smb_adoption_list_free(v, n);
	}
	smb_store_close(s);
	return rc;
}

int cmd_initiative_calibration(cli_ctx *c, const cli_args *a)
{
	smb_store *s;
	const char *fmt;
	int rc;

	(void)a;
	if ((rc = cli_format(c, "text json", &fmt)) || (rc = cli_open_read(c, &s)))
		return rc;
	rc = smb_calibration_render(s, fmt, &c->out, &c->err);
	smb_store_close(s);
	return rc;
}

int cmd_review(cli_ctx *c, const cli_args *a)
{
	smb_registry r;
	smb_review rv;
	smb_review_opts o = { cli_get(a, "from"), cli_get(a, "to"), -1 };
	const char *seasonal = cli_get(a, "seasonal");
	smb_store *s;
	const char *fmt;
	int rc;

	if ((rc = cli_format(c, "text json md", &fmt)))
		return rc;
	if (seasonal && strcmp(seasonal, "auto") != 0) {
		if (strcmp(seasonal, "yes") != 0 && strcmp(seasonal, "no") != 0)
			return smb_err_set(&c->err, SMB_EUSAGE, "--seasonal is yes, no or auto, not '%s'", seasonal);
		o.seasonal = seasonal[0] == 'y';
	}
	if ((rc = cli_registry(c, a, &r)))
		return rc;
	/* Review records the realised effects of finished initiatives; on a
	 * workspace it cannot write, it shows those last recorded. */
	if ((rc = cli_open(c, &s)) == SMB_EIO) {
		fprintf(stderr, "smbopt: note: %s; the review shows the realised effects as last recorded\n", c->err.msg);
		rc = cli_open_read(c, &s);
	}
	if (rc == SMB_OK) {
		smb_client_check(s, a->pos[0], &rc, &c->err);
		if (rc == SMB_OK &&
		    (rc = smb_review_run(s, &r, a->pos[0], &o, &rv, &c->err)) == SMB_OK) {
			if (smb_review_render(&rv, fmt, &c->out))
				rc = smb_err_set(&c->err, SMB_ESOFTWARE, "out of memory");
			smb_review_free(&rv);
		}
		smb_store_close(s);
	}
	smb_registry_free(&r);
	return rc;
}

int cmd_history(cli_ctx *c, const cli_args *a)
{
	smb_store *s;
	const char *fmt;
	int rc;

	if ((rc = cli_format(c, "text json", &fmt)) || (rc = cli_open_read(c, &s)))
		return rc;
	smb_client_check(s, a->pos[0], &rc, &c->err);
	if (rc == SMB_OK)
		rc = smb_history_render(s, a->pos[0], fmt, &c->out, &c->err);
	smb_store_close(s);
	return rc;
}
