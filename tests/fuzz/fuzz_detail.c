/* tests/fuzz/fuzz_detail.c — libFuzzer target for the detail-template
 * expander (core/engine/rules.c), which runs outside the sandbox on text a
 * playbook or plugin wrote. Each template is expanded with values from the
 * ordinary to the extreme (1e308, -1e308, 9.3e18 past long long, -0,
 * denormals, missing). Besides memory errors and UB: what smb_detail_check
 * accepts expands within the bound it gives; whatever it refuses still
 * expands within one field's size per brace; text without a brace comes
 * out as it went in. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond, ...)                                                      \
	do {                                                                  \
		if (!(cond)) {                                                \
			fprintf(stderr, "fuzz_detail: %s: ", #cond);          \
			fprintf(stderr, __VA_ARGS__);                         \
			fputc('\n', stderr);                                  \
			abort();                                              \
		}                                                             \
	} while (0)

static const double values[] = { 0.0, -0.0, 1.5, -2.25, 1e308, -1e308, 9.3e18, -9.3e18, 4.9e-324, 123456789.123,
                                 0.125, 1e-300 };
#define NVALUES (sizeof values / sizeof values[0])

/* The value of a key depends on the key and the round; some are missing. */
static int get(void *ud, const char *key, double *out)
{
	unsigned round = *(unsigned *)ud, h = round;

	for (const char *k = key; *k; k++)
		h = h * 31u + (unsigned char)*k;
	if (h % 7 == 3)
		return -1;
	*out = values[h % NVALUES];
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *detail, why[256];
	size_t bound = 0, braces = 0;
	int ok;

	if (size > 16384)   /* the longest detail a playbook may declare */
		size = 16384;
	if (!(detail = malloc(size + 1)))
		return 0;
	memcpy(detail, data, size);
	detail[size] = '\0';   /* the expander reads C strings: up to the first NUL */
	for (const char *p = detail; *p; p++)
		braces += *p == '{';
	why[0] = '\0';
	ok = smb_detail_check(detail, &bound, why, sizeof why) == 0;
	CHECK(ok || why[0], "refused without a reason: '%.80s'", detail);
	for (unsigned round = 0; round < 3; round++) {
		smb_buf out;
		smb_buf_init(&out);
		smb_format_detail(detail, get, &round, &out);
		CHECK(out.len <= strlen(detail) + braces * SMB_DETAIL_MAX_FIELD,
		      "%zu bytes from %zu with %zu braces", out.len, strlen(detail), braces);
		if (ok)
			CHECK(out.len <= bound, "%zu bytes, above the bound %zu the check gave", out.len, bound);
		if (!braces)
			CHECK(out.len == strlen(detail) && memcmp(smb_buf_str(&out), detail, out.len) == 0,
			      "text without a placeholder changed: '%.80s'", detail);
		smb_buf_free(&out);
	}
	free(detail);
	return 0;
}
