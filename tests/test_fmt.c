/* tests/test_fmt.c — numbers and labels for people (core/util/fmt.c) and the
 * edit distance behind "did you mean" (core/util/near.c), against values
 * worked out by hand in the comments. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "near.h"
#include "tap.h"

static void value(double v, const char *unit, const char *want)
{
	char out[SMB_FMT_VALUE];

	smb_fmt_value(out, v, unit);
	is_str(out, want, "%.17g %s reads \"%s\"", v, unit, want);
}

static void fit(const char *s, size_t width, const char *want)
{
	char out[4 * 64 + 1];

	smb_fmt_fit(out, s, width, 0);
	is_str(out, want, "\"%s\" in %zu columns", s, width);
}

int main(void)
{
	char out[SMB_FMT_VALUE];
	char *u;

	/* money: whole with separators from 1,000, to cents below, whole amounts without */
	value(181138.4, "GBP", "181,138 GBP");
	value(-3927.0, "EUR", "-3,927 EUR");
	value(23.5, "GBP", "23.50 GBP");
	value(800, "GBP", "800 GBP");
	value(1234567.891, "currency", "1,234,568 currency");
	value(4000, "GBP/m2", "4,000 GBP/m2");
	/* percentages to one decimal, ratios to two, counts whole when whole */
	value(44.2166, "%", "44.2%");
	value(-0.04, "%", "0.0%");
	value(3.2165, "ratio", "3.22");
	value(13, "people", "13 people");
	value(5.11, "count", "5.1 count");
	value(197.64, "count", "198 count");
	value(98.214, "days", "98.21 days");
	value(601, "hours", "601.0 hours");
	value(NAN, "GBP", "-");
	smb_fmt_grouped(out, 999.5, 0);
	is_str(out, "1,000", "999.5 rounds to 1,000, grouped after rounding");
	smb_fmt_grouped(out, -0.001, 2);
	is_str(out, "0.00", "no negative zero");

	/* the client's currency replaces "currency" and the legacy "EUR" */
	u = smb_fmt_unit_for("currency/m2", "GBP");
	is_str(u, "GBP/m2", "currency/m2 for a GBP client");
	free(u);
	u = smb_fmt_unit_for("EUR", "GBP");
	is_str(u, "GBP", "EUR declared by an older playbook is the client's money too");
	free(u);
	u = smb_fmt_unit_for("days", "GBP");
	is_str(u, "days", "other units stay");
	free(u);
	ok(smb_fmt_is_money("USD") && !smb_fmt_is_money("ratio") && !smb_fmt_is_money("%"), "money units");

	/* labels: cut at a word, ended with an ellipsis (one column) */
	fit("Days of inventory (stock at cost / cost of goods sold a day)", 44,
	    "Days of inventory (stock at cost / cost of\xE2\x80\xA6");
	fit("Revenue", 44, "Revenue");
	fit("Supercalifragilistic", 8, "Superca\xE2\x80\xA6");
	is_int((long long)smb_fmt_width("Sales per m\xC2\xB2"), 12, "m² is one column");
	{
		char padded[4 * 20 + 1];
		smb_fmt_fit(padded, "m\xC2\xB2 area", 10, 1);
		is_int((long long)smb_fmt_width(padded), 10, "padded to the width in columns, not bytes");
	}

	/* edit distance: one edit for a dropped letter, a swap or a change */
	is_int((long long)smb_edit_distance("finance.revnue", "finance.revenue", 2), 1, "revnue: one deletion");
	is_int((long long)smb_edit_distance("finance.recievables", "finance.receivables", 2), 1, "ie/ei: one transposition");
	is_int((long long)smb_edit_distance("kitten", "sitting", 5), 3, "kitten/sitting: 3 (Levenshtein's example)");
	is_int((long long)smb_edit_distance("finance.revenue", "marketing.leads", 2), 3, "far apart: limit + 1");
	is_int((long long)smb_edit_distance("", "abc", 5), 3, "from empty: the length");
	return done_testing();
}
