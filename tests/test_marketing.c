/* tests/test_marketing.c — the marketing channel figures (channels.c) against
 * hand computations, then the marketing and customer plugins loaded with
 * dlopen into a recording host: registration, metrics, models and rules. */
#include "tap.h"
#include "../plugins/marketing/channels.h"
#include "smbopt/plugin.h"

#include <dlfcn.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- channels.c ------------------------------------------------------------ */

static void test_period(void)
{
	smb_mkt_period p, q;

	ok(smb_mkt_period_parse("2026", &p) == 0 && p.year == 2026 && p.month == 1 && p.nmonths == 12, "2026 is a year");
	ok(smb_mkt_period_parse("2026-Q3", &p) == 0 && p.month == 7 && p.nmonths == 3, "2026-Q3 is Jul..Sep");
	ok(smb_mkt_period_parse("2026-09", &q) == 0 && q.month == 9 && q.nmonths == 1, "2026-09 is a month");
	ok(smb_mkt_period_contains(&p, &q) && !smb_mkt_period_contains(&q, &p), "2026-09 lies in 2026-Q3, not the reverse");
	ok(smb_mkt_period_parse("2026-10", &q) == 0 && !smb_mkt_period_contains(&p, &q), "2026-10 is outside 2026-Q3");
	ok(smb_mkt_period_parse("2026-13", &p) && smb_mkt_period_parse("2026-Q5", &p) && smb_mkt_period_parse("26", &p)
	   && smb_mkt_period_parse("2026-07-01", &p), "bad periods are refused");
}

/* Two channels over 2026-Q3, plus a June row (not in the quarter) and a
 * channel name written two ways. */
static const smb_mkt_row q3[] = {
	{ "2026-06", "ads", 999, 999, 999, 999, 0, 0 },
	{ "2026-07", "ads", 600, 2000, 40, 4, 900, 1 },
	{ "2026-07", "events", 100, 0, 30, 10, 0, 0 },
	{ "2026-08", "Ads", 600, 2000, 20, 2, 600, 1 },
	{ "2026-08", "events", 100, 0, 30, 10, 0, 0 },
	{ "2026-09", "ads", 300, 1000, 20, 0, 0, 0 },
	{ "2026-09", "events", 100, 0, 40, 10, 500, 1 },
};

static void test_summary(void)
{
	smb_mkt_summary s;
	smb_mkt_funnel f;
	smb_mkt_shift sh;
	double v, top;
	char err[256];

	is_int(smb_mkt_summarize(q3, 7, "2026-Q3", &s, err, sizeof err), 0, "Q3 from three months of rows");
	is_int((long long)s.n, 2, "two channels (ads and Ads are one)");
	is_int((long long)s.rows, 6, "the June row is left out");
	is_int(s.granularity, 'm', "summed from months");
	/* ads: spend 600+600+300 = 1500, visits 5000, leads 80, new 6; revenue 900+600 on spend 1200 */
	size_t ads = smb_mkt_find(&s, "ADS"), ev = smb_mkt_find(&s, "events");
	is_num(s.ch[ads].spend, 1500, 1e-9, "ads spend 600 + 600 + 300");
	is_num(s.ch[ads].revenue_spend, 1200, 1e-9, "ads ROAS base: the spend of the rows with revenue");
	is_num(s.ch[ev].new_customers, 30, 1e-9, "events won 30");
	/* totals: spend 1800, new 36 -> CAC 50 */
	ok(smb_mkt_cac(&s, &v) == 0, "blended CAC defined");
	is_num(v, 50, 1e-9, "blended CAC 1800 / 36 = 50");
	/* visit -> lead over ads only (events track no visits): 80 / 5000 = 1.6 %;
	 * lead -> customer over both: 36 / (80 + 100) = 20 % */
	ok(smb_mkt_funnel_of(&s, 2, 40, &f) == 0, "funnel defined");
	is_num(f.v2l_pct, 1.6, 1e-9, "visit to lead 80 / 5000 = 1.6%% (event leads left out)");
	is_num(f.l2c_pct, 20, 1e-9, "lead to customer 36 / 180 = 20%%");
	is_num(f.v2l_vs_pct, 80, 1e-9, "1.6 / 2 = 80%% of benchmark");
	is_num(f.l2c_vs_pct, 50, 1e-9, "20 / 40 = 50%% of benchmark");
	is_int(f.weakest, 2, "the funnel loses most from lead to customer");
	/* ROAS over rows with revenue: (900 + 600 + 500) / (600 + 600 + 100) = 2000 / 1300 */
	ok(smb_mkt_roas(&s, &v) == 0, "ROAS defined");
	is_num(v, 2000.0 / 1300, 1e-12, "ROAS 2000 / 1300");
	/* new customers 6 and 30 of 36: shares 16.67 % and 83.33 %:
	 * HHI = 16.667^2 + 83.333^2 = 277.78 + 6944.44 = 7222.22 */
	ok(smb_mkt_hhi(&s, &v, &top) == 0, "HHI defined");
	is_num(v, 7222.2222222, 1e-6, "HHI of 1/6 and 5/6 is 7222.2");
	is_num(top, 83.333333333, 1e-6, "largest channel 83.3%%");
	/* ads: CAC 1500 / 6 = 250; events: 300 / 30 = 10. ratio 10 / 250 = 0.04;
	 * half of ads' 1500 = 750 moved: 750 / 10 - 750 / 250 = 75 - 3 = 72 more */
	ok(smb_mkt_budget_shift(&s, 5, 0.5, &sh) == 0, "budget shift defined");
	ok(sh.best == ev && sh.worst == ads, "from ads to events");
	is_num(sh.cac_best, 10, 1e-9, "best CAC 10");
	is_num(sh.cac_ratio, 0.04, 1e-12, "CAC ratio 10 / 250");
	is_num(sh.amount, 750, 1e-9, "move half of ads' 1500");
	is_num(sh.customers, 72, 1e-9, "750 / 10 - 750 / 250 = 72 customers");
	ok(smb_mkt_budget_shift(&s, 20, 0.5, &sh) == SMB_MKT_UNDEFINED,
	   "with a 20%% minimum share events (300 of 1800 = 16.7%%) is too small: no pair");
	/* LTV 200: worst channel ads, 200 * 6 / 1500 = 0.8 */
	ok(smb_mkt_ltv_cac_worst(&s, 200, 5, &v) == 0, "worst LTV:CAC defined");
	is_num(v, 0.8, 1e-12, "ads LTV:CAC 200 / 250 = 0.8");
	smb_mkt_summary_free(&s);

	/* September alone: ads spent 300 and won nobody */
	is_int(smb_mkt_summarize(q3, 7, "2026-09", &s, err, sizeof err), 0, "one month");
	ok(smb_mkt_budget_shift(&s, 5, 0.5, &sh) == 0, "shift defined with a channel that won nobody");
	is_num(sh.cac_ratio, 0, 0, "nobody won: ratio 0");
	is_num(sh.customers, 150.0 / 10, 1e-12, "half of 300 at events' CAC 10 = 15 customers");
	ok(smb_mkt_ltv_cac_worst(&s, 200, 5, &v) == 0 && v == 0, "worst LTV:CAC 0 when a channel wins nobody");
	smb_mkt_summary_free(&s);

	is_int(smb_mkt_summarize(q3, 3, "2026-Q3", &s, err, sizeof err), SMB_MKT_UNDEFINED, "July only: Q3 undefined");
	ok(strstr(err, "cover 1 of the 3 months of 2026-Q3") != NULL, "saying how much is covered: %s", err);
	is_int(smb_mkt_summarize(q3, 7, "2026-Q2", &s, err, sizeof err), SMB_MKT_UNDEFINED, "Q2 has only June");

	/* exact-period rows win over months; a year from four quarters */
	const smb_mkt_row mixed[] = {
		{ "2026-Q3", "ads", 10, 0, 0, 1, 0, 0 },
		{ "2026-07", "ads", 999, 0, 0, 1, 0, 0 },
		{ "2025-Q1", "ads", 1, 0, 0, 1, 0, 0 }, { "2025-Q2", "ads", 2, 0, 0, 1, 0, 0 },
		{ "2025-Q3", "ads", 3, 0, 0, 1, 0, 0 }, { "2025-Q4", "ads", 4, 0, 0, 1, 0, 0 },
	};
	is_int(smb_mkt_summarize(mixed, 6, "2026-Q3", &s, err, sizeof err), 0, "quarter row");
	is_num(s.spend, 10, 0, "the 2026-Q3 row wins over the July row");
	smb_mkt_summary_free(&s);
	is_int(smb_mkt_summarize(mixed, 6, "2025", &s, err, sizeof err), 0, "year from quarters");
	is_num(s.spend, 10, 0, "1 + 2 + 3 + 4");
	is_int(s.granularity, 'q', "summed from quarters");
	smb_mkt_summary_free(&s);

	const smb_mkt_row neg[] = { { "2026-07", "ads", -5, 0, 0, 1, 0, 0 } };
	is_int(smb_mkt_summarize(neg, 1, "2026-07", &s, err, sizeof err), -1, "negative spend is an error");
	ok(strstr(err, "spend -5") != NULL, "naming the figure: %s", err);

	/* 300 / (240 / 12 * 40 / 100) = 300 / 8 = 37.5 months */
	ok(smb_mkt_payback_months(300, 240, 40, &v) == 0, "payback defined");
	is_num(v, 37.5, 1e-9, "CAC 300, 20 a month at 40%% margin: 37.5 months");
	ok(smb_mkt_payback_months(300, 240, 0, &v) == SMB_MKT_UNDEFINED, "no margin: never pays back, undefined");

	char name[16];
	smb_mkt_field_name(" Google Ads!", name, sizeof name);
	is_str(name, "google_ads", "field name of ' Google Ads!'");
	smb_mkt_field_name("a-very-long-channel-name", name, sizeof name);
	is_str(name, "a_very_long_cha", "cut to the buffer");
}

