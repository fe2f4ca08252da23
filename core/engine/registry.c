/* core/engine/registry.c — the registry's tables: adding with override, lookup,
 * the dependency order of derived metrics, and freeing. Loading of plugins
 * (core/engine/plugin.c) and playbooks (core/engine/playbook.c) fills it through here. */
#include "registry.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "playbook.h"
#include "plugin.h"

static void free_strv(char **v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

const char *smb_rollup_name(smb_rollup r)
{
	switch (r) {
	case SMB_ROLLUP_NONE: return "none";
	case SMB_ROLLUP_SUM: return "sum";
	case SMB_ROLLUP_LAST: return "last";
	case SMB_ROLLUP_MEAN: return "mean";
	case SMB_ROLLUP_DERIVED: return "derived";
	}
	return "?";
}

int smb_rollup_parse(const char *s, smb_rollup *r)
{
	static const smb_rollup all[] = { SMB_ROLLUP_SUM, SMB_ROLLUP_LAST, SMB_ROLLUP_MEAN, SMB_ROLLUP_DERIVED };

	for (size_t i = 0; s && i < 4; i++)
		if (strcmp(s, smb_rollup_name(all[i])) == 0) {
			*r = all[i];
			return 0;
		}
	return -1;
}

void smb_goalposts_clear(smb_goalposts *g)
{
	free(g->metric);
	free(g->source);
	free(g->industry);
	free(g->origin);
	memset(g, 0, sizeof *g);
}

void smb_metric_clear(smb_metric *m)
{
	free(m->key);
	free(m->label);
	free(m->unit);
	free_strv(m->inputs, m->ninputs);
	free(m->dataset);
	free(m->origin);
	free_strv(m->industries, m->nindustries);
	free(m->question);
	free_strv(m->choices, m->nchoices);
	free(m->choice_scores);
	free(m->definition);
	free(m->basis);
	free_strv(m->prefer, m->nprefer);
	if (m->fn.pb)
		smb_playbook_unref(m->fn.pb, m->fn.ref);
	memset(m, 0, sizeof *m);
}

void smb_rule_clear(smb_rule *r)
{
	free(r->id);
	free(r->kind);
	free(r->severity);
	free_strv(r->metrics, r->nmetrics);
	free(r->title);
	free(r->detail);
	free_strv(r->recommend, r->nrecommend);
	free_strv(r->industries, r->nindustries);
	free(r->origin);
	if (r->fn.pb)
		smb_playbook_unref(r->fn.pb, r->fn.ref);
	memset(r, 0, sizeof *r);
}

void smb_initiative_clear(smb_initiative *in)
{
	free(in->id);
	free(in->title);
	for (size_t i = 0; i < in->neffects; i++)
		free(in->effects[i].metric);
	free(in->effects);
	free_strv(in->requires, in->nrequires);
	free_strv(in->excludes, in->nexcludes);
	free(in->origin);
	free_strv(in->industries, in->nindustries);
	memset(in, 0, sizeof *in);
}

int smb_registry_init(smb_registry *r, smb_err *e)
{
	memset(r, 0, sizeof *r);
	for (int i = 0; i < 5; i++)
		r->area_weight[i] = 1.0;
	return smb_kindset_init(&r->kinds, e);
}

/* Grows an array of elements of size sz to hold one more. */
static void *grow(void *v, size_t n, size_t sz)
{
	if ((n & (n - 1)) == 0) {   /* at 0, 1, 2, 4, 8...: double */
		void *nv = realloc(v, (n ? 2 * n : 1) * sz);
		return nv;
	}
	return v;
}

smb_metric *smb_registry_metric(const smb_registry *r, const char *key)
{
	for (size_t i = 0; i < r->nmetrics; i++)
		if (strcmp(r->metrics[i].key, key) == 0)
			return &r->metrics[i];
	return NULL;
}

smb_rule *smb_registry_rule(const smb_registry *r, const char *id)
{
	for (size_t i = 0; i < r->nrules; i++)
		if (strcmp(r->rules[i].id, id) == 0)
			return &r->rules[i];
	return NULL;
}

smb_initiative *smb_registry_initiative(const smb_registry *r, const char *id)
{
	for (size_t i = 0; i < r->ninitiatives; i++)
		if (strcmp(r->initiatives[i].id, id) == 0)
			return &r->initiatives[i];
	return NULL;
}

int smb_registry_add_metric(smb_registry *r, const smb_metric *m, smb_err *e)
{
	smb_metric *old = smb_registry_metric(r, m->key), *nv;

	if (old) {
		smb_metric_clear(old);
		*old = *m;
		return SMB_OK;
	}
	if (!(nv = grow(r->metrics, r->nmetrics, sizeof *nv))) {
		smb_metric tmp = *m;
		smb_metric_clear(&tmp);
		return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	}
	r->metrics = nv;
	r->metrics[r->nmetrics++] = *m;
	return SMB_OK;
}

int smb_registry_add_goalposts(smb_registry *r, const smb_goalposts *g, smb_err *e)
{
	smb_goalposts *nv = grow(r->gps, r->ngps, sizeof *nv);

	if (!nv) {
		smb_goalposts tmp = *g;
		smb_goalposts_clear(&tmp);
		return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	}
	r->gps = nv;
	r->gps[r->ngps++] = *g;
	return SMB_OK;
}

int smb_registry_add_rule(smb_registry *r, const smb_rule *rule, smb_err *e)
{
	smb_rule *old = smb_registry_rule(r, rule->id), *nv;

	if (old) {
		smb_rule_clear(old);
		*old = *rule;
		return SMB_OK;
	}
	if (!(nv = grow(r->rules, r->nrules, sizeof *nv))) {
		smb_rule tmp = *rule;
		smb_rule_clear(&tmp);
		return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	}
	r->rules = nv;
	r->rules[r->nrules++] = *rule;
	return SMB_OK;
}

int smb_registry_add_initiative(smb_registry *r, const smb_initiative *in, smb_err *e)
{
	smb_initiative *old = smb_registry_initiative(r, in->id), *nv;

	if (old) {
		smb_initiative_clear(old);
		*old = *in;
		return SMB_OK;
	}
	if (!(nv = grow(r->initiatives, r->ninitiatives, sizeof *nv))) {
		smb_initiative tmp = *in;
		smb_initiative_clear(&tmp);
		return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	}
	r->initiatives = nv;
	r->initiatives[r->ninitiatives++] = *in;
	return SMB_OK;
}

int smb_registry_problem(smb_registry *r, const char *file, const char *reason)
{
	smb_load_problem *nv = grow(r->problems, r->nproblems, sizeof *nv);

	if (!nv)
		return -1;
	r->problems = nv;
	nv[r->nproblems].file = strdup(file ? file : "");
	nv[r->nproblems].reason = strdup(reason ? reason : "");
	r->nproblems++;
	return 0;
}

int smb_registry_add_weight(smb_registry *r, const char *key, double weight, smb_err *e)
{
	void *nv;

	/* Every path that weighs (playbook weights, metric and question
	 * declarations, plugin metrics) meets this check or one like it. */
	if (!(weight >= 0) || !isfinite(weight))
		return smb_err_set(e, SMB_ECONFIG, "the weight of %s must be a finite number >= 0, not %g", key, weight);
	if (!(nv = grow(r->weights, r->nweights, sizeof *r->weights)))
		return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	r->weights = nv;
	if (!(r->weights[r->nweights].key = strdup(key)))
		return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	r->weights[r->nweights++].weight = weight;
	return SMB_OK;
}

static int listed(char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return 1;
	return 0;
}

int smb_metric_applies(const smb_metric *m, const char *industry)
{
	return m->nindustries == 0 || (industry && listed(m->industries, m->nindustries, industry));
}

int smb_rule_applies(const smb_rule *r, const char *industry, smb_facts have)
{
	return smb_applies(r->industries, r->nindustries, r->needs, industry, have);
}

int smb_initiative_applies(const smb_initiative *in, const char *industry, smb_facts have)
{
	return smb_applies(in->industries, in->nindustries, in->needs, industry, have);
}

smb_facts smb_registry_industry_facts(const smb_registry *r, const char *industry)
{
	smb_facts f = 0;

	for (size_t i = 0; industry && i < r->nplugins; i++)
		if (r->plugins[i].industry && strcmp(r->plugins[i].industry, industry) == 0)
			f |= r->plugins[i].facts;
	return f;
}

int smb_registry_set_applies(smb_registry *r, const char *id, char **industries, size_t nindustries, smb_facts needs,
                             smb_err *e)
{
	smb_rule *rule = smb_registry_rule(r, id);
	smb_initiative *in = smb_registry_initiative(r, id);
	char ***v = rule ? &rule->industries : in ? &in->industries : NULL;
	size_t *n = rule ? &rule->nindustries : in ? &in->nindustries : NULL;

	if (!v) {
		free_strv(industries, nindustries);
		return smb_err_set(e, SMB_EDATA, "'%s' is not a rule or initiative declared here", id);
	}
	free_strv(*v, *n);
	*v = industries;
	*n = nindustries;
	if (rule)
		rule->needs = needs;
	else
		in->needs = needs;
	return SMB_OK;
}

const smb_goalposts *smb_registry_goalposts(const smb_registry *r, const char *metric, const char *industry)
{
	const smb_goalposts *def = NULL;

	for (size_t i = r->ngps; i-- > 0;) {
		const smb_goalposts *g = &r->gps[i];
		if (strcmp(g->metric, metric) != 0)
			continue;
		if (g->industry && industry && strcmp(g->industry, industry) == 0)
			return g;
		if (!g->industry && !def)
			def = g;
	}
	return def;
}

/* Depth-first topological order of derived metrics. state: 0 new, 1 on
 * the path, 2 done; the path is kept to name a cycle. */
static int visit(smb_registry *r, size_t i, int *state, size_t *path, size_t depth, smb_err *e)
{
	smb_metric *m = &r->metrics[i];

	if (state[i] == 2)
		return SMB_OK;
	if (state[i] == 1) {
		char buf[1024] = "";
		size_t k = depth;
		while (k > 0 && path[k - 1] != i)
			k--;
		for (size_t j = k ? k - 1 : 0; j < depth; j++) {
			strncat(buf, r->metrics[path[j]].key, sizeof buf - strlen(buf) - 1);
			strncat(buf, " -> ", sizeof buf - strlen(buf) - 1);
		}
		strncat(buf, m->key, sizeof buf - strlen(buf) - 1);
		return smb_err_set(e, SMB_ECONFIG, "dependency cycle: %s", buf);
	}
	state[i] = 1;
	path[depth] = i;
	for (size_t k = 0; k < m->ninputs; k++) {
		smb_metric *in = smb_registry_metric(r, m->inputs[k]);
		int rc;
		if (in && (rc = visit(r, (size_t)(in - r->metrics), state, path, depth + 1, e)))
			return rc;
	}
	for (size_t k = 0; k < m->nprefer; k++) {
		smb_metric *in = smb_registry_metric(r, m->prefer[k]);
		int rc;
		if (in && (rc = visit(r, (size_t)(in - r->metrics), state, path, depth + 1, e)))
			return rc;
	}
	state[i] = 2;
	if (m->rollup == SMB_ROLLUP_DERIVED)
		r->order[r->norder++] = i;
	return SMB_OK;
}

int smb_registry_finish(smb_registry *r, smb_err *e)
{
	int *state = calloc(r->nmetrics + 1, sizeof *state);
	size_t *path = calloc(r->nmetrics + 1, sizeof *path);
	int rc = SMB_OK;

	free(r->order);
	r->norder = 0;
	r->order = calloc(r->nmetrics + 1, sizeof *r->order);
	if (!state || !path || !r->order)
		rc = smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	for (size_t i = 0; rc == SMB_OK && i < r->nmetrics; i++)
		rc = visit(r, i, state, path, 0, e);
	free(state);
	free(path);
	for (size_t i = 0; rc == SMB_OK && i < r->nweights; i++) {
		int a = smb_area_index(r->weights[i].key);
		smb_metric *m = smb_registry_metric(r, r->weights[i].key);
		if (a >= 0)
			r->area_weight[a] = r->weights[i].weight;
		else if (m)
			m->weight = r->weights[i].weight;
	}
	return rc;
}

void smb_registry_free(smb_registry *r)
{
	/* Lua refs die with their states and C callbacks with their plugins,
	 * so the tables go first, then the playbooks, then the plugins. */
	for (size_t i = 0; i < r->nmetrics; i++)
		smb_metric_clear(&r->metrics[i]);
	for (size_t i = 0; i < r->nrules; i++)
		smb_rule_clear(&r->rules[i]);
	for (size_t i = 0; i < r->ninitiatives; i++)
		smb_initiative_clear(&r->initiatives[i]);
	for (size_t i = 0; i < r->ngps; i++)
		smb_goalposts_clear(&r->gps[i]);
	for (size_t i = 0; i < r->nsolvers; i++) {
		free(r->solvers[i].name);
		free(r->solvers[i].description);
		free(r->solvers[i].origin);
	}
	for (size_t i = 0; i < r->nweights; i++)
		free(r->weights[i].key);
	free(r->weights);
	for (size_t i = 0; i < r->nproblems; i++) {
		free(r->problems[i].file);
		free(r->problems[i].reason);
	}
	free_strv(r->overrides, r->noverrides);
	for (size_t i = 0; i < r->nsettings; i++) {
		free(r->settings[i].name);
		free(r->settings[i].description);
		free(r->settings[i].origin);
	}
	free(r->settings);
	free(r->metrics);
	free(r->rules);
	free(r->initiatives);
	free(r->gps);
	free(r->solvers);
	free(r->problems);
	free(r->order);
	for (size_t i = 0; i < r->nplaybooks; i++)
		smb_playbook_free(r->playbooks[i]);
	free(r->playbooks);
	smb_plugins_unload(r);
	smb_kindset_free(&r->kinds);
	memset(r, 0, sizeof *r);
}

int smb_registry_add_override(smb_registry *st, const char *what, const char *id, smb_err *e)
{
	char **nv = grow(st->overrides, st->noverrides, sizeof *nv);
	size_t n = strlen(what) + strlen(id) + 2;

	if (!nv)
		return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	st->overrides = nv;
	if (!(nv[st->noverrides] = malloc(n)))
		return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	snprintf(nv[st->noverrides++], n, "%s %s", what, id);
	return SMB_OK;
}

static const smb_setting_decl *find_setting(const smb_registry *r, const char *name)
{
	for (size_t i = 0; i < r->nsettings; i++)
		if (strcmp(r->settings[i].name, name) == 0)
			return &r->settings[i];
	return NULL;
}

int smb_registry_add_setting(smb_registry *r, const smb_setting_def *def, const char *origin, smb_err *e)
{
	smb_setting_decl *nv, *d;

	if (!def || !def->name || !*def->name || strlen(def->name) > 63)
		return smb_err_set(e, SMB_ECONFIG, "a setting needs a name of 1 to 63 bytes");
	if (!isfinite(def->min) || !isfinite(def->max) || def->min > def->max)
		return smb_err_set(e, SMB_ECONFIG, "setting %s: the range needs finite bounds, min <= max", def->name);
	if (find_setting(r, def->name))
		return smb_err_set(e, SMB_ECONFIG, "setting %s is declared twice", def->name);
	if (!(nv = grow(r->settings, r->nsettings, sizeof *nv)))
		return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	r->settings = nv;
	d = &nv[r->nsettings];
	memset(d, 0, sizeof *d);
	d->name = strdup(def->name);
	d->description = strdup(def->description ? def->description : "");
	d->origin = strdup(origin ? origin : "?");
	d->min = def->min;
	d->max = def->max;
	d->min_open = def->min_open != 0;
	d->max_open = def->max_open != 0;
	d->integer = def->integer != 0;
	r->nsettings++;
	if (!d->name || !d->description || !d->origin)
		return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	return SMB_OK;
}

/* Levenshtein distance of two short names (at most 63 bytes each). */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[64];

	if (la > 63 || lb > 63)
		return (size_t)-1;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[lb];
}

