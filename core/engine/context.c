/* core/engine/context.c — what a computation can read of its cycle: metric values
 * of the period (and observed values of other periods), the client's
 * dataset rows up to the period's end, settings; and what it can write:
 * model outputs and an error message. */
#include "context.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "number.h"
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
 * once per cycle (core/store/dataset.c reads them). */
static smb_dataset *dataset(smb_cycle *cy, const char *kind)
{
	const smb_kind *k;
	smb_dataset *d, *nv;
	smb_err e;

	/* Called for every cell a plugin reads: the loaded ones come first. */
	for (size_t i = 0; i < cy->ndatasets; i++)
		if (strcmp(cy->datasets[i].kind, kind) == 0)
			return &cy->datasets[i];
	k = smb_kindset_find(&cy->reg->kinds, kind);
	if (!k || !(nv = realloc(cy->datasets, (cy->ndatasets + 1) * sizeof *nv)))
		return NULL;
	cy->datasets = nv;
	d = &cy->datasets[cy->ndatasets];
	smb_dataset_read(cy->s, k, cy->client.id, smb_period_last_day(&cy->period), d, &e);
	if (!d->kind) {
		smb_dataset_free(d);
		return NULL;
	}
	cy->ndatasets++;
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
	/* By name on every call: a plugin may pass the same buffer with another
	 * name in it, or a freed and reused string (a kind has few columns). */
	int j = smb_dataset_column(d, column);
	if (j < 0)
		return NULL;
	return d->cells[row * d->ncols + (size_t)j];
}

int smb_ctx_cell_number(smb_ctx *c, const char *kind, size_t row, const char *column, double *out)
{
	const char *text = smb_ctx_cell(c, kind, row, column);
	char why[128];
	size_t at;

	if (!text || !*text)
		return SMB_PLUGIN_MISSING;
	return smb_number_parse(text, 0, out, &at, why, sizeof why) ? SMB_PLUGIN_ERROR : SMB_PLUGIN_OK;
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
