/* core/cli/cmd_demo.c — smbopt demo: a fresh workspace built from the bundled
 * example client, then what it holds. It writes only its own file. */
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "advice.h"
#include "cli.h"
#include "fmt.h"
#include "client.h"
#include "import.h"
#include "observation.h"
#include "cycle.h"
#include "paths.h"
#include "planning.h"
#include "render.h"
#include "history.h"
#include "review.h"

#define DEMO_DB "smbopt-demo.db"
#define DEMO_CLIENT "harbour-books"

/* A workspace demo may replace: one that holds the demo and nothing else
 * (no client but the demo's). Anything else may be real work. */
static int only_demo(cli_ctx *c, const char *path)
{
	smb_store *s;
	sqlite3_stmt *st;
	int rc, step;

	if ((rc = smb_store_open(path, SMB_OPEN_READ, &s, &c->err)))
		return smb_err_set(&c->err, SMB_EDATA,
		                   "%s exists and is not a demo workspace (%s); demo does not replace it: "
		                   "remove it or name a new file with --db", path, c->err.msg);
	if ((rc = smb_store_prepare(s, "SELECT id FROM client WHERE id <> ?1 ORDER BY id LIMIT 1", &st, &c->err)) ==
	    SMB_OK) {
		smb_bind_text(st, 1, DEMO_CLIENT);
		step = sqlite3_step(st);
		if (step == SQLITE_ROW)
			rc = smb_err_set(&c->err, SMB_EDATA,
			                 "%s holds more than the demo (client '%s'); demo never replaces a workspace with "
			                 "real clients: name a new file with --db",
			                 path, sqlite3_column_text(st, 0));
		else if (step != SQLITE_DONE)
			rc = smb_store_error(s, "reading the clients", &c->err);
		sqlite3_finalize(st);
	}
	smb_store_close(s);
	return rc;
}

/* path: --db (named: never replaced), else $SMBOPT_DB, else ./smbopt-demo.db
 * (replaced only while it holds the demo alone). */
static int fresh_workspace(cli_ctx *c, const char *path, int named, smb_store **s)
{
	struct stat sb;
	char side[PATH_MAX + 8];
	int rc;

	if (lstat(path, &sb) == 0) {
		/* Never overwrite a workspace the user named: it may be real. */
		if (named)
			return smb_err_set(&c->err, SMB_EUSAGE, "%s exists; demo writes a new workspace, name another file", path);
		if ((rc = only_demo(c, path)))
			return rc;
		if (unlink(path) != 0)
			return smb_err_set(&c->err, SMB_ECANTCREAT, "%s: %s", path, strerror(errno));
	}
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	return smb_store_open(path, SMB_OPEN_CREATE, s, &c->err);
}

static int summarise(cli_ctx *c, smb_store *s)
{
	smb_observation *v;
	size_t n, metrics = 0;
	int rc;

	if ((rc = smb_observations_list(s, DEMO_CLIENT, NULL, &v, &n, &c->err)))
		return rc;
	for (size_t i = 0; i < n; i++)
		if (i == 0 || strcmp(v[i].metric, v[i - 1].metric) != 0)
			metrics++;
	smb_buf_printf(&c->out, "%zu observations of %zu metrics, %s to %s\n\n", n, metrics,
	               n ? v[0].period : "-", n ? v[n - 1].period : "-");
	smb_observations_free(v, n);
	return SMB_OK;
}

/* The demo client's files, in the order they import; a missing optional
 * file is skipped so the demo works while examples grow. */
static const struct { const char *file; int required; } demo_files[] = {
	{ "metrics.csv", 1 }, { "inventory.csv", 0 }, { "channels.csv", 0 }, { "transactions.csv", 0 },
	{ "answers.csv", 0 },
};

#define DEMO_PERIOD "2026-Q3"

/* The plan a consultant would show next: a budget of 3,000 and 80 staff
 * hours for the initiatives the last assessment recommends. */
