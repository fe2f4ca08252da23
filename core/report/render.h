/* core/report/render.h — showing an assessment: text, json or md. */
#ifndef SMB_RENDER_H
#define SMB_RENDER_H

#include "assessment.h"
#include "buf.h"

/* Returns -1 for an unknown format or when out of memory. */
int smb_render_assessment(const smb_assessment *a, const char *format, smb_buf *out);

#endif
