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

/* Loads the client's rows of a kind dated up to the period's last day,
 * once per cycle; rows keep import order. */
static smb_dataset *dataset(smb_cycle *cy, const char *kind)
{
	const smb_kind *k = smb_kindset_find(&cy->reg->kinds, kind);
	smb_dataset *d, *nv;
	sqlite3_stmt *st;
	smb_err e;
	size_t blob_len = 0, blob_cap = 0, cap = 0;
	size_t *offsets = NULL;
	long last;
	char why[64];

	for (size_t i = 0; i < cy->ndatasets; i++)
		if (strcmp(cy->datasets[i].kind, kind) == 0)
			return &cy->datasets[i];
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
	last = smb_period_last_day(&cy->period);
	(void)why;
	if (smb_store_prepare(cy->s,
	        "SELECT cells FROM dataset_row WHERE client_id = ?1 AND kind = ?2 AND (day IS NULL OR day <= ?3)"
	        " ORDER BY import_id, line", &st, &e))
		return d;
	smb_bind_text(st, 1, cy->client.id);
	smb_bind_text(st, 2, kind);
	sqlite3_bind_int64(st, 3, last);
	/* All cells go into one blob; offsets become pointers at the end, so
	 * growing the blob never leaves a pointer dangling. */
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		size_t len = (size_t)sqlite3_column_bytes(st, 0), col = 0;
		if (blob_len + len + 1 > blob_cap) {
			size_t ncap = (blob_cap ? blob_cap * 2 : 1 << 16) + len + 1;
			char *nb = realloc(d->blob, ncap);
			if (!nb)
				break;
			d->blob = nb;
			blob_cap = ncap;
		}
		if ((d->nrows + 1) * d->ncols > cap) {
			size_t ncap = cap ? cap * 2 : 64 * d->ncols;
			size_t *no = realloc(offsets, ncap * sizeof *no);
			if (!no)
				break;
			offsets = no;
			cap = ncap;
		}
		memcpy(d->blob + blob_len, t, len);
		d->blob[blob_len + len] = '\0';
		offsets[d->nrows * d->ncols] = blob_len;
		for (size_t i = 0; i < len && col + 1 < d->ncols; i++)
			if (d->blob[blob_len + i] == '\x1f') {
				d->blob[blob_len + i] = '\0';
				offsets[d->nrows * d->ncols + ++col] = blob_len + i + 1;
			}
		/* Cells past the last separator are empty. */
		while (++col < d->ncols)
			offsets[d->nrows * d->ncols + col] = blob_len + len;
		blob_len += len + 1;
		d->nrows++;
	}
	sqlite3_finalize(st);
	if (d->nrows && (d->cells = calloc(d->nrows * d->ncols, sizeof *d->cells)))
		for (size_t i = 0; i < d->nrows * d->ncols; i++)
			d->cells[i] = d->blob + offsets[i];
	else
		d->nrows = 0;
	free(offsets);
	return d;
}

size_t smb_ctx_rows(smb_ctx *c, const char *kind)
{
	smb_dataset *d = kind ? dataset(c->cy, kind) : NULL;
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
