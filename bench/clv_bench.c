/* bench/clv_bench.c — times the BG/NBD and Gamma-Gamma fits on a simulated
 * cohort (the published CDNOW parameters, 39-week window, first purchases
 * spread over the first 12 weeks), and checks the fits recover the truth.
 * Usage: clv_bench [customers] [seed] [repeats] [dump-file] */
#include "../plugins/customer/clv.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* xoshiro256** seeded through splitmix64: a small generator of our own so
 * the cohort is the same on every platform and libc. */
static uint64_t rng_s[4];

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static void rng_seed(uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		rng_s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(void)
{
	uint64_t r = rotl(rng_s[1] * 5, 7) * 9, t = rng_s[1] << 17;
	rng_s[2] ^= rng_s[0];
	rng_s[3] ^= rng_s[1];
	rng_s[1] ^= rng_s[2];
	rng_s[0] ^= rng_s[3];
	rng_s[2] ^= t;
	rng_s[3] = rotl(rng_s[3], 45);
	return r;
}

/* uniform on (0, 1): never 0, so logs are safe */
static double unif(void)
{
	return ((double)(rng_next() >> 11) + 0.5) * 0x1.0p-53;
}

static double normal(void)
{
	double u, v, s;
	do {
		u = 2 * unif() - 1;
		v = 2 * unif() - 1;
		s = u * u + v * v;
	} while (s >= 1 || s == 0);
	return u * sqrt(-2 * log(s) / s);
}

/* Gamma(shape k, rate): Marsaglia-Tsang, with the U^(1/k) boost below 1. */
static double gamma_rate(double k, double rate)
{
	double boost = 1.0;
	if (k < 1) {
		boost = pow(unif(), 1.0 / k);
		k += 1;
	}
	double d = k - 1.0 / 3, c = 1.0 / sqrt(9 * d);
	for (;;) {
		double z = normal(), v = 1 + c * z;
		if (v <= 0)
			continue;
		v = v * v * v;
		double u = unif();
		if (log(u) < 0.5 * z * z + d - d * v + d * log(v))
			return boost * d * v / rate;
	}
}

static double beta_draw(double a, double b)
{
	double x = gamma_rate(a, 1), y = gamma_rate(b, 1);
	return x / (x + y);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 25000;
	uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 10) : 19970930;
	int repeats = argc > 3 ? atoi(argv[3]) : 21;
	const char *dump = argc > 4 ? argv[4] : NULL;
	const double r = 0.2425945, alpha = 4.4136019, a = 0.7929199, b = 2.4258881;
	const double p = 6.25, q = 3.74, gam = 15.44;
	char err[512];

	if (n < 2 || repeats < 1) {
		fprintf(stderr, "usage: clv_bench [customers>=2] [seed] [repeats>=1] [dump-file]\n");
		return 2;
	}
	smb_clv_customer *c = calloc(n, sizeof *c);
	smb_clv_result *res = calloc(n, sizeof *res);
	double *tb = malloc((size_t)repeats * sizeof *tb), *tg = malloc((size_t)repeats * sizeof *tg);
	if (!c || !res || !tb || !tg) {
		fprintf(stderr, "clv_bench: out of memory\n");
		return 1;
	}

	/* The BG/NBD process: alive at the first purchase; purchases at rate
	 * lambda; after each repeat purchase, gone with probability p_drop.
	 * Spend per repeat purchase ~ Gamma(p, nu), nu ~ Gamma(q, gamma). */
	rng_seed(seed);
	size_t repeaters = 0;
	double purchases = 0;
	for (size_t i = 0; i < n; i++) {
		double t0 = 12.0 * unif(), T = 39.0 - t0, t = 0;
		double lambda = gamma_rate(r, alpha), pd = beta_draw(a, b);
		double nu = gamma_rate(q, gam), spend = 0;
		int x = 0;
		double tx = 0;
		for (;;) {
			t += -log(unif()) / lambda;
			if (t > T)
				break;
			x++;
			tx = t;
			spend += gamma_rate(p, nu);
			if (unif() < pd)
				break;
		}
		c[i].x = x;
		c[i].t_x = tx;
		c[i].T = T;
		c[i].mean_value = x ? spend / x : 0;
		c[i].monetary_total = spend;
		repeaters += x > 0;
		purchases += x;
	}
	printf("cohort: %zu customers, %zu repeat customers, %.0f repeat purchases (seed %llu)\n",
	       n, repeaters, purchases, (unsigned long long)seed);

	smb_bgnbd bg;
	smb_gg gg;
	for (int k = 0; k < repeats; k++) {
		double t1 = now();
		if (smb_bgnbd_fit(c, n, &bg, err, sizeof err) != 0) {
			fprintf(stderr, "clv_bench: %s\n", err);
			return 1;
		}
		double t2 = now();
		if (smb_gg_fit(c, n, &gg, err, sizeof err) != 0) {
			fprintf(stderr, "clv_bench: %s\n", err);
			return 1;
		}
		double t3 = now();
		tb[k] = t2 - t1;
		tg[k] = t3 - t2;
	}
	double both[1024];
	int nb = repeats < 1024 ? repeats : 1024;
	for (int k = 0; k < nb; k++)
		both[k] = tb[k] + tg[k];
	qsort(tb, (size_t)repeats, sizeof *tb, cmp_double);
	qsort(tg, (size_t)repeats, sizeof *tg, cmp_double);
	qsort(both, (size_t)nb, sizeof *both, cmp_double);

	printf("BG/NBD  truth  r=%.4f alpha=%.4f a=%.4f b=%.4f\n", r, alpha, a, b);
	printf("BG/NBD  fitted r=%.4f alpha=%.4f a=%.4f b=%.4f LL=%.3f (%d Newton iterations)\n",
	       bg.r, bg.alpha, bg.a, bg.b, bg.loglik, bg.iterations);
	printf("Gamma-Gamma truth  p=%.3f q=%.3f gamma=%.3f\n", p, q, gam);
	printf("Gamma-Gamma fitted p=%.3f q=%.3f gamma=%.3f LL=%.3f on %zu customers (%d iterations)\n",
	       gg.p, gg.q, gg.gamma, gg.loglik, gg.customers, gg.iterations);
	printf("fit wall time over %d runs (median, min):\n", repeats);
	printf("  BG/NBD       %8.2f ms %8.2f ms\n", 1e3 * tb[repeats / 2], 1e3 * tb[0]);
	printf("  Gamma-Gamma  %8.2f ms %8.2f ms\n", 1e3 * tg[repeats / 2], 1e3 * tg[0]);
	printf("  both         %8.2f ms %8.2f ms   (goal: under 100 ms)\n",
	       1e3 * both[nb / 2], 1e3 * both[0]);

	smb_clv_options opt;
	smb_clv_options_default(&opt);
	double t1 = now();
	if (smb_clv_score(&bg, &gg, c, n, &opt, res, err, sizeof err) != 0) {
		fprintf(stderr, "clv_bench: %s\n", err);
		return 1;
	}
	double t2 = now(), total = 0;
	for (size_t i = 0; i < n; i++)
		total += res[i].clv;
	printf("CLV (12 months, 1%%/month) for all customers: %.2f ms, mean %.3f\n",
	       1e3 * (t2 - t1), total / n);

	if (dump) {
		FILE *f = fopen(dump, "w");
		if (!f) {
			fprintf(stderr, "clv_bench: cannot write %s\n", dump);
			return 1;
		}
		for (size_t i = 0; i < n; i++)
			fprintf(f, "%.0f %.17g %.17g %.17g\n", c[i].x, c[i].t_x, c[i].T, c[i].mean_value);
		fclose(f);
	}
	free(c);
	free(res);
	free(tb);
	free(tg);
	return 0;
}
