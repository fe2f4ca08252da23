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
		/* The future value is the forecast plus its error: y = ŷ + e. */
		double fit = md->seas == SMB_FC_SEAS_MUL ? lb * *s
		           : md->seas == SMB_FC_SEAS_ADD ? lb + *s : lb;
		if (fc_step(md, &l, &b, s, fit + (e ? e[t] : 0), &yhat[t]) < 0)
			return -1;
		if (m && ++j == m)
			j = 0;
	}
	return 0;
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
static const double par_lo[NPAR] = { 1e-4, 1e-4, 0.8, 1e-4 };
static const double par_hi[NPAR] = { 0.9999, 0.9999, 0.98, 0.9999 };

typedef struct fitws {
	smb_fc_fitspec *s;
	const double *y;
	size_t n, ns, nz;
	int npar, which[NPAR];  /* the free smoothing parameters, by P_* */
	double scale;           /* mean |y|: the size of a level or a trend step */
	double *xh;             /* held states and the heuristic start */
	double *x, *xend, *xbest, *z, *zt, *dz, *J, *e0, *e1;
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

static double sse_at(fitws *w, const double *z, double *e)
{
	z_to_x(w, z, w->x);
	return smb_fc_filter(&w->s->md, w->y, w->n, w->x, e, NULL, w->xend);
}

/* The least-squares initial states for the smoothing parameters now in
 * w->s->md, left in w->xbest; returns their SSE. For the additive models the
 * errors are affine in the states, so the first Gauss–Newton step is the
 * exact answer (its Jacobian from differences is exact up to rounding) and
 * the second only polishes; hw-mul takes more, with step halving. */
static double inner(fitws *w)
{
	const int linear = w->s->md.seas != SMB_FC_SEAS_MUL;
	size_t n = w->n, nz = w->nz;
	double sse;

	x_to_z(w, w->xh, w->z);
	sse = sse_at(w, w->z, w->e0);
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
		if (!(gain > 1e-13 * sse))
			break;
	}
done:
	z_to_x(w, w->z, w->xbest);
	return sse;
}

static double logistic(double u, int p)
{
	u = fmax(-30, fmin(30, u));
	return par_lo[p] + (par_hi[p] - par_lo[p]) / (1 + exp(-u));
}

static double objective(fitws *w, const double *u)
{
	for (int i = 0; i < w->npar; i++)
		*par_ref(&w->s->md, w->which[i]) = logistic(u[i], w->which[i]);
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
	w.xh = malloc(4 * w.ns * sizeof *w.xh);
	w.z = malloc(3 * nz1 * sizeof *w.z);
	w.J = malloc(n * nz1 * sizeof *w.J);
	w.e0 = malloc(2 * n * sizeof *w.e0);
	if (!w.xh || !w.z || !w.J || !w.e0) {
		snprintf(err, errlen, "out of memory fitting %zu values", n);
		goto out;
	}
	w.x = w.xh + w.ns;
	w.xend = w.x + w.ns;
	w.xbest = w.xend + w.ns;
	w.zt = w.z + nz1;
	w.dz = w.zt + nz1;
	w.e1 = w.e0 + n;

	heuristic(&s->md, y, n, w.xh);
	if (!s->free_level)
		w.xh[0] = s->x0[0];
	if (!s->md.trend)
		w.xh[1] = 0;
	else if (!s->free_trend)
		w.xh[1] = s->x0[1];

	double best = INFINITY, u[NPAR] = { 0 };
	if (w.npar) {
		/* A coarse grid picks the start, so the search begins in the right
		 * basin rather than wherever a single guess lands. */
		static const double grid[NPAR][4] = {
			{ 0.1, 0.3, 0.6, 0.9 }, { 0.01, 0.1, 0.3, 0 },
			{ 0.85, 0.95, 0, 0 }, { 0.05, 0.2, 0.5, 0 } };
		static const int ngrid[NPAR] = { 4, 3, 2, 3 };
		int idx[NPAR] = { 0 };
		for (;;) {
			double ut[NPAR] = { 0 };
			for (int i = 0; i < w.npar; i++) {
				int p = w.which[i];
				double q = (grid[p][idx[i]] - par_lo[p]) / (par_hi[p] - par_lo[p]);
				ut[i] = log(q / (1 - q));
			}
			double f = objective(&w, ut);
			if (f < best) {
				best = f;
				memcpy(u, ut, sizeof u);
			}
			int i = 0;
			while (i < w.npar && ++idx[i] == ngrid[w.which[i]])
				idx[i++] = 0;
			if (i == w.npar)
				break;
		}
		/* Restart from the best vertex until a fresh simplex gains nothing:
		 * Nelder–Mead alone can stall on a collapsed simplex. */
		for (int r = 0; r < 10 && isfinite(best); r++) {
			double f = nelder_mead(&w, u, r ? 0.25 : 1.0, 400 * (w.npar + 1));
			double gain = best - f;
			if (f < best)
				best = f;
			if (!(gain > 1e-10 * best))
				break;
		}
		for (int i = 0; i < w.npar; i++)
			*par_ref(&s->md, w.which[i]) = logistic(u[i], w.which[i]);
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
