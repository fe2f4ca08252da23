/* core/engine/plugin.c — loading plugins. A plugin registers into a staging
 * registry first; only when its init succeeds and everything it declared is
 * valid is the staging merged, so a refused plugin leaves nothing behind
 * (no callback can point into an unloaded object). */
#include "plugin.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "context.h"
#include "client.h"
#include "paths.h"
#include "rules.h"

struct smb_host {
	smb_registry staging;
	const char *file;
	char error[512];
	int failed;
};

static int host_fail(smb_host *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int host_fail(smb_host *h, const char *fmt, ...)
{
	va_list ap;

	if (!h->failed) {
		va_start(ap, fmt);
		vsnprintf(h->error, sizeof h->error, fmt, ap);
		va_end(ap);
	}
	h->failed = 1;
	return SMB_PLUGIN_ERROR;
}

static char *dup_or(const char *s, const char *fallback)
{
	return strdup(s ? s : fallback);
}

/* Copies a NULL-terminated list; NULL stays an empty list. */
static int dup_list(const char *const *v, char ***out, size_t *n)
{
	size_t k = 0;

	*out = NULL;
	*n = 0;
	while (v && v[k])
		k++;
	if (!k)
		return 0;
	if (!(*out = calloc(k, sizeof **out)))
		return -1;
	for (size_t i = 0; i < k; i++)
		if (!((*out)[i] = strdup(v[i])))
			return *n = i, -1;
	*n = k;
	return 0;
}

static int origin_of(smb_host *h, char **origin)
{
	const char *base = strrchr(h->file, '/');
	char buf[512];

	snprintf(buf, sizeof buf, "plugin %s", base ? base + 1 : h->file);
	return (*origin = strdup(buf)) ? 0 : -1;
}

static int add_kind(smb_host *h, const smb_kind_def *def)
{
	smb_err e;
	char *origin;

	if (origin_of(h, &origin))
		return host_fail(h, "out of memory");
	if (smb_kindset_add(&h->staging.kinds, def, origin, &e)) {
		free(origin);
		return host_fail(h, "%s", e.msg);
	}
	free(origin);
	return SMB_PLUGIN_OK;
}

static int add_metric(smb_host *h, const smb_metric_def *d)
{
	smb_metric m;
	smb_err e;
	const char *dot;

	if (!d || !d->key || !smb_metric_key_valid(d->key))
		return host_fail(h, "metric key '%s' is not area.name", d && d->key ? d->key : "(null)");
	memset(&m, 0, sizeof m);
	dot = strchr(d->key, '.');
	{
		char area[16];
		snprintf(area, sizeof area, "%.*s", (int)(dot - d->key), d->key);
		m.area = smb_area_index(area);
	}
	if (d->better != 1 && d->better != -1)
		return host_fail(h, "metric %s: better must be +1 or -1", d->key);
	if (smb_rollup_parse(d->rollup ? d->rollup : (d->compute ? "derived" : "sum"), &m.rollup))
		return host_fail(h, "metric %s: rollup '%s' is not sum, last, mean or derived", d->key, d->rollup);
	if ((m.rollup == SMB_ROLLUP_DERIVED) != (d->compute != NULL))
		return host_fail(h, "metric %s: a derived metric needs compute, an input metric has none", d->key);
	if (d->weight < 0 || !isfinite(d->weight))
		return host_fail(h, "metric %s: weight must be a number >= 0", d->key);
	for (size_t i = 0; d->inputs && d->inputs[i]; i++)
		if (!smb_metric_key_valid(d->inputs[i]))
			return host_fail(h, "metric %s: input '%s' is not area.name", d->key, d->inputs[i]);
	m.key = strdup(d->key);
	m.label = dup_or(d->label, d->key);
	m.unit = dup_or(d->unit, "");
	m.better = d->better;
	m.dataset = d->dataset ? strdup(d->dataset) : NULL;
	m.fn.compute = d->compute;
	m.fn.ud = d->ud;
	m.weight = d->weight > 0 ? d->weight : 1.0;
	if (!m.key || !m.label || !m.unit || (d->dataset && !m.dataset) || origin_of(h, &m.origin) ||
	    dup_list(d->inputs, &m.inputs, &m.ninputs)) {
		smb_metric_clear(&m);
		return host_fail(h, "out of memory");
	}
	if (smb_registry_add_metric(&h->staging, &m, &e))
		return host_fail(h, "%s", e.msg);
	return SMB_PLUGIN_OK;
}

static int describe_metric(smb_host *h, const smb_metric_about *d)
{
	smb_metric *m = d && d->key ? smb_registry_metric(&h->staging, d->key) : NULL;

	if (!m)
		return host_fail(h, "describe_metric: metric '%s' is not one this plugin added",
		                 d && d->key ? d->key : "(null)");
	if ((d->bounded & 1 && !isfinite(d->lo)) || (d->bounded & 2 && !isfinite(d->hi)) ||
	    (d->bounded == 3 && d->lo > d->hi))
		return host_fail(h, "metric %s: the plausible range is not lo <= hi", d->key);
	for (size_t i = 0; d->prefer && d->prefer[i]; i++)
		if (!smb_metric_key_valid(d->prefer[i]) || strcmp(d->prefer[i], d->key) == 0)
			return host_fail(h, "metric %s: preferred metric '%s' is not another area.name", d->key, d->prefer[i]);
	free(m->definition);
	free(m->basis);
	for (size_t i = 0; i < m->nprefer; i++)
		free(m->prefer[i]);
	free(m->prefer);
	m->prefer = NULL;
	m->nprefer = 0;
	m->definition = d->definition ? strdup(d->definition) : NULL;
	m->basis = d->basis ? strdup(d->basis) : NULL;
	m->bounded = d->bounded & 3;
	m->lo = d->lo;
	m->hi = d->hi;
	if ((d->definition && !m->definition) || (d->basis && !m->basis) || dup_list(d->prefer, &m->prefer, &m->nprefer))
		return host_fail(h, "out of memory");
	return SMB_PLUGIN_OK;
}

static int add_goalposts(smb_host *h, const smb_goalposts_def *d)
{
	smb_goalposts g;
	smb_err e;

	if (!d || !d->metric || !smb_metric_key_valid(d->metric))
		return host_fail(h, "goalposts for '%s': not a metric key", d && d->metric ? d->metric : "(null)");
	if (!isfinite(d->worst) || !isfinite(d->best) || d->worst == d->best)
		return host_fail(h, "goalposts for %s: worst and best must be different numbers", d->metric);
	if (!d->source || !*d->source)
		return host_fail(h, "goalposts for %s: a source is required", d->metric);
	memset(&g, 0, sizeof g);
	if (d->bands) {
		int up = d->bands[4] > d->bands[0];
		for (int i = 0; i < 5; i++) {
			if (!isfinite(d->bands[i]) || (i && (up ? d->bands[i] <= d->bands[i - 1] : d->bands[i] >= d->bands[i - 1])))
				return host_fail(h, "goalposts for %s: bands must be 5 strictly monotone numbers", d->metric);
			g.bands[i] = d->bands[i];
		}
		g.has_bands = 1;
	}
	g.worst = d->worst;
	g.best = d->best;
	g.metric = strdup(d->metric);
	g.source = strdup(d->source);
	g.industry = d->industry ? strdup(d->industry) : NULL;
	if (!g.metric || !g.source || (d->industry && !g.industry) || origin_of(h, &g.origin)) {
		smb_goalposts_clear(&g);
		return host_fail(h, "out of memory");
	}
	if (smb_registry_add_goalposts(&h->staging, &g, &e))
		return host_fail(h, "%s", e.msg);
	return SMB_PLUGIN_OK;
}

static int one_of(const char *s, const char *const *v)
{
	for (; s && *v; v++)
		if (strcmp(s, *v) == 0)
			return 1;
	return 0;
}

static const char *const rule_kinds[] = { "strength", "weakness", "opportunity", "threat", NULL };
static const char *const severities[] = { "low", "medium", "high", NULL };

static int add_rule(smb_host *h, const smb_rule_def *d)
{
	smb_rule r;
	smb_err e;

	if (!d || !d->id || !*d->id)
		return host_fail(h, "a rule needs an id");
	if (!d->area || smb_area_index(d->area) < 0)
		return host_fail(h, "rule %s: area '%s' is not one of the five areas", d->id, d->area ? d->area : "");
	if (!one_of(d->kind, rule_kinds))
		return host_fail(h, "rule %s: kind must be strength, weakness, opportunity or threat", d->id);
	if (!one_of(d->severity, severities))
		return host_fail(h, "rule %s: severity must be low, medium or high", d->id);
	if (!d->when || !d->title)
		return host_fail(h, "rule %s: needs when and title", d->id);
	{
		char why[160];
		if (smb_detail_check(d->detail, NULL, why, sizeof why))
			return host_fail(h, "rule %s: %s", d->id, why);
	}
	memset(&r, 0, sizeof r);
	r.id = strdup(d->id);
	r.area = smb_area_index(d->area);
	r.kind = strdup(d->kind);
	r.severity = strdup(d->severity);
	r.fn.when = d->when;
	r.fn.ud = d->ud;
	r.title = strdup(d->title);
	r.detail = dup_or(d->detail, "");
	if (!r.id || !r.kind || !r.severity || !r.title || !r.detail || origin_of(h, &r.origin) ||
	    dup_list(d->metrics, &r.metrics, &r.nmetrics) || dup_list(d->recommend, &r.recommend, &r.nrecommend)) {
		smb_rule_clear(&r);
		return host_fail(h, "out of memory");
	}
	if (d->industry) {
		const char *one[] = { d->industry, NULL };
		if (dup_list(one, &r.industries, &r.nindustries)) {
			smb_rule_clear(&r);
			return host_fail(h, "out of memory");
		}
	}
	if (smb_registry_add_rule(&h->staging, &r, &e))
		return host_fail(h, "%s", e.msg);
	return SMB_PLUGIN_OK;
}

static int add_initiative(smb_host *h, const smb_initiative_def *d)
{
	smb_initiative in;
	smb_err e;

	if (!d || !d->id || !*d->id || !d->title)
		return host_fail(h, "an initiative needs an id and a title");
	if (!d->area || smb_area_index(d->area) < 0)
		return host_fail(h, "initiative %s: area '%s' is not one of the five areas", d->id, d->area ? d->area : "");
	if (!(d->cost >= 0) || !(d->hours >= 0) || !(d->months >= 0) || !(d->confidence >= 0 && d->confidence <= 1) ||
	    !isfinite(d->cost) || !isfinite(d->hours) || !isfinite(d->months))
		return host_fail(h, "initiative %s: cost, hours, months must be >= 0 and confidence in 0..1", d->id);
	memset(&in, 0, sizeof in);
	in.id = strdup(d->id);
	in.area = smb_area_index(d->area);
	in.title = strdup(d->title);
	in.cost = d->cost;
	in.hours = d->hours;
	in.months = d->months;
	in.confidence = d->confidence;
	if (d->neffects && (in.effects = calloc(d->neffects, sizeof *in.effects)))
		for (size_t i = 0; i < d->neffects; i++) {
			if (!d->effects[i].metric || !smb_metric_key_valid(d->effects[i].metric) || !isfinite(d->effects[i].delta)) {
				smb_initiative_clear(&in);
				return host_fail(h, "initiative %s: effect %zu is not a metric and a finite change", d->id, i + 1);
			}
			in.effects[i].metric = strdup(d->effects[i].metric);
			in.effects[i].delta = d->effects[i].delta;
			in.neffects = i + 1;
		}
	if (!in.id || !in.title || (d->neffects && !in.effects) || origin_of(h, &in.origin) ||
	    dup_list(d->requires, &in.requires, &in.nrequires) || dup_list(d->excludes, &in.excludes, &in.nexcludes)) {
		smb_initiative_clear(&in);
		return host_fail(h, "out of memory");
	}
	if (smb_registry_add_initiative(&h->staging, &in, &e))
		return host_fail(h, "%s", e.msg);
	return SMB_PLUGIN_OK;
}

static int add_solver(smb_host *h, const smb_solver_def *d)
{
	smb_registry *r = &h->staging;
	smb_solver *nv;

	if (!d || !d->name || !*d->name || !d->solve)
		return host_fail(h, "a solver needs a name and a solve function");
	if (!(nv = realloc(r->solvers, (r->nsolvers + 1) * sizeof *nv)))
		return host_fail(h, "out of memory");
	r->solvers = nv;
	memset(&nv[r->nsolvers], 0, sizeof *nv);
	nv[r->nsolvers].name = strdup(d->name);
	nv[r->nsolvers].description = dup_or(d->description, "");
	nv[r->nsolvers].solve = d->solve;
	nv[r->nsolvers].ud = d->ud;
	origin_of(h, &nv[r->nsolvers].origin);
	r->nsolvers++;
	return SMB_PLUGIN_OK;
}

/* Where a rule or initiative this plugin added applies (README
 * "Applicability"); the id must be in the plugin's own staging tables. */
static int add_applies(smb_host *h, const smb_applies_def *d)
{
	char **ind = NULL;
	size_t nind = 0;
	smb_facts needs = 0;
	smb_err e;

	if (!d || !d->id)
		return host_fail(h, "add_applies needs an id");
	for (size_t i = 0; d->needs && d->needs[i]; i++) {
		smb_facts bit = smb_fact_bit(d->needs[i]);
		if (!bit)
			return host_fail(h, "%s: needs '%s', which is not a fact (README \"Applicability\")", d->id, d->needs[i]);
		needs |= bit;
	}
	for (size_t i = 0; d->industries && d->industries[i]; i++)
		if (!smb_slug_valid(d->industries[i] + (d->industries[i][0] == '!')))
			return host_fail(h, "%s: industry '%s' is not a slug", d->id, d->industries[i]);
	if (dup_list(d->industries, &ind, &nind)) {
		for (size_t i = 0; i < nind; i++)
			free(ind[i]);
		free(ind);
		return host_fail(h, "out of memory");
	}
	if (smb_registry_set_applies(&h->staging, d->id, ind, nind, needs, &e))
		return host_fail(h, "%s", e.msg);
	return SMB_PLUGIN_OK;
}

static int host_override(smb_host *h, const char *what, const char *id)
{
	static const char *const whats[] = { "metric", "rule", "initiative", "kind", NULL };
	smb_err e;

	if (!one_of(what, whats) || !id || !*id)
		return host_fail(h, "override: what must be metric, rule, initiative or kind, with an id");
	if (smb_registry_add_override(&h->staging, what, id, &e))
		return host_fail(h, "%s", e.msg);
	return SMB_PLUGIN_OK;
}

static int host_add_setting(smb_host *h, const smb_setting_def *d)
{
	smb_err e;
	char *origin;
	int rc;

	if (origin_of(h, &origin))
		return host_fail(h, "out of memory");
	rc = smb_registry_add_setting(&h->staging, d, origin, &e);
	free(origin);
	return rc ? host_fail(h, "%s", e.msg) : SMB_PLUGIN_OK;
}

static const char *host_error(smb_host *h)
{
	return h->error;
}

static const smb_host_api api_template = {
	.abi_version = SMB_PLUGIN_ABI_VERSION,
	.struct_size = sizeof(smb_host_api),
	.host = NULL,
	.add_kind = add_kind,
	.add_metric = add_metric,
	.add_goalposts = add_goalposts,
	.add_rule = add_rule,
	.add_initiative = add_initiative,
	.add_solver = add_solver,
	.host_error = host_error,
	.get = smb_ctx_get,
	.get_at = smb_ctx_get_at,
	.period = smb_ctx_period,
	.period_first = smb_ctx_period_first,
	.period_last = smb_ctx_period_last,
	.industry = smb_ctx_industry,
	.setting = smb_ctx_setting,
	.rows = smb_ctx_rows,
	.cell = smb_ctx_cell,
	.model = smb_ctx_model,
	.fail = smb_ctx_fail,
	.cycle = smb_ctx_cycle,
	.keep = smb_ctx_keep,
	.kept = smb_ctx_kept,
	.cell_number = smb_ctx_cell_number,
	.add_applies = add_applies,
	.describe_metric = describe_metric,
	.override = host_override,
	.add_setting = host_add_setting,
};

const smb_host_api *smb_host_api_table(void)
{
	return &api_template;
}

/* One file or directory on the way to a plugin: owned by root or by the
 * user running smbopt, and not writable by group or others; a directory
 * with the sticky bit (like /tmp) is let pass, as only an entry's owner
 * may replace the entry, and the entry is checked in turn. */
static int trusted(const char *path, int is_dir, smb_err *e)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return smb_err_set(e, SMB_ECONFIG, "%s: refused: cannot read it: %s", path, strerror(errno));
	if (is_dir && !S_ISDIR(st.st_mode))
		return smb_err_set(e, SMB_ECONFIG, "%s: refused: not a directory", path);
	if (!is_dir && !S_ISREG(st.st_mode))
		return smb_err_set(e, SMB_ECONFIG, "%s: refused: not a regular file", path);
	if (st.st_uid != 0 && st.st_uid != geteuid())
		return smb_err_set(e, SMB_ECONFIG, "%s: refused: the %s is owned by another user (uid %u)", path,
		                   is_dir ? "directory" : "file", (unsigned)st.st_uid);
	if ((st.st_mode & (S_IWGRP | S_IWOTH)) && !(is_dir && (st.st_mode & S_ISVTX)))
		return smb_err_set(e, SMB_ECONFIG, "%s: refused: the %s is writable by group or others (chmod go-w)", path,
		                   is_dir ? "directory" : "file");
	return SMB_OK;
}

