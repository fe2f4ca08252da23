/* core/models/knapsack.c — exact branch-and-bound for the 0/1 multi-constraint knapsack
 * with side constraints: LP bounds from the dual simplex of lp.c, a tableau kept
 * per search level, each re-derived as a Lagrangian bound from the original rows. */
#include "knapsack.h"
#include "lp.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SLOT_BUDGET (256u << 20) /* bytes of tableaux kept for warm starts */
#define CORE_SIZE 20       /* items left free in the core search */
#define CORE_NODES 2000    /* its node budget */

typedef struct kctx {
	const smb_knapsack_problem *p;
	size_t n, m, R;
	const double *c;        /* values */
	const double *W;        /* m x n weights as given */
	double *A;              /* R x n LP rows, scaled */
	double *b;              /* R */
	smb_lp lp;              /* over A, b and c, once the rows are built */
	double unit;            /* every choice's value is a multiple of unit (0: unknown) */
	/* side constraints as adjacency lists: [start[j], start[j+1]) */
	size_t *req_s, *req_l;  /* what j requires */
	size_t *rby_s, *rby_l;  /* who requires j */
	size_t *exc_s, *exc_l;  /* what j excludes, both directions */
	size_t *grp_s, *grp_l;  /* groups j belongs to */
	signed char *fix0;      /* root fixings: the problem's plus preprocessing */
	/* search */
	smb_lp_slot *slots;     /* nslots tableaux; the last is shared by deeper levels */
	size_t nslots;
	signed char **fix;      /* per depth, n each, allocated on first use */
	size_t nfix;
	double *xlp, *rc, *y;
	size_t *order;          /* items by value per dual-weighted use, best first */
	double inc;
	int have_inc;
	unsigned char *xbest;
	size_t nodes;
	struct timespec t0;
	double tlim;
	int timed_out;
	int stop;               /* timed out, or the node limit of a core search */
	size_t node_limit;      /* 0: none */
	int oom;
	/* heuristic scratch */
	unsigned char *hx;
	double *huse;
	size_t *hlist, *hstack;
	unsigned *mark;
	unsigned stamp;
} kctx;

static int fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static double elapsed(const kctx *K)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - K->t0.tv_sec) + 1e-9 * (double)(t.tv_nsec - K->t0.tv_nsec);
}

/* ---- feasibility of a complete choice ---------------------------------- */

int smb_knapsack_check(const smb_knapsack_problem *p, const unsigned char *x,
                       double *value)
{
	double v = 0;
	int ok = 1;
	for (size_t j = 0; j < p->n; j++) {
		if (x[j])
			v += p->value[j];
		if (p->fixed && ((p->fixed[j] > 0 && !x[j]) || (p->fixed[j] < 0 && x[j])))
			ok = 0;
	}
	if (value)
		*value = v;
	for (size_t i = 0; i < p->m && ok; i++) {
		double u = 0;
		for (size_t j = 0; j < p->n; j++)
			if (x[j])
				u += p->weight[i * p->n + j];
		if (u > p->capacity[i] + 1e-9 * fmax(1.0, fabs(p->capacity[i])))
			ok = 0;
	}
	for (size_t k = 0; k < p->nrequires && ok; k++)
		if (x[p->requires[2 * k]] && !x[p->requires[2 * k + 1]])
			ok = 0;
	for (size_t k = 0; k < p->nexcludes && ok; k++)
		if (x[p->excludes[2 * k]] && x[p->excludes[2 * k + 1]])
			ok = 0;
	for (size_t g = 0; g < p->ngroups && ok; g++) {
		int any = 0;
		for (size_t k = p->group_start[g]; k < p->group_start[g + 1]; k++)
			any |= x[p->group_items[k]];
		ok = any;
	}
	return ok;
}

/* ---- set-up ------------------------------------------------------------- */

