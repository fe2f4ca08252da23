/* core/util/near.h — how far apart two words are, to say "did you mean ...?"
 * for a misspelled key, column or name. */
#ifndef SMB_NEAR_H
#define SMB_NEAR_H

#include <stddef.h>

/* Optimal string alignment distance (Levenshtein plus transposing two
 * neighbours, so "revnue" and "reveune" are one edit from "revenue"),
 * counting bytes; stops early and returns limit + 1 once it exceeds limit. */
size_t smb_edit_distance(const char *a, const char *b, size_t limit);

#endif
