/* core/plan/planning.c — what the planner is asked and how its answer reads:
 * candidates from an assessment's recommendations (or a CSV of one's own),
 * the solve (core/plan/plan.c), the true combined gain of the chosen set
 * re-scored as a whole and improved by swaps, and the text and JSON. */
#include "planning.h"
#include "escape.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "cycle.h"
#include "json.h"
#include "number.h"

static char *dupstr(const char *s)
{
	return s ? strdup(s) : NULL;
}

void smb_planning_free(smb_planning *p)
{
	for (size_t i = 0; i < p->in.ncand; i++) {
		smb_plan_candidate *c = &p->in.cand[i];
		free(c->id);
		free(c->use);
		for (size_t k = 0; k < c->nrequires; k++)
			free(c->requires[k]);
		for (size_t k = 0; k < c->nexcludes; k++)
			free(c->excludes[k]);
		free(c->requires);
		free(c->excludes);
	}
	free(p->in.cand);
	for (size_t i = 0; i < p->in.nres; i++)
		free(p->in.resource[i]);
	free(p->in.resource);
	free(p->in.capacity);
	smb_plan_result_free(&p->out);
	free(p->rescored_chosen);
	free(p->raw_gain);
	for (size_t i = 0; p->resolve_note && i < p->in.ncand; i++)
		free(p->resolve_note[i]);
	free(p->resolve_note);
	free(p->resolve);
	memset(p, 0, sizeof *p);
}

static int add_resource(smb_planning *p, const char *name, double cap)
{
	char **nr = realloc(p->in.resource, (p->in.nres + 1) * sizeof *nr);
	double *nc;

	if (!nr)
		return -1;
	p->in.resource = nr;
	if (!(nc = realloc(p->in.capacity, (p->in.nres + 1) * sizeof *nc)))
		return -1;
	p->in.capacity = nc;
	nr[p->in.nres] = strdup(name);
	nc[p->in.nres] = cap;
	p->in.nres++;
	return 0;
}

/* Capacities: --budget for cost, --hours for hours, --resource NAME=CAP
 * for the others; a resource not given has no limit. */
int smb_planning_capacity(smb_planning *p, const char *name, double cap, smb_err *e)
{
	for (size_t i = 0; i < p->in.nres; i++)
		if (strcmp(p->in.resource[i], name) == 0) {
			p->in.capacity[i] = cap;
			return SMB_OK;
		}
	return smb_err_set(e, SMB_EUSAGE, "resource %s is not used by any candidate (resources: cost, hours%s)", name,
	                   p->in.nres > 2 ? ", and the CSV's columns" : "");
}

static char **split_ids(const char *s, size_t *n)
{
	char **v = NULL, *copy = dupstr(s ? s : ""), *save = NULL;

	*n = 0;
	for (char *t = copy ? strtok_r(copy, ";", &save) : NULL; t; t = strtok_r(NULL, ";", &save)) {
		while (*t == ' ')
			t++;
		if (!*t)
			continue;
		char **nv = realloc(v, (*n + 1) * sizeof *v);
		if (!nv)
			break;
		v = nv;
		v[(*n)++] = strdup(t);
	}
	free(copy);
	return v;
}

