/* tests/test_forecast.c — exponential smoothing against the statsmodels values
 * in tests/data/README.md, hand-computed SSEs, and fits on real monthly
 * series (shampoo, champagne) that must really minimise and choose by AICc. */
#include "forecast.h"
#include "forecast_fit.h"
#include "tap.h"

#include <complex.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const double z95 = 1.959963984540054;

/* Reads the second column of a two-column CSV with a header line (the
 * test data files: quoted month, number; CRLF or LF). */
static size_t read_series(const char *file, double *y, size_t cap)
{
	char path[4096], line[256];
	const char *dir = getenv("SMB_TEST_DATA");
	const char *top = getenv("top_srcdir");
	if (dir && *dir)
		snprintf(path, sizeof path, "%s/%s", dir, file);
	else
		snprintf(path, sizeof path, "%s/tests/data/%s", top ? top : ".", file);
	FILE *f = fopen(path, "r");
	size_t n = 0;
	if (!f) {
		printf("# cannot open %s\n", path);
		return 0;
	}
	if (fgets(line, sizeof line, f))
		while (n < cap && fgets(line, sizeof line, f)) {
			char *comma = strrchr(line, ','), *end;
			if (!comma)
				continue;
			double v = strtod(comma + 1, &end);
			if (end != comma + 1)
				y[n++] = v;
		}
	fclose(f);
	return n;
}

static smb_fc_params unset(void)
{
	smb_fc_params p;
	smb_fc_params_unset(&p);
	return p;
}

static double fit_sse(const double *y, size_t n, size_t m, smb_fc_method meth,
                      const smb_fc_params *p, double *aicc)
{
	smb_fc_result r;
	char err[256];
	if (smb_forecast(y, n, m, meth, p, 1, &r, err, sizeof err) < 0) {
		printf("# %s: %s\n", smb_fc_method_name(meth), err);
		return NAN;
	}
	double sse = r.sse;
	if (aicc)
		*aicc = r.aicc;
	smb_fc_result_free(&r);
	return sse;
}

/* (hi95 - value) / z95 gives σ_h; over σ² that must be 1 + Σ ψ_j² with the
 * ψ-weights of the model written out term by term, which is how the closed
 * forms in forecast.c were derived. */
static void check_variance(const smb_fc_result *r, const char *what)
{
	const smb_fc_params *p = &r->params;
	double a = p->alpha, b = r->method == 0 ? 0 : p->alpha * p->beta;
	double phi = r->method == 2 ? p->phi : 1, worst = 0;
	for (size_t h = 1; h <= r->h; h++) {
		double want = 1;
		for (size_t j = 1; j < h; j++) {
			double damp = 0, pw = 1;
			for (size_t i = 1; i <= j; i++)
				damp += pw *= phi;
			double psi = a + b * damp;
			if (r->method == 3 && j % r->season == 0)
				psi += p->gamma;
			want += psi * psi;
		}
		double sd = (r->hi95[h - 1] - r->value[h - 1]) / z95;
		double got = sd * sd / r->sigma2;
		worst = fmax(worst, fabs(got / want - 1));
	}
	ok(worst < 1e-9, "%s: interval variance = σ²(1 + Σψ²) for h = 1..%zu (worst rel. %.2g)",
	   what, r->h, worst);
}

static void test_published(void)
{
	static const double oil[] = { 446.6565229, 454.4733065, 455.6629740, 423.6322388,
		456.2713279, 440.5880501, 425.3325201, 485.1494479, 506.0481621,
		526.7919833, 514.2688890, 494.2110193 };
	static const double air[] = { 17.5534, 21.8601, 23.8866, 26.9293, 26.8885,
		28.8314, 30.0751, 30.9535, 30.1857, 31.5797, 32.577569, 33.477398,
		39.021581, 41.386432, 41.596552 };
	static const double air_fc[] = { 43.76, 45.59, 47.43, 49.27, 51.10 };
	smb_fc_params p = unset();
	smb_fc_result r;
	char err[256];

	p.alpha = 0.2;
	p.level0 = oil[0];
	ok(smb_forecast(oil, 12, 0, SMB_FC_SES, &p, 1, &r, err, sizeof err) == 0, "SES oildata α=0.2");
	is_num(r.value[0], 484.802468, 1e-5, "SES oildata α=0.2: one-step forecast 484.802468");
	is_num(r.fitted[0], oil[0], 1e-12, "SES: first fitted value is level0");
	is_int(r.k, 1, "SES with everything held estimates only σ²");
	smb_fc_result_free(&r);
	p.alpha = 0.6;
	ok(smb_forecast(oil, 12, 0, SMB_FC_SES, &p, 1, &r, err, sizeof err) == 0, "SES oildata α=0.6");
	is_num(r.value[0], 501.837461, 1e-5, "SES oildata α=0.6: one-step forecast 501.837461");
	smb_fc_result_free(&r);

	/* README: l0 = y0, b0 = y1 - y0, standing before y0 (so ŷ_1 = y1). */
	p = unset();
	p.alpha = 0.8;
	p.beta = 0.2;
	p.level0 = air[0];
	p.trend0 = air[1] - air[0];
	ok(smb_forecast(air, 15, 0, SMB_FC_HOLT, &p, 5, &r, err, sizeof err) == 0, "Holt ausair");
	for (int h = 0; h < 5; h++)
		is_num(r.value[h], air_fc[h], 0.01, "Holt ausair α=0.8 β=0.2: h=%d forecast %.2f (got %.4f)",
		       h + 1, air_fc[h], r.value[h]);
	is_num(r.fitted[0], air[1], 1e-9, "Holt: first fitted value is level0 + trend0");
	check_variance(&r, "Holt ausair");
	smb_fc_result_free(&r);
}

