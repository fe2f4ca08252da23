/* core/engine/method.c — describing the method of an assessment. The description
 * holds no paths or times, only what changes numbers, so the same method
 * installed elsewhere or run later gives the same fingerprint. */
#include "method.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "kind.h"
#include "playbook.h"
#include "sha256.h"

/* Whether any plugin or goalposts entry speaks for this industry. */
static int industry_known(const smb_registry *r, const char *industry)
{
	for (size_t i = 0; i < r->nplugins; i++)
		if (r->plugins[i].industry && strcmp(r->plugins[i].industry, industry) == 0)
			return 1;
	for (size_t i = 0; i < r->ngps; i++)
		if (r->gps[i].industry && strcmp(r->gps[i].industry, industry) == 0)
			return 1;
	return 0;
}

int smb_method_describe(smb_cycle *cy)
{
	const smb_registry *r = cy->reg;
	smb_assessment *a = cy->a;
	smb_buf b;
	smb_json j;
	smb_sha256 h;
	unsigned char digest[32];
	char hex[65];

	smb_buf_init(&b);
	smb_json_init(&j, &b, 0);
	smb_json_object_begin(&j);
	smb_json_key(&j, "schema");
	smb_json_integer(&j, SMB_METHOD_SCHEMA);
	smb_json_key(&j, "aggregate");
	smb_json_string(&j, smb_aggregate_name(cy->o->aggregate));
	smb_json_key(&j, "coverage_threshold");
	smb_json_number(&j, cy->o->coverage > 0 ? cy->o->coverage : SMB_DEFAULT_COVERAGE);
	smb_json_key(&j, "industry");
	smb_json_string(&j, cy->industry);
	a->industry_defaults = !industry_known(r, cy->industry);
	smb_json_key(&j, "industry_defaults");
	smb_json_bool(&j, a->industry_defaults);
	smb_json_key(&j, "area_weights");
	smb_json_object_begin(&j);
	for (int i = 0; i < 5; i++) {
		smb_json_key(&j, smb_areas[i]);
		smb_json_number(&j, r->area_weight[i]);
	}
	smb_json_object_end(&j);
	smb_json_key(&j, "plugins");
	smb_json_array_begin(&j);
	for (size_t i = 0; i < r->nplugins; i++) {
		smb_json_object_begin(&j);
		smb_json_key(&j, "name");
		smb_json_string(&j, r->plugins[i].name);
		smb_json_key(&j, "version");
		smb_json_string(&j, r->plugins[i].version);
		smb_json_object_end(&j);
	}
	smb_json_array_end(&j);
	smb_json_key(&j, "playbooks");
	smb_json_array_begin(&j);
	for (size_t i = 0; i < r->nplaybooks; i++) {
		smb_json_object_begin(&j);
		smb_json_key(&j, "name");
		smb_json_string(&j, r->playbooks[i]->name);
		smb_json_key(&j, "version");
		smb_json_string(&j, r->playbooks[i]->version);
		smb_json_key(&j, "sha256");
		smb_json_string(&j, r->playbooks[i]->sha256);
		smb_json_object_end(&j);
	}
	smb_json_array_end(&j);
	smb_json_key(&j, "settings");
	smb_json_object_begin(&j);
	for (size_t i = 0; i < cy->o->nsettings; i++) {
		smb_json_key(&j, cy->o->settings[i].name);
		smb_json_number(&j, cy->o->settings[i].value);
	}
	smb_json_object_end(&j);
	/* The goalposts and weights every applicable scored metric would use,
	 * whether or not this period had its value. */
	smb_json_key(&j, "goalposts");
	smb_json_array_begin(&j);
	for (size_t i = 0; i < r->nmetrics; i++) {
		const smb_metric *m = &r->metrics[i];
		const smb_goalposts *g = smb_metric_applies(m, cy->industry) ? smb_registry_goalposts(r, m->key, cy->industry)
		                                                              : NULL;
		if (!g)
			continue;
		smb_json_object_begin(&j);
		smb_json_key(&j, "metric");
		smb_json_string(&j, m->key);
		smb_json_key(&j, "industry");
		smb_json_string(&j, g->industry);
		smb_json_key(&j, "worst");
		smb_json_number(&j, g->worst);
		smb_json_key(&j, "best");
		smb_json_number(&j, g->best);
		if (g->has_bands) {
			smb_json_key(&j, "bands");
			smb_json_array_begin(&j);
			for (int k = 0; k < 5; k++)
				smb_json_number(&j, g->bands[k]);
			smb_json_array_end(&j);
		}
		smb_json_key(&j, "weight");
		smb_json_number(&j, m->weight);
		smb_json_key(&j, "source");
		smb_json_string(&j, g->source);
		smb_json_object_end(&j);
	}
	smb_json_array_end(&j);
	/* The rules that apply, with the metrics each needs: a later review
	 * tells a withdrawn rule from one that could not be evaluated. By
	 * industry only: whether the client's data have a rule's facts (stock,
	 * shipping, …) is the data's doing, not the method's, so the same
	 * method gives one fingerprint for every client of an industry. */
	smb_json_key(&j, "rules");
	smb_json_array_begin(&j);
	for (size_t i = 0; i < r->nrules; i++) {
		const smb_rule *ru = &r->rules[i];
		if (!smb_rule_applies(ru, cy->industry, ~(smb_facts)0))
			continue;
		smb_json_object_begin(&j);
		smb_json_key(&j, "id");
		smb_json_string(&j, ru->id);
		smb_json_key(&j, "metrics");
		smb_json_array_begin(&j);
		for (size_t k = 0; k < ru->nmetrics; k++)
			smb_json_string(&j, ru->metrics[k]);
		smb_json_array_end(&j);
		smb_json_object_end(&j);
	}
	smb_json_array_end(&j);
	smb_json_object_end(&j);
	if (b.failed) {
		smb_buf_free(&b);
		return -1;
	}
	smb_sha256_init(&h);
	smb_sha256_update(&h, b.data, b.len);
	smb_sha256_final(&h, digest);
	smb_sha256_hex(digest, hex);
	a->method = strdup(smb_buf_str(&b));
	a->fingerprint = strdup(hex);
	smb_buf_free(&b);
	return a->method && a->fingerprint ? 0 : -1;
}

