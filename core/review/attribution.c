/* core/review/attribution.c — the split of a change between two assessments A
 * (earlier) and B (later). C is the set of metrics with a value in both.
 * Each score is taken at five points, each step changing one thing:
 *   s0 = A as stored                      (A's data, A's method)
 *   s1 = A's data on C, A's method        (A's extra metrics left out)
 *   s2 = A's data on C, B's method        (goalposts, weights, aggregation,
 *                                          changed computations recomputed)
 *   s3 = B's data on C, B's method        (like for like)
 *   s4 = B as stored                      (B's extra metrics back in)
 * coverage = (s1 − s0) + (s4 − s3), method = s2 − s1, data = s3 − s2, so
 * data + method + coverage = s4 − s0 exactly. s1..s3 are scores of what is
 * there (the coverage threshold gates only what is reported, s0 and s4). */
#include "attribution.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kind.h"

static int has_value(const smb_assessment *a, const char *key)
{
	const smb_ametric *m = smb_assessment_metric(a, key);
	return m && !isnan(m->value);
}

static int is_computed(const smb_ametric *m)
{
	return m->source && strncmp(m->source, "computed by ", 12) == 0;
}

static char *dup(const char *s)
{
	return strdup(s ? s : "");
}

/* ---- values for the scorer ---------------------------------------------- */

typedef struct side {
	const smb_review *rv;
	const smb_assessment *a;
	int common;                  /* only metrics with a value in both */
	int recomputed;              /* A's values under B's computations */
} side;

static double side_value(const char *key, void *ud)
{
	const side *sd = ud;
	const smb_ametric *m = smb_assessment_metric(sd->a, key);

	if (!m || isnan(m->value))
		return NAN;
	if (sd->common && (!has_value(sd->rv->from, key) || !has_value(sd->rv->to, key)))
		return NAN;
	for (size_t i = 0; sd->recomputed && i < sd->rv->ncch; i++)
		if (sd->rv->cch[i].recomputed && strcmp(sd->rv->cch[i].metric, key) == 0)
			return sd->rv->cch[i].recomputed_value;
	return m->value;
}

static double score_of(const smb_review *rv, const smb_method *m, const smb_assessment *a, int common, int recomputed,
                       int threshold, double area[5])
{
	side sd = { rv, a, common, recomputed };
	double overall;
	smb_method_score(m, side_value, &sd, threshold, NULL, area, &overall);
	return overall;
}

static int same(double x, double y)
{
	return (isnan(x) && isnan(y)) || fabs(x - y) <= 1e-9;
}

static void split_one(smb_split *sp, double s0, double s1, double s2, double s3, double s4)
{
	sp->steps[0] = s1;
	sp->steps[1] = s2;
	sp->steps[2] = s3;
	sp->total = isnan(s0) || isnan(s4) ? NAN : s4 - s0;
	if (isnan(sp->total)) {
		sp->data = sp->method = sp->coverage = NAN;
	} else if (isnan(s1) || isnan(s2) || isnan(s3)) {
		/* Nothing scored is common to both: all of it is coverage. */
		sp->data = sp->method = 0;
		sp->coverage = sp->total;
	} else {
		sp->coverage = (s1 - s0) + (s4 - s3);
		sp->method = s2 - s1;
		sp->data = s3 - s2;
	}
}

/* The overall of an intermediate point aggregates, by the method's rule,
 * the areas that have a score in both assessments: an area scored in only
 * one of them is coverage, like a metric. */
static double overall_of(const smb_review *rv, const smb_method *m, const double area[5])
{
	double v[5], cov;

	for (int k = 0; k < 5; k++)
		v[k] = isnan(rv->from->areas[k].score) || isnan(rv->to->areas[k].score) ? NAN : area[k];
	return smb_aggregate_scores(m->aggregate, v, m->area_weight, 5, &cov);
}

