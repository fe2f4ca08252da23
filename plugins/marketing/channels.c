/* plugins/marketing/channels.c — the channels rows of a period summed per
 * channel, and CAC, funnel, ROAS, concentration and budget-shift figures.
 * Pure functions: the plugin adapter (marketing.c) feeds them rows. */
#include "channels.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

int smb_mkt_period_parse(const char *s, smb_mkt_period *p)
{
	size_t len = s ? strlen(s) : 0;

	if (len < 4 || !digits(s, 4))
		return -1;
	p->year = atoi(s);
	if (len == 4) {
		p->month = 1, p->nmonths = 12;
		return 0;
	}
	if (len == 7 && s[4] == '-' && s[5] == 'Q' && s[6] >= '1' && s[6] <= '4') {
		p->month = 3 * (s[6] - '0') - 2, p->nmonths = 3;
		return 0;
	}
	if (len == 7 && s[4] == '-' && digits(s + 5, 2)) {
		p->month = atoi(s + 5), p->nmonths = 1;
		return p->month >= 1 && p->month <= 12 ? 0 : -1;
	}
	return -1;
}

static long month_index(const smb_mkt_period *p)
{
	return (long)p->year * 12 + p->month - 1;
}

int smb_mkt_period_contains(const smb_mkt_period *outer, const smb_mkt_period *inner)
{
	long o = month_index(outer), i = month_index(inner);
	return i >= o && i + inner->nmonths <= o + outer->nmonths;
}

static int bad_figure(double v)
{
	return !isfinite(v) || v < 0;
}

static int check_row(const smb_mkt_row *r, char *err, size_t errlen)
{
	static const char *const names[] = { "spend", "visits", "leads", "new_customers", "revenue" };
	double v[5] = { r->spend, r->visits, r->leads, r->new_customers, r->has_revenue ? r->revenue : 0 };

	if (!r->channel || !*r->channel) {
		snprintf(err, errlen, "channels row of %s has no channel", r->period);
		return -1;
	}
	for (int k = 0; k < 5; k++)
		if (bad_figure(v[k])) {
			snprintf(err, errlen, "channel %s in %s: %s %g is not a figure >= 0",
			         r->channel, r->period, names[k], v[k]);
			return -1;
		}
	return 0;
}

/* Which rows describe the period: mode 'e' (exact), 'm' (months inside),
 * 'q' (quarters inside a year). */
static int row_selected(const smb_mkt_period *want, const smb_mkt_period *rp, char mode)
{
	switch (mode) {
	case 'e': return month_index(rp) == month_index(want) && rp->nmonths == want->nmonths;
	case 'm': return rp->nmonths == 1 && smb_mkt_period_contains(want, rp);
	case 'q': return rp->nmonths == 3 && smb_mkt_period_contains(want, rp);
	}
	return 0;
}

/* Distinct sub-periods of granularity mode covered by the rows; at most 12. */
static int covered(const smb_mkt_period *pp, size_t n, const smb_mkt_period *want, char mode)
{
	int seen[12] = { 0 }, count = 0;

	for (size_t i = 0; i < n; i++) {
		if (!row_selected(want, &pp[i], mode))
			continue;
		long k = month_index(&pp[i]) - month_index(want);
		if (!seen[k])
			seen[k] = 1, count++;
	}
	return count;
}

static int choose_mode(const smb_mkt_period *pp, size_t n, const smb_mkt_period *want,
                       const char *period, char *mode, char *err, size_t errlen)
{
	int months, quarters;

	if (covered(pp, n, want, 'e')) {
		*mode = 'e';
		return 0;
	}
	months = covered(pp, n, want, 'm');
	if (months == want->nmonths) {
		*mode = 'm';
		return 0;
	}
	quarters = want->nmonths == 12 ? covered(pp, n, want, 'q') : 0;
	if (quarters == 4) {
		*mode = 'q';
		return 0;
	}
	if (months || quarters)
		snprintf(err, errlen, "channels rows cover %d of the %d %s of %s", months ? months : quarters,
		         months ? want->nmonths : 4, months ? "months" : "quarters", period);
	else
		snprintf(err, errlen, "no channels rows for %s", period);
	return SMB_MKT_UNDEFINED;
}

