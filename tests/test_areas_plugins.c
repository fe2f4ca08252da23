/* tests/test_areas_plugins.c — the built operations and finance plugins,
 * loaded with dlopen into a recording host: what they register (keys, sources,
 * rules, initiatives), and their compute and rule callbacks run over the demo
 * client's CSV files (examples/demo) through a small host of this test's own. */
#include "tap.h"
#include "smbopt/plugin.h"

#include <dlfcn.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- a recording host ---------------------------------------------------- */

#define MAXN 64

typedef struct rec_metric {
	char key[80];
	smb_compute_fn compute;
	void *ud;
	int has_gp;            /* default goalposts seen */
	char dataset[32];
} rec_metric;

struct smb_host {
	int kinds;
	char kind_cols[16][32];
	size_t nkind_cols;
	rec_metric metrics[MAXN];
	size_t nmetrics;
	size_t ngps, gps_bad;
	smb_goalposts_def gp_last;
	struct { char id[64]; smb_when_fn when; char detail[1024]; char metrics[8][80]; size_t nm;
	         char rec[8][64]; size_t nrec; } rules[MAXN];
	size_t nrules;
	struct { char id[64]; char effects[8][80]; size_t ne; double conf; } inits[MAXN];
	size_t ninits;
};

static rec_metric *find_metric(struct smb_host *h, const char *key)
{
	for (size_t i = 0; i < h->nmetrics; i++)
		if (strcmp(h->metrics[i].key, key) == 0)
			return &h->metrics[i];
	return NULL;
}

static int add_kind(smb_host *h, const smb_kind_def *d)
{
	h->kinds++;
	for (size_t i = 0; i < d->ncolumns && i < 16; i++)
		snprintf(h->kind_cols[i], 32, "%s%s", d->columns[i].name, d->columns[i].required ? "" : "?");
	h->nkind_cols = d->ncolumns;
	return 0;
}

static int add_metric(smb_host *h, const smb_metric_def *d)
{
	rec_metric *m = &h->metrics[h->nmetrics++];
	snprintf(m->key, sizeof m->key, "%s", d->key);
	snprintf(m->dataset, sizeof m->dataset, "%s", d->dataset ? d->dataset : "");
	m->compute = d->compute;
	m->ud = d->ud;
	return 0;
}

static int add_goalposts(smb_host *h, const smb_goalposts_def *d)
{
	rec_metric *m = find_metric(h, d->metric);
	h->ngps++;
	if (!m || !d->source || strlen(d->source) < 40 || d->worst == d->best)
		h->gps_bad++;
	if (d->bands)
		for (int i = 1; i < 5; i++)   /* monotone from worst to best */
			if ((d->bands[i] - d->bands[i - 1]) * (d->best - d->worst) <= 0 ||
			    d->bands[0] != d->worst || d->bands[4] != d->best)
				h->gps_bad++;
	if (m && !d->industry)
		m->has_gp = 1;
	return 0;
}

static int add_rule(smb_host *h, const smb_rule_def *d)
{
	size_t i = h->nrules++;
	snprintf(h->rules[i].id, 64, "%s", d->id);
	snprintf(h->rules[i].detail, 1024, "%s", d->detail);
	h->rules[i].when = d->when;
	for (const char *const *p = d->metrics; *p; p++)
		snprintf(h->rules[i].metrics[h->rules[i].nm++], 80, "%s", *p);
	for (const char *const *p = d->recommend; *p; p++)
		snprintf(h->rules[i].rec[h->rules[i].nrec++], 64, "%s", *p);
	return 0;
}

static int add_initiative(smb_host *h, const smb_initiative_def *d)
{
	size_t i = h->ninits++;
	snprintf(h->inits[i].id, 64, "%s", d->id);
	h->inits[i].conf = d->confidence;
	for (size_t j = 0; j < d->neffects; j++)
		snprintf(h->inits[i].effects[h->inits[i].ne++], 80, "%s", d->effects[j].metric);
	return 0;
}

static int add_solver(smb_host *h, const smb_solver_def *d) { (void)h; (void)d; return 1; }
static const char *host_error(smb_host *h) { (void)h; return "test host"; }

/* ---- a computation context over the demo CSV files ---------------------- */

#define MAXROWS 2000
#define MAXMONTHS 40

