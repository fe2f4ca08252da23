/* core/report/portfolio.c — the portfolio of one period, read from the
 * latest assessment of each client for it (withdrawn ones left out). Everything is computed from the
 * stored assessments, never re-run, so the book reads as each client was
 * told. */
#include "portfolio.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "period.h"

#define LATEST \
	"WITH latest AS (SELECT a.id, a.client_id, a.industry, a.overall FROM assessment a" \
	" WHERE a.period = ?1 AND (?2 IS NULL OR a.industry = ?2)" \
	" AND a.id = (SELECT max(b.id) FROM assessment b WHERE b.client_id = a.client_id AND b.period = a.period" \
	" AND b.id NOT IN (SELECT assessment_id FROM assessment_withdrawal))) "

double smb_quantile(const double *x, size_t n, double p)
{
	double h, lo;

	if (n == 0)
		return NAN;
	h = (double)(n - 1) * p;
	lo = floor(h);
	if ((size_t)lo + 1 >= n)
		return x[n - 1];
	return x[(size_t)lo] + (h - lo) * (x[(size_t)lo + 1] - x[(size_t)lo]);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* One value of one metric for one client. */
typedef struct value {
	char *metric, *label, *unit, *client, *industry;
	double v;
	int better;                  /* +1, -1, or 0 when the goalposts do not say */
} value;

typedef struct book {
	const char *period, *industry;
	value *v;                    /* sorted by metric, then value */
	size_t n;
	struct { char *client, *industry; long long id; double overall; } *c;
	size_t nc;
} book;

static char *dup_col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return strdup(t ? (const char *)t : "");
}

static int cmp_value(const void *a, const void *b)
{
	const value *x = a, *y = b;
	int c = strcmp(x->metric, y->metric);
	return c ? c : cmp_double(&x->v, &y->v);
}

static void book_free(book *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->v[i].metric);
		free(b->v[i].label);
		free(b->v[i].unit);
		free(b->v[i].client);
		free(b->v[i].industry);
	}
	free(b->v);
	for (size_t i = 0; i < b->nc; i++) {
		free(b->c[i].client);
		free(b->c[i].industry);
	}
	free(b->c);
}

static void bind_scope(sqlite3_stmt *st, const book *b)
{
	sqlite3_bind_text(st, 1, b->period, -1, SQLITE_STATIC);
	if (b->industry)
		sqlite3_bind_text(st, 2, b->industry, -1, SQLITE_STATIC);
}

static int load(smb_store *s, book *b, smb_err *e)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	if ((rc = smb_store_prepare(s, LATEST "SELECT client_id, industry, id, overall FROM latest ORDER BY client_id", &st, e)))
		return rc;
	bind_scope(st, b);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (b->nc == cap) {
			void *p = realloc(b->c, (cap = cap ? 2 * cap : 64) * sizeof *b->c);
			if (!p)
				break;
			b->c = p;
		}
		b->c[b->nc].client = dup_col(st, 0);
		b->c[b->nc].industry = dup_col(st, 1);
		b->c[b->nc].id = sqlite3_column_int64(st, 2);
		b->c[b->nc].overall = sqlite3_column_type(st, 3) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 3);
		b->nc++;
	}
	sqlite3_finalize(st);
	if ((rc = smb_store_prepare(s, LATEST "SELECT m.metric, coalesce(m.label, m.metric), coalesce(m.unit, ''),"
	                               " l.client_id, l.industry, m.value, m.worst, m.best FROM assessment_metric m"
	                               " JOIN latest l ON l.id = m.assessment_id WHERE m.value IS NOT NULL", &st, e)))
		return rc;
	bind_scope(st, b);
	cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (b->n == cap) {
			void *p = realloc(b->v, (cap = cap ? 2 * cap : 256) * sizeof *b->v);
			if (!p)
				break;
			b->v = p;
		}
		value *v = &b->v[b->n++];
		v->metric = dup_col(st, 0);
		v->label = dup_col(st, 1);
		v->unit = dup_col(st, 2);
		v->client = dup_col(st, 3);
		v->industry = dup_col(st, 4);
		v->v = sqlite3_column_double(st, 5);
		v->better = 0;
		if (sqlite3_column_type(st, 6) != SQLITE_NULL && sqlite3_column_type(st, 7) != SQLITE_NULL) {
			double w = sqlite3_column_double(st, 6), bst = sqlite3_column_double(st, 7);
			v->better = bst > w ? 1 : bst < w ? -1 : 0;
		}
	}
	sqlite3_finalize(st);
	qsort(b->v, b->n, sizeof *b->v, cmp_value);
	return SMB_OK;
}

