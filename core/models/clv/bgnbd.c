/* core/models/clv/bgnbd.c — the BG/NBD purchase model (Fader, Hardie & Lee
 * 2005): maximum-likelihood fit on log-parameters with analytic gradient and
 * Hessian, P(alive), and unconditional and conditional expected purchases. */
#include "clv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The search stops when a log-parameter leaves +-25; an optimum found
 * beyond +-18 (1.5e-8 .. 6.6e7, in weeks) is a likelihood that keeps rising
 * towards a boundary, not an estimate, and is refused as well. */
#define BG_BOUND 25.0
#define BG_IDENTIFIED 18.0

typedef struct bg_data {
	size_t n;
	int *x;
	int *xi;              /* customer i's x is ux[xi[i]] */
	double *tx, *T;
	size_t nu;            /* distinct values of x */
	int *ux;              /* increasing */
	size_t *ucount;       /* customers per distinct x */
	double *tab;          /* per distinct x, T_N doubles */
} bg_data;

/* Per-x parts of the likelihood, which depend on x but not on t_x or T:
 * lnG(r+x)-lnG(r) and log B(a,b+x)/B(a,b), their derivatives, and
 * log(b+x-1), 1/(b+x-1) of the second (dropout) term. */
enum { T_G1, T_D1R, T_H1RR, T_G2, T_D2A, T_D2B, T_H2AA, T_H2BB, T_LB, T_IB, T_N };

static void bg_tables(const bg_data *d, double r, double a, double b, int derivs)
{
	double lr = smb_clv_lgamma(r), lab = smb_clv_lgamma(a + b), lb = smb_clv_lgamma(b);
	double pr = 0, pab = 0, pb = 0, qr = 0, qab = 0, qb = 0;
	if (derivs) {
		pr = smb_clv_digamma(r);
		pab = smb_clv_digamma(a + b);
		pb = smb_clv_digamma(b);
		qr = smb_clv_trigamma(r);
		qab = smb_clv_trigamma(a + b);
		qb = smb_clv_trigamma(b);
	}
	for (size_t j = 0; j < d->nu; j++) {
		double *t = d->tab + j * T_N;
		int x = d->ux[j];
		if (x == 0) {
			for (int k = 0; k < T_N; k++)
				t[k] = 0.0;
			continue;
		}
		t[T_G1] = smb_clv_lgamma(r + x) - lr;
		t[T_G2] = lab + smb_clv_lgamma(b + x) - lb - smb_clv_lgamma(a + b + x);
		t[T_LB] = log(b + x - 1);
		t[T_IB] = 1.0 / (b + x - 1);
		if (derivs) {
			double pabx = smb_clv_digamma(a + b + x), qabx = smb_clv_trigamma(a + b + x);
			t[T_D1R] = smb_clv_digamma(r + x) - pr;
			t[T_H1RR] = smb_clv_trigamma(r + x) - qr;
			t[T_D2A] = pab - pabx;
			t[T_D2B] = pab + smb_clv_digamma(b + x) - pb - pabx;
			t[T_H2AA] = qab - qabx;
			t[T_H2BB] = qab + smb_clv_trigamma(b + x) - qb - qabx;
		}
	}
}

/* Log-likelihood at (r, alpha, a, b); with g and h non-NULL also its
 * gradient and Hessian in those (not log) parameters. Each customer adds
 * log(exp(C) + [x>0] exp(D)), taken as a log-sum-exp so that neither term
 * underflows. */
