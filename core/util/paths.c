/* core/util/paths.c — the build tree is recognised by the running executable's
 * directory being the configured build directory, so an installed smbopt
 * never picks up a stale build tree's plugins. */
#include "paths.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>


void smb_paths_get(smb_paths *p)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash;

	memset(p, 0, sizeof *p);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')))
			*slash = '\0';
		p->build_tree = strcmp(exe, SMB_BUILDDIR) == 0;
	}
	if (p->build_tree) {
		snprintf(p->plugins, sizeof p->plugins, "%s/plugins/.libs", SMB_BUILDDIR);
		snprintf(p->scripts, sizeof p->scripts, "%s/scripts", SMB_SRCDIR);
		snprintf(p->examples, sizeof p->examples, "%s/examples", SMB_SRCDIR);
	} else {
		snprintf(p->plugins, sizeof p->plugins, "%s", SMB_PLUGINDIR);
		snprintf(p->scripts, sizeof p->scripts, "%s", SMB_PLAYBOOKDIR);
		snprintf(p->examples, sizeof p->examples, "%s", SMB_EXAMPLEDIR);
	}
}
