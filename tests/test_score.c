/* tests/test_score.c — the scoring math against the composite-indicator
 * reference values used by COINr's test suite, and the maturity levels. */
#include <math.h>

#include "facts.h"
#include "score.h"
#include "tap.h"

/* Applicability by industry: a list, a list that leaves some out ("!x"),
 * and none (README "Applicability"). */
static void test_applies(void)
{
	char *only[] = { "retail", "e-commerce" }, *but[] = { "!saas" }, *mixed[] = { "retail", "!retail" };
	smb_facts stock = smb_fact_bit("stock");

	ok(smb_applies(NULL, 0, 0, "saas", 0), "no list: every industry");
	ok(smb_applies(only, 2, 0, "retail", 0) && !smb_applies(only, 2, 0, "saas", 0), "a list: those industries only");
	ok(!smb_applies(but, 1, 0, "saas", 0), "!saas leaves SaaS out");
	ok(smb_applies(but, 1, 0, "services", 0) && smb_applies(but, 1, 0, "other", 0), "and keeps every other industry");
	ok(!smb_applies(mixed, 2, 0, "retail", 0), "an industry both listed and left out is out");
	ok(!smb_applies(but, 1, stock, "retail", 0) && smb_applies(but, 1, stock, "retail", stock),
	   "facts still decide with an exclusion list");
}

int main(void)
{
	test_applies();
	smb_goalposts up = { .worst = 0, .best = 10 }, down = { .worst = 10, .best = 0 };
	smb_goalposts bands = { .worst = 0, .best = 100, .has_bands = 1, .bands = { 0, 10, 30, 60, 100 } };
	smb_goalposts lower_bands = { .has_bands = 1, .bands = { 90, 60, 45, 30, 10 } };
	double nan = NAN, cov;

	/* goalposts [0,10]: x=1 -> 10, 11 -> 100 (clamped), -1 -> 0 */
	is_num(smb_score(&up, 1), 10, 1e-12, "goalposts 0..10: x=1 scores 10");
	is_num(smb_score(&up, 11), 100, 1e-12, "x=11 is clamped to 100");
	is_num(smb_score(&up, -1), 0, 1e-12, "x=-1 is clamped to 0");
	is_num(smb_score(&down, 1), 90, 1e-12, "lower is better: x=1 scores 90");
	is_num(smb_score(&down, -1), 100, 1e-12, "lower is better: x=-1 scores 100");
	is_num(smb_score(&down, 11), 0, 1e-12, "lower is better: x=11 scores 0");
	ok(isnan(smb_score(&up, NAN)), "a missing value has no score");

	/* bands: piecewise linear through (0,0) (10,25) (30,50) (60,75) (100,100) */
	is_num(smb_score(&bands, 5), 12.5, 1e-12, "bands: halfway into the first band");
	is_num(smb_score(&bands, 20), 37.5, 1e-12, "bands: halfway into the second band");
	is_num(smb_score(&bands, 45), 62.5, 1e-12, "bands: halfway into the third band");
	is_num(smb_score(&bands, 200), 100, 1e-12, "bands: above the top");
	is_num(smb_score(&lower_bands, 52.5), 37.5, 1e-12, "falling bands: halfway between 60 and 45");
	is_num(smb_score(&lower_bands, 5), 100, 1e-12, "falling bands: below the best");

	/* weighted arithmetic mean, renormalised over what is present */
	{
		double s[] = { 10, nan, 40 }, w[] = { 1, 2, 3 };
		is_num(smb_weighted_mean(s, w, 3, &cov), (10 * 1 + 40 * 3) / 4.0, 1e-12, "weighted mean skips the missing score");
		is_num(cov, 4.0 / 6.0, 1e-12, "coverage is the weight share present");
	}
	{
		double s[] = { nan, nan };
		ok(isnan(smb_weighted_mean(s, NULL, 2, &cov)) && cov == 0, "nothing present: no mean, coverage 0");
	}
	/* geometric mean: of 1,2,3 = 6^(1/3); weights 1,1,2 = (1*2*3^2)^(1/4) */
	{
		double s[] = { 1, 2, 3 }, w[] = { 1, 1, 2 };
		is_num(smb_weighted_geomean(s, NULL, 3, &cov), cbrt(6.0), 1e-12, "geometric mean of 1,2,3");
		is_num(smb_weighted_geomean(s, w, 3, &cov), pow(1 * 2 * 9, 0.25), 1e-12, "weighted geometric mean");
	}
	{
		double s[] = { 0, 50 };
		is_num(smb_weighted_geomean(s, NULL, 2, &cov), 0, 1e-12, "a zero makes the geometric mean zero");
	}
	/* weakest link: the mean capped at the lowest + 20 */
	{
		double s[] = { 90, 80, 30 };
		is_num(smb_aggregate_scores(SMB_AGG_WEAKEST_LINK, s, NULL, 3, &cov), 50, 1e-12, "weakest link caps at 30 + 20");
		is_num(smb_aggregate_scores(SMB_AGG_ARITHMETIC, s, NULL, 3, &cov), 200.0 / 3, 1e-12, "arithmetic mean");
		double t[] = { 60, 70 };
		is_num(smb_aggregate_scores(SMB_AGG_WEAKEST_LINK, t, NULL, 2, &cov), 65, 1e-12, "no cap when close together");
	}
	is_str(smb_level(0), "Initial", "0 is Initial");
	is_str(smb_level(24.99), "Initial", "24.99 is Initial");
	is_str(smb_level(25), "Fundamental", "25 is Fundamental");
	is_str(smb_level(50), "Intermediate", "50 is Intermediate");
	is_str(smb_level(74.9), "Intermediate", "74.9 is Intermediate");
	is_str(smb_level(75), "Advanced", "75 is Advanced");
	is_str(smb_level(100), "Advanced", "100 is Advanced");
	ok(smb_level(NAN) == NULL, "no score, no level");
	{
		smb_aggregate m;
		ok(smb_aggregate_parse("geometric", &m) == 0 && m == SMB_AGG_GEOMETRIC, "parse geometric");
		ok(smb_aggregate_parse("median", &m) != 0, "refuse an unknown aggregation");
	}
	return done_testing();
}