static int demo_plan(cli_ctx *c, smb_store *s, smb_registry *reg)
{
	smb_assessment **v;
	smb_assessment *as = NULL;
	smb_planning p;
	size_t n;
	char why[512];
	int rc;

	if ((rc = smb_assessment_list(s, DEMO_CLIENT, &v, &n, &c->err)))
		return rc;
	rc = n ? smb_assessment_load(s, v[n - 1]->id, &as, &c->err) : SMB_ESOFTWARE;
	smb_assessment_list_free(v, n);
	if (rc)
		return rc;
	if ((rc = smb_planning_from_assessment(&p, as, reg, &c->err)) == SMB_OK &&
	    (rc = smb_planning_capacity(&p, "cost", 3000, &c->err)) == SMB_OK &&
	    (rc = smb_planning_capacity(&p, "hours", 80, &c->err)) == SMB_OK) {
		if (smb_plan_run(&p.in, NULL, NULL, &p.out, why, sizeof why))
			rc = smb_err_set(&c->err, SMB_EDATA, "%s", why);
		else if ((rc = smb_planning_rescore(&p, s, reg, as, &c->err)) == SMB_OK) {
			smb_buf_puts(&c->out, "\n== plan: budget 3000, 80 staff hours ==\n\n");
			smb_planning_render(&p, "text", &c->out);
		}
	}
	smb_planning_free(&p);
	smb_assessment_free(as);
	return rc;
}

/* Four quarterly cycles: assess, set goals after the first, adopt and
 * finish an initiative, assess again; then print the last assessment, the
 * history and the review of the last two cycles. */
static int cycles(cli_ctx *c, smb_store *s, smb_registry *reg)
{
	static const char *const quarters[] = { "2025-Q4", "2026-Q1", "2026-Q2", DEMO_PERIOD };
	smb_assessment *as = NULL;
	smb_review rv;
	int rc = SMB_OK;

	for (size_t q = 0; q < 4; q++) {
		smb_cycle_opts co = { 0 };
		smb_advice adv;
		co.client = DEMO_CLIENT;
		co.period = quarters[q];
		smb_assessment_free(as);
		as = NULL;
		if ((rc = smb_advice_load(s, DEMO_CLIENT, &adv, &c->err)))
			return rc;
		smb_advice_apply(&adv, &co);
		rc = smb_assess(s, reg, &co, &as, &c->err);
		smb_advice_free(&adv);
		if (rc && rc != SMB_PARTIAL)
			return rc;
		smb_buf_printf(&c->out, "assessed %s: overall %.1f (%s)%s\n", quarters[q], as->overall,
		               as->level ? as->level : "no level", as->partial ? ", partial" : "");
		if (q == 0) {
			/* Goals a consultant would set after the first cycle. */
			static const struct { const char *metric; double target; const char *by; const char *owner; } goals[] = {
				{ "finance.net_margin_pct", 2, "2026-Q4", "Owner" },
				{ "operations.dead_stock_pct", 10, "2026-Q3", "Shop manager" },
				{ "customer.nps", 40, "2026-Q3", "Café lead" },
			};
			for (size_t g = 0; g < sizeof goals / sizeof goals[0]; g++) {
				smb_goal goal = { 0 };
				const char *warning;
				goal.client_id = DEMO_CLIENT;
				goal.metric = (char *)goals[g].metric;
				goal.target = goals[g].target;
				goal.deadline = (char *)goals[g].by;
				goal.owner = (char *)goals[g].owner;
				if (smb_goal_add(s, reg, &goal, &warning, &c->err) == SMB_OK) {
					const smb_metric *m = smb_registry_metric(reg, goal.metric);
					char from[SMB_FMT_VALUE], to[SMB_FMT_VALUE];
					smb_fmt_value(from, goal.baseline, m ? m->unit : "");
					smb_fmt_value(to, goal.target, m ? m->unit : "");
					smb_buf_printf(&c->out, "  goal #%lld: %s from %s to %s by %s\n", goal.id, goal.metric, from, to,
					               goal.deadline);
				}
				free(goal.baseline_period);
			}
			if (smb_adoption_add(s, reg, DEMO_CLIENT, "OPS-clearance-sale", "2026-Q1", "Shop manager", 2, &c->err) ==
			        SMB_OK &&
			    smb_adoption_set(s, DEMO_CLIENT, "OPS-clearance-sale", "done", "2026-02", 900, 30, &c->err) == SMB_OK)
				smb_buf_puts(&c->out, "  adopted OPS-clearance-sale (done in 2026-02)\n");
		}
	}
	rc = SMB_OK;
	smb_buf_printf(&c->out, "\n== assessment of %s for %s ==\n\n", DEMO_CLIENT, DEMO_PERIOD);
	smb_render_assessment(as, "text", &c->out);
	smb_assessment_free(as);
	smb_buf_puts(&c->out, "\n== history ==\n\n");
	if ((rc = smb_history_render(s, DEMO_CLIENT, "text", &c->out, &c->err)))
		return rc;
	smb_buf_puts(&c->out, "\n== review of the last two cycles ==\n\n");
	if ((rc = smb_review_run(s, reg, DEMO_CLIENT, NULL, &rv, &c->err)))
		return rc;
	smb_review_render(&rv, "text", &c->out);
	smb_review_free(&rv);
	return demo_plan(c, s, reg);
}

