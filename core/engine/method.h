/* core/engine/method.h — the method fingerprint: everything besides the data that
 * decides an assessment's numbers, written as JSON and hashed, so two
 * assessments with equal fingerprints were produced the same way. The
 * stored description is read back whole, so a review can re-score any
 * data with the method an assessment was made with, whatever is loaded. */
#ifndef SMB_METHOD_H
#define SMB_METHOD_H

#include "buf.h"
#include "cycle.h"

/* 2: the applicable rules with their metrics were added. */
#define SMB_METHOD_SCHEMA 2

/* Sets cy->a->method (JSON) and cy->a->fingerprint (SHA-256 hex of it). */
int smb_method_describe(smb_cycle *cy);

typedef struct smb_method_gp {
	char *metric;
	int area;
	smb_goalposts gp;            /* worst, best, bands (gp.metric aliases metric) */
	double weight;
} smb_method_gp;

typedef struct smb_method_rule {
	char *id;
	char **metrics;
	size_t nmetrics;
} smb_method_rule;

/* A plugin (sha256 NULL) or a playbook that took part. */
typedef struct smb_method_part {
	char *name, *version, *sha256;
} smb_method_part;

typedef struct smb_method {
	int schema;
	smb_aggregate aggregate;
	double coverage;             /* the threshold */
	char *industry;
	double area_weight[5];
	smb_method_gp *gps;          /* the scored metrics, in registry order */
	size_t ngps;
	int has_rules;               /* schema >= 2: rules[] is the full list */
	smb_method_rule *rules;
	size_t nrules;
	smb_method_part *plugins, *playbooks;
	size_t nplugins, nplaybooks;
	smb_setting *settings;       /* names owned here */
	size_t nsettings;
} smb_method;

/* Reads the method stored with an assessment (SQLite's JSON functions
 * parse it). */
int smb_method_load(smb_store *s, long long assessment, smb_method *out, smb_err *e);
void smb_method_free(smb_method *m);
const smb_method_gp *smb_method_goalposts(const smb_method *m, const char *metric);
const smb_method_rule *smb_method_rule_of(const smb_method *m, const char *id);
/* Writes the settings that differ between a and b ("name 6 -> 3", "; "
 * between); returns how many. */
int smb_method_settings_diff(const smb_method *a, const smb_method *b, smb_buf *out);

/* Scores values with a stored method as the cycle does: each scored metric
 * by its goalposts, areas by weighted mean, the overall by the method's
 * aggregation. value(key, ud) gives NaN for a metric left out. With
 * threshold = 0 the coverage threshold is not applied (a score of what is
 * there). A metric's score is written to mscore[i] for gps[i] if given. */
typedef double (*smb_method_value_fn)(const char *key, void *ud);
void smb_method_score(const smb_method *m, smb_method_value_fn value, void *ud, int threshold, double *mscore,
                      double area[5], double *overall);

#endif
