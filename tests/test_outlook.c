/* tests/test_outlook.c — the finance plugin's cash-flow outlook: seasonal
 * naive with drift and the ETS selection on series with known answers, the
 * cash path, debt repayments and runway worked by hand, no step between 23
 * and 24 months of the demo, and the seasonal method against a real seasonal
 * series (Perrin Frères champagne sales, tests/data) on held-out months. */
#include "tap.h"
#include "../plugins/finance/outlook.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A seasonal pattern with mean exactly 1 (sums to 12). */
static const double S[12] = { 0.7, 0.8, 0.9, 1.0, 1.0, 1.0, 1.0, 1.0, 0.9, 1.0, 1.2, 1.5 };

static void test_snaive(void)
{
	double y[30], f[24];
	smb_outlook_how how;
	char err[200] = "";

	/* 18 months of 1000 x S growing 10% a year (month t: 1.1^(t/12)); the
	 * six months seen twice grow exactly 1.1, so seasonal naive with drift
	 * continues the series exactly: month n+k is S of its month x 1.1^((n+k)/12). */
	for (int t = 0; t < 30; t++)
		y[t] = 1000 * S[(9 + t) % 12] * pow(1.1, t / 12.0);
	is_int(smb_outlook_series(y, 18, 1, 24, f, &how, err, sizeof err), 0, "18 months (%s)", err);
	ok(how.snaive && how.seasonal, "18 months: seasonal naive with drift (%s)", how.model);
	is_num(how.growth, 1.1, 1e-12, "year-on-year growth 1.1 from the 6 months seen twice");
	double worst = 0;
	for (int k = 0; k < 24; k++)
		worst = fmax(worst, fabs(f[k] / (1000 * S[(9 + 18 + k) % 12] * pow(1.1, (18 + k) / 12.0)) - 1));
	is_num(worst, 0, 1e-12, "the 24 months ahead continue the pattern and its growth exactly");
	is_int(smb_outlook_series(y, 12, 1, 12, f, &how, err, sizeof err), 0, "12 months");
	ok(how.snaive && how.growth == 1 && f[2] == y[2], "12 months: last year's months as they were (growth 1)");
	is_int(smb_outlook_series(y, 18, 0, 12, f, &how, err, sizeof err), 0, "seasonality switched off");
	ok(!how.snaive && !how.seasonal, "switched off: ETS without a season (%s)", how.model);
	is_int(smb_outlook_series(y, 5, 1, 12, f, &how, err, sizeof err), -1, "5 months are refused");
	is_str(err, "the outlook needs 6 to 60 months of history, not 5", "saying how many are needed");
	/* 48 months of a steady seasonal pattern under noise: last year's
	 * months carry last year's noise, the ETS selection averages it out and
	 * forecasts the last year better, so it takes over. */
	double z[48];
	for (int t = 0; t < 48; t++)
		z[t] = 1000 * S[t % 12] + 60 * sin(2.3 * t * t);
	is_int(smb_outlook_series(z, 48, 1, 12, f, &how, err, sizeof err), 0, "48 months");
	ok(!how.snaive && how.seasonal && strncmp(how.model, "ETS(", 4) == 0,
	   "48 noisy months: a seasonal ETS model (%s)", how.model);
}

static void test_trend(void)
{
	double y[12], f[6];
	char err[200] = "";

	/* a constant series forecasts itself */
	for (int t = 0; t < 12; t++)
		y[t] = 500;
	is_int(smb_outlook_series(y, 12, 0, 6, f, NULL, err, sizeof err), 0, "constant series");
	is_num(f[0], 500, 1e-6, "constant 500 forecast as 500");
	is_num(f[5], 500, 1e-6, "at every horizon");
	/* a steep decline would go below zero: clipped at 0 */
	for (int t = 0; t < 12; t++)
		y[t] = 1200 - 100 * t;
	is_int(smb_outlook_series(y, 12, 0, 6, f, NULL, err, sizeof err), 0, "falling series");
	ok(f[0] < 200 && f[0] >= 0, "falling 100 a month from 100: next below 200, not negative (%g)", f[0]);
	ok(f[5] == 0, "money is not forecast below zero");
	/* six values: R's rules leave no model of the selection; ETS(A,N,N) */
	is_int(smb_outlook_series(y, 6, 0, 6, f, NULL, err, sizeof err), 0, "six months still forecast");
}

