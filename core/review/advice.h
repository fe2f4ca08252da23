/* core/review/advice.h — what a client's history tells the next cycle's
 * advice: the initiatives under way (not recommended again) and the ones
 * whose realised effects contradicted their promise (confidence lowered). */
#ifndef SMB_ADVICE_H
#define SMB_ADVICE_H

#include "adoption.h"
#include "cycle.h"

typedef struct smb_advice {
	smb_adoption *ad;            /* the client's adoptions; the lists below borrow from them */
	size_t nad;
	smb_cycle_adopted *adopted;  /* planned, in progress or done */
	size_t nadopted;
	smb_cycle_learnt *learnt;
	size_t nlearnt;
	char **ids;                  /* learnt[i].initiative and .reason, owned */
	size_t nids;
} smb_advice;

/* Reads the client's adoptions and the calibration of every client. */
int smb_advice_load(smb_store *s, const char *client, smb_advice *adv, smb_err *e);
/* Points o's adopted and learnt lists at adv (which must outlive o). */
void smb_advice_apply(const smb_advice *adv, smb_cycle_opts *o);
void smb_advice_free(smb_advice *adv);

/* Learning from results (README "Learn from results"): a factor in (0, 1]
 * for an initiative's confidence from the ratio of realised to promised
 * effect: clamp(q, 0.1, 1). */
#define SMB_ADVICE_FLOOR 0.1
#define SMB_ADVICE_FIRM_MIN 3        /* adoptions before the firm-wide median counts */
#define SMB_ADVICE_FIRM_BELOW 0.5    /* the firm-wide median that lowers confidence */

#endif
