/* core/models/clv/special.c — numerical helpers of the CLV models: log-gamma,
 * digamma and trigamma for positive arguments, and the small damped-Newton
 * minimiser both likelihood fits use. libm only, reentrant. */
#include "clv.h"

#include <math.h>
#include <stdlib.h>

/* Recurrences push the argument to >= 10, where the asymptotic series below
 * are accurate to about 1e-16 relative. */
#define SMB_CLV_ASYMPTOTIC 10.0

double smb_clv_lgamma(double x)
{
	double shift = 1.0, z = x;
	if (!(x > 0.0))
		return x == 0.0 ? INFINITY : NAN;
	while (z < SMB_CLV_ASYMPTOTIC) {
		shift *= z;
		z += 1.0;
	}
	double iz = 1.0 / z, iz2 = iz * iz;
	double series = iz * (1.0 / 12 + iz2 * (-1.0 / 360 + iz2 * (1.0 / 1260
		+ iz2 * (-1.0 / 1680 + iz2 * (1.0 / 1188 + iz2 * (-691.0 / 360360
		+ iz2 * (1.0 / 156)))))));
	/* 0.9189... = log(sqrt(2 pi)) */
	return (z - 0.5) * log(z) - z + 0.91893853320467274178 + series - log(shift);
}

double smb_clv_digamma(double x)
{
	double acc = 0.0, z = x;
	if (!(x > 0.0))
		return NAN;
	while (z < SMB_CLV_ASYMPTOTIC) {
		acc -= 1.0 / z;
		z += 1.0;
	}
	double iz2 = 1.0 / (z * z);
	double series = iz2 * (1.0 / 12 - iz2 * (1.0 / 120 - iz2 * (1.0 / 252
		- iz2 * (1.0 / 240 - iz2 * (1.0 / 132 - iz2 * (691.0 / 32760
		- iz2 * (1.0 / 12)))))));
	return acc + log(z) - 0.5 / z - series;
}

double smb_clv_trigamma(double x)
{
	double acc = 0.0, z = x;
	if (!(x > 0.0))
		return NAN;
	while (z < SMB_CLV_ASYMPTOTIC) {
		acc += 1.0 / (z * z);
		z += 1.0;
	}
	double iz = 1.0 / z, iz2 = iz * iz;
	double series = iz * iz2 * (1.0 / 6 - iz2 * (1.0 / 30 - iz2 * (1.0 / 42
		- iz2 * (1.0 / 30 - iz2 * (5.0 / 66 - iz2 * (691.0 / 2730
		- iz2 * (7.0 / 6)))))));
	return acc + iz + 0.5 * iz2 + series;
}

/* Cholesky of the n x n matrix a (row-major) into l; 0 when positive definite. */
static int cholesky(int n, const double *a, double *l)
{
	for (int i = 0; i < n; i++) {
		for (int j = 0; j <= i; j++) {
			double s = a[i * n + j];
			for (int k = 0; k < j; k++)
				s -= l[i * n + k] * l[j * n + k];
			if (i == j) {
				if (!(s > 0.0))
					return -1;
				l[i * n + i] = sqrt(s);
			} else {
				l[i * n + j] = s / l[j * n + j];
			}
		}
		for (int j = i + 1; j < n; j++)
			l[i * n + j] = 0.0;
	}
	return 0;
}

/* d = -(L L')^{-1} g */
static void chol_step(int n, const double *l, const double *g, double *d)
{
	double y[4];
	for (int i = 0; i < n; i++) {
		double s = -g[i];
		for (int k = 0; k < i; k++)
			s -= l[i * n + k] * y[k];
		y[i] = s / l[i * n + i];
	}
	for (int i = n - 1; i >= 0; i--) {
		double s = y[i];
		for (int k = i + 1; k < n; k++)
			s -= l[k * n + i] * d[k];
		d[i] = s / l[i * n + i];
	}
}

/* Convergence is judged on the Newton decrement g'H^-1 g of the pure Newton
 * step, never on a step shrunk by damping, so a large damping factor cannot
 * fake convergence. The objective is a negative log-likelihood, so the
 * decrement is in nats and 1e-10 puts the estimate within about 1e-5
 * standard errors of the optimum, below which rounding noise in f stalls
 * any further descent. */
