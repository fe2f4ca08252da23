/* core/util/json.h — a small JSON writer over smb_buf. It tracks nesting so that
 * commas are placed by the writer, never by the caller. */
#ifndef SMB_JSON_H
#define SMB_JSON_H

#include "buf.h"

#define SMB_JSON_MAX_DEPTH 32

typedef struct smb_json {
	smb_buf *out;
	int depth;
	int count[SMB_JSON_MAX_DEPTH];  /* values written at each depth */
	int pretty;
	int after_key;
} smb_json;

void smb_json_init(smb_json *j, smb_buf *out, int pretty);
void smb_json_object_begin(smb_json *j);
void smb_json_object_end(smb_json *j);
void smb_json_array_begin(smb_json *j);
void smb_json_array_end(smb_json *j);
void smb_json_key(smb_json *j, const char *key);
void smb_json_string(smb_json *j, const char *s);   /* NULL writes null */
/* Non-finite numbers are written as null: JSON has no NaN. */
void smb_json_number(smb_json *j, double v);
void smb_json_integer(smb_json *j, long long v);
void smb_json_bool(smb_json *j, int v);
void smb_json_null(smb_json *j);
/* Writes already-valid JSON text as one value. */
void smb_json_raw(smb_json *j, const char *text);
/* Escapes s as a JSON string body into out (no quotes). */
void smb_json_escape(smb_buf *out, const char *s);

#endif