int smb_planning_from_csv(smb_planning *p, const char *path, smb_err *e)
{
	smb_csv_field *f;
	size_t n, at;
	char why[SMB_ERR_MAX];
	int got, col_req = -1, col_exc = -1;
	smb_csv *csv = smb_csv_open(path, 0, why, sizeof why);
	char **header = NULL;
	size_t nheader = 0;
	int rc = SMB_OK;

	memset(p, 0, sizeof *p);
	if (!csv)
		return smb_err_set(e, SMB_ENOINPUT, "%s", why);
	got = smb_csv_read(csv, &f, &n, why, sizeof why);
	if (got <= 0) {
		smb_csv_close(csv);
		return smb_err_set(e, SMB_EDATA, "%s", got < 0 ? why : "the candidates file is empty");
	}
	if (n < 2 || strcmp(f[0].text, "id") || strcmp(f[1].text, "value")) {
		smb_csv_close(csv);
		return smb_err_set(e, SMB_EDATA, "%s:1:1: the header must start with id,value", path);
	}
	header = calloc(n, sizeof *header);
	nheader = n;
	for (size_t i = 0; header && i < n; i++) {
		header[i] = strdup(f[i].text);
		if (strcmp(f[i].text, "requires") == 0)
			col_req = (int)i;
		else if (strcmp(f[i].text, "excludes") == 0)
			col_exc = (int)i;
		else if (i >= 2 && add_resource(p, f[i].text, INFINITY))
			rc = smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	}
	while (rc == SMB_OK && (got = smb_csv_read(csv, &f, &n, why, sizeof why)) != 0) {
		smb_plan_candidate *c, *nv;
		size_t r = 0;
		if (got < 0) {
			rc = smb_err_set(e, SMB_EDATA, "%s", why);
			break;
		}
		if (n != nheader) {
			rc = smb_err_set(e, SMB_EDATA, "%s:%ld:1: expected %zu fields, found %zu", path, smb_csv_record_line(csv),
			                 nheader, n);
			break;
		}
		if (!(nv = realloc(p->in.cand, (p->in.ncand + 1) * sizeof *nv))) {
			rc = smb_err_set(e, SMB_ESOFTWARE, "out of memory");
			break;
		}
		p->in.cand = nv;
		c = &nv[p->in.ncand++];
		memset(c, 0, sizeof *c);
		c->id = strdup(f[0].text);
		c->use = calloc(p->in.nres + 1, sizeof *c->use);
		if (!f[0].len) {
			rc = smb_err_set(e, SMB_EDATA, "%s:%ld:1: empty id", path, f[0].line);
			break;
		}
		if (smb_number_parse(f[1].text, 0, &c->value, &at, why, sizeof why)) {
			rc = smb_err_set(e, SMB_EDATA, "%s:%ld:%ld: value: %s", path, f[1].line, f[1].column + (long)at, why);
			break;
		}
		for (size_t i = 2; i < n; i++) {
			if ((int)i == col_req)
				c->requires = split_ids(f[i].text, &c->nrequires);
			else if ((int)i == col_exc)
				c->excludes = split_ids(f[i].text, &c->nexcludes);
			else if (f[i].len && smb_number_parse(f[i].text, 0, &c->use[r++], &at, why, sizeof why)) {
				rc = smb_err_set(e, SMB_EDATA, "%s:%ld:%ld: %s: %s", path, f[i].line, f[i].column + (long)at,
				                 header[i], why);
				break;
			} else if (!f[i].len) {
				c->use[r++] = 0;
			}
		}
	}
	for (size_t i = 0; i < nheader && header; i++)
		free(header[i]);
	free(header);
	smb_csv_close(csv);
	if (rc == SMB_OK && p->in.ncand == 0)
		rc = smb_err_set(e, SMB_EDATA, "%s has no candidates", path);
	if (rc)
		smb_planning_free(p);
	return rc;
}

/* Appends a candidate for initiative id; a prerequisite no finding
 * recommended comes in with value 0, so choosing it costs what it costs. */
static smb_plan_candidate *add_candidate(smb_planning *p, const char *id, double value, double gain, double cost,
                                         double hours)
{
	smb_plan_candidate *nv = realloc(p->in.cand, (p->in.ncand + 1) * sizeof *nv), *c;
	double *ng, *nr;
	char **nn;

	if (!nv)
		return NULL;
	p->in.cand = nv;
	if (!(ng = realloc(p->raw_gain, (p->in.ncand + 1) * sizeof *ng)))
		return NULL;
	p->raw_gain = ng;
	if (!(nr = realloc(p->resolve, (p->in.ncand + 1) * sizeof *nr)))
		return NULL;
	p->resolve = nr;
	nr[p->in.ncand] = 0;
	if (!(nn = realloc(p->resolve_note, (p->in.ncand + 1) * sizeof *nn)))
		return NULL;
	p->resolve_note = nn;
	nn[p->in.ncand] = NULL;
	c = &nv[p->in.ncand];
	memset(c, 0, sizeof *c);
	c->id = strdup(id);
	c->value = value;
	c->use = calloc(2, sizeof *c->use);
	if (!c->id || !c->use)
		return NULL;
	c->use[0] = cost;
	c->use[1] = hours;
	ng[p->in.ncand++] = gain;
	return c;
}

