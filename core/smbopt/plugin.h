/* smbopt/plugin.h — the one header a plugin is built against.
 * A plugin never links against the host: everything it may call arrives in
 * the smb_host_api table passed to its init function.
 *
 * Installing one: the host checks the .so file and every directory above
 * it (as named and as resolved through links) BEFORE dlopen, because
 * dlopen runs the library's constructors: each must be owned by root or
 * by the user running smbopt and not be writable by group or others (a
 * sticky directory such as /tmp passes). A plugin that fails is refused
 * without any of its code having run. */
#ifndef SMBOPT_PLUGIN_H
#define SMBOPT_PLUGIN_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ABI rules, relied on by the loader (core/engine/plugin.c):
 * - smb_host_api only ever grows at its end; struct_size says how much of it
 *   the host filled, so a plugin checks struct_size before using a newer field.
 * - the definition structs below are never changed once released; a new ABI
 *   version adds new structs and new add_* functions instead.
 * - a plugin whose info.abi_version is greater than the host's is refused.
 * - a plugin states its ABI before any of its code runs: SMB_PLUGIN_DECLARE_ABI
 *   (below) exports the data symbol smb_plugin_abi, which the loader reads
 *   with dlsym before it calls init. A newer one is refused with init never
 *   called; one that disagrees with info.abi_version is refused after init.
 *   A plugin without the symbol was built before it existed and is taken
 *   as ABI 1, the version then current: it loads as it always did.
 *
 * Threading (docs/design.md §6). init runs once per registry, one load at a
 * time. compute and when callbacks may run on several threads at once, each
 * call with its own ctx (one cycle per thread; `smbopt assess --all --jobs`):
 * a plugin keeps per-cycle work only through keep()/kept(), which belong to
 * the ctx's cycle, and keeps no other mutable global state unless it guards
 * it with its own lock. smb_plugin_fini runs once, after every cycle.
 *
 * String lifetimes. Strings the host returns inside a compute or when
 * callback (period(), period_first(), period_last(), industry(), cell())
 * are the host's, read-only, and valid until that callback returns: a
 * plugin that wants one later (in what it keep()s for the cycle) copies
 * it. cell() returns NULL for no such kind, row or column. host_error()'s
 * string is valid until init returns. Strings a plugin passes to
 * add_*(), describe_metric(), override() and add_setting() are copied
 * during the call; those in smb_plugin_info must outlive the plugin's
 * load (string literals).
 *
 * Enumerations. Values fixed by the C compiler are C enums (smb_coltype);
 * the vocabularies playbooks share with plugins stay strings, as released
 * in ABI 1: smb_metric_def.rollup ("sum", "last", "mean", "derived"),
 * smb_rule_def.kind ("strength", "weakness", "opportunity", "threat") and
 * smb_rule_def.severity ("low", "medium", "high"); the host refuses any
 * other spelling on add_*. They stay strings: enums would change released
 * structs, and playbooks spell them the same way.
 *
 * Growth. A released struct is never reordered and never shrinks. The host
 * table (smb_host_api) grows only at its end: a plugin tests a field with
 * SMB_HOST_HAS(api, field) before calling it, as an older host's table
 * ends before it. smb_plugin_info also grows only at its end (the host
 * zeroes it before init). A definition struct the plugin passes in is not
 * grown in place, since an older plugin's copy would be read past its end:
 * new information arrives as a new struct with its own add_* or describe
 * function at the end of the table (smb_metric_about, smb_setting_def,
 * smb_applies_def). Initialise every struct with named fields (.key = …)
 * so a field can never land in another's place. */
#define SMB_PLUGIN_ABI_VERSION 1
#define SMB_PLUGIN_INIT_SYMBOL "smb_plugin_init"
#define SMB_PLUGIN_ABI_SYMBOL "smb_plugin_abi"
#define SMB_PLUGIN_FINI_SYMBOL "smb_plugin_fini"

