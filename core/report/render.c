/* core/report/render.c — an assessment as text for the terminal, JSON for scripts
 * (schema in README, "Assessment JSON") and Markdown for reports. All three
 * read the same struct, so what is shown is what was stored. */
#include "render.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "fmt.h"
#include "json.h"
#include "kind.h"
#include "number.h"

static const char *const swot_kinds[4] = { "strength", "weakness", "opportunity", "threat" };
static const char *const swot_titles[4] = { "Strengths", "Weaknesses", "Opportunities", "Threats" };

static void num_or_null(smb_json *j, double v)
{
	if (isnan(v))
		smb_json_null(j);
	else
		smb_json_number(j, v);
}

static void json_text_or_null(smb_json *j, const char *s)
{
	if (s)
		smb_json_string(j, s);
	else
		smb_json_null(j);
}

/* The two parts of a recommendation's value and why its confidence is
 * what it is (README "The value of an initiative"). */
static void rec_json_extra(smb_json *j, const smb_arec *r)
{
	smb_json_key(j, "value");
	smb_json_number(j, r->value);
	smb_json_key(j, "resolve");
	smb_json_number(j, r->resolve);
	smb_json_key(j, "resolves");
	json_text_or_null(j, r->resolve_note);
	smb_json_key(j, "declared_confidence");
	smb_json_number(j, r->base_confidence);
	smb_json_key(j, "confidence_note");
	json_text_or_null(j, r->confidence_note);
}

