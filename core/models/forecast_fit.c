/* core/models/forecast_fit.c — the exponential-smoothing recursions and their
 * least-squares fit: Nelder–Mead over the smoothing parameters, and for each
 * trial the best initial states by (Gauss–Newton) least squares. */
#include "forecast_fit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One time step of the component-form recursions of forecast.h. On entry *l,
 * *b hold l_{t-1}, b_{t-1} and *s holds s_{t-m}; on return they hold l_t, b_t,
 * s_t. *fit gets ŷ_t. Returns -1 when the step leaves the model's domain (a
 * non-positive hw-mul divisor) or anything is not finite. */
static int fc_step(const smb_fc_model *md, double *l, double *b, double *s,
                   double y, double *fit)
{
	double lb = *l + md->phi * *b, ln, sn = 0;

	switch (md->seas) {
	case SMB_FC_SEAS_ADD:
		*fit = lb + *s;
		ln = md->alpha * (y - *s) + (1 - md->alpha) * lb;
		sn = md->gamma * (y - lb) + (1 - md->gamma) * *s;
		break;
	case SMB_FC_SEAS_MUL:
		/* Both divisors must stay positive: the states of a positive series
		 * that leave that region describe no sensible seasonal pattern. */
		if (!(*s > 0) || !(lb > 0))
			return -1;
		*fit = lb * *s;
		ln = md->alpha * (y / *s) + (1 - md->alpha) * lb;
		sn = md->gamma * (y / lb) + (1 - md->gamma) * *s;
		break;
	default:
		*fit = lb;
		ln = md->alpha * y + (1 - md->alpha) * lb;
		break;
	}
	if (md->trend)
		*b = md->beta * (ln - *l) + (1 - md->beta) * md->phi * *b;
	*l = ln;
	*s = sn;
	return isfinite(*fit) && isfinite(ln) && isfinite(*b) && isfinite(sn) ? 0 : -1;
}

static void reverse(double *a, size_t lo, size_t hi)
{
	while (lo + 1 < hi) {
		double t = a[lo];
		a[lo++] = a[--hi];
		a[hi] = t;
	}
}

double smb_fc_filter(const smb_fc_model *md, const double *y, size_t n,
                     const double *x0, double *e, double *fitted, double *xend)
{
	size_t m = md->m, j = 0;
	double l = x0[0], b = md->trend ? x0[1] : 0, sse = 0, dummy = 0;
	double *ring = xend + 2;

	if (m && ring != x0 + 2)
		memmove(ring, x0 + 2, m * sizeof *ring);
	for (size_t t = 0; t < n; t++) {
		double fit, *s = m ? &ring[j] : &dummy;
		if (fc_step(md, &l, &b, s, y[t], &fit) < 0)
			return INFINITY;
		double err = y[t] - fit;
		sse += err * err;
		if (e)
			e[t] = err;
		if (fitted)
			fitted[t] = fit;
		if (m && ++j == m)
			j = 0;
	}
	xend[0] = l;
	xend[1] = b;
	/* Rotate so that ring[0] is the state the next step uses (ring[n mod m]). */
	if (m && j) {
		reverse(ring, 0, j);
		reverse(ring, j, m);
		reverse(ring, 0, m);
	}
	return isfinite(sse) ? sse : INFINITY;
}

int smb_fc_simulate(const smb_fc_model *md, const double *x, const double *e,
                    size_t h, double *yhat, double *work)
{
	size_t m = md->m, j = 0;
	double l = x[0], b = md->trend ? x[1] : 0, dummy = 0;

	if (m)
		memcpy(work, x + 2, m * sizeof *work);
	for (size_t t = 0; t < h; t++) {
		double *s = m ? &work[j] : &dummy;
		double lb = l + md->phi * b;
		/* The future value is the forecast and its error: y = ŷ + e, or
		 * ŷ(1 + e) for multiplicative error. */
		double fit = md->seas == SMB_FC_SEAS_MUL ? lb * *s
		           : md->seas == SMB_FC_SEAS_ADD ? lb + *s : lb;
		double y = !e ? fit : md->error ? fit * (1 + e[t]) : fit + e[t];
		if (fc_step(md, &l, &b, s, y, &yhat[t]) < 0)
			return -1;
		if (m && ++j == m)
			j = 0;
	}
	return 0;
}

