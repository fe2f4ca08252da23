/* core/report/svg.c — the report's charts (svg.h). Each chart is computed from
 * its numbers alone: one scale per axis, marks placed by smb_svg_scale, text
 * escaped. Nothing here knows about assessments or money. */
#include "svg.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

const char *const smb_svg_palette[8] = { "#000000", "#E69F00", "#56B4E9", "#009E73",
	                                     "#F0E442", "#0072B2", "#D55E00", "#CC79A7" };

/* The line charts' series: colour and dash together, so no series is told
 * apart by colour alone. Yellow is left out: too light on white. */
static const char *const series_colour[] = { "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#000000",
	                                         "#56B4E9" };
static const char *const series_dash[] = { "", "6 3", "2 2", "8 3 2 3", "4 4", "1 3", "10 4" };
#define NSERIES_STYLE (sizeof series_colour / sizeof series_colour[0])

double smb_svg_scale(double v, double d0, double d1, double p0, double p1)
{
	if (d1 == d0)
		return p0;
	return p0 + (v - d0) / (d1 - d0) * (p1 - p0);
}

static double clamp(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void smb_svg_escape(smb_buf *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': smb_buf_puts(out, "&amp;"); break;
		case '<': smb_buf_puts(out, "&lt;"); break;
		case '>': smb_buf_puts(out, "&gt;"); break;
		case '"': smb_buf_puts(out, "&quot;"); break;
		case '\'': smb_buf_puts(out, "&#39;"); break;
		default: smb_buf_putc(out, *s);
		}
	}
}

static void open_svg(smb_buf *o, const char *cls, double w, double h, const char *title, const char *desc)
{
	smb_buf_printf(o,
	               "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart %s\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\""
	               " height=\"%.0f\" role=\"img\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, "
	               "'Helvetica Neue', Arial, sans-serif\" font-size=\"11\"><title>",
	               cls, w, h, w, h);
	smb_svg_escape(o, title);
	smb_buf_puts(o, "</title><desc>");
	smb_svg_escape(o, desc);
	smb_buf_puts(o, "</desc>");
}

static void text(smb_buf *o, double x, double y, const char *anchor, const char *extra, const char *s)
{
	smb_buf_printf(o, "<text x=\"%.1f\" y=\"%.1f\"", x, y);
	if (anchor && strcmp(anchor, "start") != 0)
		smb_buf_printf(o, " text-anchor=\"%s\"", anchor);
	if (extra && *extra)
		smb_buf_printf(o, " %s", extra);
	smb_buf_putc(o, '>');
	smb_svg_escape(o, s);
	smb_buf_puts(o, "</text>");
}

static void rect(smb_buf *o, double x, double y, double w, double h, const char *fill)
{
	smb_buf_printf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>", x, y, w < 0 ? 0 : w,
	               h < 0 ? 0 : h, fill);
}

static void line(smb_buf *o, double x1, double y1, double x2, double y2, const char *stroke, const char *extra)
{
	smb_buf_printf(o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s%s/>", x1, y1, x2, y2, stroke,
	               extra && *extra ? " " : "", extra ? extra : "");
}

static double nice(double x, int round_it)
{
	double e = floor(log10(x)), f = x / pow(10, e), n;

	if (round_it)
		n = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
	else
		n = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
	return n * pow(10, e);
}

size_t smb_svg_ticks(double lo, double hi, size_t max, double *ticks, double *lo_out, double *hi_out)
{
	double step, a, b;
	size_t n = 0;

	if (!isfinite(lo) || !isfinite(hi) || max < 2) {
		*lo_out = 0;
		*hi_out = 1;
		if (max >= 2) {
			ticks[0] = 0;
			ticks[1] = 1;
			return 2;
		}
		return 0;
	}
	if (hi < lo) {
		double t = lo;
		lo = hi;
		hi = t;
	}
	if (hi == lo) {
		double pad = lo == 0 ? 1 : fabs(lo) * 0.1;
		lo -= pad;
		hi += pad;
	}
	step = nice((hi - lo) / (double)(max - 1), 0);
	a = floor(lo / step) * step;
	b = ceil(hi / step) * step;
	while ((size_t)llround((b - a) / step) + 1 > max) {
		step = nice(step * 1.01, 0);
		a = floor(lo / step) * step;
		b = ceil(hi / step) * step;
	}
	for (double t = a; t <= b + step * 1e-9 && n < max; t += step)
		ticks[n++] = fabs(t) < step * 1e-9 ? 0 : t;
	*lo_out = a;
	*hi_out = b;
	return n;
}

