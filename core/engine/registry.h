/* core/engine/registry.h — everything plugins and playbooks declare: metrics,
 * goalposts, rules, initiatives, questions, dataset kinds and solvers.
 * Built once per process; read-only while cycles run (docs/design.md §3). */
#ifndef SMB_REGISTRY_H
#define SMB_REGISTRY_H

#include <stddef.h>

#include "error.h"
#include "facts.h"
#include "kind.h"
#include "smbopt/plugin.h"

struct smb_playbook;

typedef enum smb_rollup {
	SMB_ROLLUP_NONE = 0,     /* exact period only (an undeclared input) */
	SMB_ROLLUP_SUM,          /* flows: revenue */
	SMB_ROLLUP_LAST,         /* stocks: cash */
	SMB_ROLLUP_MEAN,         /* rates */
	SMB_ROLLUP_DERIVED       /* computed from other metrics */
} smb_rollup;

typedef struct smb_goalposts {
	char *metric;
	double worst, best;
	int has_bands;
	double bands[5];         /* values scoring 0, 25, 50, 75, 100 */
	char *source;
	char *industry;          /* NULL: the default */
	char *origin;            /* who declared it */
} smb_goalposts;

/* A function in a playbook's Lua state, or a C callback of a plugin. */
typedef struct smb_callable {
	smb_compute_fn compute;  /* C metric */
	smb_when_fn when;        /* C rule */
	void *ud;
	struct smb_playbook *pb; /* Lua: the playbook and its registry ref */
	int ref;
} smb_callable;

typedef struct smb_metric {
	char *key;
	int area;                /* index in smb_areas */
	char *label;
	char *unit;
	int better;              /* +1 higher is better, -1 lower */
	smb_rollup rollup;
	char **inputs;
	size_t ninputs;
	char *dataset;           /* kind compute reads, or NULL */
	smb_callable fn;         /* unset for observed inputs */
	double weight;
	char *origin;            /* "plugin finance 1.0" or "playbook FILE" */
	char **industries;       /* NULL: every industry */
	size_t nindustries;
	/* a questionnaire question declares its metric */
	char *question;
	char **choices;          /* labels, worst to best */
	double *choice_scores;
	size_t nchoices;
	/* What the catalogue says of the metric (smbopt metrics, docs/metrics.md). */
	char *definition;        /* one sentence a business owner understands */
	char *basis;             /* formula or source, and its coverage */
	/* One concept, one number: metrics tried, in order, before this one's
	 * own computation; the first with a value is this metric's value. They
	 * are ordered before it like inputs, but none is required. */
	char **prefer;
	size_t nprefer;
	/* The plausible range of an observed value; the importer refuses values
	 * outside it unless --allow-implausible. bounded: 1 lo holds, 2 hi holds. */
	double lo, hi;
	int bounded;
} smb_metric;

typedef struct smb_rule {
	char *id;
	int area;
	char *kind;              /* strength | weakness | opportunity | threat */
	char *severity;          /* low | medium | high */
	char **metrics;
	size_t nmetrics;
	smb_callable fn;
	char *title;
	char *detail;
	char **recommend;
	size_t nrecommend;
	char **industries;       /* none: every industry */
	size_t nindustries;
	char *origin;
	smb_facts needs;         /* facts the client must have (facts.h) */
} smb_rule;

typedef struct smb_effect {
	char *metric;
	double delta;
} smb_effect;

typedef struct smb_initiative {
	char *id;
	int area;
	char *title;
	double cost, hours, months, confidence;
	smb_effect *effects;
	size_t neffects;
	char **requires;
	size_t nrequires;
	char **excludes;
	size_t nexcludes;
	char *origin;
	char **industries;       /* none: every industry */
	size_t nindustries;
	smb_facts needs;         /* facts the client must have (facts.h) */
} smb_initiative;

typedef struct smb_solver {
	char *name;
	char *description;
	smb_solve_fn solve;
	void *ud;
	char *origin;
} smb_solver;

/* A setting --set may give (smb_setting_def, copied). */
typedef struct smb_setting_decl {
	char *name;
	char *description;
	double min, max;
	int min_open, max_open, integer;
	char *origin;
} smb_setting_decl;

typedef struct smb_plugin {
	char *path;
	char *name;
	char *version;
	char *areas;
	char *industry;
	char *description;
	void *handle;
	smb_facts facts;         /* what every client of its industry has */
} smb_plugin;

/* A refused plugin or playbook: the file and why. Loading goes on. */
typedef struct smb_load_problem {
	char *file;
	char *reason;
} smb_load_problem;

typedef struct smb_registry {
	smb_metric *metrics;
	size_t nmetrics;
	smb_rule *rules;
	size_t nrules;
	smb_initiative *initiatives;
	size_t ninitiatives;
	smb_goalposts *gps;      /* in declaration order; later ones win */
	size_t ngps;
	smb_solver *solvers;
	size_t nsolvers;
	smb_plugin *plugins;
	size_t nplugins;
	struct smb_playbook **playbooks;
	size_t nplaybooks;
	smb_kindset kinds;
	double area_weight[5];
	struct { char *key; double weight; } *weights;
	size_t nweights;
	smb_load_problem *problems;
	size_t nproblems;
	smb_setting_decl *settings;
	size_t nsettings;
	size_t *order;           /* derived metrics in dependency order */
	size_t norder;
	/* In a staging registry: what its provider declares it overrides,
	 * "metric KEY", "rule ID", "initiative ID" or "kind NAME". */
	char **overrides;
	size_t noverrides;
	/* set while a plugin's init or a playbook's load runs */
	const char *loading;
	smb_err *load_err;
} smb_registry;

