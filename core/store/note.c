/* core/store/note.c — consultant notes (note.h): one row each in the note
 * table, checked against the assessment they annotate. */
#include "note.h"

#include <stdlib.h>
#include <string.h>

/* Well-formed UTF-8 (no overlong forms, surrogates or code points past
 * U+10FFFF) with no control character but tab and newline: a note is
 * printed into HTML, Markdown and spreadsheets as it is. */
static const char *text_problem(const char *t)
{
	const unsigned char *p = (const unsigned char *)t;

	while (*p) {
		unsigned c = *p;
		size_t len;
		unsigned cp;
		if (c < 0x80) {
			if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
				return "contains a control character";
			p++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			len = 2, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			len = 3, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			len = 4, cp = c & 0x07;
		else
			return "is not valid UTF-8";
		for (size_t k = 1; k < len; k++) {
			if ((p[k] & 0xc0) != 0x80)
				return "is not valid UTF-8";
			cp = (cp << 6) | (p[k] & 0x3f);
		}
		if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
			return "is not valid UTF-8";
		p += len;
	}
	return NULL;
}

/* 1 when the assessment holds the item, 0 when not, or a result code. */
static int holds(smb_store *s, const smb_note *n, smb_err *e)
{
	const char *sql = strcmp(n->target, "finding") == 0
	                      ? "SELECT 1 FROM assessment_finding WHERE assessment_id = ?1 AND rule_id = ?2"
	                      : "SELECT 1 FROM assessment_recommendation WHERE assessment_id = ?1 AND initiative_id = ?2";
	sqlite3_stmt *st;
	int rc, step;

	if ((rc = smb_store_prepare(s, sql, &st, e)))
		return -rc;
	sqlite3_bind_int64(st, 1, n->assessment_id);
	smb_bind_text(st, 2, n->item);
	step = sqlite3_step(st);
	sqlite3_finalize(st);
	if (step == SQLITE_ROW)
		return 1;
	if (step == SQLITE_DONE)
		return 0;
	return -smb_store_error(s, "reading an assessment", e);
}

int smb_note_add(smb_store *s, smb_note *n, smb_err *e)
{
	smb_assessment *a;
	sqlite3_stmt *st;
	const char *why;
	char now[32];
	int rc, finding;

	if (!n->target || (strcmp(n->target, "finding") != 0 && strcmp(n->target, "initiative") != 0))
		return smb_err_set(e, SMB_EUSAGE, "a note is on a finding or an initiative");
	finding = strcmp(n->target, "finding") == 0;
	if (!n->item || !*n->item)
		return smb_err_set(e, SMB_EUSAGE, "a note names its %s", n->target);
	if (n->hidden && !finding)
		return smb_err_set(e, SMB_EUSAGE, "--hide hides a finding; an initiative note cannot hide it");
	if (!n->text || !*n->text || strspn(n->text, " \t\n") == strlen(n->text))
		return smb_err_set(e, SMB_EUSAGE, "the note's --text is empty");
	if (strlen(n->text) > SMB_NOTE_MAX_TEXT)
		return smb_err_set(e, SMB_EUSAGE, "the note's --text is %zu bytes; at most %d", strlen(n->text),
		                   SMB_NOTE_MAX_TEXT);
	if ((why = text_problem(n->text)))
		return smb_err_set(e, SMB_EUSAGE, "the note's --text %s", why);
	if ((rc = smb_assessment_load(s, n->assessment_id, &a, e)))
		return rc;
	smb_assessment_free(a);
	if ((rc = holds(s, n, e)) < 0)
		return -rc;
	if (rc == 0)
		return smb_err_set(e, SMB_ENOINPUT, "assessment %lld has no %s '%s' (see 'smbopt show %lld')", n->assessment_id,
		                   finding ? "finding" : "recommended initiative", n->item, n->assessment_id);
	smb_now_iso(now);
	if ((rc = smb_store_prepare(s, "INSERT INTO note(assessment_id, target, item, text, hidden, created)"
	                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, n->assessment_id);
	smb_bind_text(st, 2, n->target);
	smb_bind_text(st, 3, n->item);
	smb_bind_text(st, 4, n->text);
	sqlite3_bind_int(st, 5, n->hidden ? 1 : 0);
	smb_bind_text(st, 6, now);
	rc = sqlite3_step(st) == SQLITE_DONE ? SMB_OK : smb_store_error(s, "writing a note", e);
	sqlite3_finalize(st);
	if (rc == SMB_OK)
		n->id = (long long)sqlite3_last_insert_rowid(s->db);
	return rc;
}

int smb_note_list(smb_store *s, long long assessment, smb_note **out, size_t *n, smb_err *e)
{
	sqlite3_stmt *st;
	smb_note *v = NULL;
	size_t cnt = 0;
	int rc, step;

	*out = NULL;
	*n = 0;
	if ((rc = smb_store_prepare(s, "SELECT id, assessment_id, target, item, text, hidden, created FROM note"
	                               " WHERE assessment_id = ?1 ORDER BY id", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, assessment);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		smb_note *nv = realloc(v, (cnt + 1) * sizeof *nv), *x;
		if (!nv) {
			rc = smb_err_set(e, SMB_ESOFTWARE, "out of memory");
			break;
		}
		v = nv;
		x = &v[cnt++];
		x->id = sqlite3_column_int64(st, 0);
		x->assessment_id = sqlite3_column_int64(st, 1);
		x->target = smb_column_strdup(st, 2);
		x->item = smb_column_strdup(st, 3);
		x->text = smb_column_strdup(st, 4);
		x->hidden = sqlite3_column_int(st, 5);
		x->created = smb_column_strdup(st, 6);
		if (!x->target || !x->item || !x->text || !x->created) {
			rc = smb_err_set(e, SMB_ESOFTWARE, "out of memory");
			break;
		}
	}
	if (rc == SMB_OK && step != SQLITE_DONE)
		rc = smb_store_error(s, "reading notes", e);
	sqlite3_finalize(st);
	if (rc) {
		smb_note_list_free(v, cnt);
		return rc;
	}
	*out = v;
	*n = cnt;
	return SMB_OK;
}

int smb_note_remove(smb_store *s, long long id, smb_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = smb_store_prepare(s, "DELETE FROM note WHERE id = ?1", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st) == SQLITE_DONE ? SMB_OK : smb_store_error(s, "removing a note", e);
	sqlite3_finalize(st);
	if (rc == SMB_OK && sqlite3_changes(s->db) == 0)
		rc = smb_err_set(e, SMB_ENOINPUT, "no note %lld (see 'smbopt note list ASSESSMENT')", id);
	return rc;
}

void smb_note_list_free(smb_note *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].target);
		free(v[i].item);
		free(v[i].text);
		free(v[i].created);
	}
	free(v);
}

int smb_note_hides(const smb_note *v, size_t n, const char *rule)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].hidden && strcmp(v[i].target, "finding") == 0 && strcmp(v[i].item, rule) == 0)
			return 1;
	return 0;
}

void smb_note_mark(smb_assessment *a, const smb_note *v, size_t n)
{
	for (size_t i = 0; i < a->nfindings; i++)
		a->findings[i].hidden = smb_note_hides(v, n, a->findings[i].rule_id);
}
