/* core/engine/playbook_int.h — what the loader (playbook.c) and the declaration
 * functions (playbook_decl.c) share: the load context of one playbook. */
#ifndef SMB_PLAYBOOK_INT_H
#define SMB_PLAYBOOK_INT_H

#include <lua.h>

#include "buf.h"
#include "playbook.h"
#include "registry.h"

typedef struct loadctx {
	smb_registry staging;
	smb_playbook *pb;
	smb_buf errors;
	int nerrors;
	struct loadctx **box; /* what the declarations reach this through */
} loadctx;

/* A lua_CFunction called with the load context as a light userdata: makes
 * playbook, metric, rule, initiative, question, goalposts and weights
 * globals of the state, reaching lc through a box the loader empties. */
int smb_playbook_install(lua_State *L);

#endif
