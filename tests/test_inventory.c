/* tests/test_inventory.c — the inventory analysis of the operations plugin
 * against answers worked by hand (in the comments) and textbook examples:
 * normal quantiles, EOQ, reorder points, turnover, ABC, dead stock. */
#include "tap.h"
#include "../plugins/operations/inventory.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void test_months(void)
{
	int m = 0;

	ok(smb_inv_month_parse("2026-09", &m) == 0 && m == 2026 * 12 + 8, "2026-09 is month 2026*12+8");
	ok(smb_inv_month_parse("2026-9", &m) == 0 && m == 2026 * 12 + 8, "2026-9 is read too");
	ok(smb_inv_month_parse("2026-13", &m) == -1, "month 13 is refused");
	ok(smb_inv_month_parse("2026-Q3", &m) == -1, "a quarter is not a month");
	ok(smb_inv_month_parse("2026", &m) == -1, "a year is not a month");
	ok(smb_inv_month_parse("2026-09x", &m) == -1, "trailing text is refused");
	ok(smb_inv_month_parse(NULL, &m) == -1, "NULL is refused");
	ok(smb_inv_month_of_day("2026-09-30", &m) == 0 && m == 2026 * 12 + 8, "the month of 2026-09-30");
	ok(smb_inv_month_of_day("2026-09", &m) == -1, "a month is not a day");
	is_int(smb_inv_days_in_month(smb_inv_month(2024, 2)), 29, "February 2024 has 29 days");
	is_int(smb_inv_days_in_month(smb_inv_month(2100, 2)), 28, "February 2100 has 28 days");
	is_int(smb_inv_days_in_month(smb_inv_month(2000, 2)), 29, "February 2000 has 29 days");
	is_int(smb_inv_days_in_month(smb_inv_month(2026, 9)), 30, "September has 30 days");
}

static void test_quantile(void)
{
	/* standard normal table values */
	is_num(smb_inv_norm_quantile(0.95), 1.6448536269514722, 1e-12, "z(0.95) = 1.644854");
	is_num(smb_inv_norm_quantile(0.975), 1.9599639845400536, 1e-12, "z(0.975) = 1.959964");
	is_num(smb_inv_norm_quantile(0.99), 2.3263478740408408, 1e-12, "z(0.99) = 2.326348");
	is_num(smb_inv_norm_quantile(0.90), 1.2815515655446004, 1e-12, "z(0.90) = 1.281552");
	is_num(smb_inv_norm_quantile(0.5), 0, 1e-15, "z(0.5) = 0");
	is_num(smb_inv_norm_quantile(0.05), -1.6448536269514722, 1e-12, "z(0.05) = -1.644854 (symmetry)");
	is_num(smb_inv_norm_quantile(1e-10), -6.361340902404056, 1e-8, "z(1e-10) = -6.361341 (far tail)");
	ok(isnan(smb_inv_norm_quantile(0)) && isnan(smb_inv_norm_quantile(1)) &&
	   isnan(smb_inv_norm_quantile(NAN)), "z of 0, 1 or NaN is NaN");
}