size_t smb_mkt_find(const smb_mkt_summary *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcasecmp(s->ch[i].name, name) == 0)
			return i;
	return (size_t)-1;
}

int smb_mkt_summarize(const smb_mkt_row *rows, size_t n, const char *period,
                      smb_mkt_summary *out, char *err, size_t errlen)
{
	smb_mkt_period want, *pp = NULL;
	char mode;
	int rc;

	memset(out, 0, sizeof *out);
	if (smb_mkt_period_parse(period, &want)) {
		snprintf(err, errlen, "'%s' is not a period", period ? period : "");
		return -1;
	}
	if (n == 0) {
		snprintf(err, errlen, "no channels rows for %s", period);
		return SMB_MKT_UNDEFINED;
	}
	/* at most one channel per row */
	if (!(pp = malloc(n * sizeof *pp)) || !(out->ch = calloc(n, sizeof *out->ch))) {
		free(pp);
		snprintf(err, errlen, "channels: out of memory for %zu rows", n);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if (smb_mkt_period_parse(rows[i].period, &pp[i])) {
			snprintf(err, errlen, "channels row %zu: '%s' is not a period", i + 1,
			         rows[i].period ? rows[i].period : "");
			rc = -1;
			goto out;
		}
	if ((rc = choose_mode(pp, n, &want, period, &mode, err, errlen)))
		goto out;
	out->granularity = mode;
	for (size_t i = 0; i < n; i++) {
		const smb_mkt_row *r = &rows[i];
		if (!row_selected(&want, &pp[i], mode))
			continue;
		if ((rc = check_row(r, err, errlen)))
			goto out;
		size_t c = smb_mkt_find(out, r->channel);
		if (c == (size_t)-1) {
			c = out->n++;
			out->ch[c].name = r->channel;
		}
		smb_mkt_channel *ch = &out->ch[c];
		ch->spend += r->spend;
		ch->visits += r->visits;
		ch->leads += r->leads;
		ch->new_customers += r->new_customers;
		if (r->has_revenue) {
			ch->revenue += r->revenue;
			ch->revenue_spend += r->spend;
			ch->has_revenue = 1;
		}
		out->rows++;
	}
	for (size_t c = 0; c < out->n; c++) {
		const smb_mkt_channel *ch = &out->ch[c];
		out->spend += ch->spend;
		out->visits += ch->visits;
		out->leads += ch->leads;
		out->new_customers += ch->new_customers;
		out->revenue += ch->revenue;
		out->revenue_spend += ch->revenue_spend;
		out->has_revenue |= ch->has_revenue;
	}
	rc = 0;
out:
	free(pp);
	if (rc)
		smb_mkt_summary_free(out);
	return rc;
}

void smb_mkt_summary_free(smb_mkt_summary *s)
{
	free(s->ch);
	memset(s, 0, sizeof *s);
}

int smb_mkt_cac(const smb_mkt_summary *s, double *out)
{
	if (s->new_customers <= 0)
		return SMB_MKT_UNDEFINED;
	*out = s->spend / s->new_customers;
	return 0;
}

int smb_mkt_funnel_of(const smb_mkt_summary *s, double bench_v2l_pct,
                      double bench_l2c_pct, smb_mkt_funnel *out)
{
	double visits = 0, leads_v = 0, leads = 0, won = 0;

	memset(out, 0, sizeof *out);
	for (size_t c = 0; c < s->n; c++) {
		const smb_mkt_channel *ch = &s->ch[c];
		if (ch->visits > 0)
			visits += ch->visits, leads_v += ch->leads;
		if (ch->leads > 0)
			leads += ch->leads, won += ch->new_customers;
	}
	if (visits > 0 && bench_v2l_pct > 0) {
		out->has_v2l = 1;
		out->v2l_pct = 100 * leads_v / visits;
		out->v2l_vs_pct = 100 * out->v2l_pct / bench_v2l_pct;
	}
	if (leads > 0 && bench_l2c_pct > 0) {
		out->has_l2c = 1;
		out->l2c_pct = 100 * won / leads;
		out->l2c_vs_pct = 100 * out->l2c_pct / bench_l2c_pct;
	}
	/* the stage furthest below its benchmark is where the funnel loses most */
	if (out->has_v2l && out->has_l2c)
		out->weakest = out->v2l_vs_pct <= out->l2c_vs_pct ? 1 : 2;
	else
		out->weakest = out->has_v2l ? 1 : out->has_l2c ? 2 : 0;
	return out->weakest ? 0 : SMB_MKT_UNDEFINED;
}

int smb_mkt_roas(const smb_mkt_summary *s, double *out)
{
	if (!s->has_revenue || s->revenue_spend <= 0)
		return SMB_MKT_UNDEFINED;
	*out = s->revenue / s->revenue_spend;
	return 0;
}

int smb_mkt_hhi(const smb_mkt_summary *s, double *hhi, double *top_share_pct)
{
	double sum = 0, top = 0;

	if (s->new_customers <= 0)
		return SMB_MKT_UNDEFINED;
	for (size_t c = 0; c < s->n; c++) {
		double share = 100 * s->ch[c].new_customers / s->new_customers;
		sum += share * share;
		if (share > top)
			top = share;
	}
	*hhi = sum;
	*top_share_pct = top;
	return 0;
}

static int candidate(const smb_mkt_summary *s, const smb_mkt_channel *ch, double min_share_pct)
{
	return ch->spend > 0 && 100 * ch->spend / s->spend >= min_share_pct;
}

int smb_mkt_budget_shift(const smb_mkt_summary *s, double min_share_pct,
                         double shift_share, smb_mkt_shift *out)
{
	size_t best = (size_t)-1, worst = (size_t)-1, ncand = 0;
	double e_best = 0, e_worst = 0;

	memset(out, 0, sizeof *out);
	if (s->spend <= 0)
		return SMB_MKT_UNDEFINED;
	/* efficiency e = customers per unit spent: finite even where nobody is won */
	for (size_t c = 0; c < s->n; c++) {
		const smb_mkt_channel *ch = &s->ch[c];
		if (!candidate(s, ch, min_share_pct))
			continue;
		double e = ch->new_customers / ch->spend;
		ncand++;
		if (ch->new_customers > 0 && (best == (size_t)-1 || e > e_best))
			best = c, e_best = e;
		if (worst == (size_t)-1 || e < e_worst)
			worst = c, e_worst = e;
	}
	if (ncand < 2 || best == (size_t)-1 || best == worst)
		return SMB_MKT_UNDEFINED;
	out->best = best;
	out->worst = worst;
	out->cac_best = 1 / e_best;
	out->cac_ratio = e_worst / e_best;
	out->amount = shift_share * s->ch[worst].spend;
	out->customers = out->amount * (e_best - e_worst);
	return 0;
}

int smb_mkt_ltv_cac_worst(const smb_mkt_summary *s, double ltv, double min_share_pct,
                          double *out)
{
	int found = 0;
	double e_worst = 0;

	if (s->spend <= 0)
		return SMB_MKT_UNDEFINED;
	for (size_t c = 0; c < s->n; c++) {
		const smb_mkt_channel *ch = &s->ch[c];
		if (!candidate(s, ch, min_share_pct))
			continue;
		double e = ch->new_customers / ch->spend;
		if (!found || e < e_worst)
			e_worst = e, found = 1;
	}
	if (!found)
		return SMB_MKT_UNDEFINED;
	/* LTV / CAC = LTV * customers / spend */
	*out = ltv * e_worst;
	return 0;
}

int smb_mkt_payback_months(double cac, double ltv12, double gross_margin_pct, double *out)
{
	double monthly_profit = ltv12 / 12 * gross_margin_pct / 100;

	if (!(monthly_profit > 0) || !(cac >= 0) || !isfinite(monthly_profit))
		return SMB_MKT_UNDEFINED;
	*out = cac / monthly_profit;
	return 0;
}

void smb_mkt_field_name(const char *name, char *out, size_t size)
{
	size_t k = 0;

	if (size == 0)
		return;
	for (; name && *name && k + 1 < size; name++) {
		unsigned char ch = (unsigned char)*name;
		if (isalnum(ch) && ch < 128)
			out[k++] = (char)tolower(ch);
		else if (k > 0 && out[k - 1] != '_')
			out[k++] = '_';
	}
	while (k > 0 && out[k - 1] == '_')
		k--;
	out[k] = '\0';
}