int smb_review_split(smb_review *rv)
{
	const smb_assessment *A = rv->from, *B = rv->to;
	double a0[5], a1[5], a2[5], a3[5], a4[5];
	double o0 = score_of(rv, &rv->mfrom, A, 0, 0, 1, a0);
	double o4 = score_of(rv, &rv->mto, B, 0, 0, 1, a4);
	double o1, o2, o3;

	score_of(rv, &rv->mfrom, A, 1, 0, 0, a1);
	score_of(rv, &rv->mto, A, 1, 1, 0, a2);
	score_of(rv, &rv->mto, B, 1, 0, 0, a3);
	o1 = overall_of(rv, &rv->mfrom, a1);
	o2 = overall_of(rv, &rv->mto, a2);
	o3 = overall_of(rv, &rv->mto, a3);
	rv->reproduced = same(o0, A->overall) && same(o4, B->overall);
	for (int k = 0; k < 5; k++)
		rv->reproduced &= same(a0[k], A->areas[k].score) && same(a4[k], B->areas[k].score);
	/* The ends are the stored scores, so the total is what the reader saw. */
	split_one(&rv->overall, A->overall, o1, o2, o3, B->overall);
	for (int k = 0; k < 5; k++)
		split_one(&rv->area[k], A->areas[k].score, a1[k], a2[k], a3[k], B->areas[k].score);
	return SMB_OK;
}

/* ---- coverage ------------------------------------------------------------- */

static char *reason_missing(const smb_ametric *m, const char *side)
{
	char buf[512];

	if (!m)
		snprintf(buf, sizeof buf, "not scored by the %s method (no playbook or plugin declares it with goalposts for"
		         " this industry)", side);
	else
		snprintf(buf, sizeof buf, "%s", m->source && strcmp(m->source, "missing") ? m->source : "no value");
	return strdup(buf);
}

static int add_coverage(smb_review *rv, const smb_ametric *a, const smb_ametric *b)
{
	const smb_ametric *any = b ? b : a;
	int in_a = a && !isnan(a->value), in_b = b && !isnan(b->value);
	smb_coverage_change *c, *nv;

	if (in_a == in_b || !((a && a->has_goalposts) || (b && b->has_goalposts)))
		return 0;
	if (!(nv = realloc(rv->cov, (rv->ncov + 1) * sizeof *nv)))
		return -1;
	rv->cov = nv;
	c = &rv->cov[rv->ncov++];
	c->metric = any->key;
	c->label = any->label;
	c->from_value = in_a ? a->value : NAN;
	c->to_value = in_b ? b->value : NAN;
	c->reason = in_a ? reason_missing(b, "later") : reason_missing(a, "earlier");
	return c->reason ? 0 : -1;
}

int smb_review_coverage(smb_review *rv)
{
	for (size_t i = 0; i < rv->to->nmetrics; i++)
		if (add_coverage(rv, smb_assessment_metric(rv->from, rv->to->metrics[i].key), &rv->to->metrics[i]))
			return -1;
	for (size_t i = 0; i < rv->from->nmetrics; i++)
		if (!smb_assessment_metric(rv->to, rv->from->metrics[i].key) && add_coverage(rv, &rv->from->metrics[i], NULL))
			return -1;
	return 0;
}

/* ---- computations that changed --------------------------------------------- */

/* "playbook NAME sha256[:12]" or "plugin NAME VERSION" from a metric's
 * origin and a method's parts; the origin itself when it names neither. */
static void provenance(const char *origin, const smb_method *m, char *out, size_t len)
{
	char name[256] = "";

	snprintf(out, len, "%s", origin ? origin : "?");
	if (origin && sscanf(origin, "playbook %255[^ ]", name) == 1) {
		for (size_t i = 0; i < m->nplaybooks; i++)
			if (m->playbooks[i].name && strcmp(m->playbooks[i].name, name) == 0)
				snprintf(out, len, "playbook %s %.12s", name, m->playbooks[i].sha256 ? m->playbooks[i].sha256 : "?");
	} else if (origin && sscanf(origin, "plugin %255[^ ]", name) == 1) {
		char *dot = strrchr(name, '.');
		if (dot && strcmp(dot, ".so") == 0)
			*dot = 0;
		for (size_t i = 0; i < m->nplugins; i++)
			if (m->plugins[i].name && strcmp(m->plugins[i].name, name) == 0)
				snprintf(out, len, "plugin %s %s", name, m->plugins[i].version ? m->plugins[i].version : "?");
	}
}

