#include "tap.h"
int main(void) { ok(1, "placeholder"); printf("1..%d\n", tap_n); return 0; }
