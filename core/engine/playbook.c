/* core/engine/playbook.c — loading a playbook: its declarations (playbook_decl.c)
 * are collected into a staging registry with every problem recorded as
 * FILE:LINE, and merged only when the whole file is good. Calls into it are
 * in playcall.c. */
#include "playbook.h"

#include <dirent.h>
#include <errno.h>
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "infile.h"
#include "paths.h"
#include "playbook_int.h"
#include "sha256.h"

#define SMB_PLAYBOOK_MAX_SOURCE (4 << 20)

/* The smb table: what every playbook may read. It is filled before the
 * freeze, which the sandbox does at its first call, so this cannot run in
 * a protected call; the state is new and holds a few KiB, far below its
 * cap, so only the host itself running out of memory could fail here. */
static int fill_smb(smb_sandbox *sb, char *why, size_t whylen)
{
	lua_State *L = smb_sandbox_lua(sb);

	if (smb_sandbox_smb_table(sb)) {
		snprintf(why, whylen, "the smb table is already frozen");
		return -1;
	}
	lua_pushstring(L, PACKAGE_VERSION);
	lua_setfield(L, -2, "version");
	lua_createtable(L, 5, 0);
	for (int i = 0; i < 5; i++) {
		lua_pushstring(L, smb_areas[i]);
		lua_rawseti(L, -2, i + 1);
	}
	lua_setfield(L, -2, "areas");
	lua_pop(L, 1);
	return 0;
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int collect_tests(lua_State *L)
{
	smb_playbook *pb = lua_touserdata(L, 1);

	lua_pushglobaltable(L);
	lua_pushnil(L);
	while (lua_next(L, -2)) {
		if (lua_type(L, -2) == LUA_TSTRING && lua_isfunction(L, -1) &&
		    strncmp(lua_tostring(L, -2), "test_", 5) == 0) {
			char **nv = realloc(pb->tests, (pb->ntests + 1) * sizeof *nv);
			if (nv) {
				pb->tests = nv;
				if ((nv[pb->ntests] = strdup(lua_tostring(L, -2))))
					pb->ntests++;
			}
		}
		lua_pop(L, 1);
	}
	return 0;
}

static int read_source(const char *path, char **src, size_t *len, smb_err *e)
{
	char why[SMB_ERR_MAX];
	FILE *f = smb_infile_open(path, why, sizeof why);
	size_t cap = 1 << 14, n = 0;
	char *buf;

	if (!f)
		return smb_err_set(e, SMB_ENOINPUT, "%s", why);
	if (!(buf = malloc(cap))) {
		fclose(f);
		return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	}
	for (;;) {
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n < cap)
			break;
		if (cap >= SMB_PLAYBOOK_MAX_SOURCE) {
			free(buf);
			fclose(f);
			return smb_err_set(e, SMB_EDATA, "%s: a playbook may hold at most %d MiB", path, SMB_PLAYBOOK_MAX_SOURCE >> 20);
		}
		char *nb = realloc(buf, cap *= 2);
		if (!nb) {
			free(buf);
			fclose(f);
			return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
		}
		buf = nb;
	}
	fclose(f);
	*src = buf;
	*len = n;
	return SMB_OK;
}

