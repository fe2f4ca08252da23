/* plugins/finance/outlook.c — the cash-flow outlook: seasonal adjustment by
 * classical decomposition, a damped-trend forecast of each series (through
 * core/models/forecast.c), and the cash path those forecasts imply. */
#include "outlook.h"
#include "forecast.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

int smb_outlook_seasonal_indices(const double *y, size_t n, int cal0, double idx[12])
{
	double sum[12] = { 0 }, mean = 0;
	int cnt[12] = { 0 };

	if (n < 24 || cal0 < 0 || cal0 > 11)
		return -1;
	for (size_t t = 0; t < n; t++)
		if (!(y[t] > 0) || !isfinite(y[t]))
			return -1;
	/* The centred 2x12 moving average exists for t = 6 .. n-7; with 24 months
	 * that is 12 ratios, one per calendar month. */
	for (size_t t = 6; t + 6 < n; t++) {
		double ma = 0.5 * (y[t - 6] + y[t + 6]);
		int c = (int)((cal0 + t) % 12);
		for (size_t j = t - 5; j <= t + 5; j++)
			ma += y[j];
		ma /= 12;
		sum[c] += y[t] / ma;
		cnt[c]++;
	}
	for (int c = 0; c < 12; c++) {
		if (!cnt[c])
			return -1;
		idx[c] = sum[c] / cnt[c];
		mean += idx[c] / 12;
	}
	for (int c = 0; c < 12; c++)
		idx[c] /= mean;
	return 0;
}

int smb_outlook_series(const double *y, size_t n, int cal0, int seasonal, size_t h,
                       double *out, int *used_season, char *err, size_t errlen)
{
	double adj[SMB_OUTLOOK_MAX_HISTORY], idx[12];
	smb_fc_result res;
	int season = 0;

	if (n < SMB_OUTLOOK_MIN_HISTORY || n > SMB_OUTLOOK_MAX_HISTORY) {
		snprintf(err, errlen, "the outlook needs %d to %d months of history, not %zu",
		         SMB_OUTLOOK_MIN_HISTORY, SMB_OUTLOOK_MAX_HISTORY, n);
		return -1;
	}
	if (cal0 < 0 || cal0 > 11) {
		snprintf(err, errlen, "calendar month %d is not 0..11", cal0);
		return -1;
	}
	if (seasonal && smb_outlook_seasonal_indices(y, n, cal0, idx) == 0)
		season = 1;
	for (size_t t = 0; t < n; t++)
		adj[t] = season ? y[t] / idx[(cal0 + t) % 12] : y[t];
	if (smb_forecast(adj, n, 0, SMB_FC_DAMPED, NULL, h, &res, err, errlen))
		return -1;
	for (size_t k = 0; k < h; k++) {
		double v = res.value[k];
		if (season)
			v *= idx[(cal0 + n + k) % 12];
		out[k] = v > 0 ? v : 0;
	}
	smb_fc_result_free(&res);
	if (used_season)
		*used_season = season;
	return 0;
}

double smb_outlook_runway(double cash0, const double *net, size_t h, double *cash,
                          int *runs_out)
{
	double c = cash0, runway = SMB_OUTLOOK_NEVER;

	*runs_out = -1;
	if (cash0 < 0) {
		*runs_out = 0;
		runway = 0;
	}
	for (size_t k = 0; k < h; k++) {
		double prev = c;
		c += net[k];
		if (cash)
			cash[k] = c;
		if (*runs_out < 0 && c < 0) {
			/* prev >= 0 > c, so the divisor is positive */
			*runs_out = (int)k + 1;
			runway = (double)k + prev / (prev - c);
		}
	}
	return runway;
}

int smb_outlook_make(const double *revenue, const double *cogs, const double *opex,
                     size_t n, int cal0, int seasonal, double cash0,
                     smb_outlook *o, char *err, size_t errlen)
{
	return smb_outlook_make_with(revenue, cogs, opex, n, cal0, seasonal, cash0, NULL, 0, o, err, errlen);
}

int smb_outlook_make_with(const double *revenue, const double *cogs, const double *opex,
                          size_t n, int cal0, int seasonal, double cash0,
                          const double *revenue_fc, int revenue_season,
                          smb_outlook *o, char *err, size_t errlen)
{
	const size_t h = SMB_OUTLOOK_HORIZON;
	int unused;

	memset(o, 0, sizeof *o);
	if (!isfinite(cash0)) {
		snprintf(err, errlen, "the cash balance is not a number");
		return -1;
	}
	if (revenue_fc) {
		memcpy(o->revenue, revenue_fc, h * sizeof *o->revenue);
		o->seasonal = revenue_season;
	} else if (smb_outlook_series(revenue, n, cal0, seasonal, h, o->revenue, &o->seasonal, err, errlen))
		return -1;
	if (smb_outlook_series(opex, n, cal0, seasonal, h, o->opex, &unused, err, errlen))
		return -1;
	o->n = n;
	o->cogs_ratio = NAN;
	{
		double rs = 0, cs = 0;
		for (size_t t = n > 12 ? n - 12 : 0; t < n; t++) {
			rs += revenue[t];
			cs += cogs[t];
		}
		if (rs > 0 && isfinite(cs))
			o->cogs_ratio = cs / rs;
		else if (smb_outlook_series(cogs, n, cal0, seasonal, h, o->cogs, &unused, err, errlen))
			return -1;
	}
	for (size_t k = 0; k < h; k++) {
		if (!isnan(o->cogs_ratio))
			o->cogs[k] = o->revenue[k] * o->cogs_ratio;
		o->net[k] = o->revenue[k] - o->cogs[k] - o->opex[k];
		if (k < 6)
			o->revenue_6m += o->revenue[k];
	}
	o->runway = smb_outlook_runway(cash0, o->net, h, o->cash, &o->runs_out);
	return 0;
}

int smb_outlook_cv12(const double *y, size_t n, double *cv)
{
	double mean = 0, ss = 0;

	if (n < 12)
		return -1;
	y += n - 12;
	for (int i = 0; i < 12; i++)
		mean += y[i] / 12;
	if (!(mean > 0))
		return -1;
	for (int i = 0; i < 12; i++)
		ss += (y[i] - mean) * (y[i] - mean);
	*cv = 100 * sqrt(ss / 11) / mean;
	return isfinite(*cv) ? 0 : -1;
}