/* Result codes of host functions and plugin callbacks. */
#define SMB_PLUGIN_OK       0
#define SMB_PLUGIN_ERROR    1   /* failed; the host reads the message set by fail() */
#define SMB_PLUGIN_MISSING  2   /* a value is not available for this client and period;
                                   a reason set with fail() beforehand is shown with the null */
/* compute only: the value is beyond what can be measured (a runway that does
 * not end within the projection): *out is +INFINITY or -INFINITY, the reason
 * set with fail() beforehand ("cash stays positive through the 24-month
 * projection"). The host shows null and the reason, never a number, and
 * scores it as the goalposts' end it lies beyond. */
#define SMB_PLUGIN_UNBOUNDED 3

typedef struct smb_host smb_host;   /* the registry being filled during init */
typedef struct smb_ctx smb_ctx;     /* one computation for one client and period */
struct smb_host_api;

typedef enum smb_coltype {
	SMB_COL_TEXT = 0,
	SMB_COL_INTEGER = 1,
	SMB_COL_REAL = 2,
	SMB_COL_DATE = 3,     /* YYYY-MM-DD */
	SMB_COL_PERIOD = 4    /* 2026, 2026-Q3, 2026-09 */
} smb_coltype;

typedef struct smb_column_def {
	const char *name;
	smb_coltype type;
	int required;
} smb_column_def;

/* A CSV shape the importer accepts. The host copies everything. */
typedef struct smb_kind_def {
	const char *name;              /* "inventory" */
	const char *description;
	const smb_column_def *columns;
	size_t ncolumns;
} smb_kind_def;

/* compute: fill *out and return SMB_PLUGIN_OK, or SMB_PLUGIN_MISSING when an
 * input is missing, or SMB_PLUGIN_ERROR after api->fail(). */
typedef int (*smb_compute_fn)(const struct smb_host_api *api, smb_ctx *ctx,
                              void *ud, double *out);
/* when: set *fires to 0 or 1. */
typedef int (*smb_when_fn)(const struct smb_host_api *api, smb_ctx *ctx,
                           void *ud, int *fires);

typedef struct smb_metric_def {
	const char *key;               /* "area.name" */
	const char *label;
	const char *unit;
	int better;                    /* +1 higher is better, -1 lower is better */
	const char *rollup;            /* "sum", "last", "mean" for inputs; "derived" */
	const char *const *inputs;     /* metric keys compute reads; NULL-terminated */
	const char *dataset;           /* kind whose rows compute reads, or NULL */
	smb_compute_fn compute;        /* NULL for an input (observed) metric */
	void *ud;
	double weight;                 /* weight within its area; 0 means 1 */
} smb_metric_def;

typedef struct smb_goalposts_def {
	const char *metric;
	const char *industry;          /* NULL: the default for every industry */
	double worst;                  /* scores 0 */
	double best;                   /* scores 100 */
	const double *bands;           /* NULL or 5 values v0 v25 v50 v75 v100 */
	const char *source;            /* where the numbers come from; required */
} smb_goalposts_def;

typedef struct smb_rule_def {
	const char *id;                /* "FIN-0010" */
	const char *area;
	const char *kind;              /* strength | weakness | opportunity | threat */
	const char *severity;          /* low | medium | high */
	const char *const *metrics;    /* evidence and what when() reads; NULL-terminated */
	smb_when_fn when;
	void *ud;
	const char *title;
	const char *detail;            /* may hold {area.metric:%.2f} placeholders */
	const char *const *recommend;  /* initiative ids; NULL-terminated */
	const char *industry;          /* NULL: applies to every industry */
} smb_rule_def;

typedef struct smb_effect_def {
	const char *metric;
	double delta;                  /* expected change of the metric's value */
} smb_effect_def;

typedef struct smb_initiative_def {
	const char *id;
	const char *area;
	const char *title;
	double cost;
	double hours;
	double months;
	double confidence;             /* 0..1 */
	const smb_effect_def *effects;
	size_t neffects;
	const char *const *requires;   /* NULL-terminated */
	const char *const *excludes;   /* NULL-terminated */
} smb_initiative_def;

