/* core/report/report_html.c — the report as one self-contained HTML file: inline
 * CSS and SVG, no script, nothing fetched, system fonts, an A4 print
 * stylesheet with each section on new pages and no chart split across
 * them. The sections and their order are the README's ("Report"). Every
 * text from the workspace is escaped; charts come from svg.c. */
#include "report_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "kind.h"

static const char css[] =
	":root{color-scheme:light}"
	"body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;color:#111;"
	"margin:0 auto;max-width:182mm;padding:8mm 6mm;font-size:10.5pt;line-height:1.4}"
	"h1{font-size:20pt;margin:0 0 2mm}h2{font-size:15pt;border-bottom:2px solid #0072B2;padding-bottom:1mm;margin:0 0 3mm}"
	"h3{font-size:12pt;margin:4mm 0 2mm}"
	"section{margin-bottom:10mm}"
	".sub{color:#444;margin:0 0 4mm}"
	".score{font-size:26pt;font-weight:700}.score small{font-size:12pt;font-weight:400;color:#444}"
	"figure{margin:2mm 0 4mm;break-inside:avoid;page-break-inside:avoid}"
	"figcaption{font-size:9pt;color:#444}"
	"svg{max-width:100%;height:auto;display:block}"
	"table{border-collapse:collapse;width:100%;margin:2mm 0 4mm;font-size:9.5pt}"
	"th,td{border-bottom:1px solid #ddd;padding:1mm 1.5mm;text-align:left;vertical-align:top;overflow-wrap:anywhere}"
	"th{background:#f3f3f3}td.n,th.n{text-align:right;white-space:nowrap}"
	"tr{break-inside:avoid;page-break-inside:avoid}"
	".cols{display:grid;grid-template-columns:1fr 1fr;gap:4mm}"
	".swot{display:grid;grid-template-columns:1fr 1fr;gap:3mm}"
	".swot>div{border:1px solid #ccc;padding:2mm 3mm;break-inside:avoid}"
	".swot h3{margin-top:0}"
	".note{background:#fff8e1;border-left:3px solid #E69F00;padding:1mm 2mm;margin:1mm 0;font-size:9.5pt}"
	".status{display:inline-block;padding:0 2mm;border-radius:2mm;color:#fff;font-weight:600;white-space:nowrap}"
	".finding{margin:0 0 3mm;break-inside:avoid}"
	".finding p{margin:0.5mm 0}"
	".tag{font-size:8.5pt;color:#444}"
	".metric{display:grid;grid-template-columns:38% 62%;border-bottom:1px solid #ddd;padding:1.5mm 0;"
	"break-inside:avoid;page-break-inside:avoid}"
	".metric .gp{grid-column:1/3;margin:0.5mm 0 0;font-size:8pt;color:#444}"
	".small{font-size:8.5pt;color:#444}"
	"ul{margin:1mm 0 3mm;padding-left:5mm}"
	"code{font-size:8.5pt;overflow-wrap:anywhere}"
	"@page{size:A4;margin:14mm 12mm}"
	"@media print{body{max-width:none;padding:0}section{break-before:page;page-break-before:always;margin:0}"
	"section:first-of-type{break-before:auto;page-break-before:auto}"
	"h2,h3{break-after:avoid;page-break-after:avoid}"
	".status,.note{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

static void esc(smb_buf *o, const char *s)
{
	smb_svg_escape(o, s);
}

static void notes(smb_buf *o, const smb_report *rp, const char *target, const char *item)
{
	const smb_note *n;

	for (size_t i = 0; (n = smb_rp_note(rp, target, item, i)); i++) {
		smb_buf_puts(o, "<p class=\"note\"><strong>Consultant&#39;s note:</strong> ");
		esc(o, n->text);
		smb_buf_puts(o, "</p>");
	}
}

static void score_text(double v, char *out, size_t len)
{
	if (isnan(v))
		snprintf(out, len, "no score");
	else
		snprintf(out, len, "%.1f", v);
}

/* One finding with its evidence and notes. */
static void finding(smb_buf *o, const smb_report *rp, const smb_afinding *f, int full)
{
	smb_buf_puts(o, "<div class=\"finding\"><p><strong>");
	esc(o, f->title);
	smb_buf_puts(o, "</strong> <span class=\"tag\">(");
	esc(o, f->kind);
	smb_buf_puts(o, ", ");
	esc(o, f->severity);
	smb_buf_puts(o, ", ");
	esc(o, smb_rp_area_titles[f->area]);
	smb_buf_puts(o, ")</span></p>");
	if (full && f->detail && *f->detail) {
		smb_buf_puts(o, "<p>");
		esc(o, f->detail);
		smb_buf_puts(o, "</p>");
	}
	if (full && f->evidence && strcmp(f->evidence, "[]") != 0) {
		/* the evidence is stored as JSON [{metric, value}]; each metric is
		 * shown by its label and value from the assessment */
		int any = 0;
		for (size_t i = 0; i < rp->a->nmetrics; i++) {
			const smb_ametric *m = &rp->a->metrics[i];
			char needle[160], v[64];
			snprintf(needle, sizeof needle, "\"metric\":\"%s\"", m->key);
			if (!strstr(f->evidence, needle)) {
				snprintf(needle, sizeof needle, "\"metric\": \"%s\"", m->key);
				if (!strstr(f->evidence, needle))
					continue;
			}
			smb_rp_value(rp, m->value, m->unit, v, sizeof v);
			smb_buf_puts(o, any++ ? "; " : "<p class=\"small\">Evidence: ");
			esc(o, m->label);
			smb_buf_puts(o, " = ");
			esc(o, v);
		}
		if (any)
			smb_buf_puts(o, "</p>");
	}
	notes(o, rp, "finding", f->rule_id);
	smb_buf_puts(o, "</div>");
}

