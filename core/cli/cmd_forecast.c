/* core/cli/cmd_forecast.c — smbopt forecast: an ETS model of one metric's
 * history, chosen by AICc (--model ZZZ, the default) or named (--model MAdM,
 * or a --method alias), fitted or with the parameters a published fit used. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "client.h"
#include "forecast.h"
#include "json.h"
#include "series.h"

static void num(smb_json *j, double v)
{
	if (isnan(v))
		smb_json_null(j);
	else
		smb_json_number(j, v);
}

int cmd_forecast(cli_ctx *c, const cli_args *a)
{
	static const char *const names[] = { "alpha", "beta", "phi", "gamma", "level0", "trend0" };
	smb_fc_params fixed;
	double *slot[6] = { &fixed.alpha, &fixed.beta, &fixed.phi, &fixed.gamma, &fixed.level0, &fixed.trend0 };
	const char *metric = cli_get(a, "metric"), *fmt;
	smb_fc_spec spec = { 'Z', 'Z', 'Z' };
	smb_fc_result r;
	smb_series sr;
	smb_store *s;
	double horizon = 6;
	char why[512];
	int rc, given;

	if ((rc = cli_format(c, "text json", &fmt)))
		return rc;
	if (!metric)
		return smb_err_set(&c->err, SMB_EUSAGE, "forecast needs --metric M");
	if (cli_get(a, "method") && cli_get(a, "model"))
		return smb_err_set(&c->err, SMB_EUSAGE, "--method and --model name the same thing: give one");
	if (cli_get(a, "method")) {
		smb_fc_method m;
		if (smb_fc_method_parse(cli_get(a, "method"), &m) || smb_fc_model_parse(cli_get(a, "method"), &spec))
			return smb_err_set(&c->err, SMB_EUSAGE, "--method must be ses, holt, damped, hw-add, hw-mul or auto");
	}
	if (cli_get(a, "model") && smb_fc_model_parse(cli_get(a, "model"), &spec))
		return smb_err_set(&c->err, SMB_EUSAGE, "--model must be three letters E T S, error A or M, trend N, A "
		                   "or Ad, season N, A or M (MAdM, ANA), Z for any: got '%s'", cli_get(a, "model"));
	if ((rc = cli_number(c, a, "horizon", &horizon, &given)))
		return rc;
	if (horizon < 1 || horizon > 120 || horizon != floor(horizon))
		return smb_err_set(&c->err, SMB_EUSAGE, "--horizon must be a whole number from 1 to 120");
	smb_fc_params_unset(&fixed);
	for (int i = 0; i < 6; i++)
		if ((rc = cli_number(c, a, names[i], slot[i], &given)))
			return rc;
	if ((rc = cli_open_read(c, &s)))
		return rc;
	smb_client_check(s, a->pos[0], &rc, &c->err);
	if (rc == SMB_OK)
		rc = smb_series_load(s, a->pos[0], metric, &sr, &c->err);
	smb_store_close(s);
	if (rc)
		return rc;
	if (smb_ets(sr.values, sr.n, (size_t)sr.season, &spec, &fixed, (size_t)horizon, &r, why, sizeof why)) {
		smb_series_free(&sr);
		return smb_err_set(&c->err, SMB_EDATA, "%s: %s", metric, why);
	}
	{
		smb_period p = sr.first;
		char text[SMB_PERIOD_TEXT];
		for (size_t k = 0; k < sr.n; k++)
			p = smb_period_next(&p);
		if (strcmp(fmt, "json") == 0) {
			smb_json j;
			smb_json_init(&j, &c->out, 1);
			smb_json_object_begin(&j);
			smb_json_key(&j, "schema_version");
			smb_json_integer(&j, 1);
			smb_json_key(&j, "metric");
			smb_json_string(&j, metric);
			smb_json_key(&j, "observations");
			smb_json_integer(&j, (long long)sr.n);
			smb_json_key(&j, "model");
			smb_json_string(&j, r.model);
			smb_json_key(&j, "method");
			smb_json_string(&j, r.method == SMB_FC_AUTO ? r.model : smb_fc_method_name(r.method));
			smb_json_key(&j, "params");
			smb_json_object_begin(&j);
			for (int i = 0; i < 6; i++) {
				smb_fc_params *rp = &r.params;
				double *rs[6] = { &rp->alpha, &rp->beta, &rp->phi, &rp->gamma, &rp->level0, &rp->trend0 };
				smb_json_key(&j, names[i]);
				num(&j, *rs[i]);
			}
			smb_json_object_end(&j);
			smb_json_key(&j, "sse");
			num(&j, r.sse);
			smb_json_key(&j, "aicc");
			num(&j, r.aicc);
			smb_json_key(&j, "intervals");
			smb_json_string(&j, r.simulated ? "simulated" : "analytic");
			smb_json_key(&j, "candidates");
			smb_json_array_begin(&j);
			for (int i = 0; i < r.ncand; i++) {
				smb_json_object_begin(&j);
				smb_json_key(&j, "model");
				smb_json_string(&j, r.cand_model[i]);
				smb_json_key(&j, "aicc");
				num(&j, r.cand_aic[i]);
				smb_json_object_end(&j);
			}
			smb_json_array_end(&j);
			smb_json_key(&j, "forecast");
			smb_json_array_begin(&j);
			for (size_t h = 0; h < r.h; h++) {
				smb_period_format(&p, text);
				smb_json_object_begin(&j);
				smb_json_key(&j, "period");
				smb_json_string(&j, text);
				smb_json_key(&j, "value");
				num(&j, r.value[h]);
				smb_json_key(&j, "lo80");
				num(&j, r.lo80[h]);
				smb_json_key(&j, "hi80");
				num(&j, r.hi80[h]);
				smb_json_key(&j, "lo95");
				num(&j, r.lo95[h]);
				smb_json_key(&j, "hi95");
				num(&j, r.hi95[h]);
				smb_json_object_end(&j);
				p = smb_period_next(&p);
			}
			smb_json_array_end(&j);
			smb_json_object_end(&j);
			smb_buf_putc(&c->out, '\n');
		} else {
			smb_buf_printf(&c->out, "%s of %s: %s%s%s%s on %zu values, SSE %.6g, AICc %.4g",
			               metric, a->pos[0], r.model, r.method == SMB_FC_AUTO ? "" : " (",
			               r.method == SMB_FC_AUTO ? "" : smb_fc_method_name(r.method),
			               r.method == SMB_FC_AUTO ? "" : ")", sr.n, r.sse, r.aicc);
			if (r.ncand > 1)
				smb_buf_printf(&c->out, ", the lowest of %d models compared", r.ncand);
			smb_buf_printf(&c->out, "\nparameters:");
			for (int i = 0; i < 6; i++) {
				smb_fc_params *rp = &r.params;
				double *rs[6] = { &rp->alpha, &rp->beta, &rp->phi, &rp->gamma, &rp->level0, &rp->trend0 };
				if (!isnan(*rs[i]))
					smb_buf_printf(&c->out, " %s %.6g", names[i], *rs[i]);
			}
			smb_buf_printf(&c->out, "\nintervals: %s\n\n%-8s %14s %14s %14s %14s %14s\n",
			               r.simulated ? "simulated (5000 paths, fixed seed)" : "analytic",
			               "period", "forecast", "lo80", "hi80", "lo95", "hi95");
			for (size_t h = 0; h < r.h; h++) {
				smb_period_format(&p, text);
				smb_buf_printf(&c->out, "%-8s %14.2f %14.2f %14.2f %14.2f %14.2f\n", text, r.value[h], r.lo80[h],
				               r.hi80[h], r.lo95[h], r.hi95[h]);
				p = smb_period_next(&p);
			}
		}
	}
	smb_fc_result_free(&r);
	smb_series_free(&sr);
	return SMB_OK;
}
