/* core/models/forecast.c — the forecasting entry point: checks the input, fits one
 * method or all that apply (auto, by AICc), and turns the fitted model into
 * point forecasts with 80% and 95% prediction intervals. */
#include "forecast.h"
#include "forecast_fit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_HORIZON 10000
static const double TWO_PI = 6.283185307179586;

static const char *const names[] = { "ses", "holt", "damped", "hw-add", "hw-mul", "auto" };

int smb_fc_method_parse(const char *name, smb_fc_method *m)
{
	for (int i = 0; name && i <= SMB_FC_AUTO; i++)
		if (strcmp(name, names[i]) == 0) {
			*m = (smb_fc_method)i;
			return 0;
		}
	return -1;
}

const char *smb_fc_method_name(smb_fc_method m)
{
	return (unsigned)m <= SMB_FC_AUTO ? names[m] : "?";
}

void smb_fc_params_unset(smb_fc_params *p)
{
	p->alpha = p->beta = p->phi = p->gamma = p->level0 = p->trend0 = NAN;
}

void smb_fc_result_free(smb_fc_result *r)
{
	if (!r)
		return;
	free(r->season0);
	free(r->fitted);
	free(r->value);   /* lo80 .. hi95 live in the same block */
	memset(r, 0, sizeof *r);
}

static int has_trend(smb_fc_method m) { return m != SMB_FC_SES; }
static int is_seasonal(smb_fc_method m) { return m == SMB_FC_HW_ADD || m == SMB_FC_HW_MUL; }

static const char *season_word(size_t m)
{
	return m == 12 ? " monthly" : m == 4 ? " quarterly" : m == 7 ? " daily"
	     : m == 52 ? " weekly" : "";
}

/* Whether method m can be fitted to this series with these held values;
 * if not, why, in err. */
static int method_applies(smb_fc_method m, const double *y, size_t n, size_t season,
                          const smb_fc_params *fx, char *err, size_t errlen)
{
	const char *name = names[m];
	if (!has_trend(m) && (!isnan(fx->beta) || !isnan(fx->trend0))) {
		snprintf(err, errlen, "%s has no trend: beta and trend0 do not apply", name);
		return 0;
	}
	if (m != SMB_FC_DAMPED && !isnan(fx->phi) && fx->phi != 1) {
		snprintf(err, errlen, "%s has no damping: phi applies only to damped", name);
		return 0;
	}
	if (!is_seasonal(m)) {
		if (!isnan(fx->gamma)) {
			snprintf(err, errlen, "%s has no season: gamma applies only to hw-add and hw-mul", name);
			return 0;
		}
		return 1;
	}
	if (season < 2) {
		snprintf(err, errlen, "%s needs a seasonal period of at least 2 "
		         "(12 for monthly values); got %zu", name, season);
		return 0;
	}
	if (n < 2 * season) {
		snprintf(err, errlen, "%s needs at least 2 full seasons (%zu%s values); got %zu",
		         name, 2 * season, season_word(season), n);
		return 0;
	}
	if (m == SMB_FC_HW_MUL)
		for (size_t t = 0; t < n; t++)
			if (!(y[t] > 0)) {
				snprintf(err, errlen, "hw-mul needs positive values; value %zu is %g",
				         t + 1, y[t]);
				return 0;
			}
	return 1;
}

/* Variance of the h-step forecast error over σ², for the additive-error
 * models in closed form (Hyndman, Koehler, Ord & Snyder 2008, table 6.1).
 * Their β is the error-correction one, α·β here. */
