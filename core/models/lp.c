/* core/models/lp.c — a bounded dual simplex on a dense tableau for the knapsack's
 * LP relaxation: warm-startable per search level, with Harris' ratio test,
 * Lagrangian bounds from its duals and Driebeck-Tomlin branching penalties. */
#include "lp.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PTOL 1e-9          /* primal feasibility; LP rows are scaled to unit size */
#define PIVTOL 1e-9        /* smallest pivot the dual ratio test accepts */

int smb_lp_init(smb_lp *L, size_t n, size_t R, const double *A, const double *b,
                const double *c, double dtol)
{
	L->n = n;
	L->R = R;
	L->N = n + R;
	L->A = A;
	L->b = b;
	L->c = c;
	L->dtol = dtol;
	L->cand = malloc(L->N * sizeof(size_t) + 1);
	L->ratio = malloc(L->N * sizeof(double) + 1);
	return L->cand && L->ratio ? 0 : -1;
}

void smb_lp_free(smb_lp *L)
{
	free(L->cand);
	free(L->ratio);
	L->cand = NULL;
	L->ratio = NULL;
}

size_t smb_lp_slot_bytes(const smb_lp *L)
{
	size_t R = L->R, N = L->N;
	return (R * N + R + N) * sizeof(double) + R * sizeof(size_t) + N;
}

int smb_lp_slot_alloc(const smb_lp *L, smb_lp_slot *S)
{
	size_t R = L->R, N = L->N;
	S->tab = malloc((R * N > 0 ? R * N : 1) * sizeof(double));
	S->beta = malloc((R ? R : 1) * sizeof(double));
	S->d = malloc((N ? N : 1) * sizeof(double));
	S->head = malloc((R ? R : 1) * sizeof(size_t));
	S->stat = malloc(N ? N : 1);
	return S->tab && S->beta && S->d && S->head && S->stat ? 0 : -1;
}

void smb_lp_slot_free(smb_lp_slot *S)
{
	free(S->tab);
	free(S->beta);
	free(S->d);
	free(S->head);
	free(S->stat);
}

void smb_lp_slot_copy(const smb_lp *L, smb_lp_slot *to, const smb_lp_slot *from)
{
	size_t R = L->R, N = L->N;
	memcpy(to->tab, from->tab, R * N * sizeof(double));
	memcpy(to->beta, from->beta, R * sizeof(double));
	memcpy(to->d, from->d, N * sizeof(double));
	memcpy(to->head, from->head, R * sizeof(size_t));
	memcpy(to->stat, from->stat, N);
}

/* The slack basis with every item at the bound its value prefers: dual
 * feasible whatever the fixings, so the dual simplex can start from it. */
void smb_lp_cold(const smb_lp *L, smb_lp_slot *S, const signed char *fix)
{
	size_t R = L->R, N = L->N, n = L->n;
	for (size_t i = 0; i < R; i++) {
		double *row = S->tab + i * N;
		memcpy(row, L->A + i * n, n * sizeof(double));
		memset(row + n, 0, R * sizeof(double));
		row[n + i] = 1;
		S->head[i] = n + i;
		S->beta[i] = L->b[i];
		S->stat[n + i] = SMB_LP_BASIC;
		S->d[n + i] = 0;
	}
	for (size_t j = 0; j < n; j++) {
		int up = fix[j] > 0 || (fix[j] == 0 && L->c[j] > 0);
		S->stat[j] = up ? SMB_LP_UPPER : SMB_LP_LOWER;
		S->d[j] = -L->c[j];
		if (up)
			for (size_t i = 0; i < R; i++)
				S->beta[i] -= L->A[i * n + j];
	}
}

/* A nonbasic item moves to its new bound; a basic one is left for the dual
 * simplex to drive out. */
int smb_lp_fix(const smb_lp *L, smb_lp_slot *S, size_t j, int v)
{
	if (S->stat[j] == SMB_LP_BASIC)
		return 1;
	int now = S->stat[j] == SMB_LP_UPPER;
	if (now == v)
		return 0;
	double delta = v - now;
	for (size_t i = 0; i < L->R; i++)
		S->beta[i] -= S->tab[i * L->N + j] * delta;
	S->stat[j] = v ? SMB_LP_UPPER : SMB_LP_LOWER;
	return 1;
}

static void col_bounds(const smb_lp *L, const signed char *fix, size_t k, double *lo, double *up)
{
	if (k >= L->n) {
		*lo = 0;
		*up = INFINITY;
	} else {
		*lo = fix[k] > 0 ? 1 : 0;
		*up = fix[k] < 0 ? 0 : 1;
	}
}

static void pivot(const smb_lp *L, smb_lp_slot *S, size_t r, size_t q, double target, int to_upper)
{
	size_t R = L->R, N = L->N;
	double *restrict row = S->tab + r * N;
	double *restrict d = S->d;
	double arq = row[q], theta_d = d[q] / arq;
	double xq = S->stat[q] == SMB_LP_UPPER ? 1.0 : 0.0;
	double t = (S->beta[r] - target) / arq;
	for (size_t i = 0; i < R; i++)
		S->beta[i] -= S->tab[i * N + q] * t;
	S->beta[r] = xq + t;
	S->stat[S->head[r]] = to_upper ? SMB_LP_UPPER : SMB_LP_LOWER;
	S->stat[q] = SMB_LP_BASIC;
	S->head[r] = q;
	for (size_t k = 0; k < N; k++)
		d[k] -= theta_d * row[k];
	d[q] = 0;
	double inv = 1.0 / arq;
	for (size_t k = 0; k < N; k++)
		row[k] *= inv;
	row[q] = 1;
	for (size_t i = 0; i < R; i++) {
		if (i == r)
			continue;
		double *restrict ri = S->tab + i * N;
		double f = ri[q];
		if (f == 0)
			continue;
		for (size_t k = 0; k < N; k++)
			ri[k] -= f * row[k];
		ri[q] = 0;
	}
}

