/* core/review/adoption.c — adopted initiatives and their realised effects. The
 * expected effect is copied at adoption, so a later playbook change does
 * not rewrite what was promised to the client. */
#include "adoption.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assessment.h"
#include "cycle.h"
#include "json.h"
#include "period.h"

static const char *const statuses[] = { "planned", "in-progress", "done", "dropped", NULL };

static int latest_period(smb_store *s, const char *client, char *out, size_t len, smb_err *e)
{
	sqlite3_stmt *st;
	int rc, step;

	if ((rc = smb_store_prepare(s, "SELECT period FROM assessment WHERE client_id = ?1" SMB_NOT_WITHDRAWN " ORDER BY id DESC LIMIT 1", &st, e)))
		return rc;
	smb_bind_text(st, 1, client);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		snprintf(out, len, "%s", sqlite3_column_text(st, 0));
	else
		rc = smb_err_set(e, SMB_EUSAGE, "%s has no assessment yet: give --start PERIOD", client);
	sqlite3_finalize(st);
	return rc;
}

int smb_adoption_add(smb_store *s, const smb_registry *r, const char *client, const char *initiative,
                     const char *start, const char *owner, long long goal, smb_err *e)
{
	const smb_initiative *in = smb_registry_initiative(r, initiative);
	char period[SMB_PERIOD_TEXT], why[256], now[32];
	smb_period p;
	sqlite3_stmt *st;
	smb_buf effect;
	smb_json j;
	int rc;

	if (!in)
		return smb_err_set(e, SMB_EDATA, "no loaded playbook or plugin declares the initiative %s", initiative);
	if (start) {
		if (smb_period_parse(start, &p, why, sizeof why))
			return smb_err_set(e, SMB_EUSAGE, "--start '%s': %s", start, why);
	} else {
		if ((rc = latest_period(s, client, period, sizeof period, e)))
			return rc;
		smb_period_parse(period, &p, NULL, 0);
		p = smb_period_next(&p);
	}
	smb_period_format(&p, period);
	smb_buf_init(&effect);
	smb_json_init(&j, &effect, 0);
	smb_json_object_begin(&j);
	for (size_t i = 0; i < in->neffects; i++) {
		smb_json_key(&j, in->effects[i].metric);
		smb_json_number(&j, in->effects[i].delta);
	}
	smb_json_object_end(&j);
	if ((rc = smb_store_prepare(s,
	        "INSERT INTO adoption(client_id, initiative_id, status, start_period, owner, goal_id, cost, hours, months,"
	        " effect, updated) VALUES (?1, ?2, 'planned', ?3, ?4, ?5, ?6, ?7, ?10, ?8, ?9) ON CONFLICT DO NOTHING", &st, e))) {
		smb_buf_free(&effect);
		return rc;
	}
	smb_now_iso(now);
	smb_bind_text(st, 1, client);
	smb_bind_text(st, 2, initiative);
	smb_bind_text(st, 3, period);
	smb_bind_text(st, 4, owner);
	if (goal > 0)
		sqlite3_bind_int64(st, 5, goal);
	sqlite3_bind_double(st, 6, in->cost);
	sqlite3_bind_double(st, 7, in->hours);
	smb_bind_text(st, 8, smb_buf_str(&effect));
	smb_bind_text(st, 9, now);
	sqlite3_bind_double(st, 10, in->months);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = smb_store_error(s, "adopting an initiative", e);
	else if (sqlite3_changes(s->db) == 0)
		rc = smb_err_set(e, SMB_EDATA, "%s has already adopted %s (see 'smbopt initiative list %s')", client,
		                 initiative, client);
	sqlite3_finalize(st);
	smb_buf_free(&effect);
	return rc;
}

/* An end before the start would feed calibration a negative duration:
 * the end period must not finish before the start period begins. */
static int check_end(smb_store *s, const char *client, const char *initiative, const char *end, smb_err *e)
{
	sqlite3_stmt *st;
	smb_period pe, ps;
	int rc, step;

	if ((rc = smb_store_prepare(s, "SELECT start_period FROM adoption WHERE client_id = ?1 AND initiative_id = ?2",
	                            &st, e)))
		return rc;
	smb_bind_text(st, 1, client);
	smb_bind_text(st, 2, initiative);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW && sqlite3_column_text(st, 0) && smb_period_parse(end, &pe, NULL, 0) == 0 &&
	    smb_period_parse((const char *)sqlite3_column_text(st, 0), &ps, NULL, 0) == 0 &&
	    smb_period_last_day(&pe) < smb_period_first_day(&ps))
		rc = smb_err_set(e, SMB_EDATA, "--end %s is before the start of %s (%s); an initiative cannot end before it starts",
		                 end, initiative, sqlite3_column_text(st, 0));
	else if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = smb_store_error(s, "reading the initiative", e);
	sqlite3_finalize(st);
	return rc;
}

