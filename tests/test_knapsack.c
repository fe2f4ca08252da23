/* tests/test_knapsack.c — the built-in knapsack solver against OR-Library's
 * published optima, hand-made side-constraint cases, brute force on random
 * small instances, and the planning layer's explanations. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "knapsack.h"
#include "plan.h"
#include "tap.h"

/* ---- OR-Library files ---------------------------------------------------- */

typedef struct orlib {
	size_t n, m;
	double opt;
	double *c, *w, *b;
} orlib;

static int read_nums(FILE *f, double *v, size_t k)
{
	for (size_t i = 0; i < k; i++)
		if (fscanf(f, "%lf", &v[i]) != 1)
			return -1;
	return 0;
}

/* Reads every problem of an OR-Library mknap file; returns how many, or -1. */
static int orlib_read(const char *path, orlib *out, int max)
{
	FILE *f = fopen(path, "r");
	int np;
	if (!f)
		return -1;
	if (fscanf(f, "%d", &np) != 1 || np < 0 || np > max) {
		fclose(f);
		return -1;
	}
	for (int k = 0; k < np; k++) {
		orlib *o = &out[k];
		if (fscanf(f, "%zu %zu %lf", &o->n, &o->m, &o->opt) != 3) {
			fclose(f);
			return -1;
		}
		o->c = malloc(o->n * sizeof(double));
		o->w = malloc(o->n * o->m * sizeof(double));
		o->b = malloc(o->m * sizeof(double));
		if (!o->c || !o->w || !o->b || read_nums(f, o->c, o->n) ||
		    read_nums(f, o->w, o->n * o->m) || read_nums(f, o->b, o->m)) {
			fclose(f);
			return -1;
		}
	}
	fclose(f);
	return np;
}

static void orlib_free(orlib *o, int np)
{
	for (int k = 0; k < np; k++) {
		free(o[k].c);
		free(o[k].w);
		free(o[k].b);
	}
}

static int solve_orlib(const orlib *o, double tlim, smb_knapsack_solution *s, unsigned char *x)
{
	smb_knapsack_problem p = {.n = o->n, .m = o->m, .value = o->c, .weight = o->w,
				  .capacity = o->b, .time_limit = tlim};
	char err[256] = "";
	memset(s, 0, sizeof *s);
	s->x = x;
	int rc = smb_knapsack_solve(&p, s, err, sizeof err);
	if (rc)
		printf("# %s\n", err);
	return rc;
}

static void test_mknap1(const char *dir)
{
	static const double published[7] = {3800, 8706.1, 4015, 6120, 12400, 10618, 16537};
	char path[4096];
	orlib o[7];
	snprintf(path, sizeof path, "%s/mknap1.txt", dir);
	int np = orlib_read(path, o, 7);
	if (!is_int(np, 7, "mknap1.txt holds 7 problems"))
		return;
	for (int k = 0; k < 7; k++) {
		unsigned char x[64];
		smb_knapsack_solution s;
		int rc = solve_orlib(&o[k], 0, &s, x);
		smb_knapsack_problem p = {.n = o[k].n, .m = o[k].m, .value = o[k].c,
					  .weight = o[k].w, .capacity = o[k].b};
		double v;
		ok(rc == 0 && s.optimal && s.feasible && smb_knapsack_check(&p, x, &v) &&
		   fabs(v - s.value) < 1e-6, "mknap1 #%d: solved, proven, choice feasible (%zu nodes)",
		   k + 1, s.nodes);
		is_num(s.value, published[k], 1e-6, "mknap1 #%d: optimum %g (n=%zu, m=%zu)",
		       k + 1, published[k], o[k].n, o[k].m);
	}
	orlib_free(o, 7);
}

/* Chu & Beasley 100 x 5, tightness 0.25: the README's best known values,
 * proven optimal here; then the hardest of the ten under a time limit. */