static void render_json(const smb_assessment *a, smb_buf *out)
{
	smb_json j;

	smb_json_init(&j, out, 1);
	smb_json_object_begin(&j);
	smb_json_key(&j, "schema_version");
	smb_json_integer(&j, SMB_ASSESSMENT_SCHEMA);
	smb_json_key(&j, "id");
	smb_json_integer(&j, a->id);
	smb_json_key(&j, "client");
	smb_json_object_begin(&j);
	smb_json_key(&j, "id");
	smb_json_string(&j, a->client_id);
	smb_json_key(&j, "name");
	smb_json_string(&j, a->client_name);
	smb_json_key(&j, "industry");
	smb_json_string(&j, a->industry);
	smb_json_key(&j, "currency");
	smb_json_string(&j, a->currency ? a->currency : "EUR");
	smb_json_key(&j, "industry_goalposts");
	smb_json_string(&j, a->industry_defaults ? "default" : "industry");
	smb_json_object_end(&j);
	smb_json_key(&j, "period");
	smb_json_string(&j, a->period);
	smb_json_key(&j, "created");
	smb_json_string(&j, a->created);
	smb_json_key(&j, "partial");
	smb_json_bool(&j, a->partial);
	smb_json_key(&j, "overall");
	smb_json_object_begin(&j);
	smb_json_key(&j, "score");
	num_or_null(&j, a->overall);
	smb_json_key(&j, "level");
	smb_json_string(&j, a->level);
	smb_json_key(&j, "aggregate");
	smb_json_string(&j, a->aggregate);
	if (a->overall_reason) {
		smb_json_key(&j, "reason");
		smb_json_string(&j, a->overall_reason);
	}
	smb_json_object_end(&j);
	smb_json_key(&j, "areas");
	smb_json_object_begin(&j);
	for (int k = 0; k < 5; k++) {
		const smb_aarea *ar = &a->areas[k];
		smb_json_key(&j, smb_areas[k]);
		smb_json_object_begin(&j);
		smb_json_key(&j, "score");
		num_or_null(&j, ar->score);
		smb_json_key(&j, "level");
		smb_json_string(&j, ar->level);
		smb_json_key(&j, "coverage");
		smb_json_number(&j, ar->coverage);
		smb_json_key(&j, "weight");
		smb_json_number(&j, ar->weight);
		if (ar->reason) {
			smb_json_key(&j, "reason");
			smb_json_string(&j, ar->reason);
		}
		smb_json_key(&j, "metrics");
		smb_json_array_begin(&j);
		for (size_t i = 0; i < a->nmetrics; i++) {
			const smb_ametric *m = &a->metrics[i];
			if (m->area != k)
				continue;
			smb_json_object_begin(&j);
			smb_json_key(&j, "key");
			smb_json_string(&j, m->key);
			smb_json_key(&j, "label");
			smb_json_string(&j, m->label);
			smb_json_key(&j, "unit");
			smb_json_string(&j, m->unit);
			smb_json_key(&j, "value");
			num_or_null(&j, m->value);
			smb_json_key(&j, "score");
			num_or_null(&j, m->score);
			smb_json_key(&j, "weight");
			smb_json_number(&j, m->weight);
			smb_json_key(&j, "source");
			smb_json_string(&j, m->source);
			smb_json_key(&j, "origin");
			smb_json_string(&j, m->origin);
			smb_json_key(&j, "goalposts");
			if (m->has_goalposts) {
				smb_json_object_begin(&j);
				smb_json_key(&j, "worst");
				smb_json_number(&j, m->worst);
				smb_json_key(&j, "best");
				smb_json_number(&j, m->best);
				smb_json_key(&j, "industry");
				smb_json_string(&j, m->gp_industry);
				smb_json_key(&j, "source");
				smb_json_string(&j, m->gp_source);
				smb_json_object_end(&j);
			} else {
				smb_json_null(&j);
			}
			smb_json_object_end(&j);
		}
		smb_json_array_end(&j);
		smb_json_object_end(&j);
	}
	smb_json_object_end(&j);
	smb_json_key(&j, "findings");
	smb_json_array_begin(&j);
	for (size_t i = 0; i < a->nfindings; i++) {
		const smb_afinding *f = &a->findings[i];
		smb_json_object_begin(&j);
		smb_json_key(&j, "rule");
		smb_json_string(&j, f->rule_id);
		smb_json_key(&j, "area");
		smb_json_string(&j, smb_areas[f->area]);
		smb_json_key(&j, "kind");
		smb_json_string(&j, f->kind);
		smb_json_key(&j, "severity");
		smb_json_string(&j, f->severity);
		smb_json_key(&j, "title");
		smb_json_string(&j, f->title);
		smb_json_key(&j, "detail");
		smb_json_string(&j, f->detail);
		smb_json_key(&j, "evidence");
		smb_json_raw(&j, f->evidence);
		smb_json_key(&j, "recommend");
		smb_json_raw(&j, f->recommend);
		if (f->hidden) {
			smb_json_key(&j, "hidden");
			smb_json_bool(&j, 1);
		}
		smb_json_object_end(&j);
	}
	smb_json_array_end(&j);
	smb_json_key(&j, "recommendations");
	smb_json_array_begin(&j);
	for (size_t i = 0; i < a->nrecs; i++) {
		const smb_arec *r = &a->recs[i];
		smb_json_object_begin(&j);
		smb_json_key(&j, "rank");
		smb_json_integer(&j, (long long)i + 1);
		smb_json_key(&j, "initiative");
		smb_json_string(&j, r->initiative_id);
		smb_json_key(&j, "area");
		smb_json_string(&j, smb_areas[r->area]);
		smb_json_key(&j, "title");
		smb_json_string(&j, r->title);
		smb_json_key(&j, "gain");
		smb_json_number(&j, r->gain);
		smb_json_key(&j, "priority");
		smb_json_number(&j, r->priority);
		smb_json_key(&j, "cost");
		smb_json_number(&j, r->cost);
		smb_json_key(&j, "hours");
		smb_json_number(&j, r->hours);
		smb_json_key(&j, "months");
		smb_json_number(&j, r->months);
		smb_json_key(&j, "confidence");
		smb_json_number(&j, r->confidence);
		smb_json_key(&j, "effect");
		smb_json_raw(&j, r->effect);
		smb_json_key(&j, "findings");
		smb_json_raw(&j, r->findings);
		rec_json_extra(&j, r);
		smb_json_object_end(&j);
	}
	smb_json_array_end(&j);
	smb_json_key(&j, "under_way");
	smb_json_array_begin(&j);
	for (size_t i = 0; i < a->nunderway; i++) {
		const smb_arec *r = &a->underway[i];
		smb_json_object_begin(&j);
		smb_json_key(&j, "initiative");
		smb_json_string(&j, r->initiative_id);
		smb_json_key(&j, "area");
		smb_json_string(&j, smb_areas[r->area]);
		smb_json_key(&j, "title");
		smb_json_string(&j, r->title);
		smb_json_key(&j, "status");
		smb_json_string(&j, r->under_way);
		smb_json_key(&j, "start");
		json_text_or_null(&j, r->since);
		smb_json_key(&j, "end");
		json_text_or_null(&j, r->until);
		smb_json_key(&j, "gain");
		smb_json_number(&j, r->gain);
		smb_json_key(&j, "findings");
		smb_json_raw(&j, r->findings);
		rec_json_extra(&j, r);
		smb_json_object_end(&j);
	}
	smb_json_array_end(&j);
	smb_json_key(&j, "withdrawn");
	json_text_or_null(&j, a->withdrawn);
	smb_json_key(&j, "models");
	smb_json_object_begin(&j);
	for (size_t i = 0; i < a->nmodels; i++) {
		int first = 1;
		for (size_t k = 0; k < i && first; k++)
			first = strcmp(a->models[k].model, a->models[i].model) != 0;
		if (!first)
			continue;
		smb_json_key(&j, a->models[i].model);
		smb_json_object_begin(&j);
		for (size_t k = i; k < a->nmodels; k++)
			if (strcmp(a->models[k].model, a->models[i].model) == 0) {
				smb_json_key(&j, a->models[k].field);
				num_or_null(&j, a->models[k].value);
			}
		smb_json_object_end(&j);
	}
	smb_json_object_end(&j);
	smb_json_key(&j, "data_quality");
	smb_json_array_begin(&j);
	for (size_t i = 0; i < a->nquality; i++) {
		smb_json_object_begin(&j);
		smb_json_key(&j, "kind");
		smb_json_string(&j, a->quality[i].kind);
		smb_json_key(&j, "metric");
		smb_json_string(&j, a->quality[i].metric);
		smb_json_key(&j, "detail");
		smb_json_string(&j, a->quality[i].detail);
		smb_json_object_end(&j);
	}
	smb_json_array_end(&j);
	smb_json_key(&j, "errors");
	smb_json_array_begin(&j);
	for (size_t i = 0; i < a->nerrors; i++) {
		smb_json_object_begin(&j);
		smb_json_key(&j, "what");
		smb_json_string(&j, a->errors[i].what);
		smb_json_key(&j, "message");
		smb_json_string(&j, a->errors[i].message);
		smb_json_object_end(&j);
	}
	smb_json_array_end(&j);
	/* method: the fingerprint, then the stored description's fields. */
	smb_json_key(&j, "method");
	{
		smb_buf m;
		smb_buf_init(&m);
		smb_buf_puts(&m, "{\"fingerprint\":\"");
		smb_json_escape(&m, a->fingerprint);
		smb_buf_puts(&m, "\"");
		if (a->method && a->method[0] == '{' && a->method[1] != '}') {
			smb_buf_putc(&m, ',');
			smb_buf_puts(&m, a->method + 1);
		} else {
			smb_buf_putc(&m, '}');
		}
		smb_json_raw(&j, smb_buf_str(&m));
		smb_buf_free(&m);
	}
	smb_json_object_end(&j);
	smb_buf_putc(out, '\n');
}

