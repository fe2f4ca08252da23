/* core/models/clv/gammagamma.c — the Gamma-Gamma spend model (Fader, Hardie &
 * Lee 2005, "RFM and CLV") fitted by maximum likelihood on log-parameters,
 * and the discounted customer lifetime value that joins it to BG/NBD. */
#include "clv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* as in bgnbd.c: search bound, and the bound of an identified optimum */
#define GG_BOUND 25.0
#define GG_IDENTIFIED 18.0
/* average month, in weeks: 365.25 / 12 days */
#define GG_MONTH_WEEKS (365.25 / 12.0 / 7.0)

typedef struct gg_data {
	size_t n;
	int *x;
	double *m;       /* mean values divided by scale */
	double scale;    /* mean of the mean values: makes the fit currency-free */
	size_t nu;       /* distinct values of x */
	int *ux;         /* increasing */
	size_t *ucount;  /* customers per distinct x */
	int *xi;         /* scratch for smb_clv_distinct */
	double sxl;      /* sum x (log m + log x): the part linear in p */
	double sl;       /* sum log m */
} gg_data;

/* Log-likelihood of the mean repeat values m given x,
 *   lnG(px+q) - lnG(px) - lnG(q) + q ln g + (px-1) ln m + px ln x
 *   - (px+q) ln(g + m x),
 * with gradient and Hessian in (p, q, gamma) when g is non-NULL. Terms in
 * lnG depend on x only, so they are computed once per distinct x. */
static double gg_eval(const gg_data *d, const double *par, double *g, double *h)
{
	double p = par[0], q = par[1], ga = par[2], N = (double)d->n;
	double lga = log(ga);
	double ll = -N * smb_clv_lgamma(q) + N * q * lga + p * d->sxl - d->sl;
	double G[3] = { d->sxl, -N * smb_clv_digamma(q) + N * lga, N * q / ga };
	double H[9] = { 0 };
	int derivs = g != NULL;

	if (derivs) {
		H[4] = -N * smb_clv_trigamma(q);
		H[5] = N / ga;
		H[8] = -N * q / (ga * ga);
	}
	for (size_t j = 0; j < d->nu; j++) {
		double x = d->ux[j], c = (double)d->ucount[j], px = p * x;
		ll += c * (smb_clv_lgamma(px + q) - smb_clv_lgamma(px));
		if (derivs) {
			double dq = smb_clv_digamma(px + q), tq = smb_clv_trigamma(px + q);
			G[0] += c * x * (dq - smb_clv_digamma(px));
			G[1] += c * dq;
			H[0] += c * x * x * (tq - smb_clv_trigamma(px));
			H[1] += c * x * tq;
			H[4] += c * tq;
		}
	}
	for (size_t i = 0; i < d->n; i++) {
		double x = d->x[i], den = ga + d->m[i] * x, L = log(den), k = p * x + q;
		ll -= k * L;
		if (derivs) {
			double iden = 1.0 / den;
			G[0] -= x * L;
			G[1] -= L;
			G[2] -= k * iden;
			H[2] -= x * iden;
			H[5] -= iden;
			H[8] += k * iden * iden;
		}
	}
	if (derivs) {
		for (int j = 0; j < 3; j++) {
			g[j] = G[j];
			for (int k = 0; k < 3; k++)
				h[j * 3 + k] = j <= k ? H[j * 3 + k] : H[k * 3 + j];
		}
	}
	return ll;
}

static int gg_objective(const double *theta, double *f, double *g, double *h, void *ud)
{
	double par[3], G[3], H[9];
	for (int k = 0; k < 3; k++)
		par[k] = exp(theta[k]);
	double ll = gg_eval(ud, par, G, H);
	if (!isfinite(ll))
		return -1;
	*f = -ll;
	for (int j = 0; j < 3; j++) {
		g[j] = -par[j] * G[j];
		for (int k = 0; k < 3; k++)
			h[j * 3 + k] = -(par[j] * par[k] * H[j * 3 + k] + (j == k ? par[j] * G[j] : 0.0));
	}
	return 0;
}

static void gg_release(gg_data *d)
{
	free(d->x);
	free(d->m);
	free(d->xi);
	free(d->ux);
	free(d->ucount);
}

/* Keeps the repeat customers with a positive mean value; counts the
 * others. The model is defined for m > 0 only (it has ln m). */
