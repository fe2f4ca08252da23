/* tests/test_glpk.c — dlopen()s the built solver-glpk plugin with a minimal host
 * table; checks its solver on OR-Library's mknap1 optima, side constraints, the
 * time limit, and against the built-in solver on random instances. */
#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "knapsack.h"
#include "smbopt/plugin.h"
#include "tap.h"

/* ---- a host that only records solvers ----------------------------------- */

struct smb_host {
	smb_solver_def def;
	int nsolvers;
};

static int add_kind(smb_host *h, const smb_kind_def *d) { (void)h, (void)d; return SMB_PLUGIN_ERROR; }
static int add_metric(smb_host *h, const smb_metric_def *d) { (void)h, (void)d; return SMB_PLUGIN_ERROR; }
static int add_goalposts(smb_host *h, const smb_goalposts_def *d) { (void)h, (void)d; return SMB_PLUGIN_ERROR; }
static int add_rule(smb_host *h, const smb_rule_def *d) { (void)h, (void)d; return SMB_PLUGIN_ERROR; }
static int add_initiative(smb_host *h, const smb_initiative_def *d) { (void)h, (void)d; return SMB_PLUGIN_ERROR; }
static const char *host_error(smb_host *h) { (void)h; return "test host"; }
static int get(smb_ctx *c, const char *k, double *o) { (void)c, (void)k, (void)o; return SMB_PLUGIN_MISSING; }
static int get_at(smb_ctx *c, const char *k, const char *p, double *o) { (void)c, (void)k, (void)p, (void)o; return SMB_PLUGIN_MISSING; }
static const char *text(smb_ctx *c) { (void)c; return ""; }
static double setting(smb_ctx *c, const char *n, double f) { (void)c, (void)n; return f; }
static size_t rows(smb_ctx *c, const char *k) { (void)c, (void)k; return 0; }
static const char *cell(smb_ctx *c, const char *k, size_t r, const char *col) { (void)c, (void)k, (void)r, (void)col; return NULL; }
static int model(smb_ctx *c, const char *m, const char *f, double v) { (void)c, (void)m, (void)f, (void)v; return SMB_PLUGIN_ERROR; }
static int fail(smb_ctx *c, const char *fmt, ...) { (void)c, (void)fmt; return SMB_PLUGIN_ERROR; }

static int add_solver(smb_host *h, const smb_solver_def *d)
{
	h->def = *d;
	h->nsolvers++;
	return SMB_PLUGIN_OK;
}

/* ---- mknap1 ---------------------------------------------------------------- */

static int read_nums(FILE *f, double *v, size_t k)
{
	for (size_t i = 0; i < k; i++)
		if (fscanf(f, "%lf", &v[i]) != 1)
			return -1;
	return 0;
}

/* Solve problem `which` (0-based) of an OR-Library file with the plugin. */
static int solve_file(const smb_solver_def *d, const char *path, int which, double tlim,
                      smb_knapsack_solution *s, double *published)
{
	FILE *f = fopen(path, "r");
	int np, rc = -1;
	if (!f || fscanf(f, "%d", &np) != 1) {
		if (f)
			fclose(f);
		return -1;
	}
	for (int k = 0; k < np && k <= which; k++) {
		size_t n, m;
		if (fscanf(f, "%zu %zu %lf", &n, &m, published) != 3)
			break;
		double *c = malloc(n * sizeof(double)), *w = malloc(n * m * sizeof(double));
		double *b = malloc(m * sizeof(double));
		if (c && w && b && !read_nums(f, c, n) && !read_nums(f, w, n * m) &&
		    !read_nums(f, b, m) && k == which) {
			smb_knapsack_problem p = {.n = n, .m = m, .value = c, .weight = w,
						  .capacity = b, .time_limit = tlim};
			char err[256] = "";
			rc = d->solve(&p, s, err, sizeof err, d->ud);
			if (rc)
				printf("# %s\n", err);
		}
		free(c), free(w), free(b);
	}
	fclose(f);
	return rc;
}

/* The hand-made instance of test_knapsack.c: A..E, values 10 7 5 4 3, cost
 * 4 3 3 2 1 (capacity 6), hours 1 2 1 2 3 (capacity 4); optimum A+D = 14,
 * with "D requires C" A+E = 13, with C forced B+C = 12. */
