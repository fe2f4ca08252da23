/* core/models/clv/clv.h — customer-lifetime-value models of the customer area:
 * per-customer summary, BG/NBD purchases, Gamma-Gamma spend, discounted CLV, RFM.
 * Plain C over libc and libm only: the customer plugin never links the core. */
#ifndef SMB_CLV_H
#define SMB_CLV_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- summary (summary.c) ------------------------------------------------ */

/* One transaction line. day counts days since 1970-01-01. */
typedef struct smb_clv_txn {
	const char *customer_id;
	int day;
	double amount;          /* negative for a refund */
} smb_clv_txn;

/* A customer as the models see it. Times are in weeks, measured from the
 * first purchase day; the window ends on the last day of the period. */
typedef struct smb_clv_customer {
	const char *id;         /* borrowed from the transactions passed in */
	double x;               /* repeat purchase days */
	double t_x;             /* (last purchase day - first purchase day) / 7 */
	double T;               /* (period last day - first purchase day) / 7 */
	double mean_value;      /* mean value of the repeat days; 0 when x == 0 */
	double monetary_total;  /* value of all purchase days, the first included */
	int first_day, last_day;/* first and last purchase day */
} smb_clv_customer;

typedef struct smb_clv_summary_stats {
	size_t rows_used;         /* dated on or before the period's last day */
	size_t rows_after_period; /* ignored */
	size_t refund_only_days;  /* days with refunds only: not purchases */
	size_t refund_only_customers; /* no purchase day at all: left out */
} smb_clv_summary_stats;

/* "YYYY-MM-DD" (a real calendar date) to days since 1970-01-01.
 * Returns 0, or -1 when s is not such a date. */
int smb_clv_parse_date(const char *s, int *day);

/* Builds one smb_clv_customer per customer with a purchase day on or before
 * period_last_day; *out is malloc'ed (caller frees), sorted by customer id.
 * A day counts as a purchase day when it has at least one line with
 * amount >= 0; its value is the sum of all that day's lines (refunds net
 * within the day). Refund-only days are not purchases and are counted in
 * stats (which may be NULL). Returns 0, or -1 with a message in err. */
int smb_clv_summarize(const smb_clv_txn *txns, size_t n, int period_last_day,
                      smb_clv_customer **out, size_t *ncust,
                      smb_clv_summary_stats *stats, char *err, size_t errlen);

/* ---- BG/NBD (bgnbd.c) --------------------------------------------------- */

typedef struct smb_bgnbd {
	double r, alpha, a, b;  /* purchase rate ~ Gamma(r, alpha); dropout ~ Beta(a, b) */
	double se[4];           /* standard errors of r, alpha, a, b (inverse Hessian,
	                           delta method); NAN when the Hessian is singular */
	double loglik;
	size_t customers;
	int iterations;
} smb_bgnbd;

/* Maximum likelihood over all customers, from three starts (the best end
 * kept), each log parameter bounded to [-25, 25]. Returns 0; 1 when the
 * purchase process is fitted but drop-out is not identified — a heading to
 * 0 or b to infinity, or either unknown within a factor of e^3 (err: "too
 * little repeat history to estimate drop-out: 41 repeat customers over 18
 * months ..."); out then holds the estimates, but P(alive) and what stands
 * on it must not be reported; or -1 with a "cannot fit BG/NBD: ..." message
 * (fewer than 2 customers, no repeat purchase, no convergence). */
int smb_bgnbd_fit(const smb_clv_customer *c, size_t n, smb_bgnbd *out,
                  char *err, size_t errlen);
double smb_bgnbd_loglik(const smb_bgnbd *p, const smb_clv_customer *c, size_t n);
/* P(still active at T | x, t_x, T); 1 when x == 0. */
double smb_bgnbd_p_alive(const smb_bgnbd *p, double x, double t_x, double T);
/* E[X(t)]: expected repeat purchases of a new customer in t weeks. */
double smb_bgnbd_expected(const smb_bgnbd *p, double t);
/* E[Y(t) | x, t_x, T]: expected purchases in the t weeks after T. */
double smb_bgnbd_conditional(const smb_bgnbd *p, double t, double x, double t_x,
                             double T);
/* smb_bgnbd_conditional at t[0..n) into out[0..n), for one customer. */
void smb_bgnbd_conditional_curve(const smb_bgnbd *p, double x, double t_x, double T,
                                 const double *t, size_t n, double *out);

/* ---- Gamma-Gamma spend and CLV (gammagamma.c) --------------------------- */

typedef struct smb_gg {
	double p, q, gamma;     /* spend per purchase ~ Gamma(p, nu), nu ~ Gamma(q, gamma) */
	double loglik;
	size_t customers;       /* repeat customers with a positive mean value */
	size_t excluded;        /* repeat customers whose mean value is <= 0 */
	int iterations;
} smb_gg;

/* Fits on the customers with x > 0 and mean_value > 0; repeat customers
 * with mean_value <= 0 are left out and counted in out->excluded. Returns 0;
 * 1 when the fit has q <= 1 (no finite mean spend: out holds the estimates,
 * err the reason, and no spend or CLV may be reported); or -1 with a
 * "cannot fit Gamma-Gamma: ..." message. */
int smb_gg_fit(const smb_clv_customer *c, size_t n, smb_gg *out,
               char *err, size_t errlen);
