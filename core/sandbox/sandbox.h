/* core/sandbox/sandbox.h — the Lua 5.4 sandbox a playbook runs in: one lua_State per
 * playbook with a capped allocator, an instruction budget, a safe subset of
 * the standard library, a read-only `smb` table and a search-path `require`. */
#ifndef SMB_SANDBOX_H
#define SMB_SANDBOX_H

#include <stddef.h>
#include <lua.h>

/* Result codes. 0 is success; -1 a host-side failure (bad argument, file not
 * readable, host out of memory). The positive codes tell a playbook's own
 * error from a tripped limit; smb_sandbox_tripped() returns the trip codes. */
#define SMB_SANDBOX_ERROR        1   /* Lua error: syntax, runtime, stack overflow, refused operation */
#define SMB_SANDBOX_MEMORY       2   /* the memory limit tripped */
#define SMB_SANDBOX_INSTRUCTIONS 3   /* the instruction budget tripped */
#define SMB_SANDBOX_TIME         4   /* the wall-clock backstop tripped */

/* Limits. A field left 0 takes its default, so a zeroed struct is valid. */
typedef struct smb_sandbox_limits {
	size_t memory;              /* bytes the state may hold; default 64 MiB */
	long long instructions;     /* budget per protected call; default 10,000,000 */
	int hook_interval;          /* the count hook runs every this many VM instructions; default 1000 */
	double seconds;             /* wall-clock backstop per protected call; default 5; < 0: none */
	const char *const *search_path;  /* directories require() reads modules from (copied) */
	size_t nsearch_path;
} smb_sandbox_limits;

/* What the budget counts, each unit about one VM instruction's time: one
 * per VM instruction, three per step of the pattern matcher
 * (string.find/match/gmatch/gsub), eight per element a table function moves,
 * one per 64 bytes allocated, one per comparison table.sort makes plus one
 * per 64 bytes of the shorter of two strings it compares, and one per 2
 * bytes of the string utf8.len, utf8.offset and utf8.codepoint scan, one
 * per byte of a string.pack/packsize/unpack format, one per 4 bytes of a
 * string.format format and of the source load() parses. The wall-clock backstop catches what no
 * counter sees (a lookup down a 2000-long __index chain is one instruction). */

typedef struct smb_sandbox smb_sandbox;

/* print() in a playbook builds one line (arguments through tostring, joined
 * by tabs, no newline) and hands it to this callback; without one, print
 * accepts its arguments and discards them. */
typedef void (*smb_sandbox_print_fn)(void *ud, const char *text, size_t len);

void smb_sandbox_default_limits(smb_sandbox_limits *lim);

/* lim may be NULL (all defaults). Search-path directories that do not exist
 * are skipped. */
int smb_sandbox_new(const smb_sandbox_limits *lim, smb_sandbox **out, char *err, size_t errlen);
void smb_sandbox_free(smb_sandbox *sb);   /* NULL is fine */

/* The state, for the host's own pushes and registrations. Host code that
 * allocates on it (lua_setfield, lua_pushstring…) should run inside
 * smb_sandbox_call so that a memory error cannot become a Lua panic. */
lua_State *smb_sandbox_lua(smb_sandbox *sb);
smb_sandbox *smb_sandbox_from_lua(lua_State *L);   /* from inside a C function */
void smb_sandbox_set_print(smb_sandbox *sb, smb_sandbox_print_fn fn, void *ud);

/* Before the freeze: pushes the (still writable) smb table and returns 0, so
 * the host can add fields. After it: pushes nothing and returns -1.
 * The freeze replaces smb and every table reachable through its values by
 * read-only proxies (userdata: indexing, #, pairs and ipairs work; any write,
 * rawset or setmetatable raises "smb[.path] is read-only") and sets the
 * global `smb`. It is idempotent and happens by itself before the first
 * load or call. */
int smb_sandbox_smb_table(smb_sandbox *sb);
int smb_sandbox_freeze(smb_sandbox *sb, char *err, size_t errlen);

/* Compile source text (never a binary chunk) and push the function, without
 * running it. chunkname "@path" or "=name" is used as is, anything else gets
 * "=" in front, so messages read "NAME:LINE: message". */
int smb_sandbox_compile(smb_sandbox *sb, const char *chunkname, const char *src, size_t len,
                        char *err, size_t errlen);
/* Compile and run under the limits, discarding results. */
int smb_sandbox_load_string(smb_sandbox *sb, const char *chunkname, const char *src, size_t len,
                            char *err, size_t errlen);
int smb_sandbox_load_file(smb_sandbox *sb, const char *path, char *err, size_t errlen);

/* Protected call of the function below its nargs arguments (both popped);
 * on 0 the nresults results are pushed, otherwise nothing is. The outermost
 * call resets the instruction budget and the clock. Once tripped, a sandbox
 * runs nothing more: every call returns the trip code and message. */
int smb_sandbox_call(smb_sandbox *sb, int nargs, int nresults, char *err, size_t errlen);

/* A time budget across calls, besides each call's clock: from now on the
 * outermost calls may take seconds in all (0: no such budget). Once they
 * have, the sandbox trips (SMB_SANDBOX_TIME) with "WHO spent its time
 * budget of S s for this assessment". Calling it again opens a new
 * account; a trip stays, like every trip. */
void smb_sandbox_time_total(smb_sandbox *sb, double seconds, const char *who);

int smb_sandbox_tripped(const smb_sandbox *sb);       /* 0 or a trip code */
size_t smb_sandbox_memory(const smb_sandbox *sb);     /* bytes held now */
long long smb_sandbox_used(const smb_sandbox *sb);    /* budget used by the last outermost call */

/* For host C functions that loop on a playbook's behalf: counts units
 * against the budget and raises the trip error when it runs out. */
void smb_sandbox_charge(lua_State *L, long long units, const char *what);

/* For host copies of what the playbook hands over (declarations): counts
 * bytes against the memory limit for the state's lifetime. When they do
 * not fit, returns -1 and marks the memory trip without raising it (the
 * caller frees what it holds and returns; the next instruction raises). */
int smb_sandbox_hold(lua_State *L, size_t bytes);

/* core/sandbox/sandbox_lib.c: replaces string.find/match/gmatch/gsub/rep,
 * string.pack/packsize/unpack/format, table.insert/remove/move/concat/
 * unpack/sort and utf8.len/offset/codepoint in L's global string, table
 * and utf8 libraries by versions that charge
 * their C loops through
 * smb_sandbox_charge (same results and messages as Lua 5.4's). L must
 * belong to a sandbox; smb_sandbox_new calls this. Raises on failure. */
int smb_sandbox_open_counted(lua_State *L);

#endif
