/* core/context.c — what a computation can read of its cycle: metric values
 * of the period (and observed values of other periods), the client's
 * dataset rows up to the period's end, settings; and what it can write:
 * model outputs and an error message. */
#include "context.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cycle.h"

int smb_ctx_get(smb_ctx *c, const char *key, double *out)
{
	smb_cycle *cy = c->cy;
	const smb_metric *m = smb_registry_metric(cy->reg, key);

	if (m) {
		double v = cy->value[m - cy->reg->metrics];
		if (isnan(v))
			return SMB_PLUGIN_MISSING;
		*out = v;
		return SMB_PLUGIN_OK;
	}
	return smb_cycle_value_at(cy, key, &cy->period, out) == 0 ? SMB_PLUGIN_OK : SMB_PLUGIN_MISSING;
}

int smb_ctx_get_at(smb_ctx *c, const char *key, const char *period, double *out)
{
	smb_period p;

	if (!period || smb_period_parse(period, &p, NULL, 0))
		return SMB_PLUGIN_MISSING;
	if (smb_period_compare(&p, &c->cy->period) == 0)
		return smb_ctx_get(c, key, out);
	return smb_cycle_value_at(c->cy, key, &p, out) == 0 ? SMB_PLUGIN_OK : SMB_PLUGIN_MISSING;
}

const char *smb_ctx_period(smb_ctx *c)
{
	return c->cy->period_text;
}

const char *smb_ctx_period_first(smb_ctx *c)
{
	return c->cy->first;
}

const char *smb_ctx_period_last(smb_ctx *c)
{
	return c->cy->last;
}

const char *smb_ctx_industry(smb_ctx *c)
{
	return c->cy->industry;
}

double smb_ctx_setting(smb_ctx *c, const char *name, double fallback)
{
	const smb_cycle_opts *o = c->cy->o;

	for (size_t i = o->nsettings; name && i-- > 0;)
		if (strcmp(o->settings[i].name, name) == 0)
			return o->settings[i].value;
	return fallback;
}

/* Appends one stored row (cells joined by \x1f) to d. Cells go into chunks
 * that never move, so the pointers of earlier rows stay valid; only the
 * pointer array grows. Returns 0, or -1 when memory ran out. */
static int add_row(smb_dataset *d, const char *text, size_t len, size_t *used, size_t *cap, size_t *ncells)
{
	char *p, **row;
	size_t col = 0;

	if (*used + len + 1 > *cap) {
		size_t size = len + 1 > SMB_DATASET_CHUNK ? len + 1 : SMB_DATASET_CHUNK;
		char **nc = realloc(d->chunks, (d->nchunks + 1) * sizeof *nc);
		if (!nc)
			return -1;
		d->chunks = nc;
		if (!(nc[d->nchunks] = malloc(size)))
			return -1;
		d->nchunks++;
		*used = 0;
		*cap = size;
	}
	if ((d->nrows + 1) * d->ncols > *ncells) {
		size_t n = *ncells ? *ncells * 2 : 1024 * d->ncols;
		char **nv = realloc(d->cells, n * sizeof *nv);
		if (!nv)
			return -1;
		d->cells = nv;
		*ncells = n;
	}
	p = d->chunks[d->nchunks - 1] + *used;
	memcpy(p, text, len);
	p[len] = '\0';
	row = d->cells + d->nrows * d->ncols;
	row[0] = p;
	for (size_t i = 0; i < len && col + 1 < d->ncols; i++)
		if (p[i] == '\x1f') {
			p[i] = '\0';
			row[++col] = p + i + 1;
		}
	while (++col < d->ncols)      /* cells past the last separator are empty */
		row[col] = p + len;
	*used += len + 1;
	d->nrows++;
	return 0;
}

/* Loads the client's rows of a kind dated up to the period's last day,
 * once per cycle; rows keep import order, which is the order of the
 * table's key (schema migration 3), so the read is one range, unsorted. */
