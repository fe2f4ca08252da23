/* core/util/outfile.c — output files created beside their target and renamed
 * into place; see outfile.h for the rules every writer relies on. */
#include "outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Is st the file at `path` (following links, as SQLite opens it)? */
static int same_file(const struct stat *st, const char *path, const char *suffix)
{
	struct stat g;
	char name[4096];

	if (snprintf(name, sizeof name, "%s%s", path, suffix) >= (int)sizeof name)
		return 0;
	return stat(name, &g) == 0 && g.st_dev == st->st_dev && g.st_ino == st->st_ino;
}

/* The target may be absent, or a regular file of ours that is not the
 * workspace. lstat: a link is judged as itself, never as its target. */
static int check_target(const smb_outfile *o, smb_err *e)
{
	struct stat st;

	if (lstat(o->path, &st) != 0) {
		if (errno == ENOENT)
			return SMB_OK;
		return smb_err_set(e, SMB_ECANTCREAT, "%s: %s", o->path, strerror(errno));
	}
	if (S_ISLNK(st.st_mode))
		return smb_err_set(e, SMB_ECANTCREAT, "%s is a symbolic link; smbopt does not write through links (remove it)",
		                   o->path);
	if (!S_ISREG(st.st_mode))
		return smb_err_set(e, SMB_ECANTCREAT, "%s exists and is not a regular file; smbopt does not write to it",
		                   o->path);
	if (st.st_uid != geteuid())
		return smb_err_set(e, SMB_ECANTCREAT, "%s belongs to another user; smbopt does not replace it", o->path);
	if (o->guard && (same_file(&st, o->guard, "") || same_file(&st, o->guard, "-wal") ||
	                 same_file(&st, o->guard, "-shm")))
		return smb_err_set(e, SMB_ECANTCREAT, "%s is the workspace %s (or its -wal/-shm); smbopt does not write onto it",
		                   o->path, o->guard);
	return SMB_OK;
}

int smb_outfile_open(smb_outfile *o, const char *path, const char *guard, smb_err *e)
{
	size_t len = strlen(path);
	mode_t mask;
	int fd, rc;

	char *tmp;

	memset(o, 0, sizeof *o);
	if (!(o->path = strdup(path)) || (guard && !(o->guard = strdup(guard)))) {
		smb_outfile_discard(o);
		return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	}
	if ((rc = check_target(o, e))) {
		smb_outfile_discard(o);
		return rc;
	}
	if (!(tmp = malloc(len + 8))) {
		smb_outfile_discard(o);
		return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	}
	memcpy(tmp, path, len);
	memcpy(tmp + len, ".XXXXXX", 8);
	if ((fd = mkstemp(tmp)) < 0) {
		rc = smb_err_set(e, SMB_ECANTCREAT, "%s: cannot create a file beside it: %s", path, strerror(errno));
		free(tmp);
		smb_outfile_discard(o);
		return rc;
	}
	/* Invariant: o->tmp names a file of ours from here until commit or
	 * discard, which removes it. */
	o->tmp = tmp;
	/* mkstemp makes it 0600; the file gets the mode any new file would. */
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	if (!(o->f = fdopen(fd, "w"))) {
		rc = smb_err_set(e, SMB_ECANTCREAT, "%s: %s", o->tmp, strerror(errno));
		close(fd);
		smb_outfile_discard(o);
		return rc;
	}
	return SMB_OK;
}

int smb_outfile_finish(smb_outfile *o, smb_err *e)
{
	int bad;

	if (!o->f)
		return SMB_OK;
	bad = fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0;
	if (fclose(o->f) != 0)
		bad = 1;
	o->f = NULL;
	if (bad)
		return smb_err_set(e, SMB_ECANTCREAT, "%s: %s", o->path, strerror(errno ? errno : EIO));
	return SMB_OK;
}

int smb_outfile_commit(smb_outfile *o, smb_err *e)
{
	int rc;

	if ((rc = smb_outfile_finish(o, e)) || (rc = check_target(o, e)))
		return rc;
	/* rename replaces the name itself: whatever appeared at it since the
	 * check (a link, say), nothing is written through it. */
	if (rename(o->tmp, o->path) != 0)
		return smb_err_set(e, SMB_ECANTCREAT, "%s: %s", o->path, strerror(errno));
	free(o->tmp);
	o->tmp = NULL;
	return SMB_OK;
}

void smb_outfile_discard(smb_outfile *o)
{
	if (o->f)
		fclose(o->f);
	if (o->tmp)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	free(o->guard);
	memset(o, 0, sizeof *o);
}
