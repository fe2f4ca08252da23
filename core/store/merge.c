/* core/store/merge.c — merging workspace copies. Every source is checked
 * before anything is written, so a conflict changes nothing; then each
 * source's new assessments are copied in one transaction per source (SQLite
 * cannot ATTACH inside a transaction). Merging is idempotent: an assessment
 * already present, identical in every column but its id, is not copied
 * again, so a merge cut short is finished by running it again. */
#include "merge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* The assessment's identity: every column but id. */
#define SAME_ASSESSMENT \
	"m.client_id = a.client_id AND m.period = a.period AND m.created = a.created AND " \
	"m.fingerprint = a.fingerprint AND m.industry = a.industry AND m.aggregate = a.aggregate AND " \
	"m.partial = a.partial AND m.method = a.method AND m.overall IS a.overall AND m.level IS a.level"

static int attach(smb_store *s, const char *file, smb_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = smb_store_prepare(s, "ATTACH DATABASE ?1 AS src", &st, e)))
		return rc;
	sqlite3_bind_text(st, 1, file, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return smb_err_set(e, SMB_ENOINPUT, "%s: cannot open: %s", file, sqlite3_errmsg(s->db));
	return SMB_OK;
}

static void detach(smb_store *s)
{
	sqlite3_exec(s->db, "DETACH DATABASE src", NULL, NULL, NULL);
}

/* One integer from a query, or -1 on error. */
static long long count(smb_store *s, const char *sql, const char *arg)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (arg)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The source's assessments that s lacks come from clients whose data must
 * be the same in both: the client row, observations and dataset rows. */
static int check(smb_store *s, const char *file, smb_err *e)
{
	static const char *const differ[] = {
		"SELECT count(*) FROM (SELECT id, name, industry, employees, currency FROM src.client WHERE id = ?1"
		" EXCEPT SELECT id, name, industry, employees, currency FROM main.client WHERE id = ?1)",
		"SELECT (SELECT count(*) FROM (SELECT period, metric, value FROM src.observation WHERE client_id = ?1"
		"  EXCEPT SELECT period, metric, value FROM main.observation WHERE client_id = ?1))"
		" + (SELECT count(*) FROM (SELECT period, metric, value FROM main.observation WHERE client_id = ?1"
		"  EXCEPT SELECT period, metric, value FROM src.observation WHERE client_id = ?1))",
		"SELECT (SELECT count(*) FROM (SELECT kind, day, cells FROM src.dataset_row WHERE client_id = ?1"
		"  EXCEPT SELECT kind, day, cells FROM main.dataset_row WHERE client_id = ?1))"
		" + (SELECT count(*) FROM (SELECT kind, day, cells FROM main.dataset_row WHERE client_id = ?1"
		"  EXCEPT SELECT kind, day, cells FROM src.dataset_row WHERE client_id = ?1))",
	};
	static const char *const what[] = { "client details", "observations", "dataset rows" };
	sqlite3_stmt *st;
	int rc = SMB_OK;

	if (count(s, "PRAGMA src.user_version", NULL) != count(s, "PRAGMA main.user_version", NULL))
		return smb_err_set(e, SMB_EDATA, "%s: conflict: its schema version is %lld, this workspace's is %lld "
		                   "(open both with this smbopt first)", file, count(s, "PRAGMA src.user_version", NULL),
		                   count(s, "PRAGMA main.user_version", NULL));
	/* the clients of the new assessments */
	if ((rc = smb_store_prepare(s, "SELECT DISTINCT a.client_id FROM src.assessment a WHERE NOT EXISTS"
	                               " (SELECT 1 FROM main.assessment m WHERE " SAME_ASSESSMENT ") ORDER BY 1",
	                            &st, e)))
		return rc;
	while (rc == SMB_OK && sqlite3_step(st) == SQLITE_ROW) {
		const char *client = (const char *)sqlite3_column_text(st, 0);
		if (count(s, "SELECT count(*) FROM main.client WHERE id = ?1", client) != 1) {
			rc = smb_err_set(e, SMB_EDATA, "%s: conflict: client %s is not in this workspace (merge brings "
			                 "assessments of shards of one workspace, not new clients)", file, client);
			break;
		}
		for (size_t i = 0; i < sizeof differ / sizeof differ[0]; i++) {
			long long n = count(s, differ[i], client);
			if (n != 0) {
				rc = n < 0 ? smb_store_error(s, "comparing the workspaces", e)
				           : smb_err_set(e, SMB_EDATA, "%s: conflict: the %s of client %s differ from this "
				                         "workspace's (%lld row%s): a shard must be a copy of the workspace "
				                         "it is merged into", file, what[i], client, n, n == 1 ? "" : "s");
				break;
			}
		}
	}
	sqlite3_finalize(st);
	if (rc)
		return rc;
	/* the same client, period and method with other results */
	long long n = count(s, "SELECT count(*) FROM src.assessment a JOIN main.assessment m ON m.client_id = a.client_id"
	                       " AND m.period = a.period AND m.fingerprint = a.fingerprint AND m.created = a.created"
	                       " WHERE NOT (" SAME_ASSESSMENT ")", NULL);
	if (n != 0)
		return n < 0 ? smb_store_error(s, "comparing the workspaces", e)
		             : smb_err_set(e, SMB_EDATA, "%s: conflict: %lld assessment%s made at the same time by the same "
		                           "method differ from this workspace's", file, n, n == 1 ? "" : "s");
	return SMB_OK;
}