int smb_adoption_set(smb_store *s, const char *client, const char *initiative, const char *status, const char *end,
                     double actual_cost, double actual_hours, smb_err *e)
{
	sqlite3_stmt *st;
	char period[SMB_PERIOD_TEXT] = "", why[256], now[32];
	int rc, known = !status;

	for (const char *const *k = statuses; status && *k; k++)
		known |= strcmp(*k, status) == 0;
	if (!known)
		return smb_err_set(e, SMB_EUSAGE, "--status must be planned, in-progress, done or dropped");
	if (end) {
		smb_period p;
		if (smb_period_parse(end, &p, why, sizeof why))
			return smb_err_set(e, SMB_EUSAGE, "--end '%s': %s", end, why);
		smb_period_format(&p, period);
	}
	if ((!isnan(actual_cost) && actual_cost < 0) || (!isnan(actual_hours) && actual_hours < 0))
		return smb_err_set(e, SMB_EUSAGE, "actual cost and hours must be >= 0");
	if (end && (rc = check_end(s, client, initiative, end, e)))
		return rc;
	/* Done without --end: the start period moved on by the planned months,
	 * as a month (start 2026-Q1, 2 months: done in 2026-02). */
	if ((rc = smb_store_prepare(s,
	        "UPDATE adoption SET status = coalesce(?3, status),"
	        " end_period = CASE WHEN coalesce(?3, status) = 'done' THEN coalesce(?4, end_period, ?7) ELSE end_period END,"
	        " actual_cost = coalesce(?5, actual_cost), actual_hours = coalesce(?6, actual_hours), updated = ?8"
	        " WHERE client_id = ?1 AND initiative_id = ?2", &st, e)))
		return rc;
	smb_bind_text(st, 1, client);
	smb_bind_text(st, 2, initiative);
	smb_bind_text(st, 3, status);
	smb_bind_text(st, 4, end ? period : NULL);
	if (!isnan(actual_cost))
		sqlite3_bind_double(st, 5, actual_cost);
	if (!isnan(actual_hours))
		sqlite3_bind_double(st, 6, actual_hours);
	{
		/* the default end, computed from the stored start and months */
		sqlite3_stmt *q;
		char def[SMB_PERIOD_TEXT] = "";
		if (smb_store_prepare(s,
		        "SELECT start_period, months FROM adoption WHERE client_id = ?1 AND initiative_id = ?2", &q, e) ==
		    SMB_OK) {
			smb_bind_text(q, 1, client);
			smb_bind_text(q, 2, initiative);
			if (sqlite3_step(q) == SQLITE_ROW) {
				smb_period p;
				if (smb_period_parse((const char *)sqlite3_column_text(q, 0), &p, NULL, 0) == 0) {
					smb_period m = smb_period_of_day(smb_period_first_day(&p), SMB_PERIOD_MONTH);
					int extra = (int)ceil(sqlite3_column_double(q, 1)) - 1;
					int idx = m.year * 12 + (m.index - 1) + (extra > 0 ? extra : 0);
					m.year = idx / 12;
					m.index = idx % 12 + 1;
					smb_period_format(&m, def);
				}
			}
			sqlite3_finalize(q);
		}
		smb_bind_text(st, 7, def[0] ? def : NULL);
	}
	smb_now_iso(now);
	smb_bind_text(st, 8, now);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = smb_store_error(s, "updating an initiative", e);
	else if (sqlite3_changes(s->db) == 0)
		rc = smb_err_set(e, SMB_ENOINPUT, "%s has not adopted %s (adopt it with 'smbopt initiative adopt')", client,
		                 initiative);
	sqlite3_finalize(st);
	return rc;
}