static int gg_prepare(const smb_clv_customer *c, size_t n, gg_data *d, size_t *excluded,
                      char *err, size_t errlen)
{
	size_t k = 0;

	*excluded = 0;
	memset(d, 0, sizeof *d);
	for (size_t i = 0; i < n; i++) {
		if (!(c[i].x >= 0 && c[i].x <= 1e7 && c[i].x == floor(c[i].x))
		    || !isfinite(c[i].mean_value)) {
			snprintf(err, errlen, "cannot fit Gamma-Gamma: customer %zu has an invalid "
			         "summary (x=%g, mean value %g)", i + 1, c[i].x, c[i].mean_value);
			return -1;
		}
		if (c[i].x < 1)
			continue;
		if (c[i].mean_value > 0) {
			k++;
		} else {
			(*excluded)++;
		}
	}
	d->n = k;
	d->scale = 1.0;
	if (k == 0)
		return 0;
	d->x = malloc(k * sizeof *d->x);
	d->m = malloc(k * sizeof *d->m);
	d->xi = malloc(k * sizeof *d->xi);
	if (!d->x || !d->m || !d->xi) {
		gg_release(d);
		snprintf(err, errlen, "Gamma-Gamma: out of memory for %zu customers", k);
		return -1;
	}
	/* Spend in cents or in rupiah gives the same p and q and a gamma in
	 * that unit; fitting on m / scale keeps gamma near 1 whatever the unit,
	 * and the density of m is that of m / scale divided by scale. */
	double sum = 0.0;
	for (size_t i = 0; i < n; i++)
		if (c[i].x >= 1 && c[i].mean_value > 0)
			sum += c[i].mean_value;
	d->scale = sum / (double)k;
	k = 0;
	for (size_t i = 0; i < n; i++) {
		if (c[i].x < 1 || !(c[i].mean_value > 0))
			continue;
		d->x[k] = (int)c[i].x;
		d->m[k] = c[i].mean_value / d->scale;
		d->sxl += c[i].x * (log(d->m[k]) + log(c[i].x));
		d->sl += log(d->m[k]);
		k++;
	}
	d->nu = smb_clv_distinct(d->x, k, &d->ux, &d->ucount, d->xi);
	if (d->nu == 0) {
		gg_release(d);
		snprintf(err, errlen, "Gamma-Gamma: out of memory for %zu customers", k);
		return -1;
	}
	return 0;
}

int smb_gg_fit(const smb_clv_customer *c, size_t n, smb_gg *out, char *err, size_t errlen)
{
	static const char *names[3] = { "p", "q", "gamma" };
	gg_data d;
	size_t excluded;

	if (gg_prepare(c, n, &d, &excluded, err, errlen) != 0)
		return -1;
	if (d.n < 2) {
		snprintf(err, errlen, "cannot fit Gamma-Gamma: it needs at least 2 repeat customers "
		         "with a positive mean spend, got %zu (%zu left out for a mean spend <= 0)",
		         d.n, excluded);
		gg_release(&d);
		return -1;
	}
	double lo = d.m[0], hi = d.m[0];
	for (size_t i = 0; i < d.n; i++) {
		lo = d.m[i] < lo ? d.m[i] : lo;
		hi = d.m[i] > hi ? d.m[i] : hi;
	}
	if (hi - lo <= 1e-12 * hi) {
		snprintf(err, errlen, "cannot fit Gamma-Gamma: all %zu repeat customers have the same "
		         "mean spend (%g); the model needs spend that varies", d.n, hi * d.scale);
		gg_release(&d);
		return -1;
	}

	/* start: p = 1, q = 2 and gamma matching the scaled mean of 1,
	 * p gamma / (q-1) = 1 */
	double theta[3] = { 0.0, log(2.0), 0.0 };
	int iters = 0;
	int rc = smb_clv_minimize(gg_objective, &d, 3, theta, GG_BOUND, &iters);
	for (int j = 0; rc >= 0 && j < 3; j++)
		if (fabs(theta[j]) > GG_IDENTIFIED)
			rc = 2;
	if (rc != 0) {
		if (rc == 2) {
			int k = 0;
			for (int j = 1; j < 3; j++)
				if (fabs(theta[j]) > fabs(theta[k]))
					k = j;
			snprintf(err, errlen, "cannot fit Gamma-Gamma: the estimate of %s runs off to %s; "
			         "these %zu repeat customers do not identify the model",
			         names[k], theta[k] > 0 ? "infinity" : "zero", d.n);
		} else {
			snprintf(err, errlen, "cannot fit Gamma-Gamma: the likelihood maximisation did "
			         "not converge (%d iterations)", iters);
		}
		gg_release(&d);
		return -1;
	}
	double par[3] = { exp(theta[0]), exp(theta[1]), exp(theta[2]) };
	out->p = par[0];
	out->q = par[1];
	out->gamma = par[2] * d.scale;
	out->loglik = gg_eval(&d, par, NULL, NULL) - (double)d.n * log(d.scale);
	out->customers = d.n;
	out->excluded = excluded;
	out->iterations = iters;
	gg_release(&d);
	/* q <= 1: the population's mean spend p·gamma/(q - 1) does not exist;
	 * a customer-level mean exists only with enough purchases, and a CLV
	 * built on it would rest on a tail the data cannot bound. */
	if (out->q <= 1) {
		snprintf(err, errlen, "spend per purchase has no finite mean (Gamma-Gamma q = %.3g <= 1): "
		         "%zu repeat customers' spend varies too much to project", out->q, out->customers);
		return 1;
	}
	return 0;
}