static void test_by_hand(void)
{
	static const double y[] = { 10, 12, 11, 13, 12 };
	static const double z[] = { 1, 3, 4, 6, 9 };
	smb_fc_params p = unset();
	smb_fc_result r;
	char err[256];

	/* SES, α = 0.5, l0 = 10:
	 *   t  y   ŷ   e   l = ŷ + e/2
	 *   1  10  10  0   10
	 *   2  12  10  2   11
	 *   3  11  11  0   11
	 *   4  13  11  2   12
	 *   5  12  12  0   12      SSE = 4 + 4 = 8, next forecast 12. */
	p.alpha = 0.5;
	p.level0 = 10;
	ok(smb_forecast(y, 5, 0, SMB_FC_SES, &p, 2, &r, err, sizeof err) == 0, "SES by hand");
	is_num(r.sse, 8, 1e-12, "SES by hand: SSE 8");
	is_num(r.value[0], 12, 1e-12, "SES by hand: forecast 12");
	/* σ² = 8 / 5, nothing estimated (R's ets: Σe² / (n - estimated values));
	 * h = 2: variance σ²(1 + α²) = 1.6 · 1.25 = 2. */
	is_num(r.hi95[1] - r.value[1], z95 * sqrt(2.0), 1e-12, "SES by hand: 95%% half-width at h=2");
	smb_fc_result_free(&r);

	/* Holt, α = β = 0.5, l0 = 0, b0 = 1:
	 *   t  y  ŷ = l+b    e          l = ŷ + e/2   b = (l - l_prev)/2 + b_prev/2
	 *   1  1  1          0          1             0.5 + 0.5       = 1
	 *   2  3  2          1          2.5           0.75 + 0.5      = 1.25
	 *   3  4  3.75       0.25       3.875         0.6875 + 0.625  = 1.3125
	 *   4  6  5.1875     0.8125     5.59375       0.859375 + 0.65625 = 1.515625
	 *   5  9  7.109375   1.890625
	 *   SSE = 0 + 1 + 0.0625 + 0.66015625 + 3.574462890625 = 5.297119140625 */
	p = unset();
	p.alpha = 0.5;
	p.beta = 0.5;
	p.level0 = 0;
	p.trend0 = 1;
	ok(smb_forecast(z, 5, 0, SMB_FC_HOLT, &p, 1, &r, err, sizeof err) == 0, "Holt by hand");
	is_num(r.sse, 5.297119140625, 1e-12, "Holt by hand: SSE 5.297119140625");
	is_num(r.fitted[4], 7.109375, 1e-12, "Holt by hand: fifth fitted value 7.109375");
	smb_fc_result_free(&r);

	/* Damped, same with φ = 0.5: ŷ_1 = 0 + 0.5 = 0.5, e = 0.5, l = 0.75,
	 * b = 0.375 + 0.25 = 0.625; ŷ_2 = 0.75 + 0.3125 = 1.0625, e = 1.9375.
	 * On the first two values SSE = 0.25 + 3.75390625 = 4.00390625. */
	p.phi = 0.5;
	ok(smb_forecast(z, 3, 0, SMB_FC_DAMPED, &p, 1, &r, err, sizeof err) == 0, "damped by hand");
	is_num(r.fitted[0], 0.5, 1e-12, "damped by hand: ŷ_1 = level0 + φ·trend0");
	is_num(r.fitted[1], 1.0625, 1e-12, "damped by hand: ŷ_2 = 1.0625");
	smb_fc_result_free(&r);
}