static double var_ratio(smb_fc_method m, const smb_fc_params *p, size_t season, size_t h)
{
	double a = p->alpha, hh = (double)h, bb, phi, k;
	if (m == SMB_FC_SES)
		return 1 + a * a * (hh - 1);
	bb = a * p->beta;
	phi = m == SMB_FC_DAMPED ? p->phi : 1;
	if (fabs(1 - phi) < 1e-9) {
		double v = 1 + (hh - 1) * (a * a + a * bb * hh + bb * bb * hh * (2 * hh - 1) / 6);
		if (m == SMB_FC_HW_ADD) {
			k = (double)((h - 1) / season);
			v += p->gamma * k * (2 * a + p->gamma + bb * (double)season * (k + 1));
		}
		return v;
	}
	double om = 1 - phi, ph = pow(phi, hh);
	return 1 + a * a * (hh - 1)
	     + bb * phi * hh / (om * om) * (2 * a * om + bb * phi)
	     - bb * phi * (1 - ph) / (om * om * (1 - phi * phi))
	       * (2 * a * (1 - phi * phi) + bb * phi * (1 + 2 * phi - ph));
}

/* hw-mul: σ²(1 + Σ_j c_j²), c_j = ∂y_{n+h}/∂e_{n+j} along the forecast path,
 * by differences of the recursions driven by one small error at a time. The
 * step is small against the level, so the second-order terms the delta method
 * drops do not leak into c_j. O(h²) steps; h is at most MAX_HORIZON. */
static int mul_var_ratios(const smb_fc_model *md, const double *xend, size_t h,
                          double scale, double *ratio)
{
	double *buf = malloc((3 * h + md->m + 1) * sizeof *buf);
	if (!buf)
		return -1;
	double *base = buf, *pert = base + h, *e = pert + h, *work = e + h;
	double eps = 1e-6 * scale;
	int rc = smb_fc_simulate(md, xend, NULL, h, base, work);
	for (size_t i = 0; i < h; i++) {
		ratio[i] = 1;
		e[i] = 0;
	}
	for (size_t j = 0; j + 1 < h && rc == 0; j++) {
		e[j] = eps;
		rc = smb_fc_simulate(md, xend, e, h, pert, work);
		e[j] = 0;
		for (size_t i = j + 1; i < h && rc == 0; i++) {
			double c = (pert[i] - base[i]) / eps;
			ratio[i] += c * c;
		}
	}
	free(buf);
	return rc;
}

