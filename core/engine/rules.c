/* core/engine/rules.c — rules to findings, findings to ranked initiatives. A rule
 * is evaluated only when every metric it names is available; a failing rule
 * becomes an error entry and the others still run. */
#include "rules.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "fmt.h"
#include "json.h"
#include "number.h"
#include "playbook.h"
#include "plugin.h"

static int ctx_value(void *ud, const char *key, double *out)
{
	return smb_ctx_get(ud, key, out) == SMB_PLUGIN_OK ? 0 : -1;
}

/* Parses %[flags][width][.precision]conv with conv one of f e E g G d.
 * Returns 0 and *conv; -1 for text that is no format at all (kept as
 * written); -2 for a format whose width or precision is out of bounds,
 * with why. Bounds keep one placeholder's text at most a few hundred
 * bytes: %f of 1e308 is 309 digits, plus the precision, plus the width. */
static int format_parse(const char *f, size_t n, char *conv, char *why, size_t whylen)
{
	size_t i = 1;
	long width = 0, prec = 0;

	if (n < 2 || n > 16 || f[0] != '%')
		return -1;
	while (i < n && strchr("-+ 0#", f[i]))
		i++;
	for (; i < n && isdigit((unsigned char)f[i]); i++)
		if (width <= SMB_DETAIL_MAX_WIDTH)
			width = width * 10 + (f[i] - '0');
	if (i < n && f[i] == '.')
		for (i++; i < n && isdigit((unsigned char)f[i]); i++)
			if (prec <= SMB_DETAIL_MAX_PRECISION)
				prec = prec * 10 + (f[i] - '0');
	if (i + 1 != n || !strchr("feEgGd", f[i]))
		return -1;
	if (width > SMB_DETAIL_MAX_WIDTH) {
		snprintf(why, whylen, "the width may be at most %d", SMB_DETAIL_MAX_WIDTH);
		return -2;
	}
	if (prec > SMB_DETAIL_MAX_PRECISION) {
		snprintf(why, whylen, "the precision may be at most %d", SMB_DETAIL_MAX_PRECISION);
		return -2;
	}
	*conv = f[i];
	return 0;
}

/* Calls fn for each {key[:format]} of detail; stops at the first non-zero. */
typedef int (*placeholder_fn)(void *ud, const char *open, const char *colon, const char *close);

static int each_placeholder(const char *detail, placeholder_fn fn, void *ud)
{
	const char *p = detail, *open, *close;
	int rc;

	while ((open = strchr(p, '{')) && (close = strchr(open, '}'))) {
		if ((rc = fn(ud, open, memchr(open, ':', (size_t)(close - open)), close)))
			return rc;
		p = close + 1;
	}
	return 0;
}

typedef struct dcheck {
	char *why;
	size_t whylen;
	size_t n;
} dcheck;

static int check_one(void *ud, const char *open, const char *colon, const char *close)
{
	dcheck *d = ud;
	char conv, why[96];

	d->n++;
	if (colon && format_parse(colon + 1, (size_t)(close - colon - 1), &conv, why, sizeof why) == -2) {
		snprintf(d->why, d->whylen, "detail %.*s: %s", (int)(close - open + 1 > 80 ? 80 : close - open + 1), open, why);
		return -1;
	}
	return 0;
}

int smb_detail_check(const char *detail, size_t *bound, char *why, size_t whylen)
{
	dcheck d = { why, whylen, 0 };

	if (each_placeholder(detail ? detail : "", check_one, &d))
		return -1;
	if (bound)
		*bound = strlen(detail ? detail : "") + d.n * SMB_DETAIL_MAX_FIELD;
	return 0;
}

typedef struct dfill {
	smb_value_fn get;
	void *ud;
	smb_buf *out;
	const char *p;   /* the text not written yet */
} dfill;

static int fill_one(void *ud, const char *open, const char *colon, const char *close)
{
	dfill *f = ud;
	char key[128], fmt[24], conv = 'f', why[96];
	double v;

	smb_buf_append(f->out, f->p, (size_t)(open - f->p));
	f->p = close + 1;
	if (colon && format_parse(colon + 1, (size_t)(close - colon - 1), &conv, why, sizeof why)) {
		/* Not a placeholder we understand (or out of bounds): as written. */
		smb_buf_append(f->out, open, (size_t)(close - open + 1));
		return 0;
	}
	snprintf(key, sizeof key, "%.*s", (int)((colon ? colon : close) - open - 1), open + 1);
	if (colon)
		snprintf(fmt, sizeof fmt, "%.*s", (int)(close - colon - 1), colon + 1);
	else
		snprintf(fmt, sizeof fmt, "%%.2f");
	if (f->get(f->ud, key, &v) != 0 || isnan(v)) {
		smb_buf_puts(f->out, "n/a");
	} else if (isinf(v)) {
		smb_buf_puts(f->out, "no limit");   /* a value beyond measure, never a number */
	} else if (conv == 'd' && fabs(v) < 9e18) {
		char f2[32];
		snprintf(f2, sizeof f2, "%.*slld", (int)strlen(fmt) - 1, fmt);
		smb_buf_printf(f->out, f2, (long long)llround(v));
	} else if (conv == 'd') {   /* beyond long long: the rounded value in full */
		smb_buf_printf(f->out, "%.0f", v);
	} else if (strcmp(fmt, "%.0f") == 0 && fabs(v) >= 1000) {
		/* whole numbers of four digits and more read grouped: 1,470 (fmt.h) */
		char g[SMB_FMT_VALUE];
		smb_fmt_grouped(g, v, 0);
		smb_buf_puts(f->out, g);
	} else {
		smb_buf_printf(f->out, fmt, v);
	}
	return 0;
}

