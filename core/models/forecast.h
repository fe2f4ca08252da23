/* core/models/forecast.h — exponential-smoothing forecasts of one series: SES, Holt,
 * damped trend, Holt-Winters additive and multiplicative, fitted by least
 * squares on the one-step errors, chosen by AICc, with prediction intervals. */
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

typedef struct smb_fc_result {
	smb_fc_method method;     /* the method used; never SMB_FC_AUTO */
	smb_fc_params params;     /* values used; NAN where the method has none */
	size_t season;            /* m for the seasonal methods, else 0 */
	double *season0;          /* m initial seasonal states s_{1-m} .. s_0, or NULL */
	int k;                    /* parameters + initial states estimated, + 1 for σ² */
	double sse;               /* Σ of squared one-step errors over t = 1..n */
	double sigma2;            /* SSE / (n - k), or SSE / n when n <= k */
	double aicc;              /* NAN when n <= k + 1 */
	size_t n;
	double *fitted;           /* n one-step fitted values ŷ_1 .. ŷ_n */
	size_t h;
	double *value, *lo80, *hi80, *lo95, *hi95;   /* h values each, for n+1 .. n+h */
	/* AICc of each method tried (auto), or of the one method; NAN if not tried. */
	double cand_aicc[SMB_FC_NMETHODS];
} smb_fc_result;

/* Fits method m to y[0..n-1] and forecasts horizon steps ahead.
 *
 * season is the seasonal period m (12 for monthly data, 4 for quarterly);
 * 0 or 1 means none. The seasonal methods need n >= 2m. hw-mul needs y > 0.
 * fixed may be NULL (fit everything). Holding a parameter the method does not
 * have is an error; under SMB_FC_AUTO it removes the methods that lack it.
 *
 * Fitting: the smoothing parameters that are not held are found by a
 * Nelder–Mead search (bounded through a logistic map: α, β, γ in
 * [0.0001, 0.9999], φ in [0.8, 0.98] as R's ets does); for each trial the
 * initial states that are not held (level0, trend0 and the m-1 free seasonal
 * states, which sum to 0 for hw-add and to m for hw-mul) are the least-squares
 * solution given the smoothing parameters — exact for the additive models,
 * whose one-step errors are affine in the initial states, and Gauss–Newton for
 * hw-mul. So SSE is minimised over parameters and initial states together.
 *
 * AICc = -2 log L + 2k + 2k(k+1)/(n-k-1), L the Gaussian likelihood of the
 * one-step errors at σ² = SSE/n, k counted as in the result.
 *
 * Intervals: value ± z·σ_h with σ_h² the analytic h-step error variance of
 * the additive-error model (Hyndman et al. 2008, table 6.1, with β·α for the
 * error-correction β). For hw-mul, whose variance has no closed form, σ_h² is
 * σ²(1 + Σ c_j²) where c_j is the first-order effect of the error at n+j on
 * y_{n+h} along the forecast path (a delta-method approximation: it is exact
 * for the additive models and omits the products of errors, so it is a
 * little narrow when σ is large relative to the level).
 *
 * Returns 0, or -1 with a message in err (NaN or infinite values, n < 3,
 * horizon 0 or above 10000, too few seasons, a held value out of range).
 * On error *out holds nothing to free. */
int smb_forecast(const double *y, size_t n, size_t season, smb_fc_method m,
                 const smb_fc_params *fixed, size_t horizon,
                 smb_fc_result *out, char *err, size_t errlen);

void smb_fc_result_free(smb_fc_result *r);

#endif
