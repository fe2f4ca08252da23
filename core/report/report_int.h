/* core/report/report_int.h — what the report's writers (HTML, Markdown,
 * XLSX) share: number formats, the selection of what page one shows, notes
 * beside their items. One place decides, so the three formats agree. */
#ifndef SMB_REPORT_INT_H
#define SMB_REPORT_INT_H

#include "report.h"
#include "svg.h"

/* Numbers for reading. The shared formatter of core/util is to replace
 * these (one way to write a number across outputs); until then the report
 * formats here: thousands separators, money in the client's currency to
 * whole units from 1,000 and to cents below, percentages to one decimal,
 * counts as integers, other ratios to two decimals. A unit of three
 * capital letters is money, in the client's currency. */
void smb_rp_money(const smb_report *rp, double v, char *out, size_t len);
/* Forecasts and axes: whole units always (cents would be false precision). */
void smb_rp_money_whole(const smb_report *rp, double v, char *out, size_t len);
void smb_rp_value(const smb_report *rp, double v, const char *unit, char *out, size_t len);
void smb_rp_plain(double v, int decimals, char *out, size_t len);
int smb_rp_is_money(const char *unit);
/* An svg formatter for money in whole units: ud is the report. */
void smb_rp_money_fmt(double v, char *out, size_t len, void *ud);
void smb_rp_score_fmt(double v, char *out, size_t len, void *ud);
void smb_rp_value_fmt(double v, char *out, size_t len, void *ud);   /* two decimals */

/* A metric's source as a client reads it: build paths cut to the file name. */
void smb_rp_source(const char *src, char *out, size_t len);

/* Findings the client sees (not hidden), strongest first: kind one of
 * "strength", or "weakness|threat" for both. Fills idx, returns the count. */
size_t smb_rp_top_findings(const smb_report *rp, const char *kinds, size_t *idx, size_t max);
size_t smb_rp_visible_findings(const smb_report *rp);

/* The i-th note on the item (target "finding" or "initiative"), or NULL. */
const smb_note *smb_rp_note(const smb_report *rp, const char *target, const char *item, size_t i);

/* The goal status word and its colour (colour is never the only signal). */
const char *smb_rp_goal_word(smb_goal_status s);
const char *smb_rp_goal_colour(smb_goal_status s);

/* The review's split of the overall change: total, data, method and
 * coverage (NaN where the review does not separate it). */
void smb_rp_split(const smb_report *rp, int area, double *total, double *data, double *method, double *coverage);

/* The maturity levels (README, "How an assessment is computed"). */
extern const smb_svg_band smb_rp_levels[4];
extern const char *const smb_rp_area_titles[5];

/* The SWOT quadrants: finding kinds and their headings. */
extern const char *const smb_rp_swot_kinds[4];
extern const char *const smb_rp_swot_titles[4];
/* The RFM segments as the customer plugin names its model fields, and as
 * the report names them. */
#define SMB_RP_NSEGMENTS 11
extern const char *const smb_rp_segments[SMB_RP_NSEGMENTS];
extern const char *const smb_rp_segment_names[SMB_RP_NSEGMENTS];
/* A model field of the assessment, NaN when absent. */
double smb_rp_model(const smb_report *rp, const char *model, const char *field);
/* The recommendation of that initiative, or NULL. */
const smb_arec *smb_rp_rec(const smb_report *rp, const char *id);
/* The review's findings that are new (resolved 0) in the later assessment
 * or resolved since the earlier (resolved 1), without those a note hides:
 * fills idx into the findings of *from_out and returns the count. */
size_t smb_rp_review_findings(const smb_report *rp, int resolved, const smb_assessment **from_out, size_t *idx,
                              size_t max);

/* A metric of the assessment by key, or NULL. */
const smb_ametric *smb_rp_metric(const smb_report *rp, const char *key);

#endif
