/* The centre key: one 32-byte secret shared by every device of a centre (bua-sync keygen makes
 * it, the leader copies the file to each device). It seals the personal columns before they
 * leave a device (the server stores only the sealed box) and makes the borrower key, an opaque
 * join key the server may use to see that two devices registered the same card. */
#include "syn.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int syn_keygen(const char *path, char *msg, size_t msg_size)
{
    unsigned char k[SYN_KEY_BYTES];
    char hex[SYN_KEY_BYTES * 2 + 2] = "";
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        snprintf(msg, msg_size, "cannot make key file %s: %s%s", path, strerror(errno),
                 errno == EEXIST ? " (a key file is never overwritten: every device of the "
                                   "centre needs the same key)"
                                 : "");
        return -1;
    }
    randombytes_buf(k, sizeof k);
    sodium_bin2hex(hex, sizeof hex, k, sizeof k);
    sodium_memzero(k, sizeof k);
    size_t len = strlen(hex);
    hex[len++] = '\n';
    int rc = 0;
    if (fchmod(fd, 0600) != 0 || write(fd, hex, len) != (ssize_t)len || fsync(fd) != 0) {
        snprintf(msg, msg_size, "cannot write key file %s: %s", path, strerror(errno));
        rc = -1;
    }
    sodium_memzero(hex, sizeof hex);
    if (close(fd) != 0 && rc == 0) {
        snprintf(msg, msg_size, "cannot write key file %s: %s", path, strerror(errno));
        rc = -1;
    }
    if (rc != 0) {
        unlink(path);
    }
    return rc;
}

int syn_key_load(const char *path, SynKey *out, char *msg, size_t msg_size)
{
    char text[SYN_SECRET_MAX] = "";
    SynKey key;
    size_t got = 0;
    if (syn_secret_read(path, "key file", text, sizeof text, msg, msg_size) != 0) {
        return -1;
    }
    if (strlen(text) != SYN_KEY_BYTES * 2 ||
        sodium_hex2bin(key.k, sizeof key.k, text, strlen(text), NULL, &got, NULL) != 0 ||
        got != SYN_KEY_BYTES) {
        snprintf(msg, msg_size,
                 "key file %s does not hold a centre key (64 hex digits, made by bua-sync "
                 "keygen)",
                 path);
        sodium_memzero(text, sizeof text);
        return -1;
    }
    sodium_memzero(text, sizeof text);
    *out = key;
    sodium_memzero(&key, sizeof key);
    return 0;
}

char *syn_seal(const SynKey *key, const char *plain, size_t len)
{
    size_t box_len = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + len;
    unsigned char *box = malloc(box_len);
    if (box == NULL) {
        return NULL;
    }
    randombytes_buf(box, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, (const unsigned char *)plain, len, box,
                          key->k);
    size_t b64_len = sodium_base64_encoded_len(box_len, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = malloc(b64_len);
    if (b64 != NULL) {
        sodium_bin2base64(b64, b64_len, box, box_len, sodium_base64_VARIANT_ORIGINAL);
    }
    free(box);
    return b64;
}

char *syn_open(const SynKey *key, const char *b64)
{
    size_t b64_len = strlen(b64);
    size_t max = b64_len / 4 * 3 + 3;
    unsigned char *box = malloc(max);
    char *plain = NULL;
    size_t box_len = 0;
    if (box == NULL) {
        return NULL;
    }
    if (sodium_base642bin(box, max, b64, b64_len, "\n\r ", &box_len, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        box_len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
        goto out_free;
    }
    size_t len = box_len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
    plain = malloc(len + 1);
    if (plain == NULL) {
        goto out_free;
    }
    if (crypto_secretbox_open_easy((unsigned char *)plain, box + crypto_secretbox_NONCEBYTES,
                                   box_len - crypto_secretbox_NONCEBYTES, box, key->k) != 0) {
        free(plain);
        plain = NULL;
        goto out_free;
    }
    plain[len] = '\0';
out_free:
    free(box);
    return plain;
}

void syn_borrower_key(const SynKey *key, const char *card, char *hex, size_t hex_size)
{
    unsigned char h[crypto_generichash_BYTES];
    crypto_generichash(h, sizeof h, (const unsigned char *)card, strlen(card), key->k,
                       sizeof key->k);
    sodium_bin2hex(hex, hex_size, h, SYN_BK_BYTES); /* the first 16 bytes */
}
