/* core/sandbox/sandbox_lib.c — the standard-library functions whose loops run in C,
 * out of the count hook's sight, rewritten for the sandbox so that they
 * charge their own work to its budget: Lua patterns and the table loops. */
#include "sandbox.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#define UC(c) ((unsigned char)(c))
#define TICK 1024   /* table loops charge (and so read the clock) this often */

/* Weights that make one budget unit about one VM instruction's time: an
 * element a table loop gets and sets costs about 8, a matcher step about 3. */
#define ELEM_UNITS 8
#define STEP_UNITS 3

static void tick(lua_State *L, unsigned *n, const char *what)
{
	if (++*n == TICK) {
		*n = 0;
		smb_sandbox_charge(L, (long long)TICK * ELEM_UNITS, what);
	}
}

/* string.rep with an empty string and separator would loop n times in C
 * producing nothing; everything else is bounded by the allocator. */
static int sb_rep(lua_State *L)
{
	size_t l, lsep;
	luaL_checklstring(L, 1, &l);
	lua_Integer n = luaL_checkinteger(L, 2);
	luaL_optlstring(L, 3, "", &lsep);
	if (n <= 0 || l + lsep == 0) {
		lua_pushliteral(L, "");
		return 1;
	}
	return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

/* Lua patterns backtrack inside C, where the count hook never runs: a
 * pattern with k quantifiers can take n^k steps on an n-byte subject. So the
 * matcher below (written for the sandbox, same syntax and results as Lua 5.4)
 * counts each step, plus the bytes a set or a back-reference compares, and
 * charges them to the instruction budget every PM_FLUSH steps. A
 * catastrophic pattern therefore trips the budget within milliseconds,
 * while ordinary matching costs a few units per subject byte. */
#define PM_MAXCAPTURES 32
#define PM_MAXDEPTH    200
#define PM_FLUSH       4096
#define CAP_OPEN       (-1)
#define CAP_POS        (-2)

typedef struct pmatch {
	const char *s0, *se, *pe;    /* subject start and end, pattern end */
	lua_State *L;
	const char *what;            /* "string.find"…, for the trip message */
	int depth, ncap;
	long long work;              /* steps not charged yet */
	struct { const char *at; ptrdiff_t len; } cap[PM_MAXCAPTURES];
} pmatch;

static void pm_init(pmatch *ms, lua_State *L, const char *s, size_t ls, const char *p, size_t lp,
                    const char *what)
{
	ms->L = L;
	ms->s0 = s;
	ms->se = s + ls;
	ms->pe = p + lp;
	ms->what = what;
	ms->depth = ms->ncap = 0;
	ms->work = 0;
}

static void pm_flush(pmatch *ms)
{
	long long w = ms->work;
	ms->work = 0;
	smb_sandbox_charge(ms->L, w * STEP_UNITS, ms->what);
}

static void pm_step(pmatch *ms, long long n)
{
	ms->work += n;
	if (ms->work >= PM_FLUSH)
		pm_flush(ms);
}

static int pm_class(int cl, int c)
{
	int r;
	switch (cl | 0x20) {
	case 'a': r = isalpha(c); break;
	case 'c': r = iscntrl(c); break;
	case 'd': r = isdigit(c); break;
	case 'g': r = isgraph(c); break;
	case 'l': r = islower(c); break;
	case 'p': r = ispunct(c); break;
	case 's': r = isspace(c); break;
	case 'u': r = isupper(c); break;
	case 'w': r = isalnum(c); break;
	case 'x': r = isxdigit(c); break;
	case 'z': r = c == 0; break;   /* deprecated, still in Lua 5.4 */
	default: return cl == c;
	}
	return (cl >= 'A' && cl <= 'Z') ? !r : r != 0;
}

/* p is at '[', close at its ']'. */
static int pm_set(int c, const char *p, const char *close)
{
	int yes = 1;
	if (*++p == '^') {
		yes = 0;
		p++;
	}
	for (; p < close; p++) {
		if (*p == '%' && p + 1 < close) {
			p++;
			if (pm_class(UC(*p), c))
				return yes;
		} else if (p[1] == '-' && p + 2 < close) {
			if (UC(p[0]) <= c && c <= UC(p[2]))
				return yes;
			p += 2;
		} else if (UC(*p) == c) {
			return yes;
		}
	}
	return !yes;
}

/* End of the single-character item at p. Lua strings end in a NUL, so
 * reading *pe is safe. */
static const char *pm_item_end(pmatch *ms, const char *p)
{
	switch (*p++) {
	case '%':
		if (p >= ms->pe)
			luaL_error(ms->L, "malformed pattern (ends with '%%')");
		return p + 1;
	case '[':
		if (*p == '^')
			p++;
		do {   /* a ']' right after '[' or '[^' is an ordinary member */
			if (p >= ms->pe)
				luaL_error(ms->L, "malformed pattern (missing ']')");
			if (*p++ == '%' && p < ms->pe)
				p++;
		} while (*p != ']');
		return p + 1;
	default:
		return p;
	}
}

static int pm_single(const pmatch *ms, const char *s, const char *p, const char *ep)
{
	int c;
	if (s >= ms->se)
		return 0;
	c = UC(*s);
	switch (*p) {
	case '.': return 1;
	case '%': return pm_class(UC(p[1]), c);
	case '[': return pm_set(c, p, ep - 1);
	default: return UC(*p) == c;
	}
}

static const char *pm_match(pmatch *ms, const char *s, const char *p);

static const char *pm_greedy(pmatch *ms, const char *s, const char *p, const char *ep, long long cost)
{
	ptrdiff_t i = 0;
	while (pm_single(ms, s + i, p, ep)) {
		i++;
		pm_step(ms, cost);
	}
	for (; i >= 0; i--) {
		const char *r = pm_match(ms, s + i, ep + 1);
		if (r)
			return r;
	}
	return NULL;
}

static const char *pm_lazy(pmatch *ms, const char *s, const char *p, const char *ep, long long cost)
{
	for (;;) {
		const char *r = pm_match(ms, s, ep + 1);
		if (r)
			return r;
		if (!pm_single(ms, s, p, ep))
			return NULL;
		s++;
		pm_step(ms, cost);
	}
}

static const char *pm_open(pmatch *ms, const char *s, const char *p, ptrdiff_t kind)
{
	const char *r;
	if (ms->ncap >= PM_MAXCAPTURES)
		luaL_error(ms->L, "too many captures");
	ms->cap[ms->ncap].at = s;
	ms->cap[ms->ncap].len = kind;
	ms->ncap++;
	if (!(r = pm_match(ms, s, p)))
		ms->ncap--;
	return r;
}

static const char *pm_close(pmatch *ms, const char *s, const char *p)
{
	int i = ms->ncap;
	const char *r;
	while (--i >= 0 && ms->cap[i].len != CAP_OPEN)
		;
	if (i < 0)
		luaL_error(ms->L, "invalid pattern capture");
	ms->cap[i].len = s - ms->cap[i].at;
	if (!(r = pm_match(ms, s, p)))
		ms->cap[i].len = CAP_OPEN;
	return r;
}

static const char *pm_balance(pmatch *ms, const char *s, const char *p)
{
	int depth = 1;
	if (p + 1 >= ms->pe)
		luaL_error(ms->L, "malformed pattern (missing arguments to '%%b')");
	if (s >= ms->se || *s != p[0])
		return NULL;
	while (++s < ms->se) {
		pm_step(ms, 1);
		if (*s == p[1]) {
			if (--depth == 0)
				return s + 1;
		} else if (*s == p[0]) {
			depth++;
		}
	}
	return NULL;
}

static const char *pm_backref(pmatch *ms, const char *s, int digit)
{
	int i = digit - '1';
	size_t len;
	if (i < 0 || i >= ms->ncap || ms->cap[i].len == CAP_OPEN)
		luaL_error(ms->L, "invalid capture index %%%d", i + 1);
	if (ms->cap[i].len == CAP_POS)
		return NULL;
	len = (size_t)ms->cap[i].len;
	pm_step(ms, (long long)(len >> 4));
	if ((size_t)(ms->se - s) >= len && memcmp(ms->cap[i].at, s, len) == 0)
		return s + len;
	return NULL;
}

static const char *pm_match(pmatch *ms, const char *s, const char *p)
{
	const char *ep;
	if (++ms->depth > PM_MAXDEPTH)
		luaL_error(ms->L, "pattern too complex");
	for (;;) {
		pm_step(ms, 1);
		if (p == ms->pe)
			break;
		switch (*p) {
		case '(':
			s = p[1] == ')' ? pm_open(ms, s, p + 2, CAP_POS) : pm_open(ms, s, p + 1, CAP_OPEN);
			goto out;
		case ')':
			s = pm_close(ms, s, p + 1);
			goto out;
		case '$':
			if (p + 1 != ms->pe)
				break;   /* an ordinary character */
			if (s != ms->se)
				s = NULL;
			goto out;
		case '%':
			if (p[1] == 'b') {
				if (!(s = pm_balance(ms, s, p + 2)))
					goto out;
				p += 4;
				continue;
			}
			if (p[1] == 'f') {
				int prev, cur;
				p += 2;
				if (*p != '[')
					luaL_error(ms->L, "missing '[' after '%%f' in pattern");
				ep = pm_item_end(ms, p);
				pm_step(ms, (ep - p) >> 4);
				prev = s == ms->s0 ? 0 : UC(s[-1]);
				cur = s < ms->se ? UC(*s) : 0;
				if (pm_set(prev, p, ep - 1) || !pm_set(cur, p, ep - 1)) {
					s = NULL;
					goto out;
				}
				p = ep;
				continue;
			}
			if (p[1] >= '0' && p[1] <= '9') {
				if (!(s = pm_backref(ms, s, UC(p[1]))))
					goto out;
				p += 2;
				continue;
			}
			break;
		}
		ep = pm_item_end(ms, p);
		{
			int m = pm_single(ms, s, p, ep);
			long long cost = 1 + ((ep - p) >> 4);   /* a long set costs its length */
			pm_step(ms, cost - 1);
			switch (*ep) {   /* *pe is the NUL ending the pattern: no quantifier */
			case '?':
				if (m) {
					const char *r = pm_match(ms, s + 1, ep + 1);
					if (r) {
						s = r;
						goto out;
					}
				}
				p = ep + 1;
				continue;
			case '+':
				s = m ? pm_greedy(ms, s + 1, p, ep, cost) : NULL;
				goto out;
			case '*':
				s = pm_greedy(ms, s, p, ep, cost);
				goto out;
			case '-':
				s = pm_lazy(ms, s, p, ep, cost);
				goto out;
			default:
				if (!m) {
					s = NULL;
					goto out;
				}
				s++;
				p = ep;
			}
		}
	}
out:
	ms->depth--;
	return s;
}

/* Capture i, or the whole match s..e when the pattern has none. */
static void pm_push_capture(pmatch *ms, int i, const char *s, const char *e)
{
	if (i >= ms->ncap) {
		if (i != 0)
			luaL_error(ms->L, "invalid capture index %%%d", i + 1);
		lua_pushlstring(ms->L, s, (size_t)(e - s));
	} else if (ms->cap[i].len == CAP_POS) {
		lua_pushinteger(ms->L, ms->cap[i].at - ms->s0 + 1);
	} else if (ms->cap[i].len == CAP_OPEN) {
		luaL_error(ms->L, "unfinished capture");
	} else {
		lua_pushlstring(ms->L, ms->cap[i].at, (size_t)ms->cap[i].len);
	}
}

static int pm_push_captures(pmatch *ms, const char *s, const char *e)
{
	int i, n = (ms->ncap == 0 && s) ? 1 : ms->ncap;
	luaL_checkstack(ms->L, n, "too many captures");
	for (i = 0; i < n; i++)
		pm_push_capture(ms, i, s, e);
	return n;
}

static size_t start_index(lua_Integer pos, size_t len)
{
	if (pos > 0)
		return (size_t)pos;
	if (pos == 0 || pos < -(lua_Integer)len)
		return 1;
	return len + (size_t)pos + 1;
}

static int has_specials(const char *p, size_t lp)
{
	size_t i;
	for (i = 0; i < lp; i++)
		if (p[i] && strchr("^$*+?.([%-", p[i]))
			return 1;
	return 0;
}

/* A plain search pays for the bytes memchr skips and the bytes memcmp may
 * compare, so repeating it over a long subject is not free either. */
static int find_plain(lua_State *L, const char *s, size_t ls, size_t init, const char *p, size_t lp)
{
	const char *at = s + init, *last, *c;
	long long work = 1;
	if (lp == 0) {
		lua_pushinteger(L, (lua_Integer)init + 1);
		lua_pushinteger(L, (lua_Integer)init);
		return 2;
	}
	if (lp <= ls - init) {
		last = s + (ls - lp);
		while (at <= last) {
			if (!(c = memchr(at, UC(*p), (size_t)(last - at) + 1))) {
				work += (last - at) >> 6;
				break;
			}
			work += ((c - at) >> 6) + 1 + (long long)(lp >> 4);
			if (memcmp(c + 1, p + 1, lp - 1) == 0) {
				smb_sandbox_charge(L, work * STEP_UNITS, "string.find");
				lua_pushinteger(L, c - s + 1);
				lua_pushinteger(L, (lua_Integer)(c - s + (ptrdiff_t)lp));
				return 2;
			}
			at = c + 1;
			if (work >= PM_FLUSH) {
				smb_sandbox_charge(L, work * STEP_UNITS, "string.find");
				work = 0;
			}
		}
	}
	smb_sandbox_charge(L, work * STEP_UNITS, "string.find");
	luaL_pushfail(L);
	return 1;
}

static int find_aux(lua_State *L, int find)
{
	size_t ls, lp;
	const char *s = luaL_checklstring(L, 1, &ls);
	const char *p = luaL_checklstring(L, 2, &lp);
	size_t init = start_index(luaL_optinteger(L, 3, 1), ls) - 1;
	const char *s1, *e;
	int anchor;
	pmatch ms;
	if (init > ls) {
		luaL_pushfail(L);
		return 1;
	}
	if (find && (lua_toboolean(L, 4) || !has_specials(p, lp)))
		return find_plain(L, s, ls, init, p, lp);
	anchor = *p == '^';
	if (anchor) {
		p++;
		lp--;
	}
	pm_init(&ms, L, s, ls, p, lp, find ? "string.find" : "string.match");
	s1 = s + init;
	do {
		ms.depth = ms.ncap = 0;
		if ((e = pm_match(&ms, s1, p)) != NULL) {
			pm_flush(&ms);
			if (!find)
				return pm_push_captures(&ms, s1, e);
			lua_pushinteger(L, s1 - s + 1);
			lua_pushinteger(L, e - s);
			return pm_push_captures(&ms, NULL, NULL) + 2;
		}
	} while (s1++ < ms.se && !anchor);
	pm_flush(&ms);
	luaL_pushfail(L);
	return 1;
}

static int sb_find(lua_State *L)
{
	return find_aux(L, 1);
}

static int sb_match(lua_State *L)
{
	return find_aux(L, 0);
}

typedef struct gmstate {
	size_t pos;    /* where the next attempt starts */
	size_t last;   /* end of the last match, or SIZE_MAX: no empty match right there */
} gmstate;

static int gmatch_step(lua_State *L)
{
	size_t ls, lp;
	const char *s = lua_tolstring(L, lua_upvalueindex(1), &ls);
	const char *p = lua_tolstring(L, lua_upvalueindex(2), &lp);
	gmstate *g = lua_touserdata(L, lua_upvalueindex(3));
	const char *e;
	pmatch ms;
	pm_init(&ms, L, s, ls, p, lp, "string.gmatch");
	for (; g->pos <= ls; g->pos++) {
		ms.depth = ms.ncap = 0;
		e = pm_match(&ms, s + g->pos, p);
		if (e && (size_t)(e - s) != g->last) {
			size_t start = g->pos;
			g->pos = g->last = (size_t)(e - s);
			pm_flush(&ms);
			return pm_push_captures(&ms, s + start, e);
		}
	}
	pm_flush(&ms);
	return 0;
}

/* As in Lua 5.4, a leading '^' is an ordinary character here. */
static int sb_gmatch(lua_State *L)
{
	size_t ls;
	gmstate *g;
	luaL_checklstring(L, 1, &ls);
	luaL_checkstring(L, 2);
	size_t init = start_index(luaL_optinteger(L, 3, 1), ls) - 1;
	lua_settop(L, 2);
	g = lua_newuserdatauv(L, sizeof *g, 0);
	g->pos = init > ls ? ls + 1 : init;
	g->last = SIZE_MAX;
	lua_pushcclosure(L, gmatch_step, 3);
	return 1;
}

static void gsub_string(pmatch *ms, luaL_Buffer *b, const char *s, const char *e)
{
	lua_State *L = ms->L;
	size_t l;
	const char *r = lua_tolstring(L, 3, &l), *end = r + l, *q;
	while ((q = memchr(r, '%', (size_t)(end - r))) != NULL) {
		luaL_addlstring(b, r, (size_t)(q - r));
		q++;
		if (q < end && *q == '%') {
			luaL_addchar(b, '%');
		} else if (q < end && *q == '0') {
			luaL_addlstring(b, s, (size_t)(e - s));
		} else if (q < end && *q >= '1' && *q <= '9') {
			pm_push_capture(ms, *q - '1', s, e);
			luaL_addvalue(b);   /* converts a position capture too */
		} else {
			luaL_error(L, "invalid use of '%%' in replacement string");
		}
		r = q + 1;
	}
	luaL_addlstring(b, r, (size_t)(end - r));
}

/* Adds the replacement of s..e; returns whether it differs from the match. */
static int gsub_value(pmatch *ms, luaL_Buffer *b, const char *s, const char *e, int tr)
{
	lua_State *L = ms->L;
	if (tr == LUA_TFUNCTION) {
		int n;
		lua_pushvalue(L, 3);
		n = pm_push_captures(ms, s, e);
		lua_call(L, n, 1);
	} else if (tr == LUA_TTABLE) {
		pm_push_capture(ms, 0, s, e);
		lua_gettable(L, 3);
	} else {
		gsub_string(ms, b, s, e);
		return 1;
	}
	if (!lua_toboolean(L, -1)) {
		lua_pop(L, 1);
		luaL_addlstring(b, s, (size_t)(e - s));
		return 0;
	}
	if (!lua_isstring(L, -1))
		return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
	luaL_addvalue(b);
	return 1;
}

static int sb_gsub(lua_State *L)
{
	size_t ls, lp;
	const char *s = luaL_checklstring(L, 1, &ls);
	const char *p = luaL_checklstring(L, 2, &lp);
	const char *src = s, *last = NULL, *e;
	int tr = lua_type(L, 3), anchor, changed = 0;
	lua_Integer max = luaL_optinteger(L, 4, (lua_Integer)ls + 1), n = 0;
	pmatch ms;
	luaL_Buffer b;
	luaL_argexpected(L, tr == LUA_TNUMBER || tr == LUA_TSTRING || tr == LUA_TFUNCTION || tr == LUA_TTABLE,
	                 3, "string/function/table");
	anchor = *p == '^';
	if (anchor) {
		p++;
		lp--;
	}
	pm_init(&ms, L, s, ls, p, lp, "string.gsub");
	luaL_buffinit(L, &b);
	while (n < max) {
		ms.depth = ms.ncap = 0;
		e = pm_match(&ms, src, p);
		if (e && e != last) {   /* no empty match right after the previous one */
			n++;
			changed |= gsub_value(&ms, &b, src, e, tr);
			src = last = e;
		} else if (src < ms.se) {
			luaL_addchar(&b, *src++);
		} else {
			break;
		}
		if (anchor)
			break;
	}
	if (!changed) {
		lua_pushvalue(L, 1);
	} else {
		luaL_addlstring(&b, src, (size_t)(ms.se - src));
		luaL_pushresult(&b);
	}
	pm_flush(&ms);
	lua_pushinteger(L, n);
	return 2;
}

/* ---- table: loops that count their elements ------------------------------- */

/* Lua's own table functions loop in C over lua_geti/lua_seti: a __len of
 * 2^62 or an __index chain makes them run for hours without one VM
 * instruction. These count each element and read the clock every SB_TICK. */
static void tab_check(lua_State *L, int i)
{
	if (lua_type(L, i) != LUA_TTABLE) {
		if (!lua_getmetatable(L, i))
			luaL_typeerror(L, i, "table");
		lua_pop(L, 1);
	}
}

static int sb_tinsert(lua_State *L)
{
	lua_Integer e, pos, i;
	unsigned n = 0;
	tab_check(L, 1);
	e = (lua_Integer)((lua_Unsigned)luaL_len(L, 1) + 1u);
	switch (lua_gettop(L)) {
	case 2:
		pos = e;
		break;
	case 3:
		pos = luaL_checkinteger(L, 2);
		luaL_argcheck(L, (lua_Unsigned)pos - 1u < (lua_Unsigned)e, 2, "position out of bounds");
		for (i = e; i > pos; i--) {
			tick(L, &n, "table.insert");
			lua_geti(L, 1, i - 1);
			lua_seti(L, 1, i);
		}
		break;
	default:
		return luaL_error(L, "wrong number of arguments to 'insert'");
	}
	lua_seti(L, 1, pos);
	return 0;
}

static int sb_tremove(lua_State *L)
{
	lua_Integer size, pos;
	unsigned n = 0;
	tab_check(L, 1);
	size = luaL_len(L, 1);
	pos = luaL_optinteger(L, 2, size);
	if (pos != size)
		luaL_argcheck(L, (lua_Unsigned)pos - 1u <= (lua_Unsigned)size, 2, "position out of bounds");
	lua_geti(L, 1, pos);
	for (; pos < size; pos++) {
		tick(L, &n, "table.remove");
		lua_geti(L, 1, pos + 1);
		lua_seti(L, 1, pos);
	}
	lua_pushnil(L);
	lua_seti(L, 1, pos);
	return 1;
}

static int sb_tmove(lua_State *L)
{
	lua_Integer f = luaL_checkinteger(L, 2), e = luaL_checkinteger(L, 3);
	lua_Integer t = luaL_checkinteger(L, 4), cnt, i;
	int tt = lua_isnoneornil(L, 5) ? 1 : 5;
	unsigned n = 0;
	tab_check(L, 1);
	tab_check(L, tt);
	if (e >= f) {
		luaL_argcheck(L, f > 0 || e < LUA_MAXINTEGER + f, 3, "too many elements to move");
		cnt = e - f + 1;
		luaL_argcheck(L, t <= LUA_MAXINTEGER - cnt + 1, 4, "destination wrap around");
		if (t > e || t <= f || (tt != 1 && !lua_compare(L, 1, tt, LUA_OPEQ))) {   /* no overlap to fear */
			for (i = 0; i < cnt; i++) {
				tick(L, &n, "table.move");
				lua_geti(L, 1, f + i);
				lua_seti(L, tt, t + i);
			}
		} else {
			for (i = cnt - 1; i >= 0; i--) {
				tick(L, &n, "table.move");
				lua_geti(L, 1, f + i);
				lua_seti(L, tt, t + i);
			}
		}
	}
	lua_pushvalue(L, tt);
	return 1;
}

static int sb_tconcat(lua_State *L)
{
	size_t lsep;
	const char *sep;
	lua_Integer i, last;
	unsigned n = 0;
	luaL_Buffer b;
	tab_check(L, 1);
	sep = luaL_optlstring(L, 2, "", &lsep);
	i = luaL_optinteger(L, 3, 1);
	last = lua_isnoneornil(L, 4) ? luaL_len(L, 1) : luaL_checkinteger(L, 4);
	luaL_buffinit(L, &b);
	for (; i <= last; i++) {
		tick(L, &n, "table.concat");
		lua_geti(L, 1, i);
		if (!lua_isstring(L, -1))
			return luaL_error(L, "invalid value (%s) at index %I in table for 'concat'",
			                  luaL_typename(L, -1), (lua_Integer)i);
		luaL_addvalue(&b);
		if (i == last)
			break;   /* also keeps i from overflowing */
		luaL_addlstring(&b, sep, lsep);
	}
	luaL_pushresult(&b);
	return 1;
}

static int sb_tunpack(lua_State *L)
{
	lua_Integer i = luaL_optinteger(L, 2, 1);
	lua_Integer e = lua_isnoneornil(L, 3) ? luaL_len(L, 1) : luaL_checkinteger(L, 3);
	lua_Unsigned cnt;
	unsigned n = 0;
	if (i > e)
		return 0;
	cnt = (lua_Unsigned)e - (lua_Unsigned)i;
	if (cnt >= (lua_Unsigned)INT_MAX || !lua_checkstack(L, (int)(++cnt)))
		return luaL_error(L, "too many results to unpack");
	for (; i < e; i++) {
		tick(L, &n, "table.unpack");
		lua_geti(L, 1, i);
	}
	lua_geti(L, 1, e);
	return (int)cnt;
}

/* What comparing two values may cost: two strings are compared byte by
 * byte in C (strcoll), out of the hook's sight, so a comparison pays for
 * the bytes it may read, one unit per 64 like an allocation. */
static long long compare_units(lua_State *L)
{
	size_t la, lb;
	if (lua_type(L, 1) != LUA_TSTRING || lua_type(L, 2) != LUA_TSTRING)
		return 1;
	lua_tolstring(L, 1, &la);
	lua_tolstring(L, 2, &lb);
	return 1 + (long long)((la < lb ? la : lb) >> 6);
}

/* The order table.sort is given: the playbook's comparator (upvalue 1) or
 * <, charged per comparison, so that a sort of long strings meets the
 * budget and the clock at every comparison. */
static int sort_less(lua_State *L)
{
	smb_sandbox_charge(L, compare_units(L), "table.sort");
	if (lua_isnil(L, lua_upvalueindex(1))) {
		lua_pushboolean(L, lua_compare(L, 1, 2, LUA_OPLT));
		return 1;
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_pushvalue(L, 1);
	lua_pushvalue(L, 2);
	lua_call(L, 2, 1);
	return 1;
}

/* A plain table goes straight to Lua's sort (its size is bounded by memory);
 * anything with a metatable is copied out through the counted loop, sorted
 * plain, and written back. Either way the order is sort_less. */
static int sb_tsort(lua_State *L)
{
	lua_CFunction sort = lua_tocfunction(L, lua_upvalueindex(1));
	lua_Integer len, i;
	unsigned n = 0;
	tab_check(L, 1);
	if (!lua_isnoneornil(L, 2))
		luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_settop(L, 2);
	lua_pushcclosure(L, sort_less, 1);   /* takes the comparator or nil */
	if (lua_type(L, 1) == LUA_TTABLE && !lua_getmetatable(L, 1)) {
		smb_sandbox_charge(L, (long long)lua_rawlen(L, 1) * ELEM_UNITS, "table.sort");
		return sort(L);
	}
	lua_settop(L, 2);
	len = luaL_len(L, 1);
	luaL_argcheck(L, len < INT_MAX, 1, "array too big");
	lua_createtable(L, len > 0 ? (int)len : 0, 0);   /* 3 */
	for (i = 1; i <= len; i++) {
		tick(L, &n, "table.sort");
		lua_geti(L, 1, i);
		lua_rawseti(L, 3, i);
	}
	lua_pushcfunction(L, sort);
	lua_pushvalue(L, 3);
	lua_pushvalue(L, 2);
	lua_call(L, 2, 0);
	for (i = 1; i <= len; i++) {
		tick(L, &n, "table.sort");
		lua_rawgeti(L, 3, i);
		lua_seti(L, 1, i);
	}
	return 0;
}

/* Functions that scan a string argument in C without allocating: each call
 * pays for the bytes of its first argument before Lua's own function
 * (upvalue 1) runs, one unit per 2^shift bytes (upvalue 3), as measured:
 * utf8.len/offset/codepoint decode a byte in about half a VM instruction's
 * time (shift 1); string.pack/packsize/unpack read their format a byte in
 * about one (shift 0), string.format in a quarter (shift 2). */
static int sb_scan(lua_State *L)
{
	size_t len = 0;
	if (lua_type(L, 1) == LUA_TSTRING)
		lua_tolstring(L, 1, &len);
	smb_sandbox_charge(L, 1 + (long long)(len >> lua_tointeger(L, lua_upvalueindex(3))),
	                   lua_tostring(L, lua_upvalueindex(2)));
	return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

static void wrap_scan(lua_State *L, int lib, const char *libname, const char *name, int shift)
{
	lua_getfield(L, lib, name);
	if (!lua_tocfunction(L, -1))
		luaL_error(L, "sandbox: the standard library has no C function %s", name);
	lua_pushfstring(L, "%s.%s", libname, name);   /* the trip message names it */
	lua_pushinteger(L, shift);
	lua_pushcclosure(L, sb_scan, 3);
	lua_setfield(L, lib, name);
}

/* Each replacement that wraps Lua's own function keeps it as upvalue 1. */
static void wrap(lua_State *L, int lib, const char *name, lua_CFunction f)
{
	lua_getfield(L, lib, name);
	if (!lua_tocfunction(L, -1))
		luaL_error(L, "sandbox: the standard library has no C function %s", name);
	lua_pushcclosure(L, f, 1);
	lua_setfield(L, lib, name);
}

int smb_sandbox_open_counted(lua_State *L)
{
	static const luaL_Reg str[] = {
		{ "find", sb_find }, { "match", sb_match }, { "gmatch", sb_gmatch }, { "gsub", sb_gsub },
		{ NULL, NULL }
	};
	static const luaL_Reg tab[] = {
		{ "insert", sb_tinsert }, { "remove", sb_tremove }, { "move", sb_tmove },
		{ "concat", sb_tconcat }, { "unpack", sb_tunpack }, { NULL, NULL }
	};
	int top = lua_gettop(L);
	if (lua_getglobal(L, LUA_STRLIBNAME) != LUA_TTABLE || lua_getglobal(L, LUA_TABLIBNAME) != LUA_TTABLE)
		return luaL_error(L, "sandbox: the string and table libraries must be open");
	luaL_setfuncs(L, tab, 0);
	wrap(L, top + 2, "sort", sb_tsort);
	lua_pop(L, 1);
	luaL_setfuncs(L, str, 0);
	wrap(L, top + 1, "rep", sb_rep);
	wrap_scan(L, top + 1, "string", "pack", 0);
	wrap_scan(L, top + 1, "string", "packsize", 0);
	wrap_scan(L, top + 1, "string", "unpack", 0);
	wrap_scan(L, top + 1, "string", "format", 2);
	if (lua_getglobal(L, LUA_UTF8LIBNAME) == LUA_TTABLE) {
		wrap_scan(L, top + 2, "utf8", "len", 1);
		wrap_scan(L, top + 2, "utf8", "offset", 1);
		wrap_scan(L, top + 2, "utf8", "codepoint", 1);
	}
	lua_settop(L, top);
	return 0;
}
