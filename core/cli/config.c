/* core/cli/config.c — the user's configuration file,
 * $XDG_CONFIG_HOME/smbopt/config (else ~/.config/smbopt/config): lines
 * `key = value`, # comments. It only supplies defaults; the command line
 * and the environment win. A bad line stops the command (FILE:LINE:COLUMN,
 * exit 78), since a silently ignored setting is a wrong default. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fmt.h"

static const char *const keys[] = { "workspace", "plugins", "playbooks", "currency", "locale" };

static char *trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
		*--end = '\0';
	return s;
}

int cli_config_load(cli_ctx *c)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char line[4096];
	FILE *f;
	int n = 0;

	if (xdg && *xdg)
		snprintf(c->cfg.path, sizeof c->cfg.path, "%s/smbopt/config", xdg);
	else if (home && *home)
		snprintf(c->cfg.path, sizeof c->cfg.path, "%s/.config/smbopt/config", home);
	else
		return SMB_OK;
	if (!(f = fopen(c->cfg.path, "r")))
		return SMB_OK;
	while (fgets(line, sizeof line, f)) {
		char *k = trim(line), *eq, *v;
		size_t i;
		n++;
		if (!*k || *k == '#')
			continue;
		if (!(eq = strchr(k, '='))) {
			fclose(f);
			return smb_err_set(&c->err, SMB_ECONFIG, "%s:%d:%d: expected key = value", c->cfg.path, n,
			                   (int)(k - line) + 1);
		}
		*eq = '\0';
		v = trim(eq + 1);
		k = trim(k);
		for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
			if (strcmp(k, keys[i]) == 0)
				break;
		if (i == sizeof keys / sizeof keys[0]) {
			fclose(f);
			return smb_err_set(&c->err, SMB_ECONFIG, "%s:%d:%d: unknown key '%s' (workspace, plugins, playbooks, "
			                   "currency, locale)", c->cfg.path, n, (int)(k - line) + 1, k);
		}
		if (strcmp(k, "locale") == 0 && smb_fmt_locale(v) != 0) {
			fclose(f);
			return smb_err_set(&c->err, SMB_ECONFIG, "%s:%d:%d: locale '%s' is not one smbopt formats numbers "
			                   "for (C, en_*, de_*, de_CH, fr_*, nl_*, it_*, es_*, pt_*, sv_*, ...)", c->cfg.path, n,
			                   (int)(v - line) + 1, v);
		}
		snprintf(c->cfg.value[i], sizeof c->cfg.value[i], "%s", v);
	}
	fclose(f);
	return SMB_OK;
}

const char *cli_config(const cli_ctx *c, const char *key)
{
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(keys[i], key) == 0)
			return c->cfg.value[i][0] ? c->cfg.value[i] : NULL;
	return NULL;
}