int smb_registry_check_setting(const smb_registry *r, const char *name, double value, char *why, size_t whylen)
{
	const smb_setting_decl *d = find_setting(r, name);
	const char *near = NULL;
	size_t best = (size_t)-1;

	if (!d) {
		/* The nearest declared name, when a typo away (a third of it). */
		for (size_t i = 0; i < r->nsettings; i++) {
			size_t dist = distance(name, r->settings[i].name);
			if (dist < best) {
				best = dist;
				near = r->settings[i].name;
			}
		}
		if (near && best <= strlen(near) / 3)
			snprintf(why, whylen, "no loaded plugin reads this setting; did you mean %s?", near);
		else
			snprintf(why, whylen, "no loaded plugin reads this setting (smbopt plugins lists what each reads)");
		return -1;
	}
	if (!(d->min_open ? value > d->min : value >= d->min) || !(d->max_open ? value < d->max : value <= d->max) ||
	    (d->integer && value != floor(value))) {
		snprintf(why, whylen, "must be a %s from %s%g to %s%g", d->integer ? "whole number" : "number",
		         d->min_open ? "above " : "", d->min, d->max_open ? "below " : "", d->max);
		return -1;
	}
	return 0;
}

static int overrides(const smb_registry *st, const char *what, const char *id)
{
	size_t lw = strlen(what);

	for (size_t i = 0; i < st->noverrides; i++)
		if (strncmp(st->overrides[i], what, lw) == 0 && st->overrides[i][lw] == ' ' &&
		    strcmp(st->overrides[i] + lw + 1, id) == 0)
			return 1;
	return 0;
}