int cmd_demo(cli_ctx *c, const cli_args *a)
{
	smb_client cl = { .id = DEMO_CLIENT, .name = "Harbour Books & Coffee", .industry = "retail",
	                  .employees = 13, .currency = "EUR" };
	smb_registry reg;
	smb_paths paths;
	smb_store *s;
	const char *env = getenv("SMBOPT_DB");
	const char *path = c->db ? c->db : env && *env ? env : DEMO_DB;
	int rc;

	smb_paths_get(&paths);
	if ((rc = cli_registry(c, a, &reg)))
		return rc;
	if ((rc = fresh_workspace(c, path, c->db != NULL, &s)))
		goto out_reg;
	if ((rc = smb_client_add(s, &cl, &c->err)))
		goto out;
	smb_buf_printf(&c->out, "demo workspace %s\nclient %s: %s (%s, %lld employees, %s)\n", path, cl.id, cl.name,
	               cl.industry, cl.employees, cl.currency);
	for (size_t i = 0; i < sizeof demo_files / sizeof demo_files[0]; i++) {
		smb_import_opts o = { 0 };
		smb_import_report r;
		char file[PATH_MAX + 32];
		struct stat sb;
		snprintf(file, sizeof file, "%s/demo/%s", paths.examples, demo_files[i].file);
		if (!demo_files[i].required && stat(file, &sb) != 0)
			continue;
		o.client_id = DEMO_CLIENT;
		o.path = file;
		o.kinds = &reg.kinds;
		o.answer = cli_answer;
		o.answer_ud = &reg;
		o.period = strcmp(demo_files[i].file, "answers.csv") == 0 ? DEMO_PERIOD : NULL;
		rc = smb_import(s, &o, &r, &c->err);
		if (rc == SMB_OK)
			smb_buf_printf(&c->out, "imported %s: kind %s, %lld rows\n", demo_files[i].file, r.kind, r.accepted);
		else if (r.errors.len)
			fputs(smb_buf_str(&r.errors), stderr);
		smb_import_report_free(&r);
		if (rc)
			goto out;
	}
	smb_buf_putc(&c->out, '\n');
	if ((rc = summarise(c, s)) || (rc = cycles(c, s, &reg)))
		goto out;
out:
	smb_store_close(s);
out_reg:
	smb_registry_free(&reg);
	return rc;
}