static void test_errors(void)
{
	static const double y[] = { 1, 2, NAN, 4 };
	/* Quarterly, with a negative value: hw-mul does not apply to it. */
	static const double neg[] = { 3, -1, 2, 5, 3, 1, 2, 6, 4, 0, 3, 7, 5, 1, 3, 8 };
	smb_fc_params p = unset();
	smb_fc_result r;
	char err[256] = "";

	ok(smb_forecast(y, 4, 0, SMB_FC_SES, NULL, 1, &r, err, sizeof err) == -1 &&
	   strstr(err, "value 3"), "NaN refused (%s)", err);
	ok(smb_forecast(y, 2, 0, SMB_FC_SES, NULL, 1, &r, err, sizeof err) == -1 &&
	   strstr(err, "at least 3"), "n < 3 refused (%s)", err);
	ok(smb_forecast(neg, 8, 0, SMB_FC_SES, NULL, 0, &r, err, sizeof err) == -1 &&
	   strstr(err, "horizon"), "horizon 0 refused (%s)", err);
	ok(smb_forecast(neg, 8, 4, SMB_FC_HW_MUL, NULL, 1, &r, err, sizeof err) == -1 &&
	   strstr(err, "positive"), "hw-mul on a negative value refused (%s)", err);
	/* (40 - 4t) × a quarterly pattern: the level reaches 0 at t = 10. */
	double down[8];
	static const double pat[] = { 1.2, 0.8, 1.1, 0.9 };
	for (int t = 0; t < 8; t++)
		down[t] = (40 - 4 * t) * pat[t % 4];
	ok(smb_forecast(down, 8, 4, SMB_FC_HW_MUL, NULL, 8, &r, err, sizeof err) == -1 &&
	   strstr(err, "falls to zero"), "hw-mul refuses a forecast level below zero (%s)", err);
	p.beta = 0.1;
	ok(smb_forecast(neg, 8, 0, SMB_FC_SES, &p, 1, &r, err, sizeof err) == -1 &&
	   strstr(err, "beta"), "beta with ses refused (%s)", err);
	p = unset();
	p.alpha = 1.5;
	ok(smb_forecast(neg, 8, 0, SMB_FC_HOLT, &p, 1, &r, err, sizeof err) == -1 &&
	   strstr(err, "alpha"), "alpha out of range refused (%s)", err);
	p = unset();
	p.gamma = 0.1;
	ok(smb_forecast(neg, 16, 4, SMB_FC_AUTO, &p, 1, &r, err, sizeof err) == 0 &&
	   r.spec.season == 'A' && r.spec.error == 'A' && isnan(r.cand_aicc[SMB_FC_SES]) &&
	   isnan(r.cand_aicc[SMB_FC_HW_MUL]) && r.params.gamma == 0.1,
	   "auto with gamma held keeps to the additive seasonal models that apply (%s)", r.model);
	smb_fc_result_free(&r);

	smb_fc_method m;
	ok(smb_fc_method_parse("hw-mul", &m) == 0 && m == SMB_FC_HW_MUL &&
	   strcmp(smb_fc_method_name(SMB_FC_DAMPED), "damped") == 0 &&
	   smb_fc_method_parse("arima", &m) == -1, "method names");
}