/* Two providers of one id: an error naming both, unless the later one
 * said it overrides (its own second declaration is the loader's error). */
static int clash(const smb_registry *st, const char *what, const char *id, const char *old, const char *new,
                 smb_err *e)
{
	if (overrides(st, what, id) || (old && new && strcmp(old, new) == 0))
		return SMB_OK;   /* declared, or the same provider loaded again (playbook check of a bundled file) */
	return smb_err_set(e, SMB_ECONFIG,
	                   "%s %s is defined by %s and again by %s; the later one must declare that it overrides it "
	                   "(overrides = true in a playbook, api->override in a plugin)",
	                   what, id, old ? old : "?", new ? new : "?");
}

static int check_clashes(const smb_registry *r, const smb_registry *st, smb_err *e)
{
	int rc;

	for (size_t i = 0; i < st->nmetrics; i++) {
		const smb_metric *old = smb_registry_metric(r, st->metrics[i].key);
		if (old && (rc = clash(st, "metric", old->key, old->origin, st->metrics[i].origin, e)))
			return rc;
	}
	for (size_t i = 0; i < st->nrules; i++) {
		const smb_rule *old = smb_registry_rule(r, st->rules[i].id);
		if (old && (rc = clash(st, "rule", old->id, old->origin, st->rules[i].origin, e)))
			return rc;
	}
	for (size_t i = 0; i < st->ninitiatives; i++) {
		const smb_initiative *old = smb_registry_initiative(r, st->initiatives[i].id);
		if (old && (rc = clash(st, "initiative", old->id, old->origin, st->initiatives[i].origin, e)))
			return rc;
	}
	for (size_t i = 0; i < st->nsettings; i++) {
		const smb_setting_decl *old = find_setting(r, st->settings[i].name);
		if (old && strcmp(old->origin, st->settings[i].origin) != 0)
			return smb_err_set(e, SMB_ECONFIG, "setting %s is declared by %s and again by %s", old->name, old->origin,
			                   st->settings[i].origin);
	}
	for (size_t i = 0; i < st->kinds.n; i++) {
		const smb_kind *old = smb_kindset_find(&r->kinds, st->kinds.v[i].name);
		if (old && old->origin && strcmp(old->origin, "core") == 0)
			return smb_err_set(e, SMB_ECONFIG, "kind %s is the core's own; %s cannot define or override it", old->name,
			                   st->kinds.v[i].origin ? st->kinds.v[i].origin : "?");
		if (old && (rc = clash(st, "kind", old->name, old->origin, st->kinds.v[i].origin, e)))
			return rc;
	}
	return SMB_OK;
}