static void test_mknapcb1(const char *dir)
{
	static const double best[5] = {24381, 24274, 23551, 23534, 23991};
	char path[4096];
	orlib o[30];
	snprintf(path, sizeof path, "%s/mknapcb1.txt", dir);
	int np = orlib_read(path, o, 30);
	if (!is_int(np, 30, "mknapcb1.txt holds 30 problems"))
		return;
	unsigned char x[100];
	smb_knapsack_solution s;
	for (int k = 0; k < 5; k++) {
		int rc = solve_orlib(&o[k], 120, &s, x);
		ok(rc == 0 && s.optimal, "mknapcb1 #%d: proven optimal (%zu nodes)", k + 1, s.nodes);
		is_num(s.value, best[k], 0, "mknapcb1 #%d: value %g", k + 1, best[k]);
	}
	/* #13's optimum 41968 takes some 4e5 nodes; 20 ms is far too little */
	int rc = solve_orlib(&o[12], 0.02, &s, x);
	smb_knapsack_problem p = {.n = o[12].n, .m = o[12].m, .value = o[12].c,
				  .weight = o[12].w, .capacity = o[12].b};
	double v;
	ok(rc == 0 && s.feasible && !s.optimal, "time limit: feasible, not proven");
	ok(smb_knapsack_check(&p, x, &v) && v == s.value, "time limit: the choice is feasible");
	ok(s.value <= 41968 && s.bound >= 41968, "time limit: value %g <= optimum 41968 <= bound %g",
	   s.value, s.bound);
	ok((s.bound - s.value) / s.value < 0.02, "time limit: gap %.3f%% under 2%%",
	   100 * (s.bound - s.value) / s.value);
	orlib_free(o, np);
}

/* ---- hand-made side constraints ------------------------------------------
 * items   A   B   C   D   E
 * value  10   7   5   4   3
 * cost    4   3   3   2   1    (capacity 6)
 * hours   1   2   1   2   3    (capacity 4)
 * Without side constraints A+D = 14 (cost 6, hours 3). Every other pair of
 * value >= 12 is A+B, A+C (cost 7), B+C = 12, A+E = 13 (cost 5, hours 4). */

static const double hv[5] = {10, 7, 5, 4, 3};
static const double hw[10] = {4, 3, 3, 2, 1, 1, 2, 1, 2, 3};
static const double hcap[2] = {6, 4};

static void hand(const char *what, const size_t *req, size_t nreq, const size_t *exc,
                 size_t nexc, const size_t *gs, const size_t *gi, size_t ng,
                 const signed char *fixed, int feasible, double want, const char *set)
{
	smb_knapsack_problem p = {.n = 5, .m = 2, .value = hv, .weight = hw, .capacity = hcap,
				  .requires = req, .nrequires = nreq, .excludes = exc,
				  .nexcludes = nexc, .group_start = gs, .group_items = gi,
				  .ngroups = ng, .fixed = fixed};
	unsigned char x[5];
	smb_knapsack_solution s = {.x = x};
	char err[256] = "", got[8] = "";
	int rc = smb_knapsack_solve(&p, &s, err, sizeof err);
	ok(rc == 0 && s.optimal, "%s: solved and proven%s%s", what, rc ? ": " : "", err);
	is_int(s.feasible, feasible, "%s: feasible %d", what, feasible);
	if (!feasible)
		return;
	for (int j = 0, k = 0; j < 5; j++)
		if (x[j])
			got[k++] = (char)('A' + j);
	is_num(s.value, want, 0, "%s: value %g", what, want);
	is_str(got, set, "%s: choice %s", what, set);
}

static void test_side_constraints(void)
{
	static const size_t d_needs_c[2] = {3, 2}, a_excl_d[2] = {0, 3};
	static const size_t g_start[2] = {0, 2}, g_be[2] = {1, 4}, g_e[1] = {4};
	static const signed char force_c[5] = {0, 0, 1, 0, 0}, out_a[5] = {-1, 0, 0, 0, 0};
	static const signed char out_e[5] = {0, 0, 0, 0, -1};
	static const size_t g1[2] = {0, 1};
	hand("no side constraints", NULL, 0, NULL, 0, NULL, NULL, 0, NULL, 1, 14, "AD");
	/* D needs C: A+C+D costs 9, so the best is A+E */
	hand("D requires C", d_needs_c, 1, NULL, 0, NULL, NULL, 0, NULL, 1, 13, "AE");
	hand("A excludes D", NULL, 0, a_excl_d, 1, NULL, NULL, 0, NULL, 1, 13, "AE");
	/* one of B, E: A+B costs 7, so A+E */
	hand("at least one of B, E", NULL, 0, NULL, 0, g_start, g_be, 1, NULL, 1, 13, "AE");
	/* C forced: A+C costs 7, so C goes with B (12) rather than D (9) or E (8) */
	hand("C forced in", NULL, 0, NULL, 0, NULL, NULL, 0, force_c, 1, 12, "BC");
	hand("A forced out", NULL, 0, NULL, 0, NULL, NULL, 0, out_a, 1, 12, "BC");
	hand("group {E} with E forced out", NULL, 0, NULL, 0, g1, g_e, 1, out_e, 0, 0, "");
	/* A and B both needed is 7 > 6 of cost: no choice satisfies it */
	static const size_t g2[3] = {0, 1, 2}, gab[2] = {0, 1};
	hand("groups {A} and {B} over capacity", NULL, 0, NULL, 0, g2, gab, 2, NULL, 0, 0, "");
}

