/* core/cli/cmd_registry.c — smbopt plugins, playbook check, playbook test:
 * what is loaded, and whether a consultant's playbook is sound. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "escape.h"
#include "json.h"
#include "playbook.h"

/* Whether an entry was declared by this plugin (origins name the file). */
static int from_plugin(const char *origin, const smb_plugin *p)
{
	const char *base = strrchr(p->path, '/');
	char want[512];

	snprintf(want, sizeof want, "plugin %s", base ? base + 1 : p->path);
	return strcmp(origin, want) == 0;
}

/* The ABI gives a plugin's areas comma-separated; JSON lists them. */
static void areas_json(smb_json *j, const char *areas)
{
	smb_json_array_begin(j);
	for (const char *p = areas; p && *p;) {
		size_t len = strcspn(p, ",");
		char area[64];
		snprintf(area, sizeof area, "%.*s", (int)len, p);
		if (*area)
			smb_json_string(j, area);
		p += len + (p[len] == ',');
	}
	smb_json_array_end(j);
}

int cmd_plugins(cli_ctx *c, const cli_args *a)
{
	smb_registry r;
	const char *fmt;
	int rc;

	if ((rc = cli_format(c, "text json", &fmt)) || (rc = cli_registry(c, a, &r)))
		return rc;
	if (strcmp(fmt, "json") == 0) {
		smb_json j;
		smb_json_init(&j, &c->out, 1);
		smb_json_object_begin(&j);
		smb_json_key(&j, "schema_version");
		smb_json_integer(&j, 1);
		smb_json_key(&j, "abi_version");
		smb_json_integer(&j, SMB_PLUGIN_ABI_VERSION);
		smb_json_key(&j, "plugins");
		smb_json_array_begin(&j);
		for (size_t i = 0; i < r.nplugins; i++) {
			const smb_plugin *p = &r.plugins[i];
			smb_json_object_begin(&j);
			smb_json_key(&j, "name");
			smb_json_string(&j, p->name);
			smb_json_key(&j, "version");
			smb_json_string(&j, p->version);
			smb_json_key(&j, "areas");
			areas_json(&j, p->areas);
			smb_json_key(&j, "industry");
			smb_json_string(&j, p->industry);
			smb_json_key(&j, "file");
			smb_json_string(&j, p->path);
			smb_json_key(&j, "metrics");
			smb_json_array_begin(&j);
			for (size_t k = 0; k < r.nmetrics; k++)
				if (from_plugin(r.metrics[k].origin, p))
					smb_json_string(&j, r.metrics[k].key);
			smb_json_array_end(&j);
			smb_json_key(&j, "kinds");
			smb_json_array_begin(&j);
			for (size_t k = 0; k < r.kinds.n; k++)
				if (from_plugin(r.kinds.v[k].origin, p))
					smb_json_string(&j, r.kinds.v[k].name);
			smb_json_array_end(&j);
			smb_json_key(&j, "solvers");
			smb_json_array_begin(&j);
			for (size_t k = 0; k < r.nsolvers; k++)
				if (from_plugin(r.solvers[k].origin, p))
					smb_json_string(&j, r.solvers[k].name);
			smb_json_array_end(&j);
			smb_json_key(&j, "settings");
			smb_json_array_begin(&j);
			for (size_t k = 0; k < r.nsettings; k++) {
				const smb_setting_decl *d = &r.settings[k];
				if (!from_plugin(d->origin, p))
					continue;
				smb_json_object_begin(&j);
				smb_json_key(&j, "name");
				smb_json_string(&j, d->name);
				smb_json_key(&j, "description");
				smb_json_string(&j, d->description);
				smb_json_key(&j, "min");
				smb_json_number(&j, d->min);
				smb_json_key(&j, "max");
				smb_json_number(&j, d->max);
				smb_json_key(&j, "min_open");
				smb_json_bool(&j, d->min_open);
				smb_json_key(&j, "max_open");
				smb_json_bool(&j, d->max_open);
				smb_json_key(&j, "integer");
				smb_json_bool(&j, d->integer);
				smb_json_object_end(&j);
			}
			smb_json_array_end(&j);
			smb_json_object_end(&j);
		}
		smb_json_array_end(&j);
		smb_json_key(&j, "playbooks");
		smb_json_array_begin(&j);
		for (size_t i = 0; i < r.nplaybooks; i++) {
			smb_json_object_begin(&j);
			smb_json_key(&j, "name");
			smb_json_string(&j, r.playbooks[i]->name);
			smb_json_key(&j, "version");
			smb_json_string(&j, r.playbooks[i]->version);
			smb_json_key(&j, "file");
			smb_json_string(&j, r.playbooks[i]->path);
			smb_json_object_end(&j);
		}
		smb_json_array_end(&j);
		smb_json_key(&j, "refused");
		smb_json_array_begin(&j);
		for (size_t i = 0; i < r.nproblems; i++) {
			smb_json_object_begin(&j);
			smb_json_key(&j, "file");
			smb_json_string(&j, r.problems[i].file);
			smb_json_key(&j, "reason");
			smb_json_string(&j, r.problems[i].reason);
			smb_json_object_end(&j);
		}
		smb_json_array_end(&j);
		smb_json_object_end(&j);
		smb_buf_putc(&c->out, '\n');
	} else {
		/* names, paths and reasons from plugins and playbooks: escaped */
		smb_escaper x = { 0 };
#define E(s) smb_esc(&x, (s))
		smb_buf_printf(&c->out, "plugin ABI %d; %zu plugins, %zu playbooks loaded\n", SMB_PLUGIN_ABI_VERSION,
		               r.nplugins, r.nplaybooks);
		for (size_t i = 0; i < r.nplugins; i++) {
			const smb_plugin *p = &r.plugins[i];
			size_t nm = 0;
			smb_buf_printf(&c->out, "\n%s %s (%s)%s%s\n  %s\n  metrics:", E(p->name), E(p->version),
			               *p->areas ? E(p->areas) : "no area", p->industry ? ", industry " : "",
			               p->industry ? E(p->industry) : "", E(p->path));
			for (size_t k = 0; k < r.nmetrics; k++)
				if (from_plugin(r.metrics[k].origin, p))
					smb_buf_printf(&c->out, "%s%s", nm++ ? ", " : " ", E(r.metrics[k].key));
			if (!nm)
				smb_buf_puts(&c->out, " none");
			smb_buf_puts(&c->out, "\n  dataset kinds:");
			nm = 0;
			for (size_t k = 0; k < r.kinds.n; k++)
				if (from_plugin(r.kinds.v[k].origin, p))
					smb_buf_printf(&c->out, "%s%s", nm++ ? ", " : " ", E(r.kinds.v[k].name));
			smb_buf_puts(&c->out, nm ? "\n" : " none\n");
			nm = 0;
			for (size_t k = 0; k < r.nsolvers; k++)
				if (from_plugin(r.solvers[k].origin, p))
					smb_buf_printf(&c->out, "%s%s", nm++ ? ", " : "  solvers: ", E(r.solvers[k].name));
			if (nm)
				smb_buf_putc(&c->out, '\n');
			for (size_t k = 0; k < r.nsettings; k++) {
				const smb_setting_decl *d = &r.settings[k];
				if (from_plugin(d->origin, p))
					smb_buf_printf(&c->out, "  --set %s=%s %c%g, %g%c: %s\n", d->name, d->integer ? "N" : "X",
					               d->min_open ? '(' : '[', d->min, d->max, d->max_open ? ')' : ']', d->description);
			}
		}
		for (size_t i = 0; i < r.nplaybooks; i++)
			smb_buf_printf(&c->out, "%splaybook %s %s  %s\n", i ? "" : "\n", E(r.playbooks[i]->name),
			               E(r.playbooks[i]->version), E(r.playbooks[i]->path));
		for (size_t i = 0; i < r.nproblems; i++)
			smb_buf_printf(&c->out, "%srefused: %s\n", i ? "" : "\n", E(r.problems[i].reason));
#undef E
		smb_escaper_free(&x);
	}
	smb_registry_free(&r);
	return SMB_OK;
}

