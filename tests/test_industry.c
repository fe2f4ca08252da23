/* tests/test_industry.c — the industry plugins: every formula of
 * plugins/industry/formulas.c against a hand computation, then each built
 * plugin loaded with dlopen into a recording host of this test's own: what it
 * registers, and its compute and rule callbacks over hand-made values. */
#include "tap.h"
#include "smbopt/plugin.h"
#include "../plugins/industry/formulas.h"

#include <dlfcn.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the formulas -------------------------------------------------------- */

static void test_periods(void)
{
	char b[16];

	is_int(smb_industry_period_months("2026"), 12, "a year has 12 months");
	is_int(smb_industry_period_months("2026-Q3"), 3, "a quarter has 3");
	is_int(smb_industry_period_months("2026-09"), 1, "a month has 1");
	is_int(smb_industry_period_months("2026-Q5"), 0, "Q5 is not a period");
	is_int(smb_industry_period_months("2026-13"), 0, "month 13 is not a period");
	is_int(smb_industry_period_months(NULL), 0, "nor is nothing");
	ok(smb_industry_prev_period("2026", b, sizeof b) == 0 && strcmp(b, "2025") == 0, "before 2026: 2025");
	ok(smb_industry_prev_period("2026-Q3", b, sizeof b) == 0 && strcmp(b, "2026-Q2") == 0, "before Q3: Q2");
	ok(smb_industry_prev_period("2026-Q1", b, sizeof b) == 0 && strcmp(b, "2025-Q4") == 0,
	   "before 2026-Q1: 2025-Q4");
	ok(smb_industry_prev_period("2026-10", b, sizeof b) == 0 && strcmp(b, "2026-09") == 0, "before October: September");
	ok(smb_industry_prev_period("2026-01", b, sizeof b) == 0 && strcmp(b, "2025-12") == 0,
	   "before January: last December");
	ok(smb_industry_prev_period("2026-Q3", b, 7) == -1, "a buffer too small is an error, not a cut text");
	ok(smb_industry_prev_period("soon", b, sizeof b) == -1, "an unreadable period has no predecessor");
	/* Q3: July 31 + August 31 + September 30 = 92 */
	is_int(smb_industry_days("2026-07-01", "2026-09-30"), 92, "2026-Q3 has 92 days");
	/* 2024 is a leap year (divisible by 4, not by 100): 366; 2100 is not (by 100, not 400) */
	is_int(smb_industry_days("2024-01-01", "2024-12-31"), 366, "2024 has 366 days");
	is_int(smb_industry_days("2100-02-01", "2100-02-28"), 28, "February 2100 has 28 days");
	is_int(smb_industry_days("2000-02-01", "2000-02-29"), 29, "February 2000 has 29 (divisible by 400)");
	is_int(smb_industry_days("2026-07-01", "2026-07-01"), 1, "one day counts as one");
	is_int(smb_industry_days("2026-07-02", "2026-07-01"), -1, "last before first is refused");
	is_int(smb_industry_days("2026-7-1", "2026-07-31"), -1, "a date not YYYY-MM-DD is refused");
}

static void test_retail(void)
{
	double v = -1;

	/* 1,500 shrinkage on 100,000 sales = 1.5% */
	ok(smb_industry_pct(1500, 100000, &v) == 0, "shrinkage defined");
	is_num(v, 1.5, 1e-12, "shrinkage 1500 / 100000 = 1.5%%");
	v = -1;
	ok(smb_industry_pct(10, 0, &v) == -1 && v == -1, "no sales: undefined, out untouched");
	ok(smb_industry_pct(-1, 10, &v) == -1, "a negative numerator is refused");
	/* 100,000 in a quarter on 100 m2: 1,000 per m2 a quarter, x 12 / 3 = 4,000 a year */
	ok(smb_industry_sales_density(100000, 100, 3, &v) == 0, "sales density defined");
	is_num(v, 4000, 1e-9, "100000 / 100 m2 x 12 / 3 = 4000 a year");
	smb_industry_sales_density(1000, 4, 12, &v);
	is_num(v, 250, 1e-12, "a year's sales are not scaled: 1000 / 4 = 250");
	ok(smb_industry_sales_density(1000, 0, 3, &v) == -1, "no floor area: undefined");
	/* gross margin 100,000 - 60,000 = 40,000 a quarter = 160,000 a year;
	 * average stock (30,000 + 50,000) / 2 = 40,000; GMROI 160,000 / 40,000 = 4 */
	ok(smb_industry_gmroi(100000, 60000, 30000, 50000, 3, &v) == 0, "GMROI defined");
	is_num(v, 4, 1e-12, "GMROI 160000 / avg(30000, 50000) = 4");
	/* without an opening figure the closing 50,000 stands in: 160,000 / 50,000 = 3.2 */
	smb_industry_gmroi(100000, 60000, NAN, 50000, 3, &v);
	is_num(v, 3.2, 1e-12, "GMROI on closing stock alone: 160000 / 50000 = 3.2");
	/* a loss-making month: margin -1,000 x 12 / 10,000 = -1.2 */
	smb_industry_gmroi(9000, 10000, NAN, 10000, 1, &v);
	is_num(v, -1.2, 1e-12, "negative gross margin gives a negative GMROI");
	ok(smb_industry_gmroi(1, 1, 0, 0, 3, &v) == -1, "no stock: undefined");
	ok(smb_industry_gmroi(1, 1, NAN, 5, 0, &v) == -1, "zero months: undefined");
}