static int validate(const smb_knapsack_problem *p, char *err, size_t errlen)
{
	if (p->n && (!p->value || (p->m && !p->weight)))
		return fail(err, errlen, "knapsack: values or weights missing");
	if (p->m && !p->capacity)
		return fail(err, errlen, "knapsack: capacities missing");
	for (size_t j = 0; j < p->n; j++)
		if (!isfinite(p->value[j]))
			return fail(err, errlen, "knapsack: value of item %zu is not finite", j);
	for (size_t i = 0; i < p->m; i++) {
		if (isnan(p->capacity[i]) || p->capacity[i] == -INFINITY)
			return fail(err, errlen, "knapsack: capacity of resource %zu is not a number", i);
		for (size_t j = 0; j < p->n; j++) {
			double w = p->weight[i * p->n + j];
			if (!isfinite(w) || w < 0)
				return fail(err, errlen, "knapsack: use of resource %zu by item %zu must be finite and >= 0", i, j);
		}
	}
	if ((p->nrequires && !p->requires) || (p->nexcludes && !p->excludes) ||
	    (p->ngroups && (!p->group_start || !p->group_items)))
		return fail(err, errlen, "knapsack: side constraint arrays missing");
	for (size_t k = 0; k < 2 * p->nrequires; k++)
		if (p->requires[k] >= p->n)
			return fail(err, errlen, "knapsack: requires pair %zu names item %zu of %zu", k / 2, p->requires[k], p->n);
	for (size_t k = 0; k < 2 * p->nexcludes; k++)
		if (p->excludes[k] >= p->n)
			return fail(err, errlen, "knapsack: excludes pair %zu names item %zu of %zu", k / 2, p->excludes[k], p->n);
	for (size_t g = 0; g < p->ngroups; g++) {
		if (p->group_start[g] > p->group_start[g + 1])
			return fail(err, errlen, "knapsack: group %zu has a negative size", g);
		for (size_t k = p->group_start[g]; k < p->group_start[g + 1]; k++)
			if (p->group_items[k] >= p->n)
				return fail(err, errlen, "knapsack: group %zu names item %zu of %zu", g, p->group_items[k], p->n);
	}
	if (isnan(p->time_limit) || p->time_limit < 0)
		return fail(err, errlen, "knapsack: time limit must be >= 0");
	return 0;
}

/* Build adjacency lists from (from, to) pairs: for each from, its tos. */
static int adjacency(size_t n, const size_t *pairs, size_t npairs, int from, int both,
                     size_t **start, size_t **list)
{
	size_t total = npairs * (both ? 2 : 1);
	*start = calloc(n + 1, sizeof(size_t));
	*list = malloc((total ? total : 1) * sizeof(size_t));
	if (!*start || !*list)
		return -1;
	for (size_t k = 0; k < npairs; k++) {
		(*start)[pairs[2 * k + from] + 1]++;
		if (both)
			(*start)[pairs[2 * k + 1 - from] + 1]++;
	}
	for (size_t j = 0; j < n; j++)
		(*start)[j + 1] += (*start)[j];
	size_t *pos = malloc((n ? n : 1) * sizeof(size_t));
	if (!pos)
		return -1;
	memcpy(pos, *start, n * sizeof(size_t));
	for (size_t k = 0; k < npairs; k++) {
		size_t a = pairs[2 * k + from], b = pairs[2 * k + 1 - from];
		(*list)[pos[a]++] = b;
		if (both)
			(*list)[pos[b]++] = a;
	}
	free(pos);
	return 0;
}

/* The groups each item belongs to, through adjacency() on (item, group) pairs. */
static int group_lists(kctx *K)
{
	const smb_knapsack_problem *p = K->p;
	size_t ng = p->ngroups, total = ng ? p->group_start[ng] - p->group_start[0] : 0, t = 0;
	size_t *pairs = malloc((total ? 2 * total : 1) * sizeof(size_t));
	if (!pairs)
		return -1;
	for (size_t g = 0; g < ng; g++)
		for (size_t k = p->group_start[g]; k < p->group_start[g + 1]; k++, t++)
			pairs[2 * t] = p->group_items[k], pairs[2 * t + 1] = g;
	int rc = adjacency(K->n, pairs, total, 0, 0, &K->grp_s, &K->grp_l);
	free(pairs);
	return rc;
}

/* The smallest unit such that every value is a multiple of it (values with at
 * most 6 decimals); 0 when there is none. Pruning then rounds bounds down to
 * a multiple of it, which closes many nodes a plain comparison would not. */
static double value_unit(const double *c, size_t n)
{
	for (int k = 0; k <= 6; k++) {
		double scale = pow(10.0, k);
		uint64_t g = 0;
		int ok = 1;
		for (size_t j = 0; j < n && ok; j++) {
			double v = fabs(c[j]) * scale, r = round(v);
			if (v > 1e15 || fabs(v - r) > 1e-9 * fmax(1.0, v)) {
				ok = 0;
				break;
			}
			uint64_t a = (uint64_t)r, b = g;
			while (a) {
				uint64_t t = b % a;
				b = a;
				a = t;
			}
			g = b;
		}
		if (ok)
			return g ? (double)g / scale : 0;
	}
	return 0;
}

