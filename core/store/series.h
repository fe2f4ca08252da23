/* core/store/series.h — a metric's observations as a regular time series: the
 * client's months (or quarters, or years) in order, with no gap. */
#ifndef SMB_SERIES_H
#define SMB_SERIES_H

#include "error.h"
#include "period.h"
#include "store.h"

typedef struct smb_series {
	smb_period first;        /* period of values[0] */
	size_t n;
	double *values;
	int season;              /* 12 for months, 4 for quarters, 0 for years */
} smb_series;

/* The finest kind of period the metric is observed in (months before
 * quarters before years), from its first to its last observation of that
 * kind. A missing period in between is an error naming it. */
int smb_series_load(smb_store *s, const char *client, const char *metric, smb_series *out, smb_err *e);
void smb_series_free(smb_series *sr);

#endif
