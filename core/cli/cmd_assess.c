/* core/cli/cmd_assess.c — smbopt assess, assessments, show. */
#include <math.h>
#include <time.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advice.h"
#include "batch.h"
#include "cli.h"
#include "client.h"
#include "cycle.h"
#include "json.h"
#include "note.h"
#include "number.h"
#include "render.h"
#include "table.h"

/* --set NAME=VALUE, repeatable: numeric settings plugins read. */
static int parse_settings(cli_ctx *c, const cli_args *a, smb_setting *out, char names[][64], size_t *n)
{
	const char *v[32];
	size_t k = cli_all(a, "set", v, 32);
	char why[128];
	size_t at;

	*n = 0;
	for (size_t i = 0; i < k; i++) {
		const char *eq = strchr(v[i], '=');
		if (!eq || eq == v[i] || (size_t)(eq - v[i]) >= 64)
			return smb_err_set(&c->err, SMB_EUSAGE, "--set '%s': use NAME=NUMBER", v[i]);
		snprintf(names[i], 64, "%.*s", (int)(eq - v[i]), v[i]);
		out[i].name = names[i];
		if (smb_number_parse(eq + 1, 0, &out[i].value, &at, why, sizeof why))
			return smb_err_set(&c->err, SMB_EUSAGE, "--set %s: %s", v[i], why);
		(*n)++;
	}
	return SMB_OK;
}

/* Each --set against the settings the loaded plugins declare: an unknown
 * name or a value out of its range is a usage error, like a bad flag. */
static int check_settings(cli_ctx *c, const cli_args *a, const smb_registry *reg, const smb_setting *set, size_t n)
{
	const char *v[32];
	char why[256];

	cli_all(a, "set", v, 32);
	for (size_t i = 0; i < n; i++)
		if (smb_registry_check_setting(reg, set[i].name, set[i].value, why, sizeof why)) {
			if (strncmp(why, "no loaded", 9) == 0)
				return smb_err_set(&c->err, SMB_EUSAGE, "--set %s: %s", set[i].name, why);
			return smb_err_set(&c->err, SMB_EUSAGE, "--set %s: %s", v[i], why);
		}
	return SMB_OK;
}

int cmd_assess(cli_ctx *c, const cli_args *a)
{
	smb_cycle_opts o = { 0 };
	smb_setting settings[32];
	char names[32][64];
	smb_registry reg;
	smb_assessment *as = NULL;
	smb_store *s;
	const char *fmt;
	double cov = 0;
	int rc, given;

	if (cli_get(a, "all"))
		return cmd_assess_all(c, a);
	if (a->npos != 1)
		return smb_err_set(&c->err, SMB_EUSAGE, "assess needs a client ID, or --all for every client");
	if ((rc = cli_format(c, "text json md", &fmt)))
		return rc;
	o.client = a->pos[0];
	o.period = cli_get(a, "period");
	if (!o.period)
		return smb_err_set(&c->err, SMB_EUSAGE, "assess needs --period P (e.g. 2026-Q3)");
	if (smb_aggregate_parse(cli_get(a, "aggregate"), &o.aggregate))
		return smb_err_set(&c->err, SMB_EUSAGE, "--aggregate must be arithmetic, geometric or weakest-link");
	if ((rc = cli_number(c, a, "coverage", &cov, &given)))
		return rc;
	if (given && !(cov > 0 && cov <= 1))
		return smb_err_set(&c->err, SMB_EUSAGE, "--coverage must be in (0, 1]");
	o.coverage = cov;
	o.industry = cli_get(a, "industry");
	if ((rc = parse_settings(c, a, settings, names, &o.nsettings)))
		return rc;
	o.settings = settings;
	if ((rc = cli_registry(c, a, &reg)))
		return rc;
	if ((rc = check_settings(c, a, &reg, settings, o.nsettings)) == SMB_OK && (rc = cli_open(c, &s)) == SMB_OK) {
		smb_advice adv;
		smb_client_check(s, o.client, &rc, &c->err);
		if (rc == SMB_OK && (rc = smb_advice_load(s, o.client, &adv, &c->err)) == SMB_OK) {
			smb_advice_apply(&adv, &o);
			/* --dry-run: the same cycle, printed and not stored */
			if (cli_get(a, "dry-run"))
				rc = smb_cycle_run(s, &reg, &o, &as, &c->err);
			else
				rc = smb_assess(s, &reg, &o, &as, &c->err);
			if (as && smb_render_assessment(as, fmt, &c->out))
				rc = smb_err_set(&c->err, SMB_ESOFTWARE, "out of memory");
			if (rc == SMB_OK && as && as->partial)
				rc = smb_err_set(&c->err, SMB_PARTIAL, "the assessment is partial: %zu error%s (see its errors)",
				                 as->nerrors, as->nerrors == 1 ? "" : "s");
			smb_assessment_free(as);
			smb_advice_free(&adv);
		}
		smb_store_close(s);
	}
	smb_registry_free(&reg);
	return rc;
}

