/* core/review/season.c — seasonality for reviews. A bookshop's December is not
 * a trend: for a seasonal client the review also compares a period with the
 * same period a year earlier, scored with the later assessment's method so
 * the comparison is of data only. */
#include "season.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attribution.h"
#include "cycle.h"
#include "period.h"

double smb_seasonal_strength(const double *y, size_t n)
{
	double sx = 0, sy = 0, sxx = 0, sxy = 0, b, a, mean[12] = { 0 }, vd = 0, vr = 0;
	size_t years = n / 12, m;

	if (n < 24)
		return NAN;
	y += n - years * 12;
	m = years * 12;
	for (size_t t = 0; t < m; t++) {
		sx += (double)t;
		sy += y[t];
		sxx += (double)t * (double)t;
		sxy += (double)t * y[t];
	}
	b = (m * sxy - sx * sy) / (m * sxx - sx * sx);
	a = (sy - b * sx) / m;
	for (size_t t = 0; t < m; t++)
		mean[t % 12] += (y[t] - a - b * (double)t) / (double)years;
	for (size_t t = 0; t < m; t++) {
		double d = y[t] - a - b * (double)t, r = d - mean[t % 12];
		vd += d * d;
		vr += r * r;
	}
	return vd > 0 ? fmax(0, 1 - vr / vd) : NAN;
}

/* The trailing run of consecutive months of finance.revenue ending at or
 * before day `last`. */
static int revenue_months(smb_store *s, const char *client, long last, double **out, size_t *n, smb_err *e)
{
	sqlite3_stmt *st;
	double *v = NULL;
	int rc, prev = 0;

	*n = 0;
	if ((rc = smb_store_prepare(s,
	        "SELECT period, value FROM observation WHERE client_id = ?1 AND metric = 'finance.revenue'"
	        " AND period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' ORDER BY period", &st, e)))
		return rc;
	smb_bind_text(st, 1, client);
	while (sqlite3_step(st) == SQLITE_ROW) {
		smb_period p;
		double *nv;
		int ord;
		if (smb_period_parse((const char *)sqlite3_column_text(st, 0), &p, NULL, 0) || smb_period_last_day(&p) > last)
			continue;
		ord = p.year * 12 + p.index;
		if (*n && ord != prev + 1)
			*n = 0;   /* a gap: start the run again */
		prev = ord;
		if (!(nv = realloc(v, (*n + 1) * sizeof *v)))
			break;
		v = nv;
		v[(*n)++] = sqlite3_column_double(st, 1);
	}
	sqlite3_finalize(st);
	*out = v;
	return SMB_OK;
}

/* The review's notes are short: one line each. */
#define printed(...) (snprintf(note, sizeof note, __VA_ARGS__), strdup(note))

static int detect(smb_store *s, smb_review *rv, smb_err *e)
{
	char note[512];
	smb_period p;
	double *y = NULL, f;
	size_t n;
	int rc;

	if (smb_period_parse(rv->to->period, &p, NULL, 0))
		return SMB_OK;
	if ((rc = revenue_months(s, rv->to->client_id, smb_period_last_day(&p), &y, &n, e)))
		return rc;
	f = rv->season_strength = smb_seasonal_strength(y, n);
	free(y);
	if (isnan(f))
		rv->season_why = printed("not detected: finance.revenue has %zu consecutive months up to %s; detection needs 24",
		                         n, rv->to->period);
	else {
		rv->seasonal = f >= SMB_SEASONAL_STRENGTH;
		rv->season_why = printed("%s: finance.revenue's seasonal strength is %.2f over the last %zu months (seasonal"
		                         " from %.2f)", rv->seasonal ? "detected" : "not seasonal", f, n / 12 * 12,
		                         SMB_SEASONAL_STRENGTH);
	}
	return SMB_OK;
}

static long long stored_of(smb_store *s, const char *client, const char *period)
{
	sqlite3_stmt *st;
	long long id = 0;
	smb_err e;

	if (smb_store_prepare(s, "SELECT id FROM assessment WHERE client_id = ?1 AND period = ?2 ORDER BY id DESC LIMIT 1",
	                      &st, &e))
		return 0;
	smb_bind_text(st, 1, client);
	smb_bind_text(st, 2, period);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

static double year_value(const char *key, void *ud)
{
	const smb_ametric *m = smb_assessment_metric(ud, key);
	return m ? m->value : NAN;
}

/* The year-earlier values: its stored assessment's when there is one,
 * else a cycle run now (not written) with the loaded computations. */
static int year_earlier(smb_store *s, const smb_registry *r, smb_review *rv, smb_err *e)
{
	char note[SMB_ERR_MAX + 128];
	smb_period p, y;
	char text[SMB_PERIOD_TEXT];
	long long id;
	int rc;

	if (smb_period_parse(rv->to->period, &p, NULL, 0))
		return SMB_OK;
	y = smb_period_year_ago(&p);
	smb_period_format(&y, text);
	rv->year_period = strdup(text);
	if ((id = stored_of(s, rv->to->client_id, text))) {
		if ((rc = smb_assessment_load(s, id, &rv->year, e)))
			return rc;
		rv->year_source = printed("the values of assessment #%lld, scored with the later assessment's method", id);
	} else {
		smb_cycle_opts o = { 0 };
		smb_err ignored;
		o.client = rv->to->client_id;
		o.period = text;
		o.industry = rv->to->industry;
		if (smb_cycle_run(s, r, &o, &rv->year, &ignored)) {
			rv->year = NULL;
			rv->year_source = printed("no assessment of %s, and its values could not be computed: %s", text,
			                          ignored.msg);
			return SMB_OK;
		}
		rv->year_source = printed("no assessment of %s: its values computed now from the stored observations with the loaded"
		                          " playbooks and plugins,"
		                          " scored with the later assessment's method", text);
	}
	smb_method_score(&rv->mto, year_value, rv->year, 1, NULL, rv->year_area, &rv->year_overall);
	return SMB_OK;
}

int smb_review_season(smb_store *s, const smb_registry *r, smb_review *rv, int forced, smb_err *e)
{
	int rc;

	rv->year_overall = rv->season_strength = NAN;
	for (int k = 0; k < 5; k++)
		rv->year_area[k] = NAN;
	if (forced >= 0) {
		rv->seasonal = forced;
		rv->season_why = strdup(forced ? "set: --seasonal yes" : "set: --seasonal no");
	} else if ((rc = detect(s, rv, e))) {
		return rc;
	}
	return rv->seasonal ? year_earlier(s, r, rv, e) : SMB_OK;
}
