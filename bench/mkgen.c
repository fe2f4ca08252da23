/* bench/mkgen.c — bench/plan.sh's generator and driver: `gen` writes Chu & Beasley
 * (1998) instances (OR-Library text and CPLEX LP), `solve` times the built-in
 * solver, `glpk` times GLPK's C API, `lp` converts OR-Library files to LP. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "knapsack.h"

#ifdef WITH_GLPK
#include <glpk.h>
#endif

/* splitmix64: a fixed, portable sequence for a given seed */
static uint64_t rng_state;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static double rng_unit(void)
{
	return (double)(rng_next() >> 11) * (1.0 / 9007199254740992.0);
}

/* The same problem in CPLEX LP format, which glpsol reads with --lp. */
static int write_lp(const char *path, size_t n, size_t m, const double *c,
                    const double *w, const double *b)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "Maximize\n obj:");
	for (size_t j = 0; j < n; j++)
		fprintf(f, " + %.12g x%zu%s", c[j], j + 1, (j + 1) % 8 ? "" : "\n");
	fprintf(f, "\nSubject To\n");
	for (size_t i = 0; i < m; i++) {
		fprintf(f, " r%zu:", i + 1);
		for (size_t j = 0; j < n; j++)
			fprintf(f, " + %.12g x%zu%s", w[i * n + j], j + 1, (j + 1) % 8 ? "" : "\n");
		fprintf(f, " <= %.12g\n", b[i]);
	}
	fprintf(f, "Binary\n");
	for (size_t j = 0; j < n; j++)
		fprintf(f, " x%zu%s", j + 1, (j + 1) % 10 ? "" : "\n");
	fprintf(f, "\nEnd\n");
	return fclose(f) ? -1 : 0;
}

/* Chu & Beasley: w_ij uniform integer in [0, 1000]; b_i = alpha * sum_j w_ij;
 * c_j = sum_i w_ij / m + 500 q_j with q_j uniform in (0, 1), rounded. */
static int generate(size_t n, size_t m, double alpha, uint64_t seed, const char *prefix)
{
	double *w = malloc(n * m * sizeof(double)), *c = malloc(n * sizeof(double));
	double *b = malloc(m * sizeof(double));
	char path[4096];
	if (!w || !c || !b) {
		free(w), free(c), free(b);
		return -1;
	}
	rng_state = seed;
	for (size_t i = 0; i < m; i++) {
		double sum = 0;
		for (size_t j = 0; j < n; j++) {
			w[i * n + j] = (double)(rng_next() % 1001);
			sum += w[i * n + j];
		}
		b[i] = floor(alpha * sum);
	}
	for (size_t j = 0; j < n; j++) {
		double s = 0;
		for (size_t i = 0; i < m; i++)
			s += w[i * n + j];
		c[j] = floor(s / (double)m + 500.0 * rng_unit() + 0.5);
	}
	snprintf(path, sizeof path, "%s.txt", prefix);
	FILE *f = fopen(path, "w");
	if (!f)
		goto bad;
	fprintf(f, "1\n%zu %zu 0\n", n, m);
	for (size_t j = 0; j < n; j++)
		fprintf(f, "%.12g%c", c[j], (j + 1) % 10 && j + 1 < n ? ' ' : '\n');
	for (size_t i = 0; i < m; i++)
		for (size_t j = 0; j < n; j++)
			fprintf(f, "%.12g%c", w[i * n + j], (j + 1) % 10 && j + 1 < n ? ' ' : '\n');
	for (size_t i = 0; i < m; i++)
		fprintf(f, "%.12g%c", b[i], i + 1 < m ? ' ' : '\n');
	if (fclose(f))
		goto bad;
	snprintf(path, sizeof path, "%s.lp", prefix);
	if (write_lp(path, n, m, c, w, b))
		goto bad;
	free(w), free(c), free(b);
	return 0;
bad:
	fprintf(stderr, "mkgen: %s: %s\n", path, strerror(errno));
	free(w), free(c), free(b);
	return -1;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0->tv_nsec);
}

static int read_nums(FILE *f, double *v, size_t k)
{
	for (size_t i = 0; i < k; i++)
		if (fscanf(f, "%lf", &v[i]) != 1)
			return -1;
	return 0;
}

