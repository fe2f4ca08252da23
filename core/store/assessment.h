/* core/store/assessment.h — one assessment: the immutable result of a cycle for
 * a client and period, as built by the cycle and as read back from the
 * workspace (both give the same struct, so one renderer serves both). */
#ifndef SMB_ASSESSMENT_H
#define SMB_ASSESSMENT_H

#include <stddef.h>

#include "error.h"
#include "store.h"

/* A condition on assessment rows (table named assessment, not aliased)
 * that leaves withdrawn ones out: every default that picks an assessment
 * (listings, history, review, plan, goals) uses it. */
#define SMB_NOT_WITHDRAWN " AND id NOT IN (SELECT assessment_id FROM assessment_withdrawal)"

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
	/* value = gain + resolve (README "The value of an initiative"):
	 * resolve is what fixing the worst weakness or threat that recommends
	 * it is worth, by severity; priority = value x confidence / effort. */
	double resolve, value;
	char *resolve_note;      /* "high threat MKT-0010", or NULL */
	double base_confidence;  /* as declared; confidence is after learning */
	char *confidence_note;   /* why confidence dropped, or NULL */
	char *under_way;         /* planned | in-progress | done, or NULL */
	char *since, *until;     /* its adoption's start and end periods */
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

/* One line of the data-quality section. kind: missing, estimated, imputed,
 * self-reported, implausible, unknown or reconciliation. */
typedef struct smb_aquality {
	char *kind;
	char *metric;            /* NULL for a reconciliation of two sources */
	char *detail;
} smb_aquality;

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
	smb_arec *recs;          /* recommended, best first */
	size_t nrecs;
	smb_arec *underway;      /* what findings recommend that is under way */
	size_t nunderway;
	char *withdrawn;         /* when the assessment was withdrawn, or NULL */
	smb_aerror *errors;
	size_t nerrors;
	smb_amodel *models;
	size_t nmodels;
	char *currency;          /* the client's ISO 4217 code: money units are in it */
	smb_aquality *quality;
	size_t nquality;
} smb_assessment;

/* The metric of a by key, NULL when a does not hold it (a may be NULL). */
const smb_ametric *smb_assessment_metric(const smb_assessment *a, const char *key);

/* Writes a in one transaction and sets a->id. */
int smb_assessment_write(smb_store *s, smb_assessment *a, smb_err *e);
int smb_assessment_load(smb_store *s, long long id, smb_assessment **out, smb_err *e);
/* The client's assessments, oldest first (only the summary fields). */
int smb_assessment_list(smb_store *s, const char *client, smb_assessment ***out, size_t *n, smb_err *e);
void smb_assessment_free(smb_assessment *a);
/* Frees a recommendation's strings and zeroes it. */
void smb_arec_clear(smb_arec *r);
/* Withdraws an assessment made by mistake: it stays in the workspace (the
 * audit trail) but leaves the listings, history, review and plan. */
int smb_assessment_withdraw(smb_store *s, long long id, const char *reason, smb_err *e);
void smb_assessment_list_free(smb_assessment **v, size_t n);

/* Appending while building; each returns -1 when out of memory. */
int smb_assessment_add_error(smb_assessment *a, const char *what, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int smb_assessment_set_model(smb_assessment *a, const char *model, const char *field, double value);
int smb_assessment_add_quality(smb_assessment *a, const char *kind, const char *metric, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