static void plain_fmt(double v, char *out, size_t len, void *ud)
{
	(void)ud;
	snprintf(out, len, "%g", v);
}

/* ---- bar ---- */

void smb_svg_bar(smb_buf *o, const smb_svg_bars *c)
{
	double w = c->width > 0 ? c->width : 600, x0 = SMB_SVG_BAR_LABEL, x1 = w - SMB_SVG_BAR_RIGHT;
	double top = c->nbands ? SMB_SVG_BAR_TOP : 4, h = top + (double)c->n * SMB_SVG_BAR_ROW + 4;

	open_svg(o, "bar", w, h, c->title, c->desc);
	for (size_t i = 0; i < c->nbands; i++) {
		double a = smb_svg_scale(clamp(c->band[i].from, c->min, c->max), c->min, c->max, x0, x1);
		double b = smb_svg_scale(clamp(c->band[i].to, c->min, c->max), c->min, c->max, x0, x1);
		rect(o, a, top - 2, b - a, h - top, i % 2 ? "#e4e4e4" : "#f3f3f3");
		text(o, (a + b) / 2, 14, "middle", "fill=\"#444\"", c->band[i].name);
	}
	for (size_t i = 0; i < c->n; i++) {
		double y = top + (double)i * SMB_SVG_BAR_ROW, v = c->value[i];
		text(o, x0 - 6, y + SMB_SVG_BAR_ROW / 2 + 4, "end", NULL, c->label[i]);
		if (isnan(v)) {
			text(o, x0 + 4, y + SMB_SVG_BAR_ROW / 2 + 4, "start", "fill=\"#444\" font-style=\"italic\"",
			     c->text ? c->text[i] : "no value");
			continue;
		}
		double e = smb_svg_scale(clamp(v, c->min, c->max), c->min, c->max, x0, x1);
		rect(o, x0, y + (SMB_SVG_BAR_ROW - SMB_SVG_BAR_THICK) / 2, e - x0, SMB_SVG_BAR_THICK, smb_svg_palette[5]);
		if (c->text)
			text(o, e + 4, y + SMB_SVG_BAR_ROW / 2 + 4, "start", NULL, c->text[i]);
	}
	line(o, x0, top - 2, x0, h - 2, "#444", NULL);
	smb_buf_puts(o, "</svg>");
}

/* ---- bullet ---- */

void smb_svg_bullet_chart(smb_buf *o, const smb_svg_bullet *c)
{
	double w = c->width > 0 ? c->width : 360, x0 = SMB_SVG_BULLET_LEFT, x1 = w - SMB_SVG_BULLET_RIGHT;

	open_svg(o, "bullet", w, SMB_SVG_BULLET_HEIGHT, c->title, c->desc);
	/* the track: the worse half lighter, the better half darker */
	rect(o, x0, 14, (x1 - x0) / 2, 14, "#eeeeee");
	rect(o, (x0 + x1) / 2, 14, (x1 - x0) / 2, 14, "#d9d9d9");
	text(o, x0 - 4, 25, "end", "fill=\"#444\"", c->worst_text);
	text(o, x1 + 4, 25, "start", "fill=\"#444\"", c->best_text);
	if (isnan(c->value)) {
		text(o, (x0 + x1) / 2, 25, "middle", "font-style=\"italic\"", c->value_text ? c->value_text : "no value");
	} else {
		double pos = smb_svg_scale(clamp(smb_svg_scale(c->value, c->worst, c->best, 0, 1), 0, 1), 0, 1, x0, x1);
		const char *anchor = pos < x0 + 30 ? "start" : pos > x1 - 30 ? "end" : "middle";
		rect(o, x0, 18, pos - x0, 6, smb_svg_palette[5]);
		line(o, pos, 12, pos, 30, smb_svg_palette[0], "stroke-width=\"2\"");
		text(o, pos, 10, anchor, "font-weight=\"600\"", c->value_text);
	}
	smb_buf_puts(o, "</svg>");
}

/* ---- shared plot frame ---- */

typedef struct frame {
	double x0, x1, y0, y1;     /* plot area: x0 left, y0 top */
	double lo, hi;             /* y domain */
	size_t nx;
} frame;

