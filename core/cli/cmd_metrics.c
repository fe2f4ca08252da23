/* core/cli/cmd_metrics.c — smbopt metrics: the catalogue of every loaded metric,
 * what it means to a business owner, how it is computed, how it rolls up,
 * the goalposts that score it (and where they come from) and who provides
 * it. The README's metric reference is this command's Markdown. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fmt.h"
#include "json.h"

/* The goalposts declared for a metric, latest per industry (NULL: default),
 * in declaration order of their first appearance. */
static size_t goalposts_of(const smb_registry *r, const char *key, const smb_goalposts **out, size_t cap)
{
	size_t n = 0;

	for (size_t i = 0; i < r->ngps; i++) {
		const smb_goalposts *g = &r->gps[i];
		size_t k;
		if (strcmp(g->metric, key) != 0)
			continue;
		for (k = 0; k < n; k++)
			if ((!out[k]->industry && !g->industry) ||
			    (out[k]->industry && g->industry && strcmp(out[k]->industry, g->industry) == 0))
				break;
		if (k < n)
			out[k] = g;   /* a later declaration wins */
		else if (n < cap)
			out[n++] = g;
	}
	return n;
}

/* How the metric is obtained when it declares no basis of its own. */
static void basis_text(const smb_metric *m, smb_buf *b)
{
	if (m->basis) {
		smb_buf_puts(b, m->basis);
		return;
	}
	if (m->question) {
		smb_buf_puts(b, "questionnaire answer, scored 0-100");
		return;
	}
	if (m->rollup != SMB_ROLLUP_DERIVED) {
		smb_buf_puts(b, "observed: imported from the client's figures");
		return;
	}
	smb_buf_puts(b, "computed from ");
	for (size_t i = 0; i < m->ninputs; i++)
		smb_buf_printf(b, "%s%s", i ? ", " : "", m->inputs[i]);
	if (m->dataset)
		smb_buf_printf(b, "%sthe %s dataset", m->ninputs ? " and " : "", m->dataset);
}

static void range_text(const smb_metric *m, char *out, size_t len)
{
	if ((m->bounded & 3) == 3)
		snprintf(out, len, "%g..%g", m->lo, m->hi);
	else if (m->bounded & 1)
		snprintf(out, len, ">= %g", m->lo);
	else if (m->bounded & 2)
		snprintf(out, len, "<= %g", m->hi);
	else
		snprintf(out, len, "%s", "");
}

/* The provider as a reader wants it: "plugin marketing" or
 * "playbook marketing-default", without file names. */
static void provider_text(const smb_metric *m, char *out, size_t len)
{
	const char *o = m->origin ? m->origin : "";
	size_t n = strcspn(o, " (");

	if (strncmp(o, "plugin ", 7) == 0) {
		n = strcspn(o + 7, ".");
		snprintf(out, len, "plugin %.*s", (int)n, o + 7);
	} else {
		n = strcspn(o, "(");
		while (n && o[n - 1] == ' ')
			n--;
		snprintf(out, len, "%.*s", (int)n, o);
	}
}

