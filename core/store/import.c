/* core/store/import.c — the importer: header → kind, every row validated and
 * written inside one write transaction that commits only when the file is
 * good (or with --skip-bad, its good rows). Memory stays flat: rows stream
 * from the CSV reader straight into prepared statements. */
#include "import.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "date.h"
#include "escape.h"
#include "infile.h"
#include "number.h"
#include "outfile.h"
#include "period.h"
#include "sha256.h"

/* Cells of a dataset row are stored joined by this byte, which CSV text
 * never holds unescaped in practice and which the reader refuses below. */
#define SMB_CELL_SEP '\x1f'

typedef struct importer {
	smb_store *s;
	const smb_import_opts *o;
	smb_import_report *r;
	smb_csv *csv;
	smb_header_map map;
	char **header;
	size_t nheader;
	int decimal_comma;
	long long import_id;
	sqlite3_stmt *obs;           /* insert of one observation */
	sqlite3_stmt *obs_update;    /* its replacement of an earlier import's value */
	sqlite3_stmt *row;           /* insert of one dataset row */
	FILE *rejects;               /* rejects_out.f, or NULL without --skip-bad */
	smb_outfile rejects_out;
	smb_buf cells;
	smb_buf reason;              /* why the current row is bad */
	long reason_col;
	const char *name;          /* o->name, else o->path */
	long long *replaced;         /* ids of the earlier imports --replace removes */
	size_t nreplaced;
	smb_metric_facts *col_facts; /* wide files: per header column */
	smb_metric_facts last;       /* long files: the facts of last_key */
	char last_key[128];
} importer;

static const char *const sources[] = { "measured", "estimated", "self-reported", "imputed" };

static void note_error(importer *im, long line, long col, const char *msg)
{
	int max = im->o->max_errors > 0 ? im->o->max_errors : 20;

	im->r->nerrors++;
	/* msg quotes cells of the file: escaped, so that a cell's ESC or
	 * newline reaches the terminal as text, not as a control or a line */
	if (im->r->nerrors <= max) {
		smb_escape_text(&im->r->errors, im->name);
		smb_buf_printf(&im->r->errors, ":%ld:%ld: ", line, col);
		smb_escape_text(&im->r->errors, msg);
		smb_buf_putc(&im->r->errors, '\n');
	}
}