void smb_format_detail(const char *detail, smb_value_fn get, void *ud, smb_buf *out)
{
	dfill f = { get, ud, out, detail };

	each_placeholder(detail, fill_one, &f);
	smb_buf_puts(out, f.p);
}

/* Adds the placeholders' metrics and the rule's metrics as evidence. */
static void evidence(smb_cycle *cy, const smb_rule *r, smb_ctx *ctx, smb_buf *out)
{
	smb_json j;
	const char *p = r->detail;
	char keys[32][128];
	size_t n = 0;

	for (size_t i = 0; i < r->nmetrics && n < 32; i++)
		snprintf(keys[n++], sizeof keys[0], "%s", r->metrics[i]);
	while (p && (p = strchr(p, '{')) && n < 32) {
		const char *end = strpbrk(p, ":}");
		if (!end)
			break;
		snprintf(keys[n], sizeof keys[0], "%.*s", (int)(end - p - 1), p + 1);
		int dup = !smb_metric_key_valid(keys[n]);
		for (size_t i = 0; i < n && !dup; i++)
			dup = strcmp(keys[i], keys[n]) == 0;
		if (!dup)
			n++;
		p = end;
	}
	smb_json_init(&j, out, 0);
	smb_json_array_begin(&j);
	for (size_t i = 0; i < n; i++) {
		double v;
		smb_json_object_begin(&j);
		smb_json_key(&j, "metric");
		smb_json_string(&j, keys[i]);
		smb_json_key(&j, "value");
		if (smb_ctx_get(ctx, keys[i], &v) == SMB_PLUGIN_OK)
			smb_json_number(&j, v);
		else
			smb_json_null(&j);
		smb_json_object_end(&j);
	}
	smb_json_array_end(&j);
	(void)cy;
}

static char *json_list(char *const *v, size_t n)
{
	smb_buf b;
	smb_json j;
	char *s;

	smb_buf_init(&b);
	smb_json_init(&j, &b, 0);
	smb_json_array_begin(&j);
	for (size_t i = 0; i < n; i++)
		smb_json_string(&j, v[i]);
	smb_json_array_end(&j);
	s = strdup(smb_buf_str(&b));
	smb_buf_free(&b);
	return s;
}

static int add_finding(smb_cycle *cy, const smb_rule *r, smb_ctx *ctx)
{
	smb_assessment *a = cy->a;
	smb_afinding *f, *nv = realloc(a->findings, (a->nfindings + 1) * sizeof *nv);
	smb_buf b;

	if (!nv)
		return -1;
	a->findings = nv;
	f = &a->findings[a->nfindings++];
	memset(f, 0, sizeof *f);
	f->rule_id = strdup(r->id);
	f->area = r->area;
	f->kind = strdup(r->kind);
	f->severity = strdup(r->severity);
	f->title = strdup(r->title);
	smb_buf_init(&b);
	smb_format_detail(r->detail, ctx_value, ctx, &b);
	f->detail = strdup(smb_buf_str(&b));
	smb_buf_reset(&b);
	evidence(cy, r, ctx, &b);
	f->evidence = strdup(smb_buf_str(&b));
	smb_buf_free(&b);
	f->recommend = json_list(r->recommend, r->nrecommend);
	return f->rule_id && f->detail && f->evidence && f->recommend ? 0 : -1;
}

