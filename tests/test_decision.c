/* Tests of lib/rules/decision.c (and the value texts of rules/criteria.c, core/text_value.c): the
 * criterion id list, an English and a Welsh template for every outcome of
 * every criterion id, the outcome names, the decision accessors (NULL-safe), the builder and its
 * message rendering, three-valued logic, value texts, and allocation failures. */
#include "support.h"

#include "rules_layer.h"
#include "rules_fixture.h"

/* ---- criterion ids and their messages ------------------------------------------------------------- */

static void criterion_ids_are_listed_once(void **state)
{
    (void)state;
    size_t n = ssat_criterion_id_count();
    assert_int_equal(n, 22 + 24 + 30); /* rules, case guards, case events (issue 15: voidable, entry_voided) */
    for (size_t i = 0; i < n; i++) {
        const char *id = ssat_criterion_id_at(i);
        assert_non_null(id);
        assert_true(strncmp(id, "referral.", 9) == 0 || strncmp(id, "absence.", 8) == 0 ||
                    strncmp(id, "penalty.", 8) == 0 || strncmp(id, "case.guard.", 11) == 0 ||
                    strncmp(id, "case.event.", 11) == 0);
        for (size_t k = 0; k < i; k++)
            assert_string_not_equal(id, ssat_criterion_id_at(k));
    }
    assert_null(ssat_criterion_id_at(n));
    assert_null(ssat_criterion_id_at((size_t)-1));
}

/* Done when: the Welsh and English messages exist for every criterion id. */
static void every_criterion_id_has_english_and_welsh_messages(void **state)
{
    (void)state;
    static const char *const outcomes[] = {"met", "not_met", "unknown"};
    for (size_t i = 0; i < ssat_criterion_id_count(); i++)
        for (size_t o = 0; o < 3; o++) {
            char id[128];
            snprintf(id, sizeof id, "%s.%s", ssat_criterion_id_at(i), outcomes[o]);
            const char *en = ssat__message_template(id, SSAT_LANG_EN);
            const char *cy = ssat__message_template(id, SSAT_LANG_CY);
            if (en == NULL || cy == NULL || en[0] == '\0' || cy[0] == '\0')
                fail_msg("message %s is missing in %s", id, en == NULL || en[0] == '\0' ? "English" : "Welsh");
            assert_string_not_equal(en, cy);
        }
}

/* The placeholders {1}..{9} a template uses, as a bit set. */
static unsigned placeholders(const char *t)
{
    unsigned set = 0;
    for (const char *p = t; *p != '\0'; p++)
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}')
            set |= 1u << (p[1] - '0');
    return set;
}

static bool is_decision_message(const char *id)
{
    return strncmp(id, "decision.", 9) == 0 || strncmp(id, "referral.", 9) == 0 ||
           strncmp(id, "absence.", 8) == 0 || strncmp(id, "penalty.", 8) == 0 || strncmp(id, "case.", 5) == 0;
}

/* Both tables hold the same decision messages in the same order, and each translation uses the same
 * arguments, so no value is lost in Welsh. */
static void tables_agree_on_decision_messages(void **state)
{
    (void)state;
    assert_int_equal(ssat__messages_en_count, ssat__messages_cy_count);
    size_t found = 0;
    for (size_t i = 0; i < ssat__messages_en_count; i++) {
        const ssat__message *en = &ssat__messages_en[i], *cy = &ssat__messages_cy[i];
        assert_string_equal(en->id, cy->id);
        if (!is_decision_message(en->id))
            continue;
        found++;
        if (placeholders(en->text) != placeholders(cy->text))
            fail_msg("%s: English and Welsh use different arguments:\n  %s\n  %s", en->id, en->text, cy->text);
    }
    assert_true(found >= 3 * ssat_criterion_id_count());
}

/* Every variant a rule asks for exists: render each criterion of real decisions and look for an unfilled
 * template id (the builder falls back to the id itself when a template is missing). */
