/* core/review/goal.c — goals: the SMART checks at creation and the status rule. */
#include "goal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "period.h"

/* The value of metric in the latest assessment of the client; with period
 * NULL the latest assessment of any period, whose period is returned. */
static int baseline_of(smb_store *s, const char *client, const char *metric, const char *period, double *value,
                       char **period_out, smb_err *e)
{
	sqlite3_stmt *st;
	int rc, step;

	if ((rc = smb_store_prepare(s,
	        "SELECT a.period, m.value FROM assessment a LEFT JOIN assessment_metric m"
	        " ON m.assessment_id = a.id AND m.metric = ?2"
	        " WHERE a.client_id = ?1 AND (?3 IS NULL OR a.period = ?3) ORDER BY a.id DESC LIMIT 1", &st, e)))
		return rc;
	smb_bind_text(st, 1, client);
	smb_bind_text(st, 2, metric);
	smb_bind_text(st, 3, period);
	step = sqlite3_step(st);
	if (step == SQLITE_DONE)
		rc = period ? smb_err_set(e, SMB_EDATA, "no assessment of %s for %s: run 'smbopt assess %s --period %s' first",
		                          client, period, client, period)
		            : smb_err_set(e, SMB_EDATA, "%s has no assessment yet: a goal needs a baseline (run smbopt assess)",
		                          client);
	else if (step != SQLITE_ROW)
		rc = smb_store_error(s, "reading the baseline", e);
	else if (sqlite3_column_type(st, 1) == SQLITE_NULL)
		rc = smb_err_set(e, SMB_EDATA, "%s has no value in the %s assessment of %s, so it cannot be a baseline", metric,
		                 sqlite3_column_text(st, 0), client);
	else {
		*value = sqlite3_column_double(st, 1);
		*period_out = smb_column_strdup(st, 0);
	}
	sqlite3_finalize(st);
	return rc;
}

int smb_goal_add(smb_store *s, const smb_registry *r, smb_goal *g, const char **warning, smb_err *e)
{
	const smb_metric *m = smb_registry_metric(r, g->metric);
	smb_period base, dl;
	sqlite3_stmt *st;
	char now[32], why[256];
	int rc;

	*warning = NULL;
	if (!m)
		return smb_err_set(e, SMB_EDATA, "no loaded playbook or plugin declares the metric %s", g->metric);
	if (smb_period_parse(g->deadline, &dl, why, sizeof why))
		return smb_err_set(e, SMB_EUSAGE, "--by '%s': %s", g->deadline, why);
	if (!isfinite(g->target))
		return smb_err_set(e, SMB_EUSAGE, "--target must be a finite number");
	if ((rc = baseline_of(s, g->client_id, g->metric, g->baseline_period, &g->baseline, &g->baseline_period, e)))
		return rc;
	smb_period_parse(g->baseline_period, &base, NULL, 0);
	g->better = m->better;
	if (m->better * (g->target - g->baseline) <= 0)
		return smb_err_set(e, SMB_EDATA,
		                   "target %g is not an improvement on the baseline %g: %s is better when %s (a goal must move it %s)",
		                   g->target, g->baseline, g->metric, m->better > 0 ? "higher" : "lower",
		                   m->better > 0 ? "up" : "down");
	if (smb_period_last_day(&dl) <= smb_period_last_day(&base))
		return smb_err_set(e, SMB_EDATA, "the deadline %s must end after the baseline period %s", g->deadline,
		                   g->baseline_period);
	if (!g->owner || !*g->owner)
		*warning = "no --owner: a goal without an owner is rarely met";
	if ((rc = smb_store_prepare(s,
	        "INSERT INTO goal(client_id, metric, baseline, baseline_period, target, deadline, better, owner, created)"
	        " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)", &st, e)))
		return rc;
	smb_now_iso(now);
	smb_bind_text(st, 1, g->client_id);
	smb_bind_text(st, 2, g->metric);
	sqlite3_bind_double(st, 3, g->baseline);
	smb_bind_text(st, 4, g->baseline_period);
	sqlite3_bind_double(st, 5, g->target);
	smb_bind_text(st, 6, g->deadline);
	sqlite3_bind_int(st, 7, g->better);
	smb_bind_text(st, 8, g->owner && *g->owner ? g->owner : NULL);
	smb_bind_text(st, 9, now);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = smb_store_error(s, "adding a goal", e);
	sqlite3_finalize(st);
	g->id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

int smb_goal_list(smb_store *s, const char *client, smb_goal **out, size_t *n, smb_err *e)
{
	sqlite3_stmt *st;
	smb_goal *v = NULL;
	size_t len = 0;
	int rc, step;

	*out = NULL;
	*n = 0;
	if ((rc = smb_store_prepare(s,
	        "SELECT id, client_id, metric, baseline, baseline_period, target, deadline, better, owner FROM goal"
	        " WHERE client_id = ?1 ORDER BY id", &st, e)))
		return rc;
	smb_bind_text(st, 1, client);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		smb_goal *nv = realloc(v, (len + 1) * sizeof *v), *g;
		if (!nv)
			break;
		v = nv;
		g = &v[len++];
		g->id = sqlite3_column_int64(st, 0);
		g->client_id = smb_column_strdup(st, 1);
		g->metric = smb_column_strdup(st, 2);
		g->baseline = sqlite3_column_double(st, 3);
		g->baseline_period = smb_column_strdup(st, 4);
		g->target = sqlite3_column_double(st, 5);
		g->deadline = smb_column_strdup(st, 6);
		g->better = sqlite3_column_int(st, 7);
		g->owner = smb_column_strdup(st, 8);
	}
	rc = step == SQLITE_DONE ? SMB_OK : step == SQLITE_ROW ? smb_err_set(e, SMB_ESOFTWARE, "out of memory")
	                                                       : smb_store_error(s, "listing goals", e);
	sqlite3_finalize(st);
	if (rc) {
		smb_goal_list_free(v, len);
		return rc;
	}
	*out = v;
	*n = len;
	return SMB_OK;
}

