/* core/util/table.c — rendering listings. Text columns are padded by display
 * width (UTF-8 code points), so names with accents still line up. */
#include "table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "escape.h"
#include "json.h"

int smb_table_init(smb_table *t, size_t ncols, const char *const *names)
{
	memset(t, 0, sizeof *t);
	t->names = calloc(ncols, sizeof *t->names);
	t->types = calloc(ncols, sizeof *t->types);
	if (!t->names || !t->types) {
		smb_table_free(t);
		return -1;
	}
	t->ncols = ncols;
	for (size_t i = 0; i < ncols; i++) {
		size_t len = strlen(names[i]);
		if (len && names[i][len - 1] == '#') {
			t->types[i] = SMB_CELL_NUMBER;
			len--;
		}
		if (!(t->names[i] = strndup(names[i], len))) {
			smb_table_free(t);
			return -1;
		}
	}
	return 0;
}

int smb_table_add(smb_table *t, const char *const *cells)
{
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 16;
		char **nc = realloc(t->cells, cap * t->ncols * sizeof *nc);
		if (!nc)
			return t->failed = 1, -1;
		t->cells = nc;
		t->cap = cap;
	}
	for (size_t i = 0; i < t->ncols; i++) {
		char **c = &t->cells[t->nrows * t->ncols + i];
		*c = cells[i] ? strdup(cells[i]) : NULL;
		if (cells[i] && !*c) {
			while (i--)
				free(t->cells[t->nrows * t->ncols + i]);
			return t->failed = 1, -1;
		}
	}
	t->nrows++;
	return 0;
}

void smb_table_free(smb_table *t)
{
	if (t->cells)
		for (size_t i = 0; i < t->nrows * t->ncols; i++)
			free(t->cells[i]);
	if (t->names)
		for (size_t i = 0; i < t->ncols; i++)
			free(t->names[i]);
	free(t->cells);
	free(t->names);
	free(t->types);
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
			shown[r * t->ncols + c] = smb_esc(&x, r == 0 ? t->names[c] : t->cells[(r - 1) * t->ncols + c]);
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
			if (!s)
				s = "";
			if (t->types[c] == SMB_CELL_NUMBER && r > 0) {
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

static void render_json(const smb_table *t, smb_buf *out)
{
	smb_json j;

	smb_json_init(&j, out, 1);
	smb_json_array_begin(&j);
	for (size_t r = 0; r < t->nrows; r++) {
		smb_json_object_begin(&j);
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = t->cells[r * t->ncols + c];
			smb_json_key(&j, t->names[c]);
			if (!s)
				smb_json_null(&j);
			else if (t->types[c] == SMB_CELL_NUMBER)
				smb_json_number(&j, strtod(s, NULL));
			else
				smb_json_string(&j, s);
		}
		smb_json_object_end(&j);
	}
	smb_json_array_end(&j);
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
			const char *s = r == 0 ? t->names[c] : t->cells[(r - 1) * t->ncols + c];
			if (c)
				fputc(',', f);
			smb_csv_write_field(f, s ? s : "", ',');
		}
		fputc('\n', f);
	}
	fclose(f);
	smb_buf_append(out, mem, len);
	free(mem);
}

int smb_table_render(const smb_table *t, const char *format, smb_buf *out)
{
	if (strcmp(format, "text") == 0)
		render_text(t, out);
	else if (strcmp(format, "json") == 0)
		render_json(t, out);
	else if (strcmp(format, "csv") == 0)
		render_csv(t, out);
	else
		return -1;
	return out->failed || t->failed ? -1 : 0;
}
