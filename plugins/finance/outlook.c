/* plugins/finance/outlook.c — the cash-flow outlook: each series forecast by
 * the ETS selection of core/models/forecast.c (seasonal naive with drift
 * while there are too few months for a seasonal model), debt repayments at
 * their trend, and the cash path those forecasts imply. */
#include "outlook.h"
#include "forecast.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Seasonal naive with drift (see outlook.h); 12 <= n. */
static void snaive_drift(const double *y, size_t n, size_t h, double *out, smb_outlook_how *how)
{
	double now = 0, before = 0, g = 1;
	for (size_t t = 0; t + 12 < n; t++) {
		now += y[t + 12];
		before += y[t];
	}
	if (before > 0 && now > 0)
		g = fmin(2, fmax(0.5, now / before));
	for (size_t k = 0; k < h; k++)
		out[k] = y[n - 12 + k % 12] * pow(g, (double)(k / 12 + 1));
	how->snaive = 1;
	how->seasonal = 1;
	how->growth = g;
	snprintf(how->model, sizeof how->model, "seasonal naive with drift");
}

/* The ETS selection's forecast (seasonal when m is 12 and n allows); where
 * R's rules leave no model (few values), ETS(A,N,N), which two identify. */
static int ets_forecast(const double *y, size_t n, size_t m, size_t h, double *out,
                        smb_outlook_how *how, char *err, size_t errlen)
{
	smb_fc_spec zzz = { 'Z', 'Z', 'Z' }, ann = { 'A', 'N', 'N' };
	smb_fc_result res;

	if (smb_ets(y, n, m, &zzz, NULL, h, &res, err, errlen) &&
	    smb_ets(y, n, 0, &ann, NULL, h, &res, err, errlen))
		return -1;
	memcpy(out, res.value, h * sizeof *out);
	how->snaive = 0;
	how->seasonal = res.spec.season != 'N';
	how->growth = NAN;
	snprintf(how->model, sizeof how->model, "%s", res.model);
	smb_fc_result_free(&res);
	return 0;
}

/* Mean absolute error of forecasting the last 12 of y[0..n-1] from the rest,
 * by seasonal naive with drift (snaive) or the ETS selection. */
static double holdout_mae(const double *y, size_t n, int snaive)
{
	double f[12], mae = 0;
	smb_outlook_how how;
	char err[160];

	if (snaive)
		snaive_drift(y, n - 12, 12, f, &how);
	else if (ets_forecast(y, n - 12, 12, 12, f, &how, err, sizeof err))
		return INFINITY;
	for (int k = 0; k < 12; k++)
		mae += fabs(f[k] - y[n - 12 + k]) / 12;
	return mae;
}

int smb_outlook_series(const double *y, size_t n, int seasonal, size_t h, double *out,
                       smb_outlook_how *how, char *err, size_t errlen)
{
	smb_outlook_how dummy;

	if (!how)
		how = &dummy;
	memset(how, 0, sizeof *how);
	how->growth = NAN;
	if (n < SMB_OUTLOOK_MIN_HISTORY || n > SMB_OUTLOOK_MAX_HISTORY) {
		snprintf(err, errlen, "the outlook needs %d to %d months of history, not %zu",
		         SMB_OUTLOOK_MIN_HISTORY, SMB_OUTLOOK_MAX_HISTORY, n);
		return -1;
	}
	if (!seasonal || n < SMB_OUTLOOK_SNAIVE_MIN) {
		if (ets_forecast(y, n, 0, h, out, how, err, errlen))
			return -1;
	} else if (n < SMB_OUTLOOK_ETS_SEASON_MIN ||
	           holdout_mae(y, n, 1) < holdout_mae(y, n, 0)) {
		/* From 24 months the ETS selection competes, and takes over once it
		 * forecasts the last year better than last year's months do: on 24
		 * to 35 months AICc rarely affords a seasonal model's 14 or more
		 * estimates, and a flat line through a December peak is no
		 * forecast. */
		snaive_drift(y, n, h, out, how);
	} else if (ets_forecast(y, n, 12, h, out, how, err, errlen)) {
		return -1;
	}
	for (size_t k = 0; k < h; k++)
		if (!(out[k] > 0))
			out[k] = 0;
	return 0;
}

