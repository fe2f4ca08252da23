/* core/store/kind.c — the table of dataset kinds and header detection. A header
 * matches a kind when every column is one of its columns, none repeats and
 * every required column is there; the kind must then be the only match. */
#include "kind.h"

#include "buf.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

const char *const smb_areas[5] = { "operations", "marketing", "finance", "customer", "technology" };

int smb_area_index(const char *area)
{
	for (int i = 0; i < 5; i++)
		if (strcmp(area, smb_areas[i]) == 0)
			return i;
	return -1;
}

int smb_metric_key_valid(const char *key)
{
	const char *dot = key ? strchr(key, '.') : NULL;
	char area[16];
	size_t alen, i;

	if (!dot || (alen = (size_t)(dot - key)) >= sizeof area || strlen(dot + 1) > 64 || !dot[1])
		return 0;
	memcpy(area, key, alen);
	area[alen] = '\0';
	if (smb_area_index(area) < 0)
		return 0;
	for (i = 1; dot[i]; i++)
		if (!(islower((unsigned char)dot[i]) || isdigit((unsigned char)dot[i]) || dot[i] == '_'))
			return 0;
	return 1;
}

const char *smb_coltype_name(smb_coltype t)
{
	switch (t) {
	case SMB_COL_TEXT: return "text";
	case SMB_COL_INTEGER: return "integer";
	case SMB_COL_REAL: return "number";
	case SMB_COL_DATE: return "date";
	case SMB_COL_PERIOD: return "period";
	}
	return "?";
}

