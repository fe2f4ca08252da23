/* core/engine/batch.c — many clients, one period, one process. The clients
 * are listed once; workers take the next one from a counter, so a slow
 * client never holds up the others. A worker owns a registry and a SQLite
 * connection for its whole life (playbook Lua states are single-threaded,
 * SQLite connections are not shared), and each assessment is its own
 * transaction: a killed batch loses only the clients in flight. */
#include "batch.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "method.h"
#include "period.h"
#include "store.h"

/* The method fingerprint of one industry, worked out before any cycle runs
 * so that a client assessed by the same method is skipped unread. */
typedef struct fingerprint {
	char *industry;
	char hex[65];
} fingerprint;

typedef struct batch {
	const smb_batch_opts *o;
	char period[SMB_PERIOD_TEXT];
	smb_client *clients;          /* the selected clients */
	size_t n;
	fingerprint *fps;
	size_t nfps;
	size_t next;                  /* the next client to take (atomic) */
	pthread_mutex_t lock;         /* guards done, the summary and o->done */
	pthread_mutex_t load_lock;    /* workers load their registries one at a time */
	size_t done;
	smb_batch_summary sum;
	int fatal;                    /* a worker could not start */
	smb_err fatal_err;
} batch;

unsigned smb_batch_shard_of(const char *client, unsigned n)
{
	uint64_t h = 1469598103934665603ULL;
	for (const unsigned char *p = (const unsigned char *)client; *p; p++) {
		h ^= *p;
		h *= 1099511628211ULL;
	}
	return n ? (unsigned)(h % n) + 1 : 1;
}

static const char *client_industry(const batch *b, const smb_client *c)
{
	return b->o->cycle.industry ? b->o->cycle.industry : c->industry;
}

static const char *fingerprint_of(const batch *b, const char *industry)
{
	for (size_t i = 0; i < b->nfps; i++)
		if (strcmp(b->fps[i].industry, industry) == 0)
			return b->fps[i].hex;
	return NULL;
}

/* What smb_method_describe would say of a cycle of this industry: it reads
 * only the registry, the options and the industry. */
static int add_fingerprint(batch *b, const char *industry)
{
	smb_assessment a;
	smb_cycle cy;
	fingerprint *f;

	if (fingerprint_of(b, industry))
		return 0;
	if (!(f = realloc(b->fps, (b->nfps + 1) * sizeof *f)))
		return -1;
	b->fps = f;
	f = &b->fps[b->nfps];
	memset(&a, 0, sizeof a);
	memset(&cy, 0, sizeof cy);
	cy.reg = b->o->reg;
	cy.o = &b->o->cycle;
	cy.industry = industry;
	cy.a = &a;
	if (smb_method_describe(&cy) || !(f->industry = strdup(industry))) {
		free(a.method);
		free(a.fingerprint);
		return -1;
	}
	snprintf(f->hex, sizeof f->hex, "%s", a.fingerprint);
	free(a.method);
	free(a.fingerprint);
	b->nfps++;
	return 0;
}