static int has_candidate(const smb_planning *p, const char *id)
{
	for (size_t i = 0; i < p->in.ncand; i++)
		if (strcmp(p->in.cand[i].id, id) == 0)
			return 1;
	return 0;
}

static int skipped(const smb_planning_advice *adv, const char *id)
{
	for (size_t i = 0; adv && !adv->include_adopted && i < adv->nskip; i++)
		if (strcmp(adv->skip[i], id) == 0)
			return 1;
	return 0;
}

int smb_planning_from_assessment(smb_planning *p, const smb_assessment *a, const smb_registry *r, smb_err *e)
{
	return smb_planning_from_advice(p, a, r, NULL, e);
}

int smb_planning_from_advice(smb_planning *p, const smb_assessment *a, const smb_registry *r,
                             const smb_planning_advice *adv, smb_err *e)
{
	size_t n = a->nrecs + (adv && adv->include_adopted ? a->nunderway : 0);

	memset(p, 0, sizeof *p);
	if (add_resource(p, "cost", INFINITY) || add_resource(p, "hours", INFINITY))
		return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	/* value: (gain in overall score + what the findings it resolves are
	 * worth) x confidence, as ranked */
	for (size_t i = 0; i < n; i++) {
		const smb_arec *rec = i < a->nrecs ? &a->recs[i] : &a->underway[i - a->nrecs];
		if (skipped(adv, rec->initiative_id))
			continue;
		if (!add_candidate(p, rec->initiative_id, rec->value * rec->confidence, rec->gain, rec->cost, rec->hours))
			return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
		p->resolve[p->in.ncand - 1] = rec->resolve;
		if (rec->resolve_note && !(p->resolve_note[p->in.ncand - 1] = strdup(rec->resolve_note)))
			return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	}
	if (p->in.ncand == 0) {
		smb_planning_free(p);
		return smb_err_set(e, SMB_EDATA, "assessment %lld recommends no initiative%s: there is nothing to plan", a->id,
		                   a->nunderway ? " that is not under way (--include-adopted plans those too)" : "");
	}
	/* Dependencies from the registry; prerequisites join the list. Index
	 * loop: the list grows while it is walked. */
	for (size_t i = 0; i < p->in.ncand; i++) {
		const smb_initiative *in = smb_registry_initiative(r, p->in.cand[i].id);
		for (size_t k = 0; in && k < in->nrequires + in->nexcludes; k++) {
			int req = k < in->nrequires;
			const char *id = req ? in->requires[k] : in->excludes[k - in->nrequires];
			const smb_initiative *other = smb_registry_initiative(r, id);
			smb_plan_candidate *c;
			if (!has_candidate(p, id)) {
				if (!req || !other)
					continue;   /* excluding one not on the list changes nothing */
				if (!add_candidate(p, id, 0, 0, other->cost, other->hours))
					return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
			}
			c = &p->in.cand[i];
			char ***list = req ? &c->requires : &c->excludes;
			size_t *cnt = req ? &c->nrequires : &c->nexcludes;
			char **nv = realloc(*list, (*cnt + 1) * sizeof *nv);
			if (!nv)
				return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
			*list = nv;
			if (!(nv[(*cnt)++] = strdup(id)))
				return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
		}
	}
	return SMB_OK;
}