int cmd_assessments(cli_ctx *c, const cli_args *a)
{
	static const char *const cols[] = { "id#", "period", "created", "overall#", "level", "partial", "fingerprint" };
	smb_assessment **v;
	const char *fmt;
	smb_store *s;
	smb_table t;
	size_t n;
	int rc;

	if ((rc = cli_format(c, "text json", &fmt)) || (rc = cli_open_read(c, &s)))
		return rc;
	if ((rc = smb_assessment_list(s, a->pos[0], &v, &n, &c->err)) == SMB_OK) {
		if (n == 0)
			smb_client_check(s, a->pos[0], &rc, &c->err);
		smb_table_init(&t, 7, cols);
		smb_table_json(&t, "assessments", 1);
		for (size_t i = 0; rc == SMB_OK && i < n; i++) {
			smb_table_integer(&t, v[i]->id);
			smb_table_text(&t, v[i]->period);
			smb_table_text(&t, v[i]->created);
			smb_table_number(&t, v[i]->overall, "%.1f");
			smb_table_text(&t, v[i]->level);
			smb_table_bool(&t, v[i]->partial, "yes", "no");
			smb_table_text(&t, v[i]->fingerprint);
		}
		if (rc == SMB_OK && smb_table_render(&t, fmt, &c->out))
			rc = smb_err_set(&c->err, SMB_ESOFTWARE, "out of memory");
		smb_table_free(&t);
		smb_assessment_list_free(v, n);
	}
	smb_store_close(s);
	return rc;
}

int cmd_show(cli_ctx *c, const cli_args *a)
{
	smb_assessment *as;
	const char *fmt;
	smb_store *s;
	char *end;
	long long id = strtoll(a->pos[0], &end, 10);
	int rc;

	if (!c->format)
		c->format = "text";
	if ((rc = cli_format(c, "text json md", &fmt)))
		return rc;
	if (*end || id <= 0)
		return smb_err_set(&c->err, SMB_EUSAGE, "'%s' is not an assessment id (see 'smbopt assessments CLIENT')", a->pos[0]);
	if ((rc = cli_open_read(c, &s)))
		return rc;
	if ((rc = smb_assessment_load(s, id, &as, &c->err)) == SMB_OK) {
		smb_note *nv;
		size_t nn;
		if ((rc = smb_note_list(s, id, &nv, &nn, &c->err)) == SMB_OK) {
			smb_note_mark(as, nv, nn);
			smb_note_list_free(nv, nn);
		}
		if (rc == SMB_OK && smb_render_assessment(as, fmt, &c->out))
			rc = smb_err_set(&c->err, SMB_ESOFTWARE, "out of memory");
		smb_assessment_free(as);
	}
	smb_store_close(s);
	return rc;
}

int cmd_assessment_rm(cli_ctx *c, const cli_args *a)
{
	smb_store *s;
	char *end;
	long long id = strtoll(a->pos[0], &end, 10);
	int rc;

	if (*end || id <= 0)
		return smb_err_set(&c->err, SMB_EUSAGE, "'%s' is not an assessment id (see 'smbopt assessments CLIENT')", a->pos[0]);
	if ((rc = cli_open(c, &s)))
		return rc;
	if ((rc = smb_assessment_withdraw(s, id, cli_get(a, "reason"), &c->err)) == SMB_OK)
		smb_buf_printf(&c->out, "withdrew assessment %lld (kept in the workspace for the audit trail; 'smbopt show %lld')\n",
		               id, id);
	smb_store_close(s);
	return rc;
}

/* What assess --all prints as each client ends: a line per client (text),
 * a JSON line per client (jsonl), or nothing until the end (json); and the
 * progress on standard error when it is a terminal. */