/* The latest assessment of the client for the period by this method. */
static long long existing(smb_store *s, const char *client, const char *period, const char *fp, double *overall,
                          char *level, size_t levellen)
{
	sqlite3_stmt *st;
	long long id = 0;

	if (sqlite3_prepare_v2(s->db, "SELECT id, overall, level FROM assessment WHERE client_id = ?1 AND period = ?2 "
	                              "AND fingerprint = ?3 AND id NOT IN (SELECT assessment_id FROM assessment_withdrawal) "
	                              "ORDER BY id DESC LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, client, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, period, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, fp, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		*overall = sqlite3_column_type(st, 1) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 1);
		snprintf(level, levellen, "%s", sqlite3_column_type(st, 2) == SQLITE_NULL ? "" :
		                                (const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_finalize(st);
	return id;
}

static void report(batch *b, smb_batch_result *r)
{
	pthread_mutex_lock(&b->lock);
	r->done = ++b->done;
	r->total = b->n;
	switch (r->status) {
	case SMB_BATCH_ASSESSED: b->sum.assessed++; break;
	case SMB_BATCH_PARTIAL: b->sum.partial++; break;
	case SMB_BATCH_SKIPPED: b->sum.skipped++; break;
	case SMB_BATCH_NO_DATA: b->sum.no_data++; break;
	default: b->sum.failed++; break;
	}
	if (b->o->done)
		b->o->done(b->o->ud, r);
	pthread_mutex_unlock(&b->lock);
}

static void assess_one(batch *b, smb_store *s, const smb_registry *reg, const smb_client *c)
{
	smb_cycle_opts co = b->o->cycle;
	smb_batch_result r;
	smb_assessment *a = NULL;
	smb_err e;
	char level[32];
	const char *fp = fingerprint_of(b, client_industry(b, c));

	memset(&r, 0, sizeof r);
	memset(&e, 0, sizeof e);
	r.client = c->id;
	r.overall = NAN;
	r.message = "";
	if (!b->o->redo && fp && (r.assessment = existing(s, c->id, b->period, fp, &r.overall, level, sizeof level))) {
		r.status = SMB_BATCH_SKIPPED;
		r.level = level[0] ? level : NULL;
		r.message = "already assessed for the period by the same method";
		report(b, &r);
		return;
	}
	co.client = c->id;
	r.rc = smb_assess(s, reg, &co, &a, &e);
	if (a) {
		r.assessment = a->id;
		r.overall = a->overall;
		r.level = a->level;
	}
	if (r.rc == SMB_OK) {
		r.status = SMB_BATCH_ASSESSED;
	} else if (r.rc == SMB_PARTIAL && a) {
		r.status = SMB_BATCH_PARTIAL;
		r.message = e.msg;
	} else {
		r.status = r.rc == SMB_ENOINPUT && strstr(e.msg, "no data") ? SMB_BATCH_NO_DATA : SMB_BATCH_FAILED;
		r.message = e.msg[0] ? e.msg : "failed";
	}
	report(b, &r);
	smb_assessment_free(a);
}

typedef struct worker {
	batch *b;
	unsigned index;
	pthread_t thread;
} worker;

static void fatal(batch *b, const smb_err *e)
{
	pthread_mutex_lock(&b->lock);
	if (!b->fatal) {
		b->fatal = e->rc ? e->rc : SMB_ESOFTWARE;
		b->fatal_err = *e;
	}
	pthread_mutex_unlock(&b->lock);
}

static void *work(void *arg)
{
	worker *w = arg;
	batch *b = w->b;
	smb_registry own;
	const smb_registry *reg = b->o->reg;
	smb_store *s = NULL;
	smb_err e;

	memset(&e, 0, sizeof e);
	/* Worker 0 uses the caller's registry; the others load their own. */
	if (w->index > 0) {
		/* one load at a time: plugin init functions were written for a
		 * process that loads once, and may not expect company */
		int bad;
		pthread_mutex_lock(&b->load_lock);
		if (!(bad = smb_registry_init(&own, &e)) && (bad = smb_registry_load(&own, b->o->load, &e)))
			smb_registry_free(&own);
		pthread_mutex_unlock(&b->load_lock);
		if (bad) {
			fatal(b, &e);
			return NULL;
		}
		reg = &own;
	}
	if (smb_store_open(b->o->db, SMB_OPEN_EXISTING, &s, &e)) {
		fatal(b, &e);
	} else {
		for (;;) {
			size_t i = __atomic_fetch_add(&b->next, 1, __ATOMIC_RELAXED);
			if (i >= b->n || __atomic_load_n(&b->fatal, __ATOMIC_RELAXED))
				break;
			assess_one(b, s, reg, &b->clients[i]);
		}
		smb_store_close(s);
	}
	if (w->index > 0)
		smb_registry_free(&own);
	return NULL;
}

/* The clients of the batch: by industry and shard, in id order. */
static int select_clients(batch *b, smb_err *e)
{
	const smb_batch_opts *o = b->o;
	smb_client *all;
	size_t n, k = 0;
	smb_store *s;
	int rc;

	if ((rc = smb_store_open(o->db, SMB_OPEN_EXISTING, &s, e)))
		return rc;
	rc = smb_client_list(s, &all, &n, e);
	smb_store_close(s);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++) {
		int keep = (!o->industry || strcmp(all[i].industry, o->industry) == 0) &&
		           (!o->nshards || smb_batch_shard_of(all[i].id, o->nshards) == o->shard);
		if (keep)
			all[k++] = all[i];
		else
			smb_client_free(&all[i]);
	}
	b->clients = all;
	b->n = k;
	return SMB_OK;
}

int smb_batch_run(const smb_batch_opts *o, smb_batch_summary *sum, smb_err *e)
{
	smb_period p;
	char why[128];
	batch b;
	worker *w = NULL;
	unsigned jobs = o->jobs ? o->jobs : 1, started = 0;
	int rc;

	memset(sum, 0, sizeof *sum);
	if (o->nshards && (o->shard < 1 || o->shard > o->nshards))
		return smb_err_set(e, SMB_EUSAGE, "shard %u/%u: K must be between 1 and N", o->shard, o->nshards);
	if (smb_period_parse(o->cycle.period, &p, why, sizeof why))
		return smb_err_set(e, SMB_EUSAGE, "--period %s: %s", o->cycle.period, why);
	memset(&b, 0, sizeof b);
	b.o = o;
	smb_period_format(&p, b.period);
	if ((rc = select_clients(&b, e)))
		return rc;
	for (size_t i = 0; i < b.n; i++)
		if (add_fingerprint(&b, client_industry(&b, &b.clients[i]))) {
			rc = smb_err_set(e, SMB_ESOFTWARE, "out of memory");
			goto done;
		}
	if (jobs > b.n)
		jobs = b.n ? (unsigned)b.n : 1;
	pthread_mutex_init(&b.lock, NULL);
	pthread_mutex_init(&b.load_lock, NULL);
	if (!(w = calloc(jobs, sizeof *w))) {
		rc = smb_err_set(e, SMB_ESOFTWARE, "out of memory");
		goto unlock;
	}
	for (unsigned i = 0; i < jobs; i++) {
		w[i].b = &b;
		w[i].index = i;
		if (pthread_create(&w[i].thread, NULL, work, &w[i]) != 0)
			break;
		started++;
	}
	for (unsigned i = 0; i < started; i++)
		pthread_join(w[i].thread, NULL);
	if (started == 0)
		rc = smb_err_set(e, SMB_ESOFTWARE, "cannot start a worker thread");
	else if (b.fatal)
		rc = smb_err_set(e, b.fatal, "%s", b.fatal_err.msg);
	else
		rc = b.sum.failed || b.sum.partial ? SMB_PARTIAL : SMB_OK;
	b.sum.total = b.n;
	*sum = b.sum;
	free(w);
unlock:
	pthread_mutex_destroy(&b.lock);
	pthread_mutex_destroy(&b.load_lock);
done:
	for (size_t i = 0; i < b.nfps; i++)
		free(b.fps[i].industry);
	free(b.fps);
	smb_client_list_free(b.clients, b.n);
	return rc;
}
