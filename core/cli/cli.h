/* core/cli/cli.h — the command-line layer: a table of commands, each one
 * function that parses nothing itself and calls the library. Only this
 * layer prints and decides exit codes. */
#ifndef SMB_CLI_H
#define SMB_CLI_H

#include <stdio.h>

#include "buf.h"
#include "error.h"
#include "import.h"
#include "kind.h"
#include "registry.h"
#include "store.h"

#define CLI_MAX_POS 16
#define CLI_MAX_OPTS 128

/* Written with named fields ({ .name = "period", .has_arg = 1, .arg = "P",
 * .help = "..." }); an entry without .help compiles, and fails cli_help.sh. */
typedef struct cli_opt {
	const char *name;        /* long option without "--" */
	int has_arg;
	const char *arg;         /* the value's name in help ("FILE"), or NULL */
	const char *help;        /* one line for --help and the man page */
} cli_opt;

typedef struct cli_args {
	const char *pos[CLI_MAX_POS];
	size_t npos;
	struct { const char *name; const char *value; } opt[CLI_MAX_OPTS];
	size_t nopt;
} cli_args;

typedef struct cli_ctx {
	const char *db;          /* --db, else $SMBOPT_DB, else ./smbopt.db */
	const char *format;      /* --format, or NULL */
	const char *argv0;
	smb_err err;
	smb_buf out;             /* what the command prints on stdout */
	struct {                 /* the configuration file (config.c) */
		char path[4096];
		char value[5][1024];
	} cfg;
} cli_ctx;

/* Reads $XDG_CONFIG_HOME/smbopt/config into c->cfg; SMB_ECONFIG on a bad line. */
int cli_config_load(cli_ctx *c);
/* A configured value (workspace, plugins, playbooks, currency, locale), or NULL. */
const char *cli_config(const cli_ctx *c, const char *key);

typedef int (*cli_fn)(cli_ctx *c, const cli_args *a);

typedef struct cli_entry {
	const char *name;        /* "client" */
	const char *sub;         /* "add", or NULL for a one-word command */
	const char *usage;       /* arguments after the name */
	const char *summary;
	const cli_opt *opts;     /* NULL-name terminated; global options are implied */
	size_t minpos, maxpos;
	cli_fn fn;
} cli_entry;

/* A command group (the first word of two-word commands) and its line. */
typedef struct cli_group {
	const char *name;
	const char *summary;
} cli_group;

extern const cli_entry cli_commands[];
extern const cli_opt cli_global_opts[];
extern const cli_group cli_groups[];

/* Help, completion and the man page, all from the tables (core/cli/help.c). */
void cli_usage(FILE *f);
/* One command's help; e from cli_commands. */
void cli_help_command(smb_buf *out, const cli_entry *e);
/* A group's help; returns 0, or -1 if no command has that first word. */
int cli_help_group(smb_buf *out, const char *group);
/* The man page smbopt(1) in roff. */
void cli_man(smb_buf *out);
/* Every command, group and option has its help text; else lists the
 * missing ones in err and returns SMB_ESOFTWARE. */
int cli_check_table(smb_err *err);

/* Option values: the last one given, or NULL; flags read as "1". */
const char *cli_get(const cli_args *a, const char *name);
/* Every value of a repeatable option, in order; returns the count. */
size_t cli_all(const cli_args *a, const char *name, const char **out, size_t max);
/* The --format, checked against a space-separated list; "text" by default. */
int cli_format(cli_ctx *c, const char *allowed, const char **fmt);
/* Parses a number option; returns SMB_EUSAGE with a message when bad. */
int cli_number(cli_ctx *c, const cli_args *a, const char *name, double *v, int *given);
/* Opens the workspace named by --db / $SMBOPT_DB. */
int cli_open(cli_ctx *c, smb_store **s);
/* The load options of --plugins, --playbook, --no-defaults and the config
 * file, in l->o; l holds the strings, so it must outlive l->o. */