/* ---- 1. executive summary ---- */

static void areas_chart(smb_buf *o, const smb_report *rp)
{
	const char *labels[5], *texts[5];
	double values[5];
	char tb[5][64];
	smb_buf desc;
	smb_svg_bars c;

	smb_buf_init(&desc);
	smb_buf_puts(&desc, "Area scores out of 100 against the maturity levels:");
	for (int k = 0; k < 5; k++) {
		const smb_aarea *ar = &rp->a->areas[k];
		labels[k] = smb_rp_area_titles[k];
		values[k] = ar->score;
		if (isnan(ar->score))
			snprintf(tb[k], sizeof tb[k], "no score (coverage %.0f%%)", 100 * ar->coverage);
		else
			snprintf(tb[k], sizeof tb[k], "%.1f %s", ar->score, ar->level ? ar->level : "");
		texts[k] = tb[k];
		smb_buf_printf(&desc, " %s %s;", labels[k], tb[k]);
	}
	memset(&c, 0, sizeof c);
	c.title = "The five areas against the maturity levels";
	c.desc = smb_buf_str(&desc);
	c.n = 5;
	c.label = labels;
	c.value = values;
	c.text = texts;
	c.min = 0;
	c.max = 100;
	c.band = smb_rp_levels;
	c.nbands = 4;
	c.width = 640;
	smb_buf_puts(o, "<figure>");
	smb_svg_bar(o, &c);
	smb_buf_puts(o, "<figcaption>Each bar is an area&#39;s score; the shaded bands are the levels Initial (0–25), "
	                "Fundamental (25–50), Intermediate (50–75) and Advanced (75–100).</figcaption></figure>");
	smb_buf_free(&desc);
}

static void initiative_row(smb_buf *o, const smb_report *rp, const smb_arec *r, int rank)
{
	char cost[64], gain[160];

	smb_rp_money(rp, r->cost, cost, sizeof cost);
	/* value = score gain + what resolving its worst finding is worth
	 * (README "The value of an initiative"): both parts shown */
	if (r->resolve > 0)
		snprintf(gain, sizeof gain, "%+.1f pts<br/><span class=\"tag\">score %+.1f, resolves %+.1f</span>",
		         r->gain + r->resolve, r->gain, r->resolve);
	else
		snprintf(gain, sizeof gain, "%+.1f pts", r->gain);
	smb_buf_printf(o, "<tr><td class=\"n\">%d</td><td>", rank);
	esc(o, r->title);
	smb_buf_puts(o, " <span class=\"tag\">");
	esc(o, r->initiative_id);
	smb_buf_puts(o, "</span>");
	notes(o, rp, "initiative", r->initiative_id);
	smb_buf_puts(o, "</td><td class=\"n\">");
	esc(o, cost);
	smb_buf_printf(o, "</td><td class=\"n\">%.0f h</td><td class=\"n\">%s</td><td class=\"n\">%.0f%%</td></tr>",
	               r->hours, gain, 100 * r->confidence);
}

static void goals_table(smb_buf *o, const smb_report *rp)
{
	if (!rp->ngoals) {
		smb_buf_puts(o, "<p>No goals are set for this client.</p>");
		return;
	}
	smb_buf_puts(o, "<table><thead><tr><th>Goal</th><th class=\"n\">Baseline</th><th class=\"n\">Now</th>"
	                "<th class=\"n\">Target</th><th>By</th><th>Owner</th><th>Status</th></tr></thead><tbody>");
	for (size_t i = 0; i < rp->ngoals; i++) {
		const smb_report_goal *g = &rp->goal_at[i];
		const smb_ametric *m = smb_rp_metric(rp, g->goal->metric);
		const char *unit = m ? m->unit : "";
		char b[64], v[64], t[64];
		smb_rp_value(rp, g->goal->baseline, unit, b, sizeof b);
		smb_rp_value(rp, g->value, unit, v, sizeof v);
		smb_rp_value(rp, g->goal->target, unit, t, sizeof t);
		smb_buf_puts(o, "<tr><td>");
		esc(o, m ? m->label : g->goal->metric);
		smb_buf_puts(o, "</td><td class=\"n\">");
		esc(o, b);
		smb_buf_puts(o, "</td><td class=\"n\">");
		esc(o, v);
		smb_buf_puts(o, "</td><td class=\"n\">");
		esc(o, t);
		smb_buf_puts(o, "</td><td>");
		esc(o, g->goal->deadline);
		smb_buf_puts(o, "</td><td>");
		esc(o, g->goal->owner ? g->goal->owner : "-");
		smb_buf_printf(o, "</td><td><span class=\"status\" style=\"background:%s\">%s</span></td></tr>",
		               smb_rp_goal_colour(g->status), smb_rp_goal_word(g->status));
	}
	smb_buf_puts(o, "</tbody></table>");
}