struct smb_ctx {
	const char *period, *first, *last;
	int last_month;                    /* year*12+month-1 */
	/* inventory.csv: cells as text */
	char *inv[MAXROWS][7];
	size_t ninv;
	char cellbuf[128];                 /* reused by every cell(): like a database cursor */
	/* metrics.csv: months x columns */
	char *mcols[64];
	size_t nmcols;
	int mmonth[MAXMONTHS];
	double mval[MAXMONTHS][64];
	size_t nmonths;
	/* derived values computed so far, settings, models, errors */
	struct { char key[80]; double v; } derived[MAXN];
	size_t nderived;
	struct { const char *name; double v; } settings[8];
	size_t nsettings;
	struct { char field[96]; double v; } models[128];
	size_t nmodels;
	char error[256];
};

static int month_of(const char *s)
{
	int y, m;
	return sscanf(s, "%d-%d", &y, &m) == 2 ? y * 12 + m - 1 : -1;
}

static int get(smb_ctx *c, const char *key, double *out)
{
	int first = month_of(c->first);
	for (size_t i = 0; i < c->nderived; i++)
		if (strcmp(c->derived[i].key, key) == 0) {
			*out = c->derived[i].v;
			return SMB_PLUGIN_OK;
		}
	for (size_t j = 0; j < c->nmcols; j++) {
		double sum = 0;
		int have = 0;
		if (strcmp(c->mcols[j], key) != 0)
			continue;
		for (size_t t = 0; t < c->nmonths; t++)
			if (c->mmonth[t] >= first && c->mmonth[t] <= c->last_month) {
				/* stocks (cash) take the last month, flows the sum */
				sum = strcmp(key, "finance.cash") == 0 ? c->mval[t][j] : sum + c->mval[t][j];
				have++;
			}
		if (have != c->last_month - first + 1)
			return SMB_PLUGIN_MISSING;
		*out = sum;
		return SMB_PLUGIN_OK;
	}
	return SMB_PLUGIN_MISSING;
}

static int get_at(smb_ctx *c, const char *key, const char *period, double *out)
{
	int m = month_of(period);
	for (size_t j = 0; j < c->nmcols; j++)
		if (strcmp(c->mcols[j], key) == 0)
			for (size_t t = 0; t < c->nmonths; t++)
				if (c->mmonth[t] == m) {
					*out = c->mval[t][j];
					return SMB_PLUGIN_OK;
				}
	return SMB_PLUGIN_MISSING;
}

static const char *period(smb_ctx *c) { return c->period; }
static const char *period_first(smb_ctx *c) { return c->first; }
static const char *period_last(smb_ctx *c) { return c->last; }
static const char *industry(smb_ctx *c) { (void)c; return "retail"; }

static double setting(smb_ctx *c, const char *name, double fallback)
{
	for (size_t i = 0; i < c->nsettings; i++)
		if (strcmp(c->settings[i].name, name) == 0)
			return c->settings[i].v;
	return fallback;
}

/* rows dated up to the period's last day: the file is sorted by period */
static size_t rows(smb_ctx *c, const char *kind)
{
	size_t n = 0;
	if (strcmp(kind, "inventory") != 0)
		return 0;
	while (n < c->ninv && month_of(c->inv[n][0]) <= c->last_month)
		n++;
	return n;
}

static const char *cell(smb_ctx *c, const char *kind, size_t row, const char *column)
{
	static const char *const cols[7] = { "period", "sku", "units_sold", "on_hand", "unit_cost",
	                                     "unit_price", "lead_time_days" };
	if (strcmp(kind, "inventory") != 0 || row >= c->ninv)
		return NULL;
	for (int j = 0; j < 7; j++)
		if (strcmp(cols[j], column) == 0) {
			if (!*c->inv[row][j])
				return NULL;
			snprintf(c->cellbuf, sizeof c->cellbuf, "%s", c->inv[row][j]);
			return c->cellbuf;
		}
	return NULL;
}

static int model(smb_ctx *c, const char *m, const char *field, double v)
{
	for (size_t i = 0; i < c->nmodels; i++)
		if (strncmp(c->models[i].field, m, strlen(m)) == 0 &&
		    strcmp(c->models[i].field + strlen(m) + 1, field) == 0)
			return SMB_PLUGIN_ERROR;   /* written twice: not expected */
	if (!isfinite(v) || c->nmodels >= 128)
		return SMB_PLUGIN_ERROR;
	snprintf(c->models[c->nmodels].field, 96, "%s.%s", m, field);
	c->models[c->nmodels++].v = v;
	return SMB_PLUGIN_OK;
}