/* The earlier observed inputs are what the rescored cycle read now. */
static int inputs_unchanged(const smb_review *rv)
{
	for (size_t i = 0; i < rv->from->nmetrics; i++) {
		const smb_ametric *a = &rv->from->metrics[i], *x;
		if (isnan(a->value) || is_computed(a))
			continue;
		x = smb_assessment_metric(rv->rescored, a->key);
		if (!x || x->value != a->value)
			return 0;
	}
	return 1;
}

static smb_compute_change *add_change(smb_review *rv, const smb_ametric *b, const char *part)
{
	smb_compute_change *c, *nv = realloc(rv->cch, (rv->ncch + 1) * sizeof *nv);

	if (!nv)
		return NULL;
	rv->cch = nv;
	c = &rv->cch[rv->ncch++];
	memset(c, 0, sizeof *c);
	c->metric = b->key;
	c->label = b->label;
	c->part = dup(part);
	return c->part ? c : NULL;
}

/* Recomputes A's value of b's metric with B's computation where the
 * rescored cycle allows it, else says why not. */
static int recompute(smb_review *rv, smb_compute_change *c, int *inputs)
{
	const smb_ametric *x;

	if (!rv->rescored || !rv->method_is_loaded)
		return (c->note = dup("the later computation is not loaded: not recomputed, so the change in this value counts"
		                      " as data")) ? 0 : -1;
	if (*inputs < 0)
		*inputs = inputs_unchanged(rv);
	x = smb_assessment_metric(rv->rescored, c->metric);
	if (!*inputs)
		c->note = dup("the earlier period's observations have changed since: not recomputed, so the change in this"
		              " value counts as data");
	else if (!x || isnan(x->value))
		c->note = dup("the later computation gives no value for the earlier inputs: not recomputed");
	else {
		c->recomputed = 1;
		c->recomputed_value = x->value;
		return 0;
	}
	return c->note ? 0 : -1;
}

/* A derived metric's computation changed when its playbook's hash or its
 * plugin's version differs, or the settings differ and, recomputed, its
 * earlier value does. */
int smb_review_compute_changes(smb_review *rv)
{
	int inputs = -1, nsettings;
	smb_buf diff;

	smb_buf_init(&diff);
	nsettings = smb_method_settings_diff(&rv->mfrom, &rv->mto, &diff);
	if (nsettings && !(rv->settings_diff = strdup(smb_buf_str(&diff)))) {
		smb_buf_free(&diff);
		return -1;
	}
	smb_buf_free(&diff);
	for (size_t i = 0; i < rv->to->nmetrics; i++) {
		const smb_ametric *b = &rv->to->metrics[i], *a = smb_assessment_metric(rv->from, b->key), *x;
		char pa[400], pb[400], buf[1024];
		smb_compute_change *c;
		if (!a || isnan(a->value) || isnan(b->value) || !is_computed(a) || !is_computed(b))
			continue;
		provenance(a->origin, &rv->mfrom, pa, sizeof pa);
		provenance(b->origin, &rv->mto, pb, sizeof pb);
		if (strcmp(pa, pb) != 0) {
			snprintf(buf, sizeof buf, "%s -> %s", pa, pb);
			if (!(c = add_change(rv, b, buf)) || recompute(rv, c, &inputs))
				return -1;
			continue;
		}
		if (!nsettings || !rv->rescored || !rv->method_is_loaded)
			continue;
		if (inputs < 0)
			inputs = inputs_unchanged(rv);
		x = smb_assessment_metric(rv->rescored, b->key);
		if (!inputs || !x || isnan(x->value) || x->value == a->value)
			continue;   /* the settings do not change this one */
		snprintf(buf, sizeof buf, "settings: %s", rv->settings_diff);
		if (!(c = add_change(rv, b, buf)) || recompute(rv, c, &inputs))
			return -1;
	}
	if (nsettings)
		rv->settings_note = dup(!rv->rescored || !rv->method_is_loaded
		                        ? "the later method is not loaded: computed metrics that read these settings are not"
		                          " recomputed, so their change counts as data"
		                        : inputs == 0 ? "the earlier period's observations have changed since: not recomputed"
		                        : "computed metrics whose earlier value changes with the later settings are recomputed"
		                          " (under computations)");
	return nsettings && !rv->settings_note ? -1 : 0;
}

