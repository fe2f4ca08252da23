/* plugins/technology/technology.c — the technology area's plugin: indices
 * that combine questionnaire answers the way the EU Digital Maturity
 * Assessment does (equal-weight dimensions) and a weakest-link view of
 * security basics, where one open door matters more than the average. */
#include <math.h>
#include <stddef.h>

#include "smbopt/plugin.h"

static const char *const dma_dimensions[] = {
	"technology.q_digital_strategy", "technology.q_digital_readiness", "technology.q_human_centric",
	"technology.q_data_management", "technology.q_automation_ai", "technology.q_green_digital", NULL,
};

static const char *const security_basics[] = {
	"technology.q_mfa", "technology.q_offsite_backup", "technology.q_patching",
	"technology.q_phishing_training", "technology.q_passwords", NULL,
};

/* The DMA scores a business 0..100 as the plain mean of its dimensions. */
static int dma_index(const smb_host_api *api, smb_ctx *c, void *ud, double *out)
{
	double sum = 0, v;
	int n = 0;

	(void)ud;
	for (const char *const *k = dma_dimensions; *k; k++) {
		if (api->get(c, *k, &v) != SMB_PLUGIN_OK)
			return SMB_PLUGIN_MISSING;
		sum += v;
		n++;
	}
	*out = sum / n;
	return SMB_PLUGIN_OK;
}

/* Mean of the five basics, capped at the weakest plus 25 points: a shop
 * with perfect patching but no backups is not 80% safe. */
static int security_index(const smb_host_api *api, smb_ctx *c, void *ud, double *out)
{
	double sum = 0, low = INFINITY, v;
	int n = 0;

	(void)ud;
	for (const char *const *k = security_basics; *k; k++) {
		if (api->get(c, *k, &v) != SMB_PLUGIN_OK)
			return SMB_PLUGIN_MISSING;
		sum += v;
		low = v < low ? v : low;
		n++;
	}
	*out = fmin(sum / n, low + 25);
	return SMB_PLUGIN_OK;
}

/* Fires when either of the two controls that stop most small-business
 * losses (account takeover, ransomware) is not fully in place. */
static int security_gap(const smb_host_api *api, smb_ctx *c, void *ud, int *fires)
{
	double mfa, backup;

	(void)ud;
	if (api->get(c, "technology.q_mfa", &mfa) != SMB_PLUGIN_OK ||
	    api->get(c, "technology.q_offsite_backup", &backup) != SMB_PLUGIN_OK)
		return SMB_PLUGIN_MISSING;
	*fires = mfa < 100 || backup < 100;
	return SMB_PLUGIN_OK;
}

/* What the metric catalogue (smbopt metrics) says of this plugin's metrics. */
static const smb_metric_about about[] = {
	{ .key = "technology.digital_maturity_index",
	  .definition = "How far the business uses digital tools, on the EU Digital Maturity Assessment's dimensions (0-100).",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
	{ .key = "technology.security_basics_index",
	  .definition = "How well the basic protections against cyber attacks are in place (0-100, limited by the weakest).",
	  .basis = NULL, .prefer = NULL, .bounded = 0, .lo = 0, .hi = 0 },
};

SMB_PLUGIN_DECLARE_ABI;

int smb_plugin_init(const smb_host_api *api, smb_plugin_info *info)
{
	static const char *const gap_metrics[] = { "technology.q_mfa", "technology.q_offsite_backup",
	                                           "technology.security_basics_index", NULL };
	static const char *const gap_recommend[] = { "TEC-mfa", "TEC-offsite-backup", NULL };
	const smb_metric_def metrics[] = {
		{ .key = "technology.digital_maturity_index", .label = "Digital maturity index (EU DMA dimensions)", .unit = "points", .better = 1,
		  .rollup = "derived", .inputs = dma_dimensions, .dataset = NULL, .compute = dma_index, .ud = NULL, .weight = 2 },
		{ .key = "technology.security_basics_index", .label = "Security basics (weakest link + 25)", .unit = "points", .better = 1, .rollup = "derived",
		  .inputs = security_basics, .dataset = NULL, .compute = security_index, .ud = NULL, .weight = 2 },
	};
	const smb_goalposts_def goalposts[] = {
		{ .metric = "technology.digital_maturity_index", .industry = NULL, .worst = 0, .best = 100, .bands = NULL,
		  .source = "EU Digital Maturity Assessment for SMEs (JRC 2023): dimension scores on a 0-100 scale, equal weights" },
		{ .metric = "technology.security_basics_index", .industry = NULL, .worst = 0, .best = 100, .bands = NULL,
		  .source = "ENISA (2021) 'Cybersecurity for SMEs' and UK NCSC Cyber Essentials controls, answered 0-100" },
	};
	const smb_rule_def gap = {
		.id = "TEC-security-gap", .area = "technology", .kind = "threat", .severity = "high", .metrics = gap_metrics, .when = security_gap, .ud = NULL,
		.title = "Account or data loss is one incident away",
		.detail = "Multi-factor authentication scores {technology.q_mfa:%.0f}/100 and off-site backup "
		"{technology.q_offsite_backup:%.0f}/100; both should be fully in place.",
		.recommend = gap_recommend, .industry = NULL,
	};

	/* ABI 1's first table; fields added since are checked where used */
	if (api->abi_version < 1 || api->struct_size < offsetof(smb_host_api, fail) + sizeof api->fail)
		return SMB_PLUGIN_ERROR;
	info->abi_version = SMB_PLUGIN_ABI_VERSION;
	info->name = "technology";
	info->version = "1.0";
	info->areas = "technology";
	info->description = "Digital maturity and security indices from the technology questionnaire";
	for (size_t i = 0; i < sizeof metrics / sizeof metrics[0]; i++)
		if (api->add_metric(api->host, &metrics[i]) != SMB_PLUGIN_OK)
			return SMB_PLUGIN_ERROR;
	for (size_t i = 0; i < sizeof goalposts / sizeof goalposts[0]; i++)
		if (api->add_goalposts(api->host, &goalposts[i]) != SMB_PLUGIN_OK)
			return SMB_PLUGIN_ERROR;
	if (smb_plugin_describe(api, about, sizeof about / sizeof about[0]) != SMB_PLUGIN_OK)
		return SMB_PLUGIN_ERROR;
	return api->add_rule(api->host, &gap);
}
