/* core/engine/cycle.c — the assessment cycle. Values are NaN when missing and a
 * missing value never counts as zero: a roll-up with a missing month is
 * missing, an area below its coverage threshold has no score. */
#include "cycle.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "date.h"
#include "fmt.h"
#include "json.h"
#include "method.h"
#include "playbook.h"
#include "plugin.h"
#include "quality.h"
#include "rules.h"
#include "sha256.h"

/* ---- gathering observations ------------------------------------------- */

static int find_obs(const smb_observation *obs, size_t nobs, const char *key, const char *period)
{
	size_t lo = 0, hi = nobs;

	while (lo < hi) {   /* first observation of the metric */
		size_t mid = (lo + hi) / 2;
		if (strcmp(obs[mid].metric, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < nobs && strcmp(obs[i].metric, key) == 0; i++)
		if (strcmp(obs[i].period, period) == 0)
			return (int)i;
	return -1;
}

/* The value of an observed metric for p: the observation for exactly p
 * wins; else its quarters (a year) or months (a quarter), every one of
 * them present, combined by the rule. */
int smb_obs_resolve(const smb_observation *obs, size_t nobs, const char *key, smb_rollup rule, const smb_period *p,
                    double *out, char *how, size_t howlen)
{
	char text[SMB_PERIOD_TEXT];
	smb_period parts[4];
	size_t n = 0;
	double acc = 0;
	int i;

	smb_period_format(p, text);
	if ((i = find_obs(obs, nobs, key, text)) >= 0) {
		*out = obs[i].value;
		if (how)
			snprintf(how, howlen, "observed %s (%s)", text, obs[i].source);
		return 0;
	}
	if (p->kind == SMB_PERIOD_MONTH || (rule != SMB_ROLLUP_SUM && rule != SMB_ROLLUP_LAST && rule != SMB_ROLLUP_MEAN))
		return -1;
	if (p->kind == SMB_PERIOD_YEAR)
		for (int q = 1; q <= 4; q++)
			parts[n++] = (smb_period){ SMB_PERIOD_QUARTER, p->year, q };
	else
		for (int m = 0; m < 3; m++)
			parts[n++] = (smb_period){ SMB_PERIOD_MONTH, p->year, (p->index - 1) * 3 + m + 1 };
	for (size_t k = 0; k < n; k++) {
		double v;
		if (smb_obs_resolve(obs, nobs, key, rule, &parts[k], &v, NULL, 0))
			return -1;
		acc = rule == SMB_ROLLUP_LAST ? v : acc + v;
	}
	*out = rule == SMB_ROLLUP_MEAN ? acc / (double)n : acc;
	if (how)
		snprintf(how, howlen, "%s of %zu %s of %s", smb_rollup_name(rule), n,
		         p->kind == SMB_PERIOD_YEAR ? "quarters" : "months", text);
	return 0;
}

int smb_cycle_value_at(smb_cycle *cy, const char *key, const smb_period *p, double *out)
{
	const smb_metric *m = smb_registry_metric(cy->reg, key);

	return smb_obs_resolve(cy->obs, cy->nobs, key, m ? m->rollup : SMB_ROLLUP_NONE, p, out, NULL, 0);
}

static int applies(const smb_cycle *cy, const smb_metric *m)
{
	return smb_metric_applies(m, cy->industry);
}

static void set_source(smb_cycle *cy, size_t i, const char *text)
{
	free(cy->source[i]);
	cy->source[i] = strdup(text);
}

static void gather(smb_cycle *cy)
{
	char how[160];

	for (size_t i = 0; i < cy->reg->nmetrics; i++) {
		const smb_metric *m = &cy->reg->metrics[i];
		double v;
		if (m->rollup == SMB_ROLLUP_DERIVED || !applies(cy, m))
			continue;
		if (smb_obs_resolve(cy->obs, cy->nobs, m->key, m->rollup, &cy->period, &v, how, sizeof how) == 0) {
			cy->value[i] = v;
			set_source(cy, i, how);
		} else {
			set_source(cy, i, "no observation for the period (nor for all its months)");
		}
	}
}

/* ---- what the data are about ------------------------------------------ */

static int observed_ever(const smb_cycle *cy, const char *key)
{
	for (size_t i = 0; i < cy->nobs; i++)
		if (strcmp(cy->obs[i].metric, key) == 0)
			return 1;
	return 0;
}

static int dataset_rows(smb_cycle *cy, const char *kind, long long *rows, smb_err *e)
{
	long lo, hi;
	return smb_dataset_span(cy->s, cy->client.id, kind, -2147483647L, smb_period_last_day(&cy->period), 1, rows, &lo,
	                        &hi, e);
}

int smb_cycle_facts(smb_cycle *cy, smb_err *e)
{
	static const char *const web[] = { "marketing.orders_online", "marketing.carts_created", "operations.orders_returned" };
	long long inv = 0, ch = 0, tx = 0;
	smb_facts f = smb_registry_industry_facts(cy->reg, cy->industry);
	int rc;

	if ((rc = dataset_rows(cy, "inventory", &inv, e)) || (rc = dataset_rows(cy, "channels", &ch, e)) ||
	    (rc = dataset_rows(cy, "transactions", &tx, e)))
		return rc;
	if (inv > 0)
		f |= smb_fact_bit("inventory") | smb_fact_bit("stock");
	for (size_t i = 0; i < cy->nobs; i++)
		if (strcmp(cy->obs[i].metric, "finance.inventory_value") == 0 && cy->obs[i].value > 0)
			f |= smb_fact_bit("stock");
	for (size_t k = 0; k < sizeof web / sizeof *web; k++)
		if (observed_ever(cy, web[k]))
			f |= smb_fact_bit("ships") | smb_fact_bit("online") | smb_fact_bit("goods");
	if (ch > 0)
		f |= smb_fact_bit("channels");
	if (tx > 0)
		f |= smb_fact_bit("customers");
	if (cy->client.employees < 0 || cy->client.employees >= 2)
		f |= smb_fact_bit("team");
	cy->facts = f;
	return SMB_OK;
}

/* An assessment of nothing would read as a business at zero and become the
 * default of review and plan: a period without one observation inside it
 * and without one dataset row dated in it is refused, saying where the
 * client's data are. */
static int has_data(smb_cycle *cy, smb_err *e)
{
	long first = smb_period_first_day(&cy->period), last = smb_period_last_day(&cy->period), lo = -1, hi = -1;
	long long rows;
	char a[SMB_PERIOD_TEXT], b[SMB_PERIOD_TEXT];
	smb_period p;
	int rc;

	for (size_t i = 0; i < cy->nobs; i++) {
		char why[64];
		if (smb_period_parse(cy->obs[i].period, &p, why, sizeof why))
			continue;
		if (smb_period_contains(&cy->period, &p))
			return SMB_OK;
		if (lo < 0 || smb_period_first_day(&p) < lo)
			lo = smb_period_first_day(&p);
		if (hi < 0 || smb_period_last_day(&p) > hi)
			hi = smb_period_last_day(&p);
	}
	if ((rc = smb_dataset_span(cy->s, cy->client.id, NULL, first, last, 0, &rows, &first, &last, e)))
		return rc;
	if (rows > 0)
		return SMB_OK;
	if ((rc = smb_dataset_span(cy->s, cy->client.id, NULL, -2147483647L, 2147483647L, 0, &rows, &first, &last, e)))
		return rc;
	if (rows > 0) {
		lo = lo < 0 || first < lo ? first : lo;
		hi = hi < 0 || last > hi ? last : hi;
	}
	if (lo < 0)
		return smb_err_set(e, SMB_ENOINPUT, "no data for %s; %s has no data yet (smbopt import)", cy->period_text,
		                   cy->client.id);
	p = smb_period_of_day(lo, SMB_PERIOD_MONTH);
	smb_period_format(&p, a);
	p = smb_period_of_day(hi, SMB_PERIOD_MONTH);
	smb_period_format(&p, b);
	return smb_err_set(e, SMB_ENOINPUT, "no data for %s; %s has data from %s to %s", cy->period_text, cy->client.id, a, b);
}

/* ---- deriving ----------------------------------------------------------- */

/* The first of the metrics m prefers that has a value becomes m's value
 * (registry.h, prefer): one concept keeps one number whatever basis the
 * client's data allow. Returns 1 when it did. */
static int preferred(smb_cycle *cy, smb_ctx *ctx, size_t i, const smb_metric *m)
{
	for (size_t j = 0; j < m->nprefer; j++) {
		double v;
		char how[256];
		if (smb_ctx_get(ctx, m->prefer[j], &v) != SMB_PLUGIN_OK)
			continue;
		cy->value[i] = v;
		snprintf(how, sizeof how, "taken from %s (preferred basis)", m->prefer[j]);
		set_source(cy, i, how);
		return 1;
	}
	return 0;
}

static void derive(smb_cycle *cy)
{
	const smb_host_api *api = smb_host_api_table();

	for (size_t k = 0; k < cy->reg->norder; k++) {
		size_t i = cy->reg->order[k];
		const smb_metric *m = &cy->reg->metrics[i];
		smb_ctx ctx = { cy, m->key, "" };
		const char *missing = NULL;
		char what[160], err[SMB_ERR_MAX], how[256];
		double v = NAN, tmp;
		int rc, gone = 0;

		if (!applies(cy, m))
			continue;
		if (preferred(cy, &ctx, i, m))
			continue;
		for (size_t j = 0; j < m->ninputs && !missing; j++)
			if (smb_ctx_get(&ctx, m->inputs[j], &tmp) != SMB_PLUGIN_OK)
				missing = m->inputs[j];
		if (missing) {
			snprintf(how, sizeof how, "not computed: input %s is missing", missing);
			set_source(cy, i, how);
			continue;
		}
		snprintf(what, sizeof what, "metric %s", m->key);
		if (m->fn.pb) {
			rc = smb_playbook_compute(&m->fn, &ctx, &v, &gone, err, sizeof err);
			if (rc) {
				smb_assessment_add_error(cy->a, what, "%s", err);
				set_source(cy, i, "error: see errors");
				continue;
			}
		} else {
			rc = m->fn.compute(api, &ctx, m->fn.ud, &v);
			if (rc == SMB_PLUGIN_MISSING)
				gone = 1;
			else if (rc == SMB_PLUGIN_UNBOUNDED && isinf(v) && ctx.message[0])
				gone = 2;
			else if (rc != SMB_PLUGIN_OK) {
				smb_assessment_add_error(cy->a, what, "%s", ctx.message[0] ? ctx.message : "compute failed");
				set_source(cy, i, "error: see errors");
				continue;
			}
		}
		if (gone == 2) {
			/* Beyond measure: kept as ±INFINITY, which scores as the end of
			 * the goalposts it lies beyond and prints as null with this
			 * reason; never a placeholder number. */
			cy->value[i] = v;
			snprintf(how, sizeof how, "not reached: %s", ctx.message);
			set_source(cy, i, how);
			continue;
		}
		if (gone) {
			/* A reason given with fail() before SMB_PLUGIN_MISSING is shown. */
			if (!m->fn.pb && ctx.message[0])
				snprintf(how, sizeof how, "not computed: %s", ctx.message);
			set_source(cy, i, !m->fn.pb && ctx.message[0] ? how
			           : "not defined for these values (e.g. a zero denominator or too little data)");
			continue;
		}
		if (!isfinite(v)) {
			smb_assessment_add_error(cy->a, what, "compute returned %g, not a finite number", v);
			set_source(cy, i, "error: see errors");
			continue;
		}
		cy->value[i] = v;
		snprintf(how, sizeof how, "computed by %s", m->origin);
		set_source(cy, i, how);
	}
}

/* ---- scoring and aggregating ------------------------------------------- */

/* Scores every applicable metric with goalposts from values, then areas and
 * the overall. Used for the assessment and again for each initiative's
 * re-scored gain, so both follow the same rules. */
void smb_cycle_score(const smb_cycle *cy, const double *values, double *mscore, double area[5], double cov[5],
                     double *overall, double *ocov)
{
	const smb_registry *r = cy->reg;
	double *s = malloc((r->nmetrics + 1) * sizeof *s), *w = malloc((r->nmetrics + 1) * sizeof *w);
	double threshold = cy->o->coverage > 0 ? cy->o->coverage : SMB_DEFAULT_COVERAGE;
	double aw[5];

	for (size_t i = 0; i < r->nmetrics; i++)
		mscore[i] = cy->gp[i] && !isnan(values[i]) ? smb_score(cy->gp[i], values[i]) : NAN;
	for (int a = 0; a < 5; a++) {
		size_t n = 0;
		for (size_t i = 0; s && w && i < r->nmetrics; i++) {
			const smb_metric *m = &r->metrics[i];
			if (m->area != a || !cy->gp[i])
				continue;
			s[n] = mscore[i];
			w[n++] = m->weight;
		}
		area[a] = n ? smb_weighted_mean(s, w, n, &cov[a]) : NAN;
		if (!n)
			cov[a] = 0;
		if (cov[a] < threshold)
			area[a] = NAN;
		aw[a] = r->area_weight[a];
	}
	*overall = smb_aggregate_scores(cy->o->aggregate, area, aw, 5, ocov);
	if (*ocov < threshold)
		*overall = NAN;
	free(s);
	free(w);
}

static char *dupf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *dupf(const char *fmt, ...)
{
	smb_buf b;
	va_list ap;
	char *out;

	smb_buf_init(&b);
	va_start(ap, fmt);
	smb_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	out = strdup(smb_buf_str(&b));
	smb_buf_free(&b);
	return out;
}

static int fill_scores(smb_cycle *cy)
{
	const smb_registry *r = cy->reg;
	smb_assessment *a = cy->a;
	double *ms = malloc((r->nmetrics + 1) * sizeof *ms), area[5], cov[5], ocov;
	double threshold = cy->o->coverage > 0 ? cy->o->coverage : SMB_DEFAULT_COVERAGE;

	if (!ms || !(a->metrics = calloc(r->nmetrics + 1, sizeof *a->metrics))) {
		free(ms);
		return -1;
	}
	smb_cycle_score(cy, cy->value, ms, area, cov, &a->overall, &ocov);
	for (size_t i = 0; i < r->nmetrics; i++) {
		const smb_metric *m = &r->metrics[i];
		const smb_goalposts *g = cy->gp[i];
		smb_ametric *am;
		if (!applies(cy, m) || (isnan(cy->value[i]) && !g))
			continue;
		am = &a->metrics[a->nmetrics++];
		am->key = strdup(m->key);
		am->area = m->area;
		am->label = strdup(m->label);
		am->unit = smb_fmt_unit_for(m->unit, cy->client.currency);
		am->value = cy->value[i];
		am->score = ms[i];
		am->weight = g ? m->weight : 0;
		am->origin = strdup(m->origin);
		am->source = strdup(cy->source[i] ? cy->source[i] : "missing");
		if (g) {
			am->has_goalposts = 1;
			am->worst = g->has_bands ? g->bands[0] : g->worst;
			am->best = g->has_bands ? g->bands[4] : g->best;
			am->gp_source = strdup(g->source);
			am->gp_industry = g->industry ? strdup(g->industry) : NULL;
		}
	}
	for (int k = 0; k < 5; k++) {
		smb_aarea *ar = &a->areas[k];
		ar->score = area[k];
		ar->coverage = cov[k];
		ar->weight = r->area_weight[k];
		ar->level = smb_level(area[k]) ? strdup(smb_level(area[k])) : NULL;
		if (isnan(area[k])) {
			smb_buf why;
			size_t listed = 0, more = 0;
			smb_buf_init(&why);
			smb_buf_printf(&why, "coverage %.2f is below %.2f", cov[k], threshold);
			for (size_t i = 0; i < a->nmetrics; i++)
				if (a->metrics[i].area == k && a->metrics[i].has_goalposts && isnan(a->metrics[i].value)) {
					if (listed < 4)
						smb_buf_printf(&why, "%s%s", listed++ ? ", " : "; missing ", a->metrics[i].key);
					else
						more++;
				}
			if (more)
				smb_buf_printf(&why, " and %zu more", more);
			if (cov[k] == 0 && !listed)
				smb_buf_printf(&why, "; no scored metric applies");
			ar->reason = strdup(smb_buf_str(&why));
			smb_buf_free(&why);
		}
	}
	a->level = smb_level(a->overall) ? strdup(smb_level(a->overall)) : NULL;
	if (isnan(a->overall))
		a->overall_reason = dupf("only %.0f%% of the area weight has a score (needs %.0f%%)", 100 * ocov, 100 * threshold);
	free(ms);
	return 0;
}

/* ---- the cycle ---------------------------------------------------------- */

static void cycle_free(smb_cycle *cy)
{
	for (size_t i = 0; cy->source && i < cy->reg->nmetrics; i++)
		free(cy->source[i]);
	free(cy->source);
	free(cy->value);
	free(cy->gp);
	for (size_t i = 0; i < cy->ndatasets; i++)
		smb_dataset_free(&cy->datasets[i]);
	free(cy->datasets);
	/* Last kept first: later work may refer to earlier. */
	for (size_t i = cy->nkept; i-- > 0;) {
		if (cy->kept[i].release)
			cy->kept[i].release(cy->kept[i].data);
		free(cy->kept[i].key);
	}
	free(cy->kept);
	smb_observations_free(cy->obs, cy->nobs);
	smb_client_free(&cy->client);
}

/* Gathers, derives and scores into a cycle kept for more work: the rules
 * and method of an assessment, or re-scoring for a plan. */
int smb_cycle_prepare(smb_store *s, const smb_registry *reg, const smb_cycle_opts *o, smb_cycle **out, smb_err *e)
{
	static unsigned long long cycles;
	smb_cycle *cy;
	char why[256], now[32];
	int rc = SMB_OK, reading = 0;

	*out = NULL;
	if (!(cy = calloc(1, sizeof *cy)))
		return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	/* Unique within the process (smb_host_api cycle), also when a batch runs
	 * cycles in threads. */
	cy->id = __atomic_add_fetch(&cycles, 1, __ATOMIC_RELAXED);
	cy->s = s;
	cy->reg = reg;
	cy->o = o;
	if (smb_period_parse(o->period, &cy->period, why, sizeof why)) {
		free(cy);
		return smb_err_set(e, SMB_EUSAGE, "--period '%s': %s", o->period, why);
	}
	smb_period_format(&cy->period, cy->period_text);
	smb_playbooks_begin_assessment(reg);
	smb_date_format(smb_period_first_day(&cy->period), cy->first);
	smb_date_format(smb_period_last_day(&cy->period), cy->last);
	/* The client, its observations and the dataset rows derive reads come
	 * from one snapshot: an import committed meanwhile is wholly in or out. */
	if ((rc = smb_store_begin_read(s, &reading, e))) {
		free(cy);
		return rc;
	}
	if ((rc = smb_client_get(s, o->client, &cy->client, e))) {
		smb_store_end_read(s, reading);
		free(cy);
		return rc;
	}
	cy->industry = o->industry ? o->industry : cy->client.industry;
	if ((rc = smb_observations_list(s, o->client, NULL, &cy->obs, &cy->nobs, e)) || (rc = has_data(cy, e)) ||
	    (rc = smb_cycle_facts(cy, e)))
		goto fail;
	cy->value = malloc((reg->nmetrics + 1) * sizeof *cy->value);
	cy->source = calloc(reg->nmetrics + 1, sizeof *cy->source);
	cy->a = calloc(1, sizeof *cy->a);
	cy->gp = calloc(reg->nmetrics + 1, sizeof *cy->gp);
	if (!cy->value || !cy->source || !cy->a || !cy->gp) {
		rc = smb_err_set(e, SMB_ESOFTWARE, "out of memory");
		goto fail;
	}
	/* Goalposts are looked up once: scoring runs again for every
	 * recommended initiative's gain. */
	for (size_t i = 0; i < reg->nmetrics; i++) {
		cy->value[i] = NAN;
		if (applies(cy, &reg->metrics[i]))
			cy->gp[i] = smb_registry_goalposts(reg, reg->metrics[i].key, cy->industry);
	}
	cy->a->client_id = strdup(cy->client.id);
	cy->a->client_name = strdup(cy->client.name);
	cy->a->currency = strdup(cy->client.currency);
	cy->a->industry = strdup(cy->industry);
	cy->a->period = strdup(cy->period_text);
	smb_now_iso(now);
	cy->a->created = strdup(now);
	cy->a->aggregate = strdup(smb_aggregate_name(o->aggregate));
	cy->a->overall = NAN;
	gather(cy);
	derive(cy);
	smb_store_end_read(s, reading);
	reading = 0;
	if (fill_scores(cy)) {
		rc = smb_err_set(e, SMB_ESOFTWARE, "out of memory");
		goto fail;
	}
	*out = cy;
	return SMB_OK;
fail:
	smb_store_end_read(s, reading);
	smb_cycle_close(cy);
	return rc;
}

void smb_cycle_close(smb_cycle *cy)
{
	if (!cy)
		return;
	smb_assessment_free(cy->a);
	cycle_free(cy);
	free(cy);
}

double smb_cycle_overall_with(const smb_cycle *cy, const smb_initiative *const *ins, size_t n)
{
	const smb_registry *r = cy->reg;
	double *values = malloc((r->nmetrics + 1) * sizeof *values), *ms = malloc((r->nmetrics + 1) * sizeof *ms);
	double area[5], cov[5], overall = NAN, ocov;

	if (values && ms) {
		memcpy(values, cy->value, r->nmetrics * sizeof *values);
		for (size_t k = 0; k < n; k++)
			for (size_t j = 0; j < ins[k]->neffects; j++) {
				const smb_metric *m = smb_registry_metric(r, ins[k]->effects[j].metric);
				if (m && !isnan(values[m - r->metrics]))
					values[m - r->metrics] += ins[k]->effects[j].delta;
			}
		smb_cycle_score(cy, values, ms, area, cov, &overall, &ocov);
	}
	free(values);
	free(ms);
	return overall;
}

int smb_cycle_run(smb_store *s, const smb_registry *reg, const smb_cycle_opts *o, smb_assessment **out, smb_err *e)
{
	smb_cycle *cy;
	int rc;

	*out = NULL;
	if ((rc = smb_cycle_prepare(s, reg, o, &cy, e)))
		return rc;
	if (smb_rules_run(cy) || smb_method_describe(cy) || smb_quality_build(cy)) {
		smb_cycle_close(cy);
		return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	}
	*out = cy->a;
	cy->a = NULL;
	smb_cycle_close(cy);
	return SMB_OK;
}

int smb_assess(smb_store *s, const smb_registry *reg, const smb_cycle_opts *o, smb_assessment **out, smb_err *e)
{
	smb_assessment *a;
	int rc;

	*out = NULL;
	if ((rc = smb_cycle_run(s, reg, o, &a, e)))
		return rc;
	if ((rc = smb_assessment_write(s, a, e))) {
		smb_assessment_free(a);
		return rc;
	}
	*out = a;
	if (a->partial)
		return smb_err_set(e, SMB_PARTIAL, "assessment %lld is partial: %zu error%s (see its errors)", a->id,
		                   a->nerrors, a->nerrors == 1 ? "" : "s");
	return SMB_OK;
}