static int fail(smb_ctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->error, sizeof c->error, fmt, ap);
	va_end(ap);
	return SMB_PLUGIN_ERROR;
}

static double model_value(smb_ctx *c, const char *field)
{
	for (size_t i = 0; i < c->nmodels; i++)
		if (strcmp(c->models[i].field, field) == 0)
			return c->models[i].v;
	return NAN;
}

/* ---- reading the demo files ---------------------------------------------- */

static char *slurp_line(FILE *f)
{
	char buf[8192];
	size_t n;
	if (!fgets(buf, sizeof buf, f))
		return NULL;
	n = strcspn(buf, "\r\n");
	buf[n] = '\0';
	return strdup(buf);
}

/* splits s in place at commas (the demo files have no quoted fields) */
static size_t split(char *s, char **out, size_t max)
{
	size_t n = 0;
	for (char *p = s; n < max;) {
		char *comma = strchr(p, ',');
		out[n++] = p;
		if (!comma)
			break;
		*comma = '\0';
		p = comma + 1;
	}
	return n;
}

static char *lines_kept[4000];
static size_t nlines_kept;

static int load_demo(smb_ctx *c, const char *srcdir)
{
	char path[1024], *line, *f[64];
	FILE *in;

	snprintf(path, sizeof path, "%s/examples/demo/inventory.csv", srcdir);
	if (!(in = fopen(path, "r")))
		return -1;
	free(slurp_line(in));
	while (c->ninv < MAXROWS && (line = slurp_line(in))) {
		lines_kept[nlines_kept++] = line;
		if (split(line, c->inv[c->ninv], 7) == 7)
			c->ninv++;
	}
	fclose(in);
	snprintf(path, sizeof path, "%s/examples/demo/metrics.csv", srcdir);
	if (!(in = fopen(path, "r")))
		return -1;
	line = slurp_line(in);
	lines_kept[nlines_kept++] = line;
	c->nmcols = split(line, c->mcols, 64);
	while (c->nmonths < MAXMONTHS && (line = slurp_line(in))) {
		size_t n = split(line, f, 64);
		c->mmonth[c->nmonths] = month_of(f[0]);
		for (size_t j = 1; j < n; j++)
			c->mval[c->nmonths][j] = strtod(f[j], NULL);
		c->nmonths++;
		free(line);
	}
	fclose(in);
	return 0;
}

static void set_period(smb_ctx *c, const char *p, const char *first, const char *last)
{
	c->period = p;
	c->first = first;
	c->last = last;
	c->last_month = month_of(last);
	c->nderived = c->nmodels = c->nsettings = 0;
	c->error[0] = '\0';
}

static const smb_host_api *the_api;

/* Computes every metric of h in registration order, as the host would,
 * keeping the values for later get() calls; returns how many were defined. */
static int compute_all(struct smb_host *h, smb_ctx *c)
{
	int defined = 0;
	for (size_t i = 0; i < h->nmetrics; i++) {
		double v;
		int rc = h->metrics[i].compute(the_api, c, h->metrics[i].ud, &v);
		/* as the host: a value beyond measure is kept as ±INFINITY */
		if ((rc == SMB_PLUGIN_OK && isfinite(v)) || (rc == SMB_PLUGIN_UNBOUNDED && isinf(v))) {
			snprintf(c->derived[c->nderived].key, 80, "%s", h->metrics[i].key);
			c->derived[c->nderived++].v = v;
			defined++;
		}
	}
	return defined;
}

static double value(smb_ctx *c, const char *key)
{
	double v;
	return get(c, key, &v) == SMB_PLUGIN_OK ? v : NAN;
}

static int fires(struct smb_host *h, smb_ctx *c, const char *id)
{
	for (size_t i = 0; i < h->nrules; i++)
		if (strcmp(h->rules[i].id, id) == 0) {
			int f = -1;
			for (size_t j = 0; j < h->rules[i].nm; j++)
				if (isnan(value(c, h->rules[i].metrics[j])))
					return -2;   /* the host would not evaluate it */
			if (h->rules[i].when(the_api, c, NULL, &f) != SMB_PLUGIN_OK)
				return -3;
			return f;
		}
	return -4;
}

/* ---- checks ---------------------------------------------------------------- */