/* ---- a recording host --------------------------------------------------------- */

#define MAXM 64
#define MAXV 128

struct rec_metric { char key[80], dataset[32]; smb_compute_fn fn; void *ud; int has_fn; };
struct rec_rule { char id[24], kind[16], metrics[8][80], recommend[4][40]; int nmetrics, nrecommend; smb_when_fn when; void *ud; };
struct rec_init { char id[40], effects[4][80]; int neffects; };
struct rec_kind { char name[32], cols[8][32]; int types[8], required[8]; int ncols; };

struct smb_host {
	struct rec_metric m[MAXM]; int nm;
	struct rec_rule r[MAXM]; int nr;
	struct rec_init in[MAXM]; int nin;
	struct rec_kind k[4]; int nk;
	char gp_metric[MAXM][80]; int gp_sourced[MAXM]; int ngp;
};

typedef struct dataset {
	const char *kind;
	char **cols;
	int ncols;
	char ***cells;      /* rows visible to the assessed period */
	size_t nrows;
} dataset;

struct smb_ctx {
	struct smb_host *h;
	const char *period, *first, *last;
	dataset *ds[2];
	struct { char key[80]; double v; int state; } val[MAXV]; int nval;
	struct { const char *key; double v; } in[4]; int nin;   /* observed inputs */
	struct { char model[24], field[48]; double v; } mod[256]; int nmod;
	char fail[300];
	const char *set_name; double set_value;
};

static int h_add_kind(smb_host *h, const smb_kind_def *d)
{
	struct rec_kind *k = &h->k[h->nk++];
	snprintf(k->name, sizeof k->name, "%s", d->name);
	k->ncols = (int)d->ncolumns;
	for (size_t i = 0; i < d->ncolumns && i < 8; i++) {
		snprintf(k->cols[i], sizeof k->cols[i], "%s", d->columns[i].name);
		k->types[i] = d->columns[i].type;
		k->required[i] = d->columns[i].required;
	}
	return 0;
}

static int h_add_metric(smb_host *h, const smb_metric_def *d)
{
	struct rec_metric *m = &h->m[h->nm++];
	snprintf(m->key, sizeof m->key, "%s", d->key);
	snprintf(m->dataset, sizeof m->dataset, "%s", d->dataset ? d->dataset : "");
	m->fn = d->compute, m->ud = d->ud, m->has_fn = d->compute != NULL;
	return 0;
}

