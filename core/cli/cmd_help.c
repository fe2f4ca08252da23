/* core/cli/cmd_help.c — `smbopt help [COMMAND [SUB]]` and `smbopt
 * completion bash|zsh`. The completion scripts are written from the
 * command table, so a new command completes as soon as it is in the table. */
#include <string.h>

#include "cli.h"

int cmd_help(cli_ctx *c, const cli_args *a)
{
	if (a->npos == 0) {
		/* The usage list goes to a FILE; cli_flush checks stdout after. */
		cli_usage(stdout);
		return SMB_OK;
	}
	for (const cli_entry *e = cli_commands; e->name; e++)
		if (strcmp(e->name, a->pos[0]) == 0 &&
		    (a->npos == 1 ? !e->sub : e->sub && strcmp(e->sub, a->pos[1]) == 0)) {
			cli_help_command(&c->out, e);
			return SMB_OK;
		}
	if (a->npos == 1 && cli_help_group(&c->out, a->pos[0]) == 0)
		return SMB_OK;
	return smb_err_set(&c->err, SMB_EUSAGE, "help: unknown command '%s%s%s'", a->pos[0], a->npos > 1 ? " " : "",
	                   a->npos > 1 ? a->pos[1] : "");
}

/* The shell words completing a command: its first word, or "GROUP SUB". */
static void key_of(const cli_entry *e, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s", e->name, e->sub ? " " : "", e->sub ? e->sub : "");
}

static int seen_before(const cli_entry *e)
{
	for (const cli_entry *p = cli_commands; p != e; p++)
		if (strcmp(p->name, e->name) == 0)
			return 1;
	return 0;
}

/* A string in single quotes for sh, bash and zsh. */
static void sh_quote(smb_buf *out, const char *s)
{
	smb_buf_putc(out, '\'');
	for (; *s; s++)
		if (*s == '\'')
			smb_buf_puts(out, "'\\''");
		else
			smb_buf_putc(out, *s);
	smb_buf_putc(out, '\'');
}

static void opt_words(smb_buf *out, const cli_opt *opts)
{
	for (const cli_opt *o = opts; o && o->name; o++)
		smb_buf_printf(out, " --%s", o->name);
}

/* Values and files after an option: the same in both shells. */
static const char *const file_opts = "--db|--playbook|--candidates|--name";

/* Both shells: one case per command ("group sub"), setting opts to its
 * options as a word list (bash: 'a b') or an array (zsh: ( a b )). */
static void option_cases(smb_buf *out, const char *open, const char *close)
{
	char key[64];

	for (const cli_entry *e = cli_commands; e->name; e++) {
		key_of(e, key, sizeof key);
		smb_buf_printf(out, "\t'%s') opts=%s", key, open);
		opt_words(out, e->opts);
		smb_buf_printf(out, "%s ;;\n", close);
	}
}

static void bash_script(smb_buf *out)
{
	smb_buf_puts(out, "# bash completion for smbopt, written by 'smbopt completion bash'.\n"
	                  "_smbopt() {\n"
	                  "\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
	                  "\tlocal w1= w2= i opts\n"
	                  "\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
	                  "\t\tcase ${COMP_WORDS[i]} in\n"
	                  "\t\t-*) ;;\n"
	                  "\t\t*) if [ -z \"$w1\" ]; then w1=${COMP_WORDS[i]}; elif [ -z \"$w2\" ]; then w2=${COMP_WORDS[i]}; fi ;;\n"
	                  "\t\tesac\n"
	                  "\tdone\n"
	                  "\tcase $prev in\n");
	smb_buf_printf(out, "\t%s) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n", file_opts);
	smb_buf_puts(out, "\t--plugins) COMPREPLY=($(compgen -d -- \"$cur\")); return ;;\n"
	                  "\t--format) COMPREPLY=($(compgen -W 'text json md csv' -- \"$cur\")); return ;;\n"
	                  "\tesac\n"
	                  "\tif [ -z \"$w1\" ]; then\n"
	                  "\t\tCOMPREPLY=($(compgen -W '");
	for (const cli_entry *e = cli_commands; e->name; e++)
		if (!seen_before(e))
			smb_buf_printf(out, "%s%s", e == cli_commands ? "" : " ", e->name);
	smb_buf_puts(out, " --help --version' -- \"$cur\"))\n\t\treturn\n\tfi\n\tcase $w1 in\n");
	for (const cli_entry *e = cli_commands; e->name; e++) {
		if (!e->sub || seen_before(e))
			continue;
		smb_buf_printf(out, "\t%s)\n\t\tif [ -z \"$w2\" ]; then\n\t\t\tCOMPREPLY=($(compgen -W '", e->name);
		for (const cli_entry *s = e; s->name; s++)
			if (s->sub && strcmp(s->name, e->name) == 0)
				smb_buf_printf(out, "%s%s", s == e ? "" : " ", s->sub);
		smb_buf_puts(out, "' -- \"$cur\"))\n\t\t\treturn\n\t\tfi\n\t\tw1=\"$w1 $w2\" ;;\n");
	}
	smb_buf_puts(out, "\tesac\n\tcase $w1 in\n");
	option_cases(out, "'", "'");
	smb_buf_puts(out, "\t*) opts= ;;\n\tesac\n\tif [[ $cur == -* ]]; then\n\t\tCOMPREPLY=($(compgen -W \"$opts");
	opt_words(out, cli_global_opts);
	smb_buf_puts(out, "\" -- \"$cur\"))\n"
	                  "\telse\n"
	                  "\t\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n"
	                  "\tfi\n"
	                  "}\n"
	                  "complete -F _smbopt smbopt\n");
}