/* Solve every problem of an OR-Library file; one line per problem. */
static int solve_file(const char *path, double tlim, long only, const char *lp_prefix)
{
	FILE *f = fopen(path, "r");
	int np, rc = 0;
	if (!f || fscanf(f, "%d", &np) != 1) {
		fprintf(stderr, "mkgen: cannot read %s\n", path);
		if (f)
			fclose(f);
		return 1;
	}
	for (int k = 0; k < np; k++) {
		size_t n, m;
		double opt;
		if (fscanf(f, "%zu %zu %lf", &n, &m, &opt) != 3) {
			rc = 1;
			break;
		}
		double *c = malloc(n * sizeof(double)), *w = malloc(n * m * sizeof(double));
		double *b = malloc(m * sizeof(double));
		unsigned char *x = malloc(n);
		if (!c || !w || !b || !x || read_nums(f, c, n) || read_nums(f, w, n * m) ||
		    read_nums(f, b, m)) {
			free(c), free(w), free(b), free(x);
			rc = 1;
			break;
		}
		if (lp_prefix && (only < 0 || only == k)) {
			char out[4096];
			snprintf(out, sizeof out, "%s%d.lp", lp_prefix, k + 1);
			if (write_lp(out, n, m, c, w, b)) {
				fprintf(stderr, "mkgen: cannot write %s\n", out);
				rc = 1;
			}
		} else if (only < 0 || only == k) {
			smb_knapsack_problem p = {.n = n, .m = m, .value = c, .weight = w,
						  .capacity = b, .time_limit = tlim};
			smb_knapsack_solution s = {.x = x};
			char err[256];
			struct timespec t0;
			clock_gettime(CLOCK_MONOTONIC, &t0);
			if (smb_knapsack_solve(&p, &s, err, sizeof err)) {
				fprintf(stderr, "mkgen: %s\n", err);
				rc = 1;
			}
			double secs = seconds_since(&t0);
			printf("%d value %.10g bound %.10g optimal %d nodes %zu seconds %.6f published %.10g\n",
			       k + 1, s.value, s.bound, s.optimal, s.nodes, secs, opt);
		}
		free(c), free(w), free(b), free(x);
	}
	fclose(f);
	return rc;
}

#ifdef WITH_GLPK
/* What glpsol does by default (simplex on the relaxation, then glp_intopt
 * without presolve), timed without the process start and file reading. */
static int glpk_file(const char *path, double tlim)
{
	glp_prob *P = glp_create_prob();
	glp_term_out(GLP_OFF);
	if (glp_read_lp(P, NULL, path)) {
		fprintf(stderr, "mkgen: cannot read %s\n", path);
		glp_delete_prob(P);
		return 1;
	}
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	glp_smcp sp;
	glp_iocp ip;
	glp_init_smcp(&sp);
	glp_init_iocp(&ip);
	if (tlim > 0) {
		sp.tm_lim = (int)(tlim * 1000);
		ip.tm_lim = (int)(tlim * 1000);
	}
	int rc = glp_simplex(P, &sp);
	if (rc == 0)
		rc = glp_intopt(P, &ip);
	double secs = seconds_since(&t0);
	printf("1 value %.10g status %s rc %d seconds %.6f\n", glp_mip_obj_val(P),
	       glp_mip_status(P) == GLP_OPT ? "optimal" : glp_mip_status(P) == GLP_FEAS ? "feasible" : "other",
	       rc, secs);
	glp_delete_prob(P);
	return 0;
}
#endif

int main(int argc, char **argv)
{
	if (argc >= 7 && strcmp(argv[1], "gen") == 0) {
		size_t n = strtoul(argv[2], NULL, 10), m = strtoul(argv[3], NULL, 10);
		double alpha = strtod(argv[4], NULL);
		uint64_t seed = strtoull(argv[5], NULL, 10);
		return generate(n, m, alpha, seed, argv[6]) ? 1 : 0;
	}
	if (argc >= 3 && strcmp(argv[1], "solve") == 0)
		return solve_file(argv[2], argc > 3 ? strtod(argv[3], NULL) : 0,
				  argc > 4 ? strtol(argv[4], NULL, 10) - 1 : -1, NULL);
	if (argc >= 4 && strcmp(argv[1], "lp") == 0)
		return solve_file(argv[2], 0, -1, argv[3]);
#ifdef WITH_GLPK
	if (argc >= 3 && strcmp(argv[1], "glpk") == 0)
		return glpk_file(argv[2], argc > 3 ? strtod(argv[3], NULL) : 0);
#endif
	fprintf(stderr, "usage: mkgen gen N M TIGHTNESS SEED PREFIX\n"
			"       mkgen solve FILE [SECONDS [PROBLEM]]\n"
			"       mkgen lp FILE PREFIX   (PREFIX1.lp, PREFIX2.lp ... for glpsol)\n"
			"       mkgen glpk FILE.lp [SECONDS]   (built with -DWITH_GLPK -lglpk)\n");
	return 2;
}
