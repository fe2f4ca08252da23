/* core/models/forecast.h — exponential-smoothing forecasts of one series: the
 * ETS family of Hyndman, Koehler, Ord & Snyder (2008) as R's forecast::ets
 * fits and selects it — error A or M, trend N, A or Ad, season N, A or M —
 * with prediction intervals, analytic where they exist and simulated
 * otherwise. The older method names (ses, holt, ...) name models of it. */
#ifndef SMB_FORECAST_H
#define SMB_FORECAST_H

#include <stddef.h>

typedef enum smb_fc_method {
	SMB_FC_SES,     /* level only:              ETS(A,N,N) */
	SMB_FC_HOLT,    /* level + trend:           ETS(A,A,N) */
	SMB_FC_DAMPED,  /* level + damped trend:    ETS(A,Ad,N) */
	SMB_FC_HW_ADD,  /* + additive season:       ETS(A,A,A) */
	SMB_FC_HW_MUL,  /* + multiplicative season: ETS(A,A,M) */
	SMB_FC_AUTO     /* the lowest AICc of those the data supports */
} smb_fc_method;

#define SMB_FC_NMETHODS 5   /* the concrete methods, SES .. HW_MUL */

/* "ses" "holt" "damped" "hw-add" "hw-mul" "auto"; 0 or -1 if unknown. */
int smb_fc_method_parse(const char *name, smb_fc_method *m);
const char *smb_fc_method_name(smb_fc_method m);

/* Component form (Hyndman & Athanasopoulos, "Forecasting: principles and
 * practice", ch. 8), with t = 1..n and the initial states at t = 0, before
 * the first observation, as statsmodels and R's ets place them:
 *   fitted  ŷ_t = l_{t-1} + φ b_{t-1}            (seasonal: + s_{t-m}, or × s_{t-m})
 *   level   l_t = α y_t + (1-α)(l_{t-1} + φ b_{t-1})   (y_t deseasonalised)
 *   trend   b_t = β (l_t - l_{t-1}) + (1-β) φ b_{t-1}
 *   season  s_t = γ (y_t - l_{t-1} - b_{t-1}) + (1-γ) s_{t-m}   (or ÷ for hw-mul)
 * so β is statsmodels' smoothing_trend (β* in the book), and the first fitted
 * value is level0 + φ·trend0. φ = 1 except for the damped method.
 * A field set to NAN is fitted; a finite one is held. */
typedef struct smb_fc_params {
	double alpha, beta, phi, gamma, level0, trend0;
} smb_fc_params;

/* Sets every field to NAN (fit everything). */
void smb_fc_params_unset(smb_fc_params *p);

/* A model in R's letters: error 'A'/'M', trend 'N'/'A'/'D' (Ad, damped),
 * season 'N'/'A'/'M'; 'Z' in any place: every choice there (selection). */
typedef struct smb_fc_spec {
	char error, trend, season;
} smb_fc_spec;

/* "MAdM", "ANN", "ZZZ", "AZZ", "ETS(M,Ad,M)" or a method name ("holt" is
 * AAN, "auto" ZZZ). Returns 0, or -1 when it names no model. */
int smb_fc_model_parse(const char *text, smb_fc_spec *spec);
/* "ETS(M,Ad,M)" into buf (at least 12 bytes). */
const char *smb_fc_model_name(const smb_fc_spec *spec, char *buf);

#define SMB_FC_NMODELS 18   /* 2 errors x 3 trends x 3 seasons */
#define SMB_FC_NPATHS 5000  /* simulated paths for the intervals that need them */
#define SMB_FC_SEED 20080101u