static double fx(const frame *f, double i)
{
	return f->nx < 2 ? (f->x0 + f->x1) / 2 : smb_svg_scale(i, 0, (double)(f->nx - 1), f->x0, f->x1);
}

static double fy(const frame *f, double v)
{
	return smb_svg_scale(v, f->lo, f->hi, f->y1, f->y0);
}

static void y_axis(smb_buf *o, const frame *f, const double *ticks, size_t nt, smb_svg_fmt fmt, void *ud)
{
	char t[48];

	for (size_t i = 0; i < nt; i++) {
		double y = fy(f, ticks[i]);
		line(o, f->x0, y, f->x1, y, ticks[i] == 0 ? "#888" : "#e0e0e0", NULL);
		(fmt ? fmt : plain_fmt)(ticks[i], t, sizeof t, ud);
		text(o, f->x0 - 4, y + 4, "end", "fill=\"#444\"", t);
	}
}

/* At most about eight labels along x, always the first and the last. */
static void x_labels(smb_buf *o, const frame *f, const char *const *label, size_t n)
{
	size_t every = n > 8 ? (n + 7) / 8 : 1;

	for (size_t i = 0; i < n; i++)
		/* a regular label too close to the last one gives way to it */
		if (label && label[i] && (i == n - 1 || (i % every == 0 && (i == 0 || n - 1 - i >= every))))
			text(o, fx(f, (double)i), f->y1 + 16, "middle", "fill=\"#444\"", label[i]);
	line(o, f->x0, f->y1, f->x1, f->y1, "#444", NULL);
}

/* Direct labels at the right edge, pushed apart to at least `gap` px. */
static void spread(double *y, size_t n, double gap, double lo, double hi)
{
	size_t order[16];

	if (n > 16)
		n = 16;
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && y[order[k]] < y[order[k - 1]]; k--) {
			size_t t = order[k];
			order[k] = order[k - 1];
			order[k - 1] = t;
		}
	for (size_t i = 1; i < n; i++)
		if (y[order[i]] < y[order[i - 1]] + gap)
			y[order[i]] = y[order[i - 1]] + gap;
	if (n && y[order[n - 1]] > hi) {
		double shift = y[order[n - 1]] - hi;
		for (size_t i = 0; i < n; i++)
			y[i] -= shift;
	}
	for (size_t i = 0; i < n; i++)
		if (y[i] < lo)
			y[i] = lo;
}

/* ---- line ---- */

void smb_svg_line(smb_buf *o, const smb_svg_lines *c)
{
	double w = c->width > 0 ? c->width : 640, h = c->height > 0 ? c->height : 260, ticks[16], ly[16];
	frame f = { SMB_SVG_PLOT_LEFT, w - SMB_SVG_PLOT_RIGHT, SMB_SVG_PLOT_TOP, h - SMB_SVG_PLOT_BOTTOM, c->min, c->max,
		        c->nx };
	size_t nt = 0, nl = 0, lidx[16];

	open_svg(o, "line", w, h, c->title, c->desc);
	if (c->nbands) {
		for (size_t i = 0; i < c->nbands && nt < 16; i++)
			ticks[nt++] = c->band[i].from;
		if (nt < 16)
			ticks[nt++] = c->band[c->nbands - 1].to;
	} else {
		nt = smb_svg_ticks(c->min, c->max, 6, ticks, &f.lo, &f.hi);
	}
	y_axis(o, &f, ticks, nt, NULL, NULL);
	for (size_t i = 0; i < c->nbands; i++)
		text(o, f.x0 + 3, fy(&f, c->band[i].from) - 3, "start", "fill=\"#777\" font-size=\"9\"", c->band[i].name);
	x_labels(o, &f, c->xlabel, c->nx);
	for (size_t s = 0; s < c->nseries; s++) {
		const char *col = series_colour[s % NSERIES_STYLE], *dash = series_dash[s % NSERIES_STYLE];
		int pen = 0;
		size_t last = SIZE_MAX;
		smb_buf_printf(o, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s%s%s d=\"", col,
		               *dash ? " stroke-dasharray=\"" : "", dash, *dash ? "\"" : "");
		for (size_t i = 0; i < c->nx; i++) {
			double v = c->y[s][i];
			if (isnan(v)) {
				pen = 0;
				continue;
			}
			smb_buf_printf(o, "%s%.1f %.1f", pen ? " L" : (last == SIZE_MAX ? "M" : " M"), fx(&f, (double)i),
			               fy(&f, v));
			pen = 1;
			last = i;
		}
		smb_buf_puts(o, "\"/>");
		for (size_t i = 0; i < c->nx; i++)
			if (!isnan(c->y[s][i]))
				smb_buf_printf(o, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", fx(&f, (double)i),
				               fy(&f, c->y[s][i]), col);
		if (last != SIZE_MAX && nl < 16) {
			lidx[nl] = s;
			ly[nl++] = fy(&f, c->y[s][last]) + 4;
		}
	}
	spread(ly, nl, 12, f.y0 + 4, f.y1 + 4);
	for (size_t i = 0; i < nl; i++) {
		char extra[64];
		snprintf(extra, sizeof extra, "fill=\"%s\" font-weight=\"600\"", series_colour[lidx[i] % NSERIES_STYLE]);
		text(o, f.x1 + 8, ly[i], "start", extra, c->name[lidx[i]]);
	}
	smb_buf_puts(o, "</svg>");
}

