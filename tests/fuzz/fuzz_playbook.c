/* tests/fuzz/fuzz_playbook.c — libFuzzer target for the playbook loader
 * (core/engine/playbook.c over the sandbox): the input is a playbook's source,
 * loaded, ordered and tested as `smbopt playbook check/test` would, under
 * small limits so that a fuzzed endless loop costs milliseconds. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "playbook.h"
#include "registry.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond, ...)                                                      \
	do {                                                                  \
		if (!(cond)) {                                                \
			fprintf(stderr, "fuzz_playbook: %s: ", #cond);        \
			fprintf(stderr, __VA_ARGS__);                         \
			fputc('\n', stderr);                                  \
			abort();                                              \
		}                                                             \
	} while (0)

/* The playbook is written into a folder of its own, so that require() finds
 * nothing but the playbook itself and, in lib/, the bundled helper modules
 * (when $top_srcdir names the source tree). */
static char dir[256];
static char path[300];

static void remove_dir(void)
{
	char lib[300];
	snprintf(lib, sizeof lib, "%s/lib", dir);
	unlink(path);
	unlink(lib);
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR"), *src = getenv("top_srcdir");
	(void)argc;
	(void)argv;
	snprintf(dir, sizeof dir, "%s/smbfuzz.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	CHECK(mkdtemp(dir) != NULL, "mkdtemp %s: %s", dir, strerror(errno));
	snprintf(path, sizeof path, "%s/fuzz.lua", dir);
	if (src && *src) {
		char from[4096], lib[300];
		snprintf(from, sizeof from, "%s/scripts/lib", src);
		snprintf(lib, sizeof lib, "%s/lib", dir);
		if (symlink(from, lib) != 0)
			fprintf(stderr, "fuzz_playbook: no helper modules: %s\n", strerror(errno));
	}
	atexit(remove_dir);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	smb_registry r;
	smb_load_opts o;
	smb_playbook *pb = NULL;
	smb_err e;
	smb_buf out;
	FILE *f;
	int rc;

	if (!dir[0])
		LLVMFuzzerInitialize(NULL, NULL);
	f = fopen(path, "wb");
	CHECK(f != NULL, "%s: %s", path, strerror(errno));
	CHECK(fwrite(data, 1, size, f) == size && fclose(f) == 0, "writing %s", path);

	memset(&o, 0, sizeof o);
	o.no_defaults = 1;
	o.memory_limit = 8u << 20;
	o.instruction_limit = 200000;
	memset(&e, 0, sizeof e);
	CHECK(smb_registry_init(&r, &e) == SMB_OK, "registry: %s", e.msg);
	rc = smb_playbook_load_file(&r, path, &o, &pb, &e);
	if (rc != SMB_OK) {
		/* A refusal names the file (FILE:LINE: or FILE: reason). */
		CHECK(pb == NULL, "a refused playbook was returned");
		CHECK(e.msg[0] != '\0', "refused without a message");
		CHECK(rc == SMB_ECONFIG || rc == SMB_EDATA, "refused with code %d: %s", rc, e.msg);
		CHECK(strstr(e.msg, path) != NULL, "the message does not name the file: %s", e.msg);
		smb_registry_free(&r);
		return 0;
	}
	CHECK(pb != NULL && pb->name != NULL, "loaded without a name");
	CHECK(r.nplaybooks == 1 && r.playbooks[0] == pb, "not recorded in the registry");
	for (size_t i = 0; i < r.nmetrics; i++)
		CHECK(r.metrics[i].key != NULL && r.metrics[i].area >= 0 && r.metrics[i].area < 5,
		      "metric %zu without a key or area", i);
	/* Ordering may refuse a dependency cycle; then nothing is run. */
	if (smb_registry_finish(&r, &e) == SMB_OK && pb->ntests) {
		smb_buf_init(&out);
		int failed = smb_playbook_run_tests(pb, &out, &e);
		CHECK(failed >= 0, "tests could not run: %s", e.msg);
		CHECK(strstr(smb_buf_str(&out), "1..") != NULL, "no TAP plan");
		smb_buf_free(&out);
	}
	smb_registry_free(&r);
	return 0;
}