int smb_adoption_list(smb_store *s, const char *client, smb_adoption **out, size_t *n, smb_err *e)
{
	sqlite3_stmt *st;
	smb_adoption *v = NULL;
	size_t len = 0;
	int rc, step;

	*out = NULL;
	*n = 0;
	if ((rc = smb_store_prepare(s,
	        "SELECT client_id, initiative_id, status, start_period, end_period, owner, goal_id, cost, hours,"
	        " actual_cost, actual_hours, effect FROM adoption WHERE client_id = ?1 ORDER BY start_period, initiative_id",
	        &st, e)))
		return rc;
	smb_bind_text(st, 1, client);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		smb_adoption *nv = realloc(v, (len + 1) * sizeof *v), *a;
		if (!nv)
			break;
		v = nv;
		a = &v[len++];
		a->client_id = smb_column_strdup(st, 0);
		a->initiative_id = smb_column_strdup(st, 1);
		a->status = smb_column_strdup(st, 2);
		a->start_period = smb_column_strdup(st, 3);
		a->end_period = smb_column_strdup(st, 4);
		a->owner = smb_column_strdup(st, 5);
		a->goal_id = sqlite3_column_int64(st, 6);
		a->cost = sqlite3_column_double(st, 7);
		a->hours = sqlite3_column_double(st, 8);
		a->actual_cost = sqlite3_column_type(st, 9) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 9);
		a->actual_hours = sqlite3_column_type(st, 10) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 10);
		a->effect = smb_column_strdup(st, 11);
	}
	rc = step == SQLITE_DONE ? SMB_OK : step == SQLITE_ROW ? smb_err_set(e, SMB_ESOFTWARE, "out of memory")
	                                                       : smb_store_error(s, "listing initiatives", e);
	sqlite3_finalize(st);
	if (rc) {
		smb_adoption_list_free(v, len);
		return rc;
	}
	*out = v;
	*n = len;
	return SMB_OK;
}

void smb_adoption_list_free(smb_adoption *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].client_id);
		free(v[i].initiative_id);
		free(v[i].status);
		free(v[i].start_period);
		free(v[i].end_period);
		free(v[i].owner);
		free(v[i].effect);
	}
	free(v);
}

/* The assessment of the client whose period ends last before day `before`
 * (want_after = 0), or starts first after day `after` (want_after = 1). */
static long long assessment_around(smb_store *s, const char *client, long day, int want_after)
{
	sqlite3_stmt *st;
	long long best = 0;
	long best_day = 0;
	smb_err e;

	if (smb_store_prepare(s, "SELECT id, period FROM assessment WHERE client_id = ?1" SMB_NOT_WITHDRAWN " ORDER BY id", &st, &e))
		return 0;
	smb_bind_text(st, 1, client);
	while (sqlite3_step(st) == SQLITE_ROW) {
		smb_period p;
		long d;
		if (smb_period_parse((const char *)sqlite3_column_text(st, 1), &p, NULL, 0))
			continue;
		d = want_after ? smb_period_first_day(&p) : smb_period_last_day(&p);
		/* later assessments of the same period win (they are newer) */
		if (want_after ? (d > day && (!best || d < best_day)) : (d < day && (!best || d >= best_day))) {
			best = sqlite3_column_int64(st, 0);
			best_day = d;
		}
	}
	sqlite3_finalize(st);
	return best;
}

/* The assessment of the period a year before assessment `id`'s: the
 * latest stored one, else a cycle run now (not written); NULL when neither. */
static smb_assessment *year_before(smb_store *s, const smb_registry *r, const char *client, long long id)
{
	smb_assessment *a = NULL, *y = NULL;
	smb_period p, q;
	char text[SMB_PERIOD_TEXT];
	sqlite3_stmt *st;
	smb_err e;
	long long yid = 0;

	if (smb_assessment_load(s, id, &a, &e))
		return NULL;
	if (smb_period_parse(a->period, &p, NULL, 0) == 0) {
		q = smb_period_year_ago(&p);
		smb_period_format(&q, text);
		if (smb_store_prepare(s, "SELECT id FROM assessment WHERE client_id = ?1 AND period = ?2 ORDER BY id DESC"
		                         " LIMIT 1", &st, &e) == SMB_OK) {
			smb_bind_text(st, 1, client);
			smb_bind_text(st, 2, text);
			if (sqlite3_step(st) == SQLITE_ROW)
				yid = sqlite3_column_int64(st, 0);
			sqlite3_finalize(st);
		}
		if (yid ? smb_assessment_load(s, yid, &y, &e) != SMB_OK : 1) {
			smb_cycle_opts o = { 0 };
			o.client = client;
			o.period = text;
			o.industry = a->industry;
			if (smb_cycle_run(s, r, &o, &y, &e))
				y = NULL;
		}
	}
	smb_assessment_free(a);
	return y;
}

static double value_in(const smb_assessment *a, const char *key)
{
	const smb_ametric *m = smb_assessment_metric(a, key);
	return m ? m->value : NAN;
}

/* Subtracts from each realised change of the initiative the change of the
 * same metric over the same periods a year before, where both are known. */
