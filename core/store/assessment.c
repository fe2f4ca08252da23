/* core/store/assessment.c — storing and reading assessments. A write is one
 * transaction; the schema's triggers refuse any later update or delete. */
#include "assessment.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "kind.h"

static void bind_num(sqlite3_stmt *st, int i, double v)
{
	if (isnan(v))
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_double(st, i, v);
}

static double col_num(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NAN : sqlite3_column_double(st, i);
}

/* Runs one prepared insert per row; fill binds row i. */
static int step_done(smb_store *s, sqlite3_stmt *st, const char *what, smb_err *e)
{
	int rc = sqlite3_step(st) == SQLITE_DONE ? SMB_OK : smb_store_error(s, what, e);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}

int smb_assessment_write(smb_store *s, smb_assessment *a, smb_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = smb_store_begin(s, e)))
		return rc;
	if ((rc = smb_store_prepare(s,
	        "INSERT INTO assessment(client_id, period, created, industry, aggregate, overall, level,"
	        " overall_reason, partial, fingerprint, method) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)", &st, e)))
		goto fail;
	smb_bind_text(st, 1, a->client_id);
	smb_bind_text(st, 2, a->period);
	smb_bind_text(st, 3, a->created);
	smb_bind_text(st, 4, a->industry);
	smb_bind_text(st, 5, a->aggregate);
	bind_num(st, 6, a->overall);
	smb_bind_text(st, 7, a->level);
	smb_bind_text(st, 8, a->overall_reason);
	sqlite3_bind_int(st, 9, a->partial);
	smb_bind_text(st, 10, a->fingerprint);
	smb_bind_text(st, 11, a->method);
	if ((rc = step_done(s, st, "writing the assessment", e)))
		goto fail;
	sqlite3_finalize(st);
	a->id = sqlite3_last_insert_rowid(s->db);

	if ((rc = smb_store_prepare(s,
	        "INSERT INTO assessment_area(assessment_id, area, score, level, coverage, weight, reason)"
	        " VALUES (?1,?2,?3,?4,?5,?6,?7)", &st, e)))
		goto fail;
	for (int i = 0; i < 5; i++) {
		sqlite3_bind_int64(st, 1, a->id);
		smb_bind_text(st, 2, smb_areas[i]);
		bind_num(st, 3, a->areas[i].score);
		smb_bind_text(st, 4, a->areas[i].level);
		sqlite3_bind_double(st, 5, a->areas[i].coverage);
		sqlite3_bind_double(st, 6, a->areas[i].weight);
		smb_bind_text(st, 7, a->areas[i].reason);
		if ((rc = step_done(s, st, "writing area scores", e)))
			goto fail;
	}
	sqlite3_finalize(st);

	if ((rc = smb_store_prepare(s,
	        "INSERT INTO assessment_metric(assessment_id, metric, area, label, unit, value, score, weight, origin,"
	        " source, worst, best, goalposts_source, goalposts_industry) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)",
	        &st, e)))
		goto fail;
	for (size_t i = 0; i < a->nmetrics; i++) {
		const smb_ametric *m = &a->metrics[i];
		sqlite3_bind_int64(st, 1, a->id);
		smb_bind_text(st, 2, m->key);
		smb_bind_text(st, 3, smb_areas[m->area]);
		smb_bind_text(st, 4, m->label);
		smb_bind_text(st, 5, m->unit);
		bind_num(st, 6, m->value);
		bind_num(st, 7, m->score);
		sqlite3_bind_double(st, 8, m->weight);
		smb_bind_text(st, 9, m->origin);
		smb_bind_text(st, 10, m->source);
		bind_num(st, 11, m->has_goalposts ? m->worst : NAN);
		bind_num(st, 12, m->has_goalposts ? m->best : NAN);
		smb_bind_text(st, 13, m->gp_source);
		smb_bind_text(st, 14, m->gp_industry);
		if ((rc = step_done(s, st, "writing metric scores", e)))
			goto fail;
	}
	sqlite3_finalize(st);

	if ((rc = smb_store_prepare(s,
	        "INSERT INTO assessment_finding(assessment_id, seq, rule_id, area, kind, severity, title, detail,"
	        " evidence, recommend) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)", &st, e)))
		goto fail;
	for (size_t i = 0; i < a->nfindings; i++) {
		const smb_afinding *f = &a->findings[i];
		sqlite3_bind_int64(st, 1, a->id);
		sqlite3_bind_int64(st, 2, (long long)i);
		smb_bind_text(st, 3, f->rule_id);
		smb_bind_text(st, 4, smb_areas[f->area]);
		smb_bind_text(st, 5, f->kind);
		smb_bind_text(st, 6, f->severity);
		smb_bind_text(st, 7, f->title);
		smb_bind_text(st, 8, f->detail);
		smb_bind_text(st, 9, f->evidence);
		smb_bind_text(st, 10, f->recommend);
		if ((rc = step_done(s, st, "writing findings", e)))
			goto fail;
	}
	sqlite3_finalize(st);

	if ((rc = smb_store_prepare(s,
	        "INSERT INTO assessment_recommendation(assessment_id, rank, initiative_id, area, title, gain, priority,"
	        " cost, hours, months, confidence, effect, findings, resolve, value, resolve_note, base_confidence,"
	        " confidence_note, under_way, since, until)"
	        " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21)", &st, e)))
		goto fail;
	/* The recommended first, then those under way: rank orders both. */
	for (size_t i = 0; i < a->nrecs + a->nunderway; i++) {
		const smb_arec *r = i < a->nrecs ? &a->recs[i] : &a->underway[i - a->nrecs];
		sqlite3_bind_int64(st, 1, a->id);
		sqlite3_bind_int64(st, 2, (long long)i + 1);
		smb_bind_text(st, 3, r->initiative_id);
		smb_bind_text(st, 4, smb_areas[r->area]);
		smb_bind_text(st, 5, r->title);
		sqlite3_bind_double(st, 6, r->gain);
		sqlite3_bind_double(st, 7, r->priority);
		sqlite3_bind_double(st, 8, r->cost);
		sqlite3_bind_double(st, 9, r->hours);
		sqlite3_bind_double(st, 10, r->months);
		sqlite3_bind_double(st, 11, r->confidence);
		smb_bind_text(st, 12, r->effect);
		smb_bind_text(st, 13, r->findings);
		sqlite3_bind_double(st, 14, r->resolve);
		sqlite3_bind_double(st, 15, r->value);
		smb_bind_text(st, 16, r->resolve_note);
		sqlite3_bind_double(st, 17, r->base_confidence);
		smb_bind_text(st, 18, r->confidence_note);
		smb_bind_text(st, 19, r->under_way);
		smb_bind_text(st, 20, r->since);
		smb_bind_text(st, 21, r->until);
		if ((rc = step_done(s, st, "writing recommendations", e)))
			goto fail;
	}
	sqlite3_finalize(st);

	if ((rc = smb_store_prepare(s, "INSERT INTO assessment_error(assessment_id, seq, what, message) VALUES (?1,?2,?3,?4)",
	                            &st, e)))
		goto fail;
	for (size_t i = 0; i < a->nerrors; i++) {
		sqlite3_bind_int64(st, 1, a->id);
		sqlite3_bind_int64(st, 2, (long long)i);
		smb_bind_text(st, 3, a->errors[i].what);
		smb_bind_text(st, 4, a->errors[i].message);
		if ((rc = step_done(s, st, "writing errors", e)))
			goto fail;
	}
	sqlite3_finalize(st);

	if ((rc = smb_store_prepare(s, "INSERT INTO assessment_model(assessment_id, model, field, value) VALUES (?1,?2,?3,?4)",
	                            &st, e)))
		goto fail;
	for (size_t i = 0; i < a->nmodels; i++) {
		sqlite3_bind_int64(st, 1, a->id);
		smb_bind_text(st, 2, a->models[i].model);
		smb_bind_text(st, 3, a->models[i].field);
		bind_num(st, 4, a->models[i].value);
		if ((rc = step_done(s, st, "writing model outputs", e)))
			goto fail;
	}
	sqlite3_finalize(st);

	if ((rc = smb_store_prepare(s, "INSERT INTO assessment_quality(assessment_id, seq, kind, metric, detail)"
	                            " VALUES (?1,?2,?3,?4,?5)", &st, e)))
		goto fail;
	for (size_t i = 0; i < a->nquality; i++) {
		sqlite3_bind_int64(st, 1, a->id);
		sqlite3_bind_int64(st, 2, (long long)i);
		smb_bind_text(st, 3, a->quality[i].kind);
		smb_bind_text(st, 4, a->quality[i].metric);
		smb_bind_text(st, 5, a->quality[i].detail);
		if ((rc = step_done(s, st, "writing the data-quality section", e)))
			goto fail;
	}
	sqlite3_finalize(st);
	st = NULL;
	return smb_store_commit(s, e);
