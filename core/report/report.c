/* core/report/report.c — gathering a report (report.h) and what its writers
 * share (report_int.h). Every figure comes from a library reader: the
 * assessment and its notes from the store, the review from
 * smb_review_run, the plan from the planner, the fans from smb_forecast
 * over the stored series, CLV from the customers table. */
#include "report_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "customers.h"
#include "kind.h"
#include "plan.h"
#include "series.h"

const smb_svg_band smb_rp_levels[4] = {
	{ 0, 25, "Initial" }, { 25, 50, "Fundamental" }, { 50, 75, "Intermediate" }, { 75, 100, "Advanced" } };
const char *const smb_rp_area_titles[5] = { "Operations", "Marketing", "Finance", "Customer experience",
	                                        "Technology" };

const char *const smb_rp_swot_kinds[4] = { "strength", "weakness", "opportunity", "threat" };
const char *const smb_rp_swot_titles[4] = { "Strengths", "Weaknesses", "Opportunities", "Threats" };
const char *const smb_rp_segments[SMB_RP_NSEGMENTS] = {
	"champions", "loyal", "potential_loyalist", "new_customers", "promising", "need_attention",
	"about_to_sleep", "cannot_lose_them", "at_risk", "hibernating", "lost" };
const char *const smb_rp_segment_names[SMB_RP_NSEGMENTS] = {
	"Champions", "Loyal", "Potential loyalists", "New customers", "Promising", "Need attention",
	"About to sleep", "Cannot lose them", "At risk", "Hibernating", "Lost" };

/* ---- numbers ---- */

/* Writes |v| rounded to `decimals` with a comma every three digits. */
static void grouped(double v, int decimals, char *out, size_t len)
{
	char raw[64], *dot;
	size_t n, lead, o = 0;

	snprintf(raw, sizeof raw, "%.*f", decimals, fabs(v));
	dot = strchr(raw, '.');
	n = dot ? (size_t)(dot - raw) : strlen(raw);
	lead = n % 3 ? n % 3 : 3;
	for (size_t i = 0; i < n && o + 2 < len; i++) {
		if (i && i >= lead && (i - lead) % 3 == 0)
			out[o++] = ',';
		out[o++] = raw[i];
	}
	if (dot)
		for (const char *p = dot; *p && o + 1 < len; p++)
			out[o++] = *p;
	out[o] = '\0';
}

/* -0 after rounding prints as 0 */
static int negative(double v, int decimals)
{
	return v < 0 && fabs(v) >= 0.5 * pow(10, -decimals);
}

void smb_rp_plain(double v, int decimals, char *out, size_t len)
{
	char g[64];

	if (isnan(v)) {
		snprintf(out, len, "-");
		return;
	}
	grouped(v, decimals, g, sizeof g);
	snprintf(out, len, "%s%s", negative(v, decimals) ? "-" : "", g);
}

int smb_rp_is_money(const char *unit)
{
	return unit && strlen(unit) == 3 && unit[0] >= 'A' && unit[0] <= 'Z' && unit[1] >= 'A' && unit[1] <= 'Z' &&
	       unit[2] >= 'A' && unit[2] <= 'Z';
}

static const char *symbol(const char *cur)
{
	static const char *const map[][2] = { { "EUR", "\u20ac" }, { "GBP", "\u00a3" }, { "USD", "$" }, { "JPY", "\u00a5" } };
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (cur && strcmp(cur, map[i][0]) == 0)
			return map[i][1];
	return NULL;
}

static void money(const smb_report *rp, double v, int dec, char *out, size_t len)
{
	const char *cur = rp && rp->client.currency ? rp->client.currency : "EUR", *sym = symbol(cur);
	char g[64];

	if (isnan(v)) {
		snprintf(out, len, "-");
		return;
	}
	grouped(v, dec, g, sizeof g);
	if (sym)
		snprintf(out, len, "%s%s%s", negative(v, dec) ? "-" : "", sym, g);
	else
		snprintf(out, len, "%s%s %s", negative(v, dec) ? "-" : "", cur, g);
}

