/* core/store/assessment.h — one assessment: the immutable result of a cycle for
 * a client and period, as built by the cycle and as read back from the
 * workspace (both give the same struct, so one renderer serves both). */
#ifndef SMB_ASSESSMENT_H
#define SMB_ASSESSMENT_H

#include <stddef.h>

#include "error.h"
#include "store.h"

/* The JSON document's schema version (README, "Assessment JSON"). */
#define SMB_ASSESSMENT_SCHEMA 1

typedef struct smb_ametric {
	char *key;
	int area;
	char *label;
	char *unit;
	double value;            /* NaN: missing */
	double score;            /* NaN: not scored */
	double weight;
	char *origin;            /* who declared the metric */
	char *source;            /* where the value came from, or why it is missing */
	int has_goalposts;
	double worst, best;
	char *gp_source;
	char *gp_industry;       /* NULL: default goalposts */
} smb_ametric;

typedef struct smb_aarea {
	double score;            /* NaN: no score (see reason) */
	double coverage;
	double weight;
	char *level;
	char *reason;
} smb_aarea;

typedef struct smb_afinding {
	char *rule_id;
	int area;
	char *kind, *severity, *title, *detail;
	char *evidence;          /* JSON array [{metric, value}] */
	char *recommend;         /* JSON array of initiative ids */
	int hidden;              /* a consultant's note hides it from the client (note.h); not stored here */
} smb_afinding;

typedef struct smb_arec {
	char *initiative_id;
	int area;
	char *title;
	double gain, priority, cost, hours, months, confidence;
	char *effect;            /* JSON object {metric: change} */
	char *findings;          /* JSON array of rule ids that recommend it */
} smb_arec;

typedef struct smb_aerror {
	char *what;
	char *message;
} smb_aerror;

typedef struct smb_amodel {
	char *model;
	char *field;
	double value;
} smb_amodel;

typedef struct smb_assessment {
	long long id;
	char *client_id;
	char *client_name;
	char *industry;
	int industry_defaults;   /* no plugin benchmarks this industry */
	char *period;
	char *created;
	char *aggregate;
	double overall;          /* NaN: no overall score */
	char *level;
	char *overall_reason;
	int partial;
	char *fingerprint;
	char *method;            /* JSON */
	smb_aarea areas[5];
	smb_ametric *metrics;
	size_t nmetrics;
	smb_afinding *findings;
	size_t nfindings;
	smb_arec *recs;
	size_t nrecs;
	smb_aerror *errors;
	size_t nerrors;
	smb_amodel *models;
	size_t nmodels;
} smb_assessment;

/* Writes a in one transaction and sets a->id. */
int smb_assessment_write(smb_store *s, smb_assessment *a, smb_err *e);
int smb_assessment_load(smb_store *s, long long id, smb_assessment **out, smb_err *e);
/* The client's assessments, oldest first (only the summary fields). */
int smb_assessment_list(smb_store *s, const char *client, smb_assessment ***out, size_t *n, smb_err *e);
void smb_assessment_free(smb_assessment *a);
void smb_assessment_list_free(smb_assessment **v, size_t n);

/* Appending while building; each returns -1 when out of memory. */
int smb_assessment_add_error(smb_assessment *a, const char *what, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int smb_assessment_set_model(smb_assessment *a, const char *model, const char *field, double value);

#endif