/* Cross-references of one playbook against everything loaded. */
static int cross_check(const smb_registry *r, const smb_playbook *pb, smb_buf *out)
{
	int bad = 0;
	char what[256];

#define REPORT(kind, id, ...) do { \
		snprintf(what, sizeof what, "%s %s", kind, id); \
		smb_buf_printf(out, "%s:%d: ", pb->path, smb_playbook_decl_line(pb, what)); \
		smb_buf_printf(out, __VA_ARGS__); \
		smb_buf_putc(out, '\n'); \
		bad++; \
	} while (0)

	for (size_t i = 0; i < r->nmetrics; i++) {
		const smb_metric *m = &r->metrics[i];
		if (m->fn.pb != pb && !(m->origin && strstr(m->origin, pb->path)))
			continue;
		for (size_t k = 0; k < m->ninputs; k++)
			if (!smb_registry_metric(r, m->inputs[k]))
				REPORT("metric", m->key, "metric %s: input %s is not declared by any loaded playbook or plugin",
				       m->key, m->inputs[k]);
	}
	for (size_t i = 0; i < r->nrules; i++) {
		const smb_rule *ru = &r->rules[i];
		if (ru->fn.pb != pb)
			continue;
		for (size_t k = 0; k < ru->nmetrics; k++)
			if (!smb_registry_metric(r, ru->metrics[k]))
				REPORT("rule", ru->id, "rule %s: metric %s is not declared by any loaded playbook or plugin", ru->id,
				       ru->metrics[k]);
		for (size_t k = 0; k < ru->nrecommend; k++)
			if (!smb_registry_initiative(r, ru->recommend[k]))
				REPORT("rule", ru->id, "rule %s: recommends %s, which no loaded playbook or plugin declares", ru->id,
				       ru->recommend[k]);
	}
	for (size_t i = 0; i < r->ninitiatives; i++) {
		const smb_initiative *in = &r->initiatives[i];
		if (!in->origin || !strstr(in->origin, pb->path))
			continue;
		for (size_t k = 0; k < in->neffects; k++)
			if (!smb_registry_metric(r, in->effects[k].metric))
				REPORT("initiative", in->id, "initiative %s: effect on %s, which is not a declared metric", in->id,
				       in->effects[k].metric);
		for (size_t k = 0; k < in->nrequires; k++)
			if (!smb_registry_initiative(r, in->requires[k]))
				REPORT("initiative", in->id, "initiative %s: requires unknown initiative %s", in->id, in->requires[k]);
		for (size_t k = 0; k < in->nexcludes; k++)
			if (!smb_registry_initiative(r, in->excludes[k]))
				REPORT("initiative", in->id, "initiative %s: excludes unknown initiative %s", in->id, in->excludes[k]);
	}