static void summary(smb_buf *o, const smb_report *rp)
{
	const smb_assessment *a = rp->a;
	size_t idx[3], n;
	char sc[32];

	smb_buf_puts(o, "<section id=\"summary\"><h1>");
	esc(o, a->client_name ? a->client_name : a->client_id);
	smb_buf_puts(o, "</h1><p class=\"sub\">Assessment of ");
	esc(o, a->period);
	smb_buf_printf(o, " (assessment #%lld, ", a->id);
	esc(o, a->created);
	smb_buf_puts(o, "), industry ");
	esc(o, a->industry);
	smb_buf_puts(o, ".</p><h2>Executive summary</h2>");
	if (isnan(a->overall)) {
		smb_buf_puts(o, "<p class=\"score\">No overall score <small>");
		esc(o, a->overall_reason ? a->overall_reason : "");
		smb_buf_puts(o, "</small></p>");
	} else {
		score_text(a->overall, sc, sizeof sc);
		smb_buf_printf(o, "<p class=\"score\">%s <small>of 100, maturity level</small> ", sc);
		esc(o, a->level);
		smb_buf_puts(o, "</p>");
	}
	if (a->partial)
		smb_buf_puts(o, "<p><strong>Partial result:</strong> some figures could not be computed (see the appendix).</p>");
	areas_chart(o, rp);
	smb_buf_puts(o, "<div class=\"cols\"><div><h3>Main strengths</h3>");
	n = smb_rp_top_findings(rp, "strength", idx, 3);
	if (!n)
		smb_buf_puts(o, "<p>None found.</p>");
	for (size_t i = 0; i < n; i++)
		finding(o, rp, &a->findings[idx[i]], 0);
	smb_buf_puts(o, "</div><div><h3>Most serious weaknesses and threats</h3>");
	n = smb_rp_top_findings(rp, "weakness threat", idx, 3);
	if (!n)
		smb_buf_puts(o, "<p>None found.</p>");
	for (size_t i = 0; i < n; i++)
		finding(o, rp, &a->findings[idx[i]], 0);
	smb_buf_puts(o, "</div></div><h3>Top initiatives</h3>");
	if (!a->nrecs) {
		smb_buf_puts(o, "<p>No initiative is recommended.</p>");
	} else {
		smb_buf_puts(o, "<table><thead><tr><th class=\"n\">#</th><th>Initiative</th><th class=\"n\">Cost</th>"
		                "<th class=\"n\">Hours</th><th class=\"n\">Value</th><th class=\"n\">Confidence</th>"
		                "</tr></thead><tbody>");
		for (size_t i = 0; i < a->nrecs && i < 3; i++)
			initiative_row(o, rp, &a->recs[i], (int)i + 1);
		smb_buf_puts(o, "</tbody></table><p class=\"small\">Value: points of overall score if the initiative has "
		                "the effect expected, plus what the most serious finding it resolves is worth (high 3, "
		                "medium 1.5, low 0.5); ranked by value × confidence / effort.</p>");
	}
	smb_buf_puts(o, "<h3>Goals</h3>");
	goals_table(o, rp);
	smb_buf_puts(o, "</section>");
}

/* ---- 2. trend ---- */

static void trend(smb_buf *o, const smb_report *rp)
{
	const char *xl[64], *names[5];
	double ys[5][64];
	const double *yp[5];
	char lab[64][24];
	size_t nx = rp->ntrend > 64 ? 64 : rp->ntrend, first = rp->ntrend - nx;
	smb_buf desc;
	smb_svg_lines c;

	smb_buf_puts(o, "<section id=\"trend\"><h2>Trend</h2>");
	if (nx < 2)
		smb_buf_puts(o, "<p>This is the client&#39;s first assessment; the trend starts with the next one.</p>");
	smb_buf_init(&desc);
	smb_buf_puts(&desc, "Area scores at each assessment:");
	for (size_t i = 0; i < nx; i++) {
		const smb_assessment *t = rp->trend[first + i];
		int dup = 0;
		for (size_t k = 0; k < nx; k++)
			dup |= k != i && strcmp(rp->trend[first + k]->period, t->period) == 0;
		if (dup)
			snprintf(lab[i], sizeof lab[i], "%s #%lld", t->period, t->id);
		else
			snprintf(lab[i], sizeof lab[i], "%s", t->period);
		xl[i] = lab[i];
		smb_buf_printf(&desc, " %s:", lab[i]);
		for (int k = 0; k < 5; k++) {
			ys[k][i] = t->areas[k].score;
			if (isnan(ys[k][i]))
				smb_buf_printf(&desc, " %s no score,", smb_areas[k]);
			else
				smb_buf_printf(&desc, " %s %.1f,", smb_areas[k], ys[k][i]);
		}
	}
	for (int k = 0; k < 5; k++) {
		names[k] = smb_rp_area_titles[k];
		yp[k] = ys[k];
	}
	memset(&c, 0, sizeof c);
	c.title = "Area scores over every assessment";
	c.desc = smb_buf_str(&desc);
	c.nx = nx;
	c.xlabel = xl;
	c.nseries = 5;
	c.name = names;
	c.y = yp;
	c.min = 0;
	c.max = 100;
	c.band = smb_rp_levels;
	c.nbands = 4;
	c.width = 640;
	c.height = 280;
	smb_buf_puts(o, "<figure>");
	smb_svg_line(o, &c);
	smb_buf_puts(o, "<figcaption>One line per area, labelled at its latest score; an area without a score "
	                "(too few of its metrics measured) leaves a gap.</figcaption></figure>");
	smb_buf_free(&desc);
	smb_buf_puts(o, "<table><thead><tr><th>Assessment</th><th class=\"n\">Overall</th>");
	for (int k = 0; k < 5; k++) {
		smb_buf_puts(o, "<th class=\"n\">");
		esc(o, smb_rp_area_titles[k]);
		smb_buf_puts(o, "</th>");
	}
	smb_buf_puts(o, "</tr></thead><tbody>");
	for (size_t i = 0; i < nx; i++) {
		char sc[32];
		smb_buf_puts(o, "<tr><td>");
		esc(o, lab[i]);
		score_text(rp->trend[first + i]->overall, sc, sizeof sc);
		smb_buf_printf(o, "</td><td class=\"n\">%s</td>", sc);
		for (int k = 0; k < 5; k++) {
			score_text(ys[k][i], sc, sizeof sc);
			smb_buf_printf(o, "<td class=\"n\">%s</td>", sc);
		}
		smb_buf_puts(o, "</tr>");
	}
	smb_buf_puts(o, "</tbody></table></section>");
}

