/* core/cli/cmd_client.c — smbopt client add | list | show. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "escape.h"
#include "client.h"
#include "industries.h"
#include "json.h"
#include "table.h"

/* --industry checked against the loaded plugins' industries and `other`,
 * aliases resolved (core/engine/industries.c); canon receives the name. */
static int check_industry(cli_ctx *c, const cli_args *a, const char *text, char *canon, size_t len)
{
	smb_registry reg;
	char why[1024];
	int rc;

	if ((rc = cli_registry(c, a, &reg)))
		return rc;
	if (smb_industry_resolve(&reg, text, canon, len, why, sizeof why))
		rc = smb_err_set(&c->err, SMB_EUSAGE, "%s", why);
	smb_registry_free(&reg);
	return rc;
}

/* --employees: a whole number of people, or -2 when not given. */
static int employees(cli_ctx *c, const cli_args *a, long long *out)
{
	double emp = -1;
	int given, rc;

	*out = -2;
	if ((rc = cli_number(c, a, "employees", &emp, &given)))
		return rc;
	if (given) {
		if (emp < 0 || emp > 1e7 || emp != (double)(long long)emp)
			return smb_err_set(&c->err, SMB_EUSAGE, "--employees must be a whole number of people");
		*out = (long long)emp;
	}
	return SMB_OK;
}

int cmd_client_add(cli_ctx *c, const cli_args *a)
{
	smb_client cl = { 0 };
	smb_store *s;
	char canon[80];
	int rc;

	cl.id = (char *)a->pos[0];
	cl.name = (char *)cli_get(a, "name");
	cl.industry = (char *)cli_get(a, "industry");
	cl.currency = (char *)cli_get(a, "currency");
	if (!cl.currency)
		cl.currency = (char *)cli_config(c, "currency");
	cl.employees = -1;
	if (!cl.name)
		return smb_err_set(&c->err, SMB_EUSAGE, "client add needs --name NAME");
	if (!cl.industry)
		return smb_err_set(&c->err, SMB_EUSAGE, "client add needs --industry INDUSTRY");
	if ((rc = employees(c, a, &cl.employees)))
		return rc;
	if (cl.employees == -2)
		cl.employees = -1;
	if ((rc = check_industry(c, a, cl.industry, canon, sizeof canon)))
		return rc;
	cl.industry = canon;
	if ((rc = cli_open(c, &s)))
		return rc;
	rc = smb_client_add(s, &cl, &c->err);
	if (rc == SMB_OK)
		{
			smb_escaper x = { 0 };
			smb_buf_printf(&c->out, "added client %s (%s, %s)\n", smb_esc(&x, cl.id), smb_esc(&x, cl.name),
			               smb_esc(&x, cl.industry));
			smb_escaper_free(&x);
		}
	smb_store_close(s);
	return rc;
}

static int client_table(cli_ctx *c, smb_client *v, size_t n)
{
	static const char *const cols[] = { "id", "name", "industry", "employees#", "currency", "created" };
	const char *fmt;
	smb_table t;
	int rc;

	if ((rc = cli_format(c, "text json", &fmt)))
		return rc;
	if (smb_table_init(&t, 6, cols))
		return smb_err_set(&c->err, SMB_ESOFTWARE, "out of memory");
	smb_table_json(&t, "clients", 1);
	for (size_t i = 0; i < n; i++) {
		smb_table_text(&t, v[i].id);
		smb_table_text(&t, v[i].name);
		smb_table_text(&t, v[i].industry);
		if (v[i].employees >= 0)
			smb_table_integer(&t, v[i].employees);
		else
			smb_table_null(&t);
		smb_table_text(&t, v[i].currency);
		smb_table_text(&t, v[i].created);
	}
	rc = smb_table_render(&t, fmt, &c->out) ? smb_err_set(&c->err, SMB_ESOFTWARE, "out of memory") : SMB_OK;
	smb_table_free(&t);
	return rc;
}

int cmd_client_list(cli_ctx *c, const cli_args *a)
{
	smb_store *s;
	smb_client *v;
	size_t n;
	int rc;

	(void)a;
	if ((rc = cli_open_read(c, &s)))
		return rc;
	if ((rc = smb_client_list(s, &v, &n, &c->err)) == SMB_OK) {
		rc = client_table(c, v, n);
		smb_client_list_free(v, n);
	}
	smb_store_close(s);
	return rc;
}

int cmd_client_show(cli_ctx *c, const cli_args *a)
{
	smb_store *s;
	smb_client cl;
	const char *fmt;
	int rc;

	if ((rc = cli_format(c, "text json", &fmt)))
		return rc;
	if ((rc = cli_open_read(c, &s)))
		return rc;
	if ((rc = smb_client_get(s, a->pos[0], &cl, &c->err)) == SMB_OK) {
		if (strcmp(fmt, "json") == 0) {
			smb_json j;
			smb_json_init(&j, &c->out, 1);
			smb_json_object_begin(&j);
			smb_json_key(&j, "schema_version");
			smb_json_integer(&j, 1);
			smb_json_key(&j, "id");
			smb_json_string(&j, cl.id);
			smb_json_key(&j, "name");
			smb_json_string(&j, cl.name);
			smb_json_key(&j, "industry");
			smb_json_string(&j, cl.industry);
			smb_json_key(&j, "employees");
			if (cl.employees >= 0)
				smb_json_integer(&j, cl.employees);
			else
				smb_json_null(&j);
			smb_json_key(&j, "currency");
			smb_json_string(&j, cl.currency);
			smb_json_key(&j, "created");
			smb_json_string(&j, cl.created);
			smb_json_object_end(&j);
			smb_buf_putc(&c->out, '\n');
		} else {
			smb_escaper x = { 0 };
			smb_buf_printf(&c->out, "id:        %s\nname:      %s\nindustry:  %s\n", smb_esc(&x, cl.id),
			               smb_esc(&x, cl.name), smb_esc(&x, cl.industry));
			if (cl.employees >= 0)
				smb_buf_printf(&c->out, "employees: %lld\n", cl.employees);
			smb_buf_printf(&c->out, "currency:  %s\ncreated:   %s\n", smb_esc(&x, cl.currency), smb_esc(&x, cl.created));
			smb_escaper_free(&x);
		}
		smb_client_free(&cl);
	}
	smb_store_close(s);
	return rc;
}

