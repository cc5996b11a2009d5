/* The case trail's hash chain: what makes an edit of a saved case visible on load.
 *
 * Each trail entry carries the hash of its content and of the previous entry's hash; the first entry
 * chains to a "genesis" hash of the pupil id and the policy name, so moving a trail to another pupil or
 * policy breaks it too. The document records the head (the last entry's hash) and a seal over the head,
 * the count of entries chained by a migration, the pupil record and the pack, which change outside
 * the trail. The hash is SHA-256, or HMAC-SHA-256 with a key the caller holds: without the key nobody
 * can write a trail that verifies (docs/case-trail.md says what this proves and what not).
 *
 * Every text goes in as "<length>:<bytes>;" so that no two different entries hash the same bytes. */
#include "case_internal.h"

#include <stdio.h>

static void put_text(ssat__mac *m, const char *s)
{
    char len[24];
    size_t n = strlen(s);
    int k = snprintf(len, sizeof len, "%zu:", n);
    ssat__mac_update(m, len, (size_t)k);
    ssat__mac_update(m, s, n);
    ssat__mac_update(m, ";", 1);
}

static void put_number(ssat__mac *m, uint64_t v)
{
    char buf[24];
    (void)snprintf(buf, sizeof buf, "%llu", (unsigned long long)v);
    put_text(m, buf);
}

static void start(const ssat_case *c, ssat__mac *m, const char *what)
{
    ssat__mac_init(m, c->key, c->key_len);
    put_text(m, what);
}

static void finish(ssat__mac *m, char *out)
{
    uint8_t d[SSAT__SHA256_SIZE];
    ssat__mac_final(m, d);
    ssat__sha256_hex(d, out);
}

static void compute_genesis(ssat_case *c)
{
    ssat__mac m;
    start(c, &m, "ssat-case-chain/2 genesis");
    put_text(&m, c->pupil_id);
    put_text(&m, ssat_policy_name(c->policy));
    finish(&m, c->genesis);
}

ssat_status ssat__case_set_key(ssat_case *c, const char *key, size_t key_len, const char *fn)
{
    if (c->key != NULL) {
        ssat__wipe(c->key, c->key_len);
        ssat__free(&c->alloc, c->key, c->key_len);
        c->key = NULL;
        c->key_len = 0;
    }
    if (key != NULL) {
        c->key = ssat__malloc(&c->alloc, key_len);
        if (c->key == NULL)
            return ssat__nomem(fn);
        memcpy(c->key, key, key_len);
        c->key_len = key_len;
    }
    compute_genesis(c);
    return SSAT_OK;
}

void ssat__chain_entry(const ssat_case *c, const char *prev, const ssat_trail_entry *e, char *out)
{
    ssat__mac m;
    start(c, &m, "ssat-case-chain/2 entry");
    put_text(&m, prev);
    put_number(&m, e->sequence);
    put_text(&m, e->event);
    put_text(&m, ssat__text_date(e->date).s);
    put_text(&m, e->actor);
    put_text(&m, e->role);
    put_text(&m, e->parent_id);
    put_text(&m, e->detail);
    put_text(&m, e->note);
    put_text(&m, ssat__case_state_id(e->state_before));
    put_text(&m, ssat__case_state_id(e->state_after));
    put_text(&m, e->guard_values);
    finish(&m, out);
}

const char *ssat__chain_head(const ssat_case *c)
{
    return c->trail_count > 0 ? c->trail[c->trail_count - 1]->hash : c->genesis;
}

ssat_status ssat__chain_seal(const ssat_case *c, char *out, const char *fn)
{
    char *pack = NULL;
    if (ssat_pack_to_json(c->pack, &pack) != SSAT_OK)
        return ssat__nomem(fn);
    ssat__mac m;
    start(c, &m, "ssat-case-chain/2 seal");
    put_text(&m, ssat__chain_head(c));
    put_number(&m, c->chain_migrated);
    ssat_date dob = 0;
    put_text(&m, ssat_pupil_date_of_birth(c->pupil, &dob) == SSAT_OK ? ssat__text_date(dob).s : "");
    for (int k = 0; k < SSAT_PUPIL_FACT_COUNT; k++)
        put_number(&m, (uint64_t)ssat_pupil_get_fact(c->pupil, (ssat_pupil_fact)k));
    put_text(&m, pack);
    ssat_free(pack);
    finish(&m, out);
    return SSAT_OK;
}

/* ---- public ------------------------------------------------------------------------------------------ */

const char *ssat_case_chain_head(const ssat_case *c)
{
    return c != NULL ? ssat__chain_head(c) : "";
}

int32_t ssat_case_chain_keyed(const ssat_case *c)
{
    return c != NULL && c->key != NULL ? 1 : 0;
}

size_t ssat_case_chain_migrated(const ssat_case *c)
{
    return c != NULL ? c->chain_migrated : 0;
}