int smb_playbook_load_file(smb_registry *r, const char *path, const smb_load_opts *o,
                           smb_playbook **out, smb_err *e)
{
	smb_sandbox_limits lim;
	smb_paths paths;
	smb_sha256 h;
	unsigned char digest[32];
	char dir[PATH_MAX], libdir[PATH_MAX + 8], why[SMB_ERR_MAX];
	const char *search[3];
	smb_playbook *pb;
	loadctx lc;
	lua_State *L;
	char *src = NULL, *slash;
	size_t len = 0;
	int rc;

	*out = NULL;
	if ((rc = read_source(path, &src, &len, e)))
		return rc;
	if (!(pb = calloc(1, sizeof *pb)) || !(pb->path = strdup(path))) {
		free(pb);
		free(src);
		return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	}
	smb_sha256_init(&h);
	smb_sha256_update(&h, src, len);
	smb_sha256_final(&h, digest);
	smb_sha256_hex(digest, pb->sha256);
	/* require() finds helper modules beside the playbook, in its lib/, and
	 * in the bundled scripts/lib. */
	snprintf(dir, sizeof dir, "%s", path);
	if ((slash = strrchr(dir, '/')))
		*slash = '\0';
	else
		snprintf(dir, sizeof dir, ".");
	snprintf(libdir, sizeof libdir, "%s/lib", dir);
	smb_paths_get(&paths);
	char bundled[PATH_MAX + 8];
	snprintf(bundled, sizeof bundled, "%s/lib", paths.scripts);
	search[0] = dir;
	search[1] = libdir;
	search[2] = bundled;
	memset(&lim, 0, sizeof lim);
	smb_sandbox_default_limits(&lim);
	if (o && o->memory_limit)
		lim.memory = o->memory_limit;
	if (o && o->instruction_limit)
		lim.instructions = o->instruction_limit;
	lim.search_path = search;
	lim.nsearch_path = 3;
	pb->seconds_total = o && o->seconds_total > 0 ? o->seconds_total : SMB_PLAYBOOK_SECONDS_TOTAL;
	memset(&lc, 0, sizeof lc);
	lc.pb = pb;
	smb_buf_init(&lc.errors);
	if (smb_sandbox_new(&lim, &pb->sb, why, sizeof why) || fill_smb(pb->sb, why, sizeof why) ||
	    smb_sandbox_freeze(pb->sb, why, sizeof why)) {
		rc = smb_err_set(e, SMB_ECONFIG, "%s: cannot create a sandbox: %s", path, why);
		goto fail;
	}
	if ((rc = smb_registry_init(&lc.staging, e)))
		goto fail;
	smb_kindset_free(&lc.staging.kinds);
	L = smb_sandbox_lua(pb->sb);
	lua_pushcfunction(L, smb_playbook_install);
	lua_pushlightuserdata(L, &lc);
	if (smb_sandbox_call(pb->sb, 1, 0, why, sizeof why)) {
		rc = smb_err_set(e, SMB_ECONFIG, "%s: %s", path, why);
		goto fail;
	}
	{
		char chunk[PATH_MAX + 2];
		snprintf(chunk, sizeof chunk, "@%s", path);
		if (smb_sandbox_load_string(pb->sb, chunk, src, len, why, sizeof why)) {
			/* Lua's message names FILE:LINE already when it knows a line. */
			int located = strncmp(why, path, strlen(path)) == 0;
			rc = smb_err_set(e, SMB_ECONFIG, "%s%s%s%s", smb_buf_str(&lc.errors), located ? "" : path,
			                 located ? "" : ": ", why);
			goto fail;
		}
	}
	if (!pb->name) {
		lc.nerrors++;
		smb_buf_printf(&lc.errors, "%s:1: no playbook \"name\" { version = ... } declaration\n", path);
	}
	if (lc.nerrors) {
		if (lc.nerrors > 50)
			smb_buf_printf(&lc.errors, "%s: ... and %d more problems\n", path, lc.nerrors - 50);
		if (lc.errors.len && lc.errors.data[lc.errors.len - 1] == '\n')
			lc.errors.data[--lc.errors.len] = '\0';
		rc = smb_err_set(e, SMB_ECONFIG, "%s", smb_buf_str(&lc.errors));
		goto fail;
	}
	/* A playbook for some industries applies only to them. */
	for (size_t i = 0; pb->nindustries && i < lc.staging.nmetrics; i++) {
		smb_metric *m = &lc.staging.metrics[i];
		if (m->nindustries)
			continue;
		m->industries = calloc(pb->nindustries, sizeof *m->industries);
		for (size_t j = 0; m->industries && j < pb->nindustries; j++)
			if ((m->industries[j] = strdup(pb->industries[j])))
				m->nindustries = j + 1;
	}
	for (size_t i = 0; pb->nindustries && i < lc.staging.nrules; i++) {
		smb_rule *ru = &lc.staging.rules[i];
		if (ru->nindustries)
			continue;
		ru->industries = calloc(pb->nindustries, sizeof *ru->industries);
		for (size_t j = 0; ru->industries && j < pb->nindustries; j++)
			if ((ru->industries[j] = strdup(pb->industries[j])))
				ru->nindustries = j + 1;
	}
	for (size_t i = 0; pb->nindustries && i < lc.staging.ninitiatives; i++) {
		smb_initiative *in = &lc.staging.initiatives[i];
		if (in->nindustries)
			continue;
		in->industries = calloc(pb->nindustries, sizeof *in->industries);
		for (size_t j = 0; in->industries && j < pb->nindustries; j++)
			if ((in->industries[j] = strdup(pb->industries[j])))
				in->nindustries = j + 1;
	}
	lua_pushcfunction(L, collect_tests);
	lua_pushlightuserdata(L, pb);
	smb_sandbox_call(pb->sb, 1, 0, why, sizeof why);
	if (pb->ntests > 1)
		qsort(pb->tests, pb->ntests, sizeof *pb->tests, by_str);
	{
		smb_playbook **nv = realloc(r->playbooks, (r->nplaybooks + 1) * sizeof *nv);
		if (!nv) {
			rc = smb_err_set(e, SMB_ESOFTWARE, "out of memory");
			goto fail;
		}
		r->playbooks = nv;
	}
	if ((rc = smb_registry_merge(r, &lc.staging, e)))
		goto fail;
	r->playbooks[r->nplaybooks++] = pb;
	pb->reg = r;
	*lc.box = NULL;
	smb_registry_free(&lc.staging);
	smb_buf_free(&lc.errors);
	free(src);
	*out = pb;
	return SMB_OK;
fail:
	if (lc.box)
		*lc.box = NULL;
	smb_registry_free(&lc.staging);
	smb_buf_free(&lc.errors);
	free(src);
	smb_playbook_free(pb);
	return rc;
}