static int h_add_goalposts(smb_host *h, const smb_goalposts_def *d)
{
	snprintf(h->gp_metric[h->ngp], 80, "%s", d->metric);
	h->gp_sourced[h->ngp++] = d->source && strlen(d->source) > 20 && d->worst != d->best;
	return 0;
}

static int h_add_rule(smb_host *h, const smb_rule_def *d)
{
	struct rec_rule *r = &h->r[h->nr++];
	snprintf(r->id, sizeof r->id, "%s", d->id);
	snprintf(r->kind, sizeof r->kind, "%s", d->kind);
	for (r->nmetrics = 0; d->metrics[r->nmetrics]; r->nmetrics++)
		snprintf(r->metrics[r->nmetrics], 80, "%s", d->metrics[r->nmetrics]);
	for (r->nrecommend = 0; d->recommend && d->recommend[r->nrecommend]; r->nrecommend++)
		snprintf(r->recommend[r->nrecommend], 40, "%s", d->recommend[r->nrecommend]);
	r->when = d->when, r->ud = d->ud;
	return 0;
}

static int h_add_initiative(smb_host *h, const smb_initiative_def *d)
{
	struct rec_init *in = &h->in[h->nin++];
	snprintf(in->id, sizeof in->id, "%s", d->id);
	in->neffects = (int)d->neffects;
	for (size_t i = 0; i < d->neffects; i++)
		snprintf(in->effects[i], 80, "%s", d->effects[i].metric);
	return 0;
}

static int h_add_solver(smb_host *h, const smb_solver_def *d) { (void)h; (void)d; return 1; }
static const char *h_error(smb_host *h) { (void)h; return "test host"; }

static struct rec_metric *find_metric(smb_host *h, const char *key)
{
	for (int i = 0; i < h->nm; i++)
		if (strcmp(h->m[i].key, key) == 0)
			return &h->m[i];
	return NULL;
}

static const struct smb_host_api *the_api;

/* Values are computed on first use, as a cycle in dependency order would. */
static int h_get(smb_ctx *c, const char *key, double *out)
{
	for (int i = 0; i < c->nin; i++)
		if (strcmp(c->in[i].key, key) == 0) {
			*out = c->in[i].v;
			return SMB_PLUGIN_OK;
		}
	for (int i = 0; i < c->nval; i++)
		if (strcmp(c->val[i].key, key) == 0) {
			*out = c->val[i].v;
			return c->val[i].state;
		}
	struct rec_metric *m = find_metric(c->h, key);
	if (!m || !m->has_fn || c->nval == MAXV)
		return SMB_PLUGIN_MISSING;
	int at = c->nval++;
	snprintf(c->val[at].key, 80, "%s", key);
	c->val[at].state = SMB_PLUGIN_MISSING;   /* guards against cycles */
	double v = 0;
	int rc = m->fn(the_api, c, m->ud, &v);
	c->val[at].v = v;
	c->val[at].state = rc;
	*out = v;
	return rc;
}

static int h_get_at(smb_ctx *c, const char *key, const char *period, double *out)
{
	(void)c; (void)key; (void)period; (void)out;
	return SMB_PLUGIN_MISSING;
}
static const char *h_period(smb_ctx *c) { return c->period; }
static const char *h_first(smb_ctx *c) { return c->first; }
static const char *h_last(smb_ctx *c) { return c->last; }
static const char *h_industry(smb_ctx *c) { (void)c; return "retail"; }
static double h_setting(smb_ctx *c, const char *name, double fallback)
{
	return c->set_name && strcmp(c->set_name, name) == 0 ? c->set_value : fallback;
}

static dataset *ds_of(smb_ctx *c, const char *kind)
{
	for (int i = 0; i < 2; i++)
		if (c->ds[i] && strcmp(c->ds[i]->kind, kind) == 0)
			return c->ds[i];
	return NULL;
}

static size_t h_rows(smb_ctx *c, const char *kind)
{
	dataset *d = ds_of(c, kind);
	return d ? d->nrows : 0;
}

/* A buffer reused between calls, as a host may: the plugins must copy. */
static const char *h_cell(smb_ctx *c, const char *kind, size_t row, const char *col)
{
	static char buf[128];
	dataset *d = ds_of(c, kind);
	if (!d || row >= d->nrows)
		return NULL;
	for (int i = 0; i < d->ncols; i++)
		if (strcmp(d->cols[i], col) == 0) {
			if (!d->cells[row][i] || !*d->cells[row][i])
				return NULL;
			snprintf(buf, sizeof buf, "%s", d->cells[row][i]);
			return buf;
		}
	return NULL;
}

static int h_model(smb_ctx *c, const char *model, const char *field, double v)
{
	for (int i = 0; i < c->nmod; i++)
		if (strcmp(c->mod[i].model, model) == 0 && strcmp(c->mod[i].field, field) == 0) {
			c->mod[i].v = v;
			return 0;
		}
	if (c->nmod == 256)
		return 1;
	snprintf(c->mod[c->nmod].model, 24, "%s", model);
	snprintf(c->mod[c->nmod].field, 48, "%s", field);
	c->mod[c->nmod++].v = v;
	return 0;
}

static int h_fail(smb_ctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->fail, sizeof c->fail, fmt, ap);
	va_end(ap);
	return SMB_PLUGIN_ERROR;
}

static double model_of(smb_ctx *c, const char *model, const char *field)
{
	for (int i = 0; i < c->nmod; i++)
		if (strcmp(c->mod[i].model, model) == 0 && strcmp(c->mod[i].field, field) == 0)
			return c->mod[i].v;
	return NAN;
}

/* A metric's value; NAN when missing or failed (c->fail says why). */
static double metric(smb_ctx *c, const char *key)
{
	double v;
	c->fail[0] = '\0';
	for (int i = 0; i < c->nval; i++)
		if (strcmp(c->val[i].key, key) == 0)
			c->nval = i;   /* recompute it (and what came after) */
	return h_get(c, key, &v) == SMB_PLUGIN_OK ? v : NAN;
}

