/* core/store/note.h — a consultant's notes on an assessment's findings and
 * initiatives. Assessments are immutable, so a note lives beside them: it
 * names its assessment and the item (a finding's rule id or an initiative
 * id), and may hide a finding from what the client sees (html, pdf, xlsx,
 * md); JSON keeps the finding and marks it "hidden". */
#ifndef SMB_NOTE_H
#define SMB_NOTE_H

#include <stddef.h>

#include "assessment.h"
#include "error.h"
#include "store.h"

typedef struct smb_note {
	long long id;
	long long assessment_id;
	char *target;            /* "finding" or "initiative" */
	char *item;              /* rule id or initiative id */
	char *text;
	int hidden;              /* findings only */
	char *created;
} smb_note;

#define SMB_NOTE_MAX_TEXT 4000   /* bytes of note text */

/* Checks that the assessment exists and holds the item (a finding for
 * "finding", a recommendation for "initiative"), that the text is not
 * empty, within SMB_NOTE_MAX_TEXT and valid UTF-8 without control
 * characters other than newline and tab, and that only a finding is
 * hidden; stores the note and sets n->id. */
int smb_note_add(smb_store *s, smb_note *n, smb_err *e);
/* The notes of an assessment in the order they were written. */
int smb_note_list(smb_store *s, long long assessment, smb_note **out, size_t *n, smb_err *e);
/* SMB_ENOINPUT when no note has that id. */
int smb_note_remove(smb_store *s, long long id, smb_err *e);
void smb_note_list_free(smb_note *v, size_t n);

/* 1 when a note hides the finding with this rule id. */
int smb_note_hides(const smb_note *v, size_t n, const char *rule);
/* Marks a's findings hidden by the notes (smb_afinding.hidden). */
void smb_note_mark(smb_assessment *a, const smb_note *v, size_t n);

#endif