static void *load_plugin(const char *dir, const char *name, struct smb_host *h, smb_plugin_info *info)
{
	char path[1024];
	void *dl;
	smb_plugin_init_fn init;

	snprintf(path, sizeof path, "%s/%s.so", dir, name);
	dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!ok(dl != NULL, "dlopen %s", path)) {
		printf("# %s\n", dlerror());
		return NULL;
	}
	*(void **)&init = dlsym(dl, SMB_PLUGIN_INIT_SYMBOL);
	ok(init != NULL, "%s exports smb_plugin_init", name);
	memset(h, 0, sizeof *h);
	{
		smb_host_api api = *the_api;
		api.host = h;
		is_int(init(&api, info), SMB_PLUGIN_OK, "%s: init succeeds", name);
	}
	return dl;
}

/* A host whose table ends at fail, as ABI 1's first release did, still loads
 * the plugin: fields added since (cycle, keep, kept) are checked where used. */
static void check_first_host(void *dl, const char *name)
{
	static struct smb_host h;
	smb_plugin_init_fn init;
	smb_plugin_info info;
	smb_host_api api = *the_api;

	*(void **)&init = dlsym(dl, SMB_PLUGIN_INIT_SYMBOL);
	memset(&h, 0, sizeof h);
	memset(&info, 0, sizeof info);
	api.host = &h;
	api.struct_size = (uint32_t)(offsetof(smb_host_api, fail) + sizeof api.fail);
	is_int(init ? init(&api, &info) : -1, SMB_PLUGIN_OK, "%s: init on a host whose table ends at fail", name);
}

/* Every metric placeholder in the details is among the rule's metrics, every
 * recommendation is an initiative of the plugin, every effect a metric of it. */
static void check_consistency(struct smb_host *h, const char *name, const char *srcdir, size_t want_unscored)
{
	size_t bad = 0, unscored = 0;

	for (size_t i = 0; i < h->nrules; i++) {
		const char *p = h->rules[i].detail;
		while ((p = strchr(p, '{'))) {
			size_t len = strcspn(p + 1, ":}");
			int found = 0;
			for (size_t j = 0; j < h->rules[i].nm; j++)
				found |= strlen(h->rules[i].metrics[j]) == len &&
				         strncmp(h->rules[i].metrics[j], p + 1, len) == 0;
			if (!found) {
				printf("# %s: placeholder %.*s is not among its metrics\n", h->rules[i].id, (int)len, p + 1);
				bad++;
			}
			p++;
		}
		for (size_t j = 0; j < h->rules[i].nrec; j++) {
			int found = 0;
			for (size_t k = 0; k < h->ninits; k++)
				found |= strcmp(h->inits[k].id, h->rules[i].rec[j]) == 0;
			if (!found) {
				printf("# %s recommends unknown %s\n", h->rules[i].id, h->rules[i].rec[j]);
				bad++;
			}
		}
	}
	is_int((long long)bad, 0, "%s: rule details and recommendations refer to what it registers", name);
	bad = 0;
	for (size_t i = 0; i < h->ninits; i++) {
		for (size_t j = 0; j < h->inits[i].ne; j++)
			bad += !find_metric(h, h->inits[i].effects[j]);
		bad += !(h->inits[i].conf > 0 && h->inits[i].conf <= 1) || h->inits[i].ne == 0;
	}
	is_int((long long)bad, 0, "%s: initiatives have effects on its metrics and a confidence in (0, 1]", name);
	for (size_t i = 0; i < h->nmetrics; i++)
		unscored += !h->metrics[i].has_gp;
	is_int((long long)unscored, (long long)want_unscored, "%s: every metric but %zu has default goalposts", name,
	       want_unscored);
	is_int((long long)h->gps_bad, 0, "%s: every goalposts entry has a source and sound values", name);

	/* no key is also declared by a default playbook */
	{
		static const char *const books[] = { "customer", "finance", "marketing", "operations", "technology" };
		size_t clash = 0;
		for (size_t b = 0; b < 5; b++) {
			char path[1024], line[1024];
			FILE *f;
			snprintf(path, sizeof path, "%s/scripts/%s.lua", srcdir, books[b]);
			if (!(f = fopen(path, "r")))
				continue;
			while (fgets(line, sizeof line, f))
				for (size_t i = 0; i < h->nmetrics; i++) {
					char decl[128];
					snprintf(decl, sizeof decl, "metric \"%s\"", h->metrics[i].key);
					if (strncmp(line, decl, strlen(decl)) == 0) {
						printf("# %s is also declared in scripts/%s.lua\n", h->metrics[i].key, books[b]);
						clash++;
					}
				}
			fclose(f);
		}
		is_int((long long)clash, 0, "%s: no metric key clashes with a playbook's", name);
	}
}