/* The chosen set's overall score when all its effects apply together. */
static double combined(const smb_cycle *cy, const smb_registry *r, const smb_plan_input *in, const unsigned char *x)
{
	const smb_initiative **ins = calloc(in->ncand + 1, sizeof *ins);
	size_t n = 0;
	double v;

	if (!ins)
		return NAN;
	for (size_t i = 0; i < in->ncand; i++)
		if (x[i] && (ins[n] = smb_registry_initiative(r, in->cand[i].id)))
			n++;
	v = smb_cycle_overall_with(cy, ins, n);
	free(ins);
	return v;
}

/* The chosen set's resolve: each finding's fix counted once per initiative. */
static double resolved(const smb_planning *p, const unsigned char *x)
{
	double v = 0;

	for (size_t i = 0; p->resolve && i < p->in.ncand; i++)
		v += x[i] ? p->resolve[i] : 0;
	return v;
}

static int feasible(const smb_plan_input *in, const unsigned char *x)
{
	for (size_t k = 0; k < in->nres; k++) {
		double used = 0;
		for (size_t i = 0; i < in->ncand; i++)
			used += x[i] ? in->cand[i].use[k] : 0;
		if (used > in->capacity[k] + 1e-9)
			return 0;
	}
	for (size_t i = 0; i < in->ncand; i++) {
		const smb_plan_candidate *c = &in->cand[i];
		if (!x[i])
			continue;
		for (size_t k = 0; k < c->nrequires; k++) {
			int ok = 0;
			for (size_t j = 0; j < in->ncand; j++)
				ok |= x[j] && strcmp(in->cand[j].id, c->requires[k]) == 0;
			if (!ok)
				return 0;
		}
		for (size_t k = 0; k < c->nexcludes; k++)
			for (size_t j = 0; j < in->ncand; j++)
				if (x[j] && strcmp(in->cand[j].id, c->excludes[k]) == 0)
					return 0;
		for (size_t k = 0; k < in->nexclude; k++)
			if (strcmp(c->id, in->exclude[k]) == 0)
				return 0;
	}
	for (size_t k = 0; k < in->nforce; k++)
		for (size_t j = 0; j < in->ncand; j++)
			if (!x[j] && strcmp(in->cand[j].id, in->force[k]) == 0)
				return 0;
	return 1;
}

int smb_planning_rescore(smb_planning *p, smb_store *s, const smb_registry *r, const smb_assessment *a, smb_err *e)
{
	smb_cycle_opts o = { 0 };
	smb_cycle *cy;
	unsigned char *x;
	double base;
	int rc;

	o.client = a->client_id;
	o.period = a->period;
	o.industry = a->industry;
	smb_aggregate_parse(a->aggregate, &o.aggregate);
	if ((rc = smb_cycle_prepare(s, r, &o, &cy, e)))
		return rc;
	base = cy->a->overall;
	x = calloc(p->in.ncand + 1, 1);
	if (!x) {
		smb_cycle_close(cy);
		return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	}
	for (size_t i = 0; i < p->out.nchosen; i++)
		x[p->out.chosen[i]] = 1;
	p->additive = 0;
	for (size_t i = 0; i < p->out.nchosen; i++)
		p->additive += p->raw_gain ? p->raw_gain[p->out.chosen[i]] : 0;
	p->rescored = combined(cy, r, &p->in, x) - base;
	p->resolved = resolved(p, x);
	p->improved = p->rescored + p->resolved;
	/* Local search: swap one chosen for one left out, or add one, while the
	 * re-scored gain rises; every move is re-checked against the limits. */
	for (int round = 0, better = 1; better && round < 50 && !isnan(base); round++) {
		better = 0;
		for (size_t i = 0; i < p->in.ncand && !better; i++)
			for (size_t j = 0; j <= p->in.ncand && !better; j++) {
				double g;
				if (x[i] || (j < p->in.ncand && !x[j]))
					continue;
				x[i] = 1;
				if (j < p->in.ncand)
					x[j] = 0;
				g = feasible(&p->in, x) ? combined(cy, r, &p->in, x) - base + resolved(p, x)
				                        : -INFINITY;
				if (g > p->improved + 1e-9) {
					p->improved = g;
					p->swaps++;
					better = 1;
				} else {
					x[i] = 0;
					if (j < p->in.ncand)
						x[j] = 1;
				}
			}
	}
	p->rescored_chosen = x;
	p->have_rescore = 1;
	smb_cycle_close(cy);
	return SMB_OK;
}