/* ---- brute force on random small instances ------------------------------ */

static uint64_t rng = 42;
static unsigned rnd(unsigned k)
{
	rng = rng * 6364136223846793005ull + 1442695040888963407ull;
	return (unsigned)((rng >> 33) % k);
}

static void test_random(void)
{
	int agree = 0, trials = 300;
	for (int t = 0; t < trials; t++) {
		size_t n = 4 + rnd(9), m = 1 + rnd(3);
		double c[12], w[36], b[3];
		size_t req[8], exc[8], gs[4], gi[12];
		signed char fixed[12];
		for (size_t j = 0; j < n; j++) {
			c[j] = (double)rnd(20) - 2 + (t % 3 ? 0 : 0.25 * rnd(4));
			fixed[j] = rnd(10) == 0 ? (rnd(2) ? 1 : -1) : 0;
		}
		for (size_t i = 0; i < m; i++) {
			double sum = 0;
			for (size_t j = 0; j < n; j++)
				sum += w[i * n + j] = rnd(10);
			b[i] = floor(sum * (0.2 + 0.1 * rnd(6)));
		}
		size_t nreq = rnd(4), nexc = rnd(4), ng = rnd(3), ngi = 0;
		for (size_t k = 0; k < 2 * nreq; k++)
			req[k] = rnd((unsigned)n);
		for (size_t k = 0; k < 2 * nexc; k++)
			exc[k] = rnd((unsigned)n);
		gs[0] = 0;
		for (size_t g = 0; g < ng; g++) {
			size_t len = 1 + rnd(4);
			for (size_t k = 0; k < len; k++)
				gi[ngi++] = rnd((unsigned)n);
			gs[g + 1] = ngi;
		}
		smb_knapsack_problem p = {.n = n, .m = m, .value = c, .weight = w, .capacity = b,
					  .requires = req, .nrequires = nreq, .excludes = exc,
					  .nexcludes = nexc, .group_start = gs, .group_items = gi,
					  .ngroups = ng, .fixed = fixed};
		double best = -INFINITY;
		for (unsigned long mask = 0; mask < (1ul << n); mask++) {
			unsigned char x[12];
			double v;
			for (size_t j = 0; j < n; j++)
				x[j] = (mask >> j) & 1;
			if (smb_knapsack_check(&p, x, &v) && v > best)
				best = v;
		}
		unsigned char x[12];
		smb_knapsack_solution s = {.x = x};
		char err[256];
		double v;
		if (smb_knapsack_solve(&p, &s, err, sizeof err) == 0 && s.optimal &&
		    (best == -INFINITY ? !s.feasible
				       : s.feasible && fabs(s.value - best) < 1e-9 &&
					 smb_knapsack_check(&p, x, &v) && fabs(v - best) < 1e-9))
			agree++;
		else
			printf("# trial %d: brute force %g, solver %g feasible %d optimal %d\n", t,
			       best, s.value, s.feasible, s.optimal);
	}
	is_int(agree, trials, "random small instances with side constraints: solver = brute force");
}