static void test_runway(void)
{
	const double net[4] = { -300, -300, -300, -300 };
	const double up[4] = { 100, 100, 100, 100 };
	double cash[4];
	int out;

	/* 1000 - 300 a month: 700, 400, 100, -200; out during month 4, after
	 * 3 + 100/300 months */
	is_num(smb_outlook_runway(1000, net, 4, cash, &out), 3 + 100.0 / 300, 1e-12, "runway 3.33 months");
	is_int(out, 4, "runs out in month 4");
	is_num(cash[3], -200, 1e-12, "cash -200 at the end of month 4");
	ok(isinf(smb_outlook_runway(1000, up, 4, cash, &out)), "never: no end (INFINITY), not a placeholder");
	is_int(out, -1, "never runs out");
	is_num(smb_outlook_runway(-5, up, 4, cash, &out), 0, 0, "already overdrawn: 0");
	is_int(out, 0, "month 0");
	is_num(smb_outlook_runway(0, net, 4, cash, &out), 0, 0, "no cash and losing: 0 months");
	is_int(out, 1, "out in the first month");
	is_num(smb_outlook_runway(900, net, 4, cash, &out), 3, 1e-12, "exactly zero after 3 months: out at 3");
	is_int(out, 4, "below zero only in month 4");
}

static void test_make(void)
{
	double r[24], c[24], o[24], d[24], f[24];
	smb_outlook ol;
	smb_outlook_input in = { r, c, o, NULL, NULL, 12, 1, 3500, NULL, NULL };
	char err[200] = "";

	/* revenue 10000, cogs 6000 (ratio 0.6), opex 5000: net -1000 a month;
	 * cash 3500 lasts 3.5 months; six months' revenue 60000 */
	for (int t = 0; t < 24; t++)
		r[t] = 10000, c[t] = 6000, o[t] = 5000, d[t] = 30000 - 350 * t, f[t] = NAN;
	is_int(smb_outlook_make(&in, &ol, err, sizeof err), 0, "outlook of 12 months (%s)", err);
	is_num(ol.cogs_ratio, 0.6, 1e-12, "cost of goods 60%% of revenue");
	is_num(ol.net[0], -1000, 1e-6, "net -1000 a month");
	is_num(ol.runway, 3.5, 1e-6, "3500 lasts 3.5 months");
	is_int(ol.runs_out, 4, "out in month 4");
	is_num(ol.revenue_6m, 60000, 1e-5, "60000 revenue in six months");
	is_num(ol.cash[5], 3500 - 6000, 1e-5, "cash -2500 after six months");
	ok(!ol.has_debt && !ol.has_gap, "no debt or cash flow given: neither counted");
	in.n = 24;
	is_int(smb_outlook_make(&in, &ol, err, sizeof err), 0, "outlook of 24 months");
	is_num(ol.runway, 3.5, 1e-6, "the same 3.5 months");

	/* Debt falling 350 a month: repaid at that rate, until the balance is. */
	in.debt = d;
	in.cash0 = 100000;
	is_int(smb_outlook_make(&in, &ol, err, sizeof err), 0, "with the debt balance");
	ok(ol.has_debt, "debt trend known");
	is_num(ol.repay_monthly, 350, 1e-9, "repays 350 a month, the trend of the last 12 balances");
	is_num(ol.net[0], -1350, 1e-6, "net -1000 - 350");
	is_num(ol.cash[23], 100000 - 24 * 1350, 1e-5, "24 months of 1350");
	ok(isinf(ol.runway) && ol.runs_out == -1, "cash lasts the projection: no end");
	for (int t = 0; t < 24; t++)
		d[t] = 8400 - 350 * t;   /* the last balance 350 */
	is_int(smb_outlook_make(&in, &ol, err, sizeof err), 0, "a small debt");
	ok(ol.financing[0] == -350 && ol.financing[1] == 0 && ol.financing[23] == 0,
	   "repayments stop when the last balance (350) is repaid");

	/* The usual gap between operating cash flow and profit carries. */
	in.debt = NULL;
	in.ocf = f;
	for (int t = 12; t < 24; t++)
		f[t] = -1000 + 200;   /* 200 better than profit every month */
	is_int(smb_outlook_make(&in, &ol, err, sizeof err), 0, "with operating cash flow");
	ok(ol.has_gap, "gap known");
	is_num(ol.gap_monthly, 200, 1e-9, "gap +200 a month");
	is_num(ol.net[0], -800, 1e-6, "net -1000 + 200");

	/* the ratio uses the last 12 months: cogs 50% then 70% */
	in.ocf = NULL;
	for (int t = 0; t < 24; t++)
		c[t] = t < 12 ? 5000 : 7000;
	in.seasonal = 0;
	is_int(smb_outlook_make(&in, &ol, err, sizeof err), 0, "a cost step");
	is_num(ol.cogs_ratio, 0.7, 1e-12, "ratio of the last 12 months: 70%%");
	is_num(ol.net[0], 10000 - 7000 - 5000, 1e-6, "net -2000");
	ok(isinf(ol.runway), "100000 / 2000 = 50 months, beyond the 24 forecast: no end, no placeholder");
	is_int(ol.runs_out, -1, "does not run out within 24 months");
	is_num(ol.cash[23], 100000 - 24 * 2000, 1e-5, "52000 left after 24 months");
}

