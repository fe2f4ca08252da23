/* core/review/review.c — comparing two assessments: finding them, loading them
 * with their stored methods, and the parts (attribution.c, season.c) that
 * say why they differ; review_render.c prints it. */
#include "review.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attribution.h"
#include "cycle.h"
#include "season.h"
#include "escape.h"
#include "json.h"
#include "kind.h"
#include "period.h"
#include "table.h"

static int find_assessment(smb_store *s, const char *client, const char *spec, long long *id, smb_err *e)
{
	sqlite3_stmt *st;
	int rc, step, numeric = spec && *spec;

	for (const char *p = spec; p && *p; p++)
		numeric &= isdigit((unsigned char)*p) != 0;
	if ((rc = smb_store_prepare(s, numeric
	        ? "SELECT id FROM assessment WHERE client_id = ?1 AND id = ?2"
	        : "SELECT id FROM assessment WHERE client_id = ?1 AND period = ?3" SMB_NOT_WITHDRAWN " ORDER BY id DESC LIMIT 1",
	        &st, e)))
		return rc;
	smb_bind_text(st, 1, client);
	if (numeric)
		sqlite3_bind_int64(st, 2, atoll(spec));
	else
		smb_bind_text(st, 3, spec);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else if (step == SQLITE_DONE)
		rc = smb_err_set(e, SMB_ENOINPUT, "%s has no assessment %s%s", client, numeric ? "#" : "of ", spec);
	else
		rc = smb_store_error(s, "finding an assessment", e);
	sqlite3_finalize(st);
	return rc;
}

static int last_two(smb_store *s, const char *client, long long *from, long long *to, smb_err *e)
{
	sqlite3_stmt *st;
	int rc, n = 0;

	if ((rc = smb_store_prepare(s, "SELECT id FROM assessment WHERE client_id = ?1" SMB_NOT_WITHDRAWN " ORDER BY id DESC LIMIT 2", &st, e)))
		return rc;
	smb_bind_text(st, 1, client);
	while (sqlite3_step(st) == SQLITE_ROW)
		*(n++ ? from : to) = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (n < 2)
		return smb_err_set(e, SMB_EDATA, "a review needs two assessments of %s; it has %d", client, n);
	return SMB_OK;
}

static int load_calibration(smb_store *s, const char *client, smb_review *rv, smb_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = smb_store_prepare(s,
	        "SELECT initiative_id, metric, expected, realised, ratio, basis FROM calibration WHERE client_id = ?1"
	        " ORDER BY initiative_id, metric", &st, e)))
		return rc;
	smb_bind_text(st, 1, client);
	while (sqlite3_step(st) == SQLITE_ROW) {
		smb_calibration *nv = realloc(rv->cal, (rv->ncal + 1) * sizeof *nv), *c;
		if (!nv)
			break;
		rv->cal = nv;
		c = &rv->cal[rv->ncal++];
		c->initiative_id = strdup((const char *)sqlite3_column_text(st, 0));
		c->metric = strdup((const char *)sqlite3_column_text(st, 1));
		c->expected = sqlite3_column_double(st, 2);
		c->realised = sqlite3_column_double(st, 3);
		c->ratio = sqlite3_column_type(st, 4) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 4);
		c->year_on_year = strcmp((const char *)sqlite3_column_text(st, 5), "year_on_year") == 0;
	}
	sqlite3_finalize(st);
	return SMB_OK;
}

/* The earlier period re-assessed now with the loaded method: it tells
 * whether the loaded method is the later one's and gives the later
 * computations' values for the earlier inputs. Not a failure when it
 * cannot run (the split does not need it). */
static void rescore(smb_store *s, const smb_registry *r, smb_review *rv)
{
	smb_cycle_opts o = { 0 };
	smb_err ignored;

	o.client = rv->to->client_id;
	o.period = rv->from->period;
	o.industry = rv->to->industry;
	o.aggregate = rv->mto.aggregate;
	o.coverage = rv->mto.coverage;
	o.settings = rv->mto.settings;
	o.nsettings = rv->mto.nsettings;
	if (smb_cycle_run(s, r, &o, &rv->rescored, &ignored))
		rv->rescored = NULL;
	rv->method_is_loaded = rv->rescored && strcmp(rv->rescored->fingerprint, rv->to->fingerprint) == 0;
}

