/* core/util/table.h — a listing as rows of typed cells, rendered as an aligned
 * text table, CSV, or a JSON document (see README "JSON output"):
 *
 *   { "schema_version": N, "<key>": [ { "<column>": value, ... }, ... ] }
 *
 * Each cell holds its value (text, number, integer, boolean, null or a JSON
 * value built by the writer) and the text shown for it, so JSON is written
 * from values at full precision, never parsed back from display text. */
#ifndef SMB_TABLE_H
#define SMB_TABLE_H

#include <stddef.h>

#include "buf.h"

typedef enum smb_cell_type {
	SMB_CELL_NULL = 0,
	SMB_CELL_TEXT,
	SMB_CELL_NUMBER,
	SMB_CELL_INTEGER,
	SMB_CELL_BOOL,
	SMB_CELL_JSON          /* value: JSON text, shown as its display text */
} smb_cell_type;

typedef struct smb_cell {
	smb_cell_type type;
	char *text;            /* display text; NULL shows as empty */
	char *json;            /* SMB_CELL_JSON only */
	double number;
	long long integer;     /* also the boolean */
} smb_cell;

typedef struct smb_table {
	size_t ncols;
	char **names;
	unsigned char *right;  /* column aligned right in text (numbers) */
	const char *key;       /* the JSON member holding the rows */
	int schema_version;
	size_t nrows, cap;
	size_t filled;         /* cells of the row being built */
	smb_cell *cells;       /* cap * ncols; rows [0, nrows) are complete */
	int failed;
} smb_table;

/* names: ncols column names; a name ending in '#' is a number column (aligned
 * right; smb_table_add reads its text as a number). key names the JSON array
 * and schema_version versions the document (docs/schema/<key>.schema.json). */
int smb_table_init(smb_table *t, size_t ncols, const char *const *names);
void smb_table_json(smb_table *t, const char *key, int schema_version);

/* A row cell by cell, in column order; the row is complete after its ncols-th
 * cell. fmt is the printf format of the display text ("%.1f", "%g"); NULL
 * shows the number as it round-trips. NaN numbers are null. */
void smb_table_text(smb_table *t, const char *s);           /* NULL: null */
void smb_table_number(smb_table *t, double v, const char *fmt);
void smb_table_integer(smb_table *t, long long v);
void smb_table_bool(smb_table *t, int v, const char *yes, const char *no);
void smb_table_null(smb_table *t);
/* json: one JSON value (copied), display: what text and CSV show. */
void smb_table_value(smb_table *t, const char *json, const char *display);

/* Appends a row of ncols strings (copied; NULL for null); '#' columns are read
 * as numbers. Prefer the typed cells: a number's text may be rounded. */
int smb_table_add(smb_table *t, const char *const *cells);
void smb_table_free(smb_table *t);
/* format: "text", "json" or "csv"; returns -1 for another format. */
int smb_table_render(const smb_table *t, const char *format, smb_buf *out);

#endif
