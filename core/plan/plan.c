/* core/plan/plan.c — turns candidates named by id into a knapsack problem, has a
 * solver answer it, and explains the answer: totals, binding resources, why
 * each left-out candidate is out, the gap, and the frontier over "cost". */
#include "plan.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "knapsack.h"

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

const char *smb_plan_why_name(smb_plan_why why)
{
	switch (why) {
	case SMB_PLAN_CHOSEN: return "chosen";
	case SMB_PLAN_FORCED_OUT: return "forced out";
	case SMB_PLAN_NO_FIT: return "does not fit";
	case SMB_PLAN_EXCLUDED_BY: return "excluded";
	case SMB_PLAN_NEEDS: return "needs";
	case SMB_PLAN_DOMINATED: return "dominated";
	case SMB_PLAN_NO_PLAN: return "no plan";
	}
	return "?";
}

void smb_plan_result_free(smb_plan_result *r)
{
	if (!r)
		return;
	free(r->chosen);
	free(r->choice);
	free(r->usage);
	memset(r, 0, sizeof *r);
}

/* ---- ids to indices -------------------------------------------------------- */

typedef struct idref {
	const char *id;
	size_t idx;
} idref;

static int idref_cmp(const void *a, const void *b)
{
	return strcmp(((const idref *)a)->id, ((const idref *)b)->id);
}

typedef struct build {
	const smb_plan_input *in;
	idref *ids;               /* sorted by id */
	double *value, *weight, *capacity;
	size_t *req, *exc, *gstart, *gitems;
	size_t nreq, nexc, ngi;
	signed char *fixed;
	smb_knapsack_problem p;
} build;

static long lookup(const build *B, const char *id)
{
	idref key = {id, 0};
	const idref *hit = id ? bsearch(&key, B->ids, B->in->ncand, sizeof(idref), idref_cmp) : NULL;
	return hit ? (long)hit->idx : -1;
}

static void build_free(build *B)
{
	free(B->ids);
	free(B->value);
	free(B->weight);
	free(B->capacity);
	free(B->req);
	free(B->exc);
	free(B->gstart);
	free(B->gitems);
	free(B->fixed);
}