int smb_review_run(smb_store *s, const smb_registry *r, const char *client, const smb_review_opts *o,
                   smb_review *rv, smb_err *e)
{
	const char *from = o ? o->from : NULL, *to = o ? o->to : NULL;
	long long a = 0, b = 0;
	size_t realised;
	int rc;

	memset(rv, 0, sizeof *rv);
	if (from && (rc = find_assessment(s, client, from, &a, e)))
		return rc;
	if (to && (rc = find_assessment(s, client, to, &b, e)))
		return rc;
	if (!from || !to) {
		long long la, lb;
		if ((rc = last_two(s, client, &la, &lb, e)))
			return rc;
		if (!from)
			a = to ? (b == lb ? la : lb) : la;
		if (!to)
			b = lb == a ? la : lb;
	}
	if ((rc = smb_assessment_load(s, a, &rv->from, e)) || (rc = smb_assessment_load(s, b, &rv->to, e)) ||
	    (rc = smb_method_load(s, a, &rv->mfrom, e)) || (rc = smb_method_load(s, b, &rv->mto, e)))
		goto fail;
	rv->same_method = strcmp(rv->from->fingerprint, rv->to->fingerprint) == 0;
	if (!rv->same_method)
		rescore(s, r, rv);
	else
		rv->method_is_loaded = -1;   /* not checked: nothing needs it */
	if (smb_review_compute_changes(rv) || smb_review_split(rv) || smb_review_coverage(rv) || smb_review_findings(rv)) {
		rc = smb_err_set(e, SMB_ESOFTWARE, "out of memory");
		goto fail;
	}
	if ((rc = smb_review_season(s, r, rv, o ? o->seasonal : -1, e)))
		goto fail;
	if ((rc = smb_goal_list(s, client, &rv->goals, &rv->ngoals, e)))
		goto fail;
	rv->goal_status = calloc(rv->ngoals + 1, sizeof *rv->goal_status);
	for (size_t i = 0; rv->goal_status && i < rv->ngoals; i++) {
		const smb_ametric *m = smb_assessment_metric(rv->to, rv->goals[i].metric);
		smb_goal_review *g = &rv->goal_status[i];
		g->status = smb_goal_review_at(s, &rv->goals[i], rv->to->period, m ? m->value : NAN, &g->value, &g->progress,
		                               &g->expected);
	}
	/* A read-only workspace shows the realised effects as last recorded. */
	if ((!s->readonly && (rc = smb_adoption_realise(s, rv->seasonal ? r : NULL, client, &realised, e))) ||
	    (rc = smb_adoption_list(s, client, &rv->adoptions, &rv->nadoptions, e)) ||
	    (rc = load_calibration(s, client, rv, e)))
		goto fail;
	return SMB_OK;
fail:
	smb_review_free(rv);
	return rc;
}

void smb_review_free(smb_review *rv)
{
	for (size_t i = 0; i < rv->ncov; i++)
		free(rv->cov[i].reason);
	free(rv->cov);
	for (size_t i = 0; i < rv->nfch; i++)
		free(rv->fch[i].missing);
	free(rv->fch);
	for (size_t i = 0; i < rv->ncch; i++) {
		free(rv->cch[i].part);
		free(rv->cch[i].note);
	}
	free(rv->cch);
	free(rv->settings_diff);
	free(rv->settings_note);
	free(rv->season_why);
	free(rv->year_period);
	free(rv->year_source);
	smb_assessment_free(rv->year);
	smb_method_free(&rv->mfrom);
	smb_method_free(&rv->mto);
	smb_assessment_free(rv->from);
	smb_assessment_free(rv->to);
	smb_assessment_free(rv->rescored);
	smb_goal_list_free(rv->goals, rv->ngoals);
	free(rv->goal_status);
	smb_adoption_list_free(rv->adoptions, rv->nadoptions);
	for (size_t i = 0; i < rv->ncal; i++) {
		free(rv->cal[i].initiative_id);
		free(rv->cal[i].metric);
	}
	free(rv->cal);
	memset(rv, 0, sizeof *rv);
}

/* ---- history and calibration -------------------------------------------- */