/* ---- 3. each area ---- */

static void bullet(smb_buf *o, const smb_report *rp, const smb_ametric *m)
{
	char v[64], w[64], b[64], title[300], desc[600];
	smb_svg_bullet c;

	smb_rp_value(rp, m->value, m->unit, v, sizeof v);
	smb_rp_value(rp, m->worst, m->unit, w, sizeof w);
	smb_rp_value(rp, m->best, m->unit, b, sizeof b);
	snprintf(title, sizeof title, "%s: %s", m->label, v);
	snprintf(desc, sizeof desc, "%s between the worst goalpost %s (score 0) and the best %s (score 100)%s%s",
	         isnan(m->value) ? "No value" : v, w, b, isnan(m->score) ? "" : "; score ", "");
	if (!isnan(m->score)) {
		size_t l = strlen(desc);
		snprintf(desc + l, sizeof desc - l, "%.0f", m->score);
	}
	memset(&c, 0, sizeof c);
	c.title = title;
	c.desc = desc;
	c.value = m->value;
	c.worst = m->worst;
	c.best = m->best;
	c.value_text = isnan(m->value) ? "no value" : v;
	c.worst_text = w;
	c.best_text = b;
	c.width = 400;
	smb_svg_bullet_chart(o, &c);
}

static void area(smb_buf *o, const smb_report *rp, int k)
{
	const smb_aarea *ar = &rp->a->areas[k];
	char sc[32];
	int any = 0;

	smb_buf_printf(o, "<section id=\"area-%s\"><h2>", smb_areas[k]);
	esc(o, smb_rp_area_titles[k]);
	score_text(ar->score, sc, sizeof sc);
	smb_buf_printf(o, "</h2><p><strong>Score %s</strong>", sc);
	if (ar->level) {
		smb_buf_puts(o, ", ");
		esc(o, ar->level);
	}
	smb_buf_printf(o, "; %.0f%% of the area&#39;s metric weight measured.", 100 * ar->coverage);
	if (ar->reason) {
		smb_buf_puts(o, " ");
		esc(o, ar->reason);
	}
	smb_buf_puts(o, "</p>");
	for (size_t i = 0; i < rp->a->nmetrics; i++) {
		const smb_ametric *m = &rp->a->metrics[i];
		char src[512];
		if (m->area != k || !m->has_goalposts || isnan(m->value))
			continue;
		if (!any++)
			smb_buf_puts(o, "<h3>Metrics between their goalposts</h3><p class=\"small\">Each bar runs from the "
			                "worst goalpost (score 0, left) to the best (score 100, right); the mark is the "
			                "value.</p>");
		smb_buf_puts(o, "<div class=\"metric\"><div><strong>");
		esc(o, m->label);
		smb_buf_puts(o, "</strong>");
		if (!isnan(m->score))
			smb_buf_printf(o, "<br/><span class=\"tag\">score %.0f</span>", m->score);
		smb_buf_puts(o, "</div><div>");
		bullet(o, rp, m);
		smb_buf_puts(o, "</div><p class=\"gp\">Goalposts: ");
		if (m->gp_industry) {
			smb_buf_puts(o, "<strong>");
			esc(o, m->gp_industry);
			smb_buf_puts(o, " industry</strong>, ");
		} else {
			smb_buf_puts(o, "<strong>default</strong>, ");
		}
		smb_rp_source(m->gp_source, src, sizeof src);
		esc(o, src);
		smb_buf_puts(o, "</p></div>");
	}
	any = 0;
	for (size_t i = 0; i < rp->a->nmetrics; i++) {
		const smb_ametric *m = &rp->a->metrics[i];
		char v[64];
		if (m->area != k || (m->has_goalposts && !isnan(m->value)) || isnan(m->value))
			continue;
		if (!any++)
			smb_buf_puts(o, "<h3>Other figures</h3><table><thead><tr><th>Figure</th><th class=\"n\">Value</th>"
			                "</tr></thead><tbody>");
		smb_rp_value(rp, m->value, m->unit, v, sizeof v);
		smb_buf_puts(o, "<tr><td>");
		esc(o, m->label);
		smb_buf_puts(o, "</td><td class=\"n\">");
		esc(o, v);
		smb_buf_puts(o, "</td></tr>");
	}
	if (any)
		smb_buf_puts(o, "</tbody></table>");
	any = 0;
	for (size_t i = 0; i < rp->a->nfindings; i++) {
		const smb_afinding *f = &rp->a->findings[i];
		if (f->area != k || f->hidden)
			continue;
		if (!any++)
			smb_buf_puts(o, "<h3>Findings</h3>");
		finding(o, rp, f, 1);
	}
	if (!any)
		smb_buf_puts(o, "<h3>Findings</h3><p>No finding in this area.</p>");
	smb_buf_puts(o, "</section>");
}

/* ---- 4. SWOT ---- */

static void swot(smb_buf *o, const smb_report *rp)
{
	smb_buf_puts(o, "<section id=\"swot\"><h2>SWOT</h2><div class=\"swot\">");
	for (int s = 0; s < 4; s++) {
		int any = 0;
		smb_buf_printf(o, "<div><h3>%s</h3><ul>", smb_rp_swot_titles[s]);
		for (size_t i = 0; i < rp->a->nfindings; i++) {
			const smb_afinding *f = &rp->a->findings[i];
			if (f->hidden || strcmp(f->kind, smb_rp_swot_kinds[s]) != 0)
				continue;
			any++;
			smb_buf_puts(o, "<li>");
			esc(o, f->title);
			smb_buf_puts(o, " <span class=\"tag\">(");
			esc(o, smb_rp_area_titles[f->area]);
			smb_buf_puts(o, ", ");
			esc(o, f->severity);
			smb_buf_puts(o, ")</span>");
			notes(o, rp, "finding", f->rule_id);
			smb_buf_puts(o, "</li>");
		}
		if (!any)
			smb_buf_puts(o, "<li>None found.</li>");
		smb_buf_puts(o, "</ul></div>");
	}
	smb_buf_puts(o, "</div></section>");
}

