/* core/engine/industries.c — which industries a client may have. An industry
 * no plugin knows would silently get default goalposts and every piece of
 * advice; a typo ("ecommerce") would do the same, so both are refused and
 * the known spellings of the usual ones are accepted as aliases. */
#include "industries.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Decision (README "Industries"): a trades firm (plumber, electrician,
 * builder) sells its people's time on jobs, as a services firm does:
 * utilisation and realisation are its numbers, so `trades` is `services`. */
static const struct {
	const char *alias, *industry;
} aliases[] = {
	{ "ecommerce", "e-commerce" },     { "e-shop", "e-commerce" },         { "eshop", "e-commerce" },
	{ "online-shop", "e-commerce" },   { "online-retail", "e-commerce" },  { "webshop", "e-commerce" },
	{ "shop", "retail" },              { "store", "retail" },              { "retailer", "retail" },
	{ "restaurants", "restaurant" },   { "cafe", "restaurant" },           { "hospitality", "restaurant" },
	{ "food-service", "restaurant" },  { "software", "saas" },             { "software-as-a-service", "saas" },
	{ "service", "services" },         { "professional-services", "services" }, { "trades", "services" },
	{ "trade", "services" },           { "tradesman", "services" },        { "agency", "services" },
	{ "consulting", "services" },      { "none", "other" },                { "general", "other" },
};

size_t smb_industry_list(const smb_registry *r, const char **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < r->nplugins; i++) {
		int seen = 0;
		if (!r->plugins[i].industry)
			continue;
		for (size_t k = 0; k < n && !seen; k++)
			seen = strcmp(out[k], r->plugins[i].industry) == 0;
		if (!seen && n + 1 < max)
			out[n++] = r->plugins[i].industry;
	}
	if (n < max)
		out[n++] = SMB_INDUSTRY_OTHER;
	return n;
}

void smb_industry_aliases(const char *industry, char *out, size_t outlen)
{
	size_t used = 0;

	if (outlen)
		out[0] = '\0';
	for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
		if (strcmp(aliases[i].industry, industry) == 0 && used < outlen)
			used += (size_t)snprintf(out + used, outlen - used, "%s%s", used ? ", " : "", aliases[i].alias);
}

int smb_industry_resolve(const smb_registry *r, const char *text, char *out, size_t outlen, char *why, size_t whylen)
{
	const char *known[64];
	size_t n = smb_industry_list(r, known, 64), used = 0;
	char norm[80];
	size_t len = 0;

	for (const char *p = text ? text : ""; *p && len + 1 < sizeof norm; p++)
		norm[len++] = *p == ' ' || *p == '_' ? '-' : (char)tolower((unsigned char)*p);
	norm[len] = '\0';
	for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
		if (strcmp(aliases[i].alias, norm) == 0) {
			snprintf(norm, sizeof norm, "%s", aliases[i].industry);
			break;
		}
	for (size_t i = 0; i < n; i++)
		if (strcmp(known[i], norm) == 0) {
			snprintf(out, outlen, "%s", norm);
			return 0;
		}
	used = (size_t)snprintf(why, whylen, "industry '%s' is not one smbopt knows; use one of: ", text ? text : "");
	for (size_t i = 0; i < n && used < whylen; i++)
		used += (size_t)snprintf(why + used, whylen - used, "%s%s", i ? ", " : "", known[i]);
	if (used < whylen)
		snprintf(why + used, whylen - used, " (smbopt industries)");
	return -1;
}
