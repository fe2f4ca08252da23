/* core/plan/plan.h — the planning layer: candidates named by id become
 * a knapsack problem, a solver (built-in or a plugin's) answers it, and the
 * answer is explained: totals, binding resources, why each candidate is out. */
#ifndef SMB_PLAN_H
#define SMB_PLAN_H

#include <stddef.h>

#include "smbopt/plugin.h"

/* One initiative that may be funded. Strings and arrays are borrowed: the
 * plan never writes or frees them and keeps no pointer after smb_plan_run. */
typedef struct smb_plan_candidate {
	char *id;
	double value;            /* expected gain; what the plan maximises */
	double *use;             /* nres uses, in smb_plan_input.resource order; NULL: none */
	char **requires;         /* ids that must be chosen with it */
	size_t nrequires;
	char **excludes;         /* ids that cannot be chosen with it */
	size_t nexcludes;
} smb_plan_candidate;

/* "At least one of these" */
typedef struct smb_plan_group {
	char **ids;
	size_t nids;
} smb_plan_group;

typedef struct smb_plan_input {
	size_t ncand, nres;
	smb_plan_candidate *cand;
	char **resource;         /* nres names; "cost" is the frontier's resource */
	double *capacity;        /* nres; +INFINITY for no limit */
	char **force;            /* ids forced in */
	size_t nforce;
	char **exclude;          /* ids forced out */
	size_t nexclude;
	smb_plan_group *group;
	size_t ngroups;
	double time_limit;       /* seconds per solve; 0: none */
	int no_frontier;         /* 1 skips the frontier's five extra solves */
} smb_plan_input;

/* Why a candidate is where it is. Checked in this order for one left out. */
typedef enum smb_plan_why {
	SMB_PLAN_CHOSEN = 0,
	SMB_PLAN_FORCED_OUT,     /* the user excluded it */
	SMB_PLAN_NO_FIT,         /* with what it requires and the forced items it overflows `resource` */
	SMB_PLAN_EXCLUDED_BY,    /* `other` is chosen and the two exclude each other */
	SMB_PLAN_NEEDS,          /* it requires `other`, which is not chosen */
	SMB_PLAN_DOMINATED,      /* it fits on its own, but the optimum is better without it;
	                          * `resource` is the one it would overflow beside the chosen
	                          * set (SIZE_MAX when it fits there: value <= 0 or not optimal) */
	SMB_PLAN_NO_PLAN         /* no feasible plan exists, or none was found in time */
} smb_plan_why;

typedef struct smb_plan_choice {
	int chosen;
	int forced;              /* 1 forced in, -1 forced out, 0 free */
	smb_plan_why why;
	size_t other;            /* candidate index for EXCLUDED_BY and NEEDS */
	size_t resource;         /* resource index for NO_FIT and DOMINATED, or SIZE_MAX */
	double shortfall;        /* how much of `resource` is missing */
} smb_plan_choice;

typedef struct smb_plan_usage {
	double capacity, used, slack;
	int binding;             /* slack is zero or below the smallest use of a left-out,
	                          * not forced-out candidate */
} smb_plan_usage;

typedef struct smb_plan_point {
	double fraction;         /* of the frontier resource's capacity */
	double capacity;
	double value;            /* best value found at that capacity */
	double bound;
	int feasible, optimal;
} smb_plan_point;

#define SMB_PLAN_FRONTIER 6  /* 25%, 50%, 75%, 100%, 150%, 200% */

typedef struct smb_plan_result {
	int feasible, optimal;
	double value, bound;
	double gap;              /* bound - value */
	double gap_rel;          /* gap / max(|bound|, |value|); 0 when proven */
	size_t nodes;
	size_t nchosen;
	size_t *chosen;          /* candidate indices, ascending */
	size_t ncand;
	smb_plan_choice *choice; /* per candidate, input order */
	size_t nres;
	smb_plan_usage *usage;   /* per resource, input order */
	size_t frontier_resource;/* "cost", or resource 0 */
	size_t nfrontier;        /* 0 when skipped, no resource or no finite capacity */
	smb_plan_point frontier[SMB_PLAN_FRONTIER];
} smb_plan_result;

/* Build the problem, solve it with solver (NULL: the built-in solver) and
 * explain the answer into *out, which smb_plan_result_free releases.
 * An unknown or duplicate id, a candidate both forced in and out, or a
 * solver failure returns -1 with err filled and *out empty. An infeasible
 * plan is not an error: out->feasible is 0. */
int smb_plan_run(const smb_plan_input *in, smb_solve_fn solver, void *solver_ud,
                 smb_plan_result *out, char *err, size_t errlen);

void smb_plan_result_free(smb_plan_result *r);

/* "chosen", "forced out", "does not fit", "excluded", "needs",
 * "dominated", "no plan" */
const char *smb_plan_why_name(smb_plan_why why);

#endif
