/* plugins/industry/industry.h — what the five industry plugins share:
 * registering a plugin's tables in one call, threshold rules described as
 * data, and compute adapters that read values through the host API and
 * hand them to the pure formulas of formulas.h. */
#ifndef SMB_INDUSTRY_H
#define SMB_INDUSTRY_H

#include <stddef.h>

#include "smbopt/plugin.h"

/* One condition of a rule: metric op value, op one of '<' '>' and
 * 'l' (<=) 'g' (>=). A rule's ud is an array of these ended by metric NULL;
 * it fires when all hold. Rule and metric ud is a plain void *, so the
 * plugins keep these tables (and the ratios below) non-const; nothing
 * writes them. */
typedef struct smb_industry_cond {
	const char *metric;
	char op;
	double value;
} smb_industry_cond;

int smb_industry_when(const smb_host_api *api, smb_ctx *c, void *ud, int *fires);

/* ud of the ratio adapters: num and den are metric keys. */
typedef struct smb_industry_ratio {
	const char *num;
	const char *den;
} smb_industry_ratio;

/* 100 * num / den */
int smb_industry_compute_pct(const smb_host_api *api, smb_ctx *c, void *ud, double *out);
/* num / den */
int smb_industry_compute_per_unit(const smb_host_api *api, smb_ctx *c, void *ud, double *out);

/* Months in the assessed period (1, 3 or 12), or SMB_PLUGIN_ERROR after
 * api->fail when the host hands over a period text it cannot read. */
int smb_industry_months(const smb_host_api *api, smb_ctx *c, double *months);
/* A metric's value in the period before the assessed one. */
int smb_industry_get_prev(const smb_host_api *api, smb_ctx *c, const char *key, double *out);
/* Turns a formula's 0 / -1 into SMB_PLUGIN_OK / SMB_PLUGIN_MISSING. */
int smb_industry_defined(int formula_rc);

typedef struct smb_industry_pack {
	const smb_metric_def *metrics;
	size_t nmetrics;
	const smb_goalposts_def *goalposts;
	size_t ngoalposts;
	const smb_rule_def *rules;
	size_t nrules;
	const smb_initiative_def *initiatives;
	size_t ninitiatives;
	const char *industry;          /* the initiatives apply to it only */
} smb_industry_pack;

/* Registers everything in the pack; SMB_PLUGIN_OK, or SMB_PLUGIN_ERROR at
 * the first refusal (the host keeps the reason in host_error). */
int smb_industry_register(const smb_host_api *api, const smb_industry_pack *p);

#define SMB_INDUSTRY_COUNT(a) (sizeof(a) / sizeof((a)[0]))

#endif
