/* core/engine/rules.h — the cycle's last steps: rules turn metric values into
 * findings (SWOT), and the initiatives they recommend are ranked by the
 * overall score they would add. */
#ifndef SMB_RULES_H
#define SMB_RULES_H

#include "buf.h"
#include "cycle.h"

/* Appends findings and recommendations to cy->a; -1 when out of memory. */
int smb_rules_run(smb_cycle *cy);
/* Replaces {area.metric:%.2f} placeholders (format optional, default %.2f;
 * %d rounds) with values from get; a missing value reads "n/a". A format
 * out of the bounds below is kept as written (loaders refuse it first). */
typedef int (*smb_value_fn)(void *ud, const char *key, double *out);
void smb_format_detail(const char *detail, smb_value_fn get, void *ud, smb_buf *out);
/* Bounds of a placeholder's format, and the most text one can expand to
 * (a %f of 1e308 is 309 digits, then the precision, within the width). */
#define SMB_DETAIL_MAX_WIDTH 64
#define SMB_DETAIL_MAX_PRECISION 17
#define SMB_DETAIL_MAX_FIELD 400
/* Checks detail's formats for loaders: 0, and in *bound (may be NULL) the
 * most bytes it can expand to; -1 and why ("detail {x:%999f}: the width
 * may be at most 64"). */
int smb_detail_check(const char *detail, size_t *bound, char *why, size_t whylen);

#endif