void smb_rp_money(const smb_report *rp, double v, char *out, size_t len)
{
	/* whole amounts (budgets, costs, axis ticks) need no cents */
	money(rp, v, fabs(v) >= 1000 || v == floor(v) ? 0 : 2, out, len);
}

void smb_rp_money_whole(const smb_report *rp, double v, char *out, size_t len)
{
	money(rp, v, 0, out, len);
}

void smb_rp_value(const smb_report *rp, double v, const char *unit, char *out, size_t len)
{
	char g[64];

	if (isnan(v)) {
		snprintf(out, len, "-");
		return;
	}
	if (smb_rp_is_money(unit)) {
		smb_rp_money(rp, v, out, len);
		return;
	}
	if (unit && strcmp(unit, "%") == 0) {
		smb_rp_plain(v, 1, g, sizeof g);
		snprintf(out, len, "%s%%", g);
		return;
	}
	if (unit && (strcmp(unit, "count") == 0 || strcmp(unit, "people") == 0 || strcmp(unit, "customers") == 0 ||
	             strcmp(unit, "hours") == 0 || strcmp(unit, "skus") == 0)) {
		smb_rp_plain(v, 0, g, sizeof g);
		/* "2,626", not "2,626 count": a count needs no unit */
		if (strcmp(unit, "count") == 0)
			snprintf(out, len, "%s", g);
		else
			snprintf(out, len, "%s %s", g, unit);
		return;
	}
	smb_rp_plain(v, fabs(v) >= 1000 ? 0 : 2, g, sizeof g);
	snprintf(out, len, "%s%s%s", g, unit && *unit ? " " : "", unit ? unit : "");
}

void smb_rp_money_fmt(double v, char *out, size_t len, void *ud)
{
	smb_rp_money_whole(ud, v, out, len);
}

void smb_rp_value_fmt(double v, char *out, size_t len, void *ud)
{
	(void)ud;
	snprintf(out, len, "%.2f", v);
}

void smb_rp_score_fmt(double v, char *out, size_t len, void *ud)
{
	(void)ud;
	snprintf(out, len, "%.1f", v);
}

void smb_rp_source(const char *src, char *out, size_t len)
{
	size_t o = 0;

	/* "(/abs/path/scripts/x.lua)" -> "(x.lua)": a client has no use for
	 * the consultant's folders */
	for (const char *p = src ? src : ""; *p && o + 1 < len; p++) {
		if (*p == '/' && (p == src || p[-1] == '(' || p[-1] == ' ')) {
			const char *end = p + strcspn(p, " )"), *base = p;
			for (const char *q = p; q < end; q++)
				if (*q == '/')
					base = q + 1;
			p = base - 1;
			continue;
		}
		out[o++] = *p;
	}
	out[o] = '\0';
}

/* ---- selections ---- */

static int severity_rank(const char *s)
{
	return strcmp(s, "critical") == 0 ? 0 : strcmp(s, "high") == 0 ? 1 : strcmp(s, "medium") == 0 ? 2 : 3;
}

size_t smb_rp_top_findings(const smb_report *rp, const char *kinds, size_t *idx, size_t max)
{
	size_t n = 0;

	/* by severity, then in the assessment's order (stable) */
	for (int sev = 0; sev < 4 && n < max; sev++)
		for (size_t i = 0; i < rp->a->nfindings && n < max; i++) {
			const smb_afinding *f = &rp->a->findings[i];
			if (f->hidden || severity_rank(f->severity) != sev)
				continue;
			if (strstr(kinds, f->kind))
				idx[n++] = i;
		}
	return n;
}

size_t smb_rp_visible_findings(const smb_report *rp)
{
	size_t n = 0;
	for (size_t i = 0; i < rp->a->nfindings; i++)
		n += !rp->a->findings[i].hidden;
	return n;
}

const smb_note *smb_rp_note(const smb_report *rp, const char *target, const char *item, size_t i)
{
	for (size_t k = 0; k < rp->nnotes; k++)
		if (strcmp(rp->notes[k].target, target) == 0 && strcmp(rp->notes[k].item, item) == 0 && i-- == 0)
			return &rp->notes[k];
	return NULL;
}

