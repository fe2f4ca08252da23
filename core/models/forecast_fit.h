/* core/models/forecast_fit.h — internal to forecast.c and forecast_fit.c: the
 * smoothing recursions and the least-squares fit of parameters and initial
 * states. Not part of the public API (see forecast.h). */
#ifndef SMB_FORECAST_FIT_H
#define SMB_FORECAST_FIT_H

#include <stddef.h>

enum { SMB_FC_SEAS_NONE, SMB_FC_SEAS_ADD, SMB_FC_SEAS_MUL };

typedef struct smb_fc_model {
	int error;        /* 0: additive error, 1: multiplicative (ETS(M,.,.)) */
	int trend;        /* 0: no trend state (b stays 0) */
	int seas;         /* SMB_FC_SEAS_* */
	size_t m;         /* seasonal period; 0 when seas is NONE */
	double alpha, beta, phi, gamma;
} smb_fc_model;

/* Length of a state vector: [l, b, s ring of m]. The ring is ordered so that
 * ring[j] is the seasonal state the step j+1 after the vector's time uses:
 * for an initial vector, s_{1-m} .. s_0. */
#define SMB_FC_NSTATE(md) (2 + (md)->m)

/* Runs the recursions of forecast.h over y[0..n-1] from state x0. Writes the
 * one-step errors to e and the fitted values to fitted (either may be NULL)
 * and the state after y[n-1] to xend (may be NULL; same ring convention).
 * Returns the SSE, or INFINITY once a state or error is not finite or a
 * hw-mul divisor is not positive. */
double smb_fc_filter(const smb_fc_model *md, const double *y, size_t n,
                     const double *x0, double *e, double *fitted, double *xend);

/* Runs the model forward h steps from state x (same ring convention) with
 * the future one-step errors e[0..h-1] (NULL: all zero; relative errors
 * for a multiplicative-error model), writing the
 * one-step forecasts ŷ to yhat; work holds m doubles. With e NULL, yhat is
 * the point forecast. Returns 0, or -1 when a state leaves the domain. */
int smb_fc_simulate(const smb_fc_model *md, const double *x, const double *e,
                    size_t h, double *yhat, double *work);

/* The objective's residuals for the errors e and fitted values f of a run:
 * e itself for additive error; for multiplicative error e_t/f_t times the
 * geometric mean of |f|, whose sum of squares is, up to a monotone map, R's
 * ets likelihood n·log Σ(e/f)² + 2·Σ log|f|. Writes r (may alias e); returns
 * Σ r², or INFINITY when some |f| is below 1e-10. */
double smb_fc_resid(const smb_fc_model *md, const double *e, const double *f,
                    size_t n, double *r);

/* R's admissibility test (forecast:::admissible) for the seasonal models, in
 * the error-correction parameters β = α·β*, γ, φ (1 when not damped); the
 * non-seasonal models inside the usual bounds always pass. Returns 1 or 0. */
int smb_fc_admissible(const smb_fc_model *md);

/* What to fit: md holds the held smoothing parameters; free_* mark the others.
 * x0 (SMB_FC_NSTATE long) holds held initial states on entry; the seasonal
 * states are always fitted when the model has a season. */
typedef struct smb_fc_fitspec {
	smb_fc_model md;
	int free_alpha, free_beta, free_phi, free_gamma;
	int free_level, free_trend;
	double *x0;
} smb_fc_fitspec;

/* Minimises the SSE over the free parameters and initial states; on return
 * md and x0 hold the solution, *sse its SSE and *nest the number of values
 * estimated. Returns 0, or -1 with a message (out of memory, no finite fit). */
int smb_fc_fit(smb_fc_fitspec *s, const double *y, size_t n, double *sse,
               int *nest, char *err, size_t errlen);

#endif
