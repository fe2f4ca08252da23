/* core/util/paths.c — where the bundled plugins, playbooks and examples are.
 * Nothing of the build tree is compiled in, so builds are reproducible and an
 * installed smbopt never reads a build tree: the build writes the marker
 * .smbopt-build-tree (the source directory's path) beside the executable
 * it builds, and only an executable with that marker beside it is "running
 * from the build tree". Otherwise the configured install paths are used,
 * moved along with the executable when the whole prefix was moved (a
 * DESTDIR staging, a relocated tarball): PREFIX/bin/smbopt finds
 * PREFIX/lib/smbopt/plugins wherever PREFIX now is. */
#include "paths.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define MARKER ".smbopt-build-tree"

/* The source directory named by the marker beside exe_dir; 0 when found. */
static int build_tree_src(const char *exe_dir, char *src, size_t len)
{
	char path[PATH_MAX + sizeof MARKER + 1];
	FILE *f;
	size_t n;

	snprintf(path, sizeof path, "%s/" MARKER, exe_dir);
	if (!(f = fopen(path, "r")))
		return -1;
	n = fgets(src, (int)len, f) ? strcspn(src, "\r\n") : 0;
	fclose(f);
	src[n] = '\0';
	return n ? 0 : -1;
}

/* path under the configured prefix, moved to new_prefix. */
static void moved(char *out, size_t len, const char *path, const char *new_prefix)
{
	size_t pl = strlen(SMB_PREFIX);

	if (new_prefix && strncmp(path, SMB_PREFIX, pl) == 0 && (path[pl] == '/' || path[pl] == '\0'))
		snprintf(out, len, "%s%s", new_prefix, path + pl);
	else
		snprintf(out, len, "%s", path);
}

void smb_paths_get(smb_paths *p)
{
	char exe[PATH_MAX - 64], src[PATH_MAX - 64], prefix[PATH_MAX - 64];
	const char *new_prefix = NULL;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	size_t pl = strlen(SMB_PREFIX), el;
	char *slash;

	memset(p, 0, sizeof *p);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')))
			*slash = '\0';
		p->build_tree = build_tree_src(exe, src, sizeof src) == 0;
	}
	if (p->build_tree) {
		snprintf(p->plugins, sizeof p->plugins, "%s/plugins/.libs", exe);
		snprintf(p->scripts, sizeof p->scripts, "%s/scripts", src);
		snprintf(p->examples, sizeof p->examples, "%s/examples", src);
		return;
	}
	/* Installed: bindir is PREFIX/SUFFIX; an executable in OTHER/SUFFIX
	 * that is not in bindir was moved with its prefix to OTHER. */
	el = n > 0 ? strlen(exe) : 0;
	if (el && strcmp(exe, SMB_BINDIR) != 0 && strncmp(SMB_BINDIR, SMB_PREFIX, pl) == 0) {
		const char *suffix = SMB_BINDIR + pl;
		size_t sl = strlen(suffix);
		if (sl && el > sl && strcmp(exe + el - sl, suffix) == 0 && el - sl < sizeof prefix) {
			memcpy(prefix, exe, el - sl);
			prefix[el - sl] = '\0';
			new_prefix = prefix;
		}
	}
	moved(p->plugins, sizeof p->plugins, SMB_PLUGINDIR, new_prefix);
	moved(p->scripts, sizeof p->scripts, SMB_PLAYBOOKDIR, new_prefix);
	moved(p->examples, sizeof p->examples, SMB_EXAMPLEDIR, new_prefix);
}
