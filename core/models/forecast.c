/* core/models/forecast.c — the forecasting entry point: checks the input, fits one
 * ETS model or every one a selection allows (lowest AICc), and turns the
 * fitted model into point forecasts with 80% and 95% prediction intervals. */
#include "forecast.h"
#include "forecast_fit.h"

#include <math.h>
#include <stdint.h>
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

/* The named methods as models, in smb_fc_method order. */
static const smb_fc_spec method_spec[] = {
	{ 'A', 'N', 'N' }, { 'A', 'A', 'N' }, { 'A', 'D', 'N' }, { 'A', 'A', 'A' },
	{ 'A', 'A', 'M' }, { 'Z', 'Z', 'Z' } };

static int spec_eq(const smb_fc_spec *a, const smb_fc_spec *b)
{
	return a->error == b->error && a->trend == b->trend && a->season == b->season;
}

int smb_fc_model_parse(const char *text, smb_fc_spec *spec)
{
	char buf[16];
	size_t k = 0;
	smb_fc_method m;

	if (!text)
		return -1;
	if (smb_fc_method_parse(text, &m) == 0) {
		*spec = method_spec[m];
		return 0;
	}
	/* "ETS(M,Ad,M)" -> "MAdM": keep the letters of the components. */
	if (strncmp(text, "ETS(", 4) == 0)
		text += 4;
	for (; *text && k + 1 < sizeof buf; text++)
		if (*text != ',' && *text != ')' && *text != ' ')
			buf[k++] = *text;
	if (*text)
		return -1;
	buf[k] = 0;
	if (k == 4 && buf[2] == 'd' && buf[1] == 'A') {
		buf[1] = 'D';
		memmove(buf + 2, buf + 3, 2);
		k = 3;
	} else if (k == 4 && buf[2] == 'd' && buf[1] == 'Z') {
		memmove(buf + 2, buf + 3, 2);   /* "AZdZ": damped or not, as Z */
		k = 3;
	}
	if (k != 3 || !strchr("AMZ", buf[0]) || (!strchr("NAZ", buf[1]) && buf[1] != 'D') ||
	    !strchr("NAMZ", buf[2]))
		return -1;
	spec->error = buf[0];
	spec->trend = buf[1];
	spec->season = buf[2];
	return 0;
}

const char *smb_fc_model_name(const smb_fc_spec *spec, char *buf)
{
	snprintf(buf, 12, "ETS(%c,%s,%c)", spec->error,
	         spec->trend == 'D' ? "Ad" : spec->trend == 'A' ? "A" : spec->trend == 'N' ? "N" : "Z",
	         spec->season);
	return buf;
}

static const char *season_word(size_t m)
{
	return m == 12 ? " monthly" : m == 4 ? " quarterly" : m == 7 ? " daily"
	     : m == 52 ? " weekly" : "";
}

/* Whether model sp can be fitted to this series with these held values;
 * if not, why, in err. */
