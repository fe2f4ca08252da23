/* tests/test_playbook_budget.c — a playbook's time budget per assessment
 * through a real cycle: forty rules, each well within its own 5 s, that
 * together take far longer than the playbook's budget. The rule that
 * crosses it, and every later one, is an error naming the playbook; the
 * assessment is partial and still written; a second assessment opens a
 * new budget. (The sandbox side is in tests/test_sandbox.c.) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "client.h"
#include "cycle.h"
#include "playbook.h"
#include "registry.h"
#include "store.h"
#include "tap.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(void)
{
	char dir[] = "/tmp/smbopt-budget.XXXXXX", db[256], book[256];
	const char *books[1] = { book };
	smb_load_opts o;
	smb_registry reg;
	smb_store *s = NULL;
	smb_client cl = { "acme", "Acme", "retail", -1, "EUR", NULL };
	smb_cycle_opts co = { 0 };
	smb_assessment *a = NULL;
	smb_err e;
	FILE *f;
	double t0, dt, scale = getenv("SMB_TEST_TIME_SCALE") ? atof(getenv("SMB_TEST_TIME_SCALE")) : 1;
	size_t named = 0;
	int rc;

	if (scale <= 0)
		scale = 1;
	if (!mkdtemp(dir))
		return 1;
	snprintf(db, sizeof db, "%s/ws.db", dir);
	snprintf(book, sizeof book, "%s/slow.lua", dir);
	f = fopen(book, "w");
	/* The work of a rule grows with the budget: a sanitizer build scales
	 * the budget (SMB_TEST_TIME_SCALE) while the Lua library it calls is
	 * not slowed, so 40 rules must still outrun it. */
	fprintf(f, "playbook \"slow\" { version = \"1\" }\n"
	           "for i = 1, 40 do\n"
	           "  rule(\"SLOW-\" .. i) { area = \"finance\", kind = \"weakness\", severity = \"low\", title = \"slow\",\n"
	           "    when = function (m) local x = 0 for k = 1, %.0f do x = x + k end return false end }\n"
	           "end\n", 1500000 * scale);
	fclose(f);

	memset(&o, 0, sizeof o);
	o.playbooks = books;
	o.nplaybooks = 1;
	o.no_defaults = 1;
	o.seconds_total = 0.3 * scale;
	is_int(smb_registry_init(&reg, &e), SMB_OK, "registry");
	rc = smb_registry_load(&reg, &o, &e);
	if (!is_int(rc, SMB_OK, "the playbook loads"))
		printf("#   %s\n", e.msg);
	is_int(smb_store_open(db, SMB_OPEN_CREATE, &s, &e), SMB_OK, "a workspace");
	is_int(smb_client_add(s, &cl, &e), SMB_OK, "a client");
	/* one value in the period: a period with no data is not assessed */
	is_int(sqlite3_exec(s->db, "INSERT INTO import(client_id, kind, file, sha256, rows, created)"
	                           " VALUES ('acme', 'metrics', 'm.csv', 'x', 1, '2026-01-01');"
	                           "INSERT INTO observation(client_id, period, metric, value, source, import_id)"
	                           " VALUES ('acme', '2026-07', 'finance.x', 1, 'measured', 1)", NULL, NULL, NULL),
	       SQLITE_OK, "a value for the period");
	co.client = "acme";
	co.period = "2026-Q3";
	t0 = now();
	rc = smb_assess(s, &reg, &co, &a, &e);
	dt = now() - t0;
	is_int(rc, SMB_PARTIAL, "the assessment is partial");
	ok(a && a->nerrors > 0 && a->nerrors < 40, "some rules ran, the rest failed (%zu errors)", a ? a->nerrors : 0);
	for (size_t i = 0; a && i < a->nerrors; i++)
		named += strstr(a->errors[i].message, "playbook slow (") && strstr(a->errors[i].message, "slow.lua) spent its time budget of");
	ok(a && named == a->nerrors, "every error names the playbook and its budget (%zu of %zu)", named,
	   a ? a->nerrors : 0);
	if (a && a->nerrors)
		printf("#   %s: %s\n", a->errors[0].what, a->errors[0].message);
	ok(dt < 0.3 * scale + 1.5 * scale, "the cycle ends soon after the budget (%.2f s)", dt);
	smb_assessment_free(a);
	a = NULL;

	/* A second assessment in the same process (review re-scores this
	 * way): a new budget, but a tripped sandbox stays tripped. */
	rc = smb_assess(s, &reg, &co, &a, &e);
	is_int(rc, SMB_PARTIAL, "a later assessment with the tripped playbook is partial too");
	ok(a && a->nerrors == 40, "all its rules fail (%zu)", a ? a->nerrors : 0);
	smb_assessment_free(a);

	smb_store_close(s);
	smb_registry_free(&reg);
	unlink(db);
	{
		char p[300];
		snprintf(p, sizeof p, "%s-wal", db);
		unlink(p);
		snprintf(p, sizeof p, "%s-shm", db);
		unlink(p);
	}
	unlink(book);
	rmdir(dir);
	return done_testing();
}
