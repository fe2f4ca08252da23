/* core/store/series.c — building a regular series from observations. Gaps are
 * refused rather than interpolated: a forecast fitted through a made-up
 * month would look more certain than it is. */
#include "series.h"

#include <stdlib.h>
#include <string.h>

#include "observation.h"

int smb_series_load(smb_store *s, const char *client, const char *metric, smb_series *out, smb_err *e)
{
	static const smb_period_kind order[] = { SMB_PERIOD_MONTH, SMB_PERIOD_QUARTER, SMB_PERIOD_YEAR };
	smb_observation *v;
	size_t n, count[3] = { 0, 0, 0 };
	int rc, pick = -1;

	memset(out, 0, sizeof *out);
	if ((rc = smb_observations_list(s, client, NULL, &v, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		smb_period p;
		if (strcmp(v[i].metric, metric) == 0 && smb_period_parse(v[i].period, &p, NULL, 0) == 0)
			for (int k = 0; k < 3; k++)
				count[k] += p.kind == order[k];
	}
	for (int k = 0; k < 3 && pick < 0; k++)
		if (count[k])
			pick = k;
	if (pick < 0) {
		smb_observations_free(v, n);
		return smb_err_set(e, SMB_EDATA, "%s has no observations of %s", client, metric);
	}
	out->values = malloc(count[pick] * sizeof *out->values);
	out->season = order[pick] == SMB_PERIOD_MONTH ? 12 : order[pick] == SMB_PERIOD_QUARTER ? 4 : 0;
	/* observations come ordered by metric, then period */
	for (size_t i = 0; out->values && i < n; i++) {
		smb_period p, want;
		char text[SMB_PERIOD_TEXT];
		if (strcmp(v[i].metric, metric) != 0 || smb_period_parse(v[i].period, &p, NULL, 0) || p.kind != order[pick])
			continue;
		if (out->n == 0) {
			out->first = p;
		} else {
			want = out->first;
			for (size_t k = 0; k < out->n; k++)
				want = smb_period_next(&want);
			if (smb_period_compare(&want, &p) != 0) {
				smb_period_format(&want, text);
				rc = smb_err_set(e, SMB_EDATA, "%s of %s has no observation for %s: a series must have no gaps", metric,
				                 client, text);
				break;
			}
		}
		out->values[out->n++] = v[i].value;
	}
	if (!out->values)
		rc = smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	smb_observations_free(v, n);
	if (rc)
		smb_series_free(out);
	return rc;
}

void smb_series_free(smb_series *sr)
{
	free(sr->values);
	memset(sr, 0, sizeof *sr);
}
