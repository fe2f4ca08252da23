/* core/cli/cmd_report.c — smbopt report (the client's report as HTML, PDF,
 * XLSX or Markdown) and smbopt note (a consultant's notes beside the
 * report's findings and initiatives). PDF is printed by a headless
 * Chromium found at run time: an optional dependency, never a build one. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "note.h"
#include "outfile.h"
#include "report.h"
#include "table.h"

/* Writes the bytes to path through the one helper for files smbopt writes
 * (outfile.h): a temporary file beside it and a rename, never through a
 * link or onto a device, a file of another user or the workspace. */
static int write_file(cli_ctx *c, const char *path, const char *data, size_t len)
{
	smb_outfile o;
	int rc;

	if ((rc = smb_outfile_open(&o, path, smb_store_default_path(c->db), &c->err)))
		return rc;
	if (fwrite(data, 1, len, o.f) != len)
		rc = smb_err_set(&c->err, SMB_ECANTCREAT, "%s: %s", path, strerror(errno ? errno : EIO));
	if (rc == SMB_OK)
		rc = smb_outfile_commit(&o, &c->err);
	smb_outfile_discard(&o);
	return rc;
}

static int read_file(const char *path, smb_buf *out)
{
	char chunk[65536];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (!f)
		return -1;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		smb_buf_append(out, chunk, n);
	fclose(f);
	return out->failed ? -1 : 0;
}

/* $SMBOPT_CHROMIUM, else the first of the usual names on $PATH. */
static int find_chromium(char *out, size_t len)
{
	static const char *const names[] = { "chromium", "chromium-browser", "google-chrome", "google-chrome-stable" };
	const char *env = getenv("SMBOPT_CHROMIUM"), *path = getenv("PATH");

	if (env && *env) {
		snprintf(out, len, "%s", env);
		return access(out, X_OK) == 0 ? 0 : -1;
	}
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		for (const char *p = path ? path : "/usr/bin:/bin"; *p;) {
			size_t dl = strcspn(p, ":");
			snprintf(out, len, "%.*s/%s", (int)dl, dl ? p : ".", names[i]);
			if (access(out, X_OK) == 0)
				return 0;
			p += dl + (p[dl] == ':');
		}
	return -1;
}

/* Chromium prints html (a file) to pdf; its own output is discarded. It
 * gets two minutes, then is killed. */
static int print_pdf(cli_ctx *c, const char *chromium, const char *dir, const char *html, const char *pdf)
{
	char profile[2200], target[2200], url[2200];
	int status = 0;
	pid_t pid;

	snprintf(profile, sizeof profile, "--user-data-dir=%s/profile", dir);
	snprintf(target, sizeof target, "--print-to-pdf=%s", pdf);
	/* file:// and the path percent-encoded: $TMPDIR may hold spaces or '#' */
	{
		size_t o = (size_t)snprintf(url, sizeof url, "file://");
		for (const unsigned char *p = (const unsigned char *)html; *p && o + 4 < sizeof url; p++) {
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("/-._~", *p))
				url[o++] = (char)*p;
			else
				o += (size_t)snprintf(url + o, sizeof url - o, "%%%02X", *p);
		}
		url[o] = '\0';
	}
	if ((pid = fork()) < 0)
		return smb_err_set(&c->err, SMB_EIO, "cannot start %s: %s", chromium, strerror(errno));
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 1);
			dup2(null, 2);
		}
		execl(chromium, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		      "--disable-background-networking", "--disable-component-update", "--disable-sync",
		      "--no-pdf-header-footer", profile, target, url, (char *)NULL);
		_exit(127);
	}
	for (int waited = 0;; waited++) {
		pid_t r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			break;
		if (r < 0 && errno != EINTR)
			return smb_err_set(&c->err, SMB_EIO, "waiting for %s: %s", chromium, strerror(errno));
		if (waited >= 1200) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return smb_err_set(&c->err, SMB_EIO, "%s did not print the report within 120 s", chromium);
		}
		nanosleep(&(struct timespec){ 0, 100000000 }, NULL);
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return smb_err_set(&c->err, SMB_EIO, "%s failed to print the report (exit %d)", chromium,
		                   WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return SMB_OK;
}