/* -1 when the host would not evaluate the rule (an evidence metric missing). */
static int fires(smb_ctx *c, const char *id)
{
	double v;
	int f = 0;
	for (int i = 0; i < c->h->nr; i++) {
		struct rec_rule *r = &c->h->r[i];
		if (strcmp(r->id, id))
			continue;
		for (int k = 0; k < r->nmetrics; k++)
			if (h_get(c, r->metrics[k], &v) != SMB_PLUGIN_OK)
				return -1;
		return r->when(the_api, c, r->ud, &f) == SMB_PLUGIN_OK ? f : -1;
	}
	return -2;
}

/* ---- datasets ----------------------------------------------------------------- */

static int split(char *line, char **f, int max)
{
	int n = 0;
	line[strcspn(line, "\r\n")] = '\0';
	for (char *p = line; n < max;) {
		f[n++] = p;
		char *comma = strchr(p, ',');
		if (!comma)
			break;
		*comma = '\0';
		p = comma + 1;
	}
	return n;
}

/* "2026-Q3" -> "2026-07-01": the day the importer files a period row under. */
static void period_day(const char *p, char out[16])
{
	int m = strlen(p) == 4 ? 1 : p[5] == 'Q' ? 3 * (p[6] - '0') - 2 : atoi(p + 5);
	snprintf(out, 16, "%.4s-%02d-01", p, m < 1 || m > 12 ? 1 : m);
}

static char *dup(const char *s)
{
	char *d = malloc(strlen(s) + 1);
	return d ? strcpy(d, s) : NULL;
}

/* Rows of a CSV text (header first) dated up to last, as the host gives them. */
static dataset *ds_new(const char *kind, const char *text, const char *last)
{
	dataset *d = calloc(1, sizeof *d);
	char *copy = dup(text), *save = NULL, *f[8];
	int datecol = -1;
	size_t cap = 64;

	d->kind = kind;
	d->cells = malloc(cap * sizeof *d->cells);
	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		int n = split(line, f, 8);
		if (!d->cols) {
			d->cols = malloc(n * sizeof *d->cols);
			d->ncols = n;
			for (int i = 0; i < n; i++) {
				d->cols[i] = dup(f[i]);
				if (!strcmp(f[i], "date") || !strcmp(f[i], "period"))
					datecol = i;
			}
			continue;
		}
		char day[16];
		if (!strcmp(d->cols[datecol], "period"))
			period_day(f[datecol], day);
		else
			snprintf(day, sizeof day, "%s", f[datecol]);
		if (strcmp(day, last) > 0)
			continue;
		if (d->nrows == cap)
			d->cells = realloc(d->cells, (cap *= 2) * sizeof *d->cells);
		char **row = calloc(d->ncols, sizeof *row);
		for (int i = 0; i < d->ncols; i++)
			row[i] = dup(i < n ? f[i] : "");
		d->cells[d->nrows++] = row;
	}
	free(copy);
	return d;
}

static void ds_free(dataset *d)
{
	if (!d)
		return;
	for (size_t r = 0; r < d->nrows; r++) {
		for (int i = 0; i < d->ncols; i++)
			free(d->cells[r][i]);
		free(d->cells[r]);
	}
	for (int i = 0; i < d->ncols; i++)
		free(d->cols[i]);
	free(d->cols);
	free(d->cells);
	free(d);
}

static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *s = NULL;
	long n;
	if (!fp)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 && fseek(fp, 0, SEEK_SET) == 0
	    && (s = malloc((size_t)n + 1)) && fread(s, 1, (size_t)n, fp) == (size_t)n)
		s[n] = '\0';
	else
		free(s), s = NULL;
	fclose(fp);
	return s;
}

static void ctx_init(smb_ctx *c, smb_host *h, const char *period, const char *first, const char *last)
{
	memset(c, 0, sizeof *c);
	c->h = h, c->period = period, c->first = first, c->last = last;
}

static void ctx_done(smb_ctx *c)
{
	ds_free(c->ds[0]);
	ds_free(c->ds[1]);
	c->ds[0] = c->ds[1] = NULL;
}

/* ---- the plugins ------------------------------------------------------------ */

static void *load(smb_host *h, const struct smb_host_api *api, const char *name, smb_plugin_info *info)
{
	const char *b = getenv("top_builddir");
	char path[4096];
	snprintf(path, sizeof path, "%s/plugins/.libs/%s.so", b ? b : ".", name);
	void *dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!ok(dl != NULL, "dlopen %s", path)) {
		printf("# %s\n", dlerror());
		return NULL;
	}
	smb_plugin_init_fn init = (smb_plugin_init_fn)(uintptr_t)dlsym(dl, SMB_PLUGIN_INIT_SYMBOL);
	memset(info, 0, sizeof *info);
	int before = h->nm;
	ok(init && init(api, info) == SMB_PLUGIN_OK, "%s: init succeeds", name);
	ok(info->abi_version == SMB_PLUGIN_ABI_VERSION && !strcmp(info->name, name), "%s: names itself, ABI %u",
	   name, info->abi_version);
	printf("# %s registered %d metrics\n", name, h->nm - before);
	return dl;
}

/* Keys the default playbooks declare: a plugin must not declare them again. */
static int declared_by_playbook(const char *key)
{
	static const char *const files[] = { "marketing", "customer", "finance", "operations", "technology" };
	const char *s = getenv("top_srcdir");
	char path[4096], pat[120];
	int found = 0;
	snprintf(pat, sizeof pat, "metric \"%s\"", key);
	for (size_t i = 0; i < sizeof files / sizeof files[0] && !found; i++) {
		snprintf(path, sizeof path, "%s/scripts/%s.lua", s ? s : ".", files[i]);
		char *text = slurp(path);
		found = text && strstr(text, pat);
		free(text);
	}
	return found;
}

