/* core/cli/main.c — smbopt's entry point: finds the command in the table,
 * parses its options, runs it, prints its output or its error, and turns
 * the result code into the exit code. Nothing below this file exits. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "escape.h"

/* Options: named fields, so that an entry written { "name", 1 } still
 * compiles; tests/cli_help.sh fails for any option without .help. */
static const cli_opt no_opts[] = { { .name = NULL } };
static const cli_opt client_add_opts[] = {
	{ .name = "name", .has_arg = 1, .arg = "NAME", .help = "the client's name, as reports print it (required)" },
	{ .name = "industry", .has_arg = 1, .arg = "INDUSTRY", .help = "its industry: chooses goalposts and plugins (required)" },
	{ .name = "employees", .has_arg = 1, .arg = "N", .help = "the number of employees" },
	{ .name = "currency", .has_arg = 1, .arg = "CUR", .help = "the ISO 4217 currency of its figures" },
	{ .name = NULL } };
static const cli_opt import_opts[] = {
	{ .name = "kind", .has_arg = 1, .arg = "KIND", .help = "the dataset kind (default: detected from the header)" },
	{ .name = "dry-run", .has_arg = 0, .help = "validate the file and write nothing" },
	{ .name = "skip-bad", .has_arg = 0, .help = "import the good rows, write the bad ones to FILE.rejects.csv" },
	{ .name = "replace", .has_arg = 0, .help = "replace an earlier import of the same file" },
	{ .name = "delimiter", .has_arg = 1, .arg = "C", .help = "the field delimiter: , ; or tab (default: detected)" },
	{ .name = "period", .has_arg = 1, .arg = "P", .help = "the period of an answers file" },
	{ .name = "name", .has_arg = 1, .arg = "NAME", .help = "the file name to record and report (for - , standard input: default stdin)" },
	{ .name = "allow-unknown", .has_arg = 0, .help = "keep values of metric keys nothing declares, with a warning" },
	{ .name = "allow-implausible", .has_arg = 0, .help = "keep values outside a metric's plausible range, flagged" },
	{ .name = NULL } };
static const cli_opt metrics_opts[] = {
	{ .name = "area", .has_arg = 1, .arg = "A", .help = "only this area's metrics" },
	{ .name = "industry", .has_arg = 1, .arg = "I", .help = "the goalposts and metrics of this industry" },
	{ .name = NULL } };
static const cli_opt period_opts[] = {
	{ .name = "period", .has_arg = 1, .arg = "P", .help = "only this period and the periods inside it" }, { .name = NULL } };
static const cli_opt goal_opts[] = {
	{ .name = "metric", .has_arg = 1, .arg = "M", .help = "the metric key, area.name (required)" },
	{ .name = "target", .has_arg = 1, .arg = "V", .help = "the value to reach (required)" },
	{ .name = "by", .has_arg = 1, .arg = "PERIOD", .help = "the period by which to reach it (required)" },
	{ .name = "owner", .has_arg = 1, .arg = "NAME", .help = "who is responsible" },
	{ .name = "baseline-period", .has_arg = 1, .arg = "P", .help = "the period whose value is the baseline (default: the latest)" },
	{ .name = NULL } };
static const cli_opt adopt_opts[] = {
	{ .name = "start", .has_arg = 1, .arg = "PERIOD", .help = "when the work starts" },
	{ .name = "owner", .has_arg = 1, .arg = "NAME", .help = "who carries it out" },
	{ .name = "goal", .has_arg = 1, .arg = "GOAL", .help = "the goal it serves" },
	{ .name = NULL } };
static const cli_opt set_opts[] = {
	{ .name = "status", .has_arg = 1, .arg = "STATUS", .help = "planned, in-progress, done or dropped" },
	{ .name = "actual-cost", .has_arg = 1, .arg = "X", .help = "what it cost, in the client's currency" },
	{ .name = "actual-hours", .has_arg = 1, .arg = "H", .help = "the hours it took" },
	{ .name = "end", .has_arg = 1, .arg = "PERIOD", .help = "when it ended" },
	{ .name = NULL } };