static double bg_eval(const bg_data *d, const double *par, double *g, double *h)
{
	double r = par[0], al = par[1], a = par[2], b = par[3];
	double n = (double)d->n, la = log(al), lna = log(a);
	double ll = n * r * la;
	double G[4] = { n * la, n * r / al, 0, 0 };
	double H[16] = { 0 };
	int derivs = g != NULL;

	bg_tables(d, r, a, b, derivs);
	for (size_t j = 0; j < d->nu; j++) {
		const double *t = d->tab + j * T_N;
		double c = (double)d->ucount[j];
		if (d->ux[j] == 0)
			continue;
		ll += c * (t[T_G1] + t[T_G2]);
		if (derivs) {
			G[0] += c * t[T_D1R];
			G[2] += c * t[T_D2A];
			G[3] += c * t[T_D2B];
			H[0] += c * t[T_H1RR];
			H[10] += c * t[T_H2AA];
			H[11] += c * t[T_H2AA];
			H[15] += c * t[T_H2BB];
		}
	}
	if (derivs) {
		H[1] += n / al;
		H[5] -= n * r / (al * al);
	}

	for (size_t i = 0; i < d->n; i++) {
		int x = d->x[i];
		double s = r + x, lT = log(al + d->T[i]);
		double C = -s * lT;
		if (x == 0) {
			ll += C;
			if (derivs) {
				double iT = 1.0 / (al + d->T[i]);
				G[0] -= lT;
				G[1] -= s * iT;
				H[1] -= iT;
				H[5] += s * iT * iT;
			}
			continue;
		}
		const double *t = d->tab + (size_t)d->xi[i] * T_N;
		double lt = log(al + d->tx[i]);
		double D = lna - t[T_LB] - s * lt;
		double e = exp(-fabs(C - D));
		ll += (C > D ? C : D) + log1p(e);
		if (derivs) {
			/* w: posterior weight of the "dropped out after the last
			 * purchase" term D */
			double w = C > D ? e / (1.0 + e) : 1.0 / (1.0 + e);
			double iT = 1.0 / (al + d->T[i]), it = 1.0 / (al + d->tx[i]);
			double gC[4] = { -lT, -s * iT, 0, 0 };
			double gD[4] = { -lt, -s * it, 1.0 / a, -t[T_IB] };
			double dd[4];
			for (int k = 0; k < 4; k++) {
				G[k] += (1 - w) * gC[k] + w * gD[k];
				dd[k] = gD[k] - gC[k];
			}
			H[1] -= (1 - w) * iT + w * it;
			H[5] += s * ((1 - w) * iT * iT + w * it * it);
			H[10] -= w / (a * a);
			H[15] += w * t[T_IB] * t[T_IB];
			double ww = w * (1 - w);
			for (int j = 0; j < 4; j++)
				for (int k = j; k < 4; k++)
					H[j * 4 + k] += ww * dd[j] * dd[k];
		}
	}
	if (derivs) {
		for (int k = 0; k < 4; k++)
			g[k] = G[k];
		for (int j = 0; j < 4; j++)
			for (int k = 0; k < 4; k++)
				h[j * 4 + k] = j <= k ? H[j * 4 + k] : H[k * 4 + j];
	}
	return ll;
}

/* Objective for the minimiser: -loglik in theta = log(parameters). */
static int bg_objective(const double *theta, double *f, double *g, double *h, void *ud)
{
	const bg_data *d = ud;
	double par[4], G[4], H[16];
	for (int k = 0; k < 4; k++)
		par[k] = exp(theta[k]);
	double ll = bg_eval(d, par, G, H);
	if (!isfinite(ll))
		return -1;
	*f = -ll;
	for (int j = 0; j < 4; j++) {
		g[j] = -par[j] * G[j];
		for (int k = 0; k < 4; k++)
			h[j * 4 + k] = -(par[j] * par[k] * H[j * 4 + k] + (j == k ? par[j] * G[j] : 0.0));
	}
	return 0;
}

static void bg_release(bg_data *d)
{
	free(d->x);
	free(d->xi);
	free(d->tx);
	free(d->T);
	free(d->ux);
	free(d->ucount);
	free(d->tab);
}