static void test_registration(smb_host *h)
{
	static const char *const mkeys[] = {
		"marketing.channel_cac_blended", "marketing.channel_visit_to_lead_pct",
		"marketing.channel_lead_to_customer_pct", "marketing.channel_roas", "marketing.channel_spend_pct",
		"marketing.channel_hhi", "marketing.ltv_cac", "marketing.channel_cac_payback_months",
		"marketing.budget_shift_amount", "customer.repeat_rate_pct", "customer.purchase_frequency",
		"customer.aov", "customer.active_share_pct", "customer.expected_revenue_12m", "customer.clv_mean",
		"customer.top_decile_clv_share_pct", "customer.rfm_at_risk_share_pct" };
	int clash = 0, unsourced = 0, dangling = 0, ninit[2] = { 0, 0 }, nrule[2] = { 0, 0 };

	for (size_t i = 0; i < sizeof mkeys / sizeof mkeys[0]; i++)
		ok(find_metric(h, mkeys[i]) != NULL, "metric %s registered", mkeys[i]);
	for (int i = 0; i < h->nm; i++)
		if (declared_by_playbook(h->m[i].key))
			clash++, printf("# %s is declared by a playbook too\n", h->m[i].key);
	is_int(clash, 0, "no key a default playbook declares");
	for (int i = 0; i < h->ngp; i++)
		if (!h->gp_sourced[i] || !find_metric(h, h->gp_metric[i]))
			unsourced++, printf("# goalposts of %s\n", h->gp_metric[i]);
	is_int(unsourced, 0, "all %d goalposts name a registered metric and a source", h->ngp);
	/* CAC payback is scored on the playbook's canonical metric, which prefers this plugin's */
	ok(h->ngp >= 4, "goalposts for LTV:CAC, HHI, repeat rate, active share");
	for (int i = 0; i < h->nr; i++) {
		nrule[h->r[i].id[0] == 'M' ? 0 : 1]++;
		for (int k = 0; k < h->r[i].nmetrics; k++)
			if (!find_metric(h, h->r[i].metrics[k]))
				dangling++, printf("# %s reads unknown %s\n", h->r[i].id, h->r[i].metrics[k]);
		for (int k = 0; k < h->r[i].nrecommend; k++) {
			int found = 0;
			for (int j = 0; j < h->nin; j++)
				found |= !strcmp(h->in[j].id, h->r[i].recommend[k]);
			if (!found)
				dangling++, printf("# %s recommends unknown %s\n", h->r[i].id, h->r[i].recommend[k]);
		}
	}
	for (int i = 0; i < h->nin; i++) {
		ninit[h->in[i].id[0] == 'M' ? 0 : 1]++;
		for (int k = 0; k < h->in[i].neffects; k++)
			if (!find_metric(h, h->in[i].effects[k]) && !declared_by_playbook(h->in[i].effects[k]))
				dangling++, printf("# %s affects unknown %s\n", h->in[i].id, h->in[i].effects[k]);
	}
	is_int(dangling, 0, "rules read and recommend, initiatives affect, only what is registered (or the "
	       "playbook's canonical metric)");
	is_int(nrule[0], 7, "seven marketing rules (payback's findings are the playbook's)");
	is_int(nrule[1], 5, "five customer rules");
	ok(ninit[0] >= 3 && ninit[1] >= 3, "three or more initiatives each (%d, %d)", ninit[0], ninit[1]);

	is_int(h->nk, 2, "two dataset kinds");
	is_str(h->k[0].name, "channels", "channels kind");
	ok(h->k[0].ncols == 7 && !strcmp(h->k[0].cols[0], "period") && h->k[0].types[0] == SMB_COL_PERIOD
	   && !strcmp(h->k[0].cols[6], "revenue") && !h->k[0].required[6] && h->k[0].required[5],
	   "period,channel,spend,visits,leads,new_customers required; revenue optional");
	is_str(h->k[1].name, "transactions", "transactions kind");
	ok(h->k[1].ncols == 5 && h->k[1].types[1] == SMB_COL_DATE && h->k[1].types[2] == SMB_COL_REAL
	   && h->k[1].required[0] && h->k[1].required[2] && !h->k[1].required[3] && !h->k[1].required[4]
	   && !strcmp(h->k[1].cols[4], "order_id"),
	   "customer_id,date,amount required; channel, order_id optional");
}

/* Jul..Sep 2026; amounts chosen so every figure is checked by hand. */
static const char small_txns[] =
	"customer_id,date,amount\n"
	"A,2026-01-10,20\n"
	"A,2026-07-05,30\n"
	"A,2026-07-05,-5\n"
	"A,2026-08-01,40\n"
	"B,2026-03-01,10\n"
	"B,2026-09-02,-10\n"
	"C,2026-07-15,12\n"
	"C,2026-07-20,18\n"
	"D,2026-09-30,50\n"
	"E,2026-02-01,8\n"
	"E,2026-10-02,99\n";