static void test_replenishment(void)
{
	double mean, sd;
	const double d[3] = { 10, 20, 30 };
	const double flat[4] = { 1e9 + 1, 1e9 + 1, 1e9 + 1, 1e9 + 1 };

	smb_inv_demand_stats(d, 3, &mean, &sd);
	is_num(mean, 20, 1e-12, "mean of 10, 20, 30 = 20");
	is_num(sd, 10, 1e-12, "sample sd of 10, 20, 30 = sqrt(200 / 2) = 10");
	smb_inv_demand_stats(d, 1, &mean, &sd);
	is_num(sd, 0, 0, "one month: sd 0");
	smb_inv_demand_stats(flat, 4, &mean, &sd);
	is_num(sd, 0, 0, "a large constant demand has sd exactly 0 (two-pass)");

	/* Chopra & Meindl's lot-sizing example (Best Buy computers): annual
	 * demand 12,000, order cost 4,000, holding 20%, unit cost 500:
	 * EOQ = sqrt(2 * 12000 * 4000 / (0.2 * 500)) = sqrt(960000) = 979.8 (the book: 980). */
	is_num(smb_inv_eoq(12000, 4000, 0.2, 500), 979.7958971132713, 1e-9, "EOQ of the Best Buy example = 979.8");
	is_num(smb_inv_eoq(0, 50, 0.25, 10), 0, 0, "no demand: no EOQ");
	is_num(smb_inv_eoq(100, 50, 0.25, 0), 0, 0, "free item: no EOQ");

	/* Chopra & Meindl's safety-inventory example: demand 2,500 a period, σ 500,
	 * lead time 2 periods, cycle service level 90%: safety stock
	 * z(0.9) * sqrt(2) * 500 = 1.2816 * 707.1 = 906, ROP = 5,000 + 906 = 5,906.
	 * Periods here are months: a 2-month lead time is 2 * 365/12 days. */
	is_num(smb_inv_reorder_point(2500, 500, 2 * 365.0 / 12, smb_inv_norm_quantile(0.90)),
	       5906.193802436824, 1e-6, "ROP of the textbook example = 5,906");
	/* μ 300, σ 60, half a month, 95%: 150 + 1.6449 * 60 * 0.7071 = 219.785 */
	is_num(smb_inv_reorder_point(300, 60, 365.0 / 24, smb_inv_norm_quantile(0.95)),
	       219.7852292206004, 1e-9, "ROP for half a month at 95%% = 219.785");
	is_num(smb_inv_reorder_point(300, 60, 0, 1.645), 0, 0, "no lead time: reorder point 0");
}

#define M(y, m) smb_inv_month(y, m)

/* Four SKUs, Oct 2025 .. Mar 2026, assessed for 2026-Q1 (the worked example):
 *   A1 cost 10 price 20: sells 100 every month, 200 on hand
 *   B1 cost 5  price 8 : sells 20 every month, 100 on hand
 *   C1 cost 2  price 3 : sold 10 in Oct and Nov, nothing since, 50 on hand
 *   D1 cost 4  price 10: new in Feb (10 sold, 40 left), Mar (30 sold, 5 left), lead 30 days */
static size_t example(smb_inv_row *r)
{
	size_t n = 0;
	for (int i = 0; i < 6; i++) {
		int mo = M(2025, 10) + i;
		r[n++] = (smb_inv_row){ mo, "A1", 100, 200, 10, 20, NAN };
		r[n++] = (smb_inv_row){ mo, "B1", 20, 100, 5, 8, NAN };
		r[n++] = (smb_inv_row){ mo, "C1", i < 2 ? 10 : 0, 50, 2, 3, NAN };
	}
	r[n++] = (smb_inv_row){ M(2026, 3), "D1", 30, 5, 4, 10, 30 };   /* out of order on purpose */
	r[n++] = (smb_inv_row){ M(2026, 2), "D1", 10, 40, 4, 10, 30 };
	return n;
}