/* A playbook the user named (o->playbooks, or a file of a folder named
 * there) that fails to load is an error: an assessment without it would
 * not be the one asked for. A bundled one that fails is a warning. */
static int refused(smb_registry *r, const char *file, const smb_err *why, int named, smb_err *e)
{
	if (why->rc == SMB_ESOFTWARE)
		return smb_err_set(e, why->rc, "%s", why->msg);
	if (named)
		return smb_err_set(e, why->rc == SMB_ENOINPUT ? SMB_ENOINPUT : SMB_EDATA, "%s", why->msg);
	smb_registry_problem(r, file, why->msg);
	return SMB_OK;
}

static int load_path(smb_registry *r, const char *path, const smb_load_opts *o, int named, smb_err *e)
{
	DIR *d = opendir(path);
	smb_playbook *pb;
	smb_err why;
	char **names = NULL;
	size_t n = 0;
	struct dirent *de;

	if (!d)
		return smb_playbook_load_file(r, path, o, &pb, &why) != SMB_OK ? refused(r, path, &why, named, e) : SMB_OK;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		char **nv;
		if (len < 5 || strcmp(de->d_name + len - 4, ".lua") != 0 || de->d_name[0] == '.')
			continue;
		if (!(nv = realloc(names, (n + 1) * sizeof *nv)))
			break;
		names = nv;
		if ((names[n] = strdup(de->d_name)))
			n++;
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof *names, by_str);
	int rc = SMB_OK;
	for (size_t i = 0; i < n; i++) {
		char file[PATH_MAX];
		snprintf(file, sizeof file, "%s/%s", path, names[i]);
		if (rc == SMB_OK && smb_playbook_load_file(r, file, o, &pb, &why) != SMB_OK)
			rc = refused(r, file, &why, named, e);
		free(names[i]);
	}
	free(names);
	return rc;
}

int smb_playbooks_load(smb_registry *r, const smb_load_opts *o, smb_err *e)
{
	const char *env;
	int rc;

	if (!o->no_defaults) {
		smb_paths p;
		smb_paths_get(&p);
		if ((rc = load_path(r, p.scripts, o, 0, e)))
			return rc;
	}
	/* SMBOPT_PLAYBOOK_PATH: files or directories, colon-separated, after
	 * the bundled playbooks and before --playbook ones (later ones win). */
	if ((env = getenv("SMBOPT_PLAYBOOK_PATH")) && *env) {
		char *copy = strdup(env), *save = NULL;
		rc = copy ? SMB_OK : smb_err_set(e, SMB_ESOFTWARE, "out of memory");
		for (char *p = copy ? strtok_r(copy, ":", &save) : NULL; rc == SMB_OK && p; p = strtok_r(NULL, ":", &save))
			/* as with PATH, an entry that does not exist is passed over;
			 * one that does is named by the user: its failure is an error */
			rc = access(p, F_OK) != 0 ? SMB_OK : load_path(r, p, o, 1, e);
		free(copy);
		if (rc)
			return rc;
	}
	for (size_t i = 0; i < o->nplaybooks; i++)
		if ((rc = load_path(r, o->playbooks[i], o, 1, e)))
			return rc;
	return SMB_OK;
}

int smb_playbook_decl_line(const smb_playbook *pb, const char *what)
{
	for (size_t i = 0; i < pb->ndecls; i++)
		if (strcmp(pb->decls[i].what, what) == 0)
			return pb->decls[i].line;
	return 0;
}

void smb_playbooks_begin_assessment(const smb_registry *r)
{
	for (size_t i = 0; i < r->nplaybooks; i++) {
		smb_playbook *pb = r->playbooks[i];
		char who[1024];
		snprintf(who, sizeof who, "playbook %s (%s)", pb->name ? pb->name : "?", pb->path);
		smb_sandbox_time_total(pb->sb, pb->seconds_total, who);
	}
}

void smb_playbook_unref(smb_playbook *pb, int ref)
{
	if (pb && pb->sb && ref != LUA_NOREF && ref != LUA_REFNIL)
		luaL_unref(smb_sandbox_lua(pb->sb), LUA_REGISTRYINDEX, ref);
}

void smb_playbook_free(smb_playbook *pb)
{
	if (!pb)
		return;
	smb_sandbox_free(pb->sb);
	free(pb->path);
	free(pb->name);
	free(pb->version);
	free(pb->description);
	for (size_t i = 0; i < pb->nindustries; i++)
		free(pb->industries[i]);
	free(pb->industries);
	for (size_t i = 0; i < pb->ndecls; i++)
		free(pb->decls[i].what);
	free(pb->decls);
	for (size_t i = 0; i < pb->ntests; i++)
		free(pb->tests[i]);
	free(pb->tests);
	free(pb);
}