/* Root fixings implied by the constraints; returns -1 when they prove the
 * problem infeasible. Relies on weights >= 0: an item that alone overflows
 * what the forced items leave can never be chosen. */
static int preprocess(kctx *K)
{
	const smb_knapsack_problem *p = K->p;
	size_t n = K->n, m = K->m;
	signed char *f = K->fix0;
	for (size_t j = 0; j < n; j++)
		f[j] = p->fixed ? (p->fixed[j] > 0 ? 1 : p->fixed[j] < 0 ? -1 : 0) : 0;
	for (size_t k = 0; k < p->nexcludes; k++)
		if (p->excludes[2 * k] == p->excludes[2 * k + 1]) {
			if (f[p->excludes[2 * k]] > 0)
				return -1;
			f[p->excludes[2 * k]] = -1;
		}
	for (int changed = 1; changed;) {
		changed = 0;
		for (size_t k = 0; k < p->nrequires; k++) {
			size_t j = p->requires[2 * k], i = p->requires[2 * k + 1];
			if (f[i] < 0 && f[j] >= 0) {
				if (f[j] > 0)
					return -1;
				f[j] = -1, changed = 1;
			}
			if (f[j] > 0 && f[i] <= 0) {
				if (f[i] < 0)
					return -1;
				f[i] = 1, changed = 1;
			}
		}
		for (size_t k = 0; k < p->nexcludes; k++) {
			size_t a = p->excludes[2 * k], b = p->excludes[2 * k + 1];
			if (f[a] > 0 && f[b] > 0)
				return -1;
			if (f[a] > 0 && f[b] == 0)
				f[b] = -1, changed = 1;
			if (f[b] > 0 && f[a] == 0)
				f[a] = -1, changed = 1;
		}
		for (size_t g = 0; g < p->ngroups; g++) {
			size_t open = 0, last = 0;
			int in = 0;
			for (size_t k = p->group_start[g]; k < p->group_start[g + 1]; k++) {
				size_t j = p->group_items[k];
				in |= f[j] > 0;
				if (f[j] == 0)
					open++, last = j;
			}
			if (in)
				continue;
			if (open == 0)
				return -1;
			if (open == 1)
				f[last] = 1, changed = 1;
		}
		for (size_t i = 0; i < m; i++) {
			double used = 0, cap = p->capacity[i];
			double tol = 1e-9 * fmax(1.0, fabs(cap));
			for (size_t j = 0; j < n; j++)
				if (f[j] > 0)
					used += K->W[i * n + j];
			if (used > cap + tol)
				return -1;
			for (size_t j = 0; j < n; j++)
				if (f[j] == 0 && used + K->W[i * n + j] > cap + tol)
					f[j] = -1, changed = 1;
		}
	}
	/* Leaving out an item of no value that nothing needs never hurts. */
	for (size_t j = 0; j < n; j++)
		if (f[j] == 0 && K->c[j] <= 0 && K->rby_s[j] == K->rby_s[j + 1] &&
		    K->grp_s[j] == K->grp_s[j + 1])
			f[j] = -1;
	return 0;
}

/* The LP rows: resources that can bind, then side constraints not already
 * settled by the root fixings; each scaled so its largest entry is 1. */
static int build_rows(kctx *K)
{
	const smb_knapsack_problem *p = K->p;
	size_t n = K->n, m = K->m, R = 0;
	signed char *f = K->fix0;
	size_t maxrows = m + p->nrequires + p->nexcludes + p->ngroups;
	K->A = calloc((maxrows ? maxrows : 1) * (n ? n : 1), sizeof(double));
	K->b = malloc((maxrows ? maxrows : 1) * sizeof(double));
	if (!K->A || !K->b)
		return -1;
	for (size_t i = 0; i < m; i++) {
		double cap = p->capacity[i], all = 0;
		for (size_t j = 0; j < n; j++)
			if (f[j] >= 0)
				all += K->W[i * n + j];
		if (cap == INFINITY || all <= cap)
			continue;
		for (size_t j = 0; j < n; j++)
			K->A[R * n + j] = K->W[i * n + j];
		K->b[R++] = cap;
	}
	for (size_t k = 0; k < p->nrequires; k++) {
		size_t j = p->requires[2 * k], i = p->requires[2 * k + 1];
		if (i == j || f[i] > 0 || f[j] < 0)
			continue;
		K->A[R * n + j] += 1;
		K->A[R * n + i] -= 1;
		K->b[R++] = 0;
	}
	for (size_t k = 0; k < p->nexcludes; k++) {
		size_t a = p->excludes[2 * k], b = p->excludes[2 * k + 1];
		if (f[a] < 0 || f[b] < 0)
			continue;
		K->A[R * n + a] = K->A[R * n + b] = 1;
		K->b[R++] = 1;
	}
	for (size_t g = 0; g < p->ngroups; g++) {
		int in = 0;
		for (size_t k = p->group_start[g]; k < p->group_start[g + 1]; k++)
			in |= f[p->group_items[k]] > 0;
		if (in)
			continue;
		for (size_t k = p->group_start[g]; k < p->group_start[g + 1]; k++)
			K->A[R * n + p->group_items[k]] = -1;
		K->b[R++] = -1;
	}
	for (size_t r = 0; r < R; r++) {
		double s = fabs(K->b[r]);
		for (size_t j = 0; j < n; j++)
			s = fmax(s, fabs(K->A[r * n + j]));
		if (s > 0) {
			for (size_t j = 0; j < n; j++)
				K->A[r * n + j] /= s;
			K->b[r] /= s;
		}
	}
	K->R = R;
	return 0;
}

