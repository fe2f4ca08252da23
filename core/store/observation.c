/* core/store/observation.c — reading observations back. Ordering by first day
 * (not text) keeps 2026 before 2026-01 before 2026-Q1 as people expect. */
#include "observation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "period.h"

static int by_metric_period(const void *a, const void *b)
{
	const smb_observation *x = a, *y = b;
	smb_period p, q;
	int c = strcmp(x->metric, y->metric);

	if (c)
		return c;
	smb_period_parse(x->period, &p, NULL, 0);
	smb_period_parse(y->period, &q, NULL, 0);
	return smb_period_compare(&p, &q);
}

int smb_observations_list(smb_store *s, const char *client, const char *period,
                          smb_observation **out, size_t *n, smb_err *e)
{
	sqlite3_stmt *st;
	smb_observation *v = NULL;
	smb_period want, p;
	size_t len = 0, cap = 0;
	char why[256];
	int rc, step;

	*out = NULL;
	*n = 0;
	if (period && smb_period_parse(period, &want, why, sizeof why))
		return smb_err_set(e, SMB_EUSAGE, "--period '%s': %s", period, why);
	if ((rc = smb_store_prepare(s,
	        "SELECT period, metric, value, source, import_id, note FROM observation WHERE client_id = ?1",
	        &st, e)))
		return rc;
	smb_bind_text(st, 1, client);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *pt = (const char *)sqlite3_column_text(st, 0);
		smb_observation *o;
		if (smb_period_parse(pt, &p, NULL, 0))
			continue;   /* the importer never writes one; skip rather than fail */
		if (period && !smb_period_contains(&want, &p))
			continue;
		if (len == cap) {
			smb_observation *nv = realloc(v, (cap = cap ? 2 * cap : 64) * sizeof *v);
			if (!nv)
				break;
			v = nv;
		}
		o = &v[len];
		memset(o, 0, sizeof *o);
		snprintf(o->period, sizeof o->period, "%s", pt);
		o->metric = strdup((const char *)sqlite3_column_text(st, 1));
		o->value = sqlite3_column_double(st, 2);
		o->source = strdup((const char *)sqlite3_column_text(st, 3));
		o->import_id = sqlite3_column_int64(st, 4);
		if (sqlite3_column_type(st, 5) != SQLITE_NULL)
			o->note = strdup((const char *)sqlite3_column_text(st, 5));
		len++;
		if (!o->metric || !o->source)
			break;
	}
	if (step == SQLITE_ROW)
		rc = smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	else if (step != SQLITE_DONE)
		rc = smb_store_error(s, "reading observations", e);
	sqlite3_finalize(st);
	if (rc) {
		smb_observations_free(v, len);
		return rc;
	}
	if (len > 1)
		qsort(v, len, sizeof *v, by_metric_period);
	*out = v;
	*n = len;
	return SMB_OK;
}

void smb_observations_free(smb_observation *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].metric);
		free(v[i].source);
		free(v[i].note);
	}
	free(v);
}