const char *smb_rp_goal_word(smb_goal_status s)
{
	static const char *const w[] = { "Achieved", "On track", "At risk", "Off track", "Missed", "No value" };
	return w[s <= SMB_GOAL_UNKNOWN ? s : SMB_GOAL_UNKNOWN];
}

const char *smb_rp_goal_colour(smb_goal_status s)
{
	/* Okabe–Ito: bluish green, blue, orange, vermillion, vermillion, grey */
	static const char *const c[] = { "#009E73", "#0072B2", "#E69F00", "#D55E00", "#D55E00", "#777777" };
	return c[s <= SMB_GOAL_UNKNOWN ? s : SMB_GOAL_UNKNOWN];
}

double smb_rp_model(const smb_report *rp, const char *model, const char *field)
{
	for (size_t i = 0; i < rp->a->nmodels; i++)
		if (strcmp(rp->a->models[i].model, model) == 0 && strcmp(rp->a->models[i].field, field) == 0)
			return rp->a->models[i].value;
	return NAN;
}

const smb_arec *smb_rp_rec(const smb_report *rp, const char *id)
{
	for (size_t i = 0; i < rp->a->nrecs; i++)
		if (strcmp(rp->a->recs[i].initiative_id, id) == 0)
			return &rp->a->recs[i];
	return NULL;
}

size_t smb_rp_review_findings(const smb_report *rp, int resolved, const smb_assessment **from_out, size_t *idx,
                              size_t max)
{
	const smb_assessment *in = resolved ? rp->rv.from : rp->rv.to, *out = resolved ? rp->rv.to : rp->rv.from;
	size_t n = 0;

	*from_out = in;
	for (size_t i = 0; i < in->nfindings && n < max; i++) {
		int there = 0;
		for (size_t k = 0; k < out->nfindings && !there; k++)
			there = strcmp(out->findings[k].rule_id, in->findings[i].rule_id) == 0;
		/* a finding a note hides, on either assessment, stays hidden here */
		if (!there && !smb_note_hides(rp->notes, rp->nnotes, in->findings[i].rule_id) &&
		    !smb_note_hides(rp->from_notes, rp->nfrom_notes, in->findings[i].rule_id))
			idx[n++] = i;
	}
	return n;
}

const smb_ametric *smb_rp_metric(const smb_report *rp, const char *key)
{
	for (size_t i = 0; i < rp->a->nmetrics; i++)
		if (strcmp(rp->a->metrics[i].key, key) == 0)
			return &rp->a->metrics[i];
	return NULL;
}

/* The review separates data and method today (the earlier period re-scored
 * with the loaded method); a coverage part, the effect of metrics present
 * in one assessment only, is left NaN until the review reports it, and is
 * then inside `data`. The one place the report reads the split. */
void smb_rp_split(const smb_report *rp, int area, double *total, double *data, double *method, double *coverage)
{
	/* the review's exact split: total = data + method + coverage */
	const smb_split *sp = area < 0 ? &rp->rv.overall : &rp->rv.area[area];

	*total = sp->total;
	*data = sp->data;
	*method = sp->method;
	*coverage = sp->coverage;
}

/* ---- gathering ---- */

