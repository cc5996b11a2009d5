/* Tests of the case trail's hash chain (lib/case/case_chain.c): the genesis, each entry's hash and the head,
 * deterministic and kept by replay; keyed chains (HMAC-SHA-256) load only with their key, and a trail
 * forged under another key does not. Edits of saved documents: tests/test_case_json.c
 * (tampering_detected, unchained_documents_migrate). */
/* These tests call ssat_case_apply() too, the deprecated wrapper kept until the SOVERSION changes. */
#define SSAT_DISABLE_DEPRECATION_WARNINGS
#include "support.h"

#include "case_fixture.h"

static char *text_of(const ssat_case *c)
{
    char *t = NULL;
    assert_ok(ssat_case_to_json(c, &t));
    return t;
}

/* The head and the entries' hashes: deterministic, exposed, and the head is the last entry's hash. */
static void chain_head_and_hashes(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    const char *genesis = ssat_case_chain_head(x.c);
    assert_int_equal(strlen(genesis), 64);
    char first[65];
    memcpy(first, genesis, 65);
    case_fx_apply(&x, "concern_raised", "2024-09-20", NULL, NULL);
    const ssat_trail_entry *e = ssat_case_trail_at(x.c, 0);
    assert_int_equal(strlen(e->hash), 64);
    assert_string_equal(ssat_case_chain_head(x.c), e->hash);
    assert_string_not_equal(e->hash, first);
    assert_int_equal(ssat_case_chain_keyed(x.c), 0);
    assert_int_equal(ssat_case_chain_migrated(x.c), 0);
    assert_string_equal(ssat_case_chain_head(NULL), "");
    /* The same events on another case of the same pupil give the same hashes; replay keeps them. */
    ssat_case *r = NULL;
    assert_ok(ssat_case_replay(x.c, &r));
    assert_string_equal(ssat_case_chain_head(r), e->hash);
    ssat_case_free(r);
    case_fx_free(&x);
}

static const char key32[] = "0123456789abcdef0123456789abcdef";

/* A keyed chain loads only with its key; a wrong key is named as a possible cause. */
static void keyed_chain(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    ssat_case *c = NULL;
    assert_status_msg(ssat_case_new_keyed("P1", x.f.policy, "short", 5, &c), SSAT_ERR_INVALID_ARG,
                      "argument 'key' must be 16 to 4096 bytes long (it is 5)");
    assert_status_msg(ssat_case_new_keyed("P1", x.f.policy, NULL, 0, &c), SSAT_ERR_INVALID_ARG, "'key'");
    assert_null(c);
    assert_ok(ssat_case_new_keyed("P1", x.f.policy, key32, 32, &c));
    assert_int_equal(ssat_case_chain_keyed(c), 1);
    assert_ok(ssat_case_apply(c, NULL, NULL, "concern_raised", D("2024-09-20"), "Ms Jones", "Head of Year 8", NULL,
                              NULL, NULL, NULL));
    char *t = text_of(c);
    assert_non_null(strstr(t, "\"algorithm\": \"hmac-sha256\""));
    ssat_case *l = NULL;
    assert_status_msg(ssat_case_from_json(t, strlen(t), x.f.policy, &l), SSAT_ERR_STATE,
                      "field chain.algorithm: the trail is keyed (hmac-sha256): load it with its key");
    assert_status_msg(ssat_case_from_json_keyed(t, strlen(t), x.f.policy, "0123456789abcdefX", 17, &l),
                      SSAT_ERR_STATE, "broken at entry 1 (concern_raised on 2024-09-20): the entry was changed, or "
                      "an entry before it was removed or inserted, after it was written (or the key is not the one");
    assert_null(l);
    assert_ok(ssat_case_from_json_keyed(t, strlen(t), x.f.policy, key32, 32, &l));
    assert_true(ssat_case_equal(c, l));
    assert_int_equal(ssat_case_chain_migrated(l), 0);
    ssat_case_free(l);
    /* Someone without the key who edits the actor and chains the trail again under another key (or
     * none) does not get past the key holder's load. */
    ssat_case *forged = NULL;
    assert_ok(ssat_case_new_keyed("P1", x.f.policy, "another key, 16+ bytes", 22, &forged));
    assert_ok(ssat_case_apply(forged, NULL, NULL, "concern_raised", D("2024-09-20"), "Mr Forger", "Head of Year 8",
                              NULL, NULL, NULL, NULL));
    char *f = text_of(forged);
    assert_status_msg(ssat_case_from_json_keyed(f, strlen(f), x.f.policy, key32, 32, &l), SSAT_ERR_STATE,
                      "broken at entry 1");
    ssat_free(f);
    ssat_case_free(forged);
    ssat_free(t);
    ssat_case_free(c);
    case_fx_free(&x);
}

/* The chain's bytes are a format: saved cases depend on them. These hashes were computed independently
 * (Python's hashlib over the "<length>:<bytes>;" fields that docs/case-trail.md describes). */
static void chain_format_is_stable(void **state)
{
    (void)state;
    case_fx x;
    case_fx_init(&x);
    assert_string_equal(ssat_case_chain_head(x.c), "f0f936fdd4ab1a381e9adc3e493fa229f02733f0455a8ecd39082a040b031038");
    case_fx_apply(&x, "concern_raised", "2024-09-20", NULL, NULL);
    assert_string_equal(ssat_case_trail_at(x.c, 0)->guard_values, "state=monitoring");
    assert_string_equal(ssat_case_chain_head(x.c), "3aa3a0d2902f5291c02b788dc9626770bfc44ecd949b50ff023b9fe930b74b54");
    case_fx_free(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(chain_head_and_hashes),
        cmocka_unit_test(keyed_chain),
        cmocka_unit_test(chain_format_is_stable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