static int run_rules(smb_cycle *cy)
{
	const smb_host_api *api = smb_host_api_table();

	for (size_t i = 0; i < cy->reg->nrules; i++) {
		const smb_rule *r = &cy->reg->rules[i];
		smb_ctx ctx = { cy, r->id, "" };
		char what[160], err[SMB_ERR_MAX];
		int fires = 0, skip = 0, rc;
		double v;

		if (!smb_rule_applies(r, cy->industry, cy->facts))
			continue;
		for (size_t k = 0; k < r->nmetrics && !skip; k++)
			skip = smb_ctx_get(&ctx, r->metrics[k], &v) != SMB_PLUGIN_OK;
		if (skip)
			continue;
		snprintf(what, sizeof what, "rule %s", r->id);
		if (r->fn.pb) {
			if (smb_playbook_when(&r->fn, &ctx, &fires, err, sizeof err)) {
				smb_assessment_add_error(cy->a, what, "%s", err);
				continue;
			}
		} else if ((rc = r->fn.when(api, &ctx, r->fn.ud, &fires)) != SMB_PLUGIN_OK) {
			if (rc != SMB_PLUGIN_MISSING)
				smb_assessment_add_error(cy->a, what, "%s", ctx.message[0] ? ctx.message : "when failed");
			continue;
		}
		if (fires && add_finding(cy, r, &ctx))
			return -1;
	}
	return 0;
}

/* effort: 1 point per 1,000 of currency and per staff day (8 hours), at
 * least 1, so cheap quick wins rank first among equal gains. */
static double effort(const smb_initiative *in)
{
	double e = in->cost / 1000.0 + in->hours / 8.0;
	return e < 1 ? 1 : e;
}

/* The overall score with the initiative's effects applied to the metric
 * values it names (dependents are not re-derived), minus the current one.
 * Without an overall score, the initiative's own area score is used. */
static double gain_of(smb_cycle *cy, const smb_initiative *in, double *values, double *ms)
{
	const smb_registry *r = cy->reg;
	double area[5], cov[5], overall, ocov, base;

	memcpy(values, cy->value, r->nmetrics * sizeof *values);
	for (size_t k = 0; k < in->neffects; k++) {
		const smb_metric *m = smb_registry_metric(r, in->effects[k].metric);
		if (m && !isnan(values[m - r->metrics]))
			values[m - r->metrics] += in->effects[k].delta;
	}
	smb_cycle_score(cy, values, ms, area, cov, &overall, &ocov);
	if (!isnan(cy->a->overall) && !isnan(overall))
		return overall - cy->a->overall;
	base = cy->a->areas[in->area].score;
	return isnan(base) || isnan(area[in->area]) ? 0 : (area[in->area] - base) * r->area_weight[in->area] / 5.0;
}

/* What resolving a finding is worth besides the score its fix adds (README
 * "The value of an initiative"), in points of overall score: a fix for a
 * weakness or threat keeps a value when the metrics it moves already
 * score 100 (a channel losing money while ROAS scores well overall). */
static double severity_points(const smb_afinding *f)
{
	if (strcmp(f->kind, "weakness") != 0 && strcmp(f->kind, "threat") != 0)
		return 0;
	return strcmp(f->severity, "high") == 0 ? 3.0 : strcmp(f->severity, "medium") == 0 ? 1.5 : 0.5;
}

static const smb_cycle_adopted *adopted(const smb_cycle *cy, const char *id)
{
	for (size_t i = 0; i < cy->o->nadopted; i++)
		if (strcmp(cy->o->adopted[i].initiative, id) == 0)
			return &cy->o->adopted[i];
	return NULL;
}

static const smb_cycle_learnt *learnt(const smb_cycle *cy, const char *id)
{
	for (size_t i = 0; i < cy->o->nlearnt; i++)
		if (strcmp(cy->o->learnt[i].initiative, id) == 0)
			return &cy->o->learnt[i];
	return NULL;
}

static smb_arec *find_rec(smb_arec *v, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].initiative_id, id) == 0)
			return &v[i];
	return NULL;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* One more finding recommends rec: its id joins the list, and the finding's
 * severity counts when it is worth more than the ones before. */
static int add_reason(smb_arec *rec, const smb_afinding *f)
{
	double pts = severity_points(f);
	smb_buf b;
	char *s;

	smb_buf_init(&b);
	if (rec->findings)
		smb_buf_append(&b, rec->findings, strlen(rec->findings) - 1);
	smb_buf_puts(&b, rec->findings ? ",\"" : "[\"");
	smb_json_escape(&b, f->rule_id);
	smb_buf_puts(&b, "\"]");
	s = strdup(smb_buf_str(&b));
	smb_buf_reset(&b);
	if (s && pts > rec->resolve) {
		smb_buf_printf(&b, "resolves %s %s %s", f->severity, f->kind, f->rule_id);
		free(rec->resolve_note);
		rec->resolve = pts;
		rec->resolve_note = strdup(smb_buf_str(&b));
	}
	smb_buf_free(&b);
	if (!s)
		return -1;
	free(rec->findings);
	rec->findings = s;
	return 0;
}

