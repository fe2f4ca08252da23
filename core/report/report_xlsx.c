/* core/report/report_xlsx.c — the report as an XLSX workbook (libxlsxwriter),
 * for consultants who work on in a spreadsheet: sheets Summary, Metrics,
 * Findings, Initiatives, Plan, Goals and History, each one table with a
 * frozen header row and an autofilter; numbers stored as numbers with
 * number and currency formats; a missing number an empty cell. */
#include "config.h"

#include "report_int.h"
#include "outfile.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef HAVE_XLSXWRITER
#include <xlsxwriter.h>

#include "kind.h"

typedef struct book {
	lxw_workbook *wb;
	lxw_format *head, *num, *num1, *money, *pct, *integer;
} book;

typedef struct sheet {
	lxw_worksheet *ws;
	lxw_row_t row;
	lxw_col_t ncols;
} sheet;

/* A text cell that a spreadsheet could read as a formula (= + - @, or a
 * tab or CR first) gets a leading apostrophe. The shared CSV helper of the
 * safety work is to replace this one; both follow OWASP's "CSV injection"
 * advice. */
static void text_cell(sheet *s, lxw_col_t col, const char *t)
{
	char *safe;
	size_t n;

	if (!t || !*t)
		return;
	if (!strchr("=+-@\t\r", t[0])) {
		worksheet_write_string(s->ws, s->row, col, t, NULL);
		return;
	}
	n = strlen(t);
	if (!(safe = malloc(n + 2)))
		return;
	safe[0] = '\'';
	memcpy(safe + 1, t, n + 1);
	worksheet_write_string(s->ws, s->row, col, safe, NULL);
	free(safe);
}

static void num_cell(sheet *s, lxw_col_t col, double v, lxw_format *f)
{
	if (!isnan(v) && isfinite(v))
		worksheet_write_number(s->ws, s->row, col, v, f);
}

static int open_sheet(book *b, sheet *s, const char *name, const char *const *cols, const double *widths)
{
	memset(s, 0, sizeof *s);
	if (!(s->ws = workbook_add_worksheet(b->wb, name)))
		return -1;
	while (cols[s->ncols]) {
		worksheet_write_string(s->ws, 0, s->ncols, cols[s->ncols], b->head);
		worksheet_set_column(s->ws, s->ncols, s->ncols, widths[s->ncols], NULL);
		s->ncols++;
	}
	worksheet_freeze_panes(s->ws, 1, 0);
	s->row = 1;
	return 0;
}

static void close_sheet(sheet *s)
{
	worksheet_autofilter(s->ws, 0, 0, s->row > 1 ? s->row - 1 : 1, (lxw_col_t)(s->ncols - 1));
}

static const char *money_format(const smb_report *rp, char *out, size_t len)
{
	const char *cur = rp->client.currency ? rp->client.currency : "EUR";

	if (strcmp(cur, "EUR") == 0)
		snprintf(out, len, "[$\xe2\x82\xac-x-euro2] #,##0.00;-[$\xe2\x82\xac-x-euro2] #,##0.00");
	else if (strcmp(cur, "GBP") == 0)
		snprintf(out, len, "\"\xc2\xa3\"#,##0.00;-\"\xc2\xa3\"#,##0.00");
	else if (strcmp(cur, "USD") == 0)
		snprintf(out, len, "\"$\"#,##0.00;-\"$\"#,##0.00");
	else
		snprintf(out, len, "#,##0.00 \"%.3s\";-#,##0.00 \"%.3s\"", cur, cur);
	return out;
}

static void summary(book *b, const smb_report *rp)
{
	static const char *const cols[] = { "area", "score", "level", "coverage", "weight", NULL };
	static const double w[] = { 24, 10, 16, 10, 10 };
	const smb_assessment *a = rp->a;
	sheet s;

	if (open_sheet(b, &s, "Summary", cols, w))
		return;
	text_cell(&s, 0, "overall");
	num_cell(&s, 1, a->overall, b->num1);
	text_cell(&s, 2, a->level);
	s.row++;
	for (int k = 0; k < 5; k++, s.row++) {
		text_cell(&s, 0, smb_areas[k]);
		num_cell(&s, 1, a->areas[k].score, b->num1);
		text_cell(&s, 2, isnan(a->areas[k].score) ? a->areas[k].reason : a->areas[k].level);
		num_cell(&s, 3, a->areas[k].coverage, b->pct);
		num_cell(&s, 4, a->areas[k].weight, b->num);
	}
	close_sheet(&s);
	/* who and when, under the table */
	s.row++;
	{
		const char *k[] = { "client", "client id", "industry", "currency", "period", "assessment", "created",
			                "method fingerprint" };
		char id[32];
		const char *v[8];
		snprintf(id, sizeof id, "%lld", a->id);
		v[0] = a->client_name;
		v[1] = a->client_id;
		v[2] = a->industry;
		v[3] = rp->client.currency;
		v[4] = a->period;
		v[5] = id;
		v[6] = a->created;
		v[7] = a->fingerprint;
		for (int i = 0; i < 8; i++, s.row++) {
			worksheet_write_string(s.ws, s.row, 0, k[i], b->head);
			text_cell(&s, 1, v[i]);
		}
	}
}

