/* core/review/history.h — the listings of the iterate half: a client's
 * assessments over time, and how initiatives realised what they promised. */
#ifndef SMB_HISTORY_H
#define SMB_HISTORY_H

#include "buf.h"
#include "error.h"
#include "store.h"

/* One row per assessment with overall and area scores; text draws a trend.
 * JSON: docs/schema/history.schema.json. */
int smb_history_render(smb_store *s, const char *client, const char *format, smb_buf *out, smb_err *e);

/* Across all clients: per initiative and metric, how many realised/expected
 * ratios there are and their median. JSON: docs/schema/calibration.schema.json. */
int smb_calibration_render(smb_store *s, const char *format, smb_buf *out, smb_err *e);

#endif