static void rules_use_only_existing_templates(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f, "england-2024");
    fixture_add(&f, "Z", 4);
    ssat_decision *d[4] = {NULL, NULL, NULL, NULL};
    assert_ok(ssat_referral_evaluate(f.policy, f.reg, f.calendar, NULL, f.last, &d[0]));
    assert_ok(ssat_absence_evaluate(f.policy, f.reg, f.calendar, f.last, &d[1]));
    assert_ok(ssat_penalty_evaluate(f.policy, f.reg, f.calendar, f.pupil, f.parent, f.last, &d[2]));
    fixture_set_bool(&f, "penalty.warning.required", 0);
    fixture_set_bool(&f, "penalty.require_compulsory_age", 0);
    assert_ok(ssat_penalty_evaluate(f.policy, f.reg, f.calendar, f.pupil, f.parent, f.last, &d[3]));
    for (size_t k = 0; k < 4; k++) {
        for (size_t i = 0; i < ssat_decision_count(d[k]); i++) {
            const ssat_criterion *c = ssat_decision_at(d[k], i);
            if (strncmp(c->message_en, c->id, strlen(c->id)) == 0 || strncmp(c->message_cy, c->id, strlen(c->id)) == 0)
                fail_msg("%s has no template: %s", c->id, c->message_en);
        }
        ssat_decision_free(d[k]);
    }
    fixture_free(&f);
}

/* ---- outcomes ------------------------------------------------------------------------------------- */

static void outcome_names(void **state)
{
    (void)state;
    assert_string_equal(ssat_outcome_name(SSAT_OUTCOME_MET, SSAT_LANG_EN), "met");
    assert_string_equal(ssat_outcome_name(SSAT_OUTCOME_NOT_MET, SSAT_LANG_EN), "not met");
    assert_string_equal(ssat_outcome_name(SSAT_OUTCOME_UNKNOWN, SSAT_LANG_EN), "unknown");
    assert_string_equal(ssat_outcome_name(SSAT_OUTCOME_MET, SSAT_LANG_CY), "wedi'i fodloni");
    assert_string_equal(ssat_outcome_name(SSAT_OUTCOME_NOT_MET, SSAT_LANG_CY), "heb ei fodloni");
    assert_string_equal(ssat_outcome_name(SSAT_OUTCOME_UNKNOWN, SSAT_LANG_CY), "anhysbys");
    assert_string_equal(ssat_outcome_name((ssat_outcome)7, SSAT_LANG_EN), "");
    assert_string_equal(ssat_outcome_name(SSAT_OUTCOME_MET, SSAT_LANG_CY_EN), "wedi'i fodloni / met");
    assert_string_equal(ssat_outcome_name(SSAT_OUTCOME_MET, (ssat_lang)5), "");
}

static void three_valued_logic(void **state)
{
    (void)state;
    const ssat_outcome M = SSAT_OUTCOME_MET, N = SSAT_OUTCOME_NOT_MET, U = SSAT_OUTCOME_UNKNOWN;
    const ssat_outcome v[3] = {M, N, U};
    /* and: N wins, then U; or: M wins, then U */
    const ssat_outcome and_table[3][3] = {{M, N, U}, {N, N, N}, {U, N, U}};
    const ssat_outcome or_table[3][3] = {{M, M, M}, {M, N, U}, {M, U, U}};
    for (size_t a = 0; a < 3; a++)
        for (size_t b = 0; b < 3; b++) {
            assert_int_equal(ssat__outcome_and(v[a], v[b]), and_table[a][b]);
            assert_int_equal(ssat__outcome_or(v[a], v[b]), or_table[a][b]);
        }
}

/* ---- the object ----------------------------------------------------------------------------------- */

