/* core/report/report_md.c — the report as Markdown, for people who paste it
 * into their own documents: the HTML's sections in the same order, each
 * chart replaced by the table of its numbers. Text from the workspace is
 * escaped so that it stays text (no markup, no raw HTML, no broken table). */
#include "report_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "kind.h"

static void md(smb_buf *o, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\n' || *s == '\r' || *s == '\t')
			smb_buf_putc(o, ' ');
		else if (strchr("\\`*_[]<>|", *s))
			smb_buf_printf(o, "\\%c", *s);
		else
			smb_buf_putc(o, *s);
	}
}

static void notes(smb_buf *o, const smb_report *rp, const char *target, const char *item, const char *indent)
{
	const smb_note *n;

	for (size_t i = 0; (n = smb_rp_note(rp, target, item, i)); i++) {
		smb_buf_printf(o, "%s> **Consultant's note:** ", indent);
		md(o, n->text);
		smb_buf_putc(o, '\n');
	}
}

static void score(smb_buf *o, double v)
{
	if (isnan(v))
		smb_buf_puts(o, "-");
	else
		smb_buf_printf(o, "%.1f", v);
}

static void finding_line(smb_buf *o, const smb_report *rp, const smb_afinding *f)
{
	smb_buf_puts(o, "- **");
	md(o, f->title);
	smb_buf_puts(o, "** (");
	md(o, f->kind);
	smb_buf_puts(o, ", ");
	md(o, f->severity);
	smb_buf_puts(o, ", ");
	md(o, smb_rp_area_titles[f->area]);
	smb_buf_puts(o, ")\n");
	notes(o, rp, "finding", f->rule_id, "  ");
}

static void summary(smb_buf *o, const smb_report *rp)
{
	const smb_assessment *a = rp->a;
	size_t idx[3], n;

	smb_buf_puts(o, "# ");
	md(o, a->client_name ? a->client_name : a->client_id);
	smb_buf_puts(o, "\n\nAssessment of ");
	md(o, a->period);
	smb_buf_printf(o, " (assessment #%lld, ", a->id);
	md(o, a->created);
	smb_buf_puts(o, "), industry ");
	md(o, a->industry);
	smb_buf_puts(o, ".\n\n## Executive summary\n\n");
	if (isnan(a->overall)) {
		smb_buf_puts(o, "**No overall score:** ");
		md(o, a->overall_reason);
		smb_buf_puts(o, "\n\n");
	} else {
		smb_buf_printf(o, "**Overall score %.1f of 100, maturity level ", a->overall);
		md(o, a->level);
		smb_buf_puts(o, ".**\n\n");
	}
	smb_buf_puts(o, "| Area | Score | Level |\n|---|---:|---|\n");
	for (int k = 0; k < 5; k++) {
		smb_buf_printf(o, "| %s | ", smb_rp_area_titles[k]);
		score(o, a->areas[k].score);
		smb_buf_puts(o, " | ");
		if (isnan(a->areas[k].score))
			smb_buf_printf(o, "no score (coverage %.0f%%)", 100 * a->areas[k].coverage);
		else
			md(o, a->areas[k].level);
		smb_buf_puts(o, " |\n");
	}
	smb_buf_puts(o, "\n### Main strengths\n\n");
	n = smb_rp_top_findings(rp, "strength", idx, 3);
	if (!n)
		smb_buf_puts(o, "None found.\n");
	for (size_t i = 0; i < n; i++)
		finding_line(o, rp, &a->findings[idx[i]]);
	smb_buf_puts(o, "\n### Most serious weaknesses and threats\n\n");
	n = smb_rp_top_findings(rp, "weakness threat", idx, 3);
	if (!n)
		smb_buf_puts(o, "None found.\n");
	for (size_t i = 0; i < n; i++)
		finding_line(o, rp, &a->findings[idx[i]]);
	smb_buf_puts(o, "\n### Top initiatives\n\n");
	if (!a->nrecs)
		smb_buf_puts(o, "No initiative is recommended.\n");
	else
		smb_buf_puts(o, "| # | Initiative | Cost | Hours | Value (score + resolves) | Confidence |\n"
		                "|---:|---|---:|---:|---:|---:|\n");
	for (size_t i = 0; i < a->nrecs && i < 3; i++) {
		const smb_arec *r = &a->recs[i];
		char cost[64];
		const smb_note *nt;
		smb_rp_money(rp, r->cost, cost, sizeof cost);
		smb_buf_printf(o, "| %zu | ", i + 1);
		md(o, r->title);
		for (size_t k = 0; (nt = smb_rp_note(rp, "initiative", r->initiative_id, k)); k++) {
			smb_buf_puts(o, " *(Consultant's note: ");
			md(o, nt->text);
			smb_buf_puts(o, ")*");
		}
		smb_buf_puts(o, " | ");
		md(o, cost);
		smb_buf_printf(o, " | %.0f h | %+.1f pts (%+.1f %+.1f) | %.0f%% |\n", r->hours, r->gain + r->resolve, r->gain,
		               r->resolve, 100 * r->confidence);
	}
	smb_buf_puts(o, "\n### Goals\n\n");
	if (!rp->ngoals)
		smb_buf_puts(o, "No goals are set for this client.\n");
	else
		smb_buf_puts(o, "| Goal | Baseline | Now | Target | By | Status |\n|---|---:|---:|---:|---|---|\n");
	for (size_t i = 0; i < rp->ngoals; i++) {
		const smb_report_goal *g = &rp->goal_at[i];
		const smb_ametric *m = smb_rp_metric(rp, g->goal->metric);
		char b[64], v[64], t[64];
		smb_rp_value(rp, g->goal->baseline, m ? m->unit : "", b, sizeof b);
		smb_rp_value(rp, g->value, m ? m->unit : "", v, sizeof v);
		smb_rp_value(rp, g->goal->target, m ? m->unit : "", t, sizeof t);
		smb_buf_puts(o, "| ");
		md(o, m ? m->label : g->goal->metric);
		smb_buf_puts(o, " | ");
		md(o, b);
		smb_buf_puts(o, " | ");
		md(o, v);
		smb_buf_puts(o, " | ");
		md(o, t);
		smb_buf_puts(o, " | ");
		md(o, g->goal->deadline);
		smb_buf_printf(o, " | %s |\n", smb_rp_goal_word(g->status));
	}
}