static void test_ecommerce(void)
{
	double v = -1;

	/* 1,000 orders from 40,000 sessions = 2.5% */
	smb_industry_pct(1000, 40000, &v);
	is_num(v, 2.5, 1e-12, "conversion 1000 / 40000 = 2.5%%");
	/* 1,000 orders from 4,000 carts: 3,000 abandoned = 75% */
	ok(smb_industry_cart_abandonment(1000, 4000, &v) == 0, "abandonment defined");
	is_num(v, 75, 1e-12, "abandonment 1 - 1000 / 4000 = 75%%");
	smb_industry_cart_abandonment(0, 10, &v);
	is_num(v, 100, 1e-12, "no order at all: 100%%");
	smb_industry_cart_abandonment(10, 10, &v);
	is_num(v, 0, 1e-12, "every cart bought: 0%%");
	ok(smb_industry_cart_abandonment(11, 10, &v) == -1, "more orders than carts: undefined");
	ok(smb_industry_cart_abandonment(0, 0, &v) == -1, "no carts: undefined");
	/* 200 of 1,000 orders returned = 20% */
	smb_industry_pct(200, 1000, &v);
	is_num(v, 20, 1e-12, "returned 200 / 1000 = 20%%");
}

static void test_restaurant(void)
{
	double v = -1;

	/* food 30,000 on sales 100,000 = 30% */
	smb_industry_pct(30000, 100000, &v);
	is_num(v, 30, 1e-12, "food cost 30000 / 100000 = 30%%");
	/* (60,000 goods + 30,000 labour) / 100,000 = 90% */
	ok(smb_industry_prime_cost_pct(60000, 30000, 100000, &v) == 0, "prime cost defined");
	is_num(v, 90, 1e-12, "prime cost (60000 + 30000) / 100000 = 90%%");
	ok(smb_industry_prime_cost_pct(1, 1, 0, &v) == -1, "no sales: undefined");
	ok(smb_industry_prime_cost_pct(-1, 1, 10, &v) == -1, "negative costs are refused");
	/* 9,200 covers, 50 seats, 80 days open: 9,200 / 4,000 = 2.3 */
	ok(smb_industry_seat_turnover(9200, 50, 80, &v) == 0, "seat turnover defined");
	is_num(v, 2.3, 1e-12, "9200 / (50 x 80) = 2.3 turns a day");
	/* the same over Q3's 92 calendar days: 9,200 / 4,600 = 2 */
	smb_industry_seat_turnover(9200, 50, 92, &v);
	is_num(v, 2, 1e-12, "9200 / (50 x 92) = 2");
	ok(smb_industry_seat_turnover(10, 0, 30, &v) == -1, "no seats: undefined");
	ok(smb_industry_seat_turnover(10, 5, 0, &v) == -1, "no days: undefined");
}

static void test_services(void)
{
	double v = -1;

	/* 3,200 billable of 4,000 available hours = 80% */
	smb_industry_pct(3200, 4000, &v);
	is_num(v, 80, 1e-12, "utilisation 3200 / 4000 = 80%%");
	/* 90,000 billed of 100,000 at standard rates = 90% */
	smb_industry_pct(90000, 100000, &v);
	is_num(v, 90, 1e-12, "realisation 90000 / 100000 = 90%%");
	/* 100,000 revenue over 3,200 billable hours = 31.25 an hour */
	ok(smb_industry_per_unit(100000, 3200, &v) == 0, "revenue per billable hour defined");
	is_num(v, 31.25, 1e-12, "100000 / 3200 = 31.25 an hour");
	ok(smb_industry_per_unit(100, 0, &v) == -1, "no billable hours: undefined");
}

