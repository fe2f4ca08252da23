/* tests/fuzz/fuzz_workspace.c — libFuzzer target for the workspace opener
 * (core/store/store.c, schema_check.c): the bytes are written as a file and
 * opened as `smbopt` opens a workspace, read-only and for writing (which
 * migrates an older file), then read as `client list`, `observations` and
 * `assessments` do. A colleague's workspace is untrusted input: a crafted
 * user_version, an extra trigger or view, a missing immutability trigger,
 * a damaged page. Besides memory errors it checks that a refusal is one of
 * the documented codes with a message naming the file, and that a file the
 * opener accepted has the current schema version and passes the check again. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assessment.h"
#include "client.h"
#include "observation.h"
#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond, ...)                                                      \
	do {                                                                  \
		if (!(cond)) {                                                \
			fprintf(stderr, "fuzz_workspace: %s: ", #cond);       \
			fprintf(stderr, __VA_ARGS__);                         \
			fputc('\n', stderr);                                  \
			abort();                                              \
		}                                                             \
	} while (0)

static char dir[64], path[96];

static void clean(void)
{
	static const char *const side[] = { "", "-wal", "-shm", "-journal" };
	char f[128];

	for (size_t i = 0; i < 4; i++) {
		snprintf(f, sizeof f, "%s%s", path, side[i]);
		unlink(f);
	}
}

static void at_exit(void)
{
	clean();
	rmdir(dir);
}

static int write_input(const uint8_t *data, size_t size)
{
	FILE *f;

	if (!dir[0]) {
		snprintf(dir, sizeof dir, "%s/fuzz_workspace.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
		if (!mkdtemp(dir) || strlen(dir) > 60)
			abort();
		snprintf(path, sizeof path, "%s/ws.db", dir);
		atexit(at_exit);
	}
	clean();
	if (!(f = fopen(path, "wb")))
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	return fclose(f);
}

/* What a reading command does with an opened workspace. */
static void read_some(smb_store *s)
{
	smb_client *c;
	size_t n;
	smb_err e;

	if (smb_client_list(s, &c, &n, &e) != SMB_OK)
		return;
	for (size_t i = 0; i < n && i < 4; i++) {
		smb_observation *v;
		smb_assessment **as;
		size_t nv, na;
		if (smb_observations_list(s, c[i].id, NULL, &v, &nv, &e) == SMB_OK)
			smb_observations_free(v, nv);
		if (smb_assessment_list(s, c[i].id, &as, &na, &e) == SMB_OK)
			smb_assessment_list_free(as, na);
	}
	smb_client_list_free(c, n);
}

/* The schema objects of db as one text, "type name sql" lines in order. */
static char *schema_of(sqlite3 *db)
{
	sqlite3_stmt *st;
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	if (!f)
		abort();
	if (sqlite3_prepare_v2(db, "SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%'"
	                           " ORDER BY type, name", -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW)
			fprintf(f, "%s %s %s\n", sqlite3_column_text(st, 0), sqlite3_column_text(st, 1),
			        sqlite3_column_text(st, 2));
		sqlite3_finalize(st);
	}
	fclose(f);
	return out;
}

/* Independently of schema_check.c: an accepted workspace holds exactly
 * the objects every migration creates on an empty database, so no extra
 * trigger, view or table ran or will run, and none is missing. */
static void check_schema(smb_store *s)
{
	sqlite3 *ref;
	char *want, *got;

	if (sqlite3_open(":memory:", &ref) != SQLITE_OK)
		abort();
	for (int v = 0; v < smb_schema_nmigrations; v++)
		CHECK(sqlite3_exec(ref, smb_schema_migrations[v], NULL, NULL, NULL) == SQLITE_OK, "migration %d", v + 1);
	want = schema_of(ref);
	got = schema_of(s->db);
	CHECK(strcmp(want, got) == 0, "an accepted workspace has another schema:\n%s\ninstead of\n%s", got, want);
	free(want);
	free(got);
	sqlite3_close(ref);
}

static void check_refusal(int rc, const smb_err *e, const char *how)
{
	CHECK(rc == SMB_EDATA || rc == SMB_EIO || rc == SMB_ECONFIG || rc == SMB_ENOINPUT,
	      "%s: code %d (%s)", how, rc, e->msg);
	CHECK(e->msg[0] != '\0', "%s: code %d without a message", how, rc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	smb_store *s;
	smb_err e;
	int rc, version, header_version = 0;

	if (size > (1 << 20) || write_input(data, size))
		return 0;
	/* user_version is the big-endian int at offset 60 of the header: a
	 * negative one is refused as bad data, before any migration runs. */
	if (size >= 100 && memcmp(data, "SQLite format 3", 16) == 0)
		header_version = (int32_t)((uint32_t)data[60] << 24 | (uint32_t)data[61] << 16 | (uint32_t)data[62] << 8 |
		                           data[63]);
	memset(&e, 0, sizeof e);
	rc = smb_store_open(path, SMB_OPEN_READ, &s, &e);
	if (header_version < 0)
		CHECK(rc == SMB_EDATA, "user_version %d: code %d (%s)", header_version, rc, e.msg);
	if (header_version < 0 && rc == SMB_EDATA && !strstr(e.msg, "is damaged") && !strstr(e.msg, "not an smbopt"))
		CHECK(strstr(e.msg, "schema version") != NULL, "user_version %d refused without saying so: %s",
		      header_version, e.msg);
	if (rc == SMB_OK) {
		read_some(s);
		smb_store_close(s);
	} else {
		check_refusal(rc, &e, "read-only open");
	}
	memset(&e, 0, sizeof e);
	rc = smb_store_open(path, SMB_OPEN_EXISTING, &s, &e);
	if (rc != SMB_OK) {
		check_refusal(rc, &e, "open");
		return 0;
	}
	CHECK(smb_store_user_version(s, &version, &e) == SMB_OK && version == SMB_SCHEMA_VERSION,
	      "an accepted workspace is at schema version %d, not %d", version, SMB_SCHEMA_VERSION);
	check_schema(s);
	read_some(s);
	smb_store_close(s);
	/* Accepted once (and migrated), accepted again read-only. */
	rc = smb_store_open(path, SMB_OPEN_READ, &s, &e);
	CHECK(rc == SMB_OK || rc == SMB_EDATA, "reopening an accepted workspace: code %d (%s)", rc, e.msg);
	if (rc == SMB_OK)
		smb_store_close(s);
	return 0;
}