static void test_operations(struct smb_host *h, smb_ctx *c)
{
	static const char *const keys[] = {
		"operations.inventory_turnover", "operations.days_of_inventory", "operations.gmroi",
		"operations.dead_stock_pct", "operations.stockout_risk_pct", "operations.stockout_risk_a_pct",
		"operations.a_class_sku_share",
	};
	size_t i;

	is_int(h->kinds, 1, "operations: one dataset kind");
	is_int((long long)h->nkind_cols, 7, "inventory has 7 columns");
	is_str(h->kind_cols[6], "lead_time_days?", "lead_time_days is optional");
	is_int((long long)h->nmetrics, 7, "seven metrics");
	for (i = 0; i < 7; i++)
		ok(find_metric(h, keys[i]) && strcmp(find_metric(h, keys[i])->dataset, "inventory") == 0,
		   "%s registered over the inventory dataset", keys[i]);
	is_int((long long)h->nrules, 2, "two rules (stock speed and GMROI are the accounts' findings)");
	is_int((long long)h->ninits, 4, "four initiatives");

	/* 2026-Q3 of the demo bookshop-café */
	set_period(c, "2026-Q3", "2026-07-01", "2026-09-30");
	is_int(compute_all(h, c), 7, "2026-Q3: all seven metrics defined (%s)", c->error);
	{
		/* turnover worked independently of the plugin: COGS of Jul..Sep over
		 * the mean stock at cost of the month ends Jun..Sep, a year = x 4 */
		double cogs = 0, sales = 0, inv[4] = { 0, 0, 0, 0 }, avg;
		for (size_t r = 0; r < c->ninv; r++) {
			int m = month_of(c->inv[r][0]) - month_of("2026-06");
			double cost = atof(c->inv[r][4]);
			if (m < 0 || m > 3)
				continue;
			inv[m] += atof(c->inv[r][3]) * cost;
			if (m >= 1) {
				cogs += atof(c->inv[r][2]) * cost;
				sales += atof(c->inv[r][2]) * atof(c->inv[r][5]);
			}
		}
		avg = (inv[0] + inv[1] + inv[2] + inv[3]) / 4;
		is_num(value(c, "operations.inventory_turnover"), cogs / avg * 4, 1e-9,
		       "turnover = COGS / average stock x 4 = %.3f", cogs / avg * 4);
		is_num(value(c, "operations.days_of_inventory"), 92 / (cogs / avg), 1e-9,
		       "days of inventory = 92 / quarterly turns = %.1f", 92 / (cogs / avg));
		is_num(value(c, "operations.gmroi"), (sales - cogs) / avg * 4, 1e-9,
		       "GMROI = margin / average stock x 4 = %.3f", (sales - cogs) / avg * 4);
		is_num(model_value(c, "inventory.cogs"), cogs, 1e-6, "models.inventory.cogs");
		is_num(model_value(c, "inventory.avg_inventory_value"), avg, 1e-6, "models.inventory.avg_inventory_value");
	}
	/* the demo's figures (examples/demo/make-inventory.py shapes them so) */
	is_num(value(c, "operations.inventory_turnover"), 3.747, 0.001, "demo turnover 3.75 a year");
	is_num(value(c, "operations.dead_stock_pct"), 22.81, 0.01, "demo dead stock 22.8%%");
	is_num(value(c, "operations.stockout_risk_pct"), 12.5, 1e-9, "4 of 32 selling SKUs below reorder point");
	is_num(value(c, "operations.stockout_risk_a_pct"), 18.75, 1e-9, "3 of 16 A SKUs below reorder point");
	is_num(value(c, "operations.a_class_sku_share"), 16.0 / 39 * 100, 1e-9, "16 of 39 SKUs are A");
	is_num(model_value(c, "inventory.skus"), 39, 0, "models.inventory.skus 39");
	is_num(model_value(c, "inventory.a_count") + model_value(c, "inventory.b_count") +
	       model_value(c, "inventory.c_count"), 39, 0, "A + B + C = 39");
	is_num(model_value(c, "inventory.dead_stock_skus"), 9, 0, "nine dead SKUs");
	ok(model_value(c, "inventory.a_value_share") >= 80 && model_value(c, "inventory.a_value_share") < 85,
	   "class A carries 80-85%% of COGS (%.1f)", model_value(c, "inventory.a_value_share"));
	ok(model_value(c, "inventory.eoq_total_orders_per_year") > 0, "EOQ orders a year in the model (%.1f)",
	   model_value(c, "inventory.eoq_total_orders_per_year"));
	is_int(fires(h, c, "OPS-dead-stock"), 1, "OPS-dead-stock fires (22.8%% > 20%%)");
	is_int(fires(h, c, "OPS-stockout-risk"), 1, "OPS-stockout-risk fires (18.8%% of A > 10%%)");
	ok(!find_metric(h, "operations.gmroi")->has_gp && !find_metric(h, "operations.inventory_turnover")->has_gp &&
	   !find_metric(h, "operations.days_of_inventory")->has_gp, "the stock-file turnover, days and GMROI are not scored");

	/* a longer dead-stock window: the diary that stopped in March is no longer dead */
	set_period(c, "2026-Q3", "2026-07-01", "2026-09-30");
	c->settings[c->nsettings].name = "operations.dead_stock_months";
	c->settings[c->nsettings++].v = 7;
	compute_all(h, c);
	ok(value(c, "operations.dead_stock_pct") < 22.81, "7 dead months: less dead stock (%.2f%%)",
	   value(c, "operations.dead_stock_pct"));
	c->settings[0].v = 2.5;
	c->nderived = 0;
	is_int(find_metric(h, "operations.dead_stock_pct")->compute(the_api, c,
	       find_metric(h, "operations.dead_stock_pct")->ud, &(double){ 0 }), SMB_PLUGIN_ERROR,
	       "2.5 dead months is refused");
	ok(strstr(c->error, "operations.dead_stock_months") != NULL, "naming the setting: %s", c->error);

	/* the whole of 2026 is not covered (Oct..Dec missing): missing, not an error */
	set_period(c, "2026", "2026-01-01", "2026-12-31");
	is_int(compute_all(h, c), 0, "2026: no metric (the year is not covered)");
	is_str(c->error, "", "and no error");
	/* a quarter of 2025 */
	set_period(c, "2025-Q4", "2025-10-01", "2025-12-31");
	is_int(compute_all(h, c), 7, "2025-Q4: all seven");
	ok(value(c, "operations.dead_stock_pct") < 20, "before the diaries died: %.1f%% dead",
	   value(c, "operations.dead_stock_pct"));

	/* a row that is not monthly is an error naming the row */
	{
		char *saved = c->inv[0][0];
		c->inv[0][0] = "2024-Q4";
		set_period(c, "2026-Q3", "2026-07-01", "2026-09-30");
		double v;
		is_int(find_metric(h, "operations.gmroi")->compute(the_api, c, find_metric(h, "operations.gmroi")->ud, &v),
		       SMB_PLUGIN_ERROR, "a quarterly inventory row is an error");
		is_str(c->error, "inventory row 1: period '2024-Q4' is not a month; inventory rows are monthly (2026-09)",
		       "naming the row");
		c->inv[0][0] = saved;
	}
}