static int build_problem(build *B, const smb_plan_input *in, char *err, size_t errlen)
{
	size_t n = in->ncand, m = in->nres;
	memset(B, 0, sizeof *B);
	B->in = in;
	if ((n && !in->cand) || (m && (!in->capacity || !in->resource)))
		return fail(err, errlen, "plan: candidates or resources missing");
	size_t nreq = 0, nexc = 0, ngi = 0;
	for (size_t j = 0; j < n; j++) {
		if (!in->cand[j].id)
			return fail(err, errlen, "plan: candidate %zu has no id", j + 1);
		nreq += in->cand[j].nrequires;
		nexc += in->cand[j].nexcludes;
	}
	for (size_t g = 0; g < in->ngroups; g++)
		ngi += in->group[g].nids;
	B->ids = malloc((n ? n : 1) * sizeof(idref));
	B->value = malloc((n ? n : 1) * sizeof(double));
	B->weight = calloc((n * m > 0 ? n * m : 1), sizeof(double));
	B->capacity = malloc((m ? m : 1) * sizeof(double));
	B->req = malloc((nreq ? 2 * nreq : 1) * sizeof(size_t));
	B->exc = malloc((nexc ? 2 * nexc : 1) * sizeof(size_t));
	B->gstart = malloc((in->ngroups + 1) * sizeof(size_t));
	B->gitems = malloc((ngi ? ngi : 1) * sizeof(size_t));
	B->fixed = calloc(n ? n : 1, 1);
	if (!B->ids || !B->value || !B->weight || !B->capacity || !B->req || !B->exc ||
	    !B->gstart || !B->gitems || !B->fixed)
		return fail(err, errlen, "plan: out of memory");
	for (size_t j = 0; j < n; j++) {
		B->ids[j].id = in->cand[j].id;
		B->ids[j].idx = j;
	}
	qsort(B->ids, n, sizeof(idref), idref_cmp);
	for (size_t j = 1; j < n; j++)
		if (strcmp(B->ids[j - 1].id, B->ids[j].id) == 0)
			return fail(err, errlen, "plan: candidate id \"%s\" appears twice", B->ids[j].id);
	for (size_t j = 0; j < n; j++) {
		const smb_plan_candidate *c = &in->cand[j];
		B->value[j] = c->value;
		for (size_t i = 0; i < m; i++)
			B->weight[i * n + j] = c->use ? c->use[i] : 0;
		for (size_t k = 0; k < c->nrequires; k++) {
			long t = lookup(B, c->requires[k]);
			if (t < 0)
				return fail(err, errlen, "plan: \"%s\" requires unknown candidate \"%s\"",
					    c->id, c->requires[k] ? c->requires[k] : "");
			B->req[2 * B->nreq] = j;
			B->req[2 * B->nreq++ + 1] = (size_t)t;
		}
		for (size_t k = 0; k < c->nexcludes; k++) {
			long t = lookup(B, c->excludes[k]);
			if (t < 0)
				return fail(err, errlen, "plan: \"%s\" excludes unknown candidate \"%s\"",
					    c->id, c->excludes[k] ? c->excludes[k] : "");
			B->exc[2 * B->nexc] = j;
			B->exc[2 * B->nexc++ + 1] = (size_t)t;
		}
	}
	for (size_t i = 0; i < m; i++)
		B->capacity[i] = in->capacity[i];
	B->gstart[0] = 0;
	for (size_t g = 0; g < in->ngroups; g++) {
		for (size_t k = 0; k < in->group[g].nids; k++) {
			long t = lookup(B, in->group[g].ids[k]);
			if (t < 0)
				return fail(err, errlen, "plan: group %zu names unknown candidate \"%s\"",
					    g + 1, in->group[g].ids[k] ? in->group[g].ids[k] : "");
			B->gitems[B->ngi++] = (size_t)t;
		}
		B->gstart[g + 1] = B->ngi;
	}
	for (size_t k = 0; k < in->nforce; k++) {
		long t = lookup(B, in->force[k]);
		if (t < 0)
			return fail(err, errlen, "plan: forced candidate \"%s\" is unknown",
				    in->force[k] ? in->force[k] : "");
		B->fixed[t] = 1;
	}
	for (size_t k = 0; k < in->nexclude; k++) {
		long t = lookup(B, in->exclude[k]);
		if (t < 0)
			return fail(err, errlen, "plan: excluded candidate \"%s\" is unknown",
				    in->exclude[k] ? in->exclude[k] : "");
		if (B->fixed[t] > 0)
			return fail(err, errlen, "plan: \"%s\" is both forced in and excluded", in->exclude[k]);
		B->fixed[t] = -1;
	}
	B->p = (smb_knapsack_problem){
		.n = n, .m = m, .value = B->value, .weight = B->weight, .capacity = B->capacity,
		.requires = B->req, .nrequires = B->nreq, .excludes = B->exc, .nexcludes = B->nexc,
		.group_start = B->gstart, .group_items = B->gitems, .ngroups = in->ngroups,
		.fixed = B->fixed, .time_limit = in->time_limit};
	return 0;
}

/* ---- explanation --------------------------------------------------------- */

static int over(double used, double cap)
{
	return used > cap + 1e-9 * fmax(1.0, fabs(cap));
}

/* The resource a set using `use` overflows most (relative to capacity), or
 * SIZE_MAX; *shortfall gets the amount. */
static size_t worst_overflow(const build *B, const double *use, double *shortfall)
{
	size_t worst = SIZE_MAX;
	double wrel = 0;
	*shortfall = 0;
	for (size_t i = 0; i < B->p.m; i++) {
		double cap = B->p.capacity[i];
		if (!over(use[i], cap))
			continue;
		double rel = (use[i] - cap) / fmax(fabs(cap), 1e-12);
		if (worst == SIZE_MAX || rel > wrel) {
			worst = i;
			wrel = rel;
			*shortfall = use[i] - cap;
		}
	}
	return worst;
}

