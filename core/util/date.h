/* core/util/date.h — civil dates as day numbers, the unit all period math uses.
 * Day 0 is 1970-01-01; the proleptic Gregorian calendar throughout. */
#ifndef SMB_DATE_H
#define SMB_DATE_H

#include <stddef.h>

/* Days since 1970-01-01 of a valid civil date. */
long smb_days_from_civil(int y, int m, int d);
void smb_civil_from_days(long days, int *y, int *m, int *d);
int smb_is_leap(int y);
int smb_days_in_month(int y, int m);

/* Parses exactly "YYYY-MM-DD" (a real date: 2026-02-30 is refused).
 * Returns 0 and sets *days, or -1 with a reason in err. */
int smb_date_parse(const char *s, long *days, char *err, size_t errlen);
/* Writes "YYYY-MM-DD" (11 bytes with NUL). */
void smb_date_format(long days, char out[11]);

#endif