static void test_saas(void)
{
	double v = -1;

	/* 10,000 -> 13,310 over 3 months: 13310 / 10000 = 1.331 = 1.1^3: 10% a month */
	ok(smb_industry_mrr_cmgr(10000, 13310, 3, &v) == 0, "CMGR defined");
	is_num(v, 10, 1e-9, "MRR 10000 -> 13310 in a quarter: 10%% a month");
	/* 10,000 -> 7,290 = 0.729 = 0.9^3: -10% a month */
	smb_industry_mrr_cmgr(10000, 7290, 3, &v);
	is_num(v, -10, 1e-9, "10000 -> 7290: -10%% a month");
	smb_industry_mrr_cmgr(5000, 5500, 1, &v);
	is_num(v, 10, 1e-9, "a month: plain growth 5000 -> 5500 = 10%%");
	smb_industry_mrr_cmgr(5000, 0, 1, &v);
	is_num(v, -100, 1e-12, "all revenue gone: -100%%");
	ok(smb_industry_mrr_cmgr(0, 100, 3, &v) == -1, "no starting MRR: undefined");
	/* 271 of 1,000 lost in a quarter: 1 - 0.729^(1/3) = 1 - 0.9 = 10% a month */
	ok(smb_industry_logo_churn_monthly(271, 1000, 3, &v) == 0, "logo churn defined");
	is_num(v, 10, 1e-9, "271 of 1000 lost in a quarter: 10%% a month");
	smb_industry_logo_churn_monthly(5, 100, 1, &v);
	is_num(v, 5, 1e-12, "a month: 5 of 100 = 5%%");
	smb_industry_logo_churn_monthly(0, 100, 12, &v);
	is_num(v, 0, 1e-12, "no one lost: 0%%");
	ok(smb_industry_logo_churn_monthly(101, 100, 1, &v) == -1, "more lost than there were: undefined");
	ok(smb_industry_logo_churn_monthly(1, 0, 1, &v) == -1, "no customers at the start: undefined");
	/* (10,000 + 600 - 100) / 10,000 = 1.05 a quarter; 1.05^4 = 1.21550625 */
	ok(smb_industry_nrr_annual(10000, 600, 100, 3, &v) == 0, "NRR defined");
	is_num(v, 121.550625, 1e-9, "NRR 1.05 a quarter compounds to 121.55%% a year");
	smb_industry_nrr_annual(10000, 0, 1000, 12, &v);
	is_num(v, 90, 1e-9, "a year is not compounded: 9000 / 10000 = 90%%");
	/* 0.99 a month: 0.99^12 = 0.886384871... */
	smb_industry_nrr_annual(1000, 0, 10, 1, &v);
	is_num(v, 88.6384871, 1e-6, "1%% net loss a month: 0.99^12 = 88.64%%");
	ok(smb_industry_nrr_annual(100, 0, 101, 1, &v) == -1, "more churned than there was: undefined");
	ok(smb_industry_nrr_annual(0, 10, 0, 1, &v) == -1, "no starting MRR: undefined");
}

/* ---- the keys the default playbooks declare ------------------------------ */

#define MAXKEYS 512
static char pb_keys[MAXKEYS][80];
static size_t npb_keys;

static void read_playbook_keys(const char *srcdir)
{
	static const char *const books[] = { "customer", "finance", "marketing", "operations", "technology" };
	char path[1024], line[1024];

	for (size_t i = 0; i < 5; i++) {
		FILE *f;
		snprintf(path, sizeof path, "%s/scripts/%s.lua", srcdir, books[i]);
		if (!(f = fopen(path, "r")))
			continue;
		while (fgets(line, sizeof line, f) && npb_keys < MAXKEYS) {
			char key[80];
			if (sscanf(line, "metric \"%79[a-z0-9_.]\"", key) == 1 ||
			    sscanf(line, "question \"%79[a-z0-9_.]\"", key) == 1)
				snprintf(pb_keys[npb_keys++], sizeof pb_keys[0], "%s", key);
		}
		fclose(f);
	}
}

static int playbook_declares(const char *key)
{
	for (size_t i = 0; i < npb_keys; i++)
		if (strcmp(pb_keys[i], key) == 0)
			return 1;
	return 0;
}

/* ---- a recording host ---------------------------------------------------- */

#define MAXN 64

typedef struct rec_metric {
	char key[80];
	int derived;
	char inputs[6][80];
	size_t ninputs;
	smb_compute_fn compute;
	void *ud;
} rec_metric;

struct smb_host {
	rec_metric metrics[MAXN];
	size_t nmetrics;
	struct { char metric[80]; char industry[32]; int sourced, sane; } gps[MAXN];
	size_t ngps;
	struct { char id[32]; char industry[32]; smb_when_fn when; void *ud; char metrics[6][80]; size_t nm;
	         char rec[6][64]; size_t nrec; } rules[MAXN];
	size_t nrules;
	struct { char id[64]; char effects[6][80]; size_t ne; } inits[MAXN];
	size_t ninits;
	int overflow;
};

static int add_kind(smb_host *h, const smb_kind_def *d) { (void)h; (void)d; return SMB_PLUGIN_ERROR; }

static int add_metric(smb_host *h, const smb_metric_def *d)
{
	rec_metric *m;

	if (h->nmetrics == MAXN)
		return h->overflow = 1, SMB_PLUGIN_ERROR;
	m = &h->metrics[h->nmetrics++];
	snprintf(m->key, sizeof m->key, "%s", d->key);
	m->derived = d->rollup && strcmp(d->rollup, "derived") == 0;
	for (const char *const *p = d->inputs; p && *p && m->ninputs < 6; p++)
		snprintf(m->inputs[m->ninputs++], 80, "%s", *p);
	m->compute = d->compute;
	m->ud = d->ud;
	return SMB_PLUGIN_OK;
}