/* ---- 5. initiatives and plan ---- */

static void plan(smb_buf *o, const smb_report *rp)
{
	const smb_plan_result *r = &rp->plan.out;
	const smb_plan_input *in = &rp->plan.in;

	smb_buf_puts(o, "<section id=\"plan\"><h2>Initiatives and plan</h2>");
	if (!rp->have_plan) {
		smb_buf_puts(o, "<p>");
		esc(o, rp->plan_why);
		smb_buf_puts(o, "</p></section>");
		return;
	}
	{
		char cap[2][64];
		smb_rp_money(rp, in->capacity[0], cap[0], sizeof cap[0]);
		smb_buf_puts(o, "<p>The best set of recommended initiatives within a budget of ");
		esc(o, cap[0]);
		smb_buf_printf(o, " and %.0f staff hours", in->nres > 1 ? in->capacity[1] : 0);
		smb_buf_printf(o, ": %zu initiatives, expected to raise the overall score by %.1f points if every effect "
		                  "is realised.</p>",
		               r->nchosen, rp->plan.have_rescore ? rp->plan.improved : rp->plan.additive);
		(void)cap[1];
	}
	smb_buf_puts(o, "<table><thead><tr><th>Chosen initiative</th><th class=\"n\">Cost</th><th class=\"n\">Hours</th>"
	                "<th class=\"n\">Months</th><th class=\"n\">Expected gain</th></tr></thead><tbody>");
	for (size_t i = 0; i < r->nchosen; i++) {
		const char *id = in->cand[r->chosen[i]].id;
		const smb_arec *rec = smb_rp_rec(rp, id);
		char cost[64];
		smb_buf_puts(o, "<tr><td>");
		esc(o, rec ? rec->title : id);
		smb_buf_puts(o, " <span class=\"tag\">");
		esc(o, id);
		smb_buf_puts(o, "</span>");
		notes(o, rp, "initiative", id);
		smb_rp_money(rp, rec ? rec->cost : NAN, cost, sizeof cost);
		smb_buf_puts(o, "</td><td class=\"n\">");
		esc(o, cost);
		smb_buf_printf(o, "</td><td class=\"n\">%.0f h</td><td class=\"n\">%.0f</td><td class=\"n\">%+.1f pts</td></tr>",
		               rec ? rec->hours : NAN, rec ? rec->months : NAN, rec ? rec->gain : NAN);
	}
	smb_buf_puts(o, "</tbody></table>");
	/* resource use: one bar per resource, share of its capacity used */
	{
		const char *labels[8], *texts[8];
		double values[8];
		char tb[8][160], lb[8][48];
		size_t n = 0;
		smb_buf desc;
		smb_svg_bars c;
		smb_buf_init(&desc);
		smb_buf_puts(&desc, "Share of each resource the chosen initiatives use:");
		for (size_t k = 0; k < in->nres && n < 8; k++) {
			const smb_plan_usage *u = &r->usage[k];
			char used[64], cap[64];
			int money = strcmp(in->resource[k], "cost") == 0;
			if (isinf(u->capacity) || u->capacity <= 0)
				continue;
			if (money) {
				smb_rp_money(rp, u->used, used, sizeof used);
				smb_rp_money(rp, u->capacity, cap, sizeof cap);
			} else {
				smb_rp_plain(u->used, 0, used, sizeof used);
				smb_rp_plain(u->capacity, 0, cap, sizeof cap);
			}
			snprintf(lb[n], sizeof lb[n], "%s", money ? "Budget" : strcmp(in->resource[k], "hours") == 0 ? "Staff hours"
			                                                                                             : in->resource[k]);
			snprintf(tb[n], sizeof tb[n], "%s of %s%s", used, cap, u->binding ? " (limit)" : "");
			labels[n] = lb[n];
			texts[n] = tb[n];
			values[n] = 100 * u->used / u->capacity;
			smb_buf_printf(&desc, " %s %s;", lb[n], tb[n]);
			n++;
		}
		memset(&c, 0, sizeof c);
		c.title = "Resources the plan uses";
		c.desc = smb_buf_str(&desc);
		c.n = n;
		c.label = labels;
		c.value = values;
		c.text = texts;
		c.min = 0;
		c.max = 100;
		c.width = 640;
		smb_buf_puts(o, "<figure>");
		smb_svg_bar(o, &c);
		smb_buf_puts(o, "<figcaption>Each bar is the share of the resource used; a full bar is the whole budget or "
		                "all the hours.</figcaption></figure>");
		smb_buf_free(&desc);
	}
	if (r->nfrontier) {
		double x[SMB_PLAN_FRONTIER], y[SMB_PLAN_FRONTIER];
		size_t chosen = SIZE_MAX;
		smb_buf desc;
		smb_svg_frontiers c;
		smb_buf_init(&desc);
		smb_buf_puts(&desc, "Best expected value (gain × confidence) at each budget:");
		for (size_t i = 0; i < r->nfrontier; i++) {
			char cap[64];
			x[i] = r->frontier[i].capacity;
			y[i] = r->frontier[i].value;
			if (fabs(r->frontier[i].fraction - 1) < 1e-9)
				chosen = i;
			smb_rp_money(rp, x[i], cap, sizeof cap);
			smb_buf_printf(&desc, " %s: %.2f;", cap, y[i]);
		}
		memset(&c, 0, sizeof c);
		c.title = "Efficient frontier: what more budget would buy";
		c.desc = smb_buf_str(&desc);
		c.n = r->nfrontier;
		c.x = x;
		c.y = y;
		c.chosen = chosen;
		c.xname = "budget";
		c.yname = "value (gain × confidence)";
		c.xfmt = smb_rp_money_fmt;
		c.yfmt = smb_rp_value_fmt;
		c.ud = (void *)rp;
		c.width = 600;
		smb_buf_puts(o, "<figure>");
		smb_svg_frontier(o, &c);
		smb_buf_puts(o, "<figcaption>The best plan at a quarter, half, three quarters, all, one and a half and twice "
		                "the budget, with the staff hours held; the larger point is this plan.</figcaption></figure>");
		smb_buf_free(&desc);
	}
	smb_buf_puts(o, "<h3>Not in the plan</h3><table><thead><tr><th>Initiative</th><th>Why not</th></tr></thead><tbody>");
	for (size_t i = 0; i < r->ncand; i++) {
		char why[256];
		if (r->choice[i].chosen)
			continue;
		smb_planning_reason(&rp->plan, i, why, sizeof why);
		smb_buf_puts(o, "<tr><td>");
		esc(o, in->cand[i].id);
		notes(o, rp, "initiative", in->cand[i].id);
		smb_buf_puts(o, "</td><td>");
		esc(o, why);
		smb_buf_puts(o, "</td></tr>");
	}
	smb_buf_puts(o, "</tbody></table></section>");
}