static void test_errors(void)
{
	double c[2] = {1, NAN}, w[2] = {1, 1}, b[1] = {1};
	unsigned char x[2];
	smb_knapsack_problem p = {.n = 2, .m = 1, .value = c, .weight = w, .capacity = b};
	smb_knapsack_solution s = {.x = x};
	char err[256] = "";
	ok(smb_knapsack_solve(&p, &s, err, sizeof err) == -1 && strstr(err, "not finite"),
	   "a NaN value is refused: %s", err);
	c[1] = 1;
	w[1] = -1;
	ok(smb_knapsack_solve(&p, &s, err, sizeof err) == -1 && strstr(err, ">= 0"),
	   "a negative use is refused: %s", err);
	size_t bad[2] = {0, 5};
	w[1] = 1;
	p.requires = bad;
	p.nrequires = 1;
	ok(smb_knapsack_solve(&p, &s, err, sizeof err) == -1, "a requires pair out of range is refused");
	smb_knapsack_problem empty = {0};
	ok(smb_knapsack_solve(&empty, &s, err, sizeof err) == 0 && s.feasible && s.optimal &&
	   s.value == 0, "no items: the empty choice, proven");
	double inf[1] = {INFINITY};
	smb_knapsack_problem open = {.n = 2, .m = 1, .value = c, .weight = w, .capacity = inf};
	ok(smb_knapsack_solver(&open, &s, err, sizeof err, NULL) == 0 && s.value == 2 &&
	   s.optimal, "an unlimited resource: everything of value is chosen");
}

/* ---- the planning layer --------------------------------------------------
 * cost capacity 10, hours 8; audit forced out.
 * id        value cost hours  relations
 * crm           9    5     3
 * seo           6    3     2
 * ads           5    2     1  requires seo
 * site          4    2     4  excludes seo
 * erp          20   12     2
 * audit         3    1     1  (forced out)
 * train         1    3     1
 * retarget      2    1     1  requires site
 * Optimum: crm + seo + ads = 20, cost 10 (slack 0: binding), hours 6 (slack 2,
 * the smallest left-out use of hours is 1: not binding).
 * Frontier over cost (hours 8): 2.5 -> site 4; 5 -> seo+ads 11; 7.5 -> crm+site
 * 13; 10 -> 20; 15 -> erp+seo 26; 20 -> crm+erp+seo 35. */

