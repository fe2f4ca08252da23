/* core/store/questionnaire.h — the questions the loaded playbooks ask a client,
 * as a CSV to send (and import back, filled, as kind answers) or as
 * Markdown to print. */
#ifndef SMB_QUESTIONNAIRE_H
#define SMB_QUESTIONNAIRE_H

#include "buf.h"
#include "registry.h"

/* area NULL: every area. format "csv" or "md". Returns the number of
 * questions written, or -1 for an unknown format. */
int smb_questionnaire(const smb_registry *r, const char *industry, const char *area, const char *format, smb_buf *out);

#endif
