/* plugins/operations/replenish.c — replenishment arithmetic of the inventory
 * analysis: the normal quantile behind safety stock, demand statistics, the
 * reorder point and the economic order quantity (Chopra & Meindl, Supply Chain
 * Management, chapters on cycle and safety inventory). */
#include "inventory.h"

#include <math.h>

#define DAYS_PER_MONTH (365.0 / 12.0)
#define SQRT_2PI 2.5066282746310002

static double norm_cdf(double x)
{
	return 0.5 * erfc(-x / sqrt(2.0));
}

double smb_inv_norm_quantile(double p)
{
	double lo = -40, hi = 40, x = 0;

	if (!(p > 0 && p < 1))
		return NAN;
	/* Φ is increasing, so [lo, hi] keeps bracketing the root; a Newton step
	 * that leaves the bracket (far tails, where the density underflows) is
	 * replaced by bisection. */
	for (int i = 0; i < 200; i++) {
		double f = norm_cdf(x) - p;
		double dens = exp(-0.5 * x * x) / SQRT_2PI;
		double next;

		if (f == 0)
			return x;
		if (f > 0)
			hi = x;
		else
			lo = x;
		next = dens > 0 ? x - f / dens : NAN;
		if (!(next > lo && next < hi))
			next = 0.5 * (lo + hi);
		if (fabs(next - x) <= 1e-15 * (1 + fabs(x)))
			return next;
		x = next;
	}
	return x;
}

void smb_inv_demand_stats(const double *d, size_t n, double *mean, double *sd)
{
	double m = 0, ss = 0;

	for (size_t i = 0; i < n; i++)
		m += d[i];
	m = n ? m / (double)n : 0;
	/* two passes: the sum-of-squares shortcut loses digits when σ << μ */
	for (size_t i = 0; i < n; i++)
		ss += (d[i] - m) * (d[i] - m);
	*mean = m;
	*sd = n >= 2 ? sqrt(ss / (double)(n - 1)) : 0;
}

double smb_inv_reorder_point(double mean, double sd, double lead_days, double z)
{
	double lm = lead_days / DAYS_PER_MONTH;

	if (lm <= 0)
		return 0;
	return mean * lm + z * sd * sqrt(lm);
}

double smb_inv_eoq(double annual_demand, double order_cost, double holding_rate,
                   double unit_cost)
{
	if (!(annual_demand > 0 && order_cost > 0 && holding_rate > 0 && unit_cost > 0))
		return 0;
	return sqrt(2 * annual_demand * order_cost / (holding_rate * unit_cost));
}
