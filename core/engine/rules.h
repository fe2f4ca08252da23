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
 * %d rounds) with values from get; a missing value reads "n/a". */
typedef int (*smb_value_fn)(void *ud, const char *key, double *out);
void smb_format_detail(const char *detail, smb_value_fn get, void *ud, smb_buf *out);
/* Score, area and overall as smb_cycle_run computes them (core/engine/cycle.c). */
void smb_cycle_score(const smb_cycle *cy, const double *values, double *mscore, double area[5], double cov[5],
                     double *overall, double *ocov);

#endif
