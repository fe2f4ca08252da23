/* bench/ets_bench.c — the smbopt side of bench/ets.sh: reads one series (one
 * value a line), selects an ETS model by AICc over the whole family as
 * `smbopt forecast --model ZZZ` does, and prints, as bench/ets.R does for
 * R: model, SSE, AICc, and the mean absolute error of forecasting the last
 * HOLDOUT values from a fit without them.
 * Usage: ets_bench FILE PERIOD HOLDOUT */
#include "forecast.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	static double y[20000];
	size_t n = 0, h;
	smb_fc_spec zzz = { 'Z', 'Z', 'Z' };
	smb_fc_result r;
	char err[256];
	FILE *f;

	if (argc != 4 || !(f = fopen(argv[1], "r"))) {
		fprintf(stderr, "usage: ets_bench FILE PERIOD HOLDOUT\n");
		return 64;
	}
	while (n < sizeof y / sizeof *y && fscanf(f, "%lf", &y[n]) == 1)
		n++;
	fclose(f);
	h = (size_t)atoi(argv[3]);
	if (h >= n || smb_ets(y, n, (size_t)atoi(argv[2]), &zzz, NULL, 1, &r, err, sizeof err)) {
		fprintf(stderr, "%s: %s\n", argv[1], h >= n ? "holdout too long" : err);
		return 65;
	}
	printf("%c%s%c,%.10g,%.10g", r.spec.error, r.spec.trend == 'D' ? "Ad" : r.spec.trend == 'A' ? "A" : "N",
	       r.spec.season, r.sse, r.aicc);
	smb_fc_result_free(&r);
	if (smb_ets(y, n - h, (size_t)atoi(argv[2]), &zzz, NULL, h, &r, err, sizeof err)) {
		fprintf(stderr, "%s: %s\n", argv[1], err);
		return 65;
	}
	double mae = 0;
	for (size_t i = 0; i < h; i++)
		mae += fabs(r.value[i] - y[n - h + i]) / (double)h;
	printf(",%.10g\n", mae);
	smb_fc_result_free(&r);
	return 0;
}