int smb_lp_dual_simplex(const smb_lp *L, smb_lp_slot *S, const signed char *fix)
{
	size_t R = L->R, N = L->N, n = L->n;
	/* a cold start may need a pivot for every item that leaves its
	 * preferred bound, so the limit grows with n as well as with R */
	size_t maxit = 100 + 20 * R + 2 * n;
	size_t *cand = L->cand;
	double *ratio = L->ratio;
	for (size_t it = 0;; it++) {
		size_t r = R;
		double worst = PTOL, target = 0;
		int below = 0, to_upper = 0;
		for (size_t i = 0; i < R; i++) {
			double lo, up, v = S->beta[i];
			col_bounds(L, fix, S->head[i], &lo, &up);
			if (v < lo - worst) {
				worst = lo - v, r = i, target = lo, below = 1, to_upper = lo >= up;
			} else if (v > up + worst) {
				worst = v - up, r = i, target = up, below = 0, to_upper = 1;
			}
		}
		if (r == R)
			return 1;
		if (it >= maxit)
			return -1;
		const double *row = S->tab + r * N;
		/* Harris' two passes: the largest pivot among the ratios within
		 * tolerance of the smallest keeps the tableau well conditioned.
		 * An entering column must move x_B(r) toward its violated bound:
		 * with sign s = +1 (below) or -1 (above), a column at its lower
		 * bound needs s*a < 0 and one at its upper bound s*a > 0. */
		double sgn = below ? 1.0 : -1.0, tmax = INFINITY;
		size_t nc = 0;
		for (size_t k = 0; k < N; k++) {
			double a = sgn * row[k];
			if (fabs(a) <= PIVTOL || S->stat[k] == SMB_LP_BASIC || (k < n && fix[k]))
				continue;
			double dk;
			if (S->stat[k] == SMB_LP_LOWER) {
				if (a > 0)
					continue;
				dk = S->d[k] > 0 ? S->d[k] : 0;
			} else {
				if (a < 0)
					continue;
				dk = S->d[k] < 0 ? -S->d[k] : 0;
			}
			double ia = 1.0 / fabs(a);
			ratio[nc] = dk * ia;
			cand[nc++] = k;
			double rt = (dk + L->dtol) * ia;
			if (rt < tmax)
				tmax = rt;
		}
		if (nc == 0)
			return 0;
		size_t q = N;
		double best = 0;
		for (size_t e = 0; e < nc; e++) {
			double a = fabs(row[cand[e]]);
			if (ratio[e] <= tmax && a > best)
				best = a, q = cand[e];
		}
		pivot(L, S, r, q, target, to_upper);
	}
}

int smb_lp_solve(const smb_lp *L, smb_lp_slot *S, const signed char *fix, int warm)
{
	if (!warm)
		smb_lp_cold(L, S, fix);
	int st = smb_lp_dual_simplex(L, S, fix);
	if (st < 0 && warm) {
		smb_lp_cold(L, S, fix);
		st = smb_lp_dual_simplex(L, S, fix);
	}
	return st;
}

/* Why the knapsack prunes on this rather than on the tableau's objective:
 * it is valid for any y >= 0, so round-off in the tableau can weaken the
 * bound but never make it wrong. */
double smb_lp_lagrange(const smb_lp *L, const smb_lp_slot *S, const signed char *fix,
                       double *y, double *rc)
{
	size_t n = L->n, R = L->R;
	double bound = 0;
	for (size_t j = 0; j < n; j++)
		rc[j] = L->c[j];
	for (size_t i = 0; i < R; i++) {
		double yi = S->d[n + i] > 0 ? S->d[n + i] : 0;
		y[i] = yi;
		if (yi == 0)
			continue;
		bound += yi * L->b[i];
		const double *a = L->A + i * n;
		for (size_t j = 0; j < n; j++)
			rc[j] -= yi * a[j];
	}
	for (size_t j = 0; j < n; j++)
		if (fix[j] > 0 || (fix[j] == 0 && rc[j] > 0))
			bound += rc[j];
	return bound;
}

/* The first dual simplex step of each branch. The penalties only steer the
 * branching, so tableau round-off in them costs time, never correctness. */
void smb_lp_penalties(const smb_lp *L, const smb_lp_slot *S, const signed char *fix,
                      size_t r, double f, double *up, double *down)
{
	const double *row = S->tab + r * L->N;
	double tu = INFINITY, td = INFINITY;
	for (size_t k = 0; k < L->N; k++) {
		double a = row[k];
		if (fabs(a) <= PIVTOL || S->stat[k] == SMB_LP_BASIC || (k < L->n && fix[k]))
			continue;
		int lower = S->stat[k] == SMB_LP_LOWER;
		double dk = lower ? fmax(S->d[k], 0) : fmax(-S->d[k], 0);
		double ratio = dk / fabs(a);
		/* pushing x_B(r) up needs a column that raises it: see the ratio
		 * test in smb_lp_dual_simplex */
		if (lower ? a < 0 : a > 0) {
			if (ratio < tu)
				tu = ratio;
		} else if (ratio < td) {
			td = ratio;
		}
	}
	*up = (1 - f) * tu;
	*down = f * td;
}
