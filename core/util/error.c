/* core/util/error.c — filling the caller-owned error message. Messages are cut,
 * never overflowed, when they exceed SMB_ERR_MAX. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int smb_err_set(smb_err *e, int rc, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return rc;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	e->rc = rc;
	return rc;
}

int smb_err_prefix(smb_err *e, const char *fmt, ...)
{
	char head[512], old[SMB_ERR_MAX];
	va_list ap;

	if (!e)
		return SMB_OK;
	va_start(ap, fmt);
	vsnprintf(head, sizeof head, fmt, ap);
	va_end(ap);
	memcpy(old, e->msg, sizeof old);
	/* Cut the old message, not the context, when both do not fit. */
	size_t hl = strlen(head);
	if (hl + 2 >= sizeof e->msg)
		hl = sizeof e->msg - 3;
	memcpy(e->msg, head, hl);
	memcpy(e->msg + hl, ": ", 2);
	size_t room = sizeof e->msg - hl - 3, ol = strlen(old);
	if (ol > room)
		ol = room;
	memcpy(e->msg + hl + 2, old, ol);
	e->msg[hl + 2 + ol] = '\0';
	return e->rc;
}

void smb_err_clear(smb_err *e)
{
	if (e) {
		e->rc = SMB_OK;
		e->msg[0] = '\0';
	}
}