typedef struct smb_load_opts {
	const char *const *plugin_dirs;   /* --plugins, then $SMBOPT_PLUGIN_PATH, then bundled */
	size_t nplugin_dirs;
	const char *const *playbooks;     /* files or folders, loaded after the defaults */
	size_t nplaybooks;
	int no_defaults;                  /* skip the bundled plugins and playbooks */
	size_t memory_limit;              /* per playbook; 0: default */
	long long instruction_limit;      /* per call; 0: default */
	double seconds_total;             /* per playbook and assessment; 0: SMB_PLAYBOOK_SECONDS_TOTAL */
} smb_load_opts;

int smb_registry_init(smb_registry *r, smb_err *e);
/* Loads plugins and playbooks. Refused ones are recorded in r->problems and
 * the rest load; only a failure of the host itself returns an error. */
int smb_registry_load(smb_registry *r, const smb_load_opts *o, smb_err *e);
/* Orders derived metrics by their inputs; a cycle is an error naming it. */
int smb_registry_finish(smb_registry *r, smb_err *e);
void smb_registry_free(smb_registry *r);

smb_metric *smb_registry_metric(const smb_registry *r, const char *key);
smb_rule *smb_registry_rule(const smb_registry *r, const char *id);
smb_initiative *smb_registry_initiative(const smb_registry *r, const char *id);
/* The goalposts for a metric and industry: the industry's own if declared,
 * else the default; the latest declaration wins. NULL: the metric is not scored. */
const smb_goalposts *smb_registry_goalposts(const smb_registry *r, const char *metric, const char *industry);
int smb_metric_applies(const smb_metric *m, const char *industry);
/* Rules and initiatives also need the client's facts (facts.h). */
int smb_rule_applies(const smb_rule *r, const char *industry, smb_facts have);
int smb_initiative_applies(const smb_initiative *in, const char *industry, smb_facts have);
/* The facts the loaded industry plugins declare for an industry (0 for
 * `other` and any industry no plugin benchmarks). */
smb_facts smb_registry_industry_facts(const smb_registry *r, const char *industry);
/* Declares where a rule or initiative applies (plugin add_applies, the
 * playbook loader); SMB_EDATA for an unknown id. */
int smb_registry_set_applies(smb_registry *r, const char *id, char **industries, size_t nindustries, smb_facts needs,
                             smb_err *e);

/* Adding moves the strings and arrays of the struct into the registry (on
 * failure too: the caller never frees them). Used by the plugin host table and the playbook loader. A later
 * declaration of the same metric, rule or initiative replaces the earlier
 * one; smb_registry_merge decides whether a provider may do that. */
int smb_registry_add_metric(smb_registry *r, const smb_metric *m, smb_err *e);
int smb_registry_add_goalposts(smb_registry *r, const smb_goalposts *g, smb_err *e);
int smb_registry_add_rule(smb_registry *r, const smb_rule *rule, smb_err *e);
int smb_registry_add_initiative(smb_registry *r, const smb_initiative *in, smb_err *e);
int smb_registry_problem(smb_registry *r, const char *file, const char *reason);
/* A weight for a metric key, or for an area when key is an area name;
 * applied by smb_registry_finish, latest wins. */
int smb_registry_add_weight(smb_registry *r, const char *key, double weight, smb_err *e);
/* Declares a setting (strings copied); a name another provider declared
 * is refused by smb_registry_merge, naming both. */
int smb_registry_add_setting(smb_registry *r, const smb_setting_def *def, const char *origin, smb_err *e);
/* Checks --set NAME=VALUE against the declared settings: 0; or -1 with why
 * ("no loaded plugin reads this setting; did you mean X?" or "must be a
 * whole number from 1 to 120"), for the caller to prefix with the name. */
int smb_registry_check_setting(const smb_registry *r, const char *name, double value, char *why, size_t whylen);

/* Records that the staging registry's provider overrides what ("metric",
 * "rule", "initiative", "kind") id of an earlier provider. */
int smb_registry_add_override(smb_registry *st, const char *what, const char *id, smb_err *e);
/* Moves what a staging registry (one plugin's or playbook's declarations)
 * holds into r; the staging registry keeps only empty tables. A metric key
 * (questions included), rule id, initiative id or dataset kind that r
 * already holds from another provider is an error naming both (SMB_ECONFIG,
 * nothing moved) unless the staging registry declares it overrides it. */
int smb_registry_merge(smb_registry *r, smb_registry *staging, smb_err *e);

void smb_metric_clear(smb_metric *m);
void smb_rule_clear(smb_rule *r);
void smb_initiative_clear(smb_initiative *in);
void smb_goalposts_clear(smb_goalposts *g);

const char *smb_rollup_name(smb_rollup r);
int smb_rollup_parse(const char *s, smb_rollup *r);

#endif
