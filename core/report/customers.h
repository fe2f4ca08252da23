/* core/report/customers.h — the per-customer table behind the customer area: each
 * customer's purchase summary, BG/NBD and Gamma-Gamma figures, CLV and RFM
 * segment, from the client's transactions up to a period's end. The models
 * are the customer plugin's own sources (plugins/customer/), compiled in. */
#ifndef SMB_CUSTOMERS_H
#define SMB_CUSTOMERS_H

#include "buf.h"
#include "error.h"
#include "registry.h"
#include "store.h"

typedef struct smb_customers_opts {
	const char *client;
	const char *period;
	double monthly_discount;     /* 0.01 */
	int months;                  /* CLV horizon, 12 */
	char *note;                  /* may be NULL: why columns are empty, for stderr */
	size_t notelen;
} smb_customers_opts;

/* Writes the table as csv (customer_id,x,t_x,T,p_alive,expected_purchases,
 * expected_spend,clv,rfm_segment) json ({models, customers[]}) or clv (one CLV a
 * line, for the report). Every
 * customer has a row: when BG/NBD cannot tell drop-out (or does not fit),
 * P(alive), expected purchases and CLV are empty (null), and when
 * Gamma-Gamma has no finite mean spend, spend and CLV are; the reason is in
 * the JSON's models and in o->note. */
int smb_customers_report(smb_store *s, const smb_registry *r, const smb_customers_opts *o, const char *format,
                         smb_buf *out, smb_err *e);

#endif
