/* core/cli/cli.c — helpers shared by the command functions: option lookup,
 * format checks, opening the workspace. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "near.h"
#include "number.h"

const char *cli_get(const cli_args *a, const char *name)
{
	for (size_t i = a->nopt; i-- > 0;)
		if (strcmp(a->opt[i].name, name) == 0)
			return a->opt[i].value;
	return NULL;
}

size_t cli_all(const cli_args *a, const char *name, const char **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < a->nopt; i++)
		if (strcmp(a->opt[i].name, name) == 0 && n < max)
			out[n++] = a->opt[i].value;
	return n;
}

int cli_format(cli_ctx *c, const char *allowed, const char **fmt)
{
	const char *f = c->format ? c->format : "text";
	size_t len = strlen(f);
	const char *p = allowed;

	while ((p = strstr(p, f)) != NULL) {
		if ((p == allowed || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\0')) {
			*fmt = f;
			return SMB_OK;
		}
		p += len;
	}
	return smb_err_set(&c->err, SMB_EUSAGE, "--format %s: this command writes %s", f, allowed);
}

int cli_number(cli_ctx *c, const cli_args *a, const char *name, double *v, int *given)
{
	const char *s = cli_get(a, name);
	char why[256];
	size_t at;

	if (given)
		*given = s != NULL;
	if (!s)
		return SMB_OK;
	if (smb_number_parse(s, 0, v, &at, why, sizeof why))
		return smb_err_set(&c->err, SMB_EUSAGE, "--%s '%s': %s", name, s, why);
	return SMB_OK;
}

int cli_open(cli_ctx *c, smb_store **s)
{
	return smb_store_open(smb_store_default_path(c->db), SMB_OPEN_EXISTING, s, &c->err);
}

int cli_open_read(cli_ctx *c, smb_store **s)
{
	return smb_store_open(smb_store_default_path(c->db), SMB_OPEN_READ, s, &c->err);
}

int cli_flush(cli_ctx *c)
{
	int bad = 0;

	if (c->out.len)
		bad = fwrite(c->out.data, 1, c->out.len, stdout) != c->out.len;
	bad |= fflush(stdout) != 0 || ferror(stdout);
	smb_buf_reset(&c->out);
	if (bad)
		return smb_err_set(&c->err, SMB_EIO, "cannot write to standard output: %s", strerror(errno));
	return SMB_OK;
}

void cli_load_opts(cli_ctx *c, const cli_args *a, cli_load *l)
{
	smb_load_opts *o = &l->o;
	const char *env;
	char *save = NULL;
	size_t nb = 0;

	memset(o, 0, sizeof *o);
	o->plugin_dirs = l->dirs;
	o->nplugin_dirs = cli_all(a, "plugins", l->dirs, 48);
	/* The config's directories come after --plugins; SMBOPT_PLUGIN_PATH
	 * (read by the loader) replaces them. */
	env = getenv("SMBOPT_PLUGIN_PATH");
	if (!(env && *env) && cli_config(c, "plugins")) {
		snprintf(l->cfg_plugins, sizeof l->cfg_plugins, "%s", cli_config(c, "plugins"));
		for (char *d = strtok_r(l->cfg_plugins, ":", &save); d && o->nplugin_dirs < 64; d = strtok_r(NULL, ":", &save))
			l->dirs[o->nplugin_dirs++] = d;
	}
	/* The config's playbooks load before --playbook ones (later ones win);
	 * SMBOPT_PLAYBOOK_PATH (read by the loader) replaces them. */
	env = getenv("SMBOPT_PLAYBOOK_PATH");
	if (!(env && *env) && cli_config(c, "playbooks")) {
		snprintf(l->cfg_books, sizeof l->cfg_books, "%s", cli_config(c, "playbooks"));
		save = NULL;
		for (char *d = strtok_r(l->cfg_books, ":", &save); d && nb < 16; d = strtok_r(NULL, ":", &save))
			l->books[nb++] = d;
	}
	o->playbooks = l->books;
	o->nplaybooks = nb + cli_all(a, "playbook", l->books + nb, 64 - nb);
	o->no_defaults = cli_get(a, "no-defaults") != NULL;
}

int cli_registry(cli_ctx *c, const cli_args *a, smb_registry *r)
{
	cli_load l;
	int rc;

	cli_load_opts(c, a, &l);
	if ((rc = smb_registry_init(r, &c->err)))
		return rc;
	if ((rc = smb_registry_load(r, &l.o, &c->err))) {
		smb_registry_free(r);
		return rc;
	}
	for (size_t i = 0; i < r->nproblems; i++)
		fprintf(stderr, "smbopt: warning: %s\n", r->problems[i].reason);
	return SMB_OK;
}

void cli_metric_facts(void *registry, const char *key, smb_metric_facts *out)
{
	const smb_registry *r = registry;
	const smb_metric *m = smb_registry_metric(r, key);
	const char *best = NULL;
	size_t bd = 3;   /* two edits at most: a typo, not another word */

	memset(out, 0, sizeof *out);
	if (m) {
		out->known = 1;
		out->bounded = m->bounded;
		out->lo = m->lo;
		out->hi = m->hi;
		return;
	}
	for (size_t i = 0; i < r->nmetrics; i++) {
		size_t d = smb_edit_distance(key, r->metrics[i].key, bd - 1);
		if (d < bd)
			bd = d, best = r->metrics[i].key;
	}
	if (best)
		snprintf(out->near, sizeof out->near, "%s", best);
}

int cli_answer(void *registry, const char *question, const char *answer, double *score, char *why, size_t whylen)
{
	const smb_metric *m = smb_registry_metric(registry, question);
	size_t used = 0;

	if (!m || !m->question) {
		snprintf(why, whylen, "question %s is not declared by any loaded playbook", question);
		return -1;
	}
	if (!answer)
		return 0;   /* a number 0..100, already checked */
	for (size_t i = 0; i < m->nchoices; i++)
		if (strcmp(m->choices[i], answer) == 0) {
			*score = m->choice_scores[i];
			return 0;
		}
	used = (size_t)snprintf(why, whylen, "answer '%s' is not a choice of %s (", answer, question);
	for (size_t i = 0; i < m->nchoices && used < whylen; i++)
		used += (size_t)snprintf(why + used, whylen - used, "%s%s", i ? ", " : "", m->choices[i]);
	if (used < whylen)
		snprintf(why + used, whylen - used, ", or a number 0..100)");
	return -1;
}