static void json_metric(smb_json *j, const smb_registry *r, const smb_metric *m, const char *industry)
{
	const smb_goalposts *g[32];
	size_t ng = goalposts_of(r, m->key, g, 32);
	const smb_goalposts *used = smb_registry_goalposts(r, m->key, industry);
	char prov[128];
	smb_buf b;

	smb_buf_init(&b);
	basis_text(m, &b);
	provider_text(m, prov, sizeof prov);
	smb_json_object_begin(j);
	smb_json_key(j, "key");
	smb_json_string(j, m->key);
	smb_json_key(j, "label");
	smb_json_string(j, m->label);
	smb_json_key(j, "unit");
	smb_json_string(j, m->unit);
	smb_json_key(j, "area");
	smb_json_string(j, smb_areas[m->area]);
	smb_json_key(j, "definition");
	smb_json_string(j, m->definition);
	smb_json_key(j, "basis");
	smb_json_string(j, smb_buf_str(&b));
	smb_json_key(j, "inputs");
	smb_json_array_begin(j);
	for (size_t i = 0; i < m->ninputs; i++)
		smb_json_string(j, m->inputs[i]);
	smb_json_array_end(j);
	smb_json_key(j, "prefer");
	smb_json_array_begin(j);
	for (size_t i = 0; i < m->nprefer; i++)
		smb_json_string(j, m->prefer[i]);
	smb_json_array_end(j);
	smb_json_key(j, "rollup");
	smb_json_string(j, smb_rollup_name(m->rollup));
	smb_json_key(j, "better");
	smb_json_string(j, m->better > 0 ? "higher" : "lower");
	smb_json_key(j, "plausible");
	if (m->bounded) {
		smb_json_object_begin(j);
		smb_json_key(j, "min");
		if (m->bounded & 1)
			smb_json_number(j, m->lo);
		else
			smb_json_null(j);
		smb_json_key(j, "max");
		if (m->bounded & 2)
			smb_json_number(j, m->hi);
		else
			smb_json_null(j);
		smb_json_object_end(j);
	} else {
		smb_json_null(j);
	}
	smb_json_key(j, "scored");
	smb_json_bool(j, industry ? used != NULL : ng > 0);
	smb_json_key(j, "weight");
	smb_json_number(j, m->weight);
	smb_json_key(j, "goalposts");
	smb_json_array_begin(j);
	for (size_t i = 0; i < ng; i++) {
		if (industry && g[i] != used)
			continue;
		smb_json_object_begin(j);
		smb_json_key(j, "industry");
		smb_json_string(j, g[i]->industry);
		smb_json_key(j, "worst");
		smb_json_number(j, g[i]->has_bands ? g[i]->bands[0] : g[i]->worst);
		smb_json_key(j, "best");
		smb_json_number(j, g[i]->has_bands ? g[i]->bands[4] : g[i]->best);
		if (g[i]->has_bands) {
			smb_json_key(j, "bands");
			smb_json_array_begin(j);
			for (int k = 0; k < 5; k++)
				smb_json_number(j, g[i]->bands[k]);
			smb_json_array_end(j);
		}
		smb_json_key(j, "source");
		smb_json_string(j, g[i]->source);
		smb_json_object_end(j);
	}
	smb_json_array_end(j);
	smb_json_key(j, "provider");
	smb_json_string(j, prov);
	smb_json_object_end(j);
	smb_buf_free(&b);
}

/* Goalposts in one line: "1..3; retail 20..45". */
static void posts_text(const smb_registry *r, const smb_metric *m, const char *industry, int sources, smb_buf *b)
{
	const smb_goalposts *g[32];
	size_t ng = goalposts_of(r, m->key, g, 32);
	const smb_goalposts *used = smb_registry_goalposts(r, m->key, industry);
	int any = 0;

	for (size_t i = 0; i < ng; i++) {
		double lo = g[i]->has_bands ? g[i]->bands[0] : g[i]->worst, hi = g[i]->has_bands ? g[i]->bands[4] : g[i]->best;
		if (industry && g[i] != used)
			continue;
		smb_buf_printf(b, "%s%s %g..%g", any++ ? "; " : "", g[i]->industry ? g[i]->industry : "default", lo, hi);
		if (sources)
			smb_buf_printf(b, " (%s)", g[i]->source);
	}
	if (!any)
		smb_buf_puts(b, "not scored");
}

/* Markdown table cells: no bar, no newline. */
static void md_cell(smb_buf *out, const char *s)
{
	for (; s && *s; s++)
		if (*s == '|')
			smb_buf_puts(out, "\\|");
		else
			smb_buf_putc(out, *s == '\n' ? ' ' : *s);
}