double smb_gg_loglik(const smb_gg *g, const smb_clv_customer *c, size_t n);
/* E[spend per purchase | x, mean_value] = p (gamma + x m) / (p x + q - 1);
 * with x == 0 the population mean p gamma / (q - 1). Returns -1 (not a
 * value) when the mean does not exist (p x + q <= 1). */
double smb_gg_expected_spend(const smb_gg *g, double x, double mean_value);

/* The longest CLV horizon, in months; smb_clv_value sizes its arrays by it. */
#define SMB_CLV_MAX_MONTHS 1200

/* "The next 12 months" everywhere (expected purchases in the assessment and
 * in `customers`): 365.25 / 7 = 52.18 weeks, the same 12 months of 365.25/12
 * days the CLV sums, rather than 52 weeks, which fall 1.25 days short. */
#define SMB_CLV_YEAR_WEEKS (365.25 / 7.0)

typedef struct smb_clv_options {
	int months;               /* CLV horizon, 1..SMB_CLV_MAX_MONTHS; 12 by default */
	double monthly_discount;  /* 0.01 by default */
	double horizon_weeks;     /* for expected_purchases; SMB_CLV_YEAR_WEEKS by default */
} smb_clv_options;
void smb_clv_options_default(smb_clv_options *o);

typedef struct smb_clv_result {
	double p_alive;
	double expected_purchases; /* in the next horizon_weeks */
	double expected_spend;     /* per purchase */
	double clv;                /* discounted value of the next `months` months */
	int in_spend_model;        /* 0: repeat customer with mean value <= 0, spend taken as 0 */
} smb_clv_result;

/* Purchases are spread over months by increments of E[Y(t)] at the ends of
 * months of 365.25/12 days; month m's value is discounted by (1+d)^m
 * (paid at the month's end). Returns 0, or -1 with a message. */
int smb_clv_value(const smb_bgnbd *bg, const smb_gg *gg, const smb_clv_customer *c,
                  const smb_clv_options *opt, smb_clv_result *res,
                  char *err, size_t errlen);
/* smb_clv_value over n customers into res[0..n). */
int smb_clv_score(const smb_bgnbd *bg, const smb_gg *gg, const smb_clv_customer *c,
                  size_t n, const smb_clv_options *opt, smb_clv_result *res,
                  char *err, size_t errlen);

/* ---- RFM (rfm.c) -------------------------------------------------------- */

enum smb_rfm_segment {
	SMB_RFM_CHAMPIONS = 0,
	SMB_RFM_LOYAL,
	SMB_RFM_POTENTIAL_LOYALIST,
	SMB_RFM_NEW,
	SMB_RFM_PROMISING,
	SMB_RFM_NEED_ATTENTION,
	SMB_RFM_ABOUT_TO_SLEEP,
	SMB_RFM_CANNOT_LOSE,
	SMB_RFM_AT_RISK,
	SMB_RFM_HIBERNATING,
	SMB_RFM_LOST,
	SMB_RFM_NSEGMENTS
};

typedef struct smb_rfm_score {
	int r, f, m;            /* 1..5, 5 best */
	int segment;            /* enum smb_rfm_segment */
} smb_rfm_score;

/* "champions", "loyal", "potential loyalist", ...; NULL when out of range. */
const char *smb_rfm_segment_name(int segment);
/* The segment of one score triple (the mapping table is in rfm.c). */
int smb_rfm_segment_of(int r, int f, int m);
/* Scores every customer: recency = days from last purchase to period_last_day
 * (fewer is better), frequency = purchase days (x + 1), monetary =
 * monetary_total. scores has n entries; counts (may be NULL) has
 * SMB_RFM_NSEGMENTS. Returns 0, or -1 with a message. */
int smb_rfm_segment(const smb_clv_customer *c, size_t n, int period_last_day,
                    smb_rfm_score *scores, size_t *counts,
                    char *err, size_t errlen);

/* ---- numerical helpers (special.c), shared by the files above ----------- */

/* log Gamma, digamma, trigamma for x > 0; reentrant (libm's lgamma writes
 * the global signgam, a data race when batches run in threads). */
double smb_clv_lgamma(double x);
double smb_clv_digamma(double x);
double smb_clv_trigamma(double x);

/* Objective for smb_clv_minimize: value, gradient and Hessian at theta
 * (dimension n <= 4). Returns 0, or nonzero when theta is unusable. */
typedef int (*smb_clv_objective)(const double *theta, double *f, double *g,
                                 double *h, void *ud);
/* Inverts the n x n matrix a (row-major, n <= 4) into inv by Gauss-Jordan
 * with partial pivoting. Returns 0, or -1 when it is singular. */
int smb_clv_invert(const double *a, int n, double *inv);

/* Damped Newton (Levenberg-Marquardt) minimisation from theta (updated in
 * place). Returns 0 when converged, 1 when it did not converge, 2 when a
 * coordinate left [-bound, bound], 3 when it stalled on a flat ridge, -1
 * when the objective failed at the start. */
int smb_clv_minimize(smb_clv_objective fn, void *ud, int n, double *theta,
                     double bound, int *iterations);

/* The distinct values of x[0..n) in increasing order (*values) with how
 * often each occurs (*counts), both malloc'ed; idx[i] (n entries, caller's)
 * is the position of x[i] among them. The likelihoods use it to compute
 * their per-x gamma-function terms once per distinct x. Returns the number
 * of distinct values, or 0 when out of memory (n > 0). */
size_t smb_clv_distinct(const int *x, size_t n, int **values, size_t **counts, int *idx);

#ifdef __cplusplus
}
#endif
#endif
