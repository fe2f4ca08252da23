/* tests/test_svg.c — the report's charts (core/report/svg.c): for known inputs,
 * the marks land where the layout constants put them. Every expected
 * coordinate is computed by hand in the comment beside it. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "svg.h"
#include "tap.h"

static int has(const smb_buf *b, const char *want, const char *name)
{
	int found = strstr(smb_buf_str(b), want) != NULL;
	ok(found, "%s", name);
	if (!found)
		printf("#   missing: %s\n", want);
	return found;
}

static int count(const smb_buf *b, const char *what)
{
	int n = 0;
	for (const char *p = smb_buf_str(b); (p = strstr(p, what)); p++)
		n++;
	return n;
}

static void labelled(const smb_buf *b, const char *name)
{
	ok(strncmp(smb_buf_str(b), "<svg ", 5) == 0 && count(b, "<title>") == 1 && count(b, "<desc>") == 1 &&
	       strstr(smb_buf_str(b), "role=\"img\"") && strcmp(smb_buf_str(b) + b->len - 6, "</svg>") == 0,
	   "%s: one <svg role=img> with a <title> and a <desc>", name);
}

static void test_scale_ticks(void)
{
	double t[16], lo, hi;
	size_t n;

	is_num(smb_svg_scale(50, 0, 100, 150, 490), 320, 1e-12, "scale: 50 of 0..100 onto 150..490 is 320");
	is_num(smb_svg_scale(22.81, 30, 5, 0, 1), 0.2876, 1e-12, "scale: a lower-is-better domain runs backwards");
	is_num(smb_svg_scale(7, 3, 3, 10, 20), 10, 0, "scale: an empty domain maps to the start");
	/* 0..100 in at most 6 ticks: step nice(100/5 = 20) = 20 */
	n = smb_svg_ticks(0, 100, 6, t, &lo, &hi);
	ok(n == 6 && t[0] == 0 && t[1] == 20 && t[5] == 100 && lo == 0 && hi == 100, "ticks 0..100: 0, 20, ..., 100");
	/* 3.2..17.9 in at most 5: step nice(14.7/4 = 3.675) = 5, widened to 0..20 */
	n = smb_svg_ticks(3.2, 17.9, 5, t, &lo, &hi);
	ok(n == 5 && t[0] == 0 && t[4] == 20 && lo == 0 && hi == 20, "ticks 3.2..17.9: 0, 5, 10, 15, 20");
	/* -3581..33000 in at most 6: step nice(36581/5 = 7316) = 10000, -10000..40000 */
	n = smb_svg_ticks(-3581, 33000, 6, t, &lo, &hi);
	ok(n == 6 && t[0] == -10000 && t[1] == 0 && t[5] == 40000, "ticks across zero include 0 exactly");
	n = smb_svg_ticks(5, 5, 6, t, &lo, &hi);
	ok(n >= 2 && lo < 5 && hi > 5, "ticks of one value widen around it");
	n = smb_svg_ticks(NAN, 5, 6, t, &lo, &hi);
	ok(n == 2 && lo == 0 && hi == 1, "ticks of NaN fall back to 0..1");
}