static const cli_opt review_opts[] = {
	{ .name = "from", .has_arg = 1, .arg = "PERIOD|ASSESSMENT", .help = "the earlier assessment (default: the one before the last)" },
	{ .name = "to", .has_arg = 1, .arg = "PERIOD|ASSESSMENT", .help = "the later assessment (default: the last)" },
	{ .name = "seasonal", .has_arg = 1, .arg = "yes|no", .help = "treat the client as seasonal or not (default: detected from 24 months)" },
	{ .name = NULL } };
static const cli_opt forecast_opts[] = {
	{ .name = "metric", .has_arg = 1, .arg = "M", .help = "the metric to forecast (required)" },
	{ .name = "horizon", .has_arg = 1, .arg = "H", .help = "how many periods ahead" },
	{ .name = "method", .has_arg = 1, .arg = "METHOD", .help = "ses, holt, damped, hw-add, hw-mul or auto (by AICc)" },
	{ .name = "alpha", .has_arg = 1, .arg = "A", .help = "the level smoothing parameter (default: fitted)" },
	{ .name = "beta", .has_arg = 1, .arg = "B", .help = "the trend smoothing parameter (default: fitted)" },
	{ .name = "phi", .has_arg = 1, .arg = "P", .help = "the damping parameter (default: fitted)" },
	{ .name = "gamma", .has_arg = 1, .arg = "G", .help = "the seasonal smoothing parameter (default: fitted)" },
	{ .name = "level0", .has_arg = 1, .arg = "L", .help = "the initial level (default: fitted)" },
	{ .name = "trend0", .has_arg = 1, .arg = "T", .help = "the initial trend (default: fitted)" },
	{ .name = "model", .has_arg = 1, .arg = "ETS", .help = "an ETS model in R's notation: ANN, AAdN, MAM, ..., or ZZZ to select by AICc" },
	{ .name = NULL } };
static const cli_opt customers_opts[] = {
	{ .name = "period", .has_arg = 1, .arg = "P", .help = "the calibration period: transactions up to its end (required)" },
	{ .name = "discount", .has_arg = 1, .arg = "D", .help = "the monthly discount rate of CLV" },
	{ .name = "months", .has_arg = 1, .arg = "M", .help = "the CLV horizon in months" },
	{ .name = NULL } };
static const cli_opt questionnaire_opts[] = {
	{ .name = "area", .has_arg = 1, .arg = "A", .help = "only this area's questions" }, { .name = NULL } };
static const cli_opt plan_opts[] = {
	{ .name = "assessment", .has_arg = 1, .arg = "A", .help = "plan from this assessment (default: the client's last)" },
	{ .name = "budget", .has_arg = 1, .arg = "X", .help = "the money available, in the client's currency" },
	{ .name = "hours", .has_arg = 1, .arg = "H", .help = "the staff hours available" },
	{ .name = "resource", .has_arg = 1, .arg = "NAME=CAP", .help = "another limited resource (repeatable)" },
	{ .name = "force", .has_arg = 1, .arg = "INIT", .help = "fund this initiative whatever it costs (repeatable)" },
	{ .name = "exclude", .has_arg = 1, .arg = "INIT", .help = "never fund this initiative (repeatable)" },
	{ .name = "candidates", .has_arg = 1, .arg = "FILE.csv", .help = "plan these candidates instead of an assessment's" },
	{ .name = "solver", .has_arg = 1, .arg = "SOLVER", .help = "builtin or glpk" },
	{ .name = "time-limit", .has_arg = 1, .arg = "S", .help = "stop the solver after S seconds" },
	{ .name = "group", .has_arg = 1, .arg = "A;B;C", .help = "fund at most one of these initiatives (repeatable)" },
	{ .name = "include-adopted", .has_arg = 0, .help = "what-if: offer initiatives already planned, under way or done too" },
	{ .name = NULL } };