/* Mark j and everything it requires, transitively, in set (0/1 bytes). */
static void require_closure(const build *B, size_t j, unsigned char *set, size_t *stack)
{
	size_t top = 0;
	if (!set[j])
		set[j] = 1, stack[top++] = j;
	while (top) {
		size_t u = stack[--top];
		for (size_t k = 0; k < B->nreq; k++)
			if (B->req[2 * k] == u && !set[B->req[2 * k + 1]]) {
				set[B->req[2 * k + 1]] = 1;
				stack[top++] = B->req[2 * k + 1];
			}
	}
}

static void explain_out(const build *B, const unsigned char *x, size_t j, smb_plan_choice *ch,
                        unsigned char *set, size_t *stack, double *use)
{
	size_t n = B->p.n, m = B->p.m;
	ch->why = SMB_PLAN_DOMINATED;
	if (B->fixed[j] < 0) {
		ch->why = SMB_PLAN_FORCED_OUT;
		return;
	}
	/* on its own: j, what it requires, and the forced items */
	memset(set, 0, n);
	for (size_t u = 0; u < n; u++)
		if (B->fixed[u] > 0)
			set[u] = 1;
	require_closure(B, j, set, stack);
	for (size_t i = 0; i < m; i++) {
		use[i] = 0;
		for (size_t u = 0; u < n; u++)
			if (set[u])
				use[i] += B->p.weight[i * n + u];
	}
	ch->resource = worst_overflow(B, use, &ch->shortfall);
	if (ch->resource != SIZE_MAX) {
		ch->why = SMB_PLAN_NO_FIT;
		return;
	}
	for (size_t k = 0; k < B->nexc; k++) {
		size_t a = B->exc[2 * k], b = B->exc[2 * k + 1];
		if ((a == j && x[b]) || (b == j && x[a])) {
			ch->why = SMB_PLAN_EXCLUDED_BY;
			ch->other = a == j ? b : a;
			return;
		}
	}
	for (size_t k = 0; k < B->nreq; k++)
		if (B->req[2 * k] == j && !x[B->req[2 * k + 1]]) {
			ch->why = SMB_PLAN_NEEDS;
			ch->other = B->req[2 * k + 1];
			return;
		}
	for (size_t i = 0; i < m; i++) {
		use[i] = B->p.weight[i * n + j];
		for (size_t u = 0; u < n; u++)
			if (x[u])
				use[i] += B->p.weight[i * n + u];
	}
	ch->resource = worst_overflow(B, use, &ch->shortfall);
}

static int explain(const build *B, const smb_knapsack_solution *s, smb_plan_result *r)
{
	size_t n = B->p.n, m = B->p.m;
	unsigned char *set = malloc(n ? n : 1);
	size_t *stack = malloc((n ? n : 1) * sizeof(size_t));
	double *use = malloc((m ? m : 1) * sizeof(double));
	if (!set || !stack || !use) {
		free(set), free(stack), free(use);
		return -1;
	}
	for (size_t j = 0; j < n; j++) {
		smb_plan_choice *ch = &r->choice[j];
		ch->chosen = s->feasible && s->x[j];
		ch->forced = B->fixed[j];
		ch->other = SIZE_MAX;
		ch->resource = SIZE_MAX;
		ch->shortfall = 0;
		if (!s->feasible)
			ch->why = B->fixed[j] < 0 ? SMB_PLAN_FORCED_OUT : SMB_PLAN_NO_PLAN;
		else if (ch->chosen)
			ch->why = SMB_PLAN_CHOSEN;
		else
			explain_out(B, s->x, j, ch, set, stack, use);
		if (ch->chosen)
			r->chosen[r->nchosen++] = j;
	}
	for (size_t i = 0; i < m; i++) {
		smb_plan_usage *u = &r->usage[i];
		double smallest = INFINITY;
		u->capacity = B->p.capacity[i];
		u->used = 0;
		for (size_t j = 0; j < n; j++) {
			double w = B->p.weight[i * n + j];
			if (r->choice[j].chosen)
				u->used += w;
			else if (B->fixed[j] >= 0 && w > 0 && w < smallest)
				smallest = w;
		}
		u->slack = u->capacity - u->used;
		u->binding = s->feasible &&
			     (u->slack <= 1e-9 * fmax(1.0, fabs(u->capacity)) || u->slack < smallest);
	}
	free(set), free(stack), free(use);
	return 0;
}