/* Fits one applicable method and fills out (arrays allocated here). */
static int fit_one(smb_fc_method meth, const double *y, size_t n, size_t season,
                   const smb_fc_params *fx, size_t horizon, smb_fc_result *out,
                   char *err, size_t errlen)
{
	smb_fc_fitspec sp = { 0 };
	smb_fc_model *md = &sp.md;
	double sse = 0, scale = 0;
	int nest = 0, rc = -1;

	memset(out, 0, sizeof *out);
	md->trend = has_trend(meth);
	md->seas = meth == SMB_FC_HW_ADD ? SMB_FC_SEAS_ADD
	         : meth == SMB_FC_HW_MUL ? SMB_FC_SEAS_MUL : SMB_FC_SEAS_NONE;
	md->m = md->seas ? season : 0;
	md->alpha = fx->alpha;
	md->beta = md->trend ? fx->beta : 0;
	md->phi = meth == SMB_FC_DAMPED ? fx->phi : 1;
	md->gamma = md->seas ? fx->gamma : 0;
	sp.free_alpha = isnan(fx->alpha);
	sp.free_beta = md->trend && isnan(fx->beta);
	sp.free_phi = meth == SMB_FC_DAMPED && isnan(fx->phi);
	sp.free_gamma = md->seas && isnan(fx->gamma);
	sp.free_level = isnan(fx->level0);
	sp.free_trend = md->trend && isnan(fx->trend0);

	size_t ns = SMB_FC_NSTATE(md);
	double *x = calloc(3 * ns, sizeof *x);   /* x0, end state, scratch */
	out->fitted = malloc(n * sizeof *out->fitted);
	out->value = malloc(5 * horizon * sizeof *out->value);
	if (md->m)
		out->season0 = malloc(md->m * sizeof *out->season0);
	if (!x || !out->fitted || !out->value || (md->m && !out->season0)) {
		snprintf(err, errlen, "out of memory forecasting %zu values", n);
		goto out;
	}
	sp.x0 = x;
	x[0] = fx->level0;
	x[1] = md->trend ? fx->trend0 : 0;
	if (smb_fc_fit(&sp, y, n, &sse, &nest, err, errlen) < 0)
		goto out;

	double *xend = x + ns;
	smb_fc_filter(md, y, n, x, NULL, out->fitted, xend);

	out->method = meth;
	out->season = md->m;
	if (md->m)
		memcpy(out->season0, x + 2, md->m * sizeof *x);
	smb_fc_params_unset(&out->params);
	out->params.alpha = md->alpha;
	out->params.level0 = x[0];
	if (md->trend) {
		out->params.beta = md->beta;
		out->params.trend0 = x[1];
	}
	if (meth == SMB_FC_DAMPED)
		out->params.phi = md->phi;
	if (md->seas)
		out->params.gamma = md->gamma;
	out->k = nest + 1;
	out->sse = sse;
	out->n = n;
	out->h = horizon;
	out->sigma2 = (double)n > out->k ? sse / ((double)n - out->k) : sse / n;

	for (size_t t = 0; t < n; t++)
		scale += fabs(y[t]) / n;
	/* A perfect fit would have log(0): floor the variance far below the data's
	 * scale so the AICc stays finite and, on a tie, fewer parameters win. */
	double s2 = fmax(sse / n, 1e-20 * fmax(scale * scale, 1e-300));
	double k = out->k, aic = n * (log(TWO_PI * s2) + 1) + 2 * k;
	out->aicc = (double)n > k + 1 ? aic + 2 * k * (k + 1) / ((double)n - k - 1) : NAN;
	for (int i = 0; i < SMB_FC_NMETHODS; i++)
		out->cand_aicc[i] = NAN;
	out->cand_aicc[meth] = out->aicc;

	out->lo80 = out->value + horizon;
	out->hi80 = out->lo80 + horizon;
	out->lo95 = out->hi80 + horizon;
	out->hi95 = out->lo95 + horizon;
	/* A multiplicative season scales a level that must stay positive; a
	 * forecast level at or below zero has no meaning, so say where it ends. */
	for (size_t i = 1; md->seas == SMB_FC_SEAS_MUL && i <= horizon; i++)
		if (!(xend[0] + (double)i * xend[1] > 0)) {
			snprintf(err, errlen, "hw-mul: the forecast level falls to zero or below "
			         "at h = %zu; use hw-add or a shorter horizon", i);
			goto out;
		}
	if (smb_fc_simulate(md, xend, NULL, horizon, out->value, xend + ns) < 0) {
		snprintf(err, errlen, "%s: the fitted states are not finite", names[meth]);
		goto out;
	}
	/* hi95 is free until the intervals are made: it holds the ratios. */
	if (meth == SMB_FC_HW_MUL) {
		if (mul_var_ratios(md, xend, horizon, scale, out->hi95) < 0) {
			snprintf(err, errlen, "hw-mul: cannot compute the interval widths "
			         "(out of memory, or the level is too close to zero)");
			goto out;
		}
	} else {
		for (size_t i = 0; i < horizon; i++)
			out->hi95[i] = var_ratio(meth, &out->params, md->m, i + 1);
	}
	/* Standard normal quantiles at 0.90 and 0.975. */
	const double z80 = 1.2815515655446004, z95 = 1.959963984540054;
	for (size_t i = 0; i < horizon; i++) {
		double sd = sqrt(out->sigma2 * out->hi95[i]), v = out->value[i];
		out->lo80[i] = v - z80 * sd;
		out->hi80[i] = v + z80 * sd;
		out->lo95[i] = v - z95 * sd;
		out->hi95[i] = v + z95 * sd;
	}
	rc = 0;
out:
	free(x);
	if (rc)
		smb_fc_result_free(out);
	return rc;
}