static const cli_opt report_opts[] = {
	{ .name = "assessment", .has_arg = 1, .arg = "A", .help = "report this assessment (default: the client's latest)" },
	{ .name = "period", .has_arg = 1, .arg = "P", .help = "report the client's latest assessment of this period" },
	{ .name = "review", .has_arg = 0, .help = "include the review against the assessment before" },
	{ .name = "o", .has_arg = 1, .arg = "FILE", .help = "write to FILE (needed for pdf and xlsx)" },
	{ .name = "output", .has_arg = 1, .arg = "FILE", .help = "the same as -o" },
	{ .name = "budget", .has_arg = 1, .arg = "X", .help = "the plan's budget, in the client's currency" },
	{ .name = "hours", .has_arg = 1, .arg = "H", .help = "the plan's staff hours" },
	{ .name = NULL } };
static const cli_opt note_opts[] = {
	{ .name = "finding", .has_arg = 1, .arg = "RULE", .help = "the finding the note is about" },
	{ .name = "initiative", .has_arg = 1, .arg = "ID", .help = "the initiative the note is about" },
	{ .name = "text", .has_arg = 1, .arg = "TEXT", .help = "the note (required)" },
	{ .name = "hide", .has_arg = 0, .help = "keep the finding out of what the client is shown (still in JSON, marked hidden)" },
	{ .name = NULL } };
static const cli_opt assess_opts[] = {
	{ .name = "period", .has_arg = 1, .arg = "P", .help = "the period to assess (required)" },
	{ .name = "aggregate", .has_arg = 1, .arg = "RULE", .help = "arithmetic, geometric or weakest-link" },
	{ .name = "coverage", .has_arg = 1, .arg = "C", .help = "the weight share an area needs to be scored (default 0.5)" },
	{ .name = "set", .has_arg = 1, .arg = "NAME=VALUE", .help = "a playbook setting (repeatable)" },
	{ .name = "industry", .has_arg = 1, .arg = "I", .help = "score with this industry's goalposts (with --all: only clients of this industry)" },
	{ .name = "all", .has_arg = 0, .help = "assess every client of the workspace, in one process" },
	{ .name = "jobs", .has_arg = 1, .arg = "N", .help = "with --all: worker threads (default 1)" },
	{ .name = "shard", .has_arg = 1, .arg = "K/N", .help = "with --all: only the clients of shard K of N (by a stable hash of the id)" },
	{ .name = "redo", .has_arg = 0, .help = "with --all: assess again clients already assessed by the same method" },
	{ .name = "dry-run", .has_arg = 0, .help = "compute and print the assessment, store nothing" },
	{ .name = NULL } };
static const cli_opt force_opts[] = {
	{ .name = "force", .has_arg = 0, .help = "remove the client's data and assessments too" }, { .name = NULL } };
static const cli_opt withdraw_opts[] = {
	{ .name = "reason", .has_arg = 1, .arg = "TEXT", .help = "why it is withdrawn (kept in the audit trail)" },
	{ .name = NULL } };
static const cli_opt portfolio_opts[] = {
	{ .name = "period", .has_arg = 1, .arg = "P", .help = "the period whose assessments to compare (required)" },
	{ .name = "industry", .has_arg = 1, .arg = "I", .help = "only clients assessed as this industry" },
	{ .name = NULL } };
static const cli_opt new_playbook_opts[] = {
	{ .name = "area", .has_arg = 1, .arg = "A", .help = "the area of the playbook's metric (default operations)" },
	{ .name = "force", .has_arg = 0, .help = "overwrite an existing file" },
	{ .name = NULL } };
static const cli_opt new_plugin_opts[] = {
	{ .name = "force", .has_arg = 0, .help = "write into an existing directory" }, { .name = NULL } };

