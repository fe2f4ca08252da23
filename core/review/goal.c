/* core/review/goal.c — goals: the SMART checks at creation and the status rule. */
#include "goal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cycle.h"
#include "period.h"

/* The value of metric in the latest assessment of the client; with period
 * NULL the latest assessment of any period, whose period is returned. */
/* grain: -1 any period, else an smb_period_kind the period must have. */
static int baseline_of(smb_store *s, const char *client, const char *metric, const char *period, int grain,
                       double *value, char **period_out, smb_err *e)
{
	sqlite3_stmt *st;
	int rc, step;

	if ((rc = smb_store_prepare(s,
	        "SELECT a.period, m.value FROM assessment a LEFT JOIN assessment_metric m"
	        " ON m.assessment_id = a.id AND m.metric = ?2"
	        " WHERE a.client_id = ?1 AND (?3 IS NULL OR a.period = ?3)"
	        " AND (?4 < 0 OR (?4 = ?5 AND length(a.period) = 4) OR (?4 = ?6 AND a.period LIKE '%Q%')"
	        "  OR (?4 = ?7 AND length(a.period) = 7 AND a.period NOT LIKE '%Q%'))"
	        " AND a.id NOT IN (SELECT assessment_id FROM assessment_withdrawal) ORDER BY a.id DESC LIMIT 1", &st, e)))
		return rc;
	smb_bind_text(st, 1, client);
	smb_bind_text(st, 2, metric);
	smb_bind_text(st, 3, period);
	sqlite3_bind_int(st, 4, grain);
	sqlite3_bind_int(st, 5, SMB_PERIOD_YEAR);
	sqlite3_bind_int(st, 6, SMB_PERIOD_QUARTER);
	sqlite3_bind_int(st, 7, SMB_PERIOD_MONTH);
	step = sqlite3_step(st);
	if (step == SQLITE_DONE && grain >= 0 && !period)
		rc = smb_err_set(e, SMB_EDATA, "%s has no assessment of a whole %s to take the baseline from", client,
		                 grain == SMB_PERIOD_YEAR ? "year" : grain == SMB_PERIOD_QUARTER ? "quarter" : "month");
	else if (step == SQLITE_DONE)
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
	const char *grain_name;
	int rc, flow;

	*warning = NULL;
	g->rollup = NULL;
	if (!m)
		return smb_err_set(e, SMB_EDATA, "no loaded playbook or plugin declares the metric %s", g->metric);
	if (smb_period_parse(g->deadline, &dl, why, sizeof why))
		return smb_err_set(e, SMB_EUSAGE, "--by '%s': %s", g->deadline, why);
	if (!isfinite(g->target))
		return smb_err_set(e, SMB_EUSAGE, "--target must be a finite number");
	/* A flow (summed over its period) is compared on the deadline's grain:
	 * a year's target with a year's total, never with a quarter's. Stocks,
	 * rates and derived ratios compare at any grain. */
	flow = m->rollup == SMB_ROLLUP_SUM;
	grain_name = dl.kind == SMB_PERIOD_YEAR ? "year" : dl.kind == SMB_PERIOD_QUARTER ? "quarter" : "month";
	if (flow && g->baseline_period) {
		smb_period given;
		if (smb_period_parse(g->baseline_period, &given, why, sizeof why))
			return smb_err_set(e, SMB_EUSAGE, "--baseline-period '%s': %s", g->baseline_period, why);
		if (given.kind != dl.kind)
			return smb_err_set(e, SMB_EDATA,
			                   "%s is summed over its period: a baseline for %s cannot be compared with a target for %s "
			                   "(a %s); take the baseline from an assessment of a %s, or set a deadline of the "
			                   "baseline's grain", g->metric, g->baseline_period, g->deadline, grain_name, grain_name);
	}
	rc = baseline_of(s, g->client_id, g->metric, g->baseline_period, flow ? (int)dl.kind : -1, &g->baseline,
	                 &g->baseline_period, e);
	if (rc && flow && !g->baseline_period) {
		char cause[SMB_ERR_MAX];
		snprintf(cause, sizeof cause, "%s", e->msg);
		return smb_err_set(e, rc, "%s is summed over its period, so a target for %s (a %s) is compared with a %s's "
		                   "total: %s; assess one (smbopt assess %s --period ...) or set a deadline of the grain you "
		                   "have assessed", g->metric, g->deadline, grain_name, grain_name, cause, g->client_id);
	}
	if (rc)
		return rc;
	smb_period_parse(g->baseline_period, &base, NULL, 0);
	if ((m->rollup == SMB_ROLLUP_SUM || m->rollup == SMB_ROLLUP_MEAN || m->rollup == SMB_ROLLUP_LAST) &&
	    dl.kind != SMB_PERIOD_MONTH)
		g->rollup = (char *)smb_rollup_name(m->rollup);
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
	        "INSERT INTO goal(client_id, metric, baseline, baseline_period, target, deadline, better, owner, created,"
	        " rollup) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)", &st, e)))
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
	smb_bind_text(st, 10, g->rollup);
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
	        "SELECT id, client_id, metric, baseline, baseline_period, target, deadline, better, owner, rollup FROM goal"
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
		g->rollup = smb_column_strdup(st, 9);
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
		free(v[i].rollup);
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

