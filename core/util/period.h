/* core/util/period.h — assessment periods: a year (2026), a quarter (2026-Q3) or a
 * month (2026-09), each with a first and last day. */
#ifndef SMB_PERIOD_H
#define SMB_PERIOD_H

#include <stddef.h>

typedef enum smb_period_kind {
	SMB_PERIOD_YEAR = 0,
	SMB_PERIOD_QUARTER = 1,
	SMB_PERIOD_MONTH = 2
} smb_period_kind;

typedef struct smb_period {
	smb_period_kind kind;
	int year;      /* 1000..9999 */
	int index;     /* quarter 1..4, month 1..12, 0 for a year */
} smb_period;

#define SMB_PERIOD_TEXT 8   /* "2026-Q3" and NUL */

/* Exactly "YYYY", "YYYY-Qn" or "YYYY-MM"; anything else (2026-Q5, 2026-13,
 * 26-01, 2026-9, spaces) is refused with a reason. Returns 0 or -1. */
int smb_period_parse(const char *s, smb_period *p, char *err, size_t errlen);
void smb_period_format(const smb_period *p, char out[SMB_PERIOD_TEXT]);

long smb_period_first_day(const smb_period *p);
long smb_period_last_day(const smb_period *p);
int smb_period_months(const smb_period *p);   /* 12, 3 or 1 */

/* Whether inner lies wholly within outer (a period contains itself). */
int smb_period_contains(const smb_period *outer, const smb_period *inner);
/* The period of the same kind just before, and one year before. */
smb_period smb_period_previous(const smb_period *p);
smb_period smb_period_year_ago(const smb_period *p);
/* The period of the same kind after p. */
smb_period smb_period_next(const smb_period *p);
/* Orders periods by first day, then by length (longer first). */
int smb_period_compare(const smb_period *a, const smb_period *b);
/* The month periods of p, in order; out must hold smb_period_months(p). */
void smb_period_split_months(const smb_period *p, smb_period *out);
/* The period of kind k that contains the day. */
smb_period smb_period_of_day(long day, smb_period_kind k);

#endif
