/* tests/test_outlook.c — the finance plugin's cash-flow outlook: seasonal
 * indices, forecasts of series with known answers, the cash path and runway
 * worked by hand, and the seasonal method against a real seasonal series
 * (Perrin Frères champagne sales, tests/data) on held-out months. */
#include "tap.h"
#include "../plugins/finance/outlook.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A seasonal pattern with mean exactly 1 (sums to 12). */
static const double S[12] = { 0.7, 0.8, 0.9, 1.0, 1.0, 1.0, 1.0, 1.0, 0.9, 1.0, 1.2, 1.5 };

static void test_indices(void)
{
	double y[24], idx[12], f[12];
	int used = -1;
	char err[200] = "";

	/* a constant level times S: every centred 12-month average is the level,
	 * so each ratio is S itself; the series starts in October (cal0 = 9) */
	for (int t = 0; t < 24; t++)
		y[t] = 1000 * S[(9 + t) % 12];
	is_int(smb_outlook_seasonal_indices(y, 24, 9, idx), 0, "indices of 24 months");
	{
		double worst = 0;
		for (int c = 0; c < 12; c++)
			worst = fmax(worst, fabs(idx[c] - S[c]));
		is_num(worst, 0, 1e-12, "recover the pattern exactly");
	}
	is_int(smb_outlook_seasonal_indices(y, 23, 9, idx), -1, "23 months are too few");
	y[5] = 0;
	is_int(smb_outlook_seasonal_indices(y, 24, 9, idx), -1, "a zero month: no multiplicative indices");
	y[5] = 1000 * S[(9 + 5) % 12];

	/* the adjusted series is the constant 1000, which the damped trend fits
	 * with no error: the forecast is 1000 x S of each coming month (Oct..Sep) */
	is_int(smb_outlook_series(y, 24, 9, 1, 12, f, &used, err, sizeof err), 0, "seasonal forecast (%s)", err);
	is_int(used, 1, "seasonal indices used");
	{
		double worst = 0;
		for (int k = 0; k < 12; k++)
			worst = fmax(worst, fabs(f[k] - 1000 * S[(9 + 24 + k) % 12]));
		is_num(worst, 0, 1e-6, "forecast = 1000 x the month's index, the 12 months ahead");
	}
	is_int(smb_outlook_series(y, 24, 9, 0, 12, f, &used, err, sizeof err), 0, "seasonality switched off");
	is_int(used, 0, "no indices used");
	is_int(smb_outlook_series(y, 12, 9, 1, 12, f, &used, err, sizeof err), 0, "12 months");
	is_int(used, 0, "12 months: too few for indices, the forecast is not seasonal");
	is_int(smb_outlook_series(y, 5, 9, 1, 12, f, &used, err, sizeof err), -1, "5 months are refused");
	is_str(err, "the outlook needs 6 to 24 months of history, not 5", "saying how many are needed");
}

static void test_trend(void)
{
	double y[12], f[6];
	int used;
	char err[200] = "";

	/* a constant series forecasts itself */
	for (int t = 0; t < 12; t++)
		y[t] = 500;
	is_int(smb_outlook_series(y, 12, 0, 1, 6, f, &used, err, sizeof err), 0, "constant series");
	is_num(f[0], 500, 1e-6, "constant 500 forecast as 500");
	is_num(f[5], 500, 1e-6, "at every horizon");
	/* a steep decline is damped but would go below zero: clipped at 0 */
	for (int t = 0; t < 12; t++)
		y[t] = 1200 - 100 * t;
	is_int(smb_outlook_series(y, 12, 0, 0, 6, f, &used, err, sizeof err), 0, "falling series");
	ok(f[0] < 200 && f[0] >= 0, "falling 100 a month from 100: next below 200, not negative (%g)", f[0]);
	ok(f[5] == 0, "money is not forecast below zero");
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
	is_num(smb_outlook_runway(1000, up, 4, cash, &out), SMB_OUTLOOK_NEVER, 0, "never: 99");
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
	double r[24], c[24], o[24];
	smb_outlook ol;
	char err[200] = "";

	/* revenue 10000, cogs 6000 (ratio 0.6), opex 5000: net -1000 a month;
	 * cash 3500 lasts 3.5 months; six months' revenue 60000 */
	for (int t = 0; t < 24; t++)
		r[t] = 10000, c[t] = 6000, o[t] = 5000;
	is_int(smb_outlook_make(r, c, o, 12, 0, 1, 3500, &ol, err, sizeof err), 0, "outlook of 12 months (%s)", err);
	is_num(ol.cogs_ratio, 0.6, 1e-12, "cost of goods 60%% of revenue");
	is_num(ol.net[0], -1000, 1e-6, "net -1000 a month");
	is_num(ol.runway, 3.5, 1e-6, "3500 lasts 3.5 months");
	is_int(ol.runs_out, 4, "out in month 4");
	is_num(ol.revenue_6m, 60000, 1e-5, "60000 revenue in six months");
	is_num(ol.cash[5], 3500 - 6000, 1e-5, "cash -2500 after six months");
	is_int(smb_outlook_make(r, c, o, 24, 0, 1, 3500, &ol, err, sizeof err), 0, "outlook of 24 months");
	is_int(ol.seasonal, 1, "24 months: seasonal (flat indices)");
	is_num(ol.runway, 3.5, 1e-6, "the same 3.5 months");
	/* the ratio uses the last 12 months: cogs 50% then 70% */
	for (int t = 0; t < 24; t++)
		c[t] = t < 12 ? 5000 : 7000;
	is_int(smb_outlook_make(r, c, o, 24, 0, 0, 100000, &ol, err, sizeof err), 0, "a cost step");
	is_num(ol.cogs_ratio, 0.7, 1e-12, "ratio of the last 12 months: 70%%");
	is_num(ol.net[0], 10000 - 7000 - 5000, 1e-6, "net -2000");
	is_num(ol.runway, SMB_OUTLOOK_NEVER, 0, "100000 / 2000 = 50 months, beyond the 24 forecast: 99");
	is_int(ol.runs_out, -1, "does not run out within 24 months");
	is_num(ol.cash[23], 100000 - 24 * 2000, 1e-5, "52000 left after 24 months");
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
		int cal0 = (int)((end - 24) % 12), used;
		if (smb_outlook_series(y + end - 24, 24, cal0, 1, 12, fs, &used, err, sizeof err) ||
		    smb_outlook_series(y + end - 24, 24, cal0, 0, 12, fn, &used, err, sizeof err))
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
	test_indices();
	test_trend();
	test_runway();
	test_make();
	test_champagne();
	test_cv();
	return done_testing();
}
