/* core/util/near.c — edit distance for suggestions (near.h). Keys are short,
 * so three rows of the dynamic-programming table suffice. */
#include "near.h"

#include <stdlib.h>
#include <string.h>

#define NEAR_MAX 128   /* longer words are never "near" anything */

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;
	return m < c ? m : c;
}

size_t smb_edit_distance(const char *a, const char *b, size_t limit)
{
	size_t la = strlen(a), lb = strlen(b), rows[3][NEAR_MAX + 1];
	size_t *pp = rows[0], *p = rows[1], *c = rows[2];

	if (la > NEAR_MAX || lb > NEAR_MAX)
		return limit + 1;
	if ((la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	for (size_t j = 0; j <= lb; j++)
		p[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t best = c[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			c[j] = min3(p[j] + 1, c[j - 1] + 1, p[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && pp[j - 2] + 1 < c[j])
				c[j] = pp[j - 2] + 1;
			if (c[j] < best)
				best = c[j];
		}
		if (best > limit)
			return limit + 1;
		{
			size_t *t = pp;
			pp = p, p = c, c = t;
		}
	}
	return p[lb] > limit ? limit + 1 : p[lb];
}