static void test_finance(struct smb_host *h, smb_ctx *c)
{
	is_int(h->kinds, 0, "finance: no dataset kind");
	is_int((long long)h->nmetrics, 3, "three metrics");
	ok(find_metric(h, "finance.cash_runway_forecast_months") && find_metric(h, "finance.revenue_forecast_6m") &&
	   find_metric(h, "finance.revenue_volatility_pct"), "runway, 6-month revenue and volatility registered");
	is_int((long long)h->nrules, 5, "five rules");
	is_int((long long)h->ninits, 4, "four initiatives");

	/* 2026-Q3: 24 months of history. Revenue's last year forecast the year
	 * after it better than the ETS selection did, so the outlook repeats
	 * last year's months scaled by the year-on-year growth; the demo repays
	 * 350 of debt a month and its operating cash flow runs a little below
	 * profit. Last year's October to January (operating cash flow -3408,
	 * +526, +4217, -6484, less 350 each) take the 7,928 of cash to about
	 * 4,200, 4,300, 8,200 and 1,400, and below zero in February: the
	 * Christmas peak delays the end, it does not avert it. */
	set_period(c, "2026-Q3", "2026-07-01", "2026-09-30");
	is_int(compute_all(h, c), 3, "2026-Q3: all three (%s)", c->error);
	is_num(value(c, "finance.cash_runway_forecast_months"), 4.18, 0.01, "cash lasts 4.18 months");
	is_num(model_value(c, "cash_outlook.runs_out_yyyymm"), 202702, 0, "runs out in February 2027");
	is_num(model_value(c, "cash_outlook.history_months"), 24, 0, "24 months of history");
	is_num(model_value(c, "cash_outlook.seasonal"), 1, 0, "seasonal");
	is_num(model_value(c, "cash_outlook.seasonal_naive"), 1, 0, "by seasonal naive with drift");
	is_num(model_value(c, "cash_outlook.financing_counted"), 1, 0, "debt repayments counted");
	is_num(model_value(c, "cash_outlook.debt_repayment_monthly"), 350, 1e-9, "350 a month, the debt's trend");
	is_num(model_value(c, "cash_outlook.runs_out"), 1, 0, "runs_out 1");
	is_num(model_value(c, "cash_outlook.month1_revenue") + model_value(c, "cash_outlook.month2_revenue") +
	       model_value(c, "cash_outlook.month3_revenue") + model_value(c, "cash_outlook.month4_revenue") +
	       model_value(c, "cash_outlook.month5_revenue") + model_value(c, "cash_outlook.month6_revenue"),
	       value(c, "finance.revenue_forecast_6m"), 1e-6, "the model's six months add up to the metric");
	is_num(value(c, "finance.revenue_forecast_6m"), 354245, 1, "six months' revenue forecast 354,245");
	ok(model_value(c, "cash_outlook.month3_revenue") > 1.3 * model_value(c, "cash_outlook.month1_revenue"),
	   "December forecast well above October (%.0f vs %.0f)", model_value(c, "cash_outlook.month3_revenue"),
	   model_value(c, "cash_outlook.month1_revenue"));
	is_num(model_value(c, "cash_outlook.month1_cash"),
	       value(c, "finance.cash") + model_value(c, "cash_outlook.month1_revenue") - model_value(c, "cash_outlook.month1_costs")
	       + model_value(c, "cash_outlook.cash_flow_gap_monthly") - 350, 1e-6,
	       "October's cash: 7,928 + revenue - costs + the usual cash-flow gap - 350 repaid");
	is_num(model_value(c, "cash_outlook.month1_cash"), 3966, 1, "cash at the end of October 3,966");
	is_num(value(c, "finance.revenue_volatility_pct"), 13.25, 0.01, "revenue CV of the last 12 months 13.25%%");
	is_int(fires(h, c, "FIN-cash-outlook"), 1, "FIN-cash-outlook fires");
	is_int(fires(h, c, "FIN-cash-outlook-watch"), 0, "not the watch");
	is_int(fires(h, c, "FIN-revenue-volatile"), 0, "nor FIN-revenue-volatile (13%%)");

	/* The two runways tell different stories: a finding says why. Cash /
	 * this period's burn (the finance playbook's metric) is set here. */
	{
		size_t k = c->nderived;
		snprintf(c->derived[k].key, 80, "finance.cash_runway_months");
		c->derived[k].v = 20;
		c->nderived++;
		is_int(fires(h, c, "FIN-runways-differ-ahead"), 1,
		       "20 months at this period's rate, 4.2 on the forecast: the 'weaker months ahead' finding");
		is_int(fires(h, c, "FIN-runways-differ"), 0, "not its reverse");
		c->derived[k].v = 3;
		for (size_t i = 0; i < c->nderived; i++)
			if (strcmp(c->derived[i].key, "finance.cash_runway_forecast_months") == 0)
				c->derived[i].v = INFINITY;
		is_int(fires(h, c, "FIN-runways-differ"), 1,
		       "3 months at this period's rate, no end on the forecast: the 'forecast recovers' finding");
		is_int(fires(h, c, "FIN-runways-differ-ahead"), 0, "not its reverse");
		is_int(fires(h, c, "FIN-cash-outlook"), 0, "a runway without end raises no outlook threat");
	}

	/* without seasonality the same history runs dry sooner, in December */
	set_period(c, "2026-Q3", "2026-07-01", "2026-09-30");
	c->settings[c->nsettings].name = "finance.outlook_seasonal";
	c->settings[c->nsettings++].v = 0;
	compute_all(h, c);
	is_num(value(c, "finance.cash_runway_forecast_months"), 2.33, 0.01, "non-seasonal: 2.33 months");
	is_num(model_value(c, "cash_outlook.runs_out_month_index"), 3, 0, "out in the 3rd month");
	is_num(model_value(c, "cash_outlook.runs_out_yyyymm"), 202612, 0, "that is December 2026");
	is_int(fires(h, c, "FIN-cash-outlook"), 1, "FIN-cash-outlook fires");

	/* 2026-Q2: 21 months, seasonal naive with drift */
	set_period(c, "2026-Q2", "2026-04-01", "2026-06-30");
	compute_all(h, c);
	is_num(model_value(c, "cash_outlook.history_months"), 21, 0, "2026-Q2: 21 months of history");
	is_num(model_value(c, "cash_outlook.seasonal_naive"), 1, 0, "seasonal naive with drift");
	is_num(value(c, "finance.cash_runway_forecast_months"), 2.86, 0.01, "runway 2.86 months");
	is_num(model_value(c, "cash_outlook.runs_out_yyyymm"), 202609, 0, "runs out in September 2026");
	is_int(fires(h, c, "FIN-cash-outlook"), 1, "FIN-cash-outlook fires for 2026-Q2");
	is_int(fires(h, c, "FIN-cash-outlook-watch"), 0, "the watch does not (it is within 6 months)");

	/* 2024-12: three months of history are too few */
	set_period(c, "2024-12", "2024-12-01", "2024-12-31");
	is_int(compute_all(h, c), 0, "2024-12: nothing (3 months of history)");
	is_str(c->error, "", "missing, not an error");
}

