/* core/review/review.c — comparing two assessments. Attribution re-scores the
 * earlier period's data with the loaded method: data part = new − X,
 * method part = X − old, so the parts add up to the change exactly; with
 * equal fingerprints X is the old result and the method part is zero. */
#include "review.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cycle.h"
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
	        : "SELECT id FROM assessment WHERE client_id = ?1 AND period = ?3 ORDER BY id DESC LIMIT 1", &st, e)))
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

	if ((rc = smb_store_prepare(s, "SELECT id FROM assessment WHERE client_id = ?1 ORDER BY id DESC LIMIT 2", &st, e)))
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
	        "SELECT initiative_id, metric, expected, realised, ratio FROM calibration WHERE client_id = ?1"
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
	}
	sqlite3_finalize(st);
	return SMB_OK;
}

static const smb_ametric *metric_of(const smb_assessment *a, const char *key)
{
	for (size_t i = 0; a && i < a->nmetrics; i++)
		if (strcmp(a->metrics[i].key, key) == 0)
			return &a->metrics[i];
	return NULL;
}

int smb_review_run(smb_store *s, const smb_registry *r, const char *client, const char *from, const char *to,
                   smb_review *rv, smb_err *e)
{
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
	if ((rc = smb_assessment_load(s, a, &rv->from, e)) || (rc = smb_assessment_load(s, b, &rv->to, e)))
		goto fail;
	rv->same_method = strcmp(rv->from->fingerprint, rv->to->fingerprint) == 0;
	if (!rv->same_method) {
		smb_cycle_opts o = { 0 };
		o.client = client;
		o.period = rv->from->period;
		o.industry = rv->to->industry;
		smb_aggregate_parse(rv->to->aggregate, &o.aggregate);
		if ((rc = smb_cycle_run(s, r, &o, &rv->rescored, e)))
			goto fail;
		rv->method_is_loaded = strcmp(rv->rescored->fingerprint, rv->to->fingerprint) == 0;
	} else {
		rv->method_is_loaded = 1;
	}
	if ((rc = smb_goal_list(s, client, &rv->goals, &rv->ngoals, e)))
		goto fail;
	rv->goal_status = calloc(rv->ngoals + 1, sizeof *rv->goal_status);
	for (size_t i = 0; rv->goal_status && i < rv->ngoals; i++) {
		const smb_ametric *m = metric_of(rv->to, rv->goals[i].metric);
		smb_goal_review *g = &rv->goal_status[i];
		g->value = m ? m->value : NAN;
		g->status = smb_goal_status_at(&rv->goals[i], rv->to->period, g->value, &g->progress, &g->expected);
	}
	if ((rc = smb_adoption_realise(s, client, &realised, e)) ||
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

/* ---- rendering ---------------------------------------------------------- */

typedef struct moved {
	const smb_ametric *a, *b;
	double delta;            /* score points */
} moved;

static int by_delta(const void *x, const void *y)
{
	const moved *p = x, *q = y;
	return (p->delta < q->delta) - (p->delta > q->delta);
}

/* Metrics scored in both, by score change, largest rise first. */
static moved *movers(const smb_review *rv, size_t *n)
{
	moved *v = calloc(rv->to->nmetrics + 1, sizeof *v);

	*n = 0;
	for (size_t i = 0; v && i < rv->to->nmetrics; i++) {
		const smb_ametric *b = &rv->to->metrics[i], *a = metric_of(rv->from, b->key);
		if (!a || isnan(a->score) || isnan(b->score) || a->score == b->score)
			continue;
		v[*n].a = a;
		v[*n].b = b;
		v[(*n)++].delta = b->score - a->score;
	}
	if (v && *n > 1)
		qsort(v, *n, sizeof *v, by_delta);
	return v;
}

static int has_finding(const smb_assessment *a, const char *rule)
{
	for (size_t i = 0; i < a->nfindings; i++)
		if (strcmp(a->findings[i].rule_id, rule) == 0)
			return 1;
	return 0;
}

/* A metric's value for the text, or for one beyond measure the reason
 * (its source), never a placeholder number. */
static const char *value_str(const smb_ametric *m, char *buf, size_t len)
{
	if (isinf(m->value))
		snprintf(buf, len, "none: %s", m->source ? m->source : "beyond measure");
	else
		snprintf(buf, len, "%g", m->value);
	return buf;
}

static double diff(double a, double b)
{
	return isnan(a) || isnan(b) ? NAN : b - a;
}

static void num(smb_json *j, double v)
{
	if (isnan(v))
		smb_json_null(j);
	else
		smb_json_number(j, v);
}

static void attribution_json(smb_json *j, double from, double to, double x, int same)
{
	double total = diff(from, to);
	smb_json_object_begin(j);
	smb_json_key(j, "total");
	num(j, total);
	smb_json_key(j, "data");
	num(j, same ? total : diff(x, to));
	smb_json_key(j, "method");
	num(j, same ? (isnan(total) ? NAN : 0) : diff(from, x));
	smb_json_object_end(j);
}

static void render_json(const smb_review *rv, smb_buf *out)
{
	const smb_assessment *A = rv->from, *B = rv->to, *X = rv->rescored;
	smb_json j;
	moved *mv;
	size_t nmv;

	smb_json_init(&j, out, 1);
	smb_json_object_begin(&j);
	smb_json_key(&j, "client");
	smb_json_string(&j, B->client_id);
	smb_json_key(&j, "from");
	smb_json_object_begin(&j);
	smb_json_key(&j, "assessment");
	smb_json_integer(&j, A->id);
	smb_json_key(&j, "period");
	smb_json_string(&j, A->period);
	smb_json_key(&j, "fingerprint");
	smb_json_string(&j, A->fingerprint);
	smb_json_object_end(&j);
	smb_json_key(&j, "to");
	smb_json_object_begin(&j);
	smb_json_key(&j, "assessment");
	smb_json_integer(&j, B->id);
	smb_json_key(&j, "period");
	smb_json_string(&j, B->period);
	smb_json_key(&j, "fingerprint");
	smb_json_string(&j, B->fingerprint);
	smb_json_object_end(&j);
	smb_json_key(&j, "overall");
	smb_json_object_begin(&j);
	smb_json_key(&j, "from");
	num(&j, A->overall);
	smb_json_key(&j, "to");
	num(&j, B->overall);
	smb_json_key(&j, "delta");
	num(&j, diff(A->overall, B->overall));
	smb_json_key(&j, "level_from");
	smb_json_string(&j, A->level);
	smb_json_key(&j, "level_to");
	smb_json_string(&j, B->level);
	smb_json_object_end(&j);
	smb_json_key(&j, "areas");
	smb_json_object_begin(&j);
	for (int k = 0; k < 5; k++) {
		smb_json_key(&j, smb_areas[k]);
		smb_json_object_begin(&j);
		smb_json_key(&j, "from");
		num(&j, A->areas[k].score);
		smb_json_key(&j, "to");
		num(&j, B->areas[k].score);
		smb_json_key(&j, "delta");
		num(&j, diff(A->areas[k].score, B->areas[k].score));
		smb_json_key(&j, "level_from");
		smb_json_string(&j, A->areas[k].level);
		smb_json_key(&j, "level_to");
		smb_json_string(&j, B->areas[k].level);
		smb_json_object_end(&j);
	}
	smb_json_object_end(&j);
	mv = movers(rv, &nmv);
	smb_json_key(&j, "metrics");
	smb_json_object_begin(&j);
	for (int side = 0; side < 2; side++) {
		smb_json_key(&j, side ? "down" : "up");
		smb_json_array_begin(&j);
		for (size_t k = 0, shown = 0; mv && k < nmv && shown < 5; k++) {
			const moved *m = &mv[side ? nmv - 1 - k : k];
			if (side ? m->delta >= 0 : m->delta <= 0)
				break;
			smb_json_object_begin(&j);
			smb_json_key(&j, "key");
			smb_json_string(&j, m->b->key);
			smb_json_key(&j, "value_from");
			num(&j, m->a->value);
			smb_json_key(&j, "value_to");
			num(&j, m->b->value);
			smb_json_key(&j, "score_from");
			num(&j, m->a->score);
			smb_json_key(&j, "score_to");
			num(&j, m->b->score);
			smb_json_key(&j, "score_delta");
			num(&j, m->delta);
			smb_json_object_end(&j);
			shown++;
		}
		smb_json_array_end(&j);
	}
	smb_json_object_end(&j);
	free(mv);
	smb_json_key(&j, "findings");
	smb_json_object_begin(&j);
	{
		static const char *const names[] = { "new", "resolved", "persisting" };
		for (int g = 0; g < 3; g++) {
			const smb_assessment *src = g == 1 ? A : B, *other = g == 1 ? B : A;
			smb_json_key(&j, names[g]);
			smb_json_array_begin(&j);
			for (size_t i = 0; i < src->nfindings; i++) {
				int in_other = has_finding(other, src->findings[i].rule_id);
				if ((g == 2) != in_other)
					continue;
				smb_json_object_begin(&j);
				smb_json_key(&j, "rule");
				smb_json_string(&j, src->findings[i].rule_id);
				smb_json_key(&j, "kind");
				smb_json_string(&j, src->findings[i].kind);
				smb_json_key(&j, "title");
				smb_json_string(&j, src->findings[i].title);
				smb_json_object_end(&j);
			}
			smb_json_array_end(&j);
		}
	}
	smb_json_object_end(&j);
	smb_json_key(&j, "goals");
	smb_json_array_begin(&j);
	for (size_t i = 0; i < rv->ngoals; i++) {
		const smb_goal *g = &rv->goals[i];
		const smb_goal_review *st = &rv->goal_status[i];
		smb_json_object_begin(&j);
		smb_json_key(&j, "id");
		smb_json_integer(&j, g->id);
		smb_json_key(&j, "metric");
		smb_json_string(&j, g->metric);
		smb_json_key(&j, "baseline");
		smb_json_number(&j, g->baseline);
		smb_json_key(&j, "target");
		smb_json_number(&j, g->target);
		smb_json_key(&j, "deadline");
		smb_json_string(&j, g->deadline);
		smb_json_key(&j, "owner");
		smb_json_string(&j, g->owner);
		smb_json_key(&j, "value");
		num(&j, st->value);
		smb_json_key(&j, "progress");
		num(&j, st->progress);
		smb_json_key(&j, "expected");
		num(&j, st->expected);
		smb_json_key(&j, "status");
		smb_json_string(&j, smb_goal_status_name(st->status));
		smb_json_object_end(&j);
	}
	smb_json_array_end(&j);
	smb_json_key(&j, "initiatives");
	smb_json_array_begin(&j);
	for (size_t i = 0; i < rv->nadoptions; i++) {
		const smb_adoption *ad = &rv->adoptions[i];
		smb_json_object_begin(&j);
		smb_json_key(&j, "id");
		smb_json_string(&j, ad->initiative_id);
		smb_json_key(&j, "status");
		smb_json_string(&j, ad->status);
		smb_json_key(&j, "start");
		smb_json_string(&j, ad->start_period);
		smb_json_key(&j, "end");
		smb_json_string(&j, ad->end_period);
		smb_json_key(&j, "cost");
		smb_json_number(&j, ad->cost);
		smb_json_key(&j, "actual_cost");
		num(&j, ad->actual_cost);
		smb_json_key(&j, "hours");
		smb_json_number(&j, ad->hours);
		smb_json_key(&j, "actual_hours");
		num(&j, ad->actual_hours);
		smb_json_key(&j, "effects");
		smb_json_array_begin(&j);
		for (size_t c = 0; c < rv->ncal; c++) {
			if (strcmp(rv->cal[c].initiative_id, ad->initiative_id) != 0)
				continue;
			smb_json_object_begin(&j);
			smb_json_key(&j, "metric");
			smb_json_string(&j, rv->cal[c].metric);
			smb_json_key(&j, "expected");
			smb_json_number(&j, rv->cal[c].expected);
			smb_json_key(&j, "realised");
			smb_json_number(&j, rv->cal[c].realised);
			smb_json_key(&j, "ratio");
			num(&j, rv->cal[c].ratio);
			smb_json_object_end(&j);
		}
		smb_json_array_end(&j);
		smb_json_object_end(&j);
	}
	smb_json_array_end(&j);
	smb_json_key(&j, "attribution");
	smb_json_object_begin(&j);
	smb_json_key(&j, "same_method");
	smb_json_bool(&j, rv->same_method);
	smb_json_key(&j, "method_is_loaded");
	smb_json_bool(&j, rv->method_is_loaded);
	smb_json_key(&j, "overall");
	attribution_json(&j, A->overall, B->overall, X ? X->overall : NAN, rv->same_method);
	smb_json_key(&j, "areas");
	smb_json_object_begin(&j);
	for (int k = 0; k < 5; k++) {
		smb_json_key(&j, smb_areas[k]);
		attribution_json(&j, A->areas[k].score, B->areas[k].score, X ? X->areas[k].score : NAN, rv->same_method);
	}
	smb_json_object_end(&j);
	smb_json_object_end(&j);
	smb_json_object_end(&j);
	smb_buf_putc(out, '\n');
}

static void score_text(char *buf, size_t len, double v)
{
	snprintf(buf, len, isnan(v) ? "-" : "%.1f", v);
}

static void render_text(const smb_review *rv, smb_buf *out, int md)
{
	const smb_assessment *A = rv->from, *B = rv->to, *X = rv->rescored;
	const char *h = md ? "## " : "";
	char f[16], t[16], d[16], va[320], vb[320];
	moved *mv;
	size_t nmv;

	smb_buf_printf(out, "%sReview of %s (%s): %s (#%lld) -> %s (#%lld)\n\n", md ? "# " : "", B->client_name,
	               B->client_id, A->period, A->id, B->period, B->id);
	score_text(f, sizeof f, A->overall);
	score_text(t, sizeof t, B->overall);
	score_text(d, sizeof d, diff(A->overall, B->overall));
	smb_buf_printf(out, "%sOverall %s -> %s (%s%s), %s -> %s\n\n", h, f, t, isnan(diff(A->overall, B->overall)) ? "" :
	               diff(A->overall, B->overall) >= 0 ? "+" : "", d, A->level ? A->level : "-", B->level ? B->level : "-");
	if (md)
		smb_buf_puts(out, "| area | from | to | change | data | method |\n|---|---:|---:|---:|---:|---:|\n");
	else
		smb_buf_printf(out, "  %-11s %6s %6s %7s   %7s %7s\n", "area", "from", "to", "change", "data", "method");
	for (int k = 0; k < 5; k++) {
		double total = diff(A->areas[k].score, B->areas[k].score);
		double data = rv->same_method ? total : diff(X ? X->areas[k].score : NAN, B->areas[k].score);
		double method = rv->same_method ? (isnan(total) ? NAN : 0) : diff(A->areas[k].score, X ? X->areas[k].score : NAN);
		char dd[16], mm[16];
		score_text(f, sizeof f, A->areas[k].score);
		score_text(t, sizeof t, B->areas[k].score);
		snprintf(d, sizeof d, isnan(total) ? "-" : "%+.1f", total);
		snprintf(dd, sizeof dd, isnan(data) ? "-" : "%+.1f", data);
		snprintf(mm, sizeof mm, isnan(method) ? "-" : "%+.1f", method);
		smb_buf_printf(out, md ? "| %s | %s | %s | %s | %s | %s |\n" : "  %-11s %6s %6s %7s   %7s %7s\n", smb_areas[k],
		               f, t, d, dd, mm);
	}
	smb_buf_printf(out, "%s\n", rv->same_method ? "  (same method: all change is in the data)"
	               : rv->method_is_loaded ? "  (methods differ: the earlier period re-scored with the later method)"
	               : "  (methods differ, and the loaded method is not the later one's: the split uses the loaded method)");
	mv = movers(rv, &nmv);
	smb_buf_printf(out, "\n%sMetrics that moved most (score points)\n", h);
	for (size_t k = 0; mv && k < nmv && k < 5 && mv[k].delta > 0; k++)
		smb_buf_printf(out, "%s%-40s %+6.1f  (%s -> %s)\n", md ? "- " : "  up   ", mv[k].b->key, mv[k].delta,
		               value_str(mv[k].a, va, sizeof va), value_str(mv[k].b, vb, sizeof vb));
	for (size_t k = 0; mv && k < nmv && k < 5 && mv[nmv - 1 - k].delta < 0; k++)
		smb_buf_printf(out, "%s%-40s %+6.1f  (%s -> %s)\n", md ? "- " : "  down ", mv[nmv - 1 - k].b->key,
		               mv[nmv - 1 - k].delta, value_str(mv[nmv - 1 - k].a, va, sizeof va),
		               value_str(mv[nmv - 1 - k].b, vb, sizeof vb));
	free(mv);
	smb_buf_printf(out, "\n%sFindings\n", h);
	for (size_t i = 0; i < B->nfindings; i++)
		smb_buf_printf(out, "%s%-10s [%s] %s\n", md ? "- " : "  ", has_finding(A, B->findings[i].rule_id) ? "persisting" : "new",
		               B->findings[i].rule_id, B->findings[i].title);
	for (size_t i = 0; i < A->nfindings; i++)
		if (!has_finding(B, A->findings[i].rule_id))
			smb_buf_printf(out, "%s%-10s [%s] %s\n", md ? "- " : "  ", "resolved", A->findings[i].rule_id,
			               A->findings[i].title);
	smb_buf_printf(out, "\n%sGoals\n", h);
	if (!rv->ngoals)
		smb_buf_puts(out, "  none\n");
	for (size_t i = 0; i < rv->ngoals; i++) {
		const smb_goal *g = &rv->goals[i];
		const smb_goal_review *st = &rv->goal_status[i];
		smb_buf_printf(out, "%s#%lld %-34s %g -> %g by %s: now %g, progress %.0f%% of %.0f%% expected: %s%s%s\n",
		               md ? "- " : "  ", g->id, g->metric, g->baseline, g->target, g->deadline, st->value,
		               100 * st->progress, 100 * st->expected, smb_goal_status_name(st->status),
		               g->owner ? ", owner " : "", g->owner ? g->owner : "");
	}
	smb_buf_printf(out, "\n%sInitiatives\n", h);
	if (!rv->nadoptions)
		smb_buf_puts(out, "  none\n");
	for (size_t i = 0; i < rv->nadoptions; i++) {
		const smb_adoption *ad = &rv->adoptions[i];
		smb_buf_printf(out, "%s%-24s %-11s from %s%s%s", md ? "- " : "  ", ad->initiative_id, ad->status,
		               ad->start_period, ad->end_period ? " to " : "", ad->end_period ? ad->end_period : "");
		if (!isnan(ad->actual_cost))
			smb_buf_printf(out, ", cost %.0f of %.0f planned", ad->actual_cost, ad->cost);
		smb_buf_putc(out, '\n');
		for (size_t c = 0; c < rv->ncal; c++)
			if (strcmp(rv->cal[c].initiative_id, ad->initiative_id) == 0)
				smb_buf_printf(out, "%s%s: realised %+g vs expected %+g (ratio %.2f)\n", md ? "  - " : "      ",
				               rv->cal[c].metric, rv->cal[c].realised, rv->cal[c].expected, rv->cal[c].ratio);
	}
}

int smb_review_render(const smb_review *rv, const char *format, smb_buf *out)
{
	if (strcmp(format, "json") == 0)
		render_json(rv, out);
	else if (strcmp(format, "text") == 0 || strcmp(format, "md") == 0)
		render_text(rv, out, format[0] == 'm');
	else
		return -1;
	return out->failed ? -1 : 0;
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
	static const char *const cols[] = { "initiative", "metric", "count#", "median_ratio#", "clients#" };
	sqlite3_stmt *st;
	smb_table t;
	double *ratios = NULL;
	size_t n = 0, cap = 0;
	char cur_i[256] = "", cur_m[256] = "";
	int rc, clients = 0;

	if ((rc = smb_store_prepare(s,
	        "SELECT initiative_id, metric, ratio, (SELECT count(DISTINCT client_id) FROM calibration c2"
	        "  WHERE c2.initiative_id = c.initiative_id AND c2.metric = c.metric)"
	        " FROM calibration c WHERE ratio IS NOT NULL ORDER BY initiative_id, metric", &st, e)))
		return rc;
	smb_table_init(&t, 5, cols);
	for (int step = sqlite3_step(st);; step = sqlite3_step(st)) {
		const char *i = step == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
		const char *m = step == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 1) : NULL;
		if (n && (!i || strcmp(i, cur_i) || strcmp(m, cur_m))) {
			char count[32], median[32], cl[32];
			const char *row[5] = { cur_i, cur_m, count, median, cl };
			qsort(ratios, n, sizeof *ratios, by_double);
			snprintf(count, sizeof count, "%zu", n);
			snprintf(median, sizeof median, "%.4f", n % 2 ? ratios[n / 2] : (ratios[n / 2 - 1] + ratios[n / 2]) / 2);
			snprintf(cl, sizeof cl, "%d", clients);
			smb_table_add(&t, row);
			n = 0;
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
	}
	sqlite3_finalize(st);
	free(ratios);
	if (smb_table_render(&t, format, out))
		rc = smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	smb_table_free(&t);
	return rc;
}
