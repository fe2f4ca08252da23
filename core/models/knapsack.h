/* core/models/knapsack.h — the built-in exact solver for the planner's 0/1
 * multi-constraint knapsack with side constraints. The problem
 * and solution types are those of the plugin ABI, so a MIP plugin can stand in. */
#ifndef SMB_KNAPSACK_H
#define SMB_KNAPSACK_H

#include <stddef.h>

#include "smbopt/plugin.h"

/* Solve p exactly by branch-and-bound, or until p->time_limit seconds.
 * s->x must hold p->n bytes (the caller allocates it). On return 0:
 * - feasible=1: s->x is the best choice found, s->value its value,
 *   s->bound an upper bound on the optimum, optimal=1 when proven
 *   (then bound == value);
 * - feasible=0, optimal=1: no choice satisfies the constraints;
 * - feasible=0, optimal=0: the time limit came before any choice was found.
 * s->nodes counts branch-and-bound nodes. Weights must be >= 0 and every
 * number finite, except a capacity, which may be +infinity (no limit).
 * Returns -1 and fills err on bad input or when memory runs out. */
int smb_knapsack_solve(const smb_knapsack_problem *p, smb_knapsack_solution *s,
                       char *err, size_t errlen);

/* smb_knapsack_solve with the smb_solve_fn signature; ud is ignored. */
int smb_knapsack_solver(const smb_knapsack_problem *p, smb_knapsack_solution *s,
                        char *err, size_t errlen, void *ud);

/* 1 when x (n bytes of 0/1) satisfies every constraint of p, else 0;
 * *value (if not NULL) receives its value either way. Capacities are met
 * within a relative 1e-9. */
int smb_knapsack_check(const smb_knapsack_problem *p, const unsigned char *x,
                       double *value);

#endif