static int add_goalposts(smb_host *h, const smb_goalposts_def *d)
{
	size_t i = h->ngps;

	if (i == MAXN)
		return h->overflow = 1, SMB_PLUGIN_ERROR;
	h->ngps++;
	snprintf(h->gps[i].metric, 80, "%s", d->metric);
	snprintf(h->gps[i].industry, 32, "%s", d->industry ? d->industry : "");
	/* a source names where the numbers come from: more than a word or two */
	h->gps[i].sourced = d->source && strlen(d->source) >= 40;
	h->gps[i].sane = isfinite(d->worst) && isfinite(d->best) && d->worst != d->best;
	if (d->bands)
		for (int k = 1; k < 5; k++)
			if ((d->bands[k] - d->bands[k - 1]) * (d->best - d->worst) <= 0 || d->bands[0] != d->worst ||
			    d->bands[4] != d->best)
				h->gps[i].sane = 0;
	return SMB_PLUGIN_OK;
}

static int add_rule(smb_host *h, const smb_rule_def *d)
{
	size_t i = h->nrules;

	if (i == MAXN)
		return h->overflow = 1, SMB_PLUGIN_ERROR;
	h->nrules++;
	snprintf(h->rules[i].id, 32, "%s", d->id);
	snprintf(h->rules[i].industry, 32, "%s", d->industry ? d->industry : "");
	h->rules[i].when = d->when;
	h->rules[i].ud = d->ud;
	for (const char *const *p = d->metrics; p && *p && h->rules[i].nm < 6; p++)
		snprintf(h->rules[i].metrics[h->rules[i].nm++], 80, "%s", *p);
	for (const char *const *p = d->recommend; p && *p && h->rules[i].nrec < 6; p++)
		snprintf(h->rules[i].rec[h->rules[i].nrec++], 64, "%s", *p);
	return SMB_PLUGIN_OK;
}

static int add_initiative(smb_host *h, const smb_initiative_def *d)
{
	size_t i = h->ninits;

	if (i == MAXN)
		return h->overflow = 1, SMB_PLUGIN_ERROR;
	h->ninits++;
	snprintf(h->inits[i].id, 64, "%s", d->id);
	for (size_t j = 0; j < d->neffects && j < 6; j++)
		snprintf(h->inits[i].effects[h->inits[i].ne++], 80, "%s", d->effects[j].metric);
	return SMB_PLUGIN_OK;
}

static int add_solver(smb_host *h, const smb_solver_def *d) { (void)h; (void)d; return SMB_PLUGIN_ERROR; }
static const char *host_error(smb_host *h) { (void)h; return "test host"; }

/* ---- a computation context of hand-made values ---------------------------- */

typedef struct kv {
	const char *key;
	double v;
} kv;

struct smb_ctx {
	const char *period, *first, *last;
	const kv *cur;            /* values of the assessed period, ended by key NULL */
	const char *prev_period;  /* the one other period get_at answers for */
	const kv *prev;
	char asked[16];           /* the last period get_at was asked for */
	char failed[256];
};

static int lookup(const kv *t, const char *key, double *out)
{
	for (; t && t->key; t++)
		if (strcmp(t->key, key) == 0) {
			*out = t->v;
			return SMB_PLUGIN_OK;
		}
	return SMB_PLUGIN_MISSING;
}

static int c_get(smb_ctx *c, const char *key, double *out) { return lookup(c->cur, key, out); }

static int c_get_at(smb_ctx *c, const char *key, const char *period, double *out)
{
	snprintf(c->asked, sizeof c->asked, "%s", period ? period : "");
	if (period && c->prev_period && strcmp(period, c->prev_period) == 0)
		return lookup(c->prev, key, out);
	return SMB_PLUGIN_MISSING;
}

static const char *c_period(smb_ctx *c) { return c->period; }
static const char *c_first(smb_ctx *c) { return c->first; }
static const char *c_last(smb_ctx *c) { return c->last; }
static const char *c_industry(smb_ctx *c) { (void)c; return "test"; }
static double c_setting(smb_ctx *c, const char *n, double f) { (void)c; (void)n; return f; }
static size_t c_rows(smb_ctx *c, const char *k) { (void)c; (void)k; return 0; }
static const char *c_cell(smb_ctx *c, const char *k, size_t r, const char *col)
{
	(void)c; (void)k; (void)r; (void)col;
	return NULL;
}
static int c_model(smb_ctx *c, const char *m, const char *f, double v)
{
	(void)c; (void)m; (void)f; (void)v;
	return SMB_PLUGIN_OK;
}
static int c_fail(smb_ctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->failed, sizeof c->failed, fmt, ap);
	va_end(ap);
	return SMB_PLUGIN_ERROR;
}

/* ---- loading one plugin ---------------------------------------------------- */

typedef struct loaded {
	void *handle;
	struct smb_host host;
	smb_host_api api;
	smb_plugin_info info;
	int rc;
} loaded;