typedef struct cli_load {
	const char *dirs[64], *books[64];
	char cfg_plugins[1024], cfg_books[1024];
	smb_load_opts o;
} cli_load;
void cli_load_opts(cli_ctx *c, const cli_args *a, cli_load *l);
/* The same, read-only, for commands that only read: they work on a
 * read-only workspace or in a read-only folder. */
int cli_open_read(cli_ctx *c, smb_store **s);
/* Loads plugins and playbooks as --plugins, --playbook and --no-defaults
 * say; refused files are reported on stderr as warnings. */
int cli_registry(cli_ctx *c, const cli_args *a, smb_registry *r);
/* Maps a questionnaire answer to its score through the registry's questions. */
/* smb_metric_fn over a registry: declared or not, plausible range, nearest key. */
void cli_metric_facts(void *registry, const char *key, smb_metric_facts *out);
int cli_answer(void *registry, const char *question, const char *answer, double *score, char *why, size_t whylen);
/* Flushes c->out to stdout; SMB_EIO (with a message) when stdout refuses
 * the write (a full disk, a closed pipe): output lost is a failure. */
int cli_flush(cli_ctx *c);

/* The commands, one function each (core/cmd_*.c). */
int cmd_init(cli_ctx *c, const cli_args *a);
int cmd_client_add(cli_ctx *c, const cli_args *a);
int cmd_client_list(cli_ctx *c, const cli_args *a);
int cmd_client_show(cli_ctx *c, const cli_args *a);
int cmd_client_edit(cli_ctx *c, const cli_args *a);
int cmd_client_rm(cli_ctx *c, const cli_args *a);
int cmd_industries(cli_ctx *c, const cli_args *a);
int cmd_assessment_rm(cli_ctx *c, const cli_args *a);
int cmd_import(cli_ctx *c, const cli_args *a);
int cmd_observations(cli_ctx *c, const cli_args *a);
int cmd_imports(cli_ctx *c, const cli_args *a);
int cmd_kinds(cli_ctx *c, const cli_args *a);
int cmd_demo(cli_ctx *c, const cli_args *a);
int cmd_assess(cli_ctx *c, const cli_args *a);
int cmd_assess_all(cli_ctx *c, const cli_args *a);
int cmd_merge(cli_ctx *c, const cli_args *a);
int cmd_portfolio(cli_ctx *c, const cli_args *a);
int cmd_assessments(cli_ctx *c, const cli_args *a);
int cmd_show(cli_ctx *c, const cli_args *a);
int cmd_plugins(cli_ctx *c, const cli_args *a);
int cmd_metrics(cli_ctx *c, const cli_args *a);
int cmd_playbook_check(cli_ctx *c, const cli_args *a);
int cmd_playbook_test(cli_ctx *c, const cli_args *a);
int cmd_goal_add(cli_ctx *c, const cli_args *a);
int cmd_goal_list(cli_ctx *c, const cli_args *a);
int cmd_goal_rm(cli_ctx *c, const cli_args *a);
int cmd_initiative_adopt(cli_ctx *c, const cli_args *a);
int cmd_initiative_set(cli_ctx *c, const cli_args *a);
int cmd_initiative_list(cli_ctx *c, const cli_args *a);
int cmd_initiative_calibration(cli_ctx *c, const cli_args *a);
int cmd_review(cli_ctx *c, const cli_args *a);
int cmd_history(cli_ctx *c, const cli_args *a);
int cmd_forecast(cli_ctx *c, const cli_args *a);
int cmd_customers(cli_ctx *c, const cli_args *a);
int cmd_questionnaire(cli_ctx *c, const cli_args *a);
int cmd_plan(cli_ctx *c, const cli_args *a);
int cmd_help(cli_ctx *c, const cli_args *a);
int cmd_completion(cli_ctx *c, const cli_args *a);
int cmd_new_playbook(cli_ctx *c, const cli_args *a);
int cmd_new_plugin(cli_ctx *c, const cli_args *a);
int cmd_report(cli_ctx *c, const cli_args *a);
int cmd_note_add(cli_ctx *c, const cli_args *a);
int cmd_note_list(cli_ctx *c, const cli_args *a);
int cmd_note_rm(cli_ctx *c, const cli_args *a);

#endif
