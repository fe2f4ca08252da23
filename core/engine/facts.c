/* core/engine/facts.c — the vocabulary of client facts. A fact is something a
 * consultant would say of the business in a word ("it ships orders"); the
 * host tells each from the industry's declaration or from the data, never
 * from a guess, so a fact not told is absent and advice needing it stays out. */
#include "facts.h"

#include <stdio.h>
#include <string.h>

static const struct {
	const char *name;
	const char *means;
} facts[SMB_NFACTS] = {
	{ "inventory", "an inventory dataset holds rows for the client" },
	{ "stock", "holds goods in stock: an inventory dataset, finance.inventory_value above 0, or an industry that does" },
	{ "goods", "sells goods rather than time: an industry that does, or online orders in the data" },
	{ "ships", "ships orders to customers: an industry that does, or online orders, carts or returns in the data" },
	{ "counter", "sells over a counter or till to walk-in customers: an industry that does" },
	{ "online", "sells online (a web shop or a subscription product): an industry that does, or online orders in the data" },
	{ "channels", "a channels dataset holds rows (marketing spend and new customers by channel)" },
	{ "customers", "a transactions dataset holds rows (purchases by customer)" },
	{ "team", "employs more than one person (or the head count is not recorded)" },
};

const char *smb_fact_name(size_t i)
{
	return i < SMB_NFACTS ? facts[i].name : NULL;
}

const char *smb_fact_means(size_t i)
{
	return i < SMB_NFACTS ? facts[i].means : NULL;
}

smb_facts smb_fact_bit(const char *name)
{
	for (size_t i = 0; name && i < SMB_NFACTS; i++)
		if (strcmp(facts[i].name, name) == 0)
			return 1u << i;
	return 0;
}

int smb_facts_parse(const char *list, smb_facts *out, char *why, size_t whylen)
{
	const char *p = list ? list : "";

	*out = 0;
	while (*p) {
		size_t n = strcspn(p, ",");
		char name[32];
		smb_facts bit;
		while (n && p[n - 1] == ' ')
			n--;
		snprintf(name, sizeof name, "%.*s", (int)n, p);
		if (n >= sizeof name || !(bit = smb_fact_bit(name))) {
			snprintf(why, whylen, "'%.*s' is not a fact (one of inventory, stock, goods, ships, counter, online, "
			         "channels, customers, team)", (int)n, p);
			return -1;
		}
		*out |= bit;
		p += strcspn(p, ",");
		while (*p == ',' || *p == ' ')
			p++;
	}
	return 0;
}

void smb_facts_format(smb_facts f, char *out, size_t outlen)
{
	size_t used = 0;

	if (outlen)
		out[0] = '\0';
	for (size_t i = 0; i < SMB_NFACTS; i++)
		if (f & (1u << i) && used < outlen)
			used += (size_t)snprintf(out + used, outlen - used, "%s%s", used ? "," : "", facts[i].name);
}

int smb_applies(char *const *industries, size_t nindustries, smb_facts needs, const char *industry, smb_facts have)
{
	/* An entry "!x" leaves industry x out; a list of only such entries is
	 * every industry but those (README "Applicability"). */
	int positive = 0, listed = 0;

	for (size_t i = 0; i < nindustries; i++) {
		if (industries[i][0] == '!') {
			if (industry && strcmp(industries[i] + 1, industry) == 0)
				return 0;
		} else {
			positive = 1;
			listed |= industry && strcmp(industries[i], industry) == 0;
		}
	}
	return (listed || !positive) && (needs & have) == needs;
}