static void zsh_describe(smb_buf *out, const char *name, const char *summary)
{
	char item[512];

	snprintf(item, sizeof item, "%s:%s", name, summary);
	smb_buf_puts(out, " ");
	sh_quote(out, item);
}

static void zsh_script(smb_buf *out)
{
	smb_buf_puts(out, "#compdef smbopt\n# zsh completion for smbopt, written by 'smbopt completion zsh'.\n"
	                  "_smbopt() {\n\tlocal -a cmds subs opts\n\tlocal key\n\tcmds=(");
	for (const cli_entry *e = cli_commands; e->name; e++)
		if (!seen_before(e))
			zsh_describe(out, e->name, e->sub ? "(subcommands)" : e->summary);
	smb_buf_puts(out, " )\n"
	                  "\tcase ${words[CURRENT-1]} in\n");
	smb_buf_printf(out, "\t%s) _files; return ;;\n", file_opts);
	smb_buf_puts(out, "\t--plugins) _files -/; return ;;\n"
	                  "\t--format) compadd text json md csv; return ;;\n"
	                  "\tesac\n"
	                  "\tif (( CURRENT == 2 )); then\n\t\t_describe 'command' cmds\n\t\treturn\n\tfi\n"
	                  "\tkey=${words[2]}\n\tcase $key in\n");
	for (const cli_entry *e = cli_commands; e->name; e++) {
		if (!e->sub || seen_before(e))
			continue;
		smb_buf_printf(out, "\t%s)\n\t\tsubs=(", e->name);
		for (const cli_entry *s = e; s->name; s++)
			if (s->sub && strcmp(s->name, e->name) == 0)
				zsh_describe(out, s->sub, s->summary);
		smb_buf_puts(out, " )\n\t\tif (( CURRENT == 3 )); then\n\t\t\t_describe 'subcommand' subs\n"
		                  "\t\t\treturn\n\t\tfi\n\t\tkey=\"$key ${words[3]}\" ;;\n");
	}
	smb_buf_puts(out, "\tesac\n\tcase $key in\n");
	option_cases(out, "(", " )");
	smb_buf_puts(out, "\tesac\n\tif [[ $PREFIX == -* ]]; then\n\t\tcompadd -- $opts");
	opt_words(out, cli_global_opts);
	smb_buf_puts(out, "\n\telse\n\t\t_files\n\tfi\n}\n_smbopt \"$@\"\n");
}

int cmd_completion(cli_ctx *c, const cli_args *a)
{
	if (strcmp(a->pos[0], "bash") == 0)
		bash_script(&c->out);
	else if (strcmp(a->pos[0], "zsh") == 0)
		zsh_script(&c->out);
	else
		return smb_err_set(&c->err, SMB_EUSAGE, "completion: shell '%s': smbopt writes bash or zsh", a->pos[0]);
	return SMB_OK;
}