static void test_shampoo(void)
{
	double y[64], sse[3], aicc[SMB_FC_NMETHODS];
	size_t n = read_series("shampoo.csv", y, 64);
	smb_fc_params held = unset(), free_ = unset();
	smb_fc_result r;
	char err[256];

	is_int((long long)n, 36, "shampoo: 36 monthly values");
	if (n != 36)
		return;
	for (int m = SMB_FC_SES; m <= SMB_FC_DAMPED; m++) {
		/* The same model with default parameters held (initial states still
		 * fitted), and with the heuristic states held too. */
		held = unset();
		held.alpha = 0.5;
		if (m != SMB_FC_SES)
			held.beta = 0.1;
		if (m == SMB_FC_DAMPED)
			held.phi = 0.9;
		double s_def = fit_sse(y, n, 12, m, &held, NULL);
		held.level0 = y[0];
		if (m != SMB_FC_SES)
			held.trend0 = y[1] - y[0];
		double s_heur = fit_sse(y, n, 12, m, &held, NULL);
		ok(smb_forecast(y, n, 12, m, &free_, 12, &r, err, sizeof err) == 0, "shampoo %s fit",
		   smb_fc_method_name(m));
		sse[m] = r.sse;
		ok(r.sse <= s_def && r.sse <= s_heur,
		   "shampoo %s: fitted SSE %.4f <= %.4f (defaults held) and %.4f (states held too)",
		   smb_fc_method_name(m), r.sse, s_def, s_heur);
		printf("# shampoo %s: alpha %.6g beta %.6g phi %.6g level0 %.6g trend0 %.6g "
		       "SSE %.6f AICc %.4f sigma2 %.4f k %d\n", smb_fc_method_name(m),
		       r.params.alpha, r.params.beta, r.params.phi, r.params.level0,
		       r.params.trend0, r.sse, r.aicc, r.sigma2, r.k);
		/* Nudging any fitted parameter must not lower the SSE: a minimum. */
		double worst = 0;
		double *pv[] = { &r.params.alpha, &r.params.beta, &r.params.phi };
		for (int i = 0; i <= m; i++)
			for (int sgn = -1; sgn <= 1; sgn += 2) {
				smb_fc_params q = unset();
				q.alpha = r.params.alpha;
				if (m != SMB_FC_SES)
					q.beta = r.params.beta;
				if (m == SMB_FC_DAMPED)
					q.phi = r.params.phi;
				double *qv[] = { &q.alpha, &q.beta, &q.phi };
				*qv[i] = *pv[i] + sgn * 1e-3;
				if (*qv[i] <= 0 || *qv[i] >= 1 || (i == 2 && (*qv[i] < 0.8 || *qv[i] > 0.98)))
					continue;
				worst = fmin(worst, fit_sse(y, n, 12, m, &q, NULL) - r.sse);
			}
		ok(worst >= -1e-6 * r.sse, "shampoo %s: no ±0.001 move of a parameter lowers the SSE "
		   "(best change %.3g)", smb_fc_method_name(m), worst);
		if (m == SMB_FC_DAMPED || m == SMB_FC_HOLT)
			check_variance(&r, m == SMB_FC_HOLT ? "shampoo Holt" : "shampoo damped");
		smb_fc_result_free(&r);
	}
	ok(sse[SMB_FC_HOLT] < sse[SMB_FC_SES], "shampoo: Holt SSE %.2f < SES SSE %.2f",
	   sse[SMB_FC_HOLT], sse[SMB_FC_SES]);

	/* auto against each method fitted on its own. */
	double lowest = INFINITY;
	int lowest_m = -1;
	for (int m = 0; m < SMB_FC_NMETHODS; m++) {
		fit_sse(y, n, 12, m, NULL, &aicc[m]);
		if (aicc[m] < lowest) {
			lowest = aicc[m];
			lowest_m = m;
		}
		printf("# shampoo AICc %s %.4f\n", smb_fc_method_name(m), aicc[m]);
	}
	/* R: ets(ts(shampoo, frequency = 12)) selects ETS(A,A,N), AICc 416.2237
	 * (with R's omitted constant n·(log(2π/n) + 1) added back). */
	ok(smb_forecast(y, n, 12, SMB_FC_AUTO, NULL, 6, &r, err, sizeof err) == 0, "shampoo auto");
	is_str(r.model, "ETS(A,A,N)", "shampoo auto picks R's model, ETS(A,A,N) (holt)");
	is_str(smb_fc_method_name(r.method), smb_fc_method_name(lowest_m),
	       "shampoo auto: the named method of lowest AICc");
	ok(r.aicc <= 416.223658 + 1e-6, "shampoo auto: AICc %.4f no worse than R's 416.2237", r.aicc);
	int same = 1;
	double least = INFINITY;
	for (int m = 0; m < SMB_FC_NMETHODS; m++)
		if (m != SMB_FC_HW_MUL)   /* R's ets leaves ETS(A,A,M) out */
			same &= fabs(r.cand_aicc[m] - aicc[m]) <= 1e-9 * fabs(aicc[m]);
	for (int i = 0; i < r.ncand; i++)
		least = fmin(least, r.cand_aic[i]);
	ok(same && isnan(r.cand_aicc[SMB_FC_HW_MUL]) && r.ncand == 15,
	   "shampoo auto: 15 models compared; the named ones match separate fits");
	is_num(r.aicc, least, 0, "shampoo auto: its AICc is the least of the %d compared", r.ncand);
	smb_fc_result_free(&r);
}

