/* core/util/paths.h — where smbopt finds its bundled playbooks, plugins and
 * examples: beside the build tree when run from it, else where installed. */
#ifndef SMB_PATHS_H
#define SMB_PATHS_H

#include <limits.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

typedef struct smb_paths {
	int build_tree;              /* running from the build tree, uninstalled */
	char plugins[PATH_MAX];      /* the bundled plugins */
	char scripts[PATH_MAX];      /* the bundled playbooks */
	char examples[PATH_MAX];
} smb_paths;

void smb_paths_get(smb_paths *p);

#endif
