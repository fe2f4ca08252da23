/* core/report/svg.h — the report's charts as inline SVG: bar, bullet, line,
 * fan, waterfall and frontier. Report code describes a chart with numbers
 * and preformatted labels; every coordinate is computed here, so the
 * geometry is tested in one place (tests/test_svg.c).
 *
 * Every chart is one <svg> with role="img", a <title> and a <desc>, direct
 * labels beside the marks (no legend to match colours against) and the
 * Okabe–Ito palette, which stays distinct under the common colour-vision
 * deficiencies. Coordinates are written with one decimal. Text is escaped
 * for XML; a NULL string is written as empty. */
#ifndef SMB_SVG_H
#define SMB_SVG_H

#include <stddef.h>

#include "buf.h"

/* Okabe & Ito (2008), "Color Universal Design": black, orange, sky blue,
 * bluish green, yellow, blue, vermillion, reddish purple. */
extern const char *const smb_svg_palette[8];

/* Formats a value for an axis or a label (money, percent, plain). */
typedef void (*smb_svg_fmt)(double v, char *out, size_t len, void *ud);

/* Maps v in [d0, d1] linearly onto [p0, p1]; d0 == d1 maps to p0. Not
 * clamped. */
double smb_svg_scale(double v, double d0, double d1, double p0, double p1);

/* Escapes & < > " ' for XML text and attributes. */
void smb_svg_escape(smb_buf *out, const char *s);

/* Horizontal bars, one row each, over optional named bands (the maturity
 * levels). A NaN value draws no bar and its text says why. */
typedef struct smb_svg_band {
	double from, to;
	const char *name;
} smb_svg_band;

typedef struct smb_svg_bars {
	const char *title, *desc;
	size_t n;
	const char *const *label;      /* n row labels */
	const double *value;           /* n values; NaN: none */
	const char *const *text;       /* n value labels written after the bar */
	double min, max;
	const smb_svg_band *band;      /* nbands, or NULL */
	size_t nbands;
	double width;                  /* whole chart, px */
} smb_svg_bars;

/* Layout of the bar chart (pixels), shared with the tests. */
#define SMB_SVG_BAR_LABEL 150.0    /* label column */
#define SMB_SVG_BAR_RIGHT 150.0    /* room for the value text */
#define SMB_SVG_BAR_TOP 22.0       /* band names */
#define SMB_SVG_BAR_ROW 24.0
#define SMB_SVG_BAR_THICK 16.0

void smb_svg_bar(smb_buf *out, const smb_svg_bars *c);

/* One metric between its goalposts: the axis runs from the worst goalpost
 * (left) to the best (right) whatever the direction, so further right is
 * always better; the value's position is its score. */
typedef struct smb_svg_bullet {
	const char *title, *desc;
	double value, worst, best;     /* value NaN: no value */
	const char *value_text, *worst_text, *best_text;
	double width;
} smb_svg_bullet;

#define SMB_SVG_BULLET_LEFT 70.0
#define SMB_SVG_BULLET_RIGHT 70.0
#define SMB_SVG_BULLET_HEIGHT 34.0

void smb_svg_bullet_chart(smb_buf *out, const smb_svg_bullet *c);

/* Lines over shared categories (periods), each with a direct label at its
 * last value; y from min to max with optional band lines. */
typedef struct smb_svg_lines {
	const char *title, *desc;
	size_t nx;
	const char *const *xlabel;     /* nx */
	size_t nseries;
	const char *const *name;       /* nseries */
	const double *const *y;        /* nseries arrays of nx; NaN: gap */
	double min, max;
	const smb_svg_band *band;      /* drawn as horizontal rules at band starts */
	size_t nbands;
	double width, height;
} smb_svg_lines;

#define SMB_SVG_PLOT_LEFT 56.0
#define SMB_SVG_PLOT_RIGHT 150.0   /* direct labels */
#define SMB_SVG_PLOT_TOP 14.0
#define SMB_SVG_PLOT_BOTTOM 28.0

void smb_svg_line(smb_buf *out, const smb_svg_lines *c);

/* History then forecast with 80% and 95% bands; an optional vertical
 * marker (the cash runway) at a fractional step index into the forecast. */
typedef struct smb_svg_fans {
	const char *title, *desc;
	size_t nhist;
	const double *hist;
	size_t h;
	const double *value, *lo80, *hi80, *lo95, *hi95;
	const char *const *xlabel;     /* nhist + h */
	double marker;                 /* forecast step (1 = first), or NaN */
	const char *marker_text;
	smb_svg_fmt fmt;
	void *ud;
	double width, height;
} smb_svg_fans;

void smb_svg_fan(smb_buf *out, const smb_svg_fans *c);

/* A start total, signed steps, and the end total (start + steps). */
typedef struct smb_svg_waterfalls {
	const char *title, *desc;
	const char *start_label, *end_label;
	double start;
	size_t n;
	const char *const *label;      /* n */
	const double *step;            /* n; NaN counts as 0 */
	smb_svg_fmt fmt;
	void *ud;
	double width, height;
} smb_svg_waterfalls;

void smb_svg_waterfall(smb_buf *out, const smb_svg_waterfalls *c);

/* Best value found at each capacity, as points joined by a line; the point
 * at `chosen` (index, or SIZE_MAX) is the plan shown. */
typedef struct smb_svg_frontiers {
	const char *title, *desc;
	size_t n;
	const double *x, *y;
	size_t chosen;
	const char *xname, *yname;
	smb_svg_fmt xfmt, yfmt;
	void *ud;
	double width, height;
} smb_svg_frontiers;

void smb_svg_frontier(smb_buf *out, const smb_svg_frontiers *c);

/* Axis ticks: "nice" steps (1, 2, 5 × 10^k) covering [lo, hi], at most max
 * ticks; writes their count and the widened range. */
size_t smb_svg_ticks(double lo, double hi, size_t max, double *ticks, double *lo_out, double *hi_out);

#endif