/* ---- findings ---------------------------------------------------------------- */

static int has_finding(const smb_assessment *a, const char *rule)
{
	for (size_t i = 0; i < a->nfindings; i++)
		if (strcmp(a->findings[i].rule_id, rule) == 0)
			return 1;
	return 0;
}

static void add_missing(smb_buf *b, const smb_assessment *to, const char *key)
{
	if (has_value(to, key))
		return;
	if (b->len && strstr(smb_buf_str(b), key))
		return;
	smb_buf_printf(b, "%s%s", b->len ? "," : "", key);
}

/* The metrics a finding of A needs, missing in B: from B's rule when its
 * method lists it, else A's, else the finding's evidence. */
static char *missing_now(const smb_review *rv, const smb_afinding *f)
{
	const smb_method_rule *ru = smb_method_rule_of(&rv->mto, f->rule_id);
	smb_buf b;
	char *out;

	if (!ru)
		ru = smb_method_rule_of(&rv->mfrom, f->rule_id);
	smb_buf_init(&b);
	if (ru) {
		for (size_t k = 0; k < ru->nmetrics; k++)
			add_missing(&b, rv->to, ru->metrics[k]);
	} else {
		for (const char *p = f->evidence; p && (p = strstr(p, "\"metric\":\""));) {
			char key[256];
			p += 10;
			if (sscanf(p, "%255[^\"]", key) == 1)
				add_missing(&b, rv->to, key);
		}
	}
	out = b.len ? strdup(smb_buf_str(&b)) : NULL;
	smb_buf_free(&b);
	return out;
}

static int add_fchange(smb_review *rv, const smb_afinding *f, smb_fstatus st, char *missing)
{
	smb_fchange *nv = realloc(rv->fch, (rv->nfch + 1) * sizeof *nv);
	if (!nv) {
		free(missing);
		return -1;
	}
	rv->fch = nv;
	rv->fch[rv->nfch].f = f;
	rv->fch[rv->nfch].status = st;
	rv->fch[rv->nfch].error = NULL;
	rv->fch[rv->nfch++].missing = missing;
	return 0;
}

/* The message of the rule's failure in a, NULL when it did not fail. */
static const char *rule_error(const smb_assessment *a, const char *rule)
{
	for (size_t i = 0; i < a->nerrors; i++)
		if (strncmp(a->errors[i].what, "rule ", 5) == 0 && strcmp(a->errors[i].what + 5, rule) == 0)
			return a->errors[i].message;
	return NULL;
}

int smb_review_findings(smb_review *rv)
{
	const smb_assessment *A = rv->from, *B = rv->to;

	for (size_t i = 0; i < B->nfindings; i++)
		if (add_fchange(rv, &B->findings[i], has_finding(A, B->findings[i].rule_id) ? SMB_F_PERSISTING : SMB_F_NEW, NULL))
			return -1;
	for (size_t i = 0; i < A->nfindings; i++) {
		const smb_afinding *f = &A->findings[i];
		char *missing;
		if (has_finding(B, f->rule_id))
			continue;
		if (rv->mto.has_rules && !smb_method_rule_of(&rv->mto, f->rule_id)) {
			if (add_fchange(rv, f, SMB_F_WITHDRAWN, NULL))
				return -1;
			continue;
		}
		missing = missing_now(rv, f);
		if (add_fchange(rv, f, missing || rule_error(B, f->rule_id) ? SMB_F_NOT_EVALUATED : SMB_F_RESOLVED, missing))
			return -1;
		rv->fch[rv->nfch - 1].error = missing ? NULL : rule_error(B, f->rule_id);
	}
	return 0;
}

double smb_review_metric_method(const smb_review *rv, const smb_ametric *a)
{
	const smb_method_gp *g = smb_method_goalposts(&rv->mto, a->key);
	return g ? smb_score(&g->gp, a->value) - a->score : NAN;
}