/* The metric rolled up by rule over the days first..last, from the largest
 * whole periods that fit (quarters, else months); NaN when one is missing. */
static double rolled_up(const smb_observation *obs, size_t n, const char *key, smb_rollup rule, long first, long last)
{
	smb_period p = smb_period_of_day(first, SMB_PERIOD_MONTH), q;
	double acc = 0, v;
	int months = 0;

	while (smb_period_first_day(&p) <= last) {
		q = smb_period_of_day(smb_period_first_day(&p), SMB_PERIOD_QUARTER);
		if (smb_period_first_day(&q) == smb_period_first_day(&p) && smb_period_last_day(&q) <= last)
			p = q;
		if (smb_obs_resolve(obs, n, key, rule, &p, &v, NULL, 0))
			return NAN;
		acc = rule == SMB_ROLLUP_LAST ? v : rule == SMB_ROLLUP_MEAN ? acc + v * smb_period_months(&p) : acc + v;
		months += smb_period_months(&p);
		p = smb_period_of_day(smb_period_last_day(&p) + 1, SMB_PERIOD_MONTH);
	}
	return rule == SMB_ROLLUP_MEAN && months ? acc / months : acc;
}

/* A flow's year (or quarter) to date against its target: progress is the
 * share of the target reached, expected the share of the period gone. */
static smb_goal_status to_date(const smb_goal *g, const smb_period *now, const smb_period *dl, double ytd,
                               double *progress, double *expected)
{
	long first = smb_period_first_day(dl), end = smb_period_last_day(dl);
	int over = smb_period_last_day(now) >= end;

	*expected = (double)(smb_period_last_day(now) - first + 1) / (double)(end - first + 1);
	*progress = g->target != 0 ? ytd / g->target : NAN;
	if (g->better > 0) {
		if (ytd >= g->target)
			return SMB_GOAL_ACHIEVED;
		if (over)
			return SMB_GOAL_MISSED;
		if (*progress >= *expected - 0.10 - 1e-9)
			return SMB_GOAL_ON_TRACK;
		return *progress >= *expected - 0.25 - 1e-9 ? SMB_GOAL_AT_RISK : SMB_GOAL_OFF_TRACK;
	}
	if (ytd > g->target)
		return SMB_GOAL_MISSED;   /* a flow only grows within its period */
	if (over)
		return SMB_GOAL_ACHIEVED;
	if (*progress <= *expected + 0.10 + 1e-9)
		return SMB_GOAL_ON_TRACK;
	return *progress <= *expected + 0.25 + 1e-9 ? SMB_GOAL_AT_RISK : SMB_GOAL_OFF_TRACK;
}

smb_goal_status smb_goal_review_at(smb_store *s, const smb_goal *g, const char *at, double value, double *compared,
                                   double *progress, double *expected)
{
	smb_period now, dl;
	smb_observation *obs = NULL;
	smb_rollup rule;
	smb_goal_status st;
	size_t n = 0;
	smb_err e;
	long first, last;

	*compared = value;
	if (!g->rollup || smb_rollup_parse(g->rollup, &rule) || smb_period_parse(at, &now, NULL, 0) ||
	    smb_period_parse(g->deadline, &dl, NULL, 0) || smb_period_months(&now) >= smb_period_months(&dl) ||
	    smb_observations_list(s, g->client_id, NULL, &obs, &n, &e))
		return smb_goal_status_at(g, at, value, progress, expected);
	if (smb_period_contains(&dl, &now)) {          /* within: to date */
		first = smb_period_first_day(&dl);
		last = smb_period_last_day(&now);
	} else if (smb_period_last_day(&now) < smb_period_first_day(&dl)) {   /* before: the trailing window */
		smb_period back = now;
		last = smb_period_last_day(&now);
		for (int m = smb_period_months(&now); m < smb_period_months(&dl); m += smb_period_months(&back))
			back = smb_period_previous(&back);
		first = smb_period_first_day(&back);
	} else {                                       /* after: the deadline's period */
		first = smb_period_first_day(&dl);
		last = smb_period_last_day(&dl);
	}
	*compared = rolled_up(obs, n, g->metric, rule, first, last);
	smb_observations_free(obs, n);
	if (rule == SMB_ROLLUP_SUM && smb_period_contains(&dl, &now) && !isnan(*compared))
		st = to_date(g, &now, &dl, *compared, progress, expected);
	else
		st = smb_goal_status_at(g, at, *compared, progress, expected);
	return st;
}

const char *smb_goal_status_name(smb_goal_status s)
{
	static const char *const names[] = { "achieved", "on_track", "at_risk", "off_track", "missed", "unknown" };
	return names[s];
}