int smb_clv_minimize(smb_clv_objective fn, void *ud, int n, double *theta,
                     double bound, int *iterations)
{
	double f, g[4], h[16], l[16], a[16], d[4];
	double nf, ng[4], nh[16], nt[4];
	double mu = 0.0, dec = INFINITY;
	int it, stalled = 0;

	if (n < 1 || n > 4)
		return -1;
	if (fn(theta, &f, g, h, ud) != 0 || !isfinite(f))
		return -1;
	for (it = 0; it < 500; it++) {
		double scale = 1.0;
		for (int i = 0; i < n; i++)
			if (fabs(h[i * n + i]) > scale)
				scale = fabs(h[i * n + i]);

		dec = INFINITY;
		if (cholesky(n, h, l) == 0) {
			dec = 0.0;
			chol_step(n, l, g, d);
			for (int i = 0; i < n; i++)
				dec -= g[i] * d[i];
			if (dec < 1e-10)
				break;
		}

		int accepted = 0;
		while (!accepted) {
			for (int i = 0; i < n * n; i++)
				a[i] = h[i];
			for (int i = 0; i < n; i++)
				a[i * n + i] += mu;
			if (cholesky(n, a, l) != 0) {
				mu = mu > 0.0 ? mu * 10.0 : 1e-6 * scale;
				continue;
			}
			chol_step(n, l, g, d);
			/* at most a factor e^2 per step on log-parameters */
			double big = 0.0;
			for (int i = 0; i < n; i++)
				if (fabs(d[i]) > big)
					big = fabs(d[i]);
			double shrink = big > 2.0 ? 2.0 / big : 1.0;
			for (int i = 0; i < n; i++)
				nt[i] = theta[i] + shrink * d[i];
			if (fn(nt, &nf, ng, nh, ud) == 0 && isfinite(nf) && nf <= f) {
				accepted = 1;
				stalled = nf == f ? stalled + 1 : 0;
				for (int i = 0; i < n; i++) {
					theta[i] = nt[i];
					g[i] = ng[i];
				}
				for (int i = 0; i < n * n; i++)
					h[i] = nh[i];
				f = nf;
				mu = mu < 1e-9 * scale ? 0.0 : mu * 0.1;
			} else {
				mu = mu > 0.0 ? mu * 10.0 : 1e-4 * scale;
				if (mu > 1e16 * scale) {
					/* no descent left: the optimum up to rounding, or stuck */
					if (iterations)
						*iterations = it;
					return dec < 1e-6 ? 0 : 1;
				}
			}
		}
		for (int i = 0; i < n; i++)
			if (!(fabs(theta[i]) <= bound)) {
				if (iterations)
					*iterations = it + 1;
				return 2;
			}
		/* steps that no longer change f: the optimum up to rounding, or a
		 * ridge so flat that f cannot tell its points apart */
		if (stalled >= 3 && dec < 1e-6)
			break;
		if (stalled >= 10) {
			if (iterations)
				*iterations = it + 1;
			return 3;
		}
	}
	if (iterations)
		*iterations = it;
	return it < 500 ? 0 : 1;
}

static int cmp_int(const void *pa, const void *pb)
{
	int a = *(const int *)pa, b = *(const int *)pb;
	return (a > b) - (a < b);
}

size_t smb_clv_distinct(const int *x, size_t n, int **values, size_t **counts, int *idx)
{
	int *v = malloc((n ? n : 1) * sizeof *v);
	size_t *c = NULL, k = 0;

	*values = NULL;
	*counts = NULL;
	if (!v)
		return 0;
	for (size_t i = 0; i < n; i++)
		v[i] = x[i];
	qsort(v, n, sizeof *v, cmp_int);
	for (size_t i = 0; i < n; i++)
		if (i == 0 || v[i] != v[k - 1])
			v[k++] = v[i];
	c = calloc(k ? k : 1, sizeof *c);
	if (!c) {
		free(v);
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		size_t lo = 0, hi = k;
		while (hi - lo > 1) {
			size_t mid = lo + (hi - lo) / 2;
			if (v[mid] <= x[i])
				lo = mid;
			else
				hi = mid;
		}
		idx[i] = (int)lo;
		c[lo]++;
	}
	*values = v;
	*counts = c;
	return k;
}

int smb_clv_invert(const double *a, int n, double *inv)
{
	double m[4][8];
	if (n < 1 || n > 4)
		return -1;
	for (int i = 0; i < n; i++)
		for (int j = 0; j < 2 * n; j++)
			m[i][j] = j < n ? a[i * n + j] : (j - n == i);
	for (int c = 0; c < n; c++) {
		int p = c;
		for (int i = c + 1; i < n; i++)
			if (fabs(m[i][c]) > fabs(m[p][c]))
				p = i;
		if (!(fabs(m[p][c]) > 1e-300))
			return -1;
		for (int j = 0; j < 2 * n; j++) {
			double t = m[c][j];
			m[c][j] = m[p][j];
			m[p][j] = t;
		}
		double d = m[c][c];
		for (int j = 0; j < 2 * n; j++)
			m[c][j] /= d;
		for (int i = 0; i < n; i++)
			if (i != c) {
				double f = m[i][c];
				for (int j = 0; j < 2 * n; j++)
					m[i][j] -= f * m[c][j];
			}
	}
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			inv[i * n + j] = m[i][j + n];
	for (int i = 0; i < n * n; i++)
		if (!isfinite(inv[i]))
			return -1;
	return 0;
}