/* ---- fan ---- */

static void band_path(smb_buf *o, const frame *f, size_t start, double anchor, const double *lo, const double *hi,
                      size_t h, const char *fill, const char *opacity)
{
	smb_buf_printf(o, "<path fill=\"%s\" fill-opacity=\"%s\" stroke=\"none\" d=\"M%.1f %.1f", fill, opacity,
	               fx(f, (double)start), fy(f, anchor));
	for (size_t k = 0; k < h; k++)
		smb_buf_printf(o, " L%.1f %.1f", fx(f, (double)(start + 1 + k)), fy(f, hi[k]));
	for (size_t k = h; k-- > 0;)
		smb_buf_printf(o, " L%.1f %.1f", fx(f, (double)(start + 1 + k)), fy(f, lo[k]));
	smb_buf_puts(o, " Z\"/>");
}

void smb_svg_fan(smb_buf *o, const smb_svg_fans *c)
{
	double w = c->width > 0 ? c->width : 640, h = c->height > 0 ? c->height : 240, lo = INFINITY, hi = -INFINITY,
	       ticks[16], ly[3];
	frame f = { SMB_SVG_PLOT_LEFT + 14, w - SMB_SVG_PLOT_RIGHT, SMB_SVG_PLOT_TOP + 12, h - SMB_SVG_PLOT_BOTTOM, 0, 1,
		        c->nhist + c->h };
	size_t nt, last = c->nhist ? c->nhist - 1 : 0;
	double anchor = c->nhist ? c->hist[last] : (c->h ? c->value[0] : 0);
	char t[48];

	for (size_t i = 0; i < c->nhist; i++)
		if (!isnan(c->hist[i])) {
			lo = fmin(lo, c->hist[i]);
			hi = fmax(hi, c->hist[i]);
		}
	for (size_t k = 0; k < c->h; k++) {
		lo = fmin(lo, fmin(c->lo95[k], c->value[k]));
		hi = fmax(hi, fmax(c->hi95[k], c->value[k]));
	}
	nt = smb_svg_ticks(lo, hi, 6, ticks, &f.lo, &f.hi);
	open_svg(o, "fan", w, h, c->title, c->desc);
	y_axis(o, &f, ticks, nt, c->fmt, c->ud);
	x_labels(o, &f, c->xlabel, c->nhist + c->h);
	if (c->h && c->nhist) {
		band_path(o, &f, last, anchor, c->lo95, c->hi95, c->h, smb_svg_palette[2], "0.3");
		band_path(o, &f, last, anchor, c->lo80, c->hi80, c->h, smb_svg_palette[2], "0.55");
	}
	smb_buf_printf(o, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2\" d=\"", smb_svg_palette[0]);
	for (size_t i = 0; i < c->nhist; i++)
		smb_buf_printf(o, "%s%.1f %.1f", i ? " L" : "M", fx(&f, (double)i), fy(&f, c->hist[i]));
	smb_buf_puts(o, "\"/>");
	if (c->h) {
		smb_buf_printf(o, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"5 3\" d=\"M%.1f %.1f",
		               smb_svg_palette[5], fx(&f, (double)last), fy(&f, anchor));
		for (size_t k = 0; k < c->h; k++)
			smb_buf_printf(o, " L%.1f %.1f", fx(&f, (double)(c->nhist + k)), fy(&f, c->value[k]));
		smb_buf_puts(o, "\"/>");
		/* direct labels at the right end: 95%, 80% and the forecast */
		ly[0] = fy(&f, c->hi95[c->h - 1]) + 4;
		ly[1] = fy(&f, c->hi80[c->h - 1]) + 4;
		ly[2] = fy(&f, c->value[c->h - 1]) + 4;
		spread(ly, 3, 12, f.y0, f.y1 + 4);
		text(o, f.x1 + 6, ly[0], "start", "fill=\"#333\"", "95% interval");
		text(o, f.x1 + 6, ly[1], "start", "fill=\"#333\"", "80% interval");
		(c->fmt ? c->fmt : plain_fmt)(c->value[c->h - 1], t, sizeof t, c->ud);
		{
			char lab[80];
			snprintf(lab, sizeof lab, "forecast %s", t);
			text(o, f.x1 + 6, ly[2], "start", "fill=\"#0072B2\" font-weight=\"600\"", lab);
		}
	}
	if (c->nhist) {
		(c->fmt ? c->fmt : plain_fmt)(anchor, t, sizeof t, c->ud);
		text(o, fx(&f, (double)last), fy(&f, anchor) - 8, "end", "font-weight=\"600\"", t);
	}
	if (!isnan(c->marker) && c->marker >= 0) {
		double step = c->marker > (double)c->h ? (double)c->h : c->marker;
		double x = fx(&f, (double)last + step);
		line(o, x, f.y0 - 10, x, f.y1, smb_svg_palette[6], "stroke-width=\"2\" stroke-dasharray=\"4 2\"");
		text(o, x, f.y0 - 14 < 10 ? 10 : f.y0 - 14, x > f.x1 - 60 ? "end" : "middle",
		     "fill=\"#D55E00\" font-weight=\"600\"", c->marker_text);
	}
	smb_buf_puts(o, "</svg>");
}

