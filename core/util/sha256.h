/* core/util/sha256.h — SHA-256 (FIPS 180-4), for import file hashes and method
 * fingerprints. */
#ifndef SMB_SHA256_H
#define SMB_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct smb_sha256 {
	uint32_t h[8];
	uint64_t len;
	unsigned char buf[64];
	size_t nbuf;
} smb_sha256;

void smb_sha256_init(smb_sha256 *s);
void smb_sha256_update(smb_sha256 *s, const void *data, size_t n);
void smb_sha256_final(smb_sha256 *s, unsigned char out[32]);
/* Lower-case hex of the digest, 65 bytes with NUL. */
void smb_sha256_hex(const unsigned char digest[32], char out[65]);
/* Hash of a whole file; returns 0 or -1 with errno set. */
int smb_sha256_file(const char *path, char out[65]);

#endif