/* ---- entry point --------------------------------------------------------- */

static int solve(const smb_knapsack_problem *p, smb_solve_fn solver, void *ud,
                 smb_knapsack_solution *s, char *err, size_t errlen)
{
	int rc = solver ? solver(p, s, err, errlen, ud) : smb_knapsack_solve(p, s, err, errlen);
	if (rc != 0 && err && errlen && !err[0])
		snprintf(err, errlen, "plan: the solver failed");
	return rc != 0 ? -1 : 0;
}

static size_t frontier_resource(const smb_plan_input *in)
{
	for (size_t i = 0; i < in->nres; i++)
		if (in->resource[i] && strcmp(in->resource[i], "cost") == 0)
			return i;
	return 0;
}

int smb_plan_run(const smb_plan_input *in, smb_solve_fn solver, void *solver_ud,
                 smb_plan_result *out, char *err, size_t errlen)
{
	static const double fractions[SMB_PLAN_FRONTIER] = {0.25, 0.5, 0.75, 1.0, 1.5, 2.0};
	build B;
	if (!in || !out)
		return fail(err, errlen, "plan: no input or no result");
	memset(out, 0, sizeof *out);
	if (err && errlen)
		err[0] = 0;
	if (build_problem(&B, in, err, errlen) < 0) {
		build_free(&B);
		return -1;
	}
	size_t n = in->ncand, m = in->nres;
	unsigned char *x = calloc(n ? n : 1, 1);
	out->chosen = malloc((n ? n : 1) * sizeof(size_t));
	out->choice = calloc(n ? n : 1, sizeof(smb_plan_choice));
	out->usage = calloc(m ? m : 1, sizeof(smb_plan_usage));
	if (!x || !out->chosen || !out->choice || !out->usage) {
		fail(err, errlen, "plan: out of memory");
		goto bad;
	}
	out->ncand = n;
	out->nres = m;
	smb_knapsack_solution s = {.x = x};
	if (solve(&B.p, solver, solver_ud, &s, err, errlen) < 0)
		goto bad;
	out->feasible = s.feasible;
	out->optimal = s.optimal;
	out->value = s.value;
	out->bound = s.feasible ? fmax(s.bound, s.value) : s.bound;
	out->gap = s.feasible ? out->bound - out->value : 0;
	if (s.optimal && s.feasible)
		out->gap = 0, out->bound = out->value;
	double scale = fmax(fabs(out->bound), fabs(out->value));
	out->gap_rel = out->gap > 0 && scale > 0 ? out->gap / scale : 0;
	out->nodes = s.nodes;
	if (explain(&B, &s, out) < 0) {
		fail(err, errlen, "plan: out of memory");
		goto bad;
	}

	size_t fr = frontier_resource(in);
	out->frontier_resource = fr;
	if (!in->no_frontier && m > 0 && isfinite(in->capacity[fr])) {
		for (size_t k = 0; k < SMB_PLAN_FRONTIER; k++) {
			smb_plan_point *pt = &out->frontier[k];
			pt->fraction = fractions[k];
			pt->capacity = fractions[k] * in->capacity[fr];
			if (fractions[k] == 1.0) {
				pt->value = out->value;
				pt->bound = out->bound;
				pt->feasible = out->feasible;
				pt->optimal = out->optimal;
				continue;
			}
			B.capacity[fr] = pt->capacity;
			smb_knapsack_solution f = {.x = x};
			if (solve(&B.p, solver, solver_ud, &f, err, errlen) < 0)
				goto bad;
			pt->value = f.value;
			pt->bound = f.feasible ? fmax(f.bound, f.value) : f.bound;
			pt->feasible = f.feasible;
			pt->optimal = f.optimal;
		}
		B.capacity[fr] = in->capacity[fr];
		out->nfrontier = SMB_PLAN_FRONTIER;
	}
	free(x);
	build_free(&B);
	return 0;
bad:
	free(x);
	build_free(&B);
	smb_plan_result_free(out);
	return -1;
}
