/* plugins/finance/outlook.h — the cash-flow outlook of the finance area:
 * monthly revenue, cost of goods sold and operating expenses forecast 24
 * months ahead, the cash path from today's balance, and revenue volatility.
 * Plain C over libc and libm (and core/models/forecast.c, which is the same). */
#ifndef SMB_OUTLOOK_H
#define SMB_OUTLOOK_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SMB_OUTLOOK_HORIZON 24   /* months forecast */
#define SMB_OUTLOOK_MIN_HISTORY 6
#define SMB_OUTLOOK_MAX_HISTORY 24
#define SMB_OUTLOOK_NEVER 99.0   /* runway when cash lasts the whole horizon */

/* Seasonal indices of a monthly series by ratio to the centred 2x12 moving
 * average (classical multiplicative decomposition), averaged per calendar
 * month and scaled to mean 1. cal0 is the calendar month (0 = January) of
 * y[0]. Needs n >= 24 and every y > 0; returns 0, or -1 when it cannot. */
int smb_outlook_seasonal_indices(const double *y, size_t n, int cal0, double idx[12]);

/* Forecasts y[0..n-1] h months ahead into out[0..h-1]. Method: when seasonal
 * is set and smb_outlook_seasonal_indices succeeds, the series is divided by
 * its indices, forecast, and multiplied back (*used_season = 1); the
 * (adjusted) series is forecast with the damped additive trend method
 * (ETS(A,Ad,N), core/models/forecast.h, parameters and initial states fitted by
 * least squares). Forecasts below zero are set to zero: these are amounts of
 * money that cannot turn negative. Needs n >= SMB_OUTLOOK_MIN_HISTORY.
 * Returns 0, or -1 with a message. */
int smb_outlook_series(const double *y, size_t n, int cal0, int seasonal, size_t h,
                       double *out, int *used_season, char *err, size_t errlen);

/* Cash at the end of each month k = 1..h: cash0 + Σ net[0..k-1]. Returns the
 * runway in months: 0 when cash0 < 0; otherwise the month in which the path
 * first drops below zero, interpolated linearly inside that month (k - 1 +
 * c_{k-1} / (c_{k-1} - c_k)); SMB_OUTLOOK_NEVER when it never does within h.
 * *runs_out is that month 1..h, 0 when cash0 < 0 already, -1 when never. */
double smb_outlook_runway(double cash0, const double *net, size_t h, double *cash,
                          int *runs_out);

typedef struct smb_outlook {
	size_t n;                 /* months of history used */
	int seasonal;             /* seasonal indices applied to revenue */
	double revenue[SMB_OUTLOOK_HORIZON];
	double cogs[SMB_OUTLOOK_HORIZON];
	double opex[SMB_OUTLOOK_HORIZON];
	double net[SMB_OUTLOOK_HORIZON];   /* revenue - cogs - opex */
	double cash[SMB_OUTLOOK_HORIZON];  /* at the end of each month */
	double cogs_ratio;        /* cogs / revenue over the last 12 months, or
	                             NAN when cogs were forecast on their own */
	double revenue_6m;        /* Σ revenue[0..5] */
	double runway;            /* months, see smb_outlook_runway */
	int runs_out;             /* 1..24; 0 already negative; -1 never */
} smb_outlook;

/* The outlook from n months of history (oldest first, y[n-1] the last month
 * of the assessed period; cal0 the calendar month of y[0]) and the cash
 * balance at the end of that month. Revenue and operating expenses are
 * forecast with smb_outlook_series; cost of goods sold is revenue times its
 * ratio to revenue over the last 12 months (the percent-of-sales method of
 * financial planning), because forecasting it on its own lets sampling noise
 * drift the gross margin; only when that revenue sum is not positive are cost
 * of goods sold forecast on their own. Returns 0, or -1 with a message. */
int smb_outlook_make(const double *revenue, const double *cogs, const double *opex,
                     size_t n, int cal0, int seasonal, double cash0,
                     smb_outlook *o, char *err, size_t errlen);
/* The same with revenue already forecast: revenue_fc holds what
 * smb_outlook_series gave for revenue and SMB_OUTLOOK_HORIZON months (with
 * its *used_season in revenue_season); NULL forecasts it here. */
int smb_outlook_make_with(const double *revenue, const double *cogs, const double *opex,
                          size_t n, int cal0, int seasonal, double cash0,
                          const double *revenue_fc, int revenue_season,
                          smb_outlook *o, char *err, size_t errlen);

/* Coefficient of variation (sample standard deviation / mean, in %) of the
 * last 12 of y[0..n-1]. Returns 0, or -1 when n < 12 or the mean is not
 * positive. */
int smb_outlook_cv12(const double *y, size_t n, double *cv);

#ifdef __cplusplus
}
#endif
#endif
