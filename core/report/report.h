/* core/report/report.h — the report a consultant hands to the client: one
 * assessment with its trend, findings, plan, forecasts, customers, review
 * and method, gathered once through the library's own readers and then
 * written as HTML (report_html.c), Markdown (report_md.c) or an XLSX
 * workbook (report_xlsx.c). What the report shows is what the workspace
 * holds: nothing is computed here that a command would compute otherwise. */
#ifndef SMB_REPORT_H
#define SMB_REPORT_H

#include <stddef.h>

#include "assessment.h"
#include "buf.h"
#include "client.h"
#include "error.h"
#include "forecast.h"
#include "goal.h"
#include "note.h"
#include "period.h"
#include "planning.h"
#include "registry.h"
#include "review.h"
#include "store.h"

typedef struct smb_report_opts {
	const char *client;
	const char *assessment;      /* an assessment id of the client, or NULL */
	const char *period;          /* the latest assessment of this period, or NULL */
	int review;                  /* 1: the review section even without an earlier assessment */
	double budget, hours;        /* plan limits; NaN: those of the top three recommendations */
	int no_customers;            /* skip the customer models (tests) */
} smb_report_opts;

/* One forecast fan: the metric's monthly history up to the assessment's
 * end and six months ahead. ok 0: `why` says what was missing. */
#define SMB_REPORT_HORIZON 6
#define SMB_REPORT_HIST 12       /* months of history drawn before the fan */

typedef struct smb_report_fan {
	const char *metric, *label;
	int ok;
	char why[256];
	size_t nhist;                /* history drawn (at most SMB_REPORT_HIST) */
	double hist[SMB_REPORT_HIST];
	char xlabel[SMB_REPORT_HIST + SMB_REPORT_HORIZON][SMB_PERIOD_TEXT];
	smb_fc_result fc;
} smb_report_fan;

typedef struct smb_report_goal {
	smb_goal *goal;
	double value, progress, expected;
	smb_goal_status status;
} smb_report_goal;

typedef struct smb_report {
	smb_client client;
	smb_assessment *a;           /* the assessment reported, notes applied */
	smb_assessment **trend;      /* every assessment of the client up to a, oldest first */
	size_t ntrend;
	smb_note *notes;
	size_t nnotes;
	smb_goal *goals;
	size_t ngoals;
	smb_report_goal *goal_at;    /* ngoals */
	int have_review;
	smb_review rv;
	smb_note *from_notes;        /* the notes on the review's earlier assessment */
	size_t nfrom_notes;
	char review_why[256];
	int have_plan;
	smb_planning plan;
	char plan_why[256];
	smb_report_fan fan[2];       /* revenue, cash */
	double runway;               /* months, NaN: no figure */
	char runway_why[256];
	int have_customers;
	size_t ncustomers;
	double clv_decile[10];       /* mean CLV of each tenth, highest first */
	char customers_why[256];
} smb_report;

/* Gathers everything the report shows. Bad options are SMB_EUSAGE, an
 * unknown client or assessment SMB_ENOINPUT; a section that cannot be
 * built (no transactions, too short a series) is not an error: its why
 * says what is missing and the section shows it. On an error *out holds
 * nothing to free. */
int smb_report_build(smb_store *s, const smb_registry *r, const smb_report_opts *o, smb_report *out, smb_err *e);
void smb_report_free(smb_report *rp);

int smb_report_html(const smb_report *rp, smb_buf *out);
int smb_report_md(const smb_report *rp, smb_buf *out);
/* SMB_ECONFIG when this smbopt was built without libxlsxwriter. */
/* guard: the workspace, never to be written onto (outfile.h) */
int smb_report_xlsx(const smb_report *rp, const char *path, const char *guard, smb_err *e);

#endif