static const double probs[] = { 0.10, 0.25, 0.50, 0.75, 0.90 };
static const char *const pnames[] = { "p10", "p25", "p50", "p75", "p90" };

/* The five percentiles of x[0..n) (sorted) into the JSON object. */
static void percentiles(smb_json *j, const double *x, size_t n)
{
	smb_json_key(j, "n");
	smb_json_integer(j, (long long)n);
	for (int k = 0; k < 5; k++) {
		smb_json_key(j, pnames[k]);
		smb_json_number(j, n >= SMB_PORTFOLIO_MIN_N ? smb_quantile(x, n, probs[k]) : NAN);
	}
}

/* Percentile rank of v among x[0..n) (sorted, v among them): the share of
 * the others that v beats, ties counting half. */
static double rank_of(const double *x, size_t n, double v, int better)
{
	size_t below = 0, equal = 0;
	for (size_t i = 0; i < n; i++) {
		if (x[i] < v)
			below++;
		else if (x[i] == v)
			equal++;
	}
	equal--;   /* v itself */
	if (n < 2)
		return NAN;
	double worse = better >= 0 ? (double)below : (double)(n - 1 - below - equal);
	return 100.0 * (worse + 0.5 * (double)equal) / (double)(n - 1);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The JSON document; text and Markdown are rendered from the same values. */
static int render_json(smb_store *s, const book *b, smb_json *j, smb_err *e)
{
	double *x = malloc((b->n + b->nc + 1) * sizeof *x);
	sqlite3_stmt *st;
	size_t nx = 0;
	int rc;

	if (!x)
		return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	smb_json_object_begin(j);
	smb_json_key(j, "schema_version");
	smb_json_integer(j, 1);
	smb_json_key(j, "period");
	smb_json_string(j, b->period);
	smb_json_key(j, "industry");
	smb_json_string(j, b->industry);
	smb_json_key(j, "clients_assessed");
	smb_json_integer(j, (long long)b->nc);
	smb_json_key(j, "min_clients");
	smb_json_integer(j, SMB_PORTFOLIO_MIN_N);
	/* overall */
	for (size_t i = 0; i < b->nc; i++)
		if (!isnan(b->c[i].overall))
			x[nx++] = b->c[i].overall;
	qsort(x, nx, sizeof *x, cmp_double);
	smb_json_key(j, "overall");
	smb_json_object_begin(j);
	percentiles(j, x, nx);
	smb_json_key(j, "min");
	smb_json_number(j, nx >= SMB_PORTFOLIO_MIN_N ? x[0] : NAN);
	smb_json_key(j, "max");
	smb_json_number(j, nx >= SMB_PORTFOLIO_MIN_N ? x[nx - 1] : NAN);
	smb_json_object_end(j);
	/* areas */
	smb_json_key(j, "areas");
	smb_json_array_begin(j);
	if ((rc = smb_store_prepare(s, LATEST "SELECT r.area, r.score FROM assessment_area r JOIN latest l ON l.id = r.assessment_id"
	                               " WHERE r.score IS NOT NULL ORDER BY r.area, r.score", &st, e)))
		goto out;
	bind_scope(st, b);
	{
		char area[32] = "";
		nx = 0;
		for (int more = 1; more;) {
			more = sqlite3_step(st) == SQLITE_ROW;
			const char *a = more ? (const char *)sqlite3_column_text(st, 0) : "";
			if (nx && (!more || strcmp(a, area) != 0)) {
				smb_json_object_begin(j);
				smb_json_key(j, "area");
				smb_json_string(j, area);
				percentiles(j, x, nx);
				smb_json_object_end(j);
				nx = 0;
			}
			if (more) {
				snprintf(area, sizeof area, "%s", a);
				x[nx++] = sqlite3_column_double(st, 1);
			}
		}
	}
	sqlite3_finalize(st);
	smb_json_array_end(j);
	/* metrics: b->v is sorted by metric then value */
	smb_json_key(j, "metrics");
	smb_json_array_begin(j);
	for (size_t i = 0, k; i < b->n; i = k) {
		for (k = i; k < b->n && strcmp(b->v[k].metric, b->v[i].metric) == 0; k++)
			x[k - i] = b->v[k].v;
		size_t n = k - i;
		if (n < SMB_PORTFOLIO_MIN_N)
			continue;
		smb_json_object_begin(j);
		smb_json_key(j, "metric");
		smb_json_string(j, b->v[i].metric);
		smb_json_key(j, "label");
		smb_json_string(j, b->v[i].label);
		smb_json_key(j, "unit");
		smb_json_string(j, b->v[i].unit);
		percentiles(j, x, n);
		/* by industry: the industries of this metric's values, sorted */
		char **inds = malloc(n * sizeof *inds);
		double *y = malloc(n * sizeof *y);
		smb_json_key(j, "by_industry");
		smb_json_array_begin(j);
		if (inds && y) {
			for (size_t t = 0; t < n; t++)
				inds[t] = b->v[i + t].industry;
			qsort(inds, n, sizeof *inds, cmp_str);
			for (size_t t = 0; t < n; t++) {
				if (t && strcmp(inds[t], inds[t - 1]) == 0)
					continue;
				size_t ny = 0;
				for (size_t u = i; u < k; u++)   /* still sorted by value */
					if (strcmp(b->v[u].industry, inds[t]) == 0)
						y[ny++] = b->v[u].v;
				if (ny < SMB_PORTFOLIO_MIN_N)
					continue;
				smb_json_object_begin(j);
				smb_json_key(j, "industry");
				smb_json_string(j, inds[t]);
				percentiles(j, y, ny);
				smb_json_object_end(j);
			}
		}
		smb_json_array_end(j);
		/* outliers: Tukey's fences */
		double q1 = smb_quantile(x, n, 0.25), q3 = smb_quantile(x, n, 0.75), lo = q1 - 1.5 * (q3 - q1),
		       hi = q3 + 1.5 * (q3 - q1);
		smb_json_key(j, "outliers");
		smb_json_array_begin(j);
		for (size_t u = i; u < k; u++)
			if (b->v[u].v < lo || b->v[u].v > hi) {
				smb_json_object_begin(j);
				smb_json_key(j, "client");
				smb_json_string(j, b->v[u].client);
				smb_json_key(j, "value");
				smb_json_number(j, b->v[u].v);
				smb_json_object_end(j);
			}
		smb_json_array_end(j);
		smb_json_object_end(j);
		free(inds);
		free(y);
	}
	smb_json_array_end(j);
	/* clients: percentile ranks on their metrics */
	smb_json_key(j, "clients");
	smb_json_array_begin(j);
	for (size_t c = 0; c < b->nc; c++) {
		smb_json_object_begin(j);
		smb_json_key(j, "client");
		smb_json_string(j, b->c[c].client);
		smb_json_key(j, "industry");
		smb_json_string(j, b->c[c].industry);
		smb_json_key(j, "assessment");
		smb_json_integer(j, b->c[c].id);
		smb_json_key(j, "overall");
		smb_json_number(j, b->c[c].overall);
		smb_json_key(j, "ranks");
		smb_json_object_begin(j);
		for (size_t i = 0, k; i < b->n; i = k) {
			const value *mine = NULL;
			for (k = i; k < b->n && strcmp(b->v[k].metric, b->v[i].metric) == 0; k++) {
				x[k - i] = b->v[k].v;
				if (strcmp(b->v[k].client, b->c[c].client) == 0)
					mine = &b->v[k];
			}
			if (!mine || k - i < SMB_PORTFOLIO_MIN_N)
				continue;
			smb_json_key(j, mine->metric);
			smb_json_number(j, rank_of(x, k - i, mine->v, mine->better));
		}
		smb_json_object_end(j);
		smb_json_object_end(j);
	}
	smb_json_array_end(j);
	/* findings and initiatives raised most often */
	smb_json_key(j, "findings");
	smb_json_array_begin(j);
	if ((rc = smb_store_prepare(s, LATEST "SELECT f.rule_id, min(f.title), min(f.kind), min(f.severity), count(*) AS n"
	                               " FROM assessment_finding f JOIN latest l ON l.id = f.assessment_id"
	                               " GROUP BY f.rule_id ORDER BY n DESC, f.rule_id LIMIT 20", &st, e)))
		goto out;
	bind_scope(st, b);
	while (sqlite3_step(st) == SQLITE_ROW) {
		static const char *const keys[] = { "rule", "title", "kind", "severity" };
		smb_json_object_begin(j);
		for (int k = 0; k < 4; k++) {
			smb_json_key(j, keys[k]);
			smb_json_string(j, (const char *)sqlite3_column_text(st, k));
		}
		smb_json_key(j, "count");
		smb_json_integer(j, sqlite3_column_int64(st, 4));
		smb_json_object_end(j);
	}
	sqlite3_finalize(st);
	smb_json_array_end(j);
	smb_json_key(j, "initiatives");
	smb_json_array_begin(j);
	/* calibration: realised / expected effects recorded by reviews, all clients */
	sqlite3_stmt *cal;
	if ((rc = smb_store_prepare(s, "SELECT ratio FROM calibration WHERE initiative_id = ?1 AND ratio IS NOT NULL"
	                               " ORDER BY ratio", &cal, e)))
		goto out;
	if ((rc = smb_store_prepare(s, LATEST "SELECT r.initiative_id, min(r.title), count(*) AS n"
	                               " FROM assessment_recommendation r JOIN latest l ON l.id = r.assessment_id"
	                               " GROUP BY r.initiative_id ORDER BY n DESC, r.initiative_id LIMIT 20", &st, e))) {
		sqlite3_finalize(cal);
		goto out;
	}
	bind_scope(st, b);
	while (sqlite3_step(st) == SQLITE_ROW) {
		smb_json_object_begin(j);
		smb_json_key(j, "initiative");
		smb_json_string(j, (const char *)sqlite3_column_text(st, 0));
		smb_json_key(j, "title");
		smb_json_string(j, (const char *)sqlite3_column_text(st, 1));
		smb_json_key(j, "count");
		smb_json_integer(j, sqlite3_column_int64(st, 2));
		nx = 0;
		sqlite3_reset(cal);
		sqlite3_bind_text(cal, 1, (const char *)sqlite3_column_text(st, 0), -1, SQLITE_TRANSIENT);
		while (sqlite3_step(cal) == SQLITE_ROW && nx < b->n + b->nc)
			x[nx++] = sqlite3_column_double(cal, 0);
		smb_json_key(j, "calibration");
		smb_json_object_begin(j);
		smb_json_key(j, "adoptions");
		smb_json_integer(j, (long long)nx);
		smb_json_key(j, "median_ratio");
		smb_json_number(j, nx ? smb_quantile(x, nx, 0.5) : NAN);
		smb_json_object_end(j);
		smb_json_object_end(j);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(cal);
	smb_json_array_end(j);
	smb_json_object_end(j);
	rc = SMB_OK;
out:
	free(x);
	return rc;
}

/* Text and Markdown: the same figures as the JSON document, as tables of
 * percentiles; the per-client ranks are in the JSON only (a row per client
 * and a column per metric does not fit a page). */
static void row_cells(smb_buf *o, int md, const char *const *cells, size_t n, const int *width)
{
	for (size_t k = 0; k < n; k++) {
		if (md)
			smb_buf_printf(o, "| %s ", cells[k]);
		else
			smb_buf_printf(o, k ? "  %*s" : "%-*s", width[k], cells[k]);
	}
	smb_buf_puts(o, md ? "|\n" : "\n");
}

static void header(smb_buf *o, int md, const char *const *cells, size_t n, const int *width)
{
	row_cells(o, md, cells, n, width);
	if (md) {
		for (size_t k = 0; k < n; k++)
			smb_buf_puts(o, k ? "---:|" : "|---|");
		smb_buf_puts(o, "\n");
	}
}

static void stat_row(smb_buf *o, int md, const char *name, const double *x, size_t n, const int *width)
{
	char cells[7][64];
	const char *c[7];
	snprintf(cells[0], sizeof cells[0], "%s", name);
	snprintf(cells[1], sizeof cells[1], "%zu", n);
	for (int k = 0; k < 5; k++)
		snprintf(cells[2 + k], sizeof cells[0], n >= SMB_PORTFOLIO_MIN_N ? "%.2f" : "-", smb_quantile(x, n, probs[k]));
	for (int k = 0; k < 7; k++)
		c[k] = cells[k];
	row_cells(o, md, c, 7, width);
}

static int render_text(smb_store *s, const book *b, int md, smb_buf *o, smb_err *e)
{
	static const char *const head[] = { "", "n", "p10", "p25", "median", "p75", "p90" };
	static const int w[] = { 44, 5, 10, 10, 10, 10, 10 };
	double *x = malloc((b->n + b->nc + 1) * sizeof *x);
	sqlite3_stmt *st;
	size_t nx = 0;
	int rc;

	if (!x)
		return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	smb_buf_printf(o, md ? "# Portfolio %s%s%s\n\n%zu clients assessed. Percentiles only where at least %d clients "
	                       "have a value.\n\n" : "Portfolio %s%s%s: %zu clients assessed (percentiles only where "
	                       "at least %d clients have a value)\n\n", b->period, b->industry ? ", " : "",
	               b->industry ? b->industry : "", b->nc, SMB_PORTFOLIO_MIN_N);
	smb_buf_puts(o, md ? "## Scores\n\n" : "Scores\n");
	header(o, md, head, 7, w);
	for (size_t i = 0; i < b->nc; i++)
		if (!isnan(b->c[i].overall))
			x[nx++] = b->c[i].overall;
	qsort(x, nx, sizeof *x, cmp_double);
	stat_row(o, md, "overall", x, nx, w);
	if ((rc = smb_store_prepare(s, LATEST "SELECT r.area, r.score FROM assessment_area r JOIN latest l ON l.id = r.assessment_id"
	                               " WHERE r.score IS NOT NULL ORDER BY r.area, r.score", &st, e)))
		goto out;
	bind_scope(st, b);
	{
		char area[32] = "";
		nx = 0;
		for (int more = 1; more;) {
			more = sqlite3_step(st) == SQLITE_ROW;
			const char *a = more ? (const char *)sqlite3_column_text(st, 0) : "";
			if (nx && (!more || strcmp(a, area) != 0)) {
				stat_row(o, md, area, x, nx, w);
				nx = 0;
			}
			if (more) {
				snprintf(area, sizeof area, "%s", a);
				x[nx++] = sqlite3_column_double(st, 1);
			}
		}
	}
	sqlite3_finalize(st);
	smb_buf_puts(o, md ? "\n## Metrics\n\n" : "\nMetrics\n");
	header(o, md, head, 7, w);
	for (size_t i = 0, k; i < b->n; i = k) {
		char name[300];
		for (k = i; k < b->n && strcmp(b->v[k].metric, b->v[i].metric) == 0; k++)
			x[k - i] = b->v[k].v;
		if (k - i < SMB_PORTFOLIO_MIN_N)
			continue;
		snprintf(name, sizeof name, "%.40s%s", b->v[i].label, strlen(b->v[i].label) > 40 ? "…" : "");
		stat_row(o, md, name, x, k - i, w);
	}
	smb_buf_puts(o, md ? "\n## Findings raised most often\n\n" : "\nFindings raised most often\n");
	if ((rc = smb_store_prepare(s, LATEST "SELECT count(*) AS n, f.rule_id, min(f.title)"
	                               " FROM assessment_finding f JOIN latest l ON l.id = f.assessment_id"
	                               " GROUP BY f.rule_id ORDER BY n DESC, f.rule_id LIMIT 10", &st, e)))
		goto out;
	bind_scope(st, b);
	while (sqlite3_step(st) == SQLITE_ROW)
		smb_buf_printf(o, md ? "- %lld × %s: %s\n" : "  %4lld  %-24s %s\n", sqlite3_column_int64(st, 0),
		               (const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 2));
	sqlite3_finalize(st);
	smb_buf_puts(o, md ? "\n## Initiatives recommended most often\n\n" : "\nInitiatives recommended most often\n");
	if ((rc = smb_store_prepare(s, LATEST "SELECT count(*) AS n, r.initiative_id, min(r.title)"
	                               " FROM assessment_recommendation r JOIN latest l ON l.id = r.assessment_id"
	                               " GROUP BY r.initiative_id ORDER BY n DESC, r.initiative_id LIMIT 10", &st, e)))
		goto out;
	bind_scope(st, b);
	while (sqlite3_step(st) == SQLITE_ROW)
		smb_buf_printf(o, md ? "- %lld × %s: %s\n" : "  %4lld  %-24s %s\n", sqlite3_column_int64(st, 0),
		               (const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 2));
	sqlite3_finalize(st);
	rc = SMB_OK;
out:
	free(x);
	return rc;
}

int smb_portfolio_render(smb_store *s, const char *period, const char *industry, const char *fmt, smb_buf *out,
                         smb_err *e)
{
	char text[SMB_PERIOD_TEXT], why[128];
	smb_period p;
	book b;
	smb_json j;
	int rc;

	if (smb_period_parse(period, &p, why, sizeof why))
		return smb_err_set(e, SMB_EUSAGE, "--period %s: %s", period, why);
	smb_period_format(&p, text);
	memset(&b, 0, sizeof b);
	b.period = text;
	b.industry = industry;
	if ((rc = load(s, &b, e)))
		goto done;
	if (b.nc == 0) {
		rc = smb_err_set(e, SMB_ENOINPUT, "no client has an assessment for %s%s%s (run 'smbopt assess --all "
		                 "--period %s')", text, industry ? " in industry " : "", industry ? industry : "", text);
		goto done;
	}
	if (strcmp(fmt, "json") == 0) {
		smb_json_init(&j, out, 1);
		rc = render_json(s, &b, &j, e);
		smb_buf_puts(out, "\n");
	} else {
		rc = render_text(s, &b, strcmp(fmt, "md") == 0, out, e);
	}
done:
	book_free(&b);
	return rc;
}
