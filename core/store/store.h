/* core/store/store.h — the workspace: one SQLite file holding every client, import,
 * observation and assessment. Opening it applies forward-only migrations. */
#ifndef SMB_STORE_H
#define SMB_STORE_H

#include <sqlite3.h>

#include "error.h"

/* The schema this program writes; PRAGMA user_version holds the file's. */
#define SMB_SCHEMA_VERSION 7

typedef struct smb_store {
	sqlite3 *db;
	char *path;
	int in_tx;
	int readonly;            /* opened with SMB_OPEN_READ: nothing may be written */
} smb_store;

typedef enum smb_open_mode {
	SMB_OPEN_EXISTING = 0,   /* refuse a missing file */
	SMB_OPEN_CREATE = 1,     /* create and migrate (smbopt init) */
	/* Read-only: no WAL setup and no write of any kind, so reading works on
	 * a read-only file or in a read-only folder. A file that needs migrating
	 * is opened for writing instead (and says so when it cannot be). */
	SMB_OPEN_READ = 2
} smb_open_mode;

/* The workspace path from --db, else $SMBOPT_DB, else ./smbopt.db. */
const char *smb_store_default_path(const char *flag);

/* Every open checks, before anything is migrated or read: the schema
 * version is within 0..SMB_SCHEMA_VERSION, and the schema objects are
 * exactly those the migrations create (smb_schema_check). Triggers and
 * views of the file run untrusted (trusted_schema off), extension loading
 * stays off. */
int smb_store_open(const char *path, smb_open_mode mode, smb_store **out, smb_err *e);
void smb_store_close(smb_store *s);
int smb_store_user_version(smb_store *s, int *version, smb_err *e);

/* Write transactions take the write lock at BEGIN (IMMEDIATE), so two
 * writers queue on busy_timeout instead of failing on lock upgrade. */
int smb_store_begin(smb_store *s, smb_err *e);
int smb_store_commit(smb_store *s, smb_err *e);
void smb_store_rollback(smb_store *s);
/* A read transaction: everything read until smb_store_end_read is one
 * snapshot (WAL), whatever other processes commit meanwhile. *started is 0
 * when a transaction was already open (its snapshot holds already). */
int smb_store_begin_read(smb_store *s, int *started, smb_err *e);
void smb_store_end_read(smb_store *s, int started);

int smb_store_prepare(smb_store *s, const char *sql, sqlite3_stmt **st, smb_err *e);
int smb_store_exec(smb_store *s, const char *sql, smb_err *e);
/* An error from SQLite as an smb result code, with its message. */
int smb_store_error(smb_store *s, const char *what, smb_err *e);
/* A copy of a text column (NULL for SQL NULL or out of memory). */
char *smb_column_strdup(sqlite3_stmt *st, int i);
/* Binds text, or NULL when s is NULL. */
int smb_bind_text(sqlite3_stmt *st, int i, const char *s);
/* Current UTC time as ISO 8601 "2026-11-29T11:07:54Z". */
void smb_now_iso(char out[32]);

/* The migrations (core/store/schema.c): migration k brings user_version k-1 to k. */
extern const char *const smb_schema_migrations[];
extern const int smb_schema_nmigrations;
/* Refuses (SMB_EDATA, naming them) the tables, indexes, triggers and views
 * of the workspace that migrations 1..version do not create or create
 * otherwise, and those they create that it lacks (core/store/schema_check.c). */
int smb_schema_check(smb_store *s, int version, smb_err *e);

#endif