static void test_customer_small(smb_host *h)
{
	smb_ctx c;
	double v;

	ctx_init(&c, h, "2026-Q3", "2026-07-01", "2026-09-30");
	c.ds[0] = ds_new("transactions", small_txns, c.last);
	/* purchase days up to 09-30: A 3 (x = 2), B 1 (09-02 is a refund only),
	 * C 2, D 1, E 1 (10-02 is after the period): repeaters A and C = 2 of 5 */
	is_num(metric(&c, "customer.repeat_rate_pct"), 40, 1e-9, "repeat rate 2 of 5 customers = 40%%");
	/* in the quarter: A 07-05 (30 - 5 = 25) and 08-01 (40), C 12 and 18, D 50:
	 * 5 purchases by 3 buyers, worth 145 */
	is_num(metric(&c, "customer.purchase_frequency"), 5.0 / 3, 1e-12, "5 purchases / 3 buyers");
	is_num(metric(&c, "customer.aov"), 29, 1e-9, "AOV 145 / 5 = 29");
	is_num(model_of(&c, "transactions", "customers"), 5, 0, "models.transactions.customers 5");
	is_num(model_of(&c, "transactions", "refund_only_days"), 1, 0, "B's refund-only day counted");
	double seg = 0;
	static const char *const segs[] = { "champions", "loyal", "potential_loyalist", "new_customers", "promising",
		"need_attention", "about_to_sleep", "cannot_lose_them", "at_risk", "hibernating", "lost" };
	for (size_t i = 0; i < 11; i++)
		seg += model_of(&c, "rfm", segs[i]);
	is_num(seg, 5, 0, "models.rfm segment counts add up to the 5 customers");
	v = metric(&c, "customer.rfm_at_risk_share_pct");
	ok(v >= 0 && v <= 100 && v == 20 * floor(v / 20), "at-risk share is a multiple of 1/5: %g", v);
	v = metric(&c, "customer.active_share_pct");
	ok(isfinite(v) || strncmp(c.fail, "cannot fit BG/NBD", 17) == 0 ||
	   strncmp(c.fail, "too little repeat history to estimate drop-out", 46) == 0,
	   "5 customers: a value, 'cannot fit' or 'too little repeat history' (%s)",
	   isfinite(v) ? "fitted" : c.fail);
	/* with the same row count and period but other amounts, nothing is reused */
	ctx_done(&c);
	char *other = dup(small_txns);
	char *fifty = strstr(other, "D,2026-09-30,50");
	fifty[13] = '9';   /* 50 -> 90 */
	c.ds[0] = ds_new("transactions", other, c.last);
	c.nval = 0;
	is_num(metric(&c, "customer.aov"), 37, 1e-9, "same shape, D spends 90: AOV 185 / 5 = 37 (no stale cache)");
	free(other);
	ctx_done(&c);

	c.nval = 0;
	c.ds[0] = ds_new("transactions", "customer_id,date,amount\nA,2026-07-01,5\nA,2026-08-01,5\n", c.last);
	ok(isnan(metric(&c, "customer.active_share_pct")) && strstr(c.fail, "cannot fit BG/NBD") == c.fail,
	   "one customer: %s", c.fail);
	is_num(metric(&c, "customer.repeat_rate_pct"), 100, 0, "but the repeat rate is 100%%");
	ctx_done(&c);

	c.nval = 0;
	c.ds[0] = ds_new("transactions", "customer_id,date,amount\nA,2026-07-01,5\nB,2026-08-01,7\nC,2026-08-03,9\n", c.last);
	ok(isnan(metric(&c, "customer.clv_mean")) && strstr(c.fail, "cannot fit BG/NBD") == c.fail,
	   "no repeat purchase: %s", c.fail);
	is_num(metric(&c, "customer.repeat_rate_pct"), 0, 0, "repeat rate 0%%");
	ctx_done(&c);

	c.nval = 0;
	c.ds[0] = ds_new("transactions", "customer_id,date,amount\n", c.last);
	ok(isnan(metric(&c, "customer.clv_mean")) && !c.fail[0], "no transactions: missing, no error");
	ctx_done(&c);
}

static char *file_text(const char *rel)
{
	const char *s = getenv("top_srcdir");
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", s ? s : ".", rel);
	char *t = slurp(path);
	ok(t != NULL, "read %s", rel);
	return t;
}

/* The published CDNOW figures through the plugin (examples/cdnow/README.md). */
static void test_customer_cdnow(smb_host *h)
{
	smb_ctx c;
	char *t = file_text("examples/cdnow/transactions.csv");
	if (!t)
		return;
	ctx_init(&c, h, "1997-Q3", "1997-07-01", "1997-09-30");
	c.ds[0] = ds_new("transactions", t, c.last);
	free(t);
	is_num(metric(&c, "customer.repeat_rate_pct"), 100.0 * 946 / 2357, 1e-9, "946 of 2,357 bought again");
	is_num(model_of(&c, "bgnbd", "r"), 0.2426, 5e-5, "models.bgnbd.r 0.2426");
	is_num(model_of(&c, "bgnbd", "alpha"), 4.4136, 5e-5, "models.bgnbd.alpha 4.4136");
	is_num(model_of(&c, "bgnbd", "a"), 0.7929, 5e-5, "models.bgnbd.a 0.7929");
	is_num(model_of(&c, "bgnbd", "b"), 2.4259, 5e-5, "models.bgnbd.b 2.4259");
	is_num(model_of(&c, "bgnbd", "loglik"), -9582.429, 5e-4, "models.bgnbd.loglik -9582.429");
	is_num(model_of(&c, "bgnbd", "customers"), 2357, 0, "models.bgnbd.customers 2357");
	is_num(model_of(&c, "gamma_gamma", "p"), 6.25, 5e-3, "models.gamma_gamma.p 6.25");
	is_num(model_of(&c, "gamma_gamma", "q"), 3.74, 5e-3, "models.gamma_gamma.q 3.74");
	is_num(model_of(&c, "gamma_gamma", "gamma"), 15.44, 5e-3, "models.gamma_gamma.gamma 15.44");
	is_num(model_of(&c, "gamma_gamma", "loglik"), -4055.918, 5e-4, "models.gamma_gamma.loglik -4055.918");
	is_num(model_of(&c, "gamma_gamma", "customers"), 946, 0, "models.gamma_gamma.customers 946");
	double v = metric(&c, "customer.clv_mean");
	ok(v > 0 && isfinite(v), "CLV mean %.2f", v);
	double e = metric(&c, "customer.expected_revenue_12m");
	/* 12 undiscounted months hold more than the mean x customers discounted */
	ok(e > v * 2357 && e < v * 2357 * 1.1, "expected revenue %.0f just above 2357 x CLV mean", e);
	v = metric(&c, "customer.top_decile_clv_share_pct");
	ok(v > 10 && v < 100, "top decile holds %.1f%% of CLV", v);
	v = metric(&c, "customer.active_share_pct");
	ok(v > 0 && v < 100, "active share %.1f%%", v);
	printf("# CDNOW 1997-Q3: repeat %.2f%%, frequency %.4f, AOV %.4f, active %.2f%%, CLV mean %.4f, "
	       "expected 12m %.2f, top decile %.2f%%, at risk %.2f%%\n",
	       metric(&c, "customer.repeat_rate_pct"), metric(&c, "customer.purchase_frequency"),
	       metric(&c, "customer.aov"), metric(&c, "customer.active_share_pct"), metric(&c, "customer.clv_mean"),
	       metric(&c, "customer.expected_revenue_12m"), metric(&c, "customer.top_decile_clv_share_pct"),
	       metric(&c, "customer.rfm_at_risk_share_pct"));
	ctx_done(&c);
}

static const char small_channels[] =
	"period,channel,spend,visits,leads,new_customers,revenue\n"
	"2026-06,ads,999,999,999,999,\n"
	"2026-07,ads,600,2000,40,4,900\n"
	"2026-07,events,100,0,30,10,\n"
	"2026-08,ads,600,2000,20,2,600\n"
	"2026-08,events,100,0,30,10,\n"
	"2026-09,ads,300,1000,20,0,\n"
	"2026-09,events,100,0,40,10,500\n";

