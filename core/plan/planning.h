/* core/plan/planning.h — a plan for a client (from an assessment's ranked
 * initiatives) or for a consultant's own list (a CSV), solved by
 * core/plan/plan.c and explained. */
#ifndef SMB_PLANNING_H
#define SMB_PLANNING_H

#include "assessment.h"
#include "buf.h"
#include "error.h"
#include "plan.h"
#include "registry.h"
#include "store.h"

typedef struct smb_planning {
	smb_plan_input in;           /* owned: ids, uses, resources, capacities */
	smb_plan_result out;
	double *raw_gain;            /* per candidate, from an assessment */
	int have_rescore;
	double additive;             /* the chosen gains added up */
	double rescored;             /* the chosen set re-scored as a whole */
	double improved;             /* after the swap search */
	int swaps;
	unsigned char *rescored_chosen;
	double *resolve;             /* per candidate: what the findings it resolves are worth */
	char **resolve_note;         /* per candidate, or NULL */
	double resolved;             /* the chosen set's resolve added up */
} smb_planning;

/* Which of an assessment's initiatives to plan (README "Nothing already
 * under way"): those under way when it was made stay out, and so do the ids
 * in skip (under way since); include_adopted plans both as a what-if. */
typedef struct smb_planning_advice {
	int include_adopted;
	const char *const *skip;
	size_t nskip;
} smb_planning_advice;

/* Candidates: an assessment's recommendations (value = gain x confidence,
 * resources cost and hours, requires/excludes from the registry), or a CSV
 * id,value,<resource>...[,requires][,excludes] with ';'-separated ids. */
int smb_planning_from_assessment(smb_planning *p, const smb_assessment *a, const smb_registry *r, smb_err *e);
/* The same with advice (NULL: as smb_planning_from_assessment): the value
 * of a candidate is (gain + resolve) x confidence. */
int smb_planning_from_advice(smb_planning *p, const smb_assessment *a, const smb_registry *r,
                             const smb_planning_advice *adv, smb_err *e);
int smb_planning_from_csv(smb_planning *p, const char *path, smb_err *e);
int smb_planning_capacity(smb_planning *p, const char *name, double cap, smb_err *e);
/* Re-scores the chosen set with the assessment's data and the loaded
 * method, and improves it by swaps that keep every constraint. */
int smb_planning_rescore(smb_planning *p, smb_store *s, const smb_registry *r, const smb_assessment *a, smb_err *e);
void smb_planning_reason(const smb_planning *p, size_t i, char *buf, size_t len);
int smb_planning_render(const smb_planning *p, const char *format, smb_buf *out);
void smb_planning_free(smb_planning *p);

#endif