static int load(const char *builddir, const char *name, loaded *L)
{
	char path[1024];
	smb_plugin_init_fn init;

	memset(L, 0, sizeof *L);
	snprintf(path, sizeof path, "%s/plugins/.libs/%s.so", builddir, name);
	if (!(L->handle = dlopen(path, RTLD_NOW | RTLD_LOCAL))) {
		printf("# %s\n", dlerror());
		return -1;
	}
	*(void **)&init = dlsym(L->handle, SMB_PLUGIN_INIT_SYMBOL);
	if (!init)
		return -1;
	L->api = (smb_host_api){
		SMB_PLUGIN_ABI_VERSION, sizeof(smb_host_api), &L->host,
		add_kind, add_metric, add_goalposts, add_rule, add_initiative, add_solver, host_error,
		c_get, c_get_at, c_period, c_first, c_last, c_industry, c_setting, c_rows, c_cell, c_model, c_fail,
		NULL,   /* cycle: like a host that does not number its cycles */
	};
	L->rc = init(&L->api, &L->info);
	return 0;
}

static rec_metric *metric_of(loaded *L, const char *key)
{
	for (size_t i = 0; i < L->host.nmetrics; i++)
		if (strcmp(L->host.metrics[i].key, key) == 0)
			return &L->host.metrics[i];
	return NULL;
}

static int known_key(loaded *L, const char *key)
{
	return playbook_declares(key) || metric_of(L, key) != NULL;
}

static int has_initiative(loaded *L, const char *id)
{
	for (size_t i = 0; i < L->host.ninits; i++)
		if (strcmp(L->host.inits[i].id, id) == 0)
			return 1;
	return 0;
}

/* What every industry plugin promises: its industry word everywhere, new
 * inputs only where no playbook declares them, goalposts with sources on
 * at least 8 playbook metrics, rules and initiatives that hang together. */
static void check_registration(loaded *L, const char *name, const char *industry)
{
	size_t derived = 0, inputs_ok = 1, own_inputs_ok = 1, common = 0, own = 0, gp_ok = 1, rule_ok = 1, init_ok = 1;

	is_int(L->rc, SMB_PLUGIN_OK, "%s: init succeeds", name);
	ok(!L->host.overflow, "%s: fits the recording host", name);
	is_int(L->info.abi_version, SMB_PLUGIN_ABI_VERSION, "%s: ABI version", name);
	is_str(L->info.name, name, "%s: its name", name);
	is_str(L->info.industry, industry, "%s: serves industry %s", name, industry);
	for (size_t i = 0; i < L->host.nmetrics; i++) {
		rec_metric *m = &L->host.metrics[i];
		if (playbook_declares(m->key)) {
			printf("#   %s is already declared by a default playbook\n", m->key);
			own_inputs_ok = 0;
		}
		if (!m->derived)
			continue;
		derived++;
		for (size_t k = 0; k < m->ninputs; k++)
			if (!known_key(L, m->inputs[k])) {
				printf("#   %s: input %s is declared nowhere\n", m->key, m->inputs[k]);
				inputs_ok = 0;
			}
	}
	ok(derived >= 2, "%s: at least 2 derived metrics (%zu)", name, derived);
	ok(inputs_ok, "%s: every input of a formula is declared by the plugin or a playbook", name);
	ok(own_inputs_ok, "%s: declares no metric a default playbook declares", name);
	for (size_t i = 0; i < L->host.ngps; i++) {
		if (strcmp(L->host.gps[i].industry, industry) != 0 || !L->host.gps[i].sourced || !L->host.gps[i].sane) {
			printf("#   goalposts for %s: industry '%s', source %d, sane %d\n", L->host.gps[i].metric,
			       L->host.gps[i].industry, L->host.gps[i].sourced, L->host.gps[i].sane);
			gp_ok = 0;
		}
		if (playbook_declares(L->host.gps[i].metric))
			common++;
		else if (metric_of(L, L->host.gps[i].metric))
			own++;
		else {
			printf("#   goalposts for unknown metric %s\n", L->host.gps[i].metric);
			gp_ok = 0;
		}
	}
	ok(gp_ok, "%s: every goalposts entry is for %s, has a source and distinct ends", name, industry);
	ok(common >= 8, "%s: goalposts for at least 8 playbook metrics (%zu)", name, common);
	ok(own >= 2, "%s: goalposts for its own metrics (%zu)", name, own);
	ok(L->host.nrules >= 3, "%s: at least 3 rules (%zu)", name, L->host.nrules);
	ok(L->host.ninits >= 3, "%s: at least 3 initiatives (%zu)", name, L->host.ninits);
	for (size_t i = 0; i < L->host.nrules; i++) {
		if (strcmp(L->host.rules[i].industry, industry) != 0)
			rule_ok = 0;
		for (size_t k = 0; k < L->host.rules[i].nm; k++)
			rule_ok &= known_key(L, L->host.rules[i].metrics[k]);
		for (size_t k = 0; k < L->host.rules[i].nrec; k++)
			rule_ok &= has_initiative(L, L->host.rules[i].rec[k]);
	}
	ok(rule_ok, "%s: rules are for %s, over known metrics, recommending its own initiatives", name, industry);
	for (size_t i = 0; i < L->host.ninits; i++)
		for (size_t k = 0; k < L->host.inits[i].ne; k++)
			init_ok &= known_key(L, L->host.inits[i].effects[k]);
	ok(init_ok, "%s: initiatives act on known metrics", name);
}

