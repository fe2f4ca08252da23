/* core/store/client.c — adding, reading and listing clients. */
#include "client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int smb_slug_valid(const char *s)
{
	size_t i;

	if (!s || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return 0;
	for (i = 0; s[i]; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			return 0;
	}
	return i <= 64;
}

static int row_to_client(sqlite3_stmt *st, smb_client *c)
{
	memset(c, 0, sizeof *c);
	c->id = smb_column_strdup(st, 0);
	c->name = smb_column_strdup(st, 1);
	c->industry = smb_column_strdup(st, 2);
	c->employees = sqlite3_column_type(st, 3) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 3);
	c->currency = smb_column_strdup(st, 4);
	c->created = smb_column_strdup(st, 5);
	if (!c->id || !c->name || !c->industry || !c->currency || !c->created) {
		smb_client_free(c);
		return -1;
	}
	return 0;
}

/* What add and update both check. */
static int check_fields(const smb_client *c, smb_err *e)
{
	if (c->name && !*c->name)
		return smb_err_set(e, SMB_EUSAGE, "client %s needs a --name", c->id);
	if (c->industry && !smb_slug_valid(c->industry))
		return smb_err_set(e, SMB_EUSAGE, "industry '%s' must be one word of lower-case letters, digits and '-' (e.g. retail, e-commerce)",
		                   c->industry);
	if (c->currency && (strlen(c->currency) != 3 || strspn(c->currency, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3))
		return smb_err_set(e, SMB_EUSAGE, "currency '%s' must be an ISO 4217 code such as EUR or USD", c->currency);
	return SMB_OK;
}

int smb_client_update(smb_store *s, const smb_client *c, smb_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = check_fields(c, e)))
		return rc;
	if ((rc = smb_store_prepare(s,
	        "UPDATE client SET name = coalesce(?2, name), industry = coalesce(?3, industry),"
	        " employees = CASE WHEN ?4 = -2 THEN employees WHEN ?4 = -1 THEN NULL ELSE ?4 END,"
	        " currency = coalesce(?5, currency) WHERE id = ?1", &st, e)))
		return rc;
	smb_bind_text(st, 1, c->id);
	smb_bind_text(st, 2, c->name);
	smb_bind_text(st, 3, c->industry);
	sqlite3_bind_int64(st, 4, c->employees);
	smb_bind_text(st, 5, c->currency);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = smb_store_error(s, "changing a client", e);
	else if (sqlite3_changes(s->db) == 0)
		rc = smb_err_set(e, SMB_ENOINPUT, "no client '%s' in %s (see 'smbopt client list')", c->id, s->path);
	sqlite3_finalize(st);
	return rc;
}

/* The tables that hold a client's data, children before parents. */
static const char *const client_tables[] = {
	"calibration", "adoption", "goal", "assessment_withdrawal", "assessment_area", "assessment_metric",
	"assessment_finding", "assessment_recommendation", "assessment_error", "assessment_model", "assessment_quality",
	"assessment_note", "assessment",
	"observation", "dataset_row", "import",
};

/* Consultant notes (table note) hang on assessments like their children;
 * the list names them assessment_note so that one rule reads them all. */
static const char *table_name(const char *listed)
{
	return strcmp(listed, "assessment_note") == 0 ? "note" : listed;
}

static int count_rows(smb_store *s, const char *table, const char *id, long long *n, smb_err *e)
{
	char sql[256];
	sqlite3_stmt *st;
	int rc;

	if (strncmp(table, "assessment_", 11) == 0)
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE assessment_id IN"
		         " (SELECT id FROM assessment WHERE client_id = ?1)", table_name(table));
	else
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE client_id = ?1", table);
	if ((rc = smb_store_prepare(s, sql, &st, e)))
		return rc;
	smb_bind_text(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	else
		rc = smb_store_error(s, "counting a client's data", e);
	sqlite3_finalize(st);
	return rc;
}

/* Assessments are immutable by trigger: removing a client with --force is
 * the one deliberate exception, so the delete triggers are dropped and
 * re-created, from their own stored text, inside the same transaction. */
static int remove_all(smb_store *s, const char *id, smb_err *e)
{
	sqlite3_stmt *st;
	char *triggers[16];
	size_t nt = 0;
	int rc;

	if ((rc = smb_store_prepare(s, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%DELETE%'",
	                            &st, e)))
		return rc;
	while (sqlite3_step(st) == SQLITE_ROW && nt < 16) {
		char drop[160];
		snprintf(drop, sizeof drop, "DROP TRIGGER \"%s\"", (const char *)sqlite3_column_text(st, 0));
		if (!(triggers[nt] = smb_column_strdup(st, 1)))
			break;
		nt++;
		sqlite3_exec(s->db, drop, NULL, NULL, NULL);
	}
	sqlite3_finalize(st);
	for (size_t i = 0; rc == SMB_OK && i < sizeof client_tables / sizeof *client_tables; i++) {
		char sql[256];
		if (strncmp(client_tables[i], "assessment_", 11) == 0)
			snprintf(sql, sizeof sql, "DELETE FROM %s WHERE assessment_id IN"
			         " (SELECT id FROM assessment WHERE client_id = ?1)", table_name(client_tables[i]));
		else
			snprintf(sql, sizeof sql, "DELETE FROM %s WHERE client_id = ?1", client_tables[i]);
		if ((rc = smb_store_prepare(s, sql, &st, e)))
			break;
		smb_bind_text(st, 1, id);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = smb_store_error(s, "removing a client's data", e);
		sqlite3_finalize(st);
	}
	for (size_t i = 0; i < nt; i++) {
		if (rc == SMB_OK)
			rc = smb_store_exec(s, triggers[i], e);
		free(triggers[i]);
	}
	return rc;
}