static void test_plan(void)
{
	char *r_ads[] = {"seo"}, *x_site[] = {"seo"}, *r_ret[] = {"site"};
	double u[8][2] = {{5, 3}, {3, 2}, {2, 1}, {2, 4}, {12, 2}, {1, 1}, {3, 1}, {1, 1}};
	smb_plan_candidate cand[8] = {
		{.id = "crm", .value = 9, .use = u[0]},
		{.id = "seo", .value = 6, .use = u[1]},
		{.id = "ads", .value = 5, .use = u[2], .requires = r_ads, .nrequires = 1},
		{.id = "site", .value = 4, .use = u[3], .excludes = x_site, .nexcludes = 1},
		{.id = "erp", .value = 20, .use = u[4]},
		{.id = "audit", .value = 3, .use = u[5]},
		{.id = "train", .value = 1, .use = u[6]},
		{.id = "retarget", .value = 2, .use = u[7], .requires = r_ret, .nrequires = 1},
	};
	char *res[] = {"hours", "cost"};
	double cap[2] = {8, 10};
	char *out[] = {"audit"};
	/* resources in the order hours, cost: the frontier must find "cost" by name */
	for (int j = 0; j < 8; j++) {
		double t = u[j][0];
		u[j][0] = u[j][1];
		u[j][1] = t;
	}
	smb_plan_input in = {.ncand = 8, .nres = 2, .cand = cand, .resource = res,
			     .capacity = cap, .exclude = out, .nexclude = 1};
	smb_plan_result r;
	char err[256] = "";
	int rc = smb_plan_run(&in, NULL, NULL, &r, err, sizeof err);
	if (!ok(rc == 0, "plan runs%s%s", rc ? ": " : "", err))
		return;
	ok(r.feasible && r.optimal, "plan: feasible and proven optimal");
	is_num(r.value, 20, 0, "plan: value 20");
	is_num(r.gap, 0, 0, "plan: gap 0");
	is_int((long long)r.nchosen, 3, "plan: three chosen");
	ok(r.nchosen == 3 && r.chosen[0] == 0 && r.chosen[1] == 1 && r.chosen[2] == 2,
	   "plan: crm, seo, ads chosen");
	is_num(r.usage[1].used, 10, 0, "plan: cost used 10");
	is_num(r.usage[1].slack, 0, 0, "plan: cost slack 0");
	ok(r.usage[1].binding, "plan: cost binds");
	is_num(r.usage[0].used, 6, 0, "plan: hours used 6");
	is_num(r.usage[0].slack, 2, 0, "plan: hours slack 2");
	ok(!r.usage[0].binding, "plan: hours do not bind (slack 2 >= train's 1 hour)");
	is_str(smb_plan_why_name(r.choice[3].why), "excluded", "plan: site is excluded...");
	is_int((long long)r.choice[3].other, 1, "plan: ...by seo");
	is_str(smb_plan_why_name(r.choice[4].why), "does not fit", "plan: erp does not fit...");
	is_int((long long)r.choice[4].resource, 1, "plan: ...cost");
	is_num(r.choice[4].shortfall, 2, 1e-12, "plan: ...short by 2");
	is_str(smb_plan_why_name(r.choice[5].why), "forced out", "plan: audit is forced out");
	is_int(r.choice[5].forced, -1, "plan: audit's forced flag is -1");
	is_str(smb_plan_why_name(r.choice[6].why), "dominated", "plan: train is dominated...");
	is_int((long long)r.choice[6].resource, 1, "plan: ...it would overflow cost...");
	is_num(r.choice[6].shortfall, 3, 1e-12, "plan: ...by 3");
	is_str(smb_plan_why_name(r.choice[7].why), "needs", "plan: retarget needs...");
	is_int((long long)r.choice[7].other, 3, "plan: ...site, which is not chosen");
	is_int((long long)r.frontier_resource, 1, "plan: frontier over \"cost\"");
	is_int((long long)r.nfrontier, 6, "plan: six frontier points");
	static const double fv[6] = {4, 11, 13, 20, 26, 35}, fc[6] = {2.5, 5, 7.5, 10, 15, 20};
	for (int k = 0; k < 6 && r.nfrontier == 6; k++) {
		is_num(r.frontier[k].capacity, fc[k], 1e-12, "frontier %d%%: cost capacity %g",
		       (int)(100 * r.frontier[k].fraction), fc[k]);
		ok(r.frontier[k].feasible && r.frontier[k].optimal, "frontier %d%%: proven",
		   (int)(100 * r.frontier[k].fraction));
		is_num(r.frontier[k].value, fv[k], 0, "frontier %d%%: value %g",
		       (int)(100 * r.frontier[k].fraction), fv[k]);
	}
	smb_plan_result_free(&r);

	/* the same plan through the smb_solve_fn pointer, with train forced in */
	char *force[] = {"train"};
	in.force = force;
	in.nforce = 1;
	in.no_frontier = 1;
	rc = smb_plan_run(&in, smb_knapsack_solver, NULL, &r, err, sizeof err);
	/* train takes 3 of the cost, leaving 7: crm + seo (8) no longer fits, and
	 * crm + site (cost 7, hours 3+4+1 = 8) with train makes 14, more than
	 * seo + ads + train (12) */
	ok(rc == 0 && r.optimal && r.value == 14 && r.nfrontier == 0,
	   "plan with train forced in, through the solver pointer: 14, no frontier");
	ok(rc == 0 && r.choice[6].chosen && r.choice[6].forced == 1 && r.choice[3].chosen,
	   "plan: train chosen (forced) with site");
	smb_plan_result_free(&r);

	char *unknown[] = {"nope"};
	in.force = unknown;
	ok(smb_plan_run(&in, NULL, NULL, &r, err, sizeof err) == -1 && strstr(err, "nope"),
	   "an unknown forced id is an error: %s", err);
	in.force = out;
	ok(smb_plan_run(&in, NULL, NULL, &r, err, sizeof err) == -1,
	   "a candidate both forced in and out is an error: %s", err);

	/* one of {erp} is impossible: no plan */
	char *only_erp[] = {"erp"};
	smb_plan_group grp = {.ids = only_erp, .nids = 1};
	in.force = NULL;
	in.nforce = 0;
	in.group = &grp;
	in.ngroups = 1;
	rc = smb_plan_run(&in, NULL, NULL, &r, err, sizeof err);
	ok(rc == 0 && !r.feasible && r.optimal, "plan: a group only erp can meet is infeasible");
	ok(rc == 0 && r.choice[0].why == SMB_PLAN_NO_PLAN && r.choice[5].why == SMB_PLAN_FORCED_OUT,
	   "plan: without a plan nothing is explained but the forced-out");
	smb_plan_result_free(&r);
}

int main(void)
{
	const char *dir = getenv("SMB_TEST_DATA");
	if (!dir || !*dir)
		dir = "tests/data";
	test_mknap1(dir);
	test_mknapcb1(dir);
	test_side_constraints();
	test_random();
	test_errors();
	test_plan();
	return done_testing();
}
