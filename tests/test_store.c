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

	/* A failing migration leaves the file as it was: simulate one by a
	 * version-1 file whose goal table already exists with another shape. */
	snprintf(v1, sizeof v1, "%s/clash.db", dir);
	exec(v1, smb_schema_migrations[0]);
	exec(v1, "PRAGMA user_version = 1; CREATE TABLE goal(x);");
	ok(smb_store_open(v1, SMB_OPEN_EXISTING, &s, &e) != SMB_OK, "a migration that fails is reported");
	ok(strstr(e.msg, "migrating the workspace to schema version 2") != NULL, "naming the version");
	is_int(version_of(v1), 1, "and the file keeps its version");

	exec(path, "PRAGMA user_version = 7");
	is_int(smb_store_open(path, SMB_OPEN_EXISTING, &s, &e), SMB_ECONFIG, "a newer workspace is refused");
	ok(strstr(e.msg, "schema version 7") && strstr(e.msg, "understands (2)"), "naming both versions");

	{
		char cmd[256];
		snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
		if (system(cmd) != 0)
			return 1;
	}
	return done_testing();
}
