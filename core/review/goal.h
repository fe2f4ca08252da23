/* core/review/goal.h — SMART goals: a metric, a baseline from an assessment, a
 * target in the metric's better direction, a deadline, an owner; and the
 * status rule a review applies to them. */
#ifndef SMB_GOAL_H
#define SMB_GOAL_H

#include "error.h"
#include "registry.h"
#include "store.h"

typedef struct smb_goal {
	long long id;
	char *client_id;
	char *metric;
	double baseline;
	char *baseline_period;
	double target;
	char *deadline;
	int better;
	char *owner;
	/* "sum", "mean" or "last": the goal is on its deadline's grain (a year
	 * or a quarter) and a review rolls the metric up to it by this rule;
	 * NULL: the value of the reviewed period is compared as it is. */
	char *rollup;
} smb_goal;

typedef enum smb_goal_status {
	SMB_GOAL_ACHIEVED = 0,
	SMB_GOAL_ON_TRACK,
	SMB_GOAL_AT_RISK,
	SMB_GOAL_OFF_TRACK,
	SMB_GOAL_MISSED,
	SMB_GOAL_UNKNOWN      /* no value at the review */
} smb_goal_status;

/* Checks the SMART rules and stores the goal: the metric is declared and
 * has a value in the latest assessment of the baseline period (default:
 * the latest assessment's period); the target lies in the metric's better
 * direction; the deadline ends after the baseline period. *warning is set
 * when no owner is given. */
int smb_goal_add(smb_store *s, const smb_registry *r, smb_goal *g, const char **warning, smb_err *e);
int smb_goal_list(smb_store *s, const char *client, smb_goal **out, size_t *n, smb_err *e);
int smb_goal_remove(smb_store *s, const char *client, long long id, smb_err *e);
void smb_goal_list_free(smb_goal *v, size_t n);

/* The status at a review of period `at` with the metric's value there.
 * progress = (value - baseline) / (target - baseline); expected = the
 * elapsed share of the days from the baseline period's end to the
 * deadline's end. Achieved when the target is reached; missed when the
 * review period ends on or after the deadline's end without it; else on
 * track when progress >= expected - 0.10, at risk when >= expected - 0.25,
 * off track beyond. */
smb_goal_status smb_goal_status_at(const smb_goal *g, const char *at, double value, double *progress,
                                   double *expected);
/* The status at a review of period `at`, on the goal's own grain (README
 * "Goals on their own grain"): value is the metric's value in the reviewed
 * assessment; a goal with a roll-up rule compares instead, within its
 * deadline's period, the period-to-date roll-up (a flow's progress against
 * the elapsed share of the period), before it the trailing window of the
 * deadline's length. *compared is the value compared. */
smb_goal_status smb_goal_review_at(smb_store *s, const smb_goal *g, const char *at, double value, double *compared,
                                   double *progress, double *expected);
const char *smb_goal_status_name(smb_goal_status s);

#endif