/* A 0/1 multi-constraint knapsack with side constraints.
 * weight is row-major: weight[i * n + j] is item j's use of resource i. */
typedef struct smb_knapsack_problem {
	size_t n;                      /* items */
	size_t m;                      /* resources */
	const double *value;           /* n */
	const double *weight;          /* m * n */
	const double *capacity;        /* m */
	const size_t *requires;        /* pairs (j, i): x_j <= x_i */
	size_t nrequires;
	const size_t *excludes;        /* pairs (a, b): x_a + x_b <= 1 */
	size_t nexcludes;
	const size_t *group_start;     /* "at least one of": group g is items */
	const size_t *group_items;     /*   group_items[group_start[g] .. group_start[g+1]) */
	size_t ngroups;
	const signed char *fixed;      /* n or NULL: 1 forced in, -1 forced out, 0 free */
	double time_limit;             /* seconds; 0 means none */
} smb_knapsack_problem;

typedef struct smb_knapsack_solution {
	unsigned char *x;              /* n, allocated by the caller */
	double value;
	double bound;                  /* best upper bound proven */
	int optimal;                   /* 1 when proven optimal */
	int feasible;                  /* 0 when no choice satisfies the constraints */
	size_t nodes;
} smb_knapsack_solution;

typedef int (*smb_solve_fn)(const smb_knapsack_problem *p,
                            smb_knapsack_solution *s, char *err, size_t errlen,
                            void *ud);

typedef struct smb_solver_def {
	const char *name;              /* "glpk" */
	const char *description;
	smb_solve_fn solve;
	void *ud;
} smb_solver_def;

/* What the catalogue (smbopt metrics) says of a metric, and how the host
 * checks and chooses its values; registered with describe_metric after
 * add_metric. Added after abi version 1's first release: a new struct, so
 * smb_metric_def stays as released. */
typedef struct smb_metric_about {
	const char *key;               /* a metric this plugin added */
	const char *definition;        /* one sentence a business owner understands */
	const char *basis;             /* the formula or source, and what it covers */
	const char *const *prefer;     /* NULL or NULL-terminated: metrics whose value, the
	                                  first present, is taken before this one's compute */
	int bounded;                   /* 1: lo holds, 2: hi holds, 3: both */
	double lo, hi;                 /* the plausible range of an observed value */
} smb_metric_about;

/* A setting the plugin reads with setting(): `smbopt assess --set NAME=V`
 * is refused unless some loaded plugin declares NAME, and V must lie in
 * the range (and be whole when integer is set), like a flag's value.
 * Added after abi version 1's first release: add_setting below. */
typedef struct smb_setting_def {
	const char *name;              /* "customer.clv_months"; start it with an area or the plugin's name */
	const char *description;
	double min, max;               /* the range */
	int min_open, max_open;        /* 1: the bound itself is outside the range */
	int integer;                   /* 1: whole numbers only */
} smb_setting_def;

/* What a plugin says of itself; filled by init. Strings must outlive the
 * plugin's load (string literals are the usual choice). */
typedef struct smb_plugin_info {
	uint32_t abi_version;          /* set to SMB_PLUGIN_ABI_VERSION */
	const char *name;
	const char *version;
	const char *areas;             /* comma-separated, "" for none */
	const char *industry;          /* the industry it benchmarks, or NULL */
	const char *description;
	/* Grown after abi version 1's first release (the host zeroes info
	 * before init, so an older plugin leaves it NULL): the facts every
	 * client of `industry` has, comma-separated, e.g. "stock,goods,counter"
	 * (README "Applicability"). An older host's info ends before it: set
	 * it only when SMB_HOST_HAS(api, add_applies), which came with it. */
	const char *facts;
} smb_plugin_info;