static void render_json(const smb_planning *p, smb_buf *out)
{
	const smb_plan_result *r = &p->out;
	smb_json j;

	smb_json_init(&j, out, 1);
	smb_json_object_begin(&j);
	smb_json_key(&j, "schema_version");
	smb_json_integer(&j, 1);
	smb_json_key(&j, "optimal");
	smb_json_bool(&j, r->optimal);
	smb_json_key(&j, "feasible");
	smb_json_bool(&j, r->feasible);
	smb_json_key(&j, "gap");
	smb_json_number(&j, r->gap);
	smb_json_key(&j, "value");
	smb_json_number(&j, r->value);
	smb_json_key(&j, "bound");
	smb_json_number(&j, r->bound);
	smb_json_key(&j, "nodes");
	smb_json_integer(&j, (long long)r->nodes);
	smb_json_key(&j, "chosen");
	smb_json_array_begin(&j);
	for (size_t i = 0; i < r->nchosen; i++)
		smb_json_string(&j, p->in.cand[r->chosen[i]].id);
	smb_json_array_end(&j);
	if (p->raw_gain) {   /* from an assessment: the two parts of each value */
		smb_json_key(&j, "candidates");
		smb_json_array_begin(&j);
		for (size_t i = 0; i < p->in.ncand; i++) {
			smb_json_object_begin(&j);
			smb_json_key(&j, "id");
			smb_json_string(&j, p->in.cand[i].id);
			smb_json_key(&j, "value");
			smb_json_number(&j, p->in.cand[i].value);
			smb_json_key(&j, "gain");
			smb_json_number(&j, p->raw_gain[i]);
			smb_json_key(&j, "resolve");
			smb_json_number(&j, p->resolve ? p->resolve[i] : 0);
			smb_json_key(&j, "resolves");
			if (p->resolve_note && p->resolve_note[i])
				smb_json_string(&j, p->resolve_note[i]);
			else
				smb_json_null(&j);
			smb_json_object_end(&j);
		}
		smb_json_array_end(&j);
	}
	smb_json_key(&j, "resources");
	smb_json_object_begin(&j);
	for (size_t k = 0; k < r->nres; k++) {
		smb_json_key(&j, p->in.resource[k]);
		smb_json_object_begin(&j);
		smb_json_key(&j, "used");
		smb_json_number(&j, r->usage[k].used);
		smb_json_key(&j, "capacity");
		if (isinf(r->usage[k].capacity))
			smb_json_null(&j);
		else
			smb_json_number(&j, r->usage[k].capacity);
		smb_json_key(&j, "binding");
		smb_json_bool(&j, r->usage[k].binding);
		smb_json_object_end(&j);
	}
	smb_json_object_end(&j);
	smb_json_key(&j, "left_out");
	smb_json_array_begin(&j);
	for (size_t i = 0; i < r->ncand; i++) {
		const smb_plan_choice *c = &r->choice[i];
		char reason[256];
		if (c->chosen)
			continue;
		smb_planning_reason(p, i, reason, sizeof reason);
		smb_json_object_begin(&j);
		smb_json_key(&j, "id");
		smb_json_string(&j, p->in.cand[i].id);
		smb_json_key(&j, "reason");
		smb_json_string(&j, reason);
		/* The reason as values: its code, the resource short (or null) and
		 * by how much, the initiative that excludes or is needed (or null). */
		smb_json_key(&j, "why");
		smb_json_string(&j, smb_plan_why_name(c->why));
		smb_json_key(&j, "resource");
		if ((c->why == SMB_PLAN_NO_FIT || c->why == SMB_PLAN_DOMINATED) && c->resource < p->in.nres)
			smb_json_string(&j, p->in.resource[c->resource]);
		else
			smb_json_null(&j);
		smb_json_key(&j, "shortfall");
		if (c->why == SMB_PLAN_NO_FIT)
			smb_json_number(&j, c->shortfall);
		else
			smb_json_null(&j);
		smb_json_key(&j, "other");
		if ((c->why == SMB_PLAN_EXCLUDED_BY || c->why == SMB_PLAN_NEEDS) && c->other < p->in.ncand)
			smb_json_string(&j, p->in.cand[c->other].id);
		else
			smb_json_null(&j);
		smb_json_object_end(&j);
	}
	smb_json_array_end(&j);
	smb_json_key(&j, "frontier");
	smb_json_array_begin(&j);
	for (size_t k = 0; k < r->nfrontier; k++) {
		smb_json_object_begin(&j);
		smb_json_key(&j, "budget");
		smb_json_number(&j, r->frontier[k].capacity);
		smb_json_key(&j, "share");
		smb_json_number(&j, r->frontier[k].fraction);
		smb_json_key(&j, "value");
		smb_json_number(&j, r->frontier[k].value);
		smb_json_key(&j, "optimal");
		smb_json_bool(&j, r->frontier[k].optimal);
		smb_json_object_end(&j);
	}
	smb_json_array_end(&j);
	if (p->have_rescore) {
		smb_json_key(&j, "gain");
		smb_json_object_begin(&j);
		smb_json_key(&j, "additive");
		smb_json_number(&j, p->additive);
		smb_json_key(&j, "rescored");
		if (isnan(p->rescored))
			smb_json_null(&j);
		else
			smb_json_number(&j, p->rescored);
		smb_json_key(&j, "resolved");
		smb_json_number(&j, p->resolved);
		smb_json_key(&j, "after_swaps");
		if (isnan(p->improved))
			smb_json_null(&j);
		else
			smb_json_number(&j, p->improved);
		smb_json_key(&j, "swaps");
		smb_json_integer(&j, p->swaps);
		smb_json_key(&j, "after_swaps_chosen");
		smb_json_array_begin(&j);
		for (size_t i = 0; i < p->in.ncand; i++)
			if (p->rescored_chosen[i])
				smb_json_string(&j, p->in.cand[i].id);
		smb_json_array_end(&j);
		smb_json_object_end(&j);
	}
	smb_json_object_end(&j);
	smb_buf_putc(out, '\n');
}