/* ---- waterfall ---- */

void smb_svg_waterfall(smb_buf *o, const smb_svg_waterfalls *c)
{
	double w = c->width > 0 ? c->width : 560, h = c->height > 0 ? c->height : 220, lo, hi, run, ticks[16], cw;
	frame f = { SMB_SVG_PLOT_LEFT + 14, w - 20, SMB_SVG_PLOT_TOP + 6, h - SMB_SVG_PLOT_BOTTOM - 6, 0, 1, c->n + 2 };
	smb_svg_fmt fmt = c->fmt ? c->fmt : plain_fmt;
	size_t nt;
	char t[48], lab[64];

	lo = hi = run = c->start;
	for (size_t i = 0; i < c->n; i++) {
		run += isnan(c->step[i]) ? 0 : c->step[i];
		lo = fmin(lo, run);
		hi = fmax(hi, run);
	}
	/* The axis need not start at zero (a score moving 68.4 -> 68.8 would be
	 * invisible), so the totals' bars start a whole span below the lowest
	 * running total: no total is drawn as a sliver that reads as zero. */
	{
		double span = hi - lo > 0 ? hi - lo : 1;
		nt = smb_svg_ticks(lo - span, hi + span * 0.2, 5, ticks, &f.lo, &f.hi);
	}
	/* columns sit in equal slots, not on the slot edges */
	cw = (f.x1 - f.x0) / (double)(c->n + 2);
	open_svg(o, "waterfall", w, h, c->title, c->desc);
	y_axis(o, &f, ticks, nt, fmt, c->ud);
	run = c->start;
	for (size_t i = 0; i < c->n + 2; i++) {
		double xs = f.x0 + cw * (double)i + cw * 0.2, bw = cw * 0.6, a, b;
		const char *fill, *name;
		if (i == 0 || i == c->n + 1) {
			a = f.lo;
			b = run;
			fill = "#777777";
			name = i == 0 ? c->start_label : c->end_label;
			fmt(run, t, sizeof t, c->ud);
			snprintf(lab, sizeof lab, "%s", t);
		} else {
			double d = isnan(c->step[i - 1]) ? 0 : c->step[i - 1];
			a = run;
			b = run + d;
			run = b;
			fill = d >= 0 ? smb_svg_palette[3] : smb_svg_palette[6];
			name = c->label[i - 1];
			fmt(fabs(d), t, sizeof t, c->ud);
			snprintf(lab, sizeof lab, "%s%s", d >= 0 ? "+" : "\u2212", t);
		}
		{
			double ya = fy(&f, a), yb = fy(&f, b), top = fmin(ya, yb), hh = fabs(ya - yb);
			if (hh < 1)
				hh = 1;
			rect(o, xs, top, bw, hh, fill);
			text(o, xs + bw / 2, top - 4, "middle", "font-weight=\"600\"", lab);
			text(o, xs + bw / 2, f.y1 + 16, "middle", "fill=\"#444\"", name);
			if (i < c->n + 1)
				line(o, xs + bw, yb, xs + cw, yb, "#888", "stroke-dasharray=\"2 2\"");
		}
	}
	line(o, f.x0, f.y1, f.x1, f.y1, "#444", NULL);
	smb_buf_puts(o, "</svg>");
}

