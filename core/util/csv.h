/* core/util/csv.h — a streaming RFC 4180 reader for the files consultants are sent:
 * quoted fields with embedded delimiters, quotes and newlines, a UTF-8 BOM,
 * CRLF or LF, and ',' ';' or tab as delimiter. */
#ifndef SMB_CSV_H
#define SMB_CSV_H

#include <stddef.h>
#include <stdio.h>

typedef struct smb_csv smb_csv;

typedef struct smb_csv_field {
	const char *text;     /* NUL-terminated, unquoted; valid until next read */
	size_t len;
	long line;            /* 1-based line where the field starts */
	long column;          /* 1-based column (in characters) where it starts */
	int quoted;
} smb_csv_field;

/* Opens path for reading. delimiter 0 means detect it from the first line:
 * the one of ',' ';' '\t' found most often outside quotes (',' on a tie).
 * Returns NULL with a reason in err. */
smb_csv *smb_csv_open(const char *path, char delimiter, char *err, size_t errlen);
/* Same over an open stream (not closed by smb_csv_close). */
smb_csv *smb_csv_from_stream(FILE *f, const char *name, char delimiter,
                             char *err, size_t errlen);
/* Reads the next record. Returns 1 with fields set, 0 at end of file, -1 on a
 * malformed record (unterminated quote, text after a closing quote, a NUL
 * byte, invalid UTF-8, a record longer than the limit) with the reason in
 * err as "FILE:LINE:COLUMN: what is wrong". Empty lines are skipped. */
int smb_csv_read(smb_csv *c, smb_csv_field **fields, size_t *nfields,
                 char *err, size_t errlen);
char smb_csv_delimiter(const smb_csv *c);
const char *smb_csv_name(const smb_csv *c);
/* Line of the start of the last record read. */
long smb_csv_record_line(const smb_csv *c);
/* Bytes consumed so far, and the raw text of the last record (for rejects). */
long long smb_csv_offset(const smb_csv *c);
/* The raw bytes of the last record read or refused, without its line end
 * and not NUL-terminated (cut after about SMB_CSV_MAX_RECORD bytes); valid
 * until the next read. */
const char *smb_csv_raw(const smb_csv *c, size_t *len);
void smb_csv_close(smb_csv *c);

/* Writes one field quoted as RFC 4180 needs (only when it must), and
 * neutralised by smb_formula_guard: every CSV smbopt writes goes through it. */
void smb_csv_write_field(FILE *f, const char *s, char delimiter);

/* Would a spreadsheet run this text cell as a formula? 1 when it starts
 * with = + - @ tab or CR and is not a plain number (-12.5 and 1e-3 stay
 * numbers; with decimal_comma, -12,5 too). Every writer of a file others
 * open in a spreadsheet (CSV here, any later export) puts ' before such
 * a cell, which the spreadsheet shows as text. */
int smb_formula_guard(const char *s, int decimal_comma);

/* Longest record accepted, in bytes; longer ones are errors, so a 10 MB line
 * of junk cannot make the reader hold it all. */
#define SMB_CSV_MAX_RECORD (1 << 20)

#endif
