/* core/store/client.h — the businesses a workspace holds. A client id is a slug so
 * it can name files and appear in URLs and scripts without quoting. */
#ifndef SMB_CLIENT_H
#define SMB_CLIENT_H

#include "error.h"
#include "store.h"

typedef struct smb_client {
	char *id;
	char *name;
	char *industry;
	long long employees;     /* -1 when not given */
	char *currency;
	char *created;
} smb_client;

/* [a-z0-9][a-z0-9-]*, at most 64 characters. */
int smb_slug_valid(const char *s);

int smb_client_add(smb_store *s, const smb_client *c, smb_err *e);
/* Fills c (free with smb_client_free); SMB_ENOINPUT for an unknown id. */
int smb_client_get(smb_store *s, const char *id, smb_client *c, smb_err *e);
/* All clients ordered by id; free with smb_client_list_free. */
int smb_client_list(smb_store *s, smb_client **out, size_t *n, smb_err *e);
void smb_client_free(smb_client *c);
/* Corrects a client: NULL strings and employees -2 keep the stored value
 * (-1 clears the head count). Assessments keep the industry they had. */
int smb_client_update(smb_store *s, const smb_client *c, smb_err *e);
/* Removes a client. With data (imports, observations, dataset rows,
 * assessments, goals, initiatives) it is refused unless force, which
 * removes them too, assessments included, in one transaction. */
int smb_client_remove(smb_store *s, const char *id, int force, smb_err *e);

/* Sets *rc to SMB_ENOINPUT with a message when the client does not exist. */
void smb_client_check(smb_store *s, const char *id, int *rc, smb_err *e);
void smb_client_list_free(smb_client *c, size_t n);

#endif