/* ---- 6. forecasts ---- */

static void fan(smb_buf *o, const smb_report *rp, const smb_report_fan *f, int cash)
{
	const char *xl[SMB_REPORT_HIST + SMB_REPORT_HORIZON];
	char title[128], mark[128], last[64], lo[64], hi[64];
	smb_buf desc;
	smb_svg_fans c;

	smb_buf_printf(o, "<h3>%s</h3>", f->label);
	if (!f->ok) {
		smb_buf_puts(o, "<p>No forecast: ");
		esc(o, f->why);
		smb_buf_puts(o, "</p>");
		return;
	}
	for (size_t i = 0; i < f->nhist + SMB_REPORT_HORIZON; i++)
		xl[i] = f->xlabel[i];
	smb_rp_money_whole(rp, f->fc.value[SMB_REPORT_HORIZON - 1], last, sizeof last);
	smb_rp_money_whole(rp, f->fc.lo80[SMB_REPORT_HORIZON - 1], lo, sizeof lo);
	smb_rp_money_whole(rp, f->fc.hi80[SMB_REPORT_HORIZON - 1], hi, sizeof hi);
	snprintf(title, sizeof title, "%s: the last %zu months and the next %d", f->label, f->nhist, SMB_REPORT_HORIZON);
	smb_buf_init(&desc);
	smb_buf_printf(&desc, "%s by month; in %s the forecast is %s, 80%% interval %s to %s (method %s).", f->label,
	               f->xlabel[f->nhist + SMB_REPORT_HORIZON - 1], last, lo, hi, smb_fc_method_name(f->fc.method));
	memset(&c, 0, sizeof c);
	c.title = title;
	c.nhist = f->nhist;
	c.hist = f->hist;
	c.h = SMB_REPORT_HORIZON;
	c.value = f->fc.value;
	c.lo80 = f->fc.lo80;
	c.hi80 = f->fc.hi80;
	c.lo95 = f->fc.lo95;
	c.hi95 = f->fc.hi95;
	c.xlabel = xl;
	c.marker = NAN;
	c.fmt = smb_rp_money_fmt;
	c.ud = (void *)rp;
	c.width = 640;
	if (cash) {
		if (!isnan(rp->runway) && rp->runway <= SMB_REPORT_HORIZON) {
			c.marker = rp->runway;
			snprintf(mark, sizeof mark, "cash runs out: %.1f months", rp->runway);
			c.marker_text = mark;
			smb_buf_printf(&desc, " Runway marked at %.1f months.", rp->runway);
		} else if (!isnan(rp->runway)) {
			smb_buf_printf(&desc, " Runway %.1f months, beyond this chart.", rp->runway);
		} else {
			smb_buf_printf(&desc, " Runway: %s.", rp->runway_why);
		}
	}
	c.desc = smb_buf_str(&desc);
	smb_buf_puts(o, "<figure>");
	smb_svg_fan(o, &c);
	smb_buf_puts(o, "<figcaption>");
	esc(o, smb_buf_str(&desc));
	smb_buf_puts(o, "</figcaption></figure>");
	smb_buf_free(&desc);
}

static void forecasts(smb_buf *o, const smb_report *rp)
{
	smb_buf_puts(o, "<section id=\"forecasts\"><h2>Forecasts</h2><p>Exponential smoothing of each monthly series "
	                "up to the assessment&#39;s end (the method with the lowest AICc). The darker band holds the "
	                "month&#39;s value with 80% probability, the lighter one with 95%, if the business goes on as "
	                "before.</p>");
	fan(o, rp, &rp->fan[0], 0);
	fan(o, rp, &rp->fan[1], 1);
	smb_buf_puts(o, "<p><strong>Cash runway:</strong> ");
	if (!isnan(rp->runway))
		smb_buf_printf(o, "%.1f months on the forecast of revenue and costs.", rp->runway);
	else
		esc(o, rp->runway_why);
	smb_buf_puts(o, "</p></section>");
}

/* ---- 7. customers ---- */

