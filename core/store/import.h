/* core/store/import.h — reading a client's CSV file into the workspace. A file is
 * accepted whole or not at all, unless the caller asks to skip bad rows. */
#ifndef SMB_IMPORT_H
#define SMB_IMPORT_H

#include "buf.h"
#include "error.h"
#include "kind.h"
#include "store.h"

/* Maps a questionnaire answer label to a score 0..100 for a question.
 * Returns 0, or -1 with the reason in why (unknown question or choice). */
typedef int (*smb_answer_fn)(void *ud, const char *question, const char *answer,
                             double *score, char *why, size_t whylen);

/* What the loaded plugins and playbooks say of a metric key: whether one
 * declares it, its plausible range, and the nearest declared key. */
typedef struct smb_metric_facts {
	int known;
	int bounded;               /* 1: lo holds, 2: hi holds */
	double lo, hi;
	char near[128];            /* "" when no declared key is near */
} smb_metric_facts;
typedef void (*smb_metric_fn)(void *ud, const char *key, smb_metric_facts *out);

typedef struct smb_import_opts {
	const char *client_id;
	const char *path;
	const char *kind;          /* NULL: detect from the header */
	const char *period;        /* answers: the period the answers describe */
	char delimiter;            /* 0: detect */
	int dry_run;
	int skip_bad;
	int replace;
	const smb_kindset *kinds;
	smb_answer_fn answer;      /* NULL: only numeric answers are accepted */
	void *answer_ud;
	int max_errors;            /* error lines kept (0: 20) */
	const char *name;          /* the file name to record and report, when path is a
	                            * copy (standard input); NULL: path */
	smb_metric_fn metric;      /* NULL: any area.name key, any value */
	void *metric_ud;
	int allow_unknown;         /* keep undeclared keys, with a warning */
	int allow_implausible;     /* keep values outside the plausible range, flagged */
} smb_import_opts;

typedef struct smb_import_report {
	long long import_id;       /* 0 for a dry run or a refused file */
	char kind[64];
	int wide;
	char delimiter;
	long long rows;            /* data rows read */
	long long accepted;
	long long rejected;
	long long values;          /* observations or dataset rows written */
	char sha256[65];
	char *rejects_path;        /* with skip_bad and rejects, else NULL */
	smb_buf errors;            /* "FILE:LINE:COLUMN: what" lines */
	long long nerrors;
	/* With replace: "replaced import #N (FILE), removing M values" per
	 * earlier import replaced, one a line (FILE with its control
	 * characters escaped); empty when none was. */
	smb_buf replaced;
	long long nreplaced;
	smb_buf warnings;          /* "FILE:LINE:COLUMN: warning: what" lines */
	long long unknown;         /* values kept under --allow-unknown */
	long long implausible;     /* values kept under --allow-implausible */
} smb_import_report;

/* Returns SMB_OK (also with skip_bad and some rejects), SMB_EDATA when the
 * file is refused (report->errors says where), or another code. */
int smb_import(smb_store *s, const smb_import_opts *o, smb_import_report *r, smb_err *e);
void smb_import_report_free(smb_import_report *r);

#endif
