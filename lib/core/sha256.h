/* Internal: SHA-256 (FIPS 180-4) and HMAC-SHA-256 (RFC 2104), for the case trail's hash chain
 * (case_chain.c). Written here rather than taken from a crypto library: the chain needs one hash and
 * one MAC over a few kilobytes per save, and libssat otherwise depends only on jansson. Not installed. */
#ifndef SSAT_SHA256_H
#define SSAT_SHA256_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SSAT__SHA256_SIZE 32
#define SSAT__SHA256_HEX (2 * SSAT__SHA256_SIZE + 1) /* hex digits and the NUL */

typedef struct ssat__sha256 {
    uint32_t h[8];
    uint64_t bytes;   /* message length so far */
    uint8_t buf[64];  /* a partial block */
    size_t used;
} ssat__sha256;

void ssat__sha256_init(ssat__sha256 *s);
void ssat__sha256_update(ssat__sha256 *s, const void *data, size_t len);
void ssat__sha256_final(ssat__sha256 *s, uint8_t out[SSAT__SHA256_SIZE]);

/* SHA-256, or HMAC-SHA-256 when a key is given (key == NULL: plain SHA-256; a key of 0 bytes is a key). */
typedef struct ssat__mac {
    ssat__sha256 inner;
    uint8_t opad_key[64]; /* the key block xor 0x5c, for the outer hash */
    bool keyed;
} ssat__mac;

void ssat__mac_init(ssat__mac *m, const uint8_t *key, size_t key_len);
void ssat__mac_update(ssat__mac *m, const void *data, size_t len);
void ssat__mac_final(ssat__mac *m, uint8_t out[SSAT__SHA256_SIZE]);
/* Lower-case hex of a digest into buf (SSAT__SHA256_HEX bytes). */
void ssat__sha256_hex(const uint8_t digest[SSAT__SHA256_SIZE], char *buf);
/* Overwrite memory that held a key, in a way the compiler keeps. */
void ssat__wipe(void *p, size_t n);

#endif /* SSAT_SHA256_H */
