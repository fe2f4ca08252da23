/* core/util/outfile.h — every file smbopt writes besides the workspace (the
 * rejects file of `import --skip-bad`, and any later export) is created
 * through this one helper, so that no writer follows a link, truncates a
 * file it does not own, or writes onto the workspace.
 *
 * How: the content goes to a new temporary file beside the target (mkstemp:
 * O_CREAT|O_EXCL, so nothing at that name is followed or reused), which is
 * renamed into place only when complete. Before creating it and again before
 * the rename, the target must be absent or a regular file owned by the user
 * (a symbolic link, a directory, a FIFO or a device is refused), and must not
 * be the guarded workspace or its -wal/-shm (compared by device and inode, so
 * a hard link is caught too). A writer with nothing to write discards the
 * temporary file: the target is then never created or truncated. */
#ifndef SMB_OUTFILE_H
#define SMB_OUTFILE_H

#include <stdio.h>

#include "error.h"

typedef struct smb_outfile {
	FILE *f;                 /* write here between open and finish */
	char *path;              /* the target */
	char *tmp;               /* the temporary file beside it, until commit or discard */
	char *guard;             /* the workspace never to write onto, or NULL */
} smb_outfile;

/* Checks the target and creates the temporary file. guard: the workspace
 * path (its -wal and -shm are guarded with it), or NULL. SMB_ECANTCREAT
 * with a message naming the target when refused. */
int smb_outfile_open(smb_outfile *o, const char *path, const char *guard, smb_err *e);
/* Flushes the content to disk and closes it; a write error (full disk,
 * file size limit) is reported here, before the caller commits anything. */
int smb_outfile_finish(smb_outfile *o, smb_err *e);
/* Checks the target again and renames the finished file into place. */
int smb_outfile_commit(smb_outfile *o, smb_err *e);
/* Removes the temporary file (the target is untouched) and frees o;
 * harmless after commit and on a zeroed o. */
void smb_outfile_discard(smb_outfile *o);

#endif
