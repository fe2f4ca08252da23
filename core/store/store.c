/* core/store/store.c — opening the workspace, migrating it forward, transactions.
 * Every statement anywhere in the core goes through smb_store_prepare with
 * bound parameters; no user text is ever pasted into SQL. */
#include "store.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Long enough for a batch import by another process to finish; two writers
 * of one workspace queue instead of reporting "database is locked". */
#define SMB_BUSY_TIMEOUT_MS 120000

const char *smb_store_default_path(const char *flag)
{
	const char *env = getenv("SMBOPT_DB");

	if (flag && *flag)
		return flag;
	if (env && *env)
		return env;
	return "smbopt.db";
}

int smb_store_error(smb_store *s, const char *what, smb_err *e)
{
	int code = s && s->db ? sqlite3_errcode(s->db) : SQLITE_ERROR;
	const char *msg = s && s->db ? sqlite3_errmsg(s->db) : "no database";
	int rc = SMB_EIO;

	if (code == SQLITE_NOTADB)
		return smb_err_set(e, SMB_EDATA, "%s is not an smbopt workspace (not an SQLite database)",
		                   s && s->path ? s->path : "workspace");
	if (code == SQLITE_CORRUPT)
		return smb_err_set(e, SMB_EDATA, "%s is damaged (%s)", s && s->path ? s->path : "workspace", msg);
	if (code == SQLITE_CONSTRAINT)
		rc = SMB_EDATA;
	return smb_err_set(e, rc, "%s: %s: %s", s && s->path ? s->path : "workspace", what, msg);
}

int smb_store_prepare(smb_store *s, const char *sql, sqlite3_stmt **st, smb_err *e)
{
	if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK) {
		*st = NULL;
		return smb_store_error(s, "preparing a statement", e);
	}
	return SMB_OK;
}

int smb_store_exec(smb_store *s, const char *sql, smb_err *e)
{
	char *msg = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int rc = smb_store_error(s, "executing", e);
		sqlite3_free(msg);
		return rc;
	}
	return SMB_OK;
}

int smb_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (!s)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

char *smb_column_strdup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? strdup((const char *)t) : NULL;
}

void smb_now_iso(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int smb_store_begin(smb_store *s, smb_err *e)
{
	int rc;

	if (s->in_tx)
		return smb_err_set(e, SMB_ESOFTWARE, "transaction already open");
	rc = smb_store_exec(s, "BEGIN IMMEDIATE", e);
	if (rc == SMB_OK)
		s->in_tx = 1;
	return rc;
}

int smb_store_commit(smb_store *s, smb_err *e)
{
	int rc = smb_store_exec(s, "COMMIT", e);

	if (rc != SMB_OK) {
		smb_store_rollback(s);
		return rc;
	}
	s->in_tx = 0;
	return SMB_OK;
}

int smb_store_begin_read(smb_store *s, int *started, smb_err *e)
{
	int rc;

	*started = 0;
	if (s->in_tx)
		return SMB_OK;
	if ((rc = smb_store_exec(s, "BEGIN DEFERRED", e)) == SMB_OK)
		s->in_tx = *started = 1;
	return rc;
}

void smb_store_end_read(smb_store *s, int started)
{
	if (started)
		smb_store_rollback(s);   /* nothing was written: ending it is all */
}

void smb_store_rollback(smb_store *s)
{
	if (s && s->in_tx) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		s->in_tx = 0;
	}
}

int smb_store_user_version(smb_store *s, int *version, smb_err *e)
{
	sqlite3_stmt *st;
	int rc = smb_store_prepare(s, "PRAGMA user_version", &st, e);

	if (rc)
		return rc;
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = smb_store_error(s, "reading the schema version", e);
		sqlite3_finalize(st);
		return rc;
	}
	*version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return SMB_OK;
}

/* Applies migrations user_version+1 .. SMB_SCHEMA_VERSION in one
 * transaction: a failed migration leaves the file as it was. */
