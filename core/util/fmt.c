/* core/util/fmt.c — numbers and labels for people (fmt.h). One rule per unit
 * family, so text, Markdown and tables never disagree on a figure. */
#include "fmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t code_len(const char *unit)
{
	size_t n = strcspn(unit, "/");

	if (n == 8 && strncmp(unit, "currency", 8) == 0)
		return n;
	if (n == 3 && unit[0] >= 'A' && unit[0] <= 'Z' && unit[1] >= 'A' && unit[1] <= 'Z' && unit[2] >= 'A' &&
	    unit[2] <= 'Z')
		return n;
	return 0;
}

int smb_fmt_is_money(const char *unit)
{
	return unit && code_len(unit) > 0;
}

char *smb_fmt_unit_for(const char *unit, const char *currency)
{
	size_t n = unit ? strcspn(unit, "/") : 0;
	char *out;

	if (!unit)
		return NULL;
	if (!currency || !((n == 8 && strncmp(unit, "currency", 8) == 0) || (n == 3 && strncmp(unit, "EUR", 3) == 0)))
		return strdup(unit);
	if (!(out = malloc(strlen(currency) + strlen(unit + n) + 1)))
		return NULL;
	strcpy(out, currency);
	strcat(out, unit + n);
	return out;
}

/* The separators of numbers for people (text and Markdown; JSON and CSV
 * always write 1234.5). Set once at start-up from the configuration,
 * before any thread runs, and read-only afterwards. */
static struct {
	const char *group;   /* between groups of three digits */
	char point;          /* before the decimals */
} sep = { ",", '.' };

int smb_fmt_locale(const char *name)
{
	/* by language, then region where they differ: de_CH groups with ' */
	static const struct { const char *prefix; const char *group; char point; } table[] = {
		{ "de_CH", "'", '.' }, { "it_CH", "'", '.' }, { "fr_CH", "'", '.' },
		{ "C", ",", '.' }, { "POSIX", ",", '.' }, { "en", ",", '.' },
		{ "de", ".", ',' }, { "nl", ".", ',' }, { "it", ".", ',' }, { "es", ".", ',' }, { "pt", ".", ',' },
		{ "da", ".", ',' }, { "id", ".", ',' }, { "tr", ".", ',' },
		/* a narrow no-break space, as these languages write thousands */
		{ "fr", "\xe2\x80\xaf", ',' }, { "sv", "\xe2\x80\xaf", ',' }, { "nb", "\xe2\x80\xaf", ',' },
		{ "fi", "\xe2\x80\xaf", ',' }, { "pl", "\xe2\x80\xaf", ',' }, { "cs", "\xe2\x80\xaf", ',' },
	};

	if (!name || !*name)
		return 0;
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		size_t n = strlen(table[i].prefix);
		/* "de" matches de, de_DE, de_DE.UTF-8 and de.UTF-8, not "dev" */
		if (strncmp(name, table[i].prefix, n) == 0 && strchr("_.@", name[n] ? name[n] : '.')) {
			sep.group = table[i].group;
			sep.point = table[i].point;
			return 0;
		}
	}
	return -1;
}

void smb_fmt_grouped(char out[SMB_FMT_VALUE], double v, int decimals)
{
	char raw[SMB_FMT_VALUE];
	const char *p = raw;
	size_t digits, o = 0;

	if (!isfinite(v) || fabs(v) >= 1e18) {   /* beyond grouping: plain */
		snprintf(out, SMB_FMT_VALUE, "%.*g", 6, v);
		return;
	}
	snprintf(raw, sizeof raw, "%.*f", decimals, v);
	if (strcmp(raw, "-0") == 0 || strspn(raw, "-0.") == strlen(raw))
		p = raw + (raw[0] == '-');   /* no "-0.00" */
	if (*p == '-')
		out[o++] = *p++;
	digits = strcspn(p, ".");
	for (size_t i = 0; i < digits && o + 8 < SMB_FMT_VALUE; i++) {
		out[o++] = p[i];
		if ((digits - i - 1) % 3 == 0 && i + 1 < digits)
			for (const char *g = sep.group; *g; g++)
				out[o++] = *g;
	}
	snprintf(out + o, SMB_FMT_VALUE - o, "%s", p + digits);
	if (p[digits] == '.' && o < SMB_FMT_VALUE)
		out[o] = sep.point;
}

static int is_count(const char *unit)
{
	static const char *const counts[] = { "count", "people", "customers", "orders", "points", NULL };

	for (size_t i = 0; counts[i]; i++)
		if (strcmp(unit, counts[i]) == 0)
			return 1;
	return 0;
}

void smb_fmt_value(char out[SMB_FMT_VALUE], double v, const char *unit)
{
	char num[SMB_FMT_VALUE];
	int decimals;

	if (isnan(v)) {
		snprintf(out, SMB_FMT_VALUE, "-");
		return;
	}
	if (isinf(v)) {   /* beyond measure (a runway never reached): the source says why */
		snprintf(out, SMB_FMT_VALUE, "none");
		return;
	}
	unit = unit ? unit : "";
	if (strcmp(unit, "%") == 0) {
		smb_fmt_grouped(num, v, 1);
		snprintf(out, SMB_FMT_VALUE, "%.*s%%", SMB_FMT_VALUE - 2, num);
		return;
	}
	if (smb_fmt_is_money(unit))
		decimals = fabs(v) >= 1000 || fabs(v - round(v)) < 1e-9 ? 0 : 2;
	else if (strcmp(unit, "ratio") == 0)
		decimals = 2;
	else if (is_count(unit))
		decimals = fabs(v - round(v)) < 1e-9 || fabs(v) >= 100 ? 0 : 1;
	else
		decimals = fabs(v) >= 1000 ? 0 : fabs(v) >= 100 ? 1 : 2;
	smb_fmt_grouped(num, v, decimals);
	if (*unit && strcmp(unit, "ratio") != 0)
		snprintf(out, SMB_FMT_VALUE, "%.*s %.*s", SMB_FMT_VALUE / 2 - 1, num, SMB_FMT_VALUE / 2 - 2, unit);
	else
		snprintf(out, SMB_FMT_VALUE, "%s", num);
}

size_t smb_fmt_width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

/* The byte length of the first n code points of s. */
static size_t bytes_of(const char *s, size_t n)
{
	size_t b = 0;

	while (s[b] && n) {
		b++;
		while (((unsigned char)s[b] & 0xC0) == 0x80)
			b++;
		n--;
	}
	return b;
}

void smb_fmt_fit(char *out, const char *s, size_t width, int pad)
{
	size_t w = smb_fmt_width(s), len, o;

	if (w <= width) {
		len = strlen(s);
		memcpy(out, s, len);
		o = len;
	} else {
		size_t keep = width ? width - 1 : 0, cut = bytes_of(s, keep), b = cut;
		while (b > 0 && s[b] != ' ')   /* back to the last word boundary */
			b--;
		if (b > 0)
			cut = b;
		while (cut > 0 && (s[cut - 1] == ' ' || s[cut - 1] == ',' || s[cut - 1] == '('))
			cut--;
		memcpy(out, s, cut);
		memcpy(out + cut, "\xE2\x80\xA6", 3);   /* … */
		o = cut + 3;
		w = smb_fmt_width(s) - smb_fmt_width(s + cut) + 1;
	}
	while (pad && w < width) {
		out[o++] = ' ';
		w++;
	}
	out[o] = '\0';
}
