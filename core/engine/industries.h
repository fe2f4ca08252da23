/* core/engine/industries.h — the industries a client may have: those the
 * loaded plugins benchmark, plus `other`; common spellings as aliases. */
#ifndef SMB_INDUSTRIES_H
#define SMB_INDUSTRIES_H

#include <stddef.h>

#include "registry.h"

/* For a business no plugin fits: default goalposts, advice for all. */
#define SMB_INDUSTRY_OTHER "other"

/* The canonical name of text (an industry or an alias, any case, spaces or
 * '_' for '-') into out; 0, or -1 with why naming the known industries. */
int smb_industry_resolve(const smb_registry *r, const char *text, char *out, size_t outlen, char *why, size_t whylen);
/* The aliases of a canonical industry, comma-separated, into out. */
void smb_industry_aliases(const char *industry, char *out, size_t outlen);
/* The loaded industries in plugin order, then `other`; returns the count
 * (at most max), names borrowed from r. */
size_t smb_industry_list(const smb_registry *r, const char **out, size_t max);

#endif