static const char *spark(double v)
{
	static const char *const bars[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	if (isnan(v))
		return " ";
	int i = (int)(v / 12.5);
	return bars[i < 0 ? 0 : i > 7 ? 7 : i];
}

int smb_history(smb_store *s, const char *client, const char *format, smb_buf *out, smb_err *e)
{
	static const char *const cols[] = { "id#", "period", "overall#", "operations#", "marketing#", "finance#",
	                                    "customer#", "technology#", "fingerprint" };
	smb_assessment **v;
	size_t n;
	smb_table t;
	int rc;

	if ((rc = smb_assessment_list(s, client, &v, &n, e)))
		return rc;
	smb_table_init(&t, 9, cols);
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *st;
		char cells[9][32];
		const char *row[9];
		if (smb_store_prepare(s, "SELECT area, score FROM assessment_area WHERE assessment_id = ?1", &st, e) == SMB_OK) {
			sqlite3_bind_int64(st, 1, v[i]->id);
			while (sqlite3_step(st) == SQLITE_ROW) {
				int k = smb_area_index((const char *)sqlite3_column_text(st, 0));
				if (k >= 0)
					v[i]->areas[k].score = sqlite3_column_type(st, 1) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 1);
			}
			sqlite3_finalize(st);
		}
		snprintf(cells[0], 32, "%lld", v[i]->id);
		snprintf(cells[1], 32, "%s", v[i]->period);
		snprintf(cells[2], 32, "%.1f", v[i]->overall);
		for (int k = 0; k < 5; k++)
			snprintf(cells[3 + k], 32, "%.1f", v[i]->areas[k].score);
		snprintf(cells[8], 32, "%.12s", v[i]->fingerprint);
		for (int c = 0; c < 9; c++)
			row[c] = strcmp(cells[c], "nan") ? cells[c] : NULL;
		smb_table_add(&t, row);
	}
	if (smb_table_render(&t, format, out))
		rc = smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	if (rc == SMB_OK && strcmp(format, "text") == 0 && n) {
		smb_buf_puts(out, "\ntrend (one bar per assessment, oldest first)\n");
		for (int k = -1; k < 5; k++) {
			smb_buf_printf(out, "  %-11s ", k < 0 ? "overall" : smb_areas[k]);
			for (size_t i = 0; i < n; i++)
				smb_buf_puts(out, spark(k < 0 ? v[i]->overall : v[i]->areas[k].score));
			smb_buf_putc(out, '\n');
		}
	}
	smb_table_free(&t);
	smb_assessment_list_free(v, n);
	return rc;
}

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int smb_calibration_summary(smb_store *s, const char *format, smb_buf *out, smb_err *e)
{
	/* year_on_year: how many of the ratios are measured against the same
	 * periods a year before (seasonal clients); the rest are sequential. */
	static const char *const cols[] = { "initiative", "metric", "count#", "median_ratio#", "clients#", "year_on_year#" };
	sqlite3_stmt *st;
	smb_table t;
	double *ratios = NULL;
	size_t n = 0, cap = 0;
	char cur_i[256] = "", cur_m[256] = "";
	int rc, clients = 0, yoy = 0;

	if ((rc = smb_store_prepare(s,
	        "SELECT initiative_id, metric, ratio, (SELECT count(DISTINCT client_id) FROM calibration c2"
	        "  WHERE c2.initiative_id = c.initiative_id AND c2.metric = c.metric), basis = 'year_on_year'"
	        " FROM calibration c WHERE ratio IS NOT NULL ORDER BY initiative_id, metric", &st, e)))
		return rc;
	smb_table_init(&t, 6, cols);
	for (int step = sqlite3_step(st);; step = sqlite3_step(st)) {
		const char *i = step == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
		const char *m = step == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 1) : NULL;
		if (n && (!i || strcmp(i, cur_i) || strcmp(m, cur_m))) {
			char count[32], median[32], cl[32], yy[32];
			const char *row[6] = { cur_i, cur_m, count, median, cl, yy };
			qsort(ratios, n, sizeof *ratios, by_double);
			snprintf(count, sizeof count, "%zu", n);
			snprintf(median, sizeof median, "%.4f", n % 2 ? ratios[n / 2] : (ratios[n / 2 - 1] + ratios[n / 2]) / 2);
			snprintf(cl, sizeof cl, "%d", clients);
			snprintf(yy, sizeof yy, "%d", yoy);
			smb_table_add(&t, row);
			n = 0;
			yoy = 0;
		}
		if (!i)
			break;
		snprintf(cur_i, sizeof cur_i, "%s", i);
		snprintf(cur_m, sizeof cur_m, "%s", m);
		clients = sqlite3_column_int(st, 3);
		if (n == cap) {
			double *nv = realloc(ratios, (cap = cap ? 2 * cap : 16) * sizeof *nv);
			if (!nv)
				break;
			ratios = nv;
		}
		ratios[n++] = sqlite3_column_double(st, 2);
		yoy += sqlite3_column_int(st, 4);
	}
	sqlite3_finalize(st);
	free(ratios);
	if (smb_table_render(&t, format, out))
		rc = smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	smb_table_free(&t);
	return rc;
}