/* Runs a metric's compute over ctx; NAN when missing or failed. */
static double compute(loaded *L, const char *key, smb_ctx *c, int *rc)
{
	rec_metric *m = metric_of(L, key);
	double v = NAN;
	int r = m && m->compute ? m->compute(&L->api, c, m->ud, &v) : -1;

	if (rc)
		*rc = r;
	return r == SMB_PLUGIN_OK ? v : NAN;
}

static int fires(loaded *L, const char *id, smb_ctx *c)
{
	for (size_t i = 0; i < L->host.nrules; i++)
		if (strcmp(L->host.rules[i].id, id) == 0) {
			int f = -1;
			if (L->host.rules[i].when(&L->api, c, L->host.rules[i].ud, &f) != SMB_PLUGIN_OK)
				return -1;
			return f;
		}
	return -2;
}

#define Q3 "2026-Q3", "2026-07-01", "2026-09-30"

/* The numbers of tests/cli_industry.sh, for 2026-Q3. */
static const kv q3[] = {
	{ "finance.revenue", 100000 }, { "finance.cogs", 60000 }, { "operations.labour_cost", 30000 },
	{ "finance.inventory_value", 50000 }, { "operations.sales_area_m2", 100 }, { "operations.shrinkage_value", 1500 },
	{ "marketing.website_visits", 40000 }, { "marketing.orders_online", 1000 }, { "marketing.carts_created", 4000 },
	{ "operations.orders_returned", 200 }, { "finance.food_cost", 30000 }, { "operations.covers", 9200 },
	{ "operations.seats", 50 }, { "operations.days_open", 80 }, { "operations.billable_hours", 3200 },
	{ "operations.available_hours", 4000 }, { "finance.billed_value", 90000 }, { "finance.standard_value", 100000 },
	{ "finance.mrr", 13310 }, { "finance.mrr_expansion", 600 }, { "finance.mrr_churned", 100 },
	{ "customer.customers_lost", 271 }, { "customer.active_customers", 900 }, { NULL, 0 },
};
static const kv q2[] = {
	{ "finance.inventory_value", 30000 }, { "finance.mrr", 10000 }, { "customer.active_customers", 1000 }, { NULL, 0 },
};

static void test_retail_plugin(const char *builddir)
{
	loaded L;
	smb_ctx c = { Q3, q3, "2026-Q2", q2, "", "" };
	smb_ctx alone = { Q3, q3, NULL, NULL, "", "" };
	smb_ctx odd = { "someday", "2026-07-01", "2026-09-30", q3, NULL, NULL, "", "" };
	int rc;

	if (load(builddir, "industry-retail", &L)) {
		ok(0, "industry-retail loads");
		return;
	}
	check_registration(&L, "industry-retail", "retail");
	is_num(compute(&L, "operations.sales_per_m2", &c, NULL), 4000, 1e-9, "retail: sales per m2 = 4000");
	is_num(compute(&L, "finance.gmroi", &c, NULL), 4, 1e-12, "retail: GMROI on average stock = 4");
	is_str(c.asked, "2026-Q2", "retail: the opening stock is read from 2026-Q2");
	is_num(compute(&L, "finance.gmroi", &alone, NULL), 3.2, 1e-12, "retail: GMROI on closing stock alone = 3.2");
	is_num(compute(&L, "operations.shrinkage_pct", &c, NULL), 1.5, 1e-12, "retail: shrinkage = 1.5%%");
	compute(&L, "operations.sales_per_m2", &odd, &rc);
	ok(rc == SMB_PLUGIN_ERROR && strstr(odd.failed, "someday"), "retail: an unreadable period fails and says so");
	{
		kv bad[] = { { "operations.shrinkage_pct", 2.1 }, { "finance.gmroi", 1.9 }, { "finance.dio_days", 120 },
		             { "operations.sales_per_m2", 2000 }, { "finance.rent_pct", 12 }, { NULL, 0 } };
		kv good[] = { { "operations.shrinkage_pct", 2 }, { "finance.gmroi", 3 }, { "finance.dio_days", 60 },
		              { "operations.sales_per_m2", 2000 }, { "finance.rent_pct", 10 }, { NULL, 0 } };
		smb_ctx b = { Q3, bad, NULL, NULL, "", "" }, g = { Q3, good, NULL, NULL, "", "" };
		ok(fires(&L, "RET-0010", &b) == 1 && fires(&L, "RET-0010", &g) == 0, "retail: RET-0010 above 2%% shrinkage");
		ok(fires(&L, "RET-0020", &b) == 1 && fires(&L, "RET-0020", &g) == 0, "retail: RET-0020 below GMROI 2");
		ok(fires(&L, "RET-0030", &b) == 1 && fires(&L, "RET-0030", &g) == 0,
		   "retail: RET-0030 needs low density and rent above 10%%");
		ok(fires(&L, "RET-0040", &b) == 0 && fires(&L, "RET-0040", &g) == 1, "retail: RET-0040 at GMROI 3");
	}
	dlclose(L.handle);
}

