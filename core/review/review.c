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