static void test_bar(void)
{
	const char *labels[2] = { "Operations <&>", "Technology" }, *texts[2] = { "50.0", "no score" };
	const double values[2] = { 50, NAN };
	const smb_svg_band bands[2] = { { 0, 50, "Low" }, { 50, 100, "High" } };
	smb_svg_bars c;
	smb_buf b;

	memset(&c, 0, sizeof c);
	c.title = "Areas \"quoted\"";
	c.desc = "desc";
	c.n = 2;
	c.label = labels;
	c.value = values;
	c.text = texts;
	c.min = 0;
	c.max = 100;
	c.width = 600;
	smb_buf_init(&b);
	smb_svg_bar(&b, &c);
	labelled(&b, "bar");
	/* no bands: top 4; row 0 at y 4, bar at 4 + (24 - 16)/2 = 8; plot 150..450,
	 * 50 of 100 ends at 300, so the bar is 150 wide */
	has(&b, "<rect x=\"150.0\" y=\"8.0\" width=\"150.0\" height=\"16.0\" fill=\"#0072B2\"/>", "bar: 50 of 100 is half");
	/* its label right after the bar end, baseline at 4 + 12 + 4 = 20 */
	has(&b, "<text x=\"304.0\" y=\"20.0\">50.0</text>", "bar: direct label after the bar");
	has(&b, "Operations &lt;&amp;&gt;", "bar: labels escaped");
	has(&b, "<title>Areas &quot;quoted&quot;</title>", "bar: title escaped");
	ok(count(&b, "<rect") == 1, "bar: NaN draws no bar");
	has(&b, "font-style=\"italic\">no score</text>", "bar: NaN says why instead");
	smb_buf_reset(&b);
	c.band = bands;
	c.nbands = 2;
	smb_svg_bar(&b, &c);
	/* with bands top is 22: bands from y 20, 22 + 2*24 + 4 - 22 = 52 high;
	 * "High" band from 300 to 450 */
	has(&b, "<rect x=\"300.0\" y=\"20.0\" width=\"150.0\" height=\"52.0\" fill=\"#e4e4e4\"/>", "bar: second band");
	has(&b, "<text x=\"375.0\" y=\"14.0\" text-anchor=\"middle\" fill=\"#444\">High</text>", "bar: band named");
	has(&b, "<rect x=\"150.0\" y=\"26.0\" width=\"150.0\" height=\"16.0\"", "bar: rows start below the band names");
	smb_buf_free(&b);
}

static void test_bullet(void)
{
	smb_svg_bullet c;
	smb_buf b;

	memset(&c, 0, sizeof c);
	c.title = "t";
	c.desc = "d";
	c.worst = 0;
	c.best = 100;
	c.value = 25;
	c.value_text = "25";
	c.worst_text = "0";
	c.best_text = "100";
	c.width = 360;
	smb_buf_init(&b);
	smb_svg_bullet_chart(&b, &c);
	labelled(&b, "bullet");
	/* axis 70..290; 25 of 0..100 is 70 + 0.25 * 220 = 125 */
	has(&b, "<rect x=\"70.0\" y=\"18.0\" width=\"55.0\" height=\"6.0\" fill=\"#0072B2\"/>", "bullet: bar to the value");
	has(&b, "<line x1=\"125.0\" y1=\"12.0\" x2=\"125.0\" y2=\"30.0\"", "bullet: mark at the value");
	has(&b, "<text x=\"66.0\" y=\"25.0\" text-anchor=\"end\" fill=\"#444\">0</text>", "bullet: worst goalpost left");
	has(&b, "<text x=\"294.0\" y=\"25.0\" fill=\"#444\">100</text>", "bullet: best goalpost right");
	/* lower is better: worst 30, best 5, value 22.81: (22.81-30)/(5-30) =
	 * 0.2876, 70 + 0.2876 * 220 = 133.272 */
	smb_buf_reset(&b);
	c.worst = 30;
	c.best = 5;
	c.value = 22.81;
	smb_svg_bullet_chart(&b, &c);
	has(&b, "<line x1=\"133.3\"", "bullet: lower-is-better runs worst to best, left to right");
	/* beyond the worst goalpost: clamped to the left end */
	smb_buf_reset(&b);
	c.value = 40;
	smb_svg_bullet_chart(&b, &c);
	has(&b, "<line x1=\"70.0\"", "bullet: a value past the worst goalpost sits at the left end");
	smb_buf_reset(&b);
	c.value = NAN;
	c.value_text = NULL;
	smb_svg_bullet_chart(&b, &c);
	ok(count(&b, "<line") == 0 && strstr(smb_buf_str(&b), ">no value</text>"), "bullet: NaN draws no mark");
	smb_buf_free(&b);
}

