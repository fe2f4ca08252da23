/* core/report/customers.c — one row per customer. The figures are those the
 * customer plugin puts in an assessment: same transactions rule (up to the
 * period's last day, one purchase per day, refunds net within the day),
 * same fits, same CLV options. */
#include "customers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clv.h"
#include "csv.h"
#include "dataset.h"
#include "json.h"
#include "number.h"
#include "period.h"

typedef struct txns {
	smb_clv_txn *v;
	size_t n;
	smb_dataset rows;            /* the customer ids point into it */
} txns;

/* The client's transactions up to day `last`, read as a cycle reads them
 * (core/store/dataset.c). A row without a usable date or amount is left out. */
static int load_txns(smb_store *s, const smb_registry *r, const char *client, long last, txns *t, smb_err *e)
{
	const smb_kind *k = smb_kindset_find(&r->kinds, "transactions");
	char why[128];
	size_t at;
	int ci, di, ai, rc;

	memset(t, 0, sizeof *t);
	if (!k)
		return smb_err_set(e, SMB_ECONFIG, "no loaded plugin provides the transactions kind (the customer plugin)");
	if ((rc = smb_dataset_read(s, k, client, last, &t->rows, e)))
		return rc;
	ci = smb_dataset_column(&t->rows, "customer_id");
	di = smb_dataset_column(&t->rows, "date");
	ai = smb_dataset_column(&t->rows, "amount");
	if (ci < 0 || di < 0 || ai < 0)
		return smb_err_set(e, SMB_ECONFIG, "the transactions kind lacks customer_id, date or amount");
	if (t->rows.nrows && !(t->v = malloc(t->rows.nrows * sizeof *t->v)))
		return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	for (size_t i = 0; i < t->rows.nrows; i++) {
		char *const *row = t->rows.cells + i * t->rows.ncols;
		smb_clv_txn *x = &t->v[t->n];
		if (smb_clv_parse_date(row[di], &x->day) != 0 ||
		    smb_number_parse(row[ai], 0, &x->amount, &at, why, sizeof why) != 0)
			continue;
		x->customer_id = row[ci];
		t->n++;
	}
	return SMB_OK;
}

static void num(smb_json *j, double v)
{
	if (isnan(v))
		smb_json_null(j);
	else
		smb_json_number(j, v);
}

