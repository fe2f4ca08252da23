/* core/cli/main.c — smbopt's entry point: finds the command in the table,
 * parses its options, runs it, prints its output or its error, and turns
 * the result code into the exit code. Nothing below this file exits. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(HAVE_MALLOC_H) && defined(HAVE_MALLOPT) && defined(HAVE_MALLINFO2) && defined(HAVE_MADVISE) && defined(HAVE_SBRK)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#define SMB_HUGE_HEAP 1
#endif

#include "cli.h"

static const cli_opt no_opts[] = { { NULL, 0 } };
static const cli_opt client_add_opts[] = {
	{ "name", 1 }, { "industry", 1 }, { "employees", 1 }, { "currency", 1 }, { NULL, 0 } };
static const cli_opt import_opts[] = {
	{ "kind", 1 }, { "dry-run", 0 }, { "skip-bad", 0 }, { "replace", 0 }, { "delimiter", 1 },
	{ "period", 1 }, { NULL, 0 } };
static const cli_opt period_opts[] = { { "period", 1 }, { NULL, 0 } };
static const cli_opt goal_opts[] = {
	{ "metric", 1 }, { "target", 1 }, { "by", 1 }, { "owner", 1 }, { "baseline-period", 1 }, { NULL, 0 } };
static const cli_opt adopt_opts[] = { { "start", 1 }, { "owner", 1 }, { "goal", 1 }, { NULL, 0 } };
static const cli_opt set_opts[] = {
	{ "status", 1 }, { "actual-cost", 1 }, { "actual-hours", 1 }, { "end", 1 }, { NULL, 0 } };
static const cli_opt review_opts[] = { { "from", 1 }, { "to", 1 }, { NULL, 0 } };
static const cli_opt forecast_opts[] = {
	{ "metric", 1 }, { "horizon", 1 }, { "method", 1 }, { "alpha", 1 }, { "beta", 1 }, { "phi", 1 }, { "gamma", 1 },
	{ "level0", 1 }, { "trend0", 1 }, { NULL, 0 } };
static const cli_opt customers_opts[] = { { "period", 1 }, { "discount", 1 }, { "months", 1 }, { NULL, 0 } };
static const cli_opt questionnaire_opts[] = { { "area", 1 }, { NULL, 0 } };
static const cli_opt plan_opts[] = {
	{ "assessment", 1 }, { "budget", 1 }, { "hours", 1 }, { "resource", 1 }, { "force", 1 }, { "exclude", 1 },
	{ "candidates", 1 }, { "solver", 1 }, { "time-limit", 1 }, { "group", 1 }, { NULL, 0 } };
static const cli_opt report_opts[] = {
	{ "assessment", 1 }, { "period", 1 }, { "review", 0 }, { "o", 1 }, { "output", 1 }, { "budget", 1 }, { "hours", 1 },
	{ NULL, 0 } };
static const cli_opt note_opts[] = { { "finding", 1 }, { "initiative", 1 }, { "text", 1 }, { "hide", 0 }, { NULL, 0 } };
static const cli_opt assess_opts[] = {
	{ "period", 1 }, { "aggregate", 1 }, { "coverage", 1 }, { "set", 1 }, { "industry", 1 }, { NULL, 0 } };

/* Options every command takes. */
static const cli_opt global_opts[] = {
	{ "db", 1 }, { "format", 1 }, { "plugins", 1 }, { "playbook", 1 }, { "no-defaults", 0 }, { "help", 0 },
	{ NULL, 0 } };

