/* plugins/solver-glpk/glpk.c — the planner's knapsack handed to GLPK's
 * branch-and-cut (glp_intopt) for problems too large for the built-in solver.
 * Built against smbopt/plugin.h only: it calls nothing of the host's core. */
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smbopt/plugin.h"

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
	return SMB_PLUGIN_ERROR;
}

/* GLPK aborts the process on malformed input, so everything is checked here
 * first: finite numbers, indices in range. */
static int validate(const smb_knapsack_problem *p, char *err, size_t errlen)
{
	if (p->n && (!p->value || (p->m && !p->weight)))
		return fail(err, errlen, "glpk: values or weights missing");
	if (p->m && !p->capacity)
		return fail(err, errlen, "glpk: capacities missing");
	if (p->n > (size_t)INT_MAX / 4 || p->m > (size_t)INT_MAX / 4)
		return fail(err, errlen, "glpk: problem too large");
	for (size_t j = 0; j < p->n; j++)
		if (!isfinite(p->value[j]))
			return fail(err, errlen, "glpk: value of item %zu is not finite", j);
	for (size_t i = 0; i < p->m; i++) {
		if (isnan(p->capacity[i]) || p->capacity[i] == -INFINITY)
			return fail(err, errlen, "glpk: capacity of resource %zu is not a number", i);
		for (size_t j = 0; j < p->n; j++)
			if (!isfinite(p->weight[i * p->n + j]))
				return fail(err, errlen, "glpk: use of resource %zu by item %zu is not finite", i, j);
	}
	if ((p->nrequires && !p->requires) || (p->nexcludes && !p->excludes) ||
	    (p->ngroups && (!p->group_start || !p->group_items)))
		return fail(err, errlen, "glpk: side constraint arrays missing");
	for (size_t k = 0; k < 2 * p->nrequires; k++)
		if (p->requires[k] >= p->n)
			return fail(err, errlen, "glpk: requires pair %zu is out of range", k / 2);
	for (size_t k = 0; k < 2 * p->nexcludes; k++)
		if (p->excludes[k] >= p->n)
			return fail(err, errlen, "glpk: excludes pair %zu is out of range", k / 2);
	for (size_t g = 0; g < p->ngroups; g++) {
		if (p->group_start[g] > p->group_start[g + 1])
			return fail(err, errlen, "glpk: group %zu has a negative size", g);
		for (size_t k = p->group_start[g]; k < p->group_start[g + 1]; k++)
			if (p->group_items[k] >= p->n)
				return fail(err, errlen, "glpk: group %zu is out of range", g);
	}
	if (isnan(p->time_limit) || p->time_limit < 0)
		return fail(err, errlen, "glpk: time limit must be >= 0");
	return 0;
}

/* What the search callback sees last: GLPK reports its best bound only while
 * the tree exists, so it is sampled at every callback. The active nodes'
 * bounds only fall as the search goes on, so the last sample stays valid. */
typedef struct progress {
	double bound;
	int have_bound;
	int nodes;
} progress;

static void callback(glp_tree *T, void *info)
{
	progress *pr = info;
	int a_cnt, n_cnt, t_cnt, best = glp_ios_best_node(T);
	glp_ios_tree_size(T, &a_cnt, &n_cnt, &t_cnt);
	if (t_cnt > pr->nodes)
		pr->nodes = t_cnt;
	if (best) {
		pr->bound = glp_ios_node_bound(T, best);
		pr->have_bound = 1;
	}
}

/* Append row coefficients, merging repeated columns (GLPK refuses them). */
typedef struct rowbuf {
	int *ind;      /* 1-based, as GLPK wants */
	double *val;
	int len;
	int *pos;      /* n + 1: where column j sits in ind, or 0 */
} rowbuf;

static void row_add(rowbuf *r, size_t j, double v)
{
	int col = (int)j + 1;
	if (r->pos[col]) {
		r->val[r->pos[col]] += v;
		return;
	}
	r->len++;
	r->ind[r->len] = col;
	r->val[r->len] = v;
	r->pos[col] = r->len;
}

static void row_emit(glp_prob *P, rowbuf *r, int type, double lo, double up)
{
	int i = glp_add_rows(P, 1);
	glp_set_row_bnds(P, i, type, lo, up);
	glp_set_mat_row(P, i, r->len, r->ind, r->val);
	for (int k = 1; k <= r->len; k++)
		r->pos[r->ind[k]] = 0;
	r->len = 0;
}