/* ---- bounds against the incumbent -------------------------------------- */

/* Pruning trusts only Lagrangian bounds (smb_lp_lagrange): valid for any
 * y >= 0, so round-off in the tableau can weaken a bound but never make it wrong. */

/* The best value a choice can have under bound L. */
static double round_bound(const kctx *K, double L)
{
	if (K->unit > 0) {
		double q = L / K->unit;
		return K->unit * floor(q + 1e-9 * (1 + fabs(q)));
	}
	return L;
}

/* 1 when nothing under bound L can beat the incumbent. */
static int hopeless(const kctx *K, double L)
{
	if (!K->have_inc)
		return 0;
	double tol = K->unit > 0 ? 0.5 * K->unit : 1e-9 * (1 + fabs(K->inc));
	return round_bound(K, L) <= K->inc + tol;
}

static void offer(kctx *K, const unsigned char *x)
{
	double v;
	if (!smb_knapsack_check(K->p, x, &v))
		return;
	double tol = K->unit > 0 ? 0.5 * K->unit : 1e-12 * (1 + fabs(K->inc));
	if (!K->have_inc || v > K->inc + tol) {
		K->inc = v;
		K->have_inc = 1;
		memcpy(K->xbest, x, K->n);
	}
}

/* ---- primal heuristic: greedy by dual-weighted efficiency, then local moves */

/* Collect into hlist the items of j's requires-closure not yet in hx.
 * Returns their number, or -1 if one of them is fixed out. */
static long closure(kctx *K, size_t j)
{
	if (++K->stamp == 0) {
		memset(K->mark, 0, K->n * sizeof(unsigned));
		K->stamp = 1;
	}
	size_t cnt = 0, top = 0;
	K->hstack[top++] = j;
	K->mark[j] = K->stamp;
	while (top) {
		size_t u = K->hstack[--top];
		if (K->fix0[u] < 0)
			return -1;
		K->hlist[cnt++] = u;
		for (size_t k = K->req_s[u]; k < K->req_s[u + 1]; k++) {
			size_t v = K->req_l[k];
			if (!K->hx[v] && K->mark[v] != K->stamp) {
				K->mark[v] = K->stamp;
				K->hstack[top++] = v;
			}
		}
	}
	return (long)cnt;
}

/* Add the cnt items of hlist (marked with the current stamp) if they fit and
 * exclude nothing chosen; when gain is set, only if their value is positive. */
static int try_add(kctx *K, size_t cnt, int gain)
{
	size_t n = K->n;
	double v = 0;
	for (size_t k = 0; k < cnt; k++) {
		size_t u = K->hlist[k];
		v += K->c[u];
		for (size_t e = K->exc_s[u]; e < K->exc_s[u + 1]; e++) {
			size_t w = K->exc_l[e];
			if (K->hx[w] || K->mark[w] == K->stamp)
				return 0;
		}
	}
	if (gain && v <= 0)
		return 0;
	for (size_t i = 0; i < K->m; i++) {
		double u = K->huse[i], cap = K->p->capacity[i];
		for (size_t k = 0; k < cnt; k++)
			u += K->W[i * n + K->hlist[k]];
		if (u > cap + 1e-9 * fmax(1.0, fabs(cap)))
			return 0;
	}
	for (size_t k = 0; k < cnt; k++) {
		size_t u = K->hlist[k];
		K->hx[u] = 1;
		for (size_t i = 0; i < K->m; i++)
			K->huse[i] += K->W[i * n + u];
	}
	return 1;
}

