/* core/engine/quality.h — the data-quality section of an assessment. */
#ifndef SMB_QUALITY_H
#define SMB_QUALITY_H

#include "cycle.h"

/* Two sources of one fact that differ by more than this share of the
 * larger are listed as a failed reconciliation. */
#define SMB_QUALITY_TOLERANCE 0.10

/* Appends the section to cy->a (after scoring and rules: it reads the models
 * the plugins wrote). Returns -1 when out of memory. */
int smb_quality_build(smb_cycle *cy);

#endif