/* Checks the summary and lays it out for bg_eval; 0 or -1 with err. */
static int bg_prepare(const smb_clv_customer *c, size_t n, bg_data *d, char *err, size_t errlen)
{
	memset(d, 0, sizeof *d);
	for (size_t i = 0; i < n; i++) {
		const smb_clv_customer *k = &c[i];
		if (!(k->x >= 0 && k->x <= 1e7 && k->x == floor(k->x) && k->t_x >= 0
		      && k->T >= k->t_x && isfinite(k->T)) || (k->x == 0 && k->t_x != 0)) {
			snprintf(err, errlen, "cannot fit BG/NBD: customer %zu%s%s%s has an invalid "
			         "summary (x=%g t_x=%g T=%g)", i + 1, k->id ? " (" : "",
			         k->id ? k->id : "", k->id ? ")" : "", k->x, k->t_x, k->T);
			return -1;
		}
	}
	d->n = n;
	d->x = malloc((n ? n : 1) * sizeof *d->x);
	d->xi = malloc((n ? n : 1) * sizeof *d->xi);
	d->tx = malloc((n ? n : 1) * sizeof *d->tx);
	d->T = malloc((n ? n : 1) * sizeof *d->T);
	if (d->x && d->xi && d->tx && d->T) {
		for (size_t i = 0; i < n; i++) {
			d->x[i] = (int)c[i].x;
			d->tx[i] = c[i].t_x;
			d->T[i] = c[i].T;
		}
		d->nu = smb_clv_distinct(d->x, n, &d->ux, &d->ucount, d->xi);
		if (d->nu > 0)
			d->tab = malloc(d->nu * T_N * sizeof *d->tab);
	}
	if (!d->tab) {
		bg_release(d);
		snprintf(err, errlen, "BG/NBD: out of memory for %zu customers", n);
		return -1;
	}
	return 0;
}

int smb_bgnbd_fit(const smb_clv_customer *c, size_t n, smb_bgnbd *out,
                  char *err, size_t errlen)
{
	static const char *names[4] = { "r", "alpha", "a", "b" };
	bg_data d;
	size_t repeaters = 0;
	double sumx = 0, sumT = 0;

	if (n < 2) {
		snprintf(err, errlen, "cannot fit BG/NBD: it needs at least 2 customers, got %zu", n);
		return -1;
	}
	if (bg_prepare(c, n, &d, err, errlen) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		repeaters += d.x[i] > 0;
		sumx += d.x[i];
		sumT += d.T[i];
	}
	if (repeaters == 0) {
		snprintf(err, errlen, "cannot fit BG/NBD: no customer made a repeat purchase "
		         "(all %zu bought on one day only)", n);
		bg_release(&d);
		return -1;
	}

	/* Several starts, the best end kept: a unit-shape population whose mean
	 * rate matches the observed repeat rate, with drop-out (a, b) at
	 * (1, 1), (0.3, 3) and (3, 10); the damped Newton steps do the rest. */
	static const double starts[3][2] = { { 0.0, 0.0 }, { -1.2, 1.1 }, { 1.1, 2.3 } };
	double best[4] = { 0 }, bestf = INFINITY, th_off[4] = { 0 };
	int iters = 0, rc = -1, off = -1;
	for (int st = 0; st < 3; st++) {
		double theta[4] = { 0.0, log(sumT / sumx), starts[st][0], starts[st][1] }, f, g[4], h[16];
		int it = 0, r = smb_clv_minimize(bg_objective, &d, 4, theta, BG_BOUND, &it);
		for (int k = 0; r >= 0 && k < 4; k++)
			if (fabs(theta[k]) > BG_IDENTIFIED)
				r = 2;
		iters += it;
		if (r == 2 && off < 0)
			memcpy(th_off, theta, sizeof th_off), off = 1;
		if (r != 0 || bg_objective(theta, &f, g, h, &d) || !(f < bestf))
			continue;
		bestf = f;
		memcpy(best, theta, sizeof best);
		rc = 0;
	}
	/* Months the cohort spans, for the reason. */
	double weeks = 0;
	for (size_t i = 0; i < n; i++)
		weeks = fmax(weeks, d.T[i]);
	double months = weeks * 7 / (365.25 / 12);
	if (rc != 0) {
		int k = 0;
		for (int j = 1; off > 0 && j < 4; j++)
			if (fabs(th_off[j]) > fabs(th_off[k]))
				k = j;
		if (off > 0 && k >= 2)
			snprintf(err, errlen, "too little repeat history to estimate drop-out: %zu repeat "
			         "customers over %.0f months (the estimate of %s runs off to %s)", repeaters,
			         months, names[k], th_off[k] > 0 ? "infinity" : "zero");
		else if (off > 0)
			snprintf(err, errlen, "cannot fit BG/NBD: the estimate of %s runs off to %s; "
			         "these %zu customers (%zu with repeat purchases) do not identify the model",
			         names[k], th_off[k] > 0 ? "infinity" : "zero", n, repeaters);
		else
			snprintf(err, errlen, "cannot fit BG/NBD: the likelihood maximisation did not "
			         "converge from any start (%d iterations)", iters);
		/* Where the search ran off, out holds where it stopped. */
		out->r = off > 0 ? exp(th_off[0]) : NAN;
		out->alpha = off > 0 ? exp(th_off[1]) : NAN;
		out->a = off > 0 ? exp(th_off[2]) : NAN;
		out->b = off > 0 ? exp(th_off[3]) : NAN;
		for (int j = 0; j < 4; j++)
			out->se[j] = NAN;
		out->loglik = NAN;
		out->customers = n;
		out->iterations = iters;
		bg_release(&d);
		return off > 0 && k >= 2 ? 1 : -1;
	}
	out->r = exp(best[0]);
	out->alpha = exp(best[1]);
	out->a = exp(best[2]);
	out->b = exp(best[3]);
	out->customers = n;
	out->iterations = iters;
	double par[4] = { out->r, out->alpha, out->a, out->b };
	out->loglik = bg_eval(&d, par, NULL, NULL);
	/* Standard errors from the inverse Hessian of -log L in log parameters,
	 * by the delta method on the natural scale. */
	{
		double f, g[4], h[16], inv[16];
		for (int k = 0; k < 4; k++)
			out->se[k] = NAN;
		if (bg_objective(best, &f, g, h, &d) == 0 && smb_clv_invert(h, 4, inv) == 0)
			for (int k = 0; k < 4; k++)
				if (inv[k * 4 + k] > 0)
					out->se[k] = par[k] * sqrt(inv[k * 4 + k]);
	}
	bg_release(&d);
	/* Drop-out is not identified when a heads to 0 or b to infinity (every
	 * customer alive), or when the data leave a or b unknown within a
	 * factor of e^3 either way: P(alive) would be an artefact. */
	double sla = out->se[2] / out->a, slb = out->se[3] / out->b;
	if (out->a < 1e-3 || out->b > 1e4 || !(sla < 3) || !(slb < 3)) {
		snprintf(err, errlen, "too little repeat history to estimate drop-out: %zu repeat customers "
		         "over %.0f months (a = %.3g, b = %.3g)", repeaters, months, out->a, out->b);
		return 1;
	}
	return 0;
}

