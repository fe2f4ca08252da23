/* core/engine/playbook.h — Lua playbooks: a file of declarations (playbook,
 * metric, rule, initiative, question, weights) run in its own sandbox. */
#ifndef SMB_PLAYBOOK_H
#define SMB_PLAYBOOK_H

#include "buf.h"
#include "context.h"
#include "registry.h"
#include "sandbox.h"

typedef struct smb_decl_line {
	char *what;              /* "metric finance.x" */
	int line;
} smb_decl_line;

typedef struct smb_playbook {
	char *path;
	char *name;
	char *version;
	char *description;
	char sha256[65];         /* of the source, for the method fingerprint */
	char **industries;
	size_t nindustries;
	smb_sandbox *sb;
	smb_decl_line *decls;
	size_t ndecls;
	char **tests;            /* names of test_* functions */
	size_t ntests;
	smb_registry *reg;       /* the registry it was merged into */
	double seconds_total;    /* time it may spend per assessment, all calls together */
} smb_playbook;

/* Besides 5 s per call, a playbook may spend this long in all of one
 * assessment's calls (smb_load_opts seconds_total overrides it). */
#define SMB_PLAYBOOK_SECONDS_TOTAL 10.0

/* Loads the bundled playbooks (unless no_defaults), then o->playbooks
 * (files, or folders of *.lua). A refused bundled playbook is recorded in
 * r->problems with FILE:LINE: reason, and the others load; a refused one
 * the user named is an error (SMB_EDATA, or SMB_ENOINPUT for a missing
 * file) with that message. */
int smb_playbooks_load(smb_registry *r, const smb_load_opts *o, smb_err *e);
/* Loads one file; on refusal returns SMB_ECONFIG and the messages, one per
 * line, in e (several problems of one file are all reported). */
int smb_playbook_load_file(smb_registry *r, const char *path, const smb_load_opts *o,
                           smb_playbook **out, smb_err *e);
void smb_playbook_free(smb_playbook *pb);
/* Opens each loaded playbook's time budget for a new assessment; the one
 * that spends it trips, and its errors name it (core/engine/cycle.c). */
void smb_playbooks_begin_assessment(const smb_registry *r);
void smb_playbook_unref(smb_playbook *pb, int ref);
int smb_playbook_decl_line(const smb_playbook *pb, const char *what);

/* Calls into the playbook. Both return SMB_OK, or SMB_PARTIAL with the
 * Lua message (with its line) in err. compute sets *missing to 1 when the
 * function returned nil, and to 2 when it returned ±math.huge and a reason
 * (a value beyond measure; the reason in ctx->message). */
int smb_playbook_compute(const smb_callable *fn, smb_ctx *ctx, double *out, int *missing,
                         char *err, size_t errlen);
int smb_playbook_when(const smb_callable *fn, smb_ctx *ctx, int *fires, char *err, size_t errlen);

/* Runs the playbook's test_* functions as TAP into out; returns the number
 * of failed assertions (or -1 when the playbook cannot run). */
int smb_playbook_run_tests(smb_playbook *pb, smb_buf *out, smb_err *e);

#endif
