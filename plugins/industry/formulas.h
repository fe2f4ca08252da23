/* plugins/industry/formulas.h — the industry metrics' formulas as pure
 * functions of numbers (libc and libm only), shared by the five industry
 * plugins and tests/test_industry.c, which checks each against a hand sum. */
#ifndef SMB_INDUSTRY_FORMULAS_H
#define SMB_INDUSTRY_FORMULAS_H

#include <stddef.h>

/* Every formula returns 0 and sets *out, or -1 when the inputs do not define
 * the metric (a zero denominator, a negative count, inconsistent values);
 * *out is then left alone. No formula ever yields NaN or infinity. */

/* Periods: "2026" (12 months), "2026-Q3" (3), "2026-09" (1); 0 when the text
 * is none of these. */
int smb_industry_period_months(const char *period);
/* The period just before: 2026 -> 2025, 2026-Q1 -> 2025-Q4, 2026-01 -> 2025-12. */
int smb_industry_prev_period(const char *period, char *buf, size_t len);
/* Days from first to last inclusive, both "YYYY-MM-DD"; -1 when unreadable
 * or last is before first. */
long smb_industry_days(const char *first, const char *last);

/* 100 * num / den; den > 0, num >= 0. */
int smb_industry_pct(double num, double den, double *out);

/* Retail */
/* Annual sales per square metre of sales floor: revenue / area * 12 / months. */
int smb_industry_sales_density(double revenue, double area_m2, double months, double *out);
/* GMROI: annualised gross margin / average inventory at cost. inv_start may be
 * NaN (no earlier figure): the period-end inventory is then the average. */
int smb_industry_gmroi(double revenue, double cogs, double inv_start, double inv_end, double months,
                       double *out);

/* E-commerce */
/* Cart abandonment: 100 * (1 - orders / carts); orders cannot exceed carts. */
int smb_industry_cart_abandonment(double orders, double carts, double *out);

/* Restaurant */
/* Prime cost: 100 * (cost of goods + labour) / revenue. */
int smb_industry_prime_cost_pct(double cogs, double labour, double revenue, double *out);
/* Covers served per seat per day open. */
int smb_industry_seat_turnover(double covers, double seats, double days, double *out);

/* Professional services */
/* Revenue per billable hour (effective rate). */
int smb_industry_per_unit(double amount, double units, double *out);

/* SaaS */
/* Compound monthly growth of MRR over the period, in %. */
int smb_industry_mrr_cmgr(double mrr_start, double mrr_end, double months, double *out);
/* Monthly logo churn, in %: 1 - (1 - lost / start)^(1 / months). */
int smb_industry_logo_churn_monthly(double lost, double start, double months, double *out);
/* Net revenue retention, annualised, in %: ((start + expansion - churned) / start)^(12 / months). */
int smb_industry_nrr_annual(double mrr_start, double expansion, double churned, double months, double *out);

#endif
