/* core/models/lp.h — the dense bounded dual simplex behind the knapsack bounds.
 * Internal to the planner (core/models/knapsack.c); not part of the public API. */
#ifndef SMB_LP_H
#define SMB_LP_H

#include <stddef.h>

enum { SMB_LP_BASIC = 0, SMB_LP_LOWER = 1, SMB_LP_UPPER = 2 };

/* The LP max c.x s.t. A x + s = b, 0 <= x <= 1 (or fixed), s >= 0.
 * Columns 0..n-1 are the items, n..N-1 the slacks of the R rows. The caller
 * owns A, b and c and keeps them alive and unchanged while the LP is used;
 * the LP owns only its scratch (smb_lp_init / smb_lp_free). */
typedef struct smb_lp {
	size_t n, R, N;         /* items, rows, columns (N = n + R) */
	const double *A;        /* R x n, rows scaled to unit size */
	const double *b;        /* R */
	const double *c;        /* n: values */
	double dtol;            /* dual tolerance, relative to the largest value */
	size_t *cand;           /* dual ratio test scratch, N each */
	double *ratio;
} smb_lp;

/* One tableau, the LP state of one search level. Invariant after
 * smb_lp_dual_simplex() returns 1: every basic value is within its bounds
 * and every nonbasic reduced cost (in minimisation form) has the sign of its
 * bound (>= 0 at lower, <= 0 at upper) up to the dual tolerance. */
typedef struct smb_lp_slot {
	double *tab;            /* R x N: row i is B^-1 A for the variable basic in row i */
	double *beta;           /* R: values of the basic variables */
	double *d;              /* N: reduced costs of min -c.x */
	size_t *head;           /* R: column basic in row i */
	unsigned char *stat;    /* N: SMB_LP_* */
} smb_lp_slot;

/* fix, wherever taken, holds n entries: 1 fixed at 1, -1 fixed at 0, 0 free. */

/* Set up L over the caller's rows; returns -1 when memory runs out (then
 * smb_lp_free is still safe). */
int smb_lp_init(smb_lp *L, size_t n, size_t R, const double *A, const double *b,
                const double *c, double dtol);
void smb_lp_free(smb_lp *L);

/* Bytes one slot takes, for budgeting warm-start tableaux. */
size_t smb_lp_slot_bytes(const smb_lp *L);
int smb_lp_slot_alloc(const smb_lp *L, smb_lp_slot *S);
void smb_lp_slot_free(smb_lp_slot *S);
void smb_lp_slot_copy(const smb_lp *L, smb_lp_slot *to, const smb_lp_slot *from);

/* Load the slack basis (dual feasible whatever the fixings). */
void smb_lp_cold(const smb_lp *L, smb_lp_slot *S, const signed char *fix);

/* Fix item j at v (0 or 1) in the tableau; returns 1 when the primal values
 * changed or j is basic (the dual simplex must then run again). */
int smb_lp_fix(const smb_lp *L, smb_lp_slot *S, size_t j, int v);

/* Returns 1 at an optimum, 0 when the LP is infeasible, -1 when it gave up
 * (iteration limit), in which case the tableau is not to be trusted. */
int smb_lp_dual_simplex(const smb_lp *L, smb_lp_slot *S, const signed char *fix);

/* smb_lp_dual_simplex from S as it is when warm, else from a cold start;
 * a warm start that gives up is retried cold. Returns as it does. */
int smb_lp_solve(const smb_lp *L, smb_lp_slot *S, const signed char *fix, int warm);

/* A Lagrangian bound from the slot's duals, computed on the original rows,
 * so valid for any round-off. Fills y (R) with the duals and rc (n) with
 * the reduced costs c_j - y.A_j. */
double smb_lp_lagrange(const smb_lp *L, const smb_lp_slot *S, const signed char *fix,
                       double *y, double *rc);

/* Driebeck-Tomlin penalties: lower bounds on what the LP loses when the
 * item basic in row r, at value f, is pushed up to 1 (*up) or down to 0. */
void smb_lp_penalties(const smb_lp *L, const smb_lp_slot *S, const signed char *fix,
                      size_t r, double f, double *up, double *down);

#endif