static void trend(smb_buf *o, const smb_report *rp)
{
	smb_buf_puts(o, "\n## Trend\n\n| Assessment | Overall |");
	for (int k = 0; k < 5; k++)
		smb_buf_printf(o, " %s |", smb_rp_area_titles[k]);
	smb_buf_puts(o, "\n|---|---:|---:|---:|---:|---:|---:|\n");
	for (size_t i = 0; i < rp->ntrend; i++) {
		smb_buf_puts(o, "| ");
		md(o, rp->trend[i]->period);
		smb_buf_printf(o, " (#%lld) | ", rp->trend[i]->id);
		score(o, rp->trend[i]->overall);
		for (int k = 0; k < 5; k++) {
			smb_buf_puts(o, " | ");
			score(o, rp->trend[i]->areas[k].score);
		}
		smb_buf_puts(o, " |\n");
	}
}

static void area(smb_buf *o, const smb_report *rp, int k)
{
	const smb_aarea *ar = &rp->a->areas[k];
	int any = 0;

	smb_buf_printf(o, "\n## %s\n\nScore ", smb_rp_area_titles[k]);
	score(o, ar->score);
	if (ar->level) {
		smb_buf_puts(o, ", ");
		md(o, ar->level);
	}
	smb_buf_printf(o, "; %.0f%% of the area's metric weight measured.", 100 * ar->coverage);
	if (ar->reason) {
		smb_buf_puts(o, " ");
		md(o, ar->reason);
	}
	smb_buf_puts(o, "\n");
	for (size_t i = 0; i < rp->a->nmetrics; i++) {
		const smb_ametric *m = &rp->a->metrics[i];
		char v[64], w[64], b[64], src[512];
		if (m->area != k || !m->has_goalposts || isnan(m->value))
			continue;
		if (!any++)
			smb_buf_puts(o, "\n| Metric | Worst | Value | Best | Score | Goalposts |\n|---|---:|---:|---:|---:|---|\n");
		smb_rp_value(rp, m->value, m->unit, v, sizeof v);
		smb_rp_value(rp, m->worst, m->unit, w, sizeof w);
		smb_rp_value(rp, m->best, m->unit, b, sizeof b);
		smb_rp_source(m->gp_source, src, sizeof src);
		smb_buf_puts(o, "| ");
		md(o, m->label);
		smb_buf_puts(o, " | ");
		md(o, w);
		smb_buf_puts(o, " | ");
		md(o, v);
		smb_buf_puts(o, " | ");
		md(o, b);
		smb_buf_puts(o, " | ");
		score(o, m->score);
		smb_buf_puts(o, " | ");
		md(o, m->gp_industry ? m->gp_industry : "default");
		smb_buf_puts(o, ": ");
		md(o, src);
		smb_buf_puts(o, " |\n");
	}
	any = 0;
	for (size_t i = 0; i < rp->a->nfindings; i++) {
		const smb_afinding *f = &rp->a->findings[i];
		if (f->area != k || f->hidden)
			continue;
		if (!any++)
			smb_buf_puts(o, "\n### Findings\n\n");
		finding_line(o, rp, f);
		if (f->detail && *f->detail) {
			smb_buf_puts(o, "  ");
			md(o, f->detail);
			smb_buf_puts(o, "\n");
		}
	}
}

