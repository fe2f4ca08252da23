/* core/engine/score.h — the scoring math (docs/design.md §3, step 4): goalposts and bands map a
 * value to 0..100; weighted means aggregate scores; levels name them. */
#ifndef SMB_SCORE_H
#define SMB_SCORE_H

#include <stddef.h>

#include "registry.h"

typedef enum smb_aggregate {
	SMB_AGG_ARITHMETIC = 0,
	SMB_AGG_GEOMETRIC = 1,
	SMB_AGG_WEAKEST_LINK = 2
} smb_aggregate;

/* 100 * clamp((x - worst) / (best - worst), 0, 1), which serves both
 * directions; with bands, the monotone piecewise-linear map through
 * (v0,0) (v25,25) (v50,50) (v75,75) (v100,100). */
double smb_score(const smb_goalposts *g, double x);

/* Weighted mean of the scores that are not NaN, weights renormalised over
 * them; *coverage is the weight share present. NaN when none is. */
double smb_weighted_mean(const double *scores, const double *weights, size_t n, double *coverage);
/* Weighted geometric mean prod(s_i^w_i)^(1/sum w); a zero score gives 0. */
double smb_weighted_geomean(const double *scores, const double *weights, size_t n, double *coverage);
/* One of the above by mode; weakest-link is the arithmetic mean capped at
 * the lowest score + 20. */
double smb_aggregate_scores(smb_aggregate mode, const double *scores, const double *weights, size_t n,
                            double *coverage);
int smb_aggregate_parse(const char *s, smb_aggregate *mode);
const char *smb_aggregate_name(smb_aggregate mode);

/* Initial [0,25), Fundamental [25,50), Intermediate [50,75), Advanced [75,100]. */
const char *smb_level(double score);

#endif