static void customers(smb_buf *o, const smb_report *rp)
{
	const char *labels[11], *texts[11];
	double values[11], total = 0, max = 0;
	char tb[11][48];
	size_t n = 0;
	smb_svg_bars c;
	smb_buf desc;

	smb_buf_puts(o, "<section id=\"customers\"><h2>Customers</h2>");
	for (size_t i = 0; i < SMB_RP_NSEGMENTS; i++) {
		double v = smb_rp_model(rp, "rfm", smb_rp_segments[i]);
		if (!isnan(v))
			total += v;
	}
	smb_buf_init(&desc);
	if (total > 0) {
		smb_buf_puts(&desc, "Customers in each RFM segment:");
		for (size_t i = 0; i < SMB_RP_NSEGMENTS; i++) {
			double v = smb_rp_model(rp, "rfm", smb_rp_segments[i]);
			if (isnan(v))
				continue;
			labels[n] = smb_rp_segment_names[i];
			values[n] = v;
			snprintf(tb[n], sizeof tb[n], "%.0f (%.0f%%)", v, 100 * v / total);
			texts[n] = tb[n];
			max = fmax(max, v);
			smb_buf_printf(&desc, " %s %s;", smb_rp_segment_names[i], tb[n]);
			n++;
		}
		memset(&c, 0, sizeof c);
		c.title = "Customers by RFM segment";
		c.desc = smb_buf_str(&desc);
		c.n = n;
		c.label = labels;
		c.value = values;
		c.text = texts;
		c.min = 0;
		c.max = max;
		c.width = 640;
		smb_buf_puts(o, "<h3>RFM segments</h3><figure>");
		smb_svg_bar(o, &c);
		smb_buf_puts(o, "<figcaption>Segments by recency, frequency and monetary value of purchases up to the "
		                "period&#39;s end.</figcaption></figure>");
	} else {
		smb_buf_puts(o, "<p>No RFM segments: the assessment has no customer transactions.</p>");
	}
	smb_buf_reset(&desc);
	if (rp->have_customers) {
		const char *dl[10], *dt[10];
		char dlb[10][24], dtb[10][64];
		smb_buf_printf(&desc, "Mean 12-month CLV of each tenth of the %zu customers, highest first:", rp->ncustomers);
		max = 0;
		for (int d = 0; d < 10; d++) {
			snprintf(dlb[d], sizeof dlb[d], "Decile %d", d + 1);
			smb_rp_money(rp, rp->clv_decile[d], dtb[d], sizeof dtb[d]);
			dl[d] = dlb[d];
			dt[d] = dtb[d];
			max = fmax(max, rp->clv_decile[d]);
			smb_buf_printf(&desc, " %s %s;", dlb[d], dtb[d]);
		}
		memset(&c, 0, sizeof c);
		c.title = "Customer lifetime value by decile";
		c.desc = smb_buf_str(&desc);
		c.n = 10;
		c.label = dl;
		c.value = rp->clv_decile;
		c.text = dt;
		c.min = 0;
		c.max = max > 0 ? max : 1;
		c.width = 640;
		smb_buf_puts(o, "<h3>Customer lifetime value by decile</h3><figure>");
		smb_svg_bar(o, &c);
		smb_buf_puts(o, "<figcaption>Expected spend over the next 12 months, discounted 1% a month (BG/NBD and "
		                "Gamma-Gamma), the customers sorted from the most valuable and cut into ten equal "
		                "groups.</figcaption></figure>");
	} else {
		smb_buf_puts(o, "<h3>Customer lifetime value by decile</h3><p>No CLV: ");
		esc(o, rp->customers_why);
		smb_buf_puts(o, "</p>");
	}
	smb_buf_free(&desc);
	smb_buf_puts(o, "</section>");
}

/* ---- 8. review ---- */

static void review(smb_buf *o, const smb_report *rp)
{
	const smb_review *rv = &rp->rv;
	double total, data, method, coverage;

	smb_buf_puts(o, "<section id=\"review\"><h2>Review</h2>");
	if (!rp->have_review) {
		smb_buf_puts(o, "<p>");
		esc(o, rp->review_why);
		smb_buf_puts(o, "</p></section>");
		return;
	}
	smb_rp_split(rp, -1, &total, &data, &method, &coverage);
	smb_buf_puts(o, "<p>From ");
	esc(o, rv->from->period);
	smb_buf_printf(o, " (assessment #%lld) to ", rv->from->id);
	esc(o, rv->to->period);
	smb_buf_printf(o, " (#%lld).", rv->to->id);
	if (!isnan(total))
		smb_buf_printf(o, " The overall score moved by %+.1f points.", total);
	smb_buf_puts(o, rv->same_method ? " Both were computed with the same method.</p>"
	                                : " The method changed between them.</p>");
	if (!isnan(total)) {
		const char *labels[3];
		double steps[3];
		size_t n = 0;
		char d[512];
		smb_svg_waterfalls c;
		labels[n] = "data";
		steps[n++] = data;
		labels[n] = "method";
		steps[n++] = method;
		if (!isnan(coverage)) {
			labels[n] = "coverage";
			steps[n++] = coverage;
		}
		snprintf(d, sizeof d, "Overall score %.1f in %s, then data %+.2f, method %+.2f%s, %.1f in %s.",
		         rv->from->overall, rv->from->period, data, method, isnan(coverage) ? "" : " and coverage", rv->to->overall,
		         rv->to->period);
		memset(&c, 0, sizeof c);
		c.title = "What moved the overall score";
		c.desc = d;
		c.start_label = rv->from->period;
		c.end_label = rv->to->period;
		c.start = rv->from->overall;
		c.n = n;
		c.label = labels;
		c.step = steps;
		c.fmt = smb_rp_score_fmt;
		c.width = 560;
		smb_buf_puts(o, "<figure>");
		smb_svg_waterfall(o, &c);
		smb_buf_puts(o, "<figcaption>Data: the change the client&#39;s figures made. Method: the change that new "
		                "goalposts, weights or playbooks made.");
		if (!isnan(coverage))
			smb_buf_puts(o, " Coverage: the change that metrics measured in only one of the two periods made.");
		smb_buf_puts(o, "</figcaption></figure>");
	}
	for (int pass = 0; pass < 2; pass++) {
		const smb_assessment *in;
		size_t idx[256], n = smb_rp_review_findings(rp, pass, &in, idx, 256);
		smb_buf_puts(o, pass ? "<h3>Resolved findings</h3><ul>" : "<h3>New findings</h3><ul>");
		for (size_t i = 0; i < n; i++) {
			smb_buf_puts(o, "<li>");
			esc(o, in->findings[idx[i]].title);
			smb_buf_puts(o, " <span class=\"tag\">(");
			esc(o, in->findings[idx[i]].kind);
			smb_buf_puts(o, ")</span></li>");
		}
		smb_buf_puts(o, n ? "</ul>" : "<li>None.</li></ul>");
	}
	smb_buf_puts(o, "</section>");
}