double smb_fc_resid(const smb_fc_model *md, const double *e, const double *f,
                    size_t n, double *r)
{
	double s = 0, lg = 0;

	if (!md->error) {
		for (size_t t = 0; t < n; t++) {
			r[t] = e[t];
			s += e[t] * e[t];
		}
		return isfinite(s) ? s : INFINITY;
	}
	for (size_t t = 0; t < n; t++) {
		if (!(fabs(f[t]) >= 1e-10))
			return INFINITY;
		lg += log(fabs(f[t]));
	}
	double g = exp(lg / (double)n);
	for (size_t t = 0; t < n; t++) {
		r[t] = e[t] / f[t] * g;
		s += r[t] * r[t];
	}
	return isfinite(s) ? s : INFINITY;
}

/* The largest characteristic polynomial the root test takes (m <= 63). */
#define MAXDEG 64

/* Whether every root of the monic polynomial c[0] + c[1] z + ... + z^d lies
 * strictly inside the circle |z| < r, by the Schur–Cohn (Levinson–Durbin)
 * recursion in real arithmetic: p has all roots inside the unit circle iff
 * |p(0)| < 1 (monic) and so has (p(z) - p(0) z^d p(1/z)) / z, made monic.
 * Roots within r are roots of p(r w) within |w| < 1, so the polynomial is
 * first scaled: c_k r^(k-d). Returns 1 or 0; 0 for anything not finite.
 * Replaces a Durand–Kerner root finder (complex arithmetic, up to 1000 sweeps)
 * that took ~70% of the ETS fit; same decisions (tests/test_forecast.c).
 * CPU on the demo (`perf stat -r 10 -e task-clock smbopt forecast
 * harbour-books --metric finance.revenue`), roots → Schur–Cohn: forecast
 * 216 → 100 ms, plan 296 → 173 ms, report 688 → 468 ms (with the quantiles
 * by selection of forecast.c), assess --dry-run 246 → 191 ms. */
static int schur_stable(const double *c, int d, double r)
{
	double a[MAXDEG + 1], b[MAXDEG + 1], sc = 1 / r;
	if (d > MAXDEG)
		return 0;
	a[d] = 1;
	for (int k = d - 1; k >= 0; k--, sc /= r)
		a[k] = c[k] * sc;
	for (int n = d; n >= 1; n--) {
		/* invariant: a[0..n] is monic of degree n, and the scaled
		 * polynomial's roots are inside the unit circle iff a's are */
		double k = a[0], q = 1 - k * k;
		if (!(fabs(k) < 1) || !(q > 0))
			return 0;
		for (int i = 0; i < n - 1; i++)
			b[i] = (a[i + 1] - k * a[n - 1 - i]) / q;
		memcpy(a, b, (size_t)(n - 1) * sizeof *a);
		a[n - 1] = 1;
	}
	return 1;
}

/* R's last test: max(abs(polyroot(P))) > 1 + 1e-10 rejects. Undamped
 * models without trend have P(1) = m·β = 0: that root (inside) is divided
 * out first, so the recursion never meets it at the edge of the circle.
 * Where the optimiser presses against the boundary (|root| within 1e-15 of
 * 1 + 1e-10) any two root computations differ in rounding: there this test
 * and the Durand–Kerner roots it replaces may disagree, moving the AICc of
 * such a fit in its 12th digit (tests/test_forecast.c checks the rest). */
static int roots_inside(const double *c, int d, int unit_root)
{
	double q[MAXDEG], carry = 1;
	const double *p = c;
	int dq = d;
	if (unit_root) {
		for (int k = d - 1; k >= 0; k--) {   /* P(z) = (z - 1) Q(z) */
			q[k] = carry;
			carry += c[k];
		}
		p = q;
		dq = d - 1;
	}
	return schur_stable(p, dq, 1 + 1e-10);
}