static void test_line(void)
{
	const char *xl[3] = { "Q1", "Q2", "Q3" }, *names[2] = { "A", "B" };
	const double a[3] = { 0, 50, 100 }, bb[3] = { 20, NAN, 40 };
	const double *y[2] = { a, bb };
	smb_svg_lines c;
	smb_buf b;

	memset(&c, 0, sizeof c);
	c.title = "t";
	c.desc = "d";
	c.nx = 3;
	c.xlabel = xl;
	c.nseries = 2;
	c.name = names;
	c.y = y;
	c.min = 0;
	c.max = 100;
	c.width = 640;
	c.height = 260;
	smb_buf_init(&b);
	smb_svg_line(&b, &c);
	labelled(&b, "line");
	/* plot x 56..490 (640 - 150), y 14..232 (260 - 28); x of i = 56 + i * 217;
	 * y of v = 232 - v / 100 * 218 */
	has(&b, "d=\"M56.0 232.0 L273.0 123.0 L490.0 14.0\"", "line: series A through its three points");
	/* B has a gap at Q2: two moves, no line across it */
	has(&b, "d=\"M56.0 188.4 M490.0 144.8\"", "line: a NaN breaks the line");
	has(&b, "stroke-dasharray=\"6 3\"", "line: the second series is dashed too (not colour alone)");
	/* direct labels at x 490 + 8, at their last values (14 + 4, 144.8 + 4) */
	has(&b, "<text x=\"498.0\" y=\"18.0\" fill=\"#0072B2\" font-weight=\"600\">A</text>", "line: A labelled at its end");
	has(&b, "<text x=\"498.0\" y=\"148.8\" fill=\"#D55E00\" font-weight=\"600\">B</text>", "line: B labelled at its end");
	ok(count(&b, "<circle") == 5, "line: one point per value present");
	smb_buf_free(&b);
}

static void test_fan(void)
{
	const double hist[2] = { 10, 20 }, v[2] = { 20, 20 }, lo80[2] = { 15, 10 }, hi80[2] = { 25, 30 },
	             lo95[2] = { 10, 0 }, hi95[2] = { 30, 40 };
	const char *xl[4] = { "m1", "m2", "m3", "m4" };
	smb_svg_fans c;
	smb_buf b;

	memset(&c, 0, sizeof c);
	c.title = "t";
	c.desc = "d";
	c.nhist = 2;
	c.hist = hist;
	c.h = 2;
	c.value = v;
	c.lo80 = lo80;
	c.hi80 = hi80;
	c.lo95 = lo95;
	c.hi95 = hi95;
	c.xlabel = xl;
	c.marker = 1.5;
	c.marker_text = "runway";
	c.width = 640;
	c.height = 240;
	smb_buf_init(&b);
	smb_svg_fan(&b, &c);
	labelled(&b, "fan");
	/* plot x 70..490, 4 points: x = 70 + 140 i; values 0..40 (ticks of 10),
	 * y 26..212: y = 212 - v / 40 * 186. The 95% band starts at the last
	 * observation (210, y(20) = 119), out along hi95 (72.5, 26), back along
	 * lo95 (212, 165.5). */
	has(&b, "d=\"M210.0 119.0 L350.0 72.5 L490.0 26.0 L490.0 212.0 L350.0 165.5 Z\"", "fan: the 95% band");
	has(&b, "d=\"M210.0 119.0 L350.0 95.8 L490.0 72.5 L490.0 165.5 L350.0 142.2 Z\"", "fan: the 80% band");
	has(&b, "d=\"M70.0 165.5 L210.0 119.0\"", "fan: the history");
	has(&b, "d=\"M210.0 119.0 L350.0 119.0 L490.0 119.0\"", "fan: the forecast from the last observation");
	/* marker 1.5 steps after the last observation: x = 70 + 2.5 * 140 = 420 */
	has(&b, "<line x1=\"420.0\" y1=\"16.0\" x2=\"420.0\" y2=\"212.0\" stroke=\"#D55E00\"", "fan: the runway marker");
	has(&b, ">runway</text>", "fan: the marker labelled");
	has(&b, ">95% interval</text>", "fan: the bands labelled directly");
	smb_buf_free(&b);
}