static void metrics(book *b, const smb_report *rp, lxw_format *money)
{
	static const char *const cols[] = { "area", "key", "label", "value", "unit", "score", "worst", "best",
		                                "goalposts industry", "goalposts source", "source", NULL };
	static const double w[] = { 12, 34, 44, 14, 10, 8, 12, 12, 16, 50, 40 };
	sheet s;

	if (open_sheet(b, &s, "Metrics", cols, w))
		return;
	for (size_t i = 0; i < rp->a->nmetrics; i++, s.row++) {
		const smb_ametric *m = &rp->a->metrics[i];
		lxw_format *f = smb_rp_is_money(m->unit) ? money : b->num;
		char src[512];
		text_cell(&s, 0, smb_areas[m->area]);
		text_cell(&s, 1, m->key);
		text_cell(&s, 2, m->label);
		num_cell(&s, 3, m->value, f);
		text_cell(&s, 4, smb_rp_is_money(m->unit) ? rp->client.currency : m->unit);
		num_cell(&s, 5, m->score, b->num1);
		if (m->has_goalposts) {
			num_cell(&s, 6, m->worst, f);
			num_cell(&s, 7, m->best, f);
			text_cell(&s, 8, m->gp_industry ? m->gp_industry : "default");
			smb_rp_source(m->gp_source, src, sizeof src);
			text_cell(&s, 9, src);
		}
		smb_rp_source(m->source, src, sizeof src);
		text_cell(&s, 10, src);
	}
	close_sheet(&s);
}

/* All notes on an item, one per line. */
static void note_cell(sheet *s, lxw_col_t col, const smb_report *rp, const char *target, const char *item)
{
	const smb_note *n;
	smb_buf b;

	smb_buf_init(&b);
	for (size_t i = 0; (n = smb_rp_note(rp, target, item, i)); i++) {
		if (i)
			smb_buf_putc(&b, '\n');
		smb_buf_puts(&b, n->text);
	}
	if (b.len)
		text_cell(s, col, smb_buf_str(&b));
	smb_buf_free(&b);
}

static void findings(book *b, const smb_report *rp)
{
	static const char *const cols[] = { "rule", "area", "kind", "severity", "title", "detail", "evidence", "note",
		                                NULL };
	static const double w[] = { 18, 12, 12, 10, 44, 60, 40, 40 };
	sheet s;

	if (open_sheet(b, &s, "Findings", cols, w))
		return;
	for (size_t i = 0; i < rp->a->nfindings; i++) {
		const smb_afinding *f = &rp->a->findings[i];
		if (f->hidden)
			continue;
		text_cell(&s, 0, f->rule_id);
		text_cell(&s, 1, smb_areas[f->area]);
		text_cell(&s, 2, f->kind);
		text_cell(&s, 3, f->severity);
		text_cell(&s, 4, f->title);
		text_cell(&s, 5, f->detail);
		text_cell(&s, 6, f->evidence);
		note_cell(&s, 7, rp, "finding", f->rule_id);
		s.row++;
	}
	close_sheet(&s);
}

static void initiatives(book *b, const smb_report *rp, lxw_format *money)
{
	static const char *const cols[] = { "rank", "initiative", "area", "title", "gain", "priority", "cost", "hours",
		                                "months", "confidence", "note", NULL };
	static const double w[] = { 6, 28, 12, 60, 8, 8, 12, 8, 8, 10, 40 };
	sheet s;

	if (open_sheet(b, &s, "Initiatives", cols, w))
		return;
	for (size_t i = 0; i < rp->a->nrecs; i++, s.row++) {
		const smb_arec *r = &rp->a->recs[i];
		num_cell(&s, 0, (double)(i + 1), b->integer);
		text_cell(&s, 1, r->initiative_id);
		text_cell(&s, 2, smb_areas[r->area]);
		text_cell(&s, 3, r->title);
		num_cell(&s, 4, r->gain, b->num);
		num_cell(&s, 5, r->priority, b->num);
		num_cell(&s, 6, r->cost, money);
		num_cell(&s, 7, r->hours, b->integer);
		num_cell(&s, 8, r->months, b->integer);
		num_cell(&s, 9, r->confidence, b->pct);
		note_cell(&s, 10, rp, "initiative", r->initiative_id);
	}
	close_sheet(&s);
}

static void plan(book *b, const smb_report *rp, lxw_format *money)
{
	static const char *const cols[] = { "initiative", "in plan", "why", "cost", "hours", "gain", NULL };
	static const double w[] = { 28, 8, 60, 12, 8, 8 };
	sheet s;

	if (open_sheet(b, &s, "Plan", cols, w))
		return;
	if (!rp->have_plan) {
		text_cell(&s, 2, rp->plan_why);
		s.row++;
	}
	for (size_t i = 0; rp->have_plan && i < rp->plan.out.ncand; i++, s.row++) {
		const char *id = rp->plan.in.cand[i].id;
		char why[256];
		smb_planning_reason(&rp->plan, i, why, sizeof why);
		text_cell(&s, 0, id);
		text_cell(&s, 1, rp->plan.out.choice[i].chosen ? "yes" : "no");
		text_cell(&s, 2, why);
		for (size_t k = 0; k < rp->a->nrecs; k++)
			if (strcmp(rp->a->recs[k].initiative_id, id) == 0) {
				num_cell(&s, 3, rp->a->recs[k].cost, money);
				num_cell(&s, 4, rp->a->recs[k].hours, b->integer);
				num_cell(&s, 5, rp->a->recs[k].gain, b->num);
			}
	}
	close_sheet(&s);
}