int cmd_metrics(cli_ctx *c, const cli_args *a)
{
	const char *area = cli_get(a, "area"), *industry = cli_get(a, "industry"), *fmt;
	int want = -1, rc;
	smb_registry r;
	smb_json j;

	if ((rc = cli_format(c, "text json md", &fmt)))
		return rc;
	if (area && (want = smb_area_index(area)) < 0)
		return smb_err_set(&c->err, SMB_EUSAGE, "--area '%s' is not one of operations, marketing, finance, customer, "
		                   "technology", area);
	if ((rc = cli_registry(c, a, &r)))
		return rc;
	smb_json_init(&j, &c->out, 1);
	if (strcmp(fmt, "json") == 0) {
		smb_json_object_begin(&j);
		smb_json_key(&j, "schema_version");
		smb_json_integer(&j, 1);
		smb_json_key(&j, "metrics");
		smb_json_array_begin(&j);
	} else if (strcmp(fmt, "md") == 0) {
		smb_buf_puts(&c->out, "| metric | unit | what it tells you | how it is obtained | roll-up | goalposts | provider |\n"
		                      "|---|---|---|---|---|---|---|\n");
	}
	{
		for (int k = 0; k < 5; k++)
			for (size_t i = 0; i < r.nmetrics; i++) {
				const smb_metric *m = &r.metrics[i];
				char prov[128], range[64];
				smb_buf b;
				if (m->area != k || (want >= 0 && k != want) || (industry && !smb_metric_applies(m, industry)))
					continue;
				if (strcmp(fmt, "json") == 0) {
					json_metric(&j, &r, m, industry);
					continue;
				}
				provider_text(m, prov, sizeof prov);
				range_text(m, range, sizeof range);
				smb_buf_init(&b);
				basis_text(m, &b);
				if (strcmp(fmt, "md") == 0) {
					smb_buf_puts(&c->out, "| `");
					smb_buf_puts(&c->out, m->key);
					smb_buf_puts(&c->out, "` ");
					md_cell(&c->out, m->label);
					smb_buf_puts(&c->out, " | ");
					md_cell(&c->out, m->unit);
					smb_buf_puts(&c->out, " | ");
					md_cell(&c->out, m->definition ? m->definition : "(no definition)");
					smb_buf_puts(&c->out, " | ");
					md_cell(&c->out, smb_buf_str(&b));
					smb_buf_printf(&c->out, " | %s | ", smb_rollup_name(m->rollup));
					smb_buf_reset(&b);
					posts_text(&r, m, industry, 0, &b);
					md_cell(&c->out, smb_buf_str(&b));
					smb_buf_printf(&c->out, " | %s |\n", prov);
				} else {
					smb_buf_printf(&c->out, "%s  %s [%s], %s, %s\n", m->key, m->label, m->unit, smb_areas[k],
					               smb_rollup_name(m->rollup));
					smb_buf_printf(&c->out, "    what:      %s\n", m->definition ? m->definition : "(no definition)");
					smb_buf_printf(&c->out, "    how:       %s\n", smb_buf_str(&b));
					if (m->nprefer) {
						smb_buf_puts(&c->out, "    prefers:   ");
						for (size_t p = 0; p < m->nprefer; p++)
							smb_buf_printf(&c->out, "%s%s", p ? ", then " : "", m->prefer[p]);
						smb_buf_puts(&c->out, ", then its own computation\n");
					}
					if (*range)
						smb_buf_printf(&c->out, "    plausible: %s\n", range);
					smb_buf_reset(&b);
					posts_text(&r, m, industry, 1, &b);
					smb_buf_printf(&c->out, "    goalposts: %s\n", smb_buf_str(&b));
					smb_buf_printf(&c->out, "    provider:  %s\n\n", prov);
				}
				smb_buf_free(&b);
			}
	}
	if (strcmp(fmt, "json") == 0) {
		smb_json_array_end(&j);
		smb_json_object_end(&j);
		smb_buf_putc(&c->out, '\n');
	}
	smb_registry_free(&r);
	return c->out.failed ? smb_err_set(&c->err, SMB_ESOFTWARE, "out of memory") : SMB_OK;
}
