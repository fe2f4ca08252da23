/* core/cli/cmd_import.c — smbopt import, imports, observations, kinds. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "client.h"
#include "import.h"
#include "json.h"
#include "number.h"
#include "observation.h"
#include "table.h"

/* Standard input is copied to a private file first: the importer reads a
 * file twice (its SHA-256, then its rows), and a pipe can be read once. */
static int stdin_copy(cli_ctx *c, char *path, size_t len)
{
	const char *tmp = getenv("TMPDIR");
	char chunk[65536];
	size_t n;
	int fd, bad = 0;
	FILE *f;

	snprintf(path, len, "%s/smbopt-stdin-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if ((fd = mkstemp(path)) < 0)
		return smb_err_set(&c->err, SMB_ECANTCREAT, "%s: %s", path, strerror(errno));
	if (!(f = fdopen(fd, "wb"))) {
		close(fd);
		unlink(path);
		return smb_err_set(&c->err, SMB_EIO, "%s: %s", path, strerror(errno));
	}
	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		bad |= fwrite(chunk, 1, n, f) != n;
	bad |= ferror(stdin) != 0;
	if (fclose(f) != 0 || bad) {
		unlink(path);
		return smb_err_set(&c->err, SMB_EIO, "standard input: cannot read it into %s", path);
	}
	return SMB_OK;
}

int cmd_import(cli_ctx *c, const cli_args *a)
{
	char copy[PATH_MAX];
	int from_stdin = strcmp(a->pos[1], "-") == 0;
	smb_import_opts o = { 0 };
	smb_import_report r;
	smb_registry reg;
	smb_store *s;
	const char *d = cli_get(a, "delimiter");
	int rc;

	o.client_id = a->pos[0];
	o.path = a->pos[1];
	o.kind = cli_get(a, "kind");
	o.period = cli_get(a, "period");
	o.dry_run = cli_get(a, "dry-run") != NULL;
	o.skip_bad = cli_get(a, "skip-bad") != NULL;
	o.replace = cli_get(a, "replace") != NULL;
	if (d) {
		if (strcmp(d, "\\t") == 0 || strcmp(d, "tab") == 0)
			o.delimiter = '\t';
		else if (strlen(d) == 1 && strchr(",;\t|", d[0]))
			o.delimiter = d[0];
		else
			return smb_err_set(&c->err, SMB_EUSAGE, "--delimiter must be one of , ; | or tab");
	}
	o.name = cli_get(a, "name");
	if (from_stdin) {
		if (!o.name)
			o.name = "stdin";
		if ((rc = stdin_copy(c, copy, sizeof copy)))
			return rc;
		o.path = copy;
	}
	if ((rc = cli_registry(c, a, &reg))) {
		if (from_stdin)
			unlink(copy);
		return rc;
	}
	o.kinds = &reg.kinds;
	o.answer = cli_answer;
	o.answer_ud = &reg;
	o.metric = cli_metric_facts;
	o.metric_ud = &reg;
	o.allow_unknown = cli_get(a, "allow-unknown") != NULL;
	o.allow_implausible = cli_get(a, "allow-implausible") != NULL;
	if ((rc = cli_open(c, &s))) {
		smb_registry_free(&reg);
		if (from_stdin)
			unlink(copy);
		return rc;
	}
	rc = smb_import(s, &o, &r, &c->err);
	if (from_stdin)
		unlink(copy);
	if (r.errors.len)
		fputs(smb_buf_str(&r.errors), stderr);
	if (r.warnings.len)
		fputs(smb_buf_str(&r.warnings), stderr);
	if (rc == SMB_OK) {
		const char *form = strcmp(r.kind, "metrics") ? "" : r.wide ? " (wide)" : " (long)";
		if (o.dry_run)
			smb_buf_printf(&c->out, "%s is valid: kind %s%s, %lld rows, %lld accepted, %lld rejected; nothing written (dry run)\n",
			               o.name ? o.name : o.path, r.kind, form, r.rows, r.accepted, r.rejected);
		else
			smb_buf_printf(&c->out, "imported %s for %s: kind %s%s, %lld rows, %lld values (import #%lld)\n",
			               o.name ? o.name : o.path, o.client_id, r.kind, form, r.accepted, r.values, r.import_id);
		if (o.replace && !o.dry_run) {
			if (r.nreplaced)
				smb_buf_puts(&c->out, smb_buf_str(&r.replaced));
			else
				smb_buf_puts(&c->out, "replaced no earlier import (none of the same contents or file name)\n");
		}
		if (r.unknown)
			smb_buf_printf(&c->out, "%lld values of undeclared metrics kept (--allow-unknown)\n", r.unknown);
		if (r.implausible)
			smb_buf_printf(&c->out, "%lld implausible values kept and flagged (--allow-implausible)\n", r.implausible);
		if (r.rejected && r.rejects_path)
			smb_buf_printf(&c->out, "%lld rows rejected, written with reasons to %s\n", r.rejected, r.rejects_path);
	}
	smb_import_report_free(&r);
	smb_store_close(s);
	smb_registry_free(&reg);
	return rc;
}

int cmd_imports(cli_ctx *c, const cli_args *a)
{
	static const char *const cols[] = { "id#", "kind", "file", "rows#", "rejected#", "period", "sha256", "replaced_by#", "created" };
	const char *fmt;
	smb_store *s;
	sqlite3_stmt *st;
	smb_table t;
	int rc, step;

	if ((rc = cli_format(c, "text json", &fmt)) || (rc = cli_open_read(c, &s)))
		return rc;
	if ((rc = smb_store_prepare(s,
	        "SELECT id, kind, file, rows, rejected, period, sha256, replaced_by, created FROM import"
	        " WHERE client_id = ?1 ORDER BY id", &st, &c->err))) {
		smb_store_close(s);
		return rc;
	}
	smb_bind_text(st, 1, a->pos[0]);
	smb_table_init(&t, 9, cols);
	smb_table_json(&t, "imports", 1);
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		for (int i = 0; i < 9; i++)
			switch (sqlite3_column_type(st, i)) {
			case SQLITE_INTEGER: smb_table_integer(&t, sqlite3_column_int64(st, i)); break;
			case SQLITE_NULL: smb_table_null(&t); break;
			default: smb_table_text(&t, (const char *)sqlite3_column_text(st, i)); break;
			}
	rc = step == SQLITE_DONE ? SMB_OK : smb_store_error(s, "listing imports", &c->err);
	sqlite3_finalize(st);
	if (rc == SMB_OK && smb_table_render(&t, fmt, &c->out))
		rc = smb_err_set(&c->err, SMB_ESOFTWARE, "out of memory");
	smb_table_free(&t);
	smb_store_close(s);
	return rc;
}

int cmd_observations(cli_ctx *c, const cli_args *a)
{
	static const char *const cols[] = { "period", "metric", "value#", "source", "import#", "note" };
	smb_observation *v;
	const char *fmt;
	smb_store *s;
	smb_table t;
	size_t n;
	int rc;

	if ((rc = cli_format(c, "text json csv", &fmt)) || (rc = cli_open_read(c, &s)))
		return rc;
	rc = smb_observations_list(s, a->pos[0], cli_get(a, "period"), &v, &n, &c->err);
	if (rc == SMB_OK && n == 0) {
		/* An empty list for an unknown client would hide a typo. */
		smb_client_check(s, a->pos[0], &rc, &c->err);
	}
	if (rc == SMB_OK) {
		smb_table_init(&t, 6, cols);
		smb_table_json(&t, "observations", 1);
		for (size_t i = 0; i < n; i++) {
			smb_table_text(&t, v[i].period);
			smb_table_text(&t, v[i].metric);
			smb_table_number(&t, v[i].value, NULL);
			smb_table_text(&t, v[i].source);
			smb_table_integer(&t, v[i].import_id);
			smb_table_text(&t, v[i].note);
		}
		if (smb_table_render(&t, fmt, &c->out))
			rc = smb_err_set(&c->err, SMB_ESOFTWARE, "out of memory");
		smb_table_free(&t);
		smb_observations_free(v, n);
	}
	smb_store_close(s);
	return rc;
}

int cmd_kinds(cli_ctx *c, const cli_args *a)
{
	static const char *const cols[] = { "kind", "origin", "columns", "description" };
	const char *fmt;
	smb_registry reg;
	smb_kindset ks;
	smb_table t;
	int rc;

	if ((rc = cli_format(c, "text json", &fmt)) || (rc = cli_registry(c, a, &reg)))
		return rc;
	ks = reg.kinds;
	smb_table_init(&t, 4, cols);
	smb_table_json(&t, "kinds", 1);
	for (size_t i = 0; i < ks.n; i++) {
		/* Text shows the columns as "?optional:type,name:type"; JSON as
		 * objects with name, type and required. */
		smb_buf text, json;
		smb_json j;
		smb_buf_init(&text);
		smb_buf_init(&json);
		smb_json_init(&j, &json, 0);
		smb_json_array_begin(&j);
		for (size_t k = 0; k < ks.v[i].ncols; k++) {
			const smb_column *col = &ks.v[i].cols[k];
			smb_buf_printf(&text, "%s%s%s:%s", k ? "," : "", col->required ? "" : "?", col->name,
			               smb_coltype_name(col->type));
			smb_json_object_begin(&j);
			smb_json_key(&j, "name");
			smb_json_string(&j, col->name);
			smb_json_key(&j, "type");
			smb_json_string(&j, smb_coltype_name(col->type));
			smb_json_key(&j, "required");
			smb_json_bool(&j, col->required);
			smb_json_object_end(&j);
		}
		smb_json_array_end(&j);
		smb_table_text(&t, ks.v[i].name);
		smb_table_text(&t, ks.v[i].origin);
		smb_table_value(&t, smb_buf_str(&json), smb_buf_str(&text));
		smb_table_text(&t, ks.v[i].description);
		if (text.failed || json.failed)
			t.failed = 1;
		smb_buf_free(&text);
		smb_buf_free(&json);
	}
	if (smb_table_render(&t, fmt, &c->out))
		rc = smb_err_set(&c->err, SMB_ESOFTWARE, "out of memory");
	smb_table_free(&t);
	smb_registry_free(&reg);
	return rc;
}