static int migrate(smb_store *s, int from, smb_err *e)
{
	char pragma[64];
	int rc, v;

	if ((rc = smb_store_begin(s, e)))
		return rc;
	/* Another process may have migrated while we waited for the lock. */
	if ((rc = smb_store_user_version(s, &v, e)))
		goto fail;
	from = v;
	if (from < 0 || from > SMB_SCHEMA_VERSION) {
		rc = smb_err_set(e, SMB_EDATA, "%s has schema version %d, which no smbopt writes", s->path, from);
		goto fail;
	}
	for (v = from; v < SMB_SCHEMA_VERSION && v < smb_schema_nmigrations; v++) {
		if ((rc = smb_store_exec(s, smb_schema_migrations[v], e))) {
			smb_err_prefix(e, "migrating the workspace to schema version %d", v + 1);
			goto fail;
		}
	}
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", SMB_SCHEMA_VERSION);
	if ((rc = smb_store_exec(s, pragma, e)))
		goto fail;
	return smb_store_commit(s, e);
fail:
	smb_store_rollback(s);
	return rc;
}

/* A writing command names what keeps it from writing, before SQLite's
 * "attempt to write a readonly database" halfway through. The folder needs
 * to be writable for the -wal and -shm files unless they exist already. */
static void dir_of(const char *path, char dir[PATH_MAX])
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		snprintf(dir, PATH_MAX, ".");
	else
		snprintf(dir, PATH_MAX, "%.*s", slash == path ? 1 : (int)(slash - path), path);
}

/* 1 when the -wal file is absent and cannot be created: no one but root
 * can then write to the file in WAL mode. */
static int wal_impossible(const char *path)
{
	char dir[PATH_MAX], wal[PATH_MAX + 8];

	snprintf(wal, sizeof wal, "%s-wal", path);
	if (access(wal, F_OK) == 0)
		return 0;
	dir_of(path, dir);
	return access(dir, W_OK) != 0;
}

static int check_writable(const char *path, smb_err *e)
{
	char dir[PATH_MAX];

	if (access(path, W_OK) != 0)
		return smb_err_set(e, SMB_EIO, "%s is not writable (%s); this command writes to the workspace", path,
		                   strerror(errno));
	if (!wal_impossible(path))
		return SMB_OK;
	dir_of(path, dir);
	if (access(dir, W_OK) != 0)
		return smb_err_set(e, SMB_EIO,
		                   "the folder %s is not writable (%s); this command writes to the workspace %s, which "
		                   "needs its -wal and -shm files beside it",
		                   dir, strerror(errno), path);
	return SMB_OK;
}

/* "file:PATH?immutable=1", PATH percent-encoded as URIs need. */
static char *immutable_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	char *u = malloc(3 * strlen(path) + 32), *p = u;

	if (!u)
		return NULL;
	p += sprintf(p, "file:");
	for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
		if (isalnum(*c) || strchr("/-._~", *c)) {
			*p++ = (char)*c;
		} else {
			*p++ = '%';
			*p++ = hex[*c >> 4];
			*p++ = hex[*c & 15];
		}
	}
	strcpy(p, "?immutable=1");
	return u;
}

/* Settings that hold whatever the file says: its triggers and views may
 * not call functions with side effects, and nothing loads extensions. */
static int harden(smb_store *s, smb_err *e)
{
	if (sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL) != SQLITE_OK ||
	    sqlite3_db_config(s->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, (int *)NULL) != SQLITE_OK ||
	    sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL) != SQLITE_OK)
		return smb_store_error(s, "configuring the connection", e);
	return SMB_OK;
}