void smb_planning_reason(const smb_planning *p, size_t i, char *buf, size_t len)
{
	const smb_plan_choice *c = &p->out.choice[i];
	const char *res = c->resource < p->in.nres ? p->in.resource[c->resource] : "";

	switch (c->why) {
	case SMB_PLAN_FORCED_OUT:
		snprintf(buf, len, "excluded by you (--exclude)");
		break;
	case SMB_PLAN_NO_FIT:
		snprintf(buf, len, "over %s: %g more needed", res, c->shortfall);
		break;
	case SMB_PLAN_EXCLUDED_BY:
		snprintf(buf, len, "excluded by %s", p->in.cand[c->other].id);
		break;
	case SMB_PLAN_NEEDS:
		snprintf(buf, len, "needs %s", c->other < p->in.ncand ? p->in.cand[c->other].id : "an initiative not on the list");
		break;
	case SMB_PLAN_DOMINATED:
		if (c->resource < p->in.nres)
			snprintf(buf, len, "dominated: the chosen set buys more with the %s it would need", res);
		else
			snprintf(buf, len, "dominated: it adds nothing the chosen set does not");
		break;
	case SMB_PLAN_NO_PLAN:
		snprintf(buf, len, "no plan satisfies every constraint");
		break;
	default:
		snprintf(buf, len, "%s", smb_plan_why_name(c->why));
	}
}

