/* plugins/operations/inventory.h — inventory analysis of the operations area:
 * turnover, days of inventory, GMROI, ABC classes, dead stock, stockout risk
 * against reorder points, economic order quantities. Plain C over libc and
 * libm: the operations plugin and its tests compile it, never the core. */
#ifndef SMB_INVENTORY_H
#define SMB_INVENTORY_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A month as a number: year * 12 + (month - 1), so consecutive months are
 * consecutive integers. */
int smb_inv_month(int year, int month);
/* "2026-09" (or "2026-9"); 0, or -1 when s is not a month. */
int smb_inv_month_parse(const char *s, int *month);
/* The month of a "YYYY-MM-DD" day; 0 or -1. */
int smb_inv_month_of_day(const char *day, int *month);
int smb_inv_days_in_month(int month);

/* One row of the inventory dataset: a SKU in a month. on_hand is the stock
 * at the end of that month. */
typedef struct smb_inv_row {
	int month;              /* smb_inv_month() */
	const char *sku;        /* borrowed */
	double units_sold;
	double on_hand;
	double unit_cost;
	double unit_price;
	double lead_days;       /* NAN: the settings' default */
} smb_inv_row;

typedef struct smb_inv_settings {
	int dead_months;        /* no sales for this many months = dead stock (6) */
	int history_months;     /* demand history for σ and EOQ (12) */
	double service_level;   /* cycle service level for safety stock (0.95) */
	double lead_days;       /* lead time when a row has none (14) */
	double order_cost;      /* cost of placing one order (50) */
	double holding_rate;    /* holding cost per year, share of unit cost (0.25) */
} smb_inv_settings;

void smb_inv_settings_default(smb_inv_settings *s);

enum { SMB_INV_A, SMB_INV_B, SMB_INV_C };

/* What the analysis finds for the months first..last (the assessed period).
 * Ratios that are undefined (nothing sold, no stock) are NAN. */
typedef struct smb_inv_result {
	int months;             /* months in the period */
	double days;            /* days in the period */
	size_t skus;            /* SKUs with a row in the period */

	double cogs;            /* Σ units_sold × unit_cost over the period */
	double sales;           /* Σ units_sold × unit_price */
	double gross_margin;    /* sales - cogs */
	int has_opening;        /* the month before the period has rows */
	double avg_inventory;   /* mean of the month-end values at cost, the
	                           opening (previous month end) included when known */
	double end_inventory;   /* at cost, end of the period's last month */
	double turnover;        /* turns a year: cogs / avg_inventory × 365 / days */
	double days_of_inventory; /* days / (cogs / avg_inventory) */
	double gmroi;           /* gross margin a year / avg_inventory */

	/* ABC by cost of goods sold in the period: A up to 80%, B the next 15% */
	size_t count[3];
	double value_share[3];  /* share of cogs, % */
	double a_sku_share;     /* count[A] / skus, % */

	size_t dead_skus;       /* stocked for dead_months, no sale in them */
	double dead_value;      /* their stock at cost at the period end */
	double dead_pct;        /* of end_inventory, % */

	double z;               /* standard normal quantile of service_level */
	size_t risk_skus;       /* SKUs listed at the period end with demand */
	size_t at_risk;         /* of those, on hand below the reorder point */
	double stockout_pct;    /* at_risk / risk_skus, % */
	size_t risk_a_skus, at_risk_a;
	double stockout_a_pct;  /* the same over class A, % */

	/* EOQ = sqrt(2 D S / (h c)) per SKU with demand, D = mean monthly
	 * demand × 12; summed per class */
	size_t eoq_skus;
	double eoq_orders[3];   /* orders a year, D / EOQ */
	double eoq_orders_total;
	double eoq_annual_cost; /* ordering + holding at EOQ, sqrt(2 D S h c) */
	double eoq_cycle_stock; /* Σ EOQ / 2 × c: average stock at cost under EOQ */
} smb_inv_result;

#define SMB_INV_MISSING 1   /* the rows do not cover every month of the period */

/* Analyses rows (any order; rows after `last` are ignored) for the period of
 * months first..last. Returns 0; SMB_INV_MISSING with the reason in err when
 * a month of the period has no rows; -1 with a message on bad input (a
 * negative quantity or price, a SKU twice in one month, bad settings, no
 * memory). */
int smb_inv_analyse(const smb_inv_row *rows, size_t n, int first, int last,
                    const smb_inv_settings *s, smb_inv_result *r,
                    char *err, size_t errlen);

/* ---- replenishment (replenish.c) ---------------------------------------- */

/* x with Φ(x) = p, for 0 < p < 1 (Newton steps on erfc, bracketed). */
double smb_inv_norm_quantile(double p);

/* Mean and sample standard deviation of n monthly demands (σ = 0 when n < 2). */
void smb_inv_demand_stats(const double *d, size_t n, double *mean, double *sd);

/* Reorder point in units: demand over the lead time plus safety stock,
 * μ L + z σ √L, with μ and σ per month and L the lead time in months
 * (lead_days / (365 / 12)). */
double smb_inv_reorder_point(double mean, double sd, double lead_days, double z);

/* Economic order quantity sqrt(2 D S / (h c)) for annual demand D, order
 * cost S, holding rate h a year and unit cost c; 0 when D, S, h or c is not
 * positive. */
double smb_inv_eoq(double annual_demand, double order_cost, double holding_rate,
                   double unit_cost);

#ifdef __cplusplus
}
#endif
#endif