typedef struct all_out {
	cli_ctx *c;
	const char *fmt;
	smb_buf json;          /* the clients array, for json */
	size_t nfailed;
	char failed[8][96];    /* the first failures, named in the summary */
	int progress;
	double t0, shown;
} all_out;

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static const char *const status_name[] = { "assessed", "partial", "skipped", "no_data", "failed" };

/* versioned: a jsonl line is a document of its own and carries
 * schema_version; a row of the json document's clients array does not. */
static void client_json(smb_json *j, const smb_batch_result *r, int versioned)
{
	smb_json_object_begin(j);
	if (versioned) {
		smb_json_key(j, "schema_version");
		smb_json_integer(j, 1);
	}
	smb_json_key(j, "client");
	smb_json_string(j, r->client);
	smb_json_key(j, "status");
	smb_json_string(j, status_name[r->status]);
	smb_json_key(j, "assessment");
	if (r->assessment)
		smb_json_integer(j, r->assessment);
	else
		smb_json_null(j);
	smb_json_key(j, "overall");
	smb_json_number(j, r->overall);
	smb_json_key(j, "level");
	smb_json_string(j, r->level);
	smb_json_key(j, "message");
	smb_json_string(j, r->message[0] ? r->message : NULL);
	smb_json_object_end(j);
}

static void all_done(void *ud, const smb_batch_result *r)
{
	all_out *o = ud;
	smb_json j;

	if ((r->status == SMB_BATCH_FAILED || r->status == SMB_BATCH_PARTIAL) && o->nfailed++ < 8)
		snprintf(o->failed[o->nfailed - 1], sizeof o->failed[0], "%s", r->client);
	if (strcmp(o->fmt, "json") == 0) {
		smb_json_init(&j, &o->json, 0);
		if (o->json.len)
			smb_buf_puts(&o->json, ",");
		client_json(&j, r, 0);
	} else if (strcmp(o->fmt, "jsonl") == 0) {
		smb_json_init(&j, &o->c->out, 0);
		client_json(&j, r, 1);
		smb_buf_puts(&o->c->out, "\n");
		cli_flush(o->c);
	} else {
		if (r->status == SMB_BATCH_ASSESSED || r->status == SMB_BATCH_SKIPPED)
			smb_buf_printf(&o->c->out, "%-24s %-9s #%lld  %5.1f  %s\n", r->client, status_name[r->status],
			               r->assessment, r->overall, r->level ? r->level : "");
		else
			smb_buf_printf(&o->c->out, "%-24s %-9s %s\n", r->client, status_name[r->status], r->message);
	}
	if (o->progress) {
		double t = now_s();
		if (t - o->shown >= 0.1 || r->done == r->total) {
			double rate = r->done / (t - o->t0 > 1e-9 ? t - o->t0 : 1e-9);
			long left = (long)((r->total - r->done) / (rate > 0 ? rate : 1) + 0.5);
			fprintf(stderr, "\r%zu/%zu clients  %.1f/s  %ld:%02ld left ", r->done, r->total, rate, left / 60,
			        left % 60);
			if (r->done == r->total)
				fputc('\n', stderr);
			o->shown = t;
		}
	}
}