static void test_champagne(void)
{
	static double y[128];
	size_t n = read_series("monthly_champagne_sales.csv", y, 128);
	smb_fc_result r, rm;
	char err[256] = "";

	is_int((long long)n, 105, "champagne: 105 monthly values");
	if (n != 105)
		return;
	double holt = fit_sse(y, n, 12, SMB_FC_HOLT, NULL, NULL);
	ok(smb_forecast(y, n, 12, SMB_FC_HW_ADD, NULL, 24, &r, err, sizeof err) == 0, "champagne hw-add");
	ok(smb_forecast(y, n, 12, SMB_FC_HW_MUL, NULL, 24, &rm, err, sizeof err) == 0, "champagne hw-mul");
	ok(r.sse < holt && rm.sse < holt, "champagne: SSE hw-add %.4g and hw-mul %.4g < Holt %.4g",
	   r.sse, rm.sse, holt);
	printf("# champagne hw-add: alpha %.6g beta %.6g gamma %.6g SSE %.6g AICc %.4f\n",
	       r.params.alpha, r.params.beta, r.params.gamma, r.sse, r.aicc);
	printf("# champagne hw-mul: alpha %.6g beta %.6g gamma %.6g SSE %.6g AICc %.4f\n",
	       rm.params.alpha, rm.params.beta, rm.params.gamma, rm.sse, rm.aicc);
	double s0 = 0;
	for (size_t i = 0; i < 12; i++)
		s0 += rm.season0[i];
	is_num(s0, 12, 1e-9, "champagne hw-mul: the initial seasonal factors average 1");

	int order = 1, widen = 1, widen12 = 1;
	for (size_t h = 0; h < 24; h++) {
		for (int k = 0; k < 2; k++) {
			const smb_fc_result *q = k ? &rm : &r;
			order &= q->lo95[h] < q->lo80[h] && q->lo80[h] < q->value[h] &&
			         q->value[h] < q->hi80[h] && q->hi80[h] < q->hi95[h];
		}
		if (h)
			widen &= r.hi95[h] - r.lo95[h] > r.hi95[h - 1] - r.lo95[h - 1];
		/* hw-mul intervals scale with the season's factor, so they need not
		 * widen month to month: compare a month with the same month a year
		 * earlier. */
		if (h >= 12)
			widen12 &= rm.hi95[h] - rm.lo95[h] > rm.hi95[h - 12] - rm.lo95[h - 12];
	}
	ok(order, "champagne: lo95 < lo80 < value < hi80 < hi95 for h = 1..24, both methods");
	ok(widen, "champagne hw-add: intervals widen with h");
	ok(widen12, "champagne hw-mul: intervals widen year on year");
	is_num(rm.hi95[0] - rm.value[0], z95 * sqrt(rm.sigma2), 1e-9 * rm.value[0],
	       "champagne hw-mul: the one-step interval is value ± z·σ");
	check_variance(&r, "champagne hw-add");
	printf("# champagne hw-add h=1: %.1f [%.1f, %.1f] 95%% [%.1f, %.1f]\n",
	       r.value[0], r.lo80[0], r.hi80[0], r.lo95[0], r.hi95[0]);
	smb_fc_result_free(&r);
	smb_fc_result_free(&rm);

	ok(smb_forecast(y, 17, 12, SMB_FC_HW_ADD, NULL, 12, &r, err, sizeof err) == -1,
	   "champagne: 17 values are too few for hw-add");
	is_str(err, "ETS(A,A,A) needs at least 2 full seasons (24 monthly values); got 17",
	       "champagne: the message says what is needed");
	ok(smb_forecast(y, 17, 12, SMB_FC_AUTO, NULL, 12, &r, err, sizeof err) == 0 &&
	   r.method != SMB_FC_HW_ADD && r.method != SMB_FC_HW_MUL, "champagne: auto on 17 values skips the seasonal methods (%s)",
	   smb_fc_method_name(r.method));
	smb_fc_result_free(&r);
}

/* A series of R's datasets package from tests/data (see its README). */
static size_t read_ref(const char *name, double *y, size_t cap)
{
	char path[4096], line[256];
	const char *dir = getenv("SMB_TEST_DATA");
	snprintf(path, sizeof path, "%s/%s.csv", dir && *dir ? dir : "tests/data", name);
	FILE *f = fopen(path, "r");
	size_t n = 0;
	if (!f) {
		printf("# cannot open %s\n", path);
		return 0;
	}
	if (fgets(line, sizeof line, f))
		while (n < cap && fgets(line, sizeof line, f)) {
			char *comma = strchr(line, ',');
			if (comma)
				y[n++] = strtod(comma + 1, NULL);
		}
	fclose(f);
	return n;
}

/* Against R's forecast::ets (forecast 8.20, R 4.2.2). Each figure comes from
 *   Rscript -e 'library(forecast); f <- ets(NAME); f$method; f$aicc +
 *               n * (log(2 * pi / n) + 1); sum((NAME - fitted(f))^2)'
 * R leaves the constant n·(log(2π/n) + 1) out of its likelihood; added back,
 * its AICc is the one smbopt reports. smbopt must choose R's model and reach
 * an AICc no worse than R's. */
