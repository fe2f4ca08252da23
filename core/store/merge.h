/* core/store/merge.h — bringing the assessments of workspace copies (shards
 * run on other machines) into one workspace. */
#ifndef SMB_MERGE_H
#define SMB_MERGE_H

#include <stddef.h>

#include "error.h"
#include "store.h"

typedef struct smb_merge_count {
	size_t added;      /* assessments copied in */
	size_t present;    /* already there, identical */
} smb_merge_count;

/* Merges the assessments of each file in turn into s, all in one
 * transaction: either every file merges or nothing changes. A source must
 * have the same schema version as s and, for every client whose assessments
 * it brings, the same client, observations and dataset rows; otherwise it
 * is a conflict (SMB_EDATA, naming the file and the client). count has n
 * entries. */
int smb_merge(smb_store *s, const char *const *files, size_t n, smb_merge_count *count, smb_err *e);

#endif