/* The demo's monthly history (examples/demo/metrics.csv): columns by name. */
static size_t read_demo(const char *const *cols, int ncols, double out[][64])
{
	char path[4096], line[4096];
	int idx[8];
	size_t n = 0;
	const char *top = getenv("top_srcdir");
	snprintf(path, sizeof path, "%s/examples/demo/metrics.csv", top && *top ? top : ".");
	FILE *fp = fopen(path, "r");
	if (!fp || !fgets(line, sizeof line, fp)) {
		if (fp)
			fclose(fp);
		return 0;
	}
	for (int k = 0; k < ncols; k++) {
		int col = 0;
		idx[k] = -1;
		for (char *tok = strtok(line, ",\r\n"); tok; tok = strtok(NULL, ",\r\n"), col++)
			if (strcmp(tok, cols[k]) == 0)
				idx[k] = col;
		rewind(fp);
		if (!fgets(line, sizeof line, fp))
			break;
	}
	while (n < 64 && fgets(line, sizeof line, fp)) {
		int col = 0;
		for (char *tok = strtok(line, ",\r\n"); tok; tok = strtok(NULL, ",\r\n"), col++)
			for (int k = 0; k < ncols; k++)
				if (col == idx[k])
					out[k][n] = strtod(tok, NULL);
		n++;
	}
	fclose(fp);
	return n;
}

/* A client assessed with 23 and then 24 months of history: the outlook
 * switches from seasonal naive with drift to the ETS selection, and must
 * not jump by more than the 24th month implies. */
static void test_no_step(void)
{
	static const char *const cols[] = { "finance.revenue", "finance.cogs", "finance.opex", "finance.debt",
	                                    "finance.operating_cash_flow", "finance.cash" };
	static double v[6][64];
	size_t n = read_demo(cols, 6, v);
	smb_outlook a, b;
	char err[200] = "";

	is_int((long long)n, 24, "the demo has 24 months");
	if (n != 24)
		return;
	smb_outlook_input in = { v[0], v[1], v[2], v[3], v[4], 23, 1, v[5][22], NULL, NULL };
	is_int(smb_outlook_make(&in, &a, err, sizeof err), 0, "23 months (%s)", err);
	in.n = 24;
	in.cash0 = v[5][23];
	is_int(smb_outlook_make(&in, &b, err, sizeof err), 0, "24 months (%s)", err);
	ok(a.revenue_how.snaive && b.revenue_how.seasonal,
	   "23 months seasonal naive with drift, 24 a seasonal forecast (%s)", b.revenue_how.model);
	/* The same twelve calendar months (24 + 1 .. 24 + 12), forecast from
	 * each: a[1..12] and b[0..11]. The 24th month differs from its forecast
	 * by |y24 - a0|; the twelve-month forecasts may differ by that surprise
	 * carried over twelve months, not more. */
	double sa = 0, sb = 0, surprise = fabs(v[0][23] - a.revenue[0]);
	for (int k = 0; k < 12; k++) {
		sa += a.revenue[k + 1];
		sb += b.revenue[k];
	}
	printf("# 23 months: %s, 24: %s; months 25-36 %.0f vs %.0f; month 24 surprise %.0f\n",
	       a.revenue_how.model, b.revenue_how.model, sa, sb, surprise);
	ok(fabs(sb - sa) <= 12 * surprise + 0.02 * sa,
	   "months 25-36: %.0f from 23 months, %.0f from 24 (differ by %.1f%%, month 24's surprise %.0f)",
	   sa, sb, 100 * fabs(sb / sa - 1), surprise);
	double peak_a = a.revenue[3], peak_b = b.revenue[2];   /* December 2026 */
	ok(fabs(peak_b / peak_a - 1) < 0.1, "the December peak stays: %.0f from 23 months, %.0f from 24",
	   peak_a, peak_b);
	ok(a.has_debt && b.has_debt && fabs(a.repay_monthly - 350) < 1e-6 && fabs(b.repay_monthly - 350) < 1e-6,
	   "both count the demo's repayments of 350 a month");
	printf("# runway 23: %g, 24: %g\n", a.runway, b.runway);
	ok(isinf(a.runway) == isinf(b.runway) && (isinf(a.runway) || fabs(a.runway - b.runway) < 3),
	   "the runway does not flip between 23 and 24 months (%g, %g)", a.runway, b.runway);
}