/* Remembers the first problem of the current row. */
static int bad(importer *im, const smb_csv_field *f, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int bad(importer *im, const smb_csv_field *f, const char *fmt, ...)
{
	va_list ap;

	if (im->reason.len)
		return -1;
	va_start(ap, fmt);
	smb_buf_vprintf(&im->reason, fmt, ap);
	va_end(ap);
	im->reason_col = f ? f->column : 1;
	return -1;
}

static int parse_value(importer *im, const smb_csv_field *f, double *v)
{
	char why[256];
	size_t at = 0;

	if (smb_number_parse(f->text, im->decimal_comma, v, &at, why, sizeof why) == 0)
		return 0;
	bad(im, f, "value '%.40s' is not a number: %s", f->text, why);
	/* Point at the bad character itself, inside the quotes if any. */
	im->reason_col = f->column + (f->quoted ? 1 : 0) + (long)at;
	return -1;
}

static int check_source(importer *im, const smb_csv_field *f, const char **src)
{
	if (!f || f->len == 0) {
		*src = "measured";
		return 0;
	}
	for (size_t i = 0; i < 4; i++)
		if (strcmp(f->text, sources[i]) == 0) {
			*src = sources[i];
			return 0;
		}
	return bad(im, f, "source '%.40s' must be measured, estimated, self-reported or imputed", f->text);
}

static void note_warning(importer *im, long line, long col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void note_warning(importer *im, long line, long col, const char *fmt, ...)
{
	va_list ap;

	if (im->r->unknown + im->r->implausible > 20)
		return;   /* the counts say the rest */
	smb_buf_printf(&im->r->warnings, "%s:%ld:%ld: warning: ", im->o->path, line, col);
	va_start(ap, fmt);
	smb_buf_vprintf(&im->r->warnings, fmt, ap);
	va_end(ap);
	smb_buf_putc(&im->r->warnings, '\n');
}

/* A key no loaded plugin or playbook declares is refused (a typo would be
 * stored and never read), unless --allow-unknown; then it is kept with a
 * warning for a playbook that will declare it. */
static int check_known(importer *im, const smb_csv_field *f, const char *key, const smb_metric_facts *mf, long line)
{
	if (mf->known)
		return 0;
	if (!im->o->allow_unknown)
		return bad(im, f, "unknown metric '%.60s'%s%s%s; no loaded plugin or playbook declares it (--allow-unknown keeps it)",
		           key, *mf->near ? ": did you mean " : "", mf->near, *mf->near ? "?" : "");
	im->r->unknown++;
	note_warning(im, line, f->column, "metric '%.60s' is declared by no loaded plugin or playbook; kept (--allow-unknown)%s%s%s",
	             key, *mf->near ? "; did you mean " : "", mf->near, *mf->near ? "?" : "");
	return 0;
}

/* A value outside the metric's plausible range (a percentage above 100, a
 * negative flow) is refused, or with --allow-implausible kept and flagged in
 * the observation's note, which the assessment's data-quality section lists. */
static int check_plausible(importer *im, const smb_csv_field *f, const char *key, const smb_metric_facts *mf,
                           double v, char *note, size_t notelen)
{
	char range[96];

	*note = '\0';
	if (!((mf->bounded & 1 && v < mf->lo) || (mf->bounded & 2 && v > mf->hi)))
		return 0;
	if ((mf->bounded & 3) == 3)
		snprintf(range, sizeof range, "%g..%g", mf->lo, mf->hi);
	else if (mf->bounded & 1)
		snprintf(range, sizeof range, "at least %g", mf->lo);
	else
		snprintf(range, sizeof range, "at most %g", mf->hi);
	if (!im->o->allow_implausible)
		return bad(im, f, "%s = %g is implausible: the plausible range is %s (--allow-implausible keeps it, flagged)",
		           key, v, range);
	im->r->implausible++;
	snprintf(note, notelen, "implausible: %g is outside %s", v, range);
	note_warning(im, smb_csv_record_line(im->csv), f->column, "%s = %g is outside its plausible range %s; kept and flagged",
	             key, v, range);
	return 0;
}

static const smb_metric_facts *facts_of(importer *im, const char *key)
{
	static const smb_metric_facts anything = { 1, 0, 0, 0, "" };

	if (!im->o->metric)
		return &anything;
	if (strcmp(im->last_key, key) != 0) {
		memset(&im->last, 0, sizeof im->last);
		im->o->metric(im->o->metric_ud, key, &im->last);
		snprintf(im->last_key, sizeof im->last_key, "%s", key);
	}
	return &im->last;
}

static int check_period(importer *im, const smb_csv_field *f)
{
	char why[256];
	smb_period p;

	if (smb_period_parse(f->text, &p, why, sizeof why) == 0)
		return 0;
	return bad(im, f, "period '%.40s': %s", f->text, why);
}

static int put_observation(importer *im, const smb_csv_field *pf, const char *period,
                           const char *metric, double v, const char *src, const char *note)
{
	sqlite3_stmt *st = im->obs;
	int step;

	/* A plain insert first: with no conflict (the usual case) SQLite needs
	 * no statement journal, which an upsert opens for every row. */
	for (int pass = 0; pass < 2; pass++, st = im->obs_update) {
		sqlite3_bind_text(st, 2, period, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, metric, -1, SQLITE_STATIC);
		sqlite3_bind_double(st, 4, v);
		sqlite3_bind_text(st, 5, src, -1, SQLITE_STATIC);
		smb_bind_text(st, 7, note);
		step = sqlite3_step(st);
		sqlite3_reset(st);
		if (step != SQLITE_DONE)
			return -2;
		if (sqlite3_changes(im->s->db) > 0)
			break;
		/* The update skips rows this same import already wrote: a duplicate. */
		if (pass == 1)
			return bad(im, pf, "%s for %s appears twice in this file", metric, period);
	}
	im->r->values++;
	return 0;
}

static int row_metrics_long(importer *im, smb_csv_field *f, size_t n)
{
	const smb_csv_field *period = NULL, *metric = NULL, *value = NULL, *source = NULL;
	const char *src = "measured";
	const smb_metric_facts *mf;
	char note[160];
	double v;

	for (size_t i = 0; i < n; i++) {
		switch (im->map.col[i]) {
		case 0: period = &f[i]; break;
		case 1: metric = &f[i]; break;
		case 2: value = &f[i]; break;
		case 3: source = &f[i]; break;
		}
	}
	if (check_period(im, period))
		return -1;
	if (!smb_metric_key_valid(metric->text))
		return bad(im, metric, "metric '%.60s' is not area.name with area one of operations, marketing, finance, customer, technology", metric->text);
	mf = facts_of(im, metric->text);
	if (check_known(im, metric, metric->text, mf, smb_csv_record_line(im->csv)))
		return -1;
	if (parse_value(im, value, &v) || check_source(im, source, &src) ||
	    check_plausible(im, value, metric->text, mf, v, note, sizeof note))
		return -1;
	return put_observation(im, period, period->text, metric->text, v, src, *note ? note : NULL);
}

static int row_metrics_wide(importer *im, smb_csv_field *f, size_t n)
{
	double v;
	char note[160];
	int rc;

	if (check_period(im, &f[0]))
		return -1;
	/* An empty cell in a sheet means "not observed", not zero. */
	for (size_t i = 1; i < n; i++) {
		if (f[i].len == 0)
			continue;
		if (parse_value(im, &f[i], &v))
			return -1;
		if (im->col_facts && im->o->allow_implausible == 0 &&
		    check_plausible(im, &f[i], im->header[i], &im->col_facts[i], v, note, sizeof note))
			return -1;
	}
	for (size_t i = 1; i < n; i++) {
		if (f[i].len == 0)
			continue;
		parse_value(im, &f[i], &v);
		*note = '\0';
		if (im->col_facts) {
			check_plausible(im, &f[i], im->header[i], &im->col_facts[i], v, note, sizeof note);
			im->r->unknown += !im->col_facts[i].known;
		}
		if ((rc = put_observation(im, &f[0], f[0].text, im->header[i], v, "measured", *note ? note : NULL)))
			return rc;
	}
	return 0;
}

static int row_answers(importer *im, smb_csv_field *f, size_t n)
{
	const smb_csv_field *q = NULL, *a = NULL, *note = NULL;
	char why[256];
	size_t at;
	double v;

	for (size_t i = 0; i < n; i++) {
		switch (im->map.col[i]) {
		case 0: q = &f[i]; break;
		case 1: a = &f[i]; break;
		case 2: note = &f[i]; break;
		}
	}
	if (!smb_metric_key_valid(q->text))
		return bad(im, q, "question '%.60s' is not area.name", q->text);
	if (im->o->answer && im->o->answer(im->o->answer_ud, q->text, NULL, &v, why, sizeof why))
		return bad(im, q, "%s", why);
	/* An unanswered question is left out: a client may skip some. */
	if (a->len == 0)
		return 0;
	if (smb_number_parse(a->text, im->decimal_comma, &v, &at, why, sizeof why) == 0) {
		if (v < 0 || v > 100)
			return bad(im, a, "answer %g to %s is outside 0..100", v, q->text);
		if (im->o->answer && im->o->answer(im->o->answer_ud, q->text, NULL, &v, why, sizeof why))
			return bad(im, q, "%s", why);
	} else if (!im->o->answer) {
		return bad(im, a, "answer '%.40s' to %s is not a number 0..100, and no loaded playbook declares that question's choices",
		           a->text, q->text);
	} else if (im->o->answer(im->o->answer_ud, q->text, a->text, &v, why, sizeof why)) {
		return bad(im, strstr(why, "question") == why ? q : a, "%s", why);
	}
	return put_observation(im, q, im->o->period, q->text, v, "self-reported",
	                       note && note->len ? note->text : NULL);
}

/* A dataset row: every cell checked against its column's type, then stored
 * in kind column order; day is the row's date (or its period's first day). */
static int row_dataset(importer *im, smb_csv_field *f, size_t n)
{
	const smb_kind *k = im->map.kind;
	const smb_csv_field **by = calloc(k->ncols, sizeof *by);
	long long day = -1;
	int have_day = 0, step;
	char why[256], num[32];

	if (!by)
		return -2;
	for (size_t i = 0; i < n; i++)
		by[im->map.col[i]] = &f[i];
	smb_buf_reset(&im->cells);
	for (size_t c = 0; c < k->ncols; c++) {
		const smb_csv_field *cf = by[c];
		const smb_column *col = &k->cols[c];
		if (c)
			smb_buf_putc(&im->cells, SMB_CELL_SEP);
		if (!cf || cf->len == 0) {
			if (col->required) {
				bad(im, cf ? cf : &f[0], "%s is required", col->name);
				goto fail;
			}
			continue;
		}
		if (memchr(cf->text, SMB_CELL_SEP, cf->len)) {
			bad(im, cf, "control character in %s", col->name);
			goto fail;
		}
		switch (col->type) {
		case SMB_COL_TEXT:
			smb_buf_append(&im->cells, cf->text, cf->len);
			break;
		case SMB_COL_INTEGER: {
			long long v;
			size_t at = 0;
			if (smb_integer_parse(cf->text, -(1LL << 53), 1LL << 53, &v, &at, why, sizeof why)) {
				bad(im, cf, "%s '%.40s' is not a whole number: %s", col->name, cf->text, why);
				goto fail;
			}
			smb_buf_printf(&im->cells, "%lld", v);
			break;
		}
		case SMB_COL_REAL: {
			double v;
			if (parse_value(im, cf, &v))
				goto fail;
			smb_number_format(v, num);
			smb_buf_puts(&im->cells, num);
			break;
		}
		case SMB_COL_DATE: {
			long d;
			if (smb_date_parse(cf->text, &d, why, sizeof why)) {
				bad(im, cf, "%s '%.40s': %s", col->name, cf->text, why);
				goto fail;
			}
			if (!have_day)
				day = d, have_day = 1;
			smb_buf_append(&im->cells, cf->text, cf->len);
			break;
		}
		case SMB_COL_PERIOD: {
			smb_period p;
			if (smb_period_parse(cf->text, &p, why, sizeof why)) {
				bad(im, cf, "%s '%.40s': %s", col->name, cf->text, why);
				goto fail;
			}
			if (!have_day)
				day = smb_period_first_day(&p), have_day = 1;
			smb_buf_append(&im->cells, cf->text, cf->len);
			break;
		}
		}
	}
	free(by);
	if (im->cells.failed)
		return -2;
	sqlite3_bind_int64(im->row, 3, smb_csv_record_line(im->csv));
	if (have_day)
		sqlite3_bind_int64(im->row, 4, day);
	else
		sqlite3_bind_null(im->row, 4);
	sqlite3_bind_text(im->row, 5, smb_buf_str(&im->cells), (int)im->cells.len, SQLITE_STATIC);
	step = sqlite3_step(im->row);
	sqlite3_reset(im->row);
	if (step != SQLITE_DONE)
		return -2;
	im->r->values++;
	return 0;
fail:
	free(by);
	return -1;
}

static void write_reject(importer *im, smb_csv_field *f, size_t n)
{
	char d = smb_csv_delimiter(im->csv);

	if (!im->rejects)
		return;
	for (size_t i = 0; i < n; i++) {
		smb_csv_write_field(im->rejects, f[i].text, d);
		fputc(d, im->rejects);
	}
	smb_csv_write_field(im->rejects, smb_buf_str(&im->reason), d);
	fputc('\n', im->rejects);
}

/* The rejects file goes through smb_outfile: created beside its name and
 * renamed into place only when the import commits with rejects, so an
 * import without any leaves an existing file as it was. */
static int open_rejects(importer *im, smb_err *e)
{
	char d = smb_csv_delimiter(im->csv);
	size_t len = strlen(im->name) + sizeof ".rejects.csv";
	int rc;

	if (!(im->r->rejects_path = malloc(len)))
		return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	snprintf(im->r->rejects_path, len, "%s.rejects.csv", im->name);
	if ((rc = smb_outfile_open(&im->rejects_out, im->r->rejects_path, im->s->path, e)))
		return rc;
	im->rejects = im->rejects_out.f;
	for (size_t i = 0; i < im->nheader; i++) {
		smb_csv_write_field(im->rejects, im->header[i], d);
		fputc(d, im->rejects);
	}
	fputs("reason\n", im->rejects);
	return SMB_OK;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* The earlier imports that --replace replaces: of the same client and
 * kind, not replaced yet, with the same contents (SHA-256) or the same base
 * name compared byte for byte. No pattern matching: a file named '%.csv'
 * or 'Q3_Sales.csv' matches itself only. */
static int find_replaced(importer *im, smb_err *e)
{
	sqlite3_stmt *st;
	const char *base = base_name(im->name);
	int rc, step;

	if ((rc = smb_store_prepare(im->s,
	        "SELECT id, file, sha256 FROM import WHERE client_id = ?1 AND kind = ?2 AND replaced_by IS NULL ORDER BY id",
	        &st, e)))
		return rc;
	smb_bind_text(st, 1, im->o->client_id);
	smb_bind_text(st, 2, im->r->kind);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *file = (const char *)sqlite3_column_text(st, 1);
		const char *sha = (const char *)sqlite3_column_text(st, 2);
		long long *nv;
		if (!(sha && strcmp(sha, im->r->sha256) == 0) && !(file && strcmp(base_name(file), base) == 0))
			continue;
		if (!(nv = realloc(im->replaced, (im->nreplaced + 1) * sizeof *nv))) {
			sqlite3_finalize(st);
			return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
		}
		im->replaced = nv;
		im->replaced[im->nreplaced++] = sqlite3_column_int64(st, 0);
	}
	rc = step == SQLITE_DONE ? SMB_OK : smb_store_error(im->s, "checking earlier imports", e);
	sqlite3_finalize(st);
	return rc;
}

/* Removes what an earlier import still holds; says which and how much. */
static int remove_import(importer *im, long long id, smb_err *e)
{
	static const char *const sql[] = {
		"DELETE FROM observation WHERE client_id = ?1 AND import_id = ?2",
		"DELETE FROM dataset_row WHERE client_id = ?1 AND import_id = ?2",
		"SELECT file FROM import WHERE id = ?2 AND client_id = ?1",
	};
	long long removed = 0;
	sqlite3_stmt *st;
	int rc, step;

	for (size_t i = 0; i < 3; i++) {
		if ((rc = smb_store_prepare(im->s, sql[i], &st, e)))
			return rc;
		smb_bind_text(st, 1, im->o->client_id);
		sqlite3_bind_int64(st, 2, id);
		step = sqlite3_step(st);
		if (i < 2 && step == SQLITE_DONE)
			removed += sqlite3_changes(im->s->db);
		else if (i == 2 && step == SQLITE_ROW)
		{
			/* the file name escaped: the report is read in a terminal */
			smb_buf_printf(&im->r->replaced, "replaced import #%lld (", id);
			smb_escape_text(&im->r->replaced, (const char *)sqlite3_column_text(st, 0));
			smb_buf_printf(&im->r->replaced, "), removing %lld value%s\n", removed, removed == 1 ? "" : "s");
		}
		else
			rc = smb_store_error(im->s, "removing the replaced import", e);
		sqlite3_finalize(st);
		if (rc)
			return rc;
	}
	im->r->nreplaced++;
	return SMB_OK;
}

/* Refuses a file already imported for this client, unless replacing; with
 * replace, removes what the earlier imports of the same file still hold. */
static int check_duplicate(importer *im, smb_err *e)
{
	sqlite3_stmt *st;
	int rc, step;

	if ((rc = smb_store_prepare(im->s,
	        "SELECT id, created FROM import WHERE client_id = ?1 AND sha256 = ?2 AND replaced_by IS NULL",
	        &st, e)))
		return rc;
	smb_bind_text(st, 1, im->o->client_id);
	smb_bind_text(st, 2, im->r->sha256);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW && !im->o->replace)
		rc = smb_err_set(e, SMB_EDATA,
		                 "%s was already imported for %s on %s (import #%lld); use --replace to import it again",
		                 im->name, im->o->client_id, sqlite3_column_text(st, 1),
		                 (long long)sqlite3_column_int64(st, 0));
	else if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = smb_store_error(im->s, "checking earlier imports", e);
	sqlite3_finalize(st);
	if (rc || !im->o->replace)
		return rc;
	if ((rc = find_replaced(im, e)))
		return rc;
	for (size_t i = 0; i < im->nreplaced; i++)
		if ((rc = remove_import(im, im->replaced[i], e)))
			return rc;
	return SMB_OK;
}

static int record_import(importer *im, smb_err *e)
{
	sqlite3_stmt *st;
	char now[32];
	int rc;

	if ((rc = smb_store_prepare(im->s,
	        "INSERT INTO import(client_id, kind, file, sha256, rows, period, created)"
	        " VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6)", &st, e)))
		return rc;
	smb_now_iso(now);
	smb_bind_text(st, 1, im->o->client_id);
	smb_bind_text(st, 2, im->r->kind);
	smb_bind_text(st, 3, im->name);
	smb_bind_text(st, 4, im->r->sha256);
	smb_bind_text(st, 5, im->o->period);
	smb_bind_text(st, 6, now);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = smb_store_error(im->s, "recording the import", e);
	sqlite3_finalize(st);
	im->import_id = sqlite3_last_insert_rowid(im->s->db);
	return rc;
}

static int finish_import(importer *im, smb_err *e)
{
	sqlite3_stmt *st;
	int rc;

	for (size_t i = 0; i < im->nreplaced; i++) {
		if ((rc = smb_store_prepare(im->s, "UPDATE import SET replaced_by = ?2 WHERE id = ?1", &st, e)))
			return rc;
		sqlite3_bind_int64(st, 1, im->replaced[i]);
		sqlite3_bind_int64(st, 2, im->import_id);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = smb_store_error(im->s, "marking the replaced import", e);
		sqlite3_finalize(st);
		if (rc)
			return rc;
	}
	if ((rc = smb_store_prepare(im->s, "UPDATE import SET rows = ?2, rejected = ?3 WHERE id = ?1", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, im->import_id);
	sqlite3_bind_int64(st, 2, im->r->accepted);
	sqlite3_bind_int64(st, 3, im->r->rejected);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = smb_store_error(im->s, "recording the import", e);
	sqlite3_finalize(st);
	return rc;
}

static int client_exists(importer *im, smb_err *e)
{
	sqlite3_stmt *st;
	int rc, step;

	if ((rc = smb_store_prepare(im->s, "SELECT 1 FROM client WHERE id = ?1", &st, e)))
		return rc;
	smb_bind_text(st, 1, im->o->client_id);
	step = sqlite3_step(st);
	sqlite3_finalize(st);
	if (step == SQLITE_ROW)
		return SMB_OK;
	if (step == SQLITE_DONE)
		return smb_err_set(e, SMB_ENOINPUT, "no client '%s' in %s (add it with 'smbopt client add')",
		                   im->o->client_id, im->s->path);
	return smb_store_error(im->s, "looking up the client", e);
}

/* A header that starts with period and has metric columns but also a column
 * that is no metric key (Notes): that column's index, else 0. */
static size_t wide_intruder(char *const *header, size_t n)
{
	size_t metrics = 0, first = 0;

	if (n < 3 || strcmp(header[0], "period") != 0)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if (smb_metric_key_valid(header[i]))
			metrics++;
		else if (!first)
			first = i;
	}
	return metrics ? first : 0;
}

static int read_header(importer *im, smb_err *e)
{
	smb_csv_field *f;
	size_t n, bad_col, intruder;
	char why[SMB_ERR_MAX];
	int got, rc;

	got = smb_csv_read(im->csv, &f, &n, why, sizeof why);
	if (got < 0)
		return smb_err_set(e, SMB_EDATA, "%s", why);
	if (got == 0)
		return smb_err_set(e, SMB_EDATA, "%s:1:1: the file is empty", im->name);
	if (!(im->header = calloc(n, sizeof *im->header)))
		return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	im->nheader = n;
	for (size_t i = 0; i < n; i++) {
		const char *t = f[i].text;
		size_t len = f[i].len;
		while (len && isspace((unsigned char)*t))
			t++, len--;
		while (len && isspace((unsigned char)t[len - 1]))
			len--;
		if (!(im->header[i] = strndup(t, len)))
			return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
		for (char *p = im->header[i]; *p; p++)
			*p = (char)tolower((unsigned char)*p);
	}
	rc = smb_kind_detect(im->o->kinds, im->header, n, im->o->kind, &im->map, &bad_col, e);
	if (rc == SMB_EDATA && (!im->o->kind || strcmp(im->o->kind, "metrics") == 0) &&
	    (intruder = wide_intruder(im->header, n)) > 0)
		return smb_err_set(e, SMB_EDATA, "%s:%ld:%ld: column '%.60s' is not a metric key (area.name): a wide metrics "
		                   "file holds a period column and metric columns only; remove the column or move it to "
		                   "another file", im->o->path, f[intruder].line, f[intruder].column, f[intruder].text);
	if (rc) {
		snprintf(why, sizeof why, "%s", e->msg);
		return smb_err_set(e, rc, "%s:%ld:%ld: %s", im->name, f[bad_col < n ? bad_col : 0].line,
		                   f[bad_col < n ? bad_col : 0].column, why);
	}
	snprintf(im->r->kind, sizeof im->r->kind, "%s", im->map.kind->name);
	im->r->wide = im->map.wide;
	if (im->map.wide && im->o->metric) {
		if (!(im->col_facts = calloc(n, sizeof *im->col_facts)))
			return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
		for (size_t i = 1; i < n; i++) {
			smb_metric_facts *mf = &im->col_facts[i];
			im->o->metric(im->o->metric_ud, im->header[i], mf);
			if (mf->known)
				continue;
			if (!im->o->allow_unknown)
				return smb_err_set(e, SMB_EDATA, "%s:%ld:%ld: unknown metric '%.60s'%s%s%s; no loaded plugin or "
				                   "playbook declares it (--allow-unknown keeps it)", im->o->path, f[i].line,
				                   f[i].column, im->header[i], *mf->near ? ": did you mean " : "", mf->near,
				                   *mf->near ? "?" : "");
			note_warning(im, f[i].line, f[i].column, "metric '%.60s' is declared by no loaded plugin or playbook; "
			             "kept (--allow-unknown)%s%s%s", im->header[i], *mf->near ? "; did you mean " : "",
			             mf->near, *mf->near ? "?" : "");
		}
	}
	if (strcmp(im->map.kind->name, "answers") == 0 && !im->o->period)
		return smb_err_set(e, SMB_EUSAGE, "answers need the period they describe: add --period P");
	if (im->o->period) {
		smb_period p;
		if (smb_period_parse(im->o->period, &p, why, sizeof why))
			return smb_err_set(e, SMB_EUSAGE, "--period '%s': %s", im->o->period, why);
	}
	return SMB_OK;
}

static int prepare_writes(importer *im, smb_err *e)
{
	int rc;

	if ((rc = smb_store_prepare(im->s,
	        "INSERT INTO observation(client_id, period, metric, value, source, import_id, note)"
	        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING", &im->obs, e)))
		return rc;
	if ((rc = smb_store_prepare(im->s,
	        "UPDATE observation SET value = ?4, source = ?5, import_id = ?6, note = ?7"
	        " WHERE client_id = ?1 AND metric = ?3 AND period = ?2 AND import_id <> ?6", &im->obs_update, e)))
		return rc;
	if ((rc = smb_store_prepare(im->s,
	        "INSERT INTO dataset_row(import_id, client_id, kind, line, day, cells)"
	        " VALUES (?1, ?2, ?6, ?3, ?4, ?5)", &im->row, e)))
		return rc;
	smb_bind_text(im->obs, 1, im->o->client_id);
	sqlite3_bind_int64(im->obs, 6, im->import_id);
	smb_bind_text(im->obs_update, 1, im->o->client_id);
	sqlite3_bind_int64(im->obs_update, 6, im->import_id);
	sqlite3_bind_int64(im->row, 1, im->import_id);
	smb_bind_text(im->row, 2, im->o->client_id);
	smb_bind_text(im->row, 6, im->r->kind);
	return SMB_OK;
}

static int read_rows(importer *im, smb_err *e)
{
	smb_csv_field *f;
	size_t n;
	char why[SMB_ERR_MAX];
	int got, rc = 0;
	const char *kind = im->map.kind->name;
	int is_metrics = strcmp(kind, "metrics") == 0, is_answers = strcmp(kind, "answers") == 0;

	while ((got = smb_csv_read(im->csv, &f, &n, why, sizeof why)) != 0) {
		if (got < 0) {
			/* A malformed record cannot be skipped safely: the reader may
			 * have lost its place (an unterminated quote swallows lines). */
			im->r->nerrors++;
			smb_buf_printf(&im->r->errors, "%s\n", why);
			return SMB_EDATA;
		}
		im->r->rows++;
		smb_buf_reset(&im->reason);
		if (n != im->nheader) {
			bad(im, n > im->nheader ? &f[im->nheader] : &f[n - 1],
			    "expected %zu fields as in the header, found %zu", im->nheader, n);
			rc = -1;
		} else if (is_metrics) {
			rc = im->map.wide ? row_metrics_wide(im, f, n) : row_metrics_long(im, f, n);
		} else if (is_answers) {
			rc = row_answers(im, f, n);
		} else {
			rc = row_dataset(im, f, n);
		}
		if (rc == -2)
			return smb_store_error(im->s, "writing a row", e);
		if (rc == 0) {
			im->r->accepted++;
			continue;
		}
		im->r->rejected++;
		note_error(im, smb_csv_record_line(im->csv), im->reason_col, smb_buf_str(&im->reason));
		write_reject(im, f, n);
	}
	if (im->r->rows == 0) {
		im->r->nerrors++;
		smb_buf_printf(&im->r->errors, "%s:2:1: no data rows after the header\n", im->name);
		return SMB_EDATA;
	}
	return SMB_OK;
}

int smb_import(smb_store *s, const smb_import_opts *o, smb_import_report *r, smb_err *e)
{
	importer im;
	char why[SMB_ERR_MAX];
	int rc;

	memset(r, 0, sizeof *r);
	memset(&im, 0, sizeof im);
	smb_buf_init(&r->errors);
	smb_buf_init(&r->replaced);
	smb_buf_init(&r->warnings);
	smb_buf_init(&im.cells);
	smb_buf_init(&im.reason);
	im.s = s;
	im.o = o;
	im.r = r;
	im.name = o->name ? o->name : o->path;
	/* Regular files only: a FIFO would be read once for the SHA-256 and
	 * again for the rows, /dev/zero never ends. */
	{
		FILE *f = smb_infile_open(o->path, why, sizeof why);
		if (!f)
			return smb_err_set(e, SMB_ENOINPUT, "%s", why);
		fclose(f);
	}
	if (smb_sha256_file(o->path, r->sha256))
		return smb_err_set(e, SMB_ENOINPUT, "%s: %s", o->path, strerror(errno));
	if (!(im.csv = smb_csv_open(o->path, o->delimiter, why, sizeof why)))
		return smb_err_set(e, SMB_ENOINPUT, "%s", why);
	r->delimiter = smb_csv_delimiter(im.csv);
	/* Spreadsheets that separate with ';' write decimals with ','. */
	im.decimal_comma = r->delimiter == ';';
	if ((rc = read_header(&im, e)))
		goto out;
	if ((rc = smb_store_begin(s, e)))
		goto out;
	if ((rc = client_exists(&im, e)) || (rc = check_duplicate(&im, e)) || (rc = record_import(&im, e)) ||
	    (rc = prepare_writes(&im, e)))
		goto out;
	if (o->skip_bad && !o->dry_run && (rc = open_rejects(&im, e)))
		goto out;
	rc = read_rows(&im, e);
	if (rc == SMB_EDATA || (rc == SMB_OK && r->nerrors && !o->skip_bad)) {
		int max = o->max_errors > 0 ? o->max_errors : 20;
		if (r->nerrors > max)
			smb_buf_printf(&r->errors, "%s: ... and %lld more errors\n", im.name, r->nerrors - max);
		rc = smb_err_set(e, SMB_EDATA, "%s refused: %lld error%s; nothing was written", im.name,
		                 r->nerrors, r->nerrors == 1 ? "" : "s");
		goto out;
	}
	if (rc)
		goto out;
	if (o->dry_run)
		goto out;
	if ((rc = finish_import(&im, e)))
		goto out;
	/* A write error of the rejects file (full disk) refuses the import. */
	if (im.rejects && r->rejected && (rc = smb_outfile_finish(&im.rejects_out, e)))
		goto out;
	if ((rc = smb_store_commit(s, e)))
		goto out;
	r->import_id = im.import_id;
	if (im.rejects && r->rejected && (rc = smb_outfile_commit(&im.rejects_out, e)))
		smb_err_prefix(e, "%s was imported (import #%lld), but its rejects were not written", o->path,
		               im.import_id);
out:
	sqlite3_finalize(im.obs);
	sqlite3_finalize(im.obs_update);
	sqlite3_finalize(im.row);
	smb_store_rollback(s);   /* no-op after a commit */
	smb_outfile_discard(&im.rejects_out);
	if (r->rejects_path && (rc || r->rejected == 0 || o->dry_run)) {
		free(r->rejects_path);
		r->rejects_path = NULL;
	}
	if (rc || o->dry_run)
		r->import_id = 0;
	smb_header_map_free(&im.map);
	for (size_t i = 0; i < im.nheader; i++)
		free(im.header[i]);
	free(im.header);
	free(im.col_facts);
	smb_buf_free(&im.cells);
	smb_buf_free(&im.reason);
	free(im.replaced);
	smb_csv_close(im.csv);
	return rc;
}

void smb_import_report_free(smb_import_report *r)
{
	smb_buf_free(&r->errors);
	smb_buf_free(&r->replaced);
	smb_buf_free(&r->warnings);
	free(r->rejects_path);
	r->rejects_path = NULL;
}