int smb_fc_admissible(const smb_fc_model *md)
{
	if (!md->seas || md->m < 2)
		return 1;
	double a = md->alpha, b = md->trend ? md->alpha * md->beta : 0, g = md->gamma;
	double phi = md->trend ? md->phi : 1, m = (double)md->m, c[MAXDEG];
	int d = (int)md->m + 1;
	if (phi < 0 || phi > 1 + 1e-8)
		return 0;
	if (g < fmax(1 - 1 / phi - a, 0) || g > 1 + 1 / phi - a)
		return 0;
	if (a < 1 - 1 / phi - g * (1 - m + phi + phi * m) / (2 * phi * m))
		return 0;
	if (b < -(1 - phi) * (g / m + a))
		return 0;
	if (d > MAXDEG)
		return 1;   /* beyond the root test: the easy tests decide */
	c[0] = phi * (1 - a - g);
	c[1] = a + b - a * phi + g - 1;
	for (int k = 2; k < d - 1; k++)
		c[k] = a + b - a * phi;
	c[d - 1] = a + b - phi;
	return roots_inside(c, d, phi == 1 && b == 0);
}

/* ---- least squares ---------------------------------------------------- */

/* Solves min ||A x - r|| by Householder QR; A is n×p column-major (n >= p)
 * and is destroyed, as is r. A column that is (numerically) a combination of
 * the ones before it gets x = 0, so a rank-deficient problem still yields
 * a least-squares solution. */
static void lsq(double *A, size_t n, size_t p, double *r, double *x)
{
	double rmax = 0;
	for (size_t k = 0; k < p; k++) {
		double *a = A + k * n, norm = 0;
		for (size_t i = k; i < n; i++)
			norm += a[i] * a[i];
		norm = sqrt(norm);
		if (norm == 0)
			continue;
		double alpha = a[k] > 0 ? -norm : norm;   /* avoids cancellation */
		a[k] -= alpha;
		double vtv = 0;
		for (size_t i = k; i < n; i++)
			vtv += a[i] * a[i];
		for (size_t c = k + 1; c < p; c++) {
			double *ac = A + c * n, d = 0;
			for (size_t i = k; i < n; i++)
				d += a[i] * ac[i];
			d = 2 * d / vtv;
			for (size_t i = k; i < n; i++)
				ac[i] -= d * a[i];
		}
		double d = 0;
		for (size_t i = k; i < n; i++)
			d += a[i] * r[i];
		d = 2 * d / vtv;
		for (size_t i = k; i < n; i++)
			r[i] -= d * a[i];
		a[k] = alpha;   /* now the diagonal of R */
		if (fabs(alpha) > rmax)
			rmax = fabs(alpha);
	}
	for (size_t k = p; k-- > 0;) {
		double diag = A[k * n + k];
		if (fabs(diag) <= 1e-11 * rmax) {
			x[k] = 0;
			continue;
		}
		double s = r[k];
		for (size_t c = k + 1; c < p; c++)
			s -= A[c * n + k] * x[c];
		x[k] = s / diag;
	}
}

/* ---- the fit ------------------------------------------------------------ */

enum { P_ALPHA, P_BETA, P_PHI, P_GAMMA, NPAR };

typedef struct fitws {
	smb_fc_fitspec *s;
	const double *y;
	size_t n, ns, nz;
	int npar, which[NPAR];  /* the free smoothing parameters, by P_* */
	double scale;           /* mean |y|: the size of a level or a trend step */
	double *xh;             /* held states and the heuristic start */
	double *x, *xend, *xbest, *xwarm, *z, *zt, *dz, *J, *e0, *e1, *f;
	int warm;               /* xwarm holds the last nonlinear solution */
} fitws;

static double *par_ref(smb_fc_model *md, int p)
{
	return p == P_ALPHA ? &md->alpha : p == P_BETA ? &md->beta
	     : p == P_PHI ? &md->phi : &md->gamma;
}

/* Free initial states z <-> state vector x. The last seasonal state is not
 * free: it makes the season sum to 0 (additive) or m (multiplicative),
 * without which level and season could trade values and the least-squares
 * problem would have no unique answer. */
static void z_to_x(const fitws *w, const double *z, double *x)
{
	const smb_fc_fitspec *s = w->s;
	size_t j = 0, m = s->md.m;
	memcpy(x, w->xh, w->ns * sizeof *x);
	if (s->free_level)
		x[0] = z[j++];
	if (s->md.trend && s->free_trend)
		x[1] = z[j++];
	if (m) {
		double sum = 0;
		for (size_t i = 0; i + 1 < m; i++)
			sum += x[2 + i] = z[j++];
		x[2 + m - 1] = (s->md.seas == SMB_FC_SEAS_MUL ? (double)m : 0) - sum;
	}
}