static void swot(smb_buf *o, const smb_report *rp)
{
	smb_buf_puts(o, "\n## SWOT\n");
	for (int s = 0; s < 4; s++) {
		int any = 0;
		smb_buf_printf(o, "\n### %s\n\n", smb_rp_swot_titles[s]);
		for (size_t i = 0; i < rp->a->nfindings; i++) {
			const smb_afinding *f = &rp->a->findings[i];
			if (f->hidden || strcmp(f->kind, smb_rp_swot_kinds[s]) != 0)
				continue;
			any++;
			smb_buf_puts(o, "- ");
			md(o, f->title);
			smb_buf_puts(o, "\n");
		}
		if (!any)
			smb_buf_puts(o, "None found.\n");
	}
}

static void plan(smb_buf *o, const smb_report *rp)
{
	const smb_plan_result *r = &rp->plan.out;
	const smb_plan_input *in = &rp->plan.in;

	smb_buf_puts(o, "\n## Initiatives and plan\n\n");
	if (!rp->have_plan) {
		md(o, rp->plan_why);
		smb_buf_puts(o, "\n");
		return;
	}
	smb_buf_puts(o, "| Chosen initiative | Cost | Hours | Expected gain |\n|---|---:|---:|---:|\n");
	for (size_t i = 0; i < r->nchosen; i++) {
		const char *id = in->cand[r->chosen[i]].id;
		const smb_arec *rec = smb_rp_rec(rp, id);
		char cost[64];
		smb_rp_money(rp, rec ? rec->cost : NAN, cost, sizeof cost);
		smb_buf_puts(o, "| ");
		md(o, rec ? rec->title : id);
		smb_buf_puts(o, " | ");
		md(o, cost);
		smb_buf_printf(o, " | %.0f h | %+.1f pts |\n", rec ? rec->hours : NAN, rec ? rec->gain : NAN);
	}
	smb_buf_puts(o, "\n| Resource | Used | Capacity |\n|---|---:|---:|\n");
	for (size_t k = 0; k < in->nres; k++) {
		char u[64], cp[64];
		int money = strcmp(in->resource[k], "cost") == 0;
		if (money) {
			smb_rp_money(rp, r->usage[k].used, u, sizeof u);
			smb_rp_money(rp, r->usage[k].capacity, cp, sizeof cp);
		} else {
			smb_rp_plain(r->usage[k].used, 0, u, sizeof u);
			smb_rp_plain(r->usage[k].capacity, 0, cp, sizeof cp);
		}
		smb_buf_puts(o, "| ");
		md(o, money ? "budget" : in->resource[k]);
		smb_buf_puts(o, " | ");
		md(o, u);
		smb_buf_puts(o, " | ");
		md(o, isinf(r->usage[k].capacity) ? "no limit" : cp);
		smb_buf_puts(o, " |\n");
	}
	if (r->nfrontier) {
		smb_buf_puts(o, "\nEfficient frontier:\n\n| Budget | Best value (gain × confidence) |\n|---:|---:|\n");
		for (size_t i = 0; i < r->nfrontier; i++) {
			char cap[64];
			smb_rp_money(rp, r->frontier[i].capacity, cap, sizeof cap);
			smb_buf_puts(o, "| ");
			md(o, cap);
			smb_buf_printf(o, " | %.2f |\n", r->frontier[i].value);
		}
	}
}

static void forecasts(smb_buf *o, const smb_report *rp)
{
	smb_buf_puts(o, "\n## Forecasts\n");
	for (int i = 0; i < 2; i++) {
		const smb_report_fan *f = &rp->fan[i];
		smb_buf_printf(o, "\n### %s\n\n", f->label);
		if (!f->ok) {
			smb_buf_puts(o, "No forecast: ");
			md(o, f->why);
			smb_buf_puts(o, "\n");
			continue;
		}
		smb_buf_puts(o, "| Month | Forecast | 80% interval | 95% interval |\n|---|---:|---|---|\n");
		for (size_t h = 0; h < SMB_REPORT_HORIZON; h++) {
			char v[64], a[64], b[64], c[64], d[64];
			smb_rp_money_whole(rp, f->fc.value[h], v, sizeof v);
			smb_rp_money_whole(rp, f->fc.lo80[h], a, sizeof a);
			smb_rp_money_whole(rp, f->fc.hi80[h], b, sizeof b);
			smb_rp_money_whole(rp, f->fc.lo95[h], c, sizeof c);
			smb_rp_money_whole(rp, f->fc.hi95[h], d, sizeof d);
			smb_buf_printf(o, "| %s | %s | %s to %s | %s to %s |\n", f->xlabel[f->nhist + h], v, a, b, c, d);
		}
	}
	smb_buf_puts(o, "\n**Cash runway:** ");
	if (!isnan(rp->runway))
		smb_buf_printf(o, "%.1f months on the forecast of revenue and costs.\n", rp->runway);
	else {
		md(o, rp->runway_why);
		smb_buf_puts(o, "\n");
	}
}