/* The same rows as q3 above, through the plugin; LTV from a customer
 * dataset whose CLV the test reads back. */
static void test_marketing_plugin(smb_host *h)
{
	smb_ctx c;
	double ltv;
	char *t = file_text("examples/demo/transactions.csv");

	ctx_init(&c, h, "2026-Q3", "2026-07-01", "2026-09-30");
	c.ds[0] = ds_new("channels", small_channels, c.last);
	is_num(metric(&c, "marketing.channel_spend"), 1800, 1e-9, "channel spend 1800");
	is_num(metric(&c, "marketing.channel_cac_blended"), 50, 1e-9, "blended CAC 50");
	is_num(model_of(&c, "channels", "ads_cac"), 250, 1e-9, "models.channels.ads_cac 1500 / 6");
	is_num(model_of(&c, "channels", "events_cac"), 10, 1e-9, "models.channels.events_cac 300 / 30");
	is_num(model_of(&c, "channels", "ads_roas"), 1500.0 / 1200, 1e-12, "models.channels.ads_roas 1500 / 1200");
	is_num(metric(&c, "marketing.channel_visit_to_lead_pct"), 1.6, 1e-9, "visit to lead 1.6%%");
	is_num(metric(&c, "marketing.channel_lead_to_customer_pct"), 20, 1e-9, "lead to customer 20%%");
	/* benchmarks 2.75 and 16: 1.6 / 2.75 = 58.2 %, 20 / 16 = 125 % */
	is_num(metric(&c, "marketing.visit_to_lead_vs_benchmark_pct"), 100 * 1.6 / 2.75, 1e-9, "58.2%% of 2.75%%");
	is_num(model_of(&c, "funnel", "weakest_stage"), 1, 0, "the funnel loses most from visit to lead");
	is_int(fires(&c, "MKT-0530"), 0, "but not far below (58%% >= 50%%): MKT-0530 quiet");
	is_num(metric(&c, "marketing.channel_roas"), 2000.0 / 1300, 1e-12, "ROAS 2000 / 1300");
	is_num(metric(&c, "marketing.channel_hhi"), 7222.2222222, 1e-6, "HHI 7222");
	is_int(fires(&c, "MKT-0550"), 1, "MKT-0550: concentrated");
	is_num(metric(&c, "marketing.budget_shift_amount"), 750, 1e-9, "move 750");
	is_num(metric(&c, "marketing.budget_shift_customers"), 72, 1e-9, "for 72 more customers");
	is_num(model_of(&c, "budget_shift", "from_ads"), 750, 1e-9, "models.budget_shift.from_ads");
	is_num(model_of(&c, "budget_shift", "to_events"), 750, 1e-9, "models.budget_shift.to_events");
	is_int(fires(&c, "MKT-0520"), 1, "MKT-0520: the best CAC is under half the worst");
	ok(isnan(metric(&c, "marketing.channel_spend_pct")) && !c.fail[0], "no finance.revenue: spend %% missing");
	c.in[c.nin].key = "finance.revenue", c.in[c.nin++].v = 36000;
	is_num(metric(&c, "marketing.channel_spend_pct"), 5, 1e-9, "1800 / 36000 = 5%%");
	ok(isnan(metric(&c, "marketing.ltv_cac")), "no customer data: LTV:CAC missing");
	is_int(fires(&c, "MKT-0510"), -1, "and MKT-0510 not evaluated");

	/* the benchmark is a setting: at 4 %, 1.6 % is 40 % of it and MKT-0530 fires */
	c.set_name = "marketing.benchmark_visit_to_lead_pct", c.set_value = 4;
	c.nval = 0;
	is_num(metric(&c, "marketing.visit_to_lead_vs_benchmark_pct"), 40, 1e-9, "1.6 / 4 = 40%%");
	is_int(fires(&c, "MKT-0530"), 1, "MKT-0530 fires where the funnel loses most");
	is_int(fires(&c, "MKT-0540"), 0, "MKT-0540 does not (lead to customer is 125%%)");
	c.set_name = "marketing.budget_shift_share", c.set_value = 2;
	c.nval = 0;
	ok(isnan(metric(&c, "marketing.channel_cac_blended")) && strstr(c.fail, "marketing.budget_shift_share = 2"),
	   "a share of 2 is refused: %s", c.fail);
	c.set_name = NULL;

	/* add transactions: LTV on gross margin, so LTV:CAC = clv_mean x 40% / 50 and the
	 * worst channel, ads, clv_mean x 40% / 250 */
	if (t) {
		c.ds[1] = ds_new("transactions", t, c.last);
		c.nval = 0;
		ltv = metric(&c, "customer.clv_mean");
		ok(ltv > 0, "CLV mean of the demo customers %.2f", ltv);
		ok(isnan(metric(&c, "marketing.ltv_cac")), "no gross margin: LTV:CAC (margin basis) missing");
		ok(isnan(metric(&c, "marketing.channel_cac_payback_months")), "no gross margin: payback missing");
		c.in[c.nin].key = "finance.gross_margin_pct", c.in[c.nin++].v = 40;
		c.nval = 0;
		is_num(metric(&c, "marketing.ltv_cac"), ltv * 0.4 / 50, 1e-9, "LTV:CAC = CLV mean x 40%% / 50");
		is_num(metric(&c, "marketing.ltv_cac_worst"), ltv * 0.4 / 250, 1e-9, "worst channel: CLV mean x 40%% / 250");
		is_num(model_of(&c, "channels", "events_ltv_cac"), ltv * 0.4 / 10, 1e-9, "models.channels.events_ltv_cac");
		is_int(fires(&c, "MKT-0510"), ltv * 0.4 < 250, "MKT-0510 fires exactly when CLV's margin is under ads' CAC");
		is_num(metric(&c, "marketing.channel_cac_payback_months"), 50 / (ltv / 12 * 0.4), 1e-9,
		       "payback = 50 / (CLV / 12 x 40%%)");
	}
	free(t);
	ctx_done(&c);

	/* June alone is one month of data: Q2 has two months missing */
	ctx_init(&c, h, "2026-Q2", "2026-04-01", "2026-06-30");
	c.ds[0] = ds_new("channels", small_channels, c.last);
	ok(isnan(metric(&c, "marketing.channel_cac_blended")) && !c.fail[0], "Q2 with only June: missing, not smaller");
	ctx_done(&c);
}

