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

typedef struct cli_opt {
	const char *name;        /* long option without "--" */
	int has_arg;
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
} cli_ctx;

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

extern const cli_entry cli_commands[];

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
/* Loads plugins and playbooks as --plugins, --playbook and --no-defaults
 * say; refused files are reported on stderr as warnings. */
int cli_registry(cli_ctx *c, const cli_args *a, smb_registry *r);
/* Maps a questionnaire answer to its score through the registry's questions. */
int cli_answer(void *registry, const char *question, const char *answer, double *score, char *why, size_t whylen);
/* Flushes c->out to stdout. */
void cli_flush(cli_ctx *c);

/* The commands, one function each (core/cmd_*.c). */
int cmd_init(cli_ctx *c, const cli_args *a);
int cmd_client_add(cli_ctx *c, const cli_args *a);
int cmd_client_list(cli_ctx *c, const cli_args *a);
int cmd_client_show(cli_ctx *c, const cli_args *a);
int cmd_import(cli_ctx *c, const cli_args *a);
int cmd_observations(cli_ctx *c, const cli_args *a);
int cmd_imports(cli_ctx *c, const cli_args *a);
int cmd_kinds(cli_ctx *c, const cli_args *a);
int cmd_demo(cli_ctx *c, const cli_args *a);
int cmd_assess(cli_ctx *c, const cli_args *a);
int cmd_assessments(cli_ctx *c, const cli_args *a);
int cmd_show(cli_ctx *c, const cli_args *a);
int cmd_plugins(cli_ctx *c, const cli_args *a);
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
int cmd_report(cli_ctx *c, const cli_args *a);
int cmd_note_add(cli_ctx *c, const cli_args *a);
int cmd_note_list(cli_ctx *c, const cli_args *a);
int cmd_note_rm(cli_ctx *c, const cli_args *a);

#endif