static void x_to_z(const fitws *w, const double *x, double *z)
{
	const smb_fc_fitspec *s = w->s;
	size_t j = 0;
	if (s->free_level)
		z[j++] = x[0];
	if (s->md.trend && s->free_trend)
		z[j++] = x[1];
	for (size_t i = 0; i + 1 < s->md.m; i++)
		z[j++] = x[2 + i];
}

/* The objective's residuals (smb_fc_resid) at free states z, in e. */
static double sse_at(fitws *w, const double *z, double *e)
{
	z_to_x(w, z, w->x);
	if (!isfinite(smb_fc_filter(&w->s->md, w->y, w->n, w->x, e, w->f, w->xend)))
		return INFINITY;
	return smb_fc_resid(&w->s->md, e, w->f, w->n, e);
}

/* The least-squares initial states for the smoothing parameters now in
 * w->s->md, left in w->xbest; returns their SSE. For the additive models the
 * errors are affine in the states, so the first Gauss–Newton step is the
 * exact answer (its Jacobian from differences is exact up to rounding) and
 * the second only polishes; hw-mul takes more, with step halving. */
static double inner(fitws *w)
{
	const int linear = w->s->md.seas != SMB_FC_SEAS_MUL && !w->s->md.error;
	size_t n = w->n, nz = w->nz;
	double sse = INFINITY;

	/* The nonlinear problems start from the last solution, which is near
	 * for the small moves of a search, and else from the heuristic. */
	if (!linear && w->warm) {
		x_to_z(w, w->xwarm, w->z);
		sse = sse_at(w, w->z, w->e0);
	}
	if (!isfinite(sse)) {
		x_to_z(w, w->xh, w->z);
		sse = sse_at(w, w->z, w->e0);
	}
	if (!isfinite(sse))
		return INFINITY;
	for (int it = 0; it < (linear ? 3 : 40) && nz; it++) {
		for (size_t k = 0; k < nz; k++) {
			/* The seasonal states come last in z; multiplicative ones are
			 * near 1, the level and trend are on the scale of y. */
			double unit = !linear && k + w->s->md.m >= nz + 1 ? 1 : w->scale;
			double h = fmax(fabs(w->z[k]), unit) * (linear ? 1 : 1e-6);
			memcpy(w->zt, w->z, nz * sizeof *w->zt);
			w->zt[k] += h;
			if (!isfinite(sse_at(w, w->zt, w->e1))) {
				h = -h;
				w->zt[k] = w->z[k] + h;
				if (!isfinite(sse_at(w, w->zt, w->e1)))
					goto done;
			}
			for (size_t t = 0; t < n; t++)
				w->J[k * n + t] = (w->e1[t] - w->e0[t]) / h;
		}
		for (size_t t = 0; t < n; t++)
			w->e1[t] = -w->e0[t];
		lsq(w->J, n, nz, w->e1, w->dz);
		/* For the additive models the SSE is quadratic in the states: after
		 * the first step a full step that gains nothing leaves nothing for
		 * a shorter one but rounding, so only the first step is halved. */
		double step = 1, gain = -1;
		for (int tries = 0; tries < (linear && it ? 1 : 30); tries++, step *= 0.5) {
			for (size_t k = 0; k < nz; k++)
				w->zt[k] = w->z[k] + step * w->dz[k];
			double s1 = sse_at(w, w->zt, w->e1);
			if (s1 < sse) {
				gain = sse - s1;
				sse = s1;
				memcpy(w->z, w->zt, nz * sizeof *w->z);
				memcpy(w->e0, w->e1, n * sizeof *w->e0);
				break;
			}
		}
		if (!(gain > (linear ? 1e-13 : 1e-10) * sse))
			break;
	}
done:
	z_to_x(w, w->z, w->xbest);
	if (!linear) {
		memcpy(w->xwarm, w->xbest, w->ns * sizeof *w->xwarm);
		w->warm = 1;
	}
	return sse;
}

/* R's usual bounds, in the recursions' parameters: α in [1e-4, 0.9999];
 * the error-correction β = α·β* in [1e-4, α]; γ in [1e-4, 1 - α]; φ in
 * [0.8, 0.98]. β's and γ's depend on α, which is therefore set first (the
 * P_* order). A held γ bounds α in turn. */
