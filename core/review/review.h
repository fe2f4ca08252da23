/* core/review/review.h — two assessments compared: score deltas, the
 * metrics that moved most, findings new / resolved / persisting, goal
 * statuses, initiatives realised against expected, and the split of each
 * change into what the data changed and what the method changed. */
#ifndef SMB_REVIEW_H
#define SMB_REVIEW_H

#include "adoption.h"
#include "assessment.h"
#include "buf.h"
#include "goal.h"
#include "registry.h"

typedef struct smb_goal_review {
	double value, progress, expected;
	smb_goal_status status;
} smb_goal_review;

typedef struct smb_calibration {
	char *initiative_id;
	char *metric;
	double expected, realised, ratio;   /* ratio NaN when expected is 0 */
} smb_calibration;

typedef struct smb_review {
	smb_assessment *from, *to;
	smb_assessment *rescored;    /* from's period, current data, loaded method */
	int same_method;
	int method_is_loaded;        /* the loaded method reproduces to's fingerprint */
	smb_goal *goals;
	smb_goal_review *goal_status;
	size_t ngoals;
	smb_adoption *adoptions;
	size_t nadoptions;
	smb_calibration *cal;
	size_t ncal;
} smb_review;

/* from and to: an assessment id, or a period (its latest assessment); NULL
 * for the client's last two assessments. */
int smb_review_run(smb_store *s, const smb_registry *r, const char *client, const char *from, const char *to,
                   smb_review *out, smb_err *e);
int smb_review_render(const smb_review *rv, const char *format, smb_buf *out);
void smb_review_free(smb_review *rv);

/* One row per assessment with overall and area scores; text draws a trend. */
int smb_history(smb_store *s, const char *client, const char *format, smb_buf *out, smb_err *e);

/* Across all clients: per initiative, how many realised/expected ratios
 * there are and their median. */
int smb_calibration_summary(smb_store *s, const char *format, smb_buf *out, smb_err *e);

#endif