static void remove_tree(const char *dir)
{
	pid_t pid = fork();

	/* Chromium's profile is a tree of its own making; rm knows it best */
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		if (null >= 0)
			dup2(null, 2);
		execlp("rm", "rm", "-rf", "--", dir, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

static int to_pdf(cli_ctx *c, const char *chromium, const smb_buf *html, const char *out)
{
	const char *tmpdir = getenv("TMPDIR");
	char dir[2048], hpath[2100], ppath[2100];
	smb_buf pdf;
	int rc;

	snprintf(dir, sizeof dir, "%s/smbopt-report.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (!mkdtemp(dir))
		return smb_err_set(&c->err, SMB_EIO, "cannot make a temporary folder: %s", strerror(errno));
	snprintf(hpath, sizeof hpath, "%s/report.html", dir);
	snprintf(ppath, sizeof ppath, "%s/report.pdf", dir);
	smb_buf_init(&pdf);
	if ((rc = write_file(c, hpath, html->data ? html->data : "", html->len)) == SMB_OK &&
	    (rc = print_pdf(c, chromium, dir, hpath, ppath)) == SMB_OK) {
		if (read_file(ppath, &pdf) || pdf.len < 5 || memcmp(pdf.data, "%PDF-", 5) != 0)
			rc = smb_err_set(&c->err, SMB_EIO, "%s wrote no PDF", chromium);
		else
			rc = write_file(c, out, pdf.data, pdf.len);
	}
	smb_buf_free(&pdf);
	remove_tree(dir);
	return rc;
}

int cmd_report(cli_ctx *c, const cli_args *a)
{
	const char *fmt, *out = cli_get(a, "o") ? cli_get(a, "o") : cli_get(a, "output");
	smb_report_opts o;
	smb_registry r;
	smb_report rp;
	smb_store *s;
	char chromium[4096];
	int rc, given;

	if (!c->format)
		c->format = "html";
	if ((rc = cli_format(c, "html pdf xlsx md", &fmt)))
		return rc;
	memset(&o, 0, sizeof o);
	o.client = a->pos[0];
	o.assessment = cli_get(a, "assessment");
	o.period = cli_get(a, "period");
	o.review = cli_get(a, "review") != NULL;
	o.budget = o.hours = NAN;
	if ((rc = cli_number(c, a, "budget", &o.budget, &given)))
		return rc;
	if (given && !(o.budget >= 0))
		return smb_err_set(&c->err, SMB_EUSAGE, "--budget must be a number >= 0");
	if ((rc = cli_number(c, a, "hours", &o.hours, &given)))
		return rc;
	if (given && !(o.hours >= 0))
		return smb_err_set(&c->err, SMB_EUSAGE, "--hours must be a number >= 0");
	if (o.assessment && o.period)
		return smb_err_set(&c->err, SMB_EUSAGE, "give --assessment or --period, not both");
	if ((strcmp(fmt, "pdf") == 0 || strcmp(fmt, "xlsx") == 0) && !out)
		return smb_err_set(&c->err, SMB_EUSAGE, "--format %s writes a file: give -o FILE", fmt);
	if (strcmp(fmt, "pdf") == 0 && find_chromium(chromium, sizeof chromium))
		return smb_err_set(&c->err, SMB_ECONFIG,
		                   "--format pdf needs Chromium to print the report, and none was found%s%s (install it, e.g. "
		                   "apt-get install chromium, or set SMBOPT_CHROMIUM to its path); or write --format html and "
		                   "print that",
		                   getenv("SMBOPT_CHROMIUM") ? " at SMBOPT_CHROMIUM=" : " on PATH",
		                   getenv("SMBOPT_CHROMIUM") ? getenv("SMBOPT_CHROMIUM") : "");
	if ((rc = cli_registry(c, a, &r)))
		return rc;
	if ((rc = cli_open(c, &s))) {
		smb_registry_free(&r);
		return rc;
	}
	if ((rc = smb_report_build(s, &r, &o, &rp, &c->err)) == SMB_OK) {
		smb_buf doc;
		smb_buf_init(&doc);
		if (strcmp(fmt, "xlsx") == 0) {
			rc = smb_report_xlsx(&rp, out, smb_store_default_path(c->db), &c->err);
		} else if ((strcmp(fmt, "md") == 0 ? smb_report_md(&rp, &doc) : smb_report_html(&rp, &doc))) {
			rc = smb_err_set(&c->err, SMB_ESOFTWARE, "out of memory");
		} else if (strcmp(fmt, "pdf") == 0) {
			rc = to_pdf(c, chromium, &doc, out);
		} else if (out) {
			rc = write_file(c, out, doc.data ? doc.data : "", doc.len);
		} else {
			smb_buf_append(&c->out, doc.data ? doc.data : "", doc.len);
		}
		smb_buf_free(&doc);
		smb_report_free(&rp);
	}
	smb_store_close(s);
	smb_registry_free(&r);
	return rc;
}

static int assessment_id(cli_ctx *c, const char *s, long long *id)
{
	char *end;

	*id = strtoll(s, &end, 10);
	if (*end || *id <= 0)
		return smb_err_set(&c->err, SMB_EUSAGE, "'%s' is not an assessment id (see 'smbopt assessments CLIENT')", s);
	return SMB_OK;
}

int cmd_note_add(cli_ctx *c, const cli_args *a)
{
	const char *finding = cli_get(a, "finding"), *initiative = cli_get(a, "initiative");
	smb_note n;
	smb_store *s;
	int rc;

	memset(&n, 0, sizeof n);
	if ((rc = assessment_id(c, a->pos[0], &n.assessment_id)))
		return rc;
	if (!finding == !initiative)
		return smb_err_set(&c->err, SMB_EUSAGE, "a note is on one item: give --finding RULE or --initiative ID");
	if (!cli_get(a, "text"))
		return smb_err_set(&c->err, SMB_EUSAGE, "note add needs --text TEXT");
	n.target = finding ? "finding" : "initiative";
	n.item = (char *)(finding ? finding : initiative);
	n.text = (char *)cli_get(a, "text");
	n.hidden = cli_get(a, "hide") != NULL;
	if ((rc = cli_open(c, &s)))
		return rc;
	if ((rc = smb_note_add(s, &n, &c->err)) == SMB_OK)
		smb_buf_printf(&c->out, "note #%lld on %s %s of assessment %lld%s\n", n.id, n.target, n.item, n.assessment_id,
		               n.hidden ? " (the finding is hidden from the client)" : "");
	smb_store_close(s);
	return rc;
}

int cmd_note_list(cli_ctx *c, const cli_args *a)
{
	const char *fmt;
	long long id;
	smb_note *v;
	smb_store *s;
	size_t n;
	int rc;

	if ((rc = cli_format(c, "text json", &fmt)) || (rc = assessment_id(c, a->pos[0], &id)))
		return rc;
	if ((rc = cli_open(c, &s)))
		return rc;
	{
		smb_assessment *as;
		if ((rc = smb_assessment_load(s, id, &as, &c->err))) {
			smb_store_close(s);
			return rc;
		}
		smb_assessment_free(as);
	}
	if ((rc = smb_note_list(s, id, &v, &n, &c->err)) == SMB_OK) {
		static const char *const cols[] = { "id#", "target", "item", "hidden", "text", "created" };
		smb_table t;
		smb_table_init(&t, 6, cols);
		smb_table_json(&t, "notes", 1);
		for (size_t i = 0; i < n; i++) {
			smb_table_integer(&t, v[i].id);
			smb_table_text(&t, v[i].target);
			smb_table_text(&t, v[i].item);
			smb_table_bool(&t, v[i].hidden, "yes", "no");
			smb_table_text(&t, v[i].text);
			smb_table_text(&t, v[i].created);
		}
		if (smb_table_render(&t, fmt, &c->out))
			rc = smb_err_set(&c->err, SMB_ESOFTWARE, "out of memory");
		smb_table_free(&t);
		smb_note_list_free(v, n);
	}
	smb_store_close(s);
	return rc;
}

int cmd_note_rm(cli_ctx *c, const cli_args *a)
{
	smb_store *s;
	char *end;
	long long id = strtoll(a->pos[0], &end, 10);
	int rc;

	if (*end || id <= 0)
		return smb_err_set(&c->err, SMB_EUSAGE, "'%s' is not a note id (see 'smbopt note list ASSESSMENT')", a->pos[0]);
	if ((rc = cli_open(c, &s)))
		return rc;
	if ((rc = smb_note_remove(s, id, &c->err)) == SMB_OK)
		smb_buf_printf(&c->out, "removed note #%lld\n", id);
	smb_store_close(s);
	return rc;
}
