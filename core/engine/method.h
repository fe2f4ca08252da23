/* core/engine/method.h — the method fingerprint: everything besides the data that
 * decides an assessment's numbers, written as JSON and hashed, so two
 * assessments with equal fingerprints were produced the same way. */
#ifndef SMB_METHOD_H
#define SMB_METHOD_H

#include "cycle.h"

/* Sets cy->a->method (JSON) and cy->a->fingerprint (SHA-256 hex of it). */
int smb_method_describe(smb_cycle *cy);

#endif