double smb_gg_loglik(const smb_gg *g, const smb_clv_customer *c, size_t n)
{
	gg_data d;
	size_t excluded;
	char err[8];
	if (gg_prepare(c, n, &d, &excluded, err, sizeof err) != 0)
		return NAN;
	double par[3] = { g->p, g->q, g->gamma / d.scale };
	double ll = d.n ? gg_eval(&d, par, NULL, NULL) - (double)d.n * log(d.scale) : 0.0;
	gg_release(&d);
	return ll;
}

double smb_gg_expected_spend(const smb_gg *g, double x, double mean_value)
{
	double den = g->p * x + g->q - 1.0;
	if (!(den > 0.0))
		return -1.0;
	return g->p * (g->gamma + x * mean_value) / den;
}

void smb_clv_options_default(smb_clv_options *o)
{
	o->months = 12;
	o->monthly_discount = 0.01;
	o->horizon_weeks = SMB_CLV_YEAR_WEEKS;
}

int smb_clv_value(const smb_bgnbd *bg, const smb_gg *gg, const smb_clv_customer *c,
                  const smb_clv_options *opt, smb_clv_result *res, char *err, size_t errlen)
{
	smb_clv_options def;
	if (!opt) {
		smb_clv_options_default(&def);
		opt = &def;
	}
	if (opt->months < 1 || opt->months > SMB_CLV_MAX_MONTHS || !(opt->monthly_discount > -1.0)
	    || !isfinite(opt->monthly_discount) || !(opt->horizon_weeks >= 0.0)
	    || !isfinite(opt->horizon_weeks)) {
		snprintf(err, errlen, "CLV: invalid options (months %d, monthly discount %g, "
		         "horizon %g weeks)", opt->months, opt->monthly_discount, opt->horizon_weeks);
		return -1;
	}
	/* E[Y(t)] at the horizon and at each month end, in one pass. */
	double t[SMB_CLV_MAX_MONTHS + 1], e[SMB_CLV_MAX_MONTHS + 1];
	t[0] = opt->horizon_weeks;
	for (int m = 1; m <= opt->months; m++)
		t[m] = m * GG_MONTH_WEEKS;
	smb_bgnbd_conditional_curve(bg, c->x, c->t_x, c->T, t, (size_t)opt->months + 1, e);
	res->p_alive = smb_bgnbd_p_alive(bg, c->x, c->t_x, c->T);
	res->expected_purchases = e[0];
	/* A repeat customer whose days net to nothing (refunds) is outside the
	 * spend model; valuing it at the population mean would credit refunds
	 * with revenue, so its spend is taken as 0. */
	res->in_spend_model = !(c->x > 0 && !(c->mean_value > 0));
	if (res->in_spend_model) {
		res->expected_spend = smb_gg_expected_spend(gg, c->x, c->mean_value);
		if (res->expected_spend < 0) {
			snprintf(err, errlen, "CLV: the spend model has no finite mean for customer %s "
			         "(p x + q <= 1 with p=%g q=%g x=%g)", c->id ? c->id : "?",
			         gg->p, gg->q, c->x);
			return -1;
		}
	} else {
		res->expected_spend = 0.0;
	}
	double prev = 0.0, clv = 0.0, disc = 1.0;
	for (int m = 1; m <= opt->months; m++) {
		disc /= 1.0 + opt->monthly_discount;
		clv += (e[m] - prev) * disc;
		prev = e[m];
	}
	res->clv = clv * res->expected_spend;
	return 0;
}

int smb_clv_score(const smb_bgnbd *bg, const smb_gg *gg, const smb_clv_customer *c,
                  size_t n, const smb_clv_options *opt, smb_clv_result *res,
                  char *err, size_t errlen)
{
	for (size_t i = 0; i < n; i++)
		if (smb_clv_value(bg, gg, &c[i], opt, &res[i], err, errlen) != 0)
			return -1;
	return 0;
}