static void test_r_reference(void)
{
	static double y[600];
	smb_fc_result r;
	smb_fc_spec sp, zzz = { 'Z', 'Z', 'Z' };
	char err[256] = "";   /* printed by the ok() of a call that succeeds */
	static const struct { const char *name; size_t m, n; const char *model; double aicc; } ref[] = {
		{ "nottem", 12, 240, "ETS(A,N,A)", 1102.824158 },
		{ "USAccDeaths", 12, 72, "ETS(A,N,A)", 1045.123287 },
		{ "fdeaths", 12, 72, "ETS(M,N,M)", 813.797655 },
		{ "UKgas", 4, 108, "ETS(M,A,M)", 1057.378845 },
		{ "JohnsonJohnson", 4, 84, "ETS(M,A,A)", 32.264688 },
		{ "Nile", 1, 100, "ETS(M,N,N)", 1281.822604 },
	};

	/* Mauna Loa CO2, Holt: R reaches SSE 402.809439 at α = 0.9999, β = 0.9999
	 * (ets(co2, model = "AAN", damped = FALSE)); one start settled at
	 * β* = 0.0001 with SSE 678.4. R's 95% interval at h = 12 is 93.106959 wide. */
	size_t n = read_ref("co2", y, 600);
	ok(n == 468, "co2: 468 months");
	smb_fc_model_parse("AAN", &sp);
	ok(smb_ets(y, n, 12, &sp, NULL, 12, &r, err, sizeof err) == 0, "co2 Holt (%s)", err);
	ok(r.sse <= 402.809439, "co2 Holt: SSE %.4f no worse than R's 402.8094", r.sse);
	ok(r.params.beta > 0.9, "co2 Holt: β* %.4f, not the local optimum at 0.0001", r.params.beta);
	double w = r.hi95[11] - r.lo95[11];
	ok(fabs(w / 93.106959 - 1) < 0.05, "co2 Holt: 95%% interval at h = 12 is %.3f wide, R's 93.107", w);
	is_str(r.model, "ETS(A,A,N)", "co2 Holt is ETS(A,A,N)");
	ok(r.method == SMB_FC_HOLT && !r.simulated, "co2 Holt: the holt method, analytic intervals");
	smb_fc_result_free(&r);

	for (size_t i = 0; i < sizeof ref / sizeof *ref; i++) {
		n = read_ref(ref[i].name, y, 600);
		ok(n == ref[i].n && smb_ets(y, n, ref[i].m, &zzz, NULL, 10, &r, err, sizeof err) == 0,
		   "%s: %zu values, fitted (%s)", ref[i].name, n, err);
		is_str(r.model, ref[i].model, "%s: R's model", ref[i].name);
		ok(r.aicc <= ref[i].aicc + 1e-6, "%s: AICc %.4f no worse than R's %.4f", ref[i].name,
		   r.aicc, ref[i].aicc);
		int adm = r.params.alpha >= 1e-4 && r.params.alpha <= 0.9999;
		if (!isnan(r.params.gamma))
			adm &= r.params.gamma >= 1e-4 && r.params.gamma <= 1 - r.params.alpha + 1e-12;
		if (!isnan(r.params.beta))
			adm &= r.params.alpha * r.params.beta >= 1e-4 * (1 - 1e-9) && r.params.beta <= 1 + 1e-12;
		ok(adm, "%s: inside R's bounds (α %.4g, β %.4g, γ %.4g)", ref[i].name,
		   r.params.alpha, r.params.alpha * r.params.beta, r.params.gamma);
		ok(r.simulated == (r.spec.season == 'M'), "%s: intervals %s", ref[i].name,
		   r.simulated ? "simulated" : "analytic");
		smb_fc_result_free(&r);
	}

	/* Class 2, analytic: R's forecast(ets(Nile, model = "MNN"), h = 10) has
	 * mean 838.875161 and 95% interval [558.743556, 1119.006767] at h = 10. */
	n = read_ref("Nile", y, 600);
	smb_fc_model_parse("MNN", &sp);
	ok(smb_ets(y, n, 1, &sp, NULL, 10, &r, err, sizeof err) == 0 && !r.simulated, "Nile ETS(M,N,N)");
	is_num(r.value[9], 838.875161, 0.5, "Nile MNN: h = 10 forecast %.3f, R 838.875", r.value[9]);
	is_num(r.lo95[9], 558.743556, 1.5, "Nile MNN: h = 10 lower 95%% %.3f, R 558.744", r.lo95[9]);
	is_num(r.hi95[9], 1119.006767, 1.5, "Nile MNN: h = 10 upper 95%% %.3f, R 1119.007", r.hi95[9]);
	smb_fc_result_free(&r);

	/* Simulated intervals repeat from run to run (fixed seed), and are exact
	 * one step ahead. */
	n = read_ref("UKgas", y, 600);
	smb_fc_model_parse("MAM", &sp);
	smb_fc_result r2;
	ok(smb_ets(y, n, 4, &sp, NULL, 8, &r, err, sizeof err) == 0 &&
	   smb_ets(y, n, 4, &sp, NULL, 8, &r2, err, sizeof err) == 0 && r.simulated, "UKgas MAM twice");
	ok(memcmp(r.lo95, r2.lo95, 8 * sizeof *r.lo95) == 0 && memcmp(r.hi80, r2.hi80, 8 * sizeof *r.hi80) == 0,
	   "UKgas MAM: the simulated intervals repeat");
	is_num(r.hi95[0] - r.value[0], 1.959963984540054 * sqrt(r.sigma2) * r.value[0], 1e-9 * r.value[0],
	       "UKgas MAM: h = 1 is ŷ(1 ± z·σ)");
	int nest = 1;
	for (size_t h = 0; h < 8; h++)
		nest &= r.lo95[h] < r.lo80[h] && r.lo80[h] < r.hi80[h] && r.hi80[h] < r.hi95[h];
	ok(nest, "UKgas MAM: 95%% intervals hold the 80%% ones");
	smb_fc_result_free(&r);
	smb_fc_result_free(&r2);

	/* R's rule: no model estimating n - 4 values or more. 9 values: ANN (2
	 * estimates) and AAN (4) qualify, AAdN (5) does not. */
	double nine[9] = { 3, 5, 4, 6, 8, 7, 9, 11, 10 };
	ok(smb_ets(nine, 9, 1, &zzz, NULL, 3, &r, err, sizeof err) == 0 && r.k - 1 + 4 < 9 &&
	   r.ncand == 4, "9 values: %d models compared, %s chosen with %d estimates", r.ncand, r.model, r.k - 1);
	smb_fc_result_free(&r);

	/* Model names. */
	char buf[16];
	ok(smb_fc_model_parse("MAdM", &sp) == 0 && sp.error == 'M' && sp.trend == 'D' && sp.season == 'M' &&
	   strcmp(smb_fc_model_name(&sp, buf), "ETS(M,Ad,M)") == 0, "MAdM is ETS(M,Ad,M)");
	ok(smb_fc_model_parse("ETS(A,Ad,N)", &sp) == 0 && sp.trend == 'D' && sp.season == 'N', "ETS(A,Ad,N) parses");
	ok(smb_fc_model_parse("hw-add", &sp) == 0 && sp.error == 'A' && sp.trend == 'A' && sp.season == 'A',
	   "hw-add is AAA");
	ok(smb_fc_model_parse("AXN", &sp) < 0 && smb_fc_model_parse("AANN", &sp) < 0, "unknown models refused");
}

