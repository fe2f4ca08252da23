/* core/report/portfolio.h — a firm's client book compared with itself: for
 * one period, the distribution of scores, every metric's percentiles by
 * industry, each client's percentile rank, outliers, and the findings and
 * initiatives raised most often. */
#ifndef SMB_PORTFOLIO_H
#define SMB_PORTFOLIO_H

#include <stddef.h>

#include "buf.h"
#include "error.h"
#include "store.h"

/* Percentiles are shown only where at least this many clients have a
 * value: fewer would let a reader work out one client's figure. */
#define SMB_PORTFOLIO_MIN_N 5

/* Quantile of sorted x[0..n) at p in [0,1], by linear interpolation between
 * order statistics (Hyndman & Fan type 7, R's default). */
double smb_quantile(const double *x, size_t n, double p);

/* Builds the portfolio of period (and industry, or NULL for all) and renders
 * it as text, json or md into out. SMB_ENOINPUT when no client has an
 * assessment for the period. */
int smb_portfolio_render(smb_store *s, const char *period, const char *industry, const char *fmt, smb_buf *out,
                         smb_err *e);

#endif
