/* core/engine/method.c — describing the method of an assessment. The description
 * holds no paths or times, only what changes numbers, so the same method
 * installed elsewhere or run later gives the same fingerprint. */
#include "method.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
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
	smb_json_integer(&j, 1);
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
