/* tests/test_store.c — the workspace store: a new workspace gets the
 * current schema; an older one is migrated forward in one step and keeps its
 * data; a newer one is refused naming both versions; a missing one is not
 * created by accident. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"
#include "tap.h"

static int version_of(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_open(path, &db) == SQLITE_OK && sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return v;
}

static int exec(const char *path, const char *sql)
{
	sqlite3 *db;
	int rc = sqlite3_open(path, &db) == SQLITE_OK ? sqlite3_exec(db, sql, NULL, NULL, NULL) : -1;
	sqlite3_close(db);
	return rc;
}

/* The rows of one SELECT, one per line, columns joined by '|'. */
static void rows_of(const char *path, const char *sql, char *out, size_t size)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	size_t len = 0;

	out[0] = '\0';
	if (sqlite3_open(path, &db) == SQLITE_OK && sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW && len < size)
			for (int i = 0; i < sqlite3_column_count(st) && len < size; i++)
				len += (size_t)snprintf(out + len, size - len, "%s%s", sqlite3_column_text(st, i) ?
				                        (const char *)sqlite3_column_text(st, i) : "NULL",
				                        i + 1 < sqlite3_column_count(st) ? "|" : "\n");
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
}

int main(void)
{
	char dir[] = "/tmp/smbopt-store.XXXXXX", path[128], v1[128];
	smb_store *s;
	smb_err e;

	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof path, "%s/new.db", dir);
	snprintf(v1, sizeof v1, "%s/v1.db", dir);

	is_int(smb_store_open(path, SMB_OPEN_EXISTING, &s, &e), SMB_ENOINPUT, "a missing workspace is not created");
	ok(access(path, F_OK) != 0, "and no file appears");
	is_int(smb_store_open(path, SMB_OPEN_CREATE, &s, &e), SMB_OK, "init creates it");
	{
		/* -1 reads a setting without changing it */
		int trusted = -1, ext = -1, defensive = -1;
		sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, -1, &trusted);
		sqlite3_db_config(s->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, -1, &ext);
		sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, -1, &defensive);
		is_int(trusted, 0, "the workspace's schema runs untrusted (trusted_schema off)");
		is_int(ext, 0, "extension loading is off");
		is_int(defensive, 1, "defensive mode is on");
	}
	smb_store_close(s);
	is_int(version_of(path), SMB_SCHEMA_VERSION, "at the current schema version");
	ok(SMB_SCHEMA_VERSION == smb_schema_nmigrations, "one migration per version");

	/* A workspace written by the first release: migration 1 only, with data. */
	exec(v1, smb_schema_migrations[0]);
	exec(v1, "PRAGMA user_version = 1;"
	         "INSERT INTO client(id, name, industry, created) VALUES ('old', 'Old Ltd', 'retail', 'then');");
	is_int(version_of(v1), 1, "a version 1 workspace");
	is_int(smb_store_open(v1, SMB_OPEN_EXISTING, &s, &e), SMB_OK, "opens");
	smb_store_close(s);
	is_int(version_of(v1), SMB_SCHEMA_VERSION, "and is migrated forward");
	is_int(exec(v1, "SELECT id FROM goal"), SQLITE_OK, "the new tables exist");
	{
		sqlite3 *db;
		sqlite3_stmt *st;
		sqlite3_open(v1, &db);
		sqlite3_prepare_v2(db, "SELECT name FROM client WHERE id = 'old'", -1, &st, NULL);
		ok(sqlite3_step(st) == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(st, 0), "Old Ltd") == 0,
		   "its data survive the migration");
		sqlite3_finalize(st);
		sqlite3_close(db);
	}

	/* A version-1 file whose goal table already exists with another shape
	 * (a migration would fail on it) is refused before any migration runs:
	 * its schema is not what migration 1 creates. */
	snprintf(v1, sizeof v1, "%s/clash.db", dir);
	exec(v1, smb_schema_migrations[0]);
	exec(v1, "PRAGMA user_version = 1; CREATE TABLE goal(x);");
	is_int(smb_store_open(v1, SMB_OPEN_EXISTING, &s, &e), SMB_EDATA, "a file with a table of a later version is refused");
	ok(strstr(e.msg, "unknown table goal") != NULL, "naming the table");
	is_int(version_of(v1), 1, "and the file keeps its version");

	/* Versions outside 0..current never reach the migration table. */
	exec(v1, "DROP TABLE goal; PRAGMA user_version = -1");
	is_int(smb_store_open(v1, SMB_OPEN_EXISTING, &s, &e), SMB_EDATA, "user_version -1 is refused");
	ok(strstr(e.msg, "schema version -1") != NULL, "naming it");
	exec(v1, "PRAGMA user_version = -100000");
	is_int(smb_store_open(v1, SMB_OPEN_READ, &s, &e), SMB_EDATA, "user_version -100000 is refused read-only too");
	is_int(version_of(v1), -100000, "and the file keeps its version");

	/* Version 2 to 3 rebuilds dataset_row clustered by client, kind and
	 * import order: every row survives, and a cycle's read needs no sort. */
	{
		char v2[128], got[512];
		snprintf(v2, sizeof v2, "%s/v2.db", dir);
		exec(v2, smb_schema_migrations[0]);
		exec(v2, smb_schema_migrations[1]);
		exec(v2, "PRAGMA user_version = 2;"
		         "INSERT INTO client(id, name, industry, created) VALUES ('c', 'C', 'retail', 'then');"
		         "INSERT INTO import(id, client_id, kind, file, sha256, rows, created) VALUES"
		         " (1, 'c', 'transactions', 'a.csv', 'x', 2, 'then'), (2, 'c', 'transactions', 'b.csv', 'y', 1, 'then');"
		         "INSERT INTO dataset_row(import_id, client_id, kind, line, day, cells) VALUES"
		         " (2, 'c', 'transactions', 2, 20, 'b2'), (1, 'c', 'transactions', 3, NULL, 'a3'),"
		         " (1, 'c', 'transactions', 2, 10, 'a2'), (1, 'c', 'inventory', 2, 5, 'i2');");
		is_int(smb_store_open(v2, SMB_OPEN_EXISTING, &s, &e), SMB_OK, "a version 2 workspace with dataset rows opens");
		smb_store_close(s);
		is_int(version_of(v2), SMB_SCHEMA_VERSION, "and is migrated forward");
		rows_of(v2, "SELECT import_id, line, day, cells FROM dataset_row WHERE client_id = 'c' AND kind = 'transactions'",
		        got, sizeof got);
		is_str(got, "1|2|10|a2\n1|3|NULL|a3\n2|2|20|b2\n", "its rows survive, in import order without ORDER BY");
		rows_of(v2, "EXPLAIN QUERY PLAN SELECT cells FROM dataset_row WHERE client_id = 'c' AND kind = 'transactions'"
		            " AND (day IS NULL OR day <= 20) ORDER BY import_id, line", got, sizeof got);
		ok(strstr(got, "PRIMARY KEY") && !strstr(got, "TEMP B-TREE"), "a cycle's read is one range of the key, unsorted");
		rows_of(v2, "SELECT count(*) FROM dataset_row", got, sizeof got);
		is_str(got, "4\n", "no row lost or added");
	}

	/* Version 3 to 4 adds the calibration's basis: rows kept from before
	 * were measured over the initiative's window, so they read sequential. */
	{
		char v3[128], got[256];
		snprintf(v3, sizeof v3, "%s/v3.db", dir);
		for (int m = 0; m < 3; m++)
			exec(v3, smb_schema_migrations[m]);
		exec(v3, "PRAGMA user_version = 3;"
		         "INSERT INTO calibration(client_id, initiative_id, metric, expected, realised, ratio, from_assessment,"
		         " to_assessment) VALUES ('c', 'I', 'finance.x', 10, 20, 2, 1, 2);");
		is_int(smb_store_open(v3, SMB_OPEN_EXISTING, &s, &e), SMB_OK, "a version 3 workspace with calibration opens");
		smb_store_close(s);
		is_int(version_of(v3), SMB_SCHEMA_VERSION, "and is migrated forward");
		rows_of(v3, "SELECT initiative_id, ratio, basis FROM calibration", got, sizeof got);
		is_str(got, "I|2.0|sequential\n", "its calibration reads sequential");
	}

	{
		/* one version past this program's, whatever that is */
		char set[64], want[64], newer[64];
		snprintf(set, sizeof set, "PRAGMA user_version = %d", SMB_SCHEMA_VERSION + 1);
		exec(path, set);
		is_int(smb_store_open(path, SMB_OPEN_EXISTING, &s, &e), SMB_ECONFIG, "a newer workspace is refused");
		snprintf(want, sizeof want, "understands (%d)", SMB_SCHEMA_VERSION);
		snprintf(newer, sizeof newer, "schema version %d", SMB_SCHEMA_VERSION + 1);
		ok(strstr(e.msg, newer) && strstr(e.msg, want), "naming both versions");
	}

	{
		char cmd[256];
		snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
		if (system(cmd) != 0)
			return 1;
	}
	return done_testing();
}