static int year_on_year(smb_store *s, const smb_registry *r, const char *client, const char *initiative,
                        long long from, long long to, smb_err *e)
{
	smb_assessment *ya = year_before(s, r, client, from), *yb = ya ? year_before(s, r, client, to) : NULL;
	sqlite3_stmt *sel = NULL, *upd = NULL;
	int rc = SMB_OK;

	if (!ya || !yb)
		goto out;
	if ((rc = smb_store_prepare(s, "SELECT metric, expected, realised FROM calibration WHERE client_id = ?1"
	                               " AND initiative_id = ?2", &sel, e)) ||
	    (rc = smb_store_prepare(s, "UPDATE calibration SET realised = ?4, ratio = ?5, basis = 'year_on_year'"
	                               " WHERE client_id = ?1 AND initiative_id = ?2 AND metric = ?3", &upd, e)))
		goto out;
	smb_bind_text(sel, 1, client);
	smb_bind_text(sel, 2, initiative);
	while (rc == SMB_OK && sqlite3_step(sel) == SQLITE_ROW) {
		const char *metric = (const char *)sqlite3_column_text(sel, 0);
		double expected = sqlite3_column_double(sel, 1), realised = sqlite3_column_double(sel, 2);
		double before = value_in(yb, metric) - value_in(ya, metric);
		if (isnan(before))
			continue;   /* not known a year before: stays sequential */
		realised -= before;
		smb_bind_text(upd, 1, client);
		smb_bind_text(upd, 2, initiative);
		smb_bind_text(upd, 3, metric);
		sqlite3_bind_double(upd, 4, realised);
		if (expected != 0)
			sqlite3_bind_double(upd, 5, realised / expected);
		else
			sqlite3_bind_null(upd, 5);
		if (sqlite3_step(upd) != SQLITE_DONE)
			rc = smb_store_error(s, "recording realised effects", e);
		sqlite3_reset(upd);
	}
out:
	sqlite3_finalize(sel);
	sqlite3_finalize(upd);
	smb_assessment_free(ya);
	smb_assessment_free(yb);
	return rc;
}

int smb_adoption_realise(smb_store *s, const smb_registry *r, const char *client, size_t *count, smb_err *e)
{
	smb_adoption *v;
	size_t n;
	sqlite3_stmt *st = NULL;
	int rc;

	*count = 0;
	if ((rc = smb_adoption_list(s, client, &v, &n, e)))
		return rc;
	/* Realised change of each promised metric between the two assessments;
	 * json_each reads the effect copied at adoption. */
	rc = smb_store_prepare(s,
	        "INSERT INTO calibration(client_id, initiative_id, metric, expected, realised, ratio, from_assessment, to_assessment,"
	        " basis) SELECT ?1, ?2, e.key, e.value, b.value - a.value,"
	        "  CASE WHEN e.value <> 0 THEN (b.value - a.value) / e.value END, ?3, ?4, 'sequential'"
	        " FROM json_each(?5) e JOIN assessment_metric a ON a.assessment_id = ?3 AND a.metric = e.key"
	        " JOIN assessment_metric b ON b.assessment_id = ?4 AND b.metric = e.key"
	        " WHERE a.value IS NOT NULL AND b.value IS NOT NULL"
	        " ON CONFLICT(client_id, initiative_id, metric) DO UPDATE SET expected = excluded.expected,"
	        " realised = excluded.realised, ratio = excluded.ratio, from_assessment = excluded.from_assessment,"
	        " to_assessment = excluded.to_assessment, basis = excluded.basis", &st, e);
	for (size_t i = 0; rc == SMB_OK && i < n; i++) {
		smb_period start, end;
		long long from, to;
		if (strcmp(v[i].status, "done") != 0 || !v[i].end_period ||
		    smb_period_parse(v[i].start_period, &start, NULL, 0) || smb_period_parse(v[i].end_period, &end, NULL, 0))
			continue;
		from = assessment_around(s, client, smb_period_first_day(&start), 0);
		to = assessment_around(s, client, smb_period_last_day(&end), 1);
		if (!from || !to)
			continue;   /* not measurable yet: no assessment on one side */
		smb_bind_text(st, 1, client);
		smb_bind_text(st, 2, v[i].initiative_id);
		sqlite3_bind_int64(st, 3, from);
		sqlite3_bind_int64(st, 4, to);
		smb_bind_text(st, 5, v[i].effect);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = smb_store_error(s, "recording realised effects", e);
		else
			*count += (size_t)sqlite3_changes(s->db);
		sqlite3_reset(st);
		if (rc == SMB_OK && r)
			rc = year_on_year(s, r, client, v[i].initiative_id, from, to, e);
	}
	sqlite3_finalize(st);
	smb_adoption_list_free(v, n);
	return rc;
}