int smb_client_remove(smb_store *s, const char *id, int force, smb_err *e)
{
	smb_client c;
	sqlite3_stmt *st;
	long long total = 0, n = 0;
	int rc;

	if ((rc = smb_client_get(s, id, &c, e)))
		return rc;
	smb_client_free(&c);
	if ((rc = smb_store_begin(s, e)))
		return rc;
	for (size_t i = 0; rc == SMB_OK && i < sizeof client_tables / sizeof *client_tables; i++)
		if ((rc = count_rows(s, client_tables[i], id, &n, e)) == SMB_OK)
			total += n;
	if (rc == SMB_OK && total > 0 && !force)
		rc = smb_err_set(e, SMB_EDATA, "client %s has data (%lld rows: imports, values, assessments, goals or "
		                 "initiatives); 'client rm %s --force' removes it with all of them", id, total, id);
	if (rc == SMB_OK && total > 0)
		rc = remove_all(s, id, e);
	if (rc == SMB_OK && (rc = smb_store_prepare(s, "DELETE FROM client WHERE id = ?1", &st, e)) == SMB_OK) {
		smb_bind_text(st, 1, id);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = smb_store_error(s, "removing a client", e);
		sqlite3_finalize(st);
	}
	if (rc == SMB_OK)
		return smb_store_commit(s, e);
	smb_store_rollback(s);
	return rc;
}

int smb_client_add(smb_store *s, const smb_client *c, smb_err *e)
{
	sqlite3_stmt *st;
	char now[32];
	int rc;

	if (!smb_slug_valid(c->id))
		return smb_err_set(e, SMB_EUSAGE,
		                   "client id '%s' is not a slug: use lower-case letters, digits and '-', starting with a letter or digit (at most 64)",
		                   c->id ? c->id : "");
	if (!c->name || !*c->name)
		return smb_err_set(e, SMB_EUSAGE, "client %s needs a --name", c->id);
	if (!c->industry)
		return smb_err_set(e, SMB_EUSAGE, "client %s needs an --industry", c->id);
	if ((rc = check_fields(c, e)))
		return rc;
	if ((rc = smb_store_prepare(s,
	        "INSERT INTO client(id, name, industry, employees, currency, created)"
	        " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(id) DO NOTHING", &st, e)))
		return rc;
	smb_now_iso(now);
	smb_bind_text(st, 1, c->id);
	smb_bind_text(st, 2, c->name);
	smb_bind_text(st, 3, c->industry);
	if (c->employees >= 0)
		sqlite3_bind_int64(st, 4, c->employees);
	smb_bind_text(st, 5, c->currency ? c->currency : "EUR");
	smb_bind_text(st, 6, now);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = smb_store_error(s, "adding a client", e);
	else if (sqlite3_changes(s->db) == 0)
		rc = smb_err_set(e, SMB_EDATA, "client %s already exists", c->id);
	sqlite3_finalize(st);
	return rc;
}

int smb_client_get(smb_store *s, const char *id, smb_client *c, smb_err *e)
{
	sqlite3_stmt *st;
	int rc, step;

	memset(c, 0, sizeof *c);
	if ((rc = smb_store_prepare(s,
	        "SELECT id, name, industry, employees, currency, created FROM client WHERE id = ?1", &st, e)))
		return rc;
	smb_bind_text(st, 1, id);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		rc = row_to_client(st, c) ? smb_err_set(e, SMB_ESOFTWARE, "out of memory") : SMB_OK;
	else if (step == SQLITE_DONE)
		rc = smb_err_set(e, SMB_ENOINPUT, "no client '%s' in %s (see 'smbopt client list')", id, s->path);
	else
		rc = smb_store_error(s, "reading a client", e);
	sqlite3_finalize(st);
	return rc;
}

int smb_client_list(smb_store *s, smb_client **out, size_t *n, smb_err *e)
{
	sqlite3_stmt *st;
	smb_client *v = NULL;
	size_t len = 0, cap = 0;
	int rc, step;

	*out = NULL;
	*n = 0;
	if ((rc = smb_store_prepare(s,
	        "SELECT id, name, industry, employees, currency, created FROM client ORDER BY id", &st, e)))
		return rc;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			smb_client *nv = realloc(v, (cap = cap ? 2 * cap : 16) * sizeof *v);
			if (!nv)
				break;
			v = nv;
		}
		if (row_to_client(st, &v[len]))
			break;
		len++;
	}
	if (step == SQLITE_ROW)
		rc = smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	else if (step != SQLITE_DONE)
		rc = smb_store_error(s, "listing clients", e);
	sqlite3_finalize(st);
	if (rc) {
		smb_client_list_free(v, len);
		return rc;
	}
	*out = v;
	*n = len;
	return SMB_OK;
}

void smb_client_free(smb_client *c)
{
	if (!c)
		return;
	free(c->id);
	free(c->name);
	free(c->industry);
	free(c->currency);
	free(c->created);
	memset(c, 0, sizeof *c);
}

void smb_client_list_free(smb_client *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		smb_client_free(&c[i]);
	free(c);
}

void smb_client_check(smb_store *s, const char *id, int *rc, smb_err *e)
{
	smb_client c;

	*rc = smb_client_get(s, id, &c, e);
	if (*rc == SMB_OK)
		smb_client_free(&c);
}