int smb_goal_remove(smb_store *s, const char *client, long long id, smb_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = smb_store_prepare(s, "DELETE FROM goal WHERE client_id = ?1 AND id = ?2", &st, e)))
		return rc;
	smb_bind_text(st, 1, client);
	sqlite3_bind_int64(st, 2, id);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = smb_store_error(s, "removing a goal", e);
	else if (sqlite3_changes(s->db) == 0)
		rc = smb_err_set(e, SMB_ENOINPUT, "%s has no goal %lld (see 'smbopt goal list %s')", client, id, client);
	sqlite3_finalize(st);
	return rc;
}

void smb_goal_list_free(smb_goal *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].client_id);
		free(v[i].metric);
		free(v[i].baseline_period);
		free(v[i].deadline);
		free(v[i].owner);
	}
	free(v);
}

smb_goal_status smb_goal_status_at(const smb_goal *g, const char *at, double value, double *progress,
                                   double *expected)
{
	smb_period base, dl, now;
	double span;

	*progress = *expected = NAN;
	if (isnan(value) || smb_period_parse(at, &now, NULL, 0) || smb_period_parse(g->baseline_period, &base, NULL, 0) ||
	    smb_period_parse(g->deadline, &dl, NULL, 0))
		return SMB_GOAL_UNKNOWN;
	*progress = (value - g->baseline) / (g->target - g->baseline);
	span = (double)(smb_period_last_day(&dl) - smb_period_last_day(&base));
	*expected = (double)(smb_period_last_day(&now) - smb_period_last_day(&base)) / span;
	if (*expected < 0)
		*expected = 0;
	if (*expected > 1)
		*expected = 1;
	if (g->better * (value - g->target) >= 0)
		return SMB_GOAL_ACHIEVED;
	if (smb_period_last_day(&now) >= smb_period_last_day(&dl))
		return SMB_GOAL_MISSED;
	/* 1e-9: shares computed from day counts should not miss a boundary by rounding. */
	if (*progress >= *expected - 0.10 - 1e-9)
		return SMB_GOAL_ON_TRACK;
	if (*progress >= *expected - 0.25 - 1e-9)
		return SMB_GOAL_AT_RISK;
	return SMB_GOAL_OFF_TRACK;
}

const char *smb_goal_status_name(smb_goal_status s)
{
	static const char *const names[] = { "achieved", "on_track", "at_risk", "off_track", "missed", "unknown" };
	return names[s];
}