/* ---- reading a stored method ------------------------------------------- */

static int area_of_key(const char *key)
{
	char area[32];
	const char *dot = strchr(key, '.');
	size_t n = dot ? (size_t)(dot - key) : 0;

	if (!n || n >= sizeof area)
		return -1;
	memcpy(area, key, n);
	area[n] = 0;
	return smb_area_index(area);
}

static int grow(void **v, size_t n, size_t size)
{
	void *nv = realloc(*v, (n + 1) * size);
	if (!nv)
		return -1;
	*v = nv;
	memset((char *)nv + n * size, 0, size);
	return 0;
}

static int load_header(smb_store *s, long long id, smb_method *m, smb_err *e)
{
	sqlite3_stmt *st;
	int rc, step;

	if ((rc = smb_store_prepare(s,
	        "SELECT json_extract(method, '$.schema'), json_extract(method, '$.aggregate'),"
	        " json_extract(method, '$.coverage_threshold'), json_extract(method, '$.industry'),"
	        " json_type(method, '$.rules'), json_extract(method, '$.area_weights.operations'),"
	        " json_extract(method, '$.area_weights.marketing'), json_extract(method, '$.area_weights.finance'),"
	        " json_extract(method, '$.area_weights.customer'), json_extract(method, '$.area_weights.technology')"
	        " FROM assessment WHERE id = ?1 AND json_valid(method)", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		m->schema = sqlite3_column_int(st, 0);
		if (smb_aggregate_parse((const char *)sqlite3_column_text(st, 1), &m->aggregate))
			m->aggregate = SMB_AGG_ARITHMETIC;
		m->coverage = sqlite3_column_type(st, 2) == SQLITE_NULL ? SMB_DEFAULT_COVERAGE : sqlite3_column_double(st, 2);
		m->industry = smb_column_strdup(st, 3);
		m->has_rules = sqlite3_column_type(st, 4) != SQLITE_NULL;
		for (int k = 0; k < 5; k++)
			m->area_weight[k] = sqlite3_column_type(st, 5 + k) == SQLITE_NULL ? 1 : sqlite3_column_double(st, 5 + k);
	} else if (step == SQLITE_DONE) {
		rc = smb_err_set(e, SMB_EDATA, "assessment #%lld has no readable method", id);
	} else {
		rc = smb_store_error(s, "reading a method", e);
	}
	sqlite3_finalize(st);
	return rc;
}

static int load_goalposts(smb_store *s, long long id, smb_method *m, smb_err *e)
{
	sqlite3_stmt *st;
	int rc, step;

	if ((rc = smb_store_prepare(s,
	        "SELECT json_extract(g.value, '$.metric'), json_extract(g.value, '$.worst'), json_extract(g.value, '$.best'),"
	        " json_extract(g.value, '$.weight'), json_type(g.value, '$.bands'), json_extract(g.value, '$.bands[0]'),"
	        " json_extract(g.value, '$.bands[1]'), json_extract(g.value, '$.bands[2]'), json_extract(g.value, '$.bands[3]'),"
	        " json_extract(g.value, '$.bands[4]')"
	        " FROM assessment a, json_each(a.method, '$.goalposts') g WHERE a.id = ?1 ORDER BY g.key", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		smb_method_gp *g;
		if (grow((void **)&m->gps, m->ngps, sizeof *m->gps))
			break;
		g = &m->gps[m->ngps++];
		g->metric = smb_column_strdup(st, 0);
		g->gp.metric = g->metric;
		g->area = g->metric ? area_of_key(g->metric) : -1;
		g->gp.worst = sqlite3_column_double(st, 1);
		g->gp.best = sqlite3_column_double(st, 2);
		g->weight = sqlite3_column_type(st, 3) == SQLITE_NULL ? 1 : sqlite3_column_double(st, 3);
		g->gp.has_bands = sqlite3_column_type(st, 4) != SQLITE_NULL;
		for (int k = 0; k < 5; k++)
			g->gp.bands[k] = sqlite3_column_double(st, 5 + k);
	}
	rc = step == SQLITE_DONE ? SMB_OK : step == SQLITE_ROW ? smb_err_set(e, SMB_ESOFTWARE, "out of memory")
	                                                       : smb_store_error(s, "reading a method's goalposts", e);
	sqlite3_finalize(st);
	return rc;
}

/* One row per (rule, metric); a rule without metrics gives one row with
 * a NULL metric. */
static int load_rules(smb_store *s, long long id, smb_method *m, smb_err *e)
{
	sqlite3_stmt *st;
	int rc, step;

	if ((rc = smb_store_prepare(s,
	        "SELECT r.key, json_extract(r.value, '$.id'), x.value FROM assessment a, json_each(a.method, '$.rules') r"
	        " LEFT JOIN json_each(r.value, '$.metrics') x WHERE a.id = ?1 ORDER BY r.key, x.key", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	long long last = -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		smb_method_rule *ru;
		if (sqlite3_column_int64(st, 0) != last) {
			if (grow((void **)&m->rules, m->nrules, sizeof *m->rules))
				break;
			m->rules[m->nrules++].id = smb_column_strdup(st, 1);
			last = sqlite3_column_int64(st, 0);
		}
		ru = &m->rules[m->nrules - 1];
		if (sqlite3_column_type(st, 2) == SQLITE_NULL)
			continue;
		if (grow((void **)&ru->metrics, ru->nmetrics, sizeof *ru->metrics))
			break;
		ru->metrics[ru->nmetrics++] = smb_column_strdup(st, 2);
	}
	rc = step == SQLITE_DONE ? SMB_OK : step == SQLITE_ROW ? smb_err_set(e, SMB_ESOFTWARE, "out of memory")
	                                                       : smb_store_error(s, "reading a method's rules", e);
	sqlite3_finalize(st);
	return rc;
}

static int load_parts(smb_store *s, long long id, const char *path, smb_method_part **v, size_t *n, smb_err *e)
{
	sqlite3_stmt *st;
	int rc, step;

	if ((rc = smb_store_prepare(s,
	        "SELECT json_extract(p.value, '$.name'), json_extract(p.value, '$.version'), json_extract(p.value, '$.sha256')"
	        " FROM assessment a, json_each(a.method, ?2) p WHERE a.id = ?1 ORDER BY p.key", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	smb_bind_text(st, 2, path);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (grow((void **)v, *n, sizeof **v))
			break;
		(*v)[*n].name = smb_column_strdup(st, 0);
		(*v)[*n].version = smb_column_strdup(st, 1);
		(*v)[(*n)++].sha256 = smb_column_strdup(st, 2);
	}
	rc = step == SQLITE_DONE ? SMB_OK : step == SQLITE_ROW ? smb_err_set(e, SMB_ESOFTWARE, "out of memory")
	                                                       : smb_store_error(s, "reading a method's parts", e);
	sqlite3_finalize(st);
	return rc;
}

static int load_settings(smb_store *s, long long id, smb_method *m, smb_err *e)
{
	sqlite3_stmt *st;
	int rc, step;

	if ((rc = smb_store_prepare(s, "SELECT x.key, x.value FROM assessment a, json_each(a.method, '$.settings') x"
	                               " WHERE a.id = ?1 ORDER BY x.key", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (grow((void **)&m->settings, m->nsettings, sizeof *m->settings))
			break;
		m->settings[m->nsettings].name = smb_column_strdup(st, 0);
		m->settings[m->nsettings++].value = sqlite3_column_double(st, 1);
	}
	rc = step == SQLITE_DONE ? SMB_OK : step == SQLITE_ROW ? smb_err_set(e, SMB_ESOFTWARE, "out of memory")
	                                                       : smb_store_error(s, "reading a method's settings", e);
	sqlite3_finalize(st);
	return rc;
}

int smb_method_load(smb_store *s, long long assessment, smb_method *m, smb_err *e)
{
	int rc;

	memset(m, 0, sizeof *m);
	if ((rc = load_header(s, assessment, m, e)) || (rc = load_goalposts(s, assessment, m, e)) ||
	    (m->has_rules && (rc = load_rules(s, assessment, m, e))) ||
	    (rc = load_parts(s, assessment, "$.plugins", &m->plugins, &m->nplugins, e)) ||
	    (rc = load_parts(s, assessment, "$.playbooks", &m->playbooks, &m->nplaybooks, e)) ||
	    (rc = load_settings(s, assessment, m, e)))
		smb_method_free(m);
	return rc;
}

static void parts_free(smb_method_part *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].version);
		free(v[i].sha256);
	}
	free(v);
}

void smb_method_free(smb_method *m)
{
	free(m->industry);
	for (size_t i = 0; i < m->ngps; i++)
		free(m->gps[i].metric);
	free(m->gps);
	for (size_t i = 0; i < m->nrules; i++) {
		for (size_t k = 0; k < m->rules[i].nmetrics; k++)
			free(m->rules[i].metrics[k]);
		free(m->rules[i].metrics);
		free(m->rules[i].id);
	}
	free(m->rules);
	parts_free(m->plugins, m->nplugins);
	parts_free(m->playbooks, m->nplaybooks);
	for (size_t i = 0; i < m->nsettings; i++)
		free((char *)m->settings[i].name);
	free(m->settings);
	memset(m, 0, sizeof *m);
}

const smb_method_gp *smb_method_goalposts(const smb_method *m, const char *metric)
{
	for (size_t i = 0; i < m->ngps; i++)
		if (m->gps[i].metric && strcmp(m->gps[i].metric, metric) == 0)
			return &m->gps[i];
	return NULL;
}

const smb_method_rule *smb_method_rule_of(const smb_method *m, const char *id)
{
	for (size_t i = 0; i < m->nrules; i++)
		if (m->rules[i].id && strcmp(m->rules[i].id, id) == 0)
			return &m->rules[i];
	return NULL;
}

static const smb_setting *setting_of(const smb_method *m, const char *name)
{
	for (size_t i = 0; i < m->nsettings; i++)
		if (m->settings[i].name && strcmp(m->settings[i].name, name) == 0)
			return &m->settings[i];
	return NULL;
}

int smb_method_settings_diff(const smb_method *a, const smb_method *b, smb_buf *out)
{
	int n = 0;

	for (int pass = 0; pass < 2; pass++) {
		const smb_method *x = pass ? b : a, *y = pass ? a : b;
		for (size_t i = 0; i < x->nsettings; i++) {
			const smb_setting *o = setting_of(y, x->settings[i].name);
			if (o && (pass || o->value == x->settings[i].value))
				continue;   /* equal, or a change already written */
			smb_buf_printf(out, "%s%s ", n++ ? "; " : "", x->settings[i].name);
			if (pass)
				smb_buf_printf(out, "unset -> %g", x->settings[i].value);
			else if (o)
				smb_buf_printf(out, "%g -> %g", x->settings[i].value, o->value);
			else
				smb_buf_printf(out, "%g -> unset", x->settings[i].value);
		}
	}
	return n;
}

/* Invariant relied on by reviews: with the assessment's own values and
 * threshold = 1 this gives its stored scores (same order, same sums as
 * smb_cycle_score). */
void smb_method_score(const smb_method *m, smb_method_value_fn value, void *ud, int threshold, double *mscore,
                      double area[5], double *overall)
{
	double *s = malloc((m->ngps + 1) * sizeof *s), *w = malloc((m->ngps + 1) * sizeof *w), cov, ocov;

	for (int a = 0; a < 5; a++) {
		size_t n = 0;
		for (size_t i = 0; s && w && i < m->ngps; i++) {
			if (m->gps[i].area != a)
				continue;
			s[n] = smb_score(&m->gps[i].gp, value(m->gps[i].metric, ud));
			if (mscore)
				mscore[i] = s[n];
			w[n++] = m->gps[i].weight;
		}
		area[a] = n ? smb_weighted_mean(s, w, n, &cov) : NAN;
		if (n && threshold && cov < m->coverage)
			area[a] = NAN;
	}
	*overall = smb_aggregate_scores(m->aggregate, area, m->area_weight, 5, &ocov);
	if (threshold && ocov < m->coverage)
		*overall = NAN;
	free(s);
	free(w);
}