static void null_decision_is_safe(void **state)
{
    (void)state;
    ssat_decision_free(NULL);
    assert_string_equal(ssat_decision_kind(NULL), "");
    assert_int_equal(ssat_decision_outcome(NULL), SSAT_OUTCOME_UNKNOWN);
    assert_int_equal(ssat_decision_count(NULL), 0);
    assert_null(ssat_decision_at(NULL, 0));
    static const ssat_criterion sentinel = {0};
    const ssat_criterion *c = &sentinel; /* must come back NULL */
    assert_status_msg(ssat_decision_find(NULL, "absence.persistent", &c), SSAT_ERR_INVALID_ARG, "'decision'");
    assert_null(c);
    ssat_date when = 3;
    assert_status_msg(ssat_decision_earliest_date(NULL, &when), SSAT_ERR_INVALID_ARG, "'decision'");
    assert_int_equal(when, 0);
    assert_string_equal(ssat_criterion_message(NULL, SSAT_LANG_EN), "");
}

static ssat_decision *built(void)
{
    ssat__alloc a;
    assert_ok(ssat__alloc_resolve(&a, NULL, "test"));
    ssat_decision *d = NULL;
    assert_ok(ssat__decision_new("absence", &a, &d, "test"));
    ssat__text part = ssat__text_int(38), whole = ssat__text_int(380), pct = ssat__text_tenths(38, 380);
    ssat__text thr = ssat__text_percent(10, 1);
    ssat__crit c = {
        .id = "absence.persistent",
        .outcome = SSAT_OUTCOME_MET,
        .measure = SSAT_MEASURE_PERCENT,
        .value = 38,
        .whole = 380,
        .threshold = 10,
        .cmp = SSAT_CMP_GE,
        .args = {ssat__marg_text(part.s), ssat__marg_text(whole.s), ssat__marg_text(pct.s),
                 ssat__marg_cmp(SSAT_CMP_GE, thr.s), ssat__marg_date(test_date("2024-09-02")),
                 ssat__marg_date(test_date("2025-05-23"))},
        .nargs = 6,
    };
    assert_ok(ssat__decision_add(d, &c, "test"));
    ssat__crit u = {.id = "referral.r4.evidence", .outcome = SSAT_OUTCOME_UNKNOWN, .measure = SSAT_MEASURE_FACT,
                    .threshold = 1, .missing = "evidence check"};
    assert_ok(ssat__decision_add(d, &u, "test"));
    ssat__decision_set_outcome(d, SSAT_OUTCOME_MET);
    return d;
}

/* The shared message arguments: text, a sub-message, a date, a label (the id when the tables lack it)
 * and a list of labels, each rendered in both languages (the case's guards use them too). */
static const char *test_state_id(unsigned i)
{
    static const char *const ids[] = {"monitoring", "school_concern", "engagement", "referred"};
    return i < 4 ? ids[i] : "";
}

static void message_arguments_render_in_each_language(void **state)
{
    (void)state;
    char buf[160];
    ssat__marg t = ssat__marg_text("42");
    assert_string_equal(ssat__marg_render(&t, SSAT_LANG_CY, buf, sizeof buf), "42");
    ssat__marg cmp = ssat__marg_cmp(SSAT_CMP_GE, "85");
    assert_string_equal(ssat__marg_render(&cmp, SSAT_LANG_EN, buf, sizeof buf), "at or above the threshold of 85 %");
    ssat__marg date = ssat__marg_date(test_date("2025-07-18"));
    assert_string_equal(ssat__marg_render(&date, SSAT_LANG_CY, buf, sizeof buf), "18 Gorffennaf 2025");
    ssat__marg label = ssat__marg_label("case.state", "referred");
    assert_string_equal(ssat__marg_render(&label, SSAT_LANG_EN, buf, sizeof buf), "referred to the SSAT");
    assert_string_equal(ssat__marg_render(&label, SSAT_LANG_CY, buf, sizeof buf), "wedi'i atgyfeirio i'r SSAT");
    ssat__marg absent = ssat__marg_label("case.state", "no_such_state");
    assert_string_equal(ssat__marg_render(&absent, SSAT_LANG_EN, buf, sizeof buf), "no_such_state");
    ssat__marg list = ssat__marg_labels("case.state", (1u << 0) | (1u << 3), test_state_id);
    assert_string_equal(ssat__marg_render(&list, SSAT_LANG_EN, buf, sizeof buf), "monitoring, referred to the SSAT");
    assert_string_equal(ssat__marg_render(&list, SSAT_LANG_CY, buf, sizeof buf), "monitro, wedi'i atgyfeirio i'r SSAT");
    ssat__marg none = ssat__marg_labels("case.state", 0, test_state_id);
    assert_string_equal(ssat__marg_render(&none, SSAT_LANG_EN, buf, sizeof buf), "");
}