static int add_with_closure(kctx *K, size_t j, int gain)
{
	long cnt = closure(K, j);
	return cnt > 0 && try_add(K, (size_t)cnt, gain);
}

/* i can leave the choice without breaking a requires or a group. */
static int removable(const kctx *K, size_t i)
{
	const smb_knapsack_problem *p = K->p;
	if (K->fix0[i] > 0)
		return 0;
	for (size_t k = K->rby_s[i]; k < K->rby_s[i + 1]; k++)
		if (K->hx[K->rby_l[k]])
			return 0;
	for (size_t k = K->grp_s[i]; k < K->grp_s[i + 1]; k++) {
		size_t g = K->grp_l[k], others = 0;
		for (size_t e = p->group_start[g]; e < p->group_start[g + 1]; e++)
			others += p->group_items[e] != i && K->hx[p->group_items[e]];
		if (!others)
			return 0;
	}
	return 1;
}

/* One improving swap (i out, j in) or addition; returns 1 if one was made. */
static int improve_once(kctx *K)
{
	size_t n = K->n, m = K->m;
	for (size_t t = 0; t < n; t++) {
		size_t j = K->order[t];
		if (!K->hx[j] && K->c[j] > 0 && add_with_closure(K, j, 1))
			return 1;
	}
	for (size_t i = 0; i < n; i++) {
		if (!K->hx[i] || !removable(K, i))
			continue;
		for (size_t t = 0; t < n; t++) {
			size_t j = K->order[t];
			if (K->hx[j] || K->fix0[j] < 0 || K->c[j] <= K->c[i])
				continue;
			int ok = 1;
			for (size_t k = K->req_s[j]; k < K->req_s[j + 1] && ok; k++)
				ok = K->hx[K->req_l[k]] && K->req_l[k] != i;
			for (size_t k = K->exc_s[j]; k < K->exc_s[j + 1] && ok; k++)
				ok = !K->hx[K->exc_l[k]] || K->exc_l[k] == i;
			for (size_t r = 0; r < m && ok; r++) {
				double cap = K->p->capacity[r];
				double u = K->huse[r] - K->W[r * n + i] + K->W[r * n + j];
				ok = u <= cap + 1e-9 * fmax(1.0, fabs(cap));
			}
			if (!ok)
				continue;
			K->hx[i] = 0;
			K->hx[j] = 1;
			for (size_t r = 0; r < m; r++)
				K->huse[r] += K->W[r * n + j] - K->W[r * n + i];
			return 1;
		}
	}
	return 0;
}

/* Complete hx (which must satisfy everything but groups and be within
 * capacity) greedily, satisfy the groups, then improve by local moves. */
static void heuristic(kctx *K, int local)
{
	size_t n = K->n, m = K->m;
	const smb_knapsack_problem *p = K->p;
	for (size_t i = 0; i < m; i++) {
		K->huse[i] = 0;
		for (size_t j = 0; j < n; j++)
			if (K->hx[j])
				K->huse[i] += K->W[i * n + j];
	}
	for (size_t j = 0; j < n; j++)
		if (K->fix0[j] > 0 && !K->hx[j] && !add_with_closure(K, j, 0))
			return;
	for (size_t t = 0; t < n; t++) {
		size_t j = K->order[t];
		if (!K->hx[j] && K->fix0[j] >= 0 && K->c[j] > 0)
			add_with_closure(K, j, 1);
	}
	for (size_t g = 0; g < p->ngroups; g++) {
		int in = 0;
		for (size_t k = p->group_start[g]; k < p->group_start[g + 1]; k++)
			in |= K->hx[p->group_items[k]];
		for (size_t t = 0; t < n && !in; t++) {
			size_t j = K->order[t];
			for (size_t k = K->grp_s[j]; k < K->grp_s[j + 1] && !in; k++)
				if (K->grp_l[k] == g && !K->hx[j] && add_with_closure(K, j, 0))
					in = 1;
		}
		if (!in)
			return;
	}
	/* each improving move costs up to n^2 m; the time limit bounds them all */
	if (local)
		for (size_t it = 0; it < 2 * n + 100 && improve_once(K); it++)
			if (K->tlim > 0 && elapsed(K) > K->tlim)
				break;
	offer(K, K->hx);
}

typedef struct keyed {
	double key;
	size_t j;
} keyed;

static int keyed_cmp(const void *a, const void *b)
{
	double x = ((const keyed *)a)->key, y = ((const keyed *)b)->key;
	return x < y ? -1 : x > y;
}