static void goals(book *b, const smb_report *rp)
{
	static const char *const cols[] = { "goal", "metric", "baseline", "baseline period", "target", "deadline", "owner",
		                                "value now", "progress", "expected", "status", NULL };
	static const double w[] = { 6, 30, 12, 14, 12, 10, 16, 12, 10, 10, 12 };
	sheet s;

	if (open_sheet(b, &s, "Goals", cols, w))
		return;
	for (size_t i = 0; i < rp->ngoals; i++, s.row++) {
		const smb_report_goal *g = &rp->goal_at[i];
		num_cell(&s, 0, (double)g->goal->id, b->integer);
		text_cell(&s, 1, g->goal->metric);
		num_cell(&s, 2, g->goal->baseline, b->num);
		text_cell(&s, 3, g->goal->baseline_period);
		num_cell(&s, 4, g->goal->target, b->num);
		text_cell(&s, 5, g->goal->deadline);
		text_cell(&s, 6, g->goal->owner);
		num_cell(&s, 7, g->value, b->num);
		num_cell(&s, 8, g->progress, b->pct);
		num_cell(&s, 9, g->expected, b->pct);
		text_cell(&s, 10, smb_goal_status_name(g->status));
	}
	close_sheet(&s);
}

static void history(book *b, const smb_report *rp)
{
	static const char *const cols[] = { "assessment", "period", "created", "overall", "level", "operations",
		                                "marketing", "finance", "customer", "technology", NULL };
	static const double w[] = { 10, 10, 22, 9, 14, 11, 11, 11, 11, 11 };
	sheet s;

	if (open_sheet(b, &s, "History", cols, w))
		return;
	for (size_t i = 0; i < rp->ntrend; i++, s.row++) {
		const smb_assessment *t = rp->trend[i];
		num_cell(&s, 0, (double)t->id, b->integer);
		text_cell(&s, 1, t->period);
		text_cell(&s, 2, t->created);
		num_cell(&s, 3, t->overall, b->num1);
		text_cell(&s, 4, t->level);
		for (int k = 0; k < 5; k++)
			num_cell(&s, (lxw_col_t)(5 + k), t->areas[k].score, b->num1);
	}
	close_sheet(&s);
}

int smb_report_xlsx(const smb_report *rp, const char *path, const char *guard, smb_err *e)
{
	smb_outfile o;
	char mf[96];
	int rc;
	lxw_format *money;
	lxw_error err;
	book b;

	/* through the one helper for files smbopt writes (outfile.h): the
	 * workbook fills the temporary file it made, then it is renamed */
	if ((rc = smb_outfile_open(&o, path, guard, e)))
		return rc;
	fclose(o.f);
	o.f = NULL;
	memset(&b, 0, sizeof b);
	if (!(b.wb = workbook_new(o.tmp))) {
		smb_outfile_discard(&o);
		return smb_err_set(e, SMB_ECANTCREAT, "%s: cannot create the workbook", path);
	}
	b.head = workbook_add_format(b.wb);
	format_set_bold(b.head);
	format_set_bg_color(b.head, 0xE6E6E6);
	b.num = workbook_add_format(b.wb);
	format_set_num_format(b.num, "#,##0.00");
	b.num1 = workbook_add_format(b.wb);
	format_set_num_format(b.num1, "0.0");
	b.pct = workbook_add_format(b.wb);
	format_set_num_format(b.pct, "0.0%");
	b.integer = workbook_add_format(b.wb);
	format_set_num_format(b.integer, "#,##0");
	money = b.money = workbook_add_format(b.wb);
	format_set_num_format(money, money_format(rp, mf, sizeof mf));
	summary(&b, rp);
	metrics(&b, rp, money);
	findings(&b, rp);
	initiatives(&b, rp, money);
	plan(&b, rp, money);
	goals(&b, rp);
	history(&b, rp);
	if ((err = workbook_close(b.wb)) != LXW_NO_ERROR) {
		smb_outfile_discard(&o);
		return smb_err_set(e, SMB_ECANTCREAT, "%s: %s", path, lxw_strerror(err));
	}
	rc = smb_outfile_commit(&o, e);
	smb_outfile_discard(&o);
	return rc;
}

#else

int smb_report_xlsx(const smb_report *rp, const char *path, const char *guard, smb_err *e)
{
	(void)rp;
	(void)path;
	(void)guard;
	return smb_err_set(e, SMB_ECONFIG, "this smbopt was built without libxlsxwriter, so it cannot write XLSX "
	                                   "(install libxlsxwriter-dev and rebuild, or use --format html or md)");
}

#endif
