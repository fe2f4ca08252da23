/* core/cli/help.c — everything a user reads about the command line comes
 * from the command table (main.c): the usage list, `CMD --help`, a group's
 * help, the man page smbopt(1) and the shell completion scripts. One source,
 * so help, man page and completion cannot disagree with the parser. */
#include "config.h"

#include <string.h>

#include "cli.h"

/* "client add" or "import": the words a user types. */
static const char *words(const cli_entry *e, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s", e->name, e->sub ? " " : "", e->sub ? e->sub : "");
	return buf;
}

static const char *group_summary(const char *name)
{
	for (const cli_group *g = cli_groups; g->name; g++)
		if (strcmp(g->name, name) == 0)
			return g->summary;
	return NULL;
}

/* Whether e is the first entry of its group (so a group is listed once). */
static int first_of_group(const cli_entry *e)
{
	for (const cli_entry *p = cli_commands; p != e; p++)
		if (p->sub && strcmp(p->name, e->name) == 0)
			return 0;
	return e->sub != NULL;
}

static void opt_line(smb_buf *out, const cli_opt *o)
{
	char lhs[80];

	snprintf(lhs, sizeof lhs, "--%s%s%s", o->name, o->has_arg ? " " : "", o->has_arg ? (o->arg ? o->arg : "VALUE") : "");
	smb_buf_printf(out, "  %-24s  %s\n", lhs, o->help ? o->help : "");
}

void cli_usage(FILE *f)
{
	char name[64];

	fprintf(f, "usage: smbopt [--db FILE] COMMAND [ARGS]\n\ncommands:\n");
	for (const cli_entry *e = cli_commands; e->name; e++)
		fprintf(f, "  %-22s %s\n", words(e, name, sizeof name), e->summary);
	fprintf(f, "\nglobal options:\n");
	for (const cli_opt *o = cli_global_opts; o->name; o++) {
		char lhs[80];
		snprintf(lhs, sizeof lhs, "--%s%s%s", o->name, o->has_arg ? " " : "", o->has_arg && o->arg ? o->arg : "");
		fprintf(f, "  %-22s %s\n", lhs, o->help ? o->help : "");
	}
	fprintf(f, "  %-22s %s\n", "--version", "print smbopt's version and exit");
	fprintf(f, "\n'smbopt help COMMAND' or 'smbopt COMMAND --help' shows a command's arguments and options;\n"
	           "'man smbopt' has them all.\n");
}

void cli_help_command(smb_buf *out, const cli_entry *e)
{
	char name[64];

	smb_buf_printf(out, "usage: smbopt %s%s%s\n\n%s\n", words(e, name, sizeof name), *e->usage ? " " : "", e->usage,
	               e->summary);
	if (e->opts && e->opts->name) {
		smb_buf_puts(out, "\noptions:\n");
		for (const cli_opt *o = e->opts; o->name; o++)
			opt_line(out, o);
	}
	smb_buf_puts(out, "\nglobal options:\n");
	for (const cli_opt *o = cli_global_opts; o->name; o++)
		opt_line(out, o);
}

int cli_help_group(smb_buf *out, const char *group)
{
	const char *summary = group_summary(group);
	char name[64];
	int n = 0;

	for (const cli_entry *e = cli_commands; e->name; e++) {
		if (!e->sub || strcmp(e->name, group) != 0)
			continue;
		if (n++ == 0)
			smb_buf_printf(out, "usage: smbopt %s SUBCOMMAND [ARGS]\n\n%s\n\nsubcommands:\n", group,
			               summary ? summary : "");
		smb_buf_printf(out, "  %-22s %s\n", words(e, name, sizeof name), e->summary);
	}
	if (!n)
		return -1;
	smb_buf_printf(out, "\n'smbopt %s SUBCOMMAND --help' shows a subcommand's arguments and options.\n", group);
	return 0;
}

/* roff: a leading '.' or '\'' would be a request, '\' an escape, '-' a
 * hyphen rather than the minus of an option. */
static void roff(smb_buf *out, const char *s)
{
	for (const char *p = s; *p; p++) {
		if (*p == '\\')
			smb_buf_puts(out, "\\e");
		else if (*p == '-')
			smb_buf_puts(out, "\\-");
		else if ((*p == '.' || *p == '\'') && (p == s || p[-1] == '\n'))
			smb_buf_printf(out, "\\&%c", *p);
		else
			smb_buf_putc(out, *p);
	}
}