/* Order the items by value per unit of dual-weighted resource use, best first. */
static int make_order(kctx *K)
{
	size_t n = K->n;
	keyed *kk = malloc((n ? n : 1) * sizeof(keyed));
	if (!kk)
		return -1;
	for (size_t j = 0; j < n; j++) {
		double w = 0;
		for (size_t i = 0; i < K->R; i++)
			w += K->y[i] * fmax(K->A[i * n + j], 0);
		kk[j].key = -K->c[j] / (w + 1e-9);
		kk[j].j = j;
	}
	qsort(kk, n, sizeof(keyed), keyed_cmp);
	for (size_t t = 0; t < n; t++)
		K->order[t] = kk[t].j;
	free(kk);
	return 0;
}

/* ---- branch and bound ---------------------------------------------------- */

static signed char *fix_at(kctx *K, size_t depth)
{
	if (!K->fix[depth]) {
		K->fix[depth] = malloc(K->n ? K->n : 1);
		if (!K->fix[depth])
			K->oom = 1;
	}
	return K->fix[depth];
}

static smb_lp_slot *slot_at(kctx *K, size_t depth)
{
	smb_lp_slot *S = &K->slots[depth < K->nslots ? depth : K->nslots - 1];
	if (!S->tab && smb_lp_slot_alloc(&K->lp, S) < 0) {
		K->oom = 1;
		return NULL;
	}
	return S;
}

/* Search the subtree at depth. Returns -INFINITY when it is closed, or, when
 * the time limit stopped the search inside it, a bound on what is left. */
static double search(kctx *K, size_t depth, int warm, double parent_bound)
{
	size_t n = K->n;
	signed char *fix = K->fix[depth];
	smb_lp_slot *S = slot_at(K, depth);
	if (!S)
		return parent_bound;
	K->nodes++;
	if (K->tlim > 0 && elapsed(K) > K->tlim)
		K->timed_out = K->stop = 1;
	if (K->node_limit && K->nodes >= K->node_limit)
		K->stop = 1;
	int st = smb_lp_solve(&K->lp, S, fix, warm);
	if (st == 0)
		return -INFINITY;
	double L = parent_bound;
	if (st > 0) {
		for (int round = 0;; round++) {
			double lag = smb_lp_lagrange(&K->lp, S, fix, K->y, K->rc);
			L = fmin(lag, parent_bound);
			if (hopeless(K, L))
				return -INFINITY;
			if (K->stop || !K->have_inc || round == 3)
				break;
			/* reduced-cost fixing, valid for the whole subtree; it must use
			 * the Lagrangian itself: the parent's bound minus rc_j is not
			 * a bound on the branch without j */
			int moved = 0;
			for (size_t j = 0; j < n; j++) {
				if (fix[j])
					continue;
				double r = K->rc[j];
				if (r > 0 && hopeless(K, lag - r)) {
					fix[j] = 1;
					moved |= smb_lp_fix(&K->lp, S, j, 1);
				} else if (r < 0 && hopeless(K, lag + r)) {
					fix[j] = -1;
					moved |= smb_lp_fix(&K->lp, S, j, 0);
				}
			}
			if (!moved)
				break;
			st = smb_lp_dual_simplex(&K->lp, S, fix);
			if (st == 0)
				return -INFINITY;
			if (st < 0)
				break;
		}
	}
	if (K->stop)
		return round_bound(K, L);
	/* the LP point: integral means this subtree is solved */
	size_t branch = n;
	int up_first = 1;
	if (st > 0) {
		for (size_t j = 0; j < n; j++)
			K->xlp[j] = fix[j] ? (fix[j] > 0) : S->stat[j] == SMB_LP_UPPER ? 1.0 : 0.0;
		for (size_t i = 0; i < K->R; i++)
			if (S->head[i] < n)
				K->xlp[S->head[i]] = S->beta[i];
		int integral = 1;
		for (size_t j = 0; j < n; j++) {
			double v = K->xlp[j];
			K->hx[j] = v > 0.5;
			if (fmin(v, 1 - v) > 1e-9)
				integral = 0;
		}
		if (integral) {
			offer(K, K->hx);
			if (hopeless(K, L))
				return -INFINITY;
		}
		/* branch where both children lose most (product of penalties),
		 * and search first the child that loses less */
		double best = -1;
		for (size_t i = 0; i < K->R && !integral; i++) {
			size_t j = S->head[i];
			double v = S->beta[i], up, down;
			if (j >= n || fix[j] || fmin(v, 1 - v) <= 1e-9)
				continue;
			smb_lp_penalties(&K->lp, S, fix, i, v, &up, &down);
			double score = (fmin(up, 1e300) + K->lp.dtol) * (fmin(down, 1e300) + K->lp.dtol);
			if (score > best) {
				best = score;
				branch = j;
				up_first = up <= down;
			}
		}
	}
	if (branch == n) {
		/* no fractional item, yet not closed (round-off or a failed LP):
		 * branch on any free item, or evaluate the leaf */
		for (size_t j = 0; j < n && branch == n; j++)
			if (!fix[j])
				branch = j;
		if (branch == n) {
			for (size_t j = 0; j < n; j++)
				K->hx[j] = fix[j] > 0;
			offer(K, K->hx);
			return -INFINITY;
		}
	}
	double open = -INFINITY;
	for (int k = 0; k < 2; k++) {
		int side = k == 0 ? up_first : !up_first;
		if (hopeless(K, L))
			break;
		signed char *cf = fix_at(K, depth + 1);
		smb_lp_slot *C = cf ? slot_at(K, depth + 1) : NULL;
		if (!C)
			return L;
		memcpy(cf, fix, n);
		cf[branch] = side ? 1 : -1;
		int cwarm = depth + 1 < K->nslots - 1;
		if (cwarm) {
			smb_lp_slot_copy(&K->lp, C, S);
			smb_lp_fix(&K->lp, C, branch, side);
		}
		double r = search(K, depth + 1, cwarm, L);
		if (r > open)
			open = r;
		if (K->oom)
			return L;
	}
	return open;
}

