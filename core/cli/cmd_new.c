/* core/cli/cmd_new.c — scaffolds: `new playbook FILE` writes a commented
 * playbook that passes `playbook check` and `playbook test` as written (a
 * test runs both on it); `new plugin DIR` copies the bundled plugin
 * skeleton, which builds with nothing but pkg-config. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "outfile.h"
#include "paths.h"

static const char *const areas[] = { "operations", "marketing", "finance", "customer", "technology" };

/* The playbook's name: the file's base name without .lua, folded to the
 * [a-z0-9_] that metric keys allow; "my_playbook" when nothing is left. */
static void name_of(const char *path, char *name, size_t len)
{
	const char *base = strrchr(path, '/');
	size_t n = 0;

	base = base ? base + 1 : path;
	for (const char *p = base; *p && n + 1 < len; p++) {
		char ch = *p;
		if (strcmp(p, ".lua") == 0)
			break;
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')))
			ch = '_';
		if (n == 0 && !(ch >= 'a' && ch <= 'z'))
			continue;
		name[n++] = ch;
	}
	name[n] = '\0';
	if (!n)
		snprintf(name, len, "my_playbook");
}

/* Writes all of buf to a new file (or replaces one with force), through
 * the one helper for files smbopt writes (outfile.h): never through a link
 * or onto a device or a file of another user. */
static int write_new(cli_ctx *c, const char *path, const char *data, size_t len, int force, mode_t mode)
{
	struct stat st;
	smb_outfile o;
	int rc;

	if (!force && lstat(path, &st) == 0)
		return smb_err_set(&c->err, SMB_ECANTCREAT, "%s: %s (--force replaces it)", path, strerror(EEXIST));
	if ((rc = smb_outfile_open(&o, path, NULL, &c->err)))
		return rc;
	if (fwrite(data, 1, len, o.f) != len || fchmod(fileno(o.f), mode) != 0)
		rc = smb_err_set(&c->err, SMB_EIO, "%s: %s", path, strerror(errno ? errno : EIO));
	if (rc == SMB_OK)
		rc = smb_outfile_commit(&o, &c->err);
	smb_outfile_discard(&o);
	return rc;
}