/* Takes a kind out of the set, for the provider that overrides it. */
static void drop_kind(smb_kindset *ks, const char *name)
{
	for (size_t i = 0; i < ks->n; i++) {
		smb_kind *k = &ks->v[i];
		if (strcmp(k->name, name) != 0)
			continue;
		for (size_t j = 0; j < k->ncols; j++)
			free(k->cols[j].name);
		free(k->cols);
		free(k->name);
		free(k->description);
		free(k->origin);
		memmove(k, k + 1, (ks->n - i - 1) * sizeof *k);
		ks->n--;
		return;
	}
}

/* Moves everything the staging registry holds into r. */
int smb_registry_merge(smb_registry *r, smb_registry *st, smb_err *e)
{
	int rc;

	if ((rc = check_clashes(r, st, e)))
		return rc;
	for (size_t i = 0; i < st->kinds.n; i++)
		drop_kind(&r->kinds, st->kinds.v[i].name);   /* only an overridden one is there */

	for (size_t i = 0; i < st->kinds.n; i++) {
		const smb_kind *k = &st->kinds.v[i];
		smb_column_def cols[64];
		smb_kind_def def = { k->name, k->description, cols, k->ncols < 64 ? k->ncols : 64 };
		for (size_t j = 0; j < def.ncolumns; j++)
			cols[j] = (smb_column_def){ k->cols[j].name, k->cols[j].type, k->cols[j].required };
		if ((rc = smb_kindset_add(&r->kinds, &def, k->origin, e)))
			return rc;
	}
	for (size_t i = 0; i < st->nmetrics; i++)
		if ((rc = smb_registry_add_metric(r, &st->metrics[i], e)))
			return rc;
	st->nmetrics = 0;
	for (size_t i = 0; i < st->ngps; i++)
		if ((rc = smb_registry_add_goalposts(r, &st->gps[i], e)))
			return rc;
	st->ngps = 0;
	for (size_t i = 0; i < st->nrules; i++)
		if ((rc = smb_registry_add_rule(r, &st->rules[i], e)))
			return rc;
	st->nrules = 0;
	for (size_t i = 0; i < st->ninitiatives; i++)
		if ((rc = smb_registry_add_initiative(r, &st->initiatives[i], e)))
			return rc;
	st->ninitiatives = 0;
	if (st->nsolvers) {
		smb_solver *nv = realloc(r->solvers, (r->nsolvers + st->nsolvers) * sizeof *nv);
		if (!nv)
			return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
		memcpy(nv + r->nsolvers, st->solvers, st->nsolvers * sizeof *nv);
		r->solvers = nv;
		r->nsolvers += st->nsolvers;
		st->nsolvers = 0;
	}
	for (size_t i = 0; i < st->nweights; i++)
		if ((rc = smb_registry_add_weight(r, st->weights[i].key, st->weights[i].weight, e)))
			return rc;
	for (size_t i = 0; i < st->nsettings; i++) {
		const smb_setting_decl *d = &st->settings[i];
		smb_setting_def def = { d->name, d->description, d->min, d->max, d->min_open, d->max_open, d->integer };
		if (!find_setting(r, d->name) && (rc = smb_registry_add_setting(r, &def, d->origin, e)))
			return rc;
	}
	return SMB_OK;
}