static void test_ecommerce_plugin(const char *builddir)
{
	loaded L;
	smb_ctx c = { Q3, q3, NULL, NULL, "", "" };
	int rc;

	if (load(builddir, "industry-ecommerce", &L)) {
		ok(0, "industry-ecommerce loads");
		return;
	}
	check_registration(&L, "industry-ecommerce", "e-commerce");
	is_num(compute(&L, "marketing.conversion_rate_pct", &c, NULL), 2.5, 1e-12, "e-commerce: conversion = 2.5%%");
	is_num(compute(&L, "marketing.cart_abandonment_pct", &c, NULL), 75, 1e-12, "e-commerce: abandonment = 75%%");
	is_num(compute(&L, "operations.orders_returned_pct", &c, NULL), 20, 1e-12, "e-commerce: returned = 20%%");
	{
		kv more[] = { { "marketing.orders_online", 50 }, { "marketing.carts_created", 40 }, { NULL, 0 } };
		smb_ctx m = { Q3, more, NULL, NULL, "", "" };
		compute(&L, "marketing.cart_abandonment_pct", &m, &rc);
		is_int(rc, SMB_PLUGIN_MISSING, "e-commerce: more orders than carts leaves abandonment undefined");
	}
	{
		kv bad[] = { { "marketing.cart_abandonment_pct", 81 }, { "marketing.conversion_rate_pct", 0.9 },
		             { "marketing.website_visits", 1000 }, { "operations.orders_returned_pct", 26 }, { NULL, 0 } };
		kv good[] = { { "marketing.cart_abandonment_pct", 65 }, { "marketing.conversion_rate_pct", 3 },
		              { "marketing.website_visits", 1000 }, { "operations.orders_returned_pct", 25 }, { NULL, 0 } };
		smb_ctx b = { Q3, bad, NULL, NULL, "", "" }, g = { Q3, good, NULL, NULL, "", "" };
		ok(fires(&L, "ECO-0010", &b) == 1 && fires(&L, "ECO-0010", &g) == 0, "e-commerce: ECO-0010 above 80%%");
		ok(fires(&L, "ECO-0020", &b) == 1 && fires(&L, "ECO-0020", &g) == 0, "e-commerce: ECO-0020 below 1%%");
		ok(fires(&L, "ECO-0030", &b) == 1 && fires(&L, "ECO-0030", &g) == 0, "e-commerce: ECO-0030 above 25%%");
		ok(fires(&L, "ECO-0040", &b) == 0 && fires(&L, "ECO-0040", &g) == 1,
		   "e-commerce: ECO-0040 at 3%% conversion and 65%% abandonment");
	}
	dlclose(L.handle);
}

static void test_restaurant_plugin(const char *builddir)
{
	loaded L;
	smb_ctx c = { Q3, q3, NULL, NULL, "", "" };
	kv closed[] = { { "operations.covers", 9200 }, { "operations.seats", 50 }, { NULL, 0 } };
	smb_ctx cal = { Q3, closed, NULL, NULL, "", "" };

	if (load(builddir, "industry-restaurant", &L)) {
		ok(0, "industry-restaurant loads");
		return;
	}
	check_registration(&L, "industry-restaurant", "restaurant");
	is_num(compute(&L, "finance.food_cost_pct", &c, NULL), 30, 1e-12, "restaurant: food cost = 30%%");
	is_num(compute(&L, "finance.prime_cost_pct", &c, NULL), 90, 1e-12, "restaurant: prime cost = 90%%");
	is_num(compute(&L, "operations.seat_turnover", &c, NULL), 2.3, 1e-12, "restaurant: 2.3 turns over 80 days open");
	is_num(compute(&L, "operations.seat_turnover", &cal, NULL), 2, 1e-12,
	       "restaurant: without days open, Q3's 92 days: 2 turns");
	{
		kv bad[] = { { "finance.prime_cost_pct", 66 }, { "finance.food_cost_pct", 36 }, { "operations.seat_turnover", 0.9 },
		             { NULL, 0 } };
		kv good[] = { { "finance.prime_cost_pct", 55 }, { "finance.food_cost_pct", 35 }, { "operations.seat_turnover", 1 },
		              { NULL, 0 } };
		smb_ctx b = { Q3, bad, NULL, NULL, "", "" }, g = { Q3, good, NULL, NULL, "", "" };
		ok(fires(&L, "RST-0010", &b) == 1 && fires(&L, "RST-0010", &g) == 0, "restaurant: RST-0010 above 65%%");
		ok(fires(&L, "RST-0020", &b) == 1 && fires(&L, "RST-0020", &g) == 0, "restaurant: RST-0020 above 35%%");
		ok(fires(&L, "RST-0030", &b) == 1 && fires(&L, "RST-0030", &g) == 0, "restaurant: RST-0030 below 1 turn");
		ok(fires(&L, "RST-0040", &b) == 0 && fires(&L, "RST-0040", &g) == 1, "restaurant: RST-0040 at 55%%");
	}
	dlclose(L.handle);
}

