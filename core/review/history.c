/* core/review/history.c — history and calibration as typed listings: JSON
 * carries the stored scores and ratios at full precision, text rounds them. */
#include "history.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assessment.h"
#include "json.h"
#include "kind.h"
#include "table.h"

static const char *spark(double v)
{
	static const char *const bars[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	if (isnan(v))
		return " ";
	int i = (int)(v / 12.5);
	return bars[i < 0 ? 0 : i > 7 ? 7 : i];
}

static int load_area_scores(smb_store *s, smb_assessment *a, smb_err *e)
{
	sqlite3_stmt *st;
	int rc, step;

	if ((rc = smb_store_prepare(s, "SELECT area, score FROM assessment_area WHERE assessment_id = ?1", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, a->id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int k = smb_area_index((const char *)sqlite3_column_text(st, 0));
		if (k >= 0)
			a->areas[k].score = sqlite3_column_type(st, 1) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 1);
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? SMB_OK : smb_store_error(s, "reading area scores", e);
}

/* Text shows the first 12 hex digits of the fingerprint; JSON the whole. */
static void fingerprint_cell(smb_table *t, const char *fp)
{
	char shown[13];
	smb_buf json;
	smb_json j;

	snprintf(shown, sizeof shown, "%.12s", fp ? fp : "");
	smb_buf_init(&json);
	smb_json_init(&j, &json, 0);
	smb_json_string(&j, fp);
	smb_table_value(t, smb_buf_str(&json), shown);
	t->failed |= json.failed;
	smb_buf_free(&json);
}

int smb_history_render(smb_store *s, const char *client, const char *format, smb_buf *out, smb_err *e)
{
	static const char *const cols[] = { "id#", "period", "overall#", "operations#", "marketing#", "finance#",
	                                    "customer#", "technology#", "fingerprint" };
	smb_assessment **v;
	size_t n;
	smb_table t;
	int rc;

	if ((rc = smb_assessment_list(s, client, &v, &n, e)))
		return rc;
	smb_table_init(&t, 9, cols);
	smb_table_json(&t, "history", 1);
	for (size_t i = 0; rc == SMB_OK && i < n; i++) {
		for (int k = 0; k < 5; k++)
			v[i]->areas[k].score = NAN;
		if ((rc = load_area_scores(s, v[i], e)))
			break;
		smb_table_integer(&t, v[i]->id);
		smb_table_text(&t, v[i]->period);
		smb_table_number(&t, v[i]->overall, "%.1f");
		for (int k = 0; k < 5; k++)
			smb_table_number(&t, v[i]->areas[k].score, "%.1f");
		fingerprint_cell(&t, v[i]->fingerprint);
	}
	if (rc == SMB_OK && smb_table_render(&t, format, out))
		rc = smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	if (rc == SMB_OK && strcmp(format, "text") == 0 && n) {
		smb_buf_puts(out, "\ntrend (one bar per assessment, oldest first)\n");
		for (int k = -1; k < 5; k++) {
			smb_buf_printf(out, "  %-11s ", k < 0 ? "overall" : smb_areas[k]);
			for (size_t i = 0; i < n; i++)
				smb_buf_puts(out, spark(k < 0 ? v[i]->overall : v[i]->areas[k].score));
			smb_buf_putc(out, '\n');
		}
	}
	smb_table_free(&t);
	smb_assessment_list_free(v, n);
	return rc;
}

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* One row: the median of n sorted ratios. */
static void calibration_row(smb_table *t, const char *initiative, const char *metric, double *ratios, size_t n,
                            int clients, int yoy)
{
	qsort(ratios, n, sizeof *ratios, by_double);
	smb_table_text(t, initiative);
	smb_table_text(t, metric);
	smb_table_integer(t, (long long)n);
	smb_table_number(t, n % 2 ? ratios[n / 2] : (ratios[n / 2 - 1] + ratios[n / 2]) / 2, "%.4f");
	smb_table_integer(t, clients);
	smb_table_integer(t, yoy);
}

int smb_calibration_render(smb_store *s, const char *format, smb_buf *out, smb_err *e)
{
	/* year_on_year: how many of the ratios are measured against the same
	 * periods a year before (seasonal clients); the rest are sequential. */
	static const char *const cols[] = { "initiative", "metric", "count#", "median_ratio#", "clients#", "year_on_year#" };
	sqlite3_stmt *st;
	smb_table t;
	double *ratios = NULL;
	size_t n = 0, cap = 0;
	char cur_i[256] = "", cur_m[256] = "";
	int rc, step, clients = 0, yoy = 0;

	if ((rc = smb_store_prepare(s,
	        "SELECT initiative_id, metric, ratio, (SELECT count(DISTINCT client_id) FROM calibration c2"
	        "  WHERE c2.initiative_id = c.initiative_id AND c2.metric = c.metric), basis = 'year_on_year'"
	        " FROM calibration c WHERE ratio IS NOT NULL ORDER BY initiative_id, metric", &st, e)))
		return rc;
	smb_table_init(&t, 6, cols);
	smb_table_json(&t, "calibration", 1);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *i = (const char *)sqlite3_column_text(st, 0);
		const char *m = (const char *)sqlite3_column_text(st, 1);
		if (n && (strcmp(i, cur_i) || strcmp(m, cur_m))) {
			calibration_row(&t, cur_i, cur_m, ratios, n, clients, yoy);
			n = 0;
			yoy = 0;
		}
		snprintf(cur_i, sizeof cur_i, "%s", i);
		snprintf(cur_m, sizeof cur_m, "%s", m);
		clients = sqlite3_column_int(st, 3);
		if (n == cap) {
			double *nv = realloc(ratios, (cap = cap ? 2 * cap : 16) * sizeof *nv);
			if (!nv) {
				rc = smb_err_set(e, SMB_ESOFTWARE, "out of memory");
				break;
			}
			ratios = nv;
		}
		ratios[n++] = sqlite3_column_double(st, 2);
		yoy += sqlite3_column_int(st, 4);
	}
	if (rc == SMB_OK && step != SQLITE_DONE)
		rc = smb_store_error(s, "reading calibration", e);
	if (rc == SMB_OK && n)
		calibration_row(&t, cur_i, cur_m, ratios, n, clients, yoy);
	sqlite3_finalize(st);
	free(ratios);
	if (rc == SMB_OK && smb_table_render(&t, format, out))
		rc = smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	smb_table_free(&t);
	return rc;
}