int smb_customers_report(smb_store *s, const smb_registry *r, const smb_customers_opts *o, const char *format,
                         smb_buf *out, smb_err *e)
{
	smb_clv_customer *cust = NULL;
	smb_clv_result *res = NULL;
	smb_rfm_score *rfm = NULL;
	smb_clv_options opt;
	smb_bgnbd bg;
	smb_gg gg;
	smb_period p;
	size_t nc = 0, counts[SMB_RFM_NSEGMENTS];
	char why[512], bg_why[512] = "", gg_why[512] = "";
	txns t;
	int rc, last, bg_rc, gg_rc;

	if (smb_period_parse(o->period, &p, why, sizeof why))
		return smb_err_set(e, SMB_EUSAGE, "--period '%s': %s", o->period, why);
	last = (int)smb_period_last_day(&p);
	if ((rc = load_txns(s, r, o->client, last, &t, e)))
		goto out;
	if (t.n == 0) {
		rc = smb_err_set(e, SMB_EDATA, "%s has no transactions up to the end of %s (import a transactions file)",
		                 o->client, o->period);
		goto out;
	}
	if (smb_clv_summarize(t.v, t.n, last, &cust, &nc, NULL, why, sizeof why)) {
		rc = smb_err_set(e, SMB_EDATA, "%s", why);
		goto out;
	}
	/* The models may fail to tell (drop-out not identified, no finite mean
	 * spend) or to fit: the rows still stand, with those columns empty. */
	bg_rc = smb_bgnbd_fit(cust, nc, &bg, bg_why, sizeof bg_why);
	gg_rc = smb_gg_fit(cust, nc, &gg, gg_why, sizeof gg_why);
	if (bg_rc < 0)
		bg.r = bg.alpha = bg.a = bg.b = bg.loglik = NAN;
	if (gg_rc < 0) {
		gg.p = gg.q = gg.gamma = gg.loglik = NAN;
		gg.customers = gg.excluded = 0;
	}
	smb_clv_options_default(&opt);
	opt.monthly_discount = o->monthly_discount;
	opt.months = o->months;
	res = calloc(nc, sizeof *res);
	rfm = calloc(nc, sizeof *rfm);
	if (!res || !rfm) {
		rc = smb_err_set(e, SMB_ESOFTWARE, "out of memory");
		goto out;
	}
	if (smb_rfm_segment(cust, nc, last, rfm, counts, why, sizeof why)) {
		rc = smb_err_set(e, SMB_EDATA, "%s", why);
		goto out;
	}
	if (bg_rc == 0 && gg_rc == 0) {
		if (smb_clv_score(&bg, &gg, cust, nc, &opt, res, why, sizeof why)) {
			rc = smb_err_set(e, SMB_EDATA, "%s", why);
			goto out;
		}
	} else {
		for (size_t i = 0; i < nc; i++) {
			res[i].p_alive = bg_rc == 0 ? smb_bgnbd_p_alive(&bg, cust[i].x, cust[i].t_x, cust[i].T) : NAN;
			res[i].expected_purchases = bg_rc == 0
				? smb_bgnbd_conditional(&bg, opt.horizon_weeks, cust[i].x, cust[i].t_x, cust[i].T) : NAN;
			double sp = gg_rc == 0 ? smb_gg_expected_spend(&gg, cust[i].x, cust[i].mean_value) : NAN;
			res[i].expected_spend = sp >= 0 ? sp : NAN;
			res[i].clv = NAN;
		}
		if (o->note)
			snprintf(o->note, o->notelen, "%s%s%s", bg_rc ? bg_why : "", bg_rc && gg_rc ? "; " : "",
			         gg_rc ? gg_why : "");
	}
	if (strcmp(format, "json") == 0) {
		smb_json j;
		smb_json_init(&j, out, 1);
		smb_json_object_begin(&j);
		smb_json_key(&j, "schema_version");
		smb_json_integer(&j, 1);
		smb_json_key(&j, "client");
		smb_json_string(&j, o->client);
		smb_json_key(&j, "period");
		smb_json_string(&j, o->period);
		smb_json_key(&j, "models");
		smb_json_object_begin(&j);
		smb_json_key(&j, "bgnbd");
		smb_json_object_begin(&j);
		smb_json_key(&j, "r");
		num(&j, bg.r);
		smb_json_key(&j, "alpha");
		num(&j, bg.alpha);
		smb_json_key(&j, "a");
		num(&j, bg.a);
		smb_json_key(&j, "b");
		num(&j, bg.b);
		smb_json_key(&j, "loglik");
		num(&j, bg.loglik);
		smb_json_key(&j, "customers");
		smb_json_integer(&j, (long long)nc);
		if (bg_rc == 0) {
			static const char *const se[4] = { "r_se", "alpha_se", "a_se", "b_se" };
			for (int k = 0; k < 4; k++) {
				smb_json_key(&j, se[k]);
				num(&j, bg.se[k]);
			}
		}
		smb_json_key(&j, "reason");
		if (bg_rc)
			smb_json_string(&j, bg_why);
		else
			smb_json_null(&j);
		smb_json_object_end(&j);
		smb_json_key(&j, "gamma_gamma");
		smb_json_object_begin(&j);
		smb_json_key(&j, "p");
		num(&j, gg.p);
		smb_json_key(&j, "q");
		num(&j, gg.q);
		smb_json_key(&j, "gamma");
		num(&j, gg.gamma);
		smb_json_key(&j, "loglik");
		num(&j, gg.loglik);
		smb_json_key(&j, "customers");
		smb_json_integer(&j, (long long)gg.customers);
		smb_json_key(&j, "excluded");
		smb_json_integer(&j, (long long)gg.excluded);
		smb_json_key(&j, "reason");
		if (gg_rc)
			smb_json_string(&j, gg_why);
		else
			smb_json_null(&j);
		smb_json_object_end(&j);
		smb_json_object_end(&j);
		smb_json_key(&j, "customers");
		smb_json_array_begin(&j);
		for (size_t i = 0; i < nc; i++) {
			smb_json_object_begin(&j);
			smb_json_key(&j, "customer_id");
			smb_json_string(&j, cust[i].id);
			smb_json_key(&j, "x");
			num(&j, cust[i].x);
			smb_json_key(&j, "t_x");
			num(&j, cust[i].t_x);
			smb_json_key(&j, "T");
			num(&j, cust[i].T);
			smb_json_key(&j, "p_alive");
			num(&j, res[i].p_alive);
			smb_json_key(&j, "expected_purchases");
			num(&j, res[i].expected_purchases);
			smb_json_key(&j, "expected_spend");
			num(&j, res[i].expected_spend);
			smb_json_key(&j, "clv");
			num(&j, res[i].clv);
			smb_json_key(&j, "rfm_segment");
			smb_json_string(&j, smb_rfm_segment_name(rfm[i].segment));
			smb_json_object_end(&j);
		}
		smb_json_array_end(&j);
		smb_json_object_end(&j);
		smb_buf_putc(out, '\n');
	} else if (strcmp(format, "clv") == 0) {
		/* one CLV a line, full precision: what the report's deciles read */
		for (size_t i = 0; i < nc; i++)
			smb_buf_printf(out, "%.17g\n", res[i].clv);
	} else {
		smb_buf_puts(out, "customer_id,x,t_x,T,p_alive,expected_purchases,expected_spend,clv,rfm_segment\n");
		for (size_t i = 0; i < nc; i++) {
			char *mem = NULL;
			size_t len = 0;
			FILE *f = open_memstream(&mem, &len);
			if (f) {
				smb_csv_write_field(f, cust[i].id, ',');
				fclose(f);
				smb_buf_append(out, mem, len);
				free(mem);
			}
			smb_buf_printf(out, ",%.0f,%.6g,%.6g", cust[i].x, cust[i].t_x, cust[i].T);
			/* a value the models cannot give is an empty cell, never a number */
			const double cells[4] = { res[i].p_alive, res[i].expected_purchases, res[i].expected_spend,
			                          res[i].clv };
			for (int k = 0; k < 4; k++)
				if (isnan(cells[k]))
					smb_buf_putc(out, ',');
				else
					smb_buf_printf(out, ",%.6g", cells[k]);
			smb_buf_printf(out, ",%s\n", smb_rfm_segment_name(rfm[i].segment));
		}
	}
out:
	free(res);
	free(rfm);
	free(cust);
	free(t.v);
	smb_dataset_free(&t.rows);
	return rc;
}
