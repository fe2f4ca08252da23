/* core/engine/batch.h — one period assessed for many clients in one process:
 * `smbopt assess --all`. Worker threads take clients from a shared counter;
 * each worker has its own registry (its own playbook Lua states) and its own
 * SQLite connection, and commits each client's assessment as it finishes
 * (docs/design.md §6). */
#ifndef SMB_BATCH_H
#define SMB_BATCH_H

#include <stddef.h>

#include "cycle.h"
#include "error.h"
#include "registry.h"

typedef enum smb_batch_status {
	SMB_BATCH_ASSESSED = 0,   /* stored, whole */
	SMB_BATCH_PARTIAL,        /* stored, with errors */
	SMB_BATCH_SKIPPED,        /* already assessed for the period by the same method */
	SMB_BATCH_NO_DATA,        /* nothing to assess for the period: nothing stored */
	SMB_BATCH_FAILED          /* nothing stored */
} smb_batch_status;

typedef struct smb_batch_result {
	const char *client;
	smb_batch_status status;
	long long assessment;     /* the stored (or, when skipped, existing) assessment, or 0 */
	double overall;           /* NaN when none */
	const char *level;        /* or NULL */
	int rc;                   /* the cycle's result code */
	const char *message;      /* why it failed, was partial or skipped, or "" */
	size_t done, total;       /* progress after this client */
} smb_batch_result;

typedef struct smb_batch_summary {
	size_t total, assessed, partial, skipped, no_data, failed;
} smb_batch_summary;

typedef struct smb_batch_opts {
	const char *db;                  /* the workspace path */
	const smb_load_opts *load;       /* what each worker loads */
	const smb_registry *reg;         /* the caller's load: worker 0 uses it */
	smb_cycle_opts cycle;            /* every field but client */
	const char *industry;            /* only clients of this industry, or NULL */
	unsigned shard, nshards;         /* shard K of N (1-based); nshards 0: all */
	int redo;                        /* assess again even with the same method */
	unsigned jobs;                   /* worker threads; 0 means 1 */
	/* Called as each client ends, one call at a time (under the batch's
	 * lock), from the worker's thread. */
	void (*done)(void *ud, const smb_batch_result *r);
	void *ud;
} smb_batch_opts;

/* The shard (1..n) a client id falls in: FNV-1a of the id, stable across
 * machines and versions, so shards of one workspace are disjoint and
 * together complete. */
unsigned smb_batch_shard_of(const char *client, unsigned n);

/* Runs the batch. SMB_OK when every client was assessed or skipped,
 * SMB_PARTIAL when some failed or were partial (each reported through
 * done), another code when the batch itself could not run. */
int smb_batch_run(const smb_batch_opts *o, smb_batch_summary *sum, smb_err *e);

#endif