/* ---- core search: a better first choice ---------------------------------- */

/* Items whose root reduced cost is large in size are almost always at the
 * bound the LP puts them; fixing them there leaves a small "core" problem
 * whose search, cut short after CORE_NODES nodes, usually finds a far better
 * incumbent than the greedy one. Knowing it early roughly halves the full
 * search, as pruning and reduced-cost fixing both key on it. Expects K->rc to
 * hold the root reduced costs; leaves the root fixings as they were. */
static void core_search(kctx *K)
{
	size_t n = K->n, nf = 0;
	keyed *kk = malloc((n ? n : 1) * sizeof(keyed));
	if (!kk) {
		K->oom = 1;
		return;
	}
	for (size_t j = 0; j < n; j++)
		if (!K->fix0[j]) {
			kk[nf].key = fabs(K->rc[j]);
			kk[nf++].j = j;
		}
	if (nf <= CORE_SIZE) {
		free(kk);
		return;
	}
	qsort(kk, nf, sizeof(keyed), keyed_cmp);
	signed char *f = K->fix[0];
	memcpy(f, K->fix0, n);
	for (size_t t = CORE_SIZE; t < nf; t++)
		f[kk[t].j] = K->rc[kk[t].j] > 0 ? 1 : -1;
	free(kk);
	K->node_limit = K->nodes + CORE_NODES;
	search(K, 0, 0, INFINITY);
	K->node_limit = 0;
	K->stop = K->timed_out;
	memcpy(f, K->fix0, n);
}

/* ---- entry point --------------------------------------------------------- */

static void kctx_free(kctx *K)
{
	free(K->A);
	free(K->b);
	free(K->req_s);
	free(K->req_l);
	free(K->rby_s);
	free(K->rby_l);
	free(K->exc_s);
	free(K->exc_l);
	free(K->grp_s);
	free(K->grp_l);
	free(K->fix0);
	if (K->slots)
		for (size_t i = 0; i < K->nslots; i++)
			smb_lp_slot_free(&K->slots[i]);
	free(K->slots);
	if (K->fix)
		for (size_t i = 0; i < K->nfix; i++)
			free(K->fix[i]);
	free(K->fix);
	free(K->xlp);
	free(K->rc);
	free(K->y);
	smb_lp_free(&K->lp);
	free(K->order);
	free(K->xbest);
	free(K->hx);
	free(K->huse);
	free(K->hlist);
	free(K->hstack);
	free(K->mark);
}