/* A section's "why not", cut to its buffer (vsnprintf: cutting is meant). */
static void why_set(char *dst, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void why_set(char *dst, size_t len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(dst, len, fmt, ap);
	va_end(ap);
}

static int pick(smb_store *s, const smb_report_opts *o, smb_report *rp, smb_err *e)
{
	smb_assessment **v;
	size_t n;
	long long id = 0;
	int rc;

	if (o->assessment && o->period)
		return smb_err_set(e, SMB_EUSAGE, "give --assessment or --period, not both");
	if (o->assessment) {
		char *end;
		id = strtoll(o->assessment, &end, 10);
		if (*end || id <= 0)
			return smb_err_set(e, SMB_EUSAGE, "--assessment '%s' is not an assessment id", o->assessment);
	}
	if (o->period) {
		smb_period p;
		char why[128];
		if (smb_period_parse(o->period, &p, why, sizeof why))
			return smb_err_set(e, SMB_EUSAGE, "--period '%s': %s", o->period, why);
	}
	if ((rc = smb_assessment_list(s, o->client, &v, &n, e)))
		return rc;
	for (size_t i = n; i-- > 0 && !rp->a;) {
		if ((o->assessment && v[i]->id != id) || (o->period && strcmp(v[i]->period, o->period) != 0))
			continue;
		if ((rc = smb_assessment_load(s, v[i]->id, &rp->a, e)))
			break;
	}
	/* the trend: every assessment of the client up to the one reported */
	if (rc == SMB_OK && rp->a) {
		rp->trend = calloc(n, sizeof *rp->trend);
		for (size_t i = 0; rp->trend && i < n; i++) {
			if ((rc = smb_assessment_load(s, v[i]->id, &rp->trend[rp->ntrend], e)))
				break;
			rp->ntrend++;
			if (v[i]->id == rp->a->id)
				break;
		}
		if (!rp->trend && rc == SMB_OK)
			rc = smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	}
	smb_assessment_list_free(v, n);
	if (rc)
		return rc;
	if (!rp->a) {
		if (o->assessment)
			return smb_err_set(e, SMB_ENOINPUT, "%s has no assessment %s (see 'smbopt assessments %s')", o->client,
			                   o->assessment, o->client);
		if (o->period)
			return smb_err_set(e, SMB_ENOINPUT, "%s has no assessment of %s (see 'smbopt assessments %s')", o->client,
			                   o->period, o->client);
		return smb_err_set(e, SMB_ENOINPUT, "%s has no assessment to report (run smbopt assess)", o->client);
	}
	return SMB_OK;
}

static void gather_goals(smb_store *s, smb_report *rp)
{
	smb_err e;

	if (smb_goal_list(s, rp->client.id, &rp->goals, &rp->ngoals, &e) != SMB_OK) {
		rp->goals = NULL;
		rp->ngoals = 0;
		return;
	}
	rp->goal_at = calloc(rp->ngoals ? rp->ngoals : 1, sizeof *rp->goal_at);
	if (!rp->goal_at) {
		rp->ngoals = 0;
		return;
	}
	for (size_t i = 0; i < rp->ngoals; i++) {
		smb_report_goal *g = &rp->goal_at[i];
		const smb_ametric *m = smb_rp_metric(rp, rp->goals[i].metric);
		g->goal = &rp->goals[i];
		g->value = m ? m->value : NAN;
		g->progress = g->expected = NAN;
		g->status = isnan(g->value) ? SMB_GOAL_UNKNOWN
		                            : smb_goal_status_at(g->goal, rp->a->period, g->value, &g->progress, &g->expected);
	}
}

static void gather_review(smb_store *s, const smb_registry *r, const smb_report_opts *o, smb_report *rp)
{
	char from[32], to[32];
	smb_err e;

	if (rp->ntrend < 2) {
		if (o->review)
			why_set(rp->review_why, sizeof rp->review_why,
			         "There is no earlier assessment of this client to compare with.");
		return;
	}
	snprintf(from, sizeof from, "%lld", rp->trend[rp->ntrend - 2]->id);
	snprintf(to, sizeof to, "%lld", rp->a->id);
	smb_review_opts ro = { .from = from, .to = to, .seasonal = -1 };
	/* smb_review_run leaves nothing to free when it fails */
	if (smb_review_run(s, r, rp->client.id, &ro, &rp->rv, &e) != SMB_OK) {
		why_set(rp->review_why, sizeof rp->review_why, "The review could not be computed: %s", e.msg);
		return;
	}
	if (smb_note_list(s, rp->rv.from->id, &rp->from_notes, &rp->nfrom_notes, &e) != SMB_OK) {
		smb_review_free(&rp->rv);
		why_set(rp->review_why, sizeof rp->review_why, "The review could not be computed: %s", e.msg);
		return;
	}
	rp->have_review = 1;
}

static void gather_plan(smb_store *s, const smb_registry *r, const smb_report_opts *o, smb_report *rp)
{
	double budget = o->budget, hours = o->hours;
	char why[256];
	smb_err e;

	if (rp->a->nrecs == 0) {
		why_set(rp->plan_why, sizeof rp->plan_why, "The assessment recommends no initiative.");
		return;
	}
	if (isnan(budget) || isnan(hours)) {
		double b = 0, h = 0;
		for (size_t i = 0; i < rp->a->nrecs && i < 3; i++) {
			b += rp->a->recs[i].cost;
			h += rp->a->recs[i].hours;
		}
		if (isnan(budget))
			budget = b;
		if (isnan(hours))
			hours = h;
	}
	if (smb_planning_from_assessment(&rp->plan, rp->a, r, &e) || smb_planning_capacity(&rp->plan, "cost", budget, &e) ||
	    smb_planning_capacity(&rp->plan, "hours", hours, &e)) {
		why_set(rp->plan_why, sizeof rp->plan_why, "No plan: %s", e.msg);
		return;
	}
	rp->plan.in.time_limit = 10;
	if (smb_plan_run(&rp->plan.in, NULL, NULL, &rp->plan.out, why, sizeof why)) {
		why_set(rp->plan_why, sizeof rp->plan_why, "No plan: %s", why);
		return;
	}
	if (!rp->plan.out.feasible) {
		why_set(rp->plan_why, sizeof rp->plan_why, "No set of initiatives fits the budget and hours.");
		return;
	}
	if (smb_planning_rescore(&rp->plan, s, r, rp->a, &e)) {
		why_set(rp->plan_why, sizeof rp->plan_why, "No plan: %s", e.msg);
		return;
	}
	rp->have_plan = 1;
}

static void gather_fan(smb_store *s, smb_report *rp, smb_report_fan *f)
{
	smb_period end, p;
	smb_series sr;
	size_t n = 0;
	long last;
	smb_err e;

	if (smb_series_load(s, rp->client.id, f->metric, &sr, &e)) {
		why_set(f->why, sizeof f->why, "%s", e.msg);
		return;
	}
	smb_period_parse(rp->a->period, &end, NULL, 0);
	last = smb_period_last_day(&end);
	/* the series up to the assessment's last day, so an older report shows
	 * what was known then */
	for (p = sr.first; n < sr.n && smb_period_last_day(&p) <= last; p = smb_period_next(&p))
		n++;
	if (sr.season != 12) {
		why_set(f->why, sizeof f->why, "%s is not observed month by month", f->metric);
	} else if (n < 3) {
		why_set(f->why, sizeof f->why, "%s has %zu months up to %s; a forecast needs at least 3", f->metric, n,
		         rp->a->period);
	} else if (smb_forecast(sr.values, n, 12, SMB_FC_AUTO, NULL, SMB_REPORT_HORIZON, &f->fc, f->why, sizeof f->why) ==
	           0) {
		size_t k = n > SMB_REPORT_HIST ? SMB_REPORT_HIST : n;
		f->ok = 1;
		f->nhist = k;
		memcpy(f->hist, sr.values + (n - k), k * sizeof *f->hist);
		p = sr.first;
		for (size_t i = 0; i < n - k; i++)
			p = smb_period_next(&p);
		for (size_t i = 0; i < k + SMB_REPORT_HORIZON; i++, p = smb_period_next(&p))
			smb_period_format(&p, f->xlabel[i]);
	}
	smb_series_free(&sr);
}

static void gather_runway(smb_report *rp)
{
	const smb_ametric *m = smb_rp_metric(rp, "finance.cash_runway_forecast_months");

	rp->runway = NAN;
	if (!m) {
		why_set(rp->runway_why, sizeof rp->runway_why, "no cash runway figure in this assessment");
	} else if (isnan(m->value)) {
		smb_rp_source(m->source, rp->runway_why, sizeof rp->runway_why);
	} else if (m->value >= 99) {
		/* 99 is the finance plugin's "lasts beyond its 24-month outlook" */
		why_set(rp->runway_why, sizeof rp->runway_why, "cash lasts beyond the 24-month outlook");
	} else {
		rp->runway = m->value;
	}
}

static int by_desc(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return a < b ? 1 : a > b ? -1 : 0;
}

static void gather_customers(smb_store *s, const smb_registry *r, smb_report *rp)
{
	smb_customers_opts co = { .client = rp->client.id, .period = rp->a->period, .monthly_discount = 0.01, .months = 12 };
	double *v = NULL;
	size_t n = 0, cap = 0;
	smb_buf b;
	smb_err e;

	smb_buf_init(&b);
	if (smb_customers_report(s, r, &co, "clv", &b, &e)) {
		why_set(rp->customers_why, sizeof rp->customers_why, "%s", e.msg);
		smb_buf_free(&b);
		return;
	}
	for (const char *p = smb_buf_str(&b); *p;) {
		char *end;
		double x = strtod(p, &end);
		if (end == p)
			break;
		if (n == cap) {
			double *nv = realloc(v, (cap = cap ? cap * 2 : 256) * sizeof *nv);
			if (!nv)
				break;
			v = nv;
		}
		if (!isnan(x))
			v[n++] = x;
		p = *end ? end + 1 : end;
	}
	smb_buf_free(&b);
	if (n < 10) {
		why_set(rp->customers_why, sizeof rp->customers_why, "%zu customers with a CLV; deciles need at least 10", n);
		free(v);
		return;
	}
	qsort(v, n, sizeof *v, by_desc);
	/* decile d holds customers [d n / 10, (d + 1) n / 10): sizes differ by one at most */
	for (int d = 0; d < 10; d++) {
		size_t a = (size_t)d * n / 10, z = (size_t)(d + 1) * n / 10;
		double sum = 0;
		for (size_t i = a; i < z; i++)
			sum += v[i];
		rp->clv_decile[d] = sum / (double)(z - a);
	}
	rp->ncustomers = n;
	rp->have_customers = 1;
	free(v);
}

int smb_report_build(smb_store *s, const smb_registry *r, const smb_report_opts *o, smb_report *rp, smb_err *e)
{
	int rc;

	memset(rp, 0, sizeof *rp);
	rp->runway = NAN;
	if ((rc = smb_client_get(s, o->client, &rp->client, e)))
		return rc;
	if ((rc = pick(s, o, rp, e)) || (rc = smb_note_list(s, rp->a->id, &rp->notes, &rp->nnotes, e))) {
		smb_report_free(rp);
		return rc;
	}
	smb_note_mark(rp->a, rp->notes, rp->nnotes);
	gather_goals(s, rp);
	gather_review(s, r, o, rp);
	gather_plan(s, r, o, rp);
	rp->fan[0].metric = "finance.revenue";
	rp->fan[0].label = "Revenue";
	rp->fan[1].metric = "finance.cash";
	rp->fan[1].label = "Cash";
	for (int i = 0; i < 2; i++)
		gather_fan(s, rp, &rp->fan[i]);
	gather_runway(rp);
	if (!o->no_customers)
		gather_customers(s, r, rp);
	else
		why_set(rp->customers_why, sizeof rp->customers_why, "customer models not computed for this report");
	return SMB_OK;
}

void smb_report_free(smb_report *rp)
{
	smb_client_free(&rp->client);
	smb_assessment_free(rp->a);
	for (size_t i = 0; i < rp->ntrend; i++)
		smb_assessment_free(rp->trend[i]);
	free(rp->trend);
	smb_note_list_free(rp->notes, rp->nnotes);
	smb_goal_list_free(rp->goals, rp->ngoals);
	free(rp->goal_at);
	if (rp->have_review)
		smb_review_free(&rp->rv);
	smb_note_list_free(rp->from_notes, rp->nfrom_notes);
	smb_planning_free(&rp->plan);
	for (int i = 0; i < 2; i++)
		if (rp->fan[i].ok)
			smb_fc_result_free(&rp->fan[i].fc);
	memset(rp, 0, sizeof *rp);
}