int cmd_new_playbook(cli_ctx *c, const cli_args *a)
{
	const char *area = cli_get(a, "area");
	const char *file = a->pos[0];
	char n[64], up[64];
	smb_buf b;
	size_t i;
	int rc;

	if (!area)
		area = "operations";
	for (i = 0; i < sizeof areas / sizeof areas[0]; i++)
		if (strcmp(areas[i], area) == 0)
			break;
	if (i == sizeof areas / sizeof areas[0])
		return smb_err_set(&c->err, SMB_EUSAGE,
		                   "--area %s: one of operations, marketing, finance, customer, technology", area);
	name_of(file, n, sizeof n);
	for (i = 0; n[i] && i + 1 < sizeof up; i++)
		up[i] = (char)(n[i] >= 'a' && n[i] <= 'z' ? n[i] - 'a' + 'A' : n[i] == '_' ? '-' : n[i]);
	up[i] = '\0';
	smb_buf_init(&b);
	smb_buf_printf(&b,
		"-- %s: an smbopt playbook, written by 'smbopt new playbook'.\n"
		"-- The reference of every declaration: smbopt-playbook(5) and docs/playbook.md.\n"
		"--   smbopt playbook check %s   validates it against everything loaded\n"
		"--   smbopt playbook test %s    runs its test_* functions (TAP)\n"
		"--   smbopt assess ID --period P --playbook %s   uses it\n"
		"-- Replace the names, numbers and sources with ones you can cite.\n\n"
		"playbook \"%s\" {\n"
		"  version = \"0.1\",\n"
		"  description = \"What this playbook measures, for whom\",\n"
		"}\n\n"
		"-- Observed inputs: a metrics CSV carries them (period,metric,value).\n"
		"-- rollup says how months add up to a quarter or a year: sum, last or mean.\n"
		"metric \"%s.%s_done\"    { label = \"Tasks done\", unit = \"count\", better = \"higher\", rollup = \"sum\" }\n"
		"metric \"%s.%s_planned\" { label = \"Tasks planned\", unit = \"count\", better = \"higher\", rollup = \"sum\" }\n\n"
		"-- A derived metric: computed only when all its inputs have values.\n"
		"-- m[key] reads a value of the period; p = { period, days, months, industry }.\n"
		"metric \"%s.%s_done_pct\" {\n"
		"  label = \"Share of planned tasks done\", unit = \"%%\", better = \"higher\", rollup = \"derived\",\n"
		"  inputs = { \"%s.%s_done\", \"%s.%s_planned\" },\n"
		"  compute = function (m, p)\n"
		"    local planned = m[\"%s.%s_planned\"]\n"
		"    if planned <= 0 then return nil end   -- nil: not defined, never a division by zero\n"
		"    return 100 * m[\"%s.%s_done\"] / planned\n"
		"  end,\n"
		"  -- scored 0 at worst, 100 at best, linear between\n"
		"  goalposts = { worst = 50, best = 95, source = \"Rule of thumb of this playbook: replace with a source\" },\n"
		"}\n\n"
		"-- A rule: evaluated when all its metrics have values; when it fires, a finding.\n"
		"rule \"%s-0010\" {\n"
		"  area = \"%s\", kind = \"weakness\", severity = \"medium\",\n"
		"  metrics = { \"%s.%s_done_pct\" },\n"
		"  when = function (m) return m[\"%s.%s_done_pct\"] < 80 end,\n"
		"  title = \"Planned work is left undone\",\n"
		"  detail = \"Only {%s.%s_done_pct:%%.0f}%% of the planned tasks were done.\",\n"
		"  recommend = { \"%s-weekly-review\" },\n"
		"}\n\n"
		"-- An initiative: what it costs, how sure it is, what it changes.\n"
		"initiative \"%s-weekly-review\" {\n"
		"  area = \"%s\", title = \"A weekly review of the plan with the team\",\n"
		"  cost = 0, hours = 12, months = 3, confidence = 0.6,\n"
		"  effect = { [\"%s.%s_done\"] = 5 },\n"
		"}\n\n"
		"-- Tests: `smbopt playbook test` runs every function named test_*.\n"
		"function test_%s(t)\n"
		"  t.near(t.compute(\"%s.%s_done_pct\", { [\"%s.%s_done\"] = 45, [\"%s.%s_planned\"] = 50 }), 90, 1e-12,\n"
		"         \"45 of 50 planned is 90%%\")\n"
		"  t.eq(t.compute(\"%s.%s_done_pct\", { [\"%s.%s_done\"] = 3, [\"%s.%s_planned\"] = 0 }), nil,\n"
		"       \"no share of nothing planned\")\n"
		"  t.eq(t.fires(\"%s-0010\", { [\"%s.%s_done_pct\"] = 79 }), true, \"fires below 80%%\")\n"
		"  t.eq(t.fires(\"%s-0010\", { [\"%s.%s_done_pct\"] = 80 }), false, \"not at 80%%\")\n"
		"  t.near(t.score(\"%s.%s_done_pct\", 72.5), 50, 1e-9, \"halfway between the goalposts scores 50\")\n"
		"end\n",
		file, file, file, file, n,
		area, n, area, n,
		area, n, area, n, area, n, area, n, area, n,
		up, area, area, n, area, n, area, n, up,
		up, area, area, n,
		n, area, n, area, n, area, n, area, n, area, n, area, n,
		up, area, n, up, area, n, area, n);
	if (b.failed) {
		smb_buf_free(&b);
		return smb_err_set(&c->err, SMB_ESOFTWARE, "out of memory");
	}
	rc = write_new(c, file, b.data, b.len, cli_get(a, "force") != NULL, 0644);
	smb_buf_free(&b);
	if (rc == SMB_OK)
		smb_buf_printf(&c->out, "wrote %s: check it with 'smbopt playbook check %s', test it with "
		               "'smbopt playbook test %s'\n", file, file, file);
	return rc;
}

static int copy_file(cli_ctx *c, const char *from, const char *to, int force)
{
	FILE *f = fopen(from, "rb");
	smb_buf b;
	char chunk[8192];
	size_t n;
	int rc;

	if (!f)
		return smb_err_set(&c->err, SMB_ENOINPUT, "%s: %s (is smbopt installed completely?)", from, strerror(errno));
	smb_buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		smb_buf_append(&b, chunk, n);
	rc = ferror(f) || b.failed ? smb_err_set(&c->err, SMB_EIO, "%s: cannot read", from) : SMB_OK;
	fclose(f);
	if (rc == SMB_OK)
		rc = write_new(c, to, b.data ? b.data : "", b.len, force, 0644);
	smb_buf_free(&b);
	return rc;
}

int cmd_new_plugin(cli_ctx *c, const cli_args *a)
{
	static const char *const files[] = { "Makefile", "README.md", "bakery.c" };
	const char *dir = a->pos[0];
	int force = cli_get(a, "force") != NULL;
	smb_paths p;
	int rc = SMB_OK;

	if (mkdir(dir, 0755) != 0 && !(errno == EEXIST && force))
		return smb_err_set(&c->err, SMB_ECANTCREAT, "%s: %s%s", dir, strerror(errno),
		                   errno == EEXIST ? " (--force writes into it)" : "");
	smb_paths_get(&p);
	for (size_t i = 0; rc == SMB_OK && i < sizeof files / sizeof files[0]; i++) {
		char from[PATH_MAX + 64], to[PATH_MAX + 64];
		snprintf(from, sizeof from, "%s/plugin-skeleton/%s", p.examples, files[i]);
		snprintf(to, sizeof to, "%s/%s", dir, files[i]);
		rc = copy_file(c, from, to, force);
	}
	if (rc == SMB_OK)
		smb_buf_printf(&c->out, "wrote %s: a bakery plugin to rename; 'make -C %s' builds it against "
		               "pkg-config's smbopt-plugin\n", dir, dir);
	return rc;
}
