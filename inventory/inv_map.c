/* The import's small map: strings packed in one buffer (referred to by offset) and a string ->
 * integer hash map over them (open addressing, FNV-1a), so a file of a million loan rows finds
 * its items, borrowers and loan refs without a query each. */
#include "inv_import_int.h"

#include <stdlib.h>
#include <string.h>

bool inv__grow(void **v, size_t *cap, size_t size)
{
    size_t ncap = *cap ? *cap * 2 : 256;
    void *p = realloc(*v, ncap * size);
    if (p == NULL)
        return false;
    *v = p;
    *cap = ncap;
    return true;
}

static uint64_t hash_str(const char *k, size_t len)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)k[i];
        h *= 1099511628211ull;
    }
    return h;
}

const char *inv__str_at(const Strs *s, size_t off)
{
    return s->buf + off;
}

/* Copies a string into the Strs; its offset in *off. */
bool inv__str_add(Strs *s, const char *k, size_t *off)
{
    size_t len = strlen(k) + 1;
    if (s->len + len > s->cap) {
        size_t ncap = s->cap ? s->cap : 64 * 1024;
        while (ncap < s->len + len)
            ncap *= 2;
        char *p = realloc(s->buf, ncap);
        if (p == NULL)
            return false;
        s->buf = p;
        s->cap = ncap;
    }
    memcpy(s->buf + s->len, k, len);
    *off = s->len;
    s->len += len;
    return true;
}

bool inv__map_get(const Map *m, const Strs *s, const char *k, int64_t *val)
{
    if (m->cap == 0)
        return false;
    uint64_t h = hash_str(k, strlen(k));
    for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        const MapSlot *e = &m->slot[i];
        if (e->key == 0)
            return false;
        if (e->hash == h && strcmp(inv__str_at(s, e->key - 1), k) == 0) {
            *val = e->val;
            return true;
        }
    }
}

/* Adds key (already in the Strs at offset key) -> val; the key must not be in the map yet. */
bool inv__map_put(Map *m, const Strs *s, size_t key, int64_t val)
{
    if ((m->n + 1) * 2 > m->cap) {
        size_t ncap = m->cap ? m->cap * 2 : 1024;
        MapSlot *ns = calloc(ncap, sizeof(*ns));
        if (ns == NULL)
            return false;
        for (size_t i = 0; i < m->cap; i++) {
            if (m->slot[i].key == 0)
                continue;
            size_t j = m->slot[i].hash & (ncap - 1);
            while (ns[j].key != 0)
                j = (j + 1) & (ncap - 1);
            ns[j] = m->slot[i];
        }
        free(m->slot);
        m->slot = ns;
        m->cap = ncap;
    }
    const char *k = inv__str_at(s, key);
    uint64_t h = hash_str(k, strlen(k));
    size_t i = h & (m->cap - 1);
    while (m->slot[i].key != 0)
        i = (i + 1) & (m->cap - 1);
    m->slot[i] = (MapSlot){key + 1, h, val};
    m->n++;
    return true;
}
