/* plugins/marketing/channels.h — per-channel acquisition analysis of the
 * marketing area: the channels rows of one period summed per channel, and the
 * figures derived from them. Plain C over libc and libm; never links the core. */
#ifndef SMB_MKT_CHANNELS_H
#define SMB_MKT_CHANNELS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Returned by the figure functions when the data do not define the figure
 * (a division by zero, no channel qualifies); not an error. */
#define SMB_MKT_UNDEFINED 1

/* A calendar period as months: 2026 is (2026, 1, 12), 2026-Q3 (2026, 7, 3),
 * 2026-09 (2026, 9, 1). */
typedef struct smb_mkt_period {
	int year;
	int month;     /* first month, 1..12 */
	int nmonths;   /* 1, 3 or 12 */
} smb_mkt_period;

/* "2026", "2026-Q3" or "2026-09". Returns 0, or -1 when s is none of them. */
int smb_mkt_period_parse(const char *s, smb_mkt_period *p);
/* 1 when every month of inner lies in outer. */
int smb_mkt_period_contains(const smb_mkt_period *outer, const smb_mkt_period *inner);

/* One channels row as imported. revenue is read only when has_revenue. */
typedef struct smb_mkt_row {
	const char *period;
	const char *channel;
	double spend, visits, leads, new_customers, revenue;
	int has_revenue;
} smb_mkt_row;

/* One channel's totals over the rows chosen for the period. */
typedef struct smb_mkt_channel {
	const char *name;        /* borrowed from the first row of the channel */
	double spend, visits, leads, new_customers;
	double revenue;          /* over the rows that have revenue */
	double revenue_spend;    /* spend of those rows: the ROAS denominator */
	int has_revenue;         /* at least one row had revenue */
} smb_mkt_channel;

typedef struct smb_mkt_summary {
	smb_mkt_channel *ch;     /* in order of first appearance */
	size_t n;
	double spend, visits, leads, new_customers, revenue, revenue_spend;
	int has_revenue;
	size_t rows;             /* rows used */
	char granularity;        /* 'e' exact period, 'm' months, 'q' quarters */
} smb_mkt_summary;

/* Sums the rows that describe `period` per channel (case-insensitive names).
 * Rows of exactly that period win; otherwise the period must be covered
 * completely by month rows (or, for a year, quarter rows): a period with
 * months missing is undefined, never silently smaller (docs/design.md §3).
 * Returns 0, SMB_MKT_UNDEFINED with the reason in err, or -1 with an error
 * in err (a negative or non-finite figure, a bad period, out of memory). */
int smb_mkt_summarize(const smb_mkt_row *rows, size_t n, const char *period,
                      smb_mkt_summary *out, char *err, size_t errlen);
void smb_mkt_summary_free(smb_mkt_summary *s);
/* Index of the channel named (case-insensitively) name, or (size_t)-1. */
size_t smb_mkt_find(const smb_mkt_summary *s, const char *name);

/* Blended CAC: spend / new customers. */
int smb_mkt_cac(const smb_mkt_summary *s, double *out);

/* The funnel over channels that measure each stage: visit -> lead over the
 * channels with visits, lead -> customer over the channels with leads, so a
 * channel that tracks no visits (an event) does not inflate the first rate. */
typedef struct smb_mkt_funnel {
	int has_v2l, has_l2c;
	double v2l_pct, l2c_pct;           /* conversion, % */
	double v2l_vs_pct, l2c_vs_pct;     /* conversion as % of its benchmark */
	int weakest;                       /* 1 visit->lead, 2 lead->customer, 0 unknown */
} smb_mkt_funnel;
/* bench_* are the benchmark conversions in %, > 0. Returns 0 when at least
 * one stage is defined, else SMB_MKT_UNDEFINED. */
int smb_mkt_funnel_of(const smb_mkt_summary *s, double bench_v2l_pct,
                      double bench_l2c_pct, smb_mkt_funnel *out);

/* ROAS: revenue / spend over the rows that report revenue. */
int smb_mkt_roas(const smb_mkt_summary *s, double *out);

/* Herfindahl-Hirschman index of new customers by channel, 0..10,000 (the
 * sum of squared percentage shares), and the largest share in %. */
int smb_mkt_hhi(const smb_mkt_summary *s, double *hhi, double *top_share_pct);

/* Moving budget from the dearest channel to the cheapest. Candidates are
 * channels with spend of at least min_share_pct % of the period's spend
 * (smaller ones are too small to judge); the best has the lowest CAC among
 * candidates with new customers, the worst the fewest customers per unit
 * spent (none at all counts as worst). amount = shift_share * worst's spend;
 * customers = extra customers if amount were spent at the best channel's
 * CAC instead of the worst's (today's CACs held: an upper estimate). */
typedef struct smb_mkt_shift {
	size_t best, worst;        /* channel indices */
	double cac_best;
	double cac_ratio;          /* cac_best / cac_worst, 0 when worst wins nobody */
	double amount;
	double customers;
} smb_mkt_shift;
/* Returns 0, or SMB_MKT_UNDEFINED with fewer than two candidates or no
 * candidate with new customers. */
int smb_mkt_budget_shift(const smb_mkt_summary *s, double min_share_pct,
                         double shift_share, smb_mkt_shift *out);

/* LTV:CAC of the channel whose customers cost most (spend > 0): 0 when a
 * channel spends and wins nobody. Channels below min_share_pct % of spend
 * are left out as in smb_mkt_budget_shift. */
int smb_mkt_ltv_cac_worst(const smb_mkt_summary *s, double ltv, double min_share_pct,
                          double *out);

/* Months of gross profit a new customer needs to repay its CAC:
 * cac / (ltv12 / 12 * gross_margin_pct / 100), ltv12 being the customer's
 * value (revenue) over the next 12 months. */
int smb_mkt_payback_months(double cac, double ltv12, double gross_margin_pct, double *out);

/* Writes name as a model field prefix: lower-case, [a-z0-9_] only, at most
 * size - 1 characters; "Google Ads" -> "google_ads". */
void smb_mkt_field_name(const char *name, char *out, size_t size);

#ifdef __cplusplus
}
#endif
#endif