#undef REPORT
	return bad;
}

int cmd_playbook_check(cli_ctx *c, const cli_args *a)
{
	smb_registry r;
	smb_playbook *pb;
	smb_err why;
	smb_buf problems;
	int rc, bad;

	if ((rc = cli_registry(c, a, &r)))
		return rc;
	smb_buf_init(&problems);
	if (smb_playbook_load_file(&r, a->pos[0], NULL, &pb, &why) != SMB_OK) {
		fprintf(stderr, "%s\n", why.msg);
		smb_registry_free(&r);
		return smb_err_set(&c->err, why.rc == SMB_ENOINPUT ? SMB_ENOINPUT : SMB_EDATA, "%s has problems",
		                   a->pos[0]);
	}
	bad = cross_check(&r, pb, &problems);
	if (smb_registry_finish(&r, &why) != SMB_OK) {
		/* Name where the cycle starts, when it runs through this file. */
		const char *arrow = strstr(why.msg, "cycle: ");
		char first[128] = "";
		if (arrow)
			sscanf(arrow + 7, "%127[^ ]", first);
		char what[160];
		snprintf(what, sizeof what, "metric %s", first);
		smb_buf_printf(&problems, "%s:%d: %s\n", a->pos[0], smb_playbook_decl_line(pb, what), why.msg);
		bad++;
	}
	if (bad) {
		fputs(smb_buf_str(&problems), stderr);
		rc = smb_err_set(&c->err, SMB_EDATA, "%s has %d problem%s", a->pos[0], bad, bad == 1 ? "" : "s");
	} else {
		size_t nm = 0, nq = 0, nr = 0, ni = 0;
		for (size_t i = 0; i < pb->ndecls; i++) {
			const char *w = pb->decls[i].what;
			nm += strncmp(w, "metric ", 7) == 0;
			nr += strncmp(w, "rule ", 5) == 0;
			ni += strncmp(w, "initiative ", 11) == 0;
		}
		for (size_t i = 0; i < r.nmetrics; i++)
			nq += r.metrics[i].question && r.metrics[i].origin && strstr(r.metrics[i].origin, pb->path) != NULL;
		smb_escaper x = { 0 };
		const char *esc_name = smb_esc(&x, pb->name), *esc_version = smb_esc(&x, pb->version);
		smb_buf_printf(&c->out, "%s: ok: playbook %s %s, %zu metrics (%zu questions), %zu rules, %zu initiatives, %zu tests\n",
		               a->pos[0], esc_name, esc_version, nm, nq, nr, ni, pb->ntests);
		smb_escaper_free(&x);
	}
	smb_buf_free(&problems);
	smb_registry_free(&r);
	return rc;
}

int cmd_playbook_test(cli_ctx *c, const cli_args *a)
{
	smb_registry r;
	smb_playbook *pb;
	smb_load_opts o;
	smb_err why;
	int rc, failed;

	/* Tests run on the playbook alone: fixtures supply every input. */
	memset(&o, 0, sizeof o);
	o.no_defaults = 1;
	if ((rc = smb_registry_init(&r, &c->err)))
		return rc;
	if (smb_playbook_load_file(&r, a->pos[0], &o, &pb, &why) != SMB_OK) {
		smb_buf_printf(&c->out, "1..0 # Bail out! %s\n", why.msg);
		smb_registry_free(&r);
		return smb_err_set(&c->err, SMB_EDATA, "%s cannot be loaded", a->pos[0]);
	}
	failed = smb_playbook_run_tests(pb, &c->out, &why);
	if (failed < 0)
		rc = smb_err_set(&c->err, SMB_EDATA, "%s", why.msg);
	else if (failed > 0)
		rc = smb_err_set(&c->err, SMB_FAILED, "%s: %d test assertion%s failed", a->pos[0], failed, failed == 1 ? "" : "s");
	smb_registry_free(&r);
	return rc;
}
