/* core/util/table.h — a listing as rows of cells, rendered as an aligned text
 * table, JSON (an array of objects with stable field names) or CSV. */
#ifndef SMB_TABLE_H
#define SMB_TABLE_H

#include <stddef.h>

#include "buf.h"

typedef enum smb_cell_type { SMB_CELL_TEXT = 0, SMB_CELL_NUMBER = 1 } smb_cell_type;

typedef struct smb_table {
	size_t ncols;
	char **names;
	smb_cell_type *types;
	size_t nrows, cap;
	char **cells;            /* nrows * ncols; NULL is an empty cell */
	int failed;
} smb_table;

/* names: ncols column names; a name ending in '#' is a number column. */
int smb_table_init(smb_table *t, size_t ncols, const char *const *names);
/* Appends a row of ncols strings (copied; NULL for empty). */
int smb_table_add(smb_table *t, const char *const *cells);
void smb_table_free(smb_table *t);
/* format: "text", "json" or "csv"; returns -1 for another format. */
int smb_table_render(const smb_table *t, const char *format, smb_buf *out);

#endif