static void test_worked_example(void)
{
	smb_inv_row rows[32];
	size_t n = example(rows);
	smb_inv_settings s;
	smb_inv_result r;
	char err[200] = "";
	int rc;

	smb_inv_settings_default(&s);
	s.dead_months = 3;
	rc = smb_inv_analyse(rows, n, M(2026, 1), M(2026, 3), &s, &r, err, sizeof err);
	is_int(rc, 0, "the worked example is analysed (%s)", err);
	is_int(r.months, 3, "three months");
	is_num(r.days, 90, 0, "31 + 28 + 31 = 90 days");
	is_int((long long)r.skus, 4, "four SKUs in the period");
	/* COGS: A1 300*10 + B1 60*5 + D1 40*4 = 3000 + 300 + 160 = 3460;
	 * sales: 300*20 + 60*8 + 40*10 = 6880; margin 3420 */
	is_num(r.cogs, 3460, 1e-9, "cost of goods sold 3460");
	is_num(r.sales, 6880, 1e-9, "sales 6880");
	is_num(r.gross_margin, 3420, 1e-9, "gross margin 3420");
	/* stock at cost: Dec (opening) 2000+500+100 = 2600, Jan 2600, Feb 2600+160 = 2760,
	 * Mar 2600+20 = 2620; average (2600+2600+2760+2620)/4 = 2645 */
	ok(r.has_opening, "December is the opening stock");
	is_num(r.avg_inventory, 2645, 1e-9, "average stock 2645");
	is_num(r.end_inventory, 2620, 1e-9, "closing stock 2620");
	/* turnover 3460/2645 = 1.3081 in the quarter, x 12/3 = 5.2325 a year;
	 * days 90 / 1.3081 = 68.80; GMROI 3420/2645 x 4 = 5.1720 */
	is_num(r.turnover, 5.232514177693762, 1e-12, "turnover 5.23 a year");
	is_num(r.days_of_inventory, 68.80057803468208, 1e-10, "68.8 days of inventory");
	is_num(r.gmroi, 5.1720226843100185, 1e-12, "GMROI 5.17");
	/* ABC by COGS: A1 3000 (86.7%) is A; B1 starts at 86.7% < 95%: B;
	 * D1 starts at 3300/3460 = 95.4%: C; C1 sold nothing: C */
	is_int((long long)r.count[SMB_INV_A], 1, "one A SKU");
	is_int((long long)r.count[SMB_INV_B], 1, "one B SKU");
	is_int((long long)r.count[SMB_INV_C], 2, "two C SKUs");
	is_num(r.value_share[SMB_INV_A], 86.70520231213872, 1e-10, "A = 3000/3460 = 86.7%% of COGS");
	is_num(r.value_share[SMB_INV_B], 8.670520231213873, 1e-10, "B = 300/3460 = 8.7%%");
	is_num(r.value_share[SMB_INV_C], 4.624277456647398, 1e-10, "C = 160/3460 = 4.6%%");
	is_num(r.a_sku_share, 25, 1e-12, "1 of 4 SKUs is A: 25%%");
	/* dead stock, 3 months (Jan..Mar): C1, listed since Oct, no sale since
	 * Dec: 50 * 2 = 100 of 2620 = 3.817% */
	is_int((long long)r.dead_skus, 1, "one dead SKU");
	is_num(r.dead_value, 100, 1e-12, "dead stock worth 100");
	is_num(r.dead_pct, 3.816793893129771, 1e-12, "dead stock 3.82%% of stock");
	/* reorder points, z = 1.6449, default lead 14 days = 0.4603 months:
	 *   A1 μ 100 σ 0: 46.0 < 200 on hand;  B1 μ 20 σ 0: 9.2 < 100
	 *   C1 μ 3.33 σ 5.164 (10,10,0,0,0,0): 1.534 + 1.6449*5.164*0.6784 = 7.30 < 50
	 *   D1 (Feb, Mar) μ 20 σ 14.142, lead 30 days = 0.9863 months:
	 *      19.73 + 1.6449*14.142*0.9931 = 42.83 > 5 on hand: at risk */
	is_num(r.z, 1.6448536269514722, 1e-12, "z for 95%%");
	is_int((long long)r.risk_skus, 4, "four SKUs with demand checked");
	is_int((long long)r.at_risk, 1, "one below its reorder point");
	is_num(r.stockout_pct, 25, 1e-12, "stockout risk 25%%");
	is_int((long long)r.risk_a_skus, 1, "one A SKU checked");
	is_num(r.stockout_a_pct, 0, 0, "no A SKU at risk");
	/* EOQ orders a year sqrt(D h c / (2 S)): A1 sqrt(1200*0.25*10/100) = sqrt(30),
	 * B1 sqrt(3), C1 (D 40, c 2) sqrt(0.2), D1 (D 240, c 4) sqrt(2.4);
	 * annual cost sqrt(2 D S h c): 547.72 + 173.21 + 44.72 + 154.92 = 920.57;
	 * cycle stock Q c / 2 = cost / (2h) = 1841.14 */
	is_int((long long)r.eoq_skus, 4, "EOQ for four SKUs");
	is_num(r.eoq_orders[SMB_INV_A], 5.477225575051661, 1e-10, "A: sqrt(30) = 5.48 orders a year");
	is_num(r.eoq_orders[SMB_INV_B], 1.7320508075688772, 1e-10, "B: sqrt(3) = 1.73");
	is_num(r.eoq_orders[SMB_INV_C], 1.9964069339829247, 1e-10, "C: sqrt(0.2) + sqrt(2.4) = 2.00");
	is_num(r.eoq_orders_total, 9.205683316603464, 1e-10, "9.21 orders a year in all");
	is_num(r.eoq_annual_cost, 920.5683316603463, 1e-9, "ordering + holding at EOQ 920.57 a year");
	is_num(r.eoq_cycle_stock, 1841.1366633206926, 1e-9, "cycle stock at EOQ 1841.14");

	/* the default dead-stock window (6 months, Oct..Mar) has sales in it for C1 */
	smb_inv_settings_default(&s);
	rc = smb_inv_analyse(rows, n, M(2026, 1), M(2026, 3), &s, &r, err, sizeof err);
	ok(rc == 0 && r.dead_skus == 0 && r.dead_pct == 0, "six-month window: C1 sold in Oct, not dead");
	/* a service level of 50% puts the reorder point at mean demand over the lead time:
	 * D1 19.73 > 5 still at risk, C1 1.53 < 50 not */
	s.service_level = 0.5;
	rc = smb_inv_analyse(rows, n, M(2026, 1), M(2026, 3), &s, &r, err, sizeof err);
	ok(rc == 0 && r.at_risk == 1 && r.z == 0, "50%% service level: z 0, one SKU at risk");
	/* a 2-day lead time for every row without one, D1 keeps its 30 days */
	smb_inv_settings_default(&s);
	s.lead_days = 2;
	rc = smb_inv_analyse(rows, n, M(2026, 3), M(2026, 3), &s, &r, err, sizeof err);
	ok(rc == 0 && r.at_risk == 1, "rows keep their own lead time");
}

