/* plugins/finance/outlook.h — the cash-flow outlook of the finance area:
 * monthly revenue, cost of goods sold and operating expenses forecast 24
 * months ahead with the same ETS selection as `smbopt forecast`, debt
 * repayments at their trend, the cash path from today's balance, and revenue
 * volatility. Plain C over libc and libm (and core/models/forecast.c). */
#ifndef SMB_OUTLOOK_H
#define SMB_OUTLOOK_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SMB_OUTLOOK_HORIZON 24      /* months forecast */
#define SMB_OUTLOOK_MIN_HISTORY 6
#define SMB_OUTLOOK_MAX_HISTORY 60  /* months read back; ETS uses them all */
#define SMB_OUTLOOK_SNAIVE_MIN 12   /* seasonal naive with drift from here ... */
#define SMB_OUTLOOK_ETS_SEASON_MIN 24   /* ... the ETS selection competes from here */

/* How a series was forecast. */
typedef struct smb_outlook_how {
	int snaive;               /* 1: seasonal naive with drift; 0: ETS */
	int seasonal;             /* the forecast repeats a seasonal pattern */
	char model[32];           /* "ETS(M,N,A)", or "seasonal naive with drift" */
	double growth;            /* seasonal naive: the year-on-year factor applied */
} smb_outlook_how;

/* Forecasts y[0..n-1] (monthly, oldest first) h months ahead into out.
 * With seasonal set, from 12 months: seasonal naive with drift — a month
 * ahead is the same month of the last 12 times g per year between them, g
 * the year-on-year growth over the months seen twice (Σ y[t+12] / Σ y[t]; 1
 * with exactly 12 months), held to 0.5..2 — until the ETS selection (smb_ets,
 * model ZZZ, R's rules, a 12-month season allowed) forecasts the last 12
 * months from the months before them with a smaller mean absolute error,
 * which it can from 24 months on. Below 12 months, and with seasonal unset,
 * the ETS selection without a season. Where R's rules leave no model (few
 * values), ETS(A,N,N). Forecasts below zero are set to zero: amounts of
 * money that cannot turn negative. Needs SMB_OUTLOOK_MIN_HISTORY to
 * SMB_OUTLOOK_MAX_HISTORY months. Returns 0, or -1 with a message. */
int smb_outlook_series(const double *y, size_t n, int seasonal, size_t h, double *out,
                       smb_outlook_how *how, char *err, size_t errlen);

/* Cash at the end of each month k = 1..h: cash0 + Σ net[0..k-1]. Returns the
 * runway in months: 0 when cash0 < 0; otherwise the month in which the path
 * first drops below zero, interpolated linearly inside that month (k - 1 +
 * c_{k-1} / (c_{k-1} - c_k)); INFINITY when it never does within h (no
 * placeholder number: the caller says why). *runs_out is that month 1..h, 0
 * when cash0 < 0 already, -1 when never. */
double smb_outlook_runway(double cash0, const double *net, size_t h, double *cash,
                          int *runs_out);

/* Debt repayment a month from the trend of the debt balance: minus the
 * least-squares slope of the last (up to 12) consecutive reported balances
 * ending at debt[n-1], when that slope is negative; 0 when the debt does not
 * fall (new borrowing is not forecast as income). Returns 0, or -1 when
 * debt[n-1] is not reported or fewer than 2 months are (*repay = 0). */
int smb_outlook_repayment(const double *debt, size_t n, double *repay);

typedef struct smb_outlook_input {
	const double *revenue, *cogs, *opex;   /* n months each, oldest first */
	const double *debt;       /* n balances, NAN where not reported; may be NULL */
	const double *ocf;        /* n operating cash flows, NAN where not reported; may be NULL */
	size_t n;
	int seasonal;             /* allow a seasonal forecast */
	double cash0;             /* cash at the end of month n */
	const double *revenue_fc; /* SMB_OUTLOOK_HORIZON months already forecast, or NULL */
	const smb_outlook_how *revenue_how;   /* with revenue_fc */
} smb_outlook_input;

typedef struct smb_outlook {
	size_t n;                 /* months of history used */
	smb_outlook_how revenue_how, opex_how;
	double revenue[SMB_OUTLOOK_HORIZON];
	double cogs[SMB_OUTLOOK_HORIZON];
	double opex[SMB_OUTLOOK_HORIZON];
	double financing[SMB_OUTLOOK_HORIZON];   /* debt repaid (<= 0) */
	double net[SMB_OUTLOOK_HORIZON];   /* revenue - cogs - opex + gap + financing */
	double cash[SMB_OUTLOOK_HORIZON];  /* at the end of each month */
	double cogs_ratio;        /* cogs / revenue over the last 12 months, or
	                             NAN when cogs were forecast on their own */
	int has_debt;             /* the debt trend is known (financing counted) */
	double repay_monthly;     /* smb_outlook_repayment */
	double debt0;             /* the last debt balance: repayments stop there */
	int has_gap;              /* operating cash flow reported */
	double gap_monthly;       /* mean of ocf - (revenue - cogs - opex), last 12 months */
	double revenue_6m;        /* Σ revenue[0..5] */
	double revenue_12m;       /* Σ revenue[0..11] */
	double runway;            /* months, see smb_outlook_runway; INFINITY: never */
	int runs_out;             /* 1..24; 0 already negative; -1 never */
} smb_outlook;

/* The outlook: revenue and operating expenses forecast with
 * smb_outlook_series; cost of goods sold as revenue times their share of
 * revenue over the last 12 months (the percent-of-sales method; forecasting
 * them on their own lets noise drift the gross margin), on their own only
 * when that revenue is not positive; plus the usual gap between operating
 * cash flow and revenue - cogs - opex (its mean over the last 12 months with
 * both, 0 without cash flows), and debt repayments at their trend until the
 * last balance is repaid. Returns 0, or -1 with a message. */
int smb_outlook_make(const smb_outlook_input *in, smb_outlook *o, char *err, size_t errlen);

/* Coefficient of variation (sample standard deviation / mean, in %) of the
 * last 12 of y[0..n-1]. Returns 0, or -1 when n < 12 or the mean is not
 * positive. */
int smb_outlook_cv12(const double *y, size_t n, double *cv);

#ifdef __cplusplus
}
#endif
#endif
