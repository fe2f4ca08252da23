/* tests/test_report.c — the report's number formats and source cleaning
 * (core/report/report.c), each expected string written out by hand. */
#include <math.h>
#include <string.h>

#include "report_int.h"
#include "tap.h"

int main(void)
{
	smb_report rp;
	char b[128];

	memset(&rp, 0, sizeof rp);
	rp.client.currency = "EUR";
	smb_rp_plain(1234567.891, 2, b, sizeof b);
	is_str(b, "1,234,567.89", "plain: thousands separators");
	smb_rp_plain(999.5, 0, b, sizeof b);
	is_str(b, "1,000", "plain: rounding carries into a new group");
	smb_rp_plain(-0.004, 2, b, sizeof b);
	is_str(b, "0.00", "plain: no minus on a value that rounds to zero");
	smb_rp_plain(-12345, 0, b, sizeof b);
	is_str(b, "-12,345", "plain: negative");
	smb_rp_plain(NAN, 1, b, sizeof b);
	is_str(b, "-", "plain: NaN");
	smb_rp_money(&rp, 1500, b, sizeof b);
	is_str(b, "\u20ac1,500", "money: whole units from 1,000");
	smb_rp_money(&rp, 800, b, sizeof b);
	is_str(b, "\u20ac800", "money: a whole amount without cents");
	smb_rp_money(&rp, 12.5, b, sizeof b);
	is_str(b, "\u20ac12.50", "money: cents below 1,000");
	smb_rp_money(&rp, -1234.4, b, sizeof b);
	is_str(b, "-\u20ac1,234", "money: negative");
	smb_rp_money_whole(&rp, 741.84, b, sizeof b);
	is_str(b, "\u20ac742", "money: whole units for forecasts");
	rp.client.currency = "GBP";
	smb_rp_money(&rp, 2500000, b, sizeof b);
	is_str(b, "\u00a32,500,000", "money: the client's currency (GBP)");
	rp.client.currency = "CHF";
	smb_rp_money(&rp, 1234, b, sizeof b);
	is_str(b, "CHF 1,234", "money: a currency without a symbol by its code");
	smb_rp_value(&rp, 55734.85, "EUR", b, sizeof b);
	is_str(b, "CHF 55,735", "value: a currency unit is money in the client's currency");
	smb_rp_value(&rp, 12.345, "%", b, sizeof b);
	is_str(b, "12.3%", "value: percent to one decimal");
	smb_rp_value(&rp, 2626, "count", b, sizeof b);
	is_str(b, "2,626", "value: a count as an integer");
	smb_rp_value(&rp, 13, "people", b, sizeof b);
	is_str(b, "13 people", "value: people as an integer with the unit");
	smb_rp_value(&rp, 3.747, "turns/year", b, sizeof b);
	is_str(b, "3.75 turns/year", "value: a ratio to two decimals");
	ok(smb_rp_is_money("EUR") && !smb_rp_is_money("%") && !smb_rp_is_money("Eur") && !smb_rp_is_money("EURO"),
	   "is_money: three capital letters");
	smb_rp_source("computed by playbook operations-default (/work/x/scripts/operations.lua)", b, sizeof b);
	is_str(b, "computed by playbook operations-default (operations.lua)", "source: build paths cut to the file");
	smb_rp_source("sum of 3 months of 2026-Q3", b, sizeof b);
	is_str(b, "sum of 3 months of 2026-Q3", "source: other text unchanged");
	smb_rp_source("ratio 1/2 of /abs/path/file.csv", b, sizeof b);
	is_str(b, "ratio 1/2 of file.csv", "source: a slash inside a word is kept");
	ok(strcmp(smb_rp_goal_word(SMB_GOAL_OFF_TRACK), "Off track") == 0 &&
	       strcmp(smb_rp_goal_colour(SMB_GOAL_ACHIEVED), "#009E73") == 0,
	   "goal status: a word and an Okabe-Ito colour");
	printf("1..%d\n", tap_n);
	return tap_failed != 0;
}