static void customers(smb_buf *o, const smb_report *rp)
{
	int any = 0;

	smb_buf_puts(o, "\n## Customers\n");
	for (size_t s = 0; s < SMB_RP_NSEGMENTS; s++) {
		double v = smb_rp_model(rp, "rfm", smb_rp_segments[s]);
		if (isnan(v))
			continue;
		if (!any++)
			smb_buf_puts(o, "\n| RFM segment | Customers |\n|---|---:|\n");
		smb_buf_printf(o, "| %s | %.0f |\n", smb_rp_segment_names[s], v);
	}
	if (!any)
		smb_buf_puts(o, "\nNo RFM segments: the assessment has no customer transactions.\n");
	if (rp->have_customers) {
		smb_buf_printf(o, "\nMean 12-month CLV by decile of %zu customers:\n\n| Decile | CLV |\n|---:|---:|\n",
		               rp->ncustomers);
		for (int d = 0; d < 10; d++) {
			char v[64];
			smb_rp_money(rp, rp->clv_decile[d], v, sizeof v);
			smb_buf_printf(o, "| %d | %s |\n", d + 1, v);
		}
	} else {
		smb_buf_puts(o, "\nNo CLV: ");
		md(o, rp->customers_why);
		smb_buf_puts(o, "\n");
	}
}

static void review(smb_buf *o, const smb_report *rp)
{
	double total, data, method, coverage;

	smb_buf_puts(o, "\n## Review\n\n");
	if (!rp->have_review) {
		md(o, rp->review_why);
		smb_buf_puts(o, "\n");
		return;
	}
	smb_rp_split(rp, -1, &total, &data, &method, &coverage);
	smb_buf_puts(o, "From ");
	md(o, rp->rv.from->period);
	smb_buf_puts(o, " to ");
	md(o, rp->rv.to->period);
	smb_buf_puts(o, ".\n\n| Part | Overall score change |\n|---|---:|\n");
	smb_buf_printf(o, "| data | %+.2f |\n| method | %+.2f |\n", data, method);
	if (!isnan(coverage))
		smb_buf_printf(o, "| coverage | %+.2f |\n", coverage);
	smb_buf_printf(o, "| total | %+.2f |\n", total);
	for (int pass = 0; pass < 2; pass++) {
		const smb_assessment *in;
		size_t idx[256], n = smb_rp_review_findings(rp, pass, &in, idx, 256);
		smb_buf_puts(o, pass ? "\n### Resolved findings\n\n" : "\n### New findings\n\n");
		for (size_t i = 0; i < n; i++) {
			smb_buf_puts(o, "- ");
			md(o, in->findings[idx[i]].title);
			smb_buf_puts(o, "\n");
		}
		if (!n)
			smb_buf_puts(o, "None.\n");
	}
}

static void appendix(smb_buf *o, const smb_report *rp)
{
	const smb_assessment *a = rp->a;
	int any = 0;

	smb_buf_puts(o, "\n## Data quality and method\n\n### What was missing\n\n");
	for (size_t i = 0; i < a->nmetrics; i++) {
		char src[512];
		if (!isnan(a->metrics[i].value) || !a->metrics[i].has_goalposts)
			continue;
		any++;
		smb_rp_source(a->metrics[i].source, src, sizeof src);
		smb_buf_puts(o, "- ");
		md(o, a->metrics[i].label);
		smb_buf_puts(o, ": ");
		md(o, src);
		smb_buf_puts(o, "\n");
	}
	if (!any)
		smb_buf_puts(o, "Every scored metric has a value.\n");
	smb_buf_puts(o, "\n### Method\n\nAggregation ");
	md(o, a->aggregate);
	smb_buf_puts(o, "; method fingerprint `");
	md(o, a->fingerprint);
	smb_buf_puts(o, "`.\n");
}

int smb_report_md(const smb_report *rp, smb_buf *o)
{
	summary(o, rp);
	trend(o, rp);
	for (int k = 0; k < 5; k++)
		area(o, rp, k);
	swot(o, rp);
	plan(o, rp);
	forecasts(o, rp);
	customers(o, rp);
	if (rp->have_review || rp->review_why[0])
		review(o, rp);
	appendix(o, rp);
	return o->failed ? -1 : 0;
}
