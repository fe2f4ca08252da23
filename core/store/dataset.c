/* core/store/dataset.c — a client's rows of one dataset kind read back from the
 * workspace: one range of dataset_row's key (client, kind, import, line), so
 * they come in import order without a sort (schema migration 3). */
#include "dataset.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

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

int smb_dataset_read(smb_store *s, const smb_kind *k, const char *client, long last, smb_dataset *d, smb_err *e)
{
	sqlite3_stmt *st;
	size_t used = 0, cap = 0, ncells = 0;
	int rc, step;

	memset(d, 0, sizeof *d);
	d->def = k;
	d->ncols = k->ncols;
	if (!(d->kind = strdup(k->name))) {
		d->failed = 1;
		return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	}
	if (d->ncols == 0)            /* add_row writes at least one cell a row */
		return SMB_OK;
	if ((rc = smb_store_prepare(s,
	        "SELECT cells FROM dataset_row WHERE client_id = ?1 AND kind = ?2 AND (day IS NULL OR day <= ?3)"
	        " ORDER BY import_id, line", &st, e))) {
		d->failed = 1;
		return rc;
	}
	smb_bind_text(st, 1, client);
	smb_bind_text(st, 2, k->name);
	sqlite3_bind_int64(st, 3, last);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(st, 0);   /* NULL only when out of memory */
		if (!text || add_row(d, text, (size_t)sqlite3_column_bytes(st, 0), &used, &cap, &ncells))
			break;
	}
	if (step == SQLITE_ROW)
		rc = smb_err_set(e, SMB_ESOFTWARE, "out of memory reading the %s rows", k->name);
	else if (step != SQLITE_DONE)
		rc = smb_store_error(s, "reading dataset rows", e);
	sqlite3_finalize(st);
	/* Some rows are worse than none: a metric over them would be wrong. */
	if (rc) {
		d->failed = 1;
		d->nrows = 0;
	}
	return rc;
}

int smb_dataset_span(smb_store *s, const char *client, const char *kind, long first, long last, int undated,
                     long long *rows, long *lo, long *hi, smb_err *e)
{
	sqlite3_stmt *st;
	int rc;

	*rows = 0;
	*lo = *hi = -1;
	if ((rc = smb_store_prepare(s,
	        "SELECT count(*), min(day), max(day) FROM dataset_row WHERE client_id = ?1 AND (?2 IS NULL OR kind = ?2)"
	        " AND ((day >= ?3 AND day <= ?4) OR (?5 AND day IS NULL))", &st, e)))
		return rc;
	smb_bind_text(st, 1, client);
	smb_bind_text(st, 2, kind);
	sqlite3_bind_int64(st, 3, first);
	sqlite3_bind_int64(st, 4, last);
	sqlite3_bind_int(st, 5, undated);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*rows = sqlite3_column_int64(st, 0);
		if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
			*lo = (long)sqlite3_column_int64(st, 1);
			*hi = (long)sqlite3_column_int64(st, 2);
		}
	} else {
		rc = smb_store_error(s, "counting dataset rows", e);
	}
	sqlite3_finalize(st);
	return rc;
}

int smb_dataset_column(const smb_dataset *d, const char *name)
{
	for (size_t j = 0; d->def && j < d->ncols; j++)
		if (strcmp(d->def->cols[j].name, name) == 0)
			return (int)j;
	return -1;
}

void smb_dataset_free(smb_dataset *d)
{
	free(d->kind);
	free(d->cells);
	for (size_t k = 0; k < d->nchunks; k++)
		free(d->chunks[k]);
	free(d->chunks);
	memset(d, 0, sizeof *d);
}
