/* core/engine/cycle.h — one assessment cycle (docs/design.md §3): gather the client's
 * observations for the period (rolling up finer periods), derive metrics in
 * dependency order, score, aggregate, run rules, rank initiatives. Each
 * step reads only what the step before produced. */
#ifndef SMB_CYCLE_H
#define SMB_CYCLE_H

#include "assessment.h"
#include "client.h"
#include "dataset.h"
#include "observation.h"
#include "period.h"
#include "registry.h"
#include "score.h"
#include "store.h"

#define SMB_DEFAULT_COVERAGE 0.5

typedef struct smb_setting {
	const char *name;
	double value;
} smb_setting;

typedef struct smb_cycle_opts {
	const char *client;
	const char *period;
	smb_aggregate aggregate;
	double coverage;             /* threshold; 0 means SMB_DEFAULT_COVERAGE */
	const smb_setting *settings;
	size_t nsettings;
	const char *industry;        /* NULL: the client's; set to re-score as another */
	/* Initiatives the client has under way (planned, in progress, done):
	 * ranked like the others but marked, so they are not recommended. */
	const struct smb_cycle_adopted *adopted;
	size_t nadopted;
	/* Realised effects against the promise, per initiative: confidence
	 * is multiplied by factor, and reason says why (review layer). */
	const struct smb_cycle_learnt *learnt;
	size_t nlearnt;
} smb_cycle_opts;

typedef struct smb_cycle_adopted {
	const char *initiative;
	const char *status;          /* planned | in-progress | done */
	const char *since, *until;   /* start and end periods, or NULL */
} smb_cycle_adopted;

typedef struct smb_cycle_learnt {
	const char *initiative;
	double factor;               /* (0, 1] */
	const char *reason;
} smb_cycle_learnt;

/* What plugins keep for the rest of their cycle (smb_host_api keep). */
typedef struct smb_kept {
	char *key;
	void *data;
	void (*release)(void *data);
} smb_kept;

typedef struct smb_cycle {
	smb_store *s;
	const smb_registry *reg;
	const smb_cycle_opts *o;
	smb_client client;
	const char *industry;
	smb_period period;
	char period_text[SMB_PERIOD_TEXT];
	char first[11], last[11];
	smb_observation *obs;        /* the client's, by metric then period */
	size_t nobs;
	double *value;               /* per registry metric; NaN when missing */
	const smb_goalposts **gp;    /* per registry metric: the goalposts that apply, or NULL */
	char **source;               /* per registry metric: where the value came from */
	smb_dataset *datasets;
	size_t ndatasets;
	smb_kept *kept;
	size_t nkept;
	smb_assessment *a;
	unsigned long long id;       /* unique per cycle in this process */
	smb_facts facts;             /* what the host tells of the client (facts.h) */
} smb_cycle;

/* Score, area and overall of a set of values (one per registry metric) as
 * smb_cycle_run computes them: the cycle's goalposts, weights and method. */
void smb_cycle_score(const smb_cycle *cy, const double *values, double *mscore, double area[5], double cov[5],
                     double *overall, double *ocov);
/* Runs the cycle and returns the assessment (not yet written). */
int smb_cycle_run(smb_store *s, const smb_registry *reg, const smb_cycle_opts *o,
                  smb_assessment **out, smb_err *e);
/* Gather, derive and score, keeping the cycle for re-scoring; close with
 * smb_cycle_close. cy->a holds the scores (no findings yet). */
int smb_cycle_prepare(smb_store *s, const smb_registry *reg, const smb_cycle_opts *o, smb_cycle **out, smb_err *e);
void smb_cycle_close(smb_cycle *cy);
/* The overall score with the effects of n initiatives applied together
 * (re-scored, so goalposts clamp: gains are not additive). */
double smb_cycle_overall_with(const smb_cycle *cy, const smb_initiative *const *ins, size_t n);
/* Runs and writes it in one transaction. SMB_PARTIAL when a compute or
 * rule failed (the assessment is written with its errors). */
int smb_assess(smb_store *s, const smb_registry *reg, const smb_cycle_opts *o,
               smb_assessment **out, smb_err *e);

/* The facts the host tells of the cycle's client (facts.h): its industry's
 * as its plugin declares them, and those its data show. */
int smb_cycle_facts(smb_cycle *cy, smb_err *e);

/* The value of an observed metric for p from observations ordered by metric
 * then period: the observation for exactly p, else its quarters (a year)
 * or months (a quarter), every one present, combined by rule; how (may be
 * NULL) says which. 0, or -1 when missing. */
int smb_obs_resolve(const smb_observation *obs, size_t nobs, const char *key, smb_rollup rule, const smb_period *p,
                    double *out, char *how, size_t howlen);

/* The value of a metric key at another period: observed inputs only,
 * rolled up from finer periods by the metric's rule. */
int smb_cycle_value_at(smb_cycle *cy, const char *key, const smb_period *p, double *out);

#endif
