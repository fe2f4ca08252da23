/* core/engine/score.c — scores and their aggregation. Missing values are NaN
 * throughout and never count as zero: weights renormalise over what exists. */
#include "score.h"

#include <math.h>
#include <string.h>

static double clamp01(double v)
{
	return v < 0 ? 0 : v > 1 ? 1 : v;
}

double smb_score(const smb_goalposts *g, double x)
{
	if (!g || isnan(x))
		return NAN;   /* ±INFINITY (a value beyond measure) scores as the end it lies beyond */
	if (g->has_bands) {
		const double *b = g->bands;
		int up = b[4] > b[0];
		/* Walk the segments in the direction the bands run. */
		if (up ? x <= b[0] : x >= b[0])
			return 0;
		if (up ? x >= b[4] : x <= b[4])
			return 100;
		for (int i = 0; i < 4; i++)
			if (up ? x <= b[i + 1] : x >= b[i + 1])
				return 25.0 * i + 25.0 * (x - b[i]) / (b[i + 1] - b[i]);
		return 100;
	}
	return 100.0 * clamp01((x - g->worst) / (g->best - g->worst));
}

double smb_weighted_mean(const double *scores, const double *weights, size_t n, double *coverage)
{
	double sum = 0, wsum = 0, wall = 0;

	for (size_t i = 0; i < n; i++) {
		double w = weights ? weights[i] : 1.0;
		wall += w;
		if (isnan(scores[i]))
			continue;
		sum += w * scores[i];
		wsum += w;
	}
	if (coverage)
		*coverage = wall > 0 ? wsum / wall : 0;
	return wsum > 0 ? sum / wsum : NAN;
}

double smb_weighted_geomean(const double *scores, const double *weights, size_t n, double *coverage)
{
	double logsum = 0, wsum = 0, wall = 0;
	int zero = 0;

	for (size_t i = 0; i < n; i++) {
		double w = weights ? weights[i] : 1.0;
		wall += w;
		if (isnan(scores[i]) || w == 0)
			continue;
		wsum += w;
		if (scores[i] <= 0)
			zero = 1;
		else
			logsum += w * log(scores[i]);
	}
	if (coverage)
		*coverage = wall > 0 ? wsum / wall : 0;
	if (wsum <= 0)
		return NAN;
	return zero ? 0 : exp(logsum / wsum);
}

double smb_aggregate_scores(smb_aggregate mode, const double *scores, const double *weights, size_t n,
                            double *coverage)
{
	double mean, low = INFINITY;

	switch (mode) {
	case SMB_AGG_GEOMETRIC:
		return smb_weighted_geomean(scores, weights, n, coverage);
	case SMB_AGG_WEAKEST_LINK:
		mean = smb_weighted_mean(scores, weights, n, coverage);
		for (size_t i = 0; i < n; i++)
			if (!isnan(scores[i]) && scores[i] < low)
				low = scores[i];
		return isnan(mean) ? mean : fmin(mean, low + 20);
	case SMB_AGG_ARITHMETIC:
	default:
		return smb_weighted_mean(scores, weights, n, coverage);
	}
}

int smb_aggregate_parse(const char *s, smb_aggregate *mode)
{
	if (!s || strcmp(s, "arithmetic") == 0)
		*mode = SMB_AGG_ARITHMETIC;
	else if (strcmp(s, "geometric") == 0)
		*mode = SMB_AGG_GEOMETRIC;
	else if (strcmp(s, "weakest-link") == 0)
		*mode = SMB_AGG_WEAKEST_LINK;
	else
		return -1;
	return 0;
}

const char *smb_aggregate_name(smb_aggregate mode)
{
	return mode == SMB_AGG_GEOMETRIC ? "geometric" : mode == SMB_AGG_WEAKEST_LINK ? "weakest-link" : "arithmetic";
}

const char *smb_level(double score)
{
	if (isnan(score))
		return NULL;
	if (score < 25)
		return "Initial";
	if (score < 50)
		return "Fundamental";
	if (score < 75)
		return "Intermediate";
	return "Advanced";
}
