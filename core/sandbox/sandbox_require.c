/* core/sandbox/sandbox_require.c — require inside the sandbox: a module name maps
 * to a file under the playbook's search path (resolved by realpath, so no
 * name escapes it), loaded as text once per state; a module that requires
 * itself while loading is an error, not an endless loop. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE   /* realpath */
#endif
#include "sandbox_int.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int smb_sandbox_slurp(const char *path, size_t max, char **out, size_t *outlen, char *err, size_t errlen)
{
	struct stat st;
	char *buf;
	size_t got = 0, size;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);   /* a FIFO must not block us */
	if (fd < 0) {
		smb_sandbox_set_err(err, errlen, "cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		smb_sandbox_set_err(err, errlen, "%s: not a regular file", path);
		close(fd);
		return -1;
	}
	if ((unsigned long long)st.st_size > max) {
		smb_sandbox_set_err(err, errlen, "%s: %lld bytes is more than the memory limit", path, (long long)st.st_size);
		close(fd);
		return -1;
	}
	size = (size_t)st.st_size;
	if (!(buf = malloc(size + 1))) {
		smb_sandbox_set_err(err, errlen, "%s: out of memory", path);
		close(fd);
		return -1;
	}
	while (got < size) {
		ssize_t n = read(fd, buf + got, size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			smb_sandbox_set_err(err, errlen, "cannot read %s: %s", path, strerror(errno));
			free(buf);
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	*out = buf;
	*outlen = got;
	return 0;
}

/* Names are dot-separated words of [A-Za-z0-9_-]; dots become '/'. So no
 * name can hold "..", '/', a NUL or an empty part, and a module can only be
 * a file below a search directory. */
static int module_rel(const char *name, size_t len, char *rel, size_t cap)
{
	size_t i;
	int after_dot = 1;
	if (len == 0 || len >= cap)
		return -1;
	for (i = 0; i < len; i++) {
		unsigned char c = UC(name[i]);
		if (c == '.') {
			if (after_dot)
				return -1;
			rel[i] = '/';
			after_dot = 1;
		} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		           c == '_' || c == '-') {
			rel[i] = (char)c;
			after_dot = 0;
		} else {
			return -1;
		}
	}
	rel[len] = '\0';
	return after_dot ? -1 : 0;
}

/* 0 found (real path in `found`), -1 not found, -2 found only through a
 * symbolic link that leads out of its search directory. */
static int module_find(const smb_sandbox *sb, const char *rel, char *found)
{
	static const char *const suffix[] = { ".lua", "/init.lua" };
	char cand[PATH_MAX];
	size_t i, k, dl;
	int outside = 0;
	for (i = 0; i < sb->ndirs; i++) {
		for (k = 0; k < 2; k++) {
			if (snprintf(cand, sizeof cand, "%s/%s%s", sb->dirs[i], rel, suffix[k]) >= (int)sizeof cand)
				continue;
			if (!realpath(cand, found))
				continue;
			dl = strlen(sb->dirs[i]);
			if (strncmp(found, sb->dirs[i], dl) == 0 && (found[dl] == '/' || dl == 1))
				return 0;
			outside = 1;
		}
	}
	return outside ? -2 : -1;
}

int smb_sandbox_require(lua_State *L)
{
	smb_sandbox *sb = SB(L);
	size_t len, srclen, i;
	const char *name = luaL_checklstring(L, 1, &len);
	char rel[256], path[PATH_MAX], msg[256], *src;
	int rc, status;
	luaL_Buffer b;
	if (module_rel(name, len, rel, sizeof rel) != 0)
		return luaL_error(L, "require: invalid module name '%s' (only letters, digits, '_', '-' and "
		                  "dots between words; no paths)", name);
	lua_settop(L, 1);
	lua_getfield(L, LUA_REGISTRYINDEX, KEY_LOADED);   /* 2 */
	if (lua_getfield(L, 2, name) != LUA_TNIL) {
		if (lua_touserdata(L, -1) == &smb_sandbox_loading)
			return luaL_error(L, "require: module '%s' requires itself (circular require)", name);
		return 1;
	}
	lua_pop(L, 1);
	rc = module_find(sb, rel, path);
	if (rc == -2)
		return luaL_error(L, "require: module '%s' leads outside the playbook search path", name);
	if (rc != 0) {
		luaL_buffinit(L, &b);
		lua_pushfstring(L, "require: module '%s' not found: no %s.lua or %s/init.lua under the playbook "
		                "search path (", name, rel, rel);
		luaL_addvalue(&b);
		for (i = 0; i < sb->ndirs; i++) {
			if (i > 0)
				luaL_addstring(&b, ", ");
			luaL_addstring(&b, sb->dirs[i]);
		}
		luaL_addstring(&b, sb->ndirs ? "" : "empty");
		luaL_addstring(&b, "); only Lua source modules can be required, C modules never");
		luaL_pushresult(&b);
		return lua_error(L);
	}
	if (smb_sandbox_slurp(path, sb->limit, &src, &srclen, msg, sizeof msg) != 0)
		return luaL_error(L, "require: %s", msg);
	if (srclen > 0 && src[0] == LUA_SIGNATURE[0]) {
		free(src);
		return luaL_error(L, "require: %s is a binary chunk; only Lua source can be required", path);
	}
	lua_pushfstring(L, "@%s", path);
	status = luaL_loadbufferx(L, src, srclen, lua_tostring(L, -1), "t");
	free(src);
	smb_sandbox_after_catch(L, sb, status);
	if (status != LUA_OK)
		return lua_error(L);
	lua_pushlightuserdata(L, (void *)&smb_sandbox_loading);
	lua_setfield(L, 2, name);
	lua_pushstring(L, name);
	lua_pushstring(L, path);
	status = lua_pcall(L, 2, 1, 0);
	smb_sandbox_after_catch(L, sb, status);
	if (status != LUA_OK) {
		lua_pushnil(L);
		lua_setfield(L, 2, name);
		return lua_error(L);
	}
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		lua_pushboolean(L, 1);
	}
	lua_pushvalue(L, -1);
	lua_setfield(L, 2, name);
	lua_pushstring(L, path);
	return 2;
}
