/* core/engine/quality.c — the data-quality section of an assessment: what the
 * scores rest on that a reader should know. Scored metrics that are
 * missing; values that were estimated, imputed, self-reported or flagged
 * implausible at import; figures imported for keys nothing declares; and
 * the reconciliations of two sources of one fact that differ by more than
 * SMB_QUALITY_TOLERANCE. It only reads the cycle: it changes no score. */
#include "quality.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "context.h"
#include "fmt.h"

/* The first observation of every (metric, source or note) inside the
 * period is reported once, with how many of the period's values share it. */
static int sources(smb_cycle *cy)
{
	smb_assessment *a = cy->a;
	int rc = 0;

	for (size_t i = 0; i < cy->nobs && !rc;) {
		const char *key = cy->obs[i].metric;
		size_t n[4] = { 0, 0, 0, 0 }, j;
		const char *flag = NULL;
		static const char *const kinds[3] = { "estimated", "imputed", "self-reported" };
		for (j = i; j < cy->nobs && strcmp(cy->obs[j].metric, key) == 0; j++) {
			smb_period p;
			if (smb_period_parse(cy->obs[j].period, &p, NULL, 0) || !smb_period_contains(&cy->period, &p))
				continue;
			for (int k = 0; k < 3; k++)
				n[k] += strcmp(cy->obs[j].source, kinds[k]) == 0;
			if (cy->obs[j].note && strncmp(cy->obs[j].note, "implausible", 11) == 0) {
				n[3]++;
				if (!flag)
					flag = cy->obs[j].note;
			}
		}
		/* questionnaire answers are self-reported by nature: not news */
		for (int k = 0; k < 3 && !rc; k++) {
			const smb_metric *m = smb_registry_metric(cy->reg, key);
			if (n[k] && !(k == 2 && m && m->question))
				rc = smb_assessment_add_quality(a, kinds[k], key, "%zu value%s of %s for %s %s %s", n[k],
				                                n[k] > 1 ? "s" : "", key, cy->period_text, n[k] > 1 ? "are" : "is",
				                                kinds[k]);
		}
		if (n[3] && !rc)
			rc = smb_assessment_add_quality(a, "implausible", key, "%zu value%s of %s kept at import although "
			                                "implausible (%s)", n[3], n[3] > 1 ? "s" : "", key, flag);
		if (!rc && !smb_registry_metric(cy->reg, key) && j > i)
			rc = smb_assessment_add_quality(a, "unknown", key, "%s was imported but no loaded plugin or playbook "
			                                "declares it: it is not used", key);
		i = j;
	}
	return rc;
}

/* Scored metrics without a value, each with why; unanswered questions as
 * one line, since one questionnaire answers them all. */
static int missing(smb_cycle *cy)
{
	smb_assessment *a = cy->a;
	size_t questions = 0;
	smb_buf q;
	int rc = 0;

	smb_buf_init(&q);
	for (size_t i = 0; i < a->nmetrics && !rc; i++) {
		const smb_ametric *m = &a->metrics[i];
		const smb_metric *rm = smb_registry_metric(cy->reg, m->key);
		if (!m->has_goalposts || !isnan(m->value))
			continue;
		if (rm && rm->question) {
			if (questions++ < 3)
				smb_buf_printf(&q, "%s%s", questions > 1 ? ", " : "", m->key);
			continue;
		}
		rc = smb_assessment_add_quality(a, "missing", m->key, "%s is scored but has no value (%s)", m->key, m->source);
	}
	if (!rc && questions)
		rc = smb_assessment_add_quality(a, "missing", NULL, "%zu questionnaire answer%s missing (%s%s); 'smbopt "
		                                "questionnaire %s' prints the questions to send", questions,
		                                questions > 1 ? "s are" : " is", smb_buf_str(&q), questions > 3 ? ", ..." : "",
		                                a->client_id);
	rc = rc || q.failed ? -1 : 0;
	smb_buf_free(&q);
	return rc;
}

/* Two sources of one fact: reported when they differ by more than the
 * tolerance of the larger. what names the comparison for the reader. */
static int reconcile(smb_cycle *cy, const char *what, const char *a_name, double av, const char *b_name, double bv,
                     const char *unit)
{
	double big = fmax(fabs(av), fabs(bv)), diff = fabs(av - bv);
	char as[SMB_FMT_VALUE], bs[SMB_FMT_VALUE];

	if (isnan(av) || isnan(bv) || big == 0 || diff <= SMB_QUALITY_TOLERANCE * big)
		return 0;
	smb_fmt_value(as, av, unit);
	smb_fmt_value(bs, bv, unit);
	return smb_assessment_add_quality(cy->a, "reconciliation", NULL, "%s: %s %s, %s %s; they differ by %.0f%%", what,
	                                  a_name, as, b_name, bs, 100 * diff / big);
}

static double value_of(smb_cycle *cy, const char *key)
{
	smb_ctx ctx = { cy, "data quality", "" };
	double v;

	return smb_ctx_get(&ctx, key, &v) == SMB_PLUGIN_OK ? v : NAN;
}

static double model_of(smb_cycle *cy, const char *model, const char *field)
{
	for (size_t i = 0; i < cy->a->nmodels; i++)
		if (strcmp(cy->a->models[i].model, model) == 0 && strcmp(cy->a->models[i].field, field) == 0)
			return cy->a->models[i].value;
	return NAN;
}

/* The amounts of the transactions dated inside the period, or NaN when
 * there are none. Dates are YYYY-MM-DD, so text order is date order. */
static double transactions_revenue(smb_cycle *cy)
{
	smb_ctx ctx = { cy, "data quality", "" };
	size_t n = smb_ctx_rows(&ctx, "transactions"), used = 0;
	double sum = 0, v;

	for (size_t r = 0; r < n; r++) {
		const char *d = smb_ctx_cell(&ctx, "transactions", r, "date");
		if (!d || strcmp(d, cy->first) < 0 || strcmp(d, cy->last) > 0)
			continue;
		if (smb_ctx_cell_number(&ctx, "transactions", r, "amount", &v) == SMB_PLUGIN_OK)
			sum += v, used++;
	}
	return used ? sum : NAN;
}

int smb_quality_build(smb_cycle *cy)
{
	char money[16];

	snprintf(money, sizeof money, "%s", cy->client.currency ? cy->client.currency : "EUR");
	if (missing(cy) || sources(cy))
		return -1;
	if (reconcile(cy, "marketing spend", "the channels file lists", value_of(cy, "marketing.channel_spend"),
	              "the total reported is", value_of(cy, "marketing.marketing_spend"), money) ||
	    reconcile(cy, "revenue", "the transactions file sums to", transactions_revenue(cy), "reported revenue is",
	              value_of(cy, "finance.revenue"), money) ||
	    reconcile(cy, "stock at cost at the period's end", "the stock file lists",
	              model_of(cy, "inventory", "end_inventory_value"), "the balance sheet's inventory is",
	              value_of(cy, "finance.inventory_value"), money))
		return -1;
	return 0;
}