static int check_param(const char *name, double v, double lo, double hi, int open_lo,
                       char *err, size_t errlen)
{
	if (isnan(v))
		return 0;
	if (!isfinite(v) || v > hi || v < lo || (open_lo && v == lo)) {
		snprintf(err, errlen, "%s must be in %s%g, %g]; got %g", name,
		         open_lo ? "(" : "[", lo, hi, v);
		return -1;
	}
	return 0;
}

int smb_forecast(const double *y, size_t n, size_t season, smb_fc_method m,
                 const smb_fc_params *fixed, size_t horizon,
                 smb_fc_result *out, char *err, size_t errlen)
{
	smb_fc_params fx;

	if (!out || !y) {
		snprintf(err, errlen, "smb_forecast: no series or no result");
		return -1;
	}
	memset(out, 0, sizeof *out);
	if (n < 3) {
		snprintf(err, errlen, "forecasting needs at least 3 values; got %zu", n);
		return -1;
	}
	for (size_t t = 0; t < n; t++)
		if (!isfinite(y[t])) {
			snprintf(err, errlen, "value %zu is not a finite number", t + 1);
			return -1;
		}
	if (horizon == 0 || horizon > MAX_HORIZON) {
		snprintf(err, errlen, "horizon must be 1 to %d periods; got %zu",
		         MAX_HORIZON, horizon);
		return -1;
	}
	if ((unsigned)m > SMB_FC_AUTO) {
		snprintf(err, errlen, "unknown forecasting method %d", (int)m);
		return -1;
	}
	if (season < 2)
		season = 0;
	if (fixed)
		fx = *fixed;
	else
		smb_fc_params_unset(&fx);
	if (check_param("alpha", fx.alpha, 0, 1, 0, err, errlen) ||
	    check_param("beta", fx.beta, 0, 1, 0, err, errlen) ||
	    check_param("gamma", fx.gamma, 0, 1, 0, err, errlen) ||
	    check_param("phi", fx.phi, 0, 1, 1, err, errlen))
		return -1;
	if ((!isnan(fx.level0) && !isfinite(fx.level0)) ||
	    (!isnan(fx.trend0) && !isfinite(fx.trend0))) {
		snprintf(err, errlen, "level0 and trend0 must be finite numbers");
		return -1;
	}

	if (m != SMB_FC_AUTO) {
		if (!method_applies(m, y, n, season, &fx, err, errlen))
			return -1;
		return fit_one(m, y, n, season, &fx, horizon, out, err, errlen);
	}

	/* auto: every method the data and the held values allow; lowest AICc. */
	double cand[SMB_FC_NMETHODS];
	int have = 0, tried = 0;
	char why[256] = "";
	for (int i = 0; i < SMB_FC_NMETHODS; i++) {
		smb_fc_result r;
		cand[i] = NAN;
		if (!method_applies((smb_fc_method)i, y, n, season, &fx, why, sizeof why))
			continue;
		if (fit_one((smb_fc_method)i, y, n, season, &fx, horizon, &r, why, sizeof why) < 0) {
			if (strstr(why, "out of memory")) {
				snprintf(err, errlen, "%s", why);
				smb_fc_result_free(out);
				return -1;
			}
			continue;   /* a method that cannot be fitted is not a candidate */
		}
		tried++;
		cand[i] = r.aicc;
		if (!isnan(r.aicc) && (!have || r.aicc < out->aicc)) {
			smb_fc_result_free(out);
			*out = r;
			have = 1;
		} else {
			smb_fc_result_free(&r);
		}
	}
	if (!have) {
		if (tried)
			snprintf(err, errlen, "auto: %zu values are too few to compare methods "
			         "by AICc; choose a method", n);
		else
			snprintf(err, errlen, "auto: no method applies (%s)", why);
		return -1;
	}
	memcpy(out->cand_aicc, cand, sizeof cand);
	return 0;
}