static int new_rec(smb_cycle *cy, const smb_initiative *in, smb_arec *rec, double *values, double *ms)
{
	const smb_cycle_adopted *ad = adopted(cy, in->id);
	const smb_cycle_learnt *lr = learnt(cy, in->id);
	smb_buf b;
	smb_json j;

	memset(rec, 0, sizeof *rec);
	rec->initiative_id = strdup(in->id);
	rec->area = in->area;
	rec->title = strdup(in->title);
	rec->cost = in->cost;
	rec->hours = in->hours;
	rec->months = in->months;
	rec->base_confidence = in->confidence;
	rec->confidence = lr ? in->confidence * lr->factor : in->confidence;
	rec->confidence_note = lr ? dup_or_null(lr->reason) : NULL;
	rec->gain = gain_of(cy, in, values, ms);
	if (ad) {
		rec->under_way = strdup(ad->status);
		rec->since = dup_or_null(ad->since);
		rec->until = dup_or_null(ad->until);
	}
	smb_buf_init(&b);
	smb_json_init(&j, &b, 0);
	smb_json_object_begin(&j);
	for (size_t e = 0; e < in->neffects; e++) {
		smb_json_key(&j, in->effects[e].metric);
		smb_json_number(&j, in->effects[e].delta);
	}
	smb_json_object_end(&j);
	rec->effect = strdup(smb_buf_str(&b));
	smb_buf_free(&b);
	return rec->initiative_id && rec->title && rec->effect && (!ad || rec->under_way) ? 0 : -1;
}

static int by_priority(const void *x, const void *y)
{
	const smb_arec *a = x, *b = y;
	if (a->priority != b->priority)
		return a->priority < b->priority ? 1 : -1;
	return strcmp(a->initiative_id, b->initiative_id);
}

/* An initiative fits the client when it applies (industry and facts) and
 * so does everything it requires: a plan would otherwise bring in, as a
 * prerequisite, advice that does not fit. depth bounds a requires cycle. */
static int fits(const smb_cycle *cy, const smb_initiative *in, int depth)
{
	if (!smb_initiative_applies(in, cy->industry, cy->facts) || depth > 8)
		return 0;
	for (size_t i = 0; i < in->nrequires; i++) {
		const smb_initiative *req = smb_registry_initiative(cy->reg, in->requires[i]);
		if (req && !fits(cy, req, depth + 1))
			return 0;
	}
	return 1;
}

/* Initiatives the findings recommend, where they apply to the client (its
 * industry and facts); those under way go to a->underway, ranked alike. */
static int recommend(smb_cycle *cy)
{
	smb_assessment *a = cy->a;
	const smb_registry *r = cy->reg;
	double *values = malloc((r->nmetrics + 1) * sizeof *values), *ms = malloc((r->nmetrics + 1) * sizeof *ms);
	int rc = 0;

	if (!values || !ms)
		rc = -1;
	for (size_t f = 0; rc == 0 && f < a->nfindings; f++) {
		const smb_rule *rule = smb_registry_rule(r, a->findings[f].rule_id);
		for (size_t k = 0; rule && k < rule->nrecommend && rc == 0; k++) {
			const smb_initiative *in = smb_registry_initiative(r, rule->recommend[k]);
			smb_arec *rec, *nv, **arr;
			size_t *n;
			if (!in || !fits(cy, in, 0))
				continue;   /* 'playbook check' reports unknown initiatives */
			if (!(rec = find_rec(a->recs, a->nrecs, in->id)))
				rec = find_rec(a->underway, a->nunderway, in->id);
			if (!rec) {
				arr = adopted(cy, in->id) ? &a->underway : &a->recs;
				n = adopted(cy, in->id) ? &a->nunderway : &a->nrecs;
				if (!(nv = realloc(*arr, (*n + 1) * sizeof *nv))) {
					rc = -1;
					break;
				}
				*arr = nv;
				rec = &nv[(*n)++];
				if (new_rec(cy, in, rec, values, ms)) {
					rc = -1;
					break;
				}
			}
			if (add_reason(rec, &a->findings[f]))
				rc = -1;
		}
	}
	for (size_t i = 0; rc == 0 && i < a->nrecs + a->nunderway; i++) {
		smb_arec *rec = i < a->nrecs ? &a->recs[i] : &a->underway[i - a->nrecs];
		const smb_initiative *in = smb_registry_initiative(r, rec->initiative_id);
		rec->value = rec->gain + rec->resolve;
		rec->priority = rec->value * rec->confidence / effort(in);
	}
	if (rc == 0 && a->nrecs > 1)
		qsort(a->recs, a->nrecs, sizeof *a->recs, by_priority);
	if (rc == 0 && a->nunderway > 1)
		qsort(a->underway, a->nunderway, sizeof *a->underway, by_priority);
	free(values);
	free(ms);
	return rc;
}

int smb_rules_run(smb_cycle *cy)
{
	if (run_rules(cy))
		return -1;
	return recommend(cy);
}
