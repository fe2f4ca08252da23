/* tests/plugins/good.c — a well-formed plugin: one dataset kind, two
 * metrics over it (the second from work the first kept for the cycle),
 * goalposts for two industries, a rule and an initiative. */
#include <stdlib.h>
#include <string.h>

#include "smbopt/plugin.h"

#define KEPT "good.tally"

typedef struct tally {
	double sum;
	size_t rows;
} tally;

/* marketing.visits_per_day: the sum of the visits column over the rows up to
 * the period's end, divided by the days of the period. The sum is kept for
 * the cycle. */
static int visits_per_day(const smb_host_api *api, smb_ctx *c, void *ud, double *out)
{
	size_t n = api->rows(c, "visits");
	tally *t;

	(void)ud;
	if (n == 0)
		return SMB_PLUGIN_MISSING;
	if (!(t = calloc(1, sizeof *t)))
		return api->fail(c, "out of memory");
	for (size_t i = 0; i < n; i++) {
		double v;
		if (smb_plugin_cell_number(api, c, "visits", i, "visits", &v) != SMB_PLUGIN_OK) {
			free(t);
			return api->fail(c, "visits row %zu is not a number", i + 1);
		}
		t->sum += v;
	}
	t->rows = n;
	*out = t->sum / api->setting(c, "test.days", 92);
	if (api->model(c, "visits", "rows", (double)n))
		return SMB_PLUGIN_ERROR;
	/* cell_number on a date, on a column the kind lacks, past the rows */
	if (SMB_HOST_HAS(api, cell_number)) {
		double v;
		if (api->model(c, "visits", "number_of_date", api->cell_number(c, "visits", 0, "date", &v)) ||
		    api->model(c, "visits", "number_of_nothing", api->cell_number(c, "visits", 0, "nothing", &v)) ||
		    api->model(c, "visits", "number_past_rows", api->cell_number(c, "visits", n, "visits", &v)))
			return SMB_PLUGIN_ERROR;
	}
	/* Columns are looked up by name, not by the address of the name: the
	 * same buffer holding "date", then "visits", reads the visits. */
	{
		char column[16];
		const char *text;
		strcpy(column, "date");
		text = api->cell(c, "visits", 0, column);
		strcpy(column, "visits");
		text = api->cell(c, "visits", 0, column);
		if (api->model(c, "visits", "first_by_reused_buffer", text ? strtod(text, NULL) : -1))
			return SMB_PLUGIN_ERROR;
	}
	return SMB_HOST_HAS(api, keep) ? api->keep(c, KEPT, t, free) : (free(t), SMB_PLUGIN_OK);
}

/* marketing.visits_total: the sum the first metric kept (its input, so it
 * runs after); a second keep() under the same key must be refused, and the
 * data handed to it released at once (a leak checker would see otherwise). */
static int visits_total(const smb_host_api *api, smb_ctx *c, void *ud, double *out)
{
	const tally *t = SMB_HOST_HAS(api, kept) ? api->kept(c, KEPT) : NULL;
	tally *again;

	(void)ud;
	if (!t)
		return api->fail(c, "nothing kept under " KEPT);
	*out = t->sum;
	if (!(again = calloc(1, sizeof *again)))
		return api->fail(c, "out of memory");
	if (api->model(c, "visits", "kept_rows", (double)t->rows) ||
	    api->model(c, "visits", "second_keep_refused", api->keep(c, KEPT, again, free) == SMB_PLUGIN_ERROR) ||
	    api->model(c, "visits", "kept_other_key", api->kept(c, "good.nothing") != NULL))
		return SMB_PLUGIN_ERROR;
	return SMB_PLUGIN_OK;
}

static int many(const smb_host_api *api, smb_ctx *c, void *ud, int *fires)
{
	double v;

	(void)ud;
	if (api->get(c, "marketing.visits_per_day", &v) != SMB_PLUGIN_OK)
		return SMB_PLUGIN_MISSING;
	*fires = v > 10;
	return SMB_PLUGIN_OK;
}

SMB_PLUGIN_DECLARE_ABI;

int smb_plugin_init(const smb_host_api *api, smb_plugin_info *info)
{
	static const smb_column_def cols[] = { { .name = "date", .type = SMB_COL_DATE, .required = 1 }, { .name = "visits", .type = SMB_COL_INTEGER, .required = 1 } };
	static const smb_kind_def kind = { .name = "visits", .description = "daily visits", .columns = cols, .ncolumns = 2 };
	static const smb_metric_def metric = { .key = "marketing.visits_per_day", .label = "Visits per day", .unit = "visits", .better = 1, .rollup = "derived",
	                                       .inputs = NULL, .dataset = "visits", .compute = visits_per_day, .ud = NULL, .weight = 1 };
	static const char *const total_inputs[] = { "marketing.visits_per_day", NULL };
	static const smb_metric_def total = { .key = "marketing.visits_total", .label = "Visits up to the period's end", .unit = "visits", .better = 1,
	                                      .rollup = "derived", .inputs = total_inputs, .dataset = "visits", .compute = visits_total, .ud = NULL, .weight = 0 };
	static const smb_goalposts_def gp = { .metric = "marketing.visits_per_day", .industry = NULL, .worst = 0, .best = 20, .bands = NULL, .source = "test default" };
	static const smb_goalposts_def gp_shop = { .metric = "marketing.visits_per_day", .industry = "retail", .worst = 0, .best = 40, .bands = NULL, .source = "test retail" };
	static const char *const rule_metrics[] = { "marketing.visits_per_day", NULL };
	static const smb_rule_def rule = { .id = "TEST-many", .area = "marketing", .kind = "strength", .severity = "low", .metrics = rule_metrics, .when = many, .ud = NULL,
	                                   .title = "Many visits", .detail = "{marketing.visits_per_day:%.1f} a day", .recommend = NULL, .industry = NULL };

	static const smb_setting_def days = { .name = "test.days", .description = "days the visits are divided by", .min = 1, .max = 366, .min_open = 0, .max_open = 0, .integer = 1 };

	info->abi_version = SMB_PLUGIN_ABI_VERSION;
	info->name = "good";
	info->version = "1.2.3";
	info->areas = "marketing";
	info->description = "test plugin";
	if (api->add_kind(api->host, &kind) || api->add_metric(api->host, &metric) || api->add_metric(api->host, &total) ||
	    api->add_goalposts(api->host, &gp) || api->add_goalposts(api->host, &gp_shop) ||
	    api->add_rule(api->host, &rule))
		return SMB_PLUGIN_ERROR;
	if (SMB_HOST_HAS(api, add_setting) && api->add_setting(api->host, &days))
		return SMB_PLUGIN_ERROR;
	return SMB_PLUGIN_OK;
}