int smb_knapsack_solve(const smb_knapsack_problem *p, smb_knapsack_solution *s,
                       char *err, size_t errlen)
{
	if (!p || !s || (p->n && !s->x))
		return fail(err, errlen, "knapsack: no problem or no solution buffer");
	if (validate(p, err, errlen) < 0)
		return -1;
	kctx K;
	memset(&K, 0, sizeof K);
	clock_gettime(CLOCK_MONOTONIC, &K.t0);
	K.p = p;
	K.n = p->n;
	K.m = p->m;
	K.c = p->value;
	K.W = p->weight;
	K.tlim = p->time_limit;
	size_t n = K.n, n1 = n ? n : 1;
	s->value = 0;
	s->bound = 0;
	s->optimal = 0;
	s->feasible = 0;
	s->nodes = 0;
	memset(s->x, 0, n);

	double cmax = 0;
	for (size_t j = 0; j < n; j++)
		cmax = fmax(cmax, fabs(K.c[j]));
	double dtol = 1e-9 * fmax(cmax, 1e-300);
	K.unit = value_unit(K.c, n);
	K.fix0 = malloc(n1);
	K.xlp = malloc(n1 * sizeof(double));
	K.rc = malloc(n1 * sizeof(double));
	K.order = malloc(n1 * sizeof(size_t));
	K.xbest = calloc(n1, 1);
	K.hx = calloc(n1, 1);
	K.huse = calloc(K.m ? K.m : 1, sizeof(double));
	K.hlist = malloc(n1 * sizeof(size_t));
	K.hstack = malloc(n1 * sizeof(size_t));
	K.mark = calloc(n1, sizeof(unsigned));
	int bad = !K.fix0 || !K.xlp || !K.rc || !K.order || !K.xbest || !K.hx ||
		  !K.huse || !K.hlist || !K.hstack || !K.mark;
	bad = bad || adjacency(n, p->requires, p->nrequires, 0, 0, &K.req_s, &K.req_l) < 0;
	bad = bad || adjacency(n, p->requires, p->nrequires, 1, 0, &K.rby_s, &K.rby_l) < 0;
	bad = bad || adjacency(n, p->excludes, p->nexcludes, 0, 1, &K.exc_s, &K.exc_l) < 0;
	bad = bad || group_lists(&K) < 0;
	if (bad)
		goto oom;
	if (preprocess(&K) < 0) {
		s->optimal = 1;
		kctx_free(&K);
		return 0;
	}
	if (build_rows(&K) < 0)
		goto oom;
	K.y = calloc(K.R ? K.R : 1, sizeof(double));
	int lp_bad = smb_lp_init(&K.lp, n, K.R, K.A, K.b, K.c, dtol) < 0;
	size_t slot_bytes = smb_lp_slot_bytes(&K.lp);
	K.nslots = SLOT_BUDGET / (slot_bytes ? slot_bytes : 1);
	if (K.nslots > n + 2)
		K.nslots = n + 2;
	if (K.nslots < 2)
		K.nslots = 2;
	K.nfix = n + 2;
	K.slots = calloc(K.nslots, sizeof(smb_lp_slot));
	K.fix = calloc(K.nfix, sizeof(signed char *));
	if (!K.y || lp_bad || !K.slots || !K.fix || !fix_at(&K, 0))
		goto oom;
	memcpy(K.fix[0], K.fix0, n);

	/* root LP, then a first choice guided by its duals */
	smb_lp_slot *S = slot_at(&K, 0);
	if (!S)
		goto oom;
	int st = smb_lp_solve(&K.lp, S, K.fix[0], 0);
	if (st == 0) {
		s->optimal = 1;
		kctx_free(&K);
		return 0;
	}
	if (st > 0)
		smb_lp_lagrange(&K.lp, S, K.fix[0], K.y, K.rc);
	else
		for (size_t i = 0; i < K.R; i++)
			K.y[i] = 1;
	if (make_order(&K) < 0)
		goto oom;
	memset(K.hx, 0, n);
	heuristic(&K, 1);
	int warm = st > 0;
	if (st > 0 && n > CORE_SIZE) {
		core_search(&K);
		warm = 0;
	}
	double open = K.oom ? 0 : search(&K, 0, warm, INFINITY);
	if (K.oom)
		goto oom;
	s->nodes = K.nodes;
	if (K.have_inc) {
		memcpy(s->x, K.xbest, n);
		s->value = K.inc;
		s->feasible = 1;
	}
	if (open == -INFINITY) {
		s->optimal = 1;
		s->bound = s->value;
	} else {
		s->bound = K.have_inc ? fmax(open, K.inc) : open;
	}
	kctx_free(&K);
	return 0;
oom:
	kctx_free(&K);
	return fail(err, errlen, "knapsack: out of memory");
}

int smb_knapsack_solver(const smb_knapsack_problem *p, smb_knapsack_solution *s,
                        char *err, size_t errlen, void *ud)
{
	(void)ud;
	return smb_knapsack_solve(p, s, err, errlen);
}
