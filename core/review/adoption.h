/* core/review/adoption.h — initiatives a client adopted: their status, actual
 * cost and hours, and, once done, the realised change of each metric they
 * promised to move, kept per initiative for calibrating playbooks. */
#ifndef SMB_ADOPTION_H
#define SMB_ADOPTION_H

#include "error.h"
#include "registry.h"
#include "store.h"

typedef struct smb_adoption {
	char *client_id;
	char *initiative_id;
	char *status;            /* planned | in-progress | done | dropped */
	char *start_period;
	char *end_period;        /* set when done */
	char *owner;
	long long goal_id;       /* 0: none */
	double cost, hours;      /* as planned */
	double actual_cost, actual_hours;   /* NaN: not reported */
	char *effect;            /* JSON {metric: expected change} at adoption */
} smb_adoption;

/* start NULL: the period after the client's latest assessment. */
int smb_adoption_add(smb_store *s, const smb_registry *r, const char *client, const char *initiative,
                     const char *start, const char *owner, long long goal, smb_err *e);
/* status NULL keeps it; end is the period it was done in (NULL: the start
 * period moved on by the initiative's months). actual_* NaN keeps them. */
int smb_adoption_set(smb_store *s, const char *client, const char *initiative, const char *status, const char *end,
                     double actual_cost, double actual_hours, smb_err *e);
int smb_adoption_list(smb_store *s, const char *client, smb_adoption **out, size_t *n, smb_err *e);
void smb_adoption_list_free(smb_adoption *v, size_t n);

/* For each done initiative of the client: the realised change of each
 * metric in its effect, from the latest assessment ending before its start
 * to the first starting after its end, over the expected change; stored in
 * the calibration table (replacing earlier figures). For a seasonal client
 * (r given) the change over the same periods a year before is subtracted
 * where both its values are known (basis year_on_year; values from the
 * stored assessments of those periods, else computed now with r). Returns
 * the count. */
int smb_adoption_realise(smb_store *s, const smb_registry *r, const char *client, size_t *count, smb_err *e);

#endif