static size_t read_champagne(double *y, size_t max)
{
	const char *dir = getenv("SMB_TEST_DATA");
	char path[1024], line[256];
	size_t n = 0;
	FILE *f;

	snprintf(path, sizeof path, "%s/monthly_champagne_sales.csv", dir ? dir : "tests/data");
	if (!(f = fopen(path, "r")))
		return 0;
	while (fgets(line, sizeof line, f) && n < max) {
		char *comma = strchr(line, ',');
		if (comma && line[0] == '"' && line[1] >= '0' && line[1] <= '9')
			y[n++] = strtod(comma + 1, NULL);
	}
	fclose(f);
	return n;
}

static void test_champagne(void)
{
	double y[128];
	size_t n = read_champagne(y, 128);
	double sum = 0;
	int better = 0, origins = 0;
	char err[200] = "";

	is_int((long long)n, 105, "champagne sales: 105 months (1964-01 .. 1972-09)");
	if (n != 105)
		return;
	/* every 6 months from 1965-12: fit 24 months, forecast the next 12 */
	for (size_t end = 24; end + 12 <= n; end += 6) {
		double fs[12], fn[12], ms = 0, mn = 0;
		if (smb_outlook_series(y + end - 24, 24, 1, 12, fs, NULL, err, sizeof err) ||
		    smb_outlook_series(y + end - 24, 24, 0, 12, fn, NULL, err, sizeof err))
			break;
		for (int k = 0; k < 12; k++) {
			ms += fabs(fs[k] - y[end + k]) / y[end + k] / 12;
			mn += fabs(fn[k] - y[end + k]) / y[end + k] / 12;
		}
		better += ms < mn;
		sum += ms;
		origins++;
	}
	is_int(origins, 12, "twelve forecast origins");
	is_int(better, 12, "the seasonal outlook beats the plain damped trend at every origin");
	ok(100 * sum / origins < 20, "its mean absolute percentage error over 12 months is below 20%% (%.1f%%)",
	   100 * sum / origins);
}

static void test_cv(void)
{
	double y[14] = { 1e6, 1e6 };
	double cv = -1;

	/* 90, 110 alternating: mean 100, sample sd sqrt(12 * 100 / 11) = 10.445 */
	for (int i = 0; i < 12; i++)
		y[2 + i] = i % 2 ? 110 : 90;
	is_int(smb_outlook_cv12(y, 14, &cv), 0, "CV of the last 12 of 14");
	is_num(cv, 100 * sqrt(1200.0 / 11) / 100, 1e-12, "CV 10.44%% (the first two months ignored)");
	is_int(smb_outlook_cv12(y, 11, &cv), -1, "11 months are too few");
	for (int i = 0; i < 14; i++)
		y[i] = 0;
	is_int(smb_outlook_cv12(y, 14, &cv), -1, "no revenue: undefined");
}

int main(void)
{
	test_snaive();
	test_trend();
	test_runway();
	test_make();
	test_no_step();
	test_champagne();
	test_cv();
	return done_testing();
}
