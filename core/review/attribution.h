/* core/review/attribution.h — why two assessments differ: the exact split of
 * each score change into data, method and coverage, the metrics present on
 * one side only, computations that changed, and what became of each
 * finding. Each function fills its part of an smb_review whose from, to,
 * mfrom, mto (and rescored, when the methods differ) are loaded. */
#ifndef SMB_ATTRIBUTION_H
#define SMB_ATTRIBUTION_H

#include "review.h"

int smb_review_compute_changes(smb_review *rv);
int smb_review_split(smb_review *rv);
int smb_review_coverage(smb_review *rv);
int smb_review_findings(smb_review *rv);

/* A metric's score change split by the goalposts (method) and the value
 * (data): method = its earlier value scored by to's goalposts − its
 * earlier score. NaN when to's method does not score it. */
double smb_review_metric_method(const smb_review *rv, const smb_ametric *a);

#endif