double smb_bgnbd_loglik(const smb_bgnbd *p, const smb_clv_customer *c, size_t n)
{
	bg_data d;
	char err[8];
	if (n == 0)
		return 0.0;
	if (bg_prepare(c, n, &d, err, sizeof err) != 0)
		return NAN;
	double par[4] = { p->r, p->alpha, p->a, p->b };
	double ll = bg_eval(&d, par, NULL, NULL);
	bg_release(&d);
	return ll;
}

double smb_bgnbd_p_alive(const smb_bgnbd *p, double x, double t_x, double T)
{
	if (x <= 0)
		return 1.0;
	double l = log(p->a) - log(p->b + x - 1)
		+ (p->r + x) * (log(p->alpha + T) - log(p->alpha + t_x));
	return 1.0 / (1.0 + exp(l));
}

/* Expected purchases in the next t weeks of a customer alive now, whose
 * rate is Gamma(s, beta) and dropout probability Beta(a, bp):
 *   E[(1 - exp(-lambda p t)) / p].
 * The papers write this as (a+bp-1)/(a-1) [1 - (beta/(beta+t))^s
 * 2F1(s, bp; a+bp-1; z)] with z = t/(beta+t), which cancels badly near
 * a = 1 and has a pole when a+bp-1 is a non-positive integer. Expanding the
 * same expectation in z instead gives, with K ~ NegBin(s, z),
 *   E[S_K],  S_k = sum_{j<k} (bp)_j / (a+bp)_j,
 * a series of positive terms with no cancellation for any a, bp > 0.
 * Its length grows like (s + 40)/(1 - z); past z = 0.98, or where
 * (1-z)^s would underflow, the Beta integral over p is done instead by
 * double-exponential quadrature. */