static void test_side(const smb_solver_def *d)
{
	static const double v[5] = {10, 7, 5, 4, 3}, w[10] = {4, 3, 3, 2, 1, 1, 2, 1, 2, 3};
	static const double cap[2] = {6, 4};
	static const size_t d_needs_c[2] = {3, 2}, gs[2] = {0, 1}, ge[1] = {4};
	static const signed char force_c[5] = {0, 0, 1, 0, 0}, out_e[5] = {0, 0, 0, 0, -1};
	unsigned char x[5];
	smb_knapsack_solution s = {.x = x};
	char err[256] = "";
	smb_knapsack_problem p = {.n = 5, .m = 2, .value = v, .weight = w, .capacity = cap};
	ok(d->solve(&p, &s, err, sizeof err, d->ud) == 0 && s.optimal && s.value == 14 &&
	   x[0] && x[3], "glpk: hand instance 14 (A+D)");
	p.requires = d_needs_c;
	p.nrequires = 1;
	ok(d->solve(&p, &s, err, sizeof err, d->ud) == 0 && s.optimal && s.value == 13 &&
	   x[0] && x[4], "glpk: D requires C gives 13 (A+E)");
	p.nrequires = 0;
	p.fixed = force_c;
	ok(d->solve(&p, &s, err, sizeof err, d->ud) == 0 && s.optimal && s.value == 12 &&
	   x[1] && x[2], "glpk: C forced in gives 12 (B+C)");
	p.fixed = out_e;
	p.group_start = gs;
	p.group_items = ge;
	p.ngroups = 1;
	ok(d->solve(&p, &s, err, sizeof err, d->ud) == 0 && !s.feasible && s.optimal,
	   "glpk: group {E} with E forced out is infeasible");
	double nan_v[5] = {10, NAN, 5, 4, 3};
	smb_knapsack_problem bad = {.n = 5, .m = 2, .value = nan_v, .weight = w, .capacity = cap};
	ok(d->solve(&bad, &s, err, sizeof err, d->ud) == SMB_PLUGIN_ERROR && strstr(err, "finite"),
	   "glpk: a NaN value is refused before GLPK sees it: %s", err);
}

/* The same random instances as far as the generator goes, both solvers. */
static void test_random(const smb_solver_def *d)
{
	unsigned long long rng = 7;
	int agree = 0, trials = 60;
	for (int t = 0; t < trials; t++) {
#define RND(k) ((rng = rng * 6364136223846793005ull + 1442695040888963407ull), \
		(unsigned)((rng >> 33) % (k)))
		size_t n = 5 + RND(26), m = 1 + RND(4);
		double c[30], w[120], b[4];
		size_t req[10], exc[10], gs[4], gi[16];
		signed char fixed[30];
		for (size_t j = 0; j < n; j++) {
			c[j] = (double)RND(100) - 5;
			fixed[j] = RND(15) == 0 ? (RND(2) ? 1 : -1) : 0;
		}
		for (size_t i = 0; i < m; i++) {
			double sum = 0;
			for (size_t j = 0; j < n; j++)
				sum += w[i * n + j] = RND(50);
			b[i] = floor(sum * (0.2 + 0.1 * RND(6)));
		}
		size_t nreq = RND(6), nexc = RND(6), ng = RND(4), ngi = 0;
		for (size_t k = 0; k < 2 * nreq; k++)
			req[k] = RND((unsigned)n);
		for (size_t k = 0; k < 2 * nexc; k++)
			exc[k] = RND((unsigned)n);
		gs[0] = 0;
		for (size_t g = 0; g < ng; g++) {
			size_t len = 1 + RND(5);
			for (size_t k = 0; k < len; k++)
				gi[ngi++] = RND((unsigned)n);
			gs[g + 1] = ngi;
		}
#undef RND
		smb_knapsack_problem p = {.n = n, .m = m, .value = c, .weight = w, .capacity = b,
					  .requires = req, .nrequires = nreq, .excludes = exc,
					  .nexcludes = nexc, .group_start = gs, .group_items = gi,
					  .ngroups = ng, .fixed = fixed};
		unsigned char x1[30], x2[30];
		smb_knapsack_solution s1 = {.x = x1}, s2 = {.x = x2};
		char err[256] = "";
		double v;
		int r1 = smb_knapsack_solve(&p, &s1, err, sizeof err);
		int r2 = d->solve(&p, &s2, err, sizeof err, d->ud);
		if (r1 == 0 && r2 == 0 && s1.optimal && s2.optimal && s1.feasible == s2.feasible &&
		    (!s2.feasible || (fabs(s1.value - s2.value) < 1e-9 &&
				      smb_knapsack_check(&p, x2, &v) && fabs(v - s2.value) < 1e-9)))
			agree++;
		else
			printf("# trial %d: built-in %g (feasible %d), glpk %g (feasible %d) %s\n", t,
			       s1.value, s1.feasible, s2.value, s2.feasible, err);
	}
	is_int(agree, trials, "random instances with side constraints: GLPK = built-in solver");
}