fail:
	sqlite3_finalize(st);
	smb_store_rollback(s);
	a->id = 0;
	return rc;
}

/* Reads the rows of one child table of assessment id through fill. */
typedef int (*row_fn)(smb_assessment *a, sqlite3_stmt *st);

static int read_rows(smb_store *s, smb_assessment *a, const char *sql, row_fn fill, smb_err *e)
{
	sqlite3_stmt *st;
	int rc, step;

	if ((rc = smb_store_prepare(s, sql, &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, a->id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		if (fill(a, st)) {
			sqlite3_finalize(st);
			return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
		}
	rc = step == SQLITE_DONE ? SMB_OK : smb_store_error(s, "reading an assessment", e);
	sqlite3_finalize(st);
	return rc;
}

static int area_index_of(sqlite3_stmt *st, int col)
{
	const char *t = (const char *)sqlite3_column_text(st, col);
	int i = t ? smb_area_index(t) : -1;
	return i < 0 ? 0 : i;
}

static int fill_area(smb_assessment *a, sqlite3_stmt *st)
{
	smb_aarea *ar = &a->areas[area_index_of(st, 0)];

	ar->score = col_num(st, 1);
	ar->level = smb_column_strdup(st, 2);
	ar->coverage = sqlite3_column_double(st, 3);
	ar->weight = sqlite3_column_double(st, 4);
	ar->reason = smb_column_strdup(st, 5);
	return 0;
}

#define GROW(arr, n) do { \
		void *nv_ = realloc((arr), ((n) + 1) * sizeof *(arr)); \
		if (!nv_) return -1; \
		(arr) = nv_; \
		memset(&(arr)[n], 0, sizeof *(arr)); \
	} while (0)

static int fill_quality(smb_assessment *a, sqlite3_stmt *st)
{
	smb_aquality *q;

	GROW(a->quality, a->nquality);
	q = &a->quality[a->nquality++];
	q->kind = smb_column_strdup(st, 0);
	q->metric = smb_column_strdup(st, 1);
	q->detail = smb_column_strdup(st, 2);
	return q->kind && q->detail ? 0 : -1;
}

static int fill_metric(smb_assessment *a, sqlite3_stmt *st)
{
	smb_ametric *m;

	GROW(a->metrics, a->nmetrics);
	m = &a->metrics[a->nmetrics++];
	m->key = smb_column_strdup(st, 0);
	m->area = area_index_of(st, 1);
	m->label = smb_column_strdup(st, 2);
	m->unit = smb_column_strdup(st, 3);
	m->value = col_num(st, 4);
	m->score = col_num(st, 5);
	m->weight = sqlite3_column_double(st, 6);
	m->origin = smb_column_strdup(st, 7);
	m->source = smb_column_strdup(st, 8);
	m->has_goalposts = sqlite3_column_type(st, 9) != SQLITE_NULL;
	m->worst = col_num(st, 9);
	m->best = col_num(st, 10);
	m->gp_source = smb_column_strdup(st, 11);
	m->gp_industry = smb_column_strdup(st, 12);
	return m->key ? 0 : -1;
}

static int fill_finding(smb_assessment *a, sqlite3_stmt *st)
{
	smb_afinding *f;

	GROW(a->findings, a->nfindings);
	f = &a->findings[a->nfindings++];
	f->rule_id = smb_column_strdup(st, 0);
	f->area = area_index_of(st, 1);
	f->kind = smb_column_strdup(st, 2);
	f->severity = smb_column_strdup(st, 3);
	f->title = smb_column_strdup(st, 4);
	f->detail = smb_column_strdup(st, 5);
	f->evidence = smb_column_strdup(st, 6);
	f->recommend = smb_column_strdup(st, 7);
	return f->rule_id ? 0 : -1;
}

/* Rows of assessments written before migration 4 have no value: it was
 * the gain then, with nothing for the findings resolved. */
static int fill_rec(smb_assessment *a, sqlite3_stmt *st)
{
	smb_arec *r;

	if (sqlite3_column_type(st, 16) != SQLITE_NULL) {
		GROW(a->underway, a->nunderway);
		r = &a->underway[a->nunderway++];
	} else {
		GROW(a->recs, a->nrecs);
		r = &a->recs[a->nrecs++];
	}
	memset(r, 0, sizeof *r);
	r->initiative_id = smb_column_strdup(st, 0);
	r->area = area_index_of(st, 1);
	r->title = smb_column_strdup(st, 2);
	r->gain = sqlite3_column_double(st, 3);
	r->priority = sqlite3_column_double(st, 4);
	r->cost = sqlite3_column_double(st, 5);
	r->hours = sqlite3_column_double(st, 6);
	r->months = sqlite3_column_double(st, 7);
	r->confidence = sqlite3_column_double(st, 8);
	r->effect = smb_column_strdup(st, 9);
	r->findings = smb_column_strdup(st, 10);
	r->resolve = sqlite3_column_double(st, 11);
	r->value = sqlite3_column_type(st, 12) == SQLITE_NULL ? r->gain : sqlite3_column_double(st, 12);
	r->resolve_note = smb_column_strdup(st, 13);
	r->base_confidence = sqlite3_column_type(st, 14) == SQLITE_NULL ? r->confidence : sqlite3_column_double(st, 14);
	r->confidence_note = smb_column_strdup(st, 15);
	r->under_way = smb_column_strdup(st, 16);
	r->since = smb_column_strdup(st, 17);
	r->until = smb_column_strdup(st, 18);
	return r->initiative_id ? 0 : -1;
}

static int fill_error(smb_assessment *a, sqlite3_stmt *st)
{
	GROW(a->errors, a->nerrors);
	a->errors[a->nerrors].what = smb_column_strdup(st, 0);
	a->errors[a->nerrors].message = smb_column_strdup(st, 1);
	return a->errors[a->nerrors++].what ? 0 : -1;
}

static int fill_model(smb_assessment *a, sqlite3_stmt *st)
{
	GROW(a->models, a->nmodels);
	a->models[a->nmodels].model = smb_column_strdup(st, 0);
	a->models[a->nmodels].field = smb_column_strdup(st, 1);
	a->models[a->nmodels].value = col_num(st, 2);
	return a->models[a->nmodels++].model ? 0 : -1;
}

static smb_assessment *summary_row(sqlite3_stmt *st)
{
	smb_assessment *a = calloc(1, sizeof *a);

	if (!a)
		return NULL;
	a->id = sqlite3_column_int64(st, 0);
	a->client_id = smb_column_strdup(st, 1);
	a->period = smb_column_strdup(st, 2);
	a->created = smb_column_strdup(st, 3);
	a->industry = smb_column_strdup(st, 4);
	a->aggregate = smb_column_strdup(st, 5);
	a->overall = col_num(st, 6);
	a->level = smb_column_strdup(st, 7);
	a->overall_reason = smb_column_strdup(st, 8);
	a->partial = sqlite3_column_int(st, 9);
	a->fingerprint = smb_column_strdup(st, 10);
	a->method = smb_column_strdup(st, 11);
	a->client_name = smb_column_strdup(st, 12);
	a->withdrawn = smb_column_strdup(st, 13);
	a->currency = smb_column_strdup(st, 14);
	for (int i = 0; i < 5; i++)
		a->areas[i].score = NAN;
	return a;
}

#define SUMMARY_SQL "SELECT a.id, a.client_id, a.period, a.created, a.industry, a.aggregate, a.overall, a.level," \
	" a.overall_reason, a.partial, a.fingerprint, a.method, c.name, w.withdrawn, c.currency FROM assessment a" \
	" JOIN client c ON c.id = a.client_id LEFT JOIN assessment_withdrawal w ON w.assessment_id = a.id"

int smb_assessment_load(smb_store *s, long long id, smb_assessment **out, smb_err *e)
{
	sqlite3_stmt *st;
	smb_assessment *a = NULL;
	int rc, step;

	*out = NULL;
	if ((rc = smb_store_prepare(s, SUMMARY_SQL " WHERE a.id = ?1", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW && !(a = summary_row(st)))
		rc = smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	else if (step == SQLITE_DONE)
		rc = smb_err_set(e, SMB_ENOINPUT, "no assessment %lld in %s (see 'smbopt assessments CLIENT')", id, s->path);
	else if (step != SQLITE_ROW)
		rc = smb_store_error(s, "reading an assessment", e);
	sqlite3_finalize(st);
	if (rc)
		return rc;
	if ((rc = read_rows(s, a, "SELECT area, score, level, coverage, weight, reason FROM assessment_area"
	                          " WHERE assessment_id = ?1", fill_area, e)) ||
	    (rc = read_rows(s, a, "SELECT metric, area, label, unit, value, score, weight, origin, source, worst, best,"
	                          " goalposts_source, goalposts_industry FROM assessment_metric WHERE assessment_id = ?1"
	                          " ORDER BY rowid", fill_metric, e)) ||
	    (rc = read_rows(s, a, "SELECT rule_id, area, kind, severity, title, detail, evidence, recommend"
	                          " FROM assessment_finding WHERE assessment_id = ?1 ORDER BY seq", fill_finding, e)) ||
	    (rc = read_rows(s, a, "SELECT initiative_id, area, title, gain, priority, cost, hours, months, confidence,"
	                          " effect, findings, resolve, value, resolve_note, base_confidence, confidence_note, under_way, since,"
	                          " until FROM assessment_recommendation WHERE assessment_id = ?1 ORDER BY rank",
	                    fill_rec, e)) ||
	    (rc = read_rows(s, a, "SELECT what, message FROM assessment_error WHERE assessment_id = ?1 ORDER BY seq",
	                    fill_error, e)) ||
	    (rc = read_rows(s, a, "SELECT model, field, value FROM assessment_model WHERE assessment_id = ?1"
	                          " ORDER BY rowid", fill_model, e)) ||
	    (rc = read_rows(s, a, "SELECT kind, metric, detail FROM assessment_quality WHERE assessment_id = ?1"
	                          " ORDER BY seq", fill_quality, e))) {
		smb_assessment_free(a);
		return rc;
	}
	a->industry_defaults = strstr(a->method ? a->method : "", "\"industry_defaults\":true") != NULL;
	*out = a;
	return SMB_OK;
}

int smb_assessment_list(smb_store *s, const char *client, smb_assessment ***out, size_t *n, smb_err *e)
{
	sqlite3_stmt *st;
	smb_assessment **v = NULL;
	size_t len = 0;
	int rc, step;

	*out = NULL;
	*n = 0;
	if ((rc = smb_store_prepare(s, SUMMARY_SQL " WHERE a.client_id = ?1 AND w.withdrawn IS NULL ORDER BY a.id", &st, e)))
		return rc;
	smb_bind_text(st, 1, client);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		smb_assessment **nv = realloc(v, (len + 1) * sizeof *v);
		if (!nv || !(nv[len] = summary_row(st))) {
			v = nv ? nv : v;
			break;
		}
		v = nv;
		len++;
	}
	if (step == SQLITE_ROW)
		rc = smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	else if (step != SQLITE_DONE)
		rc = smb_store_error(s, "listing assessments", e);
	sqlite3_finalize(st);
	if (rc) {
		smb_assessment_list_free(v, len);
		return rc;
	}
	*out = v;
	*n = len;
	return SMB_OK;
}

int smb_assessment_add_error(smb_assessment *a, const char *what, const char *fmt, ...)
{
	smb_buf b;
	va_list ap;

	GROW(a->errors, a->nerrors);
	smb_buf_init(&b);
	va_start(ap, fmt);
	smb_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	a->errors[a->nerrors].what = strdup(what);
	a->errors[a->nerrors].message = strdup(smb_buf_str(&b));
	smb_buf_free(&b);
	a->nerrors++;
	a->partial = 1;
	return 0;
}

int smb_assessment_add_quality(smb_assessment *a, const char *kind, const char *metric, const char *fmt, ...)
{
	smb_aquality *q;
	smb_buf b;
	va_list ap;

	GROW(a->quality, a->nquality);
	q = &a->quality[a->nquality];
	smb_buf_init(&b);
	va_start(ap, fmt);
	smb_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	q->kind = strdup(kind);
	q->metric = metric ? strdup(metric) : NULL;
	q->detail = b.failed ? NULL : strdup(smb_buf_str(&b));
	smb_buf_free(&b);
	a->nquality++;
	return q->kind && q->detail && (!metric || q->metric) ? 0 : -1;
}

int smb_assessment_set_model(smb_assessment *a, const char *model, const char *field, double value)
{
	for (size_t i = 0; i < a->nmodels; i++)
		if (strcmp(a->models[i].model, model) == 0 && strcmp(a->models[i].field, field) == 0) {
			a->models[i].value = value;
			return 0;
		}
	GROW(a->models, a->nmodels);
	a->models[a->nmodels].model = strdup(model);
	a->models[a->nmodels].field = strdup(field);
	a->models[a->nmodels].value = value;
	if (!a->models[a->nmodels].model || !a->models[a->nmodels].field)
		return -1;
	a->nmodels++;
	return 0;
}

void smb_arec_clear(smb_arec *r)
{
	free(r->initiative_id);
	free(r->title);
	free(r->effect);
	free(r->findings);
	free(r->resolve_note);
	free(r->confidence_note);
	free(r->under_way);
	free(r->since);
	free(r->until);
	memset(r, 0, sizeof *r);
}

int smb_assessment_withdraw(smb_store *s, long long id, const char *reason, smb_err *e)
{
	smb_assessment *a;
	sqlite3_stmt *st;
	char now[32];
	int rc;

	if ((rc = smb_assessment_load(s, id, &a, e)))
		return rc;
	if (a->withdrawn) {
		rc = smb_err_set(e, SMB_EDATA, "assessment %lld was withdrawn already (%s)", id, a->withdrawn);
		smb_assessment_free(a);
		return rc;
	}
	smb_assessment_free(a);
	smb_now_iso(now);
	if ((rc = smb_store_prepare(s, "INSERT INTO assessment_withdrawal(assessment_id, withdrawn, reason) VALUES (?1,?2,?3)",
	                            &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	smb_bind_text(st, 2, now);
	smb_bind_text(st, 3, reason);
	rc = sqlite3_step(st) == SQLITE_DONE ? SMB_OK : smb_store_error(s, "withdrawing the assessment", e);
	sqlite3_finalize(st);
	return rc;
}

void smb_assessment_free(smb_assessment *a)
{
	if (!a)
		return;
	free(a->client_id);
	free(a->client_name);
	free(a->currency);
	free(a->industry);
	free(a->period);
	free(a->created);
	free(a->aggregate);
	free(a->level);
	free(a->overall_reason);
	free(a->fingerprint);
	free(a->method);
	for (int i = 0; i < 5; i++) {
		free(a->areas[i].level);
		free(a->areas[i].reason);
	}
	for (size_t i = 0; i < a->nmetrics; i++) {
		smb_ametric *m = &a->metrics[i];
		free(m->key);
		free(m->label);
		free(m->unit);
		free(m->origin);
		free(m->source);
		free(m->gp_source);
		free(m->gp_industry);
	}
	free(a->metrics);
	for (size_t i = 0; i < a->nfindings; i++) {
		smb_afinding *f = &a->findings[i];
		free(f->rule_id);
		free(f->kind);
		free(f->severity);
		free(f->title);
		free(f->detail);
		free(f->evidence);
		free(f->recommend);
	}
	free(a->findings);
	for (size_t i = 0; i < a->nrecs + a->nunderway; i++)
		smb_arec_clear(i < a->nrecs ? &a->recs[i] : &a->underway[i - a->nrecs]);
	free(a->recs);
	free(a->underway);
	free(a->withdrawn);
	for (size_t i = 0; i < a->nerrors; i++) {
		free(a->errors[i].what);
		free(a->errors[i].message);
	}
	free(a->errors);
	for (size_t i = 0; i < a->nmodels; i++) {
		free(a->models[i].model);
		free(a->models[i].field);
	}
	free(a->models);
	for (size_t i = 0; i < a->nquality; i++) {
		free(a->quality[i].kind);
		free(a->quality[i].metric);
		free(a->quality[i].detail);
	}
	free(a->quality);
	free(a);
}

void smb_assessment_list_free(smb_assessment **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		smb_assessment_free(v[i]);
	free(v);
}

const smb_ametric *smb_assessment_metric(const smb_assessment *a, const char *key)
{
	for (size_t i = 0; a && i < a->nmetrics; i++)
		if (strcmp(a->metrics[i].key, key) == 0)
			return &a->metrics[i];
	return NULL;
}
