/* core/review/advice.c — the client's history read for the next cycle. An
 * adoption's ratio is the median over the metrics it promised to move of
 * realised / expected change (calibration table); one number per adoption,
 * so an initiative promising five metrics does not count five times. */
#include "advice.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, by_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int keep(smb_advice *adv, const char *s, const char **out)
{
	char **nv = realloc(adv->ids, (adv->nids + 1) * sizeof *nv);

	if (!nv)
		return -1;
	adv->ids = nv;
	if (!(nv[adv->nids] = strdup(s)))
		return -1;
	*out = nv[adv->nids++];
	return 0;
}

/* One learnt entry for initiative: q is the evidence, why says whose. */
static int learn(smb_advice *adv, const char *initiative, double q, const char *why)
{
	smb_cycle_learnt *nv = realloc(adv->learnt, (adv->nlearnt + 1) * sizeof *nv);
	char reason[256];

	if (!nv)
		return -1;
	adv->learnt = nv;
	nv[adv->nlearnt].factor = q < SMB_ADVICE_FLOOR ? SMB_ADVICE_FLOOR : q > 1 ? 1 : q;
	snprintf(reason, sizeof reason, "confidence x %.2f: %s its realised effects came out at %.2f of the promise",
	         nv[adv->nlearnt].factor, why, q);
	if (keep(adv, initiative, &nv[adv->nlearnt].initiative) || keep(adv, reason, &nv[adv->nlearnt].reason))
		return -1;
	adv->nlearnt++;
	return 0;
}

/* Rows (initiative, client, ratio) ordered by initiative then client:
 * per adoption the median ratio; per initiative the client's own (below 0
 * lowers confidence) or, over SMB_ADVICE_FIRM_MIN adoptions or more, the
 * firm-wide median (below SMB_ADVICE_FIRM_BELOW lowers it). */
static int load_learnt(smb_store *s, const char *client, smb_advice *adv, smb_err *e)
{
	sqlite3_stmt *st;
	double ratios[256], adoptions[256], own = NAN;
	size_t nr = 0, na = 0;
	char cur_i[128] = "", cur_c[128] = "";
	int rc, step, done = 0;

	if ((rc = smb_store_prepare(s, "SELECT initiative_id, client_id, ratio FROM calibration WHERE ratio IS NOT NULL"
	                               " ORDER BY initiative_id, client_id", &st, e)))
		return rc;
	while (!done) {
		const char *in = NULL, *cl = NULL;
		step = sqlite3_step(st);
		if (step == SQLITE_ROW) {
			in = (const char *)sqlite3_column_text(st, 0);
			cl = (const char *)sqlite3_column_text(st, 1);
		} else {
			done = 1;
		}
		/* an adoption ends: its median joins the initiative's list */
		if (nr && (done || !in || !cl || strcmp(in, cur_i) != 0 || strcmp(cl, cur_c) != 0)) {
			double m = median(ratios, nr);
			if (na < sizeof adoptions / sizeof *adoptions)
				adoptions[na++] = m;
			if (strcmp(cur_c, client) == 0)
				own = m;
			nr = 0;
		}
		/* an initiative ends: decide */
		if (na && (done || !in || strcmp(in, cur_i) != 0)) {
			char why[128];
			int err = 0;
			if (!isnan(own) && own < 0) {
				err = learn(adv, cur_i, own, "for this client");
			} else if (na >= SMB_ADVICE_FIRM_MIN) {
				double m = median(adoptions, na);
				snprintf(why, sizeof why, "across %zu adoptions (median),", na);
				if (m < SMB_ADVICE_FIRM_BELOW)
					err = learn(adv, cur_i, m, why);
			}
			if (err) {
				sqlite3_finalize(st);
				return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
			}
			na = 0;
			own = NAN;
		}
		if (done || !in || !cl)
			continue;
		snprintf(cur_i, sizeof cur_i, "%s", in);
		snprintf(cur_c, sizeof cur_c, "%s", cl);
		if (nr < sizeof ratios / sizeof *ratios)
			ratios[nr++] = sqlite3_column_double(st, 2);
	}
	rc = step == SQLITE_DONE ? SMB_OK : smb_store_error(s, "reading the calibration", e);
	sqlite3_finalize(st);
	return rc;
}

int smb_advice_load(smb_store *s, const char *client, smb_advice *adv, smb_err *e)
{
	int rc;

	memset(adv, 0, sizeof *adv);
	if ((rc = smb_adoption_list(s, client, &adv->ad, &adv->nad, e)))
		return rc;
	if (adv->nad && !(adv->adopted = calloc(adv->nad, sizeof *adv->adopted))) {
		smb_advice_free(adv);
		return smb_err_set(e, SMB_ESOFTWARE, "out of memory");
	}
	/* Dropped ones may come back: only the others are under way. */
	for (size_t i = 0; i < adv->nad; i++)
		if (strcmp(adv->ad[i].status, "dropped") != 0)
			adv->adopted[adv->nadopted++] = (smb_cycle_adopted){ adv->ad[i].initiative_id, adv->ad[i].status,
			                                                     adv->ad[i].start_period, adv->ad[i].end_period };
	if ((rc = load_learnt(s, client, adv, e)))
		smb_advice_free(adv);
	return rc;
}

void smb_advice_apply(const smb_advice *adv, smb_cycle_opts *o)
{
	o->adopted = adv->adopted;
	o->nadopted = adv->nadopted;
	o->learnt = adv->learnt;
	o->nlearnt = adv->nlearnt;
}

void smb_advice_free(smb_advice *adv)
{
	smb_adoption_list_free(adv->ad, adv->nad);
	free(adv->adopted);
	free(adv->learnt);
	for (size_t i = 0; i < adv->nids; i++)
		free(adv->ids[i]);
	free(adv->ids);
	memset(adv, 0, sizeof *adv);
}