int main(void)
{
	const char *top = getenv("top_builddir");
	const char *data = getenv("SMB_TEST_DATA");
	char so[4096], path[4096];
	snprintf(so, sizeof so, "%s/plugins/.libs/solver-glpk.so", top && *top ? top : ".");
	snprintf(path, sizeof path, "%s/mknap1.txt", data && *data ? data : "tests/data");

	void *dl = dlopen(so, RTLD_NOW | RTLD_LOCAL);
	if (!ok(dl != NULL, "dlopen %s", so)) {
		printf("# %s\n", dlerror());
		return done_testing();
	}
	smb_plugin_init_fn init = (smb_plugin_init_fn)dlsym(dl, SMB_PLUGIN_INIT_SYMBOL);
	if (!ok(init != NULL, "the plugin exports %s", SMB_PLUGIN_INIT_SYMBOL)) {
		dlclose(dl);
		return done_testing();
	}
	smb_host host = {0};
	smb_host_api api = {
		.abi_version = SMB_PLUGIN_ABI_VERSION, .struct_size = sizeof(smb_host_api),
		.host = &host, .add_kind = add_kind, .add_metric = add_metric,
		.add_goalposts = add_goalposts, .add_rule = add_rule,
		.add_initiative = add_initiative, .add_solver = add_solver,
		.host_error = host_error, .get = get, .get_at = get_at, .period = text,
		.period_first = text, .period_last = text, .industry = text, .setting = setting,
		.rows = rows, .cell = cell, .model = model, .fail = fail};
	smb_plugin_info info = {0};
	is_int(init(&api, &info), SMB_PLUGIN_OK, "init succeeds");
	is_int(info.abi_version, SMB_PLUGIN_ABI_VERSION, "info: ABI version");
	is_str(info.name, "solver-glpk", "info: name");
	is_str(info.areas, "", "info: no areas");
	is_int(host.nsolvers, 1, "one solver registered");
	is_str(host.def.name, "glpk", "the solver is called glpk");

	static const double published[7] = {3800, 8706.1, 4015, 6120, 12400, 10618, 16537};
	for (int k = 0; k < 7 && host.nsolvers == 1; k++) {
		unsigned char x[64];
		smb_knapsack_solution s = {.x = x};
		double file_opt = 0;
		int rc = solve_file(&host.def, path, k, 0, &s, &file_opt);
		ok(rc == 0 && s.feasible && s.optimal, "mknap1 #%d: GLPK proves optimality (%zu nodes)",
		   k + 1, s.nodes);
		is_num(s.value, published[k], 1e-6, "mknap1 #%d: optimum %g", k + 1, published[k]);
	}
	if (host.nsolvers == 1) {
		test_side(&host.def);
		test_random(&host.def);
		/* Chu-Beasley 100 x 5 #13 (optimum 41968) is far from done in 50 ms */
		unsigned char x[100];
		smb_knapsack_solution s = {.x = x};
		double unused;
		snprintf(path, sizeof path, "%s/mknapcb1.txt", data && *data ? data : "tests/data");
		int rc = solve_file(&host.def, path, 12, 0.05, &s, &unused);
		ok(rc == 0 && !s.optimal, "glpk: time limit stops the search unproven");
		ok(rc == 0 && (!s.feasible || (s.value <= 41968 && s.bound >= 41968)),
		   "glpk: time limit: value %g <= optimum 41968 <= bound %g (feasible %d)",
		   s.value, s.bound, s.feasible);
	}

	/* a host too old to have add_solver is refused, not crashed into */
	smb_host_api old = api;
	old.struct_size = (uint32_t)offsetof(smb_host_api, add_solver);
	smb_host h2 = {0};
	old.host = &h2;
	ok(init(&old, &info) == SMB_PLUGIN_ERROR && h2.nsolvers == 0,
	   "init refuses a host table without add_solver");
	dlclose(dl);
	return done_testing();
}