/* The demo client: Q3 2026 figures from the plugin against sums made here. */
static void test_demo(smb_host *h)
{
	smb_ctx c;
	char *ch = file_text("examples/demo/channels.csv"), *tx = file_text("examples/demo/transactions.csv");
	double spend = 0, won = 0, g_spend = 0, g_won = 0;

	if (!ch || !tx)
		goto out;
	ctx_init(&c, h, "2026-Q3", "2026-07-01", "2026-09-30");
	c.ds[0] = ds_new("channels", ch, c.last);
	c.ds[1] = ds_new("transactions", tx, c.last);
	c.in[c.nin].key = "finance.gross_margin_pct", c.in[c.nin++].v = 44.22;   /* the demo's 2026-Q3 */
	for (size_t r = 0; r < c.ds[0]->nrows; r++) {
		char **row = c.ds[0]->cells[r];
		if (strcmp(row[0], "2026-07") < 0)
			continue;
		spend += atof(row[2]), won += atof(row[5]);
		if (!strcmp(row[1], "google-ads"))
			g_spend += atof(row[2]), g_won += atof(row[5]);
	}
	is_num(metric(&c, "marketing.channel_cac_blended"), spend / won, 1e-9, "demo blended CAC %.2f", spend / won);
	is_num(model_of(&c, "channels", "google_ads_cac"), g_spend / g_won, 1e-9, "google-ads CAC %.2f", g_spend / g_won);
	is_num(metric(&c, "marketing.budget_shift_amount"), g_spend / 2, 1e-9, "move half of google-ads' spend");
	is_num(model_of(&c, "budget_shift", "from_google_ads"), g_spend / 2, 1e-9, "models.budget_shift.from_google_ads");
	is_int(fires(&c, "MKT-0520"), 1, "demo: budget-shift opportunity");
	is_int(fires(&c, "MKT-0510"), 1, "demo: google-ads wins customers worth less than they cost");
	is_int(fires(&c, "MKT-0550"), 0, "demo: channels not concentrated");
	double r = metric(&c, "customer.repeat_rate_pct");
	ok(r > 80 && r < 100, "demo loyalty-card customers mostly come back: %.1f%%", r);
	ok(model_of(&c, "bgnbd", "r") > 0 && model_of(&c, "gamma_gamma", "p") > 0, "demo fits both models");
	printf("# demo 2026-Q3: CAC %.2f, google-ads CAC %.2f, HHI %.0f, LTV:CAC %.2f (worst %.2f), shift %.2f for %.1f, "
	       "CLV mean %.2f, repeat %.1f%%, active %.1f%%, AOV %.2f, at risk %.1f%%\n",
	       spend / won, g_spend / g_won, metric(&c, "marketing.channel_hhi"), metric(&c, "marketing.ltv_cac"),
	       metric(&c, "marketing.ltv_cac_worst"), metric(&c, "marketing.budget_shift_amount"),
	       metric(&c, "marketing.budget_shift_customers"), metric(&c, "customer.clv_mean"), r,
	       metric(&c, "customer.active_share_pct"), metric(&c, "customer.aov"),
	       metric(&c, "customer.rfm_at_risk_share_pct"));
	printf("# bgnbd r %.4f alpha %.4f a %.4f b %.4f; gg p %.3f q %.3f gamma %.3f\n",
	       model_of(&c, "bgnbd", "r"), model_of(&c, "bgnbd", "alpha"), model_of(&c, "bgnbd", "a"),
	       model_of(&c, "bgnbd", "b"), model_of(&c, "gamma_gamma", "p"), model_of(&c, "gamma_gamma", "q"),
	       model_of(&c, "gamma_gamma", "gamma"));

	/* all amounts zero: the purchase model fits, the spend model cannot */
	ctx_done(&c);
	for (char *p = strchr(tx, '\n'); p && p[1]; p = strchr(p + 1, '\n')) {
		char *a = strchr(strchr(p + 1, ',') + 1, ',') + 1;   /* the amount field */
		char *e = strchr(a, ',');
		if (*a == '-')
			*a++ = '0';  /* keep the field's length: refunds become 0 too */
		for (; a < e; a++)
			if (*a >= '1' && *a <= '9')
				*a = '0';
	}
	c.nval = 0;
	c.ds[1] = ds_new("transactions", tx, c.last);
	is_num(metric(&c, "customer.aov"), 0, 0, "all amounts zero: AOV 0");
	ok(isfinite(metric(&c, "customer.active_share_pct")), "P(alive) still defined");
	ok(isnan(metric(&c, "customer.clv_mean")) && strstr(c.fail, "cannot fit Gamma-Gamma") == c.fail,
	   "CLV: %s", c.fail);
	ok(isnan(metric(&c, "customer.top_decile_clv_share_pct")) && c.fail[0], "top decile: an error, not NaN");
	ctx_done(&c);
out:
	free(ch);
	free(tx);
}

int main(void)
{
	static smb_host host;
	smb_host_api api = {
		SMB_PLUGIN_ABI_VERSION, sizeof api, &host,
		h_add_kind, h_add_metric, h_add_goalposts, h_add_rule, h_add_initiative, h_add_solver, h_error,
		h_get, h_get_at, h_period, h_first, h_last, h_industry, h_setting, h_rows, h_cell, h_model, h_fail,
		NULL,   /* cycle: like a host that does not number its cycles */
	};
	smb_plugin_info mi, ci;
	void *md, *cd;

	test_period();
	test_summary();

	the_api = &api;
	md = load(&host, &api, "marketing", &mi);
	cd = load(&host, &api, "customer", &ci);
	if (md && cd) {
		test_registration(&host);
		test_customer_small(&host);
		test_customer_cdnow(&host);
		test_marketing_plugin(&host);
		test_demo(&host);
	}
	if (md)
		dlclose(md);
	if (cd)
		dlclose(cd);
	return done_testing();
}