static void builder_renders_both_languages(void **state)
{
    (void)state;
    ssat_decision *d = built();
    assert_string_equal(ssat_decision_kind(d), "absence");
    assert_int_equal(ssat_decision_outcome(d), SSAT_OUTCOME_MET);
    assert_int_equal(ssat_decision_count(d), 2);
    const ssat_criterion *c = ssat_decision_at(d, 0);
    assert_string_equal(c->id, "absence.persistent");
    assert_int_equal(c->threshold_den, 1); /* 0 given: stored as 1 */
    assert_string_equal(c->missing, "");
    assert_string_equal(ssat_criterion_message(c, SSAT_LANG_EN),
                        "Absence from 2 September 2024 to 23 May 2025 was 38 of 380 sessions (10.0 %), which is at or "
                        "above the threshold of 10 %: the pupil is persistently absent");
    assert_string_equal(ssat_criterion_message(c, SSAT_LANG_CY),
                        "Rhwng 2 Medi 2024 a 23 Mai 2025, roedd absenoldeb yn 38 o 380 sesiwn (10.0 %), ac mae hynny'n "
                        "hafal i'r trothwy o 10 % neu'n uwch: mae'r disgybl yn absennol yn barhaus");
    /* Welsh first, then English on the next line, as a bilingual document has them */
    assert_string_equal(ssat_criterion_message(c, SSAT_LANG_CY_EN),
                        "Rhwng 2 Medi 2024 a 23 Mai 2025, roedd absenoldeb yn 38 o 380 sesiwn (10.0 %), ac mae hynny'n "
                        "hafal i'r trothwy o 10 % neu'n uwch: mae'r disgybl yn absennol yn barhaus\n"
                        "Absence from 2 September 2024 to 23 May 2025 was 38 of 380 sessions (10.0 %), which is at or "
                        "above the threshold of 10 %: the pupil is persistently absent");
    assert_string_equal(ssat_criterion_message(c, (ssat_lang)9), "");
    const ssat_criterion *u = NULL;
    assert_ok(ssat_decision_find(d, "referral.r4.evidence", &u));
    assert_ptr_equal(u, ssat_decision_at(d, 1));
    assert_string_equal(u->missing, "evidence check");
    assert_non_null(strstr(u->message_cy, "Nid yw'n hysbys a yw"));
    assert_string_equal(ssat_criterion_message(u, SSAT_LANG_CY_EN) + strlen(u->message_cy) + 1, u->message_en);
    assert_null(ssat_decision_at(d, 2));
    assert_status_msg(ssat_decision_find(d, "penalty.year_to_date", &u), SSAT_ERR_NOT_FOUND,
                      "the absence decision has no criterion \"penalty.year_to_date\"");
    assert_null(u);
    assert_status_msg(ssat_decision_find(d, NULL, &u), SSAT_ERR_INVALID_ARG, "'id'");
    assert_status_msg(ssat_decision_find(d, "x", NULL), SSAT_ERR_INVALID_ARG, "'out'");
    ssat_date when = 0;
    assert_status_msg(ssat_decision_earliest_date(d, &when), SSAT_ERR_NOT_FOUND, "no earliest date");
    assert_status_msg(ssat_decision_earliest_date(d, NULL), SSAT_ERR_INVALID_ARG, "'out'");
    ssat__decision_set_earliest(d, test_date("2025-01-10"));
    assert_ok(ssat_decision_earliest_date(d, &when));
    assert_int_equal(when, test_date("2025-01-10"));
    assert_int_equal(ssat__decision_outcome_of(d, "referral.r4.evidence"), SSAT_OUTCOME_UNKNOWN);
    assert_int_equal(ssat__decision_outcome_of(d, "absence.persistent"), SSAT_OUTCOME_MET);
    ssat_decision_free(d);
}