/* The file and each directory above it, both as named (a link on the
 * way could be swapped) and as resolved (where the links lead). This
 * runs before dlopen, which runs a library's constructors: a plugin
 * refused after it would already have run code. */
static int trusted_path(const char *path, smb_err *e)
{
	char real[PATH_MAX], dir[2 * PATH_MAX + 2], *slash;
	int rc;

	for (int pass = 0; pass < 2; pass++) {
		if (pass == 0) {
			if (path[0] == '/') {
				snprintf(dir, sizeof dir, "%s", path);
			} else {
				char cwd[PATH_MAX];
				if (!getcwd(cwd, sizeof cwd))
					return smb_err_set(e, SMB_ECONFIG, "%s: refused: cannot resolve the path", path);
				snprintf(dir, sizeof dir, "%s/%s", cwd, path);
			}
		} else {
			if (!realpath(path, real))
				return smb_err_set(e, SMB_ECONFIG, "%s: cannot read the file", path);
			snprintf(dir, sizeof dir, "%s", real);
			if ((rc = trusted(dir, 0, e)))
				return rc;
		}
		while ((slash = strrchr(dir, '/'))) {
			slash[slash == dir] = '\0';   /* "/a/b" -> "/a" -> "/" */
			if ((rc = trusted(dir, 1, e)))
				return rc;
			if (slash == dir)
				break;
		}
	}
	return SMB_OK;
}

