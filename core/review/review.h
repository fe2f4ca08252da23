/* core/review/review.h — two assessments compared: score deltas split
 * exactly into data, method and coverage; the metrics that moved most and
 * why; findings new / persisting / resolved / not evaluated / withdrawn;
 * the same period a year earlier for a seasonal client; goal statuses and
 * initiatives realised against expected. */
#ifndef SMB_REVIEW_H
#define SMB_REVIEW_H

#include "adoption.h"
#include "assessment.h"
#include "buf.h"
#include "goal.h"
#include "method.h"
#include "registry.h"

/* The review JSON's schema version (docs/schema/review.schema.json). */
#define SMB_REVIEW_SCHEMA 1

typedef struct smb_goal_review {
	double value, progress, expected;
	smb_goal_status status;
} smb_goal_review;

typedef struct smb_calibration {
	char *initiative_id;
	char *metric;
	double expected, realised, ratio;   /* ratio NaN when expected is 0 */
	int year_on_year;                   /* realised less the change a year before */
} smb_calibration;

/* total = data + method + coverage (README "Reading a review"). */
typedef struct smb_split {
	double total, data, method, coverage;
	double steps[3];             /* like-for-like scores: old method, new method, new data */
} smb_split;

/* A scored metric with a value in one assessment and not the other. */
typedef struct smb_coverage_change {
	const char *metric, *label;
	double from_value, to_value;
	char *reason;
} smb_coverage_change;

typedef enum smb_fstatus {
	SMB_F_NEW, SMB_F_PERSISTING, SMB_F_RESOLVED, SMB_F_NOT_EVALUATED, SMB_F_WITHDRAWN
} smb_fstatus;

typedef struct smb_fchange {
	const smb_afinding *f;       /* from to's findings (new, persisting) or from's */
	smb_fstatus status;
	char *missing;               /* not_evaluated: the metrics missing now, comma-separated */
	const char *error;           /* not_evaluated: the rule failed in to (its errors[] message) */
} smb_fchange;

/* A derived metric whose computation differs between the two methods. */
typedef struct smb_compute_change {
	const char *metric, *label;
	char *part;                  /* "playbook NAME 1a2b3c -> 4d5e6f" */
	int recomputed;              /* from's value recomputed with to's computation */
	double recomputed_value;
	char *note;                  /* why not, when not */
} smb_compute_change;

typedef struct smb_review {
	smb_assessment *from, *to;
	smb_method mfrom, mto;       /* as stored with each assessment */
	smb_assessment *rescored;    /* from's period, current data, loaded method (methods differ) */
	int same_method;
	int method_is_loaded;        /* the loaded method reproduces to's fingerprint; -1 not checked (same method) */
	int reproduced;              /* the stored methods reproduce both stored scores */
	smb_split overall, area[5];
	smb_coverage_change *cov;
	size_t ncov;
	smb_fchange *fch;
	size_t nfch;
	smb_compute_change *cch;
	size_t ncch;
	char *settings_diff;         /* the settings that differ ("name 6 -> 3"), NULL when none */
	char *settings_note;         /* what the review did about them */
	/* Seasonality: when seasonal, the same period a year earlier with its
	 * data scored by to's method. */
	int seasonal;
	double season_strength;      /* NaN when not measured */
	char *season_why;
	char *year_period;
	char *year_source;
	smb_assessment *year;        /* its values (stored or computed now), NULL when none */
	double year_overall, year_area[5];
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
typedef struct smb_review_opts {
	const char *from, *to;       /* see above */
	int seasonal;                /* -1: detect, 0: no, 1: yes */
} smb_review_opts;

int smb_review_run(smb_store *s, const smb_registry *r, const char *client, const smb_review_opts *o,
                   smb_review *out, smb_err *e);
int smb_review_render(const smb_review *rv, const char *format, smb_buf *out);
void smb_review_free(smb_review *rv);

#endif