/* A failed add leaves the decision as it was; nothing leaks. */
static void builder_allocation_failures(void **state)
{
    (void)state;
    fail_heap h = {0, 0, 0};
    ssat_allocator user = fail_heap_allocator(&h);
    ssat__alloc a;
    assert_ok(ssat__alloc_resolve(&a, &user, "test"));
    ssat_decision *d = (ssat_decision *)&h;
    h.fail_at = 1;
    assert_status_msg(ssat__decision_new("referral", &a, &d, "test_fn"), SSAT_ERR_NOMEM, "test_fn");
    assert_null(d);
    h.fail_at = 0;
    assert_ok(ssat__decision_new("referral", &a, &d, "test_fn"));
    ssat__crit c = {.id = "referral.r6.on_roll", .outcome = SSAT_OUTCOME_MET, .measure = SSAT_MEASURE_FACT};
    for (size_t n = 1; n <= 2; n++) { /* the message block, then the array */
        h.calls = 0;
        h.fail_at = n;
        assert_status_msg(ssat__decision_add(d, &c, "test_fn"), SSAT_ERR_NOMEM, "test_fn");
        assert_int_equal(ssat_decision_count(d), 0);
    }
    h.fail_at = 0;
    assert_ok(ssat__decision_add(d, &c, "test_fn"));
    assert_int_equal(ssat_decision_count(d), 1);
    ssat_decision_free(d);
    assert_int_equal(h.live, 0);
}

/* ---- value texts ---------------------------------------------------------------------------------- */

static void value_texts(void **state)
{
    (void)state;
    assert_string_equal(ssat__text_percent(85, 1).s, "85");
    assert_string_equal(ssat__text_percent(875, 10).s, "87.5");
    assert_string_equal(ssat__text_percent(33333, 1000).s, "33.333");
    assert_string_equal(ssat__text_percent(5, 100).s, "0.05");
    assert_string_equal(ssat__text_percent(1250, 100).s, "12.5"); /* even if not reduced */
    assert_string_equal(ssat__text_percent(0, 1).s, "0");
    assert_string_equal(ssat__text_percent(100, 1).s, "100");
    assert_string_equal(ssat__text_tenths(323, 380).s, "85.0");
    assert_string_equal(ssat__text_tenths(322, 380).s, "84.7");
    assert_string_equal(ssat__text_tenths(2, 3).s, "66.7");
    assert_string_equal(ssat__text_tenths(0, 0).s, "-");
    assert_string_equal(ssat__text_int(-12).s, "-12");
    assert_string_equal(ssat__text_date(test_date("2025-02-28")).s, "2025-02-28");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(criterion_ids_are_listed_once),
        cmocka_unit_test(every_criterion_id_has_english_and_welsh_messages),
        cmocka_unit_test(tables_agree_on_decision_messages),
        cmocka_unit_test(rules_use_only_existing_templates),
        cmocka_unit_test(outcome_names),
        cmocka_unit_test(three_valued_logic),
        cmocka_unit_test(null_decision_is_safe),
        cmocka_unit_test(message_arguments_render_in_each_language),
        cmocka_unit_test(builder_renders_both_languages),
        cmocka_unit_test(builder_allocation_failures),
        cmocka_unit_test(value_texts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