static void bounds(const fitws *w, int p, double *lo, double *hi)
{
	const smb_fc_model *md = &w->s->md;
	switch (p) {
	case P_ALPHA:
		*lo = 1e-4;
		*hi = 0.9999;
		if (md->seas && !w->s->free_gamma)
			*hi = fmax(*lo, fmin(*hi, 1 - md->gamma));
		break;
	case P_BETA:
		*lo = 1e-4 / md->alpha;
		*hi = fmin(md->alpha, 0.9999) / md->alpha;
		break;
	case P_PHI:
		*lo = 0.8;
		*hi = 0.98;
		break;
	default:
		*lo = 1e-4;
		*hi = fmax(*lo, fmin(0.9999, 1 - md->alpha));
		break;
	}
	if (*lo > *hi)
		*lo = *hi;
}

static double logistic(double u, double lo, double hi)
{
	u = fmax(-30, fmin(30, u));
	return lo + (hi - lo) / (1 + exp(-u));
}

/* Sets the free parameters from u; returns 0, or -1 when the model is not
 * admissible (forecast:::admissible). */
static int set_params(fitws *w, const double *u)
{
	for (int i = 0; i < w->npar; i++) {
		double lo, hi;
		bounds(w, w->which[i], &lo, &hi);
		*par_ref(&w->s->md, w->which[i]) = logistic(u[i], lo, hi);
	}
	return smb_fc_admissible(&w->s->md) ? 0 : -1;
}

/* The u of a fraction q of each free parameter's range (fills u in order,
 * setting each parameter as it goes so the dependent bounds follow). */
static void fractions_to_u(fitws *w, const double *q, double *u)
{
	for (int i = 0; i < w->npar; i++) {
		double lo, hi, v = fmin(0.999, fmax(0.001, q[i]));
		bounds(w, w->which[i], &lo, &hi);
		u[i] = log(v / (1 - v));
		*par_ref(&w->s->md, w->which[i]) = lo + (hi - lo) * v;
	}
}

static double objective(fitws *w, const double *u)
{
	if (set_params(w, u) < 0)
		return INFINITY;
	return inner(w);
}

/* Nelder–Mead on at most NPAR dimensions from u (in: start, out: best). */
static double nelder_mead(fitws *w, double *u, double step, int maxeval)
{
	int d = w->npar, evals = 0;
	double S[NPAR + 1][NPAR], F[NPAR + 1], c[NPAR], xr[NPAR], xe[NPAR];

	for (int i = 0; i <= d; i++) {
		memcpy(S[i], u, d * sizeof *u);
		if (i)
			S[i][i - 1] += step;
		F[i] = objective(w, S[i]);
		evals++;
	}
	for (;;) {
		/* Order the vertices, best first (insertion sort: d <= 4). */
		for (int i = 1; i <= d; i++)
			for (int k = i; k > 0 && F[k] < F[k - 1]; k--) {
				double tf = F[k], tv[NPAR];
				F[k] = F[k - 1];
				F[k - 1] = tf;
				memcpy(tv, S[k], sizeof tv);
				memcpy(S[k], S[k - 1], sizeof tv);
				memcpy(S[k - 1], tv, sizeof tv);
			}
		double size = 0;
		for (int i = 1; i <= d; i++)
			for (int k = 0; k < d; k++)
				size = fmax(size, fabs(S[i][k] - S[0][k]));
		if (evals >= maxeval || size < 1e-8 ||
		    (isfinite(F[d]) && F[d] - F[0] <= 1e-13 * fabs(F[0])))
			break;
		for (int k = 0; k < d; k++) {
			c[k] = 0;
			for (int i = 0; i < d; i++)
				c[k] += S[i][k] / d;
			xr[k] = 2 * c[k] - S[d][k];
		}
		double fr = objective(w, xr), fe, fc;
		evals++;
		if (fr < F[0]) {
			for (int k = 0; k < d; k++)
				xe[k] = 3 * c[k] - 2 * S[d][k];
			fe = objective(w, xe);
			evals++;
			memcpy(S[d], fe < fr ? xe : xr, d * sizeof *xe);
			F[d] = fe < fr ? fe : fr;
			continue;
		}
		if (fr < F[d - 1]) {
			memcpy(S[d], xr, d * sizeof *xr);
			F[d] = fr;
			continue;
		}
		/* Contract: outside when the reflection beat the worst, else inside. */
		int outside = fr < F[d];
		for (int k = 0; k < d; k++)
			xe[k] = outside ? c[k] + 0.5 * (xr[k] - c[k]) : c[k] + 0.5 * (S[d][k] - c[k]);
		fc = objective(w, xe);
		evals++;
		if (outside ? fc <= fr : fc < F[d]) {
			memcpy(S[d], xe, d * sizeof *xe);
			F[d] = fc;
			continue;
		}
		for (int i = 1; i <= d; i++) {
			for (int k = 0; k < d; k++)
				S[i][k] = S[0][k] + 0.5 * (S[i][k] - S[0][k]);
			F[i] = objective(w, S[i]);
			evals++;
		}
	}
	memcpy(u, S[0], d * sizeof *u);
	return F[0];
}