static void test_waterfall(void)
{
	const char *labels[2] = { "data", "method" };
	const double steps[2] = { 5, -3 };
	smb_svg_waterfalls c;
	smb_buf b;

	memset(&c, 0, sizeof c);
	c.title = "t";
	c.desc = "d";
	c.start_label = "before";
	c.end_label = "after";
	c.start = 10;
	c.n = 2;
	c.label = labels;
	c.step = steps;
	c.width = 560;
	c.height = 220;
	smb_buf_init(&b);
	smb_svg_waterfall(&b, &c);
	labelled(&b, "waterfall");
	/* totals 10 -> 15 -> 12: lowest 10, highest 15, span 5; the axis covers
	 * 5..16 widened to ticks 5, 10, 15, 20. Plot x 70..540 in 4 slots of
	 * 117.5, bars 70.5 wide from 0.2 of the slot; y 20..186:
	 * y = 186 - (v - 5) / 15 * 166. */
	/* data +5: x 70 + 117.5 + 23.5 = 211, from y(15) = 75.3 to y(10) = 130.7 */
	has(&b, "<rect x=\"211.0\" y=\"75.3\" width=\"70.5\" height=\"55.3\" fill=\"#009E73\"/>", "waterfall: a rise");
	/* method -3: x 328.5, from y(15) = 75.3 to y(12) = 108.5 */
	has(&b, "<rect x=\"328.5\" y=\"75.3\" width=\"70.5\" height=\"33.2\" fill=\"#D55E00\"/>", "waterfall: a fall");
	/* the end total 12: x 446, from y(12) = 108.5 down to y(5) = 186 */
	has(&b, "<rect x=\"446.0\" y=\"108.5\" width=\"70.5\" height=\"77.5\" fill=\"#777777\"/>", "waterfall: the end total");
	has(&b, ">+5</text>", "waterfall: a rise labelled with its sign");
	has(&b, ">\u22123</text>", "waterfall: a fall labelled with its sign (not colour alone)");
	smb_buf_free(&b);
}

static void test_frontier(void)
{
	const double x[3] = { 750, 1500, 3000 }, y[3] = { 0.5, 1, 2 };
	smb_svg_frontiers c;
	smb_buf b;

	memset(&c, 0, sizeof c);
	c.title = "t";
	c.desc = "d";
	c.n = 3;
	c.x = x;
	c.y = y;
	c.chosen = 2;
	c.xname = "budget";
	c.yname = "value";
	c.width = 560;
	c.height = 240;
	smb_buf_init(&b);
	smb_svg_frontier(&b, &c);
	labelled(&b, "frontier");
	/* x 66..530 over 0..3000 (ticks of 1000), y 24..198 over 0..2 (0.5):
	 * (750, 0.5) -> (182, 154.5); (3000, 2) -> (530, 24) */
	has(&b, "d=\"M182.0 154.5 L298.0 111.0 L530.0 24.0\"", "frontier: the line through the points");
	has(&b, "<circle cx=\"530.0\" cy=\"24.0\" r=\"6\" fill=\"#E69F00\"", "frontier: this plan's point stands out");
	has(&b, "<circle cx=\"182.0\" cy=\"154.5\" r=\"3.5\"", "frontier: the other points");
	has(&b, ">this plan: 2</text>", "frontier: this plan labelled");
	smb_buf_reset(&b);
	c.chosen = SIZE_MAX;
	smb_svg_frontier(&b, &c);
	ok(count(&b, "r=\"6\"") == 0, "frontier: no chosen point when none is given");
	smb_buf_free(&b);
}

int main(void)
{
	test_scale_ticks();
	test_bar();
	test_bullet();
	test_line();
	test_fan();
	test_waterfall();
	test_frontier();
	ok(strcmp(smb_svg_palette[1], "#E69F00") == 0 && strcmp(smb_svg_palette[6], "#D55E00") == 0,
	   "the palette is Okabe-Ito's");
	printf("1..%d\n", tap_n);
	return tap_failed != 0;
}