/* Where a rule or an initiative the same plugin added applies (README
 * "Applicability"): the industries (NULL: every one, also `other`) and the
 * facts of the client's data it needs, all of them. Check
 * SMB_HOST_HAS(api, add_applies) first. */
typedef struct smb_applies_def {
	const char *id;                /* a rule or initiative id */
	const char *const *industries; /* NULL-terminated, or NULL */
	const char *const *needs;      /* NULL-terminated, or NULL */
} smb_applies_def;

typedef struct smb_host_api {
	uint32_t abi_version;
	uint32_t struct_size;
	smb_host *host;

	/* registration, valid during init only; strings are copied */
	int (*add_kind)(smb_host *h, const smb_kind_def *def);
	int (*add_metric)(smb_host *h, const smb_metric_def *def);
	int (*add_goalposts)(smb_host *h, const smb_goalposts_def *def);
	int (*add_rule)(smb_host *h, const smb_rule_def *def);
	int (*add_initiative)(smb_host *h, const smb_initiative_def *def);
	int (*add_solver)(smb_host *h, const smb_solver_def *def);
	/* why init failed or an add_* was refused */
	const char *(*host_error)(smb_host *h);

	/* computation, valid inside compute and when callbacks */
	int (*get)(smb_ctx *c, const char *key, double *out);
	int (*get_at)(smb_ctx *c, const char *key, const char *period, double *out);
	const char *(*period)(smb_ctx *c);           /* "2026-Q3" */
	const char *(*period_first)(smb_ctx *c);     /* "2026-07-01" */
	const char *(*period_last)(smb_ctx *c);      /* "2026-09-30" */
	const char *(*industry)(smb_ctx *c);
	double (*setting)(smb_ctx *c, const char *name, double fallback);
	/* rows of a dataset kind for the client dated up to period_last, in
	 * import order; cells are text as imported (numbers normalised) */
	size_t (*rows)(smb_ctx *c, const char *kind);
	const char *(*cell)(smb_ctx *c, const char *kind, size_t row, const char *column);
	/* a number into the assessment's models.<model>.<field> */
	int (*model)(smb_ctx *c, const char *model, const char *field, double value);
	/* a message for the error entry; returns SMB_PLUGIN_ERROR */
	int (*fail)(smb_ctx *c, const char *fmt, ...)
#if defined(__GNUC__)
		__attribute__((format(printf, 2, 3)))
#endif
		;
	/* A number unique to the running cycle within this process (never 0):
	 * within one cycle the client's data do not change, so a plugin may
	 * keep work done for one metric for the others of the same cycle.
	 * Check struct_size before using fields from here on. */
	unsigned long long (*cycle)(smb_ctx *c);
	/* Work a plugin did once in a cycle and reads back for its other
	 * metrics (parsed rows, a fitted model). keep() hands data to the cycle
	 * under a key (start it with the plugin's name); the cycle calls
	 * release(data) when it ends, or at once when keep() fails or the key is
	 * taken. kept() returns the data, or NULL. */
	int (*keep)(smb_ctx *c, const char *key, void *data, void (*release)(void *data));
	void *(*kept)(smb_ctx *c, const char *key);
	/* A cell read as a number by the importer's rules, whatever the
	 * process's locale: SMB_PLUGIN_OK and *out; SMB_PLUGIN_MISSING for an
	 * empty cell or no such row or column; SMB_PLUGIN_ERROR, with no
	 * message set, for text that is not a number. Most numbers take an
	 * exact fast path: a tenth of strtod's time on cells read by the
	 * thousand. smb_plugin_cell_number below falls back on older hosts. */
	int (*cell_number)(smb_ctx *c, const char *kind, size_t row, const char *column, double *out);
	/* Registration (during init): where a rule or initiative applies. An
	 * unknown id, industry spelling or fact is refused like any add_*. */
	int (*add_applies)(smb_host *h, const smb_applies_def *def);
	/* Registration (init only): the definition, basis, preferred sources
	 * and plausible range of a metric the plugin added (smb_metric_about). */
	int (*describe_metric)(smb_host *h, const smb_metric_about *about);
	/* Registration, valid during init only: declares that this plugin
	 * replaces another provider's definition of what ("metric", "rule",
	 * "initiative" or "kind") id. Without it, a metric key, rule id,
	 * initiative id or dataset kind another plugin or playbook already
	 * defined refuses the plugin, naming both. Check SMB_HOST_HAS(api,
	 * override); an older host lets the later definition win silently. */
	int (*override)(smb_host *h, const char *what, const char *id);
	/* Registration, valid during init only: a setting this plugin reads
	 * (smb_setting_def above). Check SMB_HOST_HAS(api, add_setting). */
	int (*add_setting)(smb_host *h, const smb_setting_def *def);
} smb_host_api;