int cmd_assess_all(cli_ctx *c, const cli_args *a)
{
	const char *fmt, *shard = cli_get(a, "shard");
	smb_setting settings[32];
	char names[32][64];
	smb_batch_opts bo;
	smb_batch_summary sum;
	cli_load lo;
	smb_registry reg;
	all_out out;
	double jobs = 1, cov = 0;
	int rc, given;

	memset(&bo, 0, sizeof bo);
	memset(&out, 0, sizeof out);
	if (a->npos)
		return smb_err_set(&c->err, SMB_EUSAGE, "assess --all takes no client ID (use --industry or --shard to narrow it)");
	if ((rc = cli_format(c, "text json jsonl", &fmt)))
		return rc;
	bo.cycle.period = cli_get(a, "period");
	if (!bo.cycle.period)
		return smb_err_set(&c->err, SMB_EUSAGE, "assess --all needs --period P (e.g. 2026-Q3)");
	if (smb_aggregate_parse(cli_get(a, "aggregate"), &bo.cycle.aggregate))
		return smb_err_set(&c->err, SMB_EUSAGE, "--aggregate must be arithmetic, geometric or weakest-link");
	if ((rc = cli_number(c, a, "coverage", &cov, &given)))
		return rc;
	if (given && !(cov > 0 && cov <= 1))
		return smb_err_set(&c->err, SMB_EUSAGE, "--coverage must be in (0, 1]");
	bo.cycle.coverage = cov;
	if ((rc = cli_number(c, a, "jobs", &jobs, &given)))
		return rc;
	if (!(jobs >= 1 && jobs <= 256 && jobs == (unsigned)jobs))
		return smb_err_set(&c->err, SMB_EUSAGE, "--jobs must be a whole number from 1 to 256");
	bo.jobs = (unsigned)jobs;
	if (shard) {
		unsigned k, n;
		char end;
		if (sscanf(shard, "%u/%u%c", &k, &n, &end) != 2 || n < 1 || k < 1 || k > n)
			return smb_err_set(&c->err, SMB_EUSAGE, "--shard '%s': use K/N with 1 <= K <= N (e.g. 2/8)", shard);
		bo.shard = k;
		bo.nshards = n;
	}
	bo.industry = cli_get(a, "industry");
	bo.redo = cli_get(a, "redo") != NULL;
	if ((rc = parse_settings(c, a, settings, names, &bo.cycle.nsettings)))
		return rc;
	bo.cycle.settings = settings;
	cli_load_opts(c, a, &lo);
	bo.load = &lo.o;
	bo.db = smb_store_default_path(c->db);
	if ((rc = cli_registry(c, a, &reg)))
		return rc;
	bo.reg = &reg;
	out.c = c;
	out.fmt = fmt;
	smb_buf_init(&out.json);
	out.progress = isatty(STDERR_FILENO);
	out.t0 = out.shown = now_s();
	bo.done = all_done;
	bo.ud = &out;
	rc = smb_batch_run(&bo, &sum, &c->err);
	if (rc == SMB_OK || rc == SMB_PARTIAL) {
		if (strcmp(fmt, "text") == 0) {
			smb_buf_printf(&c->out, "%s: %zu clients: %zu assessed, %zu partial, %zu skipped, %zu without data, "
			               "%zu failed\n", bo.cycle.period, sum.total, sum.assessed, sum.partial, sum.skipped,
			               sum.no_data, sum.failed);
		} else {
			smb_json j;
			smb_json_init(&j, &c->out, 0);
			smb_json_object_begin(&j);
			smb_json_key(&j, "schema_version");
			smb_json_integer(&j, 1);
			smb_json_key(&j, "period");
			smb_json_string(&j, bo.cycle.period);
			if (strcmp(fmt, "json") == 0) {
				smb_buf list;
				smb_buf_init(&list);
				smb_buf_printf(&list, "[%s]", smb_buf_str(&out.json));
				smb_json_key(&j, "clients");
				smb_json_raw(&j, smb_buf_str(&list));
				smb_buf_free(&list);
			}
			smb_json_key(&j, "summary");
			smb_json_object_begin(&j);
			smb_json_key(&j, "total");
			smb_json_integer(&j, (long long)sum.total);
			smb_json_key(&j, "assessed");
			smb_json_integer(&j, (long long)sum.assessed);
			smb_json_key(&j, "partial");
			smb_json_integer(&j, (long long)sum.partial);
			smb_json_key(&j, "skipped");
			smb_json_integer(&j, (long long)sum.skipped);
			smb_json_key(&j, "no_data");
			smb_json_integer(&j, (long long)sum.no_data);
			smb_json_key(&j, "failed");
			smb_json_integer(&j, (long long)sum.failed);
			smb_json_object_end(&j);
			smb_json_object_end(&j);
			smb_buf_puts(&c->out, "\n");
		}
		if (rc == SMB_PARTIAL) {
			char names_buf[8 * 100] = "";
			for (size_t i = 0; i < out.nfailed && i < 8; i++) {
				strcat(names_buf, i ? ", " : "");
				strcat(names_buf, out.failed[i]);
			}
			smb_err_set(&c->err, SMB_PARTIAL, "%zu client%s failed or partial: %s%s", out.nfailed,
			            out.nfailed == 1 ? "" : "s", names_buf, out.nfailed > 8 ? ", ..." : "");
		}
	}
	smb_buf_free(&out.json);
	smb_registry_free(&reg);
	return rc;
}