static smb_dataset *dataset(smb_cycle *cy, const char *kind)
{
	const smb_kind *k;
	smb_dataset *d, *nv;
	sqlite3_stmt *st;
	smb_err e;
	size_t used = 0, cap = 0, ncells = 0;
	int step;

	/* Called for every cell a plugin reads: the loaded ones come first. */
	for (size_t i = 0; i < cy->ndatasets; i++)
		if (strcmp(cy->datasets[i].kind, kind) == 0)
			return &cy->datasets[i];
	k = smb_kindset_find(&cy->reg->kinds, kind);
	if (!k || !(nv = realloc(cy->datasets, (cy->ndatasets + 1) * sizeof *nv)))
		return NULL;
	cy->datasets = nv;
	d = &cy->datasets[cy->ndatasets];
	memset(d, 0, sizeof *d);
	if (!(d->kind = strdup(kind)))
		return NULL;
	d->def = k;
	d->ncols = k->ncols;
	cy->ndatasets++;
	if (d->ncols == 0)            /* add_row writes at least one cell a row */
		return d;
	if (smb_store_prepare(cy->s,
	        "SELECT cells FROM dataset_row WHERE client_id = ?1 AND kind = ?2 AND (day IS NULL OR day <= ?3)"
	        " ORDER BY import_id, line", &st, &e)) {
		d->failed = 1;
		return d;
	}
	smb_bind_text(st, 1, cy->client.id);
	smb_bind_text(st, 2, kind);
	sqlite3_bind_int64(st, 3, smb_period_last_day(&cy->period));
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(st, 0);   /* NULL only when out of memory */
		if (!text || add_row(d, text, (size_t)sqlite3_column_bytes(st, 0), &used, &cap, &ncells))
			break;
	}
	sqlite3_finalize(st);
	/* Some rows are worse than none: a metric over them would be wrong. */
	if (step != SQLITE_DONE) {
		d->failed = 1;
		d->nrows = 0;
	}
	return d;
}

size_t smb_ctx_rows(smb_ctx *c, const char *kind)
{
	smb_dataset *d = kind ? dataset(c->cy, kind) : NULL;

	if (d && d->failed) {
		smb_ctx_fail(c, "the %s rows could not be read (out of memory or a damaged workspace)", kind);
		return 0;
	}
	return d ? d->nrows : 0;
}

const char *smb_ctx_cell(smb_ctx *c, const char *kind, size_t row, const char *column)
{
	smb_dataset *d = kind ? dataset(c->cy, kind) : NULL;

	if (!d || row >= d->nrows || !column)
		return NULL;
	/* Plugins read column after column of every row: remember where the
	 * last few names were found, by pointer first (plugins pass literals). */
	for (size_t k = 0; k < SMB_DATASET_COLCACHE; k++)
		if (d->cache_name[k] == column)
			return d->cells[row * d->ncols + d->cache_col[k]];
	for (size_t j = 0; j < d->ncols; j++)
		if (strcmp(d->def->cols[j].name, column) == 0) {
			d->cache_name[d->cache_next] = column;
			d->cache_col[d->cache_next] = j;
			d->cache_next = (d->cache_next + 1) % SMB_DATASET_COLCACHE;
			return d->cells[row * d->ncols + j];
		}
	return NULL;
}

int smb_ctx_model(smb_ctx *c, const char *model, const char *field, double value)
{
	if (!model || !field || !isfinite(value))
		return smb_ctx_fail(c, "model output %s.%s must be a finite number", model ? model : "?", field ? field : "?");
	return smb_assessment_set_model(c->cy->a, model, field, value) ? SMB_PLUGIN_ERROR : SMB_PLUGIN_OK;
}

int smb_ctx_fail(smb_ctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->message, sizeof c->message, fmt, ap);
	va_end(ap);
	return SMB_PLUGIN_ERROR;
}

unsigned long long smb_ctx_cycle(smb_ctx *c)
{
	return c->cy->id;
}

int smb_ctx_keep(smb_ctx *c, const char *key, void *data, void (*release)(void *data))
{
	smb_cycle *cy = c->cy;
	smb_kept *nv;
	char *k;

	if (!key || smb_ctx_kept(c, key) || !(k = strdup(key))) {
		if (release)
			release(data);
		return smb_ctx_fail(c, "keep %s: %s", key ? key : "(no key)", key ? "the key is taken or memory ran out" : "a key is required");
	}
	if (!(nv = realloc(cy->kept, (cy->nkept + 1) * sizeof *nv))) {
		free(k);
		if (release)
			release(data);
		return smb_ctx_fail(c, "keep %s: out of memory", key);
	}
	cy->kept = nv;
	nv[cy->nkept].key = k;
	nv[cy->nkept].data = data;
	nv[cy->nkept].release = release;
	cy->nkept++;
	return SMB_PLUGIN_OK;
}

void *smb_ctx_kept(smb_ctx *c, const char *key)
{
	smb_cycle *cy = c->cy;

	for (size_t i = 0; key && i < cy->nkept; i++)
		if (strcmp(cy->kept[i].key, key) == 0)
			return cy->kept[i].data;
	return NULL;
}
