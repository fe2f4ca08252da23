/* core/engine/facts.h — the small vocabulary of facts about a client that
 * rules and initiatives declare they need (README "Applicability"): told by
 * the host from the client's industry (what its plugin declares) and data. */
#ifndef SMB_FACTS_H
#define SMB_FACTS_H

#include <stddef.h>

#include "error.h"

/* A set of facts, one bit each, in the order of smb_fact_name. */
typedef unsigned smb_facts;

#define SMB_NFACTS 9

/* "inventory", "stock", ... ; NULL past the end. */
const char *smb_fact_name(size_t i);
/* How the host tells fact i, one sentence. */
const char *smb_fact_means(size_t i);
/* The fact's bit, or 0 for a name outside the vocabulary. */
smb_facts smb_fact_bit(const char *name);
/* A comma-separated list of fact names into a set; -1 with why filled
 * for a name outside the vocabulary. */
int smb_facts_parse(const char *list, smb_facts *out, char *why, size_t whylen);
/* The set's names, comma-separated ("" for none). */
void smb_facts_format(smb_facts f, char *out, size_t outlen);

/* Where a rule or initiative applies: its industries (none listed: all)
 * and the facts it needs, every one. */
int smb_applies(char *const *industries, size_t nindustries, smb_facts needs, const char *industry, smb_facts have);

#endif