static void render_text(const smb_planning *p, smb_buf *out)
{
	const smb_plan_result *r = &p->out;

	if (!r->feasible) {
		smb_buf_puts(out, "no plan satisfies every constraint\n");
		return;
	}
	smb_buf_printf(out, "plan: value %.4g, %s", r->value, r->optimal ? "proven optimal" : "not proven optimal");
	if (!r->optimal)
		smb_buf_printf(out, " (gap %.4g, bound %.4g)", r->gap, r->bound);
	smb_buf_printf(out, ", %zu nodes\n\nchosen:\n", r->nodes);
	for (size_t i = 0; i < r->nchosen; i++) {
		const smb_plan_candidate *c = &p->in.cand[r->chosen[i]];
		smb_buf_puts(out, "  ");
		smb_escape_text(out, c->id);
		smb_buf_printf(out, "%*s value %8.4g", (int)(strlen(c->id) < 28 ? 28 - strlen(c->id) : 0), "", c->value);
		for (size_t k = 0; k < p->in.nres; k++)
			smb_buf_printf(out, "  %s %g", p->in.resource[k], c->use[k]);
		if (p->resolve && p->resolve[r->chosen[i]] > 0)
			smb_buf_printf(out, "  (gain %+.2f + %.2f: %s)", p->raw_gain[r->chosen[i]], p->resolve[r->chosen[i]],
			               p->resolve_note[r->chosen[i]] ? p->resolve_note[r->chosen[i]] : "resolves a finding");
		smb_buf_putc(out, '\n');
	}
	smb_buf_puts(out, "\nresources:\n");
	for (size_t k = 0; k < r->nres; k++) {
		if (isinf(r->usage[k].capacity))
			smb_buf_printf(out, "  %-16s used %10.6g  (no limit)\n", p->in.resource[k], r->usage[k].used);
		else
			smb_buf_printf(out, "  %-16s used %10.6g of %10.6g, slack %g%s\n", p->in.resource[k], r->usage[k].used,
			               r->usage[k].capacity, r->usage[k].slack, r->usage[k].binding ? "  BINDS" : "");
	}
	smb_buf_puts(out, "\nleft out:\n");
	for (size_t i = 0; i < r->ncand; i++) {
		char reason[256];
		if (r->choice[i].chosen)
			continue;
		smb_planning_reason(p, i, reason, sizeof reason);
		smb_buf_puts(out, "  ");
		smb_escape_text(out, p->in.cand[i].id);
		smb_buf_printf(out, "%*s %s\n", (int)(strlen(p->in.cand[i].id) < 28 ? 28 - strlen(p->in.cand[i].id) : 0), "", reason);
	}
	if (r->nfrontier) {
		smb_buf_printf(out, "\nefficient frontier (%s):\n", p->in.resource[r->frontier_resource]);
		for (size_t k = 0; k < r->nfrontier; k++)
			smb_buf_printf(out, "  %4.0f%%  %10.6g -> value %.4g%s\n", 100 * r->frontier[k].fraction,
			               r->frontier[k].capacity, r->frontier[k].value, r->frontier[k].optimal ? "" : " (not proven)");
	}
	if (p->have_rescore)
		smb_buf_printf(out, "\ngain in overall score if every chosen effect is realised (the value above is the sum of\n"
		               "(gain + resolve) x confidence, what the solver maximises):\n"
		               "  %.3f points: the chosen initiatives' separate gains added up\n"
		               "  %.3f points: the chosen set re-scored as a whole (goalposts clamp, so gains overlap)\n"
		               "  %.3f points: what resolving the findings behind them is worth (README \"The value of an\n"
		               "              initiative\")\n"
		               "  %.3f points: both, after %d improving swap%s of the re-scored set\n",
		               p->additive, p->rescored, p->resolved, p->improved, p->swaps, p->swaps == 1 ? "" : "s");
}

int smb_planning_render(const smb_planning *p, const char *format, smb_buf *out)
{
	if (strcmp(format, "json") == 0)
		render_json(p, out);
	else if (strcmp(format, "text") == 0)
		render_text(p, out);
	else
		return -1;
	return out->failed ? -1 : 0;
}