static void test_services_plugin(const char *builddir)
{
	loaded L;
	smb_ctx c = { Q3, q3, NULL, NULL, "", "" };

	if (load(builddir, "industry-services", &L)) {
		ok(0, "industry-services loads");
		return;
	}
	check_registration(&L, "industry-services", "services");
	is_num(compute(&L, "operations.utilisation_pct", &c, NULL), 80, 1e-12, "services: utilisation = 80%%");
	is_num(compute(&L, "finance.realisation_pct", &c, NULL), 90, 1e-12, "services: realisation = 90%%");
	is_num(compute(&L, "finance.revenue_per_billable_hour", &c, NULL), 31.25, 1e-12,
	       "services: 31.25 per billable hour");
	{
		kv bad[] = { { "operations.utilisation_pct", 59 }, { "finance.realisation_pct", 84 },
		             { "finance.revenue_per_billable_hour", 80 }, { NULL, 0 } };
		kv good[] = { { "operations.utilisation_pct", 70 }, { "finance.realisation_pct", 92 },
		              { "finance.revenue_per_billable_hour", 80 }, { NULL, 0 } };
		kv over[] = { { "operations.utilisation_pct", 91 }, { NULL, 0 } };
		smb_ctx b = { Q3, bad, NULL, NULL, "", "" }, g = { Q3, good, NULL, NULL, "", "" };
		smb_ctx o = { Q3, over, NULL, NULL, "", "" };
		ok(fires(&L, "SVC-0010", &b) == 1 && fires(&L, "SVC-0010", &g) == 0, "services: SVC-0010 below 60%%");
		ok(fires(&L, "SVC-0020", &b) == 1 && fires(&L, "SVC-0020", &g) == 0, "services: SVC-0020 below 85%%");
		ok(fires(&L, "SVC-0030", &o) == 1 && fires(&L, "SVC-0030", &g) == 0, "services: SVC-0030 above 90%%");
		ok(fires(&L, "SVC-0040", &b) == 0 && fires(&L, "SVC-0040", &g) == 1, "services: SVC-0040 at 70%% and 92%%");
	}
	dlclose(L.handle);
}

static void test_saas_plugin(const char *builddir)
{
	loaded L;
	smb_ctx c = { Q3, q3, "2026-Q2", q2, "", "" };
	smb_ctx first = { Q3, q3, NULL, NULL, "", "" };
	int rc;

	if (load(builddir, "industry-saas", &L)) {
		ok(0, "industry-saas loads");
		return;
	}
	check_registration(&L, "industry-saas", "saas");
	is_num(compute(&L, "finance.mrr_growth_pct", &c, NULL), 10, 1e-9, "saas: MRR grows 10%% a month");
	is_str(c.asked, "2026-Q2", "saas: the starting MRR is 2026-Q2's");
	/* logo churn is the customer playbook's customer.churn_monthly_pct (one concept, one
	 * number); this plugin only sets its SaaS goalposts and rule */
	ok(!metric_of(&L, "customer.logo_churn_pct"), "saas: no second churn metric");
	is_num(compute(&L, "finance.nrr_pct", &c, NULL), 121.550625, 1e-9, "saas: NRR 121.55%% a year");
	compute(&L, "finance.nrr_pct", &first, &rc);
	is_int(rc, SMB_PLUGIN_MISSING, "saas: no earlier period, no NRR");
	{
		kv bad[] = { { "finance.nrr_pct", 89 }, { "customer.churn_monthly_pct", 3.1 }, { "finance.mrr_growth_pct", -0.1 },
		             { "finance.mrr", 9000 }, { NULL, 0 } };
		kv good[] = { { "finance.nrr_pct", 110 }, { "customer.churn_monthly_pct", 3 }, { "finance.mrr_growth_pct", 0 },
		              { "finance.mrr", 9000 }, { NULL, 0 } };
		smb_ctx b = { Q3, bad, NULL, NULL, "", "" }, g = { Q3, good, NULL, NULL, "", "" };
		ok(fires(&L, "SAS-0010", &b) == 1 && fires(&L, "SAS-0010", &g) == 0, "saas: SAS-0010 below 90%%");
		ok(fires(&L, "SAS-0020", &b) == 1 && fires(&L, "SAS-0020", &g) == 0, "saas: SAS-0020 above 3%%");
		ok(fires(&L, "SAS-0030", &b) == 1 && fires(&L, "SAS-0030", &g) == 0, "saas: SAS-0030 below 0");
		ok(fires(&L, "SAS-0040", &b) == 0 && fires(&L, "SAS-0040", &g) == 1, "saas: SAS-0040 at 110%%");
	}
	dlclose(L.handle);
}

int main(void)
{
	const char *src = getenv("top_srcdir"), *build = getenv("top_builddir");

	test_periods();
	test_retail();
	test_ecommerce();
	test_restaurant();
	test_services();
	test_saas();
	read_playbook_keys(src ? src : ".");
	ok(npb_keys > 50, "the default playbooks declare their metrics (%zu keys read)", npb_keys);
	test_retail_plugin(build ? build : ".");
	test_ecommerce_plugin(build ? build : ".");
	test_restaurant_plugin(build ? build : ".");
	test_services_plugin(build ? build : ".");
	test_saas_plugin(build ? build : ".");
	return done_testing();
}