static void test_one_month(void)
{
	smb_inv_row rows[32];
	size_t n = example(rows);
	smb_inv_settings s;
	smb_inv_result r;
	char err[200] = "";

	smb_inv_settings_default(&s);
	/* March 2026: COGS 1000+100+0+120 = 1220; opening Feb 2760, closing 2620,
	 * average 2690; turnover 1220/2690 * 12 = 5.442; days 31 / (1220/2690) = 68.35 */
	is_int(smb_inv_analyse(rows, n, M(2026, 3), M(2026, 3), &s, &r, err, sizeof err), 0, "March alone");
	is_num(r.cogs, 1220, 1e-9, "March COGS 1220");
	is_num(r.avg_inventory, 2690, 1e-9, "(2760 + 2620) / 2 = 2690");
	is_num(r.turnover, 1220.0 / 2690 * 12, 1e-12, "turnover 5.44 a year");
	is_num(r.days_of_inventory, 31 / (1220.0 / 2690), 1e-10, "68.4 days");
	/* October 2025 is the first month: no opening, the average is October's 2600 */
	is_int(smb_inv_analyse(rows, n, M(2025, 10), M(2025, 10), &s, &r, err, sizeof err), 0, "October alone");
	ok(!r.has_opening, "no opening stock before the first month");
	is_num(r.avg_inventory, 2600, 1e-9, "average = October's closing stock");
	ok(isnan(r.dead_pct), "dead stock undefined: the data do not reach six months back");
	/* rows after the period are ignored */
	is_num(r.cogs, 1000 + 100 + 20, 1e-9, "October COGS 1120 ignores later months");
}

