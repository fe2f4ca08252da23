/* core/util/error.h — result codes and the caller-owned error message.
 * Result codes are the process exit codes (BSD sysexits), so the CLI passes
 * them through unchanged; below the CLI nothing exits. */
#ifndef SMB_ERROR_H
#define SMB_ERROR_H

#include <stddef.h>

typedef enum smb_rc {
	SMB_OK = 0,
	SMB_FAILED = 1,      /* checks ran and some failed (playbook test) */
	SMB_PARTIAL = 2,     /* a result was written, but some parts failed */
	SMB_EUSAGE = 64,     /* the command line is wrong */
	SMB_EDATA = 65,      /* input data is bad: nothing was written */
	SMB_ENOINPUT = 66,   /* a file, client or assessment does not exist */
	SMB_ESOFTWARE = 70,  /* an internal error: a bug */
	SMB_ECANTCREAT = 73, /* an output file cannot be created */
	SMB_EIO = 74,        /* the workspace or a file could not be read or written */
	SMB_ECONFIG = 78     /* workspace too new, plugin or playbook refused */
} smb_rc;

#define SMB_ERR_MAX 2048

typedef struct smb_err {
	int rc;
	char msg[SMB_ERR_MAX];
} smb_err;

/* Sets the message (replacing any earlier one) and returns rc, so that
 * callers write `return smb_err_set(e, SMB_EDATA, "...")`. e may be NULL. */
int smb_err_set(smb_err *e, int rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Puts "context: " before the current message. */
int smb_err_prefix(smb_err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void smb_err_clear(smb_err *e);

#endif