static void man_opt(smb_buf *out, const cli_opt *o)
{
	smb_buf_puts(out, ".TP\n.B \\-\\-");
	roff(out, o->name);
	if (o->has_arg) {
		smb_buf_puts(out, " \" \"\n.I ");
		roff(out, o->arg ? o->arg : "VALUE");
	}
	smb_buf_puts(out, "\n");
	roff(out, o->help ? o->help : "");
	smb_buf_puts(out, "\n");
}

void cli_man(smb_buf *out)
{
	char name[64];

	smb_buf_printf(out, ".\\\" smbopt(1), generated from the command table by 'smbopt --man'; do not edit.\n"
	               ".TH SMBOPT 1 \"\" \"smbopt %s\" \"User Commands\"\n"
	               ".SH NAME\nsmbopt \\- assess small businesses: scores, SWOT, ranked initiatives and a plan\n"
	               ".SH SYNOPSIS\n.B smbopt\n[\\fB\\-\\-db\\fR \\fIFILE\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]\n.br\n"
	               ".B smbopt help\n[\\fICOMMAND\\fR]\n.br\n.B smbopt \\-\\-version\n"
	               ".SH DESCRIPTION\nsmbopt imports a client's numbers, scores them in five areas (operations, "
	               "marketing, finance, customer experience, technology), turns the scores into a SWOT, ranked "
	               "initiatives and a plan under a budget, and on the next cycle shows what moved and why. "
	               "Area and industry knowledge lives in plugins (see\n.BR smbopt\\-plugin (3))\nand in "
	               "sandboxed Lua playbooks (see\n.BR smbopt\\-playbook (5)).\nEverything a cycle produces is "
	               "stored in one SQLite workspace file.\n.SH COMMANDS\n", PACKAGE_VERSION);
	for (const cli_entry *e = cli_commands; e->name; e++) {
		smb_buf_puts(out, ".SS \"smbopt ");
		roff(out, words(e, name, sizeof name));
		smb_buf_puts(out, "\"\n.B smbopt ");
		roff(out, words(e, name, sizeof name));
		smb_buf_puts(out, "\n");
		roff(out, e->usage);
		smb_buf_puts(out, "\n.PP\n");
		roff(out, e->summary);
		smb_buf_puts(out, ".\n");
		for (const cli_opt *o = e->opts; o && o->name; o++)
			man_opt(out, o);
	}
	smb_buf_puts(out, ".SH GLOBAL OPTIONS\nEvery command takes these.\n");
	for (const cli_opt *o = cli_global_opts; o->name; o++)
		man_opt(out, o);
	smb_buf_puts(out, ".TP\n.B \\-h\nthe same as \\fB\\-\\-help\\fR\n"
	               ".TP\n.B \\-\\-version\nprint smbopt's version and exit\n");
	smb_buf_puts(out,
		".SH EXIT STATUS\n"
		".TP\n.B 0\nsuccess\n"
		".TP\n.B 1\n\\fBplaybook test\\fR: some assertions failed\n"
		".TP\n.B 2\npartial result: an assessment was written, but a metric or rule failed\n"
		".TP\n.B 64\nthe command line is wrong\n"
		".TP\n.B 65\nbad input data (nothing was written), or a \\fB\\-\\-db\\fR file that is not a workspace\n"
		".TP\n.B 66\na file, client or assessment does not exist\n"
		".TP\n.B 70\ninternal error (a bug)\n"
		".TP\n.B 73\nan output file cannot be created\n"
		".TP\n.B 74\nthe workspace, a file or standard output could not be read or written\n"
		".TP\n.B 78\nthe workspace is newer than this smbopt, or a plugin or playbook is refused\n"
		".SH JSON OUTPUT\n"
		"With \\fB\\-\\-format json\\fR a command writes one JSON object whose first member is "
		"\\fBschema_version\\fR; a listing keeps its rows, one object each, in an array named after it "
		"(\\fBclients\\fR, \\fBassessments\\fR, \\fBgoals\\fR ...). Values are written as stored: numbers at "
		"full precision, booleans as \\fBtrue\\fR and \\fBfalse\\fR, missing values as \\fBnull\\fR. "
		"Each document has a JSON Schema in the \\fIdoc/schema\\fR folder beside \\fI" SMB_EXAMPLEDIR "\\fR.\n"
		".SH ENVIRONMENT\n"
		".TP\n.B SMBOPT_DB\nthe workspace when \\fB\\-\\-db\\fR is not given\n"
		".TP\n.B SMBOPT_PLUGIN_PATH\ncolon-separated directories of plugins, loaded before the bundled ones\n"
		".TP\n.B SMBOPT_PLAYBOOK_PATH\ncolon-separated playbook files or directories, loaded after the bundled "
		"playbooks (a playbook given with \\fB\\-\\-playbook\\fR comes last)\n"
		".TP\n.B XDG_CONFIG_HOME\nwhere the configuration file is looked for (default \\fI~/.config\\fR)\n"
		".SH CONFIGURATION\n"
		"\\fI$XDG_CONFIG_HOME/smbopt/config\\fR holds lines \\fIkey\\fR \\fB=\\fR \\fIvalue\\fR; "
		"blank lines and lines starting with \\fB#\\fR are ignored; an unknown key or a line without "
		"\\fB=\\fR is an error (\\fIFILE\\fR:\\fILINE\\fR:\\fICOLUMN\\fR, exit 78). "
		"The command line and the environment override it.\n"
		".TP\n.B workspace\nthe workspace when neither \\fB\\-\\-db\\fR nor \\fBSMBOPT_DB\\fR is given\n"
		".TP\n.B plugins\ncolon-separated plugin directories, as \\fBSMBOPT_PLUGIN_PATH\\fR (which wins)\n"
		".TP\n.B playbooks\ncolon-separated playbook files or directories, as \\fBSMBOPT_PLAYBOOK_PATH\\fR "
		"(which wins)\n"
		".TP\n.B currency\nthe currency of \\fBclient add\\fR when \\fB\\-\\-currency\\fR is not given\n"
		".TP\n.B locale\nthe separators of numbers in text and Markdown output (for example \\fIde_DE.UTF\\-8\\fR "
		"writes 1.234,5, \\fIfr_FR\\fR 1\\~234,5, \\fIde_CH\\fR 1'234.5; default 1,234.5); JSON and CSV always "
		"write 1234.5\n"
		".SH FILES\n"
		".TP\n.I " SMB_PLUGINDIR "\nthe bundled plugins\n"
		".TP\n.I " SMB_PLAYBOOKDIR "\nthe bundled playbooks, smbkit.lua, and the editor stubs (meta/, .luarc.json)\n"
		".TP\n.I " SMB_EXAMPLEDIR "\nthe demo data\n"
		".TP\n.I ./smbopt.db\nthe default workspace\n"
		".SH EXAMPLES\n.nf\nsmbopt demo\nsmbopt \\-\\-db shop.db init\n"
		"smbopt \\-\\-db shop.db client add shop \\-\\-name \"The Shop\" \\-\\-industry retail\n"
		"smbopt \\-\\-db shop.db import shop metrics.csv\n"
		"smbopt \\-\\-db shop.db assess shop \\-\\-period 2026\\-Q3\n.fi\n"
		".SH SEE ALSO\n.BR smbopt\\-playbook (5),\n.BR smbopt\\-plugin (3),\n.BR sqlite3 (1)\n");
}