const cli_entry cli_commands[] = {
	{ "init", NULL, "", "create the workspace (or migrate an older one)", no_opts, 0, 0, cmd_init },
	{ "client", "add", "ID --name NAME --industry INDUSTRY [--employees N] [--currency CUR]",
	  "add a client", client_add_opts, 1, 1, cmd_client_add },
	{ "client", "list", "[--format text|json]", "list clients", no_opts, 0, 0, cmd_client_list },
	{ "client", "show", "ID [--format text|json]", "show one client", no_opts, 1, 1, cmd_client_show },
	{ "import", NULL, "ID FILE [--kind KIND] [--dry-run] [--skip-bad] [--replace] [--delimiter C] [--period P]",
	  "import a CSV file for a client", import_opts, 2, 2, cmd_import },
	{ "imports", NULL, "ID [--format text|json]", "list a client's imports", no_opts, 1, 1, cmd_imports },
	{ "observations", NULL, "ID [--period P] [--format text|json|csv]", "list a client's metric values",
	  period_opts, 1, 1, cmd_observations },
	{ "kinds", NULL, "[--format text|json]", "list the dataset kinds import accepts", no_opts, 0, 0, cmd_kinds },
	{ "assess", NULL, "ID --period P [--format text|json|md] [--aggregate arithmetic|geometric|weakest-link]"
	  " [--coverage C] [--set NAME=VALUE]... [--industry I]",
	  "run an assessment cycle and store it", assess_opts, 1, 1, cmd_assess },
	{ "assessments", NULL, "ID [--format text|json]", "list a client's assessments", no_opts, 1, 1, cmd_assessments },
	{ "show", NULL, "ASSESSMENT [--format text|json|md]", "print a stored assessment", no_opts, 1, 1, cmd_show },
	{ "plugins", NULL, "[--format text|json]", "list loaded plugins, their metrics and dataset kinds", no_opts, 0, 0,
	  cmd_plugins },
	{ "playbook", "check", "FILE", "validate a playbook's declarations", no_opts, 1, 1, cmd_playbook_check },
	{ "playbook", "test", "FILE", "run a playbook's test_* functions (TAP)", no_opts, 1, 1, cmd_playbook_test },
	{ "goal", "add", "ID --metric M --target V --by PERIOD [--owner NAME] [--baseline-period P]",
	  "set a SMART goal", goal_opts, 1, 1, cmd_goal_add },
	{ "goal", "list", "ID [--format text|json]", "list a client's goals", no_opts, 1, 1, cmd_goal_list },
	{ "goal", "rm", "ID GOAL", "remove a goal", no_opts, 2, 2, cmd_goal_rm },
	{ "initiative", "adopt", "ID INITIATIVE [--start PERIOD] [--owner NAME] [--goal GOAL]",
	  "record that a client takes on an initiative", adopt_opts, 2, 2, cmd_initiative_adopt },
	{ "initiative", "set", "ID INITIATIVE --status planned|in-progress|done|dropped [--end PERIOD] [--actual-cost X]"
	  " [--actual-hours H]", "update an adopted initiative", set_opts, 2, 2, cmd_initiative_set },
	{ "initiative", "list", "ID [--format text|json]", "list a client's initiatives", no_opts, 1, 1,
	  cmd_initiative_list },
	{ "initiative", "calibration", "[--format text|json]", "realised vs expected effects across all clients", no_opts,
	  0, 0, cmd_initiative_calibration },
	{ "review", NULL, "ID [--from PERIOD|ASSESSMENT] [--to PERIOD|ASSESSMENT] [--format text|json|md]",
	  "compare two assessments: what moved and why", review_opts, 1, 1, cmd_review },
	{ "history", NULL, "ID [--format text|json]", "scores of every assessment of a client", no_opts, 1, 1, cmd_history },
	{ "forecast", NULL, "ID --metric M [--horizon H] [--method ses|holt|damped|hw-add|hw-mul|auto] [--alpha A]"
	  " [--beta B] [--phi P] [--gamma G] [--level0 L] [--trend0 T] [--format text|json]",
	  "forecast a metric by exponential smoothing", forecast_opts, 1, 1, cmd_forecast },
	{ "customers", NULL, "ID --period P [--discount D] [--months M] [--format csv|json]",
	  "one row per customer: purchases, P(alive), expected purchases and spend, CLV, RFM segment", customers_opts, 1, 1,
	  cmd_customers },
	{ "questionnaire", NULL, "ID [--area A] [--format csv|md]",
	  "the questions the playbooks ask this client, to send and import back as answers", questionnaire_opts, 1, 1,
	  cmd_questionnaire },
	{ "plan", NULL, "ID [--assessment A] [--budget X] [--hours H] [--resource NAME=CAP]... [--force INIT]..."
	  " [--exclude INIT]... [--group A;B;C]... [--solver builtin|glpk] [--time-limit S] [--format text|json]"
	  " | plan --candidates FILE.csv --resource NAME=CAP...",
	  "choose the initiatives to fund under budget, hours and other limits", plan_opts, 0, 1, cmd_plan },
	{ "report", NULL, "ID [--assessment A | --period P] [--review] [--format html|pdf|xlsx|md] [-o FILE]"
	  " [--budget X] [--hours H]",
	  "the report for the client: charts, findings, plan, forecasts (pdf and xlsx need -o)", report_opts, 1, 1,
	  cmd_report },
	{ "note", "add", "ASSESSMENT (--finding RULE | --initiative ID) --text TEXT [--hide]",
	  "a consultant's note beside a finding or initiative; --hide keeps a finding from the client", note_opts, 1, 1,
	  cmd_note_add },
	{ "note", "list", "ASSESSMENT [--format text|json]", "an assessment's notes", no_opts, 1, 1, cmd_note_list },
	{ "note", "rm", "NOTE", "remove a note", no_opts, 1, 1, cmd_note_rm },
	{ "demo", NULL, "[--db FILE]", "build a workspace from the bundled example and show it", no_opts, 0, 0, cmd_demo },
	{ NULL, NULL, NULL, NULL, NULL, 0, 0, NULL }
};

