/* core/util/table.c — rendering listings. Text columns are padded by display
 * width (UTF-8 code points), so names with accents still line up. */
#include "table.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "escape.h"
#include "json.h"
#include "number.h"

int smb_table_init(smb_table *t, size_t ncols, const char *const *names)
{
	memset(t, 0, sizeof *t);
	t->key = "rows";
	t->schema_version = 1;
	t->names = calloc(ncols, sizeof *t->names);
	t->right = calloc(ncols, sizeof *t->right);
	if (!t->names || !t->right) {
		smb_table_free(t);
		return t->failed = 1, -1;
	}
	t->ncols = ncols;
	for (size_t i = 0; i < ncols; i++) {
		size_t len = strlen(names[i]);
		if (len && names[i][len - 1] == '#') {
			t->right[i] = 1;
			len--;
		}
		if (!(t->names[i] = strndup(names[i], len))) {
			smb_table_free(t);
			return t->failed = 1, -1;
		}
	}
	return 0;
}

void smb_table_json(smb_table *t, const char *key, int schema_version)
{
	t->key = key;
	t->schema_version = schema_version;
}

/* The next cell of the row being built, or NULL (and the table failed) when
 * memory runs out. Invariant: cells past nrows * ncols + filled are unused. */
static smb_cell *next_cell(smb_table *t, smb_cell_type type)
{
	smb_cell *c;

	if (t->failed || !t->ncols)
		return NULL;
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 16;
		smb_cell *nc = realloc(t->cells, cap * t->ncols * sizeof *nc);
		if (!nc)
			return t->failed = 1, NULL;
		t->cells = nc;
		t->cap = cap;
	}
	c = &t->cells[t->nrows * t->ncols + t->filled];
	memset(c, 0, sizeof *c);
	c->type = type;
	if (++t->filled == t->ncols) {
		t->filled = 0;
		t->nrows++;
	}
	return c;
}

static void set_text(smb_table *t, smb_cell *c, const char *s)
{
	if (c && s && !(c->text = strdup(s)))
		t->failed = 1;
}

void smb_table_text(smb_table *t, const char *s)
{
	set_text(t, next_cell(t, s ? SMB_CELL_TEXT : SMB_CELL_NULL), s);
}

void smb_table_number(smb_table *t, double v, const char *fmt)
{
	smb_cell *c = next_cell(t, isnan(v) ? SMB_CELL_NULL : SMB_CELL_NUMBER);
	char s[64];

	if (!c || isnan(v))
		return;
	c->number = v;
	if (fmt)
		snprintf(s, sizeof s, fmt, v);
	else
		smb_number_format(v, s);
	set_text(t, c, s);
}

void smb_table_integer(smb_table *t, long long v)
{
	smb_cell *c = next_cell(t, SMB_CELL_INTEGER);
	char s[32];

	if (!c)
		return;
	c->integer = v;
	snprintf(s, sizeof s, "%lld", v);
	set_text(t, c, s);
}

void smb_table_bool(smb_table *t, int v, const char *yes, const char *no)
{
	smb_cell *c = next_cell(t, SMB_CELL_BOOL);

	if (!c)
		return;
	c->integer = v != 0;
	set_text(t, c, v ? yes : no);
}

void smb_table_null(smb_table *t)
{
	next_cell(t, SMB_CELL_NULL);
}

void smb_table_value(smb_table *t, const char *json, const char *display)
{
	smb_cell *c = next_cell(t, SMB_CELL_JSON);

	if (!c)
		return;
	if (!(c->json = strdup(json)))
		t->failed = 1;
	set_text(t, c, display);
}

int smb_table_add(smb_table *t, const char *const *cells)
{
	for (size_t i = 0; i < t->ncols; i++) {
		smb_cell *c;
		if (!cells[i] || !t->right[i]) {
			smb_table_text(t, cells[i]);
		} else if ((c = next_cell(t, SMB_CELL_NUMBER))) {
			c->number = strtod(cells[i], NULL);
			set_text(t, c, cells[i]);
		}
	}
	return t->failed ? -1 : 0;
}

void smb_table_free(smb_table *t)
{
	if (t->cells)
		for (size_t i = 0; i < t->nrows * t->ncols + t->filled; i++) {
			free(t->cells[i].text);
			free(t->cells[i].json);
		}
	if (t->names)
		for (size_t i = 0; i < t->ncols; i++)
			free(t->names[i]);
	free(t->cells);
	free(t->names);
	free(t->right);
	memset(t, 0, sizeof *t);
}