/* Heuristic states, the start of hw-mul's Gauss–Newton: the first value (and
 * first difference) without a season; with one, the trend between the means
 * of the first two seasons and each season's deviations (or ratios) from
 * that line, averaged over the two and normalised. */
static void heuristic(const smb_fc_model *md, const double *y, size_t n, double *x)
{
	size_t m = md->m;
	if (!m) {
		x[0] = y[0];
		x[1] = md->trend && n > 1 ? y[1] - y[0] : 0;
		return;
	}
	double a1 = 0, a2 = 0, sum = 0;
	for (size_t i = 0; i < m; i++) {
		a1 += y[i] / m;
		a2 += y[i + m] / m;   /* n >= 2m is checked by the caller */
	}
	double b = md->trend ? (a2 - a1) / m : 0, l = a1 - b * (m + 1) / 2.0;
	x[0] = l;
	x[1] = b;
	for (size_t i = 0; i < m; i++) {
		double t1 = l + b * (i + 1), t2 = l + b * (i + 1 + m), v;
		if (md->seas == SMB_FC_SEAS_MUL)
			v = (t1 > 0 && t2 > 0) ? (y[i] / t1 + y[i + m] / t2) / 2 : (y[i] / a1 + y[i + m] / a2) / 2;
		else
			v = (y[i] - t1 + y[i + m] - t2) / 2;
		x[2 + i] = v;
		sum += v;
	}
	for (size_t i = 0; i < m; i++)
		x[2 + i] = md->seas == SMB_FC_SEAS_MUL ? x[2 + i] * m / sum : x[2 + i] - sum / m;
}