/* ---- frontier ---- */

void smb_svg_frontier(smb_buf *o, const smb_svg_frontiers *c)
{
	double w = c->width > 0 ? c->width : 560, h = c->height > 0 ? c->height : 240, xt[16], yt[16], xlo, xhi;
	frame f = { SMB_SVG_PLOT_LEFT + 10, w - 30, SMB_SVG_PLOT_TOP + 10, h - SMB_SVG_PLOT_BOTTOM - 14, 0, 1, 0 };
	double xmax = 0, ymax = 0;
	size_t nxt, nyt;
	char t[48];

	for (size_t i = 0; i < c->n; i++) {
		xmax = fmax(xmax, c->x[i]);
		ymax = fmax(ymax, c->y[i]);
	}
	nxt = smb_svg_ticks(0, xmax > 0 ? xmax : 1, 6, xt, &xlo, &xhi);
	nyt = smb_svg_ticks(0, ymax > 0 ? ymax : 1, 5, yt, &f.lo, &f.hi);
	open_svg(o, "frontier", w, h, c->title, c->desc);
	y_axis(o, &f, yt, nyt, c->yfmt, c->ud);
	for (size_t i = 0; i < nxt; i++) {
		double x = smb_svg_scale(xt[i], xlo, xhi, f.x0, f.x1);
		(c->xfmt ? c->xfmt : plain_fmt)(xt[i], t, sizeof t, c->ud);
		line(o, x, f.y1, x, f.y1 + 4, "#444", NULL);
		text(o, x, f.y1 + 16, "middle", "fill=\"#444\"", t);
	}
	line(o, f.x0, f.y1, f.x1, f.y1, "#444", NULL);
	text(o, (f.x0 + f.x1) / 2, h - 4, "middle", "fill=\"#444\"", c->xname);
	smb_buf_printf(o, "<text x=\"12\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#444\" transform=\"rotate(-90 12 %.1f)\">",
	               (f.y0 + f.y1) / 2, (f.y0 + f.y1) / 2);
	smb_svg_escape(o, c->yname);
	smb_buf_puts(o, "</text>");
	smb_buf_printf(o, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2\" d=\"", smb_svg_palette[5]);
	for (size_t i = 0; i < c->n; i++)
		smb_buf_printf(o, "%s%.1f %.1f", i ? " L" : "M", smb_svg_scale(c->x[i], xlo, xhi, f.x0, f.x1),
		               fy(&f, c->y[i]));
	smb_buf_puts(o, "\"/>");
	for (size_t i = 0; i < c->n; i++) {
		double x = smb_svg_scale(c->x[i], xlo, xhi, f.x0, f.x1), y = fy(&f, c->y[i]);
		int mine = i == c->chosen;
		smb_buf_printf(o, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" fill=\"%s\" stroke=\"#000\"/>", x, y,
		               mine ? "6" : "3.5", mine ? smb_svg_palette[1] : smb_svg_palette[5]);
		(c->yfmt ? c->yfmt : plain_fmt)(c->y[i], t, sizeof t, c->ud);
		if (mine) {
			char lab[80];
			snprintf(lab, sizeof lab, "this plan: %s", t);
			text(o, x, y - 10, x > f.x1 - 60 ? "end" : "middle", "font-weight=\"600\"", lab);
		} else {
			text(o, x, y - 7, "middle", "fill=\"#333\" font-size=\"9\"", t);
		}
	}
	smb_buf_puts(o, "</svg>");
}
