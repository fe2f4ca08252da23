/* core/util/number.h — strict parsing of the numbers people type into spreadsheets.
 * Only finite values; no thousands separators; the decimal mark is given. */
#ifndef SMB_NUMBER_H
#define SMB_NUMBER_H

#include <stddef.h>

/* Parses s (leading and trailing blanks allowed) as a finite decimal number
 * with decimal mark '.' or ',' (decimal_comma != 0). "", "NaN", "inf",
 * "1,234.5", "12,5O", "0x10", "1e999" are refused. On error returns -1 and
 * sets *bad to the byte offset of the first offending character. */
int smb_number_parse(const char *s, int decimal_comma, double *out,
                     size_t *bad, char *err, size_t errlen);
/* Parses a whole number in [min,max]; same error contract. */
int smb_integer_parse(const char *s, long long min, long long max,
                      long long *out, size_t *bad, char *err, size_t errlen);
/* Shortest text that reads back to the same double ("%.17g" trimmed). */
void smb_number_format(double v, char out[32]);

#endif