int smb_fc_fit(smb_fc_fitspec *s, const double *y, size_t n, double *sse,
               int *nest, char *err, size_t errlen)
{
	fitws w = { .s = s, .y = y, .n = n, .ns = SMB_FC_NSTATE(&s->md) };
	int rc = -1;

	w.nz = (s->free_level ? 1 : 0) + (s->md.trend && s->free_trend ? 1 : 0) +
	       (s->md.m ? s->md.m - 1 : 0);
	if (s->free_alpha)
		w.which[w.npar++] = P_ALPHA;
	if (s->md.trend && s->free_beta)
		w.which[w.npar++] = P_BETA;
	if (s->md.trend && s->free_phi)
		w.which[w.npar++] = P_PHI;
	if (s->md.seas && s->free_gamma)
		w.which[w.npar++] = P_GAMMA;
	for (size_t t = 0; t < n; t++)
		w.scale += fabs(y[t]) / n;
	if (w.scale == 0)
		w.scale = 1;

	size_t nz1 = w.nz ? w.nz : 1;
	w.xh = malloc(5 * w.ns * sizeof *w.xh);
	w.z = malloc(3 * nz1 * sizeof *w.z);
	w.J = malloc(n * nz1 * sizeof *w.J);
	w.e0 = malloc(3 * n * sizeof *w.e0);
	if (!w.xh || !w.z || !w.J || !w.e0) {
		snprintf(err, errlen, "out of memory fitting %zu values", n);
		goto out;
	}
	w.x = w.xh + w.ns;
	w.xend = w.x + w.ns;
	w.xbest = w.xend + w.ns;
	w.xwarm = w.xbest + w.ns;
	w.zt = w.z + nz1;
	w.dz = w.zt + nz1;
	w.e1 = w.e0 + n;
	w.f = w.e1 + n;

	heuristic(&s->md, y, n, w.xh);
	if (!s->free_level)
		w.xh[0] = s->x0[0];
	if (!s->md.trend)
		w.xh[1] = 0;
	else if (!s->free_trend)
		w.xh[1] = s->x0[1];

	double best = INFINITY, u[NPAR] = { 0 };
	if (w.npar) {
		/* Several starts, each searched to the end, the best kept: R's
		 * initparam start (α 0.2/m of its range, β 0.1 of α, γ 0.05 of
		 * 1 - α, φ 0.99 of its range) and the three best points of a grid
		 * over the ranges. One start alone can settle in a local optimum:
		 * Holt on Mauna Loa's CO2 has one at β = 0.0001, far worse than
		 * the one at β = α that R finds. */
		enum { NSTART = 4 };
		static const double grid[NPAR][4] = {
			{ 0.1, 0.3, 0.6, 0.9 }, { 0.01, 0.1, 0.4, 0.95 },
			{ 0.3, 0.9, 0, 0 }, { 0.05, 0.2, 0.5, 0 } };
		static const int ngrid[NPAR] = { 4, 4, 2, 3 };
		double start[NSTART][NPAR], fs[NSTART], q[NPAR];
		int idx[NPAR] = { 0 }, nst = 1;
		for (int i = 0; i < w.npar; i++) {
			int p = w.which[i];
			q[i] = p == P_ALPHA ? 0.2 / (s->md.m ? (double)s->md.m : 1)
			     : p == P_BETA ? 0.1 : p == P_PHI ? 0.99 : 0.05;
		}
		fractions_to_u(&w, q, start[0]);
		fs[0] = 0;   /* always searched */
		for (int i = 1; i < NSTART; i++)
			fs[i] = INFINITY;
		for (;;) {
			double ut[NPAR] = { 0 };
			for (int i = 0; i < w.npar; i++)
				q[i] = grid[w.which[i]][idx[i]];
			fractions_to_u(&w, q, ut);
			double f = objective(&w, ut);
			/* Keep the three best, sorted, in start[1..3]. */
			for (int k = 1; k < NSTART; k++)
				if (f < fs[k]) {
					for (int m = NSTART - 1; m > k; m--) {
						fs[m] = fs[m - 1];
						memcpy(start[m], start[m - 1], sizeof start[m]);
					}
					fs[k] = f;
					memcpy(start[k], ut, sizeof ut);
					if (nst < NSTART)
						nst++;
					break;
				}
			int i = 0;
			while (i < w.npar && ++idx[i] == ngrid[w.which[i]])
				idx[i++] = 0;
			if (i == w.npar)
				break;
		}
		for (int st = 0; st < nst; st++) {
			double ut[NPAR], fb = INFINITY;
			if (!isfinite(fs[st]))
				continue;
			memcpy(ut, start[st], sizeof ut);
			/* Restart from the best vertex until a fresh simplex gains
			 * nothing: Nelder–Mead alone can stall on a collapsed simplex. */
			for (int r = 0; r < 10; r++) {
				double f = nelder_mead(&w, ut, r ? 0.25 : 1.0, 400 * (w.npar + 1));
				double gain = fb - f;
				if (f < fb)
					fb = f;
				if (!isfinite(fb) || !(gain > 1e-10 * fb))
					break;
			}
			if (fb < best) {
				best = fb;
				memcpy(u, ut, sizeof u);
			}
		}
		if (!isfinite(best) || set_params(&w, u) < 0) {
			snprintf(err, errlen, "no admissible fit: the recursions diverge or the "
			         "parameters leave the admissible region at every start");
			goto out;
		}
	}
	best = inner(&w);
	if (!isfinite(best)) {
		snprintf(err, errlen, "no finite fit: the recursions diverge for every "
		         "parameter value tried");
		goto out;
	}
	memcpy(s->x0, w.xbest, w.ns * sizeof *s->x0);
	*sse = best;
	*nest = w.npar + (int)w.nz;
	rc = 0;
out:
	free(w.xh);
	free(w.z);
	free(w.J);
	free(w.e0);
	return rc;
}
