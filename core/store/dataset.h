/* core/store/dataset.h — a client's rows of one dataset kind, as a cycle and the
 * customers report read them: up to a day, in import order, each row's
 * cells split into NUL-terminated texts. */
#ifndef SMB_DATASET_H
#define SMB_DATASET_H

#include <stddef.h>

#include "error.h"
#include "kind.h"
#include "store.h"

#define SMB_DATASET_CHUNK (256 * 1024)

typedef struct smb_dataset {
	char *kind;
	size_t nrows, ncols;
	char **cells;                /* nrows * ncols, NUL-terminated texts */
	char **chunks;               /* the storage cells point into; never moved */
	size_t nchunks;
	int failed;                  /* reading stopped early: no rows are given */
	const struct smb_kind *def;
} smb_dataset;

/* Reads the client's rows of kind k dated up to day last (rows without a
 * day too) into d, which it clears first. Returns SMB_OK; or an error, with
 * d->failed set and no rows: some rows would be worse than none. d->kind
 * is NULL only when memory ran out before anything was read. */
int smb_dataset_read(smb_store *s, const smb_kind *k, const char *client, long last, smb_dataset *d, smb_err *e);
/* How many of the client's rows of kind (NULL: any kind) are dated from
 * day first to day last, and their first and last day (-1 when none);
 * undated rows count when undated is 1. */
int smb_dataset_span(smb_store *s, const char *client, const char *kind, long first, long last, int undated,
                     long long *rows, long *lo, long *hi, smb_err *e);
/* The index of the named column, or -1. */
int smb_dataset_column(const smb_dataset *d, const char *name);
void smb_dataset_free(smb_dataset *d);

#endif