int smb_kindset_add(smb_kindset *ks, const smb_kind_def *def, const char *origin, smb_err *e)
{
	smb_kind *nv, *k;
	size_t i;

	if (!def || !def->name || !*def->name || def->ncolumns == 0 || !def->columns)
		return smb_err_set(e, SMB_ECONFIG, "a dataset kind needs a name and columns");
	for (i = 0; def->name[i]; i++)
		if (!(islower((unsigned char)def->name[i]) || isdigit((unsigned char)def->name[i]) || def->name[i] == '-' || def->name[i] == '_'))
			return smb_err_set(e, SMB_ECONFIG, "dataset kind name '%s' must be lower-case letters, digits, '-' or '_'", def->name);
	for (i = 0; i < def->ncolumns; i++)
		if (!def->columns[i].name || !*def->columns[i].name || def->columns[i].type > SMB_COL_PERIOD)
			return smb_err_set(e, SMB_ECONFIG, "dataset kind '%s': column %zu has no name or a bad type", def->name, i + 1);
	if (smb_kindset_find(ks, def->name))
		return smb_err_set(e, SMB_ECONFIG, "dataset kind '%s' is already defined by %s", def->name,
		                   smb_kindset_find(ks, def->name)->origin);
	if (!(nv = realloc(ks->v, (ks->n + 1) * sizeof *nv)))
		return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	ks->v = nv;
	k = &ks->v[ks->n];
	memset(k, 0, sizeof *k);
	k->name = strdup(def->name);
	k->description = strdup(def->description ? def->description : "");
	k->origin = strdup(origin ? origin : "core");
	k->cols = calloc(def->ncolumns, sizeof *k->cols);
	if (!k->name || !k->description || !k->origin || !k->cols)
		goto oom;
	for (i = 0; i < def->ncolumns; i++) {
		const smb_column_def *c = &def->columns[i];
		if (!(k->cols[i].name = strdup(c->name)))
			goto oom;
		for (char *p = k->cols[i].name; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		k->cols[i].type = c->type;
		k->cols[i].required = c->required;
		k->ncols = i + 1;
	}
	ks->n++;
	return SMB_OK;
oom:
	for (i = 0; i < k->ncols; i++)
		free(k->cols[i].name);
	free(k->cols);
	free(k->name);
	free(k->description);
	free(k->origin);
	return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
}

int smb_kindset_init(smb_kindset *ks, smb_err *e)
{
	static const smb_column_def metrics[] = {
		{ "period", SMB_COL_PERIOD, 1 }, { "metric", SMB_COL_TEXT, 1 },
		{ "value", SMB_COL_REAL, 1 }, { "source", SMB_COL_TEXT, 0 },
	};
	static const smb_column_def answers[] = {
		{ "question", SMB_COL_TEXT, 1 }, { "answer", SMB_COL_TEXT, 1 }, { "note", SMB_COL_TEXT, 0 },
		/* the questionnaire's own columns, so a filled one imports as is */
		{ "text", SMB_COL_TEXT, 0 }, { "choices", SMB_COL_TEXT, 0 },
	};
	static const smb_kind_def core[] = {
		{ "metrics", "metric values: period,metric,value[,source] or period,<metric>,<metric>,...", metrics, 4 },
		{ "answers", "questionnaire answers: question,answer[,note][,text][,choices] (needs --period)", answers, 5 },
	};
	int rc;

	ks->v = NULL;
	ks->n = 0;
	for (size_t i = 0; i < sizeof core / sizeof core[0]; i++)
		if ((rc = smb_kindset_add(ks, &core[i], "core", e))) {
			smb_kindset_free(ks);
			return rc;
		}
	return SMB_OK;
}

const smb_kind *smb_kindset_find(const smb_kindset *ks, const char *name)
{
	for (size_t i = 0; i < ks->n; i++)
		if (strcmp(ks->v[i].name, name) == 0)
			return &ks->v[i];
	return NULL;
}

void smb_kindset_free(smb_kindset *ks)
{
	for (size_t i = 0; i < ks->n; i++) {
		smb_kind *k = &ks->v[i];
		for (size_t j = 0; j < k->ncols; j++)
			free(k->cols[j].name);
		free(k->cols);
		free(k->name);
		free(k->description);
		free(k->origin);
	}
	free(ks->v);
	ks->v = NULL;
	ks->n = 0;
}

static int column_of(const smb_kind *k, const char *name)
{
	for (size_t i = 0; i < k->ncols; i++)
		if (strcmp(k->cols[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Tries one kind; returns 0 on a match with map->col filled, else the file
 * column (1-based) that does not fit, or -(kind column+1) of a missing one. */
static long try_kind(const smb_kind *k, char *const *h, size_t n, int *col)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int c = column_of(k, h[i]);
		if (c < 0)
			return (long)i + 1;
		for (size_t j = 0; j < i; j++)
			if (col[j] == c)
				return (long)i + 1;
		col[i] = c;
	}
	for (size_t c = 0; c < k->ncols; c++) {
		if (!k->cols[c].required)
			continue;
		for (i = 0; i < n && col[i] != (int)c; i++)
			;
		if (i == n)
			return -(long)c - 1;
	}
	return 0;
}

static int column_of_header(char *const *h, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(h[i], name) == 0)
			return (int)i;
	return -1;
}

static int is_wide(char *const *h, size_t n)
{
	if (n < 2 || strcmp(h[0], "period") != 0)
		return 0;
	for (size_t i = 1; i < n; i++)
		if (!smb_metric_key_valid(h[i]))
			return 0;
	return 1;
}

int smb_kind_detect(const smb_kindset *ks, char *const *header, size_t n,
                    const char *forced, smb_header_map *map, size_t *badcol, smb_err *e)
{
	const smb_kind *found = NULL;
	int *col, *best = NULL;
	long why = 0;
	size_t i, j, matches = 0;

	memset(map, 0, sizeof *map);
	*badcol = 0;
	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			if (strcmp(header[i], header[j]) == 0) {
				*badcol = i;
				return smb_err_set(e, SMB_EDATA, "column '%s' appears twice (also column %zu)", header[i], j + 1);
			}
	if (!(col = calloc(n ? n : 1, sizeof *col)) || !(best = calloc(n ? n : 1, sizeof *best))) {
		free(col);
		return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	}
	if ((!forced || strcmp(forced, "metrics") == 0) && is_wide(header, n)) {
		found = smb_kindset_find(ks, "metrics");
		map->wide = 1;
		for (i = 0; i < n; i++)
			best[i] = i == 0 ? 0 : -1;
		matches = 1;
	}
	for (i = 0; !map->wide && i < ks->n; i++) {
		const smb_kind *k = &ks->v[i];
		long r;
		if (forced && strcmp(forced, k->name) != 0)
			continue;
		r = try_kind(k, header, n, col);
		if (r == 0) {
			matches++;
			found = k;
			memcpy(best, col, n * sizeof *col);
		} else if (forced) {
			why = r;
		}
	}
	free(col);
	if (forced && !smb_kindset_find(ks, forced)) {
		free(best);
		return smb_err_set(e, SMB_EUSAGE, "unknown dataset kind '%s' (see 'smbopt kinds')", forced);
	}
	if (matches == 1) {
		map->kind = found;
		map->ncols = n;
		map->col = best;
		return SMB_OK;
	}
	free(best);
	if (matches > 1)
		return smb_err_set(e, SMB_EDATA, "this header fits more than one dataset kind; name one with --kind");
	if (forced) {
		const smb_kind *k = smb_kindset_find(ks, forced);
		if (why > 0) {
			*badcol = (size_t)why - 1;
			return smb_err_set(e, SMB_EDATA, "column '%s' is not a column of kind %s (or repeats one)",
			                   header[*badcol], forced);
		}
		return smb_err_set(e, SMB_EDATA, "kind %s needs a column '%s'", forced, k->cols[-why - 1].name);
	}
	/* Compare with the kind that shares most columns with the header and
	 * point at the first column it does not have: that is what to fix. */
	{
		const smb_kind *best = NULL;
		size_t best_n = 0;
		for (j = 0; j < ks->n; j++) {
			size_t shared = 0;
			for (i = 0; i < n; i++)
				shared += column_of(&ks->v[j], header[i]) >= 0;
			if (shared > best_n) {
				best_n = shared;
				best = &ks->v[j];
			}
		}
		for (i = 0; best && i < n; i++)
			if (column_of(best, header[i]) < 0) {
				smb_buf cols;
				smb_buf_init(&cols);
				for (j = 0; j < best->ncols; j++)
					smb_buf_printf(&cols, "%s%s", j ? "," : "", best->cols[j].name);
				*badcol = i;
				smb_err_set(e, SMB_EDATA, "unknown column '%s': the closest dataset kind, %s, has columns %s (see 'smbopt kinds')",
				            header[i], best->name, smb_buf_str(&cols));
				smb_buf_free(&cols);
				return SMB_EDATA;
			}
		if (best) {
			for (j = 0; j < best->ncols; j++)
				if (best->cols[j].required && column_of_header(header, n, best->cols[j].name) < 0)
					return smb_err_set(e, SMB_EDATA, "the header looks like kind %s but lacks its required column '%s'",
					                   best->name, best->cols[j].name);
		}
		for (i = 0; i < n; i++)
			if (!smb_metric_key_valid(header[i])) {
				*badcol = i;
				return smb_err_set(e, SMB_EDATA, "unknown column '%s': the header fits no dataset kind (see 'smbopt kinds'; metric columns are area.name)",
				                   header[i]);
			}
	}
	return smb_err_set(e, SMB_EDATA, "the header fits no dataset kind (see 'smbopt kinds')");
}

void smb_header_map_free(smb_header_map *m)
{
	free(m->col);
	m->col = NULL;
}