static void usage(FILE *f)
{
	fprintf(f, "usage: smbopt [--db FILE] COMMAND [ARGS]\n\ncommands:\n");
	for (const cli_entry *e = cli_commands; e->name; e++) {
		char name[64];
		snprintf(name, sizeof name, "%s%s%s", e->name, e->sub ? " " : "", e->sub ? e->sub : "");
		fprintf(f, "  %-20s %s\n", name, e->summary);
	}
	fprintf(f, "\nglobal options: --db FILE (default $SMBOPT_DB or ./smbopt.db), --format FORMAT,\n"
	           "  --plugins DIR, --playbook PATH, --no-defaults\n"
	           "'smbopt COMMAND --help' shows a command's arguments.\n");
}

static const cli_opt *find_opt(const cli_opt *opts, const char *name)
{
	for (const cli_opt *o = opts; o && o->name; o++)
		if (strcmp(o->name, name) == 0)
			return o;
	for (const cli_opt *o = global_opts; o->name; o++)
		if (strcmp(o->name, name) == 0)
			return o;
	return NULL;
}

/* Options may come before or after the command words and positionals;
 * "--" ends options. "--name=value" and "--name value" both work. */
static int parse(const cli_entry *e, int argc, char **argv, cli_args *a, smb_err *err)
{
	int only_pos = 0;

	for (int i = 0; i < argc; i++) {
		char *arg = argv[i];
		if (!only_pos && strcmp(arg, "--") == 0) {
			only_pos = 1;
		} else if (!only_pos && arg[0] == '-' && arg[1] && arg[1] != '-' && !arg[2] && e && find_opt(e->opts, arg + 1)) {
			/* a one-letter option a command declares (report's -o FILE) */
			const cli_opt *o = find_opt(e->opts, arg + 1);
			if (a->nopt == CLI_MAX_OPTS)
				return smb_err_set(err, SMB_EUSAGE, "too many options");
			if (o->has_arg && i + 1 >= argc)
				return smb_err_set(err, SMB_EUSAGE, "%s needs a value", arg);
			a->opt[a->nopt].name = o->name;
			a->opt[a->nopt++].value = o->has_arg ? argv[++i] : "1";
		} else if (!only_pos && arg[0] == '-' && arg[1] == '-' && arg[2]) {
			char name[64];
			const char *eq = strchr(arg + 2, '=');
			size_t len = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
			const cli_opt *o;
			if (len >= sizeof name)
				return smb_err_set(err, SMB_EUSAGE, "unknown option %s", arg);
			memcpy(name, arg + 2, len);
			name[len] = '\0';
			if (!(o = find_opt(e ? e->opts : NULL, name)))
				return smb_err_set(err, SMB_EUSAGE, "unknown option --%s%s%s", name,
				                   e ? " for " : "", e ? e->name : "");
			if (a->nopt == CLI_MAX_OPTS)
				return smb_err_set(err, SMB_EUSAGE, "too many options");
			a->opt[a->nopt].name = o->name;
			if (o->has_arg) {
				if (eq)
					a->opt[a->nopt].value = eq + 1;
				else if (i + 1 < argc)
					a->opt[a->nopt].value = argv[++i];
				else
					return smb_err_set(err, SMB_EUSAGE, "--%s needs a value", name);
			} else {
				if (eq)
					return smb_err_set(err, SMB_EUSAGE, "--%s takes no value", name);
				a->opt[a->nopt].value = "1";
			}
			a->nopt++;
		} else {
			if (a->npos == CLI_MAX_POS)
				return smb_err_set(err, SMB_EUSAGE, "too many arguments");
			a->pos[a->npos++] = arg;
		}
	}
	return SMB_OK;
}

static const cli_entry *lookup(const cli_args *a, size_t *words)
{
	for (const cli_entry *e = cli_commands; e->name; e++)
		if (a->npos >= 2 && e->sub && strcmp(e->name, a->pos[0]) == 0 && strcmp(e->sub, a->pos[1]) == 0) {
			*words = 2;
			return e;
		}
	for (const cli_entry *e = cli_commands; e->name; e++)
		if (a->npos >= 1 && !e->sub && strcmp(e->name, a->pos[0]) == 0) {
			*words = 1;
			return e;
		}
	return NULL;
}

