/* core/review/review_render.c — a review as text, Markdown or JSON
 * (docs/schema/review.schema.json). Text and Markdown name metrics by their
 * labels; JSON gives keys and labels. Every part read from the smb_review,
 * so the three formats say the same. */
#include "review.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attribution.h"
#include "escape.h"
#include "json.h"
#include "kind.h"

static const char *const fstatus_name[] = { "new", "persisting", "resolved", "not_evaluated", "withdrawn" };

/* The decomposition's order, as the JSON states it. */
#define ORDER "coverage (earlier), method, data, coverage (later)"

typedef struct moved {
	const smb_ametric *a, *b;
	double delta;            /* score points */
	double method;           /* of which the goalposts moved */
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
		const smb_ametric *b = &rv->to->metrics[i], *a = smb_assessment_metric(rv->from, b->key);
		if (!a || isnan(a->score) || isnan(b->score) || a->score == b->score)
			continue;
		v[*n].a = a;
		v[*n].b = b;
		v[*n].method = smb_review_metric_method(rv, a);
		if (isnan(v[*n].method) || fabs(v[*n].method) < 1e-9)
			v[*n].method = 0;
		v[*n].delta = b->score - a->score;
		(*n)++;
	}
	if (v && *n > 1)
		qsort(v, *n, sizeof *v, by_delta);
	return v;
}

