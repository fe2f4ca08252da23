/* plugins/industry/industry.c — the shared adapters of the industry
 * plugins: registration of a plugin's tables, data-driven threshold rules,
 * and the compute callbacks for plain ratios. */
#include "industry.h"

#include "formulas.h"

int smb_industry_defined(int formula_rc)
{
	return formula_rc == 0 ? SMB_PLUGIN_OK : SMB_PLUGIN_MISSING;
}

int smb_industry_months(const smb_host_api *api, smb_ctx *c, double *months)
{
	const char *p = api->period(c);
	int m = smb_industry_period_months(p);

	if (m <= 0)
		return api->fail(c, "cannot read the period '%s'", p ? p : "");
	*months = m;
	return SMB_PLUGIN_OK;
}

int smb_industry_get_prev(const smb_host_api *api, smb_ctx *c, const char *key, double *out)
{
	char prev[16];

	if (smb_industry_prev_period(api->period(c), prev, sizeof prev))
		return SMB_PLUGIN_MISSING;
	return api->get_at(c, key, prev, out);
}

static int ratio_of(const smb_host_api *api, smb_ctx *c, const smb_industry_ratio *r, double *num, double *den)
{
	if (api->get(c, r->num, num) != SMB_PLUGIN_OK || api->get(c, r->den, den) != SMB_PLUGIN_OK)
		return SMB_PLUGIN_MISSING;
	return SMB_PLUGIN_OK;
}

int smb_industry_compute_pct(const smb_host_api *api, smb_ctx *c, void *ud, double *out)
{
	double num, den;
	int rc = ratio_of(api, c, ud, &num, &den);

	return rc ? rc : smb_industry_defined(smb_industry_pct(num, den, out));
}

int smb_industry_compute_per_unit(const smb_host_api *api, smb_ctx *c, void *ud, double *out)
{
	double num, den;
	int rc = ratio_of(api, c, ud, &num, &den);

	return rc ? rc : smb_industry_defined(smb_industry_per_unit(num, den, out));
}

int smb_industry_when(const smb_host_api *api, smb_ctx *c, void *ud, int *fires)
{
	const smb_industry_cond *k;
	double v;
	int all = 1;

	for (k = ud; k->metric; k++) {
		if (api->get(c, k->metric, &v) != SMB_PLUGIN_OK)
			return SMB_PLUGIN_MISSING;
		switch (k->op) {
		case '<': all &= v < k->value; break;
		case '>': all &= v > k->value; break;
		case 'l': all &= v <= k->value; break;
		case 'g': all &= v >= k->value; break;
		default: return api->fail(c, "rule condition on %s: unknown operator '%c'", k->metric, k->op);
		}
	}
	*fires = all;
	return SMB_PLUGIN_OK;
}

int smb_industry_register(const smb_host_api *api, const smb_industry_pack *p)
{
	size_t i;

	for (i = 0; i < p->nmetrics; i++)
		if (api->add_metric(api->host, &p->metrics[i]) != SMB_PLUGIN_OK)
			return SMB_PLUGIN_ERROR;
	for (i = 0; i < p->ngoalposts; i++)
		if (api->add_goalposts(api->host, &p->goalposts[i]) != SMB_PLUGIN_OK)
			return SMB_PLUGIN_ERROR;
	for (i = 0; i < p->nrules; i++)
		if (api->add_rule(api->host, &p->rules[i]) != SMB_PLUGIN_OK)
			return SMB_PLUGIN_ERROR;
	for (i = 0; i < p->ninitiatives; i++)
		if (api->add_initiative(api->host, &p->initiatives[i]) != SMB_PLUGIN_OK)
			return SMB_PLUGIN_ERROR;
	/* An industry's own advice is for its clients only (README
	 * "Applicability"); an older host simply recommends it more widely. */
	for (i = 0; p->industry && SMB_HOST_HAS(api, add_applies) && i < p->ninitiatives; i++) {
		const char *only[] = { p->industry, NULL };
		const smb_applies_def d = { .id = p->initiatives[i].id, .industries = only, .needs = NULL };
		if (api->add_applies(api->host, &d) != SMB_PLUGIN_OK)
			return SMB_PLUGIN_ERROR;
	}
	return SMB_PLUGIN_OK;
}
