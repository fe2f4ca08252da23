/* core/models/clv/rfm.c — RFM segmentation: quintile scores 1-5 for recency,
 * frequency and monetary value, and the named segments they map to.
 * A score is 1 + floor(5 * share of customers strictly worse), so tied
 * customers always share a score and the order of the input never matters. */
#include "clv.h"

#include <stdio.h>
#include <stdlib.h>

/* Segment names, indexed by enum smb_rfm_segment. */
static const char *const seg_names[SMB_RFM_NSEGMENTS] = {
	"champions", "loyal", "potential loyalist", "new customers", "promising",
	"need attention", "about to sleep", "cannot lose them", "at risk",
	"hibernating", "lost",
};

const char *smb_rfm_segment_name(int segment)
{
	if (segment < 0 || segment >= SMB_RFM_NSEGMENTS)
		return NULL;
	return seg_names[segment];
}

/* The mapping, first match wins; it covers every (R, F) pair, M only
 * separates champions from loyal:
 *   R>=4 F>=4 M>=4  champions          R>=3 F>=4         loyal
 *   R>=4 F 2-3      potential loyalist R=5 F=1           new customers
 *   R=4  F=1        promising          R=3 F 2-3         need attention
 *   R=3  F=1        about to sleep     R=1 F>=4          cannot lose them
 *   R<=2 F>=3       at risk            R=2 F<=2          hibernating
 *   R=1  F<=2       lost */
int smb_rfm_segment_of(int r, int f, int m)
{
	if (r >= 4 && f >= 4 && m >= 4)
		return SMB_RFM_CHAMPIONS;
	if (r >= 3 && f >= 4)
		return SMB_RFM_LOYAL;
	if (r >= 4 && f >= 2)
		return SMB_RFM_POTENTIAL_LOYALIST;
	if (r == 5)
		return SMB_RFM_NEW;
	if (r == 4)
		return SMB_RFM_PROMISING;
	if (r == 3)
		return f >= 2 ? SMB_RFM_NEED_ATTENTION : SMB_RFM_ABOUT_TO_SLEEP;
	if (r == 1 && f >= 4)
		return SMB_RFM_CANNOT_LOSE;
	if (f >= 3)
		return SMB_RFM_AT_RISK;
	return r == 2 ? SMB_RFM_HIBERNATING : SMB_RFM_LOST;
}

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;
	return (a > b) - (a < b);
}

/* Number of entries of the sorted v[0..n) strictly below key. */
static size_t count_below(const double *v, size_t n, double key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int quintile(size_t below, size_t n)
{
	int s = 1 + (int)((5 * below) / n);
	return s > 5 ? 5 : s;
}

int smb_rfm_segment(const smb_clv_customer *c, size_t n, int period_last_day,
                    smb_rfm_score *scores, size_t *counts, char *err, size_t errlen)
{
	double *v;

	if (n == 0) {
		snprintf(err, errlen, "RFM: no customers to score");
		return -1;
	}
	v = malloc(3 * n * sizeof *v);
	if (!v) {
		snprintf(err, errlen, "RFM: out of memory for %zu customers", n);
		return -1;
	}
	/* all three measures oriented so that larger is better: recency is
	 * negated days since the last purchase */
	double *rv = v, *fv = v + n, *mv = v + 2 * n;
	for (size_t i = 0; i < n; i++) {
		rv[i] = -(double)(period_last_day - c[i].last_day);
		fv[i] = c[i].x + 1.0;
		mv[i] = c[i].monetary_total;
	}
	qsort(rv, n, sizeof *rv, cmp_double);
	qsort(fv, n, sizeof *fv, cmp_double);
	qsort(mv, n, sizeof *mv, cmp_double);
	if (counts)
		for (int k = 0; k < SMB_RFM_NSEGMENTS; k++)
			counts[k] = 0;
	for (size_t i = 0; i < n; i++) {
		smb_rfm_score *s = &scores[i];
		s->r = quintile(count_below(rv, n, -(double)(period_last_day - c[i].last_day)), n);
		s->f = quintile(count_below(fv, n, c[i].x + 1.0), n);
		s->m = quintile(count_below(mv, n, c[i].monetary_total), n);
		s->segment = smb_rfm_segment_of(s->r, s->f, s->m);
		if (counts)
			counts[s->segment]++;
	}
	free(v);
	return 0;
}