/* A command lives for tens of milliseconds and touches a few MiB of heap;
 * on the virtual machines it runs on (CI's, a laptop's VM) each first touch
 * of a 4 KiB page is a fault costing ~10 us, 450 of them in an assessment.
 * So the heap grows 16 MiB at a time, its 2 MiB-aligned part is offered to
 * the kernel for transparent huge pages (one fault per 2 MiB), and a spacer
 * that is never touched fills the unaligned start so that allocations begin
 * on the aligned part. Where THP is off, or malloc is not glibc's (ASan,
 * valgrind), the brk does not move or madvise fails and nothing changes.
 * Costs ~2 MiB of peak RSS. */
static void *volatile heap_spacer;   /* volatile: never read, and must stay */

static void heap_in_huge_pages(void)
{
#ifdef SMB_HUGE_HEAP
	const uintptr_t huge = (uintptr_t)2 << 20;
	const size_t probe = 64 << 10;
	struct mallinfo2 mi;
	uintptr_t lo, hi, top, touched;
	char *before, *after;
	void *volatile p;   /* volatile: the compiler may not drop the pair */

	/* Requests up to 4 MiB come from the heap, not from mmap, so that
	 * they too land on huge pages. */
	if (!mallopt(M_TOP_PAD, 16 << 20) || !mallopt(M_TRIM_THRESHOLD, 64 << 20) ||
	    !mallopt(M_MMAP_THRESHOLD, 4 << 20))
		return;
	before = sbrk(0);
	p = malloc(probe);   /* the first allocation: creates the heap, padded */
	after = sbrk(0);
	/* malloc wrote the header of the free space after p: that page is
	 * mapped now, in small pages, and a 2 MiB range holding it can no
	 * longer fault in as one page, so the huge range starts past it. */
	touched = (uintptr_t)p + probe + 64;
	free(p);
	if (before == (char *)-1 || after == (char *)-1 || after <= before)
		return;
	lo = (touched + huge - 1) & ~(huge - 1);
	hi = (uintptr_t)after & ~(huge - 1);
	if (hi <= lo || madvise((void *)lo, hi - lo, MADV_HUGEPAGE) != 0)
		return;
	/* keepcost is the free top of the heap: new chunks are cut from it. */
	mi = mallinfo2();
	top = (uintptr_t)after - mi.keepcost;
	if (mi.keepcost && top < lo && lo - top > 64)
		heap_spacer = malloc(lo - top - 32);
#endif
}

int main(int argc, char **argv)
{
	cli_ctx c;
	cli_args all, a;
	const cli_entry *e;
	size_t words = 0;
	int rc;

	heap_in_huge_pages();
	memset(&c, 0, sizeof c);
	memset(&all, 0, sizeof all);
	memset(&a, 0, sizeof a);
	smb_buf_init(&c.out);
	c.argv0 = argv[0];
	/* First pass with every option known, only to find the command words. */
	if (argc < 2 || strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? SMB_EUSAGE : SMB_OK;
	}
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1] == '-') {
			const cli_opt *o = find_opt(NULL, argv[i] + 2);
			if (o && o->has_arg && !strchr(argv[i], '='))
				i++;
			continue;
		}
		if (all.npos < CLI_MAX_POS)
			all.pos[all.npos++] = argv[i];
	}
	if (!(e = lookup(&all, &words))) {
		fprintf(stderr, "smbopt: unknown command '%s%s%s'\n", all.npos ? all.pos[0] : "",
		        all.npos > 1 ? " " : "", all.npos > 1 ? all.pos[1] : "");
		usage(stderr);
		return SMB_EUSAGE;
	}
	if ((rc = parse(e, argc - 1, argv + 1, &a, &c.err)))
		goto done;
	if (cli_get(&a, "help")) {
		printf("usage: smbopt %s%s%s %s\n%s\n", e->name, e->sub ? " " : "", e->sub ? e->sub : "", e->usage, e->summary);
		return SMB_OK;
	}
	/* Drop the command words; what remains are the command's positionals. */
	memmove(a.pos, a.pos + words, (a.npos - words) * sizeof a.pos[0]);
	a.npos -= words;
	if (a.npos < e->minpos || a.npos > e->maxpos) {
		rc = smb_err_set(&c.err, SMB_EUSAGE, "usage: smbopt %s%s%s %s", e->name, e->sub ? " " : "",
		                 e->sub ? e->sub : "", e->usage);
		goto done;
	}
	c.db = cli_get(&a, "db");
	c.format = cli_get(&a, "format");
	rc = e->fn(&c, &a);
done:
	cli_flush(&c);
	if (rc && rc != SMB_PARTIAL && c.err.msg[0])
		fprintf(stderr, "smbopt: %s\n", c.err.msg);
	else if (rc == SMB_PARTIAL && c.err.msg[0])
		fprintf(stderr, "smbopt: warning: %s\n", c.err.msg);
	smb_buf_free(&c.out);
	return rc;
}