/* Copies the rows of one child table of the new assessments: every table
 * whose primary key holds a column that references assessment(id), so a
 * table added by a later migration is merged too. */
static int copy_children(smb_store *s, const char *table, smb_err *e)
{
	sqlite3_stmt *st;
	smb_buf cols, sel, where;
	int rc, fkcols = 0;

	smb_buf_init(&cols);
	smb_buf_init(&sel);
	smb_buf_init(&where);
	if ((rc = smb_store_prepare(s, "SELECT c.name, c.pk, f.\"table\" IS NOT NULL AND f.\"to\" = 'id'"
	                               " FROM pragma_table_info(?1, 'main') c LEFT JOIN pragma_foreign_key_list(?1, 'main') f"
	                               " ON f.\"from\" = c.name AND f.\"table\" = 'assessment' ORDER BY c.cid", &st, e)))
		return rc;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		int fk = sqlite3_column_int(st, 2);
		smb_buf_printf(&cols, "%s\"%s\"", cols.len ? ", " : "", name);
		if (fk) {
			smb_buf_printf(&sel, "%s(SELECT new FROM temp.merge_map WHERE old = t.\"%s\")", sel.len ? ", " : "", name);
			smb_buf_printf(&where, "%st.\"%s\" IN (SELECT old FROM temp.merge_map)", where.len ? " AND " : "", name);
			fkcols++;
		} else {
			smb_buf_printf(&sel, "%st.\"%s\"", sel.len ? ", " : "", name);
		}
	}
	sqlite3_finalize(st);
	if (fkcols) {
		smb_buf sql;
		smb_buf_init(&sql);
		smb_buf_printf(&sql, "INSERT INTO main.\"%s\"(%s) SELECT %s FROM src.\"%s\" t WHERE %s", table,
		               smb_buf_str(&cols), smb_buf_str(&sel), table, smb_buf_str(&where));
		rc = sql.failed ? smb_err_set(e, SMB_ESOFTWARE, "out of memory") : smb_store_exec(s, smb_buf_str(&sql), e);
		smb_buf_free(&sql);
	}
	smb_buf_free(&cols);
	smb_buf_free(&sel);
	smb_buf_free(&where);
	return rc;
}

