/* core/engine/context.h — one computation for one client and period: what a
 * plugin's compute or when callback (and a playbook's function) can read. */
#ifndef SMB_CONTEXT_H
#define SMB_CONTEXT_H

#include "smbopt/plugin.h"

struct smb_cycle;

struct smb_ctx {
	struct smb_cycle *cy;
	const char *what;            /* "metric finance.x" or "rule FIN-1", for messages */
	char message[512];           /* set by fail() */
};

int smb_ctx_get(smb_ctx *c, const char *key, double *out);
int smb_ctx_get_at(smb_ctx *c, const char *key, const char *period, double *out);
const char *smb_ctx_period(smb_ctx *c);
const char *smb_ctx_period_first(smb_ctx *c);
const char *smb_ctx_period_last(smb_ctx *c);
const char *smb_ctx_industry(smb_ctx *c);
double smb_ctx_setting(smb_ctx *c, const char *name, double fallback);
size_t smb_ctx_rows(smb_ctx *c, const char *kind);
const char *smb_ctx_cell(smb_ctx *c, const char *kind, size_t row, const char *column);
int smb_ctx_cell_number(smb_ctx *c, const char *kind, size_t row, const char *column, double *out);
int smb_ctx_model(smb_ctx *c, const char *model, const char *field, double value);
int smb_ctx_fail(smb_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
unsigned long long smb_ctx_cycle(smb_ctx *c);
int smb_ctx_keep(smb_ctx *c, const char *key, void *data, void (*release)(void *data));
void *smb_ctx_kept(smb_ctx *c, const char *key);

#endif