static size_t width(const char *s)
{
	size_t w = 0;
	for (; s && *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			w++;
	return w;
}

/* Row 0 is the header; rows 1..nrows the cells' display text. */
static const char *cell_text(const smb_table *t, size_t r, size_t c)
{
	const char *s = r == 0 ? t->names[c] : t->cells[(r - 1) * t->ncols + c].text;
	return s ? s : "";
}

/* Cells as shown: control characters escaped (escape.h), so a name with
 * a newline or an ESC sequence stays one cell of one row. */
static void render_text(const smb_table *t, smb_buf *out)
{
	size_t *w = calloc(t->ncols, sizeof *w);
	const char **shown = calloc((t->nrows + 1) * t->ncols, sizeof *shown);
	smb_escaper x = { 0 };

	if (!w || !shown) {
		free(w);
		free(shown);
		out->failed = 1;
		return;
	}
	for (size_t r = 0; r <= t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++)
			shown[r * t->ncols + c] = smb_esc(&x, cell_text(t, r, c));
	for (size_t c = 0; c < t->ncols; c++)
		for (size_t r = 0; r <= t->nrows; r++) {
			size_t cw = width(shown[r * t->ncols + c]);
			if (cw > w[c])
				w[c] = cw;
		}
	for (size_t r = 0; r <= t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = shown[r * t->ncols + c];
			size_t pad = w[c] - width(s);
			int last = c + 1 == t->ncols;
			if (t->right[c] && r > 0) {
				smb_buf_printf(out, "%*s%s", (int)pad, "", s);
			} else {
				smb_buf_puts(out, s);
				if (!last)
					smb_buf_printf(out, "%*s", (int)pad, "");
			}
			if (!last)
				smb_buf_puts(out, "  ");
		}
		smb_buf_putc(out, '\n');
	}
	if (x.failed)
		out->failed = 1;
	smb_escaper_free(&x);
	free(shown);
	free(w);
}

static void cell_json(smb_json *j, const smb_cell *c)
{
	switch (c->type) {
	case SMB_CELL_TEXT: smb_json_string(j, c->text); break;
	case SMB_CELL_NUMBER: smb_json_number(j, c->number); break;
	case SMB_CELL_INTEGER: smb_json_integer(j, c->integer); break;
	case SMB_CELL_BOOL: smb_json_bool(j, (int)c->integer); break;
	case SMB_CELL_JSON: smb_json_raw(j, c->json); break;
	default: smb_json_null(j); break;
	}
}

static void render_json(const smb_table *t, smb_buf *out)
{
	smb_json j;

	smb_json_init(&j, out, 1);
	smb_json_object_begin(&j);
	smb_json_key(&j, "schema_version");
	smb_json_integer(&j, t->schema_version);
	smb_json_key(&j, t->key);
	smb_json_array_begin(&j);
	for (size_t r = 0; r < t->nrows; r++) {
		smb_json_object_begin(&j);
		for (size_t c = 0; c < t->ncols; c++) {
			smb_json_key(&j, t->names[c]);
			cell_json(&j, &t->cells[r * t->ncols + c]);
		}
		smb_json_object_end(&j);
	}
	smb_json_array_end(&j);
	smb_json_object_end(&j);
	smb_buf_putc(out, '\n');
}

static void render_csv(const smb_table *t, smb_buf *out)
{
	char *mem = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&mem, &len);

	if (!f) {
		out->failed = 1;
		return;
	}
	for (size_t r = 0; r <= t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				fputc(',', f);
			smb_csv_write_field(f, cell_text(t, r, c), ',');
		}
		fputc('\n', f);
	}
	fclose(f);
	smb_buf_append(out, mem, len);
	free(mem);
}

/* Invariant: only complete rows are rendered; a row left unfinished is a
 * caller's bug and fails the render rather than shifting the columns. */
int smb_table_render(const smb_table *t, const char *format, smb_buf *out)
{
	if (t->failed || t->filled)
		return -1;
	if (strcmp(format, "text") == 0)
		render_text(t, out);
	else if (strcmp(format, "json") == 0)
		render_json(t, out);
	else if (strcmp(format, "csv") == 0)
		render_csv(t, out);
	else
		return -1;
	return out->failed ? -1 : 0;
}
