/* core/util/escape.h — text from files and playbooks (labels, titles,
 * details, client names, file names) shown to people. In a terminal a raw
 * ESC clears the screen or sets the window title, and a newline or CR fakes
 * a line ("Overall: 99.9"); in Markdown a '|' or a newline fakes a table
 * cell or row. Every human-readable rendering passes such text through one
 * of these two escapers; JSON has its own escaping (json.c) and stays as it
 * is, CSV its own (csv.c).
 *
 * Text: control characters (C0, DEL, the C1 range U+0080..U+009F) and the
 * bidirectional overrides (U+202A..U+202E, U+2066..U+2069) are shown as
 * escapes: \n \r \t, else \xHH or \uHHHH. Nothing else changes, so plain
 * text (accents included) reads as it was written.
 * Markdown: the same, and '|' as "\|". */
#ifndef SMB_ESCAPE_H
#define SMB_ESCAPE_H

#include "buf.h"

void smb_escape_text(smb_buf *out, const char *s);
void smb_escape_md(smb_buf *out, const char *s);

/* For renderers written as printf calls: smb_esc returns an escaped copy of
 * s (text, or Markdown when md) that lives until smb_escaper_free. NULL
 * stays NULL; when out of memory it returns "" and sets failed. */
typedef struct smb_escaper {
	int md;
	char **v;
	size_t n, cap;
	int failed;
} smb_escaper;

const char *smb_esc(smb_escaper *x, const char *s);
void smb_escaper_free(smb_escaper *x);

#endif