typedef struct smb_fc_result {
	smb_fc_method method;     /* the named method this model is, or
	                             SMB_FC_AUTO when it is none of them */
	smb_fc_spec spec;         /* the model fitted, never with a 'Z' */
	char model[16];           /* "ETS(M,Ad,M)" */
	int simulated;            /* 1: intervals are quantiles of SMB_FC_NPATHS
	                             simulated paths (seed SMB_FC_SEED); 0: analytic */
	double loglik;            /* Gaussian log-likelihood of the one-step errors
	                             (relative errors for error M, with the Jacobian) */
	int ncand;                /* models compared (1 without a 'Z') */
	char cand_model[SMB_FC_NMODELS][16];
	double cand_aic[SMB_FC_NMODELS];   /* their AICc, NAN if not fitted */
	smb_fc_params params;     /* values used; NAN where the method has none */
	size_t season;            /* m for the seasonal methods, else 0 */
	double *season0;          /* m initial seasonal states s_{1-m} .. s_0, or NULL */
	int k;                    /* parameters + initial states estimated, + 1 for σ² */
	double sse;               /* Σ of squared one-step errors y - ŷ over t = 1..n */
	double sigma2;            /* Σ e² / (n - k + 1), e the one-step errors
	                             (relative, (y - ŷ)/ŷ, for error M), as R */
	double aicc;              /* NAN when n <= k + 1 */
	size_t n;
	double *fitted;           /* n one-step fitted values ŷ_1 .. ŷ_n */
	size_t h;
	double *value, *lo80, *hi80, *lo95, *hi95;   /* h values each, for n+1 .. n+h */
	/* AICc of each named method's model among those compared; NAN if not. */
	double cand_aicc[SMB_FC_NMETHODS];
} smb_fc_result;

/* Fits method m to y[0..n-1] and forecasts horizon steps ahead.
 *
 * season is the seasonal period m (12 for monthly data, 4 for quarterly);
 * 0 or 1 means none. The seasonal methods need n >= 2m. hw-mul needs y > 0.
 * fixed may be NULL (fit everything). Holding a parameter the method does not
 * have is an error; under SMB_FC_AUTO it removes the methods that lack it.
 *
 * Fitting, selection and intervals: see smb_ets below.
 *
 * Returns 0, or -1 with a message in err (NaN or infinite values, n < 3,
 * horizon 0 or above 10000, too few seasons, a held value out of range).
 * On error *out holds nothing to free. */
int smb_forecast(const double *y, size_t n, size_t season, smb_fc_method m,
                 const smb_fc_params *fixed, size_t horizon,
                 smb_fc_result *out, char *err, size_t errlen);

/* The same for a model of the ETS family (smb_forecast maps its method to
 * one: ses ANN, holt AAN, damped AAdN, hw-add AAA, hw-mul AAM, auto ZZZ).
 *
 * Fitting, as R's ets: maximum likelihood (least squares on the one-step
 * errors for error A; for error M, n·log Σ(e/ŷ)² + 2·Σ log|ŷ|), over the
 * smoothing parameters inside R's usual bounds (α in [1e-4, 0.9999], the
 * error-correction β = α·β* in [1e-4, α], γ in [1e-4, 1 - α], φ in
 * [0.8, 0.98]) and admissible (forecast:::admissible), and the initial states
 * (profiled out for each trial, as above). The search starts from R's
 * initparam values and from the three best points of a grid and keeps the
 * best end.
 *
 * Selection ('Z' anywhere): every model the letters allow, less those R's
 * ets leaves out by default — additive error with a multiplicative season;
 * error or season M unless every value is positive; a season unless the
 * period is 2..24 and n >= 2·period; any model with n <= its estimated
 * values + 4 — lowest AICc wins.
 *
 * Intervals: analytic for R's classes 1 and 2 (error A or M, trend N/A/Ad,
 * season N/A: Hyndman et al. 2008, ch. 6); for the others the quantiles of
 * SMB_FC_NPATHS simulated paths with a fixed seed (so runs repeat), exact at
 * h = 1. out->simulated says which. */
int smb_ets(const double *y, size_t n, size_t season, const smb_fc_spec *spec,
            const smb_fc_params *fixed, size_t horizon,
            smb_fc_result *out, char *err, size_t errlen);

void smb_fc_result_free(smb_fc_result *r);

#endif