/* ---- 9. data quality and method ---- */

static void appendix(smb_buf *o, const smb_report *rp)
{
	const smb_assessment *a = rp->a;
	int any = 0;

	smb_buf_puts(o, "<section id=\"method\"><h2>Data quality and method</h2><h3>What was missing</h3>");
	for (size_t i = 0; i < a->nmetrics; i++) {
		const smb_ametric *m = &a->metrics[i];
		char src[512];
		if (!isnan(m->value) || !m->has_goalposts)
			continue;
		if (!any++)
			smb_buf_puts(o, "<table><thead><tr><th>Metric</th><th>Why it has no value</th></tr></thead><tbody>");
		smb_rp_source(m->source, src, sizeof src);
		smb_buf_puts(o, "<tr><td>");
		esc(o, m->label);
		smb_buf_puts(o, "</td><td>");
		esc(o, src);
		smb_buf_puts(o, "</td></tr>");
	}
	smb_buf_puts(o, any ? "</tbody></table>" : "<p>Every scored metric has a value.</p>");
	any = 0;
	smb_buf_puts(o, "<h3>Estimated and self-reported figures</h3>");
	for (size_t i = 0; i < a->nmetrics; i++) {
		const smb_ametric *m = &a->metrics[i];
		if (isnan(m->value) || !m->source ||
		    (!strstr(m->source, "estimated") && !strstr(m->source, "self-reported") && !strstr(m->source, "imputed")))
			continue;
		if (!any++)
			smb_buf_puts(o, "<ul>");
		smb_buf_puts(o, "<li>");
		esc(o, m->label);
		smb_buf_puts(o, ": ");
		esc(o, m->source);
		smb_buf_puts(o, "</li>");
	}
	smb_buf_puts(o, any ? "</ul>" : "<p>None: every figure was measured or computed from measured figures.</p>");
	if (a->nerrors) {
		smb_buf_puts(o, "<h3>Errors</h3><ul>");
		for (size_t i = 0; i < a->nerrors; i++) {
			smb_buf_puts(o, "<li>");
			esc(o, a->errors[i].what);
			smb_buf_puts(o, ": ");
			esc(o, a->errors[i].message);
			smb_buf_puts(o, "</li>");
		}
		smb_buf_puts(o, "</ul>");
	}
	smb_buf_puts(o, "<h3>Goalpost sources</h3><ul>");
	for (size_t i = 0; i < a->nmetrics; i++) {
		const smb_ametric *m = &a->metrics[i];
		char src[512];
		int seen = 0;
		if (!m->has_goalposts || !m->gp_source)
			continue;
		for (size_t k = 0; k < i && !seen; k++)
			seen = a->metrics[k].has_goalposts && a->metrics[k].gp_source && strcmp(a->metrics[k].gp_source, m->gp_source) == 0;
		if (seen)
			continue;
		smb_rp_source(m->gp_source, src, sizeof src);
		smb_buf_puts(o, "<li>");
		esc(o, src);
		smb_buf_puts(o, "</li>");
	}
	smb_buf_puts(o, "</ul><h3>Method</h3><p>Scores are 100 × the metric&#39;s place between its worst and best "
	                "goalposts; an area&#39;s score is the weighted mean of its metrics&#39; scores, the overall "
	                "score the ");
	esc(o, a->aggregate);
	smb_buf_printf(o, " aggregate of the areas. Goalposts: %s.</p><p>Method fingerprint: <code>",
	               a->industry_defaults ? "the defaults (no industry benchmarks loaded)" : "the industry's where known");
	esc(o, a->fingerprint);
	smb_buf_puts(o, "</code> (the same fingerprint means the same goalposts, weights, plugins and playbooks).</p>"
	                "</section>");
}

int smb_report_html(const smb_report *rp, smb_buf *o)
{
	smb_buf_puts(o, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
	                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/><title>");
	esc(o, rp->a->client_name ? rp->a->client_name : rp->a->client_id);
	smb_buf_puts(o, ": assessment ");
	esc(o, rp->a->period);
	smb_buf_printf(o, "</title><style>%s</style></head><body>\n", css);
	summary(o, rp);
	smb_buf_putc(o, '\n');
	trend(o, rp);
	smb_buf_putc(o, '\n');
	for (int k = 0; k < 5; k++) {
		area(o, rp, k);
		smb_buf_putc(o, '\n');
	}
	swot(o, rp);
	smb_buf_putc(o, '\n');
	plan(o, rp);
	smb_buf_putc(o, '\n');
	forecasts(o, rp);
	smb_buf_putc(o, '\n');
	customers(o, rp);
	smb_buf_putc(o, '\n');
	if (rp->have_review || rp->review_why[0]) {
		review(o, rp);
		smb_buf_putc(o, '\n');
	}
	appendix(o, rp);
	smb_buf_puts(o, "\n</body></html>\n");
	return o->failed ? -1 : 0;
}
