/* core/store/schema_check.c — a workspace is trusted only when its schema is
 * the one this program's migrations create. A colleague's file can carry an
 * extra trigger (one that doubles every imported value), a view, a table,
 * or lack the immutability triggers; any of these is refused on open.
 * The expected objects are not listed by hand: the migrations up to the
 * file's version run on an in-memory database, and its sqlite_schema is the
 * reference, so a later migration is covered without touching this file. */
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* SQLite's own bookkeeping tables, which ANALYZE or AUTOINCREMENT add. */
static int internal(const char *name)
{
	return strncmp(name, "sqlite_stat", 11) == 0 || strcmp(name, "sqlite_sequence") == 0;
}

static const char *text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? (const char *)t : "";
}

static const char objects_sql[] =
	"SELECT type, name, coalesce(sql, '') FROM sqlite_schema ORDER BY type, name";

/* The reference: a private in-memory database migrated to `version`. */
static int reference(int version, sqlite3 **out, smb_err *e)
{
	sqlite3 *db;
	char *msg = NULL;

	*out = NULL;
	if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	}
	for (int v = 0; v < version && v < smb_schema_nmigrations; v++)
		if (sqlite3_exec(db, smb_schema_migrations[v], NULL, NULL, &msg) != SQLITE_OK) {
			int rc = smb_err_set(e, SMB_ESOFTWARE, "schema migration %d does not run: %s", v + 1, msg ? msg : "");
			sqlite3_free(msg);
			sqlite3_close(db);
			return rc;
		}
	*out = db;
	return SMB_OK;
}

/* Is (type, name, sql) an object of db? 1 same, 0 absent, -1 same name
 * with another type or definition, -2 an error. */
static int find(sqlite3 *db, const char *type, const char *name, const char *sql)
{
	sqlite3_stmt *st;
	int found = 0;

	if (sqlite3_prepare_v2(db, "SELECT type, coalesce(sql, '') FROM sqlite_schema WHERE name = ?1", -1, &st, NULL) !=
	    SQLITE_OK)
		return -2;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		found = strcmp(text(st, 0), type) == 0 && strcmp(text(st, 1), sql) == 0 ? 1 : -1;
	sqlite3_finalize(st);
	return found;
}

/* Appends to `bad` each object of `a` that `b` lacks (named `what`), and
 * with `altered`, each that `b` defines otherwise. */
static int compare(sqlite3 *a, sqlite3 *b, const char *what, int altered, smb_buf *bad, int *nbad)
{
	sqlite3_stmt *st;
	int step;

	if (sqlite3_prepare_v2(a, objects_sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *type = text(st, 0), *name = text(st, 1);
		int f;
		if (internal(name))
			continue;
		if ((f = find(b, type, name, text(st, 2))) == -2)
			break;
		if (f == 1 || (f == -1 && !altered))
			continue;
		if (++*nbad <= 10)
			smb_buf_printf(bad, "%s%s %s %s", *nbad > 1 ? ", " : "", f == 0 ? what : "altered", type, name);
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? 0 : -1;
}

int smb_schema_check(smb_store *s, int version, smb_err *e)
{
	sqlite3 *ref;
	smb_buf bad;
	int rc, nbad = 0;

	if ((rc = reference(version, &ref, e)))
		return rc;
	smb_buf_init(&bad);
	if (compare(s->db, ref, "unknown", 1, &bad, &nbad)) {
		rc = smb_store_error(s, "reading the schema", e);
	} else if (compare(ref, s->db, "missing", 0, &bad, &nbad)) {
		rc = smb_err_set(e, SMB_ESOFTWARE, "reading the reference schema: %s", sqlite3_errmsg(ref));
	} else if (bad.failed) {
		rc = smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	} else if (nbad) {
		rc = smb_err_set(e, SMB_EDATA,
		                 "%s is refused: its schema is not the one smbopt writes (schema version %d): %s%s",
		                 s->path, version, smb_buf_str(&bad), nbad > 10 ? ", ..." : "");
	}
	smb_buf_free(&bad);
	sqlite3_close(ref);
	return rc;
}