static double bracket_quadrature(double s, double u, double a, double bp)
{
	const double h = 1.0 / 32, half_pi = 1.5707963267948966;
	double lbeta = smb_clv_lgamma(a) + smb_clv_lgamma(bp) - smb_clv_lgamma(a + bp);
	double sum = 0.0;
	/* y = -log p = exp(pi/2 sinh tau); the integrand in y is
	 * p^(a-1) (1-p)^(bp-1) (1 - (1 + p u)^-s). */
	for (int k = -208; k <= 208; k++) {
		double tau = k * h, ly = half_pi * sinh(tau);
		if (ly > 700.0)
			break;
		double y = exp(ly);
		double one_minus_p = -expm1(-y);
		double gain = -expm1(-s * log1p(u * exp(-y)));
		if (!(gain > 0.0) || !(one_minus_p > 0.0))
			continue;
		double lf = (1.0 - a) * y + (bp - 1.0) * log(one_minus_p) + log(gain)
			+ log(h * half_pi * cosh(tau)) + ly - lbeta;
		if (lf > -745.0)
			sum += exp(lf);
	}
	return sum;
}

static double bracket(double s, double beta, double a, double bp, double t)
{
	if (!(t > 0.0))
		return 0.0;
	double u = t / beta, z = u / (1.0 + u), l1u = log1p(u);
	if (z <= 0.98 && s * l1u < 600.0) {
		double term = exp(-s * l1u), S = 0.0, m = 1.0, sum = 0.0;
		for (int k = 1; k < 200000; k++) {
			term *= (s + k - 1) * z / k;
			S += m;
			m *= (bp + k - 1) / (a + bp + k - 1);
			sum += term * S;
			double next = (s + k) * z / (k + 1);
			if (next < 1.0 && term * S <= 1e-17 * sum * (1.0 - next))
				return sum;
		}
	}
	return bracket_quadrature(s, u, a, bp);
}

double smb_bgnbd_expected(const smb_bgnbd *p, double t)
{
	return bracket(p->r, p->alpha, p->a, p->b, t);
}

double smb_bgnbd_conditional(const smb_bgnbd *p, double t, double x, double t_x, double T)
{
	double alive = smb_bgnbd_p_alive(p, x, t_x, T);
	return alive * bracket(p->r + x, p->alpha + T, p->a, p->b + x, t);
}

/* The series of bracket() at several t for one customer. Its weights
 * w_k = (s)_k / k! S_k do not depend on t, only z does: they are built
 * once (up to the longest series asked for) and each t is then a
 * polynomial in z, without bracket()'s three divisions per term. A series
 * longer than the buffer, or a t bracket() would integrate, goes to
 * bracket() itself. */
#define CURVE_TERMS 4096

void smb_bgnbd_conditional_curve(const smb_bgnbd *p, double x, double t_x, double T,
                                 const double *t, size_t n, double *out)
{
	double w[CURVE_TERMS];
	double s = p->r + x, beta = p->alpha + T, a = p->a, bp = p->b + x;
	double alive = smb_bgnbd_p_alive(p, x, t_x, T);
	double c = 1.0, S = 0.0, m = 1.0;   /* (s)_k / k!, S_k, the next S step */
	size_t built = 0;

	for (size_t i = 0; i < n; i++) {
		double u = t[i] / beta, z = u / (1.0 + u), l1u = log1p(u);
		double sum = 0.0, zk = 1.0;
		int done = 0;

		if (!(t[i] > 0.0)) {
			out[i] = 0.0;
			continue;
		}
		if (!(z <= 0.98 && s * l1u < 600.0)) {
			out[i] = alive * bracket(s, beta, a, bp, t[i]);
			continue;
		}
		/* bracket()'s stopping rule, term <= 1e-17 sum (1 - next) once
		 * next = (s+k) z / (k+1) < 1, multiplied out by k+1; the common
		 * factor (1-z)^s is applied at the end. */
		for (size_t k = 1; k < CURVE_TERMS; k++) {
			if (k > built) {
				c *= (s + k - 1) / k;
				S += m;
				m *= (bp + k - 1) / (a + bp + k - 1);
				w[k] = c * S;
				built = k;
			}
			if (!isfinite(w[k]))   /* (s)_k / k! past the doubles: bracket() copes */
				break;
			zk *= z;
			double term = w[k] * zk, room = (k + 1) - (s + k) * z;
			sum += term;
			if (room > 0.0 && term * (k + 1) <= 1e-17 * sum * room) {
				done = 1;
				break;
			}
		}
		sum *= exp(-s * l1u);
		out[i] = alive * (done ? sum : bracket(s, beta, a, bp, t[i]));
	}
}