/* Options every command takes. */
const cli_opt cli_global_opts[] = {
	{ .name = "db", .has_arg = 1, .arg = "FILE", .help = "the workspace (default $SMBOPT_DB, the config's workspace, ./smbopt.db)" },
	{ .name = "format", .has_arg = 1, .arg = "FORMAT", .help = "the output format: text, json, md or csv as the command allows" },
	{ .name = "plugins", .has_arg = 1, .arg = "DIR", .help = "load plugins from DIR too (repeatable)" },
	{ .name = "playbook", .has_arg = 1, .arg = "PATH", .help = "load this playbook file or directory too (repeatable)" },
	{ .name = "no-defaults", .has_arg = 0, .help = "load only what --plugins and --playbook name" },
	{ .name = "help", .has_arg = 0, .help = "show the command's help and exit" },
	{ .name = NULL } };

/* The command groups: `smbopt GROUP --help` lists the group's commands. */
const cli_group cli_groups[] = {
	{ "client", "the consultancy's clients" },
	{ "playbook", "check and test playbooks" },
	{ "goal", "a client's SMART goals" },
	{ "initiative", "initiatives a client takes on, and how they turned out" },
	{ "new", "scaffolds: a playbook or a plugin to start from" },
	{ "assessment", "a stored assessment: withdraw one made by mistake" },
	{ "note", "a consultant's notes on an assessment's findings and initiatives" },
	{ NULL, NULL }
};