static void bar(smb_buf *out, double score)
{
	int n = isnan(score) ? 0 : (int)lround(score / 5);

	for (int i = 0; i < 20; i++)
		smb_buf_puts(out, i < n ? "#" : ".");
}

/* A goalpost as people read it: grouped when large, else as short as exact. */
static void post_text(char out[SMB_FMT_VALUE], double v)
{
	if (fabs(v) >= 1000)
		smb_fmt_grouped(out, v, 0);
	else
		snprintf(out, SMB_FMT_VALUE, "%g", v);
}

/* Every text from the workspace, a playbook or a plugin passes E():
 * control characters escaped, and in Markdown '|' too (escape.h). */
#define E(s) smb_esc(&x, (s))

#define LABEL_WIDTH 52

static void render_text(const smb_assessment *a, smb_buf *out, int md)
{
	if (a->withdrawn)
		smb_buf_printf(out, "WITHDRAWN %s: this assessment was made by mistake and is kept for the audit trail only\n\n",
		               a->withdrawn);
	const char *h2 = md ? "## " : "", *h3 = md ? "### " : "";
	smb_escaper x = { .md = md };
	char fp[13];

	snprintf(fp, sizeof fp, "%.12s", a->fingerprint ? a->fingerprint : "");
	smb_buf_printf(out, "%s%s (%s), %s, period %s, amounts in %s\n", md ? "# " : "",
	               E(a->client_name ? a->client_name : a->client_id), E(a->client_id), E(a->industry), E(a->period),
	               a->currency ? E(a->currency) : "EUR");
	smb_buf_printf(out, "%sassessment #%lld, %s, method %s, %s aggregation%s%s\n\n", md ? "\n" : "", a->id, E(a->created),
	               E(fp), E(a->aggregate), a->partial ? ", PARTIAL (see errors)" : "",
	               a->industry_defaults ? ", default goalposts (no industry benchmarks loaded)" : "");
	if (isnan(a->overall))
		smb_buf_printf(out, "%sOverall: no score: %s\n\n", h2, a->overall_reason ? E(a->overall_reason) : "");
	else
		smb_buf_printf(out, "%sOverall: %.1f / 100, %s\n\n", h2, a->overall, E(a->level));
	if (md)
		smb_buf_puts(out, "| area | score | level | coverage | |\n|---|---:|---|---:|---|\n");
	for (int k = 0; k < 5; k++) {
		const smb_aarea *ar = &a->areas[k];
		char sc[16];
		snprintf(sc, sizeof sc, isnan(ar->score) ? "-" : "%.1f", ar->score);
		if (md) {
			smb_buf_printf(out, "| %s | %s | %s | %.2f | %s |\n", smb_areas[k], sc, ar->level ? E(ar->level) : "",
			               ar->coverage, ar->reason ? E(ar->reason) : "");
			continue;
		}
		smb_buf_printf(out, "  %-11s %6s  %-13s ", smb_areas[k], sc, ar->level ? E(ar->level) : "");
		bar(out, ar->score);
		smb_buf_printf(out, "  coverage %.2f", ar->coverage);
		if (ar->reason)
			smb_buf_printf(out, "  (%s)", E(ar->reason));
		smb_buf_putc(out, '\n');
	}
	smb_buf_printf(out, "\n%sMetrics\n", h2);
	for (int k = 0; k < 5; k++) {
		int any = 0;
		for (size_t i = 0; i < a->nmetrics; i++) {
			const smb_ametric *m = &a->metrics[i];
			char val[SMB_FMT_VALUE], sc[16], range[2 * SMB_FMT_VALUE + 4], lo[SMB_FMT_VALUE], hi[SMB_FMT_VALUE];
			char label[4 * LABEL_WIDTH + 1];
			if (m->area != k)
				continue;
			if (!any++) {
				smb_buf_printf(out, "\n%s%s\n", h3, smb_areas[k]);
				if (md)
					smb_buf_puts(out, "| metric | value | score | goalposts | source |\n|---|---:|---:|---|---|\n");
			}
			smb_fmt_value(val, m->value, m->unit);
			snprintf(sc, sizeof sc, isnan(m->score) ? "-" : "%.0f", m->score);
			if (m->has_goalposts) {
				post_text(lo, m->worst);
				post_text(hi, m->best);
				snprintf(range, sizeof range, "%s..%s", lo, hi);
			} else {
				snprintf(range, sizeof range, "not scored");
			}
			if (md)
				smb_buf_printf(out, "| %s | %s | %s | %s | %s |\n", E(m->label), E(val), sc, range, E(m->source));
			else {
				smb_fmt_fit(label, m->label, LABEL_WIDTH, 1);
				smb_buf_printf(out, "  %s %16s  score %4s  [%s]\n", E(label), E(val), sc, range);
			}
			if (!md && isinf(m->value))
				smb_buf_printf(out, "    (%s)\n", E(m->source));
		}
	}
	smb_buf_printf(out, "\n%sFindings (SWOT)\n", h2);
	if (!a->nfindings)
		smb_buf_puts(out, "  none\n");
	for (int s = 0; s < 4; s++) {
		int any = 0;
		for (size_t i = 0; i < a->nfindings; i++) {
			const smb_afinding *f = &a->findings[i];
			/* Markdown goes to the client: a finding a note hides stays out */
			if (strcmp(f->kind, swot_kinds[s]) != 0 || (md && f->hidden))
				continue;
			if (!any++)
				smb_buf_printf(out, "\n%s%s\n", h3, swot_titles[s]);
			smb_buf_printf(out, "%s[%s, %s, %s] %s\n", md ? "- " : "  ", E(f->rule_id), smb_areas[f->area], E(f->severity),
			               E(f->title));
			if (*f->detail)
				smb_buf_printf(out, "%s%s\n", md ? "  " : "      ", E(f->detail));
		}
	}
	smb_buf_printf(out, "\n%sRecommended initiatives (by value x confidence / effort; value = score gain + what the "
	               "finding it resolves is worth)\n", h2);
	if (!a->nrecs)
		smb_buf_puts(out, "  none\n");
	if (md && a->nrecs)
		smb_buf_puts(out, "| # | initiative | value | gain | resolves | cost | hours | months | confidence |\n"
		                  "|---:|---|---:|---:|---|---:|---:|---:|---:|\n");
	for (size_t i = 0; i < a->nrecs; i++) {
		const smb_arec *r = &a->recs[i];
		char cost[SMB_FMT_VALUE];
		smb_fmt_value(cost, r->cost, a->currency ? a->currency : "EUR");
		if (md)
			smb_buf_printf(out, "| %zu | %s: %s | %.2f | %+.2f | %s%s%.2f | %s | %.0f | %.0f | %.2f |\n", i + 1,
			               E(r->initiative_id), E(r->title), r->value, r->gain, r->resolve_note ? E(r->resolve_note) : "",
			               r->resolve_note ? " +" : "", r->resolve, cost, r->hours, r->months, r->confidence);
		else
			smb_buf_printf(out, "  %2zu. %-22s %+6.2f pts  cost %12s  %4.0f h  %2.0f mo  conf %.2f  %s\n", i + 1,
			               E(r->initiative_id), r->gain, cost, r->hours, r->months, r->confidence, E(r->title));
		if (!md && r->resolve > 0)
			smb_buf_printf(out, "      value %.2f = gain %+.2f + %.2f (%s)\n", r->value, r->gain, r->resolve,
			               r->resolve_note ? E(r->resolve_note) : "resolves a finding");
		if (r->confidence_note)
			smb_buf_printf(out, "%s%s\n", md ? "  - " : "      ", E(r->confidence_note));
	}
	smb_buf_printf(out, "\n%sUnder way (planned, in progress or done; not recommended again)\n", h2);
	if (!a->nunderway)
		smb_buf_puts(out, "  none\n");
	for (size_t i = 0; i < a->nunderway; i++) {
		const smb_arec *r = &a->underway[i];
		smb_buf_printf(out, "%s%-22s %-11s from %s%s%s  %s\n", md ? "- " : "  ", E(r->initiative_id), r->under_way,
		               r->since ? r->since : "?", r->until ? " to " : "", r->until ? r->until : "", E(r->title));
		if (r->confidence_note)
			smb_buf_printf(out, "%s%s\n", md ? "  - " : "      ", E(r->confidence_note));
	}
	smb_buf_printf(out, "\n%sData quality\n", h2);
	if (!a->nquality)
		smb_buf_printf(out, "%snothing missing, estimated, imputed or implausible; the sources agree\n", md ? "" : "  ");
	for (size_t i = 0; i < a->nquality; i++)
		smb_buf_printf(out, "%s%s: %s\n", md ? "- " : "  ", a->quality[i].kind, a->quality[i].detail);
	if (a->nmodels) {
		smb_buf_printf(out, "\n%sModels\n", h2);
		for (size_t i = 0; i < a->nmodels; i++) {
			char v[SMB_FMT_VALUE];
			smb_fmt_value(v, a->models[i].value, "");
			smb_buf_printf(out, "%s%s.%s = %s\n", md ? "- " : "  ", E(a->models[i].model), E(a->models[i].field), v);
		}
	}
	if (a->nerrors) {
		smb_buf_printf(out, "\n%sErrors (the result is partial)\n", h2);
		for (size_t i = 0; i < a->nerrors; i++)
			smb_buf_printf(out, "%s%s: %s\n", md ? "- " : "  ", E(a->errors[i].what), E(a->errors[i].message));
	}
	if (x.failed)
		out->failed = 1;
	smb_escaper_free(&x);
}

#undef E

int smb_render_assessment(const smb_assessment *a, const char *format, smb_buf *out)
{
	if (strcmp(format, "json") == 0)
		render_json(a, out);
	else if (strcmp(format, "text") == 0)
		render_text(a, out, 0);
	else if (strcmp(format, "md") == 0)
		render_text(a, out, 1);
	else
		return -1;
	return out->failed ? -1 : 0;
}
