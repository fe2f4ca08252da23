/* core/cli/cmd_client.c — smbopt client add | list | show. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "client.h"
#include "json.h"
#include "table.h"

int cmd_client_add(cli_ctx *c, const cli_args *a)
{
	smb_client cl = { 0 };
	smb_store *s;
	double emp = -1;
	int given, rc;

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
	if ((rc = cli_number(c, a, "employees", &emp, &given)))
		return rc;
	if (given) {
		if (emp < 0 || emp > 1e7 || emp != (double)(long long)emp)
			return smb_err_set(&c->err, SMB_EUSAGE, "--employees must be a whole number of people");
		cl.employees = (long long)emp;
	}
	if ((rc = cli_open(c, &s)))
		return rc;
	rc = smb_client_add(s, &cl, &c->err);
	if (rc == SMB_OK)
		smb_buf_printf(&c->out, "added client %s (%s, %s)\n", cl.id, cl.name, cl.industry);
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
	if ((rc = cli_open(c, &s)))
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
	if ((rc = cli_open(c, &s)))
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
			smb_buf_printf(&c->out, "id:        %s\nname:      %s\nindustry:  %s\n", cl.id, cl.name, cl.industry);
			if (cl.employees >= 0)
				smb_buf_printf(&c->out, "employees: %lld\n", cl.employees);
			smb_buf_printf(&c->out, "currency:  %s\ncreated:   %s\n", cl.currency, cl.created);
		}
		smb_client_free(&cl);
	}
	smb_store_close(s);
	return rc;
}