/* The root finder smb_fc_admissible used before its Schur–Cohn test, kept
 * here as the reference: the largest modulus of the roots of the monic
 * c[0] + c[1] z + ... + z^d by Durand–Kerner iteration (as R's polyroot
 * decides forecast:::admissible). */
static double dk_max_root(const double *c, int d)
{
	double complex z[64], w0 = 0.4 + 0.9 * I;
	double big = 0;
	z[0] = 1;
	for (int i = 1; i < d; i++)
		z[i] = z[i - 1] * w0;
	for (int it = 0; it < 1000; it++) {
		double moved = 0;
		for (int i = 0; i < d; i++) {
			double complex p = 1, q = 1;
			for (int k = d - 1; k >= 0; k--)
				p = p * z[i] + c[k];
			for (int j = 0; j < d; j++)
				if (j != i)
					q *= z[i] - z[j];
			if (q == 0)
				q = 1e-14;
			double complex dz = p / q;
			z[i] -= dz;
			moved = fmax(moved, cabs(dz));
		}
		if (moved < 1e-14)
			break;
	}
	for (int i = 0; i < d; i++)
		big = fmax(big, cabs(z[i]));
	return big;
}

/* R's forecast:::admissible written out with the reference root finder;
 * *root gets the largest root's modulus (0 when the easy tests decide). */
