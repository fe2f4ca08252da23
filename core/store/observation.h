/* core/store/observation.h — the metric values a workspace holds for a client. */
#ifndef SMB_OBSERVATION_H
#define SMB_OBSERVATION_H

#include "error.h"
#include "store.h"

typedef struct smb_observation {
	char period[8];
	char *metric;
	double value;
	char *source;
	long long import_id;
	char *note;
} smb_observation;

/* The client's observations ordered by metric then period; with period set,
 * only those of that period or of periods inside it. */
int smb_observations_list(smb_store *s, const char *client, const char *period,
                          smb_observation **out, size_t *n, smb_err *e);
void smb_observations_free(smb_observation *v, size_t n);

#endif