static int model_applies(const smb_fc_spec *sp, const double *y, size_t n, size_t season,
                         const smb_fc_params *fx, char *err, size_t errlen)
{
	char name[16];
	smb_fc_model_name(sp, name);
	if (sp->trend == 'N' && (!isnan(fx->beta) || !isnan(fx->trend0))) {
		snprintf(err, errlen, "%s has no trend: beta and trend0 do not apply", name);
		return 0;
	}
	if (sp->trend != 'D' && !isnan(fx->phi) && fx->phi != 1) {
		snprintf(err, errlen, "%s has no damping: phi applies only to a damped trend", name);
		return 0;
	}
	if (sp->error == 'M' || sp->season == 'M')
		for (size_t t = 0; t < n; t++)
			if (!(y[t] > 0)) {
				snprintf(err, errlen, "%s needs positive values; value %zu is %g",
				         name, t + 1, y[t]);
				return 0;
			}
	if (sp->season == 'N') {
		if (!isnan(fx->gamma)) {
			snprintf(err, errlen, "%s has no season: gamma applies only to seasonal models", name);
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
	return 1;
}

/* The values a model estimates: free smoothing parameters and initial states
 * (the seasonal states less the one their sum fixes). */
static int n_estimated(const smb_fc_spec *sp, size_t season, const smb_fc_params *fx)
{
	int k = isnan(fx->alpha) + isnan(fx->level0);
	if (sp->trend != 'N')
		k += isnan(fx->beta) + isnan(fx->trend0);
	if (sp->trend == 'D')
		k += isnan(fx->phi);
	if (sp->season != 'N')
		k += isnan(fx->gamma) + (int)season - 1;
	return k;
}

/* c_j of the additive-error forecast variance (Hyndman et al. 2008, table
 * 6.1; forecast:::class1): α + β·(φ + ... + φ^j) + γ when j is a multiple of
 * the period; β the error-correction one, α·β* here. */
static double psi(const smb_fc_model *md, size_t j)
{
	double c = md->alpha, pj = 0, ph = 1;
	if (md->trend) {
		for (size_t i = 1; i <= j; i++)
			pj += ph *= md->phi;
		c += md->alpha * md->beta * pj;
	}
	if (md->seas && j % md->m == 0)
		c += md->gamma;
	return c;
}

/* Class 1 (error A) and class 2 (error M), season N or A: the h-step
 * variances, in var[0..h-1] (forecast:::class1 and class2). O(h²) for class 2;
 * h is at most MAX_HORIZON. */
static int analytic_var(const smb_fc_model *md, double sigma2, const double *mu,
                        size_t h, double *var)
{
	double *c = malloc(2 * h * sizeof *c), sum = 0;
	if (!c)
		return -1;
	double *theta = c + h;
	for (size_t j = 1; j < h; j++)
		c[j] = psi(md, j);
	for (size_t i = 0; i < h; i++) {
		if (!md->error) {
			if (i)
				sum += c[i] * c[i];
			var[i] = sigma2 * (1 + sum);
			continue;
		}
		double th = mu[i] * mu[i];
		for (size_t j = 1; j <= i; j++)
			th += sigma2 * c[j] * c[j] * theta[i - j];
		theta[i] = th;
		var[i] = (1 + sigma2) * th - mu[i] * mu[i];
	}
	free(c);
	return 0;
}

/* splitmix64 and Box–Muller: normal draws that repeat from run to run. */
static double normal(uint64_t *st)
{
	double u[2];
	for (int i = 0; i < 2; i++) {
		uint64_t z = (*st += 0x9E3779B97F4A7C15ull);
		z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
		z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
		z ^= z >> 31;
		u[i] = ((double)(z >> 11) + 0.5) / 9007199254740992.0;
	}
	return sqrt(-2 * log(u[0])) * cos(TWO_PI * u[1]);
}

/* Moves the k-th smallest of v[0..n-1] to v[k], the smaller ones before it
 * and the others after (Hoare's selection; v holds finite numbers). */
static void select_kth(double *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1;
	while (lo < hi) {
		double pivot = v[lo + (hi - lo) / 2];
		size_t i = lo, j = hi;
		while (i <= j) {
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i <= j) {
				double t = v[i];
				v[i] = v[j];
				v[j] = t;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		/* now v[lo..j] <= pivot <= v[i..hi], and j < i */
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return;
	}
}

/* R's quantile type 7 of v[0..k-1], which it reorders: the same order
 * statistics a sort would give, by selection (sorting 5000 paths for each
 * step took a tenth of the report). */
static double quantile(double *v, size_t k, double p)
{
	double h = (double)(k - 1) * p;
	size_t lo = (size_t)floor(h);
	select_kth(v, k, lo);
	if (lo + 1 >= k)
		return v[lo];
	double next = v[lo + 1];
	for (size_t i = lo + 2; i < k; i++)
		next = fmin(next, v[i]);
	return v[lo] + (h - (double)lo) * (next - v[lo]);
}

/* The other models: quantiles of simulated paths (forecast:::pegelsfcast.C
 * does the same with npaths = 5000). Paths whose states leave the model's
 * domain are dropped; fewer than half left is an error. */
static int simulate_intervals(const smb_fc_model *md, const double *xend, double sigma2,
                              smb_fc_result *out)
{
	size_t h = out->h, np = SMB_FC_NPATHS, ok = 0;
	if (h > 200)
		np = h > 5000 ? 200 : 1000000 / h;
	double *paths = malloc((np * h + 3 * h + md->m + 1) * sizeof *paths);
	if (!paths)
		return -1;
	double *e = paths + np * h, *yh = e + h, *col = yh + h, *work = col + h;
	uint64_t st = SMB_FC_SEED;
	double sd = sqrt(sigma2);
	for (size_t p = 0; p < np; p++) {
		for (size_t i = 0; i < h; i++)
			e[i] = sd * normal(&st);
		if (smb_fc_simulate(md, xend, e, h, yh, work) < 0)
			continue;
		for (size_t i = 0; i < h; i++)
			paths[i * np + ok] = md->error ? yh[i] * (1 + e[i]) : yh[i] + e[i];
		ok++;
	}
	if (ok < np / 2) {
		free(paths);
		return -1;
	}
	for (size_t i = 0; i < h; i++) {
		double *v = paths + i * np;
		out->lo80[i] = quantile(v, ok, 0.10);
		out->hi80[i] = quantile(v, ok, 0.90);
		out->lo95[i] = quantile(v, ok, 0.025);
		out->hi95[i] = quantile(v, ok, 0.975);
	}
	free(paths);
	return 0;
}

/* Fits one applicable model and fills out (arrays allocated here). */
static int fit_one(const smb_fc_spec *sp, const double *y, size_t n, size_t season,
                   const smb_fc_params *fx, size_t horizon, smb_fc_result *out,
                   char *err, size_t errlen)
{
	smb_fc_fitspec fs = { 0 };
	smb_fc_model *md = &fs.md;
	double obj = 0, scale = 0;
	int nest = 0, rc = -1;

	memset(out, 0, sizeof *out);
	md->error = sp->error == 'M';
	md->trend = sp->trend != 'N';
	md->seas = sp->season == 'A' ? SMB_FC_SEAS_ADD
	         : sp->season == 'M' ? SMB_FC_SEAS_MUL : SMB_FC_SEAS_NONE;
	md->m = md->seas ? season : 0;
	md->alpha = fx->alpha;
	md->beta = md->trend ? fx->beta : 0;
	md->phi = sp->trend == 'D' ? fx->phi : 1;
	md->gamma = md->seas ? fx->gamma : 0;
	fs.free_alpha = isnan(fx->alpha);
	fs.free_beta = md->trend && isnan(fx->beta);
	fs.free_phi = sp->trend == 'D' && isnan(fx->phi);
	fs.free_gamma = md->seas && isnan(fx->gamma);
	fs.free_level = isnan(fx->level0);
	fs.free_trend = md->trend && isnan(fx->trend0);

	size_t ns = SMB_FC_NSTATE(md);
	double *x = calloc(3 * ns + 2 * n, sizeof *x);   /* x0, end state, scratch, e, r */
	out->fitted = malloc(n * sizeof *out->fitted);
	out->value = malloc(5 * horizon * sizeof *out->value);
	if (md->m)
		out->season0 = malloc(md->m * sizeof *out->season0);
	if (!x || !out->fitted || !out->value || (md->m && !out->season0)) {
		snprintf(err, errlen, "out of memory forecasting %zu values", n);
		goto out;
	}
	fs.x0 = x;
	x[0] = fx->level0;
	x[1] = md->trend ? fx->trend0 : 0;
	if (smb_fc_fit(&fs, y, n, &obj, &nest, err, errlen) < 0)
		goto out;

	double *xend = x + ns, *e = x + 3 * ns, *r = e + n;
	out->sse = smb_fc_filter(md, y, n, x, e, out->fitted, xend);
	obj = smb_fc_resid(md, e, out->fitted, n, r);
	if (!isfinite(out->sse) || !isfinite(obj)) {
		snprintf(err, errlen, "no finite fit");
		goto out;
	}

	out->spec = *sp;
	smb_fc_model_name(sp, out->model);
	out->method = SMB_FC_AUTO;
	for (int i = 0; i < SMB_FC_NMETHODS; i++)
		if (spec_eq(sp, &method_spec[i]))
			out->method = (smb_fc_method)i;
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
	if (sp->trend == 'D')
		out->params.phi = md->phi;
	if (md->seas)
		out->params.gamma = md->gamma;
	out->k = nest + 1;
	out->n = n;
	out->h = horizon;
	/* σ² of the one-step errors (relative for error M) over n less the
	 * values estimated, as R's ets. */
	{
		double se = 0;
		for (size_t t = 0; t < n; t++) {
			double q = md->error ? e[t] / out->fitted[t] : e[t];
			se += q * q;
		}
		out->sigma2 = (double)n > nest ? se / ((double)n - nest) : se / n;
	}

	for (size_t t = 0; t < n; t++)
		scale += fabs(y[t]) / n;
	/* A perfect fit would have log(0): floor the variance far below the data's
	 * scale so the AICc stays finite and, on a tie, fewer parameters win. For
	 * error M, obj is Σ r² with r the relative errors times the geometric
	 * mean of ŷ, so n·log(obj/n) holds the Jacobian term 2·Σ log ŷ. */
	double s2 = fmax(obj / n, 1e-20 * fmax(scale * scale, 1e-300));
	double k = out->k;
	out->loglik = -0.5 * n * (log(TWO_PI * s2) + 1);
	double aic = -2 * out->loglik + 2 * k;
	out->aicc = (double)n > k + 1 ? aic + 2 * k * (k + 1) / ((double)n - k - 1) : NAN;
	for (int i = 0; i < SMB_FC_NMETHODS; i++)
		out->cand_aicc[i] = NAN;
	if (out->method != SMB_FC_AUTO)
		out->cand_aicc[out->method] = out->aicc;
	out->ncand = 1;
	memcpy(out->cand_model[0], out->model, sizeof out->model);
	out->cand_aic[0] = out->aicc;

	out->lo80 = out->value + horizon;
	out->hi80 = out->lo80 + horizon;
	out->lo95 = out->hi80 + horizon;
	out->hi95 = out->lo95 + horizon;
	/* A multiplicative season scales a level that must stay positive; a
	 * forecast level at or below zero has no meaning, so say where it ends. */
	for (size_t i = 1; md->seas == SMB_FC_SEAS_MUL && i <= horizon; i++) {
		double lv = xend[0], ph = 1;
		for (size_t j = 1; j <= i && md->trend; j++)
			lv += (ph *= md->phi) * xend[1];
		if (!(lv > 0)) {
			snprintf(err, errlen, "%s: the forecast level falls to zero or below "
			         "at h = %zu; use an additive season or a shorter horizon", out->model, i);
			goto out;
		}
	}
	if (smb_fc_simulate(md, xend, NULL, horizon, out->value, xend + ns) < 0) {
		snprintf(err, errlen, "%s: the fitted states are not finite", out->model);
		goto out;
	}
	/* Standard normal quantiles at 0.90 and 0.975. */
	const double z80 = 1.2815515655446004, z95 = 1.959963984540054;
	out->simulated = md->seas == SMB_FC_SEAS_MUL;
	if (out->simulated) {
		if (simulate_intervals(md, xend, out->sigma2, out) < 0) {
			snprintf(err, errlen, "%s: cannot simulate the intervals (out of memory, "
			         "or the paths leave the model's domain)", out->model);
			goto out;
		}
		/* One step ahead the error is the only randomness: exact. */
		double sd = sqrt(out->sigma2) * (md->error ? out->value[0] : 1);
		out->lo80[0] = out->value[0] - z80 * sd;
		out->hi80[0] = out->value[0] + z80 * sd;
		out->lo95[0] = out->value[0] - z95 * sd;
		out->hi95[0] = out->value[0] + z95 * sd;
	} else {
		/* hi95 is free until the intervals are made: it holds the variances. */
		if (analytic_var(md, out->sigma2, out->value, horizon, out->hi95) < 0) {
			snprintf(err, errlen, "out of memory forecasting %zu values", n);
			goto out;
		}
		for (size_t i = 0; i < horizon; i++) {
			double sd = sqrt(fmax(out->hi95[i], 0)), v = out->value[i];
			out->lo80[i] = v - z80 * sd;
			out->hi80[i] = v + z80 * sd;
			out->lo95[i] = v - z95 * sd;
			out->hi95[i] = v + z95 * sd;
		}
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
	if ((unsigned)m > SMB_FC_AUTO) {
		if (out)
			memset(out, 0, sizeof *out);
		snprintf(err, errlen, "unknown forecasting method %d", (int)m);
		return -1;
	}
	return smb_ets(y, n, season, &method_spec[m], fixed, horizon, out, err, errlen);
}

int smb_ets(const double *y, size_t n, size_t season, const smb_fc_spec *spec,
            const smb_fc_params *fixed, size_t horizon,
            smb_fc_result *out, char *err, size_t errlen)
{
	smb_fc_params fx;

	if (!out || !y || !spec) {
		snprintf(err, errlen, "smb_ets: no series, model or result");
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
	if (!strchr("AMZ", spec->error) || !strchr("NADZ", spec->trend) ||
	    !strchr("NAMZ", spec->season) || !spec->error || !spec->trend || !spec->season) {
		snprintf(err, errlen, "unknown model");
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

	int select = spec->error == 'Z' || spec->trend == 'Z' || spec->season == 'Z';
	if (!select) {
		if (!model_applies(spec, y, n, season, &fx, err, errlen))
			return -1;
		return fit_one(spec, y, n, season, &fx, horizon, out, err, errlen);
	}

	/* Selection: every model the letters allow that R's ets would try. */
	static const char errs[] = "AM", trends[] = "NAD", seasons[] = "NAM";
	char cmodel[SMB_FC_NMODELS][16];
	double caic[SMB_FC_NMODELS], cmeth[SMB_FC_NMETHODS];
	int have = 0, tried = 0, nc = 0;
	char why[256] = "";
	for (int i = 0; i < SMB_FC_NMETHODS; i++)
		cmeth[i] = NAN;
	for (int ie = 0; ie < 2; ie++)
		for (int it = 0; it < 3; it++)
			for (int is = 0; is < 3; is++) {
				smb_fc_spec c = { errs[ie], trends[it], seasons[is] };
				smb_fc_result r;
				if ((spec->error != 'Z' && spec->error != c.error) ||
				    (spec->trend != 'Z' && spec->trend != c.trend) ||
				    (spec->season != 'Z' && spec->season != c.season))
					continue;
				/* R's restrict: no additive error under a multiplicative season. */
				if (c.error == 'A' && c.season == 'M' && spec->error == 'Z')
					continue;
				if (c.season != 'N' && season > 24)
					continue;
				if (!model_applies(&c, y, n, season, &fx, why, sizeof why))
					continue;
				/* R's rule: a model needs more than 4 values per estimate. */
				if ((int)n <= n_estimated(&c, season, &fx) + 4) {
					char nm[16];
					snprintf(why, sizeof why, "%s estimates %d values: %zu observations "
					         "are too few", smb_fc_model_name(&c, nm),
					         n_estimated(&c, season, &fx), n);
					continue;
				}
				if (fit_one(&c, y, n, season, &fx, horizon, &r, why, sizeof why) < 0) {
					if (strstr(why, "out of memory")) {
						snprintf(err, errlen, "%s", why);
						smb_fc_result_free(out);
						return -1;
					}
					continue;   /* a model that cannot be fitted is not a candidate */
				}
				tried++;
				memcpy(cmodel[nc], r.model, sizeof r.model);
				caic[nc++] = r.aicc;
				if (r.method != SMB_FC_AUTO)
					cmeth[r.method] = r.aicc;
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
			snprintf(err, errlen, "auto: %zu values are too few to compare models "
			         "by AICc; choose a model", n);
		else
			snprintf(err, errlen, "auto: no model applies (%s)", why);
		return -1;
	}
	memcpy(out->cand_aicc, cmeth, sizeof cmeth);
	memcpy(out->cand_model, cmodel, sizeof cmodel);
	memcpy(out->cand_aic, caic, sizeof caic);
	out->ncand = nc;
	return 0;
}