/* Whether the host's table reaches a field (fields after abi version 1's
 * first release): SMB_HOST_HAS(api, keep). */
#define SMB_HOST_HAS(api, field) \
	((api)->struct_size >= offsetof(struct smb_host_api, field) + sizeof (api)->field && (api)->field)

/* cell_number where the host has it; on an older host, strtod on the cell
 * (the importer writes numbers with '.', which strtod reads in the C
 * locale that a host which never calls setlocale runs in). */
static inline int smb_plugin_cell_number(const smb_host_api *api, smb_ctx *c, const char *kind, size_t row,
                                         const char *column, double *out)
{
	const char *text;
	char *end;

	if (SMB_HOST_HAS(api, cell_number))
		return api->cell_number(c, kind, row, column, out);
	if (!(text = api->cell(c, kind, row, column)) || !*text)
		return SMB_PLUGIN_MISSING;
	*out = strtod(text, &end);
	return *end || *out != *out || *out - *out != 0 ? SMB_PLUGIN_ERROR : SMB_PLUGIN_OK;
}

/* Registers what a plugin says of its metrics where the host takes it
 * (describe_metric); an older host simply does without. */
static inline int smb_plugin_describe(const smb_host_api *api, const smb_metric_about *v, size_t n)
{
	if (!SMB_HOST_HAS(api, describe_metric))
		return SMB_PLUGIN_OK;
	for (size_t i = 0; i < n; i++)
		if (api->describe_metric(api->host, &v[i]) != SMB_PLUGIN_OK)
			return SMB_PLUGIN_ERROR;
	return SMB_PLUGIN_OK;
}

/* The one symbol a plugin exports. Return SMB_PLUGIN_OK, or SMB_PLUGIN_ERROR
 * and the host unloads the plugin and reports host_error() or a generic reason. */
typedef int (*smb_plugin_init_fn)(const smb_host_api *api, smb_plugin_info *info);
int smb_plugin_init(const smb_host_api *api, smb_plugin_info *info);

/* The ABI the plugin was built against, read before init runs (ABI rules
 * above). Write SMB_PLUGIN_DECLARE_ABI; once at file scope in one source
 * file of the plugin. A plugin linked with an export list exports
 * smb_plugin_abi (and smb_plugin_fini if it has one) beside smb_plugin_init. */
extern const uint32_t smb_plugin_abi;
#define SMB_PLUGIN_DECLARE_ABI const uint32_t smb_plugin_abi = SMB_PLUGIN_ABI_VERSION

/* Optional: what a plugin undoes before the host unloads it (frees what
 * init set up, closes a log). The host calls it once, just before dlclose,
 * for every plugin whose init returned SMB_PLUGIN_OK: when the registry is
 * freed at the end of the command, and also when the host refuses the
 * plugin after a successful init (a duplicate name or metric, bad facts).
 * It is not called when init fails: a failing init cleans up after itself.
 * No callback of the plugin runs after it. Added
 * after abi version 1's first release; an older host never calls it. */
typedef void (*smb_plugin_fini_fn)(void);
void smb_plugin_fini(void);

#ifdef __cplusplus
}
#endif
#endif
