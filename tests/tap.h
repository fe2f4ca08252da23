/* tests/tap.h — a header-only TAP producer for the C unit tests.
 * Each assertion prints one "ok N" or "not ok N"; done_testing() prints the plan. */
#ifndef SMB_TAP_H
#define SMB_TAP_H

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static int tap_result(int pass, const char *fmt, va_list ap)
{
	tap_n++;
	if (!pass)
		tap_failed++;
	printf("%sok %d - ", pass ? "" : "not ", tap_n);
	vprintf(fmt, ap);
	printf("\n");
	fflush(stdout);
	return pass;
}

static int ok(int pass, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), unused));
static int ok(int pass, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tap_result(pass, fmt, ap);
	va_end(ap);
	return pass;
}

/* |got - want| <= tol, or both NaN; prints both on failure. */
static int is_num(double got, double want, double tol, const char *fmt, ...)
	__attribute__((format(printf, 4, 5), unused));
static int is_num(double got, double want, double tol, const char *fmt, ...)
{
	va_list ap;
	int pass = (isnan(got) && isnan(want)) || fabs(got - want) <= tol;
	va_start(ap, fmt);
	tap_result(pass, fmt, ap);
	va_end(ap);
	if (!pass)
		printf("#   got %.12g, want %.12g (tol %g)\n", got, want, tol);
	return pass;
}

static int is_int(long long got, long long want, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), unused));
static int is_int(long long got, long long want, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tap_result(got == want, fmt, ap);
	va_end(ap);
	if (got != want)
		printf("#   got %lld, want %lld\n", got, want);
	return got == want;
}

static int is_str(const char *got, const char *want, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), unused));
static int is_str(const char *got, const char *want, const char *fmt, ...)
{
	va_list ap;
	int pass = got && want ? strcmp(got, want) == 0 : got == want;
	va_start(ap, fmt);
	tap_result(pass, fmt, ap);
	va_end(ap);
	if (!pass)
		printf("#   got \"%s\", want \"%s\"\n", got ? got : "(null)", want ? want : "(null)");
	return pass;
}

static int done_testing(void) __attribute__((unused));
static int done_testing(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