int cli_check_table(smb_err *err)
{
	char name[64];
	size_t used = 0;
	int bad = 0;

#define MISSING(...) do { \
		bad = 1; \
		if (used < sizeof err->msg) \
			used += (size_t)snprintf(err->msg + used, sizeof err->msg - used, __VA_ARGS__); \
	} while (0)
	err->rc = SMB_OK;
	err->msg[0] = '\0';
	for (const cli_entry *e = cli_commands; e->name; e++) {
		if (!e->summary || !*e->summary)
			MISSING("command '%s' has no summary; ", words(e, name, sizeof name));
		if (!e->usage)
			MISSING("command '%s' has no usage; ", words(e, name, sizeof name));
		if (first_of_group(e) && !group_summary(e->name))
			MISSING("group '%s' has no entry in cli_groups; ", e->name);
		for (const cli_opt *o = e->opts; o && o->name; o++)
			if (!o->help || !*o->help)
				MISSING("option --%s of '%s' has no help; ", o->name, words(e, name, sizeof name));
	}
	for (const cli_opt *o = cli_global_opts; o->name; o++)
		if (!o->help || !*o->help)
			MISSING("global option --%s has no help; ", o->name);
#undef MISSING
	if (bad)
		err->rc = SMB_ESOFTWARE;
	return bad ? SMB_ESOFTWARE : SMB_OK;
}