static int ref_admissible(const smb_fc_model *md, double *root)
{
	double a = md->alpha, b = md->trend ? md->alpha * md->beta : 0, g = md->gamma;
	double phi = md->trend ? md->phi : 1, m = (double)md->m, c[64];
	int d = (int)md->m + 1;
	*root = 0;
	if (phi < 0 || phi > 1 + 1e-8)
		return 0;
	if (g < fmax(1 - 1 / phi - a, 0) || g > 1 + 1 / phi - a)
		return 0;
	if (a < 1 - 1 / phi - g * (1 - m + phi + phi * m) / (2 * phi * m))
		return 0;
	if (b < -(1 - phi) * (g / m + a))
		return 0;
	c[0] = phi * (1 - a - g);
	c[1] = a + b - a * phi + g - 1;
	for (int k = 2; k < d - 1; k++)
		c[k] = a + b - a * phi;
	c[d - 1] = a + b - phi;
	if (phi == 1 && b == 0) {
		/* then P(1) = m·β = 0: z = 1 is a root (modulus 1, inside R's
		 * 1 + 1e-10), divided out so the others decide, away from the
		 * boundary band */
		double q[64], carry = 1;
		for (int k = d - 1; k >= 0; k--) {
			q[k] = carry;
			carry = c[k] + carry;
		}
		memcpy(c, q, sizeof q);
		d--;
	}
	*root = dk_max_root(c, d);
	return *root <= 1 + 1e-10;
}

#define diag(...) (printf("# "), printf(__VA_ARGS__), printf("\n"))

static double urand(unsigned long long *st)
{
	*st = *st * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double)(*st >> 11) / 9007199254740992.0;
}

/* The Schur–Cohn admissibility test against the roots: the same decision on
 * random parameter sets of every model shape, a band of 1e-7 around the
 * 1 + 1e-10 boundary aside (there the Durand–Kerner moduli themselves are
 * only that accurate: a double root converges to ~sqrt(eps)). */
static void test_admissible(void)
{
	static const size_t ms[] = { 2, 3, 4, 6, 7, 12, 24, 52 };
	unsigned long long st = 20260706;
	int total = 0, rooted = 0, in = 0, out = 0, differ = 0, band = 0;
	for (int it = 0; it < 40000; it++) {
		smb_fc_model md = { 0 };
		md.seas = SMB_FC_SEAS_ADD;
		md.m = ms[it % 8];
		md.trend = urand(&st) < 0.6;
		md.alpha = urand(&st);
		md.beta = urand(&st);
		md.phi = urand(&st) < 0.5 ? 1 : 0.8 + 0.2 * urand(&st);
		/* γ over the whole easy-test range and a little beyond, so both
		 * sides of the root boundary are well sampled */
		md.gamma = (1 + 1 / md.phi - md.alpha) * 1.1 * urand(&st);
		if (md.m > 12 && it % 3)
			continue;   /* the long seasons are slow to root: fewer */
		double root;
		int ref = ref_admissible(&md, &root), got = smb_fc_admissible(&md);
		total++;
		if (root > 0)
			rooted++;
		if (root > 0 && fabs(root - (1 + 1e-10)) < 1e-7) {
			band++;
			continue;
		}
		if (got != ref) {
			if (differ++ < 5)
				diag("differ: m=%zu trend=%d α=%.17g β=%.17g φ=%.17g γ=%.17g root=%.17g "
				     "roots say %d, Schur–Cohn %d", md.m, md.trend, md.alpha, md.beta,
				     md.phi, md.gamma, root, ref, got);
		} else if (root > 0) {
			ref ? in++ : out++;
		}
	}
	diag("admissible: %d sets, %d reach the roots (%d inside, %d outside, %d in the band)",
	     total, rooted, in, out, band);
	is_int(differ, 0, "Schur–Cohn and the roots decide alike on random parameter sets");
	ok(in > 1000 && out > 1000, "both sides of the root boundary sampled (%d in, %d out)", in, out);

	/* γ = 0 puts every root of z^m - 1 on the circle, z = 1 among them
	 * (P(1) = 0): inside 1 + 1e-10, so admissible, as in R */
	smb_fc_model md = { .seas = SMB_FC_SEAS_ADD, .m = 12, .alpha = 0.3, .gamma = 0 };
	double root;
	int r = ref_admissible(&md, &root);
	ok(r == 1 && smb_fc_admissible(&md) == 1,
	   "roots exactly on the unit circle are admissible (roots: %.15g)", root);
	/* past the easy tests (γ <= 1 + 1/φ - α = 1.737) but a root at 1.146 */
	md = (smb_fc_model){ .seas = SMB_FC_SEAS_ADD, .m = 4, .trend = 1, .alpha = 0.46,
	                     .beta = 0.95, .phi = 0.835, .gamma = 1.49 };
	r = ref_admissible(&md, &root);
	ok(root > 1.1 && r == 0 && smb_fc_admissible(&md) == 0,
	   "α 0.46, β* 0.95, φ 0.835, γ 1.49, m 4: a root outside (%.6g), refused", root);
}

int main(void)
{
	test_admissible();
	test_published();
	test_by_hand();
	test_errors();
	test_shampoo();
	test_champagne();
	test_r_reference();
	return done_testing();
}