static int glpk_solve(const smb_knapsack_problem *p, smb_knapsack_solution *s, char *err,
                      size_t errlen, void *ud)
{
	(void)ud;
	if (!p || !s || (p->n && !s->x))
		return fail(err, errlen, "glpk: no problem or no solution buffer");
	if (validate(p, err, errlen))
		return SMB_PLUGIN_ERROR;
	size_t n = p->n, m = p->m;
	memset(s->x, 0, n);
	s->value = s->bound = 0;
	s->optimal = s->feasible = 0;
	s->nodes = 0;

	rowbuf r = {0};
	r.ind = malloc((n + 2) * sizeof(int));
	r.val = malloc((n + 2) * sizeof(double));
	r.pos = calloc(n + 2, sizeof(int));
	if (!r.ind || !r.val || !r.pos) {
		free(r.ind), free(r.val), free(r.pos);
		return fail(err, errlen, "glpk: out of memory");
	}
	int term = glp_term_out(GLP_OFF);
	glp_prob *P = glp_create_prob();
	glp_set_obj_dir(P, GLP_MAX);
	if (n)
		glp_add_cols(P, (int)n);
	for (size_t j = 0; j < n; j++) {
		int col = (int)j + 1;
		glp_set_col_kind(P, col, GLP_BV);
		glp_set_obj_coef(P, col, p->value[j]);
		if (p->fixed && p->fixed[j])
			glp_set_col_bnds(P, col, GLP_FX, p->fixed[j] > 0, p->fixed[j] > 0);
	}
	for (size_t i = 0; i < m; i++) {
		for (size_t j = 0; j < n; j++)
			if (p->weight[i * n + j] != 0)
				row_add(&r, j, p->weight[i * n + j]);
		double cap = p->capacity[i];
		if (cap == INFINITY)
			row_emit(P, &r, GLP_FR, 0, 0);
		else
			row_emit(P, &r, GLP_UP, 0, cap);
	}
	for (size_t k = 0; k < p->nrequires; k++) {
		size_t j = p->requires[2 * k], i = p->requires[2 * k + 1];
		if (i == j)
			continue;
		row_add(&r, j, 1);
		row_add(&r, i, -1);
		row_emit(P, &r, GLP_UP, 0, 0);
	}
	for (size_t k = 0; k < p->nexcludes; k++) {
		row_add(&r, p->excludes[2 * k], 1);
		row_add(&r, p->excludes[2 * k + 1], 1);
		row_emit(P, &r, GLP_UP, 0, 1);
	}
	for (size_t g = 0; g < p->ngroups; g++) {
		for (size_t k = p->group_start[g]; k < p->group_start[g + 1]; k++)
			row_add(&r, p->group_items[k], 1);
		row_emit(P, &r, GLP_LO, 1, 0);
	}

	/* without items GLPK has nothing to search: any group or a negative
	 * capacity makes the empty choice infeasible */
	int trivially_infeasible = p->ngroups > 0;
	for (size_t i = 0; i < m && n == 0; i++)
		trivially_infeasible |= p->capacity[i] < 0;

	glp_iocp parm;
	glp_init_iocp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.presolve = GLP_ON;
	if (p->time_limit > 0)
		parm.tm_lim = p->time_limit * 1000.0 >= (double)INT_MAX ? INT_MAX
							       : (int)ceil(p->time_limit * 1000.0);
	progress pr = {0};
	parm.cb_func = callback;
	parm.cb_info = &pr;
	int rc = 0, status = GLP_UNDEF;
	if (n == 0) {
		status = trivially_infeasible ? GLP_NOFEAS : GLP_OPT;
	} else {
		rc = glp_intopt(P, &parm);
		status = glp_mip_status(P);
	}
	if (rc == GLP_ENOPFS || status == GLP_NOFEAS) {
		/* the presolver or the search proved that no choice exists */
		s->optimal = 1;
	} else if (rc == 0 || rc == GLP_ETMLIM || rc == GLP_EMIPGAP || rc == GLP_ESTOP) {
		if (status == GLP_OPT || status == GLP_FEAS) {
			s->feasible = 1;
			s->value = 0;
			for (size_t j = 0; j < n; j++) {
				s->x[j] = glp_mip_col_val(P, (int)j + 1) > 0.5;
				if (s->x[j])
					s->value += p->value[j];
			}
		}
		s->optimal = rc == 0 && (status == GLP_OPT || status == GLP_NOFEAS);
		if (s->optimal)
			s->bound = s->value;
		else if (pr.have_bound)
			s->bound = s->feasible ? fmax(pr.bound, s->value) : pr.bound;
		else
			s->bound = INFINITY;
	} else {
		glp_delete_prob(P);
		glp_term_out(term);
		free(r.ind), free(r.val), free(r.pos);
		return fail(err, errlen, "glpk: glp_intopt failed with code %d", rc);
	}
	s->nodes = pr.nodes > 0 ? (size_t)pr.nodes : 0;
	glp_delete_prob(P);
	glp_term_out(term);
	free(r.ind), free(r.val), free(r.pos);
	return SMB_PLUGIN_OK;
}

SMB_PLUGIN_DECLARE_ABI;

int smb_plugin_init(const smb_host_api *api, smb_plugin_info *info)
{
	static const smb_solver_def def = {
		.name = "glpk",
		.description = "GLPK branch-and-cut (glp_intopt) for plans too large for the built-in solver",
		.solve = glpk_solve,
		.ud = NULL,
	};
	info->abi_version = SMB_PLUGIN_ABI_VERSION;
	info->name = "solver-glpk";
	info->version = "0.1.0";
	info->areas = "";
	info->industry = NULL;
	info->description = "Plan solver backed by GLPK";
	if (!api || api->struct_size < offsetof(smb_host_api, add_solver) + sizeof(api->add_solver) ||
	    !api->add_solver)
		return SMB_PLUGIN_ERROR;
	return api->add_solver(api->host, &def) == SMB_PLUGIN_OK ? SMB_PLUGIN_OK : SMB_PLUGIN_ERROR;
}