int cmd_client_edit(cli_ctx *c, const cli_args *a)
{
	smb_client cl = { 0 };
	smb_store *s;
	char canon[80];
	int rc;

	cl.id = (char *)a->pos[0];
	cl.name = (char *)cli_get(a, "name");
	cl.industry = (char *)cli_get(a, "industry");
	cl.currency = (char *)cli_get(a, "currency");
	if ((rc = employees(c, a, &cl.employees)))
		return rc;
	if (!cl.name && !cl.industry && !cl.currency && cl.employees == -2)
		return smb_err_set(&c->err, SMB_EUSAGE, "client edit needs --name, --industry, --employees or --currency");
	if (cl.industry) {
		if ((rc = check_industry(c, a, cl.industry, canon, sizeof canon)))
			return rc;
		cl.industry = canon;
	}
	if ((rc = cli_open(c, &s)))
		return rc;
	if ((rc = smb_client_update(s, &cl, &c->err)) == SMB_OK)
		smb_buf_printf(&c->out, "changed client %s%s%s\n", cl.id, cl.industry ? "; industry now " : "",
		               cl.industry ? cl.industry : "");
	smb_store_close(s);
	return rc;
}

int cmd_client_rm(cli_ctx *c, const cli_args *a)
{
	smb_store *s;
	int rc;

	if ((rc = cli_open(c, &s)))
		return rc;
	if ((rc = smb_client_remove(s, a->pos[0], cli_get(a, "force") != NULL, &c->err)) == SMB_OK)
		smb_buf_printf(&c->out, "removed client %s\n", a->pos[0]);
	smb_store_close(s);
	return rc;
}

/* A cell holding a list: shown as the text, written to JSON as an array of
 * its items (text split at sep), so readers never parse display text. */
static void list_cell(smb_table *t, const char *text, const char *sep)
{
	size_t seplen = strlen(sep);
	smb_buf json;
	smb_json j;

	smb_buf_init(&json);
	smb_json_init(&j, &json, 0);
	smb_json_array_begin(&j);
	for (const char *p = text; *p;) {
		const char *e = strstr(p, sep);
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char item[256];
		snprintf(item, sizeof item, "%.*s", (int)len, p);
		smb_json_string(&j, item);
		p += len + (e ? seplen : 0);
	}
	smb_json_array_end(&j);
	smb_table_value(t, smb_buf_str(&json), text);
	if (json.failed)
		t->failed = 1;
	smb_buf_free(&json);
}

/* What an industry changes: its plugin's goalposts, rules and initiatives,
 * and the facts every client of it has. */
int cmd_industries(cli_ctx *c, const cli_args *a)
{
	static const char *const cols[] = { "industry", "plugin", "facts", "goalposts#", "rules#", "initiatives#",
	                                    "aliases" };
	const char *fmt, *names[64];
	smb_registry reg;
	smb_table t;
	size_t n;
	int rc;

	if ((rc = cli_format(c, "text json", &fmt)) || (rc = cli_registry(c, a, &reg)))
		return rc;
	n = smb_industry_list(&reg, names, 64);
	smb_table_init(&t, 7, cols);
	smb_table_json(&t, "industries", 1);
	for (size_t i = 0; i < n; i++) {
		char facts[256] = "", al[256];
		const char *plugin = "";
		long long ngp = 0, nru = 0, nin = 0;
		for (size_t k = 0; k < reg.nplugins; k++)
			if (reg.plugins[k].industry && strcmp(reg.plugins[k].industry, names[i]) == 0) {
				plugin = reg.plugins[k].name;
				smb_facts_format(reg.plugins[k].facts, facts, sizeof facts);
			}
		for (size_t k = 0; k < reg.ngps; k++)
			ngp += reg.gps[k].industry && strcmp(reg.gps[k].industry, names[i]) == 0;
		for (size_t k = 0; k < reg.nrules; k++)
			nru += reg.rules[k].nindustries && reg.rules[k].industries[0][0] != '!' && smb_rule_applies(&reg.rules[k], names[i], ~0u);
		for (size_t k = 0; k < reg.ninitiatives; k++)
			nin += reg.initiatives[k].nindustries && reg.initiatives[k].industries[0][0] != '!' && smb_initiative_applies(&reg.initiatives[k], names[i], ~0u);
		smb_industry_aliases(names[i], al, sizeof al);
		smb_table_text(&t, names[i]);
		smb_table_text(&t, plugin);
		list_cell(&t, facts, ",");
		smb_table_integer(&t, ngp);
		smb_table_integer(&t, nru);
		smb_table_integer(&t, nin);
		list_cell(&t, al, ", ");
	}
	if (smb_table_render(&t, fmt, &c->out))
		rc = smb_err_set(&c->err, SMB_ESOFTWARE, "out of memory");
	smb_table_free(&t);
	smb_registry_free(&reg);
	return rc;
}
