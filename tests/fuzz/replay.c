/* tests/fuzz/replay.c — runs a libFuzzer target without libFuzzer, so that
 * make check (gcc, and the sanitizer build) replays the seed corpus and every
 * crash fuzzing ever found. Built once per target with -DFUZZ_NAME="csv".
 * With arguments it replays those files or folders; without, the corpus and
 * regressions folders of its target under $top_srcdir/tests/fuzz, as TAP. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef FUZZ_NAME
#error "build with -DFUZZ_NAME=\"target\""
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int tap_n, tap_failed;

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replays one file; a crash ends the process, which the TAP driver sees as
 * a missing plan, and the comment printed before it names the input. */
static int replay_file(const char *file)
{
	FILE *f = fopen(file, "rb");
	uint8_t *buf = NULL;
	size_t n = 0, cap = 0;

	if (!f)
		return -1;
	for (;;) {
		if (n == cap) {
			uint8_t *nb = realloc(buf, cap = cap ? 2 * cap : 4096);
			if (!nb) {
				free(buf);
				fclose(f);
				return -1;
			}
			buf = nb;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	printf("# %s\n", file);
	fflush(stdout);
	LLVMFuzzerTestOneInput(buf, n);
	free(buf);
	return 0;
}

/* Replays a file, or every regular file of a folder in name order; returns
 * how many inputs ran, or -1 when one could not be read. */
static long replay(const char *path)
{
	struct stat sb;
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t nn = 0;
	long ran = 0;

	if (stat(path, &sb) != 0)
		return 0;
	if (!S_ISDIR(sb.st_mode))
		return replay_file(path) == 0 ? 1 : -1;
	if (!(d = opendir(path)))
		return -1;
	while ((de = readdir(d))) {
		char **nv;
		if (de->d_name[0] == '.' || !(nv = realloc(names, (nn + 1) * sizeof *nv)))
			continue;
		names = nv;
		if ((names[nn] = strdup(de->d_name)))
			nn++;
	}
	closedir(d);
	if (nn > 1)
		qsort(names, nn, sizeof *names, by_name);
	for (size_t i = 0; i < nn; i++) {
		char file[4096];
		snprintf(file, sizeof file, "%s/%s", path, names[i]);
		if (stat(file, &sb) == 0 && S_ISREG(sb.st_mode)) {
			if (replay_file(file) != 0)
				ran = -1;
			else if (ran >= 0)
				ran++;
		}
		free(names[i]);
	}
	free(names);
	return ran;
}

static void ok(int cond, const char *what, const char *path, long n)
{
	tap_n++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - %s %s: %ld inputs replayed\n", cond ? "" : "not ", tap_n, what, path, n);
}

int main(int argc, char **argv)
{
	const char *src = getenv("top_srcdir");
	char corpus[4096], regressions[4096];
	long n;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	if (argc > 1) {
		for (int i = 1; i < argc; i++) {
			n = replay(argv[i]);
			ok(n > 0, "fuzz_" FUZZ_NAME, argv[i], n);
		}
	} else {
		if (!src || !*src)
			src = ".";
		snprintf(corpus, sizeof corpus, "%s/tests/fuzz/corpus/%s", src, FUZZ_NAME);
		snprintf(regressions, sizeof regressions, "%s/tests/fuzz/regressions/%s", src, FUZZ_NAME);
		/* The seed corpus must exist; regressions only once fuzzing found one. */
		n = replay(corpus);
		ok(n > 0, "fuzz_" FUZZ_NAME " seed corpus", corpus, n);
		n = replay(regressions);
		ok(n >= 0, "fuzz_" FUZZ_NAME " regressions", regressions, n);
	}
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}