int main(void)
{
	const char *builddir = getenv("top_builddir"), *srcdir = getenv("top_srcdir");
	const char *dir = getenv("SMB_TEST_PLUGIN_DIR");
	char plugdir[1024];
	static smb_ctx ctx;
	static struct smb_host ops, fin;
	smb_host_api api = {
		SMB_PLUGIN_ABI_VERSION, sizeof(smb_host_api), NULL,
		add_kind, add_metric, add_goalposts, add_rule, add_initiative, add_solver, host_error,
		get, get_at, period, period_first, period_last, industry, setting, rows, cell, model, fail,
		NULL,   /* cycle: like a host that does not number its cycles */
	};
	smb_plugin_info info;
	void *dl_ops, *dl_fin;

	the_api = &api;
	snprintf(plugdir, sizeof plugdir, "%s", dir ? dir : builddir ? builddir : ".");
	if (!dir)
		strncat(plugdir, "/plugins/.libs", sizeof plugdir - strlen(plugdir) - 1);
	if (!srcdir)
		srcdir = ".";
	if (!ok(load_demo(&ctx, srcdir) == 0, "demo files read from %s/examples/demo", srcdir))
		return done_testing();
	is_int((long long)ctx.ninv, 924, "924 inventory rows");

	memset(&info, 0, sizeof info);
	if ((dl_ops = load_plugin(plugdir, "operations", &ops, &info))) {
		is_int(info.abi_version, SMB_PLUGIN_ABI_VERSION, "operations: ABI version");
		is_str(info.name, "operations", "operations: name");
		is_str(info.areas, "operations", "operations: area");
		/* the ABC share and the three stock-file figures (turnover, days, GMROI): the
		 * accounts' finance.dio_days and finance.gmroi are the scored ones */
		check_consistency(&ops, "operations", srcdir, 4);
		check_first_host(dl_ops, "operations");
		test_operations(&ops, &ctx);
	}
	memset(&info, 0, sizeof info);
	if ((dl_fin = load_plugin(plugdir, "finance", &fin, &info))) {
		is_str(info.name, "finance", "finance: name");
		is_str(info.areas, "finance", "finance: area");
		check_consistency(&fin, "finance", srcdir, 1);
		check_first_host(dl_fin, "finance");
		test_finance(&fin, &ctx);
	}
	if (dl_ops)
		dlclose(dl_ops);
	if (dl_fin)
		dlclose(dl_fin);
	for (size_t i = 0; i < nlines_kept; i++)
		free(lines_kept[i]);
	return done_testing();
}