/* Unloads a plugin whose init succeeded: its smb_plugin_fini, if it has
 * one, runs first, while its code and data are still mapped (plugin.h). */
static void close_inited(void *handle)
{
	smb_plugin_fini_fn fini;

	*(void **)&fini = dlsym(handle, SMB_PLUGIN_FINI_SYMBOL);
	if (fini)
		fini();
	dlclose(handle);
}

int smb_plugin_load_file(smb_registry *r, const char *path, smb_err *e)
{
	struct stat sb;
	smb_host host;
	smb_host_api api;
	smb_plugin_info info;
	smb_plugin_init_fn init;
	const uint32_t *declared;
	uint32_t abi;
	smb_plugin *p;
	smb_facts facts = 0;
	char why[160];
	void *handle;
	int rc, inited;

	if (stat(path, &sb) != 0)
		return smb_err_set(e, SMB_ECONFIG, "%s: cannot read the file", path);
	/* Plugins are native code run with the user's rights: a file others
	 * can write, or one in a directory others can write, could be swapped
	 * for anything. */
	if (sb.st_mode & (S_IWGRP | S_IWOTH))
		return smb_err_set(e, SMB_ECONFIG, "%s: refused: the file is group- or world-writable (chmod go-w)", path);
	if ((rc = trusted_path(path, e)))
		return rc;
	if (!(handle = dlopen(path, RTLD_NOW | RTLD_LOCAL)))
		return smb_err_set(e, SMB_ECONFIG, "%s: cannot load: %s", path, dlerror());
	*(void **)&init = dlsym(handle, SMB_PLUGIN_INIT_SYMBOL);
	if (!init) {
		dlclose(handle);
		return smb_err_set(e, SMB_ECONFIG, "%s: refused: no %s symbol (not an smbopt plugin)", path, SMB_PLUGIN_INIT_SYMBOL);
	}
	/* The ABI a plugin declares is read before any of its code runs, so
	 * a plugin built for a newer host never meets a table it would read
	 * past; without the symbol it predates it and is ABI 1 (plugin.h). */
	declared = dlsym(handle, SMB_PLUGIN_ABI_SYMBOL);
	abi = declared ? *declared : 1;
	if (abi > SMB_PLUGIN_ABI_VERSION || abi == 0) {
		dlclose(handle);
		return smb_err_set(e, SMB_ECONFIG, "%s: refused: declares plugin ABI %u, this smbopt has ABI %d", path,
		                   (unsigned)abi, SMB_PLUGIN_ABI_VERSION);
	}
	memset(&host, 0, sizeof host);
	host.file = path;
	if ((rc = smb_registry_init(&host.staging, e))) {
		dlclose(handle);
		return rc;
	}
	/* The staging registry starts with no kinds: the core ones stay in r. */
	smb_kindset_free(&host.staging.kinds);
	api = api_template;
	api.host = &host;
	memset(&info, 0, sizeof info);
	inited = (rc = init(&api, &info)) == SMB_PLUGIN_OK;
	if (info.abi_version > SMB_PLUGIN_ABI_VERSION)
		rc = smb_err_set(e, SMB_ECONFIG, "%s: refused: built for plugin ABI %u, this smbopt has ABI %d",
		                 path, info.abi_version, SMB_PLUGIN_ABI_VERSION);
	else if (rc != SMB_PLUGIN_OK)
		rc = smb_err_set(e, SMB_ECONFIG, "%s: refused: init failed: %s", path,
		                 host.error[0] ? host.error : "no reason given");
	else if (host.failed)
		rc = smb_err_set(e, SMB_ECONFIG, "%s: refused: %s", path, host.error);
	else if (info.abi_version == 0 || !info.name || !*info.name || !info.version)
		rc = smb_err_set(e, SMB_ECONFIG, "%s: refused: init did not fill abi_version, name and version", path);
	else if (declared && info.abi_version != abi)
		rc = smb_err_set(e, SMB_ECONFIG, "%s: refused: declares plugin ABI %u but init says %u", path,
		                 (unsigned)abi, info.abi_version);
	else if (smb_facts_parse(info.facts, &facts, why, sizeof why))
		rc = smb_err_set(e, SMB_ECONFIG, "%s: refused: facts: %s", path, why);
	else
		rc = SMB_OK;
	for (size_t i = 0; rc == SMB_OK && i < r->nplugins; i++)
		if (strcmp(r->plugins[i].name, info.name) == 0)
			rc = smb_err_set(e, SMB_ECONFIG, "%s: refused: plugin %s is already loaded from %s", path, info.name,
			                 r->plugins[i].path);
	if (rc == SMB_OK) {
		smb_plugin *nv = realloc(r->plugins, (r->nplugins + 1) * sizeof *nv);
		if (!nv)
			rc = smb_err_set(e, SMB_ESOFTWARE, "out of memory");
		else
			r->plugins = nv;
	}
	if (rc == SMB_OK)
		rc = smb_registry_merge(r, &host.staging, e);
	if (rc != SMB_OK) {
		smb_registry_free(&host.staging);
		if (inited)
			close_inited(handle);
		else
			dlclose(handle);
		return rc;
	}
	p = &r->plugins[r->nplugins++];
	p->path = strdup(path);
	p->name = strdup(info.name);
	p->version = strdup(info.version);
	p->areas = strdup(info.areas ? info.areas : "");
	p->industry = info.industry ? strdup(info.industry) : NULL;
	p->description = strdup(info.description ? info.description : "");
	p->handle = handle;
	p->facts = facts;
	smb_registry_free(&host.staging);
	return SMB_OK;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Loads every *.so of dir in name order, skipping names an earlier
 * directory already provided (earlier directories override). */
static int load_dir(smb_registry *r, const char *dir, char ***seen, size_t *nseen, smb_err *e)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;
	int rc = SMB_OK;

	if (!d)
		return SMB_OK;   /* a missing directory on the path is not an error */
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		char **nv;
		if (len < 4 || strcmp(de->d_name + len - 3, ".so") != 0)
			continue;
		if (!(nv = realloc(names, (n + 1) * sizeof *nv)) || !(nv[n] = strdup(de->d_name))) {
			names = nv ? nv : names;
			rc = smb_err_set(e, SMB_ESOFTWARE, "out of memory");
			break;
		}
		names = nv;
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; rc == SMB_OK && i < n; i++) {
		char path[PATH_MAX];
		smb_err why;
		int dup = 0;
		for (size_t j = 0; j < *nseen; j++)
			dup |= strcmp((*seen)[j], names[i]) == 0;
		if (dup)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (smb_plugin_load_file(r, path, &why) != SMB_OK)
			smb_registry_problem(r, path, why.msg);
		char **nv = realloc(*seen, (*nseen + 1) * sizeof *nv);
		if (!nv || !(nv[*nseen] = strdup(names[i]))) {
			*seen = nv ? nv : *seen;
			rc = smb_err_set(e, SMB_ESOFTWARE, "out of memory");
			break;
		}
		*seen = nv;
		(*nseen)++;
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int smb_plugins_load(smb_registry *r, const smb_load_opts *o, smb_err *e)
{
	const char *env = getenv("SMBOPT_PLUGIN_PATH");
	char **seen = NULL;
	size_t nseen = 0;
	int rc = SMB_OK;

	for (size_t i = 0; rc == SMB_OK && i < o->nplugin_dirs; i++)
		rc = load_dir(r, o->plugin_dirs[i], &seen, &nseen, e);
	if (rc == SMB_OK && env && *env) {
		char *copy = strdup(env), *save = NULL;
		for (char *dir = copy ? strtok_r(copy, ":", &save) : NULL; rc == SMB_OK && dir; dir = strtok_r(NULL, ":", &save))
			rc = load_dir(r, dir, &seen, &nseen, e);
		free(copy);
	}
	if (rc == SMB_OK && !o->no_defaults) {
		smb_paths p;
		smb_paths_get(&p);
		rc = load_dir(r, p.plugins, &seen, &nseen, e);
	}
	for (size_t i = 0; i < nseen; i++)
		free(seen[i]);
	free(seen);
	return rc;
}

void smb_plugins_unload(smb_registry *r)
{
	for (size_t i = 0; i < r->nplugins; i++) {
		smb_plugin *p = &r->plugins[i];
		if (p->handle)
			close_inited(p->handle);
		free(p->path);
		free(p->name);
		free(p->version);
		free(p->areas);
		free(p->industry);
		free(p->description);
	}
	free(r->plugins);
	r->plugins = NULL;
	r->nplugins = 0;
}