static int copy(smb_store *s, smb_merge_count *c, smb_err *e)
{
	static const char cols[] = "client_id, period, created, industry, aggregate, overall, level, overall_reason, "
	                           "partial, fingerprint, method";
	sqlite3_stmt *st, *ins;
	char sql[512];
	int rc;

	c->present = (size_t)count(s, "SELECT count(*) FROM src.assessment a WHERE EXISTS"
	                              " (SELECT 1 FROM main.assessment m WHERE " SAME_ASSESSMENT ")", NULL);
	if ((rc = smb_store_exec(s, "CREATE TEMP TABLE IF NOT EXISTS merge_map(old INTEGER PRIMARY KEY, new INTEGER);"
	                            "DELETE FROM temp.merge_map", e)))
		return rc;
	/* New assessments keep their order; each gets the next id here. */
	if ((rc = smb_store_prepare(s, "SELECT a.id FROM src.assessment a WHERE NOT EXISTS"
	                               " (SELECT 1 FROM main.assessment m WHERE " SAME_ASSESSMENT ") ORDER BY a.id", &st, e)))
		return rc;
	snprintf(sql, sizeof sql, "INSERT INTO main.assessment(%s) SELECT %s FROM src.assessment WHERE id = ?1", cols, cols);
	if ((rc = smb_store_prepare(s, sql, &ins, e))) {
		sqlite3_finalize(st);
		return rc;
	}
	while (rc == SMB_OK && sqlite3_step(st) == SQLITE_ROW) {
		long long old = sqlite3_column_int64(st, 0);
		sqlite3_reset(ins);
		sqlite3_bind_int64(ins, 1, old);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			rc = smb_store_error(s, "copying an assessment", e);
			break;
		}
		snprintf(sql, sizeof sql, "INSERT INTO temp.merge_map VALUES (%lld, %lld)", old,
		         (long long)sqlite3_last_insert_rowid(s->db));
		rc = smb_store_exec(s, sql, e);
		c->added++;
	}
	sqlite3_finalize(ins);
	sqlite3_finalize(st);
	if (rc)
		return rc;
	if ((rc = smb_store_prepare(s, "SELECT DISTINCT t.name FROM main.sqlite_schema t, pragma_table_info(t.name, 'main') c,"
	                               " pragma_foreign_key_list(t.name, 'main') f WHERE t.type = 'table' AND c.pk > 0"
	                               " AND f.\"from\" = c.name AND f.\"table\" = 'assessment' ORDER BY 1", &st, e)))
		return rc;
	while (rc == SMB_OK && sqlite3_step(st) == SQLITE_ROW) {
		char table[128];
		snprintf(table, sizeof table, "%s", (const char *)sqlite3_column_text(st, 0));
		rc = copy_children(s, table, e);
	}
	sqlite3_finalize(st);
	return rc;
}

int smb_merge(smb_store *s, const char *const *files, size_t n, smb_merge_count *count_out, smb_err *e)
{
	int rc = SMB_OK;

	memset(count_out, 0, n * sizeof *count_out);
	for (size_t i = 0; i < n && rc == SMB_OK; i++) {
		if (strcmp(files[i], s->path) == 0)
			return smb_err_set(e, SMB_EUSAGE, "%s: cannot merge a workspace into itself", files[i]);
		if ((rc = attach(s, files[i], e)) == SMB_OK) {
			rc = check(s, files[i], e);
			detach(s);
		}
	}
	for (size_t i = 0; i < n && rc == SMB_OK; i++) {
		if ((rc = attach(s, files[i], e)))
			break;
		if ((rc = smb_store_begin(s, e)) == SMB_OK) {
			if ((rc = copy(s, &count_out[i], e)) == SMB_OK)
				rc = smb_store_commit(s, e);
			else
				smb_store_rollback(s);
		}
		detach(s);
		if (rc)
			smb_err_prefix(e, "%s", files[i]);
	}
	return rc;
}