const cli_entry cli_commands[] = {
	{ "init", NULL, "", "create the workspace (or migrate an older one)", no_opts, 0, 0, cmd_init },
	{ "client", "add", "ID --name NAME --industry INDUSTRY [--employees N] [--currency CUR]",
	  "add a client", client_add_opts, 1, 1, cmd_client_add },
	{ "client", "list", "[--format text|json]", "list clients", no_opts, 0, 0, cmd_client_list },
	{ "client", "show", "ID [--format text|json]", "show one client", no_opts, 1, 1, cmd_client_show },
	{ "client", "edit", "ID [--name NAME] [--industry INDUSTRY] [--employees N] [--currency CUR]",
	  "correct a client (a new industry applies to later assessments)", client_add_opts, 1, 1, cmd_client_edit },
	{ "client", "rm", "ID [--force]", "remove a client (with --force, and all its data)", force_opts, 1, 1,
	  cmd_client_rm },
	{ "industries", NULL, "[--format text|json]", "the industries clients may have: plugin, facts, what it changes",
	  no_opts, 0, 0, cmd_industries },
	{ "import", NULL, "ID FILE|- [--name NAME] [--kind KIND] [--dry-run] [--skip-bad] [--replace] [--delimiter C] [--period P]"
	  " [--allow-unknown] [--allow-implausible]",
	  "import a CSV file (or standard input) for a client", import_opts, 2, 2, cmd_import },
	{ "imports", NULL, "ID [--format text|json]", "list a client's imports", no_opts, 1, 1, cmd_imports },
	{ "observations", NULL, "ID [--period P] [--format text|json|csv]", "list a client's metric values",
	  period_opts, 1, 1, cmd_observations },
	{ "kinds", NULL, "[--format text|json]", "list the dataset kinds import accepts", no_opts, 0, 0, cmd_kinds },
	{ "metrics", NULL, "[--area A] [--industry I] [--format text|json|md]",
	  "the metric catalogue: definition, basis, roll-up, goalposts and their sources, provider", metrics_opts, 0, 0,
	  cmd_metrics },
	{ "assess", NULL, "ID --period P [--format text|json|md] [--aggregate arithmetic|geometric|weakest-link]"
	  " [--coverage C] [--set NAME=VALUE]... [--industry I] [--dry-run]"
	  " | --all --period P [--industry I] [--jobs N] [--shard K/N] [--redo] [--format text|json|jsonl]",
	  "run an assessment cycle and store it, for one client or every client", assess_opts, 0, 1, cmd_assess },
	{ "merge", NULL, "OUT.db IN.db...", "bring the assessments of workspace copies (shards) into OUT.db; refuses "
	  "conflicting data", no_opts, 2, CLI_MAX_POS, cmd_merge },
	{ "portfolio", NULL, "--period P [--industry I] [--format text|json|md]",
	  "compare the clients assessed for a period: score distributions, percentiles by industry, ranks, outliers",
	  portfolio_opts, 0, 0, cmd_portfolio },
	{ "assessments", NULL, "ID [--format text|json]", "list a client's assessments", no_opts, 1, 1, cmd_assessments },
	{ "show", NULL, "ASSESSMENT [--format text|json|md]", "print a stored assessment", no_opts, 1, 1, cmd_show },
	{ "assessment", "rm", "ASSESSMENT [--reason TEXT]", "withdraw an assessment made by mistake (kept for the audit)",
	  withdraw_opts, 1, 1, cmd_assessment_rm },
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
	{ "review", NULL, "ID [--from PERIOD|ASSESSMENT] [--to PERIOD|ASSESSMENT] [--seasonal auto|yes|no] [--format text|json|md]",
	  "compare two assessments: what moved and why", review_opts, 1, 1, cmd_review },
	{ "history", NULL, "ID [--format text|json]", "scores of every assessment of a client", no_opts, 1, 1, cmd_history },
	{ "forecast", NULL, "ID --metric M [--horizon H] [--model ZZZ|MAdM|ANA|...] [--method ses|holt|damped|hw-add|hw-mul|auto] [--alpha A]"
	  " [--beta B] [--phi P] [--gamma G] [--level0 L] [--trend0 T] [--format text|json]",
	  "forecast a metric by exponential smoothing", forecast_opts, 1, 1, cmd_forecast },
	{ "customers", NULL, "ID --period P [--discount D] [--months M] [--format csv|json]",
	  "one row per customer: purchases, P(alive), expected purchases and spend, CLV, RFM segment", customers_opts, 1, 1,
	  cmd_customers },
	{ "questionnaire", NULL, "ID [--area A] [--format csv|md]",
	  "the questions the playbooks ask this client, to send and import back as answers", questionnaire_opts, 1, 1,
	  cmd_questionnaire },
	{ "plan", NULL, "ID [--assessment A] [--budget X] [--hours H] [--resource NAME=CAP]... [--force INIT]..."
	  " [--exclude INIT]... [--group A;B;C]... [--solver builtin|glpk] [--time-limit S] [--include-adopted]"
	  " [--format text|json]"
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
	{ "help", NULL, "[COMMAND [SUBCOMMAND]]", "show the commands, or one command's arguments and options", no_opts, 0, 2,
	  cmd_help },
	{ "completion", NULL, "bash|zsh", "print a shell completion script", no_opts, 1, 1, cmd_completion },
	{ "new", "playbook", "FILE [--area A] [--force]", "write a commented playbook that passes check and test",
	  new_playbook_opts, 1, 1, cmd_new_playbook },
	{ "new", "plugin", "DIR [--force]", "write a plugin skeleton to build with pkg-config", new_plugin_opts, 1, 1,
	  cmd_new_plugin },
	{ NULL, NULL, NULL, NULL, NULL, 0, 0, NULL }
};

static const cli_opt *find_opt(const cli_opt *opts, const char *name)
{
	for (const cli_opt *o = opts; o && o->name; o++)
		if (strcmp(o->name, name) == 0)
			return o;
	for (const cli_opt *o = cli_global_opts; o->name; o++)
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
		} else if (!only_pos && strcmp(arg, "-h") == 0) {
			if (a->nopt == CLI_MAX_OPTS)
				return smb_err_set(err, SMB_EUSAGE, "too many options");
			a->opt[a->nopt].name = "help";
			a->opt[a->nopt++].value = "1";
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

static int lookup_group_sub(const char *group, const char *sub)
{
	for (const cli_entry *e = cli_commands; e->name; e++)
		if (e->sub && strcmp(e->name, group) == 0 && strcmp(e->sub, sub) == 0)
			return 1;
	return 0;
}

static int has_help(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
	return 0;
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

int main(int argc, char **argv)
{
	cli_ctx c;
	cli_args all, a;
	const cli_entry *e;
	size_t words = 0;
	int rc;

	memset(&c, 0, sizeof c);
	memset(&all, 0, sizeof all);
	memset(&a, 0, sizeof a);
	smb_buf_init(&c.out);
	c.argv0 = argv[0];
	if (argc < 2) {
		cli_usage(stderr);
		return SMB_EUSAGE;
	}
	/* Hidden: the man page and the table check, for the build and tests. */
	if (argc == 2 && strcmp(argv[1], "--version") == 0) {
		smb_buf_printf(&c.out, "smbopt %s\n", PACKAGE_VERSION);
		rc = cli_flush(&c);
		goto done;
	}
	if (argc == 2 && strcmp(argv[1], "--man") == 0) {
		cli_man(&c.out);
		rc = cli_flush(&c);
		goto done;
	}
	if (argc == 2 && strcmp(argv[1], "--check-table") == 0) {
		rc = cli_check_table(&c.err);
		goto done;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		cli_usage(stdout);
		rc = cli_flush(&c);
		goto done;
	}
	/* First pass with every option known, only to find the command words. */
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0)
			continue;
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
		/* A group's first word alone: its help, on stdout if asked for. */
		if (all.npos >= 1 && (all.npos == 1 || !lookup_group_sub(all.pos[0], all.pos[1]))) {
			int asked = has_help(argc, argv);
			if (cli_help_group(&c.out, all.pos[0]) == 0) {
				if (asked) {
					rc = cli_flush(&c);
					goto done;
				}
				if (all.npos > 1)
					fprintf(stderr, "smbopt: unknown command '%s %s'\n", all.pos[0], all.pos[1]);
				fputs(c.out.data, stderr);
				smb_buf_free(&c.out);
				return SMB_EUSAGE;
			}
		}
		fprintf(stderr, "smbopt: unknown command '%s%s%s'\n", all.npos ? all.pos[0] : "",
		        all.npos > 1 ? " " : "", all.npos > 1 ? all.pos[1] : "");
		cli_usage(stderr);
		smb_buf_free(&c.out);
		return SMB_EUSAGE;
	}
	if ((rc = parse(e, argc - 1, argv + 1, &a, &c.err)))
		goto done;
	if (cli_get(&a, "help")) {
		cli_help_command(&c.out, e);
		rc = cli_flush(&c);
		goto done;
	}
	/* Drop the command words; what remains are the command's positionals. */
	memmove(a.pos, a.pos + words, (a.npos - words) * sizeof a.pos[0]);
	a.npos -= words;
	if (a.npos < e->minpos || a.npos > e->maxpos) {
		rc = smb_err_set(&c.err, SMB_EUSAGE, "usage: smbopt %s%s%s %s", e->name, e->sub ? " " : "",
		                 e->sub ? e->sub : "", e->usage);
		goto done;
	}
	if ((rc = cli_config_load(&c)))
		goto done;
	c.db = cli_get(&a, "db");
	if (!c.db && !(getenv("SMBOPT_DB") && *getenv("SMBOPT_DB")))
		c.db = cli_config(&c, "workspace");
	c.format = cli_get(&a, "format");
	rc = e->fn(&c, &a);
	/* Output that did not reach stdout is a failure, whatever rc was; the
	 * command's own error, if any, is the one reported. */
	if (rc == SMB_OK || rc == SMB_PARTIAL) {
		if (cli_flush(&c))
			rc = SMB_EIO;
	} else {
		smb_err kept = c.err;
		cli_flush(&c);
		c.err = kept;
	}
done:
	if (rc && c.err.msg[0]) {
		/* the message may quote files and playbooks: escaped (escape.h) */
		smb_buf msg;
		smb_buf_init(&msg);
		smb_escape_text(&msg, c.err.msg);
		fprintf(stderr, "smbopt: %s%s\n", rc == SMB_PARTIAL ? "warning: " : "", smb_buf_str(&msg));
		smb_buf_free(&msg);
	}
	smb_buf_free(&c.out);
	return rc;
}
