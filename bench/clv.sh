#!/bin/sh
# bench/clv.sh — times the BG/NBD + Gamma-Gamma fits of plugins/customer on a
# simulated 25,000-customer cohort (bench/clv_bench.c), then fits the same
# cohort with a plain-Python peer: the same log-likelihoods written the
# obvious way (math.lgamma per customer) and a textbook Nelder-Mead, since
# scipy/numpy are not assumed. Environment: CC, CUSTOMERS, SEED, REPEATS,
# PEER=0 to skip the Python peer.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
tmp=${TMPDIR:-/tmp}/smb-clv-bench.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT INT TERM

CC=${CC:-cc}
$CC -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra \
	-o "$tmp/clv_bench" "$here/clv_bench.c" \
	"$top/plugins/customer/bgnbd.c" "$top/plugins/customer/gammagamma.c" \
	"$top/plugins/customer/rfm.c" "$top/plugins/customer/summary.c" \
	"$top/plugins/customer/special.c" -lm

echo "== C (plugins/customer, damped Newton with analytic Hessian, $($CC --version | head -n 1))"
"$tmp/clv_bench" "${CUSTOMERS:-25000}" "${SEED:-19970930}" "${REPEATS:-21}" "$tmp/cohort.txt"

if [ "${PEER:-1}" = 0 ] || ! command -v python3 >/dev/null 2>&1; then
	echo "== Python peer skipped"
	exit 0
fi
if python3 -c 'import scipy' >/dev/null 2>&1; then
	echo "(scipy is installed; the peer below still uses plain Python only)"
fi

echo "== Python peer ($(python3 --version 2>&1), plain Python, Nelder-Mead on log-parameters)"
python3 - "$tmp/cohort.txt" <<'EOF'
import math, sys, time

rows = [line.split() for line in open(sys.argv[1])]
x = [int(float(r[0])) for r in rows]
tx = [float(r[1]) for r in rows]
T = [float(r[2]) for r in rows]
m = [float(r[3]) for r in rows]
lg, log, exp = math.lgamma, math.log, math.exp

def bgnbd_nll(th):
    r, al, a, b = (exp(v) for v in th)
    ll = 0.0
    for xi, ti, Ti in zip(x, tx, T):
        A = lg(r + xi) - lg(r) + r * log(al)
        B = lg(a + b) + lg(b + xi) - lg(b) - lg(a + b + xi)
        C = -(r + xi) * log(al + Ti)
        if xi > 0:
            D = log(a) - log(b + xi - 1) - (r + xi) * log(al + ti)
            hi = max(C, D)
            ll += A + B + hi + log(exp(C - hi) + exp(D - hi))
        else:
            ll += A + B + C
    return -ll

rep = [(xi, mi) for xi, mi in zip(x, m) if xi > 0 and mi > 0]

def gg_nll(th):
    p, q, g = (exp(v) for v in th)
    ll = 0.0
    for xi, mi in rep:
        px = p * xi
        ll += (lg(px + q) - lg(px) - lg(q) + q * log(g) + (px - 1) * log(mi)
               + px * log(xi) - (px + q) * log(g + mi * xi))
    return -ll

def nelder_mead(f, x0, step=0.5, ftol=1e-9, xtol=1e-7, maxeval=20000):
    n = len(x0)
    pts = [list(x0)] + [[x0[j] + (step if j == i else 0.0) for j in range(n)] for i in range(n)]
    vals = [f(p) for p in pts]
    evals = n + 1
    while evals < maxeval:
        order = sorted(range(n + 1), key=lambda i: vals[i])
        pts = [pts[i] for i in order]
        vals = [vals[i] for i in order]
        size = max(abs(pts[i][j] - pts[0][j]) for i in range(1, n + 1) for j in range(n))
        if vals[-1] - vals[0] <= ftol * (1 + abs(vals[0])) and size <= xtol:
            break
        cen = [sum(p[j] for p in pts[:-1]) / n for j in range(n)]
        def along(t):
            return [cen[j] + t * (pts[-1][j] - cen[j]) for j in range(n)]
        xr = along(-1.0); fr = f(xr); evals += 1
        if fr < vals[0]:
            xe = along(-2.0); fe = f(xe); evals += 1
            pts[-1], vals[-1] = (xe, fe) if fe < fr else (xr, fr)
        elif fr < vals[-2]:
            pts[-1], vals[-1] = xr, fr
        else:
            xc = along(-0.5) if fr < vals[-1] else along(0.5)
            fc = f(xc); evals += 1
            if fc < min(fr, vals[-1]):
                pts[-1], vals[-1] = xc, fc
            else:
                for i in range(1, n + 1):
                    pts[i] = [pts[0][j] + 0.5 * (pts[i][j] - pts[0][j]) for j in range(n)]
                    vals[i] = f(pts[i])
                evals += n
    return pts[0], vals[0], evals

# the same starting points as the C fits
t0 = time.perf_counter()
th, nll, ev = nelder_mead(bgnbd_nll, [0.0, log(sum(T) / sum(x)), 0.0, 0.0])
t1 = time.perf_counter()
r, al, a, b = (exp(v) for v in th)
print("BG/NBD  fitted r=%.4f alpha=%.4f a=%.4f b=%.4f LL=%.3f (%d evaluations)" % (r, al, a, b, -nll, ev))
mean = sum(mi for _, mi in rep) / len(rep)
t2 = time.perf_counter()
th, nll, ev = nelder_mead(gg_nll, [0.0, log(2.0), log(mean)])
t3 = time.perf_counter()
p, q, g = (exp(v) for v in th)
print("Gamma-Gamma fitted p=%.3f q=%.3f gamma=%.3f LL=%.3f on %d customers (%d evaluations)" % (p, q, g, -nll, len(rep), ev))
print("fit wall time (one run):")
print("  BG/NBD       %8.0f ms" % (1e3 * (t1 - t0)))
print("  Gamma-Gamma  %8.0f ms" % (1e3 * (t3 - t2)))
print("  both         %8.0f ms" % (1e3 * (t1 - t0 + t3 - t2)))
EOF