/* "value fell 8.2%; score rose 66.7 points because the goalposts moved" */
static void why(const moved *m, smb_buf *out)
{
	double va = m->a->value, vb = m->b->value, data = m->delta - m->method;

	if (va == vb)
		smb_buf_puts(out, "value unchanged");
	else if (isinf(vb))
		smb_buf_puts(out, "now beyond measure");
	else if (isinf(va))
		smb_buf_printf(out, "value now %g, beyond measure before", vb);
	else if (va != 0)
		smb_buf_printf(out, "value %s %.1f%%", vb > va ? "rose" : "fell", 100 * fabs((vb - va) / va));
	else
		smb_buf_printf(out, "value %s from 0 to %g", vb > va ? "rose" : "fell", vb);
	smb_buf_printf(out, "; score %s %.1f points", m->delta > 0 ? "rose" : "fell", fabs(m->delta));
	if (m->method == 0)
		smb_buf_puts(out, (vb > va) == (m->delta > 0) ? " with the value" : " with the value (lower is better)");
	else if (fabs(data) < 1e-9)
		smb_buf_puts(out, " because the goalposts moved");
	else
		smb_buf_printf(out, " because the goalposts moved (%+.1f from the goalposts, %+.1f from the value)", m->method,
		               data);
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

static const char *label_of(const smb_review *rv, const char *key)
{
	const smb_ametric *m = smb_assessment_metric(rv->to, key);
	if (!m)
		m = smb_assessment_metric(rv->from, key);
	return m ? m->label : key;
}

/* ---- JSON --------------------------------------------------------------- */

static void side_json(smb_json *j, const char *name, const smb_assessment *a)
{
	smb_json_key(j, name);
	smb_json_object_begin(j);
	smb_json_key(j, "assessment");
	smb_json_integer(j, a->id);
	smb_json_key(j, "period");
	smb_json_string(j, a->period);
	smb_json_key(j, "fingerprint");
	smb_json_string(j, a->fingerprint);
	smb_json_object_end(j);
}

static void score_json(smb_json *j, const smb_review *rv, double from, double to, const char *lf, const char *lt,
                       double year)
{
	smb_json_object_begin(j);
	smb_json_key(j, "from");
	num(j, from);
	smb_json_key(j, "to");
	num(j, to);
	smb_json_key(j, "delta");
	num(j, diff(from, to));
	smb_json_key(j, "level_from");
	smb_json_string(j, lf);
	smb_json_key(j, "level_to");
	smb_json_string(j, lt);
	if (rv->seasonal) {
		smb_json_key(j, "year_ago");
		num(j, year);
		smb_json_key(j, "year_on_year");
		num(j, diff(year, to));
	}
	smb_json_object_end(j);
}

static void split_json(smb_json *j, const smb_split *sp)
{
	smb_json_object_begin(j);
	smb_json_key(j, "total");
	num(j, sp->total);
	smb_json_key(j, "data");
	num(j, sp->data);
	smb_json_key(j, "method");
	num(j, sp->method);
	smb_json_key(j, "coverage");
	num(j, sp->coverage);
	smb_json_object_end(j);
}

static void mover_json(smb_json *j, const smb_review *rv, const moved *m)
{
	smb_buf w;

	smb_buf_init(&w);
	why(m, &w);
	smb_json_object_begin(j);
	smb_json_key(j, "key");
	smb_json_string(j, m->b->key);
	smb_json_key(j, "label");
	smb_json_string(j, m->b->label);
	smb_json_key(j, "unit");
	smb_json_string(j, m->b->unit);
	smb_json_key(j, "value_from");
	num(j, m->a->value);
	smb_json_key(j, "value_to");
	num(j, m->b->value);
	smb_json_key(j, "value_change_pct");
	num(j, m->a->value != 0 ? 100 * (m->b->value - m->a->value) / fabs(m->a->value) : NAN);
	smb_json_key(j, "score_from");
	num(j, m->a->score);
	smb_json_key(j, "score_to");
	num(j, m->b->score);
	smb_json_key(j, "score_delta");
	num(j, m->delta);
	smb_json_key(j, "score_method");
	num(j, m->method);
	smb_json_key(j, "score_data");
	num(j, m->delta - m->method);
	if (rv->seasonal) {
		const smb_ametric *y = smb_assessment_metric(rv->year, m->b->key);
		smb_json_key(j, "value_year_ago");
		num(j, y ? y->value : NAN);
	}
	smb_json_key(j, "why");
	smb_json_string(j, smb_buf_str(&w));
	smb_json_object_end(j);
	smb_buf_free(&w);
}

static void missing_json(smb_json *j, const smb_review *rv, const char *list)
{
	char key[256];

	smb_json_array_begin(j);
	for (const char *p = list; p && *p;) {
		size_t n = strcspn(p, ",");
		const smb_ametric *m;
		snprintf(key, sizeof key, "%.*s", (int)n, p);
		m = smb_assessment_metric(rv->to, key);
		smb_json_object_begin(j);
		smb_json_key(j, "metric");
		smb_json_string(j, key);
		smb_json_key(j, "label");
		smb_json_string(j, label_of(rv, key));
		smb_json_key(j, "reason");
		smb_json_string(j, m ? m->source : "no value in the later assessment");
		smb_json_object_end(j);
		p += n + (p[n] == ',');
	}
	smb_json_array_end(j);
}

static void findings_json(smb_json *j, const smb_review *rv)
{
	smb_json_object_begin(j);
	for (int st = 0; st < 5; st++) {
		smb_json_key(j, fstatus_name[st]);
		smb_json_array_begin(j);
		for (size_t i = 0; i < rv->nfch; i++) {
			const smb_fchange *c = &rv->fch[i];
			if ((int)c->status != st)
				continue;
			smb_json_object_begin(j);
			smb_json_key(j, "rule");
			smb_json_string(j, c->f->rule_id);
			smb_json_key(j, "kind");
			smb_json_string(j, c->f->kind);
			smb_json_key(j, "title");
			smb_json_string(j, c->f->title);
			if (c->status == SMB_F_NOT_EVALUATED) {
				smb_json_key(j, "missing");
				missing_json(j, rv, c->missing);
				if (c->error) {
					smb_json_key(j, "error");
					smb_json_string(j, c->error);
				}
			}
			smb_json_object_end(j);
		}
		smb_json_array_end(j);
	}
	smb_json_object_end(j);
}

static void attribution_json(smb_json *j, const smb_review *rv)
{
	smb_json_object_begin(j);
	smb_json_key(j, "order");
	smb_json_string(j, ORDER);
	smb_json_key(j, "same_method");
	smb_json_bool(j, rv->same_method);
	smb_json_key(j, "method_is_loaded");
	if (rv->method_is_loaded < 0)
		smb_json_null(j);
	else
		smb_json_bool(j, rv->method_is_loaded);
	smb_json_key(j, "reproduced");
	smb_json_bool(j, rv->reproduced);
	smb_json_key(j, "overall");
	split_json(j, &rv->overall);
	smb_json_key(j, "areas");
	smb_json_object_begin(j);
	for (int k = 0; k < 5; k++) {
		smb_json_key(j, smb_areas[k]);
		split_json(j, &rv->area[k]);
	}
	smb_json_object_end(j);
	smb_json_key(j, "settings_changed");
	smb_json_string(j, rv->settings_diff);
	smb_json_key(j, "settings_note");
	smb_json_string(j, rv->settings_note);
	smb_json_key(j, "computations");
	smb_json_array_begin(j);
	for (size_t i = 0; i < rv->ncch; i++) {
		const smb_compute_change *c = &rv->cch[i];
		smb_json_object_begin(j);
		smb_json_key(j, "metric");
		smb_json_string(j, c->metric);
		smb_json_key(j, "label");
		smb_json_string(j, c->label);
		smb_json_key(j, "change");
		smb_json_string(j, c->part);
		smb_json_key(j, "recomputed");
		smb_json_bool(j, c->recomputed);
		smb_json_key(j, "recomputed_value");
		num(j, c->recomputed ? c->recomputed_value : NAN);
		smb_json_key(j, "note");
		smb_json_string(j, c->note);
		smb_json_object_end(j);
	}
	smb_json_array_end(j);
	smb_json_object_end(j);
}

static void coverage_json(smb_json *j, const smb_review *rv)
{
	smb_json_array_begin(j);
	for (size_t i = 0; i < rv->ncov; i++) {
		smb_json_object_begin(j);
		smb_json_key(j, "metric");
		smb_json_string(j, rv->cov[i].metric);
		smb_json_key(j, "label");
		smb_json_string(j, rv->cov[i].label);
		smb_json_key(j, "from_value");
		num(j, rv->cov[i].from_value);
		smb_json_key(j, "to_value");
		num(j, rv->cov[i].to_value);
		smb_json_key(j, "reason");
		smb_json_string(j, rv->cov[i].reason);
		smb_json_object_end(j);
	}
	smb_json_array_end(j);
}

static void seasonality_json(smb_json *j, const smb_review *rv)
{
	smb_json_object_begin(j);
	smb_json_key(j, "seasonal");
	smb_json_bool(j, rv->seasonal);
	smb_json_key(j, "strength");
	num(j, rv->season_strength);
	smb_json_key(j, "why");
	smb_json_string(j, rv->season_why);
	smb_json_key(j, "year_ago_period");
	smb_json_string(j, rv->seasonal ? rv->year_period : NULL);
	smb_json_key(j, "source");
	smb_json_string(j, rv->seasonal ? rv->year_source : NULL);
	smb_json_object_end(j);
}

static void goals_json(smb_json *j, const smb_review *rv)
{
	smb_json_array_begin(j);
	for (size_t i = 0; i < rv->ngoals; i++) {
		const smb_goal *g = &rv->goals[i];
		const smb_goal_review *st = &rv->goal_status[i];
		smb_json_object_begin(j);
		smb_json_key(j, "id");
		smb_json_integer(j, g->id);
		smb_json_key(j, "metric");
		smb_json_string(j, g->metric);
		smb_json_key(j, "baseline");
		smb_json_number(j, g->baseline);
		smb_json_key(j, "target");
		smb_json_number(j, g->target);
		smb_json_key(j, "deadline");
		smb_json_string(j, g->deadline);
		smb_json_key(j, "owner");
		smb_json_string(j, g->owner);
		smb_json_key(j, "value");
		num(j, st->value);
		smb_json_key(j, "progress");
		num(j, st->progress);
		smb_json_key(j, "expected");
		num(j, st->expected);
		smb_json_key(j, "status");
		smb_json_string(j, smb_goal_status_name(st->status));
		smb_json_object_end(j);
	}
	smb_json_array_end(j);
}

static void initiatives_json(smb_json *j, const smb_review *rv)
{
	smb_json_array_begin(j);
	for (size_t i = 0; i < rv->nadoptions; i++) {
		const smb_adoption *ad = &rv->adoptions[i];
		smb_json_object_begin(j);
		smb_json_key(j, "id");
		smb_json_string(j, ad->initiative_id);
		smb_json_key(j, "status");
		smb_json_string(j, ad->status);
		smb_json_key(j, "start");
		smb_json_string(j, ad->start_period);
		smb_json_key(j, "end");
		smb_json_string(j, ad->end_period);
		smb_json_key(j, "cost");
		smb_json_number(j, ad->cost);
		smb_json_key(j, "actual_cost");
		num(j, ad->actual_cost);
		smb_json_key(j, "hours");
		smb_json_number(j, ad->hours);
		smb_json_key(j, "actual_hours");
		num(j, ad->actual_hours);
		smb_json_key(j, "effects");
		smb_json_array_begin(j);
		for (size_t c = 0; c < rv->ncal; c++) {
			if (strcmp(rv->cal[c].initiative_id, ad->initiative_id) != 0)
				continue;
			smb_json_object_begin(j);
			smb_json_key(j, "metric");
			smb_json_string(j, rv->cal[c].metric);
			smb_json_key(j, "expected");
			smb_json_number(j, rv->cal[c].expected);
			smb_json_key(j, "realised");
			smb_json_number(j, rv->cal[c].realised);
			smb_json_key(j, "ratio");
			num(j, rv->cal[c].ratio);
			smb_json_key(j, "basis");
			smb_json_string(j, rv->cal[c].year_on_year ? "year_on_year" : "sequential");
			smb_json_object_end(j);
		}
		smb_json_array_end(j);
		smb_json_object_end(j);
	}
	smb_json_array_end(j);
}

static void render_json(const smb_review *rv, smb_buf *out)
{
	const smb_assessment *A = rv->from, *B = rv->to;
	smb_json j;
	moved *mv;
	size_t nmv;

	smb_json_init(&j, out, 1);
	smb_json_object_begin(&j);
	smb_json_key(&j, "schema_version");
	smb_json_integer(&j, SMB_REVIEW_SCHEMA);
	smb_json_key(&j, "client");
	smb_json_string(&j, B->client_id);
	side_json(&j, "from", A);
	side_json(&j, "to", B);
	smb_json_key(&j, "overall");
	score_json(&j, rv, A->overall, B->overall, A->level, B->level, rv->year_overall);
	smb_json_key(&j, "areas");
	smb_json_object_begin(&j);
	for (int k = 0; k < 5; k++) {
		smb_json_key(&j, smb_areas[k]);
		score_json(&j, rv, A->areas[k].score, B->areas[k].score, A->areas[k].level, B->areas[k].level,
		           rv->year_area[k]);
	}
	smb_json_object_end(&j);
	smb_json_key(&j, "attribution");
	attribution_json(&j, rv);
	smb_json_key(&j, "coverage_changes");
	coverage_json(&j, rv);
	mv = movers(rv, &nmv);
	smb_json_key(&j, "movers");
	smb_json_object_begin(&j);
	for (int side = 0; side < 2; side++) {
		smb_json_key(&j, side ? "down" : "up");
		smb_json_array_begin(&j);
		for (size_t k = 0, shown = 0; mv && k < nmv && shown < 5; k++) {
			const moved *m = &mv[side ? nmv - 1 - k : k];
			if (side ? m->delta >= 0 : m->delta <= 0)
				break;
			mover_json(&j, rv, m);
			shown++;
		}
		smb_json_array_end(&j);
	}
	smb_json_object_end(&j);
	free(mv);
	smb_json_key(&j, "findings");
	findings_json(&j, rv);
	smb_json_key(&j, "seasonality");
	seasonality_json(&j, rv);
	smb_json_key(&j, "goals");
	goals_json(&j, rv);
	smb_json_key(&j, "initiatives");
	initiatives_json(&j, rv);
	smb_json_object_end(&j);
	smb_buf_putc(out, '\n');
}

/* ---- text and Markdown ---------------------------------------------------- */

static const char *fmt1(char *buf, size_t len, double v, int sign)
{
	snprintf(buf, len, isnan(v) ? "-" : sign ? "%+.1f" : "%.1f", v);
	return buf;
}

/* A value for the text: a value beyond measure (a runway never reached)
 * reads "none", never as a placeholder number; its metric's line says why. */
static const char *val(char *buf, size_t len, double v)
{
	snprintf(buf, len, isnan(v) ? "missing" : isinf(v) ? "none" : "%g", v);
	return buf;
}

static void scores_text(const smb_review *rv, smb_buf *out, int md)
{
	const smb_assessment *A = rv->from, *B = rv->to;
	char c[9][16];
	int y = rv->seasonal;

	if (md)
		smb_buf_printf(out, "| area | from | to | change | data | method | coverage |%s\n|---|---:|---:|---:|---:|---:|---:|%s\n",
		               y ? " year ago | year on year |" : "", y ? "---:|---:|" : "");
	else
		smb_buf_printf(out, "  %-11s %6s %6s %7s   %7s %7s %8s%s\n", "", "from", "to", "change", "data", "method",
		               "coverage", y ? "   year ago  y/y" : "");
	for (int k = -1; k < 5; k++) {
		double f = k < 0 ? A->overall : A->areas[k].score, t = k < 0 ? B->overall : B->areas[k].score;
		double ya = k < 0 ? rv->year_overall : rv->year_area[k];
		const smb_split *sp = k < 0 ? &rv->overall : &rv->area[k];
		const char *name = k < 0 ? "overall" : smb_areas[k];
		fmt1(c[0], 16, f, 0);
		fmt1(c[1], 16, t, 0);
		fmt1(c[2], 16, sp->total, 1);
		fmt1(c[3], 16, sp->data, 1);
		fmt1(c[4], 16, sp->method, 1);
		fmt1(c[5], 16, sp->coverage, 1);
		fmt1(c[6], 16, ya, 0);
		fmt1(c[7], 16, diff(ya, t), 1);
		if (md)
			smb_buf_printf(out, "| %s | %s | %s | %s | %s | %s | %s |", name, c[0], c[1], c[2], c[3], c[4], c[5]);
		else
			smb_buf_printf(out, "  %-11s %6s %6s %7s   %7s %7s %8s", name, c[0], c[1], c[2], c[3], c[4], c[5]);
		if (y)
			smb_buf_printf(out, md ? " %s | %s |" : "   %8s %6s", c[6], c[7]);
		smb_buf_putc(out, '\n');
	}
	smb_buf_printf(out, "\n%schange = data + method + coverage, in score points: first the metrics present in only one"
	               " assessment are left out (coverage), then the earlier data is re-scored with the later method"
	               " (method), then the data changes like for like (data).\n",
	               md ? "" : "  ");
	smb_buf_printf(out, "%s%s\n", md ? "" : "  ",
	               rv->same_method ? "Same method: the method part is zero."
	               : "Methods differ: each assessment is re-scored with its own stored method, whatever is loaded now.");
	if (!rv->reproduced)
		smb_buf_printf(out, "%sNote: the stored methods do not reproduce the stored scores exactly.\n", md ? "" : "  ");
}

/* Every text from the workspace, a playbook or a plugin passes E():
 * control characters escaped, and in Markdown '|' too (escape.h). */
#define E(s) smb_esc(x, (s))

static void coverage_text(const smb_review *rv, smb_buf *out, int md, smb_escaper *x)
{
	const char *h = md ? "## " : "";
	char f[32], t[32];

	smb_buf_printf(out, "\n%sMetrics in only one assessment (coverage)\n", h);
	if (!rv->ncov)
		smb_buf_printf(out, "%snone\n", md ? "- " : "  ");
	for (size_t i = 0; i < rv->ncov; i++)
		smb_buf_printf(out, "%s%s: %s -> %s: %s\n", md ? "- " : "  ", E(rv->cov[i].label),
		               val(f, sizeof f, rv->cov[i].from_value), val(t, sizeof t, rv->cov[i].to_value), E(rv->cov[i].reason));
	if (rv->settings_diff)
		smb_buf_printf(out, "\n%sSettings that changed (method): %s; %s\n", h, E(rv->settings_diff), E(rv->settings_note));
	for (size_t i = 0; i < rv->ncch; i++) {
		if (!i)
			smb_buf_printf(out, "\n%sComputations that changed (method)\n", h);
		smb_buf_printf(out, "%s%s: %s; %s\n", md ? "- " : "  ", E(rv->cch[i].label), E(rv->cch[i].part),
		               rv->cch[i].recomputed ? "recomputed from the earlier inputs" : E(rv->cch[i].note));
	}
}

static void movers_text(const smb_review *rv, smb_buf *out, int md, smb_escaper *x)
{
	moved *mv;
	size_t nmv;
	char f[32], t[32];

	mv = movers(rv, &nmv);
	smb_buf_printf(out, "\n%sMetrics that moved most (score points)\n", md ? "## " : "");
	for (int side = 0; side < 2; side++)
		for (size_t k = 0; mv && k < nmv && k < 5; k++) {
			const moved *m = &mv[side ? nmv - 1 - k : k];
			smb_buf w;
			if (side ? m->delta >= 0 : m->delta <= 0)
				break;
			smb_buf_init(&w);
			why(m, &w);
			smb_buf_printf(out, md ? "- %s%s %+.1f: %s -> %s%s%s" : "%s%-32s %+6.1f  %s -> %s%s%s",
			               md ? "" : side ? "  down " : "  up   ", E(m->b->label), m->delta, val(f, sizeof f, m->a->value),
			               val(t, sizeof t, m->b->value), m->b->unit && *m->b->unit ? " " : "",
			               m->b->unit ? E(m->b->unit) : "");
			if (rv->seasonal) {
				const smb_ametric *y = smb_assessment_metric(rv->year, m->b->key);
				smb_buf_printf(out, " (a year earlier %s)", val(f, sizeof f, y ? y->value : NAN));
			}
			smb_buf_printf(out, ": %s\n", E(smb_buf_str(&w)));
			smb_buf_free(&w);
		}
	free(mv);
}

static void findings_text(const smb_review *rv, smb_buf *out, int md, smb_escaper *x)
{
	static const char *const shown[] = { "new", "persisting", "resolved", "not evaluated", "withdrawn" };

	smb_buf_printf(out, "\n%sFindings\n", md ? "## " : "");
	for (int st = 0; st < 5; st++)
		for (size_t i = 0; i < rv->nfch; i++) {
			const smb_fchange *c = &rv->fch[i];
			if ((int)c->status != st)
				continue;
			smb_buf_printf(out, "%s%-13s [%s] %s", md ? "- " : "  ", shown[st], E(c->f->rule_id), E(c->f->title));
			if (c->status == SMB_F_NOT_EVALUATED && c->error) {
				smb_buf_printf(out, ": its rule failed (%s)", E(c->error));
			} else if (c->status == SMB_F_NOT_EVALUATED) {
				smb_buf_puts(out, ": missing now ");
				for (const char *p = c->missing; p && *p;) {
					size_t n = strcspn(p, ",");
					char key[256];
					snprintf(key, sizeof key, "%.*s", (int)n, p);
					smb_buf_printf(out, "%s%s", p == c->missing ? "" : ", ", E(label_of(rv, key)));
					p += n + (p[n] == ',');
				}
			} else if (c->status == SMB_F_WITHDRAWN) {
				smb_buf_puts(out, ": the rule is not in the later method");
			} else if (c->status == SMB_F_RESOLVED) {
				smb_buf_puts(out, ": its condition is now false");
			}
			smb_buf_putc(out, '\n');
		}
}

static void rest_text(const smb_review *rv, smb_buf *out, int md, smb_escaper *x)
{
	const char *h = md ? "## " : "";

	smb_buf_printf(out, "\n%sGoals\n", h);
	if (!rv->ngoals)
		smb_buf_puts(out, "  none\n");
	for (size_t i = 0; i < rv->ngoals; i++) {
		const smb_goal *g = &rv->goals[i];
		const smb_goal_review *st = &rv->goal_status[i];
		smb_buf_printf(out, "%s#%lld %-34s %g -> %g by %s: now %g, progress %.0f%% of %.0f%% expected: %s%s%s\n",
		               md ? "- " : "  ", g->id, E(label_of(rv, g->metric)), g->baseline, g->target, E(g->deadline), st->value,
		               100 * st->progress, 100 * st->expected, smb_goal_status_name(st->status),
		               g->owner ? ", owner " : "", g->owner ? E(g->owner) : "");
	}
	smb_buf_printf(out, "\n%sInitiatives\n", h);
	if (!rv->nadoptions)
		smb_buf_puts(out, "  none\n");
	for (size_t i = 0; i < rv->nadoptions; i++) {
		const smb_adoption *ad = &rv->adoptions[i];
		smb_buf_printf(out, "%s%-24s %-11s from %s%s%s", md ? "- " : "  ", E(ad->initiative_id), E(ad->status),
		               E(ad->start_period), ad->end_period ? " to " : "", ad->end_period ? E(ad->end_period) : "");
		if (!isnan(ad->actual_cost))
			smb_buf_printf(out, ", cost %.0f of %.0f planned", ad->actual_cost, ad->cost);
		smb_buf_putc(out, '\n');
		for (size_t c = 0; c < rv->ncal; c++)
			if (strcmp(rv->cal[c].initiative_id, ad->initiative_id) == 0)
				smb_buf_printf(out, "%s%s: realised %+g vs expected %+g (ratio %.2f; %s)\n", md ? "  - " : "      ",
				               E(label_of(rv, rv->cal[c].metric)), rv->cal[c].realised, rv->cal[c].expected,
				               rv->cal[c].ratio, rv->cal[c].year_on_year
				               ? "year on year: less the change over the same periods a year before"
				               : rv->seasonal ? "sequential: the same periods a year before have no value"
				               : "sequential: the change over the initiative's window");
	}
}

#undef E
#define E(s) smb_esc(&x, (s))

static void render_text(const smb_review *rv, smb_buf *out, int md)
{
	const smb_assessment *A = rv->from, *B = rv->to;
	char f[16], t[16], d[16];
	smb_escaper x = { .md = md };

	smb_buf_printf(out, "%sReview of %s (%s): %s (#%lld) -> %s (#%lld)\n\n", md ? "# " : "", E(B->client_name),
	               E(B->client_id), E(A->period), A->id, E(B->period), B->id);
	smb_buf_printf(out, "%sOverall %s -> %s (%s), %s -> %s\n", md ? "## " : "", fmt1(f, sizeof f, A->overall, 0),
	               fmt1(t, sizeof t, B->overall, 0), fmt1(d, sizeof d, rv->overall.total, 1), A->level ? E(A->level) : "-",
	               B->level ? E(B->level) : "-");
	for (int side = 0; side < 2; side++) {
		const smb_assessment *as = side ? B : A;
		if (isnan(as->overall))
			smb_buf_printf(out, "%sNo overall score in %s: %s\n", md ? "" : "  ", E(as->period),
			               as->overall_reason ? E(as->overall_reason) : "not enough areas have a score");
	}
	smb_buf_putc(out, '\n');
	scores_text(rv, out, md);
	smb_buf_printf(out, "%sSeasonality: %s%s%s%s%s\n", md ? "\n" : "  ", rv->seasonal ? "seasonal" : "not seasonal",
	               rv->season_why ? " (" : "", rv->season_why ? E(rv->season_why) : "", rv->season_why ? ")" : "",
	               rv->seasonal ? "." : "; sequential change only.");
	if (rv->seasonal)
		smb_buf_printf(out, "%sYear ago = %s: %s.\n", md ? "" : "  ", rv->year_period ? E(rv->year_period) : "-",
		               rv->year_source ? E(rv->year_source) : "-");
	coverage_text(rv, out, md, &x);
	movers_text(rv, out, md, &x);
	findings_text(rv, out, md, &x);
	rest_text(rv, out, md, &x);
	smb_escaper_free(&x);
}

#undef E

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
