/* core/util/fmt.h — numbers and labels for people: the one place that decides
 * how a value reads in text, Markdown and (later) HTML. JSON never comes
 * here: it keeps full precision. */
#ifndef SMB_FMT_H
#define SMB_FMT_H

#include <stddef.h>

#define SMB_FMT_VALUE 64

/* Whether a unit is money: an ISO 4217 code ("GBP"), "currency", or either
 * followed by "/something" ("GBP/m2"). */
int smb_fmt_is_money(const char *unit);
/* The unit as the client reads it: "currency" (what bundled metrics declare)
 * and the legacy "EUR" become the client's currency, keeping any "/m2"
 * suffix. Returns a malloc'd string, NULL when out of memory. */
char *smb_fmt_unit_for(const char *unit, const char *currency);
/* v with thousands separators and the given decimals: "181,138", "-3,927.50". */
void smb_fmt_grouped(char out[SMB_FMT_VALUE], double v, int decimals);
/* The separators for a locale name (C, en_GB.UTF-8, de_DE, fr_FR, de_CH,
 * ...): 0, or -1 for a name it does not know (the separators stay). Call
 * before any thread starts; the default is 1,234.5. */
int smb_fmt_locale(const char *name);
/* A value with its unit, by the house rules: money whole above 1,000 and to
 * cents below, ratios to 2 decimals, percentages to 1, counts as integers
 * when they are whole; "-" for NaN. "181,138 GBP", "44.2%", "13 people". */
void smb_fmt_value(char out[SMB_FMT_VALUE], double v, const char *unit);
/* The number of terminal columns of UTF-8 text (code points). */
size_t smb_fmt_width(const char *s);
/* s fitted to width columns: unchanged when it fits, else cut at the last
 * word boundary that leaves room for "…" and ended with it (mid-word only
 * when one word is longer than the width), then padded with spaces to
 * width when pad is set. out needs 4 * width + 1 bytes. */
void smb_fmt_fit(char *out, const char *s, size_t width, int pad);

#endif
