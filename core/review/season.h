/* core/review/season.h — whether a client's business is seasonal, and its
 * scores for the same period a year earlier, so a review can set the
 * sequential change beside the year-on-year one. */
#ifndef SMB_SEASON_H
#define SMB_SEASON_H

#include "review.h"

/* Seasonal strength at or above this over at least 24 months of revenue
 * counts as seasonal (README "Reading a review"). */
#define SMB_SEASONAL_STRENGTH 0.8

/* 1 - var(remainder) / var(detrended) of n monthly values (n >= 24, whole
 * years taken from the end): the trend a least-squares line, the seasonal
 * part each calendar month's mean. NaN when n < 24 or the series is flat. */
double smb_seasonal_strength(const double *y, size_t n);

/* Sets rv->seasonal and rv->season_why (forced = -1: detect from the
 * client's monthly finance.revenue up to to's period), then, when
 * seasonal, rv->year* for the period a year before to's. */
int smb_review_season(smb_store *s, const smb_registry *r, smb_review *rv, int forced, smb_err *e);

#endif