double smb_outlook_runway(double cash0, const double *net, size_t h, double *cash,
                          int *runs_out)
{
	double c = cash0, runway = INFINITY;

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

int smb_outlook_repayment(const double *debt, size_t n, double *repay)
{
	size_t k = 0;
	double sx = 0, sy = 0, sxx = 0, sxy = 0;

	*repay = 0;
	if (!debt || !n)
		return -1;
	while (k < 12 && k < n && isfinite(debt[n - 1 - k]))
		k++;
	if (k < 2)
		return -1;
	for (size_t i = 0; i < k; i++) {
		double x = (double)i, v = debt[n - k + i];
		sx += x;
		sy += v;
		sxx += x * x;
		sxy += x * v;
	}
	double slope = (k * sxy - sx * sy) / (k * sxx - sx * sx);
	if (slope < 0)
		*repay = -slope;
	return 0;
}

int smb_outlook_make(const smb_outlook_input *in, smb_outlook *o, char *err, size_t errlen)
{
	const size_t h = SMB_OUTLOOK_HORIZON, n = in->n;

	memset(o, 0, sizeof *o);
	if (!isfinite(in->cash0)) {
		snprintf(err, errlen, "the cash balance is not a number");
		return -1;
	}
	if (in->revenue_fc) {
		memcpy(o->revenue, in->revenue_fc, h * sizeof *o->revenue);
		if (in->revenue_how)
			o->revenue_how = *in->revenue_how;
	} else if (smb_outlook_series(in->revenue, n, in->seasonal, h, o->revenue, &o->revenue_how, err, errlen))
		return -1;
	if (smb_outlook_series(in->opex, n, in->seasonal, h, o->opex, &o->opex_how, err, errlen))
		return -1;
	o->n = n;
	o->cogs_ratio = NAN;
	{
		double rs = 0, cs = 0;
		for (size_t t = n > 12 ? n - 12 : 0; t < n; t++) {
			rs += in->revenue[t];
			cs += in->cogs[t];
		}
		if (rs > 0 && isfinite(cs))
			o->cogs_ratio = cs / rs;
		else if (smb_outlook_series(in->cogs, n, in->seasonal, h, o->cogs, NULL, err, errlen))
			return -1;
	}
	/* The gap between operating cash flow and revenue - cogs - opex: timing
	 * of receipts and payments, tax, non-cash costs. Its recent mean carries. */
	if (in->ocf) {
		double sum = 0;
		int cnt = 0;
		for (size_t t = n > 12 ? n - 12 : 0; t < n; t++)
			if (isfinite(in->ocf[t])) {
				sum += in->ocf[t] - (in->revenue[t] - in->cogs[t] - in->opex[t]);
				cnt++;
			}
		if (cnt) {
			o->has_gap = 1;
			o->gap_monthly = sum / cnt;
		}
	}
	o->has_debt = smb_outlook_repayment(in->debt, n, &o->repay_monthly) == 0;
	o->debt0 = o->has_debt ? in->debt[n - 1] : 0;
	double left = o->debt0 > 0 ? o->debt0 : 0;
	for (size_t k = 0; k < h; k++) {
		if (!isnan(o->cogs_ratio))
			o->cogs[k] = o->revenue[k] * o->cogs_ratio;
		double pay = fmin(o->repay_monthly, left);
		left -= pay;
		o->financing[k] = -pay;
		o->net[k] = o->revenue[k] - o->cogs[k] - o->opex[k] + o->gap_monthly + o->financing[k];
		if (k < 6)
			o->revenue_6m += o->revenue[k];
		if (k < 12)
			o->revenue_12m += o->revenue[k];
	}
	o->runway = smb_outlook_runway(in->cash0, o->net, h, o->cash, &o->runs_out);
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