int smb_store_open(const char *path, smb_open_mode mode, smb_store **out, smb_err *e)
{
	smb_store *s;
	struct stat sb;
	int flags = SQLITE_OPEN_NOMUTEX;
	char *uri = NULL;
	int rc, version;

	*out = NULL;
	if (mode != SMB_OPEN_CREATE && stat(path, &sb) != 0)
		return smb_err_set(e, SMB_ENOINPUT, "no workspace at %s (create one with 'smbopt init')", path);
	if (mode == SMB_OPEN_EXISTING && (rc = check_writable(path, e)))
		return rc;
	flags |= mode == SMB_OPEN_READ ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (mode == SMB_OPEN_CREATE)
		flags |= SQLITE_OPEN_CREATE;
	s = calloc(1, sizeof *s);
	if (!s || !(s->path = strdup(path))) {
		free(s);
		return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	}
	/* SQLite reads a WAL-mode file read-only only where it can keep the
	 * -shm index, unless told the file cannot change: true in a read-only
	 * folder without a -wal, where no writer can start. */
	if (mode == SMB_OPEN_READ && wal_impossible(path)) {
		if (!(uri = immutable_uri(path))) {
			smb_store_close(s);
			return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
		}
		flags |= SQLITE_OPEN_URI;
	}
	rc = sqlite3_open_v2(uri ? uri : path, &s->db, flags, NULL);
	free(uri);
	if (rc != SQLITE_OK) {
		rc = smb_store_error(s, "opening", e);
		smb_store_close(s);
		return rc;
	}
	s->readonly = mode == SMB_OPEN_READ;
	sqlite3_extended_result_codes(s->db, 0);
	sqlite3_busy_timeout(s->db, SMB_BUSY_TIMEOUT_MS);
	if ((rc = harden(s, e)) || (rc = smb_store_user_version(s, &version, e)))
		goto fail;
	/* Invariant for migrate(): 0 <= version <= SMB_SCHEMA_VERSION, so the
	 * migration table is never indexed outside its bounds. */
	if (version < 0) {
		rc = smb_err_set(e, SMB_EDATA, "%s has schema version %d, which no smbopt writes; it is refused", path,
		                 version);
		goto fail;
	}
	if (version > SMB_SCHEMA_VERSION) {
		rc = smb_err_set(e, SMB_ECONFIG,
		                 "%s has schema version %d, newer than this smbopt understands (%d); use a newer smbopt",
		                 path, version, SMB_SCHEMA_VERSION);
		goto fail;
	}
	if (version == 0 && mode != SMB_OPEN_CREATE) {
		rc = smb_err_set(e, SMB_EDATA, "%s is not an smbopt workspace (create one with 'smbopt init')", path);
		goto fail;
	}
	if ((rc = smb_schema_check(s, version, e)))
		goto fail;
	if (mode == SMB_OPEN_READ && version < SMB_SCHEMA_VERSION) {
		/* Reading an older file needs it migrated first, which writes. */
		smb_store_close(s);
		if ((rc = smb_store_open(path, SMB_OPEN_EXISTING, out, e)))
			smb_err_prefix(e, "%s has schema version %d and needs migrating to %d first", path, version,
			               SMB_SCHEMA_VERSION);
		return rc;
	}
	if ((rc = smb_store_exec(s, "PRAGMA foreign_keys = ON", e)))
		goto fail;
	/* WAL lets readers (listing, review) run beside a long import. */
	if (mode != SMB_OPEN_READ && (rc = smb_store_exec(s, "PRAGMA journal_mode = WAL", e)))
		goto fail;
	if (mode != SMB_OPEN_READ && (rc = smb_store_exec(s, "PRAGMA synchronous = NORMAL", e)))
		goto fail;
	/* Reads through a memory map rather than a read() and a cache copy per
	 * page: an assessment reads thousands of dataset rows, and each copy is
	 * a page fault and each read a system call (a fifth of its time). */
	if ((rc = smb_store_exec(s, "PRAGMA mmap_size = 268435456", e)))
		goto fail;
	if (version < SMB_SCHEMA_VERSION && (rc = migrate(s, version, e)))
		goto fail;
	*out = s;
	return SMB_OK;
fail:
	smb_store_close(s);
	return rc;
}

void smb_store_close(smb_store *s)
{
	if (!s)
		return;
	smb_store_rollback(s);
	if (s->db)
		sqlite3_close(s->db);
	free(s->path);
	free(s);
}