static void test_abc_boundaries(void)
{
	/* COGS 80, 15, 5 exactly: X reaches 80% alone, so Y starts at exactly
	 * 80% and is B; Z starts at exactly 95% and is C. */
	smb_inv_row rows[3] = {
		{ M(2026, 1), "Z", 5, 1, 1, 2, NAN },
		{ M(2026, 1), "X", 80, 1, 1, 2, NAN },
		{ M(2026, 1), "Y", 15, 1, 1, 2, NAN },
	};
	smb_inv_settings s;
	smb_inv_result r;
	char err[200];

	smb_inv_settings_default(&s);
	is_int(smb_inv_analyse(rows, 3, M(2026, 1), M(2026, 1), &s, &r, err, sizeof err), 0, "three SKUs");
	ok(r.count[0] == 1 && r.count[1] == 1 && r.count[2] == 1, "80 / 15 / 5: one A, one B, one C");
	is_num(r.value_share[SMB_INV_A], 80, 1e-12, "A holds 80%%");
	/* 0.1 + 0.2 + ... does not add up exactly in binary: the boundary must hold anyway */
	{
		smb_inv_row t[4] = {
			{ M(2026, 1), "P", 0.7, 1, 1, 2, NAN },
			{ M(2026, 1), "Q", 0.1, 1, 1, 2, NAN },
			{ M(2026, 1), "R", 0.15, 1, 1, 2, NAN },
			{ M(2026, 1), "S", 0.05, 1, 1, 2, NAN },
		};
		/* 0.7 then 0.15: P alone is 70% < 80%, so R (next largest) is A too;
		 * Q starts at 85%: B; S starts at 95%: C */
		is_int(smb_inv_analyse(t, 4, M(2026, 1), M(2026, 1), &s, &r, err, sizeof err), 0, "fractional units");
		ok(r.count[0] == 2 && r.count[1] == 1 && r.count[2] == 1, "70/15/10/5: two A, one B, one C");
	}
	/* nothing sold: ABC undefined, every SKU C */
	for (int i = 0; i < 3; i++)
		rows[i].units_sold = 0;
	is_int(smb_inv_analyse(rows, 3, M(2026, 1), M(2026, 1), &s, &r, err, sizeof err), 0, "nothing sold");
	ok(isnan(r.a_sku_share) && isnan(r.value_share[0]) && r.count[2] == 3, "no sales: shares undefined, all C");
	is_num(r.turnover, 0, 0, "no sales: turnover 0");
	ok(isnan(r.days_of_inventory), "no sales: days of inventory undefined");
	ok(isnan(r.stockout_pct), "no demand: stockout risk undefined");
}

static void test_errors(void)
{
	smb_inv_row rows[32];
	size_t n = example(rows);
	smb_inv_settings s;
	smb_inv_result r;
	char err[200] = "";

	smb_inv_settings_default(&s);
	is_int(smb_inv_analyse(rows, n, M(2026, 2), M(2026, 4), &s, &r, err, sizeof err), SMB_INV_MISSING,
	       "a month without rows: missing");
	is_str(err, "no inventory rows for 2026-04", "names the month");
	is_int(smb_inv_analyse(rows, 0, M(2026, 1), M(2026, 1), &s, &r, err, sizeof err), SMB_INV_MISSING,
	       "no rows at all: missing");
	rows[n] = rows[0];
	is_int(smb_inv_analyse(rows, n + 1, M(2026, 1), M(2026, 3), &s, &r, err, sizeof err), -1,
	       "a SKU twice in a month is an error");
	is_str(err, "SKU A1 appears twice for 2025-10", "saying which");
	rows[3].on_hand = -1;
	is_int(smb_inv_analyse(rows, n, M(2026, 1), M(2026, 3), &s, &r, err, sizeof err), -1, "negative stock");
	ok(strstr(err, "on_hand") != NULL, "names the column: %s", err);
	rows[3].on_hand = 200;
	s.service_level = 1;
	is_int(smb_inv_analyse(rows, n, M(2026, 1), M(2026, 3), &s, &r, err, sizeof err), -1, "service level 1");
	ok(strstr(err, "service level") != NULL, "says so: %s", err);
	smb_inv_settings_default(&s);
	s.dead_months = 0;
	is_int(smb_inv_analyse(rows, n, M(2026, 1), M(2026, 3), &s, &r, err, sizeof err), -1, "0 dead months");
	smb_inv_settings_default(&s);
	is_int(smb_inv_analyse(rows, n, M(2026, 3), M(2026, 1), &s, &r, err, sizeof err), -1, "period backwards");
}

int main(void)
{
	test_months();
	test_quantile();
	test_replenishment();
	test_worked_example();
	test_one_month();
	test_abc_boundaries();
	test_errors();
	return done_testing();
}
